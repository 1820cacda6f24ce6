//! What ends a command early. Each stage has its own error type, with one Chinese
//! message per cause; [`Error`] gathers them and decides the exit code from the type.
//! A bad input file is never one of these: it is a [`crate::problems::Problem`] and
//! the run goes on.

use std::io;
use std::path::PathBuf;

use polars::prelude::PolarsError;

pub use crate::config::ConfigError;
pub use crate::model::PeriodError;
pub use crate::reference::ReferenceError;
pub use crate::write::{Kept, WriteError};

/// Any error that ends a command, with its exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asked for something that cannot be (exit code 2).
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// `zwgk.toml` is missing or wrong (exit code 2).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A reference table is missing or has no usable table (exit code 2).
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// A template of the workspace's `templates/` cannot be read or filled (exit code 2).
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// An output could not be written (exit code 3).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A fault of zwgk itself (exit code 3).
    #[error(transparent)]
    Internal(#[from] Internal),
    /// `zwgk watch` cannot watch the workspace (exit code 3).
    #[error(transparent)]
    Watch(#[from] WatchError),
}

impl Error {
    /// The process exit code documented in the README: 2 for what the user can correct
    /// on the command line or in the workspace, 3 for a run that could not finish.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Config(_) | Error::Reference(_) | Error::Template(_) => 2,
            Error::Write(_) | Error::Internal(_) | Error::Watch(_) => 3,
        }
    }
}

impl From<PeriodError> for Error {
    fn from(e: PeriodError) -> Self {
        Error::Usage(UsageError::Period(e))
    }
}

impl From<PolarsError> for Error {
    fn from(e: PolarsError) -> Self {
        Error::Internal(Internal::Polars(e))
    }
}

/// The command line asked for something that cannot be.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// clap refused the arguments; the message was already printed.
    #[error("{0}")]
    Arguments(String),
    /// `--period` is no period.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// A date option (`--date`, `--publicity-date`) is no date.
    #[error("无法识别的日期「{text}」：{option} 应写作 2018-04-27 这样的格式，且该月有这一天")]
    Date {
        /// The option, such as `--date`.
        option: &'static str,
        /// The text given.
        text: String,
    },
    /// `--year` is no year.
    #[error("无法识别的年度「{0}」：--year 应写作 2021 这样的年份")]
    Year(String),
    /// `zwgk assess --year` outside `[workspace] year`.
    #[error(
        "{term}年度 {year} 与 zwgk.toml 所写的工作年度 {working} 年不同：请用 --year {working}"
    )]
    AssessYear {
        /// What the notice calls the exercise (`[assessment] term`: 考核, 评估).
        term: String,
        /// The year asked for.
        year: i32,
        /// The working year of `zwgk.toml`.
        working: i32,
    },
    /// `--date` (of a report or a drafted document) is before the period it judges begins.
    #[error(
        "--date 的日期 {date} 早于统计期 {period} 的第一天 {start}：请把 --date 改为 {start} 或以后，或用 --period 指定更早的期"
    )]
    DateBeforePeriod {
        /// The date as given.
        date: String,
        /// The period as given.
        period: String,
        /// The period's first day.
        start: String,
    },
    /// The publicity date of an assessment is neither in its year nor the next.
    #[error(
        "公示日期 {date} 不在 {year} 年度{term}的公示时间内（{year} 年或 {next} 年）：请核对 --publicity-date 或 zwgk.toml [assessment] 的 publicity_date",
        next = .year + 1
    )]
    PublicityOutOfYear {
        /// The date given.
        date: String,
        /// The year assessed.
        year: i32,
        /// 考核 or 评估.
        term: String,
    },
    /// The due date of a 催报 is not after the document's date.
    #[error(
        "--due 的截止日期 {due} 不晚于成文日期 {date}：请给出成文日期之后的日期，或不写 --due（默认为成文日期后第 {workdays} 个工作日）"
    )]
    DueNotAfterDate {
        /// The due date given.
        due: String,
        /// The document's date.
        date: String,
        /// The working days given by default.
        workdays: u32,
    },
    /// The 整改 deadline of tracking reports dated `--date` cannot be counted in working
    /// days: the reports would print the error where the date goes.
    #[error("{0}；评估报告的整改期限从 --date 的日期起算，请检查 --date 是否写错")]
    Deadline(String),
    /// `--due` given for a 通报, which has no due date of its own.
    #[error(
        "--due 是催报的报送截止日期，通报不用：通报的整改期限与评估报告相同，为成文日期后 zwgk.toml 中 [report] rectify_days 个工作日。请去掉 --due"
    )]
    DueOfBulletin,
    /// The due date of a 催报 cannot be counted in working days.
    #[error("{0}；也可以用 --due 年-月-日 直接给出截止日期")]
    Due(String),
    /// The period lies outside `[workspace] year`.
    #[error(
        "期 {period} 不在 zwgk.toml 所写的工作年度 {year} 年内（不写 --period 时为上一个自然月）：请用 --period 指定 {year} 年的月份、季度或全年，如 --period {year}-12、{year}Q4 或 {year}"
    )]
    PeriodOutsideYear {
        /// The period as given.
        period: String,
        /// The working year of `zwgk.toml`.
        year: i32,
    },
    /// `zwgk init` into a folder that already holds a workspace.
    #[error("「{}」已经是工作目录（其中有 zwgk.toml），未做任何改动", .0.display())]
    AlreadyWorkspace(PathBuf),
    /// `-o` names an input of the workspace: the settings file or a reference table.
    #[error(
        "-o 给出的「{}」是工作目录的输入文件 {}：zwgk 从不改写输入文件。请写到别处，如 out/ 下的新文件名", .path.display(), .input.display()
    )]
    OutputIsInput {
        /// The path as given.
        path: PathBuf,
        /// The input, relative to the workspace.
        input: PathBuf,
    },
    /// `-o` names a place inside the inbox, the reference folder or `templates/`.
    #[error(
        "-o 给出的「{}」在{what} {} 中：zwgk 从不往这里写文件，以免改写或混入输入。请写到别处，如 out/ 下", .path.display(), .folder.display()
    )]
    OutputInInputFolder {
        /// The path as given.
        path: PathBuf,
        /// The input folder, relative to the workspace.
        folder: PathBuf,
        /// What the folder is, such as 报送文件夹.
        what: &'static str,
    },
    /// `-o` names an existing folder where a file is wanted.
    #[error(
        "-o 给出的「{}」是已有的文件夹：请写文件名，如 -o {}/附件1.{ext}", .path.display(), .path.display()
    )]
    OutputIsFolder {
        /// The path as given.
        path: PathBuf,
        /// The extension the file needs.
        ext: &'static str,
    },
    /// `-o` names a file without the extension of what is written.
    #[error(
        "-o 给出的「{}」的扩展名不是 .{ext}：输出的是 .{ext} 文件，请写以 .{ext} 结尾的文件名，如 -o out/附件1.{ext}", .path.display()
    )]
    OutputExtension {
        /// The path as given.
        path: PathBuf,
        /// The extension the file needs.
        ext: &'static str,
    },
    /// `-o` of `zwgk template` names an existing file where a folder is wanted.
    #[error("-o 给出的「{}」是已有的文件，不是文件夹：请写一个文件夹，如 -o out/templates", .0.display())]
    OutputNotFolder(PathBuf),
    /// `zwgk init` with a blank `--name` (or in a folder without a name).
    #[error("地区名称不能为空：请用 --name 写明本地区名称，如 --name 大英县")]
    EmptyName,
    /// `zwgk init --sample` with a sample that is not bundled.
    #[error("没有名为「{name}」的示例，可用的有：{available}")]
    UnknownSample {
        /// The name asked for.
        name: String,
        /// The bundled samples, joined by 、.
        available: String,
    },
    /// A path given to `zwgk inspect` cannot be read.
    #[error("无法读取「{path}」：{}", io_reason(.source))]
    Unreadable {
        /// The path as given.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// `--unit` names no unit of the units table.
    #[error("单位名称表中没有「{name}」：{hint}")]
    UnknownUnit {
        /// The name as given.
        name: String,
        /// The closest names, or what to do.
        hint: String,
    },
    /// `--title-font` names a face zwgk does not know.
    #[error("标题字体「{0}」不可用：请写 宋体 或 方正小标宋简体")]
    TitleFont(String),
    /// An annex made from the inbox (完成情况, 标准目录, 联系人名单) asked of the reference
    /// tables alone.
    #[error("附件 {0} 要先汇总报送文件，请用 from_run 生成")]
    AnnexNeedsRun(&'static str),
    /// An annex made from the reference tables asked of a run.
    #[error("附件 {0} 由参考表生成，请用 from_reference 生成")]
    AnnexNeedsReference(&'static str),
    /// `zwgk annex catalogue` on an inbox without a catalogue.
    #[error(
        "报送文件夹中没有标准目录：请把各单位的目录编制表（含 事项名称、公开内容、公开依据、公开时限、公开主体、公开方式、公开渠道、公开对象）放进 inbox/"
    )]
    NoCatalogue,
    /// `zwgk annex contacts` on an inbox without a contact form that names anyone.
    #[error("报送文件夹中没有填写了联系人的联系人登记表：请把各单位的联系人登记表放进 inbox/")]
    NoContacts,
    /// `zwgk template --csv` with a form other than the item list.
    #[error("--csv 只用于信息公开报送表，其他表格只生成 .xlsx")]
    CsvForm,
    /// `zwgk template --form self-assessment --unit` for a unit no indicator applies to.
    #[error(
        "「{0}」的类别不在指标体系表的适用对象中，不参加考核，没有自评表。如需考核，请在单位名称表中改正它的类别，或在指标体系表的适用对象中加上这个类别"
    )]
    NotAssessed(String),
    /// `--form catalogue --unit` for a unit the workspace assigns no pilot domain.
    #[error(
        "「{0}」不负责任何试点领域，无需编制标准目录（通知只要求各领域的责任单位编制本领域的目录）。如它负责某个领域，请在栏目表或责任分工表中写明"
    )]
    NoDomain(String),
}

/// A fault of zwgk itself, never of the user's files: exit code 3, with a request to
/// report it.
#[derive(Debug, thiserror::Error)]
pub enum Internal {
    /// A polars expression failed, which would be a bug in it.
    #[error("内部错误（表格计算）：{0}")]
    Polars(#[from] PolarsError),
    /// A table between stages does not have the columns its schema declares.
    #[error("内部错误：表「{table}」的列「{column}」{found}")]
    Schema {
        /// The table, as its sheet is named (明细, 统计数, 责任矩阵).
        table: &'static str,
        /// The column.
        column: String,
        /// What is wrong with it.
        found: String,
    },
    /// The JSON of `zwgk inspect --json` could not be made.
    #[error("无法生成 JSON：{0}")]
    Json(#[from] serde_json::Error),
    /// A drafted document could not be packed.
    #[error("内部错误（生成 .docx）：{0}")]
    Docx(#[from] docx_rs::DocxError),
}

/// `zwgk watch` cannot be told of changes or of Ctrl-C.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The system refused to report changes in a folder.
    #[error("无法监视文件夹 {path}：{source}。请确认该文件夹存在且有访问权限")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: notify::Error,
    },
    /// Ctrl-C cannot be caught, so the watch could not end cleanly.
    #[error("无法接收 Ctrl-C 信号：{0}")]
    Interrupt(#[from] ctrlc::Error),
}

pub use crate::templates::TemplateError;

/// A Chinese reason for an I/O error, for messages that name the file themselves.
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在".into(),
        PermissionDenied => "没有访问权限，或文件正被其他程序（如 Excel、WPS）占用".into(),
        AlreadyExists => "目标已存在".into(),
        StorageFull => "磁盘已满".into(),
        FileTooLarge => "文件超过系统允许的大小".into(),
        ReadOnlyFilesystem => "磁盘为只读".into(),
        IsADirectory => "已有同名的文件夹".into(),
        NotADirectory => "路径中有一级不是文件夹，而是同名的文件".into(),
        _ => format!("系统错误：{e}"),
    }
}
