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
pub mod error;
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

pub use error::Error;
pub(crate) use error::io_reason;
