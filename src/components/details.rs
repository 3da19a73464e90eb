//! Details of the selected body, for new members: who it is, what it covers, who it works
//! with and who it answers to.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::analysis::accountability::{path_to_elected, AccountabilityPath};
use pmap_core::findings::{pct, thousands};

/// The selected body's card (nothing when none is selected).
#[component]
pub fn Details() -> impl IntoView {
    let st = expect_context::<AppState>();
    let card = move || {
        let snap = st.doc.snapshot.get()?;
        let id = st.sel.selected.get()?;
        let i = snap.model.body_index(&id)?;
        let m = &snap.model;
        let b = m.body(i)?.clone();
        let covers: Vec<String> = m
            .footprint(i)
            .iter()
            .map(|&(x, s)| {
                let people = m
                    .population(x)
                    .map(|p| format!(", {} people", thousands((p * s).round() as u64)))
                    .unwrap_or_default();
                if s >= 0.999 {
                    format!("{}{people}", m.area_name(x))
                } else {
                    format!("{} of {}{people}", pct(s), m.area_name(x))
                }
            })
            .collect();
        let names = |v: Vec<usize>| {
            v.into_iter()
                .map(|j| m.body_name(j).to_string())
                .collect::<Vec<_>>()
        };
        let members = names(m.members(i));
        let member_of = names(
            m.links_from(i)
                .filter(|(_, l)| {
                    matches!(
                        l.kind,
                        pmap_core::model::LinkKind::MemberOf | pmap_core::model::LinkKind::Chairs
                    )
                })
                .map(|(j, _)| j)
                .collect(),
        );
        let path = match path_to_elected(m, i) {
            AccountabilityPath::Elected => "It is elected.".to_string(),
            AccountabilityPath::Found { path } => path
                .iter()
                .map(|p| m.name_of(p))
                .collect::<Vec<_>>()
                .join(" → "),
            AccountabilityPath::DeadEnd { .. } => "No route to an elected body.".to_string(),
        };
        let findings: Vec<String> = snap
            .report()
            .findings
            .iter()
            .filter(|f| f.bodies.contains(&id))
            .map(|f| f.title.clone())
            .collect();
        let chair: Vec<String> = m
            .links_to(i)
            .filter(|(_, l)| l.kind == pmap_core::model::LinkKind::Chairs)
            .map(|(j, _)| m.body_name(j).to_string())
            .collect();
        let responsibilities: Vec<String> = m
            .file()
            .responsibilities
            .iter()
            .flat_map(|r| {
                r.owners
                    .iter()
                    .filter(|o| o.body == id)
                    .map(move |o| format!("{} ({})", r.name, o.role.as_str()))
            })
            .collect();
        let is_partnership = b.kind.is_partnership();
        // Governance health: the boards it must sit on and why, its agreements, its money.
        let threshold = pmap_core::analysis::load::threshold(m);
        let load = snap.load().get(i).cloned();
        let required: Vec<String> = load
            .as_ref()
            .map(|l| {
                l.required
                    .iter()
                    .map(|r| {
                        let sits = if l.actual.contains(&r.board) {
                            ""
                        } else {
                            " (not recorded as a member)"
                        };
                        format!("{}{sits}: {}", m.name_of(&r.board), r.rule.citation())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let load_line = load.as_ref().filter(|l| l.load() > 0).map(|l| {
            let saved = l.saved();
            format!(
                "Expected at {} {} ({} by law, {} recorded); the threshold for this map is {threshold}.{}",
                l.load(),
                if l.load() == 1 { "board" } else { "boards" },
                l.required.len(),
                l.actual.len(),
                if saved > 0 { format!(" Boards that followed one service's areas would save {saved} {}.", if saved == 1 { "seat" } else { "seats" }) } else { String::new() }
            )
        });
        let agreements: Vec<String> = pmap_core::analysis::footing::agreements_of(m, &id)
            .into_iter()
            .map(|a| {
                format!(
                    "{} ({})",
                    a.name,
                    pmap_core::model::agreement_kind_label(&a.kind)
                )
            })
            .collect();
        let budgets: Vec<String> = pmap_core::analysis::budgets::budgets_of(m, &id)
            .into_iter()
            .map(|(bg, role)| {
                let money = bg
                    .amount
                    .map(|a| pmap_core::findings::health::money(a, bg.currency.as_deref()))
                    .unwrap_or_else(|| "amount not recorded".to_string());
                let paid_in = || {
                    let who: Vec<String> = bg
                        .contributions
                        .iter()
                        .map(|c| match c.amount {
                            Some(a) => format!(
                                "{} {}",
                                m.name_of(&c.body),
                                pmap_core::findings::health::money(a, bg.currency.as_deref())
                            ),
                            None => m.name_of(&c.body),
                        })
                        .collect();
                    if who.is_empty() {
                        String::new()
                    } else {
                        format!("; paid in by {}", who.join(", "))
                    }
                };
                let what = match role {
                    pmap_core::analysis::budgets::BudgetRole::Holds => {
                        format!("holds it{}", paid_in())
                    }
                    pmap_core::analysis::budgets::BudgetRole::Governs => {
                        format!("governs it{}", paid_in())
                    }
                    pmap_core::analysis::budgets::BudgetRole::Contributes { amount } => {
                        match amount {
                            Some(a) => format!(
                                "pays in {}",
                                pmap_core::findings::health::money(a, bg.currency.as_deref())
                            ),
                            None => "pays in".to_string(),
                        }
                    }
                };
                format!(
                    "{} ({money}{}): {what}",
                    bg.name,
                    bg.legal_basis
                        .as_deref()
                        .map(|l| format!(", {l}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        let ptype = b.partnership_type.as_ref().map(|t| t.label().to_string());
        let focus_id = id.clone();
        let outline_id = id.clone();
        let list = |v: Vec<String>| {
            if v.is_empty() {
                view! { <dd class="pm-muted">"None recorded"</dd> }.into_any()
            } else {
                view! { <dd><ul class="pm-plain-list">{v.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></dd> }.into_any()
            }
        };
        Some(view! {
            <section class="pm-panel pm-details" aria-label=format!("Details: {}", b.name)>
                <div class="pm-details__head">
                    <h3 class="pm-h3">{b.name.clone()}</h3>
                    <button type="button" class="pm-button pm-button--small" on:click=move |_| st.select(None)>"Close"</button>
                </div>
                <p class="pm-details__kind">
                    {b.kind.label().to_string()}
                    {b.elected.then_some(" · elected")}
                    {b.illustrative.then(|| view! { " · " <span class="pm-tag">"illustrative"</span> })}
                </p>
                {b.description.clone().map(|d| view! { <p><super::Glossed text=d /></p> })}
                <dl class="pm-summary">
                    <dt>"Covers"</dt>
                    {list(covers)}
                    <dt>"Chair"</dt>
                    {list(chair)}
                    <dt>"Members"</dt>
                    {list(members)}
                    <dt>"Member of"</dt>
                    {list(member_of)}
                    <dt>"Accountable through"</dt>
                    <dd>{path}</dd>
                    {ptype.map(|t| view! { <dt>"Kind of partnership"</dt><dd><super::Glossed text=t /></dd> })}
                    <dt>"Boards it must sit on"</dt>
                    <dd>
                        {load_line.map(|t| view! { <p class="pm-load" data-load=snap.load().get(i).map(|l| l.load()).unwrap_or(0)>{t}</p> })}
                        {if required.is_empty() {
                            view! { <span class="pm-muted">"None by law"</span> }.into_any()
                        } else {
                            view! { <ul class="pm-plain-list">{required.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    </dd>
                    <dt>"Agreements"</dt>
                    {list(agreements)}
                    <dt>"Pooled budgets"</dt>
                    {list(budgets)}
                    <dt>"Responsibilities"</dt>
                    {list(responsibilities)}
                    <dt>"Findings"</dt>
                    {list(findings)}
                </dl>
                <div class="pm-details__actions">
                    <button type="button" class="pm-button pm-button--small" on:click=move |_| { st.select(Some(focus_id.clone())); st.net.depth.set(Some(1)); }>"Show only its neighbours"</button>
                    {is_partnership.then(|| view! {
                        <button type="button" class="pm-button pm-button--small" on:click=move |_| st.sel.outlined.set(Some(outline_id.clone()))>"Outline its members"</button>
                    })}
                </div>
            </section>
        })
    };
    view! { {card} }
}
