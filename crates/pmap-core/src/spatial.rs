//! A uniform grid over points, for hit-testing large pictures: which node is under the
//! pointer, without looking at every node.
//!
//! The bounding box of the points is cut into square cells of side `c`; each point is filed
//! under the cell `(⌊(x − x₀)/c⌋, ⌊(y − y₀)/c⌋)`. The cells are stored compressed (a
//! counting sort: `start[k]..start[k+1]` indexes the points of cell `k`), so building is
//! O(n) time and O(n + cells) memory, with no allocation per cell. The number of cells is
//! capped at about `4n`, so a cell size far smaller than the spacing cannot blow up memory.
//!
//! A query for the nearest point within radius `r` of `(x, y)` looks only at the cells the
//! square `[x − r, x + r] × [y − r, y + r]` touches: ⌈2r/c + 1⌉² cells, and the points in
//! them. With the cell size near the typical spacing (see [`Grid::cell_for`]) and `r` a few
//! cells, that is O(1) on average, and O(n) only when every point sits in one spot.
//!
//! ```
//! use pmap_core::spatial::Grid;
//! let pts = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
//! let g = Grid::new(&pts, 5.0);
//! assert_eq!(g.nearest(9.0, 1.0, 3.0), Some(1));
//! assert_eq!(g.nearest(5.0, 5.0, 3.0), None); // nothing within 3
//! assert_eq!(g.nearest(5.0, 5.0, 8.0), Some(0)); // ties go to the lowest index
//! ```

/// Points filed by grid cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    x0: f64,
    y0: f64,
    cell: f64,
    cols: usize,
    rows: usize,
    /// `start[k]..start[k + 1]` are cell `k`'s entries in `items`.
    start: Vec<u32>,
    /// Point indices, grouped by cell.
    items: Vec<u32>,
    /// The points, as given.
    points: Vec<(f64, f64)>,
}

impl Grid {
    /// Files `points` in cells of side `cell` (at least a millionth of the box's side, and
    /// large enough that there are at most about `4n + 1` cells). Points that are not
    /// finite are left out.
    pub fn new(points: &[(f64, f64)], cell: f64) -> Grid {
        let finite = |p: &&(f64, f64)| p.0.is_finite() && p.1.is_finite();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in points.iter().filter(finite) {
            x0 = x0.min(p.0);
            y0 = y0.min(p.1);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
        }
        if x0 > x1 {
            (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        let most = (4 * points.len() + 1) as f64;
        let mut cell = if cell.is_finite() && cell > 0.0 {
            cell
        } else {
            1.0
        };
        cell = cell.max(w.max(h) * 1e-6).max(f64::MIN_POSITIVE);
        // Grow the cell until the grid has at most `most` cells.
        while ((w / cell).floor() + 1.0) * ((h / cell).floor() + 1.0) > most {
            cell *= 1.5;
        }
        let cols = (w / cell) as usize + 1;
        let rows = (h / cell) as usize + 1;
        let mut g = Grid {
            x0,
            y0,
            cell,
            cols,
            rows,
            start: vec![0; cols * rows + 1],
            items: Vec::new(),
            points: points.to_vec(),
        };
        let cells: Vec<Option<usize>> = points
            .iter()
            .map(|p| finite(&p).then(|| g.cell_of(p.0, p.1)))
            .collect();
        for k in cells.iter().flatten() {
            g.start[k + 1] += 1;
        }
        for k in 1..g.start.len() {
            g.start[k] += g.start[k - 1];
        }
        let mut fill = g.start.clone();
        g.items = vec![0; g.start.last().copied().unwrap_or(0) as usize];
        for (i, k) in cells.iter().enumerate() {
            if let Some(k) = k {
                let at = fill[*k] as usize;
                g.items[at] = i as u32;
                fill[*k] += 1;
            }
        }
        g
    }

    /// A cell size for `n` points spread over a `w`×`h` box: the average spacing
    /// `√(w·h/n)`, so a cell holds about one point.
    ///
    /// ```
    /// assert_eq!(pmap_core::spatial::Grid::cell_for(100.0, 100.0, 100), 10.0);
    /// ```
    pub fn cell_for(w: f64, h: f64, n: usize) -> f64 {
        (w * h / n.max(1) as f64).sqrt().max(1e-9)
    }

    /// How many points were given (including any left out for not being finite).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// True when no points were given.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Point `i`, as given.
    pub fn point(&self, i: usize) -> Option<(f64, f64)> {
        self.points.get(i).copied()
    }

    fn col(&self, x: f64) -> usize {
        (((x - self.x0) / self.cell).floor().max(0.0) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.y0) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
    }

    fn cell_of(&self, x: f64, y: f64) -> usize {
        self.row(y) * self.cols + self.col(x)
    }

    /// The points in the cells that the square of half-side `r` round (x, y) touches (a
    /// superset of those within `r`).
    fn near(&self, x: f64, y: f64, r: f64) -> impl Iterator<Item = usize> + '_ {
        let (c0, c1) = (self.col(x - r), self.col(x + r));
        let (r0, r1) = (self.row(y - r), self.row(y + r));
        (r0..=r1).flat_map(move |row| {
            let a = self.start[row * self.cols + c0] as usize;
            let b = self.start[row * self.cols + c1 + 1] as usize;
            self.items[a..b].iter().map(|&i| i as usize)
        })
    }

    /// The index of the point nearest to (x, y) that is at most `r` away; ties go to the
    /// lowest index. `None` when there is none (or `r` is not a finite number ≥ 0).
    ///
    /// Complexity: O(cells touched + points in them).
    pub fn nearest(&self, x: f64, y: f64, r: f64) -> Option<usize> {
        self.nearest_where(x, y, r, |_| true)
    }

    /// [`Grid::nearest`] among the points for which `allowed` is true (the visible ones,
    /// when filters hide some).
    ///
    /// ```
    /// use pmap_core::spatial::Grid;
    /// let g = Grid::new(&[(0.0, 0.0), (2.0, 0.0)], 1.0);
    /// assert_eq!(g.nearest_where(0.5, 0.0, 5.0, |i| i != 0), Some(1));
    /// ```
    pub fn nearest_where(
        &self,
        x: f64,
        y: f64,
        r: f64,
        allowed: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        if !(r >= 0.0 && r.is_finite() && x.is_finite() && y.is_finite()) {
            return None;
        }
        self.near(x, y, r)
            .filter(|&i| allowed(i))
            .filter_map(|i| {
                let (px, py) = self.points[i];
                let d2 = (px - x) * (px - x) + (py - y) * (py - y);
                (d2 <= r * r).then_some((d2, i))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| i)
    }

    /// Every point within `r` of (x, y), in index order.
    pub fn within(&self, x: f64, y: f64, r: f64) -> Vec<usize> {
        if !(r >= 0.0 && r.is_finite() && x.is_finite() && y.is_finite()) {
            return Vec::new();
        }
        let mut out: Vec<usize> = self
            .near(x, y, r)
            .filter(|&i| {
                let (px, py) = self.points[i];
                (px - x) * (px - x) + (py - y) * (py - y) <= r * r
            })
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(pts: &[(f64, f64)], x: f64, y: f64, r: f64) -> Option<usize> {
        pts.iter()
            .enumerate()
            .map(|(i, p)| ((p.0 - x).powi(2) + (p.1 - y).powi(2), i))
            .filter(|(d, _)| *d <= r * r)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            .map(|(_, i)| i)
    }

    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn matches_brute_force_on_random_points() {
        let mut s = 42;
        let pts: Vec<(f64, f64)> = (0..2000)
            .map(|_| (lcg(&mut s) * 1000.0, lcg(&mut s) * 600.0))
            .collect();
        let g = Grid::new(&pts, Grid::cell_for(1000.0, 600.0, pts.len()));
        for _ in 0..500 {
            let (x, y) = (lcg(&mut s) * 1100.0 - 50.0, lcg(&mut s) * 700.0 - 50.0);
            let r = lcg(&mut s) * 40.0;
            assert_eq!(g.nearest(x, y, r), brute(&pts, x, y, r), "at {x},{y} r {r}");
            let w: Vec<usize> = (0..pts.len())
                .filter(|&i| (pts[i].0 - x).powi(2) + (pts[i].1 - y).powi(2) <= r * r)
                .collect();
            assert_eq!(g.within(x, y, r), w);
        }
    }

    #[test]
    fn empty_degenerate_and_bad_input() {
        let g = Grid::new(&[], 10.0);
        assert!(g.is_empty());
        assert_eq!(g.nearest(0.0, 0.0, 5.0), None);
        // Every point in one spot, a zero cell size, and a point that is not finite.
        let pts = [(3.0, 3.0), (3.0, 3.0), (f64::NAN, 1.0)];
        let g = Grid::new(&pts, 0.0);
        assert_eq!(g.len(), 3);
        assert_eq!(g.nearest(3.0, 3.0, 0.0), Some(0));
        assert_eq!(g.within(3.0, 3.0, 1.0), vec![0, 1]);
        assert_eq!(g.nearest(3.0, 3.0, f64::NAN), None);
        assert_eq!(g.nearest(f64::INFINITY, 3.0, 1.0), None);
    }

    #[test]
    fn tiny_cells_do_not_blow_up_memory() {
        let pts = [(0.0, 0.0), (1e6, 1e6)];
        let g = Grid::new(&pts, 1e-3);
        assert!(g.cols * g.rows <= 4 * pts.len() + 1);
        assert_eq!(g.nearest(1e6, 1e6 - 1.0, 2.0), Some(1));
    }
}
