//! The bad-input corpus (`tests/bad-inputs/`, described by its `manifest.json`): every
//! case goes through `import::read_files`, the path the widget takes for the file picker,
//! drag and drop and paste, and must be refused or accepted as the manifest says, with a
//! message that names the file, row or field. The map already loaded must be untouched.

use pmap_core::import::{read_files, Imported};
use pmap_core::model::{Area, Body, BodyKind, MapFile};
use pmap_core::{Diagnostic, Severity};
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-inputs")
}

/// The map on screen before each import.
fn base() -> MapFile {
    let mut b = Body::new("hart", "Hart District Council", BodyKind::DistrictCouncil);
    b.covers = vec![pmap_core::model::Coverage {
        area: "E07000089".into(),
        share: None,
    }];
    MapFile {
        areas: vec![Area {
            code: "E07000089".into(),
            name: "Hart".into(),
            kind: "lad".into(),
            population: Some(101_542),
            parent: None,
            neighbours: Vec::new(),
        }],
        bodies: vec![b],
        ..MapFile::default()
    }
}

/// The bytes of a generated case, named as the manifest says.
fn generated(what: &str) -> (String, Vec<u8>) {
    if what.starts_with("60,000 bodies") {
        let bodies: Vec<Value> = (0..60_000)
            .map(|i| serde_json::json!({"id": format!("b{i}"), "name": format!("Body {i}"), "kind": "lsp"}))
            .collect();
        let map = serde_json::json!({"format": "partnership-map", "version": 1, "bodies": bodies});
        ("bodies.json".into(), map.to_string().into_bytes())
    } else if what.starts_with("a 33 MB file") {
        ("big.json".into(), vec![b' '; 33 * 1024 * 1024])
    } else {
        panic!("no generator for {what}")
    }
}

fn shown(d: &[Diagnostic]) -> String {
    d.iter().map(|d| format!("  {d}\n")).collect()
}

#[test]
fn every_bad_input_is_refused_or_accepted_as_the_manifest_says() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir().join("manifest.json")).expect("manifest"),
    )
    .expect("manifest is JSON");
    let cases = manifest["cases"].as_array().expect("cases");
    let mut listed = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for case in cases {
        let (name, bytes) = match case["file"].as_str() {
            Some(f) => {
                listed.insert(f.to_string());
                (f.to_string(), std::fs::read(dir().join(f)).expect(f))
            }
            None => generated(case["generate"].as_str().expect("file or generate")),
        };
        assert!(
            case["file"].is_null() || bytes.len() < 100 * 1024,
            "{name}: keep committed cases under 100 KB"
        );
        let before = base();
        let got = read_files(&[(&name, &bytes)], &before);
        assert_eq!(
            before,
            base(),
            "{name}: the map already loaded is untouched"
        );
        let diags = got.diagnostics();
        let expect = case["expect"].as_str().expect("expect");
        let severity = match expect {
            "refused" => Some(Severity::Error),
            "accepted-with-warning" => Some(Severity::Warning),
            "accepted" => None,
            other => panic!("{name}: unknown expectation {other}"),
        };
        let errors = diags.iter().any(Diagnostic::is_error);
        let warnings = diags.iter().any(|d| d.severity == Severity::Warning);
        let ok = match expect {
            "refused" => errors,
            "accepted-with-warning" => !errors && warnings,
            _ => !errors,
        };
        if !ok {
            failures.push(format!("{name}: expected {expect}, got\n{}", shown(diags)));
            continue;
        }
        if let (Some(sev), Some(text)) = (severity, case["contains"].as_str()) {
            if !diags
                .iter()
                .any(|d| d.severity == sev && d.to_string().contains(text))
            {
                failures.push(format!(
                    "{name}: no {sev:?} containing {text:?} in\n{}",
                    shown(diags)
                ));
            }
        }
        if let Some(names) = case["names"].as_array() {
            let bodies: Vec<String> = match &got {
                Imported::Map { file: Some(f), .. } => {
                    f.bodies.iter().map(|b| b.name.clone()).collect()
                }
                _ => Vec::new(),
            };
            for n in names.iter().filter_map(Value::as_str) {
                if !bodies.iter().any(|b| b == n) {
                    failures.push(format!(
                        "{name}: the name {n:?} did not arrive intact: {bodies:?}"
                    ));
                }
            }
        }
        if let Some(cols) = case["lookup_columns"].as_array() {
            match &got {
                Imported::Lookup { table, .. } => {
                    let want: Vec<&str> = cols.iter().filter_map(Value::as_str).collect();
                    if table.headers != want {
                        failures.push(format!(
                            "{name}: columns {:?}, expected {want:?}",
                            table.headers
                        ));
                    }
                }
                Imported::Map { .. } => failures.push(format!("{name}: not read as a lookup")),
            }
        }
    }
    // Every committed file is in the manifest, so none is silently left out.
    for entry in std::fs::read_dir(dir()).expect("dir") {
        let f = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .to_string();
        if f != "manifest.json" && !listed.contains(&f) {
            failures.push(format!("{f} is not in the manifest"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
