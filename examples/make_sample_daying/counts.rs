//! Count summaries (统计) from the units that report numbers instead of item lists:
//! the vertical-management summary with units merged down and a wrong 合计, the
//! police's monthly tables (one with #REF!), the supply co-op's CSV (无, and a row
//! with no month) and the farm office's April counts that its item list overrides.

use crate::formats::Format;
use crate::grid::{Grid, RowKind, Val};
use crate::inbox::{Inbox, saved};
use crate::plan::UnitPlan;
use crate::truth::{Outcome, Trap};

/// A count cell written by hand in an odd way: (unit, month, text, what it means).
const ODD_COUNTS: [(&str, u32, &str, u32); 3] = [
    ("国税局", 2, "24条", 24),
    ("地税局", 3, "２４", 24),
    ("气象局", 2, "—", 0),
];

/// How much the summary's declared 合计 is off.
const TOTAL_OFF_BY: u32 = 12;

fn trap(
    file: &str,
    sheet: &str,
    cell: String,
    what: String,
    code: Option<&'static str>,
    expected: &str,
) -> Trap {
    Trap {
        file: file.into(),
        sheet: Some(sheet.into()),
        cell: Some(cell),
        row: None,
        what,
        code,
        expected: expected.into(),
    }
}

fn counts_of<'p>(plans: &'p [UnitPlan], unit: &str) -> Result<&'p [u32; 4], String> {
    plans
        .iter()
        .find(|p| p.unit.name == unit)
        .and_then(|p| p.counts.as_ref())
        .ok_or_else(|| format!("{unit} has no planned counts"))
}

impl Inbox<'_> {
    /// 国税局, 地税局 and 气象局 in one table, each unit merged down over its four months.
    pub fn vertical_summary(&mut self, plans: &[UnitPlan]) -> Result<(), String> {
        let path = "inbox/垂直管理单位2018年1-4月信息公开统计表.xlsx";
        let sheet = "统计表";
        let mut grid = Grid::new(sheet);
        grid.widths = vec![8.0, 20.0, 18.0, 18.0];
        grid.line(
            RowKind::Title,
            "2018年1-4月垂直管理单位政务信息公开情况统计表",
            4,
        );
        grid.push(
            RowKind::Header,
            ["序号", "单位", "月份", "数量（条）"]
                .map(Val::text)
                .to_vec(),
        );
        let (mut facts, mut traps, mut sum) = (Vec::new(), Vec::new(), 0);
        for unit in ["国税局", "地税局", "气象局"] {
            let counts = counts_of(plans, unit)?;
            let top = grid.rows.len() as u32;
            for m in 1..=4u32 {
                let odd = ODD_COUNTS.iter().find(|o| o.0 == unit && o.1 == m);
                let (cell, n) = match odd {
                    Some(&(_, _, text, n)) => (Val::text(text), n),
                    None => (
                        Val::Num(counts[(m - 1) as usize] as f64),
                        counts[(m - 1) as usize],
                    ),
                };
                let seq = Val::Num(grid.rows.len() as f64 - 1.0);
                let name = if m == 1 { Val::text(unit) } else { Val::Empty };
                let row = grid.push(
                    RowKind::Data,
                    vec![seq, name, Val::text(format!("2018年{m}月")), cell],
                );
                facts.push((sheet.to_string(), row, Outcome::Count { unit, month: m, n }));
                sum += n;
                if let Some(&(_, _, text, _)) = odd {
                    let (code, expected) = if n == 0 {
                        (Some("V004"), "info: counted as 0; row accepted")
                    } else {
                        (None, "read as 24; row accepted")
                    };
                    traps.push(trap(
                        path,
                        sheet,
                        format!("D{row}"),
                        format!("count written {text:?}"),
                        code,
                        expected,
                    ));
                }
            }
            grid.merges.push((top, 1, top + 3, 1));
            traps.push(trap(
                path,
                sheet,
                format!("B{}", top + 1),
                format!("单位 {unit} merged down over B{}:B{}", top + 1, top + 4),
                None,
                "every row of the range belongs to the unit",
            ));
        }
        let declared = sum + TOTAL_OFF_BY;
        let row = grid.push(
            RowKind::Total,
            vec![
                Val::text("合计"),
                Val::Empty,
                Val::Empty,
                Val::Num(declared as f64),
            ],
        );
        grid.merges.push((row - 1, 0, row - 1, 2));
        traps.push(trap(path, sheet, format!("D{row}"), format!("合计 {declared} but the rows add up to {sum}"),
            Some("C001"), "error: declared total differs from the rows by 12; the rows count, the 合计 row is not data"));
        self.add_grids(path, Format::Xlsx, saved(4), vec![grid], facts, traps);
        Ok(())
    }

    /// 公安局 sends a small table per month, split by 栏目, with a 统计期间 line.
    pub fn police(&mut self, plans: &[UnitPlan]) -> Result<(), String> {
        let counts = *counts_of(plans, "公安局")?;
        for m in 1..=4u32 {
            let path = format!("inbox/公安局-2018年{m}月统计.xlsx");
            let mut grid = Grid::new("Sheet1");
            grid.widths = vec![6.0, 16.0, 12.0];
            grid.line(
                RowKind::Title,
                &format!("大英县公安局2018年{m}月政务信息公开情况统计表"),
                3,
            );
            grid.line(RowKind::Title, &format!("统计期间：2018年{m}月"), 3);
            grid.push(
                RowKind::Header,
                ["序号", "栏目", "数量"].map(Val::text).to_vec(),
            );
            let (mut facts, mut traps) = (Vec::new(), Vec::new());
            let parts = split(counts[(m - 1) as usize], &[0.55, 0.15, 0.2, 0.1]);
            let sections = ["部门动态", "通知", "公示公告", "突发事件处置"];
            for (i, (section, n)) in sections.iter().zip(parts).enumerate() {
                let broken = m == 4 && i == 2;
                let cell = if broken {
                    Val::Error("#REF!")
                } else {
                    Val::Num(n as f64)
                };
                let row = grid.push(
                    RowKind::Data,
                    vec![Val::Num(i as f64 + 1.0), Val::text(*section), cell],
                );
                let outcome = if broken {
                    traps.push(trap(
                        &path,
                        "Sheet1",
                        format!("C{row}"),
                        "count cell is the formula error #REF!".into(),
                        Some("V007"),
                        "error: the row is rejected and never counted",
                    ));
                    Outcome::Rejected { code: "V007" }
                } else {
                    Outcome::Count {
                        unit: "公安局",
                        month: m,
                        n,
                    }
                };
                facts.push(("Sheet1".to_string(), row, outcome));
            }
            if m < 4 {
                let total = counts[(m - 1) as usize];
                let row = grid.push(
                    RowKind::Total,
                    vec![Val::text("合计"), Val::Empty, Val::Num(total as f64)],
                );
                grid.merges.push((row - 1, 0, row - 1, 1));
            }
            if m == 1 {
                traps.push(Trap { file: path.clone(), sheet: Some("Sheet1".into()), cell: None, row: Some(2),
                    what: "count table without a 单位 column: the unit comes from the file name, the month from the 统计期间 line".into(),
                    code: None, expected: "counts belong to 公安局 for the month; the correct 合计 row is a check, not data".into() });
            }
            self.add_grids(&path, Format::Xlsx, saved(m), vec![grid], facts, traps);
        }
        Ok(())
    }

    /// 供销社 keeps a running CSV of its counts; one row has lost its month.
    pub fn supply_coop(&mut self, plans: &[UnitPlan]) -> Result<(), String> {
        let counts = counts_of(plans, "供销社")?;
        let path = "inbox/供销社信息公开统计.csv";
        let sheet = crate::inbox::stem(path);
        let mut grid = Grid::new(&sheet);
        grid.push(
            RowKind::Header,
            ["单位", "月份", "数量"].map(Val::text).to_vec(),
        );
        let (mut facts, mut traps) = (Vec::new(), Vec::new());
        for m in 1..=4u32 {
            let (cell, n) = if m == 2 {
                (Val::text("无"), 0)
            } else {
                (
                    Val::Num(counts[(m - 1) as usize] as f64),
                    counts[(m - 1) as usize],
                )
            };
            let row = grid.push(
                RowKind::Data,
                vec![Val::text("供销社"), Val::text(format!("2018年{m}月")), cell],
            );
            facts.push((
                sheet.clone(),
                row,
                Outcome::Count {
                    unit: "供销社",
                    month: m,
                    n,
                },
            ));
            if m == 2 {
                traps.push(trap(
                    path,
                    &sheet,
                    format!("C{row}"),
                    "count written 无".into(),
                    Some("V004"),
                    "info: counted as 0; row accepted",
                ));
            }
        }
        let row = grid.push(
            RowKind::Data,
            vec![Val::text("供销社"), Val::Empty, Val::Num(3.0)],
        );
        facts.push((sheet.clone(), row, Outcome::Rejected { code: "N001" }));
        traps.push(trap(
            path,
            &sheet,
            format!("B{row}"),
            "count row with an empty 月份, no 统计期间 line and no month in the file name".into(),
            Some("N001"),
            "error: the row is rejected and its 3 never counted",
        ));
        self.add_grids(path, Format::CsvUtf8, saved(4), vec![grid], facts, traps);
        Ok(())
    }

    /// 农办 sends its April item list and, from another clerk, April counts as well.
    pub fn farm_office_counts(&mut self) {
        let path = "inbox/2018年4月/农办-2018年4月统计表.xlsx";
        let mut grid = Grid::new("Sheet1");
        grid.widths = vec![16.0, 12.0];
        for line in [
            "附件2",
            "2018年4月政务信息公开数量统计表",
            "填报单位：县委农办",
            "统计期间：2018年4月",
        ] {
            grid.line(RowKind::Title, line, 2);
        }
        grid.push(
            RowKind::Header,
            ["栏目", "数量（条）"].map(Val::text).to_vec(),
        );
        let mut facts = Vec::new();
        for (section, n) in [("部门动态", 12), ("通知", 3), ("公示公告", 4)] {
            let row = grid.push(RowKind::Data, vec![Val::text(section), Val::Num(n as f64)]);
            facts.push((
                "Sheet1".to_string(),
                row,
                Outcome::Count {
                    unit: "农办",
                    month: 4,
                    n,
                },
            ));
        }
        let traps = vec![Trap {
            file: path.into(),
            sheet: Some("Sheet1".into()),
            cell: None,
            row: Some(1),
            what: "April counts (19) from a unit that also sent an April item list; title lines 附件2 / title / 填报单位：县委农办 / 统计期间：2018年4月 above the header".into(),
            code: Some("N002"),
            expected: "warning: the item list wins, these counts are not added; header found at row 5".into(),
        }];
        self.add_grids(path, Format::Xlsx, saved(4), vec![grid], facts, traps);
    }
}

/// Splits `n` by `shares`, the rounding left-over going to the first part.
fn split(n: u32, shares: &[f64]) -> Vec<u32> {
    let mut parts: Vec<u32> = shares
        .iter()
        .map(|s| (n as f64 * s).floor() as u32)
        .collect();
    let given: u32 = parts.iter().sum();
    if let Some(first) = parts.first_mut() {
        *first += n - given;
    }
    parts
}
