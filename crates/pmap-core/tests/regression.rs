//! Regression tests, each named after the bug it pins (found by the property tests and
//! the fuzzers of issue 14).

use pmap_core::csv_template::{from_csv, to_csv};
use pmap_core::model::{Body, BodyKind, MapFile};

/// Found by `csv_export_then_import_is_the_identity`: a name that already began with an
/// apostrophe before `=` (`'=x`) lost the apostrophe on the way through the template,
/// because the importer took it for the one the exporter adds against CSV injection.
#[test]
fn apostrophe_before_a_formula_character_survives_the_csv_round_trip() {
    let names = ["'=x", "''=x", "=x", "'abc", "'-1", "-1", "-x"];
    let file = MapFile {
        bodies: names
            .iter()
            .enumerate()
            .map(|(i, n)| Body::new(format!("b{i}"), *n, BodyKind::Lsp))
            .collect(),
        ..MapFile::default()
    };
    let csv = to_csv(&file);
    let (back, _) = from_csv(&[("bodies.csv", csv.bodies.as_str())], &MapFile::default());
    let back: Vec<String> = back
        .expect("read")
        .bodies
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(back, names);
}

/// Found reading validation while fuzzing: every unknown area code was compared with every
/// known one for a "did you mean" hint, so a file with many unknown codes and many areas
/// took hours (200,000 × 20,000 edit distances here). Only the first hints are computed now.
#[test]
fn many_unknown_area_codes_do_not_make_validation_quadratic() {
    use pmap_core::model::{Area, Coverage};
    let areas: Vec<Area> = (0..20_000)
        .map(|i| Area {
            code: format!("E0{i:07}"),
            name: format!("Area {i}"),
            kind: "lad".into(),
            population: None,
            parent: None,
            neighbours: Vec::new(),
        })
        .collect();
    let bodies: Vec<Body> = (0..2_000)
        .map(|i| {
            let mut b = Body::new(format!("b{i}"), "B", BodyKind::Icb);
            b.covers = (0..100)
                .map(|j| Coverage {
                    area: format!("W9{i:04}{j:03}"),
                    share: None,
                })
                .collect();
            b
        })
        .collect();
    let file = MapFile {
        areas,
        bodies,
        ..MapFile::default()
    };
    let (tx, rx) = std::sync::mpsc::channel();
    // A native test: threads are fine here (the ban is for code that runs in wasm).
    #[allow(clippy::disallowed_methods)]
    std::thread::spawn(move || {
        let _ = tx.send(pmap_core::validate::validate(&file));
    });
    let d = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("validation finishes within 30 s");
    // 2,000 bodies × 100 unknown codes, one error each.
    assert_eq!(
        d.iter().filter(|d| d.code == "unknown-area").count(),
        200_000
    );
}
