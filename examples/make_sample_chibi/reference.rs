//! The office's own files: zwgk.toml, the units table, the year's targets, and seed 002
//! Annex 1 as reference/domains.xlsx in its printed layout: 序号 | 政务公开领域 | 责任单位,
//! several domains in one cell for some units, a row per domain for others.

use std::path::Path;

use chrono::NaiveDate;

use crate::domains::{Cells, GROUPS};
use crate::formats::xlsx;
use crate::grid::{Grid, RowKind, Val};
use crate::inbox::Res;
use crate::units::UnitSpec;

/// Where Annex 1 is kept, and its sheet.
pub const DOMAINS_FILE: &str = "reference/domains.xlsx";
pub const DOMAINS_SHEET: &str = "责任分工表";
/// Where the targets are kept, and their sheet.
pub const TARGETS_FILE: &str = "reference/targets.xlsx";
pub const TARGETS_SHEET: &str = "目标任务";
/// The sheet row of the first numbered row, and of the first target.
const FIRST_ROW: u32 = 4;

const CONFIG: &str = "\
# 赤壁市 2020 年试点领域政务公开（示例工作目录，来自《赤壁市推进政务公开标准化规范化工作实施方案》）
# 运行：zwgk run -w samples/chibi-2020 --period 2020-10

[workspace]
name = \"赤壁市\"
year = 2020

[reference]
units = \"reference/units.xlsx\"
targets = \"reference/targets.xlsx\"
# 附件1《26个试点领域基层政务公开目录责任分工表》原样
domains = \"reference/domains.xlsx\"

# 方案由市政务公开领导小组办公室印发，评估报告、通报和催报也以它的名义
[report]
office = \"赤壁市政务公开领导小组办公室\"
# 方案三（一）所附的答疑联系人和电话，写在催报末尾
contact = \"卢维\"
phone = \"5330205\"
";

const README: &str = "\
# 示例工作目录：赤壁市 2020 年试点领域政务公开

来源：《赤壁市推进政务公开标准化规范化工作实施方案》（2020年9月17日，附件1《26个试点领域基层政务公开目录责任分工表》）。

- `zwgk.toml`：本工作目录的设置
- `reference/units.xlsx`：附件1 所列 18 个责任单位，含别名（如“咸宁市生态环境局赤壁市分局”“赤壁市场监督管理局”）
- `reference/targets.xlsx`：2020 年各单位信息发布目标任务
- `reference/domains.xlsx`：附件1 原样：序号、政务公开领域（有的一格写两个以上领域）、责任单位
- `inbox/`：1—9 月的统计数和 10 月各单位按领域报送的信息明细；领域写法多样（“社会救助”“(五)社会救助领域”“社会求助”……）
- `inbox/标准目录/`：各责任单位编制的试点领域政务公开事项标准目录（名称、内容、依据、时限、主体、方式、渠道、公开对象 8 个要素），
  格式各异（国务院部门标准指引的两行表头和勾选列、每个领域一个工作表、“领域”列、GBK 编码的 CSV），也有常见错误
  （要素为空、时限无法识别、公开主体不是责任单位、重复事项、标题与文件名所写领域不一致、缺列）；税务局未报送
- `inbox/联络人名单/`：各单位的分管负责人及联络人名单（附件2 格式）；税务局、扶贫办未报送
- `templates/联系人登记表.toml`：`zwgk template --form contacts` 发给各单位的空白表按附件2 的格式（分管领导、联络人各一行，
  姓名、职务、联系方式，9月25日前报送至方案所写的电子邮箱），而不是 zwgk 自带的大英县格式

哪些是通知原文，哪些是为示例编造的：26 个试点领域及其责任单位取自方案附件1原文（领域名称照录，包括
“保障住房领域”“救灾生产领域”的写法）；方案没有给出目标任务和更新频率，`reference/targets.xlsx` 中的目标任务数
全部是为示例编造的，各领域没有更新频率（按需更新，不判超期）；`inbox/` 中 1—9 月的统计数和 10 月的每一条信息
都是生成的，不是赤壁市网站的真实信息。

运行：

```bash
zwgk run -w samples/chibi-2020 --period 2020-10
zwgk annex catalogue -w samples/chibi-2020                    # 标准目录附件（不分期，不用 --period）
zwgk annex contacts -w samples/chibi-2020 --number 2 --title 分管负责人及联络人名单   # 方案附件2
```

本目录由 `examples/make_sample_chibi.rs` 生成，请勿手工修改；重新生成请运行 `scripts/make-samples`。
各单位本期条数、领域覆盖情况和应当报出的问题见 `tests/expected/chibi-2020.json`。
";

/// The office's contact form: seed 002's 附件2 《分管负责人及联络人名单》 (分管领导 and
/// 联络人; 姓名, 职务, 联系方式), not the bundled one, which is seed 001's 附件3.
const CONTACT_FORM: &str = include_str!("联系人登记表.toml");

/// Writes zwgk.toml, README.md, templates/ and reference/.
///
/// # Errors
/// Any I/O or xlsx writer error.
pub fn write(root: &Path, units: &[UnitSpec]) -> Res<()> {
    std::fs::write(root.join("zwgk.toml"), CONFIG)?;
    std::fs::write(root.join("README.md"), README)?;
    std::fs::create_dir_all(root.join("templates"))?;
    std::fs::write(root.join("templates/联系人登记表.toml"), CONTACT_FORM)?;
    let saved = NaiveDate::from_ymd_opt(2020, 9, 17).unwrap_or(NaiveDate::MIN);
    std::fs::write(
        root.join("reference/units.xlsx"),
        xlsx(&[units_sheet(units)], saved)?,
    )?;
    std::fs::write(
        root.join(TARGETS_FILE),
        xlsx(&[targets_sheet(units)], saved)?,
    )?;
    std::fs::write(
        root.join(DOMAINS_FILE),
        xlsx(&[domains_sheet(units)], saved)?,
    )?;
    Ok(())
}

fn units_sheet(units: &[UnitSpec]) -> Grid {
    let mut grid = Grid::new("单位名称表");
    grid.widths = vec![20.0, 56.0, 12.0];
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
    grid.widths = vec![8.0, 30.0, 20.0];
    grid.line(
        RowKind::Title,
        "赤壁市2020年试点领域政务公开信息发布目标任务",
        3,
    );
    grid.push(RowKind::Title, vec![]);
    grid.push(
        RowKind::Header,
        ["序号", "单位", "目标任务数量(条)"].map(Val::text).to_vec(),
    );
    for (k, u) in units.iter().enumerate() {
        grid.push(
            RowKind::Data,
            vec![
                Val::Num(k as f64 + 1.0),
                Val::text(u.annex),
                Val::Num(f64::from(u.target)),
            ],
        );
    }
    let total: u32 = units.iter().map(|u| u.target).sum();
    let row = grid.push(
        RowKind::Total,
        vec![
            Val::text("合计"),
            Val::Empty,
            Val::text(format!("{total}条")),
        ],
    );
    grid.merges.push((row - 1, 0, row - 1, 1));
    grid
}

/// The cell of a unit's target in targets.xlsx.
pub fn target_cell(units: &[UnitSpec], unit: &str) -> Option<String> {
    units
        .iter()
        .position(|u| u.name == unit)
        .map(|k| format!("C{}", FIRST_ROW + k as u32))
}

fn domains_sheet(units: &[UnitSpec]) -> Grid {
    let mut grid = Grid::new(DOMAINS_SHEET);
    grid.widths = vec![8.0, 44.0, 34.0];
    grid.push(RowKind::Title, vec![Val::text("附件1：")]);
    grid.line(RowKind::Title, "26个试点领域基层政务公开目录责任分工表", 3);
    grid.push(
        RowKind::Header,
        ["序号", "政务公开领域", "责任单位"].map(Val::text).to_vec(),
    );
    for g in &GROUPS {
        let annex = units
            .iter()
            .find(|u| u.name == g.unit)
            .map_or(g.unit, |u| u.annex);
        match g.cells {
            Cells::OneCell => {
                grid.push(
                    RowKind::Data,
                    vec![
                        Val::Num(f64::from(g.seq)),
                        Val::text(g.printed.join("\n")),
                        Val::text(annex),
                    ],
                );
            }
            Cells::RowEach => {
                let first = grid.rows.len() as u32;
                for (i, d) in g.printed.iter().enumerate() {
                    let (seq, unit) = if i == 0 {
                        (Val::Num(f64::from(g.seq)), Val::text(annex))
                    } else {
                        (Val::Empty, Val::Empty)
                    };
                    grid.push(RowKind::Data, vec![seq, Val::text(*d), unit]);
                }
                let last = first + g.printed.len() as u32 - 1;
                grid.merges.push((first, 0, last, 0));
                grid.merges.push((first, 2, last, 2));
            }
        }
    }
    grid
}

/// The sheet row of each domain (by index into `domains::CANONICAL`) in domains.xlsx.
pub fn domain_rows() -> [u32; 26] {
    let mut rows = [0u32; 26];
    let mut row = FIRST_ROW;
    for g in &GROUPS {
        for (i, d) in g.domains.iter().enumerate() {
            rows[*d] = if g.cells == Cells::RowEach {
                row + i as u32
            } else {
                row
            };
        }
        row += if g.cells == Cells::RowEach {
            g.domains.len() as u32
        } else {
            1
        };
    }
    rows
}
