//! `zwgk check`: the same checks as `run`, nothing written.

use crate::Error;
use crate::pipeline;

use super::summary::{Summary, with_progress};
use super::workspace::WorkspaceArgs;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk check [-w 目录] [--period 期]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    #[command(flatten)]
    workspace: WorkspaceArgs,
}

/// Runs every check and prints the summary and the problems; writes nothing.
///
/// # Errors
/// Settings or reference tables that stop the run.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let (config, period) = args.workspace.load()?;
    let outcome = with_progress(|tick| pipeline::run(&args.workspace.dir, &config, period, tick))?;
    out!(
        "{}",
        Summary {
            outcome: &outcome,
            outputs: &[]
        }
    );
    // Each problem with what to do about it, as 问题清单's 建议 says; a notice that asks
    // nothing (无需处理) on its line alone.
    for p in &outcome.problems {
        outln!("{p}");
        if !p.advice().starts_with("无需处理") {
            outln!("    → {}", p.advice());
        }
    }
    Ok(super::exit_code(&outcome))
}
