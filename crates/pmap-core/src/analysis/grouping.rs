//! Multi-area groupings (proposed new councils): how a partition of areas into groups fits
//! each service's bodies, and a search for good partitions.
//!
//! A leader asks two things of a proposed council g and a service kind K (ICBs, police
//! forces, …): does g sit inside its services' footprints (the **group side**), and does
//! each service body deal with as few new councils as possible (the **service side**).
//!
//! **Overlaps.** Each area x of the selection weighs `w(x)`, its population (1 when the file
//! gives none). A body b of K shares with area x the *piece* the atlas uses
//! ([`super::alignment`]): its coverage share, scaled down in proportion when several bodies
//! of K share a part of the area. Pieces no larger than the sliver tolerance `t` (default
//! 2%) are left out. `O(g, b) = Σ_{x∈g} w(x)·piece(x, b)`; `|b|` is b's whole size (all its
//! areas, in or out of the selection) and `|g| = Σ_{x∈g} w(x)`.
//!
//! **Group side.** g's *main body* m is the body of K with the largest `O(g, b)` (ties: the
//! earlier body in the file); `share_g = O(g, m) / |g|`. A body b *nests* in g when
//! `O(g, b) ≥ (1 − t)·|b|`, and `nested_g` is the share of g's people in bodies that nest in
//! g. The class uses the atlas's rule and names ([`super::alignment::class_of`]):
//! `coterminous`, `inside` (g lies in one larger body), `contains_several` (g is made of
//! whole bodies), `partly_covered`, `misaligned` or `uncovered`. The group-side value is
//!
//! * `value_g = 1` when no boundary of K crosses g: every class but `misaligned` (for
//!   `contains_several`, g's people all live in bodies wholly inside g, so all are aligned,
//!   just as for `inside` they all live in one body);
//! * `value_g = max(share_g, nested_g)` when misaligned: the people in g's main body, or in
//!   bodies wholly inside g if those are more. A council lying 77% inside one ICB scores
//!   0.77, not 0.
//!
//! **Service side.** For each body b of K that the selection touches, `sel_b = Σ_g O(g, b)`
//! are its people in the selection; its *main group* holds most of them, `main_share_b =
//! max_g O(g, b) / sel_b`; its *spread* is the number of groups it reaches, and the people
//! outside its main group are `sel_b − max_g O(g, b)`.
//!
//! **Score.** Per kind, `G_K = Σ_g |g|·value_g / Σ_g |g|` and
//! `S_K = Σ_b sel_b·main_share_b / Σ_b sel_b = Σ_b max_g O(g, b) / Σ_b sel_b` (1 when no body
//! of K touches the selection); `score_K = (G_K + S_K) / 2`; the overall score is the mean
//! of `score_K` over the kinds (1 with no kinds). All lie in [0, 1]; 1 means every group sits
//! cleanly against every service and no service is divided between groups.
//! `docs/grouping.md` (linked from the README) works it by hand on a small map and on
//! Hampshire from the ONS files.
//!
//! **Evaluation.** [`Scorer::new`] builds, once, a sparse table per kind from each selected
//! area to its (body, weighted piece) pairs, and the body sizes: O(Σ footprints of K).
//! [`Scorer::value`] then costs O(n + nnz) for n areas and nnz table entries (about n per
//! kind where bodies do not overlap), with no allocation once its scratch buffers have grown
//! to the number of groups. [`Scorer::report`] runs the same passes and reads the details
//! off them; [`fit`] is the report for one group. For local search, [`Scorer::state`] holds
//! a partition with its dense group × body overlaps; [`Scorer::delta`] gives the change in
//! score of moving one area to another group without making the move, in
//! O(Σ_K (bodies of K + e·groups)) for e bodies of K in that area, and [`Scorer::apply`]
//! makes it. The tests check every delta against two full evaluations.
//!
//! **Suggestions.** Partition the chosen areas into groups within a population band (or
//! into exactly k groups), contiguous unless allowed otherwise ([`super::contiguity`]),
//! maximising the overall score. Up to [`EXACT_LIMIT`] areas every set partition is
//! enumerated ([`super::regions::exhaustive`]), which is optimal. Above that, the
//! regionalisation search of [`super::regions::search`] (max-p construction and AZP-style
//! local search). The tests compare the two on random small grid maps.

use super::alignment::{class_of, pieces, Class};
use super::contiguity::Adjacency;
use super::coterminosity::{classify, Relation};
use crate::index::{AreaIx, Model};
use crate::model::BodyKind;
use serde::Serialize;
use std::cell::RefCell;

/// Largest number of areas searched exhaustively.
pub const EXACT_LIMIT: usize = 10;

/// One body of a kind, as a group splits it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodySplit {
    /// Body index.
    pub body: usize,
    /// People of the body inside the group, `O(g, b)`.
    pub inside: f64,
    /// People of the body outside it, `|b| − O(g, b)`.
    pub outside: f64,
    /// How the group relates to this body ([`classify`] of the two containment shares).
    pub relation: Relation,
}

/// How one group fits one kind of body: the group side of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindFit {
    /// The kind.
    pub kind: BodyKind,
    /// The class, as a [`Relation`] (`inside` is `nests_inside`, `partly_covered` is
    /// `contains`, `uncovered` is `disjoint`).
    pub relation: Relation,
    /// The class, with the atlas's names.
    pub class: Class,
    /// Weighted Jaccard with the best-matching body, `O / (|g| + |b| − O)` (0 when none
    /// overlaps).
    pub index: f64,
    /// The group-side value `value_g` (module docs): 1 unless misaligned, else
    /// `max(share_g, nested_g)`.
    pub alignment: f64,
    /// The main body: the one holding most of the group's people.
    pub main_body: Option<usize>,
    /// `share_g`: the share of the group's people in its main body.
    pub main_share: f64,
    /// The bodies it touches, most people inside first.
    pub bodies: Vec<BodySplit>,
}

/// How one service body is spread across the groups: the service side of the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceSpread {
    /// Body index.
    pub body: usize,
    /// Its people in the selection, `sel_b`.
    pub people: f64,
    /// How many groups they are spread across.
    pub groups: usize,
    /// The group holding most of them (its number in the assignment).
    pub main_group: usize,
    /// `main_share_b`: the share of `sel_b` in the main group.
    pub main_share: f64,
    /// People of the body in the selection but outside its main group.
    pub outside_main: f64,
}

/// One kind's figures for a whole partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    /// The kind.
    pub kind: BodyKind,
    /// `G_K`.
    pub group_side: f64,
    /// `S_K`.
    pub service_side: f64,
    /// `(G_K + S_K) / 2`.
    pub score: f64,
    /// Every body of the kind that the selection touches, in file order.
    pub services: Vec<ServiceSpread>,
}

/// One group of a partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupReport {
    /// Its number in the assignment.
    pub group: usize,
    /// Its areas, in the order given to [`Scorer::new`].
    pub areas: Vec<AreaIx>,
    /// `|g|`: its people (areas without a population count as 1).
    pub population: f64,
    /// One per kind, in the order given to [`Scorer::new`].
    pub kinds: Vec<KindFit>,
}

/// Everything [`Scorer::value`] weighs, for one partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartitionReport {
    /// The overall score (equal to [`Scorer::value`]).
    pub score: f64,
    /// Per kind.
    pub kinds: Vec<KindScore>,
    /// The groups present, by group number.
    pub groups: Vec<GroupReport>,
}

fn weight(model: &Model, x: AreaIx) -> f64 {
    model.population(x).unwrap_or(1.0)
}

/// People in a set of areas (each area once; areas without a population count as 1).
pub fn population(model: &Model, areas: &[AreaIx]) -> f64 {
    let mut a = areas.to_vec();
    a.sort_unstable();
    a.dedup();
    a.iter().map(|&x| weight(model, x)).sum()
}

/// The bodies of one kind, as a sparse table from selected area to (body, weighted piece).
#[derive(Debug, Clone)]
struct KindTable {
    kind: BodyKind,
    /// Model index of each local body.
    bodies: Vec<usize>,
    /// `|b|`, the whole body's size.
    size: Vec<f64>,
    /// `sel_b`, its people in the selection.
    sel: Vec<f64>,
    /// `Σ_b sel_b`.
    sel_total: f64,
    /// Entries of area position i: `entries[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    entries: Vec<(u32, f64)>,
}

impl KindTable {
    fn at(&self, i: usize) -> &[(u32, f64)] {
        let (Some(&s), Some(&e)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return &[];
        };
        self.entries.get(s as usize..e as usize).unwrap_or(&[])
    }
}

/// Scratch buffers for [`Scorer::value_with`]. Between calls every buffer is zero (or
/// empty); they only grow.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    gpop: Vec<f64>,
    seen: Vec<bool>,
    used: Vec<usize>,
    acc: Vec<f64>,
    /// The (group, body) cells with an overlap, in the order first reached.
    touched: Vec<(usize, usize)>,
    gsum: Vec<f64>,
    gmax: Vec<f64>,
    gmaxj: Vec<u32>,
    gnest: Vec<f64>,
    bmax: Vec<f64>,
    bmaxg: Vec<usize>,
}

impl Scratch {
    fn grow_groups(&mut self, groups: usize) {
        if self.gpop.len() < groups {
            self.gpop.resize(groups, 0.0);
            self.seen.resize(groups, false);
            self.gsum.resize(groups, 0.0);
            self.gmax.resize(groups, 0.0);
            self.gmaxj.resize(groups, u32::MAX);
            self.gnest.resize(groups, 0.0);
        }
    }
}

/// A precomputed evaluator of partitions of a fixed selection of areas against fixed kinds.
///
/// ```
/// use pmap_core::{load, analysis::grouping::Scorer, model::BodyKind};
/// // Police P1 = {A, B}, P2 = {C}; 100 people each.
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100},
///            {"code":"E3","name":"C","population":100}],
///   "bodies":[{"id":"p1","name":"P1","kind":"police_force","covers":["E1","E2"]},
///             {"id":"p2","name":"P2","kind":"police_force","covers":["E3"]}]}"#).unwrap().model;
/// let s = Scorer::new(&m, &[0, 1, 2], &[BodyKind::PoliceForce]);
/// assert_eq!(s.value(&[0, 0, 1]), 1.0); // the groups follow the forces
/// // {A}, {B, C}: {A} is inside P1 (1); {B, C} is half P1, half P2 (0.5), so
/// // G = (100·1 + 200·0.5)/300 = 2/3; P1 is split 100/100 (main share 1/2), P2 is whole:
/// // S = (100 + 100)/300 = 2/3; score = 2/3.
/// assert!((s.value(&[0, 1, 1]) - 2.0 / 3.0).abs() < 1e-12);
/// assert_eq!(s.report(&[0, 1, 1]).score, s.value(&[0, 1, 1]));
/// ```
#[derive(Debug)]
pub struct Scorer {
    tol: f64,
    areas: Vec<AreaIx>,
    pop: Vec<f64>,
    total: f64,
    kinds: Vec<KindTable>,
    scratch: RefCell<Scratch>,
}

/// A partition with its accumulations: see [`Scorer::state`].
#[derive(Debug, Clone)]
pub struct State {
    assign: Vec<usize>,
    groups: usize,
    gpop: Vec<f64>,
    kinds: Vec<KindState>,
    value: f64,
}

/// One kind's accumulations in a [`State`]: `O(g, b)` (group-major), `|g|·value_g`, and
/// `max_g O(g, b)`.
#[derive(Debug, Clone)]
struct KindState {
    acc: Vec<f64>,
    gval: Vec<f64>,
    bmax: Vec<f64>,
    /// `Σ_g gval[g]` and `Σ_b bmax[b]`, kept as the cells change.
    gtot: f64,
    btot: f64,
}

impl State {
    /// The partition.
    pub fn assign(&self) -> &[usize] {
        &self.assign
    }

    /// Its overall score (equal to [`Scorer::value`] of [`State::assign`], up to rounding).
    pub fn value(&self) -> f64 {
        self.value
    }
}

/// The group side for one group, from a kind pass's accumulations.
struct Side {
    class: Class,
    value: f64,
    share: f64,
    main: Option<usize>,
}

impl Scorer {
    /// Builds the tables for partitions of `areas` (distinct model area indices; `assign[i]`
    /// will be the group of `areas[i]`) against the bodies of `kinds`.
    /// O(Σ over kinds of the footprints of its bodies).
    pub fn new(model: &Model, areas: &[AreaIx], kinds: &[BodyKind]) -> Scorer {
        let tol = model.tolerance();
        let pop: Vec<f64> = areas.iter().map(|&x| weight(model, x)).collect();
        let mut pos: Vec<Option<u32>> = vec![None; model.areas().len()];
        for (i, &x) in areas.iter().enumerate() {
            if let Some(p) = pos.get_mut(x as usize) {
                *p = Some(i as u32);
            }
        }
        // Only bodies reaching the selection: the others add nothing to either side, and
        // every pass is linear in the bodies kept.
        let reaching = model.bodies_in(areas.iter().copied());
        let tables = kinds
            .iter()
            .map(|kind| {
                let bodies: Vec<usize> = reaching
                    .iter()
                    .copied()
                    .filter(|&i| model.body(i).is_some_and(|b| &b.kind == kind))
                    .collect();
                let size: Vec<f64> = bodies
                    .iter()
                    .map(|&b| {
                        model
                            .footprint(b)
                            .iter()
                            .map(|&(x, s)| weight(model, x) * s)
                            .sum()
                    })
                    .collect();
                // (area position, local body, share), grouped by area.
                let mut raw: Vec<(u32, u32, f64)> = Vec::new();
                for (j, &b) in bodies.iter().enumerate() {
                    for &(x, s) in model.footprint(b) {
                        if let Some(&Some(p)) = pos.get(x as usize) {
                            raw.push((p, j as u32, s));
                        }
                    }
                }
                crate::order::sort_by_key(&mut raw, |r| (r.0, r.1));
                let mut offsets = vec![0u32; areas.len() + 1];
                let mut entries = Vec::with_capacity(raw.len());
                let mut sel = vec![0.0; bodies.len()];
                let mut here: Vec<(u32, f64)> = Vec::new();
                let mut k = 0;
                for (i, w) in pop.iter().enumerate() {
                    here.clear();
                    while let Some(&(p, j, s)) = raw.get(k) {
                        if p as usize != i {
                            break;
                        }
                        here.push((j, s));
                        k += 1;
                    }
                    for (j, piece) in pieces(1.0, &here) {
                        let v = w * piece;
                        if piece > tol && v > 0.0 {
                            entries.push((j, v));
                            if let Some(t) = sel.get_mut(j as usize) {
                                *t += v;
                            }
                        }
                    }
                    if let Some(o) = offsets.get_mut(i + 1) {
                        *o = entries.len() as u32;
                    }
                }
                KindTable {
                    kind: kind.clone(),
                    bodies,
                    size,
                    sel_total: sel.iter().sum(),
                    sel,
                    offsets,
                    entries,
                }
            })
            .collect();
        Scorer {
            tol,
            areas: areas.to_vec(),
            total: pop.iter().sum(),
            pop,
            kinds: tables,
            scratch: RefCell::new(Scratch::default()),
        }
    }

    /// The areas, in assignment order.
    pub fn areas(&self) -> &[AreaIx] {
        &self.areas
    }

    /// `w(x)` of each area, in assignment order.
    pub fn populations(&self) -> &[f64] {
        &self.pop
    }

    /// Fresh scratch buffers for [`Scorer::value_with`] (one per thread).
    pub fn scratch(&self) -> Scratch {
        Scratch::default()
    }

    /// The overall score of the partition `assign` (`assign[i]` is the group number of
    /// `areas[i]`; numbers may have gaps, but the buffers are sized by the largest, so keep
    /// them below a small multiple of the number of areas). Uses the scorer's own scratch
    /// buffers.
    pub fn value(&self, assign: &[usize]) -> f64 {
        match self.scratch.try_borrow_mut() {
            Ok(mut s) => self.value_with(assign, &mut s),
            Err(_) => self.value_with(assign, &mut Scratch::default()),
        }
    }

    /// [`Scorer::value`] with caller-owned scratch buffers: allocation-free once they have
    /// grown to the largest group number seen.
    pub fn value_with(&self, assign: &[usize], s: &mut Scratch) -> f64 {
        if self.kinds.is_empty() {
            return 1.0;
        }
        self.begin(assign, s);
        let mut sum = 0.0;
        for t in &self.kinds {
            let (g, v) = self.kind_pass(t, assign, s);
            sum += (g + v) / 2.0;
            self.end_kind(t, s);
        }
        self.end(s);
        sum / self.kinds.len() as f64
    }

    /// The full report of the partition `assign`, from the same passes as
    /// [`Scorer::value`].
    pub fn report(&self, assign: &[usize]) -> PartitionReport {
        let mut s = Scratch::default();
        self.begin(assign, &mut s);
        let mut used = s.used.clone();
        used.sort_unstable();
        let mut groups: Vec<GroupReport> = used
            .iter()
            .map(|&g| GroupReport {
                group: g,
                areas: assign
                    .iter()
                    .zip(&self.areas)
                    .filter(|(&a, _)| a == g)
                    .map(|(_, &x)| x)
                    .collect(),
                population: s.gpop.get(g).copied().unwrap_or(0.0),
                kinds: Vec::with_capacity(self.kinds.len()),
            })
            .collect();
        let mut kinds = Vec::with_capacity(self.kinds.len());
        let mut sum = 0.0;
        for t in &self.kinds {
            let (gs, ss) = self.kind_pass(t, assign, &mut s);
            sum += (gs + ss) / 2.0;
            let nb = t.bodies.len().max(1);
            for gr in &mut groups {
                let g = gr.group;
                let side = self.side(t, &s, g);
                let pop = gr.population;
                let mut bodies: Vec<BodySplit> = s
                    .touched
                    .iter()
                    .filter(|&&(tg, _)| tg == g)
                    .map(|&(_, j)| {
                        let v = s.acc.get(g * nb + j).copied().unwrap_or(0.0);
                        let size = t.size.get(j).copied().unwrap_or(0.0);
                        BodySplit {
                            body: t.bodies.get(j).copied().unwrap_or(0),
                            inside: v,
                            outside: (size - v).max(0.0),
                            relation: classify(ratio(v, pop), ratio(v, size), self.tol),
                        }
                    })
                    .collect();
                crate::order::sort_by(&mut bodies, |a, b| {
                    b.inside.total_cmp(&a.inside).then(a.body.cmp(&b.body))
                });
                let index = bodies
                    .iter()
                    .map(|b| ratio(b.inside, pop + b.outside))
                    .fold(0.0, f64::max);
                gr.kinds.push(KindFit {
                    kind: t.kind.clone(),
                    relation: Relation::from(side.class),
                    class: side.class,
                    index,
                    alignment: side.value,
                    main_body: side.main.and_then(|j| t.bodies.get(j).copied()),
                    main_share: side.share,
                    bodies,
                });
            }
            let services = (0..t.bodies.len())
                .filter(|&j| t.sel.get(j).is_some_and(|&v| v > 0.0))
                .map(|j| {
                    let sel = t.sel.get(j).copied().unwrap_or(0.0);
                    let max = s.bmax.get(j).copied().unwrap_or(0.0);
                    ServiceSpread {
                        body: t.bodies.get(j).copied().unwrap_or(0),
                        people: sel,
                        groups: s.touched.iter().filter(|&&(_, tj)| tj == j).count(),
                        main_group: s.bmaxg.get(j).copied().unwrap_or(0),
                        main_share: ratio(max, sel),
                        outside_main: (sel - max).max(0.0),
                    }
                })
                .collect();
            kinds.push(KindScore {
                kind: t.kind.clone(),
                group_side: gs,
                service_side: ss,
                score: (gs + ss) / 2.0,
                services,
            });
            self.end_kind(t, &mut s);
        }
        self.end(&mut s);
        PartitionReport {
            score: if self.kinds.is_empty() {
                1.0
            } else {
                sum / self.kinds.len() as f64
            },
            kinds,
            groups,
        }
    }

    /// Adds up the groups' populations and lists the groups used.
    fn begin(&self, assign: &[usize], s: &mut Scratch) {
        let groups = assign.iter().max().map_or(0, |m| m.saturating_add(1));
        s.grow_groups(groups);
        for (&g, &w) in assign.iter().zip(&self.pop) {
            if let (Some(seen), Some(p)) = (s.seen.get_mut(g), s.gpop.get_mut(g)) {
                if !*seen {
                    *seen = true;
                    s.used.push(g);
                }
                *p += w;
            }
        }
    }

    fn end(&self, s: &mut Scratch) {
        for &g in &s.used {
            if let (Some(seen), Some(p)) = (s.seen.get_mut(g), s.gpop.get_mut(g)) {
                *seen = false;
                *p = 0.0;
            }
        }
        s.used.clear();
    }

    /// Accumulates `O(g, b)` for one kind and returns `(G_K, S_K)`; the accumulations stay
    /// in `s` until [`Scorer::end_kind`].
    fn kind_pass(&self, t: &KindTable, assign: &[usize], s: &mut Scratch) -> (f64, f64) {
        let nb = t.bodies.len().max(1);
        let groups = s.gpop.len();
        if s.acc.len() < groups * nb {
            s.acc.resize(groups * nb, 0.0);
        }
        if s.bmax.len() < nb {
            s.bmax.resize(nb, 0.0);
            s.bmaxg.resize(nb, usize::MAX);
        }
        for (i, &g) in assign.iter().enumerate() {
            for &(j, v) in t.at(i) {
                let j = j as usize;
                if let Some(a) = s.acc.get_mut(g * nb + j) {
                    if *a == 0.0 {
                        s.touched.push((g, j));
                    }
                    *a += v;
                }
            }
        }
        let full = 1.0 - self.tol;
        for &(g, j) in &s.touched {
            let v = s.acc.get(g * nb + j).copied().unwrap_or(0.0);
            let size = t.size.get(j).copied().unwrap_or(0.0);
            if let (Some(sum), Some(max), Some(mj), Some(nest)) = (
                s.gsum.get_mut(g),
                s.gmax.get_mut(g),
                s.gmaxj.get_mut(g),
                s.gnest.get_mut(g),
            ) {
                *sum += v;
                if v > *max || (v == *max && (j as u32) < *mj) {
                    *max = v;
                    *mj = j as u32;
                }
                if v >= full * size {
                    *nest += v;
                }
            }
            if let (Some(max), Some(mg)) = (s.bmax.get_mut(j), s.bmaxg.get_mut(j)) {
                if v > *max || (v == *max && g < *mg) {
                    *max = v;
                    *mg = g;
                }
            }
        }
        let mut num = 0.0;
        for &g in &s.used {
            let w = s.gpop.get(g).copied().unwrap_or(0.0);
            if w > 0.0 {
                num += w * self.side(t, s, g).value;
            }
        }
        let kept: f64 = s.bmax.iter().take(t.bodies.len()).sum();
        let (group_side, service_side) = self.sides(t, num, kept);
        (group_side, service_side)
    }

    /// The group side of group `g` from the accumulations of one kind.
    fn side(&self, t: &KindTable, s: &Scratch, g: usize) -> Side {
        let max = s.gmax.get(g).copied().unwrap_or(0.0);
        let main = s
            .gmaxj
            .get(g)
            .copied()
            .filter(|&j| j != u32::MAX && max > 0.0)
            .map(|j| j as usize);
        self.side_of(
            t,
            s.gpop.get(g).copied().unwrap_or(0.0),
            max,
            main,
            s.gnest.get(g).copied().unwrap_or(0.0),
            s.gsum.get(g).copied().unwrap_or(0.0),
        )
    }

    /// The group side from a group's figures: its people, its largest overlap `max` (with
    /// body `main`), the people in bodies nesting in it (`nest`) and in all bodies (`sum`).
    fn side_of(
        &self,
        t: &KindTable,
        pop: f64,
        max: f64,
        main: Option<usize>,
        nest: f64,
        sum: f64,
    ) -> Side {
        let size = main.and_then(|j| t.size.get(j)).copied().unwrap_or(0.0);
        let share = ratio(max, pop);
        let nested = ratio(nest, pop);
        let class = class_of(
            share,
            ratio(max, size),
            nested,
            ratio(sum - nest, pop),
            self.tol,
        );
        let value = if class == Class::Misaligned {
            share.max(nested)
        } else {
            1.0
        };
        Side {
            class,
            value,
            share,
            main,
        }
    }

    /// The group side of one row of a [`State`]'s accumulations, with `extra(j)` added to
    /// body j's overlap (to try a move without making it). O(bodies of the kind).
    fn row_side(&self, t: &KindTable, row: &[f64], pop: f64, extra: impl Fn(usize) -> f64) -> Side {
        let full = 1.0 - self.tol;
        let (mut max, mut main, mut nest, mut sum) = (0.0, None, 0.0, 0.0);
        for (j, size) in t.size.iter().enumerate() {
            let v = row.get(j).copied().unwrap_or(0.0) + extra(j);
            if v <= 0.0 {
                continue;
            }
            sum += v;
            if v > max {
                max = v;
                main = Some(j);
            }
            if v >= full * size {
                nest += v;
            }
        }
        self.side_of(t, pop, max, main, nest, sum)
    }

    /// A partition held with its accumulations, for trying and making moves of one area
    /// ([`Scorer::delta`], [`Scorer::apply`]). O(groups × bodies) memory per kind.
    pub fn state(&self, assign: &[usize]) -> State {
        let groups = assign.iter().max().map_or(0, |m| m.saturating_add(1));
        let mut st = State {
            assign: assign.to_vec(),
            groups,
            gpop: vec![0.0; groups],
            kinds: self
                .kinds
                .iter()
                .map(|t| KindState {
                    acc: vec![0.0; groups * t.bodies.len()],
                    gval: vec![0.0; groups],
                    bmax: vec![0.0; t.bodies.len()],
                    gtot: 0.0,
                    btot: 0.0,
                })
                .collect(),
            value: 0.0,
        };
        for (i, &g) in assign.iter().enumerate() {
            st.gpop[g] += self.pop.get(i).copied().unwrap_or(0.0);
            for (t, ks) in self.kinds.iter().zip(&mut st.kinds) {
                let nb = t.bodies.len();
                for &(j, v) in t.at(i) {
                    if let Some(a) = ks.acc.get_mut(g * nb + j as usize) {
                        *a += v;
                    }
                }
            }
        }
        for k in 0..self.kinds.len() {
            for g in 0..groups {
                self.refresh_group(&mut st, k, g);
            }
            for j in 0..self.kinds[k].bodies.len() {
                self.refresh_body(&mut st, k, j);
            }
        }
        st.value = self.state_value(&st);
        st
    }

    /// How much the overall score changes if area `areas[i]` moves to group `to`
    /// (`after − before`; 0 when it is already there). Does not change `st`.
    /// O(Σ over kinds of (bodies + e·groups)) for e bodies of the kind in that area.
    ///
    /// ```
    /// use pmap_core::{load, analysis::grouping::Scorer, model::BodyKind};
    /// let m = load(r#"{"format":"partnership-map","version":1,
    ///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100},
    ///            {"code":"E3","name":"C","population":100}],
    ///   "bodies":[{"id":"p1","name":"P1","kind":"police_force","covers":["E1","E2"]},
    ///             {"id":"p2","name":"P2","kind":"police_force","covers":["E3"]}]}"#).unwrap().model;
    /// let s = Scorer::new(&m, &[0, 1, 2], &[BodyKind::PoliceForce]);
    /// let mut st = s.state(&[0, 1, 1]); // score 2/3 (see Scorer)
    /// // Moving B to A's group gives {A, B}, {C}: the forces exactly, score 1.
    /// assert!((s.delta(&st, 1, 0) - 1.0 / 3.0).abs() < 1e-12);
    /// s.apply(&mut st, 1, 0);
    /// assert_eq!(st.value(), 1.0);
    /// ```
    pub fn delta(&self, st: &State, i: usize, to: usize) -> f64 {
        let Some(&from) = st.assign.get(i) else {
            return 0.0;
        };
        if from == to || self.kinds.is_empty() {
            return 0.0;
        }
        let w = self.pop.get(i).copied().unwrap_or(0.0);
        let mut sum = 0.0;
        for (t, ks) in self.kinds.iter().zip(&st.kinds) {
            let nb = t.bodies.len();
            let here = t.at(i);
            let moved = |j: usize| here.iter().find(|e| e.0 as usize == j).map_or(0.0, |e| e.1);
            let row = |g: usize| ks.acc.get(g * nb..(g + 1) * nb).unwrap_or(&[]);
            let (pf, pt) = (
                st.gpop.get(from).copied().unwrap_or(0.0) - w,
                st.gpop.get(to).copied().unwrap_or(0.0) + w,
            );
            let new_from = if pf > 0.0 {
                pf * self.row_side(t, row(from), pf, |j| -moved(j)).value
            } else {
                0.0
            };
            let new_to = pt * self.row_side(t, row(to), pt, moved).value;
            let old =
                ks.gval.get(from).copied().unwrap_or(0.0) + ks.gval.get(to).copied().unwrap_or(0.0);
            let gnum: f64 = ks.gtot - old + new_from + new_to;
            let mut bnum: f64 = ks.btot;
            for &(j, v) in here {
                let j = j as usize;
                let col = (0..st.groups.max(to.saturating_add(1))).map(|g| {
                    let a = ks.acc.get(g * nb + j).copied().unwrap_or(0.0);
                    if g == from {
                        a - v
                    } else if g == to {
                        a + v
                    } else {
                        a
                    }
                });
                bnum += col.fold(0.0, f64::max) - ks.bmax.get(j).copied().unwrap_or(0.0);
            }
            sum += self.kind_value(t, gnum, bnum);
        }
        sum / self.kinds.len() as f64 - st.value
    }

    /// Moves area `areas[i]` to group `to` in `st`.
    pub fn apply(&self, st: &mut State, i: usize, to: usize) {
        let Some(&from) = st.assign.get(i) else {
            return;
        };
        if from == to {
            return;
        }
        if to >= st.groups {
            let groups = to.saturating_add(1);
            st.gpop.resize(groups, 0.0);
            for (t, ks) in self.kinds.iter().zip(&mut st.kinds) {
                ks.acc.resize(groups * t.bodies.len(), 0.0);
                ks.gval.resize(groups, 0.0);
            }
            st.groups = groups;
        }
        let w = self.pop.get(i).copied().unwrap_or(0.0);
        st.assign[i] = to;
        st.gpop[from] -= w;
        st.gpop[to] += w;
        if st.gpop[from].abs() < 1e-7 {
            st.gpop[from] = 0.0;
        }
        for k in 0..self.kinds.len() {
            let t = &self.kinds[k];
            let nb = t.bodies.len();
            for &(j, v) in t.at(i) {
                let ks = &mut st.kinds[k];
                if let Some(a) = ks.acc.get_mut(from * nb + j as usize) {
                    *a -= v;
                    // Adding and taking away the same amounts can leave a crumb.
                    if a.abs() < 1e-7 {
                        *a = 0.0;
                    }
                }
                if let Some(a) = ks.acc.get_mut(to * nb + j as usize) {
                    *a += v;
                }
            }
            self.refresh_group(st, k, from);
            self.refresh_group(st, k, to);
            for &(j, _) in t.at(i) {
                self.refresh_body(st, k, j as usize);
            }
        }
        st.value = self.state_value(st);
    }

    fn refresh_group(&self, st: &mut State, k: usize, g: usize) {
        let t = &self.kinds[k];
        let nb = t.bodies.len();
        let pop = st.gpop.get(g).copied().unwrap_or(0.0);
        let ks = &st.kinds[k];
        let v = if pop > 0.0 {
            let row = ks.acc.get(g * nb..(g + 1) * nb).unwrap_or(&[]);
            pop * self.row_side(t, row, pop, |_| 0.0).value
        } else {
            0.0
        };
        let ks = &mut st.kinds[k];
        if let Some(x) = ks.gval.get_mut(g) {
            ks.gtot += v - *x;
            *x = v;
        }
    }

    fn refresh_body(&self, st: &mut State, k: usize, j: usize) {
        let nb = self.kinds[k].bodies.len();
        let ks = &mut st.kinds[k];
        let max = (0..st.groups)
            .map(|g| ks.acc.get(g * nb + j).copied().unwrap_or(0.0))
            .fold(0.0, f64::max);
        if let Some(x) = ks.bmax.get_mut(j) {
            ks.btot += max - *x;
            *x = max;
        }
    }

    fn state_value(&self, st: &State) -> f64 {
        if self.kinds.is_empty() {
            return 1.0;
        }
        let sum: f64 = self
            .kinds
            .iter()
            .zip(&st.kinds)
            .map(|(t, ks)| self.kind_value(t, ks.gtot, ks.btot))
            .sum();
        sum / self.kinds.len() as f64
    }

    /// `score_K = (G_K + S_K)/2` from `Σ_g |g|·value_g` and `Σ_b max_g O(g, b)`.
    fn kind_value(&self, t: &KindTable, gnum: f64, bnum: f64) -> f64 {
        let (g, s) = self.sides(t, gnum, bnum);
        (g + s) / 2.0
    }

    /// `(G_K, S_K)` from `Σ_g |g|·value_g` and `Σ_b max_g O(g, b)`.
    fn sides(&self, t: &KindTable, gnum: f64, bnum: f64) -> (f64, f64) {
        let g = if self.total > 0.0 {
            gnum / self.total
        } else {
            1.0
        };
        let s = if t.sel_total > 0.0 {
            (bnum / t.sel_total).min(1.0)
        } else {
            1.0
        };
        (g, s)
    }

    /// Zeroes one kind's accumulations.
    fn end_kind(&self, t: &KindTable, s: &mut Scratch) {
        let nb = t.bodies.len().max(1);
        for &(g, j) in &s.touched {
            if let Some(a) = s.acc.get_mut(g * nb + j) {
                *a = 0.0;
            }
            if let Some(x) = s.gsum.get_mut(g) {
                *x = 0.0;
            }
            if let Some(x) = s.gmax.get_mut(g) {
                *x = 0.0;
            }
            if let Some(x) = s.gmaxj.get_mut(g) {
                *x = u32::MAX;
            }
            if let Some(x) = s.gnest.get_mut(g) {
                *x = 0.0;
            }
            if let Some(x) = s.bmax.get_mut(j) {
                *x = 0.0;
            }
            if let Some(x) = s.bmaxg.get_mut(j) {
                *x = usize::MAX;
            }
        }
        s.touched.clear();
    }
}

/// `n / d` within 0..=1; 0 when there is nothing to divide by.
fn ratio(n: f64, d: f64) -> f64 {
    if d > 0.0 {
        (n / d).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// How the single group `areas` fits the bodies of `kind`: the group side of [`Scorer`]
/// for a partition of `areas` into one group.
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
/// // {B, C} holds half of P1 and all of P2: misaligned; its main body P1 holds half its
/// // people, and P2, wholly inside it, the other half: max(0.5, 0.5) = 0.5.
/// let g = fit(&m, &[1, 2], &BodyKind::PoliceForce);
/// assert_eq!(g.relation, Relation::Misaligned);
/// assert_eq!(g.alignment, 0.5);
/// ```
pub fn fit(model: &Model, areas: &[AreaIx], kind: &BodyKind) -> KindFit {
    let mut a = areas.to_vec();
    a.sort_unstable();
    a.dedup();
    let scorer = Scorer::new(model, &a, std::slice::from_ref(kind));
    let mut report = scorer.report(&vec![0; a.len()]);
    report
        .groups
        .pop()
        .and_then(|mut g| g.kinds.pop())
        .unwrap_or(KindFit {
            kind: kind.clone(),
            relation: Relation::Disjoint,
            class: Class::Uncovered,
            index: 0.0,
            alignment: 0.0,
            main_body: None,
            main_share: 0.0,
            bodies: Vec::new(),
        })
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
    crate::order::sort(&mut k);
    k.dedup();
    k
}

/// Constraints on suggested groupings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Band {
    /// Smallest population of a group (0 = none).
    pub min: f64,
    /// Largest population of a group (infinity = none).
    pub max: f64,
    /// Exactly this many groups, when set.
    pub groups: Option<usize>,
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
    /// The overall score ([`Scorer::value`]), 0..=1.
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

/// Suggests a partition of `areas` into groups within `opts.band`, maximising the
/// overall score ([`Scorer::value`]) against `kinds`: exhaustive search up to [`EXACT_LIMIT`] areas (optimal), the
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
    let scorer = Scorer::new(model, &areas, kinds);
    let f = |assign: &[usize]| scorer.value(assign);
    let mut tracked = Tracked {
        scorer: &scorer,
        state: scorer.state(&[]),
    };
    let exact = match opts.method {
        Method::Auto => areas.len() <= EXACT_LIMIT,
        Method::Exhaustive => true,
        Method::Search => false,
    };
    let found = if exact {
        super::regions::exhaustive(&problem, &f, progress)
    } else {
        super::regions::search_with(&problem, &mut tracked, opts.seed, progress)
    }?;
    let groups = groups_of(&areas, &found.assign);
    Some(Suggestion {
        contiguous: groups.iter().map(|g| full.contiguity(g)).collect(),
        groups,
        score: found.value,
        exact: exact && found.complete,
        contiguity,
        complete: found.complete,
    })
}

/// The score as the regionalisation search's objective: each trial move is priced by
/// [`Scorer::delta`] rather than a full evaluation.
struct Tracked<'s> {
    scorer: &'s Scorer,
    state: State,
}

impl super::regions::Objective for Tracked<'_> {
    fn value(&self, assign: &[usize]) -> f64 {
        self.scorer.value(assign)
    }
    fn reset(&mut self, assign: &[usize]) {
        self.state = self.scorer.state(assign);
    }
    fn current(&self) -> f64 {
        self.state.value
    }
    fn delta(&self, i: usize, to: usize) -> f64 {
        self.scorer.delta(&self.state, i, to)
    }
    fn apply(&mut self, i: usize, to: usize) {
        self.scorer.apply(&mut self.state, i, to);
    }
}

/// The groups of an assignment, as sorted lists of area indices, sorted.
fn groups_of(areas: &[AreaIx], assign: &[usize]) -> Vec<Vec<AreaIx>> {
    let k = assign.iter().max().map_or(0, |m| m.saturating_add(1));
    let mut groups: Vec<Vec<AreaIx>> = vec![Vec::new(); k];
    for (&g, &x) in assign.iter().zip(areas) {
        if let Some(v) = groups.get_mut(g) {
            v.push(x);
        }
    }
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.retain(|g| !g.is_empty());
    crate::order::sort(&mut groups);
    groups
}
