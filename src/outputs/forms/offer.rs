//! The sections a form offers a unit (the 栏目 dropdown of the 报送表 and the 统计表),
//! listed on the 填表说明 sheet; and what the forms share: file names that cannot
//! collide, the dates the run finds plausible, and CSV fields.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::coverage::{Words, names};
use crate::model::Section;
use crate::write::{Check, Sheet, Validation, Value, WriteError};

/// The name of the instructions sheet; the layout stage expects it to hold no table.
pub(crate) const INSTRUCTIONS: &str = "填表说明";
/// Rows of the instructions sheet above its text lines (the title).
const ABOVE_LINES: u32 = 1;
/// Rows between the text lines and the list of sections (a blank row and a heading).
const ABOVE_OPTIONS: u32 = 2;

/// The sections a form offers one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Offer {
    /// The 栏目 dropdown's options, each a name the run resolves to one section.
    pub options: Vec<String>,
    /// Whether the unit answers for no section, so that every section is offered.
    pub all_sections: bool,
    /// 栏目 or 领域, in the prompt and the list's heading.
    words: Words,
}

impl Offer {
    /// What `unit` is offered: the sections of `sections` it answers for (all of them
    /// when it answers for none), called as `words` call them.
    pub(crate) fn new(unit: &str, sections: &[Section], words: Words) -> Self {
        let labels = labels(sections);
        let own: Vec<usize> = (0..sections.len())
            .filter(|&i| sections[i].responsible.iter().any(|u| &**u == unit))
            .collect();
        let all_sections = own.is_empty();
        let offered: Vec<usize> = if all_sections {
            (0..sections.len()).collect()
        } else {
            own
        };
        let mut options: Vec<String> = Vec::new();
        for i in offered {
            if !options.contains(&labels[i]) {
                options.push(labels[i].clone());
            }
        }
        Self {
            options,
            all_sections,
            words,
        }
    }

    /// The 栏目 dropdown on `rows` of column `col`: the options 填表说明 lists from its row
    /// `first_option` on (see [`Offer::instructions_sheet`]). Other text may be kept
    /// after the warning `error`.
    ///
    /// # Errors
    /// [`WriteError`] when the check cannot be written.
    pub(crate) fn offer_sections(
        &self,
        sheet: &mut Sheet<'_>,
        rows: (u32, u32),
        col: u16,
        first_option: u32,
        error: &str,
    ) -> Result<(), WriteError> {
        if self.options.is_empty() {
            return Ok(());
        }
        let last_option = first_option + self.options.len() as u32 - 1;
        let prompt = (self.words).reword("请从下拉列表中选择栏目（可选栏目列在“填表说明”表中）");
        let list = Check::List {
            sheet: INSTRUCTIONS,
            col: 0,
            rows: (first_option, last_option),
        };
        sheet.validate(
            rows,
            col,
            &Validation {
                check: list,
                prompt: &prompt,
                error,
                strict: false,
            },
        )
    }

    /// The row of 填表说明 where the list of sections begins, under `lines` lines of text.
    pub(crate) fn first_option(lines: usize) -> u32 {
        ABOVE_LINES + lines as u32 + ABOVE_OPTIONS
    }

    /// The 填表说明 sheet: the text lines, then the sections the dropdown offers.
    pub(crate) fn instructions_sheet(
        &self,
        sheet: &mut Sheet<'_>,
        lines: &[String],
    ) -> Result<(), WriteError> {
        sheet.set_width(0, 100.0);
        sheet.title(INSTRUCTIONS, 0)?;
        for line in lines {
            sheet.note(line, 0)?;
        }
        sheet.skip(1);
        let heading = if self.options.is_empty() {
            "本工作目录没有栏目表，栏目请按本单位网站的栏目名称填写。"
        } else if self.all_sections {
            "可选栏目（栏目表中没有指定本单位负责的栏目，以下为全部栏目）："
        } else {
            "可选栏目（本单位负责的栏目）："
        };
        sheet.note(&self.words.reword(heading), 0)?;
        for option in &self.options {
            sheet.row(&[Value::from(option)])?;
        }
        Ok(())
    }
}

/// `stem.ext`, or `stem(2).ext` … when an earlier file of the same run took that name:
/// two unit names that sanitise alike must not overwrite each other.
pub(super) fn unique_name(taken: &mut HashSet<String>, stem: &str, ext: &str) -> String {
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{stem}({n}).{ext}");
        n += 1;
    }
    name
}

/// The name a person picks each section by: its own name where no other section has
/// that name, else its levels joined by `/`, which the run narrows by the upper levels.
pub(crate) fn labels(sections: &[Section]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in sections {
        *seen.entry(names::key(s.name())).or_default() += 1;
    }
    sections
        .iter()
        .map(|s| {
            // Every section's key was counted just above.
            if seen.get(&names::key(s.name())).is_some_and(|&n| n > 1) {
                s.path()
            } else {
                s.name().to_string()
            }
        })
        .collect()
}

/// The dates the run counts for a working year: those of the year itself.
pub(super) fn date_range(year: i32) -> (NaiveDate, NaiveDate) {
    // A year outside chrono's range gives NaiveDate::MIN, which the date check then
    // refuses with an error rather than a panic.
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    (day(year, 1, 1), day(year, 12, 31))
}

/// What the date check of a column labelled `label` tells a person: the prompt, and
/// the message for a wrong date.
pub(super) fn date_texts(label: &str, year: i32) -> (String, String) {
    (
        format!("请填写{label}，如 {year}-04-05"),
        format!(
            "请填写 {year} 年的日期，写作 {year}-04-05 或 {year}/4/5，不要写成“4月5日”；其他年度的信息不计入，不必填报"
        ),
    )
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
pub(super) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::resolve::SectionIndex;
    use crate::model::{Frequency, Interval};

    fn section(levels: [&str; 3], responsible: &[&str]) -> Section {
        Section::for_test(levels, responsible, Frequency::Every(Interval::Month))
    }

    /// Two sections named 通知公告 under different parents, one section whose name is a
    /// higher level of others, and a level-1-only section.
    fn sections() -> Vec<Section> {
        vec![
            section(["政务动态", "通知公告", ""], &["民政局", "政府办"]),
            section(["政务动态", "部门动态", ""], &["民政局"]),
            section(["专题专栏", "通知公告", ""], &["政府办"]),
            section(["政务动态", "", ""], &["财政局"]),
            section(["政策解读", "", ""], &["政府办", "民政局"]),
        ]
    }

    #[test]
    fn every_option_resolves_to_a_section_the_unit_answers_for() {
        let s = sections();
        let index = SectionIndex::new(&s);
        for unit in ["民政局", "政府办", "财政局"] {
            let t = Offer::new(unit, &s, Words::Sections);
            assert!(!t.all_sections);
            let mut picked = Vec::new();
            for option in &t.options {
                let i = index.resolve(option, Some(unit)).unwrap();
                assert!(
                    s[i].responsible.iter().any(|u| &**u == unit),
                    "{unit} {option}"
                );
                picked.push(i);
            }
            let own = s
                .iter()
                .filter(|x| x.responsible.iter().any(|u| &**u == unit));
            picked.sort_unstable();
            picked.dedup();
            assert_eq!(picked.len(), own.count(), "{unit}: {:?}", t.options);
        }
        assert_eq!(
            Offer::new("政府办", &s, Words::Sections).options,
            ["政务动态/通知公告", "专题专栏/通知公告", "政策解读"]
        );
    }

    #[test]
    fn the_instructions_sheet_is_one_the_layout_stage_expects_without_a_table() {
        assert!(crate::layout::INSTRUCTION_SHEETS.contains(&INSTRUCTIONS));
    }

    #[test]
    fn a_unit_without_sections_is_offered_all_of_them() {
        let s = sections();
        let t = Offer::new("教育局", &s, Words::Sections);
        assert!(t.all_sections);
        assert_eq!(t.options.len(), 5);
        assert!(
            Offer::new("教育局", &[], Words::Sections)
                .options
                .is_empty()
        );
    }
}
