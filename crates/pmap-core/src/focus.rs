//! Which bodies the pictures show and light up: the filters, focus mode, search and
//! highlighting rules, as pure functions of the model so they are tested natively and the
//! widget only wraps them in signals.

use crate::index::Model;
use crate::model::Sector;
use crate::scene::Scene;
use std::collections::BTreeSet;

/// The network's filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Sectors hidden from the pictures.
    pub hidden: BTreeSet<Sector>,
    /// Only bodies of this kind (its file-format name).
    pub kind: Option<String>,
    /// Only bodies working on this theme.
    pub theme: Option<String>,
    /// Focus mode: only bodies this many steps from the selection.
    pub depth: Option<usize>,
}

/// True when body `i` works on `theme`: its own theme, a responsibility on that theme it
/// owns, or membership of a partnership on that theme.
///
/// Complexity: O(R·O + deg(i)).
pub fn works_on(m: &Model, i: usize, theme: &str) -> bool {
    let Some(b) = m.body(i) else { return false };
    b.theme.as_deref() == Some(theme)
        || m.file()
            .responsibilities
            .iter()
            .any(|r| r.theme.as_deref() == Some(theme) && r.owners.iter().any(|o| o.body == b.id))
        || m.links_from(i)
            .any(|(j, _)| m.body(j).is_some_and(|p| p.theme.as_deref() == Some(theme)))
}

/// The bodies (indices) the pictures show after the filters and focus mode; `None` means
/// all of them. The selected body is always shown. Focus mode needs a selection.
///
/// Complexity: O(B · cost of [`works_on`]) with a theme filter, O(B + E) otherwise.
///
/// ```
/// use pmap_core::focus::{visible, Filters};
/// use pmap_core::model::Sector;
/// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"c","name":"Council","kind":"district_council"},
///   {"id":"p","name":"Police","kind":"police_force"}]}"#).unwrap().model;
/// let s = pmap_core::scene::Scene::build(&m);
/// assert_eq!(visible(&m, &s, &Filters::default(), None), None);
/// let f = Filters { hidden: [Sector::Police].into(), ..Filters::default() };
/// assert_eq!(visible(&m, &s, &f, None), Some([0].into()));
/// // The selection is shown even when its sector is hidden.
/// assert_eq!(visible(&m, &s, &f, Some(1)), Some([0, 1].into()));
/// ```
pub fn visible(
    m: &Model,
    scene: &Scene,
    f: &Filters,
    selected: Option<usize>,
) -> Option<BTreeSet<usize>> {
    if f.hidden.is_empty()
        && f.kind.is_none()
        && f.theme.is_none()
        && (f.depth.is_none() || selected.is_none())
    {
        return None;
    }
    let near = match (f.depth, selected) {
        (Some(d), Some(sel)) => Some(scene.within(sel, d)),
        _ => None,
    };
    Some(
        (0..m.bodies().len())
            .filter(|&i| {
                let Some(b) = m.body(i) else { return false };
                Some(i) == selected
                    || (!f.hidden.contains(&b.kind.sector())
                        && f.kind.as_deref().is_none_or(|k| b.kind.as_str() == k)
                        && f.theme.as_deref().is_none_or(|t| works_on(m, i, t))
                        && near.as_ref().is_none_or(|n| n.contains(&i)))
            })
            .collect(),
    )
}

/// Ids of the bodies a search text finds: a case-insensitive part of the name, or the
/// whole id, or the whole code. Blank text finds nothing.
///
/// ```
/// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"hart","name":"Hart District Council","kind":"district_council","code":"E07000089"},
///   {"id":"rush","name":"Rushmoor Borough Council","kind":"district_council"}]}"#).unwrap().model;
/// assert_eq!(pmap_core::focus::matches(&m, "council").len(), 2);
/// assert_eq!(pmap_core::focus::matches(&m, "e07000089"), vec!["hart"]);
/// assert_eq!(pmap_core::focus::matches(&m, "  "), Vec::<String>::new());
/// ```
pub fn matches(m: &Model, query: &str) -> Vec<String> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    m.bodies()
        .iter()
        .filter(|b| {
            b.name.to_lowercase().contains(&q)
                || b.id.to_lowercase() == q
                || b.code
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(&q))
        })
        .map(|b| b.id.clone())
        .collect()
}

/// Past this many choices a drop-down list is no use (a national map has thousands of
/// partnerships): the widget offers a text box that suggests [`name_matches`] instead.
pub const LONG_LIST: usize = 200;

/// The first `limit` of `choices` (id, name) whose name contains `text`, ignoring case,
/// names that start with it first; each group keeps the choices' order. Blank text gives the
/// first `limit`. O(n) over the choices.
///
/// ```
/// use pmap_core::focus::name_matches;
/// let c: Vec<(String, String)> = [("a", "Safer Hart"), ("b", "Hart Health"), ("c", "Rushmoor")]
///     .map(|(i, n)| (i.to_string(), n.to_string()))
///     .to_vec();
/// let ids = |q: &str, limit| -> Vec<String> {
///     name_matches(&c, q, limit).into_iter().map(|x| x.0.clone()).collect()
/// };
/// assert_eq!(ids("hart", 5), ["b", "a"]); // "Hart Health" starts with it
/// assert_eq!(ids("", 2), ["a", "b"]);
/// ```
pub fn name_matches<'c>(
    choices: &'c [(String, String)],
    text: &str,
    limit: usize,
) -> Vec<&'c (String, String)> {
    let q = text.trim().to_lowercase();
    let mut starts = Vec::new();
    let mut inside = Vec::new();
    for c in choices {
        let name = c.1.to_lowercase();
        if name.starts_with(&q) {
            starts.push(c);
            if starts.len() == limit {
                break;
            }
        } else if inside.len() < limit && name.contains(&q) {
            inside.push(c);
        }
    }
    starts.extend(inside);
    starts.truncate(limit);
    starts
}

/// The choice a typed text picks: the first whose whole name or id it is, ignoring case and
/// surrounding spaces; `None` for anything else.
///
/// ```
/// use pmap_core::focus::chosen;
/// let c = [("hart-csp".to_string(), "Safer Hart".to_string())];
/// assert_eq!(chosen(&c, " safer hart "), Some("hart-csp".to_string()));
/// assert_eq!(chosen(&c, "HART-CSP"), Some("hart-csp".to_string()));
/// assert_eq!(chosen(&c, "Safer"), None);
/// ```
pub fn chosen(choices: &[(String, String)], text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    choices
        .iter()
        .find(|(id, name)| name.trim().to_lowercase() == t || id.to_lowercase() == t)
        .map(|(id, _)| id.clone())
}

/// What may ask for a highlight, strongest first.
#[derive(Debug, Clone, Default)]
pub struct HighlightCause<'a> {
    /// The tour step on screen.
    pub tour_step: Option<usize>,
    /// The bodies of the finding being shown.
    pub finding_bodies: Option<&'a [String]>,
    /// The area under the pointer on the map.
    pub area: Option<&'a str>,
    /// The search text.
    pub query: &'a str,
    /// The body under the pointer or keyboard focus.
    pub hovered: Option<&'a str>,
    /// The selected body.
    pub selected: Option<&'a str>,
}

/// Ids of the bodies to highlight. The first cause present wins: the tour step's focus,
/// then the finding's bodies, then the bodies covering the area, then the search matches,
/// then the hovered (else selected) body with its neighbours. Empty means "highlight
/// nothing, dim nothing".
///
/// ```
/// use pmap_core::focus::{highlight, HighlightCause};
/// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"a","name":"A","kind":"district_council"},{"id":"p","name":"P","kind":"lsp"},
///   {"id":"z","name":"Z","kind":"business"}],
///   "links":[{"from":"a","to":"p","kind":"member_of"}]}"#).unwrap().model;
/// let s = pmap_core::scene::Scene::build(&m);
/// let c = HighlightCause { selected: Some("a"), ..HighlightCause::default() };
/// assert_eq!(highlight(&m, &s, &c), ["a".to_string(), "p".to_string()].into());
/// // A search outranks the selection.
/// let c = HighlightCause { query: "z", selected: Some("a"), ..HighlightCause::default() };
/// assert_eq!(highlight(&m, &s, &c), ["z".to_string()].into());
/// ```
pub fn highlight(m: &Model, scene: &Scene, c: &HighlightCause<'_>) -> BTreeSet<String> {
    if let Some(step) = c.tour_step.and_then(|i| m.file().tour.get(i)) {
        return step.focus.iter().cloned().collect();
    }
    if let Some(bodies) = c.finding_bodies {
        return bodies.iter().cloned().collect();
    }
    if let Some(x) = c.area.and_then(|code| m.area_index(code)) {
        return (0..m.bodies().len())
            .filter(|&i| m.footprint(i).iter().any(|(y, _)| *y == x))
            .filter_map(|i| m.body(i).map(|b| b.id.clone()))
            .collect();
    }
    let found = matches(m, c.query);
    if !found.is_empty() {
        return found.into_iter().collect();
    }
    let Some(id) = c.hovered.or(c.selected) else {
        return BTreeSet::new();
    };
    let Some(i) = m.body_index(id) else {
        return BTreeSet::new();
    };
    let mut set: BTreeSet<String> = scene
        .neighbours
        .get(i)
        .map(|v| {
            v.iter()
                .filter_map(|&j| scene.nodes.get(j).map(|n| n.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    set.insert(id.to_string());
    set
}
