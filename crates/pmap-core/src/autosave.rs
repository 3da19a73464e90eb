//! The autosave record: the **whole** map file (every date, whatever "as at" shows) and
//! when it was saved, as one JSON text for localStorage.

use crate::model::MapFile;

/// The record to store: `{"saved_at": …, "map": …}`.
pub fn record(full: &MapFile, saved_at: &str) -> String {
    serde_json::json!({ "saved_at": saved_at, "map": full }).to_string()
}

/// Reads a record back: (when it was saved, the map).
///
/// # Errors
/// A message when the text is not a record this version wrote.
pub fn recover(text: &str) -> Result<(String, MapFile), String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let map = v.get("map").ok_or("no map in the autosave record")?;
    let file: MapFile = serde_json::from_value(map.clone()).map_err(|e| e.to_string())?;
    let at = v.get("saved_at").and_then(|s| s.as_str()).unwrap_or("");
    Ok((at.to_string(), file))
}
