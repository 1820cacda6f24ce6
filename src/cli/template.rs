//! `zwgk template`: blank forms, one per unit (or for one named unit), defined in
//! `templates/`, that come back through `zwgk run` (a 自评表 through `zwgk assess`)
//! without a problem.

use std::path::PathBuf;

use crate::Error;
use crate::assess::Assessed;
use crate::config::{Config, workspace_path};
use crate::coverage::Words;
use crate::coverage::sections::domain_within;
use crate::error::UsageError;
use crate::model::Period;
use crate::normalise::Resolver;
use crate::outputs::destination;
use crate::outputs::forms::{self, specs::Kind};
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
    /// 生成 CSV（GB18030 编码，供旧版软件使用），不生成 .xlsx；只用于信息公开报送表
    #[arg(long)]
    csv: bool,
    /// 表格：items 信息公开报送表（默认）、catalogue 目录编制表（标准目录，每个负责的试点领域一个工作表）、contacts 联系人登记表、counts 统计表（各月各栏目的发布数量）、self-assessment 自评表（指标体系表中适用于该单位的指标，供年度考核自评）
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

/// The forms, also by the Chinese names `--help` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormArg {
    #[value(aliases = ["报送表", "信息公开报送表"])]
    Items,
    #[value(aliases = ["目录编制表", "标准目录"])]
    Catalogue,
    #[value(aliases = ["联系人登记表", "联系人"])]
    Contacts,
    #[value(alias = "统计表")]
    Counts,
    #[value(alias = "自评表")]
    SelfAssessment,
}

impl FormArg {
    fn kind(self) -> Kind {
        match self {
            Self::Items => Kind::Items,
            Self::Catalogue => Kind::Catalogue,
            Self::Contacts => Kind::Contacts,
            Self::Counts => Kind::Counts,
            Self::SelfAssessment => Kind::SelfAssessment,
        }
    }
}

/// Writes the templates and lists them.
///
/// # Errors
/// [`Error::Usage`] for a unit that is not in the units table; settings or reference
/// tables that stop the command; a file that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let config = Config::load(&args.dir)?;
    let form = forms::specs::load(&args.dir, args.form.kind())?;
    if args.csv && form.kind != Kind::Items {
        return Err(UsageError::CsvForm.into());
    }
    // A 自评表 needs the units and indicator tables only; other forms the sections.
    let tables = match form.kind {
        Kind::SelfAssessment => Tables::Assessment(Assessed::load(&args.dir, &config)?),
        _ => Tables::Reference(reference::load(&args.dir, &config)?),
    };
    let units = chosen_units(tables.resolver(), args.unit.as_deref())?;
    let (out, shown) = match &args.output {
        Some(p) => {
            destination::not_input(&args.dir, &config, p)?;
            if p.exists() && !p.is_dir() {
                return Err(UsageError::OutputNotFolder(p.clone()).into());
            }
            (p.clone(), p.display().to_string())
        }
        None => {
            let out = args.dir.join(&config.paths.out).join("templates");
            let shown = workspace_path(&args.dir, &out);
            (out, shown)
        }
    };
    let period = args.period.as_deref().map(Period::parse).transpose()?;
    let (units, sections, words, assessed) = match &tables {
        Tables::Assessment(a) => (
            assessed_units(a, units, args.unit.is_some())?,
            &[][..],
            Words::Sections,
            Some(a),
        ),
        Tables::Reference(r) if form.kind == Kind::Catalogue => (
            with_domains(&r.sections, units, args.unit.is_some())?,
            &r.sections[..],
            r.words(),
            None,
        ),
        Tables::Reference(r) => (units, &r.sections[..], r.words(), None),
    };
    let context = forms::Context {
        workspace: &config.workspace.name,
        year: config.working_year(period),
        period,
        sections,
        words,
        assessed,
    };
    let written = forms::write_all(&form, &units, &context, &out, args.csv)?;
    for path in &written {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        println!("已写入：{shown}/{name}");
    }
    println!("共 {} 个{}。", written.len(), form.name);
    Ok(0)
}

/// The tables a form is written from.
enum Tables {
    /// The reference tables, for the forms of the monthly work.
    Reference(Reference),
    /// The units and indicator tables, for a 自评表.
    Assessment(Assessed),
}

impl Tables {
    fn resolver(&self) -> &Resolver {
        match self {
            Self::Reference(r) => &r.resolver,
            Self::Assessment(a) => &a.resolver,
        }
    }
}

/// The units of `units` that are assessed. A unit named by `--unit` and not assessed
/// is refused; others are left out, and how many is said.
fn assessed_units<'u>(
    assessed: &Assessed,
    units: Vec<&'u str>,
    named: bool,
) -> Result<Vec<&'u str>, Error> {
    if !assessed.problems.is_empty() {
        println!(
            "注意：指标体系表有 {} 个问题，请运行 zwgk assess 查看并修改；自评表按现有的指标生成。",
            assessed.problems.len()
        );
    }
    let (kept, left): (Vec<&str>, Vec<&str>) =
        units.into_iter().partition(|u| !assessed.of(u).is_empty());
    let why = "的类别不在指标体系表的适用对象中，不生成自评表";
    left_out(kept, &left, named, why, UsageError::NotAssessed)
}

/// `kept`, once the units `left` out are said on screen (`N 个单位{why}：…`); an error
/// (`refused`) instead when the one unit asked for by `--unit` (`named`) is left out.
fn left_out<'u>(
    kept: Vec<&'u str>,
    left: &[&str],
    named: bool,
    why: &str,
    refused: fn(String) -> UsageError,
) -> Result<Vec<&'u str>, Error> {
    match (named, left) {
        (true, [unit]) => Err(refused(unit.to_string()).into()),
        (_, []) => Ok(kept),
        (_, left) => {
            println!("{} 个单位{why}：{}", left.len(), super::summary::list(left));
            Ok(kept)
        }
    }
}

/// The units of `units` that answer for a pilot domain, where the workspace assigns any:
/// only they compile a catalogue (seed 002), and a form sent to another would come back
/// as a catalogue of a domain it is not given (M012). A unit named by `--unit` without
/// a domain is refused; others are left out, and how many is said. Where no unit has a
/// domain (no domain table), every unit gets a form with a 领域 column.
fn with_domains<'u>(
    sections: &[crate::model::Section],
    units: Vec<&'u str>,
    named: bool,
) -> Result<Vec<&'u str>, Error> {
    let (kept, left): (Vec<&str>, Vec<&str>) =
        (units.iter().copied()).partition(|u| !forms::domains_of(u, sections).is_empty());
    if kept.is_empty() && !sections.iter().any(|s| domain_within(s).is_some()) {
        return Ok(units);
    }
    let why = "不负责任何试点领域，不生成目录编制表";
    left_out(kept, &left, named, why, UsageError::NoDomain)
}

/// The canonical names of the units to write templates for.
fn chosen_units<'r>(resolver: &'r Resolver, unit: Option<&str>) -> Result<Vec<&'r str>, Error> {
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
