//! The network on a `<canvas>`, for maps too large for one SVG element per body (see
//! [`pmap_core::scene::CANVAS_FROM`]).
//!
//! The drawing is done by a small JavaScript module (`web/pmap-canvas.js`, a wasm-bindgen
//! snippet): positions and edges cross to it as typed arrays, once per scene or layout
//! change, and the highlight state as one byte per body, so there is no call per shape.
//! Pan and zoom stay in [`crate::state::NetView::zoom`], so the toolbar's buttons, "fit to
//! screen" and centring on a finding work as on the SVG.
//!
//! * Pointer: click selects the nearest body within a few pixels (a
//!   [`pmap_core::spatial::Grid`] lookup); hover highlights; wheel zooms; drag pans;
//!   two-finger pinch zooms.
//! * Keyboard: Tab reaches the canvas; arrow keys move a focus ring along connections and
//!   announce the body (the aria-live region); Enter selects, Escape clears; Shift+arrows
//!   pan; `+` and `-` zoom.
//! * The table below the picture, the search and the directory list every body, paged.

use crate::state::AppState;
use js_sys::{Float32Array, Uint32Array, Uint8Array};
use leptos::prelude::*;
use pmap_core::model::LinkKind;
use pmap_core::scene::{max_zoom, Geo, Scene};
use pmap_core::spatial::Grid;
use pmap_core::zoom::{wheel_factor, Motion, Pointers};
use std::sync::{Arc, Weak};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/web/pmap-canvas.js")]
extern "C" {
    /// The renderer (see `web/pmap-canvas.js` for the arrays' layout).
    pub type PmCanvas;
    #[wasm_bindgen(constructor)]
    fn new(canvas: &web_sys::HtmlCanvasElement) -> PmCanvas;
    #[wasm_bindgen(method)]
    #[allow(clippy::too_many_arguments)]
    fn set_scene(
        this: &PmCanvas,
        w: f64,
        h: f64,
        positions: &Float32Array,
        edges: &Uint32Array,
        edge_kinds: &Uint8Array,
        node_kinds: &Uint8Array,
        radii: &Float32Array,
        labels: &str,
        rings: &Uint8Array,
        ring_colours: &str,
    );
    /// New positions for the same bodies (x, y per body, in body order), e.g. from a
    /// layout still settling: redrawn on the next frame.
    #[wasm_bindgen(method)]
    pub fn set_positions(this: &PmCanvas, positions: &Float32Array);
    /// The same map's bodies at new positions in a frame of `w` × `h`: the scene's edges,
    /// kinds, labels and rings stay as handed over.
    #[wasm_bindgen(method)]
    fn set_frame(this: &PmCanvas, w: f64, h: f64, positions: &Float32Array);
    #[wasm_bindgen(method)]
    fn set_view(this: &PmCanvas, s: f64, x: f64, y: f64);
    #[wasm_bindgen(method)]
    fn set_marks(this: &PmCanvas, marks: &Uint8Array, selected: i32, focused: i32);
    /// The outline round a partnership and its members: an SVG path in scene units ("" for
    /// none).
    #[wasm_bindgen(method)]
    fn set_hull(this: &PmCanvas, d: &str);
    #[wasm_bindgen(method)]
    fn destroy(this: &PmCanvas);
}

/// Sector names in the order `pmap-canvas.js` lists their colours.
const SECTORS: [&str; 13] = [
    "council",
    "police",
    "health",
    "fire",
    "probation",
    "employment",
    "voluntary",
    "business",
    "education",
    "housing",
    "central",
    "partnership",
    "other",
];

/// Mark bits per body, as `pmap-canvas.js` reads them.
const ON: u8 = 1;
const DIM: u8 = 2;
const HIDDEN: u8 = 4;

/// The pointer may miss a body by this many CSS pixels and still pick it.
const HIT_PX: f64 = 10.0;

/// One copy of the positions for JavaScript: x, y per body.
pub fn positions_of(scene: &Scene) -> Float32Array {
    let flat: Vec<f32> = scene
        .nodes
        .iter()
        .flat_map(|n| [n.x as f32, n.y as f32])
        .collect();
    Float32Array::from(&flat[..])
}

/// Positions `[x0, y0, …]` scaled and moved (keeping their shape) so their bounds are the
/// bounds of `scene`'s nodes: a layout's raw positions shown in the scene's frame.
fn fit_to(points: &[f32], scene: &Scene) -> Vec<f32> {
    let bounds = |xy: &mut dyn Iterator<Item = (f64, f64)>| {
        xy.fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, (x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        })
    };
    let (ax0, ay0, ax1, ay1) = bounds(
        &mut points
            .chunks_exact(2)
            .map(|p| (f64::from(p[0]), f64::from(p[1]))),
    );
    let (bx0, by0, bx1, by1) = bounds(&mut scene.nodes.iter().map(|n| (n.x, n.y)));
    let k = ((bx1 - bx0) / (ax1 - ax0).max(1e-9)).min((by1 - by0) / (ay1 - ay0).max(1e-9));
    let k = if k.is_finite() && k > 0.0 { k } else { 1.0 };
    let (cx, cy) = ((ax0 + ax1) / 2.0, (ay0 + ay1) / 2.0);
    let (dx, dy) = ((bx0 + bx1) / 2.0, (by0 + by1) / 2.0);
    points
        .chunks_exact(2)
        .flat_map(|p| {
            [
                ((f64::from(p[0]) - cx) * k + dx) as f32,
                ((f64::from(p[1]) - cy) * k + dy) as f32,
            ]
        })
        .collect()
}

fn edge_kind(e: &pmap_core::scene::EdgeView) -> u8 {
    match e.geo {
        Some(Geo::Within) => 5,
        Some(Geo::CutsAcross) => 6,
        None => match e.main_kind() {
            LinkKind::MemberOf => 0,
            LinkKind::Chairs => 1,
            LinkKind::SubGroupOf | LinkKind::ReportsTo => 2,
            LinkKind::AccountableTo => 3,
            _ => 4,
        },
    }
}

fn hand_over(r: &PmCanvas, snap: &crate::state::Snapshot, scene: &Scene) {
    // Membership rings of the main partnerships, as in the SVG: bit k for group k.
    let mut rings = vec![0u8; scene.nodes.len()];
    let groups = snap.ring_groups();
    for (k, &g) in groups.iter().enumerate() {
        for m in snap.model.members(g) {
            if let Some(b) = rings.get_mut(m) {
                *b |= 1 << k;
            }
        }
    }
    let ring_colours = super::network::RING_COLOURS
        .iter()
        .take(groups.len())
        .copied()
        .collect::<Vec<_>>()
        .join(",");
    let edges: Vec<u32> = scene
        .edges
        .iter()
        .flat_map(|e| [e.from as u32, e.to as u32])
        .collect();
    let edge_kinds: Vec<u8> = scene.edges.iter().map(edge_kind).collect();
    // The sector's index, + 64 for a body with a pooled budget (the £ badge), + 128 for a
    // partnership.
    let in_budget = pmap_core::analysis::budgets::in_budgets(&snap.model);
    let node_kinds: Vec<u8> = scene
        .nodes
        .iter()
        .map(|n| {
            let s = SECTORS
                .iter()
                .position(|s| *s == n.sector.as_str())
                .unwrap_or(SECTORS.len() - 1) as u8;
            let money = in_budget.get(n.index).copied().unwrap_or(false);
            s | if money { 64 } else { 0 } | if n.partnership { 128 } else { 0 }
        })
        .collect();
    let radii: Vec<f32> = scene.nodes.iter().map(|n| n.r as f32).collect();
    let labels = scene
        .nodes
        .iter()
        .map(|n| n.label.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n");
    r.set_scene(
        scene.width,
        scene.height,
        &positions_of(scene),
        &Uint32Array::from(&edges[..]),
        &Uint8Array::from(&edge_kinds[..]),
        &Uint8Array::from(&node_kinds[..]),
        &Float32Array::from(&radii[..]),
        &labels,
        &Uint8Array::from(&rings[..]),
        &ring_colours,
    );
}

/// The canvas network.
#[component]
pub fn NetworkCanvas() -> impl IntoView {
    let st = expect_context::<AppState>();
    let hl = Memo::new(move |_| st.highlight());
    let visible = Memo::new(move |_| st.visible());
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let renderer = StoredValue::new_local(None::<PmCanvas>);
    // The snapshot last handed to the renderer (weak: it keeps the address from reuse).
    let handed = StoredValue::new_local(Weak::<crate::state::Snapshot>::new());
    // Where each body is drawn now (the scene's positions, or a settling layout's), filed
    // for hit-testing; `drawn_rev` moves when they change, so the hull follows them.
    let grid = StoredValue::new_local(None::<Grid>);
    let drawn_rev = RwSignal::new(0u32);
    let drawn_at = move |pts: &[(f64, f64)], scene: &Scene| {
        grid.set_value(Some(Grid::new(
            pts,
            Grid::cell_for(scene.width, scene.height, pts.len()),
        )));
        drawn_rev.update(|r| *r = r.wrapping_add(1));
    };
    // The body with the keyboard focus ring.
    let cursor = RwSignal::new(None::<usize>);
    let pointers = StoredValue::new_local(Pointers::default());

    // The renderer is made once the canvas exists, and fed each new scene.
    Effect::new(move |_| {
        let snap = st.doc.snapshot.get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        if renderer.with_value(Option::is_none) {
            renderer.set_value(Some(PmCanvas::new(&canvas)));
        }
        let Some(snap) = snap else { return };
        let scene = snap.scene();
        let scene = &*scene;
        let pts: Vec<(f64, f64)> = scene.nodes.iter().map(|n| (n.x, n.y)).collect();
        drawn_at(&pts, scene);
        cursor.set(None);
        // A new picture of the map already handed over (its layout has settled) only moves
        // the bodies: the edges, labels and rings are the same.
        let same_map = handed.with_value(|h| h.as_ptr() == Arc::as_ptr(&snap));
        handed.set_value(Arc::downgrade(&snap));
        renderer.with_value(|r| {
            if let Some(r) = r {
                if same_map {
                    r.set_frame(scene.width, scene.height, &positions_of(scene));
                } else {
                    hand_over(r, &snap, scene);
                }
                let z = st.net.zoom.get_untracked();
                r.set_view(z.s, z.x, z.y);
            }
        });
    });
    on_cleanup(move || {
        renderer.with_value(|r| {
            if let Some(r) = r {
                r.destroy();
            }
        });
    });

    // A layout settling in the worker: its positions so far, fitted to the picture's
    // frame (the finished scene replaces them, through the effect above).
    Effect::new(move |_| {
        let Some(live) = st
            .net
            .layout
            .with(|l| l.running.then(|| l.live.clone()).flatten())
        else {
            return;
        };
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        let scene = snap.scene_untracked();
        if live.len() != 2 * scene.nodes.len() {
            return;
        }
        let fitted = fit_to(&live, &scene);
        // Hit-testing follows what is drawn: a click while the layout settles (or before
        // the finished scene arrives) picks the body under the pointer now.
        let pts: Vec<(f64, f64)> = fitted
            .chunks_exact(2)
            .map(|p| (f64::from(p[0]), f64::from(p[1])))
            .collect();
        drawn_at(&pts, &scene);
        renderer.with_value(|r| {
            if let Some(r) = r {
                r.set_positions(&Float32Array::from(&fitted[..]));
            }
        });
    });

    // The outlined partnership's hull, round where its bodies are drawn.
    Effect::new(move |_| {
        drawn_rev.track();
        let Some(snap) = st.doc.snapshot.get() else {
            return;
        };
        let d = super::network::outline_target(st, &snap).map_or_else(String::new, |p| {
            let pts = grid.with_value(|g| {
                super::network::hull_points(&snap, p, |i| g.as_ref().and_then(|g| g.point(i)))
            });
            pmap_core::scene::hull_path(&pts, 26.0)
        });
        renderer.with_value(|r| {
            if let Some(r) = r {
                r.set_hull(&d);
            }
        });
    });

    Effect::new(move |_| {
        let z = st.net.zoom.get();
        renderer.with_value(|r| {
            if let Some(r) = r {
                r.set_view(z.s, z.x, z.y);
            }
        });
    });

    Effect::new(move |_| {
        let Some(snap) = st.doc.snapshot.get() else {
            return;
        };
        let n = snap.scene_untracked().nodes.len();
        let mut marks = vec![0u8; n];
        hl.with(|h| {
            if !h.is_empty() {
                marks.iter_mut().for_each(|m| *m = DIM);
                for i in h.iter().filter_map(|id| snap.model.body_index(id)) {
                    if let Some(m) = marks.get_mut(i) {
                        *m = ON;
                    }
                }
            }
        });
        visible.with(|v| {
            if let Some(v) = v {
                for (i, m) in marks.iter_mut().enumerate() {
                    if !v.contains(&i) {
                        *m |= HIDDEN;
                    }
                }
            }
        });
        let selected = st
            .sel
            .selected
            .get()
            .and_then(|id| snap.model.body_index(&id))
            .map_or(-1, |i| i as i32);
        let focused = cursor.get().map_or(-1, |i| i as i32);
        renderer.with_value(|r| {
            if let Some(r) = r {
                r.set_marks(&Uint8Array::from(&marks[..]), selected, focused);
            }
        });
    });

    // Clicking a finding highlights and centres what it concerns (as on the SVG).
    Effect::new(move |_| {
        if st.sel.active_finding.get().is_some() {
            super::toolbar::centre_on(st, &hl.get_untracked());
        }
    });

    // Scene units per CSS pixel of the canvas, and a client point in scene units.
    let scaled = move |cx: f64, cy: f64| -> (f64, (f64, f64)) {
        let (Some(el), Some(snap)) = (canvas_ref.get_untracked(), st.doc.snapshot.get_untracked())
        else {
            return (1.0, (0.0, 0.0));
        };
        super::scene_point(&el, snap.scene_untracked().width, cx, cy)
    };
    let units_per_px = move || scaled(0.0, 0.0).0;
    let local_point = move |cx: f64, cy: f64| scaled(cx, cy).1;
    // The visible body under a client point, if any.
    let hit = move |cx: f64, cy: f64| -> Option<usize> {
        let (lx, ly) = local_point(cx, cy);
        let z = st.net.zoom.get_untracked();
        let (x, y) = ((lx - z.x) / z.s, (ly - z.y) / z.s);
        let r = HIT_PX * units_per_px() / z.s;
        let vis = visible.get_untracked();
        grid.with_value(|g| {
            g.as_ref()?
                .nearest_where(x, y, r, |i| vis.as_ref().is_none_or(|v| v.contains(&i)))
        })
    };
    let max = move || {
        st.doc.snapshot.with_untracked(|s| {
            s.as_ref().map_or(pmap_core::zoom::Zoom::MAX, |s| {
                max_zoom(s.scene_untracked().width)
            })
        })
    };
    let zoom_by = move |f: f64, x: f64, y: f64| {
        let m = max();
        st.net.zoom.update(|z| *z = z.zoom_upto(f, x, y, m));
    };
    let announce = move |i: usize| {
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        let Some(b) = snap.model.body(i) else { return };
        let links = snap.scene_untracked().neighbours.get(i).map_or(0, Vec::len);
        st.announcement.set(format!(
            "{}, {}; {links} {}. Enter selects.",
            b.name,
            b.kind.label(),
            if links == 1 {
                "connection"
            } else {
                "connections"
            }
        ));
    };
    // Moves the focus ring to body `i`, announces it, and pans it into view if needed.
    let focus_on = move |i: usize| {
        cursor.set(Some(i));
        announce(i);
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        let scene = snap.scene_untracked();
        let Some(n) = scene.nodes.get(i) else {
            return;
        };
        let (w, h) = (scene.width, scene.height);
        let z = st.net.zoom.get_untracked();
        let (px, py) = (n.x * z.s + z.x, n.y * z.s + z.y);
        if !(w * 0.05..=w * 0.95).contains(&px) || !(h * 0.05..=h * 0.95).contains(&py) {
            st.net.zoom.update(|z| {
                z.x = w / 2.0 - n.x * z.s;
                z.y = h / 2.0 - n.y * z.s;
            });
        }
    };

    let summary = move || {
        st.doc.snapshot.get().map(|s| {
            format!(
                "Network of {} bodies and {} connections, drawn as a picture. Tab reaches it; arrow keys move along connections and read out each body, Enter selects, Escape clears, Shift and arrow keys pan, plus and minus zoom. The table below lists every body.",
                s.scene_untracked().nodes.len(),
                s.scene_untracked().edges.len()
            )
        })
    };

    view! {
        <div class="pm-network pm-network--canvas">
            <canvas
                node_ref=canvas_ref
                class="pm-network__canvas"
                data-renderer="canvas"
                role="group"
                tabindex="0"
                aria-label=summary
                on:focus=move |_| {
                    // Only for keyboard focus: a click focuses the canvas too, and says what
                    // it selected itself.
                    let keyboard = canvas_ref
                        .get_untracked()
                        .is_some_and(|c| c.matches(":focus-visible").unwrap_or(false));
                    if !keyboard {
                        return;
                    }
                    // Say where the focus ring is (it stays where a click or the walk left it).
                    if let Some(i) = cursor.get_untracked() {
                        focus_on(i);
                        return;
                    }
                    let Some(snap) = st.doc.snapshot.get_untracked() else { return };
                    let start = st
                        .sel
                        .selected
                        .get_untracked()
                        .and_then(|id| snap.model.body_index(&id))
                        .or_else(|| {
                            // The most connected visible body.
                            let vis = visible.get_untracked();
                            (0..snap.scene_untracked().nodes.len())
                                .filter(|i| vis.as_ref().is_none_or(|v| v.contains(i)))
                                .max_by_key(|&i| (snap.scene_untracked().neighbours.get(i).map_or(0, Vec::len), std::cmp::Reverse(i)))
                        });
                    if let Some(i) = start {
                        focus_on(i);
                    }
                }
                on:blur=move |_| st.sel.hovered.set(None)
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    let Some(snap) = st.doc.snapshot.get_untracked() else { return };
                    let (w, h) = (snap.scene_untracked().width, snap.scene_untracked().height);
                    if let Some((dx, dy)) = super::keys::arrow(&ev.key()) {
                        ev.prevent_default();
                        if ev.shift_key() {
                            st.net.zoom.update(|z| {
                                z.x -= dx * w * 0.1;
                                z.y -= dy * h * 0.1;
                            });
                            return;
                        }
                        let Some(from) = cursor.get_untracked() else { return };
                        let vis = visible.get_untracked();
                        match snap.scene_untracked().step_among(from, dx, dy, |j| vis.as_ref().is_none_or(|s| s.contains(&j))) {
                            Some(j) => {
                                focus_on(j);
                                st.sel.hovered.set(snap.scene_untracked().nodes.get(j).map(|n| n.id.clone()));
                            }
                            None => st.announcement.set(format!(
                                "No connection that way from {}.",
                                snap.model.body_name(from)
                            )),
                        }
                        return;
                    }
                    match ev.key().as_str() {
                        "Enter" | " " => {
                            ev.prevent_default();
                            let scene = snap.scene_untracked();
                            if let Some(n) = cursor.get_untracked().and_then(|i| scene.nodes.get(i)) {
                                st.sel.active_finding.set(None);
                                st.select(Some(n.id.clone()));
                            }
                        }
                        "Escape" => {
                            st.sel.active_finding.set(None);
                            st.sel.tour.set(None);
                            st.select(None);
                        }
                        "+" | "=" => zoom_by(1.25, w / 2.0, h / 2.0),
                        "-" | "_" => zoom_by(0.8, w / 2.0, h / 2.0),
                        _ => {}
                    }
                }
                on:wheel=move |ev: web_sys::WheelEvent| {
                    ev.prevent_default();
                    let (x, y) = local_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
                    zoom_by(wheel_factor(ev.delta_y()), x, y);
                }
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    pointers.update_value(|p| p.press(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    let now = (f64::from(ev.client_x()), f64::from(ev.client_y()));
                    let mut motion = Motion::Hover;
                    pointers.update_value(|p| motion = p.motion(ev.pointer_id(), now.0, now.1));
                    match motion {
                        Motion::Hover => {
                            // Highlight the body under the pointer and its neighbours.
                            let under = hit(now.0, now.1).and_then(|i| st.doc.snapshot.with_untracked(|s| s.as_ref().and_then(|s| s.scene_untracked().nodes.get(i).map(|n| n.id.clone()))));
                            if st.sel.hovered.get_untracked() != under {
                                st.sel.hovered.set(under);
                            }
                        }
                        Motion::Pan(dx, dy) => {
                            let k = units_per_px();
                            st.net.zoom.update(|z| { z.x += dx * k; z.y += dy * k; });
                        }
                        Motion::Pinch { factor, x, y } => {
                            let (mx, my) = local_point(x, y);
                            zoom_by(factor, mx, my);
                        }
                        Motion::Still => {}
                    }
                }
                on:pointerup=move |ev: web_sys::PointerEvent| {
                    let mut tap = false;
                    pointers.update_value(|p| tap = p.release(ev.pointer_id()));
                    if !tap {
                        return;
                    }
                    let Some(i) = hit(f64::from(ev.client_x()), f64::from(ev.client_y())) else { return };
                    let Some(id) = st.doc.snapshot.with_untracked(|s| s.as_ref().and_then(|s| s.scene_untracked().nodes.get(i).map(|n| n.id.clone()))) else { return };
                    cursor.set(Some(i));
                    let again = st.sel.selected.get_untracked().as_deref() == Some(id.as_str());
                    st.sel.active_finding.set(None);
                    st.sel.tour.set(None);
                    st.select(if again { None } else { Some(id) });
                }
                on:pointercancel=move |ev: web_sys::PointerEvent| pointers.update_value(|p| { p.release(ev.pointer_id()); })
                on:pointerleave=move |ev: web_sys::PointerEvent| {
                    pointers.update_value(|p| { p.release(ev.pointer_id()); });
                    if st.sel.hovered.get_untracked().is_some() {
                        st.sel.hovered.set(None);
                    }
                }
            >
                {summary}
            </canvas>
        </div>
    }
}
