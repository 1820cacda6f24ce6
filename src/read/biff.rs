//! A first pass over the BIFF records of an `.xls`, before calamine reads it.
//!
//! calamine reads every sheet at once when it opens a workbook: it reserves memory for
//! as many cells as each DIMENSIONS record declares, lays every sheet out densely from
//! its first cell to its last, copies a shared string into every cell that uses it, and
//! reads each sheet from wherever its BOUNDSHEET record says. Nothing of that can be
//! bounded once it has begun (a failed allocation aborts the process), so this pass
//! counts what calamine will build and refuses the file first when it is too much.
//! Declarations are not trusted: a DIMENSIONS record larger than the sheet is zeroed in
//! a copy of the file (it only sizes a reservation). An encrypted or XOR-obfuscated
//! workbook (FILEPASS) is known here, where calamine reads the obfuscated bytes as data.

use super::failure::{Beyond, Damage, Failure, Oversize};
use crate::config::Limits;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const DIMENSIONS: u16 = 0x0200;
const NUMBER: u16 = 0x0203;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const STRING: u16 = 0x0207;
const RK: u16 = 0x027E;
const LABELSST: u16 = 0x00FD;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// CONTINUE records one record may have: calamine takes each from the front of a list,
/// so their number squared is its work. 20,000 holds a 160 MB string table.
const MAX_CONTINUES: usize = 20_000;
/// A declared DIMENSIONS area up to this is left alone whatever the sheet holds.
const TRUSTED_DIMENSIONS: u64 = 1 << 20;
/// Slots a dense sheet may take whatever it holds, and beyond that per cell present.
const SPARSE_FLOOR: u64 = 2 << 20;
const SPARSE_FACTOR: u64 = 16;

/// What calamine will do with a workbook stream that passed: the DIMENSIONS records
/// to zero, as (stream offset, length) of their data.
pub(crate) type Zeroes = Vec<(usize, usize)>;

/// Checks the workbook stream `stream` against `limits`.
///
/// # Errors
/// [`Failure::Encrypted`] for FILEPASS; [`Damage::Biff`] for sheets that share or overlap
/// their records and runs of CONTINUE records; [`Beyond::Sparse`], [`Oversize::Cells`]
/// and [`Oversize::CellText`] for what calamine would build. A stream calamine will
/// refuse anyway (cut short) passes: calamine says why.
pub(crate) fn check(stream: &[u8], limits: &Limits) -> Result<Zeroes, Failure> {
    let globals = Globals::scan(stream)?;
    let mut positions: Vec<usize> = globals.sheets.clone();
    positions.sort_unstable();
    if positions.windows(2).any(|w| w[0] == w[1]) {
        return Err(Damage::Biff("多个工作表指向同一位置").into());
    }
    let mut total = Tally::default();
    let mut zeroes = Zeroes::new();
    let mut end = 0;
    for pos in positions {
        if pos < end {
            return Err(Damage::Biff("工作表的记录相互重叠").into());
        }
        let Some(sheet) = stream.get(pos..) else {
            continue;
        };
        let scanned = SheetScan::run(sheet, &globals.strings)?;
        end = pos + scanned.len;
        let area = scanned.cells.area() + scanned.formulas.area();
        for &(at, len, declared) in &scanned.dimensions {
            if declared > TRUSTED_DIMENSIONS && declared > area {
                zeroes.push((pos + at, len));
            }
        }
        total.add(&scanned, area);
    }
    total.within(limits)?;
    Ok(zeroes)
}

/// What the workbook globals say: where the sheets are, how long each shared string is.
#[derive(Debug, Default)]
struct Globals {
    sheets: Vec<usize>,
    /// The UTF-8 bytes each shared string may take, at most.
    strings: Vec<u64>,
}

impl Globals {
    fn scan(stream: &[u8]) -> Result<Self, Failure> {
        let mut globals = Self::default();
        for record in Records::new(stream) {
            let record = record?;
            match record.typ {
                FILEPASS => return Err(Failure::Encrypted),
                BOUNDSHEET if record.data.len() >= 4 => {
                    globals.sheets.push(u32_at(record.data, 0) as usize);
                }
                SST => globals.strings = sst_lengths(record),
                EOF => break,
                _ => {}
            }
        }
        Ok(globals)
    }
}

/// The extent of cells calamine will lay out densely.
#[derive(Debug, Clone, Copy)]
struct Extent {
    rows: (u32, u32),
    cols: (u32, u32),
    count: u64,
}

impl Default for Extent {
    fn default() -> Self {
        Self {
            rows: (u32::MAX, 0),
            cols: (u32::MAX, 0),
            count: 0,
        }
    }
}

impl Extent {
    fn add(&mut self, row: u16, col: u16) {
        self.add_run(row, col, col);
    }

    /// Adds the cells of `row` from column `first` to `last`.
    fn add_run(&mut self, row: u16, first: u16, last: u16) {
        let row = u32::from(row);
        self.rows = (self.rows.0.min(row), self.rows.1.max(row));
        self.cols = (self.cols.0.min(first.into()), self.cols.1.max(last.into()));
        self.count += u64::from(last - first) + 1;
    }

    /// The cells of the dense range from the first to the last (calamine's `from_sparse`).
    fn area(&self) -> u64 {
        if self.count == 0 {
            return 0;
        }
        let rows = u64::from(self.rows.1 - self.rows.0) + 1;
        let cols = u64::from(self.cols.1 - self.cols.0) + 1;
        rows * cols
    }
}

/// One sheet's records, from its BOF to its EOF.
#[derive(Debug, Default)]
struct SheetScan {
    cells: Extent,
    formulas: Extent,
    /// Bytes of text calamine will hold for the sheet, at most.
    text: u64,
    /// Each DIMENSIONS record: the offset and length of its data, and the area it declares.
    dimensions: Vec<(usize, usize, u64)>,
    /// Bytes scanned.
    len: usize,
}

impl SheetScan {
    fn run(sheet: &[u8], strings: &[u64]) -> Result<Self, Failure> {
        let mut scan = Self::default();
        let (mut seen_bof, mut depth) = (false, 0usize);
        let mut formula_at = (0u16, 0u16);
        let mut records = Records::new(sheet);
        while let Some(record) = records.next() {
            let r = record?;
            scan.len = records.offset;
            if depth > 0 {
                match r.typ {
                    BOF => depth += 1,
                    EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let d = r.data;
            let at = |i: usize| u16_at(d, i);
            match r.typ {
                BOF if seen_bof => depth += 1,
                BOF => seen_bof = true,
                EOF => break,
                DIMENSIONS => {
                    let declared = declared_area(d);
                    scan.dimensions.push((r.offset, d.len(), declared));
                }
                NUMBER | BOOLERR | RK if d.len() >= 4 => scan.cells.add(at(0), at(2)),
                LABEL | RSTRING if d.len() >= 4 => {
                    scan.cells.add(at(0), at(2));
                    scan.text += 2 * d.len() as u64;
                }
                LABELSST if d.len() >= 10 => {
                    if let Some(&len) = strings.get(u32_at(d, 6) as usize) {
                        scan.cells.add(at(0), at(2));
                        scan.text += len;
                    }
                }
                MULRK if d.len() >= 6 => {
                    // calamine takes the run only when the record holds every cell of it.
                    let (first, last) = (at(2), at(d.len() - 2));
                    let whole = last >= first && d.len() == 6 + 6 * (usize::from(last - first) + 1);
                    if whole {
                        scan.cells.add_run(at(0), first, last);
                    }
                }
                FORMULA if d.len() >= 20 => {
                    formula_at = (at(0), at(2));
                    scan.cells.add(at(0), at(2));
                    scan.formulas.add(at(0), at(2));
                    // The formula as text, or calamine's message that it cannot say it.
                    scan.text += 96 + 8 * (d.len() as u64 - 20);
                }
                STRING => {
                    scan.cells.add(formula_at.0, formula_at.1);
                    scan.text += 2 * d.len() as u64;
                }
                _ => {}
            }
        }
        Ok(scan)
    }
}

/// The cells a DIMENSIONS record makes calamine reserve, as calamine computes them.
fn declared_area(d: &[u8]) -> u64 {
    let (first_row, last_row, first_col, last_col) = match d.len() {
        10 => (
            u64::from(u16_at(d, 0)),
            u64::from(u16_at(d, 2)),
            u64::from(u16_at(d, 4)),
            u64::from(u16_at(d, 6)),
        ),
        14 | 16 => (
            u64::from(u32_at(d, 0)),
            u64::from(u32_at(d, 4)),
            u64::from(u16_at(d, 8)),
            u64::from(u16_at(d, 10)),
        ),
        _ => return 0,
    };
    let first_col = if first_col > 0xFF || last_col < first_col {
        0
    } else {
        first_col
    };
    if last_row == 0 || last_col == 0 {
        return 1;
    }
    // calamine subtracts in u32: a first row past the last wraps around to billions.
    let rows = (last_row - 1).wrapping_sub(first_row) & 0xFFFF_FFFF;
    let cols = (last_col - 1).wrapping_sub(first_col) & 0xFFFF_FFFF;
    (rows + 1).saturating_mul(cols + 1)
}

/// What the whole workbook will take.
#[derive(Debug, Default)]
struct Tally {
    slots: u64,
    present: u64,
    text: u64,
}

impl Tally {
    fn add(&mut self, sheet: &SheetScan, area: u64) {
        self.slots = self.slots.saturating_add(area);
        self.present += sheet.cells.count + sheet.formulas.count;
        self.text = self.text.saturating_add(sheet.text);
    }

    fn within(&self, limits: &Limits) -> Result<(), Failure> {
        if self.slots > SPARSE_FLOOR + SPARSE_FACTOR * self.present {
            let (present, area) = (self.present, self.slots);
            return Err(Beyond::Sparse { present, area }.into());
        }
        if self.slots > limits.cells {
            let (cells, limit) = (self.slots, limits.cells);
            return Err(Oversize::Cells { cells, limit }.into());
        }
        if self.text > limits.text_mib.saturating_mul(1 << 20) {
            let (bytes, limit_mib) = (self.text, limits.text_mib);
            return Err(Oversize::CellText { bytes, limit_mib }.into());
        }
        Ok(())
    }
}

/// One record with the CONTINUE records after it, as calamine joins them.
#[derive(Debug)]
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
    /// Where its data starts in the stream scanned.
    offset: usize,
}

/// The records of a stream; ends at the first one cut short, as calamine's reading fails there.
struct Records<'a> {
    stream: &'a [u8],
    offset: usize,
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8]) -> Self {
        Self { stream, offset: 0 }
    }

    /// The record at the current offset, if whole: (type, data).
    fn take(&mut self) -> Option<(u16, &'a [u8], usize)> {
        let rest = &self.stream[self.offset..];
        if rest.len() < 4 {
            return None;
        }
        let len = usize::from(u16_at(rest, 2));
        let data = rest.get(4..4 + len)?;
        let at = self.offset + 4;
        self.offset += 4 + len;
        Some((u16_at(rest, 0), data, at))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        let (typ, data, offset) = self.take()?;
        let mut cont = Vec::new();
        while self.stream[self.offset..].len() > 4
            && u16_at(&self.stream[self.offset..], 0) == CONTINUE
        {
            let Some((_, more, _)) = self.take() else {
                break;
            };
            cont.push(more);
            if cont.len() > MAX_CONTINUES {
                return Some(Err(Damage::Biff("CONTINUE 记录过多").into()));
            }
        }
        Some(Ok(Record {
            typ,
            data,
            cont,
            offset,
        }))
    }
}

/// The most UTF-8 bytes each string of a shared string table can take, read the way
/// calamine reads the table (characters may continue in the next CONTINUE record,
/// behind a new flags byte).
fn sst_lengths(record: Record) -> Vec<u64> {
    let mut parts = std::iter::once(record.data).chain(record.cont);
    let mut data = parts.next().unwrap_or_default();
    data = data.get(8..).unwrap_or_default();
    let mut lengths = Vec::new();
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(next) => data = next,
                None => return lengths,
            }
            continue;
        }
        let Some(&[lo, hi, flags]) = data.get(..3) else {
            return lengths;
        };
        data = &data[3..];
        let chars = usize::from(u16::from_le_bytes([lo, hi]));
        let mut skip = 0usize;
        if flags & 0x08 != 0 {
            skip += 4 * usize::from(data.get(..2).map_or(0, |b| u16_at(b, 0)));
            data = data.get(2..).unwrap_or_default();
        }
        if flags & 0x04 != 0 {
            skip += data.get(..4).map_or(0, |b| u32_at(b, 0) as usize);
            data = data.get(4..).unwrap_or_default();
        }
        let (mut left, mut wide) = (chars, flags & 0x01 != 0);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let here = left.min(data.len() / width);
            data = &data[here * width..];
            left -= here;
            if left > 0 {
                let Some(next) = parts.next() else {
                    return lengths;
                };
                wide = next.first().is_some_and(|f| f & 0x01 != 0);
                data = next.get(1..).unwrap_or_default();
            }
        }
        while skip > 0 {
            if data.is_empty() {
                let Some(next) = parts.next() else {
                    return lengths;
                };
                data = next;
                continue;
            }
            let here = skip.min(data.len());
            data = &data[here..];
            skip -= here;
        }
        lengths.push(3 * chars as u64);
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}
