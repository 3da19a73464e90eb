//! Accountability paths and brokers.
//!
//! **Paths.** From a body, follow `accountable_to`, `member_of`, `reports_to` and
//! `sub_group_of` links (in their direction) breadth-first until an elected body is
//! reached. The shortest such path is returned; if there is none, the bodies where every
//! route stops (the dead ends) are returned instead. O(V + E) per body.
//!
//! **Brokers.** Treating links as undirected, [`centrality`] computes each body's degree,
//! its betweenness (normalised to 0..1), and whether it is a
//! cut vertex: a body whose departure would split the network into parts that no longer
//! connect. In plain words that is a *single point of failure*, and the number of bodies
//! that would be cut off is reported. Cut vertices come from one depth-first search,
//! O(V + E) ([`super::cut_vertices`]); betweenness is exact on small maps and sampled on
//! large ones ([`super::betweenness`]).

use super::betweenness::{betweenness, EXACT_BUDGET};
use super::cut_vertices::{cut_off_counts, Csr};
use crate::index::Model;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// The result of looking for a path to an elected body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AccountabilityPath {
    /// The body is itself elected.
    Elected,
    /// The shortest path found, from the body to an elected body (ids, inclusive).
    Found {
        /// Ids from the body to the elected body.
        path: Vec<String>,
    },
    /// No path: the bodies reached, and the ones where every route stops.
    DeadEnd {
        /// Every body reached (ids), starting with the body itself.
        reached: Vec<String>,
        /// Bodies with no further accountability link (ids).
        ends: Vec<String>,
    },
}

impl AccountabilityPath {
    /// True when the body is elected or a path was found.
    pub fn is_accountable(&self) -> bool {
        !matches!(self, AccountabilityPath::DeadEnd { .. })
    }
}

/// The shortest accountability path from body `start` to an elected body.
///
/// ```
/// use pmap_core::{load, analysis::accountability::{path_to_elected, AccountabilityPath}};
/// //  group ──reports_to──▶ board ──accountable_to──▶ council (elected)
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"group","name":"Group","kind":"thematic_group"},
///   {"id":"board","name":"Board","kind":"executive_board"},
///   {"id":"council","name":"Council","kind":"county_council","elected":true}],
///  "links":[{"from":"group","to":"board","kind":"reports_to"},
///           {"from":"board","to":"council","kind":"accountable_to"}]}"#).unwrap().model;
/// let p = path_to_elected(&m, 0);
/// assert_eq!(p, AccountabilityPath::Found { path: vec!["group".into(), "board".into(), "council".into()] });
/// ```
pub fn path_to_elected(model: &Model, start: usize) -> AccountabilityPath {
    path_to_elected_preferring(model, start, |_| false)
}

/// [`path_to_elected`], but among the elected bodies at the shortest distance, one for
/// which `prefer` is true is chosen when there is one (e.g. the council for the area a
/// resident asked about, rather than a neighbouring one).
///
/// ```
/// use pmap_core::{load, analysis::accountability::{path_to_elected_preferring, AccountabilityPath}};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"csp","name":"CSP","kind":"community_safety_partnership"},
///   {"id":"a","name":"A","kind":"district_council","elected":true},
///   {"id":"b","name":"B","kind":"district_council","elected":true}],
///  "links":[{"from":"csp","to":"a","kind":"accountable_to"},{"from":"csp","to":"b","kind":"accountable_to"}]}"#).unwrap().model;
/// let p = path_to_elected_preferring(&m, 0, |i| i == 2);
/// assert_eq!(p, AccountabilityPath::Found { path: vec!["csp".into(), "b".into()] });
/// ```
pub fn path_to_elected_preferring(
    model: &Model,
    start: usize,
    prefer: impl Fn(usize) -> bool,
) -> AccountabilityPath {
    if model.body(start).is_some_and(|b| b.elected) {
        return AccountabilityPath::Elected;
    }
    // Bodies reached, with (predecessor, depth). A map rather than arrays of length V, so
    // a search costs what it reaches: the findings run one per orphaned owner.
    let mut reached: HashMap<usize, (Option<usize>, usize)> = HashMap::from([(start, (None, 0))]);
    let mut order = Vec::new();
    let mut ends = Vec::new();
    let mut queue = VecDeque::from([start]);
    let mut found: Option<usize> = None;
    let mut found_depth = usize::MAX;
    while let Some(u) = queue.pop_front() {
        let du = reached.get(&u).map_or(0, |r| r.1);
        if du >= found_depth {
            break;
        }
        order.push(u);
        let mut next: Vec<usize> = model
            .links_from(u)
            .filter(|(_, l)| l.kind.carries_accountability())
            .map(|(v, _)| v)
            .collect();
        next.sort_unstable();
        next.dedup();
        if next.is_empty() {
            ends.push(u);
        }
        for v in next {
            if reached.contains_key(&v) {
                continue;
            }
            reached.insert(v, (Some(u), du + 1));
            if model.body(v).is_some_and(|b| b.elected) {
                // Keep the first found at this distance unless a preferred one turns up.
                if found.is_none() || (prefer(v) && !found.is_some_and(&prefer)) {
                    found = Some(v);
                }
                found_depth = du + 1;
                continue;
            }
            queue.push_back(v);
        }
    }
    if let Some(v) = found {
        let mut path = vec![v];
        let mut cur = v;
        while let Some(p) = reached.get(&cur).and_then(|r| r.0) {
            path.push(p);
            cur = p;
        }
        path.reverse();
        return AccountabilityPath::Found {
            path: ids(model, &path),
        };
    }
    AccountabilityPath::DeadEnd {
        reached: ids(model, &order),
        ends: ids(model, &ends),
    }
}

/// For every body, whether it is elected or has an accountability path to an elected body
/// (the same test as [`AccountabilityPath::is_accountable`] on [`path_to_elected`]), for
/// all bodies at once: one breadth-first search backwards from every elected body along
/// the accountability links. O(V + E), where calling [`path_to_elected`] per body is
/// O(V·(V + E)).
///
/// ```
/// use pmap_core::{load, analysis::accountability::accountable_bodies};
/// //  group ──reports_to──▶ board ──accountable_to──▶ council (elected);  lone group
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"group","name":"Group","kind":"thematic_group"},
///   {"id":"board","name":"Board","kind":"executive_board"},
///   {"id":"council","name":"Council","kind":"county_council","elected":true},
///   {"id":"lone","name":"Lone","kind":"thematic_group"}],
///  "links":[{"from":"group","to":"board","kind":"reports_to"},
///           {"from":"board","to":"council","kind":"accountable_to"}]}"#).unwrap().model;
/// assert_eq!(accountable_bodies(&m), vec![true, true, true, false]);
/// ```
pub fn accountable_bodies(model: &Model) -> Vec<bool> {
    let n = model.bodies().len();
    let mut ok: Vec<bool> = model.bodies().iter().map(|b| b.elected).collect();
    let mut queue: VecDeque<usize> = (0..n).filter(|&i| ok[i]).collect();
    while let Some(v) = queue.pop_front() {
        for (u, l) in model.links_to(v) {
            if l.kind.carries_accountability() && !ok.get(u).copied().unwrap_or(true) {
                ok[u] = true;
                queue.push_back(u);
            }
        }
    }
    ok
}

fn ids(model: &Model, v: &[usize]) -> Vec<String> {
    v.iter()
        .filter_map(|&i| model.body(i).map(|b| b.id.clone()))
        .collect()
}

/// A body's place in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Centrality {
    /// Body id.
    pub body: String,
    /// Number of distinct bodies it is linked to.
    pub degree: usize,
    /// Betweenness, normalised to 0..=1: the share of shortest routes between other pairs
    /// of bodies that pass through it.
    pub betweenness: f64,
    /// False when betweenness was estimated from a sample of sources (large maps; see
    /// [`super::betweenness`] for the error).
    pub betweenness_exact: bool,
    /// Bodies that would be cut off from the largest remaining part if it left (0 when it
    /// is not a single point of failure).
    pub would_cut_off: usize,
}

/// Undirected adjacency lists (distinct neighbours, sorted).
pub fn adjacency(model: &Model) -> Vec<Vec<usize>> {
    let n = model.bodies().len();
    let mut adj = vec![Vec::new(); n];
    for i in 0..n {
        for (j, _) in model.links_from(i) {
            if j != i {
                if let Some(a) = adj.get_mut(i) {
                    a.push(j);
                }
                if let Some(a) = adj.get_mut(j) {
                    a.push(i);
                }
            }
        }
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    adj
}

/// Degree, betweenness and single-point-of-failure figures for every body, in body order.
///
/// Betweenness comes from [`super::betweenness::betweenness`] (exact up to
/// [`super::betweenness::EXACT_BUDGET`], sampled above it) and the cut-off counts from
/// [`super::cut_vertices::cut_off_counts`]. O(V + E) plus the betweenness budget.
///
/// ```
/// use pmap_core::{load, analysis::accountability::centrality};
/// //  a ── hub ── b      (hub is the only link between a and b)
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"a","name":"A","kind":"business"},{"id":"hub","name":"Hub","kind":"lsp"},
///   {"id":"b","name":"B","kind":"business"}],
///  "links":[{"from":"a","to":"hub","kind":"member_of"},{"from":"b","to":"hub","kind":"member_of"}]}"#)
///  .unwrap().model;
/// let c = centrality(&m);
/// assert_eq!(c[1].betweenness, 1.0);
/// assert!(c[1].betweenness_exact);
/// assert_eq!(c[1].would_cut_off, 1);
/// assert_eq!(c[0].would_cut_off, 0);
/// ```
pub fn centrality(model: &Model) -> Vec<Centrality> {
    let adj = adjacency(model);
    let g = Csr::from_lists(&adj);
    let bc = betweenness(&g, EXACT_BUDGET, 1);
    let cut = cut_off_counts(&g);
    let exact = bc.pivots.is_none();
    (0..g.len())
        .map(|v| Centrality {
            body: model.body(v).map(|b| b.id.clone()).unwrap_or_default(),
            degree: g.neighbours(v).len(),
            betweenness: bc.values.get(v).copied().unwrap_or(0.0),
            betweenness_exact: exact,
            would_cut_off: cut.get(v).copied().unwrap_or(0),
        })
        .collect()
}
