//! Grouping scores, the suggestion method against brute force, and the statutory rule.

use pmap_core::analysis::coterminosity::Relation;
use pmap_core::analysis::grouping::{exhaustive, fit, heuristic, population, Band};
use pmap_core::analysis::statutory::{statutory_partners, Rule};
use pmap_core::layout::SplitMix;
use pmap_core::model::{Area, Body, BodyKind, Coverage, MapFile};
use pmap_core::Model;

fn area(i: usize, pop: u64) -> Area {
    Area {
        code: format!("E{i:08}"),
        name: format!("Area {i}"),
        kind: "lad".into(),
        population: Some(pop),
        parent: None,
        neighbours: Vec::new(),
    }
}

fn body(id: &str, kind: BodyKind, areas: &[usize]) -> Body {
    Body {
        id: id.into(),
        name: id.into(),
        kind,
        elected: false,
        code: None,
        covers: areas
            .iter()
            .map(|&a| Coverage {
                area: format!("E{a:08}"),
                share: None,
            })
            .collect(),
        valid_from: None,
        valid_to: None,
        theme: None,
        partnership_type: None,
        description: None,
        source: None,
        illustrative: false,
    }
}

/// A random map: n areas, two kinds of service body each dividing the areas into blocks.
fn random_map(rng: &mut SplitMix, n: usize) -> Model {
    let areas: Vec<Area> = (0..n)
        .map(|i| area(i, 50_000 + (rng.next_f64() * 400_000.0) as u64))
        .collect();
    let mut bodies = Vec::new();
    for (k, kind) in [BodyKind::PoliceForce, BodyKind::Icb]
        .into_iter()
        .enumerate()
    {
        let mut start = 0;
        let mut j = 0;
        while start < n {
            let len = 1 + (rng.next_f64() * 3.0) as usize;
            let end = (start + len).min(n);
            // Shuffle which areas a block takes, so kinds do not line up by construction.
            let members: Vec<usize> = (start..end).map(|a| (a * (k + 1) * 7 + k) % n).collect();
            bodies.push(body(&format!("{kind}-{j}"), kind.clone(), &members));
            start = end;
            j += 1;
        }
    }
    let mut file = MapFile {
        areas,
        bodies,
        ..MapFile::default()
    };
    // Areas covered twice by one kind (from the shuffle) are fine: shares are capped at 1.
    for b in &mut file.bodies {
        b.covers.sort_by(|a, c| a.area.cmp(&c.area));
        b.covers.dedup_by(|a, c| a.area == c.area);
    }
    Model::build(file)
}

#[test]
fn heuristic_matches_exhaustive_on_small_random_cases() {
    let mut rng = SplitMix::new(2026);
    let kinds = [BodyKind::PoliceForce, BodyKind::Icb];
    let mut cases = 0;
    let mut equal = 0;
    let mut worst: f64 = 1.0;
    for case in 0..40 {
        let n = 4 + case % 5;
        let m = random_map(&mut rng, n);
        let areas: Vec<u32> = (0..n as u32).collect();
        let band = if case % 2 == 0 {
            Band {
                min: 0.0,
                max: 900_000.0,
                groups: None,
            }
        } else {
            Band {
                min: 0.0,
                max: f64::INFINITY,
                groups: Some(2),
            }
        };
        // Every case is feasible (no minimum, and either a generous maximum or a set
        // number of groups), so none may be skipped: a missing answer is a failure.
        let exact = exhaustive(&m, &areas, &kinds, &band)
            .unwrap_or_else(|| panic!("the exhaustive search answers case {case}"));
        let h = heuristic(&m, &areas, &kinds, &band)
            .unwrap_or_else(|| panic!("the heuristic answers case {case}"));
        assert!(
            exact.score + 1e-9 >= h.score,
            "the exhaustive search is optimal (case {case})"
        );
        cases += 1;
        if (exact.score - h.score).abs() < 1e-9 {
            equal += 1;
        }
        worst = worst.min(h.score / exact.score.max(1e-9));
        // Every group respects the band.
        for g in &h.groups {
            assert!(population(&m, g) <= band.max);
        }
    }
    println!("heuristic vs exhaustive: {equal} of {cases} cases optimal; worst ratio {worst:.3}");
    // The README says: "On 40 random small cases the heuristic found the optimum 37 times
    // and was never more than 10% below it." These assert exactly that claim.
    assert_eq!(cases, 40, "all 40 cases are compared");
    assert_eq!(equal, 37, "the README's 37 of 40 ({equal}/{cases})");
    assert!(worst >= 0.9, "and is never far off ({worst})");
}

#[test]
fn exhaustive_search_finds_the_known_optimum() {
    // Six areas, two police forces {0,1,2} and {3,4,5}: with two groups, the forces are
    // the only perfect answer.
    let areas: Vec<Area> = (0..6).map(|i| area(i, 100_000)).collect();
    let bodies = vec![
        body("p1", BodyKind::PoliceForce, &[0, 1, 2]),
        body("p2", BodyKind::PoliceForce, &[3, 4, 5]),
    ];
    let m = Model::build(MapFile {
        areas,
        bodies,
        ..MapFile::default()
    });
    let s = exhaustive(
        &m,
        &[0, 1, 2, 3, 4, 5],
        &[BodyKind::PoliceForce],
        &Band {
            min: 0.0,
            max: f64::INFINITY,
            groups: Some(2),
        },
    )
    .expect("a partition");
    assert_eq!(s.groups, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert!((s.score - 1.0).abs() < 1e-12);
    // With a band that forbids 300,000, no 2-group answer exists.
    assert!(exhaustive(
        &m,
        &[0, 1, 2, 3, 4, 5],
        &[BodyKind::PoliceForce],
        &Band {
            min: 0.0,
            max: 250_000.0,
            groups: Some(2)
        }
    )
    .is_none());
}

#[test]
fn fit_classes_and_splits() {
    let areas: Vec<Area> = (0..4).map(|i| area(i, 100)).collect();
    let bodies = vec![
        body("f1", BodyKind::FireAuthority, &[0]),
        body("f2", BodyKind::FireAuthority, &[1]),
        body("big", BodyKind::Icb, &[0, 1, 2, 3]),
    ];
    let m = Model::build(MapFile {
        areas,
        bodies,
        ..MapFile::default()
    });
    let f = fit(&m, &[0, 1], &BodyKind::FireAuthority);
    assert_eq!(f.relation, Relation::ContainsSeveral);
    assert_eq!(f.alignment, 1.0);
    let i = fit(&m, &[0, 1], &BodyKind::Icb);
    assert_eq!(i.relation, Relation::NestsInside);
    assert_eq!((i.bodies[0].inside, i.bodies[0].outside), (200.0, 200.0));
    assert!((i.index - 0.5).abs() < 1e-12);
}

#[test]
fn statutory_rule_uses_any_part_and_compares_membership() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../demo/hampshire.json"
    ))
    .expect("demo");
    let m = pmap_core::load(&text).expect("loads").model;
    let cc = m.body_index("hampshire-cc").expect("county");
    let c = statutory_partners(&m, cc, Rule::ChildrenAct2004S10);
    let required: Vec<&str> = c.required.iter().map(|r| r.body.as_str()).collect();
    // Frimley ICB covers Rushmoor and most of Hart: part of its area falls within Hampshire.
    assert!(
        required.contains(&"icb-frimley")
            && required.contains(&"icb-hiow")
            && required.contains(&"police")
            && required.contains(&"probation")
    );
    // The fire authority is not a Children Act partner; it is under LGPIH s104.
    assert!(!required.contains(&"fire"));
    assert!(statutory_partners(&m, cc, Rule::Lgpih2007S104)
        .required
        .iter()
        .any(|r| r.body == "fire"));
    // Hart (a district in the county) must be a partner; the unitaries must not.
    assert!(required.contains(&"hart") && !required.contains(&"portsmouth"));
    // Frimley's share inside Hampshire is the Hart and Rushmoor part of its population.
    let fr = c
        .required
        .iter()
        .find(|r| r.body == "icb-frimley")
        .expect("frimley");
    assert!(
        fr.share_inside > 0.2 && fr.share_inside < 0.3,
        "{}",
        fr.share_inside
    );
    // The voluntary forum sits on the county's partnerships without a duty.
    assert!(c.no_duty.contains(&"vcs-forum".to_string()));
}

#[test]
fn as_at_and_reorganisation() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../demo/hampshire.json"
    ))
    .expect("demo");
    let m = pmap_core::load(&text).expect("loads").model;
    let then = pmap_core::time::as_at(
        m.file(),
        pmap_core::date::Date::parse("2010-06-01").expect("date"),
    );
    assert!(
        !then.bodies.iter().any(|b| b.id.starts_with("icb-")),
        "ICBs began in July 2022"
    );
    assert!(
        !then.bodies.iter().any(|b| b.id == "pcc"),
        "PCCs began in November 2012"
    );
    assert_eq!(then.agreements.len(), 1, "the 2008–11 LAA was in force");
    let now = pmap_core::time::as_at(
        m.file(),
        pmap_core::date::Date::parse("2024-06-01").expect("date"),
    );
    // The LAA has ended; in force are the LSP's terms of reference, the community safety
    // memorandum (both from April 2023), the HWB's terms (from April 2013) and the Better
    // Care Fund's 2024/25 section 75 agreement: 4.
    assert!(now.agreements.iter().all(|a| a.id != "laa-2008"));
    assert_eq!(now.agreements.len(), 4);
    assert!(
        pmap_core::load(&serde_json::to_string(&then).expect("json")).is_ok(),
        "a filtered map is still valid"
    );
    // A stale code is reported with its replacement.
    let stale = r#"{"format":"partnership-map","version":1,"areas":[{"code":"E07000163","name":"Craven"}]}"#;
    let l = pmap_core::load(stale).expect("warnings only");
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.code == "stale-code" && d.message.contains("E06000065 (North Yorkshire)")));
    let unknown = r#"{"format":"partnership-map","version":1,"bodies":[{"id":"a","name":"A","kind":"lsp","covers":["E08000016"]}]}"#;
    let e = pmap_core::load(unknown).expect_err("unknown area");
    assert!(
        e[0].message
            .contains("replaced in 2025 by E08000038 (Barnsley)"),
        "{}",
        e[0].message
    );
}
