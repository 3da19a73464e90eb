//! Network layout: a seeded, deterministic force-directed layout with Barnes–Hut
//! repulsion, so the same file always gives the same picture.
//!
//! Coordinates are in an abstract box `0..width × 0..height` (y grows downwards, as in
//! SVG). The algorithm is Fruchterman–Reingold: every pair of nodes repels with force
//! `k²·mᵢ·mⱼ/d` (masses grow with degree), linked nodes attract with `d²/k`, a weak
//! constant pull towards the centre keeps unconnected parts on screen, and a cooling
//! temperature caps each step. Repulsion is approximated with a Barnes–Hut quadtree (a
//! cell whose size/distance is below `theta` acts as one mass), so each iteration is
//! O(n log n + e) instead of O(n²).
//!
//! [`Layout`] runs it a chunk of iterations at a time over flat f32 arrays and a quadtree
//! rebuilt in place (no allocation per iteration), and can start from saved positions.
//! [`OverlapGrid`] finds overlapping boxes for the separation passes without comparing
//! every pair.
//!
//! Only `+ − × ÷` and `sqrt` are used, which IEEE 754 defines exactly (in f32 as in f64),
//! so native and WebAssembly builds produce identical layouts.
//!
//! This crate is compiled at `opt-level = 3` even in the size-optimised release build
//! (the workspace's `[profile.release.package.pmap-layout]`): the rest of the widget is
//! built for size, but an iteration here runs 100–400 times over every body, and at `z`
//! it was 2.3× slower (5,000 bodies, measured natively and in wasm).
//!
//! No SIMD: the time goes in walking the quadtree, a data-dependent branchy traversal,
//! and in the edge loop's scattered reads and writes; neither maps onto wasm `simd128`
//! lanes without restructuring (sorting bodies into tree order and interacting cell
//! with cell), and lane-wise sums would also change the order of additions.

/// A position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal, 0 at the left.
    pub x: f64,
    /// Vertical, 0 at the top.
    pub y: f64,
}

/// Settings for [`force_layout`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
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

/// A quadtree cell. Children are four consecutive cells starting at `first_child` (0 =
/// a leaf: the root, index 0, is never a child). The bodies in a cell are
/// `order[start..end]`, contiguous because the tree is built by partitioning.
#[derive(Debug, Clone, Copy)]
struct Cell {
    cx: f32,
    cy: f32,
    half: f32,
    mass: f32,
    /// Centre of mass.
    mx: f32,
    my: f32,
    first_child: u32,
    start: u32,
    end: u32,
}

/// Most bodies in a leaf (more only where points coincide, at [`MAX_DEPTH`]).
const LEAF: usize = 8;
const MAX_DEPTH: u32 = 24;

/// A Barnes–Hut quadtree over flat `[x0, y0, x1, y1, …]` positions, with up to [`LEAF`]
/// bodies per leaf. Its buffers are kept between iterations and rebuilt in place, so a
/// layout step allocates nothing once the first one has sized them.
///
/// Forces are computed a leaf at a time (Barnes 1990): the tree is walked once per leaf,
/// not once per body, and a cell counts as far when it is far from every body in the
/// leaf (measured from the leaf's bounding box), so the result is at least as accurate
/// as walking per body with the same `theta`.
#[derive(Debug, Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Body indices in tree order.
    order: Vec<u32>,
    /// Positions, masses and accumulated forces in tree order (contiguous per leaf).
    px: Vec<f32>,
    py: Vec<f32>,
    pm: Vec<f32>,
    fx: Vec<f32>,
    fy: Vec<f32>,
    scratch: Vec<u32>,
    work: Vec<(u32, u32)>,
    stack: Vec<u32>,
}

impl QuadTree {
    fn rebuild(&mut self, pos: &[f32], masses: &[f32]) {
        let n = masses.len().min(pos.len() / 2);
        let (mut minx, mut miny, mut maxx, mut maxy) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in pos.chunks_exact(2).take(n) {
            minx = minx.min(p[0]);
            miny = miny.min(p[1]);
            maxx = maxx.max(p[0]);
            maxy = maxy.max(p[1]);
        }
        let half = ((maxx - minx).max(maxy - miny) / 2.0).max(1.0) + 1.0;
        self.order.clear();
        self.order.extend(0..n as u32);
        self.cells.clear();
        self.cells.push(Cell {
            cx: (minx + maxx) / 2.0,
            cy: (miny + maxy) / 2.0,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            first_child: 0,
            start: 0,
            end: n as u32,
        });
        // Split cells with more than LEAF bodies, partitioning their run of `order` into
        // the four quadrants (a counting sort), without recursion.
        self.work.clear();
        self.work.push((0, 0));
        while let Some((c, depth)) = self.work.pop() {
            let cell = self.cells[c as usize];
            let (s, e) = (cell.start as usize, cell.end as usize);
            if e - s <= LEAF || depth >= MAX_DEPTH {
                continue;
            }
            let quadrant = |i: u32| {
                let (x, y) = (pos[2 * i as usize], pos[2 * i as usize + 1]);
                usize::from(x >= cell.cx) + 2 * usize::from(y >= cell.cy)
            };
            let mut counts = [0usize; 4];
            for &i in &self.order[s..e] {
                counts[quadrant(i)] += 1;
            }
            let mut next = [s, s + counts[0], s + counts[0] + counts[1], 0];
            next[3] = next[2] + counts[2];
            let bounds = next;
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.order[s..e]);
            for &i in &self.scratch {
                let q = quadrant(i);
                self.order[next[q]] = i;
                next[q] += 1;
            }
            let first = self.cells.len() as u32;
            let h = cell.half / 2.0;
            for (q, (dx, dy)) in [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0)]
                .into_iter()
                .enumerate()
            {
                self.cells.push(Cell {
                    cx: cell.cx + dx * h,
                    cy: cell.cy + dy * h,
                    half: h,
                    mass: 0.0,
                    mx: 0.0,
                    my: 0.0,
                    first_child: 0,
                    start: bounds[q] as u32,
                    end: (bounds[q] + counts[q]) as u32,
                });
                self.work.push((first + q as u32, depth + 1));
            }
            self.cells[c as usize].first_child = first;
        }
        // Bodies in tree order.
        self.px.clear();
        self.py.clear();
        self.pm.clear();
        for &i in &self.order {
            let i = i as usize;
            self.px.push(pos[2 * i]);
            self.py.push(pos[2 * i + 1]);
            self.pm.push(masses[i]);
        }
        // Masses and centres, children before parents (children have higher indices).
        for c in (0..self.cells.len()).rev() {
            let cell = self.cells[c];
            let (mut m, mut sx, mut sy) = (0.0f32, 0.0f32, 0.0f32);
            if cell.first_child == 0 {
                for b in cell.start as usize..cell.end as usize {
                    m += self.pm[b];
                    sx += self.pm[b] * self.px[b];
                    sy += self.pm[b] * self.py[b];
                }
            } else {
                for ch in &self.cells[cell.first_child as usize..cell.first_child as usize + 4] {
                    m += ch.mass;
                    sx += ch.mass * ch.mx;
                    sy += ch.mass * ch.my;
                }
            }
            let cell = &mut self.cells[c];
            cell.mass = m;
            if m > 0.0 {
                cell.mx = sx / m;
                cell.my = sy / m;
            }
        }
    }

    /// Repulsion `k²·mᵢ·mⱼ/d` on every body, written to `out` as `[fx0, fy0, fx1, …]`
    /// (overwriting). A cell whose size is below `theta` times its distance from a leaf
    /// acts on the leaf's bodies as one mass. No square root: the force along the unit
    /// vector is `(dx, dy)·k²·mᵢ·mⱼ/d²`.
    fn repulsion(&mut self, k2: f32, theta2: f32, out: &mut [f32]) {
        let n = self.px.len();
        self.fx.clear();
        self.fx.resize(n, 0.0);
        self.fy.clear();
        self.fy.resize(n, 0.0);
        for leaf in 0..self.cells.len() {
            let l = self.cells[leaf];
            if l.first_child != 0 || l.start == l.end {
                continue;
            }
            let (ls, le) = (l.start as usize, l.end as usize);
            let (mut minx, mut miny, mut maxx, mut maxy) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for b in ls..le {
                minx = minx.min(self.px[b]);
                maxx = maxx.max(self.px[b]);
                miny = miny.min(self.py[b]);
                maxy = maxy.max(self.py[b]);
            }
            // The leaf's bodies, and its forces, as slices: no bounds checks in the loops.
            let (lx, ly, lm) = (&self.px[ls..le], &self.py[ls..le], &self.pm[ls..le]);
            let (lfx, lfy) = (&mut self.fx[ls..le], &mut self.fy[ls..le]);
            self.stack.clear();
            self.stack.push(0);
            while let Some(c) = self.stack.pop() {
                let cell = self.cells[c as usize];
                if cell.mass == 0.0 {
                    continue;
                }
                // Distance from the cell's centre of mass to the leaf's box.
                let dx = (minx - cell.mx).max(cell.mx - maxx).max(0.0);
                let dy = (miny - cell.my).max(cell.my - maxy).max(0.0);
                let w = 2.0 * cell.half;
                if w * w < theta2 * (dx * dx + dy * dy) {
                    for b in 0..lx.len() {
                        let ddx = lx[b] - cell.mx;
                        let ddy = ly[b] - cell.my;
                        let f = k2 * lm[b] * cell.mass / (ddx * ddx + ddy * ddy);
                        lfx[b] += ddx * f;
                        lfy[b] += ddy * f;
                    }
                } else if cell.first_child == 0 {
                    let (cs, ce) = (cell.start as usize, cell.end as usize);
                    let (cx, cy, cm) = (&self.px[cs..ce], &self.py[cs..ce], &self.pm[cs..ce]);
                    for b in 0..lx.len() {
                        let (x, y, m) = (lx[b], ly[b], lm[b]);
                        let (mut fx, mut fy) = (0.0f32, 0.0f32);
                        for j in 0..cx.len() {
                            let ddx = x - cx[j];
                            let ddy = y - cy[j];
                            let d2 = ddx * ddx + ddy * ddy;
                            // Itself, and coincident points, exert nothing.
                            if d2 < 1e-6 {
                                continue;
                            }
                            let f = k2 * m * cm[j] / d2;
                            fx += ddx * f;
                            fy += ddy * f;
                        }
                        lfx[b] += fx;
                        lfy[b] += fy;
                    }
                } else {
                    let f = cell.first_child;
                    self.stack.extend_from_slice(&[f, f + 1, f + 2, f + 3]);
                }
            }
        }
        for (t, &i) in self.order.iter().enumerate() {
            let i = i as usize;
            if let Some(o) = out.get_mut(2 * i..2 * i + 2) {
                o[0] = self.fx[t];
                o[1] = self.fy[t];
            }
        }
    }
}

/// A force-directed layout in progress: Fruchterman–Reingold forces with Barnes–Hut
/// repulsion, run a few iterations at a time so a caller (a Web Worker, say) can show
/// progress and stay responsive. Positions are one flat `[x0, y0, x1, y1, …]` array of
/// f32, ready to hand to JavaScript as a `Float32Array`; nothing is allocated per step.
///
/// Arguments: `n` nodes, `edges` as index pairs (out-of-range pairs and self-loops are
/// ignored), [`LayoutOptions`].
/// Complexity: O(n log n + e) per iteration.
///
/// ```
/// use pmap_layout::{Layout, LayoutOptions};
/// //  0 ── 1 ── 2
/// let opts = LayoutOptions { iterations: 50, ..LayoutOptions::default() };
/// let mut a = Layout::new(3, &[(0, 1), (1, 2)], &opts);
/// let mut progress = 0.0;
/// while progress < 1.0 {
///     progress = a.step(10); // e.g. one chunk per animation frame
/// }
/// assert_eq!(a.positions().len(), 6);
/// // Run in one go, the same seed gives the same positions.
/// let mut b = Layout::new(3, &[(0, 1), (1, 2)], &opts);
/// b.step(50);
/// assert_eq!(a.positions(), b.positions());
/// ```
#[derive(Debug)]
pub struct Layout {
    pos: Vec<f32>,
    disp: Vec<f32>,
    masses: Vec<f32>,
    edges: Vec<(u32, u32)>,
    tree: QuadTree,
    k: f32,
    temp: f32,
    cool: f32,
    done: usize,
    opts: LayoutOptions,
}

impl Layout {
    /// A layout starting from a seeded sunflower spiral (an even spread).
    pub fn new(n: usize, edges: &[(usize, usize)], opts: &LayoutOptions) -> Layout {
        let mut l = Self::empty(n, edges, opts);
        let mut rng = SplitMix::new(opts.seed);
        for i in 0..n {
            let (x, y) = l.spiral(i, &mut rng);
            l.pos[2 * i] = x;
            l.pos[2 * i + 1] = y;
        }
        l
    }

    /// A layout starting from saved positions (any coordinates: they are rescaled to the
    /// layout's own). Nodes without one (`None`, e.g. bodies added since) start at the
    /// centre of their placed neighbours, or on the spiral when they have none. It starts
    /// cool, so the picture is refined rather than reshuffled.
    ///
    /// ```
    /// use pmap_layout::{force_layout, Layout, LayoutOptions, Point};
    /// let edges = [(0, 1), (1, 2), (2, 3)];
    /// let opts = LayoutOptions { iterations: 100, ..LayoutOptions::default() };
    /// let saved = force_layout(4, &edges, &opts);
    /// // A fifth body linked to body 3 was added since.
    /// let start: Vec<Option<Point>> = saved.iter().copied().map(Some).chain([None]).collect();
    /// let mut l = Layout::from_positions(&start, &[(0, 1), (1, 2), (2, 3), (3, 4)], &opts);
    /// l.step(100);
    /// let p = l.finish();
    /// // Body 3 stays nearer body 2 than body 0 is: the old picture is kept.
    /// let d = |a: usize, b: usize| ((p[a].x - p[b].x).powi(2) + (p[a].y - p[b].y).powi(2)).sqrt();
    /// assert!(d(2, 3) < d(0, 3));
    /// ```
    pub fn from_positions(
        start: &[Option<Point>],
        edges: &[(usize, usize)],
        opts: &LayoutOptions,
    ) -> Layout {
        let n = start.len();
        if start.iter().all(Option::is_none) {
            return Layout::new(n, edges, opts);
        }
        let mut l = Self::empty(n, edges, opts);
        let mut rng = SplitMix::new(opts.seed);
        // Rescale the saved points into a box of the spiral's extent.
        let placed = || start.iter().flatten();
        let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in placed() {
            minx = minx.min(p.x);
            miny = miny.min(p.y);
            maxx = maxx.max(p.x);
            maxy = maxy.max(p.y);
        }
        let extent = f64::from(l.k) * (n as f64).sqrt() * 2.0;
        let scale = extent / (maxx - minx).max(maxy - miny).max(1e-9);
        let (cx, cy) = ((minx + maxx) / 2.0, (miny + maxy) / 2.0);
        let mut have = vec![false; n];
        for (i, p) in start.iter().enumerate() {
            if let Some(p) = p {
                l.pos[2 * i] = ((p.x - cx) * scale) as f32;
                l.pos[2 * i + 1] = ((p.y - cy) * scale) as f32;
                have[i] = true;
            }
        }
        // Neighbour lists, only when some node needs placing.
        let mut near: Vec<Vec<u32>> = Vec::new();
        if have.iter().any(|h| !h) {
            near = vec![Vec::new(); n];
            for &(a, b) in &l.edges {
                near[a as usize].push(b);
                near[b as usize].push(a);
            }
        }
        for i in 0..n {
            if have[i] {
                continue;
            }
            let (mut sx, mut sy, mut c) = (0.0f32, 0.0f32, 0.0f32);
            for &other in near.get(i).map_or(&[][..], Vec::as_slice) {
                let other = other as usize;
                if have[other] {
                    sx += l.pos[2 * other];
                    sy += l.pos[2 * other + 1];
                    c += 1.0;
                }
            }
            let (jx, jy) = (
                (rng.next_f64() as f32 - 0.5) * l.k,
                (rng.next_f64() as f32 - 0.5) * l.k,
            );
            let (x, y) = if c > 0.0 {
                (sx / c + jx, sy / c + jy)
            } else {
                l.spiral(i, &mut rng)
            };
            l.pos[2 * i] = x;
            l.pos[2 * i + 1] = y;
            have[i] = true;
        }
        // Start at a couple of ideal edge lengths per step, not an eighth of the box.
        l.temp = l.temp.min(2.0 * l.k);
        l.cool = l.temp / (opts.iterations.max(1) as f32 + 1.0);
        l
    }

    fn empty(n: usize, edges: &[(usize, usize)], opts: &LayoutOptions) -> Layout {
        let area = opts.width * opts.height;
        let k = ((area / n.max(1) as f64).sqrt() * 0.9) as f32;
        let edges: Vec<(u32, u32)> = edges
            .iter()
            .copied()
            .filter(|&(a, b)| a < n && b < n && a != b)
            .map(|(a, b)| (a as u32, b as u32))
            .collect();
        // Degree-weighted masses (as in ForceAtlas2): hubs push each other apart harder, so
        // a partnership's members spread round it instead of piling into the middle.
        let mut masses = vec![1.0f32; n];
        for &(a, b) in &edges {
            masses[a as usize] += 1.0;
            masses[b as usize] += 1.0;
        }
        let temp = (opts.width.max(opts.height) / 8.0) as f32;
        Layout {
            pos: vec![0.0; 2 * n],
            disp: vec![0.0; 2 * n],
            masses,
            edges,
            tree: QuadTree::default(),
            k,
            temp,
            cool: temp / (opts.iterations.max(1) as f32 + 1.0),
            done: 0,
            opts: *opts,
        }
    }

    /// Point `i` of a sunflower spiral, jittered by the seed.
    fn spiral(&self, i: usize, rng: &mut SplitMix) -> (f32, f32) {
        let golden = 2.399_963_229_728_653;
        let k = f64::from(self.k);
        let r = k * (i as f64 + 0.5).sqrt();
        let (s, c) = sin_cos(i as f64 * golden);
        (
            (r * c + (rng.next_f64() - 0.5) * k * 0.1) as f32,
            (r * s + (rng.next_f64() - 0.5) * k * 0.1) as f32,
        )
    }

    /// Runs up to `iterations` more iterations (never past [`LayoutOptions::iterations`])
    /// and returns the progress, 0..=1.
    pub fn step(&mut self, iterations: usize) -> f64 {
        let todo = iterations.min(self.opts.iterations.saturating_sub(self.done));
        let n = self.masses.len();
        let k = self.k;
        let k2 = k * k;
        let theta2 = (self.opts.theta * self.opts.theta) as f32;
        // Constant-strength gravity (also ForceAtlas2): it reels in far-flung chains
        // without crushing the centre, which distance-proportional gravity does.
        let gravity = k * 0.3;
        for _ in 0..todo {
            self.tree.rebuild(&self.pos, &self.masses);
            self.tree.repulsion(k2, theta2, &mut self.disp);
            for i in 0..n {
                let (x, y, m) = (self.pos[2 * i], self.pos[2 * i + 1], self.masses[i]);
                let d = (x * x + y * y).sqrt();
                if d > 1e-9 {
                    self.disp[2 * i] -= gravity * m * x / d;
                    self.disp[2 * i + 1] -= gravity * m * y / d;
                }
            }
            for &(a, b) in &self.edges {
                let (a, b) = (a as usize, b as usize);
                let dx = self.pos[2 * a] - self.pos[2 * b];
                let dy = self.pos[2 * a + 1] - self.pos[2 * b + 1];
                let f = (dx * dx + dy * dy).sqrt().max(0.01) / k; // (d²/k) along the unit vector
                self.disp[2 * a] -= dx * f;
                self.disp[2 * a + 1] -= dy * f;
                self.disp[2 * b] += dx * f;
                self.disp[2 * b + 1] += dy * f;
            }
            let temp = self.temp;
            for (p, d) in self.pos.chunks_exact_mut(2).zip(self.disp.chunks_exact(2)) {
                let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
                if len > 0.0 && len.is_finite() {
                    let s = len.min(temp) / len;
                    p[0] += d[0] * s;
                    p[1] += d[1] * s;
                }
            }
            self.temp = (self.temp - self.cool).max(1.0);
            self.done += 1;
        }
        self.progress()
    }

    /// Share of the iterations done, 0..=1.
    pub fn progress(&self) -> f64 {
        if self.opts.iterations == 0 {
            1.0
        } else {
            self.done as f64 / self.opts.iterations as f64
        }
    }

    /// The current positions, `[x0, y0, x1, y1, …]`, in the layout's own coordinates
    /// (centred on 0; not yet fitted to the box).
    pub fn positions(&self) -> &[f32] {
        &self.pos
    }

    /// The positions fitted into the box and separated by `min_distance` (see [`fit`] and
    /// [`separate`]).
    pub fn finish(&self) -> Vec<Point> {
        let mut pos: Vec<Point> = self
            .pos
            .chunks_exact(2)
            .map(|p| Point {
                x: f64::from(p[0]),
                y: f64::from(p[1]),
            })
            .collect();
        let reach = outlier_reach(pos.len());
        rein_in(&mut pos, reach);
        fit(&mut pos, &self.opts);
        separate(&mut pos, self.opts.min_distance, &self.opts);
        pos
    }
}

/// How far from the centre, in median distances, a point may lie before [`rein_in`] pulls
/// it back.
pub const OUTLIER_REACH: f64 = 5.0;

/// The reach [`Layout::finish`] uses for `n` bodies: [`OUTLIER_REACH`] up to 1,000 bodies,
/// where a long chain's tip is part of the picture (3.6 median distances in the Hampshire
/// demo), and 2.5 above, where the few bodies without links that repulsion flings out would
/// otherwise shrink thousands of others into a third of the box (a dense cluster's own edge
/// lies about 1.4–1.7 median distances out).
///
/// ```
/// assert_eq!(pmap_layout::outlier_reach(745), 5.0);
/// assert_eq!(pmap_layout::outlier_reach(5_000), 2.5);
/// ```
pub fn outlier_reach(n: usize) -> f64 {
    if n <= 1_000 {
        OUTLIER_REACH
    } else {
        2.5
    }
}

/// Pulls points further than `reach` × the median distance from the centre (the
/// coordinate-wise median) back to that distance, keeping their direction.
///
/// Why: repulsion grows with degree, so a body with no links is pushed far out by a large
/// connected part, and fitting the drawing to the box would then shrink everything else
/// into a corner of it. In an even spread the farthest point is about 1.4 median
/// distances out, and the tip of a long chain in the Hampshire demo 3.6, so 5
/// leaves ordinary drawings alone. O(n log n).
///
/// ```
/// use pmap_layout::{rein_in, Point};
/// let p = |x, y| Point { x, y };
/// // Four points round the origin at distance 1 and one far out at (100, 0): the
/// // centre is the median point (0, 0), the median distance 1, so the far point is
/// // pulled back to (3, 0).
/// let mut pts = vec![p(1.0, 0.0), p(-1.0, 0.0), p(0.0, 1.0), p(0.0, -1.0), p(0.0, 0.0), p(100.0, 0.0)];
/// rein_in(&mut pts, 3.0);
/// assert_eq!(pts[5], p(3.0, 0.0));
/// assert_eq!(pts[0], p(1.0, 0.0));
/// ```
pub fn rein_in(pos: &mut [Point], reach: f64) {
    if pos.len() < 3 {
        return;
    }
    let median = |mut v: Vec<f64>| {
        let mid = v.len() / 2;
        *v.select_nth_unstable_by(mid, f64::total_cmp).1
    };
    let cx = median(pos.iter().map(|p| p.x).collect());
    let cy = median(pos.iter().map(|p| p.y).collect());
    let dist = |p: &Point| ((p.x - cx).powi(2) + (p.y - cy).powi(2)).sqrt();
    let limit = reach * median(pos.iter().map(dist).collect());
    if limit <= 0.0 {
        return;
    }
    for p in pos.iter_mut() {
        let d = dist(p);
        if d > limit {
            p.x = cx + (p.x - cx) * limit / d;
            p.y = cy + (p.y - cy) * limit / d;
        }
    }
}

/// Lays out `n` nodes joined by `edges` (pairs of node indices; out-of-range pairs are
/// ignored): [`Layout::new`] run to the end, then [`Layout::finish`]. Deterministic for a
/// given input and seed.
///
/// ```
/// use pmap_layout::{force_layout, LayoutOptions};
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
    let mut l = Layout::new(n, edges, opts);
    l.step(opts.iterations);
    l.finish()
}

/// [`force_layout`] starting from saved positions ([`Layout::from_positions`]).
pub fn layout_from(
    start: &[Option<Point>],
    edges: &[(usize, usize)],
    opts: &LayoutOptions,
) -> Vec<Point> {
    if start.is_empty() {
        return Vec::new();
    }
    let mut l = Layout::from_positions(start, edges, opts);
    l.step(opts.iterations);
    l.finish()
}

/// Finds the pairs of axis-aligned boxes that overlap, with a uniform grid: each box is
/// filed under the cells it touches (cells as large as the largest box, so at most four),
/// and only boxes sharing a cell are compared. A pair is reported by the one cell holding
/// the corner of their intersection, so once. The buffers are kept between calls.
///
/// Complexity: O(n + Σ boxes per cell²), O(n) when boxes are spread out, against O(n²)
/// for comparing every pair.
///
/// ```
/// use pmap_layout::OverlapGrid;
/// // Boxes as [min x, min y, max x, max y]: 0 and 1 overlap, 2 is apart, 3 only touches 2.
/// let boxes = [[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 3.0], [10.0, 0.0, 11.0, 1.0], [11.0, 0.0, 12.0, 1.0]];
/// let mut grid = OverlapGrid::default();
/// assert_eq!(grid.pairs(&boxes), &[(0, 1)]);
/// ```
#[derive(Debug, Default)]
pub struct OverlapGrid {
    start: Vec<u32>,
    items: Vec<u32>,
    fill: Vec<u32>,
    pairs: Vec<(u32, u32)>,
}

impl OverlapGrid {
    /// The overlapping pairs `(i, j)`, `i < j`, grouped by grid cell; boxes are `[min x, min y, max x,
    /// max y]`. Boxes that only touch do not overlap.
    pub fn pairs(&mut self, boxes: &[[f64; 4]]) -> &[(u32, u32)] {
        self.pairs.clear();
        let n = boxes.len();
        if n < 2 {
            return &self.pairs;
        }
        let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        let (mut cw, mut ch) = (1e-9f64, 1e-9f64);
        for b in boxes {
            minx = minx.min(b[0]);
            miny = miny.min(b[1]);
            maxx = maxx.max(b[2]);
            maxy = maxy.max(b[3]);
            cw = cw.max(b[2] - b[0]);
            ch = ch.max(b[3] - b[1]);
        }
        if !(minx.is_finite() && miny.is_finite() && maxx.is_finite() && maxy.is_finite()) {
            return &self.pairs;
        }
        // No more cells than about 4n: grow the cells if the boxes are sparse.
        // Offsets from the minimum are never negative, so `as usize` is the floor.
        let mut gx = ((maxx - minx) / cw) as usize + 1;
        let mut gy = ((maxy - miny) / ch) as usize + 1;
        while gx.saturating_mul(gy) > 4 * n + 16 {
            cw *= 2.0;
            ch *= 2.0;
            gx = ((maxx - minx) / cw) as usize + 1;
            gy = ((maxy - miny) / ch) as usize + 1;
        }
        let cell = |x: f64, y: f64| {
            let cx = (((x - minx) / cw) as usize).min(gx - 1);
            let cy = (((y - miny) / ch) as usize).min(gy - 1);
            (cx, cy)
        };
        // Counting sort of (cell, box) memberships.
        self.start.clear();
        self.start.resize(gx * gy + 1, 0);
        for b in boxes {
            let (x0, y0) = cell(b[0], b[1]);
            let (x1, y1) = cell(b[2], b[3]);
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    self.start[cy * gx + cx + 1] += 1;
                }
            }
        }
        for c in 0..gx * gy {
            self.start[c + 1] += self.start[c];
        }
        self.items.clear();
        self.items.resize(self.start[gx * gy] as usize, 0);
        self.fill.clear();
        self.fill.extend_from_slice(&self.start[..gx * gy]);
        for (i, b) in boxes.iter().enumerate() {
            let (x0, y0) = cell(b[0], b[1]);
            let (x1, y1) = cell(b[2], b[3]);
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    let f = &mut self.fill[cy * gx + cx];
                    self.items[*f as usize] = i as u32;
                    *f += 1;
                }
            }
        }
        for c in 0..gx * gy {
            let list = &self.items[self.start[c] as usize..self.start[c + 1] as usize];
            for (k, &i) in list.iter().enumerate() {
                let a = boxes[i as usize];
                for &j in &list[k + 1..] {
                    let b = boxes[j as usize];
                    let (lx, ly) = (a[0].max(b[0]), a[1].max(b[1]));
                    if lx >= a[2].min(b[2]) || ly >= a[3].min(b[3]) {
                        continue;
                    }
                    let (cx, cy) = cell(lx, ly);
                    if cy * gx + cx == c {
                        self.pairs.push((i.min(j), i.max(j)));
                    }
                }
            }
        }
        &self.pairs
    }
}

/// Pushes apart any two points closer than `min` (after fitting), so nodes and their
/// labels do not sit on top of each other, then keeps them inside the box. Candidate pairs
/// come from an [`OverlapGrid`] of `min`-sized squares, so a pass is O(n) on a spread-out
/// drawing; at most 60 passes.
pub fn separate(pos: &mut [Point], min: f64, opts: &LayoutOptions) {
    if min <= 0.0 {
        return;
    }
    let mut grid = OverlapGrid::default();
    let mut boxes: Vec<[f64; 4]> = Vec::with_capacity(pos.len());
    for _ in 0..60 {
        let mut moved = false;
        boxes.clear();
        let h = min / 2.0;
        boxes.extend(pos.iter().map(|p| [p.x - h, p.y - h, p.x + h, p.y + h]));
        for &(i, j) in grid.pairs(&boxes) {
            let (i, j) = (i as usize, j as usize);
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
        let pos = vec![1.0f32; 100];
        let mut t = QuadTree::default();
        t.rebuild(&pos, &[1.0; 50]);
        let mut out = vec![0.0f32; 100];
        t.repulsion(1.0, 0.64, &mut out);
        assert!(out.iter().all(|f| f.is_finite()));
    }

    #[test]
    fn tree_force_with_theta_zero_is_the_exact_sum() {
        // Three bodies of mass 1 at (0,0), (3,0), (0,4); k² = 1. On body 0 the exact
        // repulsion is Σ (dx, dy)/d²: from (3,0): (−3, 0)/9; from (0,4): (0, −4)/16.
        let pos = [0.0f32, 0.0, 3.0, 0.0, 0.0, 4.0];
        let mut t = QuadTree::default();
        t.rebuild(&pos, &[1.0; 3]);
        let mut out = [0.0f32; 6];
        t.repulsion(1.0, 0.0, &mut out);
        assert!((out[0] + 3.0 / 9.0).abs() < 1e-6, "{}", out[0]);
        assert!((out[1] + 4.0 / 16.0).abs() < 1e-6, "{}", out[1]);
    }

    #[test]
    fn barnes_hut_forces_are_close_to_exact_on_many_bodies() {
        // 2,000 seeded points, so the tree has several levels of leaves; θ = 0.8 against
        // θ = 0 (every pair summed exactly, which the test above pins by hand).
        let mut rng = SplitMix::new(4);
        let n = 2_000;
        let pos: Vec<f32> = (0..2 * n)
            .map(|_| (rng.next_f64() * 1000.0) as f32)
            .collect();
        let masses: Vec<f32> = (0..n).map(|i| 1.0 + (i % 4) as f32).collect();
        let mut t = QuadTree::default();
        t.rebuild(&pos, &masses);
        let mut exact = vec![0.0f32; 2 * n];
        t.repulsion(1.0, 0.0, &mut exact);
        let mut approx = vec![0.0f32; 2 * n];
        t.repulsion(1.0, 0.64, &mut approx);
        // Errors relative to the mean force: near the middle of an even spread the forces
        // nearly cancel, so errors relative to each body's own force mean little there.
        let (mut err_sum, mut size_sum, mut worst) = (0.0f32, 0.0f32, 0.0f32);
        for i in 0..n {
            let (ex, ey) = (exact[2 * i], exact[2 * i + 1]);
            let (ax, ay) = (approx[2 * i], approx[2 * i + 1]);
            let err = ((ex - ax).powi(2) + (ey - ay).powi(2)).sqrt();
            err_sum += err;
            worst = worst.max(err);
            size_sum += (ex * ex + ey * ey).sqrt();
        }
        let mean = size_sum / n as f32;
        let (mean_err, worst_err) = (err_sum / n as f32 / mean, worst / mean);
        // Measured: mean 0.4%, worst 2% of the mean force.
        assert!(mean_err < 0.01, "mean error {mean_err}");
        assert!(worst_err < 0.1, "worst error {worst_err}");
    }

    #[test]
    fn saved_positions_are_kept_and_nothing_saved_is_a_fresh_start() {
        let edges: Vec<(usize, usize)> = (1..30).map(|i| (i, i / 2)).collect();
        let opts = LayoutOptions {
            iterations: 40,
            ..LayoutOptions::default()
        };
        let fresh = Layout::new(30, &edges, &opts);
        let none = Layout::from_positions(&[None; 30], &edges, &opts);
        assert_eq!(fresh.positions(), none.positions());
        // Saved points are rescaled (centred on 0), not reshuffled: their order along
        // each axis survives.
        let saved: Vec<Option<Point>> = (0..30)
            .map(|i| {
                Some(Point {
                    x: i as f64 * 10.0,
                    y: (29 - i) as f64,
                })
            })
            .collect();
        let l = Layout::from_positions(&saved, &edges, &opts);
        let p = l.positions();
        assert!((0..29).all(|i| p[2 * i] < p[2 * i + 2] && p[2 * i + 1] > p[2 * i + 3]));
        assert!((p[0] + p[58]).abs() < 1e-3, "centred: {} {}", p[0], p[58]);
    }

    #[test]
    fn stepping_in_chunks_equals_one_run() {
        let edges: Vec<(usize, usize)> = (1..40).map(|i| (i, i / 2)).collect();
        let opts = LayoutOptions {
            iterations: 30,
            ..LayoutOptions::default()
        };
        let mut a = Layout::new(40, &edges, &opts);
        assert_eq!(a.step(7), 7.0 / 30.0);
        a.step(7);
        assert_eq!(a.step(100), 1.0);
        assert_eq!(a.step(5), 1.0); // no further work once done
        let mut b = Layout::new(40, &edges, &opts);
        b.step(30);
        assert_eq!(a.positions(), b.positions());
    }
}
