//! Hostile and odd files and a hostile machine: one file never stops a run, the outputs of
//! one run stay one set after a kill, and a full disk or temporary folder ends the run
//! with exit code 3 and a Chinese message, never a panic.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rust_xlsxwriter::Workbook;
use sha2::{Digest, Sha256};

use crate::harness::{Ws, sheet_text};

const PERIOD: &str = "2018-04";

/// The bytes of an xlsx with its zip part `name` edited by `edit`.
fn repack(bytes: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let part_name = part.name().expect("part name").to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).expect("read part");
        if part_name == name {
            data = edit(String::from_utf8(data).expect("utf-8 part")).into_bytes();
        }
        out.start_file(part_name, zip::write::SimpleFileOptions::default())
            .expect("start part");
        out.write_all(&data).expect("write part");
    }
    out.finish().expect("finish zip").into_inner()
}

/// A small items workbook, the base of the xlsx cases.
fn items_book(rows: u32) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["标题", "发布日期", "栏目"].iter().enumerate() {
        ws.write(0, c as u16, *h).expect("header");
    }
    for r in 1..=rows {
        ws.write(r, 0, format!("信息{r}")).expect("cell");
        ws.write(r, 1, "2018-04-02").expect("cell");
        ws.write(r, 2, "政策文件").expect("cell");
    }
    wb.save_to_buffer().expect("xlsx")
}

/// The hostile files of the issue, each with the problem code it must be named with.
fn hostile_inbox(ws: &Ws) -> Vec<(&'static str, &'static [&'static str])> {
    let inbox = "inbox/异常文件";
    // An .xls whose DIMENSIONS record declares 4 billion rows (the sheet holds 12 or so).
    let mut xls =
        std::fs::read(ws.join("inbox/2018年4月/国土局-2018年4月.xls")).expect("sample xls");
    let at = xls
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("a DIMENSIONS record");
    xls[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    ws.write(&format!("{inbox}/维度四十亿行.xls"), xls);
    let sst = repack(&items_book(3), "xl/sharedStrings.xml", |x| {
        let at = x.find("count=\"").expect("count") + 7;
        let end = at + x[at..].find('"').expect("quote");
        format!("{}4294967295{}", &x[..at], &x[end..])
    });
    ws.write(&format!("{inbox}/共享字符串四十亿.xlsx"), sst);
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    for r in 0..50_000 {
        sheet.write(r, 16_383, "x").expect("cell");
    }
    ws.write(
        &format!("{inbox}/稀疏XFD列.xlsx"),
        wb.save_to_buffer().expect("xlsx"),
    );
    let rows = repack(&items_book(1), "xl/worksheets/sheet1.xml", |x| {
        let at = x.find("<row r=\"2\"").expect("row 2");
        let end = at + x[at..].find("</row>").expect("row end") + 6;
        let row = &x[at..end];
        format!("{}{}{}", &x[..end], row.repeat(200_000), &x[end..])
    });
    ws.write(&format!("{inbox}/重复行二十万.xlsx"), rows);
    ws.write(&format!("{inbox}/四百万逗号.csv"), ",".repeat(4_000_000));
    let spans = "<table><tr><td rowspan=65535 colspan=65535>标题</td></tr></table>";
    ws.write(&format!("{inbox}/合并65535.xls"), spans);
    let deep = format!(
        "<html><body>{}<table><tr><td>标题</td></tr></table>",
        "<div>".repeat(200_000)
    );
    ws.write(&format!("{inbox}/嵌套二十万层.html"), deep);
    let fifo = ws.join(&format!("{inbox}/管道.csv"));
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", ws.join(&format!("{inbox}/零.csv"))).expect("link");
    std::os::unix::fs::symlink("/dev/urandom", ws.join(&format!("{inbox}/随机.xlsx")))
        .expect("link");
    // 3 GiB that a run skips by name: a sparse file, never read.
    let thumbs = std::fs::File::create(ws.join(&format!("{inbox}/Thumbs.db"))).expect("thumbs");
    thumbs.set_len(3 << 30).expect("sparse file");
    vec![
        // Read as the valid files they are: their rows are there, for a unit not known.
        ("维度四十亿行.xls", &["U003"]),
        ("共享字符串四十亿.xlsx", &["U003"]),
        ("稀疏XFD列.xlsx", &["F010"]),
        ("重复行二十万.xlsx", &["U003"]),
        ("四百万逗号.csv", &["F010"]),
        ("合并65535.xls", &["L001"]),
        ("嵌套二十万层.html", &["F010"]),
        ("管道.csv", &["F012"]),
        ("零.csv", &["F013"]),
        ("随机.xlsx", &["F013"]),
        ("Thumbs.db", &["F001"]),
    ]
}

/// Runs zwgk with `args` in `dir`, polling its peak memory; gives the exit code and the
/// peak resident size in KiB.
fn run_measured(dir: &Path, args: &[&str]) -> (i32, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn zwgk");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return (status.code().unwrap_or(-1), peak);
        }
        let status = std::fs::read_to_string(&status_file).unwrap_or_default();
        let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:"));
        if let Some(kb) = hwm.and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()) {
            peak = kb;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "zwgk hangs");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn an_inbox_of_hostile_files_next_to_good_ones_counts_every_good_file() {
    let good = Ws::sample("daying-2018");
    assert_eq!(good.zwgk(&["run", "--period", PERIOD]).code, 1);
    let ws = Ws::sample("daying-2018");
    let hostile = hostile_inbox(&ws);
    let (code, peak_kib) = run_measured(ws.path(), &["run", "--period", PERIOD]);
    assert_eq!(code, 1);
    eprintln!("peak memory of the run: {peak_kib} KiB");
    assert!(peak_kib < 512 * 1024, "peak memory {peak_kib} KiB");
    // Every good file is read as it is without the hostile ones.
    let inputs = |ws: &Ws| -> Vec<serde_json::Value> {
        let m = crate::harness::manifest(ws, PERIOD);
        m["inputs"].as_array().expect("inputs").clone()
    };
    let with_hostile = inputs(&ws);
    for record in inputs(&good) {
        assert!(with_hostile.contains(&record), "{record}");
    }
    let problems = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    for (name, codes) in hostile {
        let named = problems
            .iter()
            .map(|row| row.join(" "))
            .filter(|row| row.contains(name))
            .collect::<Vec<_>>();
        assert!(
            named
                .iter()
                .any(|row| codes.iter().any(|c| row.contains(c))),
            "{name}: expected one of {codes:?} among {:#?}",
            problems
                .iter()
                .map(|row| row.join(" "))
                .filter(|row| row.contains("异常文件"))
                .collect::<Vec<_>>()
        );
    }
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `out/<period>/` holds one set: the manifest names the 汇总 beside it.
fn one_set(ws: &Ws) -> bool {
    let m = crate::harness::manifest(ws, PERIOD);
    let output = &m["outputs"][0];
    let path = output["path"].as_str().expect("path");
    output["sha256"].as_str() == Some(sha256(&ws.join(path)).as_str())
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walk(dir) {
        let name = entry.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(".zwgk-") {
            found.push(entry.display().to_string());
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn a_kill_during_a_run_leaves_one_set_and_the_next_run_removes_the_leftovers() {
    let ws = Ws::sample("daying-2018");
    let started = Instant::now();
    assert_eq!(ws.zwgk(&["run", "--period", PERIOD]).code, 1);
    let whole = started.elapsed();
    // The write phase is the end of a run: kills spread over its second half.
    for tenth in [6, 8, 9, 10, 11] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(["run", "--period", PERIOD])
            .current_dir(ws.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn zwgk");
        std::thread::sleep(whole * tenth / 10);
        let _ = child.kill();
        let _ = child.wait();
        assert!(one_set(&ws), "after a kill at {tenth}/10 of a run");
    }
    assert_eq!(ws.zwgk(&["run", "--period", PERIOD]).code, 1);
    assert!(one_set(&ws));
    assert_eq!(leftovers(&ws.join("out")), Vec::<String>::new());
}

#[test]
fn a_full_disk_ends_the_run_with_exit_3_and_keeps_the_previous_set() {
    let ws = Ws::sample("daying-2018");
    assert_eq!(ws.zwgk(&["run", "--period", PERIOD]).code, 1);
    let before = sha256(&ws.join("out/2018-04/manifest.json"));
    // A file size limit stands in for a full disk: writes past 64 KiB fail (EFBIG) once
    // the signal that would kill the process is ignored.
    let zwgk = env!("CARGO_BIN_EXE_zwgk");
    let out = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 64; exec \"$0\" run --period 2018-04",
        ])
        .arg(zwgk)
        .current_dir(ws.path())
        .output()
        .expect("run zwgk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("文件超过系统允许的大小"), "{stderr}");
    assert!(!stderr.contains("内部错误"), "{stderr}");
    assert_eq!(sha256(&ws.join("out/2018-04/manifest.json")), before);
    assert!(one_set(&ws));
    assert_eq!(leftovers(&ws.join("out")), Vec::<String>::new());
}

#[test]
fn an_unusable_tmpdir_ends_the_run_with_exit_3_and_says_which_folder() {
    let ws = Ws::sample("daying-2018");
    let out = Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .args(["run", "--period", PERIOD])
        .current_dir(ws.path())
        .env("TMPDIR", ws.join("没有这个文件夹"))
        .output()
        .expect("run zwgk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("无法在临时文件夹") && stderr.contains("没有这个文件夹"),
        "{stderr}"
    );
    assert!(!ws.join("out/2018-04").exists());
    assert_eq!(leftovers(&ws.join("out")), Vec::<String>::new());
}
