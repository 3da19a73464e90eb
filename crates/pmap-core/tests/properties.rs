//! Property tests of the core: invariants that must hold for any input.

use pmap_core::analysis::coterminosity::{all_pairs, classify, compare, Relation};
use pmap_core::layout::{force_layout, LayoutOptions};
use pmap_core::model::{Area, Body, BodyKind, Coverage, MapFile};
use pmap_core::Model;
use proptest::prelude::*;

fn model(pops: &[Option<u64>], bodies: &[Vec<(usize, f64)>]) -> Model {
    let areas = pops
        .iter()
        .enumerate()
        .map(|(i, p)| Area {
            code: format!("E{:08}", i),
            name: format!("Area {i}"),
            kind: "lad".into(),
            population: *p,
            parent: None,
        })
        .collect();
    let bodies = bodies
        .iter()
        .enumerate()
        .map(|(i, cov)| {
            let mut covers: Vec<Coverage> = Vec::new();
            for &(a, s) in cov {
                let code = format!("E{:08}", a % pops.len());
                if !covers.iter().any(|c| c.area == code) {
                    covers.push(Coverage {
                        area: code,
                        share: Some(s),
                    });
                }
            }
            Body {
                id: format!("b{i}"),
                name: format!("Body {i}"),
                kind: BodyKind::Icb,
                elected: false,
                code: None,
                covers,
                valid_from: None,
                valid_to: None,
                theme: None,
                partnership_type: None,
                description: None,
                source: None,
                illustrative: false,
            }
        })
        .collect();
    Model::build(MapFile {
        areas,
        bodies,
        ..MapFile::default()
    })
}

/// Populations (some missing) and bodies' coverage as (area, share) lists.
type Maps = (Vec<Option<u64>>, Vec<Vec<(usize, f64)>>);

fn arb() -> impl Strategy<Value = Maps> {
    (
        prop::collection::vec(prop::option::weighted(0.9, 1u64..2_000_000), 1..12),
        prop::collection::vec(
            prop::collection::vec((0usize..12, 0.01f64..=1.0), 0..8),
            1..10,
        ),
    )
}

proptest! {
    #[test]
    fn figures_are_bounded_and_symmetric((pops, bodies) in arb()) {
        let m = model(&pops, &bodies);
        let n = m.bodies().len();
        for a in 0..n {
            for b in 0..n {
                let ab = compare(&m, a, b);
                let ba = compare(&m, b, a);
                prop_assert!((0.0..=1.0 + 1e-12).contains(&ab.jaccard));
                prop_assert!((0.0..=1.0 + 1e-12).contains(&ab.a_in_b));
                prop_assert!((ab.jaccard - ba.jaccard).abs() < 1e-12);
                prop_assert!((ab.a_in_b - ba.b_in_a).abs() < 1e-12);
                // Jaccard never exceeds either containment share.
                prop_assert!(ab.jaccard <= ab.a_in_b.min(ab.b_in_a) + 1e-12 || ab.jaccard == 0.0);
                let mirrored = match ab.relation { Relation::NestsInside => Relation::Contains, Relation::Contains => Relation::NestsInside, r => r };
                prop_assert_eq!(mirrored, ba.relation);
            }
        }
    }

    #[test]
    fn a_body_is_coterminous_with_itself((pops, bodies) in arb()) {
        let m = model(&pops, &bodies);
        for a in 0..m.bodies().len() {
            if !m.footprint(a).is_empty() {
                prop_assert_eq!(compare(&m, a, a).relation, Relation::Coterminous);
            }
        }
    }

    #[test]
    fn all_pairs_matches_pairwise_compare((pops, bodies) in arb()) {
        let m = model(&pops, &bodies);
        let fast = all_pairs(&m);
        let n = m.bodies().len();
        let mut expected = 0;
        for a in 0..n {
            for b in (a + 1)..n {
                let r = compare(&m, a, b);
                let shares_area = m.footprint(a).iter().any(|(x, _)| m.footprint(b).iter().any(|(y, _)| x == y));
                if shares_area {
                    expected += 1;
                    let f = fast.iter().find(|p| p.a == a && p.b == b).expect("pair listed");
                    prop_assert!((f.jaccard - r.jaccard).abs() < 1e-12);
                    prop_assert_eq!(f.relation, r.relation);
                }
            }
        }
        prop_assert_eq!(fast.len(), expected);
    }

    #[test]
    fn classify_is_total(a in 0.0f64..=1.0, b in 0.0f64..=1.0, t in 0.0f64..0.5) {
        let r = classify(a, b, t);
        if a >= 1.0 - t && b >= 1.0 - t { prop_assert_eq!(r, Relation::Coterminous); }
        if a <= t && b <= t && !(a >= 1.0 - t || b >= 1.0 - t) { prop_assert_eq!(r, Relation::Disjoint); }
    }

    #[test]
    fn layout_is_deterministic_and_finite(n in 0usize..60, edges in prop::collection::vec((0usize..60, 0usize..60), 0..120), seed in any::<u64>()) {
        let opts = LayoutOptions { seed, iterations: 60, ..LayoutOptions::default() };
        let a = force_layout(n, &edges, &opts);
        let b = force_layout(n, &edges, &opts);
        prop_assert_eq!(&a, &b);
        prop_assert!(a.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    }

    #[test]
    fn parsing_never_panics(s in ".{0,400}") {
        let _ = pmap_core::load(&s);
        let _ = pmap_core::load(&format!(r#"{{"format":"partnership-map","version":1,"bodies":[{s}]}}"#));
    }
}
