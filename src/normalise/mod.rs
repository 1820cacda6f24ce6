//! Normalise: submission tables → accepted items and counts, in polars.
//!
//! Each table's rows are framed and cleaned by the reading workers ([`SUBMISSION`]), and
//! each worker normalises the tables it read a batch at a time ([`batch`]): a batch
//! becomes one frame, with the file-level context of their table beside each row. Counts,
//! months, the row rules and the checks are column expressions; every row is either
//! accepted or rejected with at least one problem. The accepted rows of every batch are
//! then put in file order for duplicates and counts ([`submissions`]). Three steps are
//! plain Rust passes over the columns because they are lookups, not column arithmetic:
//! unit names (each distinct spelling resolved once), text dates, and duplicates (the
//! first row with each key, in file order).

pub(crate) mod batch;
mod closest;
pub(crate) mod frame;
mod rows;
mod rules;
pub(crate) mod text;
pub(crate) mod units;
pub(crate) mod values;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::LazyLock;

use chrono::Datelike;
use polars::prelude::*;
use regex::Regex;

use crate::coverage::resolve::SectionIndex;
use crate::error::Internal;
use crate::ingest::{self, Input, SheetAt};
use crate::layout::{Field, MetaKey};
use crate::model::Section;
use crate::problems::{Code, Place, Problem};
use crate::schema::{Counts, Items};
pub(crate) use batch::Batch;
pub(crate) use frame::{Framing, SourceTable};
use rows::Check;
pub(crate) use units::Resolver;

/// What the run knows before it reads a row.
pub(crate) struct Context<'a> {
    /// The units table and its spellings.
    pub(crate) resolver: &'a Resolver,
    /// The working year: `[workspace] year`, or the period's year.
    pub(crate) year: i32,
    /// The day of the run: an item dated after it is said to be.
    pub(crate) today: chrono::NaiveDate,
    /// The sections table: a sheet named after one of its sections, with no 栏目 column,
    /// holds that section's items.
    pub(crate) sections: &'a [Section],
}

/// What each spelling of a unit resolved to, and the suggestion for one that did not.
type Names<'r> = HashMap<Box<str>, (Option<&'r str>, Option<String>)>;

/// Row accounting of one source table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Account {
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rows_rejected: usize,
}

/// The normalised submissions of a run.
pub(crate) struct Normalised {
    /// Counted items, one per distinct item.
    pub(crate) items: Items,
    /// Counted count rows.
    pub(crate) counts: Counts,
    pub problems: Vec<Problem>,
    /// Per item list and count summary, in file order.
    pub accounts: Vec<(SheetAt, Account)>,
    /// Accepted item rows not counted because they repeat an earlier item.
    pub duplicates: usize,
}

/// How the tables of submissions are framed: units and sections are names.
pub(crate) const SUBMISSION: Framing = Framing {
    fields: &[
        Field::Unit,
        Field::Title,
        Field::Date,
        Field::Arose,
        Field::Section,
        Field::Link,
        Field::Count,
        Field::Month,
    ],
    names: &[Field::Unit, Field::Section],
    across: None,
};

/// Rows normalised at once: the stacked frame of a batch and its columns stay small,
/// while polars still has enough rows per query to work in parallel (a query per table
/// would cost more than the work).
const BATCH_ROWS: usize = 64 * 1024;

/// Normalises every submission table (item lists and count summaries) of the run's
/// `inputs`, given as the [`Batch`]es the reading workers normalised: numbers their
/// tables in file order, drops those of files found after reading to be copies of
/// another, then looks for duplicates and works out the counts over them all.
///
/// # Errors
/// [`Internal`] errors, which would be a bug in an expression rather than bad input.
pub(crate) fn submissions(
    inputs: &[Input],
    batches: Vec<Batch>,
    ctx: &Context,
) -> Result<Normalised, Internal> {
    let owners = ingest::counted_sheets(inputs);
    let tables = ingest::source_tables(inputs, &owners);
    let src_of: HashMap<SheetAt, u32> = (owners.iter().enumerate())
        .map(|(src, &at)| (at, src as u32))
        .collect();
    let mut accounts = vec![Account::default(); owners.len()];
    let (mut problems, mut total_problems) = (Vec::new(), Vec::new());
    let (mut item_rows, mut count_rows) = (Vec::new(), Vec::new());
    for batch in batches {
        let src: Vec<Option<u32>> = batch.at.iter().map(|at| src_of.get(at).copied()).collect();
        // A file found to be a copy of another once read: its rows and problems go.
        let copies: HashSet<&str> = (batch.at.iter().zip(&src))
            .filter(|(_, src)| src.is_none())
            .map(|((i, _), _)| inputs[*i].path.as_str())
            .collect();
        let kept = |p: &Problem| !copies.contains(p.file.as_str());
        let Accepted {
            items,
            counts,
            problems: found,
            accounts: counted,
        } = batch.accepted;
        problems.extend(found.into_iter().filter(kept));
        total_problems.extend(batch.totals.into_iter().filter(kept));
        for (&src, account) in src.iter().zip(counted) {
            if let Some(src) = src {
                accounts[src as usize] = account;
            }
        }
        item_rows.push(in_run(items, &src)?);
        count_rows.push(in_run(counts, &src)?);
    }
    let (item_rows, count_rows) = match (stacked(item_rows)?, stacked(count_rows)?) {
        (Some(items), Some(counts)) => (items, counts),
        // No table at all: the empty frames of a batch of none.
        _ => {
            let none = accept(&[], Vec::new(), ctx, &mut Names::default())?;
            (none.items, none.counts)
        }
    };
    let (items, duplicates, dup_problems) = dedupe(item_rows, &tables)?;
    let (counts, overridden) = counts(count_rows, &items, &tables)?;
    problems.extend(dup_problems);
    problems.extend(overridden);
    problems.extend(total_problems);
    Ok(Normalised {
        items: Items::new(with_sources(items, &tables)?)?,
        counts: Counts::new(with_sources(counts, &tables)?)?,
        problems,
        accounts: owners.into_iter().zip(accounts).collect(),
        duplicates,
    })
}

/// `df` of a batch, its `src` the batch's own numbering, with the run's numbering
/// `src` gives instead; rows of a table that is none of the run's are left out.
fn in_run(mut df: DataFrame, src: &[Option<u32>]) -> PolarsResult<DataFrame> {
    let local = df.column("src")?.u32()?;
    let run: UInt32Chunked = (local.iter())
        .map(|s| s.and_then(|s| src.get(s as usize).copied().flatten()))
        .collect();
    df.with_column(run.with_name("src".into()).into_column())?;
    if src.iter().any(Option::is_none) {
        df = df.drop_nulls(Some(&["src"]))?;
    }
    Ok(df)
}

/// The rows of `frames` in file order, in one chunk (duplicates are looked for row by
/// row); `None` for no frame. Each frame holds whole tables in the order of their `src`,
/// as a reading worker's batch does: its tables are put in place, each copied once.
fn stacked(frames: Vec<DataFrame>) -> PolarsResult<Option<DataFrame>> {
    // Each table's rows: (src, frame, first row, rows).
    let mut tables = Vec::new();
    for (f, df) in frames.iter().enumerate() {
        let src: Vec<Option<u32>> = df.column("src")?.u32()?.iter().collect();
        let mut start = 0;
        for table in src.chunk_by(|a, b| a == b) {
            tables.push((table[0], f, start, table.len()));
            start += table.len();
        }
    }
    tables.sort_by_key(|&(src, f, ..)| (src, f));
    let mut parts = tables
        .iter()
        .map(|&(_, f, start, n)| frames[f].slice(start as i64, n));
    let Some(mut all) = parts.next().or_else(|| frames.first().cloned()) else {
        return Ok(None);
    };
    for part in parts {
        all.vstack_mut_owned(part)?;
    }
    all.rechunk_mut_par();
    Ok(Some(all))
}

/// What the row checks left of a batch of tables: the accepted item rows
/// ([`DEDUPE_COLUMNS`]) and count rows ([`COUNT_COLUMNS`]), with `src` the index of their
/// table in the batch; the problems of its rows in file order; the accounting of each table.
pub(super) struct Accepted {
    items: DataFrame,
    counts: DataFrame,
    problems: Vec<Problem>,
    accounts: Vec<Account>,
}

/// Checks every row of the batch `tables` (whose rows are `rows`) and keeps the accepted
/// ones.
fn accept<'r>(
    tables: &[SourceTable],
    rows: Vec<DataFrame>,
    ctx: &Context<'r>,
    names: &mut Names<'r>,
) -> Result<Accepted, Internal> {
    let rows = SUBMISSION.stack(rows)?;
    let mut rows = with_context(rows, &table_context(tables, ctx)?)?;
    filed_by_sheet(&mut rows)?;
    resolve_units(&mut rows, ctx.resolver, names)?;
    let checks = rules::checks(ctx.year, ctx.today);
    // Parsed values and the rejected flag are materialised once beside the rows: every
    // check and the accounting below read them, and a lazy plan would recompute the
    // whole normalisation for each of them.
    add_columns(
        &mut rows,
        [
            values::date("date", col("date1904")).alias("date_value"),
            values::date("arose", col("date1904")).alias("arose_value"),
            values::count("count").alias("count_value"),
            values::count_is_dash("count").alias("count_dash"),
            values::count_too_large("count").alias("count_large"),
            coalesce(&[
                values::month("month", ctx.year, col("date1904")),
                col("hint_month"),
            ])
            .alias("month_value"),
            rules::unit_expr().alias("unit_value"),
        ],
    )?;
    add_columns(&mut rows, [rows::rejected(&checks).alias("rejected")])?;
    let all = rows.lazy();
    // A problem on a row that counts is about the row's unit.
    let counted_unit = when(col("rejected").not())
        .then(col("unit_value"))
        .otherwise(lit(NULL).cast(DataType::String));
    let mut problems = rows::problems(&all, &checks, tables, counted_unit)?;
    problems.extend(named_elsewhere(&all, tables)?);
    let accounts = accounts(&all, tables.len())?;
    // Only the accepted rows and the columns still needed go on, so that the wide frame
    // of every row is freed with the batch.
    Ok(Accepted {
        items: accepted(&all, col("is_items"), DEDUPE_COLUMNS)?,
        counts: accepted(&all, col("is_items").not(), COUNT_COLUMNS)?,
        problems,
        accounts,
    })
}

/// Rows of a list whose 填报单位 line names one unit that name another in their own cell:
/// counted for the unit they name, as in a list gathered for several units, and said once
/// per sheet and unit (U004), so that a row filed under the wrong unit is seen.
fn named_elsewhere(all: &LazyFrame, tables: &[SourceTable]) -> PolarsResult<Vec<Problem>> {
    let resolved = || col("unit_resolved");
    let df = all
        .clone()
        .filter(
            col("rejected")
                .not()
                .and(col("multi"))
                .and(col("meta_unit").is_not_null())
                .and(col("hint").is_not_null())
                .and(resolved().is_not_null())
                .and(resolved().neq(col("hint"))),
        )
        .group_by([col("src"), resolved(), col("hint")])
        .agg([len().alias("n"), col("row").min().alias("first")])
        .sort(["src", "first"], SortMultipleOptions::default())
        .collect()?;
    let (src, first) = (df.column("src")?.u32()?, df.column("first")?.u32()?);
    let (unit, hint) = (
        df.column("unit_resolved")?.str()?,
        df.column("hint")?.str()?,
    );
    let n = df.column("n")?.cast(&DataType::UInt32)?;
    let n = n.u32()?;
    let mut out = Vec::new();
    for i in 0..df.height() {
        let (Some(s), Some(u), Some(h)) = (src.get(i), unit.get(i), hint.get(i)) else {
            continue;
        };
        let Some(t) = tables.get(s as usize) else {
            continue;
        };
        let rows = n.get(i).unwrap_or(0).to_string();
        let p = Problem::new(Code::RowOfAnotherUnit, t.file, &[h, &rows, u, u]);
        out.push(p.at(t.sheet, first.get(i).map(Place::row)).about(u));
    }
    Ok(out)
}

/// `df` with the `file` and `sheet` of its `src` table instead of `src`.
fn with_sources(mut df: DataFrame, tables: &[SourceTable]) -> PolarsResult<DataFrame> {
    let src = df.drop_in_place("src")?;
    let src = src.u32()?;
    for (name, texts) in [
        ("file", tables.iter().map(|t| t.file).collect::<Vec<_>>()),
        ("sheet", tables.iter().map(|t| t.sheet).collect()),
    ] {
        let column = StringChunked::from_iter_values(name.into(), texts.into_iter());
        df.with_column(column.take(src)?.into_column())?;
    }
    Ok(df)
}

/// The columns duplicates are looked for by, and those 明细 and its problems show.
const DEDUPE_COLUMNS: &[&str] = &[
    "unit_value",
    "title",
    "title_col",
    "date_value",
    "arose_value",
    "section",
    "section_col",
    "link",
    "src",
    "row",
];

/// The columns count rows are checked and kept with.
const COUNT_COLUMNS: &[&str] = &[
    "unit_value",
    "month_value",
    "section",
    "count",
    "count_col",
    "count_value",
    "count_dash",
    "src",
    "row",
];

/// Adds the columns `exprs` compute over `df` to it, leaving its own columns as they are
/// (collecting `with_columns` would copy every one of them).
fn add_columns<const N: usize>(df: &mut DataFrame, exprs: [Expr; N]) -> PolarsResult<()> {
    let added = df.clone().lazy().select(exprs).collect()?;
    df.hstack_mut(added.columns())?;
    Ok(())
}

/// The accepted rows of `all` that meet `kind`, with `columns`. Their texts are copied:
/// filtered, they would share the buffers of every row of the batch (with the room
/// their builders left), which would then live as long as the run's items. A unit's
/// name or a section, on many rows, is stored once ([`stored_once`]).
fn accepted(all: &LazyFrame, kind: Expr, columns: &[&str]) -> PolarsResult<DataFrame> {
    let mut df = (all.clone())
        .filter(col("rejected").not().and(kind))
        .select([cols(columns.iter().copied()).as_expr()])
        .collect()?;
    for &name in columns {
        if let Ok(texts) = df.column(name)?.str() {
            let copied = if ["unit_value", "section"].contains(&name) {
                stored_once(texts)?
            } else {
                texts
                    .iter()
                    .collect::<StringChunked>()
                    .with_name(name.into())
            };
            df.with_column(copied.into_column())?;
        }
    }
    Ok(df)
}

/// `texts` with a buffer of their own, each distinct text stored once.
fn stored_once(texts: &StringChunked) -> PolarsResult<StringChunked> {
    let mut at: PlHashMap<&str, IdxSize> = PlHashMap::default();
    let mut distinct = Vec::new();
    let index: IdxCa = (texts.iter())
        .map(|text| {
            text.map(|text| {
                *at.entry(text).or_insert_with(|| {
                    distinct.push(text);
                    (distinct.len() - 1) as IdxSize
                })
            })
        })
        .collect();
    let distinct = StringChunked::from_iter_values(texts.name().clone(), distinct.into_iter());
    distinct.take(&index)
}

/// One row per source table, the file-level context its rows may need: `src`,
/// `is_items`, `date1904`, the 填报单位 line (`meta_unit`, cleaned, and `meta_suggest` when it
/// names no known unit), the unit the table's line, file name or folder names (`hint`, or
/// `hint_conflict` saying how they disagree) and the month a 填报期间 line or the file
/// name gives (`hint_month`; none, and `month_conflict` naming the file name's, where the
/// two differ).
fn table_context(tables: &[SourceTable], ctx: &Context) -> PolarsResult<DataFrame> {
    let n = tables.len();
    let mut is_items = Vec::with_capacity(n);
    let mut date1904 = Vec::with_capacity(n);
    let (mut meta_unit, mut meta_resolved) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut meta_suggest = Vec::with_capacity(n);
    let (mut file_unit, mut folder_unit) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut meta_period, mut stem_month) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let mut sheet_section = Vec::with_capacity(n);
    let unfiled = |t: &SourceTable| !t.table.has(Field::Section);
    let index = (tables.iter().any(unfiled)).then(|| SectionIndex::new(ctx.sections));
    for t in tables {
        let sheet = without_copy_number(t.sheet);
        let named = index.as_ref().filter(|i| unfiled(t) && i.names(sheet));
        sheet_section.push(named.map(|_| sheet.to_string()));
        is_items.push(t.table.has(Field::Title));
        date1904.push(t.date1904);
        let meta = t
            .table
            .meta(MetaKey::Unit)
            .and_then(|m| text::clean_text(m, true))
            .map(Cow::into_owned);
        let resolved = meta.as_deref().and_then(|m| ctx.resolver.resolve(m));
        meta_suggest.push(match (&meta, resolved) {
            (Some(m), None) => ctx.resolver.suggestion(m),
            _ => None,
        });
        meta_resolved.push(resolved.map(str::to_string));
        meta_unit.push(meta);
        let named = ctx.resolver.in_path(t.file);
        file_unit.push(named.file.map(str::to_string));
        folder_unit.push(named.folder.map(str::to_string));
        let period = t.table.meta(MetaKey::Period);
        let period = period.and_then(|m| text::clean_text(m, false));
        meta_period.push(period.map(|p| month_of_range(&p).unwrap_or_else(|| p.into_owned())));
        let file_stem = std::path::Path::new(t.file).file_stem();
        stem_month.push(file_stem.and_then(|s| month_in_stem(&s.to_string_lossy())));
    }
    let df = df!(
        "src" => (0..n as u32).collect::<Vec<_>>(),
        "is_items" => is_items,
        "date1904" => date1904,
        "meta_unit" => meta_unit,
        "meta_resolved" => meta_resolved,
        "meta_suggest" => meta_suggest,
        "file_unit" => file_unit,
        "folder_unit" => folder_unit,
        "meta_period" => meta_period,
        "stem_month" => stem_month,
        "sheet_section" => sheet_section,
    )?;
    // A period line and a file name naming different months (last year's form reused):
    // neither is taken.
    let (line, named) = (col("period_month"), col("stem_month"));
    let conflict = (line.clone().is_not_null())
        .and(named.clone().is_not_null())
        .and(line.clone().neq(named.clone()));
    df.lazy()
        .with_column(lit(NULL).cast(DataType::Int32).alias("meta_period_days"))
        .with_column(values::month("meta_period", ctx.year, col("date1904")).alias("period_month"))
        .select([
            col("src"),
            col("is_items"),
            col("date1904"),
            col("sheet_section"),
            col("meta_unit"),
            col("meta_suggest"),
            rules::hint().alias("hint"),
            rules::hint_conflict().alias("hint_conflict"),
            col("meta_period"),
            when(conflict.clone())
                .then(lit(NULL).cast(DataType::Int32))
                .otherwise(coalesce(&[line, named.clone()]))
                .alias("hint_month"),
            when(conflict)
                .then(month_text(named))
                .otherwise(rows::null_str())
                .alias("month_conflict"),
        ])
        .collect()
}

/// `201804` as `2018年4月`.
fn month_text(month: Expr) -> Expr {
    concat_str(
        [
            (month.clone() / lit(100)).cast(DataType::String),
            lit("年"),
            (month % lit(100)).cast(DataType::String),
            lit("月"),
        ],
        "",
        true,
    )
}

/// The month of a period line written as a range of days within it (2018年4月1日至4月30日,
/// 2018.4.1-2018.4.30): `2018年4月`; `None` for any other text, a range over several
/// months among them.
fn month_of_range(text: &str) -> Option<String> {
    let split = ["至", "到", "~", "～", "—", "–"]
        .iter()
        .find_map(|s| text.split_once(s))
        .or_else(|| {
            // A hyphen between two dates, the dates perhaps written with hyphens too.
            let at = text.match_indices('-').map(|(i, _)| i);
            at.map(|i| (&text[..i], &text[i + 1..]))
                .find(|(a, b)| values::date_text(a).is_some() && values::date_text(b).is_some())
        })?;
    let (from, to) = (split.0.trim(), split.1.trim());
    let from = values::date_text(from)?;
    // The second date may leave out the year: 2018年4月1日至4月30日.
    let to =
        values::date_text(to).or_else(|| values::date_text(&format!("{}年{to}", from.year())))?;
    let one_month = (from.year(), from.month()) == (to.year(), to.month()) && from <= to;
    one_month.then(|| format!("{}年{}月", from.year(), from.month()))
}

/// Gives rows without a 栏目 the one their sheet is named after (`sheet_section`: a
/// workbook of a sheet per section).
fn filed_by_sheet(rows: &mut DataFrame) -> PolarsResult<()> {
    let sheet = rows.drop_in_place("sheet_section")?;
    if sheet.null_count() == sheet.len() {
        return Ok(());
    }
    let section = rows.column("section")?.str()?;
    let filed = section.zip_with(&section.is_not_null(), sheet.str()?)?;
    rows.with_column(filed.into_column())?;
    Ok(())
}

/// A sheet's name without the number Excel and WPS give a copy of a sheet: `部门动态 (2)`,
/// `部门动态（2）`.
fn without_copy_number(sheet: &str) -> &str {
    let t = sheet.trim_end();
    let Some(body) = t.strip_suffix([')', '）']) else {
        return t;
    };
    let Some(open) = body.rfind(['(', '（']) else {
        return t;
    };
    let opener = body[open..].chars().next().map_or(1, char::len_utf8);
    let number = &body[open + opener..];
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        body[..open].trim_end()
    } else {
        t
    }
}

/// `raw` with the columns of its table's row of `context` (all but `src`) beside each row.
fn with_context(raw: DataFrame, context: &DataFrame) -> PolarsResult<DataFrame> {
    let per_row = context.drop("src")?.take(raw.column("src")?.u32()?)?;
    raw.hstack(per_row.columns())
}

/// The single month a file stem names (`民政局-2018年4月` → `201804`), never a range
/// (`1-4月`): the month of a count file's rows where nothing else gives one, and one of
/// the months a file is about.
pub(crate) fn month_in_stem(stem: &str) -> Option<i32> {
    static PATTERNS: LazyLock<Option<(Regex, Regex)>> = LazyLock::new(|| {
        let month = Regex::new(r"(\d{4})\s*[年\-._]\s*(\d{1,2})(?:\s*月)?").ok()?;
        let range = Regex::new(r"\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月").ok()?;
        Some((month, range))
    });
    let (month, range) = PATTERNS.as_ref()?;
    if range.is_match(stem) {
        return None;
    }
    let found = month.captures(stem)?;
    let (y, m): (i32, i32) = (found[1].parse().ok()?, found[2].parse().ok()?);
    (1..=12).contains(&m).then_some(y * 100 + m)
}

/// Resolves each distinct spelling of the `unit` column once, in Rust, and adds
/// `unit_resolved`, `unit_suggest` and `multi` (whether the rows of the row's table resolve
/// to more than one unit). `names` keeps what each spelling resolved to, for the next
/// batch.
fn resolve_units<'r>(
    df: &mut DataFrame,
    resolver: &'r Resolver,
    names: &mut Names<'r>,
) -> PolarsResult<()> {
    let height = df.height();
    let mut resolved = StringChunkedBuilder::new("unit_resolved".into(), height);
    let mut suggest = StringChunkedBuilder::new("unit_suggest".into(), height);
    // Per table: its first resolved unit, and whether another one follows.
    let mut first: Vec<Option<&str>> = Vec::new();
    let mut multi: Vec<bool> = Vec::new();
    let src = df.column("src")?.u32()?;
    for (s, name) in src.iter().zip(df.column("unit")?.str()?.iter()) {
        let (r, sg) = match name {
            Some(name) => {
                if !names.contains_key(name) {
                    let r = resolver.resolve(name);
                    let sg = r.is_none().then(|| resolver.suggestion(name)).flatten();
                    names.insert(name.into(), (r, sg));
                }
                &names[name]
            }
            None => &(None, None),
        };
        resolved.append_option(*r);
        suggest.append_option(sg.as_deref());
        let s = s.unwrap_or_default() as usize;
        if first.len() <= s {
            first.resize(s + 1, None);
            multi.resize(s + 1, false);
        }
        if let Some(r) = r {
            match first[s] {
                None => first[s] = Some(r),
                Some(f) if f != *r => multi[s] = true,
                Some(_) => {}
            }
        }
    }
    let multi: BooleanChunked = src
        .iter()
        .map(|s| {
            multi
                .get(s.unwrap_or_default() as usize)
                .copied()
                .unwrap_or(false)
        })
        .collect();
    let columns = [
        resolved.finish().into_column(),
        suggest.finish().into_column(),
        multi.with_name("multi".into()).into_column(),
    ];
    for c in columns {
        df.with_column(c)?;
    }
    Ok(())
}

fn accounts(lf: &LazyFrame, n: usize) -> PolarsResult<Vec<Account>> {
    let df = lf
        .clone()
        .group_by([col("src")])
        .agg([len().alias("read"), col("rejected").sum().alias("rejected")])
        .collect()?;
    let mut out = vec![Account::default(); n];
    let src = df.column("src")?.u32()?;
    let read = df.column("read")?.cast(&DataType::UInt64)?;
    let rejected = df.column("rejected")?.cast(&DataType::UInt64)?;
    for i in 0..df.height() {
        let (Some(s), Some(r), Some(x)) = (src.get(i), read.u64()?.get(i), rejected.u64()?.get(i))
        else {
            continue;
        };
        if let Some(a) = out.get_mut(s as usize) {
            *a = Account {
                rows_read: r as usize,
                rows_rejected: x as usize,
                rows_accepted: (r - x) as usize,
            };
        }
    }
    Ok(out)
}

/// Drops repeated items: the same unit, title key and date, or the same link. The first
/// occurrence in file order stays.
fn dedupe(
    items: DataFrame,
    tables: &[SourceTable],
) -> PolarsResult<(DataFrame, usize, Vec<Problem>)> {
    // File order: by table, then by sheet row (side-by-side groups were unfolded, so a
    // table's rows may come group by group).
    let (src, row) = (items.column("src")?.u32()?, items.column("row")?.u32()?);
    let sorted = if src.iter().zip(row.iter()).is_sorted() {
        items
    } else {
        let order: Vec<_> = src.iter().zip(row.iter()).collect();
        let mut by_order: Vec<IdxSize> = (0..order.len() as IdxSize).collect();
        by_order.sort_by_key(|&i| order[i as usize]);
        items.take(&IdxCa::from_vec("order".into(), by_order))?
    };
    let original = originals(&sorted)?;
    let rows = 0..original.len() as IdxSize;
    let repeats: Vec<IdxSize> = rows
        .clone()
        .filter(|&i| original[i as usize] != i)
        .collect();
    // Kept by a filter: nearly every row is, and a gather of them would copy far more.
    let is_first: BooleanChunked = rows.map(|i| original[i as usize] == i).collect();
    let mut kept = sorted.drop("title_col")?.filter(&is_first)?;
    kept.rename("unit_value", "unit".into())?;
    kept.rename("date_value", "date".into())?;
    kept.rename("arose_value", "arose".into())?;
    let firsts = IdxCa::from_vec(
        "firsts".into(),
        repeats.iter().map(|&i| original[i as usize]).collect(),
    );
    let repeats = IdxCa::from_vec("repeats".into(), repeats);
    let mut dups = sorted
        .select(["src", "row", "title_col", "title"])?
        .take(&repeats)?;
    let of_firsts = (sorted.select(["src", "row", "title"])?).take(&firsts)?;
    for (name, of) in [("osrc", "src"), ("orow", "row"), ("otitle", "title")] {
        dups.with_column(of_firsts.column(of)?.clone().with_name(name.into()))?;
    }
    let problems = duplicate_problems(&dups, tables)?;
    Ok((kept, dups.height(), problems))
}

/// For each row of `items` (in file order), the row it repeats: the first with the same
/// unit, title key and date, or with the same link key, whichever came first; itself when
/// it repeats none.
fn originals(items: &DataFrame) -> PolarsResult<Vec<u32>> {
    let unit = items.column("unit_value")?.str()?;
    let title = items.column("title")?.str()?;
    let date = &items.column("date_value")?.date()?.phys;
    let link = items.column("link")?.str()?;
    let same_key = |i: usize| (unit.get(i), title.get(i).map(text::title_key), date.get(i));
    // A link repeats only within a unit: another unit's item on the same page (a joint
    // article) is its own, and would otherwise leave that unit with nothing counted.
    let link_key = |i: usize| (unit.get(i), link.get(i).and_then(text::link_key));
    let hasher = PlRandomState::default();
    // The hashes of both keys of rows `from..to`; None for a row without a link.
    let hashes = |from: usize, to: usize| -> Vec<(u64, Option<u64>)> {
        let mut key = String::new();
        (from..to)
            .map(|i| {
                let t = title.get(i);
                text::title_key_into(t.unwrap_or_default(), &mut key);
                let same = hasher.hash_one((unit.get(i), t.map(|_| key.as_str()), date.get(i)));
                let link = (link.get(i).and_then(text::link_key))
                    .map(|key| hasher.hash_one((unit.get(i), key.as_str())));
                (same, link)
            })
            .collect()
    };
    // Computing the keys is most of the work: both halves of the rows at once.
    let (n, mid) = (items.height(), items.height() / 2);
    let (mut all, rest) = std::thread::scope(|s| {
        let rest = s.spawn(|| hashes(mid, n));
        (
            hashes(0, mid),
            rest.join().unwrap_or_else(|_| hashes(mid, n)),
        )
    });
    all.extend(rest);
    // Then the first rows of both keys at once.
    let first_links = || {
        let mut links = FirstSeen::with_capacity(n);
        let hashes = all.iter().map(|(_, link)| *link);
        (hashes.enumerate())
            .map(|(i, hash)| hash.map(|h| links.first(i, h, link_key)))
            .collect::<Vec<_>>()
    };
    let (firsts, links) = std::thread::scope(|s| {
        let links = s.spawn(first_links);
        let mut same = FirstSeen::with_capacity(n);
        let firsts: Vec<u32> = (all.iter().enumerate())
            .map(|(i, (hash, _))| same.first(i, *hash, same_key))
            .collect();
        (firsts, links.join().unwrap_or_else(|_| first_links()))
    });
    Ok(firsts
        .into_iter()
        .zip(links)
        .map(|(first, link)| link.map_or(first, |l| first.min(l)))
        .collect())
}

/// The first row seen with each key. Rows are told apart by the hash of their key, and
/// keys are compared in full only when the hash was seen before: a million title keys are
/// never held at once.
struct FirstSeen<K> {
    by_hash: PlHashMap<u64, u32>,
    /// Keys whose hash another key had first.
    spilled: PlHashMap<K, u32>,
}

impl<K> FirstSeen<K> {
    fn with_capacity(rows: usize) -> Self {
        Self {
            by_hash: PlHashMap::with_capacity(rows),
            spilled: PlHashMap::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq> FirstSeen<K> {
    /// The first row with the key of `row`, whose hash is `hash`; `key_of` gives the key of
    /// any row.
    fn first(&mut self, row: usize, hash: u64, key_of: impl Fn(usize) -> K) -> u32 {
        let first = *self.by_hash.entry(hash).or_insert(row as u32);
        if first as usize == row {
            return first;
        }
        let key = key_of(row);
        if key_of(first as usize) == key {
            first
        } else {
            *self.spilled.entry(key).or_insert(row as u32)
        }
    }
}

fn duplicate_problems(dups: &DataFrame, tables: &[SourceTable]) -> PolarsResult<Vec<Problem>> {
    let [src, row, osrc, orow] =
        ["src", "row", "osrc", "orow"].map(|c| dups.column(c).and_then(|c| c.u32().cloned()));
    let (src, row, osrc, orow) = (src?, row?, osrc?, orow?);
    let title_col = dups.column("title_col")?.u32()?;
    let (title, otitle) = (dups.column("title")?.str()?, dups.column("otitle")?.str()?);
    let mut out = Vec::new();
    for i in 0..dups.height() {
        let (Some(s), Some(r), Some(os), Some(or)) =
            (src.get(i), row.get(i), osrc.get(i), orow.get(i))
        else {
            continue;
        };
        let (Some(t), Some(o)) = (tables.get(s as usize), tables.get(os as usize)) else {
            continue;
        };
        let original = if o.file == t.file && o.sheet == t.sheet {
            format!("本表第 {or} 行")
        } else {
            format!("{} / {} 第 {or} 行", o.file, o.sheet)
        };
        let place = Place {
            row: r,
            col: title_col.get(i),
        };
        // Only the link is the same, the titles unrelated (not a title re-edited: 通知（更正）,
        // 大检查 → 大排查): a link filled down the column, most likely.
        let (key, okey) = (
            title.get(i).map(text::title_key),
            otitle.get(i).map(text::title_key),
        );
        let related =
            |a: &str, b: &str| a.contains(b) || b.contains(a) || text::likeness(a, b) >= 0.7;
        let code = if key.zip(okey).is_some_and(|(a, b)| !related(&a, &b)) {
            Code::LinkOnlyDuplicate
        } else {
            Code::DuplicateItem
        };
        let mut p = Problem::new(code, t.file, &[&original]).at(t.sheet, place);
        if let Some(v) = title.get(i) {
            p = p.value(v);
        }
        out.push(p);
    }
    Ok(out)
}

/// Count rows that count: those of a unit and month with no item list. The others are
/// reported (item lists win) and left out; a month counted in two files is reported too.
fn counts(
    rows: DataFrame,
    items: &DataFrame,
    tables: &[SourceTable],
) -> PolarsResult<(DataFrame, Vec<Problem>)> {
    // Only the months of units that sent counts: a province's million items need not all
    // be grouped.
    let senders = rows.column("unit_value")?.unique()?;
    let senders = senders.as_materialized_series().clone();
    let months = items
        .clone()
        .lazy()
        .filter(col("unit").is_in(lit(senders).implode(false), false))
        .select([
            col("unit"),
            (col("date").dt().year() * lit(100) + col("date").dt().month().cast(DataType::Int32))
                .alias("m"),
        ])
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(lit(true).alias("has_items"));
    let lf = rows
        .lazy()
        .with_column(
            when(col("count_dash"))
                .then(lit(0i64))
                .otherwise(col("count_value"))
                .alias("count_value"),
        )
        .join(
            months,
            [col("unit_value"), col("month_value")],
            [col("unit"), col("m")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col("has_items").fill_null(lit(false)))
        .collect()?
        .lazy();
    let overridden = Check::new(
        Code::CountsOverridden,
        col("has_items"),
        col("count_col"),
        col("count"),
    )
    .args(vec![
        col("unit_value"),
        (col("month_value") % lit(100)).cast(DataType::String),
        col("count_value").cast(DataType::String),
    ]);
    let mut problems = rows::problems(&lf, &[overridden], tables, col("unit_value"))?;
    let kept = lf
        .filter(col("has_items").not())
        .select([
            col("unit_value").alias("unit"),
            col("month_value").alias("month"),
            col("section"),
            col("count_value").alias("count"),
            col("src"),
            col("row"),
        ])
        .sort(["src", "row"], SortMultipleOptions::default())
        .collect()?;
    problems.extend(counted_twice(&kept, tables)?);
    Ok((kept, problems))
}

/// A warning (N003) at the first row of each file that counts a unit's month an earlier
/// file counted too: a corrected copy sent beside the first adds to it, and only the
/// office can tell which one stands. Within one table, a second row of the same unit,
/// month and section (or none) is one too (县供销社 | 4月 | 12, then 县供销社 | 2018.4 | 3),
/// unless a column zwgk does not read may tell them apart.
fn counted_twice(kept: &DataFrame, tables: &[SourceTable]) -> PolarsResult<Vec<Problem>> {
    let (unit, month) = (kept.column("unit")?.str()?, kept.column("month")?.i32()?);
    let (src, row) = (kept.column("src")?.u32()?, kept.column("row")?.u32()?);
    let section = kept.column("section")?.str()?;
    let mut first: HashMap<(&str, i32), &str> = HashMap::new();
    let mut in_table: HashMap<(u32, &str, i32, Option<&str>), u32> = HashMap::new();
    let mut said: HashSet<(&str, i32, &str)> = HashSet::new();
    let mut out = Vec::new();
    for i in 0..kept.height() {
        let (Some(u), Some(m), Some(s), Some(r)) =
            (unit.get(i), month.get(i), src.get(i), row.get(i))
        else {
            continue;
        };
        let Some(t) = tables.get(s as usize) else {
            continue;
        };
        let month = (m % 100).to_string();
        // A column zwgk does not read (发布平台) may tell the rows apart.
        let unread = t.table.columns.iter().any(|c| c.field.is_none());
        let again = *in_table.entry((s, u, m, section.get(i))).or_insert(r);
        if again != r && !unread {
            let earlier = format!("本表第 {again} 行");
            let p = Problem::new(Code::CountsTwice, t.file, &[u, &month, &earlier]);
            out.push(p.at(t.sheet, Place::row(r)).about(u));
        }
        let earlier = *first.entry((u, m)).or_insert(t.file);
        if earlier != t.file && said.insert((u, m, t.file)) {
            let p = Problem::new(Code::CountsTwice, t.file, &[u, &month, earlier]);
            out.push(p.at(t.sheet, Place::row(r)).about(u));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_line_of_days_within_one_month_names_that_month() {
        for (text, month) in [
            ("2018年4月1日至4月30日", Some("2018年4月")),
            ("2018年4月1日-2018年4月30日", Some("2018年4月")),
            ("2018.4.1-2018.4.30", Some("2018年4月")),
            ("2018-04-01至2018-04-30", Some("2018年4月")),
            ("2018-04-01-2018-04-30", Some("2018年4月")),
            ("2018年3月1日至4月30日", None),
            ("2018年4月", None),
        ] {
            assert_eq!(month_of_range(text).as_deref(), month, "{text}");
        }
    }

    #[test]
    fn a_row_repeats_the_first_with_its_key_or_its_link() {
        let day = |d: i32| Some(d);
        let items = df!(
            "unit_value" => ["民政局", "民政局", "民政局", "财政局", "财政局", "民政局"],
            "title" => ["关于春耕的通知", "关于“春耕”的通知！", "关于春耕的通知", "关于春耕的通知", "另一条", "又一条"],
            "date_value" => [day(1), day(1), day(2), day(1), day(3), day(4)],
            "link" => [None, None, None, Some("http://a.cn/1"), Some("HTTPS://www.a.cn/1"), Some("a.cn/2")],
        )
        .unwrap()
        .lazy()
        .with_column(col("date_value").cast(DataType::Date))
        .collect()
        .unwrap();
        // Row 1 repeats row 0 (same title key); row 2 has another date; row 3 another
        // unit; row 4 repeats row 3 by its link; row 5 repeats nothing.
        assert_eq!(originals(&items).unwrap(), [0, 0, 2, 3, 3, 5]);
        // A section's list page or a placeholder given for every item is no evidence.
        let shared = df!(
            "unit_value" => ["重点办", "重点办", "水务局", "教育局"],
            "title" => ["甲", "乙", "丙", "丁"],
            "date_value" => [day(1), day(2), day(3), day(4)],
            "link" => ["无", "无", "http://a.cn/zwgk/bmdt/", "http://a.cn/zwgk/bmdt/"],
        )
        .unwrap()
        .lazy()
        .with_column(col("date_value").cast(DataType::Date))
        .collect()
        .unwrap();
        assert_eq!(originals(&shared).unwrap(), [0, 1, 2, 3]);
    }

    #[test]
    fn duplicates_are_found_in_file_order_across_unfolded_groups() {
        // A side-by-side table unfolded group by group: sheet rows 4, 6 | 3, 5. Row 4
        // repeats row 3, which comes first in the file though later in the frame.
        let items = df!(
            "unit_value" => ["民政局"; 4],
            "title" => ["甲", "乙", "甲", "丙"],
            "date_value" => [Some(1), Some(1), Some(1), Some(1)],
            "arose_value" => [None::<i32>; 4],
            "section" => [None::<&str>; 4],
            "section_col" => [None::<u32>; 4],
            "link" => [None::<&str>; 4],
            "src" => [0u32; 4],
            "row" => [4u32, 6, 3, 5],
            "title_col" => [Some(1u32); 4],
        )
        .unwrap()
        .lazy()
        .with_columns([
            col("date_value").cast(DataType::Date),
            col("arose_value").cast(DataType::Date),
        ])
        .collect()
        .unwrap();
        let (kept, duplicates, _) = dedupe(items, &[]).unwrap();
        let rows: Vec<_> = kept.column("row").unwrap().u32().unwrap().iter().collect();
        assert_eq!(rows, [Some(3), Some(5), Some(6)]);
        assert_eq!(duplicates, 1);
    }

    #[test]
    fn the_batches_of_two_workers_are_put_in_file_order() {
        // Worker one read tables 0 and 2, worker two tables 1 and 3; a table's rows stay
        // in their order (an unfolded table's may not be by row).
        let one = df!("src" => [0u32, 0, 2], "row" => [5u32, 4, 2]).unwrap();
        let two = df!("src" => [1u32, 3, 3], "row" => [2u32, 2, 3]).unwrap();
        let all = stacked(vec![one, two]).unwrap().unwrap();
        let column = |name| -> Vec<_> { all.column(name).unwrap().u32().unwrap().iter().collect() };
        assert_eq!(column("src"), [0, 0, 1, 2, 3, 3].map(Some));
        assert_eq!(column("row"), [5, 4, 2, 2, 2, 3].map(Some));
        assert_eq!(all.first_col_n_chunks(), 1);
        let none = stacked(vec![]).unwrap();
        assert!(none.is_none());
    }

    #[test]
    fn keys_with_the_same_hash_are_still_told_apart() {
        let keys = ["甲", "乙", "甲", "乙", "丙"];
        let mut seen = FirstSeen::<&str>::with_capacity(keys.len());
        // Every key given the same hash, as a collision would.
        let firsts: Vec<u32> = (0..keys.len())
            .map(|row| seen.first(row, 7, |i| keys[i]))
            .collect();
        assert_eq!(firsts, [0, 1, 0, 1, 4]);
    }
}
