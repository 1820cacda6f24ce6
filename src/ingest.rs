//! Ingest: each input file from bytes to located tables with their rows framed and
//! cleaned, isolated from every other file.
//!
//! Files are read, hashed, laid out and framed in parallel; results keep the discovery
//! order, so a rerun or a single-threaded run gives the same output. A file that fails,
//! or even panics, becomes problems on its own `Input` and the others go on.

use std::collections::HashMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::DataFrame;
use serde::Serialize;

use crate::cache::Cache;
use crate::discover::{Skipped, Why, sha256_hex};
use crate::error::Internal;
use crate::layout::{self, Field, MetaKey, Table};
use crate::normalise::batch::{Batch, Batcher};
use crate::normalise::{Context, Framing, Resolver, SUBMISSION, SourceTable};
use crate::problems::{Code, Problem, Severity};
use crate::read::{self, Format, ReadOptions, Visibility};

/// What became of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    Ok,
    /// A system or lock file, or a second copy of another input.
    Skipped,
    /// Nothing could be read from it.
    Failed,
}

/// What a sheet holds, judged from its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SheetKind {
    /// 明细: one row per published item.
    Items,
    /// 统计: counts per unit (and section).
    Counts,
    /// 标准目录: disclosure matters with their elements (seed 002).
    Catalogue,
    /// 联系人登记表: a unit's contacts (seed 001 Annex 3, seed 002 Annex 2).
    Contacts,
    /// 评分表: scores of the annual assessment, or a unit's self-evaluation (`zwgk assess`).
    Scores,
    /// No kind zwgk reads.
    Other,
}

impl SheetKind {
    fn of(table: Option<&Table>) -> Self {
        match table {
            Some(t) if t.has(Field::Title) => Self::Items,
            // Before counts: a wide score sheet may have an indicator named like a count.
            Some(t) if crate::assess::is_score_sheet(t) => Self::Scores,
            Some(t) if t.has(Field::Count) => Self::Counts,
            Some(t) if crate::catalogue::is_catalogue(t) => Self::Catalogue,
            Some(t) if crate::contacts::is_contact_form(t) => Self::Contacts,
            _ => Self::Other,
        }
    }

    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Items => "明细表",
            Self::Counts => "统计表",
            Self::Catalogue => "标准目录",
            Self::Contacts => "联系人登记表",
            Self::Scores => "评分表",
            Self::Other => "其他",
        }
    }

    /// Whether the sheet's rows are items or counts, which normalising counts.
    pub(crate) fn is_counted(self) -> bool {
        matches!(self, Self::Items | Self::Counts)
    }

    /// How a submitted table of this kind is framed.
    fn framing(self) -> Framing {
        match self {
            Self::Items | Self::Counts | Self::Other => SUBMISSION,
            Self::Catalogue => crate::catalogue::FRAMING,
            Self::Contacts => crate::contacts::FRAMING,
            Self::Scores => crate::assess::FRAMING,
        }
    }
}

/// How the tables of a file are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framings {
    /// Every table alike: a reference table.
    All(Framing),
    /// Each by what it holds ([`SheetKind`]): a file of the inbox.
    ByKind,
}

/// One sheet of an input, after layout.
#[derive(Debug, Clone)]
pub(crate) struct SheetInput {
    /// The sheet's name.
    pub name: String,
    /// Visible or hidden.
    pub visibility: Visibility,
    /// What its table holds.
    pub kind: SheetKind,
    /// Whether bare numbers in date columns count from 1904.
    pub date1904: bool,
    /// The table found on it, with its rows; `None` when no header was found.
    pub located: Option<Located>,
}

impl SheetInput {
    /// The layout of the sheet's table, when it has one.
    pub(crate) fn table(&self) -> Option<&Table> {
        self.located.as_ref().map(|l| &l.layout)
    }
}

/// A table found on a sheet: its layout, and its rows framed and cleaned.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// Header, columns, metadata, totals and notes; its records are in `rows` instead,
    /// so that a run holds each row once.
    pub layout: Table,
    /// The rows as the job's [`Framing`] frames them (moved out for normalising by
    /// [`crate::normalise::batch::Batcher::take`]).
    pub rows: DataFrame,
    /// The unit the table says it is from, as written: its 填报单位 line, else its first
    /// row's 单位 (which of two copies of a file to keep, see `mark_duplicates`).
    pub unit: Option<String>,
    /// Whether the table has a row below its header (`rows` may have been moved out).
    pub filled: bool,
}

impl Located {
    /// How many rows of the sheet were framed: fewer than the frame's rows where a cross
    /// table spreads a field across columns (a wide score sheet: a row per indicator).
    pub(crate) fn sheet_rows(&self) -> usize {
        let Ok(rows) = self.rows.column("row").and_then(|c| c.u32().cloned()) else {
            return self.rows.height();
        };
        let mut last = None;
        let changes = rows.iter().filter(|r| last.replace(*r) != Some(*r));
        changes.count()
    }
}

/// One input file: its identity, how it was read, and what it holds.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// The display path: workspace-relative with `/`, or as given on the command line.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Option<Format>,
    pub encoding: Option<&'static str>,
    pub status: Status,
    pub sheets: Vec<SheetInput>,
    pub problems: Vec<Problem>,
}

impl Input {
    fn failed(path: &str, problem: Problem) -> Self {
        Self {
            path: path.to_string(),
            sha256: String::new(),
            bytes: 0,
            format: None,
            encoding: None,
            status: Status::Failed,
            sheets: Vec::new(),
            problems: vec![problem],
        }
    }
}

/// Reads, hashes, lays out and frames one file. Never panics and never fails: trouble is
/// in `Input::problems`. What is not a file is not opened, and a file larger than any
/// format may be is not read (see [`read_whole`]).
/// With a `cache`, what reading makes of the file comes from it when it can.
pub(crate) fn ingest_file(
    path: &Path,
    display: &str,
    opts: &ReadOptions,
    framing: Framings,
    cache: Option<&Cache>,
) -> Input {
    let bytes = match read_whole(path, opts) {
        Ok(b) => b,
        Err(unread) => {
            // Not there or no file: skipped, as discovery skips what it sees is no file,
            // rather than a file of its unit that could not be read (C004).
            let skipped = matches!(unread, Unread::Vanished | Unread::NotAFile(_));
            let mut input = Input::failed(display, unread.for_file(display));
            if skipped {
                input.status = Status::Skipped;
            }
            return input;
        }
    };
    let sha256 = sha256_hex(&bytes);
    let read = || match cache {
        Some(cache) => cache.read(&bytes, &sha256, display, opts),
        None => read::read_bytes(&bytes, display, opts),
    };
    let caught = quietly(|| ingest_read(read(), display, framing));
    let mut input = caught.unwrap_or_else(|Panicked(what)| {
        Input::failed(display, Problem::new(Code::ReaderPanic, display, &[&what]))
    });
    input.sha256 = sha256;
    input.bytes = bytes.len() as u64;
    input
}

/// Why a file was not read at all.
enum Unread {
    /// It cannot be opened or read (the reason in Chinese).
    Io(String),
    /// It was there when the inbox was listed, and is not now (moved away while read).
    Vanished,
    /// It is a pipe, socket or device.
    NotAFile(&'static str),
    /// It is larger than its format may be.
    TooLarge(read::Failure),
}

impl Unread {
    fn for_file(self, display: &str) -> Problem {
        match self {
            Self::Io(reason) => Problem::new(Code::Unreadable, display, &[&reason]),
            Self::Vanished => Problem::new(Code::Vanished, display, &[]),
            Self::NotAFile(kind) => Problem::new(Code::NotRegularFile, display, &[kind]),
            Self::TooLarge(failure) => failure.problem(display),
        }
    }
}

/// The bytes of the file at `path`, read only if it is a file (a pipe would make the
/// read wait forever) and no larger than [`read::size_limit`] allows for what its
/// first bytes say it is; read with that bound too, in case it grows meanwhile.
fn read_whole(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, Unread> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Unread::Vanished,
        _ => Unread::Io(crate::io_reason(&e)),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Unread::NotAFile(crate::discover::special(
            &meta.file_type(),
        )));
    }
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut head = vec![0; 16 * 1024];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]).map_err(io)? {
            0 => break,
            n => got += n,
        }
    }
    head.truncate(got);
    let limit = read::size_limit(&head, meta.len(), &opts.limits).map_err(Unread::TooLarge)?;
    let mut bytes = head;
    bytes.reserve(usize::try_from(meta.len()).unwrap_or(0).saturating_sub(got));
    (&mut file)
        .take(limit.saturating_sub(got as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    read::size_limit(&bytes[..got], bytes.len() as u64, &opts.limits).map_err(Unread::TooLarge)?;
    Ok(bytes)
}

thread_local! {
    /// Set while this thread reads one file in isolation: a panic there becomes that
    /// file's problem, so the panic hook should stay quiet about it.
    static ISOLATED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is reading a file in isolation (see [`ingest_file`]).
pub(crate) fn isolated() -> bool {
    ISOLATED.get()
}

/// A panic caught by [`quietly`], with its message.
#[derive(Debug)]
pub(crate) struct Panicked(pub(crate) String);

/// Runs `f`, turning a panic into [`Panicked`]; the panic hook stays quiet meanwhile,
/// because the caller reports it (a reader that panics, a writer that cannot write).
pub(crate) fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, Panicked> {
    let was = ISOLATED.replace(true);
    let caught = catch_unwind(AssertUnwindSafe(f));
    ISOLATED.set(was);
    caught.map_err(|panic| Panicked(panic_message(panic.as_ref())))
}

/// Lays out and frames what reading made of a file.
fn ingest_read(read: read::FileRead, display: &str, framing: Framings) -> Input {
    if framing == Framings::ByKind
        && let Some(what) = own_output(&read)
    {
        let mut input = Input::failed(display, Problem::new(Code::OwnOutput, display, &[what]));
        input.status = Status::Skipped;
        input.format = Some(read.format);
        return input;
    }
    let mut problems = read.problems;
    let sheets = read
        .sheets
        .iter()
        .filter(|s| s.visibility != Visibility::VeryHidden)
        .map(|sheet| {
            let (table, found) = layout::locate(sheet, display);
            problems.extend(found);
            let kind = SheetKind::of(table.as_ref());
            let framing = match framing {
                Framings::All(f) => f,
                Framings::ByKind => kind.framing(),
            };
            let located = table.and_then(|mut layout| {
                let records = std::mem::take(&mut layout.records);
                let first = || Some(records.first()?.get(Field::Unit)?.1.text());
                let unit = layout
                    .meta(MetaKey::Unit)
                    .map(str::to_string)
                    .or_else(first);
                let filled = !records.is_empty();
                match framing.rows(&records) {
                    Ok(rows) => Some(Located {
                        layout,
                        rows,
                        unit,
                        filled,
                    }),
                    Err(e) => {
                        let why = format!("整理工作表「{}」：{e}", sheet.name);
                        problems.push(Problem::new(Code::ReaderPanic, display, &[&why]));
                        None
                    }
                }
            });
            SheetInput {
                name: sheet.name.clone(),
                visibility: sheet.visibility,
                kind,
                date1904: sheet.date1904,
                located,
            }
        })
        .collect::<Vec<_>>();
    let failed = sheets.is_empty() && problems.iter().any(|p| p.severity == Severity::Error);
    Input {
        path: display.to_string(),
        sha256: String::new(),
        bytes: 0,
        format: Some(read.format),
        encoding: read.encoding,
        status: if failed { Status::Failed } else { Status::Ok },
        sheets,
        problems,
    }
}

/// An input that discovery skipped: listed with why, never read (its size is what the
/// file system says; it has no hash).
pub(crate) fn skipped_file(skipped: &Skipped, display: &str) -> Input {
    let name = skipped
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let problem = match &skipped.why {
        Why::System => Problem::new(Code::SkippedSystemFile, display, &[&name]),
        Why::NotAFile(kind) => Problem::new(Code::NotRegularFile, display, &[kind]),
        Why::LinkOutside(target) => {
            let target = crate::discover::lossless(target.as_os_str());
            Problem::new(Code::LinkOutside, display, &[&target])
        }
        Why::LinkNowhere(target) => {
            let target = crate::discover::lossless(target.as_os_str());
            Problem::new(Code::LinkNowhere, display, &[&target])
        }
    };
    let mut input = Input::failed(display, problem);
    input.status = Status::Skipped;
    input.bytes = std::fs::symlink_metadata(&skipped.path).map_or(0, |m| m.len());
    input
}

/// What a workbook zwgk wrote is, when `read` is one: 汇总 and 考核结果 end in 问题清单
/// and 文件清单. Put back in the inbox, 汇总's 明细 and 统计数 would count every item
/// twice, and its 通讯录 would register every unit's contacts.
fn own_output(read: &read::FileRead) -> Option<&'static str> {
    let has = |name: &str| read.sheets.iter().any(|s| s.name == name);
    if !(has("问题清单") && has("文件清单")) {
        return None;
    }
    Some(if has("总分排名") {
        "考核结果"
    } else {
        "汇总表"
    })
}

/// One file to ingest: where it is, how to show it, how to read and frame it.
pub(crate) struct Job {
    /// Where the file is.
    pub path: PathBuf,
    /// How problems and the manifest name it: workspace-relative with `/`, or as given.
    pub display: String,
    /// The limits, and an encoding where the office set one.
    pub opts: ReadOptions,
    /// How its tables are framed, in the reading worker.
    pub framing: Framings,
}

/// Ingests every job in parallel, keeping their order, then marks every later copy of
/// identical content as skipped. `tick` is called once per file read. With a `cache`,
/// only files it does not hold are parsed. With a `normalise` context, each worker
/// normalises the item lists and count summaries it read as it goes, and the batches it
/// made come back too.
pub(crate) fn ingest_all(
    jobs: &[Job],
    cache: Option<&Cache>,
    tick: &(dyn Fn() + Sync),
    normalise: Option<&Context>,
) -> (Vec<Input>, Option<Result<Vec<Batch>, Internal>>) {
    let (mut inputs, batches) = in_parallel(jobs, cache, tick, normalise);
    mark_duplicates(&mut inputs, normalise.map(|ctx| ctx.resolver));
    (inputs, batches)
}

/// Input `i` among the `done` inputs of a worker, which takes its jobs in increasing order.
fn find(done: &[(usize, Input)], i: usize) -> &Input {
    &done[done.partition_point(|(j, _)| *j < i)].1
}

/// Room for the deepest reader (calamine, quick-xml, polars) in an unoptimised build.
const WORKER_STACK: usize = 8 * 1024 * 1024;

/// Ingests the jobs on plain threads that take the next job as they finish one.
///
/// Not rayon: polars runs its work in its own rayon pool, and a worker of another rayon
/// pool that waits for it steals the next file meanwhile — so each waiting file nests the
/// next one on the same stack, and a few hundred small CSV files overflowed it.
fn in_parallel(
    jobs: &[Job],
    cache: Option<&Cache>,
    tick: &(dyn Fn() + Sync),
    normalise: Option<&Context>,
) -> (Vec<Input>, Option<Result<Vec<Batch>, Internal>>) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Input)> = Vec::new();
        let mut batcher = normalise.map(Batcher::new);
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let mut input = ingest_file(&job.path, &job.display, &job.opts, job.framing, cache);
            if let Some(b) = batcher.as_mut() {
                b.take(i, &mut input);
            }
            done.push((i, input));
            if let Some(b) = batcher.as_mut().filter(|b| b.full()) {
                b.flush(|i| find(&done, i));
            }
            tick();
        }
        let batches = batcher.map(|mut b| {
            b.flush(|i| find(&done, i));
            b.finish()
        });
        (done, batches)
    };
    let (done, batches) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .filter_map(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        // A worker that could not start leaves its jobs to the others; none started, to us.
        let mut done = if handles.is_empty() {
            vec![work()]
        } else {
            Vec::new()
        };
        done.extend(handles.into_iter().filter_map(|h| h.join().ok()));
        let (done, made): (Vec<_>, Vec<_>) = done.into_iter().unzip();
        // Every worker's batches, or the first internal error one met.
        let batches = normalise.map(|_| {
            let made = made.into_iter().flatten().collect::<Result<Vec<_>, _>>();
            made.map(|made| made.into_iter().flatten().collect())
        });
        (done.into_iter().flatten().collect::<Vec<_>>(), batches)
    });
    let mut slots: Vec<Option<Input>> = jobs.iter().map(|_| None).collect();
    for (i, input) in done {
        slots[i] = Some(input);
    }
    let inputs = slots
        .into_iter()
        .zip(jobs)
        .map(|(slot, job)| {
            slot.unwrap_or_else(|| {
                // ingest_file catches panics itself; this is a worker lost another way.
                let why = "读取线程意外终止";
                Input::failed(
                    &job.display,
                    Problem::new(Code::ReaderPanic, &job.display, &[why]),
                )
            })
        })
        .collect();
    (inputs, batches)
}

/// Where a sheet is among the inputs of a run: (input, sheet) indices.
pub(crate) type SheetAt = (usize, usize);

/// The located sheets of `kind` among the inputs that were read, each with where it is:
/// what the readers of catalogues, contact forms and score sheets go through.
pub(crate) fn sheets_of(
    inputs: &[Input],
    kind: SheetKind,
) -> impl Iterator<Item = (SheetAt, &Input, &SheetInput, &Located)> {
    let read = inputs.iter().enumerate();
    let read = read.filter(|(_, input)| input.status == Status::Ok);
    read.flat_map(move |(i, input)| {
        let sheets = input.sheets.iter().enumerate();
        sheets
            .filter(move |(_, sheet)| sheet.kind == kind)
            .filter_map(move |(s, sheet)| Some(((i, s), input, sheet, sheet.located.as_ref()?)))
    })
}

/// The item lists and count summaries of the inputs that were read, in file order: the
/// (input, sheet) of each. Their rows are normalised (see [`crate::normalise::batch`]).
pub(crate) fn counted_sheets(inputs: &[Input]) -> Vec<SheetAt> {
    let read = inputs.iter().enumerate();
    let read = read.filter(|(_, input)| input.status == Status::Ok);
    read.flat_map(|(i, input)| {
        let sheets = input.sheets.iter().enumerate();
        let counted =
            sheets.filter(|(_, sheet)| sheet.located.is_some() && sheet.kind.is_counted());
        counted.map(move |(s, _)| (i, s))
    })
    .collect()
}

/// The tables of the `owners` sheets, in their order (each has a table:
/// [`counted_sheets`] chose them so).
pub(crate) fn source_tables<'a>(inputs: &'a [Input], owners: &[SheetAt]) -> Vec<SourceTable<'a>> {
    owners
        .iter()
        .filter_map(|&(i, s)| {
            let (input, sheet) = (&inputs[i], &inputs[i].sheets[s]);
            Some(SourceTable {
                file: &input.path,
                sheet: &sheet.name,
                table: sheet.table()?,
                date1904: sheet.date1904,
            })
        })
        .collect()
}

/// Marks every copy of a file but one as skipped (F002). The copy kept is the one whose
/// name names the unit its content does, where `resolver` tells (国土局's file, not the
/// same file 林业局 sent by mistake, which would leave 国土局 with nothing), then the
/// one with the plainest name: `财政局.xlsx`, not `财政局(1).xlsx`.
fn mark_duplicates(inputs: &mut [Input], resolver: Option<&Resolver>) {
    // Empty files, and blank templates (a header and no row), are alike without being one
    // submission: each is its unit's.
    let filled =
        |i: &Input| (i.sheets.iter()).any(|s| s.located.as_ref().is_some_and(|l| l.filled));
    let mut keep: HashMap<&str, (bool, &str)> = HashMap::new();
    for input in inputs
        .iter()
        .filter(|i| !i.sha256.is_empty() && i.bytes > 0 && filled(i))
    {
        let named = resolver.is_some_and(|r| names_its_unit(input, r));
        let kept = keep.entry(&input.sha256).or_insert((named, &input.path));
        // Named first, then the plainest.
        let rank = |(named, p): (bool, &str)| (!named, p.chars().count(), p.to_string());
        if rank((named, &input.path)) < rank(*kept) {
            *kept = (named, &input.path);
        }
    }
    let keep: HashMap<String, (bool, String)> = keep
        .into_iter()
        .map(|(sha, (named, path))| (sha.to_string(), (named, path.to_string())))
        .collect();
    let unit_of = |path: &str| resolver.and_then(|r| r.in_path(path).either());
    for input in inputs.iter_mut() {
        let Some((named, original)) = keep.get(&input.sha256).filter(|(_, p)| *p != input.path)
        else {
            continue;
        };
        // Copies under two units' names, neither of which the table states: the copy kept
        // is a guess, which an error says.
        let units = (unit_of(original), unit_of(&input.path));
        let problem = match units {
            (Some(kept), Some(this)) if kept != this && !named => {
                let args = [original.as_str(), kept, this, kept];
                Problem::new(Code::DuplicateOfAnotherUnit, &input.path, &args)
            }
            _ => Problem::new(Code::DuplicateFile, &input.path, &[original]),
        };
        input.problems.push(problem);
        input.status = Status::Skipped;
        input.sheets.iter_mut().for_each(|s| s.located = None);
    }
}

/// Whether the unit `input`'s path names (its file name, else its folder) is the one its
/// tables state: the 填报单位 line, else the first row's 单位.
fn names_its_unit(input: &Input, resolver: &Resolver) -> bool {
    let in_path = resolver.in_path(&input.path);
    let Some(named) = in_path.file.or(in_path.folder) else {
        return false;
    };
    let stated = (input.sheets.iter()).find_map(|s| s.located.as_ref()?.unit.as_deref());
    stated.is_some_and(|unit| resolver.resolve(unit) == Some(named))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知原因".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ingest(path: &Path) -> Input {
        let opts = ReadOptions::default();
        ingest_file(path, "inbox/x", &opts, Framings::ByKind, None)
    }

    // Issue 19: a 3 GiB Thumbs.db, a file the run skips, was read into memory first.
    #[test]
    fn a_3_gib_thumbs_db_is_listed_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Thumbs.db");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(3 << 30)
            .unwrap();
        let found = crate::discover::discover(dir.path(), dir.path()).unwrap();
        let input = skipped_file(&found.skipped[0], "inbox/Thumbs.db");
        assert_eq!((input.status, input.bytes), (Status::Skipped, 3 << 30));
        assert_eq!(input.sha256, "");
        assert_eq!(input.problems[0].code, Code::SkippedSystemFile);
    }

    #[test]
    fn a_file_larger_than_its_format_may_be_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("big.csv");
        let mut file = std::fs::File::create(&csv).unwrap();
        std::io::Write::write_all(&mut file, b"a,b\n").unwrap();
        file.set_len(2 << 30).unwrap();
        let input = ingest(&csv);
        assert_eq!(input.status, Status::Failed);
        assert_eq!(input.problems[0].code, Code::TooLarge);
        assert!(
            input.problems[0].message.contains("text_mib"),
            "{}",
            input.problems[0].message
        );
        let zip = dir.path().join("big.xlsx");
        let mut file = std::fs::File::create(&zip).unwrap();
        std::io::Write::write_all(&mut file, b"PK\x03\x04").unwrap();
        file.set_len(3 << 30).unwrap();
        let message = &ingest(&zip).problems[0].message;
        assert!(message.contains("unzipped_mib"), "{message}");
    }

    // Issue 19: a FIFO in the inbox made the run wait forever.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe.csv");
        crate::discover::tests::mkfifo(&pipe);
        let input = ingest(&pipe);
        assert_eq!(input.status, Status::Skipped);
        assert_eq!(input.problems[0].code, Code::NotRegularFile);
        assert!(input.problems[0].message.contains("命名管道"));
    }

    // A file moved away between listing the inbox and reading it (as `watch` may see)
    // was F005, "请用 Excel 或 WPS 打开后另存为" — and its unit's C004, 文件无法计入.
    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_not_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let input = ingest(&dir.path().join("民政局-2018年4月.xlsx"));
        assert_eq!(input.status, Status::Skipped);
        assert_eq!(input.problems[0].code, Code::Vanished);
        assert_eq!(input.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn a_table_s_rows_are_framed_and_cleaned_in_the_reading_worker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("民政局.csv");
        let text = "序号,标题,发布日期,栏目\n1,  关于春耕的通知 ,2026-03-02,通知 公告\n2,第二条,2026-03-03,政策文件\n";
        std::fs::write(&path, text).unwrap();
        let job = Job {
            path,
            display: "inbox/民政局.csv".into(),
            opts: ReadOptions::default(),
            framing: Framings::ByKind,
        };
        let (framed, _) = ingest_all(&[job], None, &|| {}, None);
        let located = framed[0].sheets[0].located.as_ref().unwrap();
        assert!(located.layout.records.is_empty());
        let column = |name| -> Vec<_> {
            let c = located.rows.column(name).unwrap().str().unwrap();
            c.iter().map(|v| v.map(str::to_string)).collect()
        };
        assert_eq!(
            column("title"),
            [Some("关于春耕的通知".into()), Some("第二条".into())]
        );
        // 栏目 is a name: its inner space goes too.
        assert_eq!(
            column("section"),
            [Some("通知公告".into()), Some("政策文件".into())]
        );
    }
}
