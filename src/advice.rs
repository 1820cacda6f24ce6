//! What each problem code asks a person to do — who acts and how — for the 建议 column
//! of 问题清单, where it follows a problem's own suggestion (the closest unit name, …).
//! Every code has one: a new code does not compile until it is given its advice.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::coverage::Words;
use crate::problems::Code;

impl Code {
    /// [`Code::advice`] in `words`: a workspace of pilot domains is told of 领域,
    /// 责任分工表 and 责任单位 (see [`Words::reword_problem`]).
    pub(crate) fn advice_in(self, words: Words) -> &'static str {
        static REWORDED: OnceLock<HashMap<Code, String>> = OnceLock::new();
        let reworded = REWORDED.get_or_init(|| {
            let worded = crate::coverage::WORDED.iter();
            worded
                .map(|&c| (c, Words::Domains.reword(c.advice())))
                .collect()
        });
        match words {
            Words::Sections => self.advice(),
            Words::Domains => reworded.get(&self).map_or(self.advice(), String::as_str),
        }
    }

    /// What to do about a problem with this code, in Chinese.
    pub(crate) fn advice(self) -> &'static str {
        match self {
            Code::SkippedSystemFile => "无需处理；如需减少提示，可删除收件夹中的临时文件",
            Code::DuplicateFile => "请删除重复的文件，只保留一份",
            Code::DuplicateOfAnotherUnit => {
                "请向两个单位核实：删去不是本单位的一份，另一单位重新报送本单位的报表"
            }
            Code::FormatMismatch => "无需处理；如需消除提示，请将文件另存为与内容相符的格式",
            Code::Encrypted => "请报送单位去除文件密码后重新报送",
            Code::Unreadable => "请报送单位用 Excel 或 WPS 打开后另存为 .xlsx 再报送",
            Code::UnknownFormat => "请报送单位改报 .xlsx、.xls 或 .csv 文件",
            Code::TooLarge => {
                "请核实文件是否正常；确为正常文件的，在 zwgk.toml 的 [limits] 中调高上限"
            }
            Code::BeyondLimits => "请报送单位删除多余的行列或拆分文件后另存为 .xlsx 重新报送",
            Code::TooOld => "请报送单位用 Excel 或 WPS 打开后另存为 .xlsx 再报送",
            Code::NotRegularFile => "无需处理；请把该项从收件夹中移走",
            Code::LinkOutside | Code::LinkNowhere => {
                "如确需汇总该文件，请把文件本身（而非链接）放进收件夹"
            }
            Code::OwnOutput => "请把该文件移出收件夹：汇总结果在输出文件夹中，不必放回收件夹",
            Code::Vanished => {
                "如仍要计入，请把文件放回收件夹后重新汇总；正在复制的文件请等复制完再汇总"
            }
            Code::DoubtfulEncoding => {
                "请打开原文件核对；如有乱码，在 zwgk.toml 的 [encoding] 中为该文件指定编码"
            }
            Code::NulRemoved => "请核对这些行的内容是否完整",
            Code::UnheadedCells => {
                "请核对这些单元格：应当计入的，请报送单位移到相应的列，或在表头补上列名后重新报送"
            }
            Code::HiddenRows => {
                "在 Excel 或 WPS 中取消筛选、取消隐藏后核对：不应计入的行（如其他单位的）请删除后重新报送"
            }
            Code::MonthsAcross => {
                "请报送单位按统计表模板（zwgk template --form counts）改为每月一行后重新报送"
            }
            Code::OtherTable => {
                "请报送单位把每个表格放在单独的工作表中后重新报送；未读取的表格中有应计入的信息时尤其要改"
            }
            Code::MacroSheet => "无需处理；如宏表中有应报送的数据，请复制到普通工作表",
            Code::ReaderPanic => "请将该文件反馈给维护人员，并请报送单位另存为 .xlsx 后重新报送",
            Code::EmptyFile => "请与报送单位核实是否报错了文件",
            Code::Undecodable => "请报送单位另存为 UTF-8 编码的 CSV 或 .xlsx 后重新报送",
            Code::StrayQuote => "请核对该行内容是否完整",
            Code::UndecodableCell => "请报送单位修正乱码后重新报送",
            Code::NoHeader => "请报送单位按报送模板填写表头（zwgk template 可生成模板）",
            Code::HiddenSheetWithData => "请与报送单位核实隐藏工作表是否应当报送；不应报送的请删除",
            Code::VeryHiddenSheet => "无需处理；如该工作表应当报送，请取消隐藏",
            Code::UnknownColumn => "无需处理；如该列应当计入，请改用模板中的列名",
            Code::DuplicateColumn => "请删除重复的列，只保留一列",
            Code::NotASubmission => {
                "请报送单位按报送模板填写（明细表须有「标题」列，统计表须有「数量」列）"
            }
            Code::BadDate => "请报送单位按问题说明中的格式（年-月-日）改正日期后重新报送",
            Code::ImplausibleDate => {
                "请报送单位核对发布日期（统计数为所属月份）；有误的更正后重新报送，确属其他年度的不必报送"
            }
            Code::FutureDate => "请报送单位核对发布日期；有误的更正后重新报送",
            Code::BadCount => "请报送单位将数量改为整数后重新报送",
            Code::ImplausibleCount => "请报送单位核对这一行的数量（是否填到了别的列）后重新报送",
            Code::DashAsZero => "无需处理；如不应为 0，请报送单位填写实际数量",
            Code::MissingTitle => "请报送单位补填标题后重新报送",
            Code::MissingDate => "请报送单位补填发布日期后重新报送",
            Code::CellError => "请报送单位修正公式错误后重新报送",
            Code::UncachedFormula => {
                "请报送单位用 Excel 或 WPS 打开该文件、保存后重新报送，或把公式换成数值"
            }
            Code::MissingCount => "请报送单位补填数量后重新报送",
            Code::UnknownUnit => "请改用单位名称表中的名称，或在单位名称表的别名中补充该写法",
            Code::UnitConflict => "请核对文件中的单位、「填报单位：」行、文件名和文件夹，使其一致",
            Code::RowOfAnotherUnit => {
                "无需处理；如这些行确属本单位，请报送单位改正单位名称后重新报送"
            }
            Code::NoUnit => "请在文件中加「填报单位：XXX」一行，或在文件名中写明单位",
            Code::CountWithoutMonth => {
                "请报送单位补填统计数所属的月份（「月份」列、「统计期间：」行或文件名）"
            }
            Code::CountsOverridden => "无需处理；如统计数应当计入，请报送单位补报明细",
            Code::CountsTwice => "请与报送单位核对，删除过时的一份后重新汇总",
            Code::PeriodNotAMonth => "请报送单位按月份分行填写统计数后重新报送",
            Code::BadMonth => "请报送单位按提示的格式改写月份后重新报送",
            Code::MonthConflict => {
                "请报送单位更正统计期间行或文件名中的月份（常见于沿用旧表），使两者一致后重新报送"
            }
            Code::TargetUnitUnknown => {
                "请在单位名称表中补充该单位或其别名，或更正目标任务表中的名称"
            }
            Code::AmbiguousAlias => "请在单位名称表中删去其中一个别名",
            Code::AliasIsAnotherUnit => "请在单位名称表中删去或更正该别名",
            Code::DuplicateTarget => "请在目标任务表中只保留一个目标任务数",
            Code::MissingUnitName => "请在单位名称表中补填单位名称",
            Code::TotalMismatch => "请核对各行数字和合计，更正有误之处",
            Code::BehindSchedule => "请督促该单位加快报送进度",
            Code::NoSubmission => "请督促该单位报送本期信息",
            Code::PartYear => {
                "全年信息收齐后请重新运行 zwgk assess；如只报送到该月，请核对是否有单位漏报"
            }
            Code::UnusableSubmission => {
                "请告知该单位文件的问题（见文件清单和该文件的问题），请其按模板重新报送"
            }
            Code::DuplicateItem => "无需处理；如确为两条信息，请报送单位核对标题、日期和链接",
            Code::LinkOnlyDuplicate => {
                "请报送单位核对链接：确为两条信息的，把各条改为各自的链接后重新报送"
            }
            Code::CellTruncated => "完整内容请查看原报送文件；如属误填，请报送单位更正",
            Code::UnknownResponsible => {
                "请在单位名称表中补充该单位或别名，或在 zwgk.toml 的 [groups] 中定义"
            }
            Code::UndefinedGroup => "请在 zwgk.toml 的 [groups] 中定义该单位组",
            Code::OpenList => "如还有其他保障单位，请在栏目表中逐一列出",
            Code::EmptyGroup => "请在 zwgk.toml 的 [groups] 中核对该单位组的成员",
            Code::BadFrequency => {
                "请在栏目表中将更新频率改为 实时、每周、每月、每季度、每半年、每年 或 按需"
            }
            Code::MissingSectionName => "请在栏目表中补填栏目名称",
            Code::UnknownDomain => "如是错别字，请在栏目表中更正领域名称",
            Code::BadGroupMember => "请在 zwgk.toml 的 [groups] 中更正该成员",
            Code::NoResponsible => "请在栏目表中为该栏目填写保障单位",
            Code::UnitSilent => "无需整改；如该单位也应在这些栏目发布信息，请督促其报送",
            Code::Sleeping => "请督促该栏目的保障单位及时更新",
            Code::NeverUpdated => "请督促该栏目的保障单位尽快更新",
            Code::UnresolvedSection => {
                "请报送单位改用栏目表中的栏目名称（可从模板的下拉列表中选择）"
            }
            Code::OutsideResponsibility => "请报送单位核对栏目是否填错",
            Code::NoSection => "请报送单位按模板填写栏目后重新报送（可从模板的下拉列表中选择）",
            Code::RepeatedSection => "请在栏目表中删除重复的行",
            Code::CategoryConflict => "请在单位名称表中删除重复的行，或改正类别",
            Code::UnitTwice => {
                "如是同一个单位，请在单位名称表中删去一行，把另一种写法写入别名；如确是两个单位，请改用能区分的名称"
            }
            Code::NoCategory => {
                "请在单位名称表中填写该单位的类别（与其他单位的写法一致，如 乡镇、部门）"
            }
            Code::NotSectionsTable => {
                "请在 zwgk.toml 的 [reference] 中核对栏目表的路径，或在表中加栏目列"
            }
            Code::TimelinessUnchecked => "如需核对是否按时公开，请报送单位填写成文（发生）日期",
            Code::LatePublication => "请督促该单位在时限内公开信息",
            Code::BadAroseDate => "请报送单位按提示的格式改写成文（发生）日期",
            Code::PublishedBeforeArose => "请报送单位核对发布日期和成文（发生）日期",
            Code::CalendarNotCovered => "请升级 zwgk 后重新生成",
            // Catalogues (标准目录).
            Code::ElementColumnMissing => "请编制单位在目录中补上该列后重新报送",
            Code::ElementEmpty => "请编制单位补充该事项的要素后重新报送",
            Code::BadTimeLimit => "请编制单位按提示的写法改写公开时限",
            Code::UnknownSubject => "请改用单位名称表中的名称；确为新单位的，在单位名称表中补充",
            Code::SubjectNotResponsible => "请与编制单位核对公开主体或领域是否填错",
            Code::BadManner => "请编制单位将公开方式改为“主动”或“依申请”",
            Code::BadAudience => "请编制单位将公开对象改为“全社会”或“特定对象”",
            Code::DuplicateMatter => "请编制单位删除重复的事项，只保留一条",
            Code::DomainConflict => "请核对该事项应归入的领域，并在目录中改正",
            Code::NoDomain => "请编制单位在目录中按 26 个试点领域的名称写明所属领域",
            Code::NotCatalogued => "请督促该领域的责任单位报送标准目录",
            Code::SenderNotResponsible => "请核对领域责任分工表，或与报送单位核实",
            Code::NoCatalogueUnit => "请在文件中写明编制单位，或在文件名中写明单位后重新放入收件夹",
            Code::NotACatalogue => "请编制单位按目录编制表的表头重新整理后报送",
            Code::NoElements => "无需处理；如该行应列入目录，请补充事项要素",
            // Contact forms (通讯录).
            Code::BadMobile => "请报送单位核对并改正手机号码",
            Code::BadPhone => "请报送单位核对并改正电话号码",
            Code::BadQq => "请报送单位核对并改正 QQ 号",
            Code::MissingPersonName => "请报送单位补填姓名后重新报送",
            Code::MissingRole => "请报送单位补填该联系人的姓名、职务和联系方式后重新报送",
            Code::NoContactForm => "请督促该单位报送联系人登记表",
            Code::ContactsReplaced => "无需处理；如应采用旧表，请删除较新的一份",
            Code::ContactsUnordered => "请删除过时的一份，或请报送单位在表中写明填报时间",
            // The annual assessment (年度考核).
            Code::WeightsMismatch => "请在指标体系中改正分值，使其与下级各项之和相等",
            Code::SheetWeightsMismatch => "请报送单位按指标体系改正本表的分值后重新报送",
            Code::TopLevelNot100 => "请在指标体系中调整一级指标分值，使其合计为 100 分",
            Code::BadPoints => "请在指标体系中按提示的写法改写分值",
            Code::DuplicateIndicator => "请在指标体系中删除或改名重复的指标",
            Code::UnknownAssessor => "请在指标体系中改用单位名称表中的名称",
            Code::UnknownCategory => "请在指标体系中改用单位名称表中已有的类别",
            Code::BadDataSource => "请在指标体系中改写数据来源，或留空由考核单位评分",
            Code::WrongYear => "请考核单位报送本年度的评分表",
            Code::UnknownIndicator => "请考核单位改用指标体系中的指标名称后重新报送",
            Code::NotAnObject => "请考核单位删除该行，或核对指标的适用对象",
            Code::NotTheAssessor => "请由指标体系指定的考核单位评分",
            Code::ScoreOutOfRange => "请考核单位核实得分后重新报送",
            Code::BadScore => "请考核单位将得分改为数字后重新报送",
            Code::SameScoreTwice => "无需处理；如需减少提示，请删除重复的评分",
            Code::ConflictingScores => "请与考核单位核实正确的得分，删除或改正错误的一份",
            Code::MissingEvidence => "请报送单位在自评表中补充佐证链接",
            Code::MissingScores | Code::UnscoredObjects => "请督促考核单位补报评分",
            Code::DeclaredTotalDiffers => "请考核单位核对合计得分",
            Code::PointsDiffer => "无需处理；如指标体系有误，请改正指标体系",
            Code::MissingReviewScore => "请在复核结果表中填写复核得分；维持原分的，填写原分",
            Code::ConflictingAppeals => "请核实正确的复核得分，在复核结果表中删除或改正错误的一行",
            Code::NotScoreSheet => "无需处理；如这本应是评分表或自评表，请报送单位改报",
            Code::NoScoreSheet => {
                "请报送单位按评分表或自评表的格式（单位、指标、得分各一列；zwgk template --form self-assessment 可生成自评表）填写后重新报送"
            }
            Code::ReviewScoreOutOfRange => "请在复核结果表中改正复核得分",
            Code::EarlyAppeal => "请核对申请日期；确为公示前提出的，待公示后另行申请",
            Code::LateAppeal => "无需处理；确有正当理由的，请按复核程序另行处理",
            Code::NoPublicityDate => "请运行时用 --publicity-date 写明公示日期",
            Code::SelfEvaluationGap => "无需处理；相差较大的，请核对评分依据",
            Code::ComputedScore => "无需处理；如需采用表中得分，请修改指标的数据来源",
            Code::MisplacedCityDeduction => "请将市级扣分记在倒扣项的考核单位名下",
            Code::RepeatedCityDeduction => {
                "请核对市上的扣分通报：确是几次扣分的，无需处理；同一扣分重复填写的，删去多余的行"
            }
            Code::CityBeyondPoints => "请核对市上的扣分和该项的倒扣分值；确应多扣的，无需处理",
            Code::ScoreAndDeductionDiffer => "请考核单位核对得分和扣分，改正不一致的一处后重新报送",
            Code::MissingIndicatorName => "请在该行补填指标名称",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_says_what_to_do() {
        for code in Code::ALL {
            let advice = code.advice();
            assert!(advice.chars().count() >= 6, "{code}: {advice}");
            assert!(!advice.ends_with('。'), "{code}: joined after a suggestion");
        }
    }

    #[test]
    fn a_workspace_of_pilot_domains_is_advised_in_its_own_words() {
        let code = Code::UnresolvedSection;
        assert_eq!(
            code.advice_in(Words::Domains),
            "请报送单位改用责任分工表中的领域名称（可从模板的下拉列表中选择）"
        );
        assert_eq!(code.advice_in(Words::Sections), code.advice());
        // Advice that names no section is the same in both.
        let code = Code::BadMobile;
        assert_eq!(code.advice_in(Words::Domains), code.advice());
    }
}
