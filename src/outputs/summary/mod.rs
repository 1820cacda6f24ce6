//! `汇总-<period>.xlsx`: the consolidated workbook of a run — 完成情况, 完成率图 (a chart
//! of completion against the 序时进度, a page each), 栏目覆盖, 责任矩阵, 明细, 统计数,
//! 目录覆盖 and 通讯录 (where the inbox has catalogues and contact forms), 问题清单 and
//! 文件清单. Every number in it can be traced to a file, sheet and row listed in the same
//! workbook. Each sheet's rows are built by one function, which [`overlong`] uses too to
//! find the texts the workbook will cut. Long texts wrap in their columns rather than run
//! into the next one; the 责任矩阵 prints a page per group of 一级栏目.

mod matrix;

mod overlong;

use std::collections::HashSet;
use std::path::Path;

use chrono::Datelike;

use crate::check::figures::{ScoreBasis, UnitFigures};
use crate::coverage::{Coverage, Placement, SectionCoverage, Words, frequency};
use crate::outputs::annex::{completion_title, total_label, totals};
use crate::outputs::manifest::{InputRecord, Role};
use crate::pipeline::Outcome;
use crate::problems::Problem;
use crate::reference::Reference;
use crate::schema::{CountRow, Counts, ItemRow, Items};
use crate::write::{self, Bar, Book, Look, MAX_ROWS, Value, WriteError, guarded};
pub(crate) use overlong::{cells_cut, cut, overlong, problems_cut};

/// The first body row of 完成情况, under its title and header.
const COMPLETION_BODY: u32 = 2;
/// The first body row of the other sheets, under their header.
const BODY: u32 = 1;
/// Rows of 明细 per sheet, as [`Book::stream`] splits it: 明细(2) … take the rest.
const DETAIL_ROWS: usize = MAX_ROWS as usize - 1;

/// The consolidated workbook begun with its longest part, 明细 of the counted `items`
/// (`Normalised::items`) with the section of `reference` each was filed under; [`write`]
/// adds the other sheets. The run writes it while the figures are worked out.
///
/// # Errors
/// [`WriteError`] when a sheet cannot be written.
pub(crate) fn detail(items: &Items, reference: &Reference) -> Result<Book, WriteError> {
    guarded(|| {
        let placement = &Placement::of(&reference.sections, items, reference.words());
        let mut book = Book::new();
        self::items(&mut book, items, placement, PRINTABLE_ROWS)?;
        Ok(book)
    })
}

/// Completes the workbook [`detail`] began for `outcome` and saves it to `path`, shown
/// as `shown`. The texts it cuts to Excel's cell limit are among `outcome.problems`
/// already: [`overlong`] found them before.
///
/// # Errors
/// [`WriteError`] when the workbook cannot be written.
pub(crate) fn write(
    outcome: &Outcome,
    mut book: Book,
    path: &Path,
    shown: &str,
) -> Result<(), WriteError> {
    let detail = book.sheet_names().len();
    completion(&mut book, outcome)?;
    if let Some(c) = &outcome.coverage {
        sections(&mut book, c)?;
        matrix::write(&mut book, c)?;
    }
    // 明细 goes after the overview sheets, as the workbook is read.
    book.move_to_end(detail);
    if outcome.counts.height() > 0 {
        counts(&mut book, &outcome.counts, outcome.words())?;
    }
    if let Some(c) = &outcome.catalogue {
        super::catalogue::coverage(&mut book, c)?;
    }
    if let Some(r) = &outcome.contacts {
        super::contacts::directory(&mut book, r)?;
    }
    problems(&mut book, &outcome.problems)?;
    files(&mut book, &outcome.inputs)?;
    debug_assert!(
        (book.truncations().iter()).all(|t| outcome.problems.contains(&t.problem(shown))),
        "a text cut in 汇总 that the check did not find"
    );
    book.save(path)?;
    // Freed on a thread of its own: a province's problem list alone is over half a
    // million cells, a fifth of a second to free, and the run has no more use for them.
    std::thread::spawn(move || drop(book));
    Ok(())
}

/// The header of 完成情况; the score's label says what it rests on. A score only where
/// `zwgk.toml` states the scoring rules (`scored`): seed 001's are 大英县's, and a
/// score by them says nothing of 汤阴's or 赤壁's units.
fn completion_header(basis: ScoreBasis, scored: bool) -> Vec<&'static str> {
    let mut header = vec![
        "序号",
        "单位",
        "类别",
        "全年目标(条)",
        "本期(条)",
        "年度累计(条)",
        "序时进度(条)",
        "完成率",
    ];
    header.extend(scored.then(|| basis.label()));
    header.extend(["状态", "本期报送"]);
    header
}

fn completion(book: &mut Book, o: &Outcome) -> Result<(), WriteError> {
    let header = completion_header(ScoreBasis::of(o.window), o.scores_stated);
    let unusable: HashSet<&str> = o.unusable_units().into_iter().collect();
    let rows = (o.units.iter().enumerate()).map(|(i, u)| completion_row(i, u, o, &unusable));
    let mut total = vec![
        Value::from(total_label(&o.units)),
        Value::Empty,
        Value::Empty,
    ];
    total.extend(totals(&o.units));
    total.truncate(header.len() - 1);
    total.push(Value::Empty);
    if completion_streamed(o) {
        let rows = rows.chain([total]);
        streamed(book, "完成情况", &header, rows)?;
        return chart(book, o);
    }
    let mut sheet = book.sheet("完成情况", Look::Data)?;
    sheet.title(&completion_title(o), (header.len() - 1) as u16)?;
    let header = sheet.header(&header)?;
    debug_assert_eq!(header + 1, COMPLETION_BODY);
    for row in rows {
        sheet.row(&row)?;
    }
    // The label spans 序号, 单位 and 类别 rather than widen 序号 to its length.
    let row = sheet.next_row();
    sheet.merge(
        (row, row),
        (0, 2),
        total_label(&o.units),
        write::Role::Total,
    )?;
    for (col, value) in (3u16..).zip(&total[3..]) {
        sheet.write(row, col, value.clone(), write::Role::Total)?;
    }
    chart(book, o)
}

/// Whether 完成情况 lists too many units to print (a province's units table), and so is
/// streamed plain under its header, without the title row.
fn completion_streamed(o: &Outcome) -> bool {
    o.units.len() > PRINTABLE_ROWS
}

/// 完成率图: each unit with a target, its completion against its 序时进度, on pages of
/// their own.
fn chart(book: &mut Book, o: &Outcome) -> Result<(), WriteError> {
    let bars: Vec<Bar<'_>> = o
        .units
        .iter()
        .filter_map(|u| {
            let target = f64::from(u.target.filter(|&t| t > 0)?);
            Some(Bar {
                unit: &u.unit,
                completion: u.completion?,
                expected: f64::from(u.expected_ytd?) / target,
            })
        })
        .collect();
    if bars.is_empty() {
        return Ok(());
    }
    let title = format!("{}各单位年度目标任务完成率", o.period.label_zh());
    book.sheet("完成率图", Look::Data)?
        .completion_charts(&title, &bars)
}

/// A unit's row of 完成情况; `unusable` are the units whose files could none be counted.
fn completion_row<'a>(
    i: usize,
    u: &'a UnitFigures,
    o: &Outcome,
    unusable: &HashSet<&str>,
) -> Vec<Value<'a>> {
    // A unit without a target is not expected to submit: a dash unless it did. One whose
    // files could none be counted did send them (C004).
    let submitted = match (u.target, o.unsubmitted.contains(&u.unit)) {
        (None, _) if u.period_items > 0 => "是",
        (None, _) => "—",
        (Some(_), true) if unusable.contains(u.unit.as_str()) => "文件无法计入",
        (Some(_), true) => "否",
        (Some(_), false) => "是",
    };
    let mut row = vec![
        Value::seq(i + 1),
        Value::from(&u.unit),
        Value::from(&u.category),
        Value::from(u.target),
        Value::from(u.period_items),
        Value::from(u.ytd_items),
        Value::from(u.expected_ytd),
        u.completion.map_or(Value::Empty, Value::percent),
    ];
    row.extend(
        o.scores_stated
            .then(|| u.score.map_or(Value::Empty, Value::score)),
    );
    row.extend([Value::from(u.standing.zh()), Value::from(submitted)]);
    row
}

fn sections(book: &mut Book, c: &Coverage) -> Result<(), WriteError> {
    let mut sheet = book.sheet("栏目覆盖", Look::Data)?;
    let header = section_header(c);
    sheet.header(&header.iter().map(String::as_str).collect::<Vec<_>>())?;
    // The levels (or 领域) and 公开内容 wrap, then 保障单位 and 本期未更新的保障单位.
    let (levels, content) = shows_levels(c);
    let mut widths = if levels {
        vec![10.0, 12.0, 12.0]
    } else {
        vec![16.0]
    };
    if content {
        widths.push(24.0);
    }
    for (col, &width) in (1..).zip(&widths) {
        sheet.wrap(col, width);
    }
    let responsible = widths.len() as u16 + 1;
    for col in [responsible, responsible + 2] {
        sheet.wrap(col, 20.0);
    }
    let unsure = c.unsure();
    for (i, s) in c.sections.iter().enumerate() {
        sheet.row(&section_row(i, s, c, &unsure))?;
    }
    Ok(())
}

/// Whether 栏目覆盖 shows the levels and 公开内容 of the sections: not for a workspace of
/// pilot domains, whose table names each domain once (unless it writes 公开内容).
fn shows_levels(c: &Coverage) -> (bool, bool) {
    let content = c.sections.iter().any(|s| !s.section.content.is_empty());
    match c.words {
        Words::Sections => (true, true),
        Words::Domains => (false, content),
    }
}

/// 栏目覆盖's header: 序号, the levels (or 领域), 公开内容, then nine columns.
fn section_header(c: &Coverage) -> Vec<String> {
    let (levels, content) = shows_levels(c);
    let (section, responsible) = (c.words.section(), c.words.responsible());
    let mut header = vec!["序号".to_string()];
    match levels {
        true => header.extend(["一级栏目", "二级栏目", "三级栏目"].map(String::from)),
        false => header.push(section.to_string()),
    }
    if content {
        header.push("公开内容".into());
    }
    header.extend([
        responsible.to_string(),
        "本期条数".into(),
        format!("本期未更新的{responsible}"),
        "最近更新".into(),
        "更新频率".into(),
        "状态".into(),
        "说明".into(),
    ]);
    header
}

fn section_row<'a>(
    i: usize,
    s: &'a SectionCoverage,
    c: &Coverage,
    unsure: &HashSet<&str>,
) -> Vec<Value<'a>> {
    let (levels, content) = shows_levels(c);
    let mut row = vec![Value::seq(i + 1)];
    match levels {
        true => row.extend(s.section.levels.iter().map(Value::from)),
        // The label: a domain the table lists twice is told apart by its row.
        false => row.push(Value::from(&s.label)),
    }
    if content {
        row.push(Value::from(&s.section.content));
    }
    row.extend([
        Value::from(s.section.responsible.join("、")),
        Value::from(s.items),
        Value::from(s.missing(unsure).join("、")),
        latest(s),
        Value::from(frequency::written(&s.section)),
        Value::from(s.status.zh()),
        Value::from(s.note()),
    ]);
    row
}

/// A section's latest update for 最近更新: the day of its latest item, or the month of
/// its latest count row where that is later (a count row has no day): 大英's
/// 突发事件处置, kept up by 公安局's counts alone, showed nothing.
fn latest(s: &SectionCoverage) -> Value<'static> {
    match (s.last_update, s.last_counted) {
        (day, Some(month)) if day.is_none_or(|d| d < month) => {
            Value::from(format!("{}年{}月（统计数）", month.year(), month.month()))
        }
        (day, _) => Value::from(day),
    }
}

/// The longest 明细 whose long texts wrap onto rows made tall enough to print: a row
/// height costs rust_xlsxwriter about 700 bytes kept to the end of the workbook, so a
/// province's million rows would hold 700 MB for a sheet nobody prints. Longer 明细
/// keep each text on one line, and Excel or WPS size the rows as usual.
pub(crate) const PRINTABLE_ROWS: usize = 100_000;

/// The longest 问题清单 laid out for print (texts wrapped, rows as tall as they need):
/// several hundred pages. A longer list (a province's: a warning for each of tens of
/// thousands of items) is read by filtering on screen, so it is streamed a line a
/// problem, which also spares measuring every text's lines — over a second for 70,000.
const PRINTABLE_PROBLEMS: usize = 10_000;

/// Streams 明细; its texts wrap when it holds at most `printable` rows.
fn items(
    book: &mut Book,
    items: &Items,
    placement: &Placement,
    printable: usize,
) -> Result<(), WriteError> {
    let written = placement.words.section();
    let placed = format!("归入{written}");
    let headers = [
        "序号",
        "单位",
        "标题",
        "发布日期",
        written,
        &placed,
        "链接",
        "来源文件",
        "工作表",
        "行号",
    ];
    let mut stream = book.stream(DETAIL, &headers)?;
    // 标题, 栏目, 归入栏目, 链接 and 来源文件 wrap, so that the sheet prints nearly full size.
    if items.height() <= printable {
        for (col, width) in [(2, 36.0), (4, 12.0), (5, 14.0), (6, 36.0), (7, 24.0)] {
            stream.wrap(col, width);
        }
    }
    for (i, item) in items.rows().enumerate() {
        stream.row(&item_row(i, item, placement.label(i)))?;
    }
    Ok(())
}

/// The name of 明细's first sheet; past Excel's row limit it goes on in 明细(2) …
const DETAIL: &str = "明细";

fn item_row<'a>(i: usize, item: ItemRow<'a>, placed: Option<&'a str>) -> [Value<'a>; 10] {
    [
        Value::seq(i + 1),
        Value::from(item.unit),
        Value::from(item.title),
        Value::from(item.date),
        Value::from(item.section),
        Value::from(placed),
        Value::from(item.link),
        Value::from(item.file),
        Value::from(item.sheet),
        Value::from(item.row),
    ]
}

/// 统计数: every counted count row, its 栏目 (领域, in a workspace of pilot domains) as
/// written.
fn counts(book: &mut Book, counts: &Counts, words: Words) -> Result<(), WriteError> {
    let mut sheet = book.sheet("统计数", Look::Data)?;
    sheet.header(&[
        "序号",
        "单位",
        "月份",
        words.section(),
        "数量(条)",
        "来源文件",
        "工作表",
        "行号",
    ])?;
    sheet.wrap(3, 14.0);
    sheet.wrap(5, 30.0);
    for (i, c) in counts.rows().enumerate() {
        sheet.row(&count_row(i, c))?;
    }
    Ok(())
}

fn count_row(i: usize, c: CountRow<'_>) -> [Value<'_>; 8] {
    let month = c.month.map(|m| format!("{}年{}月", m / 100, m % 100));
    [
        Value::seq(i + 1),
        Value::from(c.unit),
        Value::from(month),
        Value::from(c.section),
        Value::from(c.count),
        Value::from(c.file),
        Value::from(c.sheet),
        Value::from(c.row),
    ]
}

/// 问题清单: every problem with its place, original value and suggestion.
///
/// # Errors
/// [`WriteError`] when the sheet is full.
pub(crate) fn problems(book: &mut Book, problems: &[Problem]) -> Result<(), WriteError> {
    const HEADER: [&str; 9] = [
        "序号",
        "严重程度",
        "代码",
        "文件",
        "工作表",
        "单元格",
        "原始值",
        "说明",
        "建议",
    ];
    let rows = problems.iter().enumerate().map(|(i, p)| problem_row(i, p));
    if problems.len() > PRINTABLE_PROBLEMS {
        return streamed(book, "问题清单", &HEADER, rows);
    }
    let mut sheet = book.sheet("问题清单", Look::Data)?;
    sheet.header(&HEADER)?;
    for (col, width) in [(3, 24.0), (4, 12.0), (6, 16.0), (7, 40.0), (8, 30.0)] {
        sheet.wrap(col, width);
    }
    for row in rows {
        sheet.row(&row)?;
    }
    Ok(())
}

/// Writes a sheet too long to print (a province's problem list) in constant memory,
/// plain and a line a row, as a long 明细 is.
fn streamed<'v>(
    book: &mut Book,
    name: &str,
    header: &[&str],
    rows: impl Iterator<Item = impl AsRef<[Value<'v>]>>,
) -> Result<(), WriteError> {
    let mut stream = book.stream(name, header)?;
    for row in rows {
        stream.row(row.as_ref())?;
    }
    Ok(())
}

fn problem_row(i: usize, p: &Problem) -> [Value<'_>; 9] {
    [
        Value::seq(i + 1),
        Value::from(p.severity.zh()),
        Value::from(p.code.id()),
        Value::from(&p.file),
        Value::from(p.sheet.as_ref()),
        Value::from(p.cell()),
        Value::from(p.value.as_ref()),
        Value::from(&p.message),
        Value::from(advice(p)),
    ]
}

/// What to do about `p`: its own suggestion where it has one, then what its code
/// always asks.
fn advice(p: &Problem) -> String {
    match &p.suggestion {
        Some(own) => format!("{own}；{}", p.advice()),
        None => p.advice().to_string(),
    }
}

/// 文件清单: every input with its format and the accounting of each of its sheets.
///
/// # Errors
/// [`WriteError`] when the sheet is full.
pub(crate) fn files(book: &mut Book, inputs: &[InputRecord]) -> Result<(), WriteError> {
    let mut sheet = book.sheet("文件清单", Look::Data)?;
    sheet.header(&[
        "序号",
        "文件",
        "用途",
        "实际格式",
        "编码",
        "大小(字节)",
        "状态",
        "单位",
        "工作表",
        "类型",
        "表头行",
        "读取行",
        "接收行",
        "退回行",
    ])?;
    sheet.wrap(1, 30.0);
    sheet.wrap(8, 16.0);
    for (i, input) in inputs.iter().enumerate() {
        let role = match input.role {
            Role::Reference => "参考表",
            Role::Submission => "报送文件",
        };
        let status = match input.status {
            crate::ingest::Status::Ok => "已读取",
            crate::ingest::Status::Skipped => "已跳过",
            crate::ingest::Status::Failed => "无法读取",
        };
        let head = [
            Value::seq(i + 1),
            Value::from(&input.path),
            Value::from(role),
            Value::from(input.format_zh.as_ref()),
            Value::from(input.encoding),
            Value::from(input.bytes as i64),
            Value::from(status),
            Value::from(input.unit.as_ref()),
        ];
        if input.sheets.is_empty() {
            let mut row = head.to_vec();
            row.extend(std::iter::repeat_n(Value::Empty, 6));
            sheet.row(&row)?;
        }
        for s in &input.sheets {
            let mut row = head.to_vec();
            row.extend([
                Value::from(&s.name),
                Value::from(s.kind.zh()),
                Value::from(s.header_row),
                Value::from(s.rows_read),
                Value::from(s.rows_accepted),
                Value::from(s.rows_rejected),
            ]);
            sheet.row(&row)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use chrono::NaiveDate;
    use polars::prelude::*;

    use super::*;

    /// 明细 of `n` items whose links are too long for one line, saved under `dir`; the
    /// XML of its sheet.
    fn detail_xml(dir: &Path, n: usize, printable: usize) -> String {
        let link =
            "http://www.example.gov.cn/zwgk/zfxxgk/fdzdgknr/tzgg/202504/t20250411_1234567.html";
        let day = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
        let frame = df!(
            "unit" => vec!["民政局"; n],
            "title" => (0..n).map(|i| format!("信息{i}")).collect::<Vec<_>>(),
            "date" => vec![day; n],
            "link" => vec![link; n],
            "file" => vec!["inbox/民政局.xlsx"; n],
            "sheet" => vec!["Sheet1"; n],
            "row" => (2..n as u32 + 2).collect::<Vec<_>>(),
        )
        .unwrap();
        let mut book = Book::new();
        items(
            &mut book,
            &Items::padded(frame).unwrap(),
            &Placement::default(),
            printable,
        )
        .unwrap();
        let path = dir.join("t.xlsx");
        book.save(&path).unwrap();
        let mut zip = ::zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut xml = String::new();
        let mut part = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
        part.read_to_string(&mut xml).unwrap();
        xml
    }

    #[test]
    fn a_printable_detail_wraps_long_texts_and_a_longer_one_keeps_them_on_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let tall = |xml: &str, row: usize| xml.contains(&format!("<row r=\"{row}\" ht="));
        let printable = detail_xml(dir.path(), 3, 3);
        assert!((2..=4).all(|row| tall(&printable, row)), "{printable}");
        let long = detail_xml(dir.path(), 4, 3);
        assert!((2..=5).all(|row| !tall(&long, row)), "{long}");
        assert!(long.contains("<row r=\"5\""), "every item is written");
    }

    /// More than [`PRINTABLE_PROBLEMS`] problems: 问题清单 is streamed (plain rows printed
    /// with gridlines), every problem on its own row under the header, in constant memory;
    /// a short list is laid out for print (bordered, no gridlines).
    #[test]
    fn a_problem_list_too_long_to_print_is_streamed_whole() {
        use calamine::{Reader, open_workbook_auto};
        let dir = tempfile::tempdir().unwrap();
        let saved = |n: usize| {
            let found: Vec<Problem> = (0..n)
                .map(|i| {
                    let unit = format!("单位{i}");
                    let code = crate::problems::Code::NoContactForm;
                    Problem::new(code, "reference/units.xlsx", &[&unit])
                })
                .collect();
            let mut book = Book::new();
            problems(&mut book, &found).unwrap();
            let path = dir.path().join(format!("{n}.xlsx"));
            book.save(&path).unwrap();
            let mut zip = ::zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
            let mut xml = String::new();
            let mut part = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
            part.read_to_string(&mut xml).unwrap();
            (path, found, xml.contains("gridLines=\"1\""))
        };
        let (_, _, short_streamed) = saved(3);
        assert!(!short_streamed, "a short list is laid out for print");
        let n = PRINTABLE_PROBLEMS + 1;
        let (path, found, streamed) = saved(n);
        assert!(streamed, "a list of {n} problems is streamed");
        let mut read = open_workbook_auto(&path).unwrap();
        let sheet = read.worksheet_range("问题清单").unwrap();
        assert_eq!(sheet.height(), n + 1);
        let last = sheet.rows().next_back().unwrap();
        assert_eq!(last[0].to_string(), n.to_string());
        assert_eq!(last[7].to_string(), found[n - 1].message);
    }
}
