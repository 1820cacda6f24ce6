//! The parts of an OOXML package (xlsx, xlsm, xlsb) that decide how calamine will read
//! it, checked before calamine opens it: where the workbook part is (`_rels/.rels` says),
//! which part each sheet reads, how many shared strings are declared. Two sheets reading
//! one part, a declared count the part cannot hold, a sheet without its part are refused
//! here; macro sheets, which calamine cannot list, are turned into sheets it skips.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read, Write};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::failure::{Damage, Failure};
use super::ods::attr;
use super::{Format, Input};
use crate::problems::{Code, Problem};

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The relationship type of a worksheet in xlsx; macro sheets get it to be skipped.
const DIALOGSHEET: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/dialogsheet";

/// One sheet of a workbook: its name and the part it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetPart {
    pub name: String,
    pub path: String,
}

/// A package ready for calamine: its bytes (rewritten when macro sheets had to be hidden
/// from calamine), its worksheets, and the problems found.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub bytes: Cow<'a, [u8]>,
    pub sheets: Vec<SheetPart>,
    pub problems: Vec<Problem>,
    /// The workbook asks to be recalculated when opened (`fullCalcOnLoad`): written by a
    /// library such as XlsxWriter, never saved by Excel or WPS.
    pub recalc: bool,
    /// The cell formats (`cellXfs` indices) that show a number as a percent.
    pub percent: Vec<u32>,
}

/// The workbook part named by the package relationships (`xl/workbook.xml` in nearly
/// every file), or `None` when there is no `_rels/.rels` to say.
pub(crate) fn workbook_part(zip: &mut Zip) -> Option<String> {
    let rels = part(zip, "_rels/.rels")?;
    let target = elements(&rels)
        .filter(|e| e.local_name().as_ref() == "Relationship")
        .find(|e| attr(e, "Type").is_some_and(|t| t.ends_with("/relationships/officeDocument")))
        .and_then(|e| attr(&e, "Target"))?;
    Some(target.trim_start_matches('/').to_string())
}

/// Checks the package `bytes` of `format` and prepares it for calamine.
///
/// # Errors
/// [`Damage::SharedPart`], [`Damage::UntrustedCount`] and [`Damage::Workbook`] as
/// described in the module; [`Damage::Zip`] when the package cannot be opened.
pub(crate) fn prepare<'a>(
    bytes: &'a [u8],
    format: Format,
    src: &Input,
) -> Result<Prepared<'a>, Failure> {
    let mut zip = Zip::new(Cursor::new(bytes)).map_err(|e| Damage::Zip(e.to_string()))?;
    let binary = format == Format::Xlsb;
    // calamine reads xlsb from `xl/` whatever the relationships say.
    let workbook = match workbook_part(&mut zip) {
        Some(found) if !binary => found,
        _ if binary => "xl/workbook.bin".to_string(),
        _ => "xl/workbook.xml".to_string(),
    };
    let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", &workbook));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let rels_path = format!("{dir}_rels/{file}.rels");
    let rels = relationships(&part(&mut zip, &rels_path).unwrap_or_default());
    let workbook_bytes = part(&mut zip, &workbook).unwrap_or_default();
    let listed = if binary {
        binary_sheets(&workbook_bytes)
    } else {
        xml_sheets(&workbook_bytes)
    };
    let recalc =
        !binary && memchr::memmem::find(&workbook_bytes, b"fullCalcOnLoad=\"1\"").is_some();
    let mut sheets = Vec::new();
    let mut macros = Vec::new();
    for (name, id) in listed {
        let Some((target, kind)) = rels.get(&id) else {
            return Err(
                Damage::Workbook(format!("工作表「{name}」找不到对应的部件（{id}）")).into(),
            );
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None if binary => format!("xl/{target}"),
            None => format!("{dir}{target}"),
        };
        if kind.to_ascii_lowercase().contains("macrosheet") {
            macros.push((name, id));
        } else {
            sheets.push(SheetPart { name, path });
        }
    }
    refuse_shared_parts(&sheets)?;
    check_shared_strings(&mut zip, &format!("{dir}sharedStrings.xml"))?;
    let styles = if binary {
        Vec::new()
    } else {
        percent_styles(&part(&mut zip, &format!("{dir}styles.xml")).unwrap_or_default())
    };
    let problems = macros
        .iter()
        .map(|(name, _)| Problem::new(Code::MacroSheet, src.name, &[name]).at(name, None))
        .collect();
    let bytes = if macros.is_empty() {
        Cow::Borrowed(bytes)
    } else {
        let ids: Vec<&str> = macros.iter().map(|(_, id)| id.as_str()).collect();
        Cow::Owned(hide_macro_sheets(&mut zip, &rels_path, &ids, binary)?)
    };
    Ok(Prepared {
        bytes,
        sheets,
        problems,
        recalc,
        percent: styles,
    })
}

/// The cell formats of `styles.xml` (indices into `cellXfs`) that show a number as a
/// percent: the built-in `0%` and `0.00%` (9, 10), or a format whose code has a `%`
/// outside quotes. A score typed as `2.5%` is stored as 0.025 in such a cell.
fn percent_styles(xml: &[u8]) -> Vec<u32> {
    let mut formats: Vec<u32> = vec![9, 10];
    let (mut found, mut in_cell_xfs, mut xf) = (Vec::new(), false, 0u32);
    for e in elements(xml) {
        let id = || attr(&e, "numFmtId").and_then(|v| v.trim().parse::<u32>().ok());
        match e.local_name().as_ref() {
            "numFmt" if attr(&e, "formatCode").is_some_and(|c| shows_percent(&c)) => {
                formats.extend(id());
            }
            "cellXfs" => in_cell_xfs = true,
            "cellStyles" | "dxfs" => in_cell_xfs = false,
            "xf" if in_cell_xfs => {
                if id().is_some_and(|id| formats.contains(&id)) {
                    found.push(xf);
                }
                xf += 1;
            }
            _ => {}
        }
    }
    found
}

/// Whether a number format's code has a `%` outside quotes and escapes.
fn shows_percent(code: &str) -> bool {
    let (mut quoted, mut escaped) = (false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Excel never lets two sheets read one part; a package that does would make each a
/// full copy (a thousand sheets of one 5 MiB part took 3.8 GB).
fn refuse_shared_parts(sheets: &[SheetPart]) -> Result<(), Damage> {
    let mut seen = HashMap::new();
    for sheet in sheets {
        if seen.insert(sheet.path.to_ascii_lowercase(), ()).is_some() {
            return Err(Damage::SharedPart(sheet.path.clone()));
        }
    }
    Ok(())
}

/// calamine reserves room for as many strings as `<sst uniqueCount>` declares: a count
/// the part's bytes cannot hold (each string takes at least `<si/>`) is a lie.
fn check_shared_strings(zip: &mut Zip, path: &str) -> Result<(), Damage> {
    let Some(index) = find(zip, path) else {
        return Ok(());
    };
    let Ok(file) = zip.by_index(index) else {
        return Ok(());
    };
    let size = file.size();
    let mut reader = Reader::from_reader(BufReader::new(file));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let possible = size / 4 + 16;
                for key in ["uniqueCount", "count"] {
                    let declared = attr(&e, key).and_then(|v| v.trim().parse::<u64>().ok());
                    if key == "uniqueCount" && declared.is_some_and(|n| n > possible) {
                        return Err(Damage::UntrustedCount {
                            part: path.to_string(),
                            declared: declared.unwrap_or_default(),
                            possible,
                        });
                    }
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => buf.clear(),
        }
    }
}

/// A copy of the package in which the relationships `ids` of the workbook, macro sheets,
/// read as dialog sheets, which calamine lists and zwgk skips; every other part is
/// copied as it is, still compressed.
fn hide_macro_sheets(
    zip: &mut Zip,
    rels_path: &str,
    ids: &[&str],
    binary: bool,
) -> Result<Vec<u8>, Failure> {
    let rels = part(zip, rels_path).unwrap_or_default();
    let edited = edit_relationships(&rels, ids, binary);
    let broken = |e: zip::result::ZipError| Damage::Zip(e.to_string());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(broken)?;
        let name = entry.name().map_err(broken)?.replace('\\', "/");
        if name.eq_ignore_ascii_case(rels_path) {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default();
            out.start_file(name, options).map_err(broken)?;
            out.write_all(&edited)
                .map_err(|e| Damage::Zip(e.to_string()))?;
        } else {
            out.raw_copy_file(entry).map_err(broken)?;
        }
    }
    Ok(out.finish().map_err(broken)?.into_inner())
}

/// The relationships XML with those of `ids` turned into dialog sheets: by type for
/// xlsx, by target folder for xlsb (calamine tells xlsb sheets by their folder).
fn edit_relationships(rels: &[u8], ids: &[&str], binary: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(rels);
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text.as_ref();
    while let Some(at) = rest
        .find("<Relationship ")
        .or_else(|| rest.find("<Relationship\t"))
    {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        let is_macro = ids
            .iter()
            .any(|id| tag.contains(&format!("Id=\"{id}\"")) || tag.contains(&format!("Id='{id}'")));
        out.push_str(&rest[..at]);
        if is_macro {
            out.push_str(&rewrite_tag(tag, binary));
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

fn rewrite_tag(tag: &str, binary: bool) -> String {
    if binary {
        tag.replace("macrosheets/", "dialogsheets/")
            .replace("Macrosheets/", "dialogsheets/")
    } else {
        let Some(start) = tag.find("Type=").map(|i| i + 6) else {
            return tag.to_string();
        };
        let quote = &tag[start - 1..start];
        let end = tag[start..].find(quote).map_or(tag.len(), |e| start + e);
        format!("{}{DIALOGSHEET}{}", &tag[..start], &tag[end..])
    }
}

/// `Id` → (`Target`, `Type`) of a relationships part.
pub(crate) fn relationships(xml: &[u8]) -> HashMap<String, (String, String)> {
    elements(xml)
        .filter(|e| e.local_name().as_ref() == "Relationship")
        .filter_map(|e| {
            let target = attr(&e, "Target").unwrap_or_default();
            let kind = attr(&e, "Type").unwrap_or_default();
            Some((attr(&e, "Id")?, (target, kind)))
        })
        .collect()
}

/// The sheets of `workbook.xml`: (name, relationship id).
fn xml_sheets(xml: &[u8]) -> Vec<(String, String)> {
    elements(xml)
        .filter(|e| e.local_name().as_ref() == "sheet")
        .map(|e| {
            (
                attr(&e, "name").unwrap_or_default(),
                attr(&e, "id").unwrap_or_default(),
            )
        })
        .collect()
}

/// The sheets of `workbook.bin`: (name, relationship id) of each BrtBundleSh record.
fn binary_sheets(bin: &[u8]) -> Vec<(String, String)> {
    let mut sheets = Vec::new();
    let mut at = 0;
    while let Some((typ, data, next)) = binary_record(bin, at) {
        at = next;
        if typ == 0x009C && data.len() >= 12 {
            let mut pos = 8;
            let id = wide_string(data, &mut pos);
            let name = wide_string(data, &mut pos);
            if let (Some(id), Some(name)) = (id, name) {
                sheets.push((name, id));
            }
        }
    }
    sheets
}

/// The record of an xlsb part at `at`: its type, its data and where the next begins.
fn binary_record(bin: &[u8], mut at: usize) -> Option<(u16, &[u8], usize)> {
    let mut typ = u16::from(*bin.get(at)?);
    at += 1;
    if typ & 0x80 != 0 {
        typ = (typ & 0x7F) | (u16::from(bin.get(at)? & 0x7F) << 7);
        at += 1;
    }
    let mut len = 0usize;
    for i in 0..4 {
        let b = *bin.get(at)?;
        at += 1;
        len |= usize::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            break;
        }
    }
    let data = bin.get(at..at.checked_add(len)?)?;
    Some((typ, data, at + len))
}

/// An XLNullableWideString at `*pos`, moving past it; `None` when null or cut short.
fn wide_string(data: &[u8], pos: &mut usize) -> Option<String> {
    let len = u32::from_le_bytes(data.get(*pos..*pos + 4)?.try_into().ok()?);
    *pos += 4;
    if len == u32::MAX {
        return None;
    }
    let end = pos.checked_add(len as usize * 2)?;
    let units: Vec<u16> = data
        .get(*pos..end)?
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]))
        .collect();
    *pos = end;
    Some(String::from_utf16_lossy(&units))
}

/// The index of the part `name`, found as calamine finds it (case and `\` ignored).
fn find(zip: &Zip, name: &str) -> Option<usize> {
    zip.index_for_name(name).or_else(|| {
        (0..zip.len()).find(|&i| {
            zip.by_index_data(i)
                .ok()
                .and_then(|e| e.name().ok().map(|n| n.replace('\\', "/")))
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    })
}

/// A part, decompressed; `None` when missing or unreadable. Its size was checked
/// against the limits when the file was sniffed.
pub(crate) fn part(zip: &mut Zip, name: &str) -> Option<Vec<u8>> {
    let index = find(zip, name)?;
    let mut file = zip.by_index(index).ok()?;
    // The declared size is a hint, not a promise: capped, and the read grows as needed.
    let hint = usize::try_from(file.size()).unwrap_or(0).min(64 << 20);
    let mut bytes = Vec::with_capacity(hint);
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The start and empty-element tags of an XML text, until its end or its first error.
pub(crate) fn elements(xml: &[u8]) -> impl Iterator<Item = BytesStart<'static>> + '_ {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    std::iter::from_fn(move || {
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => return Some(e.into_owned()),
                Ok(Event::Eof) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    })
}
