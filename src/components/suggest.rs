//! Suggested groupings: the search runs in the worker ([`crate::worker`]) with progress and
//! Cancel, so a region of 64 districts, or all of England, never freezes the page. The
//! answer has the same shape as `pmap-check --suggest` prints.

use super::map::{people, AreaPicker};
use crate::state::tasks::{spawn, Task};
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::analysis::grouping::{service_kinds, EXACT_LIMIT};
use pmap_core::findings::pct;
use serde::Deserialize;
use std::collections::BTreeSet;

/// One body of a kind, as a group splits it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BodyOut {
    /// The body's id.
    pub id: String,
    /// Its people inside the group.
    pub inside: f64,
    /// Its people outside the group.
    pub outside: f64,
}

/// How a group lines up with one kind of service.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KindOut {
    /// The kind, as the file format names it.
    pub kind: String,
    /// `coterminous`, `inside`, `contains_several` or `misaligned`.
    pub class: String,
    /// The body of that kind holding most of the group's people.
    pub main_body: Option<String>,
    /// Share of the group's people inside it.
    pub main_share: f64,
    /// Every body of the kind the group touches.
    #[serde(default)]
    pub bodies: Vec<BodyOut>,
}

/// One group of a suggestion.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GroupOut {
    /// Area codes.
    pub areas: Vec<String>,
    /// People.
    pub population: f64,
    /// Whether its areas touch (None: the map has no boundaries or neighbours).
    pub contiguous: Option<bool>,
    /// How it lines up with each kind.
    #[serde(default)]
    pub kinds: Vec<KindOut>,
}

/// A suggestion as the worker (and `pmap-check --suggest`) gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SuggestOut {
    /// The overall score, 0..=1.
    pub score: f64,
    /// Found by exhaustive search.
    pub exact: bool,
    /// Milliseconds the search took in the worker.
    pub ms: f64,
    /// `enforced`, `not enforced` or `unknown`.
    #[serde(default)]
    pub contiguity: Option<String>,
    /// The groups.
    pub groups: Vec<GroupOut>,
}

/// Suggested groupings.
#[component]
pub fn Suggestions() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let groups = RwSignal::new(String::new());
    let loose = RwSignal::new(false);
    let out = RwSignal::new(None::<Result<SuggestOut, String>>);
    let running = RwSignal::new(None::<f64>);
    let task = StoredValue::new_local(None::<Task>);
    let (g_id, nc_id) = (uid.id("groups"), uid.id("noncontiguous"));
    let (g_for, nc_for) = (g_id.clone(), nc_id.clone());
    let kinds = move || {
        let snap = st.doc.snapshot.get()?;
        Some(
            service_kinds(&snap.model)
                .into_iter()
                .map(|k| {
                    let (k1, k2) = (k.as_str().to_string(), k.as_str().to_string());
                    view! {
                        <label class="pm-check">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.is_empty() || c.contains(&k1))
                                on:change=move |_| chosen.update(|c| {
                                    // An empty set means "all"; unticking one starts from all.
                                    if c.is_empty() {
                                        if let Some(s) = st.doc.snapshot.get_untracked() {
                                            c.extend(service_kinds(&s.model).iter().map(|k| k.as_str().to_string()));
                                        }
                                    }
                                    if !c.remove(&k2) {
                                        c.insert(k2.clone());
                                    }
                                }) />
                            {k.label().to_string()}
                        </label>
                    }
                })
                .collect_view(),
        )
    };
    let cancel = move || {
        if let Some(t) = task.get_value() {
            t.cancel();
        }
        task.set_value(None);
        running.set(None);
        out.set(Some(Err(
            "The search was cancelled. Nothing was changed.".to_string()
        )));
    };
    let run = move |_| {
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        let m = &snap.model;
        let codes: Vec<String> = st
            .grp
            .grouping
            .get_untracked()
            .into_iter()
            .filter(|c| m.area_index(c).is_some())
            .collect();
        if codes.len() < 2 {
            out.set(Some(Err("Choose at least two areas on the map (or from the list) first: the suggestion divides them into groups.".to_string())));
            return;
        }
        let c = chosen.get_untracked();
        let kinds: Vec<String> = service_kinds(m)
            .into_iter()
            .filter(|k| c.is_empty() || c.contains(k.as_str()))
            .map(|k| k.as_str().to_string())
            .collect();
        let (lo, hi) = st.grp.band.get_untracked();
        let n: Option<usize> = groups
            .get_untracked()
            .trim()
            .parse()
            .ok()
            .filter(|&n: &usize| n >= 1);
        let map = serde_json::to_string(m.file()).unwrap_or_default();
        let input = serde_json::json!({
            "map": map, "areas": codes, "kinds": kinds,
            "min": if n.is_some() { 0.0 } else { lo },
            "max": if n.is_some() { None } else { Some(hi) },
            "groups": n, "allowNoncontiguous": loose.get_untracked(),
        });
        let input = crate::embed::to_js(&input);
        if let Some(t) = task.get_value() {
            t.cancel();
        }
        out.set(None);
        running.set(Some(0.0));
        let on_progress = move |v: wasm_bindgen::JsValue| {
            if let Some(p) = js_sys::Reflect::get(&v, &"progress".into())
                .ok()
                .and_then(|p| p.as_f64())
            {
                running.set(Some(p));
            }
        };
        let on_done = move |r: Result<wasm_bindgen::JsValue, String>| {
            running.set(None);
            task.set_value(None);
            let parsed = r.and_then(|v| {
                let text = v.as_string().unwrap_or_default();
                serde_json::from_str::<Option<SuggestOut>>(&text).map_err(|e| e.to_string())
            });
            out.set(Some(match parsed {
                Ok(Some(s)) => Ok(s),
                Ok(None) => Err("No way of dividing these areas meets the thresholds: widen them, set a number of groups, or allow groups whose areas do not touch.".to_string()),
                Err(e) => Err(format!("The search failed: {e}")),
            }));
            st.announcement.set("The suggestion is ready.".into());
        };
        task.set_value(Some(spawn("suggest", input, on_progress, on_done)));
    };
    let result = move || {
        let r = out.get()?;
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        Some(match r {
            Err(e) => view! { <p class="pm-warning-text">{e}</p> }.into_any(),
            Ok(s) => {
                let how = if s.exact {
                    "exhaustive search: the best possible".to_string()
                } else {
                    "regionalisation search: good, not guaranteed best".to_string()
                };
                let contiguity = match s.contiguity.as_deref() {
                    Some("enforced") => "Every group's areas touch.",
                    Some("not enforced") => "Groups whose areas do not touch were allowed.",
                    _ => "This map has no boundaries or neighbours, so whether areas touch was not checked.",
                };
                view! {
                    <div>
                        <p><strong>{format!("Suggested: {} groups, score {} ", s.groups.len(), pct(s.score))}</strong>
                            {format!("({how}; {:.0} ms). {contiguity}", s.ms)}</p>
                        <button type="button" class="pm-button pm-button--small" on:click={
                            let s = s.clone();
                            move |_| add_as_proposal(st, &s)
                        }>"Add as a proposal to compare"</button>
                        <ol class="pm-suggestion">
                            {s.groups.iter().map(|g| {
                                let names: Vec<String> = g.areas.iter().map(|c| m.area_index(c).map_or(c.clone(), |x| m.area_name(x).to_string())).collect();
                                let codes: BTreeSet<String> = g.areas.iter().cloned().collect();
                                let touch = match g.contiguous {
                                    Some(true) => "; its areas touch",
                                    Some(false) => "; its areas do NOT all touch",
                                    None => "",
                                };
                                view! {
                                    <li>{format!("{} ({} people{touch}) ", names.join(", "), people(g.population))}
                                        <button type="button" class="pm-link" on:click=move |_| st.grp.grouping.set(codes.clone())>"explore this group"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="pm-panel pm-suggest" aria-label="Suggest groupings">
            <h3 class="pm-h3">"Suggest groupings"</h3>
            <p class="pm-hint">{format!("Divides the areas in the grouping into new councils within the population thresholds (or into a set number), so that each new council sits inside its services' areas and each service deals with as few new councils as possible. The search runs in the background; you can keep working, or cancel it. Up to {EXACT_LIMIT} areas every possible division is tried, so the answer is the best there is; above that a regionalisation search is used.")}</p>
            <AreaPicker />
            <fieldset class="pm-fieldset"><legend>"Services to line up with"</legend><div class="pm-checks">{kinds}</div></fieldset>
            <div class="pm-toolbar">
                <div class="pm-field">
                    <label class="pm-label" for=g_for>"Number of groups (optional)"</label>
                    <input id=g_id class="pm-input pm-input--num" type="number" min="1" prop:value=move || groups.get() on:input=move |ev| groups.set(event_target_value(&ev)) />
                </div>
                <label class="pm-check" for=nc_for>
                    <input id=nc_id type="checkbox" prop:checked=move || loose.get() on:change=move |_| loose.update(|v| *v = !*v) />
                    "Allow groups whose areas do not touch"
                </label>
                <button type="button" class="pm-button pm-button--primary" disabled=move || running.get().is_some() on:click=run>"Suggest groupings"</button>
            </div>
            {move || running.get().map(|_| view! {
                <super::TaskProgress label=Signal::derive(move || format!("Searching {} areas", st.grp.grouping.with(BTreeSet::len)))
                    value=Signal::derive(move || running.get().unwrap_or(0.0))
                    stop_label="Cancel the search"
                    on_stop=Callback::new(move |()| cancel()) />
            })}
            <div role="status">{result}</div>
        </section>
    }
}

/// Appends a suggestion to the proposals being compared, as CSV rows.
fn add_as_proposal(st: AppState, s: &SuggestOut) {
    st.grp.proposals.update(|(csv, name)| {
        if csv.trim().is_empty() {
            *csv = "proposal,council,area_code\n".to_string();
            *name = "suggested proposals".to_string();
        }
        let n = csv
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect::<BTreeSet<_>>()
            .len();
        let title = format!("Suggestion {} ({} councils)", n + 1, s.groups.len());
        for (i, g) in s.groups.iter().enumerate() {
            for c in &g.areas {
                csv.push_str(&format!("{title},New council {},{c}\n", i + 1));
            }
        }
    });
    st.announcement
        .set("Added to the proposals: see Compare reorganisation proposals below.".into());
}
