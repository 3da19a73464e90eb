//! Partnership load: the boards each body must sit on by law, beside the ones it does sit on,
//! and the seats an aligned arrangement would save.
//!
//! **Required boards.** For every partnership P of a kind with a statutory membership rule
//! ([`Rule::for_partnership`]: community safety partnerships, health and wellbeing boards,
//! children's trusts, LSPs), [`statutory_partners`] lists the bodies that must be members
//! because *any part* of their area falls within P's. Inverting that gives, for each body,
//! the boards it must sit on, each with the law that says so.
//!
//! **Actual boards.** The partnerships a body is `member_of` or `chairs`.
//!
//! **Load** = |required ∪ actual|, the boards the body is expected at. For a person it is the
//! partnerships among their `seats`.
//!
//! **Aligned saving.** Where boards of one kind are drawn on small areas, a body whose area
//! spans many of them needs a seat on each. An aligned arrangement would have one board of
//! that kind per area of a wider service, as the table says:
//!
//! | boards | aligned to | e.g. |
//! |---|---|---|
//! | community safety partnerships | police force areas | one CSP per police area |
//! | children's trusts | police force areas | one children's partnership per police area, as the safeguarding partners (council, ICB, police) often already are |
//! | health and wellbeing boards | ICB areas | one (joint, HSCA 2012 s198) board per ICB |
//!
//! For a body (or person) X with `n_K` boards of kind K in its load, the aligned arrangement
//! needs `a_K` seats: 1 when X is itself a body of the unit kind (a police force spans one
//! police area), otherwise the number of unit bodies whose footprint overlaps X's by more
//! than the sliver tolerance, at least 1 (the same test as
//! [`super::grouping::fit`]). The saving is `Σ_K max(0, n_K − a_K)`. A person's footprint
//! is their body's, or else the union of their boards'. Kinds with no unit (LSPs, executive
//! boards, thematic groups) save nothing: they already follow one council's area.
//!
//! Complexity: O(P × B × F) for the required boards (P statutory partnerships, B bodies,
//! F the size of a footprint), O(L) for the actual ones, and O(B × U × F) for the savings
//! (U unit bodies).

use super::coterminosity::overlap;
use super::statutory::{statutory_partners, Rule};
use crate::index::{AreaIx, Cells, Model};
use crate::model::{BodyKind, LinkKind, DEFAULT_LOAD_THRESHOLD};
use serde::Serialize;
use std::collections::BTreeMap;

/// A board a body must sit on, and the law that says so.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredSeat {
    /// The board's id.
    pub board: String,
    /// The rule that makes the body a member.
    pub rule: Rule,
}

/// The seats of one kind of board that an aligned arrangement would need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedSaving {
    /// The kind of board, e.g. community safety partnership.
    pub kind: BodyKind,
    /// The kind of body whose areas the boards would follow, e.g. police force.
    pub unit: BodyKind,
    /// Boards of this kind in the load now.
    pub boards: usize,
    /// Seats needed if there were one board per unit area.
    pub aligned: usize,
}

impl AlignedSaving {
    /// Seats saved: `max(0, boards − aligned)`.
    pub fn saved(&self) -> usize {
        self.boards.saturating_sub(self.aligned)
    }
}

/// One body's partnership load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BodyLoad {
    /// Body id.
    pub body: String,
    /// Boards it must sit on by law, in body order.
    pub required: Vec<RequiredSeat>,
    /// Boards it sits on (`member_of` or `chairs`), in body order.
    pub actual: Vec<String>,
    /// Every board it must or does sit on (required ∪ actual), in body order.
    pub boards: Vec<String>,
    /// Per kind of board with an aligned unit, the seats an aligned arrangement needs.
    pub savings: Vec<AlignedSaving>,
}

impl BodyLoad {
    /// The number of boards it is expected at.
    pub fn load(&self) -> usize {
        self.boards.len()
    }

    /// Seats an aligned arrangement would save.
    pub fn saved(&self) -> usize {
        self.savings.iter().map(AlignedSaving::saved).sum()
    }

    /// Required boards it does not sit on.
    pub fn missing(&self) -> Vec<&str> {
        self.required
            .iter()
            .filter(|r| !self.actual.contains(&r.board))
            .map(|r| r.board.as_str())
            .collect()
    }
}

/// One person's partnership load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonLoad {
    /// Person id.
    pub person: String,
    /// The body they work for, if given.
    pub body: Option<String>,
    /// The partnerships they sit on (seats that are not partnerships are not boards).
    pub seats: Vec<String>,
    /// Per kind of board with an aligned unit, the seats an aligned arrangement needs.
    pub savings: Vec<AlignedSaving>,
}

impl PersonLoad {
    /// Seats an aligned arrangement would save.
    pub fn saved(&self) -> usize {
        self.savings.iter().map(AlignedSaving::saved).sum()
    }
}

/// The kind of body whose areas boards of `kind` would follow in an aligned arrangement.
pub fn aligned_unit(kind: &BodyKind) -> Option<BodyKind> {
    match kind {
        BodyKind::CommunitySafetyPartnership | BodyKind::ChildrensTrust => {
            Some(BodyKind::PoliceForce)
        }
        BodyKind::HealthAndWellbeingBoard => Some(BodyKind::Icb),
        _ => None,
    }
}

/// The map's load threshold: `meta.load_threshold`, or 5.
pub fn threshold(model: &Model) -> usize {
    model
        .file()
        .meta
        .load_threshold
        .unwrap_or(DEFAULT_LOAD_THRESHOLD) as usize
}

/// Every body's load, in body order (so `load_per_body(m)[i]` is body `i`'s).
///
/// ```
/// use pmap_core::{load, analysis::load::load_per_body};
/// //  area:      E1        E2        E3
/// //  CSPs:    [csp1]    [csp2]    [csp3]
/// //  police:  [------ police -------]      (one force over all three)
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A"},{"code":"E2","name":"B"},{"code":"E3","name":"C"}],
///   "bodies":[{"id":"police","name":"Police","kind":"police_force","covers":["E1","E2","E3"]},
///     {"id":"csp1","name":"CSP 1","kind":"community_safety_partnership","covers":["E1"]},
///     {"id":"csp2","name":"CSP 2","kind":"community_safety_partnership","covers":["E2"]},
///     {"id":"csp3","name":"CSP 3","kind":"community_safety_partnership","covers":["E3"]}],
///   "links":[{"from":"police","to":"csp1","kind":"member_of"}]}"#).unwrap().model;
/// let l = &load_per_body(&m)[0];
/// assert_eq!(l.required.len(), 3);       // any part of its area falls in each CSP
/// assert_eq!(l.actual, vec!["csp1"]);
/// assert_eq!(l.missing(), vec!["csp2", "csp3"]);
/// assert_eq!(l.saved(), 2);              // one CSP per police area: 3 − 1
/// ```
pub fn load_per_body(model: &Model) -> Vec<BodyLoad> {
    let n = model.bodies().len();
    let mut required: Vec<Vec<(usize, Rule)>> = vec![Vec::new(); n];
    for p in model.partnerships() {
        let Some(rule) = model.body(p).and_then(|b| Rule::for_partnership(&b.kind)) else {
            continue;
        };
        for r in statutory_partners(model, p, rule).required {
            if let Some(list) = model.body_index(&r.body).and_then(|i| required.get_mut(i)) {
                list.push((p, rule));
            }
        }
    }
    required
        .into_iter()
        .enumerate()
        .map(|(i, mut req)| {
            crate::order::sort_by_key(&mut req, |r| r.0);
            let actual = boards_of(model, i);
            let mut all: Vec<usize> = req
                .iter()
                .map(|r| r.0)
                .chain(actual.iter().copied())
                .collect();
            all.sort_unstable();
            all.dedup();
            let kind = model.body(i).map(|b| &b.kind);
            BodyLoad {
                body: id(model, i),
                required: req
                    .iter()
                    .map(|&(p, rule)| RequiredSeat {
                        board: id(model, p),
                        rule,
                    })
                    .collect(),
                actual: actual.iter().map(|&p| id(model, p)).collect(),
                savings: savings(model, model.footprint(i), kind, &all),
                boards: all.iter().map(|&p| id(model, p)).collect(),
            }
        })
        .collect()
}

/// Every person's load, in the order of `people`.
///
/// ```
/// use pmap_core::{load, analysis::load::load_per_person};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"thematic_group"},
///             {"id":"c","name":"C","kind":"business"}],
///   "people":[{"id":"p","name":"Pat","seats":["a","b","c"]}]}"#).unwrap().model;
/// assert_eq!(load_per_person(&m)[0].seats, vec!["a", "b"]); // c is not a board
/// ```
pub fn load_per_person(model: &Model) -> Vec<PersonLoad> {
    model
        .file()
        .people
        .iter()
        .map(|person| {
            let mut seats: Vec<usize> = person
                .seats
                .iter()
                .filter_map(|s| model.body_index(s))
                .filter(|&s| model.body(s).is_some_and(|b| b.kind.is_partnership()))
                .collect();
            seats.sort_unstable();
            seats.dedup();
            let body = person.body.as_deref().and_then(|b| model.body_index(b));
            let own: Cells = body
                .map(|b| model.footprint(b).to_vec())
                .unwrap_or_default();
            let footprint = if own.is_empty() {
                union(model, &seats)
            } else {
                own
            };
            PersonLoad {
                person: person.id.clone(),
                body: person.body.clone(),
                savings: savings(
                    model,
                    &footprint,
                    body.and_then(|b| model.body(b)).map(|b| &b.kind),
                    &seats,
                ),
                seats: seats.iter().map(|&s| id(model, s)).collect(),
            }
        })
        .collect()
}

fn id(model: &Model, i: usize) -> String {
    model.body(i).map(|b| b.id.clone()).unwrap_or_default()
}

/// The partnerships body `i` is `member_of` or `chairs`, sorted.
fn boards_of(model: &Model, i: usize) -> Vec<usize> {
    let mut b: Vec<usize> = model
        .links_from(i)
        .filter(|(_, l)| matches!(l.kind, LinkKind::MemberOf | LinkKind::Chairs))
        .map(|(p, _)| p)
        .filter(|&p| model.body(p).is_some_and(|x| x.kind.is_partnership()))
        .collect();
    b.sort_unstable();
    b.dedup();
    b
}

/// The union of the boards' footprints (largest share per area).
fn union(model: &Model, boards: &[usize]) -> Cells {
    let mut cells: BTreeMap<AreaIx, f64> = BTreeMap::new();
    for &b in boards {
        for &(x, s) in model.footprint(b) {
            let e = cells.entry(x).or_insert(0.0);
            *e = e.max(s);
        }
    }
    cells.into_iter().collect()
}

/// The aligned arrangement's seats for each kind of board in `boards` that has a unit.
fn savings(
    model: &Model,
    footprint: &[(AreaIx, f64)],
    own_kind: Option<&BodyKind>,
    boards: &[usize],
) -> Vec<AlignedSaving> {
    let mut by_kind: BTreeMap<BodyKind, usize> = BTreeMap::new();
    for b in boards.iter().filter_map(|&b| model.body(b)) {
        if aligned_unit(&b.kind).is_some() {
            *by_kind.entry(b.kind.clone()).or_insert(0) += 1;
        }
    }
    by_kind
        .into_iter()
        .filter_map(|(kind, boards)| {
            let unit = aligned_unit(&kind)?;
            let aligned = if own_kind == Some(&unit) {
                1
            } else {
                units_spanned(model, footprint, &unit).max(1)
            };
            Some(AlignedSaving {
                kind,
                unit,
                boards,
                aligned,
            })
        })
        .collect()
}

/// The bodies of kind `unit` whose footprint overlaps `footprint` by more than the sliver
/// tolerance (of the smaller of the two).
fn units_spanned(model: &Model, footprint: &[(AreaIx, f64)], unit: &BodyKind) -> usize {
    let tol = model.tolerance();
    // Only bodies sharing an area can overlap: candidates from the area index, not every
    // body (which made the load analysis O(bodies²)).
    model
        .bodies_touching(footprint)
        .into_iter()
        .filter(|&u| model.body(u).is_some_and(|b| &b.kind == unit))
        .filter(|&u| {
            let o = overlap(model, footprint, model.footprint(u));
            o.both > 0.0 && o.both > tol * o.a_total.min(o.b_total)
        })
        .count()
}
