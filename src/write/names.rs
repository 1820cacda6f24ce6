//! Names zwgk gives to sheets and files, built from unit and section names that
//! came from submissions: made valid for Excel (sheets) and for Windows and Linux
//! (files), never empty, and unique within a workbook.

use std::collections::HashSet;

/// Excel's limit on a sheet name, in UTF-16 code units.
pub(crate) const SHEET_NAME_MAX: usize = 31;
/// The longest file name stem written, in bytes: Linux allows 255 per name and the
/// caller still adds an extension and, when the target is locked, `（新）`.
const FILE_STEM_MAX_BYTES: usize = 180;
/// The name given when nothing usable is left.
const UNNAMED_SHEET: &str = "工作表";
const UNNAMED_FILE: &str = "未命名";

/// A valid Excel sheet name for `raw`: at most 31 characters, none of `[]:*?/\` (each
/// becomes `_`) or control characters, not empty, not starting or ending with `'`,
/// and not Excel's reserved `History`.
pub(crate) fn sheet_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .filter_map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => Some('_'),
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\'')
            .to_string()
    };
    let name = trim(cut_utf16(&trim(&cleaned), SHEET_NAME_MAX));
    if name.is_empty() {
        UNNAMED_SHEET.to_string()
    } else if name.eq_ignore_ascii_case("history") {
        format!("{name}_")
    } else {
        name
    }
}

/// The sheet names of one workbook, handing out each name once: a repeated name
/// gets `(2)`, `(3)` … within the 31-character limit (Excel compares names
/// without regard to case).
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    /// A valid name for `raw` that no earlier call returned.
    pub(crate) fn unique(&mut self, raw: &str) -> String {
        let base = sheet_name(raw);
        if self.taken.insert(base.to_lowercase()) {
            return base;
        }
        let mut n = 2u32;
        loop {
            let suffix = format!("({n})");
            let room = SHEET_NAME_MAX - utf16_len(&suffix);
            let stem = cut_utf16(&base, room);
            let name = format!("{stem}{suffix}");
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

/// A file name (without folder) for `raw`, safe on Windows and Linux: no path
/// separators, none of `<>:"|?*` (each becomes `_`), no control characters, no
/// leading or trailing dots or spaces, not a Windows device name such as `CON`,
/// at most 180 bytes, and never empty, `.` or `..`.
pub(crate) fn file_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .filter_map(|c| match c {
            '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*' => Some('_'),
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| c.is_whitespace() || c == '.')
            .to_string()
    };
    let name = trim(cut_bytes(&trim(&cleaned), FILE_STEM_MAX_BYTES));
    if name.is_empty() {
        UNNAMED_FILE.to_string()
    } else if is_windows_device(&name) {
        format!("_{name}")
    } else {
        name
    }
}

/// `CON`, `nul.txt`, `COM1` …: names Windows will not create a file under.
fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit())
}

pub(crate) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The longest prefix of `s` of at most `max` UTF-16 code units (Excel's measure),
/// never splitting a character.
pub(crate) fn cut_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

fn cut_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn valid_sheet_name(name: &str) -> bool {
        !name.is_empty()
            && utf16_len(name) <= SHEET_NAME_MAX
            && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
            && !name.chars().any(char::is_control)
            && !name.starts_with('\'')
            && !name.ends_with('\'')
            && !name.eq_ignore_ascii_case("history")
    }

    #[test]
    fn sheet_names_lose_forbidden_characters_and_length() {
        assert_eq!(sheet_name("完成情况"), "完成情况");
        assert_eq!(
            sheet_name("2026/11 [汇总]: 民政局?"),
            "2026_11 _汇总__ 民政局_"
        );
        assert_eq!(sheet_name("'引号'"), "引号");
        assert_eq!(sheet_name("  \u{3000}"), "工作表");
        assert_eq!(sheet_name("History"), "History_");
        let long = "县".repeat(40);
        assert_eq!(sheet_name(&long), "县".repeat(31));
        // A character outside the BMP takes two of Excel's 31 units.
        assert_eq!(utf16_len(&sheet_name(&"𠀀".repeat(20))), 30);
    }

    #[test]
    fn repeated_sheet_names_get_numbered_suffixes() {
        let mut names = SheetNames::default();
        assert_eq!(names.unique("明细"), "明细");
        assert_eq!(names.unique("明细"), "明细(2)");
        assert_eq!(names.unique("明细"), "明细(3)");
        assert_eq!(names.unique("Sheet"), "Sheet");
        assert_eq!(names.unique("SHEET"), "SHEET(2)");
        let long = "局".repeat(31);
        assert_eq!(names.unique(&long), long);
        assert_eq!(names.unique(&long), format!("{}(2)", "局".repeat(28)));
    }

    #[test]
    fn file_names_cannot_escape_their_folder() {
        assert_eq!(file_name("民政局"), "民政局");
        assert_eq!(file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_name(".."), "未命名");
        assert_eq!(
            file_name("  a<b>c:d\"e|f?g*h\\i/j\n "),
            "a_b_c_d_e_f_g_h_i_j"
        );
        assert_eq!(file_name("CON"), "_CON");
        assert_eq!(file_name("lpt1.txt"), "_lpt1.txt");
        assert_eq!(file_name("COM10"), "COM10");
        assert!(file_name(&"局".repeat(100)).len() <= FILE_STEM_MAX_BYTES);
    }

    proptest! {
        #[test]
        fn any_input_gives_a_valid_sheet_name(raw in "\\PC*|[\\[\\]:*?/\\\\' \\x00-\\x1f]{0,40}") {
            let name = sheet_name(&raw);
            prop_assert!(valid_sheet_name(&name), "{raw:?} -> {name:?}");
            prop_assert_eq!(sheet_name(&name), name.clone(), "not idempotent");
        }

        #[test]
        fn unique_names_are_valid_and_distinct(raws in prop::collection::vec("\\PC{0,40}|'{1,3}|明细", 1..30)) {
            let mut names = SheetNames::default();
            let mut seen = HashSet::new();
            for raw in &raws {
                let name = names.unique(raw);
                prop_assert!(valid_sheet_name(&name), "{raw:?} -> {name:?}");
                prop_assert!(seen.insert(name.to_lowercase()), "{name:?} twice");
            }
        }

        #[test]
        fn any_input_gives_a_safe_file_name(raw in "\\PC*|[./\\\\<>:\"|?* \\x00-\\x1f]{0,20}") {
            let name = file_name(&raw);
            prop_assert!(!name.is_empty() && name != "." && name != "..");
            prop_assert!(!name.contains(['/', '\\', '<', '>', ':', '"', '|', '?', '*']));
            prop_assert!(!name.chars().any(char::is_control));
            prop_assert!(name.trim() == name && !name.ends_with('.'));
            prop_assert!(name.len() <= FILE_STEM_MAX_BYTES + 1);
            prop_assert!(!is_windows_device(&name));
            prop_assert_eq!(std::path::Path::new(&name).components().count(), 1);
        }
    }
}
