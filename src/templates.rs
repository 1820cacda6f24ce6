//! Everything zwgk hands out, as plain files: the blank forms' definitions (TOML) and
//! the wording of the documents it drafts (MiniJinja). The repository's `templates/` is
//! embedded in the binary; a workspace's own `templates/` (made by `zwgk init`, edited by
//! the office) wins file by file.

use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// The folder of a workspace that holds the office's own copies of the templates.
pub(crate) const DIR: &str = "templates";

/// Every template zwgk hands out, by file name, as shipped.
pub(crate) const BUNDLED: &[(&str, &str)] = &[
    ("通报.md.j2", include_str!("../templates/通报.md.j2")),
    ("催报.md.j2", include_str!("../templates/催报.md.j2")),
    (
        "目录编制表.toml",
        include_str!("../templates/目录编制表.toml"),
    ),
    (
        "联系人登记表.toml",
        include_str!("../templates/联系人登记表.toml"),
    ),
    ("统计表.toml", include_str!("../templates/统计表.toml")),
    (
        "信息公开报送表.toml",
        include_str!("../templates/信息公开报送表.toml"),
    ),
    ("自评表.toml", include_str!("../templates/自评表.toml")),
];

/// A template that could not be read or filled in.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// The office's copy exists but cannot be read.
    #[error("无法读取模板 {path}：{reason}。请检查文件，或删除它以使用内置模板")]
    Read {
        /// The workspace's copy.
        path: PathBuf,
        /// Why, in Chinese.
        reason: String,
    },
    /// The template's text is wrong: a tag not closed, an unknown name, a bad filter.
    #[error(
        "模板 {file} 第 {line} 行有误：{detail}。请按 README「文书模板」一节修改，或删除该文件以使用内置模板"
    )]
    Syntax {
        /// The file, as the user knows it (the workspace's copy, or the bundled name).
        file: String,
        /// The 1-based line of the error.
        line: usize,
        /// What MiniJinja said.
        detail: String,
    },
}

/// The text of the template `name`: the workspace's copy under `root/templates/` if
/// there is one, else the bundled one; with the name to show in messages.
///
/// # Errors
/// [`TemplateError::Read`] when the workspace's copy cannot be read.
pub(crate) fn source(root: &Path, name: &str) -> Result<(String, String), TemplateError> {
    let own = root.join(DIR).join(name);
    if own.is_file() {
        let bytes = std::fs::read(&own).map_err(|e| TemplateError::Read {
            path: own.clone(),
            reason: crate::io_reason(&e),
        })?;
        let text = crate::config::edited_text(&bytes).ok_or_else(|| TemplateError::Read {
            path: own.clone(),
            reason: "既不是 UTF-8 也不是 GBK 编码的文本，请用记事本打开，另存为 UTF-8 编码".into(),
        })?;
        return Ok((format!("{DIR}/{name}"), text));
    }
    let bundled = BUNDLED.iter().find(|(n, _)| *n == name);
    let text = bundled.map_or("", |(_, t)| t);
    Ok((format!("{name}（内置）"), text.to_string()))
}

/// The form definition `name` (TOML), read with [`source`].
///
/// # Errors
/// [`TemplateError`] naming the file and line when it cannot be read or is no valid
/// definition.
pub(crate) fn form<T: serde::de::DeserializeOwned>(
    root: &Path,
    name: &str,
) -> Result<T, TemplateError> {
    let (file, text) = source(root, name)?;
    toml::from_str(&text).map_err(|e| TemplateError::Syntax {
        line: e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].lines().count().max(1)
        }),
        detail: format!("表格定义有误：{}", e.message()),
        file,
    })
}

/// Fills the text template `name` with `facts`, read with [`source`].
///
/// # Errors
/// [`TemplateError`] naming the file and line when the template cannot be read, parsed
/// or filled (such as a name that the facts do not have).
pub(crate) fn render(
    root: &Path,
    name: &str,
    facts: &impl Serialize,
) -> Result<String, TemplateError> {
    let (file, source) = source(root, name)?;
    let mut env = Environment::new();
    // Block tags stand on lines of their own without leaving blank paragraphs behind.
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    // A misspelt name is an error to show, never a silently empty figure.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_debug(true);
    let text = source.clone();
    let syntax_error = |e: minijinja::Error| TemplateError::Syntax {
        file: file.clone(),
        line: e.line().unwrap_or(1),
        detail: explained(&e, &text),
    };
    env.add_template_owned(name.to_string(), source)
        .map_err(syntax_error)?;
    let template = env.get_template(name).map_err(syntax_error)?;
    template
        .render(minijinja::Value::from(minijinja::value::Serde(facts)))
        .map_err(syntax_error)
}

/// MiniJinja's error in Chinese, with the part of the template `source` it is about and
/// its own words after it for the details.
fn explained(e: &minijinja::Error, source: &str) -> String {
    use minijinja::ErrorKind::*;
    let what = match e.kind() {
        SyntaxError => "语法错误（标记不完整或没有配对，如 {% if %} 缺少 {% endif %}）",
        UndefinedError => "用到了 zwgk 不提供的名称（请核对拼写，可用的名称见内置模板）",
        UnknownFilter => "未知的过滤器",
        UnknownFunction => "未知的函数",
        UnknownTest => "未知的判断",
        UnknownMethod => "未知的方法",
        InvalidOperation | NonKey | NonPrimitive => "无法进行的运算",
        TooManyArguments | MissingArgument => "参数个数不对",
        _ => "无法填写",
    };
    let at = (e.range())
        .and_then(|r| source.get(r))
        .filter(|t| !t.trim().is_empty());
    let what = match at {
        Some(at) => format!("{what}，出错处「{}」", at.trim()),
        None => what.to_string(),
    };
    match e.detail() {
        Some(detail) => format!("{what}：{detail}"),
        None => what,
    }
}
