//! Decoding text files to UTF-8, once, at the edge.
//!
//! Order matters: an office override wins; then a byte-order mark; then UTF-16 without
//! a mark (recognised by its NUL bytes); then strict UTF-8, or UTF-8 with a few broken
//! bytes; then a charset the file declares; then GB18030, which accepts nearly any
//! bytes and so must come last.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

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
}

/// Decodes `bytes`; `forced` is the office's override, `declared` a charset the file names itself.
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Decoded {
    let choice = choose(bytes, forced, declared);
    let text = match choice.utf8 {
        Some(valid) => valid.to_owned(),
        None => choice.decoded(choice.body),
    };
    let bad_line = undecodable_at(&text).map(|i| text[..i].matches('\n').count() + 1);
    Decoded {
        text,
        label: choice.label,
        bad_line,
    }
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
        // Keep whole UTF-16 code units; a split character at the end costs one U+FFFD.
        head = &head[..head.len() & !1];
    }
    let utf16 = choice.encoding == UTF_16LE || choice.encoding == UTF_16BE;
    (choice.decoded(head), utf16)
}

/// The encoding chosen for a text file.
struct Choice<'b> {
    encoding: &'static Encoding,
    label: &'static str,
    /// The bytes after any byte-order mark.
    body: &'b [u8],
    /// The body, when it was found to be valid UTF-8 (it need not be checked again).
    utf8: Option<&'b str>,
}

impl Choice<'_> {
    /// `bytes` of the body decoded, any undecodable one as U+FFFD.
    fn decoded(&self, bytes: &[u8]) -> String {
        if self.encoding == UTF_8 {
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            self.encoding
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

/// The encoding to use for `bytes`.
fn choose<'b>(
    bytes: &'b [u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> Choice<'b> {
    let chosen = |encoding, label, body| Choice {
        encoding,
        label,
        body,
        utf8: None,
    };
    if let Some(enc) = forced {
        let enc = if enc == GBK { GB18030 } else { enc };
        let body = match bom(bytes) {
            Some((found, len)) if found == enc => &bytes[len..],
            _ => bytes,
        };
        return chosen(enc, label(enc), body);
    }
    if let Some((enc, len)) = bom(bytes) {
        let label = if enc == UTF_8 {
            "UTF-8 (BOM)"
        } else {
            label(enc)
        };
        return chosen(enc, label, &bytes[len..]);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return chosen(enc, label(enc), bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Choice {
            utf8: Some(text),
            ..chosen(UTF_8, "UTF-8", bytes)
        };
    }
    if mostly_utf8(bytes) {
        return chosen(UTF_8, "UTF-8", bytes);
    }
    match declared {
        Some(enc) if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE => {
            let enc = if enc == GBK { GB18030 } else { enc };
            chosen(enc, label(enc), bytes)
        }
        _ => chosen(GB18030, "GB18030", bytes),
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

/// The encoding a byte-order mark announces, and the mark's length.
fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((UTF_8, 3))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((UTF_16LE, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((UTF_16BE, 2))
    } else if bytes.starts_with(GB18030_BOM) {
        Some((GB18030, 4))
    } else {
        None
    }
}

/// UTF-16 without a mark: text in it has NUL in one byte of many code units (every ASCII
/// character, tab and line break) and almost never in the other. Real 8-bit text has no NUL.
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
    let strong = |hit: usize| hit * 10 >= pairs;
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
