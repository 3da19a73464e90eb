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

fn run_err(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmap-check"))
        .args(args)
        .output()
        .expect("run pmap-check");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn grouping_scores_a_partition() {
    let demo = root().join("demo/hampshire.json");
    let demo = demo.to_str().expect("path");
    // North & Mid Hampshire (straddles the Frimley / HIOW ICB boundary through Hart) and
    // South Hampshire with the two cities (all in HIOW). Hand-worked in
    // crates/pmap-core/tests/grouping.rs: North & Mid is 0.7717 in HIOW; the ICB score is
    // 0.79156. Police: both groups lie inside the one force (value 1); the force's main
    // group is the South (1,104,977 of 1,894,966 = 0.58311), so score_police =
    // (1 + 0.58311)/2 = 0.79156 as well, and the mean is 0.79156.
    let spec = "E07000084,E07000085,E07000089,E07000092,E07000093,E07000094;\
                E06000044,E06000045,E07000086,E07000087,E07000088,E07000090,E07000091";
    let (code, json) = run(&["--grouping", spec, "--kinds", "icb,police_force", demo]);
    assert_eq!(code, 0);
    assert!((json["score"].as_f64().expect("score") - 0.79156).abs() < 5e-6);
    let north = &json["groups"][0];
    assert_eq!(north["areas"][2], "E07000089");
    assert_eq!(north["population"], 789_989.0);
    // One piece: Basingstoke and Deane touches Hart, Test Valley and Winchester; East
    // Hampshire touches Winchester and Hart; Rushmoor touches Hart.
    assert_eq!(north["contiguous"], true);
    let icb = &north["kinds"][0];
    assert_eq!(icb["kind"], "icb");
    assert_eq!(icb["class"], "misaligned");
    assert_eq!(icb["main_body"], "icb-hiow");
    assert!((icb["main_share"].as_f64().expect("share") - 0.7717).abs() < 5e-5);
    assert_eq!(icb["bodies"][1]["id"], "icb-frimley");
    let police = &json["groups"][1]["kinds"][1];
    assert_eq!(
        (&police["kind"], &police["class"]),
        (&"police_force".into(), &"inside".into())
    );
    let force = &json["kinds"][1]["services"][0];
    assert_eq!(
        (&force["id"], &force["groups"], &force["main_group"]),
        (&"police".into(), &2.into(), &1.into())
    );
    // The default kinds are the service kinds in the file.
    let (code, json) = run(&["--grouping", spec, demo]);
    assert_eq!(code, 0);
    let kinds: Vec<&str> = json["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .filter_map(|k| k["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"icb") && kinds.contains(&"police_force"),
        "{kinds:?}"
    );
}

#[test]
fn grouping_errors_are_usage_errors() {
    let demo = root().join("demo/hampshire.json");
    let demo = demo.to_str().expect("path");
    let (code, err) = run_err(&["--grouping", "E07000084,E99999999", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown area code E99999999"), "{err}");
    let (code, err) = run_err(&["--grouping", "E07000084;E07000084", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("E07000084 is given twice"), "{err}");
    let (code, err) = run_err(&["--grouping", "E07000084", "--kinds", "icb,wizards", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown kind \"wizards\""), "{err}");
    // A replaced code names its successor.
    let (code, err) = run_err(&["--grouping", "E07000026", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("E06000063 (Cumberland)"), "{err}");
    let (code, _) = run_err(&["--kinds", "icb", demo]);
    assert_eq!(code, 2);
}

const HIOW: &str = "E06000044,E06000045,E06000046,E07000084,E07000085,E07000086,E07000087,\
                    E07000088,E07000089,E07000090,E07000091,E07000092,E07000093,E07000094";

#[test]
fn suggest_divides_hampshire_into_contiguous_groups() {
    let demo = root().join("demo/hampshire.json");
    let demo = demo.to_str().expect("path");
    // The 14 councils of Hampshire and the Isle of Wight, 2,035,872 people (ONS mid-2023),
    // into two groups of 300,000–1,200,000: both must be contiguous, and the island can
    // only be so through its links to Portsmouth or Southampton.
    let (code, json) = run(&[
        "--suggest",
        HIOW,
        "--kinds",
        "icb,police_force",
        "--band",
        "300000,1200000",
        "--groups",
        "2",
        demo,
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["contiguity"], "enforced");
    assert_eq!(
        json["exact"], false,
        "14 areas are above the exhaustive limit"
    );
    assert!(json["ms"].as_f64().is_some());
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2);
    let mut total = 0.0;
    for g in groups {
        assert_eq!(g["contiguous"], true);
        let p = g["population"].as_f64().expect("population");
        assert!((300_000.0..=1_200_000.0).contains(&p), "{p}");
        total += p;
        let areas: Vec<&str> = g["areas"]
            .as_array()
            .expect("areas")
            .iter()
            .filter_map(|a| a.as_str())
            .collect();
        if areas.contains(&"E06000046") {
            assert!(
                areas.contains(&"E06000044") || areas.contains(&"E06000045"),
                "{areas:?}"
            );
        }
    }
    assert_eq!(total, 2_035_872.0);
    // Allowing pieces says so.
    let (code, json) = run(&[
        "--suggest",
        HIOW,
        "--groups",
        "2",
        "--allow-noncontiguous",
        demo,
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["contiguity"], "not enforced");
    // Three areas are searched exhaustively.
    let (code, json) = run(&[
        "--suggest",
        "E07000089,E07000092,E07000084",
        "--groups",
        "2",
        demo,
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["exact"], true);
    // A band nothing meets: no suggestion, exit 3. The whole of HIOW is 2,035,872 people,
    // so no group of 14 areas can be at most 100 people.
    let (code, json) = run(&["--suggest", HIOW, "--band", "0,100", demo]);
    assert_eq!(code, 3);
    assert!(json["score"].is_null());
    // A map with neither boundaries nor links: contiguity unknown.
    let dir = std::env::temp_dir().join(format!("pmap-suggest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let plain = dir.join("plain.json");
    std::fs::write(&plain, r#"{"format":"partnership-map","version":1,"areas":[{"code":"E1","name":"A","population":10},{"code":"E2","name":"B","population":10}]}"#).expect("write");
    let (code, json) = run(&[
        "--suggest",
        "E1,E2",
        "--groups",
        "1",
        plain.to_str().expect("path"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(json["contiguity"], "unknown");
    assert!(json["groups"][0]["contiguous"].is_null());
}

#[test]
fn suggest_usage_errors() {
    let demo = root().join("demo/hampshire.json");
    let demo = demo.to_str().expect("path");
    let (code, err) = run_err(&["--suggest", HIOW, "--band", "700000,300000", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("above the maximum"), "{err}");
    let (code, err) = run_err(&["--suggest", HIOW, "--groups", "none", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("--groups takes a whole number"), "{err}");
    let (code, err) = run_err(&["--band", "1,2", demo]);
    assert_eq!(code, 2);
    assert!(err.contains("go with --suggest"), "{err}");
}
