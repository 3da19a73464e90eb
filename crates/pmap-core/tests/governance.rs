//! Governance health (issue 13): partnership load, formal footing, partnership types and
//! pooled budgets, on small hand-built maps. Every expected count is worked out by hand in
//! the comments.

use pmap_core::analysis::budgets::{budget_checks, funding_links};
use pmap_core::analysis::load::{load_per_body, load_per_person};
use pmap_core::analysis::statutory::Rule;
use pmap_core::csv_template::{from_csv, to_csv};
use pmap_core::findings::{analyse, Category, Finding, Level};
use pmap_core::parse::parse_map;
use pmap_core::validate::validate;
use pmap_core::{load, Model, Severity};

fn model(json: &str) -> Model {
    match load(json) {
        Ok(l) => l.model,
        Err(d) => panic!("the test map should load: {d:#?}"),
    }
}

fn of_kind(m: &Model, kind: &str) -> Vec<Finding> {
    analyse(m)
        .findings
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

/// Seven districts E1..E7 (100 people each), each with its own CSP; one police force, one
/// county council and ICB 1 over all seven; ICB 2 over 5% of E7 only; one health and
/// wellbeing board over all seven. The police sit on CSPs 1 and 2 only. A chief
/// superintendent sits on CSPs 1 to 6 and on the county council (not a board).
fn load_map(threshold: Option<u32>) -> String {
    let areas: Vec<String> = (1..=7)
        .map(|i| format!(r#"{{"code":"E{i}","name":"District {i}","population":100}}"#))
        .collect();
    let csps: Vec<String> = (1..=7)
        .map(|i| {
            format!(
                r#"{{"id":"csp{i}","name":"CSP {i}","kind":"community_safety_partnership","covers":["E{i}"]}}"#
            )
        })
        .collect();
    let all = r#"["E1","E2","E3","E4","E5","E6","E7"]"#;
    let meta = threshold.map_or(String::new(), |t| {
        format!(r#""meta":{{"load_threshold":{t}}},"#)
    });
    format!(
        r#"{{"format":"partnership-map","version":1,{meta}
        "areas":[{areas}],
        "bodies":[{csps},
          {{"id":"police","name":"Police","kind":"police_force","covers":{all}}},
          {{"id":"cc","name":"County","kind":"county_council","elected":true,"covers":{all}}},
          {{"id":"icb1","name":"ICB 1","kind":"icb","covers":["E1","E2","E3","E4","E5","E6",{{"area":"E7","share":0.95}}]}},
          {{"id":"icb2","name":"ICB 2","kind":"icb","covers":[{{"area":"E7","share":0.05}}]}},
          {{"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board","covers":{all}}}],
        "links":[{{"from":"police","to":"csp1","kind":"member_of"}},{{"from":"police","to":"csp2","kind":"member_of"}}],
        "people":[{{"id":"supt","name":"Chief Superintendent","body":"police","role":"District commander",
                    "seats":["csp1","csp2","csp3","csp4","csp5","csp6","cc"]}}]}}"#,
        areas = areas.join(","),
        csps = csps.join(","),
    )
}

#[test]
fn load_lists_required_and_actual_boards_by_the_any_part_rule() {
    let m = model(&load_map(None));
    let loads = load_per_body(&m);
    let get = |id: &str| {
        loads
            .iter()
            .find(|l| l.body == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Police: a responsible authority (s5) of all 7 CSPs; not an HWB member. Sits on 2.
    let police = get("police");
    assert_eq!(police.required.len(), 7);
    assert!(police
        .required
        .iter()
        .all(|r| r.rule == Rule::CrimeAndDisorderAct1998S5));
    assert_eq!(police.actual, vec!["csp1", "csp2"]);
    assert_eq!(police.load(), 7);
    assert_eq!(police.missing().len(), 5);
    // One CSP per police area: 7 boards − 1 police area it spans = 6 seats saved.
    assert_eq!(police.saved(), 6);
    // ICB 2 covers only 5% of E7, but any part is enough: CSP 7 (s5) and the HWB (s194).
    let icb2 = get("icb2");
    assert_eq!(icb2.boards, vec!["csp7", "hwb"]);
    assert_eq!(icb2.required[1].rule, Rule::HealthAndSocialCareAct2012S194);
    // ICB 1: 7 CSPs + the HWB = 8. CSPs: 7 − 1 police area = 6 saved; HWB: 1 − 1 = 0.
    let icb1 = get("icb1");
    assert_eq!(icb1.load(), 8);
    assert_eq!(icb1.saved(), 6);
    // The county: all 7 CSPs (s5 names the county in two-tier areas) + the HWB = 8.
    assert_eq!(get("cc").load(), 8);
    // A CSP must sit on nothing.
    assert_eq!(get("csp1").load(), 0);
}

#[test]
fn partnership_load_findings_follow_the_threshold() {
    // Threshold 5: police (7), ICB 1 (8), county (8) and the superintendent (6 boards: CSPs
    // 1–6; the county council is not a board) are over it; ICB 2 (2) is not. 4 findings.
    let m = model(&load_map(None));
    let f = of_kind(&m, "partnership_load");
    assert_eq!(f.len(), 4, "{f:#?}");
    assert!(f.iter().all(|x| x.category == Category::Governance));
    let police = f.iter().find(|x| x.id == "load:police").expect("police");
    assert_eq!(police.title, "Police is expected at 7 boards");
    assert!(
        police.detail.contains("would save 6 seats"),
        "{}",
        police.detail
    );
    assert!(police.detail.contains("Crime and Disorder Act 1998 s5"));
    // 7 is not more than twice 5: low.
    assert_eq!(police.level, Level::Low);
    assert_eq!(police.bodies.len(), 1 + 7);
    let supt = f
        .iter()
        .find(|x| x.id == "load:person:supt")
        .expect("person");
    assert!(supt.title.contains("sits on 6 boards"), "{}", supt.title);
    // The superintendent works for the police: one police area, so 6 CSPs − 1 = 5 saved.
    assert!(
        supt.detail.contains("would save 5 seats"),
        "{}",
        supt.detail
    );
    assert_eq!(load_per_person(&m)[0].saved(), 5);

    // Threshold 7: police (7) is not over it; ICB 1 and the county (8) are; the person (6)
    // is not. 2 findings.
    let m = model(&load_map(Some(7)));
    let ids: Vec<String> = of_kind(&m, "partnership_load")
        .into_iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(ids, vec!["load:cc", "load:icb1"]);
}

#[test]
fn load_counts_boards_no_law_requires() {
    // A business on six thematic groups: none is a statutory board, so required = 0,
    // actual = 6 > 5: one finding, and aligning saves nothing (groups have no unit).
    let groups: Vec<String> = (1..=6)
        .map(|i| format!(r#"{{"id":"g{i}","name":"Group {i}","kind":"thematic_group"}}"#))
        .collect();
    let links: Vec<String> = (1..=6)
        .map(|i| format!(r#"{{"from":"biz","to":"g{i}","kind":"member_of"}}"#))
        .collect();
    let m = model(&format!(
        r#"{{"format":"partnership-map","version":1,
        "bodies":[{{"id":"biz","name":"Chamber","kind":"business"}},{}],"links":[{}]}}"#,
        groups.join(","),
        links.join(",")
    ));
    let f = of_kind(&m, "partnership_load");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].detail
            .contains("No law requires it to sit on any of them. It sits on 6 boards:"),
        "{}",
        f[0].detail
    );
    assert!(!f[0].detail.contains("aligned"), "{}", f[0].detail);
}

#[test]
fn no_formal_agreement_lists_partnerships_no_agreement_names() {
    // Partnerships: lsp, board, group, csp, csp2 (5) and a skills area (left out). The terms
    // of reference name lsp and board; the s75 names only the council. csp2 has no recorded
    // members, so it is left to `membership_not_recorded`. Left: group and csp = 2.
    let m = model(
        r#"{"format":"partnership-map","version":1,
        "bodies":[{"id":"lsp","name":"LSP","kind":"lsp"},
          {"id":"board","name":"Board","kind":"executive_board"},
          {"id":"group","name":"Group","kind":"thematic_group"},
          {"id":"csp","name":"CSP","kind":"community_safety_partnership"},
          {"id":"csp2","name":"CSP 2","kind":"community_safety_partnership"},
          {"id":"lsip","name":"Skills area","kind":"skills_area"},
          {"id":"cc","name":"Council","kind":"county_council","elected":true}],
        "links":[{"from":"cc","to":"lsp","kind":"member_of"},{"from":"cc","to":"board","kind":"member_of"},
          {"from":"cc","to":"group","kind":"member_of"},{"from":"cc","to":"csp","kind":"member_of"}],
        "agreements":[
          {"id":"tor","name":"Terms of reference","kind":"terms_of_reference","parties":["lsp","board"]},
          {"id":"s75","name":"Pooled fund","kind":"section_75","parties":["cc"]}]}"#,
    );
    let f = of_kind(&m, "no_formal_agreement");
    let ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, vec!["no-agreement:csp", "no-agreement:group"]);
    assert!(f[0].why.contains("60%") && f[0].why.contains("22%"));
    assert!(f[0]
        .why
        .contains("Governing partnerships: bridging the accountability gap"));
}

#[test]
fn advisory_holds_lead_names_the_duties_it_leads() {
    // adv (advisory) leads r1 (statutory) and r2, and contributes to r4; lab (laboratory)
    // leads r3. Only adv is advisory: 1 finding, on r1 and r2, high because r1 is statutory.
    let m = model(
        r#"{"format":"partnership-map","version":1,
        "bodies":[{"id":"adv","name":"Forum","kind":"lsp","partnership_type":"advisory"},
          {"id":"lab","name":"Lab","kind":"thematic_group","partnership_type":"laboratory"}],
        "responsibilities":[
          {"id":"r1","name":"Duty one","statutory":true,"owners":[{"body":"adv","role":"lead"}]},
          {"id":"r2","name":"Duty two","owners":[{"body":"adv","role":"lead"}]},
          {"id":"r3","name":"Duty three","owners":[{"body":"lab","role":"lead"}]},
          {"id":"r4","name":"Duty four","owners":[{"body":"adv","role":"contributes"}]}]}"#,
    );
    let f = of_kind(&m, "advisory_holds_lead");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].responsibilities, vec!["r1", "r2"]);
    assert_eq!(f[0].level, Level::High);
    assert_eq!(
        f[0].title,
        "Forum is advisory but leads “Duty one” and “Duty two”"
    );
}

#[test]
fn commissioning_without_accountability_needs_a_budget_and_a_route() {
    // c1: holds a budget, accountable to the council: fine.
    // c2: no budget, accountable to the council: flagged (no budget).
    // c3: funded by the council, but no accountability link: flagged (no route).
    // c4: neither: flagged (both).
    // c5: advisory, neither: not commissioning, so not flagged. 3 findings.
    let m = model(
        r#"{"format":"partnership-map","version":1,
        "bodies":[{"id":"cc","name":"Council","kind":"county_council","elected":true},
          {"id":"c1","name":"C1","kind":"executive_board","partnership_type":"commissioning"},
          {"id":"c2","name":"C2","kind":"executive_board","partnership_type":"commissioning"},
          {"id":"c3","name":"C3","kind":"executive_board","partnership_type":"commissioning"},
          {"id":"c4","name":"C4","kind":"executive_board","partnership_type":"commissioning"},
          {"id":"c5","name":"C5","kind":"executive_board","partnership_type":"advisory"}],
        "links":[{"from":"c1","to":"cc","kind":"accountable_to"},{"from":"c2","to":"cc","kind":"accountable_to"},
                 {"from":"cc","to":"c3","kind":"funds"}],
        "budgets":[{"id":"b","name":"Fund","held_by":"c1"}]}"#,
    );
    let f = of_kind(&m, "commissioning_without_accountability");
    let titles: Vec<&str> = f.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "C2 commissions without a budget",
            "C3 commissions without a route to anyone local people elect",
            "C4 commissions without a budget or a route to anyone local people elect",
        ]
    );
}

const BUDGET_MAP: &str = r#"{"format":"partnership-map","version":1,
  "bodies":[{"id":"cc","name":"County","kind":"county_council","elected":true},
    {"id":"icb","name":"ICB","kind":"icb"},
    {"id":"trust","name":"Trust","kind":"nhs_trust"},
    {"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board"},
    {"id":"group","name":"Group","kind":"thematic_group"}],
  "links":[{"from":"cc","to":"hwb","kind":"chairs"},{"from":"icb","to":"hwb","kind":"member_of"},
           {"from":"hwb","to":"cc","kind":"accountable_to"}],
  "budgets":[
    {"id":"b1","name":"Better Care Fund","amount":100,"currency":"GBP","legal_basis":"NHS Act 2006 s75",
     "held_by":"cc","governed_by":"hwb",
     "contributions":[{"body":"cc","amount":40},{"body":"icb","amount":50},{"body":"trust","amount":10}]},
    {"id":"b2","name":"Group fund","held_by":"group","contributions":[{"body":"icb","amount":5}]},
    {"id":"b3","name":"Unheld fund","governed_by":"hwb","contributions":[{"body":"icb"}]},
    {"id":"b4","name":"ICB fund","amount":5,"held_by":"icb","governed_by":"hwb","contributions":[{"body":"icb","amount":5}]}]}"#;

#[test]
fn pooled_budgets_need_an_accountable_holder_and_contributors_at_the_table() {
    let m = model(BUDGET_MAP);
    // b1: held by the (elected) county: accountable. b2: held by a group with no
    // accountability link: not. b3: no holder: not. b4: the ICB is a member of the HWB,
    // which is accountable to the county: accountable. So 2 unaccountable.
    let f = of_kind(&m, "pooled_budget_unaccountable");
    let ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["budget-unaccountable:b2", "budget-unaccountable:b3"]
    );
    assert_eq!(f[1].title, "Nobody is recorded as holding “Unheld fund”");
    // b1 is governed by the HWB: the county chairs it and the ICB is a member; the trust is
    // neither. b2 has no governing partnership. b3's and b4's only contributor, the ICB, is
    // a member. So 1 finding, naming the trust.
    let g = of_kind(&m, "contributor_not_at_table");
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].bodies, vec!["hwb", "trust"]);
    assert!(g[0].detail.contains("Trust (£10)"), "{}", g[0].detail);
    assert!(g[0].detail.contains("“Better Care Fund” (£100)"));
    // Funding links: b1 icb→cc, trust→cc (the county's own share is not a link); b2
    // icb→group; b3 (no holder) icb→hwb; b4 the ICB pays itself: none. 4 links.
    let links = funding_links(&m);
    assert_eq!(links.len(), 4);
    assert_eq!(budget_checks(&m)[0].contributed, 100.0);
}

#[test]
fn governance_findings_appear_in_pmap_check_order_and_counts() {
    let m = model(BUDGET_MAP);
    let r = analyse(&m);
    // 2 unaccountable + 1 not at table + no agreement for hwb (1) = 4. The group has no
    // recorded members, so it gets `membership_not_recorded`, not `no_formal_agreement`.
    assert_eq!(r.counts.get(&Category::Governance), Some(&4));
}

#[test]
fn validation_names_the_path_of_each_problem() {
    let (file, parse_diags) = parse_map(
        r#"{"format":"partnership-map","version":1,"meta":{"load_threshold":0},
        "bodies":[{"id":"lsp","name":"LSP","kind":"lsp","partnership_type":"advisry"},
          {"id":"cc","name":"Council","kind":"county_council","partnership_type":"advisory"}],
        "people":[{"id":"p","name":"Pat","body":"nobody","seats":["lsp","ghost","cc"],"seet":1}],
        "budgets":[
          {"id":"b","name":"B","amount":-5,"currency":"pounds","valid_from":"2024-13-01",
           "held_by":"nobody","governed_by":"cc",
           "contributions":[{"body":"ghost"},{"body":"cc","amount":-1}]},
          {"id":"c","name":"C","amount":100,"contributions":[{"body":"cc","amount":60},{"body":"lsp","amount":50}]},
          {"id":"c","name":"D"}]}"#,
    );
    let file = file.expect("parsed");
    assert!(parse_diags
        .iter()
        .any(|d| d.code == "unknown-field" && d.path == "people[0].seet"));
    let d = validate(&file);
    let has = |sev: Severity, code: &str, path: &str| {
        assert!(
            d.iter()
                .any(|x| x.severity == sev && x.code == code && x.path == path),
            "no {sev:?} {code} at {path}: {d:#?}"
        );
    };
    use Severity::{Error, Warning};
    has(Error, "bad-threshold", "meta.load_threshold");
    has(
        Warning,
        "unknown-partnership-type",
        "bodies[0].partnership_type",
    );
    has(Warning, "not-a-partnership", "bodies[1].partnership_type");
    has(Error, "unknown-id", "people[0].body");
    has(Error, "unknown-id", "people[0].seats[1]");
    has(Warning, "seat-not-partnership", "people[0].seats[2]");
    has(Error, "negative-amount", "budgets[0].amount");
    has(Warning, "bad-currency", "budgets[0].currency");
    has(Error, "bad-date", "budgets[0].valid_from");
    has(Error, "unknown-id", "budgets[0].held_by");
    has(
        Warning,
        "governor-not-partnership",
        "budgets[0].governed_by",
    );
    has(Error, "unknown-id", "budgets[0].contributions[0].body");
    has(
        Error,
        "negative-amount",
        "budgets[0].contributions[1].amount",
    );
    // 60 + 50 = 110 > 100.
    has(
        Warning,
        "contributions-exceed-amount",
        "budgets[1].contributions",
    );
    has(Error, "duplicate-id", "budgets[2].id");
    let hint = d
        .iter()
        .find(|x| x.code == "unknown-partnership-type")
        .expect("hint");
    assert!(hint.message.contains("did you mean \"advisory\""));
}

const FULL: &str = r#"{"format":"partnership-map","version":1,"meta":{"title":"T","load_threshold":3},
  "bodies":[{"id":"cc","name":"County","kind":"county_council","elected":true},
    {"id":"icb","name":"ICB","kind":"icb"},
    {"id":"hwb","name":"HWB","kind":"health_and_wellbeing_board","partnership_type":"commissioning"},
    {"id":"lsp","name":"LSP","kind":"lsp","partnership_type":"community_empowerment"}],
  "links":[{"from":"cc","to":"hwb","kind":"chairs"}],
  "agreements":[{"id":"s75","name":"BCF s75","kind":"section_75","parties":["cc","icb","hwb"]}],
  "people":[{"id":"dph","name":"Director of Public Health","body":"cc","role":"Director","seats":["hwb","lsp"],"illustrative":true}],
  "budgets":[{"id":"bcf","name":"Better Care Fund","amount":12500000,"currency":"GBP",
    "valid_from":"2024-04-01","valid_to":"2025-03-31","legal_basis":"NHS Act 2006 s75",
    "held_by":"cc","governed_by":"hwb",
    "contributions":[{"body":"icb","amount":9000000.5},{"body":"cc"}],"illustrative":true}]}"#;

#[test]
fn new_fields_round_trip_through_json() {
    let m = model(FULL);
    let text = serde_json::to_string(m.file()).expect("json");
    // Whole amounts stay whole numbers; fractions keep their fraction.
    assert!(text.contains(r#""amount":12500000,"#), "{text}");
    assert!(text.contains(r#""amount":9000000.5"#), "{text}");
    let again = model(&text);
    assert_eq!(again.file(), m.file());
    assert_eq!(m.file().meta.load_threshold, Some(3));
    assert_eq!(m.file().people.len(), 1);
    assert_eq!(m.file().budgets[0].contributions.len(), 2);
    // A file without the new records writes none of them.
    let plain = model(r#"{"format":"partnership-map","version":1}"#);
    let text = serde_json::to_string(plain.file()).expect("json");
    assert!(
        !text.contains("people") && !text.contains("budgets") && !text.contains("load_threshold")
    );
}

#[test]
fn new_fields_round_trip_through_the_csv_template() {
    let m = model(FULL);
    let csv = to_csv(m.file());
    assert!(csv.bodies.contains("partnership_type"));
    assert!(
        csv.budgets.contains("icb: 9000000.5; cc"),
        "{}",
        csv.budgets
    );
    let files = [
        ("bodies.csv", csv.bodies.as_str()),
        ("people.csv", csv.people.as_str()),
        ("budgets.csv", csv.budgets.as_str()),
    ];
    let base = pmap_core::MapFile {
        agreements: m.file().agreements.clone(),
        links: m.file().links.clone(),
        meta: m.file().meta.clone(),
        ..Default::default()
    };
    let (back, diags) = from_csv(&files, &base);
    assert!(diags.is_empty(), "{diags:?}");
    let back = back.expect("file");
    assert_eq!(back.bodies, m.file().bodies);
    assert_eq!(back.people, m.file().people);
    assert_eq!(back.budgets, m.file().budgets);
}

#[test]
fn a_bad_amount_in_budgets_csv_names_the_row_and_column() {
    let text = "id,name,amount,contributions\r\nbcf,Better Care Fund,lots,icb: 5\r\nx,X,\"£1,000\",\r\ny,Y,,cc: much\r\n";
    let (_, diags) = from_csv(&[("budgets.csv", text)], &Default::default());
    let at: Vec<(&str, &str)> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.path.as_str()))
        .collect();
    // Row 2: "lots" is not a number. Row 3: "£1,000" is. Row 4: "much" is not. 2 errors.
    assert_eq!(
        at,
        vec![
            ("bad-amount", "budgets.csv row 2, column amount"),
            ("bad-amount", "budgets.csv row 4, column contributions"),
        ]
    );
}

#[test]
fn renaming_and_forgetting_a_body_reach_every_person_and_budget_reference() {
    // In FULL, cc is: the person's body, the budget's holder and a contributor = 3
    // references; hwb is: a seat and the budget's governor = 2.
    let m = model(FULL);
    let mut f = m.file().clone();
    let refs = |f: &pmap_core::MapFile, id: &str| {
        let people = f
            .people
            .iter()
            .flat_map(|p| p.body.iter().chain(&p.seats))
            .filter(|x| *x == id)
            .count();
        let budgets = f
            .budgets
            .iter()
            .flat_map(|b| {
                b.held_by
                    .iter()
                    .chain(&b.governed_by)
                    .chain(b.contributions.iter().map(|c| &c.body))
            })
            .filter(|x| *x == id)
            .count();
        people + budgets
    };
    assert_eq!((refs(&f, "cc"), refs(&f, "hwb")), (3, 2));
    for p in &mut f.people {
        p.rename_body("cc", "county");
    }
    for b in &mut f.budgets {
        b.rename_body("cc", "county");
    }
    assert_eq!((refs(&f, "cc"), refs(&f, "county")), (0, 3));
    for p in &mut f.people {
        p.forget_body("hwb");
    }
    for b in &mut f.budgets {
        b.forget_body("hwb");
    }
    assert_eq!(refs(&f, "hwb"), 0);
    assert_eq!(f.budgets.len(), 1, "the budget itself stays");
}

#[test]
fn validation_paths_map_to_the_new_csv_files() {
    use pmap_core::csv_template::read_template;
    // budgets.csv: header on line 1, a blank line 2, the first budget on line 3.
    let budgets = "id,name,amount,contributions\n\nb1,Fund,100,cc: 10; icb: 5\n";
    // people.csv: header, then three people on lines 2, 3 and 4.
    let people = "id,name,seats\np1,A,\np2,B,\np3,C,board\n";
    let t = read_template(
        &[("budgets.csv", budgets), ("people.csv", people)],
        &pmap_core::model::MapFile::default(),
    );
    assert_eq!(
        t.rows.locate("budgets[0].contributions[1].amount"),
        "budgets.csv row 3, column contributions"
    );
    assert_eq!(
        t.rows.locate("people[2].seats[0]"),
        "people.csv row 4, column seats"
    );
}

#[test]
fn as_at_leaves_out_budgets_outside_their_dates() {
    let m = model(FULL);
    let on = |d: &str| pmap_core::date::Date::parse(d).expect("date");
    let then = pmap_core::time::as_at(m.file(), on("2023-01-01"));
    assert!(then.budgets.is_empty());
    let now = pmap_core::time::as_at(m.file(), on("2024-06-01"));
    assert_eq!(now.budgets.len(), 1);
}

mod properties {
    use pmap_core::model::{Budget, Contribution, MapFile};
    use proptest::prelude::*;

    fn budget(amount: f64, share: f64) -> MapFile {
        MapFile {
            budgets: vec![Budget {
                id: "b".into(),
                name: "B".into(),
                amount: Some(amount),
                currency: None,
                valid_from: None,
                valid_to: None,
                legal_basis: None,
                held_by: None,
                governed_by: None,
                contributions: vec![Contribution {
                    body: "x".into(),
                    amount: Some(share),
                }],
                illustrative: false,
            }],
            ..MapFile::default()
        }
    }

    proptest! {
        /// Whole amounts are written as integers and fractions as decimals; either way the
        /// value read back is the value written.
        #[test]
        fn amounts_round_trip(whole in 0u64..9_000_000_000_000_000, cents in 0u32..100, frac in 0.0f64..1e12) {
            #[allow(clippy::cast_precision_loss)]
            let w = whole as f64;
            let f = budget(w, frac + f64::from(cents) / 100.0);
            let text = serde_json::to_string(&f).expect("json");
            let back: MapFile = serde_json::from_str(&text).expect("read back");
            prop_assert_eq!(back, f);
        }

        /// Every board in a body's load is one it must or does sit on, and the saving never
        /// exceeds the load.
        #[test]
        fn load_is_required_union_actual(members in prop::collection::vec((0usize..6, 0usize..4), 0..20)) {
            // Four CSPs over areas E0..E3, six service bodies over all of them.
            let kinds = ["police_force", "icb", "fire_authority", "probation", "county_council", "business"];
            let mut bodies: Vec<String> = (0..4).map(|i| format!(
                r#"{{"id":"c{i}","name":"C{i}","kind":"community_safety_partnership","covers":["E{i}"]}}"#)).collect();
            bodies.extend(kinds.iter().enumerate().map(|(i, k)| format!(
                r#"{{"id":"s{i}","name":"S{i}","kind":"{k}","covers":["E0","E1","E2","E3"]}}"#)));
            let mut links: Vec<String> = members.iter().map(|(s, c)| format!(
                r#"{{"from":"s{s}","to":"c{c}","kind":"member_of"}}"#)).collect();
            pmap_core::order::sort(&mut links);
            links.dedup();
            let areas: Vec<String> = (0..4).map(|i| format!(r#"{{"code":"E{i}","name":"A{i}"}}"#)).collect();
            let text = format!(r#"{{"format":"partnership-map","version":1,"areas":[{}],"bodies":[{}],"links":[{}]}}"#,
                areas.join(","), bodies.join(","), links.join(","));
            let m = pmap_core::load(&text).expect("loads").model;
            for l in pmap_core::analysis::load::load_per_body(&m) {
                for b in &l.boards {
                    prop_assert!(l.actual.contains(b) || l.required.iter().any(|r| &r.board == b));
                }
                prop_assert!(l.saved() <= l.load());
                // Every service body but the business must sit on all 4 CSPs.
                if l.body.starts_with('s') && l.body != "s5" {
                    prop_assert_eq!(l.required.len(), 4);
                    prop_assert_eq!(l.saved(), 3);
                }
            }
        }
    }
}
