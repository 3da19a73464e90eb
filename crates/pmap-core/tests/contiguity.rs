//! Adjacency on the real ONS boundaries (demo/hampshire.json, demo/england.json).

use pmap_core::analysis::contiguity::{boundary_gaps, Adjacency, Basis, TOLERANCE_M};
use pmap_core::Model;

fn load(name: &str) -> Model {
    let text = std::fs::read_to_string(format!("{}/../../demo/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("demo");
    pmap_core::load(&text).expect("loads").model
}

fn ix(m: &Model, code: &str) -> u32 {
    m.area_index(code).expect(code)
}

const PORTSMOUTH: &str = "E06000044";
const SOUTHAMPTON: &str = "E06000045";
const WIGHT: &str = "E06000046";
const HART: &str = "E07000089";
const RUSHMOOR: &str = "E07000092";
const NEW_FOREST: &str = "E07000091";
const SCILLY: &str = "E06000053";

#[test]
fn hampshire_neighbours_from_boundaries_and_links() {
    let m = load("hampshire.json");
    let with = Adjacency::of(&m);
    let without = Adjacency::with(&m, TOLERANCE_M, false);
    assert_eq!(with.basis(), Basis::Boundaries);
    // Hart and Rushmoor share a boundary (Fleet and Farnborough sit either side of it).
    assert!(with.touches(ix(&m, HART), ix(&m, RUSHMOOR)));
    assert!(without.touches(ix(&m, HART), ix(&m, RUSHMOOR)));
    // The Isle of Wight is an island: no boundary touches it, only its ferry links do.
    let w = ix(&m, WIGHT);
    assert!(without.neighbours(w).is_empty());
    let mut linked = vec![ix(&m, PORTSMOUTH), ix(&m, SOUTHAMPTON)];
    linked.sort_unstable();
    assert_eq!(with.neighbours(w), linked.as_slice());
    assert!(with.touches(ix(&m, PORTSMOUTH), w), "links are symmetric");
    // Non-neighbours: Hart is in the north-east corner of Hampshire and Portsmouth on the
    // south coast, with East Hampshire and Havant between; the New Forest (south-west) and
    // Rushmoor (north-east) are at opposite corners of the county.
    assert!(!with.touches(ix(&m, HART), ix(&m, PORTSMOUTH)));
    assert!(!with.touches(ix(&m, NEW_FOREST), ix(&m, RUSHMOOR)));
    // Contiguity: the island with Portsmouth is one piece only through the link.
    assert!(with.is_contiguous(&[w, ix(&m, PORTSMOUTH)]));
    assert!(!without.is_contiguous(&[w, ix(&m, PORTSMOUTH)]));
    assert!(!with.is_contiguous(&[ix(&m, HART), ix(&m, PORTSMOUTH)]));
}

#[test]
fn the_tolerance_separates_touching_from_apart() {
    // Gaps between the BUC boundaries of all 296 English districts, up to 1 km. Most
    // neighbours share edges exactly (gap 0). The smallest positive gaps, read from this
    // data, are Rutland–Peterborough 23 m and Croydon–Southwark 83 m (which meet at a
    // point: Crystal Palace, where five boroughs meet), then Southwark–Westminster 158 m
    // and Lewisham–Tower Hamlets 250 m (across the Thames, which BUC clips out), then
    // Dartford–Bromley 264 m and West Berkshire–Hart 322 m, which are not neighbours
    // (Sevenoaks, and Basingstoke and Deane/Wokingham, lie between). TOLERANCE_M sits in
    // the gap after the point contacts.
    let m = load("england.json");
    let gaps = boundary_gaps(&m, 1000.0);
    let name = |a: u32| m.area_name(a).to_string();
    let gap_of = |a: &str, b: &str| {
        gaps.iter()
            .find(|(x, y, _)| (name(*x) == a && name(*y) == b) || (name(*x) == b && name(*y) == a))
            .map(|g| g.2)
    };
    assert!(gap_of("Rutland", "Peterborough").is_some_and(|g| g > 0.0 && g <= TOLERANCE_M));
    assert!(gap_of("Croydon", "Southwark").is_some_and(|g| g > 0.0 && g <= TOLERANCE_M));
    assert!(gap_of("West Berkshire", "Hart").is_some_and(|g| g > TOLERANCE_M));
    assert!(gap_of("Dartford", "Bromley").is_some_and(|g| g > TOLERANCE_M));
    // No pair falls close to the threshold: nothing between 84 m and 150 m.
    assert!(!gaps.iter().any(|g| g.2 > 84.0 && g.2 < 150.0));
}

#[test]
// A native test: it times the adjacency with the system clock.
#[allow(clippy::disallowed_methods)]
fn england_every_district_has_a_neighbour_except_the_islands() {
    let m = load("england.json");
    let t = std::time::Instant::now();
    let with = Adjacency::of(&m);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("adjacency of {} districts: {ms:.1} ms", m.areas().len());
    let without = Adjacency::with(&m, TOLERANCE_M, false);
    let alone = |adj: &Adjacency| -> Vec<String> {
        (0..m.areas().len() as u32)
            .filter(|&a| adj.neighbours(a).is_empty())
            .map(|a| m.area(a).expect("area").code.clone())
            .collect()
    };
    // Without links, exactly the two island districts touch nothing: the Isle of Wight
    // and the Isles of Scilly. With the demo's links (to Portsmouth and Southampton, and
    // to Cornwall) every district has a neighbour, and England is one piece.
    assert_eq!(alone(&without), vec![WIGHT.to_string(), SCILLY.to_string()]);
    assert!(alone(&with).is_empty());
    let all: Vec<u32> = (0..m.areas().len() as u32).collect();
    assert!(with.is_contiguous(&all));
    assert!(!without.is_contiguous(&all));
    let mainland: Vec<u32> = (0..m.areas().len() as u32)
        .filter(|&a| ![SCILLY, WIGHT].contains(&m.area(a).expect("area").code.as_str()))
        .collect();
    assert!(
        without.is_contiguous(&mainland),
        "the mainland is one piece by boundaries alone"
    );
}

#[test]
fn no_boundaries_and_no_links_is_unknown() {
    let m = pmap_core::load(
        r#"{"format":"partnership-map","version":1,"areas":[{"code":"E1","name":"A"},{"code":"E2","name":"B"}]}"#,
    )
    .expect("loads")
    .model;
    let adj = Adjacency::of(&m);
    assert!(!adj.known());
    assert_eq!(adj.contiguity(&[0, 1]), None);
}

#[test]
fn unknown_neighbour_codes_are_reported() {
    let e = pmap_core::load(
        r#"{"format":"partnership-map","version":1,"areas":[{"code":"E06000046","name":"Isle of Wight","neighbours":["E06000044"]}]}"#,
    )
    .expect_err("unknown code");
    assert_eq!(e[0].code, "unknown-area");
    assert_eq!(e[0].path, "areas[0].neighbours[0]");
    assert!(
        e[0].message.contains("Isle of Wight (E06000046)"),
        "{}",
        e[0].message
    );
}
