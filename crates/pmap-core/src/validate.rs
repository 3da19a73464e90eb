//! Checking what a map file means: every reference resolves, dates are dates, shares are
//! shares, and reporting lines have no cycles.
//!
//! Errors stop a file from being applied; warnings are shown but do not.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::{BodyKind, Budget, LinkKind, MapFile, PartnershipType, Person};
use crate::parse::closest;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;
use std::collections::{HashMap, HashSet};

/// How many id comparisons "did you mean" hints may cost in all (a map of England, 296
/// areas, gets a hint for its first 1,689 unknown area codes).
const MAX_HINT_COMPARISONS: usize = 500_000;

/// The longest id accepted. Ids are keys, not prose.
pub const MAX_ID_CHARS: usize = 200;

/// Checks a parsed map file and returns every diagnostic found.
///
/// ```
/// use pmap_core::{parse::parse_map, validate::validate};
/// let (file, _) = parse_map(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"a","name":"A","kind":"lsp","covers":["E99999999"]}]}"#);
/// let diags = validate(&file.unwrap());
/// assert_eq!(diags[0].code, "unknown-area");
/// assert_eq!(diags[0].path, "bodies[0].covers[0]");
/// ```
pub fn validate(file: &MapFile) -> Vec<Diagnostic> {
    // A map beyond the limits is refused before any other work is done on it.
    let over = crate::limits::check(file);
    if !over.is_empty() {
        return over;
    }
    let mut d = Vec::new();
    // "Did you mean" compares an unknown id with every known one; a hostile file with a
    // million unknown references would take hours, so hints stop after a fixed number of
    // comparisons.
    let hints = std::cell::Cell::new(MAX_HINT_COMPARISONS);

    // Areas.
    let mut area_codes: HashMap<&str, usize> = HashMap::new();
    for (i, a) in file.areas.iter().enumerate() {
        let p = format!("areas[{i}]");
        check_id(&a.code, &format!("{p}.code"), "area code", &mut d);
        if let Some(first) = area_codes.insert(a.code.as_str(), i) {
            d.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("{p}.code"),
                    format!("area code {} is already used by areas[{first}]", a.code),
                )
                .with_value(&a.code),
            );
        }
        if !a.code.is_empty() && !is_gss(&a.code) {
            d.push(
                Diagnostic::warning(
                    "not-gss",
                    format!("{p}.code"),
                    "this does not look like an ONS GSS code (a letter and eight digits, e.g. E07000089)",
                )
                .with_value(&a.code),
            );
        }
        if a.name.trim().is_empty() {
            d.push(Diagnostic::error(
                "empty-name",
                format!("{p}.name"),
                "the area has no name",
            ));
        }
        if let Some(r) = crate::reorg::replacement(&a.code) {
            d.push(
                Diagnostic::warning(
                    "stale-code",
                    format!("{p}.code"),
                    format!("{} ({}) is a stale code: it was replaced in {} by {} ({}); use the new code for current maps", a.code, r.old_name, r.year, r.new_code, r.new_name),
                )
                .with_value(&a.code),
            );
        }
    }
    for (i, a) in file.areas.iter().enumerate() {
        if let Some(parent) = &a.parent {
            if parent == &a.code {
                d.push(
                    Diagnostic::error(
                        "self-parent",
                        format!("areas[{i}].parent"),
                        "an area cannot be its own parent",
                    )
                    .with_value(parent),
                );
            }
        }
        for (j, n) in a.neighbours.iter().enumerate() {
            let np = format!("areas[{i}].neighbours[{j}]");
            if n == &a.code {
                d.push(
                    Diagnostic::warning(
                        "self-neighbour",
                        np,
                        format!("{} ({}) lists itself as a neighbour", a.name, a.code),
                    )
                    .with_value(n),
                );
            } else if !area_codes.contains_key(n.as_str()) {
                let mut e = unknown_area(n, &np, file, &hints);
                e.message = format!("neighbours of {} ({}): {}", a.name, a.code, e.message);
                d.push(e);
            }
        }
    }

    // Bodies.
    let mut body_ids: HashMap<&str, usize> = HashMap::new();
    for (i, b) in file.bodies.iter().enumerate() {
        let p = format!("bodies[{i}]");
        check_unique(&b.id, &p, "body", "bodies", &mut body_ids, i, &mut d);
        if b.name.trim().is_empty() {
            d.push(Diagnostic::error(
                "empty-name",
                format!("{p}.name"),
                "the body has no name",
            ));
        }
        if let BodyKind::Other(k) = &b.kind {
            let known: Vec<&str> = BodyKind::KNOWN.iter().map(BodyKind::as_str).collect();
            let hint = closest(k, &known)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            d.push(
                Diagnostic::warning(
                    "unknown-kind",
                    format!("{p}.kind"),
                    format!("unknown body kind; it is shown as \"other\"{hint}"),
                )
                .with_value(k),
            );
        }
        let mut seen = HashSet::new();
        for (j, c) in b.covers.iter().enumerate() {
            let cp = format!("{p}.covers[{j}]");
            if !area_codes.contains_key(c.area.as_str()) {
                d.push(unknown_area(&c.area, &cp, file, &hints));
            }
            if !seen.insert(c.area.as_str()) {
                d.push(
                    Diagnostic::error(
                        "duplicate-coverage",
                        cp.clone(),
                        format!("{} covers area {} twice", b.id, c.area),
                    )
                    .with_value(&c.area),
                );
            }
            if let Some(s) = c.share {
                if !(s > 0.0 && s <= 1.0) {
                    d.push(
                        Diagnostic::error(
                            "bad-share",
                            format!("{cp}.share"),
                            "a share must be more than 0 and at most 1 (0.25 means a quarter of the area's people)",
                        )
                        .with_value(s.to_string()),
                    );
                }
            }
        }
        check_dates(b.valid_from.as_deref(), b.valid_to.as_deref(), &p, &mut d);
    }

    // Links.
    let mut seen_links = HashSet::new();
    for (i, l) in file.links.iter().enumerate() {
        let p = format!("links[{i}]");
        for (field, id) in [("from", &l.from), ("to", &l.to)] {
            if !body_ids.contains_key(id.as_str()) {
                d.push(unknown_body(id, &format!("{p}.{field}"), &body_ids, &hints));
            }
        }
        if l.from == l.to {
            d.push(
                Diagnostic::error(
                    "self-link",
                    p.clone(),
                    format!(
                        "a body cannot be linked to itself ({} {} {})",
                        l.from,
                        l.kind.as_str(),
                        l.to
                    ),
                )
                .with_value(&l.from),
            );
        }
        if !seen_links.insert((l.from.as_str(), l.to.as_str(), l.kind)) {
            d.push(Diagnostic::warning(
                "duplicate-link",
                p.clone(),
                format!(
                    "the link {} {} {} appears more than once",
                    l.from,
                    l.kind.as_str(),
                    l.to
                ),
            ));
        }
        check_dates(l.valid_from.as_deref(), l.valid_to.as_deref(), &p, &mut d);
    }
    check_cycles(file, &body_ids, &mut d);

    // Responsibilities.
    let mut resp_ids: HashMap<&str, usize> = HashMap::new();
    for (i, r) in file.responsibilities.iter().enumerate() {
        let p = format!("responsibilities[{i}]");
        check_unique(
            &r.id,
            &p,
            "responsibility",
            "responsibilities",
            &mut resp_ids,
            i,
            &mut d,
        );
        for (j, code) in r.scope.iter().enumerate() {
            if !area_codes.contains_key(code.as_str()) {
                d.push(unknown_area(code, &format!("{p}.scope[{j}]"), file, &hints));
            }
        }
        let mut owners = HashSet::new();
        for (j, o) in r.owners.iter().enumerate() {
            let op = format!("{p}.owners[{j}]");
            if !body_ids.contains_key(o.body.as_str()) {
                d.push(unknown_body(
                    &o.body,
                    &format!("{op}.body"),
                    &body_ids,
                    &hints,
                ));
            }
            if !owners.insert((o.body.as_str(), o.role)) {
                d.push(Diagnostic::warning(
                    "duplicate-owner",
                    op,
                    format!("{} is listed twice as {}", o.body, o.role.as_str()),
                ));
            }
        }
    }

    // Agreements.
    let mut agreement_ids: HashMap<&str, usize> = HashMap::new();
    for (i, a) in file.agreements.iter().enumerate() {
        let p = format!("agreements[{i}]");
        check_unique(
            &a.id,
            &p,
            "agreement",
            "agreements",
            &mut agreement_ids,
            i,
            &mut d,
        );
        for (j, party) in a.parties.iter().enumerate() {
            if !body_ids.contains_key(party.as_str()) {
                d.push(unknown_body(
                    party,
                    &format!("{p}.parties[{j}]"),
                    &body_ids,
                    &hints,
                ));
            }
        }
        check_dates(a.valid_from.as_deref(), a.valid_to.as_deref(), &p, &mut d);
        for (j, t) in a.targets.iter().enumerate() {
            match &t.responsibility {
                Some(r) if resp_ids.contains_key(r.as_str()) => {}
                Some(r) => d.push(
                    Diagnostic::warning(
                        "target-points-at-nothing",
                        format!("{p}.targets[{j}].responsibility"),
                        format!(
                            "target \"{}\" names a responsibility that is not in the file",
                            t.id
                        ),
                    )
                    .with_value(r),
                ),
                None => d.push(Diagnostic::warning(
                    "target-points-at-nothing",
                    format!("{p}.targets[{j}]"),
                    format!("target \"{}\" is not linked to any responsibility", t.id),
                )),
            }
        }
    }

    // Tour.
    for (i, s) in file.tour.iter().enumerate() {
        for (j, id) in s.focus.iter().enumerate() {
            if !body_ids.contains_key(id.as_str()) {
                let mut w = unknown_body(id, &format!("tour[{i}].focus[{j}]"), &body_ids, &hints);
                w.severity = crate::diagnostic::Severity::Warning;
                d.push(w);
            }
        }
    }

    check_overlapping_shares(file, &mut d);
    d.extend(crate::geography::validate_boundaries(file));
    if let Some(t) = file.meta.sliver_tolerance {
        if !(0.0..0.5).contains(&t) {
            d.push(
                Diagnostic::error(
                    "bad-tolerance",
                    "meta.sliver_tolerance",
                    "the sliver tolerance must be at least 0 and below 0.5 (0.02 means 2%)",
                )
                .with_value(t.to_string()),
            );
        }
    }
    d.extend(validate_governance(file));
    d
}

/// Warns where bodies of one service kind, in force at the same time, cover shares of one
/// area that add up to more than all of it (two police forces each claiming 70% of a
/// district). One warning per area and kind, at the coverage entry that tips it over.
fn check_overlapping_shares(file: &MapFile, d: &mut Vec<Diagnostic>) {
    /// (body index, covers index, share)
    type Entry = (usize, usize, f64);
    let mut by: HashMap<(&str, &BodyKind), Vec<Entry>> = HashMap::new();
    for (i, b) in file.bodies.iter().enumerate() {
        if !crate::analysis::splits::is_service_area_kind(&b.kind) {
            continue;
        }
        for (j, c) in b.covers.iter().enumerate() {
            let s = c.fraction();
            if s > 0.0 && s <= 1.0 {
                by.entry((c.area.as_str(), &b.kind))
                    .or_default()
                    .push((i, j, s));
            }
        }
    }
    let dates = |i: usize| {
        let b = file.bodies.get(i);
        (
            b.and_then(|b| b.valid_from.as_deref())
                .and_then(Date::parse),
            b.and_then(|b| b.valid_to.as_deref()).and_then(Date::parse),
        )
    };
    // Bodies whose validity periods do not meet (a council and its successor) never add up.
    let meet = |x: usize, y: usize| {
        let ((fx, tx), (fy, ty)) = (dates(x), dates(y));
        let before = |to: Option<Date>, from: Option<Date>| matches!((to, from), (Some(t), Some(f)) if t < f);
        !before(tx, fy) && !before(ty, fx)
    };
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for ((area, kind), list) in by {
        if list.len() < 2 {
            continue;
        }
        // The largest total among bodies in force together.
        let mut worst: Option<(f64, Vec<Entry>)> = None;
        for &(i, _, _) in &list {
            let together: Vec<Entry> = list
                .iter()
                .copied()
                .filter(|&(k, _, _)| meet(i, k))
                .collect();
            let total: f64 = together.iter().map(|e| e.2).sum();
            if together.len() >= 2 && worst.as_ref().is_none_or(|w| total > w.0) {
                worst = Some((total, together));
            }
        }
        let Some((total, together)) = worst else {
            continue;
        };
        if total <= 1.0 + 1e-6 {
            continue;
        }
        let Some(&(li, lj, _)) = together.iter().max_by_key(|e| (e.0, e.1)) else {
            continue;
        };
        let parts: Vec<String> = together
            .iter()
            .filter_map(|&(i, _, s)| file.bodies.get(i).map(|b| format!("{} {}", b.id, s)))
            .collect();
        found.push((
            li,
            lj,
            format!(
                "bodies of kind {} cover shares of {area} that add up to {:.4} ({}): more than all of its people; one of the shares is probably wrong",
                kind.as_str(),
                total,
                parts.join(", ")
            ),
        ));
    }
    crate::order::sort(&mut found);
    for (i, j, msg) in found {
        let value = file
            .bodies
            .get(i)
            .and_then(|b| b.covers.get(j))
            .map(|c| c.area.clone())
            .unwrap_or_default();
        d.push(
            Diagnostic::warning(
                "shares-exceed-area",
                format!("bodies[{i}].covers[{j}]"),
                msg,
            )
            .with_value(value),
        );
    }
}

/// True for codes shaped like ONS GSS codes: a capital letter and eight digits.
pub fn is_gss(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().skip(1).all(u8::is_ascii_digit)
}

fn check_id(id: &str, path: &str, what: &str, d: &mut Vec<Diagnostic>) {
    if id.trim().is_empty() {
        d.push(Diagnostic::error(
            "empty-id",
            path,
            format!("the {what} is empty"),
        ));
    } else if id.chars().count() > MAX_ID_CHARS {
        d.push(
            Diagnostic::error(
                "id-too-long",
                path,
                format!("the {what} is longer than {MAX_ID_CHARS} characters"),
            )
            .with_value(id),
        );
    } else if id.chars().any(char::is_control) {
        d.push(
            Diagnostic::error(
                "bad-id",
                path,
                format!("the {what} contains control characters"),
            )
            .with_value(id.escape_debug().to_string()),
        );
    }
}

/// Takes the cost of one hint (`candidates` comparisons) from the budget: false once it
/// is spent.
fn take_hint(hints: &std::cell::Cell<usize>, candidates: usize) -> bool {
    let left = hints.get();
    hints.set(left.saturating_sub(candidates));
    left >= candidates
}

fn unknown_area(
    code: &str,
    path: &str,
    file: &MapFile,
    hints: &std::cell::Cell<usize>,
) -> Diagnostic {
    let hint = match crate::reorg::replacement(code) {
        Some(r) => format!(
            "; it is a stale code: {} was replaced in {} by {} ({})",
            r.old_name, r.year, r.new_code, r.new_name
        ),
        None if take_hint(hints, file.areas.len()) => {
            let known: Vec<&str> = file.areas.iter().map(|a| a.code.as_str()).collect();
            closest(code, &known)
                .map(|s| format!("; did you mean {s}?"))
                .unwrap_or_default()
        }
        None => String::new(),
    };
    Diagnostic::error(
        "unknown-area",
        path,
        format!("area code {code} is not one of the map's areas{hint}"),
    )
    .with_value(code)
}

fn unknown_body(
    id: &str,
    path: &str,
    ids: &HashMap<&str, usize>,
    hints: &std::cell::Cell<usize>,
) -> Diagnostic {
    let hint = if take_hint(hints, ids.len()) {
        let known: Vec<&str> = ids.keys().copied().collect();
        closest(id, &known)
            .map(|s| format!("; did you mean \"{s}\"?"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    Diagnostic::error(
        "unknown-id",
        path,
        format!(
            "there is no body with id \"{}\"{hint}",
            crate::diagnostic::shorten(id, 60)
        ),
    )
    .with_value(id)
}

fn check_dates(from: Option<&str>, to: Option<&str>, p: &str, d: &mut Vec<Diagnostic>) {
    let mut parsed = [None, None];
    for (slot, (field, v)) in [("valid_from", from), ("valid_to", to)]
        .into_iter()
        .enumerate()
    {
        if let Some(v) = v {
            match Date::parse(v) {
                Some(date) => parsed[slot] = Some(date),
                None => d.push(
                    Diagnostic::error(
                        "bad-date",
                        format!("{p}.{field}"),
                        "dates must be real calendar dates written YYYY-MM-DD, e.g. 2023-04-01",
                    )
                    .with_value(v),
                ),
            }
        }
    }
    if let [Some(f), Some(t)] = parsed {
        if f > t {
            d.push(
                Diagnostic::error(
                    "dates-reversed",
                    format!("{p}.valid_to"),
                    format!("valid_to ({t}) is before valid_from ({f})"),
                )
                .with_value(t.to_string()),
            );
        }
    }
}

/// A body cannot (indirectly) be its own sub-group or report to itself.
fn check_cycles(file: &MapFile, body_ids: &HashMap<&str, usize>, d: &mut Vec<Diagnostic>) {
    for kind in [LinkKind::SubGroupOf, LinkKind::ReportsTo] {
        let mut g = DiGraph::<usize, usize>::new();
        let nodes: Vec<_> = (0..file.bodies.len()).map(|i| g.add_node(i)).collect();
        for (li, l) in file.links.iter().enumerate() {
            if l.kind != kind || l.from == l.to {
                continue;
            }
            if let (Some(&a), Some(&b)) =
                (body_ids.get(l.from.as_str()), body_ids.get(l.to.as_str()))
            {
                if let (Some(&na), Some(&nb)) = (nodes.get(a), nodes.get(b)) {
                    g.add_edge(na, nb, li);
                }
            }
        }
        // Kosaraju's, not Tarjan's: petgraph's Tarjan recurses, and a chain of 100,000
        // sub-groups would overflow the stack.
        for scc in kosaraju_scc(&g) {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| g[*n]).collect();
            members.sort_unstable();
            let names: Vec<&str> = members
                .iter()
                .filter_map(|i| file.bodies.get(*i).map(|b| b.id.as_str()))
                .collect();
            let in_cycle: HashSet<usize> = members.iter().copied().collect();
            let first_link = file.links.iter().position(|l| {
                l.kind == kind
                    && body_ids
                        .get(l.from.as_str())
                        .is_some_and(|i| in_cycle.contains(i))
                    && body_ids
                        .get(l.to.as_str())
                        .is_some_and(|i| in_cycle.contains(i))
            });
            d.push(
                Diagnostic::error(
                    "cycle",
                    first_link.map_or_else(|| "links".to_string(), |i| format!("links[{i}]")),
                    format!(
                        "these bodies form a loop of \"{}\" links, so none of them has a top: {}",
                        kind.as_str(),
                        names.join(" → ")
                    ),
                )
                .with_value(names.join(", ")),
            );
        }
    }
}

/// The governance records: `meta.load_threshold`, `partnership_type`, `people` and
/// `budgets`. References to bodies must resolve (errors); seats and governing bodies
/// should be partnerships, and contributions should not add up to more than the budget
/// (warnings).
fn validate_governance(file: &MapFile) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    let body_ids: HashMap<&str, usize> = file
        .bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let is_partnership = |id: &str| {
        body_ids
            .get(id)
            .and_then(|&i| file.bodies.get(i))
            .is_none_or(|b| b.kind.is_partnership())
    };
    if file.meta.load_threshold == Some(0) {
        d.push(
            Diagnostic::error(
                "bad-threshold",
                "meta.load_threshold",
                "the load threshold must be a whole number of boards, at least 1 (the default is 5)",
            )
            .with_value("0"),
        );
    }
    for (i, b) in file.bodies.iter().enumerate() {
        let Some(t) = &b.partnership_type else {
            continue;
        };
        let p = format!("bodies[{i}].partnership_type");
        if let PartnershipType::Other(k) = t {
            let known: Vec<&str> = PartnershipType::KNOWN
                .iter()
                .map(PartnershipType::as_str)
                .collect();
            let hint = closest(k, &known)
                .map(|s| format!("; did you mean \"{s}\"?"))
                .unwrap_or_default();
            d.push(
                Diagnostic::warning(
                    "unknown-partnership-type",
                    p,
                    format!(
                        "unknown partnership type; use advisory, commissioning, laboratory or community_empowerment{hint}"
                    ),
                )
                .with_value(k),
            );
        } else if !b.kind.is_partnership() {
            d.push(
                Diagnostic::warning(
                    "not-a-partnership",
                    p,
                    format!(
                        "{} is a {}, not a partnership, so its partnership type is not used",
                        b.id,
                        b.kind.label().to_lowercase()
                    ),
                )
                .with_value(t.as_str()),
            );
        }
    }
    // "Did you mean" hints share one bounded budget across people and budgets.
    let hints = std::cell::Cell::new(MAX_HINT_COMPARISONS);
    let mut person_ids: HashMap<&str, usize> = HashMap::new();
    for (i, person) in file.people.iter().enumerate() {
        check_person(
            person,
            i,
            &mut person_ids,
            &body_ids,
            &is_partnership,
            &hints,
            &mut d,
        );
    }
    let mut budget_ids: HashMap<&str, usize> = HashMap::new();
    for (i, budget) in file.budgets.iter().enumerate() {
        check_budget(
            budget,
            i,
            &mut budget_ids,
            &body_ids,
            &is_partnership,
            &hints,
            &mut d,
        );
    }
    d
}

fn check_unique<'a>(
    id: &'a str,
    p: &str,
    what: &str,
    table: &str,
    seen: &mut HashMap<&'a str, usize>,
    i: usize,
    d: &mut Vec<Diagnostic>,
) {
    check_id(id, &format!("{p}.id"), &format!("{what} id"), d);
    if let Some(first) = seen.insert(id, i) {
        d.push(
            Diagnostic::error(
                "duplicate-id",
                format!("{p}.id"),
                format!("{what} id \"{id}\" is already used by {table}[{first}]"),
            )
            .with_value(id),
        );
    }
}

fn check_person<'a>(
    person: &'a Person,
    i: usize,
    seen: &mut HashMap<&'a str, usize>,
    body_ids: &HashMap<&str, usize>,
    is_partnership: &dyn Fn(&str) -> bool,
    hints: &std::cell::Cell<usize>,
    d: &mut Vec<Diagnostic>,
) {
    let p = format!("people[{i}]");
    check_unique(&person.id, &p, "person", "people", seen, i, d);
    if person.name.trim().is_empty() {
        d.push(Diagnostic::error(
            "empty-name",
            format!("{p}.name"),
            "the person has no name (a role title will do)",
        ));
    }
    if let Some(b) = &person.body {
        if !body_ids.contains_key(b.as_str()) {
            d.push(unknown_body(b, &format!("{p}.body"), body_ids, hints));
        }
    }
    let mut seats = HashSet::new();
    for (j, seat) in person.seats.iter().enumerate() {
        let sp = format!("{p}.seats[{j}]");
        if !body_ids.contains_key(seat.as_str()) {
            d.push(unknown_body(seat, &sp, body_ids, hints));
        } else if !is_partnership(seat) {
            d.push(
                Diagnostic::warning(
                    "seat-not-partnership",
                    sp.clone(),
                    format!(
                        "{seat} is not a partnership, so a seat on it is not counted as a board"
                    ),
                )
                .with_value(seat),
            );
        }
        if !seats.insert(seat.as_str()) {
            d.push(
                Diagnostic::warning(
                    "duplicate-seat",
                    sp,
                    format!("{} is listed twice as sitting on {seat}", person.id),
                )
                .with_value(seat),
            );
        }
    }
}

fn check_amount(amount: Option<f64>, path: String, d: &mut Vec<Diagnostic>) {
    if let Some(a) = amount {
        if !(a >= 0.0 && a.is_finite()) {
            d.push(
                Diagnostic::error(
                    "negative-amount",
                    path,
                    "an amount must be a number of at least 0, in the budget's currency",
                )
                .with_value(a.to_string()),
            );
        }
    }
}

fn check_budget<'a>(
    budget: &'a Budget,
    i: usize,
    seen: &mut HashMap<&'a str, usize>,
    body_ids: &HashMap<&str, usize>,
    is_partnership: &dyn Fn(&str) -> bool,
    hints: &std::cell::Cell<usize>,
    d: &mut Vec<Diagnostic>,
) {
    let p = format!("budgets[{i}]");
    check_unique(&budget.id, &p, "budget", "budgets", seen, i, d);
    if budget.name.trim().is_empty() {
        d.push(Diagnostic::error(
            "empty-name",
            format!("{p}.name"),
            "the budget has no name",
        ));
    }
    check_amount(budget.amount, format!("{p}.amount"), d);
    if let Some(c) = &budget.currency {
        if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            d.push(
                Diagnostic::warning(
                    "bad-currency",
                    format!("{p}.currency"),
                    "a currency should be a three-letter ISO 4217 code in capitals, e.g. GBP",
                )
                .with_value(c),
            );
        }
    }
    check_dates(
        budget.valid_from.as_deref(),
        budget.valid_to.as_deref(),
        &p,
        d,
    );
    for (field, id) in [
        ("held_by", &budget.held_by),
        ("governed_by", &budget.governed_by),
    ] {
        if let Some(id) = id {
            if !body_ids.contains_key(id.as_str()) {
                d.push(unknown_body(id, &format!("{p}.{field}"), body_ids, hints));
            }
        }
    }
    if let Some(g) = &budget.governed_by {
        if body_ids.contains_key(g.as_str()) && !is_partnership(g) {
            d.push(
                Diagnostic::warning(
                    "governor-not-partnership",
                    format!("{p}.governed_by"),
                    format!("{g} is not a partnership; governed_by names the partnership that decides how the budget is spent"),
                )
                .with_value(g),
            );
        }
    }
    let mut contributors = HashSet::new();
    for (j, c) in budget.contributions.iter().enumerate() {
        let cp = format!("{p}.contributions[{j}]");
        if !body_ids.contains_key(c.body.as_str()) {
            d.push(unknown_body(
                &c.body,
                &format!("{cp}.body"),
                body_ids,
                hints,
            ));
        }
        if !contributors.insert(c.body.as_str()) {
            d.push(
                Diagnostic::warning(
                    "duplicate-contributor",
                    cp.clone(),
                    format!(
                        "{} is listed twice as contributing to {}",
                        c.body, budget.id
                    ),
                )
                .with_value(&c.body),
            );
        }
        check_amount(c.amount, format!("{cp}.amount"), d);
    }
    let paid: f64 = budget
        .contributions
        .iter()
        .filter_map(|c| c.amount)
        .filter(|a| *a > 0.0)
        .sum();
    if let Some(total) = budget.amount {
        // Half a penny of slack for amounts written with decimals.
        if total >= 0.0 && paid > total + 0.005 {
            d.push(
                Diagnostic::warning(
                    "contributions-exceed-amount",
                    format!("{p}.contributions"),
                    format!(
                        "the contributions add up to {paid}, more than the budget's amount of {total}"
                    ),
                )
                .with_value(paid.to_string()),
            );
        }
    }
}
