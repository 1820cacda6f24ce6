//! `zwgk watch` on a workspace written in the test, with a short debounce: files dropped,
//! removed and a bad `zwgk.toml` while it runs. Every wait is bounded and the child is
//! killed when a test ends, passed or failed.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::harness::{V, Ws, manifest};

/// Generous: the machines that run the tests are often loaded.
const WAIT: Duration = Duration::from_secs(90);

/// Two units with targets; 民政局 has sent its April list, 蓬莱镇 nothing yet.
fn county() -> Ws {
    let ws = Ws::new();
    county_in(&ws, "");
    ws
}

/// [`county`]'s files in the folder `dir` (`""`, or ending in `/`) of `ws`.
fn county_in(ws: &Ws, dir: &str) {
    let at = |rel: &str| format!("{dir}{rel}");
    ws.write(&at("zwgk.toml"), SETTINGS);
    ws.xlsx(
        &at("reference/units.xlsx"),
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
        ],
    );
    ws.xlsx(
        &at("reference/targets.xlsx"),
        &[
            vec![V::T("单位"), V::T("目标任务数量")],
            vec![V::T("民政局"), V::N(120.0)],
            vec![V::T("蓬莱镇"), V::N(60.0)],
        ],
    );
    ws.write(
        &at("inbox/民政局-2018年4月.csv"),
        "标题,发布日期,栏目\n民政局召开春季工作会议,2018-04-09,工作动态\n",
    );
}

const SETTINGS: &str = "[workspace]\nname = \"大英县\"\nyear = 2018\n";
const PENGLAI: &str = "inbox/蓬莱镇/4月.csv";
const PENGLAI_CSV: &str =
    "填报单位：蓬莱镇\n标题,发布日期,栏目\n蓬莱镇春季森林防火工作会议,2018-04-03,工作动态\n";

/// A running `zwgk watch` and the lines it has printed.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(ws: &Ws) -> Self {
        Self::start_in(ws.path())
    }

    fn start_in(dir: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(["watch", "--period", "2018-04", "--debounce-ms", "200"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start zwgk watch");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The next printed line holding `text`, waiting at most [`WAIT`].
    fn line_with(&mut self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => {
                    self.seen.push(line.clone());
                    return line;
                }
                Ok(line) => self.seen.push(line),
                Err(_) => panic!(
                    "zwgk watch printed no line with 「{text}」; it printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn inputs(ws: &Ws) -> Vec<String> {
    let m = manifest(ws, "2018-04");
    let inputs = m["inputs"].as_array().expect("inputs");
    inputs
        .iter()
        .map(|i| i["path"].as_str().expect("path").to_string())
        .collect()
}

#[test]
fn watch_reruns_when_a_file_is_dropped_into_the_inbox() {
    let ws = county();
    let mut watch = Watching::start(&ws);
    let first = watch.line_with("第 1 次汇总");
    assert!(first.contains("（启动）"), "{first}");
    assert!(first.contains("本期未报送 1 个单位（蓬莱镇）"), "{first}");
    assert!(first.contains("结果在 out/2018-04/"), "{first}");
    assert!(!inputs(&ws).contains(&PENGLAI.to_string()));

    ws.write(PENGLAI, PENGLAI_CSV);
    let second = watch.line_with("第 2 次汇总");
    assert!(second.contains(&format!("新增 {PENGLAI}")), "{second}");
    assert!(second.contains("本期未报送 0 个单位"), "{second}");
    assert!(inputs(&ws).contains(&PENGLAI.to_string()));
}

/// An inbox outside the workspace (a shared drive), as `zwgk.toml` may name it, is
/// watched too.
#[test]
fn watch_reruns_when_a_file_is_dropped_into_an_inbox_outside_the_workspace() {
    let ws = county();
    let shared = Ws::new();
    let inbox = shared.join("收件");
    std::fs::create_dir_all(&inbox).expect("inbox");
    let settings = format!(
        "{SETTINGS}[paths]\ninbox = {:?}\n",
        inbox.display().to_string()
    );
    ws.write("zwgk.toml", settings);
    let mut watch = Watching::start(&ws);
    let first = watch.line_with("第 1 次汇总");
    assert!(first.contains("本期未报送 2 个单位"), "{first}");

    shared.write("收件/蓬莱镇/4月.csv", PENGLAI_CSV);
    let second = watch.line_with("第 2 次汇总");
    assert!(second.contains("本期未报送 1 个单位（民政局）"), "{second}");

    // Put back under its name (moved away, a copy put in its place), it is the inbox
    // still watched.
    std::fs::rename(&inbox, shared.join("收件.bak")).expect("move");
    watch.line_with("第 3 次汇总");
    std::fs::create_dir_all(&inbox).expect("inbox");
    watch.line_with("第 4 次汇总");
    shared.write(
        "收件/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n会议,2018-04-09,工作动态\n",
    );
    let last = watch.line_with("第 5 次汇总");
    assert!(last.contains("本期未报送 1 个单位（蓬莱镇）"), "{last}");
}

/// An inbox beside the workspace (`../收件`), in the folder the workspace lies in, is
/// heard again once moved away and put back.
#[test]
fn watch_hears_an_inbox_beside_the_workspace_put_back() {
    let both = Ws::new();
    county_in(&both, "县/");
    both.write(
        "县/zwgk.toml",
        format!("{SETTINGS}[paths]\ninbox = \"../收件\"\n"),
    );
    std::fs::create_dir_all(both.join("收件")).expect("inbox");
    let mut watch = Watching::start_in(&both.join("县"));
    watch.line_with("第 1 次汇总");
    std::fs::rename(both.join("收件"), both.join("收件.bak")).expect("move");
    watch.line_with("第 2 次汇总");
    std::fs::rename(both.join("收件.bak"), both.join("收件")).expect("move back");
    watch.line_with("第 3 次汇总");
    both.write("收件/蓬莱镇/4月.csv", PENGLAI_CSV);
    let last = watch.line_with("第 4 次汇总");
    assert!(last.contains("本期未报送 1 个单位（民政局）"), "{last}");
}

#[test]
fn watch_takes_a_file_removed_mid_watch_as_a_change() {
    let ws = county();
    ws.write(PENGLAI, PENGLAI_CSV);
    let mut watch = Watching::start(&ws);
    let first = watch.line_with("第 1 次汇总");
    assert!(first.contains("本期未报送 0 个单位"), "{first}");

    std::fs::remove_file(ws.join(PENGLAI)).expect("remove");
    let second = watch.line_with("第 2 次汇总");
    assert!(second.contains(&format!("删除 {PENGLAI}")), "{second}");
    assert!(second.contains("本期未报送 1 个单位（蓬莱镇）"), "{second}");
    assert!(!inputs(&ws).contains(&PENGLAI.to_string()));
}

#[test]
fn watch_reports_a_bad_zwgk_toml_and_goes_on() {
    let ws = county();
    let mut watch = Watching::start(&ws);
    watch.line_with("第 1 次汇总");

    ws.write("zwgk.toml", "[workspace\nname = \"大英县\"\n");
    let bad = watch.line_with("第 2 次汇总");
    assert!(bad.contains("（修改 zwgk.toml）未完成："), "{bad}");
    assert!(bad.contains("zwgk.toml"), "{bad}");
    assert!(watch.child.try_wait().expect("status").is_none(), "{bad}");

    ws.write("zwgk.toml", SETTINGS);
    let fixed = watch.line_with("第 3 次汇总");
    assert!(fixed.contains("：问题 错误"), "{fixed}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_watch_with_0_and_keeps_the_outputs() {
    let ws = county();
    let mut watch = Watching::start(&ws);
    watch.line_with("第 1 次汇总");
    let pid = watch.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.expect("kill").success());
    watch.line_with("收到 Ctrl-C，正在退出");
    watch.line_with("已停止监视");
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = watch.child.try_wait().expect("status") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "zwgk watch did not end at Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    assert!(inputs(&ws).contains(&"inbox/民政局-2018年4月.csv".to_string()));
}

/// A file written a piece at a time, each sooner after the last than the debounce, is
/// read once, whole: every write keeps the workspace from being quiet.
#[test]
fn a_file_still_being_written_is_read_once_whole() {
    use std::io::Write;
    let ws = county();
    let mut watch = Watching::start(&ws);
    watch.line_with("第 1 次汇总");
    std::fs::create_dir_all(ws.join("inbox/蓬莱镇")).expect("folder");
    let mut file = std::fs::File::create(ws.join(PENGLAI)).expect("create");
    file.write_all("填报单位：蓬莱镇\n标题,发布日期,栏目\n".as_bytes())
        .expect("write");
    for day in 1..=8 {
        std::thread::sleep(Duration::from_millis(60));
        let row = format!("蓬莱镇第{day}次工作会议,2018-04-0{day},工作动态\n");
        file.write_all(row.as_bytes()).expect("write");
        file.flush().expect("flush");
    }
    drop(file);
    watch.line_with("第 2 次汇总");
    let m = manifest(&ws, "2018-04");
    let penglai = (m["inputs"].as_array().expect("inputs").iter())
        .find(|i| i["path"] == PENGLAI)
        .expect("蓬莱镇's file");
    assert_eq!(penglai["sheets"][0]["rows_read"], 8, "{penglai}");
    // No run of a part of the file, nor one more of the whole.
    std::thread::sleep(Duration::from_secs(2));
    while let Ok(line) = watch.lines.try_recv() {
        assert!(!line.contains("次汇总"), "{line}");
    }
}
