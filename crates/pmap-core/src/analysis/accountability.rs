//! Accountability paths and brokers.
//!
//! **Paths.** From a body, follow `accountable_to`, `member_of`, `reports_to` and
//! `sub_group_of` links (in their direction) breadth-first until an elected body is
//! reached. The shortest such path is returned; if there is none, the bodies where every
//! route stops (the dead ends) are returned instead. O(V + E) per body.
//!
//! **Brokers.** Treating links as undirected, [`centrality`] computes each body's degree,
//! its betweenness (Brandes' algorithm, O(V·E), normalised to 0..1), and whether it is a
//! cut vertex: a body whose departure would split the network into parts that no longer
//! connect. In plain words that is a *single point of failure*, and the number of bodies
//! that would be cut off is reported. Cut vertices are found by removing each body in turn
//! and counting what the rest can reach: O(V·(V + E)), which is instant at the few
//! hundred bodies a partnership map holds.

use crate::index::Model;
use serde::Serialize;
use std::collections::VecDeque;

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
    let n = model.bodies().len();
    if model.body(start).is_some_and(|b| b.elected) {
        return AccountabilityPath::Elected;
    }
    let mut prev: Vec<Option<usize>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    let mut ends = Vec::new();
    let mut queue = VecDeque::from([start]);
    if let Some(s) = seen.get_mut(start) {
        *s = true;
    }
    let mut found: Option<usize> = None;
    let mut found_depth = usize::MAX;
    let mut depth = vec![usize::MAX; n];
    if let Some(d) = depth.get_mut(start) {
        *d = 0;
    }
    while let Some(u) = queue.pop_front() {
        if depth[u] >= found_depth {
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
            if seen.get(v).copied().unwrap_or(true) {
                continue;
            }
            seen[v] = true;
            prev[v] = Some(u);
            depth[v] = depth[u] + 1;
            if model.body(v).is_some_and(|b| b.elected) {
                // Keep the first found at this distance unless a preferred one turns up.
                if found.is_none() || (prefer(v) && !found.is_some_and(&prefer)) {
                    found = Some(v);
                }
                found_depth = depth[v];
                continue;
            }
            queue.push_back(v);
        }
    }
    if let Some(v) = found {
        let mut path = vec![v];
        let mut cur = v;
        while let Some(p) = prev[cur] {
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

fn ids(model: &Model, v: &[usize]) -> Vec<String> {
    v.iter()
        .filter_map(|&i| model.body(i).map(|b| b.id.clone()))
        .collect()
}

/// A body's place in the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centrality {
    /// Body id.
    pub body: String,
    /// Number of distinct bodies it is linked to.
    pub degree: usize,
    /// Betweenness, normalised to 0..=1: the share of shortest routes between other pairs
    /// of bodies that pass through it.
    pub betweenness: f64,
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
/// assert_eq!(c[1].would_cut_off, 1);
/// assert_eq!(c[0].would_cut_off, 0);
/// ```
pub fn centrality(model: &Model) -> Vec<Centrality> {
    let adj = adjacency(model);
    let n = adj.len();
    let bc = brandes(&adj);
    let norm = if n > 2 {
        ((n - 1) * (n - 2)) as f64 / 2.0
    } else {
        1.0
    };
    (0..n)
        .map(|v| Centrality {
            body: model.body(v).map(|b| b.id.clone()).unwrap_or_default(),
            degree: adj.get(v).map_or(0, Vec::len),
            betweenness: bc.get(v).copied().unwrap_or(0.0) / norm,
            would_cut_off: cut_off(&adj, v),
        })
        .collect()
}

/// Brandes' betweenness on an unweighted undirected graph (each pair counted once).
fn brandes(adj: &[Vec<usize>]) -> Vec<f64> {
    let n = adj.len();
    let mut bc = vec![0.0; n];
    for s in 0..n {
        let mut stack = Vec::with_capacity(n);
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut q = VecDeque::from([s]);
        while let Some(v) = q.pop_front() {
            stack.push(v);
            for &w in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    q.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0f64; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
    }
    // Undirected: every pair was counted from both ends.
    bc.iter().map(|x| x / 2.0).collect()
}

/// How many of v's connected component would be separated from the largest remaining part
/// if v were removed.
fn cut_off(adj: &[Vec<usize>], v: usize) -> usize {
    let n = adj.len();
    let Some(neigh) = adj.get(v) else { return 0 };
    if neigh.len() < 2 {
        return 0;
    }
    let mut comp = vec![usize::MAX; n];
    comp[v] = usize::MAX - 1;
    let mut sizes = Vec::new();
    for &start in neigh {
        if comp[start] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        let mut size = 0;
        let mut q = VecDeque::from([start]);
        comp[start] = id;
        while let Some(u) = q.pop_front() {
            size += 1;
            for &w in &adj[u] {
                if comp[w] == usize::MAX {
                    comp[w] = id;
                    q.push_back(w);
                }
            }
        }
        sizes.push(size);
    }
    if sizes.len() < 2 {
        return 0;
    }
    let largest = sizes.iter().copied().max().unwrap_or(0);
    sizes.iter().sum::<usize>() - largest
}
