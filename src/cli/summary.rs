//! What `run` and `check` print: a progress bar for runs longer than a second, then a
//! short Chinese summary (files, items, units behind schedule, problems by severity).

use std::fmt;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::check::figures::Standing;
use crate::ingest::Status;

use crate::outputs::Role;
use crate::pipeline::Outcome;
use crate::problems::Severity;

/// Runs `work` with a progress callback that shows a bar on stderr once a second has
/// passed (never for quick runs, never when stderr is not a terminal).
pub(super) fn with_progress<T>(work: impl FnOnce(&(dyn Fn(usize, usize) + Sync)) -> T) -> T {
    let started = Instant::now();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("读取报送文件 {bar:30} {pos}/{len} {wide_msg}")
    {
        bar.set_style(style);
    }
    let tick = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if bar.is_hidden() && started.elapsed() > Duration::from_secs(1) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    };
    let out = work(&tick);
    bar.finish_and_clear();
    out
}

/// The terminal summary of a run.
pub(super) struct Summary<'a> {
    pub outcome: &'a Outcome,
    pub outputs: &'a [String],
}

pub(super) fn list(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut s = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join("、");
    if names.len() > SHOWN {
        s.push_str(&format!(" 等 {} 个", names.len()));
    }
    s
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.outcome;
        writeln!(
            f,
            "{} {} 政务公开报送汇总",
            o.workspace,
            o.period.label_zh()
        )?;
        let files: Vec<_> = o
            .inputs
            .iter()
            .filter(|i| i.role == Role::Submission)
            .collect();
        let count = |s: Status| files.iter().filter(|i| i.status == s).count();
        writeln!(
            f,
            "  报送文件：{} 个（读取 {}，跳过 {}，无法读取 {}）",
            files.len(),
            count(Status::Ok),
            count(Status::Skipped),
            count(Status::Failed)
        )?;
        let t = &o.totals;
        // 本期 of 完成情况 and the 通报 adds the count rows, which 明细 does not list.
        let counted = match o.counted_in_window(|_| true) {
            0 => String::new(),
            n => format!("；另有统计数本期 {n} 条"),
        };
        writeln!(
            f,
            "  数据行：读取 {} 行，接收 {} 行，退回 {} 行；计入信息 {} 条（本期 {} 条），重复 {} 条未重复计入{counted}",
            t.rows_read, t.rows_accepted, t.rows_rejected, t.items, t.items_in_period, t.duplicates
        )?;
        let declared = o
            .targets
            .declared_total
            .map_or("未列合计".to_string(), |d| format!("合计 {d} 条"));
        let agrees = match o.targets.declared_total {
            Some(d) if d == o.targets.sum_of_rows => "，与各行之和一致".to_string(),
            Some(_) => format!("，但各行之和为 {}", o.targets.sum_of_rows),
            None => format!("，各行之和 {}", o.targets.sum_of_rows),
        };
        writeln!(
            f,
            "  目标任务：{} 个单位，{declared}{agrees}",
            o.targets.units
        )?;
        let behind: Vec<&str> = o
            .units
            .iter()
            .filter(|u| u.standing == Standing::Behind)
            .map(|u| u.unit.as_str())
            .collect();
        writeln!(
            f,
            "  落后序时进度：{} 个单位{}",
            behind.len(),
            paren(&behind)
        )?;
        let missing = o.silent_units();
        let unusable = unusable_clause(o, "：");
        writeln!(
            f,
            "  本期未报送：{} 个单位{}{unusable}",
            missing.len(),
            paren(&missing)
        )?;
        if let Some(c) = &o.catalogue {
            let catalogued = c.domains.iter().filter(|d| d.matters > 0).count();
            let marked = c.matters.iter().filter(|m| !m.marks.is_empty()).count();
            let none = c.uncatalogued();
            writeln!(
                f,
                "  标准目录：{catalogued} 个领域，事项 {} 项（需核对 {marked} 项）；未编制目录的领域：{} 个{}",
                c.matters.len(),
                none.len(),
                paren(&none)
            )?;
        }
        if let Some(r) = &o.contacts {
            let missing: Vec<&str> = r.missing.iter().map(String::as_str).collect();
            writeln!(
                f,
                "  联系人登记表：{} 个单位；未报送：{} 个单位{}",
                r.units(),
                missing.len(),
                paren(&missing)
            )?;
        }
        writeln!(
            f,
            "  问题：错误 {} 个，警告 {} 个，提示 {} 个",
            o.count(Severity::Error),
            o.count(Severity::Warning),
            o.count(Severity::Info)
        )?;
        for out in self.outputs {
            writeln!(f, "  已写入：{out}")?;
        }
        write!(f, "{}", super::notes_lines(&o.notes))?;
        Ok(())
    }
}

pub(super) fn paren(names: &[&str]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!("（{}）", list(names))
    }
}

/// `；报送的文件无法计入：2 个单位（财政局、审计局）` (with `colon` after 计入, as the line
/// it ends has one), or nothing where every unit sent something countable or nothing.
pub(super) fn unusable_clause(o: &Outcome, colon: &str) -> String {
    let unusable = o.unusable_units();
    match unusable.is_empty() {
        true => String::new(),
        false => format!(
            "；报送的文件无法计入{colon}{} 个单位{}",
            unusable.len(),
            paren(&unusable)
        ),
    }
}
