//! The workspace settings file `zwgk.toml`: every key has a default except
//! `[workspace] name`, and an unknown key is an error that names it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// The file name of the settings file inside a workspace.
pub const FILE_NAME: &str = "zwgk.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub workspace: WorkspaceSection,
    #[serde(default)]
    pub reference: ReferencePaths,
    #[serde(default)]
    pub paths: Paths,
    #[serde(default)]
    pub scoring: Scoring,
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
    #[serde(default)]
    pub report: ReportSettings,
    #[serde(default)]
    pub annex: AnnexSettings,
}

/// `[report]`: how the per-unit evaluation reports (seed 000 Annex 2) are signed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportSettings {
    /// The evaluating office (评估单位), such as 汤阴县人民政府办公室.
    pub office: Option<String>,
}

impl ReportSettings {
    /// The office named on the reports: `office`, else `<workspace name>人民政府办公室`.
    pub fn office(&self, workspace: &str) -> String {
        match self.office.as_deref().map(str::trim) {
            Some(office) if !office.is_empty() => office.to_string(),
            _ => format!("{workspace}人民政府办公室"),
        }
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceSection {
    /// The office's area, such as 大英县; also stripped as a region prefix from unit names.
    pub name: String,
    /// The working year; defaults to the period's year.
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReferencePaths {
    pub units: PathBuf,
    pub targets: PathBuf,
    /// The sections responsibility table; without this key, `reference/sections.csv` is
    /// read when it exists and coverage is skipped when it does not.
    pub sections: Option<PathBuf>,
    /// A pilot-domain responsibility table (seed 002 Annex 1), read like a sections table.
    pub domains: Option<PathBuf>,
}

/// Where the sections table is looked for when `zwgk.toml` does not say.
pub const DEFAULT_SECTIONS: &str = "reference/sections.csv";

impl Default for ReferencePaths {
    fn default() -> Self {
        Self {
            units: "reference/units.xlsx".into(),
            targets: "reference/targets.xlsx".into(),
            sections: None,
            domains: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    pub inbox: PathBuf,
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

/// The target scoring rules; seed 001 Annex 2 is the default.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Scoring {
    pub base: f64,
    pub bonus_per_10: f64,
    pub bonus_cap: f64,
    pub penalty_per_item: f64,
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
    /// Largest text file (CSV, HTML, XML) read, in MiB.
    pub text_mib: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            unzipped_mib: 1024,
            part_mib: 512,
            text_mib: 256,
        }
    }
}

impl Config {
    /// Reads `zwgk.toml` from the workspace folder `dir`.
    ///
    /// # Errors
    /// [`Error::Config`] when the file is missing, is not valid TOML, lacks
    /// `[workspace] name`, or has a key zwgk does not know.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Config(format!(
                "无法读取 {}（{}）：请确认工作目录正确，或用 zwgk init 新建工作目录",
                path.display(),
                crate::io_reason(&e)
            ))
        })?;
        Self::parse(&text).map_err(|m| Error::Config(format!("{}：{m}", path.display())))
    }

    /// Parses the text of a `zwgk.toml`.
    ///
    /// # Errors
    /// A Chinese message with the line and the offending key.
    pub fn parse(text: &str) -> Result<Self, String> {
        let config: Self = toml::from_str(text).map_err(|e| explain(text, &e))?;
        if config.workspace.name.trim().is_empty() {
            return Err("[workspace] name 不能为空，请填写本地区名称，如 name = \"大英县\"".into());
        }
        Ok(config)
    }
}

/// Turns a toml error into a Chinese sentence that keeps the key and the line.
fn explain(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        .map(|n| format!("第 {n} 行："))
        .unwrap_or_default();
    let msg = e.message();
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or_default().to_string();
    if msg.starts_with("unknown field") {
        let expected: Vec<_> = msg.split('`').skip(3).step_by(2).collect();
        format!(
            "{line}未知的设置项「{}」，此处可用的有：{}",
            quoted(msg),
            expected.join("、")
        )
    } else if msg.starts_with("missing field") {
        format!("{line}缺少必填的设置项「{}」", quoted(msg))
    } else {
        format!("{line}格式错误（{msg}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_name_is_required() {
        let c = Config::parse("[workspace]\nname = \"大英县\"\n").unwrap();
        assert_eq!(c.workspace.name, "大英县");
        assert_eq!(c.scoring, Scoring::default());
        assert_eq!(c.paths.inbox, PathBuf::from("inbox"));
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = Config::parse("[workspace]\nname = \"大英县\"\n[scoring]\nbase = 25\nbonus = 1\n")
            .unwrap_err();
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
    fn the_report_office_defaults_to_the_workspace_government_office() {
        let c = Config::parse("[workspace]\nname = \"汤阴县\"\n").unwrap();
        assert_eq!(c.report.office("汤阴县"), "汤阴县人民政府办公室");
        let c = Config::parse(
            "[workspace]\nname = \"汤阴县\"\n[report]\noffice = \"汤阴县政务公开办\"\n",
        )
        .unwrap();
        assert_eq!(c.report.office("汤阴县"), "汤阴县政务公开办");
        let e = Config::parse("[workspace]\nname = \"x\"\n[report]\nsigner = \"y\"\n").unwrap_err();
        assert!(e.contains("「signer」") && e.contains("office"), "{e}");
    }

    #[test]
    fn the_annex_title_font_is_read() {
        let c = Config::parse(
            "[workspace]\nname = \"大英县\"\n[annex]\ntitle_font = \"方正小标宋简体\"\n",
        )
        .unwrap();
        assert_eq!(c.annex.title_font.as_deref(), Some("方正小标宋简体"));
        let e = Config::parse("[workspace]\nname = \"x\"\n[annex]\nfont = \"宋体\"\n").unwrap_err();
        assert!(e.contains("「font」") && e.contains("title_font"), "{e}");
    }

    #[test]
    fn a_missing_name_is_explained() {
        let e = Config::parse("[workspace]\nyear = 2018\n").unwrap_err();
        assert!(e.contains("「name」"), "{e}");
    }
}
