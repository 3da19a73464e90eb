//! Pooled budgets: who holds the money, who decides, who pays in, and whether the holder
//! answers to anyone local people elect.
//!
//! For each budget B (held by H, governed by partnership G, with contributors C):
//!
//! * **Holder's accountability**: [`path_to_elected`] from H. B is *unaccountable* when it
//!   has no holder (none given, or one not in the map) or H has no route to an elected
//!   body. Partners can pool money, but accountability for the outcome cannot be delegated.
//! * **Contributors not at the table**: the contributors that are not members of G
//!   (`member_of` or `chairs`), so they pay in but have no say in how it is spent. Nothing
//!   is reported when no G is given.
//! * **Funding links** for the network: one weighted link from each contributor to H (or
//!   to G when there is no holder), leaving out a holder's payment to itself.
//!
//! Complexity: O(B·(V + E + c)) for B budgets of c contributions.

use super::accountability::{path_to_elected, AccountabilityPath};
use crate::index::Model;
use crate::model::Budget;
use serde::Serialize;

/// The checks on one budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetCheck {
    /// The budget's id.
    pub budget: String,
    /// The holder's id, when it is in the map.
    pub holder: Option<String>,
    /// The holder's route to an elected body (`None` when there is no holder).
    pub holder_path: Option<AccountabilityPath>,
    /// The governing partnership's id, when it is in the map.
    pub governed_by: Option<String>,
    /// The sum of the contributions' amounts.
    pub contributed: f64,
    /// Contributors that are not members of the governing partnership, in file order.
    pub not_at_table: Vec<String>,
}

impl BudgetCheck {
    /// True when there is a holder and it has a route to an elected body.
    pub fn is_accountable(&self) -> bool {
        self.holder_path
            .as_ref()
            .is_some_and(AccountabilityPath::is_accountable)
    }
}

/// The part a body plays in a budget.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum BudgetRole {
    /// It holds the money.
    Holds,
    /// It decides how the money is spent.
    Governs,
    /// It pays in (the amount, when given).
    Contributes {
        /// How much.
        amount: Option<f64>,
    },
}

/// A weighted funding link for the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingLink {
    /// The contributor's id.
    pub from: String,
    /// The holder's id (or the governing partnership's, with no holder).
    pub to: String,
    /// The budget's id.
    pub budget: String,
    /// The amount paid in, when given.
    pub amount: Option<f64>,
}

fn resolved(model: &Model, id: Option<&String>) -> Option<usize> {
    id.and_then(|i| model.body_index(i))
}

/// The checks on every budget, in file order.
///
/// ```
/// use pmap_core::{load, analysis::budgets::budget_checks};
/// //  icb ──contributes──▶ [BCF held by cc, governed by hwb]    cc chairs hwb; icb is not a member
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"Council","kind":"county_council","elected":true},
///             {"id":"icb","name":"ICB","kind":"icb"},
///             {"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board"}],
///   "links":[{"from":"cc","to":"hwb","kind":"chairs"}],
///   "budgets":[{"id":"bcf","name":"Better Care Fund","amount":100,"held_by":"cc","governed_by":"hwb",
///     "contributions":[{"body":"cc","amount":40},{"body":"icb","amount":60}]}]}"#).unwrap().model;
/// let c = &budget_checks(&m)[0];
/// assert!(c.is_accountable());          // the council is elected
/// assert_eq!(c.not_at_table, vec!["icb"]);
/// assert_eq!(c.contributed, 100.0);
/// ```
pub fn budget_checks(model: &Model) -> Vec<BudgetCheck> {
    model
        .file()
        .budgets
        .iter()
        .map(|b| {
            let holder = resolved(model, b.held_by.as_ref());
            let governor = resolved(model, b.governed_by.as_ref());
            let members = governor.map(|g| model.members(g)).unwrap_or_default();
            let not_at_table = match governor {
                None => Vec::new(),
                Some(g) => b
                    .contributions
                    .iter()
                    .filter(|c| {
                        model
                            .body_index(&c.body)
                            .is_some_and(|i| i != g && !members.contains(&i))
                    })
                    .map(|c| c.body.clone())
                    .collect(),
            };
            BudgetCheck {
                budget: b.id.clone(),
                holder: holder.and(b.held_by.clone()),
                holder_path: holder.map(|h| path_to_elected(model, h)),
                governed_by: governor.and(b.governed_by.clone()),
                contributed: b.contributions.iter().filter_map(|c| c.amount).sum(),
                not_at_table,
            }
        })
        .collect()
}

/// Whether each body, in body order, holds, governs or pays into a pooled budget: the £
/// badge both network pictures draw. O(B + C) id lookups over the budgets and their
/// contributions, where a call of [`budgets_of`] per body would be O(n·(B + C)).
///
/// ```
/// use pmap_core::{load, analysis::budgets::in_budgets};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"Council","kind":"county_council"},
///             {"id":"icb","name":"ICB","kind":"icb"},{"id":"fire","name":"Fire","kind":"fire"}],
///   "budgets":[{"id":"b","name":"B","held_by":"cc","contributions":[{"body":"icb","amount":5}]}]}"#).unwrap().model;
/// assert_eq!(in_budgets(&m), vec![true, true, false]); // the fire service has no part
/// ```
pub fn in_budgets(model: &Model) -> Vec<bool> {
    let mut out = vec![false; model.bodies().len()];
    for b in &model.file().budgets {
        let ids = [b.held_by.as_deref(), b.governed_by.as_deref()]
            .into_iter()
            .flatten()
            .chain(b.contributions.iter().map(|c| c.body.as_str()));
        for id in ids {
            if let Some(i) = model.body_index(id) {
                out[i] = true;
            }
        }
    }
    out
}

/// The budgets body `id` holds, governs or pays into, with its part in each, in file order
/// (a body can play several parts in one budget).
///
/// ```
/// use pmap_core::{load, analysis::budgets::{budgets_of, BudgetRole}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"Council","kind":"county_council"}],
///   "budgets":[{"id":"b","name":"B","held_by":"cc","contributions":[{"body":"cc","amount":5}]}]}"#).unwrap().model;
/// let roles: Vec<BudgetRole> = budgets_of(&m, "cc").into_iter().map(|(_, r)| r).collect();
/// assert_eq!(roles, vec![BudgetRole::Holds, BudgetRole::Contributes { amount: Some(5.0) }]);
/// ```
pub fn budgets_of<'m>(model: &'m Model, id: &str) -> Vec<(&'m Budget, BudgetRole)> {
    let mut out = Vec::new();
    for b in &model.file().budgets {
        if b.held_by.as_deref() == Some(id) {
            out.push((b, BudgetRole::Holds));
        }
        if b.governed_by.as_deref() == Some(id) {
            out.push((b, BudgetRole::Governs));
        }
        for c in b.contributions.iter().filter(|c| c.body == id) {
            out.push((b, BudgetRole::Contributes { amount: c.amount }));
        }
    }
    out
}

/// Weighted funding links for the network, in file order.
///
/// ```
/// use pmap_core::{load, analysis::budgets::funding_links};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"Council","kind":"county_council"},{"id":"icb","name":"ICB","kind":"icb"}],
///   "budgets":[{"id":"b","name":"B","held_by":"cc",
///     "contributions":[{"body":"cc","amount":5},{"body":"icb","amount":7}]}]}"#).unwrap().model;
/// let l = funding_links(&m);
/// assert_eq!(l.len(), 1);                // the holder's own share is not a link
/// assert_eq!((l[0].from.as_str(), l[0].to.as_str(), l[0].amount), ("icb", "cc", Some(7.0)));
/// ```
pub fn funding_links(model: &Model) -> Vec<FundingLink> {
    let mut out = Vec::new();
    for b in &model.file().budgets {
        let to = b
            .held_by
            .as_ref()
            .filter(|h| model.body_index(h).is_some())
            .or(b
                .governed_by
                .as_ref()
                .filter(|g| model.body_index(g).is_some()));
        let Some(to) = to else { continue };
        for c in &b.contributions {
            if &c.body != to && model.body_index(&c.body).is_some() {
                out.push(FundingLink {
                    from: c.body.clone(),
                    to: to.clone(),
                    budget: b.id.clone(),
                    amount: c.amount,
                });
            }
        }
    }
    out
}
