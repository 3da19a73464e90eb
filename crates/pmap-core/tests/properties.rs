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
            neighbours: Vec::new(),
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
        // Each class against its definition in the glossary, both ways, so exactly one
        // class fits any pair of containment shares:
        //   coterminous  ⇔ each (nearly) contains the other: a ≥ 1−t and b ≥ 1−t;
        //   nests inside ⇔ A lies (nearly) in B but not B in A: a ≥ 1−t > b;
        //   contains     ⇔ the mirror image: b ≥ 1−t > a;
        //   disjoint     ⇔ they (nearly) do not meet: both ≤ t, neither ≥ 1−t;
        //   misaligned   ⇔ none of these.
        let r = classify(a, b, t);
        let full = |x: f64| x >= 1.0 - t;
        let none = |x: f64| x <= t;
        let fits = [
            (Relation::Coterminous, full(a) && full(b)),
            (Relation::NestsInside, full(a) && !full(b)),
            (Relation::Contains, full(b) && !full(a)),
            (Relation::Disjoint, none(a) && none(b) && !full(a) && !full(b)),
        ];
        let expected = fits.iter().find(|(_, f)| *f).map_or(Relation::Misaligned, |(r, _)| *r);
        prop_assert_eq!(r, expected);
        prop_assert_eq!(fits.iter().filter(|(_, f)| *f).count() <= 1, true);
        // Swapping A and B mirrors the class.
        let mirrored = match classify(b, a, t) {
            Relation::NestsInside => Relation::Contains,
            Relation::Contains => Relation::NestsInside,
            x => x,
        };
        prop_assert_eq!(r, mirrored);
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
        // Whatever the text, the answer is a map or at least one error that says where.
        for text in [s.clone(), format!(r#"{{"format":"partnership-map","version":1,"bodies":[{s}]}}"#)] {
            match pmap_core::load(&text) {
                Ok(l) => prop_assert!(l.diagnostics.iter().all(|d| !d.is_error())),
                Err(d) => {
                    prop_assert!(d.iter().any(|d| d.is_error()));
                    prop_assert!(d.iter().all(|d| !d.path.is_empty() && !d.message.is_empty()));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Whole maps: export → import, reordering, autosave under "as at".

use pmap_core::model::{Link, LinkKind, Owner, OwnerRole, Responsibility, FORMAT_NAME};

/// Text a spreadsheet cell carries unchanged: no space at either end (cells are trimmed),
/// but commas, quotes, semicolons, accents, formula characters and line breaks inside.
fn cell() -> impl Strategy<Value = String> {
    "[A-Za-zé0-9'=+@-][A-Za-zé0-9 ,;\"'=+@\n-]{0,8}[A-Za-zé0-9]"
}

/// An id: no `;` (ids are listed in cells separated by `;`).
fn id(prefix: &'static str) -> impl Strategy<Value = String> {
    "[a-z0-9]{1,6}".prop_map(move |s| format!("{prefix}-{s}"))
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        (2000u32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
    )
}

/// A share the template and JSON both write exactly; sums of these are exact too.
fn share() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop::sample::select(vec![0.25, 0.5, 0.75, 0.7627]))
}

/// A map with every field the template carries, ids unique, references resolving.
fn arb_map() -> impl Strategy<Value = MapFile> {
    let n_areas = 1usize..6;
    n_areas
        .prop_flat_map(|na| {
            let areas = prop::collection::vec(
                (
                    cell(),
                    prop::option::of(1u64..1_000_000),
                    prop::option::of(cell()),
                ),
                na,
            );
            let bodies = prop::collection::vec(
                (
                    cell(),
                    prop::sample::select(BodyKind::KNOWN.to_vec()),
                    any::<bool>(),
                    prop::option::of(cell()),
                    prop::collection::vec((0..na, share()), 0..4),
                    (date(), date()),
                    (
                        prop::option::of(cell()),
                        prop::option::of(cell()),
                        prop::option::of(cell()),
                        any::<bool>(),
                    ),
                ),
                1..8,
            );
            (areas, bodies, id("x"))
        })
        .prop_flat_map(|(areas, bodies, _)| {
            let nb = bodies.len();
            let na = areas.len();
            let links = prop::collection::vec(
                (
                    0..nb,
                    0..nb,
                    prop::sample::select(LinkKind::ALL.to_vec()),
                    prop::option::of(cell()),
                    date(),
                    any::<bool>(),
                ),
                0..10,
            );
            let resps = prop::collection::vec(
                (
                    cell(),
                    any::<bool>(),
                    prop::collection::vec(0..na, 0..3),
                    prop::collection::vec((0..nb, 0usize..4), 0..4),
                    prop::option::of(cell()),
                ),
                0..4,
            );
            (Just(areas), Just(bodies), links, resps)
        })
        .prop_map(|(areas, bodies, links, resps)| {
            let areas: Vec<Area> = areas
                .into_iter()
                .enumerate()
                .map(|(i, (name, population, parent))| Area {
                    code: format!("E0700{i:04}"),
                    name,
                    kind: "lad".into(),
                    population,
                    parent,
                    neighbours: Vec::new(),
                })
                .collect();
            let bodies: Vec<Body> = bodies
                .into_iter()
                .enumerate()
                .map(
                    |(
                        i,
                        (
                            name,
                            kind,
                            elected,
                            code,
                            covers,
                            (from, to),
                            (theme, description, source, illustrative),
                        ),
                    )| {
                        let mut cov: Vec<Coverage> = Vec::new();
                        for (a, s) in covers {
                            let area = areas[a].code.clone();
                            if !cov.iter().any(|c| c.area == area) {
                                cov.push(Coverage { area, share: s });
                            }
                        }
                        Body {
                            id: format!("b{i}"),
                            name,
                            kind,
                            elected,
                            code,
                            covers: cov,
                            valid_from: from,
                            valid_to: to,
                            theme,
                            description,
                            source,
                            illustrative,
                            partnership_type: None,
                        }
                    },
                )
                .collect();
            let links = links
                .into_iter()
                .map(|(f, t, kind, role, valid_from, illustrative)| Link {
                    from: format!("b{f}"),
                    to: format!("b{t}"),
                    kind,
                    role,
                    valid_from,
                    valid_to: None,
                    illustrative,
                })
                .collect();
            let roles = [
                OwnerRole::Lead,
                OwnerRole::Contributes,
                OwnerRole::Commissions,
                OwnerRole::Delivers,
            ];
            let responsibilities = resps
                .into_iter()
                .enumerate()
                .map(|(i, (name, statutory, scope, owners, description))| {
                    let mut owners: Vec<Owner> = owners
                        .into_iter()
                        .map(|(b, r)| Owner {
                            body: format!("b{b}"),
                            role: roles[r],
                        })
                        .collect();
                    // The template writes owners grouped by role (one column each).
                    pmap_core::order::sort_by_key(&mut owners, |o| o.role);
                    let mut sc: Vec<String> =
                        scope.into_iter().map(|a| areas[a].code.clone()).collect();
                    sc.dedup();
                    Responsibility {
                        id: format!("r{i}"),
                        name,
                        theme: None,
                        statutory,
                        legal_basis: None,
                        scope: sc,
                        owners,
                        description,
                        illustrative: false,
                    }
                })
                .collect();
            MapFile {
                format: FORMAT_NAME.into(),
                version: 1,
                areas,
                bodies,
                links,
                responsibilities,
                ..MapFile::default()
            }
        })
}

/// A valid map for the analyses: councils and services cover areas, partnerships have
/// members and at most one parent (earlier in the list, so there is no cycle), and
/// responsibilities are owned.
fn arb_valid_map() -> impl Strategy<Value = MapFile> {
    (
        prop::collection::vec(10_000u64..500_000, 2..7),
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    BodyKind::DistrictCouncil,
                    BodyKind::Icb,
                    BodyKind::PoliceForce,
                    BodyKind::FireAuthority,
                ]),
                prop::collection::vec((0usize..7, share()), 1..4),
            ),
            2..8,
        ),
        prop::collection::vec(
            (
                prop::collection::vec(0usize..8, 1..4),
                prop::option::of(0usize..3),
            ),
            1..4,
        ),
        prop::collection::vec((0usize..7, prop::collection::vec(0usize..11, 0..3)), 0..4),
    )
        .prop_map(|(pops, services, partnerships, resps)| {
            let areas: Vec<Area> = pops
                .iter()
                .enumerate()
                .map(|(i, p)| Area {
                    code: format!("E0700{i:04}"),
                    name: format!("Area {i}"),
                    kind: "lad".into(),
                    population: Some(*p),
                    parent: None,
                    neighbours: Vec::new(),
                })
                .collect();
            let mut bodies: Vec<Body> = Vec::new();
            for (i, (kind, covers)) in services.into_iter().enumerate() {
                let mut b = Body::new(format!("s{i}"), format!("Service {i}"), kind);
                for (a, s) in covers {
                    let area = areas[a % areas.len()].code.clone();
                    if !b.covers.iter().any(|c| c.area == area) {
                        b.covers.push(Coverage { area, share: s });
                    }
                }
                bodies.push(b);
            }
            let ns = bodies.len();
            let mut links = Vec::new();
            for (p, (members, parent)) in partnerships.into_iter().enumerate() {
                let pid = format!("p{p}");
                bodies.push(Body::new(
                    pid.clone(),
                    format!("Partnership {p}"),
                    BodyKind::Lsp,
                ));
                let mut ms: Vec<usize> = members.into_iter().map(|m| m % ns).collect();
                ms.sort_unstable();
                ms.dedup();
                for m in ms {
                    links.push(Link {
                        from: format!("s{m}"),
                        to: pid.clone(),
                        kind: LinkKind::MemberOf,
                        role: None,
                        valid_from: None,
                        valid_to: None,
                        illustrative: false,
                    });
                }
                if let Some(q) = parent.filter(|q| *q < p) {
                    links.push(Link {
                        from: pid.clone(),
                        to: format!("p{q}"),
                        kind: LinkKind::SubGroupOf,
                        role: None,
                        valid_from: None,
                        valid_to: None,
                        illustrative: false,
                    });
                }
            }
            let ids: Vec<String> = bodies.iter().map(|b| b.id.clone()).collect();
            let responsibilities = resps
                .into_iter()
                .enumerate()
                .map(|(i, (a, owners))| {
                    let mut os: Vec<usize> = owners.into_iter().map(|o| o % ids.len()).collect();
                    os.sort_unstable();
                    os.dedup();
                    Responsibility {
                        id: format!("r{i}"),
                        name: format!("Duty {i}"),
                        theme: None,
                        statutory: i % 2 == 0,
                        legal_basis: None,
                        scope: vec![areas[a % areas.len()].code.clone()],
                        owners: os
                            .into_iter()
                            .map(|o| Owner {
                                body: ids[o].clone(),
                                role: OwnerRole::Lead,
                            })
                            .collect(),
                        description: None,
                        illustrative: false,
                    }
                })
                .collect();
            MapFile {
                format: FORMAT_NAME.into(),
                version: 1,
                areas,
                bodies,
                links,
                responsibilities,
                ..MapFile::default()
            }
        })
}

/// Fisher–Yates with a small LCG, so a proptest seed gives a permutation.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = (seed >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
}

/// A finding as (id, kind, level, bodies, areas, responsibilities, people).
type Said = (
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<u64>,
);

/// The findings with every list sorted: what they say, not the order they say it in.
fn normalised(file: MapFile) -> Vec<Said> {
    let m = Model::build(file);
    let mut out: Vec<_> = pmap_core::findings::analyse(&m)
        .findings
        .into_iter()
        .map(|f| {
            let sorted = |mut v: Vec<String>| {
                pmap_core::order::sort(&mut v);
                v
            };
            (
                f.id,
                f.kind.to_string(),
                f.level.as_str().to_string(),
                sorted(f.bodies),
                sorted(f.areas),
                sorted(f.responsibilities),
                f.people,
            )
        })
        .collect();
    pmap_core::order::sort(&mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn json_export_then_import_is_the_identity(map in arb_map()) {
        let text = serde_json::to_string_pretty(&map).expect("serialise");
        let (back, diags) = pmap_core::parse::parse_map(&text);
        prop_assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        prop_assert_eq!(back, Some(map));
    }

    #[test]
    fn csv_export_then_import_is_the_identity(map in arb_map()) {
        // The template carries areas, bodies, links and responsibilities (not the meta,
        // agreements, tour or boundaries), so those four come back as they went.
        let csv = pmap_core::csv_template::to_csv(&map);
        let files = [("areas.csv", csv.areas.as_str()), ("bodies.csv", csv.bodies.as_str()), ("links.csv", csv.links.as_str()), ("responsibilities.csv", csv.responsibilities.as_str())];
        let (back, diags) = pmap_core::csv_template::from_csv(&files, &MapFile::default());
        prop_assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let back = back.expect("read");
        prop_assert_eq!(&back.areas, &map.areas);
        prop_assert_eq!(&back.bodies, &map.bodies);
        prop_assert_eq!(&back.links, &map.links);
        prop_assert_eq!(&back.responsibilities, &map.responsibilities);
    }

    #[test]
    fn analyses_do_not_depend_on_the_order_of_the_input(map in arb_valid_map(), seed in any::<u64>()) {
        prop_assert!(pmap_core::validate::validate(&map).iter().all(|d| !d.is_error()));
        let mut shuffled = map.clone();
        shuffle(&mut shuffled.bodies, seed);
        shuffle(&mut shuffled.links, seed ^ 1);
        shuffle(&mut shuffled.areas, seed ^ 2);
        shuffle(&mut shuffled.responsibilities, seed ^ 3);
        prop_assert_eq!(normalised(map), normalised(shuffled));
    }

    #[test]
    fn autosave_then_recover_gives_the_full_map_under_any_as_at_date(map in arb_map(), on in (2000i32..2031, 1u32..=12, 1u32..=28)) {
        let on = pmap_core::date::Date::parse(&format!("{}-{:02}-{:02}", on.0, on.1, on.2)).expect("a date");
        // The view on screen is the map as at the date; the record must still be the
        // full map, whatever that view leaves out.
        let view = pmap_core::time::as_at(&map, on);
        let text = pmap_core::autosave::record(&map, "2026-11-25T18:00:00Z");
        let (saved_at, back) = pmap_core::autosave::recover(&text).expect("recover");
        prop_assert_eq!(saved_at, "2026-11-25T18:00:00Z");
        prop_assert_eq!(&back, &map);
        // And the test can tell the two apart when the date hides something.
        if view != map {
            prop_assert_ne!(&back, &view);
        }
    }
}
