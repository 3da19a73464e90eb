//! Governance-health findings: partnership load, formal footing, what the partnership's
//! type implies, and pooled budgets. The figures come from [`crate::analysis::load`],
//! [`crate::analysis::footing`], [`crate::analysis::lsp_types`] and
//! [`crate::analysis::budgets`]; this module only writes them in English.

use super::{and_list, find_resp, short_list, thousands, Category, Finding, Level};
use crate::analysis::accountability::AccountabilityPath;
use crate::analysis::budgets::budget_checks;
use crate::analysis::footing::without_agreement;
use crate::analysis::load::{load_per_body, load_per_person, threshold, AlignedSaving};
use crate::analysis::lsp_types::{advisory_leads, commissioning_gaps};
use crate::index::Model;
use crate::model::Budget;

/// The Audit Commission's finding, cited by `no_formal_agreement`.
pub const AUDIT_COMMISSION_2005: &str = "The Audit Commission found governance problems in 60% of partnerships without a formal agreement, against 22% of those with one (Governing partnerships: bridging the accountability gap, 2005).";

/// Formats an amount of money: `£12,500,000` for GBP (the default), `€`, `$` for EUR and
/// USD, and the code after the figure otherwise. Pence are shown only when there are some.
///
/// ```
/// use pmap_core::findings::health::money;
/// assert_eq!(money(12_500_000.0, None), "£12,500,000");
/// assert_eq!(money(1234.5, Some("EUR")), "€1,234.50");
/// assert_eq!(money(10.0, Some("CHF")), "10 CHF");
/// assert_eq!(money(0.999, None), "£1"); // rounded to the penny
/// ```
pub fn money(amount: f64, currency: Option<&str>) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    // Amounts are validated as finite and at least 0; the cast saturates on anything else.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let pence = (amount.abs() * 100.0).round() as u64;
    let figure = match pence % 100 {
        0 => thousands(pence / 100),
        p => format!("{}.{p:02}", thousands(pence / 100)),
    };
    match currency.unwrap_or("GBP") {
        "GBP" => format!("{sign}£{figure}"),
        "EUR" => format!("{sign}€{figure}"),
        "USD" => format!("{sign}${figure}"),
        other => format!("{sign}{figure} {other}"),
    }
}

fn names(model: &Model, ids: &[String]) -> Vec<String> {
    ids.iter().map(|i| model.name_of(i)).collect()
}

fn boards_phrase(n: usize) -> String {
    if n == 1 {
        "1 board".to_string()
    } else {
        format!("{n} boards")
    }
}

fn seats_phrase(n: usize) -> String {
    if n == 1 {
        "1 seat".to_string()
    } else {
        format!("{n} seats")
    }
}

/// " An aligned arrangement (one CSP per police force area) would need 1 seat instead of
/// 10, saving 9." — or nothing when aligning would not help.
fn saving_sentence(savings: &[AlignedSaving]) -> String {
    let useful: Vec<&AlignedSaving> = savings.iter().filter(|s| s.saved() > 0).collect();
    if useful.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = useful
        .iter()
        .map(|s| {
            format!(
                "one {} per {} area would need {} instead of {}",
                s.kind.label().to_lowercase(),
                s.unit.label().to_lowercase(),
                seats_phrase(s.aligned),
                s.boards
            )
        })
        .collect();
    let saved: usize = useful.iter().map(|s| s.saved()).sum();
    format!(
        " An aligned arrangement would save {}: {}.",
        seats_phrase(saved),
        and_list(&parts)
    )
}

fn base(
    id: String,
    kind: &'static str,
    level: Level,
    title: String,
    detail: String,
    why: &str,
) -> Finding {
    super::finding(
        id,
        Category::Governance,
        kind,
        level,
        title,
        detail,
        why,
        group(kind),
    )
}

/// One group per kind, for the findings list: "14 partnerships have no formal agreement".
fn group(kind: &'static str) -> super::GroupKey {
    let (one, many) = match kind {
        "partnership_load" => (
            "body or person is expected at more boards than the threshold",
            "bodies or people are expected at more boards than the threshold",
        ),
        "no_formal_agreement" => (
            "partnership has no formal agreement",
            "partnerships have no formal agreement",
        ),
        "advisory_holds_lead" => (
            "advisory partnership leads a responsibility",
            "advisory partnerships lead responsibilities",
        ),
        "commissioning_without_accountability" => (
            "commissioning partnership lacks a budget or a route to an elected body",
            "commissioning partnerships lack a budget or a route to an elected body",
        ),
        "pooled_budget_unaccountable" => (
            "pooled budget has no accountable holder",
            "pooled budgets have no accountable holder",
        ),
        "contributor_not_at_table" => (
            "budget contributor is not at the governing table",
            "budget contributors are not at the governing table",
        ),
        _ => ("governance finding", "governance findings"),
    };
    super::GroupKey::new(kind, one, many)
}

const LOAD_WHY: &str = "Every seat is a meeting to attend and a plan to align; a body whose area spans many partnerships' areas must sit on all of them, and aligning the boundaries is what cuts that load.";

/// Every governance-health finding, in the order the analyses give them.
pub fn findings(model: &Model) -> Vec<Finding> {
    let mut f = load_findings(model);
    f.extend(footing_findings(model));
    f.extend(type_findings(model));
    f.extend(budget_findings(model));
    f
}

fn load_level(load: usize, limit: usize) -> Level {
    if load > 2 * limit {
        Level::Medium
    } else {
        Level::Low
    }
}

/// `partnership_load`: bodies and people expected at more boards than the threshold.
fn load_findings(model: &Model) -> Vec<Finding> {
    let limit = threshold(model);
    let mut out = Vec::new();
    for l in load_per_body(model)
        .into_iter()
        .filter(|l| l.load() > limit)
    {
        let who = model.name_of(&l.body);
        let required: Vec<String> = l.required.iter().map(|r| r.board.clone()).collect();
        let must = if required.is_empty() {
            "No law requires it to sit on any of them".to_string()
        } else {
            let mut laws: Vec<&str> = l.required.iter().map(|r| r.rule.citation()).collect();
            laws.sort_unstable();
            laws.dedup();
            format!(
                "By law it must sit on {} ({}, because part of its area falls within each): {}",
                boards_phrase(required.len()),
                laws.join("; "),
                and_list(&names(model, &required))
            )
        };
        let other: Vec<String> = l
            .actual
            .iter()
            .filter(|a| !required.contains(a))
            .cloned()
            .collect();
        let sits = if other.is_empty() {
            String::new()
        } else {
            let count = boards_phrase(other.len());
            format!(
                " It {}: {}.",
                if required.is_empty() {
                    format!("sits on {count}")
                } else {
                    format!("also sits on {}", count.replace("board", "other board"))
                },
                and_list(&names(model, &other))
            )
        };
        let missing: Vec<String> = l.missing().into_iter().map(str::to_string).collect();
        let gap = match missing.len() {
            0 => String::new(),
            n if n == required.len() => " The map records it on none of those.".to_string(),
            n => format!(
                " The map does not record it on {n} of those: {}.",
                short_list(&names(model, &missing), 6)
            ),
        };
        let mut x = base(
            format!("load:{}", l.body),
            "partnership_load",
            load_level(l.load(), limit),
            format!("{who} is expected at {}", boards_phrase(l.load())),
            format!(
                "{who} is expected at {}, more than the threshold of {limit}. {must}.{sits}{gap}{}",
                boards_phrase(l.load()),
                saving_sentence(&l.savings)
            ),
            LOAD_WHY,
        );
        x.bodies = std::iter::once(l.body.clone()).chain(l.boards).collect();
        out.push(x);
    }
    for l in load_per_person(model)
        .into_iter()
        .filter(|l| l.seats.len() > limit)
    {
        let Some(person) = model.file().people.iter().find(|p| p.id == l.person) else {
            continue;
        };
        let of = match (&person.role, &l.body) {
            (Some(r), Some(b)) => format!(" ({r}, {})", model.name_of(b)),
            (Some(r), None) => format!(" ({r})"),
            (None, Some(b)) => format!(" ({})", model.name_of(b)),
            (None, None) => String::new(),
        };
        let mut x = base(
            format!("load:person:{}", l.person),
            "partnership_load",
            load_level(l.seats.len(), limit),
            format!(
                "{}{of} sits on {}",
                person.name,
                boards_phrase(l.seats.len())
            ),
            format!(
                "{}{of} sits on {}, more than the threshold of {limit}: {}.{}",
                person.name,
                boards_phrase(l.seats.len()),
                and_list(&names(model, &l.seats)),
                saving_sentence(&l.savings)
            ),
            LOAD_WHY,
        );
        x.bodies = l.body.iter().cloned().chain(l.seats).collect();
        out.push(x);
    }
    out
}

/// `no_formal_agreement`: partnerships no agreement names as a party. Like `sector_gap`, it
/// applies only where the partnership's members are recorded: a partnership the map merely
/// lists (the England map lists every CSP) gets the one `membership_not_recorded` finding
/// instead, not one per thing the map does not say.
fn footing_findings(model: &Model) -> Vec<Finding> {
    without_agreement(model)
        .into_iter()
        .filter(|&i| !model.members(i).is_empty())
        .filter_map(|i| {
            let b = model.body(i)?;
            let mut x = base(
                format!("no-agreement:{}", b.id),
                "no_formal_agreement",
                Level::Medium,
                format!("No formal agreement is recorded for {}", b.name),
                format!(
                    "No terms of reference, constitution, memorandum of understanding, section 75 agreement or other agreement in the map names {} as a party.",
                    b.name
                ),
                AUDIT_COMMISSION_2005,
            );
            x.bodies = vec![b.id.clone()];
            Some(x)
        })
        .collect()
}

/// `advisory_holds_lead` and `commissioning_without_accountability`.
fn type_findings(model: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    for a in advisory_leads(model) {
        let who = model.name_of(&a.partnership);
        let resps: Vec<String> = a
            .responsibilities
            .iter()
            .map(|r| {
                format!(
                    "“{}”",
                    find_resp(model, r).map_or_else(|| r.clone(), |x| x.name.clone())
                )
            })
            .collect();
        let statutory = a
            .responsibilities
            .iter()
            .any(|r| find_resp(model, r).is_some_and(|x| x.statutory));
        let mut x = base(
            format!("advisory-lead:{}", a.partnership),
            "advisory_holds_lead",
            if statutory { Level::High } else { Level::Medium },
            format!("{who} is advisory but leads {}", short_list(&resps, 3)),
            format!(
                "{who} is recorded as an advisory partnership, a forum with no power of its own, yet it is the lead on {}.",
                and_list(&resps)
            ),
            "An advisory partnership has no power to act, so a duty it leads has no one who can deliver it; the lead should be a body that can act and answer for it.",
        );
        x.bodies = vec![a.partnership.clone()];
        x.responsibilities = a.responsibilities;
        out.push(x);
    }
    for g in commissioning_gaps(model) {
        let who = model.name_of(&g.partnership);
        let dead_end = match &g.path {
            AccountabilityPath::DeadEnd { ends, .. } => Some(ends.clone()),
            _ => None,
        };
        let lacks = match (g.no_budget, dead_end.is_some()) {
            (true, true) => "a budget or a route to anyone local people elect",
            (true, false) => "a budget",
            _ => "a route to anyone local people elect",
        };
        let mut facts = Vec::new();
        if g.no_budget {
            facts
                .push("it holds or governs no budget in the map, and nothing funds it".to_string());
        }
        if let Some(ends) = &dead_end {
            let stops = names(model, ends);
            facts.push(if stops.is_empty() || stops == [who.clone()] {
                "it has no accountability link to any other body".to_string()
            } else {
                format!(
                    "its accountability links stop at {} before reaching an elected body",
                    and_list(&stops)
                )
            });
        }
        let mut x = base(
            format!("commissioning-unaccountable:{}", g.partnership),
            "commissioning_without_accountability",
            Level::Medium,
            format!("{who} commissions without {lacks}"),
            format!(
                "{who} is recorded as a commissioning partnership, with its own staff and budget, but {}.",
                and_list(&facts)
            ),
            "A commissioning partnership spends money in its own right, so it must create its own accountability: a budget it answers for, and a route to people local residents elect.",
        );
        x.bodies = vec![g.partnership.clone()];
        if let AccountabilityPath::DeadEnd { reached, .. } = &g.path {
            x.bodies
                .extend(reached.iter().filter(|r| **r != g.partnership).cloned());
        }
        out.push(x);
    }
    out
}

fn budget_phrase(b: &Budget) -> String {
    match b.amount {
        Some(a) => format!("“{}” ({})", b.name, money(a, b.currency.as_deref())),
        None => format!("“{}”", b.name),
    }
}

/// `pooled_budget_unaccountable` and `contributor_not_at_table`.
fn budget_findings(model: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    for (b, c) in model.file().budgets.iter().zip(budget_checks(model)) {
        let contributors: Vec<String> = b.contributions.iter().map(|c| c.body.clone()).collect();
        let paid_by = if contributors.is_empty() {
            String::new()
        } else {
            format!(
                " {} pay{} into it.",
                and_list(&names(model, &contributors)),
                if contributors.len() == 1 { "s" } else { "" }
            )
        };
        if !c.is_accountable() {
            let (title, fact, mut bodies) = match (&c.holder, &c.holder_path) {
                (Some(h), Some(AccountabilityPath::DeadEnd { reached, ends })) => {
                    let stops = names(model, ends);
                    let route = if reached.len() <= 1 {
                        "it has no accountability link to any other body".to_string()
                    } else {
                        format!(
                            "its accountability links stop at {} before reaching an elected body",
                            and_list(&stops)
                        )
                    };
                    (
                        format!(
                            "“{}” is held by {}, which answers to no one local people elect",
                            b.name,
                            model.name_of(h)
                        ),
                        format!(
                            "{} is held by {}, but {route}.",
                            budget_phrase(b),
                            model.name_of(h)
                        ),
                        reached.clone(),
                    )
                }
                _ => (
                    format!("Nobody is recorded as holding “{}”", b.name),
                    format!("{} has no holding body in the map.", budget_phrase(b)),
                    Vec::new(),
                ),
            };
            for id in contributors.iter().chain(&c.governed_by) {
                if !bodies.contains(id) {
                    bodies.push(id.clone());
                }
            }
            let mut x = base(
                format!("budget-unaccountable:{}", b.id),
                "pooled_budget_unaccountable",
                Level::Medium,
                title,
                format!("{fact}{paid_by}"),
                "Partners can pool money to commission together, but accountability for what it buys cannot be delegated: an elected body must answer for it.",
            );
            x.bodies = bodies;
            out.push(x);
        }
        if let (Some(g), false) = (&c.governed_by, c.not_at_table.is_empty()) {
            let absent: Vec<String> = c
                .not_at_table
                .iter()
                .map(|id| {
                    let amount = b
                        .contributions
                        .iter()
                        .find(|x| &x.body == id)
                        .and_then(|x| x.amount);
                    match amount {
                        Some(a) => {
                            format!(
                                "{} ({})",
                                model.name_of(id),
                                money(a, b.currency.as_deref())
                            )
                        }
                        None => model.name_of(id),
                    }
                })
                .collect();
            let plural = c.not_at_table.len() > 1;
            let mut x = base(
                format!("not-at-table:{}", b.id),
                "contributor_not_at_table",
                Level::Medium,
                format!(
                    "{} pay{} into “{}” but {} not sit on {}",
                    short_list(&names(model, &c.not_at_table), 3),
                    if plural { "" } else { "s" },
                    b.name,
                    if plural { "do" } else { "does" },
                    model.name_of(g)
                ),
                format!(
                    "{} decides how {} is spent. {} pay{} into it but {} not {} of it.",
                    model.name_of(g),
                    budget_phrase(b),
                    and_list(&absent),
                    if plural { "" } else { "s" },
                    if plural { "are" } else { "is" },
                    if plural { "members" } else { "a member" },
                ),
                "A partner that pays in without a seat where the money is decided cannot answer for how its money is used.",
            );
            x.bodies = std::iter::once(g.clone())
                .chain(c.not_at_table.iter().cloned())
                .collect();
            out.push(x);
        }
    }
    out
}
