//! The blank forms (信息公开报送表, 目录编制表, 联系人登记表, 统计表, 自评表), declared as
//! data in `templates/` (TOML, the office's copy winning): each form's title, the lines
//! above its table, its columns (label, width, what they hold, the choices offered, the
//! part of an indicator they are filled with), the rows it fills in beforehand and its
//! 填表说明. Placeholders: `{workspace}`, `{unit}`, `{domain}`, `{year}`, `{file}`.

use std::path::Path;

use serde::Deserialize;

use crate::layout::{Attr, Field, field_of};
use crate::templates::{self, TemplateError};
use crate::write::Entry;

/// What a blank cell will hold, as a definition names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Holds {
    #[default]
    Text,
    Number,
    Date,
}

impl From<Holds> for Entry {
    fn from(h: Holds) -> Self {
        match h {
            Holds::Text => Entry::Text,
            Holds::Number => Entry::Number,
            Holds::Date => Entry::Date,
        }
    }
}

/// One column of a form's table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Column {
    pub(crate) label: String,
    /// Width in characters.
    pub(crate) width: f64,
    #[serde(default, rename = "entry")]
    holds: Holds,
    /// The values its dropdown offers; none for free text.
    #[serde(default)]
    pub(crate) choices: Vec<String>,
    /// Whether its dropdown offers the unit's own sections (every section when the unit
    /// answers for none), listed on 填表说明 as the 报送表 lists them.
    #[serde(default)]
    pub(crate) sections: bool,
    /// The part of an indicator it is filled with beforehand, on a form whose rows are
    /// the unit's indicators.
    #[serde(default)]
    pub(crate) indicator: Option<Part>,
}

/// A part of an indicator of the indicator table, as a self-assessment form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Part {
    Level1,
    Level2,
    Level3,
    Points,
    /// 评分细则, with the 佐证要求 after it.
    Rule,
}

impl Column {
    /// What its blank cells hold.
    pub(crate) fn entry(&self) -> Entry {
        self.holds.into()
    }
}

/// A cell of a line above the table: a label, or a blank to fill in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub(crate) enum LineCell {
    Label(String),
    Blank { blank: BlankCell },
}

/// What a blank cell of a line above the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum BlankCell {
    Text,
    Date,
}

/// Which form: the command line's `--form`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 信息公开报送表: a row per item published, read back as the unit's items.
    Items,
    /// 目录编制表 (seed 002): one sheet per domain the unit answers for, its 8 elements.
    Catalogue,
    /// 联系人登记表 (seed 001 Annex 3): the unit, its phone and office, a row per person.
    Contacts,
    /// 统计表: a unit's counts per month and section, for a unit that sends no item list.
    Counts,
    /// 自评表 (seeds 003, 004): the unit's indicators, to score itself against.
    SelfAssessment,
}

impl Kind {
    /// The definition's file in `templates/`.
    fn file(self) -> &'static str {
        match self {
            Self::Items => "信息公开报送表.toml",
            Self::Catalogue => "目录编制表.toml",
            Self::Contacts => "联系人登记表.toml",
            Self::Counts => "统计表.toml",
            Self::SelfAssessment => "自评表.toml",
        }
    }
}

/// A form: what `zwgk template --form` writes for a unit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Form {
    /// Which form it is.
    #[serde(skip, default = "catalogue")]
    pub(crate) kind: Kind,
    /// The form's name, which ends each file name: `民政局-目录编制表.xlsx`.
    pub(crate) name: String,
    pub(crate) title: String,
    /// Lines above the table; a line of one label is written across the table, without
    /// borders, and others cell by cell, bordered, as a form's boxes.
    pub(crate) lines: Vec<Vec<LineCell>>,
    pub(crate) columns: Vec<Column>,
    /// Values written beforehand in the first column, one row each (the roles).
    pub(crate) filled: Vec<String>,
    /// Blank rows after those.
    pub(crate) blank_rows: u32,
    /// Whether the table is printed on one page however long it is.
    #[serde(default)]
    pub(crate) one_page: bool,
    /// Whether the 填表说明 lines are also written under the table.
    #[serde(default)]
    pub(crate) notes_below: bool,
    /// The 填表说明 lines.
    pub(crate) instructions: Vec<String>,
}

fn catalogue() -> Kind {
    Kind::Catalogue
}

/// The definition of `kind`: the workspace's `templates/` copy, else the bundled one.
///
/// # Errors
/// [`TemplateError`] naming the file and line of a definition that cannot be read or
/// is not a form.
pub(crate) fn load(root: &Path, kind: Kind) -> Result<Form, TemplateError> {
    let mut form: Form = templates::form(root, kind.file())?;
    form.kind = kind;
    form.check(root)?;
    Ok(form)
}

/// The most blank rows a form may have: a few hundred pages, far below Excel's limit.
const MAX_BLANK_ROWS: u32 = 10_000;

/// The placeholders a form's texts may hold.
const PLACEHOLDERS: [&str; 5] = ["workspace", "unit", "domain", "year", "file"];

impl Form {
    /// What an edited definition must keep for zwgk to read back the forms filled in
    /// after it: column labels the header reader knows, the columns an item list or a
    /// counts table is counted by; and only the placeholders zwgk fills.
    ///
    /// # Errors
    /// [`TemplateError::Syntax`] at the line of the first thing wrong.
    fn check(&self, root: &Path) -> Result<(), TemplateError> {
        let (file, text) = templates::source(root, self.kind.file())?;
        // The first line with all of `near`.
        let wrong = |near: &[&str], detail: String| TemplateError::Syntax {
            line: (text
                .lines()
                .position(|l| near.iter().all(|n| l.contains(n))))
            .map_or(1, |i| i + 1),
            detail,
            file: file.clone(),
        };
        if let Some(p) = placeholders(&self.name).next() {
            let detail = format!(
                "表格名称 name 中不能有占位符「{{{p}}}」：它接在单位名称后作文件名（如“民政局-信息公开报送表.xlsx”）"
            );
            return Err(wrong(&["name"], detail));
        }
        let labels = self.lines.iter().flatten().filter_map(|c| match c {
            LineCell::Label(l) => Some(l.as_str()),
            LineCell::Blank { .. } => None,
        });
        let texts = [self.title.as_str()].into_iter().chain(labels);
        for t in texts.chain(self.instructions.iter().map(String::as_str)) {
            if let Some(unknown) = placeholders(t).find(|p| !PLACEHOLDERS.contains(p)) {
                let shown = format!("{{{unknown}}}");
                let known = PLACEHOLDERS.map(|p| format!("{{{p}}}")).join("、");
                let detail = format!(
                    "「{shown}」不是 zwgk 会填写的占位符（可用的有 {known}），会原样印在表上"
                );
                return Err(wrong(&[&shown], detail));
            }
        }
        if self.blank_rows > MAX_BLANK_ROWS {
            let detail = format!(
                "blank_rows = {} 太多：空行最多 {MAX_BLANK_ROWS} 行（一页纵向 A4 约 34 行），请改小",
                self.blank_rows
            );
            return Err(wrong(&["blank_rows"], detail));
        }
        let fields: Vec<Option<Field>> =
            (self.columns.iter()).map(|c| field_of(&c.label)).collect();
        // An item list and a counts table are read by these labels alone; the other forms
        // keep columns zwgk does not read (备注, QQ), and are checked for those it does.
        let read_back = matches!(self.kind, Kind::Items | Kind::Counts);
        if let Some(c) = (self.columns.iter())
            .zip(&fields)
            .find_map(|(c, f)| (read_back && f.is_none()).then_some(c))
        {
            let detail = format!(
                "列名「{}」不是 zwgk 认得的列名，按这份表格填写的这一列汇总时读不进来；请改回原来的列名（或它的别名，见 README「工作目录」一节）",
                c.label
            );
            return Err(wrong(&["label", &c.label], detail));
        }
        let needed: &[Field] = match self.kind {
            Kind::Items => &[Field::Title, Field::Date],
            Kind::Counts => &[Field::Count],
            Kind::SelfAssessment => &[Field::Score],
            Kind::Contacts => &[Field::Person(Attr::Name)],
            Kind::Catalogue => &[],
        };
        if let Some(missing) = needed.iter().find(|f| !fields.contains(&Some(**f))) {
            let detail = format!(
                "没有「{}」一列，按这份表格填写的报送表汇总时无法计入；请加回这一列",
                missing.zh()
            );
            return Err(wrong(&["columns ="], detail));
        }
        Ok(())
    }
}

/// The names of the `{…}` placeholders in `text`.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once('}')?;
        (!name.is_empty() && name.chars().count() <= 20 && !name.contains(char::is_whitespace))
            .then_some(name)
    })
}

/// The domain column a catalogue form has when the workspace assigns the unit no domain.
pub(crate) fn domain_column() -> Column {
    Column {
        label: "领域".into(),
        width: 14.0,
        holds: Holds::Text,
        choices: Vec::new(),
        sections: false,
        indicator: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_form_definitions_load() {
        let none = Path::new("/nonexistent");
        let catalogue = load(none, Kind::Catalogue).unwrap();
        assert_eq!(catalogue.columns.len(), 11);
        assert_eq!(catalogue.columns[0].entry(), Entry::Number);
        assert_eq!(
            catalogue.columns[7].choices,
            ["主动", "依申请", "主动、依申请"]
        );
        let contacts = load(none, Kind::Contacts).unwrap();
        assert_eq!(
            contacts.lines[0][4],
            LineCell::Blank {
                blank: BlankCell::Date
            }
        );
        assert_eq!(
            contacts.filled,
            ["分管领导", "信息工作人员", "信息工作人员"]
        );
        let counts = load(none, Kind::Counts).unwrap();
        let labels: Vec<&str> = counts.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["月份", "栏目", "数量"]);
        assert_eq!(counts.columns[2].entry(), Entry::Number);
        let items = load(none, Kind::Items).unwrap();
        let labels: Vec<&str> = items.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["序号", "标题", "发布日期", "栏目", "链接"]);
        assert_eq!(items.columns[2].entry(), Entry::Date);
        assert!(items.columns[3].sections && items.one_page && items.notes_below);
        let own = load(none, Kind::SelfAssessment).unwrap();
        let parts: Vec<Option<Part>> = own.columns.iter().map(|c| c.indicator).collect();
        assert_eq!(
            parts[..5],
            [
                Some(Part::Level1),
                Some(Part::Level2),
                Some(Part::Level3),
                Some(Part::Points),
                Some(Part::Rule)
            ]
        );
        assert_eq!(own.columns[5].entry(), Entry::Number);
    }

    /// The bundled definition of `kind`.
    fn bundled(kind: Kind) -> String {
        crate::templates::source(Path::new("/nonexistent"), kind.file())
            .unwrap()
            .1
    }

    /// `kind`'s definition loaded from a workspace whose copy has `from` edited to `to`.
    fn edited(kind: Kind, from: &str, to: &str) -> Result<Form, TemplateError> {
        let bundled = bundled(kind);
        assert!(bundled.contains(from), "{from}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        let edited = bundled.replacen(from, to, 1);
        std::fs::write(dir.path().join("templates").join(kind.file()), edited).unwrap();
        load(dir.path(), kind)
    }

    /// Edits of the 报送表's definition that would send every unit a form zwgk cannot
    /// read back, each refused at its line.
    #[test]
    fn a_definition_zwgk_could_not_read_back_is_refused_at_its_line() {
        let bundled = bundled(Kind::Items);
        let line = |needle: &str| bundled.lines().position(|l| l.contains(needle)).unwrap() + 1;
        for (from, to, line, says) in [
            (
                "    { label = \"标题\", width = 28 },\n",
                "",
                line("columns = ["),
                "没有「标题」一列",
            ),
            (
                "label = \"栏目\"",
                "label = \"所属类别\"",
                line("label = \"栏目\""),
                "列名「所属类别」不是 zwgk 认得的列名",
            ),
            (
                "{workspace}政务公开信息报送表",
                "{地区}政务公开信息报送表",
                line("title = "),
                "「{地区}」不是 zwgk 会填写的占位符",
            ),
            (
                "blank_rows = 34",
                "blank_rows = 2000000",
                line("blank_rows = 34"),
                "blank_rows = 2000000 太多",
            ),
            (
                "label = \"栏目\"",
                "label = '所属类别'",
                line("label = \"栏目\""),
                "列名「所属类别」不是 zwgk 认得的列名",
            ),
            (
                "name = \"信息公开报送表\"",
                "name = \"{unit}信息公开报送表\"",
                line("name = "),
                "表格名称 name 中不能有占位符「{unit}」",
            ),
        ] {
            let err = edited(Kind::Items, from, to).unwrap_err().to_string();
            let at = format!("模板 templates/信息公开报送表.toml 第 {line} 行有误");
            assert!(err.starts_with(&at) && err.contains(says), "{err}");
        }
    }

    /// The other forms may rename the columns zwgk does not read, not lose one it does.
    #[test]
    fn other_forms_keep_the_columns_zwgk_reads_back() {
        for (kind, from, to, refused) in [
            (
                Kind::Catalogue,
                "label = \"备注\"",
                "label = \"说明\"",
                None,
            ),
            (Kind::Contacts, "label = \"QQ\"", "label = \"微信号\"", None),
            (
                Kind::Contacts,
                "{ label = \"姓名\", width = 10 },",
                "",
                Some("没有「姓名」一列"),
            ),
            (
                Kind::SelfAssessment,
                "{ label = \"自评得分\", width = 9, entry = \"number\" },",
                "",
                Some("没有「得分」一列"),
            ),
        ] {
            match (edited(kind, from, to), refused) {
                (Ok(_), None) => {}
                (Err(e), Some(says)) => assert!(e.to_string().contains(says), "{e}"),
                (got, _) => panic!("{from} → {to}: {:?}", got.map(|f| f.name)),
            }
        }
    }
}
