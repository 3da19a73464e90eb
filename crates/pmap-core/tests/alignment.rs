//! The service-alignment atlas against real geography (issue 15), the noise rule, slivers,
//! and figures that keep one meaning.
//!
//! The expected figures for England are derived here, straight from the ONS CSVs in
//! `../shared/data/ons`, with nothing from the crate but a CSV reader; they are then
//! compared with the atlas computed on the committed `demo/england.json`.

use pmap_core::analysis::alignment::{atlas, cell, Class, Layer};
use pmap_core::findings::{analyse, group_findings, Level};
use pmap_core::model::BodyKind;
use pmap_core::ons::Table;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

const T: f64 = 0.02;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Rows of an ONS CSV as maps from column name to cell.
fn csv(name: &str) -> Vec<HashMap<String, String>> {
    let dir = std::env::var("PMAP_ONS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("../shared/data/ons"));
    let text = std::fs::read_to_string(dir.join(name)).expect("ONS file");
    let (t, _) = Table::parse(name, &text).expect("csv");
    t.rows
        .iter()
        .map(|r| t.headers.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

fn population() -> HashMap<String, f64> {
    csv("lad23_population_mid2021_2023_ew.csv")
        .into_iter()
        .map(|r| {
            (
                r["AREACD"].clone(),
                r["pop_mid2023"].parse().expect("number"),
            )
        })
        .collect()
}

/// LAD → (body code, body name) for a one-to-one lookup.
fn lookup(name: &str, code: &str, body_name: &str) -> BTreeMap<String, (String, String)> {
    csv(name)
        .into_iter()
        .map(|r| {
            (
                r["LAD24CD"].clone(),
                (r[code].clone(), r[body_name].clone()),
            )
        })
        .collect()
}

fn england() -> pmap_core::Model {
    let text = std::fs::read_to_string(root().join("demo/england.json")).expect("england");
    pmap_core::load(&text).expect("loads").model
}

fn police() -> Layer {
    Layer::Kind(BodyKind::PoliceForce)
}

/// The class of each police force area against the fire authorities, derived from the
/// two ONS lookups and the populations alone. Both lookups give whole districts, so a
/// body's share of another is a sum of district populations.
fn expected_police_fire() -> BTreeMap<String, (String, Vec<String>)> {
    let pop = population();
    let pfa = lookup("lad24_to_pfa24_en.csv", "PFA24CD", "PFA24NM");
    let fra = lookup("lad24_to_fra24_en.csv", "FRA24CD", "FRA24NM");
    let size = |lads: &dyn Fn(&str) -> bool| -> f64 {
        pop.iter().filter(|(c, _)| lads(c)).map(|(_, p)| *p).sum()
    };
    let mut out = BTreeMap::new();
    let pfas: BTreeSet<&String> = pfa.values().map(|(c, _)| c).collect();
    for p in pfas {
        let in_p = |lad: &str| pfa.get(lad).is_some_and(|(c, _)| c == p);
        let p_size = size(&in_p);
        let fras: BTreeSet<&String> = pfa
            .iter()
            .filter(|(_, (c, _))| c == p)
            .filter_map(|(lad, _)| fra.get(lad).map(|(f, _)| f))
            .collect();
        let mut shares = Vec::new();
        for f in &fras {
            let in_f = |lad: &str| fra.get(lad).is_some_and(|(c, _)| c == *f);
            let shared = size(&|lad: &str| in_p(lad) && in_f(lad));
            shares.push((shared / p_size, shared / size(&in_f), (*f).clone()));
        }
        pmap_core::order::sort_by(&mut shares, |a, b| b.0.total_cmp(&a.0));
        let class = match shares.first() {
            Some(&(a_in_b, b_in_a, _)) if a_in_b >= 1.0 - T => {
                if b_in_a >= 1.0 - T {
                    "coterminous"
                } else {
                    "inside"
                }
            }
            _ => {
                let nested: f64 = shares.iter().filter(|s| s.1 >= 1.0 - T).map(|s| s.0).sum();
                if nested >= 1.0 - T {
                    "contains_several"
                } else {
                    "misaligned"
                }
            }
        };
        let name = pfa
            .values()
            .find(|(c, _)| c == p)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        out.insert(
            name,
            (
                class.to_string(),
                shares.iter().map(|s| s.2.clone()).collect(),
            ),
        );
    }
    out
}

#[test]
fn police_and_fire_in_england_match_the_ons_lookups() {
    let expected = expected_police_fire();
    assert_eq!(expected.len(), 39, "39 police force areas in England");
    let m = england();
    let c = cell(&m, &police(), &Layer::Kind(BodyKind::FireAuthority));
    assert_eq!(c.rows.len(), 39);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (class, _) in expected.values() {
        *counts.entry(class.clone()).or_insert(0) += 1;
    }
    for row in &c.rows {
        let name = m.body_name(row.a);
        let (class, fras) = expected.get(name).expect("police area in the lookup");
        assert_eq!(row.class.as_str(), class, "{name}");
        let got: BTreeSet<String> = row
            .b
            .iter()
            .filter_map(|s| m.body(s.body).and_then(|b| b.code.clone()))
            .collect();
        assert_eq!(&got, &fras.iter().cloned().collect(), "{name}");
        assert!(row.slivers.is_empty(), "whole districts leave no slivers");
    }
    for class in Class::ALL {
        assert_eq!(
            c.summary.counts[&class],
            counts.get(class.as_str()).copied().unwrap_or(0),
            "{class:?}"
        );
    }
    // Common sense on today's map: most police areas have their own fire authority; two
    // (where Devon & Somerset fire crosses the police boundary) do not line up.
    assert!(c.summary.counts[&Class::Coterminous] >= 25);
    let misaligned: BTreeSet<&str> = c
        .rows_of(Class::Misaligned)
        .map(|r| m.body_name(r.a))
        .collect();
    assert_eq!(
        misaligned,
        BTreeSet::from(["Avon and Somerset", "Devon & Cornwall"])
    );
    assert!(
        c.summary.aligned_share > 0.95,
        "{}",
        c.summary.aligned_share
    );
}

#[test]
fn police_and_icbs_in_thames_valley_match_the_ons_overlap() {
    let pop = population();
    let pfa = lookup("lad24_to_pfa24_en.csv", "PFA24CD", "PFA24NM");
    let overlap = csv("lad24_x_icb24_overlap_en.csv");
    let tv_code = pfa
        .values()
        .find(|(_, n)| n == "Thames Valley")
        .map(|(c, _)| c.clone())
        .expect("Thames Valley");
    let in_tv = |lad: &str| pfa.get(lad).is_some_and(|(c, _)| c == &tv_code);
    let tv_size: f64 = pop.iter().filter(|(c, _)| in_tv(c)).map(|(_, p)| p).sum();
    // Per ICB: people shared with Thames Valley (pieces over the tolerance of their
    // district), and the ICB's own people; and the pieces under the tolerance.
    let mut shared: BTreeMap<String, f64> = BTreeMap::new();
    let mut icb_size: BTreeMap<String, f64> = BTreeMap::new();
    let mut slivers: BTreeSet<(String, String)> = BTreeSet::new();
    for r in &overlap {
        let lad = &r["LAD24CD"];
        let icb = r["ICB24CD"].clone();
        let share: f64 = r["share_of_lad"].parse().expect("share");
        let p = pop[lad] * share;
        *icb_size.entry(icb.clone()).or_insert(0.0) += p;
        if in_tv(lad) {
            if share <= T {
                slivers.insert((lad.clone(), icb));
            } else {
                *shared.entry(icb).or_insert(0.0) += p;
            }
        }
    }
    let m = england();
    let c = cell(&m, &police(), &Layer::Kind(BodyKind::Icb));
    let row = c
        .rows
        .iter()
        .find(|r| m.body_name(r.a) == "Thames Valley")
        .expect("Thames Valley row");
    assert_eq!(row.class, Class::Misaligned);
    assert_eq!(row.people(), Some(tv_size.round() as u64));
    let code = |i: usize| m.body(i).and_then(|b| b.code.clone()).unwrap_or_default();
    assert_eq!(row.b.len(), shared.len());
    for s in &row.b {
        let want = shared[&code(s.body)];
        assert_eq!(
            s.people_shared,
            Some(want.round() as u64),
            "{}",
            code(s.body)
        );
        assert!((s.a_in_b - want / tv_size).abs() < 1e-9);
        assert!((s.b_in_a - want / icb_size[&code(s.body)]).abs() < 1e-9);
        assert_eq!(s.nests, want / icb_size[&code(s.body)] >= 1.0 - T);
    }
    let got_slivers: BTreeSet<(String, String)> = row
        .slivers
        .iter()
        .map(|s| (m.areas()[s.area as usize].code.clone(), code(s.body)))
        .collect();
    assert_eq!(got_slivers, slivers);
    // Buckinghamshire's 1.2% in BLMK and Cherwell's 1% in Northamptonshire.
    assert_eq!(got_slivers.len(), 2);
    // The people where police and health line up: those in the ICB that nests in the
    // force area (Buckinghamshire, Oxfordshire and Berkshire West).
    let nested: f64 = row
        .b
        .iter()
        .filter(|s| s.nests || s.a_in_b > 0.5)
        .map(|s| shared[&code(s.body)])
        .sum();
    assert!((row.aligned - nested).abs() < 1e-6);
    assert!(row.aligned_share() > 0.6 && row.aligned_share() < 0.8);

    // The finding names the force area, the ICBs that cut across it and the slivers.
    let report = analyse(&m);
    let f = report
        .findings
        .iter()
        .find(|f| f.id == format!("alignment:police_force:icb:{}", m.bodies()[row.a].id))
        .expect("a finding for Thames Valley");
    assert_eq!(f.kind, "service_misaligned");
    assert!(f.title.contains("Thames Valley"), "{}", f.title);
    assert!(
        f.detail
            .contains("NHS Frimley Integrated Care Board serves 17% of it"),
        "{}",
        f.detail
    );
    assert!(f.detail.contains("Ignored as slivers"), "{}", f.detail);
    assert!(f.detail.contains("1.2% of Buckinghamshire"), "{}", f.detail);
}

#[test]
fn a_council_lying_77_percent_in_one_icb_is_77_percent_aligned() {
    let m = england();
    let c = cell(&m, &Layer::LowerTierCouncil, &Layer::Kind(BodyKind::Icb));
    let hart = c
        .rows
        .iter()
        .find(|r| m.body_name(r.a) == "Hart")
        .expect("Hart");
    assert_eq!(hart.class, Class::Misaligned);
    assert!((hart.aligned_share() - 0.7627).abs() < 1e-9);
    assert!((hart.main().expect("main").a_in_b - 0.7627).abs() < 1e-9);
}

#[test]
fn the_england_atlas_covers_every_pair_and_police_fire_beats_icbs() {
    let m = england();
    let a = atlas(&m);
    let names: Vec<&str> = a.layers.iter().map(|l| l.layer.as_str()).collect();
    assert_eq!(
        names,
        [
            "police_force",
            "fire_authority",
            "icb",
            "upper_tier_council",
            "lower_tier_council",
            "community_safety_partnership",
            "combined_authority"
        ]
    );
    assert_eq!(a.cells.len(), 7 * 6);
    let share = |x: &Layer, y: &Layer| a.cell(x, y).expect("cell").summary.aligned_share;
    let fire = Layer::Kind(BodyKind::FireAuthority);
    let icb = Layer::Kind(BodyKind::Icb);
    assert!(share(&police(), &fire) > share(&police(), &icb));
    let pf = a.cell(&police(), &fire).expect("cell");
    let pi = a.cell(&police(), &icb).expect("cell");
    assert!(pf.summary.rows_aligned > pi.summary.rows_aligned);
    // Every district nests in its county or is its own upper tier.
    let lower_upper = a
        .cell(&Layer::LowerTierCouncil, &Layer::UpperTierCouncil)
        .expect("cell");
    assert!(lower_upper.rows.iter().all(|r| r.class.is_aligned()));
    for cell in &a.cells {
        assert!(cell.summary.aligned_share.is_finite());
        for r in &cell.rows {
            for s in &r.b {
                assert!((0.0..=1.0).contains(&s.a_in_b) && (0.0..=1.0).contains(&s.b_in_a));
            }
        }
    }
}

/// A small map: district D1 loses 1% of its people to ICB Z; D2 is whole in X.
fn sliver_map(tolerance: Option<f64>) -> pmap_core::Model {
    let meta = tolerance
        .map(|t| format!(r#","meta":{{"sliver_tolerance":{t}}}"#))
        .unwrap_or_default();
    pmap_core::load(&format!(
        r#"{{"format":"partnership-map","version":1{meta},
  "areas":[{{"code":"E07000001","name":"Oldtown","population":10000}},
           {{"code":"E07000002","name":"Newtown","population":30000}},
           {{"code":"E07000003","name":"Faraway","population":50000}}],
  "bodies":[
    {{"id":"d1","name":"Oldtown District","kind":"district_council","covers":["E07000001"]}},
    {{"id":"d2","name":"Newtown District","kind":"district_council","covers":["E07000002"]}},
    {{"id":"p","name":"Shire Police","kind":"police_force","covers":["E07000001","E07000002"]}},
    {{"id":"x","name":"NHS Shire ICB","kind":"icb","covers":[{{"area":"E07000001","share":0.99}},"E07000002"]}},
    {{"id":"z","name":"NHS Faraway ICB","kind":"icb","covers":[{{"area":"E07000001","share":0.01}},"E07000003"]}}]}}"#
    ))
    .expect("valid")
    .model
}

#[test]
fn a_one_percent_sliver_is_ignored_and_listed() {
    let m = sliver_map(None);
    let icb = Layer::Kind(BodyKind::Icb);
    let c = cell(&m, &police(), &icb);
    let row = &c.rows[0];
    assert_eq!(row.class, Class::Coterminous);
    assert_eq!(row.b.len(), 1);
    assert_eq!(row.slivers.len(), 1);
    let s = &row.slivers[0];
    assert_eq!(m.body_name(s.body), "NHS Faraway ICB");
    assert_eq!(m.area_name(s.area), "Oldtown");
    assert_eq!(s.people, Some(100));
    assert!((s.share - 0.01).abs() < 1e-12);
    // At district level too: Oldtown lies inside NHS Shire ICB, with the sliver listed.
    let d = cell(&m, &Layer::LowerTierCouncil, &icb);
    assert_eq!(d.rows[0].class, Class::Inside);
    assert_eq!(d.rows[0].slivers.len(), 1);

    let report = analyse(&m);
    assert!(report.findings.iter().all(|f| f.kind != "split_area"));
    let sliver = report
        .findings
        .iter()
        .find(|f| f.kind == "sliver")
        .expect("the sliver is listed, not dropped");
    assert_eq!(sliver.level, Level::Low);
    assert_eq!(
        sliver.title,
        "Oldtown: ignored as a sliver: NHS Faraway ICB 1.0% (100 people)"
    );
    assert_eq!(sliver.people, Some(100));
    assert!(report
        .findings
        .iter()
        .all(|f| f.kind != "service_misaligned"));

    // With a tolerance under 1%, the piece counts: Oldtown is split between two ICBs. The
    // police area is still coterminous with NHS Shire ICB: the piece is 0.25% of its
    // people, within the tolerance at that level.
    let strict = sliver_map(Some(0.005));
    let report = analyse(&strict);
    assert!(report.findings.iter().any(|f| f.kind == "split_area"));
    assert!(report.findings.iter().all(|f| f.kind != "sliver"));
    let d = cell(&strict, &Layer::LowerTierCouncil, &icb);
    assert_eq!(d.rows[0].class, Class::Misaligned);
    assert!((d.rows[0].aligned_share() - 0.99).abs() < 1e-9);
    let c = cell(&strict, &police(), &icb);
    assert_eq!(c.rows[0].class, Class::Coterminous);
    assert_eq!(c.rows[0].b.len(), 2);
}

#[test]
fn partnerships_without_members_get_one_low_finding_and_no_sector_gaps() {
    let m = pmap_core::load(
        r#"{"format":"partnership-map","version":1,
  "areas":[{"code":"E07000001","name":"East","population":1000},
           {"code":"E07000002","name":"West","population":2000},
           {"code":"E07000003","name":"North","population":3000}],
  "bodies":[
    {"id":"csp-e","name":"East CSP","kind":"community_safety_partnership","covers":["E07000001"]},
    {"id":"csp-w","name":"West CSP","kind":"community_safety_partnership","covers":["E07000002"]},
    {"id":"csp-x","name":"Unrecorded CSP","kind":"community_safety_partnership","covers":["E07000003"]},
    {"id":"e","name":"East Council","kind":"district_council","elected":true,"covers":["E07000001"]},
    {"id":"w","name":"West Council","kind":"district_council","elected":true,"covers":["E07000002"]},
    {"id":"pol","name":"Shire Police","kind":"police_force","covers":["E07000001","E07000002"]},
    {"id":"fire","name":"Shire Fire","kind":"fire_authority","covers":["E07000001","E07000002"]},
    {"id":"icb","name":"NHS Shire ICB","kind":"icb","covers":["E07000001","E07000002"]},
    {"id":"prob","name":"Probation","kind":"probation","covers":["E07000001","E07000002"]}],
  "links":[
    {"from":"e","to":"csp-e","kind":"member_of"},{"from":"pol","to":"csp-e","kind":"member_of"},
    {"from":"fire","to":"csp-e","kind":"member_of"},{"from":"icb","to":"csp-e","kind":"member_of"},
    {"from":"w","to":"csp-w","kind":"member_of"},{"from":"pol","to":"csp-w","kind":"member_of"},
    {"from":"fire","to":"csp-w","kind":"member_of"},{"from":"icb","to":"csp-w","kind":"member_of"}]}"#,
    )
    .expect("valid")
    .model;
    let report = analyse(&m);
    let about = |id: &str| -> Vec<&pmap_core::findings::Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.bodies.first().map(String::as_str) == Some(id))
            .filter(|f| f.kind != "single_point_of_failure")
            .collect()
    };
    // The CSP with no recorded members: one low finding, nothing per sector.
    let x = about("csp-x");
    assert_eq!(x.len(), 1, "{x:?}");
    assert_eq!(x[0].kind, "membership_not_recorded");
    assert_eq!(x[0].level, Level::Low);
    assert_eq!(x[0].title, "Unrecorded CSP: membership not recorded");
    // The two with members: the one sector they lack, probation, and nothing else.
    // (The map records no agreements, so each also gets `no_formal_agreement`, a
    // governance finding about its footing, not its sectors.)
    for id in ["csp-e", "csp-w"] {
        let f: Vec<_> = about(id)
            .into_iter()
            .filter(|f| f.kind != "no_formal_agreement")
            .collect();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, "sector_gap");
        assert_eq!(f[0].id, format!("gap:{id}:probation"));
        assert!(f[0]
            .detail
            .contains("Probation covers them but is not a member"));
    }
    let groups = group_findings(&report.findings);
    let gap = groups
        .iter()
        .find(|g| g.kind == "sector_gap")
        .expect("a group of gaps");
    assert_eq!(gap.count, 2);
    assert_eq!(
        gap.label,
        "2 community safety partnerships have no probation member"
    );
    assert_eq!(gap.level, Level::High);
    let unrecorded = groups
        .iter()
        .find(|g| g.kind == "membership_not_recorded")
        .expect("group");
    assert_eq!(
        unrecorded.label,
        "1 community safety partnership has no recorded members"
    );
    // Every finding is in exactly one group.
    let total: usize = groups.iter().map(|g| g.count).sum();
    assert_eq!(total, report.findings.len());
}

#[test]
fn the_england_map_without_links_is_not_noise() {
    let m = england();
    let report = analyse(&m);
    assert!(report.findings.iter().all(|f| f.kind != "sector_gap"));
    let unrecorded = report
        .findings
        .iter()
        .filter(|f| f.kind == "membership_not_recorded")
        .count();
    // One per partnership (293 CSPs and 10 combined authorities), and all low.
    assert_eq!(unrecorded, 303);
    let groups = group_findings(&report.findings);
    assert!(groups.len() < 25, "{}", groups.len());
    // What a partnership officer asks first is there: police areas cut across by ICBs.
    assert!(groups.iter().any(|g| g
        .label
        .ends_with("police force areas are cut across by integrated care boards")));
}

#[test]
fn missing_and_zero_populations_fall_back_to_counting_areas() {
    let m = pmap_core::load(
        r#"{"format":"partnership-map","version":1,
  "areas":[{"code":"E07000001","name":"Empty","population":0},
           {"code":"E07000002","name":"Unknown"},
           {"code":"E07000003","name":"Town","population":500}],
  "bodies":[
    {"id":"p","name":"Police","kind":"police_force","covers":["E07000001"]},
    {"id":"f","name":"Fire","kind":"fire_authority","covers":["E07000001"]},
    {"id":"p2","name":"Police 2","kind":"police_force","covers":["E07000002","E07000003"]},
    {"id":"f2","name":"Fire 2","kind":"fire_authority","covers":["E07000002"]},
    {"id":"f3","name":"Fire 3","kind":"fire_authority","covers":["E07000003"]}]}"#,
    )
    .expect("valid")
    .model;
    let c = cell(&m, &police(), &Layer::Kind(BodyKind::FireAuthority));
    // Nobody lives in "Empty": counted as one area, it is still coterminous.
    assert_eq!(c.rows[0].class, Class::Coterminous);
    assert_eq!(c.rows[0].b[0].people_shared, None);
    // A missing population: the cell counts areas, and says so.
    assert_eq!(c.rows[1].class, Class::ContainsSeveral);
    assert!((c.rows[1].b[0].a_in_b - 0.5).abs() < 1e-12);
    assert_eq!(
        c.summary.weighting,
        pmap_core::analysis::coterminosity::Weighting::AreaCount
    );
    assert_eq!(c.summary.aligned_share, 1.0);
    for f in analyse(&m).findings {
        assert!(
            !f.detail.contains("NaN") && !f.detail.contains("-0%"),
            "{f:?}"
        );
    }
}

#[test]
fn shares_of_one_area_over_the_whole_get_a_warning() {
    let text = |second_to: &str| {
        format!(
            r#"{{"format":"partnership-map","version":1,
  "areas":[{{"code":"E07000001","name":"East","population":1000}}],
  "bodies":[
    {{"id":"a","name":"A Police","kind":"police_force","covers":[{{"area":"E07000001","share":0.7}}]}},
    {{"id":"b","name":"B Police","kind":"police_force","valid_from":"{second_to}","covers":[{{"area":"E07000001","share":0.5}}]}}]}}"#
        )
    };
    let loaded = pmap_core::load(&text("2020-01-01")).expect("a warning, not an error");
    let w: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "shares-exceed-area")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].path, "bodies[1].covers[0]");
    assert_eq!(w[0].value.as_deref(), Some("E07000001"));
    assert!(w[0].message.contains("1.2000"), "{}", w[0].message);
    // Shares that divide an area (Hart: 0.7627 + 0.2373) are fine.
    let ok = pmap_core::load(
        r#"{"format":"partnership-map","version":1,
  "areas":[{"code":"E07000089","name":"Hart","population":101542}],
  "bodies":[
    {"id":"f","name":"Frimley","kind":"icb","covers":[{"area":"E07000089","share":0.7627}]},
    {"id":"h","name":"HIOW","kind":"icb","covers":[{"area":"E07000089","share":0.2373}]}]}"#,
    )
    .expect("valid");
    assert!(ok
        .diagnostics
        .iter()
        .all(|d| d.code != "shares-exceed-area"));
}

#[test]
fn a_successor_body_does_not_add_to_its_predecessor() {
    let loaded = pmap_core::load(
        r#"{"format":"partnership-map","version":1,
  "areas":[{"code":"E07000001","name":"East","population":1000}],
  "bodies":[
    {"id":"old","name":"Old Police","kind":"police_force","valid_to":"2019-12-31","covers":["E07000001"]},
    {"id":"new","name":"New Police","kind":"police_force","valid_from":"2020-01-01","covers":["E07000001"]}]}"#,
    )
    .expect("valid");
    assert!(loaded
        .diagnostics
        .iter()
        .all(|d| d.code != "shares-exceed-area"));
}

/// A large map's report is worked out in the widget's worker and sent to the page as JSON:
/// on England (every finding, the whole atlas with its 296-area rows, the centrality of 745
/// bodies) it must read back exactly as it was, floats and all.
#[test]
fn englands_report_survives_the_trip_from_the_worker() {
    let report = analyse(&england());
    assert!(report.findings.len() > 10 && !report.atlas.cells.is_empty());
    let text = report.to_json().expect("writes");
    let back = pmap_core::findings::Report::from_json(&text).expect("reads back");
    assert_eq!(back, report);
    // Not a report: a clear message, not a panic.
    let err =
        pmap_core::findings::Report::from_json(r#"{"findings": 3}"#).expect_err("not a report");
    assert!(err.contains("invalid type"), "{err}");
}
