//! Heavy work away from the page: the force layout and the analyses of a large map, and
//! the search for groupings. Each task runs in a Web Worker (`web/pmap-worker.js` loads this same module
//! there and calls [`run_worker_task`]), so the page never freezes and a task can be
//! cancelled by ending its worker. Without a worker (the stand-alone app, the wasm tests)
//! the same function runs on the page ([`crate::state::tasks`]).
//!
//! Inputs and outputs are plain JS objects with typed arrays, never one call per shape.

use js_sys::{Float32Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use pmap_core::layout::{LayoutOptions, Point};
use pmap_core::scene::LayoutJob;
use wasm_bindgen::prelude::*;

/// Milliseconds since some fixed point (the worker's or the page's clock).
fn now() -> f64 {
    js_sys::Date::now()
}

fn set(o: &Object, k: &str, v: impl Into<JsValue>) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v.into());
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// A `Uint8Array` field read as UTF-8 text: how maps and reports cross between the page and
/// the worker (tens of megabytes at 20,000 bodies; a JS string would be converted to UTF-16
/// and back on the way).
///
/// # Errors
/// `"{k}: not bytes"` or `"{k}: not UTF-8"`.
pub fn utf8_field(o: &JsValue, k: &str) -> Result<String, String> {
    utf8(get(o, k), k)
}

/// The text in `v`, a `Uint8Array` of UTF-8 (`what` names it in an error).
pub fn utf8(v: JsValue, what: &str) -> Result<String, String> {
    let bytes = v
        .dyn_into::<Uint8Array>()
        .map_err(|_| format!("{what}: not bytes"))?
        .to_vec();
    String::from_utf8(bytes).map_err(|_| format!("{what}: not UTF-8"))
}

fn num(o: &JsValue, k: &str) -> Option<f64> {
    get(o, k).as_f64()
}

/// Runs one task: `"layout"` ([`layout_input`] → positions), `"suggest"` (a grouping
/// search) or `"analyse"` (a large map's findings, [`crate::state::analysis`]). `progress` is called now and then with `{progress: 0..1, …}`.
///
/// # Errors
/// An unknown task or a malformed input, as a message.
#[wasm_bindgen(js_name = runWorkerTask)]
pub fn run_worker_task(
    kind: &str,
    input: JsValue,
    progress: &js_sys::Function,
) -> Result<JsValue, JsValue> {
    let report = |v: &Object| {
        let _ = progress.call1(&JsValue::NULL, v);
    };
    match kind {
        "layout" => layout_task(&input, &report).map(Into::into),
        "suggest" => suggest_task(&input, &report),
        "analyse" => analyse_task(&input).map(Into::into),
        other => Err(JsValue::from_str(&format!("unknown task {other}"))),
    }
}

/// The worker's input for a layout: `{n, edges: Uint32Array [a0, b0, a1, b1, …],
/// start: Float32Array [x0, y0, …] | null (NaN = no saved place), options: {…},
/// labels: Float64Array [left0, right0, up0, down0, …]}`.
pub fn layout_input(job: &LayoutJob) -> JsValue {
    let o = Object::new();
    set(&o, "n", job.n as f64);
    let flat: Vec<u32> = job.edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    set(&o, "edges", Uint32Array::from(flat.as_slice()));
    if let Some(start) = &job.start {
        let flat: Vec<f32> = start
            .iter()
            .flat_map(|p| match p {
                Some(p) => [p.x as f32, p.y as f32],
                None => [f32::NAN, f32::NAN],
            })
            .collect();
        set(&o, "start", Float32Array::from(flat.as_slice()));
    }
    let labels: Vec<f64> = job
        .labels
        .iter()
        .flat_map(|b| [b.left, b.right, b.up, b.down])
        .collect();
    set(&o, "labels", Float64Array::from(labels.as_slice()));
    // A seed beyond 2^53 goes as a BigInt rather than failing.
    let ser = serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true);
    if let Ok(options) = serde::Serialize::serialize(&job.options, &ser) {
        set(&o, "options", options);
    }
    o.into()
}

fn read_job(input: &JsValue) -> Result<LayoutJob, JsValue> {
    let bad = |what: &str| JsValue::from_str(&format!("layout input: {what}"));
    let n = num(input, "n").ok_or_else(|| bad("n"))? as usize;
    let edges: Vec<u32> = get(input, "edges")
        .dyn_into::<Uint32Array>()
        .map_err(|_| bad("edges"))?
        .to_vec();
    let start = get(input, "start")
        .dyn_into::<Float32Array>()
        .ok()
        .map(|a| {
            a.to_vec()
                .chunks_exact(2)
                .map(|p| {
                    (p[0].is_finite() && p[1].is_finite()).then(|| Point {
                        x: f64::from(p[0]),
                        y: f64::from(p[1]),
                    })
                })
                .collect::<Vec<_>>()
        });
    // Missing keys take their defaults (serde `default` on LayoutOptions).
    let options: LayoutOptions = match get(input, "options") {
        o if o.is_undefined() || o.is_null() => LayoutOptions::default(),
        o => serde_wasm_bindgen::from_value(o).map_err(|e| bad(&format!("options: {e}")))?,
    };
    if edges.iter().any(|&v| v as usize >= n) {
        return Err(bad("an edge names a body past n"));
    }
    // Without label boxes the positions come back as laid out, labels not moved apart.
    let labels = get(input, "labels")
        .dyn_into::<Float64Array>()
        .map(|a| {
            a.to_vec()
                .chunks_exact(4)
                .map(|b| pmap_core::scene::LabelBox {
                    left: b[0],
                    right: b[1],
                    up: b[2],
                    down: b[3],
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(LayoutJob {
        n,
        edges: edges.chunks_exact(2).map(|e| (e[0], e[1])).collect(),
        options,
        start,
        labels,
    })
}

fn points(pos: &[Point]) -> Float32Array {
    let flat: Vec<f32> = pos.iter().flat_map(|p| [p.x as f32, p.y as f32]).collect();
    Float32Array::from(flat.as_slice())
}

/// Reads finished positions back (`[x0, y0, …]`).
pub fn read_points(a: &[f32]) -> Vec<Point> {
    a.chunks_exact(2)
        .map(|p| Point {
            x: f64::from(p[0]),
            y: f64::from(p[1]),
        })
        .collect()
}

/// How often a running layout reports its picture so far.
const REPORT_EVERY_MS: f64 = 120.0;

/// Runs the layout in chunks sized to report about every [`REPORT_EVERY_MS`]: each report
/// carries the positions so far (fitted, as [`pmap_core::layout::Layout::finish`] gives
/// them). Returns `{positions, separated, iterations, ms}`: the positions with labels
/// moved apart when the input had label boxes (`separated`), and `ms` the time spent
/// iterating (not reporting).
fn layout_task(input: &JsValue, report: &dyn Fn(&Object)) -> Result<Object, JsValue> {
    let job = read_job(input)?;
    let mut layout = job.start();
    let mut spent = 0.0;
    let mut chunk = 1usize;
    let mut last_report = now();
    loop {
        let t0 = now();
        let p = layout.step(chunk);
        let dt = now() - t0;
        spent += dt;
        if p >= 1.0 {
            break;
        }
        // Grow or shrink the chunk towards the reporting interval.
        if dt < REPORT_EVERY_MS / 2.0 {
            chunk = (chunk * 2).min(400);
        } else if dt > REPORT_EVERY_MS && chunk > 1 {
            chunk /= 2;
        }
        if now() - last_report >= REPORT_EVERY_MS {
            let o = Object::new();
            set(&o, "progress", p);
            set(&o, "positions", points(&layout.finish()));
            report(&o);
            last_report = now();
        }
    }
    let o = Object::new();
    // Labels moved apart here, not on the page ([`LayoutJob::finish`]).
    set(&o, "positions", points(&job.finish(&layout)));
    set(&o, "separated", job.separates());
    set(&o, "iterations", job.options.iterations as f64);
    set(&o, "ms", spent);
    Ok(o)
}

/// Findings in each part of the report the worker sends: on this machine's Chromium, the
/// page reads 2,000 in about 10 ms, well inside a 50 ms task.
pub const FINDINGS_PER_PART: usize = 2_000;

/// The worker's input for the analyses: `{map: Uint8Array}`, the UTF-8 JSON of a map the
/// page has already validated (as at the date on screen). Returns `{report: Uint8Array,
/// findings: [Uint8Array], atlas: Uint8Array, ms}`: the report's UTF-8 JSON without its
/// findings or atlas, the findings in parts
/// ([`pmap_core::findings::Report::into_json_parts`]), the atlas's JSON, and the time
/// [`pmap_core::findings::analyse`] took.
fn analyse_task(input: &JsValue) -> Result<Object, JsValue> {
    let text =
        utf8_field(input, "map").map_err(|e| JsValue::from_str(&format!("analyse input: {e}")))?;
    // The page's own reader (`pmap_core::load`), not a second copy of the map's
    // deserialiser in the module: the map was validated on the page, so this cannot fail
    // for a map the page shows.
    let model = pmap_core::load(&text)
        .map_err(|_| JsValue::from_str("analyse input: the map does not load"))?
        .model;
    let t0 = now();
    let mut report = pmap_core::findings::analyse(&model);
    let ms = now() - t0;
    let o = Object::new();
    // The atlas goes apart: the page reads it when the Alignment view first needs it.
    let atlas = serde_json::to_string(&std::mem::take(&mut report.atlas))
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    // The findings go in parts, which the page reads one per task (`state::analysis`).
    let (head, parts) = report
        .into_json_parts(FINDINGS_PER_PART)
        .map_err(|e| JsValue::from_str(&e))?;
    set(&o, "report", Uint8Array::from(head.as_bytes()));
    let list = js_sys::Array::new();
    for p in &parts {
        list.push(&Uint8Array::from(p.as_bytes()));
    }
    set(&o, "findings", list);
    set(&o, "atlas", Uint8Array::from(atlas.as_bytes()));
    set(&o, "ms", ms);
    Ok(o)
}

/// The worker's input for a grouping search: `{map: JSON text, areas: [codes], kinds:
/// [kind names], min, max, groups, allowNoncontiguous}`. Reports `{progress}` as it goes.
/// Returns JSON text: `null` when no partition meets the constraints, else the shape
/// `pmap-check --suggest` prints ([`partition_json`] plus `exact`, `ms`, `contiguity`).
fn suggest_task(input: &JsValue, report: &dyn Fn(&Object)) -> Result<JsValue, JsValue> {
    use pmap_core::analysis::grouping::{suggest_with, Band, Scorer, SuggestOptions};
    use pmap_core::analysis::partition_json::partition_json;
    let bad = |what: &str| JsValue::from_str(&format!("suggest input: {what}"));
    let text = get(input, "map").as_string().ok_or_else(|| bad("map"))?;
    let loaded = pmap_core::load(&text).map_err(|_| bad("the map does not load"))?;
    let model = loaded.model;
    let codes: Vec<String> =
        serde_wasm_bindgen::from_value(get(input, "areas")).map_err(|_| bad("areas"))?;
    let kinds: Vec<pmap_core::model::BodyKind> =
        serde_wasm_bindgen::from_value(get(input, "kinds")).map_err(|_| bad("kinds"))?;
    let mut opts = SuggestOptions::new(Band {
        min: num(input, "min").unwrap_or(0.0),
        max: num(input, "max").unwrap_or(f64::INFINITY),
        groups: num(input, "groups").map(|g| g as usize),
    });
    opts.allow_noncontiguous = get(input, "allowNoncontiguous").as_bool() == Some(true);
    let areas: Vec<pmap_core::index::AreaIx> =
        codes.iter().filter_map(|c| model.area_index(c)).collect();
    let t0 = now();
    let mut last = t0;
    let found = suggest_with(&model, &areas, &kinds, &opts, &mut |p| {
        if now() - last >= REPORT_EVERY_MS {
            let o = Object::new();
            set(&o, "progress", p);
            report(&o);
            last = now();
        }
        true
    });
    let ms = now() - t0;
    let out = found.map(|s| {
        let all: Vec<pmap_core::index::AreaIx> = s.groups.concat();
        let assign: Vec<usize> = s
            .groups
            .iter()
            .enumerate()
            .flat_map(|(g, a)| std::iter::repeat_n(g, a.len()))
            .collect();
        let rep = Scorer::new(&model, &all, &kinds).report(&assign);
        let contiguous = |a: &[pmap_core::index::AreaIx]| {
            s.groups
                .iter()
                .position(|g| g.as_slice() == a)
                .and_then(|i| s.contiguous.get(i).copied().flatten())
        };
        let mut j = partition_json(&model, &rep, &contiguous);
        j["exact"] = s.exact.into();
        j["ms"] = ms.into();
        j["contiguity"] = s.contiguity.label().into();
        j["complete"] = s.complete.into();
        j
    });
    serde_json::to_string(&out)
        .map(|t| JsValue::from_str(&t))
        .map_err(|e| JsValue::from_str(&e.to_string()))
}
