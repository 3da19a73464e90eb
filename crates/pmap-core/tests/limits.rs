//! The limits: big maps that must load do; maps beyond a limit are refused with a message
//! naming the limit and the count.

use pmap_core::limits::{check, MAX_BODIES, MAX_LINKS};
use pmap_core::model::{Body, BodyKind, Link, LinkKind, MapFile};

fn map(bodies: usize, links: usize) -> MapFile {
    MapFile {
        bodies: (0..bodies)
            .map(|i| Body::new(format!("b{i}"), format!("Body {i}"), BodyKind::Lsp))
            .collect(),
        // Distinct pairs: body k is a member of bodies k+1 … k+5 (mod n), for the first
        // links / 5 bodies.
        links: (0..links)
            .map(|l| Link {
                from: format!("b{}", (l / 5) % bodies),
                to: format!("b{}", (l / 5 + l % 5 + 1) % bodies),
                kind: LinkKind::MemberOf,
                role: None,
                valid_from: None,
                valid_to: None,
                illustrative: false,
            })
            .collect(),
        ..MapFile::default()
    }
}

#[test]
fn twenty_thousand_bodies_and_a_hundred_thousand_links_load() {
    // Issue 12 wants maps this size to load.
    let file = map(20_000, 100_000);
    assert!(check(&file).is_empty());
    let errors: Vec<_> = pmap_core::validate::validate(&file)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{:?}", errors.first());
    let m = pmap_core::Model::build(file);
    assert_eq!(m.bodies().len(), 20_000);
}

#[test]
fn one_over_each_limit_is_refused_by_name() {
    let file = map(MAX_BODIES + 1, 0);
    let d = pmap_core::validate::validate(&file);
    assert_eq!(
        d.len(),
        1,
        "the limit is reported alone, before other checks"
    );
    assert_eq!(d[0].path, "bodies");
    assert_eq!(
        d[0].message,
        "The map has 50,001 bodies; the limit is 50,000"
    );
    let mut links = map(10, 0);
    links.links = map(10, MAX_LINKS + 1).links;
    let d = check(&links);
    assert_eq!(
        d[0].message,
        "The map has 250,001 links; the limit is 250,000"
    );
}
