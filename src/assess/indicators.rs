//! The indicator table (指标体系): 一级/二级/三级指标, 分值, 评分细则, 考核单位, 适用对象,
//! 数据来源 and 佐证要求, read from any layout the same ingest reads (merged 一级指标 cells,
//! a 一级分值 column, points written after a name). Rows that others extend are groups;
//! the rest are the indicators scored. Checked: children add up to their parent and the
//! top level to 100, for every category of object.

use std::collections::BTreeSet;

use super::values::{self, Points, Unreadable, category_key, indicator_name, points_of};
use crate::config::AssessmentSettings;
use crate::layout::Field;
use crate::normalise::frame::{Walk, WalkRow};
use crate::normalise::{Resolver, SourceTable};
use crate::problems::{Code, Place, Problem};

/// Where something was written: the file, the sheet and the cell meant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Spot {
    /// The workspace-relative path.
    pub(crate) file: String,
    /// The sheet.
    pub(crate) sheet: String,
    /// The cell.
    pub(crate) at: Place,
}

impl Spot {
    /// The cell in the 1-based `row` and the 0-based `col` of `table`.
    pub(crate) fn new(table: &SourceTable, row: u32, col: u32) -> Self {
        Self {
            file: table.file.to_string(),
            sheet: table.sheet.to_string(),
            at: Place::cell(row, col),
        }
    }

    /// A problem located here.
    pub(crate) fn problem(&self, code: Code, args: &[&str]) -> Problem {
        Problem::new(code, &self.file, args).at(&self.sheet, self.at)
    }

    /// `file / sheet / cell`, for messages that point at another place.
    pub(crate) fn shown(&self) -> String {
        format!("{} / {} / {}", self.file, self.sheet, self.at)
    }

    /// As a message at `here` points at it: the cell alone in the same sheet, else
    /// `file / sheet / cell`.
    pub(crate) fn shown_from(&self, here: &Spot) -> String {
        if self.file == here.file && self.sheet == here.sheet {
            self.at.to_string()
        } else {
            self.shown()
        }
    }
}

/// Who scores an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Assessor {
    /// 本办: the office itself (an empty 考核单位 too).
    Office,
    Unit(String),
    /// A name the units table does not know (reported once, at the table).
    Unknown(String),
}

impl Assessor {
    pub(crate) fn zh(&self) -> &str {
        match self {
            Self::Office => "本办",
            Self::Unit(u) | Self::Unknown(u) => u,
        }
    }
}

/// Where the run's own figures give the score (`数据来源`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// 目标任务: seed 001's target item, from the year's figures.
    Target,
    /// 栏目更新: the share of a unit's sections up to date at the year's end.
    Sections,
}

impl Source {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Target => "目标任务完成情况",
            Self::Sections => "栏目更新情况",
        }
    }
}

/// An indicator that is scored: a row no other row extends.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Indicator {
    /// Names from 一级 down, the indicator's own last.
    pub path: Vec<String>,
    pub points: Points,
    pub rule: Option<String>,
    pub assessor: Assessor,
    /// Category keys; empty means every category assessed by default.
    pub applies: Vec<String>,
    pub source: Option<Source>,
    /// What evidence a self-evaluation must link to, when the table asks for any.
    pub evidence: Option<String>,
    /// The row, at its 分值 cell.
    pub place: Spot,
}

impl Indicator {
    pub(crate) fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// The path joined by `/`: `政务公开工作开展情况/主要载体建设/门户网建设`.
    pub(crate) fn label(&self) -> String {
        self.path.join("/")
    }

    /// What its value is: points earned, or taken off for a deduction item.
    pub(crate) fn term(&self) -> &'static str {
        if self.points.deduction {
            "扣分"
        } else {
            "得分"
        }
    }

    /// What a missing value counts as: nothing earned, or nothing taken off.
    pub(crate) fn if_missing(&self) -> &'static str {
        if self.points.deduction {
            "不扣分"
        } else {
            "按 0 分计"
        }
    }
}

/// Points declared for a group of indicators (a 一级指标 and its children).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    pub path: Vec<String>,
    pub points: Points,
    pub applies: Vec<String>,
    pub place: Spot,
}

/// A table of indicators, as read (the reference table, or the 分值 of a score sheet).
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    pub leaves: Vec<Indicator>,
    pub groups: Vec<Group>,
}

/// The indicator table of the workspace, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Indicators {
    pub tree: Tree,
    /// The categories assessed (keys), in the order of the units table.
    pub categories: Vec<String>,
    /// The categories where an indicator's 适用对象 is empty.
    pub default_categories: Vec<String>,
}

/// What an indicator name in a score sheet turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    Leaf(usize),
    /// A group (its path): a score here is a subtotal, or 本办's 0 for the whole group.
    Group(Vec<String>),
    /// Several indicators of the category have the name.
    Ambiguous,
    /// Known, but not for this category.
    NotApplicable,
    Unknown,
}

impl Indicators {
    /// Whether indicator `i` applies to units of `category`.
    pub(crate) fn applies(&self, i: usize, category: &str) -> bool {
        let leaf = &self.tree.leaves[i];
        if leaf.applies.is_empty() {
            self.default_categories.iter().any(|c| c == category)
        } else {
            leaf.applies.iter().any(|c| c == category)
        }
    }

    /// The indicators of a category, in table order.
    pub(crate) fn of(&self, category: &str) -> Vec<usize> {
        (0..self.tree.leaves.len())
            .filter(|&i| self.applies(i, category))
            .collect()
    }

    /// The indicator of `category` named `name`, under an ancestor named `parent` when
    /// one is given.
    pub(crate) fn find(&self, category: &str, parent: Option<&str>, name: &str) -> Found {
        let under = |i: &usize| {
            let path = &self.tree.leaves[*i].path;
            parent.is_none_or(|p| path[..path.len() - 1].iter().any(|a| a == p))
        };
        let own = self.of(category);
        let leaves: Vec<usize> = own
            .iter()
            .copied()
            .filter(under)
            .filter(|&i| self.tree.leaves[i].name() == name)
            .collect();
        match leaves[..] {
            [i] => return Found::Leaf(i),
            [_, _, ..] => return Found::Ambiguous,
            [] => {}
        }
        let group = own.iter().copied().filter(under).find_map(|i| {
            let path = &self.tree.leaves[i].path;
            let at = path[..path.len() - 1].iter().position(|n| n == name)?;
            Some(path[..=at].to_vec())
        });
        if let Some(path) = group {
            return Found::Group(path);
        }
        let anywhere = self
            .tree
            .leaves
            .iter()
            .any(|l| l.path.iter().any(|n| n == name));
        if anywhere {
            Found::NotApplicable
        } else {
            Found::Unknown
        }
    }

    /// The one indicator of any category named `name`, under an ancestor named `parent`
    /// when one is given.
    pub(crate) fn find_any(&self, parent: Option<&str>, name: &str) -> Option<usize> {
        let mut named = (0..self.tree.leaves.len()).filter(|&i| {
            let path = &self.tree.leaves[i].path;
            let under = parent.is_none_or(|p| path[..path.len() - 1].iter().any(|a| a == p));
            under && self.tree.leaves[i].name() == name
        });
        let first = named.next();
        first.filter(|_| named.next().is_none())
    }

    /// Up to three indicator names of `category` for an unknown `name`: first those whose
    /// names hold a key word of it (村务公开 → 乡镇(街道)和村务(社区)政务公开), then those
    /// whose 评分细则 mention one (疫苗接种信息公开 → a rule on 疫苗接种), then those whose
    /// names are closest to it.
    pub(crate) fn suggestion(&self, category: &str, name: &str) -> Option<String> {
        let leaves: Vec<&Indicator> = self
            .of(category)
            .into_iter()
            .map(|i| &self.tree.leaves[i])
            .collect();
        let keys = key_words(name);
        let says = |text: &str| keys.iter().any(|k| text.contains(k.as_str()));
        let named = leaves.iter().filter(|l| says(l.name()));
        let mentioned = leaves
            .iter()
            .filter(|l| says(l.rule.as_deref().unwrap_or_default()));
        let mut scored: Vec<(f64, &str)> = leaves
            .iter()
            .map(|l| {
                (
                    crate::normalise::units::similarity(name, l.name()),
                    l.name(),
                )
            })
            .filter(|(s, _)| *s >= 0.3)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut close: Vec<&str> = Vec::new();
        for n in (named.chain(mentioned))
            .map(|l| l.name())
            .chain(scored.into_iter().map(|s| s.1))
        {
            if !close.contains(&n) && close.len() < 3 {
                close.push(n);
            }
        }
        (!close.is_empty()).then(|| format!("最接近的指标：{}", close.join("、")))
    }

    /// The declared or summed points of the top-level groups of a category.
    pub(crate) fn total_points(&self, category: &str) -> f64 {
        let leaves = self.of(category);
        values::round2(
            top_names(&self.tree, &leaves)
                .iter()
                .filter_map(|n| node_points(&self.tree, &leaves, category, std::slice::from_ref(n)))
                .sum(),
        )
    }
}

/// Words that say nothing of what an indicator is about; longer ones first.
const GENERIC_WORDS: [&str; 6] = ["信息公开", "公开", "信息", "情况", "工作", "专栏"];

/// The key words of an indicator name: what is left between its generic words and
/// punctuation, in runs of two characters or more (疫苗接种信息公开 → 疫苗接种).
fn key_words(name: &str) -> Vec<String> {
    let mut text = name.to_string();
    for word in GENERIC_WORDS {
        text = text.replace(word, " ");
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect()
}

/// One row of an indicator table, as written.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// 1-based sheet row.
    pub row: u32,
    /// Names from 一级 down, with the points written after each and its column.
    pub names: Vec<(String, Option<Points>, u32)>,
    /// The 分值 cell: its points, or the text that is none.
    pub points: Option<(Result<Points, Unreadable>, u32)>,
    /// The 一级分值 cell: its points, or the text that is none.
    pub level1_points: Option<(Result<Points, Unreadable>, u32)>,
    /// The 适用对象 cell as category keys, with its text and column.
    pub applies: Option<(Vec<String>, String, u32)>,
}

/// The fields that name an indicator, 一级 first.
const NAME_FIELDS: [Field; 4] = [
    Field::Indicator1,
    Field::Indicator2,
    Field::Indicator3,
    Field::Indicator,
];

/// The names and points of a row.
pub(crate) fn row_of(record: WalkRow) -> Row {
    let names = NAME_FIELDS
        .iter()
        .filter_map(|f| Some((record.text(*f)?, record.col(*f)?)))
        .filter_map(|(text, col)| {
            let (name, points) = indicator_name(text)?;
            Some((name, points, col))
        })
        .collect();
    let points_at = |f| {
        let (col, cell) = record.cell(f)?;
        points_of(&cell).map(|p| (p, col))
    };
    Row {
        row: record.row(),
        names,
        points: points_at(Field::Points),
        level1_points: points_at(Field::Level1Points),
        applies: text_at(record, Field::Applies).map(|(t, col)| (categories_in(&t), t, col)),
    }
}

/// Gives each row the names of the row above in the columns left of its own first name:
/// an 一级指标 written once over its 二级指标, the cells below it left blank rather
/// than merged, is theirs as a merged cell would be.
pub(crate) fn fill_down(rows: &mut [(Row, WalkRow)]) {
    let mut above: Vec<(String, u32)> = Vec::new();
    for (row, _) in rows.iter_mut() {
        let Some(&(_, _, first)) = row.names.first() else {
            continue;
        };
        let inherited = (above.iter()).filter(|(_, col)| *col < first);
        let inherited: Vec<_> = inherited.map(|(n, col)| (n.clone(), None, *col)).collect();
        row.names.splice(0..0, inherited);
        above = (row.names.iter())
            .map(|(n, _, col)| (n.clone(), *col))
            .collect();
    }
}

/// The text of the name in column `col` of a row, as the sheet writes it (trimmed): the
/// original value a problem about the name shows.
pub(crate) fn written_at(record: WalkRow<'_>, col: u32) -> Option<&str> {
    let field = NAME_FIELDS.iter().find(|f| record.col(**f) == Some(col))?;
    record.text(*field)
}

/// A row's cleaned text in `field`, with its column.
pub(crate) fn text_at(record: WalkRow, field: Field) -> Option<(String, u32)> {
    Some((record.text(field)?.to_string(), record.col(field)?))
}

/// Reads the indicator table: its tree, checked against the units and settings, with the
/// rows read and rejected.
/// `outside` knows the 考核单位 that are not units (`[assessment] assessors`).
pub(crate) fn load(
    table: &SourceTable,
    walk: &Walk,
    resolver: &Resolver,
    outside: &Resolver,
    settings: &AssessmentSettings,
) -> (Indicators, Vec<Problem>, usize) {
    let known: Vec<String> = unit_categories(resolver);
    let mut rows: Vec<(Row, WalkRow)> = walk.iter().map(|r| (row_of(r), r)).collect();
    fill_down(&mut rows);
    let (mut tree, leaf_rows, rejected, mut problems) = build(table, &rows);
    let names = (resolver, outside);
    for (leaf, &r) in tree.leaves.iter_mut().zip(&leaf_rows) {
        let (row, record) = (&rows[r].0, rows[r].1);
        let at = |col| Spot::new(table, record.row(), col);
        problems.extend(attributes(leaf, row, record, names, &known, &at));
    }
    let default_categories: Vec<String> = match &settings.categories {
        Some(list) => list.iter().map(|c| category_key(c)).collect(),
        None => known.clone(),
    };
    let categories = assessed(&known, &default_categories, &tree.leaves);
    let mut indicators = Indicators {
        tree: Tree::default(),
        categories,
        default_categories,
    };
    problems.extend(drop_duplicates(&mut tree, &indicators));
    indicators.tree = tree;
    problems.extend(check(&indicators.tree, &indicators, true));
    (indicators, problems, rejected)
}

/// A leaf's 考核单位, 适用对象, 数据来源, 评分细则 and 佐证要求, from its record.
fn attributes(
    leaf: &mut Indicator,
    row: &Row,
    record: WalkRow,
    (resolver, outside): (&Resolver, &Resolver),
    known: &[String],
    at: &dyn Fn(u32) -> Spot,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some((text, col)) = text_at(record, Field::Assessor) {
        leaf.assessor = assessor(&text, resolver, outside);
        if let Assessor::Unknown(name) = &leaf.assessor {
            let p = at(col).problem(Code::UnknownAssessor, &[name]).value(&text);
            problems.push(p.suggest_opt(resolver.suggestion(name)));
        }
    }
    if let Some((_, text, col)) = &row.applies {
        for c in leaf.applies.iter().filter(|c| !known.contains(c)) {
            let p = at(*col).problem(Code::UnknownCategory, &[c, &known.join("、")]);
            problems.push(p.value(text));
        }
        leaf.applies.retain(|c| known.contains(c));
    }
    if let Some((text, col)) = text_at(record, Field::DataSource) {
        leaf.source = source(&text);
        if leaf.source.is_none() {
            problems.push(at(col).problem(Code::BadDataSource, &[&text]).value(&text));
        }
    }
    leaf.rule = text_at(record, Field::Rule).map(|(t, _)| t);
    leaf.evidence = text_at(record, Field::Evidence)
        .map(|(t, _)| t)
        .filter(|t| !["否", "无", "不需要", "—", "/"].contains(&t.as_str()));
    problems
}

/// The categories assessed: those an indicator names, and the default ones where an
/// indicator names none; in the order of the units table.
fn assessed(known: &[String], default: &[String], leaves: &[Indicator]) -> Vec<String> {
    let named: BTreeSet<&String> = leaves.iter().flat_map(|l| &l.applies).collect();
    let any_default = leaves.iter().any(|l| l.applies.is_empty());
    known
        .iter()
        .filter(|c| named.contains(c) || (any_default && default.contains(c)))
        .cloned()
        .collect()
}

/// The categories of the units table (keys), in order of first appearance.
fn unit_categories(resolver: &Resolver) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for u in resolver.units() {
        let key = category_key(&u.category);
        if !key.is_empty() && !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

/// Whether a name (cleaned, simplified) means the office itself.
pub(crate) fn is_office(name: &str) -> bool {
    ["本办", "本单位", "—", "/"].contains(&name)
}

/// `乡镇、街道`, `县直，开发区`: category keys.
fn categories_in(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；', ';', '/', '／'])
        .map(category_key)
        .filter(|c| !c.is_empty())
        .collect()
}

fn assessor(text: &str, resolver: &Resolver, outside: &Resolver) -> Assessor {
    let name = category_key(text);
    if is_office(&name) {
        return Assessor::Office;
    }
    match resolver.resolve(&name).or_else(|| outside.resolve(&name)) {
        Some(u) => Assessor::Unit(u.to_string()),
        None => Assessor::Unknown(text.to_string()),
    }
}

fn source(text: &str) -> Option<Source> {
    let key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if key.starts_with("目标任务") {
        Some(Source::Target)
    } else if key.starts_with("栏目更新") {
        Some(Source::Sections)
    } else {
        None
    }
}

fn path_of(row: &Row) -> Vec<&str> {
    row.names.iter().map(|(n, _, _)| n.as_str()).collect()
}

/// Whether another path goes on below `path`.
fn extended(path: &[&str], all: &[Vec<&str>]) -> bool {
    all.iter()
        .any(|o| o.len() > path.len() && o.starts_with(path))
}

/// What [`build`] makes of rows: the tree, the row of each leaf, how many rows were
/// rejected (no name, or no points) and the problems met.
type Built = (Tree, Vec<usize>, usize, Vec<Problem>);

/// The leaves and group points of rows. Leaves keep the default assessor (本办).
pub(crate) fn build(table: &SourceTable, rows: &[(Row, WalkRow)]) -> Built {
    let paths: Vec<Vec<&str>> = rows.iter().map(|(r, _)| path_of(r)).collect();
    let mut tree = Tree::default();
    let mut leaf_rows = Vec::new();
    let mut problems = Vec::new();
    let mut rejected = 0;
    for (r, ((row, _), path)) in rows.iter().zip(&paths).enumerate() {
        let at = |col| Spot::new(table, row.row, col);
        if path.is_empty() {
            if let Some((_, col)) = &row.points {
                rejected += 1;
                problems.push(at(*col).problem(Code::MissingIndicatorName, &[]));
            }
            continue;
        }
        let owned: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        let is_group = extended(path, &paths);
        let points = RowPoints::of(row, path.len(), is_group, &at, &mut problems);
        let applies = row.applies.as_ref().map_or_else(Vec::new, |a| a.0.clone());
        for (depth, p, place) in points.groups {
            problems.extend(declare(&mut tree, &owned[..depth], p, &applies, place));
        }
        if is_group {
            continue;
        }
        let Some(value) = points.own else {
            if row.points.is_none() {
                problems.push(at(points.col).problem(Code::BadPoints, &[""]));
            }
            rejected += 1;
            continue;
        };
        leaf_rows.push(r);
        tree.leaves.push(Indicator {
            path: owned,
            points: value,
            rule: None,
            assessor: Assessor::Office,
            applies,
            source: None,
            evidence: None,
            place: at(points.col),
        });
    }
    (tree, leaf_rows, rejected, problems)
}

/// The points a row gives: its indicator's own, and those of the groups above it.
struct RowPoints {
    own: Option<Points>,
    /// The column of the row's 分值 (its first name's when it has none).
    col: u32,
    /// (depth of the group's path, points, cell).
    groups: Vec<(usize, Points, Spot)>,
}

impl RowPoints {
    /// `depth` is the row's path length; a `group` row's own points are its group's.
    fn of(
        row: &Row,
        depth: usize,
        group: bool,
        at: &dyn Fn(u32) -> Spot,
        problems: &mut Vec<Problem>,
    ) -> Self {
        let mut parse = |cell: &Option<(Result<Points, Unreadable>, u32)>| match cell {
            Some((Ok(p), col)) => Some((*p, *col)),
            Some((Err(Unreadable(raw)), col)) => {
                problems.push(at(*col).problem(Code::BadPoints, &[raw]).value(raw));
                None
            }
            None => None,
        };
        let written = parse(&row.points);
        let level1 = parse(&row.level1_points);
        let col = row
            .points
            .as_ref()
            .map_or(row.names.first().map_or(0, |n| n.2), |p| p.1);
        let mut own = match (&row.points, written) {
            (Some(_), w) => w.map(|w| w.0),
            (None, _) => row.names.last().and_then(|n| n.1),
        };
        // Points written after an upper name, and the 一级分值 column, are a group's.
        let mut groups: Vec<(usize, Points, Spot)> = row
            .names
            .iter()
            .enumerate()
            .filter(|(d, _)| d + 1 < depth)
            .filter_map(|(d, (_, p, c))| p.map(|p| (d + 1, p, at(*c))))
            .collect();
        match level1 {
            Some((p, c)) if depth > 1 => groups.push((1, p, at(c))),
            Some((p, _)) if own.is_none() => own = Some(p),
            _ => {}
        }
        if group {
            groups.extend(own.take().map(|p| (depth, p, at(col))));
        }
        Self { own, col, groups }
    }
}

/// Records the points of a group for the categories `applies` (all when empty): the same
/// declaration repeated (a merged cell copied down) counts once; different points for
/// a category that an earlier declaration covers are a problem, and the first stands.
fn declare(
    tree: &mut Tree,
    path: &[String],
    points: Points,
    applies: &[String],
    place: Spot,
) -> Option<Problem> {
    let overlaps = |g: &Group| {
        g.applies.is_empty() || applies.is_empty() || g.applies.iter().any(|c| applies.contains(c))
    };
    match tree.groups.iter().find(|g| g.path == path && overlaps(g)) {
        Some(g) if g.points == points => None,
        Some(g) => {
            let row = g.place.at.row.to_string();
            Some(place.problem(Code::DuplicateIndicator, &[&path.join("/"), &row]))
        }
        None => {
            tree.groups.push(Group {
                path: path.to_vec(),
                points,
                applies: applies.to_vec(),
                place,
            });
            None
        }
    }
}

/// The weights of every category: each group's children add up to its declared points;
/// for the `whole` table also the top level adding up to 100 (a score sheet may show
/// part of the table).
pub(crate) fn check(tree: &Tree, scope: &Indicators, whole: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    for category in &scope.categories {
        let leaves: Vec<usize> = (0..tree.leaves.len())
            .filter(|&i| applies_in(tree, scope, i, category))
            .collect();
        if leaves.is_empty() {
            continue;
        }
        // A score sheet's own copy of the weights is the sender's to mend, not the table's.
        let code = match whole {
            true => Code::WeightsMismatch,
            false => Code::SheetWeightsMismatch,
        };
        problems.extend(group_sums(tree, &leaves, category, code));
        if !whole {
            continue;
        }
        let tops = top_names(tree, &leaves);
        let sum: f64 = tops
            .iter()
            .filter_map(|n| node_points(tree, &leaves, category, std::slice::from_ref(n)))
            .sum();
        if !values::same(sum, 100.0) {
            let place = declared(tree, category, &[tops[0].clone()])
                .map_or(&tree.leaves[leaves[0]].place, |g| &g.place);
            problems.push(place.problem(Code::TopLevelNot100, &[category, &values::number(sum)]));
        }
    }
    problems
}

fn applies_in(tree: &Tree, scope: &Indicators, i: usize, category: &str) -> bool {
    let leaf = &tree.leaves[i];
    if leaf.applies.is_empty() {
        scope.default_categories.iter().any(|c| c == category)
    } else {
        leaf.applies.iter().any(|c| c == category)
    }
}

/// Drops every indicator with the path of an earlier one for a category they share,
/// reporting each: the first stands.
fn drop_duplicates(tree: &mut Tree, scope: &Indicators) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut keep = vec![true; tree.leaves.len()];
    for (i, leaf) in tree.leaves.iter().enumerate() {
        let earlier = tree.leaves[..i].iter().enumerate().find(|(j, other)| {
            other.path == leaf.path
                && scope
                    .categories
                    .iter()
                    .any(|c| applies_in(tree, scope, i, c) && applies_in(tree, scope, *j, c))
        });
        if let Some((_, other)) = earlier {
            keep[i] = false;
            let row = other.place.at.row.to_string();
            problems.push(
                leaf.place
                    .problem(Code::DuplicateIndicator, &[&leaf.label(), &row]),
            );
        }
    }
    let mut kept = keep.into_iter();
    tree.leaves.retain(|_| kept.next().unwrap_or(true));
    problems
}

/// The distinct 一级 names of some leaves, in order.
fn top_names(tree: &Tree, leaves: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in leaves {
        let name = &tree.leaves[i].path[0];
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// The group declaration of `path` that applies to `category`.
fn declared<'a>(tree: &'a Tree, category: &str, path: &[String]) -> Option<&'a Group> {
    tree.groups.iter().find(|g| {
        g.path == path && (g.applies.is_empty() || g.applies.iter().any(|c| c == category))
    })
}

/// A node's points in a category: a leaf's own (none for a deduction item), a group's
/// declared points, else the sum of its children; `None` for deductions only.
fn node_points(tree: &Tree, leaves: &[usize], category: &str, path: &[String]) -> Option<f64> {
    if let Some(&i) = leaves.iter().find(|&&i| tree.leaves[i].path == path) {
        let p = tree.leaves[i].points;
        return (!p.deduction).then_some(p.value);
    }
    if let Some(g) = declared(tree, category, path) {
        return (!g.points.deduction).then_some(g.points.value);
    }
    children_sum(tree, leaves, category, path)
}

/// The sum of the points of a group's children in a category; `None` when none counts.
fn children_sum(tree: &Tree, leaves: &[usize], category: &str, path: &[String]) -> Option<f64> {
    let mut children: Vec<Vec<String>> = Vec::new();
    for &i in leaves {
        let p = &tree.leaves[i].path;
        if p.len() > path.len() && p.starts_with(path) {
            let child = p[..=path.len()].to_vec();
            if !children.contains(&child) {
                children.push(child);
            }
        }
    }
    let points: Vec<f64> = children
        .iter()
        .filter_map(|c| node_points(tree, leaves, category, c))
        .collect();
    (!points.is_empty()).then(|| points.iter().sum())
}

/// Every declared group of a category whose children do not add up to it, as `code`.
fn group_sums(tree: &Tree, leaves: &[usize], category: &str, code: Code) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: Vec<&[String]> = Vec::new();
    for &i in leaves {
        let path = &tree.leaves[i].path;
        for depth in 1..path.len() {
            let prefix = &path[..depth];
            if seen.contains(&prefix) {
                continue;
            }
            seen.push(prefix);
            let Some(group) = declared(tree, category, prefix) else {
                continue;
            };
            let Some(sum) = children_sum(tree, leaves, category, prefix) else {
                continue;
            };
            if !group.points.deduction && !values::same(sum, group.points.value) {
                let unit = if group.points.percent { "%" } else { "分" };
                problems.push(group.place.problem(
                    code,
                    &[
                        &prefix.join("/"),
                        category,
                        &group.points.shown(),
                        &format!("{}{unit}", values::number(sum)),
                    ],
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::key_words;

    #[test]
    fn key_words_leave_out_generic_words_and_single_characters() {
        assert_eq!(key_words("疫苗接种信息公开"), ["疫苗接种"]);
        assert_eq!(
            key_words("（四）常态化疫情防控信息公开。"),
            ["常态化疫情防控"]
        );
        assert_eq!(key_words("规划、计划信息公开"), ["规划", "计划"]);
        assert!(key_words("信息公开工作").is_empty());
    }
}
