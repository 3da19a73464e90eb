//! Problems with a file that was not loaded. The map on screen is kept.

use crate::state::AppState;
use leptos::prelude::*;

/// The list of load errors and warnings (nothing when the last load succeeded).
#[component]
pub fn LoadErrors() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let errs = st.doc.load_errors.get();
        (!errs.is_empty()).then(|| {
            let n = errs.iter().filter(|d| d.is_error()).count();
            view! {
                <div class="pm-alert" role="alert">
                    <h3 class="pm-h3">{format!("The file was not loaded: {n} {}", if n == 1 { "error" } else { "errors" })}</h3>
                    <p>"The map you had is unchanged. Fix these and try again:"</p>
                    <ul class="pm-alert__list">
                        {errs
                            .into_iter()
                            .map(|d| {
                                let at = match (d.line, d.column) {
                                    (Some(l), Some(c)) => format!("{} (line {l}, column {c})", d.path),
                                    _ => d.path.clone(),
                                };
                                view! {
                                    <li class=if d.is_error() { "pm-alert__error" } else { "pm-alert__warning" }>
                                        <code>{at}</code>": "{d.message.clone()}
                                        {d.value.clone().map(|v| view! { " " <span class="pm-muted">{format!("(found {v:?})")}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <button type="button" class="pm-button" on:click=move |_| st.doc.load_errors.set(Vec::new())>"Dismiss"</button>
                </div>
            }
        })
    }
}
