//! The blank forms (信息公开报送表, 目录编制表, 联系人登记表, 统计表, 自评表), declared as
//! data in `templates/` (TOML, the office's copy winning): each form's title, the lines
//! above its table, its columns (label, width, what they hold, the choices offered, the
//! part of an indicator they are filled with), the rows it fills in beforehand and its
//! 填表说明. Placeholders: `{workspace}`, `{unit}`, `{domain}`, `{year}`, `{file}`.

use std::path::Path;

use serde::Deserialize;

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
    Ok(form)
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
}
