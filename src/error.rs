//! Errors that end a command early, one type per kind of cause; [`crate::Error`] gathers
//! them and decides the exit code from the type. A bad input file is never one of these:
//! it is a [`crate::problems::Problem`] and the run goes on.

use polars::prelude::PolarsError;

/// A fault of zwgk itself, never of the user's files: exit code 3 with a request to
/// report it.
#[derive(Debug, thiserror::Error)]
pub enum Internal {
    /// A polars expression failed, which would be a bug in it.
    #[error("内部错误（表格计算）：{0}")]
    Polars(#[from] PolarsError),
    /// A table between stages does not have the columns its schema declares.
    #[error("内部错误：表「{table}」的列「{column}」{found}")]
    Schema {
        /// The table, as its sheet is named (明细, 统计数, 责任矩阵).
        table: &'static str,
        /// The column.
        column: String,
        /// What is wrong with it.
        found: String,
    },
}
