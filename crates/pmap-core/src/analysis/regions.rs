//! Regionalisation: dividing areas into contiguous groups within a population band (or
//! into exactly k groups), maximising an objective over the whole assignment.
//!
//! **Problem.** Areas `0..n` with populations `p_i`, an adjacency graph, a band
//! `[min, max]` and optionally a number of groups `k`. Find an assignment `a: area → group`
//! maximising `f(a)` (any function of the whole assignment, higher is better) such that
//! every group's population lies in the band, there are `k` groups when `k` is set, and
//! (unless contiguity is not enforced) every group is connected in the adjacency graph.
//!
//! **Method** ([`search`]): a max-p style construction followed by iterated local search,
//! after Duque, Anselin and Rey, "The max-p-regions problem" (J. Regional Science 52(3),
//! 2012) and the region-growing and local-improvement phases of PySAL's `spopt`
//! (`MaxPHeuristic`, `AZP`: Openshaw and Rao 1995):
//!
//! 1. *Construction.* With `k` set: `k` seeds, one per connected component first, then
//!    each next seed the area farthest (in adjacency steps) from those chosen; the group
//!    with the fewest people repeatedly takes a random unassigned neighbour. Without `k`:
//!    max-p growth: from a random unassigned seed, add random unassigned neighbours until
//!    the group reaches a target (random per start, between the band's minimum and its
//!    middle, so starts differ in their number of groups); groups that cannot are dissolved and their
//!    areas ("enclaves") join the smallest adjacent group.
//! 2. *Local search* (AZP). Visit the areas in random order; move an area on a group's
//!    edge to an adjacent group when that raises `F = f − 100·Σ_g band violation_g / mean
//!    group population`, provided the group it leaves stays connected (a breadth-first
//!    search within the donor group, i.e. the area is not an articulation point of it).
//!    Without `k`, an area may also leave to start a group of its own, and merging two
//!    adjacent groups is tried. At a local optimum, pairs of moves (an area and then a
//!    neighbour following it or swapping the other way) are tried. Repeat until nothing helps.
//! 3. *Iterated.* Perturb the best assignment of the start with a few random valid moves
//!    and search again; keep it when `F` improves. Several seeded starts.
//!
//! The answer is the best assignment found that meets every constraint; the search is
//! deterministic for a given seed. [`exhaustive`] enumerates every set partition
//! (restricted growth strings, pruned by the band's maximum and `k`) and is optimal; the
//! tests compare the two on random small grid maps.
//!
//! **Complexity.** Each sweep of the local search evaluates `O(n·d)` moves (`d` = groups
//! adjacent to an area, about 2–3) plus an `O(|group|)` connectivity check per move, with one
//! [`Objective::delta`] per move: a full evaluation of `f` for [`search`], far less for an
//! objective that prices a move itself ([`search_with`]; the grouping score's delta touches
//! only the two groups and the bodies the area lies in). Starts and rounds are fixed
//! numbers, scaled down as `n` grows, so the total is about `O(n²)` deltas.
//! [`exhaustive`] is `O(Bell(n))`.
//!
//! **Progress and cancellation.** `progress(fraction)` is called after every sweep (and
//! every 4,096 partitions in [`exhaustive`]); when it returns `false` the search stops and
//! returns the best feasible assignment so far (with `complete: false`), or `None` if it
//! had none yet.
//!
//! ```
//! use pmap_core::analysis::{contiguity::Adjacency, grouping::Band, regions::{search, Problem}};
//! // A path of four areas 0–1–2–3, 100 people each, in two groups of 200: the objective
//! // rewards keeping 0 with 1; contiguity forces {0,1},{2,3}.
//! let adj = Adjacency::from_lists(vec![vec![1], vec![2], vec![3], vec![]]);
//! let p = Problem { pop: &[100.0; 4], adj: Some(&adj), enforce: true,
//!                   band: Band { min: 200.0, max: 200.0, groups: None } };
//! let f = |a: &[usize]| if a[0] == a[1] { 1.0 } else { 0.5 };
//! let found = search(&p, &f, 7, &mut |_| true).unwrap();
//! assert_eq!(found.groups(), vec![vec![0, 1], vec![2, 3]]);
//! assert!(found.complete);
//! ```

use super::contiguity::Adjacency;
use super::grouping::Band;
use crate::index::AreaIx;
use crate::layout::SplitMix;

/// A regionalisation problem over areas `0..pop.len()`.
#[derive(Debug, Clone, Copy)]
pub struct Problem<'a> {
    /// Population of each area.
    pub pop: &'a [f64],
    /// Adjacency among the areas (numbered `0..n`), if known.
    pub adj: Option<&'a Adjacency>,
    /// Whether every group must be contiguous (ignored when `adj` is `None`).
    pub enforce: bool,
    /// The population band and number of groups.
    pub band: Band,
}

/// An assignment found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Group number of each area, numbered `0..groups` in order of first appearance.
    pub assign: Vec<usize>,
    /// The objective's value.
    pub value: f64,
    /// False when the search was cancelled before it finished.
    pub complete: bool,
}

impl Found {
    /// The groups as sorted lists of area numbers, in order of their first area.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        let k = self.assign.iter().max().map_or(0, |m| m + 1);
        let mut g = vec![Vec::new(); k];
        for (i, &a) in self.assign.iter().enumerate() {
            g[a].push(i);
        }
        g.retain(|x| !x.is_empty());
        g
    }
}

/// Weight of band violations against the objective (which lies in 0..=1).
const PENALTY: f64 = 100.0;

fn below(rng: &mut SplitMix, n: usize) -> usize {
    ((rng.next_f64() * n as f64) as usize).min(n.saturating_sub(1))
}

fn shuffle<T>(rng: &mut SplitMix, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = below(rng, i + 1);
        v.swap(i, j);
    }
}

/// Renumbers groups `0..` in order of first appearance.
fn canonical(assign: &[usize]) -> Vec<usize> {
    let mut map = std::collections::HashMap::new();
    assign
        .iter()
        .map(|&g| {
            let next = map.len();
            *map.entry(g).or_insert(next)
        })
        .collect()
}

/// An objective the local search can evaluate move by move. It tracks one assignment
/// (set by [`Objective::reset`]); [`Objective::delta`] prices moving one area without
/// making the move, and [`Objective::apply`] makes it. [`Whole`] adapts any function of
/// the whole assignment; the grouping score supplies its own `O(bodies)` deltas.
pub trait Objective {
    /// The value of a whole assignment (not necessarily the tracked one).
    fn value(&self, assign: &[usize]) -> f64;
    /// Starts tracking `assign`.
    fn reset(&mut self, assign: &[usize]);
    /// The tracked assignment's value.
    fn current(&self) -> f64;
    /// `value(after) − value(before)` if area `i` moves to group `to` (which may be a new,
    /// empty group's number).
    fn delta(&self, i: usize, to: usize) -> f64;
    /// Moves area `i` to group `to` in the tracked assignment.
    fn apply(&mut self, i: usize, to: usize);
}

/// Any function of the whole assignment as an [`Objective`]: each delta is one full
/// evaluation.
pub struct Whole<'f> {
    f: &'f dyn Fn(&[usize]) -> f64,
    assign: Vec<usize>,
    value: f64,
}

impl<'f> Whole<'f> {
    /// Wraps `f`.
    pub fn new(f: &'f dyn Fn(&[usize]) -> f64) -> Self {
        Whole {
            f,
            assign: Vec::new(),
            value: 0.0,
        }
    }
}

impl Objective for Whole<'_> {
    fn value(&self, assign: &[usize]) -> f64 {
        (self.f)(assign)
    }
    fn reset(&mut self, assign: &[usize]) {
        self.assign = assign.to_vec();
        self.value = (self.f)(assign);
    }
    fn current(&self) -> f64 {
        self.value
    }
    fn delta(&self, i: usize, to: usize) -> f64 {
        let mut a = self.assign.clone();
        if let Some(x) = a.get_mut(i) {
            *x = to;
        }
        (self.f)(&a) - self.value
    }
    fn apply(&mut self, i: usize, to: usize) {
        if let Some(x) = self.assign.get_mut(i) {
            *x = to;
        }
        self.value = (self.f)(&self.assign);
    }
}

struct State<'p, 'a> {
    p: &'p Problem<'a>,
    obj: &'p mut dyn Objective,
    assign: Vec<usize>,
    gpop: Vec<f64>,
    gsize: Vec<usize>,
    scale: f64,
}

impl<'p, 'a> State<'p, 'a> {
    fn new(p: &'p Problem<'a>, obj: &'p mut dyn Objective, assign: Vec<usize>) -> Self {
        let total: f64 = p.pop.iter().sum();
        let b = &p.band;
        let expected = match b.groups {
            Some(k) => k as f64,
            None if b.min > 0.0 && b.max.is_finite() => total / ((b.min + b.max) / 2.0),
            None if b.min > 0.0 => total / b.min,
            None if b.max.is_finite() => total / b.max,
            None => p.pop.len() as f64,
        };
        let scale = (total / expected.max(1.0)).max(1e-9);
        let mut st = State {
            p,
            obj,
            assign: Vec::new(),
            gpop: Vec::new(),
            gsize: Vec::new(),
            scale,
        };
        st.restart(assign);
        st
    }

    /// Starts again from `assign`.
    fn restart(&mut self, assign: Vec<usize>) {
        let k = assign.iter().max().map_or(0, |m| m + 1);
        self.gpop = vec![0.0; k];
        self.gsize = vec![0; k];
        for (i, &g) in assign.iter().enumerate() {
            self.gpop[g] += self.p.pop[i];
            self.gsize[g] += 1;
        }
        self.obj.reset(&assign);
        self.assign = assign;
    }

    fn excess(&self, x: f64) -> f64 {
        let b = &self.p.band;
        (b.min - x).max(0.0) + (x - b.max).max(0.0)
    }

    fn violation(&self) -> f64 {
        self.gpop
            .iter()
            .zip(&self.gsize)
            .filter(|(_, &s)| s > 0)
            .map(|(&x, _)| self.excess(x))
            .sum::<f64>()
            / self.scale
    }

    fn fitness(&self) -> f64 {
        self.obj.current() - PENALTY * self.violation()
    }

    /// The fitness if area `i` moved to group `to`, without moving it.
    fn fitness_if(&self, i: usize, to: usize) -> f64 {
        let from = self.assign[i];
        let w = self.p.pop[i];
        let size = |g: usize| self.gsize.get(g).copied().unwrap_or(0);
        let pop = |g: usize| self.gpop.get(g).copied().unwrap_or(0.0);
        let part = |x: f64, s: usize| if s > 0 { self.excess(x) } else { 0.0 };
        let before = part(pop(from), size(from)) + part(pop(to), size(to));
        let after = part(pop(from) - w, size(from) - 1) + part(pop(to) + w, size(to) + 1);
        let violation = self.violation() + (after - before) / self.scale;
        self.obj.current() + self.obj.delta(i, to) - PENALTY * violation
    }

    fn enforce(&self) -> Option<&'a Adjacency> {
        self.p.adj.filter(|_| self.p.enforce)
    }

    fn set(&mut self, i: usize, to: usize) {
        if to >= self.gsize.len() {
            self.gsize.resize(to + 1, 0);
            self.gpop.resize(to + 1, 0.0);
        }
        let from = self.assign[i];
        self.gpop[from] -= self.p.pop[i];
        self.gsize[from] -= 1;
        self.gpop[to] += self.p.pop[i];
        self.gsize[to] += 1;
        self.assign[i] = to;
        self.obj.apply(i, to);
    }

    /// Whether area `i` may leave its group: the group stays connected without it.
    fn may_leave(&self, i: usize) -> bool {
        let a = self.assign[i];
        if self.gsize[a] <= 1 {
            return self.p.band.groups.is_none();
        }
        let Some(adj) = self.enforce() else {
            return true;
        };
        let Some(&start) = adj
            .neighbours(i as AreaIx)
            .iter()
            .find(|&&j| self.assign[j as usize] == a)
        else {
            return false;
        };
        adj.connected(start, self.gsize[a] - 1, |x| {
            x as usize != i && self.assign[x as usize] == a
        })
    }

    /// The groups area `i` could join: those of its neighbours (every other group when
    /// contiguity is not enforced).
    fn targets(&self, i: usize) -> Vec<usize> {
        let a = self.assign[i];
        let mut t: Vec<usize> = match self.enforce() {
            Some(adj) => adj
                .neighbours(i as AreaIx)
                .iter()
                .map(|&j| self.assign[j as usize])
                .collect(),
            None => (0..self.gsize.len())
                .filter(|&g| self.gsize[g] > 0)
                .collect(),
        };
        t.sort_unstable();
        t.dedup();
        t.retain(|&g| g != a);
        // Without k, an area may also start a group of its own (an empty group's number).
        if self.p.band.groups.is_none() && self.gsize[a] > 1 {
            t.push(
                (0..self.gsize.len())
                    .find(|&g| self.gsize[g] == 0)
                    .unwrap_or(self.gsize.len()),
            );
        }
        t
    }

    fn feasible(&self) -> bool {
        let b = &self.p.band;
        let live: Vec<usize> = (0..self.gsize.len())
            .filter(|&g| self.gsize[g] > 0)
            .collect();
        if b.groups.is_some_and(|k| k != live.len()) {
            return false;
        }
        if live
            .iter()
            .any(|&g| self.gpop[g] < b.min - 1e-9 || self.gpop[g] > b.max + 1e-9)
        {
            return false;
        }
        match self.enforce() {
            Some(adj) => live.iter().all(|&g| {
                let start = self.assign.iter().position(|&x| x == g).unwrap_or(0);
                adj.connected(start as AreaIx, self.gsize[g], |x| {
                    self.assign[x as usize] == g
                })
            }),
            None => true,
        }
    }

    /// Hill-climbs by single moves (and merges without `k`) until none helps. Returns the
    /// final fitness, or `None` when cancelled.
    fn climb(&mut self, rng: &mut SplitMix, tick: &mut dyn FnMut() -> bool) -> Option<f64> {
        let n = self.assign.len();
        let mut cur = self.fitness();
        let mut order: Vec<usize> = (0..n).collect();
        for _sweep in 0..200 {
            let mut improved = false;
            shuffle(rng, &mut order);
            for &i in &order {
                let targets = self.targets(i);
                if targets.is_empty() || !self.may_leave(i) {
                    continue;
                }
                for b in targets {
                    if self.fitness_if(i, b) > cur + 1e-12 {
                        self.set(i, b);
                        cur = self.fitness();
                        improved = true;
                        break;
                    }
                }
            }
            if self.p.band.groups.is_none() {
                improved |= self.merges(&mut cur);
            }
            if !improved {
                improved = self.double_moves(&mut cur);
            }
            if !tick() {
                return None;
            }
            if !improved {
                break;
            }
        }
        Some(cur)
    }

    /// At a local optimum of single moves: moves an area, then one of its neighbours
    /// (following it, or swapping into the group it left); keeps the first pair that
    /// raises the fitness.
    fn double_moves(&mut self, cur: &mut f64) -> bool {
        let Some(adj) = self.p.adj else {
            return false;
        };
        for i in 0..self.assign.len() {
            if !self.may_leave(i) {
                continue;
            }
            let a = self.assign[i];
            for b in self.targets(i) {
                self.set(i, b);
                for &j in adj.neighbours(i as AreaIx) {
                    let j = j as usize;
                    let from = self.assign[j];
                    let to = if from == a {
                        b
                    } else if from == b {
                        a
                    } else {
                        continue;
                    };
                    if !self.may_leave(j)
                        || (self.enforce().is_some() && !self.touches_group(j, to))
                    {
                        continue;
                    }
                    if self.fitness_if(j, to) > *cur + 1e-12 {
                        self.set(j, to);
                        *cur = self.fitness();
                        return true;
                    }
                }
                self.set(i, a);
            }
        }
        false
    }

    fn touches_group(&self, i: usize, g: usize) -> bool {
        self.p.adj.is_some_and(|adj| {
            adj.neighbours(i as AreaIx)
                .iter()
                .any(|&j| self.assign[j as usize] == g)
        })
    }

    /// Tries merging each pair of adjacent groups; keeps merges that raise the fitness.
    fn merges(&mut self, cur: &mut f64) -> bool {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        match self.p.adj {
            Some(adj) => {
                for i in 0..self.assign.len() {
                    for &j in adj.neighbours(i as AreaIx) {
                        let (a, b) = (self.assign[i], self.assign[j as usize]);
                        if a < b {
                            pairs.push((a, b));
                        }
                    }
                }
            }
            None => {
                let live: Vec<usize> = (0..self.gsize.len())
                    .filter(|&g| self.gsize[g] > 0)
                    .collect();
                for (x, &a) in live.iter().enumerate() {
                    pairs.extend(live[x + 1..].iter().map(|&b| (a, b)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut improved = false;
        for (a, b) in pairs {
            if self.gsize[a] == 0
                || self.gsize[b] == 0
                || self.gpop[a] + self.gpop[b] > self.p.band.max
            {
                continue;
            }
            let moved: Vec<usize> = (0..self.assign.len())
                .filter(|&i| self.assign[i] == b)
                .collect();
            for &i in &moved {
                self.set(i, a);
            }
            let v = self.fitness();
            if v > *cur + 1e-12 {
                *cur = v;
                improved = true;
            } else {
                for &i in &moved {
                    self.set(i, b);
                }
            }
        }
        improved
    }

    /// A few random valid moves, to leave a local optimum.
    fn perturb(&mut self, rng: &mut SplitMix, moves: usize) {
        let n = self.assign.len();
        for _ in 0..moves * 4 {
            let i = below(rng, n);
            let t = self.targets(i);
            if t.is_empty() || self.gsize[self.assign[i]] <= 1 || !self.may_leave(i) {
                continue;
            }
            let b = t[below(rng, t.len())];
            self.set(i, b);
        }
    }
}

/// Connected components of the adjacency (every area alone when there is none).
fn components(n: usize, adj: Option<&Adjacency>) -> Vec<Vec<usize>> {
    let mut comp = vec![usize::MAX; n];
    let mut out = Vec::new();
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        let c = out.len();
        comp[s] = c;
        let mut queue = vec![s];
        let mut next = 0;
        while next < queue.len() {
            let x = queue[next];
            next += 1;
            for &y in adj.map_or(&[][..], |a| a.neighbours(x as AreaIx)) {
                if comp[y as usize] == usize::MAX {
                    comp[y as usize] = c;
                    queue.push(y as usize);
                }
            }
        }
        out.push(queue);
    }
    out
}

/// Neighbours used to grow groups: the adjacency's, or every area when there is none.
fn growth_neighbours(adj: Option<&Adjacency>, n: usize, i: usize) -> Vec<usize> {
    match adj {
        Some(a) => a
            .neighbours(i as AreaIx)
            .iter()
            .map(|&j| j as usize)
            .collect(),
        None => (0..n).filter(|&j| j != i).collect(),
    }
}

/// Adjacency steps from the `seeds` to every area (`usize::MAX` where unreachable).
fn hops(adj: Option<&Adjacency>, n: usize, seeds: &[usize]) -> Vec<usize> {
    let mut d = vec![usize::MAX; n];
    let mut queue: Vec<usize> = seeds.to_vec();
    for &s in seeds {
        d[s] = 0;
    }
    let mut next = 0;
    while next < queue.len() {
        let x = queue[next];
        next += 1;
        for y in growth_neighbours(adj, n, x) {
            if d[y] == usize::MAX {
                d[y] = d[x] + 1;
                queue.push(y);
            }
        }
    }
    d
}

/// Construction with `k` groups: spread seeds, then the smallest group grows.
fn grow_k(p: &Problem, k: usize, rng: &mut SplitMix) -> Option<Vec<usize>> {
    let n = p.pop.len();
    let adj = p.adj;
    let comps = components(n, adj.filter(|_| p.enforce));
    let comps = if adj.is_some() && p.enforce {
        comps
    } else {
        vec![(0..n).collect()]
    };
    if comps.len() > k || k > n {
        return None;
    }
    let mut seeds: Vec<usize> = comps.iter().map(|c| c[below(rng, c.len())]).collect();
    while seeds.len() < k {
        let d = hops(adj, n, &seeds);
        let far = (0..n)
            .filter(|i| !seeds.contains(i))
            .map(|i| (if d[i] == usize::MAX { 0 } else { d[i] }, rng.next_f64(), i))
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))?;
        seeds.push(far.2);
    }
    let mut assign = vec![usize::MAX; n];
    let mut gpop = vec![0.0; k];
    for (g, &s) in seeds.iter().enumerate() {
        assign[s] = g;
        gpop[g] = p.pop[s];
    }
    let mut left = n - k;
    while left > 0 {
        // The smallest group with an unassigned neighbour takes one at random.
        let mut order: Vec<usize> = (0..k).collect();
        crate::order::sort_by(&mut order, |&a, &b| gpop[a].total_cmp(&gpop[b]));
        let mut grew = false;
        for g in order {
            let mut frontier: Vec<usize> = (0..n)
                .filter(|&i| assign[i] == g)
                .flat_map(|i| growth_neighbours(adj, n, i))
                .filter(|&j| assign[j] == usize::MAX)
                .collect();
            frontier.sort_unstable();
            frontier.dedup();
            if !frontier.is_empty() {
                let j = frontier[below(rng, frontier.len())];
                assign[j] = g;
                gpop[g] += p.pop[j];
                left -= 1;
                grew = true;
                break;
            }
        }
        if !grew {
            // Unreachable areas (contiguity not enforced): join the smallest group.
            let g = (0..k).min_by(|&a, &b| gpop[a].total_cmp(&gpop[b]))?;
            let j = (0..n).find(|&i| assign[i] == usize::MAX)?;
            assign[j] = g;
            gpop[g] += p.pop[j];
            left -= 1;
        }
    }
    Some(assign)
}

/// Max-p construction without `k`: grow each group to the band's minimum; dissolve those
/// that cannot reach it and attach their areas to the smallest adjacent group.
fn grow_maxp(p: &Problem, rng: &mut SplitMix) -> Vec<usize> {
    let n = p.pop.len();
    let adj = p.adj;
    // Each start aims at a different size between the minimum and the band's middle, so
    // the starts differ in their number of groups.
    let top = if p.band.max.is_finite() {
        (p.band.min + p.band.max) / 2.0
    } else {
        p.band.min
    };
    let target = p.band.min + rng.next_f64() * (top - p.band.min).max(0.0);
    let mut assign = vec![usize::MAX; n];
    let mut gpop: Vec<f64> = Vec::new();
    let mut order: Vec<usize> = (0..n).collect();
    shuffle(rng, &mut order);
    let mut enclaves = Vec::new();
    for &s in &order {
        if assign[s] != usize::MAX {
            continue;
        }
        let g = gpop.len();
        let mut members = vec![s];
        let mut pop = p.pop[s];
        assign[s] = g;
        while pop < target {
            let mut frontier: Vec<usize> = members
                .iter()
                .flat_map(|&i| growth_neighbours(adj, n, i))
                .filter(|&j| assign[j] == usize::MAX && pop + p.pop[j] <= p.band.max)
                .collect();
            frontier.sort_unstable();
            frontier.dedup();
            if frontier.is_empty() {
                break;
            }
            let j = frontier[below(rng, frontier.len())];
            assign[j] = g;
            pop += p.pop[j];
            members.push(j);
        }
        if pop >= target {
            gpop.push(pop);
        } else {
            for &m in &members {
                assign[m] = usize::MAX;
            }
            enclaves.extend(members);
        }
    }
    // Enclaves join the smallest adjacent group, repeatedly; any left (no group reachable)
    // form groups of their own.
    loop {
        let mut changed = false;
        for &e in &enclaves {
            if assign[e] != usize::MAX {
                continue;
            }
            let best = growth_neighbours(adj, n, e)
                .into_iter()
                .filter(|&j| assign[j] != usize::MAX)
                .map(|j| assign[j])
                .min_by(|&a, &b| gpop[a].total_cmp(&gpop[b]));
            if let Some(g) = best {
                assign[e] = g;
                gpop[g] += p.pop[e];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for &e in &enclaves {
        if assign[e] == usize::MAX {
            let g = gpop.len();
            gpop.push(0.0);
            for c in components(n, adj) {
                if c.contains(&e) {
                    for x in c {
                        if assign[x] == usize::MAX {
                            assign[x] = g;
                            gpop[g] += p.pop[x];
                        }
                    }
                }
            }
        }
    }
    assign
}

/// Searches for the best feasible assignment (see the module documentation). `seed`
/// makes it deterministic. `None` when no feasible assignment was found (or the search
/// was cancelled before one was).
pub fn search(
    p: &Problem,
    f: &dyn Fn(&[usize]) -> f64,
    seed: u64,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Found> {
    search_with(p, &mut Whole::new(f), seed, progress)
}

/// [`search`] with an objective that prices single moves itself ([`Objective`]): each
/// trial move costs one [`Objective::delta`] instead of a full evaluation.
pub fn search_with(
    p: &Problem,
    obj: &mut dyn Objective,
    seed: u64,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Found> {
    let n = p.pop.len();
    if n == 0 {
        return None;
    }
    let mut rng = SplitMix::new(seed);
    // Budget: more starts and rounds for small maps, fewer for large ones.
    let starts = (400 / n).clamp(3, 12);
    let rounds = (600 / n).clamp(2, 20);
    let mut best: Option<Found> = None;
    let total_steps = (starts * (rounds + 1)) as f64;
    let mut step = 0usize;
    let mut cancelled = false;
    let offer = |st: &State, best: &mut Option<Found>| {
        if st.feasible() {
            let value = st.obj.value(&st.assign);
            if best.as_ref().is_none_or(|b| value > b.value + 1e-12) {
                *best = Some(Found {
                    assign: canonical(&st.assign),
                    value,
                    complete: true,
                });
            }
        }
    };
    'starts: for _ in 0..starts {
        let start = match p.band.groups {
            Some(k) => match grow_k(p, k, &mut rng) {
                Some(a) => a,
                None => break,
            },
            None => grow_maxp(p, &mut rng),
        };
        let mut st = State::new(p, &mut *obj, start);
        let mut tick = || progress(step as f64 / total_steps);
        let Some(mut cur) = st.climb(&mut rng, &mut tick) else {
            cancelled = true;
            break;
        };
        step += 1;
        offer(&st, &mut best);
        let mut kept = st.assign.clone();
        for _ in 0..rounds {
            st.perturb(&mut rng, (n / 10).max(2));
            let mut tick = || progress(step as f64 / total_steps);
            let Some(v) = st.climb(&mut rng, &mut tick) else {
                cancelled = true;
                break 'starts;
            };
            step += 1;
            if v > cur + 1e-12 {
                cur = v;
                kept = st.assign.clone();
                offer(&st, &mut best);
            } else {
                st.restart(kept.clone());
            }
        }
    }
    if let Some(b) = &mut best {
        b.complete = !cancelled;
    }
    best
}

/// Every set partition of the areas (restricted growth strings), pruned by the band's
/// maximum and `k`; those meeting the band and contiguity are scored with `f`. Optimal,
/// and `O(Bell(n))`: for small `n` only.
pub fn exhaustive(
    p: &Problem,
    f: &dyn Fn(&[usize]) -> f64,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Found> {
    struct Walk<'w, 'a> {
        p: &'w Problem<'a>,
        f: &'w dyn Fn(&[usize]) -> f64,
        progress: &'w mut dyn FnMut(f64) -> bool,
        assign: Vec<usize>,
        gpop: Vec<f64>,
        leaves: usize,
        cancelled: bool,
        best: Option<Found>,
    }
    impl Walk<'_, '_> {
        fn rec(&mut self, i: usize, used: usize) {
            let n = self.assign.len();
            if self.cancelled {
                return;
            }
            if let Some(k) = self.p.band.groups {
                if used > k || used + (n - i) < k {
                    return;
                }
            }
            if i == n {
                self.leaf(used);
                return;
            }
            for g in 0..=used {
                if g < used && self.gpop[g] + self.p.pop[i] > self.p.band.max {
                    continue;
                }
                if g == used && self.p.pop[i] > self.p.band.max {
                    continue;
                }
                self.assign[i] = g;
                self.gpop[g] += self.p.pop[i];
                self.rec(i + 1, used.max(g + 1));
                self.gpop[g] -= self.p.pop[i];
            }
        }
        fn leaf(&mut self, used: usize) {
            self.leaves += 1;
            if self.leaves.is_multiple_of(4096) && !(self.progress)(0.5) {
                self.cancelled = true;
                return;
            }
            if self.gpop[..used]
                .iter()
                .any(|&x| x < self.p.band.min - 1e-9)
            {
                return;
            }
            if let Some(adj) = self.p.adj.filter(|_| self.p.enforce) {
                for g in 0..used {
                    let members = self.assign.iter().filter(|&&x| x == g).count();
                    let start = self.assign.iter().position(|&x| x == g).unwrap_or(0);
                    if !adj.connected(start as AreaIx, members, |x| self.assign[x as usize] == g) {
                        return;
                    }
                }
            }
            let value = (self.f)(&self.assign);
            if self.best.as_ref().is_none_or(|b| value > b.value + 1e-9) {
                self.best = Some(Found {
                    assign: self.assign.clone(),
                    value,
                    complete: true,
                });
            }
        }
    }
    let n = p.pop.len();
    if n == 0 {
        return None;
    }
    let mut w = Walk {
        p,
        f,
        progress,
        assign: vec![0; n],
        gpop: vec![0.0; n],
        leaves: 0,
        cancelled: false,
        best: None,
    };
    w.rec(0, 0);
    let cancelled = w.cancelled;
    w.best.map(|mut b| {
        b.complete = !cancelled;
        b
    })
}
