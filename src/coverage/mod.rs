//! Sections, pilot domains and responsibility coverage (seeds 000 and 002).
//!
//! `sections::read` turns located sections and domain tables into `Section`s, group
//! phrases in 保障单位 expanded through `Groups` and 更新频率 read by `frequency`;
//! `SectionIndex` resolves an item's 栏目 to a section; `check` measures coverage as of a
//! judgement date, `judge` saying what each section's rule finds (`spans`: the calendar
//! intervals and deadlines it counts in).

pub(crate) mod check;
pub(crate) mod domains;
pub(crate) mod frequency;
pub(crate) mod groups;
pub(crate) mod judge;
pub(crate) mod names;
pub(crate) mod resolve;
pub(crate) mod sections;
pub(crate) mod spans;
#[cfg(test)]
mod tests;

pub(crate) use check::check;
pub(crate) use check::{Coverage, SectionCoverage, UnitCoverage};
pub(crate) use domains::DOMAINS;
pub(crate) use groups::Groups;
pub(crate) use sections::{FRAMING, read};
