//! `manifest.json`: the machine-readable record of a run, with the fields DESIGN.md
//! promises other tools. Paths are workspace-relative with `/`.

pub(crate) mod records;

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::Path;

use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::{Map, Value};

use crate::check::figures::UnitFigures;
use crate::pipeline::Outcome;
use crate::problems::Severity;
use crate::write::{WriteError, save_streamed};
pub(crate) use records::{InputRecord, Role, TargetsSummary, Totals};

#[derive(Serialize)]
pub(crate) struct Manifest<'a> {
    tool: Tool,
    generated_at: String,
    workspace: &'a str,
    period: PeriodRecord,
    inputs: &'a [InputRecord],
    totals: &'a Totals,
    targets: &'a TargetsSummary,
    units: Vec<UnitRecord<'a>>,
    coverage: Coverage,
    /// `null` when the inbox holds no catalogue.
    catalogues: Option<Catalogues>,
    /// `null` when the inbox holds no contact form.
    contacts: Option<Contacts>,
    problems: ProblemCounts,
    outputs: &'a [Output],
}

/// Which tool wrote a manifest.
#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    /// This build of zwgk.
    pub(crate) fn zwgk() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Serialize)]
struct PeriodRecord {
    label: String,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct UnitRecord<'a> {
    unit: &'a str,
    category: &'a str,
    target: Option<u32>,
    period_items: u32,
    ytd_items: u32,
    expected_ytd: Option<u32>,
    completion: Option<f64>,
    score: Option<f64>,
    /// `annual` (seed 001's rule on the whole year) or `pro_rata` (a projection to date).
    score_basis: crate::check::figures::ScoreBasis,
    standing: crate::check::figures::Standing,
}

impl<'a> From<&'a UnitFigures> for UnitRecord<'a> {
    fn from(u: &'a UnitFigures) -> Self {
        Self {
            unit: &u.unit,
            category: &u.category,
            target: u.target,
            period_items: u.period_items,
            ytd_items: u.ytd_items,
            expected_ytd: u.expected_ytd,
            completion: u.completion.map(|c| (c * 10_000.0).round() / 10_000.0),
            score: u.score,
            score_basis: u.score_basis,
            standing: u.standing,
        }
    }
}

#[derive(Serialize)]
struct Coverage {
    sections: usize,
    sections_updated: usize,
    sleeping: Vec<String>,
    units_without_submission: Vec<String>,
}

/// Coverage of the domains by catalogues.
#[derive(Serialize)]
struct Catalogues {
    /// Domains assigned to units or catalogued.
    domains: usize,
    /// Of those, domains with at least one matter.
    catalogued: usize,
    matters: usize,
    /// Matters with at least one problem.
    marked: usize,
    /// Matters whose domain could not be told.
    unplaced: usize,
    uncatalogued: Vec<&'static str>,
    /// Responsible units that sent no catalogue for a domain they answer for.
    missing: Vec<MissingCatalogue>,
}

#[derive(Serialize)]
struct MissingCatalogue {
    domain: &'static str,
    unit: String,
}

impl From<&crate::catalogue::Catalogue> for Catalogues {
    fn from(c: &crate::catalogue::Catalogue) -> Self {
        Self {
            domains: c.domains.len(),
            catalogued: c.domains.iter().filter(|d| d.matters > 0).count(),
            matters: c.matters.len(),
            marked: c.matters.iter().filter(|m| !m.marks.is_empty()).count(),
            unplaced: c.of(None).count(),
            uncatalogued: c.uncatalogued(),
            missing: c
                .domains
                .iter()
                .flat_map(|d| {
                    d.missing.iter().map(|u| MissingCatalogue {
                        domain: d.domain,
                        unit: u.clone(),
                    })
                })
                .collect(),
        }
    }
}

/// The contact register in figures.
#[derive(Serialize)]
struct Contacts {
    /// Units with a form that counts.
    units: usize,
    /// People listed on those forms.
    people: usize,
    /// Units that sent no form.
    missing: Vec<String>,
    /// Units whose forms cannot be ordered.
    unordered: Vec<String>,
}

impl From<&crate::contacts::Register> for Contacts {
    fn from(r: &crate::contacts::Register) -> Self {
        let mut unordered: Vec<String> = r
            .forms
            .iter()
            .filter(|f| f.standing == crate::contacts::Standing::Unordered)
            .map(|f| f.unit.clone())
            .collect();
        unordered.dedup();
        Self {
            units: r.units(),
            people: r.listed().map(|f| f.people.len()).sum(),
            missing: r.missing.clone(),
            unordered,
        }
    }
}

/// When a manifest is written: local time with its offset.
pub(crate) fn generated_at() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The problems of a run by severity and by code.
#[derive(Serialize)]
pub(crate) struct ProblemCounts {
    error: usize,
    warning: usize,
    info: usize,
    by_code: BTreeMap<&'static str, usize>,
}

impl ProblemCounts {
    /// The counts of `problems`.
    pub(crate) fn of(problems: &[crate::problems::Problem]) -> Self {
        let mut by_code = BTreeMap::new();
        for p in problems {
            *by_code.entry(p.code.id()).or_insert(0) += 1;
        }
        let count = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
        Self {
            error: count(Severity::Error),
            warning: count(Severity::Warning),
            info: count(Severity::Info),
            by_code,
        }
    }
}

/// A file the run wrote, with its hash.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Output {
    pub path: String,
    pub sha256: String,
}

/// Coverage from the sections table where there is one; units without a submission also
/// include units with a target that sent nothing this period.
fn coverage(outcome: &Outcome) -> Coverage {
    let summary = outcome.coverage.as_ref().map(|c| c.summary.clone());
    let missing = outcome.without_submission();
    Coverage {
        sections: summary.as_ref().map_or(0, |s| s.sections),
        sections_updated: summary.as_ref().map_or(0, |s| s.sections_updated),
        sleeping: summary.map(|s| s.sleeping).unwrap_or_default(),
        units_without_submission: missing,
    }
}

impl<'a> Manifest<'a> {
    /// The manifest of `outcome`, listing `outputs`.
    pub(crate) fn new(outcome: &'a Outcome, outputs: &'a [Output]) -> Self {
        Self {
            tool: Tool::zwgk(),
            generated_at: generated_at(),
            workspace: &outcome.workspace,
            period: PeriodRecord {
                label: outcome.period.to_string(),
                start: outcome.period.start().to_string(),
                end: outcome.period.end().to_string(),
            },
            inputs: &outcome.inputs,
            totals: &outcome.totals,
            targets: &outcome.targets,
            units: outcome.units.iter().map(UnitRecord::from).collect(),
            coverage: coverage(outcome),
            catalogues: outcome.catalogue.as_ref().map(Catalogues::from),
            contacts: outcome.contacts.as_ref().map(Contacts::from),
            problems: ProblemCounts::of(&outcome.problems),
            outputs,
        }
    }
}

/// Writes `manifest` at `path` atomically, keeping every top-level part of the manifest
/// already there that `manifest` does not write itself: `zwgk run --period <Y>` and
/// `zwgk assess --year <Y>` share `out/<Y>/manifest.json`, each replacing only its own
/// parts (`tool`, `generated_at` and `workspace` are the last writer's). A file that is
/// no JSON object keeps nothing: it is a damaged output of zwgk, not a record.
///
/// # Errors
/// [`WriteError::Io`] when the manifest there cannot be read or the new one written.
pub(crate) fn save(manifest: &impl Serialize, path: &Path) -> Result<(), WriteError> {
    /// The new parts in their declared order, then the kept ones.
    #[derive(Serialize)]
    struct Merged<'a, T: Serialize> {
        #[serde(flatten)]
        own: &'a T,
        #[serde(flatten)]
        kept: Map<String, Value>,
    }
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut kept = match std::fs::read(path) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Map::new(),
        Err(e) => return Err(io(e)),
    };
    let own = top_level_keys(manifest);
    kept.retain(|key, _| !own.contains(key));
    // Written as it is made: a province's manifest runs to a hundred megabytes.
    save_streamed(path, |out| {
        let merged = Merged {
            own: manifest,
            kept,
        };
        serde_json::to_writer_pretty(out, &merged).map_err(Into::into)
    })
}

/// The keys of the JSON object `value` serialises to, found as it is serialised into
/// nothing rather than by building it (a `serde_json::Value` of a province's manifest
/// takes hundreds of megabytes).
fn top_level_keys(value: &impl Serialize) -> HashSet<String> {
    /// Collects the keys written at the first level of objects.
    struct Keys<'a> {
        depth: usize,
        key: Option<String>,
        found: &'a mut HashSet<String>,
    }
    impl Formatter for Keys<'_> {
        fn begin_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
            self.depth += 1;
            Ok(())
        }
        fn end_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
            self.depth -= 1;
            Ok(())
        }
        fn begin_object_key<W: ?Sized + io::Write>(
            &mut self,
            _: &mut W,
            _: bool,
        ) -> io::Result<()> {
            if self.depth == 1 {
                self.key = Some(String::new());
            }
            Ok(())
        }
        fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
            if let Some(key) = self.key.take() {
                self.found.insert(key);
            }
            Ok(())
        }
        fn write_string_fragment<W: ?Sized + io::Write>(
            &mut self,
            _: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            if let Some(key) = &mut self.key {
                key.push_str(fragment);
            }
            Ok(())
        }
    }
    let mut found = HashSet::new();
    let keys = Keys {
        depth: 0,
        key: None,
        found: &mut found,
    };
    // Invariant: every manifest is a plain serde struct with string keys, which
    // serialises without error.
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(
        io::sink(),
        keys,
    ));
    found
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{save, top_level_keys};

    /// What a manifest of one command holds, for [`save`].
    #[derive(serde::Serialize)]
    struct Part {
        tool: &'static str,
        assessment: u32,
    }

    #[test]
    fn a_damaged_manifest_is_replaced_and_a_sound_one_keeps_the_other_commands_part() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.json");
        std::fs::write(&path, "{\"period\": ").unwrap();
        let part = Part {
            tool: "zwgk",
            assessment: 1,
        };
        save(&part, &path).unwrap();
        let read = || -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
        };
        assert_eq!(read(), json!({"tool": "zwgk", "assessment": 1}));

        let run = json!({"tool": "old", "period": {"label": "2021"}, "assessment": 0});
        std::fs::write(&path, run.to_string()).unwrap();
        save(&part, &path).unwrap();
        let expected = json!({"tool": "zwgk", "assessment": 1, "period": {"label": "2021"}});
        assert_eq!(read(), expected);
    }

    #[test]
    fn only_the_top_level_keys_are_the_manifests_own() {
        let value = json!({"tool": "zwgk", "coverage": {"period": 1, "units": [{"tool": 2}]}});
        let mut keys: Vec<String> = top_level_keys(&value).into_iter().collect();
        keys.sort();
        assert_eq!(keys, ["coverage", "tool"]);
    }
}
