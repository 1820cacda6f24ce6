//! `zwgk watch`: run once, then again whenever the inbox, the reference tables or
//! `zwgk.toml` change: once the workspace has been quiet for a while (about 2 s), and
//! a changed file only once it is completely copied: the same size and time at two looks, no Office lock file
//! beside it. zwgk's own writes under `out/` are ignored. Each run prints one line; a
//! run that cannot finish (a bad `zwgk.toml`) says why and the watch goes on. Ctrl-C
//! exits 0 once the run in progress has written its outputs.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

use crate::Error;
use crate::config::{Config, ConfigError, FILE_NAME, Paths, ReferencePaths, workspace_path};
use crate::discover::is_system_file;
use crate::error::WatchError;
use crate::model::Period;
use crate::outputs::lock::OutLock;
use crate::pipeline::Outcome;
use crate::problems::{Problem, Severity};

use super::summary::{list, paren, unusable_clause};
use super::workspace::WorkspaceArgs;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk watch [-w 目录] [--period 期]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// How long the workspace must be quiet before a rerun, in milliseconds (tests
    /// shorten it).
    #[arg(long, default_value_t = 2000, hide = true)]
    debounce_ms: u64,
}

/// What the watch hears: changed paths, changes the system lost count of, a failure
/// of the watcher, or Ctrl-C.
enum Signal {
    Changed(Vec<PathBuf>),
    Lost,
    Trouble(String),
    Stop,
}

/// Looks at a file that is still growing, at most this many times, before reading it
/// anyway: a copy that never ends must not stop the watch.
const GROWING_LOOKS: u32 = 240;
/// Looks at a file with an Office lock file beside it, at most this many times: a file
/// left open in Excel is whole on disk and is read after that.
const LOCKED_LOOKS: u32 = 20;

/// Watches the workspace until Ctrl-C.
///
/// # Errors
/// A `--period` that is no period or a folder without `zwgk.toml` (before watching),
/// or a system that cannot report changes. Anything wrong later is a line of a run.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    if let Some(p) = &args.workspace.period {
        Period::parse(p)?;
    }
    let dir = &args.workspace.dir;
    let root = match (Config::load(dir), dir.canonicalize()) {
        (Err(e @ ConfigError::Unreadable { .. }), _) => return Err(e.into()),
        (_, Ok(root)) => root,
        (_, Err(_)) => dir.clone(),
    };
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        // A run under way is finished first, which may take a while: said at once.
        outln!("收到 Ctrl-C，正在退出（正在进行的汇总会先写完）……");
        crate::STOPPING.store(true, Ordering::SeqCst);
        let _ = stop.send(Signal::Stop);
    })
    .map_err(WatchError::from)?;
    let debounce = Duration::from_millis(args.debounce_ms.max(1));
    let folder_error = |source| WatchError::Folder {
        path: dir.clone(),
        source,
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        let _ = tx.send(match event {
            // Opening and reading are zwgk's own runs (or someone looking): no change.
            Ok(e) if e.kind.is_access() && !written(&e.kind) => return,
            Ok(e) if e.need_rescan() => Signal::Lost,
            Ok(e) => Signal::Changed(e.paths),
            Err(e) => Signal::Trouble(e.to_string()),
        });
    })
    .map_err(folder_error)?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(folder_error)?;
    outln!(
        "正在监视 {}：报送文件夹、参考表或 zwgk.toml 有变动时自动重新汇总；按 Ctrl-C 退出。",
        dir.display()
    );
    let mut watch = Watch::new(args.workspace, root, debounce, Box::new(watcher));
    watch.pass(&[]);
    while let Some(changed) = watch.next(&rx) {
        watch.pass(&changed);
    }
    outln!("已停止监视；out/ 中保留最近一次完整汇总的结果。");
    Ok(0)
}

/// The watch between runs: where to look, and what the last complete run found.
struct Watch {
    args: WorkspaceArgs,
    /// The workspace, canonical, as the watcher reports paths.
    root: PathBuf,
    /// How long the workspace must be quiet before a rerun.
    debounce: Duration,
    /// The time between two looks at a file being copied.
    poll: Duration,
    /// The inbox, reference and output paths of the last readable `zwgk.toml`.
    watched: Watched,
    runs: usize,
    /// The inputs of the last complete run, workspace-relative, with their SHA-256.
    known: HashMap<String, String>,
    /// The problems of the last complete run, counted by [`problem_key`].
    problems: Option<HashMap<String, usize>>,
    /// What reports the changes: the workspace, and the inbox and reference tables that
    /// `zwgk.toml` puts outside it, in `followed`.
    watcher: Box<dyn notify::Watcher>,
    followed: Vec<PathBuf>,
}

impl Watch {
    fn new(
        args: WorkspaceArgs,
        root: PathBuf,
        debounce: Duration,
        watcher: Box<dyn notify::Watcher>,
    ) -> Self {
        let watched = match Config::load(&args.dir) {
            Ok(config) => Watched::of(&root, &config.paths, &config.reference),
            Err(_) => Watched::of(&root, &Paths::default(), &ReferencePaths::default()),
        };
        let mut watch = Self {
            watched,
            args,
            root,
            debounce,
            poll: (debounce / 4).max(Duration::from_millis(20)),
            runs: 0,
            known: HashMap::new(),
            problems: None,
            watcher,
            followed: Vec::new(),
        };
        watch.follow();
        watch
    }

    /// Watches the inbox and reference tables outside the workspace too (an inbox on a
    /// shared drive, `units = "../共用/units.xlsx"`), which the workspace's watch does
    /// not see: each, and the folder it is in, so that a table saved by replacing it (as
    /// editors save) or an inbox put back under its name is seen. Watched afresh at
    /// every run, as what was replaced is no longer what is watched.
    fn follow(&mut self) {
        for path in self.followed.drain(..) {
            let _ = self.watcher.unwatch(&path);
        }
        let w = &self.watched;
        let mut wanted: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for path in std::iter::once(&w.inbox).chain(&w.references) {
            if path.starts_with(&self.root) {
                continue;
            }
            if path.is_dir() {
                wanted.push((path.clone(), RecursiveMode::Recursive));
            } else if path.exists() {
                wanted.push((path.clone(), RecursiveMode::NonRecursive));
            }
            // Only its entries: of a parent the workspace lies in (`../units.xlsx`), not
            // what is below them.
            let parent = path.parent().filter(|p| p.is_dir());
            wanted.extend(parent.map(|p| (p.to_path_buf(), RecursiveMode::NonRecursive)));
        }
        wanted.sort();
        wanted.dedup_by(|a, b| a.0 == b.0);
        for (path, mode) in wanted {
            match self.watcher.watch(&path, mode) {
                Ok(()) => self.followed.push(path),
                Err(e) => eprintln!("无法监视 {}：{e}", path.display()),
            }
        }
    }

    /// The next set of changed paths, once the workspace has been quiet for the
    /// debounce time and every changed file is completely written; `None` at Ctrl-C.
    fn next(&self, rx: &Receiver<Signal>) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            self.hear(rx.recv().ok()?, &mut changed)?;
        }
        loop {
            let mut quiet = Instant::now() + self.debounce;
            loop {
                match rx.recv_timeout(quiet.saturating_duration_since(Instant::now())) {
                    Ok(signal) => {
                        if self.hear(signal, &mut changed)? {
                            quiet = Instant::now() + self.debounce;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            settle(&changed, self.poll, &crate::STOPPING);
            let mut more = false;
            while let Ok(signal) = rx.try_recv() {
                more |= self.hear(signal, &mut changed)?;
            }
            if !more {
                return Some(changed);
            }
        }
    }

    /// Adds the paths of `signal` that matter to `changed` and says whether there was any:
    /// a file still being written, already in `changed`, keeps the workspace from being
    /// quiet. `None` at Ctrl-C.
    fn hear(&self, signal: Signal, changed: &mut Vec<PathBuf>) -> Option<bool> {
        let before = changed.len();
        match signal {
            Signal::Stop => return None,
            Signal::Trouble(e) => eprintln!("监视文件夹时出错：{e}"),
            // Too many changes at once: the inbox stands for them, the run finds which.
            Signal::Lost => changed.push(self.watched.inbox.clone()),
            Signal::Changed(paths) => {
                changed.extend(paths.into_iter().filter(|p| self.watched.covers(p)));
            }
        }
        let heard = changed.len() > before;
        changed.sort();
        changed.dedup();
        Some(heard)
    }

    /// One run and its line; nothing that goes wrong in it ends the watch.
    fn pass(&mut self, changed: &[PathBuf]) {
        self.runs += 1;
        let result = catch_unwind(AssertUnwindSafe(|| self.consolidate()));
        let mut notes = Vec::new();
        let (what, found) = match result {
            Ok(Ok((outcome, written))) => {
                let what = self.compare(&outcome, changed);
                notes.clone_from(&outcome.notes);
                (what, self.remember(&outcome, &written))
            }
            // Cancelled by Ctrl-C: the watch ends, there is nothing to correct.
            Ok(Err(e)) if crate::STOPPING.load(Ordering::SeqCst) => {
                (self.describe(changed), format!("未完成：{e}"))
            }
            Ok(Err(e)) => {
                let e = e.to_string().replace('\n', " ");
                let found = format!("未完成：{e}。改正后保存，zwgk 会自动重新汇总");
                (self.describe(changed), found)
            }
            Err(_) => {
                let found = "未完成：内部错误（见上方信息），zwgk 继续监视".to_string();
                (self.describe(changed), found)
            }
        };
        let what = if self.runs == 1 {
            "启动".into()
        } else {
            what
        };
        let time = chrono::Local::now().format("%H:%M:%S");
        outln!("{time} 第 {} 次汇总（{what}）{found}", self.runs);
        for note in notes {
            outln!("  注意：{note}");
        }
    }

    fn consolidate(&mut self) -> Result<(Outcome, Vec<String>), Error> {
        let (config, period) = self.args.load()?;
        self.watched = Watched::of(&self.root, &config.paths, &config.reference);
        self.follow();
        let _lock = OutLock::of(&self.args.dir, &config)?;
        super::run::consolidate(&self.args.dir, &config, period)
    }

    /// What changed since the last complete run, from the inputs of both runs (the
    /// files of a folder copied in whole are not all reported by the system).
    fn compare(&self, outcome: &Outcome, changed: &[PathBuf]) -> String {
        let now: HashMap<&str, &str> = outcome
            .inputs
            .iter()
            .map(|i| (i.path.as_str(), i.sha256.as_deref().unwrap_or_default()))
            .collect();
        let mut added = Vec::new();
        let mut modified = Vec::new();
        if changed.contains(&self.watched.settings) {
            modified.push(FILE_NAME);
        }
        for (path, sha) in &now {
            match self.known.get(*path) {
                None => added.push(*path),
                Some(before) if before != sha => modified.push(*path),
                Some(_) => {}
            }
        }
        let mut removed: Vec<&str> = (self.known.keys().map(String::as_str))
            .filter(|p| !now.contains_key(p))
            .collect();
        added.sort_unstable();
        modified.sort_unstable();
        removed.sort_unstable();
        changes(&added, &modified, &removed)
    }

    /// What changed, from the paths the system reported, for a run that did not finish.
    fn describe(&self, changed: &[PathBuf]) -> String {
        let (mut added, mut modified, mut removed) = (Vec::new(), Vec::new(), Vec::new());
        for path in changed {
            let rel = workspace_path(&self.root, path);
            let known = self.known.contains_key(&rel) || rel == FILE_NAME;
            match (path.is_file(), path.exists(), known) {
                (true, _, true) => modified.push(rel),
                (true, _, false) => added.push(rel),
                (false, false, true) => removed.push(rel),
                _ => {}
            }
        }
        let [added, modified, removed] =
            [&added, &modified, &removed].map(|v| v.iter().map(String::as_str).collect::<Vec<_>>());
        changes(&added, &modified, &removed)
    }

    /// Keeps what the run read and found, and says it in one line.
    fn remember(&mut self, outcome: &Outcome, written: &[String]) -> String {
        let inputs = outcome.inputs.iter();
        // A skipped file is never read, so it has no hash: only its coming and going count.
        let hashed = inputs.map(|i| (i.path.clone(), i.sha256.clone().unwrap_or_default()));
        self.known = hashed.collect();
        let mut now: HashMap<String, usize> = HashMap::new();
        for p in &outcome.problems {
            *now.entry(problem_key(p)).or_default() += 1;
        }
        let new = self.problems.as_ref().map(|before| {
            now.iter()
                .map(|(key, n)| n.saturating_sub(before.get(key).copied().unwrap_or(0)))
                .sum::<usize>()
        });
        self.problems = Some(now);
        let new = new.map_or(String::new(), |n| format!("，比上次新增 {n} 个"));
        let missing = outcome.silent_units();
        let unusable = unusable_clause(outcome, " ");
        let folder = written
            .last()
            .and_then(|m| m.rsplit_once('/'))
            .map_or("out/", |(folder, _)| folder);
        format!(
            "：问题 错误 {}、警告 {}、提示 {}{new}；本期未报送 {} 个单位{}{unusable}；结果在 {folder}/",
            outcome.count(Severity::Error),
            outcome.count(Severity::Warning),
            outcome.count(Severity::Info),
            missing.len(),
            paren(&missing)
        )
    }
}

/// A problem as the watch tells it from the last run's: its code, place, unit and value
/// and not its words, whose figures may change (S016's count of a unit's items) while
/// the problem stays the same.
fn problem_key(p: &Problem) -> String {
    format!(
        "{} {} {:?} {:?} {:?} {:?}",
        p.code.id(),
        p.file,
        p.sheet,
        p.place,
        p.unit,
        p.value
    )
}

/// 新增, 修改 and 删除 with their paths, or 文件有变动 when no input changed.
fn changes(added: &[&str], modified: &[&str], removed: &[&str]) -> String {
    let parts: Vec<String> = [("新增", added), ("修改", modified), ("删除", removed)]
        .into_iter()
        .filter(|(_, paths)| !paths.is_empty())
        .map(|(verb, paths)| format!("{verb} {}", list(paths)))
        .collect();
    if parts.is_empty() {
        "文件有变动".to_string()
    } else {
        parts.join("；")
    }
}

/// The paths whose changes rerun the workspace, absolute.
struct Watched {
    settings: PathBuf,
    inbox: PathBuf,
    references: Vec<PathBuf>,
    out: PathBuf,
}

impl Watched {
    /// The paths as the system reports changes to them: canonical where they exist
    /// (`../共用/units.xlsx`, a linked folder).
    fn of(root: &Path, paths: &Paths, r: &ReferencePaths) -> Self {
        // One not there now (an inbox moved away) by its folder, which is: `县/../收件`
        // would be taken for a path inside the workspace.
        let at = |p: &Path| {
            let p = root.join(p);
            let by_folder = || Some(p.parent()?.canonicalize().ok()?.join(p.file_name()?));
            p.canonicalize().ok().or_else(by_folder).unwrap_or(p)
        };
        let tables = [&r.sections, &r.domains, &r.indicators, &r.appeals];
        let mut references = vec![at(Path::new("reference")), at(&r.units), at(&r.targets)];
        references.extend(tables.into_iter().flatten().map(|p| at(p)));
        Self {
            settings: root.join(FILE_NAME),
            inbox: at(&paths.inbox),
            references,
            out: at(&paths.out),
        }
    }

    /// Whether a change at `path` matters: the settings, the inbox or a reference table,
    /// never an output, a lock file or a hidden file.
    fn covers(&self, path: &Path) -> bool {
        // Hidden below the folder watched: an inbox may lie in a hidden folder itself.
        let within = |base: &Path| {
            path.strip_prefix(base).is_ok_and(|rest| {
                !(rest.components()).any(|c| is_system_file(&c.as_os_str().to_string_lossy()))
            })
        };
        !path.starts_with(&self.out)
            && (path == self.settings
                || within(&self.inbox)
                || self.references.iter().any(|r| within(r)))
    }
}

/// Whether an access event is the end of a write, which is a change.
fn written(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// Waits until every file of `paths` that is still there is completely written: the
/// same size and time at two looks `poll` apart, and no Office lock file beside it.
/// A file that vanishes is no longer waited for: the run will find it gone. Ctrl-C
/// (`stopping`) ends the wait.
fn settle(paths: &[PathBuf], poll: Duration, stopping: &AtomicBool) {
    let look = |p: &PathBuf| -> Option<(u64, Option<SystemTime>)> {
        let m = std::fs::metadata(p).ok().filter(|m| m.is_file())?;
        Some((m.len(), m.modified().ok()))
    };
    let mut last: Vec<_> = paths.iter().map(look).collect();
    for round in 0..GROWING_LOOKS {
        std::thread::sleep(poll);
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let now: Vec<_> = paths.iter().map(look).collect();
        let locked = round < LOCKED_LOOKS && paths.iter().any(|p| locked(p));
        if now == last && !locked {
            return;
        }
        last = now;
    }
}

/// Whether Excel, WPS (`~$name`, or `~$` over the first two characters of a long name;
/// `.~name`) or LibreOffice (`.~lock.name#`) has `path` open.
fn locked(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let name = name.to_string_lossy();
    let short: String = name.chars().skip(2).collect();
    [
        format!("~${name}"),
        format!("~${short}"),
        format!(".~{name}"),
        format!(".~lock.{name}#"),
    ]
    .iter()
    .any(|lock| dir.join(lock).exists())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_problem_whose_words_changed_is_not_new() {
        use crate::problems::{Code, Place};
        let said = |count: &str| {
            Problem::new(Code::TotalMismatch, "inbox/a.xlsx", &["12360", count, "10"])
                .at("Sheet1", Place::cell(34, 1))
        };
        assert_eq!(problem_key(&said("12370")), problem_key(&said("12380")));
        let elsewhere = said("12370").at("Sheet2", Place::cell(34, 1));
        assert_ne!(problem_key(&said("12370")), problem_key(&elsewhere));
    }

    #[test]
    fn office_lock_files_beside_a_file_mean_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("民政局-2018年4月.xlsx");
        std::fs::write(&file, b"x").unwrap();
        assert!(!locked(&file));
        for lock in [
            "~$民政局-2018年4月.xlsx",
            "~$局-2018年4月.xlsx",
            ".~民政局-2018年4月.xlsx",
            ".~lock.民政局-2018年4月.xlsx#",
        ] {
            std::fs::write(dir.path().join(lock), b"").unwrap();
            assert!(locked(&file), "{lock}");
            std::fs::remove_file(dir.path().join(lock)).unwrap();
        }
    }

    #[test]
    fn ctrl_c_ends_the_wait_for_a_file_still_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("民政局.csv");
        std::fs::write(dir.path().join("~$民政局.csv"), b"").unwrap();
        std::fs::write(&file, "标题,发布日期\n").unwrap();
        let stopping = AtomicBool::new(false);
        let started = Instant::now();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(100));
                stopping.store(true, Ordering::SeqCst);
            });
            // Open in Excel, it would be waited for 20 looks of a second.
            settle(
                std::slice::from_ref(&file),
                Duration::from_secs(1),
                &stopping,
            );
        });
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_file_is_read_only_once_office_has_let_go_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("民政局.csv");
        let lock = dir.path().join("~$民政局.csv");
        std::fs::write(&lock, b"").unwrap();
        std::fs::write(&file, "标题,发布日期\n").unwrap();
        let saving = {
            let (file, lock) = (file.clone(), lock.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(150));
                std::fs::write(&file, "标题,发布日期\n会议,2018-04-09\n").unwrap();
                std::fs::remove_file(&lock).unwrap();
            })
        };
        let stopping = AtomicBool::new(false);
        settle(
            std::slice::from_ref(&file),
            Duration::from_millis(50),
            &stopping,
        );
        assert!(!lock.exists());
        assert!(std::fs::read_to_string(&file).unwrap().contains("会议"));
        saving.join().unwrap();
    }

    #[test]
    fn only_the_settings_the_inbox_and_the_reference_tables_are_watched() {
        let root = Path::new("/ws");
        let reference = ReferencePaths {
            sections: Some("tables/栏目.xlsx".into()),
            ..ReferencePaths::default()
        };
        let watched = Watched::of(root, &Paths::default(), &reference);
        for rel in [
            "zwgk.toml",
            "inbox/民政局.xlsx",
            "inbox/蓬莱镇/4月.csv",
            "reference/units.xlsx",
            "tables/栏目.xlsx",
        ] {
            assert!(watched.covers(&root.join(rel)), "{rel}");
        }
        for rel in [
            "out/2018-04/manifest.json",
            "inbox/~$民政局.xlsx",
            "inbox/.~lock.民政局.xlsx#",
            "inbox/.git/index",
            "笔记.txt",
            "tables/other.xlsx",
        ] {
            assert!(!watched.covers(&root.join(rel)), "{rel}");
        }
        // An inbox elsewhere, in a hidden folder of its own.
        let paths = Paths {
            inbox: "/srv/.共享/收件".into(),
            ..Paths::default()
        };
        let watched = Watched::of(root, &paths, &reference);
        assert!(watched.covers(Path::new("/srv/.共享/收件/民政局.xlsx")));
        assert!(!watched.covers(Path::new("/srv/.共享/收件/~$民政局.xlsx")));
        assert!(!watched.covers(&root.join("inbox/民政局.xlsx")));
    }
}
