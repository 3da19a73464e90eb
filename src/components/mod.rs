//! The widget's components. Each reads [`AppState`](crate::state::AppState) from context.

mod about;
mod alignment;
mod data;
mod details;
mod diagnostics;
mod directory;
mod findings;
mod glossary;
mod governance;
mod keys;
mod map;
mod network;
mod network_canvas;
mod proposals;
mod suggest;
mod toolbar;
mod tour;

pub use about::About;
pub use alignment::AlignmentView;
pub use data::DataView;
pub use details::Details;
pub use diagnostics::LoadErrors;
pub use directory::DirectoryView;
pub use findings::{FindingsList, FindingsView};
pub use glossary::{GlossaryView, Glossed};
pub use governance::GovernanceView;
pub use map::MapView;
pub use network::{Legend, Network, NetworkTable};
pub use toolbar::Toolbar;
pub use tour::{TourButton, TourPanel};

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::viewstate::{View, ViewState};
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

/// True when the widget must not offer editing or import (`readonly` attribute).
#[derive(Clone, Copy, Debug, Default)]
pub struct Readonly(pub bool);

/// Provides fresh state and an id prefix to the components below it.
pub fn provide_widget_context() -> AppState {
    let st = AppState::new();
    provide_widget_context_with(st);
    st
}

/// Provides `st` and an id prefix to the components below it.
pub fn provide_widget_context_with(st: AppState) {
    let n = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    // Each widget has its own WebAssembly instance, so counters restart: mix in a random
    // part so ids stay unique on a page with several widgets.
    let salt = (js_sys::Math::random() * 1_000_000.0) as u32;
    provide_context(Uid(format!("pm{n}x{salt}")));
    st.provide();
    if use_context::<Readonly>().is_none() {
        provide_context(Readonly(false));
    }
}

/// "Show N more", for lists that come a page at a time (a group of findings, the body cards,
/// the atlas's rows), so a national map's long lists open at once.
#[component]
pub fn ShowMore(
    /// How many items the list has.
    total: usize,
    /// How many are shown; each press adds `page`.
    shown: RwSignal<usize>,
    /// Items added per press.
    page: usize,
) -> impl IntoView {
    move || {
        let rest = total.saturating_sub(shown.get());
        (rest > 0).then(|| {
            view! {
                <button type="button" class="pm-button pm-button--small" on:click=move |_| shown.update(|n| *n += page)>
                    {format!("Show {} more (of {rest} not shown)", rest.min(page))}
                </button>
            }
        })
    }
}

/// Scene units per CSS pixel of the element a scene is drawn in (SVG or canvas), and a
/// client point in scene units: how both network renderers read the pointer.
pub(crate) fn scene_point(
    el: &web_sys::Element,
    scene_width: f64,
    cx: f64,
    cy: f64,
) -> (f64, (f64, f64)) {
    let r = el.get_bounding_client_rect();
    let k = if r.width() > 0.0 {
        scene_width / r.width()
    } else {
        1.0
    };
    (k, ((cx - r.left()) * k, (cy - r.top()) * k))
}

/// A task's progress with a button to stop it (the layout of a large map, a search for
/// groupings). `role="status"` so the progress is announced without moving focus.
#[component]
pub fn TaskProgress(
    /// What is running, e.g. "Arranging the picture".
    #[prop(into)]
    label: Signal<String>,
    /// Share done, 0..=1.
    #[prop(into)]
    value: Signal<f64>,
    /// The stop button's text.
    stop_label: &'static str,
    /// Stops the task.
    on_stop: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="pm-progress" role="status">
            <span class="pm-progress__label">{move || format!("{}: {:.0}%", label.get(), value.get() * 100.0)}</span>
            <progress class="pm-progress__bar" max="100" prop:value=move || (value.get() * 100.0).round() aria-hidden="true"></progress>
            <button type="button" class="pm-button pm-button--small" on:click=move |_| on_stop.run(())>{stop_label}</button>
        </div>
    }
}

/// The layout of a large map, while it runs in the worker.
#[component]
fn LayoutProgress() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        st.net.layout.with(|l| l.running).then(|| {
            view! {
                <TaskProgress
                    label=Signal::derive(move || st.net.layout.with(|l| format!("Arranging the picture of {} bodies", l.size.0)))
                    value=Signal::derive(move || st.net.layout.with(|l| l.progress))
                    stop_label="Stop arranging"
                    on_stop=Callback::new(move |()| crate::state::layout::stop(st))
                />
            }
        })
    }
}

/// The whole widget, showing the demo map, with its view kept in the page's URL.
#[component]
pub fn App() -> impl IntoView {
    let st = provide_widget_context();
    st.load_initial(crate::DEMO_MAP);
    view! { <Widget /> }
}

/// Restores the view from the URL fragment once the first map is on screen (the map is
/// fetched, so it arrives after mounting), then keeps the fragment up to date. The fragment
/// is written once the view has stayed the same for [`URL_QUIET_MS`]: a pan or zoom changes
/// it at every frame, and `history.replaceState` took 8–13 ms a call in Chromium, which
/// dropped frames of the gesture.
pub fn sync_url(st: AppState) {
    let hash = window().location().hash().unwrap_or_default();
    let pending = StoredValue::new((!hash.is_empty()).then(|| ViewState::from_fragment(&hash)));
    Effect::new(move |_| {
        if st.doc.snapshot.with(Option::is_some) {
            if let Some(v) = pending.try_update_value(Option::take).flatten() {
                st.apply_view_state(&v);
            }
        }
    });
    let write = std::rc::Rc::new(std::cell::RefCell::new(None));
    Effect::new(move |_| {
        let frag = st.view_state().to_fragment();
        // Until the fragment has been applied, writing would wipe it.
        if pending.with_value(Option::is_some) {
            return;
        }
        let url = if frag.is_empty() {
            let loc = window().location();
            format!(
                "{}{}",
                loc.pathname().unwrap_or_default(),
                loc.search().unwrap_or_default()
            )
        } else {
            format!("#{frag}")
        };
        // Replacing the timeout drops (cancels) the one before it.
        *write.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
            URL_QUIET_MS,
            move || {
                if let Ok(h) = window().history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
                }
            },
        ));
    });
}

/// How long the view must stay unchanged before the URL fragment is written (see
/// [`sync_url`]).
pub const URL_QUIET_MS: u32 = 300;

/// The widget's layout, for whatever map is in the state.
#[component]
pub fn Widget() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<Uid>();
    let title = move || {
        st.doc
            .snapshot
            .get()
            .map(|s| s.model.file().meta.title.clone())
            .unwrap_or_else(|| "Partnership Map".to_string())
    };
    let description = move || {
        st.doc
            .snapshot
            .get()
            .and_then(|s| s.model.file().meta.description.clone())
    };
    let title_id = uid.id("title");
    let title_ref = title_id.clone();
    // Time to first render, for the e2e suite and anyone profiling an embed.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || st.doc.snapshot.get().is_none() {
            return done.unwrap_or(false);
        }
        if let Some(p) = window().performance() {
            let _ = p.mark("pm:first-render");
        }
        true
    });
    view! {
        <div class="pm" role="region" aria-labelledby=title_ref
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                // Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, except in text fields.
                let in_text = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()).is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"));
                if in_text || !(ev.ctrl_key() || ev.meta_key()) {
                    return;
                }
                match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
                    ("z", false) => { ev.prevent_default(); st.undo_last(); }
                    ("z", true) | ("y", _) => { ev.prevent_default(); st.redo_last(); }
                    _ => {}
                }
            }>
            <header class="pm-header">
                <div class="pm-header__text">
                    <h2 class="pm-title" id=title_id>{title}</h2>
                    {move || description().map(|d| view! { <p class="pm-subtitle"><Glossed text=d /></p> })}
                </div>
                <div class="pm-header__actions">
                    <AsAt />
                    <HistoryButtons />
                    <TourButton />
                </div>
            </header>
            <Recovery />
            <LoadErrors />
            <TourPanel />
            <Tabs />
            <About />
            <div class="pm-visually-hidden" role="status" aria-live="polite">
                {move || st.announcement.get()}
            </div>
        </div>
    }
}

/// The view tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs).
#[component]
fn Tabs() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<Uid>();
    let tab_id = {
        let uid = uid.clone();
        move |v: View| uid.id(&format!("tab-{}", v.as_str()))
    };
    let panel_id = uid.id("panel");
    let list_ref = NodeRef::<leptos::html::Div>::new();
    // Look the tab up inside the widget: in a shadow root, document.getElementById cannot
    // see it.
    let focus_tab = move |v: View| {
        if let Some(list) = list_ref.get_untracked() {
            if let Ok(Some(el)) = list.query_selector(&format!("[data-view=\"{}\"]", v.as_str())) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        }
    };
    let readonly = use_context::<Readonly>().unwrap_or_default().0;
    let tabs = View::ALL
        .into_iter()
        .filter(|v| !(readonly && *v == View::Data))
        .map(|v| {
            let selected = move || st.view.get() == v;
            view! {
                <button
                    type="button"
                    role="tab"
                    class="pm-tab"
                    id=tab_id(v)
                    data-view=v.as_str()
                    aria-selected=move || selected().to_string()
                    aria-controls=panel_id.clone()
                    tabindex=move || if selected() { "0" } else { "-1" }
                    on:click=move |_| st.view.set(v)
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let all = View::ALL;
                        let pos = all.iter().position(|x| *x == v).unwrap_or(0);
                        let next = match ev.key().as_str() {
                            "ArrowRight" => Some(all[(pos + 1) % all.len()]),
                            "ArrowLeft" => Some(all[(pos + all.len() - 1) % all.len()]),
                            "Home" => Some(all[0]),
                            "End" => Some(all[all.len() - 1]),
                            _ => None,
                        };
                        if let Some(n) = next {
                            ev.prevent_default();
                            st.view.set(n);
                            focus_tab(n);
                        }
                    }
                >
                    {v.label()}
                </button>
            }
        })
        .collect_view();
    let panel_id2 = uid.id("panel");
    let labelled = move || tab_id(st.view.get());
    view! {
        <div class="pm-tabs" role="tablist" aria-label="Views" node_ref=list_ref>{tabs}</div>
        <div class="pm-tabpanel" role="tabpanel" id=panel_id2 aria-labelledby=labelled>
            {move || match st.view.get() {
                View::Network => view! {
                    <Toolbar />
                    <div class="pm-body">
                        <section class="pm-panel pm-panel--network" aria-label="Network picture">
                            <LayoutProgress />
                            <Network />
                            <Legend />
                            <NetworkTable />
                        </section>
                        <div class="pm-side">
                            <Details />
                            <FindingsList />
                        </div>
                    </div>
                }
                .into_any(),
                View::Governance => view! {
                    <Details />
                    <GovernanceView />
                }
                .into_any(),
                View::Findings => view! { <FindingsView /> }.into_any(),
                View::Directory => view! { <DirectoryView /> }.into_any(),
                View::Glossary => view! { <GlossaryView /> }.into_any(),
                View::Data => view! { <DataView /> }.into_any(),
                View::Map => view! { <MapView /> }.into_any(),
                View::Alignment => view! { <AlignmentView /> }.into_any(),
            }}
        </div>
    }
}

/// Undo and redo, shown once there is something to undo.
#[component]
fn HistoryButtons() -> impl IntoView {
    let st = expect_context::<AppState>();
    let readonly = use_context::<Readonly>().unwrap_or_default().0;
    // The buttons stay mounted (only their state changes), so keyboard focus stays on them.
    let u = move || st.doc.history.with(pmap_core::history::History::undo_len);
    let r = move || st.doc.history.with(pmap_core::history::History::redo_len);
    (!readonly).then(|| view! {
        <div class="pm-history" role="group" aria-label="Undo and redo" class:pm-hidden=move || u() == 0 && r() == 0>
            <button type="button" class="pm-button pm-button--small" disabled=move || u() == 0 on:click=move |_| { st.undo_last(); }>{move || format!("Undo ({})", u())}</button>
            <button type="button" class="pm-button pm-button--small" disabled=move || r() == 0 on:click=move |_| { st.redo_last(); }>{move || format!("Redo ({})", r())}</button>
        </div>
    })
}

/// Offers back a map that was autosaved but not downloaded (after a reload or a crash).
#[component]
fn Recovery() -> impl IntoView {
    let st = expect_context::<AppState>();
    let offer = RwSignal::new(None::<(String, pmap_core::model::MapFile)>);
    let checked = StoredValue::new(false);
    Effect::new(move |_| {
        if st.doc.snapshot.get().is_some() && !checked.get_value() {
            checked.set_value(true);
            offer.set(st.doc.recoverable());
        }
    });
    move || {
        let (when, file) = offer.get()?;
        let when = when.replace('T', " ").chars().take(16).collect::<String>();
        Some(view! {
            <div class="pm-recover" role="alert">
                <p><strong>"Unsaved changes found. "</strong>{format!("This map was changed in this browser on {when} UTC and those changes were not downloaded.")}</p>
                <div class="pm-buttons">
                    <button type="button" class="pm-button pm-button--primary" on:click=move |_| {
                        let _ = st.replace_map(file.clone(), "Recovered your unsaved changes");
                        offer.set(None);
                    }>"Recover my changes"</button>
                    <button type="button" class="pm-button" on:click=move |_| { st.doc.discard_autosave(); offer.set(None); }>"Discard them"</button>
                </div>
            </div>
        })
    }
}

/// "As at" a date: bodies, links and agreements outside their dates are left out.
#[component]
fn AsAt() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<Uid>();
    let id = uid.id("as-at");
    let id_for = id.clone();
    let value = move || {
        st.doc
            .snapshot
            .get()
            .and_then(|s| s.as_at)
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    view! {
        <div class="pm-field pm-asat">
            <label class="pm-label" for=id_for>"As at"</label>
            <input id=id class="pm-input" type="date" prop:value=value
                on:change=move |ev| st.set_as_at(pmap_core::date::Date::parse(&event_target_value(&ev))) />
        </div>
    }
}
