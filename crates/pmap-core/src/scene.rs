//! The network picture as data: one node per body (with its position from
//! [`crate::layout`]), one edge per linked pair, and short labels. The browser draws this
//! as SVG; keeping it here means the same file gives the same picture everywhere, and it
//! is tested natively.

use crate::index::Model;
use crate::layout::{Layout, LayoutOptions, OverlapGrid, Point};
use crate::model::{LinkKind, Sector};
use serde::Serialize;
use std::collections::HashMap;

/// Width of the scene's coordinate box.
pub const WIDTH: f64 = 900.0;
/// Height of the scene's coordinate box.
pub const HEIGHT: f64 = 640.0;

/// A body as drawn.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeView {
    /// Body index in the model.
    pub index: usize,
    /// Body id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short label drawn beside the node.
    pub label: String,
    /// Sector (for colour).
    pub sector: Sector,
    /// True for partnerships (drawn larger, as rings).
    pub partnership: bool,
    /// True for elected bodies.
    pub elected: bool,
    /// Centre.
    pub x: f64,
    /// Centre.
    pub y: f64,
    /// Radius.
    pub r: f64,
}

/// A linked pair as drawn (several links between the same pair become one edge).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeView {
    /// Index of one end in [`Scene::nodes`].
    pub from: usize,
    /// Index of the other end.
    pub to: usize,
    /// The kinds of link between them, from `from` to `to`.
    pub kinds: Vec<LinkKind>,
    /// For a map that records no links: how the two bodies' areas relate (see
    /// [`geography_edges`]); `None` for a drawn link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
}

/// How two bodies' areas relate, drawn as a line when a map records no links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Geo {
    /// `from` lies inside `to` (or both cover the same people): the smallest body of
    /// another kind that holds it.
    Within,
    /// Their boundaries cross: each holds more than the tolerance of the other's people,
    /// and neither holds the other.
    CutsAcross,
}

/// Service bodies whose crossing boundaries are worth a line of their own.
fn is_service(kind: &crate::model::BodyKind) -> bool {
    use crate::model::BodyKind as K;
    matches!(
        kind,
        K::PoliceForce
            | K::FireAuthority
            | K::Icb
            | K::Probation
            | K::CountyCouncil
            | K::UnitaryCouncil
            | K::CombinedAuthority
    )
}

/// The picture of a map that records no links: who covers what. Each body is joined to the
/// smallest body of another kind that holds it (a district to its county, the county to its
/// police area); service bodies whose boundaries cross are joined by a [`Geo::CutsAcross`]
/// line. "Holds" means at least `1 − t` of the body's people (areas where populations are
/// missing count 1), with `t` the map's sliver tolerance.
///
/// Complexity: O(Σ footprint × k) with k bodies per area, through an area → bodies index.
///
/// ```
/// use pmap_core::scene::{geography_edges, Geo};
/// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000001","name":"A","population":100},{"code":"E07000002","name":"B","population":100},
///     {"code":"E07000003","name":"C","population":100}],
///   "bodies":[{"id":"a","name":"A district","kind":"district_council","covers":["E07000001"]},
///     {"id":"cc","name":"County","kind":"county_council","covers":["E07000001","E07000002"]},
///     {"id":"icb","name":"ICB","kind":"icb","covers":["E07000002"]},
///     {"id":"icb2","name":"ICB 2","kind":"icb","covers":[{"area":"E07000001","share":0.5},"E07000003"]}]}"#).unwrap().model;
/// let e = geography_edges(&m);
/// let has = |f: usize, t: usize, g: Geo| e.iter().any(|x| x.from == f && x.to == t && x.geo == Some(g));
/// assert!(has(0, 1, Geo::Within));      // the district lies inside the county
/// assert!(has(2, 1, Geo::Within));      // so does the first ICB
/// // The second ICB serves half of A (50 people, inside the county) and all of C (outside
/// // it): 50 of its 150 people and 50 of the county's 200 are shared, so the boundaries cross.
/// assert!(has(1, 3, Geo::CutsAcross));
/// ```
pub fn geography_edges(model: &Model) -> Vec<EdgeView> {
    let n = model.bodies().len();
    let t = model.tolerance();
    let w = |x: crate::index::AreaIx| model.population(x).unwrap_or(1.0);
    let size: Vec<f64> = (0..n)
        .map(|i| model.footprint(i).iter().map(|&(x, s)| w(x) * s).sum())
        .collect();
    let mut by_area: HashMap<crate::index::AreaIx, Vec<(usize, f64)>> = HashMap::new();
    for i in 0..n {
        for &(x, s) in model.footprint(i) {
            by_area.entry(x).or_default().push((i, s));
        }
    }
    let kind = |i: usize| model.body(i).map(|b| &b.kind);
    let mut edges = Vec::new();
    for i in 0..n {
        let si = size.get(i).copied().unwrap_or(0.0);
        if si <= 0.0 {
            continue;
        }
        let mut shared: HashMap<usize, f64> = HashMap::new();
        for &(x, s) in model.footprint(i) {
            for &(j, sj) in by_area.get(&x).map_or(&[][..], Vec::as_slice) {
                if j != i && kind(j) != kind(i) {
                    *shared.entry(j).or_insert(0.0) += w(x) * s.min(sj);
                }
            }
        }
        let holds = |j: usize, sh: f64| {
            let sj = size.get(j).copied().unwrap_or(0.0);
            // j holds i: bigger, or the same people (then the lower index holds the other,
            // so a coterminous pair is joined once).
            sh >= (1.0 - t) * si && (sj > si * (1.0 + t) || (sj >= si * (1.0 - t) && j < i))
        };
        let container = shared
            .iter()
            .filter(|&(&j, &sh)| holds(j, sh))
            .min_by(|a, b| {
                let (sa, sb) = (
                    size.get(*a.0).copied().unwrap_or(0.0),
                    size.get(*b.0).copied().unwrap_or(0.0),
                );
                sa.total_cmp(&sb).then(a.0.cmp(b.0))
            })
            .map(|(&j, _)| j);
        if let Some(j) = container {
            edges.push(EdgeView {
                from: i,
                to: j,
                kinds: Vec::new(),
                geo: Some(Geo::Within),
            });
        }
        if kind(i).is_some_and(is_service) {
            let mut crossing: Vec<usize> = shared
                .iter()
                .filter(|&(&j, &sh)| {
                    let sj = size.get(j).copied().unwrap_or(0.0);
                    j > i
                        && kind(j).is_some_and(is_service)
                        && sh > t * si
                        && sh > t * sj
                        && sh < (1.0 - t) * si
                        && sh < (1.0 - t) * sj
                })
                .map(|(&j, _)| j)
                .collect();
            crossing.sort_unstable();
            for j in crossing {
                edges.push(EdgeView {
                    from: i,
                    to: j,
                    kinds: Vec::new(),
                    geo: Some(Geo::CutsAcross),
                });
            }
        }
    }
    edges
}

impl EdgeView {
    /// The most structural kind, which decides how the edge is drawn.
    pub fn main_kind(&self) -> LinkKind {
        let rank = |k: &LinkKind| match k {
            LinkKind::AccountableTo => 0,
            LinkKind::SubGroupOf | LinkKind::ReportsTo => 1,
            LinkKind::Chairs => 2,
            LinkKind::MemberOf => 3,
            _ => 4,
        };
        self.kinds
            .iter()
            .min_by_key(|k| rank(k))
            .copied()
            .unwrap_or(LinkKind::MemberOf)
    }
}

/// Everything needed to draw the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    /// Width of the drawing (its SVG viewBox is `0 0 width height`).
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// One per body, in body order.
    pub nodes: Vec<NodeView>,
    /// One per linked pair.
    pub edges: Vec<EdgeView>,
    /// Neighbours of each node (indices), sorted.
    pub neighbours: Vec<Vec<usize>>,
}

/// The space a node and its label take up around the node's centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelBox {
    /// Extent to the left of the centre.
    pub left: f64,
    /// Extent to the right (the label is drawn on the right).
    pub right: f64,
    /// Extent above.
    pub up: f64,
    /// Extent below.
    pub down: f64,
}

/// Radius of a body's circle: partnerships are drawn larger.
fn node_radius(partnership: bool) -> f64 {
    if partnership {
        13.0
    } else {
        9.0
    }
}

/// Layout iterations for a map of `n` bodies: 400 up to 1,000 bodies, then fewer, down to
/// 100 from 4,000 bodies: an iteration costs O(n log n), and a large map is read by
/// zooming in on parts of it rather than as a whole. `benches/scale.rs` reports the time
/// and [`layout_quality`] at each size.
pub fn iterations_for(n: usize) -> usize {
    (400_000 / n.max(1)).clamp(100, 400)
}

/// Barnes–Hut accuracy for a map of `n` bodies: 0.8 up to 1,000 bodies, 1.0 above (about
/// a quarter less time per iteration on 5,000 bodies).
pub fn theta_for(n: usize) -> f64 {
    if n <= 1_000 {
        0.8
    } else {
        1.0
    }
}

/// Font size of labels, in scene units.
pub const LABEL_SIZE: f64 = 14.0;

/// Approximate width of a label at [`LABEL_SIZE`] in a system sans-serif font.
pub fn label_width(label: &str) -> f64 {
    let em: f64 = label
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'm' | 'w' => 0.68,
            ' ' | 'i' | 'l' | ',' | '.' | 'j' | 't' | 'f' | 'r' => 0.3,
            _ => 0.54,
        })
        .sum();
    em * LABEL_SIZE
}

/// Removes overlaps between node+label boxes by pushing each overlapping pair apart along
/// the axis where they overlap least. Deterministic. Overlapping pairs come from a
/// uniform grid ([`OverlapGrid`]), so a pass is O(n) on a spread-out drawing rather than
/// O(n²); at most 400 passes (30 above 200 nodes).
///
/// ```
/// use pmap_core::{layout::Point, scene::{separate_boxes, LabelBox}};
/// // Two 10×10 boxes whose centres are 4 apart horizontally: they overlap by 6 × 10,
/// // so they are pushed apart horizontally until they no longer overlap.
/// let b = LabelBox { left: 5.0, right: 5.0, up: 5.0, down: 5.0 };
/// let mut pos = vec![Point { x: 0.0, y: 0.0 }, Point { x: 4.0, y: 0.0 }];
/// separate_boxes(&mut pos, &[b, b]);
/// assert!(pos[1].x - pos[0].x >= 10.0);
/// assert_eq!((pos[0].y, pos[1].y), (0.0, 0.0));
/// ```
pub fn separate_boxes(pos: &mut [crate::layout::Point], boxes: &[LabelBox]) {
    let n = pos.len().min(boxes.len());
    // On national maps (hundreds of unlinked bodies) a few dozen passes remove nearly all
    // overlaps; small maps get as many as they need.
    let passes = if n > 200 { 30 } else { 400 };
    let mut grid = OverlapGrid::default();
    let mut rects: Vec<[f64; 4]> = Vec::with_capacity(n);
    for _ in 0..passes {
        let mut moved = false;
        rects.clear();
        rects.extend(
            pos.iter()
                .zip(boxes)
                .map(|(p, b)| [p.x - b.left, p.y - b.up, p.x + b.right, p.y + b.down]),
        );
        for &(i, j) in grid.pairs(&rects) {
            let (i, j) = (i as usize, j as usize);
            let (a, b) = (boxes[i], boxes[j]);
            // Positions may have moved earlier in this pass: measure again.
            let ox = (pos[i].x + a.right).min(pos[j].x + b.right)
                - (pos[i].x - a.left).max(pos[j].x - b.left);
            let oy =
                (pos[i].y + a.down).min(pos[j].y + b.down) - (pos[i].y - a.up).max(pos[j].y - b.up);
            if ox <= 0.0 || oy <= 0.0 {
                continue;
            }
            moved = true;
            if oy <= ox {
                let dir = if pos[j].y > pos[i].y || (pos[j].y == pos[i].y && j > i) {
                    1.0
                } else {
                    -1.0
                };
                let push = oy / 2.0 + 0.5;
                pos[i].y -= dir * push;
                pos[j].y += dir * push;
            } else {
                let dir = if pos[j].x > pos[i].x || (pos[j].x == pos[i].x && j > i) {
                    1.0
                } else {
                    -1.0
                };
                let push = ox / 2.0 + 0.5;
                pos[i].x -= dir * push;
                pos[j].x += dir * push;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Moves the drawing so its boxes start at `margin`, and returns the size it needs.
/// How many partnerships' members the network rings, a colour each ([`ring_groups`]).
pub const MAX_RINGS: usize = 6;

/// The partnerships whose members the network rings in colour: not community safety
/// partnerships (there is one per district), those with at least three members, the `max`
/// largest (ties by body order; the network has [`MAX_RINGS`] ring colours). O(P log P + E)
/// for P partnerships.
///
/// ```
/// use pmap_core::{load, scene::ring_groups};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"h","name":"Health","kind":"health_and_wellbeing_board"},
///   {"id":"c","name":"CSP","kind":"community_safety_partnership"},
///   {"id":"s","name":"Small board","kind":"lsp"},
///   {"id":"a","name":"A","kind":"district_council"},{"id":"b","name":"B","kind":"police_force"},
///   {"id":"d","name":"D","kind":"icb"}],
///   "links":[{"from":"a","to":"h","kind":"member_of"},{"from":"b","to":"h","kind":"chairs"},
///            {"from":"d","to":"h","kind":"member_of"},{"from":"a","to":"c","kind":"member_of"},
///            {"from":"b","to":"c","kind":"member_of"},{"from":"d","to":"c","kind":"member_of"},
///            {"from":"a","to":"s","kind":"member_of"},{"from":"b","to":"s","kind":"member_of"}]}"#)
///   .unwrap().model;
/// // The CSP has three members but is left out; the small board has only two.
/// assert_eq!(ring_groups(&m, 6), vec![0]);
/// assert!(ring_groups(&m, 0).is_empty());
/// ```
pub fn ring_groups(model: &Model, max: usize) -> Vec<usize> {
    let mut g: Vec<(usize, usize)> = model
        .partnerships()
        .filter(|&i| {
            model
                .body(i)
                .is_some_and(|b| b.kind != crate::model::BodyKind::CommunitySafetyPartnership)
        })
        .map(|i| (i, model.members(i).len()))
        .filter(|(_, n)| *n >= 3)
        .collect();
    crate::order::sort_by(&mut g, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    g.into_iter().take(max).map(|(i, _)| i).collect()
}

/// The space a body and its (short) label take up.
fn label_box(partnership: bool, label: &str) -> LabelBox {
    let r = node_radius(partnership);
    LabelBox {
        left: r + 4.0,
        right: r + 6.0 + label_width(label),
        up: r.max(9.0) + 3.0,
        down: r.max(9.0) + 3.0,
    }
}

fn frame(pos: &mut [crate::layout::Point], boxes: &[LabelBox], margin: f64) -> (f64, f64) {
    if pos.is_empty() {
        return (WIDTH, HEIGHT);
    }
    let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (p, b) in pos.iter().zip(boxes) {
        minx = minx.min(p.x - b.left);
        miny = miny.min(p.y - b.up);
        maxx = maxx.max(p.x + b.right);
        maxy = maxy.max(p.y + b.down);
    }
    for p in pos.iter_mut() {
        p.x += margin - minx;
        p.y += margin - miny;
    }
    (
        (maxx - minx + 2.0 * margin).ceil(),
        (maxy - miny + 2.0 * margin).ceil(),
    )
}

/// Shortens a body's name for a label: "Rushmoor Borough Council" → "Rushmoor",
/// "North Hampshire Community Safety Partnership" → "North Hampshire CSP".
///
/// ```
/// use pmap_core::scene::short_label;
/// assert_eq!(short_label("NHS Frimley Integrated Care Board"), "NHS Frimley ICB");
/// assert_eq!(short_label("Hart District Council"), "Hart");
/// assert_eq!(short_label("Hampshire County Council"), "Hampshire CC");
/// ```
/// [`short_name`] cut to 28 characters, for labels beside nodes.
pub fn short_label(name: &str) -> String {
    crate::diagnostic::shorten(&short_name(name), 28)
}

/// A body's name with the common long endings abbreviated (no length limit).
pub fn short_name(name: &str) -> String {
    const SUFFIXES: [(&str, &str); 9] = [
        (" District Council", ""),
        (" Borough Council", ""),
        (" City Council", ""),
        (" County Council", " CC"),
        (" Council", ""),
        (" Integrated Care Board", " ICB"),
        (" Community Safety Partnership", " CSP"),
        (" Fire and Rescue Authority", " Fire"),
        (" Constabulary", " Police"),
    ];
    let mut s = name.to_string();
    for (long, short) in SUFFIXES {
        if let Some(stripped) = s.strip_suffix(long) {
            s = format!("{stripped}{short}");
            break;
        }
    }
    s.replace("Police and Crime Commissioner for", "PCC,")
        .replace("Hampshire and Isle of Wight", "HIOW")
        .replace("Hampshire and the Isle of Wight", "HIOW")
}

/// A layout to run away from the model (in a Web Worker): see [`Scene::layout_job`].
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutJob {
    /// Number of bodies.
    pub n: usize,
    /// Linked pairs of bodies (indices).
    pub edges: Vec<(u32, u32)>,
    /// The options [`Scene::build`] would use.
    pub options: LayoutOptions,
    /// Where each body was last drawn, when the map was drawn before.
    pub start: Option<Vec<Option<Point>>>,
    /// The space each body and its label take up, in body order: [`LayoutJob::finish`]
    /// moves labels apart where the worker runs, not on the page.
    pub labels: Vec<LabelBox>,
}

impl LayoutJob {
    /// The layout, not yet run: from the saved positions when there are some, else from
    /// the seeded spiral.
    pub fn start(&self) -> Layout {
        let pairs: Vec<(usize, usize)> = self
            .edges
            .iter()
            .map(|&(a, b)| (a as usize, b as usize))
            .collect();
        match &self.start {
            Some(s) => Layout::from_positions(s, &pairs, &self.options),
            None => Layout::new(self.n, &pairs, &self.options),
        }
    }

    /// Whether [`LayoutJob::finish`] moves labels apart: the job has a label box per body.
    pub fn separates(&self) -> bool {
        self.labels.len() == self.n
    }

    /// The finished positions with overlapping labels moved apart, as the picture wants
    /// them: pass them to [`Scene::moved`] with `separate` false. (The overlap pass is O(n) grid
    /// work, about 200 ms on the page for 20,000 bodies, so a worker does it.)
    pub fn finish(&self, layout: &Layout) -> Vec<Point> {
        let mut pos = layout.finish();
        if self.separates() {
            separate_boxes(&mut pos, &self.labels);
        }
        pos
    }
}

/// From this many bodies on, the network is drawn on a canvas instead of in SVG: below it
/// every body is an SVG element with its own accessible name; above it the SVG's thousands
/// of elements make each pan or zoom frame too slow. Measured in headless Chromium with
/// software rendering (`tests/e2e/bench-canvas.mjs`, see `docs/benchmarks.md`): the SVG's
/// pan/zoom frame p95 is already 50 ms for the 45-body demo, 50–67 ms at 100 bodies and
/// 83 ms from 150, 133 ms at 500; the canvas stays at one frame (17 ms) up to 5,000.
pub const CANVAS_FROM: usize = 150;

/// True when a picture of `n` bodies is drawn on a canvas (see [`CANVAS_FROM`]).
///
/// ```
/// assert!(!pmap_core::scene::use_canvas(100));
/// assert!(pmap_core::scene::use_canvas(20_000));
/// ```
pub fn use_canvas(n: usize) -> bool {
    n >= CANVAS_FROM
}

/// The largest zoom for a picture `width` scene units wide: [`crate::zoom::Zoom::MAX`] for
/// a picture of the usual size (900 units), more for larger ones, so that at the largest
/// zoom a label is as large on screen whatever the size of the map.
///
/// ```
/// use pmap_core::{scene::max_zoom, zoom::Zoom};
/// assert_eq!(max_zoom(900.0), Zoom::MAX);
/// assert_eq!(max_zoom(9000.0), 10.0 * Zoom::MAX);
/// ```
pub fn max_zoom(width: f64) -> f64 {
    crate::zoom::Zoom::MAX * (width / WIDTH).max(1.0)
}

impl Scene {
    /// Lays out the model's bodies and links.
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"},{"from":"b","to":"a","kind":"chairs"}]}"#)
    ///   .unwrap().model;
    /// let s = Scene::build(&m);
    /// assert_eq!(s.nodes.len(), 2);
    /// assert_eq!(s.edges.len(), 1); // two links, one edge
    /// assert_eq!(s.neighbours[0], vec![1]);
    /// ```
    pub fn build(model: &Model) -> Scene {
        let mut layout = Scene::layout(model);
        layout.step(usize::MAX);
        Scene::assemble(model, &layout)
    }

    /// [`Scene::build`] starting from saved positions (one per body, in body order; `None`
    /// for a body without one), e.g. a picture the user has arranged, or the last one
    /// before an edit. See [`Layout::from_positions`].
    pub fn build_from(model: &Model, saved: &[Option<Point>]) -> Scene {
        let n = model.bodies().len();
        let mut job = Scene::layout_job(model, None);
        job.start = Some((0..n).map(|i| saved.get(i).copied().flatten()).collect());
        let mut layout = job.start();
        layout.step(usize::MAX);
        Scene::assemble(model, &layout)
    }

    /// The scene's layout, not yet run: call [`Layout::step`] in chunks (from a worker, or
    /// a few per frame) to show progress, then [`Scene::assemble`].
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"}]}"#).unwrap().model;
    /// let mut layout = Scene::layout(&m);
    /// while layout.step(50) < 1.0 {} // report progress here
    /// assert_eq!(Scene::assemble(&m, &layout), Scene::build(&m));
    /// ```
    pub fn layout(model: &Model) -> Layout {
        let job = Scene::layout_job(model, None);
        job.start()
    }

    /// What a worker needs to lay the model out, with nothing of the model itself: the
    /// number of bodies, the linked pairs, the options, and optionally where each body
    /// was last drawn (by id, from `previous`), so an edited map keeps its picture.
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"}]}"#).unwrap().model;
    /// let job = Scene::layout_job(&m, None);
    /// assert_eq!((job.n, job.edges.clone()), (2, vec![(1, 0)]));
    /// // Run anywhere (a Web Worker), then assembled here: the same picture as build().
    /// let mut layout = job.start();
    /// layout.step(usize::MAX);
    /// assert_eq!(Scene::assemble_points(&m, layout.finish()), Scene::build(&m));
    /// // Or with the labels moved apart in the worker too, onto the picture already shown.
    /// assert_eq!(Scene::spread(&m).moved(job.finish(&layout), false), Scene::build(&m));
    /// ```
    pub fn layout_job(model: &Model, previous: Option<&Scene>) -> LayoutJob {
        let (_, pairs) = Scene::edges(model);
        Scene::job_from(model, &pairs, Scene::label_boxes(model), previous)
    }

    /// [`Scene::layout_job`] from the model's linked pairs and label boxes, worked out once
    /// by the caller (each is an O(n + E) pass with string work per body).
    fn job_from(
        model: &Model,
        pairs: &[(usize, usize)],
        labels: Vec<LabelBox>,
        previous: Option<&Scene>,
    ) -> LayoutJob {
        let start = previous.and_then(|prev| {
            let at: HashMap<&str, Point> = prev
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), Point { x: n.x, y: n.y }))
                .collect();
            let start: Vec<Option<Point>> = model
                .bodies()
                .iter()
                .map(|b| at.get(b.id.as_str()).copied())
                .collect();
            // Only worth keeping when most of the picture is the same map.
            (start.iter().flatten().count() * 2 > start.len()).then_some(start)
        });
        let n = model.bodies().len();
        LayoutJob {
            n,
            edges: pairs.iter().map(|&(a, b)| (a as u32, b as u32)).collect(),
            options: Scene::options(n, &labels),
            start,
            labels,
        }
    }

    /// The scene from a layout of the model (usually finished): fitted to the box, label
    /// overlaps removed, edges and neighbours attached.
    pub fn assemble(model: &Model, layout: &Layout) -> Scene {
        Scene::assemble_points(model, layout.finish())
    }

    /// [`Scene::assemble`] from the finished positions ([`Layout::finish`]), e.g. sent back
    /// by a worker. Bodies without a position are put in the middle.
    pub fn assemble_points(model: &Model, pos: Vec<Point>) -> Scene {
        let boxes = Scene::label_boxes(model);
        Scene::assemble_parts(model, pos, true, Scene::edges(model), &boxes, None)
    }

    /// The picture a large map shows while the worker lays it out: the layout's start
    /// positions, fitted to the box, without removing label overlaps (the canvas draws
    /// labels only where they fit, and the settled picture replaces this one). On 20,000
    /// bodies the overlap pass took about 160 ms of the page's load.
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"}]}"#).unwrap().model;
    /// let s = Scene::spread(&m);
    /// assert_eq!((s.nodes.len(), s.edges.len()), (2, 1));
    /// ```
    pub fn spread(model: &Model) -> Scene {
        let (edges, pairs) = Scene::edges(model);
        // Each body's short label, worked out once for its box and for the picture.
        let labels: Vec<String> = model
            .bodies()
            .iter()
            .map(|b| short_label(&b.name))
            .collect();
        let boxes = model
            .bodies()
            .iter()
            .zip(&labels)
            .map(|(b, l)| label_box(b.kind.is_partnership(), l))
            .collect();
        let job = Scene::job_from(model, &pairs, boxes, None);
        let pos = job.start().finish();
        Scene::assemble_parts(model, pos, false, (edges, pairs), &job.labels, Some(labels))
    }

    /// [`Scene::layout_job`] from a scene already built for the same model (the
    /// [`Scene::spread`] a large map shows first): its edges and labels are reused, so the
    /// O(E) edge pass and the label work per body are not done again (at 20,000 bodies and
    /// 100,000 links they took about 45 ms of the page's time).
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"}]}"#).unwrap().model;
    /// assert_eq!(Scene::spread(&m).job(&m, None), Scene::layout_job(&m, None));
    /// ```
    pub fn job(&self, model: &Model, previous: Option<&Scene>) -> LayoutJob {
        let pairs: Vec<(usize, usize)> = self.edges.iter().map(|e| (e.from, e.to)).collect();
        Scene::job_from(model, &pairs, self.label_boxes_drawn(), previous)
    }

    /// This scene's bodies and edges at new positions from a layout of the same model: what
    /// [`Scene::assemble_points`] would build (`separate`: move overlapping labels apart;
    /// not when [`LayoutJob::finish`] has in a worker), without working the edges, neighbours and labels out again.
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"business"}],
    ///   "links":[{"from":"b","to":"a","kind":"member_of"}]}"#).unwrap().model;
    /// let spread = Scene::spread(&m);
    /// let job = spread.job(&m, None);
    /// let mut layout = job.start();
    /// layout.step(usize::MAX);
    /// assert_eq!(spread.moved(layout.finish(), true), Scene::build(&m));
    /// assert_eq!(spread.moved(job.finish(&layout), false), Scene::build(&m));
    /// ```
    pub fn moved(&self, mut pos: Vec<Point>, separate: bool) -> Scene {
        let boxes = self.label_boxes_drawn();
        if separate {
            separate_boxes(&mut pos, &boxes);
        }
        let (width, height) = frame(&mut pos, &boxes, 24.0);
        let middle = Point {
            x: WIDTH / 2.0,
            y: HEIGHT / 2.0,
        };
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let p = pos.get(i).copied().unwrap_or(middle);
                NodeView {
                    x: p.x,
                    y: p.y,
                    ..n.clone()
                }
            })
            .collect();
        Scene {
            width,
            height,
            nodes,
            edges: self.edges.clone(),
            neighbours: self.neighbours.clone(),
        }
    }

    /// The label boxes of the bodies as drawn (from their short labels).
    fn label_boxes_drawn(&self) -> Vec<LabelBox> {
        self.nodes
            .iter()
            .map(|n| label_box(n.partnership, &n.label))
            .collect()
    }

    fn assemble_parts(
        model: &Model,
        mut pos: Vec<Point>,
        separate: bool,
        (edges, pairs): (Vec<EdgeView>, Vec<(usize, usize)>),
        boxes: &[LabelBox],
        labels: Option<Vec<String>>,
    ) -> Scene {
        let mut labels = labels.map(Vec::into_iter);
        let n = model.bodies().len();
        if separate {
            separate_boxes(&mut pos, boxes);
        }
        let (width, height) = frame(&mut pos, boxes, 24.0);
        let mut neighbours = vec![Vec::new(); n];
        for &(a, b) in &pairs {
            if let (true, true) = (a < n, b < n) {
                neighbours[a].push(b);
                neighbours[b].push(a);
            }
        }
        for v in &mut neighbours {
            v.sort_unstable();
            v.dedup();
        }
        let nodes = model
            .bodies()
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let p = pos.get(i).copied().unwrap_or(Point {
                    x: WIDTH / 2.0,
                    y: HEIGHT / 2.0,
                });
                let partnership = b.kind.is_partnership();
                NodeView {
                    index: i,
                    id: b.id.clone(),
                    name: b.name.clone(),
                    label: labels
                        .as_mut()
                        .and_then(Iterator::next)
                        .unwrap_or_else(|| short_label(&b.name)),
                    sector: b.kind.sector(),
                    partnership,
                    elected: b.elected,
                    x: p.x,
                    y: p.y,
                    r: node_radius(partnership),
                }
            })
            .collect();
        Scene {
            width,
            height,
            nodes,
            edges,
            neighbours,
        }
    }

    /// One edge per linked pair (in order of first appearance), and the pairs as indices.
    /// O(E) with a hash map from pair to edge.
    fn edges(model: &Model) -> (Vec<EdgeView>, Vec<(usize, usize)>) {
        let n = model.bodies().len();
        if model.file().links.is_empty() {
            // No links recorded (a map built from the ONS lookups): draw who covers what.
            let edges = geography_edges(model);
            let pairs = edges.iter().map(|e| (e.from, e.to)).collect();
            return (edges, pairs);
        }
        let mut edges: Vec<EdgeView> = Vec::new();
        let mut index: HashMap<(usize, usize), usize> = HashMap::new();
        for i in 0..n {
            for (j, l) in model.links_from(i) {
                let key = (i.min(j), i.max(j));
                if let Some(e) = index.get(&key).and_then(|&e| edges.get_mut(e)) {
                    if !e.kinds.contains(&l.kind) {
                        e.kinds.push(l.kind);
                    }
                } else {
                    index.insert(key, edges.len());
                    edges.push(EdgeView {
                        from: i,
                        to: j,
                        kinds: vec![l.kind],
                        geo: None,
                    });
                }
            }
        }
        let pairs = edges.iter().map(|e| (e.from, e.to)).collect();
        (edges, pairs)
    }

    /// The space each body and its label take up.
    fn label_boxes(model: &Model) -> Vec<LabelBox> {
        model
            .bodies()
            .iter()
            .map(|b| label_box(b.kind.is_partnership(), &short_label(&b.name)))
            .collect()
    }

    /// Layout settings for the scene. Labels run to the right, so the layout gets extra
    /// width before overlaps are removed; otherwise the removal pushes everything into a
    /// tall column. On large maps the box grows with the number of bodies (keeping about
    /// 1.5 label boxes of room per body), so the labels need not be pushed far apart.
    fn options(n: usize, boxes: &[LabelBox]) -> LayoutOptions {
        let base = WIDTH * 1.15 * HEIGHT;
        let room: f64 = boxes
            .iter()
            .map(|b| (b.left + b.right) * (b.up + b.down))
            .sum::<f64>()
            * 1.5;
        let grow = (room / base).max(1.0).sqrt();
        LayoutOptions {
            width: WIDTH * 1.15 * grow,
            height: HEIGHT * grow,
            margin: 50.0,
            iterations: iterations_for(n),
            theta: theta_for(n),
            min_distance: 0.0,
            max_stretch: 2.0,
            ..LayoutOptions::default()
        }
    }

    /// The neighbour of `from` that lies most nearly in direction (dx, dy) (screen axes),
    /// for moving along edges with the arrow keys. `None` when no neighbour is within 80°
    /// of that direction.
    pub fn step(&self, from: usize, dx: f64, dy: f64) -> Option<usize> {
        self.step_among(from, dx, dy, |_| true)
    }

    /// [`Scene::step`], considering only neighbours for which `allowed` is true (the
    /// visible ones, when filters are on).
    pub fn step_among(
        &self,
        from: usize,
        dx: f64,
        dy: f64,
        allowed: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let a = self.nodes.get(from)?;
        self.neighbours
            .get(from)?
            .iter()
            .filter(|&&j| allowed(j))
            .filter_map(|&j| {
                let b = self.nodes.get(j)?;
                let (vx, vy) = (b.x - a.x, b.y - a.y);
                let len = (vx * vx + vy * vy).sqrt().max(1e-9);
                let cos = (vx * dx + vy * dy) / len;
                (cos > 0.17).then_some((j, cos, len))
            })
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.2.total_cmp(&x.2)))
            .map(|(j, _, _)| j)
    }
}

/// Escapes text for XML (element content and attribute values).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders the scene as a standalone SVG document: vector, with a `<title>` and `<desc>`
/// for the whole picture and a `<title>` on every node, so it stays accessible when
/// exported. Colours are inline so it looks the same outside the widget.
///
/// ```
/// use pmap_core::{load, scene::{Scene, to_svg}};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"a","name":"<script>alert(1)</script>","kind":"lsp"}]}"#).unwrap().model;
/// let svg = to_svg(&Scene::build(&m), "Test & map");
/// assert!(svg.contains(">Test &amp; map</title>"));
/// assert!(!svg.contains("<script>"));
/// ```
pub fn to_svg(scene: &Scene, title: &str) -> String {
    use std::fmt::Write;
    let colour = |s: Sector| match s {
        Sector::Council => "#1d70b8",
        Sector::Police => "#003078",
        Sector::Health => "#007f3b",
        Sector::Fire => "#c0392b",
        Sector::Probation => "#6f3c97",
        Sector::Employment => "#8a4600",
        Sector::Voluntary => "#c2185b",
        Sector::Business => "#5c4a1e",
        Sector::Education => "#00796b",
        Sector::Housing => "#795548",
        Sector::Central => "#505a5f",
        Sector::Partnership => "#ffffff",
        Sector::Other => "#6f777b",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"pm-svg-title pm-svg-desc\" font-family=\"system-ui, Arial, sans-serif\">\n<title id=\"pm-svg-title\">{}</title>\n<desc id=\"pm-svg-desc\">Network of {} bodies and {} connections.</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<g stroke=\"#a7adb1\" stroke-width=\"1.2\">\n",
        scene.width,
        scene.height,
        xml_escape(title),
        scene.nodes.len(),
        scene.edges.len()
    );
    for e in &scene.edges {
        if let (Some(a), Some(b)) = (scene.nodes.get(e.from), scene.nodes.get(e.to)) {
            let style = match e.main_kind() {
                LinkKind::AccountableTo => " stroke=\"#0b0c0c\" stroke-dasharray=\"5 3\"",
                LinkKind::SubGroupOf | LinkKind::ReportsTo => {
                    " stroke=\"#0b0c0c\" stroke-width=\"2\""
                }
                _ => "",
            };
            let _ = writeln!(
                out,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"{style}/>",
                a.x, a.y, b.x, b.y
            );
        }
    }
    let _ = writeln!(out, "</g>\n<g font-size=\"{LABEL_SIZE}\">");
    for n in &scene.nodes {
        let (fill, stroke, sw) = if n.partnership {
            ("#ffffff", "#0b0c0c", 3.0)
        } else {
            (colour(n.sector), "#ffffff", 1.5)
        };
        let _ = writeln!(
            out,
            "<g transform=\"translate({:.1} {:.1})\"><title>{}</title><circle r=\"{:.1}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{sw}\"/><text x=\"{:.1}\" y=\"4\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3.5\" fill=\"#0b0c0c\">{}</text></g>",
            n.x,
            n.y,
            xml_escape(&n.name),
            n.r,
            n.r + 3.0,
            xml_escape(&n.label)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The convex hull of points (Andrew's monotone chain, O(n log n)), counter-clockwise in
/// screen coordinates. Fewer than three distinct points give those points.
///
/// ```
/// use pmap_core::{layout::Point, scene::convex_hull};
/// let p = |x, y| Point { x, y };
/// let h = convex_hull(&[p(0., 0.), p(2., 0.), p(1., 1.), p(2., 2.), p(0., 2.)]);
/// assert_eq!(h.len(), 4); // (1,1) is inside
/// ```
pub fn convex_hull(points: &[crate::layout::Point]) -> Vec<crate::layout::Point> {
    let mut p: Vec<crate::layout::Point> = points.to_vec();
    crate::order::sort_by(&mut p, |a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    p.dedup_by(|a, b| (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
    if p.len() < 3 {
        return p;
    }
    let cross = |o: &crate::layout::Point, a: &crate::layout::Point, b: &crate::layout::Point| {
        (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
    };
    let mut lower: Vec<crate::layout::Point> = Vec::new();
    for q in &p {
        while lower.len() >= 2 && cross(&lower[lower.len() - 2], &lower[lower.len() - 1], q) <= 0.0
        {
            lower.pop();
        }
        lower.push(*q);
    }
    let mut upper: Vec<crate::layout::Point> = Vec::new();
    for q in p.iter().rev() {
        while upper.len() >= 2 && cross(&upper[upper.len() - 2], &upper[upper.len() - 1], q) <= 0.0
        {
            upper.pop();
        }
        upper.push(*q);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower
}

/// An SVG path for the hull of `points` grown by `pad` (a rounded outline: each corner is
/// an arc), suitable for a translucent "bubble" round a group.
pub fn hull_path(points: &[crate::layout::Point], pad: f64) -> String {
    use std::fmt::Write;
    let h = convex_hull(points);
    match h.as_slice() {
        [] => String::new(),
        [a] => format!(
            "M{:.1} {:.1}m{:.1} 0a{pad:.1} {pad:.1} 0 1 0 {:.1} 0a{pad:.1} {pad:.1} 0 1 0 {:.1} 0Z",
            a.x,
            a.y,
            -pad,
            2.0 * pad,
            -2.0 * pad
        ),
        _ => {
            // Offset each edge outwards by pad; join consecutive edges with arcs.
            let n = h.len();
            let mut d = String::new();
            for i in 0..n {
                let a = h[i];
                let b = h[(i + 1) % n];
                let (dx, dy) = (b.x - a.x, b.y - a.y);
                let len = (dx * dx + dy * dy).sqrt().max(1e-9);
                // Outward normal for a counter-clockwise hull in y-down screen space.
                let (nx, ny) = (dy / len, -dx / len);
                let (sx, sy) = (a.x + nx * pad, a.y + ny * pad);
                let (ex, ey) = (b.x + nx * pad, b.y + ny * pad);
                if i == 0 {
                    let _ = write!(d, "M{sx:.1} {sy:.1}");
                } else {
                    let _ = write!(d, "A{pad:.1} {pad:.1} 0 0 0 {sx:.1} {sy:.1}");
                }
                let _ = write!(d, "L{ex:.1} {ey:.1}");
            }
            // Close with the arc round the first corner.
            let a = h[0];
            let b = h[1 % n];
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let _ = write!(
                d,
                "A{pad:.1} {pad:.1} 0 0 0 {:.1} {:.1}Z",
                a.x + dy / len * pad,
                a.y - dx / len * pad
            );
            d
        }
    }
}

impl Scene {
    /// The sectors present in the picture, in [`Sector`] order (for the legend and filters).
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene, model::Sector};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"icb"},{"id":"b","name":"B","kind":"lsp"},{"id":"c","name":"C","kind":"icb"}]}"#).unwrap().model;
    /// assert_eq!(Scene::build(&m).sectors(), vec![Sector::Health, Sector::Partnership]);
    /// ```
    pub fn sectors(&self) -> Vec<Sector> {
        let mut present: Vec<Sector> = self.nodes.iter().map(|n| n.sector).collect();
        crate::order::sort(&mut present);
        present.dedup();
        present
    }

    /// Nodes within `depth` steps of `from` (including it), by breadth-first search.
    ///
    /// ```
    /// use pmap_core::{load, scene::Scene};
    /// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
    ///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"lsp"},{"id":"c","name":"C","kind":"lsp"}],
    ///   "links":[{"from":"a","to":"b","kind":"member_of"},{"from":"b","to":"c","kind":"member_of"}]}"#).unwrap().model;
    /// let s = Scene::build(&m);
    /// assert_eq!(s.within(0, 1).len(), 2);
    /// assert_eq!(s.within(0, 2).len(), 3);
    /// ```
    pub fn within(&self, from: usize, depth: usize) -> std::collections::BTreeSet<usize> {
        let mut seen = std::collections::BTreeSet::from([from]);
        let mut frontier = vec![from];
        for _ in 0..depth {
            let mut next = Vec::new();
            for u in frontier {
                for &v in self.neighbours.get(u).map_or(&[][..], Vec::as_slice) {
                    if seen.insert(v) {
                        next.push(v);
                    }
                }
            }
            frontier = next;
        }
        seen
    }

    /// The box (min x, min y, max x, max y) round the given nodes and their labels.
    pub fn bounds(&self, nodes: impl IntoIterator<Item = usize>) -> Option<(f64, f64, f64, f64)> {
        let mut b: Option<(f64, f64, f64, f64)> = None;
        for i in nodes {
            let Some(n) = self.nodes.get(i) else { continue };
            let (l, t, r, bt) = (
                n.x - n.r - 4.0,
                n.y - n.r - 4.0,
                n.x + n.r + 6.0 + label_width(&n.label),
                n.y + n.r + 4.0,
            );
            b = Some(match b {
                None => (l, t, r, bt),
                Some((a, c, d, e)) => (a.min(l), c.min(t), d.max(r), e.max(bt)),
            });
        }
        b
    }
}

/// How readable a drawing is, in two figures that can be compared between layouts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LayoutQuality {
    /// Coefficient of variation of the edge lengths (standard deviation ÷ mean): 0 when
    /// every edge has the same length; force layouts aim low.
    pub edge_length_cv: f64,
    /// Share of the edge pairs checked that cross (pairs sharing a body never cross).
    pub crossing_rate: f64,
    /// Estimated number of crossings: `crossing_rate × E(E − 1)/2` (exact when every pair
    /// was checked).
    pub sampled_crossings: f64,
    /// Pairs checked: every pair up to [`QUALITY_PAIRS`], else that many seeded samples.
    pub pairs_checked: usize,
}

/// Edge pairs [`layout_quality`] checks at most.
pub const QUALITY_PAIRS: usize = 200_000;

/// The spread of edge lengths and the (sampled) number of edge crossings of a scene.
/// O(E + min(E², [`QUALITY_PAIRS`])).
///
/// ```
/// use pmap_core::{load, scene::{layout_quality, Scene}};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"a","name":"A","kind":"lsp"},{"id":"b","name":"B","kind":"lsp"},
///   {"id":"c","name":"C","kind":"lsp"},{"id":"d","name":"D","kind":"lsp"}],
///   "links":[{"from":"a","to":"c","kind":"member_of"},{"from":"b","to":"d","kind":"member_of"}]}"#).unwrap().model;
/// let mut s = Scene::build(&m);
/// // Place them on a unit square's corners a(0,0) b(1,0) c(1,1) d(0,1): the two
/// // diagonals a–c and b–d have equal length and cross once.
/// for (n, (x, y)) in s.nodes.iter_mut().zip([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]) {
///     n.x = x;
///     n.y = y;
/// }
/// let q = layout_quality(&s);
/// assert_eq!(q.edge_length_cv, 0.0);
/// assert_eq!((q.sampled_crossings, q.pairs_checked), (1.0, 1));
/// ```
pub fn layout_quality(scene: &Scene) -> LayoutQuality {
    let seg = |e: &EdgeView| -> Option<(Point, Point)> {
        let a = scene.nodes.get(e.from)?;
        let b = scene.nodes.get(e.to)?;
        Some((Point { x: a.x, y: a.y }, Point { x: b.x, y: b.y }))
    };
    let lengths: Vec<f64> = scene
        .edges
        .iter()
        .filter_map(seg)
        .map(|(a, b)| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt())
        .collect();
    let mean = lengths.iter().sum::<f64>() / lengths.len().max(1) as f64;
    let var = lengths.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / lengths.len().max(1) as f64;
    let edge_length_cv = if mean > 0.0 { var.sqrt() / mean } else { 0.0 };

    let e = scene.edges.len();
    let total = e * e.saturating_sub(1) / 2;
    let crosses = |i: usize, j: usize| -> bool {
        let (Some(x), Some(y)) = (scene.edges.get(i), scene.edges.get(j)) else {
            return false;
        };
        if x.from == y.from || x.from == y.to || x.to == y.from || x.to == y.to {
            return false;
        }
        match (seg(x), seg(y)) {
            (Some((p1, p2)), Some((q1, q2))) => segments_cross(p1, p2, q1, q2),
            _ => false,
        }
    };
    let (mut checked, mut crossing) = (0usize, 0usize);
    if total <= QUALITY_PAIRS {
        for i in 0..e {
            for j in i + 1..e {
                checked += 1;
                crossing += usize::from(crosses(i, j));
            }
        }
    } else {
        let mut rng = crate::layout::SplitMix::new(11);
        while checked < QUALITY_PAIRS {
            let i = ((rng.next_f64() * e as f64) as usize).min(e - 1);
            let j = ((rng.next_f64() * e as f64) as usize).min(e - 1);
            if i == j {
                continue;
            }
            checked += 1;
            crossing += usize::from(crosses(i, j));
        }
    }
    let crossing_rate = crossing as f64 / checked.max(1) as f64;
    LayoutQuality {
        edge_length_cv,
        crossing_rate,
        sampled_crossings: crossing_rate * total as f64,
        pairs_checked: checked,
    }
}

/// True when segments p1–p2 and q1–q2 cross at a point inside both (touching or
/// collinear overlap does not count).
pub(crate) fn segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let orient =
        |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (orient(p1, p2, q1), orient(p1, p2, q2));
    let (d3, d4) = (orient(q1, q2, p1), orient(q1, q2, p2));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}
