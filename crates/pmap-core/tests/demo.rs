//! The committed demo, checked against the ONS files it was built from.

use pmap_core::analysis::coterminosity::{compare, Relation};
use pmap_core::findings::analyse;
use pmap_core::ons::{lookup_rows, populations, LookupSpec, Table};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ons(name: &str) -> Table {
    let dir = std::env::var("PMAP_ONS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("../shared/data/ons"));
    let text = std::fs::read_to_string(dir.join(name)).expect("ONS file");
    Table::parse(name, &text).expect("csv").0
}

fn demo() -> pmap_core::Model {
    let text = std::fs::read_to_string(root().join("demo/hampshire.json")).expect("demo");
    pmap_core::load(&text).expect("the demo loads").model
}

#[test]
fn every_area_population_matches_the_ons_file() {
    let (pops, _) = populations(
        &ons("lad23_population_mid2021_2023_ew.csv"),
        "AREACD",
        "pop_mid2023",
    )
    .expect("columns");
    let m = demo();
    assert!(m.areas().len() >= 14);
    for a in m.areas() {
        assert_eq!(
            a.population,
            pops.get(&a.code).copied(),
            "{} {}",
            a.code,
            a.name
        );
    }
}

#[test]
fn icb_shares_match_the_ons_overlap_file() {
    let (rows, _) = lookup_rows(
        &ons("lad24_x_icb24_overlap_en.csv"),
        &LookupSpec::new("LAD24CD", "ICB24CD", None, Some("share_of_lad")),
    )
    .expect("columns");
    let m = demo();
    for id in ["icb-hiow", "icb-frimley"] {
        let i = m.body_index(id).expect("icb");
        let b = &m.bodies()[i];
        let code = b.code.clone().expect("code");
        for c in &b.covers {
            let row = rows
                .iter()
                .find(|r| r.area == c.area && r.code == code)
                .expect("row in ONS file");
            assert_eq!(row.share.unwrap_or(1.0), c.fraction(), "{id} {}", c.area);
        }
    }
}

#[test]
fn hart_is_split_and_rushmoor_is_outside_hiow() {
    let m = demo();
    let hart = m.area_index("E07000089").expect("Hart");
    let rushmoor = m.area_index("E07000092").expect("Rushmoor");
    let hiow = m.body_index("icb-hiow").expect("HIOW");
    let frimley = m.body_index("icb-frimley").expect("Frimley");
    let share = |b: usize, x| pmap_core::analysis::coverage::share_of(m.footprint(b), x);
    assert!((share(frimley, hart) - 0.7627).abs() < 1e-9);
    assert!((share(hiow, hart) - 0.2373).abs() < 1e-9);
    assert_eq!(share(hiow, rushmoor), 0.0);
    assert_eq!(share(frimley, rushmoor), 1.0);
    let report = analyse(&m);
    let split = report
        .findings
        .iter()
        .find(|f| f.id == "split:E07000089:icb")
        .expect("split finding");
    assert!(
        split.detail.contains("76%") && split.detail.contains("24%"),
        "{}",
        split.detail
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.kind == "sector_gap" && f.areas.contains(&"E07000092".to_string())));
}

#[test]
fn the_county_nests_inside_the_police_force_area() {
    let m = demo();
    let cc = m.body_index("hampshire-cc").expect("county");
    let police = m.body_index("police").expect("police");
    let r = compare(&m, cc, police);
    assert_eq!(r.relation, Relation::NestsInside);
    // Police covers the three unitaries too: Portsmouth, Southampton, Isle of Wight.
    assert_eq!(r.only_b.len(), 3);
    let unitaries: u64 = ["E06000044", "E06000045", "E06000046"]
        .iter()
        .map(|c| {
            m.areas()[m.area_index(c).expect("area") as usize]
                .population
                .expect("pop")
        })
        .sum();
    assert_eq!(r.people_only_b, unitaries);
}

#[test]
fn the_demo_marks_invented_things_illustrative() {
    let m = demo();
    for id in ["lsp", "exec-board", "econ-regen", "probation", "jcp"] {
        let i = m.body_index(id).expect(id);
        assert!(
            m.bodies()[i].illustrative,
            "{id} should be marked illustrative"
        );
    }
    for id in ["hart", "police", "icb-frimley", "hampshire-cc"] {
        let i = m.body_index(id).expect(id);
        assert!(!m.bodies()[i].illustrative, "{id} is real ONS data");
    }
    assert!(m.file().responsibilities.iter().all(|r| r.illustrative));
    // The people, budgets and agreements are invented too.
    assert!(!m.file().people.is_empty() && m.file().people.iter().all(|p| p.illustrative));
    assert!(!m.file().budgets.is_empty() && m.file().budgets.iter().all(|b| b.illustrative));
    assert!(m.file().agreements.iter().all(|a| a.illustrative));
}

#[test]
fn the_police_must_sit_on_every_csp_in_their_area() {
    // The ONS lookup gives 12 CSPs in Hampshire, Portsmouth, Southampton and the Isle of
    // Wight, all inside the one police force area: the force must sit on all 12 (Crime and
    // Disorder Act 1998 s5), and one CSP per police area would need 1 seat, saving 11.
    let m = demo();
    let loads = pmap_core::analysis::load::load_per_body(&m);
    let police = loads.iter().find(|l| l.body == "police").expect("police");
    let csps = police
        .required
        .iter()
        .filter(|r| r.board.starts_with("csp-"))
        .count();
    assert_eq!(csps, 12);
    assert_eq!(police.saved(), 11);
}

#[test]
fn the_demo_is_what_the_builder_makes() {
    // Guard against hand edits: rebuilding from the ONS files must give the committed file.
    let exe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/pmap-demo");
    if !exe.exists() {
        eprintln!("pmap-demo not built; skipped (the test command builds it)");
        return;
    }
    let out = std::env::temp_dir().join(format!("pmap-demo-{}.json", std::process::id()));
    let status = std::process::Command::new(&exe)
        .arg(&out)
        .status()
        .expect("run pmap-demo");
    assert!(status.success());
    let fresh = std::fs::read_to_string(&out).expect("output");
    let committed = std::fs::read_to_string(root().join("demo/hampshire.json")).expect("demo");
    let _ = std::fs::remove_file(&out);
    assert!(
        fresh == committed,
        "demo/hampshire.json differs from what scripts/build-demo.sh makes: rebuild it"
    );
}
