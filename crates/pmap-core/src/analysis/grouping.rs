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

/// A suggested partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The groups (area indices, sorted).
    pub groups: Vec<Vec<AreaIx>>,
    /// Σ_groups Σ_kinds pop·alignment / (pop·kinds), 0..=1.
    pub score: f64,
    /// True when found by exhaustive search (so optimal).
    pub exact: bool,
}

fn group_value(model: &Model, g: &[AreaIx], kinds: &[BodyKind]) -> f64 {
    let pop = population(model, g);
    kinds.iter().map(|k| pop * fit(model, g, k).alignment).sum()
}

fn ok_group(model: &Model, g: &[AreaIx], band: &Band) -> bool {
    let p = population(model, g);
    p >= band.min && p <= band.max
}

fn normalise(model: &Model, areas: &[AreaIx], kinds: &[BodyKind], total: f64) -> f64 {
    let denom = population(model, areas) * kinds.len().max(1) as f64;
    if denom > 0.0 {
        total / denom
    } else {
        0.0
    }
}

/// Suggests a partition of `areas` into groups within `band`, maximising alignment with
/// `kinds`. `None` when no partition satisfies the band.
///
/// ```
/// use pmap_core::{load, analysis::grouping::{suggest, Band}, model::BodyKind};
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
/// ```
pub fn suggest(
    model: &Model,
    areas: &[AreaIx],
    kinds: &[BodyKind],
    band: &Band,
) -> Option<Suggestion> {
    let mut areas: Vec<AreaIx> = areas.to_vec();
    areas.sort_unstable();
    areas.dedup();
    if areas.is_empty() {
        return None;
    }
    if areas.len() <= EXACT_LIMIT {
        exhaustive(model, &areas, kinds, band)
    } else {
        heuristic(model, &areas, kinds, band)
    }
}

/// Every set partition (restricted growth strings), pruned by the band. Optimal.
pub fn exhaustive(
    model: &Model,
    areas: &[AreaIx],
    kinds: &[BodyKind],
    band: &Band,
) -> Option<Suggestion> {
    let n = areas.len();
    let mut best: Option<(f64, Vec<Vec<AreaIx>>)> = None;
    let mut assign = vec![0usize; n];
    let mut memo: std::collections::HashMap<Vec<AreaIx>, Option<f64>> =
        std::collections::HashMap::new();
    #[allow(clippy::too_many_arguments)]
    fn rec(
        i: usize,
        used: usize,
        assign: &mut Vec<usize>,
        areas: &[AreaIx],
        model: &Model,
        kinds: &[BodyKind],
        band: &Band,
        memo: &mut std::collections::HashMap<Vec<AreaIx>, Option<f64>>,
        best: &mut Option<(f64, Vec<Vec<AreaIx>>)>,
    ) {
        let n = areas.len();
        if let Some(k) = band.groups {
            if used > k || used + (n - i) < k {
                return;
            }
        }
        // Prune: a group already above the maximum cannot shrink.
        if band.max.is_finite() {
            for g in 0..used {
                let members: Vec<AreaIx> = (0..i)
                    .filter(|&j| assign[j] == g)
                    .map(|j| areas[j])
                    .collect();
                if population(model, &members) > band.max {
                    return;
                }
            }
        }
        if i == n {
            let mut groups: Vec<Vec<AreaIx>> = vec![Vec::new(); used];
            for (j, &g) in assign.iter().enumerate() {
                groups[g].push(areas[j]);
            }
            let mut total = 0.0;
            for g in &groups {
                let v = *memo.entry(g.clone()).or_insert_with(|| {
                    ok_group(model, g, band).then(|| group_value(model, g, kinds))
                });
                match v {
                    Some(x) => total += x,
                    None => return,
                }
            }
            if best.as_ref().is_none_or(|(b, _)| total > *b + 1e-9) {
                *best = Some((total, groups));
            }
            return;
        }
        for g in 0..=used {
            assign[i] = g;
            rec(
                i + 1,
                used.max(g + 1),
                assign,
                areas,
                model,
                kinds,
                band,
                memo,
                best,
            );
        }
    }
    rec(
        0,
        0,
        &mut assign,
        areas,
        model,
        kinds,
        band,
        &mut memo,
        &mut best,
    );
    best.map(|(total, groups)| Suggestion {
        score: normalise(model, areas, kinds, total),
        groups: sorted(groups),
        exact: true,
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

/// Greedy merging then local search, from several deterministic starts.
pub fn heuristic(
    model: &Model,
    areas: &[AreaIx],
    kinds: &[BodyKind],
    band: &Band,
) -> Option<Suggestion> {
    let value = |groups: &[Vec<AreaIx>]| -> Option<f64> {
        if let Some(k) = band.groups {
            if groups.iter().filter(|g| !g.is_empty()).count() != k {
                return None;
            }
        }
        let mut t = 0.0;
        for g in groups.iter().filter(|g| !g.is_empty()) {
            if !ok_group(model, g, band) {
                return None;
            }
            t += group_value(model, g, kinds);
        }
        Some(t)
    };
    // Soft value for the search: penalise groups outside the band instead of rejecting.
    let soft = |groups: &[Vec<AreaIx>]| -> f64 {
        let mut t = 0.0;
        let mut penalty = 0.0;
        for g in groups.iter().filter(|g| !g.is_empty()) {
            let p = population(model, g);
            t += group_value(model, g, kinds);
            if p < band.min {
                penalty += band.min - p;
            }
            if p > band.max {
                penalty += p - band.max;
            }
        }
        if let Some(k) = band.groups {
            let n = groups.iter().filter(|g| !g.is_empty()).count();
            penalty += (n as f64 - k as f64).abs() * population(model, areas);
        }
        t - 10.0 * kinds.len().max(1) as f64 * penalty
    };
    let mut best: Option<(f64, Vec<Vec<AreaIx>>)> = None;
    let mut rng = crate::layout::SplitMix::new(17);
    for start in 0..6 {
        // Greedy: start from singletons, merge the pair that gains most while it helps
        // (or until k groups remain).
        let mut groups: Vec<Vec<AreaIx>> = areas.iter().map(|&a| vec![a]).collect();
        if start > 0 {
            // Different starts: shuffle the order merges are considered in.
            for i in (1..groups.len()).rev() {
                let j = (rng.next_f64() * (i + 1) as f64) as usize;
                groups.swap(i, j.min(i));
            }
        }
        loop {
            let cur = soft(&groups);
            let mut best_merge: Option<(f64, usize, usize)> = None;
            for i in 0..groups.len() {
                for j in (i + 1)..groups.len() {
                    let mut trial = groups.clone();
                    let moved = trial.remove(j);
                    trial[i].extend(moved);
                    let v = soft(&trial);
                    if best_merge.is_none_or(|(b, _, _)| v > b) {
                        best_merge = Some((v, i, j));
                    }
                }
            }
            let must = band.groups.is_some_and(|k| groups.len() > k);
            match best_merge {
                Some((v, i, j)) if v > cur + 1e-9 || must => {
                    let moved = groups.remove(j);
                    groups[i].extend(moved);
                }
                _ => break,
            }
        }
        // Local search: move one area to another group, while it improves.
        let mut improved = true;
        let mut rounds = 0;
        while improved && rounds < 50 {
            improved = false;
            rounds += 1;
            let cur = soft(&groups);
            'outer: for gi in 0..groups.len() {
                for ai in 0..groups[gi].len() {
                    for gj in 0..groups.len() {
                        if gi == gj {
                            continue;
                        }
                        let mut trial = groups.clone();
                        let a = trial[gi].remove(ai);
                        trial[gj].push(a);
                        if soft(&trial) > cur + 1e-9 {
                            groups = trial;
                            groups.retain(|g| !g.is_empty());
                            improved = true;
                            break 'outer;
                        }
                    }
                }
            }
        }
        if let Some(v) = value(&groups) {
            if best.as_ref().is_none_or(|(b, _)| v > *b + 1e-9) {
                best = Some((v, groups));
            }
        }
    }
    best.map(|(total, groups)| Suggestion {
        score: normalise(model, areas, kinds, total),
        groups: sorted(groups),
        exact: false,
    })
}
