//! Labels: what a header cell, a total cell or a note line says, whatever its spelling.
//!
//! Units type the same label many ways (`单    位`, `目标任务数量（条）`, `*标题`), so every
//! comparison here goes through `normalise_label` first. The synonym table is the one
//! place where a label becomes a `Field`; columns are never matched by position.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Attr, Field, Role};
use crate::normalise::text::without_pinyin;
use crate::normalise::values::{is_numeral, small_number};
use crate::read::Cell;

/// Every label each field answers to, already in normalised form.
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Seq, &["序号", "编号", "序", "顺序号", "no", "no."]),
    (
        Field::Title,
        &[
            "标题",
            "信息标题",
            "题目",
            "文章标题",
            "信息名称",
            "新闻标题",
            "文件标题",
            "文件名称",
            "政府信息标题",
            "政府信息名称",
            "公开信息标题",
            "信息标题名称",
        ],
    ),
    (
        Field::Date,
        &[
            "发布日期",
            "日期",
            "发布时间",
            "公开日期",
            "信息发布日期",
            "时间",
            "公开时间",
            "上网日期",
            "上网时间",
            "发布日",
            "信息发布时间",
        ],
    ),
    (
        Field::Arose,
        &[
            "成文日期",
            "成文时间",
            "生成日期",
            "生成时间",
            "发生日期",
            "发生时间",
            "形成日期",
            "形成时间",
            "产生日期",
            "信息生成日期",
            "信息形成日期",
            "信息产生日期",
            "事件发生日期",
        ],
    ),
    (
        Field::Section,
        &[
            "栏目",
            "所属栏目",
            "领域",
            "公开栏目",
            "栏目名称",
            "政务公开领域",
            "试点领域",
            "发布栏目",
            "信息栏目",
            "所属领域",
            "公开领域",
            "所属栏目名称",
        ],
    ),
    (
        Field::Unit,
        &[
            "单位",
            "报送单位",
            "填报单位",
            "责任单位",
            "单位名称",
            "发布单位",
            "发布机构",
            "部门",
            "部门名称",
            "报送部门",
            "责任部门",
            "发布部门",
            "乡镇",
            "乡镇部门",
            "单位部门",
            "填报部门",
            "来源单位",
            // Score sheets name the unit scored so.
            "被考核单位",
            "被评估单位",
            "考核对象",
            "评估对象",
            "参评单位",
            "评价对象",
        ],
    ),
    (
        Field::Link,
        &[
            "链接",
            "网址",
            "url",
            "链接地址",
            "网页地址",
            "网页链接",
            "信息链接",
            "原文链接",
            "访问地址",
            "网站链接",
            "链接网址",
            "网址链接",
            "信息网址",
            "发布网址",
            "发布链接",
        ],
    ),
    (
        Field::Count,
        &[
            "数量",
            "条数",
            "目标任务数量",
            "目标任务",
            "信息数量",
            "发布数量",
            "目标数",
            "任务数",
            "目标任务数",
            "发布条数",
            "信息条数",
            "公开数量",
            "公开条数",
            "任务数量",
            "目标任务条数",
            "本月数量",
            "本月条数",
            "本月发布数",
            "本月发布数量",
            "本月信息数",
            "本月公开信息数",
            "本期数量",
            "本期条数",
            "更新数量",
            "更新条数",
            "公开信息条数",
            "公开信息数量",
            "发布信息条数",
            "发布信息数量",
            "信息发布数量",
            "信息公开数量",
        ],
    ),
    (
        Field::Month,
        &[
            "月份",
            "统计期间",
            "所属月份",
            "统计月份",
            "报送月份",
            "所属期间",
            "报送期间",
            "统计时段",
            "月",
        ],
    ),
    // The annual assessment: indicator tables, score sheets, 复核 decisions.
    (
        Field::Indicator,
        &[
            "指标",
            "指标名称",
            "考核指标",
            "评估指标",
            "评价指标",
            "考核项目",
            "评估项目",
            "评分项目",
            "考核内容",
            "评估内容",
            "考核事项",
        ],
    ),
    (
        Field::Indicator1,
        &["一级指标", "一级指标名称", "一级考核指标", "一级评估指标"],
    ),
    (
        Field::Indicator2,
        &["二级指标", "二级指标名称", "二级考核指标", "二级评估指标"],
    ),
    (
        Field::Indicator3,
        &["三级指标", "三级指标名称", "三级考核指标", "三级评估指标"],
    ),
    (
        Field::Points,
        &[
            "分值",
            "满分",
            "标准分",
            "标准分值",
            "指标分值",
            "权重",
            "分值权重",
            "倒扣分值",
        ],
    ),
    (
        Field::Level1Points,
        &["一级分值", "一级指标分值", "合计分值"],
    ),
    (
        Field::Rule,
        &[
            "评分细则",
            "评分标准",
            "评分办法",
            "评分说明",
            "评分要求",
            "考核标准",
            "考核细则",
            "考核要求",
            "评估标准",
            "评价标准",
        ],
    ),
    (
        Field::Assessor,
        &[
            "考核单位",
            "考核部门",
            "评分单位",
            "评分部门",
            "考评单位",
            "评估单位",
            "考核主体",
            "牵头考核单位",
        ],
    ),
    (
        Field::Applies,
        &[
            "适用对象",
            "适用范围",
            "适用类别",
            "适用单位",
            "适用单位类别",
            "对象类别",
        ],
    ),
    (
        Field::DataSource,
        &["数据来源", "得分来源", "取数来源", "计分来源"],
    ),
    (
        Field::Evidence,
        &[
            "佐证链接",
            "佐证材料",
            "佐证",
            "佐证材料链接",
            "佐证网址",
            "佐证资料",
            "佐证要求",
            "证明材料",
        ],
    ),
    (
        Field::Score,
        &[
            "得分",
            "考核得分",
            "自评得分",
            "评估得分",
            "评价得分",
            "考评得分",
            "自查得分",
            "实际得分",
            "评定得分",
            "自评分",
            "评分",
        ],
    ),
    (Field::Deducted, &["扣分", "扣分值", "扣减分值", "倒扣分"]),
    (
        Field::TotalScore,
        &[
            "总分",
            "总得分",
            "合计得分",
            "得分合计",
            "综合得分",
            "考核总分",
            "评估总分",
            "自评总分",
            "最终得分",
        ],
    ),
    (
        Field::Reason,
        &[
            "扣分原因",
            "扣分理由",
            "扣分说明",
            "扣分情况",
            "扣分依据",
            "失分原因",
            "得分说明",
        ],
    ),
    (Field::CityDeduction, &["市级扣分", "上级扣分", "市上扣分"]),
    (
        Field::AppliedOn,
        &[
            "申请日期",
            "申请时间",
            "复核申请日期",
            "申请复核日期",
            "提出日期",
        ],
    ),
    (
        Field::ReviewScore,
        &["复核得分", "复核后得分", "调整后得分", "复核分数"],
    ),
    (
        Field::ReviewNote,
        &["复核意见", "复核说明", "复核结果", "处理意见"],
    ),
    (
        Field::Alias,
        &[
            "别名",
            "简称",
            "其他名称",
            "别称",
            "曾用名",
            "单位别名",
            "单位简称",
        ],
    ),
    (
        Field::Category,
        &["类别", "单位类别", "类型", "分类", "单位类型", "单位分类"],
    ),
    (
        Field::Level1,
        &["一级栏目", "一级", "一级栏目名称", "一级目录"],
    ),
    (
        Field::Level2,
        &["二级栏目", "二级", "二级栏目名称", "二级目录"],
    ),
    (
        Field::Level3,
        &["三级栏目", "三级", "三级栏目名称", "三级目录"],
    ),
    (
        Field::Content,
        &["公开内容", "内容", "信息内容", "主要内容", "公开内容要求"],
    ),
    (
        Field::Responsible,
        &[
            "保障单位",
            "牵头单位",
            "内容保障单位",
            "保障部门",
            "牵头部门",
            "信息保障单位",
        ],
    ),
    (
        Field::Frequency,
        &[
            "更新频率",
            "更新周期",
            "频率",
            "更新频次",
            "更新时限",
            "更新要求",
        ],
    ),
    (
        Field::Matter,
        &[
            "事项名称",
            "公开事项",
            "事项",
            "公开事项名称",
            "政务公开事项",
        ],
    ),
    (Field::MatterLevel1, &["一级事项", "一级事项名称"]),
    (Field::MatterLevel2, &["二级事项", "二级事项名称"]),
    (
        Field::Basis,
        &["公开依据", "依据", "政策依据", "法律依据", "法规依据"],
    ),
    (Field::TimeLimit, &["公开时限", "时限", "公开期限"]),
    (
        Field::Subject,
        &["公开主体", "主体", "公开责任主体", "责任主体"],
    ),
    (Field::Manner, &["公开方式", "方式"]),
    (
        Field::Channel,
        &[
            "公开渠道和载体",
            "公开渠道",
            "公开渠道及载体",
            "公开渠道与载体",
            "渠道和载体",
            "渠道",
            "公开载体",
            "载体",
        ],
    ),
    (Field::Audience, &["公开对象", "对象", "公开范围"]),
    (Field::Remark, &["备注", "备注说明"]),
    (Field::Role, &["联系人", "联系人类别", "人员类别"]),
    (Field::Person(Attr::Name), &["姓名", "名字"]),
    (Field::Person(Attr::Post), &["职务", "职位", "职务职称"]),
    (
        Field::Person(Attr::OfficePhone),
        &["办公电话", "办公室电话", "固定电话", "座机", "电话"],
    ),
    (
        Field::Person(Attr::Mobile),
        &["手机", "手机号码", "手机号", "移动电话"],
    ),
    (Field::Person(Attr::Qq), &["qq", "qq号", "qq号码"]),
    (Field::Person(Attr::Contact), &["联系方式", "联系电话"]),
    (Field::UnitPhone, &["单位电话", "单位联系电话"]),
    (Field::Office, &["承办科室", "科室", "承办股室"]),
];

/// The words that name a contact's role, normalised: as a row's label in a contact form,
/// or as a block's label over 姓名, 职务 … in a two-row header.
const ROLES: &[(Role, &[&str])] = &[
    (
        Role::Leader,
        &["分管领导", "分管负责人", "分管负责同志", "分管领导同志"],
    ),
    (
        Role::Liaison,
        &[
            "信息工作人员",
            "联络人",
            "联系人",
            "联络员",
            "具体负责人",
            "工作人员",
            "信息员",
            "经办人",
        ],
    ),
];

/// The role a label or cell names, after `normalise_label`.
pub(super) fn role_of(text: &str) -> Option<Role> {
    let key = normalise_label(text);
    ROLES
        .iter()
        .find(|(_, words)| words.contains(&key.as_str()))
        .map(|(role, _)| *role)
}

/// The label of a role's attribute, as a two-row header shows it.
pub(super) fn role_attr_zh(role: Role, attr: Attr) -> &'static str {
    match (role, attr) {
        (Role::Leader, Attr::Name) => "分管领导姓名",
        (Role::Leader, Attr::Post) => "分管领导职务",
        (Role::Leader, Attr::OfficePhone) => "分管领导办公电话",
        (Role::Leader, Attr::Mobile) => "分管领导手机",
        (Role::Leader, Attr::Qq) => "分管领导QQ",
        (Role::Leader, Attr::Contact) => "分管领导联系方式",
        (Role::Liaison, Attr::Name) => "信息工作人员姓名",
        (Role::Liaison, Attr::Post) => "信息工作人员职务",
        (Role::Liaison, Attr::OfficePhone) => "信息工作人员办公电话",
        (Role::Liaison, Attr::Mobile) => "信息工作人员手机",
        (Role::Liaison, Attr::Qq) => "信息工作人员QQ",
        (Role::Liaison, Attr::Contact) => "信息工作人员联系方式",
    }
}

/// Whether a cell of a choice column (公开方式/主动) is ticked: anything but a blank, a
/// cross or a no.
pub(super) fn is_ticked(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && !["×", "✗", "✘", "x", "X", "否", "无", "/", "-", "—", "○"].contains(&t)
}

static BY_LABEL: LazyLock<HashMap<&'static str, Field>> = LazyLock::new(|| {
    SYNONYMS
        .iter()
        .flat_map(|(field, labels)| labels.iter().map(move |l| (*l, *field)))
        .collect()
});

/// The first characters of the known labels.
static FIRSTS: LazyLock<HashSet<char>> =
    LazyLock::new(|| BY_LABEL.keys().filter_map(|l| l.chars().next()).collect());

/// The field a column label stands for, after `normalise_label`; `None` when unknown.
pub(crate) fn field_of(label: &str) -> Option<Field> {
    // The header search asks this of every cell of the first rows, item titles among
    // them: most fail on their first character, before the whole text is converted.
    let first = first_label_char(label)?;
    if first.is_ascii_digit() {
        return month_count(label).then_some(Field::Count);
    }
    if !FIRSTS.contains(&first) {
        return None;
    }
    BY_LABEL.get(normalise_label(label).as_str()).copied()
}

/// Whether a label is a month's count: `4月数量`, `2018年4月发布条数`, `4月信息数量`.
fn month_count(label: &str) -> bool {
    static COUNT: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        let what = "数量|条数|发布条数|发布数量|发布数|信息数量|信息条数|信息数";
        regex::Regex::new(&format!(r"^(\d{{4}}年)?\d{{1,2}}月份?({what})$")).ok()
    });
    let t = normalise_label(label);
    COUNT.as_ref().is_some_and(|c| c.is_match(&t))
}

/// A label reduced to what it says: no spaces of any kind, half-width ASCII, simplified
/// characters, lower case, `（）` as `()`, without inline pinyin (`發(fā)布日期`, seed
/// 004), a trailing colon, a trailing `(条)` or `(必填)`, or the `*` that marks a required
/// column.
pub(crate) fn normalise_label(label: &str) -> String {
    let mut s = squash(label);
    if s.contains('(') && !s.is_ascii() {
        s = without_pinyin(&s);
    }
    s.make_ascii_lowercase();
    loop {
        let before = s.len();
        s = s
            .trim_end_matches([':', '*'])
            .trim_start_matches(['*', '※', '★', '▲'])
            .to_string();
        if let Some(open) = trailing_bracket(&s) {
            s.truncate(open);
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The first character of [`normalise_label`]`(text)` when that is not empty, found
/// without converting the whole text: every row of a sheet is asked whether it repeats
/// the header, and most of its cells are not labels. A character converts as in the
/// whole text, since `fast2s` looks at one neighbour on each side.
pub(super) fn first_label_char(text: &str) -> Option<char> {
    let mut chars = text.char_indices().peekable();
    let mut prev = 0;
    while let Some((at, c)) = chars.next() {
        let end = chars.peek().map_or(text.len(), |&(i, n)| i + n.len_utf8());
        let simplified = if c.is_ascii() {
            c
        } else {
            let window = fast2s::convert(&text[prev..end]);
            let nth = usize::from(prev < at);
            window.chars().nth(nth).unwrap_or(c)
        };
        prev = at;
        if is_space(simplified) {
            continue;
        }
        let c = half_width(simplified).to_ascii_lowercase();
        // A bracket may open pinyin that normalising drops ((biaoti)标题): the rare
        // text that starts so is normalised whole.
        if c == '(' {
            return normalise_label(text).chars().next();
        }
        if !matches!(c, '*' | '※' | '★' | '▲') {
            return Some(c);
        }
    }
    None
}

/// Whitespace of every kind removed, full-width ASCII made half-width, traditional
/// characters made simplified (offices such as seed 004's write `標題`, `合計`, `填報單位`).
pub(super) fn squash(text: &str) -> String {
    let simplified = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fast2s::convert(text))
    };
    simplified
        .chars()
        .filter(|c| !is_space(*c))
        .map(half_width)
        .collect()
}

/// Spaces as they occur in sheets: ASCII, NBSP, U+3000, and the invisible BOM and
/// zero-width characters that web exports leave inside labels.
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
}

/// Full-width ASCII (U+FF01–U+FF5E) and CJK brackets as their ASCII forms.
pub(super) fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        _ => c,
    }
}

/// The byte index of the bracket opening a parenthetical that ends `s`, when
/// something comes before it: `数量(条)` gives 6, `(条)` gives `None`.
fn trailing_bracket(s: &str) -> Option<usize> {
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return (i > 0).then_some(i);
            }
        }
    }
    None
}

/// What a 合计-type row sums: everything before it, or only the rows since the last total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TotalKind {
    /// 合计 / 总计 / 共计.
    Grand,
    /// 小计.
    Sub,
}

const KEYWORDS: [(&str, TotalKind); 4] = [
    ("合计", TotalKind::Grand),
    ("总计", TotalKind::Grand),
    ("共计", TotalKind::Grand),
    ("小计", TotalKind::Sub),
];

/// Whether a cell is a total label: `合  计`, `小计：`, `全县合计`, `合计12360条`.
///
/// A long text that merely mentions 合计 (an item title) is not one. `alone` says the
/// cell is the only one of its row (a 序号 aside): only then do the forms an item's title
/// or remark may take count as totals — a place and a count (`6月合计：3条`), a count in
/// words (`合计：共4条信息`, `合计：四条`), a sentence (`共5条`, `本月共报送信息5条`).
pub(super) fn total_kind(text: &str, alone: bool) -> Option<TotalKind> {
    // The keyword is whole in a label: before one of its 计 (spaces aside) comes 合, 总,
    // 共 or 小, or a traditional form of one. Texts without, even those with 计 (计划,
    // 统计), are ruled out before the whole text is converted; and 计 and 計 share their
    // first byte, which memchr finds without decoding each character.
    let keyword_head = |c: char| {
        // Converted beside the 计 that follows it, as in the whole label.
        let pair = fast2s::convert(&format!("{c}计"));
        KEYWORDS.iter().any(|(kw, _)| pair.starts_with(&kw[..3]))
    };
    let has_keyword = memchr::memchr_iter("计".as_bytes()[0], text.as_bytes())
        .filter(|&at| text[at..].starts_with(['计', '計']))
        .any(|at| {
            text[..at]
                .chars()
                .rev()
                .find(|c| !is_space(*c))
                .is_some_and(keyword_head)
        });
    if !has_keyword {
        // Titles begin with 本 often (本县…): only one with 条 is converted.
        let first = text.trim_start().chars().next();
        let sentence = alone
            && first.is_some_and(|c| "共本全今".contains(c) || c.is_ascii_digit())
            && text.contains(['条', '條', '篇']);
        return (sentence && states_the_count(&normalise_label(text))).then_some(TotalKind::Grand);
    }
    label_total_kind(&normalise_label(text), alone)
}

/// The count a total's label states after its keyword: `合计：4条`, `合计：共4条信息`,
/// `合计：四条`, `本月共报送信息5条`; not the period before it (`2022年6月合计`).
pub(crate) fn stated_count(label: &str) -> Option<Cell> {
    // After the keyword's 计, not a running total's (合计：3条（1-4月累计12条）).
    let keyword = label.char_indices().find(|&(at, c)| {
        let head = label[..at].trim_end_matches(is_space);
        matches!(c, '计' | '計') && head.ends_with(['合', '总', '總', '共', '小'])
    });
    // A sentence's after its 共 (4月份共发布信息5条 states 5, not 4).
    let after = match keyword {
        Some((at, c)) => &label[at + c.len_utf8()..],
        None => (label.split_once('共'))
            .or_else(|| label.rsplit_once(['计', '計']))
            .map_or(label, |(_, after)| after),
    };
    let after: String = after.chars().map(half_width).collect();
    // The first number only: `合计：4条（其中部门动态2条）` states 4.
    let number = after.trim_start_matches(|c: char| !c.is_ascii_digit() && !is_numeral(c));
    let digits: String = (number.chars())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    if !digits.is_empty() {
        return Some(Cell::Text(digits.into()));
    }
    let numerals: String = number.chars().take_while(|&c| is_numeral(c)).collect();
    let value = small_number(&numerals).map(|n| Cell::Number(n.into()));
    (!numerals.is_empty()).then(|| value.unwrap_or(Cell::Text(numerals.into())))
}

/// The periods a sentence stating a count may begin with: `本月共报送信息5条`, and the
/// year's running figure `全年共25条`.
const SENTENCE_PERIODS: [&str; 7] = ["本月", "本期", "本季度", "全年", "本年度", "本年", "今年"];

/// Whether a line without 合计 states how many items the list holds: `共5条`,
/// `本月共报送信息5条`, `本月报送信息共4条。`, `本期共发布信息三条`, `全年共25条`.
fn states_the_count(t: &str) -> bool {
    static MONTH: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"^(\d{4}年)?\d{1,2}月份?").ok());
    let words = |t: &str| {
        let t = ["报送", "发布", "公开"]
            .iter()
            .find_map(|w| t.strip_prefix(w))
            .unwrap_or(t);
        let info = ["政务公开信息", "政府信息", "政务信息", "信息"];
        info.iter()
            .find_map(|w| t.strip_prefix(w))
            .unwrap_or(t)
            .to_string()
    };
    let month = MONTH
        .as_ref()
        .and_then(|m| m.find(t))
        .map(|m| &t[m.end()..]);
    let t = (SENTENCE_PERIODS.iter())
        .find_map(|w| t.strip_prefix(w))
        .or(month)
        .unwrap_or(t);
    let t = words(t);
    let Some(t) = t.strip_prefix('共') else {
        return false;
    };
    let t = words(t);
    let number = t
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || is_numeral(c));
    number && states_a_count(&t)
}

/// [`total_kind`] of a label already normalised.
fn label_total_kind(t: &str, alone: bool) -> Option<TotalKind> {
    // What the keyword closes may come before it, its count after it: `6月合计：3条`.
    // Beside other cells, as before: 合计 alone, with a place or period before it, or
    // with its count in digits after it (`合计12360条`).
    let digits =
        |after: &str| (after.chars()).all(|c| c.is_ascii_digit() || ":,.条项个件()".contains(c));
    for (kw, kind) in KEYWORDS {
        let Some((before, after)) = t.split_once(kw) else {
            continue;
        };
        let placed = before.is_empty() || total_place(before);
        let counted = if alone {
            states_a_count(after)
        } else {
            (before.is_empty() || after.is_empty()) && digits(after)
        };
        if placed && counted {
            return Some(kind);
        }
    }
    None
}

/// Whether a label is a running total: 累计 alone or after the time it runs to or since
/// (全年累计, 本年累计：25条, 4月累计, 1-4月累计, 截至4月底累计), or a total of months
/// (一至四月合计, 截至目前合计) — a figure the rows of a month's list need not add up to.
/// 4月合计 is April's total, 全年合计 a year's list's. In a 单位 column (`named`), the unit
/// may come first: 财政局全年累计.
pub(super) fn is_running_total(text: &str, named: bool) -> bool {
    static SINCE: LazyLock<Option<(regex::Regex, regex::Regex)>> = LazyLock::new(|| {
        let month = r"(\d{1,2}|[一二三四五六七八九十]{1,3})月份?";
        let since = format!(
            r"^(\d{{4}}年)?(年初(至今)?|截至?(本月|本期|目前|{month}(底|末)?)|(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月?[-至到~]{month})$"
        );
        let to = format!(r"^(\d{{4}}年)?(全年|年度|本年度?|今年(以来)?|{month}(底|末)?)?$");
        Some((
            regex::Regex::new(&since).ok()?,
            regex::Regex::new(&to).ok()?,
        ))
    });
    let Some((since, to)) = SINCE.as_ref() else {
        return false;
    };
    if !text.contains(['累', '纍', '计', '計', '共']) {
        return false;
    }
    let t = normalise_label(text);
    // A sentence: 1-4月共发布信息25条, 截至4月底共发布信息25条.
    if let Some((before, _)) = t.split_once('共')
        && since.is_match(before)
        && states_the_count(&t[before.len()..])
    {
        return true;
    }
    // What comes before the keyword; in a 单位 column, also what of it follows the unit.
    let tails = |before: &str| -> Vec<String> {
        let mut tails = vec![before.to_string()];
        if named {
            let ends = before.char_indices().skip(1).take(12);
            tails.extend(ends.map(|(i, _)| before[i..].to_string()));
            tails.push(String::new());
        }
        tails
    };
    if let Some((before, after)) = t.split_once("累计") {
        let runs = |b: &String| since.is_match(b) || to.is_match(b);
        return tails(before).iter().any(runs) && states_a_count(after);
    }
    (KEYWORDS.iter()).any(|(kw, _)| {
        (t.split_once(kw)).is_some_and(|(before, after)| {
            tails(before).iter().any(|b| since.is_match(b)) && states_a_count(after)
        })
    })
}

/// Whether a label is a keyword alone (合计, 小 计, 总计：): all a total's label may be on a
/// row with a full date, where anything more (4月合计, 一至四月合计) is an item's title.
pub(super) fn is_bare_total(text: &str) -> bool {
    let t = normalise_label(text);
    KEYWORDS.iter().any(|(kw, _)| t == *kw)
}

/// Whether a label names what it totals at more length than [`total_kind`] takes for a
/// place (a section: 政策文件解读合计, 政策文件解读小计：2条): only beside a count, as an item
/// whose date is missing may have 合计 in its title (老年人补贴合计).
pub(super) fn named_total(text: &str) -> Option<TotalKind> {
    if !text.contains(['计', '計']) {
        return None;
    }
    let t = normalise_label(text);
    KEYWORDS.iter().find_map(|&(kw, kind)| {
        let (before, after) = t.split_once(kw)?;
        let named = (5..=12).contains(&before.chars().count()) && before.chars().all(is_cjk);
        (named && states_a_count(after)).then_some(kind)
    })
}

/// Whether the text after 合计 in a label is nothing or a count: `4条`, `：共4条信息`,
/// `：共计3条`, `：四条`, `：共4篇。`.
fn states_a_count(rest: &str) -> bool {
    // What follows a count and a comma: `9条，其中部门动态3条`.
    let rest = (rest.split_once("其中"))
        .filter(|(head, _)| head.ends_with([',', '，', ';', '；']))
        .map_or(rest, |(head, _)| {
            head.trim_end_matches([',', '，', ';', '；'])
        });
    let rest = rest
        .trim_start_matches([':', ','])
        .trim_end_matches(['。', '.']);
    let rest = ["共计", "共"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let rest = rest.strip_suffix("信息").unwrap_or(rest);
    (rest.chars()).all(|c| c.is_ascii_digit() || is_numeral(c) || ":,.条项个件篇()".contains(c))
}

/// Whether a total's label names a period before its keyword (`5月合计`, `二季度合计：3条`):
/// the total of a part of the sheet.
pub(super) fn names_a_period(label: &str) -> bool {
    let period = |b: &str| PERIOD.as_ref().is_some_and(|p| p.is_match(b));
    total_prefix(label).is_some_and(|b| !b.ends_with("全年") && period(&b))
}

/// Whether a total's label names the year before its keyword (全年合计, 2018年合计), or
/// a sentence stating a count begins with it (全年共25条).
pub(super) fn names_the_year(label: &str) -> bool {
    total_prefix(label).is_some_and(|b| is_year(&b))
}

/// Whether the words before a total's keyword are a year: 全年, 本年度, 2018年.
fn is_year(prefix: &str) -> bool {
    static YEAR: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        regex::Regex::new(r"^(\d{4}年)?(全年|年度|本年度?|今年)$|^\d{4}年度?$").ok()
    });
    YEAR.as_ref().is_some_and(|y| y.is_match(prefix))
}

/// What a total's label names before its keyword (`财政局` of `财政局合计：9条`), if anything.
pub(super) fn total_prefix(label: &str) -> Option<String> {
    let t = normalise_label(label);
    // Or a sentence's before its 共: 4月份共发布信息5条.
    let before = (KEYWORDS.iter())
        .find_map(|(kw, _)| t.split_once(kw).map(|(b, _)| b))
        .or_else(|| t.split_once('共').map(|(b, _)| b))?;
    (!before.is_empty()).then(|| before.to_string())
}

/// The month a total's label names before its keyword (`5月合计`, `2018年5月份小计`).
pub(super) fn named_month(label: &str) -> Option<u32> {
    static MONTH: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"^(\d{4}年)?(\d{1,2})月份?$").ok());
    let before = total_prefix(label)?;
    let found = MONTH.as_ref()?.captures(&before)?;
    found[2].parse().ok().filter(|m| (1..=12).contains(m))
}

/// Whether `prefix` says what a total closes, as a label puts it before 合计 or 小计: a
/// place or group of a few characters (全县, 乡镇), or a period (4月, 4月份, 2022年6月,
/// 2022年第二季度). Any other text before 合计 is an item title (2022年部门预算合计,
/// 老年人补贴合计).
static PERIOD: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
    regex::Regex::new(r"^(\d{4}年)?(\d{1,2}月份?|第?[一二三四1-4]季度|[上下]半年|全年)$").ok()
});

fn total_place(prefix: &str) -> bool {
    let place = prefix.chars().count() <= 4 && prefix.chars().all(is_cjk);
    place || PERIOD.as_ref().is_some_and(|p| p.is_match(prefix)) || is_year(prefix)
}

/// Words that open a note or signature line. The colon is optional, but the word
/// must not run on into other Chinese text: `负责人带队检查` is an item title.
const NOTE_WORDS: &[&str] = &[
    "注",
    "说明",
    "备注",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "单位负责人",
    "主要负责人",
    "分管领导",
    "联系人",
    "联系电话",
    "签字",
    "盖章",
    "制表",
    "填表",
    "审核",
    "复核人",
    "经办人",
    "统计人",
    "填报日期",
    "填表日期",
    "报送日期",
    "制表日期",
    "日期",
];

/// Whether the first non-empty cell of a row opens a note or signature line.
pub(super) fn is_note(text: &str) -> bool {
    // The unit's name over its seal: `大英县教育局（盖章）`.
    let text = text.trim_end();
    if text.ends_with("盖章）") || text.ends_with("盖章)") {
        return true;
    }
    // Every row asks this of its first cell, and most are titles: look at the first
    // character before converting the whole text.
    let first = text
        .chars()
        .find(|c| !is_space(*c) && !matches!(half_width(*c), '(' | '['));
    let Some(first) = first else {
        return false;
    };
    let first = fast2s::convert(first.encode_utf8(&mut [0; 4]));
    if !NOTE_WORDS.iter().any(|w| w.starts_with(first.as_str())) {
        return false;
    }
    let squashed = squash(text);
    let s = squashed.trim_start_matches(['(', '[']);
    if s.starts_with("填表说明") {
        return true;
    }
    // The original spacing matters: `填表人 张三` is a signature, `负责人带队` is not.
    let spaced: String = fast2s::convert(text.trim())
        .chars()
        .map(half_width)
        .collect();
    let spaced = spaced.trim_start_matches(['(', '[']);
    NOTE_WORDS.iter().any(|w| {
        let ends_word = |rest: &str| rest.chars().next().is_none_or(|c| !is_cjk(c));
        let squashed_ok = s.strip_prefix(w).is_some_and(ends_word);
        let spaced_ok = spaced
            .strip_prefix(w)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_space);
        squashed_ok || spaced_ok
    })
}

/// A column label naming a month: `4月`, `4月份`, `2018年4月`, `四月`.
pub(super) fn is_month_label(text: &str) -> bool {
    let squashed = squash(text);
    let s = squashed.strip_suffix('份').unwrap_or(&squashed);
    let Some(s) = s.strip_suffix('月') else {
        return false;
    };
    // After the year, if any: `2018年4`.
    let s = s.rsplit_once('年').map_or(s, |(_, m)| m);
    small_number(s).is_some_and(|m| (1..=12).contains(&m))
}

/// Whether a count column's label names a month: `信息数量（条）/1月` under a two-row
/// header, `数量（1月）`, `1月数量`, `1月(条)` — a column of a table laid across months.
pub(super) fn names_a_month(label: &str) -> bool {
    static MONTH: LazyLock<Option<regex::Regex>> = LazyLock::new(|| {
        let month = r"(\d{1,2}|[一二三四五六七八九十]{1,3})月份?";
        regex::Regex::new(&format!(
            r"(^|/|\(){month}($|\)|\(|数|条|信息|发布|公开|更新)"
        ))
        .ok()
    });
    // Not `normalise_label`, which drops a bracket at the end.
    let t = squash(label).replace('（', "(").replace('）', ")");
    let Some(found) = MONTH.as_ref().and_then(|m| m.captures(&t)) else {
        return false;
    };
    small_number(&found[2]).is_some_and(|m| (1..=12).contains(&m))
}

/// A CJK ideograph (basic block and extension A).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Known labels with marks around them, and texts that begin or end like one.
        #[test]
        fn field_of_looks_up_the_whole_label(
            label in prop::sample::select(BY_LABEL.keys().copied().collect::<Vec<_>>()),
            before in r"[ *※]{0,2}",
            after in r"[ :：*]{0,2}|\(条\)",
            noise in r"[標題题關于單位日期數]{1,3}",
            shape in 0..3u8,
        ) {
            let text = match shape {
                0 => format!("{before}{label}{after}"),
                1 => format!("{noise}{label}"),
                _ => format!("{label}{noise}"),
            };
            let whole = BY_LABEL.get(normalise_label(&text).as_str()).copied();
            prop_assert_eq!(field_of(&text), whole);
        }

        /// Keywords in traditional forms, split by spaces, after a place or inside a
        /// title, and beside characters that convert by their neighbours.
        #[test]
        fn total_kind_is_that_of_the_whole_label(
            before in r"[全县乾关于]{0,2}",
            head in r"[合閤闔總縂总共小统划]",
            spaces in r"[ \x{3000}]{0,2}",
            key in r"[计計]",
            after in r"[：:（）()12条项著畫划家]{0,3}",
        ) {
            let text = format!("{before}{head}{spaces}{key}{after}");
            for alone in [true, false] {
                let whole = label_total_kind(&normalise_label(&text), alone);
                prop_assert_eq!(total_kind(&text, alone), whole);
            }
        }

        /// Spaces, marks, brackets, full-width letters and the characters `fast2s`
        /// converts by their neighbours (`乾隆`, `藉口`, `計畫`), in any order.
        #[test]
        fn first_label_char_is_the_first_of_the_label(
            text in r"[ \x{3000}\x{a0}\x{feff}*※★▲:：()（）\[\]【】aAＡ１标題题乾隆藉口計畫著看闔家]{0,8}"
        ) {
            if let Some(first) = normalise_label(&text).chars().next() {
                prop_assert_eq!(first_label_char(&text), Some(first));
            }
        }
    }

    /// The case proptest found: a bracketed Latin letter that normalising takes for pinyin.
    #[test]
    fn a_leading_bracket_of_pinyin_is_dropped_as_normalising_drops_it() {
        for text in ["（Ａ）[▲", "(biaoti)标题", "（试行）标题"] {
            let first = normalise_label(text).chars().next();
            assert_eq!(first_label_char(text), first, "{text}");
        }
    }

    #[test]
    fn synonyms_map_to_their_fields() {
        let cases = [
            ("序号", Field::Seq),
            ("信息标题", Field::Title),
            ("文章标题", Field::Title),
            ("信息名称", Field::Title),
            ("公开日期", Field::Date),
            ("时间", Field::Date),
            ("试点领域", Field::Section),
            ("政务公开领域", Field::Section),
            ("责任单位", Field::Unit),
            ("发布机构", Field::Unit),
            ("URL", Field::Link),
            ("网页地址", Field::Link),
            ("目标任务", Field::Count),
            ("目标数", Field::Count),
            ("统计期间", Field::Month),
            ("简称", Field::Alias),
            ("单位类别", Field::Category),
            ("一级栏目", Field::Level1),
            ("二级栏目", Field::Level2),
            ("三级栏目", Field::Level3),
            ("公开内容", Field::Content),
            ("牵头单位", Field::Responsible),
            ("更新周期", Field::Frequency),
            ("公开事项", Field::Matter),
            ("公开内容（要素）", Field::Content),
            ("公开渠道和载体", Field::Channel),
            ("联系方式", Field::Person(Attr::Contact)),
            ("QQ", Field::Person(Attr::Qq)),
            ("单位（签章）", Field::Unit),
        ];
        for (label, field) in cases {
            assert_eq!(field_of(label), Some(field), "{label}");
        }
    }

    /// Seed 002's catalogue element, which earlier versions took for a section's 更新频率.
    #[test]
    fn the_time_limit_of_a_catalogue_is_never_an_update_frequency() {
        assert_eq!(field_of("公开时限"), Some(Field::TimeLimit));
        assert_eq!(field_of("更新频率"), Some(Field::Frequency));
        assert_eq!(field_of("网址链接"), Some(Field::Link));
    }

    #[test]
    fn a_choice_is_ticked_by_anything_but_a_blank_a_cross_or_a_no() {
        assert!(is_ticked("√") && is_ticked("✓") && is_ticked("是"));
        assert!(!is_ticked("") && !is_ticked(" ") && !is_ticked("×") && !is_ticked("否"));
    }

    #[test]
    fn roles_are_read_from_labels_and_cells() {
        assert_eq!(role_of("分管领导"), Some(Role::Leader));
        assert_eq!(role_of("信息工作人员"), Some(Role::Liaison));
        assert_eq!(role_of("联 络 人"), Some(Role::Liaison));
        assert_eq!(role_of("局长"), None);
    }

    #[test]
    fn labels_match_through_spaces_nbsp_and_full_width() {
        assert_eq!(field_of("单    位"), Some(Field::Unit));
        assert_eq!(field_of("单\u{3000}\u{3000}位"), Some(Field::Unit));
        assert_eq!(field_of("\u{a0}标 题\u{a0}"), Some(Field::Title));
        assert_eq!(field_of("\u{feff}序号"), Some(Field::Seq));
        assert_eq!(field_of("ＵＲＬ"), Some(Field::Link));
        assert_eq!(field_of("url"), Some(Field::Link));
    }

    #[test]
    fn trailing_units_and_required_marks_are_dropped() {
        assert_eq!(field_of("目标任务数量(条)"), Some(Field::Count));
        for label in [
            "本月数量",
            "本月条数",
            "本月发布数",
            "本月信息数",
            "更新数量",
            "本月公开信息数",
            "公开信息条数",
            "4月数量",
            "2018年4月发布条数",
            "4月信息数量",
        ] {
            assert_eq!(field_of(label), Some(Field::Count), "{label}");
        }
        assert_eq!(field_of("目标任务数量（条）"), Some(Field::Count));
        assert_eq!(field_of("标题（必填）"), Some(Field::Title));
        assert_eq!(field_of("*标题"), Some(Field::Title));
        assert_eq!(field_of("标题*"), Some(Field::Title));
        assert_eq!(field_of("发布日期【必填】"), Some(Field::Date));
        assert_eq!(field_of("数量(条)(必填)"), Some(Field::Count));
        assert_eq!(field_of("标题："), Some(Field::Title));
        assert_eq!(normalise_label("(条)"), "(条)");
    }

    #[test]
    fn unknown_labels_and_values_map_to_nothing() {
        assert_eq!(field_of("阅读量"), None);
        assert_eq!(field_of(""), None);
        assert_eq!(field_of("填报单位：民政局"), None);
        assert_eq!(field_of("民政局"), None);
        assert_eq!(field_of("名称"), None);
    }

    #[test]
    fn total_labels_tolerate_spaces_and_prefixes() {
        assert_eq!(total_kind("合  计", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("总计：", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("共计", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("小　计", true), Some(TotalKind::Sub));
        assert_eq!(total_kind("全县合计", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("乡镇小计", true), Some(TotalKind::Sub));
        assert_eq!(total_kind("合计12360条", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计（条）", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计：共4条信息", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计：四条", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计：共二十一条", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计：共计3条", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("合计：５条", true), Some(TotalKind::Grand));
        // A period or place before the keyword and a count after it.
        for label in [
            "6月合计：3条",
            "全县合计：3条",
            "二季度合计：3条",
            "2022年第二季度合计：共3条",
        ] {
            assert_eq!(total_kind(label, true), Some(TotalKind::Grand), "{label}");
        }
        assert_eq!(total_kind("4月份小计：3条", true), Some(TotalKind::Sub));
        for label in [
            "共5条",
            "本月共报送信息5条",
            "本期共发布信息三条",
            "共 12 条信息",
            "全年共25条",
            "本年共发布信息25条",
            "本月共发布政务信息9条",
            "4月份共发布信息9条",
            "2018年4月份共发布信息9条",
            "合计：9条，其中部门动态3条",
            "本月共报送信息9条，其中部门动态3条",
        ] {
            assert_eq!(total_kind(label, true), Some(TotalKind::Grand), "{label}");
        }
        for title in [
            "本县召开会议",
            "共青团工作会议",
            "本月共召开3次会议",
            "共5条措施出台",
            "全年共发放补贴资金500万元",
        ] {
            assert_eq!(total_kind(title, true), None, "{title}");
        }
        for label in [
            "本月共报送信息4条。",
            "合计：共4条。",
            "本月报送信息共4条",
            "共4篇",
        ] {
            assert_eq!(total_kind(label, true), Some(TotalKind::Grand), "{label}");
        }
        // Beside other cells of its row (a title with its date, a remark), only the forms
        // no title or remark takes: items were taken for totals and lost.
        for text in [
            "共5条",
            "本月共报送信息5条",
            "6月合计：3条",
            "合计：四条",
            "合计：共4条信息",
        ] {
            assert_eq!(total_kind(text, false), None, "{text}");
        }
        for label in [
            "合计",
            "合计：",
            "4月合计",
            "全县合计",
            "合计12360条",
            "小计",
        ] {
            assert!(total_kind(label, false).is_some(), "{label}");
        }
        // A period before the keyword: 汤阴's 4月合计 was counted as 8 more items.
        assert_eq!(total_kind("4月合计", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("2022年6月合计", true), Some(TotalKind::Grand));
        assert_eq!(total_kind("4月份小计", true), Some(TotalKind::Sub));
        assert_eq!(
            total_kind("2022年第二季度合计", true),
            Some(TotalKind::Grand)
        );
    }

    #[test]
    fn titles_mentioning_totals_are_not_totals() {
        assert_eq!(total_kind("2026年全县财政收支合计情况公告", true), None);
        assert_eq!(
            total_kind("关于公布2025年度政府信息公开工作年度报告的通知合计", true),
            None
        );
        assert_eq!(total_kind("合计数说明", true), None);
        assert_eq!(total_kind("2026年全县财政收支合计", true), None);
        // Item titles whose text before 合计 is no period nor place.
        for title in [
            "2022年部门预算合计",
            "老年人补贴合计",
            "二季度经费合计",
            "2022年6月低保金合计",
        ] {
            assert_eq!(total_kind(title, true), None, "{title}");
        }
        assert_eq!(total_kind("12360", true), None);
    }

    #[test]
    fn notes_and_signature_lines_are_recognised() {
        for text in [
            "注：请于每月5日前报送",
            "注:",
            "注1．本表数据截至月底",
            "说明：",
            "填表说明：1.标题必须完整",
            "备注：无",
            "填表人：张三",
            "填表人 张三",
            "填 表 人：张三",
            "审核人:李四",
            "联系电话：13800000000",
            "联系电话13800000000",
            "（盖章）",
            "签字：",
            "负责人",
            "填报日期：2018年5月2日",
            "日期：2018-05-02",
        ] {
            assert!(is_note(text), "{text}");
        }
    }

    #[test]
    fn titles_starting_with_note_words_are_not_notes() {
        for text in [
            "注册资本登记办事指南",
            "注重民生保障工作动态",
            "负责人带队检查安全生产",
            "说明会召开情况",
            "审核通过名单公示",
            "日期变更通知",
        ] {
            assert!(!is_note(text), "{text}");
        }
    }
}
