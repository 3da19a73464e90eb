//! DOM tests of the widget's components, run in headless Chromium by wasm-bindgen-test
//! (`cargo test -p partnership-map --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, prelude::*, task::tick};
use partnership_map::components::{provide_widget_context, Widget};
use partnership_map::state::AppState;
use std::sync::Mutex;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small real map: Hart and Rushmoor, split between two ICBs (ONS LSOA shares), and a
/// board with only one of them as a member.
const MAP: &str = r#"{"format":"partnership-map","version":1,
 "meta":{"title":"Test map"},
 "areas":[{"code":"E07000089","name":"Hart","population":101542},
          {"code":"E07000092","name":"Rushmoor","population":102908}],
 "bodies":[
  {"id":"board","name":"Test Board","kind":"executive_board","covers":["E07000089","E07000092"]},
  {"id":"hiow","name":"NHS Hampshire and Isle of Wight Integrated Care Board","kind":"icb","covers":[{"area":"E07000089","share":0.2373}]},
  {"id":"frimley","name":"NHS Frimley Integrated Care Board","kind":"icb","covers":[{"area":"E07000089","share":0.7627},"E07000092"]},
  {"id":"cc","name":"Hampshire County Council","kind":"county_council","elected":true,"covers":["E07000089","E07000092"]}],
 "links":[{"from":"hiow","to":"board","kind":"member_of"},{"from":"cc","to":"board","kind":"member_of"},
          {"from":"board","to":"cc","kind":"accountable_to"}]}"#;

static STATE: Mutex<Option<AppState>> = Mutex::new(None);

fn mount() -> (web_sys::Element, AppState) {
    let doc = document();
    let section = doc.create_element("section").expect("section");
    doc.body()
        .expect("body")
        .append_child(&section)
        .expect("append");
    let handle = mount_to(section.clone().unchecked_into(), || {
        let st = provide_widget_context();
        assert!(st.load_text(MAP), "the test map loads");
        *STATE.lock().expect("lock") = Some(st);
        view! { <Widget /> }
    });
    handle.forget();
    let st = STATE.lock().expect("lock").take().expect("state");
    (section, st)
}

fn classes_of(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-id"))
        .collect()
}

#[wasm_bindgen_test]
async fn clicking_a_finding_highlights_its_bodies() {
    let (root, _st) = mount();
    tick().await;
    let split = root
        .query_selector("[data-finding=\"split:E07000089:icb\"] button")
        .expect("query")
        .expect("the Hart split is listed");
    assert_eq!(
        split.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    split.unchecked_ref::<web_sys::HtmlElement>().click();
    tick().await;
    assert_eq!(split.get_attribute("aria-pressed").as_deref(), Some("true"));
    let mut on = classes_of(&root, ".pm-node--on");
    pmap_core::order::sort(&mut on);
    assert_eq!(on, vec!["frimley".to_string(), "hiow".to_string()]);
    assert_eq!(
        classes_of(&root, ".pm-node--dim"),
        vec!["board".to_string(), "cc".to_string()]
    );
}

#[wasm_bindgen_test]
async fn a_bad_file_is_reported_and_the_map_is_kept() {
    let (root, st) = mount();
    tick().await;
    let title = || {
        root.query_selector(".pm-title")
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
    };
    assert_eq!(title().as_deref(), Some("Test map"));
    let bad = MAP.replace("\"E07000092\"]},", "\"E99999999\"]},");
    assert!(!st.load_text(&bad));
    tick().await;
    assert_eq!(
        title().as_deref(),
        Some("Test map"),
        "the map on screen is unchanged"
    );
    let alert = root
        .query_selector("[role=alert]")
        .expect("query")
        .expect("an alert is shown");
    let text = alert.text_content().unwrap_or_default();
    assert!(
        text.contains("bodies[0].covers[1]"),
        "names the field: {text}"
    );
    assert!(text.contains("E99999999"), "names the value: {text}");
}

#[wasm_bindgen_test]
async fn selecting_a_body_shows_its_accountability_path() {
    let (root, st) = mount();
    tick().await;
    st.select(Some("board".to_string()));
    tick().await;
    let card = root
        .query_selector(".pm-details")
        .expect("query")
        .expect("details shown");
    let text = card.text_content().unwrap_or_default();
    assert!(
        text.contains("Test Board → Hampshire County Council"),
        "{text}"
    );
    let live = root
        .query_selector("[role=status]")
        .expect("query")
        .expect("live region");
    assert_eq!(live.text_content().as_deref(), Some("Selected Test Board"));
}
