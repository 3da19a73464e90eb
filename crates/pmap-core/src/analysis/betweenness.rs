//! Betweenness centrality on an undirected, unweighted graph: exact for small graphs,
//! estimated from a seeded sample of sources for large ones.
//!
//! **Formula.** `b(v) = Σ_{s≠v≠t} σ_st(v) / σ_st`, over unordered pairs, where `σ_st` is
//! the number of shortest paths from `s` to `t` and `σ_st(v)` those through `v`; it is
//! normalised by the number of pairs not involving `v`, `(n − 1)(n − 2) / 2`, so it lies
//! in 0..=1.
//!
//! **Exact** (Brandes 2001): one breadth-first search per source `s` and a back
//! propagation of the dependencies `δ_s(v)`; `b(v) = Σ_s δ_s(v) / ((n − 1)(n − 2))`.
//! O(V·(V + E)) time, O(V + E) space. No per-source allocation: the predecessor lists are
//! not stored, a vertex's predecessors are its neighbours one level closer to `s`.
//!
//! **Sampled** (Brandes & Pich 2007): when `V·(V + 2E)` exceeds [`EXACT_BUDGET`], only
//! `k = max(MIN_PIVOTS, EXACT_BUDGET / (V + 2E))` distinct sources, chosen with a seeded
//! generator, are run, and the sum is scaled by `n / k`. The estimate is unbiased. Each
//! source contributes `n·δ_s(v) / ((n − 1)(n − 2)) ∈ [0, n/(n − 1)]`, so by Hoeffding's
//! inequality (which also holds for sampling without replacement) the error for any one
//! body exceeds `ε` with probability at most `2·exp(−2kε²(n − 1)²/n²)`: with
//! 95% confidence `ε ≤ √(ln 40 / 2k)`: 0.14 at k = 100. That is a worst-case bound. On a
//! clustered graph of 3,000 bodies sampled with k = 100, the test
//! `sampled_is_close_to_exact` measures a largest error of 0.010 (one percentage point)
//! where the largest betweenness is 0.028: the figure is right to about a point, but the
//! ranking of bodies with similar values is not reliable.
//!
//! The budget was measured with `benches/scale.rs`: exact betweenness costs about 9 ns
//! per unit of work `V·(V + 2E)` natively (1.5 s for 5,000 bodies and 15,000 links), so
//! [`EXACT_BUDGET`] keeps it near 45 ms natively (roughly twice that in WebAssembly, so
//! it belongs in a worker): exact up to about 1,000 bodies with 2,000 links. On that
//! 5,000-body map, 146 sampled sources took 42 ms and gave a largest error of 0.014 where
//! the largest value is 0.021: when every body's betweenness is small, a sampled figure
//! says "small", not how small.

use super::cut_vertices::Csr;
use crate::layout::SplitMix;
use std::collections::VecDeque;

/// Work (vertex + edge visits) spent before switching from exact to sampled.
pub const EXACT_BUDGET: usize = 5_000_000;
/// Fewest sources a sample uses.
pub const MIN_PIVOTS: usize = 32;

/// Normalised betweenness of every vertex, and how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// One value per vertex, 0..=1.
    pub values: Vec<f64>,
    /// `None` when exact; otherwise the number of sources sampled.
    pub pivots: Option<usize>,
}

/// Betweenness of every vertex of `g`: exact when `V·(V + 2E) ≤ budget`, else sampled from
/// at least [`MIN_PIVOTS`] sources chosen with `seed`.
///
/// # Example
/// ```
/// use pmap_core::analysis::{betweenness::betweenness, cut_vertices::Csr};
/// //  0 ── 1 ── 2 ── 3: 1 lies on the routes 0–2 and 0–3, 2 of the 3 pairs without it.
/// let g = Csr::from_lists(&[vec![1], vec![0, 2], vec![1, 3], vec![2]]);
/// let b = betweenness(&g, usize::MAX, 1);
/// assert_eq!(b.pivots, None);
/// assert_eq!(b.values, vec![0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0]);
/// ```
pub fn betweenness(g: &Csr, budget: usize, seed: u64) -> Betweenness {
    let n = g.len();
    let work = n.saturating_mul(n + g.targets.len());
    let mut sources: Vec<usize> = (0..n).collect();
    let pivots = if work <= budget {
        None
    } else {
        let k = (budget / (n + g.targets.len()).max(1))
            .max(MIN_PIVOTS)
            .min(n);
        // Partial Fisher–Yates: the first k of a seeded shuffle.
        let mut rng = SplitMix::new(seed);
        for i in 0..k {
            let j = i + ((rng.next_f64() * (n - i) as f64) as usize).min(n - i - 1);
            sources.swap(i, j);
        }
        sources.truncate(k);
        Some(k)
    };
    let mut bc = vec![0.0f64; n];
    let mut sigma = vec![0.0f64; n];
    let mut dist = vec![u32::MAX; n];
    let mut delta = vec![0.0f64; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut queue: VecDeque<usize> = VecDeque::with_capacity(n);
    for &s in &sources {
        for &v in &order {
            sigma[v] = 0.0;
            dist[v] = u32::MAX;
            delta[v] = 0.0;
        }
        order.clear();
        sigma[s] = 1.0;
        dist[s] = 0;
        queue.push_back(s);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            let dv = dist[v];
            for &w in g.neighbours(v) {
                if dist[w] == u32::MAX {
                    dist[w] = dv + 1;
                    queue.push_back(w);
                }
                if dist[w] == dv + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            let dw = dist[w];
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in g.neighbours(w) {
                if dist[v] != u32::MAX && dist[v] + 1 == dw {
                    delta[v] += sigma[v] * coeff;
                }
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
    }
    let scale = match pivots {
        Some(k) => n as f64 / k as f64,
        None => 1.0,
    };
    // Each unordered pair was counted from both ends: Σ_s δ_s / 2 / ((n−1)(n−2)/2).
    let norm = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    Betweenness {
        values: bc.iter().map(|x| x * scale / norm).collect(),
        pivots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clustered graph: `c` clusters of `size`, ring-like inside, a few links between.
    fn clustered(n: usize, seed: u64) -> Vec<Vec<usize>> {
        let mut rng = SplitMix::new(seed);
        let size = 30;
        let mut adj = vec![Vec::new(); n];
        let add = |a: usize, b: usize, adj: &mut Vec<Vec<usize>>| {
            if a != b {
                adj[a].push(b);
                adj[b].push(a);
            }
        };
        for v in 0..n {
            let base = v - v % size;
            for _ in 0..2 {
                let w = base + (rng.next_f64() * size as f64) as usize;
                add(v, w.min(n - 1), &mut adj);
            }
            if rng.next_f64() < 0.15 {
                add(
                    v,
                    ((rng.next_f64() * n as f64) as usize).min(n - 1),
                    &mut adj,
                );
            }
        }
        for a in &mut adj {
            a.sort_unstable();
            a.dedup();
        }
        adj
    }

    #[test]
    fn star_centre_lies_on_every_route() {
        // Hand-worked: a star with centre 0 and 4 leaves; every pair of leaves routes
        // through 0, so b(0) = 1 and the leaves 0.
        let g = Csr::from_lists(&[vec![1, 2, 3, 4], vec![0], vec![0], vec![0], vec![0]]);
        let b = betweenness(&g, usize::MAX, 1);
        assert_eq!(b.values, vec![1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn square_splits_routes() {
        // 0 ── 1
        // │    │   Pair (0,2) has two shortest routes, via 1 and via 3: each gets ½.
        // 3 ── 2   Normalised by (n−1)(n−2)/2 = 3 pairs: b = (½ + ½)/3 … per vertex ½/3.
        let g = Csr::from_lists(&[vec![1, 3], vec![0, 2], vec![1, 3], vec![0, 2]]);
        let b = betweenness(&g, usize::MAX, 1);
        for v in b.values {
            assert!((v - 0.5 / 3.0).abs() < 1e-12, "{v}");
        }
    }

    #[test]
    fn sampled_is_close_to_exact() {
        let adj = clustered(3000, 5);
        let g = Csr::from_lists(&adj);
        let exact = betweenness(&g, usize::MAX, 1);
        assert_eq!(exact.pivots, None);
        // A budget that forces about 100 sources out of 3,000.
        let budget = 100 * (g.len() + g.targets.len());
        let est = betweenness(&g, budget, 9);
        assert_eq!(est.pivots, Some(100));
        let max_err = exact
            .values
            .iter()
            .zip(&est.values)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let top = exact.values.iter().copied().fold(0.0, f64::max);
        assert!(top > 0.01, "the test graph should have brokers ({top})");
        // Well inside the Hoeffding bound √(ln 40 / 200) = 0.136 stated in the docs.
        assert!(max_err < 0.02, "largest error {max_err}, top {top}");
    }

    #[test]
    fn sampling_is_deterministic() {
        let g = Csr::from_lists(&clustered(500, 2));
        let a = betweenness(&g, 1000, 3);
        let b = betweenness(&g, 1000, 3);
        assert_eq!(a, b);
        assert_eq!(a.pivots, Some(MIN_PIVOTS));
    }
}
