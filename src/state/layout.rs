//! The network layout of a large map, run in the worker ([`crate::worker`]) while the
//! page stays responsive: the map is drawn at once as an even spread, redrawn as the
//! layout reports progress, and replaced when it settles. A newer map cancels it.

use super::tasks::{spawn, Task};
use super::{AppState, Snapshot};
use leptos::prelude::*;
use pmap_core::scene::Scene;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Maps with more bodies than this are laid out in the worker. Below it the layout takes
/// well under 100 ms on the page (45-body demo: 6 ms; 400 bodies: about 60 ms in the
/// e2e figures), which is quicker than starting a worker.
pub const SYNC_LAYOUT_LIMIT: usize = 400;

/// Below this many bodies each progress report redraws the whole picture (label
/// placement included); above it only the positions are kept, for the canvas.
const REDRAW_LIMIT: usize = 2_000;

/// Where the layout of the map on screen stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutStatus {
    /// Running in the worker.
    pub running: bool,
    /// Share done, 0..=1.
    pub progress: f64,
    /// The positions so far (`[x0, y0, …]`, scene units), while running.
    pub live: Option<Arc<Vec<f32>>>,
    /// Iterations of the last finished layout.
    pub iterations: usize,
    /// Milliseconds the last finished layout spent iterating.
    pub ms: f64,
    /// Bodies and edges of the last finished layout.
    pub size: (usize, usize),
    /// Stopped by the user before it settled.
    pub cancelled: bool,
}

/// Watches the map on screen and lays out each new large one in the worker.
pub fn watch(st: AppState) {
    let task = StoredValue::new_local(None::<Task>);
    let previous = StoredValue::new_local(None::<Arc<Scene>>);
    Effect::new(move |last: Option<Option<usize>>| {
        let snap = st.doc.snapshot.get();
        let key = snap.as_ref().map(|s| Arc::as_ptr(s) as usize);
        if last.as_ref() == Some(&key) {
            return key;
        }
        if let Some(t) = task.get_value() {
            t.cancel();
            task.set_value(None);
        }
        let Some(snap) = snap else { return key };
        if !snap.layout_pending {
            let (iterations, ms) = snap.layout_stats.unwrap_or((0, 0.0));
            let scene = snap.scene_untracked();
            st.net.layout.set(LayoutStatus {
                iterations,
                ms,
                size: (scene.nodes.len(), scene.edges.len()),
                ..LayoutStatus::default()
            });
            previous.set_value(Some(scene));
            return key;
        }
        let prev = previous.get_value();
        task.set_value(Some(start(st, snap, prev.as_deref())));
        key
    });
}

/// Stops the running layout, keeping the picture as far as it got.
pub fn stop(st: AppState) {
    st.net.layout.update(|l| {
        if l.running {
            l.running = false;
            l.cancelled = true;
        }
    });
    CANCEL.with(|c| {
        if let Some(f) = c.borrow_mut().take() {
            f();
        }
    });
}

thread_local! {
    static CANCEL: std::cell::RefCell<Option<Box<dyn FnOnce()>>> = const { std::cell::RefCell::new(None) };
}

fn start(st: AppState, snap: Arc<Snapshot>, previous: Option<&Scene>) -> Task {
    // The picture on screen (the even spread) has this map's edges and labels: the job and
    // each assembled picture reuse them rather than work them out again.
    let shown = snap.scene_untracked();
    let job = shown.job(&snap.model, previous);
    let (n, e) = (job.n, job.edges.len());
    st.net.layout.set(LayoutStatus {
        running: true,
        size: (n, e),
        ..LayoutStatus::default()
    });
    let input = crate::worker::layout_input(&job);
    let s1 = snap.clone();
    let on_progress = move |v: wasm_bindgen::JsValue| {
        let p = js_sys::Reflect::get(&v, &"progress".into())
            .ok()
            .and_then(|p| p.as_f64())
            .unwrap_or(0.0);
        let Some(pos) = js_sys::Reflect::get(&v, &"positions".into())
            .ok()
            .and_then(|a| a.dyn_into::<js_sys::Float32Array>().ok())
        else {
            return;
        };
        if n <= REDRAW_LIMIT {
            s1.set_scene(
                s1.scene_untracked()
                    .moved(crate::worker::read_points(&pos.to_vec()), true),
            );
        }
        st.net.layout.update(|l| {
            l.progress = p;
            l.live = Some(Arc::new(pos.to_vec()));
        });
    };
    let s2 = snap.clone();
    let on_done = move |r: Result<wasm_bindgen::JsValue, String>| {
        CANCEL.with(|c| c.borrow_mut().take());
        // Settled, or given up: work that waits for the layout (the analyses on a
        // two-core machine) may start, in a task of its own (handing a 20,000-body map to
        // the analysis worker is a copy of its text).
        let s4 = s2.clone();
        super::tasks::later(move || s4.mark_settled());
        let Ok(v) = r else {
            // The picture stays the even spread; say so rather than fail silently.
            st.net.layout.update(|l| l.running = false);
            st.announcement
                .set("The picture could not be arranged: it shows an even spread.".into());
            return;
        };
        let get = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok();
        let Some(pos) = get("positions").and_then(|a| a.dyn_into::<js_sys::Float32Array>().ok())
        else {
            return;
        };
        // The worker has moved the labels apart (`LayoutJob::finish`) unless it says not.
        let pos = crate::worker::read_points(&pos.to_vec());
        let separated = get("separated").and_then(|x| x.as_bool()) == Some(true);
        s2.set_scene(s2.scene_untracked().moved(pos, !separated));
        st.net.layout.set(LayoutStatus {
            iterations: get("iterations").and_then(|x| x.as_f64()).unwrap_or(0.0) as usize,
            ms: get("ms").and_then(|x| x.as_f64()).unwrap_or(0.0),
            size: (n, e),
            ..LayoutStatus::default()
        });
    };
    let task = spawn("layout", input, on_progress, on_done);
    let t2 = task.clone();
    // Cancel keeps the picture as far as it got.
    let s3 = snap;
    CANCEL.with(|c| {
        *c.borrow_mut() = Some(Box::new(move || {
            t2.cancel();
            s3.mark_settled();
            if let Some(live) = st.net.layout.get_untracked().live {
                s3.set_scene(
                    s3.scene_untracked()
                        .moved(crate::worker::read_points(&live), true),
                );
            }
        }));
    });
    task
}
