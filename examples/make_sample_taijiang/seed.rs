//! Seed 004 (臺江縣 2021 政務公開工作評估方案): its 40 evaluation objects in their four
//! categories, exactly as it lists them, and the names of its indicator groups — 共性
//! (政务公开、协同发展、互动交流、解读回应、数据开放、附加指标) for every object and 个性
//! (政务公开标准规范清单、在线服务) per category. The seed gives no points and no items:
//! those below are the sample's own (its README says so).

/// The four categories of evaluation objects, as the units table names them, with the
/// way the notice writes each (traditional characters, inline pinyin).
pub const CATEGORIES: [(&str, &str); 4] = [
    ("开发区", "開(kāi)發(fā)區(qū)"),
    ("乡镇", "鄉(xiāng)鎮(zhèn)"),
    ("县直", "縣(xiàn)直"),
    ("垂直管理", "垂直管理"),
];

/// The 40 objects of seed 004, category by category, in the notice's order.
pub const OBJECTS: [(&str, &str); 40] = [
    ("贵州台江经济开发区", "开发区"),
    ("革一镇", "乡镇"),
    ("台盘乡", "乡镇"),
    ("排羊乡", "乡镇"),
    ("方召镇", "乡镇"),
    ("南宫镇", "乡镇"),
    ("施洞镇", "乡镇"),
    ("老屯乡", "乡镇"),
    ("台拱街道", "乡镇"),
    ("萃文街道", "乡镇"),
    ("发展改革局", "县直"),
    ("财政局", "县直"),
    ("统计局", "县直"),
    ("审计局", "县直"),
    ("水务局", "县直"),
    ("农业农村局", "县直"),
    ("乡村振兴局(生态移民局)", "县直"),
    ("文体广电旅游局", "县直"),
    ("林业局", "县直"),
    ("工业信息化和商务局", "县直"),
    ("人力资源和社会保障局", "县直"),
    ("公安局", "县直"),
    ("住房和城乡建设局", "县直"),
    ("民政局", "县直"),
    ("民族宗教事务局", "县直"),
    ("自然资源局", "县直"),
    ("交通运输局", "县直"),
    ("教育和科技局", "县直"),
    ("卫生健康局", "县直"),
    ("市场监督管理局", "县直"),
    ("应急管理局", "县直"),
    ("司法局", "县直"),
    ("投资促进局", "县直"),
    ("政务服务中心", "县直"),
    ("机关事务服务中心", "县直"),
    ("供销社", "县直"),
    ("医疗保障局", "县直"),
    ("退役军人事务局", "县直"),
    ("国家税务总局台江县税务局", "垂直管理"),
    ("黔东南州生态环境局台江分局", "垂直管理"),
];

/// How the notice spells an object (traditional characters, pinyin after some).
pub fn written(unit: &str) -> &'static str {
    match unit {
        "贵州台江经济开发区" => "貴州臺江經(jīng)濟開(kāi)發(fā)區(qū)",
        "革一镇" => "革一鎮(zhèn)",
        "台盘乡" => "臺盤鄉(xiāng)",
        "施洞镇" => "施洞鎮(zhèn)",
        "台拱街道" => "臺拱街道",
        "财政局" => "財政局",
        "乡村振兴局(生态移民局)" => "鄉(xiāng)村振興局(生態移民局)",
        "国家税务总局台江县税务局" => "國家稅務總局臺江縣稅務局",
        _ => "",
    }
}

/// An indicator of the sample: its 一级 and 二级 names as the notice would write them
/// (traditional, pinyin), the same in simplified, its points and its categories (empty
/// for 共性).
pub struct Item {
    pub group: (&'static str, &'static str),
    pub name: Option<(&'static str, &'static str)>,
    pub points: u32,
    pub applies: &'static [&'static str],
}

const fn item(
    group: (&'static str, &'static str),
    name: Option<(&'static str, &'static str)>,
    points: u32,
    applies: &'static [&'static str],
) -> Item {
    Item {
        group,
        name,
        points,
        applies,
    }
}

const COMMON: &[&str] = &[];
const COUNTY: &[&str] = &["县直", "垂直管理"];
const TOWN: &[&str] = &["乡镇"];
const ZONE: &[&str] = &["开发区"];

const GONGKAI: (&str, &str) = ("政務(wù)公開(kāi)", "政务公开");
const XIETONG: (&str, &str) = ("協(xié)同發(fā)展", "协同发展");
const HUDONG: (&str, &str) = ("互動交流", "互动交流");
const JIEDU: (&str, &str) = ("解讀回應(yīng)", "解读回应");
const SHUJU: (&str, &str) = ("數(shù)據(jù)開(kāi)放", "数据开放");
const FUJIA: (&str, &str) = ("附加指標", "附加指标");
const QINGDAN: (&str, &str) = (
    "政務(wù)公開(kāi)標準規(guī)範(fàn)清單",
    "政务公开标准规范清单",
);
const ZAIXIAN: (&str, &str) = ("在線服務(wù)", "在线服务");

/// The indicators, 共性 first (70 points), then 个性 per category (30 points).
pub const ITEMS: [Item; 20] = [
    item(
        GONGKAI,
        Some(("政府信息公開(kāi)專欄", "政府信息公开专栏")),
        8,
        COMMON,
    ),
    item(
        GONGKAI,
        Some(("政策文件公開(kāi)", "政策文件公开")),
        6,
        COMMON,
    ),
    item(GONGKAI, Some(("年度報告", "年度报告")), 6, COMMON),
    item(XIETONG, Some(("信息協(xié)同", "信息协同")), 5, COMMON),
    item(XIETONG, Some(("新媒體聯(lián)動", "新媒体联动")), 5, COMMON),
    item(HUDONG, Some(("留言辦理", "留言办理")), 6, COMMON),
    item(HUDONG, Some(("在線訪談", "在线访谈")), 4, COMMON),
    item(JIEDU, Some(("政策解讀", "政策解读")), 10, COMMON),
    item(JIEDU, Some(("回應(yīng)關(guān)切", "回应关切")), 5, COMMON),
    item(
        SHUJU,
        Some(("數(shù)據(jù)開(kāi)放目錄", "数据开放目录")),
        5,
        COMMON,
    ),
    item(SHUJU, Some(("數(shù)據(jù)更新", "数据更新")), 5, COMMON),
    item(FUJIA, None, 5, COMMON),
    item(QINGDAN, Some(("標準目錄編製", "标准目录编制")), 8, COUNTY),
    item(QINGDAN, Some(("目錄實施", "目录实施")), 7, COUNTY),
    item(ZAIXIAN, Some(("辦事指南", "办事指南")), 8, COUNTY),
    item(ZAIXIAN, Some(("在線辦理", "在线办理")), 7, COUNTY),
    item(QINGDAN, Some(("基層目錄編製", "基层目录编制")), 15, TOWN),
    item(ZAIXIAN, Some(("便民服務(wù)", "便民服务")), 15, TOWN),
    item(
        QINGDAN,
        Some(("企業(yè)服務(wù)事項清單", "企业服务事项清单")),
        15,
        ZONE,
    ),
    item(
        ZAIXIAN,
        Some(("項目審批公開(kāi)", "项目审批公开")),
        15,
        ZONE,
    ),
];

/// The points of a group for a category: 20/10/10/15/10/5 共性, 15 and 15 个性.
pub fn group_points(group: &str) -> u32 {
    match group {
        "政务公开" => 20,
        "解读回应" => 15,
        "附加指标" => 5,
        "政务公开标准规范清单" | "在线服务" => 15,
        _ => 10,
    }
}
