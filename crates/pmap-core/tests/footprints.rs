//! Footprint resolution: the rule (declared, inherited, members summed and capped) and
//! that it stays linear and iterative on hostile shapes.

use pmap_core::index::FootprintSource;
use pmap_core::model::{Area, Body, BodyKind, Coverage, Link, LinkKind, MapFile};
use pmap_core::Model;
use std::time::Duration;

fn area(code: &str) -> Area {
    Area {
        code: code.into(),
        name: code.into(),
        kind: "lad".into(),
        population: Some(100),
        parent: None,
        neighbours: Vec::new(),
    }
}

fn body(id: &str, kind: BodyKind, covers: &[(&str, Option<f64>)]) -> Body {
    let mut b = Body::new(id, id, kind);
    b.covers = covers
        .iter()
        .map(|(a, s)| Coverage {
            area: (*a).to_string(),
            share: *s,
        })
        .collect();
    b
}

fn link(from: &str, to: &str, kind: LinkKind) -> Link {
    Link {
        from: from.into(),
        to: to.into(),
        kind,
        role: None,
        valid_from: None,
        valid_to: None,
        illustrative: false,
    }
}

/// Runs `f` on a thread and fails if it takes longer than `limit` (a stack overflow
/// aborts the whole test binary, which fails too).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    // A native test: threads are fine here (the ban is for code that runs in wasm).
    #[allow(clippy::disallowed_methods)]
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

#[test]
fn members_shares_are_summed_and_capped() {
    // Areas A and B. ICB1 covers 0.76 of A; ICB2 covers 0.24 of A and all of B; a council
    // covers all of A. Worked by hand:
    //   "both" (members ICB1, ICB2): A = 0.76 + 0.24 = 1.0, B = 1.0.
    //   "capped" (members ICB1, council): A = 0.76 + 1.0 = 1.76, capped to 1.0; no B.
    //   "one" (member ICB1 only): A = 0.76.
    let file = MapFile {
        areas: vec![area("E1"), area("E2")],
        bodies: vec![
            body("icb1", BodyKind::Icb, &[("E1", Some(0.76))]),
            body("icb2", BodyKind::Icb, &[("E1", Some(0.24)), ("E2", None)]),
            body("council", BodyKind::DistrictCouncil, &[("E1", None)]),
            body("both", BodyKind::Lsp, &[]),
            body("capped", BodyKind::Lsp, &[]),
            body("one", BodyKind::Lsp, &[]),
        ],
        links: vec![
            link("icb1", "both", LinkKind::MemberOf),
            link("icb2", "both", LinkKind::MemberOf),
            link("icb1", "capped", LinkKind::MemberOf),
            link("council", "capped", LinkKind::MemberOf),
            link("icb1", "one", LinkKind::MemberOf),
        ],
        ..MapFile::default()
    };
    let m = Model::build(file);
    let ix = |id: &str| m.body_index(id).expect("body");
    let close = |got: &[(u32, f64)], want: &[(u32, f64)]| {
        got.len() == want.len()
            && got
                .iter()
                .zip(want)
                .all(|(g, w)| g.0 == w.0 && (g.1 - w.1).abs() < 1e-12)
    };
    assert!(
        close(m.footprint(ix("both")), &[(0, 1.0), (1, 1.0)]),
        "{:?}",
        m.footprint(ix("both"))
    );
    assert!(
        close(m.footprint(ix("capped")), &[(0, 1.0)]),
        "{:?}",
        m.footprint(ix("capped"))
    );
    assert!(
        close(m.footprint(ix("one")), &[(0, 0.76)]),
        "{:?}",
        m.footprint(ix("one"))
    );
    assert_eq!(
        m.footprint_source(ix("both")),
        FootprintSource::UnionOfMembers
    );
}

#[test]
fn a_sub_group_that_is_also_a_member_inherits_its_board() {
    // The board has members council (all of E1) and the sub-group; the sub-group is a
    // sub_group_of the board and declares nothing. The board is its other members: E1.
    // The sub-group inherits the board: E1. (Neither feeds itself: E1 stays at 1.0.)
    let file = MapFile {
        areas: vec![area("E1")],
        bodies: vec![
            body("group", BodyKind::Lsp, &[]),
            body("board", BodyKind::Lsp, &[]),
            body("council", BodyKind::DistrictCouncil, &[("E1", None)]),
        ],
        links: vec![
            link("council", "board", LinkKind::MemberOf),
            link("group", "board", LinkKind::MemberOf),
            link("group", "board", LinkKind::SubGroupOf),
        ],
        ..MapFile::default()
    };
    let m = Model::build(file);
    let (g, b) = (0, 1);
    assert_eq!(m.footprint(b), &[(0, 1.0)]);
    assert_eq!(m.footprint(g), &[(0, 1.0)]);
    assert_eq!(m.footprint_source(g), FootprintSource::Inherited(b));
}

/// A chain: body 0 declares E1; body k is a sub_group_of body k-1.
fn chain(n: usize) -> MapFile {
    let mut bodies = vec![body("b0", BodyKind::Lsp, &[("E1", None)])];
    let mut links = Vec::new();
    for k in 1..n {
        bodies.push(body(&format!("b{k}"), BodyKind::Lsp, &[]));
        links.push(link(
            &format!("b{k}"),
            &format!("b{}", k - 1),
            LinkKind::SubGroupOf,
        ));
    }
    MapFile {
        areas: vec![area("E1")],
        bodies,
        links,
        ..MapFile::default()
    }
}

#[test]
fn a_chain_of_100_000_sub_groups_does_not_overflow_the_stack() {
    // Each body inherits from the one before, so the last inherits E1 from body 99,998.
    let m = within(Duration::from_secs(60), || Model::build(chain(100_000)));
    assert_eq!(m.footprint(99_999), &[(0, 1.0)]);
    assert_eq!(
        m.footprint_source(99_999),
        FootprintSource::Inherited(99_998)
    );
}

#[test]
fn a_chain_at_the_body_limit_loads_through_validation() {
    // Validation checks sub_group_of for cycles; it must not recurse either.
    let n = pmap_core::limits::MAX_BODIES;
    let text = serde_json::to_string(&chain(n)).expect("serialise");
    let loaded = within(Duration::from_secs(120), move || {
        pmap_core::load(&text).map(|l| l.model)
    });
    let m = loaded.expect("a chain is a valid map");
    assert_eq!(m.footprint(n - 1), &[(0, 1.0)]);
}

#[test]
fn a_diamond_lattice_40_levels_deep_is_fast() {
    // Level 0: one body declaring E1 and E2. Each later level has two partnerships whose
    // members are both bodies of the level below (level 1: the level-0 body). Resolved
    // recursively without memory this is 2^40 visits; once per body it is 80.
    // By hand: level 1 bodies sum two copies of level 0 → E1 = min(1 + 1, 1) = 1, same
    // for E2; every level above is the same, so the top covers E1 and E2 fully.
    let mut bodies = vec![body("l0", BodyKind::Lsp, &[("E1", None), ("E2", None)])];
    let mut links = Vec::new();
    for level in 1..=40 {
        for side in ["a", "b"] {
            let id = format!("l{level}{side}");
            bodies.push(body(&id, BodyKind::Lsp, &[]));
            let below: Vec<String> = if level == 1 {
                vec!["l0".into()]
            } else {
                vec![format!("l{}a", level - 1), format!("l{}b", level - 1)]
            };
            for b in below {
                links.push(link(&b, &id, LinkKind::MemberOf));
            }
        }
    }
    let file = MapFile {
        areas: vec![area("E1"), area("E2")],
        bodies,
        links,
        ..MapFile::default()
    };
    let m = within(Duration::from_secs(5), move || Model::build(file));
    let top = m.body_index("l40a").expect("top");
    assert_eq!(m.footprint(top), &[(0, 1.0), (1, 1.0)]);
}

#[test]
fn a_ring_of_20_000_partnerships_members_of_each_other_is_fast() {
    // Partnership k is a member of partnership k+1 (mod n), so all n form one loop; a
    // council covering E1 is a member of p0. By the rule for loops (resolved twice, the
    // second time seeing the first results): first, p0 = the council's E1 and every
    // other partnership nothing; second, p1 = p0's first result (E1), p0 = E1 again
    // (its loop member p(n-1) had nothing), and p2 = p1's first result, nothing.
    let n = 20_000;
    let mut bodies = vec![body("council", BodyKind::DistrictCouncil, &[("E1", None)])];
    let mut links = vec![link("council", "p0", LinkKind::MemberOf)];
    for k in 0..n {
        bodies.push(body(&format!("p{k}"), BodyKind::Lsp, &[]));
        links.push(link(
            &format!("p{k}"),
            &format!("p{}", (k + 1) % n),
            LinkKind::MemberOf,
        ));
    }
    let file = MapFile {
        areas: vec![area("E1")],
        bodies,
        links,
        ..MapFile::default()
    };
    let m = within(Duration::from_secs(10), move || Model::build(file));
    let fp = |id: &str| m.footprint(m.body_index(id).expect("body")).to_vec();
    assert_eq!(fp("p0"), vec![(0, 1.0)]);
    assert_eq!(fp("p1"), vec![(0, 1.0)]);
    assert_eq!(fp("p2"), vec![]);
}
