//! Formal footing: the partnerships, boards and groups that no agreement names as a party.
//!
//! The Audit Commission (*Governing partnerships: bridging the accountability gap*, 2005)
//! found governance problems in 60% of partnerships without a formal agreement, against 22%
//! of those with one. A partnership P has a formal footing here when at least one agreement
//! (of any kind: `terms_of_reference`, `constitution`, `memorandum`, `section_75`, an LAA…)
//! lists P among its `parties`. Skills areas are left out: they are areas for a plan, not
//! bodies that meet.
//!
//! Complexity: O(A·p + P) for A agreements of p parties and P partnerships.

use crate::index::Model;
use crate::model::{Agreement, BodyKind};
use std::collections::HashSet;

/// True for the partnership kinds that meet and so should have a formal agreement.
pub fn needs_agreement(kind: &BodyKind) -> bool {
    kind.is_partnership() && *kind != BodyKind::SkillsArea
}

/// The partnerships (body indices, in body order) that no agreement names as a party.
///
/// ```
/// use pmap_core::{load, analysis::footing::without_agreement};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"lsp","name":"LSP","kind":"lsp"},{"id":"csp","name":"CSP","kind":"community_safety_partnership"},
///             {"id":"cc","name":"Council","kind":"county_council","elected":true}],
///   "agreements":[{"id":"tor","name":"LSP terms of reference","kind":"terms_of_reference","parties":["lsp","cc"]}]}"#)
///   .unwrap().model;
/// assert_eq!(without_agreement(&m), vec![1]); // the CSP; the council is not a partnership
/// ```
pub fn without_agreement(model: &Model) -> Vec<usize> {
    let named: HashSet<&str> = model
        .file()
        .agreements
        .iter()
        .flat_map(|a| a.parties.iter().map(String::as_str))
        .collect();
    model
        .bodies()
        .iter()
        .enumerate()
        .filter(|(_, b)| needs_agreement(&b.kind) && !named.contains(b.id.as_str()))
        .map(|(i, _)| i)
        .collect()
}

/// The agreements that name body `id` as a party, in file order (for the details view).
pub fn agreements_of<'m>(model: &'m Model, id: &str) -> Vec<&'m Agreement> {
    model
        .file()
        .agreements
        .iter()
        .filter(|a| a.parties.iter().any(|p| p == id))
        .collect()
}
