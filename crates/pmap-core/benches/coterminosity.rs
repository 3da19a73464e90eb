//! Benchmark: all pairwise coterminosity over the national ONS set (all 296 English
//! districts, with a council for each district and county and every PFA, FRA, ICB, CSP
//! and combined authority), plus the whole analysis.
//!
//! Run with `cargo bench -p pmap-core --bench coterminosity` (`-- --quick` for fewer
//! rounds). It prints its figures, and compares in the same run:
//!
//! * **inverted index** (what the widget uses): only pairs that share an area are compared;
//! * **naive merge**: every one of the n(n−1)/2 pairs compared with the same merge;
//! * **dense matrix**: every pair over a full bodies × areas matrix, as a spreadsheet or a
//!   naive GIS overlay would do it.
//!
//! The three must agree on every pair's figures; the benchmark checks that before timing.

// A native benchmark: wall-clock timing is the point here, unlike in the core.
#![allow(clippy::disallowed_methods)]

use pmap_core::analysis::coterminosity::{all_pairs, classify, overlap, PairFigures};
use pmap_core::findings::analyse;
use pmap_core::ons::{national_map, NationalTexts};
use pmap_core::Model;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn ons_dir() -> PathBuf {
    std::env::var("PMAP_ONS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ons")
        })
}

fn read(name: &str) -> Result<String, String> {
    let p = ons_dir().join(name);
    std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

fn naive(model: &Model) -> Vec<PairFigures> {
    let n = model.bodies().len();
    let tol = model.tolerance();
    let mut out = Vec::new();
    for a in 0..n {
        for b in (a + 1)..n {
            let o = overlap(model, model.footprint(a), model.footprint(b));
            if o.both > 0.0 {
                out.push(PairFigures {
                    a,
                    b,
                    jaccard: o.jaccard(),
                    a_in_b: o.a_in_b(),
                    b_in_a: o.b_in_a(),
                    relation: classify(o.a_in_b(), o.b_in_a(), tol),
                });
            }
        }
    }
    out
}

fn dense(model: &Model) -> Vec<PairFigures> {
    let n = model.bodies().len();
    let m = model.areas().len();
    let tol = model.tolerance();
    let w: Vec<f64> = (0..m as u32)
        .map(|x| model.population(x).unwrap_or(0.0))
        .collect();
    let mut grid = vec![0.0f64; n * m];
    for i in 0..n {
        for &(x, s) in model.footprint(i) {
            grid[i * m + x as usize] = s;
        }
    }
    let mut out = Vec::new();
    for a in 0..n {
        for b in (a + 1)..n {
            let (mut ta, mut tb, mut both, mut either) = (0.0, 0.0, 0.0, 0.0);
            for x in 0..m {
                let (sa, sb) = (grid[a * m + x], grid[b * m + x]);
                ta += w[x] * sa;
                tb += w[x] * sb;
                both += w[x] * sa.min(sb);
                either += w[x] * sa.max(sb);
            }
            if both > 0.0 {
                let (aib, bia) = (both / ta, both / tb);
                out.push(PairFigures {
                    a,
                    b,
                    jaccard: both / either,
                    a_in_b: aib,
                    b_in_a: bia,
                    relation: classify(aib, bia, tol),
                });
            }
        }
    }
    out
}

struct Stats {
    median: Duration,
    min: Duration,
    runs: usize,
}

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Stats {
    black_box(f()); // warm up
    let mut t: Vec<Duration> = (0..rounds)
        .map(|_| {
            let s = Instant::now();
            black_box(f());
            s.elapsed()
        })
        .collect();
    t.sort();
    Stats {
        median: t[t.len() / 2],
        min: t[0],
        runs: rounds,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 25 };
    let texts = NationalTexts::read(read).unwrap_or_else(|e| panic!("{e}"));
    let inputs = texts.inputs();
    let build = time(rounds, || {
        national_map(&inputs).map(|(f, _)| Model::build(f))
    });
    let (file, _) = national_map(&inputs).unwrap_or_else(|d| panic!("{} errors", d.len()));
    let model = Model::build(file);
    let n = model.bodies().len();
    let total_pairs = n * (n - 1) / 2;

    // The three methods must agree before any is timed.
    let mut fast = all_pairs(&model);
    let mut slow = naive(&model);
    let mut grid = dense(&model);
    for v in [&mut fast, &mut slow, &mut grid] {
        v.retain(|p| p.jaccard > 0.0);
        v.sort_by_key(|p| (p.a, p.b));
    }
    assert_eq!(
        fast.len(),
        slow.len(),
        "inverted index and naive disagree on the number of overlapping pairs"
    );
    assert_eq!(
        fast.len(),
        grid.len(),
        "inverted index and dense disagree on the number of overlapping pairs"
    );
    for ((x, y), z) in fast.iter().zip(&slow).zip(&grid) {
        assert_eq!((x.a, x.b, x.relation), (y.a, y.b, y.relation));
        assert_eq!((x.a, x.b, x.relation), (z.a, z.b, z.relation));
        assert!((x.jaccard - y.jaccard).abs() < 1e-9 && (x.jaccard - z.jaccard).abs() < 1e-9);
    }

    let s_fast = time(rounds, || all_pairs(&model));
    let s_naive = time(rounds, || naive(&model));
    let s_dense = time(rounds.min(10), || dense(&model));
    let s_all = time(rounds, || analyse(&model));

    println!("pmap-core benchmark: national ONS set");
    println!("  areas (districts)          {}", model.areas().len());
    println!("  bodies                     {n} (councils, PFAs, FRAs, ICBs, CSPs, CAs)");
    println!(
        "  pairs                      {total_pairs} ({} overlapping)",
        fast.len()
    );
    println!(
        "  load ONS files + index     median {:8.3} ms  (min {:.3}, {} runs)",
        ms(build.median),
        ms(build.min),
        build.runs
    );
    println!("  all pairs, inverted index  median {:8.3} ms  (min {:.3}, {} runs)   <- used by the widget", ms(s_fast.median), ms(s_fast.min), s_fast.runs);
    println!(
        "  all pairs, naive merge     median {:8.3} ms  (min {:.3}, {} runs)   {:.1}x slower",
        ms(s_naive.median),
        ms(s_naive.min),
        s_naive.runs,
        ms(s_naive.median) / ms(s_fast.median)
    );
    println!(
        "  all pairs, dense matrix    median {:8.3} ms  (min {:.3}, {} runs)   {:.1}x slower",
        ms(s_dense.median),
        ms(s_dense.min),
        s_dense.runs,
        ms(s_dense.median) / ms(s_fast.median)
    );
    println!(
        "  full analysis (findings)   median {:8.3} ms  (min {:.3}, {} runs)",
        ms(s_all.median),
        ms(s_all.min),
        s_all.runs
    );
}
