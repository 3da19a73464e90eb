//! The findings of a large map, worked out in the worker ([`crate::worker`]) so that the
//! page stays responsive: the map is drawn at once, the Findings and Alignment views say
//! the findings are on their way, and the report replaces that when it arrives. A newer
//! map (a load, an edit, another "as at" date) cancels the work for the old one.
//!
//! The worker gets the map as the page shows it (UTF-8 JSON bytes), builds the model and
//! runs [`pmap_core::findings::analyse`], and sends back the report, its findings in parts
//! ([`pmap_core::findings::Report::into_json_parts`]) that the page reads one per task, and,
//! apart, its alignment atlas, which the
//! snapshot reads only when the Alignment view first asks for it ([`Snapshot::atlas`]).
//! If that fails for any reason the page works the report out itself, so findings are never
//! simply missing.

use super::tasks::{next_task, spawn_watched, Task};
use super::{AppState, Snapshot};
use leptos::prelude::*;
use pmap_core::findings::{analyse, Report};
use std::cell::Cell;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Maps with more bodies than this are analysed in the worker, like their layout. The cost
/// depends on the links more than the bodies (e2e and benchmark figures, wasm): England's 745
/// bodies and 1,563 links take about 30 ms, but 500 generated bodies with 1,000 links 90–160
/// ms, 5,000 with 15,000 links about 300 ms and 20,000 with 100,000 about 1,100 ms. Below
/// this the analyses stay on the page, where the findings are there at once.
pub const SYNC_ANALYSIS_LIMIT: usize = 400;

/// Watches the map on screen and sends each new large one's analyses to the worker.
///
/// With fewer than four cores the analyses wait until the layout has settled: the layout
/// worker, the analysis worker and the page would otherwise share two cores, and on this
/// project's two-core machine the layout of 5,000 bodies ran half as fast (3.5 → 6.7 ms an
/// iteration). The findings then come about as soon as before, since the same work is done
/// either way, and the picture settles first.
pub fn watch(st: AppState) {
    let task = StoredValue::new_local(None::<Task>);
    // The snapshot whose analyses were started (by its address).
    let started = StoredValue::new_local(None::<usize>);
    let parallel = window().navigator().hardware_concurrency().max(1.0) >= 4.0;
    Effect::new(move |_| {
        let snap = st.doc.snapshot.get();
        let key = snap.as_ref().map(|s| Arc::as_ptr(s) as usize);
        if started.get_value().is_some() && started.get_value() != key {
            if let Some(t) = task.get_value() {
                t.cancel();
                task.set_value(None);
            }
            started.set_value(None);
        }
        let Some(snap) = snap.filter(|s| s.report_untracked().is_none()) else {
            return;
        };
        if started.get_value() == key {
            return;
        }
        // Tracked: the effect runs again when the layout settles.
        if snap.layout_pending && !parallel && !snap.settled() {
            return;
        }
        started.set_value(key);
        task.set_value(Some(start(snap)));
    });
}

fn start(snap: Arc<Snapshot>) -> Task {
    let input = js_sys::Object::new();
    // UTF-8 bytes both ways (see `worker::analyse_task`).
    let map = snap
        .take_text()
        .unwrap_or_else(|| serde_json::to_string(snap.model.file()).unwrap_or_default());
    let bytes = js_sys::Uint8Array::from(map.as_bytes());
    let _ = js_sys::Reflect::set(&input, &"map".into(), &bytes);
    let t0 = js_sys::Date::now();
    spawn_watched(
        "analyse",
        input.into(),
        |_| {},
        // `cancelled`: the reading of the findings stops when a newer map cancels the task.
        move |r, cancelled| {
            let v = match r {
                Ok(v) => v,
                Err(e) => return analyse_here(&snap, &e),
            };
            // Read a piece per task (the head, each part of the findings, the atlas), so that
            // the page is never held for long: at 20,000 bodies the whole report took about
            // 250 ms to read in one go.
            wasm_bindgen_futures::spawn_local(async move {
                match read_report(&v, &cancelled).await {
                    Ok(Some((report, atlas))) => {
                        // The worker's own time for the analyses, as the page's `pm:analyse`
                        // would be, and the whole trip (send, analyse, read back) as
                        // `pm:analyse-trip`.
                        if let Some(ms) = js_sys::Reflect::get(&v, &"ms".into())
                            .ok()
                            .and_then(|m| m.as_f64())
                        {
                            measure("pm:analyse", ms);
                        }
                        measure("pm:analyse-trip", js_sys::Date::now() - t0);
                        snap.set_report(report, atlas);
                    }
                    Ok(None) => {}
                    Err(e) => analyse_here(&snap, &e),
                }
            });
        },
    )
}

/// The worker's report (`worker::analyse_task`'s result), read a piece per task of the page;
/// `None` if the task was cancelled on the way.
async fn read_report(
    v: &wasm_bindgen::JsValue,
    cancelled: &Cell<bool>,
) -> Result<Option<(Report, Option<String>)>, String> {
    let parts = js_sys::Reflect::get(v, &"findings".into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Array>().ok())
        .ok_or("findings: not a list")?;
    next_task().await;
    if cancelled.get() {
        return Ok(None);
    }
    let mut report = Report::from_json(&crate::worker::utf8_field(v, "report")?)?;
    for part in parts.iter() {
        next_task().await;
        if cancelled.get() {
            return Ok(None);
        }
        report.read_part(&crate::worker::utf8(part, "findings")?)?;
    }
    next_task().await;
    if cancelled.get() {
        return Ok(None);
    }
    // The atlas stays as text, to be read when the Alignment view needs it.
    let atlas = crate::worker::utf8_field(v, "atlas").ok();
    Ok(Some((report, atlas)))
}

/// The fallback when the worker's report cannot be had: the page works it out itself.
fn analyse_here(snap: &Snapshot, e: &str) {
    gloo::console::warn!(format!(
        "Partnership Map: the worker could not analyse the map ({e}); analysing it on the page"
    ));
    snap.set_report(analyse(&snap.model), None);
}

/// Records a performance measure of `ms` ending now (`performance.measure(name, {start,
/// end})`), which the e2e suite reads like the page's own.
fn measure(name: &str, ms: f64) {
    let Some(perf) = window().performance() else {
        return;
    };
    let end = perf.now();
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &(end - ms).max(0.0).into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &end.into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            let _ = f.call2(&perf, &name.into(), &opts);
        }
    }
}
