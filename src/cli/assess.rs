//! `zwgk assess`: the annual assessment (seeds 001 Annex 2, 003, 004) → `out/<Y>/`
//! 考核结果-<Y>.xlsx, 附件-公示.xlsx (with the 复核 deadline), 附件-结果.xlsx and the manifest.

use std::fmt;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use crate::Error;
use crate::assess::{self, AppealStatus, Assessment};
use crate::config::{Caching, Config};
use crate::error::UsageError;
use crate::outputs::assessment::Withheld;
use crate::outputs::lock::OutLock;
use crate::problems::Severity;
use crate::write::AnnexStyle;

use super::report::parse_date;
use super::summary::with_progress;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk assess [-w 目录] [--year 年度] [--publicity-date 日期] [--no-cache]",
    next_help_heading = "选项",
    help_template = super::HELP_TEMPLATE
)]
pub(super) struct Args {
    /// 工作目录（其中有 zwgk.toml），默认为当前目录
    #[arg(
        short = 'w',
        long = "workspace",
        value_name = "目录",
        default_value = ".",
        hide_default_value = true
    )]
    dir: PathBuf,
    /// 考核年度，如 2021；默认为 zwgk.toml 中的工作年度，没有时为今年
    #[arg(long, value_name = "年度")]
    year: Option<String>,
    /// 公示日期，复核截止日从此日起按工作日计算：如 2021-12-24；也可在 zwgk.toml 的 [assessment] publicity_date 中设置
    #[arg(long = "publicity-date", value_name = "日期")]
    publicity_date: Option<String>,
    /// 不用 out/.cache/ 中的读取缓存，重新读取每个报送文件
    #[arg(long = "no-cache")]
    no_cache: bool,
}

/// Assesses the year and writes the results and annexes.
///
/// # Errors
/// A year or date that is none, settings or reference tables that stop the assessment,
/// or outputs that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let mut config = Config::load(&args.dir)?;
    let _lock = OutLock::of(&args.dir, &config)?;
    if args.no_cache {
        config.caching = Caching::Off;
    }
    let year = year(&args, &config)?;
    let publicity = match &args.publicity_date {
        Some(text) => Some(parse_date(text, "--publicity-date")?),
        None => config.assessment.publicity(),
    };
    // Published the year-end it assesses, or early in the next: a date beyond is a typo.
    if let Some(date) = publicity.filter(|d| !(year..=year + 1).contains(&d.year())) {
        return Err(UsageError::PublicityOutOfYear {
            date: date.to_string(),
            year,
            term: config.assessment.term.trim().to_string(),
        }
        .into());
    }
    let style = AnnexStyle {
        title_font: config.title_font(),
        ..AnnexStyle::default()
    };
    let a = with_progress(|tick| assess::assess(&args.dir, &config, year, publicity, tick))?;
    let written = crate::outputs::assessment::write(&args.dir, &config, &a, style)?;
    out!(
        "{}",
        Printed {
            a: &a,
            written: &written.paths,
            withheld: written.withheld.as_ref(),
        }
    );
    Ok(i32::from(a.count(Severity::Error) > 0))
}

/// `--year`, else the working year, else this year; a year other than `[workspace]
/// year` is refused.
fn year(args: &Args, config: &Config) -> Result<i32, UsageError> {
    let year = match &args.year {
        Some(text) => text
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| UsageError::Year(text.clone()))?,
        None => config.working_year(None),
    };
    match config.workspace.year.filter(|w| *w != year) {
        Some(working) => Err(UsageError::AssessYear {
            term: config.assessment.term.trim().to_string(),
            year,
            working,
        }),
        None => Ok(year),
    }
}

/// What the command prints: what was read, the deadline, the appeals, what was written.
struct Printed<'a> {
    a: &'a Assessment,
    written: &'a [String],
    /// The annexes not written, and why.
    withheld: Option<&'a (Vec<String>, Withheld)>,
}

impl fmt::Display for Printed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.a;
        writeln!(f, "{}", a.title)?;
        let totals: Vec<String> = a
            .indicators
            .categories
            .iter()
            .map(|c| format!("{c} {}", assess::number(a.indicators.total_points(c))))
            .collect();
        writeln!(
            f,
            "  指标体系：{} 项指标；满分 {}",
            a.indicators.tree.leaves.len(),
            totals.join("、")
        )?;
        writeln!(f, "  {}", sheets(a.sheets, &a.term))?;
        let unsent = a.without_self_assessment();
        if !unsent.is_empty() {
            let (n, names) = (unsent.len(), super::summary::list(&unsent));
            writeln!(f, "  未收到本年度自评表：{n} 个单位（{names}）")?;
        }
        let incomplete = a
            .objects
            .iter()
            .filter(|o| o.missing().next().is_some())
            .count();
        let missing: usize = a.objects.iter().map(|o| o.missing().count()).sum();
        let published: usize = a.published.iter().map(|o| o.missing().count()).sum();
        let before = if published == missing {
            String::new()
        } else {
            format!("，公示时 {published} 项")
        };
        let gaps = match missing {
            0 => "无缺评".to_string(),
            n => format!("缺评 {n} 项（{incomplete} 个单位）"),
        };
        writeln!(
            f,
            "  {}对象：{} 个单位；{gaps}{before}",
            a.term,
            a.objects.len()
        )?;
        writeln!(f, "  {}", deadline(a.publicity, a.deadline, a.appeal_days))?;
        if !a.appeals.is_empty() {
            writeln!(f, "  {}", appeals(&a.appeals))?;
        }
        writeln!(
            f,
            "  问题：错误 {} 个，警告 {} 个，提示 {} 个",
            a.count(Severity::Error),
            a.count(Severity::Warning),
            a.count(Severity::Info)
        )?;
        for path in self.written {
            writeln!(f, "  已写入：{path}")?;
        }
        match self.withheld {
            Some((paths, Withheld::Pending)) => {
                let then = match a.publicity {
                    Some(_) => "复核截止日无法计算，升级 zwgk 后再运行",
                    None => "写明公示日期后再运行",
                };
                writeln!(
                    f,
                    "  未写出：{}（复核申请尚未处理，{}结果不是最终结果；{then}）",
                    paths.join("、"),
                    a.term
                )?;
            }
            Some((paths, Withheld::Unsound)) => writeln!(
                f,
                "  未写出：{}（指标体系表的分值对不上（A001、A002），得分和满分都不可靠；改正指标体系表后再运行）",
                paths.join("、")
            )?,
            Some((paths, Withheld::Unscored)) => writeln!(
                f,
                "  未写出：{}（没有计入本办的{term}评分表，由本办评分的指标各单位都是缺评，不能公示；请核对 --year 或 zwgk.toml 的 year 与评分表的年度，以及问题清单中未计入的原因）",
                paths.join("、"),
                term = a.term
            )?,
            Some((paths, Withheld::PartYear)) => writeln!(
                f,
                "  未写出：{}（{}；全年的信息收齐后再运行，考核结果-{}.xlsx 中的得分和排名只供测算，不能公示）",
                paths.join("、"),
                a.part_year.as_deref().unwrap_or_default(),
                a.year
            )?,
            None => {}
        }
        Ok(())
    }
}

/// `评分工作表：考核 …张，自评 …张，未计入 …张（其他年度 …张）`: every score sheet read
/// (a workbook may hold several), the ones left out with why; 考核 in `term`.
fn sheets(s: assess::SheetCounts, term: &str) -> String {
    let mut line = format!(
        "评分工作表：{term} {} 张，自评 {} 张，未计入 {} 张",
        s.assessments, s.self_evaluations, s.left_out
    );
    let why: Vec<String> = [
        ("其他年度", s.other_year),
        ("填报单位无法识别", s.unknown_sender),
        ("没有可计入的得分", s.nothing_counted),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(what, n)| format!("{what} {n} 张"))
    .collect();
    if !why.is_empty() {
        line.push_str(&format!("（{}）", why.join("、")));
    }
    line
}

/// `复核申请：N 件，采用 …`: every application, and what became of it; the rare
/// outcomes only when they occur.
fn appeals(appeals: &[assess::Appeal]) -> String {
    let n = |s| appeals.iter().filter(|x| x.status == s).count();
    let mut line = format!(
        "复核申请：{} 件，采用 {} 件，逾期 {} 件",
        appeals.len(),
        n(AppealStatus::Applied),
        n(AppealStatus::Late)
    );
    let early = n(AppealStatus::Early);
    if early > 0 {
        line.push_str(&format!("，公示前申请 {early} 件"));
    }
    line.push_str(&format!(
        "，无公示日期未处理 {} 件",
        n(AppealStatus::Unjudged)
    ));
    let undated = n(AppealStatus::NoDeadline);
    if undated > 0 {
        line.push_str(&format!("，复核截止日无法计算未处理 {undated} 件"));
    }
    let conflicting = n(AppealStatus::Conflicting);
    if conflicting > 0 {
        line.push_str(&format!("，复核得分不一致未采用 {conflicting} 件"));
    }
    let repeated = n(AppealStatus::Repeated);
    if repeated > 0 {
        line.push_str(&format!("，重复 {repeated} 件（已按另一件采用）"));
    }
    let refused = appeals
        .iter()
        .filter(|x| matches!(x.status, AppealStatus::Refused(_)))
        .count();
    if refused > 0 {
        line.push_str(&format!("，填写有误未采用 {refused} 件（见复核情况）"));
    }
    line
}

fn deadline(
    publicity: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    days: Option<u32>,
) -> String {
    let zh = crate::outputs::evaluation::date_zh;
    match (publicity, deadline, days) {
        (Some(p), Some(d), Some(days)) => format!(
            "公示日期：{}；复核截止：{}（{days} 个工作日）",
            zh(p),
            zh(d)
        ),
        (Some(p), _, None) => format!(
            "公示日期：{}；复核期限：未规定（zwgk.toml 的 [assessment] 中没有 appeal_days），公示之日起提出的复核申请都采用",
            zh(p)
        ),
        (Some(p), None, Some(_)) => {
            format!("公示日期：{}；复核截止日无法计算（见问题清单）", zh(p))
        }
        (None, _, Some(_)) => {
            "公示日期：未指定（用 --publicity-date 指定后计算复核截止日）".to_string()
        }
        (None, _, None) => "公示日期：未指定（可用 --publicity-date 指定）".to_string(),
    }
}
