//! The rows below the header: records, declared totals and notes.
//!
//! Every non-blank row ends up in exactly one place. Side-by-side groups are read row
//! by row and unfolded group by group; a 合计 row ends a block, so that the records a
//! total closes are always one range of `Table::records`.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use chrono::Datelike;

use super::grid::Grid;
use super::header::{Group, Header, is_pairs};
use super::labels::{
    TotalKind, half_width, is_bare_total, is_note, is_running_total, is_ticked, named_month,
    named_total, names_a_period, names_the_year, role_of, stated_count, total_kind, total_prefix,
};
use super::{Field, Meta, MetaKey, Record, Total, meta};
use crate::normalise::values::{date_text, is_numeral};
use crate::read::Cell;

/// The note text of a row that repeats the header (multi-page exports).
pub(crate) const REPEATED_HEADER: &str = "重复的表头行";

/// Records, totals and notes of a table, in the unfolded order.
pub(super) struct Body {
    pub records: Vec<Record>,
    pub totals: Vec<Total>,
    pub notes: Vec<(u32, String)>,
    /// Filled cells of record rows in columns the header does not label.
    pub unheaded: Unheaded,
    /// The header row of another table below this one, where the rows stop being read.
    pub another: Option<u32>,
}

/// The filled cells of record rows that sit in columns without a header label: they
/// belong to no field, so they are not read, and the sheet says so once.
#[derive(Debug, Default)]
pub(super) struct Unheaded {
    /// How many there are.
    pub cells: usize,
    /// The first (0-based row, column).
    pub first: Option<(u32, u32)>,
    /// Their columns.
    pub cols: BTreeSet<u32>,
}

impl Unheaded {
    fn add(&mut self, row: u32, cols: impl IntoIterator<Item = u32>) {
        for col in cols {
            self.cells += 1;
            self.first.get_or_insert((row, col));
            self.cols.insert(col);
        }
    }
}

/// Reads every row below the header.
pub(super) fn read(grid: &Grid, header: &Header, groups: &[Group], meta: &[Meta]) -> Body {
    let (body, running) = read_with(grid, header, groups, meta, &[]);
    if running.is_empty() {
        return body;
    }
    // Running totals found at the end may have cut the list where they stood (全年合计
    // above 4月合计): read again, with them notes from the start.
    read_with(grid, header, groups, meta, &running).0
}

/// [`read`], with the rows `running` notes; returns the rows of the running totals found.
fn read_with(
    grid: &Grid,
    header: &Header,
    groups: &[Group],
    meta: &[Meta],
    running: &[u32],
) -> (Body, Vec<u32>) {
    let col_of = |field| {
        let column = header
            .columns
            .iter()
            .find(|h| h.column.field == Some(field));
        column.map(|h| h.column.col)
    };
    let rows = Rows {
        grid,
        header,
        groups,
        unit: (meta.iter())
            .find(|m| m.key == MetaKey::Unit)
            .map(|m| m.value.clone()),
        table_cols: header.columns.iter().map(|h| h.column.col).collect(),
        choices: header
            .columns
            .iter()
            .filter_map(|h| Some((h.column.col, h.column.choice.clone()?)))
            .collect(),
        role_col: header
            .columns
            .iter()
            .find(|h| h.column.field == Some(Field::Role))
            .map(|h| h.column.col),
        seq_col: col_of(Field::Seq),
        title_col: col_of(Field::Title),
        date_col: col_of(Field::Date),
        label_col: col_of(Field::Date).or(col_of(Field::Count)),
    };
    let mut unfold = Unfold::new(groups.len());
    let mut notes = Vec::new();
    // What a form fills in ahead of a unit: 序号, and in an item list also 单位 and 栏目
    // (a table of sections or domains is nothing but those).
    let items = header
        .columns
        .iter()
        .any(|h| h.column.field == Some(Field::Title));
    let ahead = |f: Field| f == Field::Seq || (items && matches!(f, Field::Unit | Field::Section));
    // Rows of nothing more, until a record below shows them inside the table.
    let mut numbered = Vec::new();
    let mut unheaded = Unheaded::default();
    let mut push = |unfold: &mut Unfold, parts: Vec<Part>| {
        let records = parts.iter().filter(|p| matches!(p, Part::Record(..)));
        if let Some(row) = records.map(Part::row).next() {
            unheaded.add(row, rows.unheaded(row));
        }
        unfold.push(parts);
    };
    let mut another = None;
    // Whether a signature line came after the last record: a date alone below it (the
    // date under the signature) waits to see whether a record follows.
    let mut signed = false;
    for row in header.rows.end() + 1..grid.height() {
        // Another table begins under a blank or one-cell line (its title) with a header
        // of its own: its rows are not this table's (see `layout::other_table`).
        if !grid.more_cells_than(row - 1, 1) {
            if header.is_restated_in(grid, row) {
                notes.push((row, REPEATED_HEADER.to_string()));
                continue;
            }
            // Labels each with its value under the table (单位 | 民政局 | 日期 | …):
            // the form's closing lines.
            if is_pairs(grid, row) {
                notes.push((row, rows.joined(row, &grid.own_cols(row))));
                signed = true;
                continue;
            }
            if header.starts_another(grid, row) {
                another = Some(row);
                break;
            }
        }
        let line = if running.contains(&row) {
            Line::Note(rows.joined(row, &grid.own_cols(row)))
        } else {
            rows.classify(row)
        };
        match line {
            Line::Blank => {}
            Line::Note(text) => {
                signed = signs(&text);
                notes.push((row, text));
            }
            Line::Parts(parts) if parts.iter().all(|p| p.unfilled(ahead)) => numbered.push(parts),
            Line::Parts(parts) if signed && is_a_date_alone(grid, row) => numbered.push(parts),
            Line::Parts(parts) => {
                numbered.drain(..).for_each(|p| push(&mut unfold, p));
                push(&mut unfold, parts);
                signed = false;
            }
        }
    }
    // Below the last record they are no records but notes: a form's rows left blank but
    // for what it filled in ahead, text in the 序号 column merged across (1、本表…), or a
    // line of one cell under a signature (the date).
    for parts in numbered {
        let row = parts.first().map_or(0, Part::row);
        notes.push((row, rows.joined(row, &grid.own_cols(row))));
    }
    let (records, totals, found) = unfold.finish();
    notes.extend(found.iter().map(note));
    notes.sort_by_key(|(row, _)| *row);
    let body = Body {
        records,
        totals,
        notes,
        unheaded,
        another,
    };
    (body, found.iter().map(|t| t.row).collect())
}

/// Whether a line of one cell is a heading of the rows below it or the template's
/// instructions, not an item typed into one cell: a part with a short name (一、部门动态,
/// （二）通知公告), a part of the period (4月下旬, 上半月, 第二季度), or the template's
/// instructions in brackets (（填写说明：……）, （注：……）).
fn is_heading(text: &str) -> bool {
    static PART: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        let ordinal =
            r"^([一二三四五六七八九十]+[、．.]|[(（][一二三四五六七八九十]+[)）])\S{1,8}$";
        let period = r"|^(\d{4}年)?(\d{1,2}|[一二三四五六七八九十]{1,3})月份?(上旬|中旬|下旬|上半月|下半月)?$";
        let part = r"|^(上半月|下半月|上旬|中旬|下旬|第?[一二三四1-4]季度|[上下]半年)$";
        let told = r"|^[(（](填写|填报|填表|说明|注)";
        regex::Regex::new(&format!("{ordinal}{period}{part}{told}")).ok()
    });
    // A heading may say how many items its part holds: 部门动态（共3条）, 一、部门动态 共3条.
    static COUNTED: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"^(.+?)[\s:：]*[(（]?\s*共?\s*\d+\s*条[)）]?$").ok());
    let text = text.trim();
    let part = |t: &str| PART.as_ref().is_some_and(|p| p.is_match(t));
    let counted = COUNTED.as_ref().and_then(|c| c.captures(text));
    let name =
        |t: &str| (2..=8).contains(&t.chars().count()) && t.chars().all(super::labels::is_cjk);
    part(text) || counted.is_some_and(|c| part(&c[1]) || name(&c[1]))
}

/// Whether a 序号 cell marks the template's example row: 例, 示例, 样例, 填写示例.
fn is_example(seq: &str) -> bool {
    let seq = seq.trim().trim_end_matches([':', '：']);
    ["例", "示例", "样例", "范例", "举例", "填写示例", "填报示例"].contains(&seq)
}

/// Whether a note is a signature line (填表人：, 单位负责人：, （盖章）), not a remark
/// (注：, 说明, 备注).
fn signs(note: &str) -> bool {
    let note = note.trim_start_matches([' ', '(', '（', '\u{3000}']);
    !["注", "说明", "备注", "填表说明", "填报说明"]
        .iter()
        .any(|w| note.starts_with(w))
}

/// Whether `row` holds one cell, a date (2018年5月3日, 2018-05-03): the date under a
/// signature.
fn is_a_date_alone(grid: &Grid, row: u32) -> bool {
    let cols = grid.own_cols(row);
    let [col] = cols[..] else {
        return false;
    };
    match grid.cell(row, col) {
        Cell::Date(_) => true,
        Cell::Text(t) => date_text(t.trim()).is_some(),
        _ => false,
    }
}

enum Line {
    Blank,
    Note(String),
    Parts(Vec<Part>),
}

/// What one group of a row is.
enum Part {
    Record(usize, Record),
    Total(usize, PendingTotal),
}

impl Part {
    /// Whether it is a record holding nothing but the fields `ahead` says a form fills in.
    fn unfilled(&self, ahead: impl Fn(Field) -> bool) -> bool {
        match self {
            Part::Record(_, r) => {
                (r.cells.iter()).all(|(f, _, c)| ahead(*f) || c.is_empty() || is_placeholder(c))
            }
            Part::Total(..) => false,
        }
    }

    fn row(&self) -> u32 {
        match self {
            Part::Record(_, r) => r.row,
            Part::Total(_, t) => t.row,
        }
    }
}

/// Whether a cell holds only what a blank form prints in it for the unit to fill in: a
/// date's `年  月  日`, a link's `http://`.
fn is_placeholder(cell: &Cell) -> bool {
    let Cell::Text(t) = cell else {
        return false;
    };
    let t = t.trim().to_ascii_lowercase();
    // A date's marks, after the year a form may print (2018年  月  日, 2018-  -  ).
    let marks = t
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
        .map_or(&*t, |_| &t[4..]);
    let date = t.contains(['年', '月', '日', '-', '/'])
        && (marks.chars()).all(|c| "年月日/-_.".contains(c) || c.is_whitespace());
    // A link's scheme, or the site's root, printed down the column.
    let scheme = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"));
    let root = scheme.is_some_and(|rest| !rest.trim_end_matches('/').contains('/'));
    date || root
}

/// Which records a total closes, decided when its block is unfolded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// A single 合计 for the row: every record before it, in all groups.
    All,
    /// A 合计 in each group of the row: the group's records in this block.
    Group,
    /// 小计: the group's records since its previous total.
    SinceLast,
}

struct PendingTotal {
    row: u32,
    label: String,
    label_col: u32,
    scope: Scope,
    cells: Vec<(Field, u32, Cell)>,
    /// The unit whose total it is (交运局 | 合计 | 5, 财政局合计 | | 9), as written.
    unit: Option<String>,
}

impl PendingTotal {
    fn closing(self, closes: Range<usize>, or_closes: Option<Range<usize>>) -> Total {
        Total {
            or_closes,
            or_all: None,
            sub: self.scope == Scope::SinceLast,
            row: self.row,
            label: self.label,
            label_col: self.label_col,
            cells: self.cells,
            closes,
        }
    }
}

struct Rows<'a> {
    grid: &'a Grid<'a>,
    header: &'a Header,
    groups: &'a [Group],
    table_cols: BTreeSet<u32>,
    /// The choice columns (公开方式/主动 …), each with the choice it stands for.
    choices: HashMap<u32, String>,
    /// The roles column of a contact form.
    role_col: Option<u32>,
    /// The 序号 column.
    seq_col: Option<u32>,
    /// The 标题 column.
    title_col: Option<u32>,
    /// The 发布日期 column.
    date_col: Option<u32>,
    /// The column whose cell tells a data row from the header restated: 发布日期, else
    /// 数量 (a date or a number in a data row, a label in the header).
    label_col: Option<u32>,
    /// The 填报单位 above the header, as written.
    unit: Option<String>,
}

impl Rows<'_> {
    fn classify(&self, row: u32) -> Line {
        // Columns first, texts only where needed: this runs for every row of every sheet.
        let own = self.grid.own_cols(row);
        let Some(&first) = own.first() else {
            return Line::Blank;
        };
        // A number or a date is never a note, nor a 合计 label.
        let text = |col| !matches!(self.grid.cell(row, col), Cell::Number(_) | Cell::Date(_));
        // In a contact form's roles column, 联系人 names a person's role.
        let role =
            || self.role_col == Some(first) && role_of(&self.grid.text_ref(row, first)).is_some();
        // A unit's name over its seal is a signature, but not on a row with a title, a
        // count or a score (教育局（盖章） | 4月 | 2, a row of a counts table; 财政局（盖章）
        // | 机关内部事务公开 | 1, of a 扣分 list). A date beside it is the signature's.
        let data = || {
            let sealed = self
                .grid
                .text_ref(row, first)
                .trim_end()
                .ends_with(['）', ')']);
            let aside = |f: Field| {
                matches!(
                    f,
                    Field::Remark | Field::Seq | Field::Date | Field::Month | Field::Unit
                )
            };
            let filled = |&c: &u32| self.field(c).is_some_and(|f| !aside(f));
            sealed && own.iter().skip(1).any(filled)
        };
        if text(first) && is_note(&self.grid.text_ref(row, first)) && !role() && !data() {
            return Line::Note(self.joined(row, &own));
        }
        // A sheet of several tables (April's, May's, June's), each under its own title
        // and 填报单位 line: those lines are no records. Another unit's line is not
        // passed over: its rows would be counted for the unit above the header.
        if own.len() == 1 && text(first) {
            let t = self.grid.text_ref(row, first);
            let titled = t.ends_with('表') || t.ends_with("清单");
            if self.states_this_table(&t) || (titled && self.titles_a_table(row)) {
                return Line::Note(t.into_owned());
            }
        }
        if self.header.is_repeated_in(self.grid, row)
            || (self.may_be_labels(row) && self.header.is_restated_in(self.grid, row))
        {
            return Line::Note(REPEATED_HEADER.to_string());
        }
        let seq = |col| self.seq_col == Some(col) && text(col);
        // The template's example row (序号 例), filled in as a real one would be.
        if own
            .first()
            .is_some_and(|&c| seq(c) && is_example(&self.grid.text_ref(row, c)))
        {
            return Line::Note(self.joined(row, &own));
        }
        // A running total (全年累计：25条) alone on its line, or in place of a count's
        // month or unit (1-4月累计), counts no item or month of the sheet.
        let running = |&col: &u32| {
            let text = self.grid.text_ref(row, col);
            // Most cells are ruled out by their characters, before anything is looked up.
            if !text.contains(['累', '纍', '计', '計', '共']) {
                return false;
            }
            let leads = matches!(self.field(col), Some(Field::Month | Field::Unit));
            // The date a form fills in on its total line (1-4月合计 | 20条 | 2018-04-30)
            // is no item's where no 序号 numbers the row.
            let numbered = self.numbered(row);
            let undated: Vec<u32> = (own.iter().copied())
                .filter(|&c| numbered || Some(c) != self.date_col)
                .collect();
            (leads || self.alone(row, col, &undated))
                && is_running_total(&text, self.field(col) == Some(Field::Unit))
                && self.may_label(row, col, &text)
        };
        if own.iter().filter(|&&col| text(col)).any(running) {
            return Line::Note(self.joined(row, &own));
        }
        let labels: Vec<Label> = own
            .iter()
            .filter(|&&col| text(col))
            .filter_map(|&col| {
                let text = self.grid.text_ref(row, col);
                // The forms in words only alone on their line: asked of a label alone, as
                // this runs for every cell. A section's total (政策文件解读合计) only
                // where it or a cell beside states a count.
                let Some(kind) = total_kind(&text, true) else {
                    let kind = named_total(&text)?;
                    // A count beside it in a count or title column: a number in the date
                    // or 序号 column of an item is its date or number.
                    let beside =
                        |c: u32| matches!(self.field(c), Some(Field::Count | Field::Title));
                    let counted = stated_count(&text).is_some()
                        || (own.iter()).any(|&c| c != col && beside(c) && self.is_count(row, c));
                    let label =
                        counted && self.alone(row, col, &own) && self.may_label(row, col, &text);
                    return label.then(|| Label {
                        col,
                        text: text.into_owned(),
                        kind,
                    });
                };
                let kind = if self.alone(row, col, &own) {
                    kind
                } else {
                    total_kind(&text, false)?
                };
                self.may_label(row, col, &text).then_some(Label {
                    col,
                    text: text.into_owned(),
                    kind,
                })
            })
            .collect();
        // A heading alone in the 序号 or 标题 column (一、部门动态, 4月下旬, the template's
        // （填写说明：……）): no item. Other text there (a row typed into one cell) is.
        let titled = |col| self.title_col == Some(col) && text(col);
        if labels.is_empty()
            && own.len() == 1
            && (seq(first) || titled(first))
            && is_heading(&self.grid.text_ref(row, first))
        {
            return Line::Note(self.joined(row, &own));
        }
        let parts = if labels.is_empty() {
            self.records(row)
        } else {
            self.totals(row, &labels)
        };
        // Text only outside the table's columns: kept as a note rather than lost.
        if parts.is_empty() {
            Line::Note(self.joined(row, &own))
        } else {
            Line::Parts(parts)
        }
    }

    /// Whether the cell at `col` may label a total: not a remark, link or count, nor a
    /// column zwgk does not read right of the table's first (a 备注 of 合计 is part of
    /// its row); on a row with a full date (an item's, or a form's filled-in date), only
    /// a label in the 序号 column with no item's title beside it, or in the 标题 column
    /// of a row 序号 does not number or a bare 合计 (a numbered title 合计3条 or
    /// 一至四月合计, a 发布单位 of 全县合计 beside a date, are an item's).
    fn may_label(&self, row: u32, col: u32, text: &str) -> bool {
        let field = self.field(col);
        let aside = match field {
            Some(f) => matches!(f, Field::Remark | Field::Link | Field::Count),
            None => self.table_cols.first().is_some_and(|&first| first < col),
        };
        let dated = self.date_col.is_some_and(|c| match self.grid.cell(row, c) {
            Cell::Date(_) => true,
            // A serial, as an item's date may be written in a CSV file saved by Excel.
            Cell::Number(n) => (20_000.0..80_000.0).contains(n),
            Cell::Text(t) => date_text(t.trim()).is_some(),
            _ => false,
        });
        // In the 序号 column, a total has at most its count beside it, no item's title
        // (4月合计 | 3条 | 2018-04-30); in the 标题 column, an item numbered in 序号 may
        // be titled 4月合计 or 合计3条, where only a bare 合计 is one.
        let labelled = match field {
            Some(Field::Seq) => self
                .title_col
                .is_none_or(|c| self.value_ref(row, c).is_none() || self.is_count(row, c)),
            Some(Field::Title) | None => is_bare_total(text) || !self.numbered(row),
            Some(_) => false,
        };
        !aside && (!dated || labelled)
    }

    /// Whether `row` has a number in its 序号 column (1, 12, a formula's result).
    fn numbered(&self, row: u32) -> bool {
        self.seq_col.is_some_and(|c| match self.grid.cell(row, c) {
            Cell::Number(_) => true,
            Cell::Text(t) => {
                let t = t.trim();
                !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
            }
            _ => false,
        })
    }

    /// Whether the cell at `col` is alone on its row but for a 序号 (a template's rows
    /// come numbered) and counts (合计：共8条 | 9): the forms of a total an item's title
    /// may take count only then.
    fn alone(&self, row: u32, col: u32, own: &[u32]) -> bool {
        // A remark beside it (其中原创1条) is no other content.
        let aside = |c: u32| matches!(self.field(c), Some(Field::Remark | Field::Link));
        (own.iter())
            .all(|&c| c == col || self.seq_col == Some(c) || aside(c) || self.is_count(row, c))
    }

    /// The field of the column `col`, where the header maps one.
    fn field(&self, col: u32) -> Option<Field> {
        let column = (self.header.columns.iter()).find(|h| h.column.col == col);
        column.and_then(|h| h.column.field)
    }

    /// Whether the cell at `col` holds a count: a number, `3条`, `４条`, `共4条信息`, `四条`.
    fn is_count(&self, row: u32, col: u32) -> bool {
        match self.grid.cell(row, col) {
            Cell::Number(_) => true,
            Cell::Text(t) => {
                let t = t.trim().trim_start_matches('共');
                let t = t.trim_end_matches("信息").trim_end_matches(['条', '條']);
                !t.is_empty()
                    && (t.chars())
                        .all(|c| half_width(c).is_ascii_digit() || c == ',' || is_numeral(c))
            }
            _ => false,
        }
    }

    /// Whether `row` may be the header restated in other words, told cheaply (this runs
    /// for every row): where a data row has a date or a number, it has short text that
    /// does not begin with a digit (发布时间).
    fn may_be_labels(&self, row: u32) -> bool {
        self.label_col
            .is_some_and(|col| match self.grid.cell(row, col) {
                Cell::Text(t) => {
                    t.len() <= 24 && !t.trim_start().starts_with(|c: char| c.is_ascii_digit())
                }
                _ => false,
            })
    }

    /// Whether a line of one cell states metadata of this table (统计期间：2022年5月, or
    /// the 填报单位 above the header again).
    fn states_this_table(&self, text: &str) -> bool {
        let metas = meta::line_metas(text);
        let ours = |m: &Meta| m.key != MetaKey::Unit || self.unit.as_ref() == Some(&m.value);
        !metas.is_empty() && metas.iter().all(ours)
    }

    /// Whether `row` heads another table of the sheet: its header repeats below, in its
    /// words or others, with at most blank rows and lines of this table's metadata between.
    fn titles_a_table(&self, row: u32) -> bool {
        for next in row + 1..self.grid.height().min(row + 4) {
            if self.header.is_repeated_in(self.grid, next)
                || self.header.is_restated_in(self.grid, next)
            {
                return true;
            }
            let own = self.grid.own_cols(next);
            let meta =
                || own.len() == 1 && self.states_this_table(&self.grid.text_ref(next, own[0]));
            if !own.is_empty() && !meta() {
                return false;
            }
        }
        false
    }

    fn records(&self, row: u32) -> Vec<Part> {
        (0..self.groups.len())
            .filter_map(|g| self.record(g, row).map(|r| Part::Record(g, r)))
            .collect()
    }

    /// The group's record for a row, `None` when all its cells are empty.
    fn record(&self, g: usize, row: u32) -> Option<Record> {
        let group = &self.groups[g];
        let any = group.cols.iter().any(|&c| self.value_ref(row, c).is_some());
        any.then(|| {
            let cells = group
                .fields
                .iter()
                .map(|&(f, c)| (f, c, self.value(row, c)));
            Record {
                row,
                cells: self.choices_joined(cells),
            }
        })
    }

    /// The cells of a record, with the choice columns of a field (公开方式/主动 |
    /// 公开方式/依申请) read as one cell at the first of them: the choices ticked in the
    /// row, joined by 、 (empty when none is).
    fn choices_joined(
        &self,
        cells: impl Iterator<Item = (Field, u32, Cell)>,
    ) -> Vec<(Field, u32, Cell)> {
        let mut out: Vec<(Field, u32, Cell)> = Vec::new();
        for (field, col, cell) in cells {
            let Some(choice) = self.choices.get(&col) else {
                out.push((field, col, cell));
                continue;
            };
            let ticked = is_ticked(&cell.text()).then_some(choice.as_str());
            let first = out
                .iter_mut()
                .find(|(f, c, _)| *f == field && self.choices.contains_key(c));
            match (first, ticked) {
                (Some((_, _, Cell::Text(joined))), Some(t)) => {
                    *joined = format!("{joined}、{t}").into();
                }
                (Some((_, _, joined)), Some(t)) => *joined = Cell::Text(t.into()),
                (Some(_), None) => {}
                (None, t) => {
                    out.push((field, col, t.map_or(Cell::Empty, |t| Cell::Text(t.into()))))
                }
            }
        }
        out
    }

    /// A row with 合计-type labels: a total for each group that has one (for the whole
    /// row in a plain table); other groups of a side-by-side row may still hold records.
    ///
    /// Under a single 合计 for the row, a group with no label that holds nothing but a
    /// count is that total's value (seed 001: 合计 in A, often merged A:C, the figure
    /// under the second pair's count in D), never a record of its own.
    fn totals(&self, row: u32, labels: &[Label]) -> Vec<Part> {
        let side_by_side = self.groups.len() > 1;
        let group_of = |col: u32| {
            let g = self.groups.iter().rposition(|g| g.start <= col);
            if side_by_side { g.unwrap_or(0) } else { 0 }
        };
        let labelled: BTreeSet<usize> = labels.iter().map(|l| group_of(l.col)).collect();
        let whole_row = labelled.len() == 1 && labels.iter().all(|l| l.kind == TotalKind::Grand);
        let mut parts = Vec::new();
        let mut figures = Vec::new();
        for g in 0..self.groups.len() {
            let Some(label) = labels.iter().find(|l| group_of(l.col) == g) else {
                match self.record(g, row) {
                    Some(r) if whole_row && only_counts(&r) => figures.extend(r.cells),
                    r => parts.extend(r.map(|r| Part::Record(g, r))),
                }
                continue;
            };
            let scope = match label.kind {
                TotalKind::Sub => Scope::SinceLast,
                TotalKind::Grand if labelled.len() == 1 => Scope::All,
                TotalKind::Grand => Scope::Group,
            };
            let cells: Vec<_> = self.groups[g]
                .fields
                .iter()
                .filter(|(_, c)| *c != label.col)
                .map(|&(f, c)| (f, c, self.value(row, c)))
                .filter(|(_, _, v)| *v != Cell::Empty)
                .collect();
            let total = PendingTotal {
                row,
                label: label.text.clone(),
                label_col: label.col,
                scope,
                unit: self.unit_of(label, &cells),
                cells,
            };
            parts.push(Part::Total(g, total));
        }
        let figures = figures.into_iter().filter(|(_, _, v)| *v != Cell::Empty);
        if let Some(Part::Total(_, total)) = parts.iter_mut().find(|p| matches!(p, Part::Total(..)))
        {
            total.cells.extend(figures);
        }
        parts
    }

    /// The unit a total's row names: in its unit cell, or before the keyword of a label
    /// in the unit column (财政局合计).
    fn unit_of(&self, label: &Label, cells: &[(Field, u32, Cell)]) -> Option<String> {
        let unit = match cells.iter().find(|(f, _, _)| *f == Field::Unit) {
            Some((_, _, cell)) => cell.text().trim().to_string(),
            None if self.field(label.col) == Some(Field::Unit) => total_prefix(&label.text)?,
            None => return None,
        };
        (!unit.is_empty()).then_some(unit)
    }

    /// A data cell; blank, or the continuation of a value merged in from another
    /// table column, reads as `Cell::Empty`.
    fn value(&self, row: u32, col: u32) -> Cell {
        self.value_ref(row, col).cloned().unwrap_or(Cell::Empty)
    }

    /// [`Rows::value`] without the copy; `None` for `Cell::Empty`.
    fn value_ref(&self, row: u32, col: u32) -> Option<&Cell> {
        let spilled = self
            .grid
            .merge_at(row, col)
            .is_some_and(|m| m.first_col < col && self.table_cols.contains(&m.first_col));
        (!spilled && !self.grid.is_blank(row, col)).then(|| self.grid.cell(row, col))
    }

    /// The filled cells of a row in columns the header does not label (a value merged
    /// across from a labelled column is that column's).
    fn unheaded(&self, row: u32) -> impl Iterator<Item = u32> + '_ {
        let own = self.grid.own_cols(row).into_iter();
        own.filter(|c| !self.table_cols.contains(c))
    }

    /// The texts of the row's `cols`, joined by spaces: a note line as written.
    fn joined(&self, row: u32, cols: &[u32]) -> String {
        let texts: Vec<_> = cols.iter().map(|&c| self.grid.text_ref(row, c)).collect();
        texts.join(" ")
    }
}

/// Whether a record's filled cells are all counts: no unit, section or title of its own.
fn only_counts(record: &Record) -> bool {
    (record.cells.iter()).all(|(f, _, c)| *f == Field::Count || c.is_empty())
}

struct Label {
    col: u32,
    text: String,
    kind: TotalKind,
}

/// The records at the end of `records` of `unit` (交运局 | 合计 | 5, in a counts table of
/// several units), when they are there.
fn unit_rows(unit: &str, records: &[Record]) -> Option<Range<usize>> {
    trailing(records, |r| {
        (r.get(Field::Unit)).is_some_and(|(_, c)| c.text().trim() == unit)
    })
}

/// The records at the end of `records` dated in the month a total's label names (5月合计),
/// when it names one and they are there.
fn month_rows(label: &str, records: &[Record]) -> Option<Range<usize>> {
    let month = named_month(label)?;
    trailing(records, |r| month_of(r).is_some_and(|(_, m)| m == month))
}

/// The year and month of a record's date.
fn month_of(r: &Record) -> Option<(i32, u32)> {
    match r.get(Field::Date)? {
        (_, Cell::Date(d)) => Some((d.year(), d.month())),
        (_, Cell::Text(t)) => date_text(t.trim()).map(|d| (d.year(), d.month())),
        _ => None,
    }
}

/// The records at the end of `records` that `keep` accepts, when there are any.
fn trailing(records: &[Record], keep: impl Fn(&Record) -> bool) -> Option<Range<usize>> {
    let start = records.iter().rposition(|r| !keep(r)).map_or(0, |i| i + 1);
    (start < records.len()).then_some(start..records.len())
}

/// Collects rows group by group and hands out record indices for the totals.
struct Unfold {
    /// Per group, the records and 小计 rows of the current block, top to bottom.
    pending: Vec<Vec<Entry>>,
    records: Vec<Record>,
    totals: Vec<Total>,
    /// How many records there were when the last single 合计 closed: the next may close
    /// the rows since (a sheet in parts: 4月 … 4月合计, 5月 … 5月合计) or all of them
    /// (部门合计 …, 合计); right after it, it closes all (the parts' 总计).
    closed: Option<usize>,
    /// A 合计 right under the header, before any record (some statistics tables put the
    /// total first): it closes every record of the table, known only at its end.
    leading: Option<PendingTotal>,
    /// How many records there were at the last 小计.
    sub_mark: usize,
    /// How many records there were at the last 合计 that was not a unit's of its own rows:
    /// a group's total (乡镇合计) after its units' totals closes the rows since.
    group_mark: usize,
}

enum Entry {
    Record(Record),
    Sub(PendingTotal),
}

impl Unfold {
    fn new(groups: usize) -> Self {
        Self {
            pending: (0..groups.max(1)).map(|_| Vec::new()).collect(),
            records: Vec::new(),
            totals: Vec::new(),
            closed: None,
            leading: None,
            sub_mark: 0,
            group_mark: 0,
        }
    }

    fn push(&mut self, parts: Vec<Part>) {
        let mut closing = Vec::new();
        for part in parts {
            match part {
                Part::Record(g, r) => self.pending[g].push(Entry::Record(r)),
                Part::Total(g, t) if t.scope == Scope::SinceLast => {
                    self.pending[g].push(Entry::Sub(t));
                }
                Part::Total(g, t) => closing.push((g, t)),
            }
        }
        if !closing.is_empty() {
            self.flush(closing);
        }
    }

    /// Ends a block: its records group by group, then the 合计 rows that closed it.
    fn flush(&mut self, closing: Vec<(usize, PendingTotal)>) {
        let groups = self.pending.len();
        let mut ranges = Vec::with_capacity(groups);
        for entries in &mut self.pending {
            let start = self.records.len();
            // A 小计 closes the rows since the previous; one with none there stands above
            // its rows (政策文件小计, then its items) and closes those below it up to the
            // next, or else those above (a part left empty), as do the 小计 after it.
            let mut open: Option<(PendingTotal, Range<usize>)> = None;
            let mut mark = start;
            for entry in std::mem::take(entries) {
                match entry {
                    Entry::Record(r) => self.records.push(r),
                    Entry::Sub(t) => {
                        let rows = mark..self.records.len();
                        if let Some((above, before)) = open.take() {
                            self.totals.push(above.closing(rows.clone(), Some(before)));
                            open = Some((t, rows));
                        } else if rows.is_empty() {
                            // Or else those since the last 小计 of a table of one group,
                            // across a unit's 合计 (民政局 … 民政局 | 合计, 部门小计).
                            let single = mark == start && groups == 1;
                            let since = self.sub_mark.min(start);
                            open = Some((t, if single { since..start } else { rows }));
                        } else {
                            self.totals.push(t.closing(rows, None));
                        }
                        mark = self.records.len();
                        self.sub_mark = mark;
                    }
                }
            }
            if let Some((t, before)) = open {
                self.totals
                    .push(t.closing(mark..self.records.len(), Some(before)));
            }
            ranges.push(start..self.records.len());
        }
        for (g, t) in closing {
            let first = self.records.is_empty() && self.closed.is_none();
            if t.scope == Scope::All && first && self.leading.is_none() {
                self.leading = Some(t);
                continue;
            }
            let mut or_all = None;
            let (closes, or_closes) = match t.scope {
                Scope::All => {
                    let end = self.records.len();
                    let since = self.closed.filter(|&c| c < end).map(|c| c..end);
                    let after_another = self.closed == Some(end);
                    self.closed = Some(end);
                    // A part's total (5月合计) first closes its part; any other, all rows.
                    // Right after another, a period's total closes its empty part
                    // (5月合计：0条) or all rows; any other, all rows.
                    let period = names_a_period(&t.label);
                    let unit = t.unit.as_deref().map(|u| unit_rows(u, &self.records));
                    let own = unit.clone().flatten().filter(|own| *own != (0..end));
                    let group = self.group_mark;
                    if !matches!(unit, Some(Some(_))) {
                        self.group_mark = end;
                    }
                    match since {
                        // A unit's total (交运局 | 合计 | 5) first closes its own rows.
                        _ if own.is_some() => (own.unwrap_or_default(), Some(0..end)),
                        // One with no rows right after another unit's (发改局 | 合计 | 0),
                        // or a group's after its units' (乡镇合计): none, or the rows since
                        // the last that was neither (all, right after one: 全县合计).
                        None if after_another && unit == Some(None) => {
                            let since = if group < end { group..end } else { 0..end };
                            or_all = (since != (0..end)).then_some(0..end);
                            (end..end, Some(since))
                        }
                        Some(part) if period => (part, Some(0..end)),
                        Some(part) => (0..end, Some(part)),
                        None if period && after_another => (end..end, Some(0..end)),
                        // The only total, of the last part (5月合计 under April's rows and
                        // May's): the rows dated in its month, or all.
                        None if period => match month_rows(&t.label, &self.records) {
                            Some(own) if own != (0..end) => (own, Some(0..end)),
                            _ => (0..end, None),
                        },
                        None => (0..end, None),
                    }
                }
                _ => (ranges[g].clone(), None),
            };
            let mut total = t.closing(closes, or_closes);
            total.or_all = or_all;
            self.totals.push(total);
        }
    }

    /// The records, the totals and the totals found to be running figures.
    fn finish(mut self) -> (Vec<Record>, Vec<Total>, Vec<Total>) {
        self.flush(Vec::new());
        // Last, as the table's grand total (the targets summary takes the last).
        if let Some(t) = self.leading.take() {
            self.totals.push(t.closing(0..self.records.len(), None));
        }
        let mut running = Vec::new();
        // In a list of one month's items with a total of its own, a total of the year or
        // of another period (全年合计：25条, 一季度合计：20条) is a running figure: a note,
        // as 全年累计 is.
        let dated = |t: &Total| !t.sub && (names_a_period(&t.label) || names_the_year(&t.label));
        // Most tables have no such total: their rows' dates are not looked at.
        let month = (self.totals.iter().any(dated))
            .then(|| single_month(&self.records))
            .flatten();
        if let Some(month) = month {
            let runs = |t: &Total| dated(t) && named_month(&t.label) != Some(month);
            if self.totals.iter().any(|t| !runs(t)) {
                let (runs, totals) = (self.totals.into_iter()).partition(runs);
                self.totals = totals;
                running = runs;
            }
        }
        (self.records, self.totals, running)
    }
}

/// The month all dated records are in, if there are any and it is one.
fn single_month(records: &[Record]) -> Option<u32> {
    let mut months = records.iter().filter_map(month_of);
    let first = months.next()?;
    months.all(|m| m == first).then_some(first.1)
}

/// A total's line as a note: its label and cells, left to right.
fn note(t: &Total) -> (u32, String) {
    let mut cells: Vec<(u32, String)> = (t.cells.iter())
        .map(|(_, col, c)| (*col, c.text()))
        .collect();
    cells.push((t.label_col, t.label.clone()));
    cells.sort_by_key(|(col, _)| *col);
    let texts: Vec<String> = cells.into_iter().map(|(_, t)| t).collect();
    (t.row, texts.join(" "))
}
