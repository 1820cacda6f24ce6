//! `zwgk report`: the per-unit evaluation reports of seed 000 Annex 2, written to
//! `out/<period>/评估报告/`, with the rectification deadline counted from `--date`.

use std::fmt;

use chrono::NaiveDate;

use crate::Error;
use crate::error::UsageError;
use crate::model::{Period, Window};
use crate::normalise::values::date_text;
use crate::outputs::evaluation::{self, SUBMIT_WORKDAYS, Written, date_zh, title_word};
use crate::outputs::lock::OutLock;
use crate::pipeline::{self, Outcome};
use crate::problems::Severity;

use super::summary::with_progress;
use super::workspace::WorkspaceArgs;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk report [-w 目录] [--period 期] [--date 日期]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// 评估时间（报告日期）：按此日评估（晚于此日的信息不计入，尚未结束的更新周期不考核），整改期限从此日起按工作日计算；如 2018-04-27，默认为今天
    #[arg(long, value_name = "日期")]
    date: Option<String>,
}

/// Runs the workspace and writes one evaluation report per unit.
///
/// # Errors
/// A date that is no date, settings or reference tables that stop the run, or reports
/// that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let date = match &args.date {
        Some(text) => parse_date(text, "--date")?,
        None => chrono::Local::now().date_naive(),
    };
    let (config, period) = args.workspace.load()?;
    let _lock = OutLock::of(&args.workspace.dir, &config)?;
    let window = window(period, date)?;
    let dir = &args.workspace.dir;
    let outcome = with_progress(|tick| pipeline::run_as_of(dir, &config, window, tick))?;
    let written = evaluation::write(dir, &config, &outcome, date)?;
    let printed = Printed {
        outcome: &outcome,
        written: &written,
    };
    // A closed pipe (`zwgk report | head`) is no reason to fail after the reports are written.
    out!("{printed}");
    let found_errors = written
        .problems
        .iter()
        .any(|p| p.severity == Severity::Error);
    Ok(super::exit_code(&outcome).max(i32::from(found_errors)))
}

/// `period` judged as of `date` (`--date`): at its end when `date` is later.
///
/// # Errors
/// [`UsageError::DateBeforePeriod`] when `date` is before the period begins.
pub(super) fn window(period: Period, date: NaiveDate) -> Result<Window, UsageError> {
    Window::as_of(period, date).ok_or_else(|| UsageError::DateBeforePeriod {
        date: date.to_string(),
        period: period.to_string(),
        start: period.start().to_string(),
    })
}

/// The date of `option` (`--date`): `2018-04-27`, `2018/4/27`, `2018.4.27`,
/// `2018年4月27日` or `20180427`.
pub(super) fn parse_date(text: &str, option: &'static str) -> Result<NaiveDate, UsageError> {
    let text = text.trim();
    date_text(text).ok_or_else(|| UsageError::Date {
        option,
        text: text.to_string(),
    })
}

/// What the command prints: the deadline, who must rectify, and every file written.
struct Printed<'a> {
    outcome: &'a Outcome,
    written: &'a Written,
}

impl fmt::Display for Printed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (o, w) = (self.outcome, self.written);
        writeln!(
            f,
            "{} {} 政务公开{}报告（评估时间 {}）",
            o.workspace,
            o.period.label_zh(),
            title_word(w.tracking),
            date_zh(w.date)
        )?;
        judged_as_of(f, o)?;
        // Only seed 000's tracking evaluation sets a deadline.
        if let Some(d) = w.deadline {
            writeln!(
                f,
                "  整改期限：{}（{} 个工作日）",
                date_zh(d),
                w.rectify_days
            )?;
        }
        // Before the period ends, a unit that sent nothing has until after it, as a 催报
        // of the same day says.
        let owing: Vec<&str> = (w.reports.iter())
            .filter(|r| r.owes_submission)
            .map(|r| r.unit.as_str())
            .collect();
        if let Some(d) = w
            .submission_due
            .filter(|&d| !owing.is_empty() && Some(d) != w.deadline)
        {
            writeln!(
                f,
                "  {}只需报送本期信息，期限为{}（本期结束后 {} 个工作日，与同日的催报相同）",
                owing.join("、"),
                date_zh(d),
                SUBMIT_WORKDAYS
            )?;
        }
        let rectify = w.reports.iter().filter(|r| r.must_rectify).count();
        let unjudged = w.reports.iter().filter(|r| !r.judged).count();
        let checks = (w.reports.iter())
            .filter(|r| !r.must_rectify && r.findings > 0)
            .count();
        // Only seed 000's tracking evaluation asks a unit to rectify.
        let (wanting, with_problems) = if w.tracking {
            ("需要整改", "，需整改")
        } else {
            ("发现问题", "")
        };
        write!(
            f,
            "  评估对象：{} 个单位，{rectify} 个{wanting}",
            w.reports.len()
        )?;
        if checks > 0 {
            write!(f, "，{checks} 个只有请核对的事项")?;
        }
        write!(
            f,
            "，{} 个未发现问题",
            w.reports.len() - rectify - checks - unjudged
        )?;
        if unjudged > 0 {
            write!(f, "，{unjudged} 个本期没有可评估的信息")?;
        }
        writeln!(f)?;
        if w.unattributed > 0 {
            writeln!(
                f,
                "  另有 {} 个问题无法确定属于哪个单位（如单位名称无法识别的文件），未列入评估报告：请用 zwgk check --period {} 查看",
                w.unattributed, o.period
            )?;
        }
        writeln!(
            f,
            "{}",
            super::problems_line(o.problems.iter().chain(&w.problems), o.period)
        )?;
        write!(f, "{}", super::notes_lines(&o.notes))?;
        for r in &w.reports {
            let state = match (r.must_rectify, r.judged) {
                (true, _) => {
                    let also = match r.checks {
                        0 => String::new(),
                        n => format!("，请核对 {n} 处"),
                    };
                    format!("问题 {} 处{also}{with_problems}", r.findings - r.checks)
                }
                (false, _) if r.findings > 0 && r.behind => {
                    format!("除进度落后外只请核对 {} 处", r.findings)
                }
                (false, _) if r.findings > 0 => format!("请核对 {} 处", r.findings),
                (false, true) if r.behind => "除进度落后外未发现问题".to_string(),
                (false, true) => "未发现问题".to_string(),
                (false, false) => "没有可评估的信息".to_string(),
            };
            writeln!(f, "  已写入：{}（{}，{state}）", r.path, r.unit)?;
        }
        writeln!(f, "  已写入：{}（全部单位，每单位一个工作表）", w.combined)?;
        w.problems.iter().try_for_each(|p| writeln!(f, "  {p}"))
    }
}

/// For a report dated inside its period: the date it judges as of, and what it left out.
fn judged_as_of(f: &mut fmt::Formatter<'_>, o: &Outcome) -> fmt::Result {
    if !o.window.is_whole() {
        writeln!(
            f,
            "  评估截至：{}（晚于此日的信息不计入，尚未结束的更新周期不考核）",
            date_zh(o.window.as_of)
        )?;
    }
    if o.items_after > 0 {
        writeln!(
            f,
            "  另有 {} 条信息的发布日期晚于评估时间，未计入本次评估",
            o.items_after
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_dates_take_the_usual_forms_and_refuse_the_rest() {
        let want = NaiveDate::from_ymd_opt(2018, 4, 27).unwrap();
        for text in [
            "2018-04-27",
            "2018/4/27",
            "2018.4.27",
            "2018年4月27日",
            " 2018-4-27 ",
        ] {
            assert_eq!(parse_date(text, "--date").unwrap(), want, "{text}");
        }
        let e = parse_date("4月27日", "--date").unwrap_err();
        assert!(e.to_string().contains("--date 应写作 2018-04-27"), "{e}");
        assert_eq!(Error::from(e).exit_code(), 2);
    }
}
