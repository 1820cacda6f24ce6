//! Synthetic but realistic units: the 乡镇 and 部门 of as many counties as the unit
//! count needs, with the abbreviations offices really use as aliases. One county is
//! written the way a county office keeps its own table (民政局, alias 县民政局); many
//! counties get the county in every name (青山县民政局, alias 青山民政局).

use crate::rng::Rng;

/// Units per county: about a county's size (大英县 has 64).
const PER_COUNTY: usize = 64;
/// One county unit in four is a 乡镇.
const TOWN_SHARE: usize = 4;

/// First and second characters of county names; every pair is a distinct county.
const COUNTY_FIRST: &[&str] = &[
    "青", "白", "龙", "金", "石", "安", "平", "永", "新", "长", "宁", "和", "清", "东", "西", "南",
    "北", "兴", "丰", "华", "富", "嘉", "泰", "德",
];
const COUNTY_SECOND: &[&str] = &[
    "山", "河", "江", "阳", "川", "源", "水", "城", "林", "溪", "泉", "峰", "坪", "昌", "宁", "安",
];

/// Third characters of the longer county names (青山口, 白河坝 …).
const COUNTY_THIRD: &[&str] = &[
    "口", "坝", "关", "堡", "塘", "湾", "岭", "台", "州", "沟", "桥", "庄", "营", "渡", "坊", "店",
];

/// Syllables of town names (城关镇, 石桥镇, 龙泉乡 …).
const TOWN_FIRST: &[&str] = &[
    "城关", "石桥", "龙泉", "白马", "黄桷", "双河", "青龙", "马鞍", "桂花", "高峰", "莲花", "团结",
    "光明", "五星", "红旗", "金鸡", "三元", "鹰嘴", "凤凰", "古井", "清水", "大坪", "万福", "观音",
    "狮子", "花园", "兴隆", "五里", "竹林", "安乐", "天池", "仙女", "梨园", "白果", "高桥", "新房",
    "永安", "太平", "长乐", "柏林",
];
const TOWN_KIND: &[&str] = &["镇", "镇", "镇", "乡", "街道"];

/// A county department: its official name, what offices shorten it to, its topics.
struct Department {
    name: &'static str,
    short: &'static [&'static str],
    category: &'static str,
    topics: &'static [&'static str],
}

macro_rules! dept {
    ($name:expr, [$($short:expr),*], $cat:expr, [$($topic:expr),*]) => {
        Department { name: $name, short: &[$($short),*], category: $cat, topics: &[$($topic),*] }
    };
}

#[rustfmt::skip]
const DEPARTMENTS: &[Department] = &[
    dept!("政府办公室", ["政府办"], "部门", ["政务公开", "重大行政决策", "重点工作督查", "电子政务"]),
    dept!("发展和改革局", ["发改局", "发改委"], "部门", ["价格监测", "重点项目审批", "招投标监管", "以工代赈"]),
    dept!("教育和体育局", ["教体局", "教育局"], "部门", ["义务教育招生", "学生资助", "校园安全", "教师招聘"]),
    dept!("科学技术局", ["科技局"], "部门", ["科技特派员", "高新技术企业培育", "科学普及"]),
    dept!("工业和信息化局", ["经信局", "工信局"], "部门", ["工业经济运行", "企业技术改造", "节能减排"]),
    dept!("公安局", [], "部门", ["交通安全", "户籍管理", "禁毒宣传", "治安防控"]),
    dept!("民政局", [], "部门", ["城乡低保资金发放", "临时救助", "高龄津贴发放", "婚姻登记", "殡葬改革"]),
    dept!("司法局", [], "部门", ["普法宣传", "法律援助", "人民调解", "社区矫正"]),
    dept!("财政局", [], "部门", ["政府采购", "惠民惠农补贴", "非税收入", "财政收支"]),
    dept!("人力资源和社会保障局", ["人社局"], "部门", ["事业单位公开招聘", "城乡居民养老保险", "就业创业培训", "农民工工资支付"]),
    dept!("自然资源和规划局", ["自然资源局", "自规局"], "部门", ["国有建设用地使用权出让", "不动产登记", "耕地保护", "地质灾害防治"]),
    dept!("生态环境分局", ["环保局", "生态环境局"], "部门", ["环境空气质量", "建设项目环评", "环境监察执法", "饮用水源保护"]),
    dept!("住房和城乡建设局", ["住建局"], "部门", ["建筑施工安全", "城镇老旧小区改造", "农村危房改造"]),
    dept!("交通运输局", ["交通局", "交运局"], "部门", ["农村公路建设", "道路运输安全", "治超"]),
    dept!("水利局", ["水务局"], "部门", ["防汛抗旱", "河长制", "农村饮水安全", "水土保持"]),
    dept!("农业农村局", ["农业局", "农业农村委"], "部门", ["春耕生产", "农机购置补贴", "农产品质量安全", "高标准农田建设"]),
    dept!("商务局", [], "部门", ["电子商务进农村", "成品油市场整治", "外贸进出口"]),
    dept!("文化广播电视和旅游局", ["文旅局", "文广旅局"], "部门", ["文化惠民演出", "全域旅游", "非物质文化遗产保护"]),
    dept!("卫生健康局", ["卫健局", "卫健委"], "部门", ["家庭医生签约服务", "传染病防控", "计划生育奖励扶助"]),
    dept!("退役军人事务局", ["退役军人局"], "部门", ["优抚对象抚恤", "退役士兵安置", "双拥工作"]),
    dept!("应急管理局", ["应急局"], "部门", ["安全生产大检查", "危险化学品安全整治", "森林防火"]),
    dept!("审计局", [], "部门", ["审计结果", "经济责任审计", "政府投资项目审计"]),
    dept!("市场监督管理局", ["市场监管局"], "部门", ["食品安全监督抽检", "特种设备安全", "产品质量监督抽查"]),
    dept!("统计局", [], "部门", ["经济运行", "主要经济指标", "统计执法检查"]),
    dept!("医疗保障局", ["医保局"], "部门", ["城乡居民医保参保", "医保基金监管", "异地就医结算"]),
    dept!("林业局", [], "部门", ["森林资源管护", "天然林保护", "林长制"]),
    dept!("乡村振兴局", ["扶贫办"], "部门", ["防止返贫监测", "衔接资金项目", "消费帮扶"]),
    dept!("行政审批局", ["审批局"], "部门", ["行政审批制度改革", "一网通办", "证照分离改革"]),
    dept!("信访局", [], "部门", ["信访积案化解", "领导干部接访下访", "网上信访"]),
    dept!("政务服务和大数据管理局", ["政务服务中心", "大数据局"], "部门", ["政务服务事项目录", "便民服务", "数据共享"]),
    dept!("城市管理综合行政执法局", ["城管局", "综合执法局"], "部门", ["占道经营整治", "违法建设治理", "市容环境卫生"]),
    dept!("机关事务服务中心", ["机关事务中心"], "部门", ["公务用车管理", "节约型机关建设"]),
    dept!("档案馆", ["档案局"], "部门", ["档案数字化", "档案执法检查"]),
    dept!("地方志办公室", ["方志办", "志办"], "部门", ["地方志编纂", "年鉴编纂"]),
    dept!("投资促进局", ["投促局"], "部门", ["招商引资", "项目签约", "投资环境优化"]),
    dept!("粮食和物资储备中心", ["粮食局"], "部门", ["粮食收购", "粮食储备", "粮油质量"]),
    dept!("供销合作社联合社", ["供销社"], "部门", ["农资供应", "农村电商服务"]),
    dept!("残疾人联合会", ["残联"], "部门", ["残疾人就业培训", "残疾人康复服务", "残疾人两项补贴"]),
    dept!("总工会", [], "部门", ["职工维权", "困难职工帮扶", "劳动竞赛"]),
    dept!("妇女联合会", ["妇联"], "部门", ["妇女儿童权益保护", "巾帼建功", "家庭教育"]),
    dept!("科学技术协会", ["科协"], "部门", ["科普宣传", "青少年科技创新"]),
    dept!("融媒体中心", ["融媒中心"], "部门", ["媒体融合", "新闻宣传"]),
    dept!("税务局", ["税务分局"], "垂直管理单位", ["减税降费", "办税缴费便利化", "个人所得税汇算"]),
    dept!("气象局", [], "垂直管理单位", ["气象灾害预警", "人工影响天气"]),
    dept!("消防救援大队", ["消防大队"], "垂直管理单位", ["消防安全检查", "火灾隐患排查"]),
    dept!("公共资源交易中心", ["交易中心"], "部门", ["工程建设项目招标", "政府采购交易"]),
    dept!("住房公积金管理中心", ["公积金中心"], "部门", ["住房公积金缴存", "公积金贷款"]),
    dept!("经济开发区管理委员会", ["经开区管委会"], "园区", ["重点项目建设", "企业帮扶服务", "园区基础设施建设"]),
    dept!("民族宗教事务局", ["民宗局"], "部门", ["民族团结进步", "宗教场所安全"]),
    dept!("疾病预防控制中心", ["疾控中心"], "部门", ["疫苗接种", "传染病监测", "健康教育"]),
];

/// What towns publish about, whatever the county.
pub const TOWN_TOPICS: &[&str] = &[
    "人居环境整治",
    "森林防火",
    "防汛减灾",
    "秸秆禁烧",
    "乡村振兴",
    "农村低保",
    "耕地保护",
    "矛盾纠纷排查化解",
    "城乡居民医保参保",
    "安全生产",
];

/// What every department also publishes about.
pub const COMMON_TOPICS: &[&str] = &[
    "安全生产",
    "党风廉政建设",
    "优化营商环境",
    "政务公开",
    "作风建设",
];

/// Villages named in town titles (fictional but typical).
pub const VILLAGES: &[&str] = &[
    "青龙村",
    "白鹤村",
    "石桥村",
    "新华村",
    "双河村",
    "大佛村",
    "柏林村",
    "马鞍村",
    "金鱼村",
    "桂花村",
    "新民村",
    "高峰村",
    "长安村",
    "莲花村",
    "团结村",
    "光明村",
    "五星村",
    "红旗村",
    "凤凰村",
    "古井村",
    "清水村",
    "联合村",
    "盐井村",
    "玉龙村",
    "万福村",
    "观音村",
    "花园村",
    "兴隆村",
    "竹林村",
    "安乐村",
];

/// One unit of the corpus.
#[derive(Debug, Clone)]
pub struct UnitSpec {
    /// The canonical name in units.xlsx.
    pub name: String,
    /// Other spellings in units.xlsx, each naming only this unit.
    pub aliases: Vec<String>,
    /// 乡镇, 部门, 园区 or 垂直管理单位.
    pub category: &'static str,
    /// How the unit names itself at the start of a title: its name or a short form.
    pub signatures: Vec<String>,
    pub topics: Vec<&'static str>,
    pub is_town: bool,
    /// The county, for links and for folders.
    pub county: usize,
}

/// The area of the corpus: its name (the workspace name) and its counties.
pub struct Area {
    pub name: String,
    pub counties: Vec<String>,
    pub units: Vec<UnitSpec>,
}

/// `n` units: one county when they fit, else counties of 64 under a province.
///
/// # Errors
/// More units than the name tables can make distinct.
pub fn area(n: usize, rng: &mut Rng) -> Result<Area, String> {
    let counties_needed = n.div_ceil(PER_COUNTY).max(1);
    let max = COUNTY_FIRST.len() * COUNTY_SECOND.len() * (1 + COUNTY_THIRD.len());
    if counties_needed > max {
        return Err(format!("at most {} units", max * PER_COUNTY));
    }
    let counties = county_names(counties_needed, rng);
    let single = counties_needed == 1;
    let mut units = Vec::with_capacity(n);
    for (i, county) in counties.iter().enumerate() {
        let size = (n - i * PER_COUNTY).min(PER_COUNTY);
        let towns = (size / TOWN_SHARE).max(usize::from(size > 1));
        if size - towns > DEPARTMENTS.len() {
            return Err(format!(
                "a county holds at most {} departments",
                DEPARTMENTS.len()
            ));
        }
        for name in town_names(towns, rng) {
            units.push(town(&name, county, i, single));
        }
        for d in &DEPARTMENTS[..size - towns] {
            units.push(department(d, county, i, single));
        }
    }
    let name = if single {
        counties[0].clone()
    } else {
        "云岭省".to_string()
    };
    Ok(Area {
        name,
        counties,
        units,
    })
}

/// Two-character county names first; past them (a units table of a whole country, for the
/// stress test of a huge table) three-character ones, so smaller corpora stay as they were.
fn county_names(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut all: Vec<String> = COUNTY_FIRST
        .iter()
        .flat_map(|a| COUNTY_SECOND.iter().map(move |b| format!("{a}{b}")))
        .filter(|s| s.chars().next() != s.chars().nth(1))
        .collect();
    shuffle(&mut all, rng);
    if n > all.len() {
        let mut long: Vec<String> = (all.iter())
            .flat_map(|ab| COUNTY_THIRD.iter().map(move |c| format!("{ab}{c}")))
            .collect();
        shuffle(&mut long, rng);
        all.extend(long);
    }
    all.truncate(n);
    all.into_iter()
        .enumerate()
        .map(|(i, stem)| format!("{stem}{}", if i % 5 == 4 { "市" } else { "县" }))
        .collect()
}

fn town_names(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut stems: Vec<&str> = TOWN_FIRST.to_vec();
    shuffle(&mut stems, rng);
    stems
        .iter()
        .take(n)
        .map(|s| format!("{s}{}", rng.pick(TOWN_KIND)))
        .collect()
}

/// The county without 县 or 市: 青山县 → 青山.
fn stem(county: &str) -> &str {
    county
        .strip_suffix('县')
        .or_else(|| county.strip_suffix('市'))
        .unwrap_or(county)
}

fn town(name: &str, county: &str, index: usize, single: bool) -> UnitSpec {
    let government = format!("{name}人民政府");
    let (canonical, aliases) = if single {
        (
            name.to_string(),
            vec![government, format!("{county}{name}")],
        )
    } else {
        (
            format!("{county}{name}"),
            vec![
                format!("{}{name}", stem(county)),
                format!("{county}{government}"),
            ],
        )
    };
    UnitSpec {
        signatures: vec![canonical.clone(), name.to_string()],
        name: canonical,
        aliases,
        category: "乡镇",
        topics: TOWN_TOPICS.to_vec(),
        is_town: true,
        county: index,
    }
}

fn department(d: &Department, county: &str, index: usize, single: bool) -> UnitSpec {
    let prefix = if single { "" } else { county };
    let name = format!("{prefix}{}", d.name);
    let mut aliases: Vec<String> = d.short.iter().map(|s| format!("{prefix}{s}")).collect();
    // Every unit gets one alias at least: the county-qualified or the bare county form.
    if single {
        aliases.push(format!("县{}", d.name));
    } else {
        aliases.push(format!("{}{}", stem(county), d.name));
    }
    let short = d.short.first().copied().unwrap_or(d.name);
    let signatures = vec![name.clone(), format!("{county}{short}")];
    let mut topics = d.topics.to_vec();
    topics.extend(COMMON_TOPICS);
    UnitSpec {
        name,
        aliases,
        category: d.category,
        signatures,
        topics,
        is_town: false,
        county: index,
    }
}

/// Fisher–Yates with the corpus's own random source.
pub fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}
