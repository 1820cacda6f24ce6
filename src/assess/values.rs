//! The values of the assessment as offices write them: indicator names (`（一）规划信息公开。
//! （3%）`, `政務(wù)公開`), points (`25分`, `3%`, `0-6分` for a deduction item) and scores
//! (`24.5`, `23分`, `-2`), each read from one cell without guessing.

use crate::coverage::names::strip_ordinals;
use crate::normalise::text::{clean_text, simplified};
use crate::read::Cell;

/// What an indicator is worth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Points {
    /// The full points, or the most a deduction item takes off.
    pub value: f64,
    /// A deduction item (倒扣): scored 0 to `value`, subtracted from the total.
    pub deduction: bool,
    /// Written as a percentage (`3%`) rather than in points (`3分`).
    pub percent: bool,
}

impl Points {
    /// How the office would write it: `25分`, `3%`, `0-6分`.
    pub(crate) fn shown(self) -> String {
        let unit = if self.percent { "%" } else { "分" };
        if self.deduction {
            format!("0-{}{unit}", number(self.value))
        } else {
            format!("{}{unit}", number(self.value))
        }
    }
}

/// A number without trailing zeros: `25`, `2.5`, `0.25`.
pub(crate) fn number(x: f64) -> String {
    let rounded = round2(x);
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Tolerance for comparing scores with their range: two decimals are what is written.
pub(crate) const EPSILON: f64 = 0.005;

/// Rounded to two decimals, as scores are shown and compared.
pub(crate) fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Whether two scores are the same to two decimals.
pub(crate) fn same(a: f64, b: f64) -> bool {
    round2(a) == round2(b)
}

/// A cell's text, cleaned as any text cell (`None` when blank).
pub(crate) fn text(cell: &Cell) -> Option<String> {
    let raw = cell.text();
    clean_text(&raw, false).map(|t| t.into_owned())
}

/// An indicator name as people read it, and the points written after it, if any:
/// `（一）规划信息公开。（3%）` is `规划信息公开` worth 3%. Simplified characters, no pinyin,
/// no spaces, no ordinal.
pub(crate) fn indicator_name(raw: &str) -> Option<(String, Option<Points>)> {
    let cleaned = clean_text(raw, true)?;
    let mut name = strip_ordinals(&simplified(&cleaned)).to_string();
    let mut points = None;
    if let Some((stem, inside)) = trailing_bracket(&name)
        && let Some(p) = parse_points(inside)
    {
        points = Some(p);
        name = stem.to_string();
    }
    let name = name.trim_end_matches(['。', '.', '；', ';', '：', ':', '，', ',']);
    (!name.is_empty()).then(|| (name.to_string(), points))
}

/// A category as units and indicator tables write it (`鄉(xiāng)鎮(zhèn)` is `乡镇`).
pub(crate) fn category_key(raw: &str) -> String {
    clean_text(raw, true).map_or_else(String::new, |c| simplified(&c))
}

/// `stem（inside）` → (stem, inside), for a bracket closing the text.
fn trailing_bracket(s: &str) -> Option<(&str, &str)> {
    let body = s.strip_suffix([')', '）'])?;
    let open = body.rfind(['(', '（'])?;
    let opener = body[open..].chars().next()?.len_utf8();
    Some((&body[..open], &body[open + opener..]))
}

/// `25`, `25分`, `3%`, `0-6分`, `倒扣0～6分`; `None` for anything else.
pub(crate) fn parse_points(raw: &str) -> Option<Points> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches("倒扣").trim_start_matches('扣');
    let (t, percent) = match t.strip_suffix(['%', '％']) {
        Some(stem) => (stem, true),
        None => (t.strip_suffix('分').unwrap_or(t), false),
    };
    let range: Vec<&str> = t.split(['-', '～', '~', '—', '–', '至']).collect();
    match range[..] {
        [whole] => {
            let value = plain_number(whole)?;
            (value > 0.0).then_some(Points {
                value,
                deduction: false,
                percent,
            })
        }
        [low, high] => {
            let high = plain_number(high.trim_end_matches('分'))?;
            (plain_number(low)? == 0.0 && high > 0.0).then_some(Points {
                value: high,
                deduction: true,
                percent,
            })
        }
        _ => None,
    }
}

/// The text of a cell that should hold points or a score and holds neither, kept to be
/// shown in the problem at its cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("「{0}」不是数字")]
pub(crate) struct Unreadable(pub(crate) String);

/// The points of a cell: a number, or text `parse_points` reads.
pub(crate) fn points_of(cell: &Cell) -> Option<Result<Points, Unreadable>> {
    match cell {
        Cell::Number(n) if *n > 0.0 => Some(Ok(Points {
            value: *n,
            deduction: false,
            percent: false,
        })),
        Cell::Empty => None,
        other => {
            let t = text(other)?;
            Some(parse_points(&t).ok_or(Unreadable(t)))
        }
    }
}

/// A score cell: `Ok(None)` when blank or a dash (not scored), [`Unreadable`] when it is not
/// a number. `-2` and `扣2分` are kept negative: a deduction item takes either sign.
pub(crate) fn score_of(cell: &Cell) -> Result<Option<f64>, Unreadable> {
    match cell {
        Cell::Number(n) => Ok(Some(*n)),
        Cell::Empty => Ok(None),
        other => {
            let Some(t) = text(other) else {
                return Ok(None);
            };
            if ["—", "-", "/", "／", "无", "——"].contains(&t.as_str()) {
                return Ok(None);
            }
            let squeezed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            let (body, negative) = match squeezed.strip_prefix('扣') {
                Some(rest) => (rest, true),
                None => (squeezed.as_str(), false),
            };
            let body = body.strip_suffix('分').unwrap_or(body);
            let value = body
                .replace(['－', '−'], "-")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite());
            match value {
                Some(v) if negative => Ok(Some(-v.abs())),
                Some(v) => Ok(Some(v)),
                None => Err(Unreadable(t)),
            }
        }
    }
}

/// A plain decimal number, full-width digits allowed.
fn plain_number(s: &str) -> Option<f64> {
    let half: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .collect();
    half.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(value: f64, deduction: bool, percent: bool) -> Points {
        Points {
            value,
            deduction,
            percent,
        }
    }

    #[test]
    fn points_are_read_as_offices_write_them() {
        assert_eq!(parse_points("25分"), Some(pts(25.0, false, false)));
        assert_eq!(parse_points("3%"), Some(pts(3.0, false, true)));
        assert_eq!(parse_points("18％"), Some(pts(18.0, false, true)));
        assert_eq!(parse_points("0-6分"), Some(pts(6.0, true, false)));
        assert_eq!(parse_points("倒扣0～8分"), Some(pts(8.0, true, false)));
        assert_eq!(parse_points("0 — 8"), Some(pts(8.0, true, false)));
        assert_eq!(parse_points("２．５分"), Some(pts(2.5, false, false)));
        for bad in ["", "若干", "2-6分", "0分", "-6分", "6-0分", "25分5"] {
            assert_eq!(parse_points(bad), None, "{bad}");
        }
        assert_eq!(pts(6.0, true, false).shown(), "0-6分");
        assert_eq!(pts(2.5, false, true).shown(), "2.5%");
    }

    #[test]
    fn names_lose_ordinals_pinyin_traditional_forms_and_their_points() {
        let name = |s| indicator_name(s).map(|(n, p)| (n, p.map(|p| p.value)));
        assert_eq!(
            name("（一）规划信息公开。（3%）"),
            Some(("规划信息公开".into(), Some(3.0)))
        );
        assert_eq!(
            name("一、重点领域信息公开(18%)"),
            Some(("重点领域信息公开".into(), Some(18.0)))
        );
        assert_eq!(name("政務(wù)公開"), Some(("政务公开".into(), None)));
        assert_eq!(
            name("乡村振兴局(生态移民局)"),
            Some(("乡村振兴局(生态移民局)".into(), None))
        );
        assert_eq!(name("  "), None);
        assert_eq!(category_key("鄉(xiāng)鎮(zhèn)"), "乡镇");
    }

    #[test]
    fn scores_are_numbers_or_nothing_never_a_guess() {
        assert_eq!(score_of(&Cell::Number(24.5)), Ok(Some(24.5)));
        assert_eq!(score_of(&Cell::Text("23分".into())), Ok(Some(23.0)));
        assert_eq!(score_of(&Cell::Text("扣2分".into())), Ok(Some(-2.0)));
        assert_eq!(score_of(&Cell::Text("-1.5".into())), Ok(Some(-1.5)));
        assert_eq!(score_of(&Cell::Text("—".into())), Ok(None));
        assert_eq!(score_of(&Cell::Empty), Ok(None));
        assert_eq!(
            score_of(&Cell::Text("优".into())),
            Err(Unreadable("优".into()))
        );
        assert_eq!(number(25.0), "25");
        assert_eq!(number(24.5), "24.5");
        assert_eq!(number(0.3333), "0.33");
    }
}
