//! One run's outputs stay one set: 汇总 and manifest.json are written into a fresh staging
//! folder beside `out/<period>/` and put in place by one rename (on Linux an atomic exchange
//! of the two folders), so a run killed at any moment leaves either the previous set or the
//! new one, never a new 汇总 beside an old manifest. The evaluation reports of
//! `out/<period>/评估报告/` are one set the same way, staged in `out/`. What a killed run
//! left behind (`.zwgk-*.tmp`) is removed by the next run of the same period.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::write::{WriteError, create_folder};

/// The prefix of every temporary file or folder zwgk leaves while it writes.
const TEMP_PREFIX: &str = ".zwgk-";
/// Their suffix.
const TEMP_SUFFIX: &str = ".tmp";

/// A set of outputs being written for one period folder.
pub(crate) struct Staging {
    /// `out/<period>/`, where the set goes.
    target: PathBuf,
    /// `out/.zwgk-<period>-XXXX.tmp/`, where it is written first.
    dir: PathBuf,
    /// The names of the set's files in `dir`; anything else already in `target`
    /// (evaluation reports, annexes) is carried over into the new folder.
    names: Vec<String>,
}

impl Staging {
    /// Removes what killed runs of this period left, then opens a fresh staging folder
    /// beside `target`.
    ///
    /// # Errors
    /// [`WriteError::Folder`] or [`WriteError::FileInTheWay`] when `out/` cannot be
    /// created, [`WriteError::Unwritable`]
    /// when no folder can be made in it.
    pub(crate) fn begin(target: &Path) -> Result<Self, WriteError> {
        let parent = target.parent().unwrap_or(Path::new("."));
        let label = target.file_name().unwrap_or_default().to_string_lossy();
        Self::begin_in(target, parent, &label)
    }

    /// [`Staging::begin`], staged in the folder `parent` (on the same disk as `target`)
    /// under the name `.zwgk-<label>-…`: a set inside a period folder is staged outside
    /// it, where a run of that period, which swaps the whole folder, leaves it alone.
    ///
    /// # Errors
    /// As [`Staging::begin`].
    pub(crate) fn begin_in(target: &Path, parent: &Path, label: &str) -> Result<Self, WriteError> {
        for dir in [parent, target.parent().unwrap_or(parent)] {
            create_folder(dir)?;
        }
        let prefix = format!("{TEMP_PREFIX}{label}-");
        remove_leftovers(parent, &prefix, target);
        remove_leftovers(target, TEMP_PREFIX, target);
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(TEMP_SUFFIX)
            .tempdir_in(parent)
            .map_err(|source| WriteError::Unwritable {
                dir: parent.to_path_buf(),
                source,
            })?
            .keep();
        Ok(Self {
            target: target.to_path_buf(),
            dir,
            names: Vec::new(),
        })
    }

    /// Where the set's file `name` is to be written now.
    pub(crate) fn path(&mut self, name: &str) -> PathBuf {
        self.names.push(name.to_string());
        self.dir.join(name)
    }

    /// Puts the written set in place of `out/<period>/`, carrying over what else that
    /// folder holds, and removes the previous set.
    ///
    /// # Errors
    /// [`WriteError::Swap`] when the folders cannot be swapped: the previous set stays and
    /// the new one is kept in the staging folder, which the message names.
    /// [`WriteError::Io`] when what else the previous folder held cannot be moved over.
    /// [`WriteError::FolderInTheWay`] when a folder that is not empty has the name of a
    /// file of the set, [`WriteError::FileInTheWay`] when a file (or a link) has the name
    /// of the folder: nothing is put in place.
    pub(crate) fn commit(self) -> Result<(), WriteError> {
        // The previous set is deleted once swapped out: what a folder of the user's with
        // a set file's name (manifest.json/) holds would go with it. An empty one holds
        // nothing to lose and is replaced.
        let mut names = self.names.iter().map(|n| self.target.join(n));
        let holding = |p: &PathBuf| fs::read_dir(p).is_ok_and(|mut d| d.next().is_some());
        if let Some(folder) = names.find(holding) {
            self.abandon();
            return Err(WriteError::FolderInTheWay(folder));
        }
        // A file of the user's named like the folder would be swapped out and deleted.
        if fs::symlink_metadata(&self.target).is_ok_and(|m| !m.is_dir()) {
            let file = self.target.clone();
            self.abandon();
            return Err(WriteError::FileInTheWay(file));
        }
        let swapped = if self.target.exists() {
            swap(&self.dir, &self.target)
        } else {
            fs::rename(&self.dir, &self.target)
        };
        if let Err(source) = swapped {
            return Err(WriteError::Swap {
                target: self.target,
                kept: self.dir,
                source,
            });
        }
        if !self.dir.exists() {
            return Ok(());
        }
        let failed = |source| WriteError::Io {
            path: self.target.clone(),
            source,
        };
        // `dir` now holds the previous folder: what is not part of a set moves over.
        carry_over(&self.dir, &self.target, &self.names).map_err(failed)?;
        // The new set is in place: a previous one that cannot be deleted now (a file in
        // it made read-only) is no failure of this run, and the next run tries again.
        let _ = fs::remove_dir_all(&self.dir);
        Ok(())
    }

    /// Gives up: the staging folder is removed and `out/<period>/` is left as it was.
    pub(crate) fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes the temporary files and folders named `<prefix>…<TEMP_SUFFIX>` in `dir`.
/// A staging folder that was already swapped holds a previous set and maybe other
/// outputs of the period; those others are carried over to `target` first.
fn remove_leftovers(dir: &Path, prefix: &str, target: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    // `<prefix><random letters and digits>.tmp` (or `.old.tmp`): the leftovers of
    // period 2018 are not those of 2018-04, whose names `.zwgk-2018-` begins too.
    let ours = |e: &fs::DirEntry, suffix: &str| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let random = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix));
        random.is_some_and(|r| r.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
    };
    let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
    // Killed between the two renames of a swap without exchange: the previous set is back.
    if let Some(i) = entries.iter().position(|e| ours(e, ".old.tmp"))
        && !target.exists()
    {
        let _ = fs::rename(entries.remove(i).path(), target);
    }
    for entry in entries {
        if !ours(&entry, TEMP_SUFFIX) {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            if target.is_dir() {
                let _ = carry_over(&path, target, &[]);
            }
            let _ = fs::remove_dir_all(&path);
        } else {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Moves every entry of `from` that `to` does not hold and that is not a set file
/// (`汇总-*.xlsx`, `标准目录-*.xlsx`, `manifest.json`, a temporary file) into `to`.
fn carry_over(from: &Path, to: &Path, set: &[String]) -> io::Result<()> {
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        let part_of_set = set.iter().any(|s| *s == text)
            || text == "manifest.json"
            || ((text.starts_with("汇总-") || text.starts_with("标准目录-"))
                && text.ends_with(".xlsx"))
            || text.starts_with(TEMP_PREFIX);
        if part_of_set || to.join(&name).exists() {
            continue;
        }
        fs::rename(entry.path(), to.join(&name))?;
    }
    Ok(())
}

/// Exchanges the folders `a` and `b` in one step.
#[cfg(target_os = "linux")]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// Exchanges the folders `a` and `b`: where the system has no atomic exchange, through a
/// third name; a run killed between the renames is repaired by the next (see
/// [`remove_leftovers`]).
#[cfg(not(target_os = "linux"))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    let aside = a.with_extension("old.tmp");
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_folder_named_like_a_file_of_the_set_is_kept_and_nothing_replaced() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04");
        fs::create_dir_all(target.join("manifest.json")).unwrap();
        fs::write(target.join("manifest.json").join("数据.txt"), "mine").unwrap();
        fs::write(target.join("汇总-2018-04.xlsx"), "old").unwrap();
        let mut set = Staging::begin(&target).unwrap();
        fs::write(set.path("汇总-2018-04.xlsx"), "new").unwrap();
        fs::write(set.path("manifest.json"), "new").unwrap();
        let err = set.commit().unwrap_err();
        assert!(
            matches!(&err, WriteError::FolderInTheWay(p) if *p == target.join("manifest.json")),
            "{err}"
        );
        let kept = fs::read_to_string(target.join("manifest.json").join("数据.txt"));
        assert_eq!(kept.unwrap(), "mine");
        assert_eq!(
            fs::read_to_string(target.join("汇总-2018-04.xlsx")).unwrap(),
            "old"
        );
        assert_eq!(
            names_in(out.path()),
            ["2018-04"],
            "no staging folder is left"
        );
    }

    #[test]
    fn a_file_named_like_the_period_folder_is_kept_and_nothing_replaced() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04");
        fs::write(&target, "我的笔记").unwrap();
        let mut set = Staging::begin(&target).unwrap();
        fs::write(set.path("manifest.json"), "new").unwrap();
        let err = set.commit().unwrap_err();
        assert!(
            matches!(&err, WriteError::FileInTheWay(p) if *p == target),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "我的笔记");
        assert_eq!(names_in(out.path()), ["2018-04"], "nothing else is left");
    }

    #[test]
    fn new_set_replaces_old_and_keeps_other_outputs_of_the_period() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04");
        fs::create_dir_all(target.join("评估报告")).unwrap();
        fs::write(target.join("汇总-2018-04.xlsx"), "old").unwrap();
        fs::write(target.join("manifest.json"), "old").unwrap();
        fs::write(target.join("附件1.xlsx"), "annex").unwrap();
        let mut set = Staging::begin(&target).unwrap();
        fs::write(set.path("汇总-2018-04.xlsx"), "new").unwrap();
        fs::write(set.path("manifest.json"), "new").unwrap();
        set.commit().unwrap();
        assert_eq!(
            names_in(&target),
            [
                "manifest.json",
                "汇总-2018-04.xlsx",
                "评估报告",
                "附件1.xlsx"
            ]
        );
        assert_eq!(
            fs::read_to_string(target.join("manifest.json")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(target.join("附件1.xlsx")).unwrap(),
            "annex"
        );
        assert_eq!(names_in(out.path()), ["2018-04"]);
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_by_the_next() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("manifest.json"), "current").unwrap();
        fs::write(target.join(".zwgk-abc.tmp"), "half a workbook").unwrap();
        // Killed before the swap: a staging folder holding part of a new set.
        let before = out.path().join(".zwgk-2018-04-a1.tmp");
        fs::create_dir_all(&before).unwrap();
        fs::write(before.join("汇总-2018-04.xlsx"), "new").unwrap();
        // Killed after the swap: the previous folder, still holding a report.
        let after = out.path().join(".zwgk-2018-04-b2.tmp");
        fs::create_dir_all(after.join("评估报告")).unwrap();
        fs::write(after.join("manifest.json"), "previous").unwrap();
        // Another period's run may be writing right now: left alone.
        let other = out.path().join(".zwgk-2018-05-c3.tmp");
        fs::create_dir_all(&other).unwrap();
        let set = Staging::begin(&target).unwrap();
        set.abandon();
        assert_eq!(names_in(&target), ["manifest.json", "评估报告"]);
        assert_eq!(names_in(out.path()), [".zwgk-2018-05-c3.tmp", "2018-04"]);
    }

    #[test]
    fn a_set_inside_a_period_folder_is_staged_outside_it() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04").join("评估报告");
        let mut set = Staging::begin_in(&target, out.path(), "评估报告-2018-04").unwrap();
        fs::write(set.path("民政局.xlsx"), "new").unwrap();
        assert_eq!(names_in(&out.path().join("2018-04")), Vec::<String>::new());
        set.commit().unwrap();
        assert_eq!(names_in(&target), ["民政局.xlsx"]);
        assert_eq!(names_in(out.path()), ["2018-04"]);
        // A run of the period swaps its folder and leaves the reports' staging alone.
        let mut reports = Staging::begin_in(&target, out.path(), "评估报告-2018-04").unwrap();
        fs::write(reports.path("民政局.xlsx"), "newer").unwrap();
        Staging::begin(&out.path().join("2018-04"))
            .unwrap()
            .abandon();
        reports.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("民政局.xlsx")).unwrap(),
            "newer"
        );
    }

    /// `.zwgk-2018-` begins the staging folders of 2018-04 too: a run of the year
    /// leaves a month's alone.
    #[test]
    fn leftovers_of_another_period_are_left_alone() {
        let out = tempfile::tempdir().unwrap();
        let month = out.path().join(".zwgk-2018-04-Ab12Cd.tmp");
        fs::create_dir_all(month.join("评估报告")).unwrap();
        fs::write(month.join("评估报告").join("a.xlsx"), "a month's").unwrap();
        let killed = out.path().join(".zwgk-2018-Xy34Zw.tmp");
        fs::create_dir_all(&killed).unwrap();
        Staging::begin(&out.path().join("2018")).unwrap().abandon();
        assert!(month.join("评估报告").join("a.xlsx").exists());
        assert!(!killed.exists(), "the year's own leftovers are removed");
    }

    #[test]
    fn first_set_of_a_period_is_renamed_into_place() {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("2018-04");
        let mut set = Staging::begin(&target).unwrap();
        fs::write(set.path("manifest.json"), "new").unwrap();
        set.commit().unwrap();
        assert_eq!(names_in(&target), ["manifest.json"]);
        assert_eq!(names_in(out.path()), ["2018-04"]);
    }
}
