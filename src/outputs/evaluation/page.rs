//! The printed report of one unit, in the layout of seed 000 Annex 2: title; 评估单位,
//! 评估对象, 评估时间 and the period; the four questions with ☑/☐; the figures; one row
//! per problem (the header repeated on every page); the rectification deadline; 备注;
//! then the signature lines and the office and date at the right, as a 公文 page ends.
//! Printed on one page where it fits at 90 % or more (each unit receives and signs its
//! report on its own); longer, at full size, its problem list breaking between rows,
//! never leaving a header without a row under it, nor the 落款 alone.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::check::figures::Standing;
use crate::coverage::Words;
use crate::model::Period;
use crate::write::{AnnexStyle, Role, Sheet, Value, WriteError, break_at, lines};

use super::assessment::{Assessment, QUESTIONS};

/// Columns: 序号, 问题类型, 位置, 问题描述, 代码 — also the grid of the parts above, all
/// of them fitting a portrait page at full size. 问题类型 holds its longest label
/// (栏目更新不及时) on one line, as the first two columns together hold a question
/// (2.信息发布是否及时); the last holds the boxes of 评估结果 (☑是 ☐否); 问题描述 takes
/// the rest, so that most reports print on one page at full size.
const WIDTHS: [f64; 5] = [5.0, 14.0, 15.0, 23.0, 9.5];
const LAST: u16 = 4;

/// What every report of a run shares.
#[derive(Debug, Clone)]
pub(crate) struct Letterhead {
    /// `<workspace>政务公开跟踪评估报告`.
    pub title: String,
    /// 评估单位: the office signing the reports.
    pub office: String,
    /// 评估时间: the report date, from which the deadline counts.
    pub date: NaiveDate,
    pub period: Period,
    /// The judgement date: the report date, or the period's end when that is earlier.
    pub as_of: NaiveDate,
    /// Working days a unit has to rectify (`[report] rectify_days`; seed 000: 5).
    pub rectify_days: u32,
    /// The rectification deadline: under the tracking evaluation only.
    pub deadline: Option<NaiveDate>,
    /// The deadline of a unit that only owes the period's information (see
    /// [`super::submission_due`]): under the tracking evaluation only.
    pub submission_due: Option<NaiveDate>,
    /// What the workspace calls its sections (栏目, or 领域 of a pilot domain table).
    pub words: Words,
    /// Whether the office runs seed 000's tracking evaluation (`[report] tracking`): only
    /// its rule asks a unit to rectify within days, so only then does a report say
    /// 整改 and give a deadline.
    pub tracking: bool,
}

/// `2018年5月7日`, as dates are written in 公文.
pub(crate) fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// `2018年4月1日至4月27日`: a span of days as 公文 write it, the year once when both
/// dates share it.
fn span_zh(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        format!("{}至{}月{}日", date_zh(from), to.month(), to.day())
    } else {
        format!("{}至{}", date_zh(from), date_zh(to))
    }
}

/// Writes the report of `a` on `sheet`.
///
/// # Errors
/// [`WriteError`] when the sheet cannot be written.
pub(crate) fn write(
    sheet: &mut Sheet<'_>,
    head: &Letterhead,
    a: &Assessment<'_>,
) -> Result<(), WriteError> {
    for (col, width) in (0u16..).zip(WIDTHS) {
        sheet.set_width(col, width);
    }
    sheet.may_shrink();
    sheet.title(&head.title, LAST)?;
    sheet.skip(1);
    let period = format!(
        "{}（{}）",
        head.period.label_zh(),
        span_zh(head.period.start(), head.as_of)
    );
    let deadline = head.due(a).map(|day| deadline(day, head, a));
    let rows = [
        ("评估单位", head.office.as_str()),
        ("评估对象", a.unit()),
        ("评估时间", &date_zh(head.date)),
        ("评估期间", &period),
    ];
    let rectify = deadline.as_deref().map(|d| ("整改期限", d));
    for (label, value) in rows.into_iter().chain(rectify) {
        labelled(sheet, label, value)?;
    }
    questions(sheet, a)?;
    figures(sheet, a)?;
    findings(sheet, head, a)?;
    // The 落款 goes with the last row of the problem list, never onto a page alone.
    let last_row = sheet.next_row() - 1;
    labelled(sheet, "备注", &remarks(head, a))?;
    signatures(sheet, head)?;
    sheet.keep_together(last_row, sheet.next_row() - 1);
    Ok(())
}

/// A label in the first two columns and its text across the rest.
fn labelled(sheet: &mut Sheet<'_>, label: &str, text: &str) -> Result<(), WriteError> {
    let r = sheet.next_row();
    sheet.merge((r, r), (0, 1), label, Role::Header)?;
    sheet.merge((r, r), (2, LAST), text, Role::Body)
}

/// A part heading (一、试点领域公开情况) across the whole width.
fn part(sheet: &mut Sheet<'_>, text: &str) -> Result<(), WriteError> {
    let r = sheet.next_row();
    sheet.merge((r, r), (0, LAST), text, Role::Header)
}

/// The four questions as seed 000 numbers them (1.本单位所负责领域信息是否公开), each with
/// its note across the two middle columns, where it takes two lines rather than four.
fn questions(sheet: &mut Sheet<'_>, a: &Assessment<'_>) -> Result<(), WriteError> {
    part(sheet, "一、试点领域公开情况")?;
    let r = sheet.next_row();
    sheet.merge((r, r), (0, 1), "评估内容", Role::Header)?;
    sheet.merge((r, r), (2, 3), "情况说明", Role::Header)?;
    sheet.write(r, LAST, "评估结果", Role::Header)?;
    for (n, (question, answer)) in (1u32..).zip(QUESTIONS.iter().zip(&a.answers)) {
        let r = sheet.next_row();
        // The form's columns are fixed (WIDTHS): the first question breaks where its words
        // do (1.本单位所负责领域 / 信息是否公开), not where its columns end (…领域信 / 息…).
        let label = format!("{n}.{question}").replacen("领域信息", "领域\n信息", 1);
        sheet.merge((r, r), (0, 1), label, Role::Body)?;
        sheet.merge((r, r), (2, 3), answer.note.as_str(), Role::Body)?;
        sheet.write(r, LAST, answer.verdict.boxes(), Role::Body)?;
    }
    Ok(())
}

fn figures(sheet: &mut Sheet<'_>, a: &Assessment<'_>) -> Result<(), WriteError> {
    part(sheet, "二、信息报送情况")?;
    let f = a.figures;
    let dash = || Value::from("—");
    let rows = [
        (
            "全年目标(条)",
            f.target.map_or_else(|| Value::from("未下达"), Value::from),
            "序时进度(条)",
            f.expected_ytd.map_or_else(dash, Value::from),
        ),
        (
            "本期信息(条)",
            Value::from(f.period_items),
            "年度累计(条)",
            Value::from(f.ytd_items),
        ),
        // The standing, the longest value, where the column is wide.
        (
            "完成状态",
            Value::from(f.standing.zh()),
            "完成率",
            f.completion.map_or_else(dash, Value::percent),
        ),
    ];
    for (left, left_value, right, right_value) in rows {
        let r = sheet.next_row();
        sheet.merge((r, r), (0, 1), left, Role::Header)?;
        sheet.write(r, 2, left_value, Role::Body)?;
        sheet.write(r, 3, right, Role::Header)?;
        sheet.write(r, 4, right_value, Role::Body)?;
    }
    Ok(())
}

fn findings(
    sheet: &mut Sheet<'_>,
    head: &Letterhead,
    a: &Assessment<'_>,
) -> Result<(), WriteError> {
    let heading = sheet.next_row();
    part(sheet, "三、问题描述")?;
    // The only header row: printed again at the top of every page the list runs onto,
    // and never at the foot of a page without a row under it.
    let header = sheet.header(&["序号", "问题类型", "位置", "问题描述", "代码"])?;
    sheet.keep_together(heading, header + 1);
    if a.findings.is_empty() {
        let r = sheet.next_row();
        sheet.write(r, 0, "—", Role::Body)?;
        return sheet.merge((r, r), (1, LAST), clear(head, a), Role::Body);
    }
    for (n, f) in (1u32..).zip(&a.findings) {
        sheet.row(&[
            Value::seq(n as usize),
            Value::from(f.kind),
            Value::Text(placed(head, &f.location)),
            Value::from(f.description.as_str()),
            Value::from(f.code.id()),
        ])?;
    }
    Ok(())
}

/// 位置 as its column prints it: a section's path that does not fit a line broken after
/// 栏目： and after each level (栏目： / 应急管理/ / 突发事件处置), never inside a name; a
/// file's place as it is, to wrap at its spaces.
fn placed<'l>(head: &Letterhead, location: &'l str) -> Cow<'l, str> {
    if !location.starts_with(head.words.section()) {
        return Cow::Borrowed(location);
    }
    let fits = |t: &str| lines(t, WIDTHS[2], AnnexStyle::default().body_size) == 1;
    break_at(location, fits, |before, _| before.ends_with(['：', '/']))
}

/// What a report without findings says: nothing found, or nothing to judge. A unit
/// behind the pro-rata target is not told it has no problem: the 通报 names it under
/// 存在的问题, though no 整改 rests on it (see `assessment::unsubmitted`).
fn clear(head: &Letterhead, a: &Assessment<'_>) -> String {
    // Findings of a report that asks nothing are only to check (`assessment::to_check`);
    // only the tracking evaluation speaks of 整改.
    let fault = if head.tracking {
        "需要整改"
    } else {
        "需要改正"
    };
    let behind = if a.figures.standing == Standing::Behind {
        "除进度落后外，"
    } else {
        ""
    };
    match (a.judged(), a.findings.is_empty()) {
        (true, true) => format!("{behind}本期未发现问题"),
        (true, false) => format!("{behind}本期未发现{fault}的问题"),
        (false, _) => "本期没有可评估的信息".to_string(),
    }
}

/// What a unit behind the pro-rata target is asked, as the 通报 asks it: `年度累计44条，
/// 低于序时进度80条，请加快报送进度。`
fn behind(a: &Assessment<'_>) -> Option<String> {
    let f = a.figures;
    let expected = f.expected_ytd.filter(|_| f.standing == Standing::Behind)?;
    Some(format!(
        "年度累计{}条，低于序时进度{expected}条，请加快报送进度。",
        f.ytd_items
    ))
}

/// By when the unit must rectify.
fn deadline(day: NaiveDate, head: &Letterhead, a: &Assessment<'_>) -> String {
    if !a.must_rectify() {
        return format!("{}，无需整改", clear(head, a));
    }
    if Some(day) != head.deadline {
        let days = super::SUBMIT_WORKDAYS;
        return format!("{}前（本期结束后{days}个工作日内）", date_zh(day));
    }
    format!("{}前（{}个工作日内）", date_zh(day), head.rectify_days)
}

impl Letterhead {
    /// By when `a` must rectify: a unit that only owes the period's information by the
    /// day a 催报 gives it, which is later in a report dated before the period ends.
    fn due(&self, a: &Assessment<'_>) -> Option<NaiveDate> {
        match a.owes_submission_only() {
            true => self.submission_due.or(self.deadline),
            false => self.deadline,
        }
    }
}

/// What the unit must do, and how to read the 位置 column: without the tracking
/// evaluation, to check and correct what the report lists, by no deadline; findings
/// that are only to check ask no 整改.
fn remarks(head: &Letterhead, a: &Assessment<'_>) -> String {
    let after = if head.tracking { "，无需整改" } else { "" };
    let what = if !a.must_rectify() {
        let clear = format!("{}{after}", clear(head, a));
        if a.findings.is_empty() {
            return format!("{clear}。{}", behind(a).unwrap_or_default());
        }
        format!("{clear}；问题描述所列事项请核对，确有填错的请改正")
    } else if let Some(day) = head.due(a) {
        format!(
            "请对照上述问题于{}前完成整改，并将整改情况报{}",
            date_zh(day),
            head.office
        )
    } else {
        "请对照上述问题核对改正".to_string()
    };
    let sections = match head.words {
        Words::Sections => "栏目指本单位负责保障的网站栏目",
        Words::Domains => "领域指本单位负责的试点领域",
    };
    let mut remarks =
        format!("1. {what}。\n2. 位置为报送文件 / 工作表 / 单元格（或第几行）；{sections}。");
    if let Some(behind) = behind(a) {
        remarks.push_str(&format!("\n3. {behind}"));
    }
    remarks
}

/// 评估人 and 审核人 to sign, then the office and the date at the right.
fn signatures(sheet: &mut Sheet<'_>, head: &Letterhead) -> Result<(), WriteError> {
    sheet.skip(1);
    sheet.note("评估人：　　　　　　　　　　　　　　审核人：", LAST)?;
    sheet.skip(1);
    sheet.closing(&head.office, LAST)?;
    sheet.closing(&date_zh(head.date), LAST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_in_official_documents() {
        let d = NaiveDate::from_ymd_opt(2018, 5, 7).unwrap();
        assert_eq!(date_zh(d), "2018年5月7日");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(span_zh(day(2018, 4, 1), d), "2018年4月1日至5月7日");
        let (from, to) = (day(2021, 12, 30), day(2022, 1, 5));
        assert_eq!(span_zh(from, to), "2021年12月30日至2022年1月5日");
    }
}
