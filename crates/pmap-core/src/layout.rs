//! Network layout: a seeded, deterministic force-directed layout with Barnes–Hut
//! repulsion, so the same file always gives the same picture.
//!
//! Coordinates are in an abstract box `0..width × 0..height` (y grows downwards, as in
//! SVG). The algorithm is Fruchterman–Reingold: every pair of nodes repels with force
//! `k²/d`, linked nodes attract with `d²/k`, a weak pull towards the centre keeps
//! unconnected parts on screen, and a cooling temperature caps each step. Repulsion is
//! approximated with a Barnes–Hut quadtree (a cell whose size/distance is below `theta`
//! acts as one mass), so each iteration is O(n log n + e) instead of O(n²).
//!
//! Only `+ − × ÷` and `sqrt` are used, which IEEE 754 defines exactly, so native and
//! WebAssembly builds produce identical layouts.

/// A position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal, 0 at the left.
    pub x: f64,
    /// Vertical, 0 at the top.
    pub y: f64,
}

/// Settings for [`force_layout`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Seed for the initial positions.
    pub seed: u64,
    /// Number of iterations.
    pub iterations: usize,
    /// Width of the box.
    pub width: f64,
    /// Height of the box.
    pub height: f64,
    /// Barnes–Hut accuracy: 0 is exact, 0.8 is fast and good.
    pub theta: f64,
    /// Empty margin kept around the drawing.
    pub margin: f64,
    /// Nodes closer than this after fitting are pushed apart (0 = off).
    pub min_distance: f64,
    /// How far the drawing may be stretched on one axis to fill the box (1 = keep shape).
    pub max_stretch: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            seed: 7,
            iterations: 300,
            width: 1000.0,
            height: 700.0,
            theta: 0.8,
            margin: 40.0,
            min_distance: 0.0,
            max_stretch: 1.0,
        }
    }
}

/// A tiny deterministic PRNG (SplitMix64): the layout must not depend on a platform RNG.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next value in 0..1.
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    count: usize,
    mx: f64,
    my: f64,
    children: Option<[usize; 4]>,
    body: Option<usize>,
}

struct QuadTree {
    cells: Vec<Cell>,
}

const MAX_DEPTH: usize = 24;

impl QuadTree {
    fn build(pos: &[Point], masses: &[f64]) -> QuadTree {
        let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            minx = minx.min(p.x);
            miny = miny.min(p.y);
            maxx = maxx.max(p.x);
            maxy = maxy.max(p.y);
        }
        let half = ((maxx - minx).max(maxy - miny) / 2.0).max(1.0) + 1.0;
        let mut t = QuadTree {
            cells: vec![Cell {
                cx: (minx + maxx) / 2.0,
                cy: (miny + maxy) / 2.0,
                half,
                mass: 0.0,
                count: 0,
                mx: 0.0,
                my: 0.0,
                children: None,
                body: None,
            }],
        };
        for (i, p) in pos.iter().enumerate() {
            t.insert(0, i, *p, pos, masses, 0);
        }
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        c: usize,
        i: usize,
        p: Point,
        pos: &[Point],
        masses: &[f64],
        depth: usize,
    ) {
        let m = masses.get(i).copied().unwrap_or(1.0);
        {
            let cell = &mut self.cells[c];
            cell.mx = (cell.mx * cell.mass + p.x * m) / (cell.mass + m);
            cell.my = (cell.my * cell.mass + p.y * m) / (cell.mass + m);
            cell.mass += m;
            cell.count += 1;
        }
        if let Some(ch) = self.cells[c].children {
            let q = self.quadrant(c, p);
            self.insert(ch[q], i, p, pos, masses, depth + 1);
            return;
        }
        match self.cells[c].body {
            None if self.cells[c].count <= 1 => self.cells[c].body = Some(i),
            existing => {
                if depth >= MAX_DEPTH {
                    // Coincident points: keep the aggregate mass, stop subdividing.
                    return;
                }
                self.split(c);
                if let Some(j) = existing {
                    self.cells[c].body = None;
                    let pj = pos[j];
                    let q = self.quadrant(c, pj);
                    if let Some(ch) = self.cells[c].children {
                        // Re-add j without double-counting the parent's mass.
                        self.insert(ch[q], j, pj, pos, masses, depth + 1);
                    }
                }
                let q = self.quadrant(c, p);
                if let Some(ch) = self.cells[c].children {
                    self.insert(ch[q], i, p, pos, masses, depth + 1);
                }
            }
        }
    }

    fn split(&mut self, c: usize) {
        let (cx, cy, h) = (self.cells[c].cx, self.cells[c].cy, self.cells[c].half / 2.0);
        let base = self.cells.len();
        for (dx, dy) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)] {
            self.cells.push(Cell {
                cx: cx + dx * h,
                cy: cy + dy * h,
                half: h,
                mass: 0.0,
                count: 0,
                mx: 0.0,
                my: 0.0,
                children: None,
                body: None,
            });
        }
        self.cells[c].children = Some([base, base + 1, base + 2, base + 3]);
    }

    fn quadrant(&self, c: usize, p: Point) -> usize {
        let cell = &self.cells[c];
        usize::from(p.x >= cell.cx) + 2 * usize::from(p.y >= cell.cy)
    }

    /// Repulsive force on point i (mass `mi`) at p.
    fn force(&self, i: usize, p: Point, mi: f64, k2: f64, theta: f64) -> (f64, f64) {
        let mut fx = 0.0;
        let mut fy = 0.0;
        let mut stack = vec![0usize];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0
                || cell.body == Some(i) && cell.children.is_none() && cell.mass <= 1.0
            {
                continue;
            }
            let dx = p.x - cell.mx;
            let dy = p.y - cell.my;
            let d2 = dx * dx + dy * dy;
            let d = d2.sqrt();
            let far = cell.children.is_none() || (2.0 * cell.half) / d.max(1e-9) < theta;
            if far {
                let mut mass = cell.mass;
                if cell.body == Some(i) {
                    mass -= mi;
                }
                if d2 < 1e-6 || mass <= 1e-9 {
                    continue;
                }
                let f = k2 * mi * mass / d2; // (k²·mᵢ·mⱼ/d) along the unit vector (dx/d)
                fx += dx * f;
                fy += dy * f;
            } else if let Some(ch) = cell.children {
                stack.extend_from_slice(&ch);
            }
        }
        (fx, fy)
    }
}

/// Lays out `n` nodes joined by `edges` (pairs of node indices; out-of-range pairs are
/// ignored). Deterministic for a given input and seed.
///
/// ```
/// use pmap_core::layout::{force_layout, LayoutOptions};
/// //  0 ── 1 ── 2
/// let opts = LayoutOptions::default();
/// let a = force_layout(3, &[(0, 1), (1, 2)], &opts);
/// let b = force_layout(3, &[(0, 1), (1, 2)], &opts);
/// assert_eq!(a, b); // same input, same picture
/// assert!(a.iter().all(|p| p.x >= 0.0 && p.x <= opts.width && p.y >= 0.0 && p.y <= opts.height));
/// ```
pub fn force_layout(n: usize, edges: &[(usize, usize)], opts: &LayoutOptions) -> Vec<Point> {
    if n == 0 {
        return Vec::new();
    }
    let mut rng = SplitMix::new(opts.seed);
    let area = opts.width * opts.height;
    let k = (area / n as f64).sqrt() * 0.9;
    let k2 = k * k;
    // Start on a sunflower spiral (even spread), jittered by the seed.
    let golden = 2.399_963_229_728_653;
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = k * (i as f64 + 0.5).sqrt();
            let (s, c) = sin_cos(i as f64 * golden);
            Point {
                x: r * c + (rng.next_f64() - 0.5) * k * 0.1,
                y: r * s + (rng.next_f64() - 0.5) * k * 0.1,
            }
        })
        .collect();
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    // Degree-weighted masses (as in ForceAtlas2): hubs push each other apart harder, so a
    // partnership's members spread round it instead of piling into the middle.
    let mut masses = vec![1.0f64; n];
    for &(a, b) in &edges {
        masses[a] += 1.0;
        masses[b] += 1.0;
    }
    let mut temp = opts.width.max(opts.height) / 8.0;
    let cool = temp / (opts.iterations.max(1) as f64 + 1.0);
    // Constant-strength gravity (also ForceAtlas2): it reels in far-flung chains without
    // crushing the centre, which distance-proportional gravity does.
    let gravity = k * 0.3;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for _ in 0..opts.iterations {
        let tree = QuadTree::build(&pos, &masses);
        for (i, p) in pos.iter().enumerate() {
            disp[i] = tree.force(i, *p, masses[i], k2, opts.theta);
            let d = (p.x * p.x + p.y * p.y).sqrt();
            if d > 1e-9 {
                disp[i].0 -= gravity * masses[i] * p.x / d;
                disp[i].1 -= gravity * masses[i] * p.y / d;
            }
        }
        for &(a, b) in &edges {
            let dx = pos[a].x - pos[b].x;
            let dy = pos[a].y - pos[b].y;
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k; // (d²/k) along the unit vector
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for (p, (dx, dy)) in pos.iter_mut().zip(&disp) {
            let d = (dx * dx + dy * dy).sqrt();
            if d > 0.0 {
                let step = d.min(temp);
                p.x += dx / d * step;
                p.y += dy / d * step;
            }
        }
        temp = (temp - cool).max(1.0);
    }
    fit(&mut pos, opts);
    separate(&mut pos, opts.min_distance, opts);
    pos
}

/// Pushes apart any two points closer than `min` (after fitting), so nodes and their
/// labels do not sit on top of each other, then keeps them inside the box. Pairwise, so
/// O(n²) per pass; it runs a few dozen passes on the few hundred nodes a map has.
pub fn separate(pos: &mut [Point], min: f64, opts: &LayoutOptions) {
    if min <= 0.0 {
        return;
    }
    let n = pos.len();
    for _ in 0..60 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[j].x - pos[i].x;
                let dy = pos[j].y - pos[i].y;
                let d = (dx * dx + dy * dy).sqrt();
                if d < min {
                    moved = true;
                    // Coincident points split along a fixed diagonal: deterministic.
                    let (ux, uy) = if d > 1e-9 {
                        (dx / d, dy / d)
                    } else {
                        (0.6, 0.8)
                    };
                    let push = (min - d) / 2.0;
                    pos[i].x -= ux * push;
                    pos[i].y -= uy * push;
                    pos[j].x += ux * push;
                    pos[j].y += uy * push;
                }
            }
        }
        for p in pos.iter_mut() {
            p.x = p.x.clamp(opts.margin, opts.width - opts.margin);
            p.y = p.y.clamp(opts.margin, opts.height - opts.margin);
        }
        if !moved {
            break;
        }
    }
}

/// Scales and centres points into the box, keeping the aspect ratio.
pub fn fit(pos: &mut [Point], opts: &LayoutOptions) {
    if pos.is_empty() {
        return;
    }
    let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in pos.iter() {
        minx = minx.min(p.x);
        miny = miny.min(p.y);
        maxx = maxx.max(p.x);
        maxy = maxy.max(p.y);
    }
    let w = (maxx - minx).max(1e-9);
    let h = (maxy - miny).max(1e-9);
    let avail_w = (opts.width - 2.0 * opts.margin).max(1.0);
    let avail_h = (opts.height - 2.0 * opts.margin).max(1.0);
    let s = (avail_w / w).min(avail_h / h);
    // Stretch the shorter axis towards filling the box, by at most `max_stretch`.
    let stretch = opts.max_stretch.max(1.0);
    let sx = (avail_w / w).min(s * stretch);
    let sy = (avail_h / h).min(s * stretch);
    let ox = opts.margin + (avail_w - w * sx) / 2.0;
    let oy = opts.margin + (avail_h - h * sy) / 2.0;
    for p in pos.iter_mut() {
        p.x = if pos_len_one(w) {
            opts.width / 2.0
        } else {
            ox + (p.x - minx) * sx
        };
        p.y = if pos_len_one(h) {
            opts.height / 2.0
        } else {
            oy + (p.y - miny) * sy
        };
    }
}

fn pos_len_one(extent: f64) -> bool {
    extent <= 1e-9
}

/// sin and cos from a Taylor series after range reduction: deterministic across
/// platforms, unlike the libm functions. Accurate to about 1e-12, plenty for a layout.
fn sin_cos(x: f64) -> (f64, f64) {
    let tau = std::f64::consts::TAU;
    let mut r = x - (x / tau).floor() * tau; // 0..2π
    if r > std::f64::consts::PI {
        r -= tau;
    }
    let (mut s, mut c) = (0.0, 0.0);
    let (mut ts, mut tc) = (r, 1.0);
    for n in 0..12 {
        s += ts;
        c += tc;
        let a = (2 * n + 2) as f64;
        ts *= -r * r / (a * (a + 1.0));
        tc *= -r * r / ((a - 1.0) * a);
    }
    (s, c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sin_cos_matches_std() {
        for i in 0..100 {
            let x = i as f64 * 0.37 - 10.0;
            let (s, c) = sin_cos(x);
            assert!((s - x.sin()).abs() < 1e-9, "sin({x})");
            assert!((c - x.cos()).abs() < 1e-9, "cos({x})");
        }
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked() {
        // Two triangles joined by nothing: within-triangle distances should be shorter
        // than distances across.
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)];
        let p = force_layout(6, &edges, &LayoutOptions::default());
        let d = |a: usize, b: usize| ((p[a].x - p[b].x).powi(2) + (p[a].y - p[b].y).powi(2)).sqrt();
        let within = (d(0, 1) + d(1, 2) + d(3, 4)) / 3.0;
        let across = (d(0, 3) + d(1, 4) + d(2, 5)) / 3.0;
        assert!(within < across, "within {within} across {across}");
    }

    #[test]
    fn barnes_hut_close_to_exact() {
        let n = 60;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i, i / 3)).collect();
        let exact = force_layout(
            n,
            &edges,
            &LayoutOptions {
                theta: 0.0,
                ..LayoutOptions::default()
            },
        );
        let approx = force_layout(n, &edges, &LayoutOptions::default());
        // Not identical, but the overall spread should be similar.
        let spread = |p: &[Point]| {
            p.iter().map(|q| q.x).fold(f64::MIN, f64::max)
                - p.iter().map(|q| q.x).fold(f64::MAX, f64::min)
        };
        let ratio = spread(&approx) / spread(&exact);
        assert!((0.5..2.0).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn coincident_points_do_not_hang() {
        let pos = vec![Point { x: 1.0, y: 1.0 }; 50];
        let t = QuadTree::build(&pos, &[1.0; 50]);
        let (fx, fy) = t.force(0, pos[0], 1.0, 1.0, 0.8);
        assert!(fx.is_finite() && fy.is_finite());
    }
}
