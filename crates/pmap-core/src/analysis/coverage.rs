//! Coverage gaps of a partnership: the parts of its footprint that no member of a given
//! statutory sector covers, and the members whose footprint spills outside it.
//!
//! For partnership P with footprint `p(x)`, and the members M of sector S with coverage
//! `m(x)`, the uncovered share of area x is `max(0, p(x) − min(1, Σ m(x)))` (members of
//! one sector, such as two ICBs, usually divide an area between them, so their shares
//! add). An area counts when its uncovered share exceeds the sliver tolerance.
//!
//! Which sectors are checked depends on the kind of partnership: the statutory partners
//! of an LSP (LGPIH Act 2007 s104), a community safety partnership (Crime and Disorder Act
//! 1998 s5), a children's trust (Children Act 2004 s10) or a health and wellbeing board
//! (Health and Social Care Act 2012 s194). Other partnerships are checked for the sectors
//! they have at least one member from.
//!
//! Complexity: O(members × footprint) per partnership, plus one pass over every body's
//! footprint to index who covers each area (for the suggestions).

use super::coterminosity::{compare, AreaGap, Relation, Weighting};
use crate::index::{AreaIx, Model};
use crate::model::{BodyKind, Sector};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Part of a partnership's footprint that no member of one sector covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorGap {
    /// Partnership id.
    pub partnership: String,
    /// The sector with the gap.
    pub sector: Sector,
    /// True when the sector is a statutory partner of this kind of partnership.
    pub statutory: bool,
    /// Ids of the members of that sector (may be empty: nobody at all).
    pub members: Vec<String>,
    /// Uncovered areas.
    pub uncovered: Vec<AreaGap>,
    /// People living in the uncovered parts; `None` when an uncovered area has no
    /// population (then [`SectorGap::areas`] is the figure).
    pub people: Option<u64>,
    /// The uncovered parts counted in areas (a half-uncovered area counts 0.5).
    pub areas: f64,
    /// Ids of bodies in the map (not members) that do cover the gap, to suggest.
    pub could_fill: Vec<String>,
}

/// A member whose footprint reaches beyond the partnership's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spill {
    /// Partnership id.
    pub partnership: String,
    /// Member id.
    pub member: String,
    /// The member's relation to the partnership.
    pub relation: Relation,
    /// Areas of the member outside the partnership.
    pub outside: Vec<AreaGap>,
    /// People in those areas; `None` when a population involved is missing (then
    /// [`Spill::share_outside`] is a share of areas).
    pub people: Option<u64>,
    /// Share of the member's people who live outside the partnership.
    pub share_outside: f64,
}

/// The sectors a partnership of this kind must have members from.
pub fn required_sectors(kind: &BodyKind) -> &'static [Sector] {
    match kind {
        BodyKind::Lsp | BodyKind::ExecutiveBoard => &[
            Sector::Council,
            Sector::Police,
            Sector::Health,
            Sector::Fire,
            Sector::Probation,
        ],
        BodyKind::CommunitySafetyPartnership => &[
            Sector::Council,
            Sector::Police,
            Sector::Fire,
            Sector::Health,
            Sector::Probation,
        ],
        BodyKind::ChildrensTrust => &[
            Sector::Council,
            Sector::Police,
            Sector::Health,
            Sector::Probation,
        ],
        BodyKind::HealthAndWellbeingBoard => &[Sector::Council, Sector::Health],
        _ => &[],
    }
}

/// Sector gaps for every partnership whose members are recorded, largest first. A
/// partnership with no recorded members has no gaps: its membership is unknown, not empty
/// (the findings say "membership not recorded" once instead).
///
/// ```
/// use pmap_core::{load, analysis::coverage::sector_gaps, model::Sector};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart","population":101542},
///            {"code":"E07000092","name":"Rushmoor","population":102908}],
///   "bodies":[
///     {"id":"hwb","name":"Health and wellbeing board","kind":"health_and_wellbeing_board",
///      "covers":["E07000089","E07000092"]},
///     {"id":"hiow","name":"NHS Hampshire and Isle of Wight ICB","kind":"icb",
///      "covers":[{"area":"E07000089","share":0.2373}]},
///     {"id":"cc","name":"Hampshire County Council","kind":"county_council","elected":true,
///      "covers":["E07000089","E07000092"]}],
///   "links":[{"from":"hiow","to":"hwb","kind":"member_of"},
///            {"from":"cc","to":"hwb","kind":"member_of"}]}"#).unwrap().model;
/// let gaps = sector_gaps(&m);
/// assert_eq!(gaps.len(), 1);
/// assert_eq!(gaps[0].sector, Sector::Health);
/// assert_eq!(gaps[0].people, Some(77446 + 102908)); // most of Hart, all of Rushmoor
/// ```
pub fn sector_gaps(model: &Model) -> Vec<SectorGap> {
    let tol = model.tolerance();
    let covering = coverers(model, tol);
    let mut out = Vec::new();
    for p in model.partnerships() {
        let Some(pb) = model.body(p) else { continue };
        let fp = model.footprint(p);
        if fp.is_empty() {
            continue;
        }
        let members = model.members(p);
        if members.is_empty() {
            continue;
        }
        let mut by_sector: BTreeMap<Sector, Vec<usize>> = BTreeMap::new();
        for &m in &members {
            by_sector.entry(model.sector(m)).or_default().push(m);
        }
        let required = required_sectors(&pb.kind);
        let mut sectors: BTreeSet<Sector> = required.iter().copied().collect();
        sectors.extend(
            by_sector
                .keys()
                .copied()
                .filter(|s| s.is_statutory_partner()),
        );
        for sector in sectors {
            let ms = by_sector.get(&sector).cloned().unwrap_or_default();
            let mut uncovered = Vec::new();
            let mut people = 0.0;
            let mut areas = 0.0;
            let mut all_known = true;
            let mut gap_areas: Vec<AreaIx> = Vec::new();
            for &(x, share_p) in fp {
                let covered: f64 = ms
                    .iter()
                    .map(|&m| share_of(model.footprint(m), x))
                    .sum::<f64>()
                    .min(1.0);
                let missing = share_p - covered;
                if missing > tol {
                    let pop = model.population(x);
                    people += pop.unwrap_or(0.0) * missing;
                    areas += missing;
                    all_known &= pop.is_some();
                    gap_areas.push(x);
                    uncovered.push(AreaGap {
                        code: model.area(x).map(|a| a.code.clone()).unwrap_or_default(),
                        name: model.area_name(x).to_string(),
                        share: missing,
                        people: pop.map(|p| (p * missing).round() as u64),
                    });
                }
            }
            if uncovered.is_empty() {
                continue;
            }
            // Which bodies of this sector, not members, cover the gap?
            let mut fill: Vec<usize> = gap_areas
                .iter()
                .filter_map(|&x| covering.get(x as usize))
                .flatten()
                .copied()
                .filter(|b| *b != p && model.sector(*b) == sector && !members.contains(b))
                .collect();
            fill.sort_unstable();
            fill.dedup();
            let could_fill: Vec<String> = fill
                .into_iter()
                .filter_map(|b| model.body(b).map(|x| x.id.clone()))
                .collect();
            out.push(SectorGap {
                partnership: pb.id.clone(),
                sector,
                statutory: required.contains(&sector),
                members: ms
                    .iter()
                    .filter_map(|&m| model.body(m).map(|b| b.id.clone()))
                    .collect(),
                uncovered,
                people: all_known.then(|| crate::findings::whole_people(people)),
                areas,
                could_fill,
            });
        }
    }
    crate::order::sort_by(&mut out, |a, b| {
        b.people
            .cmp(&a.people)
            .then_with(|| b.areas.total_cmp(&a.areas))
            .then_with(|| a.partnership.cmp(&b.partnership))
    });
    out
}

/// For every area, the bodies that are not partnerships and cover more than `tol` of it,
/// in body order. One pass over the footprints, so suggesting who could fill a gap does
/// not scan every body for every gap.
fn coverers(model: &Model, tol: f64) -> Vec<Vec<usize>> {
    let mut by_area: Vec<Vec<usize>> = vec![Vec::new(); model.areas().len()];
    for (b, body) in model.bodies().iter().enumerate() {
        if body.kind.is_partnership() {
            continue;
        }
        for &(x, share) in model.footprint(b) {
            if share > tol {
                if let Some(list) = by_area.get_mut(x as usize) {
                    list.push(b);
                }
            }
        }
    }
    by_area
}

/// Members whose footprint reaches outside their partnership by more than the tolerance.
pub fn spills(model: &Model) -> Vec<Spill> {
    let tol = model.tolerance();
    let mut out = Vec::new();
    for p in model.partnerships() {
        let Some(pb) = model.body(p) else { continue };
        if model.footprint(p).is_empty() {
            continue;
        }
        for m in model.members(p) {
            if model.footprint(m).is_empty() {
                continue;
            }
            let r = compare(model, m, p);
            let share_outside = 1.0 - r.a_in_b;
            if share_outside > tol && !r.only_a.is_empty() {
                out.push(Spill {
                    partnership: pb.id.clone(),
                    member: r.a.clone(),
                    relation: r.relation,
                    outside: r.only_a,
                    people: (r.weighting == Weighting::Population).then_some(r.people_only_a),
                    share_outside,
                });
            }
        }
    }
    out
}

/// The share of area `x` in a sorted footprint (0 when absent).
pub fn share_of(cells: &[(AreaIx, f64)], x: AreaIx) -> f64 {
    cells
        .binary_search_by_key(&x, |c| c.0)
        .ok()
        .and_then(|i| cells.get(i))
        .map_or(0.0, |c| c.1)
}
