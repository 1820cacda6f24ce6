//! `zwgk init`: an empty workspace, a bundled sample, and refusing to overwrite.

use crate::harness::{V, Ws, sheet_text};

#[test]
fn an_empty_workspace_has_headed_tables_and_asks_for_them_to_be_filled() {
    let ws = Ws::new();
    let out = ws.zwgk(&["init", "新县", "--name", "新县"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let toml = std::fs::read_to_string(ws.join("新县/zwgk.toml")).unwrap();
    assert!(toml.contains("name = \"新县\""), "{toml}");
    assert_eq!(
        sheet_text(&ws.join("新县/reference/units.xlsx"), "Sheet1")[0],
        ["单位名称", "别名", "类别"]
    );
    assert!(ws.join("新县/inbox").is_dir());
    // Run before the tables are filled in: said once, naming the table to fill.
    let run = ws.zwgk(&["run", "-w", "新县", "--period", "2026-10"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("单位名称表 reference/units.xlsx 中没有任何单位"),
        "{}",
        run.stderr
    );
    // The sections annex of a sections table still blank says so, not that the
    // settings name none.
    ws.xlsx(
        "新县/reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
        ],
    );
    let out = ws.zwgk(&["annex", "sections", "-w", "新县"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("栏目表 reference/sections.xlsx 中没有任何栏目：请在表头下逐行填写"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_sample_is_copied_whole_and_runs_like_the_original() {
    let ws = Ws::new();
    assert_eq!(ws.zwgk(&["init", "w", "--sample", "daying-2018"]).code, 0);
    let out = ws.zwgk(&["check", "-w", "w", "--period", "2018-04"]);
    assert!(
        out.stdout.contains("计入信息 3818 条（本期 1246 条）"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_existing_workspace_or_an_unknown_sample_is_refused() {
    let ws = Ws::new();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\n");
    let out = ws.zwgk(&["init"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("已经是工作目录"), "{}", out.stderr);
    let out = ws.zwgk(&["init", "x", "--sample", "不存在"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("没有名为「不存在」的示例") && out.stderr.contains("daying-2018"),
        "{}",
        out.stderr
    );
    // A sample keeps its own area's name: --name with it is refused, not ignored.
    let out = ws.zwgk(&["init", "y", "--sample", "daying-2018", "--name", "青山县"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("不能与"), "{}", out.stderr);
    assert!(!ws.join("y").exists());
}

#[test]
fn init_keeps_an_offices_existing_reference_tables() {
    let ws = Ws::sample("daying-2018");
    let units = std::fs::read(ws.join("reference/units.xlsx")).unwrap();
    std::fs::remove_file(ws.join("zwgk.toml")).unwrap();
    let out = ws.zwgk(&["init", ".", "--name", "大英县"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(ws.join("reference/units.xlsx")).unwrap(),
        units
    );
    assert!(
        out.stdout.contains("units.xlsx（已有，未覆盖）"),
        "{}",
        out.stdout
    );
    // What was missing is written: the settings and the blank sections table.
    assert!(ws.join("zwgk.toml").is_file());
    assert!(ws.join("reference/sections.xlsx").is_file());
}

#[test]
fn init_from_a_sample_keeps_files_already_in_the_folder() {
    let ws = Ws::new();
    ws.write("w/inbox/交运局-2018年1月.xlsx", "本办自己的文件");
    let out = ws.zwgk(&["init", "w", "--sample", "daying-2018"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(ws.join("w/inbox/交运局-2018年1月.xlsx")).unwrap(),
        "本办自己的文件"
    );
    assert!(out.stdout.contains("（已有，未覆盖）"), "{}", out.stdout);
}

#[test]
fn init_writes_a_name_with_quotes_as_valid_settings_and_refuses_a_blank_one() {
    let ws = Ws::new();
    let out = ws.zwgk(&["init", "w", "--name", "大\"英\\县"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    ws.xlsx(
        "w/reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
        ],
    );
    ws.xlsx(
        "w/reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(12.0)],
        ],
    );
    let out = ws.zwgk(&["check", "-w", "w", "--period", "2026-10"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("大\"英\\县"), "{}", out.stdout);
    for name in ["", "  "] {
        let out = ws.zwgk(&["init", "x", "--name", name]);
        assert_eq!(out.code, 2, "{name:?}: {}", out.stdout);
        assert!(out.stderr.contains("地区名称不能为空"), "{}", out.stderr);
        assert!(!ws.join("x").exists());
    }
}
