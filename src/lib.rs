//! Partnership Map: the browser widget.
//!
//! The pure core ([`pmap_core`]) parses, validates and analyses a map. This crate wraps the
//! result in signals in one place ([`state`]) and draws it with Leptos components
//! ([`components`]), which never reach into analysis internals.
#![forbid(unsafe_code)]

pub mod components;
pub mod embed;
pub mod state;
pub mod worker;

/// The demo map, built from the ONS lookups by `pmap-demo` and committed. Only the
/// stand-alone [`components::App`] and the tests compile it in; the embedded widget fetches
/// `hampshire.json` beside its loader, which keeps 119 KB out of the WebAssembly.
pub const DEMO_MAP: &str = include_str!("../demo/hampshire.json");

/// Called once per WebAssembly instance (by `main`): installs the panic hook that keeps a
/// crash inside its own widget.
pub fn start() {
    embed::install_panic_hook();
}
