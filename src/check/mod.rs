//! Checks and figures: per-unit numbers against targets, declared totals recomputed,
//! and the findings a run reports about units rather than cells.

pub mod figures;
pub mod totals;
