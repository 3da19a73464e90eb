//! The findings, grouped by family, in plain English. Selecting one highlights the bodies
//! it concerns in the network.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::findings::{Category, Finding};

/// The list of findings.
#[component]
pub fn FindingsList() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let heading = uid.id("findings");
    let labelled_by = heading.clone();
    let groups = move || {
        let snap = st.snapshot.get()?;
        let cats = [
            Category::Coterminosity,
            Category::Orphan,
            Category::Structure,
        ];
        Some(
            cats.into_iter()
                .filter_map(|c| {
                    let items: Vec<Finding> = snap.report.findings.iter().filter(|f| f.category == c).cloned().collect();
                    if items.is_empty() {
                        return None;
                    }
                    let n = items.len();
                    Some(view! {
                        <h4 class="pm-h4">{c.label()} " " <span class="pm-count">{format!("({n})")}</span></h4>
                        <ul class="pm-findings__list">
                            {items.into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}
                        </ul>
                    })
                })
                .collect_view(),
        )
    };
    let total = move || {
        st.snapshot
            .get()
            .map(|s| s.report.findings.len())
            .unwrap_or(0)
    };
    view! {
        <section class="pm-panel pm-findings" aria-labelledby=labelled_by>
            <h3 class="pm-h3" id=heading>"Findings " <span class="pm-count">{move || format!("({})", total())}</span></h3>
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
        st.active_finding
            .with(|a| a.as_deref() == Some(id_active.as_str()))
    });
    let level = finding.level;
    let toggle = {
        let id = id.clone();
        let title = finding.title.clone();
        move |_| {
            if active.get_untracked() {
                st.active_finding.set(None);
                st.announcement.set("Highlight cleared".to_string());
            } else {
                st.active_finding.set(Some(id.clone()));
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
                <p>{finding.detail.clone()}</p>
                <p class="pm-why"><strong>"Why this matters: "</strong>{finding.why.clone()}</p>
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
