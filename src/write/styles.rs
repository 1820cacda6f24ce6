//! The named cell formats every workbook is written with. Each one names its font
//! (宋体, 黑体, 仿宋, optionally 方正小标宋简体) with the GB2312 charset, because a cell
//! left on the theme font shows digits badly in Chinese Excel, and because LibreOffice
//! only applies a face to Chinese text when it is marked as a CJK font.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// 宋体: body text of data workbooks and the default annex title.
pub(crate) const SONG: &str = "宋体";
/// 黑体: headers, and the `附件N` label of annexes.
pub(crate) const HEI: &str = "黑体";
/// 仿宋: body text of annexes. Never 仿宋_GB2312, which modern Windows lacks.
pub(crate) const FANGSONG: &str = "仿宋";
/// 方正小标宋简体: the annex title when the office opts in and has the font installed.
pub(crate) const XIAOBIAOSONG: &str = "方正小标宋简体";

/// The Windows charset byte of GB2312; Chinese Excel writes it on all its CJK faces.
const GB2312_CHARSET: u8 = 134;
/// The font family Chinese Excel writes for 宋体, 黑体 and 仿宋.
const FAMILY_MODERN: u8 = 3;

/// Size in points of everything on a data sheet; widths are measured against it.
pub(crate) const DATA_SIZE: f64 = 11.0;
/// Size in points of an annex's `附件N` label (三号).
const LABEL_SIZE: f64 = 16.0;
/// Default row height and column width in pixels for 宋体 11, as Chinese Excel has them.
pub(crate) const DEFAULT_ROW_PX: u32 = 18;
pub(crate) const DEFAULT_COL_PX: u32 = 72;

/// The face of an annex title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TitleFont {
    /// 宋体 bold: present on every Chinese Windows.
    #[default]
    SongBold,
    /// 方正小标宋简体, as GB/T 9704 prescribes; only where the office has the font.
    XiaoBiaoSong,
}

impl TitleFont {
    /// The face named `name` (`宋体`, `方正小标宋简体`, or `小标宋`), if it is one of these.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.trim() {
            SONG | "宋体加粗" => Some(Self::SongBold),
            XIAOBIAOSONG | "小标宋" | "方正小标宋" => Some(Self::XiaoBiaoSong),
            _ => None,
        }
    }
}

/// Sizes and faces of an annex (GB/T 9704-2012 as applied to a spreadsheet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AnnexStyle {
    pub title_font: TitleFont,
    /// Title size in points; kept within 16–22.
    pub title_size: f64,
    /// Header and body size in points.
    pub body_size: f64,
}

impl Default for AnnexStyle {
    fn default() -> Self {
        Self {
            title_font: TitleFont::SongBold,
            title_size: 20.0,
            body_size: 12.0,
        }
    }
}

/// Which family of formats a sheet is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Look {
    /// Consolidated data: 黑体 bold header on a light fill, 宋体 body, 11 pt.
    Data,
    /// An annex for an official document: 黑体 header, 仿宋 body, black borders.
    Annex(AnnexStyle),
}

/// Where in a table a cell sits, which fixes its face and weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Header,
    Body,
    /// A 合计 / 小计 row: body face, bold.
    Total,
}

/// What a value is, which fixes its number format and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Int,
    /// A 序号: a whole number, centred.
    Seq,
    /// A number of items, shown as `12360条`.
    Items,
    Score,
    Percent,
    Date,
}

impl Kind {
    pub(super) const ALL: [Kind; 7] = [
        Kind::Text,
        Kind::Int,
        Kind::Seq,
        Kind::Items,
        Kind::Score,
        Kind::Percent,
        Kind::Date,
    ];

    fn num_format(self) -> &'static str {
        match self {
            // "@" keeps a later edit in Excel text too, so a typed "=…" stays inert.
            Kind::Text => "@",
            Kind::Int | Kind::Seq => "0",
            Kind::Items => "0\"条\"",
            Kind::Score => "0.00",
            Kind::Percent => "0.0%",
            Kind::Date => "yyyy-mm-dd",
        }
    }
}

/// Every format a palette holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Cell(Role, Kind),
    /// Text in a cell that wraps: on a data sheet, in a column the caller asked to wrap;
    /// on an annex, as every text cell.
    Wrap(Role),
    /// The `附件N` label at the top left of an annex.
    Label,
    Title,
    /// Notes under a table (注：…, 填表说明): body face, wrapped, no border.
    Note,
    /// The signing office and date at the foot of a page: body face, right-aligned,
    /// no border.
    Closing,
    /// A body cell of a streamed listing (明细): the workbook's default face with no
    /// border, printed with gridlines instead. Text and whole numbers have no format at
    /// all, and their cells no style: a million-row 明细 is that much shorter.
    Plain(Kind),
}

const ROLES: [Role; 3] = [Role::Header, Role::Body, Role::Total];

/// A format with `face` at `size` points, marked as a Chinese font.
fn font(face: &str, size: f64) -> Format {
    Format::new()
        .set_font_name(face)
        .set_font_size(size)
        .set_font_family(FAMILY_MODERN)
        .set_font_charset(GB2312_CHARSET)
}

/// The workbook default (the Normal style): 宋体 11, as in Chinese Excel.
pub(crate) fn default_format() -> Format {
    font(SONG, DATA_SIZE)
}

/// The formats of one look, built once so that writing a cell is a lookup.
#[derive(Debug, Clone)]
pub(crate) struct Palette {
    look: Look,
    cells: Vec<Format>,
    label: Format,
    title: Format,
    note: Format,
    closing: Format,
    /// Data text cells that wrap, by role.
    wrapping: Vec<Format>,
    /// Number formats of plain cells by [`Kind`]; none for text and whole numbers.
    plain: Vec<Option<Format>>,
}

impl Palette {
    pub(crate) fn new(look: Look) -> Self {
        let mut cells = Vec::with_capacity(ROLES.len() * Kind::ALL.len());
        for role in ROLES {
            for kind in Kind::ALL {
                cells.push(cell_format(look, role, kind));
            }
        }
        let wrapping = ROLES
            .iter()
            .map(|&role| cell_format(look, role, Kind::Text).set_text_wrap())
            .collect();
        let (label, title, note) = match look {
            Look::Data => (
                font(HEI, DATA_SIZE),
                font(HEI, 14.0).set_bold(),
                font(SONG, DATA_SIZE),
            ),
            Look::Annex(style) => (
                font(HEI, LABEL_SIZE),
                title_font(style),
                font(FANGSONG, style.body_size),
            ),
        };
        // GB/T 9704 7.3.5: the date sits right, indented about four characters.
        let closing = note
            .clone()
            .set_align(FormatAlign::Right)
            .set_align(FormatAlign::VerticalCenter)
            .set_indent(2);
        Self {
            look,
            cells,
            label: label.set_align(FormatAlign::Left),
            title: title
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            note: note
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            closing,
            wrapping,
            plain: Kind::ALL
                .iter()
                .map(|&kind| match kind {
                    Kind::Text | Kind::Int => None,
                    // 序号 is centred in every workbook, its streamed sheets too.
                    Kind::Seq => Some(default_format().set_align(FormatAlign::Center)),
                    // Dates need a format, which must name the workbook's font: a
                    // format without one is Calibri.
                    Kind::Date => Some(
                        default_format()
                            .set_num_format(kind.num_format())
                            .set_align(FormatAlign::Center),
                    ),
                    _ => Some(default_format().set_num_format(kind.num_format())),
                })
                .collect(),
        }
    }

    pub(crate) fn look(&self) -> Look {
        self.look
    }

    /// The format of `style`; `None` for the workbook default.
    pub(crate) fn get(&self, style: Style) -> Option<&Format> {
        let index = |kind| Kind::ALL.iter().position(|&x| x == kind).unwrap_or(0);
        let role_index = |role| ROLES.iter().position(|&x| x == role).unwrap_or(0);
        match style {
            Style::Wrap(Role::Header) => self.get(Style::Cell(Role::Header, Kind::Text)),
            Style::Wrap(role) if matches!(self.look, Look::Annex(_)) => {
                self.get(Style::Cell(role, Kind::Text))
            }
            Style::Wrap(role) => Some(&self.wrapping[role_index(role)]),
            Style::Cell(role, kind) => {
                let r = ROLES.iter().position(|&x| x == role).unwrap_or(0);
                // In range: `cells` holds one format per (role, kind), built in `new`.
                Some(&self.cells[r * Kind::ALL.len() + index(kind)])
            }
            Style::Label => Some(&self.label),
            Style::Title => Some(&self.title),
            Style::Note => Some(&self.note),
            Style::Closing => Some(&self.closing),
            Style::Plain(kind) => self.plain[index(kind)].as_ref(),
        }
    }

    /// The indent, in column units, of values of `kind`: numbers right-aligned on a data
    /// sheet keep a character's room from the text of the next column.
    pub(crate) fn indent(&self, kind: Kind) -> f64 {
        match (self.look, kind) {
            (Look::Data, Kind::Int | Kind::Items | Kind::Score | Kind::Percent) => 2.0,
            _ => 0.0,
        }
    }

    /// The size of header and body text, against which column widths are scaled.
    pub(crate) fn body_size(&self) -> f64 {
        match self.look {
            Look::Data => DATA_SIZE,
            Look::Annex(style) => style.body_size,
        }
    }

    /// The size of the `附件N` label.
    pub(crate) fn label_size(&self) -> f64 {
        match self.look {
            Look::Data => DATA_SIZE,
            Look::Annex(_) => LABEL_SIZE,
        }
    }

    pub(crate) fn title_size(&self) -> f64 {
        match self.look {
            Look::Data => 14.0,
            Look::Annex(style) => clamp_title(style.title_size),
        }
    }
}

fn clamp_title(size: f64) -> f64 {
    if size.is_finite() {
        size.clamp(16.0, 22.0)
    } else {
        AnnexStyle::default().title_size
    }
}

fn title_font(style: AnnexStyle) -> Format {
    let size = clamp_title(style.title_size);
    match style.title_font {
        TitleFont::SongBold => font(SONG, size).set_bold(),
        TitleFont::XiaoBiaoSong => font(XIAOBIAOSONG, size),
    }
}

fn cell_format(look: Look, role: Role, kind: Kind) -> Format {
    let (face, size) = match (look, role) {
        (Look::Data, Role::Header) => (HEI, DATA_SIZE),
        (Look::Data, _) => (SONG, DATA_SIZE),
        (Look::Annex(style), Role::Header) => (HEI, style.body_size),
        (Look::Annex(style), _) => (FANGSONG, style.body_size),
    };
    let annex = matches!(look, Look::Annex(_));
    let number = matches!(kind, Kind::Int | Kind::Items | Kind::Score | Kind::Percent);
    // A right-aligned number keeps a space from the next column's text: LibreOffice
    // ignores a right indent, so the format pads it too.
    let pad = if number && !annex { "_ " } else { "" };
    let mut format = font(face, size)
        .set_num_format(format!("{}{pad}", kind.num_format()))
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::Black)
        .set_align(FormatAlign::VerticalCenter);
    format = format.set_align(match (role, kind) {
        (Role::Header, _) | (_, Kind::Date | Kind::Seq) => FormatAlign::Center,
        (Role::Total, Kind::Text) => FormatAlign::Center,
        (_, Kind::Text) => FormatAlign::Left,
        _ if annex => FormatAlign::Center,
        _ => FormatAlign::Right,
    });
    if number && !annex {
        format = format.set_indent(1);
    }
    match role {
        Role::Header if annex => format.set_text_wrap(),
        Role::Header => format
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(0xD9E1F2)),
        // The 合计 label of an annex wraps when it is longer than its columns are wide
        // (合计（有目标任务的39个单位）), as its row is made tall enough for.
        Role::Total if annex && kind == Kind::Text => format.set_bold().set_text_wrap(),
        Role::Total => format.set_bold(),
        // Annex text wraps because it is printed; data text stays on one line so
        // that a million-row 明细 keeps even rows.
        Role::Body if annex && kind == Kind::Text => format.set_text_wrap(),
        Role::Body => format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_format_of_both_looks_is_distinct() {
        for look in [Look::Data, Look::Annex(AnnexStyle::default())] {
            let p = Palette::new(look);
            let mut seen = Vec::new();
            for role in ROLES {
                // On an annex every number is centred: a 序号 is any whole number there.
                let annex = matches!(look, Look::Annex(_));
                for kind in Kind::ALL.into_iter().filter(|k| !annex || *k != Kind::Seq) {
                    let f = p.get(Style::Cell(role, kind)).cloned();
                    assert!(!seen.contains(&f), "{look:?} {role:?} {kind:?}");
                    seen.push(f);
                }
            }
        }
    }

    #[test]
    fn an_annex_title_size_stays_within_16_to_22_points() {
        let style = |title_size| {
            Palette::new(Look::Annex(AnnexStyle {
                title_size,
                ..AnnexStyle::default()
            }))
        };
        assert_eq!(style(30.0).title_size(), 22.0);
        assert_eq!(style(9.0).title_size(), 16.0);
        assert_eq!(style(f64::NAN).title_size(), 20.0);
        assert_eq!(style(18.0).title_size(), 18.0);
    }
}
