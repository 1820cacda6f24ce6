//! Text cleanup as polars expressions over whole columns, and the name key used to
//! match unit and section names (the part that needs Rust: 繁→简).
//!
//! Every text cell: trim (ASCII, U+3000, NBSP, U+FEFF), full-width ASCII letters and
//! digits to half-width, inner whitespace collapsed; an empty result is null.

use polars::prelude::*;

/// Full-width `０-９Ａ-Ｚａ-ｚ` and their ASCII forms, as two literal string columns.
fn halfwidth_tables() -> (Expr, Expr) {
    let (full, half): (Vec<String>, Vec<String>) = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .map(|c| {
            // Invariant: ASCII + 0xFEE0 is the full-width form, a valid char for 0x21–0x7E.
            let wide = char::from_u32(c as u32 + 0xFEE0).unwrap_or(c);
            (wide.to_string(), c.to_string())
        })
        .unzip();
    (
        lit(Series::new("full".into(), full)).implode(false),
        lit(Series::new("half".into(), half)).implode(false),
    )
}

/// The general cleanup every text cell gets.
pub fn clean(e: Expr) -> Expr {
    let (full, half) = halfwidth_tables();
    let cleaned = e
        .str()
        .replace_many(full, half, false, true)
        .str()
        .replace_all(lit(r"[\s\x{FEFF}]+"), lit(" "), false)
        .str()
        .strip_chars(lit(" "));
    when(cleaned.clone().str().len_bytes().eq(lit(0)))
        .then(lit(NULL).cast(DataType::String))
        .otherwise(cleaned)
}

/// Cleanup for names (units, sections): also drops inline pinyin `(xiāng)` and every space.
pub fn clean_name(e: Expr) -> Expr {
    clean(e)
        .str()
        .replace_all(lit(PINYIN), lit(""), false)
        .str()
        .replace_all(lit(" "), lit(""), true)
}

/// Inline pinyin annotations after a character, as in seed 004: `鄉(xiāng)鎮(zhèn)`.
const PINYIN: &str = r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+[)）]";

/// The key a title is compared by for duplicates: no spaces or punctuation, ASCII lowercase.
pub fn title_key(e: Expr) -> Expr {
    e.str()
        .replace_all(lit(r"[\s\p{P}\p{S}]+"), lit(""), false)
        .str()
        .to_lowercase()
}

/// The key a link is compared by: no scheme, no `www.`, no trailing slash, lowercase.
pub fn link_key(e: Expr) -> Expr {
    e.str()
        .to_lowercase()
        .str()
        .replace(lit(r"^(https?://)?(www\.)?"), lit(""), false)
        .str()
        .strip_chars_end(lit("/"))
}

/// Traditional → simplified, for names that already went through `clean_name`.
pub fn simplified(name: &str) -> String {
    fast2s::convert(name)
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
        let got = run(
            clean,
            &[
                Some("\u{feff} 民政局\u{3000}"),
                Some("\u{a0}２４０条"),
                Some("ＡＢＣ  ｄｅｆ"),
                Some("  \u{3000} "),
                None,
            ],
        );
        let want = [Some("民政局"), Some("240条"), Some("ABC def"), None, None];
        assert_eq!(got, want.map(|s| s.map(str::to_string)));
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
    fn titles_and_links_compare_by_key() {
        let got = run(
            title_key,
            &[Some("关于“春耕”工作的通知！"), Some("关于春耕工作的通知")],
        );
        assert_eq!(got[0], got[1]);
        let got = run(
            link_key,
            &[
                Some("HTTP://www.Daying.gov.cn/a/1/"),
                Some("daying.gov.cn/a/1"),
            ],
        );
        assert_eq!(got[0], got[1]);
    }
}
