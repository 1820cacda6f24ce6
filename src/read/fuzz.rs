//! A mutation fuzz harness per reader (delimited, HTML, SpreadsheetML, xlsx parts, ods
//! parts, BIFF): valid files built here are mutated — bytes flipped, cut, repeated, counts
//! and sizes set huge — and read. No mutation may escape as a panic or be called a fault
//! of zwgk (F008); every file ends in sheets or a problem. Seeded and deterministic: a few
//! hundred cases in `cargo test`, more with `ZWGK_FUZZ_CASES=100000` and another seed
//! with `ZWGK_FUZZ_SEED=7` (see the README).

use super::tests::{fixture, read, rezip, xlsx};
use crate::problems::Code;

/// Cases per reader when `ZWGK_FUZZ_CASES` is not set: a few seconds in all.
const DEFAULT_CASES: u64 = 60;

/// A small deterministic generator (xorshift64*): the same seed gives the same cases.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One to four byte-level mutations of `data`.
fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    const HUGE: [u32; 6] = [u32::MAX, 0x7FFF_FFFF, 0xFFFF, 0x1_0000, 0x10_0000, 0];
    for _ in 0..=rng.below(4) {
        if data.is_empty() {
            data.push(b'x');
        }
        let at = rng.below(data.len());
        match rng.below(5) {
            0 => {
                for _ in 0..=rng.below(16) {
                    let i = rng.below(data.len());
                    data[i] = rng.below(256) as u8;
                }
            }
            1 => data.truncate(at),
            2 => {
                let chunk = data[at..(at + 1 + rng.below(512)).min(data.len())].to_vec();
                for _ in 0..=rng.below(64) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            3 => drop(data.drain(at..(at + 1 + rng.below(512)).min(data.len()))),
            _ => {
                let value = HUGE[rng.below(HUGE.len())].to_le_bytes();
                let end = (at + 4).min(data.len());
                data.splice(at..end, value);
            }
        }
    }
    data
}

/// Sets one quoted number of an XML part to a huge or odd value, or repeats an element.
fn mutate_xml(rng: &mut Rng, data: Vec<u8>) -> Vec<u8> {
    const VALUES: [&str; 6] = ["4294967295", "1048577", "16385", "-1", "99999999999", "0"];
    let Ok(mut text) = String::from_utf8(data.clone()) else {
        return mutate(rng, data);
    };
    let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    if rng.below(2) == 0 && quotes.len() >= 2 {
        let i = rng.below(quotes.len() / 2) * 2;
        let (a, b) = (quotes[i], quotes[i + 1]);
        text.replace_range(a + 1..b, VALUES[rng.below(VALUES.len())]);
    } else if let Some(start) = text
        .rfind("<row")
        .or_else(|| text.rfind("<table:table-row"))
    {
        let end = text[start..]
            .find('>')
            .map_or(text.len(), |e| start + e + 1);
        let element = text[start..end].to_string();
        text.insert_str(start, &element.repeat(1 + rng.below(2000)));
    } else {
        return mutate(rng, text.into_bytes());
    }
    text.into_bytes()
}

/// Notes where each panic arose, as the command line's panic hook does, so that a panic
/// inside another crate's reader is a damaged file (F005) here as in a run.
fn note_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            super::note_panic(info);
            previous(info);
        }));
    });
}

/// Reads `cases` mutations of `seed_file` (named `name`) made by `mutation`, asserting
/// that each ends in sheets or problems and none in an internal error.
fn fuzz(reader: &str, name: &str, seed_file: &[u8], mutation: impl Fn(&mut Rng) -> Vec<u8>) {
    note_panics();
    let cases = setting("ZWGK_FUZZ_CASES", DEFAULT_CASES);
    let seed = setting("ZWGK_FUZZ_SEED", 19);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    assert!(!read(seed_file, name).sheets.is_empty(), "{reader}: seed");
    for case in 0..cases {
        let bytes = mutation(&mut rng);
        let r = read(&bytes, name);
        let internal = r.problems.iter().find(|p| p.code == Code::ReaderPanic);
        assert!(
            internal.is_none() && (!r.sheets.is_empty() || !r.problems.is_empty()),
            "{reader} case {case} (ZWGK_FUZZ_SEED={seed}): {:?}",
            internal.map(|p| &p.message)
        );
    }
}

fn items_book() -> Vec<u8> {
    xlsx(|wb| {
        let ws = wb.add_worksheet().set_name("明细")?;
        for (c, h) in ["标题", "发布日期", "栏目", "单位"].iter().enumerate() {
            ws.write_string(0, c as u16, *h)?;
        }
        for r in 1..40u32 {
            ws.write_string(r, 0, format!("信息{r}"))?;
            ws.write_number(r, 1, 43200.0 + f64::from(r))?;
            ws.write_string(r, 2, "政策文件")?;
            ws.write_string(r, 3, "民政局")?;
        }
        ws.merge_range(41, 0, 42, 2, "合计", &rust_xlsxwriter::Format::new())?;
        Ok(())
    })
}

#[test]
fn fuzz_delimited() {
    let mut csv = String::from("标题,发布日期,栏目,单位\n");
    for r in 1..60 {
        csv.push_str(&format!(
            "\"信息{r},附\",2018-04-{:02},政策文件,民政局\n",
            r % 28 + 1
        ));
    }
    let (gbk, _, _) = encoding_rs::GB18030.encode(&csv);
    let seeds = [csv.clone().into_bytes(), gbk.into_owned()];
    fuzz("delimited", "a.csv", &seeds[0], |rng| {
        let seed = seeds[rng.below(2)].clone();
        mutate(rng, seed)
    });
}

#[test]
fn fuzz_html() {
    let mut html = String::from("<html><body><table><tr><td colspan=2>标题</td></tr>");
    for r in 1..40 {
        html.push_str(&format!(
            "<tr><td rowspan=2>信息{r}</td><td>民政局</td></tr>"
        ));
    }
    html.push_str("</table></body></html>");
    fuzz("HTML", "a.xls", html.as_bytes(), |rng| {
        mutate(rng, html.clone().into_bytes())
    });
}

#[test]
fn fuzz_spreadsheetml() {
    let mut xml = String::from(
        r#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="明细"><Table>"#,
    );
    for r in 1..40 {
        xml.push_str(&format!(
            r#"<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">信息{r}</Data></Cell><Cell><Data ss:Type="Number">{r}</Data></Cell></Row>"#
        ));
    }
    xml.push_str("</Table></Worksheet></Workbook>");
    fuzz("SpreadsheetML", "a.xls", xml.as_bytes(), |rng| {
        let bytes = xml.clone().into_bytes();
        if rng.below(2) == 0 {
            mutate_xml(rng, bytes)
        } else {
            mutate(rng, bytes)
        }
    });
}

/// Mutates one part of the zip package `book`, as text or as bytes.
fn mutate_part(rng: &mut Rng, book: &[u8], parts: &[&str]) -> Vec<u8> {
    let target = parts[rng.below(parts.len())];
    let as_xml = rng.below(2) == 0;
    let seed = rng.below(usize::MAX >> 1) as u64 | 1;
    rezip(book, |name, data| {
        if name != target {
            return data;
        }
        let mut rng = Rng(seed);
        if as_xml {
            mutate_xml(&mut rng, data)
        } else {
            mutate(&mut rng, data)
        }
    })
}

#[test]
fn fuzz_xlsx_parts() {
    let book = items_book();
    let parts = [
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
    ];
    fuzz("xlsx", "a.xlsx", &book, |rng| {
        mutate_part(rng, &book, &parts)
    });
}

#[test]
fn fuzz_ods_parts() {
    let book = fixture("ods_merged_range_and_hidden_sheet.ods");
    let parts = ["content.xml", "META-INF/manifest.xml", "mimetype"];
    fuzz("ods", "a.ods", &book, |rng| mutate_part(rng, &book, &parts));
}

#[test]
fn fuzz_biff() {
    let book = fixture("xls_merged_range_and_date.xls");
    fuzz("BIFF", "a.xls", &book, |rng| {
        // Past the OLE header, where the sectors of the Workbook stream are.
        let mut bytes = book.clone();
        let tail = mutate(rng, bytes.split_off(512));
        bytes.extend(tail);
        bytes
    });
}
