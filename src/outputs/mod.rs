//! Outputs: of a run in `out/<period>/`, the consolidated workbook and `manifest.json`;
//! on request, the per-unit evaluation reports (`evaluation`), print-ready annexes
//! (`annex`) and submission templates (`template`). Each is written atomically.

pub mod annex;
pub mod evaluation;
pub mod manifest;
mod summary;
pub mod template;

use std::path::Path;

use crate::Error;
use crate::config::Config;
use crate::discover::sha256_file;
use crate::pipeline::Outcome;
use crate::write::{Book, WriteError, save_bytes};
pub use manifest::{Manifest, Output};

pub(crate) use summary::detail;

/// Writes `汇总-<period>.xlsx`, begun by [`detail`] as `book`, and `manifest.json` under
/// the workspace `dir`; returns the workspace-relative paths written, manifest last.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written (the message says why and where).
pub fn write(
    dir: &Path,
    config: &Config,
    outcome: &mut Outcome,
    book: Book,
) -> Result<Vec<String>, Error> {
    let period = outcome.period.to_string();
    let out_dir = config.paths.out.join(&period);
    let rel = |name: &str| out_dir.join(name).to_string_lossy().replace('\\', "/");
    let summary_rel = rel(&format!("汇总-{period}.xlsx"));
    let summary_path = dir.join(&summary_rel);
    summary::write(outcome, book, &summary_path, &summary_rel)?;
    let sha256 = sha256_file(&summary_path).map_err(|source| WriteError::ReadBack {
        path: summary_rel.clone(),
        source,
    })?;
    let outputs = vec![Output {
        path: summary_rel.clone(),
        sha256,
    }];
    let manifest_rel = rel("manifest.json");
    save_bytes(
        Manifest::new(outcome, &outputs).to_json().as_bytes(),
        &dir.join(&manifest_rel),
    )?;
    Ok(vec![summary_rel, manifest_rel])
}
