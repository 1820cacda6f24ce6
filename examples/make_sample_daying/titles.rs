//! Realistic titles of published government information, built from templates ×
//! unit × topic. Each unit has a few topics of its own (with the 栏目 they belong
//! under); the template decides what kind of information it is (news, notice,
//! public announcement, document, interpretation, plan) and so its default 栏目.

use std::collections::HashSet;

use crate::rng::Rng;
use crate::units::UnitSpec;

/// What kind of information a title announces; decides its 栏目 unless the topic has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    News,
    Public,
    Notice,
    Doc,
    Reading,
    Plan,
}

const KIND_WEIGHTS: [(Kind, u32); 6] = [
    (Kind::News, 56),
    (Kind::Public, 20),
    (Kind::Notice, 10),
    (Kind::Doc, 6),
    (Kind::Reading, 5),
    (Kind::Plan, 3),
];

const UNIT_NEWS: &[&str] = &[
    "{s}召开{t}工作会议",
    "{s}召开{t}工作推进会",
    "{s}扎实推进{t}工作",
    "{s}开展{t}专项检查",
    "{s}安排部署{t}工作",
    "{s}组织开展{t}业务培训",
    "{s}深入{town}督导{t}工作",
    "{s}到{town}调研{t}工作",
    "{s}{m}月份{t}工作取得新进展",
    "{s}召开{m}月份{t}工作例会",
    "{s}多措并举抓好{t}",
    "{s}开展{t}宣传活动",
    "{s}赴{town}开展{t}现场检查",
    "{s}召开{t}工作联席会议",
    "{s}全力做好{t}工作",
];

const TOWN_NEWS: &[&str] = &[
    "{s}召开{t}工作会议",
    "{s}{v}开展{t}工作",
    "{s}安排部署{t}工作",
    "{s}扎实推进{t}",
    "{s}开展{t}专项行动",
    "{s}领导班子到{v}督导{t}工作",
    "{s}{v}召开{t}院坝会",
    "{s}{m}月份{t}工作有序推进",
    "{s}组织{v}干部群众开展{t}",
    "{s}召开{m}月份村（社区）干部大会",
];

const UNIT_PUBLIC: &[&str] = &[
    "{f}关于{t}情况的公示",
    "{f}2018年{m}月{t}情况公示",
    "{f}关于{t}有关事项的公告",
    "{f}关于{town}{t}的公示",
    "{f}2018年第{n}批{t}公示",
];

const TOWN_PUBLIC: &[&str] = &[
    "{s}{v}{t}情况公示",
    "{s}关于{v}{t}的公示",
    "{s}{v}2018年{m}月村务公开",
    "{s}{v}2018年{m}月财务公开",
    "{s}2018年第{n}批{t}公示",
];

const NOTICE: &[&str] = &[
    "{f}关于做好2018年{t}工作的通知",
    "{f}关于开展{t}专项检查的通知",
    "{f}关于进一步加强{t}工作的通知",
    "{f}关于做好{m}月份{t}工作的通知",
];

const DOC: &[&str] = &[
    "{f}关于印发《2018年{t}工作方案》的通知",
    "{f}关于印发《{t}实施细则》的通知",
    "{f}关于印发《{t}考核办法》的通知",
];

const READING: &[&str] = &[
    "《{f}关于{t}的实施意见》政策解读",
    "一图读懂{s}{t}政策",
    "{s}{t}政策问答",
];

const PLAN: &[&str] = &["{f}2018年{t}工作计划", "{f}2018年{t}工作要点"];

/// News that every unit has in a given month, whatever its field.
fn seasonal(month: u32) -> &'static [&'static str] {
    match month {
        1 => &[
            "{s}召开2018年工作务虚会",
            "{s}开展春节前安全隐患大排查",
            "{s}开展春节走访慰问困难群众活动",
        ],
        2 => &[
            "{s}召开2018年工作部署会",
            "{s}开展节后收心“四风”问题专项检查",
            "{s}召开春节后首次干部职工大会",
        ],
        3 => &[
            "{s}组织学习全国两会精神",
            "{s}开展“学雷锋”志愿服务活动",
            "{s}组织干部职工参加义务植树活动",
        ],
        _ => &[
            "{s}开展清明节前森林防火宣传",
            "{s}召开一季度工作总结会",
            "{s}召开2018年党风廉政建设工作会议",
        ],
    }
}

/// The villages of each town (fictional but typical names).
pub fn villages(town: &str) -> &'static [&'static str] {
    match town {
        "蓬莱镇" => &["青龙村", "白鹤村", "石桥村", "新华村", "黄桷村", "双河村"],
        "隆盛镇" => &["大佛村", "柏林村", "马鞍村", "金鱼村", "桂花村", "新民村"],
        "河边镇" => &["河边村", "高峰村", "石河村", "长安村", "莲花村", "团结村"],
        "回马镇" => &["回马村", "光明村", "五星村", "红旗村", "金鸡村", "三元村"],
        "玉峰镇" => &["玉峰村", "鹰嘴村", "龙泉村", "青山村", "和平村", "永安村"],
        "象山镇" => &["象山村", "凤凰村", "古井村", "白马村", "清水村", "联合村"],
        "卓筒井镇" => &["卓筒井村", "盐井村", "大坪村", "玉龙村", "万福村", "金龙村"],
        "天保镇" => &["天保村", "观音村", "狮子村", "青杠村", "新桥村", "花园村"],
        "金元镇" => &["金元村", "兴隆村", "五里村", "竹林村", "鲤鱼村", "安乐村"],
        "通仙乡" => &["通仙村", "仙女村", "龙凤村", "大湾村", "石板村", "天池村"],
        _ => &["智水村", "梨园村", "白果村", "高桥村", "新房村", "兴旺村"],
    }
}

/// (topic, the 栏目 its announcements go under, or "" for the kind's default).
#[rustfmt::skip]
fn topics(unit: &str) -> &'static [(&'static str, &'static str)] {
    match unit {
        "政府办" => &[("政务公开", ""), ("重大行政决策", ""), ("政府信息公开", ""), ("重点工作督查", ""), ("电子政务", "")],
        "信访局" => &[("信访积案化解", ""), ("领导干部接访下访", ""), ("信访法治化建设", ""), ("网上信访", "")],
        "政务服务中心" => &[("行政审批制度改革", ""), ("“最多跑一次”改革", ""), ("政务服务事项目录", "权责清单"),
            ("权责清单动态调整", "权责清单"), ("便民服务", "")],
        "热线办" => &[("12345热线工单办理", ""), ("群众诉求办理", ""), ("热线知识库建设", "")],
        "审计局" => &[("审计结果", ""), ("经济责任审计", ""), ("扶贫资金专项审计", ""), ("政府投资项目审计", "")],
        "人社局" => &[("事业单位公开招聘", "招考录用"), ("干部任免", "人事任免"), ("城乡居民养老保险", ""),
            ("就业创业培训", ""), ("农民工工资支付", ""), ("社保卡发放", "")],
        "国土局" => &[("国有建设用地使用权出让", "国有土地使用权出让"), ("不动产登记", ""), ("耕地保护", ""),
            ("地质灾害防治", "预警信息"), ("土地整理项目", "")],
        "民政局" => &[("城乡低保资金发放", "社会救助"), ("临时救助", "社会救助"), ("高龄津贴发放", "社会救助"),
            ("社会组织年检", ""), ("殡葬改革", ""), ("婚姻登记", ""), ("优抚对象抚恤", "")],
        "安监局" => &[("安全生产大检查", "安全生产监管"), ("危险化学品安全整治", "安全生产监管"),
            ("非煤矿山安全", "安全生产监管"), ("安全生产行政处罚", "行政许可和行政处罚"),
            ("生产安全事故应急预案", "应急预案"), ("“安全生产月”", "")],
        "档案局" => &[("档案执法检查", ""), ("档案数字化", ""), ("机关档案业务", "")],
        "残联" => &[("残疾人就业培训", ""), ("残疾人康复服务", ""), ("残疾人证办理", ""), ("残疾人两项补贴", "")],
        "公用事业局" => &[("城区供水保障", ""), ("天然气安全", ""), ("城区路灯维护", ""), ("城区公交运营", "")],
        "工业集中发展区" | "回马工业园区" => &[("招商引资", ""), ("重点项目建设", ""), ("企业安全生产", ""),
            ("园区基础设施建设", ""), ("企业帮扶服务", "")],
        "文旅产业园" => &[("中国死海景区建设", ""), ("旅游项目招商", ""), ("景区安全管理", ""), ("文旅融合发展", "")],
        "现代农业园区" => &[("现代农业园区建设", ""), ("柑橘基地管护", ""), ("农业产业化", ""), ("园区招商引资", "")],
        "城东社区" | "城西社区" => &[("网格化管理", ""), ("城乡环境综合治理", ""), ("居民医保参保", ""),
            ("社区矫正", ""), ("文明城市创建", "")],
        "执法局" => &[("城市管理", ""), ("占道经营整治", ""), ("违法建设治理", ""), ("市容环境卫生", ""), ("渣土运输管理", "")],
        "旅游局" => &[("全域旅游", ""), ("旅游市场秩序", ""), ("旅游安全", ""), ("乡村旅游", ""), ("A级景区创建", "")],
        "统计局" => &[("经济运行", "统计信息"), ("主要经济指标", "统计信息"), ("第四次全国经济普查", "统计信息"),
            ("统计执法检查", ""), ("统计公报", "统计公报")],
        "住建局" => &[("建设工程招标", "工程建设项目"), ("建筑施工安全", ""), ("城镇老旧小区改造", ""),
            ("农村危房改造", ""), ("建筑市场整治", "")],
        "房管局" => &[("保障性住房分配", "保障性住房"), ("房地产市场监管", ""), ("公租房管理", "保障性住房"), ("物业管理", "")],
        "教育局" => &[("学前教育", ""), ("义务教育招生", "教育"), ("营养改善计划", "教育"), ("校园安全", ""),
            ("教师公开招聘", "招考录用"), ("学生资助", "教育")],
        "卫计局" => &[("家庭医生签约服务", "医疗卫生"), ("计划生育奖励扶助", "医疗卫生"),
            ("免费孕前优生健康检查", "医疗卫生"), ("传染病防控", "医疗卫生"), ("健康扶贫", ""), ("医疗机构监督", "")],
        "科技局" => &[("科技特派员", ""), ("高新技术企业培育", ""), ("科学普及", ""), ("专利申请资助", "")],
        "文广新局" => &[("文化惠民演出", ""), ("“扫黄打非”", ""), ("农家书屋", ""), ("广播电视户户通", ""),
            ("非物质文化遗产保护", "")],
        "发改局" => &[("价格监测", "价格收费"), ("收费目录清单", "价格收费"), ("重点项目审批", "工程建设项目"),
            ("国民经济和社会发展计划", "发展规划"), ("招投标监管", "")],
        "重点办" => &[("重点项目推进", ""), ("项目储备", ""), ("重点项目督查", "")],
        "规划局" => &[("规划批前公示", "发展规划"), ("城乡规划", "发展规划"), ("村庄规划编制", ""), ("规划执法", "")],
        "交运局" => &[("农村公路建设", "工程建设项目"), ("道路运输安全", ""), ("客运市场整治", ""), ("治超", "")],
        "环保局" => &[("环境空气质量", "环境质量"), ("建设项目环评", "环评信息"), ("环境监察执法", ""),
            ("中央环保督察整改", ""), ("饮用水源保护", "环境质量")],
        "投促局" => &[("招商引资", ""), ("项目签约", ""), ("投资环境优化", "")],
        "经信局" => &[("工业经济运行", ""), ("企业技术改造", ""), ("节能减排", ""), ("中小企业服务", ""), ("电力保障", "")],
        "商务局" => &[("电子商务进农村", ""), ("成品油市场整治", ""), ("商贸流通", ""), ("外贸进出口", ""), ("家政服务", "")],
        "财政局" => &[("部门预算公开", "财政预决算"), ("政府采购", "政府采购"), ("惠民惠农补贴", "惠民惠农资金"),
            ("“三公”经费", "财政预决算"), ("财政收支", ""), ("非税收入", "")],
        "工商质监局" => &[("企业年报公示", ""), ("市场监管", ""), ("商标品牌", ""), ("特种设备安全", ""),
            ("产品质量监督抽查", "")],
        "食药监局" => &[("食品安全监督抽检", "抽检信息"), ("药品安全", ""), ("餐饮服务", ""), ("学校食堂", ""), ("保健食品", "")],
        "农办" => &[("乡村振兴", ""), ("农村改革", ""), ("农村集体产权制度改革", ""), ("农民增收", "")],
        "粮食局" => &[("粮食收购", ""), ("粮食储备", ""), ("粮油质量", ""), ("粮食安全", "")],
        "公安局" => &[("交通安全", ""), ("户籍管理", ""), ("禁毒宣传", ""), ("治安防控", "")],
        "司法局" => &[("普法宣传", ""), ("法律援助", ""), ("人民调解", ""), ("社区矫正", ""), ("公共法律服务", "")],
        "农业局" => &[("春耕生产", ""), ("农机购置补贴", "惠民惠农资金"), ("农产品质量安全", ""),
            ("耕地地力保护补贴", "惠民惠农资金"), ("病虫害防治", "")],
        "林业局" => &[("森林防火", ""), ("退耕还林", ""), ("林业有害生物防治", ""), ("野生动物保护", ""), ("植树造林", "")],
        "水务局" => &[("河长制", ""), ("防汛抗旱", "预警信息"), ("农村饮水安全", ""), ("水利工程建设", "工程建设项目"),
            ("水资源管理", "")],
        "畜牧局" => &[("动物防疫", ""), ("畜产品质量安全", ""), ("生猪养殖", ""), ("兽药饲料监管", "")],
        "扶贫移民局" => &[("精准扶贫", "扶贫脱贫"), ("扶贫资金使用", "扶贫脱贫"), ("移民后期扶持", ""),
            ("贫困户建档立卡", "扶贫脱贫"), ("产业扶贫", "扶贫脱贫")],
        "志办" => &[("地方志编纂", ""), ("年鉴编纂", ""), ("史志资料征集", "")],
        "国税局" | "地税局" => &[("纳税服务", ""), ("税收宣传", ""), ("减税降费", "")],
        "气象局" => &[("气象预警", "预警信息"), ("人工影响天气", ""), ("气象灾害防御", "")],
        "供销社" => &[("农资供应", ""), ("综合改革", "")],
        "台办" => &[("对台交流", "")],
        "县老干局" => &[("离退休干部服务", ""), ("老干部活动中心建设", ""), ("老年大学教学", "")],
        _ => TOWN_TOPICS,
    }
}

const TOWN_TOPICS: &[(&str, &str)] = &[
    ("春季森林防火", ""),
    ("春耕生产", ""),
    ("脱贫攻坚", "扶贫脱贫"),
    ("农村人居环境整治", ""),
    ("秸秆禁烧", ""),
    ("河长制巡河", ""),
    ("安全生产大检查", ""),
    ("扫黑除恶专项斗争", ""),
    ("动物防疫", ""),
    ("城乡环境综合治理", ""),
    ("防汛减灾准备", ""),
    ("产业扶贫项目", "扶贫脱贫"),
    ("城乡居民医保参保", ""),
    ("农村低保动态管理", ""),
];

/// Makes titles that are unique across the whole sample.
pub struct TitleMaker {
    used: HashSet<String>,
    batch: u32,
}

/// A title with the 栏目 it is filed under.
pub struct Titled {
    pub title: String,
    pub section: &'static str,
}

impl TitleMaker {
    /// A maker that has used no title yet.
    pub fn new() -> Self {
        Self {
            used: HashSet::new(),
            batch: 0,
        }
    }

    /// Registers a title written by hand so generated ones never repeat it.
    pub fn reserve(&mut self, title: &str) -> bool {
        self.used.insert(title.to_string())
    }

    /// A new title for `unit` in `month`.
    ///
    /// # Errors
    /// When no unused title of 10–40 characters turns up in a few hundred tries.
    pub fn make(&mut self, unit: &UnitSpec, month: u32, rng: &mut Rng) -> Result<Titled, String> {
        for _ in 0..400 {
            let t = if unit.name == "政府办" {
                self.office(month, rng)
            } else {
                self.unit_title(unit, month, rng)
            };
            if !crate::sections::responsible(t.section, unit.name, unit.category) {
                return Err(format!("{}：栏目「{}」不归它负责", unit.name, t.section));
            }
            let len = t.title.chars().count();
            if (10..=40).contains(&len) && !self.used.contains(&t.title) {
                self.used.insert(t.title.clone());
                return Ok(t);
            }
        }
        Err(format!("{}：{month} 月找不到新的标题", unit.name))
    }

    fn unit_title(&mut self, unit: &UnitSpec, month: u32, rng: &mut Rng) -> Titled {
        let town = unit.category == "乡镇";
        let (topic, topic_section) = *rng.pick(topics(unit.name));
        // Towns, parks and communities neither issue department documents nor interpret policy.
        let kind = match (pick_kind(rng, month), unit.category) {
            (Kind::Reading, "乡镇" | "园区" | "社区") => Kind::News,
            (Kind::Doc, "园区" | "社区") => Kind::Plan,
            (kind, _) => kind,
        };
        let templates: &[&str] = match (kind, town) {
            (Kind::News, _) if rng.chance(0.12) => seasonal(month),
            (Kind::News, true) => TOWN_NEWS,
            (Kind::News, false) => UNIT_NEWS,
            (Kind::Public, true) => TOWN_PUBLIC,
            (Kind::Public, false) => UNIT_PUBLIC,
            (Kind::Notice, _) => NOTICE,
            (Kind::Doc, _) => DOC,
            (Kind::Reading, _) => READING,
            (Kind::Plan, _) => PLAN,
        };
        let template = *rng.pick(templates);
        let title = self.fill(template, unit, topic, month, rng);
        let section = match kind {
            Kind::News => news_section(unit.category),
            Kind::Public if !topic_section.is_empty() => topic_section,
            Kind::Public => "公示公告",
            Kind::Notice => "通知",
            Kind::Doc if town => "年度计划",
            Kind::Doc => "部门文件",
            Kind::Reading => "政策解读",
            Kind::Plan => "年度计划",
        };
        Titled { title, section }
    }

    fn fill(
        &mut self,
        template: &str,
        unit: &UnitSpec,
        topic: &str,
        month: u32,
        rng: &mut Rng,
    ) -> String {
        let town = *rng.pick(&crate::units::TOWNS);
        let village = *rng.pick(villages(unit.name));
        self.batch += 1;
        let batch = 1 + self.batch % 9;
        template
            .replace("{s}", &unit.short)
            .replace("{f}", &unit.formal)
            .replace("{t}", topic)
            .replace("{m}", &month.to_string())
            .replace("{town}", town)
            .replace("{v}", village)
            .replace("{n}", &batch.to_string())
    }

    /// The county government office publishes for the whole county.
    fn office(&mut self, month: u32, rng: &mut Rng) -> Titled {
        const SUBJECTS: &[&str] = &[
            "脱贫攻坚",
            "项目建设",
            "安全生产",
            "森林防火",
            "招商引资",
            "城乡环境综合治理",
            "春耕生产",
            "生态环境保护",
            "扫黑除恶专项斗争",
            "河长制",
            "政务公开",
            "重点项目",
            "民生实事",
        ];
        let subject = *rng.pick(SUBJECTS);
        let town = *rng.pick(&crate::units::TOWNS);
        self.batch += 1;
        let (title, section) = match rng.below(9) {
            0 | 1 => (format!("县领导到{town}调研{subject}工作"), "今日大英"),
            2 => (format!("全县{subject}工作会议召开"), "今日大英"),
            3 => (format!("县政府召开{subject}专题会议"), "今日大英"),
            4 => (
                format!("大英县人民政府第{}次常务会议纪要", 20 + self.batch % 60),
                "常务会议",
            ),
            5 => (
                format!("大英县人民政府关于印发《大英县2018年{subject}工作方案》的通知"),
                "县政府文件",
            ),
            6 => (
                format!("《大英县2018年{subject}工作方案》政策解读"),
                "政策解读",
            ),
            7 => (
                format!("大英县人民政府办公室关于做好{month}月份{subject}工作的通知"),
                "通知",
            ),
            _ => (
                format!("县政府督查组赴{town}督查{subject}工作落实情况"),
                "重大信息",
            ),
        };
        Titled { title, section }
    }
}

fn pick_kind(rng: &mut Rng, month: u32) -> Kind {
    let total: u32 = KIND_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total as usize) as u32;
    for &(kind, weight) in &KIND_WEIGHTS {
        if roll < weight {
            // Annual plans come out at the start of the year.
            return if kind == Kind::Plan && month > 2 {
                Kind::News
            } else {
                kind
            };
        }
        roll -= weight;
    }
    Kind::News
}

/// The 工作动态 leaf a unit's news goes under.
pub fn news_section(category: &str) -> &'static str {
    match category {
        "乡镇" => "镇乡动态",
        "园区" | "社区" => "园区社区动态",
        _ => "部门动态",
    }
}
