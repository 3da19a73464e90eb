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
