//! Seed 003 (淮南市 2021年政务公开自评表) word for word: six 一级指标 weighted in percent
//! (18/30/12/15/10/15), their 21 sub-items with their own weights and what each asks
//! for, and the evidence pages the city linked. The units and who scores what are the
//! sample's own (see the sample's README).

/// A 一级指标 as seed 003 writes it, with its weight in percent.
pub struct Category {
    pub written: &'static str,
    pub name: &'static str,
    pub weight: u32,
    pub items: &'static [Item],
}

/// A sub-item: as written, its name, weight, what it asks, the evidence the city linked
/// (none for one item), and who scores it in the sample (`None`: 本办).
pub struct Item {
    pub written: &'static str,
    pub name: &'static str,
    pub weight: u32,
    pub rule: &'static str,
    pub evidence: Option<&'static str>,
    pub assessor: Option<&'static str>,
}

pub const CATEGORIES: [Category; 6] = [
    Category {
        written: "一、重点领域信息公开",
        name: "重点领域信息公开",
        weight: 18,
        items: &[
            Item {
                written: "（一）规划信息公开。",
                name: "规划信息公开",
                weight: 3,
                rule: "主动公开国民经济和社会发展第十四个五年规划纲要、国土空间规划、专项规划和区域规划等，做好历史规划（计划）的归集整理和主动公开工作。建立专题，通过政府信息公开专栏和政务新媒体归集发布规划信息。",
                evidence: Some("规划蓝图专题"),
                assessor: None,
            },
            Item {
                written: "（二）市场规则标准和监管执法信息公开。",
                name: "市场规则标准和监管执法信息公开",
                weight: 3,
                rule: "开设专题及时公开建设高标准市场体系行动方案的落实举措，加强反垄断与反不正当竞争执法信息公开工作。",
                evidence: Some("高标准市场体系建设专题"),
                assessor: None,
            },
            Item {
                written: "（三）财政信息公开。",
                name: "财政信息公开",
                weight: 3,
                rule: "推进部门所属单位预算、决算及相关报表公开，持续深化地方政府债务信息公开。规范公开行政事业性收费项目、依据和标准。加大惠民惠农政策和资金发放信息公开力度，推动补贴信息公开向村和社区延伸。",
                evidence: Some("预决算专题、惠民惠农目录"),
                assessor: Some("市财政局"),
            },
            Item {
                written: "（四）常态化疫情防控信息公开。",
                name: "常态化疫情防控信息公开",
                weight: 3,
                rule: "增强新冠肺炎疫情防控信息发布的及时性针对性，及时发布各类权威信息，做好疫苗接种信息公开和舆论引导工作，提高新冠肺炎疫情防控信息发布规范化水平。做好爱国卫生运动、健康中国行动等相关工作的信息公开。",
                evidence: Some("新冠疫情防控专题、爱国卫生运动、健康中国行动"),
                assessor: Some("市卫生健康委"),
            },
            Item {
                written: "（五）其他领域信息公开。",
                name: "其他领域信息公开",
                weight: 6,
                rule: "做好《中华人民共和国政府信息公开条例》第二十条、二十一条规定的其他应主动公开的重点领域信息公开工作。",
                evidence: Some("三大攻坚战、放管服改革、重大建设项目等栏目"),
                assessor: None,
            },
        ],
    },
    Category {
        written: "二、政策发布解读和回应关切",
        name: "政策发布解读和回应关切",
        weight: 30,
        items: &[
            Item {
                written: "（一）重大政策发布解读。",
                name: "重大政策发布解读",
                weight: 8,
                rule: "认真贯彻落实中央和我省经济工作会议精神、《政府工作报告》要求，以扎实做好“六稳”工作、全面落实“六保”任务为重点，聚焦重大政策，及时发布权威信息，开展深入解读。推进对企信息公开，聚焦“双招双引”，全方位向企业和人才送政策、送服务。",
                evidence: Some("政策解读、六稳六保、双招双引专题"),
                assessor: None,
            },
            Item {
                written: "（二）政策解读质量效果。",
                name: "政策解读质量效果",
                weight: 7,
                rule: "加强对政策背景、出台目的、重要举措等方面的实质性解读，讲明讲透政策内涵，杜绝简单摘抄文件、罗列小标题等形式化解读。",
                evidence: Some("政策解读"),
                assessor: None,
            },
            Item {
                written: "（三）政策解读方式。",
                name: "政策解读方式",
                weight: 10,
                rule: "加强政策咨询服务，设立政策咨询综合服务窗口（平台），为企业群众提供“一号答”“一站式”政策咨询服务。丰富政策解读形式，运用简明问答、图表图解、卡通动漫等多元化形式和生动灵活的语言解读政策。",
                evidence: Some("政策文件库"),
                assessor: None,
            },
            Item {
                written: "（四）回应关切。",
                name: "回应关切",
                weight: 5,
                rule: "加强舆情回应台账管理，认真核查已作出的承诺落实及公开情况，切实维护政府公信力。增强回应工作的主动性，及时作出回应。落实简单常见问题咨询回复不超过3个工作日的反馈时限要求。",
                evidence: Some("回应关切"),
                assessor: None,
            },
        ],
    },
    Category {
        written: "三、政务公开工作基础",
        name: "政务公开工作基础",
        weight: 12,
        items: &[
            Item {
                written: "（一）政务信息管理。",
                name: "政务信息管理",
                weight: 6,
                rule: "全面做好现行有效规章和规范性文件集中规范公开，通过政府网站的政府信息公开专栏集中公开现行有效文件和文件目录，方便公众查询使用。建立政策文件库，实现规章和规范性文件全面归集和全生命周期管理。",
                evidence: Some("政府规章库"),
                assessor: None,
            },
            Item {
                written: "（二）政务公开平台建设。",
                name: "政务公开平台建设",
                weight: 6,
                rule: "进一步完善政府信息公开专栏建设。通过政务新媒体渠道加强政府公报内容传播，扩大政府公报的知晓度和影响力。政府信息公开查阅场所的开通覆盖情况和功能。",
                evidence: Some("政府信息公开平台"),
                assessor: None,
            },
        ],
    },
    Category {
        written: "四、基层政务公开",
        name: "基层政务公开",
        weight: 15,
        items: &[
            Item {
                written: "（一）基层各领域主动公开工作。",
                name: "基层各领域主动公开工作",
                weight: 6,
                rule: "基层政府建立完善政务公开工作制度和工作流程，基层政府指导村（居）民委员会编制公开事项清单，通过村（居）民微信群、益农信息社、公众号、信息公示栏等形式，重点公开涉及基层群众利益方面的内容。",
                evidence: Some("基层政务公开专题"),
                assessor: None,
            },
            Item {
                written: "（二）基层政务公开渠道建设。",
                name: "基层政务公开渠道建设",
                weight: 5,
                rule: "有条件的县（市、区）年内完成县级政务公开专区建设。汇总编制企业和群众办事一本通，并通过线上线下渠道向社会公开，最大限度利企便民。",
                evidence: Some("县级办事一本通"),
                assessor: None,
            },
            Item {
                written: "（三）基层政务公开示范创新。",
                name: "基层政务公开示范创新",
                weight: 4,
                rule: "各市、县（市、区）完成市、县两级基层政务公开示范区和示范点创建工作。",
                evidence: Some("示范区示范点创建"),
                assessor: None,
            },
        ],
    },
    Category {
        written: "五、政府信息公开条例落实",
        name: "政府信息公开条例落实",
        weight: 10,
        items: &[
            Item {
                written: "（一）依申请公开工作。",
                name: "依申请公开工作",
                weight: 4,
                rule: "准确适用《中华人民共和国政府信息公开条例》，优化和规范内部办理流程，提高答复质量和效率。在本单位政府信息公开指南中，载明收费要求和标准，按照规定的标准、程序、方式计收信息处理费。",
                evidence: Some("政府信息公开指南"),
                assessor: None,
            },
            Item {
                written: "（二）规范政府信息公开行政复议案件审理标准。",
                name: "规范政府信息公开行政复议案件审理标准",
                weight: 2,
                rule: "提高政府信息公开行政复议案件审理规范度，有效解决实践中较为突出的同案不同判问题。",
                evidence: None,
                assessor: Some("市司法局"),
            },
            Item {
                written: "（三）配套制度建设。",
                name: "配套制度建设",
                weight: 4,
                rule: "做好国务院有关主管部门出台的各领域公共企事业单位信息公开规定的实施工作。提高政府信息公开工作年度报告编制和发布工作水平（年报格式是否规范、内容是否全面、数据是否准确）。",
                evidence: Some("年报专题"),
                assessor: None,
            },
        ],
    },
    Category {
        written: "六、指导监督",
        name: "指导监督",
        weight: 15,
        items: &[
            Item {
                written: "（一）加强工作指导。",
                name: "加强工作指导",
                weight: 4,
                rule: "加大经验做法交流力度，向国务院办公厅《政务公开工作交流》和省《政务公开交流》报送优秀稿件。加强队伍建设，定期组织开展政务公开工作培训和研讨交流，不断提升业务能力。",
                evidence: Some("稿件报送通知"),
                assessor: None,
            },
            Item {
                written: "（二）改进工作作风。",
                name: "改进工作作风",
                weight: 2,
                rule: "在日常指导和评估考核工作中，切实减轻基层负担。正确对待社会上各类政务公开第三方评估结果，原则上不以行政机关名义领取民间奖励。",
                evidence: Some("考评方案"),
                assessor: None,
            },
            Item {
                written: "（三）狠抓任务落实。",
                name: "狠抓任务落实",
                weight: 6,
                rule: "对涉及本部门、本系统的重点工作，要于重点任务分工印发后一个月内梳理形成工作台账并在政府信息公开专栏公开。各地各部门要将年度政务公开重点工作任务落实情况纳入政府信息公开工作年度报告予以公开，接受社会监督。",
                evidence: Some("工作台账、回头看"),
                assessor: None,
            },
            Item {
                written: "（四）规范考核评估。",
                name: "规范考核评估",
                weight: 3,
                rule: "严格落实将政务公开纳入政府目标管理考核体系且分值权重不低于4%的要求，依法规范开展考核、评议，避免简单地以第三方评估代替应由政府自身开展的考核、评议。",
                evidence: Some("考评方案"),
                assessor: None,
            },
        ],
    },
];
