//! Layout: find where the table is in a sheet and what each column means.
//!
//! The header is located by matching label synonyms, never by position. Lines above
//! it are metadata, 合计 rows are declared totals, notes and signature lines below
//! the data are set aside; side-by-side column groups are unfolded into one table.

mod grid;
mod header;
mod labels;
mod meta;
mod rows;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub(crate) use labels::{field_of, stated_count};

use crate::problems::{Code, Place, Problem, cell_address};
use crate::read::{Cell, Sheet};

/// Finds the table in a sheet: its header, metadata lines, records, totals and notes.
///
/// `file` is the display path used in problems. `None` when no row of the first 30
/// has two recognisable labels: with `NoHeader` when the sheet holds anything (unless it
/// is a template's instructions sheet, see [`INSTRUCTION_SHEETS`]), with no problem when
/// it is empty. Unknown and duplicate header labels are reported.
pub(crate) fn locate(sheet: &Sheet, file: &str) -> (Option<Table>, Vec<Problem>) {
    let grid = grid::Grid::new(sheet);
    let months_across = || {
        let row = months_across(&grid)?;
        Some(vec![
            Problem::new(Code::MonthsAcross, file, &[]).at(&sheet.name, Place::row(row + 1)),
        ])
    };
    let found = header::Header::find(&grid);
    // A header of 单位 and months (序号 | 单位名称 | 一月 | 二月 …) holds neither titles nor
    // counts: it is a counts table laid across, not a table of unknown columns.
    let counted = |found: &header::Header| {
        (found.columns.iter()).any(|h| matches!(h.column.field, Some(Field::Title | Field::Count)))
    };
    if let Some(found) = &found
        && !counted(found)
        && let Some(problems) = months_across()
    {
        return (None, problems);
    }
    // Nor one whose count columns are each a month's (信息数量 over 1月 | 2月 …, 数量（1月）):
    // the first alone would be read as the whole period's.
    if let Some(found) = &found {
        let monthly = (found.columns.iter()).filter(|h| {
            h.column.field == Some(Field::Count) && labels::names_a_month(&h.column.label)
        });
        if monthly.count() >= 2 {
            let row = Place::row(found.rows.start() + 1);
            return (
                None,
                vec![Problem::new(Code::MonthsAcross, file, &[]).at(&sheet.name, row)],
            );
        }
    }
    let Some(found) = found else {
        let instructions = INSTRUCTION_SHEETS.contains(&sheet.name.trim());
        let problems = if let Some(problems) = months_across() {
            problems
        } else if grid.has_content() && !instructions && !only_notes(&grid) {
            vec![Problem::new(Code::NoHeader, file, &[]).at(&sheet.name, None)]
        } else {
            Vec::new()
        };
        return (None, problems);
    };
    let columns: Vec<Column> = found.columns.iter().map(|h| h.column.clone()).collect();
    let below = found.rows.end() + 1..grid.height();
    let filled = |col| below.clone().any(|row| !grid.is_blank(row, col));
    let groups = header::groups(&columns, &filled);
    let read = groups.first().map_or(&[][..], |g| &g.fields[..]);
    let mut problems = found.problems(groups.len() == 1, read, file, &sheet.name);
    let start = *found.rows.start();
    let meta = meta::parse(&grid, 0..start);
    let mut body = rows::read(&grid, &found, &groups, &meta);
    linked(&mut body.records, sheet);
    sectioned(&mut body.records, &columns);
    problems.extend(unheaded(&grid, &body.unheaded, file, &sheet.name));
    problems.extend(hidden(&body.records, &sheet.hidden_rows, file, &sheet.name));
    let above = (0..start).find(|&r| header::score(&grid, r).0 >= 2 && !header::is_pairs(&grid, r));
    let rest = match body.another {
        Some(row) => Some(row..grid.height()),
        None => above.map(|row| row..start),
    };
    let read = start + 1;
    problems.extend(rest.and_then(|rows| other_table(&grid, rows, read, file, &sheet.name)));
    let table = Table {
        sheet: sheet.name.clone(),
        header_rows: found.rows.clone(),
        columns,
        groups: groups.len(),
        meta,
        records: body.records,
        totals: body.totals,
        notes: body.notes,
    };
    (Some(table), problems)
}

/// Gives each record whose 链接 gives no address — 点击查看, empty, or no 链接 column at
/// all — the address its 链接 cell or else its 标题 cell links to (a title copied from a
/// website keeps its link).
fn linked(records: &mut [Record], sheet: &Sheet) {
    if sheet.links.is_empty() {
        return;
    }
    for record in records {
        let written = record.get(Field::Link);
        if written.is_some_and(|(_, c)| crate::read::gives_address(&c.text())) {
            continue;
        }
        let at = |(col, _): (u32, &Cell)| sheet.link(record.row, col);
        let Some(address) =
            (written.and_then(at)).or_else(|| record.get(Field::Title).and_then(at))
        else {
            continue;
        };
        let cell = Cell::Text(address.into());
        match record.cells.iter_mut().find(|(f, _, _)| *f == Field::Link) {
            Some((_, _, c)) => *c = cell,
            None => {
                let col = record.get(Field::Title).map_or(0, |(col, _)| col);
                record.cells.push((Field::Link, col, cell));
            }
        }
    }
}

/// Gives each record of a list or counts table that files its rows under 一级栏目 |
/// 二级栏目 | 三级栏目 columns, rather than one 栏目 column, the path of those it fills
/// (`工作动态/部门动态`), as a 栏目 written so is read.
fn sectioned(records: &mut [Record], columns: &[Column]) {
    const LEVELS: [Field; 3] = [Field::Level1, Field::Level2, Field::Level3];
    // Most tables have none: their records are not looked at.
    if !(columns.iter()).any(|c| c.field.is_some_and(|f| LEVELS.contains(&f))) {
        return;
    }
    for record in records {
        let submitted = record.get(Field::Title).is_some() || record.get(Field::Count).is_some();
        let filed = record
            .get(Field::Section)
            .is_some_and(|(_, c)| !c.is_empty());
        if !submitted || filed {
            continue;
        }
        let levels: Vec<(u32, String)> = (LEVELS.iter())
            .filter_map(|&f| record.get(f))
            .map(|(col, c)| (col, c.text().trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let Some(&(col, _)) = levels.last() else {
            continue;
        };
        let path: Vec<&str> = levels.iter().map(|(_, t)| t.as_str()).collect();
        let cell = Cell::Text(path.join("/").into());
        record.cells.retain(|(f, _, _)| *f != Field::Section);
        record.cells.push((Field::Section, col, cell));
    }
}

/// Whether every filled cell of the sheet is a note (`填表人：王五`, `（盖章）`): the
/// signature block an HTML export puts in a table of its own is no table without a
/// header.
fn only_notes(grid: &grid::Grid) -> bool {
    (0..grid.height())
        .flat_map(|row| grid.own_texts(row))
        .all(|(_, text)| labels::is_note(&text))
}

/// The row (of the first 30) of a header with a 单位 column and a column per month
/// (单位 | 1月 | 2月 | 3月 | 合计), which zwgk does not read.
fn months_across(grid: &grid::Grid) -> Option<u32> {
    (0..grid.height().min(30)).find(|&row| {
        let texts = grid.own_texts(row);
        let months = (texts.iter())
            .filter(|(_, t)| labels::is_month_label(t) || labels::names_a_month(t))
            .count();
        // Its rows are units, or sections (栏目 | 1月 | 2月 …).
        let rows_of = |t: &str| matches!(labels::field_of(t), Some(Field::Unit | Field::Section));
        let named = texts.iter().any(|(_, t)| rows_of(t));
        named && months >= 2
    })
}

/// `UnheadedCells` once for a sheet whose record rows have filled cells in columns
/// without a header label, at the first of them: they are not read.
fn unheaded(grid: &grid::Grid, found: &rows::Unheaded, file: &str, sheet: &str) -> Option<Problem> {
    let (row, col) = found.first?;
    let letters: Vec<String> = (found.cols.iter())
        .map(|&c| cell_address(0, c).trim_end_matches('1').to_string())
        .collect();
    let args = [letters.join("、"), found.cells.to_string()];
    let p = Problem::new(Code::UnheadedCells, file, &[&args[0], &args[1]]);
    Some(
        p.at(sheet, Place::cell(row + 1, col))
            .value(grid.text(row, col)),
    )
}

/// `HiddenRows` once for a sheet that hides rows of its table (an autofilter showing one
/// unit's rows of a website's export, or rows hidden by hand): they are read and counted
/// like the others, as they are in the file, and the clerk is told which they are.
fn hidden(records: &[Record], hidden: &[u32], file: &str, sheet: &str) -> Option<Problem> {
    if hidden.is_empty() {
        return None;
    }
    let rows: Vec<u32> = (records.iter())
        .map(|r| r.row)
        .filter(|r| hidden.binary_search(r).is_ok())
        .collect();
    let first = *rows.first()?;
    let mut shown: Vec<String> = rows.iter().take(10).map(|r| (r + 1).to_string()).collect();
    if rows.len() > 10 {
        shown.push("…".into());
    }
    let args = [shown.join("、"), rows.len().to_string()];
    let p = Problem::new(Code::HiddenRows, file, &[&args[0], &args[1]]);
    Some(p.at(sheet, Place::row(first + 1)))
}

/// `OtherTable` for a sheet of two tables, one of which (the header row opening `rows`)
/// is not read: the one whose header has more known labels is, and the other's rows
/// would otherwise be lost without a word. A line of labels with no row of two cells
/// under it (a `填报单位 | 民政局 | 统计期间 | 2018年4月` line) is no table.
fn other_table(
    grid: &grid::Grid,
    rows: std::ops::Range<u32>,
    read: u32,
    file: &str,
    sheet: &str,
) -> Option<Problem> {
    let head = rows.start;
    // Rows of two cells at least: one-cell lines (单位：条, the title of the table read)
    // are no table's rows.
    let filled = (head + 1..rows.end)
        .filter(|&r| grid.more_cells_than(r, 1))
        .count();
    if filled == 0 {
        return None;
    }
    let labels: Vec<String> = grid.own_texts(head).into_iter().map(|(_, t)| t).collect();
    let args = [
        (head + 1).to_string(),
        labels.join("、"),
        filled.to_string(),
        read.to_string(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let at = grid.own_cols(head).first().copied().unwrap_or(0);
    Some(Problem::new(Code::OtherTable, file, &args).at(sheet, Place::cell(head + 1, at)))
}

/// Names of the sheet of filling instructions that templates carry beside the table
/// (zwgk's own templates write 填表说明): without a table, such a sheet is expected.
pub(crate) const INSTRUCTION_SHEETS: &[&str] = &["填表说明", "填报说明"];

/// What a column holds, whatever its label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Field {
    /// 序号
    Seq,
    Title,
    Date,
    /// 成文日期 / 生成日期 / 发生日期: the day an item's information arose.
    Arose,
    Section,
    Unit,
    Link,
    Count,
    /// 月份 / 统计期间: the month a count row belongs to.
    Month,
    // The annual assessment (seeds 001 Annex 2, 003, 004): the indicator table, score
    // sheets and 复核 decisions.
    /// 指标 / 考核内容: an indicator named in one cell.
    Indicator,
    /// 一级指标.
    Indicator1,
    /// 二级指标.
    Indicator2,
    /// 三级指标.
    Indicator3,
    /// 分值: `25分`, `3%`, or `0-6分` for a deduction item.
    Points,
    /// 一级分值 / 合计分值: the points of the row's 一级指标, often merged down.
    Level1Points,
    /// 评分细则.
    Rule,
    /// 考核单位: who scores the indicator.
    Assessor,
    /// 适用对象: the categories of units the indicator applies to.
    Applies,
    /// 数据来源: `目标任务` or `栏目更新`, for scores the run works out.
    DataSource,
    /// 佐证链接 in a score sheet; 佐证要求 (what evidence is asked for) in the indicator table.
    Evidence,
    /// 得分 / 自评得分 / 考核得分.
    Score,
    /// 扣分: points taken off — of a deduction item, or of an item's full points.
    Deducted,
    /// 总分 of a row of a wide score sheet.
    TotalScore,
    /// 扣分原因.
    Reason,
    /// 市级扣分: what the city deducted on an item whose lead unit then loses double.
    CityDeduction,
    /// 申请日期 of a 复核 application.
    AppliedOn,
    /// 复核得分.
    ReviewScore,
    /// 复核意见.
    ReviewNote,
    Alias,
    Category,
    Level1,
    Level2,
    Level3,
    Content,
    Responsible,
    Frequency,
    // The elements of a standard catalogue (标准目录, seed 002) besides 公开内容 and 序号.
    /// 事项名称 / 公开事项.
    Matter,
    /// 一级事项.
    MatterLevel1,
    /// 二级事项.
    MatterLevel2,
    /// 公开依据.
    Basis,
    /// 公开时限: a catalogue element, never a section's 更新频率.
    TimeLimit,
    /// 公开主体.
    Subject,
    /// 公开方式 (主动 / 依申请); several columns when each choice is a column of ticks.
    Manner,
    /// 公开渠道(和载体).
    Channel,
    /// 公开对象 (全社会 / 特定对象); several columns when each choice is a column of ticks.
    Audience,
    /// 备注.
    Remark,
    // Contact registration forms (联系人登记表, seeds 001 and 002).
    /// 联系人: which role a person row is for (分管领导, 信息工作人员).
    Role,
    /// A person's attribute on a row of its own.
    Person(Attr),
    /// A person's attribute under a role's block of a two-row header (分管领导/姓名).
    RolePerson(Role, Attr),
    /// 单位电话.
    UnitPhone,
    /// 承办科室.
    Office,
}

/// Who a contact is (seed 001 Annex 3: 分管领导, 信息工作人员; seed 002 Annex 2: 分管领导, 联络人).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// 分管领导 / 分管负责人.
    Leader,
    /// 信息工作人员 / 联络人 / 联系人.
    Liaison,
}

impl Role {
    /// The role a label or a cell names: `分管领导`, `信息工作人员`, `联络人` …
    pub(crate) fn of(text: &str) -> Option<Self> {
        labels::role_of(text)
    }

    /// The role's usual name.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Role::Leader => "分管领导",
            Role::Liaison => "信息工作人员",
        }
    }
}

/// What a contact form says about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Attr {
    /// 姓名.
    Name,
    /// 职务.
    Post,
    /// 办公电话.
    OfficePhone,
    /// 手机.
    Mobile,
    /// QQ.
    Qq,
    /// 联系方式: a mobile or office number, or both.
    Contact,
}

impl Attr {
    /// The attribute's usual label.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Attr::Name => "姓名",
            Attr::Post => "职务",
            Attr::OfficePhone => "办公电话",
            Attr::Mobile => "手机",
            Attr::Qq => "QQ",
            Attr::Contact => "联系方式",
        }
    }
}

impl Field {
    /// The standard Chinese column label, as a template would write it.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Field::Seq => "序号",
            Field::Title => "标题",
            Field::Date => "发布日期",
            Field::Arose => "成文日期",
            Field::Section => "栏目",
            Field::Unit => "单位",
            Field::Link => "链接",
            Field::Count => "数量",
            Field::Month => "月份",
            Field::Indicator => "指标",
            Field::Indicator1 => "一级指标",
            Field::Indicator2 => "二级指标",
            Field::Indicator3 => "三级指标",
            Field::Points => "分值",
            Field::Level1Points => "一级分值",
            Field::Rule => "评分细则",
            Field::Assessor => "考核单位",
            Field::Applies => "适用对象",
            Field::DataSource => "数据来源",
            Field::Evidence => "佐证链接",
            Field::Score => "得分",
            Field::Deducted => "扣分",
            Field::TotalScore => "总分",
            Field::Reason => "扣分原因",
            Field::CityDeduction => "市级扣分",
            Field::AppliedOn => "申请日期",
            Field::ReviewScore => "复核得分",
            Field::ReviewNote => "复核意见",
            Field::Alias => "别名",
            Field::Category => "类别",
            Field::Level1 => "一级栏目",
            Field::Level2 => "二级栏目",
            Field::Level3 => "三级栏目",
            Field::Content => "公开内容",
            Field::Responsible => "保障单位",
            Field::Frequency => "更新频率",
            Field::Matter => "事项名称",
            Field::MatterLevel1 => "一级事项",
            Field::MatterLevel2 => "二级事项",
            Field::Basis => "公开依据",
            Field::TimeLimit => "公开时限",
            Field::Subject => "公开主体",
            Field::Manner => "公开方式",
            Field::Channel => "公开渠道和载体",
            Field::Audience => "公开对象",
            Field::Remark => "备注",
            Field::Role => "联系人",
            Field::Person(a) => a.zh(),
            Field::RolePerson(r, a) => labels::role_attr_zh(r, a),
            Field::UnitPhone => "单位电话",
            Field::Office => "承办科室",
        }
    }

    /// Whether each choice of the field may be a column of its own, ticked (√) where it
    /// applies, under the field's label in a two-row header (公开方式 over 主动 | 依申请).
    pub(crate) fn has_choice_columns(self) -> bool {
        matches!(self, Field::Manner | Field::Audience)
    }
}

/// One column of the located table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Column {
    /// 0-based column index in the sheet.
    pub col: u32,
    /// The label as written; a two-row header gives `上级/下级`.
    pub label: String,
    pub field: Option<Field>,
    /// For a choice column (see [`Field::has_choice_columns`]), the choice a tick in it
    /// stands for: the lower label, such as 主动 under 公开方式.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// One of the columns a cross table spreads its field across: in a wide score sheet
    /// (单位 × 指标), the 得分 of the indicator its label names.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub across: bool,
}

/// What a line above the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum MetaKey {
    /// 填报单位：XXX
    Unit,
    /// 统计期间：2018年4月
    Period,
    /// 填报日期：… / 填报时间：…
    FilledOn,
    /// 单位电话：… (seed 001 Annex 3)
    UnitPhone,
    /// 承办科室：… (seed 001 Annex 3)
    Office,
    /// 附件1
    Annex,
    /// Any other line, usually the table title.
    Title,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Meta {
    /// 0-based row.
    pub row: u32,
    pub key: MetaKey,
    /// The value after the colon, or the whole line for titles.
    pub value: String,
}

/// One data row: one entry per field of its column group, each with the 0-based
/// column it came from; a blank cell is `Cell::Empty`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    /// 0-based row in the sheet.
    pub row: u32,
    pub cells: Vec<(Field, u32, Cell)>,
}

impl Record {
    /// The cell of `field` with its column: the first, where several columns have it.
    pub(crate) fn get(&self, field: Field) -> Option<(u32, &Cell)> {
        self.all(field).next()
    }

    /// Every cell of `field` with its column: several for the columns a cross table
    /// spreads it across.
    pub(crate) fn all(&self, field: Field) -> impl Iterator<Item = (u32, &Cell)> {
        let cells = self.cells.iter();
        cells.filter_map(move |(f, c, v)| (*f == field).then_some((*c, v)))
    }
}

/// A 合计 / 小计 / 总计 row: a check on the rows it closes, never data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Total {
    /// 0-based row.
    pub row: u32,
    /// The label as written, such as `合  计`.
    pub label: String,
    /// The label's column.
    pub label_col: u32,
    /// The non-empty mapped cells of its column group, the label's own cell left out.
    pub cells: Vec<(Field, u32, Cell)>,
    /// Index range into `Table::records` of the rows this total closes: every record
    /// before it for 合计/总计/共计, those since the group's previous total for 小计.
    pub closes: std::ops::Range<usize>,
    /// The other rows it may close, where a single 合计 follows another with rows
    /// between: those since the other, or all (whichever `closes` is not). A total that
    /// matches either is right.
    pub or_closes: Option<std::ops::Range<usize>>,
    /// A third reading: a group's total (部门合计) after its units' totals, one of them a
    /// unit's with no rows (发改局 | 合计 | 0), may close all rows.
    pub or_all: Option<std::ops::Range<usize>>,
    /// Whether it is a 小计: a part's total, never the table's.
    pub sub: bool,
}

/// A sheet's table after layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub sheet: String,
    /// 0-based rows of the header (two for a merged two-row header).
    pub header_rows: std::ops::RangeInclusive<u32>,
    pub columns: Vec<Column>,
    /// How many side-by-side column groups were unfolded (1 for a plain table).
    pub groups: usize,
    pub meta: Vec<Meta>,
    /// Data rows; a side-by-side table is unfolded: group 1 top to bottom, then group 2 …
    pub records: Vec<Record>,
    /// Declared totals, in the same unfolded order.
    pub totals: Vec<Total>,
    /// Notes and signature lines after the data, rows that repeat the header
    /// (`REPEATED_HEADER`) and text outside the table's columns: (0-based row, text).
    pub notes: Vec<(u32, String)>,
}

impl Table {
    pub(crate) fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }

    pub(crate) fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }
}
