//! Local government reorganisation: codes that were replaced, and what a map still says
//! about them.
//!
//! The successions table (`data/successions.csv`, built by `scripts/build-demo.sh` from
//! the ONS LAD 2022→2023 lookup and the LAD 2024/2025 lists) covers the April 2023
//! Cumbria, North Yorkshire and Somerset mergers and the 2025 Barnsley and Sheffield
//! recodes.

use crate::index::Model;
use serde::Serialize;

/// The built-in successions table.
pub const SUCCESSIONS_CSV: &str = include_str!("../data/successions.csv");

/// One replaced code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Succession {
    /// The old GSS code.
    pub old_code: String,
    /// Its name.
    pub old_name: String,
    /// The code that replaced it.
    pub new_code: String,
    /// That area's name.
    pub new_name: String,
    /// The year the change took effect.
    pub year: String,
}

/// Reads the built-in table.
pub fn successions() -> Vec<Succession> {
    table().to_vec()
}

/// The built-in table, read once: validation asks about every unknown area code, and
/// reading the table each time made a map with many of them slow (found by fuzzing).
fn table() -> &'static [Succession] {
    static TABLE: std::sync::OnceLock<Vec<Succession>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut rdr = csv::Reader::from_reader(SUCCESSIONS_CSV.as_bytes());
        rdr.records()
            .filter_map(Result::ok)
            .filter_map(|r| {
                Some(Succession {
                    old_code: r.get(0)?.to_string(),
                    old_name: r.get(1)?.to_string(),
                    new_code: r.get(2)?.to_string(),
                    new_name: r.get(3)?.to_string(),
                    year: r.get(4)?.to_string(),
                })
            })
            .collect()
    })
}

/// The replacement for a stale code, if it is one.
///
/// ```
/// let s = pmap_core::reorg::replacement("E07000026").unwrap();
/// assert_eq!((s.new_code.as_str(), s.new_name.as_str(), s.year.as_str()), ("E06000063", "Cumberland", "2023"));
/// assert!(pmap_core::reorg::replacement("E07000089").is_none());
/// ```
pub fn replacement(code: &str) -> Option<Succession> {
    table().iter().find(|s| s.old_code == code).cloned()
}

/// What a map still says about one replaced area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    /// The succession.
    pub succession: Succession,
    /// Bodies that cover the old area (ids).
    pub bodies: Vec<String>,
    /// Partnerships those bodies belong to, or that cover the old area (ids).
    pub partnerships: Vec<String>,
    /// Agreements with one of those bodies as a party (ids).
    pub agreements: Vec<String>,
    /// Responsibilities whose scope names the old area or whose owners cover it (ids).
    pub responsibilities: Vec<String>,
}

/// Every replaced area the map still uses, and everything that refers to it.
///
/// ```
/// use pmap_core::{load, reorg::impact};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000026","name":"Allerdale"}],
///   "bodies":[{"id":"a","name":"Allerdale Borough Council","kind":"district_council","covers":["E07000026"]},
///             {"id":"csp","name":"West Cumbria CSP","kind":"community_safety_partnership"}],
///   "links":[{"from":"a","to":"csp","kind":"member_of"}],
///   "responsibilities":[{"id":"w","name":"Waste collection","scope":["E07000026"],"owners":[{"body":"a","role":"lead"}]}]}"#)
///   .unwrap().model;
/// let i = impact(&m);
/// assert_eq!(i[0].succession.new_name, "Cumberland");
/// assert_eq!(i[0].partnerships, vec!["csp".to_string()]);
/// assert_eq!(i[0].responsibilities, vec!["w".to_string()]);
/// ```
pub fn impact(model: &Model) -> Vec<Impact> {
    let table = successions();
    let mut out = Vec::new();
    for a in model.areas() {
        let Some(s) = table.iter().find(|s| s.old_code == a.code) else {
            continue;
        };
        let Some(x) = model.area_index(&a.code) else {
            continue;
        };
        let covering: Vec<usize> = (0..model.bodies().len())
            .filter(|&i| {
                model.footprint(i).iter().any(|(y, _)| *y == x)
                    && crate::index::FootprintSource::Declared == model.footprint_source(i)
            })
            .collect();
        let refs = references(model, &covering, &[a.code.as_str()]);
        out.push(Impact {
            succession: s.clone(),
            bodies: refs.bodies,
            partnerships: refs.partnerships,
            agreements: refs.agreements,
            responsibilities: refs.responsibilities,
        });
    }
    out
}

/// Everything in a map that refers to some bodies or area codes (ids, in file order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct References {
    /// The bodies themselves.
    pub bodies: Vec<String>,
    /// Partnerships the bodies are members of or chair, or that cover one of the areas.
    pub partnerships: Vec<String>,
    /// Agreements with one of the bodies as a party.
    pub agreements: Vec<String>,
    /// Responsibilities whose scope names one of the areas or whose owners include one of
    /// the bodies.
    pub responsibilities: Vec<String>,
}

/// What refers to `bodies` (indices) or to the areas `codes`: what a past succession
/// leaves stale ([`impact`]) and what lapses when councils are replaced
/// ([`crate::analysis::proposals`]). O(links of the bodies + partnerships × footprint +
/// agreements + responsibilities).
///
/// ```
/// use pmap_core::{load, reorg::references};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "bodies":[{"id":"a","name":"A Council","kind":"district_council"},
///             {"id":"csp","name":"CSP","kind":"community_safety_partnership"}],
///   "links":[{"from":"a","to":"csp","kind":"chairs"}],
///   "agreements":[{"id":"mou","name":"MoU","kind":"memorandum","parties":["a","csp"]}]}"#)
///   .unwrap().model;
/// let r = references(&m, &[0], &[]);
/// assert_eq!((r.partnerships, r.agreements), (vec!["csp".to_string()], vec!["mou".to_string()]));
/// ```
pub fn references(model: &Model, bodies: &[usize], codes: &[&str]) -> References {
    let ids = |v: &[usize]| -> Vec<String> {
        v.iter()
            .filter_map(|&i| model.body(i).map(|b| b.id.clone()))
            .collect()
    };
    let areas: Vec<crate::index::AreaIx> =
        codes.iter().filter_map(|c| model.area_index(c)).collect();
    let mut partnerships: Vec<usize> = bodies
        .iter()
        .flat_map(|&b| {
            model
                .links_from(b)
                .filter(|(_, l)| {
                    matches!(
                        l.kind,
                        crate::model::LinkKind::MemberOf | crate::model::LinkKind::Chairs
                    )
                })
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
        })
        .chain(
            model
                .partnerships()
                .filter(|&p| model.footprint(p).iter().any(|(y, _)| areas.contains(y))),
        )
        .collect();
    partnerships.sort_unstable();
    partnerships.dedup();
    let body_ids = ids(bodies);
    let agreements = model
        .file()
        .agreements
        .iter()
        .filter(|ag| ag.parties.iter().any(|p| body_ids.contains(p)))
        .map(|ag| ag.id.clone())
        .collect();
    let responsibilities = model
        .file()
        .responsibilities
        .iter()
        .filter(|r| {
            r.scope.iter().any(|c| codes.contains(&c.as_str()))
                || r.owners.iter().any(|o| body_ids.contains(&o.body))
        })
        .map(|r| r.id.clone())
        .collect();
    References {
        bodies: body_ids,
        partnerships: ids(&partnerships),
        agreements,
        responsibilities,
    }
}
