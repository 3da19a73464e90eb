//! Partnership Map: the browser widget.
//!
//! The pure core ([`pmap_core`]) parses, validates and analyses a map. This crate wraps the
//! result in signals in one place ([`state`]) and draws it with Leptos components
//! ([`components`]), which never reach into analysis internals.
#![forbid(unsafe_code)]

pub mod components;
pub mod state;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The demo map, built from the ONS lookups by `pmap-demo` and committed.
pub const DEMO_MAP: &str = include_str!("../demo/hampshire.json");

/// Mounts a widget into every element with class `pm-root`, or into the body when there
/// is none.
pub fn mount_all() {
    let doc = document();
    let Ok(list) = doc.query_selector_all(".pm-root") else {
        return;
    };
    if list.length() == 0 {
        mount_to_body(|| view! { <components::App /> });
        return;
    }
    for i in 0..list.length() {
        if let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            mount_to(el, || view! { <components::App /> }).forget();
        }
    }
}
