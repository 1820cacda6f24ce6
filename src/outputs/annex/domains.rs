//! The pilot-domain responsibility table (seed 002 Annex 1, 试点领域基层政务公开目录责任
//! 分工表): 序号, 政务公开领域, 责任单位. The domains go in the State Council's order
//! whatever order the office's table has them in, numbered (一), (二) … in that order: the
//! title counts the domains listed, and a table that lacks some of the 26 (汤阴 has 24)
//! would otherwise skip numbers under a title that disagrees with its last one. A unit
//! answering for consecutive domains gets one 序号 and one 责任单位 cell, merged over
//! their rows, as the notice prints it; units are named as the units table names them.

use super::Options;
use crate::Error;
use crate::coverage::DOMAINS;
use crate::model::Section;
use crate::reference::ReferenceError;
use crate::write::{Book, Role, Value};

/// Widest a column gets, in characters; longer text wraps.
const DOMAIN_WIDTH: f64 = 30.0;
const UNIT_WIDTH: f64 = 30.0;

/// Adds the domains sheet to `book`.
///
/// # Errors
/// [`Error::Reference`] when there is no domain; [`Error::Write`] when the sheet is full.
pub(super) fn write(
    book: &mut Book,
    sections: &[&Section],
    options: &Options,
) -> Result<(), Error> {
    if sections.is_empty() {
        return Err(ReferenceError::NoDomains.into());
    }
    let listed = listed(sections);
    let count = if listed.is_empty() {
        sections.len()
    } else {
        listed.len()
    };
    let title = format!("{count}个试点领域基层政务公开目录责任分工表");
    let mut sheet = options.sheet(book, "责任分工", &title, 2)?;
    let first = sheet.header(&["序号", "政务公开领域", "责任单位"])? + 1;
    sheet.max_width(1, DOMAIN_WIDTH);
    sheet.max_width(2, UNIT_WIDTH);
    sheet.between_names(2);
    let mut row = first;
    for (n, group) in (1usize..).zip(by_unit(sections)) {
        let last = row + group.len() as u32 - 1;
        sheet.merge((row, last), (0, 0), Value::seq(n), Role::Body)?;
        let unit = group[0].responsible_names.as_str();
        sheet.merge((row, last), (2, 2), unit, Role::Body)?;
        for s in group {
            sheet.write(row, 1, label(s, &listed), Role::Body)?;
            row += 1;
        }
    }
    Ok(())
}

/// The pilot domains the sections are, each once, in the State Council's order: what
/// the annex numbers.
fn listed(sections: &[&Section]) -> Vec<usize> {
    let mut listed: Vec<usize> = sections.iter().filter_map(|s| place(s)).collect();
    listed.sort_unstable();
    listed.dedup();
    listed
}

/// The sections in the State Council's order of the pilot domains (anything else after
/// them, in the table's order), grouped where consecutive ones have the same 责任单位
/// as the units table names them (城管局 and 城市管理局 are one unit); a section
/// without one is a group of its own.
fn by_unit<'a>(sections: &[&'a Section]) -> Vec<Vec<&'a Section>> {
    let mut ordered = sections.to_vec();
    ordered.sort_by_key(|s| place(s).unwrap_or(usize::MAX));
    let mut groups: Vec<Vec<&Section>> = Vec::new();
    for s in ordered {
        let names = &s.responsible_names;
        match groups.last_mut() {
            Some(g) if !names.is_empty() && &g[0].responsible_names == names => g.push(s),
            _ => groups.push(vec![s]),
        }
    }
    groups
}

/// Where a section's pilot domain stands in the State Council list, from 0.
fn place(s: &Section) -> Option<usize> {
    let domain = s.domain.as_deref()?;
    DOMAINS.iter().position(|d| d.name == domain)
}

/// `（五）社会救助领域` for a pilot domain, numbered among the `listed` ones (as the
/// State Council list numbers it where all 26 are there), named in the table's own
/// words (seed 002 prints （十二）农村集体土地征收, （十四）保障住房领域, （二十三）救灾生产
/// 领域); the name as read for anything else.
fn label(s: &Section, listed: &[usize]) -> String {
    let number = place(s).and_then(|p| listed.binary_search(&p).ok());
    match number {
        Some(i) => format!("（{}）{}", numeral(i + 1), s.name()),
        None => s.name().to_string(),
    }
}

/// A Chinese numeral for 1–99, as ordinals are written: 五, 十二, 二十六.
pub(super) fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10 % 10, n % 10);
    let tens = match tens {
        0 => String::new(),
        1 => "十".to_string(),
        t => format!("{}十", DIGITS[t]),
    };
    format!("{tens}{}", DIGITS[ones])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_written_as_chinese_numerals() {
        let got: Vec<String> = [1, 5, 10, 12, 20, 26].map(numeral).to_vec();
        assert_eq!(got, ["一", "五", "十", "十二", "二十", "二十六"]);
    }
}
