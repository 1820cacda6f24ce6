//! Decoding text files to UTF-8, once, at the edge.
//!
//! Order matters: an office override wins; then a byte-order mark (UTF-32 too, which
//! encoding_rs does not know; text after a UTF-8 mark that is no UTF-8 is GB18030, said
//! to be a guess); then UTF-16 without a mark (recognised by its NUL bytes);
//! then strict UTF-8, or UTF-8 with a few broken bytes; then a charset the file declares;
//! then GB18030, which accepts nearly any bytes and so must come last — and whose guess
//! is reported when the text does not look like Chinese (Big5, Windows-1252). NUL
//! characters, which no text holds, are removed and reported.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::problems::{Code, Problem};

const GB18030_BOM: &[u8] = &[0x84, 0x31, 0x95, 0x33];

/// A text file decoded to UTF-8.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    /// The text, with any byte-order mark removed.
    pub text: String,
    /// "UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE" or an override's name.
    pub label: &'static str,
    /// The 1-based line of the first character that could not be decoded.
    pub bad_line: Option<usize>,
    /// Why the guessed encoding may be wrong, when it may.
    pub doubt: Option<Doubt>,
    /// NUL characters removed: the 1-based line of the first, and how many.
    pub nul: Option<(usize, usize)>,
}

impl Decoded {
    /// The problems of this decoding for the file `name`: undecodable bytes (E001), a
    /// doubtful guess (E004), NUL characters removed (E005).
    pub(crate) fn problems(&self, name: &str) -> Vec<Problem> {
        let mut found = Vec::new();
        if let Some(line) = self.bad_line {
            let args = [line.to_string(), self.label.to_string()];
            found.push(Problem::new(Code::Undecodable, name, &[&args[0], &args[1]]));
        }
        if let Some(doubt) = &self.doubt {
            let why = doubt.to_string();
            found.push(Problem::new(
                Code::DoubtfulEncoding,
                name,
                &[self.label, &why],
            ));
        }
        if let Some((line, count)) = self.nul {
            let args = [line.to_string(), count.to_string()];
            found.push(Problem::new(Code::NulRemoved, name, &[&args[0], &args[1]]));
        }
        found
    }
}

/// Why a GB18030 guess may be wrong: the text began with a UTF-8 byte-order mark, or
/// too many of its characters are not common Chinese.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Doubt {
    /// A UTF-8 byte-order mark before text that is no UTF-8 (an editor put it before GBK
    /// text): the mark was dropped and the text read as GB18030.
    stray_bom: bool,
    /// Characters outside GB2312, the common simplified set, and the text around the
    /// first of them, when there are too many.
    rare: Option<(usize, String)>,
}

impl std::fmt::Display for Doubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut said = Vec::new();
        if self.stray_bom {
            said.push(
                "文件开头是 UTF-8 的 BOM，其后的内容却不是 UTF-8（有的编辑器在 GBK 文本前加上 UTF-8 的 BOM），已去掉 BOM 按 GB18030 读取"
                    .to_string(),
            );
        }
        if let Some((rare, example)) = &self.rare {
            said.push(format!(
                "{rare} 个字不在常用汉字范围内（如「{example}」），文件可能是繁体中文（Big5）或西文（Windows-1252）编码"
            ));
        }
        f.write_str(&said.join("，且"))
    }
}

/// Decodes `bytes`; `forced` is the office's override, `declared` a charset the file names itself.
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Decoded {
    let choice = choose(bytes, forced, declared);
    let mut text = match choice.utf8 {
        Some(valid) => valid.to_owned(),
        None => choice.decoded(choice.body),
    };
    let line_of = |text: &str, i: usize| text[..i].matches('\n').count() + 1;
    let nul = memchr::memchr(0, text.as_bytes()).map(|first| {
        let line = line_of(&text, first);
        let count = memchr::memchr_iter(0, text.as_bytes()).count();
        text.retain(|c| c != '\0');
        (line, count)
    });
    let bad_line = undecodable_at(&text).map(|i| line_of(&text, i));
    let rare = choice.guessed_gb18030.then(|| rare(choice.body)).flatten();
    let doubt = (choice.stray_bom || rare.is_some()).then_some(Doubt {
        stray_bom: choice.stray_bom,
        rare,
    });
    Decoded {
        text,
        label: choice.label,
        bad_line,
        doubt,
        nul,
    }
}

/// How many characters of GB18030 bytes are rare, with the text around the first, when
/// they look like something else read as Chinese: in real Chinese text
/// nearly every two-byte character is in GB2312 (lead and trail bytes A1–FE), while Big5
/// puts about half its characters at trail bytes 40–7E, and an accented Latin letter
/// followed by a letter (`é` `e` in "Année") reads as one rare character.
fn rare(bytes: &[u8]) -> Option<(usize, String)> {
    let (mut wide, mut rare, mut first) = (0usize, 0usize, None);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let trail = bytes.get(i + 1).copied().unwrap_or(0);
        let four = (0x30..=0x39).contains(&trail);
        wide += 1;
        let common = matches!(lead, 0xA1..=0xA9 | 0xB0..=0xF7) && trail >= 0xA1 && !four;
        if !common {
            rare += 1;
            first.get_or_insert(i);
        }
        i += if four { 4 } else { 2 };
    }
    let at = first?;
    if rare * 4 <= wide {
        return None;
    }
    let from = bytes[..at]
        .iter()
        .rposition(|b| matches!(b, b'\n' | b',' | b'\t' | b'>'))
        .map_or(0, |p| p + 1);
    let to = (at + 12).min(bytes.len());
    let example = GB18030.decode_without_bom_handling(&bytes[from..to]).0;
    let example = example.trim().chars().take(12).collect();
    Some((rare, example))
}

/// Where the first U+FFFD of `text` is, the mark decoding leaves for bytes it could not
/// read; memchr finds its first byte without decoding the characters around it.
pub(crate) fn undecodable_at(text: &str) -> Option<usize> {
    const FFFD: &[u8] = "\u{fffd}".as_bytes();
    let bytes = text.as_bytes();
    memchr::memchr_iter(FFFD[0], bytes).find(|&at| bytes[at..].starts_with(FFFD))
}

/// The first `max` bytes decoded well enough to sniff markup and separators, and whether
/// the file is UTF-16.
///
/// The encoding is chosen from those bytes alone, not the whole file: marks and UTF-16
/// show in them, and between UTF-8 and GB18030 only non-ASCII characters read
/// differently, never the tags, separators and quotes looked for.
pub(crate) fn prefix(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    max: usize,
) -> (String, bool) {
    let choice = choose(&bytes[..bytes.len().min(max)], forced, None);
    let mut head = choice.body;
    if bytes.len() > max {
        // Keep whole code units; a split character at the end costs one U+FFFD.
        head = &head[..head.len() & !3];
    }
    (choice.decoded(head), choice.is_utf16())
}

/// A text encoding: one of encoding_rs's, or UTF-32, which it does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Std(&'static Encoding),
    Utf32 { little: bool },
}

/// The encoding chosen for a text file.
struct Choice<'b> {
    codec: Codec,
    label: &'static str,
    /// The bytes after any byte-order mark.
    body: &'b [u8],
    /// The body, when it was found to be valid UTF-8 (it need not be checked again).
    utf8: Option<&'b str>,
    /// Whether GB18030 was the last resort rather than named by the office or the file.
    guessed_gb18030: bool,
    /// Whether a UTF-8 byte-order mark came before text that is no UTF-8.
    stray_bom: bool,
}

impl<'b> Choice<'b> {
    /// `body` read with `codec`, nothing known of it beyond that.
    fn new(codec: Codec, label: &'static str, body: &'b [u8]) -> Self {
        Self {
            codec,
            label,
            body,
            utf8: None,
            guessed_gb18030: false,
            stray_bom: false,
        }
    }

    /// `bytes` of the body decoded, any undecodable one as U+FFFD.
    fn decoded(&self, bytes: &[u8]) -> String {
        match self.codec {
            Codec::Std(enc) if enc == UTF_8 => String::from_utf8_lossy(bytes).into_owned(),
            Codec::Std(enc) => enc.decode_without_bom_handling(bytes).0.into_owned(),
            Codec::Utf32 { little } => bytes
                .chunks(4)
                .map(|unit| match <[u8; 4]>::try_from(unit) {
                    Ok(b) if little => u32::from_le_bytes(b),
                    Ok(b) => u32::from_be_bytes(b),
                    Err(_) => u32::MAX,
                })
                .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        }
    }

    fn is_utf16(&self) -> bool {
        self.codec == Codec::Std(UTF_16LE) || self.codec == Codec::Std(UTF_16BE)
    }
}

/// The encoding to use for `bytes`.
fn choose<'b>(
    bytes: &'b [u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Choice<'b> {
    if let Some(enc) = forced {
        let enc = if enc == GBK { GB18030 } else { enc };
        // A mark of another encoding before the text is a stray one (a UTF-8 BOM an
        // editor put before GBK text): the office said what the text is.
        let body = bom(bytes).map_or(bytes, |(_, len)| &bytes[len..]);
        return Choice::new(Codec::Std(enc), label(enc), body);
    }
    if let Some((codec, len)) = bom(bytes) {
        if codec == Codec::Std(UTF_8) {
            return after_utf8_bom(&bytes[len..]);
        }
        let label = match codec {
            Codec::Std(enc) => label(enc),
            Codec::Utf32 { little: true } => "UTF-32LE",
            Codec::Utf32 { little: false } => "UTF-32BE",
        };
        return Choice::new(codec, label, &bytes[len..]);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Choice::new(Codec::Std(enc), label(enc), bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Choice {
            utf8: Some(text),
            ..Choice::new(Codec::Std(UTF_8), "UTF-8", bytes)
        };
    }
    if mostly_utf8(bytes) {
        return Choice::new(Codec::Std(UTF_8), "UTF-8", bytes);
    }
    match declared {
        Some(enc) if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE => {
            let enc = if enc == GBK { GB18030 } else { enc };
            Choice::new(Codec::Std(enc), label(enc), bytes)
        }
        _ => Choice {
            guessed_gb18030: true,
            ..Choice::new(Codec::Std(GB18030), "GB18030", bytes)
        },
    }
}

/// The text after a UTF-8 byte-order mark: UTF-8, strict or with a few broken bytes
/// (which are reported); else GB18030, said to be a guess — some editors put the mark
/// before GBK text, and reading that as UTF-8 would lose every Chinese character.
fn after_utf8_bom(body: &[u8]) -> Choice<'_> {
    if let Ok(text) = std::str::from_utf8(body) {
        return Choice {
            utf8: Some(text),
            ..Choice::new(Codec::Std(UTF_8), "UTF-8 (BOM)", body)
        };
    }
    if mostly_utf8(body) {
        return Choice::new(Codec::Std(UTF_8), "UTF-8 (BOM)", body);
    }
    Choice {
        guessed_gb18030: true,
        stray_bom: true,
        ..Choice::new(Codec::Std(GB18030), "GB18030", body)
    }
}

/// UTF-8 with a few broken bytes (a download cut short, a pasted GBK word): read as
/// GB18030 it would turn every character into silent nonsense; read as UTF-8 only the
/// broken spots become U+FFFD, which is reported. GBK text forms a valid multi-byte
/// UTF-8 sequence for about one character in four (real GBK files in the sample: 0.2–0.5
/// good per broken spot), so one broken spot per eight good characters keeps a wide
/// margin while a short UTF-8 file with one bad byte is not lost whole.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 8 && bad * 8 <= good
}

/// The label [`FileRead::encoding`](super::FileRead) gives, for one read back from the
/// read cache; `None` for a label no decoding gives.
pub(crate) fn known_label(shown: &str) -> Option<&'static str> {
    let custom = ["UTF-8 (BOM)", "UTF-32LE", "UTF-32BE"];
    if let Some(found) = custom.iter().find(|c| **c == shown) {
        return Some(found);
    }
    let enc = Encoding::for_label(shown.as_bytes())?;
    Some(label(enc)).filter(|l| *l == shown)
}

fn label(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "UTF-8"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else if enc == GB18030 || enc == GBK {
        "GB18030"
    } else {
        enc.name()
    }
}

/// The encoding a byte-order mark announces, and the mark's length. `FF FE 00 00` is
/// UTF-32, not UTF-16 followed by a NUL, which no text holds.
fn bom(bytes: &[u8]) -> Option<(Codec, usize)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((Codec::Std(UTF_8), 3))
    } else if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some((Codec::Utf32 { little: true }, 4))
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some((Codec::Utf32 { little: false }, 4))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Codec::Std(UTF_16LE), 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Codec::Std(UTF_16BE), 2))
    } else if bytes.starts_with(GB18030_BOM) {
        Some((Codec::Std(GB18030), 4))
    } else {
        None
    }
}

/// UTF-16 without a mark: text in it has NUL in one byte of many code units (every ASCII
/// character, tab and line break) and almost never in the other. Real 8-bit text has no
/// NUL, but a damaged one may have a stray NUL or two: a few are not enough.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    // Text has no NUL character: a code unit 00 00 means binary data.
    if sample.chunks_exact(2).any(|u| u == [0, 0]) {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let strong = |hit: usize| hit >= 4 && hit * 10 >= pairs;
    let rare = |miss: usize| miss * 50 <= pairs;
    if strong(odd) && rare(even) {
        Some(UTF_16LE)
    } else if strong(even) && rare(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A charset the file declares itself: `<meta charset=gb2312>`, `content="…; charset=gbk"`
/// or `<?xml … encoding="GB2312"?>`.
pub(crate) fn declared_charset(prefix: &str) -> Option<&'static Encoding> {
    let lower = prefix.to_ascii_lowercase();
    ["charset=", "encoding="].iter().find_map(|key| {
        let at = lower.find(key)? + key.len();
        let value: String = lower[at..]
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .collect();
        Encoding::for_label(value.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn gbk_bytes_decode_as_gb18030() {
        let (bytes, _, _) = GBK.encode("序号,标题\n1,关于低保标准的通知\n");
        let d = decode(&bytes, None, None);
        assert_eq!(
            (d.text.as_str(), d.label, d.bad_line),
            ("序号,标题\n1,关于低保标准的通知\n", "GB18030", None)
        );
    }

    #[test]
    fn utf8_bom_is_stripped_and_labelled() {
        let d = decode("\u{feff}序号,标题\n".as_bytes(), None, None);
        assert_eq!((d.text.as_str(), d.label), ("序号,标题\n", "UTF-8 (BOM)"));
    }

    /// Some editors put a UTF-8 mark before GBK text: read as UTF-8 after the mark, every
    /// Chinese character would be lost (E001); it is GB18030, said to be a guess (E004).
    #[test]
    fn gbk_text_after_a_utf8_bom_is_gb18030_with_a_note() {
        let text = "序号,标题\n1,关于低保标准的通知\n";
        let bytes = [b"\xEF\xBB\xBF".as_slice(), &GBK.encode(text).0].concat();
        let d = decode(&bytes, None, None);
        assert_eq!(
            (d.text.as_str(), d.label, d.bad_line),
            (text, "GB18030", None)
        );
        let codes: Vec<Code> = d.problems("a.csv").iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::DoubtfulEncoding]);
        assert!(d.problems("a.csv")[0].message.contains("UTF-8 的 BOM"));
        // UTF-8 with a few broken bytes after the mark stays UTF-8, its break reported.
        let mut broken = "\u{feff}序号,标题\n".repeat(10).into_bytes();
        broken.extend(b"1,\xE6\x94\n");
        let d = decode(&broken, None, None);
        assert_eq!(
            (d.label, d.bad_line, d.doubt),
            ("UTF-8 (BOM)", Some(11), None)
        );
    }

    #[test]
    fn utf8_that_is_also_valid_gb18030_stays_utf8() {
        // "政务" in UTF-8 is E6 94 BF E5 8A A1, which GB18030 also decodes (to other characters).
        let bytes = "政务".as_bytes();
        assert!(!GB18030.decode_without_bom_handling(bytes).1);
        let d = decode(bytes, None, None);
        assert_eq!((d.text.as_str(), d.label), ("政务", "UTF-8"));
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8_and_says_where() {
        let mut bytes = "序号,标题\n".repeat(10).into_bytes();
        bytes.extend(b"1,\xE6\x94\n");
        bytes.extend("2,关于政务公开工作的通知\n".as_bytes());
        let d = decode(&bytes, None, None);
        assert_eq!((d.label, d.bad_line), ("UTF-8", Some(11)));
        assert!(d.text.ends_with("2,关于政务公开工作的通知\n"));
    }

    #[test]
    fn a_short_utf8_file_with_one_broken_byte_stays_utf8() {
        let mut bytes = "标题,发布日期\n通知一,2018-04-03\n通知".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend("二,2018-04-04\n通知三,2018-04-05\n".as_bytes());
        let d = decode(&bytes, None, None);
        assert_eq!((d.label, d.bad_line), ("UTF-8", Some(3)));
        assert!(d.text.starts_with("标题,发布日期\n"));
    }

    #[test]
    fn short_gbk_text_is_not_mistaken_for_broken_utf8() {
        for text in [
            "单位,数量\n民政局,3\n",
            "标题,发布日期\n通知一,2018-04-03\n",
        ] {
            let (bytes, _, _) = GBK.encode(text);
            assert_eq!(decode(&bytes, None, None).label, "GB18030", "{text}");
        }
    }

    #[test]
    fn gbk_text_is_not_mistaken_for_broken_utf8() {
        let text = "关于政务公开工作的通知，各单位按时报送。\n".repeat(50);
        let (bytes, _, _) = GBK.encode(&text);
        assert_eq!(decode(&bytes, None, None).label, "GB18030");
    }

    #[test]
    fn gb18030_bom_is_stripped() {
        let mut bytes = GB18030_BOM.to_vec();
        bytes.extend(GB18030.encode("单位").0.iter());
        let d = decode(&bytes, None, None);
        assert_eq!((d.text.as_str(), d.label), ("单位", "GB18030"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "单位\t数量\r\n民政局\t12\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16(text, true));
        assert_eq!(decode(&le, None, None).label, "UTF-16LE");
        assert_eq!(decode(&le, None, None).text, text);
        let be = utf16(text, false);
        let d = decode(&be, None, None);
        assert_eq!((d.text.as_str(), d.label), (text, "UTF-16BE"));
        assert_eq!(decode(&utf16(text, true), None, None).label, "UTF-16LE");
    }

    #[test]
    fn the_override_wins_over_the_guess() {
        let (bytes, _, _) = GBK.encode("单位");
        let d = decode(&bytes, Some(encoding_rs::BIG5), None);
        assert_eq!(d.label, "Big5");
        let d = decode("单位".as_bytes(), Some(GBK), None);
        assert_eq!(d.label, "GB18030");
        let stray = [b"\xEF\xBB\xBF".as_slice(), &bytes].concat();
        let d = decode(&stray, Some(GBK), None);
        assert_eq!((d.text.as_str(), d.bad_line), ("单位", None));
    }

    #[test]
    fn undecodable_bytes_give_the_first_line() {
        let bytes = b"a,b\nc,d\n\xff\xff,e\n".to_vec();
        let d = decode(&bytes, Some(UTF_8), None);
        assert_eq!(d.bad_line, Some(3));
    }

    #[test]
    fn declared_charsets_are_found() {
        assert_eq!(declared_charset("<meta charset=gb2312>"), Some(GBK));
        assert_eq!(
            declared_charset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">"
            ),
            Some(GBK)
        );
        assert_eq!(
            declared_charset("<?xml version=\"1.0\" encoding=\"gb18030\"?>"),
            Some(GB18030)
        );
        assert_eq!(declared_charset("<html><table>"), None);
    }

    // Issue 19: a file with a UTF-32 byte-order mark was called binary.
    #[test]
    fn utf32_with_a_bom_is_decoded() {
        let text = "单位,数量\n民政局,12\n";
        let mut le = vec![0xFF, 0xFE, 0, 0];
        le.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        let mut be = vec![0, 0, 0xFE, 0xFF];
        be.extend(text.chars().flat_map(|c| (c as u32).to_be_bytes()));
        for (bytes, label) in [(le, "UTF-32LE"), (be, "UTF-32BE")] {
            let d = decode(&bytes, None, None);
            assert_eq!((d.text.as_str(), d.label, d.bad_line), (text, label, None));
            assert_eq!(prefix(&bytes, None, 16).0, "单位,");
        }
    }

    // Issue 19: `a,b,c\n\0,2,3\n` was decoded as UTF-16BE and silently garbled.
    #[test]
    fn a_nul_in_a_csv_is_removed_and_reported_not_read_as_utf16() {
        let d = decode(b"a,b,c\n\0,2,3\n", None, None);
        assert_eq!((d.text.as_str(), d.label), ("a,b,c\n,2,3\n", "UTF-8"));
        assert_eq!(d.nul, Some((2, 1)));
        let codes: Vec<_> = d.problems("a.csv").iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::NulRemoved]);
    }

    // Issue 19: Big5 and Windows-1252 texts were decoded as GB18030 with no warning.
    #[test]
    fn big5_and_windows_1252_read_as_gb18030_are_doubted() {
        let (big5, _, _) = encoding_rs::BIG5.encode("單位,標題\n民政局,關於社會救助的通知\n");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Unité,Année\nMairie,Société\n");
        for bytes in [big5.to_vec(), latin.to_vec()] {
            let d = decode(&bytes, None, None);
            assert_eq!(d.label, "GB18030");
            let doubt = d.doubt.as_ref().expect("a doubtful decoding is reported");
            let problems = d.problems("a.csv");
            assert_eq!(problems[problems.len() - 1].code, Code::DoubtfulEncoding);
            assert!(doubt.rare.as_ref().is_some_and(|r| r.0 > 0), "{doubt:?}");
        }
        let d = decode(&latin, None, None);
        let rare = d.doubt.and_then(|d| d.rare).expect("rare characters");
        assert!(rare.1.starts_with("Unit"));
    }

    #[test]
    fn gbk_chinese_and_a_declared_or_forced_encoding_are_not_doubted() {
        let (bytes, _, _) =
            GBK.encode("单位,标题\n民政局,关于做好2018年政务公开工作的通知（喆）\n");
        assert_eq!(decode(&bytes, None, None).doubt, None);
        let (big5, _, _) = encoding_rs::BIG5.encode("單位,標題\n");
        assert_eq!(decode(&big5, Some(GBK), None).doubt, None);
        assert_eq!(decode(&big5, None, Some(GBK)).doubt, None);
        assert_eq!(
            decode(&big5, Some(encoding_rs::BIG5), None).text,
            "單位,標題\n"
        );
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let d = decode(&bytes, None, None);
            let _ = prefix(&bytes, None, 100);
            prop_assert_eq!(d.bad_line.is_some(), d.text.contains('\u{fffd}'));
        }

        // NUL is excluded: real UTF-8 text never holds it, and NUL bytes are how UTF-16
        // without a mark is recognised.
        #[test]
        fn valid_utf8_always_decodes_as_utf8(text in "[^\u{0}]*") {
            let d = decode(text.as_bytes(), None, None);
            prop_assert!(d.label.starts_with("UTF-8"), "{}", d.label);
            prop_assert_eq!(d.text.as_str(), text.strip_prefix('\u{feff}').unwrap_or(&text));
        }
    }
}
