//! Edits to a map file that must cascade: renaming or removing a body changes every place
//! that refers to it, so an edit can never leave a dangling reference behind.
//!
//! These are pure functions on [`MapFile`]; the widget's forms call them and then commit
//! the result through validation like any other change.

use crate::model::MapFile;

/// Renames body `old` to `new` everywhere it is referred to: links, responsibility owners,
/// agreement parties, the tour's focus, people's bodies and seats, and budgets' holders,
/// governing partnerships and contributors. The body record itself is left to the caller
/// (it usually replaces the whole record).
///
/// Complexity: O(L + R·O + A·P + T·F), one pass over every reference.
///
/// ```
/// use pmap_core::model::MapFile;
/// let mut f: MapFile = serde_json::from_str(r#"{"format":"partnership-map","version":1,
///   "links":[{"from":"a","to":"lsp","kind":"member_of"}],
///   "tour":[{"title":"t","text":"x","focus":["a"]}]}"#).unwrap();
/// pmap_core::edit::rename_body(&mut f, "a", "b");
/// assert_eq!(f.links[0].from, "b");
/// assert_eq!(f.tour[0].focus, vec!["b".to_string()]);
/// ```
pub fn rename_body(file: &mut MapFile, old: &str, new: &str) {
    if old == new {
        return;
    }
    let swap = |s: &mut String| {
        if s == old {
            *s = new.to_string();
        }
    };
    for l in &mut file.links {
        swap(&mut l.from);
        swap(&mut l.to);
    }
    for r in &mut file.responsibilities {
        for o in &mut r.owners {
            swap(&mut o.body);
        }
    }
    for a in &mut file.agreements {
        a.parties.iter_mut().for_each(swap);
    }
    for t in &mut file.tour {
        t.focus.iter_mut().for_each(swap);
    }
    for p in &mut file.people {
        p.rename_body(old, new);
    }
    for b in &mut file.budgets {
        b.rename_body(old, new);
    }
}

/// Removes body `id` and every reference to it: its links, its ownership of
/// responsibilities, its place among agreement parties and in the tour's focus. Returns the
/// removed body's name, or `None` when there was no such body (and nothing changed).
///
/// Complexity: O(B + L + R·O + A·P + T·F).
///
/// ```
/// use pmap_core::model::MapFile;
/// let mut f: MapFile = serde_json::from_str(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"a","name":"A council","kind":"district_council"},
///             {"id":"lsp","name":"The LSP","kind":"lsp"}],
///   "links":[{"from":"a","to":"lsp","kind":"member_of"}]}"#).unwrap();
/// assert_eq!(pmap_core::edit::remove_body(&mut f, "a").as_deref(), Some("A council"));
/// assert_eq!(f.bodies.len(), 1);
/// assert!(f.links.is_empty());
/// assert_eq!(pmap_core::edit::remove_body(&mut f, "a"), None);
/// ```
pub fn remove_body(file: &mut MapFile, id: &str) -> Option<String> {
    let pos = file.bodies.iter().position(|b| b.id == id)?;
    let body = file.bodies.remove(pos);
    file.links.retain(|l| l.from != id && l.to != id);
    for r in &mut file.responsibilities {
        r.owners.retain(|o| o.body != id);
    }
    for a in &mut file.agreements {
        a.parties.retain(|p| p != id);
    }
    for t in &mut file.tour {
        t.focus.retain(|p| p != id);
    }
    for p in &mut file.people {
        p.forget_body(id);
    }
    for b in &mut file.budgets {
        b.forget_body(id);
    }
    Some(body.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map in which body `a` appears in every kind of reference the format has.
    fn every_reference() -> MapFile {
        serde_json::from_str(
            r#"{"format":"partnership-map","version":1,
            "bodies":[{"id":"a","name":"A","kind":"district_council"},{"id":"p","name":"P","kind":"lsp"}],
            "links":[{"from":"a","to":"p","kind":"member_of"},{"from":"p","to":"a","kind":"accountable_to"}],
            "responsibilities":[{"id":"r","name":"R","owners":[{"body":"a","role":"lead"}]}],
            "agreements":[{"id":"g","name":"G","kind":"other","parties":["a","p"]}],
            "tour":[{"title":"t","text":"x","focus":["a"]}],
            "people":[{"id":"x","name":"X","body":"a","seats":["p"]}],
            "budgets":[{"id":"bb","name":"B","amount":10,"held_by":"a","governed_by":"p","contributions":[{"body":"a","amount":5}]}]}"#,
        )
        .expect("test map")
    }

    /// Serialises the map and counts whole-string occurrences of an id: a reference left
    /// behind anywhere shows up here whatever field it hides in.
    fn mentions(f: &MapFile, id: &str) -> usize {
        serde_json::to_string(f)
            .expect("serialises")
            .matches(&format!("\"{id}\""))
            .count()
    }

    #[test]
    fn rename_reaches_every_reference() {
        let mut f = every_reference();
        // The body record itself, 2 links, 1 owner, 1 party, 1 tour focus, 1 person's body,
        // a budget's holder and 1 contributor = 9 mentions.
        assert_eq!(mentions(&f, "a"), 9);
        rename_body(&mut f, "a", "z");
        // Only the body record (left to the caller) still says "a".
        assert_eq!(mentions(&f, "a"), 1);
        assert_eq!(mentions(&f, "z"), 8);
    }

    #[test]
    fn remove_leaves_no_reference() {
        let mut f = every_reference();
        assert!(remove_body(&mut f, "a").is_some());
        assert_eq!(mentions(&f, "a"), 0);
        assert!(crate::validate::validate(&f).iter().all(|d| !d.is_error()));
    }
}
