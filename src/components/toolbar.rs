//! The network's controls: search, filters, focus mode, outlines, pan and zoom. Every
//! pointer gesture on the picture has a button here too (WCAG 2.5.7).
//!
//! In a small box (the widget 760 px wide or less, e.g. a 600 × 400 embed) the toolbar is
//! one bar: search, a "More" disclosure button, zoom and "Fit"; focus, outline,
//! filters and the pan buttons are behind the button, so the picture starts on screen.

use crate::state::{AppState, Zoom};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Zooms so the given bodies fill the picture.
pub fn centre_on(st: AppState, ids: &BTreeSet<String>) {
    let Some(snap) = st.doc.snapshot.get_untracked() else {
        return;
    };
    let idx: Vec<usize> = ids
        .iter()
        .filter_map(|id| snap.model.body_index(id))
        .collect();
    if let Some(b) = snap.scene().bounds(idx) {
        st.net
            .zoom
            .set(Zoom::fit(b, snap.scene().width, snap.scene().height, 1.8));
    }
}

/// The toolbar above the network.
#[component]
pub fn Toolbar() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let search_id = uid.id("search");
    let search_for = search_id.clone();
    let depth_id = uid.id("depth");
    let depth_for = depth_id.clone();
    let more_id = uid.id("toolbar-more");
    // Only used in a small box, where CSS shows the disclosure button.
    let more_open = RwSignal::new(false);

    let results = move || {
        let snap = st.doc.snapshot.get()?;
        let found = st.matches();
        if st.net.query.get().trim().is_empty() {
            return None;
        }
        let n = found.len();
        Some(view! {
            <div class="pm-search__results">
                <p class="pm-hint" aria-live="polite">{match n { 0 => "No body matches.".to_string(), 1 => "1 body matches:".to_string(), n => format!("{n} bodies match:") }}</p>
                <ul class="pm-chips">
                    {found
                        .into_iter()
                        .take(8)
                        .map(|id| {
                            let name = snap.model.body_index(&id).map(|i| snap.model.body_name(i).to_string()).unwrap_or_default();
                            view! {
                                <li>
                                    <button type="button" class="pm-chip" on:click=move |_| {
                                        st.sel.active_finding.set(None);
                                        st.select(Some(id.clone()));
                                        st.net.query.set(String::new());
                                        centre_on(st, &BTreeSet::from([id.clone()]));
                                    }>{name}</button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        })
    };
    let sectors = move || {
        let snap = st.doc.snapshot.get()?;
        Some(
            snap.scene()
                .sectors()
                .into_iter()
                .map(|s| {
                    view! {
                        <label class="pm-check">
                            <input
                                type="checkbox"
                                prop:checked=move || !st.net.hidden_sectors.with(|h| h.contains(&s))
                                on:change=move |_| st.net.hidden_sectors.update(|h| if !h.remove(&s) { h.insert(s); })
                            />
                            {s.label()}
                        </label>
                    }
                })
                .collect_view(),
        )
    };
    let kinds = Signal::derive(move || {
        let Some(snap) = st.doc.snapshot.get() else {
            return Vec::new();
        };
        let mut k: Vec<(String, String)> = snap
            .model
            .bodies()
            .iter()
            .map(|b| (b.kind.as_str().to_string(), b.kind.label().to_string()))
            .collect();
        pmap_core::order::sort(&mut k);
        k.dedup();
        k
    });
    let outline_id = uid.id("outline");
    let partnerships = Signal::derive(move || {
        let Some(snap) = st.doc.snapshot.get() else {
            return Vec::new();
        };
        snap.model
            .partnerships()
            .filter_map(|i| snap.model.body(i).map(|b| (b.id.clone(), b.name.clone())))
            .collect()
    });
    let filtered = move || {
        !st.net.hidden_sectors.with(BTreeSet::is_empty)
            || st.net.kind_filter.with(Option::is_some)
            || st.net.theme_filter.with(Option::is_some)
    };
    let zoom_by = move |f: f64| {
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        st.net
            .zoom
            .update(|z| *z = z.zoom_at(f, snap.scene().width / 2.0, snap.scene().height / 2.0));
    };
    let pan = move |dx: f64, dy: f64| {
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        st.net.zoom.update(|z| {
            z.x += dx * snap.scene().width * 0.15;
            z.y += dy * snap.scene().height * 0.15;
        });
    };
    view! {
        <div class="pm-toolbar" class:pm-toolbar--open=move || more_open.get()>
            <div class="pm-field pm-search">
                <label class="pm-label" for=search_for>"Find a body"</label>
                <input
                    id=search_id
                    class="pm-input"
                    type="search"
                    autocomplete="off"
                    placeholder="e.g. Hart, police, ICB"
                    prop:value=move || st.net.query.get()
                    on:input=move |ev| st.net.query.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            if let Some(id) = st.matches().into_iter().next() {
                                st.select(Some(id.clone()));
                                st.net.query.set(String::new());
                                centre_on(st, &BTreeSet::from([id]));
                            }
                        }
                    }
                />
                {results}
            </div>
            <button
                type="button"
                class="pm-button pm-button--small pm-toolbar__more"
                aria-expanded=move || more_open.get().to_string()
                aria-controls=more_id.clone()
                on:click=move |_| more_open.update(|o| *o = !*o)
            >
                "More"
                {move || filtered().then_some(" (filters on)")}
            </button>
            <div class="pm-toolbar__extra" id=more_id>
            <div class="pm-field">
                <label class="pm-label" for=depth_for>"Focus"</label>
                <select id=depth_id class="pm-select" on:change=move |ev| st.net.depth.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || st.net.depth.get().is_none()>"Show everything"</option>
                    <option value="1" selected=move || st.net.depth.get() == Some(1)>"1 step from the selection"</option>
                    <option value="2" selected=move || st.net.depth.get() == Some(2)>"2 steps from the selection"</option>
                    <option value="3" selected=move || st.net.depth.get() == Some(3)>"3 steps from the selection"</option>
                </select>
            </div>
            {move || if partnerships.with(Vec::len) > pmap_core::focus::LONG_LIST {
                view! { <LongChooser id=outline_id.clone() label="Outline the members of" value=st.sel.outlined what="partnerships" options=partnerships /> }.into_any()
            } else {
                view! { <OptionalSelect id=outline_id.clone() label="Outline the members of" value=st.sel.outlined none="No partnership" options=partnerships /> }.into_any()
            }}
            <details class="pm-filters">
                <summary class="pm-filters__summary">"Filters" {move || filtered().then_some(" (on)")}</summary>
                <div class="pm-filters__body">
                    <fieldset class="pm-fieldset">
                        <legend>"Sectors"</legend>
                        <div class="pm-checks">{sectors}</div>
                    </fieldset>
                    <OptionalSelect id=uid.id("kind") label="Kind of body" value=st.net.kind_filter none="All kinds" options=kinds />
                    <OptionalSelect id=uid.id("theme") label="Theme" value=st.net.theme_filter none="All themes" options=theme_choices(st) />
                    <button type="button" class="pm-button pm-button--small" on:click=move |_| {
                        st.net.hidden_sectors.set(BTreeSet::new());
                        st.net.kind_filter.set(None);
                        st.net.theme_filter.set(None);
                    }>"Clear filters"</button>
                </div>
            </details>
            </div>
            <div class="pm-zoom" role="group" aria-label="Pan and zoom">
                <button type="button" class="pm-icon-button" aria-label="Zoom in" title="Zoom in" on:click=move |_| zoom_by(1.25)>"+"</button>
                <button type="button" class="pm-icon-button" aria-label="Zoom out" title="Zoom out" on:click=move |_| zoom_by(0.8)>"−"</button>
                <button type="button" class="pm-icon-button pm-zoom__pan" aria-label="Pan left" title="Pan left" on:click=move |_| pan(1.0, 0.0)>"←"</button>
                <button type="button" class="pm-icon-button pm-zoom__pan" aria-label="Pan right" title="Pan right" on:click=move |_| pan(-1.0, 0.0)>"→"</button>
                <button type="button" class="pm-icon-button pm-zoom__pan" aria-label="Pan up" title="Pan up" on:click=move |_| pan(0.0, 1.0)>"↑"</button>
                <button type="button" class="pm-icon-button pm-zoom__pan" aria-label="Pan down" title="Pan down" on:click=move |_| pan(0.0, -1.0)>"↓"</button>
                <button type="button" class="pm-button pm-button--small" on:click=move |_| st.net.zoom.set(Zoom::default())>"Fit to screen"</button>
            </div>
        </div>
    }
}

/// The map's themes as (value, text) choices (shared by the toolbar and the directory).
pub fn theme_choices(st: AppState) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        st.doc
            .snapshot
            .get()
            .map(|snap| {
                pmap_core::directory::themes(&snap.model)
                    .into_iter()
                    .map(|t| {
                        let text = first_upper(&t);
                        (t, text)
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// A labelled `<select>` bound to an optional value: its first option means `None`.
#[component]
pub fn OptionalSelect(
    /// Element id, unique within the widget.
    id: String,
    /// The visible label.
    label: &'static str,
    /// The value chosen; `None` selects the first option.
    value: RwSignal<Option<String>>,
    /// The first option's text, e.g. "All themes".
    none: &'static str,
    /// The other options as (value, text); re-read when they change.
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="pm-field">
            <label class="pm-label" for=label_for>{label}</label>
            // One effect for the choice (prop:value), not one per option: a national map
            // has thousands of partnerships. `selected` is set once per rendering of the
            // options, so a fresh list shows the current choice too.
            <select id=id class="pm-select" prop:value=move || value.get().unwrap_or_default() on:change=move |ev| {
                let v = event_target_value(&ev);
                value.set((!v.is_empty()).then_some(v));
            }>
                <option value="" selected=value.with_untracked(Option::is_none)>{none}</option>
                {move || {
                    let chosen = value.get_untracked();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = chosen.as_deref() == Some(v.as_str());
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// [`OptionalSelect`] for a long list: a text box whose suggestions (a `<datalist>`) are the
/// first 30 names that contain what is typed, so the page never holds thousands of options.
/// Typing a whole name (or id) chooses it; clearing the box chooses nothing.
#[component]
pub fn LongChooser(
    /// Element id, unique within the widget.
    id: String,
    /// The visible label.
    label: &'static str,
    /// The value chosen.
    value: RwSignal<Option<String>>,
    /// What the choices are, plural, for the hint ("partnerships").
    what: &'static str,
    /// The choices as (value, text).
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    use pmap_core::focus::{chosen, name_matches};
    let name_of = move |v: &Option<String>| {
        v.as_ref()
            .and_then(|v| {
                options.with_untracked(|o| o.iter().find(|(i, _)| i == v).map(|(_, n)| n.clone()))
            })
            .unwrap_or_default()
    };
    let text = RwSignal::new(name_of(&value.get_untracked()));
    // A choice made elsewhere (a link, the URL) shows its name here.
    Effect::new(move || {
        let v = value.get();
        if options.with_untracked(|o| chosen(o, &text.get_untracked())) != v {
            text.set(name_of(&v));
        }
    });
    let (label_for, list_id, hint_id) = (id.clone(), format!("{id}-list"), format!("{id}-hint"));
    view! {
        <div class="pm-field">
            <label class="pm-label" for=label_for>{label}</label>
            <input id=id class="pm-input" type="search" autocomplete="off" list=list_id.clone() aria-describedby=hint_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    let pick = options.with_untracked(|o| chosen(o, &t));
                    if pick.is_some() || t.trim().is_empty() {
                        value.set(pick);
                    }
                    text.set(t);
                } />
            <datalist id=list_id>
                {move || options.with(|o| {
                    name_matches(o, &text.get(), 30)
                        .into_iter()
                        .map(|(_, name)| view! { <option value=name.clone()></option> })
                        .collect_view()
                })}
            </datalist>
            <p id=hint_id class="pm-hint">{move || format!("{} {what}: type part of a name", pmap_core::findings::thousands(options.with(Vec::len) as u64))}</p>
        </div>
    }
}

/// "community safety" → "Community safety".
pub fn first_upper(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
