//! Reorganisation proposals: up to three ways of dividing areas into new councils, compared
//! side by side.
//!
//! **Input.** A CSV file with the header `proposal,council,area_code`, one row per area of
//! each new council (any column order, any case; `,`, `;` or tab separated, as every CSV the
//! widget reads). [`parse`] reports every problem as a [`Diagnostic`] naming the file, row
//! and column: a missing column or value, an unknown or replaced area code, an area in two
//! councils of one proposal, more than [`MAX_PROPOSALS`] proposals, an empty file.
//!
//! **Comparison.** For each proposal, [`compare`] scores the partition of its areas into its
//! councils with [`Scorer`] (the overall score and each kind's two sides, see
//! [`super::grouping`]) and, per new council: its people against the population band
//! (below, within or above), whether its areas are contiguous (from the caller, `None` when
//! unknown), how it fits each service kind ([`KindFit`], from [`Scorer::report`]), and the
//! statutory partners it would have (Children Act 2004 s10 and LGPIH Act 2007 s104 for a
//! unitary council: [`required_partners`]). Per proposal it also lists
//!
//! * the **partnerships it splits**: partnership bodies (CSPs, health and wellbeing boards,
//!   combined authorities, …, [`Model::partnerships`]) whose people in the proposal's areas
//!   fall in two or more new councils: the service side of a [`Scorer`] over the partnership
//!   kinds;
//! * **what lapses if adopted**: the councils replaced (council bodies other than parish
//!   councils whose whole footprint lies within the proposal's areas) and the partnerships,
//!   agreements and responsibilities that refer to them ([`references`], the same code that
//!   lists what a past succession left stale).
//!
//! [`to_csv`] writes the comparison as one long table, one row per proposal × council ×
//! measure. Complexity: per proposal, O(Σ footprints) to build its scorers, O(n + nnz) to
//! score, and O(bodies × footprint) per council for the statutory partners.

use super::grouping::{Band, KindFit, PartitionReport, Scorer, ServiceSpread};
use super::statutory::{required_partners, Rule};
use crate::diagnostic::Diagnostic;
use crate::index::{AreaIx, Model};
use crate::model::{BodyKind, Sector};
use crate::ons::Table;
use crate::reorg::{references, References};
use serde::Serialize;

/// Most proposals a comparison takes.
pub const MAX_PROPOSALS: usize = 3;

/// One proposed new council.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Council {
    /// Its name.
    pub name: String,
    /// Its areas, in file order.
    pub areas: Vec<AreaIx>,
}

/// One proposal: a name and its new councils.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Its name.
    pub name: String,
    /// Its councils, in file order.
    pub councils: Vec<Council>,
}

/// Reads a proposals CSV file named `name` (for messages) against the map's areas.
/// Returns the proposals when there is no error, and every diagnostic.
///
/// ```
/// use pmap_core::{load, analysis::proposals::parse};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A"},{"code":"E2","name":"B"}]}"#).unwrap().model;
/// let (p, d) = parse(&m, "p.csv", "proposal,council,area_code\nOne,North,E1\nOne,South,E2\n");
/// assert!(d.is_empty());
/// assert_eq!(p.unwrap()[0].councils[1].areas, vec![1]);
/// let (p, d) = parse(&m, "p.csv", "proposal,council,area_code\nOne,North,E1\nOne,South,E1\n");
/// assert!(p.is_none());
/// assert_eq!(d[0].path, "p.csv row 3, column area_code");
/// ```
pub fn parse(model: &Model, name: &str, text: &str) -> (Option<Vec<Proposal>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let table = match Table::parse(name, text) {
        Ok((t, d)) => {
            diags.extend(d);
            t
        }
        Err(e) => return (None, vec![e]),
    };
    let mut cols = [0usize; 3];
    for (k, col) in ["proposal", "council", "area_code"].into_iter().enumerate() {
        match table.column(col) {
            Ok(i) => cols[k] = i,
            Err(d) => diags.push(d),
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let mut proposals: Vec<Proposal> = Vec::new();
    // (proposal, area) → the row that placed it, to name both rows when it is repeated.
    let mut placed: Vec<(usize, AreaIx, usize, String)> = Vec::new();
    let mut rows = 0;
    for (i, row) in table.rows.iter().enumerate() {
        let n = table.row_number(i);
        let at = |col: &str| format!("{name} row {n}, column {col}");
        let cell = |k: usize| row.get(cols[k]).map_or("", |s| s.trim());
        if (0..3).all(|k| cell(k).is_empty()) {
            continue;
        }
        rows += 1;
        let mut missing = false;
        for (k, col) in ["proposal", "council", "area_code"].into_iter().enumerate() {
            if cell(k).is_empty() {
                diags.push(Diagnostic::error(
                    "missing-value",
                    at(col),
                    format!("the {} is missing", col.replace('_', " ")),
                ));
                missing = true;
            }
        }
        if missing {
            continue;
        }
        let (p, c, code) = (cell(0), cell(1), cell(2));
        let Some(x) = model.area_index(code) else {
            let (kind, message) = match crate::reorg::replacement(code) {
                Some(s) => (
                    "stale-code",
                    format!(
                        "the area {code} was replaced in {} by {} ({}); use the new code",
                        s.year, s.new_code, s.new_name
                    ),
                ),
                None => ("unknown-area", format!("the map has no area {code}")),
            };
            diags.push(Diagnostic::error(kind, at("area_code"), message).with_value(code));
            continue;
        };
        let pi = match proposals.iter().position(|q| q.name == p) {
            Some(pi) => pi,
            None if proposals.len() >= MAX_PROPOSALS => {
                diags.push(
                    Diagnostic::error(
                        "too-many-proposals",
                        at("proposal"),
                        format!(
                            "a comparison takes at most {MAX_PROPOSALS} proposals; this row starts a {}th",
                            proposals.len() + 1
                        ),
                    )
                    .with_value(p),
                );
                continue;
            }
            None => {
                proposals.push(Proposal {
                    name: p.to_string(),
                    councils: Vec::new(),
                });
                proposals.len() - 1
            }
        };
        if let Some((_, _, first, other)) = placed.iter().find(|(q, y, _, _)| *q == pi && *y == x) {
            let d = if other == c {
                Diagnostic::warning(
                    "duplicate-row",
                    at("area_code"),
                    format!("{code} is already listed for {c} (row {first}); this row is ignored"),
                )
            } else {
                Diagnostic::error(
                    "area-in-two-councils",
                    at("area_code"),
                    format!(
                        "{code} is in both {other} (row {first}) and {c} in proposal {p}: each area belongs to one new council"
                    ),
                )
            };
            diags.push(d.with_value(code));
            continue;
        }
        placed.push((pi, x, n, c.to_string()));
        let Some(prop) = proposals.get_mut(pi) else {
            continue;
        };
        match prop.councils.iter_mut().find(|k| k.name == c) {
            Some(k) => k.areas.push(x),
            None => prop.councils.push(Council {
                name: c.to_string(),
                areas: vec![x],
            }),
        }
    }
    if rows == 0 {
        diags.push(Diagnostic::error(
            "csv-empty",
            format!("{name} row 2"),
            "the file lists no proposals: write one row per area, with its proposal and new council",
        ));
    }
    let ok = !diags.iter().any(Diagnostic::is_error);
    (ok.then_some(proposals), diags)
}

/// A council's people against the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BandFit {
    /// Fewer than the minimum.
    Below,
    /// Within the band.
    Within,
    /// More than the maximum.
    Above,
}

impl BandFit {
    /// Where `people` falls in `band`.
    pub fn of(people: f64, band: &Band) -> BandFit {
        if people < band.min {
            BandFit::Below
        } else if people > band.max {
            BandFit::Above
        } else {
            BandFit::Within
        }
    }

    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            BandFit::Below => "below",
            BandFit::Within => "within",
            BandFit::Above => "above",
        }
    }
}

/// A statutory partner a new council would have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Body id.
    pub body: String,
    /// Share of the body's people inside the council's area.
    pub share_inside: f64,
    /// The rules that make it a partner.
    pub rules: Vec<Rule>,
}

/// One new council of a proposal, assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilResult {
    /// Its name.
    pub name: String,
    /// Its area codes.
    pub areas: Vec<String>,
    /// Its people (areas without a population count as 1).
    pub population: f64,
    /// Against the band.
    pub band: BandFit,
    /// Whether its areas are contiguous (`None` when unknown).
    pub contiguous: Option<bool>,
    /// How it fits each kind (the group side).
    pub kinds: Vec<KindFit>,
    /// The id of each kind's main body (as `kinds`).
    pub main_bodies: Vec<Option<String>>,
    /// The statutory partners it would have.
    pub partners: Vec<Partner>,
}

/// A partnership whose people the proposal divides between new councils.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Split {
    /// Body id of the partnership.
    pub body: String,
    /// How its people in the proposal's areas fall across the new councils.
    pub spread: ServiceSpread,
}

/// One proposal, assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalResult {
    /// Its name.
    pub name: String,
    /// The overall score ([`Scorer::value`]).
    pub score: f64,
    /// The scorer's report (per kind: both sides and every service's spread).
    pub report: PartitionReport,
    /// Its councils.
    pub councils: Vec<CouncilResult>,
    /// Partnerships it divides between two or more new councils, in file order.
    pub splits: Vec<Split>,
    /// What lapses if it is adopted: `bodies` are the councils replaced.
    pub lapses: References,
    /// Area codes another proposal divides and this one leaves out, in code order. When
    /// any proposal has some, the scores are not like for like (each is scored over its
    /// own areas).
    pub leaves_out: Vec<String>,
}

/// Proposals compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The service kinds scored.
    pub kinds: Vec<BodyKind>,
    /// The population band (`groups` is not used).
    pub band: Band,
    /// One per proposal, in input order.
    pub proposals: Vec<ProposalResult>,
}

/// Compares `proposals` against the service `kinds` and the population `band`.
/// `contiguous(areas)` says whether a council's areas are contiguous (`None` when unknown).
///
/// ```
/// use pmap_core::{load, analysis::proposals::{parse, compare}, analysis::grouping::Band, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100}],
///   "bodies":[{"id":"p","name":"Police","kind":"police_force","covers":["E1","E2"]}]}"#).unwrap().model;
/// let csv = "proposal,council,area_code\nOne,Both,E1\nOne,Both,E2\nTwo,A,E1\nTwo,B,E2\n";
/// let p = parse(&m, "p.csv", csv).0.unwrap();
/// let band = Band { min: 150.0, max: f64::INFINITY, groups: None };
/// let c = compare(&m, &p, &[BodyKind::PoliceForce], &band, &|_| None);
/// assert_eq!(c.proposals[0].score, 1.0);
/// // Two councils split the force's people 100/100: service side 1/2, score 3/4.
/// assert_eq!(c.proposals[1].score, 0.75);
/// assert_eq!(c.proposals[1].councils[0].band.as_str(), "below");
/// // Both divide E1 and E2: like for like.
/// assert!(c.proposals.iter().all(|p| p.leaves_out.is_empty()));
/// ```
pub fn compare(
    model: &Model,
    proposals: &[Proposal],
    kinds: &[BodyKind],
    band: &Band,
    contiguous: &dyn Fn(&[AreaIx]) -> Option<bool>,
) -> Comparison {
    let partnership_kinds = {
        let mut k: Vec<BodyKind> = model
            .partnerships()
            .filter(|&p| !model.footprint(p).is_empty())
            .filter_map(|p| model.body(p).map(|b| b.kind.clone()))
            .collect();
        crate::order::sort(&mut k);
        k.dedup();
        k
    };
    let code = |x: AreaIx| model.area(x).map_or_else(String::new, |a| a.code.clone());
    let id = |b: usize| model.body(b).map_or_else(String::new, |x| x.id.clone());
    let mut results: Vec<ProposalResult> = proposals
        .iter()
        .map(|p| {
            let mut areas = Vec::new();
            let mut assign = Vec::new();
            for (g, c) in p.councils.iter().enumerate() {
                areas.extend(&c.areas);
                assign.extend(std::iter::repeat_n(g, c.areas.len()));
            }
            let scorer = Scorer::new(model, &areas, kinds);
            let report = scorer.report(&assign);
            let councils = p
                .councils
                .iter()
                .enumerate()
                .map(|(g, c)| {
                    let group = report.groups.iter().find(|r| r.group == g);
                    let population = group.map_or(0.0, |r| r.population);
                    let kinds = group.map(|r| r.kinds.clone()).unwrap_or_default();
                    CouncilResult {
                        main_bodies: kinds.iter().map(|f| f.main_body.map(id)).collect(),
                        name: c.name.clone(),
                        areas: c.areas.iter().map(|&x| code(x)).collect(),
                        population,
                        band: BandFit::of(population, band),
                        contiguous: contiguous(&c.areas),
                        kinds,
                        partners: partners(model, &c.areas),
                    }
                })
                .collect();
            let mut spreads: Vec<ServiceSpread> = Scorer::new(model, &areas, &partnership_kinds)
                .report(&assign)
                .kinds
                .into_iter()
                .flat_map(|k| k.services)
                .filter(|s| s.groups >= 2)
                .collect();
            crate::order::sort_by_key(&mut spreads, |s| s.body);
            let splits = spreads
                .into_iter()
                .map(|s| Split {
                    body: id(s.body),
                    spread: s,
                })
                .collect();
            ProposalResult {
                name: p.name.clone(),
                score: report.score,
                councils,
                splits,
                lapses: references(model, &replaced(model, &areas), &[]),
                report,
                leaves_out: Vec::new(),
            }
        })
        .collect();
    let all: std::collections::BTreeSet<String> = results
        .iter()
        .flat_map(|r| r.councils.iter().flat_map(|c| c.areas.iter().cloned()))
        .collect();
    for r in &mut results {
        let mine: std::collections::BTreeSet<&String> =
            r.councils.iter().flat_map(|c| &c.areas).collect();
        r.leaves_out = all.iter().filter(|a| !mine.contains(a)).cloned().collect();
    }
    Comparison {
        kinds: kinds.to_vec(),
        band: *band,
        proposals: results,
    }
}

/// The councils a proposal over `areas` replaces: council bodies other than parish
/// councils whose whole (non-empty) footprint lies within the areas. In body order.
pub fn replaced(model: &Model, areas: &[AreaIx]) -> Vec<usize> {
    (0..model.bodies().len())
        .filter(|&i| {
            model.body(i).is_some_and(|b| {
                b.kind.sector() == Sector::Council && b.kind != BodyKind::ParishCouncil
            }) && !model.footprint(i).is_empty()
                && model.footprint(i).iter().all(|(x, _)| areas.contains(x))
        })
        .collect()
}

/// The statutory partners of a new unitary council covering `areas` wholly, under the
/// Children Act 2004 s10 and LGPIH Act 2007 s104.
fn partners(model: &Model, areas: &[AreaIx]) -> Vec<Partner> {
    let mut fp: Vec<(AreaIx, f64)> = areas.iter().map(|&x| (x, 1.0)).collect();
    crate::order::sort_by_key(&mut fp, |c| c.0);
    fp.dedup_by_key(|c| c.0);
    let mut out: Vec<(usize, Partner)> = Vec::new();
    for rule in [Rule::ChildrenAct2004S10, Rule::Lgpih2007S104] {
        for (b, share) in required_partners(model, &fp, &BodyKind::UnitaryCouncil, rule) {
            match out.iter_mut().find(|(i, _)| *i == b) {
                Some((_, p)) => p.rules.push(rule),
                None => out.push((
                    b,
                    Partner {
                        body: model.body(b).map_or_else(String::new, |x| x.id.clone()),
                        share_inside: share,
                        rules: vec![rule],
                    },
                )),
            }
        }
    }
    crate::order::sort_by_key(&mut out, |(i, _)| *i);
    out.into_iter().map(|(_, p)| p).collect()
}

/// The comparison as CSV for the "save the comparison" button: the long table
/// `proposal,council,measure,kind,value`, one row per proposal × council × measure. Rows with
/// an empty `council` are the proposal's own measures (`score`, `group_side`,
/// `service_side`, `splits`, `replaces`, `lapsed_partnerships`, `lapsed_agreements`,
/// `lapsed_responsibilities`); council rows give `areas`, `population`, `band`,
/// `contiguous` (`yes`, `no` or empty when unknown), `partners`, and per kind `class`,
/// `main_body`, `main_share` and `alignment` (the group side). Lists are `;`-separated ids;
/// shares have 4 decimals and people are whole.
///
/// ```
/// use pmap_core::{load, analysis::proposals::{parse, compare, to_csv}, analysis::grouping::Band, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100}],
///   "bodies":[{"id":"p","name":"Police","kind":"police_force","covers":["E1"]}]}"#).unwrap().model;
/// let p = parse(&m, "p.csv", "proposal,council,area_code\nOne,A,E1\n").0.unwrap();
/// let band = Band { min: 0.0, max: f64::INFINITY, groups: None };
/// let csv = to_csv(&compare(&m, &p, &[BodyKind::PoliceForce], &band, &|_| Some(true)));
/// assert!(csv.starts_with("proposal,council,measure,kind,value\r\nOne,,score,,1.0000\r\n"));
/// assert!(csv.contains("One,A,class,police_force,coterminous\r\n"));
/// ```
pub fn to_csv(c: &Comparison) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let share = |x: f64| format!("{x:.4}");
    for p in &c.proposals {
        let mut add = |council: &str, measure: &str, kind: &str, value: String| {
            rows.push(vec![
                p.name.clone(),
                council.to_string(),
                measure.to_string(),
                kind.to_string(),
                value,
            ]);
        };
        add("", "score", "", share(p.score));
        add("", "leaves_out", "", p.leaves_out.join("; "));
        for k in &p.report.kinds {
            add("", "group_side", k.kind.as_str(), share(k.group_side));
            add("", "service_side", k.kind.as_str(), share(k.service_side));
        }
        let ids = |v: &[String]| v.join("; ");
        add(
            "",
            "splits",
            "",
            ids(&p.splits.iter().map(|s| s.body.clone()).collect::<Vec<_>>()),
        );
        add("", "replaces", "", ids(&p.lapses.bodies));
        add("", "lapsed_partnerships", "", ids(&p.lapses.partnerships));
        add("", "lapsed_agreements", "", ids(&p.lapses.agreements));
        add(
            "",
            "lapsed_responsibilities",
            "",
            ids(&p.lapses.responsibilities),
        );
        for k in &p.councils {
            add(&k.name, "areas", "", ids(&k.areas));
            add(&k.name, "population", "", format!("{:.0}", k.population));
            add(&k.name, "band", "", k.band.as_str().to_string());
            let cont = match k.contiguous {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            add(&k.name, "contiguous", "", cont.to_string());
            add(
                &k.name,
                "partners",
                "",
                ids(&k
                    .partners
                    .iter()
                    .map(|x| x.body.clone())
                    .collect::<Vec<_>>()),
            );
            for f in &k.kinds {
                let kind = f.kind.as_str();
                add(&k.name, "class", kind, f.class.as_str().to_string());
                let main = k.kinds.iter().position(|x| x.kind == f.kind);
                add(
                    &k.name,
                    "main_body",
                    kind,
                    main.and_then(|i| k.main_bodies.get(i).cloned().flatten())
                        .unwrap_or_default(),
                );
                add(&k.name, "main_share", kind, share(f.main_share));
                add(&k.name, "alignment", kind, share(f.alignment));
            }
        }
    }
    crate::csv_template::write(&["proposal", "council", "measure", "kind", "value"], rows)
}
