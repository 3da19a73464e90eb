//! Benchmark: how the suggestion search scales, on real English districts.
//!
//! Run with `cargo bench -p pmap-core --bench regions` (add `-- --quick` to stop at 64
//! areas). For each size it divides a contiguous set of districts into contiguous groups
//! of 250,000–750,000 people (unitaries of about 500,000), scored against
//! the service kinds present, and prints the areas, the method, the groups, the score and
//! the time. The sets: the first N districts reached breadth-first from Hart (E07000089)
//! over the boundary adjacency; the 64 districts of the South East (ONS
//! lad24_to_region24_en.csv); all 296. Wall clock, single thread, shared machine.
//!
//! Why not 300,000–700,000: the South East has no contiguous answer in that band. Milton
//! Keynes (298,270 people, ONS mid-2023) touches only Buckinghamshire within the region,
//! and the two together exceed 700,000. England as a whole is run with a maximum of
//! 1,200,000: Birmingham alone has 1,166,049 people.
//!
//! The greedy heuristic this search replaced took, natively: 12 areas 84 ms, 16 areas
//! 270 ms, 24 areas 1.4 s, 32 areas 4.5 s (issue 11); it grew about as n⁴.

// A native benchmark: wall-clock timing is the point here, unlike in the core.
#![allow(clippy::disallowed_methods)]

use pmap_core::analysis::contiguity::Adjacency;
use pmap_core::analysis::grouping::{service_kinds, suggest_with, Band, SuggestOptions};
use std::time::Instant;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let text = std::fs::read_to_string(format!("{root}/demo/england.json")).expect("england.json");
    let m = pmap_core::load(&text).expect("loads").model;
    let t = Instant::now();
    let adj = Adjacency::of(&m);
    println!(
        "adjacency of {} districts: {:.1} ms",
        m.areas().len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let kinds = service_kinds(&m);
    // Breadth-first order from Hart.
    let start = m.area_index("E07000089").expect("Hart");
    let mut order = vec![start];
    let mut next = 0;
    while next < order.len() {
        for &y in adj.neighbours(order[next]) {
            if !order.contains(&y) {
                order.push(y);
            }
        }
        next += 1;
    }
    let ons =
        std::env::var("PMAP_ONS_DIR").unwrap_or_else(|_| format!("{root}/../shared/data/ons"));
    let south_east: Vec<u32> = std::fs::read_to_string(format!("{ons}/lad24_to_region24_en.csv"))
        .map(|t| {
            t.lines()
                .filter(|l| l.contains(",South East"))
                .filter_map(|l| m.area_index(l.split(',').next().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let all: Vec<u32> = (0..m.areas().len() as u32).collect();
    let mut sets: Vec<(String, Vec<u32>)> = [12, 16, 24, 32]
        .iter()
        .map(|&n| (format!("{n} from Hart"), order[..n].to_vec()))
        .collect();
    sets.push((format!("South East ({})", south_east.len()), south_east));
    if !quick {
        sets.push(("128 from Hart".to_string(), order[..128].to_vec()));
        sets.push(("England (band to 1.2M)".to_string(), all));
    }
    let band = Band {
        min: 250_000.0,
        max: 750_000.0,
        groups: None,
    };
    let opts = SuggestOptions {
        adjacency: Some(&adj),
        ..SuggestOptions::new(band)
    };
    println!("| areas | set | method | groups | score | ms |");
    println!("|---|---|---|---|---|---|");
    for (name, set) in sets {
        let t = Instant::now();
        // England needs a wider band: Birmingham alone has more than 750,000 people.
        let wide = SuggestOptions {
            band: Band {
                max: 1_200_000.0,
                ..band
            },
            ..opts
        };
        let o = if set.len() == m.areas().len() {
            &wide
        } else {
            &opts
        };
        let s = suggest_with(&m, &set, &kinds, o, &mut |_| true);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        match s {
            Some(s) => println!(
                "| {} | {name} | {} | {} | {:.4} | {ms:.0} |",
                set.len(),
                if s.exact { "exhaustive" } else { "search" },
                s.groups.len(),
                s.score
            ),
            None => println!("| {} | {name} | none feasible | | | {ms:.0} |", set.len()),
        }
    }
}
