//! Orphaned responsibilities: duties or outcomes nobody owns, or that fall between bodies.
//!
//! | kind | rule |
//! |---|---|
//! | no owner | the responsibility lists no owners |
//! | no lead | it has owners, but none with role `lead` |
//! | partial lead | the leads together cover less of the scope than 1 − tolerance in some areas: those areas and the people in them are listed |
//! | several leads | two or more leads each cover more than the tolerance of the same area |
//! | unaccountable owner | an owner has no accountability path to an elected body (see [`super::accountability`]) |
//! | unreporting group | a thematic group has no `reports_to` or `sub_group_of` link to anything |
//! | target points at nothing | an agreement target names no responsibility, or one not in the file |
//!
//! A responsibility with an empty scope applies to every area in the map.
//! Complexity: O(R × owners × footprint + V + E), plus one path search (O(V + E)) per
//! owner that has no route to an elected body, to describe where its routes stop.

use super::accountability::{accountable_bodies, path_to_elected, AccountabilityPath};
use super::coterminosity::AreaGap;
use super::coverage::share_of;
use crate::index::{AreaIx, Model};
use crate::model::{BodyKind, LinkKind, OwnerRole};
use serde::Serialize;

/// One orphan finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Orphan {
    /// Nobody owns the responsibility.
    NoOwner {
        /// Responsibility id.
        responsibility: String,
    },
    /// Owners but no lead.
    NoLead {
        /// Responsibility id.
        responsibility: String,
        /// The owners' ids.
        owners: Vec<String>,
    },
    /// The leads cover only part of the scope.
    PartialLead {
        /// Responsibility id.
        responsibility: String,
        /// The leads' ids.
        leads: Vec<String>,
        /// Uncovered areas.
        uncovered: Vec<AreaGap>,
        /// People in them; `None` when an uncovered area has no population.
        people: Option<u64>,
        /// The uncovered parts counted in areas (a half-covered area counts 0.5).
        uncovered_areas: f64,
    },
    /// Several leads over the same areas.
    SeveralLeads {
        /// Responsibility id.
        responsibility: String,
        /// Ids of the leads that overlap.
        leads: Vec<String>,
        /// The contested areas.
        areas: Vec<AreaGap>,
    },
    /// An owner with no path to an elected body.
    UnaccountableOwner {
        /// Responsibility id.
        responsibility: String,
        /// Owner id.
        owner: String,
        /// What the search found.
        path: AccountabilityPath,
    },
    /// A thematic group that reports to no board.
    UnreportingGroup {
        /// The group's id.
        group: String,
        /// True when it has some other route to an elected body.
        accountable: bool,
    },
    /// An agreement target that points at no responsibility.
    DanglingTarget {
        /// Agreement id.
        agreement: String,
        /// Target id.
        target: String,
        /// What it named, if anything.
        named: Option<String>,
    },
}

/// Finds every orphan in the model.
///
/// ```
/// use pmap_core::{load, analysis::orphans::{orphans, Orphan}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"jcp","name":"Jobcentre Plus","kind":"jobcentre_plus"}],
///   "responsibilities":[
///     {"id":"rough-sleeping","name":"Rough sleeping outreach"},
///     {"id":"worklessness","name":"Worklessness","owners":[{"body":"jcp","role":"contributes"}]}]}"#)
///   .unwrap().model;
/// let o = orphans(&m);
/// assert!(matches!(&o[0], Orphan::NoOwner { responsibility } if responsibility == "rough-sleeping"));
/// assert!(matches!(&o[1], Orphan::NoLead { .. }));
/// assert!(matches!(&o[2], Orphan::UnaccountableOwner { owner, .. } if owner == "jcp"));
/// ```
pub fn orphans(model: &Model) -> Vec<Orphan> {
    let tol = model.tolerance();
    let mut out = Vec::new();
    let all_areas: Vec<AreaIx> = (0..model.areas().len() as AreaIx).collect();
    let accountable = accountable_bodies(model);
    for r in &model.file().responsibilities {
        let rid = r.id.clone();
        if r.owners.is_empty() {
            out.push(Orphan::NoOwner {
                responsibility: rid,
            });
            continue;
        }
        let leads: Vec<usize> = r
            .owners
            .iter()
            .filter(|o| o.role == OwnerRole::Lead)
            .filter_map(|o| model.body_index(&o.body))
            .collect();
        if leads.is_empty() {
            out.push(Orphan::NoLead {
                responsibility: rid.clone(),
                owners: r.owners.iter().map(|o| o.body.clone()).collect(),
            });
        } else {
            let scope: Vec<AreaIx> = if r.scope.is_empty() {
                all_areas.clone()
            } else {
                r.scope.iter().filter_map(|c| model.area_index(c)).collect()
            };
            let mut uncovered = Vec::new();
            let mut contested = Vec::new();
            let mut contesting: Vec<usize> = Vec::new();
            let mut people = 0.0;
            let mut uncovered_areas = 0.0;
            let mut all_known = true;
            for &x in &scope {
                let all: Vec<(usize, f64)> = leads
                    .iter()
                    .map(|&l| (l, share_of(model.footprint(l), x)))
                    .filter(|(_, s)| *s > 0.0)
                    .collect();
                // Coverage sums every lead's share, as a sector gap does; only the shortfall
                // is judged against the tolerance.
                let covered: f64 = all.iter().map(|(_, s)| s).sum::<f64>().min(1.0);
                // A lead holding no more than a sliver of an area does not compete for it.
                let shares: Vec<(usize, f64)> = all.into_iter().filter(|(_, s)| *s > tol).collect();
                let pop = model.population(x);
                let gap = |share: f64| AreaGap {
                    code: model.area(x).map(|a| a.code.clone()).unwrap_or_default(),
                    name: model.area_name(x).to_string(),
                    share,
                    people: pop.map(|p| (p * share).round() as u64),
                };
                if 1.0 - covered > tol {
                    people += pop.unwrap_or(0.0) * (1.0 - covered);
                    uncovered_areas += 1.0 - covered;
                    all_known &= pop.is_some();
                    uncovered.push(gap(1.0 - covered));
                }
                // Two leads that each cover (part of) an area compete only if their shares
                // add up to more than the whole: a split area divided between two leads
                // (Frimley and HIOW in Hart) is not a conflict.
                let total: f64 = shares.iter().map(|(_, s)| s).sum();
                if shares.len() >= 2 && total > 1.0 + tol {
                    contested.push(gap(total - 1.0));
                    contesting.extend(shares.iter().map(|(l, _)| *l));
                }
            }
            if !uncovered.is_empty() {
                out.push(Orphan::PartialLead {
                    responsibility: rid.clone(),
                    leads: leads
                        .iter()
                        .filter_map(|&l| model.body(l).map(|b| b.id.clone()))
                        .collect(),
                    uncovered,
                    people: all_known.then(|| crate::findings::whole_people(people)),
                    uncovered_areas,
                });
            }
            if !contested.is_empty() {
                contesting.sort_unstable();
                contesting.dedup();
                out.push(Orphan::SeveralLeads {
                    responsibility: rid.clone(),
                    leads: contesting
                        .iter()
                        .filter_map(|&l| model.body(l).map(|b| b.id.clone()))
                        .collect(),
                    areas: contested,
                });
            }
        }
        let mut checked = Vec::new();
        for o in &r.owners {
            let Some(b) = model.body_index(&o.body) else {
                continue;
            };
            if checked.contains(&b) {
                continue;
            }
            checked.push(b);
            if accountable.get(b).copied().unwrap_or(false) {
                continue;
            }
            let path = path_to_elected(model, b);
            if !path.is_accountable() {
                out.push(Orphan::UnaccountableOwner {
                    responsibility: rid.clone(),
                    owner: o.body.clone(),
                    path,
                });
            }
        }
    }
    for (i, b) in model.bodies().iter().enumerate() {
        if b.kind == BodyKind::ThematicGroup
            && !model
                .links_from(i)
                .any(|(_, l)| matches!(l.kind, LinkKind::ReportsTo | LinkKind::SubGroupOf))
        {
            out.push(Orphan::UnreportingGroup {
                group: b.id.clone(),
                accountable: accountable.get(i).copied().unwrap_or(false),
            });
        }
    }
    for a in &model.file().agreements {
        for t in &a.targets {
            let ok = t
                .responsibility
                .as_deref()
                .is_some_and(|r| model.responsibility_index(r).is_some());
            if !ok {
                out.push(Orphan::DanglingTarget {
                    agreement: a.id.clone(),
                    target: t.id.clone(),
                    named: t.responsibility.clone(),
                });
            }
        }
    }
    out
}
