//! How a sheet prints. Annexes follow GB/T 9704-2012 as applied to a spreadsheet:
//! A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, page numbers
//! `— N —` centred at the foot in 14 pt (四号), one page wide. Data sheets print
//! lighter: A4 landscape, narrow margins, one page wide.

use rust_xlsxwriter::Worksheet;

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
/// A4 portrait, width and height in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);
const MM_PER_INCH: f64 = 25.4;
/// The footer of data sheets: the page number between two dashes, centred.
pub(crate) const PAGE_NUMBER_FOOTER: &str = "&C— &P —";
/// The footer of annexes: as [`PAGE_NUMBER_FOOTER`], in 14 pt (四号), as GB/T 9704 7.5
/// sets page numbers; the face is the workbook default, 宋体.
pub(crate) const ANNEX_PAGE_NUMBER_FOOTER: &str = "&C&14— &P —";

/// Which way up the page is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    /// For tables too wide for a portrait page.
    Landscape,
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Margins {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
    /// From the paper's top edge to the header text.
    pub header: f64,
    /// From the paper's bottom edge to the footer text.
    pub footer: f64,
}

impl Margins {
    /// GB/T 9704-2012: top 37, bottom 35, left 28, right 26; the page number sits
    /// below the type area, about 22 mm above the paper's edge.
    pub(crate) const ANNEX: Margins = Margins {
        top: 37.0,
        bottom: 35.0,
        left: 28.0,
        right: 26.0,
        header: 15.0,
        footer: 22.0,
    };

    /// Narrow margins for printing data sheets.
    pub(crate) const DATA: Margins = Margins {
        top: 15.0,
        bottom: 18.0,
        left: 10.0,
        right: 10.0,
        header: 8.0,
        footer: 8.0,
    };
}

/// The print settings of one sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageSetup {
    pub orientation: Orientation,
    pub margins: Margins,
    /// The footer in Excel's header/footer codes.
    pub footer: &'static str,
}

impl PageSetup {
    /// An annex page: GB/T 9704 margins on A4 in the given orientation.
    pub(crate) fn annex(orientation: Orientation) -> Self {
        Self {
            orientation,
            margins: Margins::ANNEX,
            footer: ANNEX_PAGE_NUMBER_FOOTER,
        }
    }

    /// A data sheet page: A4 landscape with narrow margins.
    pub(crate) fn data() -> Self {
        Self {
            orientation: Orientation::Landscape,
            margins: Margins::DATA,
            footer: PAGE_NUMBER_FOOTER,
        }
    }

    /// The width and height of the type area (the paper inside the margins), in mm.
    pub(crate) fn type_area_mm(&self) -> (f64, f64) {
        let (w, h) = match self.orientation {
            Orientation::Portrait => A4_MM,
            Orientation::Landscape => (A4_MM.1, A4_MM.0),
        };
        let m = self.margins;
        (w - m.left - m.right, h - m.top - m.bottom)
    }

    /// Applies the settings: A4, orientation, margins, fit to one page wide and
    /// any number tall, centred horizontally, page numbers `— N —` in the footer.
    pub(crate) fn apply(&self, sheet: &mut Worksheet) {
        let m = self.margins;
        let inches = |mm: f64| mm / MM_PER_INCH;
        sheet
            .set_paper_size(PAPER_A4)
            .set_margins(
                inches(m.left),
                inches(m.right),
                inches(m.top),
                inches(m.bottom),
                inches(m.header),
                inches(m.footer),
            )
            .set_print_fit_to_pages(1, 0)
            .set_print_center_horizontally(true)
            .set_footer(self.footer);
        match self.orientation {
            Orientation::Portrait => sheet.set_portrait(),
            Orientation::Landscape => sheet.set_landscape(),
        };
    }
}
