//! Which areas touch: adjacency from boundaries and explicit links, and whether a set of
//! areas is contiguous.
//!
//! **Adjacency.** Two areas are neighbours when
//!
//! * their boundaries, projected to British National Grid metres
//!   ([`crate::geography::projected`]), come within [`TOLERANCE_M`] of each other:
//!   `gap(A, B) = min over edges e of A, f of B of dist(e, f) ≤ TOLERANCE_M`; or
//! * either lists the other under `neighbours` in the file (links are symmetric). Links
//!   join islands to the mainland (the Isle of Wight to Portsmouth and Southampton) and
//!   give adjacency to maps without boundaries.
//!
//! The ONS boundaries "clipped and ultra generalised" (BUC) are simplified district by
//! district, so neighbours do not share edges exactly: a tolerance is needed. It was
//! measured on all 296 English districts (see the tests): every pair of districts either
//! comes within a few metres or stays more than [`TOLERANCE_M`] apart.
//!
//! When a map has neither boundaries nor links, adjacency is *unknown*
//! ([`Adjacency::known`] is false): searches then run without contiguity and say so.
//!
//! **Complexity.** Bounding boxes, widened by the tolerance, prune the pairs: `O(n²)`
//! box tests, then for each pair whose boxes meet, `O(e_A·e_B)` edge distances restricted
//! to the edges inside the other area's widened box. About 20 ms for England's 296
//! districts natively. [`Adjacency::is_contiguous`] is a breadth-first search,
//! `O(|S| + edges within S)`.
//!
//! ```
//! use pmap_core::{load, analysis::contiguity::Adjacency};
//! // No boundaries: adjacency comes from the links alone. A–B, B–C; D on its own.
//! let m = load(r#"{"format":"partnership-map","version":1,"areas":[
//!   {"code":"E1","name":"A","neighbours":["E2"]},{"code":"E2","name":"B"},
//!   {"code":"E3","name":"C","neighbours":["E2"]},{"code":"E4","name":"D"}]}"#).unwrap().model;
//! let adj = Adjacency::of(&m);
//! assert!(adj.known());
//! assert_eq!(adj.neighbours(1), &[0, 2]);          // links count both ways
//! assert!(adj.is_contiguous(&[0, 1, 2]));
//! assert!(!adj.is_contiguous(&[0, 2]));            // A and C meet only through B
//! assert!(!adj.is_contiguous(&[2, 3]));
//! ```

use crate::index::{AreaIx, Model};
use geo::{BoundingRect, Distance, Euclidean, Line, MultiPolygon, Rect};
use serde::Serialize;

/// Largest gap, in metres, between two projected boundaries that still counts as touching.
/// Measured on the ONS BUC district boundaries (see the module tests).
pub const TOLERANCE_M: f64 = 100.0;

/// Where adjacency comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Boundaries, and perhaps links.
    Boundaries,
    /// The `neighbours` links alone (the map has no boundaries).
    Links,
    /// Neither: adjacency is unknown.
    Unknown,
}

/// Which areas touch which.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjacency {
    nbrs: Vec<Vec<AreaIx>>,
    basis: Basis,
}

/// An area's boundary edges and bounding box.
type Edges = (Vec<Line<f64>>, Rect<f64>);

/// Every boundary edge of a projected area, with the area's bounding box.
fn edges(m: &MultiPolygon<f64>) -> Option<Edges> {
    let rect = m.bounding_rect()?;
    let lines =
        m.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.lines())
            .collect();
    Some((lines, rect))
}

fn widen(r: Rect<f64>, d: f64) -> Rect<f64> {
    Rect::new(
        (r.min().x - d, r.min().y - d),
        (r.max().x + d, r.max().y + d),
    )
}

fn meets(a: Rect<f64>, b: Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

fn line_meets(l: &Line<f64>, r: Rect<f64>) -> bool {
    meets(Rect::new(l.start, l.end), r)
}

/// The gaps between area boundaries up to `cutoff` metres: `(a, b, gap)` with `a < b`, for
/// every pair whose boundaries come within `cutoff` (0 when they meet or overlap). Areas
/// without a boundary have no gaps.
pub fn boundary_gaps(model: &Model, cutoff: f64) -> Vec<(AreaIx, AreaIx, f64)> {
    let shapes: Vec<Option<Edges>> = crate::geography::projected(model)
        .iter()
        .map(|m| m.as_ref().and_then(edges))
        .collect();
    let mut out = Vec::new();
    for (i, a) in shapes.iter().enumerate() {
        let Some((ea, ra)) = a else { continue };
        for (j, b) in shapes.iter().enumerate().skip(i + 1) {
            let Some((eb, rb)) = b else { continue };
            let (wa, wb) = (widen(*ra, cutoff), widen(*rb, cutoff));
            if !meets(wa, *rb) {
                continue;
            }
            // Only edges near the other area can be within the cutoff of it.
            let near_b: Vec<&Line<f64>> = eb.iter().filter(|l| line_meets(l, wa)).collect();
            let mut best = f64::INFINITY;
            'scan: for la in ea.iter().filter(|l| line_meets(l, wb)) {
                for lb in &near_b {
                    best = best.min(Euclidean.distance(la, *lb));
                    if best == 0.0 {
                        break 'scan;
                    }
                }
            }
            if best <= cutoff {
                out.push((i as AreaIx, j as AreaIx, best));
            }
        }
    }
    out
}

impl Adjacency {
    /// Adjacency of the map's areas from their boundaries (within [`TOLERANCE_M`]) and
    /// their `neighbours` links.
    pub fn of(model: &Model) -> Adjacency {
        Adjacency::with(model, TOLERANCE_M, true)
    }

    /// Adjacency within `tolerance_m` metres, with or without the file's links.
    pub fn with(model: &Model, tolerance_m: f64, links: bool) -> Adjacency {
        let n = model.areas().len();
        let mut nbrs: Vec<Vec<AreaIx>> = vec![Vec::new(); n];
        let has_boundaries = model
            .areas()
            .iter()
            .any(|a| model.file().boundaries.contains_key(&a.code));
        let mut has_links = false;
        if has_boundaries {
            for (a, b, _) in boundary_gaps(model, tolerance_m) {
                nbrs[a as usize].push(b);
                nbrs[b as usize].push(a);
            }
        }
        if links {
            for (i, a) in model.areas().iter().enumerate() {
                for code in &a.neighbours {
                    let Some(j) = model.area_index(code) else {
                        continue;
                    };
                    if j as usize != i {
                        has_links = true;
                        nbrs[i].push(j);
                        nbrs[j as usize].push(i as AreaIx);
                    }
                }
            }
        }
        for v in &mut nbrs {
            v.sort_unstable();
            v.dedup();
        }
        let basis = if has_boundaries {
            Basis::Boundaries
        } else if has_links {
            Basis::Links
        } else {
            Basis::Unknown
        };
        Adjacency { nbrs, basis }
    }

    /// Adjacency given directly as neighbour lists (made symmetric), e.g. for a grid.
    pub fn from_lists(lists: Vec<Vec<AreaIx>>) -> Adjacency {
        let mut nbrs = vec![Vec::new(); lists.len()];
        for (i, l) in lists.iter().enumerate() {
            for &j in l {
                if (j as usize) < nbrs.len() && j as usize != i {
                    nbrs[i].push(j);
                    nbrs[j as usize].push(i as AreaIx);
                }
            }
        }
        for v in &mut nbrs {
            v.sort_unstable();
            v.dedup();
        }
        Adjacency {
            nbrs,
            basis: Basis::Links,
        }
    }

    /// Where the adjacency comes from.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// False when the map has neither boundaries nor links.
    pub fn known(&self) -> bool {
        self.basis != Basis::Unknown
    }

    /// The neighbours of area `a`, sorted.
    pub fn neighbours(&self, a: AreaIx) -> &[AreaIx] {
        self.nbrs.get(a as usize).map_or(&[], Vec::as_slice)
    }

    /// Whether `a` and `b` touch.
    pub fn touches(&self, a: AreaIx, b: AreaIx) -> bool {
        self.neighbours(a).binary_search(&b).is_ok()
    }

    /// Whether the `size` areas for which `member` is true are all reached from `start`
    /// by steps between touching members (breadth-first search).
    pub fn connected(&self, start: AreaIx, size: usize, member: impl Fn(AreaIx) -> bool) -> bool {
        let mut seen = vec![false; self.nbrs.len().max(start as usize + 1)];
        seen[start as usize] = true;
        let mut queue = vec![start];
        let mut next = 0;
        while next < queue.len() {
            let x = queue[next];
            next += 1;
            for &y in self.neighbours(x) {
                if !seen[y as usize] && member(y) {
                    seen[y as usize] = true;
                    queue.push(y);
                }
            }
        }
        queue.len() >= size
    }

    /// Whether the set of areas is contiguous (one piece). Empty and one-area sets are.
    pub fn is_contiguous(&self, set: &[AreaIx]) -> bool {
        let mut s = set.to_vec();
        s.sort_unstable();
        s.dedup();
        match s.first() {
            None => true,
            Some(&first) => self.connected(first, s.len(), |x| s.binary_search(&x).is_ok()),
        }
    }

    /// [`Adjacency::is_contiguous`], or `None` when adjacency is unknown.
    pub fn contiguity(&self, set: &[AreaIx]) -> Option<bool> {
        self.known().then(|| self.is_contiguous(set))
    }

    /// The adjacency among `areas` alone, renumbered `0..areas.len()` in their order.
    pub fn restrict(&self, areas: &[AreaIx]) -> Adjacency {
        let pos: std::collections::HashMap<AreaIx, AreaIx> = areas
            .iter()
            .enumerate()
            .map(|(i, &a)| (a, i as AreaIx))
            .collect();
        let nbrs = areas
            .iter()
            .map(|&a| {
                let mut v: Vec<AreaIx> = self
                    .neighbours(a)
                    .iter()
                    .filter_map(|b| pos.get(b).copied())
                    .collect();
                v.sort_unstable();
                v
            })
            .collect();
        Adjacency {
            nbrs,
            basis: self.basis,
        }
    }
}
