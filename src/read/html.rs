//! HTML tables, which many web systems export under a `.xls` name.
//!
//! Every `<table>` becomes a sheet; `colspan`/`rowspan` become merged ranges, filled
//! like workbook merges. A table nested in a cell is its own sheet, and its text is
//! left out of the outer cell.

use scraper::{ElementRef, Html, Node, Selector};

use super::failure::{Beyond, Damage, Oversize};
use super::grid::{Grid, MAX_COLS, check_position};
use super::{Cell, Contents, Failure, Input, Link, Merge, Visibility, decode, is_web_address};

/// The HTML spec's own caps on spans; larger values are treated as these.
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 65534;

/// Start tags a page may have: the parsed page holds every element (a few hundred bytes
/// each), so this bounds its memory whatever the page says. A table of 100,000 rows of
/// eight columns needs about 900,000.
const MAX_ELEMENTS: u64 = 1_000_000;

/// How deep elements may nest outside table cells. The HTML parser looks down its stack
/// of open elements at every start tag, as far as a table cell or the page itself: 200,000
/// unclosed `<div>`s take hours. Real pages nest a few dozen deep.
const MAX_NESTING: u64 = 1_000;

/// Elements that never stay open (void) or that the next of their kind closes.
const NOT_NESTING: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"rb",
    b"rt",
    b"rp",
];

/// Reads every table of an HTML file as a sheet.
pub(crate) fn read(bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(16 * 1024)]).into_owned();
    let decoded = decode::decode(bytes, src.opts.encoding, decode::declared_charset(&head));
    let problems = decoded.problems(src.name);
    let elements = start_tags(&decoded.text);
    if elements > MAX_ELEMENTS {
        let limit = MAX_ELEMENTS;
        return Err(Beyond::Markup { elements, limit }.into());
    }
    let depth = nesting_outside_cells(&decoded.text);
    if depth > MAX_NESTING {
        let limit = MAX_NESTING;
        return Err(Beyond::Nesting { depth, limit }.into());
    }
    let doc = Html::parse_document(&decoded.text);
    drop(decoded.text);
    // Invariant: "table" is a valid selector.
    let selector = Selector::parse("table").map_err(|_| Damage::NoTable)?;
    let tables: Vec<ElementRef> = doc.select(&selector).collect();
    if tables.is_empty() {
        return Err(Damage::NoTable.into());
    }
    let mut sheets = Vec::with_capacity(tables.len());
    let mut budget = src.budget();
    for (i, table) in tables.iter().enumerate() {
        let name = if tables.len() == 1 {
            src.stem()
        } else {
            format!("表格{}", i + 1)
        };
        let (grid, links) = table_grid(*table, Grid::new(budget), src.opts.limits.cells)?;
        let (mut sheet, left) = grid.into_sheet(name, Visibility::Visible, false)?;
        sheet.links = links;
        budget = left;
        sheets.push(sheet);
    }
    Ok(Contents {
        encoding: Some(decoded.label),
        sheets,
        problems,
    })
}

/// The start tags of a page: `<` followed by a letter.
fn start_tags(text: &str) -> u64 {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic))
        .count() as u64
}

/// How deep elements nest outside table cells, counting open and end tags (see
/// [`MAX_NESTING`]); inside a cell the parser's look stops at the cell.
fn nesting_outside_cells(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut in_cell) = (0u64, 0u64, false);
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (end, rest) = match rest.split_first() {
            Some((b'/', rest)) => (true, rest),
            _ => (false, rest),
        };
        let len = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = rest[..len].to_ascii_lowercase();
        match (end, name.as_slice()) {
            (false, b"td" | b"th") => in_cell = true,
            (true, b"td" | b"th" | b"tr" | b"table") => in_cell = false,
            _ if in_cell || NOT_NESTING.contains(&name.as_slice()) => {}
            (false, _) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (true, _) => depth = depth.saturating_sub(1),
        }
    }
    deepest
}

/// One cell as written: its text and its spans.
struct HtmlCell {
    text: String,
    /// The web address of the cell's first `<a href>` that has one.
    link: Option<String>,
    colspan: u32,
    rowspan: u32,
}

/// Places the cells of `table` the way browsers do: each cell takes the first column
/// not still covered by a rowspan from above. `spans` bounds the columns all cells
/// span together (the cells limit), so that spans cannot make the work explode.
/// With the grid, the web addresses its cells link to.
fn table_grid(table: ElementRef, mut grid: Grid, spans: u64) -> Result<(Grid, Vec<Link>), Failure> {
    let rows = table_rows(table);
    let mut links = Vec::new();
    let height = rows.len() as u32;
    // The first row at which each column is free again.
    let mut busy: Vec<u32> = Vec::new();
    let mut spanned = 0u64;
    for (r, cells) in rows.into_iter().enumerate() {
        let r = r as u32;
        let mut c = 0u32;
        for cell in cells {
            while busy.get(c as usize).is_some_and(|&until| until > r) {
                c += 1;
            }
            // A rowspan past the last row of the table ends at that row (HTML does the same).
            let last_row = (r + cell.rowspan - 1).min(height.saturating_sub(1).max(r));
            let last_col = c + cell.colspan - 1;
            check_position(u64::from(r), u64::from(last_col))?;
            spanned += u64::from(cell.colspan);
            if spanned > spans {
                return Err(Oversize::Cells {
                    cells: spanned,
                    limit: spans,
                }
                .into());
            }
            if busy.len() <= last_col as usize {
                busy.resize(last_col as usize + 1, 0);
            }
            busy[c as usize..=last_col as usize].fill(last_row + 1);
            grid.set(r, c, text_cell(cell.text))?;
            links.extend(cell.link.map(|link| (r, c, link)));
            grid.merge(Merge {
                first_row: r,
                first_col: c,
                last_row,
                last_col,
            });
            c = last_col + 1;
        }
    }
    debug_assert!(busy.len() <= MAX_COLS as usize);
    Ok((grid, links))
}

fn text_cell(text: String) -> Cell {
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.into())
    }
}

/// The `<tr>` rows of this table (through thead/tbody/tfoot and any other wrapper), not
/// of tables nested in it. Walked with a stack: a page may nest elements deeper than
/// any thread's stack.
fn table_rows(table: ElementRef) -> Vec<Vec<HtmlCell>> {
    let mut rows = Vec::new();
    let mut stack: Vec<ElementRef> = table.child_elements().collect();
    stack.reverse();
    while let Some(el) = stack.pop() {
        match el.value().name() {
            "tr" => rows.push(row_cells(el)),
            "table" => {}
            _ => {
                let at = stack.len();
                stack.extend(el.child_elements());
                stack[at..].reverse();
            }
        }
    }
    rows
}

fn row_cells(tr: ElementRef) -> Vec<HtmlCell> {
    tr.child_elements()
        .filter(|el| matches!(el.value().name(), "td" | "th"))
        .map(|el| HtmlCell {
            text: cell_text(el),
            link: cell_link(el),
            colspan: span(el.attr("colspan"), MAX_COLSPAN),
            rowspan: span(el.attr("rowspan"), MAX_ROWSPAN),
        })
        .collect()
}

/// The web address a cell links to: of its `<a href>`, the one with the longest text —
/// the item's title, not the section page a list puts before it (`[部门动态]`).
fn cell_link(cell: ElementRef) -> Option<String> {
    let anchors = (cell.descendants().filter_map(ElementRef::wrap))
        .filter(|a| a.value().name() == "a")
        .filter_map(|a| Some((a.attr("href").filter(|h| is_web_address(h))?, a)));
    let text = |a: &ElementRef| a.text().map(|t| t.trim().chars().count()).sum::<usize>();
    let mut best: Option<(&str, usize)> = None;
    for (href, a) in anchors {
        let n = text(&a);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((href, n));
        }
    }
    best.map(|(href, _)| href.trim().to_string())
}

/// A span attribute: missing, zero or nonsense is 1; huge is capped.
fn span(value: Option<&str>, max: u32) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
        .min(max)
}

/// The text of a cell with whitespace collapsed, leaving out nested tables and scripts;
/// `<br>`, `<p>` and `<div>` separate words. Walked with a stack, as [`table_rows`].
fn cell_text(cell: ElementRef) -> String {
    let mut raw = String::new();
    // (node, closing): a block element is visited twice, to put a space on each side.
    let mut stack: Vec<_> = cell.children().rev().map(|n| (n, false)).collect();
    while let Some((node, closing)) = stack.pop() {
        if closing {
            raw.push(' ');
            continue;
        }
        if let Node::Text(t) = node.value() {
            raw.push_str(t);
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "table" | "script" | "style" => continue,
            "br" | "p" | "div" => {
                raw.push(' ');
                stack.push((node, true));
            }
            _ => {}
        }
        stack.extend(node.children().rev().map(|n| (n, false)));
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ReadOptions;

    fn read_html(html: &[u8], name: &str) -> Contents {
        let opts = ReadOptions::default();
        read(html, &Input { name, opts: &opts }).unwrap()
    }

    fn texts(sheet: &crate::read::Sheet) -> Vec<Vec<String>> {
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn colspan_and_rowspan_become_filled_merges() {
        let html = "<table>
            <tr><th colspan=3>附件1  政务公开\n 信息</th></tr>
            <tr><th>单位</th><th>标题</th><th>日期</th></tr>
            <tr><td rowspan=2>民政局</td><td>通知一</td><td>2026-11-05</td></tr>
            <tr><td>通知二</td><td>2026-11-06</td></tr>
            <tr><td>财政局</td><td colspan=2 rowspan=9>无</td></tr>
        </table>";
        let c = read_html(html.as_bytes(), "inbox/报表.xls");
        let s = &c.sheets[0];
        assert_eq!(s.name, "报表");
        assert_eq!(
            texts(s),
            vec![
                vec!["附件1 政务公开 信息"; 3],
                vec!["单位", "标题", "日期"],
                vec!["民政局", "通知一", "2026-11-05"],
                vec!["民政局", "通知二", "2026-11-06"],
                vec!["财政局", "无", "无"],
            ]
        );
        assert!(s.merges.contains(&Merge {
            first_row: 2,
            first_col: 0,
            last_row: 3,
            last_col: 0
        }));
        assert!(s.merges.contains(&Merge {
            first_row: 4,
            first_col: 1,
            last_row: 4,
            last_col: 2
        }));
    }

    #[test]
    fn several_tables_are_numbered_and_nested_text_stays_out() {
        let html =
            "<html><body><table><tr><td>外层<table><tr><td>内层</td></tr></table></td></tr></table>
            <table><tr><td>第二个</td></tr></table></body></html>";
        let c = read_html(html.as_bytes(), "a.xls");
        let names: Vec<_> = c.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["表格1", "表格2", "表格3"]);
        assert_eq!(c.sheets[0].cell(0, 0), &Cell::Text("外层".into()));
        assert_eq!(c.sheets[1].cell(0, 0), &Cell::Text("内层".into()));
    }

    #[test]
    fn a_gb2312_page_is_decoded_by_its_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>\
            <body><table><tr><td>民政局</td></tr></table></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let c = read_html(&bytes, "a.xls");
        assert_eq!(c.encoding, Some("GB18030"));
        assert_eq!(c.sheets[0].cell(0, 0), &Cell::Text("民政局".into()));
    }

    #[test]
    fn a_page_without_tables_is_unreadable() {
        let opts = ReadOptions::default();
        let r = read(
            b"<html><body>login</body></html>",
            &Input {
                name: "a.xls",
                opts: &opts,
            },
        );
        assert_eq!(r.unwrap_err(), Failure::Damaged(Damage::NoTable));
    }
}
