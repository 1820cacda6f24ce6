//! One zwgk at a time writes a workspace's outputs: each command that writes into `out/`
//! holds the lock of `out/.zwgk.lock` while it runs (a watch, for each of its runs). A
//! second one — `zwgk run` in another window while a watch writes, a 通报 drafted while
//! a run swaps the period's folder — waits, saying so: it would otherwise take the
//! first one's staging folder for a killed run's leftovers, or write into a folder
//! being swapped away. The lock file stays (deleting it while held would let two
//! writers lock two files); the lock ends with the process.

use std::fs;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::write::WriteError;

/// The lock file, in the output folder.
const LOCK: &str = ".zwgk.lock";

/// The lock of an output folder, held until dropped.
#[must_use = "the lock ends when it is dropped"]
pub(crate) struct OutLock {
    _file: Option<fs::File>,
    /// The output folder, where this lock made it: removed again, with the lock file,
    /// if nothing else was written (a command that stopped early leaves no `out/`).
    made: Option<std::path::PathBuf>,
}

impl Drop for OutLock {
    fn drop(&mut self) {
        let Some(out) = &self.made else { return };
        let only_lock =
            fs::read_dir(out).is_ok_and(|entries| entries.flatten().all(|e| e.file_name() == LOCK));
        if only_lock {
            let _ = fs::remove_file(out.join(LOCK));
            let _ = fs::remove_dir(out);
        }
    }
}

impl OutLock {
    /// [`OutLock::take`] for the output folder of the workspace `dir`.
    ///
    /// # Errors
    /// As [`OutLock::take`].
    pub(crate) fn of(dir: &Path, config: &crate::config::Config) -> Result<Self, WriteError> {
        Self::take(&dir.join(&config.paths.out))
    }

    /// Takes the lock of the output folder `out` (made if need be), waiting while
    /// another zwgk holds it. Where no lock can be had (a folder that cannot be made, a
    /// file system without locks) the command goes on without one, saying so where the
    /// folder is there.
    ///
    /// # Errors
    /// [`WriteError::Interrupted`] when Ctrl-C in a watch ([`crate::STOPPING`]) ends
    /// the wait.
    pub(crate) fn take(out: &Path) -> Result<Self, WriteError> {
        // The folder is made first: the first command of a new workspace locks too.
        // One that cannot be made or written says so as its outputs fail; a lock file
        // that cannot be written (another user's) locks as well read-only.
        let path = out.join(LOCK);
        let made = (!out.exists() && fs::create_dir_all(out).is_ok()).then(|| out.to_path_buf());
        // Made before it is locked: a command stopped at Ctrl-C removes the folder too.
        let mut lock = Self { _file: None, made };
        let mut options = fs::OpenOptions::new();
        let opened = (options.create(true).truncate(false).write(true).open(&path))
            .or_else(|_| fs::File::open(&path));
        let file = match opened {
            Ok(file) => file,
            Err(e) => {
                if out.is_dir() {
                    unlocked(&path, &e);
                }
                return Ok(lock);
            }
        };
        let mut said = false;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    lock._file = Some(file);
                    return Ok(lock);
                }
                Err(fs::TryLockError::WouldBlock) => {
                    if crate::STOPPING.load(Ordering::SeqCst) {
                        return Err(WriteError::Interrupted(out.to_path_buf()));
                    }
                    if !said {
                        eprintln!(
                            "另一个 zwgk 正在 {} 中写出结果，等它写完后再写……",
                            out.display()
                        );
                        said = true;
                    }
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(fs::TryLockError::Error(e)) => {
                    unlocked(&path, &e);
                    return Ok(lock);
                }
            }
        }
    }
}

/// Says that `path` cannot be locked (`why`): two commands at once may then spoil each
/// other's outputs.
fn unlocked(path: &Path, why: &std::io::Error) {
    let why = crate::io_reason(why);
    eprintln!(
        "注意：无法锁定 {}（{why}）；请勿在同一工作目录同时运行两个 zwgk",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second writer waits until the first lets go, in a new workspace too, whose
    /// output folder the first makes.
    #[test]
    fn a_second_writer_waits_for_the_first() {
        let ws = tempfile::tempdir().unwrap();
        let out = ws.path().join("out");
        let first = OutLock::take(&out).unwrap();
        fs::write(out.join("manifest.json"), "first").unwrap();
        let released = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                let _lock = OutLock::take(&out).unwrap();
                assert!(released.load(Ordering::SeqCst), "did not wait");
            });
            std::thread::sleep(Duration::from_millis(300));
            released.store(true, Ordering::SeqCst);
            drop(first);
            second.join().unwrap();
        });
    }

    /// A command that stops before it writes leaves no output folder it made.
    #[test]
    fn an_output_folder_made_only_for_the_lock_is_removed_again() {
        let ws = tempfile::tempdir().unwrap();
        let out = ws.path().join("out");
        let lock = OutLock::take(&out).unwrap();
        assert!(out.join(LOCK).is_file());
        drop(lock);
        assert!(!out.exists());
    }
}
