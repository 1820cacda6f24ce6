//! Metadata: the lines above the header (`附件1`, the title, `填报单位：民政局`).
//!
//! A line may hold several `key：value` pairs, in one cell or spread over cells;
//! known keys become typed `Meta`, everything else on the line is the title.

use super::grid::Grid;
use super::labels::{half_width, is_space, normalise_label};
use super::{Meta, MetaKey};

/// Keys of metadata pairs, in normalised form.
const KEYS: &[(MetaKey, &[&str])] = &[
    (
        MetaKey::Unit,
        &[
            "填报单位",
            "报送单位",
            "填表单位",
            "单位",
            "单位名称",
            "报送部门",
            "填报部门",
            "部门",
        ],
    ),
    (
        MetaKey::Period,
        &[
            "统计期间",
            "报送期间",
            "所属期间",
            "统计时间",
            "统计月份",
            "所属月份",
            "报送月份",
            "统计时段",
            "期间",
            "月份",
            // A score sheet's year.
            "考核年度",
            "评估年度",
            "年度",
        ],
    ),
    (
        MetaKey::FilledOn,
        &[
            "填报日期",
            "填表日期",
            "报送日期",
            "填报时间",
            "填表时间",
            "报送时间",
            "日期",
        ],
    ),
    (MetaKey::UnitPhone, &["单位电话", "单位联系电话"]),
    (MetaKey::Office, &["承办科室", "承办股室"]),
];

/// The metadata of the rows above the header.
pub(super) fn parse(grid: &Grid, above: std::ops::Range<u32>) -> Vec<Meta> {
    above
        .flat_map(|row| {
            let texts: Vec<String> = grid.own_texts(row).into_iter().map(|(_, t)| t).collect();
            parse_line(row, &texts)
        })
        .collect()
}

/// Whether a cell reads as metadata (`填报单位：…`, `附件1`) rather than as a label.
pub(super) fn is_meta(text: &str) -> bool {
    text.contains([':', '：']) || annex(text).is_some()
}

/// The metadata a line of one cell states (`填报单位：民政局`), its title aside: none for
/// a line that states none.
pub(super) fn line_metas(text: &str) -> Vec<Meta> {
    let mut metas = parse_line(0, &[text.to_string()]);
    metas.retain(|m| !matches!(m.key, MetaKey::Title | MetaKey::Annex));
    metas
}

/// One line, given as the texts of its cells.
fn parse_line(row: u32, cells: &[String]) -> Vec<Meta> {
    let segments: Vec<String> = cells.iter().flat_map(|t| segments(t)).collect();
    let mut metas = Vec::new();
    let mut title = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let seg = &segments[i];
        if let Some((number, rest)) = annex(seg) {
            metas.push(Meta {
                row,
                key: MetaKey::Annex,
                value: number,
            });
            if !rest.is_empty() {
                title.push(rest);
            }
        } else if let Some((key, value)) = pair(seg) {
            // `填报单位：` in one cell, `民政局` in the next.
            let value = match segments.get(i + 1) {
                Some(next) if value.is_empty() && pair(next).is_none() => {
                    i += 1;
                    next.clone()
                }
                _ => value,
            };
            if !value.is_empty() {
                metas.push(Meta { row, key, value });
            }
        } else {
            title.push(seg.clone());
        }
        i += 1;
    }
    if !title.is_empty() {
        metas.push(Meta {
            row,
            key: MetaKey::Title,
            value: title.join(" "),
        });
    }
    metas
}

/// A cell's text cut where a new pair may start once a `key：value` pair has begun:
/// at a wide gap (two or more spaces, a tab or U+3000), or at a single space
/// followed by a known `key：`.
fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut gap_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            gap_start.get_or_insert(i);
            continue;
        }
        if let Some(gap) = gap_start.take() {
            let spaces = &text[gap..i];
            let wide = spaces.chars().count() >= 2 || spaces.contains(['\t', '\u{3000}']);
            // Only after a pair: `填 报 单 位：` is one spaced-out key, not four pieces.
            let after_pair = text[start..gap].contains([':', '：']);
            if after_pair && (wide || starts_with_key(&text[i..])) {
                out.push(text[start..gap].to_string());
                start = i;
            }
        }
    }
    out.push(text[start..].to_string());
    out.into_iter()
        .map(|s| s.trim_matches(is_space).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn starts_with_key(rest: &str) -> bool {
    match rest.find([':', '：']) {
        Some(i) => key_of(&rest[..i]).is_some(),
        None => false,
    }
}

/// `key：value` with a known key, or a cell that is only a known key.
fn pair(segment: &str) -> Option<(MetaKey, String)> {
    match segment.find([':', '：']) {
        Some(i) => {
            let key = key_of(&segment[..i])?;
            let value = segment[i..].trim_start_matches([':', '：']);
            let value = value.trim_matches(is_space);
            // `单位：条` above a table gives the unit of measure, not the reporting unit.
            let measure =
                key == MetaKey::Unit && MEASURES.contains(&normalise_label(value).as_str());
            (!measure).then(|| (key, value.to_string()))
        }
        None => key_of(segment).map(|k| (k, String::new())),
    }
}

/// Units of measure, as in `单位：条` or `单位：万元`.
const MEASURES: &[&str] = &[
    "条", "个", "项", "件", "篇", "份", "次", "人", "户", "家", "元", "万元", "亿元", "%",
];

fn key_of(text: &str) -> Option<MetaKey> {
    let key = normalise_label(text);
    KEYS.iter()
        .find(|(_, words)| words.contains(&key.as_str()))
        .map(|(k, _)| *k)
}

/// `附件1` / `附件 2：标题` / `附件一`: the annex number and what follows it.
fn annex(segment: &str) -> Option<(String, String)> {
    let s: String = segment.chars().map(half_width).collect();
    let rest = s.trim_start_matches(is_space).strip_prefix("附件")?;
    let rest = rest.trim_start_matches(is_space);
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .collect();
    if number.is_empty() {
        return None;
    }
    let tail =
        rest[number.len()..].trim_start_matches(|c: char| is_space(c) || ":.、-".contains(c));
    Some((number, tail.trim_end_matches(is_space).to_string()))
}
