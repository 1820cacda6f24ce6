//! A drafted text turned into a .docx laid out by GB/T 9704-2012: A4 with the 公文
//! margins, 22 lines of 28 characters of 3号 仿宋 per page, title in 2号 小标宋 (or 宋体
//! bold), headings in 黑体 and 楷体, page numbers `— N —` in 4号 宋体, right on odd pages
//! and left on even ones, and the table as an annex after a page break.

use std::borrow::Cow;

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE,
    InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Table, TableCell, TableCellMargins, TableRow, VAlignType, WidthType,
};

use crate::write::{break_at, break_between, break_name, ems, even_break};

/// Twips (1/20 pt) per millimetre.
const MM: f64 = 1440.0 / 25.4;
/// The line pitch: the type area's 225 mm over 22 lines, 28.95 pt.
pub(crate) const LINE_PITCH: i32 = 579;
/// Body characters are drawn 0.25 pt closer so that 28 fit the 156 mm line.
const CHAR_SPACING: i32 = -5;
/// 3号 and 2号 and 4号 in half-points.
pub(crate) const BODY_SIZE: usize = 32;
pub(crate) const TITLE_SIZE: usize = 44;
pub(crate) const PAGE_NUMBER_SIZE: usize = 28;
/// Annex tables are set in 小四 so that ten columns fit a portrait page.
const TABLE_SIZE: usize = 24;
/// Their lines: 小四 at about 1.25.
const TABLE_LINE: i32 = 300;
/// Annex titles in 小二, which keeps a title of 24 characters on one line.
const ANNEX_TITLE_SIZE: usize = 36;
/// One 3号 character, in twips.
const EM: i32 = 320;

/// How a line of a drafted text is set, by its leading mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    /// `^`: centred (the 发文 header lines left for the office).
    Centred(String),
    /// `#`: the title.
    Title(String),
    /// `##`: a first-level heading (一、) in 黑体.
    Heading(String),
    /// `###`: a second-level heading (（一）) in 楷体.
    Subheading(String),
    /// `:`: flush left (主送机关).
    Flush(String),
    /// `>`: right-aligned, four characters in (署名, 成文日期).
    Right(String),
    /// An empty line.
    Blank,
    /// Anything else: body text, first line indented two characters.
    Body(String),
}

/// The lines of a rendered template.
pub(crate) fn parse(text: &str) -> Vec<Line> {
    text.lines()
        .map(|raw| {
            let line = raw.trim_end();
            let rest = |mark: &str| line[mark.len()..].trim().to_string();
            if line.trim().is_empty() {
                Line::Blank
            } else if line.starts_with("###") {
                Line::Subheading(rest("###"))
            } else if line.starts_with("##") {
                Line::Heading(rest("##"))
            } else if line.starts_with('#') {
                Line::Title(rest("#"))
            } else if line.starts_with('^') {
                Line::Centred(rest("^"))
            } else if line.starts_with(':') || line.starts_with('：') {
                Line::Flush(line.trim_start_matches([':', '：']).trim().to_string())
            } else if line.starts_with('>') {
                Line::Right(rest(">"))
            } else {
                Line::Body(line.trim().to_string())
            }
        })
        .collect()
}

/// A table printed as the document's 附件.
#[derive(Debug, Clone)]
pub(crate) struct Annex {
    pub(crate) title: String,
    pub(crate) header: Vec<String>,
    /// Relative column widths; the table spans the type area.
    pub(crate) widths: Vec<u32>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// The face of titles: 方正小标宋简体 where the office has opted in, else 宋体 bold.
#[derive(Debug, Clone)]
pub(crate) struct TitleFace {
    pub(crate) font: String,
    pub(crate) bold: bool,
}

impl TitleFace {
    /// The face `[annex] title_font` asks for.
    pub(crate) fn of(title_font: Option<&str>) -> Self {
        match title_font.map(str::trim) {
            Some(f) if !f.is_empty() && f != "宋体" => Self {
                font: f.to_string(),
                bold: false,
            },
            _ => Self {
                font: "宋体".into(),
                bold: true,
            },
        }
    }
}

fn fonts(face: &str) -> RunFonts {
    RunFonts::new()
        .ascii(face)
        .hi_ansi(face)
        .east_asia(face)
        .cs(face)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
}

/// `text` in `face` at `size`, each `\n` a line break within its paragraph.
fn run(text: &str, face: &str, size: usize) -> Run {
    let mut r = Run::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r.fonts(fonts(face))
        .size(size)
        .character_spacing(CHAR_SPACING)
}

fn paragraph(run: Run) -> Paragraph {
    Paragraph::new()
        .add_run(run)
        .line_spacing(exact(LINE_PITCH))
}

fn indented(p: Paragraph) -> Paragraph {
    p.indent(None, Some(SpecialIndentType::FirstLine(2 * EM)), None, None)
}

/// The paragraph of one line.
fn set(line: &Line, title: &TitleFace) -> Paragraph {
    match line {
        Line::Title(t) => {
            let mut r = run(&title_lines(t), &title.font, TITLE_SIZE);
            if title.bold {
                r = r.bold();
            }
            paragraph(r).align(AlignmentType::Center)
        }
        Line::Centred(t) => paragraph(run(t, "仿宋", BODY_SIZE)).align(AlignmentType::Center),
        // A heading never ends a page without its first paragraph.
        Line::Heading(t) => indented(paragraph(run(t, "黑体", BODY_SIZE))).keep_next(true),
        Line::Subheading(t) => indented(paragraph(run(t, "楷体", BODY_SIZE))).keep_next(true),
        // GB/T 9704 7.3.3: the 主送 runs on flush left, broken between addressees.
        Line::Flush(t) => {
            let text = break_between(t, |line| ems(line) <= BODY_LINE_EMS);
            paragraph(run(&text, "仿宋", BODY_SIZE))
        }
        Line::Right(t) => paragraph(run(t, "仿宋", BODY_SIZE))
            .align(AlignmentType::Right)
            .indent(None, None, Some(4 * EM), None),
        Line::Blank => paragraph(run("", "仿宋", BODY_SIZE)),
        // GB/T 9704 7.3.6: an annex name that runs onto a second line lines up under its
        // first character, after 附件：.
        Line::Body(t) if t.starts_with("附件：") => {
            let text = annex_name_lines(t).join("\n");
            paragraph(run(&text, "仿宋", BODY_SIZE)).indent(
                Some(5 * EM),
                Some(SpecialIndentType::Hanging(3 * EM)),
                None,
                None,
            )
        }
        Line::Body(t) => indented(paragraph(run(t, "仿宋", BODY_SIZE))),
    }
}

/// The width of a 2号 title line, in characters: 20 in Word with 宋体; 18.5 leaves room
/// for LibreOffice's wider digits (as [`ems`] counts them).
const TITLE_LINE_EMS: f64 = 18.5;

/// A title too long for one line, on lines (joined by `\n`) broken where the reader
/// pauses — before 关于, before the period that follows a verb (关于催报 | 2022年第二季度…),
/// or after the period (…月, …季度, …年度): in two as even as these places allow, or where
/// two do not fit, each line as long as fits (赤壁市政务公开领导小组办公室 | 关于2020年10月 |
/// 政务公开信息报送情况的通报); so that no word is split and no character is left alone
/// on a line (GB/T 9704 7.3.1: 词意完整，排列对称). A title that fits, or has no such
/// place, is one line.
fn title_lines(t: &str) -> Cow<'_, str> {
    let pause = |head: &str, tail: &str| {
        let period_ends = ["月", "季度", "年度"].iter().any(|e| head.ends_with(e));
        // 关于 leads its object: never 关于 | 2018年….
        let year = tail
            .get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
        let year_starts = year
            && tail[4..].starts_with('年')
            && !head.ends_with(|c: char| c.is_ascii_digit())
            && !head.ends_with("关于");
        tail.starts_with("关于")
            || year_starts
            || (period_ends && !tail.starts_with(|c: char| c.is_ascii_digit()))
    };
    break_at(t, |l| ems(l) <= TITLE_LINE_EMS, pause)
}

/// The characters of a line of 3号 text (GB/T 9704: 28), less half a character for
/// LibreOffice's wider punctuation.
const BODY_LINE_EMS: f64 = 27.5;

/// The room of an annex name in the 附件说明, in characters: a line's 28 less 附件： and
/// the two characters before it; 22.5 leaves room for LibreOffice's wider digits.
const ANNEX_NAME_EMS: f64 = 22.5;

/// A 附件说明 (附件：name) whose name is too long for its line, broken before the name's
/// closing bracket part (…完成情况 | （截至2018年4月27日）) so that the date stays whole;
/// as it is where it fits or no such place gives two lines that fit.
fn annex_name_lines(t: &str) -> Vec<&str> {
    let at_bracket = |_: &str, tail: &str| tail.starts_with('（');
    let name = "附件：".len();
    even_break(&t[name..], |l| ems(l) <= ANNEX_NAME_EMS, at_bracket)
        .map_or_else(|| vec![t], |i| vec![&t[..name + i], &t[name + i..]])
}

/// The right indents of the signature: in each run of `>` lines the last (成文日期)
/// stands four characters in from the right, and the lines above it (发文机关署名) are
/// centred over it, as GB/T 9704 7.3.5.1 places them on a sealed document.
fn signature_indents(lines: &[Line]) -> Vec<Option<i32>> {
    // In quarters of a 3号 character: a half-width character (a digit of a date) takes
    // two, and Word, WPS and LibreOffice put a quarter between Chinese and digits or
    // Latin letters (autoSpaceDN, autoSpaceDE):
    // 2018年5月9日 is 7.25 characters wide, not 6.
    let width = |t: &str| -> i32 {
        let quarters = |c: char| if c.is_ascii() { 2 } else { 4 };
        let latin = |c: char| c.is_ascii_alphanumeric();
        let spaced = |(a, b): (char, char)| {
            i32::from((latin(a) && !b.is_ascii()) || (!a.is_ascii() && latin(b)))
        };
        let chars: Vec<char> = t.chars().collect();
        let gaps: i32 = chars.windows(2).map(|w| spaced((w[0], w[1]))).sum();
        chars.iter().map(|&c| quarters(c)).sum::<i32>() + gaps
    };
    let mut out = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let block = lines[i..]
            .iter()
            .take_while(|l| matches!(l, Line::Right(_)))
            .count();
        if let Some(Line::Right(date)) =
            lines.get(i + block.saturating_sub(1)).filter(|_| block > 0)
        {
            for (j, line) in lines[i..i + block].iter().enumerate() {
                let Line::Right(t) = line else { continue };
                let shift = if j + 1 == block {
                    0
                } else {
                    (width(date) - width(t)) * EM / 8
                };
                out[i + j] = Some((4 * EM + shift).max(0));
            }
        }
        i += block.max(1);
    }
    out
}

/// The lines kept on one page with the document's last line (the 成文日期, or the 附注
/// under it): from the last line of text before the signature — so that the signature
/// never stands on a page of its own (GB/T 9704 7.3.5) — through the 附件 line, the
/// blanks and the 署名. Empty when the document does not end with a signature.
fn closing(lines: &[Line]) -> std::ops::Range<usize> {
    let Some(date) = lines.iter().rposition(|l| matches!(l, Line::Right(_))) else {
        return 0..0;
    };
    let last = (lines.iter().rposition(|l| !matches!(l, Line::Blank))).unwrap_or(date);
    let text = |l: &Line| match l {
        Line::Body(t) => !t.starts_with("附件："),
        Line::Flush(_) | Line::Heading(_) | Line::Subheading(_) => true,
        _ => false,
    };
    let from = lines[..date].iter().rposition(text).unwrap_or(date);
    from..last
}

/// `— N —` in 4号 宋体, one character in from the right (odd pages) or left (even).
fn page_number(align: AlignmentType) -> Footer {
    // Every run, the PAGE field's too: docx-rs's own page number run has no properties,
    // and its digits would print in the document's default 3号 仿宋. The field is
    // written as Word writes it, a run for each part: LibreOffice sets the number in the
    // properties of the run that holds it, and ignores them on a one-run field.
    let song = || Run::new().fonts(fonts("宋体")).size(PAGE_NUMBER_SIZE);
    let field = [
        song().add_field_char(FieldCharType::Begin, false),
        song().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        song().add_field_char(FieldCharType::Separate, false),
        song().add_text("1"),
        song().add_field_char(FieldCharType::End, false),
    ];
    let mut p = Paragraph::new().align(align).add_run(song().add_text("— "));
    for run in field {
        p = p.add_run(run);
    }
    let p = p
        .add_run(song().add_text(" —"))
        .size(PAGE_NUMBER_SIZE)
        .fonts(fonts("宋体"));
    let p = match align {
        AlignmentType::Right => p.indent(None, None, Some(280), None),
        _ => p.indent(Some(280), None, None, None),
    };
    Footer::new().add_paragraph(p)
}

/// The document property that keeps a 催报's period and due date (`2018-04 2018-05-08`).
pub(crate) const DUE: &str = "zwgk-due";

/// The .docx of `lines`, with `annex` after a page break, and the period and `due` date
/// of a 催报 among its properties.
///
/// # Errors
/// What docx-rs reports when packing the file (a bug, not a user's fault).
pub(crate) fn build(
    lines: &[Line],
    annex: Option<&Annex>,
    title: &TitleFace,
    due: Option<String>,
) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mm = |v: f64| (v * MM).round() as i32;
    let mut doc = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(37.0))
                .bottom(mm(35.0))
                .left(mm(28.0))
                .right(mm(26.0))
                .header(mm(15.0))
                .footer(mm(22.0)),
        )
        .default_fonts(fonts("仿宋"))
        .default_size(BODY_SIZE)
        .footer(page_number(AlignmentType::Right))
        .even_footer(page_number(AlignmentType::Left));
    if let Some(due) = due {
        doc = doc.custom_property(DUE, due);
    }
    doc.document = doc.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );
    let signed = signature_indents(lines);
    let closing = closing(lines);
    for (i, (line, indent)) in lines.iter().zip(signed).enumerate() {
        let mut p = set(line, title);
        if let Some(twips) = indent {
            p = p.indent(None, None, Some(twips), None);
        }
        if closing.contains(&i) {
            p = p.keep_next(true);
        }
        doc = doc.add_paragraph(p);
    }
    if let Some(annex) = annex {
        doc = add_annex(doc, annex, title);
    }
    let mut xml = doc.build();
    xml.document = repeat_header(&xml.document);
    xml.doc_props.core = core_properties(chrono::Utc::now()).into_bytes();
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)?;
    Ok(bytes.into_inner())
}

/// The document properties Word and WPS show (作者, 创建时间): docx-rs writes
/// `unknown` and 1970 and lets neither be set.
fn core_properties(now: chrono::DateTime<chrono::Utc>) -> String {
    let at = now.format("%Y-%m-%dT%H:%M:%SZ");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dc:creator>zwgk</dc:creator><cp:lastModifiedBy>zwgk</cp:lastModifiedBy><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>"#
    )
}

/// 附件 at the top left in 黑体, a blank line, the centred title, the table.
fn add_annex(doc: Docx, annex: &Annex, title: &TitleFace) -> Docx {
    let label = Paragraph::new()
        .add_run(Run::new().add_break(BreakType::Page))
        .add_run(run("附件", "黑体", BODY_SIZE))
        .line_spacing(exact(LINE_PITCH));
    let doc = doc
        .add_paragraph(label)
        .add_paragraph(set(&Line::Blank, title))
        .add_paragraph(annex_title(&annex.title, title))
        .add_paragraph(set(&Line::Blank, title));
    let widths = column_widths(annex);
    let width = |i: usize| widths.get(i).copied().unwrap_or(0);
    let mut rows = vec![row(&annex.header, "黑体", &widths, false)];
    // The last row (合计) never starts a page alone: the row above keeps with it.
    let (total, body) = annex
        .rows
        .split_last()
        .map_or((None, &[][..]), |(t, b)| (Some(t), b));
    let names = room(width(1));
    for (i, r) in body.iter().enumerate() {
        let mut r = r.clone();
        if let Some(name) = r.get_mut(1) {
            *name = break_name(name, |t| ems(t) <= names).into_owned();
        }
        rows.push(row(&r, "仿宋", &widths, i + 1 == body.len()));
    }
    if let Some(total) = total {
        // Its label spans 序号 and 单位, as the 合计 row of 附件-progress merges them.
        let span = width(0) + width(1);
        let label = total.get(1).map_or("", String::as_str);
        let text = break_name(label, |t| ems(t) <= room(span));
        let label = cell(&text, "仿宋", AlignmentType::Center, false).grid_span(2);
        let mut cells = vec![label.width(span, WidthType::Dxa)];
        let rest = total.iter().enumerate().skip(2);
        cells.extend(rest.map(|(i, t)| {
            cell(t, "仿宋", AlignmentType::Center, false).width(width(i), WidthType::Dxa)
        }));
        rows.push(TableRow::new(cells).cant_split());
    }
    let margins = TableCellMargins::new().margin(40, CELL_PADDING, 40, CELL_PADDING);
    doc.add_table(Table::new(rows).set_grid(widths.clone()).margins(margins))
}

/// A row of `texts` in `face`, each in its column of `widths`, the unit names (the
/// second column) flush left; kept with the next row where `keep`.
fn row(texts: &[String], face: &str, widths: &[usize], keep: bool) -> TableRow {
    let cells = texts.iter().enumerate().map(|(i, t)| {
        let align = if i == 1 {
            AlignmentType::Left
        } else {
            AlignmentType::Center
        };
        let width = widths.get(i).copied().unwrap_or(0);
        cell(t, face, align, keep).width(width, WidthType::Dxa)
    });
    TableRow::new(cells.collect()).cant_split()
}

/// One cell of `text` in `face` at 小四; a `\n` in it breaks the line there, as in
/// 附件-progress's headers.
fn cell(text: &str, face: &str, align: AlignmentType, keep: bool) -> TableCell {
    let mut r = Run::new().fonts(fonts(face)).size(TABLE_SIZE);
    for (n, part) in text.split('\n').enumerate() {
        if n > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(part);
    }
    let p = Paragraph::new()
        .add_run(r)
        .align(align)
        .snap_to_grid(false)
        .line_spacing(exact(TABLE_LINE))
        .keep_next(keep);
    TableCell::new()
        .add_paragraph(p)
        .vertical_align(VAlignType::Center)
}

/// Left and right padding of an annex cell, in twips.
const CELL_PADDING: usize = 30;
/// What a cell adds to the width of its text, in twips: its padding either side and a
/// point to spare, so that a text exactly as wide as its column is not wrapped by rounding.
const CELL_EXTRA: f64 = 2.0 * CELL_PADDING as f64 + 20.0;
/// Twips per em of the annex's type.
const TABLE_EM: f64 = TABLE_SIZE as f64 / 2.0 * 20.0;

/// The room for text in a cell `width` twips wide, in ems of the annex's type.
fn room(width: usize) -> f64 {
    (width as f64 - CELL_EXTRA).max(0.0) / TABLE_EM
}

/// The annex's columns in twips over the 156 mm type area, from what they hold. Each
/// column but the unit names' (the second) is as wide as its widest line — a header as
/// its `\n` breaks it, a number or 落后序时进度 on one line; the names' as wide as the
/// longest name (the 合计 label below, which spans 序号 too, may wrap). Room left over
/// is shared in proportion to the annex's relative widths. Where there is too little,
/// the names' column takes what the others leave and a longer name is broken in two
/// ([`break_name`]).
fn column_widths(annex: &Annex) -> Vec<usize> {
    let area = 156.0 * MM;
    let widest = |texts: &mut dyn Iterator<Item = &String>| -> f64 {
        let lines = texts.flat_map(|t| t.split('\n'));
        lines.map(ems).fold(0.0, f64::max) * TABLE_EM + CELL_EXTRA
    };
    // The 合计 row is the last: its label is not a name.
    let named = &annex.rows[..annex.rows.len().saturating_sub(1)];
    let need: Vec<f64> = (0..annex.header.len())
        .map(|i| {
            let rows = if i == 1 { named } else { &annex.rows[..] };
            let mut texts = annex
                .header
                .get(i)
                .into_iter()
                .chain(rows.iter().filter_map(|r| r.get(i)));
            widest(&mut texts)
        })
        .collect();
    let total: f64 = need.iter().sum();
    let mut widths = need.clone();
    if total <= area {
        let weight = |i: usize| f64::from(annex.widths.get(i).copied().unwrap_or(1));
        let weights: f64 = (0..need.len()).map(weight).sum::<f64>().max(1.0);
        for (i, w) in widths.iter_mut().enumerate() {
            *w += (area - total) * weight(i) / weights;
        }
    } else if let Some(names) = need.get(1) {
        widths[1] = (area - (total - names)).max(0.0);
    }
    widths.into_iter().map(|w| w as usize).collect()
}

/// The annex title: centred, in the title face at 小二; the day its figures stop at
/// （截至…）, when it says one, on a line of its own.
fn annex_title(text: &str, face: &TitleFace) -> Paragraph {
    let title = match text.find("（截至") {
        Some(at) => format!("{}\n{}", &text[..at], &text[at..]),
        None => text.to_string(),
    };
    let mut r = run(&title, &face.font, ANNEX_TITLE_SIZE);
    if face.bold {
        r = r.bold();
    }
    paragraph(r).align(AlignmentType::Center)
}

/// Marks the first table row (the annex's header, the only row docx-rs writes first
/// with `cantSplit`) to repeat on every page the table runs onto: docx-rs has no
/// setter for `w:tblHeader`.
fn repeat_header(document: &[u8]) -> Vec<u8> {
    const ROW: &str = "<w:cantSplit />";
    let text = String::from_utf8_lossy(document);
    text.replacen(ROW, "<w:cantSplit /><w:tblHeader />", 1)
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_set_by_their_leading_mark() {
        let text =
            "^〔发文字号〕\n# 标题\n## 一、总体情况\n### （一）进度\n:各乡镇：\n>县政府办\n\n正文 ";
        assert_eq!(
            parse(text),
            vec![
                Line::Centred("〔发文字号〕".into()),
                Line::Title("标题".into()),
                Line::Heading("一、总体情况".into()),
                Line::Subheading("（一）进度".into()),
                Line::Flush("各乡镇：".into()),
                Line::Right("县政府办".into()),
                Line::Blank,
                Line::Body("正文".into()),
            ]
        );
    }

    #[test]
    fn the_signature_is_kept_with_the_last_paragraph_and_the_annex_line() {
        let lines =
            parse("正文第一段。\n正文最后一段。\n\n附件：完成情况\n\n>县政府办\n>2018年5月3日\n");
        assert_eq!(closing(&lines), 1..6);
        assert_eq!(closing(&parse("没有落款。\n")), 0..0);
        // A 附注 under the date (GB/T 9704 7.3.5.4) stays with it.
        let noted = parse("正文。\n\n>县政府办\n>2018年5月3日\n（联系人：李朋亮）\n\n");
        assert_eq!(closing(&noted), 0..4);
    }

    #[test]
    fn an_annex_name_too_long_for_its_line_breaks_before_its_date() {
        let dated = "附件：大英县2018年4月政务公开信息报送完成情况（截至2018年4月27日）";
        assert_eq!(
            annex_name_lines(dated),
            [
                "附件：大英县2018年4月政务公开信息报送完成情况",
                "（截至2018年4月27日）"
            ]
        );
        let short = "附件：大英县2018年4月政务公开信息报送完成情况";
        assert_eq!(annex_name_lines(short), [short]);
    }

    #[test]
    fn the_office_is_centred_over_the_date_four_characters_in() {
        let lines = parse("正文\n>大英县人民政府办公室\n>2018年5月3日");
        // 2018年5月3日: 3 full and 6 half characters and 5 quarters between digits and
        // Chinese, 7¼ in all; the office 10.
        assert_eq!(
            signature_indents(&lines),
            vec![None, Some(4 * EM - 11 * EM / 8), Some(4 * EM)]
        );
    }

    fn title(t: &str) -> Vec<String> {
        title_lines(t).split('\n').map(String::from).collect()
    }

    #[test]
    fn a_long_title_breaks_into_two_even_lines_where_the_reader_pauses() {
        assert_eq!(
            title("大英县人民政府办公室关于2018年4月政务公开信息报送情况的通报"),
            [
                "大英县人民政府办公室关于2018年4月",
                "政务公开信息报送情况的通报"
            ]
        );
        assert_eq!(
            title("关于催报2022年第二季度政务公开信息的通知"),
            ["关于催报2022年第二季度", "政务公开信息的通知"]
        );
        // With the office, as GB/T 9704 titles are: 关于催报 keeps its verb, the period
        // starts the second line whole (not 2022年第二 | 季度).
        assert_eq!(
            title("汤阴县人民政府办公室关于催报2022年第二季度政务公开信息的通知"),
            [
                "汤阴县人民政府办公室关于催报",
                "2022年第二季度政务公开信息的通知"
            ]
        );
        assert_eq!(
            title("大英县人民政府办公室关于催报2018年4月政务公开信息的通知"),
            [
                "大英县人民政府办公室关于催报",
                "2018年4月政务公开信息的通知"
            ]
        );
        assert_eq!(
            title("汤阴县人民政府办公室关于2021年度政务公开工作考核结果的通报"),
            [
                "汤阴县人民政府办公室关于2021年度",
                "政务公开工作考核结果的通报"
            ]
        );
        // Short enough, or no place to pause: one line, left to the word processor.
        assert_eq!(
            title("关于催报政务公开信息的通知"),
            ["关于催报政务公开信息的通知"]
        );
        let long = "一二三四五六七八九十一二三四五六七八九十一二";
        assert_eq!(title(long), [long]);
        // Too long for two lines: each as long as fits, the date whole (it wrapped as
        // …关于2020年 | 10月…).
        assert_eq!(
            title("赤壁市政务公开领导小组办公室关于2020年10月政务公开信息报送情况的通报"),
            [
                "赤壁市政务公开领导小组办公室",
                "关于2020年10月",
                "政务公开信息报送情况的通报"
            ]
        );
    }

    #[test]
    fn title_face_is_song_bold_unless_the_office_opts_in() {
        let song = TitleFace::of(None);
        assert_eq!((song.font.as_str(), song.bold), ("宋体", true));
        let xbs = TitleFace::of(Some("方正小标宋简体"));
        assert_eq!((xbs.font.as_str(), xbs.bold), ("方正小标宋简体", false));
    }

    fn progress_like(names: &[&str]) -> Annex {
        let header = ["序号", "单位", "全年\n目标", "完成率", "完成情况"];
        let mut rows: Vec<Vec<String>> = (names.iter().enumerate())
            .map(|(i, n)| {
                let cells = [&(i + 1).to_string(), *n, "240", "100.0%", "落后序时进度"];
                cells.iter().map(|c| c.to_string()).collect()
            })
            .collect();
        let total = ["", "合计（有目标任务的39个单位）", "12360", "33.5%", ""];
        rows.push(total.iter().map(|c| c.to_string()).collect());
        Annex {
            title: String::new(),
            header: header.iter().map(|h| h.to_string()).collect(),
            widths: vec![10, 36, 12, 14, 27],
            rows,
        }
    }

    #[test]
    fn each_column_is_as_wide_as_its_widest_line_and_the_names_take_the_rest() {
        let annex = progress_like(&["政府办", "公共资源交易中心"]);
        let widths = column_widths(&annex);
        let area = (156.0 * MM) as usize;
        assert!(
            widths.iter().sum::<usize>().abs_diff(area) <= 5,
            "{widths:?}"
        );
        // 12360 (five digits of 0.56 em) and 落后序时进度 on one line, at 12 pt.
        assert!(room(widths[2]) >= 5.0 * 0.56, "{widths:?}");
        assert!(room(widths[4]) >= 6.0, "{widths:?}");
        // The names' column holds 公共资源交易中心 on one line.
        assert!(room(widths[1]) >= 8.0, "{widths:?}");
        assert_eq!(
            break_name("公共资源交易中心", |t| ems(t) <= room(widths[1])),
            "公共资源交易中心"
        );
    }

    #[test]
    fn where_the_names_do_not_fit_they_take_what_the_other_columns_leave() {
        let mut annex = progress_like(&["政府办"]);
        annex.rows[0][1] = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十".into();
        let widths = column_widths(&annex);
        let area = (156.0 * MM) as usize;
        assert!(
            widths.iter().sum::<usize>().abs_diff(area) <= 5,
            "{widths:?}"
        );
        assert!(room(widths[4]) >= 6.0, "{widths:?}");
    }

    #[test]
    fn only_the_first_row_repeats_as_header() {
        let xml = b"<w:trPr><w:cantSplit /></w:trPr><w:trPr><w:cantSplit /></w:trPr>";
        let out = String::from_utf8(repeat_header(xml)).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(out.starts_with("<w:trPr><w:cantSplit /><w:tblHeader />"));
    }
}
