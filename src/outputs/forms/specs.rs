//! The blank forms besides the item list (目录编制表, 联系人登记表, 统计表), declared as data in `templates/` (TOML, the
//! office's copy winning): each form's title, the lines above its table, its columns
//! (label, width, what they hold, the choices offered), the rows it fills in beforehand
//! and its 填表说明. Placeholders: `{workspace}`, `{unit}`, `{domain}`, `{year}`.

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
    /// 目录编制表 (seed 002): one sheet per domain the unit answers for, its 8 elements.
    Catalogue,
    /// 联系人登记表 (seed 001 Annex 3): the unit, its phone and office, a row per person.
    Contacts,
    /// 统计表: a unit's counts per month and section, for a unit that sends no item list.
    Counts,
}

impl Kind {
    /// The definition's file in `templates/`.
    fn file(self) -> &'static str {
        match self {
            Self::Catalogue => "目录编制表.toml",
            Self::Contacts => "联系人登记表.toml",
            Self::Counts => "统计表.toml",
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
    }
}
