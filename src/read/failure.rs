//! Why a file, or one sheet of it, cannot be read: one variant per rule, each naming the
//! limit or the check it failed. A failure becomes one problem for that file (or sheet)
//! alone; the run goes on. Messages are rendered only here, in Chinese.

use std::fmt;

use super::grid::{MAX_COLS, MAX_ROWS};
use crate::problems::{Code, Problem};

const MIB: u64 = 1024 * 1024;

/// A file or sheet the readers gave up on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Failure {
    /// A password protects the content: an OOXML `EncryptedPackage`, a BIFF `FILEPASS`
    /// record (RC4 or XOR obfuscation), an ODS `encryption-data` entry (F004).
    #[error("文件已加密")]
    Encrypted,
    /// An Excel 2.x–4.0 worksheet (BIFF2–BIFF4), a format no reader here understands (F011).
    #[error("{0}")]
    TooOld(&'static str),
    /// Not a table at all: a document, a picture, an archive (F006).
    #[error("{0}")]
    NotATable(NotATable),
    /// The file contradicts its own format (F005).
    #[error("{0}")]
    Damaged(Damage),
    /// A size beyond one of the office's `[limits]` (F007).
    #[error("{0}")]
    TooLarge(Oversize),
    /// More than a sheet can hold, or cells spread far beyond the ones present (F010).
    #[error("{0}")]
    Beyond(Beyond),
}

impl Failure {
    /// The problem this failure is for the file `name`.
    pub(crate) fn problem(&self, name: &str) -> Problem {
        match self {
            Self::Encrypted => Problem::new(Code::Encrypted, name, &[]),
            Self::TooOld(what) => Problem::new(Code::TooOld, name, &[what]),
            Self::NotATable(what) => Problem::new(Code::UnknownFormat, name, &[&what.to_string()]),
            Self::Damaged(why) => Problem::new(Code::Unreadable, name, &[&why.to_string()]),
            Self::TooLarge(size) => {
                Problem::new(Code::TooLarge, name, &[&size.to_string(), &size.limit()])
            }
            Self::Beyond(what) => Problem::new(Code::BeyondLimits, name, &[&what.to_string()]),
        }
    }
}

impl From<Damage> for Failure {
    fn from(d: Damage) -> Self {
        Self::Damaged(d)
    }
}

impl From<Beyond> for Failure {
    fn from(b: Beyond) -> Self {
        Self::Beyond(b)
    }
}

impl From<Oversize> for Failure {
    fn from(o: Oversize) -> Self {
        Self::TooLarge(o)
    }
}

/// What a file that is not a table really is, as people name it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum NotATable {
    /// Known by its first bytes: a PDF, a picture, an archive, a program.
    #[error("{0}")]
    Known(&'static str),
    /// An OpenDocument file of another kind (its `mimetype`).
    #[error("OpenDocument 文件（{0}），不是电子表格")]
    OpenDocument(String),
    /// Text, but with the control characters of binary data; its first bytes.
    #[error("二进制内容，开头字节为 {}", hex(.0))]
    Binary(Vec<u8>),
}

/// How a file contradicts its own format.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Damage {
    /// The zip container cannot be opened (a file cut short by a download).
    #[error("压缩结构损坏，文件可能不完整或未下载完；技术细节：{0}")]
    Zip(String),
    /// A part declares an uncompressed size smaller than its compressed bytes could give,
    /// which would slip a bomb past the size limits.
    #[error("压缩包中「{0}」声明的大小不可信，文件可能被篡改或已损坏")]
    UntrustedSize(String),
    /// A count the file declares (shared strings) that its bytes cannot hold.
    #[error(
        "「{part}」声明有 {declared} 项，而其内容最多容纳 {possible} 项，文件可能被篡改或已损坏"
    )]
    UntrustedCount {
        /// The part.
        part: String,
        /// The count declared.
        declared: u64,
        /// The most the part's size allows.
        possible: u64,
    },
    /// Two sheets read the same part, which Excel never writes.
    #[error("多个工作表指向同一部件「{0}」，文件可能被篡改或已损坏")]
    SharedPart(String),
    /// The OLE container (xls) is broken.
    #[error("OLE 复合文档结构损坏：{0}")]
    Ole(&'static str),
    /// The BIFF records of an xls are broken.
    #[error("xls 记录结构损坏：{0}")]
    Biff(&'static str),
    /// An XML part is not well-formed.
    #[error("{part} 结构错误；技术细节：第 {at} 字节附近，{error}")]
    Xml {
        /// The part, or the file.
        part: String,
        /// The byte offset.
        at: u64,
        /// quick-xml's reason.
        error: String,
    },
    /// An attribute that must be a number is not.
    #[error("属性 {name}=\"{value}\" 不是整数")]
    Attribute {
        /// The attribute.
        name: &'static str,
        /// Its value.
        value: String,
    },
    /// calamine refused the workbook.
    #[error("工作簿内容损坏或不完整；技术细节：{0}")]
    Workbook(String),
    /// A reader of another crate panicked on the file's content.
    #[error("文件内容损坏，读取组件出错；技术细节：{0}")]
    Panicked(String),
    /// polars could not parse a delimited text.
    #[error("文本表格解析失败；技术细节：{0}")]
    Csv(String),
    /// polars and the record scan disagree on the number of records.
    #[error("解析出 {parsed} 行，逐行核对为 {scanned} 行")]
    RecordCount {
        /// Records polars returned.
        parsed: usize,
        /// Records the scan counted.
        scanned: usize,
    },
    /// Merged ranges that cover the sheet many times over (Excel refuses overlaps).
    #[error("合并单元格相互重叠，文件可能已损坏")]
    OverlappingMerges,
    /// An HTML page without a table: a failed export or a login page.
    #[error("网页中没有表格，可能是导出失败或登录超时的页面")]
    NoTable,
    /// Not a workbook after all.
    #[error("不是工作簿")]
    NotAWorkbook,
}

/// A size beyond one of the office's `[limits]`, with the limit; the office may raise it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Oversize {
    /// A text file (CSV, HTML, XML) larger than `text_mib`.
    Text {
        /// Its size in bytes.
        bytes: u64,
        /// `text_mib`.
        limit_mib: u64,
    },
    /// A file larger than any format may be (`unzipped_mib`), refused before reading.
    File {
        /// Its size in bytes.
        bytes: u64,
        /// `unzipped_mib`.
        limit_mib: u64,
    },
    /// One part of a zip larger than `part_mib` once unpacked.
    Part {
        /// The part.
        name: String,
        /// Its declared or real size.
        bytes: u64,
        /// `part_mib`.
        limit_mib: u64,
    },
    /// All parts of a zip together larger than `unzipped_mib` once unpacked.
    Unzipped {
        /// Their size.
        bytes: u64,
        /// `unzipped_mib`.
        limit_mib: u64,
    },
    /// More cells (including the empty ones a sheet must hold between them) than `cells`.
    Cells {
        /// At least this many.
        cells: u64,
        /// `cells`.
        limit: u64,
    },
    /// More text in the cells than `text_mib`, counting each repetition.
    CellText {
        /// At least this many bytes.
        bytes: u64,
        /// `text_mib`.
        limit_mib: u64,
    },
}

impl Oversize {
    /// The limit broken and its key in `[limits]`.
    fn limit(&self) -> String {
        match self {
            Self::Text { limit_mib, .. } | Self::CellText { limit_mib, .. } => {
                format!("{limit_mib} MiB（text_mib）")
            }
            Self::File { limit_mib, .. } | Self::Unzipped { limit_mib, .. } => {
                format!("{limit_mib} MiB（unzipped_mib）")
            }
            Self::Part { limit_mib, .. } => format!("{limit_mib} MiB（part_mib）"),
            Self::Cells { limit, .. } => format!("{limit} 个（cells）"),
        }
    }
}

impl fmt::Display for Oversize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Text { bytes, .. } | Self::File { bytes, .. } => {
                write!(f, "文件 {}", mib(*bytes))
            }
            Self::Part { name, bytes, .. } => write!(f, "其中「{name}」解压后 {}", mib(*bytes)),
            Self::Unzipped { bytes, .. } => write!(f, "解压后共 {}", mib(*bytes)),
            Self::Cells { cells, .. } => write!(f, "单元格超过 {cells} 个"),
            Self::CellText { bytes, .. } => write!(f, "单元格中的文字超过 {}", mib(*bytes)),
        }
    }
}

/// More than a sheet can hold: Excel's own limits, which cannot be raised, or cells
/// spread so far apart that holding the sheet would cost far more than its content.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Beyond {
    /// A cell beyond row 1,048,576 or column XFD (16,384).
    #[error(
        "第 {} 行第 {} 列的单元格超出 Excel 的 {MAX_ROWS} 行、{MAX_COLS} 列，文件可能已损坏",
        .row + 1,
        .col + 1
    )]
    Position {
        /// The 0-based row.
        row: u64,
        /// The 0-based column.
        col: u64,
    },
    /// A line of a text table with more fields than Excel's 16,384 columns.
    #[error(
        "第 {line} 行有 {fields} 列，超出 Excel 每行 {MAX_COLS} 列的上限；请检查分隔符是否正确，或把表格拆开后报送"
    )]
    Columns {
        /// The 1-based line.
        line: usize,
        /// Its fields (at least).
        fields: usize,
    },
    /// A text table or sheet with more rows than Excel's 1,048,576.
    #[error("有 {rows} 行，超出 Excel 每表 {MAX_ROWS} 行的上限；请拆分为几个文件后报送")]
    Rows {
        /// Its rows (at least).
        rows: u64,
    },
    /// A few cells spread over a huge range, as a stray value in column XFD on every row.
    #[error(
        "只有 {present} 个单元格有内容，却分布在约 {area} 个单元格的范围内；请删除远处多余的单元格（如最右列、最下行）后另存再报送"
    )]
    Sparse {
        /// Cells with content.
        present: u64,
        /// Cells the range spans.
        area: u64,
    },
    /// An HTML page whose elements nest deeper than any table needs.
    #[error(
        "网页中的标签嵌套了 {depth} 层，超出上限 {limit} 层，文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再报送"
    )]
    Nesting {
        /// The deepest nesting found.
        depth: u64,
        /// The most read.
        limit: u64,
    },
    /// An HTML page with more elements than a table of the cells limit could need.
    #[error("网页中有 {elements} 个以上的标签，超出上限 {limit} 个；请分成几个文件后报送")]
    Markup {
        /// Elements counted (at least).
        elements: u64,
        /// The most read.
        limit: u64,
    },
}

/// A size in MiB with one decimal, as the limits are written.
pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / MIB as f64)
}

fn hex(bytes: &[u8]) -> String {
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
    head.join(" ")
}
