//! What each unit published in January–April 2018: how many items its pace gives
//! it, how they spread over the months, and each item's title, date, 栏目 and link.
//! Units that report counts instead of item lists get monthly counts here.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::rng::Rng;
use crate::titles::TitleMaker;
use crate::units::{Pace, UnitSpec, pro_rata};

/// The units that send counts (统计) instead of item lists.
pub const COUNT_UNITS: [&str; 5] = ["国税局", "地税局", "气象局", "公安局", "供销社"];

/// How a year's first four months usually share a unit's output (Spring Festival in February).
const MONTH_WEIGHTS: [f64; 4] = [0.23, 0.17, 0.28, 0.32];

/// One published item.
#[derive(Debug, Clone)]
pub struct Item {
    pub unit: &'static str,
    pub title: String,
    pub date: NaiveDate,
    pub section: &'static str,
    pub link: String,
}

/// A unit's output, by the month of the file it is reported in.
#[derive(Debug, Clone)]
pub struct UnitPlan {
    pub unit: UnitSpec,
    /// `files[m - 1]`: the items reported for month `m`.
    pub files: [Vec<Item>; 4],
    /// Monthly counts for units in `COUNT_UNITS`.
    pub counts: Option<[u32; 4]>,
}

impl UnitPlan {
    /// The items reported in month `m`'s file.
    pub fn month(&self, m: u32) -> &[Item] {
        &self.files[(m - 1) as usize]
    }
}

/// Plans every unit.
///
/// # Errors
/// When titles run out (see [`TitleMaker::make`]).
pub fn plan(
    units: &[UnitSpec],
    rng: &mut Rng,
    titles: &mut TitleMaker,
    links: &mut LinkMaker,
) -> Result<Vec<UnitPlan>, String> {
    let mut plans = Vec::new();
    for unit in units {
        let months = monthly_totals(unit, rng);
        if COUNT_UNITS.contains(&unit.name) {
            plans.push(UnitPlan {
                unit: unit.clone(),
                files: Default::default(),
                counts: Some(months),
            });
            continue;
        }
        let mut files: [Vec<Item>; 4] = Default::default();
        for (i, &n) in months.iter().enumerate() {
            let m = i as u32 + 1;
            for _ in 0..n {
                let made = titles.make(unit, m, rng)?;
                let date = date_in(m, rng);
                let link = links.next(date);
                files[i].push(Item {
                    unit: unit.name,
                    title: made.title,
                    date,
                    section: made.section,
                    link,
                });
            }
            files[i].sort_by_key(|item| item.date);
        }
        plans.push(UnitPlan {
            unit: unit.clone(),
            files,
            counts: None,
        });
    }
    Ok(plans)
}

/// Items per month for a unit: its pace sets the year-to-date total against the
/// pro-rata share of its target, and every month it reports gets at least one.
fn monthly_totals(unit: &UnitSpec, rng: &mut Rng) -> [u32; 4] {
    let share = pro_rata(unit.target, 4) as f64;
    let (factor, months): (f64, usize) = match unit.pace {
        Pace::Ahead => (rng.fraction(1.12, 1.40), 4),
        Pace::Near => (rng.fraction(0.96, 1.05), 4),
        Pace::Behind => (rng.fraction(0.45, 0.82), 4),
        Pace::SilentInApril => (rng.fraction(0.55, 0.75), 3),
        Pace::Silent => return [0; 4],
    };
    let total = ((share * factor).round() as u32).max(months as u32);
    let weights = &MONTH_WEIGHTS[..months];
    let sum: f64 = weights.iter().sum();
    let mut out = [0u32; 4];
    let mut given = 0;
    for (i, w) in weights.iter().enumerate() {
        out[i] = ((total as f64 * w / sum).floor() as u32).max(1);
        given += out[i];
    }
    // Hand what rounding left over to the last months, which are the busiest.
    let mut i = months - 1;
    while given < total {
        out[i] += 1;
        given += 1;
        i = if i == 0 { months - 1 } else { i - 1 };
    }
    out
}

/// Days off in 2018 between January and April (元旦, 春节, 清明, 劳动节).
const HOLIDAYS: [(u32, u32); 12] = [
    (1, 1),
    (2, 15),
    (2, 16),
    (2, 17),
    (2, 18),
    (2, 19),
    (2, 20),
    (2, 21),
    (4, 5),
    (4, 6),
    (4, 7),
    (4, 30),
];
/// Weekend days worked instead (调休).
const MAKEUP_DAYS: [(u32, u32); 4] = [(2, 11), (2, 24), (4, 8), (4, 28)];

fn working_day(d: NaiveDate) -> bool {
    let md = (d.month(), d.day());
    if MAKEUP_DAYS.contains(&md) {
        return true;
    }
    !HOLIDAYS.contains(&md) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A publication date in `month` of 2018, nearly always a working day.
pub fn date_in(month: u32, rng: &mut Rng) -> NaiveDate {
    let days = [31, 28, 31, 30][(month - 1) as usize];
    let any_day = rng.chance(0.06);
    let mut date = NaiveDate::MIN;
    for _ in 0..20 {
        date = NaiveDate::from_ymd_opt(2018, month, rng.between(1, days)).unwrap_or(NaiveDate::MIN);
        if any_day || working_day(date) {
            break;
        }
    }
    date
}

/// Links in the form the county portal's CMS gives its pages.
pub struct LinkMaker(u32);

impl LinkMaker {
    /// Links numbered from a fixed start.
    pub fn new() -> Self {
        Self(300_000)
    }

    /// The next unused link, for a page published on `date`.
    pub fn next(&mut self, date: NaiveDate) -> String {
        self.0 += 1 + (self.0 % 7);
        format!(
            "http://www.daying.gov.cn/zwgk/xxgk/{}/t{}_{}.html",
            date.format("%Y%m"),
            date.format("%Y%m%d"),
            self.0
        )
    }
}
