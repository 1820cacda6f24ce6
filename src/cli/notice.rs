//! `zwgk notice`: runs the checks and drafts the period's 通报 or 催报 as a .docx in
//! `out/<period>/`, from the wording in `templates/`.

use chrono::NaiveDate;

use crate::Error;
use crate::config::Config;
use crate::error::UsageError;
use crate::notice::{self, Kind, Reports};
use crate::outputs::evaluation::{SUBMIT_WORKDAYS, date_zh, submission_due};
use crate::outputs::lock::OutLock;
use crate::pipeline;

use super::report::{parse_date, window};
use super::summary::with_progress;
use super::workspace::WorkspaceArgs;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk notice [-w 目录] <通报|催报> [--period 期] [--date 日期] [--due 日期]",
    next_help_heading = "选项",
    help_template = super::HELP_TEMPLATE
)]
pub(super) struct Args {
    /// 公文种类：通报（本期通报，附完成情况表）或 催报（致未报送或报送的文件无法计入的单位）
    #[arg(
        value_name = "种类",
        help_heading = "参数",
        hide_possible_values = true
    )]
    kind: Kind,
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// 成文日期，如 2018-05-03；默认为今天。早于期末时，文中数字截至这一天（如 report --date）
    #[arg(long, value_name = "日期")]
    date: Option<String>,
    /// 催报的报送截止日期；默认为成文日期后第 3 个工作日（按法定节假日和调休计算）
    #[arg(long, value_name = "日期")]
    due: Option<String>,
}

/// Runs the workspace and writes the document.
///
/// # Errors
/// A date that is no date, settings or reference tables that stop the run, a broken
/// template, or a document that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let date = match &args.date {
        Some(text) => parse_date(text, "--date")?,
        None => chrono::Local::now().date_naive(),
    };
    let (config, period) = args.workspace.load()?;
    let _lock = OutLock::of(&args.workspace.dir, &config)?;
    let due = due(args.kind, args.due.as_deref(), &config, date, period.end())?;
    // A document says what was so on its date: one dated before the period ends judges
    // the period as of that date, as an evaluation report does.
    let window = window(period, date)?;
    let dir = &args.workspace.dir;
    let outcome = with_progress(|tick| pipeline::run_as_of(dir, &config, window, tick))?;
    let written = notice::write(dir, &config, &outcome, args.kind, (date, due))?;
    let f = &written.facts;
    outln!(
        "{} {} {}（成文日期 {}）",
        outcome.workspace,
        f.period,
        args.kind.zh(),
        f.date
    );
    if !outcome.window.is_whole() {
        outln!(
            "  成文日期早于期末，文中数字截至 {}；发布日期晚于此日的 {} 条信息未计入",
            f.as_of,
            outcome.items_after
        );
    }
    match args.kind {
        Kind::Bulletin => {
            let (unsubmitted, unusable) = (f.unsubmitted.len(), f.unusable.len());
            let mut parts = vec![
                format!("{} 个单位有目标任务", f.units),
                format!("{} 个已报送", f.submitted),
                format!("{unsubmitted} 个未报送"),
            ];
            if unusable > 0 {
                parts.push(format!("{unusable} 个报送的文件无法计入"));
            }
            // Before a month of the period is over nobody is late: the rest are not yet in.
            let pending = f.units.saturating_sub(f.submitted + unsubmitted + unusable);
            if pending > 0 {
                parts.push(format!("{pending} 个尚未报送（未到期，不算未报送）"));
            }
            parts.push(format!("{} 个落后序时进度", f.behind.len()));
            outln!(
                "  {}；本期 {} 条，年度累计 {} 条（{}）",
                parts.join("，"),
                f.items_in_period,
                f.ytd_items,
                f.completion
            );
        }
        Kind::Reminder => {
            let named: Vec<&str> = f.reminded.iter().map(|m| m.unit.as_str()).collect();
            outln!(
                "  催报 {} 个单位，截止 {}：{}",
                named.len(),
                f.due,
                named.join("、")
            );
        }
    }
    // 先催报、后通报: a 通报 dated before the 催报's due date has passed names units
    // that are still within the time they were given.
    let early = written.reminder_due.filter(|&due| date <= due);
    if let Some(due) = early.filter(|_| !f.unsubmitted.is_empty() || !f.unusable.is_empty()) {
        outln!(
            "  提醒：本期催报给未报送单位的期限到 {}，本通报成文日期 {} 未过此期限，点名的单位还在补报期限内；通报宜在期限之后印发（--date）",
            date_zh(due),
            f.date
        );
    }
    // The 通报 names the units to rectify as of its own date; reports of another day
    // may have named others.
    if args.kind == Kind::Bulletin && !f.rectify.is_empty() {
        let again = format!("zwgk report --period {} --date {date}", outcome.period);
        let rectify = f.rectify.join("、");
        let by = match f.rectify_due.as_str() {
            "" => format!("在{}个工作日内", f.rectify_days),
            due => format!("于{due}前"),
        };
        match written.reports {
            Reports::None => outln!(
                "  提醒：通报要求{rectify}对照本期评估报告整改，但还没有本期的评估报告：请用 {again} 生成"
            ),
            Reports::Dated(day) if day != date => outln!(
                "  提醒：本期评估报告的评估时间是 {}，与本通报成文日期 {} 不同；通报按成文日期要求{rectify}{by}整改，与评估报告所列的单位和期限可能不一致：请用 {again} 重新生成评估报告，或以评估时间为通报的成文日期（--date {day}）",
                date_zh(day),
                f.date,
            ),
            Reports::Undated => outln!(
                "  提醒：无法确定本期评估报告的评估时间（评估报告汇编中没有记下，可能由旧版 zwgk 生成或被改动过）；通报按成文日期 {} 要求{rectify}整改，如评估报告不是同一天的，请用 {again} 重新生成",
                f.date
            ),
            Reports::Dated(_) => {}
        }
    }
    outln!(
        "{}",
        super::problems_line(outcome.problems.iter(), outcome.period)
    );
    out!("{}", super::notes_lines(&outcome.notes));
    outln!("  已写入：{}", written.path);
    Ok(super::exit_code(&outcome))
}

/// A 催报's `--due`, which must be after `date`, else the day [`submission_due`] gives:
/// the reports of the same date give a unit that sent nothing the same day. A 通报 sets
/// no due date of its own: its 整改 deadline is the tracking reports'.
fn due(
    kind: Kind,
    text: Option<&str>,
    config: &Config,
    date: NaiveDate,
    end: NaiveDate,
) -> Result<NaiveDate, Error> {
    match text {
        Some(_) if kind == Kind::Bulletin => Err(UsageError::DueOfBulletin.into()),
        None if kind == Kind::Bulletin => submission_due(config, date, end)
            .map_err(|e| UsageError::Deadline(e.to_string()).into()),
        Some(text) => {
            let due = parse_date(text, "--due")?;
            if due <= date {
                let (due, date) = (due.to_string(), date.to_string());
                let workdays = SUBMIT_WORKDAYS;
                return Err(UsageError::DueNotAfterDate {
                    due,
                    date,
                    workdays,
                }
                .into());
            }
            Ok(due)
        }
        None => {
            submission_due(config, date, end).map_err(|e| UsageError::Due(e.to_string()).into())
        }
    }
}
