//! The service-alignment atlas: for two kinds of service A and B (police and fire, police
//! and ICBs, ICBs and upper-tier councils, …), how each body of A lines up with the bodies
//! of B that overlap it.
//!
//! ## Pieces and slivers
//! For a body `a` of A and a body `b` of B, the *piece* of area x they share is
//! `min(a(x), b(x))` of the area's people (the covered parts are assumed to coincide as far
//! as they can; when several B bodies share an area that `a` covers only in part, `a`'s part
//! is divided among them in proportion, so the pieces never add up to more than `a(x)`).
//!
//! A piece no larger than the sliver tolerance `t` of its area's people (default 2%,
//! `meta.sliver_tolerance`) is a **sliver**: it is left out of every figure below and listed
//! in the row's [`Row::slivers`], so that nothing is dropped silently. The part of `a(x)`
//! that no B body covers is *uncovered* when it is more than `t` of the area.
//!
//! ## Figures
//! With weights `w(x)` (the area's population; the number of areas where a population is
//! missing, or where the body has no people at all):
//!
//! * `shared(a, b) = Σ w·piece` over the pieces that are not slivers;
//! * `a_in_b = shared / |a|` and `b_in_a = shared / |b|`, with `|a| = Σ w·a(x)`;
//! * `b` *nests in* `a` when `b_in_a ≥ 1 − t`.
//!
//! ## Classes
//!
//! | class | rule |
//! |---|---|
//! | `coterminous` | one B holds ≥ 1−t of a's people, and a holds ≥ 1−t of that B's |
//! | `inside` | one B holds ≥ 1−t of a's people (a lies inside a larger B) |
//! | `contains_several` | two or more B nest in a and together hold ≥ 1−t of its people |
//! | `partly_covered` | the B that touch a nest in it (or hold no more than t of its people between them), but cover only part of it: the rest has no B at all (a police area and the one combined authority inside it) |
//! | `misaligned` | anything else that overlaps: B bodies cross a's boundary |
//! | `uncovered` | no B touches a, apart from slivers and overlaps within t |
//!
//! The **people aligned** in a row are a's people in B bodies that nest in it, plus its
//! people in the B body that holds more than half of it (a council lying 77% inside one ICB
//! is 77% aligned, not 0). A cell's **aligned share** is the people aligned over the people
//! of A, summed over its rows.
//!
//! Complexity: the atlas builds, per layer, an inverted index from area to bodies once
//! (O(Σ footprints)); a cell then costs O(Σ over A's bodies of footprint × k) for k bodies
//! of B per area. The whole atlas of England (7 layers present, 42 cells) takes well under
//! a millisecond natively (see the `coterminosity` benchmark).

use super::coterminosity::Weighting;
use crate::findings::whole_people;
use crate::index::{AreaIx, Model};
use crate::model::BodyKind;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// One axis of the atlas: a kind of service. Most are one body kind; the two council tiers
/// gather several (a unitary council is both upper and lower tier).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    /// Bodies of one kind (the file format's kind name).
    Kind(BodyKind),
    /// County, unitary, metropolitan district and London borough councils.
    UpperTierCouncil,
    /// District, unitary, metropolitan district and London borough councils.
    LowerTierCouncil,
}

impl Serialize for Layer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Layer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Layer, D::Error> {
        let name = String::deserialize(d)?;
        Layer::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("not a service layer: {name}")))
    }
}

impl Layer {
    /// The service layers the atlas covers, in display order (those present in a map are
    /// used).
    pub fn standard() -> [Layer; 10] {
        [
            Layer::Kind(BodyKind::PoliceForce),
            Layer::Kind(BodyKind::Pcc),
            Layer::Kind(BodyKind::FireAuthority),
            Layer::Kind(BodyKind::Icb),
            Layer::Kind(BodyKind::Probation),
            Layer::UpperTierCouncil,
            Layer::LowerTierCouncil,
            Layer::Kind(BodyKind::CommunitySafetyPartnership),
            Layer::Kind(BodyKind::CombinedAuthority),
            Layer::Kind(BodyKind::SkillsArea),
        ]
    }

    /// Stable name: the kind name for one kind, `upper_tier_council` or
    /// `lower_tier_council` for the tiers.
    pub fn as_str(&self) -> &str {
        match self {
            Layer::Kind(k) => k.as_str(),
            Layer::UpperTierCouncil => "upper_tier_council",
            Layer::LowerTierCouncil => "lower_tier_council",
        }
    }

    /// Reads a layer name: any body kind name, or one of the two tiers.
    ///
    /// ```
    /// use pmap_core::analysis::alignment::Layer;
    /// use pmap_core::model::BodyKind;
    /// assert_eq!(Layer::parse("police_force"), Some(Layer::Kind(BodyKind::PoliceForce)));
    /// assert_eq!(Layer::parse("upper_tier_council"), Some(Layer::UpperTierCouncil));
    /// assert_eq!(Layer::parse("nonsense"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Layer> {
        let n = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match n.as_str() {
            "upper_tier_council" | "upper_tier" => Some(Layer::UpperTierCouncil),
            "lower_tier_council" | "lower_tier" => Some(Layer::LowerTierCouncil),
            _ => match BodyKind::from(n) {
                BodyKind::Other(_) => None,
                k => Some(Layer::Kind(k)),
            },
        }
    }

    /// True when bodies of `kind` belong to this layer.
    pub fn contains(&self, kind: &BodyKind) -> bool {
        use BodyKind as K;
        match self {
            Layer::Kind(k) => k == kind,
            Layer::UpperTierCouncil => matches!(
                kind,
                K::CountyCouncil | K::UnitaryCouncil | K::MetropolitanDistrict | K::LondonBorough
            ),
            Layer::LowerTierCouncil => matches!(
                kind,
                K::DistrictCouncil | K::UnitaryCouncil | K::MetropolitanDistrict | K::LondonBorough
            ),
        }
    }

    /// One body of the layer, in a sentence: "police force area".
    pub fn one(&self) -> &str {
        use BodyKind as K;
        match self {
            Layer::UpperTierCouncil => "upper-tier council",
            Layer::LowerTierCouncil => "lower-tier council",
            Layer::Kind(K::PoliceForce) => "police force area",
            Layer::Kind(K::Pcc) => "police and crime commissioner",
            Layer::Kind(K::FireAuthority) => "fire and rescue authority",
            Layer::Kind(K::Icb) => "integrated care board",
            Layer::Kind(K::Probation) => "probation region",
            Layer::Kind(K::CommunitySafetyPartnership) => "community safety partnership",
            Layer::Kind(K::CombinedAuthority) => "combined authority",
            Layer::Kind(K::SkillsArea) => "skills area",
            Layer::Kind(k) => k.label(),
        }
    }

    /// Several bodies of the layer: "police force areas".
    pub fn many(&self) -> String {
        use BodyKind as K;
        match self {
            Layer::Kind(K::Pcc) => "police and crime commissioners".to_string(),
            Layer::Kind(K::FireAuthority) => "fire and rescue authorities".to_string(),
            Layer::Kind(K::CombinedAuthority) => "combined authorities".to_string(),
            Layer::Kind(k)
                if !matches!(
                    k,
                    K::PoliceForce
                        | K::Icb
                        | K::Probation
                        | K::CommunitySafetyPartnership
                        | K::SkillsArea
                ) =>
            {
                crate::findings::kind_many(k)
            }
            _ => format!("{}s", self.one()),
        }
    }

    /// A heading for a table or matrix: "Police force areas".
    pub fn label(&self) -> String {
        let many = self.many();
        let mut c = many.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => many,
        }
    }
}

/// How a body of A lines up with the bodies of B (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// One B, the same people (within the tolerance).
    Coterminous,
    /// Two or more whole B inside A that together make it up.
    ContainsSeveral,
    /// A lies inside one larger B.
    Inside,
    /// The B that touch A lie inside it, but part of A has no B.
    PartlyCovered,
    /// B boundaries cross A's.
    Misaligned,
    /// No B overlaps A.
    Uncovered,
}

impl Class {
    /// Every class, in display order (best aligned first).
    pub const ALL: [Class; 6] = [
        Class::Coterminous,
        Class::ContainsSeveral,
        Class::Inside,
        Class::PartlyCovered,
        Class::Misaligned,
        Class::Uncovered,
    ];

    /// Stable name, also a CSS modifier: `contains_several`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Coterminous => "coterminous",
            Class::ContainsSeveral => "contains_several",
            Class::Inside => "inside",
            Class::PartlyCovered => "partly_covered",
            Class::Misaligned => "misaligned",
            Class::Uncovered => "uncovered",
        }
    }

    /// A plain-English label: "Contains several whole ones".
    pub fn label(self) -> &'static str {
        match self {
            Class::Coterminous => "Coterminous",
            Class::ContainsSeveral => "Contains several whole ones",
            Class::Inside => "Lies inside one",
            Class::PartlyCovered => "Partly covered, edges aligned",
            Class::Misaligned => "Misaligned",
            Class::Uncovered => "Not covered",
        }
    }

    /// True for the classes where A and B line up (no B crosses A's boundary).
    pub fn is_aligned(self) -> bool {
        matches!(
            self,
            Class::Coterminous | Class::ContainsSeveral | Class::Inside | Class::PartlyCovered
        )
    }
}

/// One B body that overlaps a row's A body (beyond slivers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Index of the B body.
    pub body: usize,
    /// Share of A's people that live in this B.
    pub a_in_b: f64,
    /// Share of this B's people that live in A.
    pub b_in_a: f64,
    /// The shared people (or areas, with [`Weighting::AreaCount`]).
    pub shared: f64,
    /// The shared people, when populations are known.
    pub people_shared: Option<u64>,
    /// This B's people who live outside A, when populations are known.
    pub people_outside: Option<u64>,
    /// True when this B nests in A (`b_in_a ≥ 1 − t`).
    pub nests: bool,
}

/// A piece of an area, too small to count, that a B body shares with A.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sliver {
    /// Index of the B body.
    pub body: usize,
    /// The area.
    pub area: AreaIx,
    /// The piece, as a share of the area's people (≤ the tolerance).
    pub share: f64,
    /// People in the piece, when the population is known.
    pub people: Option<u64>,
}

/// One body of A, against the bodies of B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Index of the A body.
    pub a: usize,
    /// Its class.
    pub class: Class,
    /// The B bodies it overlaps beyond slivers, largest share of A first.
    pub b: Vec<Share>,
    /// Slivers left out of the figures (listed, never dropped).
    pub slivers: Vec<Sliver>,
    /// What the figures are weighted by.
    pub weighting: Weighting,
    /// A's size: people (or areas).
    pub size: f64,
    /// A's people (or areas) where A and B line up (see the module docs).
    pub aligned: f64,
    /// A's people (or areas) that no B covers, beyond slivers.
    pub uncovered: f64,
    /// A's size counted in areas (for summaries that must fall back to counting).
    pub size_areas: f64,
    /// [`Row::aligned`] counted in areas.
    pub aligned_areas: f64,
}

impl Row {
    /// A's people, when populations are known.
    pub fn people(&self) -> Option<u64> {
        (self.weighting == Weighting::Population).then(|| whole_people(self.size))
    }

    /// Share of A's people where A and B line up, 0..=1.
    pub fn aligned_share(&self) -> f64 {
        ratio(self.aligned, self.size)
    }

    /// The B body holding the largest share of A, if any.
    pub fn main(&self) -> Option<&Share> {
        self.b.first()
    }

    /// A's people (or areas) in parts cut by a B that neither nests in A nor holds most of
    /// it: the people the misalignment reaches. Slivers and uncovered parts are not counted.
    pub fn cut(&self) -> f64 {
        (self.size - self.aligned - self.uncovered).max(0.0)
    }
}

/// The figures for a whole cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Rows per class (every class present, zeros included).
    pub counts: BTreeMap<Class, usize>,
    /// What `people` and `aligned` count.
    pub weighting: Weighting,
    /// People of A (or areas).
    pub people: f64,
    /// People of A where A and B line up (or areas).
    pub aligned: f64,
    /// `aligned / people`, 0..=1.
    pub aligned_share: f64,
    /// Rows whose class lines up (coterminous, contains several, inside, partly covered).
    pub rows_aligned: usize,
}

/// One cell of the atlas: every body of layer `a` against layer `b`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The rows' layer.
    pub a: Layer,
    /// The layer they are compared with.
    pub b: Layer,
    /// One row per body of `a`, in body order.
    pub rows: Vec<Row>,
    /// Counts and the aligned share.
    pub summary: Summary,
}

impl Cell {
    /// The rows of one class.
    pub fn rows_of(&self, class: Class) -> impl Iterator<Item = &Row> + '_ {
        self.rows.iter().filter(move |r| r.class == class)
    }

    /// The cell in the check command's shape, with ids and names:
    /// `{a_kind, b_kind, rows: [{a, a_name, class, b: [{id, name, a_in_b, b_in_a,
    /// people_shared}]}], counts}`.
    pub fn report(&self, model: &Model) -> CellReport {
        let id = |i: usize| model.body(i).map(|b| b.id.clone()).unwrap_or_default();
        CellReport {
            a_kind: self.a.as_str().to_string(),
            b_kind: self.b.as_str().to_string(),
            rows: self
                .rows
                .iter()
                .map(|r| RowReport {
                    a: id(r.a),
                    a_name: model.body_name(r.a).to_string(),
                    class: r.class,
                    b: r.b
                        .iter()
                        .map(|s| ShareReport {
                            id: id(s.body),
                            name: model.body_name(s.body).to_string(),
                            a_in_b: round4(s.a_in_b),
                            b_in_a: round4(s.b_in_a),
                            people_shared: s.people_shared,
                        })
                        .collect(),
                })
                .collect(),
            counts: self
                .summary
                .counts
                .iter()
                .map(|(c, n)| (c.as_str().to_string(), *n))
                .collect(),
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// [`Cell::report`]: the JSON `pmap-check --alignment` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellReport {
    /// Layer name of the rows.
    pub a_kind: String,
    /// Layer name compared with.
    pub b_kind: String,
    /// One per body of A.
    pub rows: Vec<RowReport>,
    /// Rows per class name.
    pub counts: BTreeMap<String, usize>,
}

/// One row of a [`CellReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowReport {
    /// A's id.
    pub a: String,
    /// A's name.
    pub a_name: String,
    /// Its class.
    pub class: Class,
    /// The B bodies it overlaps.
    pub b: Vec<ShareReport>,
}

/// One B of a [`RowReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareReport {
    /// B's id.
    pub id: String,
    /// B's name.
    pub name: String,
    /// Share of A inside B (4 decimals).
    pub a_in_b: f64,
    /// Share of B inside A (4 decimals).
    pub b_in_a: f64,
    /// People shared, when populations are known.
    pub people_shared: Option<u64>,
}

/// A layer present in the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerInfo {
    /// The layer.
    pub layer: Layer,
    /// Its heading, "Police force areas".
    pub label: String,
    /// How many of its bodies have a footprint.
    pub bodies: usize,
}

/// Every cell for every ordered pair of the layers present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Atlas {
    /// The sliver tolerance used.
    pub tolerance: f64,
    /// The layers present, in [`Layer::standard`] order.
    pub layers: Vec<LayerInfo>,
    /// Cells, row-major: for each layer A, every other layer B in order.
    pub cells: Vec<Cell>,
}

impl Atlas {
    /// The cell of `a` against `b`.
    pub fn cell(&self, a: &Layer, b: &Layer) -> Option<&Cell> {
        self.cells.iter().find(|c| &c.a == a && &c.b == b)
    }
}

/// `n / d` within 0..=1; 0 (never −0 or NaN) when there is nothing to divide by.
fn ratio(n: f64, d: f64) -> f64 {
    let r = if d > 0.0 { n / d } else { 0.0 };
    if r > 0.0 {
        r.min(1.0)
    } else {
        0.0
    }
}

/// The bodies of one layer with an inverted index from area to (body, share), stored
/// compactly (offsets into one list).
struct LayerIndex {
    layer: Layer,
    bodies: Vec<usize>,
    offsets: Vec<u32>,
    entries: Vec<(u32, f64)>,
    /// Every area its bodies cover has a population.
    populated: bool,
}

impl LayerIndex {
    fn build(model: &Model, layer: Layer, bodies: Vec<usize>) -> LayerIndex {
        let n = model.areas().len();
        let mut counts = vec![0u32; n + 1];
        let mut populated = true;
        for &b in &bodies {
            for &(x, _) in model.footprint(b) {
                if let Some(c) = counts.get_mut(x as usize + 1) {
                    *c += 1;
                }
                populated &= model.population(x).is_some();
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut entries = vec![(0u32, 0.0); counts.last().copied().unwrap_or(0) as usize];
        for &b in &bodies {
            for &(x, s) in model.footprint(b) {
                if let Some(pos) = fill.get_mut(x as usize) {
                    if let Some(e) = entries.get_mut(*pos as usize) {
                        *e = (b as u32, s);
                    }
                    *pos += 1;
                }
            }
        }
        LayerIndex {
            layer,
            bodies,
            offsets: counts,
            entries,
            populated,
        }
    }

    fn at(&self, x: AreaIx) -> &[(u32, f64)] {
        let (Some(&s), Some(&e)) = (
            self.offsets.get(x as usize),
            self.offsets.get(x as usize + 1),
        ) else {
            return &[];
        };
        self.entries.get(s as usize..e as usize).unwrap_or(&[])
    }
}

/// Body sizes, in people and in areas, computed once.
struct Sizes {
    people: Vec<f64>,
    areas: Vec<f64>,
}

impl Sizes {
    fn of(model: &Model) -> Sizes {
        let n = model.bodies().len();
        let mut people = vec![0.0; n];
        let mut areas = vec![0.0; n];
        for i in 0..n {
            for &(x, s) in model.footprint(i) {
                people[i] += model.population(x).unwrap_or(0.0) * s;
                areas[i] += s;
            }
        }
        Sizes { people, areas }
    }
}

/// The layers present in a map (those with at least one body with a footprint), in
/// [`Layer::standard`] order.
pub fn layers_present(model: &Model) -> Vec<Layer> {
    Layer::standard()
        .into_iter()
        .filter(|l| layer_bodies(model, l).next().is_some())
        .collect()
}

fn layer_bodies<'m>(model: &'m Model, layer: &'m Layer) -> impl Iterator<Item = usize> + 'm {
    model
        .bodies()
        .iter()
        .enumerate()
        .filter(move |(i, b)| layer.contains(&b.kind) && !model.footprint(*i).is_empty())
        .map(|(i, _)| i)
}

/// The whole atlas: every ordered pair of the layers present.
///
/// ```
/// use pmap_core::{load, analysis::alignment::{atlas, Class, Layer}, model::BodyKind};
/// // One police area over two districts; a fire authority for each district.
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000001","name":"East","population":100},
///            {"code":"E07000002","name":"West","population":300}],
///   "bodies":[
///     {"id":"p","name":"Shire Police","kind":"police_force","covers":["E07000001","E07000002"]},
///     {"id":"f1","name":"East Fire","kind":"fire_authority","covers":["E07000001"]},
///     {"id":"f2","name":"West Fire","kind":"fire_authority","covers":["E07000002"]}]}"#)
///   .unwrap().model;
/// let a = atlas(&m);
/// let police = Layer::Kind(BodyKind::PoliceForce);
/// let fire = Layer::Kind(BodyKind::FireAuthority);
/// let cell = a.cell(&police, &fire).unwrap();
/// assert_eq!(cell.rows[0].class, Class::ContainsSeveral);
/// assert_eq!(cell.summary.aligned_share, 1.0);
/// let back = a.cell(&fire, &police).unwrap();
/// assert!(back.rows.iter().all(|r| r.class == Class::Inside));
/// ```
pub fn atlas(model: &Model) -> Atlas {
    let sizes = Sizes::of(model);
    let indexes: Vec<LayerIndex> = layers_present(model)
        .into_iter()
        .map(|l| {
            let bodies = layer_bodies(model, &l).collect();
            LayerIndex::build(model, l, bodies)
        })
        .collect();
    let mut cells = Vec::with_capacity(indexes.len() * indexes.len().saturating_sub(1));
    for a in &indexes {
        for b in &indexes {
            if a.layer != b.layer {
                cells.push(cell_with(model, &sizes, a, b));
            }
        }
    }
    Atlas {
        tolerance: model.tolerance(),
        layers: indexes
            .iter()
            .map(|i| LayerInfo {
                label: i.layer.label(),
                layer: i.layer.clone(),
                bodies: i.bodies.len(),
            })
            .collect(),
        cells,
    }
}

/// One cell: every body of layer `a` against the bodies of layer `b`.
///
/// ```
/// use pmap_core::{load, analysis::alignment::{cell, Class, Layer}, model::BodyKind};
/// // Hart lies 76% in NHS Frimley ICB (with Rushmoor) and 24% in NHS Hampshire and Isle
/// // of Wight ICB (with Basingstoke and Deane).
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart","population":101542},
///            {"code":"E07000092","name":"Rushmoor","population":102908},
///            {"code":"E07000084","name":"Basingstoke and Deane","population":191185}],
///   "bodies":[
///     {"id":"hart","name":"Hart","kind":"district_council","covers":["E07000089"]},
///     {"id":"frimley","name":"NHS Frimley ICB","kind":"icb",
///      "covers":[{"area":"E07000089","share":0.7627},"E07000092"]},
///     {"id":"hiow","name":"NHS HIOW ICB","kind":"icb",
///      "covers":[{"area":"E07000089","share":0.2373},"E07000084"]}]}"#)
///   .unwrap().model;
/// let c = cell(&m, &Layer::LowerTierCouncil, &Layer::Kind(BodyKind::Icb));
/// let hart = &c.rows[0];
/// assert_eq!(hart.class, Class::Misaligned);
/// assert_eq!(m.body_name(hart.b[0].body), "NHS Frimley ICB");
/// assert!((hart.aligned_share() - 0.7627).abs() < 1e-9); // its main ICB, not 0
/// ```
pub fn cell(model: &Model, a: &Layer, b: &Layer) -> Cell {
    let sizes = Sizes::of(model);
    let ia = LayerIndex::build(model, a.clone(), layer_bodies(model, a).collect());
    let ib = LayerIndex::build(model, b.clone(), layer_bodies(model, b).collect());
    cell_with(model, &sizes, &ia, &ib)
}

/// One body against an arbitrary group of bodies (e.g. every fire authority), classed as
/// a row of the atlas.
pub fn row_against(model: &Model, a: usize, group: &[usize]) -> Row {
    let sizes = Sizes::of(model);
    let mut bodies: Vec<usize> = group.iter().copied().filter(|&g| g != a).collect();
    bodies.sort_unstable();
    bodies.dedup();
    let populated = model
        .footprint(a)
        .iter()
        .all(|&(x, _)| model.population(x).is_some());
    let ib = LayerIndex::build(model, Layer::Kind(BodyKind::Other(String::new())), bodies);
    row(model, &sizes, a, &ib, populated && ib.populated)
}

fn cell_with(model: &Model, sizes: &Sizes, a: &LayerIndex, b: &LayerIndex) -> Cell {
    let populated = a.populated && b.populated;
    let rows: Vec<Row> = a
        .bodies
        .iter()
        .map(|&i| row(model, sizes, i, b, populated))
        .collect();
    let mut counts: BTreeMap<Class, usize> = Class::ALL.iter().map(|&c| (c, 0)).collect();
    for r in &rows {
        *counts.entry(r.class).or_insert(0) += 1;
    }
    let rows_aligned = rows.iter().filter(|r| r.class.is_aligned()).count();
    let by_people = rows.iter().all(|r| r.weighting == Weighting::Population);
    let (people, aligned) = if by_people {
        (
            rows.iter().map(|r| r.size).sum::<f64>(),
            rows.iter().map(|r| r.aligned).sum::<f64>(),
        )
    } else {
        (
            rows.iter().map(|r| r.size_areas).sum::<f64>(),
            rows.iter().map(|r| r.aligned_areas).sum::<f64>(),
        )
    };
    Cell {
        a: a.layer.clone(),
        b: b.layer.clone(),
        rows,
        summary: Summary {
            counts,
            weighting: if by_people {
                Weighting::Population
            } else {
                Weighting::AreaCount
            },
            people,
            aligned,
            aligned_share: ratio(aligned, people),
            rows_aligned,
        },
    }
}

/// Shared amounts for one B body, in people and in areas.
#[derive(Clone, Copy)]
struct Acc {
    body: usize,
    people: f64,
    areas: f64,
}

fn row(model: &Model, sizes: &Sizes, a: usize, b: &LayerIndex, populated: bool) -> Row {
    let tol = model.tolerance();
    let mut acc: Vec<Acc> = Vec::new();
    let mut slivers = Vec::new();
    let (mut unc_people, mut unc_areas) = (0.0, 0.0);
    for &(x, sa) in model.footprint(a) {
        let pop = model.population(x);
        let w = pop.unwrap_or(0.0);
        let mut covered = 0.0;
        for (bi, piece) in pieces(sa, b.at(x)) {
            let bi = bi as usize;
            covered += piece;
            if piece <= tol {
                slivers.push(Sliver {
                    body: bi,
                    area: x,
                    share: piece,
                    people: pop.map(|p| (p * piece).round() as u64),
                });
                continue;
            }
            match acc.iter_mut().find(|e| e.body == bi) {
                Some(e) => {
                    e.people += w * piece;
                    e.areas += piece;
                }
                None => acc.push(Acc {
                    body: bi,
                    people: w * piece,
                    areas: piece,
                }),
            }
        }
        let rest = sa - covered.min(sa);
        if rest > tol {
            unc_people += w * rest;
            unc_areas += rest;
        }
    }
    let size_people = sizes.people.get(a).copied().unwrap_or(0.0);
    let size_areas = sizes.areas.get(a).copied().unwrap_or(0.0);
    // Population weighting needs every population, and some people to weigh.
    let by_people = populated && size_people > 0.0;
    let weighting = if by_people {
        Weighting::Population
    } else {
        Weighting::AreaCount
    };
    let mut shares: Vec<Share> = acc
        .iter()
        .map(|e| {
            let bp = sizes.people.get(e.body).copied().unwrap_or(0.0);
            let ba = sizes.areas.get(e.body).copied().unwrap_or(0.0);
            let (shared, a_in_b) = if by_people {
                (e.people, ratio(e.people, size_people))
            } else {
                (e.areas, ratio(e.areas, size_areas))
            };
            let b_in_a = if by_people && bp > 0.0 {
                ratio(e.people, bp)
            } else {
                ratio(e.areas, ba)
            };
            Share {
                body: e.body,
                a_in_b,
                b_in_a,
                shared,
                people_shared: by_people.then(|| whole_people(e.people)),
                people_outside: by_people.then(|| whole_people((bp - e.people).max(0.0))),
                nests: b_in_a >= 1.0 - tol,
            }
        })
        .collect();
    crate::order::sort_by(&mut shares, |x, y| {
        y.a_in_b.total_cmp(&x.a_in_b).then(x.body.cmp(&y.body))
    });
    crate::order::sort_by(&mut slivers, |x, y| {
        x.area.cmp(&y.area).then(x.body.cmp(&y.body))
    });

    let class = classify(&shares, tol);
    // People aligned: in B bodies nesting in A, and in the B holding most of A.
    let aligned_of = |s: &Share| s.nests || s.a_in_b > 0.5;
    let aligned: f64 = shares
        .iter()
        .filter(|s| aligned_of(s))
        .map(|s| s.shared)
        .sum();
    let aligned_areas: f64 = shares
        .iter()
        .filter(|s| aligned_of(s))
        .filter_map(|s| acc.iter().find(|e| e.body == s.body))
        .map(|e| e.areas)
        .sum();
    Row {
        a,
        class,
        b: shares,
        slivers,
        weighting,
        size: if by_people { size_people } else { size_areas },
        aligned,
        uncovered: if by_people { unc_people } else { unc_areas },
        size_areas,
        aligned_areas,
    }
}

/// The pieces of one area that the B bodies `here` (body, share) share with an A covering
/// `sa` of it: `min(sa, sb)`, scaled down in proportion when several B share a part of the
/// area and together would hold more than `sa` (see the module docs). Slivers are included;
/// the caller leaves out pieces no larger than the tolerance.
pub(crate) fn pieces(sa: f64, here: &[(u32, f64)]) -> impl Iterator<Item = (u32, f64)> + '_ {
    let raw: f64 = here.iter().map(|&(_, sb)| sa.min(sb)).sum();
    let scale = if raw > sa && raw > 0.0 { sa / raw } else { 1.0 };
    here.iter().map(move |&(b, sb)| (b, sa.min(sb) * scale))
}

/// The class of a row from its shares (sorted, largest `a_in_b` first).
fn classify(shares: &[Share], tol: f64) -> Class {
    let (main_a_in_b, main_b_in_a) = shares.first().map_or((0.0, 0.0), |m| (m.a_in_b, m.b_in_a));
    let nested: f64 = shares.iter().filter(|s| s.nests).map(|s| s.a_in_b).sum();
    let cut: f64 = shares.iter().filter(|s| !s.nests).map(|s| s.a_in_b).sum();
    class_of(main_a_in_b, main_b_in_a, nested, cut, tol)
}

/// The class from a row's figures (the table in the module docs): the main B's `a_in_b`
/// and `b_in_a`, and the shares of A in B bodies that nest in it (`nested`) and in those
/// that do not (`cut`). Shared by the atlas and the grouping scores
/// ([`super::grouping::Scorer`]), so the two always agree.
///
/// ```
/// use pmap_core::analysis::alignment::{class_of, Class};
/// assert_eq!(class_of(1.0, 0.3, 0.0, 1.0, 0.02), Class::Inside);
/// assert_eq!(class_of(0.5, 1.0, 1.0, 0.0, 0.02), Class::ContainsSeveral);
/// assert_eq!(class_of(0.77, 0.2, 0.0, 1.0, 0.02), Class::Misaligned);
/// assert_eq!(class_of(0.0, 0.0, 0.0, 0.0, 0.02), Class::Uncovered);
/// ```
pub fn class_of(main_a_in_b: f64, main_b_in_a: f64, nested: f64, cut: f64, tol: f64) -> Class {
    let full = 1.0 - tol;
    if main_a_in_b >= full {
        return if main_b_in_a >= full {
            Class::Coterminous
        } else {
            Class::Inside
        };
    }
    if nested >= full {
        Class::ContainsSeveral
    } else if cut <= tol {
        if nested > 0.0 {
            Class::PartlyCovered
        } else {
            Class::Uncovered
        }
    } else {
        Class::Misaligned
    }
}
