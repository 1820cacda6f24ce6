//! The command line: clap definitions in Chinese, one file per subcommand.
//!
//! Each subcommand file holds its help text, its argument struct and a short `run`
//! that turns arguments into options and calls the library. clap's own English
//! error texts are replaced here by Chinese ones.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::Error;
use crate::error::UsageError;

/// `print!` that ignores a closed pipe (`zwgk check | head`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `println!` that ignores a closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod annex;
mod assess;
mod check;
mod init;
mod inspect;
mod notice;
mod report;
mod run;
mod summary;
mod template;
mod watch;
mod workspace;

const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "zwgk",
    version,
    about = "zwgk（政务公开）：汇总各单位报送的政务公开表格，核对目标任务和栏目责任，生成汇总表和公文附件",
    help_template = HELP_TEMPLATE,
    override_usage = "zwgk <命令> [选项]",
    subcommand_help_heading = "命令",
    next_help_heading = "选项",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 新建工作目录：空白的参考表，或随附示例的副本
    Init(init::Args),
    /// 查看工具如何读取每个文件：真实格式、编码、工作表、表头、各列含义和问题
    Inspect(inspect::Args),
    /// 汇总本期报送：读取、核对并写出 out/<期>/ 下的汇总表和 manifest.json
    Run(run::Args),
    /// 与 run 相同的核对，只在屏幕上列出问题，不写汇总结果（只更新 out/.cache/ 中的读取缓存）
    Check(check::Args),
    /// 生成各单位的政务公开跟踪评估报告（每单位一份，可直接打印），写入 out/<期>/评估报告/
    Report(report::Args),
    /// 生成各单位的空白表格（报送表、统计表、目录编制表、联系人登记表、自评表，填报单位已填好），默认写到 out/templates/
    Template(template::Args),
    /// 生成可直接用于公文的附件（目标任务、完成情况、栏目保障任务分解表、试点领域责任分工表、标准目录、联系人名单）
    Annex(annex::Args),
    /// 年度考核：按指标体系汇总各单位评分表和自评表，排名（设了等次时定等次），生成考核结果、公示附件和复核后的结果附件
    Assess(assess::Args),
    /// 监视工作目录：先汇总一次，此后报送文件夹、参考表或 zwgk.toml 有变动时自动重新汇总；按 Ctrl-C 退出
    Watch(watch::Args),
    /// 起草公文（.docx）：通报（本期各单位完成情况，附完成情况表）或催报（本期未报送的单位及联系人）
    Notice(notice::Args),
}

/// Parses `args` (including the program name), runs the command and returns the exit code.
pub fn main_with(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    std::panic::set_hook(Box::new(|info| {
        crate::read::note_panic(info);
        if !crate::ingest::isolated() {
            eprintln!("内部错误：{info}\n请把所用的文件和这条信息反馈给维护人员。");
        }
    }));
    // Subcommands take the same Chinese help layout as the top level.
    let command = Cli::command().mut_subcommands(|c| c.help_template(HELP_TEMPLATE));
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    exit_code_of(|| match cli.command {
        Command::Init(args) => init::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Run(args) => run::run(args),
        Command::Check(args) => check::run(args),
        Command::Report(args) => report::run(args),
        Command::Template(args) => template::run(args),
        Command::Annex(args) => annex::run(args),
        Command::Assess(args) => assess::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Notice(args) => notice::run(args),
    })
}

/// The exit code of a command: its own, that of its error (said on stderr), or 3 (the
/// run could not finish) for a panic, which the hook has already reported.
fn exit_code_of(command: impl FnOnce() -> Result<i32, Error>) -> i32 {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(command)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("错误：{e}");
            e.exit_code()
        }
        Err(_) => 3,
    }
}

/// 1 when the run found errors, else 0.
fn exit_code(outcome: &crate::pipeline::Outcome) -> i32 {
    i32::from(outcome.count(crate::problems::Severity::Error) > 0)
}

/// What the user should know about the run itself (`Outcome::notes`), a line each.
fn notes_lines(notes: &[String]) -> String {
    notes.iter().map(|n| format!("  注意：{n}\n")).collect()
}

/// The problems by severity, as `zwgk run` prints them: what a command that writes from a
/// run of `period` says, so that its exit code 1 is explained, with the command that
/// lists them (the period given: without one, check takes last month).
fn problems_line<'p>(
    problems: impl Iterator<Item = &'p crate::problems::Problem> + Clone,
    period: crate::model::Period,
) -> String {
    use crate::problems::Severity;
    let n = |s| problems.clone().filter(|p| p.severity == s).count();
    format!(
        "  问题：错误 {} 个，警告 {} 个，提示 {} 个（zwgk check --period {period} 列出全部问题）",
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info)
    )
}

/// Prints a clap error in Chinese (help and version pass through) and gives its exit code.
fn clap_error(e: &clap::Error) -> i32 {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        out!("{e}");
        return 0;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        eprint!("{e}");
        return 2;
    }
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数「{arg}」"),
        // `zwgk help run`, as git and cargo take it.
        ErrorKind::InvalidSubcommand if ctx(ContextKind::InvalidSubcommand) == "help" => {
            "查看用法请用 zwgk --help，某个命令的用法请用 zwgk <命令> --help（如 zwgk run --help）"
                .to_string()
        }
        ErrorKind::InvalidSubcommand => {
            format!("未知的命令「{}」", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数 {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut m = format!("参数 {arg} 的值「{}」无效", ctx(ContextKind::InvalidValue));
            let valid = ctx(ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!("：可用的值为 {valid}"));
            }
            // Why, where zwgk's own parser said it (in Chinese), not clap's or the std's.
            let why = std::error::Error::source(e).map(ToString::to_string);
            if let Some(why) = why.filter(|w| !w.is_ascii()) {
                m.push_str(&format!("：{why}"));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            format!("参数 {arg} 不能与 {} 同时使用", ctx(ContextKind::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        _ => format!("命令行有误：{}", e.kind()),
    };
    eprintln!("错误：{message}\n\n运行 zwgk --help 查看用法。");
    Error::from(UsageError::Arguments(message)).exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_ends_in_its_code_its_error_s_code_or_3_for_a_panic() {
        assert_eq!(exit_code_of(|| Ok(1)), 1);
        let usage = || Err(UsageError::Arguments("x".into()).into());
        assert_eq!(exit_code_of(usage), 2);
        assert_eq!(exit_code_of(|| panic!("测试")), 3);
    }
}
