//! Titles and links that never repeat by accident: a sample's only duplicates are the
//! ones it plants. Templates hold placeholders (`{u}` the unit's name, `{t}` a topic,
//! `{m}` the month, `{d}` the day, `{n}` a running number, `{y}` the year) filled here.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::rng::Rng;

/// What a template is filled with for one title.
pub struct Fill<'a> {
    /// The unit's name as it signs its titles (县民政局, 城关镇).
    pub unit: &'a str,
    /// Topics the unit writes about; `{t}` takes one of them.
    pub topics: &'a [&'a str],
    pub date: NaiveDate,
}

/// Hands out titles, none twice for the same unit.
#[derive(Default)]
pub struct TitleMaker {
    used: HashSet<(String, String)>,
    /// Running numbers per unit and template, for `{n}` (第N期, 第N批).
    numbers: HashMap<(String, usize), u32>,
    /// What the numbers continue from: the numbers a year used before the sample starts.
    before: u32,
}

impl TitleMaker {
    /// A maker whose running numbers continue after `before` (a sample that starts in
    /// October numbers its notices from where September left off).
    pub fn numbered_after(before: u32) -> Self {
        Self {
            before,
            ..Self::default()
        }
    }

    /// A title from one of `templates` for `fill`, new for the unit.
    ///
    /// # Errors
    /// When `templates` is empty.
    pub fn make(
        &mut self,
        templates: &[&str],
        fill: &Fill,
        rng: &mut Rng,
    ) -> Result<String, String> {
        if templates.is_empty() {
            return Err(format!("no title templates for {}", fill.unit));
        }
        let mut title = String::new();
        for _ in 0..24 {
            let i = rng.below(templates.len());
            title = self.fill(templates[i], i, fill, rng);
            if self.used.insert((fill.unit.to_string(), title.clone())) {
                return Ok(title);
            }
        }
        // Every template is taken for this topic and month: number the title instead.
        for k in 2.. {
            let numbered = format!("{title}（{k}）");
            if self.used.insert((fill.unit.to_string(), numbered.clone())) {
                return Ok(numbered);
            }
        }
        Err("unreachable".into())
    }

    fn fill(&mut self, template: &str, i: usize, fill: &Fill, rng: &mut Rng) -> String {
        let mut out = template
            .replace("{u}", fill.unit)
            .replace("{y}", &fill.date.year().to_string())
            .replace("{m}", &fill.date.month().to_string())
            .replace("{d}", &fill.date.day().to_string());
        if out.contains("{t}") {
            let topic = if fill.topics.is_empty() {
                "政务公开"
            } else {
                rng.pick(fill.topics)
            };
            out = out.replace("{t}", topic);
        }
        if out.contains("{n}") {
            let n = self
                .numbers
                .entry((fill.unit.to_string(), i))
                .or_insert(self.before);
            *n += 1;
            out = out.replace("{n}", &n.to_string());
        }
        out
    }
}

/// Links in the form a portal's CMS gives its pages, numbered from a fixed start.
pub struct LinkMaker {
    next: u32,
    /// The part before `/{yyyymm}/t{yyyymmdd}_{id}`.
    base: &'static str,
    extension: &'static str,
}

impl LinkMaker {
    /// Links under `base` ending in `.extension`, numbered after `start`.
    pub fn new(base: &'static str, extension: &'static str, start: u32) -> Self {
        Self {
            next: start,
            base,
            extension,
        }
    }

    /// The next unused link, for a page published on `date`.
    pub fn next(&mut self, date: NaiveDate) -> String {
        self.next += 1 + self.next % 5;
        format!(
            "{}/{}/t{}_{}.{}",
            self.base,
            date.format("%Y%m"),
            date.format("%Y%m%d"),
            self.next,
            self.extension
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_never_repeat_for_a_unit() -> Result<(), String> {
        let mut maker = TitleMaker::default();
        let mut rng = Rng::new(7);
        let date = NaiveDate::from_ymd_opt(2022, 5, 9).ok_or("date")?;
        let fill = Fill {
            unit: "县民政局",
            topics: &["低保"],
            date,
        };
        let mut seen = HashSet::new();
        for _ in 0..5 {
            assert!(seen.insert(maker.make(&["{u}{m}月{t}工作会议"], &fill, &mut rng)?));
        }
        assert!(seen.contains("县民政局5月低保工作会议（2）"));
        let numbered = maker.make(&["{u}{y}年第{n}批{t}公示"], &fill, &mut rng)?;
        assert_eq!(numbered, "县民政局2022年第1批低保公示");
        Ok(())
    }

    #[test]
    fn links_are_dated_and_distinct() -> Result<(), String> {
        let mut links = LinkMaker::new("http://www.tangyin.gov.cn/xxgk", "html", 100);
        let date = NaiveDate::from_ymd_opt(2022, 5, 9).ok_or("date")?;
        let (a, b) = (links.next(date), links.next(date));
        assert_eq!(
            a,
            "http://www.tangyin.gov.cn/xxgk/202205/t20220509_101.html"
        );
        assert_ne!(a, b);
        Ok(())
    }
}
