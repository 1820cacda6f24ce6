//! `zwgk run`: ingest, check and write `out/<period>/` — the main job.

use crate::Error;
use crate::model::Window;
use crate::outputs;
use crate::pipeline;

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
    let dir = &args.workspace.dir;
    let window = Window::whole(period);
    let (outcome, detail) =
        with_progress(|tick| pipeline::run_with(dir, &config, window, tick, outputs::detail))?;
    let written = outputs::write(dir, &config, &outcome, detail?)?;
    out!(
        "{}",
        Summary {
            outcome: &outcome,
            outputs: &written
        }
    );
    Ok(super::exit_code(&outcome))
}
