//! Normalise: submission tables → accepted items and counts, in polars.
//!
//! All tables of a run become one raw frame; cleanup, unit resolution (a join with the
//! resolved distinct names), dates, counts and months are column expressions; every
//! row is either accepted or rejected with at least one problem; duplicates are found
//! with window expressions. Only distinct names and problem rows are handled in Rust.

pub mod frame;
mod rows;
mod rules;
pub mod text;
pub mod units;
pub mod values;

use polars::prelude::*;

use crate::layout::{Field, MetaKey};
use crate::model::Period;
use crate::problems::{Code, Problem, cell_address};
pub use frame::SourceTable;
use rows::Check;
pub use units::Resolver;

/// What the run knows before it reads a row.
pub struct Context<'a> {
    pub resolver: &'a Resolver,
    pub period: Period,
    /// The working year: `[workspace] year`, or the period's year.
    pub year: i32,
}

/// Row accounting of one source table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Account {
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rows_rejected: usize,
}

/// The normalised submissions of a run.
pub struct Normalised {
    /// Counted items, one per distinct item: `unit`, `title`, `date` (Date), `section`,
    /// `section_col` (its 0-based column), `link`, `src`, `row`.
    pub items: DataFrame,
    /// Counted count rows: `unit`, `month` (yyyymm), `section`, `count`, `src`, `row`.
    pub counts: DataFrame,
    pub problems: Vec<Problem>,
    /// Per source table, in the order given.
    pub accounts: Vec<Account>,
    /// Accepted item rows not counted because they repeat an earlier item.
    pub duplicates: usize,
}

const FIELDS: &[Field] = &[
    Field::Unit,
    Field::Title,
    Field::Date,
    Field::Section,
    Field::Link,
    Field::Count,
    Field::Month,
];

/// Normalises every submission table (item lists and count summaries) of a run.
///
/// # Errors
/// Polars errors, which would be a bug in an expression rather than bad input.
pub fn submissions(tables: &[SourceTable], ctx: &Context) -> PolarsResult<Normalised> {
    let raw = frame::build(tables, FIELDS)?;
    let lf = raw
        .lazy()
        .join(
            table_context(tables, ctx)?.lazy(),
            [col("src")],
            [col("src")],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            text::clean_name(col("unit")).alias("unit"),
            text::clean(col("title")).alias("title"),
            text::clean(col("date")).alias("date"),
            text::clean_name(col("section")).alias("section"),
            text::clean(col("link")).alias("link"),
            text::clean(col("count")).alias("count"),
            text::clean(col("month")).alias("month"),
        ])
        // Materialised here so that finding the distinct unit names does not clean
        // every column again.
        .collect()?
        .lazy();
    let lf = resolve_units(lf, ctx.resolver)?;
    let lf = lf.with_columns([
        values::date("date", col("date1904")).alias("date_value"),
        values::count("count").alias("count_value"),
        values::count_is_dash("count").alias("count_dash"),
        values::month("month", ctx.year).alias("month_value"),
    ]);
    let lf = lf.with_columns([
        coalesce(&[col("month_value"), col("hint_month")]).alias("month_value"),
        rules::unit_expr().alias("unit_value"),
        (col("unit_resolved")
            .drop_nulls()
            .n_unique()
            .over([col("src")])?
            .gt(lit(1)))
        .alias("multi"),
    ]);
    let checks = rules::checks(ctx.year);
    // Materialised once: every check and the accounting below read the same rows, and a
    // lazy plan would recompute the whole normalisation for each of them.
    let lf = lf
        .with_column(rows::rejected(&checks).alias("rejected"))
        .collect()?
        .lazy();
    let mut problems = rows::problems(&lf, &checks, tables)?;
    let accounts = accounts(&lf, tables.len())?;
    let accepted = lf.filter(col("rejected").not());
    let (items, duplicates, dup_problems) =
        dedupe(accepted.clone().filter(col("is_items")), tables)?;
    let (counts, overridden) = counts(accepted.filter(col("is_items").not()), &items, tables)?;
    problems.extend(dup_problems);
    problems.extend(overridden);
    Ok(Normalised {
        items,
        counts,
        problems,
        accounts,
        duplicates,
    })
}

/// One row per source table: the file-level context its rows may need.
fn table_context(tables: &[SourceTable], ctx: &Context) -> PolarsResult<DataFrame> {
    let n = tables.len();
    let mut is_items = Vec::with_capacity(n);
    let mut date1904 = Vec::with_capacity(n);
    let (mut meta_unit, mut meta_cell) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut file_unit, mut folder_unit) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut meta_period, mut stem) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for t in tables {
        is_items.push(t.table.has(Field::Title));
        date1904.push(t.date1904);
        let meta = t.table.meta.iter().find(|m| m.key == MetaKey::Unit);
        meta_unit.push(meta.map(|m| m.value.clone()));
        meta_cell.push(meta.map(|m| cell_address(m.row, 0)));
        let path = std::path::Path::new(t.file);
        let file_stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        file_unit.push(ctx.resolver.find_in(&file_stem).map(str::to_string));
        let folders = path.parent().into_iter().flat_map(|p| p.iter().rev());
        folder_unit.push(
            folders
                .filter_map(|f| ctx.resolver.find_in(&f.to_string_lossy()))
                .next()
                .map(str::to_string),
        );
        meta_period.push(t.table.meta(MetaKey::Period).map(str::to_string));
        stem.push(file_stem);
    }
    let df = df!(
        "src" => (0..n as u32).collect::<Vec<_>>(),
        "is_items" => is_items,
        "date1904" => date1904,
        "meta_unit" => meta_unit,
        "meta_cell" => meta_cell,
        "file_unit" => file_unit,
        "folder_unit" => folder_unit,
        "meta_period" => meta_period,
        "stem" => stem,
    )?;
    df.lazy()
        .with_columns([
            text::clean(col("meta_period")).alias("meta_period"),
            lit(NULL).cast(DataType::Int32).alias("meta_period_days"),
            text::clean_name(col("meta_unit")).alias("meta_unit"),
        ])
        .with_columns([
            coalesce(&[values::month("meta_period", ctx.year), month_in_stem()])
                .alias("hint_month"),
        ])
        .collect()
}

/// A single month named inside a file stem (`民政局-2018年4月`), never a range (`1-4月`).
fn month_in_stem() -> Expr {
    let pattern = r"(\d{4})\s*[年\-._]\s*(\d{1,2})(?:\s*月)?";
    let y = col("stem")
        .str()
        .extract(lit(pattern), 1)
        .cast(DataType::Int32);
    let m = col("stem")
        .str()
        .extract(lit(pattern), 2)
        .cast(DataType::Int32);
    let range = col("stem")
        .str()
        .contains(lit(r"\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月"), false);
    when(range.or(m.clone().lt(lit(1))).or(m.clone().gt(lit(12))))
        .then(lit(NULL).cast(DataType::Int32))
        .otherwise(y * lit(100) + m)
}

/// Resolves the distinct unit spellings (cells and 填报单位 lines) in Rust and joins them back:
/// `unit_resolved`, `unit_suggest`, `meta_resolved`.
fn resolve_units(lf: LazyFrame, resolver: &Resolver) -> PolarsResult<LazyFrame> {
    let mut names: Vec<String> = Vec::new();
    for column in ["unit", "meta_unit"] {
        let distinct = lf
            .clone()
            .select([col(column)])
            .drop_nulls(None)
            .unique(None, UniqueKeepStrategy::Any)
            .collect()?;
        names.extend(
            distinct
                .column(column)?
                .str()?
                .iter()
                .flatten()
                .map(str::to_string),
        );
    }
    names.sort();
    names.dedup();
    let resolved: Vec<Option<String>> = names
        .iter()
        .map(|n| resolver.resolve(n).map(str::to_string))
        .collect();
    let suggest: Vec<Option<String>> = names
        .iter()
        .zip(&resolved)
        .map(|(n, r)| {
            if r.is_some() {
                None
            } else {
                resolver.suggestion(n)
            }
        })
        .collect();
    let map = df!("name" => names, "resolved" => resolved, "suggest" => suggest)?.lazy();
    let join = |lf: LazyFrame, on: &str, resolved: &str, suggest: &str| {
        lf.join(
            map.clone().select([
                col("name"),
                col("resolved").alias(resolved),
                col("suggest").alias(suggest),
            ]),
            [col(on)],
            [col("name")],
            JoinArgs::new(JoinType::Left),
        )
    };
    let lf = join(lf, "unit", "unit_resolved", "unit_suggest");
    Ok(join(lf, "meta_unit", "meta_resolved", "meta_suggest"))
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
    items: LazyFrame,
    tables: &[SourceTable],
) -> PolarsResult<(DataFrame, usize, Vec<Problem>)> {
    let lf = items
        .select([cols([
            "unit_value",
            "title",
            "title_col",
            "date_value",
            "section",
            "section_col",
            "link",
            "src",
            "row",
        ])
        .as_expr()])
        .sort(["src", "row"], SortMultipleOptions::default())
        .with_row_index("id", None)
        .with_columns([
            text::title_key(col("title")).alias("title_key"),
            text::link_key(col("link")).alias("link_key"),
        ])
        .with_columns([
            col("id")
                .min()
                .over([col("unit_value"), col("title_key"), col("date_value")])?
                .alias("first_same"),
            when(col("link_key").is_not_null())
                .then(col("id").min().over([col("link_key")])?)
                .otherwise(col("id"))
                .alias("first_link"),
        ])
        .with_column(
            when(col("first_same").lt(col("first_link")))
                .then(col("first_same"))
                .otherwise(col("first_link"))
                .alias("original"),
        )
        .collect()?
        .lazy();
    let kept = lf
        .clone()
        .filter(col("original").eq(col("id")))
        .select([
            col("unit_value").alias("unit"),
            col("title"),
            col("date_value").alias("date"),
            col("section"),
            col("section_col"),
            col("link"),
            col("src"),
            col("row"),
        ])
        .collect()?;
    let dups = lf
        .clone()
        .filter(col("original").neq(col("id")))
        .join(
            lf.select([
                col("id").alias("oid"),
                col("src").alias("osrc"),
                col("row").alias("orow"),
            ]),
            [col("original")],
            [col("oid")],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            col("src"),
            col("row"),
            col("title_col"),
            col("title"),
            col("osrc"),
            col("orow"),
        ])
        .collect()?;
    let problems = duplicate_problems(&dups, tables)?;
    Ok((kept, dups.height(), problems))
}

fn duplicate_problems(dups: &DataFrame, tables: &[SourceTable]) -> PolarsResult<Vec<Problem>> {
    let [src, row, osrc, orow] =
        ["src", "row", "osrc", "orow"].map(|c| dups.column(c).and_then(|c| c.u32().cloned()));
    let (src, row, osrc, orow) = (src?, row?, osrc?, orow?);
    let title_col = dups.column("title_col")?.u32()?;
    let title = dups.column("title")?.str()?;
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
        let cell = title_col
            .get(i)
            .map_or(r.to_string(), |c| cell_address(r - 1, c));
        let mut p = Problem::new(Code::DuplicateItem, t.file, &[&original]).at(t.sheet, Some(cell));
        if let Some(v) = title.get(i) {
            p = p.value(v);
        }
        out.push(p);
    }
    Ok(out)
}

/// Count rows that count: those of a unit and month with no item list. The others are
/// reported (item lists win) and left out.
fn counts(
    rows: LazyFrame,
    items: &DataFrame,
    tables: &[SourceTable],
) -> PolarsResult<(DataFrame, Vec<Problem>)> {
    let months = items
        .clone()
        .lazy()
        .select([
            col("unit"),
            (col("date").dt().year() * lit(100) + col("date").dt().month().cast(DataType::Int32))
                .alias("m"),
        ])
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(lit(true).alias("has_items"));
    let lf = rows
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
    let problems = rows::problems(&lf, &[overridden], tables)?;
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
    Ok((kept, problems))
}
