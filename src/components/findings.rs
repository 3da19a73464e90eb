//! The findings, grouped by family, in plain English. Selecting one highlights the bodies
//! it concerns in the network.

use super::Glossed;
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::findings::{group_findings, Category, Finding, FindingGroup, Level};
use pmap_core::viewstate::View;

/// The list of findings.
#[component]
pub fn FindingsList() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let heading = uid.id("findings");
    let labelled_by = heading.clone();
    let groups = move || {
        let snap = st.doc.snapshot.get()?;
        if snap.analysing() {
            return Some(view! { <Analysing bodies=snap.model.bodies().len() /> }.into_any());
        }
        let report = snap.report();
        let cats = [
            Category::Coterminosity,
            Category::Orphan,
            Category::Structure,
            Category::Governance,
        ];
        // Grouped once, then split by family (41,000 findings take about 10 ms to group).
        let all = group_findings(&report.findings);
        Some(
            cats.into_iter()
                .filter_map(|c| {
                    let groups: Vec<FindingGroup> = all.iter().filter(|g| g.category == c).cloned().collect();
                    if groups.is_empty() {
                        return None;
                    }
                    let n: usize = groups.iter().map(|g| g.count).sum();
                    let snap = snap.clone();
                    Some(view! {
                        <h4 class="pm-h4">{c.label()} " " <span class="pm-count">{format!("({n})")}</span></h4>
                        <ul class="pm-findings__list">
                            {groups.into_iter().map(|g| {
                                if g.count == 1 {
                                    g.findings.first().and_then(|&i| report.findings.get(i)).cloned().map(|f| view! { <FindingItem finding=f /> }.into_any())
                                } else {
                                    Some(view! { <FindingGroupItem group=g snap=snap.clone() full=false /> }.into_any())
                                }
                            }).collect_view()}
                        </ul>
                    })
                })
                .collect_view()
                .into_any(),
        )
    };
    let total = move || match st.doc.snapshot.get() {
        Some(s) if !s.analysing() => format!("({})", s.report().findings.len()),
        _ => String::new(),
    };
    view! {
        <section class="pm-panel pm-findings" aria-labelledby=labelled_by>
            <h3 class="pm-h3" id=heading>"Findings " <span class="pm-count">{total}</span></h3>
            <p class="pm-hint">"Select a finding to highlight the bodies it concerns."</p>
            {groups}
        </section>
    }
}

/// One finding: a toggle button, with its detail shown when active.
#[component]
fn FindingItem(
    /// The finding to show.
    finding: Finding,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let id = finding.id.clone();
    let id_active = id.clone();
    let active = Memo::new(move |_| {
        st.sel
            .active_finding
            .with(|a| a.as_deref() == Some(id_active.as_str()))
    });
    let level = finding.level;
    let toggle = {
        let id = id.clone();
        let title = finding.title.clone();
        move |_| {
            if active.get_untracked() {
                st.sel.active_finding.set(None);
                st.announcement.set("Highlight cleared".to_string());
            } else {
                st.sel.active_finding.set(Some(id.clone()));
                st.announcement.set(format!("Highlighting: {title}"));
            }
        }
    };
    let detail_id = format!("pm-finding-{}", sanitize(&id));
    view! {
        <li class=format!("pm-finding pm-finding--{}", level.as_str()) class:pm-finding--active=move || active.get() data-finding=id.clone()>
            <button
                type="button"
                class="pm-finding__button"
                aria-pressed=move || active.get().to_string()
                aria-controls=detail_id.clone()
                on:click=toggle
            >
                <span class=format!("pm-badge pm-badge--{}", level.as_str())>{level_label(level)}</span>
                <span class="pm-finding__title">{finding.title.clone()}</span>
            </button>
            <div class="pm-finding__detail" id=detail_id hidden=move || !active.get()>
                <p><Glossed text=finding.detail.clone() /></p>
                <p class="pm-why"><strong>"Why this matters: "</strong><Glossed text=finding.why.clone() /></p>
            </div>
        </li>
    }
}

fn level_label(l: pmap_core::findings::Level) -> &'static str {
    match l {
        pmap_core::findings::Level::High => "High",
        pmap_core::findings::Level::Medium => "Medium",
        pmap_core::findings::Level::Low => "Low",
    }
}

/// Makes a finding id safe for an element id.
pub fn sanitize(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The findings view: every finding with its severity, figures and why it matters, with
/// filters by family and a way to see each one on the network.
#[component]
pub fn FindingsView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let family = RwSignal::new(None::<Category>);
    let summary = move || {
        let snap = st.doc.snapshot.get().filter(|s| !s.analysing())?;
        let report = snap.report();
        let count = |c: Category, l: Option<Level>| {
            report
                .findings
                .iter()
                .filter(|f| f.category == c && l.is_none_or(|l| f.level == l))
                .count()
        };
        Some(
            [Category::Coterminosity, Category::Orphan, Category::Structure, Category::Governance]
                .into_iter()
                .map(|c| {
                    let n = count(c, None);
                    let high = count(c, Some(Level::High));
                    let pressed = move || family.get() == Some(c);
                    view! {
                        <li>
                            <button type="button" class="pm-stat" aria-pressed=move || pressed().to_string() on:click=move |_| family.update(|f| *f = if *f == Some(c) { None } else { Some(c) })>
                                <span class="pm-stat__n">{n}</span>
                                <span class="pm-stat__label">{c.label()}</span>
                                <span class="pm-stat__sub">{if high > 0 { format!("{high} high") } else { "none high".to_string() }}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    let list = move || {
        let snap = st.doc.snapshot.get()?;
        if snap.analysing() {
            return Some(view! { <Analysing bodies=snap.model.bodies().len() /> }.into_any());
        }
        let report = snap.report();
        let fam = family.get();
        let groups: Vec<FindingGroup> = group_findings(&report.findings)
            .into_iter()
            .filter(|g| fam.is_none_or(|c| g.category == c))
            .collect();
        let n: usize = groups.iter().map(|g| g.count).sum();
        let ng = groups.len();
        Some(view! {
            <p class="pm-hint" aria-live="polite">{format!("Showing {n} {} in {ng} {}{}. Findings of one kind are gathered together: open a group to list them.", if n == 1 { "finding" } else { "findings" }, if ng == 1 { "group" } else { "groups" }, fam.map(|c| format!(" ({})", c.label().to_lowercase())).unwrap_or_default())}</p>
            <ol class="pm-findings__list pm-findings__list--full">
                {groups.into_iter().map(|g| {
                    if g.count == 1 {
                        let f = g.findings.first().and_then(|&i| report.findings.get(i)).cloned();
                        f.map(|f| view! { <FullFinding finding=f snap=snap.clone() /> }.into_any())
                    } else {
                        Some(view! { <FindingGroupItem group=g snap=snap.clone() /> }.into_any())
                    }
                }).collect_view()}
            </ol>
        }.into_any())
    };
    view! {
        <section class="pm-panel pm-findings-view" aria-label="Findings">
            <h3 class="pm-h3">"Findings"</h3>
            // The families appear with the findings; until a large map's arrive, no hint.
            {move || st.doc.snapshot.get().filter(|s| !s.analysing()).map(|_| view! {
                <p class="pm-hint">"Choose a family to list only its findings; choose it again to list all."</p>
            })}
            <ul class="pm-stats">{summary}</ul>
            {list}
        </section>
    }
}

/// What the Findings and Alignment views show while a large map's findings are worked out
/// in the worker (a status, so screen readers hear it; the page stays usable meanwhile).
#[component]
pub fn Analysing(
    /// Bodies on the map.
    bodies: usize,
) -> impl IntoView {
    view! {
        <p class="pm-analysing" role="status">
            <span class="pm-analysing__dot" aria-hidden="true"></span>
            {format!("Working out the findings for {} bodies. The map can be used meanwhile; they appear here when ready.", pmap_core::findings::thousands(bodies as u64))}
        </p>
    }
}

/// How many findings a group lists at a time.
const PAGE: usize = 25;

/// Findings of one kind, gathered under one line with a count ("12 community safety
/// partnerships have no probation member"); opened, it lists them a page at a time, so a
/// map with thousands of findings opens at once.
#[component]
fn FindingGroupItem(
    /// The group (positions into the snapshot's findings).
    group: FindingGroup,
    /// The snapshot the positions refer to.
    snap: std::sync::Arc<crate::state::Snapshot>,
    /// Each finding in full (the Findings view), or as a toggle (the side list).
    #[prop(default = true)]
    full: bool,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let shown = RwSignal::new(PAGE);
    let level = group.level;
    let count = group.count;
    let items = StoredValue::new(group.findings);
    let snap = StoredValue::new(snap);
    let body = move || {
        open.get().then(|| {
            let limit = shown.get();
            let list = items.with_value(|ix| {
                snap.with_value(|s| {
                    ix.iter()
                        .take(limit)
                        .filter_map(|&i| s.report().findings.get(i).cloned())
                        .map(|f| {
                            if full {
                                view! { <FullFinding finding=f snap=s.clone() /> }.into_any()
                            } else {
                                view! { <FindingItem finding=f /> }.into_any()
                            }
                        })
                        .collect_view()
                })
            });
            view! {
                <ol class="pm-findings__list pm-findings__list--group">{list}</ol>
                <super::ShowMore total=count shown=shown page=PAGE />
            }
        })
    };
    view! {
        <li class=format!("pm-finding-group pm-finding--{}", level.as_str()) data-finding-group=group.key.clone() data-kind=group.kind>
            <details class="pm-finding-group__details" on:toggle=move |ev| {
                let el: web_sys::HtmlDetailsElement = event_target(&ev);
                open.set(el.open());
            }>
                <summary class="pm-finding-group__summary">
                    <span class=format!("pm-badge pm-badge--{}", level.as_str())>{level_label(level)}</span>
                    " "
                    <span class="pm-finding-group__label">{group.label.clone()}</span>
                    " "
                    <span class="pm-count">{format!("({count})")}</span>
                </summary>
                {body}
            </details>
        </li>
    }
}

/// One finding in full: its detail, why it matters, what it concerns, and a way to see it
/// on the network.
#[component]
fn FullFinding(
    /// The finding.
    finding: Finding,
    /// The snapshot it belongs to (for names).
    snap: std::sync::Arc<crate::state::Snapshot>,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let f = finding;
    let m = &snap.model;
    let bodies: Vec<String> = f
        .bodies
        .iter()
        .filter_map(|b| m.body_index(b))
        .map(|i| m.body_name(i).to_string())
        .collect();
    let areas: Vec<String> = f
        .areas
        .iter()
        .filter_map(|a| m.area_index(a))
        .map(|x| m.area_name(x).to_string())
        .collect();
    let id = f.id.clone();
    let level = f.level;
    view! {
        <li class=format!("pm-finding pm-finding--{}", level.as_str()) data-finding=f.id.clone()>
            <div class="pm-finding__head">
                <span class=format!("pm-badge pm-badge--{}", level.as_str())>{level_label(level)}</span>
                <h4 class="pm-finding__title">{f.title.clone()}</h4>
            </div>
            <div class="pm-finding__detail">
                <p><Glossed text=f.detail.clone() /></p>
                <p class="pm-why"><strong>"Why this matters: "</strong><Glossed text=f.why.clone() /></p>
                <dl class="pm-summary pm-summary--compact">
                    {(!bodies.is_empty()).then(|| view! { <dt>"Bodies"</dt><dd>{bodies.join(", ")}</dd> })}
                    {(!areas.is_empty()).then(|| view! { <dt>"Areas"</dt><dd>{areas.join(", ")}</dd> })}
                    {f.people.map(|p| view! { <dt>"People"</dt><dd>{pmap_core::findings::thousands(p)}</dd> })}
                </dl>
                <div>
                    <button type="button" class="pm-button pm-button--small" on:click=move |_| {
                        st.sel.tour.set(None);
                        st.view.set(View::Network);
                        st.sel.active_finding.set(Some(id.clone()));
                    }>"Show on the network"</button>
                </div>
            </div>
        </li>
    }
}
