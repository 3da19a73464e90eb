//! Multi-area groupings: how a grouping of areas (councils) fits each service's bodies,
//! and a search for good groupings.
//!
//! **Scores.** For a grouping G (a set of areas) and the bodies of one kind K that overlap
//! it, with overlaps `O_b = Σ w·min(g, b)`:
//!
//! * the *class* follows [`super::coterminosity`]: coterminous with one body; nests inside
//!   one body; contains several, edges aligned (every overlapping body lies inside G); or
//!   misaligned;
//! * the *weighted index* is the weighted Jaccard of G with its best-matching body of K;
//! * the *alignment* is `1 − Σ_b cut_b / |G|`, where a body that G cuts (neither nests in
//!   G nor contains it) costs the people on the smaller side of the cut,
//!   `cut_b = min(O_b, |b| − O_b)`. It is 1 for the three aligned classes and falls as more
//!   people end up split. It is what [`suggest`] maximises.
//!
//! **Suggestions.** Partition the chosen areas into groups within a population band (or
//! into exactly k groups), maximising `Σ_groups Σ_kinds pop(g)·alignment_K(g)`. Up to
//! [`EXACT_LIMIT`] areas every set partition is enumerated (pruned by the band), which is
//! optimal. Above that, a greedy merge from single areas followed by local search (moving
//! one area, or swapping two) from several deterministic starts. The tests compare it with
//! the exhaustive search on random small cases.

use super::contiguity::Adjacency;
use super::coterminosity::{classify, merge, Relation};
use crate::index::{AreaIx, Model};
use crate::model::BodyKind;
use serde::Serialize;

/// Largest number of areas searched exhaustively.
pub const EXACT_LIMIT: usize = 10;

/// One body of a kind, as the grouping splits it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodySplit {
    /// Body index.
    pub body: usize,
    /// People of the body inside the grouping.
    pub inside: f64,
    /// People of the body outside it.
    pub outside: f64,
    /// How the grouping relates to this body.
    pub relation: Relation,
}

/// How a grouping fits one kind of body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindFit {
    /// The kind.
    pub kind: BodyKind,
    /// The class.
    pub relation: Relation,
    /// Weighted Jaccard with the best-matching body (0 when none overlaps).
    pub index: f64,
    /// 1 − people in cut bodies' smaller parts / people in the grouping.
    pub alignment: f64,
    /// The bodies it touches.
    pub bodies: Vec<BodySplit>,
}

/// A grouping's footprint: each area wholly.
fn cells(areas: &[AreaIx]) -> Vec<(AreaIx, f64)> {
    let mut c: Vec<(AreaIx, f64)> = areas.iter().map(|&a| (a, 1.0)).collect();
    c.sort_by_key(|x| x.0);
    c.dedup_by_key(|x| x.0);
    c
}

fn weight(model: &Model, x: AreaIx) -> f64 {
    model.population(x).unwrap_or(1.0)
}

/// People in a set of areas (areas without a population count as 1).
pub fn population(model: &Model, areas: &[AreaIx]) -> f64 {
    cells(areas).iter().map(|&(x, _)| weight(model, x)).sum()
}

/// How grouping `areas` fits the bodies of `kind`.
///
/// ```
/// use pmap_core::{load, analysis::grouping::fit, analysis::coterminosity::Relation, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100},{"code":"E3","name":"C","population":100}],
///   "bodies":[{"id":"p1","name":"P1","kind":"police_force","covers":["E1","E2"]},
///             {"id":"p2","name":"P2","kind":"police_force","covers":["E3"]}]}"#).unwrap().model;
/// let f = fit(&m, &[0, 1], &BodyKind::PoliceForce);
/// assert_eq!(f.relation, Relation::Coterminous);
/// assert_eq!(f.alignment, 1.0);
/// let g = fit(&m, &[1, 2], &BodyKind::PoliceForce);   // cuts P1 in half
/// assert_eq!(g.relation, Relation::Misaligned);
/// assert_eq!(g.alignment, 0.5);
/// ```
pub fn fit(model: &Model, areas: &[AreaIx], kind: &BodyKind) -> KindFit {
    let tol = model.tolerance();
    let g = cells(areas);
    let gsize: f64 = g.iter().map(|&(x, _)| weight(model, x)).sum();
    let mut bodies = Vec::new();
    let mut best = 0.0f64;
    let mut cut = 0.0;
    for (i, b) in model.bodies().iter().enumerate() {
        if &b.kind != kind {
            continue;
        }
        let fb = model.footprint(i);
        let (mut both, mut bsize, mut either) = (0.0, 0.0, 0.0);
        merge(&g, fb, |x, sg, sb| {
            let w = weight(model, x);
            both += w * sg.min(sb);
            bsize += w * sb;
            either += w * sg.max(sb);
        });
        if both <= tol * gsize.min(bsize) || both == 0.0 {
            continue;
        }
        best = best.max(if either > 0.0 { both / either } else { 0.0 });
        let relation = classify(both / gsize.max(1e-9), both / bsize.max(1e-9), tol);
        if relation == Relation::Misaligned {
            cut += both.min(bsize - both);
        }
        bodies.push(BodySplit {
            body: i,
            inside: both,
            outside: (bsize - both).max(0.0),
            relation,
        });
    }
    let relation = match bodies.as_slice() {
        [] => Relation::Disjoint,
        [one] => one.relation,
        many if many
            .iter()
            .all(|b| matches!(b.relation, Relation::Contains | Relation::Coterminous)) =>
        {
            Relation::ContainsSeveral
        }
        _ => Relation::Misaligned,
    };
    let alignment = if gsize > 0.0 {
        (1.0 - cut / gsize).clamp(0.0, 1.0)
    } else {
        0.0
    };
    KindFit {
        kind: kind.clone(),
        relation,
        index: best,
        alignment,
        bodies,
    }
}

/// The kinds a grouping is scored against by default: the service-area kinds present.
pub fn service_kinds(model: &Model) -> Vec<BodyKind> {
    let mut k: Vec<BodyKind> = model
        .bodies()
        .iter()
        .map(|b| b.kind.clone())
        .filter(|k| {
            super::splits::is_service_area_kind(k) && k.sector() != crate::model::Sector::Council
        })
        .collect();
    k.sort();
    k.dedup();
    k
}

/// Constraints on suggested groupings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Smallest population of a group (0 = none).
    pub min: f64,
    /// Largest population of a group (infinity = none).
    pub max: f64,
    /// Exactly this many groups, when set.
    pub groups: Option<usize>,
}

fn group_value(model: &Model, g: &[AreaIx], kinds: &[BodyKind]) -> f64 {
    let pop = population(model, g);
    kinds.iter().map(|k| pop * fit(model, g, k).alignment).sum()
}

fn normalise(total_pop: f64, kinds: &[BodyKind], total: f64) -> f64 {
    let denom = total_pop * kinds.len().max(1) as f64;
    if denom > 0.0 {
        total / denom
    } else {
        0.0
    }
}

/// How a suggestion treated contiguity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contiguity {
    /// Every group had to be contiguous.
    Enforced,
    /// Adjacency is known but groups were allowed to be in pieces.
    NotEnforced,
    /// The map has neither boundaries nor `neighbours` links: not checked.
    Unknown,
}

impl Contiguity {
    /// `enforced`, `not enforced` or `unknown`.
    pub fn label(self) -> &'static str {
        match self {
            Contiguity::Enforced => "enforced",
            Contiguity::NotEnforced => "not enforced",
            Contiguity::Unknown => "unknown",
        }
    }
}

/// A suggested partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The groups (area indices, sorted).
    pub groups: Vec<Vec<AreaIx>>,
    /// Σ_groups Σ_kinds pop·alignment / (pop·kinds), 0..=1.
    pub score: f64,
    /// True when found by exhaustive search (so optimal).
    pub exact: bool,
    /// For each group, whether it is contiguous (`None` when adjacency is unknown).
    pub contiguous: Vec<Option<bool>>,
    /// Whether contiguity was enforced, allowed to lapse, or unknown.
    pub contiguity: Contiguity,
    /// False when the search was cancelled: the best found so far.
    pub complete: bool,
}

/// Which search [`suggest_with`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Exhaustive up to [`EXACT_LIMIT`] areas, [`super::regions::search`] above.
    Auto,
    /// Always exhaustive (optimal; `O(Bell(n))`).
    Exhaustive,
    /// Always the regionalisation search.
    Search,
}

/// Options for [`suggest_with`].
#[derive(Debug, Clone, Copy)]
pub struct SuggestOptions<'a> {
    /// The population band and number of groups.
    pub band: Band,
    /// Let groups be in pieces (default false: every group contiguous).
    pub allow_noncontiguous: bool,
    /// The map's adjacency, when already computed (else it is computed from the model).
    pub adjacency: Option<&'a Adjacency>,
    /// The search.
    pub method: Method,
    /// Seed of the search's random choices.
    pub seed: u64,
}

impl SuggestOptions<'_> {
    /// Contiguous groups within `band`, automatic method, seed 1.
    pub fn new(band: Band) -> Self {
        SuggestOptions {
            band,
            allow_noncontiguous: false,
            adjacency: None,
            method: Method::Auto,
            seed: 1,
        }
    }
}

/// The objective the searches maximise: the normalised score of a whole assignment
/// (`assign[i]` = group of `areas[i]`), with each group's value memoised.
fn objective<'a>(
    model: &'a Model,
    areas: &'a [AreaIx],
    kinds: &'a [BodyKind],
) -> impl Fn(&[usize]) -> f64 + 'a {
    let memo = std::cell::RefCell::new(std::collections::HashMap::<Vec<AreaIx>, f64>::new());
    let total_pop = population(model, areas);
    move |assign: &[usize]| {
        let k = assign.iter().max().map_or(0, |m| m + 1);
        let mut groups: Vec<Vec<AreaIx>> = vec![Vec::new(); k];
        for (i, &g) in assign.iter().enumerate() {
            groups[g].push(areas[i]);
        }
        let mut memo = memo.borrow_mut();
        let total: f64 = groups
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|g| {
                if let Some(&v) = memo.get(&g) {
                    return v;
                }
                let v = group_value(model, &g, kinds);
                memo.insert(g, v);
                v
            })
            .sum();
        normalise(total_pop, kinds, total)
    }
}

/// Suggests a partition of `areas` into contiguous groups within `band`, maximising
/// alignment with `kinds`: [`suggest_with`] with [`SuggestOptions::new`].
///
/// ```
/// use pmap_core::{load, analysis::grouping::{suggest, Band, Contiguity}, model::BodyKind};
/// // Two police forces: {A, B} and {C, D}. The best pair of groups follows them.
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100},
///            {"code":"E3","name":"C","population":100},{"code":"E4","name":"D","population":100}],
///   "bodies":[{"id":"p1","name":"P1","kind":"police_force","covers":["E1","E2"]},
///             {"id":"p2","name":"P2","kind":"police_force","covers":["E3","E4"]}]}"#).unwrap().model;
/// let s = suggest(&m, &[0, 1, 2, 3], &[BodyKind::PoliceForce], &Band { min: 0.0, max: f64::INFINITY, groups: Some(2) }).unwrap();
/// assert_eq!(s.groups, vec![vec![0, 1], vec![2, 3]]);
/// assert_eq!(s.score, 1.0);
/// assert!(s.exact);
/// assert_eq!(s.contiguity, Contiguity::Unknown);   // no boundaries, no links
/// assert_eq!(s.contiguous, vec![None, None]);
/// ```
pub fn suggest(
    model: &Model,
    areas: &[AreaIx],
    kinds: &[BodyKind],
    band: &Band,
) -> Option<Suggestion> {
    suggest_with(
        model,
        areas,
        kinds,
        &SuggestOptions::new(*band),
        &mut |_| true,
    )
}

/// Suggests a partition of `areas` into groups within `opts.band`, maximising alignment
/// with `kinds`: exhaustive search up to [`EXACT_LIMIT`] areas (optimal), the
/// regionalisation search of [`super::regions`] above. Groups are contiguous unless
/// `opts.allow_noncontiguous` or the map has no adjacency (then the result says
/// [`Contiguity::Unknown`]).
///
/// `progress(fraction)` is called regularly; returning `false` cancels, and the best
/// partition found so far is returned (with `complete: false`), or `None` if none was.
/// `None` also when no partition satisfies the band (and contiguity).
pub fn suggest_with(
    model: &Model,
    areas: &[AreaIx],
    kinds: &[BodyKind],
    opts: &SuggestOptions,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Suggestion> {
    let mut areas: Vec<AreaIx> = areas.to_vec();
    areas.sort_unstable();
    areas.dedup();
    if areas.is_empty() {
        return None;
    }
    let computed;
    let full = match opts.adjacency {
        Some(a) => a,
        None => {
            computed = Adjacency::of(model);
            &computed
        }
    };
    let local = full.restrict(&areas);
    let contiguity = if !full.known() {
        Contiguity::Unknown
    } else if opts.allow_noncontiguous {
        Contiguity::NotEnforced
    } else {
        Contiguity::Enforced
    };
    let pop: Vec<f64> = areas.iter().map(|&a| weight(model, a)).collect();
    let problem = super::regions::Problem {
        pop: &pop,
        adj: full.known().then_some(&local),
        enforce: contiguity == Contiguity::Enforced,
        band: opts.band,
    };
    let f = objective(model, &areas, kinds);
    let exact = match opts.method {
        Method::Auto => areas.len() <= EXACT_LIMIT,
        Method::Exhaustive => true,
        Method::Search => false,
    };
    let found = if exact {
        super::regions::exhaustive(&problem, &f, progress)
    } else {
        super::regions::search(&problem, &f, opts.seed, progress)
    }?;
    let groups: Vec<Vec<AreaIx>> = sorted(
        found
            .groups()
            .into_iter()
            .map(|g| g.into_iter().map(|i| areas[i]).collect())
            .collect(),
    );
    Some(Suggestion {
        contiguous: groups.iter().map(|g| full.contiguity(g)).collect(),
        groups,
        score: found.value,
        exact: exact && found.complete,
        contiguity,
        complete: found.complete,
    })
}

fn sorted(mut groups: Vec<Vec<AreaIx>>) -> Vec<Vec<AreaIx>> {
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.retain(|g| !g.is_empty());
    groups.sort();
    groups
}
