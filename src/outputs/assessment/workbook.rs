//! 考核结果-<Y>.xlsx, laid out like the 汇总 workbook: 总分排名 (per category, after
//! 复核, beside the published result), 分项得分 (every value with where it came from),
//! 自评对比, 缺评清单 (when an indicator went unscored), 复核情况 (when there are
//! decisions), 问题清单 and 文件清单.

use std::path::Path;

use crate::assess::{Assessment, Indicator, Line, Origin, Outcome, number};
use crate::outputs::summary;
use crate::problems::{Code, Problem};
use crate::write::{Book, Look, Value, WriteError};

/// One sheet of the workbook before 问题清单: its name, title, header and rows.
struct Part<'a> {
    name: &'static str,
    /// A title over the header (总分排名 has one).
    title: Option<String>,
    header: Vec<String>,
    /// Columns of long texts, wrapped at a width (in characters) rather than run past
    /// the table's edge.
    wrap: Vec<(u16, f64)>,
    rows: Vec<Vec<Value<'a>>>,
}

impl Part<'_> {
    /// The part without the columns empty on every row (三级指标 of a two-level table,
    /// 佐证链接 where no sheet gives one): they would only take width from the printed
    /// page. A part without rows keeps its header whole.
    fn without_empty_columns(mut self) -> Self {
        let blank = |v: &Value| matches!(v, Value::Empty) || v.text() == Some("");
        let keep: Vec<bool> = (0..self.header.len())
            .map(|c| self.rows.is_empty() || self.rows.iter().any(|r| !r.get(c).is_none_or(blank)))
            .collect();
        let kept = |c: usize| keep.get(c).copied().unwrap_or(true);
        let header = std::mem::take(&mut self.header).into_iter().enumerate();
        self.header = header.filter(|(c, _)| kept(*c)).map(|(_, h)| h).collect();
        for row in &mut self.rows {
            let mut c = 0..;
            row.retain(|_| c.next().is_some_and(kept));
        }
        // A wrapped column moves left by the columns dropped before it.
        let shift = |col: u16| (0..usize::from(col)).filter(|&c| !kept(c)).count() as u16;
        self.wrap = (self.wrap.iter())
            .filter(|(col, _)| kept(usize::from(*col)))
            .map(|&(col, width)| (col - shift(col), width))
            .collect();
        self
    }
}

fn strings(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| l.to_string()).collect()
}

/// The sheets before 问题清单, in order: 缺评清单 only when an indicator went unscored
/// and 复核情况 only when there were applications, rather than a page of a header alone;
/// each without the columns empty on every row.
fn parts(a: &Assessment) -> Vec<Part<'_>> {
    let mut parts = vec![ranking(a), lines(a), self_evaluations(a)];
    parts.extend(Some(missing(a)).filter(|p| !p.rows.is_empty()));
    if !a.appeals.is_empty() {
        parts.push(appeals(a));
    }
    parts.into_iter().map(Part::without_empty_columns).collect()
}

/// Writes the workbook to `path`. The texts it cuts to Excel's cell limit were found
/// before, by [`overlong`].
///
/// # Errors
/// [`WriteError`] when the workbook cannot be written.
pub(super) fn write(a: &Assessment, path: &Path) -> Result<(), WriteError> {
    let mut book = Book::new();
    for part in parts(a) {
        let mut sheet = book.sheet(part.name, Look::Data)?;
        if let Some(title) = &part.title {
            sheet.title(title, part.header.len() as u16 - 1)?;
        }
        let header: Vec<&str> = part.header.iter().map(String::as_str).collect();
        sheet.header(&header)?;
        for &(col, width) in &part.wrap {
            sheet.wrap(col, width);
        }
        for row in &part.rows {
            sheet.row(row)?;
        }
    }
    summary::problems(&mut book, &a.problems)?;
    summary::files(&mut book, &a.inputs)?;
    book.save(path)
}

/// A W001 problem for each text of the workbook, shown as `shown`, that is too long
/// for a cell: in its sheets and in 问题清单 (whose rows are `a`'s problems).
pub(super) fn overlong(a: &Assessment, shown: &str) -> Vec<Problem> {
    let mut cuts = Vec::new();
    for part in parts(a) {
        let first = usize::from(part.title.is_some()) + 1;
        for (i, row) in part.rows.iter().enumerate() {
            cuts.extend(summary::cells_cut(shown, part.name, first + i, row));
        }
    }
    cuts.extend(summary::problems_cut(shown, &a.problems));
    cuts
}

/// The objects by category (in the order assessed), then rank, then the units table.
pub(super) fn ordered(a: &Assessment, objects: &[Outcome]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..objects.len()).collect();
    let category = |i: usize| {
        a.indicators
            .categories
            .iter()
            .position(|c| *c == objects[i].category)
    };
    order.sort_by_key(|&i| (category(i), objects[i].rank, i));
    order
}

/// 总分排名: each object's result after 复核, beside the published one — or, where no
/// annex may publish them, titled so and without a 公示 column.
fn ranking(a: &Assessment) -> Part<'_> {
    let provisional = super::provisional(a);
    let share = a.weight.map(|w| format!("折算得分（按 {}%）", number(w)));
    let mut header = vec!["序号", "类别", "单位", "得分", "排名"];
    header.extend(a.graded.then_some("等次"));
    header.extend(share.as_deref());
    if provisional.is_none() {
        header.extend(["公示得分", "公示排名"]);
    }
    header.extend(["自评得分", "缺评（项）", "说明"]);
    let mut rows = Vec::new();
    let unsent = a.without_self_assessment();
    for (n, &i) in ordered(a, &a.objects).iter().enumerate() {
        let (o, before) = (&a.objects[i], &a.published[i]);
        let missing = o.missing().count();
        let mut row = vec![
            Value::seq(n + 1),
            Value::from(&o.category),
            Value::from(&o.unit),
            Value::score(o.total),
            Value::from(o.rank),
        ];
        if a.graded {
            row.push(Value::from(o.grade.as_ref()));
        }
        if a.weight.is_some() {
            row.push(o.share.map_or(Value::Empty, Value::score));
        }
        if provisional.is_none() {
            row.extend([Value::score(before.total), Value::from(before.rank)]);
        }
        row.extend([
            o.self_total.map_or(Value::Empty, Value::score),
            Value::from(missing),
            Value::from(remark(a, o, before, unsent.contains(&o.unit.as_str()))),
        ]);
        rows.push(row);
    }
    let remarks = header.len() as u16 - 1;
    Part {
        name: "总分排名",
        title: Some(match provisional {
            Some(why) => format!("{}结果（{why}）", a.title),
            None => format!("{}结果", a.title),
        }),
        header: header.into_iter().map(str::to_string).collect(),
        wrap: vec![(remarks, 30.0)],
        rows,
    }
}

/// What a person should know about a result: missing scores (as published, where 复核
/// filled some), a changed result, a self-assessment not received (`unsent`).
fn remark(a: &Assessment, o: &Outcome, before: &Outcome, unsent: bool) -> String {
    let mut parts = Vec::new();
    let (missing, published) = (o.missing().count(), before.missing().count());
    let leaves = &a.indicators.tree.leaves;
    let deductions = (o.missing())
        .filter(|l| leaves[l.leaf].points.deduction)
        .count();
    if missing > deductions {
        parts.push(format!("缺评 {} 项，按 0 分计", missing - deductions));
    }
    if deductions > 0 {
        parts.push(format!("倒扣项缺评 {deductions} 项，不扣分"));
    }
    if published > missing {
        parts.push(format!(
            "公示时缺评 {published} 项，复核后补评 {} 项",
            published - missing
        ));
    }
    if o.total != before.total {
        parts.push(format!(
            "复核后由 {} 分调整为 {} 分",
            number(before.total),
            number(o.total)
        ));
    }
    if !o.zeroed.is_empty() {
        let groups: Vec<String> = o.zeroed.iter().map(|z| z.group.join("/")).collect();
        parts.push(format!("{}计 0 分", groups.join("、")));
    }
    for c in &o.city {
        parts.push(format!(
            "市级扣分 {} 分，按 {} 倍扣减 {} 分",
            number(c.points),
            number(a.city_factor),
            number(c.points * a.city_factor)
        ));
    }
    let refused = o.lines.iter().filter(|l| l.self_refused.is_some()).count();
    if refused > 0 {
        parts.push(format!("自评 {refused} 项超出分值未计入（见自评对比）"));
    }
    let unreadable = o.lines.iter().filter(|l| l.self_unreadable).count();
    if unreadable > 0 {
        parts.push(format!("自评 {unreadable} 项不是数字未计入（见问题清单）"));
    }
    if o.self_unlisted > 0 {
        let n = o.self_unlisted;
        parts.push(format!("自评 {n} 项不在指标体系中未计入（见问题清单）"));
    }
    // A sheet named after the unit whose 填报单位 is no unit was not counted: said, rather
    // than that nothing came.
    let unattributed = (a.problems.iter())
        .find(|p| p.code == Code::UnknownUnit && p.unit.as_deref() == Some(&o.unit));
    match unattributed {
        Some(p) if unsent => parts.push(format!(
            "未收到可计入的本年度自评表：{} 的填报单位「{}」无法识别，未计入（见问题清单）",
            p.file,
            p.value.as_deref().unwrap_or_default()
        )),
        None if unsent => parts.push("未收到本年度自评表".to_string()),
        _ => {}
    }
    parts.join("；")
}

const LINES: &[&str] = &[
    "序号",
    "单位",
    "类别",
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "计入得分",
    "来源",
    "扣分原因",
    "复核意见",
    "佐证链接",
    "位置",
];

/// 分项得分: every indicator of every object, what it counts, where that came from and
/// the evidence it rests on.
fn lines(a: &Assessment) -> Part<'_> {
    let mut rows = Vec::new();
    let mut n = 0;
    for &i in &ordered(a, &a.objects) {
        let o = &a.objects[i];
        for l in &o.lines {
            n += 1;
            let leaf = &a.indicators.tree.leaves[l.leaf];
            let zeroed = o.zeroed.iter().find(|z| leaf.path.starts_with(&z.group));
            let counted = match (l.value, leaf.points.deduction, zeroed) {
                (None, _, _) => Value::Empty,
                (Some(v), true, _) => Value::score(-v),
                (Some(_), false, Some(_)) => Value::score(0.0),
                (Some(v), false, None) => Value::score(v),
            };
            let (source, at) = origin(l, leaf);
            let source = match zeroed {
                Some(z) => format!("{source}；本办整项计 0 分（{}）", z.place.shown()),
                None => source,
            };
            let mut row = head(n, o, &leaf.path);
            row.extend([
                Value::from(leaf.points.shown()),
                counted,
                Value::from(source),
                Value::from(l.reason.as_ref().or(zeroed.and_then(|z| z.reason.as_ref()))),
                Value::from(l.review.as_ref()),
                Value::from(l.evidence()),
                Value::from(at),
            ]);
            rows.push(row);
        }
        for c in &o.city {
            n += 1;
            let leaf = &a.indicators.tree.leaves[c.leaf];
            let mut row = head(n, o, &leaf.path);
            row.extend([
                Value::from(leaf.points.shown()),
                Value::score(-c.points * a.city_factor),
                Value::from(format!(
                    "市级扣分 {} 分，按 {} 倍扣减",
                    number(c.points),
                    number(a.city_factor)
                )),
                Value::from(c.reason.as_ref()),
                Value::Empty,
                Value::Empty,
                Value::from(c.place.shown()),
            ]);
            rows.push(row);
        }
    }
    Part {
        name: "分项得分",
        title: None,
        header: strings(LINES),
        // The indicator names (on the two lines a row takes for its 位置 anyway), 来源,
        // 扣分原因, 复核意见, 佐证链接, 位置.
        wrap: vec![
            (3, 12.0),
            (4, 20.0),
            (5, 20.0),
            (8, 16.0),
            (9, 16.0),
            (10, 16.0),
            (11, 24.0),
            (12, 40.0),
        ],
        rows,
    }
}

/// 序号, 单位, 类别 and the three levels of an indicator.
fn head<'a>(n: usize, o: &'a Outcome, path: &'a [String]) -> Vec<Value<'a>> {
    let mut row = vec![
        Value::seq(n),
        Value::from(&o.unit),
        Value::from(&o.category),
    ];
    row.extend((0..3).map(|d| Value::from(path.get(d))));
    row
}

/// Where a line's value came from, and the places to look: its cell, or the cells
/// behind a missing value, after a 复核 decision's row.
fn origin(l: &Line, leaf: &Indicator) -> (String, String) {
    let assessor = leaf.assessor.zh();
    let cited = || cited(&l.cited);
    match &l.origin {
        Origin::Sheet(p) => (format!("{assessor}评分"), p.shown()),
        Origin::Computed(basis) => (format!("按报送数据计算：{basis}"), String::new()),
        Origin::Appeal {
            place,
            before,
            missing,
        } => {
            let before = match (before, missing) {
                (Some(v), _) => format!("{} 分", number(*v)),
                (None, Some(why)) => why.zh(),
                (None, None) => "无".to_string(),
            };
            let at = match cited() {
                c if c.is_empty() => place.shown(),
                c => format!("{}；原：{c}", place.shown()),
            };
            (format!("复核调整（原 {before}）"), at)
        }
        // Not 不扣分: the city's deduction of the same item may follow on a line of its own.
        Origin::NotListed { lists, unplaced } if unplaced.is_empty() => {
            let sheets: Vec<String> = (lists.iter())
                .map(|l| format!("{} / {}", l.file, l.sheet))
                .collect();
            (format!("{assessor}扣分名单未列本单位"), sheets.join("；"))
        }
        Origin::NotListed { unplaced, .. } => (
            format!(
                "{assessor}扣分名单未列本单位；同表另有本单位的一行，指标名称无法识别，未计入，请核对"
            ),
            self::cited(unplaced),
        ),
        Origin::Missing(why) => (
            format!("缺评：{}，{}", why.zh(), leaf.if_missing()),
            cited(),
        ),
    }
}

/// Cells, `；`-separated.
fn cited(places: &[crate::assess::Spot]) -> String {
    let shown: Vec<String> = places.iter().map(|p| p.shown()).collect();
    shown.join("；")
}

/// 自评对比: each self-evaluated indicator beside the assessment — a self score refused
/// as out of range too, marked, and no 差值 against an assessment that is missing — with
/// the evidence the unit gave for it.
fn self_evaluations(a: &Assessment) -> Part<'_> {
    let header = strings(&[
        "序号",
        "单位",
        "类别",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "自评得分",
        &format!("{}得分", a.term),
        "差值",
        "说明",
        "佐证链接",
        "自评位置",
    ]);
    let mut rows = Vec::new();
    let mut n = 0;
    for &i in &ordered(a, &a.objects) {
        let o = &a.objects[i];
        let own = |l: &&Line| l.self_value.is_some() || l.self_refused.is_some();
        for l in o.lines.iter().filter(own) {
            n += 1;
            let leaf = &a.indicators.tree.leaves[l.leaf];
            let written = l.self_value.or(l.self_refused).unwrap_or(0.0);
            let (gap, note) = match (l.self_value, l.value, &l.origin) {
                (None, _, _) => (Value::Empty, "自评得分超出分值，未计入自评得分".to_string()),
                (Some(mine), Some(theirs), _) => (Value::score(mine - theirs), String::new()),
                (Some(_), None, Origin::Missing(why)) => {
                    let term = &a.term;
                    (
                        Value::Empty,
                        format!("{term}缺评（{}），不计差值", why.zh()),
                    )
                }
                (Some(_), None, _) => (Value::Empty, format!("{}缺评，不计差值", a.term)),
            };
            let mut row = head(n, o, &leaf.path);
            row.extend([
                Value::from(leaf.points.shown()),
                Value::score(written),
                l.value.map_or(Value::Empty, Value::score),
                gap,
                Value::from(note),
                Value::from(l.self_evidence.as_ref()),
                Value::from(l.self_place.as_ref().map(|p| p.shown())),
            ]);
            rows.push(row);
        }
    }
    Part {
        name: "自评对比",
        title: None,
        header,
        // 说明, 佐证链接, 自评位置.
        wrap: vec![(10, 24.0), (11, 24.0), (12, 40.0)],
        rows,
    }
}

/// 缺评清单: each indicator without a counted score, as published or after 复核 — so
/// that the 公示's “缺评 N 项” can be traced — with the cells behind it and what 复核 did.
fn missing(a: &Assessment) -> Part<'_> {
    let header = strings(&[
        "序号",
        "单位",
        "类别",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        &format!("{}单位", a.term),
        "原因",
        "位置",
        "复核后",
    ]);
    let mut rows = Vec::new();
    let mut n = 0;
    for &i in &ordered(a, &a.objects) {
        let (o, before) = (&a.objects[i], &a.published[i]);
        for (l, was) in o.lines.iter().zip(&before.lines) {
            if l.value.is_some() && was.value.is_some() {
                continue;
            }
            n += 1;
            let leaf = &a.indicators.tree.leaves[l.leaf];
            let why = match (&was.origin, &l.origin) {
                (Origin::Missing(why), _) | (_, Origin::Missing(why)) => why.zh(),
                _ => String::new(),
            };
            // The score as one phrase on its own line, the decision's row below it: a path
            // moves down whole and would take the 分 with it.
            let after = match (l.value, &l.origin) {
                (None, _) => format!("仍缺评，{}", leaf.if_missing().replace(' ', "")),
                (Some(v), Origin::Appeal { place, .. }) => {
                    format!("复核后计{}分\n（{}）", number(v), place.shown())
                }
                (Some(v), _) => format!("计{}分", number(v)),
            };
            let mut row = head(n, o, &leaf.path);
            row.extend([
                Value::from(leaf.points.shown()),
                Value::from(leaf.assessor.zh()),
                Value::from(why),
                Value::from(cited(&was.cited)),
                Value::from(after),
            ]);
            rows.push(row);
        }
    }
    Part {
        name: "缺评清单",
        title: None,
        header,
        wrap: vec![(8, 24.0), (9, 40.0), (10, 30.0)],
        rows,
    }
}

/// 复核情况: every row of the appeals table and what became of it.
fn appeals(a: &Assessment) -> Part<'_> {
    let header = strings(&[
        "序号",
        "单位",
        "指标",
        "申请日期",
        "复核截止",
        "复核得分",
        "复核意见",
        "处理",
        "位置",
    ]);
    let mut rows = Vec::new();
    for (n, appeal) in a.appeals.iter().enumerate() {
        // A refused row shows its cells as written.
        let date = appeal
            .date
            .map_or_else(|| Value::from(&appeal.date_text), Value::from);
        let score = appeal
            .score
            .map_or_else(|| Value::from(&appeal.score_text), Value::score);
        rows.push(vec![
            Value::seq(n + 1),
            Value::from(&appeal.object),
            Value::from(&appeal.indicator),
            date,
            Value::from(a.deadline),
            score,
            Value::from(appeal.note.as_ref()),
            Value::Text(a.in_terms(appeal.status.zh())),
            Value::from(appeal.place.shown()),
        ]);
    }
    Part {
        name: "复核情况",
        title: None,
        header,
        // 复核意见, 位置.
        wrap: vec![(6, 20.0), (8, 40.0)],
        rows,
    }
}
