//! Findings: the analyses' results in plain English, each with a severity, a "why this
//! matters" line, and the ids of the bodies, areas and responsibilities it concerns (so a
//! view can highlight them). The browser and `pmap-check` both print these, so they agree.

use crate::analysis::accountability::{centrality, AccountabilityPath, Centrality};
use crate::analysis::coterminosity::{compare, AreaGap, Relation};
use crate::analysis::coverage::{sector_gaps, spills, Spill};
use crate::analysis::orphans::{orphans, Orphan};
use crate::analysis::splits::splits;
use crate::index::Model;
use serde::Serialize;
use std::collections::BTreeMap;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A statutory duty or partner is affected.
    High,
    /// Worth fixing.
    Medium,
    /// Worth knowing.
    Low,
}

impl Level {
    /// Lower-case name, also a CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// The two families of problem the tool looks for, plus network structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Boundaries that do not line up.
    Coterminosity,
    /// Duties or outcomes nobody owns, or that fall between bodies.
    Orphan,
    /// How the network hangs together.
    Structure,
}

impl Category {
    /// Plain-English heading.
    pub fn label(self) -> &'static str {
        match self {
            Category::Coterminosity => "Coterminosity gaps",
            Category::Orphan => "Orphaned responsibilities",
            Category::Structure => "Single points of failure",
        }
    }
}

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id, e.g. `split:E07000089:icb`.
    pub id: String,
    /// Which family it belongs to.
    pub category: Category,
    /// Machine-readable kind, e.g. `split_area`.
    pub kind: &'static str,
    /// How much it matters.
    pub level: Level,
    /// One-line summary.
    pub title: String,
    /// The facts, with figures.
    pub detail: String,
    /// Why this matters, in one line.
    pub why: String,
    /// Ids of the bodies concerned.
    pub bodies: Vec<String>,
    /// GSS codes of the areas concerned.
    pub areas: Vec<String>,
    /// Ids of the responsibilities concerned.
    pub responsibilities: Vec<String>,
    /// People affected, when it can be counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<u64>,
}

/// Everything the analyses found, in one place.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Findings, most serious first.
    pub findings: Vec<Finding>,
    /// Degree, betweenness and cut-off figures per body.
    pub centrality: Vec<Centrality>,
    /// Counts by category.
    pub counts: BTreeMap<Category, usize>,
}

/// Formats a whole number with thousands separators: `180354` → `"180,354"`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a share as a whole percentage: `0.7627` → `"76%"`.
pub fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Joins names as English: "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn describe_gaps(gaps: &[AreaGap], tol: f64) -> String {
    let whole = gaps
        .iter()
        .filter(|g| g.share >= 1.0 - tol)
        .map(|g| g.name.clone());
    let part = gaps
        .iter()
        .filter(|g| g.share < 1.0 - tol)
        .map(|g| format!("{} of {}", pct(g.share), g.name));
    let parts: Vec<String> = whole.chain(part).collect();
    if parts.len() > 6 {
        let shown = parts.iter().take(5).cloned().collect::<Vec<_>>();
        format!("{} and {} more areas", shown.join(", "), parts.len() - 5)
    } else {
        and_list(&parts)
    }
}

/// "A, B, C and 4 more".
fn short_list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        and_list(items)
    } else {
        format!(
            "{} and {} more",
            items
                .iter()
                .take(max)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            items.len() - max
        )
    }
}

/// Partnerships whose footprint is the point of comparison for wider members: the
/// strategic, area-wide ones (not district CSPs or thematic groups, which every
/// county-wide body naturally exceeds).
fn is_strategic(kind: &crate::model::BodyKind) -> bool {
    use crate::model::BodyKind as K;
    matches!(kind, K::Lsp | K::ExecutiveBoard | K::CombinedAuthority)
}

fn people_phrase(people: u64) -> String {
    if people == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", thousands(people))
    }
}

/// Runs every analysis and writes the findings.
///
/// ```
/// use pmap_core::{load, findings::{analyse, Level}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "responsibilities":[{"id":"rs","name":"Rough sleeping outreach","statutory":false}]}"#)
///   .unwrap().model;
/// let r = analyse(&m);
/// assert_eq!(r.findings[0].title, "Nobody owns “Rough sleeping outreach”");
/// assert_eq!(r.findings[0].level, Level::Medium);
/// ```
pub fn analyse(model: &Model) -> Report {
    let tol = model.tolerance();
    let name = |id: &str| {
        model
            .body_index(id)
            .map_or_else(|| id.to_string(), |i| model.body_name(i).to_string())
    };
    let mut f = Vec::new();

    for s in splits(model) {
        let kind_label = s.kind.label().to_lowercase();
        let parts: Vec<String> = s
            .parts
            .iter()
            .map(|(id, sh)| format!("{} {}", name(id), pct(*sh)))
            .collect();
        let of_people = s
            .people
            .map(|p| format!(" ({})", people_phrase(p)))
            .unwrap_or_default();
        f.push(Finding {
            id: format!("split:{}:{}", s.area, s.kind.as_str()),
            category: Category::Coterminosity,
            kind: "split_area",
            level: if s.kind.sector().is_statutory_partner() { Level::High } else { Level::Medium },
            title: format!("{} is split between {} {}s", s.name, s.parts.len(), kind_label),
            detail: format!("{}{of_people} is divided: {}.", s.name, and_list(&parts)),
            why: format!(
                "Residents of one area deal with different {kind_label}s depending on where they live, so plans, data and services have to be joined up across the line."
            ),
            bodies: s.parts.iter().map(|(id, _)| id.clone()).collect(),
            areas: vec![s.area.clone()],
            responsibilities: vec![],
            people: s.people,
        });
    }

    for g in sector_gaps(model) {
        let pname = name(&g.partnership);
        let sector = g.sector.noun();
        let who = if g.members.is_empty() {
            format!("{pname} has no {sector} member at all")
        } else {
            let names: Vec<String> = g.members.iter().map(|m| name(m)).collect();
            format!(
                "its {sector} members ({}) do not cover them",
                and_list(&names)
            )
        };
        let fill = if g.could_fill.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = g.could_fill.iter().map(|m| name(m)).collect();
            if names.len() == 1 {
                format!(" {} covers them but is not a member.", and_list(&names))
            } else {
                format!(" {} cover them but are not members.", and_list(&names))
            }
        };
        let mut bodies = vec![g.partnership.clone()];
        bodies.extend(g.members.iter().cloned());
        bodies.extend(g.could_fill.iter().cloned());
        f.push(Finding {
            id: format!("gap:{}:{}", g.partnership, g.sector.as_str()),
            category: Category::Coterminosity,
            kind: "sector_gap",
            level: if g.statutory { Level::High } else { Level::Medium },
            title: format!("{pname}: no {sector} member covers {}", describe_gaps(&g.uncovered, tol)),
            detail: format!(
                "{} in {} live in {pname}'s area, but {who}.{fill}",
                people_phrase(g.people),
                describe_gaps(&g.uncovered, tol),
            ),
            why: if g.statutory {
                format!("{} is a statutory partner here; without it at the table, the partnership's decisions do not reach these residents.", g.sector.label())
            } else {
                "Part of the partnership's area has no partner from this sector to act on what it agrees.".to_string()
            },
            bodies,
            areas: g.uncovered.iter().map(|a| a.code.clone()).collect(),
            responsibilities: vec![],
            people: Some(g.people),
        });
    }

    // Members whose boundary cuts across a partnership's: one finding per member.
    let all_spills = spills(model);
    let mut misaligned: BTreeMap<String, Vec<&Spill>> = BTreeMap::new();
    let mut larger: BTreeMap<String, Vec<&Spill>> = BTreeMap::new();
    for s in &all_spills {
        if s.relation == Relation::Misaligned {
            misaligned.entry(s.member.clone()).or_default().push(s);
        } else if model
            .body_index(&s.partnership)
            .and_then(|i| model.body(i))
            .is_some_and(|b| is_strategic(&b.kind))
        {
            larger.entry(s.partnership.clone()).or_default().push(s);
        }
    }
    for (member, list) in misaligned {
        // Describe it against the widest partnership it cuts across.
        let size = |id: &str| {
            model.body_index(id).map_or(0.0, |i| {
                model
                    .footprint(i)
                    .iter()
                    .map(|&(x, sh)| model.population(x).unwrap_or(1.0) * sh)
                    .sum::<f64>()
            })
        };
        let Some(widest) = list
            .iter()
            .max_by(|a, b| size(&a.partnership).total_cmp(&size(&b.partnership)))
        else {
            continue;
        };
        let partnerships: Vec<String> = list.iter().map(|s| name(&s.partnership)).collect();
        let mut bodies = vec![member.clone()];
        bodies.extend(list.iter().map(|s| s.partnership.clone()));
        let r = compare(
            model,
            model.body_index(&member).unwrap_or(0),
            model.body_index(&widest.partnership).unwrap_or(0),
        );
        let inside = if r.only_b.is_empty() {
            String::new()
        } else {
            format!(
                " It does not cover {} ({}) inside it.",
                describe_gaps(&r.only_b, tol),
                people_phrase(r.people_only_b)
            )
        };
        f.push(Finding {
            id: format!("misaligned:{member}"),
            category: Category::Coterminosity,
            kind: "misaligned_member",
            level: Level::Medium,
            title: format!("{}'s boundary cuts across {}", name(&member), short_list(&partnerships, 3)),
            detail: format!(
                "{} of the people {} serves ({}) live outside {}: {}.{inside}",
                pct(widest.share_outside),
                name(&member),
                people_phrase(widest.people),
                name(&widest.partnership),
                describe_gaps(&widest.outside, tol),
            ),
            why: "Its boundary crosses the partnership's, so it answers to several tables and its plans match none of them.".to_string(),
            bodies,
            areas: widest.outside.iter().chain(&r.only_b).map(|a| a.code.clone()).collect(),
            responsibilities: vec![],
            people: Some(widest.people + r.people_only_b),
        });
    }
    // Members that serve a wider area than a strategic partnership: one finding per partnership.
    for (partnership, list) in larger {
        let mut areas: Vec<AreaGap> = Vec::new();
        for s in &list {
            for a in &s.outside {
                if !areas.iter().any(|x| x.code == a.code) {
                    areas.push(a.clone());
                }
            }
        }
        let members: Vec<String> = list.iter().map(|s| name(&s.member)).collect();
        let people = list.iter().map(|s| s.people).max().unwrap_or(0);
        let mut bodies = vec![partnership.clone()];
        bodies.extend(list.iter().map(|s| s.member.clone()));
        f.push(Finding {
            id: format!("wider:{partnership}"),
            category: Category::Coterminosity,
            kind: "members_serve_wider_area",
            level: Level::Low,
            title: format!(
                "{} {} of {} also serve{} areas outside it",
                list.len(),
                if list.len() == 1 { "member" } else { "members" },
                name(&partnership),
                if list.len() == 1 { "s" } else { "" },
            ),
            detail: format!(
                "{} also cover {} ({}), which {} outside {}.",
                and_list(&members),
                describe_gaps(&areas, tol),
                people_phrase(people),
                if areas.len() == 1 { "is" } else { "are" },
                name(&partnership),
            ),
            why: "Bodies with a wider area sit on several partnerships; joint plans and data will not match their own.".to_string(),
            bodies,
            areas: areas.iter().map(|a| a.code.clone()).collect(),
            responsibilities: vec![],
            people: Some(people),
        });
    }

    let mut unaccountable: BTreeMap<String, (Vec<String>, AccountabilityPath)> = BTreeMap::new();
    for o in orphans(model) {
        if let Orphan::UnaccountableOwner {
            responsibility,
            owner,
            path,
        } = o
        {
            let e = unaccountable
                .entry(owner)
                .or_insert_with(|| (Vec::new(), path));
            e.0.push(responsibility);
        } else {
            f.push(orphan_finding(model, &o, &name, tol));
        }
    }
    for (owner, (resps, path)) in unaccountable {
        let rnames: Vec<String> = resps
            .iter()
            .map(|r| {
                format!(
                    "“{}”",
                    find_resp(model, r).map_or_else(|| r.clone(), |x| x.name.clone())
                )
            })
            .collect();
        let trail = match &path {
            AccountabilityPath::DeadEnd { reached, ends } => {
                let others: Vec<String> = reached
                    .iter()
                    .filter(|b| **b != owner)
                    .map(|b| name(b))
                    .collect();
                let stops: Vec<String> = ends.iter().map(|b| name(b)).collect();
                if others.is_empty() {
                    " It has no accountability link to any other body.".to_string()
                } else if others == stops {
                    format!(
                        " Its accountability links lead only to {}, which {} none of {} own: no elected body is on the way.",
                        and_list(&others),
                        if others.len() == 1 { "has" } else { "have" },
                        if others.len() == 1 { "its" } else { "their" },
                    )
                } else {
                    format!(
                        " Its accountability links lead only to {}, and stop at {}: no elected body is on the way.",
                        and_list(&others),
                        and_list(&stops)
                    )
                }
            }
            _ => String::new(),
        };
        let mut bodies = vec![owner.clone()];
        if let AccountabilityPath::DeadEnd { reached, .. } = &path {
            bodies.extend(reached.iter().filter(|e| **e != owner).cloned());
        }
        f.push(Finding {
            id: format!("unaccountable:{owner}"),
            category: Category::Orphan,
            kind: "unaccountable_owner",
            level: Level::Medium,
            title: format!(
                "No route from {} to anyone local people elect",
                name(&owner)
            ),
            detail: format!(
                "{} owns part of {}.{trail}",
                name(&owner),
                and_list(&rnames)
            ),
            why: "Local people cannot hold anyone they elect to account for this work.".to_string(),
            bodies,
            areas: vec![],
            responsibilities: resps,
            people: None,
        });
    }

    let cent = centrality(model);
    let mut spof: Vec<&Centrality> = cent.iter().filter(|c| c.would_cut_off > 0).collect();
    spof.sort_by(|a, b| {
        b.would_cut_off
            .cmp(&a.would_cut_off)
            .then(b.betweenness.total_cmp(&a.betweenness))
    });
    for c in spof {
        f.push(Finding {
            id: format!("spof:{}", c.body),
            category: Category::Structure,
            kind: "single_point_of_failure",
            level: Level::Low,
            title: format!("{} is a single point of failure", name(&c.body)),
            detail: format!(
                "If {} stepped away, {} would lose their only link to the rest of the partnership. It lies on {} of the shortest routes between other bodies.",
                name(&c.body),
                if c.would_cut_off == 1 { "1 body".to_string() } else { format!("{} bodies", c.would_cut_off) },
                pct(c.betweenness),
            ),
            why: "Everything that passes between those bodies and the rest depends on one organisation; a second link makes the partnership resilient.".to_string(),
            bodies: vec![c.body.clone()],
            areas: vec![],
            responsibilities: vec![],
            people: None,
        });
    }

    f.sort_by(|a, b| {
        a.level
            .cmp(&b.level)
            .then(a.category.cmp(&b.category))
            .then(b.people.unwrap_or(0).cmp(&a.people.unwrap_or(0)))
            .then(a.id.cmp(&b.id))
    });
    let mut counts = BTreeMap::new();
    for x in &f {
        *counts.entry(x.category).or_insert(0) += 1;
    }
    Report {
        findings: f,
        centrality: cent,
        counts,
    }
}

fn find_resp<'m>(model: &'m Model, id: &str) -> Option<&'m crate::model::Responsibility> {
    model
        .responsibility_index(id)
        .and_then(|i| model.file().responsibilities.get(i))
}

fn orphan_finding(model: &Model, o: &Orphan, name: &dyn Fn(&str) -> String, tol: f64) -> Finding {
    let resp = |id: &str| find_resp(model, id);
    let rname = |id: &str| resp(id).map_or_else(|| id.to_string(), |r| r.name.clone());
    let statutory = |id: &str| resp(id).is_some_and(|r| r.statutory);
    let basis = |id: &str| {
        resp(id)
            .and_then(|r| r.legal_basis.clone())
            .map(|b| format!(" ({b})"))
            .unwrap_or_default()
    };
    let base =
        |id: String, kind: &'static str, level: Level, title: String, detail: String, why: &str| {
            Finding {
                id,
                category: Category::Orphan,
                kind,
                level,
                title,
                detail,
                why: why.to_string(),
                bodies: vec![],
                areas: vec![],
                responsibilities: vec![],
                people: None,
            }
        };
    match o {
        Orphan::NoOwner { responsibility: r } => {
            let mut x = base(
                format!("no-owner:{r}"),
                "no_owner",
                if statutory(r) { Level::High } else { Level::Medium },
                format!("Nobody owns “{}”", rname(r)),
                format!("“{}”{} has no owner in the map: no body leads, contributes to, commissions or delivers it.", rname(r), basis(r)),
                "A duty nobody owns is a duty nobody does; it surfaces only when something goes wrong.",
            );
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::NoLead {
            responsibility: r,
            owners,
        } => {
            let names: Vec<String> = owners.iter().map(|b| name(b)).collect();
            let mut x = base(
                format!("no-lead:{r}"),
                "no_lead",
                if statutory(r) {
                    Level::High
                } else {
                    Level::Medium
                },
                format!("“{}” has owners but no lead", rname(r)),
                format!(
                    "{} take part in “{}”, but none of them leads it.",
                    and_list(&names),
                    rname(r)
                ),
                "When everyone contributes and no one leads, the work falls between the bodies.",
            );
            x.bodies.clone_from(owners);
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::PartialLead {
            responsibility: r,
            leads,
            uncovered,
            people,
        } => {
            let names: Vec<String> = leads.iter().map(|b| name(b)).collect();
            let mut x = base(
                format!("partial-lead:{r}"),
                "partial_lead",
                if statutory(r) {
                    Level::High
                } else {
                    Level::Medium
                },
                format!(
                    "The lead on “{}” does not cover {}",
                    rname(r),
                    describe_gaps(uncovered, tol)
                ),
                format!(
                    "{} {} “{}”, but {} in {} fall outside {} area.",
                    and_list(&names),
                    if names.len() == 1 { "leads" } else { "lead" },
                    rname(r),
                    people_phrase(*people),
                    describe_gaps(uncovered, tol),
                    if names.len() == 1 { "its" } else { "their" },
                ),
                "Residents outside the lead's area are in scope but nobody is answerable for them.",
            );
            x.bodies.clone_from(leads);
            x.areas = uncovered.iter().map(|a| a.code.clone()).collect();
            x.responsibilities = vec![r.clone()];
            x.people = Some(*people);
            x
        }
        Orphan::SeveralLeads {
            responsibility: r,
            leads,
            areas,
        } => {
            let names: Vec<String> = leads.iter().map(|b| name(b)).collect();
            let area_names: Vec<String> = areas.iter().map(|a| a.name.clone()).collect();
            let mut x = base(
                format!("several-leads:{r}"),
                "several_leads",
                Level::Medium,
                format!("“{}” has more than one lead in {}", rname(r), and_list(&area_names)),
                format!("{} each lead “{}” over the same people in {}.", and_list(&names), rname(r), and_list(&area_names)),
                "Two leads for the same people means duplicated effort, or each assuming the other is acting.",
            );
            x.bodies.clone_from(leads);
            x.areas = areas.iter().map(|a| a.code.clone()).collect();
            x.responsibilities = vec![r.clone()];
            x
        }
        // Grouped by owner in `analyse`; this arm only keeps the match exhaustive.
        Orphan::UnaccountableOwner {
            responsibility: r,
            owner,
            ..
        } => {
            let mut x = base(
                format!("unaccountable:{owner}"),
                "unaccountable_owner",
                Level::Medium,
                format!("No route from {} to anyone local people elect", name(owner)),
                format!("{} owns part of “{}”.", name(owner), rname(r)),
                "Local people cannot hold anyone they elect to account for this work.",
            );
            x.bodies = vec![owner.clone()];
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::UnreportingGroup { group, accountable } => {
            let mut x = base(
                format!("unreporting:{group}"),
                "unreporting_group",
                Level::Medium,
                format!("{} reports to no board", name(group)),
                format!(
                    "{} is a thematic group with no “reports to” or “sub-group of” link, so its work does not feed into the partnership's decisions.{}",
                    name(group),
                    if *accountable { "" } else { " Nor does it have any route to an elected body." }
                ),
                "A group that reports to nobody can agree things that nobody acts on.",
            );
            x.bodies = vec![group.clone()];
            x
        }
        Orphan::DanglingTarget {
            agreement,
            target,
            named,
        } => {
            let aname = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .map_or_else(|| agreement.clone(), |a| a.name.clone());
            let tname = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .and_then(|a| a.targets.iter().find(|t| &t.id == target))
                .map_or_else(|| target.clone(), |t| t.name.clone());
            let mut x = base(
                format!("dangling-target:{agreement}:{target}"),
                "dangling_target",
                Level::Low,
                format!("Target {target} of {aname} points at nothing"),
                match named {
                    Some(n) => format!(
                        "“{tname}” names the responsibility “{n}”, which is not in the map."
                    ),
                    None => format!("“{tname}” is not linked to any responsibility."),
                },
                "A target with no responsibility behind it has no owner to deliver it.",
            );
            x.bodies = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .map(|a| a.parties.clone())
                .unwrap_or_default();
            x
        }
    }
}
