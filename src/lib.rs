//! zwgk (政务公开): consolidate the spreadsheets a county office collects from its units.
//!
//! The pipeline, in stage order:
//! discover → read → layout → normalise → figures and checks → write.
//! Each stage is one module; typed values pass between them (the tables after
//! normalisation are declared in `schema`), and a bad file or cell becomes a
//! [`problems::Problem`] in the result instead of stopping the run. [`pipeline::run`]
//! runs the stages; [`cli::main_with`] is the command line.

pub mod cli;
pub mod config;
pub mod error;
pub mod model;
pub mod pipeline;
pub mod problems;

pub(crate) mod advice;
pub(crate) mod assess;
pub(crate) mod cache;
pub(crate) mod calendar;
pub(crate) mod catalogue;
pub(crate) mod check;
pub(crate) mod contacts;
pub(crate) mod coverage;
pub(crate) mod discover;
pub(crate) mod ingest;
pub(crate) mod init;
pub(crate) mod inspect;
pub(crate) mod layout;
pub(crate) mod normalise;
pub(crate) mod notice;
pub(crate) mod outputs;
pub(crate) mod read;
pub(crate) mod reference;
pub(crate) mod schema;
pub(crate) mod templates;
pub(crate) mod write;

/// Set when the user asks a long-running command to stop (Ctrl-C in a watch): waits end
/// at once instead of running their course.
pub(crate) static STOPPING: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

pub use error::Error;
pub(crate) use error::io_reason;
pub use read::excel_serial_to_datetime;
pub use write::ZIP_LEVEL;
