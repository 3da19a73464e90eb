//! Import, export and editing. Everything that changes the map goes through
//! [`AppState::replace_map`](crate::state::AppState::replace_map): validated first, the old
//! map kept for undo, autosaved.

use crate::state::{AppState, Staged};
use leptos::prelude::*;
use pmap_core::csv_template::{findings_csv, parse_covers, parse_owners, to_csv};
use pmap_core::import::Imported;
use pmap_core::model::{Body, BodyKind, Link, LinkKind, MapFile, Responsibility};
use pmap_core::ons::{apply_lookup, LookupSpec, Table};
use pmap_core::Diagnostic;
use wasm_bindgen::JsCast;

/// Saves text as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) {
        download_blob(name, &blob);
    }
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A CSV awaiting column choices before it is added as coverage.
#[derive(Clone, Debug)]
struct LookupDraft {
    table: Table,
    /// Warnings from reading it (its encoding, say).
    diagnostics: Vec<Diagnostic>,
}

/// Stages what the core's one import path made of some files (picked, dropped or
/// pasted): a map to preview, or an ONS lookup whose columns the user picks next.
fn stage(st: AppState, files: &[(String, Vec<u8>)], lookup: RwSignal<Option<LookupDraft>>) {
    let base = st.doc.full();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    lookup.set(None);
    match pmap_core::import::read_files(&refs, &base) {
        Imported::Map {
            label,
            file,
            mut diagnostics,
        } => {
            pmap_core::diagnostic::sort_for_preview(&mut diagnostics);
            st.doc.staged.set(Some(Staged {
                label,
                file,
                diagnostics,
            }));
        }
        Imported::Lookup { table, diagnostics } => {
            let name = table.name.clone();
            // Warnings from reading it (an encoding guessed, say) are shown with the form.
            st.doc.staged.set(None);
            lookup.set(Some(LookupDraft { table, diagnostics }));
            st.announcement
                .set(format!("{name} read: choose its columns"));
        }
    }
}

/// Reads dropped or picked files as bytes (the core works out their encoding) and stages
/// them for preview.
fn read_files(st: AppState, list: web_sys::FileList, lookup: RwSignal<Option<LookupDraft>>) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if files.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut read: Vec<(String, Vec<u8>)> = Vec::new();
        for f in files {
            let name = f.name();
            if f.size() > pmap_core::limits::MAX_FILE_BYTES as f64 {
                st.doc.staged.set(Some(Staged {
                    label: name.clone(),
                    file: None,
                    diagnostics: vec![Diagnostic::error(
                        "file-too-large",
                        name.clone(),
                        format!(
                            "{name} is {:.0} MB; the largest file accepted is {} MB",
                            f.size() / 1_048_576.0,
                            pmap_core::limits::MAX_FILE_BYTES / 1_048_576
                        ),
                    )],
                }));
                return;
            }
            match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                Ok(buf) => read.push((name, js_sys::Uint8Array::new(&buf).to_vec())),
                Err(_) => {
                    st.doc.staged.set(Some(Staged {
                        label: name.clone(),
                        file: None,
                        diagnostics: vec![Diagnostic::error(
                            "unreadable",
                            name,
                            "the browser could not read the file",
                        )],
                    }));
                    return;
                }
            }
        }
        stage(st, &read, lookup);
    });
}

/// The Data view.
#[component]
pub fn DataView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let lookup = RwSignal::new(None::<LookupDraft>);
    let paste = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let file_id = uid.id("file");
    let file_for = file_id.clone();
    let paste_id = uid.id("paste");
    let paste_for = paste_id.clone();

    let export_json = move |_| {
        if let Some(s) = st.doc.snapshot.get_untracked() {
            if let Ok(t) = serde_json::to_string_pretty(&s.full()) {
                download("partnership-map.json", "application/json", &(t + "\n"));
                st.doc.dirty.set(false);
            }
        }
    };
    let export_csv = move |_| {
        if let Some(s) = st.doc.snapshot.get_untracked() {
            let c = to_csv(s.full());
            download("areas.csv", "text/csv", &c.areas);
            download("bodies.csv", "text/csv", &c.bodies);
            download("links.csv", "text/csv", &c.links);
            download("responsibilities.csv", "text/csv", &c.responsibilities);
            download("people.csv", "text/csv", &c.people);
            download("budgets.csv", "text/csv", &c.budgets);
        }
    };
    let export_findings = move |_| {
        let Some(s) = st.doc.snapshot.get_untracked() else {
            return;
        };
        match s.report_untracked() {
            Some(r) => download("findings.csv", "text/csv", &findings_csv(&r.findings)),
            None => st
                .announcement
                .set("The findings are still being worked out. Try again when they appear.".into()),
        }
    };
    let export_svg = move |_| {
        if let Some(s) = st.doc.snapshot.get_untracked() {
            download(
                "partnership-map.svg",
                "image/svg+xml",
                &pmap_core::scene::to_svg(&s.scene(), &s.model.file().meta.title),
            );
        }
    };
    let export_png = move |_| {
        if let Some(s) = st.doc.snapshot.get_untracked() {
            png(&s.scene());
        }
    };
    let permalink = move || {
        let loc = window().location();
        let frag = st.view_state().to_fragment();
        format!(
            "{}{}{}{}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default(),
            if frag.is_empty() {
                String::new()
            } else {
                format!("#{frag}")
            }
        )
    };
    let link_id = uid.id("permalink");
    let link_for = link_id.clone();

    view! {
        <section class="pm-panel pm-data" aria-label="Data and editing">
            <h3 class="pm-h3">"Data and editing"</h3>
            <div class="pm-data__cols">
                <div class="pm-data__col">
                    <h4 class="pm-h4">"Import"</h4>
                    <p class="pm-hint">"A map file (.json), the spreadsheet template (bodies.csv, links.csv, responsibilities.csv, areas.csv, people.csv, budgets.csv: choose them together), or an ONS lookup (.csv) to add as coverage. Nothing changes until you have checked it and chosen Apply."</p>
                    <div
                        class="pm-drop"
                        class:pm-drop--over=move || dragging.get()
                        on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                        on:dragleave=move |_| dragging.set(false)
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            dragging.set(false);
                            if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                                read_files(st, files, lookup);
                            }
                        }
                    >
                        <label class="pm-label" for=file_for>"Choose files, or drop them here"</label>
                        <input id=file_id class="pm-file" type="file" multiple accept=".json,.csv,application/json,text/csv"
                            on:change=move |ev| {
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    if let Some(files) = input.files() {
                                        read_files(st, files, lookup);
                                    }
                                    input.set_value("");
                                }
                            } />
                    </div>
                    <div class="pm-field">
                        <label class="pm-label" for=paste_for>"Or paste a map (JSON)"</label>
                        <textarea id=paste_id class="pm-textarea" rows="4" prop:value=move || paste.get() on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
                        <div><button type="button" class="pm-button pm-button--small" on:click=move |_| stage(st, &[("pasted text.json".to_string(), paste.get_untracked().into_bytes())], lookup)>"Check pasted map"</button></div>
                    </div>
                    <LookupForm draft=lookup />
                    <Preview />
                    <h4 class="pm-h4">"Export"</h4>
                    <div class="pm-buttons">
                        <button type="button" class="pm-button pm-button--small" on:click=export_json>"Download my changes (JSON)"</button>
                        <button type="button" class="pm-button pm-button--small" on:click=export_csv>"Download the spreadsheet template (6 CSV files)"</button>
                        <button type="button" class="pm-button pm-button--small" on:click=export_findings>"Download the findings (CSV)"</button>
                        <button type="button" class="pm-button pm-button--small" on:click=export_svg>"Download the picture (SVG)"</button>
                        <button type="button" class="pm-button pm-button--small" on:click=export_png>"Download the picture (PNG)"</button>
                    </div>
                    <div class="pm-field">
                        <label class="pm-label" for=link_for>"Permalink to this view"</label>
                        <input id=link_id class="pm-input" readonly prop:value=permalink />
                    </div>
                </div>
                <div class="pm-data__col">
                    <h4 class="pm-h4">"Edit"</h4>
                    <BodyForm />
                    <LinkForm />
                    <ResponsibilityForm />
                </div>
            </div>
        </section>
    }
}

/// Column choices for an ONS lookup.
#[component]
fn LookupForm(draft: RwSignal<Option<LookupDraft>>) -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let area = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let share = RwSignal::new(String::new());
    let kind = RwSignal::new("other".to_string());
    move || {
        let d = draft.get()?;
        let headers = d.table.headers.clone();
        // Sensible first guesses: the first *CD column is the area, the next the body.
        let cds: Vec<&String> = headers
            .iter()
            .filter(|h| h.to_ascii_uppercase().ends_with("CD") || h.ends_with("_code"))
            .collect();
        if area.get_untracked().is_empty() {
            area.set(
                cds.first()
                    .map(|s| (*s).clone())
                    .unwrap_or_else(|| headers.first().cloned().unwrap_or_default()),
            );
            code.set(
                cds.get(1)
                    .map(|s| (*s).clone())
                    .unwrap_or_else(|| headers.get(1).cloned().unwrap_or_default()),
            );
            let guess_name = cds
                .get(1)
                .map(|c| format!("{}NM", c.trim_end_matches("CD")))
                .filter(|n| headers.contains(n));
            name.set(guess_name.unwrap_or_default());
        }
        let select = |label: &'static str, sig: RwSignal<String>, optional: bool| {
            let id = uid.id(&format!(
                "lookup-{}",
                label.to_lowercase().replace(' ', "-")
            ));
            let idf = id.clone();
            let opts = headers.clone();
            view! {
                <div class="pm-field">
                    <label class="pm-label" for=idf>{label}</label>
                    <select id=id class="pm-select" on:change=move |ev| sig.set(event_target_value(&ev))>
                        {optional.then(|| view! { <option value="" selected=move || sig.get().is_empty()>"(none)"</option> })}
                        {opts.into_iter().map(|h| { let v = h.clone(); let value = h.clone(); view! { <option value=value selected=move || sig.get() == v>{h}</option> } }).collect_view()}
                    </select>
                </div>
            }
        };
        let kind_id = uid.id("lookup-kind");
        let kind_for = kind_id.clone();
        let table = d.table.clone();
        let preview = move |_| {
            let base = st
                .doc
                .snapshot
                .get_untracked()
                .map(|s| s.full().clone())
                .unwrap_or_default();
            let spec = LookupSpec::new(
                &area.get_untracked(),
                &code.get_untracked(),
                Some(name.get_untracked())
                    .filter(|s| !s.is_empty())
                    .as_deref(),
                Some(share.get_untracked())
                    .filter(|s| !s.is_empty())
                    .as_deref(),
            );
            let k = BodyKind::from(kind.get_untracked());
            let prefix = k.as_str().replace('_', "-");
            let staged = match apply_lookup(&base, &table, &spec, &k, &prefix) {
                Ok((file, mut diags)) => {
                    diags.extend(pmap_core::validate::validate(&file));
                    pmap_core::order::sort_by_key(&mut diags, |d| d.severity);
                    Staged {
                        label: format!("{} as {}", table.name, k.label().to_lowercase()),
                        file: Some(file),
                        diagnostics: diags,
                    }
                }
                Err(d) => Staged {
                    label: table.name.clone(),
                    file: None,
                    diagnostics: vec![d],
                },
            };
            st.doc.staged.set(Some(staged));
        };
        Some(view! {
            <fieldset class="pm-fieldset pm-lookup">
                <legend>{format!("Add {} as coverage", d.table.name)}</legend>
                <p class="pm-hint">{format!("{} rows. Choose the columns to use.", d.table.rows.len())}</p>
                {(!d.diagnostics.is_empty()).then(|| view! {
                    <ul class="pm-alert__list">{d.diagnostics.iter().map(|x| view! { <li>{format!("{}: {}", x.path, x.message)}</li> }).collect_view()}</ul>
                })}
                <div class="pm-toolbar">
                    {select("Area code column", area, false)}
                    {select("Body code column", code, false)}
                    {select("Body name column", name, true)}
                    {select("Share column", share, true)}
                    <div class="pm-field">
                        <label class="pm-label" for=kind_for>"Kind of body"</label>
                        <select id=kind_id class="pm-select" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="other">"Other"</option>
                            {BodyKind::KNOWN.iter().map(|k| view! { <option value=k.as_str().to_string() selected=move || kind.get() == k.as_str()>{k.label().to_string()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="pm-buttons">
                    <button type="button" class="pm-button pm-button--small" on:click=preview>"Check"</button>
                    <button type="button" class="pm-button pm-button--small" on:click=move |_| draft.set(None)>"Cancel"</button>
                </div>
            </fieldset>
        })
    }
}

/// What an import would do, with its diagnostics, and Apply / Cancel.
#[component]
fn Preview() -> impl IntoView {
    let st = expect_context::<AppState>();
    move || {
        let s = st.doc.staged.get()?;
        let ready = s.ready();
        let errors = s.diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = s.diagnostics.len() - errors;
        let counts = s.file.as_ref().map(|f| {
            format!(
                "{} areas, {} bodies, {} links, {} responsibilities, {} agreements",
                f.areas.len(),
                f.bodies.len(),
                f.links.len(),
                f.responsibilities.len(),
                f.agreements.len()
            )
        });
        let apply = move |_| {
            if let Some(file) = st.doc.staged.get_untracked().and_then(|s| s.file) {
                match st.replace_map(file, "Import applied") {
                    Ok(()) => st.doc.staged.set(None),
                    Err(d) => st.doc.staged.update(|s| {
                        if let Some(s) = s {
                            s.diagnostics = d
                        }
                    }),
                }
            }
        };
        Some(view! {
            <section class="pm-preview" class:pm-preview--errors=!ready aria-label="Check before applying" role=if ready { "region" } else { "alert" }>
                <h4 class="pm-h4">{format!("Check before applying: {}", s.label)}</h4>
                <p>{if ready { format!("Ready to apply{}.", counts.map(|c| format!(": {c}")).unwrap_or_default()) } else { format!("{errors} {} must be fixed before this can be applied; the map you have is unchanged.", if errors == 1 { "error" } else { "errors" }) }}
                    {(warnings > 0).then(|| format!(" {warnings} {}.", if warnings == 1 { "warning" } else { "warnings" }))}</p>
                {(!s.diagnostics.is_empty()).then(|| view! {
                    <ul class="pm-alert__list pm-preview__list">
                        {s.diagnostics.iter().take(200).map(|d| {
                            let at = match (d.line, d.column) { (Some(l), Some(c)) => format!("{} (line {l}, column {c})", d.path), _ => d.path.clone() };
                            view! {
                                <li class=if d.is_error() { "pm-alert__error" } else { "pm-alert__warning" }>
                                    <strong>{if d.is_error() { "Error" } else { "Warning" }}</strong>" "<code>{at}</code>": "{d.message.clone()}
                                    {d.value.clone().map(|v| view! { " " <span class="pm-muted">{format!("(found {v:?})")}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(s.diagnostics.len() > 200).then(|| view! { <p class="pm-muted">{format!("… and {} more not listed.", s.diagnostics.len() - 200)}</p> })}
                })}
                <div class="pm-buttons">
                    <button type="button" class="pm-button pm-button--primary" disabled=!ready on:click=apply>"Apply"</button>
                    <button type="button" class="pm-button" on:click=move |_| st.doc.staged.set(None)>"Cancel"</button>
                </div>
            </section>
        })
    }
}

fn current(st: AppState) -> MapFile {
    st.doc.full()
}

fn opt(s: String) -> Option<String> {
    let t = s.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// A labelled text input bound to `value`, with an optional hint; ids are prefixed so two
/// forms can both have a "Name" field.
fn text_field(
    uid: &super::Uid,
    prefix: &str,
    label: &'static str,
    value: RwSignal<String>,
    hint: &'static str,
) -> impl IntoView {
    let fid = uid.id(&format!(
        "{prefix}-{}",
        label.to_lowercase().replace(' ', "-")
    ));
    let ffor = fid.clone();
    view! {
        <div class="pm-field">
            <label class="pm-label" for=ffor>{label}</label>
            {(!hint.is_empty()).then(|| view! { <span class="pm-hint">{hint}</span> })}
            <input id=fid class="pm-input" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </div>
    }
}

/// Shows a form's problems (an edit is never applied while it has errors).
#[component]
fn FormErrors(errors: RwSignal<Vec<String>>) -> impl IntoView {
    move || {
        let e = errors.get();
        (!e.is_empty()).then(|| view! {
            <div class="pm-alert" role="alert">
                <p><strong>"Not saved:"</strong></p>
                <ul class="pm-alert__list">{e.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        })
    }
}

fn apply_edit(st: AppState, file: MapFile, what: String, errors: RwSignal<Vec<String>>) -> bool {
    match st.replace_map(file, &what) {
        Ok(()) => {
            errors.set(Vec::new());
            true
        }
        Err(d) => {
            errors.set(
                d.into_iter()
                    .filter(Diagnostic::is_error)
                    .map(|d| {
                        format!(
                            "{}: {}{}",
                            d.path,
                            d.message,
                            d.value.map(|v| format!(" ({v})")).unwrap_or_default()
                        )
                    })
                    .collect(),
            );
            false
        }
    }
}

/// Add, change or remove a body and its coverage.
#[component]
fn BodyForm() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let which = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("district_council".to_string());
    let elected = RwSignal::new(false);
    let covers = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let fill = move |b: Option<Body>| {
        let b = b.unwrap_or(Body::new("", "", BodyKind::DistrictCouncil));
        id.set(b.id);
        name.set(b.name);
        kind.set(b.kind.as_str().to_string());
        elected.set(b.elected);
        covers.set(
            b.covers
                .iter()
                .map(|c| {
                    c.share
                        .map_or_else(|| c.area.clone(), |s| format!("{}:{s}", c.area))
                })
                .collect::<Vec<_>>()
                .join("; "),
        );
        theme.set(b.theme.unwrap_or_default());
        errors.set(Vec::new());
    };
    let options = move || {
        st.doc.snapshot.get().map(|s| s.model.bodies().iter().map(|b| { let v = b.id.clone(); view! { <option value=b.id.clone() selected=move || which.get() == v>{b.name.clone()}</option> } }).collect_view())
    };
    let save = move |_| {
        let mut file = current(st);
        let parsed = match parse_covers(&covers.get_untracked()) {
            Ok(c) => c,
            Err(e) => {
                errors.set(vec![format!("Covers: {e}")]);
                return;
            }
        };
        let existing = file
            .bodies
            .iter()
            .position(|b| b.id == which.get_untracked());
        let mut b = existing
            .and_then(|i| file.bodies.get(i).cloned())
            .unwrap_or(Body::new("", "", BodyKind::Other(String::new())));
        b.id = id.get_untracked().trim().to_string();
        b.name = name.get_untracked().trim().to_string();
        b.kind = BodyKind::from(kind.get_untracked());
        b.elected = elected.get_untracked();
        b.covers = parsed;
        b.theme = opt(theme.get_untracked());
        if existing.is_none() && file.bodies.iter().any(|x| x.id == b.id) {
            errors.set(vec![format!(
                "There is already a body with id \"{}\"",
                b.id
            )]);
            return;
        }
        if let Some(old_id) = existing
            .and_then(|i| file.bodies.get(i))
            .map(|x| x.id.clone())
        {
            pmap_core::edit::rename_body(&mut file, &old_id, &b.id);
        }
        let label = format!("Saved {}", b.name);
        let new_id = b.id.clone();
        match existing {
            Some(i) => {
                if let Some(slot) = file.bodies.get_mut(i) {
                    *slot = b;
                }
            }
            None => file.bodies.push(b),
        }
        if apply_edit(st, file, label, errors) {
            which.set(new_id);
        }
    };
    let remove = move |_| {
        let target = which.get_untracked();
        if target.is_empty() {
            return;
        }
        let mut file = current(st);
        let name_was = pmap_core::edit::remove_body(&mut file, &target).unwrap_or_default();
        if apply_edit(
            st,
            file,
            format!("Removed {name_was} and its links (undo brings it back)"),
            errors,
        ) {
            which.set(String::new());
            fill(None);
        }
    };
    let field = |label: &'static str, sig: RwSignal<String>, hint: &'static str| {
        text_field(&uid, "body", label, sig, hint)
    };
    let which_id = uid.id("body-which");
    let which_for = which_id.clone();
    let kind_id = uid.id("body-kind");
    let kind_for = kind_id.clone();
    let elected_id = uid.id("body-elected");
    let elected_for = elected_id.clone();
    view! {
        <fieldset class="pm-fieldset pm-form">
            <legend>"Bodies and their coverage"</legend>
            <div class="pm-field">
                <label class="pm-label" for=which_for>"Body to change"</label>
                <select id=which_id class="pm-select" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    which.set(v.clone());
                    fill(st.doc.snapshot.get_untracked().and_then(|s| s.model.body_index(&v).and_then(|i| s.model.body(i).cloned())));
                }>
                    <option value="" selected=move || which.get().is_empty()>"A new body"</option>
                    {options}
                </select>
            </div>
            {field("Id", id, "letters, numbers and hyphens, e.g. hart-dc")}
            {field("Name", name, "")}
            <div class="pm-field">
                <label class="pm-label" for=kind_for>"Kind"</label>
                <select id=kind_id class="pm-select" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {BodyKind::KNOWN.iter().map(|k| view! { <option value=k.as_str().to_string() selected=move || kind.get() == k.as_str()>{k.label().to_string()}</option> }).collect_view()}
                </select>
            </div>
            <label class="pm-check" for=elected_for>
                <input id=elected_id type="checkbox" prop:checked=move || elected.get() on:change=move |_| elected.update(|e| *e = !*e) />
                "Elected (local people vote for it)"
            </label>
            {field("Covers", covers, "area codes separated by ; with an optional share, e.g. E07000089:0.76; E07000092")}
            {field("Theme", theme, "")}
            <FormErrors errors=errors />
            <div class="pm-buttons">
                <button type="button" class="pm-button pm-button--small pm-button--primary" on:click=save>"Save body"</button>
                <button type="button" class="pm-button pm-button--small" disabled=move || which.get().is_empty() on:click=remove>"Remove body"</button>
            </div>
        </fieldset>
    }
}

/// Add or remove links.
#[component]
fn LinkForm() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let kind = RwSignal::new("member_of".to_string());
    let role = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let body_options = move |sig: RwSignal<String>| {
        st.doc.snapshot.get().map(|s| {
            s.model
                .bodies()
                .iter()
                .map(|b| {
                    let v = b.id.clone();
                    view! { <option value=b.id.clone() selected=move || sig.get() == v>{b.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let add = move |_| {
        let mut file = current(st);
        let Some(k) = LinkKind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind.get_untracked())
        else {
            return;
        };
        let l = Link {
            from: from.get_untracked(),
            to: to.get_untracked(),
            kind: k,
            role: opt(role.get_untracked()),
            valid_from: None,
            valid_to: None,
            illustrative: false,
        };
        if l.from.is_empty() || l.to.is_empty() {
            errors.set(vec!["Choose both bodies".to_string()]);
            return;
        }
        let what = format!("Added link: {} {} {}", l.from, k.phrase(), l.to);
        file.links.push(l);
        apply_edit(st, file, what, errors);
    };
    let existing = move || {
        let s = st.doc.snapshot.get()?;
        let f = from.get();
        if f.is_empty() {
            return None;
        }
        let links: Vec<(usize, String)> = s
            .model
            .file()
            .links
            .iter()
            .enumerate()
            .filter(|(_, l)| l.from == f || l.to == f)
            .map(|(i, l)| {
                let n = |id: &str| s.model.name_of(id);
                (
                    i,
                    format!("{} {} {}", n(&l.from), l.kind.phrase(), n(&l.to)),
                )
            })
            .collect();
        Some(view! {
            <ul class="pm-plain-list pm-links">
                {links.into_iter().map(|(i, text)| {
                    let label = format!("Remove link: {text}");
                    view! {
                        <li>{text.clone()}" "
                            <button type="button" class="pm-link" aria-label=label on:click=move |_| {
                                let mut file = current(st);
                                if i < file.links.len() {
                                    file.links.remove(i);
                                }
                                apply_edit(st, file, format!("Removed link: {text}"), errors);
                            }>"remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    let (fid, tid, kid, rid) = (
        uid.id("link-from"),
        uid.id("link-to"),
        uid.id("link-kind"),
        uid.id("link-role"),
    );
    let (ffor, tfor, kfor, rfor) = (fid.clone(), tid.clone(), kid.clone(), rid.clone());
    view! {
        <fieldset class="pm-fieldset pm-form">
            <legend>"Links"</legend>
            <div class="pm-field">
                <label class="pm-label" for=ffor>"From"</label>
                <select id=fid class="pm-select" on:change=move |ev| from.set(event_target_value(&ev))>
                    <option value="" selected=move || from.get().is_empty()>"Choose a body"</option>
                    {move || body_options(from)}
                </select>
            </div>
            <div class="pm-field">
                <label class="pm-label" for=kfor>"Kind of link"</label>
                <select id=kid class="pm-select" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {LinkKind::ALL.iter().map(|k| view! { <option value=k.as_str() selected=move || kind.get() == k.as_str()>{k.phrase()}</option> }).collect_view()}
                </select>
            </div>
            <div class="pm-field">
                <label class="pm-label" for=tfor>"To"</label>
                <select id=tid class="pm-select" on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="" selected=move || to.get().is_empty()>"Choose a body"</option>
                    {move || body_options(to)}
                </select>
            </div>
            <div class="pm-field">
                <label class="pm-label" for=rfor>"Role (optional)"</label>
                <input id=rid class="pm-input" prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev)) />
            </div>
            <FormErrors errors=errors />
            <div class="pm-buttons"><button type="button" class="pm-button pm-button--small pm-button--primary" on:click=add>"Add link"</button></div>
            {existing}
        </fieldset>
    }
}

/// Add, change or remove a responsibility and its owners.
#[component]
fn ResponsibilityForm() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    let which = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let statutory = RwSignal::new(false);
    let basis = RwSignal::new(String::new());
    let scope = RwSignal::new(String::new());
    let owners = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let fill = move |r: Option<Responsibility>| {
        let r = r.unwrap_or(Responsibility {
            id: String::new(),
            name: String::new(),
            theme: None,
            statutory: false,
            legal_basis: None,
            scope: Vec::new(),
            owners: Vec::new(),
            description: None,
            illustrative: false,
        });
        id.set(r.id);
        name.set(r.name);
        theme.set(r.theme.unwrap_or_default());
        statutory.set(r.statutory);
        basis.set(r.legal_basis.unwrap_or_default());
        scope.set(r.scope.join("; "));
        let roles = ["lead", "contributes", "commissions", "delivers"];
        owners.set(
            roles
                .iter()
                .filter_map(|role| {
                    let ids: Vec<String> = r
                        .owners
                        .iter()
                        .filter(|o| o.role.as_str() == *role)
                        .map(|o| o.body.clone())
                        .collect();
                    (!ids.is_empty()).then(|| format!("{role}: {}", ids.join(", ")))
                })
                .collect::<Vec<_>>()
                .join("; "),
        );
        errors.set(Vec::new());
    };
    let save = move |_| {
        let mut file = current(st);
        let parsed = match parse_owners(&owners.get_untracked()) {
            Ok(o) => o,
            Err(e) => {
                errors.set(vec![format!("Owners: {e}")]);
                return;
            }
        };
        let existing = file
            .responsibilities
            .iter()
            .position(|r| r.id == which.get_untracked());
        let mut r = existing
            .and_then(|i| file.responsibilities.get(i).cloned())
            .unwrap_or(Responsibility {
                id: String::new(),
                name: String::new(),
                theme: None,
                statutory: false,
                legal_basis: None,
                scope: Vec::new(),
                owners: Vec::new(),
                description: None,
                illustrative: false,
            });
        r.id = id.get_untracked().trim().to_string();
        r.name = name.get_untracked().trim().to_string();
        r.theme = opt(theme.get_untracked());
        r.statutory = statutory.get_untracked();
        r.legal_basis = opt(basis.get_untracked());
        r.scope = scope
            .get_untracked()
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        r.owners = parsed;
        if existing.is_none() && file.responsibilities.iter().any(|x| x.id == r.id) {
            errors.set(vec![format!(
                "There is already a responsibility with id \"{}\"",
                r.id
            )]);
            return;
        }
        let label = format!("Saved {}", r.name);
        let new_id = r.id.clone();
        match existing {
            Some(i) => {
                if let Some(slot) = file.responsibilities.get_mut(i) {
                    *slot = r;
                }
            }
            None => file.responsibilities.push(r),
        }
        if apply_edit(st, file, label, errors) {
            which.set(new_id);
        }
    };
    let remove = move |_| {
        let target = which.get_untracked();
        let mut file = current(st);
        file.responsibilities.retain(|r| r.id != target);
        if apply_edit(
            st,
            file,
            "Removed the responsibility (undo brings it back)".to_string(),
            errors,
        ) {
            which.set(String::new());
            fill(None);
        }
    };
    let options = move || {
        st.doc.snapshot.get().map(|s| s.model.file().responsibilities.iter().map(|r| { let v = r.id.clone(); view! { <option value=r.id.clone() selected=move || which.get() == v>{r.name.clone()}</option> } }).collect_view())
    };
    let field = |label: &'static str, sig: RwSignal<String>, hint: &'static str| {
        text_field(&uid, "resp", label, sig, hint)
    };
    let which_id = uid.id("resp-which");
    let which_for = which_id.clone();
    let stat_id = uid.id("resp-statutory");
    let stat_for = stat_id.clone();
    view! {
        <fieldset class="pm-fieldset pm-form">
            <legend>"Responsibilities and who owns them"</legend>
            <div class="pm-field">
                <label class="pm-label" for=which_for>"Responsibility to change"</label>
                <select id=which_id class="pm-select" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    which.set(v.clone());
                    fill(st.doc.snapshot.get_untracked().and_then(|s| s.model.responsibility_index(&v).and_then(|i| s.model.file().responsibilities.get(i).cloned())));
                }>
                    <option value="" selected=move || which.get().is_empty()>"A new responsibility"</option>
                    {options}
                </select>
            </div>
            {field("Id", id, "")}
            {field("Name", name, "")}
            {field("Theme", theme, "e.g. community safety")}
            <label class="pm-check" for=stat_for>
                <input id=stat_id type="checkbox" prop:checked=move || statutory.get() on:change=move |_| statutory.update(|e| *e = !*e) />
                "Statutory (the law places this duty)"
            </label>
            {field("Legal basis", basis, "e.g. Crime and Disorder Act 1998 s6")}
            {field("Scope", scope, "area codes separated by ; (empty: the whole map)")}
            {field("Owners", owners, "e.g. lead: hart; contributes: police, pcc")}
            <FormErrors errors=errors />
            <div class="pm-buttons">
                <button type="button" class="pm-button pm-button--small pm-button--primary" on:click=save>"Save responsibility"</button>
                <button type="button" class="pm-button pm-button--small" disabled=move || which.get().is_empty() on:click=remove>"Remove responsibility"</button>
            </div>
        </fieldset>
    }
}

/// Draws the scene on a canvas and saves it as PNG (no SVG-to-image round trip, which a
/// strict Content-Security-Policy would block).
fn png(scene: &pmap_core::scene::Scene) {
    let Ok(canvas) = document().create_element("canvas") else {
        return;
    };
    let Ok(canvas) = canvas.dyn_into::<web_sys::HtmlCanvasElement>() else {
        return;
    };
    let k = 2.0;
    canvas.set_width((scene.width * k) as u32);
    canvas.set_height((scene.height * k) as u32);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.scale(k, k);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, scene.width, scene.height);
    ctx.set_stroke_style_str("#a7adb1");
    ctx.set_line_width(1.2);
    for e in &scene.edges {
        if let (Some(a), Some(b)) = (scene.nodes.get(e.from), scene.nodes.get(e.to)) {
            ctx.begin_path();
            ctx.move_to(a.x, a.y);
            ctx.line_to(b.x, b.y);
            ctx.stroke();
        }
    }
    ctx.set_font("14px system-ui, Arial, sans-serif");
    for n in &scene.nodes {
        ctx.begin_path();
        let _ = ctx.arc(n.x, n.y, n.r, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(if n.partnership {
            "#ffffff"
        } else {
            colour(n.sector)
        });
        ctx.fill();
        ctx.set_stroke_style_str(if n.partnership { "#0b0c0c" } else { "#ffffff" });
        ctx.set_line_width(if n.partnership { 3.0 } else { 1.5 });
        ctx.stroke();
        ctx.set_fill_style_str("#0b0c0c");
        let _ = ctx.fill_text(&n.label, n.x + n.r + 4.0, n.y + 5.0);
    }
    let cb = wasm_bindgen::closure::Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(b) = blob {
            download_blob("partnership-map.png", &b);
        }
    });
    let _ = canvas.to_blob(cb.unchecked_ref());
}

fn colour(s: pmap_core::model::Sector) -> &'static str {
    use pmap_core::model::Sector as S;
    match s {
        S::Council => "#1d70b8",
        S::Police => "#003078",
        S::Health => "#007f3b",
        S::Fire => "#c0392b",
        S::Probation => "#6f3c97",
        S::Employment => "#8a4600",
        S::Voluntary => "#c2185b",
        S::Business => "#5c4a1e",
        S::Education => "#00796b",
        S::Housing => "#795548",
        S::Central => "#505a5f",
        S::Partnership => "#ffffff",
        S::Other => "#6f777b",
    }
}
