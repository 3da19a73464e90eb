//! "Who does what": the directory for new board members. Pick an area and a theme to see
//! who leads, who else takes part, and who each answers to; browse every body's details.

use super::toolbar::{first_upper, OptionalSelect};
use super::Glossed;
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::analysis::accountability::AccountabilityPath;
use pmap_core::directory::who_does_what;
use pmap_core::findings::pct;
use pmap_core::model::OwnerRole;
use pmap_core::viewstate::View;

fn role_label(r: OwnerRole) -> &'static str {
    match r {
        OwnerRole::Lead => "Leads",
        OwnerRole::Contributes => "Contributes",
        OwnerRole::Commissions => "Commissions",
        OwnerRole::Delivers => "Delivers",
    }
}

/// The path as "A → B → C", or why there is none.
pub fn describe_path(m: &pmap_core::Model, p: &AccountabilityPath) -> String {
    let name = |id: &String| m.name_of(id);
    match p {
        AccountabilityPath::Elected => "Elected: answers to local voters".to_string(),
        AccountabilityPath::Found { path } => path.iter().map(name).collect::<Vec<_>>().join(" → "),
        AccountabilityPath::DeadEnd { ends, .. } => format!(
            "No route to an elected body (stops at {})",
            ends.iter().map(name).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The directory view.
/// Body cards listed at a time.
const PAGE: usize = 50;

#[component]
pub fn DirectoryView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let search_id = uid.id("dir-search");
    let search_for = search_id.clone();
    let text = RwSignal::new(String::new());
    // Cards listed; a national map has hundreds of bodies, so they come a page at a time.
    let shown = RwSignal::new(PAGE);

    let areas = Signal::derive(move || {
        let Some(snap) = st.doc.snapshot.get() else {
            return Vec::new();
        };
        let mut areas: Vec<(String, String)> = snap
            .model
            .areas()
            .iter()
            .map(|a| (a.code.clone(), a.name.clone()))
            .collect();
        pmap_core::order::sort_by(&mut areas, |a, b| a.1.cmp(&b.1));
        areas
    });

    let answers = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let area = st.sel.area.get();
        let theme = st.net.theme_filter.get();
        let q = text.get().trim().to_lowercase();
        let area_name = area
            .as_deref()
            .and_then(|a| m.area_index(a))
            .map(|x| m.area_name(x).to_string());
        let list: Vec<_> = who_does_what(m, area.as_deref(), theme.as_deref())
            .into_iter()
            .filter_map(|a| {
                let r = m
                    .responsibility_index(&a.responsibility)
                    .and_then(|i| m.file().responsibilities.get(i))?
                    .clone();
                (q.is_empty()
                    || r.name.to_lowercase().contains(&q)
                    || a.owners.iter().any(|o| o.body.to_lowercase().contains(&q)))
                .then_some((a, r))
            })
            .collect();
        let n = list.len();
        let heading = match (&area_name, &theme) {
            (Some(a), Some(t)) => format!("{} in {a}", first_upper(t)),
            (Some(a), None) => format!("Responsibilities in {a}"),
            (None, Some(t)) => first_upper(t),
            (None, None) => "All responsibilities".to_string(),
        };
        Some(view! {
            <h4 class="pm-h4">{heading} " " <span class="pm-count">{format!("({n})")}</span></h4>
            {(n == 0).then(|| view! { <p class="pm-muted">"Nothing recorded for this choice."</p> })}
            <ul class="pm-cards">
                {list.into_iter().map(|(a, r)| {
                    let owners = if a.owners.is_empty() {
                        view! { <p class="pm-warning-text">{format!("Nobody is recorded as owning this{}.", area_name.as_ref().map(|x| format!(" in {x}")).unwrap_or_default())}</p> }.into_any()
                    } else {
                        view! {
                            <dl class="pm-summary">
                                {a.owners.iter().map(|o| {
                                    let i = m.body_index(&o.body);
                                    let name = i.map(|i| m.body_name(i).to_string()).unwrap_or_else(|| o.body.clone());
                                    let part = if o.share < 0.98 { format!(" ({} of the area)", pct(o.share)) } else { String::new() };
                                    let path = describe_path(m, &o.path);
                                    let id = o.body.clone();
                                    view! {
                                        <dt>{role_label(o.role)}</dt>
                                        <dd>
                                            <button type="button" class="pm-link" on:click=move |_| { st.select(Some(id.clone())); st.view.set(View::Network); }>{name}</button>
                                            {part}
                                            <span class="pm-path">"Accountable through: " {path}</span>
                                        </dd>
                                    }
                                }).collect_view()}
                            </dl>
                        }.into_any()
                    };
                    view! {
                        <li class="pm-card" data-responsibility=r.id.clone()>
                            <h5 class="pm-card__title">{r.name.clone()}</h5>
                            <p class="pm-card__meta">
                                {r.theme.clone().map(|t| first_upper(&t))}
                                {r.statutory.then(|| view! { " · " <span class="pm-tag">"statutory"</span> })}
                                {r.legal_basis.clone().map(|b| view! { " · " <Glossed text=b /> })}
                                {r.illustrative.then(|| view! { " · " <span class="pm-tag">"illustrative"</span> })}
                            </p>
                            {owners}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };

    let bodies = move || {
        let snap = st.doc.snapshot.get()?;
        let m = &snap.model;
        let q = text.get().trim().to_lowercase();
        let theme = st.net.theme_filter.get();
        let area = st.sel.area.get().and_then(|a| m.area_index(&a));
        let list: Vec<usize> = (0..m.bodies().len())
            .filter(|&i| {
                m.body(i)
                    .is_some_and(|b| q.is_empty() || b.name.to_lowercase().contains(&q))
            })
            .filter(|&i| {
                theme
                    .as_deref()
                    .is_none_or(|t| pmap_core::focus::works_on(m, i, t))
            })
            .filter(|&i| {
                area.is_none_or(|x| {
                    pmap_core::analysis::coverage::share_of(m.footprint(i), x) > 0.0
                })
            })
            .collect();
        let n = list.len();
        let limit = shown.get();
        Some(view! {
            <h4 class="pm-h4">"Bodies " <span class="pm-count">{format!("({n})")}</span></h4>
            <ul class="pm-cards pm-cards--bodies">
                {list.into_iter().take(limit).filter_map(|i| {
                    let b = m.body(i)?.clone();
                    let id = b.id.clone();
                    let chair: Vec<String> = m.links_to(i).filter(|(_, l)| l.kind == pmap_core::model::LinkKind::Chairs).map(|(j, _)| m.body_name(j).to_string()).collect();
                    let member_of: Vec<String> = m.links_from(i).filter(|(_, l)| l.kind == pmap_core::model::LinkKind::MemberOf).map(|(j, _)| m.body_name(j).to_string()).collect();
                    let path = describe_path(m, &pmap_core::analysis::accountability::path_to_elected(m, i));
                    let covers = m.footprint(i).len();
                    let load = snap.load().get(i).filter(|l| l.load() > 0).map(|l| format!("{} ({} by law)", l.load(), l.required.len()));
                    let ptype = b.partnership_type.as_ref().map(|t| t.label().to_string());
                    let budgets: Vec<String> = pmap_core::analysis::budgets::budgets_of(m, &b.id)
                        .into_iter()
                        .map(|(bg, role)| format!("{} ({})", bg.name, match role {
                            pmap_core::analysis::budgets::BudgetRole::Holds => "holds it",
                            pmap_core::analysis::budgets::BudgetRole::Governs => "governs it",
                            pmap_core::analysis::budgets::BudgetRole::Contributes { .. } => "pays in",
                        }))
                        .collect();
                    Some(view! {
                        <li class="pm-card" data-body=b.id.clone()>
                            <h5 class="pm-card__title">{b.name.clone()}</h5>
                            <p class="pm-card__meta"><Glossed text=b.kind.label().to_string() />{b.elected.then_some(" · elected")}{b.illustrative.then(|| view! { " · " <span class="pm-tag">"illustrative"</span> })}</p>
                            {b.description.clone().map(|d| view! { <p><Glossed text=d /></p> })}
                            <dl class="pm-summary pm-summary--compact">
                                <dt>"Covers"</dt><dd>{if covers == 0 { "No area recorded".to_string() } else if covers == 1 { "1 area".to_string() } else { format!("{covers} areas") }}</dd>
                                {(!chair.is_empty()).then(|| view! { <dt>"Chair"</dt><dd>{chair.join(", ")}</dd> })}
                                {(!member_of.is_empty()).then(|| view! { <dt>"Member of"</dt><dd>{member_of.join(", ")}</dd> })}
                                <dt>"Accountable through"</dt><dd>{path}</dd>
                                {load.map(|t| view! { <dt>"Boards it must sit on"</dt><dd>{t}</dd> })}
                                {ptype.map(|t| view! { <dt>"Kind of partnership"</dt><dd><Glossed text=t /></dd> })}
                                {(!budgets.is_empty()).then(|| view! { <dt>"Pooled budgets"</dt><dd>{budgets.join("; ")}</dd> })}
                            </dl>
                            <button type="button" class="pm-button pm-button--small" on:click=move |_| { st.select(Some(id.clone())); st.view.set(View::Network); }>"Show on the network"</button>
                        </li>
                    })
                }).collect_view()}
            </ul>
            <super::ShowMore total=n shown=shown page=PAGE />
        })
    };

    view! {
        <section class="pm-panel pm-directory" aria-label="Who does what">
            <h3 class="pm-h3">"Who does what"</h3>
            <p class="pm-hint">"Choose an area and a theme to see who leads, who else takes part, and who each answers to."</p>
            <div class="pm-toolbar">
                <OptionalSelect id=uid.id("dir-area") label="Area" value=st.sel.area none="All areas" options=areas />
                <OptionalSelect id=uid.id("dir-theme") label="Theme" value=st.net.theme_filter none="All themes" options=super::toolbar::theme_choices(st) />
                <div class="pm-field">
                    <label class="pm-label" for=search_for>"Search"</label>
                    <input id=search_id class="pm-input" type="search" placeholder="e.g. waste, Frimley" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
                </div>
            </div>
            <div class="pm-directory__cols">
                <div class="pm-directory__col">{answers}</div>
                <div class="pm-directory__col">{bodies}</div>
            </div>
        </section>
    }
}
