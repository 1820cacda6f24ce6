//! `zwgk notice`: the documents an office sends each period, drafted as .docx from the
//! run's own figures — the 通报 (how units did, with the progress table as 附件) and the
//! 催报 (units from which nothing usable arrived, with their contacts and a due date).
//! The wording is a MiniJinja template in `templates/` that the office may edit.

pub(crate) mod docx;
pub(crate) mod facts;

use std::path::Path;

use chrono::NaiveDate;

use crate::Error;
use crate::check::figures::{ScoreBasis, UnitFigures};
use crate::config::Config;
use crate::error::Internal;
use crate::model::Period;
use crate::outputs::annex::total_label;
use crate::outputs::evaluation::{DATED, combined_name};
use crate::outputs::run_path;
use crate::pipeline::Outcome;
use crate::write::save_bytes;

use docx::{Annex, TitleFace};
use facts::{Facts, percent};

/// The documents zwgk drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// The 通报 of the period.
    #[value(name = "通报", help = "本期通报（附完成情况表）")]
    Bulletin,
    /// The 催报 to units that sent nothing usable.
    #[value(name = "催报", help = "催报通知：致未报送或报送的文件无法计入的单位")]
    Reminder,
}

impl Kind {
    /// 通报 or 催报: the file names and the template.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Bulletin => "通报",
            Self::Reminder => "催报",
        }
    }
}

/// What [`write`] wrote.
#[derive(Debug)]
pub(crate) struct Written {
    /// The workspace-relative path of the document.
    pub(crate) path: String,
    /// The figures the text was filled with.
    pub(crate) facts: Facts,
    /// For a 通报: the due date the period's 催报 (as it lies in the output folder) gave
    /// the units it chased.
    pub(crate) reminder_due: Option<NaiveDate>,
    /// For a 通报 under the tracking evaluation: the period's evaluation reports as they
    /// lie in the output folder.
    pub(crate) reports: Reports,
}

/// The period's evaluation reports, as a 通报 finds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reports {
    /// No combined workbook (or no tracking evaluation to ask about).
    None,
    /// Dated so, as the combined workbook keeps it.
    Dated(NaiveDate),
    /// There, with no date zwgk can read (written by an older zwgk, or edited).
    Undated,
}

/// Drafts the document `kind` of `outcome` dated `date` (replies due on `due`) and
/// writes it atomically to `out/<period>/<KIND>-<period>.docx`.
///
/// # Errors
/// [`Error::Template`] for an office's template that cannot be read or filled,
/// [`Error::Write`] when the document cannot be written.
pub(crate) fn write(
    root: &Path,
    config: &Config,
    outcome: &Outcome,
    kind: Kind,
    (date, due): (NaiveDate, NaiveDate),
) -> Result<Written, Error> {
    let facts = Facts::of(outcome, config, date, due);
    let text = crate::templates::render(root, &format!("{}.md.j2", kind.zh()), &facts)?;
    let lines = docx::parse(&text);
    let annex = (kind == Kind::Bulletin).then(|| progress(outcome, &facts));
    let face = TitleFace::of(config.annex.title_font.as_deref());
    // A 催报 keeps its period and due date, for the 通报 of its period to read back.
    let stamp = (kind == Kind::Reminder).then(|| format!("{} {due}", outcome.period));
    let bytes = docx::build(&lines, annex.as_ref(), &face, stamp).map_err(Internal::from)?;
    let path_of = |kind: Kind| {
        let name = format!("{}-{}.docx", kind.zh(), outcome.period);
        run_path(root, config, outcome.period, &name)
    };
    let stamped = |path: &str, name| stamped(&root.join(path), name, outcome.period);
    let (reminder_due, reports) = match kind {
        Kind::Bulletin => {
            let name = format!("评估报告/{}", combined_name(outcome.period));
            let combined = run_path(root, config, outcome.period, &name);
            // Only the tracking evaluation's 通报 asks for 整改 by the reports.
            let dated = facts.tracking.then(|| stamped(&combined, DATED));
            let reports = match dated {
                None => Reports::None,
                Some(Some(day)) => Reports::Dated(day),
                Some(None) if root.join(&combined).is_file() => Reports::Undated,
                Some(None) => Reports::None,
            };
            (stamped(&path_of(Kind::Reminder), docx::DUE), reports)
        }
        Kind::Reminder => (None, Reports::None),
    };
    let path = path_of(kind);
    save_bytes(&bytes, &root.join(&path))?;
    Ok(Written {
        path,
        facts,
        reminder_due,
        reports,
    })
}

/// The date a document of `period` written by zwgk keeps in its custom document
/// property `name` (a 催报's due date, the evaluation reports' date); none for a
/// document that is not there, not a file of a document's size (a pipe would make the
/// read wait forever), not one of zwgk's, or of another period.
fn stamped(path: &Path, name: &str, period: Period) -> Option<NaiveDate> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 16 << 20 {
        return None;
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut xml = String::new();
    let part = zip.by_name("docProps/custom.xml").ok()?;
    part.take(64 * 1024).read_to_string(&mut xml).ok()?;
    let property = &xml[xml.find(&format!("name=\"{name}\""))?..];
    let value = property.split("<vt:lpwstr>").nth(1)?;
    let (of, day) = value.split("</vt:lpwstr>").next()?.split_once(' ')?;
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    (of == period.to_string()).then_some(day)
}

/// The progress table as the 通报's annex: the columns of 附件-progress's 完成情况 with
/// each unit's place in the ranking beside the 完成率 it ranks, closed by 合计. Beside a
/// score the column says what it ranks: a unit of a small target may score more than one
/// placed above it (seed 001 docks 0.3 an item short, whatever the target).
fn progress(outcome: &Outcome, facts: &Facts) -> Annex {
    // As in 附件-progress: before the year ends a score is a projection to date.
    let score = match ScoreBasis::of(outcome.window) {
        ScoreBasis::Annual => "得分",
        ScoreBasis::ProRata => "测算\n得分",
    };
    let header: Vec<String> = [
        "序号",
        "单位",
        "全年\n目标",
        "本期",
        "年度\n累计",
        "序时\n进度",
        "完成率",
        "完成率\n排名",
        score,
        "完成情况",
    ]
    .map(String::from)
    .into();
    let rank = |unit: &str| {
        let r = facts.ranking.iter().find(|r| r.unit == unit);
        r.map_or(String::new(), |r| r.rank.to_string())
    };
    let opt = |v: Option<u32>| v.map_or(String::new(), |v| v.to_string());
    let mut rows: Vec<Vec<String>> = outcome
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            vec![
                (i + 1).to_string(),
                u.unit.clone(),
                opt(u.target),
                u.period_items.to_string(),
                u.ytd_items.to_string(),
                opt(u.expected_ytd),
                u.completion.map_or(String::new(), percent),
                rank(&u.unit),
                u.score.map_or(String::new(), |s| format!("{s:.2}")),
                u.standing.zh().to_string(),
            ]
        })
        .collect();
    rows.push(total_row(&outcome.units, facts));
    let mut annex = Annex {
        title: facts.annex_title.clone(),
        header,
        // In mm of the 156 mm type area at 小四: 完成情况 holds 落后序时进度, 完成率 100.0%,
        // the counts five digits; 单位 takes the rest, about seven characters a line.
        widths: vec![10, 36, 12, 11, 12, 12, 14, 10, 12, 27],
        rows,
    };
    // As in 附件-progress: a score only where zwgk.toml states the scoring rules.
    if !outcome.scores_stated {
        const SCORE: usize = 8;
        for row in annex.rows.iter_mut().chain([&mut annex.header]) {
            row.remove(SCORE);
        }
        annex.widths.remove(SCORE);
        annex.header[SCORE - 1] = "排名".into();
    }
    annex
}

/// 合计 over the units with a target: the sums of the counts and the completion of all
/// targets together, as the 完成情况 sheet's 合计 row has them.
fn total_row(units: &[UnitFigures], facts: &Facts) -> Vec<String> {
    vec![
        String::new(),
        total_label(units),
        facts.target_total.to_string(),
        facts.items_in_period.to_string(),
        facts.ytd_items.to_string(),
        facts.expected_total.to_string(),
        facts.completion.clone(),
        String::new(),
        String::new(),
        String::new(),
    ]
}
