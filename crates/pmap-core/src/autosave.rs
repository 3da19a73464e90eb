//! The autosave record: the **full** map (never the view filtered to an "as at" date) and
//! when it was saved, as one JSON text for the browser's local storage.
//!
//! The record is `{"saved_at": "<ISO time>", "map": <the map file>}`; it is the format the
//! widget has always written, so records saved before this module existed still recover.

use crate::diagnostic::Diagnostic;
use crate::model::MapFile;

/// The text to store for `full`, saved at `saved_at` (an ISO 8601 time, kept as given).
///
/// Pass the full file the user is editing, not a view of it: the "as at" view leaves out
/// bodies, links and agreements outside its date, and a record of it would lose them.
///
/// # Example
/// ```
/// use pmap_core::{autosave::{record, recover}, model::MapFile};
/// let full = MapFile::default();
/// let text = record(&full, "2026-11-25T18:00:00Z");
/// let (when, map) = recover(&text).unwrap();
/// assert_eq!(when, "2026-11-25T18:00:00Z");
/// assert_eq!(map, full);
/// ```
pub fn record(full: &MapFile, saved_at: &str) -> String {
    // A MapFile is plain data (strings, numbers, maps with string keys), so serialising it
    // cannot fail; the fallback keeps the signature total all the same. Written as text
    // with the same serialiser as the worker's input (not through a `Value`, which would
    // compile a third copy of the map's serialiser into the wasm).
    let map = serde_json::to_string(full).unwrap_or_else(|_| "null".into());
    let when = serde_json::Value::from(saved_at);
    format!("{{\"saved_at\":{when},\"map\":{map}}}")
}

/// Reads a record written by [`record`]: (when it was saved, the map).
///
/// # Errors
/// A diagnostic (path `autosave`, or `autosave.map…` for a map that does not read) when
/// the text is not such a record. The map is not validated here: the caller loads it like
/// any other file before showing it.
pub fn recover(text: &str) -> Result<(String, MapFile), Diagnostic> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(
            "autosave-unreadable",
            "autosave",
            format!("the autosaved map is not valid JSON: {e}"),
        )
    })?;
    let map = v.get("map").ok_or_else(|| {
        Diagnostic::error(
            "autosave-unreadable",
            "autosave",
            "the autosaved record has no map in it",
        )
    })?;
    let file: MapFile = serde_path_to_error::deserialize(map).map_err(|e| {
        Diagnostic::error(
            "autosave-unreadable",
            format!("autosave.map.{}", e.path()),
            format!("the autosaved map cannot be read: {}", e.inner()),
        )
    })?;
    let saved_at = v
        .get("saved_at")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_string();
    Ok((saved_at, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert_eq!(recover("{").expect_err("refused").path, "autosave");
        assert_eq!(recover("{}").expect_err("refused").path, "autosave");
        let e =
            recover(r#"{"map":{"format":"partnership-map","version":"x"}}"#).expect_err("refused");
        assert_eq!(e.path, "autosave.map.version");
    }
}
