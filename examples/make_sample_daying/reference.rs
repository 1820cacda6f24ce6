//! The office's own files: zwgk.toml and the reference tables (units, targets as
//! printed in seed 001 Annex 1, website sections), written the way the office keeps
//! them in Excel.

use std::path::Path;

use chrono::NaiveDate;

use crate::formats::xlsx;
use crate::grid::{Grid, RowKind, Val};
use crate::inbox::Res;
use crate::sections::SECTIONS;
use crate::units::{DECLARED_TOTAL, LEFT, RIGHT, UnitSpec};

const CONFIG: &str = "\
# 大英县 2018 年政务公开工作（示例工作目录，来自《大英县人民政府办公室关于做好2018年政务公开工作的通知》）
# 运行：zwgk run -w samples/daying-2018 --period 2018-04

[workspace]
name = \"大英县\"
year = 2018

[reference]
units = \"reference/units.xlsx\"
targets = \"reference/targets.xlsx\"
sections = \"reference/sections.csv\"
indicators = \"reference/indicators.xlsx\"

# 目标任务评分细则（通知附件2）：完成序时进度得 25 分，每超 10 条加 0.2 分，最多加 4 分；
# 每少 1 条扣 0.3 分，扣完为止。写明后，完成情况附件和通报附件列出得分。
[scoring]
base = 25
bonus_per_10 = 0.2
bonus_cap = 4
penalty_per_item = 0.3

# 年度考核（通知附件2）：zwgk assess -w samples/daying-2018
[assessment]
office = \"政府办\"
assessors = [\"总工会\"]
publicity_date = \"2018-12-28\"
";

/// The header of Annex 1 as printed: 单, one space and three no-break spaces, 位.
const UNIT_LABEL: &str = "单 \u{a0}\u{a0}\u{a0}位";
/// The total label as printed: 合, a space and a no-break space, 计.
const TOTAL_LABEL: &str = "合 \u{a0}计";

const README: &str = "\
# 示例工作目录：大英县 2018 年政务公开

来源：《大英县人民政府办公室关于做好2018年政务公开工作的通知》（2018年4月18日）。

- `zwgk.toml`：本工作目录的设置
- `reference/units.xlsx`：64 个单位的名称、别名、类别
- `reference/targets.xlsx`：通知附件1原样（两组“单位｜目标任务数量(条)”并排，合计 12360条）
- `reference/sections.csv`：通知点名的栏目、保障单位和更新频率。更新频率用通知的原话：公示公告“第一时间”、
  动态信息“当天”、政策文件“生成当周”（按信息产生之日计时限），其他栏目“每月”；年度计划“每年”、部门预决算
  “批复后20日内”（预算法第十四条）、双公示“7个工作日内”按各自的规定。国税局、地税局、气象局是垂直管理单位，
  不属于“各部门”，只在点名的栏目中负责
- `inbox/`：2018年1—4月各单位报送的文件，格式多样，也有各单位常犯的错误；安监局 4 月的明细表带“成文日期”一列，
  其中一条通知成文一周后才发布
- `inbox/联系人员登记表/`：通知附件3 各单位的联系人员登记表（民政局先后报了两版；档案局、重点办、台办、志办未报送）
- `reference/indicators.xlsx`：通知附件2（绩效评价细则）作为年度考核的指标体系；`inbox/2018年度考核/`：本办评分表、
  四个牵头单位（县政府办、县政务服务中心、县民政局、县总工会）的倒扣评分表、两份自评表。“完成政府信息目标任务情况”
  25 分由 zwgk 按全年报送计算（本示例只有 1—4 月的报送，所以多数单位该项得分很低，排名只供测算：`zwgk assess` 写出考核结果工作簿，不写出公示和结果两个附件）；县总工会不在附件1的单位中，
  在 zwgk.toml 的 `[assessment] assessors` 中列出

哪些是通知原文，哪些是为示例编造的：单位和目标任务数（附件1）是通知原文；通知没有附栏目表，栏目表是按通知列举的
栏目编制的；指标体系按通知附件2 编制；评分表中的分数、`inbox/` 中的每一条信息和每一份登记表都是生成的，不是大英县的真实数据。

运行：`cargo run --release -- run -w samples/daying-2018 --period 2018-04`；年度考核：`zwgk assess -w samples/daying-2018`

本目录由 `examples/make_sample_daying.rs` 生成，请勿手工修改；重新生成请运行 `scripts/make-samples`。
各单位本期条数、年度累计条数和应当报出的问题见 `tests/expected/daying-2018.json`。
";

/// The files the generator owns at the workspace root, removed before each run.
pub const OWNED: [&str; 6] = [
    "inbox",
    "reference",
    ".pending",
    "zwgk.toml",
    "README.md",
    ".gitignore",
];

/// Writes zwgk.toml, README.md, .gitignore and reference/.
///
/// # Errors
/// Any I/O or xlsx writer error.
pub fn write(root: &Path, units: &[UnitSpec]) -> Res<()> {
    std::fs::create_dir_all(root.join("reference"))?;
    std::fs::write(root.join("zwgk.toml"), CONFIG)?;
    std::fs::write(root.join("README.md"), README)?;
    // What a run writes stays out of version control.
    std::fs::write(root.join(".gitignore"), "/out/\n")?;
    let saved = NaiveDate::from_ymd_opt(2018, 4, 18).unwrap_or(NaiveDate::MIN);
    std::fs::write(
        root.join("reference/units.xlsx"),
        xlsx(&[units_sheet(units)], saved)?,
    )?;
    std::fs::write(
        root.join("reference/targets.xlsx"),
        xlsx(&[targets_sheet()], saved)?,
    )?;
    std::fs::write(root.join("reference/sections.csv"), sections_csv())?;
    Ok(())
}

fn units_sheet(units: &[UnitSpec]) -> Grid {
    let mut grid = Grid::new("单位名称表");
    grid.widths = vec![18.0, 52.0, 10.0];
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

/// Seed 001 Annex 1 as printed: two side-by-side 单位 | 目标任务数量(条) pairs.
fn targets_sheet() -> Grid {
    let mut grid = Grid::new("目标任务");
    grid.widths = vec![20.0, 20.0, 20.0, 20.0];
    grid.push(RowKind::Title, vec![Val::text("附件1")]);
    grid.push(RowKind::Title, vec![]);
    grid.line(RowKind::Title, "2018年大英县政府信息公开目标任务", 4);
    let label = Val::text("目标任务数量(条)");
    grid.push(
        RowKind::Header,
        vec![
            Val::text(UNIT_LABEL),
            label.clone(),
            Val::text(UNIT_LABEL),
            label,
        ],
    );
    for (l, r) in LEFT.iter().zip(RIGHT.iter()) {
        grid.push(
            RowKind::Data,
            vec![
                Val::text(l.0),
                Val::Num(l.1 as f64),
                Val::text(r.0),
                Val::Num(r.1 as f64),
            ],
        );
    }
    let row = grid.push(
        RowKind::Total,
        vec![
            Val::text(TOTAL_LABEL),
            Val::text(format!("{DECLARED_TOTAL}条")),
            Val::Empty,
            Val::Empty,
        ],
    );
    grid.merges.push((row - 1, 1, row - 1, 3));
    grid
}

fn sections_csv() -> String {
    let mut out = String::from("一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n");
    for s in SECTIONS {
        let fields = [
            s.levels[0],
            s.levels[1],
            s.levels[2],
            s.content,
            s.responsible,
            s.frequency,
        ];
        let quoted: Vec<String> = fields
            .iter()
            .map(|f| {
                if f.contains(',') {
                    format!("\"{f}\"")
                } else {
                    f.to_string()
                }
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}
