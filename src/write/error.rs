//! Why an output could not be written: one variant per cause, each message naming the
//! file or sheet and what to do. All of them end a command with exit code 3.

use std::io;
use std::path::PathBuf;

use rust_xlsxwriter::XlsxError;

use super::MAX_ROWS;
use crate::error::io_reason;

/// An output that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// rust_xlsxwriter refused a cell, a range or a setting of a sheet.
    #[error("写入工作表「{sheet}」时出错：{source}")]
    Sheet {
        /// The sheet.
        sheet: String,
        /// rust_xlsxwriter's reason.
        source: XlsxError,
    },
    /// A sheet has no room for another row.
    #[error("工作表「{sheet}」超过 Excel 每表 {MAX_ROWS} 行的上限，无法写入第 {row} 行")]
    SheetFull {
        /// The sheet.
        sheet: String,
        /// The 1-based row that did not fit.
        row: u64,
    },
    /// The output folder cannot be created.
    #[error("无法创建输出文件夹 {}（{}）：请确认路径正确且有写入权限", .dir.display(), io_reason(.source))]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// No file can be created in the output folder.
    #[error("无法在输出文件夹 {} 中写入文件（{}）：请确认该文件夹可写、磁盘有剩余空间", .dir.display(), io_reason(.source))]
    Unwritable {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The new set of a run could not take the place of the period folder (on Windows: a
    /// file in it is open in Excel or WPS).
    #[error("无法用本次结果替换 {}（{}），其中的文件可能正在 Excel 或 WPS 中打开；本次结果保留在 {}，请关闭这些文件后重新运行", .target.display(), io_reason(.source), .kept.display())]
    Swap {
        /// The period folder, unchanged.
        target: PathBuf,
        /// The folder holding the new set.
        kept: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The temporary folder a large sheet is written through cannot be used.
    #[error("无法在临时文件夹 {} 中写入（{}）：请确认该文件夹存在、可写且有剩余空间，或用环境变量 TMPDIR 指定另一个文件夹", .dir.display(), io_reason(.source))]
    TempDir {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The workbook could not be assembled.
    #[error("写入 {} 失败：生成工作簿失败：{source}", .path.display())]
    Assemble {
        /// The output.
        path: PathBuf,
        /// rust_xlsxwriter's reason.
        source: XlsxError,
    },
    /// The bytes could not be written.
    #[error("写入 {} 失败：{}", .path.display(), io_reason(.source))]
    Io {
        /// The output.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The output could not replace the file of the same name (on Windows: it is open in
    /// Excel or WPS); where the new file was kept instead.
    #[error("无法替换 {}（{}），该文件可能正在 Excel 或 WPS 中打开{kept}", .target.display(), io_reason(.source))]
    Locked {
        /// The file that could not be replaced.
        target: PathBuf,
        /// Why.
        source: io::Error,
        /// Where the new file is.
        kept: Kept,
    },
    /// A folder has the name the output is to have.
    #[error("无法写入 {}：已有同名的文件夹占用了这个文件名。请移走该文件夹或给它改名，然后重新运行", .0.display())]
    FolderInTheWay(PathBuf),
    /// Ctrl-C ended the wait for another zwgk writing into the output folder.
    #[error("已取消：在等另一个 zwgk 写完 {} 中的结果时收到 Ctrl-C，本次结果没有写出", .0.display())]
    Interrupted(PathBuf),
    /// A file has the name of the folder the outputs go to.
    #[error("无法写入 {}：已有同名的文件占用了这个文件夹名。请移走该文件或给它改名，然后重新运行", .0.display())]
    FileInTheWay(PathBuf),
    /// One file of a set (the evaluation reports) failed: none of the set was written.
    #[error(
        "{source}。本次的评估报告都没有写出，{folder} 中原有的报告未改动；请排除上述问题后重新运行"
    )]
    SetNotWritten {
        /// The folder of the set, workspace-relative.
        folder: String,
        /// The failure.
        source: Box<WriteError>,
    },
    /// A folder the command creates beside its outputs (the inbox of a new workspace).
    #[error("无法创建「{}」：{}", .path.display(), io_reason(.source))]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// An output just written could not be read back to hash it.
    #[error("无法读回刚写出的 {path}：{}", io_reason(.source))]
    ReadBack {
        /// The workspace-relative output.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// Writing stopped half-way, most often on a full disk or temporary folder.
    #[error("写入输出文件时中断（{reason}）：请确认输出文件夹和临时文件夹 {} 所在磁盘有剩余空间且可写（可用环境变量 TMPDIR 指定临时文件夹），然后重新运行；原有的输出未被改动", .temp.display())]
    Failed {
        /// The temporary folder rust_xlsxwriter uses.
        temp: PathBuf,
        /// Why, in Chinese.
        reason: String,
    },
    /// Standard output closed with an error other than a closed pipe.
    #[error("无法输出查看结果：{0}")]
    Stdout(io::Error),
}

/// Where an output that could not replace its target was kept.
#[derive(Debug, thiserror::Error)]
pub enum Kept {
    /// Under a sibling name such as `汇总-2018-04（新）.xlsx`.
    #[error("。本次结果已另存为 {}；请关闭该文件后重新运行，或直接使用新文件", .0.display())]
    Sibling(PathBuf),
    /// Under its temporary name.
    #[error("。本次结果保留在 {}；请关闭该文件后重新运行", .0.display())]
    Temporary(PathBuf),
    /// Nowhere: keeping it failed too.
    #[error("，另存也失败（{}）；请关闭该文件后重新运行", io_reason(.0))]
    Lost(io::Error),
}
