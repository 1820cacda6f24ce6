//! Normalising as the files are read: each reading worker gathers the submission tables
//! of the files it has read and normalises them a batch at a time ([`Batcher`]), so that
//! the raw rows of a batch are freed as soon as its accepted rows are kept, and never
//! all held at once. [`super::submissions`] then numbers the tables of every batch in
//! file order and looks for duplicates over them all.

use polars::prelude::*;

use super::{Accepted, BATCH_ROWS, Context, Names, SourceTable, accept};
use crate::check::totals;
use crate::error::Internal;
use crate::ingest::{Input, SheetAt, Status};
use crate::problems::Problem;

/// The submission tables of some files, normalised together.
pub(crate) struct Batch {
    /// The table of each `src` of the batch's frames: (input, sheet) of the run.
    pub(super) at: Vec<SheetAt>,
    pub(super) accepted: Accepted,
    /// A problem for each declared total (合计) its rows do not add up to.
    pub(super) totals: Vec<Problem>,
}

/// Gathers the submission tables of files and normalises them a batch at a time.
pub(crate) struct Batcher<'c, 'r> {
    ctx: &'c Context<'r>,
    names: Names<'r>,
    pending: Vec<(SheetAt, DataFrame)>,
    rows: usize,
    /// The rows that make a batch: [`BATCH_ROWS`].
    batch_rows: usize,
    done: Result<Vec<Batch>, Internal>,
}

impl<'c, 'r> Batcher<'c, 'r> {
    pub(crate) fn new(ctx: &'c Context<'r>) -> Self {
        Self {
            ctx,
            names: Names::default(),
            pending: Vec::new(),
            rows: 0,
            batch_rows: BATCH_ROWS,
            done: Ok(Vec::new()),
        }
    }

    /// Takes the rows of the item lists and count summaries of `input`, input `i` of the
    /// run (the sheets [`crate::ingest::counted_sheets`] lists).
    pub(crate) fn take(&mut self, i: usize, input: &mut Input) {
        if input.status != Status::Ok {
            return;
        }
        for (s, sheet) in input.sheets.iter_mut().enumerate() {
            let Some(located) = sheet.located.as_mut().filter(|_| sheet.kind.is_counted()) else {
                continue;
            };
            let rows = std::mem::take(&mut located.rows);
            self.rows += rows.height();
            self.pending.push(((i, s), rows));
        }
    }

    /// Whether the tables taken make a batch.
    pub(crate) fn full(&self) -> bool {
        self.rows >= self.batch_rows
    }

    /// Normalises the tables taken so far; `input(i)` is input `i` of the run.
    pub(crate) fn flush<'i>(&mut self, input: impl Fn(usize) -> &'i Input) {
        let pending = std::mem::take(&mut self.pending);
        self.rows = 0;
        let Ok(done) = &mut self.done else { return };
        if pending.is_empty() {
            return;
        }
        let tables = pending.iter().map(|&((i, s), _)| {
            let (input, sheet) = (input(i), &input(i).sheets[s]);
            Some(SourceTable {
                file: &input.path,
                sheet: &sheet.name,
                table: sheet.table()?,
                date1904: sheet.date1904,
            })
        });
        // Each table taken was located, so it has a layout: were one lost, the run stops
        // rather than drop its rows.
        let Some(tables) = tables.collect::<Option<Vec<_>>>() else {
            let lost = PolarsError::ComputeError("读取线程取出的表格没有表头".into());
            self.done = Err(lost.into());
            return;
        };
        let (at, rows): (Vec<_>, Vec<_>) = pending.into_iter().unzip();
        let batch = totals::check(&tables, &rows)
            .map_err(Internal::from)
            .and_then(|(_, totals)| {
                let accepted = accept(&tables, rows, self.ctx, &mut self.names)?;
                Ok(Batch {
                    at,
                    accepted,
                    totals,
                })
            });
        match batch {
            Ok(batch) => done.push(batch),
            Err(e) => self.done = Err(e),
        }
    }

    /// The batches made, or the first internal error met.
    pub(crate) fn finish(self) -> Result<Vec<Batch>, Internal> {
        debug_assert!(self.pending.is_empty(), "tables taken but not normalised");
        self.done
    }
}

/// Normalises the submission tables of `inputs` that were read without normalising
/// (`zwgk assess` reads its inbox once, for score sheets and for figures).
///
/// # Errors
/// [`Internal`] errors, which would be a bug in an expression.
pub(crate) fn all(inputs: &mut [Input], ctx: &Context) -> Result<Vec<Batch>, Internal> {
    in_batches(inputs, Batcher::new(ctx))
}

/// The tables of `inputs` normalised by `batcher`, in their order.
fn in_batches(inputs: &mut [Input], mut batcher: Batcher) -> Result<Vec<Batch>, Internal> {
    for i in 0..inputs.len() {
        batcher.take(i, &mut inputs[i]);
        if batcher.full() {
            batcher.flush(|i| &inputs[i]);
        }
    }
    batcher.flush(|i| &inputs[i]);
    batcher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Framings, ingest_file};
    use crate::model::Unit;
    use crate::normalise::{Normalised, Resolver, submissions};
    use crate::read::ReadOptions;

    /// The inbox of `files` (name, CSV text), read without normalising.
    fn read(files: &[(&str, &str)]) -> Vec<Input> {
        let dir = tempfile::tempdir().expect("tempdir");
        let read = |(name, text): &(&str, &str)| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write");
            let shown = format!("inbox/{name}");
            let opts = ReadOptions::default();
            ingest_file(&path, &shown, &opts, Framings::ByKind, None)
        };
        files.iter().map(read).collect()
    }

    /// What normalising `files` gives when a batch is made of `batch_rows` rows.
    fn normalised(files: &[(&str, &str)], batch_rows: usize) -> Normalised {
        let unit = |name: &str| Unit {
            name: name.into(),
            aliases: Vec::new(),
            category: String::new(),
        };
        let units = ["民政局", "财政局", "教育局"].map(unit).to_vec();
        let resolver = Resolver::new(units, "大英县").0;
        let ctx = Context {
            resolver: &resolver,
            year: 2018,
            today: chrono::NaiveDate::from_ymd_opt(2018, 5, 3).expect("a date"),
            sections: &[],
        };
        let mut inputs = read(files);
        let batcher = Batcher {
            batch_rows,
            ..Batcher::new(&ctx)
        };
        let batches = in_batches(&mut inputs, batcher).expect("batches");
        submissions(&inputs, batches, &ctx).expect("normalised")
    }

    #[test]
    fn batches_of_any_size_normalise_alike() {
        let files = [
            (
                "民政局-4月.csv",
                "标题,发布日期\n通知一,2018-04-03\n通知二,2018-13-40\n",
            ),
            (
                "财政局-4月.csv",
                "标题,发布日期\n预算公开,2018-04-05\n预算公开,2018-04-05\n",
            ),
            ("统计-4月.csv", "单位,数量\n教育局,7\n民政局,3\n"),
            (
                "民政局-4月(补).csv",
                "标题,发布日期\n通知一,2018-04-03\n通知三,2018-04-09\n",
            ),
        ];
        let whole = normalised(&files, BATCH_ROWS);
        // A table a batch: every batch's tables renumbered, duplicates found across them.
        let apart = normalised(&files, 1);
        let frame = |lf: LazyFrame| lf.collect().expect("frame");
        let same = |a, b| frame(a).equals_missing(&frame(b));
        assert!(
            same(apart.items.lazy(), whole.items.lazy()),
            "{:?}",
            whole.items
        );
        assert!(
            same(apart.counts.lazy(), whole.counts.lazy()),
            "{:?}",
            whole.counts
        );
        assert_eq!(apart.accounts, whole.accounts);
        assert_eq!(apart.problems, whole.problems);
        assert_eq!((apart.duplicates, whole.duplicates), (2, 2));
        let codes: Vec<_> = whole.problems.iter().map(|p| p.code.id()).collect();
        assert!(codes.contains(&"D001"), "{codes:?}");
        assert_eq!(whole.items.height(), 3);
        assert_eq!(whole.accounts.len(), 4);
    }
}
