//! Sections, pilot domains and responsibility coverage (seeds 000 and 002).
//!
//! `sections::read` turns located sections and domain tables into `Section`s, group
//! phrases in 保障单位 expanded through `Groups`; `SectionIndex` resolves an item's 栏目
//! to a section; `check` measures coverage of a period: updates, sleeping sections,
//! silent responsible units, items outside a unit's sections, and the 责任矩阵.

pub mod check;
pub mod domains;
pub mod frequency;
pub mod groups;
pub mod names;
pub mod resolve;
pub mod sections;
#[cfg(test)]
mod tests;

pub(crate) use check::check;
pub use check::{Coverage, SectionCoverage, Status, Summary, UnitCoverage};
pub use domains::{DOMAINS, Domain};
pub use groups::{Groups, Meaning};
pub use resolve::SectionIndex;
pub use sections::{FRAMING, read};
