//! # pmap-core
//!
//! The pure core of Partnership Map: the data model of a local partnership, its import
//! and validation, the analyses that find coterminosity gaps and orphaned
//! responsibilities, and the network layout. It has no web dependency: the browser app,
//! the `pmap-check` command and the benchmarks all use it as it is.
//!
//! ## Conventions
//!
//! * **Identifiers are strings.** Bodies, responsibilities and agreements have author-chosen
//!   ids (`"hart-dc"`); areas are identified by their ONS GSS code (`"E07000089"`). Graph
//!   indices never leave this crate's internals.
//! * **Coverage is a share of an area's population.** A body that covers an area fully has
//!   share `1.0`; NHS Frimley ICB covers `0.7627` of Hart. Where a population is missing the
//!   analyses fall back to counting areas (each area weighs 1).
//! * **Nothing panics on user data.** Every problem in a file becomes a
//!   [`Diagnostic`](diagnostic::Diagnostic) that names where it is (a JSON path such as
//!   `bodies[12].covers[3]`, or a line and column), and the value that caused it.
//! * **Flow:** text → [`parse::parse_map`] (syntax, shape) → [`validate::validate`]
//!   (references, dates, cycles) → [`index::Model`] → [`analysis`] → [`findings`].
//!
//! ```
//! use pmap_core::load;
//! let text = r#"{"format":"partnership-map","version":1,
//!   "areas":[{"code":"E07000089","name":"Hart","kind":"lad","population":101542}],
//!   "bodies":[{"id":"hart","name":"Hart District Council","kind":"district_council",
//!              "elected":true,"covers":["E07000089"]}]}"#;
//! let loaded = load(text).expect("a valid map");
//! assert_eq!(loaded.model.bodies().len(), 1);
//! assert!(loaded.diagnostics.iter().all(|d| !d.is_error()));
//! ```
#![forbid(unsafe_code)]
// A `Diagnostic` is the error *and* the message for the user: it is returned rarely (once
// per bad file), so boxing it to shrink `Result` would only add noise.
#![allow(clippy::result_large_err)]

pub mod analysis;
pub mod autosave;
pub mod csv_template;
pub mod date;
pub mod diagnostic;
pub mod directory;
pub mod edit;
pub mod findings;
pub mod focus;
pub mod geography;
pub mod glossary;
pub mod governance;
pub mod history;
pub mod import;
pub mod index;
pub mod jsonpos;
pub mod layout;
pub mod limits;
pub mod model;
pub mod ons;
pub mod order;
pub mod parse;
pub mod proposal_picture;
pub mod reorg;
pub mod scene;
pub mod spatial;
pub mod text;
pub mod time;
pub mod validate;
pub mod viewstate;
pub mod zoom;

pub use diagnostic::{Diagnostic, Severity};
pub use index::Model;
pub use model::MapFile;

/// A map that passed validation, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The indexed, validated model.
    pub model: Model,
    /// Warnings (never errors: a map with errors is not loaded).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and validates a map file without indexing it: what the import preview shows.
/// Diagnostics are sorted errors first and carry lines and columns where known.
///
/// ```
/// let (file, diags) = pmap_core::check_map(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"a","name":"A","kind":"lsp","covers":["E99999999"]}]}"#);
/// assert!(file.is_some());
/// assert_eq!(diags[0].path, "bodies[0].covers[0]");
/// ```
pub fn check_map(text: &str) -> (Option<MapFile>, Vec<Diagnostic>) {
    let (file, mut diagnostics) = parse::parse_map(text);
    if let Some(f) = &file {
        diagnostics.extend(validate::validate(f));
    }
    jsonpos::attach_lines(text, &mut diagnostics);
    crate::order::sort_by_key(&mut diagnostics, |d| d.severity);
    (file, diagnostics)
}

/// Parses, validates and indexes a map file in one step.
///
/// # Errors
/// Returns every diagnostic found (errors and warnings) when there is at least one error;
/// the caller keeps whatever map it had.
pub fn load(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let (file, diagnostics) = check_map(text);
    match file {
        Some(file) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Loaded {
            model: Model::build(file),
            diagnostics,
        }),
        _ => Err(diagnostics),
    }
}
