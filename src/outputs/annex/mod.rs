//! Annexes (附件) for official documents, laid out as DESIGN.md's "Annex format" applies
//! GB/T 9704 to a spreadsheet (the write layer's `Look::Annex` does the faces, borders,
//! margins and page numbers): the targets table, one unit per row or in seed 001's two
//! side-by-side pairs; the 完成情况 of a run; the sections responsibility table (seed 000)
//! and the pilot-domain responsibility table (seed 002); the standard catalogue and the
//! contact list the units sent (seed 002).

mod catalogue;
mod contacts;
mod domains;
mod progress;
mod sections;
mod targets;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

pub(crate) use progress::{completion_title, total_label, totals};
pub(crate) use targets::Layout;

use crate::Error;
use crate::config::Config;
use crate::coverage::sections::domain_within;
use crate::error::UsageError;
use crate::ingest::SheetKind;
use crate::model::{Period, Section};
use crate::pipeline::Outcome;
use crate::problems::Code;
use crate::reference::{Reference, ReferenceError};
use crate::write::{AnnexStyle, Book, Look, Orientation, PageSetup, Sheet, WriteError};

/// Which annex to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// 目标任务: each unit's annual target, closed by 合计.
    Targets,
    /// 完成情况: each unit's figures of a run, closed by 合计.
    Progress,
    /// 栏目保障任务分解表: sections with their 保障单位.
    Sections,
    /// 试点领域责任分工表: domains grouped by 责任单位.
    Domains,
    /// 标准目录: the matters of the catalogues in the inbox, by domain.
    Catalogue,
    /// 联系人名单: the people of the contact forms in the inbox, by unit.
    Contacts,
}

impl Table {
    /// The name on the command line and in the default file name.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::Targets => "targets",
            Self::Progress => "progress",
            Self::Sections => "sections",
            Self::Domains => "domains",
            Self::Catalogue => "catalogue",
            Self::Contacts => "contacts",
        }
    }

    /// Whether the annex is made from what the inbox holds, which needs a run.
    pub(crate) fn needs_run(self) -> bool {
        matches!(self, Self::Progress | Self::Catalogue | Self::Contacts)
    }

    /// Where the annex goes by default, relative to the workspace: `out/附件-<TABLE>.xlsx`,
    /// and for the 完成情况 of a run, which belongs to its period, `out/<period>/附件-progress.xlsx`.
    pub(crate) fn default_path(self, config: &Config, period: Period) -> PathBuf {
        let name = format!("附件-{}.xlsx", self.key());
        match self {
            Self::Progress => config.paths.out.join(period.to_string()).join(name),
            _ => config.paths.out.join(name),
        }
    }
}

/// How an annex is headed and printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Options {
    /// The N of `附件N`.
    pub number: u32,
    /// Replaces the table's default title.
    pub title: Option<String>,
    pub orientation: Orientation,
    pub style: AnnexStyle,
    /// How the targets table is laid out; other tables ignore it.
    pub layout: Layout,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            number: 1,
            title: None,
            orientation: Orientation::Portrait,
            style: AnnexStyle::default(),
            layout: Layout::Auto,
        }
    }
}

impl Options {
    /// A new annex sheet named `name`, printed as the options say, headed by `附件N`, a
    /// blank row and the title (or `default_title`) centred over columns `0..=last_col`.
    pub(crate) fn sheet<'b>(
        &self,
        book: &'b mut Book,
        name: &str,
        default_title: &str,
        last_col: u16,
    ) -> Result<Sheet<'b>, WriteError> {
        let mut sheet = book.sheet(name, Look::Annex(self.style))?;
        sheet.page_setup(PageSetup::annex(self.orientation))?;
        // Asked for landscape, it stays so; portrait turns where landscape prints better.
        if self.orientation == Orientation::Portrait {
            sheet.may_turn();
        }
        let title = self.title.as_deref().unwrap_or(default_title);
        sheet.annex_heading(&format!("附件{}", self.number), title, last_col)?;
        Ok(sheet)
    }
}

/// Writes the annex `table` made from the reference tables to `path`. `year` is the
/// working year the targets title names.
///
/// # Errors
/// [`Error::Usage`] for a table made from a run ([`Table::needs_run`]); [`Error::Reference`]
/// when the workspace has no table to make the annex from; [`Error::Write`] when the
/// workbook cannot be written.
pub(crate) fn from_reference(
    table: Table,
    reference: &Reference,
    config: &Config,
    year: i32,
    options: &Options,
    path: &Path,
) -> Result<(), Error> {
    let workspace = &config.workspace.name;
    let mut book = Book::new();
    match table {
        Table::Targets => {
            reference.require_targets()?;
            targets::write(&mut book, reference, workspace, year, options)?;
        }
        Table::Sections => {
            let rows = sections_table(reference);
            if let (true, Some(path)) = (rows.is_empty(), &config.reference.sections) {
                let shown = path.to_string_lossy().replace('\\', "/");
                return Err(ReferenceError::EmptySections(shown).into());
            }
            sections::write(&mut book, &rows, workspace, options)?;
        }
        Table::Domains => {
            let rows = domains_table(reference);
            let rows: Vec<&Section> = rows.iter().map(AsRef::as_ref).collect();
            domains::write(&mut book, &rows, options)?;
        }
        Table::Progress | Table::Catalogue | Table::Contacts => {
            return Err(UsageError::AnnexNeedsRun(table.key()).into());
        }
    }
    Ok(book.save(path)?)
}

/// Writes the annex `table` made from a run (完成情况, 标准目录, 联系人名单) to `path`;
/// `year` is the working year the catalogue's title names.
///
/// # Errors
/// [`Error::Usage`] for a table made from the reference tables; [`Error::Write`] when the
/// workbook cannot be written.
pub(crate) fn from_run(
    table: Table,
    outcome: &Outcome,
    year: i32,
    options: &Options,
    path: &Path,
) -> Result<(), Error> {
    let mut book = Book::new();
    let workspace = &outcome.workspace;
    match table {
        Table::Progress => progress::write(&mut book, outcome, options)?,
        Table::Catalogue => {
            catalogue::write(
                &mut book,
                outcome.catalogue.as_ref(),
                workspace,
                year,
                options,
            )?;
        }
        Table::Contacts => {
            contacts::write(&mut book, outcome.contacts.as_ref(), workspace, options)?;
        }
        Table::Targets | Table::Sections | Table::Domains => {
            return Err(UsageError::AnnexNeedsReference(table.key()).into());
        }
    }
    Ok(book.save(path)?)
}

/// What of the inbox the annex `table` made from `outcome` leaves out: the rows of its
/// kind of sheet that were rejected, and for the catalogue the sheets that look like
/// catalogues but were not read (M014).
pub(crate) fn left_out(table: Table, outcome: &Outcome) -> LeftOut {
    let kinds: &[SheetKind] = match table {
        Table::Catalogue => &[SheetKind::Catalogue],
        Table::Contacts => &[SheetKind::Contacts],
        _ => &[SheetKind::Items, SheetKind::Counts],
    };
    let sheets = outcome.inputs.iter().flat_map(|i| &i.sheets);
    let rows = sheets
        .filter(|s| kinds.contains(&s.kind))
        .map(|s| s.rows_rejected)
        .sum();
    let sheets = match table {
        Table::Catalogue => (outcome.problems.iter())
            .filter(|p| p.code == Code::NotACatalogue)
            .count(),
        _ => 0,
    };
    LeftOut { rows, sheets }
}

/// What an annex made from a run leaves out of the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LeftOut {
    /// Rejected rows of the sheets the annex is made from.
    pub rows: usize,
    /// Sheets of its kind that were not read at all.
    pub sheets: usize,
}

/// The sections of the sections table (not of the domain table).
fn sections_table(reference: &Reference) -> Vec<&Section> {
    let domains = reference.domains_file.as_ref();
    let sections = reference.sections.iter();
    sections
        .filter(|s| Some(&s.source.file) != domains)
        .collect()
}

/// The rows of the domain table, or without one, the pilot domains of the sections table,
/// as the reports and the catalogue checks count them, one row a domain: a section that
/// is a domain, and the sections within one (大英县's 重点领域/环境保护/环评信息 is
/// 生态环境), whose units answer for it too; a domain only sections within it name is
/// named as the table writes it (环境保护).
fn domains_table(reference: &Reference) -> Vec<Cow<'_, Section>> {
    let sections = reference.sections.iter();
    if let Some(file) = &reference.domains_file {
        let rows = sections.filter(|s| s.source.file == *file);
        return rows.map(Cow::Borrowed).collect();
    }
    let mut rows: Vec<Cow<'_, Section>> = Vec::new();
    for s in sections {
        let Some((domain, written)) = domain_within(s) else {
            continue;
        };
        match rows
            .iter_mut()
            .find(|r| r.domain.as_deref() == Some(domain))
        {
            Some(row) => add_units(row.to_mut(), s),
            None if s.domain.is_some() => rows.push(Cow::Borrowed(s)),
            None => rows.push(Cow::Owned(Section {
                levels: [written.to_string(), String::new(), String::new()],
                responsible_text: s.responsible_names.clone(),
                domain: Some(domain.to_string()),
                ..s.clone()
            })),
        }
    }
    rows
}

/// Adds the units of `from` that `row` does not name yet to it.
fn add_units(row: &mut Section, from: &Section) {
    let mut units = row.responsible.to_vec();
    let more = from
        .responsible
        .iter()
        .filter(|u| !row.responsible.contains(u));
    units.extend(more.cloned());
    row.responsible = units.into();
    let mut names: Vec<&str> = (row.responsible_names.split('、'))
        .filter(|n| !n.is_empty())
        .collect();
    for name in from.responsible_names.split('、') {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    row.responsible_names = names.join("、");
    row.responsible_text = row.responsible_names.clone();
}
