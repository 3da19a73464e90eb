//! Every kind of bad input gets a diagnostic that names where it is.

use pmap_core::{load, parse::parse_map, validate::validate, Diagnostic};

fn errors(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(l) => panic!(
            "expected errors, loaded with {} warnings",
            l.diagnostics.len()
        ),
        Err(d) => d,
    }
}

fn map(body: &str) -> String {
    format!(r#"{{"format":"partnership-map","version":1,{body}}}"#)
}

const AREAS: &str = r#""areas":[{"code":"E07000089","name":"Hart","population":101542},{"code":"E07000092","name":"Rushmoor","population":102908}]"#;

fn find<'a>(d: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    d.iter()
        .find(|x| x.code == code)
        .unwrap_or_else(|| panic!("no {code} in {d:#?}"))
}

#[test]
fn syntax_error_has_line_and_column() {
    let d =
        errors("{\n  \"format\": \"partnership-map\",\n  \"version\": 1,\n  \"bodies\": [ , ]\n}");
    let e = find(&d, "json-syntax");
    assert_eq!((e.line, e.column), (Some(4), Some(15)));
}

#[test]
fn wrong_format_and_newer_version_are_refused() {
    assert_eq!(
        errors(r#"{"format":"kumu","version":1}"#)[0].code,
        "wrong-format"
    );
    let d = errors(r#"{"format":"partnership-map","version":9}"#);
    assert_eq!(d[0].code, "unsupported-version");
    assert_eq!(d[0].value.as_deref(), Some("9"));
    assert_eq!(errors("[1,2]")[0].code, "not-a-map");
}

#[test]
fn unknown_area_names_the_path_value_and_line() {
    let text = map(&format!("{AREAS},\n\"bodies\":[\n{{\"id\":\"a\",\"name\":\"A\",\"kind\":\"icb\",\n\"covers\":[\"E07000089\",\"E07000093\"]}}]"));
    let d = errors(&text);
    let e = find(&d, "unknown-area");
    assert_eq!(e.path, "bodies[0].covers[1]");
    assert_eq!(e.value.as_deref(), Some("E07000093"));
    assert_eq!(e.line, Some(4));
    assert!(
        e.message.contains("did you mean E07000089")
            || e.message.contains("did you mean E07000092"),
        "{}",
        e.message
    );
}

#[test]
fn duplicate_and_unknown_ids() {
    let d = errors(&map(
        r#""bodies":[{"id":"a","name":"A","kind":"lsp"},{"id":"a","name":"B","kind":"lsp"}],
        "links":[{"from":"a","to":"nobody","kind":"member_of"}]"#,
    ));
    assert_eq!(find(&d, "duplicate-id").path, "bodies[1].id");
    let u = find(&d, "unknown-id");
    assert_eq!(u.path, "links[0].to");
    assert_eq!(u.value.as_deref(), Some("nobody"));
}

#[test]
fn typo_in_an_id_gets_a_suggestion() {
    let d = errors(&map(
        r#""bodies":[{"id":"hampshire-cc","name":"A","kind":"county_council"},{"id":"b","name":"B","kind":"lsp"}],
        "links":[{"from":"hampshire_cc","to":"b","kind":"member_of"}]"#,
    ));
    assert!(find(&d, "unknown-id")
        .message
        .contains("did you mean \"hampshire-cc\""));
}

#[test]
fn bad_dates_and_reversed_dates() {
    let d = errors(&map(
        r#""bodies":[{"id":"a","name":"A","kind":"lsp","valid_from":"31/03/2011"},
        {"id":"b","name":"B","kind":"lsp","valid_from":"2011-04-01","valid_to":"2010-04-01"},
        {"id":"c","name":"C","kind":"lsp","valid_to":"2023-02-29"}]"#,
    ));
    assert_eq!(find(&d, "bad-date").path, "bodies[0].valid_from");
    assert_eq!(find(&d, "dates-reversed").path, "bodies[1].valid_to");
    assert!(
        d.iter()
            .any(|x| x.code == "bad-date" && x.path == "bodies[2].valid_to"),
        "29 Feb 2023 does not exist"
    );
}

#[test]
fn self_links_and_cycles() {
    let d = errors(&map(
        r#""bodies":[{"id":"a","name":"A","kind":"thematic_group"},{"id":"b","name":"B","kind":"executive_board"},{"id":"c","name":"C","kind":"lsp"}],
        "links":[{"from":"a","to":"a","kind":"member_of"},
                 {"from":"a","to":"b","kind":"reports_to"},{"from":"b","to":"c","kind":"reports_to"},{"from":"c","to":"a","kind":"reports_to"}]"#,
    ));
    assert_eq!(find(&d, "self-link").path, "links[0]");
    let c = find(&d, "cycle");
    assert_eq!(c.path, "links[1]");
    assert!(c.message.contains("a → b → c"), "{}", c.message);
}

#[test]
fn shares_must_be_fractions() {
    let d = errors(&map(&format!(
        r#"{AREAS},"bodies":[{{"id":"a","name":"A","kind":"icb","covers":[{{"area":"E07000089","share":76.27}}]}}]"#
    )));
    let e = find(&d, "bad-share");
    assert_eq!(e.path, "bodies[0].covers[0].share");
    assert_eq!(e.value.as_deref(), Some("76.27"));
}

#[test]
fn wrong_types_name_the_field() {
    let d = errors(&map(
        r#""bodies":[{"id":"a","name":"A","kind":"lsp","elected":"yes"}]"#,
    ));
    let e = find(&d, "bad-field");
    assert_eq!(e.path, "bodies[0].elected");
    assert_eq!(e.value.as_deref(), Some("\"yes\""));
    let d = errors(&map(r#""links":[{"from":"a","to":"b"}]"#));
    assert!(find(&d, "bad-field")
        .message
        .contains("\"kind\" is missing"));
}

/// Paths are written out only when something is wrong (parse.rs `At`): they must still name
/// the second record, the nested entry and the key, as "bodies[1].covers[1].shre".
#[test]
fn paths_name_nested_entries_of_later_records() {
    let text = map(
        r#""areas":[{"code":"E07000084","name":"Basingstoke and Deane"}],
           "bodies":[{"id":"a","name":"A","kind":"lsp"},
                     {"id":"b","name":"B","kind":"lsp","covers":["E07000084",{"area":"E07000084","shre":0.5}]}],
           "links":[{"from":"a","to":"b","kind":"member_of"},{"from":"a","to":"b","kind":"member_of","weight":"x"}]"#,
    );
    let (_, diags) = pmap_core::parse::parse_map(&text);
    let at: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, d.path.as_str())).collect();
    assert!(
        at.contains(&("unknown-field", "bodies[1].covers[1].shre")),
        "{at:?}"
    );
    assert!(at.contains(&("unknown-field", "links[1].weight")), "{at:?}");
}

#[test]
fn unknown_fields_and_kinds_are_warnings_with_suggestions() {
    let text = map(r#""bodies":[{"id":"a","nmae":"x","name":"A","kind":"distrct_council"}]"#);
    let loaded = load(&text).expect("warnings do not stop loading");
    let w: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(w, vec!["unknown-field", "unknown-kind"]);
    assert!(loaded.diagnostics[0]
        .message
        .contains("did you mean \"name\""));
    assert!(loaded.diagnostics[1]
        .message
        .contains("did you mean \"district_council\""));
}

#[test]
fn hostile_strings_are_kept_as_text_and_values_are_shortened() {
    let evil = "<img src=x onerror=alert(1)>".repeat(20);
    let text = map(&format!(
        r#""bodies":[{{"id":"a","name":"{evil}","kind":"lsp"}}],"links":[{{"from":"a","to":"{evil}","kind":"member_of"}}]"#
    ));
    let d = errors(&text);
    let e = find(&d, "unknown-id");
    assert!(e.value.as_deref().is_some_and(|v| v.chars().count() <= 120));
    // Names are data: the model keeps them verbatim, escaping is the view's job.
    let ok = load(&map(&format!(
        r#""bodies":[{{"id":"a","name":"{evil}","kind":"lsp"}}]"#
    )))
    .expect("loads");
    assert_eq!(ok.model.bodies()[0].name, evil);
}

#[test]
fn control_characters_and_huge_ids_are_refused() {
    let d = errors(&map(
        r#""bodies":[{"id":"a\u0000b","name":"A","kind":"lsp"}]"#,
    ));
    assert_eq!(find(&d, "bad-id").path, "bodies[0].id");
    let long = "x".repeat(300);
    let d = errors(&map(&format!(
        r#""bodies":[{{"id":"{long}","name":"A","kind":"lsp"}}]"#
    )));
    assert_eq!(find(&d, "id-too-long").path, "bodies[0].id");
}

#[test]
fn enormous_files_are_refused_before_parsing() {
    let big = " ".repeat(pmap_core::parse::MAX_FILE_BYTES + 1);
    let (file, d) = parse_map(&big);
    assert!(file.is_none());
    assert_eq!(d[0].code, "file-too-large");
}

#[test]
fn dangling_target_is_a_warning_not_an_error() {
    let text = map(
        r#""agreements":[{"id":"laa","name":"LAA","kind":"LAA","targets":[{"id":"NI 116","name":"Child poverty","responsibility":"nothing"}]}]"#,
    );
    let loaded = load(&text).expect("loads");
    assert_eq!(loaded.diagnostics[0].code, "target-points-at-nothing");
    assert_eq!(
        loaded.diagnostics[0].path,
        "agreements[0].targets[0].responsibility"
    );
}

#[test]
fn validate_reports_every_problem_not_just_the_first() {
    let (file, _) = parse_map(&map(
        r#""bodies":[{"id":"","name":"","kind":"lsp"},{"id":"b","name":"B","kind":"lsp","covers":["X1"]}]"#,
    ));
    let d = validate(&file.expect("parsed"));
    let codes: Vec<&str> = d.iter().map(|x| x.code).collect();
    assert!(
        codes.contains(&"empty-id")
            && codes.contains(&"empty-name")
            && codes.contains(&"unknown-area"),
        "{codes:?}"
    );
}
