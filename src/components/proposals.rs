//! Reorganisation proposals, compared side by side: up to three ways of dividing the areas
//! into new councils, from a CSV file (`proposal,council,area_code`), pasted, or taken from
//! a suggestion. Every rule is the core's ([`pmap_core::analysis::proposals`]); this only
//! shows it, and saves it as CSV and as a picture.

use super::data::download;
use super::map::people;
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::analysis::grouping::{service_kinds, Band};
use pmap_core::analysis::proposals::{compare, parse, to_csv, Comparison, MAX_PROPOSALS};
use pmap_core::findings::pct;
use pmap_core::Model;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// An example for the paste box: two proposals for three areas.
const EXAMPLE: &str = "proposal,council,area_code\nNorth and south,North,E07000084\nNorth and south,North,E07000089\nNorth and south,South,E07000090\n";

/// The comparison of the proposals in `csv` on the map on screen, or the file's problems.
fn comparison(
    st: AppState,
    snap: &crate::state::Snapshot,
    name: &str,
    csv: &str,
) -> Result<Comparison, Vec<pmap_core::Diagnostic>> {
    let m = &snap.model;
    let (proposals, diagnostics) = parse(m, name, csv);
    let Some(proposals) = proposals else {
        return Err(diagnostics);
    };
    let (lo, hi) = st.grp.band.get();
    let band = Band {
        min: lo,
        max: hi,
        groups: None,
    };
    let adjacency = snap.adjacency();
    Ok(compare(m, &proposals, &service_kinds(m), &band, &|areas| {
        adjacency.contiguity(areas)
    }))
}

fn body_name(m: &Model, id: &str) -> String {
    m.body_index(id)
        .map_or_else(|| id.to_string(), |i| m.body_name(i).to_string())
}

fn names(m: &Model, ids: &[String]) -> String {
    if ids.is_empty() {
        return "none".to_string();
    }
    ids.iter()
        .map(|i| body_name(m, i))
        .collect::<Vec<_>>()
        .join(", ")
}

fn named<'a>(items: impl Iterator<Item = (&'a String, &'a String)>, ids: &[String]) -> String {
    let all: Vec<(&String, &String)> = items.collect();
    if ids.is_empty() {
        return "none".to_string();
    }
    ids.iter()
        .map(|id| {
            all.iter()
                .find(|(i, _)| *i == id)
                .map_or_else(|| id.clone(), |(_, n)| (*n).clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The proposals panel.
#[component]
pub fn Proposals() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let (paste_id, file_id) = (uid.id("proposals-paste"), uid.id("proposals-file"));
    let (paste_for, file_for) = (paste_id.clone(), file_id.clone());
    let draft = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        let csv = st.grp.proposals.get();
        if csv.0.trim().is_empty() {
            return None;
        }
        let snap = st.doc.snapshot.get()?;
        Some(Arc::new(comparison(st, &snap, &csv.1, &csv.0)))
    });
    let read_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(f) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        wasm_bindgen_futures::spawn_local(async move {
            let name = f.name();
            if f.size() > pmap_core::limits::MAX_FILE_BYTES as f64 {
                st.announcement.set(format!("{name} is too large to read"));
                return;
            }
            if let Ok(buf) = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                let (text, _) = pmap_core::text::decode(&name, &bytes);
                st.grp.proposals.set((text, name));
            }
        });
    };
    let table = move || {
        let r = result.get()?;
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        Some(match &*r {
            Err(d) => view! {
                <div class="pm-warning" role="alert">
                    <p><strong>"The proposals could not be read:"</strong></p>
                    <ul>{d.iter().map(|x| view! { <li>{format!("{}: {}", x.path, x.message)}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            Ok(c) => {
                let heads = c.proposals.iter().map(|p| view! { <th scope="col">{p.name.clone()}</th> }).collect_view();
                let row = |label: String, cells: Vec<String>| {
                    view! { <tr><th scope="row">{label}</th>{cells.into_iter().map(|t| view! { <td>{t}</td> }).collect_view()}</tr> }
                };
                let mut rows = Vec::new();
                rows.push(row("Overall score".into(), c.proposals.iter().map(|p| pct(p.score)).collect()));
                rows.push(row("New councils (people, against the band)".into(), c.proposals.iter().map(|p| {
                    p.councils.iter().map(|k| format!("{}: {} people, {} the band", k.name, people(k.population), k.band.as_str())).collect::<Vec<_>>().join("; ")
                }).collect()));
                rows.push(row("Areas touch (contiguous)".into(), c.proposals.iter().map(|p| {
                    p.councils.iter().map(|k| format!("{}: {}", k.name, match k.contiguous { Some(true) => "yes", Some(false) => "NO", None => "unknown" })).collect::<Vec<_>>().join("; ")
                }).collect()));
                for (ki, kind) in c.kinds.iter().enumerate() {
                    rows.push(row(format!("Lines up with {}", kind.label()), c.proposals.iter().map(|p| {
                        let k = p.report.kinds.get(ki);
                        let each = p.councils.iter().filter_map(|co| {
                            let f = co.kinds.get(ki)?;
                            Some(format!("{} {} ({} in {})", co.name, f.class.as_str().replace('_', " "), pct(f.main_share), f.main_body.map_or("none".to_string(), |b| m.body_name(b).to_string())))
                        }).collect::<Vec<_>>().join("; ");
                        k.map_or(String::new(), |k| format!("{}: councils inside their service {}, services kept whole {}. {each}", pct(k.score), pct(k.group_side), pct(k.service_side)))
                    }).collect()));
                }
                rows.push(row("Partnerships it splits".into(), c.proposals.iter().map(|p| {
                    if p.splits.is_empty() { "none".to_string() } else {
                        p.splits.iter().map(|s| format!("{} (across {} councils; {} people outside its main one)", body_name(m, &s.body), s.spread.groups, people(s.spread.outside_main))).collect::<Vec<_>>().join("; ")
                    }
                }).collect()));
                rows.push(row("Statutory partners of each new council".into(), c.proposals.iter().map(|p| {
                    p.councils.iter().map(|k| format!("{}: {}", k.name, names(m, &k.partners.iter().map(|x| x.body.clone()).collect::<Vec<_>>()))).collect::<Vec<_>>().join("; ")
                }).collect()));
                let file = m.file();
                rows.push(row("What lapses: councils replaced".into(), c.proposals.iter().map(|p| names(m, &p.lapses.bodies)).collect()));
                rows.push(row("What lapses: partnerships".into(), c.proposals.iter().map(|p| names(m, &p.lapses.partnerships)).collect()));
                rows.push(row("What lapses: agreements".into(), c.proposals.iter().map(|p| named(file.agreements.iter().map(|a| (&a.id, &a.name)), &p.lapses.agreements)).collect()));
                rows.push(row("What lapses: responsibilities".into(), c.proposals.iter().map(|p| named(file.responsibilities.iter().map(|a| (&a.id, &a.name)), &p.lapses.responsibilities)).collect()));
                let c2 = c.clone();
                let c3 = c.clone();
                let title = m.file().meta.title.clone();
                let shapes = snap.shapes.clone();
                let m2 = snap.clone();
                // Scores over different areas are not like for like: say so first.
                let uneven: Vec<String> = c
                    .proposals
                    .iter()
                    .filter(|p| !p.leaves_out.is_empty())
                    .map(|p| {
                        let names: Vec<String> = p.leaves_out.iter().map(|code| {
                            m.area_index(code).and_then(|x| m.area(x)).map_or_else(|| code.clone(), |a| a.name.clone())
                        }).collect();
                        format!("{} leaves out {} that another proposal divides.", p.name, names.join(", "))
                    })
                    .collect();
                let uneven = (!uneven.is_empty()).then(|| view! {
                    <div class="pm-warning" role="note">
                        <p><strong>"These proposals do not cover the same areas, so their scores are not like for like."</strong></p>
                        <ul>{uneven.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    </div>
                });
                view! {
                    {uneven}
                    <div class="pm-table-wrap" tabindex="0" role="region" aria-label="Proposals side by side">
                        <table class="pm-table pm-compare pm-proposals">
                            <caption>"Proposals side by side"</caption>
                            <thead><tr><th scope="col">"Measure"</th>{heads}</tr></thead>
                            <tbody>{rows.into_iter().collect_view()}</tbody>
                        </table>
                    </div>
                    <div class="pm-buttons">
                        <button type="button" class="pm-button pm-button--small" on:click=move |_| download("proposals.csv", "text/csv", &to_csv(&c2))>"Save the comparison (CSV)"</button>
                        <button type="button" class="pm-button pm-button--small" on:click=move |_| {
                            let svg = pmap_core::proposal_picture::to_svg(&m2.model, &c3, shapes.as_ref(), &title);
                            download("proposals.svg", "image/svg+xml", &svg);
                        }>"Save the comparison (picture, SVG)"</button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="pm-panel pm-proposals-panel" aria-label="Reorganisation proposals">
            <h3 class="pm-h3">"Compare reorganisation proposals"</h3>
            <p class="pm-hint">{format!("Up to {MAX_PROPOSALS} proposals, each a set of new councils. Give them as a CSV file with the columns proposal, council, area_code (one row per area of each new council), paste them, or add a suggestion. Each is scored on what this map can measure: people per new council against the band, whether its areas touch, how it lines up with police, fire, NHS, probation and community safety areas, which partnerships it splits, each new council's statutory partners, and what lapses if it is adopted.")}</p>
            <div class="pm-toolbar">
                <div class="pm-field">
                    <label class="pm-label" for=file_for>"Import proposals (CSV)"</label>
                    <input id=file_id class="pm-file" type="file" accept=".csv,text/csv" on:change=read_file />
                </div>
            </div>
            <div class="pm-field">
                <label class="pm-label" for=paste_for>"Or paste them"</label>
                <textarea id=paste_id class="pm-textarea" rows="4" placeholder=EXAMPLE prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
            </div>
            <div class="pm-buttons">
                <button type="button" class="pm-button pm-button--small" on:click=move |_| st.grp.proposals.set((draft.get_untracked(), "pasted proposals".to_string()))>"Compare pasted proposals"</button>
                <button type="button" class="pm-button pm-button--small" on:click=move |_| { st.grp.proposals.set((String::new(), String::new())); draft.set(String::new()); }>"Clear the proposals"</button>
            </div>
            {table}
        </section>
    }
}
