//! Split areas: an area divided between two or more bodies of the same kind (for example
//! Hart, split 76% NHS Frimley ICB / 24% NHS Hampshire and Isle of Wight ICB).
//!
//! Only kinds that divide the country into service areas are checked (councils, police,
//! ICBs, fire, probation, Jobcentre Plus, community safety partnerships, combined
//! authorities, LEPs, skills areas, health and wellbeing boards); thematic groups and
//! boards overlap by design. Each body must cover more than the sliver tolerance of the
//! area to count; the bodies that cover less are the area's *slivers*, kept in
//! [`Split::slivers`] and listed by [`slivers`] (never dropped silently).
//!
//! Complexity: O(Σ footprint sizes + areas × k log k).

use crate::index::{AreaIx, Model};
use crate::model::BodyKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// One area split between several bodies of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// GSS code of the area.
    pub area: String,
    /// Area name.
    pub name: String,
    /// The kind of body it is split between.
    pub kind: BodyKind,
    /// (body id, share), largest share first: the bodies covering more than the tolerance.
    pub parts: Vec<(String, f64)>,
    /// (body id, share), largest first: the bodies covering no more than the tolerance.
    pub slivers: Vec<(String, f64)>,
    /// People in the area, when known.
    pub people: Option<u64>,
}

/// True for kinds that divide the country into service areas.
pub fn is_service_area_kind(kind: &BodyKind) -> bool {
    !matches!(
        kind,
        BodyKind::Lsp
            | BodyKind::ExecutiveBoard
            | BodyKind::ThematicGroup
            | BodyKind::ChildrensTrust
            | BodyKind::NhsTrust
            | BodyKind::VoluntaryCommunity
            | BodyKind::Business
            | BodyKind::Faith
            | BodyKind::Education
            | BodyKind::Housing
            | BodyKind::CentralDepartment
            | BodyKind::ParishCouncil
            | BodyKind::Other(_)
    )
}

/// Every split area, in area order.
///
/// ```
/// use pmap_core::{load, analysis::splits::splits};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart","population":101542}],
///   "bodies":[
///     {"id":"frimley","name":"NHS Frimley ICB","kind":"icb","covers":[{"area":"E07000089","share":0.7627}]},
///     {"id":"hiow","name":"NHS HIOW ICB","kind":"icb","covers":[{"area":"E07000089","share":0.2373}]}]}"#)
///   .unwrap().model;
/// let s = splits(&m);
/// assert_eq!(s[0].name, "Hart");
/// assert_eq!(s[0].parts[0].0, "frimley");
/// ```
pub fn splits(model: &Model) -> Vec<Split> {
    divisions(model)
        .into_iter()
        .filter(|s| s.parts.len() >= 2)
        .collect()
}

/// Areas where a body of a service kind covers no more than the sliver tolerance, and
/// that are not split (a split area lists its slivers itself), in area order.
///
/// ```
/// use pmap_core::{load, analysis::splits::slivers};
/// // Cherwell: 99% NHS Buckinghamshire, Oxfordshire and Berkshire West, 1% Northamptonshire.
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000177","name":"Cherwell","population":165400}],
///   "bodies":[
///     {"id":"bob","name":"NHS BOB ICB","kind":"icb","covers":[{"area":"E07000177","share":0.9903}]},
///     {"id":"nhants","name":"NHS Northamptonshire ICB","kind":"icb","covers":[{"area":"E07000177","share":0.0097}]}]}"#)
///   .unwrap().model;
/// let s = slivers(&m);
/// assert_eq!(s[0].parts, vec![("bob".to_string(), 0.9903)]);
/// assert_eq!(s[0].slivers, vec![("nhants".to_string(), 0.0097)]);
/// ```
pub fn slivers(model: &Model) -> Vec<Split> {
    divisions(model)
        .into_iter()
        .filter(|s| s.parts.len() < 2 && !s.slivers.is_empty())
        .collect()
}

/// Every (area, kind) covered by two or more bodies of a service kind.
fn divisions(model: &Model) -> Vec<Split> {
    let tol = model.tolerance();
    let mut by: BTreeMap<(AreaIx, BodyKind), Vec<(usize, f64)>> = BTreeMap::new();
    for (i, b) in model.bodies().iter().enumerate() {
        if !is_service_area_kind(&b.kind)
            || !matches!(
                model.footprint_source(i),
                crate::index::FootprintSource::Declared
            )
        {
            continue;
        }
        for &(x, s) in model.footprint(i) {
            by.entry((x, b.kind.clone())).or_default().push((i, s));
        }
    }
    let ids = |v: Vec<(usize, f64)>| -> Vec<(String, f64)> {
        v.into_iter()
            .filter_map(|(i, s)| model.body(i).map(|b| (b.id.clone(), s)))
            .collect()
    };
    by.into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .map(|((x, kind), mut v)| {
            crate::order::sort_by(&mut v, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let (parts, slivers): (Vec<_>, Vec<_>) = v.into_iter().partition(|&(_, s)| s > tol);
            Split {
                area: model.area(x).map(|a| a.code.clone()).unwrap_or_default(),
                name: model.area_name(x).to_string(),
                kind,
                parts: ids(parts),
                slivers: ids(slivers),
                people: model.population(x).map(|p| p.round() as u64),
            }
        })
        .collect()
}
