//! The website sections (栏目) seed 001 names, as the office would keep them in
//! reference/sections.csv: two or three levels, the responsible units (保障单位,
//! canonical names or group phrases such as 各部门) and the 更新频率 in the notice's own
//! words: 公示公告第一时间发布, 动态信息发生当天公开, 政策文件类信息生成当周公开, 其他栏目每月
//! 更新. Three rows follow rules of their own, as an office's table would: annual plans
//! 每年, 部门预决算 within 20 days of approval (预算法 第十四条), 双公示 within 7 working
//! days (行政许可和行政处罚). 各部门 is category 部门 only: the vertically managed 国税局,
//! 地税局 and 气象局 are named where the office holds them to a section.

/// One row of sections.csv.
pub struct SectionRow {
    pub levels: [&'static str; 3],
    pub content: &'static str,
    pub responsible: &'static str,
    pub frequency: &'static str,
}

const fn row(
    levels: [&'static str; 3],
    content: &'static str,
    responsible: &'static str,
    frequency: &'static str,
) -> SectionRow {
    SectionRow {
        levels,
        content,
        responsible,
        frequency,
    }
}

/// The section table; every leaf name is unique, so an item's 栏目 names exactly one row.
pub const SECTIONS: &[SectionRow] = &[
    row(
        ["新时政新闻", "今日大英", ""],
        "县委、县政府重要会议和重大活动",
        "政府办",
        "当天",
    ),
    row(
        ["新时政新闻", "热点政策", ""],
        "国家、省、市、县出台的热点政策",
        "政府办、发改局",
        "当周",
    ),
    row(
        ["新时政新闻", "重大信息", ""],
        "重大决策部署、重要事件和突发事件信息",
        "政府办",
        "当天",
    ),
    row(
        ["工作动态", "部门动态", ""],
        "县级各部门工作动态",
        "各部门",
        "当天",
    ),
    row(
        ["工作动态", "镇乡动态", ""],
        "各镇乡工作动态",
        "各镇乡",
        "当天",
    ),
    row(
        ["工作动态", "园区社区动态", ""],
        "各园区、社区工作动态",
        "回马工业园区、现代农业园区、工业集中发展区、文旅产业园、城东社区、城西社区",
        "当天",
    ),
    row(
        ["通知公告", "通知", ""],
        "面向社会发布的通知",
        "各镇乡、各部门、各园区、各社区、国税局、地税局、气象局",
        "第一时间",
    ),
    row(
        ["通知公告", "公示公告", ""],
        "各类公示、公告",
        "各镇乡、各部门、各园区、各社区、国税局、地税局、气象局",
        "第一时间",
    ),
    row(
        ["政策文件", "县政府文件", ""],
        "县政府及县政府办公室文件",
        "政府办",
        "生成当周",
    ),
    row(
        ["政策文件", "部门文件", ""],
        "部门规范性文件和其他文件",
        "各部门",
        "生成当周",
    ),
    row(
        ["政策解读", "", ""],
        "重要政策文件的解读材料",
        "政府办、各部门",
        "当周",
    ),
    row(
        ["应急管理", "应急预案", ""],
        "总体及专项应急预案",
        "安监局、政府办",
        "每月",
    ),
    row(
        ["应急管理", "预警信息", ""],
        "气象、地质灾害、汛情预警",
        "气象局、水务局、国土局",
        "每月",
    ),
    row(
        ["应急管理", "突发事件处置", ""],
        "突发事件应对和处置情况",
        "安监局、公安局、卫计局",
        "每月",
    ),
    row(
        ["规划计划", "发展规划", ""],
        "国民经济和社会发展规划、城乡规划",
        "发改局、规划局",
        "每月",
    ),
    row(
        ["规划计划", "年度计划", ""],
        "年度工作计划和工作要点",
        "各部门、各镇乡、各园区、各社区",
        "每年",
    ),
    row(
        ["人事及招考信息", "人事任免", ""],
        "县政府任免的工作人员",
        "人社局",
        "每月",
    ),
    row(
        ["人事及招考信息", "招考录用", ""],
        "公务员、事业单位招考录用",
        "人社局、教育局、卫计局",
        "每月",
    ),
    row(["常务会议", "", ""], "县政府常务会议纪要", "政府办", "每月"),
    row(
        ["统计数据", "统计信息", ""],
        "月度、季度经济运行数据",
        "统计局",
        "每月",
    ),
    row(
        ["统计数据", "统计公报", ""],
        "国民经济和社会发展统计公报",
        "统计局",
        "每月",
    ),
    row(
        ["重点领域", "财政资金", "财政预决算"],
        "部门预决算和“三公”经费",
        "财政局、各部门",
        "批复后20日内",
    ),
    row(
        ["重点领域", "财政资金", "惠民惠农资金"],
        "惠民惠农财政补贴资金发放",
        "财政局、民政局、农业局、扶贫移民局",
        "每月",
    ),
    row(
        ["重点领域", "行政权力运行", "权责清单"],
        "权力清单、责任清单、政务服务事项",
        "政务服务中心",
        "每月",
    ),
    row(
        ["重点领域", "行政权力运行", "行政许可和行政处罚"],
        "行政许可、行政处罚结果（双公示）",
        "各部门",
        "7个工作日内",
    ),
    row(
        ["重点领域", "公共资源配置", "政府采购"],
        "政府采购项目信息",
        "财政局",
        "每月",
    ),
    row(
        ["重点领域", "公共资源配置", "工程建设项目"],
        "工程建设项目审批、招标投标",
        "住建局、交运局、水务局、发改局",
        "每月",
    ),
    row(
        ["重点领域", "公共资源配置", "国有土地使用权出让"],
        "国有建设用地使用权出让",
        "国土局",
        "每月",
    ),
    row(
        ["重点领域", "公共资源配置", "保障性住房"],
        "保障性安居工程建设和分配",
        "房管局、住建局",
        "每月",
    ),
    row(
        ["重点领域", "食品药品安全", "抽检信息"],
        "食品药品监督抽检结果",
        "食药监局",
        "每月",
    ),
    row(
        ["重点领域", "环境保护", "环境质量"],
        "空气、水环境质量",
        "环保局",
        "每月",
    ),
    row(
        ["重点领域", "环境保护", "环评信息"],
        "建设项目环境影响评价",
        "环保局",
        "每月",
    ),
    row(
        ["重点领域", "安全生产", "安全生产监管"],
        "安全生产检查、事故调查处理",
        "安监局",
        "每月",
    ),
    row(
        ["重点领域", "价格和收费", "价格收费"],
        "收费目录清单、重要商品价格",
        "发改局",
        "每月",
    ),
    row(
        ["重点领域", "社会救助", ""],
        "低保、特困、临时救助",
        "民政局",
        "每月",
    ),
    row(
        ["重点领域", "扶贫脱贫", ""],
        "扶贫政策、资金和项目",
        "扶贫移民局、各镇乡",
        "每月",
    ),
    row(
        ["重点领域", "教育", ""],
        "招生、学生资助、营养改善计划",
        "教育局",
        "每月",
    ),
    row(
        ["重点领域", "医疗卫生", ""],
        "医疗服务、公共卫生、计划生育",
        "卫计局",
        "每月",
    ),
];

impl SectionRow {
    /// The most specific level that is filled in: what submissions write in 栏目.
    pub fn leaf(&self) -> &'static str {
        self.levels
            .iter()
            .rev()
            .copied()
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// Whether a unit of `category` named `unit` is among the responsible units of `leaf`.
pub fn responsible(leaf: &str, unit: &str, category: &str) -> bool {
    let group = match category {
        "乡镇" => "各镇乡",
        "园区" => "各园区",
        "社区" => "各社区",
        "部门" => "各部门",
        // Vertically managed units are in no group: only named.
        _ => "",
    };
    SECTIONS.iter().filter(|s| s.leaf() == leaf).any(|s| {
        (s.responsible.split('、')).any(|r| r == unit || (!group.is_empty() && r == group))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_phrases_reach_units_by_category() {
        assert!(responsible("镇乡动态", "蓬莱镇", "乡镇"));
        assert!(!responsible("部门动态", "蓬莱镇", "乡镇"));
        assert!(responsible("公示公告", "城东社区", "社区"));
        assert!(responsible("社会救助", "民政局", "部门"));
        assert!(!responsible("社会救助", "财政局", "部门"));
        assert!(!responsible("部门动态", "国税局", "垂直管理"));
        assert!(responsible("通知", "国税局", "垂直管理"));
        assert!(responsible("预警信息", "气象局", "垂直管理"));
    }

    #[test]
    fn every_leaf_names_exactly_one_row() {
        for s in SECTIONS {
            assert_eq!(
                SECTIONS.iter().filter(|t| t.leaf() == s.leaf()).count(),
                1,
                "{}",
                s.leaf()
            );
        }
    }
}
