//! `zwgk init [DIR] [--sample NAME]`: start a workspace.

use std::path::PathBuf;

use crate::Error;
use crate::init;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk init [目录] [--name 地区 | --sample 示例] [--templates]",
    next_help_heading = "选项"
)]
pub(super) struct Args {
    /// 新工作目录，默认为当前目录
    #[arg(
        value_name = "目录",
        default_value = ".",
        hide_default_value = true,
        help_heading = "参数"
    )]
    dir: PathBuf,
    /// 本地区名称，如 大英县（写入 zwgk.toml；默认取目录名）
    #[arg(long, value_name = "地区")]
    name: Option<String>,
    /// 复制随附的示例工作目录，如 daying-2018（示例有自己的地区名称，不与 --name 同用）
    #[arg(long, value_name = "示例", conflicts_with = "name")]
    sample: Option<String>,
    /// 只把内置的表格定义和文书模板复制到（已有）工作目录的 templates/，已有的文件保留不动
    #[arg(long, conflicts_with_all = ["name", "sample"])]
    templates: bool,
}

/// Creates the workspace and lists what was written.
///
/// # Errors
/// As [`init::scaffold`].
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let folder = std::path::absolute(&args.dir).unwrap_or_else(|_| args.dir.clone());
    let fallback = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if args.templates {
        let mut done = init::Scaffolded::default();
        init::copy_templates(&args.dir, &mut done)?;
        for path in &done.written {
            outln!("已写入：{}", path.display());
        }
        list_kept(&done);
        return Ok(0);
    }
    let name = args.name.unwrap_or(fallback);
    let done = init::scaffold(&args.dir, &name, args.sample.as_deref())?;
    outln!(
        "已在「{}」建立工作目录（{} 个文件）。",
        args.dir.display(),
        done.written.len()
    );
    list_kept(&done);
    if args.sample.is_none() {
        outln!(
            "请在 zwgk.toml 中核对地区名称「{name}」，在 reference/ 的表格中填好单位、目标任务和栏目，"
        );
        outln!("把各单位报送的文件放进 inbox/，然后运行 zwgk run。");
    }
    Ok(0)
}

/// Names the files `init` found already there and left alone.
fn list_kept(done: &init::Scaffolded) {
    for path in &done.kept {
        outln!("已保留：{}（已有，未覆盖）", path.display());
    }
}
