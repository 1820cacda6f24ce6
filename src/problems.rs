//! The problem catalogue: every finding zwgk can report, with its stable code,
//! severity and Chinese message template, declared once in `catalogue!` below.
//!
//! A bad file or a bad cell never stops a run: stages return `Problem`s next to
//! their results, and the exit code is decided at the end from the severities.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 错误: a row or file was rejected, or a check failed.
    Error,
    /// 警告: the run went on, but a person should look.
    Warning,
    /// 提示: what the tool did on the user's behalf.
    Info,
}

impl Severity {
    /// 错误, 警告 or 提示.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Error => "错误",
            Self::Warning => "警告",
            Self::Info => "提示",
        }
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        })
    }
}

macro_rules! catalogue {
    ($($variant:ident = $id:literal, $severity:ident, $template:literal;)*) => {
        /// A stable problem code. Codes are never renumbered once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)] // Each variant is documented by its template below.
        pub enum Code { $($variant),* }

        impl Code {
            /// Every code, in catalogue order (the README lists them in this order).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable identifier, such as `F004`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id),* }
            }

            /// How serious a problem with this code is.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// The Chinese message; each `{}` takes the next argument of `Problem::new`.
            pub fn template(self) -> &'static str {
                match self { $(Code::$variant => $template),* }
            }
        }
    };
}

catalogue! {
    // Files: discovery, format, safety.
    SkippedSystemFile = "F001", Info, "已跳过系统或临时文件（{}）";
    DuplicateFile = "F002", Warning, "与「{}」内容完全相同，只计一次";
    FormatMismatch = "F003", Info, "扩展名为 {}，实际为{}，已按实际格式读取";
    Encrypted = "F004", Error, "文件已加密，请去除密码后重新报送";
    Unreadable = "F005", Error, "文件无法读取（{}），请用 Excel 或 WPS 打开后另存为 .xlsx 再报送";
    UnknownFormat = "F006", Error, "无法识别的文件格式（{}），请报送 .xlsx、.xls 或 .csv 文件";
    TooLarge = "F007", Error, "文件过大或解压后过大（{}），超过上限 {}；如确为正常文件，请在 zwgk.toml 的 [limits] 中调高上限";
    ReaderPanic = "F008", Error, "读取本文件时发生内部错误（{}），已跳过本文件，其余文件照常处理；请把该文件反馈给维护人员";
    EmptyFile = "F009", Warning, "文件中没有任何数据";
    // Text encoding.
    Undecodable = "E001", Error, "第 {} 行有无法解码的字符（按 {} 解码），请用 WPS 或 Excel 另存为 UTF-8 编码的 CSV 后重新报送";
    StrayQuote = "E002", Info, "第 {} 行有不成对的引号，已按 Excel 的方式读取，请核对该行";
    UndecodableCell = "E003", Error, "单元格有无法解码的字符（乱码），本行未计入；请修正文件编码后重新报送";
    // Sheets and layout.
    NoHeader = "L001", Warning, "前 30 行中未找到可识别的表头（如 标题、发布日期、栏目、单位、数量），本工作表未读取";
    HiddenSheetWithData = "L002", Warning, "工作表「{}」是隐藏工作表但含有数据，已照常读取；如不应报送请删除该工作表";
    VeryHiddenSheet = "L003", Info, "工作表「{}」被深度隐藏，已跳过";
    UnknownColumn = "L004", Info, "列「{}」无法识别，已忽略";
    DuplicateColumn = "L005", Warning, "「{}」有多列（{}），只读取「{}」一列";
    NotASubmission = "L006", Warning, "本工作表既不是明细表（缺少「标题」列）也不是统计表（缺少「数量」列），其中 {} 行未读取";
    // Cell values.
    BadDate = "V001", Error, "无法识别的日期「{}」，请写作 {} 这样的格式，并核对该月有没有这一天";
    ImplausibleDate = "V002", Error, "日期 {} 不合理：{}";
    BadCount = "V003", Error, "「{}」不是数量，请填写整数（如 240）";
    DashAsZero = "V004", Info, "「{}」按 0 计";
    MissingTitle = "V005", Error, "标题为空";
    MissingDate = "V006", Error, "发布日期为空";
    CellError = "V007", Error, "单元格是错误值 {}，请修正公式后重新报送";
    MissingCount = "V008", Error, "数量为空";
    ImplausibleCount = "V009", Error, "数量「{}」超过 {} 条，不像是一行统计的条数（电话号码、金额等填错了列？），本行未计入";
    UncachedFormula = "V010", Error, "单元格是公式 {}，文件里没有保存它的计算结果（由程序生成、未经 Excel 或 WPS 保存的表格常见），zwgk 不计算公式，本行未计入";
    FutureDate = "V011", Warning, "发布日期 {} 晚于今天（{}），请核对；本条照常计入";
    // Units.
    UnknownUnit = "U001", Error, "无法识别的单位「{}」：单位名称表中没有这个名称或别名";
    UnitConflict = "U002", Error, "报送单位不一致：{}";
    NoUnit = "U003", Error, "无法确定报送单位：单元格、「填报单位：」行、文件名和文件夹都没有给出可识别的单位";
    RowOfAnotherUnit = "U004", Warning, "本表的填报单位为「{}」，其中 {} 行的单位为「{}」，已计入「{}」；如是填错了单位，请报送单位更正";
    // Counts.
    CountWithoutMonth = "N001", Error, "统计数没有所属月份：{}";
    CountsOverridden = "N002", Warning, "{}{}月同时报送了明细和统计数，以明细为准，统计数 {} 未计入";
    CountsTwice = "N003", Warning, "{}{}月的统计数另见 {}，两份都已计入：如其中一份是更正后的，请删除过时的一份";
    PeriodNotAMonth = "N004", Error, "统计期间「{}」不是一个月：统计数按月计入，本行未计入；请一个月填一行（加「月份」列），或按月分开报送";
    BadMonth = "N005", Error, "「{}」不是月份，本行未计入；请写作 {} 这样的月份";
    // Reference tables.
    TargetUnitUnknown = "R001", Error, "目标任务表中的单位「{}」不在单位名称表中";
    AmbiguousAlias = "R002", Error, "别名「{}」同时指向「{}」和「{}」";
    DuplicateTarget = "R003", Error, "单位「{}」有多个目标任务数，只采用第一个";
    MissingUnitName = "R004", Error, "单位名称为空，本行未读取";
    // Checks.
    TotalMismatch = "C001", Error, "合计 {} 与所列各行之和 {} 不符（相差 {}），请核对";
    BehindSchedule = "C002", Warning, "{}：年度累计 {} 条，低于序时进度 {} 条";
    NoSubmission = "C003", Warning, "{}：本期没有报送";
    UnusableSubmission = "C004", Warning, "{}：收到的文件中没有可计入本期的信息（{}）";
    DuplicateItem = "D001", Info, "与 {} 重复，只计一次";
    LinkOnlyDuplicate = "D002", Warning, "与 {} 的链接相同，标题却不同：按同一条信息只计一次；如确为两条信息，请改正链接";
    // Writing outputs.
    CellTruncated = "W001", Warning, "内容长 {} 个字符，超过 Excel 单元格上限 32767，已截断；完整内容请查看原报送文件";
    // Sections and coverage.
    UnknownResponsible = "S001", Error, "保障单位「{}」不在单位名称表中：请改用单位名称表中的名称或在别名中补充；如指一类单位，请在 zwgk.toml 的 [groups] 中定义";
    UndefinedGroup = "S002", Warning, "「{}」是没有定义的单位组，未计入任何单位：请在 zwgk.toml 中定义，如 [groups] \"{}\" = [\"民政局\", \"类别:部门\"]";
    OpenList = "S003", Info, "「{}」以“等”结尾，只计入列出的单位；如还有其他单位，请逐一列出或在 zwgk.toml 的 [groups] 中定义";
    EmptyGroup = "S004", Warning, "单位组「{}」没有对应任何单位：{}";
    BadFrequency = "S005", Warning, "无法识别的更新频率「{}」，本栏目暂不检查是否按时更新；请写作 每周、每月、每季度、每半年、每年（按周期更新），当天、当周、N个工作日内（按信息产生之日计时限），或 按需";
    MissingSectionName = "S006", Error, "栏目名称为空，本行未读取：请填写一级、二级或三级栏目";
    UnknownDomain = "S007", Warning, "「{}」不是 26 个试点领域之一，已按普通栏目读取；如是错别字请更正";
    BadGroupMember = "S008", Error, "[groups] 中「{}」的成员「{}」既不是单位名称表中的单位，也不是“类别:乡镇”这样的写法，已忽略";
    NoResponsible = "S009", Warning, "栏目「{}」没有保障单位，请在栏目表中填写";
    UnitSilent = "S010", Info, "{}：本期在负责的 {} 个栏目中没有发布信息（{}）；其间有其他保障单位的信息，栏目按期更新";
    Sleeping = "S011", Warning, "栏目「{}」要求{}，{}没有更新；最近一次更新为 {}";
    NeverUpdated = "S012", Warning, "栏目「{}」要求{}，{}没有更新，截至 {} 从未更新";
    UnresolvedSection = "S013", Warning, "栏目「{}」不在栏目表中：本条计入单位任务数，但不计入任何栏目；请改用栏目表中的栏目名称";
    OutsideResponsibility = "S014", Warning, "{}不是栏目「{}」的保障单位，请核对栏目是否填错";
    NotSectionsTable = "S015", Error, "本表没有栏目列（一级栏目、二级栏目、三级栏目、栏目或政务公开领域），不能作为栏目表读取";
    // Verdicts: timeliness rules read per item, what could not be checked.
    TimelinessUnchecked = "S016", Info, "栏目「{}」要求{}：本期 {} 条信息没有成文（发生）日期，未核对是否按时公开";
    NoSection = "S017", Warning, "{} 条本期信息没有栏目：计入单位任务数，但不计入任何栏目，也不能据此判断本单位负责的栏目是否更新；请按栏目表填写“栏目”一列";
    RepeatedSection = "S018", Warning, "栏目「{}」这一行与第 {} 行完全相同，只采用第一次出现的一行；请删除重复的行";
    LatePublication = "T001", Warning, "栏目「{}」要求{}：本条信息产生于 {}，{}实际 {} 公开，晚 {} 天";
    BadAroseDate = "T002", Warning, "无法识别的成文（发生）日期「{}」，本条照常计入，但不核对是否按时公开；请写作 {} 这样的格式";
    PublishedBeforeArose = "T003", Warning, "发布日期 {} 早于成文（发生）日期 {}，请核对；本条不核对是否按时公开";
    // Working-day calendar.
    CalendarNotCovered = "K001", Error, "无法计算期限：内置的节假日日历未收录 {} 年（已收录 {}—{} 年），请升级 zwgk 后再计算";
    // Standard catalogues (标准目录, seed 002).
    ElementColumnMissing = "M001", Warning, "标准目录缺少「{}」列，本表各事项的{}都未写明；请按目录编制表补上该列";
    ElementEmpty = "M002", Warning, "事项「{}」的{}为空，请补充";
    BadTimeLimit = "M003", Warning, "公开时限「{}」无法识别，请写作“信息形成或变更之日起20个工作日内”“5个工作日内”“实时”或“长期”这样的时限";
    UnknownSubject = "M004", Warning, "公开主体「{}」不在单位名称表中";
    SubjectNotResponsible = "M005", Warning, "公开主体「{}」不是{}的责任单位（责任单位：{}）";
    BadManner = "M006", Warning, "公开方式「{}」无法识别，请写 主动 或 依申请";
    BadAudience = "M007", Warning, "公开对象「{}」无法识别，请写 全社会 或 特定对象";
    DuplicateMatter = "M008", Warning, "事项「{}」与{}重复";
    DomainConflict = "M009", Warning, "所属领域不一致：{}；已归入{}领域，请核对";
    NoDomain = "M010", Warning, "无法确定所属领域：{}；{}列在标准目录的“未归入领域”表中";
    NotCatalogued = "M011", Warning, "{}领域没有收到{}编制的标准目录";
    SenderNotResponsible = "M012", Warning, "{}不是{}的责任单位，其目录照常列入，请核对";
    NoCatalogueUnit = "M013", Warning, "无法确定目录的编制单位：{}";
    NotACatalogue = "M014", Warning, "本表像是标准目录（{}），但表头中没有可识别的目录要素（事项名称、公开内容、公开依据、公开时限、公开主体、公开方式、公开渠道、公开对象），本工作表未读取；请按目录编制表的表头填写";
    NoElements = "M015", Info, "本行没有任何目录要素，未列入目录";
    // Contact registration forms (联系人登记表, seeds 001 and 002).
    BadMobile = "P001", Warning, "手机号码「{}」不正确：应为 11 位数字，以 13—19 开头";
    BadPhone = "P002", Warning, "电话号码「{}」不正确：应为 7—8 位号码，可带区号（如 0XXX-1234567）和分机号";
    BadQq = "P003", Warning, "QQ 号「{}」不正确：应为 5—11 位数字";
    MissingPersonName = "P004", Warning, "{}的姓名为空";
    MissingRole = "P005", Warning, "联系人登记表没有填写{}";
    NoContactForm = "P006", Warning, "{}：没有报送联系人登记表";
    ContactsReplaced = "P007", Info, "{}的联系人登记表有更新的一份（{}），本表（{}）不再采用；变动：{}";
    ContactsUnordered = "P008", Warning, "{}报送了多份联系人登记表（本表与「{}」），无法确定哪份是最新的（{}），都已列入通讯录；请核对后删除旧的一份";
    // The annual assessment: the indicator table, score sheets, results and 复核.
    WeightsMismatch = "A001", Error, "指标「{}」（{}）分值为 {}，其下各项之和为 {}，两者应相等";
    TopLevelNot100 = "A002", Error, "「{}」类考核对象的一级指标分值之和为 {}，应为 100";
    BadPoints = "A003", Error, "分值「{}」无法识别：请写作 25分、3% 或 0-6分（倒扣项）";
    DuplicateIndicator = "A004", Error, "指标「{}」在指标体系中重复出现（另见第 {} 行），只采用第一次";
    UnknownAssessor = "A005", Error, "考核单位「{}」不在单位名称表中：请改用单位名称表中的名称，或写“本办”";
    UnknownCategory = "A006", Error, "适用对象「{}」不是单位名称表中的类别（现有类别：{}）";
    BadDataSource = "A007", Error, "数据来源「{}」无法识别：只能写 目标任务、栏目更新，或留空";
    WrongYear = "A008", Error, "本表是 {} 年度的评分表，不是 {} 年度，未计入";
    UnknownIndicator = "A009", Error, "无法识别的指标「{}」，这一项得分未计入";
    NotAnObject = "A010", Error, "{}（{}）不是指标「{}」的考核对象，本行未计入";
    NotTheAssessor = "A011", Error, "{}不是指标「{}」的考核单位（应由{}评分），本行未计入";
    ScoreOutOfRange = "A012", Error, "{} {} 超出指标「{}」的范围 0—{}，未计入（不作调整）";
    BadScore = "A013", Error, "得分「{}」不是数字，未计入";
    SameScoreTwice = "A014", Warning, "{}的指标「{}」重复评分（另见 {}），得分相同，只计一次";
    ConflictingScores = "A015", Error, "{}的指标「{}」有不同的得分：{}；均未计入，按缺评处理";
    MissingEvidence = "A016", Warning, "{}的自评得分没有佐证链接（指标「{}」要求：{}）";
    MissingScores = "A017", Warning, "{}未对{}的指标「{}」评分，{}";
    DeclaredTotalDiffers = "A018", Warning, "{} {} 与所列各项得分之和 {} 不符，未采用，得分按各项计";
    PointsDiffer = "A019", Warning, "分值 {} 与指标体系中的 {} 不一致，按指标体系计";
    LateAppeal = "A020", Warning, "复核申请日期 {} 晚于复核截止日 {}，未采用";
    NoPublicityDate = "A021", Error, "没有公示日期，无法判断复核申请是否逾期，复核结果未采用：请用 --publicity-date 写明公示日期";
    SelfEvaluationGap = "A022", Info, "{}：自评 {} 分，考核 {} 分，相差 {} 分";
    ComputedScore = "A023", Warning, "指标「{}」的得分由 zwgk 按{}计算，表中的得分 {} 未采用";
    MisplacedCityDeduction = "A024", Error, "市级扣分只记在倒扣项的考核单位名下（指标「{}」，考核单位：{}），本行未计入";
    MissingIndicatorName = "A025", Error, "指标名称为空，本行未读取";
    PartYear = "A026", Warning, "指标「{}」的得分按收件夹中截至 {} 的信息计算，没有以后各月的信息：全年信息收齐前，这只是截至该月的得分";
    SheetWeightsMismatch = "A027", Warning, "本表指标「{}」（{}）分值为 {}，其下各项之和为 {}，与指标体系不一致：计分按指标体系，不按本表的分值";
    EarlyAppeal = "A028", Warning, "复核申请日期 {} 早于公示日期 {}，未采用：复核申请须在公示之日起提出";
    MissingReviewScore = "A029", Error, "复核得分为空，本行未计入";
    ReviewScoreOutOfRange = "A030", Error, "复核得分 {} 超出指标「{}」的范围 0—{}，本行未采用";
    NotScoreSheet = "A031", Info, "本文件是{}，不是评分表，考核不读取";
    NoScoreSheet = "A032", Warning, "本文件中没有可识别的评分表（{}），未计入考核";
    ConflictingAppeals = "A033", Error, "{}的指标「{}」有不同的复核得分：{}；均未采用，仍按复核前的得分计";
    UnscoredObjects = "A034", Warning, "{}没有对{}的任何指标评分（共 {} 项：{}），{}";
    RepeatedCityDeduction = "A035", Warning, "{}的指标「{}」有 {} 行市级扣分（{}），均已扣减：如系同一扣分重复填写，请删去多余的行";
    CityBeyondPoints = "A036", Warning, "{}的指标「{}」市级扣分共 {} 分，按 {} 倍扣减 {} 分，超过该项倒扣分值 0—{} 分：已照扣，请核对";
    ScoreAndDeductionDiffer = "A037", Warning, "得分 {} 与扣分 {} 不一致（指标「{}」分值 {} 分，减去扣分为 {} 分），已按得分计入";
    // Hostile and odd files: limits, skipped files, doubtful decodings.
    BeyondLimits = "F010", Error, "表格超出上限：{}；本文件未读取";
    TooOld = "F011", Error, "文件是{}，格式过旧，无法读取；请用 Excel 或 WPS 打开后另存为 .xlsx 再报送";
    NotRegularFile = "F012", Warning, "不是普通文件（{}），已跳过，未读取";
    LinkOutside = "F013", Warning, "是指向工作目录以外（{}）的链接，已跳过，未读取";
    Vanished = "F014", Warning, "文件在汇总时已不在收件夹中（已被移走、改名或删除），本次未计入";
    LinkNowhere = "F015", Warning, "是链接，指向的文件（{}）不存在，已跳过，未读取";
    OwnOutput = "F016", Warning, "是 zwgk 生成的{}，不是报送文件，已跳过，未读取";
    DuplicateOfAnotherUnit = "F017", Error, "与「{}」内容完全相同，但两个文件名分别是{}和{}的，表中又没有写明单位：无法确定是哪个单位的报表，只按「{}」计入一次";
    DoubtfulEncoding = "E004", Warning, "按 {} 解码可能不对：{}；请核对，如有乱码请在 zwgk.toml 的 [encoding] 中为本文件指定编码（如 big5、windows-1252）";
    NulRemoved = "E005", Warning, "第 {} 行起有 {} 个空字符（NUL），已删除；请核对这些行";
    MacroSheet = "L007", Info, "工作表「{}」是宏表，不含报送数据，已跳过";
    UnheadedCells = "L008", Warning, "{} 列没有列名，其中 {} 个有内容的单元格未读取（此处是第一个）";
    HiddenRows = "L011", Warning, "本表第 {} 行被隐藏（筛选或手动隐藏），共 {} 行，已照常读取（有问题的行见各行的问题）：请核对这些行是否应当计入";
    MonthsAcross = "L010", Warning, "本表每月一列（单位 | 1月 | 2月 | …），zwgk 只读每月一行的统计表，本工作表未读取；请改为「单位 | 月份 | 数量」三列，每个单位每月一行";
    OtherTable = "L009", Warning, "本工作表有两个表格：第 {} 行起的表格（{}）及其下 {} 行未读取，只读取了第 {} 行表头下的表格";
    AliasIsAnotherUnit = "R005", Error, "别名「{}」是单位「{}」的名称，不能作为「{}」的别名，已忽略该别名";
    CategoryConflict = "R006", Warning, "单位「{}」已在第 {} 行列为「{}」类，本行的类别「{}」未采用：请删除重复的行或改正类别";
    UnitTwice = "R008", Warning, "单位「{}」与「{}」去掉地区名后相同，像是同一个单位列了两行；两者的其他写法（如加“县”字）都无法识别";
    NoCategory = "R007", Warning, "单位「{}」没有类别：按类别排列的附件、公文主送和年度考核都不包括它";
    MonthConflict = "N006", Error, "统计期间「{}」与文件名中的月份（{}）不一致，本行未计入：zwgk 不猜哪一个是对的";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Where on a sheet a problem is: a row, and the column where one applies. Shown as a
/// cell address such as `C17`, or as the row `17`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// The 1-based sheet row.
    pub row: u32,
    /// The 0-based sheet column.
    pub col: Option<u32>,
}

impl Place {
    /// The cell in the 1-based `row` and the 0-based `col`.
    pub fn cell(row: u32, col: u32) -> Self {
        Self {
            row,
            col: Some(col),
        }
    }

    /// The whole 1-based `row`.
    pub fn row(row: u32) -> Self {
        Self { row, col: None }
    }

    /// `C17`, or `17` for a whole row.
    fn address(&self) -> String {
        match self.col {
            Some(col) => cell_address(self.row.saturating_sub(1), col),
            None => self.row.to_string(),
        }
    }
}

/// As a person reads it: `C17`, or `第 17 行` for a whole row.
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.col {
            Some(_) => f.write_str(&self.address()),
            None => write!(f, "第 {} 行", self.row),
        }
    }
}

/// As other programs read it: `C17`, or `17` for a whole row.
impl Serialize for Place {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.address())
    }
}

/// A finding: what, where, the original value and, where possible, what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// Its stable code.
    pub code: Code,
    /// How serious it is (the code's).
    pub severity: Severity,
    /// Workspace-relative path with `/`, or the path as given to `inspect`.
    pub file: String,
    /// The sheet, where the problem is on one.
    pub sheet: Option<String>,
    /// The row or cell on the sheet; serialised as `cell` (`C17` or `17`).
    #[serde(rename = "cell")]
    pub place: Option<Place>,
    /// The unit the problem is about, where it is about one unit: the unit of the counted
    /// row it is on, or the unit a finding names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The original value, as the user wrote it.
    pub value: Option<String>,
    /// The message in Chinese, the code's template filled in.
    pub message: String,
    /// What to do, where zwgk can tell.
    pub suggestion: Option<String>,
    /// What to do in place of the code's advice, where the party to act is not the one
    /// the code usually addresses (the office's own appeals table, a unit's self-evaluation).
    #[serde(skip)]
    pub advice: Option<Cow<'static, str>>,
}

impl Problem {
    /// The message without the technical details a damaged file's problem ends with
    /// (`；技术细节：…`, in the words of the library that failed): what a printed report
    /// shows a unit. The workbook's 问题清单 keeps them for whoever looks into the file.
    pub(crate) fn plain_message(&self) -> &str {
        (self.message.split_once("；技术细节：")).map_or(&self.message, |(plain, _)| plain)
    }

    /// A problem about a whole file; `args` fill the code's template in order.
    pub fn new(code: Code, file: impl Into<String>, args: &[&str]) -> Self {
        Self {
            code,
            severity: code.severity(),
            file: file.into(),
            sheet: None,
            place: None,
            unit: None,
            value: None,
            message: render(code.template(), args),
            suggestion: None,
            advice: None,
        }
    }

    /// The problem on `sheet`, at `place` where one is given.
    pub fn at(mut self, sheet: impl Into<String>, place: impl Into<Option<Place>>) -> Self {
        self.sheet = Some(sheet.into());
        self.place = place.into();
        self
    }

    /// The problem about `unit`.
    pub fn about(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }

    /// The cell address (`C17`) or row (`17`) of the problem, where it has one.
    pub fn cell(&self) -> Option<String> {
        self.place.map(|p| p.to_string())
    }

    /// The problem with the original value as the user wrote it.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The problem with what to do about it.
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// The problem with `advice` in place of its code's.
    pub fn advise(mut self, advice: impl Into<Cow<'static, str>>) -> Self {
        self.advice = Some(advice.into());
        self
    }

    /// What to do about the problem: its own advice, else its code's.
    pub fn advice(&self) -> &str {
        self.advice.as_deref().unwrap_or_else(|| self.code.advice())
    }

    /// Adds a suggestion where there is one.
    pub fn suggest_opt(self, suggestion: Option<String>) -> Self {
        match suggestion {
            Some(s) => self.suggest(s),
            None => self,
        }
    }

    /// `file / sheet / cell` for people.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        for part in [self.sheet.clone(), self.cell()].into_iter().flatten() {
            s.push_str(" / ");
            s.push_str(&part);
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} {}：{}",
            self.severity.zh(),
            self.code,
            self.location(),
            self.message
        )?;
        if let Some(s) = &self.suggestion {
            write!(f, "（建议：{s}）")?;
        }
        Ok(())
    }
}

fn render(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The spreadsheet address of a 0-based (row, column), such as `C17`.
pub fn cell_address(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_templates_chinese() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        for c in Code::ALL {
            assert!(
                c.template()
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
                "{c}"
            );
        }
    }

    /// The README lists every code; this keeps that list from drifting.
    #[test]
    fn readme_lists_every_code() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let mut table = String::from("| 代码 | 严重程度 | 说明 | 建议 |\n|---|---|---|---|\n");
        let mut codes = Code::ALL.to_vec();
        codes.sort_by_key(|c| c.id());
        for c in codes {
            let cell = |text: &str| text.replace("{}", "…").replace('|', "\\|");
            table.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                c.id(),
                c.severity().zh(),
                cell(c.template()),
                cell(c.advice())
            ));
        }
        let start = readme
            .find("<!-- problem-codes:start -->\n")
            .map(|i| i + 29);
        let end = readme.find("<!-- problem-codes:end -->");
        let listed = start
            .zip(end)
            .map(|(s, e)| &readme[s..e])
            .unwrap_or_default();
        assert_eq!(listed, table, "README 中的问题代码表需更新为：\n{table}");
    }

    #[test]
    fn messages_fill_placeholders_in_order() {
        let p = Problem::new(Code::TotalMismatch, "a.xlsx", &["12360", "12370", "10"])
            .at("Sheet1", Place::cell(34, 1));
        assert_eq!(
            p.message,
            "合计 12360 与所列各行之和 12370 不符（相差 10），请核对"
        );
        assert_eq!(p.location(), "a.xlsx / Sheet1 / B34");
    }

    #[test]
    fn a_place_is_a_cell_or_a_row_and_serialises_as_the_cell() {
        assert_eq!(Place::cell(17, 2).to_string(), "C17");
        assert_eq!(Place::row(17).to_string(), "第 17 行");
        let row = Problem::new(Code::BadDate, "a.csv", &["x"]).at("a", Place::row(17));
        assert_eq!(serde_json::to_value(&row).unwrap()["cell"], "17");
        assert_eq!(row.location(), "a.csv / a / 第 17 行");
        let p = Problem::new(Code::BadDate, "a.csv", &["x"]).at("a", Place::cell(2, 0));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["cell"], "A2");
        assert!(json.get("unit").is_none(), "{json}");
        let json = serde_json::to_value(p.about("民政局")).unwrap();
        assert_eq!(json["unit"], "民政局");
    }

    #[test]
    fn cell_addresses_follow_excel() {
        assert_eq!(cell_address(0, 0), "A1");
        assert_eq!(cell_address(16, 2), "C17");
        assert_eq!(cell_address(0, 25), "Z1");
        assert_eq!(cell_address(0, 26), "AA1");
        assert_eq!(cell_address(9, 701), "ZZ10");
        assert_eq!(cell_address(0, 702), "AAA1");
    }
}
