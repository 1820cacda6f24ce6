//! The inbox as it is being built: each file is laid out, recorded in the ledger row by
//! row, and its planted traps are resolved to the sheet row or cell they landed on.

use chrono::NaiveDate;

use crate::formats::{Format, Submission};
use crate::grid::Grid;
use crate::ledger::{FileFact, FileStatus, Ledger, Outcome, RowFact, Trap};
use crate::sheet::{Col, DataRow, Layout, item_sheet};

/// The generator's result: any error ends the run with its message.
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Where in a sheet a trap sits, before the sheet is laid out.
#[derive(Debug, Clone, Copy)]
pub enum At {
    /// The whole file.
    File,
    /// A 1-based sheet row known in advance (title lines, the header).
    Row(u32),
    /// The n-th data row.
    Data(usize),
    /// One cell of the n-th data row.
    Cell(usize, Col),
}

/// A trap planted in a sheet, resolved to a row or cell once the sheet is built.
#[derive(Debug, Clone)]
pub struct Plant {
    pub at: At,
    pub what: String,
    pub code: Option<&'static str>,
    pub expected: String,
}

impl Plant {
    /// A trap at `at`: what it is, the problem code expected there, what a correct tool does.
    pub fn new(
        at: At,
        what: impl Into<String>,
        code: Option<&'static str>,
        expected: impl Into<String>,
    ) -> Self {
        Self {
            at,
            what: what.into(),
            code,
            expected: expected.into(),
        }
    }
}

/// One sheet of an item list to be written.
pub struct ItemSheet {
    pub layout: Layout,
    pub rows: Vec<DataRow>,
    pub plants: Vec<Plant>,
}

/// The files of the inbox and the ledger that records them.
#[derive(Default)]
pub struct Inbox {
    pub files: Vec<Submission>,
    pub ledger: Ledger,
}

impl Inbox {
    /// Lays out and records an item-list file.
    pub fn add_items(
        &mut self,
        path: &str,
        format: Format,
        saved: NaiveDate,
        sheets: Vec<ItemSheet>,
    ) {
        let mut grids = Vec::new();
        let mut facts = Vec::new();
        for sheet in sheets {
            let (grid, placed) = item_sheet(&sheet.layout, &sheet.rows);
            for plant in &sheet.plants {
                let trap = resolve(path, &sheet.layout, &placed, plant);
                self.ledger.traps.push(trap);
            }
            for (row, data) in placed.iter().zip(&sheet.rows) {
                facts.push((grid.name.clone(), *row, data.outcome.clone()));
            }
            grids.push(grid);
        }
        self.add_grids(path, format, saved, grids, facts);
    }

    /// Records a file built as grids, with the outcome of each data row.
    pub fn add_grids(
        &mut self,
        path: &str,
        format: Format,
        saved: NaiveDate,
        grids: Vec<Grid>,
        facts: Vec<(String, u32, Outcome)>,
    ) {
        self.ledger.files.push(FileFact {
            path: path.to_string(),
            format: format.label(),
            status: FileStatus::Read,
            data_rows: facts.len() as u32,
        });
        self.ledger
            .rows
            .extend(facts.into_iter().map(|(sheet, row, outcome)| RowFact {
                file: path.to_string(),
                sheet,
                row,
                outcome,
            }));
        self.files.push(Submission {
            path: path.to_string(),
            format,
            sheets: grids,
            saved,
        });
    }

    /// Records a file that is skipped by name (a lock file, Thumbs.db), with its trap.
    pub fn add_skipped(&mut self, path: &str, bytes: Vec<u8>, saved: NaiveDate, trap: Trap) {
        let format = Format::Bytes(bytes);
        self.ledger.files.push(FileFact {
            path: path.to_string(),
            format: format.label(),
            status: FileStatus::Skipped,
            data_rows: 0,
        });
        self.ledger.traps.push(trap);
        self.files.push(Submission {
            path: path.to_string(),
            format,
            sheets: Vec::new(),
            saved,
        });
    }
}

/// The file stem: the sheet name a CSV or an HTML page is read under.
pub fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

fn resolve(path: &str, layout: &Layout, placed: &[u32], plant: &Plant) -> Trap {
    let row_of = |i: usize| placed.get(i).copied().unwrap_or(layout.first_data_row());
    let (row, cell) = match plant.at {
        At::File => (None, None),
        At::Row(r) => (Some(r), None),
        At::Data(i) => (Some(row_of(i)), None),
        At::Cell(i, col) => (
            None,
            layout.letter(col).map(|l| format!("{l}{}", row_of(i))),
        ),
    };
    Trap {
        file: path.to_string(),
        sheet: (!matches!(plant.at, At::File)).then(|| layout.sheet.clone()),
        cell,
        row,
        what: plant.what.clone(),
        code: plant.code,
        expected: plant.expected.clone(),
    }
}
