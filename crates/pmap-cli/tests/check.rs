//! `pmap-check` prints the same findings as the widget's core, and exits non-zero on errors.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmap-check"))
        .args(args)
        .output()
        .expect("run pmap-check");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn demo_is_valid_and_findings_match_the_core() {
    let demo = root().join("demo/hampshire.json");
    let (code, json) = run(&[demo.to_str().expect("path")]);
    assert_eq!(code, 0);
    assert_eq!(json["valid"], true);
    let text = std::fs::read_to_string(&demo).expect("demo");
    let model = pmap_core::load(&text).expect("loads").model;
    let expected =
        serde_json::to_value(pmap_core::findings::analyse(&model).findings).expect("json");
    assert_eq!(json["findings"], expected);
    let titles: Vec<&str> = json["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Hart is split between 2 integrated care boards"),
        "{titles:?}"
    );
}

#[test]
fn errors_exit_1_with_paths() {
    let dir = std::env::temp_dir().join(format!("pmap-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"format":"partnership-map","version":1,"bodies":[{"id":"a","name":"A","kind":"lsp","covers":["E07000089"]}]}"#).expect("write");
    let (code, json) = run(&[bad.to_str().expect("path")]);
    assert_eq!(code, 1);
    assert_eq!(json["valid"], false);
    assert_eq!(json["diagnostics"][0]["path"], "bodies[0].covers[0]");
    assert_eq!(json["diagnostics"][0]["code"], "unknown-area");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fail_on_and_usage() {
    let demo = root().join("demo/hampshire.json");
    let (code, _) = run(&["--fail-on", "high", demo.to_str().expect("path")]);
    assert_eq!(code, 3, "the demo has high findings");
    let (code, _) = run(&[]);
    assert_eq!(code, 2);
    let (code, _) = run(&["/nonexistent/map.json"]);
    assert_eq!(code, 2);
}

#[test]
fn alignment_prints_one_cell_of_the_atlas() {
    let england = root().join("demo/england.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmap-check"))
        .args([
            "--alignment",
            "police_force,fire_authority",
            england.to_str().expect("path"),
        ])
        .output()
        .expect("run pmap-check");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    // The keys in the documented order.
    assert!(
        text.starts_with(r#"{"a_kind":"police_force","b_kind":"fire_authority","rows":[{"a":""#),
        "{}",
        &text[..text.len().min(200)]
    );
    assert!(text.contains(r#""class":"#) && text.contains(r#""people_shared":"#));
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 39);
    let b = &rows[0]["b"][0];
    let keys: Vec<&str> = b
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec!["id", "name", "a_in_b", "b_in_a", "people_shared"];
    want.sort_unstable();
    assert_eq!(keys, want);
    let total: u64 = json["counts"]
        .as_object()
        .expect("counts")
        .values()
        .filter_map(serde_json::Value::as_u64)
        .sum();
    assert_eq!(total, 39);
    assert_eq!(json["counts"]["misaligned"], 2);

    // The same figures as the core.
    let model = pmap_core::load(&std::fs::read_to_string(&england).expect("map"))
        .expect("loads")
        .model;
    let cell = pmap_core::analysis::alignment::cell(
        &model,
        &pmap_core::analysis::alignment::Layer::Kind(pmap_core::model::BodyKind::PoliceForce),
        &pmap_core::analysis::alignment::Layer::Kind(pmap_core::model::BodyKind::FireAuthority),
    );
    assert_eq!(
        json,
        serde_json::to_value(cell.report(&model)).expect("json")
    );

    // An unknown kind is a usage error.
    let (code, _) = run(&[
        "--alignment",
        "police_force,wizards",
        england.to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
    let (code, _) = run(&[
        "--alignment",
        "police_force",
        england.to_str().expect("path"),
    ]);
    assert_eq!(code, 2);
}

#[test]
fn the_governance_finding_kinds_are_printed_under_their_names() {
    // The demo has at least one of each (see pmap-demo's people, budgets and types).
    let demo = root().join("demo/hampshire.json");
    let (code, json) = run(&[demo.to_str().expect("path")]);
    assert_eq!(code, 0);
    let kinds: Vec<&str> = json["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    for kind in [
        "partnership_load",
        "no_formal_agreement",
        "advisory_holds_lead",
        "commissioning_without_accountability",
        "pooled_budget_unaccountable",
        "contributor_not_at_table",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert!(json["counts"]["Governance health"].as_u64().unwrap_or(0) >= 6);
}
