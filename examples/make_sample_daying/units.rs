//! The 64 units of seed 001 Annex 1 (大英县 2018) with their targets, categories,
//! aliases and the names they sign their titles with, plus the pace each is given
//! in the sample. Annex 1 is printed as two side-by-side column pairs; `LEFT` and
//! `RIGHT` keep its printed order so targets.xlsx can be laid out exactly as printed.

/// (name, target) down the left pair of Annex 1.
pub const LEFT: [(&str, u32); 32] = [
    ("政府办", 240),
    ("信访局", 70),
    ("政务服务中心", 200),
    ("热线办", 140),
    ("审计局", 140),
    ("人社局", 240),
    ("国土局", 240),
    ("民政局", 240),
    ("安监局", 240),
    ("档案局", 30),
    ("残联", 120),
    ("公用事业局", 180),
    ("工业集中发展区", 240),
    ("文旅产业园", 140),
    ("城东社区", 240),
    ("城西社区", 240),
    ("执法局", 240),
    ("旅游局", 200),
    ("统计局", 140),
    ("住建局", 240),
    ("房管局", 70),
    ("教育局", 240),
    ("卫计局", 240),
    ("科技局", 70),
    ("文广新局", 240),
    ("发改局", 240),
    ("重点办", 70),
    ("规划局", 180),
    ("交运局", 240),
    ("环保局", 240),
    ("投促局", 180),
    ("经信局", 240),
];

/// (name, target) down the right pair of Annex 1.
pub const RIGHT: [(&str, u32); 32] = [
    ("商务局", 200),
    ("财政局", 240),
    ("国税局", 200),
    ("地税局", 200),
    ("工商质监局", 240),
    ("食药监局", 240),
    ("农办", 180),
    ("回马工业园区", 140),
    ("现代农业园区", 140),
    ("粮食局", 140),
    ("公安局", 240),
    ("司法局", 140),
    ("农业局", 240),
    ("林业局", 240),
    ("水务局", 240),
    ("畜牧局", 240),
    ("供销社", 90),
    ("气象局", 180),
    ("扶贫移民局", 200),
    ("台办", 20),
    ("志办", 20),
    ("蓬莱镇", 240),
    ("隆盛镇", 240),
    ("河边镇", 240),
    ("回马镇", 240),
    ("玉峰镇", 240),
    ("象山镇", 240),
    ("卓筒井镇", 240),
    ("天保镇", 240),
    ("金元镇", 240),
    ("通仙乡", 210),
    ("智水乡", 210),
];

/// The total Annex 1 declares under its last row: `合  计 12360条`.
pub const DECLARED_TOTAL: u32 = 12360;

/// The towns (镇/乡), which sign titles with their own name.
pub const TOWNS: [&str; 11] = [
    "蓬莱镇",
    "隆盛镇",
    "河边镇",
    "回马镇",
    "玉峰镇",
    "象山镇",
    "卓筒井镇",
    "天保镇",
    "金元镇",
    "通仙乡",
    "智水乡",
];

const PARKS: [&str; 4] = [
    "回马工业园区",
    "现代农业园区",
    "工业集中发展区",
    "文旅产业园",
];
const COMMUNITIES: [&str; 2] = ["城东社区", "城西社区"];
const VERTICAL: [&str; 3] = ["国税局", "地税局", "气象局"];

/// How a unit's year-to-date items compare with the pro-rata share of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    Near,
    Behind,
    /// Items in January–March, nothing in April.
    SilentInApril,
    /// Nothing sent at all.
    Silent,
}

impl Pace {
    /// The pace as the truth file names it.
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::Near => "near",
            Pace::Behind => "behind",
            Pace::SilentInApril => "nothing_in_april",
            Pace::Silent => "nothing_at_all",
        }
    }
}

const AHEAD: [&str; 21] = [
    "政府办",
    "政务服务中心",
    "民政局",
    "安监局",
    "统计局",
    "教育局",
    "卫计局",
    "发改局",
    "交运局",
    "财政局",
    "国税局",
    "公安局",
    "林业局",
    "水务局",
    "扶贫移民局",
    "蓬莱镇",
    "隆盛镇",
    "卓筒井镇",
    "天保镇",
    "城东社区",
    "供销社",
];
const BEHIND: [&str; 19] = [
    "审计局",
    "公用事业局",
    "文旅产业园",
    "城西社区",
    "旅游局",
    "房管局",
    "科技局",
    "投促局",
    "商务局",
    "气象局",
    "回马工业园区",
    "现代农业园区",
    "粮食局",
    "畜牧局",
    "志办",
    "玉峰镇",
    "象山镇",
    "通仙乡",
    "智水乡",
];

/// One unit of the sample.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: &'static str,
    pub target: u32,
    pub category: &'static str,
    pub aliases: &'static [&'static str],
    /// The formal name used in titles, e.g. 大英县民政局.
    pub formal: String,
    /// The everyday name used in news titles, e.g. 县民政局.
    pub short: String,
    pub pace: Pace,
}

/// All 64 units in Annex 1 order: the left pair top to bottom, then the right pair.
pub fn all() -> Vec<UnitSpec> {
    LEFT.iter()
        .chain(RIGHT.iter())
        .map(|&(name, target)| UnitSpec {
            name,
            target,
            category: category(name),
            aliases: aliases(name),
            formal: formal(name),
            short: short(name),
            pace: pace(name),
        })
        .collect()
}

fn category(name: &str) -> &'static str {
    if name.ends_with('镇') || name.ends_with('乡') {
        "乡镇"
    } else if PARKS.contains(&name) {
        "园区"
    } else if COMMUNITIES.contains(&name) {
        "社区"
    } else if VERTICAL.contains(&name) {
        "垂直管理"
    } else {
        "部门"
    }
}

fn pace(name: &str) -> Pace {
    match name {
        "台办" => Pace::Silent,
        "档案局" | "重点办" => Pace::SilentInApril,
        n if AHEAD.contains(&n) => Pace::Ahead,
        n if BEHIND.contains(&n) => Pace::Behind,
        _ => Pace::Near,
    }
}

/// Other spellings a 2018 Sichuan county office meets for each unit; never shared.
fn aliases(name: &str) -> &'static [&'static str] {
    match name {
        "政府办" => &["县政府办", "县政府办公室", "大英县人民政府办公室"],
        "信访局" => &["县信访局"],
        "政务服务中心" => &["县政务服务中心", "政务中心"],
        "热线办" => &["12345热线办", "县长热线办公室"],
        "人社局" => &["人力资源和社会保障局", "县人社局"],
        "国土局" => &["国土资源局"],
        "安监局" => &["安全生产监督管理局"],
        "残联" => &["残疾人联合会", "县残联"],
        "公用事业局" => &["公用事业管理局"],
        "工业集中发展区" => &["工业集中发展区管委会"],
        "文旅产业园" => &["死海文旅产业园", "文旅产业园管委会"],
        "城东社区" => &["城东社区管委会"],
        "城西社区" => &["城西社区管委会"],
        "执法局" => &["城市管理行政执法局", "城管执法局"],
        "住建局" => &["住房和城乡建设局"],
        "房管局" => &["房地产管理局"],
        "卫计局" => &["卫生和计划生育局", "县卫计局"],
        "科技局" => &["科学技术局"],
        "文广新局" => &["文化广电新闻出版局"],
        "发改局" => &["县发改委", "发展改革局", "县发展和改革局"],
        "重点办" => &["重点项目办公室", "县重点办"],
        "规划局" => &["城乡规划局"],
        "交运局" => &["交通运输局"],
        "环保局" => &["环境保护局"],
        "投促局" => &["投资促进局"],
        "经信局" => &["经济和信息化局"],
        "国税局" => &["国家税务局"],
        "地税局" => &["地方税务局"],
        "工商质监局" => &["工商和质量技术监督局"],
        "食药监局" => &["食品药品监督管理局"],
        "农办" => &["农村工作办公室", "县委农办"],
        "回马工业园区" => &["回马工业园区管委会"],
        "现代农业园区" => &["现代农业园区管委会"],
        "畜牧局" => &["畜牧食品局"],
        "供销社" => &["供销合作社联合社", "县供销社"],
        "扶贫移民局" => &["扶贫和移民工作局"],
        "台办" => &["台湾事务办公室"],
        "志办" => &["地方志办公室", "县志办"],
        "蓬莱镇" => &["蓬莱镇人民政府"],
        "隆盛镇" => &["隆盛镇人民政府"],
        "河边镇" => &["河边镇人民政府"],
        "回马镇" => &["回马镇人民政府"],
        "玉峰镇" => &["玉峰镇人民政府"],
        "象山镇" => &["象山镇人民政府"],
        "卓筒井镇" => &["卓筒井镇人民政府"],
        "天保镇" => &["天保镇人民政府"],
        "金元镇" => &["金元镇人民政府"],
        "通仙乡" => &["通仙乡人民政府"],
        "智水乡" => &["智水乡人民政府"],
        _ => &[],
    }
}

fn formal(name: &str) -> String {
    let full = match name {
        "政府办" => "人民政府办公室",
        "热线办" => "12345政府服务热线办公室",
        "人社局" => "人力资源和社会保障局",
        "国土局" => "国土资源局",
        "安监局" => "安全生产监督管理局",
        "残联" => "残疾人联合会",
        "执法局" => "城市管理行政执法局",
        "住建局" => "住房和城乡建设局",
        "房管局" => "房地产管理局",
        "卫计局" => "卫生和计划生育局",
        "文广新局" => "文化广电新闻出版局",
        "发改局" => "发展和改革局",
        "重点办" => "重点项目办公室",
        "交运局" => "交通运输局",
        "环保局" => "环境保护局",
        "投促局" => "投资促进局",
        "经信局" => "经济和信息化局",
        "工商质监局" => "工商和质量技术监督局",
        "食药监局" => "食品药品监督管理局",
        "农办" => "委农村工作办公室",
        "供销社" => "供销合作社联合社",
        "扶贫移民局" => "扶贫和移民工作局",
        "志办" => "地方志办公室",
        other => other,
    };
    match category(name) {
        "乡镇" => format!("{name}人民政府"),
        "园区" | "社区" => format!("大英县{name}管委会"),
        _ => format!("大英县{full}"),
    }
}

fn short(name: &str) -> String {
    match category(name) {
        "乡镇" | "园区" | "社区" => name.to_string(),
        _ => match name {
            "农办" => "县委农办".to_string(),
            "热线办" => "县12345热线办".to_string(),
            _ => format!("县{name}"),
        },
    }
}

/// The pro-rata share of an annual target after `months` months, halves rounded up.
pub fn pro_rata(target: u32, months: u32) -> u32 {
    (target * months * 2 + 12) / 24
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pro_rata_rounds_halves_up() {
        assert_eq!(pro_rata(30, 3), 8);
        assert_eq!(pro_rata(70, 4), 23);
        assert_eq!(pro_rata(20, 4), 7);
        assert_eq!(pro_rata(240, 12), 240);
    }

    #[test]
    fn annex_rows_sum_to_the_declared_total() {
        let sum: u32 = all().iter().map(|u| u.target).sum();
        assert_eq!(sum, DECLARED_TOTAL);
    }
}
