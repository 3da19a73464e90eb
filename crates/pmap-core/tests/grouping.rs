//! Grouping scores, the suggestion method against brute force, and the statutory rule.

use pmap_core::analysis::coterminosity::Relation;
use pmap_core::analysis::grouping::{
    fit, population, suggest, suggest_with, Band, Contiguity, Method, SuggestOptions, Suggestion,
};
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

/// A random grid map: `w × h` areas side by side (adjacency given by `neighbours` links to
/// the right and below), populations 50,000–450,000, and two kinds of service body, each
/// dividing the grid into random contiguous blocks of 1–4 areas.
fn grid_map(rng: &mut SplitMix, w: usize, h: usize) -> Model {
    let n = w * h;
    let code = |i: usize| format!("E{i:08}");
    let near = |i: usize| -> Vec<usize> {
        let (x, y) = (i % w, i / w);
        let mut v = Vec::new();
        if x > 0 {
            v.push(i - 1);
        }
        if x + 1 < w {
            v.push(i + 1);
        }
        if y > 0 {
            v.push(i - w);
        }
        if y + 1 < h {
            v.push(i + w);
        }
        v
    };
    let areas: Vec<Area> = (0..n)
        .map(|i| {
            let mut a = area(i, 50_000 + (rng.next_f64() * 400_000.0) as u64);
            a.neighbours = near(i).into_iter().filter(|&j| j > i).map(code).collect();
            a
        })
        .collect();
    let mut bodies = Vec::new();
    for kind in [BodyKind::PoliceForce, BodyKind::Icb] {
        let mut taken = vec![false; n];
        let mut j = 0;
        for s in 0..n {
            if taken[s] {
                continue;
            }
            let len = 1 + (rng.next_f64() * 4.0) as usize;
            let mut block = vec![s];
            taken[s] = true;
            while block.len() < len {
                let frontier: Vec<usize> = block
                    .iter()
                    .flat_map(|&b| near(b))
                    .filter(|&x| !taken[x])
                    .collect();
                if frontier.is_empty() {
                    break;
                }
                let x = frontier
                    [((rng.next_f64() * frontier.len() as f64) as usize).min(frontier.len() - 1)];
                taken[x] = true;
                block.push(x);
            }
            bodies.push(body(&format!("{kind}-{j}"), kind.clone(), &block));
            j += 1;
        }
    }
    Model::build(MapFile {
        areas,
        bodies,
        ..MapFile::default()
    })
}

fn run(
    m: &Model,
    areas: &[u32],
    kinds: &[BodyKind],
    band: Band,
    method: Method,
) -> Option<Suggestion> {
    let opts = SuggestOptions {
        method,
        ..SuggestOptions::new(band)
    };
    suggest_with(m, areas, kinds, &opts, &mut |_| true)
}

#[test]
fn search_matches_exhaustive_on_small_random_grids() {
    let mut rng = SplitMix::new(2026);
    let kinds = [BodyKind::PoliceForce, BodyKind::Icb];
    let shapes = [
        (2, 2),
        (2, 3),
        (3, 3),
        (2, 4),
        (2, 5),
        (3, 2),
        (4, 2),
        (5, 2),
    ];
    let (mut cases, mut equal, mut worst) = (0, 0, 1.0f64);
    for case in 0..120 {
        let (w, h) = shapes[case % shapes.len()];
        let m = grid_map(&mut rng, w, h);
        let n = w * h;
        let areas: Vec<u32> = (0..n as u32).collect();
        let band = match case % 3 {
            0 => Band {
                min: 0.0,
                max: 900_000.0,
                groups: None,
            },
            1 => Band {
                min: 0.0,
                max: f64::INFINITY,
                groups: Some(2),
            },
            _ => Band {
                min: 300_000.0,
                max: 1_200_000.0,
                groups: None,
            },
        };
        let exact = run(&m, &areas, &kinds, band, Method::Exhaustive);
        let found = run(&m, &areas, &kinds, band, Method::Search);
        let Some(exact) = exact else {
            assert!(
                found.is_none(),
                "no partition exists, so the search finds none (case {case})"
            );
            continue;
        };
        let found = found.unwrap_or_else(|| panic!("the search answers case {case}"));
        assert!(exact.exact && !found.exact);
        assert!(
            exact.score + 1e-9 >= found.score,
            "the exhaustive search is optimal (case {case})"
        );
        cases += 1;
        if (exact.score - found.score).abs() < 1e-9 {
            equal += 1;
        }
        worst = worst.min(found.score / exact.score.max(1e-9));
        for s in [&exact, &found] {
            assert_eq!(s.contiguity, Contiguity::Enforced);
            assert!(
                s.contiguous.iter().all(|&c| c == Some(true)),
                "contiguous groups (case {case})"
            );
            for g in &s.groups {
                let p = population(&m, g);
                assert!(p >= band.min && p <= band.max, "in the band (case {case})");
            }
            if let Some(k) = band.groups {
                assert_eq!(s.groups.len(), k);
            }
        }
    }
    println!("search vs exhaustive: {equal} of {cases} cases optimal; worst ratio {worst:.4}");
    assert!(cases >= 50, "most cases are feasible ({cases})");
    assert!(
        equal * 100 >= cases * 90,
        "optimal in at least 90% of cases ({equal}/{cases})"
    );
    assert!(
        worst >= 0.95,
        "never more than 5% below the optimum ({worst})"
    );
}

#[test]
fn exhaustive_search_finds_the_known_optimum() {
    // Six areas, two police forces {0,1,2} and {3,4,5}: with two groups, the forces are
    // the only perfect answer. There is no adjacency, so contiguity is unknown.
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
    let two = Band {
        min: 0.0,
        max: f64::INFINITY,
        groups: Some(2),
    };
    let s = run(
        &m,
        &[0, 1, 2, 3, 4, 5],
        &[BodyKind::PoliceForce],
        two,
        Method::Exhaustive,
    )
    .expect("a partition");
    assert_eq!(s.groups, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert!((s.score - 1.0).abs() < 1e-12);
    assert_eq!(s.contiguity, Contiguity::Unknown);
    // With a band that forbids 300,000, no 2-group answer exists.
    let narrow = Band {
        min: 0.0,
        max: 250_000.0,
        groups: Some(2),
    };
    assert!(run(
        &m,
        &[0, 1, 2, 3, 4, 5],
        &[BodyKind::PoliceForce],
        narrow,
        Method::Exhaustive
    )
    .is_none());
}

#[test]
fn contiguity_changes_the_answer() {
    // A path 0–1–2–3 (links), 100,000 people each. One police force covers {0, 3} and
    // another {1, 2}. Two groups: without contiguity {0,3},{1,2} aligns perfectly (1.0);
    // with it, the best is {0},{1,2,3} or {0,1,2},{3}: one force is cut in each, and the
    // cut costs the 100,000 on its smaller side, so alignment = 1 − 100,000/400,000 = 0.75.
    let mut areas: Vec<Area> = (0..4).map(|i| area(i, 100_000)).collect();
    for i in 0..3 {
        areas[i].neighbours = vec![format!("E{:08}", i + 1)];
    }
    let bodies = vec![
        body("p1", BodyKind::PoliceForce, &[0, 3]),
        body("p2", BodyKind::PoliceForce, &[1, 2]),
    ];
    let m = Model::build(MapFile {
        areas,
        bodies,
        ..MapFile::default()
    });
    let two = Band {
        min: 0.0,
        max: f64::INFINITY,
        groups: Some(2),
    };
    let all = [0, 1, 2, 3];
    let kinds = [BodyKind::PoliceForce];
    let free = suggest_with(
        &m,
        &all,
        &kinds,
        &SuggestOptions {
            allow_noncontiguous: true,
            ..SuggestOptions::new(two)
        },
        &mut |_| true,
    )
    .expect("free");
    assert_eq!(free.groups, vec![vec![0, 3], vec![1, 2]]);
    assert_eq!(free.contiguity, Contiguity::NotEnforced);
    assert_eq!(free.contiguous, vec![Some(false), Some(true)]);
    let tied = suggest(&m, &all, &kinds, &two).expect("tied");
    assert_eq!(tied.contiguity, Contiguity::Enforced);
    assert!((tied.score - 0.75).abs() < 1e-12, "{}", tied.score);
    assert!(tied.contiguous.iter().all(|&c| c == Some(true)));
}

#[test]
fn hampshire_and_the_isle_of_wight_in_two_contiguous_groups() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../demo/hampshire.json"
    ))
    .expect("demo");
    let m = pmap_core::load(&text).expect("loads").model;
    // The 14 councils of Hampshire and the Isle of Wight (E06000044–46 and E07000084–94):
    // 2,035,872 people, the sum of their pop_mid2023 column in the ONS file
    // lad23_population_mid2021_2023_ew.csv.
    let hiow: Vec<u32> = (0..m.areas().len() as u32)
        .filter(|&a| {
            let c = &m.area(a).expect("area").code;
            c.starts_with("E06000044")
                || c.starts_with("E06000045")
                || c.starts_with("E06000046")
                || ("E07000084"..="E07000094").contains(&c.as_str())
        })
        .collect();
    assert_eq!(hiow.len(), 14);
    assert_eq!(population(&m, &hiow), 2_035_872.0);
    let kinds = [
        BodyKind::PoliceForce,
        BodyKind::Icb,
        BodyKind::FireAuthority,
    ];
    // Two unitaries of about 970,000 each: a band of 300,000–1,200,000.
    let band = Band {
        min: 300_000.0,
        max: 1_200_000.0,
        groups: Some(2),
    };
    let s = suggest(&m, &hiow, &kinds, &band).expect("a suggestion");
    assert!(!s.exact, "14 areas are above the exhaustive limit");
    assert_eq!(s.contiguity, Contiguity::Enforced);
    assert_eq!(s.groups.len(), 2);
    assert!(s.contiguous.iter().all(|&c| c == Some(true)));
    let wight = m.area_index("E06000046").expect("wight");
    let with_wight = s
        .groups
        .iter()
        .find(|g| g.contains(&wight))
        .expect("island placed");
    // The island can only be in a contiguous group through its links to Portsmouth or
    // Southampton.
    let ports = [
        m.area_index("E06000044").expect("p"),
        m.area_index("E06000045").expect("s"),
    ];
    assert!(
        with_wight.iter().any(|a| ports.contains(a)),
        "{with_wight:?}"
    );
    for g in &s.groups {
        let p = population(&m, g);
        assert!((300_000.0..=1_200_000.0).contains(&p), "{p}");
    }
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
