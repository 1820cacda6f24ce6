//! Outputs: of a run in `out/<period>/`, the consolidated workbook and `manifest.json`;
//! on request, the per-unit evaluation reports (`evaluation`), print-ready annexes
//! (`annex`) and submission templates (`template`). Each is written atomically. Writers
//! find no problems: every problem of a run is in its `Outcome` before they start.

pub(crate) mod annex;
pub(crate) mod evaluation;
pub(crate) mod manifest;
mod summary;
pub(crate) mod template;

use std::path::Path;

use crate::Error;
use crate::config::{Config, workspace_path};
use crate::discover::sha256_file;
use crate::model::Period;
use crate::pipeline::Outcome;
use crate::write::{Book, WriteError, save_bytes};
pub(crate) use manifest::records::inputs as records;
pub(crate) use manifest::{InputRecord, Manifest, Output, Role, TargetsSummary, Totals};
pub(crate) use summary::{detail, overlong};

/// The workspace-relative path of `file` in `out/<period>/` of the workspace `dir`.
pub(crate) fn run_path(dir: &Path, config: &Config, period: Period, file: &str) -> String {
    let out = dir.join(&config.paths.out).join(period.to_string());
    workspace_path(dir, &out.join(file))
}

/// The workspace-relative path of the consolidated workbook `汇总-<period>.xlsx`.
pub(crate) fn summary_path(dir: &Path, config: &Config, period: Period) -> String {
    run_path(dir, config, period, &format!("汇总-{period}.xlsx"))
}

/// Writes `汇总-<period>.xlsx`, begun by [`detail`] as `book`, and `manifest.json` under
/// the workspace `dir`; returns the workspace-relative paths written, manifest last.
///
/// # Errors
/// [`Error::Write`] when a file cannot be written (the message says why and where).
pub(crate) fn write(
    dir: &Path,
    config: &Config,
    outcome: &Outcome,
    book: Book,
) -> Result<Vec<String>, Error> {
    let summary_rel = summary_path(dir, config, outcome.period);
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
    let manifest_rel = run_path(dir, config, outcome.period, "manifest.json");
    save_bytes(
        Manifest::new(outcome, &outputs).to_json().as_bytes(),
        &dir.join(&manifest_rel),
    )?;
    Ok(vec![summary_rel, manifest_rel])
}
