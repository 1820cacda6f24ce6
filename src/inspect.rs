//! What `zwgk inspect` reports about one file: the same facts for people (Display, in
//! Chinese) and for machines (serde), built from an ingested `Input`.

use std::fmt;

use serde::Serialize;

use crate::ingest::{Input, SheetInput, SheetKind, Status};
use crate::layout::{Field, MetaKey};
use crate::problems::{Problem, cell_address};
use crate::read::Visibility;

#[derive(Debug, Serialize)]
pub(crate) struct FileReport {
    pub path: String,
    /// The real format, such as `html`; `null` when nothing could be read.
    pub format: Option<String>,
    pub format_zh: Option<String>,
    pub encoding: Option<&'static str>,
    pub bytes: u64,
    pub sha256: String,
    pub status: Status,
    pub sheets: Vec<SheetReport>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SheetReport {
    pub name: String,
    pub visibility: Visibility,
    pub kind: SheetKind,
    /// 1-based header row (the lower one of a two-row header); `null` when none was found.
    pub header_row: Option<u32>,
    pub groups: usize,
    pub columns: Vec<ColumnReport>,
    pub meta: Vec<MetaReport>,
    pub rows: usize,
    pub totals: Vec<TotalReport>,
    pub notes: Vec<LineReport>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ColumnReport {
    pub column: String,
    pub label: String,
    pub field: Option<Field>,
    /// For a column of ticks, the choice a tick stands for (公开方式/主动: 主动).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// One of a wide score sheet's columns, one per indicator.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub across: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct MetaReport {
    pub row: u32,
    pub key: MetaKey,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct TotalReport {
    pub row: u32,
    pub label: String,
    pub values: Vec<(Field, String)>,
    /// How many data rows the total closes.
    pub closes: usize,
    /// Whether they are below it (a 合计 right under the header); shown only then.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub below: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct LineReport {
    pub row: u32,
    pub text: String,
}

impl From<&Input> for FileReport {
    fn from(input: &Input) -> Self {
        Self {
            path: input.path.clone(),
            format: input.format.map(|f| f.id().to_string()),
            format_zh: input.format.map(|f| f.zh().to_string()),
            encoding: input.encoding,
            bytes: input.bytes,
            sha256: input.sha256.clone(),
            status: input.status,
            // A skipped file was never laid out (a lock file) or is shown under the copy
            // that is kept (a duplicate): listing its sheets would only say "no header".
            sheets: if input.status == Status::Skipped {
                Vec::new()
            } else {
                input.sheets.iter().map(SheetReport::new).collect()
            },
            problems: input.problems.clone(),
        }
    }
}

impl SheetReport {
    fn new(sheet: &SheetInput) -> Self {
        let mut report = Self {
            name: sheet.name.clone(),
            visibility: sheet.visibility,
            kind: sheet.kind,
            header_row: None,
            groups: 0,
            columns: Vec::new(),
            meta: Vec::new(),
            rows: 0,
            totals: Vec::new(),
            notes: Vec::new(),
        };
        let Some(located) = &sheet.located else {
            return report;
        };
        let t = &located.layout;
        report.header_row = Some(t.header_rows.end() + 1);
        report.groups = t.groups;
        report.columns = t
            .columns
            .iter()
            .map(|c| ColumnReport {
                column: column_letters(c.col),
                label: c.label.clone(),
                field: c.field,
                choice: c.choice.clone(),
                across: c.across,
            })
            .collect();
        report.meta = t
            .meta
            .iter()
            .map(|m| MetaReport {
                row: m.row + 1,
                key: m.key,
                value: m.value.clone(),
            })
            .collect();
        report.rows = located.sheet_rows();
        // The sheet row of each record (the table's records are its framed rows).
        let record_rows = located
            .rows
            .column("row")
            .ok()
            .and_then(|c| c.u32().ok().cloned());
        report.totals = t
            .totals
            .iter()
            .map(|total| TotalReport {
                row: total.row + 1,
                label: total.label.clone(),
                values: total.cells.iter().map(|(f, _, c)| (*f, c.text())).collect(),
                closes: total.closes.len(),
                below: (record_rows.as_ref())
                    .filter(|rows| total.closes.start < rows.len())
                    .and_then(|rows| rows.get(total.closes.start))
                    .is_some_and(|row| row > total.row),
            })
            .collect();
        report.totals.sort_by_key(|total| total.row);
        report.notes = t
            .notes
            .iter()
            .map(|(row, text)| LineReport {
                row: row + 1,
                text: text.clone(),
            })
            .collect();
        report
    }
}

fn column_letters(col: u32) -> String {
    cell_address(0, col).trim_end_matches('1').to_string()
}

fn visibility_zh(v: Visibility) -> &'static str {
    match v {
        Visibility::Visible => "可见",
        Visibility::Hidden => "隐藏",
        Visibility::VeryHidden => "深度隐藏",
    }
}

fn meta_zh(key: MetaKey) -> &'static str {
    match key {
        MetaKey::Unit => "填报单位",
        MetaKey::Period => "统计期间",
        MetaKey::FilledOn => "填报日期",
        MetaKey::UnitPhone => "单位电话",
        MetaKey::Office => "承办科室",
        MetaKey::Annex => "附件",
        MetaKey::Title => "标题",
    }
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "文件：{}", self.path)?;
        let unknown = if self.status == Status::Skipped {
            "未读取"
        } else {
            "无法识别"
        };
        let format = self.format_zh.as_deref().unwrap_or(unknown);
        let encoding = self
            .encoding
            .map(|e| format!("  编码：{e}"))
            .unwrap_or_default();
        writeln!(f, "  格式：{format}{encoding}  大小：{} 字节", self.bytes)?;
        if self.status == Status::Skipped {
            writeln!(f, "  已跳过")?;
        }
        for s in &self.sheets {
            write!(f, "{s}")?;
        }
        if !self.problems.is_empty() {
            writeln!(f, "  问题：")?;
            for p in &self.problems {
                writeln!(f, "    {p}")?;
            }
        }
        writeln!(f)
    }
}

impl fmt::Display for SheetReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  工作表「{}」（{}）",
            self.name,
            visibility_zh(self.visibility)
        )?;
        let Some(header) = self.header_row else {
            return writeln!(f, "：未找到表头");
        };
        let groups = if self.groups > 1 {
            format!("，左右并排 {} 组已展开", self.groups)
        } else {
            String::new()
        };
        writeln!(
            f,
            "：{}，表头在第 {header} 行，数据 {} 行{groups}",
            self.kind.zh(),
            self.rows
        )?;
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                // A wide score sheet's column per indicator holds the indicator's 得分.
                let field = match c.field {
                    Some(_) if c.across => "指标得分",
                    Some(f) => f.zh(),
                    None => "未识别",
                };
                let label = if c.label.is_empty() {
                    "（空白）"
                } else {
                    &c.label
                };
                match &c.choice {
                    Some(choice) => format!("{} {label} → {field}（勾选“{choice}”）", c.column),
                    None => format!("{} {label} → {field}", c.column),
                }
            })
            .collect();
        writeln!(f, "    列：{}", columns.join("；"))?;
        for m in &self.meta {
            writeln!(f, "    第 {} 行 {}：{}", m.row, meta_zh(m.key), m.value)?;
        }
        for t in &self.totals {
            let values: Vec<String> = t
                .values
                .iter()
                .map(|(fd, v)| format!("{} {v}", fd.zh()))
                .collect();
            // A label in words brings its count (合计：3条); one ending in a colon its own.
            let label = t.label.trim_end_matches([':', '：']);
            let values = if values.is_empty() {
                String::new()
            } else {
                format!("：{}", values.join("，"))
            };
            let side = if t.below { "下" } else { "上" };
            let closes = t.closes;
            writeln!(
                f,
                "    第 {} 行 {label}{values}（核对其{side} {closes} 行）",
                t.row
            )?;
        }
        for n in &self.notes {
            writeln!(f, "    第 {} 行 表外说明：{}", n.row, n.text)?;
        }
        Ok(())
    }
}
