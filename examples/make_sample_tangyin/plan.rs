//! What each unit published in January–June 2022. A unit first does its duties: every
//! section it answers for gets items as often as its 更新频率 asks (weekly sections from
//! the first unit named, yearly ones once from the first unit named); then its pace fills
//! the rest, mostly 部门动态 and 通知公告. A few units stop early in some sections
//! (`STOPS`): that is where the sample's sleeping sections and silent units come from.

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::{date_in, month_end, working_day_between};
use crate::rng::Rng;
use crate::sections::SectionRow;
use crate::titles::{Fill, LinkMaker, TitleMaker};
use crate::truth::Freq;
use crate::units::{Pace, UnitSpec};

/// The working year.
pub const YEAR: i32 = 2022;

/// (unit, section leaf, last month with items; 0: none all year): where units stop.
pub const STOPS: [(&str, &str, u32); 7] = [
    ("发改委", "十方面实事", 1),
    ("市场监管局", "散煤清零", 2),
    ("商务局", "电子商务进农村", 4),
    ("政府办", "网上调查", 0),
    ("医疗保障局", "社会保险", 3),
    ("公安局", "双随机一公开", 3),
    ("公安局", "监督检查", 3),
];

/// How a half-year's output spreads over its months (the Spring Festival in February).
const MONTH_WEIGHTS: [f64; 6] = [0.15, 0.12, 0.18, 0.17, 0.18, 0.20];

/// One published item.
#[derive(Debug, Clone)]
pub struct Item {
    pub unit: &'static str,
    pub title: String,
    pub date: NaiveDate,
    /// Index into the sections table.
    pub section: usize,
    pub link: String,
}

/// The random source, titles and links every item draws on.
pub struct Maker {
    pub rng: Rng,
    pub titles: TitleMaker,
    pub links: LinkMaker,
}

impl Maker {
    /// An item of `unit` in section `i` on `date`, with a fresh title and link.
    ///
    /// # Errors
    /// A section without title templates.
    pub fn item(
        &mut self,
        unit: &UnitSpec,
        rows: &[SectionRow],
        i: usize,
        date: NaiveDate,
    ) -> Result<Item, String> {
        let row = &rows[i];
        let topics = if row.topics.is_empty() {
            unit.topics
        } else {
            row.topics
        };
        let fill = Fill {
            unit: unit.signs,
            topics,
            date,
        };
        let title = self.titles.make(row.titles, &fill, &mut self.rng)?;
        Ok(Item {
            unit: unit.name,
            title,
            date,
            section: i,
            link: self.links.next(date),
        })
    }
}

/// Every unit's items, unit by unit in the units table's order, each unit's by date.
///
/// # Errors
/// When a section has no title templates.
pub fn plan(
    units: &[UnitSpec],
    rows: &[SectionRow],
    responsible: &[Vec<&'static str>],
    maker: &mut Maker,
) -> Result<Vec<Item>, String> {
    let mut all = Vec::new();
    for unit in units {
        let mine: Vec<usize> = (0..rows.len())
            .filter(|&i| responsible[i].contains(&unit.name))
            .collect();
        let last = |i: usize| last_month(unit, rows[i].leaf());
        let mut dated: Vec<(usize, NaiveDate)> = Vec::new();
        for &i in &mine {
            let first = responsible[i].first() == Some(&unit.name);
            let dates = duties(rows[i].freq, first, last(i), &mut maker.rng);
            dated.extend(dates.into_iter().map(|d| (i, d)));
        }
        let total = budget(unit, dated.len(), &mut maker.rng);
        for _ in dated.len()..total {
            let month = pick_month(unit, &mut maker.rng);
            let choices: Vec<(usize, f64)> = mine
                .iter()
                .filter(|&&i| last(i) >= month)
                .map(|&i| (i, weight(&rows[i])))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            if let Some(i) = weighted(&choices, &mut maker.rng) {
                dated.push((i, date_in(YEAR, month, &mut maker.rng)));
            }
        }
        dated.sort_by_key(|(i, d)| (*d, *i));
        for (i, date) in dated {
            all.push(maker.item(unit, rows, i, date)?);
        }
    }
    Ok(all)
}

/// The last month `unit` publishes in the section `leaf`.
pub fn last_month(unit: &UnitSpec, leaf: &str) -> u32 {
    let stop = STOPS
        .iter()
        .find(|(u, l, _)| *u == unit.name && *l == leaf)
        .map_or(6, |s| s.2);
    if unit.pace == Pace::QuietInQ2 {
        stop.min(3)
    } else {
        stop
    }
}

/// The dates a section's frequency asks of one of its units, up to month `last`.
fn duties(freq: Freq, first: bool, last: u32, rng: &mut Rng) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let month = |lo: u32, hi: u32, rng: &mut Rng| date_in(YEAR, rng.between(lo, hi), rng);
    match freq {
        Freq::Weekly if first => {
            let mut monday = NaiveDate::from_ymd_opt(YEAR, 1, 3).unwrap_or(NaiveDate::MIN);
            let end = month_end(YEAR, last.max(1));
            while last > 0 && monday <= end {
                let sunday = monday
                    .checked_add_days(Days::new(6))
                    .unwrap_or(monday)
                    .min(end);
                out.push(working_day_between(monday, sunday, rng));
                monday = monday
                    .checked_add_days(Days::new(7))
                    .unwrap_or(NaiveDate::MAX);
            }
        }
        Freq::Weekly | Freq::Monthly => out.extend((1..=last).map(|m| date_in(YEAR, m, rng))),
        Freq::Quarterly => {
            if last >= 1 {
                out.push(month(1, last.min(3), rng));
            }
            if last >= 4 {
                out.push(month(4, last.min(6), rng));
            }
        }
        Freq::Yearly if first && last >= 1 => out.push(month(1, last.min(3), rng)),
        // Each responsible unit takes its own turn in a half year (在线访谈 of 各乡镇、各单位).
        Freq::HalfYearly if last >= 1 => out.push(month(1, last.min(6), rng)),
        _ => {}
    }
    out.retain(|d| d.month() <= last);
    out
}

/// How many items a unit publishes in the half-year.
fn budget(unit: &UnitSpec, duties: usize, rng: &mut Rng) -> usize {
    let Some(target) = unit.target else {
        return duties + rng.between(4, 12) as usize;
    };
    let factor = match unit.pace {
        Pace::Ahead => rng.fraction(1.12, 1.35),
        Pace::Near => rng.fraction(0.98, 1.08),
        Pace::Behind => rng.fraction(0.55, 0.85),
        Pace::QuietInQ2 => rng.fraction(0.40, 0.50),
        Pace::Steady => 1.0,
    };
    (f64::from(target) / 2.0 * factor).round() as usize
}

fn pick_month(unit: &UnitSpec, rng: &mut Rng) -> u32 {
    let months = if unit.pace == Pace::QuietInQ2 { 3 } else { 6 };
    let choices: Vec<(usize, f64)> = MONTH_WEIGHTS[..months]
        .iter()
        .copied()
        .enumerate()
        .collect();
    weighted(&choices, rng).map_or(1, |i| i as u32 + 1)
}

/// How often a unit's spare items land in a section: news and notices most.
fn weight(row: &SectionRow) -> f64 {
    let varies = |marks: &[&str]| {
        row.titles
            .iter()
            .any(|t| marks.iter().any(|p| t.contains(p)))
    };
    // A title that only changes with the month would repeat within a month.
    let scale = match (varies(&["{t}", "{n}", "{d}"]), varies(&["{m}"])) {
        (true, _) => 1.0,
        (false, true) => 0.2,
        (false, false) => return 0.0,
    };
    scale
        * match (row.leaf(), row.freq) {
            ("部门动态", _) => 8.0,
            ("通知公告", _) => 4.0,
            ("机构信息", _) => 0.5,
            (_, Freq::Weekly | Freq::Monthly) => 2.0,
            (_, Freq::Quarterly) => 1.0,
            (_, Freq::AsNeeded) if row.levels[0] == "地方部门平台链接" => 0.3,
            (_, Freq::AsNeeded) => 1.0,
            (_, Freq::HalfYearly | Freq::Yearly) => 0.0,
        }
}

/// One of `choices` (index, weight), in proportion to the weights.
pub fn weighted<T: Copy>(choices: &[(T, f64)], rng: &mut Rng) -> Option<T> {
    let sum: f64 = choices.iter().map(|(_, w)| w).sum();
    if choices.is_empty() || sum <= 0.0 {
        return None;
    }
    let mut x = rng.fraction(0.0, sum);
    for (c, w) in choices {
        if x < *w {
            return Some(*c);
        }
        x -= w;
    }
    choices.last().map(|(c, _)| *c)
}
