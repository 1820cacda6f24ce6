//! Outputs: of a run in `out/<period>/`, the consolidated workbook and `manifest.json`;
//! on request, the per-unit evaluation reports (`evaluation`), print-ready annexes
//! (`annex`) and the blank forms units fill in (`forms`).
//! Each is written atomically. Writers find no problems: every problem of a run is in
//! its `Outcome` before they start.

pub(crate) mod annex;
pub(crate) mod assessment;
pub(crate) mod catalogue;
pub(crate) mod contacts;
pub(crate) mod destination;
pub(crate) mod evaluation;
pub(crate) mod forms;
pub(crate) mod lock;
pub(crate) mod manifest;
mod set;
pub(crate) mod summary;

use std::path::Path;

use crate::Error;
use crate::config::{Config, workspace_path};
use crate::discover::sha256_file;
use crate::error::Internal;
use crate::model::Period;
use crate::pipeline::Outcome;
use crate::problems::Problem;
use crate::schema::Items;
use crate::write::{Book, WriteError, guarded};
pub(crate) use manifest::records;
pub(crate) use manifest::{InputRecord, Manifest, Output, Role, TargetsSummary, Totals};
use set::Staging;
pub(crate) use summary::detail;

/// The workspace-relative path of `file` in `out/<period>/` of the workspace `dir`.
pub(crate) fn run_path(dir: &Path, config: &Config, period: Period, file: &str) -> String {
    let out = dir.join(&config.paths.out).join(period.to_string());
    workspace_path(dir, &out.join(file))
}

/// The workspace-relative path of the consolidated workbook `汇总-<period>.xlsx`.
pub(crate) fn summary_path(dir: &Path, config: &Config, period: Period) -> String {
    run_path(dir, config, period, &format!("汇总-{period}.xlsx"))
}

/// The workspace-relative path of the catalogue workbook `标准目录-<period>.xlsx`.
fn catalogue_path(dir: &Path, config: &Config, period: Period) -> String {
    run_path(dir, config, period, &format!("标准目录-{period}.xlsx"))
}

/// A W001 problem for each text the workbooks of `outcome` in the workspace `dir` will
/// cut to Excel's cell limit — found before any is written, so that `check` reports them
/// as `run` does.
///
/// # Errors
/// [`Internal`] errors, which would be a bug in an expression.
pub(crate) fn overlong(
    dir: &Path,
    config: &Config,
    outcome: &Outcome,
    items: &Items,
) -> Result<Vec<Problem>, Internal> {
    let period = outcome.period;
    let mut cuts = summary::overlong(outcome, items, &summary_path(dir, config, period))?;
    if let Some(c) = &outcome.catalogue {
        cuts.extend(catalogue::overlong(c, &catalogue_path(dir, config, period)));
    }
    Ok(cuts)
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
    let target = dir.join(&config.paths.out).join(outcome.period.to_string());
    let mut set = Staging::begin(&target)?;
    let summary_rel = summary_path(dir, config, outcome.period);
    let manifest_path = set.path("manifest.json");
    let written = guarded(|| {
        // run and assess share a year's manifest: its other parts are kept (manifest::save).
        let previous = target.join("manifest.json");
        if previous.is_file() {
            std::fs::copy(&previous, &manifest_path).map_err(|source| WriteError::Io {
                path: previous.clone(),
                source,
            })?;
        }
        let staged = set.path(&format!("汇总-{}.xlsx", outcome.period));
        summary::write(outcome, book, &staged, &summary_rel)?;
        let mut outputs = vec![hashed(&staged, summary_rel)?];
        if let Some(c) = &outcome.catalogue {
            let rel = catalogue_path(dir, config, outcome.period);
            let staged = set.path(&format!("标准目录-{}.xlsx", outcome.period));
            catalogue::write(c, &staged)?;
            outputs.push(hashed(&staged, rel)?);
        }
        manifest::save(&Manifest::new(outcome, &outputs), &manifest_path)?;
        Ok(outputs)
    });
    let outputs = match written {
        Ok(outputs) => {
            set.commit()?;
            outputs
        }
        Err(e) => {
            set.abandon();
            return Err(e.into());
        }
    };
    let mut shown: Vec<String> = outputs.into_iter().map(|o| o.path).collect();
    shown.push(run_path(dir, config, outcome.period, "manifest.json"));
    Ok(shown)
}

/// The output written at `path`, shown as the workspace-relative `rel`, with its hash.
fn hashed(path: &Path, rel: String) -> Result<Output, WriteError> {
    match sha256_file(path) {
        Ok(sha256) => Ok(Output { path: rel, sha256 }),
        Err(source) => Err(WriteError::ReadBack { path: rel, source }),
    }
}

/// The output just written at the workspace-relative `rel`, with its hash.
pub(crate) fn written(dir: &Path, rel: String) -> Result<Output, WriteError> {
    hashed(&dir.join(&rel), rel)
}
