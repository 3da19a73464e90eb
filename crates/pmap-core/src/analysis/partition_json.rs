//! A partition's report ([`PartitionReport`]) as JSON: what `pmap-check --grouping` and
//! `--suggest` print, and what the widget's worker sends back from a search. One shape:
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
//! Kinds are the file format's kind names; classes are the atlas's. O(size of the report).

use super::grouping::PartitionReport;
use crate::index::{AreaIx, Model};
use serde_json::{json, Value};

/// The report as JSON (see the module docs). `contiguous` says whether a group's areas
/// are contiguous (`None` when unknown).
///
/// ```
/// use pmap_core::{load, analysis::grouping::Scorer, analysis::partition_json::partition_json, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":300}],
///   "bodies":[{"id":"p","name":"P","kind":"police_force","covers":["E1","E2"]}]}"#).unwrap().model;
/// // One group holding the whole force: coterminous, every side 1.
/// let r = Scorer::new(&m, &[0, 1], &[BodyKind::PoliceForce]).report(&[0, 0]);
/// let j = partition_json(&m, &r, &|_| Some(true));
/// assert_eq!(j["score"], 1.0);
/// assert_eq!(j["groups"][0]["areas"], serde_json::json!(["E1", "E2"]));
/// assert_eq!(j["groups"][0]["population"], 400.0);
/// assert_eq!(j["groups"][0]["kinds"][0]["class"], "coterminous");
/// assert_eq!(j["groups"][0]["kinds"][0]["main_body"], "p");
/// assert_eq!(j["groups"][0]["contiguous"], true);
/// ```
pub fn partition_json(
    model: &Model,
    report: &PartitionReport,
    contiguous: &dyn Fn(&[AreaIx]) -> Option<bool>,
) -> Value {
    let id = |b: usize| model.body(b).map_or_else(String::new, |x| x.id.clone());
    let code = |x: AreaIx| model.area(x).map_or_else(String::new, |a| a.code.clone());
    let position = |g: usize| report.groups.iter().position(|r| r.group == g);
    json!({
        "score": report.score,
        "kinds": report.kinds.iter().map(|k| json!({
            "kind": k.kind.as_str(),
            "group_side": k.group_side,
            "service_side": k.service_side,
            "score": k.score,
            "services": k.services.iter().map(|s| json!({
                "id": id(s.body),
                "people": s.people,
                "groups": s.groups,
                "main_group": position(s.main_group),
                "main_share": s.main_share,
                "outside_main": s.outside_main,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "groups": report.groups.iter().map(|g| json!({
            "areas": g.areas.iter().map(|&x| code(x)).collect::<Vec<_>>(),
            "population": g.population,
            "contiguous": contiguous(&g.areas),
            "kinds": g.kinds.iter().map(|k| json!({
                "kind": k.kind.as_str(),
                "class": k.class.as_str(),
                "main_body": k.main_body.map(id),
                "main_share": k.main_share,
                "value": k.alignment,
                "bodies": k.bodies.iter().map(|b| json!({
                    "id": id(b.body),
                    "inside": b.inside,
                    "outside": b.outside,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
