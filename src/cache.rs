//! The read cache: what reading made of each inbox file, kept in `out/.cache/read/` so
//! that a rerun parses only the files that are new or changed.
//!
//! It keeps the reader's [`FileRead`] (sheets of cells, merges, visibility, encoding,
//! problems) and not the laid-out tables: parsing is nearly all of a file's cost, while
//! layout and framing are quick and hold polars frames that would need polars' heavy
//! serde features. An entry's name is a hash of everything reading depends on: the
//! file's bytes (sha256), its display path (problems and a one-table file's sheet name
//! show it, so a renamed file is read again), the read options, zwgk's version and the
//! running executable (a rebuilt zwgk starts cold, so a reader change can never meet an
//! old entry). Each entry checks itself (header, length, sha256 of the body); one that
//! does not check out is ignored with a note and replaced. Writes are atomic; entries no
//! run used are deleted when the run ends; deleting the folder is always safe.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::problems::{Code, Place, Problem, Severity};
use crate::read::{self, FileRead, Format, ReadOptions, Sheet};

/// Changes whenever what an entry holds, or how it is laid out, changes.
const FORMAT: u32 = 5;
/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"zwgkread";
/// Magic, key, body length and body hash.
const HEADER: usize = 8 + 32 + 8 + 32;

/// The read cache of one run.
pub(crate) struct Cache {
    dir: PathBuf,
    /// zwgk's version and the running executable, part of every key.
    build: String,
    /// The entries this run used: the others are pruned by [`Cache::finish`].
    used: Mutex<HashSet<String>>,
    /// Entries found damaged, in Chinese.
    notes: Mutex<Vec<String>>,
}

impl Cache {
    /// The cache of the workspace whose output folder is `out`.
    pub(crate) fn open(out: &Path) -> Self {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let stamp = exe.map(|m| (m.len(), m.modified().ok())).ok();
        Self {
            dir: out.join(".cache").join("read"),
            build: format!("{FORMAT} {} {stamp:?}", env!("CARGO_PKG_VERSION")),
            used: Mutex::default(),
            notes: Mutex::default(),
        }
    }

    /// What reading makes of `bytes` (whose hash is `sha256`), from the cache when it
    /// holds a sound entry for them, else read and stored.
    pub(crate) fn read(
        &self,
        bytes: &[u8],
        sha256: &str,
        name: &str,
        opts: &ReadOptions,
    ) -> FileRead {
        let key = self.key(sha256, name, opts);
        let file = self.dir.join(format!("{}.bin", crate::discover::hex(&key)));
        lock(&self.used).insert(file_name(&file));
        match load(&file, &key) {
            Ok(Some(read)) => return read,
            Ok(None) => {}
            Err(why) => {
                let shown = file.display();
                let note = format!("缓存 {shown} 无效（{why}），已忽略，{name} 已重新读取");
                lock(&self.notes).push(note);
            }
        }
        let read = read::read_bytes(bytes, name, opts);
        // Best effort: a cache that cannot be written costs only the next run's time.
        let _ = store(&self.dir, &file, &key, &read);
        read
    }

    /// Deletes the entries this run did not use (files gone, changed or renamed, older
    /// builds) and gives the notes about damaged entries.
    pub(crate) fn finish(self) -> Vec<String> {
        let used = self
            .used
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        // Only entries and their temporary files, and only in a folder of its own: a
        // link put in its place must not have the files it points to deleted.
        let real = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
        let own = real(&self.dir) && self.dir.parent().is_some_and(real);
        let entries = std::fs::read_dir(&self.dir).into_iter().flatten().flatten();
        for entry in entries.filter(|_| own) {
            let name = file_name(&entry.path());
            if is_entry(&name) && !used.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        self.notes
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn key(&self, sha256: &str, name: &str, opts: &ReadOptions) -> [u8; 32] {
        let encoding = opts.encoding.map(encoding_rs::Encoding::name);
        let what = format!(
            "{}\0{name}\0{sha256}\0{:?}\0{encoding:?}",
            self.build, opts.limits
        );
        Sha256::digest(what.as_bytes()).into()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Whether `name` is that of an entry (`<64 hex digits>.bin`) or of one being written
/// (`.tmp…`).
fn is_entry(name: &str) -> bool {
    let hex = |h: &str| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit());
    name.starts_with(".tmp") || name.strip_suffix(".bin").is_some_and(hex)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The entry at `file` for `key`: `None` when there is none, an error (in Chinese) when
/// there is one that is not sound.
fn load(file: &Path, key: &[u8; 32]) -> Result<Option<FileRead>, String> {
    let Some(bytes) = entry_bytes(file)? else {
        return Ok(None);
    };
    let body = checked_body(&bytes, key).ok_or("文件不完整或内容有误")?;
    let config = bincode::config::standard();
    let (entry, used): (Entry, usize) =
        bincode::serde::decode_from_slice(body, config).map_err(|e| e.to_string())?;
    if used != body.len() {
        return Err("文件末尾有多余内容".into());
    }
    entry.into_read().map(Some).ok_or_else(|| "内容有误".into())
}

/// The bytes of the entry at `file`, `None` where there is none (nor a cache folder);
/// why not, in Chinese, where there is one that cannot be used. Only a regular file as
/// long as its header says is read: a named pipe would block the run, a link to
/// /dev/zero or a padded file would fill the memory.
fn entry_bytes(file: &Path) -> Result<Option<Vec<u8>>, String> {
    use std::io::{ErrorKind, Read};
    let reason = |e: std::io::Error| crate::io_reason(&e);
    let meta = match std::fs::symlink_metadata(file) {
        Ok(meta) => meta,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Ok(None);
        }
        Err(e) => return Err(reason(e)),
    };
    if !meta.is_file() {
        return Err("不是普通文件".into());
    }
    let mut bytes = vec![0; HEADER];
    let mut entry = std::fs::File::open(file).map_err(reason)?;
    entry
        .read_exact(&mut bytes)
        .map_err(|_| "文件不完整".to_string())?;
    let len = bytes[HEADER - 40..HEADER - 32]
        .try_into()
        .map(u64::from_le_bytes);
    if len.ok() != meta.len().checked_sub(HEADER as u64) {
        return Err("文件长度与其中记录的不符".into());
    }
    entry.read_to_end(&mut bytes).map_err(reason)?;
    Ok(Some(bytes))
}

/// The body of an entry whose header says it is for `key` and whose length and hash
/// match it.
fn checked_body<'a>(bytes: &'a [u8], key: &[u8; 32]) -> Option<&'a [u8]> {
    let (header, body) = bytes.split_at_checked(HEADER)?;
    let (magic, rest) = header.split_at(MAGIC.len());
    let (stored_key, rest) = rest.split_at(32);
    let (len, digest) = rest.split_at(8);
    let len = u64::from_le_bytes(len.try_into().ok()?);
    let sound = magic == MAGIC
        && stored_key == key
        && len == body.len() as u64
        && digest == Sha256::digest(body).as_slice();
    sound.then_some(body)
}

/// Writes the entry for `key` to `file` atomically (a temporary file in the same
/// folder, renamed).
fn store(dir: &Path, file: &Path, key: &[u8; 32], read: &FileRead) -> std::io::Result<()> {
    let entry = EntryRef {
        format: read.format.id(),
        encoding: read.encoding,
        sheets: &read.sheets,
        problems: read.problems.iter().map(Noted::of).collect(),
    };
    let body = bincode::serde::encode_to_vec(&entry, bincode::config::standard())
        .map_err(std::io::Error::other)?;
    // Not through a link put in the cache's place: it would fill the folder it points to.
    let linked = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
    if linked(dir) || dir.parent().is_some_and(linked) {
        return Err(std::io::Error::other("the cache folder is a link"));
    }
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".tmp").tempfile_in(dir)?;
    tmp.write_all(MAGIC)?;
    tmp.write_all(key)?;
    tmp.write_all(&(body.len() as u64).to_le_bytes())?;
    tmp.write_all(&Sha256::digest(&body))?;
    tmp.write_all(&body)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// A [`FileRead`] as stored (the format and problems by their manifest ids).
#[derive(Serialize)]
struct EntryRef<'a> {
    format: &'a str,
    encoding: Option<&'a str>,
    sheets: &'a [Sheet],
    problems: Vec<Noted>,
}

/// A [`FileRead`] as loaded: the same fields as [`EntryRef`].
#[derive(Deserialize)]
struct Entry {
    format: String,
    encoding: Option<String>,
    sheets: Vec<Sheet>,
    problems: Vec<Noted>,
}

impl Entry {
    /// The read, or `None` when a label or code is not one this zwgk knows.
    fn into_read(self) -> Option<FileRead> {
        let encoding = match self.encoding {
            Some(label) => Some(read::known_label(&label)?),
            None => None,
        };
        let problems = self.problems.into_iter().map(Noted::problem);
        Some(FileRead {
            format: Format::from_id(&self.format)?,
            encoding,
            sheets: self.sheets,
            problems: problems.collect::<Option<_>>()?,
        })
    }
}

/// A [`Problem`] as stored: its manifest form names the code and place as text.
#[derive(Serialize, Deserialize)]
struct Noted {
    code: String,
    severity: u8,
    file: String,
    sheet: Option<String>,
    place: Option<(u32, Option<u32>)>,
    unit: Option<String>,
    value: Option<String>,
    message: String,
    suggestion: Option<String>,
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

impl Noted {
    fn of(p: &Problem) -> Self {
        Self {
            code: p.code.id().to_string(),
            severity: SEVERITIES
                .iter()
                .position(|s| *s == p.severity)
                .unwrap_or(0) as u8,
            file: p.file.clone(),
            sheet: p.sheet.clone(),
            place: p.place.map(|at| (at.row, at.col)),
            unit: p.unit.clone(),
            value: p.value.clone(),
            message: p.message.clone(),
            suggestion: p.suggestion.clone(),
        }
    }

    fn problem(self) -> Option<Problem> {
        Some(Problem {
            code: *Code::ALL.iter().find(|c| c.id() == self.code)?,
            severity: *SEVERITIES.get(usize::from(self.severity))?,
            file: self.file,
            sheet: self.sheet,
            place: self.place.map(|(row, col)| Place { row, col }),
            unit: self.unit,
            value: self.value,
            message: self.message,
            suggestion: self.suggestion,
            advice: None,
        })
    }
}

/// Serde for the shared text of a cell: stored as a plain string.
pub(crate) mod shared_str {
    use super::Arc;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(s: &Arc<str>, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(from).map(Arc::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Cell, Merge, Visibility};

    fn read() -> FileRead {
        let date =
            chrono::NaiveDate::from_ymd_opt(2018, 4, 2).and_then(|d| d.and_hms_opt(9, 30, 0));
        let cells = vec![
            Cell::Empty,
            Cell::Text("关于春耕的通知".into()),
            Cell::Number(-1.5),
            Cell::Date(date.unwrap()),
            Cell::Bool(true),
            Cell::Error("#REF!".into()),
        ];
        let sheet = Sheet {
            name: "明细".into(),
            visibility: Visibility::Hidden,
            rows: vec![cells, Vec::new(), vec![Cell::Text("末行".into())]],
            merges: vec![Merge {
                first_row: 0,
                first_col: 1,
                last_row: 2,
                last_col: 3,
            }],
            date1904: true,
            hidden_rows: vec![2],
            links: vec![(0, 1, "http://a.cn/1.html".into())],
        };
        let mut problem = Problem::new(Code::BadDate, "inbox/民政局.csv", &["2018-13-01"]);
        problem = problem.at("明细", Place::cell(3, 2));
        problem.unit = Some("民政局".into());
        problem.severity = Severity::Info;
        FileRead {
            format: Format::Delimited(read::Delimiter::Semicolon),
            encoding: Some("UTF-8 (BOM)"),
            sheets: vec![sheet],
            problems: vec![
                problem,
                Problem::new(Code::EmptyFile, "inbox/民政局.csv", &[]),
            ],
        }
    }

    #[test]
    fn an_entry_gives_back_exactly_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("e.bin");
        store(dir.path(), &file, &[7; 32], &read()).unwrap();
        assert_eq!(load(&file, &[7; 32]).unwrap(), Some(read()));
        assert_eq!(load(&dir.path().join("none.bin"), &[7; 32]).unwrap(), None);
    }

    #[test]
    fn a_damaged_or_misplaced_entry_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("e.bin");
        store(dir.path(), &file, &[7; 32], &read()).unwrap();
        assert!(load(&file, &[8; 32]).is_err(), "another key");
        let bytes = std::fs::read(&file).unwrap();
        for at in [0, HEADER - 1, HEADER + 5, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[at] ^= 1;
            std::fs::write(&file, &flipped).unwrap();
            assert!(load(&file, &[7; 32]).is_err(), "byte {at} flipped");
        }
        for len in [0, HEADER, bytes.len() - 1] {
            std::fs::write(&file, &bytes[..len]).unwrap();
            assert!(load(&file, &[7; 32]).is_err(), "cut to {len}");
        }
    }

    #[test]
    fn every_label_a_decoding_gives_is_known_again() {
        for label in [
            "UTF-8",
            "UTF-8 (BOM)",
            "GB18030",
            "UTF-16LE",
            "UTF-32BE",
            "Big5",
            "windows-1252",
        ] {
            assert_eq!(read::known_label(label), Some(label));
        }
        assert_eq!(read::known_label("gbk"), None);
    }

    #[test]
    fn the_key_changes_with_name_content_and_options() {
        let cache = Cache::open(Path::new("out"));
        let opts = ReadOptions::default();
        let key = cache.key("abc", "inbox/a.csv", &opts);
        assert_ne!(key, cache.key("abd", "inbox/a.csv", &opts));
        assert_ne!(key, cache.key("abc", "inbox/b.csv", &opts));
        let gbk = ReadOptions {
            encoding: Some(encoding_rs::GBK),
            ..opts
        };
        assert_ne!(key, cache.key("abc", "inbox/a.csv", &gbk));
        let mut limits = opts;
        limits.limits.cells = 5;
        assert_ne!(key, cache.key("abc", "inbox/a.csv", &limits));
    }
}
