//! The standard catalogue as an annex (《试点领域政务公开事项标准目录》, seed 002): the
//! State Council's columns, a heading row for each domain in its order (（一）重大建设项目
//! 领域 …), the matters numbered within it, each 一级事项 merged over its 二级事项 (a
//! matter of one level, such as a 事项名称, named under 一级事项); a heading prints on
//! the page of its first matter, and a page a domain runs onto opens with its heading
//! again (（二十二）安全生产领域（续）). What the catalogue workbook marks
//! 需核对 is marked in 备注, and a domain with no catalogue keeps its number over a line
//! saying 未编制. A domain of up to three matters prints on one page, and no page holds
//! a domain's last matter alone. The table is wide: it always prints landscape, at its
//! real size.

use std::collections::BTreeSet;

use super::Options;
use crate::Error;
use crate::catalogue::{Catalogue, DomainCoverage, Matter};
use crate::coverage::DOMAINS;
use crate::error::UsageError;
use crate::write::{Book, Orientation, Role, Sheet, Value, WriteError};

/// The columns after 序号 and the matter's name, with the widest each gets (characters).
const ELEMENTS: [(&str, f64); 8] = [
    ("公开内容\n（要素）", 20.0),
    ("公开依据", 18.0),
    ("公开时限", 14.0),
    ("公开主体", 12.0),
    ("公开渠道\n和载体", 10.0),
    ("公开\n对象", 6.0),
    ("公开\n方式", 6.0),
    ("备注", 14.0),
];

/// One domain's part of the table: its heading and its matters, or a line saying it
/// has no catalogue.
struct Part<'c> {
    heading: String,
    matters: Vec<&'c Matter>,
    /// For a domain without a matter: who was to compile it.
    uncompiled: Option<String>,
}

/// Adds the catalogue sheet to `book`; `year` is named in the title.
///
/// # Errors
/// [`UsageError::NoCatalogue`] when the run read no catalogue; [`Error::Write`] when the
/// sheet is full.
pub(super) fn write(
    book: &mut Book,
    catalogue: Option<&Catalogue>,
    workspace: &str,
    year: i32,
    options: &Options,
) -> Result<(), Error> {
    let Some(c) = catalogue.filter(|c| !c.matters.is_empty()) else {
        return Err(UsageError::NoCatalogue.into());
    };
    let table = Table {
        parts: parts(c),
        levels: c.matters.iter().any(|m| !m.level1.is_empty()),
        title: format!("{year}年{workspace}试点领域政务公开事项标准目录"),
        options: Options {
            orientation: Orientation::Landscape,
            ..options.clone()
        },
    };
    // Where pages break depends on every row, and a repeated heading moves the rows
    // after it: laid out on a scratch book until the headings sit where pages break.
    let mut continued = BTreeSet::new();
    for _ in 0..MAX_PASSES {
        let mut scratch = Book::new();
        let (sheet, rows) = table.write(&mut scratch, &continued)?;
        let found = continuations(&sheet.page_breaks(), &rows);
        if found == continued {
            break;
        }
        continued = found;
    }
    table.write(book, &continued)?;
    Ok(())
}

/// How many times the table is laid out to place the repeated headings; one more
/// pass than the pages a heading's row pushes on has been enough.
const MAX_PASSES: usize = 8;

/// A (part, matter) where a printed page starts inside a part: its heading is
/// repeated, with （续）, above that matter.
type Continued = BTreeSet<(usize, usize)>;

/// What a row of the table holds, for placing the repeated headings.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    Other,
    /// A part's heading, repeated or not, above matter `.1` of part `.0`.
    Heading(usize, usize),
    Matter(usize, usize),
}

/// The (part, matter) of each page that starts inside a part: at a matter that is not
/// its part's first, or at a repeated heading.
fn continuations(breaks: &[u32], rows: &[Line]) -> Continued {
    (breaks.iter())
        .filter_map(|&b| match rows.get(b as usize) {
            Some(&Line::Matter(p, m)) if m > 0 => Some((p, m)),
            Some(&Line::Heading(p, m)) if m > 0 => Some((p, m)),
            _ => None,
        })
        .collect()
}

/// The catalogue laid out as the annex prints it.
struct Table<'c> {
    parts: Vec<Part<'c>>,
    levels: bool,
    title: String,
    options: Options,
}

impl Table<'_> {
    /// Writes the sheet to `book`, each part's heading repeated above the matters of
    /// `continued`; the sheet and what each of its rows holds.
    fn write<'b>(
        &self,
        book: &'b mut Book,
        continued: &Continued,
    ) -> Result<(Sheet<'b>, Vec<Line>), Error> {
        let mut header = vec!["序号"];
        header.extend(if self.levels {
            &["一级\n事项", "二级\n事项"][..]
        } else {
            &["事项\n名称"][..]
        });
        header.extend(ELEMENTS.iter().map(|(label, _)| *label));
        let last = (header.len() - 1) as u16;
        let mut sheet = self.options.sheet(book, "标准目录", &self.title, last)?;
        let mut row = sheet.header(&header)? + 1;
        let names = if self.levels { 2 } else { 1 };
        // A matter's name of four characters (法律援助, 户口迁移) is never split.
        for col in 1..=names {
            sheet.max_width(col, 10.0);
            sheet.whole_words(col, 4);
        }
        // 备注 holds text on a few rows: the columns whose text fills every row take the
        // width it would leave unused.
        sheet.balance_widths();
        for (i, (_, width)) in (names + 1..).zip(ELEMENTS) {
            sheet.max_width(i, width);
        }
        // 公开渠道和载体, 公开对象 and 公开方式 are lists of short names (政府网站、政务新媒体,
        // 全社会、特定对象): broken between names, never inside one (特定对/象); the long
        // texts give way instead.
        for col in names + 5..=names + 7 {
            sheet.between_names(col);
        }
        // 公开主体 gives way too, its names broken where words end (应急 / 管理局).
        sheet.break_at_words(names + 4);
        let mut lines = vec![Line::Other; row as usize];
        for (p, part) in self.parts.iter().enumerate() {
            let first = row;
            heading(&mut sheet, row, &part.heading, last)?;
            lines.push(Line::Heading(p, 0));
            row += 1;
            if let Some(line) = &part.uncompiled {
                sheet.merge((row, row), (0, last), line.as_str(), Role::Body)?;
                lines.push(Line::Other);
                row += 1;
            }
            // Each run of matters between repeated headings.
            let mut cuts: Vec<usize> = (continued.range((p, 1)..(p + 1, 0)))
                .map(|&(_, m)| m)
                .filter(|&m| m < part.matters.len())
                .collect();
            cuts.push(part.matters.len());
            let mut from = 0;
            for to in cuts {
                if from > 0 {
                    let again = format!("{}（续）", part.heading);
                    heading(&mut sheet, row, &again, last)?;
                    lines.push(Line::Heading(p, from));
                    row += 1;
                }
                let run = &part.matters[from..to];
                row = matter_rows(&mut sheet, row, run, from, self.levels)?;
                lines.extend((from..to).map(|m| Line::Matter(p, m)));
                from = to;
            }
            // A short domain prints whole on one page; a longer one never leaves its
            // last matter alone on a page.
            match part.matters.len() {
                0 => {}
                n if n <= WHOLE => sheet.keep_together(first, row - 1),
                _ => sheet.keep_together(row - 2, row - 1),
            }
        }
        Ok((sheet, lines))
    }
}

/// The most matters a domain has and still always prints on one page.
const WHOLE: usize = 3;

/// A part's heading across the table at `row`, never ending a page: it goes over with
/// its first row.
fn heading(sheet: &mut Sheet<'_>, row: u32, text: &str, last: u16) -> Result<(), WriteError> {
    sheet.merge((row, row), (0, last), text, Role::Header)?;
    sheet.keep_together(row, row + 1);
    Ok(())
}

/// The parts of the table in the State Council's order: each domain with matters or
/// assigned to a unit, then the matters of no domain.
fn parts(c: &Catalogue) -> Vec<Part<'_>> {
    let mut parts: Vec<Part> = (c.domains.iter())
        .map(|d| Part {
            heading: domain_heading(d),
            matters: c.of(Some(d.domain)).collect(),
            uncompiled: (d.matters == 0).then(|| match d.responsible.as_slice() {
                [] => "未编制".to_string(),
                units => format!("未编制（责任单位：{}）", units.join("、")),
            }),
        })
        .collect();
    let unplaced: Vec<&Matter> = c.of(None).collect();
    if !unplaced.is_empty() {
        parts.push(Part {
            heading: "未归入领域的事项".into(),
            matters: unplaced,
            uncompiled: None,
        });
    }
    parts
}

/// Writes `matters` from `row`, numbered from `first` + 1, each 一级事项 merged over
/// its run; the row after them.
fn matter_rows(
    sheet: &mut Sheet<'_>,
    row: u32,
    matters: &[&Matter],
    first: usize,
    levels: bool,
) -> Result<u32, WriteError> {
    let names = if levels { 2 } else { 1 };
    for (n, m) in matters.iter().enumerate() {
        let r = row + n as u32;
        sheet.write(r, 0, Value::from(first + n + 1), Role::Body)?;
        for (i, text) in (names + 1..).zip(elements(m)) {
            sheet.write(r, i, text, Role::Body)?;
        }
        // A matter of one level is named under 一级事项, its 二级事项 left blank.
        match levels && m.one_level {
            true => {
                sheet.write(r, 1, &m.name, Role::Body)?;
                sheet.write(r, 2, "", Role::Body)?;
            }
            false => sheet.write(r, names, &m.name, Role::Body)?,
        }
    }
    if levels {
        for (start, end) in runs(matters) {
            if matters[start].one_level {
                continue;
            }
            let rows = (row + start as u32, row + end as u32);
            sheet.merge(rows, (1, 1), &matters[start].level1, Role::Body)?;
        }
    }
    Ok(row + matters.len() as u32)
}

/// `（五）社会救助领域`, numbered as in the State Council list, named as the workspace's
/// table names it.
fn domain_heading(d: &DomainCoverage) -> String {
    match DOMAINS.iter().position(|x| x.name == d.domain) {
        Some(i) => format!("（{}）{}", super::domains::numeral(i + 1), d.name),
        None => d.name.clone(),
    }
}

/// The element cells of a matter — 公开主体 as the units table names it, the rules shown
/// where they were read — and 备注: the unit's own, and what the catalogue workbook
/// marks 需核对, in a few words.
fn elements(m: &Matter) -> [String; 8] {
    let read = |rule: Option<&'static str>, text: &str| rule.map_or(text.to_string(), String::from);
    [
        m.content.clone(),
        m.basis.clone(),
        m.time_limit.clone(),
        m.subject_units.clone().unwrap_or_else(|| m.subject.clone()),
        m.channel.clone(),
        read(m.audience_rule.map(|a| a.zh()), &m.audience),
        read(m.manner_rule.map(|a| a.zh()), &m.manner),
        remark(m),
    ]
}

/// The unit's own 备注, then `需核对：缺公开依据` for a matter with problems.
fn remark(m: &Matter) -> String {
    let check = match (m.marks.is_empty(), m.notes.is_empty()) {
        (true, _) => String::new(),
        (false, true) => "需核对".to_string(),
        (false, false) => format!("需核对：{}", m.notes.join("；")),
    };
    let parts = [m.remark.trim(), check.as_str()];
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("；")
}

/// Index ranges (inclusive) of consecutive matters with the same 一级事项 (an empty one
/// included, so that its cell is bordered).
fn runs(matters: &[&Matter]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, m) in matters.iter().enumerate() {
        match out.last_mut() {
            Some((start, end)) if matters[*start].level1 == m.level1 && !m.level1.is_empty() => {
                *end = i;
            }
            _ => out.push((i, i)),
        }
    }
    out
}
