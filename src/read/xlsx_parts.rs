//! What zwgk reads from an xlsx workbook's sheet parts itself, each part inflated once
//! more and scanned rather than parsed a second time: merged ranges, formulas whose
//! part holds no result, hidden rows and the web addresses cells link to.
//!
//! calamine reads merges by parsing the whole sheet XML again after its cells; on a
//! province's worth of files that was a tenth of the run. The `<mergeCells>` element
//! comes after the cells, so only the bytes from `mergeCells` on are parsed. A formula
//! without a result (a file written by a program and never saved by Excel or WPS)
//! reads as an empty cell in calamine; it is found by looking only at the `<f>`
//! elements, so a sheet without formulas costs one byte search.

use std::collections::HashMap;
use std::io::Cursor;

use memchr::memmem;

use super::ods::attr;
use super::ooxml::{SheetPart, elements, part, relationships};
use super::{Link, Merge, is_web_address};

/// What zwgk reads from one sheet part itself.
#[derive(Debug, Default)]
pub(crate) struct SheetParts {
    pub merges: Vec<Merge>,
    /// Formulas without a result: (row, column, the formula with its `=`).
    pub uncached: Vec<Link>,
    /// The 0-based rows the sheet hides.
    pub hidden: Vec<u32>,
    /// The web addresses cells link to: (row, column, address), in order.
    pub links: Vec<Link>,
    /// The number cells shown as percents: (row, column), in order.
    pub percent: Vec<(u32, u32)>,
}

/// What zwgk reads itself of every worksheet, by sheet name, in a workbook that asks to
/// be recalculated when opened or not (`recalc`) and whose cell formats `percent` show
/// numbers as percents; `None` when a sheet's part cannot be read (the caller then asks
/// calamine for the merges).
pub(crate) fn xlsx_parts(
    bytes: &[u8],
    sheets: &[SheetPart],
    (recalc, percent): (bool, &[u32]),
) -> Option<HashMap<String, SheetParts>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut found = HashMap::new();
    for sheet in sheets {
        let xml = part(&mut zip, &sheet.path)?;
        let mut links = formula_links(&xml);
        if let Some(at) = memmem::find(&xml, b"hyperlinks") {
            let (dir, file) = sheet.path.rsplit_once('/').unwrap_or(("", &sheet.path));
            let rels = part(&mut zip, &format!("{dir}/_rels/{file}.rels")).unwrap_or_default();
            links.extend(hyperlinks(&xml[at..], &relationships(&rels)));
        }
        links.sort_unstable_by_key(|&(row, col, _)| (row, col));
        links.dedup_by_key(|&mut (row, col, _)| (row, col));
        let parts = SheetParts {
            merges: sheet_merges(&xml),
            uncached: uncached_formulas(&xml, recalc),
            hidden: hidden_rows(&xml),
            links,
            percent: percent_cells(&xml, percent),
        };
        found.insert(sheet.name.clone(), parts);
    }
    Some(found)
}

/// The `<mergeCell ref="A1:B2"/>` ranges of a sheet part, read from `<mergeCells>` on.
fn sheet_merges(xml: &[u8]) -> Vec<Merge> {
    let Some(at) = memmem::find(xml, b"mergeCells") else {
        return Vec::new();
    };
    // Back to the `<` that opens the element, whatever its namespace prefix.
    let start = xml[..at].iter().rposition(|&b| b == b'<').unwrap_or(at);
    elements(&xml[start..])
        .filter(|e| e.local_name().as_ref() == "mergeCell")
        .filter_map(|e| range(&attr(&e, "ref")?))
        .collect()
}

/// The cells of a sheet part holding a formula (`<f>`) and no `<v>` element with a
/// result: none at all, or an empty `<v/>` as openpyxl writes. Excel writes a formula
/// whose result is the empty text as `<v></v>`, which is a result. In a workbook that
/// asks to be recalculated when opened (`recalc`: XlsxWriter and its kin, never a file
/// Excel or WPS saved), a result of 0 is what those libraries write when given none,
/// so it is no result either: read as 0, a count would be a silent zero.
fn uncached_formulas(xml: &[u8], recalc: bool) -> Vec<Link> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = memmem::find(&xml[from..], b"<f").map(|i| i + from) {
        from = at + 2;
        if !matches!(xml.get(at + 2), Some(b'>' | b' ' | b'/')) {
            continue;
        }
        let (Some(start), Some(end)) = (
            memmem::rfind(&xml[..at], b"<c "),
            memmem::find(&xml[at..], b"</c>").map(|i| i + at),
        ) else {
            continue;
        };
        from = end;
        let inside = &xml[at..end];
        if let Some(v) = memmem::find(inside, b"<v>") {
            let value = &inside[v + 3..];
            if !(recalc && value.starts_with(b"0</v>")) {
                continue;
            }
        }
        let Some((row, col)) = reference(&xml[start..at]).and_then(|r| cell(&r)) else {
            continue;
        };
        found.push((
            row,
            col,
            format!("={}", formula(inside).unwrap_or("…".into())),
        ));
    }
    found
}

/// The 0-based rows a sheet part hides (`<row r="5" hidden="1">`): filtered out by an
/// autofilter, or hidden by hand. A sheet that hides none costs one byte search.
fn hidden_rows(xml: &[u8]) -> Vec<u32> {
    let mut found = Vec::new();
    for at in memmem::find_iter(xml, b" hidden=\"") {
        if !matches!(xml.get(at + 9), Some(b'1' | b't')) {
            continue;
        }
        let Some(start) = memmem::rfind(&xml[..at], b"<") else {
            continue;
        };
        let tag = &xml[start + 1..at];
        let name = &tag[..tag.iter().position(|&b| b == b' ').unwrap_or(tag.len())];
        let row = name == b"row" || name.ends_with(b":row");
        let number = reference(tag).and_then(|r| r.parse::<u32>().ok());
        if let Some(n) = number.filter(|&n| row && n > 0) {
            found.push(n - 1);
        }
    }
    found.sort_unstable();
    found
}

/// The `<hyperlink ref="B3" r:id="rId1"/>` elements of a sheet part, read from its
/// `<hyperlinks>` on, with the web addresses its relationships `rels` give them
/// (`<hyperlink ref="B3" location="Sheet2!A1"/>` links inside the workbook: left out).
/// A link over a range is its first cell's.
fn hyperlinks(xml: &[u8], rels: &HashMap<String, (String, String)>) -> Vec<Link> {
    elements(xml)
        .filter(|e| e.local_name().as_ref() == "hyperlink")
        .filter_map(|e| {
            let first = range(&attr(&e, "ref")?)?;
            let (target, _) = rels.get(&attr(&e, "id")?)?;
            let address = target.trim().to_string();
            is_web_address(target).then_some((first.first_row, first.first_col, address))
        })
        .collect()
}

/// The cells whose formula is `HYPERLINK("http://…", "标题")`, with the address: the
/// text Excel shows and calamine reads is the second argument. An address put together
/// from pieces is left out.
fn formula_links(xml: &[u8]) -> Vec<Link> {
    let mut found = Vec::new();
    for at in memmem::find_iter(xml, b"HYPERLINK(") {
        let (Some(c), Some(f)) = (
            memmem::rfind(&xml[..at], b"<c "),
            memmem::rfind(&xml[..at], b"<f"),
        ) else {
            continue;
        };
        let Some((row, col)) = (f > c)
            .then(|| reference(&xml[c..f]))
            .flatten()
            .and_then(|r| cell(&r))
        else {
            continue;
        };
        let Some(text) = formula(&xml[f..]) else {
            continue;
        };
        let args = text
            .split_once("HYPERLINK(")
            .map_or("", |(_, a)| a)
            .trim_start();
        // Only an address written out whole: one built of pieces ("…/t_"&F2&".html") is
        // not known.
        let address = (args.strip_prefix('"').and_then(|a| a.split_once('"')))
            .filter(|(_, rest)| rest.trim_start().starts_with([',', ')']))
            .map(|(a, _)| a);
        if let Some(address) = address.filter(|a| is_web_address(a)) {
            found.push((row, col, address.trim().to_string()));
        }
    }
    found
}

/// The number cells of a sheet part whose format is one of `styles`
/// (`<c r="D5" s="3">`, no type or `t="n"`); none to look for costs nothing.
fn percent_cells(xml: &[u8], styles: &[u32]) -> Vec<(u32, u32)> {
    let mut found = Vec::new();
    if styles.is_empty() {
        return found;
    }
    for at in memmem::find_iter(xml, b" s=\"") {
        let digits = &xml[at + 4..];
        let digits = &digits[..digits.iter().take_while(|b| b.is_ascii_digit()).count()];
        let style = std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse().ok());
        if !style.is_some_and(|s| styles.contains(&s)) {
            continue;
        }
        let Some(start) = memmem::rfind(&xml[..at], b"<") else {
            continue;
        };
        let end = memchr::memchr(b'>', &xml[at..]).map_or(xml.len(), |i| at + i);
        let tag = &xml[start..end];
        let number = memmem::find(tag, b" t=\"").is_none_or(|t| tag[t..].starts_with(b" t=\"n\""));
        if tag.starts_with(b"<c ") && number {
            found.extend(reference(tag).and_then(|r| cell(&r)));
        }
    }
    found
}

/// The `r` attribute of a cell's start tag.
fn reference(tag: &[u8]) -> Option<String> {
    let at = memmem::find(tag, b" r=\"")? + 4;
    let len = tag[at..].iter().position(|&b| b == b'"')?;
    Some(String::from_utf8_lossy(&tag[at..at + len]).into_owned())
}

/// The text of the `<f>` element `inside` begins with: `None` for a shared formula's
/// `<f t="shared" si="0"/>`, whose text is at the first cell that shares it.
fn formula(inside: &[u8]) -> Option<String> {
    let open = inside.iter().position(|&b| b == b'>')?;
    if inside[open - 1] == b'/' {
        return None;
    }
    let body = &inside[open + 1..];
    let body = &body[..memmem::find(body, b"</f>").unwrap_or(body.len())];
    let text = String::from_utf8_lossy(body);
    let text =
        quick_xml::escape::unescape(&text).map_or_else(|_| text.to_string(), |t| t.into_owned());
    (!text.is_empty()).then_some(text)
}

/// `B2:D5` (or a single `B2`) as a 0-based merge.
fn range(text: &str) -> Option<Merge> {
    let (first, last) = text.split_once(':').unwrap_or((text, text));
    let ((first_row, first_col), (last_row, last_col)) = (cell(first)?, cell(last)?);
    Some(Merge {
        first_row,
        first_col,
        last_row,
        last_col,
    })
}

/// `B2` as (row 1, column 1).
fn cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let digits = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = text.split_at(digits);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.chars().try_fold(0u32, |acc, c| {
        let digit = u32::from(c.to_ascii_uppercase()) - u32::from('A') + 1;
        acc.checked_mul(26)?.checked_add(digit)
    })?;
    let row: u32 = number.parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader as _, Xlsx};
    use rust_xlsxwriter::{Format, Workbook};

    #[test]
    fn merges_match_what_calamine_reads_on_every_sheet() {
        let mut wb = Workbook::new();
        let f = Format::new();
        let ws = wb.add_worksheet().set_name("统计 & 汇总").unwrap();
        ws.merge_range(0, 0, 0, 5, "标题", &f).unwrap();
        ws.merge_range(2, 1, 6, 1, "民政局", &f).unwrap();
        ws.write_string(7, 0, "x").unwrap();
        wb.add_worksheet().set_name("空").unwrap();
        let ws = wb.add_worksheet().set_name("AA列").unwrap();
        ws.merge_range(10, 26, 11, 27, "", &f).unwrap();
        let bytes = wb.save_to_buffer().unwrap();

        let sheets = (1..=3)
            .zip(["统计 & 汇总", "空", "AA列"])
            .map(|(n, name)| SheetPart {
                name: name.to_string(),
                path: format!("xl/worksheets/sheet{n}.xml"),
            })
            .collect::<Vec<_>>();
        let ours = xlsx_parts(&bytes, &sheets, (false, &[])).unwrap();
        let mut xlsx = Xlsx::new(Cursor::new(bytes.as_slice())).unwrap();
        for name in xlsx.sheet_names() {
            let theirs: Vec<Merge> = xlsx
                .merge_cells_by_sheet_name(&name)
                .unwrap()
                .iter()
                .map(|d| Merge {
                    first_row: d.start.0,
                    first_col: d.start.1,
                    last_row: d.end.0,
                    last_col: d.end.1,
                })
                .collect();
            assert_eq!(ours[&name].merges, theirs, "{name}");
        }
        assert_eq!(ours["AA列"].merges[0].first_col, 26);
    }

    #[test]
    fn cell_references_parse_with_and_without_dollars() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("$AB$12"), Some((11, 27)));
        assert_eq!(cell("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell("A0"), None);
        assert_eq!(cell("12"), None);
        assert_eq!(
            range("C3"),
            Some(Merge {
                first_row: 2,
                first_col: 2,
                last_row: 2,
                last_col: 2
            })
        );
    }

    #[test]
    fn formulas_without_a_result_are_found_and_results_are_not() {
        let xml = r#"<sheetData><row r="3"><c r="A3"><v>1</v></c><c r="B3" t="str"><f>A3&amp;"号"</f></c></row>
            <row r="4"><c r="C4"><f>DATE(2018,4,6)</f><v /></c><c r="D4" t="str"><f>""</f><v></v></c></row>
            <row r="5"><c r="E5"><f t="shared" si="0"/></c><c r="F5"><f>1-1</f><v>0</v></c>
            <c r="G5"><f>2+2</f><v>4</v></c></row></sheetData><headerFooter><firstHeader>x</firstHeader></headerFooter>"#
            .as_bytes();
        let kept = [
            (2, 1, r#"=A3&"号""#.to_string()),
            (3, 2, "=DATE(2018,4,6)".to_string()),
            (4, 4, "=…".to_string()),
        ];
        assert_eq!(uncached_formulas(xml, false), kept);
        // Asked to be recalculated, the 0 an XlsxWriter writes for a formula is no result.
        let mut with_zero = kept.to_vec();
        with_zero.push((4, 5, "=1-1".to_string()));
        assert_eq!(uncached_formulas(xml, true), with_zero);
    }

    #[test]
    fn a_workbook_without_its_parts_gives_none() {
        assert!(xlsx_parts(b"not a zip", &[], (false, &[])).is_none());
    }
}
