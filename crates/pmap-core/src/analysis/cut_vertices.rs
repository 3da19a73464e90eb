//! Single points of failure: cut vertices (articulation points) and how many bodies each
//! would cut off.
//!
//! Links are treated as undirected. A body is a *cut vertex* when removing it leaves its
//! connected part in two or more pieces. For each one we report how many bodies would lose
//! touch with the largest remaining piece: `(C − 1) − largest piece`, where `C` is the size
//! of its connected part.
//!
//! **Method.** One depth-first search (Hopcroft–Tarjan), iterative so that a long chain
//! cannot overflow the stack. Each body gets a discovery time `disc`, the lowest discovery
//! time reachable from its subtree by one back edge, `low`, and its subtree size. For a
//! body `v` and a DFS child `c`, the subtree of `c` becomes a separate piece when `v` goes
//! exactly when `low[c] ≥ disc[v]`; whatever is not in such a subtree (nor `v`) stays
//! together as the piece containing `v`'s parent.
//!
//! **Complexity.** O(V + E) time, O(V) extra space.

/// Undirected graph in compressed sparse row form: the neighbours of `v` are
/// `targets[offsets[v]..offsets[v + 1]]`, distinct and sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Csr {
    /// `offsets[v]..offsets[v + 1]` indexes `targets`; `offsets.len() == n + 1`.
    pub offsets: Vec<usize>,
    /// Neighbour lists, concatenated.
    pub targets: Vec<usize>,
}

impl Csr {
    /// From adjacency lists (each list distinct and without self-loops).
    pub fn from_lists(adj: &[Vec<usize>]) -> Csr {
        let mut offsets = Vec::with_capacity(adj.len() + 1);
        let mut targets = Vec::with_capacity(adj.iter().map(Vec::len).sum());
        offsets.push(0);
        for a in adj {
            targets.extend(a.iter().copied().filter(|&t| t < adj.len()));
            offsets.push(targets.len());
        }
        Csr { offsets, targets }
    }

    /// Number of vertices.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no vertices.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Neighbours of `v` (empty when out of range).
    pub fn neighbours(&self, v: usize) -> &[usize] {
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&a), Some(&b)) => self.targets.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// For every vertex, how many vertices would be cut off from the largest remaining piece
/// of its connected part if it were removed; 0 when it is not a cut vertex.
///
/// # Example
/// ```
/// use pmap_core::analysis::cut_vertices::{cut_off_counts, Csr};
/// //  0 ── 1 ── 2 ── 3
/// //            │
/// //            4
/// // Removing 1 cuts off {0} (pieces {0} and {2,3,4}); removing 2 cuts off 2 of {0,1},
/// // {3}, {4}: the largest piece {0,1} stays, 3 and 4 are cut off.
/// let g = Csr::from_lists(&[vec![1], vec![0, 2], vec![1, 3, 4], vec![2], vec![2]]);
/// assert_eq!(cut_off_counts(&g), vec![0, 1, 2, 0, 0]);
/// ```
pub fn cut_off_counts(g: &Csr) -> Vec<usize> {
    let n = g.len();
    const UNSEEN: usize = usize::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut size = vec![1usize; n];
    // Sum of the sizes of v's children whose subtree would be cut loose, and the largest.
    let mut loose_sum = vec![0usize; n];
    let mut loose_max = vec![0usize; n];
    let mut loose_pieces = vec![0usize; n];
    let mut out = vec![0usize; n];
    let mut parent = vec![UNSEEN; n];
    // DFS stack of (vertex, next neighbour position); also records the component order.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut comp: Vec<usize> = Vec::new();
    let mut time = 0usize;
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        comp.clear();
        disc[root] = time;
        low[root] = time;
        time += 1;
        stack.push((root, 0));
        comp.push(root);
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            let nb = g.neighbours(v);
            if let Some(&w) = nb.get(*next) {
                *next += 1;
                if disc[w] == UNSEEN {
                    parent[w] = v;
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    stack.push((w, 0));
                    comp.push(w);
                } else if w != parent[v] {
                    low[v] = low[v].min(disc[w]);
                }
                continue;
            }
            // v is finished: report to its parent.
            stack.pop();
            let p = parent[v];
            if p != UNSEEN {
                low[p] = low[p].min(low[v]);
                size[p] += size[v];
                if low[v] >= disc[p] {
                    loose_sum[p] += size[v];
                    loose_max[p] = loose_max[p].max(size[v]);
                    loose_pieces[p] += 1;
                }
            }
        }
        let c = comp.len();
        for &v in &comp {
            // The piece holding v's parent: everything not in v or a loose subtree.
            let rest = c - 1 - loose_sum[v];
            let pieces = loose_pieces[v] + usize::from(rest > 0);
            if pieces >= 2 {
                out[v] = (c - 1) - loose_max[v].max(rest);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SplitMix;
    use petgraph::graph::UnGraph;
    use std::collections::VecDeque;

    /// The specification, by brute force: remove v, count the pieces among its neighbours.
    fn cut_off_brute(adj: &[Vec<usize>], v: usize) -> usize {
        let mut comp = vec![usize::MAX; adj.len()];
        comp[v] = usize::MAX - 1;
        let mut sizes = Vec::new();
        for &start in &adj[v] {
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
        sizes.iter().sum::<usize>() - sizes.iter().copied().max().unwrap_or(0)
    }

    fn random_graph(rng: &mut SplitMix, n: usize, e: usize) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); n];
        for _ in 0..e {
            let a = (rng.next_f64() * n as f64) as usize % n;
            let b = (rng.next_f64() * n as f64) as usize % n;
            if a != b {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        for a in &mut adj {
            a.sort_unstable();
            a.dedup();
        }
        adj
    }

    #[test]
    fn cut_vertices_match_petgraph_on_random_graphs() {
        let mut rng = SplitMix::new(12);
        for round in 0..300 {
            let n = 1 + round % 40;
            // Sparse graphs (around n edges) have many cut vertices; denser ones few.
            let e = (rng.next_f64() * 2.0 * n as f64) as usize;
            let adj = random_graph(&mut rng, n, e);
            let mut g = UnGraph::<(), ()>::new_undirected();
            let ids: Vec<_> = (0..n).map(|_| g.add_node(())).collect();
            for (a, list) in adj.iter().enumerate() {
                for &b in list.iter().filter(|&&b| b > a) {
                    g.add_edge(ids[a], ids[b], ());
                }
            }
            let mut expected: Vec<usize> =
                petgraph::algo::articulation_points::articulation_points(&g)
                    .into_iter()
                    .map(|x| x.index())
                    .collect();
            expected.sort_unstable();
            let counts = cut_off_counts(&Csr::from_lists(&adj));
            let got: Vec<usize> = (0..n).filter(|&v| counts[v] > 0).collect();
            assert_eq!(got, expected, "round {round}: {adj:?}");
            for (v, &count) in counts.iter().enumerate() {
                assert_eq!(count, cut_off_brute(&adj, v), "round {round}, vertex {v}");
            }
        }
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        // 0 ── 1 ── … ── 199 999: every inner vertex is a cut vertex; removing vertex i
        // leaves pieces of i and n − 1 − i, so min(i, n − 1 − i) are cut off.
        let n = 200_000;
        let adj: Vec<Vec<usize>> = (0..n)
            .map(|i| {
                let mut v = Vec::new();
                if i > 0 {
                    v.push(i - 1);
                }
                if i + 1 < n {
                    v.push(i + 1);
                }
                v
            })
            .collect();
        let c = cut_off_counts(&Csr::from_lists(&adj));
        assert_eq!(c[0], 0);
        assert_eq!(c[1], 1);
        assert_eq!(c[n / 2], n / 2 - 1);
        assert_eq!(c[n - 2], 1);
    }
}
