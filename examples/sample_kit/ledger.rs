//! The generator's record of what it wrote: every file, every data row with what a
//! correct zwgk must make of it, and every planted trap with the problem expected there.
//! `truth` turns the record into the figures a correct run reports.

use chrono::NaiveDate;
use serde::Serialize;

/// What a correct tool makes of one data row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An accepted item row (it may still repeat an earlier item). `section` is the
    /// index of the section (in the reference table's order) its 栏目 resolves to, by
    /// DESIGN.md's rules; `None` where the 栏目 names no section or is missing.
    Item {
        unit: &'static str,
        title: String,
        date: NaiveDate,
        link: Option<String>,
        section: Option<usize>,
    },
    /// An accepted count row: `n` items of `unit` in `month` of the working year.
    Count {
        unit: &'static str,
        month: u32,
        n: u32,
    },
    /// A row that must be rejected with a problem of this code.
    Rejected { code: &'static str },
    /// An accepted row of a catalogue or a contact form: read and kept, never counted
    /// as an item.
    Kept,
}

/// One data row written, where it is and what a correct tool makes of it.
#[derive(Debug, Clone)]
pub struct RowFact {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub outcome: Outcome,
}

/// A planted trap and the problem a correct tool reports for it.
#[derive(Debug, Clone, Serialize)]
pub struct Trap {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// A cell such as `C7`, where one cell holds the trap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The 1-based row, where a whole row holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub what: String,
    /// The code from src/problems.rs, or null where the right answer is no problem.
    pub code: Option<&'static str>,
    pub expected: String,
}

/// How a file is to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Read; its rows are in the ledger.
    Read,
    /// Skipped by name (lock files, .DS_Store, Thumbs.db).
    Skipped,
}

/// One file written into the inbox.
#[derive(Debug, Clone, Serialize)]
pub struct FileFact {
    pub path: String,
    pub format: &'static str,
    pub status: FileStatus,
    /// Data rows written in the file (including rows that must be rejected).
    pub data_rows: u32,
}

/// Everything the generator wrote, as it goes.
#[derive(Default)]
pub struct Ledger {
    pub files: Vec<FileFact>,
    pub rows: Vec<RowFact>,
    pub traps: Vec<Trap>,
}
