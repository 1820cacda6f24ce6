//! The office's own files: zwgk.toml (with the `[groups]` its 保障单位 column needs), the
//! units table, the year's targets, and seed 000 Annex 1 as reference/sections.xlsx,
//! laid out as printed: 一级栏目 merged down its rows, some 二级栏目 merged, others
//! written once and left blank below (both read the same way).

use std::path::Path;

use chrono::NaiveDate;

use crate::formats::xlsx;
use crate::grid::{Grid, RowKind, Val};
use crate::inbox::Res;
use crate::ledger::Trap;
use crate::sections::{GROUPS, SectionRow};
use crate::units::UnitSpec;

/// Where Annex 1 is kept, and its sheet.
pub const SECTIONS_FILE: &str = "reference/sections.xlsx";
pub const SECTIONS_SHEET: &str = "栏目保障任务分解表";
/// Where the targets are kept, and their sheet.
pub const TARGETS_FILE: &str = "reference/targets.xlsx";
pub const TARGETS_SHEET: &str = "目标任务";
/// The sheet row of the first section (附件1, the title and the header above it).
pub const FIRST_SECTION_ROW: u32 = 4;
/// The sheet row of the first target.
const FIRST_TARGET_ROW: u32 = 4;

/// 二级栏目 whose cell is merged down its rows; the others are written once.
const MERGED_LEVEL2: [&str; 3] = ["政务动态", "重点领域公开", "公开专栏建设"];

const README: &str = "\
# 示例工作目录：汤阴县 2022 年基层政务公开跟踪评估

来源：《汤阴县人民政府办公室关于印发〈汤阴县基层政务公开跟踪评估工作实施方案〉的通知》（2022年6月23日）。

- `zwgk.toml`：本工作目录的设置；`[groups]` 写明栏目表中“各单位”“有执法职权的单位”“国有企业”指哪些单位；`[report]` 的 `tracking = true` 表示本办按方案开展跟踪评估（通报发布评估结果、点名要求整改）
- `reference/units.xlsx`：10 个乡镇、29 个县直部门（附件1“地方部门平台链接”所列）和保障单位一栏点到的其他 9 个单位，含别名、类别
- `reference/targets.xlsx`：2022 年各乡镇、部门的信息报送目标任务
- `reference/sections.xlsx`：附件1《汤阴县政府网站栏目保障任务分解表》原样（一级、二级、三级栏目，公开内容，保障单位），另加县政府办确定的“更新频率”一列
- `inbox/`：2022 年第一、二季度各单位报送的信息明细，格式多样，也有常见的错误

哪些是通知原文，哪些是为示例编造的：栏目、公开内容、保障单位取自通知附件1原文；通知没有给出目标任务，
`reference/targets.xlsx` 中各单位的目标任务数全部是为示例编造的；“更新频率”一列也是示例补充的（通知只要求
“及时”更新、每季度评估一次）；`inbox/` 中的每一条信息（标题、日期、链接）都是生成的，不是汤阴县网站的真实信息。

运行：

```bash
zwgk run -w samples/tangyin-2022 --period 2022Q2
zwgk report -w samples/tangyin-2022 --period 2022Q2 --date 2022-06-23
```

本目录由 `examples/make_sample_tangyin.rs` 生成，请勿手工修改；重新生成请运行 `scripts/make-samples`。
各单位本期条数、栏目更新情况和应当报出的问题见 `tests/expected/tangyin-2022.json`。
";

fn config() -> String {
    let mut out = String::from(
        "# 汤阴县 2022 年基层政务公开跟踪评估（示例工作目录，来自《汤阴县基层政务公开跟踪评估工作实施方案》）
# 运行：zwgk run -w samples/tangyin-2022 --period 2022Q2
#       zwgk report -w samples/tangyin-2022 --period 2022Q2 --date 2022-06-23

[workspace]
name = \"汤阴县\"
year = 2022

[reference]
units = \"reference/units.xlsx\"
targets = \"reference/targets.xlsx\"
sections = \"reference/sections.xlsx\"

# 栏目表“保障单位”一栏中的单位组。“相关单位”尚未定义，运行时会提示。
[groups]
",
    );
    for (phrase, members) in GROUPS {
        if phrase == "国有企业" {
            out.push_str("# 国有企业信息由财政局（国有资产管理）汇总报送\n");
        }
        let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
        out.push_str(&format!("\"{phrase}\" = [{}]\n", list.join(", ")));
    }
    out.push_str(REPORT);
    out
}

/// Seed 000 三: the office evaluates every section each quarter and the units rectify
/// within 5 working days; its quarterly 通报 publishes the results (五(三)).
const REPORT: &str = "
# 跟踪评估（方案三）：每季度评估全部栏目，存在问题的单位 5 个工作日内整改；季度通报发布评估结果
[report]
tracking = true
# 通知所附的联系人和电话，写在催报末尾
contact = \"李朋亮\"
phone = \"6201663\"
";

/// Writes zwgk.toml, README.md and reference/.
///
/// # Errors
/// Any I/O or xlsx writer error.
pub fn write(root: &Path, units: &[UnitSpec], rows: &[SectionRow]) -> Res<()> {
    std::fs::write(root.join("zwgk.toml"), config())?;
    std::fs::write(root.join("README.md"), README)?;
    let saved = NaiveDate::from_ymd_opt(2022, 6, 20).unwrap_or(NaiveDate::MIN);
    std::fs::write(
        root.join("reference/units.xlsx"),
        xlsx(&[units_sheet(units)], saved)?,
    )?;
    std::fs::write(
        root.join(TARGETS_FILE),
        xlsx(&[targets_sheet(units)], saved)?,
    )?;
    std::fs::write(
        root.join(SECTIONS_FILE),
        xlsx(&[sections_sheet(rows)], saved)?,
    )?;
    Ok(())
}

fn units_sheet(units: &[UnitSpec]) -> Grid {
    let mut grid = Grid::new("单位名称表");
    grid.widths = vec![24.0, 60.0, 12.0];
    grid.push(
        RowKind::Header,
        ["单位名称", "别名", "类别"].map(Val::text).to_vec(),
    );
    for u in units {
        grid.push(
            RowKind::Data,
            vec![
                Val::text(u.name),
                Val::text(u.aliases.join("、")),
                Val::text(u.category),
            ],
        );
    }
    grid
}

fn targets_sheet(units: &[UnitSpec]) -> Grid {
    let mut grid = Grid::new(TARGETS_SHEET);
    grid.widths = vec![8.0, 26.0, 20.0];
    grid.push(RowKind::Title, vec![Val::text("附件")]);
    grid.line(RowKind::Title, "汤阴县2022年政务公开信息报送目标任务", 3);
    grid.push(
        RowKind::Header,
        ["序号", "单位", "目标任务数量(条)"].map(Val::text).to_vec(),
    );
    let mut total = 0;
    for (k, (u, t)) in with_targets(units).enumerate() {
        total += t;
        grid.push(
            RowKind::Data,
            vec![
                Val::Num(k as f64 + 1.0),
                Val::text(u.name),
                Val::Num(f64::from(t)),
            ],
        );
    }
    let row = grid.push(
        RowKind::Total,
        vec![Val::text("合计"), Val::Empty, Val::Num(f64::from(total))],
    );
    grid.merges.push((row - 1, 0, row - 1, 1));
    grid
}

fn with_targets(units: &[UnitSpec]) -> impl Iterator<Item = (&UnitSpec, u32)> {
    units.iter().filter_map(|u| u.target.map(|t| (u, t)))
}

/// The cell of a unit's target in targets.xlsx.
pub fn target_cell(units: &[UnitSpec], unit: &str) -> Option<String> {
    with_targets(units)
        .position(|(u, _)| u.name == unit)
        .map(|k| format!("C{}", FIRST_TARGET_ROW + k as u32))
}

fn sections_sheet(rows: &[SectionRow]) -> Grid {
    let mut grid = Grid::new(SECTIONS_SHEET);
    grid.widths = vec![14.0, 22.0, 18.0, 52.0, 40.0, 10.0];
    grid.push(RowKind::Title, vec![Val::text("附件1")]);
    grid.line(RowKind::Title, "汤阴县政府网站栏目保障任务分解表", 6);
    grid.push(
        RowKind::Header,
        [
            "一级栏目",
            "二级栏目",
            "三级栏目",
            "公开内容",
            "保障单位",
            "更新频率",
        ]
        .map(Val::text)
        .to_vec(),
    );
    for (i, r) in rows.iter().enumerate() {
        let above = i.checked_sub(1).map(|j| &rows[j]);
        let same = |level: usize| above.is_some_and(|a| a.levels[..=level] == r.levels[..=level]);
        let level1 = if same(0) {
            Val::Empty
        } else {
            Val::text(r.levels[0])
        };
        let level2 = if same(1) && !r.levels[2].is_empty() {
            Val::Empty
        } else {
            Val::text(r.levels[1])
        };
        grid.push(
            RowKind::Data,
            vec![
                level1,
                level2,
                Val::text(r.levels[2]),
                Val::text(r.content),
                Val::text(r.who),
                Val::text(r.frequency),
            ],
        );
    }
    merge_runs(&mut grid, rows, 0, |_| true);
    merge_runs(&mut grid, rows, 1, |r| MERGED_LEVEL2.contains(&r.levels[1]));
    grid
}

/// Merges each run of rows sharing the levels up to `level` in that level's column.
fn merge_runs(
    grid: &mut Grid,
    rows: &[SectionRow],
    level: usize,
    wanted: impl Fn(&SectionRow) -> bool,
) {
    let mut start = 0;
    while start < rows.len() {
        let key = &rows[start].levels[..=level];
        let len = rows[start..]
            .iter()
            .take_while(|r| &r.levels[..=level] == key)
            .count();
        let leaf_level = rows[start].levels[level + 1..].iter().all(|l| l.is_empty());
        if len > 1 && !leaf_level && wanted(&rows[start]) {
            let first = FIRST_SECTION_ROW - 1 + start as u32;
            grid.merges
                .push((first, level as u16, first + len as u32 - 1, level as u16));
        }
        start += len;
    }
}

/// The problems the sections table itself must raise, at its cells.
pub fn traps(rows: &[SectionRow]) -> Vec<Trap> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let row = FIRST_SECTION_ROW + i as u32;
        let at = |cell: bool, what: String, code: &'static str, expected: &str| Trap {
            file: SECTIONS_FILE.into(),
            sheet: Some(SECTIONS_SHEET.into()),
            cell: cell.then(|| format!("E{row}")),
            row: (!cell).then_some(row),
            what,
            code: Some(code),
            expected: expected.into(),
        };
        if r.who == "相关单位" {
            out.push(at(
                true,
                format!(
                    "{}: 保障单位 相关单位, which [groups] leaves undefined",
                    r.leaf()
                ),
                "S002",
                "warning: the phrase selects nobody until the office defines it; no S009 says it again",
            ));
        } else if r.who.ends_with('等') {
            out.push(at(
                true,
                format!("{}: 保障单位 ends in 等 ({})", r.leaf(), r.who),
                "S003",
                "info: only the units listed count",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections;

    #[test]
    fn level_one_merges_down_and_blank_level_two_cells_follow_the_printed_layout() {
        let rows = sections::all();
        let grid = sections_sheet(&rows);
        // 走进汤阴 spans its five rows; 政务动态 is merged, 主动公开 written once.
        assert!(grid.merges.contains(&(3, 0, 7, 0)));
        let active = rows
            .iter()
            .position(|r| r.levels[1] == "主动公开")
            .unwrap_or(0);
        let r = FIRST_SECTION_ROW as usize - 1 + active;
        assert_eq!(grid.rows[r].1[1], Val::text("主动公开"));
        assert_eq!(grid.rows[r + 1].1[1], Val::Empty);
        assert!(!grid.merges.iter().any(|m| m.0 as usize == r && m.1 == 1));
    }
}
