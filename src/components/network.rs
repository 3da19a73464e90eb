//! The network picture: bodies as nodes, links as edges, drawn in SVG from the core's
//! [`Scene`](pmap_core::scene::Scene).
//!
//! * Keyboard: Tab reaches the graph (one node is in the tab order), arrow keys move along
//!   edges, Enter selects, Escape clears; `+` and `-` zoom.
//! * Pointer: click selects; wheel zooms; drag pans; two-finger pinch zooms. Every gesture
//!   also has a toolbar button, so nothing is drag-only.
//! * Overlapping memberships are shown without forcing a tree: coloured rings round each
//!   node mark its membership of the main partnerships, and a translucent hull outlines
//!   the members of the selected (or chosen) partnership.

use super::toolbar::centre_on;
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::model::LinkKind;
use pmap_core::scene::hull_path;
use pmap_core::zoom::{wheel_factor, Motion, Pointers};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// Colours for the main partnerships' membership rings (each at least 3:1 on white), one
/// per partnership [`crate::state::Snapshot::ring_groups`] names.
pub(super) const RING_COLOURS: [&str; pmap_core::scene::MAX_RINGS] = [
    "#d4351c", "#1d70b8", "#00703c", "#912b88", "#b35c00", "#28a197",
];

/// The network: in SVG (every body an element with its accessible name) for maps below
/// [`pmap_core::scene::CANVAS_FROM`] bodies, on a canvas above
/// ([`super::network_canvas::NetworkCanvas`]).
#[component]
pub fn Network() -> impl IntoView {
    let st = expect_context::<AppState>();
    let canvas = Memo::new(move |_| {
        let n = st
            .doc
            .snapshot
            .with(|s| s.as_ref().map_or(0, |s| s.scene_untracked().nodes.len()));
        #[cfg(feature = "test-hooks")]
        {
            // Test hook: `window.pmRendererForTest = 'svg' | 'canvas'` forces one, for the
            // benchmarks that compare them.
            let forced = js_sys::Reflect::get(&window(), &"pmRendererForTest".into())
                .ok()
                .and_then(|v| v.as_string());
            match forced.as_deref() {
                Some("svg") => return false,
                Some("canvas") => return true,
                _ => {}
            }
        }
        pmap_core::scene::use_canvas(n)
    });
    move || {
        if canvas.get() {
            view! { <super::network_canvas::NetworkCanvas /> }.into_any()
        } else {
            view! { <NetworkSvg /> }.into_any()
        }
    }
}

/// The SVG network.
#[component]
fn NetworkSvg() -> impl IntoView {
    let st = expect_context::<AppState>();
    let hl = Memo::new(move |_| st.highlight());
    let visible = Memo::new(move |_| st.visible());
    let roving = RwSignal::new(0usize);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let pointers = StoredValue::new_local(Pointers::default());

    // Clicking a finding highlights and centres what it concerns.
    Effect::new(move |_| {
        if st.sel.active_finding.get().is_some() {
            centre_on(st, &hl.get_untracked());
        }
    });

    let focus_node = move |j: usize| {
        roving.set(j);
        if let Some(svg) = svg_ref.get_untracked() {
            if let Ok(Some(el)) = svg.query_selector(&format!("[data-node=\"{j}\"]")) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        }
    };

    // Scene units per CSS pixel of the SVG element, and a client point in scene units.
    let scaled = move |cx: f64, cy: f64| -> (f64, (f64, f64)) {
        let (Some(el), Some(snap)) = (svg_ref.get_untracked(), st.doc.snapshot.get_untracked())
        else {
            return (1.0, (0.0, 0.0));
        };
        super::scene_point(&el, snap.scene_untracked().width, cx, cy)
    };
    let units_per_px = move || scaled(0.0, 0.0).0;
    let local_point = move |cx: f64, cy: f64| scaled(cx, cy).1;

    let drawing = move || {
        let snap = st.doc.snapshot.get()?;
        let scene_arc = snap.scene();
        let scene = &*scene_arc;
        let groups = snap.ring_groups();
        let mut rings: HashMap<usize, Vec<&'static str>> = HashMap::new();
        for (k, &g) in groups.iter().enumerate() {
            for m in snap.model.members(g) {
                rings
                    .entry(m)
                    .or_default()
                    .push(RING_COLOURS[k % RING_COLOURS.len()]);
            }
        }
        let in_budget = pmap_core::analysis::budgets::in_budgets(&snap.model);
        let shown = move |i: usize| visible.with(|v| v.as_ref().is_none_or(|s| s.contains(&i)));
        let hull = {
            let snap = snap.clone();
            move || {
                let p = outline_target(st, &snap)?;
                let sc = snap.scene();
                let pts = hull_points(&snap, p, |i| sc.nodes.get(i).map(|n| (n.x, n.y)));
                Some(view! { <path class="pm-hull" d=hull_path(&pts, 26.0)></path> })
            }
        };
        let edges = scene
            .edges
            .iter()
            .filter_map(|e| {
                let a = scene.nodes.get(e.from)?;
                let b = scene.nodes.get(e.to)?;
                let (ia, ib) = (a.id.clone(), b.id.clone());
                let (fa, fb) = (e.from, e.to);
                let kind = match e.geo {
                    Some(pmap_core::scene::Geo::Within) => "within",
                    Some(pmap_core::scene::Geo::CutsAcross) => "cuts",
                    None => edge_class(e.main_kind()),
                };
                let class = move || {
                    let on = hl.with(|s| s.contains(&ia) && s.contains(&ib));
                    let any = hl.with(|s| !s.is_empty());
                    format!(
                        "pm-edge pm-edge--{}{}{}",
                        kind,
                        if on { " pm-edge--on" } else if any { " pm-edge--dim" } else { "" },
                        if shown(fa) && shown(fb) { "" } else { " pm-hidden" }
                    )
                };
                Some(view! { <line class=class x1=fmt(a.x) y1=fmt(a.y) x2=fmt(b.x) y2=fmt(b.y)></line> })
            })
            .collect_view();
        let nodes = scene
            .nodes
            .iter()
            .map(|n| {
                let id = n.id.clone();
                let idx = n.index;
                let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
                let sector = n.sector;
                let partnership = n.partnership;
                let class = move || {
                    let on = hl.with(|s| s.contains(&id1));
                    let any = hl.with(|s| !s.is_empty());
                    let sel = st.sel.selected.with(|s| s.as_deref() == Some(id1.as_str()));
                    format!(
                        "pm-node pm-node--{}{}{}{}{}",
                        sector.as_str(),
                        if partnership { " pm-node--partnership" } else { "" },
                        if sel { " pm-node--selected" } else { "" },
                        if on { " pm-node--on" } else if any { " pm-node--dim" } else { "" },
                        if shown(idx) { "" } else { " pm-hidden" }
                    )
                };
                // The accessible name starts with the visible label (WCAG 2.5.3).
                let named = if n.name.starts_with(&n.label) { n.name.clone() } else { format!("{}: {}", n.label, n.name) };
                let boards = snap.load().get(idx).map_or(0, |l| l.load());
                let money = in_budget.get(idx).copied().unwrap_or(false);
                let load_text = format!(
                    "{}{}",
                    if boards > 0 { format!(", expected at {boards} {}", if boards == 1 { "board" } else { "boards" }) } else { String::new() },
                    if money { ", has a pooled budget" } else { "" }
                );
                let aria = format!(
                    "{}, {}{}{load_text}",
                    named,
                    snap.model.body(idx).map(|b| b.kind.label().to_string()).unwrap_or_default(),
                    if n.elected { ", elected" } else { "" }
                );
                let r = n.r;
                let ring_view = ring_arcs(r + 4.5, rings.get(&idx).cloned().unwrap_or_default());
                let scene = snap.scene();
                view! {
                    <g
                        class=class
                        transform=format!("translate({} {})", fmt(n.x), fmt(n.y))
                        data-node=idx.to_string()
                        data-id=id.clone()
                        role="button"
                        aria-label=aria
                        aria-pressed=move || st.sel.selected.with(|s| s.as_deref() == Some(id2.as_str())).to_string()
                        tabindex=move || if roving.get() == idx { "0" } else { "-1" }
                        on:click=move |_| {
                            if pointers.with_value(Pointers::dragging) {
                                return;
                            }
                            roving.set(idx);
                            let again = st.sel.selected.get_untracked().as_deref() == Some(id3.as_str());
                            st.sel.active_finding.set(None);
                            st.sel.tour.set(None);
                            st.select(if again { None } else { Some(id3.clone()) });
                        }
                        on:focus=move |_| st.sel.hovered.set(Some(id4.clone()))
                        on:blur=move |_| st.sel.hovered.set(None)
                        on:mouseenter={
                            let id = id.clone();
                            move |_| st.sel.hovered.set(Some(id.clone()))
                        }
                        on:mouseleave=move |_| st.sel.hovered.set(None)
                        on:keydown={
                            let id = id.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                let dir = super::keys::arrow(&ev.key());
                                if let Some((dx, dy)) = dir {
                                    ev.prevent_default();
                                    let vis = visible.get_untracked();
                                    if let Some(j) = scene.step_among(idx, dx, dy, |j| vis.as_ref().is_none_or(|s| s.contains(&j))) {
                                        focus_node(j);
                                    }
                                    return;
                                }
                                match ev.key().as_str() {
                                    "Enter" | " " => {
                                        ev.prevent_default();
                                        st.sel.active_finding.set(None);
                                        st.select(Some(id.clone()));
                                    }
                                    "Escape" => {
                                        st.sel.active_finding.set(None);
                                        st.sel.tour.set(None);
                                        st.select(None);
                                    }
                                    _ => {}
                                }
                            }
                        }
                    >
                        <title>{format!("{}{load_text}", n.name)}</title>
                        <circle class="pm-node__halo" r=fmt(r + 8.0)></circle>
                        {ring_view}
                        <circle class="pm-node__dot" r=fmt(r)></circle>
                        <text class="pm-node__label" x=fmt(r + 7.0) y="5">{n.label.clone()}</text>
                        {money.then(|| view! { <text class="pm-node__badge" x=fmt(-r - 2.0) y=fmt(-r) text-anchor="end" aria-hidden="true">"£"</text> })}
                    </g>
                }
            })
            .collect_view();
        let out = view! {
            <g class="pm-hulls">{hull}</g>
            <g class="pm-edges">{edges}</g>
            <g class="pm-nodes">{nodes}</g>
        };
        Some(out)
    };

    let summary = move || {
        st.doc.snapshot.get().map(|s| {
            format!(
                "Network of {} bodies and {} connections. Tab reaches it; arrow keys move along connections, Enter selects, Escape clears, plus and minus zoom.",
                s.scene().nodes.len(),
                s.scene().edges.len()
            )
        })
    };
    let view_box = move || {
        st.doc
            .snapshot
            .get()
            .map(|s| format!("0 0 {} {}", s.scene().width, s.scene().height))
            .unwrap_or_else(|| "0 0 900 640".to_string())
    };
    let transform = move || {
        let z = st.net.zoom.get();
        format!("translate({:.1} {:.1}) scale({:.3})", z.x, z.y, z.s)
    };
    view! {
        <div class="pm-network">
            <svg
                node_ref=svg_ref
                class="pm-network__svg"
                viewBox=view_box
                role="group"
                aria-label=summary
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    let Some(snap) = st.doc.snapshot.get_untracked() else { return };
                    let (cx, cy) = (snap.scene().width / 2.0, snap.scene().height / 2.0);
                    match ev.key().as_str() {
                        "Escape" => {
                            st.sel.active_finding.set(None);
                            st.sel.tour.set(None);
                            st.select(None);
                        }
                        "+" | "=" => st.net.zoom.update(|z| *z = z.zoom_at(1.25, cx, cy)),
                        "-" | "_" => st.net.zoom.update(|z| *z = z.zoom_at(0.8, cx, cy)),
                        _ => {}
                    }
                }
                on:wheel=move |ev: web_sys::WheelEvent| {
                    ev.prevent_default();
                    let (x, y) = local_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
                    st.net.zoom.update(|z| *z = z.zoom_at(wheel_factor(ev.delta_y()), x, y));
                }
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    pointers.update_value(|p| p.press(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    let mut motion = Motion::Hover;
                    pointers.update_value(|p| motion = p.motion(ev.pointer_id(), f64::from(ev.client_x()), f64::from(ev.client_y())));
                    match motion {
                        Motion::Pan(dx, dy) => {
                            let k = units_per_px();
                            st.net.zoom.update(|z| { z.x += dx * k; z.y += dy * k; });
                        }
                        Motion::Pinch { factor, x, y } => {
                            let (mx, my) = local_point(x, y);
                            st.net.zoom.update(|z| *z = z.zoom_at(factor, mx, my));
                        }
                        Motion::Hover | Motion::Still => {}
                    }
                }
                on:pointerup=move |ev: web_sys::PointerEvent| pointers.update_value(|p| { p.release(ev.pointer_id()); })
                on:pointercancel=move |ev: web_sys::PointerEvent| pointers.update_value(|p| { p.release(ev.pointer_id()); })
                on:pointerleave=move |ev: web_sys::PointerEvent| pointers.update_value(|p| { p.release(ev.pointer_id()); })
            >
                <g class="pm-viewport" transform=transform>{drawing}</g>
            </svg>
        </div>
    }
}

/// Coloured arcs round a node, one per main partnership it belongs to.
fn ring_arcs(radius: f64, colours: Vec<&'static str>) -> impl IntoView {
    let n = colours.len();
    colours
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            if n == 1 {
                return view! { <circle class="pm-ring" r=fmt(radius) stroke=c></circle> }
                    .into_any();
            }
            let gap = 0.35;
            let a0 = std::f64::consts::TAU * k as f64 / n as f64 - std::f64::consts::FRAC_PI_2
                + gap / 2.0;
            let a1 = std::f64::consts::TAU * (k + 1) as f64 / n as f64
                - std::f64::consts::FRAC_PI_2
                - gap / 2.0;
            let large = if a1 - a0 > std::f64::consts::PI { 1 } else { 0 };
            let d = format!(
                "M{:.2} {:.2}A{radius:.2} {radius:.2} 0 {large} 1 {:.2} {:.2}",
                radius * a0.cos(),
                radius * a0.sin(),
                radius * a1.cos(),
                radius * a1.sin()
            );
            view! { <path class="pm-ring" d=d stroke=c></path> }.into_any()
        })
        .collect_view()
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

fn edge_class(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::AccountableTo => "accountable",
        LinkKind::SubGroupOf | LinkKind::ReportsTo => "reports",
        LinkKind::Chairs => "chairs",
        LinkKind::MemberOf => "member",
        _ => "other",
    }
}

/// The key to colours, rings and line styles.
#[component]
pub fn Legend() -> impl IntoView {
    let st = expect_context::<AppState>();
    // Lines drawn from the geography (a map with no links).
    let geo = Memo::new(move |_| {
        st.doc.snapshot.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.scene().edges.iter().any(|e| e.geo.is_some()))
        })
    });
    let sectors = move || {
        let snap = st.doc.snapshot.get()?;
        Some(
            snap.scene()
                .sectors()
                .into_iter()
                .map(|s| {
                    view! {
                        <li class="pm-legend__item">
                            <svg class="pm-legend__swatch" viewBox="0 0 16 16" aria-hidden="true">
                                <circle class=format!("pm-node pm-node--{}", s.as_str()) cx="8" cy="8" r="6"></circle>
                            </svg>
                            {s.label()}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    let rings = move || {
        let snap = st.doc.snapshot.get()?;
        Some(
            snap.ring_groups()
                .iter()
                .enumerate()
                .map(|(k, &g)| {
                    let c = RING_COLOURS[k % RING_COLOURS.len()];
                    view! {
                        <li class="pm-legend__item">
                            <svg class="pm-legend__swatch" viewBox="0 0 16 16" aria-hidden="true"><circle class="pm-ring" cx="8" cy="8" r="5.5" stroke=c></circle></svg>
                            {format!("member of {}", snap.model.body_name(g))}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <div class="pm-legend">
            <ul class="pm-legend__list" aria-label="Colours: sectors">{sectors}</ul>
            <ul class="pm-legend__list" aria-label="Rings: membership of the main partnerships">{rings}</ul>
            <ul class="pm-legend__list" aria-label="Lines: kinds of link">
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--member" x1="1" y1="5" x2="27" y2="5"></line></svg>"member of / chairs"</li>
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--reports" x1="1" y1="5" x2="27" y2="5"></line></svg>"reports to / sub-group of"</li>
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--accountable" x1="1" y1="5" x2="27" y2="5"></line></svg>"accountable to"</li>
                {move || geo.get().then(|| view! {
                    <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--within" x1="1" y1="5" x2="27" y2="5"></line></svg>"lies within (no links recorded: who covers what)"</li>
                    <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--cuts" x1="1" y1="5" x2="27" y2="5"></line></svg>"boundaries cut across"</li>
                })}
                <li class="pm-legend__item"><span class="pm-legend__ring" aria-hidden="true"></span>"white nodes are partnerships"</li>
            </ul>
        </div>
    }
}

/// Rows of the network table shown at first, and added by each "Show more".
const TABLE_PAGE: usize = 50;

/// The network as a table: the alternative to the picture.
#[component]
pub fn NetworkTable() -> impl IntoView {
    let st = expect_context::<AppState>();
    // Paged, like the directory: a map of 20,000 bodies would otherwise be 20,000 rows.
    let shown = RwSignal::new(TABLE_PAGE);
    Effect::new(move |_| {
        st.doc.snapshot.track();
        shown.set(TABLE_PAGE);
    });
    let rows = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        // A map without links is drawn as who covers what: the table says the same.
        let mut geo: Vec<Vec<String>> = Vec::new();
        if m.file().links.is_empty() {
            geo = vec![Vec::new(); m.bodies().len()];
            for e in &snap.scene().edges {
                let name = |i: usize| {
                    m.body(i).map_or_else(String::new, |b| {
                        format!("{} ({})", b.name, b.kind.label().to_lowercase())
                    })
                };
                match e.geo {
                    Some(pmap_core::scene::Geo::Within) => {
                        if let Some(v) = geo.get_mut(e.from) {
                            v.push(format!("Lies within {}", name(e.to)));
                        }
                        if let Some(v) = geo.get_mut(e.to) {
                            v.push(format!("Holds {}", name(e.from)));
                        }
                    }
                    Some(pmap_core::scene::Geo::CutsAcross) => {
                        for (a, b) in [(e.from, e.to), (e.to, e.from)] {
                            if let Some(v) = geo.get_mut(a) {
                                v.push(format!("Boundaries cut across {}", name(b)));
                            }
                        }
                    }
                    None => {}
                }
            }
        }
        Some(
            (0..m.bodies().len().min(shown.get()))
                .filter_map(|i| {
                    let b = m.body(i)?;
                    let mut by_kind: Vec<(LinkKind, Vec<String>)> = Vec::new();
                    for (j, l) in m.links_from(i) {
                        let name = m.body_name(j).to_string();
                        match by_kind.iter_mut().find(|(k, _)| *k == l.kind) {
                            Some((_, v)) => v.push(name),
                            None => by_kind.push((l.kind, vec![name])),
                        }
                    }
                    let links = if let Some(g) = geo.get(i).filter(|g| !g.is_empty()) {
                        g.join("; ")
                    } else if by_kind.is_empty() {
                        "—".to_string()
                    } else {
                        by_kind.into_iter().map(|(k, v)| format!("{} {}", super::toolbar::first_upper(k.phrase()), v.join(", "))).collect::<Vec<_>>().join("; ")
                    };
                    let id = b.id.clone();
                    Some(view! {
                        <tr>
                            <th scope="row">
                                <button type="button" class="pm-link" on:click=move |_| st.select(Some(id.clone()))>{b.name.clone()}</button>
                            </th>
                            <td>{b.kind.label().to_string()}{b.elected.then_some(" (elected)")}</td>
                            <td>{links}</td>
                        </tr>
                    })
                })
                .collect_view(),
        )
    };
    view! {
        <details class="pm-alt">
            <summary class="pm-alt__summary">"Show the network as a table"</summary>
            <div class="pm-table-wrap">
                <table class="pm-table">
                    <caption class="pm-visually-hidden">"Every body and its links"</caption>
                    <thead><tr><th scope="col">"Body"</th><th scope="col">"Kind"</th><th scope="col">"Links"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || {
                let total = st.doc.snapshot.with(|s| s.as_ref().map_or(0, |s| s.model.bodies().len()));
                view! { <super::ShowMore total=total shown=shown page=TABLE_PAGE /> }
            }}
        </details>
    }
}

/// The partnership whose members are outlined: the one chosen in "Outline the members of",
/// or else a selected partnership. Reads both (tracked).
pub fn outline_target(st: AppState, snap: &crate::state::Snapshot) -> Option<usize> {
    let target = st.sel.outlined.get().or_else(|| {
        st.sel.selected.get().filter(|id| {
            snap.model
                .body_index(id)
                .and_then(|i| snap.model.body(i))
                .is_some_and(|b| b.kind.is_partnership())
        })
    })?;
    snap.model.body_index(&target)
}

/// The points a hull goes round: partnership `p` and its members, where `at` says where
/// each body is drawn.
pub fn hull_points(
    snap: &crate::state::Snapshot,
    p: usize,
    at: impl Fn(usize) -> Option<(f64, f64)>,
) -> Vec<pmap_core::layout::Point> {
    let mut pts: Vec<pmap_core::layout::Point> = snap
        .model
        .members(p)
        .into_iter()
        .chain([p])
        .filter_map(at)
        .map(|(x, y)| pmap_core::layout::Point { x, y })
        .collect();
    pts.dedup_by(|a, b| a == b);
    pts
}
