//! The widget's components. Each reads [`AppState`](crate::state::AppState) from context.

mod about;
mod details;
mod diagnostics;
mod findings;
mod network;

pub use about::About;
pub use details::Details;
pub use diagnostics::LoadErrors;
pub use findings::FindingsList;
pub use network::{Legend, Network};

use crate::state::AppState;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// A prefix that makes element ids unique when several widgets share a page.
#[derive(Clone, Debug)]
pub struct Uid(pub String);

impl Uid {
    /// `prefix-name`, e.g. `pm1-findings`.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.0)
    }
}

/// Provides fresh state and an id prefix to the components below it.
pub fn provide_widget_context() -> AppState {
    let n = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    provide_context(Uid(format!("pm{n}")));
    let st = AppState::new();
    provide_context(st);
    st
}

/// The whole widget, showing the demo map.
#[component]
pub fn App() -> impl IntoView {
    let st = provide_widget_context();
    st.load_text(crate::DEMO_MAP);
    view! { <Widget /> }
}

/// The widget's layout, for whatever map is in the state.
#[component]
pub fn Widget() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<Uid>();
    let title = move || {
        st.snapshot
            .get()
            .map(|s| s.model.file().meta.title.clone())
            .unwrap_or_else(|| "Partnership Map".to_string())
    };
    let description = move || {
        st.snapshot
            .get()
            .and_then(|s| s.model.file().meta.description.clone())
    };
    let title_id = uid.id("title");
    let title_ref = title_id.clone();
    let net_id = uid.id("network-heading");
    let net_ref = net_id.clone();
    view! {
        <div class="pm" role="region" aria-labelledby=title_ref>
            <header class="pm-header">
                <h2 class="pm-title" id=title_id>{title}</h2>
                {move || description().map(|d| view! { <p class="pm-subtitle">{d}</p> })}
            </header>
            <LoadErrors />
            <div class="pm-body">
                <section class="pm-panel pm-panel--network" aria-labelledby=net_ref>
                    <h3 class="pm-h3" id=net_id>"Who works with whom"</h3>
                    <Network />
                    <Legend />
                </section>
                <div class="pm-side">
                    <Details />
                    <FindingsList />
                </div>
            </div>
            <About />
            <div class="pm-visually-hidden" role="status" aria-live="polite">
                {move || st.announcement.get()}
            </div>
        </div>
    }
}
