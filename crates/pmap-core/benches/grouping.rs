//! Benchmark: the grouping score on all of England (296 districts), for the
//! regionalisation search that evaluates it millions of times.
//!
//! Run with `cargo bench -p pmap-core --bench grouping`. Prints the time to build the
//! [`Scorer`] for the service kinds present (police, fire, ICB, CSP, combined authority),
//! then the mean time of one [`Scorer::value`], one [`Scorer::delta`] and one
//! [`Scorer::apply`] over random partitions into 30 groups. Wall clock, single thread; the
//! machine is shared, so compare rows of one run rather than runs.

// A native benchmark: wall-clock timing is the point here, unlike in the core.
#![allow(clippy::disallowed_methods)]

use pmap_core::analysis::grouping::{service_kinds, Scorer};
use pmap_core::layout::SplitMix;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../demo/england.json"
    ))
    .expect("demo/england.json");
    let m = pmap_core::load(&text).expect("loads").model;
    let areas: Vec<u32> = (0..m.areas().len() as u32).collect();
    let kinds = service_kinds(&m);
    let t = Instant::now();
    let s = Scorer::new(&m, &areas, &kinds);
    let build = t.elapsed().as_secs_f64() * 1000.0;
    let n = areas.len();
    let mut rng = SplitMix::new(5);
    let assign: Vec<usize> = (0..n).map(|_| (rng.next_f64() * 30.0) as usize).collect();
    let runs = 20_000;
    let mut scratch = s.scratch();
    let t = Instant::now();
    let mut acc = 0.0;
    for r in 0..runs {
        let mut a = assign.clone();
        a[r % n] = r % 30;
        acc += s.value_with(black_box(&a), &mut scratch);
    }
    let value_us = t.elapsed().as_secs_f64() * 1e6 / runs as f64;
    let mut st = s.state(&assign);
    let t = Instant::now();
    for r in 0..runs {
        acc += s.delta(&st, black_box(r % n), (r * 7) % 30);
    }
    let delta_us = t.elapsed().as_secs_f64() * 1e6 / runs as f64;
    let t = Instant::now();
    for r in 0..runs {
        s.apply(&mut st, black_box(r % n), (r * 7) % 30);
    }
    let apply_us = t.elapsed().as_secs_f64() * 1e6 / runs as f64;
    black_box(acc);
    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    println!(
        "{n} areas, kinds {}: build {build:.2} ms; value {value_us:.1} µs (incl. one clone of the assignment); delta {delta_us:.1} µs; apply {apply_us:.1} µs",
        kinds.join(",")
    );
}
