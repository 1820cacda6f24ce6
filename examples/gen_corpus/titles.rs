//! Titles of published government information, 10–40 characters, built from the
//! templates units really use × the unit × its topics. The kind of a title (news,
//! announcement, notice, document, interpretation, plan, budget) decides its 栏目.

use chrono::{Datelike, NaiveDate};

use crate::rng::Rng;
use crate::units::{UnitSpec, VILLAGES};

/// What a title announces, with how often units publish it (per thousand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    News,
    Public,
    Notice,
    Doc,
    Reading,
    Plan,
    Budget,
}

const KINDS: [(Kind, u32); 7] = [
    (Kind::News, 560),
    (Kind::Public, 200),
    (Kind::Notice, 100),
    (Kind::Doc, 60),
    (Kind::Reading, 45),
    (Kind::Plan, 25),
    (Kind::Budget, 10),
];

const DEPT_NEWS: &[&str] = &[
    "{u}召开{t}工作会议",
    "{u}召开{t}工作推进会",
    "{u}扎实推进{t}工作",
    "{u}开展{t}专项检查",
    "{u}安排部署{m}月份{t}工作",
    "{u}组织开展{t}业务培训",
    "{u}深入基层调研{t}工作",
    "{u}多措并举抓好{t}",
    "{u}开展{t}宣传活动",
    "{u}召开{t}工作联席会议",
    "{u}全力做好{t}工作",
    "{u}{m}月份{t}工作取得新进展",
];

const TOWN_NEWS: &[&str] = &[
    "{u}召开{t}工作会议",
    "{u}{v}开展{t}工作",
    "{u}扎实推进{t}",
    "{u}领导班子到{v}督导{t}工作",
    "{u}{v}召开{t}院坝会",
    "{u}{m}月份{t}工作有序推进",
    "{u}组织{v}干部群众开展{t}",
];

const DEPT_PUBLIC: &[&str] = &[
    "{u}关于{t}情况的公示",
    "{u}{y}年{m}月{t}情况公示",
    "{u}关于{t}有关事项的公告",
    "{u}{y}年第{n}批{t}公示",
];

const TOWN_PUBLIC: &[&str] = &[
    "{u}{v}{y}年{m}月村务公开",
    "{u}{v}{y}年{m}月财务公开",
    "{u}关于{v}{t}的公示",
    "{u}{y}年第{n}批{t}公示",
];

const NOTICE: &[&str] = &[
    "{u}关于做好{y}年{t}工作的通知",
    "{u}关于开展{t}专项检查的通知",
    "{u}关于进一步加强{t}工作的通知",
    "{u}关于做好{m}月份{t}工作的通知",
];

const DOC: &[&str] = &[
    "{u}关于印发《{y}年{t}工作方案》的通知",
    "{u}关于印发《{t}实施细则》的通知",
    "{u}关于印发《{t}考核办法》的通知",
];

const READING: &[&str] = &[
    "《{u}关于{t}的实施意见》政策解读",
    "一图读懂{u}{t}政策",
    "{u}{t}政策问答",
];

const PLAN: &[&str] = &["{u}{y}年{t}工作计划", "{u}{y}年{t}工作要点"];

const BUDGET: &[&str] = &[
    "{u}{y}年部门预算公开",
    "{u}{y}年“三公”经费预算情况说明",
    "{u}{p}年部门决算公开",
];

/// The website sections of the corpus: (一级, 二级, 公开内容, 保障单位, 更新频率).
pub const SECTIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("工作动态", "部门动态", "各部门工作动态", "各部门", "每周"),
    ("工作动态", "乡镇动态", "各乡镇工作动态", "各乡镇", "每周"),
    (
        "通知公告",
        "通知",
        "面向社会发布的通知",
        "各乡镇、各部门",
        "每月",
    ),
    (
        "通知公告",
        "公示公告",
        "各类公示、公告",
        "各乡镇、各部门",
        "每月",
    ),
    (
        "政策文件",
        "部门文件",
        "部门规范性文件和其他文件",
        "各部门",
        "每季度",
    ),
    (
        "政策文件",
        "乡镇文件",
        "乡镇规范性文件和其他文件",
        "各乡镇",
        "每季度",
    ),
    ("政策解读", "", "重要政策文件的解读材料", "各部门", "每季度"),
    (
        "规划计划",
        "年度计划",
        "年度工作计划和工作要点",
        "各乡镇、各部门",
        "每年",
    ),
    (
        "财政信息",
        "财政预决算",
        "部门和乡镇预决算、“三公”经费",
        "各乡镇、各部门",
        "每年",
    ),
];

/// One generated title and the 栏目 it goes under.
pub struct Title {
    pub text: String,
    pub section: &'static str,
}

/// A title for `unit` dated `date`, 10–40 characters.
pub fn title(unit: &UnitSpec, date: NaiveDate, rng: &mut Rng) -> Title {
    loop {
        let kind = match pick_kind(rng) {
            // Towns do not interpret policy; what they publish instead is a notice.
            Kind::Reading if unit.is_town => Kind::Notice,
            kind => kind,
        };
        let template = *rng.pick(templates(kind, unit.is_town));
        let text = fill(template, unit, date, rng);
        let len = text.chars().count();
        if (10..=40).contains(&len) {
            return Title {
                text,
                section: section(kind, unit.is_town),
            };
        }
    }
}

fn pick_kind(rng: &mut Rng) -> Kind {
    let mut roll = rng.below(1000) as u32;
    for (kind, weight) in KINDS {
        if roll < weight {
            return kind;
        }
        roll -= weight;
    }
    Kind::News
}

fn templates(kind: Kind, town: bool) -> &'static [&'static str] {
    match (kind, town) {
        (Kind::News, false) => DEPT_NEWS,
        (Kind::News, true) => TOWN_NEWS,
        (Kind::Public, false) => DEPT_PUBLIC,
        (Kind::Public, true) => TOWN_PUBLIC,
        (Kind::Notice, _) => NOTICE,
        (Kind::Doc, _) => DOC,
        (Kind::Reading, _) => READING,
        (Kind::Plan, _) => PLAN,
        (Kind::Budget, _) => BUDGET,
    }
}

/// The 二级 (or 一级) section name of `SECTIONS` a kind of title goes under.
fn section(kind: Kind, town: bool) -> &'static str {
    match (kind, town) {
        (Kind::News, false) => "部门动态",
        (Kind::News, true) => "乡镇动态",
        (Kind::Public, _) => "公示公告",
        (Kind::Notice, _) => "通知",
        (Kind::Doc, false) => "部门文件",
        (Kind::Doc, true) => "乡镇文件",
        (Kind::Reading, _) => "政策解读",
        (Kind::Plan, _) => "年度计划",
        (Kind::Budget, _) => "财政预决算",
    }
}

fn fill(template: &str, unit: &UnitSpec, date: NaiveDate, rng: &mut Rng) -> String {
    let signature: &String = rng.pick(&unit.signatures);
    let mut out = template.replace("{u}", signature);
    let replacements: [(&str, String); 6] = [
        ("{t}", rng.pick(&unit.topics).to_string()),
        ("{v}", rng.pick(VILLAGES).to_string()),
        ("{m}", date.month().to_string()),
        ("{y}", date.year().to_string()),
        ("{p}", (date.year() - 1).to_string()),
        ("{n}", rng.between(1, 12).to_string()),
    ];
    for (key, value) in replacements {
        if out.contains(key) {
            out = out.replace(key, &value);
        }
    }
    out
}
