//! "As at" a date: the map as it stood on one day.

use crate::date::Date;
use crate::model::MapFile;

fn valid(from: Option<&str>, to: Option<&str>, on: Date) -> bool {
    let f = from.and_then(Date::parse);
    let t = to.and_then(Date::parse);
    f.is_none_or(|f| f <= on) && t.is_none_or(|t| on <= t)
}

/// The map as at `on`: bodies, links, agreements and budgets outside their validity dates
/// are left out, with the references to bodies that are left out (owners, parties, seats,
/// contributions, tour focus; a budget's holder or governing partnership that is left out
/// becomes none).
///
/// ```
/// use pmap_core::{load, date::Date, time::as_at};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"icb","name":"ICB","kind":"icb","valid_from":"2022-07-01"},
///   {"id":"pct","name":"PCT","kind":"nhs_trust","valid_to":"2013-03-31"}]}"#).unwrap().model;
/// let then = as_at(m.file(), Date::parse("2010-01-01").unwrap());
/// assert_eq!(then.bodies.len(), 1);
/// assert_eq!(then.bodies[0].id, "pct");
/// ```
pub fn as_at(file: &MapFile, on: Date) -> MapFile {
    let mut out = file.clone();
    out.bodies
        .retain(|b| valid(b.valid_from.as_deref(), b.valid_to.as_deref(), on));
    let kept: std::collections::HashSet<String> = out.bodies.iter().map(|b| b.id.clone()).collect();
    out.links.retain(|l| {
        valid(l.valid_from.as_deref(), l.valid_to.as_deref(), on)
            && kept.contains(&l.from)
            && kept.contains(&l.to)
    });
    out.agreements
        .retain(|a| valid(a.valid_from.as_deref(), a.valid_to.as_deref(), on));
    for a in &mut out.agreements {
        a.parties.retain(|p| kept.contains(p));
    }
    for r in &mut out.responsibilities {
        r.owners.retain(|o| kept.contains(&o.body));
    }
    out.budgets
        .retain(|b| valid(b.valid_from.as_deref(), b.valid_to.as_deref(), on));
    for b in &mut out.budgets {
        b.contributions.retain(|c| kept.contains(&c.body));
        for holder in [&mut b.held_by, &mut b.governed_by] {
            if holder.as_ref().is_some_and(|h| !kept.contains(h)) {
                *holder = None;
            }
        }
    }
    for p in &mut out.people {
        p.seats.retain(|s| kept.contains(s));
        if p.body.as_ref().is_some_and(|b| !kept.contains(b)) {
            p.body = None;
        }
    }
    for t in &mut out.tour {
        t.focus.retain(|f| kept.contains(f));
    }
    out
}
