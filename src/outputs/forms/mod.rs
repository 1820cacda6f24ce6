//! Blank forms for units besides the item list — 目录编制表 and 联系人登记表 — written
//! from their declarations in [`specs`]: the title, the lines above the table with the
//! unit filled in, a bordered table whose cells are formatted for what they will hold,
//! dropdowns where a column has choices, and a 填表说明 sheet. Filled in, each comes back
//! through `zwgk run` without a problem.

pub(crate) mod specs;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use specs::{BlankCell, Column, Form, Kind, LineCell};

use super::template::{INSTRUCTIONS, Template, date_range, unique_name};

use crate::coverage::DOMAINS;
use crate::model::Section;
use crate::write::{
    Book, Check, Entry, Look, PageSetup, Role, Sheet, Validation, WriteError, file_name,
};

/// Rows the dropdowns and date checks reach.
const CHECKED_ROWS: u32 = 1000;

/// What fills a form's placeholders.
struct Fill<'a> {
    workspace: &'a str,
    unit: &'a str,
    year: i32,
    /// The sections a `sections` column offers the unit.
    template: Template,
}

impl Fill<'_> {
    fn text(&self, template: &str, domain: &str) -> String {
        template
            .replace("{workspace}", self.workspace)
            .replace("{unit}", self.unit)
            .replace("{domain}", domain)
            .replace("{year}", &self.year.to_string())
    }
}

/// Writes `form` for each of `units` into `dir`; returns the paths, in the order of
/// `units`. A catalogue form has a sheet for each domain `sections` assigns the unit.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn write_all(
    form: &Form,
    units: &[&str],
    sections: &[Section],
    workspace: &str,
    year: i32,
    dir: &Path,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut taken = HashSet::new();
    let mut written = Vec::with_capacity(units.len());
    for unit in units {
        let stem = file_name(&format!("{unit}-{}", form.name));
        let path = dir.join(unique_name(&mut taken, &stem, "xlsx"));
        let fill = Fill {
            workspace,
            unit,
            year,
            template: Template::new(unit, sections),
        };
        let mut book = Book::new();
        if form.kind == Kind::Catalogue {
            let domains = domains_of(unit, sections);
            if domains.is_empty() {
                sheet(&mut book, form, &fill, "标准目录", "", true)?;
            }
            for d in domains {
                sheet(&mut book, form, &fill, d, d, false)?;
            }
        } else {
            sheet(&mut book, form, &fill, unit, "", false)?;
        }
        instructions(&mut book, form, &fill)?;
        book.save(&path)?;
        written.push(path);
    }
    Ok(written)
}

/// The pilot domains `sections` assign `unit`, in the State Council's order.
fn domains_of(unit: &str, sections: &[Section]) -> Vec<&'static str> {
    DOMAINS
        .iter()
        .map(|d| d.name)
        .filter(|d| {
            sections
                .iter()
                .any(|s| s.domain.as_deref() == Some(d) && s.responsible.iter().any(|u| u == unit))
        })
        .collect()
}

/// One sheet of the form, named `name`, for `domain` (empty for none); with a 领域
/// column first when `domain_column`.
fn sheet(
    book: &mut Book,
    form: &Form,
    fill: &Fill,
    name: &str,
    domain: &str,
    domain_column: bool,
) -> Result<(), WriteError> {
    let columns: Vec<Column> = domain_column
        .then(specs::domain_column)
        .into_iter()
        .chain(form.columns.iter().cloned())
        .collect();
    let entries: Vec<Entry> = columns.iter().map(Column::entry).collect();
    let last = (columns.len() - 1) as u16;
    let mut sheet = book.sheet(name, Look::Data)?;
    sheet.title(&fill.text(&form.title, domain), last)?;
    for line in &form.lines {
        self::line(&mut sheet, line, fill, last)?;
    }
    let labels: Vec<&str> = columns.iter().map(|c| c.label.as_str()).collect();
    sheet.header(&labels)?;
    let first = sheet.next_row();
    for value in &form.filled {
        let (row, _) = sheet.blank_rows(1, &entries)?;
        sheet.write(row, 0, value.as_str(), Role::Body)?;
    }
    sheet.blank_rows(form.blank_rows, &entries)?;
    let rows = (first, first + CHECKED_ROWS - 1);
    for (col, c) in (0u16..).zip(&columns) {
        sheet.set_width(col, c.width);
        if c.sections {
            let first_option = Template::first_option(form.instructions.len());
            let error = "该栏目不在本单位的可选栏目中。确需填写的，请点“是”保留";
            fill.template
                .offer_sections(&mut sheet, rows, col, first_option, error)?;
        } else if !c.choices.is_empty() {
            let prompt = format!("请从下拉列表中选择{}", c.label);
            let error = format!("{}请填写：{}", c.label, c.choices.join("、"));
            let choices: Vec<&str> = c.choices.iter().map(String::as_str).collect();
            let check = Validation {
                check: Check::Choices(&choices),
                prompt: &prompt,
                error: &error,
                strict: false,
            };
            sheet.validate(rows, col, &check)?;
        }
    }
    // A narrow table (the 统计表) prints portrait at full size; wider ones landscape.
    sheet.page_setup(PageSetup::data_for(columns.iter().map(|c| c.width).sum()))?;
    if domain_column {
        let error = "请填写 26 个试点领域之一，如 义务教育".to_string();
        let names: Vec<&str> = DOMAINS.iter().map(|d| d.name).collect();
        let check = Validation {
            check: Check::Choices(&names),
            prompt: "请从下拉列表中选择本事项所属的试点领域",
            error: &error,
            strict: false,
        };
        sheet.validate(rows, 0, &check)?;
    }
    Ok(())
}

/// A line above the table: one label across the table, or bordered cells to fill in.
fn line(
    sheet: &mut Sheet<'_>,
    cells: &[LineCell],
    fill: &Fill,
    last: u16,
) -> Result<(), WriteError> {
    if let [LineCell::Label(text)] = cells {
        return sheet.note(&fill.text(text, ""), last);
    }
    let entries: Vec<Entry> = cells
        .iter()
        .map(|c| match c {
            LineCell::Blank {
                blank: BlankCell::Date,
            } => Entry::Date,
            _ => Entry::Text,
        })
        .collect();
    let (row, _) = sheet.blank_rows(1, &entries)?;
    for (col, cell) in (0u16..).zip(cells) {
        match cell {
            LineCell::Label(text) => sheet.write(row, col, fill.text(text, ""), Role::Body)?,
            LineCell::Blank {
                blank: BlankCell::Date,
            } => {
                let (from, to) = date_range(fill.year);
                let check = Validation {
                    check: Check::Date { from, to },
                    prompt: "请填写日期，如 2018-04-18",
                    error: "请填写日期，写作 2018-04-18 或 2018/4/18",
                    strict: true,
                };
                sheet.validate((row, row), col, &check)?;
            }
            LineCell::Blank { .. } => {}
        }
    }
    Ok(())
}

/// The 填表说明 sheet.
fn instructions(book: &mut Book, form: &Form, fill: &Fill) -> Result<(), WriteError> {
    let mut sheet = book.sheet(INSTRUCTIONS, Look::Data)?;
    let lines: Vec<String> = form.instructions.iter().map(|l| fill.text(l, "")).collect();
    if form.columns.iter().any(|c| c.sections) {
        return fill.template.instructions_sheet(&mut sheet, &lines);
    }
    sheet.set_width(0, 100.0);
    sheet.title(INSTRUCTIONS, 0)?;
    for line in &lines {
        sheet.note(line, 0)?;
    }
    Ok(())
}
