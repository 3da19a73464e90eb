//! The governance view: LSP → executive board → thematic groups → delivery bodies, with
//! reporting and accountability lines, and a nested list as its alternative.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::governance::SLOT;
use pmap_core::model::LinkKind;
use wasm_bindgen::JsCast;

/// Splits a name into at most two lines of about `width` characters.
/// Breaks a name into at most `max` lines of about `width` characters, at spaces; only a
/// name that still does not fit is shortened (with an ellipsis) on its last line.
fn wrap_lines(name: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for w in name.split_whitespace() {
        let full = lines.len() == max;
        match lines.last_mut() {
            Some(l) if full || l.chars().count() + 1 + w.chars().count() <= width => {
                l.push(' ');
                l.push_str(w);
            }
            _ => lines.push(w.to_string()),
        }
    }
    if let Some(l) = lines.last_mut() {
        *l = pmap_core::diagnostic::shorten(l, width);
    }
    lines
}

/// The layered governance drawing and its list alternative.
#[component]
pub fn GovernanceView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let roving = RwSignal::new(0usize);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let focus_node = move |j: usize| {
        roving.set(j);
        if let Some(svg) = svg_ref.get_untracked() {
            if let Ok(Some(el)) = svg.query_selector(&format!("[data-gov=\"{j}\"]")) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    let drawing = move || {
        let snap = st.doc.snapshot.get()?;
        let g = snap.governance();
        let m = &snap.model;
        let focus = Memo::new(move |_| st.sel.hovered.get().or_else(|| st.sel.selected.get()));
        let edges = g
            .edges
            .iter()
            .filter_map(|e| {
                let a = g.nodes.get(e.from)?;
                let b = g.nodes.get(e.to)?;
                let (ida, idb) = (m.body(e.from)?.id.clone(), m.body(e.to)?.id.clone());
                let kind = e.kind;
                let structural = matches!(kind, LinkKind::SubGroupOf | LinkKind::ReportsTo | LinkKind::AccountableTo);
                let class = move || {
                    let touches = focus.with(|f| f.as_deref().is_some_and(|f| f == ida || f == idb));
                    let cls = match kind {
                        LinkKind::AccountableTo => "pm-edge pm-edge--accountable",
                        LinkKind::SubGroupOf | LinkKind::ReportsTo => "pm-edge pm-edge--reports",
                        _ => "pm-edge pm-edge--member",
                    };
                    match (structural, touches) {
                        (_, true) => format!("{cls} pm-edge--on"),
                        (true, false) => cls.to_string(),
                        (false, false) => format!("{cls} pm-hidden"),
                    }
                };
                // From the top edge of the lower box to the bottom edge of the upper one.
                let (y1, y2) = if a.y > b.y { (a.y - 22.0, b.y + 22.0) } else if a.y < b.y { (a.y + 22.0, b.y - 22.0) } else { (a.y, b.y) };
                Some(view! { <line class=class x1=format!("{:.1}", a.x) y1=format!("{y1:.1}") x2=format!("{:.1}", b.x) y2=format!("{y2:.1}")></line> })
            })
            .collect_view();
        let points: Vec<(f64, f64)> = g.nodes.iter().map(|n| (n.x, n.y)).collect();
        let nodes = g
            .nodes
            .iter()
            .filter_map(|n| {
                let b = m.body(n.index)?;
                let idx = n.index;
                let id = b.id.clone();
                let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
                // The box holds three lines of about 17 characters at 12px.
                let lines = wrap_lines(&pmap_core::scene::short_name(&b.name), 17, 3);
                let sector = b.kind.sector();
                let part = b.kind.is_partnership();
                // The accessible name starts with the visible text (WCAG 2.5.3).
                let visible = lines.join(" ");
                let label = if b.name == visible { format!("{}, {}", b.name, b.kind.label()) } else { format!("{visible}: {}, {}", b.name, b.kind.label()) };
                let points = points.clone();
                let class = move || {
                    let sel = st.sel.selected.with(|s| s.as_deref() == Some(id1.as_str()));
                    format!("pm-gov-node pm-node--{}{}{}", sector.as_str(), if part { " pm-gov-node--partnership" } else { "" }, if sel { " pm-gov-node--selected" } else { "" })
                };
                let w = SLOT - 14.0;
                Some(view! {
                    <g
                        class=class
                        transform=format!("translate({:.1} {:.1})", n.x, n.y)
                        data-gov=idx.to_string()
                        data-id=id.clone()
                        role="button"
                        aria-label=label
                        aria-pressed=move || st.sel.selected.with(|s| s.as_deref() == Some(id2.as_str())).to_string()
                        tabindex=move || if roving.get() == idx { "0" } else { "-1" }
                        on:click=move |_| { roving.set(idx); st.select(Some(id3.clone())); }
                        on:mouseenter={ let id = id.clone(); move |_| st.sel.hovered.set(Some(id.clone())) }
                        on:mouseleave=move |_| st.sel.hovered.set(None)
                        on:focus={ let id = id.clone(); move |_| st.sel.hovered.set(Some(id.clone())) }
                        on:blur=move |_| st.sel.hovered.set(None)
                        on:keydown={
                            let id = id.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                let dir = super::keys::arrow(&ev.key());
                                if let Some(d) = dir {
                                    ev.prevent_default();
                                    if let Some(j) = super::keys::nearest(&points, idx, d) {
                                        focus_node(j);
                                    }
                                    return;
                                }
                                match ev.key().as_str() {
                                    "Enter" | " " => { ev.prevent_default(); st.select(Some(id.clone())); }
                                    "Escape" => st.select(None),
                                    _ => {}
                                }
                            }
                        }
                    >
                        <title>{b.name.clone()}</title>
                        <rect class="pm-gov-node__box" x=format!("{:.1}", -w / 2.0) y="-22" width=format!("{w:.1}") height="44" rx="6"></rect>
                        <rect class="pm-gov-node__bar" x=format!("{:.1}", -w / 2.0) y="-22" width="6" height="44" rx="2"></rect>
                        <text class="pm-gov-node__text" text-anchor="middle">
                            {
                                // Lines 13 px apart, centred on the box.
                                let top = 4.5 - 6.5 * (lines.len() as f64 - 1.0);
                                lines.iter().enumerate().map(|(i, l)| view! {
                                    // The leading space keeps the lines apart in the accessible text.
                                    <tspan x="4" y=format!("{:.1}", top + 13.0 * i as f64)>{if i == 0 { l.clone() } else { format!(" {l}") }}</tspan>
                                }).collect_view()
                            }
                        </text>
                    </g>
                })
            })
            .collect_view();
        Some(view! {
            <svg node_ref=svg_ref class="pm-gov__svg" viewBox=format!("0 0 {:.0} {:.0}", g.width, g.height) role="group"
                 aria-label="Governance: partnerships in layers with the delivery bodies below. Arrow keys move between boxes; Enter selects.">
                <g class="pm-edges">{edges}</g>
                <g>{nodes}</g>
            </svg>
        })
    };

    let list = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let g = snap.governance();
        let mut parts: Vec<(usize, usize)> = g
            .nodes
            .iter()
            .filter(|n| m.body(n.index).is_some_and(|b| b.kind.is_partnership()))
            .map(|n| (n.layer, n.index))
            .collect();
        pmap_core::order::sort(&mut parts);
        Some(
            parts
                .into_iter()
                .map(|(_, i)| {
                    let reports: Vec<String> = m.links_from(i).filter(|(_, l)| matches!(l.kind, LinkKind::SubGroupOf | LinkKind::ReportsTo | LinkKind::AccountableTo)).map(|(j, l)| format!("{} {}", l.kind.phrase(), m.body_name(j))).collect();
                    let members: Vec<String> = m.members(i).into_iter().map(|j| m.body_name(j).to_string()).collect();
                    view! {
                        <li>
                            <strong>{m.body_name(i).to_string()}</strong>
                            {(!reports.is_empty()).then(|| format!(": {}", reports.join("; ")))}
                            {(!members.is_empty()).then(|| view! { <div class="pm-muted">{format!("Members: {}", members.join(", "))}</div> })}
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <section class="pm-panel pm-panel--network pm-gov" aria-label="Governance">
            <h3 class="pm-h3">"Governance"</h3>
            <p class="pm-hint">"Reporting lines run up the page; dashed lines show accountability. Select a box to see its memberships."</p>
            <div class="pm-gov__scroll">{drawing}</div>
            <details class="pm-alt">
                <summary class="pm-alt__summary">"Show the governance as a list"</summary>
                <ul class="pm-plain-list pm-gov__list">{list}</ul>
            </details>
        </section>
    }
}
