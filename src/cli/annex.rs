//! `zwgk annex TABLE`: a print-ready annex (附件) for an official document, made from the
//! reference tables, or for `progress` from the period's run.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::Error;
use crate::config::{Config, workspace_path};
use crate::error::UsageError;
use crate::model::Period;
use crate::outputs::annex::{self, Layout, LeftOut, Options, Table};
use crate::outputs::destination;
use crate::outputs::lock::OutLock;
use crate::pipeline;
use crate::problems::{Problem, Severity};
use crate::reference;
use crate::write::{AnnexStyle, Orientation, TitleFont};

use super::summary::with_progress;
use super::workspace::WorkspaceArgs;

/// The annexes, also by the Chinese names `--help` gives them.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum TableArg {
    #[value(alias = "目标任务")]
    Targets,
    #[value(aliases = ["完成情况", "本期完成情况"])]
    Progress,
    #[value(aliases = ["栏目", "栏目保障任务分解表", "网站栏目保障任务分解表"])]
    Sections,
    #[value(aliases = ["试点领域", "试点领域责任分工表"])]
    Domains,
    #[value(alias = "标准目录")]
    Catalogue,
    #[value(aliases = ["联系人", "联系人名单"])]
    Contacts,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    Auto,
    Rows,
    Pairs,
}

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "zwgk annex [-w 目录] <表> [--period 期] [-o 文件]",
    next_help_heading = "选项",
    help_template = super::HELP_TEMPLATE
)]
pub(super) struct Args {
    /// 附件内容：targets 目标任务、progress 本期完成情况、sections 网站栏目保障任务分解表、domains 试点领域责任分工表、catalogue 各单位报送的标准目录、contacts 各单位报送的联系人名单
    #[arg(
        value_enum,
        value_name = "表",
        help_heading = "参数",
        hide_possible_values = true
    )]
    table: TableArg,
    #[command(flatten)]
    workspace: WorkspaceArgs,
    /// 输出文件，默认为 out/附件-<表>.xlsx（完成情况为 out/<期>/附件-progress.xlsx）
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: Option<PathBuf>,
    /// 附件编号：左上角写“附件N”，默认为 1
    #[arg(long, value_name = "N", default_value_t = 1, hide_default_value = true,
          value_parser = annex_number)]
    number: u32,
    /// 标题，默认按表和工作目录自动生成
    #[arg(long, value_name = "标题")]
    title: Option<String>,
    /// 横向打印（表格较宽时）
    #[arg(long)]
    landscape: bool,
    /// 标题字体：宋体（加粗，默认）或 方正小标宋简体；也可在 zwgk.toml 的 [annex] title_font 中设置
    #[arg(long, value_name = "字体")]
    title_font: Option<String>,
    /// 目标任务的排法：auto 与目标任务表相同（默认），rows 每行一个单位，pairs 两组左右并排
    #[arg(
        long,
        value_enum,
        value_name = "排法",
        default_value = "auto",
        hide_possible_values = true,
        hide_default_value = true
    )]
    layout: LayoutArg,
}

/// `--number`: 附件1 upward.
fn annex_number(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("附件编号应为 1 或更大的整数，如 --number 2".to_string()),
    }
}

/// Writes the annex; exit code 1 when the tables it is made from have errors.
///
/// # Errors
/// Settings or reference tables that stop the command, or an output that cannot be written.
pub(super) fn run(args: Args) -> Result<i32, Error> {
    let (config, mut period) = args.workspace.load()?;
    let options = args.options(&config)?;
    let table = Table::from(args.table);
    // Catalogues and contact forms count whatever their date: without `--period`, these
    // annexes are of the working year, not of last month, which may lie outside it.
    if args.workspace.period.is_none() && matches!(table, Table::Catalogue | Table::Contacts) {
        period = Period::Year(config.working_year(None));
    }
    let dir = &args.workspace.dir;
    let (path, shown) = match &args.output {
        Some(p) => {
            destination::check_file(dir, &config, p, "xlsx")?;
            (p.clone(), p.display().to_string())
        }
        None => {
            let path = dir.join(table.default_path(&config, period));
            let shown = workspace_path(dir, &path);
            (path, shown)
        }
    };
    let year = config.working_year(Some(period));
    // Locked as it writes into out/, not before: a table that is missing stops the
    // command with nothing made.
    let lock = || match &args.output {
        None => OutLock::of(dir, &config).map(Some),
        Some(_) => Ok(None),
    };
    let (problems, left_out) = if table.needs_run() {
        let outcome = with_progress(|tick| pipeline::run(dir, &config, period, tick))?;
        let _lock = lock()?;
        annex::from_run(table, &outcome, year, &options, &path)?;
        let left_out = annex::left_out(table, &outcome);
        // The catalogue and contacts annexes are of any date: the period's own findings
        // (a unit behind schedule) are not theirs to caution about.
        let own = |p: &Problem| match table {
            Table::Catalogue => p.code.id().starts_with('M'),
            Table::Contacts => p.code.id().starts_with('P'),
            _ => true,
        };
        let problems = outcome.problems.into_iter().filter(own).collect();
        (problems, Some(left_out))
    } else {
        let reference = reference::load(dir, &config)?;
        let _lock = lock()?;
        annex::from_reference(table, &reference, &config, year, &options, &path)?;
        (reference.problems, None)
    };
    println!("已写入：{shown}");
    // The reference tables' problems are the same in every period: `check` of the year
    // lists them whatever last month was.
    let checked = if table.needs_run() {
        period
    } else {
        Period::Year(year)
    };
    Ok(caution(&problems, table, left_out, checked))
}

impl Args {
    fn options(&self, config: &Config) -> Result<Options, UsageError> {
        let font = match &self.title_font {
            Some(name) => {
                TitleFont::from_name(name).ok_or_else(|| UsageError::TitleFont(name.clone()))?
            }
            None => config.title_font(),
        };
        Ok(Options {
            number: self.number,
            title: self.title.clone(),
            orientation: if self.landscape {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            },
            style: AnnexStyle {
                title_font: font,
                ..AnnexStyle::default()
            },
            layout: match self.layout {
                LayoutArg::Auto => Layout::Auto,
                LayoutArg::Rows => Layout::Rows,
                LayoutArg::Pairs => Layout::Pairs,
            },
        })
    }
}

impl From<TableArg> for Table {
    fn from(t: TableArg) -> Self {
        match t {
            TableArg::Targets => Table::Targets,
            TableArg::Progress => Table::Progress,
            TableArg::Sections => Table::Sections,
            TableArg::Domains => Table::Domains,
            TableArg::Catalogue => Table::Catalogue,
            TableArg::Contacts => Table::Contacts,
        }
    }
}

/// Errors of the reference tables listed under the caution of an annex made from them.
const SHOWN: usize = 10;

/// Tells the user when the tables the annex was made from have problems, and, where
/// it is known (`left_out`, for an annex made from a run), whether rows were left out
/// of it, and which `check` lists them; 1 when any problem is an error.
fn caution(problems: &[Problem], table: Table, left_out: Option<LeftOut>, checked: Period) -> i32 {
    let count = |s| problems.iter().filter(|p| p.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    if errors + warnings > 0 {
        let source = match table {
            Table::Progress => "本期报送",
            Table::Catalogue => "报送的标准目录",
            Table::Contacts => "报送的联系人登记表",
            _ => "参考表",
        };
        let what = match (left_out, table) {
            // Which reference rows were left out is not known here: said by `check`.
            (None, _) => String::new(),
            (Some(LeftOut { rows: 0, sheets: 0 }), Table::Catalogue | Table::Contacts) => {
                "；有问题的行照常列入附件，在备注中标明需核对".to_string()
            }
            (Some(LeftOut { rows: 0, sheets: 0 }), _) => String::new(),
            (Some(LeftOut { rows, sheets: 0 }), _) => {
                format!("，其中 {rows} 行未能识别，没有列入附件")
            }
            (Some(LeftOut { rows, sheets }), _) => {
                format!("，其中 {sheets} 个工作表、{rows} 行未能识别，没有列入附件")
            }
        };
        let codes = match table {
            Table::Catalogue => "（问题清单中代码以 M 开头的）",
            Table::Contacts => "（问题清单中代码以 P 开头的）",
            _ => "",
        };
        let from_reference = left_out.is_none();
        println!(
            "注意：{source}有错误 {errors} 个、警告 {warnings} 个{what}；请运行 zwgk check --period {checked} 查看详情{codes}"
        );
        // A reference table's errors leave rows out of the annex (a target that is no
        // number): each is named here, at its cell, before the annex goes to print.
        if from_reference {
            let shown = problems.iter().filter(|p| p.severity == Severity::Error);
            for p in shown.clone().take(SHOWN) {
                println!("  {p}");
            }
            if errors > SHOWN {
                println!("  ……另有 {} 个错误", errors - SHOWN);
            }
        }
    }
    i32::from(errors > 0)
}
