//! Reorganisation proposals: parsing with row-and-column diagnostics, and a comparison of
//! two proposals on a hand-built map whose figures are worked out in the comments.

use pmap_core::analysis::alignment::Class;
use pmap_core::analysis::grouping::Band;
use pmap_core::analysis::proposals::{compare, parse, to_csv, BandFit};
use pmap_core::analysis::statutory::Rule;
use pmap_core::model::BodyKind;
use pmap_core::Model;

/// Four districts A=100, B=200, C=300, D=400 people in one county; one police force over
/// all four; ICB I1 = {A, B}, I2 = {C, D}; CSPs North = {A, B} and South = {C, D}; an LSP over
/// the county; a parish council in A. District A is a member of the North CSP, the county
/// chairs the LSP, district B signs a memorandum with the police, district C leads waste
/// collection.
fn map() -> Model {
    pmap_core::load(
        r#"{"format":"partnership-map","version":1,
  "areas":[{"code":"E07000001","name":"A","population":100},{"code":"E07000002","name":"B","population":200},
           {"code":"E07000003","name":"C","population":300},{"code":"E07000004","name":"D","population":400}],
  "bodies":[
    {"id":"cc","name":"County","kind":"county_council","covers":["E07000001","E07000002","E07000003","E07000004"]},
    {"id":"d1","name":"A Council","kind":"district_council","covers":["E07000001"]},
    {"id":"d2","name":"B Council","kind":"district_council","covers":["E07000002"]},
    {"id":"d3","name":"C Council","kind":"district_council","covers":["E07000003"]},
    {"id":"d4","name":"D Council","kind":"district_council","covers":["E07000004"]},
    {"id":"parish","name":"A Parish","kind":"parish_council","covers":["E07000001"]},
    {"id":"police","name":"Police","kind":"police_force","covers":["E07000001","E07000002","E07000003","E07000004"]},
    {"id":"i1","name":"ICB 1","kind":"icb","covers":["E07000001","E07000002"]},
    {"id":"i2","name":"ICB 2","kind":"icb","covers":["E07000003","E07000004"]},
    {"id":"csp-north","name":"North CSP","kind":"community_safety_partnership","covers":["E07000001","E07000002"]},
    {"id":"csp-south","name":"South CSP","kind":"community_safety_partnership","covers":["E07000003","E07000004"]},
    {"id":"lsp","name":"LSP","kind":"lsp","covers":["E07000001","E07000002","E07000003","E07000004"]}],
  "links":[{"from":"d1","to":"csp-north","kind":"member_of"},{"from":"cc","to":"lsp","kind":"chairs"}],
  "agreements":[{"id":"mou","name":"Memorandum","kind":"memorandum","parties":["d2","police"]}],
  "responsibilities":[{"id":"waste","name":"Waste collection","owners":[{"body":"d3","role":"lead"}]}]}"#,
    )
    .expect("loads")
    .model
}

const TWO: &str = "proposal,council,area_code
One,North,E07000001
One,North,E07000002
One,South,E07000003
One,South,E07000004
Two,West,E07000001
Two,West,E07000003
Two,East,E07000002
Two,East,E07000004
";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn two_proposals_compared() {
    let m = map();
    let (p, d) = parse(&m, "proposals.csv", TWO);
    assert!(d.is_empty(), "{d:?}");
    let p = p.expect("proposals");
    let band = Band {
        min: 350.0,
        max: 800.0,
        groups: None,
    };
    // Contiguity comes from elsewhere: say West is not contiguous, and nothing else is known.
    let contiguous = |areas: &[u32]| (areas == [0, 2]).then_some(false);
    let c = compare(
        &m,
        &p,
        &[BodyKind::Icb, BodyKind::PoliceForce],
        &band,
        &contiguous,
    );
    let (one, two) = (&c.proposals[0], &c.proposals[1]);

    // One: North = I1 and South = I2 exactly → ICB: G = 1, S = 1, score 1. Police: both
    // inside the force (G = 1); the force's 1000 people split 300/700 → S = 0.7, score 0.85.
    // Overall (1 + 0.85)/2 = 0.925.
    assert!(close(one.score, 0.925), "{}", one.score);
    assert_eq!(one.councils[0].kinds[0].class, Class::Coterminous);
    assert_eq!(one.councils[0].kinds[1].class, Class::Inside);
    // Two: West = {A, C} (400): I1 100, I2 300 → main I2, share 0.75, misaligned.
    //   East = {B, D} (600): I1 200, I2 400 → share 0.6667. G = (300 + 400)/1000 = 0.7.
    //   I1's main group is East (200 of 300), I2's East (400 of 700): S = 600/1000 = 0.6.
    //   score_icb = 0.65. Police: G = 1, S = 600/1000 → 0.8. Overall (0.65 + 0.8)/2 = 0.725.
    assert!(close(two.score, 0.725), "{}", two.score);
    let west = &two.councils[0];
    assert_eq!(west.kinds[0].class, Class::Misaligned);
    assert!(close(west.kinds[0].alignment, 0.75));
    assert_eq!(west.main_bodies[0].as_deref(), Some("i2"));

    // The band: North 300 is below 350; South 700, West 400, East 600 within.
    let bands: Vec<BandFit> = c
        .proposals
        .iter()
        .flat_map(|p| p.councils.iter().map(|k| k.band))
        .collect();
    assert_eq!(
        bands,
        vec![
            BandFit::Below,
            BandFit::Within,
            BandFit::Within,
            BandFit::Within
        ]
    );
    assert_eq!(west.contiguous, Some(false));
    assert_eq!(one.councils[0].contiguous, None);

    // Splits: One keeps both CSPs whole and divides only the LSP (300/700); Two divides all
    // three.
    let ids = |s: &[pmap_core::analysis::proposals::Split]| -> Vec<String> {
        s.iter().map(|x| x.body.clone()).collect()
    };
    assert_eq!(ids(&one.splits), vec!["lsp"]);
    assert!(close(one.splits[0].spread.main_share, 0.7));
    assert_eq!(ids(&two.splits), vec!["csp-north", "csp-south", "lsp"]);

    // Statutory partners of North, a unitary council over A and B: the police (300 of its
    // 1000 people inside) and ICB 1 (all), under both rules; not ICB 2, not the councils.
    let north = &one.councils[0];
    let partners: Vec<&str> = north.partners.iter().map(|x| x.body.as_str()).collect();
    assert_eq!(partners, vec!["police", "i1"]);
    assert!(close(north.partners[0].share_inside, 0.3));
    assert_eq!(
        north.partners[0].rules,
        vec![Rule::ChildrenAct2004S10, Rule::Lgpih2007S104]
    );

    // What lapses: the county and the four districts are replaced (not the parish); the
    // North CSP (A is a member) and the LSP (the county chairs it), the memorandum (B
    // signed it) and waste collection (C leads it) all refer to them.
    for p in [one, two] {
        assert_eq!(p.lapses.bodies, vec!["cc", "d1", "d2", "d3", "d4"]);
        assert_eq!(p.lapses.partnerships, vec!["csp-north", "lsp"]);
        assert_eq!(p.lapses.agreements, vec!["mou"]);
        assert_eq!(p.lapses.responsibilities, vec!["waste"]);
    }

    let csv = to_csv(&c);
    assert!(csv.contains("One,,score,,0.9250\r\n"), "{csv}");
    assert!(csv.contains("Two,,service_side,icb,0.6000\r\n"));
    assert!(csv.contains("One,North,band,,below\r\n"));
    assert!(csv.contains("Two,West,contiguous,,no\r\n"));
    assert!(csv.contains("Two,West,main_body,icb,i2\r\n"));
    assert!(csv.contains("One,,lapsed_partnerships,,csp-north; lsp\r\n"));
    assert!(csv.contains("One,North,partners,,police; i1\r\n"));
}

#[test]
fn a_proposal_covering_part_of_the_county_does_not_replace_it() {
    let m = map();
    let p = parse(
        &m,
        "p.csv",
        "proposal,council,area_code\nNorth only,North,E07000001\nNorth only,North,E07000002\n",
    )
    .0
    .expect("parses");
    let band = Band {
        min: 0.0,
        max: f64::INFINITY,
        groups: None,
    };
    let c = compare(&m, &p, &[BodyKind::Icb], &band, &|_| None);
    // Only the two districts lie wholly within A and B.
    assert_eq!(c.proposals[0].lapses.bodies, vec!["d1", "d2"]);
    assert_eq!(c.proposals[0].lapses.partnerships, vec!["csp-north"]);
}

fn errors(text: &str) -> Vec<(String, &'static str)> {
    let m = map();
    let (p, d) = parse(&m, "p.csv", text);
    if d.iter().any(|x| x.is_error()) {
        assert!(p.is_none(), "no proposals with errors");
    }
    d.into_iter().map(|x| (x.path, x.code)).collect()
}

#[test]
fn parse_errors_name_the_row_and_field() {
    // Row numbers count the header as 1 and count blank lines.
    assert_eq!(
        errors("proposal,council,area_code\nOne,North,E07000001\n\nOne,South,E09999999\n"),
        vec![("p.csv row 4, column area_code".to_string(), "unknown-area")]
    );
    assert_eq!(
        errors("proposal,council,area_code\nOne,,E07000001\n"),
        vec![("p.csv row 2, column council".to_string(), "missing-value")]
    );
    assert_eq!(
        errors("proposal,council,area_code\nOne,North,E07000001\nOne,South,E07000001\n"),
        vec![(
            "p.csv row 3, column area_code".to_string(),
            "area-in-two-councils"
        )]
    );
    // The same area in two proposals is fine; a fourth proposal is not.
    assert_eq!(
        errors(
            "proposal,council,area_code\nA,X,E07000001\nB,X,E07000001\nC,X,E07000001\nD,X,E07000001\n"
        ),
        vec![("p.csv row 5, column proposal".to_string(), "too-many-proposals")]
    );
    assert_eq!(
        errors("proposal,council,code\nOne,North,E07000001\n"),
        vec![("p.csv row 1".to_string(), "missing-column")]
    );
    assert_eq!(
        errors("proposal,council,area_code\n"),
        vec![("p.csv row 2".to_string(), "csv-empty")]
    );
    assert_eq!(errors("")[0].1, "csv-empty");
    // A replaced code names its successor.
    let m = map();
    let (_, d) = parse(
        &m,
        "p.csv",
        "proposal,council,area_code\nOne,North,E07000026\n",
    );
    assert_eq!(d[0].code, "stale-code");
    assert!(
        d[0].message.contains("E06000063 (Cumberland)"),
        "{}",
        d[0].message
    );
    // A repeated row is only a warning.
    let (p, d) = parse(
        &m,
        "p.csv",
        "proposal,council,area_code\nOne,North,E07000001\nOne,North,E07000001\n",
    );
    assert_eq!(d[0].code, "duplicate-row");
    assert_eq!(p.expect("parses")[0].councils[0].areas, vec![0]);
}

#[test]
fn proposals_over_different_areas_say_what_each_leaves_out() {
    let m = map();
    // "North only" divides A and B; "Whole county" divides all four; "South only" C and D.
    // Against the union {A, B, C, D}: North only leaves out C and D, the whole county
    // nothing, South only A and B.
    let csv = "proposal,council,area_code\n\
        North only,North,E07000001\nNorth only,North,E07000002\n\
        Whole county,One,E07000001\nWhole county,One,E07000002\n\
        Whole county,One,E07000003\nWhole county,One,E07000004\n\
        South only,South,E07000003\nSouth only,South,E07000004\n";
    let p = parse(&m, "p.csv", csv).0.expect("parses");
    let band = Band {
        min: 0.0,
        max: f64::INFINITY,
        groups: None,
    };
    let c = compare(&m, &p, &[BodyKind::Icb], &band, &|_| None);
    assert_eq!(c.proposals[0].leaves_out, vec!["E07000003", "E07000004"]);
    assert!(c.proposals[1].leaves_out.is_empty());
    assert_eq!(c.proposals[2].leaves_out, vec!["E07000001", "E07000002"]);
    assert!(to_csv(&c).contains("North only,,leaves_out,,E07000003; E07000004\r\n"));
}
