//! Statutory partners derived from geography.
//!
//! The Children Act 2004 s10 and the Local Government and Public Involvement in Health Act
//! 2007 s104 make a body a partner of a council (or of its partnership) when *any part* of
//! the body's area falls within the council's area. So the required partners of a council
//! or partnership P are the bodies of the statutory kinds whose footprint overlaps P's
//! footprint at all, however slightly (no sliver tolerance: the law says any part).
//!
//! | rule | statutory kinds |
//! |---|---|
//! | Children Act 2004 s10 | police force and PCC, probation, ICB, district councils (for a county) |
//! | LGPIH Act 2007 s104 | police force and PCC, fire and rescue authority, ICB, probation, district councils (for a county) |
//! | Crime and Disorder Act 1998 s5 (a CSP's responsible authorities) | councils (county and district), police force, fire and rescue authority, ICB, probation |
//! | Health and Social Care Act 2012 s194 (an HWB's members) | upper-tier council, each ICB any part of whose area falls within the council's |
//!
//! [`Rule::for_partnership`] names the rule that makes a body a member of each kind of
//! statutory partnership; [`super::load`] inverts it into the boards each body must sit on.
//!
//! Actual membership: the members of P (`member_of`/`chairs`); for a council, the members
//! of the partnerships it chairs. Complexity: O(bodies × footprint).

use super::coverage::share_of;
use crate::index::{AreaIx, Model};
use crate::model::{BodyKind, LinkKind};
use serde::Serialize;

/// Which law's rule to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Rule {
    /// Children Act 2004 s10: co-operation to improve children's well-being.
    ChildrenAct2004S10,
    /// LGPIH Act 2007 s104: partner authorities (LAA).
    Lgpih2007S104,
    /// Crime and Disorder Act 1998 s5: the responsible authorities of a community safety
    /// partnership.
    CrimeAndDisorderAct1998S5,
    /// Health and Social Care Act 2012 s194: the members of a health and wellbeing board.
    HealthAndSocialCareAct2012S194,
}

impl Rule {
    /// The legal citation.
    pub fn citation(self) -> &'static str {
        match self {
            Rule::ChildrenAct2004S10 => "Children Act 2004 s10",
            Rule::Lgpih2007S104 => {
                "Local Government and Public Involvement in Health Act 2007 s104"
            }
            Rule::CrimeAndDisorderAct1998S5 => "Crime and Disorder Act 1998 s5",
            Rule::HealthAndSocialCareAct2012S194 => "Health and Social Care Act 2012 s194",
        }
    }

    /// The rule whose partners must sit on a partnership of this kind, if any: CSPs,
    /// health and wellbeing boards, children's trusts and LSPs.
    ///
    /// ```
    /// use pmap_core::{analysis::statutory::Rule, model::BodyKind};
    /// assert_eq!(Rule::for_partnership(&BodyKind::CommunitySafetyPartnership), Some(Rule::CrimeAndDisorderAct1998S5));
    /// assert_eq!(Rule::for_partnership(&BodyKind::ThematicGroup), None);
    /// ```
    pub fn for_partnership(kind: &BodyKind) -> Option<Rule> {
        match kind {
            BodyKind::CommunitySafetyPartnership => Some(Rule::CrimeAndDisorderAct1998S5),
            BodyKind::HealthAndWellbeingBoard => Some(Rule::HealthAndSocialCareAct2012S194),
            BodyKind::ChildrensTrust => Some(Rule::ChildrenAct2004S10),
            BodyKind::Lsp => Some(Rule::Lgpih2007S104),
            _ => None,
        }
    }

    fn applies_to(self, kind: &BodyKind, subject: &BodyKind) -> bool {
        use BodyKind as K;
        match self {
            Rule::CrimeAndDisorderAct1998S5 => matches!(
                kind,
                K::PoliceForce
                    | K::FireAuthority
                    | K::Icb
                    | K::Probation
                    | K::CountyCouncil
                    | K::DistrictCouncil
                    | K::UnitaryCouncil
                    | K::MetropolitanDistrict
                    | K::LondonBorough
            ),
            Rule::HealthAndSocialCareAct2012S194 => matches!(
                kind,
                K::Icb
                    | K::CountyCouncil
                    | K::UnitaryCouncil
                    | K::MetropolitanDistrict
                    | K::LondonBorough
            ),
            Rule::ChildrenAct2004S10 | Rule::Lgpih2007S104 => match kind {
                K::PoliceForce | K::Pcc | K::Probation | K::Icb => true,
                K::FireAuthority => self == Rule::Lgpih2007S104,
                K::DistrictCouncil => *subject == K::CountyCouncil,
                _ => false,
            },
        }
    }
}

/// A required partner and how much of its area falls within the subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Required {
    /// Body id.
    pub body: String,
    /// Share of the body's people inside the subject's area (0..=1).
    pub share_inside: f64,
    /// True when it is a member.
    pub member: bool,
}

/// The rule's result for one council or partnership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatutoryCheck {
    /// The rule applied.
    pub rule: Rule,
    /// Bodies that must be partners.
    pub required: Vec<Required>,
    /// Required partners that are not members (ids).
    pub missing: Vec<String>,
    /// Members with no duty under the rule (ids).
    pub no_duty: Vec<String>,
}

/// The bodies that `rule` makes partners of a subject of kind `subject_kind` covering
/// footprint `fp` (a council, a partnership, or a proposed new council that is not yet a
/// body): those of the rule's kinds any part of whose area falls within `fp`, with the share
/// of each one's people inside it. In body order.
///
/// ```
/// use pmap_core::{load, analysis::statutory::{required_partners, Rule}, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":300}],
///   "bodies":[{"id":"icb","name":"ICB","kind":"icb","covers":["E1","E2"]},
///             {"id":"fire","name":"Fire","kind":"fire_authority","covers":["E1"]}]}"#).unwrap().model;
/// // A proposed unitary council for area A: the ICB (a quarter of whose people live in A)
/// // is a Children Act partner; the fire authority is not (it is under LGPIH s104).
/// let p = required_partners(&m, &[(0, 1.0)], &BodyKind::UnitaryCouncil, Rule::ChildrenAct2004S10);
/// assert_eq!(p, vec![(0, 0.25)]);
/// ```
pub fn required_partners(
    model: &Model,
    fp: &[(AreaIx, f64)],
    subject_kind: &BodyKind,
    rule: Rule,
) -> Vec<(usize, f64)> {
    let mut required = Vec::new();
    // Only bodies sharing an area with `fp` can have any part inside it.
    for i in model.bodies_touching(fp) {
        let Some(b) = model.body(i) else {
            continue;
        };
        if !rule.applies_to(&b.kind, subject_kind) {
            continue;
        }
        let f = model.footprint(i);
        let inside: f64 = f
            .iter()
            .map(|&(x, s)| model.population(x).unwrap_or(1.0) * s.min(share_of(fp, x)))
            .sum();
        if inside <= 0.0 {
            continue;
        }
        let total: f64 = f
            .iter()
            .map(|&(x, s)| model.population(x).unwrap_or(1.0) * s)
            .sum();
        required.push((i, if total > 0.0 { inside / total } else { 0.0 }));
    }
    required
}

/// Applies `rule` to body `subject`.
///
/// ```
/// use pmap_core::{load, analysis::statutory::{statutory_partners, Rule}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100}],
///   "bodies":[{"id":"cc","name":"County","kind":"county_council","elected":true,"covers":["E1"]},
///     {"id":"icb1","name":"ICB 1","kind":"icb","covers":[{"area":"E1","share":0.05},"E2"]},
///     {"id":"police","name":"Police","kind":"police_force","covers":["E1","E2"]},
///     {"id":"vcs","name":"VCS","kind":"voluntary_community","covers":["E1"]},
///     {"id":"lsp","name":"LSP","kind":"lsp","covers":["E1"]}],
///   "links":[{"from":"cc","to":"lsp","kind":"chairs"},{"from":"police","to":"lsp","kind":"member_of"},
///            {"from":"vcs","to":"lsp","kind":"member_of"}]}"#).unwrap().model;
/// let c = statutory_partners(&m, 0, Rule::ChildrenAct2004S10);
/// // The ICB covers only 5% of one district, but any part is enough.
/// assert_eq!(c.missing, vec!["icb1".to_string()]);
/// assert_eq!(c.no_duty, vec!["vcs".to_string()]);
/// ```
pub fn statutory_partners(model: &Model, subject: usize, rule: Rule) -> StatutoryCheck {
    let Some(sb) = model.body(subject) else {
        return StatutoryCheck {
            rule,
            required: Vec::new(),
            missing: Vec::new(),
            no_duty: Vec::new(),
        };
    };
    let fp = model.footprint(subject);
    let members: Vec<usize> = if sb.kind.sector() == crate::model::Sector::Council {
        let mut m: Vec<usize> = model
            .links_from(subject)
            .filter(|(_, l)| l.kind == LinkKind::Chairs)
            .flat_map(|(p, _)| model.members(p))
            .filter(|&b| b != subject)
            .collect();
        m.sort_unstable();
        m.dedup();
        m
    } else {
        model.members(subject)
    };
    let required: Vec<Required> = required_partners(model, fp, &sb.kind, rule)
        .into_iter()
        .filter(|&(i, _)| i != subject)
        .filter_map(|(i, share_inside)| {
            Some(Required {
                body: model.body(i)?.id.clone(),
                share_inside,
                member: members.contains(&i),
            })
        })
        .collect();
    let missing = required
        .iter()
        .filter(|r| !r.member)
        .map(|r| r.body.clone())
        .collect();
    let no_duty = members
        .iter()
        .filter_map(|&m| model.body(m))
        .filter(|b| !required.iter().any(|r| r.body == b.id))
        .map(|b| b.id.clone())
        .collect();
    StatutoryCheck {
        rule,
        required,
        missing,
        no_duty,
    }
}
