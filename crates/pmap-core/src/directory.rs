//! Questions a new board member asks, answered from the model: who leads on a theme in
//! an area, and who they answer to.

use crate::analysis::accountability::{path_to_elected_preferring, AccountabilityPath};
use crate::analysis::coverage::share_of;
use crate::index::Model;
use crate::model::{OwnerRole, Responsibility};
use std::collections::BTreeSet;

/// One owner of a responsibility in an area.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerAnswer {
    /// Body id.
    pub body: String,
    /// Its role.
    pub role: OwnerRole,
    /// Share of the area it covers (1 when no area was asked about).
    pub share: f64,
    /// Its route to an elected body.
    pub path: AccountabilityPath,
}

/// A responsibility that applies in the area, with its owners there.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Responsibility id.
    pub responsibility: String,
    /// Owners whose footprint covers the area (all owners when no area was given), leads
    /// first.
    pub owners: Vec<OwnerAnswer>,
}

/// Every theme used by responsibilities and bodies, sorted.
pub fn themes(model: &Model) -> Vec<String> {
    let mut t: BTreeSet<String> = model
        .file()
        .responsibilities
        .iter()
        .filter_map(|r| r.theme.clone())
        .collect();
    t.extend(model.bodies().iter().filter_map(|b| b.theme.clone()));
    t.into_iter().collect()
}

fn in_scope(model: &Model, r: &Responsibility, area: &str) -> bool {
    r.scope.is_empty() && model.area_index(area).is_some() || r.scope.iter().any(|c| c == area)
}

/// Who does what on `theme` (any when `None`) in `area` (anywhere when `None`).
///
/// ```
/// use pmap_core::{load, directory::who_does_what, model::OwnerRole};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart"}],
///   "bodies":[{"id":"csp","name":"North Hampshire CSP","kind":"community_safety_partnership","covers":["E07000089"]},
///             {"id":"hart","name":"Hart DC","kind":"district_council","elected":true,"covers":["E07000089"]}],
///   "links":[{"from":"csp","to":"hart","kind":"accountable_to"}],
///   "responsibilities":[{"id":"cd","name":"Crime and disorder","theme":"community safety",
///     "scope":["E07000089"],"owners":[{"body":"csp","role":"lead"}]}]}"#).unwrap().model;
/// let a = who_does_what(&m, Some("E07000089"), Some("community safety"));
/// assert_eq!(a[0].owners[0].body, "csp");
/// assert_eq!(a[0].owners[0].role, OwnerRole::Lead);
/// ```
pub fn who_does_what(model: &Model, area: Option<&str>, theme: Option<&str>) -> Vec<Answer> {
    let tol = model.tolerance();
    model
        .file()
        .responsibilities
        .iter()
        .filter(|r| theme.is_none_or(|t| r.theme.as_deref() == Some(t)))
        .filter(|r| area.is_none_or(|a| in_scope(model, r, a)))
        .map(|r| {
            let mut owners: Vec<OwnerAnswer> = r
                .owners
                .iter()
                .filter_map(|o| {
                    let i = model.body_index(&o.body)?;
                    let share = match area.and_then(|a| model.area_index(a)) {
                        Some(x) => share_of(model.footprint(i), x),
                        None => 1.0,
                    };
                    // A body with no footprint (a central department) is listed wherever
                    // the responsibility applies.
                    let counts = area.is_none() || share > tol || model.footprint(i).is_empty();
                    // Prefer a route to an elected body that covers the area asked about.
                    let area_ix = area.and_then(|a| model.area_index(a));
                    counts.then(|| OwnerAnswer {
                        body: o.body.clone(),
                        role: o.role,
                        share: if model.footprint(i).is_empty() {
                            1.0
                        } else {
                            share
                        },
                        // Only for owners that are listed: each search costs what it reaches.
                        path: path_to_elected_preferring(model, i, |e| {
                            area_ix.is_some_and(|x| share_of(model.footprint(e), x) > tol)
                        }),
                    })
                })
                .collect();
            crate::order::sort_by_key(&mut owners, |o| (o.role != OwnerRole::Lead, o.role));
            Answer {
                responsibility: r.id.clone(),
                owners,
            }
        })
        .collect()
}
