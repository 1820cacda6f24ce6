//! How big text prints: its width in ems of its font size, a column's width between
//! Excel's units and points, the lines wrapped text takes in a column and the height of
//! a row of them. Measured against LibreOffice printing with the fonts of
//! `scripts/fonts.conf` (Noto CJK), which sets Latin text wider and lines taller than
//! Excel with 宋体 and 仿宋, while Excel's columns are a little narrower: a column is
//! made wide enough for both and a row tall enough for the lines either takes, so a page
//! laid out for both leaves Excel a little air, never a line cut off or a column pushed
//! onto the next page.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Points per column unit in LibreOffice: the digit of the workbook's default font,
/// 宋体 11 printed as Noto Serif CJK 11. Excel gives 6 (an 8-pixel 宋体 digit).
const LIBRE_UNIT_PT: f64 = 6.15;
/// Points every column adds for its margins (5 pixels in both programs).
const COLUMN_PAD_PT: f64 = 3.8;
/// Excel's points per unit, the narrower of the two: text must fit there too.
const EXCEL_UNIT_PT: f64 = 6.0;
/// What a cell's inner margins take from the room for its text, in points.
const TEXT_MARGIN_PT: f64 = 3.0;
/// A Latin letter or digit, in ems: 0.56 in Noto CJK, 0.5 in 宋体 and 仿宋.
const NARROW_EM: f64 = 0.56;
/// How each program sets text: LibreOffice's wider Latin letters and column units, and
/// Excel's narrower ones.
const PROGRAMS: [Program; 2] = [
    Program {
        narrow_em: NARROW_EM,
        unit_pt: LIBRE_UNIT_PT,
    },
    Program {
        narrow_em: 0.5,
        unit_pt: EXCEL_UNIT_PT,
    },
];
/// Line pitch in LibreOffice, per point of font size (Noto CJK's ascent and descent).
const LINE_PITCH: f64 = 1.44;
/// Rows are laid out in whole pixels of 0.75 pt, by Excel and LibreOffice alike.
const PIXEL_PT: f64 = 0.75;

/// Characters that may not start a line: LibreOffice carries the character before
/// them over with them.
const NO_LINE_START: &str = "，。、；：！？）」』》】〕”’…%,.;:!?)]}";
/// Characters that may not end a line: they move down with the character after them.
const NO_LINE_END: &str = "「『（《【〔“‘([{";

/// The width of a Latin letter in ems and the points of a column unit, in one program.
#[derive(Clone, Copy)]
struct Program {
    narrow_em: f64,
    unit_pt: f64,
}

/// The width of `c` in ems, the wider of the two programs'.
fn em(c: char) -> f64 {
    em_in(c, NARROW_EM)
}

/// The width of `c` in ems where a Latin letter is `narrow` ems wide.
fn em_in(c: char, narrow: f64) -> f64 {
    match c.width_cjk() {
        Some(2) => 1.0,
        Some(0) | None => 0.0,
        _ => narrow,
    }
}

/// The width of the widest line of `text`, in ems.
pub(crate) fn ems(text: &str) -> f64 {
    text.lines()
        .map(|l| l.chars().map(em).sum::<f64>())
        .fold(0.0, f64::max)
}

/// How wide a column `units` wide prints, in points (LibreOffice's, the wider).
pub(crate) fn column_points(units: f64) -> f64 {
    units * LIBRE_UNIT_PT + COLUMN_PAD_PT
}

/// The room for text in a column `units` wide, in points, with a program's `unit_pt`.
fn room_points(units: f64, unit_pt: f64) -> f64 {
    units * unit_pt + COLUMN_PAD_PT - TEXT_MARGIN_PT
}

/// The narrowest column, in units, that shows `points` of text on one line in both.
pub(crate) fn units_for(points: f64) -> f64 {
    (points + TEXT_MARGIN_PT - COLUMN_PAD_PT) / EXCEL_UNIT_PT
}

/// The units a column needs to show `text` at `size` points on one line.
pub(crate) fn units_of(text: &str, size: f64) -> f64 {
    units_for(ems(text) * size)
}

/// Words a title's part begins with, where a title too long for one line may break.
const TITLE_PARTS: [&str; 9] = [
    "政务公开",
    "工作",
    "评估",
    "考核",
    "结果",
    "完成情况",
    "公示",
    "信息",
    "（",
];

/// `title` on two lines where it is wider than `room` points at `size` points: GB/T 9704
/// asks a title that runs over to break where a word ends (词意完整) into lines of like
/// length (排列对称), never one word left alone below — as LibreOffice would leave 公示
/// under 2021年台江县政府系统政务公开工作评估结果. It breaks after a year or month
/// (2021年, 4月) or before a word that begins a part of the title (政务公开, 评估, （截至…）);
/// where no such break gives two lines that fit, the title is left to wrap.
pub(crate) fn title_lines(title: &str, room: f64, size: f64) -> String {
    if title.contains('\n') {
        return title.to_string();
    }
    let place = |head: &str, tail: &str| {
        // 2021年 | …, 4月 | …, never 2021年 | 度.
        let mut end = head.chars().rev();
        let dated = matches!(end.next(), Some('年' | '月'))
            && end.next().is_some_and(|c| c.is_ascii_digit())
            && !tail.starts_with('度');
        dated || TITLE_PARTS.iter().any(|w| tail.starts_with(w))
    };
    match even_break(title, |t| ems(t) <= room / size, place) {
        Some(at) => format!("{}\n{}", &title[..at], &title[at..]),
        None => title.to_string(),
    }
}

/// Where to break `text`, too wide to `fit` on one line, into two lines that fit: of
/// the places `place(head, tail)` allows, the one that makes the lines most even (GB/T
/// 9704: 词意完整，排列对称). None when the text fits on one line or no allowed place gives
/// two lines that fit.
pub(crate) fn even_break(
    text: &str,
    fits: impl Fn(&str) -> bool,
    place: impl Fn(&str, &str) -> bool,
) -> Option<usize> {
    if fits(text) {
        return None;
    }
    let longer = |i: usize| ems(&text[..i]).max(ems(&text[i..]));
    (1..text.len())
        .filter(|&i| text.is_char_boundary(i) && place(&text[..i], &text[i..]))
        .filter(|&i| fits(&text[..i]) && fits(&text[i..]))
        .min_by(|&a, &b| longer(a).total_cmp(&longer(b)))
}

/// Where a unit's name may break: after these (政务服务和 | 大数据管理局)…
const BREAK_AFTER: [char; 5] = ['和', '与', '及', '、', '的'];
/// …or before these (农业机械技术 | 中心, 合计 | （…）).
const BREAK_BEFORE: [&str; 6] = ["（", "中心", "管理局", "委员会", "办公室", "分局"];

/// `name` on lines (joined by `\n`) that `fit`, where it does not fit on one, broken
/// only at the places in [`BREAK_AFTER`] and [`BREAK_BEFORE`], so that a word is not
/// split (政务服务和大数 | 据管理局): see [`break_at`].
pub(crate) fn break_name(name: &str, fits: impl Fn(&str) -> bool) -> Cow<'_, str> {
    break_at(name, fits, |head: &str, tail: &str| {
        head.ends_with(BREAK_AFTER) || BREAK_BEFORE.iter().any(|b| tail.starts_with(b))
    })
}

/// `text` on lines (joined by `\n`) that `fit`, where it does not fit on one, broken
/// only where `place(head, tail)` allows: two lines as even as the places allow, or
/// where two do not fit, each line as long as fits (合计 | （有目标任务的 | 1个单位）). A
/// text that fits, or has no such place, is left to wrap.
pub(crate) fn break_at(
    text: &str,
    fits: impl Fn(&str) -> bool,
    place: impl Fn(&str, &str) -> bool,
) -> Cow<'_, str> {
    if fits(text) {
        return Cow::Borrowed(text);
    }
    if let Some(i) = even_break(text, &fits, &place) {
        return Cow::Owned(format!("{}\n{}", &text[..i], &text[i..]));
    }
    let mut words = Vec::new();
    let mut start = 0;
    for (i, _) in text.char_indices().skip(1) {
        if place(&text[..i], &text[i..]) {
            words.push(&text[start..i]);
            start = i;
        }
    }
    if words.is_empty() {
        return Cow::Borrowed(text);
    }
    words.push(&text[start..]);
    let mut out = String::with_capacity(text.len() + 4);
    fill(&mut out, words, &fits, |line| Cow::Borrowed(line));
    Cow::Owned(out)
}

/// The widest part of `text` that cannot wrap, in ems: a run of Latin letters, digits
/// and punctuation (a date, a code, a web address, a number), or one CJK character
/// with the punctuation that must stay with it.
pub(crate) fn unbroken_ems(text: &str) -> f64 {
    let mut widest: f64 = 0.0;
    let mut run = 0.0;
    let mut last_wide = 0.0;
    for c in text.chars() {
        let w = em(c);
        if c.is_whitespace() {
            run = 0.0;
        } else if w >= 1.0 {
            run = if NO_LINE_START.contains(c) {
                last_wide + w
            } else {
                w
            };
            last_wide = w;
        } else {
            run += w;
        }
        widest = widest.max(run);
    }
    widest
}

/// Marks after which a list of names (政府办、宣传部) may break.
const NAME_ENDS: [char; 4] = ['、', '，', ',', '；'];

/// The widest name of a list of names, with the mark after it, in ems: the least a
/// column of such lists takes to hold every name whole.
pub(crate) fn widest_name_ems(text: &str) -> f64 {
    (text.lines())
        .flat_map(|l| l.split_inclusive(NAME_ENDS))
        .map(ems)
        .fold(0.0, f64::max)
}

/// `text`, a list of names (or one name), broken before each name that would not fit on
/// its line in a span `units` wide at `size` points, so that no name is cut in two where
/// the span holds it (政府办、宣传 / 部 becomes 政府办、/ 宣传部), and a name the span does
/// not hold broken where a word ends ([`break_name`]); as it is where it fits.
pub(crate) fn between_names(text: &str, units: f64, size: f64) -> Cow<'_, str> {
    break_between(text, |line| lines(line, units, size) == 1)
}

/// `text`, a list of names, each of its lines broken before the first name that would
/// make the line no longer `fit`; as it is where every line fits. A name that does not
/// fit alone takes lines of its own, broken where a word ends ([`break_name`]).
pub(crate) fn break_between(text: &str, fits: impl Fn(&str) -> bool) -> Cow<'_, str> {
    if text.lines().all(&fits) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let names = line.split_inclusive(NAME_ENDS);
        fill(&mut out, names, &fits, |line| break_name(line, &fits));
    }
    Cow::Owned(out)
}

/// Appends `words` to `out` on lines as long as `fits`, each line as `finish` sets it
/// (a line of one word may not fit).
fn fill<'a>(
    out: &mut String,
    words: impl IntoIterator<Item = &'a str>,
    fits: impl Fn(&str) -> bool,
    finish: impl for<'l> Fn(&'l str) -> Cow<'l, str>,
) {
    let mut current = String::new();
    for word in words {
        let longer = format!("{current}{word}");
        if current.is_empty() || fits(&longer) {
            current = longer;
        } else {
            out.push_str(&finish(&current));
            out.push('\n');
            current = word.to_string();
        }
    }
    out.push_str(&finish(&current));
}

/// How many lines `text` takes at `size` points in a span of columns `units` wide, in
/// the program that takes more, each wrapping as LibreOffice wraps (Excel, breaking
/// Latin text in fewer places, takes no more): CJK characters anywhere, Latin words
/// after a space, a hyphen or a slash unless one is wider than the column, never a
/// closing mark first on a line nor an opening one last.
pub(crate) fn lines(text: &str, units: f64, size: f64) -> u32 {
    let in_program = |p: Program| {
        let room = (room_points(units, p.unit_pt) / size).max(1.0);
        let lines = text.lines().map(|l| wrapped(l, room, p.narrow_em));
        lines.sum::<u32>().max(1)
    };
    PROGRAMS.map(in_program).into_iter().max().unwrap_or(1)
}

/// The lines of one line of text in `room` ems, a Latin letter being `narrow` ems.
fn wrapped(line: &str, room: f64, narrow: f64) -> u32 {
    let mut lines = 1;
    let mut used = 0.0;
    // The Latin word being set, which moves down whole: a run of letters and digits
    // that LibreOffice breaks only after a hyphen or a slash.
    let mut word = 0.0;
    // A path or a web address (a word that begins with a Latin letter, after a space
    // or an opening bracket, and holds a slash: inbox/市卫生健康委/考核评分.xlsx), which
    // LibreOffice keeps whole, CJK characters and all, breaking it only where it is
    // wider than the column.
    let mut path = false;
    let mut previous = (' ', 0.0);
    for (i, c) in line.char_indices() {
        let w = em_in(c, narrow);
        let after = previous.0.is_whitespace() || NO_LINE_END.contains(previous.0);
        let starts = after && !c.is_whitespace();
        if starts {
            let token = line[i..].split(char::is_whitespace).next().unwrap_or("");
            path = c.is_ascii_alphabetic() && token.contains(['/', '\\']);
        } else if c.is_whitespace() {
            path = false;
        }
        let latin = (w < 1.0 && !c.is_whitespace()) || path;
        let joined = if path {
            !starts
        } else {
            latin && previous.1 < 1.0 && !" -/".contains(previous.0)
        };
        if used + w <= room + 1e-9 {
            used += w;
            word = if !latin {
                0.0
            } else if joined {
                word + w
            } else {
                w
            };
            previous = (c, w);
            continue;
        }
        lines += 1;
        used = if joined && word + w <= room {
            word + w
        } else if NO_LINE_START.contains(c) || NO_LINE_END.contains(previous.0) {
            previous.1 + w
        } else if c.is_whitespace() {
            0.0
        } else {
            w
        };
        word = if latin { used } else { 0.0 };
        previous = (c, w);
    }
    lines
}

/// The height of a row holding `lines` lines at `size` points, rounded up to a pixel.
/// One line needs less than its pitch: the font's ascent and descent hold air above and
/// below the characters.
pub(crate) fn row_height(lines: u32, size: f64) -> f64 {
    let n = f64::from(lines.max(1));
    let points = if lines <= 1 {
        size * 1.375
    } else {
        size * (LINE_PITCH * n - 0.15)
    };
    to_pixels(points)
}

/// `points` rounded up to whole pixels, as a row is printed.
pub(crate) fn to_pixels(points: f64) -> f64 {
    (points / PIXEL_PT - 1e-9).ceil() * PIXEL_PT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_an_em_and_latin_ones_about_half() {
        assert_eq!(ems("民政局"), 3.0);
        assert!((ems("2018-04-30") - 5.6).abs() < 1e-9);
        assert_eq!(ems("第一行\n长一些的第二行"), 7.0);
        assert_eq!(ems(""), 0.0);
    }

    #[test]
    fn a_name_too_long_for_its_column_breaks_between_words() {
        let within = |room: f64| move |t: &str| ems(t) <= room;
        assert_eq!(
            break_name("政务服务和大数据管理局", within(8.0)),
            "政务服务和\n大数据管理局"
        );
        assert_eq!(
            break_name("农业机械技术中心", within(7.0)),
            "农业机械技术\n中心"
        );
        assert_eq!(
            break_name("合计（有目标任务的39个单位）", within(11.0)),
            "合计（有目标任务的\n39个单位）"
        );
        // Too long for two lines: each as long as fits.
        assert_eq!(
            break_name("合计（有目标任务的1个单位）", within(8.9)),
            "合计\n（有目标任务的\n1个单位）"
        );
        // Fits, or no place to break: left as it is.
        assert_eq!(break_name("政府办", within(3.0)), "政府办");
        assert_eq!(
            break_name("一二三四五六七八九", within(8.0)),
            "一二三四五六七八九"
        );
    }

    #[test]
    fn a_title_too_long_for_a_line_breaks_where_a_word_ends_into_lines_of_like_length() {
        let title = "2021年台江县政府系统政务公开工作评估结果公示";
        // 22 characters at 20 pt: 440 pt, one line only on a page 450 pt wide.
        assert_eq!(title_lines(title, 450.0, 20.0), title);
        assert_eq!(
            title_lines(title, 428.0, 20.0),
            "2021年台江县政府系统\n政务公开工作评估结果公示"
        );
        assert_eq!(
            title_lines(
                "大英县2018年4月政务公开信息报送完成情况（截至2018年4月27日）",
                428.0,
                20.0
            ),
            "大英县2018年4月政务公开信息报送\n完成情况（截至2018年4月27日）"
        );
        // No word to break at: left to wrap.
        let plain = "一二三四五六七八九十一二三四五六七八九十一二三";
        assert_eq!(title_lines(plain, 428.0, 20.0), plain);
    }

    #[test]
    fn lines_match_what_libreoffice_prints() {
        // Measured: at 12 pt a column 10 units wide holds 5 CJK characters a line, one
        // 16 units wide 8, one 20 units wide 10 (LibreOffice, Noto Serif CJK).
        let thirty = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
        assert_eq!(lines(thirty, 10.0, 12.0), 6);
        assert_eq!(lines(thirty, 16.0, 12.0), 4);
        assert_eq!(lines(thirty, 20.0, 12.0), 3);
        assert_eq!(
            lines("栏目更新不及时", units_of("栏目更新不及时", 12.0), 12.0),
            1
        );
    }

    #[test]
    fn a_text_takes_the_lines_of_the_program_that_wraps_it_more() {
        // Fits LibreOffice's column (51.3 ems at 12 pt), not Excel's (50.1 ems).
        let cjk = "一".repeat(51);
        assert_eq!(lines(&cjk, 100.0, 12.0), 2);
        assert_eq!(lines(&cjk[..150], 100.0, 12.0), 1);
        // Ten digits fit Excel's 5.07 ems (0.5 em each), not LibreOffice's 5.19 (0.56).
        assert_eq!(lines("1234567890", 10.0, 12.0), 2);
        // A 来源文件 of 统计数 that both print on one line in a column 30 units wide
        // (16.5 ems in LibreOffice, 15.5 in Excel, at 11 pt): one line, not two.
        assert_eq!(lines("inbox/公安局-2018年1月统计.xlsx", 30.0, 11.0), 1);
    }

    #[test]
    fn latin_words_move_down_whole_and_closing_marks_never_start_a_line() {
        // "abc def": the second word does not fit after the first and moves down.
        assert_eq!(
            lines("abcd efgh", units_for(5.0 * NARROW_EM * 12.0), 12.0),
            2
        );
        // Four characters a line: the comma would start the second line, so the
        // character before it moves down with it.
        let room = units_for(4.0 * 12.0);
        assert_eq!(lines("一二三四，五六", room, 12.0), 2);
        assert_eq!(lines("一二三四五六七八，", room, 12.0), 3);
    }

    #[test]
    fn dates_and_web_addresses_break_after_hyphens_and_slashes() {
        // As LibreOffice printed a report's problem description in a column 21 units wide:
        // 栏目「新时政新闻/今日 | 大英」要求实时更新， | 最近一次更新为 2018- | 04-28，截至
        // 2018-04- | 30 已超期 1 天.
        let text = "栏目「新时政新闻/今日大英」要求实时更新，最近一次更新为 2018-04-28，截至 2018-04-30 已超期 1 天";
        assert_eq!(lines(text, 21.0, 12.0), 5);
        // An opening bracket moves down with the character after it.
        assert_eq!(lines("一二三「四", units_for(4.0 * 12.0), 12.0), 2);
    }

    #[test]
    fn a_path_moves_down_whole_and_breaks_only_where_wider_than_the_column() {
        // As LibreOffice printed 考核结果's 问题清单 (说明, 40.625 units at 11 pt): 寿县的指标
        // 「重点领域信息公开/常态化疫情防控信 | 息公开」重复评分（另见 | inbox/市卫生健康委/
        // 2021年度常态化疫情防控信 | 息公开考核评分.xlsx / Sheet1 / D10），得分相同 | ，只计一次.
        let text = "寿县的指标「重点领域信息公开/常态化疫情防控信息公开」重复评分（另见 inbox/市卫生健康委/2021年度常态化疫情防控信息公开考核评分.xlsx / Sheet1 / D10），得分相同，只计一次";
        assert_eq!(lines(text, 40.625, 11.0), 5);
        // 缺评清单's 复核后 (30.625 units): 复核后计 4.5 | 分（reference/appeals.xlsx / |
        // Sheet1 / C2）.
        let text = "复核后计 4.5 分（reference/appeals.xlsx / Sheet1 / C2）";
        assert_eq!(lines(text, 30.625, 11.0), 3);
    }

    #[test]
    fn a_list_of_names_breaks_between_names() {
        // Six characters a line at 12 pt: 政府办、宣传部 would print 政府办、宣传 / 部.
        let units = units_for(6.2 * 12.0);
        assert_eq!(lines("政府办、宣传部", units, 12.0), 2);
        assert_eq!(
            between_names("政府办、宣传部", units, 12.0),
            "政府办、\n宣传部"
        );
        assert_eq!(
            between_names("各乡镇、各单位、政府办", units, 12.0),
            "各乡镇、\n各单位、\n政府办"
        );
        // Where it fits, as it is; a name wider than the span breaks where words end, on
        // two lines where they fit, else on as many as it takes; a name with nowhere to
        // break wraps inside it.
        assert!(matches!(
            between_names("政府办、民政局", 20.0, 12.0),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            between_names(
                "政府办、政务服务和大数据管理局",
                units_for(8.2 * 12.0),
                12.0
            ),
            "政府办、\n政务服务和\n大数据管理局"
        );
        assert_eq!(
            between_names("政务服务和大数据管理局、政府办", units, 12.0),
            "政务服务和\n大数据\n管理局、\n政府办"
        );
        assert_eq!(
            between_names("一二三四五六七八九十、政府办", units, 12.0),
            "一二三四五六七八九十、\n政府办"
        );
        assert_eq!(
            widest_name_ems("政府办、宣传部\n政务服务和大数据管理局"),
            11.0
        );
    }

    #[test]
    fn unbroken_runs_are_numbers_dates_and_codes() {
        assert!((unbroken_ems("截至 2018-04-30 已超期") - 5.6).abs() < 1e-9);
        assert_eq!(unbroken_ems("栏目更新不及时"), 1.0);
        assert_eq!(unbroken_ems("及时，"), 2.0);
    }

    #[test]
    fn rows_are_whole_pixels_and_one_line_rows_are_tight() {
        assert_eq!(row_height(1, 12.0), 16.5);
        assert_eq!(row_height(2, 12.0), 33.0);
        assert!(row_height(3, 12.0) >= 3.0 * 12.0 * LINE_PITCH - 2.0);
        assert_eq!(to_pixels(20.0), 20.25);
    }
}
