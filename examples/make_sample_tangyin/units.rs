//! The units of seed 000 (汤阴县 2022): the 10 乡镇 and the 29 县直 departments of Annex 1's
//! 地方部门平台链接 part, plus the other units its 保障单位 column names (宣传部, 规划中心 …).
//! Canonical names are the short forms the annex writes; aliases are the long and
//! prefixed forms units sign with. Targets are the office's own for 2022.

/// How a unit's first-half output compares with half its annual target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    Ahead,
    Near,
    Behind,
    /// Items in January–March, nothing at all in April–June.
    QuietInQ2,
    /// No target: publishes what its sections need and a little more.
    Steady,
}

impl Pace {
    /// The pace as the truth file names it.
    pub fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "ahead",
            Pace::Near => "near",
            Pace::Behind => "behind",
            Pace::QuietInQ2 => "nothing_in_q2",
            Pace::Steady => "no_target",
        }
    }
}

/// One unit of the units table.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub category: &'static str,
    pub target: Option<u32>,
    pub pace: Pace,
    /// The name it signs its titles with.
    pub signs: &'static str,
    /// What its titles are about.
    pub topics: &'static [&'static str],
}

/// The categories of the units table that `[groups]` and 各乡镇 select by.
pub const TOWN: &str = "乡镇";
pub const DEPARTMENT: &str = "部门";
pub const VERTICAL: &str = "垂直管理";

const TOWN_TOPICS: &[&str] = &[
    "人居环境整治",
    "秸秆禁烧",
    "防汛备汛",
    "疫情防控",
    "安全生产大检查",
    "防返贫动态监测",
    "矛盾纠纷排查化解",
    "文明村镇创建",
    "耕地保护",
    "农村“三资”管理",
    "森林草原防火",
];

const fn town(name: &'static str, target: u32, pace: Pace) -> UnitSpec {
    UnitSpec {
        name,
        aliases: &[],
        category: TOWN,
        target: Some(target),
        pace,
        signs: name,
        topics: TOWN_TOPICS,
    }
}

#[allow(clippy::too_many_arguments)]
const fn unit(
    name: &'static str,
    aliases: &'static [&'static str],
    category: &'static str,
    target: Option<u32>,
    pace: Pace,
    signs: &'static str,
    topics: &'static [&'static str],
) -> UnitSpec {
    UnitSpec {
        name,
        aliases,
        category,
        target,
        pace,
        signs,
        topics,
    }
}

use Pace::*;

/// Every unit, in the units table's order: towns, departments, the others.
pub fn all() -> Vec<UnitSpec> {
    [&TOWNS[..], &DEPARTMENTS[..], &OTHERS[..]].concat()
}

/// The 10 towns, in the order of Annex 1.
const TOWNS: [UnitSpec; 10] = [
    town("城关镇", 160, Ahead),
    town("韩庄镇", 160, Near),
    town("白营镇", 160, Behind),
    town("古贤镇", 160, Near),
    town("菜园镇", 160, Ahead),
    town("任固镇", 160, Near),
    town("五陵镇", 160, Behind),
    town("瓦岗乡", 120, Near),
    town("伏道镇", 160, Near),
    town("宜沟镇", 160, Ahead),
];

/// The 县直 departments of Annex 1's 地方部门平台链接 part, in its order.
const DEPARTMENTS: [UnitSpec; 29] = [
    unit(
        "政府办",
        &[
            "县政府办",
            "县政府办公室",
            "汤阴县人民政府办公室",
            "政府办公室",
        ],
        DEPARTMENT,
        Some(360),
        Ahead,
        "县政府办公室",
        &[
            "政务公开",
            "政务服务",
            "督查督办",
            "应急值守",
            "机关事务管理",
        ],
    ),
    unit(
        "发改委",
        &[
            "县发改委",
            "县发展和改革委员会",
            "发展和改革委员会",
            "发展改革委",
        ],
        DEPARTMENT,
        Some(200),
        Near,
        "县发改委",
        &[
            "重点项目建设",
            "价格监测",
            "社会信用体系建设",
            "粮食安全",
            "节能降耗",
            "项目谋划",
        ],
    ),
    unit(
        "教育局",
        &["县教育局"],
        DEPARTMENT,
        Some(200),
        Ahead,
        "县教育局",
        &[
            "义务教育招生",
            "校园安全",
            "教师招聘",
            "学生资助",
            "“双减”",
            "中考",
        ],
    ),
    unit(
        "工信局",
        &["县工信局", "工业和信息化局", "县工业和信息化局"],
        DEPARTMENT,
        Some(120),
        Near,
        "县工业和信息化局",
        &[
            "工业经济运行",
            "中小企业服务",
            "科技创新",
            "企业技术改造",
            "工业企业安全生产",
        ],
    ),
    unit(
        "公安局",
        &["县公安局"],
        DEPARTMENT,
        Some(150),
        Behind,
        "县公安局",
        &[
            "户籍业务",
            "道路交通安全",
            "反电信网络诈骗",
            "治安管理",
            "出入境服务",
        ],
    ),
    unit(
        "民政局",
        &["县民政局"],
        DEPARTMENT,
        Some(200),
        Ahead,
        "县民政局",
        &[
            "城乡低保",
            "特困人员供养",
            "临时救助",
            "养老服务",
            "殡葬改革",
            "社会组织管理",
            "婚姻登记",
        ],
    ),
    unit(
        "司法局",
        &["县司法局"],
        DEPARTMENT,
        Some(120),
        Near,
        "县司法局",
        &[
            "法治宣传",
            "人民调解",
            "法律援助",
            "社区矫正",
            "公共法律服务",
        ],
    ),
    unit(
        "财政局",
        &["县财政局"],
        DEPARTMENT,
        Some(180),
        Near,
        "县财政局",
        &[
            "预算管理",
            "直达资金",
            "政府采购",
            "惠民惠农补贴",
            "国有资产管理",
        ],
    ),
    unit(
        "人社局",
        &["县人社局", "人力资源和社会保障局", "县人力资源和社会保障局"],
        DEPARTMENT,
        Some(200),
        Near,
        "县人力资源和社会保障局",
        &[
            "就业创业",
            "社会保险",
            "职业技能培训",
            "劳动保障监察",
            "人才引进",
        ],
    ),
    unit(
        "自然资源局",
        &["县自然资源局"],
        DEPARTMENT,
        Some(150),
        Behind,
        "县自然资源局",
        &[
            "耕地保护",
            "国土空间规划",
            "土地供应",
            "不动产登记",
            "矿产资源管理",
        ],
    ),
    unit(
        "住建局",
        &["县住建局", "住房和城乡建设局", "县住房和城乡建设局"],
        DEPARTMENT,
        Some(180),
        Near,
        "县住房和城乡建设局",
        &[
            "保障性住房",
            "建筑施工安全",
            "农村危房改造",
            "老旧小区改造",
            "城镇燃气安全",
        ],
    ),
    unit(
        "交通局",
        &["县交通局", "交通运输局", "县交通运输局"],
        DEPARTMENT,
        Some(120),
        Near,
        "县交通运输局",
        &["农村公路建设", "道路运输安全", "公路养护", "治超治限"],
    ),
    unit(
        "水利局",
        &["县水利局"],
        DEPARTMENT,
        Some(120),
        Behind,
        "县水利局",
        &["防汛备汛", "河长制", "水资源管理", "农田水利建设"],
    ),
    unit(
        "农业农村局",
        &["县农业农村局"],
        DEPARTMENT,
        Some(180),
        Ahead,
        "县农业农村局",
        &[
            "“三夏”生产",
            "耕地地力保护补贴",
            "农产品质量安全",
            "高标准农田建设",
            "动物疫病防控",
        ],
    ),
    unit(
        "商务局",
        &["县商务局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县商务局",
        &[
            "招商引资",
            "促进消费",
            "外贸外资",
            "商贸流通",
            "成品油市场管理",
        ],
    ),
    unit(
        "文广体旅局",
        &["县文广体旅局", "文化广电体育旅游局", "县文化广电体育旅游局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县文化广电体育旅游局",
        &[
            "公共文化服务",
            "全民健身",
            "文物保护",
            "文化旅游",
            "文化市场执法",
        ],
    ),
    unit(
        "卫健委",
        &[
            "县卫健委",
            "卫生健康委员会",
            "卫生健康委",
            "县卫生健康委员会",
        ],
        DEPARTMENT,
        Some(240),
        Ahead,
        "县卫生健康委员会",
        &[
            "疫情防控",
            "新冠疫苗接种",
            "家庭医生签约服务",
            "妇幼健康",
            "卫生监督",
            "爱国卫生运动",
        ],
    ),
    unit(
        "退役军人事务局",
        &["县退役军人事务局"],
        DEPARTMENT,
        Some(60),
        QuietInQ2,
        "县退役军人事务局",
        &["优抚政策", "退役军人就业创业", "双拥工作", "烈士褒扬"],
    ),
    unit(
        "应急管理局",
        &["应急局", "县应急局", "县应急管理局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县应急管理局",
        &[
            "安全生产",
            "防汛抗旱",
            "防灾减灾",
            "危险化学品安全",
            "应急演练",
        ],
    ),
    unit(
        "审计局",
        &["县审计局"],
        DEPARTMENT,
        Some(80),
        Behind,
        "县审计局",
        &["审计整改", "经济责任审计", "预算执行审计"],
    ),
    unit(
        "市场监管局",
        &["市场监督管理局", "县市场监管局", "县市场监督管理局"],
        DEPARTMENT,
        Some(200),
        Near,
        "县市场监督管理局",
        &[
            "食品安全",
            "特种设备安全",
            "价格监督检查",
            "市场主体登记",
            "知识产权保护",
            "药品安全",
        ],
    ),
    unit(
        "统计局",
        &["县统计局"],
        DEPARTMENT,
        Some(100),
        Near,
        "县统计局",
        &["统计数据质量", "统计调查", "统计执法", "统计法治宣传"],
    ),
    unit(
        "医疗保障局",
        &["医保局", "县医保局", "县医疗保障局"],
        DEPARTMENT,
        Some(120),
        Behind,
        "县医疗保障局",
        &[
            "城乡居民医保参保缴费",
            "医保基金监管",
            "异地就医结算",
            "医保待遇",
        ],
    ),
    unit(
        "乡村振兴局",
        &["县乡村振兴局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县乡村振兴局",
        &[
            "防返贫动态监测",
            "衔接推进乡村振兴资金",
            "脱贫人口小额信贷",
            "雨露计划",
            "帮扶产业",
        ],
    ),
    unit(
        "信访局",
        &["县信访局"],
        DEPARTMENT,
        Some(60),
        Near,
        "县信访局",
        &["信访接待", "矛盾纠纷化解", "领导干部接访"],
    ),
    unit(
        "城市管理局",
        &["城管局", "县城管局", "县城市管理局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县城市管理局",
        &[
            "市容环境整治",
            "违法建设治理",
            "城市供水供气",
            "园林绿化",
            "生活垃圾分类",
        ],
    ),
    unit(
        "政务服务和大数据管理局",
        &["大数据局", "县大数据局", "县政务服务和大数据管理局"],
        DEPARTMENT,
        Some(150),
        Near,
        "县政务服务和大数据管理局",
        &["“一网通办”", "优化营商环境", "政务服务", "电子证照应用"],
    ),
    unit(
        "税务局",
        &["县税务局", "国家税务总局汤阴县税务局"],
        VERTICAL,
        Some(100),
        Near,
        "国家税务总局汤阴县税务局",
        &["减税降费", "增值税留抵退税", "纳税服务", "个人所得税汇算"],
    ),
    unit(
        "生态环境分局",
        &["县生态环境分局", "安阳市生态环境局汤阴分局", "环境分局"],
        VERTICAL,
        Some(150),
        Ahead,
        "安阳市生态环境局汤阴分局",
        &["大气污染防治", "环境执法", "水污染防治", "环评审批"],
    ),
];

/// The other units the 保障单位 column names; they have no target.
const OTHERS: [UnitSpec; 9] = [
    unit(
        "宣传部",
        &["县委宣传部"],
        "县委部门",
        None,
        Steady,
        "县委宣传部",
        &["新闻宣传", "新时代文明实践"],
    ),
    unit(
        "组织部",
        &["县委组织部"],
        "县委部门",
        None,
        Steady,
        "县委组织部",
        &["干部选任", "基层党建"],
    ),
    unit(
        "编办",
        &["县委编办", "县委机构编制委员会办公室"],
        "县委部门",
        None,
        Steady,
        "县委编办",
        &["机构编制管理", "权责清单"],
    ),
    unit(
        "文明办",
        &["县文明办", "县委文明办"],
        "县委部门",
        None,
        Steady,
        "县文明办",
        &["文明城市创建", "诚信建设", "志愿服务"],
    ),
    unit(
        "人大办",
        &["县人大办", "县人大常委会办公室", "人大常委会办公室"],
        "人大",
        None,
        Steady,
        "县人大常委会办公室",
        &["人大代表建议办理", "换届选举"],
    ),
    unit(
        "融媒体中心",
        &["县融媒体中心"],
        "事业单位",
        None,
        Steady,
        "县融媒体中心",
        &["新闻报道"],
    ),
    unit(
        "规划中心",
        &["县规划中心", "县国土空间规划中心"],
        "事业单位",
        None,
        Steady,
        "县国土空间规划中心",
        &["控制性详细规划", "村庄规划"],
    ),
    unit(
        "公共资源交易中心",
        &["县公共资源交易中心", "交易中心"],
        "事业单位",
        None,
        Steady,
        "县公共资源交易中心",
        &["工程建设项目招标", "政府采购"],
    ),
    unit(
        "农业机械技术中心",
        &["县农机中心", "农机中心", "县农业机械技术中心"],
        "事业单位",
        None,
        Steady,
        "县农业机械技术中心",
        &["农机购置补贴", "农机安全生产"],
    ),
];
