//! Benchmark: what the widget runs on all of England.
//!
//! The widget's snapshot calls [`findings::analyse`] on the loaded map: every analysis,
//! the service-alignment atlas (every pair of service layers) and the findings. This
//! benchmark times exactly that on `demo/england.json` (296 districts, 745 bodies), after
//! giving the map plausible links and responsibilities, generated here with a fixed seed:
//!
//! * each community safety partnership's members: the councils, police force, fire
//!   authority and ICBs that cover it (each link dropped with probability 1 in 8, so some
//!   partnerships have gaps), and an `accountable_to` link to its upper-tier council;
//! * each combined authority's members: its constituent councils;
//! * per upper-tier council, three statutory duties it leads (one in twenty with no lead);
//!   per district, waste collection; per CSP, its strategy, led by the CSP.
//!
//! Run with `cargo bench -p pmap-core --bench coterminosity` (`-- --quick` for fewer
//! rounds). It prints medians. The same figures for wasm in Chromium come from the e2e
//! suite (`tests/e2e/geography.test.mjs` prints them).

// A native benchmark: wall-clock timing is the point here, unlike in the core.
#![allow(clippy::disallowed_methods)]

use pmap_core::analysis::alignment::atlas;
use pmap_core::analysis::coterminosity::all_pairs;
use pmap_core::findings::{analyse, group_findings};
use pmap_core::model::{BodyKind, Link, LinkKind, MapFile, Owner, OwnerRole, Responsibility};
use pmap_core::Model;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// xorshift64*: a small seeded generator, so every run builds the same map.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// True with probability 1 in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

fn link(from: &str, to: &str, kind: LinkKind) -> Link {
    Link {
        from: from.to_string(),
        to: to.to_string(),
        kind,
        role: None,
        valid_from: None,
        valid_to: None,
        illustrative: true,
    }
}

fn duty(id: String, name: &str, scope: Vec<String>, lead: Option<&str>) -> Responsibility {
    Responsibility {
        id,
        name: name.to_string(),
        theme: None,
        statutory: true,
        legal_basis: None,
        scope,
        owners: lead
            .map(|b| {
                vec![Owner {
                    body: b.to_string(),
                    role: OwnerRole::Lead,
                }]
            })
            .unwrap_or_default(),
        description: None,
        illustrative: true,
    }
}

/// Adds links and responsibilities to the England map (see the module docs).
fn populate(file: &mut MapFile, seed: u64) {
    let mut rng = Rng(seed);
    let areas_of = |b: &pmap_core::model::Body| -> Vec<String> {
        b.covers.iter().map(|c| c.area.clone()).collect()
    };
    let bodies = file.bodies.clone();
    let upper = |k: &BodyKind| {
        matches!(
            k,
            BodyKind::CountyCouncil
                | BodyKind::UnitaryCouncil
                | BodyKind::MetropolitanDistrict
                | BodyKind::LondonBorough
        )
    };
    let service = |k: &BodyKind| {
        k.sector() == pmap_core::model::Sector::Council
            || matches!(
                k,
                BodyKind::PoliceForce | BodyKind::FireAuthority | BodyKind::Icb
            )
    };
    for p in &bodies {
        let mine = areas_of(p);
        let touches = |b: &pmap_core::model::Body| b.covers.iter().any(|c| mine.contains(&c.area));
        match p.kind {
            BodyKind::CommunitySafetyPartnership => {
                for b in bodies.iter().filter(|b| service(&b.kind) && touches(b)) {
                    if !rng.one_in(8) {
                        file.links.push(link(&b.id, &p.id, LinkKind::MemberOf));
                    }
                }
                if let Some(c) = bodies.iter().find(|b| upper(&b.kind) && touches(b)) {
                    file.links.push(link(&p.id, &c.id, LinkKind::AccountableTo));
                }
                file.responsibilities.push(duty(
                    format!("strategy-{}", p.id),
                    "Community safety strategy",
                    mine.clone(),
                    Some(&p.id),
                ));
            }
            BodyKind::CombinedAuthority => {
                for b in bodies.iter().filter(|b| {
                    matches!(
                        b.kind,
                        BodyKind::UnitaryCouncil
                            | BodyKind::MetropolitanDistrict
                            | BodyKind::DistrictCouncil
                            | BodyKind::CountyCouncil
                    ) && touches(b)
                }) {
                    file.links.push(link(&b.id, &p.id, LinkKind::MemberOf));
                }
            }
            ref k if upper(k) => {
                for name in ["Adult social care", "Children's services", "Waste disposal"] {
                    let lead = (!rng.one_in(20)).then_some(p.id.as_str());
                    file.responsibilities.push(duty(
                        format!("{}-{}", name.to_lowercase().replace([' ', '\''], "-"), p.id),
                        name,
                        mine.clone(),
                        lead,
                    ));
                }
            }
            BodyKind::DistrictCouncil => {
                file.responsibilities.push(duty(
                    format!("waste-collection-{}", p.id),
                    "Household waste collection",
                    mine.clone(),
                    Some(&p.id),
                ));
            }
            _ => {}
        }
    }
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
    pmap_core::order::sort(&mut t);
    Stats {
        median: t[t.len() / 2],
        min: t[0],
        runs: rounds,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn line(what: &str, s: &Stats) {
    println!(
        "  {what:<34} median {:8.3} ms  (min {:.3}, {} runs)",
        ms(s.median),
        ms(s.min),
        s.runs
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 25 };
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo/england.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let (file, _) = pmap_core::parse::parse_map(&text);
    let mut file = file.unwrap_or_else(|| panic!("{} does not parse", path.display()));
    populate(&mut file, 0x5EED_2026);
    let text = serde_json::to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let loaded = pmap_core::load(&text).unwrap_or_else(|d| panic!("{} diagnostics", d.len()));
    let model: Model = loaded.model;

    let s_load = time(rounds, || pmap_core::load(&text).map(|l| l.model));
    let s_atlas = time(rounds, || atlas(&model));
    let s_analyse = time(rounds, || analyse(&model));
    let report = analyse(&model);
    let s_group = time(rounds, || group_findings(&report.findings));
    let s_pairs = time(rounds, || all_pairs(&model));
    use pmap_core::analysis::{accountability, coverage, orphans, splits};
    let parts = [
        (
            "  of which: centrality",
            time(rounds, || accountability::centrality(&model)),
        ),
        (
            "  of which: orphans",
            time(rounds, || orphans::orphans(&model)),
        ),
        (
            "  of which: sector gaps",
            time(rounds, || coverage::sector_gaps(&model)),
        ),
        (
            "  of which: member spills",
            time(rounds, || coverage::spills(&model)),
        ),
        (
            "  of which: splits and slivers",
            time(rounds, || (splits::splits(&model), splits::slivers(&model))),
        ),
    ];

    let groups = group_findings(&report.findings);
    let a = &report.atlas;
    println!("pmap-core benchmark: what the widget runs on all of England");
    println!(
        "  map                                {} areas, {} bodies, {} links, {} responsibilities",
        model.areas().len(),
        model.bodies().len(),
        model.file().links.len(),
        model.file().responsibilities.len()
    );
    println!(
        "  atlas                              {} layers, {} cells, {} rows",
        a.layers.len(),
        a.cells.len(),
        a.cells.iter().map(|c| c.rows.len()).sum::<usize>()
    );
    println!(
        "  findings                           {} in {} groups",
        report.findings.len(),
        groups.len()
    );
    line("load (parse, validate, index)", &s_load);
    line("alignment atlas (every pair)", &s_atlas);
    line("full analysis (findings::analyse)", &s_analyse);
    for (what, st) in &parts {
        line(what, st);
    }
    line("group the findings", &s_group);
    line("all-pairs coterminosity (library)", &s_pairs);
}
