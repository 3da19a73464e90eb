//! Benchmark: the core on large seeded clustered maps (issue 12), 500 / 5,000 / 20,000
//! bodies with 1k / 15k / 100k links.
//!
//! Run with `cargo bench -p pmap-core --bench scale` (`-- --quick` for 500 and 5,000
//! bodies only, without the 5,000-body scene). The maps come from
//! `tests/e2e/gen-clustered.mjs` (run with `node`, as the browser benchmark does, so both
//! measure the same graphs); they are cached in Cargo's bench temp dir. Without `node`
//! the benchmark says so and stops.
//!
//! Columns: `load` (parse + validate + index), `analyse` (every finding), `scene` (layout
//! run to the end + label overlap removal), `ms/iter` (one layout iteration after five of
//! warm-up, mean of 20), `iters` (how many the scene runs), `bc` (betweenness exact, or
//! the number of sampled sources), the layout's edge-length CV and crossing rate
//! ([`pmap_core::scene::layout_quality`]), and the governance drawing's time and
//! crossings. Times are medians of 3 runs (1 with `--quick`), wall clock, single thread;
//! the machine is shared, so compare rows of one run rather than runs.

// A native benchmark: wall-clock timing is the point here, unlike in the core.
#![allow(clippy::disallowed_methods)]

use pmap_core::analysis::accountability::adjacency;
use pmap_core::analysis::betweenness::{betweenness, EXACT_BUDGET};
use pmap_core::analysis::cut_vertices::Csr;
use pmap_core::findings::analyse;
use pmap_core::governance::{crossings, layers};
use pmap_core::scene::{iterations_for, layout_quality, Scene};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn ms(f: impl FnMut(), runs: usize) -> f64 {
    let mut f = f;
    let mut t: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    pmap_core::order::sort_by(&mut t, f64::total_cmp);
    t[t.len() / 2]
}

fn map(bodies: usize, links: usize) -> Result<String, String> {
    let cache =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("clustered-{bodies}-{links}.json"));
    if let Ok(text) = std::fs::read_to_string(&cache) {
        return Ok(text);
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/gen-clustered.mjs");
    let out = Command::new("node")
        .arg(&script)
        .arg(bodies.to_string())
        .arg(links.to_string())
        .output()
        .map_err(|e| format!("cannot run node {}: {e}", script.display()))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let text = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    let _ = std::fs::write(&cache, &text);
    Ok(text)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 1 } else { 3 };
    let sizes: &[(usize, usize)] = if quick {
        &[(500, 1_000), (5_000, 15_000)]
    } else {
        &[(500, 1_000), (5_000, 15_000), (20_000, 100_000)]
    };
    let mut bc_check = None;
    println!(
        "| bodies | links | load ms | analyse ms | scene ms | ms/iter | iters | bc | edge CV | crossing rate | governance ms | gov. crossings |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &(bodies, links) in sizes {
        let text = match map(bodies, links) {
            Ok(t) => t,
            Err(e) => {
                println!("skipped: {e}");
                return;
            }
        };
        let load = ms(
            || {
                black_box(pmap_core::load(&text).is_ok());
            },
            runs,
        );
        let Ok(loaded) = pmap_core::load(&text) else {
            println!("| {bodies} | {links} | the generated map did not load |");
            continue;
        };
        let m = &loaded.model;
        let analyse_ms = ms(
            || {
                black_box(analyse(m));
            },
            runs,
        );
        let report = analyse(m);
        let bc = match report.centrality.first() {
            Some(c) if !c.betweenness_exact => "sampled".to_string(),
            _ => "exact".to_string(),
        };
        let mut layout = Scene::layout(m);
        layout.step(5);
        let start = Instant::now();
        layout.step(20);
        let per_iter = start.elapsed().as_secs_f64() * 1000.0 / 20.0;
        let (scene_ms, cv, rate) = if quick && bodies > 1_000 {
            ("–".to_string(), "–".to_string(), "–".to_string())
        } else {
            let start = Instant::now();
            let s = Scene::build(m);
            let t = start.elapsed().as_secs_f64() * 1000.0;
            let q = layout_quality(&s);
            (
                format!("{t:.0}"),
                format!("{:.2}", q.edge_length_cv),
                format!("{:.3}", q.crossing_rate),
            )
        };
        let gov_ms = ms(
            || {
                black_box(layers(m));
            },
            runs,
        );
        let g = layers(m);
        let gov_cross = if g.edges.len() <= 20_000 && !(quick && bodies > 1_000) {
            crossings(&g).to_string()
        } else {
            "–".to_string()
        };
        println!(
            "| {bodies} | {} | {load:.0} | {analyse_ms:.0} | {scene_ms} | {per_iter:.2} | {} | {bc} | {cv} | {rate} | {gov_ms:.1} | {gov_cross} |",
            m.file().links.len(),
            iterations_for(bodies),
        );
        if bodies == 5_000 {
            bc_check = Some(Csr::from_lists(&adjacency(m)));
        }
    }
    // Betweenness on the 5,000-body map: exact against sampled, to size the budget and
    // measure the sampling error.
    if let Some(g) = bc_check {
        let work = g.len() * (g.len() + g.targets.len());
        let start = Instant::now();
        let exact = betweenness(&g, usize::MAX, 1);
        let exact_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let est = betweenness(&g, EXACT_BUDGET, 1);
        let est_ms = start.elapsed().as_secs_f64() * 1000.0;
        let err = exact
            .values
            .iter()
            .zip(&est.values)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let top = exact.values.iter().copied().fold(0.0, f64::max);
        println!(
            "\nbetweenness, 5,000 bodies: exact {exact_ms:.0} ms ({:.1} ns per unit of work V·(V+2E)), so the exact budget of {EXACT_BUDGET} units is about {:.0} ms; sampled ({} sources) {est_ms:.0} ms, largest error {err:.4} (largest value {top:.4})",
            exact_ms * 1e6 / work as f64,
            exact_ms * EXACT_BUDGET as f64 / work as f64,
            est.pivots.unwrap_or(0),
        );
    }
}
