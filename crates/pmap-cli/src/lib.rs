//! Shared helpers for the command-line tools.

use std::path::{Path, PathBuf};

/// The ONS data folder: `$PMAP_ONS_DIR`, else `../shared/data/ons` beside the workspace.
pub fn ons_dir() -> PathBuf {
    if let Ok(d) = std::env::var("PMAP_ONS_DIR") {
        return PathBuf::from(d);
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.join("../../../shared/data/ons")
}

/// Reads one ONS file, naming it in the error.
///
/// # Errors
/// When the file cannot be read.
pub fn read_ons(dir: &Path, name: &str) -> Result<String, String> {
    let p = dir.join(name);
    std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

pub mod grouping;
