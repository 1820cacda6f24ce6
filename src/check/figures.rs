//! Figures: what every number of a unit means (DESIGN.md "Figures"), computed from the
//! counted items and count rows with polars, then scored by the rules of `zwgk.toml`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use serde::Serialize;

use crate::config::Scoring;
use crate::model::{Target, Unit, Window};
use crate::schema::{Counts, Items};

/// Where a unit stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Standing {
    /// The whole annual target is met.
    Done,
    /// At or above the pro-rata expectation.
    OnTrack,
    /// Below the pro-rata expectation.
    Behind,
    /// The unit has no target.
    NoTarget,
}

impl Standing {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Done => "已完成全年任务",
            Self::OnTrack => "达到序时进度",
            Self::Behind => "落后序时进度",
            Self::NoTarget => "无目标任务",
        }
    }
}

/// One unit's figures for the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct UnitFigures {
    pub unit: String,
    pub category: String,
    pub target: Option<u32>,
    /// Items dated inside the period.
    pub period_items: u32,
    /// Items dated from 1 January to the period's end.
    pub ytd_items: u32,
    /// The annual target × months elapsed ÷ 12, rounded half up.
    pub expected_ytd: Option<u32>,
    /// `ytd_items` ÷ annual target.
    pub completion: Option<f64>,
    pub score: Option<f64>,
    /// Whether `score` is seed 001's annual rule itself or a projection to date.
    pub score_basis: ScoreBasis,
    pub standing: Standing,
}

/// What a score rests on (DESIGN.md "Figures"): seed 001 Annex 2 scores the annual target;
/// before the year is over the same rule applied to the pro-rata share is a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ScoreBasis {
    /// The whole year's items against the annual target: seed 001's rule exactly.
    Annual,
    /// Items to date against the pro-rata share: a projection.
    ProRata,
}

impl ScoreBasis {
    /// The basis of scores judged in `window`: annual once the whole year is.
    pub(crate) fn of(window: Window) -> Self {
        if window.is_year_end() {
            Self::Annual
        } else {
            Self::ProRata
        }
    }

    /// The label of the score column: 得分, or 得分（按序时进度测算）.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Annual => "得分",
            Self::ProRata => "得分（按序时进度测算）",
        }
    }
}

/// The pro-rata share of `target` after `months` of twelve, rounded to the nearest item, halves up.
pub(crate) fn expected(target: u32, months: u32) -> u32 {
    let doubled = 2 * u64::from(target) * u64::from(months.min(12));
    ((doubled + 12) / 24) as u32
}

/// The seed 001 Annex 2 score under `rules`: bonus per full ten items over, capped; penalty
/// per item short, never below zero. Rounded to two decimals.
pub(crate) fn score(ytd: u32, expected: u32, rules: &Scoring) -> f64 {
    let raw = if ytd >= expected {
        let tens = f64::from((ytd - expected) / 10);
        rules.base + (tens * rules.bonus_per_10).min(rules.bonus_cap)
    } else {
        (rules.base - f64::from(expected - ytd) * rules.penalty_per_item).max(0.0)
    };
    (raw * 100.0).round() / 100.0
}

/// `year * 100 + month`: how count rows name their month.
pub(crate) fn month_key(d: NaiveDate) -> i32 {
    d.year() * 100 + d.month() as i32
}

/// Item rows whose date lies in `from..=to`.
pub(crate) fn dated(from: NaiveDate, to: NaiveDate) -> Expr {
    let date = || col(Items::DATE);
    date().gt_eq(lit(from)).and(date().lt_eq(lit(to)))
}

/// Count rows whose month is one of the months of `from..=to`.
pub(crate) fn in_months(from: NaiveDate, to: NaiveDate) -> Expr {
    let month = || col(Counts::MONTH);
    month()
        .gt_eq(lit(month_key(from)))
        .and(month().lt_eq(lit(month_key(to))))
}

/// Counts per unit: items in the window and this year up to its judgement date, with the
/// count rows of their months (a month counts once it has begun).
fn per_unit(
    items: &Items,
    counts: &Counts,
    window: Window,
) -> PolarsResult<HashMap<String, (u32, u32)>> {
    let (start, end, year_start) = (window.start(), window.as_of, window.period.year_start());
    // Summed in 64 bits: a unit's count rows, each at most MAX_COUNT, may pass u32.
    let from_items = items.lazy().select([
        col(Items::UNIT),
        dated(start, end).cast(DataType::UInt64).alias("p"),
        dated(year_start, end).cast(DataType::UInt64).alias("y"),
    ]);
    let counted = |months: Expr| {
        when(months)
            .then(col(Counts::COUNT))
            .otherwise(lit(0i64))
            .cast(DataType::UInt64)
    };
    let from_counts = counts.lazy().select([
        col(Counts::UNIT),
        counted(in_months(start, end)).alias("p"),
        counted(in_months(year_start, end)).alias("y"),
    ]);
    let sums = concat([from_items, from_counts], UnionArgs::default())?
        .group_by([col(Items::UNIT)])
        .agg([col("p").sum(), col("y").sum()])
        .collect()?;
    let unit = sums.column(Items::UNIT)?.str()?;
    let p = sums.column("p")?.cast(&DataType::UInt64)?;
    let y = sums.column("y")?.cast(&DataType::UInt64)?;
    let (p, y) = (p.u64()?, y.u64()?);
    // Beyond u32 only by tens of thousands of rows at MAX_COUNT each, every one listed in
    // 统计数: the figure stays at the largest it can show rather than wrap.
    let figure = |n: Option<u64>| u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX);
    let mut out = HashMap::new();
    for i in 0..sums.height() {
        if let Some(u) = unit.get(i) {
            out.insert(u.to_string(), (figure(p.get(i)), figure(y.get(i))));
        }
    }
    Ok(out)
}

/// Every unit's figures, in the order of the units table.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub(crate) fn figures(
    units: &[Unit],
    targets: &[Target],
    items: &Items,
    counts: &Counts,
    window: Window,
    rules: &Scoring,
) -> PolarsResult<Vec<UnitFigures>> {
    let counted = per_unit(items, counts, window)?;
    let months = window.months_elapsed();
    let basis = ScoreBasis::of(window);
    Ok(units
        .iter()
        .map(|u| {
            let target = targets.iter().find(|t| t.unit == u.name).map(|t| t.count);
            let (period_items, ytd_items) = counted.get(&u.name).copied().unwrap_or((0, 0));
            let expected_ytd = target.map(|t| expected(t, months));
            let standing = match (target, expected_ytd) {
                (Some(t), _) if ytd_items >= t => Standing::Done,
                (Some(_), Some(e)) if ytd_items >= e => Standing::OnTrack,
                (Some(_), _) => Standing::Behind,
                (None, _) => Standing::NoTarget,
            };
            UnitFigures {
                unit: u.name.clone(),
                category: u.category.clone(),
                target,
                period_items,
                ytd_items,
                expected_ytd,
                completion: target
                    .filter(|&t| t > 0)
                    .map(|t| f64::from(ytd_items) / f64::from(t)),
                score: expected_ytd.map(|e| score(ytd_items, e, rules)),
                score_basis: basis,
                standing,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pro_rata_rounds_half_up() {
        assert_eq!(expected(240, 4), 80);
        assert_eq!(expected(70, 4), 23); // 23.33
        assert_eq!(expected(210, 1), 18); // 17.5
        assert_eq!(expected(20, 3), 5);
        assert_eq!(expected(30, 12), 30);
        assert_eq!(expected(12360, 12), 12360);
    }

    #[test]
    fn score_follows_seed_001_annex_2() {
        let r = Scoring::default();
        assert_eq!(score(80, 80, &r), 25.0);
        assert_eq!(score(89, 80, &r), 25.0); // not a full ten over
        assert_eq!(score(90, 80, &r), 25.2);
        assert_eq!(score(110, 80, &r), 25.6);
        assert_eq!(score(500, 80, &r), 29.0); // capped at +4
        assert_eq!(score(79, 80, &r), 24.7);
        assert_eq!(score(70, 80, &r), 22.0);
        assert_eq!(score(0, 240, &r), 0.0); // never below zero
    }

    #[test]
    fn figures_count_items_and_counts_in_period_and_year() {
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2018, m, day).unwrap();
        let items = Items::padded(
            df!(
                "unit" => ["民政局", "民政局", "民政局", "财政局"],
                "date" => [d(4, 2), d(3, 31), d(5, 1), d(4, 30)],
            )
            .unwrap(),
        )
        .unwrap();
        let counts = Counts::padded(
            df!("unit" => ["财政局", "财政局"], "month" => [201804, 201801], "count" => [10i64, 5])
                .unwrap(),
        )
        .unwrap();
        let unit = |n: &str| Unit {
            name: n.into(),
            aliases: vec![],
            category: "部门".into(),
        };
        let units = [unit("民政局"), unit("财政局"), unit("档案局")];
        let targets = [
            Target {
                unit: "民政局".into(),
                count: 240,
            },
            Target {
                unit: "档案局".into(),
                count: 30,
            },
        ];
        let period = Window::whole(crate::model::Period::Month {
            year: 2018,
            month: 4,
        });
        let f = figures(
            &units,
            &targets,
            &items,
            &counts,
            period,
            &Scoring::default(),
        )
        .unwrap();
        assert_eq!(
            (f[0].period_items, f[0].ytd_items, f[0].expected_ytd),
            (1, 2, Some(80))
        );
        assert_eq!(f[0].standing, Standing::Behind);
        assert_eq!(f[0].score, Some(1.6)); // 25 − 78 × 0.3
        assert_eq!(
            (f[1].period_items, f[1].ytd_items, f[1].standing),
            (11, 16, Standing::NoTarget)
        );
        assert_eq!(
            (f[2].ytd_items, f[2].expected_ytd, f[2].score),
            (0, Some(10), Some(22.0))
        );
    }
}
