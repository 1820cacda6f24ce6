//! The inbox plan and its rows: which unit sends which file in which format with how
//! many rows, then, unit by unit, the items themselves — dated inside the file's
//! months, titled, linked, about 1 in 5 signed with an alias and about 1 in 100 a
//! copy of an item the unit already sent.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::rng::Rng;
use crate::titles;
use crate::units::{UnitSpec, shuffle};

/// Share of rows whose 单位 cell holds an alias.
const ALIAS_SHARE: f64 = 0.2;
/// Share of rows that repeat an item the unit sent before.
const DUPLICATE_SHARE: f64 = 0.01;

/// How a file is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Xlsx,
    CsvGbk,
    CsvUtf8Bom,
    CsvUtf8,
}

impl Format {
    /// The share of an inbox in each format, in per cent.
    const MIX: [(Format, usize); 4] = [
        (Format::Xlsx, 60),
        (Format::CsvGbk, 15),
        (Format::CsvUtf8Bom, 10),
        (Format::CsvUtf8, 15),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::CsvGbk => "csv_gbk",
            Format::CsvUtf8Bom => "csv_utf8_bom",
            Format::CsvUtf8 => "csv_utf8",
        }
    }
}

/// The period the corpus is for: a whole year, or one month of it.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub year: i32,
    pub month: Option<u32>,
}

impl Period {
    /// `2025` or `2025-11`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("period must look like 2025 or 2025-11, not {s}");
        let (year, month) = match s.split_once('-') {
            Some((y, m)) => (y, Some(m.parse::<u32>().map_err(|_| bad())?)),
            None => (s, None),
        };
        let year = year.parse().map_err(|_| bad())?;
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(bad());
        }
        Ok(Self { year, month })
    }

    pub fn label(self) -> String {
        match self.month {
            Some(m) => format!("{}-{m:02}", self.year),
            None => self.year.to_string(),
        }
    }

    /// Months `(first, last)`, 1-based, that file `j` of a unit's `k` files covers.
    fn months(self, j: usize, k: usize) -> (u32, u32) {
        if let Some(m) = self.month {
            return (m, m);
        }
        let first = (j * 12 / k) as u32 + 1;
        let last = (((j + 1) * 12 / k) as u32).max(first);
        (first, last)
    }
}

/// One file of the inbox, before its rows exist.
#[derive(Debug, Clone)]
pub struct FilePlan {
    pub unit: usize,
    pub format: Format,
    pub rows: usize,
    /// 1-based months covered.
    pub months: (u32, u32),
    /// Workspace-relative path with `/`.
    pub path: String,
}

/// Plans `files` files holding `rows` rows for `units`: file i belongs to unit i mod
/// units; row counts vary ±50% around the mean and add up exactly; formats keep the mix.
pub fn plan(
    units: &[UnitSpec],
    counties: &[String],
    files: usize,
    rows: usize,
    period: Period,
    rng: &mut Rng,
) -> Vec<FilePlan> {
    let counts = split(rows, files, rng);
    let formats = formats(files, rng);
    let per_unit: Vec<usize> = (0..units.len())
        .map(|u| (files + units.len() - 1 - u) / units.len())
        .collect();
    let mut plans: Vec<FilePlan> = (0..files)
        .map(|i| {
            let u = i % units.len();
            let (j, k) = (i / units.len(), per_unit[u]);
            let months = period.months(j, k);
            FilePlan {
                unit: u,
                format: formats[i],
                rows: counts[i],
                months,
                path: String::new(),
            }
        })
        .collect();
    name_files(&mut plans, units, counties, period);
    plans
}

/// `total` split into `n` parts with weights in 0.5..1.5, largest remainders rounded up.
fn split(total: usize, n: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<f64> = (0..n).map(|_| rng.fraction(0.5, 1.5)).collect();
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * total as f64).collect();
    let mut parts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (exact[a].fract(), exact[b].fract());
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    let short = total - parts.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        parts[i] += 1;
    }
    parts
}

/// Exactly the mix's share of each format (the rest xlsx), in a random order.
fn formats(n: usize, rng: &mut Rng) -> Vec<Format> {
    let mut all = Vec::with_capacity(n);
    for (format, percent) in Format::MIX.iter().skip(1) {
        all.extend(std::iter::repeat_n(*format, (n * percent + 50) / 100));
    }
    all.truncate(n);
    all.resize(n, Format::Xlsx);
    shuffle(&mut all, rng);
    all
}

/// `民政局-2025年11月.csv`, `青山县民政局-2025年1-3月.xlsx`, in the county's folder when
/// there are several counties; a second file for the same months is a 第2批.
fn name_files(plans: &mut [FilePlan], units: &[UnitSpec], counties: &[String], period: Period) {
    let mut seen: HashSet<String> = HashSet::new();
    for plan in plans.iter_mut() {
        let unit = &units[plan.unit];
        let y = period.year;
        let stem = match plan.months {
            (1, 12) => format!("{}-{y}年政务信息公开明细", unit.name),
            (a, b) if a == b => format!("{}-{y}年{a}月", unit.name),
            (a, b) => format!("{}-{y}年{a}-{b}月", unit.name),
        };
        let folder = if counties.len() > 1 {
            format!("inbox/{}/", counties[unit.county])
        } else {
            "inbox/".to_string()
        };
        let ext = match plan.format {
            Format::Xlsx => "xlsx",
            _ => "csv",
        };
        let mut batch = 1;
        let mut path = format!("{folder}{stem}.{ext}");
        while !seen.insert(path.clone()) {
            batch += 1;
            path = format!("{folder}{stem}（第{batch}批）.{ext}");
        }
        plan.path = path;
    }
}

/// One item row as a unit writes it.
#[derive(Debug, Clone)]
pub struct Row {
    pub title: String,
    pub date: NaiveDate,
    pub section: &'static str,
    /// The 单位 cell: the canonical name or an alias.
    pub unit: String,
    pub link: String,
}

/// What one unit's files hold, for the corpus summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub rows: usize,
    pub aliases: usize,
    pub duplicates: usize,
}

/// Makes the rows of every file of one unit, in file order. Items are distinct by
/// (title, date) and by link, except the deliberate copies.
pub struct ItemMaker<'a> {
    unit: &'a UnitSpec,
    index: usize,
    year: i32,
    rng: Rng,
    sent: Vec<Row>,
    keys: HashSet<(String, NaiveDate)>,
    serial: usize,
    pub tally: Tally,
}

impl<'a> ItemMaker<'a> {
    pub fn new(unit: &'a UnitSpec, index: usize, year: i32, rng: Rng) -> Self {
        Self {
            unit,
            index,
            year,
            rng,
            sent: Vec::new(),
            keys: HashSet::new(),
            serial: 0,
            tally: Tally::default(),
        }
    }

    /// The rows of one file, in date order.
    pub fn rows(&mut self, plan: &FilePlan) -> Vec<Row> {
        let mut rows: Vec<Row> = (0..plan.rows).map(|_| self.row(plan.months)).collect();
        rows.sort_by_key(|r| r.date);
        self.tally.rows += rows.len();
        rows
    }

    /// The random source, handed on to the file writers after the rows are made.
    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    fn row(&mut self, months: (u32, u32)) -> Row {
        if !self.sent.is_empty() && self.rng.chance(DUPLICATE_SHARE) {
            self.tally.duplicates += 1;
            let copy = self.sent[self.rng.below(self.sent.len())].clone();
            if copy.unit != self.unit.name {
                self.tally.aliases += 1;
            }
            return copy;
        }
        let (date, title) = loop {
            let date = self.date(months);
            let title = titles::title(self.unit, date, &mut self.rng);
            if self.keys.insert((title.text.clone(), date)) {
                break (date, title);
            }
        };
        let unit = if self.rng.chance(ALIAS_SHARE) {
            self.tally.aliases += 1;
            self.rng.pick(&self.unit.aliases).clone()
        } else {
            self.unit.name.clone()
        };
        self.serial += 1;
        let row = Row {
            link: format!(
                "http://www.county{:02}.gov.cn/zwgk/{:04}/{}/t{}_{}.html",
                self.unit.county + 1,
                self.index,
                date.format("%Y%m"),
                date.format("%Y%m%d"),
                self.index * 1_000_000 + self.serial
            ),
            title: title.text,
            date,
            section: title.section,
            unit,
        };
        self.sent.push(row.clone());
        row
    }

    /// A day inside `months`; weekends only one time in ten, as offices publish.
    fn date(&mut self, (first, last): (u32, u32)) -> NaiveDate {
        let start = NaiveDate::from_ymd_opt(self.year, first, 1).unwrap_or_default();
        let end = first_of_next(self.year, last);
        let days = (end - start).num_days().max(1) as usize;
        loop {
            let d = start + chrono::Duration::days(self.rng.below(days) as i64);
            let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            if !weekend || self.rng.chance(0.1) {
                return d;
            }
        }
    }
}

fn first_of_next(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
}
