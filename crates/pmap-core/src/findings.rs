//! Findings: the analyses' results in plain English, each with a severity, a "why this
//! matters" line, and the ids of the bodies, areas and responsibilities it concerns (so a
//! view can highlight them). The browser and `pmap-check` both print these, so they agree.

use crate::analysis::accountability::{centrality, AccountabilityPath, Centrality};
use crate::analysis::alignment::{atlas, Atlas, Class, Layer, LayerInfo, Row};
use crate::analysis::coterminosity::{compare, AreaGap, Relation};
use crate::analysis::coverage::{sector_gaps, spills, Spill};
use crate::analysis::orphans::{orphans, Orphan};
use crate::analysis::splits::{slivers, splits, Split};
use crate::index::Model;
use crate::model::BodyKind;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashMap};

pub mod health;

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A statutory duty or partner is affected.
    High,
    /// Worth fixing.
    Medium,
    /// Worth knowing.
    Low,
}

impl Level {
    /// Lower-case name, also a CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// The two families of problem the tool looks for, network structure, and governance health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Boundaries that do not line up.
    Coterminosity,
    /// Duties or outcomes nobody owns, or that fall between bodies.
    Orphan,
    /// How the network hangs together.
    Structure,
    /// Whether the arrangements are healthy: load, formal footing, type, pooled budgets.
    Governance,
}

impl Category {
    /// Plain-English heading.
    pub fn label(self) -> &'static str {
        match self {
            Category::Coterminosity => "Coterminosity gaps",
            Category::Orphan => "Orphaned responsibilities",
            Category::Structure => "Single points of failure",
            Category::Governance => "Governance health",
        }
    }
}

/// A finding's machine-readable kind: one of a fixed set of names. (An alias, so that serde
/// reads it with [`kind_name`] instead of borrowing from the text it reads.)
pub type KindName = &'static str;

/// One finding, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id, e.g. `split:E07000089:icb`.
    pub id: String,
    /// Which family it belongs to.
    pub category: Category,
    /// Machine-readable kind, e.g. `split_area`.
    #[serde(deserialize_with = "kind_name")]
    pub kind: KindName,
    /// How much it matters.
    pub level: Level,
    /// One-line summary.
    pub title: String,
    /// The facts, with figures.
    pub detail: String,
    /// Why this matters, in one line.
    pub why: String,
    /// Ids of the bodies concerned.
    pub bodies: Vec<String>,
    /// GSS codes of the areas concerned.
    pub areas: Vec<String>,
    /// Ids of the responsibilities concerned.
    pub responsibilities: Vec<String>,
    /// People affected, when it can be counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<u64>,
    /// What it is grouped with in a list (see [`group_findings`]).
    pub group: GroupKey,
}

/// The group a finding belongs to: findings of one kind about the same sort of thing
/// (e.g. community safety partnerships with no probation member).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupKey {
    /// Stable key, e.g. `sector_gap:community_safety_partnership:probation:none`.
    pub key: String,
    /// What one finding says, after the number 1: "community safety partnership has no
    /// probation member".
    pub one: String,
    /// What several say, after their number: "community safety partnerships have no
    /// probation member".
    pub many: String,
}

impl GroupKey {
    fn new(key: impl Into<String>, one: impl Into<String>, many: impl Into<String>) -> Self {
        GroupKey {
            key: key.into(),
            one: one.into(),
            many: many.into(),
        }
    }
}

/// Findings of one group, for a list that shows "12 community safety partnerships have no
/// probation member" and expands to the twelve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingGroup {
    /// The group's key ([`GroupKey::key`]).
    pub key: String,
    /// The findings' kind.
    pub kind: &'static str,
    /// Their category.
    pub category: Category,
    /// The most serious level among them.
    pub level: Level,
    /// "12 community safety partnerships have no probation member".
    pub label: String,
    /// How many findings.
    pub count: usize,
    /// Their positions in the slice given to [`group_findings`], in order.
    pub findings: Vec<usize>,
}

/// Groups findings by their [`GroupKey`], in the order each group first appears (so a
/// list sorted most serious first stays so). O(n).
///
/// ```
/// use pmap_core::{load, findings::{analyse, group_findings}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000001","name":"East"},{"code":"E07000002","name":"West"}],
///   "bodies":[
///     {"id":"c1","name":"East CSP","kind":"community_safety_partnership","covers":["E07000001"]},
///     {"id":"c2","name":"West CSP","kind":"community_safety_partnership","covers":["E07000002"]}]}"#)
///   .unwrap().model;
/// let r = analyse(&m);
/// let g = group_findings(&r.findings);
/// assert_eq!(g.len(), 1);
/// assert_eq!(g[0].label, "2 community safety partnerships have no recorded members");
/// assert_eq!(g[0].findings, vec![0, 1]);
/// ```
pub fn group_findings(findings: &[Finding]) -> Vec<FindingGroup> {
    let mut out: Vec<FindingGroup> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        match at.get(f.group.key.as_str()) {
            Some(&g) => {
                if let Some(x) = out.get_mut(g) {
                    x.count += 1;
                    x.level = x.level.min(f.level);
                    x.findings.push(i);
                }
            }
            None => {
                at.insert(f.group.key.as_str(), out.len());
                out.push(FindingGroup {
                    key: f.group.key.clone(),
                    kind: f.kind,
                    category: f.category,
                    level: f.level,
                    label: String::new(),
                    count: 1,
                    findings: vec![i],
                });
            }
        }
    }
    for g in &mut out {
        if let Some(f) = g.findings.first().and_then(|&i| findings.get(i)) {
            g.label = if g.count == 1 {
                format!("1 {}", f.group.one)
            } else {
                format!("{} {}", thousands(g.count as u64), f.group.many)
            };
        }
    }
    out
}

/// Everything the analyses found, in one place. A large map's report is worked out in the
/// widget's worker and reaches the page as JSON, so it reads back as well as it writes
/// ([`Report::from_json`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Findings, most serious first.
    pub findings: Vec<Finding>,
    /// Degree, betweenness and cut-off figures per body.
    pub centrality: Vec<Centrality>,
    /// Counts by category.
    pub counts: BTreeMap<Category, usize>,
    /// The service-alignment atlas the alignment findings come from.
    pub atlas: Atlas,
}

impl Report {
    /// The report as JSON text (what the worker sends the page).
    ///
    /// # Errors
    /// Only if serialisation fails, which a report built by [`analyse`] never does.
    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| e.to_string())
    }

    /// Reads back [`Report::to_json`]'s text.
    ///
    /// ```
    /// use pmap_core::{load, findings::{analyse, Report}};
    /// let m = load(r#"{"format":"partnership-map","version":1,
    ///   "areas":[{"code":"E07000089","name":"Hart","kind":"lad"}],
    ///   "bodies":[{"id":"p","name":"Safer Hart","kind":"community_safety_partnership","covers":["E07000089"]}]}"#)
    ///   .unwrap().model;
    /// let r = analyse(&m);
    /// assert!(!r.findings.is_empty());
    /// assert_eq!(Report::from_json(&r.to_json().unwrap()).unwrap(), r);
    /// ```
    ///
    /// # Errors
    /// Text that is not a report, with serde's message.
    pub fn from_json(text: &str) -> Result<Report, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The report as JSON in parts: the report without its findings, then the findings
    /// `per_part` at a time. A page reads the head with [`Report::from_json`] and each part
    /// with [`Report::read_part`], one part per task, so that no single task reads them all
    /// (41,000 findings of a 20,000-body map took about 250 ms to read at once).
    ///
    /// ```
    /// use pmap_core::{load, findings::{analyse, Report}};
    /// let m = load(r#"{"format":"partnership-map","version":1,
    ///   "areas":[{"code":"E07000089","name":"Hart","kind":"lad"}],
    ///   "bodies":[{"id":"p","name":"Safer Hart","kind":"community_safety_partnership","covers":["E07000089"]},
    ///             {"id":"q","name":"Hart Health","kind":"health_and_wellbeing_board"}]}"#)
    ///   .unwrap().model;
    /// let r = analyse(&m);
    /// assert!(r.findings.len() > 1);
    /// let (head, parts) = r.clone().into_json_parts(1).unwrap();
    /// assert_eq!(parts.len(), r.findings.len());
    /// let mut back = Report::from_json(&head).unwrap();
    /// assert!(back.findings.is_empty());
    /// for p in &parts {
    ///     back.read_part(p).unwrap();
    /// }
    /// assert_eq!(back, r);
    /// ```
    ///
    /// # Errors
    /// Only if serialisation fails, which a report built by [`analyse`] never does.
    pub fn into_json_parts(mut self, per_part: usize) -> Result<(String, Vec<String>), String> {
        let findings = std::mem::take(&mut self.findings);
        let head = self.to_json()?;
        let parts = findings
            .chunks(per_part.max(1))
            .map(|c| serde_json::to_string(c).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((head, parts))
    }

    /// Appends one part of [`Report::into_json_parts`]'s findings.
    ///
    /// # Errors
    /// Text that is not a list of findings, with serde's message.
    pub fn read_part(&mut self, text: &str) -> Result<(), String> {
        let more: Vec<Finding> = serde_json::from_str(text).map_err(|e| e.to_string())?;
        self.findings.extend(more);
        Ok(())
    }
}

/// A finding's kind read back from JSON. Kinds are a small fixed set of names, so each
/// distinct name is allocated once for the life of the page and shared after that.
fn kind_name<'de, D: Deserializer<'de>>(d: D) -> Result<KindName, D::Error> {
    use std::cell::RefCell;
    use std::collections::HashSet;
    thread_local! {
        static KINDS: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
    }
    let s = String::deserialize(d)?;
    Ok(KINDS.with(|k| {
        let mut k = k.borrow_mut();
        match k.get(s.as_str()) {
            Some(&known) => known,
            None => {
                let leaked: &'static str = Box::leak(s.into_boxed_str());
                k.insert(leaked);
                leaked
            }
        }
    }))
}

/// A count of people from a sum of parts, rounded the same way whatever order the parts were
/// added in. Sums of the same parts in another order differ in their last bits, so a figure
/// of exactly n + ½ would round up or down by chance (a map and the same map reordered gave
/// 178,589 and 178,588). Snapping to 1/1024 first puts such ties on the same side.
///
/// ```
/// use pmap_core::findings::whole_people;
/// let (a, b) = (0.1 + 0.2 + 178588.2, 178588.2 + 0.2 + 0.1); // the same sum, reordered
/// assert_ne!(a, b);
/// assert_eq!(whole_people(a), whole_people(b));
/// assert_eq!(whole_people(2.5), 3);
/// ```
pub fn whole_people(x: f64) -> u64 {
    ((x * 1024.0).round() / 1024.0).round() as u64
}

/// Formats a whole number with thousands separators: `180354` → `"180,354"`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Formats a share as a whole percentage: `0.7627` → `"76%"`.
pub fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Formats a small share with one decimal: `0.0079` → `"0.8%"`; 10% and over as [`pct`].
pub fn pct_fine(share: f64) -> String {
    if share < 0.1 {
        format!("{:.1}%", share * 100.0)
    } else {
        pct(share)
    }
}

/// The sliver tolerance as a percentage: `0.02` → `"2%"`, `0.005` → `"0.5%"`.
fn tol_phrase(t: f64) -> String {
    let p = t * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p}%")
    }
}

/// A kind of body in a sentence: "fire and rescue authority", "NHS trust".
pub fn kind_one(kind: &BodyKind) -> String {
    let label = kind.label();
    match kind {
        BodyKind::JobcentrePlus => label.to_string(),
        _ if label.starts_with("NHS") => label.to_string(),
        _ => {
            let mut c = label.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Several bodies of a kind: "fire and rescue authorities", "Jobcentre Plus offices".
///
/// ```
/// use pmap_core::{findings::kind_many, model::BodyKind};
/// assert_eq!(kind_many(&BodyKind::FireAuthority), "fire and rescue authorities");
/// assert_eq!(kind_many(&BodyKind::Icb), "integrated care boards");
/// assert_eq!(kind_many(&BodyKind::Business), "businesses");
/// ```
pub fn kind_many(kind: &BodyKind) -> String {
    let one = kind_one(kind);
    match kind {
        BodyKind::JobcentrePlus => "Jobcentre Plus offices".to_string(),
        BodyKind::Education | BodyKind::Housing => format!("{one} bodies"),
        BodyKind::Other(_) => "other bodies".to_string(),
        _ if one.ends_with("ss") => format!("{one}es"),
        _ if one.ends_with('y') && !one.ends_with("ey") => {
            format!("{}ies", one.trim_end_matches('y'))
        }
        _ => format!("{one}s"),
    }
}

/// People, or areas where a population is missing: "1,234 people", "2 areas (no population
/// recorded)".
fn amount(people: Option<u64>, areas: f64) -> String {
    match people {
        Some(p) => people_phrase(p),
        None => {
            let a = if (areas - areas.round()).abs() < 0.05 {
                format!("{:.0}", areas.round())
            } else {
                format!("{areas:.1}")
            };
            format!(
                "{a} {} (no population recorded)",
                if a == "1" { "area" } else { "areas" }
            )
        }
    }
}

/// Joins names as English: "A", "A and B", "A, B and C".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn describe_gaps(gaps: &[AreaGap], tol: f64) -> String {
    let whole = gaps
        .iter()
        .filter(|g| g.share >= 1.0 - tol)
        .map(|g| g.name.clone());
    let part = gaps
        .iter()
        .filter(|g| g.share < 1.0 - tol)
        .map(|g| format!("{} of {}", pct(g.share), g.name));
    let parts: Vec<String> = whole.chain(part).collect();
    if parts.len() > 6 {
        let shown = parts.iter().take(5).cloned().collect::<Vec<_>>();
        format!("{} and {} more areas", shown.join(", "), parts.len() - 5)
    } else {
        and_list(&parts)
    }
}

/// "A, B, C and 4 more".
fn short_list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        and_list(items)
    } else {
        format!(
            "{} and {} more",
            items
                .iter()
                .take(max)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            items.len() - max
        )
    }
}

/// Partnerships whose footprint is the point of comparison for wider members: the
/// strategic, area-wide ones (not district CSPs or thematic groups, which every
/// county-wide body naturally exceeds).
fn is_strategic(kind: &BodyKind) -> bool {
    matches!(
        kind,
        BodyKind::Lsp | BodyKind::ExecutiveBoard | BodyKind::CombinedAuthority
    )
}

fn people_phrase(people: u64) -> String {
    if people == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", thousands(people))
    }
}

/// A finding with no bodies, areas, responsibilities or people yet. (Its eight fields are
/// all required; a builder would only restate them.)
#[allow(clippy::too_many_arguments)]
fn finding(
    id: String,
    category: Category,
    kind: &'static str,
    level: Level,
    title: String,
    detail: String,
    why: impl Into<String>,
    group: GroupKey,
) -> Finding {
    Finding {
        id,
        category,
        kind,
        level,
        title,
        detail,
        why: why.into(),
        bodies: vec![],
        areas: vec![],
        responsibilities: vec![],
        people: None,
        group,
    }
}

/// Runs every analysis and writes the findings, one family at a time.
///
/// ```
/// use pmap_core::{load, findings::{analyse, Level}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "responsibilities":[{"id":"rs","name":"Rough sleeping outreach","statutory":false}]}"#)
///   .unwrap().model;
/// let r = analyse(&m);
/// assert_eq!(r.findings[0].title, "Nobody owns “Rough sleeping outreach”");
/// assert_eq!(r.findings[0].level, Level::Medium);
/// ```
pub fn analyse(model: &Model) -> Report {
    let atlas = atlas(model);
    let cent = centrality(model);
    let mut f = split_findings(model);
    f.extend(sliver_findings(model));
    f.extend(service_alignment_findings(model, &atlas));
    f.extend(membership_findings(model));
    f.extend(sector_gap_findings(model));
    f.extend(member_boundary_findings(model));
    f.extend(orphan_findings(model));
    f.extend(single_point_findings(model, &cent));
    f.extend(governance_findings(model));
    crate::order::sort_by(&mut f, |a, b| {
        a.level
            .cmp(&b.level)
            .then(a.category.cmp(&b.category))
            .then(b.people.unwrap_or(0).cmp(&a.people.unwrap_or(0)))
            .then(a.id.cmp(&b.id))
    });
    let mut counts = BTreeMap::new();
    for x in &f {
        *counts.entry(x.category).or_insert(0) += 1;
    }
    Report {
        findings: f,
        centrality: cent,
        counts,
        atlas,
    }
}

/// "NHS Surrey Heartlands ICB 1.2% (1,940 people)", for a list of slivers of one area.
fn sliver_list(model: &Model, s: &Split) -> String {
    let items: Vec<String> = s
        .slivers
        .iter()
        .map(|(id, sh)| {
            let people = s
                .people
                .map(|p| format!(" ({})", people_phrase((p as f64 * sh).round() as u64)))
                .unwrap_or_default();
            format!("{} {}{people}", model.name_of(id), pct_fine(*sh))
        })
        .collect();
    and_list(&items)
}

/// `split_area`: an area divided between service bodies of one kind.
fn split_findings(model: &Model) -> Vec<Finding> {
    let tol = model.tolerance();
    splits(model)
        .into_iter()
        .map(|s| {
            let many = kind_many(&s.kind);
            let parts: Vec<String> = s
                .parts
                .iter()
                .map(|(id, sh)| format!("{} {}", model.name_of(id), pct(*sh)))
                .collect();
            let of_people = s
                .people
                .map(|p| format!(" ({})", people_phrase(p)))
                .unwrap_or_default();
            let ignored = if s.slivers.is_empty() {
                String::new()
            } else {
                format!(
                    " Ignored as slivers (each under {} of the area's people): {}.",
                    tol_phrase(tol),
                    sliver_list(model, &s)
                )
            };
            let mut x = finding(
                format!("split:{}:{}", s.area, s.kind.as_str()),
                Category::Coterminosity,
                "split_area",
                if s.kind.sector().is_statutory_partner() { Level::High } else { Level::Medium },
                format!("{} is split between {} {many}", s.name, s.parts.len()),
                format!("{}{of_people} is divided: {}.{ignored}", s.name, and_list(&parts)),
                format!("Residents of one area deal with different {many} depending on where they live, so plans, data and services have to be joined up across the line."),
                GroupKey::new(
                    format!("split_area:{}", s.kind.as_str()),
                    format!("area is split between {many}"),
                    format!("areas are split between {many}"),
                ),
            );
            x.bodies = s.parts.iter().chain(&s.slivers).map(|(id, _)| id.clone()).collect();
            x.areas = vec![s.area.clone()];
            x.people = s.people;
            x
        })
        .collect()
}

/// `sliver`: a piece of an area under the tolerance that another body of the kind
/// covers; listed at the level of the area, so nothing is dropped silently.
fn sliver_findings(model: &Model) -> Vec<Finding> {
    let tol = model.tolerance();
    slivers(model)
        .into_iter()
        .map(|s| {
            let one = kind_one(&s.kind);
            let main = s
                .parts
                .first()
                .map(|(id, _)| format!(" The figures treat {} as wholly in {}.", s.name, model.name_of(id)))
                .unwrap_or_default();
            let mut x = finding(
                format!("sliver:{}:{}", s.area, s.kind.as_str()),
                Category::Coterminosity,
                "sliver",
                Level::Low,
                format!("{}: ignored as {}: {}", s.name, if s.slivers.len() == 1 { "a sliver" } else { "slivers" }, sliver_list(model, &s)),
                format!(
                    "{} of {} lies in {} but is under the sliver tolerance ({} of the area's people), so it is left out of every figure.{main}",
                    and_list(&s.slivers.iter().map(|(_, sh)| pct_fine(*sh)).collect::<Vec<_>>()),
                    s.name,
                    and_list(&s.slivers.iter().map(|(id, _)| model.name_of(id)).collect::<Vec<_>>()),
                    tol_phrase(tol),
                ),
                "A sliver is usually a boundary drawn slightly differently (shares built from small areas); it is listed so that nothing is dropped without a word. meta.sliver_tolerance sets the threshold.",
                GroupKey::new(
                    format!("sliver:{}", s.kind.as_str()),
                    format!("area has a sliver in another {one}, ignored"),
                    format!("areas have a sliver in another {one}, ignored"),
                ),
            );
            x.bodies = s.parts.iter().chain(&s.slivers).map(|(id, _)| id.clone()).collect();
            x.areas = vec![s.area.clone()];
            x.people = s.people.map(|p| {
                let sh: f64 = s.slivers.iter().map(|(_, sh)| sh).sum();
                (p as f64 * sh).round() as u64
            });
            x
        })
        .collect()
}

/// The statutory services compared with one another for findings. Lower-tier councils
/// are left out: at district level a crossing is a split area, which has its own finding.
/// A police and crime commissioner's area is the police force area by law, so PCCs are
/// compared only in a map that has no police force areas.
fn statutory_layers(atlas: &Atlas) -> Vec<&LayerInfo> {
    let has_police = atlas
        .layers
        .iter()
        .any(|l| l.layer == Layer::Kind(BodyKind::PoliceForce));
    atlas
        .layers
        .iter()
        .filter(|l| match &l.layer {
            Layer::Kind(BodyKind::Pcc) => !has_police,
            Layer::Kind(
                BodyKind::PoliceForce
                | BodyKind::FireAuthority
                | BodyKind::Icb
                | BodyKind::Probation,
            )
            | Layer::UpperTierCouncil => true,
            _ => false,
        })
        .collect()
}

/// `service_misaligned`: a statutory service whose footprint is misaligned with another
/// statutory service's, where more than the tolerance of its people live in parts that a
/// B body cuts (one that neither nests in it nor holds most of it). For each pair of
/// services, the rows are the service with fewer bodies (the larger footprints), so each
/// crossing is told once: "Thames Valley (police force area) is cut across by NHS Frimley
/// Integrated Care Board".
fn service_alignment_findings(model: &Model, atlas: &Atlas) -> Vec<Finding> {
    let present = statutory_layers(atlas);
    let mut out = Vec::new();
    for (i, x) in present.iter().enumerate() {
        for y in present.iter().skip(i + 1) {
            // Fewer bodies first; ties keep the standard order.
            let (a, b) = if y.bodies < x.bodies { (y, x) } else { (x, y) };
            let Some(cell) = atlas.cell(&a.layer, &b.layer) else {
                continue;
            };
            let tol = model.tolerance();
            // Only where the crossing reaches A's own people: an ICB whose county council
            // mostly lies inside it is crossed only at the county's far edge, which the
            // county's neighbour reports.
            for row in cell
                .rows_of(Class::Misaligned)
                .filter(|r| r.cut() > tol * r.size)
            {
                out.push(misaligned_row_finding(model, &cell.a, &cell.b, row));
            }
        }
    }
    out
}

fn misaligned_row_finding(model: &Model, la: &Layer, lb: &Layer, row: &Row) -> Finding {
    let tol = model.tolerance();
    let aname = model.body_name(row.a).to_string();
    let aid = model.body(row.a).map(|b| b.id.clone()).unwrap_or_default();
    let cutting: Vec<_> = row.b.iter().filter(|s| !s.nests).collect();
    let items: Vec<String> = row
        .b
        .iter()
        .map(|s| {
            let bname = model.body_name(s.body);
            let inside = s
                .people_shared
                .map(|p| format!(" ({})", people_phrase(p)))
                .unwrap_or_default();
            if s.nests {
                format!("{bname} lies within it, {} of it{inside}", pct(s.a_in_b))
            } else {
                let outside = match s.people_outside {
                    Some(p) => format!(", and {} more of its people live outside it", thousands(p)),
                    None => format!(", and {} of it lies outside", pct(1.0 - s.b_in_a)),
                };
                format!(
                    "{bname} serves {} of it{inside}{outside}",
                    pct_fine(s.a_in_b)
                )
            }
        })
        .collect();
    let slivers = if row.slivers.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = row
            .slivers
            .iter()
            .map(|s| {
                let people = s
                    .people
                    .map(|p| format!(" ({})", people_phrase(p)))
                    .unwrap_or_default();
                format!(
                    "{} of {} in {}{people}",
                    pct_fine(s.share),
                    model.area_name(s.area),
                    model.body_name(s.body)
                )
            })
            .collect();
        format!(
            " Ignored as slivers (each under {} of an area's people): {}.",
            tol_phrase(tol),
            and_list(&list)
        )
    };
    let aligned = match row.people() {
        Some(_) => format!(
            " {} of its people ({}) live where the two line up.",
            pct(row.aligned_share()),
            thousands(whole_people(row.aligned))
        ),
        None => format!(
            " {} of it lies where the two line up.",
            pct(row.aligned_share())
        ),
    };
    let uncovered = if row.uncovered > 0.0 {
        match row.people() {
            Some(_) => format!(
                " No {} covers {} of it ({}).",
                lb.one(),
                pct(row.uncovered / row.size),
                people_phrase(whole_people(row.uncovered))
            ),
            None => format!(
                " No {} covers {} of it.",
                lb.one(),
                pct(row.uncovered / row.size)
            ),
        }
    } else {
        String::new()
    };
    let bmany = lb.many();
    let cut_names: Vec<String> = cutting
        .iter()
        .map(|s| model.body_name(s.body).to_string())
        .collect();
    let n = row.b.len();
    let mut x = finding(
        format!("alignment:{}:{}:{aid}", la.as_str(), lb.as_str()),
        Category::Coterminosity,
        "service_misaligned",
        Level::Medium,
        format!("{aname} ({}) is cut across by {}", la.one(), short_list(&cut_names, 2)),
        format!(
            "{n} {} serve{} parts of {aname}: {}.{uncovered}{aligned}{slivers}",
            if n == 1 { lb.one().to_string() } else { bmany.clone() },
            if n == 1 { "s" } else { "" },
            items.join("; "),
        ),
        format!(
            "Both are statutory services for the same residents. Where a {}'s boundary crosses the {}'s, joint plans, data sharing and commissioning must be split across the line and agreed with more than one partner.",
            lb.one(),
            la.one()
        ),
        GroupKey::new(
            format!("service_misaligned:{}:{}", la.as_str(), lb.as_str()),
            format!("{} is cut across by {bmany}", la.one()),
            format!("{} are cut across by {bmany}", la.many()),
        ),
    );
    x.bodies = std::iter::once(aid)
        .chain(
            row.b
                .iter()
                .filter_map(|s| model.body(s.body).map(|b| b.id.clone())),
        )
        .collect();
    let cut_bodies: Vec<usize> = cutting.iter().map(|s| s.body).collect();
    x.areas = model
        .footprint(row.a)
        .iter()
        .filter(|&&(ax, _)| {
            cut_bodies
                .iter()
                .any(|&b| crate::analysis::coverage::share_of(model.footprint(b), ax) > tol)
        })
        .filter_map(|&(ax, _)| model.area(ax).map(|a| a.code.clone()))
        .collect();
    x.people = row.people().map(|_| whole_people(row.cut()));
    x
}

/// `membership_not_recorded`: a partnership with no recorded members gets this one low
/// finding instead of a sector gap for every sector.
fn membership_findings(model: &Model) -> Vec<Finding> {
    model
        .partnerships()
        .filter(|&p| model.members(p).is_empty())
        .filter_map(|p| {
            let b = model.body(p)?;
            let one = kind_one(&b.kind);
            let many = kind_many(&b.kind);
            let mut x = finding(
                format!("membership:{}", b.id),
                Category::Structure,
                "membership_not_recorded",
                Level::Low,
                format!("{}: membership not recorded", b.name),
                format!(
                    "The map records no members of {} (no member_of or chairs links), so whether every statutory partner sits at its table cannot be checked.",
                    b.name
                ),
                "Record its members to check them against its area; until then the map cannot say who is missing.",
                GroupKey::new(
                    format!("membership_not_recorded:{}", b.kind.as_str()),
                    format!("{one} has no recorded members"),
                    format!("{many} have no recorded members"),
                ),
            );
            x.bodies = vec![b.id.clone()];
            Some(x)
        })
        .collect()
}

/// `sector_gap`: part of a partnership's area that no member of a statutory sector covers
/// (only where members are recorded).
fn sector_gap_findings(model: &Model) -> Vec<Finding> {
    let tol = model.tolerance();
    sector_gaps(model)
        .into_iter()
        .map(|g| {
            let pname = model.name_of(&g.partnership);
            let pkind = model
                .body_index(&g.partnership)
                .and_then(|i| model.body(i))
                .map_or(BodyKind::Other(String::new()), |b| b.kind.clone());
            let sector = g.sector.noun();
            let who = if g.members.is_empty() {
                format!("{pname} has no {sector} member at all")
            } else {
                let names: Vec<String> = g.members.iter().map(|m| model.name_of(m)).collect();
                format!("its {sector} members ({}) do not cover them", and_list(&names))
            };
            let fill = if g.could_fill.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = g.could_fill.iter().map(|m| model.name_of(m)).collect();
                if names.len() == 1 {
                    format!(" {} covers them but is not a member.", and_list(&names))
                } else {
                    format!(" {} cover them but are not members.", and_list(&names))
                }
            };
            let (gkey, one, many) = if g.members.is_empty() {
                (
                    "none",
                    format!("{} has no {sector} member", kind_one(&pkind)),
                    format!("{} have no {sector} member", kind_many(&pkind)),
                )
            } else {
                (
                    "part",
                    format!("{}'s {sector} members leave part of its area uncovered", kind_one(&pkind)),
                    format!("{}' {sector} members leave part of their area uncovered", kind_many(&pkind)),
                )
            };
            let mut bodies = vec![g.partnership.clone()];
            bodies.extend(g.members.iter().cloned());
            bodies.extend(g.could_fill.iter().cloned());
            let mut x = finding(
                format!("gap:{}:{}", g.partnership, g.sector.as_str()),
                Category::Coterminosity,
                "sector_gap",
                if g.statutory { Level::High } else { Level::Medium },
                format!("{pname}: no {sector} member covers {}", describe_gaps(&g.uncovered, tol)),
                format!(
                    "{} in {} live in {pname}'s area, but {who}.{fill}",
                    amount(g.people, g.areas),
                    describe_gaps(&g.uncovered, tol),
                ),
                if g.statutory {
                    format!("{} is a statutory partner here; without it at the table, the partnership's decisions do not reach these residents.", g.sector.label())
                } else {
                    "Part of the partnership's area has no partner from this sector to act on what it agrees.".to_string()
                },
                GroupKey::new(
                    format!("sector_gap:{}:{}:{gkey}", pkind.as_str(), g.sector.as_str()),
                    one,
                    many,
                ),
            );
            x.bodies = bodies;
            x.areas = g.uncovered.iter().map(|a| a.code.clone()).collect();
            x.people = g.people;
            x
        })
        .collect()
}

/// `misaligned_member` (one per member whose boundary cuts across its partnerships) and
/// `members_serve_wider_area` (one per strategic partnership whose members reach beyond it).
fn member_boundary_findings(model: &Model) -> Vec<Finding> {
    let tol = model.tolerance();
    let mut f = Vec::new();
    let all_spills = spills(model);
    let mut misaligned: BTreeMap<String, Vec<&Spill>> = BTreeMap::new();
    let mut larger: BTreeMap<String, Vec<&Spill>> = BTreeMap::new();
    for s in &all_spills {
        if s.relation == Relation::Misaligned {
            misaligned.entry(s.member.clone()).or_default().push(s);
        } else if model
            .body_index(&s.partnership)
            .and_then(|i| model.body(i))
            .is_some_and(|b| is_strategic(&b.kind))
        {
            larger.entry(s.partnership.clone()).or_default().push(s);
        }
    }
    // The size a footprint is compared by: people where known, areas otherwise (never a
    // mix of the two).
    let size = |id: &str| {
        model.body_index(id).map_or(0.0, |i| {
            let cells = model.footprint(i);
            if cells.iter().all(|&(x, _)| model.population(x).is_some()) {
                cells
                    .iter()
                    .map(|&(x, sh)| model.population(x).unwrap_or(0.0) * sh)
                    .sum::<f64>()
            } else {
                cells.iter().map(|&(_, sh)| sh).sum::<f64>()
            }
        })
    };
    for (member, list) in misaligned {
        // Describe it against the widest partnership it cuts across.
        let Some(widest) = list
            .iter()
            .max_by(|a, b| size(&a.partnership).total_cmp(&size(&b.partnership)))
        else {
            continue;
        };
        let (Some(mi), Some(wi)) = (
            model.body_index(&member),
            model.body_index(&widest.partnership),
        ) else {
            continue;
        };
        let partnerships: Vec<String> =
            list.iter().map(|s| model.name_of(&s.partnership)).collect();
        let mut bodies = vec![member.clone()];
        bodies.extend(list.iter().map(|s| s.partnership.clone()));
        let r = compare(model, mi, wi);
        let by_people = r.weighting == crate::analysis::coterminosity::Weighting::Population;
        let inside = if r.only_b.is_empty() {
            String::new()
        } else {
            let areas: f64 = r.only_b.iter().map(|g| g.share).sum();
            format!(
                " It does not cover {} ({}) inside it.",
                describe_gaps(&r.only_b, tol),
                amount(by_people.then_some(r.people_only_b), areas)
            )
        };
        let outside_areas: f64 = widest.outside.iter().map(|g| g.share).sum();
        let mkind = model
            .body(mi)
            .map_or(BodyKind::Other(String::new()), |b| b.kind.clone());
        let mut x = finding(
            format!("misaligned:{member}"),
            Category::Coterminosity,
            "misaligned_member",
            Level::Medium,
            format!("{}'s boundary cuts across {}", model.name_of(&member), short_list(&partnerships, 3)),
            format!(
                "{} of the people {} serves ({}) live outside {}: {}.{inside}",
                pct(widest.share_outside),
                model.name_of(&member),
                amount(widest.people, outside_areas),
                model.name_of(&widest.partnership),
                describe_gaps(&widest.outside, tol),
            ),
            "Its boundary crosses the partnership's, so it answers to several tables and its plans match none of them.",
            GroupKey::new(
                format!("misaligned_member:{}", mkind.as_str()),
                format!("{} cuts across the partnerships it belongs to", kind_one(&mkind)),
                format!("{} cut across the partnerships they belong to", kind_many(&mkind)),
            ),
        );
        x.bodies = bodies;
        x.areas = widest
            .outside
            .iter()
            .chain(&r.only_b)
            .map(|a| a.code.clone())
            .collect();
        x.people = match (widest.people, by_people) {
            (Some(p), true) => Some(p + r.people_only_b),
            _ => None,
        };
        f.push(x);
    }
    for (partnership, list) in larger {
        let mut areas: Vec<AreaGap> = Vec::new();
        for s in &list {
            for a in &s.outside {
                if !areas.iter().any(|x| x.code == a.code) {
                    areas.push(a.clone());
                }
            }
        }
        let members: Vec<String> = list.iter().map(|s| model.name_of(&s.member)).collect();
        let people = if list.iter().all(|s| s.people.is_some()) {
            list.iter().filter_map(|s| s.people).max()
        } else {
            None
        };
        let area_count: f64 = areas.iter().map(|a| a.share).sum();
        let pkind = model
            .body_index(&partnership)
            .and_then(|i| model.body(i))
            .map_or(BodyKind::Other(String::new()), |b| b.kind.clone());
        let mut bodies = vec![partnership.clone()];
        bodies.extend(list.iter().map(|s| s.member.clone()));
        let mut x = finding(
            format!("wider:{partnership}"),
            Category::Coterminosity,
            "members_serve_wider_area",
            Level::Low,
            format!(
                "{} {} of {} also serve{} areas outside it",
                list.len(),
                if list.len() == 1 { "member" } else { "members" },
                model.name_of(&partnership),
                if list.len() == 1 { "s" } else { "" },
            ),
            format!(
                "{} also cover {} ({}), which {} outside {}.",
                and_list(&members),
                describe_gaps(&areas, tol),
                amount(people, area_count),
                if areas.len() == 1 { "is" } else { "are" },
                model.name_of(&partnership),
            ),
            "Bodies with a wider area sit on several partnerships; joint plans and data will not match their own.",
            GroupKey::new(
                format!("members_serve_wider_area:{}", pkind.as_str()),
                format!("{} has members that also serve areas outside it", kind_one(&pkind)),
                format!("{} have members that also serve areas outside them", kind_many(&pkind)),
            ),
        );
        x.bodies = bodies;
        x.areas = areas.iter().map(|a| a.code.clone()).collect();
        x.people = people;
        f.push(x);
    }
    f
}

/// The orphaned-responsibility family: one finding per orphan, except that owners with no
/// route to an elected body get one finding each, listing their responsibilities.
fn orphan_findings(model: &Model) -> Vec<Finding> {
    let tol = model.tolerance();
    let name = |id: &str| model.name_of(id);
    let mut f = Vec::new();
    let mut unaccountable: BTreeMap<String, (Vec<String>, AccountabilityPath)> = BTreeMap::new();
    for o in orphans(model) {
        if let Orphan::UnaccountableOwner {
            responsibility,
            owner,
            path,
        } = o
        {
            let e = unaccountable
                .entry(owner)
                .or_insert_with(|| (Vec::new(), path));
            e.0.push(responsibility);
        } else {
            f.push(orphan_finding(model, &o, &name, tol));
        }
    }
    for (owner, (resps, path)) in unaccountable {
        let rnames: Vec<String> = resps
            .iter()
            .map(|r| {
                format!(
                    "“{}”",
                    find_resp(model, r).map_or_else(|| r.clone(), |x| x.name.clone())
                )
            })
            .collect();
        let trail = match &path {
            AccountabilityPath::DeadEnd { reached, ends } => {
                let others: Vec<String> = reached
                    .iter()
                    .filter(|b| **b != owner)
                    .map(|b| name(b))
                    .collect();
                let stops: Vec<String> = ends.iter().map(|b| name(b)).collect();
                if others.is_empty() {
                    " It has no accountability link to any other body.".to_string()
                } else if others == stops {
                    format!(
                        " Its accountability links lead only to {}, which {} none of {} own: no elected body is on the way.",
                        and_list(&others),
                        if others.len() == 1 { "has" } else { "have" },
                        if others.len() == 1 { "its" } else { "their" },
                    )
                } else {
                    format!(
                        " Its accountability links lead only to {}, and stop at {}: no elected body is on the way.",
                        and_list(&others),
                        and_list(&stops)
                    )
                }
            }
            _ => String::new(),
        };
        let mut bodies = vec![owner.clone()];
        if let AccountabilityPath::DeadEnd { reached, .. } = &path {
            bodies.extend(reached.iter().filter(|e| **e != owner).cloned());
        }
        let mut x = finding(
            format!("unaccountable:{owner}"),
            Category::Orphan,
            "unaccountable_owner",
            Level::Medium,
            format!(
                "No route from {} to anyone local people elect",
                name(&owner)
            ),
            format!(
                "{} owns part of {}.{trail}",
                name(&owner),
                and_list(&rnames)
            ),
            "Local people cannot hold anyone they elect to account for this work.",
            unaccountable_group(),
        );
        x.bodies = bodies;
        x.responsibilities = resps;
        f.push(x);
    }
    f
}

fn unaccountable_group() -> GroupKey {
    GroupKey::new(
        "unaccountable_owner",
        "owner has no route to anyone local people elect",
        "owners have no route to anyone local people elect",
    )
}

/// `single_point_of_failure`: bodies whose departure would split the network.
fn single_point_findings(model: &Model, cent: &[Centrality]) -> Vec<Finding> {
    let mut spof: Vec<&Centrality> = cent.iter().filter(|c| c.would_cut_off > 0).collect();
    crate::order::sort_by(&mut spof, |a, b| {
        b.would_cut_off
            .cmp(&a.would_cut_off)
            .then(b.betweenness.total_cmp(&a.betweenness))
    });
    spof.into_iter()
        .map(|c| {
            let name = model.name_of(&c.body);
            let mut x = finding(
                format!("spof:{}", c.body),
                Category::Structure,
                "single_point_of_failure",
                Level::Low,
                format!("{name} is a single point of failure"),
                format!(
                    "If {name} stepped away, {} would lose their only link to the rest of the partnership. It lies on {} of the shortest routes between other bodies.",
                    if c.would_cut_off == 1 { "1 body".to_string() } else { format!("{} bodies", c.would_cut_off) },
                    pct(c.betweenness),
                ),
                "Everything that passes between those bodies and the rest depends on one organisation; a second link makes the partnership resilient.",
                GroupKey::new(
                    "single_point_of_failure",
                    "body is a single point of failure",
                    "bodies are single points of failure",
                ),
            );
            x.bodies = vec![c.body.clone()];
            x
        })
        .collect()
}

fn find_resp<'m>(model: &'m Model, id: &str) -> Option<&'m crate::model::Responsibility> {
    model
        .responsibility_index(id)
        .and_then(|i| model.file().responsibilities.get(i))
}

fn orphan_finding(model: &Model, o: &Orphan, name: &dyn Fn(&str) -> String, tol: f64) -> Finding {
    let resp = |id: &str| find_resp(model, id);
    let rname = |id: &str| resp(id).map_or_else(|| id.to_string(), |r| r.name.clone());
    let statutory = |id: &str| resp(id).is_some_and(|r| r.statutory);
    let basis = |id: &str| {
        resp(id)
            .and_then(|r| r.legal_basis.clone())
            .map(|b| format!(" ({b})"))
            .unwrap_or_default()
    };
    let base =
        |id: String, kind: &'static str, level: Level, title: String, detail: String, why: &str| {
            finding(
                id,
                Category::Orphan,
                kind,
                level,
                title,
                detail,
                why,
                orphan_group(kind),
            )
        };
    match o {
        Orphan::NoOwner { responsibility: r } => {
            let mut x = base(
                format!("no-owner:{r}"),
                "no_owner",
                if statutory(r) { Level::High } else { Level::Medium },
                format!("Nobody owns “{}”", rname(r)),
                format!("“{}”{} has no owner in the map: no body leads, contributes to, commissions or delivers it.", rname(r), basis(r)),
                "A duty nobody owns is a duty nobody does; it surfaces only when something goes wrong.",
            );
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::NoLead {
            responsibility: r,
            owners,
        } => {
            let names: Vec<String> = owners.iter().map(|b| name(b)).collect();
            let mut x = base(
                format!("no-lead:{r}"),
                "no_lead",
                if statutory(r) {
                    Level::High
                } else {
                    Level::Medium
                },
                format!("“{}” has owners but no lead", rname(r)),
                format!(
                    "{} take part in “{}”, but none of them leads it.",
                    and_list(&names),
                    rname(r)
                ),
                "When everyone contributes and no one leads, the work falls between the bodies.",
            );
            x.bodies.clone_from(owners);
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::PartialLead {
            responsibility: r,
            leads,
            uncovered,
            people,
            uncovered_areas,
        } => {
            let names: Vec<String> = leads.iter().map(|b| name(b)).collect();
            let mut x = base(
                format!("partial-lead:{r}"),
                "partial_lead",
                if statutory(r) {
                    Level::High
                } else {
                    Level::Medium
                },
                format!(
                    "The lead on “{}” does not cover {}",
                    rname(r),
                    describe_gaps(uncovered, tol)
                ),
                format!(
                    "{} {} “{}”, but {} in {} fall outside {} area.",
                    and_list(&names),
                    if names.len() == 1 { "leads" } else { "lead" },
                    rname(r),
                    amount(*people, *uncovered_areas),
                    describe_gaps(uncovered, tol),
                    if names.len() == 1 { "its" } else { "their" },
                ),
                "Residents outside the lead's area are in scope but nobody is answerable for them.",
            );
            x.bodies.clone_from(leads);
            x.areas = uncovered.iter().map(|a| a.code.clone()).collect();
            x.responsibilities = vec![r.clone()];
            x.people = *people;
            x
        }
        Orphan::SeveralLeads {
            responsibility: r,
            leads,
            areas,
        } => {
            let names: Vec<String> = leads.iter().map(|b| name(b)).collect();
            let area_names: Vec<String> = areas.iter().map(|a| a.name.clone()).collect();
            let mut x = base(
                format!("several-leads:{r}"),
                "several_leads",
                Level::Medium,
                format!("“{}” has more than one lead in {}", rname(r), and_list(&area_names)),
                format!("{} each lead “{}” over the same people in {}.", and_list(&names), rname(r), and_list(&area_names)),
                "Two leads for the same people means duplicated effort, or each assuming the other is acting.",
            );
            x.bodies.clone_from(leads);
            x.areas = areas.iter().map(|a| a.code.clone()).collect();
            x.responsibilities = vec![r.clone()];
            x
        }
        // Grouped by owner in `analyse`; this arm only keeps the match exhaustive.
        Orphan::UnaccountableOwner {
            responsibility: r,
            owner,
            ..
        } => {
            let mut x = base(
                format!("unaccountable:{owner}"),
                "unaccountable_owner",
                Level::Medium,
                format!("No route from {} to anyone local people elect", name(owner)),
                format!("{} owns part of “{}”.", name(owner), rname(r)),
                "Local people cannot hold anyone they elect to account for this work.",
            );
            x.bodies = vec![owner.clone()];
            x.responsibilities = vec![r.clone()];
            x
        }
        Orphan::UnreportingGroup { group, accountable } => {
            let mut x = base(
                format!("unreporting:{group}"),
                "unreporting_group",
                Level::Medium,
                format!("{} reports to no board", name(group)),
                format!(
                    "{} is a thematic group with no “reports to” or “sub-group of” link, so its work does not feed into the partnership's decisions.{}",
                    name(group),
                    if *accountable { "" } else { " Nor does it have any route to an elected body." }
                ),
                "A group that reports to nobody can agree things that nobody acts on.",
            );
            x.bodies = vec![group.clone()];
            x
        }
        Orphan::DanglingTarget {
            agreement,
            target,
            named,
        } => {
            let aname = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .map_or_else(|| agreement.clone(), |a| a.name.clone());
            let tname = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .and_then(|a| a.targets.iter().find(|t| &t.id == target))
                .map_or_else(|| target.clone(), |t| t.name.clone());
            let mut x = base(
                format!("dangling-target:{agreement}:{target}"),
                "dangling_target",
                Level::Low,
                format!("Target {target} of {aname} points at nothing"),
                match named {
                    Some(n) => format!(
                        "“{tname}” names the responsibility “{n}”, which is not in the map."
                    ),
                    None => format!("“{tname}” is not linked to any responsibility."),
                },
                "A target with no responsibility behind it has no owner to deliver it.",
            );
            x.bodies = model
                .file()
                .agreements
                .iter()
                .find(|a| &a.id == agreement)
                .map(|a| a.parties.clone())
                .unwrap_or_default();
            x
        }
    }
}

/// The group of an orphan finding: one per kind.
fn orphan_group(kind: &str) -> GroupKey {
    match kind {
        "no_owner" => GroupKey::new(
            kind,
            "responsibility has no owner",
            "responsibilities have no owner",
        ),
        "no_lead" => GroupKey::new(
            kind,
            "responsibility has owners but no lead",
            "responsibilities have owners but no lead",
        ),
        "partial_lead" => GroupKey::new(
            kind,
            "responsibility's lead does not cover all of its scope",
            "responsibilities' leads do not cover all of their scope",
        ),
        "several_leads" => GroupKey::new(
            kind,
            "responsibility has more than one lead",
            "responsibilities have more than one lead",
        ),
        "unaccountable_owner" => unaccountable_group(),
        "unreporting_group" => GroupKey::new(
            kind,
            "thematic group reports to no board",
            "thematic groups report to no board",
        ),
        "dangling_target" => GroupKey::new(
            kind,
            "agreement target points at nothing",
            "agreement targets point at nothing",
        ),
        _ => GroupKey::new(kind, kind.replace('_', " "), kind.replace('_', " ")),
    }
}

/// Governance health (partnership load, formal footing, partnership types, pooled budgets),
/// written in [`health`].
fn governance_findings(model: &Model) -> Vec<Finding> {
    health::findings(model)
}
