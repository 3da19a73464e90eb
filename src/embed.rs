//! The JavaScript API behind `<partnership-map>`.
//!
//! `web/partnership-map.js` defines the custom element. Each element gets its own
//! WebAssembly instance (one compiled module, instantiated per element), so a panic in one
//! widget cannot take down another; the panic hook below replaces only that widget with
//! an error box. The element calls [`mount_widget`] and keeps the [`WidgetHandle`].

use crate::components::{provide_widget_context_with, Widget};
use crate::state::AppState;
use leptos::prelude::*;
use pmap_core::viewstate::View;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The element this WebAssembly instance serves (one widget per instance).
    static HOST: RefCell<Option<web_sys::HtmlElement>> = const { RefCell::new(None) };
    /// The message of the last panic, for `load()` to return after a crash while building.
    static LAST_CRASH: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Options from the element's attributes.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountOptions {
    /// The view to open (`network`, `governance`, `findings`, `directory`, `glossary`, `data`).
    #[serde(default)]
    pub view: Option<String>,
    /// Keep the view in the page URL (`url-state` attribute).
    #[serde(default)]
    pub url_state: bool,
    /// localStorage key for autosave (`None`: off).
    #[serde(default)]
    pub storage_key: Option<String>,
    /// Hide editing and import (`readonly` attribute).
    #[serde(default)]
    pub readonly: bool,
}

/// Installs the panic hook: log to the console, then show an error box.
///
/// A panic while a new map is being built (see [`crate::state::building`]) has changed
/// nothing on screen, so the map stays and an alert says the new map was not loaded; the
/// message is kept for `load()` to return. Any other panic replaces this widget with an
/// error box (built with text nodes: the message is never parsed as HTML).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = info.to_string();
        let during_build = crate::state::building();
        crate::state::end_building();
        LAST_CRASH.with(|c| *c.borrow_mut() = Some(message.clone()));
        HOST.with(|h| {
            if let Some(host) = h.borrow().as_ref() {
                if during_build {
                    show_build_crash(host, &message);
                } else {
                    show_crash(host, &message);
                }
            }
        });
    }));
}

/// The alert for a map that crashed while being built: the map on screen stays.
fn show_build_crash(host: &web_sys::HtmlElement, message: &str) {
    let doc = document();
    let Some(root) = host.shadow_root() else {
        return;
    };
    let Ok(Some(pm)) = root.query_selector(".pm") else {
        show_crash(host, message);
        return;
    };
    if let Ok(Some(old)) = root.query_selector(".pm-crash-banner") {
        old.remove();
    }
    let Ok(boxed) = doc.create_element("div") else {
        return;
    };
    let _ = boxed.set_attribute("class", "pm-alert pm-crash-banner");
    let _ = boxed.set_attribute("role", "alert");
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some(
            "The new map could not be loaded: the widget ran into an internal error while building it. The map on screen is unchanged.",
        ));
        let _ = boxed.append_child(&p);
    }
    if let Ok(p) = doc.create_element("pre") {
        p.set_text_content(Some(&pmap_core::diagnostic::shorten(message, 400)));
        let _ = p.set_attribute("class", "pm-crash__detail");
        let _ = boxed.append_child(&p);
    }
    if let Ok(b) = doc.create_element("button") {
        let _ = b.set_attribute("type", "button");
        let _ = b.set_attribute("class", "pm-button pm-button--small");
        b.set_text_content(Some("Dismiss"));
        let target = boxed.clone();
        let close = Closure::<dyn FnMut()>::new(move || target.remove());
        let _ = b.add_event_listener_with_callback("click", close.as_ref().unchecked_ref());
        close.forget();
        let _ = boxed.append_child(&b);
    }
    let _ = pm.prepend_with_node_1(&boxed);
    fire_error(host);
}

fn fire_error(host: &web_sys::HtmlElement) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict("pm-error", &init) {
        let _ = host.dispatch_event(&ev);
    }
}

fn show_crash(host: &web_sys::HtmlElement, message: &str) {
    let doc = document();
    let Some(root) = host.shadow_root() else {
        return;
    };
    root.set_inner_html("");
    let style = doc.create_element("link").ok();
    if let Some(link) = style {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &host.get_attribute("data-css").unwrap_or_default());
        let _ = root.append_child(&link);
    }
    let Ok(boxed) = doc.create_element("div") else {
        return;
    };
    let _ = boxed.set_attribute("class", "pm pm-crash");
    let _ = boxed.set_attribute("role", "alert");
    if let Ok(h) = doc.create_element("h2") {
        h.set_text_content(Some("Partnership Map stopped working"));
        let _ = h.set_attribute("class", "pm-title");
        let _ = boxed.append_child(&h);
    }
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some("Something went wrong inside this map. The rest of the page is unaffected. Reload the page to try again; if you had unsaved changes, you will be offered them back."));
        let _ = boxed.append_child(&p);
    }
    if let Ok(p) = doc.create_element("pre") {
        p.set_text_content(Some(&pmap_core::diagnostic::shorten(message, 400)));
        let _ = p.set_attribute("class", "pm-crash__detail");
        let _ = boxed.append_child(&p);
    }
    let _ = root.append_child(&boxed);
    fire_error(host);
}

/// What `load` returns to JavaScript.
#[derive(Serialize)]
struct LoadResult {
    ok: bool,
    diagnostics: Vec<pmap_core::Diagnostic>,
}

/// A mounted widget, for the element's JavaScript API.
#[wasm_bindgen]
pub struct WidgetHandle {
    state: AppState,
}

/// Plain JavaScript objects (not `Map`s), so pages can `JSON.stringify` what they get.
///
/// Written as JSON text and read by the browser's `JSON.parse`, rather than built an object
/// and a property at a time across the wasm boundary: a 20,000-body map's 41,000 findings
/// took about 450 ms that way, one task long.
pub(crate) fn to_js<T: Serialize>(v: &T) -> JsValue {
    serde_json::to_string(v)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Loads a map from JSON text. Returns `{ok, diagnostics}`; on errors the map on screen
    /// is kept and the errors are shown in the widget.
    pub fn load(&self, json: &str) -> JsValue {
        let ok = self.state.load_text(json);
        self.result(ok)
    }

    fn result(&self, ok: bool) -> JsValue {
        let diagnostics = if ok {
            self.state
                .doc
                .snapshot
                .get_untracked()
                .map(|s| s.warnings.clone())
                .unwrap_or_default()
        } else {
            self.state.doc.load_errors.get_untracked()
        };
        to_js(&LoadResult { ok, diagnostics })
    }

    /// The findings, as an array of objects (see the README); `null` while a large map's
    /// findings are still being worked out in the worker (`pm-findings` fires when they
    /// arrive).
    pub fn findings(&self) -> JsValue {
        self.state
            .doc
            .snapshot
            .get_untracked()
            .and_then(|s| s.report_untracked())
            .map_or(JsValue::NULL, |r| findings_js(&r))
    }

    /// The map on screen as JSON text (what "Download JSON" saves).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.state
            .doc
            .snapshot
            .get_untracked()
            .and_then(|s| serde_json::to_string_pretty(&s.full()).ok())
            .unwrap_or_default()
    }

    /// Selects a body by id (`null` clears). Returns false when there is no such body.
    pub fn select(&self, id: Option<String>) -> bool {
        match id {
            None => {
                self.state.select(None);
                true
            }
            Some(id) => {
                let exists = self
                    .state
                    .doc
                    .snapshot
                    .get_untracked()
                    .is_some_and(|s| s.model.body_index(&id).is_some());
                if exists {
                    self.state.select(Some(id));
                }
                exists
            }
        }
    }

    /// Opens a view by name. Returns false for an unknown name.
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&self, name: &str) -> bool {
        match View::parse(name) {
            Some(v) => {
                self.state.view.set(v);
                true
            }
            None => false,
        }
    }

    /// Loads the map the page's `src` attribute names: like `load`, but allowed in a
    /// read-only widget, since the page chose it.
    #[wasm_bindgen(js_name = loadSource)]
    pub fn load_source(&self, json: &str) -> JsValue {
        let ok = self.state.load_source(json);
        self.result(ok)
    }

    /// Loads the widget's first map (the demo, when the page gives no `src`): like `load`,
    /// but there is nothing to undo back to.
    #[wasm_bindgen(js_name = loadInitial)]
    pub fn load_initial(&self, json: &str) -> JsValue {
        let ok = self.state.load_initial(json);
        self.result(ok)
    }

    /// Shows a problem the page had fetching the map (the map on screen, if any, stays).
    #[wasm_bindgen(js_name = showError)]
    pub fn show_error(&self, message: &str) {
        self.state
            .doc
            .load_errors
            .set(vec![pmap_core::Diagnostic::error(
                "fetch",
                "(src)",
                message.to_string(),
            )]);
    }

    /// The message of the panic that stopped the last call, if any (the loader calls this
    /// when `load` threw, to return `{ok: false}` with the reason).
    #[wasm_bindgen(js_name = takeCrash)]
    pub fn take_crash(&self) -> Option<String> {
        crate::state::end_building();
        LAST_CRASH.with(|c| c.borrow_mut().take())
    }

    /// Test hook (only with the `test-hooks` feature, never in release): panics inside the
    /// widget, to check that only this widget is replaced by an error box.
    #[cfg(feature = "test-hooks")]
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&self) {
        panic!("test hook: a deliberate panic");
    }

    /// Test hook (only with the `test-hooks` feature): the next map built panics halfway,
    /// to check that the map on screen survives a crash while loading.
    #[cfg(feature = "test-hooks")]
    #[wasm_bindgen(js_name = panicOnNextBuildForTest)]
    pub fn panic_on_next_build(&self) {
        crate::state::PANIC_ON_NEXT_BUILD.with(|p| p.set(true));
    }
}

/// Mounts a widget in `container` (inside `host`'s shadow root), and returns its handle.
#[wasm_bindgen]
pub fn mount_widget(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    options: JsValue,
) -> WidgetHandle {
    // The loader's worker starter: a function, so not part of the deserialised options.
    crate::state::tasks::set_runner(
        js_sys::Reflect::get(&options, &JsValue::from_str("runTask"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
    );
    let opts: MountOptions = serde_wasm_bindgen::from_value(options).unwrap_or_default();
    HOST.with(|h| *h.borrow_mut() = Some(host.clone()));
    let st = AppState::new();
    let handle_state = st;
    let mount = mount_to(container, move || {
        provide_widget_context_with(st);
        st.doc.autosave_key.set(opts.storage_key.clone());
        provide_context(crate::components::Readonly(opts.readonly));
        st.doc.readonly.set(opts.readonly);
        // The demo map (no `src`) is fetched by the loader as a file, not compiled in.
        if let Some(v) = opts.view.as_deref().and_then(View::parse) {
            st.view.set(v);
        }
        if opts.url_state {
            crate::components::sync_url(st);
        }
        crate::state::layout::watch(st);
        crate::state::analysis::watch(st);
        dispatch_events(st, host.clone());
        view! { <Widget /> }
    });
    mount.forget();
    WidgetHandle {
        state: handle_state,
    }
}

/// The `pm-findings` event's detail: `{count, findings}`, where `findings` is a getter that
/// converts the findings to JS objects the first time it is read. A national map has tens of
/// thousands of findings: converting them for every event held the page for 0.8 s at 20,000
/// bodies, whether or not the host looked at them.
fn findings_detail(report: std::sync::Arc<pmap_core::findings::Report>) -> JsValue {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &detail,
        &"count".into(),
        &JsValue::from(report.findings.len() as f64),
    );
    let get = Closure::<dyn Fn() -> JsValue>::new(move || findings_js(&report));
    let descriptor = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&descriptor, &"get".into(), &get.into_js_value());
    let _ = js_sys::Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE);
    js_sys::Object::define_property(&detail, &"findings".into(), &descriptor);
    detail.into()
}

thread_local! {
    /// The last report's findings as JavaScript objects, and the report they came from.
    static FINDINGS_JS: std::cell::RefCell<(std::sync::Weak<pmap_core::findings::Report>, JsValue)> =
        const { std::cell::RefCell::new((std::sync::Weak::new(), JsValue::NULL)) };
}

/// A report's findings as JavaScript objects, made once per report: `el.findings()` and the
/// `pm-findings` event's `detail.findings` share them. (41,000 findings of a 20,000-body map
/// take about 400 ms to turn into objects, and a page may well ask twice.)
fn findings_js(report: &std::sync::Arc<pmap_core::findings::Report>) -> JsValue {
    FINDINGS_JS.with(|c| {
        let mut c = c.borrow_mut();
        if c.0.as_ptr() != std::sync::Arc::as_ptr(report) {
            *c = (std::sync::Arc::downgrade(report), to_js(&report.findings));
        }
        c.1.clone()
    })
}

/// Fires `pm-select` when the selection changes and `pm-findings` when the findings do.
fn dispatch_events(st: AppState, host: web_sys::HtmlElement) {
    let fire = move |host: &web_sys::HtmlElement, name: &str, detail: JsValue| {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&ev);
        }
    };
    let h1 = host.clone();
    Effect::new(move |prev: Option<Option<String>>| {
        let sel = st.sel.selected.get();
        if prev.is_some() && prev.as_ref() != Some(&sel) {
            let name = sel.as_ref().and_then(|id| {
                st.doc.snapshot.get_untracked().and_then(|s| {
                    s.model
                        .body_index(id)
                        .map(|i| s.model.body_name(i).to_string())
                })
            });
            fire(
                &h1,
                "pm-select",
                to_js(&serde_json::json!({ "id": sel, "name": name })),
            );
        }
        sel
    });
    let h2 = host.clone();
    Effect::new(move |_| {
        // `pm-layout` when the picture has settled (or was stopped), with what it took.
        let l = st.net.layout.get();
        if !l.running && l.size.0 > 0 {
            let per = if l.iterations > 0 {
                l.ms / l.iterations as f64
            } else {
                0.0
            };
            fire(
                &h2,
                "pm-layout",
                to_js(&serde_json::json!({
                    "settled": !l.cancelled, "cancelled": l.cancelled,
                    "iterations": l.iterations, "ms": l.ms, "msPerIteration": per,
                    "nodes": l.size.0, "edges": l.size.1,
                    "worker": crate::state::tasks::has_worker(),
                })),
            );
        }
    });
    Effect::new(move |_| {
        // Once per map, when its findings are known (at once, or when the worker's arrive).
        if let Some(r) = st.doc.snapshot.get().and_then(|s| {
            s.analysing();
            s.report_untracked()
        }) {
            fire(&host, "pm-findings", findings_detail(r));
        }
    });
}
