//! Text cleanup ([`clean_text`], which every cell goes through as it is framed), the keys
//! titles and links are compared by, and the name key used to match unit and section
//! names (繁→简).
//!
//! Every text cell: trim (ASCII, U+3000, NBSP, U+FEFF), full-width ASCII letters and
//! digits to half-width, inner whitespace collapsed; an empty result is null.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use polars::prelude::*;
use regex::Regex;

/// [`clean_text`] as a name over each text of a column: for names split out of a
/// cleaned cell (the units of a 保障单位 cell).
pub(crate) fn clean_name(e: Expr) -> Expr {
    e.map(
        |c| {
            Ok(c.str()?
                .apply(|v| v.and_then(|s| clean_text(s, true)))
                .into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// Trims, collapses and half-widens `text` (see the module docs); for a name also drops
/// pinyin and every space. `None` when nothing is left.
pub(crate) fn clean_text(text: &str, name: bool) -> Option<Cow<'_, str>> {
    if !needs_cleaning(text, name) {
        return (!text.is_empty()).then_some(Cow::Borrowed(text));
    }
    let out = rebuilt(text, name);
    (!out.is_empty()).then_some(Cow::Owned(out))
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Whether [`rebuilt`] would change `text`. Nearly every cell is clean already, and this
/// runs for each text of every row: it looks at bytes, and decodes only the characters
/// whose first byte could begin a space or a full-width letter (`C2`, `E1`–`E3`, `EF`).
fn needs_cleaning(text: &str, name: bool) -> bool {
    // Nearly every cell has none of those bytes: a pass over all of them without an early
    // exit, which the compiler vectorises, lets it through.
    let may_change =
        |b: u8| (b <= b' ') | (b == b'(') | (b == 0xC2) | (b.wrapping_sub(0xE1) <= 2) | (b == 0xEF);
    if !text.bytes().fold(false, |found, b| found | may_change(b)) {
        return false;
    }
    // A space at the start, or after another, would be dropped.
    let mut after_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let changes = match b {
            b' ' => name || after_space,
            b'(' => name,
            0..=0x7F => (b as char).is_whitespace(),
            0xC2 | 0xE1..=0xE3 | 0xEF => text[i..]
                .chars()
                .next()
                .is_some_and(|c| is_space(c) || half_width(c) != c || (name && c == '（')),
            _ => false,
        };
        if changes {
            return true;
        }
        after_space = b == b' ';
    }
    // A space at the end would be dropped too.
    after_space && !text.is_empty()
}

/// `text` trimmed, its inner spaces collapsed (dropped in a name, with its pinyin) and
/// its full-width letters and digits made half-width.
fn rebuilt(text: &str, name: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !name {
            out.push(' ');
        }
        space = false;
        out.push(half_width(c));
    }
    if name && out.contains(['(', '（']) {
        out = without_pinyin(&out);
    }
    out
}

/// Full-width `０-９Ａ-Ｚａ-ｚ` as ASCII; every other character as it is.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// `text` without inline pinyin annotations after a character, as in seed 004:
/// `鄉(xiāng)鎮(zhèn)` → `鄉鎮`.
pub(crate) fn without_pinyin(text: &str) -> String {
    let pinyin = |c: char| c.is_ascii_alphabetic() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let opener = after.chars().next().map_or(1, char::len_utf8);
        match after[opener..].char_indices().find(|&(_, c)| !pinyin(c)) {
            Some((i, close)) if i > 0 && matches!(close, ')' | '）') => {
                rest = &after[opener + i + close.len_utf8()..];
            }
            _ => {
                out.push_str(&after[..opener]);
                rest = &after[opener..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The key a title is compared by for duplicates: no spaces, punctuation or symbols, lower
/// case.
pub(crate) fn title_key(title: &str) -> String {
    let mut key = String::new();
    title_key_into(title, &mut key);
    key
}

/// [`title_key`] into `key`, which is cleared first.
pub(crate) fn title_key_into(title: &str, key: &mut String) {
    key.clear();
    for c in title.chars() {
        // Most of a title: kept as it is, without a look into the Unicode tables.
        if matches!(c, '\u{4e00}'..='\u{9fff}') {
            key.push(c);
        } else if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !c.is_whitespace() && !punctuation_or_symbol(c) {
            key.extend(c.to_lowercase());
        }
    }
}

/// Whether `c` is Unicode punctuation (P) or a symbol (S), such as `，`, `《`, `“` or `￥`.
fn punctuation_or_symbol(c: char) -> bool {
    thread_local! {
        /// The answers for the characters seen so far; a title has few kinds of them.
        static SEEN: RefCell<HashMap<char, bool>> = RefCell::new(HashMap::new());
    }
    static CLASS: OnceLock<Option<Regex>> = OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    SEEN.with_borrow_mut(|seen| {
        *seen.entry(c).or_insert_with(|| {
            CLASS
                .get_or_init(|| Regex::new(r"^[\p{P}\p{S}]$").ok())
                .as_ref()
                .is_some_and(|r| r.is_match(c.encode_utf8(&mut [0; 4])))
        })
    })
}

/// The key a link to an item's own page is compared by: no scheme, no `www.`, lower
/// case. `None` for a link that names no one item and so proves no duplicate: a
/// placeholder (`无`, `/`, `见附件`), a site's root, or a list page (a path ending in `/`
/// or an `index.`/`default.` page) that units give for every item of a section.
pub(crate) fn link_key(link: &str) -> Option<String> {
    let lower = if link.is_ascii() {
        link.to_ascii_lowercase()
    } else {
        link.to_lowercase()
    };
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme))
        .unwrap_or(&lower)
        .trim();
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    // A fragment (`#`, `#top`) names no other page.
    let rest = rest.split_once('#').map_or(rest, |(page, _)| page);
    let (host, after) = rest.split_at(rest.find(['/', '?'])?);
    // The page's own path, without its query: `?from=singlemessage` after the site's root,
    // `?pageNum=3` after a list page's `/` leave them the root and the list.
    let path = after.strip_prefix('/').unwrap_or_default();
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    let page = path.rsplit('/').next().unwrap_or_default();
    let list = page.is_empty() || page.starts_with("index.") || page.starts_with("default.");
    (host.contains('.') && !list).then(|| rest.to_string())
}

/// How alike two titles are: the Sørensen–Dice coefficient of their character bigrams
/// (strsim's counts bytes, which CJK text has three of a character). A title reworded or
/// corrected (2018年财政预算公开 for 财政局2018年预算公开, 大排查 for 大检查) is 0.75 or
/// more; another item's (预算公开 beside 决算公开) about 0.67 or less.
pub(crate) fn likeness(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, mut b) = (bigrams(a), bigrams(b));
    let total = a.len() + b.len();
    let mut shared = 0;
    for g in &a {
        if let Some(i) = b.iter().position(|h| h == g) {
            b.swap_remove(i);
            shared += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        2.0 * shared as f64 / total as f64
    }
}

/// Traditional → simplified, and full-width brackets half-width (乡村振兴局（生态移民局）
/// is 乡村振兴局(生态移民局)), for names that already went through `clean_name`.
pub(crate) fn simplified(name: &str) -> String {
    let mut out = fast2s::convert(name);
    if out.contains(['（', '）']) {
        out = out.replace('（', "(").replace('）', ")");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(Expr) -> Expr, values: &[Option<&str>]) -> Vec<Option<String>> {
        let df = df!("x" => values).unwrap();
        let out = df
            .lazy()
            .select([f(col("x")).alias("x")])
            .collect()
            .unwrap();
        out.column("x")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    #[test]
    fn cells_are_trimmed_collapsed_and_halfwidth() {
        let texts = [
            "\u{feff} 民政局\u{3000}",
            "\u{a0}２４０条",
            "ＡＢＣ  ｄｅｆ",
            "  \u{3000} ",
        ];
        let got = texts.map(|t| clean_text(t, false).map(Cow::into_owned));
        let want = [Some("民政局"), Some("240条"), Some("ABC def"), None];
        assert_eq!(got, want.map(|s| s.map(str::to_string)));
    }

    #[test]
    fn unchanged_text_is_borrowed_and_pinyin_needs_letters_and_a_closing_bracket() {
        assert!(matches!(
            clean_text("民政局 通知", false),
            Some(Cow::Borrowed(_))
        ));
        assert_eq!(
            clean_text("民政局  通知", false).as_deref(),
            Some("民政局 通知")
        );
        assert_eq!(clean_text("(xiāng", true).as_deref(), Some("(xiāng"));
        assert_eq!(
            clean_text("镇()（12）", true).as_deref(),
            Some("镇()（12）")
        );
        assert_eq!(clean_text("镇（Ｚhèn）局", true).as_deref(), Some("镇局"));
        assert_eq!(clean_text(" \u{3000}", true), None);
    }

    proptest::proptest! {
        /// The byte scan lets a text through unchanged exactly when rebuilding it would
        /// not change it.
        #[test]
        fn clean_text_borrows_only_what_rebuilding_keeps(
            text in "[ a(（Ａ０民\u{3000}\u{a0}\u{feff}\u{2003}“—\t]{0,8}",
            name: bool,
        ) {
            let want = rebuilt(&text, name);
            let got = clean_text(&text, name);
            proptest::prop_assert_eq!(got.as_deref().unwrap_or(""), want.as_str());
        }
    }

    #[test]
    fn names_lose_pinyin_and_spaces() {
        let got = run(
            clean_name,
            &[
                Some("卓筒井鎮(zhèn)"),
                Some("鄉(xiāng)鎮(zhèn)"),
                Some("大英县 民政局"),
            ],
        );
        assert_eq!(
            got,
            [
                Some("卓筒井鎮".into()),
                Some("鄉鎮".into()),
                Some("大英县民政局".into())
            ]
        );
        assert_eq!(simplified("蓬萊鎮"), "蓬莱镇");
    }

    #[test]
    fn reworded_titles_are_alike_and_other_items_not() {
        assert!(likeness("财政局2018年预算公开", "2018年财政预算公开") >= 0.7);
        assert!(likeness("开展安全生产大检查", "开展安全生产大排查") >= 0.7);
        assert!(likeness("预算公开", "决算公开") < 0.7);
        assert!(likeness("农业局召开春耕工作会", "林业局召开森林防火会议") < 0.7);
        assert_eq!(likeness("", "甲"), 0.0);
    }

    #[test]
    fn titles_and_links_compare_by_key() {
        assert_eq!(title_key("关于“春耕” 工作的通知！"), "关于春耕工作的通知");
        assert_eq!(
            title_key("《Ａ县》2026年$报告+（第1期）"),
            "ａ县2026年报告第1期"
        );
        assert_eq!(title_key("About THE Plan—v2"), "abouttheplanv2");
        assert_eq!(
            link_key("HTTP://www.Daying.gov.cn/a/1.html"),
            link_key("daying.gov.cn/a/1.html")
        );
        assert_eq!(
            link_key("https://wwwx.cn/a?id=7").as_deref(),
            Some("wwwx.cn/a?id=7")
        );
        // No one item's page: a placeholder, a site's root, a section's list.
        for none in [
            "无",
            "/",
            "见附件",
            "https://wwwx.cn/",
            "http://www.daying.gov.cn",
            "http://www.daying.gov.cn/zwgk/bmdt/",
            "http://www.daying.gov.cn/zwgk/bmdt/index.shtml",
            "http://www.daying.gov.cn/#",
            "http://www.daying.gov.cn/?",
            "http://www.daying.gov.cn?from=singlemessage",
            "https://www.daying.gov.cn/?from=singlemessage",
            "http://www.daying.gov.cn/col/col1482/?uid=4577&pageNum=3",
            "http://www.daying.gov.cn/col/col1482/#",
        ] {
            assert_eq!(link_key(none), None, "{none}");
        }
        // A page's fragment is the page; a query names an article.
        assert_eq!(
            link_key("http://a.cn/art/1.html#top"),
            link_key("http://a.cn/art/1.html")
        );
        assert_eq!(
            link_key("https://mp.weixin.qq.com/s?__biz=MzA&mid=1").as_deref(),
            Some("mp.weixin.qq.com/s?__biz=mza&mid=1")
        );
    }
}
