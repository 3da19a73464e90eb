//! The guided tour the map's author writes in the data file.

use super::toolbar::centre_on;
use super::Glossed;
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::viewstate::View;
use std::collections::BTreeSet;

fn go(st: AppState, step: Option<usize>) {
    st.sel.tour.set(step);
    let Some(snap) = st.doc.snapshot.get_untracked() else {
        return;
    };
    match step.and_then(|i| snap.model.file().tour.get(i).map(|s| (i, s))) {
        Some((i, s)) => {
            st.view.set(View::Network);
            st.sel.active_finding.set(None);
            centre_on(st, &s.focus.iter().cloned().collect::<BTreeSet<_>>());
            st.announcement.set(format!(
                "Tour step {} of {}: {}",
                i + 1,
                snap.model.file().tour.len(),
                s.title
            ));
        }
        None => {
            st.net.zoom.set(crate::state::Zoom::default());
            st.announcement.set("Tour closed".to_string());
        }
    }
}

/// "Take the tour", shown when the map has one.
#[component]
pub fn TourButton() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let has = st
            .doc
            .snapshot
            .get()
            .is_some_and(|s| !s.model.file().tour.is_empty());
        (has && st.sel.tour.get().is_none()).then(|| view! { <button type="button" class="pm-button" on:click=move |_| go(st, Some(0))>"Take the tour"</button> })
    }
}

/// The tour step on screen, with Back, Next and Close.
#[component]
pub fn TourPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let snap = st.doc.snapshot.get()?;
        let i = st.sel.tour.get()?;
        let steps = snap.model.file().tour.clone();
        let step = steps.get(i)?.clone();
        let n = steps.len();
        Some(view! {
            <section class="pm-tour" aria-label="Guided tour" on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { go(st, None) }>
                <p class="pm-tour__count">{format!("Tour: step {} of {n}", i + 1)}</p>
                <h3 class="pm-h3">{step.title.clone()}</h3>
                <p><Glossed text=step.text.clone() /></p>
                <div class="pm-tour__buttons">
                    <button type="button" class="pm-button" disabled=i == 0 on:click=move |_| go(st, Some(i.saturating_sub(1)))>"Back"</button>
                    {if i + 1 < n {
                        view! { <button type="button" class="pm-button pm-button--primary" on:click=move |_| go(st, Some(i + 1))>"Next"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="pm-button pm-button--primary" on:click=move |_| go(st, None)>"Finish"</button> }.into_any()
                    }}
                    <button type="button" class="pm-button" on:click=move |_| go(st, None)>"Close tour"</button>
                </div>
            </section>
        })
    }
}
