//! The OLE compound file (`.xls`, encrypted OOXML), read as leniently as calamine reads
//! it, so that every file calamine opens opens here too — but never following a sector
//! chain round in a loop, which would make calamine read forever.
//!
//! Streams come back with where each of their bytes lies in the file, so that a record
//! can be corrected in a copy of the file before calamine reads it (see `biff`).

use super::failure::Damage;

const SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here on are markers (DIFAT, FAT, end of chain, free), not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: u64 = 4096;

/// The directory of a compound file and what is needed to read its streams.
#[derive(Debug)]
pub(crate) struct Ole<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    /// Where each byte of the mini stream lies in the file.
    mini_stream: Vec<Span>,
    entries: Vec<Entry>,
}

/// One directory entry: a stream or storage name and where its data starts.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    start: u32,
    len: u64,
}

/// `len` bytes of a stream that lie at `at` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub at: usize,
    pub len: usize,
}

/// A stream: its bytes, and where they lie in the file, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stream {
    pub bytes: Vec<u8>,
    pub spans: Vec<Span>,
}

impl Stream {
    /// The file offset of the stream's byte `offset`.
    pub(crate) fn file_offset(&self, offset: usize) -> Option<usize> {
        file_offset(&self.spans, offset)
    }
}

/// The file offset of byte `offset` of the stream lying in `spans`.
fn file_offset(spans: &[Span], mut offset: usize) -> Option<usize> {
    for span in spans {
        if offset < span.len {
            return Some(span.at + offset);
        }
        offset -= span.len;
    }
    None
}

impl<'a> Ole<'a> {
    /// Reads the header, the FAT, the directory and the mini stream of `bytes`.
    ///
    /// # Errors
    /// [`Damage::Ole`] when the header is not an OLE header, or a chain loops or leaves the file.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, Damage> {
        if bytes.len() < 512 || !bytes.starts_with(SIGNATURE) {
            return Err(Damage::Ole("文件头不完整"));
        }
        let sector = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err(Damage::Ole("扇区大小无效")),
        };
        let mut ole = Ole {
            bytes,
            sector,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        ole.fat = ole.read_fat()?;
        let dir = ole.chain_spans(u32_at(bytes, 48), &ole.fat, sector, u64::MAX)?;
        let dir = ole.gather(&dir);
        ole.entries = dir.chunks_exact(128).map(entry).collect();
        let root = ole
            .entries
            .first()
            .cloned()
            .ok_or(Damage::Ole("目录为空"))?;
        if u32_at(bytes, 64) > 0 {
            ole.mini_stream = ole.chain_spans(root.start, &ole.fat, sector, root.len)?;
            let mini_fat_len = u64::from(u32_at(bytes, 64)).saturating_mul(sector as u64);
            let spans = ole.chain_spans(u32_at(bytes, 60), &ole.fat, sector, mini_fat_len)?;
            ole.mini_fat = words(&ole.gather(&spans));
        }
        Ok(ole)
    }

    /// The FAT, from the header's DIFAT entries and the DIFAT chain.
    fn read_fat(&self) -> Result<Vec<u32>, Damage> {
        let mut difat = words(&self.bytes[76..512]);
        let mut next = u32_at(self.bytes, 68);
        let mut seen = 0usize;
        while next < RESERVED {
            seen += 1;
            if seen > self.sectors() + 1 {
                return Err(Damage::Ole("DIFAT 链循环"));
            }
            let sector = self
                .sector_bytes(next)
                .ok_or(Damage::Ole("DIFAT 超出文件"))?;
            difat.extend(words(sector));
            next = difat.pop().unwrap_or(ENDOFCHAIN);
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|&id| id < RESERVED) {
            let sector = self.sector_bytes(id).ok_or(Damage::Ole("FAT 超出文件"))?;
            fat.extend(words(sector));
        }
        Ok(fat)
    }

    /// Sectors the file has room for.
    fn sectors(&self) -> usize {
        self.bytes.len() / self.sector
    }

    /// Sector `id` (after the header), cut short at the end of the file; `None` past it.
    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        let end = start.saturating_add(self.sector).min(self.bytes.len());
        (start < end).then(|| &self.bytes[start..end])
    }

    /// Where the `len` bytes of the chain from `start` lie: in file sectors when `size` is
    /// a sector, in the mini stream when it is 64.
    fn chain_spans(
        &self,
        start: u32,
        table: &[u32],
        size: usize,
        len: u64,
    ) -> Result<Vec<Span>, Damage> {
        let mut spans = Vec::new();
        let mut seen = vec![false; table.len()];
        let (mut id, mut got) = (start, 0u64);
        while id != ENDOFCHAIN && got < len {
            let span = if size == MINI_SECTOR {
                self.mini_span(id)
            } else {
                self.file_span(id)
            };
            let span = span.ok_or(Damage::Ole("扇区超出文件"))?;
            let take = span
                .len
                .min(usize::try_from(len - got).unwrap_or(usize::MAX));
            spans.push(Span { len: take, ..span });
            got += take as u64;
            let visited = seen
                .get_mut(id as usize)
                .ok_or(Damage::Ole("扇区编号超出分配表"))?;
            if std::mem::replace(visited, true) {
                return Err(Damage::Ole("扇区链循环"));
            }
            id = table[id as usize];
            if span.len < size {
                break;
            }
        }
        Ok(spans)
    }

    fn file_span(&self, id: u32) -> Option<Span> {
        let at = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        let len = self.bytes.len().checked_sub(at)?.min(self.sector);
        (len > 0).then_some(Span { at, len })
    }

    /// Mini sector `id`, which may straddle two sectors of the mini stream.
    fn mini_span(&self, id: u32) -> Option<Span> {
        let at = file_offset(&self.mini_stream, (id as usize).checked_mul(MINI_SECTOR)?)?;
        // Mini sectors never cross a sector boundary: 64 divides 512 and 4096.
        let len = self.bytes.len().saturating_sub(at).min(MINI_SECTOR);
        (len > 0).then_some(Span { at, len })
    }

    fn gather(&self, spans: &[Span]) -> Vec<u8> {
        let mut out = Vec::with_capacity(spans.iter().map(|s| s.len).sum());
        for s in spans {
            out.extend_from_slice(&self.bytes[s.at..s.at + s.len]);
        }
        out
    }

    /// Whether an entry is named `name`, ignoring ASCII case as calamine does.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The stream named `name` (the first such entry, as calamine takes it).
    ///
    /// # Errors
    /// [`Damage::Ole`] when its chain loops or leaves the file; `Ok(None)` when there is none.
    pub(crate) fn stream(&self, name: &str) -> Result<Option<Stream>, Damage> {
        let Some(e) = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        let spans = if e.len < MINI_CUTOFF {
            self.chain_spans(e.start, &self.mini_fat, MINI_SECTOR, e.len)?
        } else {
            self.chain_spans(e.start, &self.fat, self.sector, e.len)?
        };
        Ok(Some(Stream {
            bytes: self.gather(&spans),
            spans,
        }))
    }
}

/// Whether `bytes` names `name` as an OLE entry anywhere (UTF-16LE), for a container
/// too damaged to list.
pub(crate) fn mentions(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

fn entry(raw: &[u8]) -> Entry {
    let units: Vec<u16> = raw[..64]
        .chunks_exact(2)
        .map(|u| u16::from_le_bytes([u[0], u[1]]))
        .take_while(|&u| u != 0)
        .collect();
    Entry {
        name: String::from_utf16_lossy(&units),
        start: u32_at(raw, 116),
        len: u64::from_le_bytes(raw[120..128].try_into().unwrap_or_default()),
    }
}

fn words(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn ole(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut comp = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            comp.create_stream(name).unwrap().write_all(data).unwrap();
        }
        comp.flush().unwrap();
        comp.into_inner().into_inner()
    }

    #[test]
    fn streams_big_and_small_read_back_with_their_places() {
        let big: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let small = b"a small stream in the mini stream".to_vec();
        let bytes = ole(&[("Workbook", big.clone()), ("Small", small.clone())]);
        let file = Ole::open(&bytes).unwrap();
        assert!(file.has("WORKBOOK") && file.has("small") && !file.has("Book"));
        for (name, want) in [("Workbook", &big), ("Small", &small)] {
            let s = file.stream(name).unwrap().unwrap();
            assert_eq!(&s.bytes, want, "{name}");
            for i in [0, want.len() / 2, want.len() - 1] {
                assert_eq!(bytes[s.file_offset(i).unwrap()], want[i], "{name} {i}");
            }
        }
        assert_eq!(file.stream("Nothing").unwrap(), None);
    }

    #[test]
    fn a_chain_that_loops_is_damaged_not_endless() {
        let big = vec![7u8; 20_000];
        let mut bytes = ole(&[("Workbook", big)]);
        let file = Ole::open(&bytes).unwrap();
        let start = file
            .entries
            .iter()
            .find(|e| e.name == "Workbook")
            .unwrap()
            .start;
        // Point the stream's first FAT entry back at itself.
        let sector = 1usize << u16_at(&bytes, 30);
        let fat_sector = u32_at(&bytes, 76) as usize;
        let at = (fat_sector + 1) * sector + start as usize * 4;
        bytes[at..at + 4].copy_from_slice(&start.to_le_bytes());
        let file = Ole::open(&bytes).unwrap();
        let read = file.stream("Workbook").map(|s| s.map(|s| s.bytes.len()));
        assert_eq!(read, Err(Damage::Ole("扇区链循环")));
    }

    #[test]
    fn anything_that_is_not_ole_is_damaged() {
        assert!(Ole::open(b"not an ole file").is_err());
        let mut bytes = ole(&[("Workbook", vec![1; 10])]);
        bytes.truncate(600);
        assert!(
            Ole::open(&bytes).is_err() || Ole::open(&bytes).unwrap().stream("Workbook").is_ok()
        );
    }
}
