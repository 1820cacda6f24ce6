//! `zwgk run`: ingest, check and write `out/<period>/` — the main job.

use std::path::Path;

use crate::Error;
use crate::config::Config;
use crate::model::{Period, Window};
use crate::outputs;
use crate::outputs::lock::OutLock;
use crate::pipeline::{self, Outcome};

use super::summary::{Summary, with_progress};
use super::workspace::WorkspaceArgs;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk run [-w 目录] [--period 期]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

/// Runs the workspace and writes the consolidated workbook and manifest.
///
/// # Errors
/// Settings, reference tables or outputs that stop the run.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let (config, period) = args.workspace.load()?;
    let _lock = OutLock::of(&args.workspace.dir, &config)?;
    let (outcome, written) = consolidate(&args.workspace.dir, &config, period)?;
    out!(
        "{}",
        Summary {
            outcome: &outcome,
            outputs: &written
        }
    );
    Ok(super::exit_code(&outcome))
}

/// The run itself, shared with `zwgk watch`: every stage, then the workbook and the
/// manifest. Returns the outcome and the workspace-relative paths written.
///
/// # Errors
/// Settings, reference tables or outputs that stop the run.
pub(super) fn consolidate(
    dir: &Path,
    config: &Config,
    period: Period,
) -> Result<(Outcome, Vec<String>), Error> {
    let window = Window::whole(period);
    let (outcome, detail) =
        with_progress(|tick| pipeline::run_with(dir, config, window, tick, outputs::detail))?;
    let written = outputs::write(dir, config, &outcome, detail?)?;
    Ok((outcome, written))
}
