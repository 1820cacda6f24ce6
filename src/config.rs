//! The workspace settings file `zwgk.toml`: every key has a default except
//! `[workspace] name`, and an unknown key is an error that names it. Every setting is
//! checked when the file is loaded, before any work starts; the rules that read two
//! settings together (the working year) live here too.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{UsageError, io_reason};
use crate::model::Period;
use crate::write::TitleFont;

/// The working years `[workspace] year` may give.
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

/// The file name of the settings file inside a workspace.
pub const FILE_NAME: &str = "zwgk.toml";

/// The settings of a workspace, as `zwgk.toml` gives them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[workspace]`: the office's area and working year.
    pub workspace: WorkspaceSection,
    /// `[reference]`: where the reference tables are.
    #[serde(default)]
    pub reference: ReferencePaths,
    /// `[paths]`: the inbox and output folders.
    #[serde(default)]
    pub paths: Paths,
    /// `[scoring]`: the target scoring rules, when the office states them; figures are
    /// scored by seed 001's rules all the same (see [`Config::scoring`]).
    #[serde(default, rename = "scoring")]
    pub stated_scoring: Option<Scoring>,
    /// `[limits]`: how much of an untrusted file is read.
    #[serde(default)]
    pub limits: Limits,
    /// Per-file encoding overrides: workspace-relative path → `gbk`, `utf-8`, `utf-16le` …
    #[serde(default)]
    pub encoding: BTreeMap<String, String>,
    /// Unit groups named in 保障单位 cells: phrase → members, each a unit name or
    /// `类别:乡镇` (every unit of that category), e.g.
    /// `"有执法职权的单位" = ["卫健委", "公安局", "类别:执法部门"]`. Overrides the built-in
    /// meaning of 各乡镇, 各单位, 各部门 … for the same phrase.
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    /// `[report]`: how evaluation reports are signed.
    #[serde(default)]
    pub report: ReportSettings,
    /// `[annex]`: how annexes look.
    #[serde(default)]
    pub annex: AnnexSettings,
    /// `[assessment]`: the annual assessment.
    #[serde(default)]
    pub assessment: AssessmentSettings,
    /// Whether runs use the read cache; not a setting of the file (`--no-cache`).
    #[serde(skip)]
    pub caching: Caching,
}

/// Whether a run uses the read cache (`--no-cache` turns it off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Caching {
    /// Read and write `out/.cache/`.
    #[default]
    On,
    /// Neither read nor write it: every file is read afresh.
    Off,
}

/// `[assessment]`: the annual assessment (seeds 001 Annex 2, 003, 004).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AssessmentSettings {
    /// The categories of units assessed where an indicator's 适用对象 is empty; all
    /// categories of the units table when not given.
    pub categories: Option<Vec<String>>,
    /// Working days after the publicity date to apply for 复核 (seed 004: 3); none where
    /// the notice sets no time limit (seeds 001, 003), and then no application is late.
    pub appeal_days: Option<u32>,
    /// The publicity date (`2021-12-24`), when `--publicity-date` does not give one.
    pub publicity_date: Option<String>,
    /// The percent of the year's performance score the assessment counts for (按比例,
    /// such as 4); no weight, no share.
    pub weight: Option<f64>,
    /// Grade → the lowest total that earns it; below the lowest is 不合格. Empty unless
    /// the office sets them: no seed defines 等次, so without them nothing is graded.
    pub grades: BTreeMap<String, f64>,
    /// The unit that is the office itself (本办), such as 政府办: its sheets also score
    /// the indicators whose 考核单位 is 本办.
    pub office: Option<String>,
    /// 考核单位 that are not in the units table, such as 总工会 (seed 001): they score
    /// their indicators but are never assessed.
    pub assessors: Vec<String>,
    /// How far a self-evaluation may be from the assessment, in points, before it is noted.
    pub gap: f64,
    /// How many times a city deduction counts against the lead unit (seed 001: 双倍).
    pub city_factor: f64,
    /// The exercise's name as its notice gives it, without the year (seed 004:
    /// 台江县政府系统政务公开工作评估); titles then read `2021年<name>结果公示`.
    pub name: Option<String>,
    /// What the notice calls the exercise: 考核 (seeds 001, 003), 评估 (seed 004).
    pub term: String,
    /// What the 折算得分 counts toward, as the notice says it (seed 004:
    /// 单位年终目标绩效考核最终结果).
    pub counts_into: String,
}

impl AssessmentSettings {
    /// The publicity date `publicity_date` gives (checked when the settings are loaded).
    pub(crate) fn publicity(&self) -> Option<chrono::NaiveDate> {
        let text = self.publicity_date.as_deref()?;
        crate::normalise::values::date_text(text.trim())
    }

    /// The exercise as titles name it: `2021年台江县政府系统政务公开工作评估` where
    /// `name` is set, else `淮南市2021年度政务公开考核` (with `term`).
    pub(crate) fn title(&self, workspace: &str, year: i32) -> String {
        match &self.name {
            Some(name) => format!("{year}年{}", name.trim()),
            None => format!("{workspace}{year}年度政务公开{}", self.term.trim()),
        }
    }

    /// Two grades of the usual names whose thresholds are the wrong way round (优秀 70
    /// and 良好 80 would call 75.5 优秀 and 84.5 良好): the better one, then the other.
    fn grades_out_of_order(&self) -> Option<(&str, &str)> {
        const ORDERS: [&[&str]; 2] = [
            &["优秀", "良好", "合格", "基本合格", "不合格"],
            &["好", "较好", "一般", "较差", "差"],
        ];
        for order in ORDERS {
            let known: Vec<&str> = (order.iter().copied())
                .filter(|g| self.grades.contains_key(*g))
                .collect();
            if let Some(pair) = known
                .windows(2)
                .find(|p| self.grades[p[0]] <= self.grades[p[1]])
            {
                return Some((pair[0], pair[1]));
            }
        }
        None
    }

    /// The first setting zwgk cannot use: (its key, the value as written, what it must be).
    fn invalid(&self) -> Option<(&'static str, String, &'static str)> {
        let words = [
            ("name", self.name.as_deref().unwrap_or("-")),
            ("term", self.term.as_str()),
            ("counts_into", self.counts_into.as_str()),
        ];
        if let Some((key, text)) = words.into_iter().find(|(_, t)| t.trim().is_empty()) {
            return Some((key, text.to_string(), "不能为空"));
        }
        let date = self.publicity_date.as_ref();
        if let Some(text) = date.filter(|_| self.publicity().is_none()) {
            return Some((
                "publicity_date",
                text.clone(),
                "应写作 2021-12-24 这样的日期",
            ));
        }
        if let Some(w) = self.weight.filter(|w| !(*w > 0.0 && *w <= 100.0)) {
            return Some(("weight", w.to_string(), "应为 0 到 100 之间的百分数，如 4"));
        }
        let out_of_range = self
            .grades
            .iter()
            .find(|(_, t)| !(0.0..=100.0).contains(*t));
        if let Some((grade, t)) = out_of_range {
            return Some((
                "grades",
                format!("{grade} = {t}"),
                "各等次的分数线应在 0 到 100 之间",
            ));
        }
        if let Some((better, worse)) = self.grades_out_of_order() {
            return Some((
                "grades",
                format!(
                    "{{ \"{better}\" = {}, \"{worse}\" = {} }}",
                    self.grades[better], self.grades[worse]
                ),
                "等次越好分数线应越高，请核对各等次的分数线",
            ));
        }
        if let Some(days) = self.appeal_days.filter(|d| !(1..=30).contains(d)) {
            return Some(("appeal_days", days.to_string(), "应为 1 到 30 个工作日"));
        }
        if self.gap.is_nan() || self.gap < 0.0 {
            return Some(("gap", self.gap.to_string(), "应为不小于 0 的分数"));
        }
        if self.city_factor.is_nan() || self.city_factor < 1.0 {
            return Some((
                "city_factor",
                self.city_factor.to_string(),
                "应为不小于 1 的倍数，如 2",
            ));
        }
        None
    }
}

impl Default for AssessmentSettings {
    fn default() -> Self {
        Self {
            categories: None,
            appeal_days: None,
            publicity_date: None,
            weight: None,
            grades: BTreeMap::new(),
            office: None,
            assessors: Vec::new(),
            gap: 5.0,
            city_factor: 2.0,
            name: None,
            term: "考核".into(),
            counts_into: "单位年度目标绩效考核".into(),
        }
    }
}

/// `[report]`: how the per-unit evaluation reports (seed 000 Annex 2) are signed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSettings {
    /// The evaluating office (评估单位), such as 汤阴县人民政府办公室.
    pub office: Option<String>,
    /// Working days a unit has to rectify, from the report date (seed 000: 5).
    pub rectify_days: u32,
    /// Whether the office runs seed 000's tracking evaluation (跟踪评估): its 通报 then
    /// publishes the evaluation and asks the units the reports find wanting to rectify.
    /// Off by default: neither 大英 (seed 001) nor 赤壁 (seed 002) evaluates so, and a
    /// 通报 must not demand what the office's own rules do not.
    pub tracking: bool,
    /// Whom at the office the units call (seed 000: 联系人 李朋亮): the 催报 ends with it.
    pub contact: Option<String>,
    /// The number to call (seed 000: 联系电话 6201663), after `contact`.
    pub phone: Option<String>,
}

impl Default for ReportSettings {
    fn default() -> Self {
        Self {
            office: None,
            rectify_days: 5,
            tracking: false,
            contact: None,
            phone: None,
        }
    }
}

impl ReportSettings {
    /// The office named on the reports: `office`, else `<workspace name>人民政府办公室`.
    pub fn office(&self, workspace: &str) -> String {
        match self.office.as_deref().map(str::trim) {
            Some(office) if !office.is_empty() => office.to_string(),
            _ => format!("{workspace}人民政府办公室"),
        }
    }

    /// `联系人：李朋亮，联系电话：6201663`, or as much of it as is set.
    pub fn contact_line(&self) -> Option<String> {
        let parts: Vec<String> = [("联系人", &self.contact), ("联系电话", &self.phone)]
            .into_iter()
            .filter_map(|(label, v)| Some((label, v.as_deref()?.trim())))
            .filter(|(_, v)| !v.is_empty())
            .map(|(label, v)| format!("{label}：{v}"))
            .collect();
        (!parts.is_empty()).then(|| parts.join("，"))
    }
}

/// How annexes (附件) look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnnexSettings {
    /// The face of annex titles: `宋体` (bold; the default) or `方正小标宋简体`, as GB/T 9704
    /// prescribes, where the office's computers have it.
    pub title_font: Option<String>,
}

/// `[workspace]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceSection {
    /// The office's area, such as 大英县; also stripped as a region prefix from unit names.
    pub name: String,
    /// The working year; defaults to the period's year.
    pub year: Option<i32>,
}

/// `[reference]`: paths of the reference tables, relative to the workspace.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReferencePaths {
    /// The units table (单位名称, 别名, 类别).
    pub units: PathBuf,
    /// The targets table (单位, 目标任务数量).
    pub targets: PathBuf,
    /// The sections responsibility table; without this key, `reference/sections.*` is
    /// read when there is one and coverage is skipped when there is none.
    pub sections: Option<PathBuf>,
    /// A pilot-domain responsibility table (seed 002 Annex 1), read like a sections table.
    pub domains: Option<PathBuf>,
    /// The assessment's indicator table (指标体系); `reference/indicators.*` when not given.
    pub indicators: Option<PathBuf>,
    /// 复核 decisions; `reference/appeals.*` when not given and there is one.
    pub appeals: Option<PathBuf>,
}

impl Default for ReferencePaths {
    fn default() -> Self {
        Self {
            units: "reference/units.xlsx".into(),
            targets: "reference/targets.xlsx".into(),
            sections: None,
            domains: None,
            indicators: None,
            appeals: None,
        }
    }
}

/// `[paths]`: folders relative to the workspace.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    /// Where units drop their files; never modified.
    pub inbox: PathBuf,
    /// Where runs write their outputs.
    pub out: PathBuf,
}

impl Default for Paths {
    fn default() -> Self {
        Self {
            inbox: "inbox".into(),
            out: "out".into(),
        }
    }
}

/// The target scoring rules; seed 001 Annex 2 is the default ([`Config::scoring`]).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    /// Points for meeting the pro-rata target.
    pub base: f64,
    /// Points added for each full ten items over it.
    pub bonus_per_10: f64,
    /// The most points added.
    pub bonus_cap: f64,
    /// Points taken for each item short, down to zero.
    pub penalty_per_item: f64,
}

impl Scoring {
    /// The first setting that is negative or not a number, with its value.
    fn invalid(&self) -> Option<(&'static str, f64)> {
        let all = [
            ("base", self.base),
            ("bonus_per_10", self.bonus_per_10),
            ("bonus_cap", self.bonus_cap),
            ("penalty_per_item", self.penalty_per_item),
        ];
        all.into_iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0))
    }
}

impl Default for Scoring {
    fn default() -> Self {
        Self {
            base: 25.0,
            bonus_per_10: 0.2,
            bonus_cap: 4.0,
            penalty_per_item: 0.3,
        }
    }
}

/// Safety limits for reading untrusted files; generous for real submissions.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Total uncompressed size a zip-based workbook may declare, in MiB.
    pub unzipped_mib: u64,
    /// Uncompressed size any one part (a worksheet) may declare, in MiB.
    pub part_mib: u64,
    /// Largest text file (CSV, HTML, XML) read, in MiB; also the most text the cells of
    /// one file may hold, counting each repetition of a shared string.
    pub text_mib: u64,
    /// Most cells one file may hold, counting the empty cells between them that a sheet
    /// must keep (a stray value far to the right costs a whole row of them).
    pub cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            unzipped_mib: 1024,
            part_mib: 512,
            text_mib: 256,
            cells: 10_000_000,
        }
    }
}

/// `zwgk.toml` is missing or wrong.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("无法读取 {}（{}）：请确认工作目录正确，或用 zwgk init 新建工作目录", .path.display(), io_reason(.source))]
    Unreadable {
        /// The settings file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is neither UTF-8 nor GBK text.
    #[error("{} 不是文本文件（既不是 UTF-8 也不是 GBK 编码）：请用记事本打开，另存为 UTF-8 编码后重试", .0.display())]
    NotText(PathBuf),
    /// `[paths] out` and `[paths] inbox` are one folder or one holds the other.
    #[error("zwgk.toml [paths] 中 out = \"{}\" 与 inbox = \"{}\" 是同一个文件夹或互相包含：输出会被当作报送文件再次读入。请把两者设为互不包含的两个文件夹，如 inbox = \"inbox\"、out = \"out\"", .out.display(), .inbox.display())]
    OutputInInbox {
        /// `[paths] out` as written.
        out: PathBuf,
        /// `[paths] inbox` as written.
        inbox: PathBuf,
    },
    /// `[paths] out` holds a reference table or the templates, or is inside the
    /// `reference/` or `templates/` folder.
    #[error("zwgk.toml [paths] 中 out = \"{}\" 与参考表或模板混在一起（{}）：输出和缓存会写进放参考表或模板的文件夹。请把 out 设为单独的文件夹，如 out = \"out\"", .out.display(), .with.display())]
    OutputAmongReference {
        /// `[paths] out` as written.
        out: PathBuf,
        /// The reference table or folder it meets, as written.
        with: PathBuf,
    },
    /// The file is not valid settings.
    #[error("{}：{problem}", .path.display())]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// What is wrong, where.
        problem: Invalid,
    },
    /// `[encoding]` names an encoding encoding_rs does not know.
    #[error(
        "zwgk.toml [encoding] 中「{path}」的编码「{label}」无法识别：可写 gbk、gb18030、utf-8、utf-16le"
    )]
    UnknownEncoding {
        /// The file the encoding is for.
        path: String,
        /// The label as written.
        label: String,
    },
    /// `[encoding]` names a file that is not in the workspace.
    #[error(
        "zwgk.toml [encoding] 中的文件「{path}」在工作目录中找不到：请核对文件名，写相对于工作目录的路径（如 \"inbox/某单位.csv\"）；文件已不在时删去这一行"
    )]
    EncodingFileMissing {
        /// The path as written.
        path: String,
    },
    /// An `[assessment]` setting zwgk cannot use.
    #[error("zwgk.toml [assessment] {key} = {value} 不可用：{expected}")]
    Assessment {
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What it must be.
        expected: &'static str,
    },
    /// `[assessment] office` names no unit of the units table.
    #[error(
        "zwgk.toml [assessment] office 中的「{0}」不在单位名称表中：请写单位名称表中本办的名称，如 政府办"
    )]
    UnknownOffice(String),
    /// `[annex] title_font` names a face zwgk does not know.
    #[error("zwgk.toml [annex] title_font：标题字体「{0}」不可用：请写 宋体 或 方正小标宋简体")]
    TitleFont(String),
    /// The inbox folder cannot be read.
    #[error("无法读取报送文件夹「{}」：{}", .path.display(), io_reason(.source))]
    Inbox {
        /// The inbox folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What is wrong inside the text of a `zwgk.toml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// A key zwgk does not know.
    #[error("{line}未知的设置项「{key}」，此处可用的有：{}", .expected.join("、"))]
    UnknownKey {
        /// Where.
        line: Line,
        /// The key as written.
        key: String,
        /// The keys allowed there.
        expected: Vec<String>,
    },
    /// A required key is missing.
    #[error("{line}缺少必填的设置项「{key}」")]
    MissingKey {
        /// Where.
        line: Line,
        /// The key.
        key: String,
    },
    /// Not TOML, or a value of the wrong type.
    #[error("{line}格式错误（{message}）")]
    Syntax {
        /// Where.
        line: Line,
        /// What is wrong: in Chinese for the usual mistakes, else the TOML parser's
        /// own words.
        message: String,
    },
    /// `[workspace] year` is no year an office works in.
    #[error(
        "{line}[workspace] year = {year} 不可用：工作年度应写四位数的年份（{}—{}），如 year = 2018", YEARS.start(), YEARS.end()
    )]
    Year {
        /// Where.
        line: Line,
        /// The year as written.
        year: i64,
    },
    /// `[workspace] name` is blank.
    #[error("[workspace] name 不能为空，请填写本地区名称，如 name = \"大英县\"")]
    EmptyName,
    /// `[report] rectify_days` is no number of working days a unit could rectify in.
    #[error("[report] rectify_days = {0} 不可用：请写 1 到 60 之间的工作日数，如 rectify_days = 5")]
    RectifyDays(u32),
    /// A `[scoring]` setting is negative: a penalty would become a bonus.
    #[error(
        "[scoring] {0} = {1} 不可用：计分的各项都应为 0 或正数（如 penalty_per_item = 0.3，每少一条扣 0.3 分）"
    )]
    Scoring(&'static str, String),
}

/// The folder `rel` of the workspace `dir`, its `.` and `..` resolved by their names
/// (the folders may not exist yet).
fn folder(dir: &Path, rel: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in dir.join(rel).components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The text of a file the office edits by hand (`zwgk.toml`, its own templates): UTF-8
/// with or without its BOM, UTF-16 with its BOM (Notepad's “Unicode”), or, as Notepad
/// saves “ANSI” on a Chinese Windows, GBK; `None` when it is none of these (UTF-16
/// without a BOM, whose NUL bytes would pass for UTF-8).
pub(crate) fn edited_text(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (!had_errors && !text.contains('\0')).then(|| text.into_owned());
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// The line of `zwgk.toml` a problem is on, shown as `第 N 行：`; blank when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line(pub Option<usize>);

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(n) => write!(f, "第 {n} 行："),
            None => Ok(()),
        }
    }
}

impl Config {
    /// Reads `zwgk.toml` from the workspace folder `dir` and checks every setting.
    ///
    /// # Errors
    /// [`ConfigError`] when the file is missing, is not valid TOML, lacks
    /// `[workspace] name`, has a key zwgk does not know, or a value it cannot use.
    pub fn load(dir: &Path) -> Result<Self, ConfigError> {
        let path = dir.join(FILE_NAME);
        let bytes = std::fs::read(&path).map_err(|source| ConfigError::Unreadable {
            path: path.clone(),
            source,
        })?;
        let text = edited_text(&bytes).ok_or_else(|| ConfigError::NotText(path.clone()))?;
        let config =
            Self::parse(&text).map_err(|problem| ConfigError::Invalid { path, problem })?;
        config.validate(dir)?;
        Ok(config)
    }

    /// Parses the text of a `zwgk.toml`.
    ///
    /// # Errors
    /// [`Invalid`], with the line and the offending key.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        if let Some(line) = backslash_line(text) {
            let message = BACKSLASH.to_string();
            return Err(Invalid::Syntax { line, message });
        }
        let config: Self = toml::from_str(text).map_err(|e| explain(text, &e))?;
        if config.workspace.name.trim().is_empty() {
            return Err(Invalid::EmptyName);
        }
        if let Some(year) = config.workspace.year.map(i64::from)
            && !YEARS.contains(&year)
        {
            let line = line_of(text, "workspace", "year");
            return Err(Invalid::Year { line, year });
        }
        let days = config.report.rectify_days;
        if !(1..=60).contains(&days) {
            return Err(Invalid::RectifyDays(days));
        }
        if let Some((key, value)) = config.scoring().invalid() {
            return Err(Invalid::Scoring(key, value.to_string()));
        }
        Ok(config)
    }

    /// Checks the settings that name files of the workspace `dir` or things zwgk must know.
    fn validate(&self, dir: &Path) -> Result<(), ConfigError> {
        let (out, inbox) = (folder(dir, &self.paths.out), folder(dir, &self.paths.inbox));
        if out.starts_with(&inbox) || inbox.starts_with(&out) {
            return Err(ConfigError::OutputInInbox {
                out: self.paths.out.clone(),
                inbox: self.paths.inbox.clone(),
            });
        }
        let r = &self.reference;
        let optional = [&r.sections, &r.domains, &r.indicators, &r.appeals];
        let mut tables = [&r.units, &r.targets]
            .into_iter()
            .chain(optional.into_iter().flatten());
        let folders = [Path::new("reference"), Path::new(crate::templates::DIR)];
        let met = (tables.find(|t| folder(dir, t).starts_with(&out)))
            .map(PathBuf::as_path)
            .or_else(|| {
                folders.into_iter().find(|f| {
                    let f = folder(dir, f);
                    out.starts_with(&f) || f.starts_with(&out)
                })
            });
        if let Some(with) = met {
            return Err(ConfigError::OutputAmongReference {
                out: self.paths.out.clone(),
                with: with.to_path_buf(),
            });
        }
        for (path, label) in &self.encoding {
            if encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none() {
                return Err(ConfigError::UnknownEncoding {
                    path: path.clone(),
                    label: label.clone(),
                });
            }
            if !dir.join(path).is_file() {
                return Err(ConfigError::EncodingFileMissing { path: path.clone() });
            }
        }
        if let Some((key, value, expected)) = self.assessment.invalid() {
            return Err(ConfigError::Assessment {
                key,
                value,
                expected,
            });
        }
        match &self.annex.title_font {
            Some(name) if TitleFont::from_name(name).is_none() => {
                Err(ConfigError::TitleFont(name.clone()))
            }
            _ => Ok(()),
        }
    }

    /// The rules units' figures are scored by: `[scoring]`, or seed 001 Annex 2's. The
    /// score of the default rules stays in 汇总 and manifest.json (DESIGN.md "Figures");
    /// annexes and documents show a score only where the rules are stated.
    pub fn scoring(&self) -> Scoring {
        self.stated_scoring.unwrap_or_default()
    }

    /// The encoding `[encoding]` sets for the file at the workspace-relative path `rel`
    /// (with `/`).
    pub fn encoding_of(&self, rel: &str) -> Option<&'static encoding_rs::Encoding> {
        let label = self.encoding.get(rel)?;
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
    }

    /// The face of annex titles `[annex] title_font` sets (宋体 when it sets none).
    pub fn title_font(&self) -> TitleFont {
        let name = self.annex.title_font.as_deref();
        name.and_then(TitleFont::from_name).unwrap_or_default()
    }

    /// The working year: `[workspace] year`, else the year of `period`, else this year.
    pub fn working_year(&self, period: Option<Period>) -> i32 {
        let this_year = || chrono::Datelike::year(&chrono::Local::now().date_naive());
        self.workspace
            .year
            .unwrap_or_else(|| period.map_or_else(this_year, Period::year))
    }

    /// The working year of a run of `period`.
    ///
    /// # Errors
    /// [`UsageError::PeriodOutsideYear`] when `period` lies outside `[workspace] year`.
    pub fn year_of(&self, period: Period) -> Result<i32, UsageError> {
        let year = self.working_year(Some(period));
        if year == period.year() {
            Ok(year)
        } else {
            Err(UsageError::PeriodOutsideYear {
                period: period.to_string(),
                year,
            })
        }
    }
}

/// The path of a workspace file as runs show it: relative to the workspace `root`,
/// with `/`; a path outside the workspace as it is.
pub fn workspace_path(root: &Path, path: &Path) -> String {
    crate::discover::relative_key(root, path)
}

/// The line of `key` in the table `[table]` of the settings text, as written by hand
/// (`year = 18` under `[workspace]`).
fn line_of(text: &str, table: &str, key: &str) -> Line {
    let mut current = String::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            current = name.trim().to_string();
        } else if current == table
            && line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        {
            return Line(Some(n + 1));
        }
    }
    Line(None)
}

/// What a Windows path with its backslashes in a settings file needs.
const BACKSLASH: &str = "路径中的反斜杠 \\ 请写成 /，如 \"reference/units.xlsx\"";

/// The first line whose value in double quotes holds a backslash: a Windows path
/// (reference\targets.xlsx), which TOML reads as escapes — \t a tab, so the file is not
/// found, \s not even TOML. zwgk's settings never need an escape. Off Windows, a path
/// in single quotes too: out = 'D:\结果' would be one folder of that name.
fn backslash_line(text: &str) -> Option<Line> {
    const PATHS: [&str; 8] = [
        "inbox",
        "out",
        "units",
        "targets",
        "sections",
        "domains",
        "indicators",
        "appeals",
    ];
    let quoted = |line: &str| {
        let (key, value) = line.split_once('=')?;
        let value = value.trim();
        let quote = if cfg!(windows) || !PATHS.contains(&key.trim()) {
            &['"'][..]
        } else {
            &['"', '\''][..]
        };
        let inner = value.strip_prefix(quote)?;
        Some(
            inner
                .rsplit_once(quote)
                .map_or(inner, |(v, _)| v)
                .contains('\\'),
        )
    };
    let found = text
        .lines()
        .position(|l| !l.trim_start().starts_with('#') && quoted(l) == Some(true));
    found.map(|n| Line(Some(n + 1)))
}

/// Turns a toml error into what is wrong, keeping the key and the line.
fn explain(text: &str, e: &toml::de::Error) -> Invalid {
    let line = Line(
        e.span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
    );
    let msg = e.message();
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or_default().to_string();
    if msg.starts_with("unknown field") {
        let expected = msg.split('`').skip(3).step_by(2).map(str::to_string);
        Invalid::UnknownKey {
            line,
            key: quoted(msg),
            expected: expected.collect(),
        }
    } else if msg.starts_with("missing field") {
        Invalid::MissingKey {
            line,
            key: quoted(msg),
        }
    } else {
        Invalid::Syntax {
            line,
            message: plain(msg),
        }
    }
}

/// The parser's words in Chinese for the mistakes of a settings file typed with a
/// Chinese input method or copied from Windows; others as the parser said them.
fn plain(msg: &str) -> String {
    const WHOLE: &str = "这里应为整数，不加引号、不带小数点，如 year = 2018";
    const KNOWN: [(&str, &str); 19] = [
        ("unclosed table", "表名缺少右方括号 ]，如 [workspace]"),
        (
            "unclosed inline table",
            "缺少右花括号 }，如 grades = { \"优秀\" = 90 }",
        ),
        (
            "unclosed array",
            "列表缺少右方括号 ]，如 [\"民政局\", \"财政局\"]",
        ),
        ("duplicate key", "同一设置项写了两次，请删去一处"),
        (
            "string values must be quoted",
            "这里的值无法识别：文字要用英文双引号括起来，如 name = \"大英县\"（不能用中文引号“”）；数字要用半角、中间不加空格，如 weight = 4",
        ),
        (
            "invalid basic string",
            "文字缺少右边的英文双引号 \"，如 name = \"大英县\"",
        ),
        (
            "invalid unquoted key",
            "中文名称要用英文双引号括起来，如 grades = { \"优秀\" = 90 }",
        ),
        (
            "invalid fraction",
            "小数点后应有数字，如 4.5；整数不写小数点",
        ),
        (
            "invalid type: map, expected a string",
            "日期要用英文双引号括起来，如 publicity_date = \"2021-12-30\"",
        ),
        (
            "expected a string",
            "这里应为文字，要用英文双引号括起来，如 phone = \"0825-1234567\"",
        ),
        (
            "expected a map",
            "这里应为花括号括起的对照，如 grades = { \"优秀\" = 90, \"良好\" = 80 }",
        ),
        (
            "key with no value",
            "设置项后缺少英文等号 =（不能用全角＝），如 year = 2018",
        ),
        ("unicode", BACKSLASH),
        (
            "expected newline",
            "值的后面多了内容（如多余的 ]、逗号或中文标点），一行只写一个设置项，如 year = 2018",
        ),
        (
            "expected a boolean",
            "这里应为 true（是）或 false（否），不加引号",
        ),
        (
            "expected a sequence",
            "这里应为方括号括起的列表，如 [\"民政局\", \"财政局\"]",
        ),
        ("invalid value: integer `-", "这里不能为负数"),
        ("expected i", WHOLE),
        ("expected u", WHOLE),
    ];
    let found = KNOWN.iter().find(|(english, _)| msg.contains(english));
    match found {
        Some((_, zh)) => (*zh).to_string(),
        None if msg.contains("expected f") => "这里应为数字，不加引号，如 base = 25".to_string(),
        // The parser's own words, after what to do.
        None => {
            format!("写法不符合设置文件的格式，请对照 README 中的示例改正；解析器的说明：{msg}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The usual mistakes of a settings file typed with a Chinese input method are told
    /// in Chinese, at their line.
    #[test]
    fn the_usual_typing_mistakes_are_told_in_chinese() {
        let cases = [
            ("[workspace\nname = \"a\"\n", 1, "表名缺少右方括号"),
            ("[workspace]\nname = “大英县”\n", 2, "不能用中文引号"),
            ("[workspace]\nname ＝ \"a\"\n", 2, "不能用全角＝"),
            ("[workspace]\nname = \"a\"\nname = \"b\"\n", 3, "写了两次"),
            (
                "[workspace]\nname = \"a\"\nyear = \"2018年\"\n",
                3,
                "应为整数",
            ),
            (
                "[workspace]\nname = \"a\"\n[reference]\nunits = \"reference\\units.xlsx\"\n",
                4,
                "反斜杠",
            ),
            (
                "[workspace]\nname = \"a\"\n[report]\ntracking = \"是\"\n",
                4,
                "true",
            ),
            (
                "[workspace]\nname = \"a\"\n[scoring]\nbase = \"25\"\n",
                4,
                "应为数字",
            ),
            (
                "[workspace]\nname = \"a\"\n[limits]\ncells = -1\n",
                4,
                "不能为负数",
            ),
            // Issue 20's review: these were said in the parser's English.
            (
                "[workspace]\nname = \"a\"\n[assessment]\npublicity_date = 2021-12-30\n",
                4,
                "日期要用英文双引号",
            ),
            (
                "[workspace]\nname = \"a\"\n[report]\nphone = 6201663\n",
                4,
                "应为文字",
            ),
            (
                "[workspace]\nname = \"a\"\n[assessment]\ngrades = {优秀 = 90}\n",
                4,
                "中文名称要用英文双引号",
            ),
            (
                "[workspace]\nname = \"a\"\n[assessment]\ngrades = [\"优秀\", 90]\n",
                4,
                "花括号",
            ),
            (
                "[workspace]\nname = \"a\"\n[assessment]\ncategories = [\"县区\"\n",
                4,
                "右方括号",
            ),
            (
                "[workspace]\nname = \"a\"\n[assessment]\nweight = 4.\n",
                4,
                "小数点后",
            ),
            ("[workspace]\nname = \"a\n", 2, "右边的英文双引号"),
            (
                "[workspace]\nname = \"a\"\n[assessment]\ngrades = { \"优秀\" = 90\n",
                4,
                "右花括号",
            ),
            (
                "[workspace]\nname = \"a\"\n[assessment]\nweight = ４\n",
                4,
                "半角",
            ),
            // A Windows path: \t read as a tab (the file then not found), \s no TOML.
            (
                "[workspace]\nname = \"a\"\n[reference]\ntargets = \"reference\\targets.xlsx\"\n",
                4,
                "反斜杠",
            ),
            (
                "[workspace]\nname = \"a\"\n[reference]\nsections = \"D:\\zwgk\\reference\\sections.xlsx\"\n",
                4,
                "反斜杠",
            ),
            ("[workspace]\nname = \"a\"\nyear = 2025]\n", 3, "多了内容"),
        ];
        // Off Windows, a Windows path in single quotes would be one folder of that name.
        #[cfg(not(windows))]
        let cases = [
            cases.as_slice(),
            &[(
                "[workspace]\nname = \"a\"\n[paths]\nout = 'D:\\结果\\汇总'\n",
                4,
                "反斜杠",
            )],
        ]
        .concat();
        for (text, at, said) in cases {
            let shown = Config::parse(text).map(|_| ()).unwrap_err().to_string();
            assert!(shown.starts_with(&format!("第 {at} 行")), "{text}: {shown}");
            assert!(shown.contains(said), "{text}: {shown}");
            let english = [
                "expected",
                "invalid",
                "quoted",
                "duplicate",
                "unclosed",
                "value",
            ];
            assert!(
                !english.iter().any(|w| shown.contains(w)),
                "{text}: {shown}"
            );
        }
    }

    #[test]
    fn only_the_name_is_required() {
        let c = Config::parse("[workspace]\nname = \"大英县\"\n").unwrap();
        assert_eq!(c.workspace.name, "大英县");
        assert_eq!(c.scoring(), Scoring::default());
        assert_eq!(c.stated_scoring, None);
        assert_eq!(c.paths.inbox, PathBuf::from("inbox"));
    }

    #[test]
    fn the_office_contact_is_as_much_as_is_set() {
        let line = |toml: &str| {
            let c = Config::parse(&format!("[workspace]\nname = \"汤阴县\"\n[report]\n{toml}"));
            c.unwrap().report.contact_line()
        };
        assert_eq!(
            line("contact = \"李朋亮\"\nphone = \"6201663\""),
            Some("联系人：李朋亮，联系电话：6201663".into())
        );
        assert_eq!(
            line("phone = \" 6201663 \""),
            Some("联系电话：6201663".into())
        );
        assert_eq!(line("contact = \"\"\n"), None);
        assert_eq!(line(""), None);
    }

    #[test]
    fn an_empty_scoring_section_states_seed_001s_rules() {
        let c = Config::parse("[workspace]\nname = \"大英县\"\n[scoring]\n").unwrap();
        assert_eq!(c.stated_scoring, Some(Scoring::default()));
        let c = Config::parse("[workspace]\nname = \"x\"\n[scoring]\nbase = 20\n").unwrap();
        assert_eq!(c.scoring().base, 20.0);
        assert_eq!(c.scoring().penalty_per_item, 0.3);
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = Config::parse("[workspace]\nname = \"大英县\"\n[scoring]\nbase = 25\nbonus = 1\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("第 5 行") && e.contains("「bonus」"), "{e}");
        assert!(e.contains("bonus_per_10"), "{e}");
    }

    #[test]
    fn groups_map_phrases_to_members() {
        let c = Config::parse(
            "[workspace]\nname = \"汤阴县\"\n[groups]\n\"有执法职权的单位\" = [\"卫健委\", \"类别:执法部门\"]\n",
        )
        .unwrap();
        assert_eq!(
            c.groups["有执法职权的单位"],
            vec!["卫健委".to_string(), "类别:执法部门".to_string()]
        );
        assert!(
            Config::parse("[workspace]\nname = \"x\"\n")
                .unwrap()
                .groups
                .is_empty()
        );
    }

    #[test]
    fn rectification_days_default_to_seed_000_s_five_and_are_checked() {
        let c = Config::parse("[workspace]\nname = \"汤阴县\"\n").unwrap();
        assert_eq!(c.report.rectify_days, 5);
        assert!(
            !c.report.tracking,
            "no tracking evaluation unless the office says so"
        );
        let c = Config::parse("[workspace]\nname = \"x\"\n[report]\nrectify_days = 3\n").unwrap();
        assert_eq!(c.report.rectify_days, 3);
        let e =
            Config::parse("[workspace]\nname = \"x\"\n[report]\nrectify_days = 0\n").unwrap_err();
        assert_eq!(e, Invalid::RectifyDays(0));
        assert!(e.to_string().contains("rectify_days"), "{e}");
    }

    #[test]
    fn the_report_office_defaults_to_the_workspace_government_office() {
        let c = Config::parse("[workspace]\nname = \"汤阴县\"\n").unwrap();
        assert_eq!(c.report.office("汤阴县"), "汤阴县人民政府办公室");
        let c = Config::parse(
            "[workspace]\nname = \"汤阴县\"\n[report]\noffice = \"汤阴县政务公开办\"\n",
        )
        .unwrap();
        assert_eq!(c.report.office("汤阴县"), "汤阴县政务公开办");
        let e = Config::parse("[workspace]\nname = \"x\"\n[report]\nsigner = \"y\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("「signer」") && e.contains("office"), "{e}");
    }

    #[test]
    fn the_annex_title_font_is_read() {
        let c = Config::parse(
            "[workspace]\nname = \"大英县\"\n[annex]\ntitle_font = \"方正小标宋简体\"\n",
        )
        .unwrap();
        assert_eq!(c.annex.title_font.as_deref(), Some("方正小标宋简体"));
        let e = Config::parse("[workspace]\nname = \"x\"\n[annex]\nfont = \"宋体\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("「font」") && e.contains("title_font"), "{e}");
    }

    #[test]
    fn encodings_name_files_of_the_workspace_in_labels_encoding_rs_knows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("reference")).unwrap();
        std::fs::write(dir.path().join("reference/targets.csv"), "").unwrap();
        let load = |encoding: &str| {
            let text = format!("[workspace]\nname = \"大英县\"\n[encoding]\n{encoding}\n");
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            Config::load(dir.path())
        };
        let c = load("\"reference/targets.csv\" = \" GBK \"").unwrap();
        assert_eq!(
            c.encoding_of("reference/targets.csv"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(c.encoding_of("inbox/a.csv"), None);
        let e = load("\"reference/targets.csv\" = \"gbk2\"").unwrap_err();
        assert!(
            matches!(&e, ConfigError::UnknownEncoding { label, .. } if label == "gbk2"),
            "{e}"
        );
        assert!(e.to_string().contains("「gbk2」"), "{e}");
        let e = load("\"inbox/a.csv\" = \"gbk\"").unwrap_err();
        assert!(
            matches!(&e, ConfigError::EncodingFileMissing { path } if path == "inbox/a.csv"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_title_font_is_refused_when_the_settings_are_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let text = "[workspace]\nname = \"大英县\"\n[annex]\ntitle_font = \"楷体\"\n";
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let e = Config::load(dir.path()).unwrap_err();
        assert!(
            matches!(&e, ConfigError::TitleFont(f) if f == "楷体"),
            "{e}"
        );
        assert_eq!(crate::Error::from(e).exit_code(), 2);
    }

    #[test]
    fn a_negative_scoring_setting_is_refused() {
        let e = Config::parse("[workspace]\nname = \"x\"\n[scoring]\npenalty_per_item = -0.3\n")
            .unwrap_err();
        assert_eq!(e, Invalid::Scoring("penalty_per_item", "-0.3".into()));
        assert!(e.to_string().contains("应为 0 或正数"), "{e}");
    }

    /// Outputs written among the office's reference tables or templates would mix with
    /// them: out inside `reference/` or `templates/`, holding one of them, or holding a
    /// reference table named elsewhere.
    #[test]
    fn an_output_folder_among_the_reference_tables_or_templates_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (out, extra, with) in [
            ("reference", "", "reference/units.xlsx"),
            ("reference/结果", "", "reference"),
            ("./templates", "", "templates"),
            (
                "资料",
                "[reference]\nunits = \"资料/单位.xlsx\"\n",
                "资料/单位.xlsx",
            ),
            (
                "资料",
                "[reference]\nappeals = \"资料/复核.xlsx\"\n",
                "资料/复核.xlsx",
            ),
        ] {
            let text = format!("[workspace]\nname = \"x\"\n[paths]\nout = \"{out}\"\n{extra}");
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            let e = Config::load(dir.path()).unwrap_err();
            assert!(
                matches!(&e, ConfigError::OutputAmongReference { with: w, .. } if w == Path::new(with)),
                "{out}: {e}"
            );
            assert!(e.to_string().contains("与参考表或模板混在一起"), "{e}");
        }
        let text = "[workspace]\nname = \"x\"\n[paths]\nout = \"结果\"\n";
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        assert!(Config::load(dir.path()).is_ok());
    }

    #[test]
    fn an_output_folder_in_the_inbox_or_holding_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        for (out, inbox) in [
            ("inbox", "inbox"),
            ("./inbox/结果", "inbox"),
            ("收件", "收件/../收件/各单位"),
        ] {
            let text = format!(
                "[workspace]\nname = \"x\"\n[paths]\nout = \"{out}\"\ninbox = \"{inbox}\"\n"
            );
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            let e = Config::load(dir.path()).unwrap_err();
            assert!(
                matches!(e, ConfigError::OutputInInbox { .. }),
                "{out} {inbox}: {e}"
            );
            assert!(
                e.to_string().contains("输出会被当作报送文件再次读入"),
                "{e}"
            );
        }
        let text = "[workspace]\nname = \"x\"\n[paths]\nout = \"输出\"\ninbox = \"inbox\"\n";
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        assert!(Config::load(dir.path()).is_ok());
    }

    /// GBK (Notepad's “ANSI”), UTF-8 with its BOM, and UTF-16 with its BOM (Notepad's
    /// “Unicode”, which used to be taken for UTF-8 with a NUL after every letter: “缺少必填
    /// 的设置项「workspace」”).
    #[test]
    fn settings_saved_as_gbk_utf16_or_with_a_bom_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let text = "[workspace]\nname = \"大英县\"\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let utf16 = |le: bool| -> Vec<u8> {
            let units = text.encode_utf16().flat_map(|u| match le {
                true => u.to_le_bytes(),
                false => u.to_be_bytes(),
            });
            let bom: &[u8] = if le { b"\xFF\xFE" } else { b"\xFE\xFF" };
            bom.iter().copied().chain(units).collect()
        };
        for bytes in [
            gbk.to_vec(),
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            utf16(true),
            utf16(false),
        ] {
            std::fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
            assert_eq!(Config::load(dir.path()).unwrap().workspace.name, "大英县");
        }
        // Broken UTF-16, and UTF-16 without its BOM, are not read as text.
        let no_bom = utf16(true)[2..].to_vec();
        for bytes in [b"\xFF\xFE\x00[\x81".to_vec(), no_bom] {
            std::fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
            let e = Config::load(dir.path()).unwrap_err();
            assert!(e.to_string().contains("另存为 UTF-8 编码"), "{e}");
        }
    }

    #[test]
    fn the_working_year_is_the_settings_year_else_the_period_s() {
        let april = Period::parse("2018-04").unwrap();
        let c = Config::parse("[workspace]\nname = \"x\"\n").unwrap();
        assert_eq!(c.working_year(Some(april)), 2018);
        assert_eq!(c.year_of(april).unwrap(), 2018);
        let c = Config::parse("[workspace]\nname = \"x\"\nyear = 2019\n").unwrap();
        assert_eq!(
            (c.working_year(Some(april)), c.working_year(None)),
            (2019, 2019)
        );
        let e = c.year_of(april).unwrap_err();
        assert!(
            matches!(e, UsageError::PeriodOutsideYear { year: 2019, .. }),
            "{e}"
        );
    }

    #[test]
    fn a_working_year_that_is_no_year_is_refused_with_its_line() {
        let e = Config::parse("# 设置\n[workspace]\nname = \"大英县\"\nyear = 18\n").unwrap_err();
        assert_eq!(
            e,
            Invalid::Year {
                line: Line(Some(4)),
                year: 18
            }
        );
        assert!(
            e.to_string()
                .starts_with("第 4 行：[workspace] year = 18 不可用"),
            "{e}"
        );
        let e = Config::parse("[workspace]\nyear=3018\nname = \"x\"\n").unwrap_err();
        assert!(
            e.to_string().contains("第 2 行") && e.to_string().contains("2000—2100"),
            "{e}"
        );
        assert!(Config::parse("[workspace]\nname = \"x\"\nyear = 2000\n").is_ok());
    }

    #[test]
    fn assessment_settings_default_to_the_seeds() {
        let c = Config::parse("[workspace]\nname = \"台江县\"\n").unwrap();
        assert_eq!(c.assessment.appeal_days, None);
        assert!(c.assessment.grades.is_empty(), "no seed defines 等次");
        assert_eq!(
            c.assessment.title("台江县", 2021),
            "台江县2021年度政务公开考核"
        );
        let c = Config::parse(
            "[workspace]\nname = \"台江县\"\n[assessment]\nname = \"台江县政府系统政务公开工作评估\"\nterm = \"评估\"\n",
        )
        .unwrap();
        assert_eq!(
            c.assessment.title("台江县", 2021),
            "2021年台江县政府系统政务公开工作评估"
        );
        assert_eq!(c.assessment.city_factor, 2.0);
        let c = Config::parse(
            "[workspace]\nname = \"台江县\"\n[assessment]\nweight = 4\ngrades = { \"好\" = 85, \"差\" = 0 }\n",
        )
        .unwrap();
        assert_eq!(c.assessment.weight, Some(4.0));
        assert_eq!(c.assessment.grades.len(), 2);
        assert_eq!(c.assessment.invalid(), None);
        let e = Config::parse("[workspace]\nname = \"x\"\n[assessment]\ndays = 3\n").unwrap_err();
        assert!(
            matches!(&e, Invalid::UnknownKey { key, expected, .. } if key == "days" && expected.contains(&"appeal_days".to_string())),
            "{e}"
        );
    }

    #[test]
    fn assessment_settings_that_cannot_be_used_are_refused_when_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let load = |setting: &str| {
            let text = format!("[workspace]\nname = \"台江县\"\n[assessment]\n{setting}\n");
            std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
            Config::load(dir.path())
        };
        let c = load("publicity_date = \"2021年12月24日\"").unwrap();
        assert_eq!(
            c.assessment.publicity(),
            chrono::NaiveDate::from_ymd_opt(2021, 12, 24)
        );
        for (setting, key) in [
            ("publicity_date = \"12月24日\"", "publicity_date"),
            ("weight = 400", "weight"),
            ("grades = { \"优秀\" = 190 }", "grades"),
            ("grades = { \"优秀\" = 70, \"良好\" = 80 }", "grades"),
            ("grades = { \"好\" = 60, \"一般\" = 60 }", "grades"),
            ("appeal_days = 0", "appeal_days"),
            ("city_factor = 0.5", "city_factor"),
            ("term = \" \"", "term"),
            ("name = \"\"", "name"),
        ] {
            let e = load(setting).unwrap_err();
            assert!(
                matches!(&e, ConfigError::Assessment { key: k, .. } if *k == key),
                "{setting}: {e}"
            );
            assert_eq!(crate::Error::from(e).exit_code(), 2);
        }
    }

    #[test]
    fn a_missing_name_is_explained() {
        let e = Config::parse("[workspace]\nyear = 2018\n").unwrap_err();
        assert!(
            matches!(&e, Invalid::MissingKey { key, .. } if key == "name"),
            "{e}"
        );
    }
}
