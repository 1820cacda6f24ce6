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
}

impl OutLock {
    /// [`OutLock::take`] for the output folder of the workspace `dir`.
    ///
    /// # Errors
    /// As [`OutLock::take`].
    pub(crate) fn of(dir: &Path, config: &crate::config::Config) -> Result<Self, WriteError> {
        Self::take(&dir.join(&config.paths.out))
    }

    /// Takes the lock of the output folder `out`, waiting while another zwgk holds it.
    /// Where no lock can be had (no folder yet, a read-only one, a file system without
    /// locks) the command goes on without one, saying so where it matters.
    ///
    /// # Errors
    /// [`WriteError::Interrupted`] when Ctrl-C in a watch ([`crate::STOPPING`]) ends
    /// the wait.
    pub(crate) fn take(out: &Path) -> Result<Self, WriteError> {
        // No output folder yet, nothing to keep apart (a command that stops before it
        // writes leaves none); one that cannot be written says so as its outputs fail.
        let path = out.join(LOCK);
        let opened = out.is_dir().then(|| {
            let mut options = fs::OpenOptions::new();
            options.create(true).truncate(false).write(true).open(&path)
        });
        let Some(Ok(file)) = opened else {
            return Ok(Self { _file: None });
        };
        let mut said = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: Some(file) }),
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
                    eprintln!(
                        "注意：无法锁定 {}（{e}）；请勿在同一工作目录同时运行两个 zwgk",
                        path.display()
                    );
                    return Ok(Self { _file: None });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second writer waits until the first lets go.
    #[test]
    fn a_second_writer_waits_for_the_first() {
        let out = tempfile::tempdir().unwrap();
        let first = OutLock::take(out.path()).unwrap();
        let released = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let second = s.spawn(|| {
                let _lock = OutLock::take(out.path()).unwrap();
                assert!(released.load(Ordering::SeqCst), "did not wait");
            });
            std::thread::sleep(Duration::from_millis(300));
            released.store(true, Ordering::SeqCst);
            drop(first);
            second.join().unwrap();
        });
    }
}
