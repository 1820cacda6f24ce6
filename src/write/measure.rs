//! How big text prints: its width in ems of its font size, a column's width between
//! Excel's units and points, the lines wrapped text takes in a column and the height of
//! a row of them, and where the tool breaks lines itself (a name between its words, a
//! line LibreOffice would start with a closing mark). Measured against LibreOffice
//! printing with the fonts of `scripts/fonts.conf` (Noto CJK), which sets Latin text
//! wider and lines taller than Excel with 宋体 and 仿宋, while Excel's columns are a
//! little narrower: a column is made wide enough for both and a row tall enough for the
//! lines either takes, so a page laid out for both leaves Excel a little air, never a
//! line cut off or a column pushed onto the next page.

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

/// The width, in units of one column, of `columns` columns `units` wide in all merged
/// into one: the margins of the columns inside hold text too (LibreOffice's, the
/// narrower).
pub(crate) fn merged_units(units: f64, columns: u16) -> f64 {
    units + f64::from(columns.saturating_sub(1)) * COLUMN_PAD_PT / LIBRE_UNIT_PT
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
    break_at(name, fits, name_place)
}

/// Whether a unit's name may break between `head` and `tail` ([`BREAK_AFTER`],
/// [`BREAK_BEFORE`]).
fn name_place(head: &str, tail: &str) -> bool {
    head.ends_with(BREAK_AFTER) || BREAK_BEFORE.iter().any(|b| tail.starts_with(b))
}

/// `text` on lines (joined by `\n`) that `fit`, where it does not fit on one, broken
/// only where `place(head, tail)` allows: two lines as even as the places allow, or
/// where two do not fit, each line as long as fits (合计 | （有目标任务的 | 1个单位）). A
/// text that fits, has no such place, or has a word between places that does not fit
/// alone, is left to wrap: a line the tool ends must fit, or the program that prints it
/// wraps it again and leaves a character alone (自然资源和 / 规划局 printed 自然资源 / 和 /
/// 规划局 in a column of four).
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
    let words = words(text, &place);
    if words.len() < 2 || !words.iter().all(|w| fits(w)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    fill(&mut out, words, &fits, |line| Cow::Borrowed(line));
    Cow::Owned(out)
}

/// `text` cut at every place `place(head, tail)` allows.
fn words(text: &str, place: impl Fn(&str, &str) -> bool) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, _) in text.char_indices().skip(1) {
        if place(&text[..i], &text[i..]) {
            words.push(&text[start..i]);
            start = i;
        }
    }
    words.push(&text[start..]);
    words
}

/// The widest word of the unit names of `text` ([`break_name`]'s words: 自然资源和 of
/// 自然资源和规划局, 公共资源交易 of 公共资源交易中心), in ems: the least a column of such
/// names takes for every name to break only where a word ends.
pub(crate) fn widest_word_ems(text: &str) -> f64 {
    (text.lines())
        .flat_map(|l| words(l, name_place))
        .map(ems)
        .fold(0.0, f64::max)
}

/// `term` (an indicator's name: 政府信息公开专栏, 常态化疫情防控信息公开) on lines that
/// `fit`, where it does not fit on one: broken where a unit's name would be
/// ([`break_name`]: 政策发布解读和 / 回应关切), or else as [`break_at`] breaks it before
/// a 和, 与 or 及 or where an even number of characters follows within its part (up to
/// the end, or the next 和). Such names are built of two-character words and end in one
/// (公开, 专栏, 工作): 政府信息 / 公开专栏, 常态化疫情 / 防控信息公开, 政策发布解读 /
/// 和回应关切, never 政府信息公开专 / 栏.
pub(crate) fn break_term(term: &str, fits: impl Fn(&str) -> bool) -> Cow<'_, str> {
    let named = break_name(term, &fits);
    if matches!(named, Cow::Owned(_)) || fits(term) {
        return named;
    }
    break_at(term, &fits, |head, tail| {
        let part = tail.split(BREAK_AFTER).next().unwrap_or(tail);
        name_place(head, tail)
            || tail.starts_with(BREAK_AFTER)
            || (part.chars().count() % 2 == 0 && part.chars().all(|c| em(c) >= 1.0))
    })
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
/// closing mark first on a line nor an opening one last (Excel's rule, and the tool's
/// where LibreOffice has none: see [`tidy_lines`]).
pub(crate) fn lines(text: &str, units: f64, size: f64) -> u32 {
    let in_program = |p: Program| {
        let room = (room_points(units, p.unit_pt) / size).max(1.0);
        let lines = text
            .lines()
            .map(|l| wrap(l, room, p.narrow_em, true, |_| {}));
        lines.sum::<u32>().max(1)
    };
    PROGRAMS.map(in_program).into_iter().max().unwrap_or(1)
}

/// `text` as it prints at `size` points in a span of columns `units` wide, with line
/// breaks of its own where LibreOffice would wrap it badly: LibreOffice keeps no rule
/// on marks, and starts a line with a closing mark (》第十五条, 、对口学校, a lone 。) or
/// ends one with an opening mark, and it leaves a last line of one character (法律援 /
/// 助, 对口学 / 校). Each such line of `text` is broken by the tool instead, into lines
/// that fit in both programs ([`own_lines`]); as it is where LibreOffice wraps it well.
/// Where LibreOffice breaks a line is known exactly for CJK text; in a line that also
/// holds digits or Latin marks (20个工作日, 要求,重点), whose widths are known only
/// roughly, a break may fall a character either side, and the line is broken by the
/// tool where a mark or the last line's end is that near. A line with Latin words (a
/// file name, a path) is left to LibreOffice, which keeps them whole.
pub(crate) fn tidy_lines(text: &str, units: f64, size: f64) -> Cow<'_, str> {
    let room = (room_points(units, LIBRE_UNIT_PT) / size).max(1.0);
    let badly_wrapped = |line: &str| {
        if line.contains(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        let slack = usize::from(line.contains(|c: char| c.is_ascii() && !c.is_whitespace()));
        let chars: Vec<char> = line.chars().collect();
        let mut bad = false;
        let mut last = 0;
        wrap(line, room, NARROW_EM, false, |at| {
            let at = line[..at].chars().count();
            // Where LibreOffice may break: here, or a character either side if rough.
            for at in at.saturating_sub(slack)..=(at + slack).min(chars.len() - 1) {
                bad |= NO_LINE_START.contains(chars[at])
                    || (at > 0 && NO_LINE_END.contains(chars[at - 1]));
            }
            last = at;
        });
        let rest = &chars[last..];
        // One character and its marks (度。, 0。), give or take the slack.
        let shown = |c: &&char| !NO_LINE_START.contains(**c) && !c.is_whitespace();
        let alone = last > 0 && rest.iter().filter(shown).count() <= 1 + slack;
        bad || alone
    };
    if !text.lines().any(badly_wrapped) {
        return Cow::Borrowed(text);
    }
    let fits = |line: &str| lines(line.trim_end(), units, size) == 1;
    let lines: Vec<Cow<str>> = (text.lines())
        .map(|l| {
            if badly_wrapped(l) {
                Cow::Owned(own_lines(l, fits))
            } else {
                Cow::Borrowed(l)
            }
        })
        .collect();
    Cow::Owned(lines.join("\n"))
}

/// `line` broken into lines that `fit`, each as long as fits, at places where a line
/// may break: beside a CJK character or after a space, a hyphen or a slash, never before
/// a closing mark nor after an opening one. A line the rule ends early ends after a pause
/// (、，；) a character or two before, where there is one (名称、 / 排序、投标, not 名称、排
/// / 序、投标), and a last line of one character (with its marks: 度。) takes one more
/// from the line before.
/// Where no place gives a line that fits (a long Latin word), the rest is left to wrap.
fn own_lines(line: &str, fits: impl Fn(&str) -> bool) -> String {
    let mut ends: Vec<usize> = Vec::new();
    let mut start = 0;
    while !fits(&line[start..]) {
        let Some(end) = line_end(line, start, &fits) else {
            break;
        };
        ends.push(end);
        start = end;
    }
    if let Some(&last) = ends.last()
        && line[last..]
            .chars()
            .filter(|&c| !NO_LINE_START.contains(c))
            .count()
            == 1
    {
        let from = ends.len().checked_sub(2).map_or(0, |i| ends[i]);
        let earlier = (line[from..last].char_indices().skip(1))
            .map(|(i, _)| from + i)
            .filter(|&at| may_break(&line[..at], &line[at..]))
            .last();
        if let (Some(earlier), Some(end)) = (earlier, ends.last_mut()) {
            *end = earlier;
        }
    }
    let mut out = String::with_capacity(line.len() + 2 * ends.len());
    let mut from = 0;
    for end in ends {
        out.push_str(&line[from..end]);
        out.push('\n');
        from = end;
    }
    out.push_str(&line[from..]);
    out
}

/// Marks after which a line the rule on marks ends early had better end.
const PAUSES: [char; 5] = ['、', '，', '；', '：', '。'];

/// Where the line of `line` from `start` ends: the last place it may break before it no
/// longer fits, or after a pause just before that where the rule on marks moved the
/// break back; None where no place gives a line that fits.
fn line_end(line: &str, start: usize, fits: impl Fn(&str) -> bool) -> Option<usize> {
    let mut end = None;
    let mut moved = false;
    for (i, _) in line[start..].char_indices().skip(1) {
        let at = start + i;
        if !fits(&line[start..at]) {
            break;
        }
        moved = !may_break(&line[..at], &line[at..]);
        if !moved {
            end = Some(at);
        }
    }
    let end = end?;
    let pause = (line[start..end].char_indices().rev().take(3))
        .find(|&(i, c)| i > 0 && PAUSES.contains(&c))
        .map(|(i, c)| start + i + c.len_utf8());
    Some(match pause {
        Some(after) if moved && after < end => after,
        _ => end,
    })
}

/// Whether a line may end with `head` and the next begin with `tail`. A number keeps the
/// character after it (28日, 7天, 10条): a date is not split as 2018年3月28 / 日.
fn may_break(head: &str, tail: &str) -> bool {
    let (Some(before), Some(after)) = (head.chars().next_back(), tail.chars().next()) else {
        return false;
    };
    let between = em(before) >= 1.0 || em(after) >= 1.0 || before.is_whitespace();
    (between || "-/".contains(before))
        && !before.is_ascii_digit()
        && !after.is_whitespace()
        && !NO_LINE_START.contains(after)
        && !NO_LINE_END.contains(before)
}

/// Wraps one line of text in `room` ems, a Latin letter being `narrow` ems, telling `at`
/// where each line after the first begins (a byte index of `line`); the lines it takes.
/// With `carry`, a closing mark that would begin a line takes the character before it
/// along, and an opening mark that would end one moves down with the next (Excel's
/// rule); without, a line breaks where it is full, as LibreOffice breaks it.
fn wrap(line: &str, room: f64, narrow: f64, carry: bool, mut at: impl FnMut(usize)) -> u32 {
    let mut lines = 1;
    let mut used = 0.0;
    // The Latin word being set, which moves down whole: a run of letters and digits
    // that LibreOffice breaks only after a hyphen or a slash; and where it begins.
    let mut word = 0.0;
    let mut word_start = 0;
    // A path or a web address (a word that begins with a Latin letter, after a space
    // or an opening bracket, and holds a slash: inbox/市卫生健康委/考核评分.xlsx), which
    // LibreOffice keeps whole, CJK characters and all, breaking it only where it is
    // wider than the column.
    let mut path = false;
    // The character before, its width and where it is.
    let mut previous = (' ', 0.0, 0);
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
            if latin && !joined {
                word_start = i;
            }
            word = if !latin {
                0.0
            } else if joined {
                word + w
            } else {
                w
            };
            previous = (c, w, i);
            continue;
        }
        lines += 1;
        let carried = carry && (NO_LINE_START.contains(c) || NO_LINE_END.contains(previous.0));
        let (begins, width) = if joined && word + w <= room {
            (word_start, word + w)
        } else if carried {
            (previous.2, previous.1 + w)
        } else if c.is_whitespace() {
            (i + c.len_utf8(), 0.0)
        } else {
            (i, w)
        };
        at(begins);
        used = width;
        word_start = begins;
        word = if latin { used } else { 0.0 };
        previous = (c, w, i);
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
    fn a_name_is_broken_only_into_lines_that_fit() {
        // 自然资源和 does not fit four characters a line: broken after 和 it printed
        // 自然资源 / 和 / 规划局; left whole, it wraps 自然资源 / 和规划局.
        let within = |room: f64| move |t: &str| ems(t) <= room;
        assert_eq!(
            break_name("自然资源和规划局", within(4.0)),
            "自然资源和规划局"
        );
        assert_eq!(
            break_name("自然资源和规划局", within(5.0)),
            "自然资源和\n规划局"
        );
        // The least a column of names takes to break each only where a word ends.
        assert_eq!(widest_word_ems("公共资源交易中心\n自然资源和规划局"), 6.0);
        assert_eq!(widest_word_ems("民政局、农业农村局"), 5.0);
    }

    #[test]
    fn an_indicator_breaks_between_its_words() {
        // Seven characters a line (二级指标, 14 units at 11 pt) printed 政府信息公开专 / 栏.
        let seven = |t: &str| lines(t, 14.0, 11.0) == 1;
        assert_eq!(lines("政府信息公开专栏", 14.0, 11.0), 2);
        for (term, broken) in [
            ("政府信息公开专栏", "政府信息\n公开专栏"),
            ("企业服务事项清单", "企业服务\n事项清单"),
            ("常态化疫情防控信息公开", "常态化疫情\n防控信息公开"),
            ("基层各领域主动公开工作", "基层各领域\n主动公开工作"),
            ("政策发布解读和回应关切", "政策发布解读和\n回应关切"),
            ("依申请公开工作", "依申请公开工作"),
        ] {
            assert_eq!(break_term(term, seven), broken);
        }
        // Six characters a line (一级指标): before 和, not 政策发布解 / 读和回应关切.
        let six = |t: &str| lines(t, 12.0, 11.0) == 1;
        assert_eq!(
            break_term("政策发布解读和回应关切", six),
            "政策发布解读\n和回应关切"
        );
        assert_eq!(break_term("重点领域信息公开", six), "重点领域\n信息公开");
    }

    /// The lines LibreOffice prints `text` on in a column `units` wide at 12 pt: it
    /// breaks where a line is full, with no rule on marks.
    fn printed(text: &str, units: f64) -> Vec<String> {
        let room = room_points(units, LIBRE_UNIT_PT) / 12.0;
        let mut out = Vec::new();
        for line in text.lines() {
            let mut starts = vec![0];
            wrap(line, room, NARROW_EM, false, |at| starts.push(at));
            starts.push(line.len());
            out.extend(starts.windows(2).map(|w| line[w[0]..w[1]].to_string()));
        }
        out
    }

    #[test]
    fn lines_libreoffice_would_start_with_a_closing_mark_are_broken_by_the_tool() {
        // As the catalogue annex printed them: 《湖北省养老服务条例 / 》 (ten a line),
        // 学校服务片区 / 、对口学校 (six), and 投标报 / 价 where a mark moved the break.
        let cases = [
            ("《湖北省养老服务条例》", 10),
            ("《招标投标法实施条例》第十五条", 5),
            ("学校服务片区、对口学校", 6),
            ("中标候选人名称、排序、投标报价", 5),
            ("保障对象姓名、保障人数、保障金额", 6),
            ("报告编制水平（年报格式）", 7),
        ];
        for (text, chars) in cases {
            let units = units_for(f64::from(chars) * 12.0 + 0.5);
            let natural = printed(text, units);
            let bad = |lines: &[String]| {
                let marked = lines.iter().any(|l| {
                    l.starts_with(|c| NO_LINE_START.contains(c))
                        || l.ends_with(|c| NO_LINE_END.contains(c))
                });
                let alone = lines.len() > 1 && lines.last().is_some_and(|l| l.chars().count() == 1);
                marked || alone
            };
            assert!(bad(&natural), "{text}: {natural:?}");
            let tidy = tidy_lines(text, units, 12.0);
            let printed_lines = printed(&tidy, units);
            assert!(!bad(&printed_lines), "{text}: {printed_lines:?}");
            assert_eq!(tidy.replace('\n', ""), text);
            assert!(tidy.lines().all(|l| lines(l, units, 12.0) == 1), "{tidy}");
        }
        assert_eq!(
            tidy_lines("中标候选人名称、排序、投标报价", units_for(60.5), 12.0),
            "中标候选人\n名称、\n排序、投标\n报价"
        );
        // What LibreOffice wraps well is left to it.
        let fine = "项目名称、审批文号、审批时间";
        assert!(matches!(
            tidy_lines(fine, units_for(60.5), 12.0),
            Cow::Borrowed(_)
        ));
    }

    /// 台江's 自评表 printed its 填表说明 with “没有扣减的填 / 0。”: a digit alone with its
    /// mark is a last line of one character too.
    #[test]
    fn a_digit_and_its_mark_are_not_left_on_a_line_of_their_own() {
        let units = units_for(6.0 * 12.0 + 0.5);
        let text = "没有扣减的填0。";
        assert_eq!(printed(text, units), ["没有扣减的填", "0。"]);
        let tidy = tidy_lines(text, units, 12.0);
        assert_eq!(printed(&tidy, units), ["没有扣减的", "填0。"]);
        // Where its digits make the break uncertain by a character, a last line that
        // may be one is broken too: on the 填表说明 sheet (100 wide, 11 pt) LibreOffice
        // printed “没有扣减的填 / 0。” where this reckons “没有扣减的 / 填 0。”.
        let line = "2. 自评得分：填写数字，如 8 或 6.5，不超过该项分值；\
                    倒扣项（分值写作“0-5分”的）填写应扣减的分数，没有扣减的填 0。";
        let tidy = tidy_lines(line, 100.0, 11.0);
        assert!(tidy.ends_with("没有扣减的\n填 0。"), "{tidy}");
    }

    #[test]
    fn a_last_line_of_one_character_and_its_mark_takes_one_more() {
        let short = |t: &str| t.chars().count() <= 8;
        assert_eq!(
            own_lines("低于序时进度请加快。", short),
            "低于序时进度请\n加快。"
        );
    }

    #[test]
    fn a_line_the_tool_breaks_keeps_a_number_with_the_character_after_it() {
        let short = |t: &str| t.chars().count() <= 12;
        assert_eq!(
            own_lines("产生于2018年3月28日，实际", short),
            "产生于2018年3月\n28日，实际"
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
