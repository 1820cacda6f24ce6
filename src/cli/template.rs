//! `zwgk template`: submission templates, one per unit (or for one named unit), that
//! come back through `zwgk run` without a problem.

use std::path::PathBuf;

use crate::Error;
use crate::config::{Config, workspace_path};
use crate::error::UsageError;
use crate::model::Period;
use crate::outputs::{forms, template};
use crate::reference::{self, Reference};

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk template [-w 目录] [--form 表格] [--unit 单位] [--period 期] [-o 目录] [--csv]",
    next_help_heading = "选项",
    help_template = super::HELP_TEMPLATE
)]
pub(super) struct Args {
    /// 工作目录（其中有 zwgk.toml），默认为当前目录
    #[arg(
        short = 'w',
        long = "workspace",
        value_name = "目录",
        default_value = ".",
        hide_default_value = true
    )]
    dir: PathBuf,
    /// 只生成这一个单位的模板（写单位名称或别名）；默认为单位名称表中的每个单位
    #[arg(long, value_name = "单位")]
    unit: Option<String>,
    /// 报送期：2022-04（月）或 2022Q2（季度），填表说明据此写明报送文件的名称；不写时举月、季两种例子
    #[arg(long, value_name = "期")]
    period: Option<String>,
    /// 输出文件夹，默认为 out/templates/
    #[arg(short = 'o', long = "output", value_name = "目录")]
    output: Option<PathBuf>,
    /// 生成 CSV（GB18030 编码，供旧版软件使用），不生成 .xlsx；只用于信息报送表
    #[arg(long)]
    csv: bool,
    /// 表格：items 信息公开报送表（默认）、catalogue 目录编制表（标准目录，每个负责的试点领域一个工作表）、contacts 联系人登记表、counts 统计表（各月各栏目的发布数量）
    #[arg(
        long,
        value_enum,
        value_name = "表格",
        default_value = "items",
        hide_possible_values = true,
        hide_default_value = true
    )]
    form: FormArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormArg {
    Items,
    Catalogue,
    Contacts,
    Counts,
}

/// Writes the templates and lists them.
///
/// # Errors
/// [`Error::Usage`] for a unit that is not in the units table; settings or reference
/// tables that stop the command; a file that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let config = Config::load(&args.dir)?;
    let reference = reference::load(&args.dir, &config)?;
    let units = chosen_units(&reference, args.unit.as_deref())?;
    let (out, shown) = match &args.output {
        Some(p) => (p.clone(), p.display().to_string()),
        None => {
            let out = args.dir.join(&config.paths.out).join("templates");
            let shown = workspace_path(&args.dir, &out);
            (out, shown)
        }
    };
    let period = args.period.as_deref().map(Period::parse).transpose()?;
    let year = config.working_year(period);
    let (workspace, sections) = (&config.workspace.name, &reference.sections);
    let form = match args.form {
        FormArg::Items => None,
        FormArg::Catalogue => Some(forms::specs::load(
            &args.dir,
            forms::specs::Kind::Catalogue,
        )?),
        FormArg::Contacts => Some(forms::specs::load(&args.dir, forms::specs::Kind::Contacts)?),
        FormArg::Counts => Some(forms::specs::load(&args.dir, forms::specs::Kind::Counts)?),
    };
    let written = match &form {
        None => template::write_all(&units, sections, workspace, year, period, &out, args.csv)?,
        Some(_) if args.csv => return Err(UsageError::CsvForm.into()),
        Some(form) => forms::write_all(form, &units, sections, workspace, year, &out)?,
    };
    for path in &written {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!("已写入：{shown}/{name}");
    }
    let what = form.as_ref().map_or("报送模板", |f| f.name.as_str());
    println!("共 {} 个{what}。", written.len());
    Ok(0)
}

/// The canonical names of the units to write templates for.
fn chosen_units<'r>(reference: &'r Reference, unit: Option<&str>) -> Result<Vec<&'r str>, Error> {
    let resolver = &reference.resolver;
    let Some(name) = unit else {
        return Ok(resolver.units().iter().map(|u| u.name.as_str()).collect());
    };
    match resolver.resolve(name.trim()) {
        Some(found) => Ok(vec![found]),
        None => {
            let close = resolver.suggest(name);
            let hint = if close.is_empty() {
                "请使用单位名称表中的名称".to_string()
            } else {
                format!("最接近的单位：{}", close.join("、"))
            };
            Err(UsageError::UnknownUnit {
                name: name.to_string(),
                hint,
            }
            .into())
        }
    }
}
