//! `zwgk inspect PATH…`: what the tool sees in each file, for people or (`--json`) machines.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Error;
use crate::config::Limits;
use crate::discover::{self, Skipped, Why};
use crate::error::{Internal, UsageError};
use crate::ingest::{self, Input, Job};
use crate::inspect::FileReport;
use crate::problems::Severity;
use crate::read::ReadOptions;
use crate::write::WriteError;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk inspect <路径>... [--json]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    /// 要查看的文件或文件夹（文件夹会逐层查找其中所有文件）
    #[arg(value_name = "路径", required = true, help_heading = "参数")]
    paths: Vec<PathBuf>,
    /// 以 JSON 格式输出，供其他程序读取
    #[arg(long)]
    json: bool,
}

/// Inspects every file under the given paths; exit code 1 when any has an error.
///
/// # Errors
/// [`Error::Usage`] when a path does not exist.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in &args.paths {
        collect(path, &mut files, &mut skipped)?;
    }
    let opts = ReadOptions {
        limits: Limits::default(),
        encoding: None,
    };
    let jobs: Vec<Job> = files
        .into_iter()
        .map(|(path, display)| Job {
            path,
            display,
            opts,
            framing: ingest::Framings::ByKind,
        })
        .collect();
    let (mut inputs, _) = ingest::ingest_all(&jobs, None, &|| {}, None);
    inputs.extend(skipped.iter().map(|(p, d)| ingest::skipped_file(p, d)));
    let reports: Vec<FileReport> = inputs.iter().map(FileReport::from).collect();
    print_reports(&reports, args.json)?;
    let errors = inputs.iter().flat_map(|i: &Input| &i.problems);
    Ok(
        if errors.into_iter().any(|p| p.severity == Severity::Error) {
            1
        } else {
            0
        },
    )
}

/// Prints the reports; a reader that stops early (`zwgk inspect inbox | head`) ends the
/// output quietly instead of panicking as `println!` would.
fn print_reports(reports: &[FileReport], json: bool) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    let written = if json {
        #[derive(Serialize)]
        struct Out<'a> {
            files: &'a [FileReport],
        }
        let text = serde_json::to_string_pretty(&Out { files: reports }).map_err(Internal::from)?;
        writeln!(out, "{text}")
    } else {
        reports.iter().try_for_each(|r| write!(out, "{r}"))
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(WriteError::Stdout(e).into()),
        _ => Ok(()),
    }
}

type Found = Vec<(PathBuf, String)>;

fn collect(
    path: &Path,
    files: &mut Found,
    skipped: &mut Vec<(Skipped, String)>,
) -> Result<(), Error> {
    let shown = discover::lossless(path.as_os_str()).replace('\\', "/");
    let unreadable = |source| UsageError::Unreadable {
        path: shown.clone(),
        source,
    };
    // Anything but a folder is one file to inspect (a pipe is reported, never opened).
    if !std::fs::metadata(path).map_err(unreadable)?.is_dir() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        if discover::is_system_file(&name) {
            let why = Why::System;
            skipped.push((
                Skipped {
                    path: path.to_path_buf(),
                    why,
                },
                shown,
            ));
        } else {
            files.push((path.to_path_buf(), shown));
        }
        return Ok(());
    }
    let found = discover::discover(path, path).map_err(unreadable)?;
    let display = |p: &Path| {
        let rel = discover::relative_key(path, p);
        format!("{}/{rel}", shown.trim_end_matches('/'))
    };
    files.extend(found.files.iter().map(|p| (p.clone(), display(p))));
    skipped.extend(found.skipped.into_iter().map(|s| {
        let shown = display(&s.path);
        (s, shown)
    }));
    Ok(())
}
