//! zwgk (政务公开): consolidate the spreadsheets a county office collects from its units.
//!
//! The pipeline, in stage order:
//! discover → read → layout → normalise → figures and checks → write.
//! Each stage is one module; typed values pass between them, and a bad file or cell
//! becomes a [`problems::Problem`] in the result instead of stopping the run.

pub mod calendar;
pub mod check;
pub mod cli;
pub mod config;
pub mod coverage;
pub mod discover;
pub(crate) mod error;
pub mod ingest;
pub mod init;
pub mod inspect;
pub mod layout;
pub mod model;
pub mod normalise;
pub mod outputs;
pub mod pipeline;
pub mod problems;
pub mod read;
pub mod reference;
pub(crate) mod schema;
pub mod write;

/// What ends a command early. A bad input file is never one of these: it is a
/// [`problems::Problem`] and the run goes on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line was wrong (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// `zwgk.toml` or a reference table is missing or wrong (exit code 2).
    #[error("{0}")]
    Config(String),
    /// The run could not finish, e.g. an output could not be written (exit code 3).
    #[error("{0}")]
    Fatal(String),
}

impl From<error::Internal> for Error {
    fn from(e: error::Internal) -> Self {
        Error::Fatal(e.to_string())
    }
}

impl Error {
    /// The process exit code documented in the README.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Config(_) => 2,
            Error::Fatal(_) => 3,
        }
    }
}

/// A Chinese reason for an I/O error, for messages that name the file themselves.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有访问权限，或文件正被其他程序（如 Excel、WPS）占用".into(),
        AlreadyExists => "目标已存在".into(),
        _ => format!("系统错误：{e}"),
    }
}
