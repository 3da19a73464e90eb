//! About the map: what it shows, where the data comes from, and the licence attribution.

use crate::state::AppState;
use leptos::prelude::*;

/// The About panel.
#[component]
pub fn About() -> impl IntoView {
    let st = expect_context::<AppState>();
    let meta = move || st.doc.snapshot.get().map(|s| s.model.file().meta.clone());
    view! {
        <details class="pm-about">
            <summary class="pm-about__summary">"About this map and its data"</summary>
            <div class="pm-about__body">
                {move || meta().and_then(|m| m.description).map(|d| view! { <p>{d}</p> })}
                {move || meta().and_then(|m| m.sources).map(|s| view! { <p><strong>"Sources: "</strong>{s}</p> })}
                {move || meta().and_then(|m| m.population_source).map(|s| view! { <p><strong>"Population: "</strong>{s}</p> })}
                <p>
                    "Entries marked “illustrative” are invented to show how the tool works; everything else in the "
                    "demo (codes, names, shares and populations) comes from the ONS files."
                </p>
                <p class="pm-attribution">
                    "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
                    "Contains OS data © Crown copyright and database right 2024."
                </p>
                <p class="pm-muted">"Partnership Map runs entirely in your browser: nothing you load is sent anywhere."</p>
            </div>
        </details>
    }
}
