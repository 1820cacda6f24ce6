//! Blank forms for units — 信息公开报送表, 目录编制表, 联系人登记表, 统计表, 自评表 — written
//! from their declarations in [`specs`]: the title, the lines above the table with the
//! unit filled in, a bordered table whose cells are formatted for what they will hold,
//! the unit's indicators where a form lists them, dropdowns where a column has choices
//! or offers sections, date and score checks, and a 填表说明 sheet. Filled in, each comes
//! back through `zwgk run` (or `zwgk assess`) without a problem.

mod offer;
pub(crate) mod specs;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use specs::{BlankCell, Column, Form, Kind, LineCell, Part};

use offer::{INSTRUCTIONS, Offer, csv_field, date_range, date_texts, unique_name};

use crate::assess::{Assessed, Indicator, number};
use crate::coverage::names::strip_ordinals;
use crate::coverage::sections::domain_within;
use crate::coverage::{DOMAINS, Words};
use crate::model::{Period, Section};
use crate::normalise::values::MAX_COUNT;
use crate::write::{
    Book, Check, Entry, Look, PageSetup, Role, Sheet, Validation, Value, WriteError, file_name,
    save_bytes,
};

/// Rows the dropdowns and date checks reach.
const CHECKED_ROWS: u32 = 2000;

/// What every form of one `zwgk template` is written from.
pub(crate) struct Context<'a> {
    /// `[workspace] name`.
    pub workspace: &'a str,
    /// The working year (the year assessed, for a 自评表).
    pub year: i32,
    /// The period the forms are for, which names the file to send; none for examples.
    pub period: Option<Period>,
    pub sections: &'a [Section],
    /// What the workspace calls its sections: a workspace of pilot domains asks for a
    /// 领域 where others ask for a 栏目.
    pub words: Words,
    /// The indicator table, for a form whose rows are the unit's indicators.
    pub assessed: Option<&'a Assessed>,
}

/// What fills one unit's form: its placeholders and the rows written beforehand.
struct Fill<'a> {
    workspace: &'a str,
    unit: &'a str,
    year: i32,
    period: Option<Period>,
    sections: &'a [Section],
    words: Words,
    /// The sections a `sections` column offers the unit.
    offer: Offer,
    /// The unit's indicators, for `indicator` columns.
    indicators: Vec<&'a Indicator>,
}

impl<'a> Fill<'a> {
    fn new(context: &'a Context, unit: &'a str) -> Self {
        Self {
            workspace: context.workspace,
            unit,
            year: context.year,
            period: context.period,
            sections: context.sections,
            words: context.words,
            offer: Offer::new(unit, context.sections, context.words),
            indicators: context.assessed.map(|a| a.of(unit)).unwrap_or_default(),
        }
    }

    /// `template` in the workspace's words, its placeholders filled: without a domain,
    /// `{domain}领域` is left out whole (大英县政务公开事项标准目录, not …县领域…).
    fn text(&self, template: &str, domain: &str) -> String {
        let template = match domain {
            "" => template.replace("{domain}领域", ""),
            _ => template.to_string(),
        };
        (self.words.reword(&template))
            .replace("{workspace}", self.workspace)
            .replace("{unit}", self.unit)
            .replace("{domain}", domain)
            .replace("{year}", &self.year.to_string())
            .replace("{file}", &self.file())
    }

    /// The name of the file to send: the period's own, or a month and a quarter as
    /// examples (a quarterly workspace sends quarters).
    fn file(&self) -> String {
        let (unit, year) = (self.unit, self.year);
        match self.period {
            Some(p) => format!("“{unit}-{}.xlsx”", p.label_zh()),
            None => {
                format!("“{unit}-{year}年4月.xlsx”（按季度报送的写“{unit}-{year}年第二季度.xlsx”）")
            }
        }
    }
}

/// Writes `form` for each of `units` into `dir` (xlsx, or when `csv` the GB18030 CSV
/// of [`write_csv`]); returns the paths, in the order of `units`.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn write_all(
    form: &Form,
    units: &[&str],
    context: &Context,
    dir: &Path,
    csv: bool,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut taken = HashSet::new();
    let mut written = Vec::with_capacity(units.len());
    for unit in units {
        let stem = file_name(&format!("{unit}-{}", form.name));
        let path = dir.join(unique_name(
            &mut taken,
            &stem,
            if csv { "csv" } else { "xlsx" },
        ));
        let fill = Fill::new(context, unit);
        if csv {
            write_csv(form, &fill, &path)?;
        } else {
            write_xlsx(form, &fill, &path)?;
        }
        written.push(path);
    }
    Ok(written)
}

/// One unit's form as a workbook. A catalogue form has a sheet for each domain the
/// sections assign the unit.
fn write_xlsx(form: &Form, fill: &Fill, path: &Path) -> Result<(), WriteError> {
    let mut book = Book::new();
    if form.kind == Kind::Catalogue {
        let domains = domains_of(fill.unit, fill.sections);
        if domains.is_empty() {
            sheet(&mut book, form, fill, "标准目录", "", true)?;
        }
        for d in domains {
            sheet(&mut book, form, fill, d, d, false)?;
        }
    } else {
        sheet(&mut book, form, fill, fill.unit, "", false)?;
    }
    instructions(&mut book, form, fill)?;
    book.save(path)
}

/// One unit's form as CSV in GB18030 (what Excel and WPS on Chinese Windows open
/// directly, for offices on old software): the lines of one label above the table,
/// then the header.
fn write_csv(form: &Form, fill: &Fill, path: &Path) -> Result<(), WriteError> {
    let mut text = String::new();
    for line in &form.lines {
        if let [LineCell::Label(label)] = &line[..] {
            text += &csv_field(&fill.text(label, ""));
            text += "\r\n";
        }
    }
    let header: Vec<String> = (form.columns.iter())
        .map(|c| csv_field(&fill.words.reword(&c.label)))
        .collect();
    text += &header.join(",");
    text += "\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    save_bytes(&bytes, path)
}

/// The pilot domains `sections` assign `unit` (a section within a domain assigns it),
/// in the State Council's order, named as the office's table names them (赤壁's
/// 保障住房, 救灾生产), without ordinal or 领域.
pub(crate) fn domains_of<'s>(unit: &str, sections: &'s [Section]) -> Vec<&'s str> {
    let own = |s: &&Section| s.responsible.iter().any(|u| **u == *unit);
    let mut found: Vec<(usize, &str)> = Vec::new();
    for (domain, written) in sections.iter().filter(own).filter_map(domain_within) {
        let place = DOMAINS.iter().position(|d| d.name == domain);
        let place = place.unwrap_or(DOMAINS.len());
        if !found.iter().any(|(p, _)| *p == place) {
            let written = strip_ordinals(written);
            let bare = written.strip_suffix("领域").filter(|n| !n.is_empty());
            found.push((place, bare.unwrap_or(written)));
        }
    }
    found.sort_by_key(|(place, _)| *place);
    found.into_iter().map(|(_, name)| name).collect()
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
        .filter(|c| c.indicator.is_none_or(|p| fills(p, &fill.indicators)))
        .collect();
    let entries: Vec<Entry> = columns.iter().map(Column::entry).collect();
    let last = (columns.len() - 1) as u16;
    let mut sheet = book.sheet(name, Look::Data)?;
    sheet.title(&fill.text(&form.title, domain), last)?;
    for line in &form.lines {
        self::line(&mut sheet, line, fill, last)?;
    }
    // 栏目 is 领域 in a workspace of pilot domains; the reader takes either.
    let labels: Vec<String> = columns
        .iter()
        .map(|c| fill.words.reword(&c.label))
        .collect();
    sheet.header(&labels.iter().map(String::as_str).collect::<Vec<_>>())?;
    let first = sheet.next_row();
    for value in &form.filled {
        let (row, _) = sheet.blank_rows(1, &entries)?;
        sheet.write(row, 0, value.as_str(), Role::Body)?;
    }
    let scored = columns.iter().any(|c| c.indicator.is_some());
    if scored {
        indicator_rows(&mut sheet, &columns, &entries, &fill.indicators)?;
        sheet.break_pages();
    }
    if form.blank_rows > 0 {
        sheet.blank_rows(form.blank_rows, &entries)?;
    }
    let rows = (first, first + CHECKED_ROWS - 1);
    for (col, c) in (0u16..).zip(&columns) {
        sheet.set_width(col, c.width);
        if c.sections {
            let first_option = Offer::first_option(form.instructions.len());
            let error = fill
                .words
                .reword("该栏目不在本单位的可选栏目中。确需填写的，请点“是”保留，汇总时会提示核对");
            fill.offer
                .offer_sections(&mut sheet, rows, col, first_option, &error)?;
        } else if !c.choices.is_empty() {
            let prompt = format!("请从下拉列表中选择{}", c.label);
            let error = format!("{}请填写{}", c.label, either(&c.choices));
            let choices: Vec<&str> = c.choices.iter().map(String::as_str).collect();
            let check = Validation {
                check: Check::Choices(&choices),
                prompt: &prompt,
                error: &error,
                strict: false,
            };
            sheet.validate(rows, col, &check)?;
        } else if c.entry() == Entry::Date {
            dates(&mut sheet, rows, col, &c.label, fill.year)?;
        } else if c.entry() == Entry::Number && c.indicator.is_none() && !scored {
            // 数量, 序号: whole numbers, as the run reads them (a 自评表's scores are
            // checked row by row against each indicator's points instead).
            let prompt = format!("请填写{}（整数），如 25", c.label);
            let error = format!("{}只能填写整数，如 25；不要写“条”等文字", c.label);
            let check = Validation {
                check: Check::Whole {
                    from: 0,
                    to: MAX_COUNT as i32,
                },
                prompt: &prompt,
                error: &error,
                strict: true,
            };
            sheet.validate(rows, col, &check)?;
        }
    }
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
    if form.notes_below {
        // Read back as a note: it opens with 填表说明.
        let lines: Vec<String> = form.instructions.iter().map(|l| fill.text(l, "")).collect();
        sheet.note(&format!("{INSTRUCTIONS}：\n{}", lines.join("\n")), last)?;
    }
    // A narrow table (the 统计表, the 报送表) prints portrait at full size; wider ones
    // landscape.
    sheet.page_setup(PageSetup::data_for(columns.iter().map(|c| c.width).sum()))?;
    if form.one_page {
        sheet.print_on_one_page()?;
    }
    Ok(())
}

/// Dates only, those the run finds plausible for the working `year`, in `rows` of column
/// `col`, which holds `what`.
fn dates(
    sheet: &mut Sheet<'_>,
    rows: (u32, u32),
    col: u16,
    what: &str,
    year: i32,
) -> Result<(), WriteError> {
    let (from, to) = date_range(year);
    let (prompt, error) = date_texts(what, year);
    let check = Validation {
        check: Check::Date { from, to },
        prompt: &prompt,
        error: &error,
        strict: true,
    };
    sheet.validate(rows, col, &check)
}

/// A date a form is filled on (填报时间), in the cell `at`: of the working `year` or the
/// next (a form of December's people may be filled in January), not the items' dates,
/// whose message speaks of information of other years.
fn filled_on(sheet: &mut Sheet<'_>, (row, col): (u32, u16), year: i32) -> Result<(), WriteError> {
    let (from, _) = date_range(year);
    let (_, to) = date_range(year + 1);
    let prompt = format!("请填写日期，如 {year}-04-18");
    let error = format!("请写作 {year}-04-18 或 {year}/4/18 这样的日期，不要写成“4月18日”");
    let check = Validation {
        check: Check::Date { from, to },
        prompt: &prompt,
        error: &error,
        strict: true,
    };
    sheet.validate((row, row), col, &check)
}

/// Whether any of `indicators` has `part` (a third level, a 评分细则): a column
/// that would stay empty is left out.
fn fills(part: Part, indicators: &[&Indicator]) -> bool {
    indicators.iter().any(|i| match part {
        Part::Points => true,
        Part::Rule => i.rule.is_some() || i.evidence.is_some(),
        level1_to_3 => level(level1_to_3).is_some_and(|l| l < i.path.len()),
    })
}

/// The 0-based level of an indicator part that names a level.
fn level(part: Part) -> Option<usize> {
    match part {
        Part::Level1 => Some(0),
        Part::Level2 => Some(1),
        Part::Level3 => Some(2),
        Part::Points | Part::Rule => None,
    }
}

/// A row per indicator, its `indicator` columns filled in (the upper levels merged down
/// their runs), its number columns checked against the indicator's points.
fn indicator_rows(
    sheet: &mut Sheet<'_>,
    columns: &[Column],
    entries: &[Entry],
    indicators: &[&Indicator],
) -> Result<(), WriteError> {
    for (col, c) in (0u16..).zip(columns) {
        if c.indicator.is_some() {
            sheet.wrap(col, c.width);
        }
        // An indicator's name breaks between its words (政府信息 / 公开专栏).
        if c.indicator.and_then(level).is_some() {
            sheet.break_terms(col);
        }
    }
    let first = sheet.next_row();
    for (row, indicator) in (first..).zip(indicators) {
        sheet.blank_rows(1, entries)?;
        for (col, c) in (0u16..).zip(columns) {
            let text = match c.indicator {
                None if c.entry() == Entry::Number => {
                    let (most, error) = (indicator.points.value, score_error(indicator));
                    let check = Validation {
                        check: Check::Decimal {
                            from: 0.0,
                            to: most,
                        },
                        prompt: "请填写得分（数字）",
                        error: &error,
                        strict: false,
                    };
                    sheet.validate((row, row), col, &check)?;
                    continue;
                }
                None => continue,
                Some(Part::Points) => indicator.points.shown(),
                Some(Part::Rule) => rule(indicator),
                // The indicator's own level; those above are merged below.
                Some(part) => match level(part) {
                    Some(l) if l + 1 == indicator.path.len() => indicator.path[l].clone(),
                    _ => continue,
                },
            };
            sheet.write(row, col, Value::from(&text), Role::Body)?;
        }
    }
    // The levels above each indicator's own, merged over their runs of rows.
    for (col, c) in (0u16..).zip(columns) {
        let Some(l) = c.indicator.and_then(level) else {
            continue;
        };
        let mut at = 0;
        while at < indicators.len() {
            let here = upper(indicators[at], l);
            let run = indicators[at..]
                .iter()
                .take_while(|i| here.is_some() && upper(i, l) == here)
                .count();
            if run > 0 {
                let rows = (first + at as u32, first + (at + run) as u32 - 1);
                let text = &indicators[at].path[l];
                sheet.merge(rows, (col, col), Value::from(text), Role::Body)?;
            }
            at += run.max(1);
        }
    }
    // No page holds the last indicator alone.
    let last = first + indicators.len() as u32;
    sheet.keep_together(last.saturating_sub(2).max(first), last.saturating_sub(1));
    Ok(())
}

/// The names down to level `l` of an indicator below that level: what a merged cell of
/// level `l` spans.
fn upper(indicator: &Indicator, l: usize) -> Option<&[String]> {
    (indicator.path.len() > l + 1).then(|| &indicator.path[..=l])
}

/// The 评分细则 cell: the rule, then the evidence asked for.
fn rule(indicator: &Indicator) -> String {
    let evidence = indicator
        .evidence
        .as_deref()
        .map(|e| format!("佐证要求：{e}"));
    [indicator.rule.clone(), evidence]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the score check tells a person who typed more than the points.
fn score_error(indicator: &Indicator) -> String {
    let most = number(indicator.points.value);
    if indicator.points.deduction {
        format!("倒扣项请填写 0 至 {most} 之间应扣减的分数")
    } else {
        format!("请填写 0 至 {most} 之间的得分")
    }
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
                filled_on(sheet, (row, col), fill.year)?;
            }
            LineCell::Blank { .. } => {}
        }
    }
    Ok(())
}

/// The 填表说明 sheet.
fn instructions(book: &mut Book, form: &Form, fill: &Fill) -> Result<(), WriteError> {
    let mut sheet = book.sheet(INSTRUCTIONS, Look::Data)?;
    // Printed as a page is, so that no line starts with a closing mark (” or 。).
    sheet.break_pages();
    let lines: Vec<String> = form.instructions.iter().map(|l| fill.text(l, "")).collect();
    if form.columns.iter().any(|c| c.sections) {
        return fill.offer.instructions_sheet(&mut sheet, &lines);
    }
    sheet.set_width(0, 100.0);
    sheet.title(INSTRUCTIONS, 0)?;
    for line in &lines {
        sheet.note(line, 0)?;
    }
    Ok(())
}

/// The choices of a drop-down list as a sentence names them: “主动”“依申请”或“主动、依申请”
/// (quoted, as a choice may hold a 、 itself).
fn either(choices: &[String]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("“{c}”")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.concat()),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Form {
        specs::load(Path::new("/nonexistent"), Kind::Items).unwrap()
    }

    fn context() -> Context<'static> {
        Context {
            workspace: "大英县",
            year: 2018,
            period: None,
            sections: &[],
            words: Words::Sections,
            assessed: None,
        }
    }

    #[test]
    fn form_file_names_cannot_leave_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        let units = ["../县/民政:局*", "a/b", "a_b", "A_B"];
        let written = write_all(&items(), &units, &context(), dir.path(), true).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "_县_民政_局_-信息公开报送表.csv",
                "a_b-信息公开报送表.csv",
                "a_b-信息公开报送表(2).csv",
                "A_B-信息公开报送表(3).csv"
            ]
        );
        assert!(written.iter().all(|p| p.parent() == Some(dir.path())));
    }

    #[test]
    fn a_list_of_choices_reads_as_a_sentence_even_where_a_choice_holds_a_comma() {
        let choices = ["主动", "依申请", "主动、依申请"].map(String::from);
        assert_eq!(either(&choices), "“主动”“依申请”或“主动、依申请”");
        assert_eq!(either(&choices[..1]), "“主动”");
    }

    #[test]
    fn the_csv_form_is_gb18030_with_the_unit_line_and_header() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_all(&items(), &["民政局"], &context(), dir.path(), true).unwrap();
        let bytes = std::fs::read(&written[0]).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "not GB18030");
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "填报单位：民政局\r\n序号,标题,发布日期,栏目,链接\r\n");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
