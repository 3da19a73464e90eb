//! The network picture: bodies as nodes, links as edges, drawn in SVG from the core's
//! [`Scene`](pmap_core::scene::Scene). Keyboard: Tab reaches the graph, arrow keys move
//! along edges, Enter selects, Escape clears.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::model::{LinkKind, Sector};
use pmap_core::scene::{HEIGHT, WIDTH};
use wasm_bindgen::JsCast;

/// The SVG network.
#[component]
pub fn Network() -> impl IntoView {
    let st = expect_context::<AppState>();
    let hl = Memo::new(move |_| st.highlight());
    let roving = RwSignal::new(0usize);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();

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

    let drawing = move || {
        let snap = st.snapshot.get()?;
        let scene = &snap.scene;
        let edges = scene
            .edges
            .iter()
            .filter_map(|e| {
                let a = scene.nodes.get(e.from)?;
                let b = scene.nodes.get(e.to)?;
                let (ia, ib) = (a.id.clone(), b.id.clone());
                let kind = e.main_kind();
                let class = move || {
                    let on = hl.with(|s| s.contains(&ia) && s.contains(&ib));
                    let any = hl.with(|s| !s.is_empty());
                    format!(
                        "pm-edge pm-edge--{}{}",
                        edge_class(kind),
                        if on {
                            " pm-edge--on"
                        } else if any {
                            " pm-edge--dim"
                        } else {
                            ""
                        }
                    )
                };
                Some(view! {
                    <line class=class x1=fmt(a.x) y1=fmt(a.y) x2=fmt(b.x) y2=fmt(b.y)></line>
                })
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
                    let sel = st.selected.with(|s| s.as_deref() == Some(id1.as_str()));
                    format!(
                        "pm-node pm-node--{}{}{}{}",
                        sector.as_str(),
                        if partnership { " pm-node--partnership" } else { "" },
                        if sel { " pm-node--selected" } else { "" },
                        if on { " pm-node--on" } else if any { " pm-node--dim" } else { "" }
                    )
                };
                let label = n.label.clone();
                // The accessible name starts with the visible label (WCAG 2.5.3).
                let named = if n.name.starts_with(&n.label) { n.name.clone() } else { format!("{}: {}", n.label, n.name) };
                let aria = format!(
                    "{}, {}{}",
                    named,
                    snap.model.body(idx).map(|b| b.kind.label().to_string()).unwrap_or_default(),
                    if n.elected { ", elected" } else { "" }
                );
                let r = n.r;
                let (x, y) = (n.x, n.y);
                let label_x = fmt(r + 3.0);
                view! {
                    <g
                        class=class
                        transform=format!("translate({} {})", fmt(x), fmt(y))
                        data-node=idx.to_string()
                        data-id=id.clone()
                        role="button"
                        aria-label=aria
                        aria-pressed=move || st.selected.with(|s| s.as_deref() == Some(id2.as_str())).to_string()
                        tabindex=move || if roving.get() == idx { "0" } else { "-1" }
                        on:click=move |_| {
                            roving.set(idx);
                            let again = st.selected.get_untracked().as_deref() == Some(id3.as_str());
                            st.active_finding.set(None);
                            st.select(if again { None } else { Some(id3.clone()) });
                        }
                        on:focus=move |_| st.hovered.set(Some(id4.clone()))
                        on:blur=move |_| st.hovered.set(None)
                        on:mouseenter={
                            let id = id.clone();
                            move |_| st.hovered.set(Some(id.clone()))
                        }
                        on:mouseleave=move |_| st.hovered.set(None)
                        on:keydown={
                            let id = id.clone();
                            let scene = snap.scene.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                let dir = match ev.key().as_str() {
                                    "ArrowRight" => Some((1.0, 0.0)),
                                    "ArrowLeft" => Some((-1.0, 0.0)),
                                    "ArrowUp" => Some((0.0, -1.0)),
                                    "ArrowDown" => Some((0.0, 1.0)),
                                    _ => None,
                                };
                                if let Some((dx, dy)) = dir {
                                    ev.prevent_default();
                                    if let Some(j) = scene.step(idx, dx, dy) {
                                        focus_node(j);
                                    }
                                    return;
                                }
                                match ev.key().as_str() {
                                    "Enter" | " " => {
                                        ev.prevent_default();
                                        st.active_finding.set(None);
                                        st.select(Some(id.clone()));
                                    }
                                    "Escape" => {
                                        st.active_finding.set(None);
                                        st.select(None);
                                    }
                                    _ => {}
                                }
                            }
                        }
                    >
                        <title>{n.name.clone()}</title>
                        <circle class="pm-node__halo" r=fmt(r + 5.0)></circle>
                        <circle class="pm-node__dot" r=fmt(r)></circle>
                        <text class="pm-node__label" x=label_x y="4">{label}</text>
                    </g>
                }
            })
            .collect_view();
        Some(view! {
            <g class="pm-edges">{edges}</g>
            <g class="pm-nodes">{nodes}</g>
        })
    };

    let summary = move || {
        st.snapshot.get().map(|s| {
            format!(
                "Network of {} bodies and {} connections. Use Tab to reach it, arrow keys to move along connections, Enter to select and Escape to clear.",
                s.scene.nodes.len(),
                s.scene.edges.len()
            )
        })
    };
    view! {
        <div class="pm-network">
            <svg
                node_ref=svg_ref
                class="pm-network__svg"
                viewBox=move || st.snapshot.get().map(|s| format!("0 0 {} {}", s.scene.width, s.scene.height)).unwrap_or_else(|| format!("0 0 {WIDTH} {HEIGHT}"))
                role="group"
                aria-label=summary
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() == "Escape" {
                        st.active_finding.set(None);
                        st.select(None);
                    }
                }
            >
                {drawing}
            </svg>
        </div>
    }
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

/// The key to colours and line styles.
#[component]
pub fn Legend() -> impl IntoView {
    let st = expect_context::<AppState>();
    let sectors = move || {
        let snap = st.snapshot.get()?;
        let mut present: Vec<Sector> = snap.scene.nodes.iter().map(|n| n.sector).collect();
        present.sort();
        present.dedup();
        Some(
            present
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
    view! {
        <div class="pm-legend">
            <ul class="pm-legend__list" aria-label="Colours: sectors">{sectors}</ul>
            <ul class="pm-legend__list" aria-label="Lines: kinds of link">
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--member" x1="1" y1="5" x2="27" y2="5"></line></svg>"member of / chairs"</li>
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--reports" x1="1" y1="5" x2="27" y2="5"></line></svg>"reports to / sub-group of"</li>
                <li class="pm-legend__item"><svg class="pm-legend__line" viewBox="0 0 28 10" aria-hidden="true"><line class="pm-edge pm-edge--accountable" x1="1" y1="5" x2="27" y2="5"></line></svg>"accountable to"</li>
                <li class="pm-legend__item"><span class="pm-legend__ring" aria-hidden="true"></span>"larger nodes are partnerships"</li>
            </ul>
        </div>
    }
}
