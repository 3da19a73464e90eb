//! Editing rules on a whole file: renaming or removing a body everywhere it is referred to
//! (links, owners, parties, tour, people and budgets), so an edit never leaves a dangling
//! reference for validation to reject.

use crate::model::MapFile;

fn rename(slot: &mut String, old: &str, new: &str) {
    if slot == old {
        *slot = new.to_string();
    }
}

/// Renames body `old` to `new` in every reference to it (the body's own `id` too).
///
/// ```
/// use pmap_core::{edit::rename_body, parse::parse_map};
/// let (f, _) = parse_map(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"County","kind":"county_council"},{"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board"}],
///   "people":[{"id":"p","name":"P","body":"cc","seats":["hwb"]}],
///   "budgets":[{"id":"b","name":"B","held_by":"cc","governed_by":"hwb","contributions":[{"body":"cc"}]}]}"#);
/// let mut f = f.unwrap();
/// rename_body(&mut f, "cc", "county");
/// assert_eq!(f.bodies[0].id, "county");
/// assert_eq!(f.people[0].body.as_deref(), Some("county"));
/// assert_eq!(f.budgets[0].held_by.as_deref(), Some("county"));
/// assert_eq!(f.budgets[0].contributions[0].body, "county");
/// ```
pub fn rename_body(file: &mut MapFile, old: &str, new: &str) {
    if old == new {
        return;
    }
    for b in &mut file.bodies {
        rename(&mut b.id, old, new);
    }
    for l in &mut file.links {
        rename(&mut l.from, old, new);
        rename(&mut l.to, old, new);
    }
    for r in &mut file.responsibilities {
        for o in &mut r.owners {
            rename(&mut o.body, old, new);
        }
    }
    for a in &mut file.agreements {
        for p in &mut a.parties {
            rename(p, old, new);
        }
    }
    for t in &mut file.tour {
        for f in &mut t.focus {
            rename(f, old, new);
        }
    }
    for p in &mut file.people {
        if let Some(b) = &mut p.body {
            rename(b, old, new);
        }
        for s in &mut p.seats {
            rename(s, old, new);
        }
    }
    for b in &mut file.budgets {
        for slot in [&mut b.held_by, &mut b.governed_by].into_iter().flatten() {
            rename(slot, old, new);
        }
        for c in &mut b.contributions {
            rename(&mut c.body, old, new);
        }
    }
}

/// Removes body `id` and every reference to it: its links, ownerships, parties, tour focus,
/// seats and contributions; a person who worked for it, or a budget it held or governed,
/// keeps the record with that field emptied.
///
/// ```
/// use pmap_core::{edit::remove_body, parse::parse_map};
/// let (f, _) = parse_map(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"cc","name":"County","kind":"county_council"},{"id":"icb","name":"ICB","kind":"icb"}],
///   "links":[{"from":"icb","to":"cc","kind":"funds"}],
///   "budgets":[{"id":"b","name":"B","held_by":"cc","contributions":[{"body":"cc"},{"body":"icb"}]}]}"#);
/// let mut f = f.unwrap();
/// remove_body(&mut f, "cc");
/// assert_eq!(f.bodies.len(), 1);
/// assert!(f.links.is_empty());
/// assert_eq!(f.budgets[0].held_by, None);
/// assert_eq!(f.budgets[0].contributions.len(), 1);
/// ```
pub fn remove_body(file: &mut MapFile, id: &str) {
    file.bodies.retain(|b| b.id != id);
    file.links.retain(|l| l.from != id && l.to != id);
    for r in &mut file.responsibilities {
        r.owners.retain(|o| o.body != id);
    }
    for a in &mut file.agreements {
        a.parties.retain(|p| p != id);
    }
    for t in &mut file.tour {
        t.focus.retain(|f| f != id);
    }
    for p in &mut file.people {
        p.seats.retain(|s| s != id);
        if p.body.as_deref() == Some(id) {
            p.body = None;
        }
    }
    for b in &mut file.budgets {
        b.contributions.retain(|c| c.body != id);
        for slot in [&mut b.held_by, &mut b.governed_by] {
            if slot.as_deref() == Some(id) {
                *slot = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reference in a file, so a test can show none is left dangling.
    fn references(f: &MapFile) -> Vec<String> {
        let mut r: Vec<String> = Vec::new();
        r.extend(f.links.iter().flat_map(|l| [l.from.clone(), l.to.clone()]));
        r.extend(
            f.responsibilities
                .iter()
                .flat_map(|x| x.owners.iter().map(|o| o.body.clone())),
        );
        r.extend(f.agreements.iter().flat_map(|a| a.parties.clone()));
        r.extend(f.tour.iter().flat_map(|t| t.focus.clone()));
        r.extend(
            f.people
                .iter()
                .flat_map(|p| p.body.iter().cloned().chain(p.seats.clone())),
        );
        r.extend(f.budgets.iter().flat_map(|b| {
            b.held_by
                .iter()
                .chain(&b.governed_by)
                .cloned()
                .chain(b.contributions.iter().map(|c| c.body.clone()))
        }));
        r
    }

    const MAP: &str = r#"{"format":"partnership-map","version":1,
      "bodies":[{"id":"cc","name":"County","kind":"county_council","elected":true},
                {"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board"}],
      "links":[{"from":"cc","to":"hwb","kind":"chairs"}],
      "responsibilities":[{"id":"r","name":"R","owners":[{"body":"cc","role":"lead"}]}],
      "agreements":[{"id":"a","name":"A","kind":"constitution","parties":["cc","hwb"]}],
      "tour":[{"title":"T","text":"T","focus":["cc"]}],
      "people":[{"id":"p","name":"P","body":"cc","seats":["hwb"]}],
      "budgets":[{"id":"b","name":"B","held_by":"cc","governed_by":"hwb","contributions":[{"body":"cc"}]}]}"#;

    #[test]
    fn rename_reaches_every_reference() {
        let (f, _) = crate::parse::parse_map(MAP);
        let mut f = f.expect("map");
        // References to cc: link from, owner, party, focus, person's body, holder,
        // contribution = 7.
        assert_eq!(references(&f).iter().filter(|r| *r == "cc").count(), 7);
        rename_body(&mut f, "cc", "county");
        assert_eq!(references(&f).iter().filter(|r| *r == "cc").count(), 0);
        assert_eq!(references(&f).iter().filter(|r| *r == "county").count(), 7);
        assert!(crate::validate::validate(&f).iter().all(|d| !d.is_error()));
    }

    #[test]
    fn remove_leaves_nothing_dangling() {
        let (f, _) = crate::parse::parse_map(MAP);
        let mut f = f.expect("map");
        remove_body(&mut f, "hwb");
        // References to hwb: link to, party, seat, governor = 4; all gone.
        assert!(!references(&f).iter().any(|r| r == "hwb"));
        assert!(crate::validate::validate(&f).iter().all(|d| !d.is_error()));
        assert_eq!(f.budgets[0].held_by.as_deref(), Some("cc"));
    }
}
