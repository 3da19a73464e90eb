//! Coterminosity: how far two bodies' footprints line up.
//!
//! For bodies A and B with coverage shares `a(x)`, `b(x)` of each area `x`, and weight
//! `w(x)` (the area's population, or 1 for every area when any population involved is
//! missing):
//!
//! * overlap `O = Σ w·min(a, b)`, sizes `|A| = Σ w·a`, `|B| = Σ w·b`;
//! * weighted Jaccard index `J = O / Σ w·max(a, b)`;
//! * share of A inside B `= O / |A|`, share of B inside A `= O / |B|`.
//!
//! `min` assumes the covered parts of a split area coincide as far as they can; the ONS
//! lookups do not say more. The class follows the typology in the Policing and Crime Act
//! 2017 explanatory notes, Annex B, with a sliver tolerance `t` (default 2% of people):
//!
//! | class | rule |
//! |---|---|
//! | coterminous | A in B ≥ 1−t and B in A ≥ 1−t |
//! | nests inside | A in B ≥ 1−t (A sits wholly inside B) |
//! | contains | B in A ≥ 1−t (the reverse) |
//! | contains several, edges aligned | (against a group, [`against_group`]) two or more bodies of the group nest in A and together make it up: the atlas's rule, [`super::alignment`] |
//! | disjoint | A in B ≤ t and B in A ≤ t |
//! | misaligned | anything else |
//!
//! Complexity: [`compare`] is O(|A| + |B|) on the sorted footprints; [`all_pairs`] uses
//! an inverted index from area to bodies, so it only compares pairs that share an area:
//! O(n + Σ over areas of k²) for k bodies per area, instead of O(n²·m).

use crate::index::{AreaIx, Model};
use serde::Serialize;
use std::collections::HashMap;

/// The relation between two footprints (see the module docs for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The two cover the same people, within the tolerance.
    Coterminous,
    /// The first sits wholly inside the second.
    NestsInside,
    /// The first wholly contains the second.
    Contains,
    /// The first is made up of several whole bodies of a group (edges aligned).
    ContainsSeveral,
    /// They overlap, but neither contains the other.
    Misaligned,
    /// They share no one (within the tolerance).
    Disjoint,
}

impl Relation {
    /// Plain-English phrase: "A *nests inside* B".
    pub fn phrase(self) -> &'static str {
        match self {
            Relation::Coterminous => "is coterminous with",
            Relation::NestsInside => "nests inside",
            Relation::Contains => "contains",
            Relation::ContainsSeveral => "contains several, edges aligned,",
            Relation::Misaligned => "is misaligned with",
            Relation::Disjoint => "does not overlap",
        }
    }

    /// Short label for tables and CSS modifiers.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Coterminous => "coterminous",
            Relation::NestsInside => "nests_inside",
            Relation::Contains => "contains",
            Relation::ContainsSeveral => "contains_several",
            Relation::Misaligned => "misaligned",
            Relation::Disjoint => "disjoint",
        }
    }
}

/// What the figures are weighted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Resident population.
    Population,
    /// Number of areas (some population was missing).
    AreaCount,
}

/// People (or areas, when weighting by count) in one area outside the match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaGap {
    /// GSS code.
    pub code: String,
    /// Area name.
    pub name: String,
    /// Share of the area's population involved, 0..=1.
    pub share: f64,
    /// People involved (rounded), when the population is known.
    pub people: Option<u64>,
}

/// The figures for one pair of footprints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// Σ w·a.
    pub a_total: f64,
    /// Σ w·b.
    pub b_total: f64,
    /// Σ w·min(a, b).
    pub both: f64,
    /// Σ w·max(a, b).
    pub either: f64,
    /// What w is.
    pub weighting: Weighting,
}

impl Overlap {
    /// Weighted Jaccard index, 0..=1 (0 when both are empty).
    pub fn jaccard(&self) -> f64 {
        if self.either > 0.0 {
            self.both / self.either
        } else {
            0.0
        }
    }

    /// Share of A inside B, 0..=1.
    pub fn a_in_b(&self) -> f64 {
        if self.a_total > 0.0 {
            self.both / self.a_total
        } else {
            0.0
        }
    }

    /// Share of B inside A, 0..=1.
    pub fn b_in_a(&self) -> f64 {
        if self.b_total > 0.0 {
            self.both / self.b_total
        } else {
            0.0
        }
    }
}

/// The full comparison of body A with body B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairResult {
    /// Id of A.
    pub a: String,
    /// Id of B.
    pub b: String,
    /// Weighted Jaccard index.
    pub jaccard: f64,
    /// Share of A inside B.
    pub a_in_b: f64,
    /// Share of B inside A.
    pub b_in_a: f64,
    /// The class.
    pub relation: Relation,
    /// What the figures are weighted by.
    pub weighting: Weighting,
    /// Areas (or parts) covered by A but not B.
    pub only_a: Vec<AreaGap>,
    /// Areas (or parts) covered by B but not A.
    pub only_b: Vec<AreaGap>,
    /// People covered by A but not B.
    pub people_only_a: u64,
    /// People covered by B but not A.
    pub people_only_b: u64,
}

/// Classifies a pair from its two containment shares.
///
/// ```
/// use pmap_core::analysis::coterminosity::{classify, Relation};
/// assert_eq!(classify(0.99, 1.0, 0.02), Relation::Coterminous);
/// assert_eq!(classify(1.0, 0.4, 0.02), Relation::NestsInside);
/// assert_eq!(classify(0.4, 1.0, 0.02), Relation::Contains);
/// assert_eq!(classify(0.5, 0.5, 0.02), Relation::Misaligned);
/// assert_eq!(classify(0.01, 0.0, 0.02), Relation::Disjoint);
/// ```
pub fn classify(a_in_b: f64, b_in_a: f64, tolerance: f64) -> Relation {
    let full = 1.0 - tolerance;
    match (a_in_b >= full, b_in_a >= full) {
        (true, true) => Relation::Coterminous,
        (true, false) => Relation::NestsInside,
        (false, true) => Relation::Contains,
        (false, false) if a_in_b <= tolerance && b_in_a <= tolerance => Relation::Disjoint,
        (false, false) => Relation::Misaligned,
    }
}

/// The overlap figures of two sorted footprints.
///
/// Uses population weights when every area in either footprint has a population, and
/// area counts otherwise.
pub fn overlap(model: &Model, a: &[(AreaIx, f64)], b: &[(AreaIx, f64)]) -> Overlap {
    let weighting = if a
        .iter()
        .chain(b)
        .all(|(x, _)| model.population(*x).is_some())
    {
        Weighting::Population
    } else {
        Weighting::AreaCount
    };
    let w = |x: AreaIx| match weighting {
        Weighting::Population => model.population(x).unwrap_or(0.0),
        Weighting::AreaCount => 1.0,
    };
    let mut o = Overlap {
        a_total: 0.0,
        b_total: 0.0,
        both: 0.0,
        either: 0.0,
        weighting,
    };
    merge(a, b, |x, sa, sb| {
        let wx = w(x);
        o.a_total += wx * sa;
        o.b_total += wx * sb;
        o.both += wx * sa.min(sb);
        o.either += wx * sa.max(sb);
    });
    o
}

/// Walks two sorted footprints together, calling `f(area, share_a, share_b)` for every
/// area in either (a missing share is 0).
pub fn merge(a: &[(AreaIx, f64)], b: &[(AreaIx, f64)], mut f: impl FnMut(AreaIx, f64, f64)) {
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&(xa, sa)), Some(&(xb, sb))) => {
                if xa == xb {
                    f(xa, sa, sb);
                    i += 1;
                    j += 1;
                } else if xa < xb {
                    f(xa, sa, 0.0);
                    i += 1;
                } else {
                    f(xb, 0.0, sb);
                    j += 1;
                }
            }
            (Some(&(xa, sa)), None) => {
                f(xa, sa, 0.0);
                i += 1;
            }
            (None, Some(&(xb, sb))) => {
                f(xb, 0.0, sb);
                j += 1;
            }
            (None, None) => break,
        }
    }
}

/// Compares bodies `a` and `b` (indices into the model), with the model's tolerance.
///
/// ```
/// use pmap_core::{load, analysis::coterminosity::{compare, Relation}};
/// // Hart is split 76% Frimley / 24% Hampshire and Isle of Wight (ONS, LSOA shares).
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart","population":101542},
///            {"code":"E07000092","name":"Rushmoor","population":102908}],
///   "bodies":[
///     {"id":"frimley","name":"NHS Frimley ICB","kind":"icb",
///      "covers":[{"area":"E07000089","share":0.7627},"E07000092"]},
///     {"id":"hart","name":"Hart District Council","kind":"district_council",
///      "covers":["E07000089"]}]}"#).unwrap().model;
/// let r = compare(&m, 1, 0);
/// assert_eq!(r.relation, Relation::Misaligned);
/// assert_eq!(r.people_only_a, 24096); // the quarter of Hart outside Frimley
/// ```
pub fn compare(model: &Model, a: usize, b: usize) -> PairResult {
    compare_with(model, a, b, model.tolerance())
}

/// [`compare`] with an explicit tolerance.
pub fn compare_with(model: &Model, a: usize, b: usize, tolerance: f64) -> PairResult {
    let fa = model.footprint(a);
    let fb = model.footprint(b);
    let o = overlap(model, fa, fb);
    let mut only_a = Vec::new();
    let mut only_b = Vec::new();
    let (mut pa, mut pb) = (0.0, 0.0);
    merge(fa, fb, |x, sa, sb| {
        let pop = model.population(x);
        let gap = |share: f64| AreaGap {
            code: model.area(x).map(|ar| ar.code.clone()).unwrap_or_default(),
            name: model.area_name(x).to_string(),
            share,
            people: pop.map(|p| (p * share).round() as u64),
        };
        if sa - sb > tolerance {
            only_a.push(gap(sa - sb));
            pa += pop.unwrap_or(0.0) * (sa - sb);
        }
        if sb - sa > tolerance {
            only_b.push(gap(sb - sa));
            pb += pop.unwrap_or(0.0) * (sb - sa);
        }
    });
    PairResult {
        a: model.body(a).map(|x| x.id.clone()).unwrap_or_default(),
        b: model.body(b).map(|x| x.id.clone()).unwrap_or_default(),
        jaccard: o.jaccard(),
        a_in_b: o.a_in_b(),
        b_in_a: o.b_in_a(),
        relation: classify(o.a_in_b(), o.b_in_a(), tolerance),
        weighting: o.weighting,
        only_a,
        only_b,
        people_only_a: crate::findings::whole_people(pa),
        people_only_b: crate::findings::whole_people(pb),
    }
}

/// One pair's figures in [`all_pairs`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairFigures {
    /// Index of the first body (the smaller index).
    pub a: usize,
    /// Index of the second body.
    pub b: usize,
    /// Weighted Jaccard index.
    pub jaccard: f64,
    /// Share of a inside b.
    pub a_in_b: f64,
    /// Share of b inside a.
    pub b_in_a: f64,
    /// The class.
    pub relation: Relation,
}

/// Every pair of bodies that share at least one area, with their figures. Pairs not listed
/// are disjoint. Bodies with empty footprints are skipped.
///
/// ```
/// use pmap_core::{load, analysis::coterminosity::all_pairs};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"One"},{"code":"E2","name":"Two"}],
///   "bodies":[{"id":"a","name":"A","kind":"icb","covers":["E1"]},
///             {"id":"b","name":"B","kind":"icb","covers":["E2"]},
///             {"id":"c","name":"C","kind":"pcc","covers":["E1","E2"]}]}"#).unwrap().model;
/// let pairs = all_pairs(&m);
/// assert_eq!(pairs.len(), 2); // a–c and b–c; a–b are disjoint
/// ```
pub fn all_pairs(model: &Model) -> Vec<PairFigures> {
    let tol = model.tolerance();
    let mut by_area: HashMap<AreaIx, Vec<usize>> = HashMap::new();
    for i in 0..model.bodies().len() {
        for &(x, _) in model.footprint(i) {
            by_area.entry(x).or_default().push(i);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for bodies in by_area.values() {
        for (k, &a) in bodies.iter().enumerate() {
            for &b in bodies.iter().skip(k + 1) {
                candidates.push((a.min(b), a.max(b)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .map(|(a, b)| {
            let o = overlap(model, model.footprint(a), model.footprint(b));
            PairFigures {
                a,
                b,
                jaccard: o.jaccard(),
                a_in_b: o.a_in_b(),
                b_in_a: o.b_in_a(),
                relation: classify(o.a_in_b(), o.b_in_a(), tol),
            }
        })
        .collect()
}

/// How body `a` relates to a group of bodies (e.g. all fire authorities): the Annex B
/// typology, including "contains several, edges aligned". It is the atlas's row rule
/// ([`super::alignment`]), so the two always agree: slivers under the tolerance of an area
/// are ignored, and a group body *nests* in `a` when at least 1 − t of its people do.
///
/// Returns the relation and the indices of the group members that overlap `a` beyond
/// slivers, largest share of `a` first.
///
/// ```
/// use pmap_core::{load, analysis::coterminosity::{against_group, Relation}};
/// // A police area made of two whole fire authorities.
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"East","population":100},{"code":"E2","name":"West","population":300}],
///   "bodies":[{"id":"p","name":"Police","kind":"police_force","covers":["E1","E2"]},
///             {"id":"f1","name":"East Fire","kind":"fire_authority","covers":["E1"]},
///             {"id":"f2","name":"West Fire","kind":"fire_authority","covers":["E2"]}]}"#)
///   .unwrap().model;
/// let (rel, overlapping) = against_group(&m, 0, &[1, 2]);
/// assert_eq!(rel, Relation::ContainsSeveral);
/// assert_eq!(overlapping, vec![2, 1]); // West holds more of the police area
/// ```
pub fn against_group(model: &Model, a: usize, group: &[usize]) -> (Relation, Vec<usize>) {
    use super::alignment::row_against;
    let row = row_against(model, a, group);
    (
        Relation::from(row.class),
        row.b.iter().map(|s| s.body).collect(),
    )
}

impl From<super::alignment::Class> for Relation {
    /// The relation of A to a group of bodies, from the atlas class of A's row.
    fn from(class: super::alignment::Class) -> Relation {
        use super::alignment::Class;
        match class {
            Class::Coterminous => Relation::Coterminous,
            Class::Inside => Relation::NestsInside,
            Class::ContainsSeveral => Relation::ContainsSeveral,
            Class::PartlyCovered => Relation::Contains,
            Class::Misaligned => Relation::Misaligned,
            Class::Uncovered => Relation::Disjoint,
        }
    }
}
