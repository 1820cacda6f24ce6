//! The sections responsibility table (seed 000 Annex 1, 栏目保障任务分解表): 序号, the
//! levels of each section, 公开内容, 保障单位 as the office wrote it and 更新频率. A level
//! several rows share is one merged cell over them, as in the printed table; a section
//! without deeper levels spans the empty level columns.

use super::Options;
use crate::Error;
use crate::model::Section;
use crate::reference::ReferenceError;
use crate::write::{Book, Role, Sheet, Value, WriteError};

const LEVELS: [&str; 3] = ["一级栏目", "二级栏目", "三级栏目"];

/// Widest a column gets, in characters; longer text wraps.
const LEVEL_WIDTH: f64 = 12.0;
const CONTENT_WIDTH: f64 = 24.0;
const RESPONSIBLE_WIDTH: f64 = 18.0;

/// Adds the sections sheet to `book`.
///
/// # Errors
/// [`Error::Reference`] when there is no section; [`Error::Write`] when the sheet is full.
pub(super) fn write(
    book: &mut Book,
    sections: &[&Section],
    workspace: &str,
    options: &Options,
) -> Result<(), Error> {
    if sections.is_empty() {
        return Err(ReferenceError::NoSections.into());
    }
    let depth = sections.iter().map(|s| depth_of(s)).max().unwrap_or(1);
    let frequency = sections.iter().any(|s| !s.frequency_text.is_empty());
    let mut header = vec!["序号"];
    header.extend(&LEVELS[..depth]);
    header.extend(["公开内容", "保障单位"]);
    if frequency {
        header.push("更新\n频率");
    }
    let last = (header.len() - 1) as u16;
    let title = format!("{workspace}政府网站栏目保障任务分解表");
    let mut sheet = options.sheet(book, "栏目保障", &title, last)?;
    let first = sheet.header(&header)? + 1;
    let after = depth as u16 + 1;
    // Sections' names break between their words (行政许可和 / 行政处罚, not 行政许 / 可和行
    // / 政处罚), in columns as wide as a four-character word where the page allows it;
    // the room left goes where it saves the most lines.
    for col in 1..after {
        sheet.max_width(col, LEVEL_WIDTH);
        sheet.break_terms(col);
        sheet.whole_words(col, 4);
    }
    sheet.max_width(after, CONTENT_WIDTH);
    sheet.max_width(after + 1, RESPONSIBLE_WIDTH);
    sheet.between_names(after + 1);
    sheet.balance_widths();
    for (i, s) in (0u32..).zip(sections) {
        let row = first + i;
        sheet.write(row, 0, Value::from(i as usize + 1), Role::Body)?;
        sheet.write(row, after, &s.content, Role::Body)?;
        sheet.write(row, after + 1, &s.responsible_text, Role::Body)?;
        if frequency {
            sheet.write(row, after + 2, &s.frequency_text, Role::Body)?;
        }
    }
    Ok(levels(&mut sheet, sections, first, depth)?)
}

/// How many levels a section has: the position of its deepest non-empty one.
fn depth_of(s: &Section) -> usize {
    s.levels
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(1, |d| d + 1)
}

/// Writes the level columns (1..=depth) of the rows from `first`, merging each run of
/// rows that share a level and everything above it.
fn levels(
    sheet: &mut Sheet<'_>,
    sections: &[&Section],
    first: u32,
    depth: usize,
) -> Result<(), WriteError> {
    let mut covered = vec![[false; 3]; sections.len()];
    for level in 0..depth {
        for (start, end) in runs(sections, level) {
            let deeper_empty = sections[start..=end]
                .iter()
                .all(|s| s.levels[level + 1..depth].iter().all(String::is_empty));
            let last_level = if deeper_empty { depth - 1 } else { level };
            let rows = (first + start as u32, first + end as u32);
            let cols = (level as u16 + 1, last_level as u16 + 1);
            sheet.merge(rows, cols, &sections[start].levels[level], Role::Body)?;
            for cover in &mut covered[start..=end] {
                cover[level..=last_level].fill(true);
            }
        }
    }
    // Uncovered level cells stay blank but bordered.
    for (i, cover) in covered.iter().enumerate() {
        for level in (0..depth).filter(|&l| !cover[l]) {
            sheet.write(first + i as u32, level as u16 + 1, Value::Empty, Role::Body)?;
        }
    }
    Ok(())
}

/// Index ranges (inclusive) of consecutive sections that have the same non-empty name
/// at `level` and the same names above it.
fn runs(sections: &[&Section], level: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if s.levels[level].is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((start, end))
                if *end + 1 == i && sections[*start].levels[..=level] == s.levels[..=level] =>
            {
                *end = i;
            }
            _ => out.push((i, i)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn section(levels: [&str; 3]) -> Section {
        Section {
            levels: levels.map(String::from),
            content: String::new(),
            responsible: std::sync::Arc::from([]),
            responsible_text: String::new(),
            responsible_names: String::new(),
            frequency: crate::model::Frequency::OnDemand,
            frequency_text: String::new(),
            domain: None,
            source: Source {
                file: "reference/sections.csv".into(),
                sheet: "Sheet1".into(),
                row: 2,
            },
        }
    }

    #[test]
    fn runs_join_rows_that_share_a_level_and_everything_above_it() {
        let s = [
            section(["走进汤阴", "汤阴概况", ""]),
            section(["走进汤阴", "行政区划", ""]),
            section(["信息公开", "政务动态", "时政要闻"]),
            section(["信息公开", "政务动态", "通知公告"]),
            section(["专题", "政务动态", ""]),
            section(["", "孤立", ""]),
        ];
        let s: Vec<&Section> = s.iter().collect();
        assert_eq!(runs(&s, 0), [(0, 1), (2, 3), (4, 4)]);
        // 政务动态 under 专题 is another section from 政务动态 under 信息公开.
        assert_eq!(runs(&s, 1), [(0, 0), (1, 1), (2, 3), (4, 4), (5, 5)]);
        assert_eq!(runs(&s, 2), [(2, 2), (3, 3)]);
        assert_eq!(s.iter().map(|x| depth_of(x)).max(), Some(3));
    }
}
