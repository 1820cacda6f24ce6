//! The real format of a file, named for people (`zh`) and for the manifest (`id`).

use serde::Serialize;

/// The separator of a delimited text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Delimiter {
    Comma,
    Tab,
    Semicolon,
}

impl Delimiter {
    /// The separator byte.
    pub(crate) fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Tab => b'\t',
            Self::Semicolon => b';',
        }
    }
}

/// The real format of a file, as sniffed from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Ods,
    /// A flat OpenDocument spreadsheet (`.fods`): the same tables in one XML file.
    FlatOds,
    /// BIFF `.xls` (Excel 97–2003, also WPS `.et`).
    Xls,
    /// An OLE container holding a password-encrypted OOXML workbook.
    EncryptedOoxml,
    /// An HTML page with tables, as many web systems export `.xls`.
    Html,
    /// SpreadsheetML 2003 XML, the other thing web systems call `.xls`.
    SpreadsheetXml,
    /// Delimited text in UTF-16.
    Utf16Text(Delimiter),
    /// Delimited text in an 8-bit encoding (UTF-8, GB18030 …).
    Delimited(Delimiter),
    /// A file of zero bytes.
    Empty,
    Unknown,
}

impl Format {
    /// The format as people in the office name it.
    pub(crate) fn zh(&self) -> &'static str {
        match self {
            Self::Xlsx => "Excel 工作簿 (.xlsx)",
            Self::Xlsm => "启用宏的 Excel 工作簿 (.xlsm)",
            Self::Xlsb => "Excel 二进制工作簿 (.xlsb)",
            Self::Ods => "OpenDocument 电子表格 (.ods)",
            Self::FlatOds => "OpenDocument 平面 XML 电子表格 (.fods)",
            Self::Xls => "Excel 97-2003 工作簿 (.xls)",
            Self::EncryptedOoxml => "加密的 Excel 工作簿",
            Self::Html => "网页表格",
            Self::SpreadsheetXml => "Excel 2003 XML 表格",
            Self::Utf16Text(_) => "UTF-16 文本表格",
            Self::Delimited(Delimiter::Comma) => "逗号分隔文本",
            Self::Delimited(Delimiter::Tab) => "制表符分隔文本",
            Self::Delimited(Delimiter::Semicolon) => "分号分隔文本",
            Self::Empty => "空文件",
            Self::Unknown => "未知格式",
        }
    }

    /// A stable machine name for the manifest, such as `xlsx`, `html` or `utf16-tsv`.
    pub(crate) fn id(&self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Xlsm => "xlsm",
            Self::Xlsb => "xlsb",
            Self::Ods => "ods",
            Self::FlatOds => "fods",
            Self::Xls => "xls",
            Self::EncryptedOoxml => "encrypted-ooxml",
            Self::Html => "html",
            Self::SpreadsheetXml => "spreadsheetml",
            Self::Utf16Text(Delimiter::Comma) => "utf16-csv",
            Self::Utf16Text(Delimiter::Tab) => "utf16-tsv",
            Self::Utf16Text(Delimiter::Semicolon) => "utf16-ssv",
            Self::Delimited(Delimiter::Comma) => "csv",
            Self::Delimited(Delimiter::Tab) => "tsv",
            Self::Delimited(Delimiter::Semicolon) => "ssv",
            Self::Empty => "empty",
            Self::Unknown => "unknown",
        }
    }

    /// The format whose [`Format::id`] is `id` (the read cache stores it so).
    pub(crate) fn from_id(id: &str) -> Option<Self> {
        let plain = [
            Self::Xlsx,
            Self::Xlsm,
            Self::Xlsb,
            Self::Ods,
            Self::FlatOds,
            Self::Xls,
            Self::EncryptedOoxml,
            Self::Html,
            Self::SpreadsheetXml,
            Self::Empty,
            Self::Unknown,
        ];
        let delimiters = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon];
        let text = delimiters.into_iter().map(Self::Utf16Text);
        let text = text.chain(delimiters.into_iter().map(Self::Delimited));
        plain.into_iter().chain(text).find(|f| f.id() == id)
    }

    /// Whether a file of this format may honestly carry the extension `ext` (lower case, no dot).
    pub(crate) fn fits_extension(&self, ext: &str) -> bool {
        let fits: &[&str] = match self {
            Self::Xlsx => &["xlsx", "xltx"],
            Self::Xlsm => &["xlsm", "xltm"],
            Self::Xlsb => &["xlsb"],
            Self::Ods => &["ods"],
            Self::FlatOds => &["fods", "xml"],
            Self::Xls => &["xls", "xlt", "et", "ett"],
            Self::Html => &["html", "htm", "xhtml"],
            Self::SpreadsheetXml => &["xml"],
            Self::Utf16Text(_) | Self::Delimited(_) => &["csv", "tsv", "txt", "tab"],
            Self::EncryptedOoxml | Self::Empty | Self::Unknown => return true,
        };
        fits.contains(&ext)
    }
}

impl Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
