//! Starting heavy work ([`crate::worker`]) in a Web Worker, with progress and Cancel.
//!
//! The loader (`web/partnership-map.js`) hands the widget a `runTask(kind, input,
//! onProgress, onDone)` function that starts a worker and returns a function that ends it.
//! Without one (the stand-alone app, the wasm tests) a task runs on the page, after the
//! next frame, and cannot be cancelled part-way.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static RUNNER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Sets the loader's `runTask` (see the module doc).
pub fn set_runner(f: Option<js_sys::Function>) {
    RUNNER.with(|r| *r.borrow_mut() = f);
}

/// Whether tasks run in a worker (else on the page).
pub fn has_worker() -> bool {
    RUNNER.with(|r| r.borrow().is_some())
}

/// A running task: [`Task::cancel`] ends it (its `on_done` is then never called).
#[derive(Clone)]
pub struct Task {
    cancel: Option<js_sys::Function>,
    cancelled: std::rc::Rc<std::cell::Cell<bool>>,
}

impl Task {
    /// Ends the task now. Its worker is terminated, so the work stops at once.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(f) = &self.cancel {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

/// Resolves in a later task of the page (a zero timeout), so that the page can paint and
/// take input between the parts of a long piece of work.
pub async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Runs `f` in a later task of the page.
pub fn later(f: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        next_task().await;
        f();
    });
}

/// Drops `value` in a later task of the page ([`later`]), so that freeing a large structure
/// does not lengthen the task that replaced it.
pub fn drop_later<T: 'static>(value: T) {
    later(move || drop(value));
}

/// Starts task `kind` on `input`. `on_progress` gets each progress report; `on_done` the
/// result or an error message (not called after [`Task::cancel`]).
pub fn spawn(
    kind: &'static str,
    input: JsValue,
    on_progress: impl FnMut(JsValue) + 'static,
    on_done: impl FnOnce(Result<JsValue, String>) + 'static,
) -> Task {
    spawn_watched(kind, input, on_progress, |r, _| on_done(r))
}

/// [`spawn`], with `on_done` also given the task's cancelled flag, for work it goes on with
/// in later tasks of the page ([`next_task`]): that work stops when the flag is set.
pub fn spawn_watched(
    kind: &'static str,
    input: JsValue,
    on_progress: impl FnMut(JsValue) + 'static,
    on_done: impl FnOnce(Result<JsValue, String>, std::rc::Rc<std::cell::Cell<bool>>) + 'static,
) -> Task {
    let cancelled = std::rc::Rc::new(std::cell::Cell::new(false));
    let runner = RUNNER.with(|r| r.borrow().clone());
    let c2 = cancelled.clone();
    let done = move |r: Result<JsValue, String>| {
        if !c2.get() {
            on_done(r, c2);
        }
    };
    match runner {
        Some(run) => {
            let progress = Closure::<dyn FnMut(JsValue)>::new(on_progress).into_js_value();
            let finish = Closure::once_into_js(move |error: JsValue, result: JsValue| {
                if error.is_null() || error.is_undefined() {
                    done(Ok(result));
                } else {
                    done(Err(error
                        .as_string()
                        .unwrap_or_else(|| format!("{error:?}"))));
                }
            });
            let args = js_sys::Array::of4(&JsValue::from_str(kind), &input, &progress, &finish);
            let cancel = run
                .apply(&JsValue::NULL, &args)
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            Task { cancel, cancelled }
        }
        None => {
            gloo::timers::callback::Timeout::new(30, move || {
                let progress = Closure::<dyn FnMut(JsValue)>::new(on_progress);
                let f: &js_sys::Function = progress.as_ref().unchecked_ref();
                let r = crate::worker::run_worker_task(kind, input, f)
                    .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")));
                done(r);
            })
            .forget();
            Task {
                cancel: None,
                cancelled,
            }
        }
    }
}
