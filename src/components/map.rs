//! The map view: area boundaries (projected to the British National Grid in the core),
//! a body's footprint, the grouping sandbox, suggested groupings, statutory partners and
//! reorganisation impact. The coverage matrix is the map's accessible alternative.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::analysis::grouping::{fit, population, service_kinds};
use pmap_core::analysis::statutory::{statutory_partners, Rule};
use pmap_core::findings::{pct, thousands};
use pmap_core::index::AreaIx;
use pmap_core::model::BodyKind;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;

pub(crate) fn people(p: f64) -> String {
    thousands(p.round() as u64)
}

/// The map view.
#[component]
pub fn MapView() -> impl IntoView {
    view! {
        <div class="pm-mapview">
            <div class="pm-body">
                <section class="pm-panel pm-panel--network" aria-label="Map">
                    <MapPicture />
                    <CoverageMatrix />
                </section>
                <div class="pm-side">
                    <AreaCard />
                    <GroupingPanel />
                </div>
            </div>
            <super::suggest::Suggestions />
            <super::proposals::Proposals />
            <Statutory />
            <Reorganisation />
        </div>
    }
}

#[component]
fn MapPicture() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let footprint_of = RwSignal::new(None::<String>);
    let roving = RwSignal::new(0usize);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let shown_body = move || footprint_of.get().or_else(|| st.sel.selected.get());
    let fp_id = uid.id("footprint");
    let fp_for = fp_id.clone();
    let options = move || {
        st.doc.snapshot.get().map(|s| {
            s.model
                .bodies()
                .iter()
                .filter(|b| !b.covers.is_empty())
                .map(|b| {
                    let v = b.id.clone();
                    view! { <option value=b.id.clone() selected=move || shown_body().as_deref() == Some(v.as_str())>{b.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let picture = move || {
        let snap = st.doc.snapshot.get()?;
        let Some(shapes) = snap.shapes.clone() else {
            return Some(view! { <p class="pm-muted">"This map has no boundaries. Add them to the file's \"boundaries\" (area code → GeoJSON geometry) to see it here; the coverage table below works without them."</p> }.into_any());
        };
        let m = snap.model.clone();
        let label_all = shapes.areas.len() <= 40;
        let centres: Vec<(f64, f64)> = shapes.areas.iter().map(|a| (a.cx, a.cy)).collect();
        let areas = shapes
            .areas
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let code = a.code.clone();
                let x = m.area_index(&code);
                let name = x.map(|x| m.area_name(x).to_string()).unwrap_or_else(|| code.clone());
                let pop = x.and_then(|x| m.population(x));
                let (c1, c2, c3, c4, c5) = (code.clone(), code.clone(), code.clone(), code.clone(), code.clone());
                let m2 = m.clone();
                let share = move || {
                    let id = shown_body()?;
                    let b = m2.body_index(&id)?;
                    let x = m2.area_index(&c1)?;
                    let s = pmap_core::analysis::coverage::share_of(m2.footprint(b), x);
                    (s > 0.0).then_some(s)
                };
                let share2 = share.clone();
                let class = move || {
                    let g = st.grp.grouping.with(|g| g.contains(&c2));
                    let f = st.sel.area_focus.with(|f| f.as_deref() == Some(c2.as_str()));
                    let band = match share() {
                        None => "",
                        Some(s) if s >= 0.98 => " pm-area--full",
                        Some(s) if s >= 0.5 => " pm-area--most",
                        Some(_) => " pm-area--part",
                    };
                    format!("pm-area{band}{}{}", if g { " pm-area--grouped" } else { "" }, if f { " pm-area--focus" } else { "" })
                };
                let label = move || {
                    let g = st.grp.grouping.with(|g| g.contains(&c3));
                    let fp = share2().map(|s| format!(", footprint {}", pct(s))).unwrap_or_default();
                    format!("{name}{}{}{fp}", pop.map(|p| format!(", {} people", people(p))).unwrap_or_default(), if g { ", in the grouping" } else { "" })
                };
                let centres = centres.clone();
                let name_text = x.map(|x| m.area_name(x).to_string()).unwrap_or_default();
                let (cx, cy) = (a.cx, a.cy);
                view! {
                    <path
                        class=class
                        d=a.path.clone()
                        data-area=code.clone()
                        role="button"
                        aria-label=label
                        aria-pressed=move || st.grp.grouping.with(|g| g.contains(&c4)).to_string()
                        tabindex=move || if roving.get() == k { "0" } else { "-1" }
                        on:click=move |_| {
                            roving.set(k);
                            toggle(st, &c5);
                        }
                        on:mouseenter={ let c = code.clone(); move |_| st.sel.area_focus.set(Some(c.clone())) }
                        on:mouseleave=move |_| st.sel.area_focus.set(None)
                        on:focus={ let c = code.clone(); move |_| st.sel.area_focus.set(Some(c.clone())) }
                        on:keydown={
                            let c = code.clone();
                            move |ev: web_sys::KeyboardEvent| {
                                let dir = super::keys::arrow(&ev.key());
                                if let Some(d) = dir {
                                    ev.prevent_default();
                                    if let Some(j) = super::keys::nearest(&centres, k, d) {
                                        roving.set(j);
                                        if let Some(svg) = svg_ref.get_untracked() {
                                            if let Ok(Some(el)) = svg.query_selector(&format!("[data-area]:nth-of-type({})", j + 1)) {
                                                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                                                    let _ = el.focus();
                                                }
                                            }
                                        }
                                    }
                                    return;
                                }
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    toggle(st, &c);
                                }
                            }
                        }
                    >
                        <title>{name_text.clone()}</title>
                    </path>
                    {label_all.then(|| view! { <text class="pm-area__label" x=format!("{cx:.1}") y=format!("{cy:.1}") text-anchor="middle">{name_text}</text> })}
                }
            })
            .collect_view();
        Some(view! {
            <svg node_ref=svg_ref class="pm-map__svg" viewBox=format!("0 0 {:.0} {:.0}", shapes.width, shapes.height) role="group"
                 aria-label="Map of the areas. Tab reaches it; arrow keys move between areas; Enter adds or removes an area from the grouping.">
                <g class="pm-areas">{areas}</g>
            </svg>
        }
        .into_any())
    };
    view! {
        <h3 class="pm-h3">"Map"</h3>
        <div class="pm-toolbar">
            <div class="pm-field">
                <label class="pm-label" for=fp_for>"Show the footprint of"</label>
                <select id=fp_id class="pm-select" on:change=move |ev| { let v = event_target_value(&ev); footprint_of.set((!v.is_empty()).then_some(v)); }>
                    <option value="" selected=move || shown_body().is_none()>"No body"</option>
                    {options}
                </select>
            </div>
        </div>
        <p class="pm-hint">"Select areas to form a grouping (click, or Tab then Enter). Shading shows the chosen body's share of each area: solid = all, mid = most, light = part."</p>
        <div class="pm-map">{picture}</div>
        <p class="pm-attribution pm-muted">"Boundaries: ONS, Open Government Licence v3.0; contains OS data © Crown copyright and database right 2024. Projection: British National Grid."</p>
    }
}

fn toggle(st: AppState, code: &str) {
    let name = st
        .doc
        .snapshot
        .get_untracked()
        .and_then(|s| {
            s.model
                .area_index(code)
                .map(|x| s.model.area_name(x).to_string())
        })
        .unwrap_or_default();
    let mut added = false;
    st.grp.grouping.update(|g| {
        if !g.remove(code) {
            g.insert(code.to_string());
            added = true;
        }
    });
    st.announcement.set(format!(
        "{name} {} the grouping",
        if added { "added to" } else { "removed from" }
    ));
}

/// The area under the pointer: who covers it.
#[component]
fn AreaCard() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let snap = st.doc.snapshot.get()?;
        let code = st.sel.area_focus.get()?;
        let m = &snap.model;
        let x = m.area_index(&code)?;
        let covering: Vec<(String, String, f64)> = (0..m.bodies().len())
            .filter_map(|i| {
                let s = pmap_core::analysis::coverage::share_of(m.footprint(i), x);
                let b = m.body(i)?;
                (s > 0.0 && !b.covers.is_empty())
                    .then(|| (b.kind.label().to_string(), b.name.clone(), s))
            })
            .collect();
        Some(view! {
            <section class="pm-panel pm-details" aria-label=format!("Area: {}", m.area_name(x))>
                <h3 class="pm-h3">{m.area_name(x).to_string()}</h3>
                <p class="pm-details__kind">{format!("{code}{}", m.population(x).map(|p| format!(" · {} people (mid-2023)", people(p))).unwrap_or_default())}</p>
                <ul class="pm-plain-list">
                    {covering.into_iter().map(|(k, n, s)| view! { <li><strong>{k}": "</strong>{n}{(s < 0.98).then(|| format!(" ({})", pct(s)))}</li> }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// The grouping sandbox: the chosen areas, their population against the thresholds, and
/// how the grouping fits each service.
#[component]
fn GroupingPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let (min_id, max_id) = (uid.id("band-min"), uid.id("band-max"));
    let (min_for, max_for) = (min_id.clone(), max_id.clone());
    let pick = move || {
        let snap = st.doc.snapshot.get()?;
        let mut areas: Vec<(String, String)> = snap
            .model
            .areas()
            .iter()
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect();
        pmap_core::order::sort_by(&mut areas, |a, b| a.1.cmp(&b.1));
        Some(
            areas
                .into_iter()
                .map(|(c, n)| {
                    let (c1, c2) = (c.clone(), c.clone());
                    view! {
                        <label class="pm-check">
                            <input type="checkbox" prop:checked=move || st.grp.grouping.with(|g| g.contains(&c1)) on:change=move |_| toggle(st, &c2) />
                            {n}
                        </label>
                    }
                })
                .collect_view(),
        )
    };
    let result = move || {
        let snap = st.doc.snapshot.get()?;
        let codes = st.grp.grouping.get();
        let m = &snap.model;
        let areas: Vec<AreaIx> = codes.iter().filter_map(|c| m.area_index(c)).collect();
        if areas.is_empty() {
            return Some(view! { <p class="pm-muted">"No areas chosen yet."</p> }.into_any());
        }
        let pop = population(m, &areas);
        let (lo, hi) = st.grp.band.get();
        let within = pop >= lo && pop <= hi;
        let names: Vec<String> = areas.iter().map(|&x| m.area_name(x).to_string()).collect();
        let rows = service_kinds(m)
            .into_iter()
            .map(|k| {
                let f = fit(m, &areas, &k);
                let splits: Vec<String> = f
                    .bodies
                    .iter()
                    .map(|b| {
                        format!(
                            "{}: {} inside, {} outside",
                            m.body_name(b.body),
                            people(b.inside),
                            people(b.outside)
                        )
                    })
                    .collect();
                let main = f
                    .main_body
                    .map_or_else(|| "none".to_string(), |b| m.body_name(b).to_string());
                view! {
                    <tr class=format!("pm-fit pm-fit--{}", f.relation.as_str())>
                        <th scope="row">{k.label().to_string()}</th>
                        <td>{f.class.label()}</td>
                        <td>{format!("{} in {main}", pct(f.main_share))}</td>
                        <td>{pct(f.alignment)}</td>
                        <td>{splits.join("; ")}</td>
                    </tr>
                }
            })
            .collect_view();
        let can_save = st.grp.saved.with(|s| s.len() < 3);
        Some(view! {
            <p><strong>{format!("{} areas: ", names.len())}</strong>{names.join(", ")}</p>
            <p class=if within { "pm-ok" } else { "pm-warning-text" }>
                {format!("{} people: {}", people(pop), if within { "within the thresholds".to_string() } else if pop < lo { format!("below {}", people(lo)) } else { format!("above {}", people(hi)) })}
            </p>
            <div class="pm-table-wrap" tabindex="0" role="region" aria-label="How the grouping fits each service">
                <table class="pm-table pm-fit-table">
                    <caption class="pm-visually-hidden">"How the grouping fits each service"</caption>
                    <thead><tr><th scope="col">"Service"</th><th scope="col">"Class"</th><th scope="col">"People in its main body"</th><th scope="col">"Fit (group side)"</th><th scope="col">"How it splits the service's bodies (people)"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="pm-hint">"Fit is 100% when the grouping matches one of the service's bodies, lies inside one, or is made of whole ones; otherwise it is the share of its people in its main body. The suggestions below also weigh the service's side: how many groups each body is split across."</p>
            <div class="pm-buttons">
                <button type="button" class="pm-button pm-button--small" disabled=!can_save on:click=move |_| {
                    let g = st.grp.grouping.get_untracked();
                    st.grp.saved.update(|s| {
                        let name = format!("Grouping {}", ["A", "B", "C"].get(s.len()).copied().unwrap_or("D"));
                        s.push((name, g));
                    });
                }>"Save for comparison"</button>
                <button type="button" class="pm-button pm-button--small" on:click=move |_| st.grp.grouping.set(BTreeSet::new())>"Clear the grouping"</button>
            </div>
        }
        .into_any())
    };
    let compare = move || {
        let snap = st.doc.snapshot.get()?;
        let saved = st.grp.saved.get();
        if saved.is_empty() {
            return None;
        }
        let m = &snap.model;
        let kinds = service_kinds(m);
        let groups: Vec<(String, Vec<AreaIx>)> = saved
            .iter()
            .map(|(n, c)| {
                (
                    n.clone(),
                    c.iter().filter_map(|x| m.area_index(x)).collect(),
                )
            })
            .collect();
        Some(view! {
            <h4 class="pm-h4">"Compare groupings"</h4>
            <div class="pm-table-wrap" tabindex="0" role="region" aria-label="Saved groupings side by side">
                <table class="pm-table pm-compare">
                    <caption class="pm-visually-hidden">"Saved groupings side by side"</caption>
                    <thead><tr><th scope="col">"Service"</th>{groups.iter().map(|(n, _)| view! { <th scope="col">{n.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        <tr><th scope="row">"Areas"</th>{groups.iter().map(|(_, a)| view! { <td>{a.iter().map(|&x| m.area_name(x).to_string()).collect::<Vec<_>>().join(", ")}</td> }).collect_view()}</tr>
                        <tr><th scope="row">"People"</th>{groups.iter().map(|(_, a)| view! { <td>{people(population(m, a))}</td> }).collect_view()}</tr>
                        {kinds.iter().map(|k| view! {
                            <tr><th scope="row">{k.label().to_string()}</th>
                                {groups.iter().map(|(_, a)| { let f = fit(m, a, k); view! { <td>{format!("{} · {} in its main body · fit {}", f.class.label(), pct(f.main_share), pct(f.alignment))}</td> } }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="button" class="pm-button pm-button--small" on:click=move |_| st.grp.saved.set(Vec::new())>"Clear the comparison"</button>
        })
    };
    view! {
        <section class="pm-panel pm-grouping" aria-label="Grouping sandbox">
            <h3 class="pm-h3">"Grouping sandbox"</h3>
            <div class="pm-toolbar">
                <div class="pm-field">
                    <label class="pm-label" for=min_for>"Smallest population"</label>
                    <input id=min_id class="pm-input pm-input--num" type="number" min="0" step="50000" prop:value=move || st.grp.band.get().0.to_string()
                        on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<f64>() { st.grp.band.update(|b| b.0 = v.max(0.0)); } } />
                </div>
                <div class="pm-field">
                    <label class="pm-label" for=max_for>"Largest population"</label>
                    <input id=max_id class="pm-input pm-input--num" type="number" min="0" step="50000" prop:value=move || st.grp.band.get().1.to_string()
                        on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<f64>() { st.grp.band.update(|b| b.1 = v.max(0.0)); } } />
                </div>
            </div>
            {result}
            <details class="pm-alt">
                <summary class="pm-alt__summary">"Choose areas from a list"</summary>
                <div class="pm-checks pm-checks--columns">{pick}</div>
            </details>
            {compare}
        </section>
    }
}

/// Statutory partners by the "any part of which falls within" rule.
#[component]
fn Statutory() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let subject = RwSignal::new(String::new());
    let rule = RwSignal::new(Rule::ChildrenAct2004S10);
    let (s_id, r_id) = (uid.id("stat-subject"), uid.id("stat-rule"));
    let (s_for, r_for) = (s_id.clone(), r_id.clone());
    let options = move || {
        let snap = st.doc.snapshot.get()?;
        Some(
            snap.model
                .bodies()
                .iter()
                .filter(|b| matches!(b.kind.sector(), pmap_core::model::Sector::Council | pmap_core::model::Sector::Partnership))
                .map(|b| {
                    let v = b.id.clone();
                    view! { <option value=b.id.clone() selected=move || subject.get() == v>{b.name.clone()}</option> }
                })
                .collect_view(),
        )
    };
    let result = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let i = m.body_index(&subject.get())?;
        let c = statutory_partners(m, i, rule.get());
        let name = |id: &String| {
            m.body_index(id)
                .map_or(id.clone(), |j| m.body_name(j).to_string())
        };
        Some(view! {
            <div class="pm-statutory">
                <h4 class="pm-h4">{format!("Must be partners under {}", c.rule.citation())}</h4>
                <ul class="pm-plain-list">
                    {c.required.iter().map(|r| view! {
                        <li class=if r.member { "pm-ok" } else { "pm-warning-text" }>
                            {format!("{} — {} of its people live in the area; {}", name(&r.body), pct(r.share_inside), if r.member { "a member" } else { "not a member" })}
                        </li>
                    }).collect_view()}
                </ul>
                <p><strong>"Missing: "</strong>{if c.missing.is_empty() { "nobody".to_string() } else { c.missing.iter().map(name).collect::<Vec<_>>().join(", ") }}</p>
                <p><strong>"Members with no duty under this rule: "</strong>{if c.no_duty.is_empty() { "none".to_string() } else { c.no_duty.iter().map(name).collect::<Vec<_>>().join(", ") }}</p>
            </div>
        })
    };
    view! {
        <section class="pm-panel pm-stat-panel" aria-label="Statutory partners">
            <h3 class="pm-h3">"Statutory partners"</h3>
            <p class="pm-hint">"A body must be a partner when any part of its area falls within the council's or partnership's area, however small the part."</p>
            <div class="pm-toolbar">
                <div class="pm-field">
                    <label class="pm-label" for=s_for>"Council or partnership"</label>
                    <select id=s_id class="pm-select" on:change=move |ev| subject.set(event_target_value(&ev))>
                        <option value="" selected=move || subject.get().is_empty()>"Choose one"</option>
                        {options}
                    </select>
                </div>
                <div class="pm-field">
                    <label class="pm-label" for=r_for>"Rule"</label>
                    <select id=r_id class="pm-select" on:change=move |ev| rule.set(if event_target_value(&ev) == "s104" { Rule::Lgpih2007S104 } else { Rule::ChildrenAct2004S10 })>
                        <option value="s10">"Children Act 2004 s10"</option>
                        <option value="s104">"LGPIH Act 2007 s104"</option>
                    </select>
                </div>
            </div>
            {result}
        </section>
    }
}

/// Replaced areas the map still uses.
#[component]
fn Reorganisation() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let impacts = pmap_core::reorg::impact(m);
        if impacts.is_empty() {
            return None;
        }
        let name = |id: &String| {
            m.body_index(id)
                .map_or(id.clone(), |j| m.body_name(j).to_string())
        };
        let rname = |id: &String| {
            m.responsibility_index(id)
                .and_then(|j| m.file().responsibilities.get(j))
                .map_or(id.clone(), |r| r.name.clone())
        };
        Some(view! {
            <section class="pm-panel pm-reorg" aria-label="Reorganisation impact">
                <h3 class="pm-h3">"Reorganisation impact"</h3>
                <p class="pm-hint">"These areas have been replaced. Everything below still refers to the old ones."</p>
                <ul class="pm-cards">
                    {impacts.iter().map(|i| view! {
                        <li class="pm-card" data-stale=i.succession.old_code.clone()>
                            <h4 class="pm-card__title">{format!("{} ({}) → {} ({}), {}", i.succession.old_name, i.succession.old_code, i.succession.new_name, i.succession.new_code, i.succession.year)}</h4>
                            <dl class="pm-summary pm-summary--compact">
                                <dt>"Bodies"</dt><dd>{i.bodies.iter().map(name).collect::<Vec<_>>().join(", ")}</dd>
                                <dt>"Partnerships"</dt><dd>{if i.partnerships.is_empty() { "none".to_string() } else { i.partnerships.iter().map(name).collect::<Vec<_>>().join(", ") }}</dd>
                                <dt>"Agreements"</dt><dd>{if i.agreements.is_empty() { "none".to_string() } else { i.agreements.iter().map(|a| m.file().agreements.iter().find(|x| &x.id == a).map_or(a.clone(), |x| x.name.clone())).collect::<Vec<_>>().join(", ") }}</dd>
                                <dt>"Responsibilities"</dt><dd>{if i.responsibilities.is_empty() { "none".to_string() } else { i.responsibilities.iter().map(rname).collect::<Vec<_>>().join(", ") }}</dd>
                            </dl>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// Areas × bodies: the accessible alternative to the map.
#[component]
fn CoverageMatrix() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let kind = RwSignal::new(None::<String>);
    let k_id = uid.id("matrix-kind");
    let k_for = k_id.clone();
    let kinds = move || {
        let snap = st.doc.snapshot.get()?;
        let mut k: Vec<(String, String)> = snap
            .model
            .bodies()
            .iter()
            .filter(|b| !b.covers.is_empty())
            .map(|b| (b.kind.as_str().to_string(), b.kind.label().to_string()))
            .collect();
        pmap_core::order::sort(&mut k);
        k.dedup();
        Some(
            k.into_iter()
                .map(|(v, l)| view! { <option value=v>{l}</option> })
                .collect_view(),
        )
    };
    let table = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let chosen = kind.get().or_else(|| {
            m.bodies()
                .iter()
                .find(|b| b.kind == BodyKind::Icb)
                .map(|_| "icb".to_string())
        })?;
        let bodies: Vec<usize> = (0..m.bodies().len())
            .filter(|&i| {
                m.body(i)
                    .is_some_and(|b| b.kind.as_str() == chosen && !b.covers.is_empty())
            })
            .collect();
        Some(view! {
            <div class="pm-table-wrap" tabindex="0" role="region" aria-label="Coverage table">
                <table class="pm-table pm-matrix">
                    <caption class="pm-visually-hidden">"Share of each area's people covered by each body"</caption>
                    <thead><tr><th scope="col">"Area"</th>{bodies.iter().map(|&b| view! { <th scope="col">{m.body_name(b).to_string()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {(0..m.areas().len() as AreaIx).map(|x| view! {
                            <tr><th scope="row">{m.area_name(x).to_string()}</th>
                                {bodies.iter().map(|&b| { let s = pmap_core::analysis::coverage::share_of(m.footprint(b), x); view! { <td>{if s > 0.0 { pct(s) } else { String::new() }}</td> } }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    view! {
        <details class="pm-alt">
            <summary class="pm-alt__summary">"Show coverage as a table (areas × bodies)"</summary>
            <div class="pm-field">
                <label class="pm-label" for=k_for>"Bodies of kind"</label>
                <select id=k_id class="pm-select" on:change=move |ev| kind.set(Some(event_target_value(&ev)))>{kinds}</select>
            </div>
            {table}
        </details>
    }
}

/// Fills the grouping with many areas at once: every area a body covers (a police force, an
/// ICB, a county), or every area on the map.
#[component]
pub fn AreaPicker() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let id = uid.id("area-source");
    let id2 = id.clone();
    let pick = RwSignal::new(String::new());
    let options = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let mut bodies: Vec<(String, String, usize)> = (0..m.bodies().len())
            .filter_map(|i| {
                let n = m.footprint(i).len();
                (n >= 2).then(|| (m.body_name(i).to_string(), m.bodies()[i].id.clone(), n))
            })
            .collect();
        pmap_core::order::sort(&mut bodies);
        Some(
            bodies
                .into_iter()
                .map(|(name, id, n)| view! { <option value=id>{format!("{name} ({n} areas)")}</option> })
                .collect_view(),
        )
    };
    let add = move |_| {
        let Some(snap) = st.doc.snapshot.get_untracked() else {
            return;
        };
        let m = &snap.model;
        let want = pick.get_untracked();
        let codes: Vec<String> = if want == "*" {
            m.areas().iter().map(|a| a.code.clone()).collect()
        } else if let Some(b) = m.body_index(&want) {
            m.footprint(b)
                .iter()
                .filter_map(|&(x, _)| m.area(x).map(|a| a.code.clone()))
                .collect()
        } else {
            return;
        };
        let n = codes.len();
        st.grp.grouping.update(|g| g.extend(codes));
        st.announcement
            .set(format!("{n} areas added to the grouping"));
    };
    view! {
        <div class="pm-toolbar">
            <div class="pm-field">
                <label class="pm-label" for=id2>"Add many areas at once"</label>
                <select id=id class="pm-select" on:change=move |ev| pick.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    <option value="*">"Every area on the map"</option>
                    {options}
                </select>
            </div>
            <button type="button" class="pm-button pm-button--small" on:click=add>"Add these areas"</button>
            <button type="button" class="pm-button pm-button--small" on:click=move |_| st.grp.grouping.set(BTreeSet::new())>"Clear the grouping"</button>
        </div>
    }
}
