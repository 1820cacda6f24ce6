//! The standard catalogue as an annex (《试点领域政务公开事项标准目录》, seed 002): the
//! State Council's columns, a heading row for each domain in its order (（一）重大建设项目
//! 领域 …), the matters numbered within it, each 一级事项 merged over its 二级事项; a
//! heading prints on the page of its first matter. The table is wide: it always prints
//! landscape, at its real size.

use super::Options;
use crate::Error;
use crate::catalogue::{Catalogue, Matter};
use crate::coverage::DOMAINS;
use crate::error::UsageError;
use crate::write::{Book, Orientation, Role, Value};

/// The columns after 序号 and the matter's name, with the widest each gets (characters).
const ELEMENTS: [(&str, f64); 7] = [
    ("公开内容（要素）", 20.0),
    ("公开依据", 18.0),
    ("公开时限", 14.0),
    ("公开主体", 12.0),
    ("公开渠道\n和载体", 10.0),
    ("公开\n对象", 6.0),
    ("公开\n方式", 6.0),
];

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
    let levels = c.matters.iter().any(|m| !m.level1.is_empty());
    let mut header = vec!["序号"];
    header.extend(if levels {
        &["一级事项", "二级事项"][..]
    } else {
        &["事项名称"][..]
    });
    header.extend(ELEMENTS.iter().map(|(label, _)| *label));
    let last = (header.len() - 1) as u16;
    let landscape = Options {
        orientation: Orientation::Landscape,
        ..options.clone()
    };
    let title = format!("{year}年{workspace}试点领域政务公开事项标准目录");
    let mut sheet = landscape.sheet(book, "标准目录", &title, last)?;
    let mut row = sheet.header(&header)? + 1;
    let names = if levels { 2 } else { 1 };
    for col in 1..=names {
        sheet.max_width(col, 10.0);
    }
    for (i, (_, width)) in (names + 1..).zip(ELEMENTS) {
        sheet.max_width(i, width);
    }
    let mut groups: Vec<(String, Vec<&Matter>)> = Vec::new();
    for d in c.domains.iter().filter(|d| d.matters > 0) {
        groups.push((heading(d.domain), c.of(Some(d.domain)).collect()));
    }
    let unplaced: Vec<&Matter> = c.of(None).collect();
    if !unplaced.is_empty() {
        groups.push(("未归入领域的事项".into(), unplaced));
    }
    for (label, matters) in groups {
        sheet.merge((row, row), (0, last), label, Role::Header)?;
        // A domain's heading never ends a page: it goes over with its first matter.
        sheet.keep_together(row, row + 1);
        row += 1;
        for (n, m) in matters.iter().enumerate() {
            let r = row + n as u32;
            sheet.write(r, 0, Value::from(n + 1), Role::Body)?;
            let col = names + 1;
            for (i, text) in (col..).zip(elements(m)) {
                sheet.write(r, i, text, Role::Body)?;
            }
            if !levels {
                sheet.write(r, 1, &m.name, Role::Body)?;
            } else {
                sheet.write(r, 2, &m.name, Role::Body)?;
            }
        }
        if levels {
            for (start, end) in runs(&matters) {
                let rows = (row + start as u32, row + end as u32);
                sheet.merge(rows, (1, 1), &matters[start].level1, Role::Body)?;
            }
        }
        row += matters.len() as u32;
    }
    Ok(())
}

/// `（五）社会救助领域`, numbered as in the State Council list.
fn heading(domain: &str) -> String {
    match DOMAINS.iter().position(|d| d.name == domain) {
        Some(i) => format!("（{}）{domain}领域", super::domains::numeral(i + 1)),
        None => format!("{domain}领域"),
    }
}

/// The element cells of a matter, the rules shown where they were read.
fn elements(m: &Matter) -> [String; 7] {
    let read = |rule: Option<&'static str>, text: &str| rule.map_or(text.to_string(), String::from);
    [
        m.content.clone(),
        m.basis.clone(),
        m.time_limit.clone(),
        m.subject.clone(),
        m.channel.clone(),
        read(m.audience_rule.map(|a| a.zh()), &m.audience),
        read(m.manner_rule.map(|a| a.zh()), &m.manner),
    ]
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
