//! Checks that follow from a partnership's type (OPM's four types of LSP: advisory,
//! commissioning, laboratory, community empowerment).
//!
//! * **Advisory partnerships holding a lead.** An advisory partnership has no power of its
//!   own, so a responsibility it is recorded as leading has nobody who can deliver it. For
//!   each partnership with `partnership_type: advisory`, the responsibilities with an owner
//!   `{body: it, role: lead}`.
//! * **Commissioning partnerships without accountability.** A commissioning partnership
//!   has its own staff and budget, so it must create its own accountability. It is flagged
//!   when it has no budget (no `budgets` record it holds or governs, and no `funds` or
//!   `pooled_budget` link to it), or when [`path_to_elected`] finds no route from it to an
//!   elected body.
//!
//! Complexity: O(R·o) for R responsibilities of o owners; O(P·(V + E + G)) for P
//! commissioning partnerships and G budgets.

use super::accountability::{path_to_elected, AccountabilityPath};
use crate::index::Model;
use crate::model::{LinkKind, OwnerRole, PartnershipType};
use serde::Serialize;

/// An advisory partnership recorded as the lead on responsibilities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvisoryLead {
    /// The partnership's id.
    pub partnership: String,
    /// The responsibilities it leads, in file order.
    pub responsibilities: Vec<String>,
}

/// A commissioning partnership with no budget, or no route to an elected body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommissioningGap {
    /// The partnership's id.
    pub partnership: String,
    /// True when it holds or governs no budget and nothing funds it.
    pub no_budget: bool,
    /// Its route to an elected body (a dead end when it has none).
    pub path: AccountabilityPath,
}

fn has_type(model: &Model, i: usize, t: &PartnershipType) -> bool {
    model
        .body(i)
        .is_some_and(|b| b.kind.is_partnership() && b.partnership_type.as_ref() == Some(t))
}

/// Advisory partnerships that lead responsibilities, in body order.
///
/// ```
/// use pmap_core::{load, analysis::lsp_types::advisory_leads};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"lsp","name":"LSP","kind":"lsp","partnership_type":"advisory"}],
///   "responsibilities":[{"id":"scs","name":"Community strategy","owners":[{"body":"lsp","role":"lead"}]},
///                       {"id":"x","name":"X","owners":[{"body":"lsp","role":"contributes"}]}]}"#).unwrap().model;
/// assert_eq!(advisory_leads(&m)[0].responsibilities, vec!["scs"]);
/// ```
pub fn advisory_leads(model: &Model) -> Vec<AdvisoryLead> {
    model
        .partnerships()
        .filter(|&i| has_type(model, i, &PartnershipType::Advisory))
        .filter_map(|i| {
            let id = &model.body(i)?.id;
            let responsibilities: Vec<String> = model
                .file()
                .responsibilities
                .iter()
                .filter(|r| {
                    r.owners
                        .iter()
                        .any(|o| o.role == OwnerRole::Lead && &o.body == id)
                })
                .map(|r| r.id.clone())
                .collect();
            (!responsibilities.is_empty()).then(|| AdvisoryLead {
                partnership: id.clone(),
                responsibilities,
            })
        })
        .collect()
}

/// True when body `i` holds or governs a budget, or a `funds` or `pooled_budget` link
/// reaches it.
pub fn has_budget(model: &Model, i: usize) -> bool {
    let Some(b) = model.body(i) else {
        return false;
    };
    let id = Some(&b.id);
    model
        .file()
        .budgets
        .iter()
        .any(|g| g.held_by.as_ref() == id || g.governed_by.as_ref() == id)
        || model
            .links_to(i)
            .any(|(_, l)| matches!(l.kind, LinkKind::Funds | LinkKind::PooledBudget))
}

/// Commissioning partnerships with no budget or no route to an elected body, in body order.
///
/// ```
/// use pmap_core::{load, analysis::lsp_types::commissioning_gaps};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"board","name":"Board","kind":"executive_board","partnership_type":"commissioning"},
///             {"id":"cc","name":"Council","kind":"county_council","elected":true}],
///   "links":[{"from":"board","to":"cc","kind":"accountable_to"}]}"#).unwrap().model;
/// let g = commissioning_gaps(&m);
/// assert!(g[0].no_budget);
/// assert!(g[0].path.is_accountable());
/// ```
pub fn commissioning_gaps(model: &Model) -> Vec<CommissioningGap> {
    model
        .partnerships()
        .filter(|&i| has_type(model, i, &PartnershipType::Commissioning))
        .filter_map(|i| {
            let no_budget = !has_budget(model, i);
            let path = path_to_elected(model, i);
            (no_budget || !path.is_accountable()).then(|| CommissioningGap {
                partnership: model.body(i).map(|b| b.id.clone()).unwrap_or_default(),
                no_budget,
                path,
            })
        })
        .collect()
}
