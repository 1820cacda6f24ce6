//! What each unit published in 2020: monthly counts for January–September (the office
//! collected counts before the catalogue work began) and an item list for October, when
//! the notice asks units to publish under their domains. Each October list covers every
//! domain of its unit at least once; 税务局 sends nothing for October.

use chrono::NaiveDate;

use crate::calendar::date_in;
use crate::domains::{GROUPS, TITLES};
use crate::rng::Rng;
use crate::titles::{Fill, LinkMaker, TitleMaker};
use crate::units::{Pace, UnitSpec};

/// The working year.
pub const YEAR: i32 = 2020;
/// The month of the period, the only month with items.
pub const MONTH: u32 = 10;

/// How January–September shared a year's output (Hubei's lockdown in February and March).
const MONTH_WEIGHTS: [f64; 9] = [0.09, 0.06, 0.08, 0.11, 0.11, 0.12, 0.14, 0.14, 0.15];

/// One published item.
#[derive(Debug, Clone)]
pub struct Item {
    pub unit: &'static str,
    pub title: String,
    pub date: NaiveDate,
    /// Index into `domains::CANONICAL`.
    pub domain: usize,
    pub link: String,
}

/// The random source, titles and links every item draws on.
pub struct Maker {
    pub rng: Rng,
    pub titles: TitleMaker,
    pub links: LinkMaker,
}

impl Maker {
    /// An item of `unit` in `domain` on `date`, with a fresh title and link.
    ///
    /// # Errors
    /// A domain without title templates.
    pub fn item(
        &mut self,
        unit: &UnitSpec,
        domain: usize,
        date: NaiveDate,
    ) -> Result<Item, String> {
        let fill = Fill {
            unit: unit.annex,
            topics: unit.topics,
            date,
        };
        let title = self.titles.make(TITLES[domain], &fill, &mut self.rng)?;
        Ok(Item {
            unit: unit.name,
            title,
            date,
            domain,
            link: self.links.next(date),
        })
    }
}

/// A unit's year: counts for January–September and its October items.
pub struct UnitPlan {
    pub unit: UnitSpec,
    pub counts: [u32; 9],
    pub october: Vec<Item>,
}

/// Plans every unit.
///
/// # Errors
/// When a title cannot be made.
pub fn plan(units: &[UnitSpec], maker: &mut Maker) -> Result<Vec<UnitPlan>, String> {
    let mut out = Vec::new();
    for unit in units {
        let (before, october) = factors(unit.pace, &mut maker.rng);
        let counts = spread((f64::from(unit.target) * 0.75 * before).round() as u32);
        let mut items = Vec::new();
        if unit.pace != Pace::QuietInOctober {
            let domains: Vec<usize> = GROUPS
                .iter()
                .filter(|g| g.unit == unit.name)
                .flat_map(|g| g.domains.iter().copied())
                .collect();
            let n = ((f64::from(unit.target) / 12.0 * october).round() as usize).max(domains.len());
            let mut dated: Vec<(NaiveDate, usize)> = (0..n)
                .map(|k| {
                    let domain = if k < domains.len() {
                        domains[k]
                    } else {
                        *maker.rng.pick(&domains)
                    };
                    (date_in(YEAR, MONTH, &mut maker.rng), domain)
                })
                .collect();
            // Titles are made in date order, so running numbers rise with the dates.
            dated.sort_unstable();
            for (date, domain) in dated {
                items.push(maker.item(unit, domain, date)?);
            }
        }
        out.push(UnitPlan {
            unit: unit.clone(),
            counts,
            october: items,
        });
    }
    Ok(out)
}

/// The share of the pro-rata target a pace gives January–September and October.
fn factors(pace: Pace, rng: &mut Rng) -> (f64, f64) {
    match pace {
        Pace::Ahead => (rng.fraction(1.10, 1.30), rng.fraction(1.15, 1.35)),
        Pace::Near => (rng.fraction(0.98, 1.08), rng.fraction(0.95, 1.10)),
        Pace::Behind => (rng.fraction(0.60, 0.80), rng.fraction(0.50, 0.80)),
        Pace::QuietInOctober => (rng.fraction(1.00, 1.10), 0.0),
    }
}

/// `total` spread over January–September by `MONTH_WEIGHTS`, the remainder to the last months.
fn spread(total: u32) -> [u32; 9] {
    let mut out = [0u32; 9];
    let mut given = 0;
    for (i, w) in MONTH_WEIGHTS.iter().enumerate() {
        out[i] = (f64::from(total) * w).floor() as u32;
        given += out[i];
    }
    let mut i = 8;
    while given < total {
        out[i] += 1;
        given += 1;
        i = if i == 0 { 8 } else { i - 1 };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_to_the_total() {
        for total in [0, 7, 135, 180] {
            assert_eq!(spread(total).iter().sum::<u32>(), total);
        }
    }
}
