//! `pmap-check --grouping`: reading a partition from the command line and printing a
//! [`PartitionReport`] as JSON.
//!
//! The JSON shape (also what `--suggest` prints, with `exact`, `complete`, `ms` and
//! `contiguity` (`"enforced"`, `"not enforced"` or `"unknown"`) added):
//!
//! ```text
//! {"score": 0.79,
//!  "kinds": [{"kind", "group_side", "service_side", "score",
//!             "services": [{"id", "people", "groups", "main_group", "main_share", "outside_main"}]}],
//!  "groups": [{"areas": [codes], "population", "contiguous": null | bool,
//!              "kinds": [{"kind", "class", "main_body", "main_share", "value",
//!                         "bodies": [{"id", "inside", "outside"}]}]}]}
//! ```
//!
//! Kinds are the file format's kind names; classes are the atlas's (`coterminous`,
//! `inside`, `contains_several`, `partly_covered`, `misaligned`, `uncovered`). `value` is
//! the group side of the score; `main_group` is an index into `groups`.

use pmap_core::index::AreaIx;
use pmap_core::model::BodyKind;
use pmap_core::Model;

/// Reads `CODE,CODE;CODE,CODE` (groups separated by `;`, areas by `,`) into the areas, in
/// order, and each one's group number.
///
/// # Errors
/// An unknown (or replaced) area code, an area given twice, or an empty group.
pub fn parse_grouping(model: &Model, text: &str) -> Result<(Vec<AreaIx>, Vec<usize>), String> {
    let mut areas = Vec::new();
    let mut assign = Vec::new();
    for (g, group) in text.split(';').enumerate() {
        let codes: Vec<&str> = group
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if codes.is_empty() {
            return Err(format!("group {} of --grouping has no area codes", g + 1));
        }
        for code in codes {
            let Some(x) = model.area_index(code) else {
                let hint = pmap_core::reorg::replacement(code)
                    .map(|s| {
                        format!(
                            " (it was replaced in {} by {} ({}))",
                            s.year, s.new_code, s.new_name
                        )
                    })
                    .unwrap_or_default();
                return Err(format!(
                    "unknown area code {code} in --grouping: the map has no such area{hint}"
                ));
            };
            if areas.contains(&x) {
                return Err(format!(
                    "area {code} is given twice in --grouping: each area belongs to one group"
                ));
            }
            areas.push(x);
            assign.push(g);
        }
    }
    Ok((areas, assign))
}

/// Reads `--kinds` (comma-separated kind names).
///
/// # Errors
/// A name that is not a body kind.
pub fn parse_kinds(text: &str) -> Result<Vec<BodyKind>, String> {
    let mut kinds = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match BodyKind::from(name.to_string()) {
            BodyKind::Other(_) => {
                return Err(format!(
                    "unknown kind {name:?} in --kinds: use the file's kind names, e.g. icb, police_force, fire_authority"
                ))
            }
            k => {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
    }
    if kinds.is_empty() {
        return Err("--kinds names no kind".to_string());
    }
    Ok(kinds)
}

/// Reads `--band MIN,MAX` (people; `MAX` may be `inf`).
///
/// # Errors
/// Not two numbers, or the minimum above the maximum.
pub fn parse_band(text: &str) -> Result<(f64, f64), String> {
    let bad = || format!("--band takes two numbers, MIN,MAX (e.g. 300000,700000), not {text:?}");
    let (a, b) = text.split_once(',').ok_or_else(bad)?;
    let num = |s: &str| -> Result<f64, String> {
        match s.trim() {
            "inf" | "" => Ok(f64::INFINITY),
            t => t.parse::<f64>().ok().filter(|x| *x >= 0.0).ok_or_else(bad),
        }
    };
    let (min, max) = (
        num(a).map(|m| if m.is_infinite() { 0.0 } else { m })?,
        num(b)?,
    );
    if min > max {
        return Err(format!(
            "--band: the minimum {min} is above the maximum {max}"
        ));
    }
    Ok((min, max))
}

pub use pmap_core::analysis::partition_json::partition_json;
