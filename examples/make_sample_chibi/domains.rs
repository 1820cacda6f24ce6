//! Seed 002 Annex 1, 26个试点领域基层政务公开目录责任分工表: 18 numbered rows, one per
//! responsible unit, with the domains as printed (ordinals, the suffix 领域, the typo
//! 救灾生产). Some rows hold several domains in one cell; others give each domain a row
//! of its own under a 序号 and 责任单位 merged down, as the annex is often retyped.

/// The 26 domains in the State Council's order, by their canonical names.
pub const CANONICAL: [&str; 26] = [
    "重大建设项目",
    "公共资源交易",
    "义务教育",
    "户籍管理",
    "社会救助",
    "养老服务",
    "公共法律服务",
    "财政预决算",
    "就业",
    "社会保险",
    "城乡规划",
    "农村集体土地征收",
    "生态环境",
    "保障性住房",
    "国有土地上房屋征收与补偿",
    "农村危房改造",
    "市政服务",
    "城市综合执法",
    "涉农补贴",
    "公共文化服务",
    "卫生健康",
    "安全生产",
    "救灾",
    "食品药品监管",
    "税收管理",
    "扶贫",
];

/// Domain `i` as Annex 1 prints it, without its ordinal: what zwgk names the section.
pub fn written(i: usize) -> String {
    let printed = GROUPS
        .iter()
        .flat_map(|g| g.printed.iter().zip(g.domains))
        .find(|(_, d)| **d == i)
        .map_or(CANONICAL[i], |(p, _)| *p);
    printed
        .split_once(')')
        .map_or(printed, |(_, name)| name)
        .to_string()
}

/// How a numbered row lays out its domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cells {
    /// All its domains in one cell, one per line.
    OneCell,
    /// One row per domain; 序号 and 责任单位 merged down over them.
    RowEach,
}

/// One numbered row of Annex 1: 序号, the domains as printed, the unit as printed.
pub struct Group {
    pub seq: u32,
    pub printed: &'static [&'static str],
    /// Index into `CANONICAL` of each printed domain.
    pub domains: &'static [usize],
    /// The unit's canonical name.
    pub unit: &'static str,
    pub cells: Cells,
}

const fn g(
    seq: u32,
    printed: &'static [&'static str],
    domains: &'static [usize],
    unit: &'static str,
    cells: Cells,
) -> Group {
    Group {
        seq,
        printed,
        domains,
        unit,
        cells,
    }
}

use Cells::*;

/// The 18 rows of Annex 1.
pub const GROUPS: [Group; 18] = [
    g(1, &["(一)重大建设项目领域"], &[0], "发改局", OneCell),
    g(
        2,
        &["(二)公共资源交易领域"],
        &[1],
        "公共资源交易中心",
        OneCell,
    ),
    g(3, &["(三)义务教育领域"], &[2], "教育局", OneCell),
    g(4, &["(四)户籍管理领域"], &[3], "公安局", OneCell),
    g(
        5,
        &["(五)社会救助领域", "(六)养老服务领域"],
        &[4, 5],
        "民政局",
        OneCell,
    ),
    g(6, &["(七)公共法律服务领域"], &[6], "司法局", OneCell),
    g(7, &["(八)财政预决算领域"], &[7], "财政局", OneCell),
    g(
        8,
        &["(九)就业领域", "(十)社会保险领域"],
        &[8, 9],
        "人社局",
        OneCell,
    ),
    g(
        9,
        &["(十一)城乡规划领域", "(十二)农村集体土地征收"],
        &[10, 11],
        "自然资源和规划局",
        OneCell,
    ),
    g(10, &["(十三)生态环境领域"], &[12], "生态环境分局", OneCell),
    g(
        11,
        &[
            "(十四)保障住房领域",
            "(十五)国有土地上房屋征收与补偿领域",
            "(十六)农村危房改造领域",
            "(十七)市政服务领域",
            "(十八)城市综合执法领域",
        ],
        &[13, 14, 15, 16, 17],
        "住建局",
        RowEach,
    ),
    g(12, &["(十九)涉农补贴领域"], &[18], "农业农村局", OneCell),
    g(13, &["(二十)公共文化服务领域"], &[19], "文旅局", OneCell),
    g(14, &["(二十一)卫生健康领域"], &[20], "卫健局", OneCell),
    g(
        15,
        &["(二十二)安全生产领域", "(二十三)救灾生产领域"],
        &[21, 22],
        "应急管理局",
        RowEach,
    ),
    g(
        16,
        &["(二十四)食品药品监管领域"],
        &[23],
        "市场监督管理局",
        OneCell,
    ),
    g(17, &["(二十五)税收管理领域"], &[24], "税务局", OneCell),
    g(18, &["(二十六)扶贫领域"], &[25], "扶贫办", OneCell),
];

/// Title templates for items of each domain, by index into `CANONICAL`.
pub const TITLES: [&[&str]; 26] = [
    &[
        "{u}关于赤壁市{t}项目批准结果的公示",
        "赤壁市{y}年重大建设项目{m}月进展情况",
        "{u}{t}项目招标投标信息（{y}-{n}）",
    ],
    &[
        "赤壁市{t}中标候选人公示（{y}-{n}）",
        "赤壁市{t}招标公告（{y}-{n}）",
        "赤壁市{t}成交结果公告（{y}-{n}）",
    ],
    &[
        "赤壁市{y}年秋季义务教育招生工作情况",
        "{u}关于{y}年{t}的公示（第{n}批）",
        "{u}{t}政策解读",
    ],
    &[
        "{u}{t}办理指南",
        "{u}关于{t}便民措施的公告",
        "{u}户籍业务{m}月办理情况",
    ],
    &[
        "{u}{y}年{m}月城乡低保资金发放情况公示",
        "{u}{y}年{m}月特困人员供养资金发放公示",
        "{u}{y}年第{n}批临时救助名单公示",
    ],
    &[
        "{u}{y}年{m}月高龄津贴发放公示",
        "赤壁市养老服务机构名录（{y}年{m}月更新）",
        "{u}关于开展养老院服务质量检查的通知（{y}-{n}）",
    ],
    &[
        "{u}{y}年{m}月法律援助案件办理情况",
        "赤壁市公共法律服务机构名录（{y}年{m}月更新）",
        "{u}{t}服务指南",
    ],
    &[
        "赤壁市{y}年{m}月财政收支情况",
        "{u}关于{t}的公告（{y}-{n}）",
        "赤壁市{y}年政府债务限额及余额情况",
    ],
    &[
        "{u}{y}年{m}月就业岗位信息（第{n}期）",
        "{u}关于{y}年第{n}批就业补贴的公示",
        "{u}{t}政策问答",
    ],
    &[
        "{u}{y}年{m}月{t}待遇发放情况",
        "{u}关于{t}有关事项的通知",
        "{u}{t}经办指南",
    ],
    &[
        "赤壁市{t}批前公示（{y}-{n}）",
        "赤壁市{t}批后公布（{y}-{n}）",
    ],
    &[
        "赤壁市{y}年第{n}批次农村集体土地征收启动公告",
        "赤壁市{y}年第{n}批次征地补偿安置方案公告",
    ],
    &[
        "{u}{y}年{m}月环境空气质量状况",
        "{u}建设项目环境影响评价受理公示（{y}-{n}）",
        "{u}{t}执法检查情况（{y}年{m}月）",
    ],
    &[
        "{u}{y}年第{n}批公租房保障对象公示",
        "{u}保障性住房分配情况（{y}年{m}月）",
    ],
    &[
        "赤壁市国有土地上房屋征收决定公告（{y}-{n}）",
        "{u}关于城区棚户区改造项目房屋征收补偿方案征求意见的公告（{y}-{n}）",
    ],
    &[
        "{u}{y}年农村危房改造对象公示（第{n}批）",
        "{u}{y}年农村危房改造资金补助标准",
    ],
    &[
        "{u}关于{t}期间交通管制的通告（{y}-{n}）",
        "{u}{y}年{m}月{t}进展情况",
    ],
    &[
        "{u}{y}年第{n}批城市管理行政处罚信息",
        "{u}关于开展占道经营集中整治的通告（{y}-{n}）",
        "{u}关于规范户外广告设置的通告（{y}-{n}）",
    ],
    &["{u}{y}年{t}资金发放公示", "{u}关于{y}年第{n}批{t}的公示"],
    &[
        "{u}{y}年{m}月公共文化活动预告",
        "{u}关于开展{t}活动的通知",
        "赤壁市公共文化场馆开放信息（{y}年{m}月）",
    ],
    &["{u}{y}年{m}月{t}工作情况", "{u}关于{y}年第{n}批{t}的公示"],
    &[
        "{u}{y}年{m}月安全生产形势通报",
        "{u}{y}年第{n}批安全生产行政处罚信息",
        "{u}关于开展{t}专项整治的通知",
    ],
    &[
        "{u}{y}年救灾资金分配情况公示",
        "{u}关于{y}年第{n}批受灾群众冬春救助的公示",
    ],
    &[
        "{u}{y}年第{n}期食品安全监督抽检信息",
        "{u}{y}年{m}月药品安全检查情况",
    ],
    &["{u}{y}年第{n}批欠税公告", "{u}{t}政策解读"],
    &[
        "{u}{y}年扶贫项目库公示（第{n}批）",
        "{u}关于{y}年第{n}批扶贫小额信贷贴息的公示",
        "{u}{y}年{m}月扶贫资金使用情况公告",
    ],
];

/// The unit responsible for each domain, by index into `CANONICAL`.
pub fn unit_of(domain: usize) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|g| g.domains.contains(&domain))
        .map(|g| g.unit)
}
