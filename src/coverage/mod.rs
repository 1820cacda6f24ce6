//! Sections, pilot domains and responsibility coverage (seeds 000 and 002).
//!
//! `sections::read` turns located sections and domain tables into `Section`s, group
//! phrases in 保障单位 expanded through `Groups`; `SectionIndex` resolves an item's 栏目
//! to a section; `check` measures coverage of a period: updates, sleeping sections,
//! silent responsible units, items outside a unit's sections, and the 责任矩阵.

pub(crate) mod check;
pub(crate) mod domains;
pub(crate) mod frequency;
pub(crate) mod groups;
pub(crate) mod names;
pub(crate) mod resolve;
pub(crate) mod sections;
#[cfg(test)]
mod tests;

pub(crate) use check::check;
pub(crate) use check::{Coverage, SectionCoverage, Status, UnitCoverage};
pub(crate) use domains::DOMAINS;
pub(crate) use groups::Groups;
pub(crate) use sections::{FRAMING, read};
