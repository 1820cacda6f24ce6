//! Merged ranges of an xlsx workbook, found without parsing each sheet a second time.
//!
//! calamine reads merges by parsing the whole sheet XML again after its cells; on a
//! province's worth of files that was a tenth of the run. The `<mergeCells>` element
//! comes after the cells, so here each sheet part (found by `ooxml`, as Excel finds it)
//! is inflated once more and only the bytes from `mergeCells` on are parsed.

use std::collections::HashMap;
use std::io::Cursor;

use super::Merge;
use super::ods::attr;
use super::ooxml::{SheetPart, elements, part};

/// The merges of every worksheet, by sheet name; `None` when a sheet's part cannot be
/// read (the caller then asks calamine).
pub(crate) fn xlsx_merges(
    bytes: &[u8],
    sheets: &[SheetPart],
) -> Option<HashMap<String, Vec<Merge>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut merges = HashMap::new();
    for sheet in sheets {
        merges.insert(
            sheet.name.clone(),
            sheet_merges(&part(&mut zip, &sheet.path)?),
        );
    }
    Some(merges)
}

/// The `<mergeCell ref="A1:B2"/>` ranges of a sheet part, read from `<mergeCells>` on.
fn sheet_merges(xml: &[u8]) -> Vec<Merge> {
    let Some(at) = memchr::memmem::find(xml, b"mergeCells") else {
        return Vec::new();
    };
    // Back to the `<` that opens the element, whatever its namespace prefix.
    let start = xml[..at].iter().rposition(|&b| b == b'<').unwrap_or(at);
    elements(&xml[start..])
        .filter(|e| e.local_name().as_ref() == "mergeCell")
        .filter_map(|e| range(&attr(&e, "ref")?))
        .collect()
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
        let ours = xlsx_merges(&bytes, &sheets).unwrap();
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
            assert_eq!(ours[&name], theirs, "{name}");
        }
        assert_eq!(ours["AA列"][0].first_col, 26);
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
    fn a_workbook_without_its_parts_gives_none() {
        assert!(xlsx_merges(b"not a zip", &[]).is_none());
    }
}
