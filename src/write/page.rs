//! How a sheet prints. Annexes follow GB/T 9704-2012 as applied to a spreadsheet: A4,
//! margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (turned with the page when
//! it prints landscape), page numbers `— N —` in 14 pt (四号) right on odd pages and left
//! on even ones, each a character in from the edge, and each sheet numbered from 1.
//! Data sheets print lighter: A4 landscape, narrow margins, one page wide.

use rust_xlsxwriter::Worksheet;

/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
/// A4 portrait, width and height in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);
const MM_PER_INCH: f64 = 25.4;
const PT_PER_MM: f64 = 72.0 / 25.4;

/// Which way up the page is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    /// For tables too wide for a portrait page.
    Landscape,
}

/// Where the page number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Footer {
    /// `— N —` centred at the foot: data sheets.
    Centred,
    /// `— N —` in 14 pt, right on odd pages and left on even ones, as GB/T 9704 7.5 sets
    /// them for printing on both sides.
    OddEven,
}

impl Footer {
    /// The footer of every page, or of odd pages where even ones differ, in Excel's
    /// header/footer codes.
    pub(crate) fn odd(self) -> &'static str {
        match self {
            Footer::Centred => "&C— &P —",
            // U+3000: "空一字", a character in from the edge of the type area.
            Footer::OddEven => "&R&14— &P —\u{3000}",
        }
    }

    /// The footer of even pages, where it differs.
    pub(crate) fn even(self) -> Option<&'static str> {
        match self {
            Footer::Centred => None,
            Footer::OddEven => Some("&L&14\u{3000}— &P —"),
        }
    }
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
    /// GB/T 9704-2012: top 37, bottom 35, left 28, right 26; the page number sits 7 mm
    /// below the type area, about 22 mm above the paper's edge.
    pub(crate) const ANNEX: Margins = Margins {
        top: 37.0,
        bottom: 35.0,
        left: 28.0,
        right: 26.0,
        header: 15.0,
        footer: 22.0,
    };

    /// The annex margins turned with a landscape page, whose top faces the binding: the
    /// type area is the portrait one on its side.
    pub(crate) const ANNEX_LANDSCAPE: Margins = Margins {
        top: 28.0,
        bottom: 26.0,
        left: 35.0,
        right: 37.0,
        header: 10.0,
        footer: 14.0,
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
    pub footer: Footer,
}

/// The width of columns, in Excel's units, that a portrait A4 data page holds at full
/// size within its margins.
pub(crate) const PORTRAIT_UNITS: f64 = 82.0;

impl PageSetup {
    /// An annex page: GB/T 9704 margins on A4 in the given orientation.
    pub(crate) fn annex(orientation: Orientation) -> Self {
        Self {
            orientation,
            margins: match orientation {
                Orientation::Portrait => Margins::ANNEX,
                Orientation::Landscape => Margins::ANNEX_LANDSCAPE,
            },
            footer: Footer::OddEven,
        }
    }

    /// A data sheet page: A4 landscape with narrow margins.
    pub(crate) fn data() -> Self {
        Self::data_in(Orientation::Landscape)
    }

    /// A data sheet page, portrait when columns `width` wide (in Excel's units) fit
    /// the page at full size, landscape otherwise.
    pub(crate) fn data_for(width: f64) -> Self {
        if width <= PORTRAIT_UNITS {
            Self::data_in(Orientation::Portrait)
        } else {
            Self::data()
        }
    }

    /// A data sheet page in `orientation`.
    pub(crate) fn data_in(orientation: Orientation) -> Self {
        Self {
            orientation,
            margins: Margins::DATA,
            footer: Footer::Centred,
        }
    }

    /// The same page turned to `orientation`.
    pub(crate) fn turned(self, orientation: Orientation) -> Self {
        match self.footer {
            Footer::OddEven => Self::annex(orientation),
            Footer::Centred => Self::data_in(orientation),
        }
    }

    /// The width and height of the type area (the paper inside the margins), in points.
    pub(crate) fn type_area(&self) -> (f64, f64) {
        let (w, h) = match self.orientation {
            Orientation::Portrait => A4_MM,
            Orientation::Landscape => (A4_MM.1, A4_MM.0),
        };
        let m = self.margins;
        (
            (w - m.left - m.right) * PT_PER_MM,
            (h - m.top - m.bottom) * PT_PER_MM,
        )
    }

    /// Applies the settings: A4, orientation, margins, fit to one page wide and
    /// any number tall (until the sheet's scale is set), centred horizontally, page
    /// numbers in the footer, each sheet of an annex numbered from 1.
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
            .set_footer(self.footer.odd());
        if self.footer == Footer::OddEven {
            sheet.set_print_first_page_number(1);
        }
        match self.orientation {
            Orientation::Portrait => sheet.set_portrait(),
            Orientation::Landscape => sheet.set_landscape(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_landscape_annex_has_the_portrait_type_area_on_its_side() {
        let (w, h) = PageSetup::annex(Orientation::Portrait).type_area();
        let (lw, lh) = PageSetup::annex(Orientation::Landscape).type_area();
        assert!(
            (w - lh).abs() < 1e-9 && (h - lw).abs() < 1e-9,
            "{w} {h} {lw} {lh}"
        );
        assert!((w - 156.0 * PT_PER_MM).abs() < 1e-9);
    }
}
