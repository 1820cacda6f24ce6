//! Submission templates (报送模板): one workbook per unit that comes back through a run
//! without a single problem. The 填报单位 line is filled in, the item-list header
//! (序号 标题 发布日期 栏目 链接) is frozen, 栏目 offers a dropdown of the sections the
//! unit answers for, 发布日期 takes dates only, and a 填表说明 sheet says how to fill it
//! in. Offices on old software get the same table as a GB18030 CSV.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::coverage::names;
use crate::model::{Period, Section};
use crate::write::{
    Book, Check, Entry, Look, Orientation, PORTRAIT_UNITS, PageSetup, Sheet, Validation, Value,
    WriteError, file_name, save_bytes, units_of,
};

/// The item-list header of every template, in this order.
pub(crate) const HEADER: [&str; 5] = ["序号", "标题", "发布日期", "栏目", "链接"];
const ENTRIES: [Entry; 5] = [
    Entry::Number,
    Entry::Text,
    Entry::Date,
    Entry::Text,
    Entry::Text,
];
const DATE_COL: u16 = 2;
const SECTION_COL: u16 = 3;
/// Blank rows drawn with borders, as many as a portrait page holds with the title
/// above and the instructions below; people add rows as they need.
const BORDERED_ROWS: u32 = 34;
/// Rows the dropdown and the date check reach.
const CHECKED_ROWS: u32 = 2000;
/// The name of the instructions sheet; the layout stage expects it to hold no table.
pub(crate) const INSTRUCTIONS: &str = "填表说明";
/// Rows of the instructions sheet above its text lines (the title).
const ABOVE_LINES: u32 = 1;
/// Rows between the text lines and the list of sections (a blank row and a heading).
const ABOVE_OPTIONS: u32 = 2;

/// One unit's template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub unit: String,
    /// The 栏目 dropdown's options, each a name the run resolves to one section.
    pub options: Vec<String>,
    /// Whether the unit answers for no section, so that every section is offered.
    pub all_sections: bool,
}

impl Template {
    /// The template of `unit`, offering the sections of `sections` it answers for (all of
    /// them when it answers for none).
    pub(crate) fn new(unit: &str, sections: &[Section]) -> Self {
        let labels = labels(sections);
        let own: Vec<usize> = (0..sections.len())
            .filter(|&i| sections[i].responsible.iter().any(|u| u == unit))
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
            unit: unit.to_string(),
            options,
            all_sections,
        }
    }

    /// The file name without extension: `民政局-信息公开报送表`, safe on any system.
    pub(crate) fn file_stem(&self) -> String {
        file_name(&format!("{}-信息公开报送表", self.unit))
    }

    /// Writes the template workbook: the unit's sheet, then 填表说明. `year` is the
    /// working year, which bounds the dates accepted (as the run's plausibility check
    /// does) and shows in the examples; `period`, where given, names the file to send.
    ///
    /// # Errors
    /// [`WriteError`] when the workbook cannot be written.
    pub(crate) fn write_xlsx(
        &self,
        workspace: &str,
        year: i32,
        period: Option<Period>,
        path: &Path,
    ) -> Result<(), WriteError> {
        let mut book = Book::new();
        let lines = self.instructions(year, period);
        let first_option = Self::first_option(lines.len());
        let mut sheet = book.sheet(&self.unit, Look::Data)?;
        self.table(&mut sheet, workspace, year, first_option)?;
        // Under the blank rows, read back as a note (it opens with 填表说明).
        let last = (HEADER.len() - 1) as u16;
        sheet.note(&format!("填表说明：\n{}", lines.join("\n")), last)?;
        let mut notes = book.sheet(INSTRUCTIONS, Look::Data)?;
        self.instructions_sheet(&mut notes, &lines)?;
        book.save(path)
    }

    /// The unit's sheet: title, 填报单位 line, frozen header, blank rows and their checks,
    /// printed on one portrait page.
    fn table(
        &self,
        sheet: &mut Sheet<'_>,
        workspace: &str,
        year: i32,
        first_option: u32,
    ) -> Result<(), WriteError> {
        let last = (HEADER.len() - 1) as u16;
        sheet.title(&format!("{workspace}政务公开信息报送表"), last)?;
        sheet.note(&format!("填报单位：{}", self.unit), last)?;
        sheet.header(&HEADER)?;
        let (first, _) = sheet.blank_rows(BORDERED_ROWS, &ENTRIES)?;
        let rows = (first, first + CHECKED_ROWS - 1);
        let ((from, to), (prompt, error)) = (date_range(year), date_texts(year));
        let dates = Validation {
            check: Check::Date { from, to },
            prompt: &prompt,
            error: &error,
            strict: true,
        };
        sheet.validate(rows, DATE_COL, &dates)?;
        // The run checks each item's section against the sections table.
        let error = "该栏目不在本单位的可选栏目中。确需填写的，请点“是”保留，汇总时会提示核对";
        self.offer_sections(sheet, rows, SECTION_COL, first_option, error)?;
        // The columns fill a portrait page; 栏目 as wide as its options allow.
        let widest = self
            .options
            .iter()
            .map(|o| units_of(o, 11.0))
            .fold(8.0, f64::max);
        let section = (widest + 1.0).min(18.0);
        let widths = [5.0, PORTRAIT_UNITS - 36.0 - section, 11.0, section, 20.0];
        for (col, width) in (0u16..).zip(widths) {
            sheet.set_width(col, width);
        }
        sheet.page_setup(PageSetup::data_in(Orientation::Portrait))?;
        sheet.print_on_one_page()
    }

    /// The 栏目 dropdown on `rows` of column `col`: the options 填表说明 lists from its row
    /// `first_option` on (see [`Template::instructions_sheet`]). Other text may be kept
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
                prompt: "请从下拉列表中选择栏目（可选栏目列在“填表说明”表中）",
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
        sheet.note(heading, 0)?;
        for option in &self.options {
            sheet.row(&[Value::from(option)])?;
        }
        Ok(())
    }

    fn instructions(&self, year: i32, period: Option<Period>) -> Vec<String> {
        let unit = &self.unit;
        // The file name to send: the period's own, or a month and a quarter as examples
        // (a quarterly workspace sends quarters).
        let name = match period {
            Some(p) => format!("“{unit}-{}.xlsx”", p.label_zh()),
            None => {
                format!("“{unit}-{year}年4月.xlsx”（按季度报送的写“{unit}-{year}年第2季度.xlsx”）")
            }
        };
        vec![
            format!(
                "1. 本表由{unit}填报：每发布一条政务公开信息填写一行。请勿改动表名、“填报单位”一行和表头，不要增删列，也不要填写合计行，条数由汇总时统计。"
            ),
            "2. 序号：可不填。".into(),
            "3. 标题：填写信息的完整标题，与网站上发布的一致。".into(),
            format!(
                "4. 发布日期：填写信息在网站上发布的日期，写作 {year}-04-05 或 {year}/4/5，不要写成“4月5日”或“四月五日”。"
            ),
            "5. 栏目：从下拉列表中选择，可选栏目列在“填表说明”工作表中；确需填写其他栏目的，请写栏目表中的名称。".into(),
            "6. 链接：填写信息的网址，如 http://www.example.gov.cn/art/1.html；没有网址的可不填。".into(),
            format!(
                "7. 同一条信息只填一次。填完后请将文件另存为{name}这样带单位和报送期的名称再报送。"
            ),
        ]
    }

    /// Writes the template as CSV in GB18030 (what Excel and WPS on Chinese Windows
    /// open directly): the 填报单位 line and the header.
    ///
    /// # Errors
    /// [`WriteError`] when the file cannot be written.
    pub(crate) fn write_csv(&self, path: &Path) -> Result<(), WriteError> {
        let text = format!(
            "{}\r\n{}\r\n",
            csv_field(&format!("填报单位：{}", self.unit)),
            HEADER.join(",")
        );
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        save_bytes(&bytes, path)
    }
}

/// Writes a template for each of `units` into `dir` (xlsx, or CSV when `csv`); returns
/// the paths written, in the order of `units`.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn write_all(
    units: &[&str],
    sections: &[Section],
    workspace: &str,
    year: i32,
    period: Option<Period>,
    dir: &Path,
    csv: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut taken = HashSet::new();
    let mut written = Vec::with_capacity(units.len());
    for unit in units {
        let template = Template::new(unit, sections);
        let ext = if csv { "csv" } else { "xlsx" };
        let path = dir.join(unique_name(&mut taken, &template.file_stem(), ext));
        if csv {
            template.write_csv(&path)?;
        } else {
            template.write_xlsx(workspace, year, period, &path)?;
        }
        written.push(path);
    }
    Ok(written)
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

/// The dates the run finds plausible for a working year: five years back to one ahead.
pub(super) fn date_range(year: i32) -> (NaiveDate, NaiveDate) {
    // A year outside chrono's range gives NaiveDate::MIN, which the date check then
    // refuses with an error rather than a panic.
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    (day(year - 5, 1, 1), day(year + 1, 12, 31))
}

/// What the date check tells a person: the prompt, and the message for a wrong date.
fn date_texts(year: i32) -> (String, String) {
    (
        format!("请填写信息的发布日期，如 {year}-04-05"),
        format!(
            "请填写 {}—{} 年之间的日期，写作 {year}-04-05 或 {year}/4/5，不要写成“4月5日”",
            year - 5,
            year + 1
        ),
    )
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
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
    use crate::model::{Frequency, Source};

    fn section(levels: [&str; 3], responsible: &[&str]) -> Section {
        Section {
            levels: levels.map(String::from),
            content: String::new(),
            responsible: responsible.iter().map(|s| s.to_string()).collect(),
            responsible_text: responsible.join("、"),
            frequency: Frequency::Every(crate::model::Interval::Month),
            frequency_text: "每月".into(),
            domain: None,
            source: Source {
                file: "reference/sections.csv".into(),
                sheet: "Sheet1".into(),
                row: 2,
            },
        }
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
            let t = Template::new(unit, &s);
            assert!(!t.all_sections);
            let mut picked = Vec::new();
            for option in &t.options {
                let i = index.resolve(option, Some(unit)).unwrap();
                assert!(
                    s[i].responsible.iter().any(|u| u == unit),
                    "{unit} {option}"
                );
                picked.push(i);
            }
            let own = s.iter().filter(|x| x.responsible.iter().any(|u| u == unit));
            picked.sort_unstable();
            picked.dedup();
            assert_eq!(picked.len(), own.count(), "{unit}: {:?}", t.options);
        }
        assert_eq!(
            Template::new("政府办", &s).options,
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
        let t = Template::new("教育局", &s);
        assert!(t.all_sections);
        assert_eq!(t.options.len(), 5);
        assert!(Template::new("教育局", &[]).options.is_empty());
    }

    #[test]
    fn template_file_names_cannot_leave_their_folder() {
        let t = Template::new("../县/民政:局*", &[]);
        assert_eq!(t.file_stem(), "_县_民政_局_-信息公开报送表");
        let dir = tempfile::tempdir().unwrap();
        let units = ["a/b", "a_b", "A_B"];
        let written = write_all(&units, &[], "大英县", 2018, None, dir.path(), true).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "a_b-信息公开报送表.csv",
                "a_b-信息公开报送表(2).csv",
                "A_B-信息公开报送表(3).csv"
            ]
        );
        assert!(written.iter().all(|p| p.parent() == Some(dir.path())));
    }

    #[test]
    fn the_csv_template_is_gb18030_with_the_unit_line_and_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        Template::new("民政局", &[]).write_csv(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "not GB18030");
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "填报单位：民政局\r\n序号,标题,发布日期,栏目,链接\r\n");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
