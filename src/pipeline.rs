//! The run, stage by stage — the one place the stage order is written down:
//! reference tables → discover the inbox → ingest every file (in parallel; each reading
//! worker checks the declared totals and normalises the rows of what it read, a batch at
//! a time) → duplicates and counts over every batch → catalogues and contact forms →
//! figures, coverage and unit findings → the texts the workbooks will cut → an
//! [`Outcome`] that the writers turn into files. Every problem is found before any
//! writer runs. As soon as normalising has counted the items, [`run_with`] hands them to
//! a writer on a thread of its own (`zwgk run` writes 明细 there) while the checks go
//! on. `zwgk assess` reads the inbox with the same [`inbox`].

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::Error;
use crate::cache::Cache;
use crate::catalogue::{self, Catalogue};
use crate::check;
use crate::check::figures::{UnitFigures, month_key};
use crate::config::{Caching, Config, ConfigError, workspace_path};
use crate::contacts::{self, Register};
use crate::coverage::{Coverage, Words};
use crate::discover;
use crate::error::Internal;
use crate::ingest::{self, Input, Job, SheetKind, Status};
use crate::model::{Period, Window};
use crate::normalise::{self, Batch, Context, Normalised, batch};
use crate::outputs::records::SheetRecord;
use crate::outputs::{self, InputRecord, Role, TargetsSummary, Totals};
use crate::problems::{Code, Problem, Severity};
use crate::read::ReadOptions;
use crate::reference::{self, Reference};
use crate::schema::{Counts, Items};

/// Everything a run found, ready to be written.
pub struct Outcome {
    /// The office's area, `[workspace] name`.
    pub workspace: String,
    /// The period of the run.
    pub period: Period,
    /// The period as of its judgement date (its end, unless a report is dated earlier).
    pub(crate) window: Window,
    /// Counted items dated in the period after the judgement date, which do not count.
    pub(crate) items_after: usize,
    /// The last month (`yyyymm`) with counted data up to the judgement date.
    pub(crate) last_month: Option<i32>,
    /// The reference tables, then the inbox files.
    pub(crate) inputs: Vec<InputRecord>,
    /// Counted count rows.
    pub(crate) counts: Counts,
    /// Every unit's figures, in the order of the units table.
    pub(crate) units: Vec<UnitFigures>,
    /// The targets table in one line.
    pub targets: TargetsSummary,
    /// Section coverage, when the workspace has a sections or domain table.
    pub(crate) coverage: Option<Coverage>,
    /// The standard catalogues in the inbox (any date), when there are any.
    pub(crate) catalogue: Option<Catalogue>,
    /// The contact forms in the inbox (any date), when there are any.
    pub(crate) contacts: Option<Register>,
    /// Whether `zwgk.toml` states the scoring rules (`[scoring]`): annexes and documents
    /// show scores only then.
    pub(crate) scores_stated: bool,
    /// Run-wide counts.
    pub totals: Totals,
    /// Units with a target that sent nothing dated in the period.
    pub unsubmitted: Vec<String>,
    /// Every problem: reference tables first, then file by file, then findings about
    /// units, then texts too long for 汇总.
    pub problems: Vec<Problem>,
    /// What the user should know about the run itself (a damaged cache entry ignored),
    /// in Chinese; not about the inputs, so not in the manifest.
    pub notes: Vec<String>,
}

impl Outcome {
    /// How many problems have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }

    /// The 统计数 of the units `of` accepts for the months of the window up to its
    /// judgement date, as their figures count them.
    pub(crate) fn counted_in_window(&self, of: impl Fn(&str) -> bool) -> u64 {
        let w = self.window;
        let months = month_key(w.start())..=month_key(w.as_of);
        (self.counts.rows())
            .filter(|c| c.month.is_some_and(|m| months.contains(&m)))
            .filter(|c| c.unit.is_some_and(&of))
            .map(|c| c.count.map_or(0, |n| n.max(0) as u64))
            .sum()
    }

    /// What the workspace calls its sections (栏目, or 领域 of a pilot domain table).
    pub(crate) fn words(&self) -> Words {
        self.coverage.as_ref().map_or(Words::Sections, |c| c.words)
    }

    /// The units of `unsubmitted` that did send files, none of which could be counted
    /// (C004): no output calls them 未报送.
    pub(crate) fn unusable_units(&self) -> Vec<&str> {
        let unusable: HashSet<&str> = (self.problems.iter())
            .filter(|p| p.code == Code::UnusableSubmission)
            .filter_map(|p| p.unit.as_deref())
            .collect();
        (self.units.iter().map(|u| u.unit.as_str()))
            .filter(|u| unusable.contains(u))
            .collect()
    }

    /// The units of `unsubmitted` that sent nothing at all (C003).
    pub(crate) fn silent_units(&self) -> Vec<&str> {
        let unusable: HashSet<&str> = self.unusable_units().into_iter().collect();
        (self.unsubmitted.iter().map(String::as_str))
            .filter(|u| !unusable.contains(u))
            .collect()
    }

    /// Units from which nothing usable arrived for the period: those with a target (the
    /// C003 and C004 units), then those answering for a section that has no item from them
    /// and owing it an update: a section with an interval judged in the period in which
    /// they published nothing (manifest `coverage.units_without_submission`, the
    /// addressees of the 催报). A unit answering only for sections updated yearly owes
    /// nothing in a month; one that updated its quarterly section in April owes nothing
    /// in June.
    pub(crate) fn without_submission(&self) -> Vec<String> {
        let mut missing = self.unsubmitted.clone();
        // Looked up, not searched: a province may have a hundred thousand such units.
        let mut seen: HashSet<String> = missing.iter().cloned().collect();
        let Some(coverage) = &self.coverage else {
            return missing;
        };
        let owing: HashSet<&str> = (coverage.units.iter())
            .filter(|u| !u.silent.is_empty())
            .map(|u| u.unit.as_str())
            .collect();
        for unit in &coverage.summary.units_without_submission {
            if owing.contains(unit.as_str()) && seen.insert(unit.clone()) {
                missing.push(unit.clone());
            }
        }
        missing
    }
}

/// Runs every stage for `period` on the workspace at `root`. `progress(done, total)` is
/// called as files are read.
///
/// # Errors
/// [`Error::Usage`] for a period outside the working year, [`Error::Config`] for an
/// unreadable inbox, [`Error::Reference`] for a missing or wrong reference table,
/// [`Error::Internal`] for an internal failure. Bad submissions are problems in the
/// outcome, never errors.
pub fn run(
    root: &Path,
    config: &Config,
    period: Period,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Outcome, Error> {
    run_as_of(root, config, Window::whole(period), progress)
}

/// [`run`], judged as of `window`'s date: what `zwgk report --date` reads.
///
/// # Errors
/// As [`run`].
pub(crate) fn run_as_of(
    root: &Path,
    config: &Config,
    window: Window,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Outcome, Error> {
    run_with(root, config, window, progress, |_, _| ()).map(|(outcome, ())| outcome)
}

/// [`run`], giving the counted items (and the reference tables) to `alongside` on a
/// thread of its own as soon as they are known, while figures, coverage and problems are
/// worked out — `zwgk run` writes 明细 meanwhile. Returns what `alongside` returned too.
///
/// # Errors
/// As [`run`].
pub(crate) fn run_with<T: Send>(
    root: &Path,
    config: &Config,
    window: Window,
    progress: &(dyn Fn(usize, usize) + Sync),
    alongside: impl FnOnce(&Items, &Reference) -> T + Send,
) -> Result<(Outcome, T), Error> {
    let year = config.year_of(window.period)?;
    let reference = reference::load(root, config)?;
    reference.require_targets()?;
    let ctx = Context {
        resolver: &reference.resolver,
        year,
        today: chrono::Local::now().date_naive(),
        sections: &reference.sections,
    };
    let inbox = inbox(root, config, progress, Some(&ctx))?;
    let batches = inbox.batches.transpose()?;
    let read = (inbox.inputs, batches);
    let (mut outcome, side) = stages(root, config, (window, year), &reference, read, alongside)?;
    outcome.notes = inbox.notes;
    outcome
        .notes
        .extend(other_year(&outcome, config.workspace.year));
    Ok((outcome, side))
}

/// [`run`] on the inbox as [`inbox`] read it: `zwgk assess` reads the inbox once, for
/// its score sheets and for the run's figures; the targets table must have rows only
/// where `targets_needed`.
///
/// # Errors
/// As [`run`].
pub(crate) fn run_read(
    root: &Path,
    config: &Config,
    period: Period,
    inputs: Vec<Input>,
    targets_needed: bool,
) -> Result<Outcome, Error> {
    let year = config.year_of(period)?;
    let reference = reference::load(root, config)?;
    if targets_needed {
        reference.require_targets()?;
    }
    let window = Window::whole(period);
    let run = stages(
        root,
        config,
        (window, year),
        &reference,
        (inputs, None),
        |_, _| (),
    );
    run.map(|(outcome, ())| outcome)
}

/// The stages after reading, for `window` of the working `year`: normalising (what the
/// reading workers did not normalise yet: `read` is the inputs, and the batches they
/// made if they did), the forms, then the checks, with `alongside` given the items.
fn stages<T: Send>(
    root: &Path,
    config: &Config,
    (window, year): (Window, i32),
    reference: &Reference,
    (mut inputs, batches): (Vec<Input>, Option<Vec<Batch>>),
    alongside: impl FnOnce(&Items, &Reference) -> T + Send,
) -> Result<(Outcome, T), Error> {
    let ctx = Context {
        resolver: &reference.resolver,
        year,
        today: chrono::Local::now().date_naive(),
        sections: &reference.sections,
    };
    let batches = match batches {
        Some(batches) => batches,
        None => batch::all(&mut inputs, &ctx)?,
    };
    let norm = normalise::submissions(&inputs, batches, &ctx)?;
    let forms = Forms {
        catalogue: catalogue::collect(&inputs, reference),
        contacts: contacts::collect(&inputs, reference),
    };
    std::thread::scope(|s| {
        let items = norm.items.clone();
        let side = s.spawn(move || alongside(&items, reference));
        let counted = norm.accounts.iter().copied();
        let accounts: Vec<_> = counted.chain(forms.accounts()).collect();
        let records = outputs::records::inputs(reference, &inputs, &accounts, &norm);
        let read = Read {
            inputs: &inputs,
            records,
            norm,
            forms,
        };
        let outcome = checked(root, config, window, reference, read)?;
        // A panic of the side thread is this thread's panic.
        let side = side.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok((outcome, side))
    })
}

/// When most rows read are dated outside the working year (V002), the likely mistake is
/// the run's period, not the units' dates: a note naming the year most of those dates
/// give, its busiest month, and how to run for it — the `--period`, or the `year` of
/// `zwgk.toml` (`set_year`) where one is written.
fn other_year(outcome: &Outcome, set_year: Option<i32>) -> Option<String> {
    let outside: Vec<&Problem> = (outcome.problems.iter())
        .filter(|p| p.code == Code::ImplausibleDate)
        .collect();
    if outside.is_empty() || outside.len() * 2 <= outcome.totals.rows_read {
        return None;
    }
    // A date (2018-04-03) or a count's month (2018年4月), as the problems show them.
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for m in (outside.iter()).filter_map(|p| normalise::month_in_stem(p.value.as_deref()?)) {
        *months
            .entry((m / 100, (m % 100).unsigned_abs()))
            .or_default() += 1;
    }
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for (&(y, _), n) in &months {
        *years.entry(y).or_default() += n;
    }
    let (&data_year, _) = years
        .iter()
        .max_by_key(|&(y, n)| (n, std::cmp::Reverse(*y)))?;
    let ((_, month), _) = (months.iter())
        .filter(|((y, _), _)| *y == data_year)
        .max_by_key(|&(&(_, m), n)| (n, std::cmp::Reverse(m)))?;
    let year = outcome.period.year();
    let how = match set_year {
        Some(_) => format!(
            "如要汇总 {data_year} 年的报送，请把 zwgk.toml 中 [workspace] 的 year = {year} 改为 year = {data_year}，并用 --period 指定期（如 --period {data_year}-{month:02}）"
        ),
        None => format!(
            "如要汇总 {data_year} 年的报送，请用 --period 指定期，如 --period {data_year}-{month:02}、{data_year}Q{} 或 {data_year}（不写 --period 时为上一个自然月）",
            month.div_ceil(3)
        ),
    };
    Some(format!(
        "读取的 {} 行数据中有 {} 行因日期不在 {year} 年内被退回（V002），这些日期多为 {data_year} 年（最多的是 {data_year} 年 {month} 月）：{how}。",
        outcome.totals.rows_read,
        outside.len()
    ))
}

/// The inbox as read.
pub(crate) struct Inbox {
    /// Its files, the skipped ones after the rest.
    pub(crate) inputs: Vec<Input>,
    /// What the reading workers normalised, when they were given a context.
    batches: Option<Result<Vec<Batch>, Internal>>,
    /// Which entries of the read cache were damaged and ignored (in Chinese).
    notes: Vec<String>,
}

/// Discovers and ingests every file of the inbox of the workspace `root`, in parallel;
/// with a `normalise` context, the reading workers normalise the item lists and count
/// summaries as they go. `progress(done, total)` is called as files are read. Unless
/// `--no-cache`, files the read cache holds are not parsed again.
///
/// # Errors
/// [`ConfigError::Inbox`] when the inbox cannot be listed.
pub(crate) fn inbox(
    root: &Path,
    config: &Config,
    progress: &(dyn Fn(usize, usize) + Sync),
    normalise: Option<&Context>,
) -> Result<Inbox, ConfigError> {
    let inbox = root.join(&config.paths.inbox);
    let found = discover::discover(&inbox, root).map_err(|source| ConfigError::Inbox {
        path: inbox.clone(),
        source,
    })?;
    // An empty inbox is most often the wrong folder: every unit would be 未报送.
    let empty = (found.files.is_empty() && found.skipped.is_empty()).then(|| {
        format!(
            "收件夹 {} 中没有任何文件，各单位都算未报送：请确认报送文件已放入该文件夹，或 zwgk.toml 中 [paths] inbox 是否写对",
            workspace_path(root, &inbox)
        )
    });
    let jobs = jobs(root, config, &found.files);
    let done = AtomicUsize::new(0);
    let cache = (config.caching == Caching::On).then(|| Cache::open(&root.join(&config.paths.out)));
    let tick = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
    let (mut inputs, batches) = ingest::ingest_all(&jobs, cache.as_ref(), &tick, normalise);
    let skipped = found.skipped.iter();
    inputs.extend(skipped.map(|s| ingest::skipped_file(s, &workspace_path(root, &s.path))));
    let mut notes: Vec<String> = empty.into_iter().collect();
    notes.extend(cache.map(Cache::finish).unwrap_or_default());
    Ok(Inbox {
        inputs,
        batches,
        notes,
    })
}

/// One job per inbox file: the limits, and an encoding where `zwgk.toml` overrides it.
fn jobs(root: &Path, config: &Config, files: &[PathBuf]) -> Vec<Job> {
    files
        .iter()
        .map(|path| {
            let display = workspace_path(root, path);
            Job {
                opts: ReadOptions {
                    limits: config.limits,
                    encoding: config.encoding_of(&display),
                },
                path: path.clone(),
                display,
                framing: ingest::Framings::ByKind,
            }
        })
        .collect()
}

/// The catalogues and contact forms of the inbox, which are read whatever their date.
struct Forms {
    catalogue: catalogue::Collected,
    contacts: contacts::Collected,
}

impl Forms {
    /// The row accounting of each catalogue and contact sheet.
    fn accounts(&self) -> impl Iterator<Item = (ingest::SheetAt, normalise::Account)> + '_ {
        let (c, p) = (&self.catalogue.accounts, &self.contacts.accounts);
        c.iter().chain(p).copied()
    }
}

/// What the inbox gave: the files as read and recorded, the normalised items and counts,
/// and the forms.
struct Read<'a> {
    inputs: &'a [Input],
    records: Vec<InputRecord>,
    norm: Normalised,
    forms: Forms,
}

/// The units whose submissions hold nothing countable — a file that could not be read,
/// one with no table zwgk recognises (blank, or no header it knows), or lists without
/// an accepted row — with those files and why: such a unit sent something, and is not
/// told it sent nothing (C004 rather than C003).
pub(crate) fn unusable(records: &[InputRecord]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in records.iter().filter(|r| r.role == Role::Submission) {
        // The item lists and count summaries, beside sheets of no table at all: a
        // template's 填表说明, Excel's blank Sheet2.
        let (lists, others): (Vec<_>, Vec<_>) =
            (r.sheets.iter()).partition(|s| matches!(s.kind, SheetKind::Items | SheetKind::Counts));
        let unknown = !r.sheets.is_empty() && r.sheets.iter().all(|s| s.kind == SheetKind::Other);
        let no_table = |s: &&SheetRecord| s.kind == SheetKind::Other && s.header_row.is_none();
        // A workbook of no sheet at all (an empty file) has no rows either.
        let only_lists = others.iter().all(no_table);
        let why = match r.status {
            Status::Failed => "无法读取",
            Status::Ok if unknown => "没有可识别的表格",
            Status::Ok if only_lists && lists.iter().all(|s| s.rows_read == 0) => "没有数据行",
            Status::Ok if only_lists && lists.iter().all(|s| s.rows_accepted == 0) => {
                "数据行均未能计入"
            }
            _ => continue,
        };
        if let Some(unit) = r.unit.as_ref().or(r.named_unit.as_ref()) {
            out.entry(unit.clone())
                .or_default()
                .push(format!("{} {why}", r.path));
        }
    }
    out.into_iter()
        .map(|(u, files)| (u, files.join("、")))
        .collect()
}

/// The outcome of what the inbox of the workspace `root` gave (`read`): figures,
/// coverage and unit findings, the problems in their order, and the texts the workbooks
/// will cut.
fn checked(
    root: &Path,
    config: &Config,
    window: Window,
    reference: &Reference,
    read: Read<'_>,
) -> Result<Outcome, Error> {
    let Read {
        inputs,
        records,
        norm,
        forms,
    } = read;
    let found = check::run(
        reference,
        (&norm.items, &norm.counts),
        &unusable(&records),
        window,
        &config.scoring(),
    )?;
    let mut problems = norm.problems;
    problems.extend(
        found
            .coverage
            .iter()
            .flat_map(|c| c.problems.iter().cloned()),
    );
    problems.extend(forms.catalogue.problems);
    // The contact forms missing may be one per unit of a large table: the check's
    // findings go before them rather than all being copied.
    let (contacts, mut findings) = (forms.contacts.register, forms.contacts.findings);
    findings.splice(0..0, found.findings);
    problems.extend(forms.contacts.problems);
    let totals = Totals {
        items: norm.items.height(),
        items_in_period: found.items_in_period,
        duplicates: norm.duplicates,
        ..Totals::of(&records)
    };
    let mut outcome = Outcome {
        workspace: config.workspace.name.clone(),
        period: window.period,
        window,
        items_after: found.items_after,
        last_month: found.last_month,
        targets: TargetsSummary::of(reference),
        inputs: records,
        counts: norm.counts,
        units: found.units,
        coverage: found.coverage,
        catalogue: forms.catalogue.catalogue,
        contacts,
        scores_stated: config.stated_scoring.is_some(),
        totals,
        unsubmitted: found.unsubmitted,
        problems: check::ordered(reference, inputs, problems, findings),
        notes: Vec::new(),
    };
    let words = reference.words();
    for p in &mut outcome.problems {
        words.reword_problem(p);
    }
    // The items are not kept: once the checks and 明细 are done with them, they are freed.
    let cut = outputs::overlong(root, config, &outcome, &norm.items)?;
    outcome.problems.extend(cut);
    Ok(outcome)
}
