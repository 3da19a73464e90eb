//! The glossary view, and text with its acronyms linked to the glossary.

use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::glossary::{lookup, segments, Segment, TERMS};
use pmap_core::viewstate::View;
use wasm_bindgen::JsCast;

/// Element id of a glossary term within this widget.
pub fn term_id(uid: &super::Uid, term: &str) -> String {
    let slug: String = term
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    uid.id(&format!("term-{slug}"))
}

/// Text in which every acronym with a glossary entry is a button that opens its definition.
#[component]
pub fn Glossed(
    /// The text to show.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    segments(&text)
        .into_iter()
        .map(|seg| match seg {
            Segment::Plain(p) => p.to_string().into_any(),
            Segment::Term(t) => {
                let expansion = lookup(t).map_or("", |x| x.expansion);
                let target = term_id(&uid, t);
                let label = format!("{t}, {expansion}: open in the glossary");
                let term = t.to_string();
                let here = NodeRef::<leptos::html::Button>::new();
                view! {
                    <button
                        node_ref=here
                        type="button"
                        class="pm-term"
                        title=expansion
                        aria-label=label
                        on:click=move |_| {
                            st.view.set(View::Glossary);
                            let target = target.clone();
                            // Focus the definition once the glossary has rendered.
                            leptos::task::spawn_local(async move {
                                leptos::task::tick().await;
                                // Find the definition from the widget's root node (document or
                                // shadow root): getElementById cannot see into a shadow root.
                                let root = here.get_untracked().map(|b| b.get_root_node());
                                let el = root.and_then(|r| {
                                    r.dyn_ref::<web_sys::ShadowRoot>().map_or_else(|| document().get_element_by_id(&target), |s| s.get_element_by_id(&target))
                                });
                                if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                                    let _ = el.focus();
                                }
                            });
                        }
                    >
                        {term}
                    </button>
                }
                .into_any()
            }
        })
        .collect_view()
}

/// Every acronym and term, in plain English.
#[component]
pub fn GlossaryView() -> impl IntoView {
    let uid = expect_context::<super::Uid>();
    let items = TERMS
        .iter()
        .map(|t| {
            let id = term_id(&uid, t.term);
            view! {
                <div class="pm-glossary__item">
                    <dt id=id tabindex="-1" class="pm-glossary__term">
                        <abbr title=t.expansion>{t.term}</abbr>
                        <span class="pm-glossary__expansion">{format!(" — {}", t.expansion)}</span>
                    </dt>
                    <dd class="pm-glossary__meaning">{t.meaning}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="pm-panel pm-glossary" aria-label="Glossary">
            <h3 class="pm-h3">"Glossary"</h3>
            <p class="pm-hint">"The acronyms you will meet on a local partnership, in plain English."</p>
            <dl class="pm-glossary__list">{items}</dl>
        </section>
    }
}
