//! The read cache in `out/.cache/`: a rerun gives what a cold run gives, picks up every
//! changed, removed or renamed file, and ignores a damaged entry with a note.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::harness::{Ws, manifest, sheet_names, sheet_text};

const PERIOD: &str = "2018-04";
const CSV: &str = "inbox/河边镇-2018年4月.csv";

/// What a run gives that must not depend on the cache: the manifest without its time and
/// the hashes of its outputs (a workbook records when it was written), every cell of the
/// workbook, and the terminal summary.
#[derive(Debug, PartialEq)]
struct Run {
    manifest: serde_json::Value,
    cells: Vec<(String, Vec<Vec<String>>)>,
    stdout: String,
}

fn run(ws: &Ws, args: &[&str]) -> Run {
    let mut all = vec!["run", "--period", PERIOD];
    all.extend(args);
    let out = ws.zwgk(&all);
    assert!(out.code <= 1, "{}", out.stderr);
    let mut manifest = manifest(ws, PERIOD);
    manifest["generated_at"] = serde_json::Value::Null;
    for output in manifest["outputs"].as_array_mut().expect("outputs") {
        output["sha256"] = serde_json::Value::Null;
    }
    let book = ws.join(&format!("out/{PERIOD}/汇总-{PERIOD}.xlsx"));
    let cells = sheet_names(&book)
        .into_iter()
        .map(|name| (name.clone(), sheet_text(&book, &name)))
        .collect();
    Run {
        manifest,
        cells,
        stdout: out.stdout,
    }
}

/// The cache entries, each with its bytes.
fn entries(ws: &Ws) -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = ws.join("out/.cache/read");
    let files = std::fs::read_dir(dir).into_iter().flatten().flatten();
    files
        .map(|e| (e.path(), std::fs::read(e.path()).expect("entry")))
        .collect()
}

/// Asserts that a run with the cache gives what a run without it gives, and returns the
/// entries before and after the cached run.
fn cached_equals_cold(ws: &Ws) -> (BTreeMap<PathBuf, Vec<u8>>, BTreeMap<PathBuf, Vec<u8>>) {
    let before = entries(ws);
    let warm = run(ws, &[]);
    let after = entries(ws);
    let cold = run(ws, &["--no-cache"]);
    assert_eq!(warm, cold);
    assert_eq!(entries(ws), after, "--no-cache touched the cache");
    (before, after)
}

fn inbox_files(result: &Run) -> usize {
    let inputs = result.manifest["inputs"].as_array().expect("inputs");
    let read = inputs.iter().filter(|i| i["status"] == "ok");
    read.filter(|i| i["path"].as_str().is_some_and(|p| p.starts_with("inbox/")))
        .count()
}

#[test]
fn a_cached_rerun_equals_a_cold_run_and_parses_nothing_again() {
    let ws = Ws::sample("daying-2018");
    let workspace = ws.snapshot();
    let first = run(&ws, &[]);
    let (before, after) = cached_equals_cold(&ws);
    // Nothing outside out/ was written: deleting out/ is a cold start.
    assert_eq!(ws.snapshot(), workspace);
    // Every file read has its entry, and the rerun rewrote none of them.
    assert!(before.len() >= inbox_files(&first), "{}", before.len());
    assert_eq!(before, after);
    assert!(!first.stdout.contains("缓存"), "{}", first.stdout);
}

#[test]
fn a_changed_file_is_read_again() {
    let ws = Ws::sample("daying-2018");
    run(&ws, &[]);
    let mut text = std::fs::read(ws.join(CSV)).expect("csv");
    // The sample's CSV is GBK with CRLF line ends.
    let (line, _, _) =
        encoding_rs::GB18030.encode("27,河边镇新增的一条信息,2018/4/28,镇乡动态\r\n");
    text.extend(line.iter());
    ws.write(CSV, &text);
    let (before, after) = cached_equals_cold(&ws);
    // The old entry went, one new came; every other entry stayed as it was.
    let gone: Vec<_> = before.keys().filter(|k| !after.contains_key(*k)).collect();
    let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!((gone.len(), new.len()), (1, 1), "{gone:?} {new:?}");
    let items = sheet_text(
        &ws.join(&format!("out/{PERIOD}/汇总-{PERIOD}.xlsx")),
        "明细",
    );
    assert!(items.iter().flatten().any(|c| c == "河边镇新增的一条信息"));
}

#[test]
fn a_removed_file_is_gone_from_the_rerun_and_from_the_cache() {
    let ws = Ws::sample("daying-2018");
    let first = run(&ws, &[]);
    std::fs::remove_file(ws.join(CSV)).expect("remove");
    let (before, after) = cached_equals_cold(&ws);
    assert_eq!(after.len() + 1, before.len());
    let second = run(&ws, &[]);
    assert_eq!(inbox_files(&second) + 1, inbox_files(&first));
    assert!(!second.manifest.to_string().contains(CSV));
}

#[test]
fn a_renamed_file_is_read_under_its_new_name() {
    let ws = Ws::sample("daying-2018");
    run(&ws, &[]);
    let renamed = "inbox/河边镇-2018年4月（更正）.csv";
    std::fs::rename(ws.join(CSV), ws.join(renamed)).expect("rename");
    let (before, after) = cached_equals_cold(&ws);
    assert_eq!(after.len(), before.len());
    assert_ne!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let text = run(&ws, &[]).manifest.to_string();
    assert!(text.contains(renamed) && !text.contains(CSV), "{text}");
}

#[test]
fn a_truncated_cache_entry_is_ignored_with_a_note_and_replaced() {
    let ws = Ws::sample("daying-2018");
    let cold = run(&ws, &[]);
    let before = entries(&ws);
    let (victim, bytes) = before
        .iter()
        .max_by_key(|(_, b)| b.len())
        .expect("an entry");
    std::fs::write(victim, &bytes[..bytes.len() / 2]).expect("truncate");
    // --no-cache neither looks at the cache nor mends it.
    let ignored = run(&ws, &["--no-cache"]);
    assert!(!ignored.stdout.contains("缓存"), "{}", ignored.stdout);
    assert_eq!(std::fs::read(victim).expect("entry").len(), bytes.len() / 2);
    let warm = run(&ws, &[]);
    let name = victim.file_name().expect("name").to_string_lossy();
    assert!(
        warm.stdout.contains("注意：缓存") && warm.stdout.contains(&*name),
        "{}",
        warm.stdout
    );
    assert_eq!((warm.manifest, warm.cells), (cold.manifest, cold.cells));
    assert_eq!(entries(&ws), before, "the damaged entry is written anew");
}

/// `zwgk assess` reads the inbox through the cache too, and `--no-cache` keeps it away.
#[test]
fn assess_uses_the_cache_unless_told_not_to() {
    let ws = Ws::sample("huainan-2021");
    let out = ws.zwgk(&["assess", "--no-cache"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(entries(&ws).is_empty(), "--no-cache wrote the cache");
    let out = ws.zwgk(&["assess"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(!entries(&ws).is_empty(), "assess did not write the cache");
}

/// Only a regular file as long as its header says is read: an entry padded out, a link
/// to /dev/zero (which would fill the memory) and a named pipe (which would block the
/// run) are ignored with a note and replaced; a cache folder that is a file costs the
/// run its cache, not a note per input.
#[cfg(unix)]
#[test]
fn an_entry_that_is_no_regular_file_of_its_length_is_not_read() {
    let ws = Ws::sample("daying-2018");
    let cold = run(&ws, &[]);
    let before = entries(&ws);
    let mut victims = before.keys();
    let mut victim = || victims.next().expect("three entries");
    let (padded, linked, piped) = (victim(), victim(), victim());
    let mut bytes = before[padded].clone();
    bytes.extend(vec![0; 1 << 20]);
    std::fs::write(padded, bytes).expect("pad");
    std::fs::remove_file(linked).expect("remove");
    std::os::unix::fs::symlink("/dev/zero", linked).expect("link");
    std::fs::remove_file(piped).expect("remove");
    let made = std::process::Command::new("mkfifo").arg(piped).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let warm = run(&ws, &[]);
    for v in [padded, linked, piped] {
        let name = v.file_name().expect("name").to_string_lossy();
        assert!(warm.stdout.contains(&*name), "{name}: {}", warm.stdout);
    }
    assert_eq!((&warm.manifest, &warm.cells), (&cold.manifest, &cold.cells));
    assert_eq!(entries(&ws), before, "the damaged entries are written anew");

    std::fs::remove_dir_all(ws.join("out/.cache")).expect("remove");
    std::fs::write(ws.join("out/.cache"), "not a folder").expect("write");
    let uncached = run(&ws, &[]);
    assert!(!uncached.stdout.contains("缓存"), "{}", uncached.stdout);
    assert_eq!(
        (&uncached.manifest, &uncached.cells),
        (&cold.manifest, &cold.cells)
    );
}

/// Pruning deletes only the cache's own entries: files of the user's put in the cache
/// folder, and the files of a folder a link in its place points to, are left alone.
#[test]
fn pruning_deletes_only_entries_and_never_through_a_link() {
    let ws = Ws::sample("daying-2018");
    run(&ws, &[]);
    ws.write("out/.cache/read/说明.txt", "本办的笔记");
    let stale = ws.join(&format!("out/.cache/read/{}.bin", "ab".repeat(32)));
    std::fs::write(&stale, "an entry no run uses").expect("write");
    run(&ws, &[]);
    assert!(ws.join("out/.cache/read/说明.txt").exists());
    assert!(!stale.exists(), "an unused entry is pruned");

    let elsewhere = Ws::new();
    elsewhere.write("报告.docx", "important");
    let unused = format!("{}.bin", "cd".repeat(32));
    elsewhere.write(&unused, "looks like an entry");
    std::fs::remove_dir_all(ws.join("out/.cache/read")).expect("remove");
    std::os::unix::fs::symlink(elsewhere.path(), ws.join("out/.cache/read")).expect("link");
    run(&ws, &[]);
    assert!(elsewhere.join("报告.docx").exists());
    assert!(
        elsewhere.join(&unused).exists(),
        "nothing is pruned through a link"
    );
    let files = std::fs::read_dir(elsewhere.path()).expect("list").count();
    assert_eq!(files, 2, "nothing is written through a link either");

    // Nor where the link is the cache folder itself.
    std::fs::remove_file(ws.join("out/.cache/read")).expect("unlink");
    std::fs::remove_dir(ws.join("out/.cache")).expect("remove");
    let cache = Ws::new();
    cache.write(&format!("read/{unused}"), "looks like an entry");
    std::os::unix::fs::symlink(cache.path(), ws.join("out/.cache")).expect("link");
    run(&ws, &[]);
    assert!(cache.join(&format!("read/{unused}")).exists());
}
