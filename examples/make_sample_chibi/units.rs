//! The 18 responsible units of seed 002 Annex 1 (赤壁市 2020). Canonical names are short;
//! the annex writes them with the 赤壁市 prefix, which zwgk strips, except for two names
//! only an alias reaches: 咸宁市生态环境局赤壁市分局 (a city bureau's branch) and
//! 赤壁市场监督管理局 (the notice's own typo for 赤壁市市场监督管理局).

/// How a unit's output compares with the pro-rata share of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    Near,
    Behind,
    /// Counts for January–September, nothing for October.
    QuietInOctober,
}

impl Pace {
    /// The pace as the truth file names it.
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::Near => "near",
            Pace::Behind => "behind",
            Pace::QuietInOctober => "nothing_in_october",
        }
    }
}

/// One unit of the units table.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: &'static str,
    /// The name as Annex 1 prints it.
    pub annex: &'static str,
    pub aliases: &'static [&'static str],
    pub category: &'static str,
    pub target: u32,
    pub pace: Pace,
    /// What its titles are about.
    pub topics: &'static [&'static str],
}

const DEPARTMENT: &str = "部门";

#[allow(clippy::too_many_arguments)]
const fn unit(
    name: &'static str,
    annex: &'static str,
    aliases: &'static [&'static str],
    category: &'static str,
    target: u32,
    pace: Pace,
    topics: &'static [&'static str],
) -> UnitSpec {
    UnitSpec {
        name,
        annex,
        aliases,
        category,
        target,
        pace,
        topics,
    }
}

use Pace::*;

/// Every unit, in the order of Annex 1.
pub fn all() -> Vec<UnitSpec> {
    UNITS.to_vec()
}

const UNITS: [UnitSpec; 18] = [
    unit(
        "发改局",
        "赤壁市发改局",
        &["发展和改革局", "赤壁市发展和改革局"],
        DEPARTMENT,
        180,
        Near,
        &[
            "城区道路改造",
            "产业园基础设施",
            "农村饮水安全",
            "学校建设",
            "长江大保护",
        ],
    ),
    unit(
        "公共资源交易中心",
        "赤壁市公共资源交易中心",
        &["交易中心"],
        "事业单位",
        240,
        Ahead,
        &[
            "政府采购项目",
            "工程建设项目",
            "国有土地使用权出让",
            "医疗设备采购",
        ],
    ),
    unit(
        "教育局",
        "赤壁市教育局",
        &[],
        DEPARTMENT,
        200,
        Near,
        &[
            "学生资助",
            "义务教育学校划片",
            "教师招聘",
            "农村学生营养改善计划",
        ],
    ),
    unit(
        "公安局",
        "赤壁市公安局",
        &[],
        DEPARTMENT,
        150,
        Near,
        &["居民身份证办理", "户口迁移", "新生儿落户"],
    ),
    unit(
        "民政局",
        "赤壁市民政局",
        &[],
        DEPARTMENT,
        200,
        Ahead,
        &["城乡低保", "特困供养", "临时救助", "养老服务"],
    ),
    unit(
        "司法局",
        "赤壁市司法局",
        &[],
        DEPARTMENT,
        120,
        Behind,
        &["法律援助", "人民调解", "公证服务"],
    ),
    unit(
        "财政局",
        "赤壁市财政局",
        &[],
        DEPARTMENT,
        160,
        Near,
        &["政府采购", "预算公开", "惠民惠农资金"],
    ),
    unit(
        "人社局",
        "赤壁市人社局",
        &["人力资源和社会保障局", "赤壁市人力资源和社会保障局"],
        DEPARTMENT,
        200,
        Near,
        &["城乡居民养老保险", "失业保险", "工伤保险", "稳岗返还"],
    ),
    unit(
        "自然资源和规划局",
        "赤壁市自然资源和规划局",
        &["自然资源局"],
        DEPARTMENT,
        150,
        Near,
        &["控制性详细规划", "村庄规划", "土地征收"],
    ),
    unit(
        "生态环境分局",
        "咸宁市生态环境局赤壁市分局",
        &["咸宁市生态环境局赤壁市分局", "生态环境局赤壁分局"],
        "垂直管理",
        150,
        Ahead,
        &["大气污染防治", "长江流域禁捕", "饮用水水源地保护"],
    ),
    unit(
        "住建局",
        "赤壁市住建局",
        &["住房和城乡建设局", "赤壁市住房和城乡建设局"],
        DEPARTMENT,
        240,
        Near,
        &[
            "城区供水管网改造",
            "老旧小区改造",
            "城区道路维修",
            "雨污分流改造",
        ],
    ),
    unit(
        "农业农村局",
        "赤壁市农业农村局",
        &[],
        DEPARTMENT,
        180,
        Near,
        &["耕地地力保护补贴", "农机购置补贴", "稻谷目标价格补贴"],
    ),
    unit(
        "文旅局",
        "赤壁市文旅局",
        &["文化和旅游局", "赤壁市文化和旅游局"],
        DEPARTMENT,
        150,
        Behind,
        &["送戏下乡", "全民阅读", "非遗展演"],
    ),
    unit(
        "卫健局",
        "赤壁市卫健局",
        &["卫生健康局", "赤壁市卫生健康局"],
        DEPARTMENT,
        240,
        Ahead,
        &[
            "新冠肺炎疫情防控",
            "家庭医生签约服务",
            "基本公共卫生服务",
            "医疗机构校验",
        ],
    ),
    unit(
        "应急管理局",
        "赤壁市应急管理局",
        &["应急局"],
        DEPARTMENT,
        150,
        Near,
        &["危险化学品安全", "防汛抗旱", "森林防火", "烟花爆竹安全"],
    ),
    unit(
        "市场监督管理局",
        "赤壁市场监督管理局",
        &["赤壁市场监督管理局", "市场监管局"],
        DEPARTMENT,
        200,
        Near,
        &["食品安全", "药品安全", "特种设备安全"],
    ),
    unit(
        "税务局",
        "赤壁市税务局",
        &["国家税务总局赤壁市税务局"],
        "垂直管理",
        120,
        QuietInOctober,
        &["减税降费", "社会保险费征缴", "个人所得税"],
    ),
    unit(
        "扶贫办",
        "赤壁市扶贫办",
        &["扶贫开发办公室", "赤壁市扶贫开发办公室"],
        DEPARTMENT,
        180,
        Near,
        &["扶贫小额信贷", "产业扶贫", "消费扶贫"],
    ),
];
