//! The map file as written: plain serde types that round-trip losslessly.
//!
//! These types hold exactly what a file says. Checking what it *means* (that ids exist,
//! dates parse, reporting lines have no cycles) is [`crate::validate`]'s job, and
//! [`crate::index::Model`] is the checked, indexed form the analyses use.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "partnership-map";
/// The newest format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole map file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapFile {
    /// Always `"partnership-map"`.
    pub format: String,
    /// Format version; currently 1.
    pub version: u32,
    /// Title, description and provenance.
    #[serde(default)]
    pub meta: Meta,
    /// The base geographic units (usually districts).
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Councils, agencies, partnerships and other organisations.
    #[serde(default)]
    pub bodies: Vec<Body>,
    /// Relations between bodies.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Duties and outcomes, and who owns them.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// LAAs, MAAs and other agreements, with their targets.
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    /// Optional people and the partnership boards they sit on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Optional budgets, pooled or not, and who contributes to them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<Budget>,
    /// An optional guided tour written by the map's author.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tour: Vec<TourStep>,
    /// Optional boundaries: area code → GeoJSON geometry (Polygon or MultiPolygon, WGS84
    /// longitude/latitude), for the map view.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub boundaries: std::collections::BTreeMap<String, serde_json::Value>,
}

impl Default for MapFile {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_string(),
            version: FORMAT_VERSION,
            meta: Meta::default(),
            areas: Vec::new(),
            bodies: Vec::new(),
            links: Vec::new(),
            responsibilities: Vec::new(),
            agreements: Vec::new(),
            people: Vec::new(),
            budgets: Vec::new(),
            tour: Vec::new(),
            boundaries: std::collections::BTreeMap::new(),
        }
    }
}

/// Descriptive information about a map.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// A short title, e.g. "Hampshire & Isle of Wight partnership".
    #[serde(default)]
    pub title: String,
    /// A paragraph saying what the map shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<String>,
    /// Licence and attribution text for the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// Which population estimate the `population` fields hold (e.g. "ONS mid-2023").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population_source: Option<String>,
    /// Sliver tolerance for coterminosity, as a fraction (default 0.02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sliver_tolerance: Option<f64>,
    /// The number of boards above which a body or person's partnership load is a finding
    /// (default [`DEFAULT_LOAD_THRESHOLD`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_threshold: Option<u32>,
}

/// The partnership load threshold when `meta.load_threshold` is not given: more than five
/// boards is a finding.
pub const DEFAULT_LOAD_THRESHOLD: u32 = 5;

/// A base geographic unit, identified by its ONS GSS code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// GSS code, e.g. `E07000089`.
    pub code: String,
    /// Name, e.g. "Hart".
    pub name: String,
    /// `lad`, `ward`, `lsoa`, or another unit name.
    #[serde(default = "default_area_kind")]
    pub kind: String,
    /// Resident population, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// The code of the area this one sits inside (e.g. a ward's district), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Areas this one counts as touching besides any shared boundary: islands joined by a
    /// crossing (the Isle of Wight to Portsmouth and Southampton), or adjacency on a map
    /// without boundaries. Symmetric: a link stated on either side counts for both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub neighbours: Vec<String>,
}

fn default_area_kind() -> String {
    "lad".to_string()
}

/// One covered area, with the share of its population that is covered.
///
/// In a file it is either a bare code (`"E07000089"`, meaning all of it) or an object
/// (`{"area": "E07000089", "share": 0.7627}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "CoverageRepr", into = "CoverageRepr")]
pub struct Coverage {
    /// GSS code of the area.
    pub area: String,
    /// Share of the area's population covered, in (0, 1]. `None` means all of it.
    pub share: Option<f64>,
}

impl Coverage {
    /// The share covered, with a missing share meaning all of it.
    pub fn fraction(&self) -> f64 {
        self.share.unwrap_or(1.0)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum CoverageRepr {
    Code(String),
    Full {
        area: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        share: Option<f64>,
    },
}

impl From<CoverageRepr> for Coverage {
    fn from(r: CoverageRepr) -> Self {
        match r {
            CoverageRepr::Code(area) => Coverage { area, share: None },
            CoverageRepr::Full { area, share } => Coverage { area, share },
        }
    }
}

impl From<Coverage> for CoverageRepr {
    fn from(c: Coverage) -> Self {
        match c.share {
            None => CoverageRepr::Code(c.area),
            share => CoverageRepr::Full {
                area: c.area,
                share,
            },
        }
    }
}

/// A council, agency, partnership or other organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// Author-chosen identifier, unique among bodies.
    pub id: String,
    /// Full name.
    pub name: String,
    /// What sort of body it is.
    pub kind: BodyKind,
    /// True for bodies whose members are elected (councils, PCCs, mayoral combined
    /// authorities). Accountability paths end at an elected body.
    #[serde(default)]
    pub elected: bool,
    /// The body's own GSS code, when it has one (e.g. `E23000030` for a police force area).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The areas it covers. Empty for a partnership means "inherit" (see the README).
    #[serde(default)]
    pub covers: Vec<Coverage>,
    /// First day the body existed in this form (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day the body existed in this form (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// Themes the body works on (for partnerships and thematic groups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// For partnerships: which of the four OPM types it is, which says how it is accountable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partnership_type: Option<PartnershipType>,
    /// A plain-English description for new members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the facts about this body come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when the body (or its details) are invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

impl Body {
    /// A body with just an id, a name and a kind (not elected, covering nothing, no dates).
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: BodyKind) -> Body {
        Body {
            id: id.into(),
            name: name.into(),
            kind,
            elected: false,
            code: None,
            covers: Vec::new(),
            valid_from: None,
            valid_to: None,
            theme: None,
            partnership_type: None,
            description: None,
            source: None,
            illustrative: false,
        }
    }
}

/// The four types of local strategic partnership named by the OPM evaluation of LSPs
/// (ODPM, 2005). Each is accountable in a different way. Unknown values in a file are kept as
/// [`PartnershipType::Other`] (with a warning), so nothing an author wrote is lost.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum PartnershipType {
    /// A forum with no power of its own; it draws its legitimacy from its members.
    Advisory,
    /// Has its own staff and budget; it must create its own accountability.
    Commissioning,
    /// Tries new ways of working.
    Laboratory,
    /// Builds networks in the community.
    CommunityEmpowerment,
    /// A type this version does not know, kept verbatim.
    Other(String),
}

impl PartnershipType {
    /// Every known type, in display order.
    pub const KNOWN: [PartnershipType; 4] = [
        PartnershipType::Advisory,
        PartnershipType::Commissioning,
        PartnershipType::Laboratory,
        PartnershipType::CommunityEmpowerment,
    ];

    /// The name used in files.
    pub fn as_str(&self) -> &str {
        match self {
            PartnershipType::Advisory => "advisory",
            PartnershipType::Commissioning => "commissioning",
            PartnershipType::Laboratory => "laboratory",
            PartnershipType::CommunityEmpowerment => "community_empowerment",
            PartnershipType::Other(s) => s,
        }
    }

    /// A plain-English label, which is also its glossary term.
    pub fn label(&self) -> &str {
        match self {
            PartnershipType::Advisory => "Advisory partnership",
            PartnershipType::Commissioning => "Commissioning partnership",
            PartnershipType::Laboratory => "Laboratory partnership",
            PartnershipType::CommunityEmpowerment => "Community empowerment partnership",
            PartnershipType::Other(_) => "Other type of partnership",
        }
    }
}

impl From<String> for PartnershipType {
    fn from(s: String) -> Self {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        PartnershipType::KNOWN
            .iter()
            .find(|k| k.as_str() == norm)
            .cloned()
            .unwrap_or(PartnershipType::Other(s))
    }
}

impl From<PartnershipType> for String {
    fn from(k: PartnershipType) -> Self {
        k.as_str().to_string()
    }
}

/// The kinds of body. Unknown kinds in a file are kept as [`BodyKind::Other`] (with a
/// warning), so nothing an author wrote is lost.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum BodyKind {
    CountyCouncil,
    DistrictCouncil,
    UnitaryCouncil,
    MetropolitanDistrict,
    LondonBorough,
    ParishCouncil,
    PoliceForce,
    Pcc,
    Icb,
    NhsTrust,
    FireAuthority,
    Probation,
    JobcentrePlus,
    VoluntaryCommunity,
    Business,
    Faith,
    Education,
    Housing,
    CentralDepartment,
    Lsp,
    ExecutiveBoard,
    ThematicGroup,
    ChildrensTrust,
    CommunitySafetyPartnership,
    HealthAndWellbeingBoard,
    CombinedAuthority,
    Lep,
    SkillsArea,
    /// A kind this version does not know, kept verbatim.
    Other(String),
}

/// The broad sector a body belongs to: used for colours, filters and statutory-partner
/// coverage checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Council,
    Police,
    Health,
    Fire,
    Probation,
    Employment,
    Voluntary,
    Business,
    Education,
    Housing,
    Central,
    Partnership,
    Other,
}

impl Sector {
    /// Every sector, in display order.
    pub const ALL: [Sector; 13] = [
        Sector::Council,
        Sector::Police,
        Sector::Health,
        Sector::Fire,
        Sector::Probation,
        Sector::Employment,
        Sector::Voluntary,
        Sector::Business,
        Sector::Education,
        Sector::Housing,
        Sector::Central,
        Sector::Partnership,
        Sector::Other,
    ];

    /// Stable lower-case name, also used as a CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Council => "council",
            Sector::Police => "police",
            Sector::Health => "health",
            Sector::Fire => "fire",
            Sector::Probation => "probation",
            Sector::Employment => "employment",
            Sector::Voluntary => "voluntary",
            Sector::Business => "business",
            Sector::Education => "education",
            Sector::Housing => "housing",
            Sector::Central => "central",
            Sector::Partnership => "partnership",
            Sector::Other => "other",
        }
    }

    /// A plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            Sector::Council => "Councils",
            Sector::Police => "Police and crime",
            Sector::Health => "Health (NHS)",
            Sector::Fire => "Fire and rescue",
            Sector::Probation => "Probation",
            Sector::Employment => "Jobcentre Plus",
            Sector::Voluntary => "Voluntary, community and faith",
            Sector::Business => "Business",
            Sector::Education => "Education",
            Sector::Housing => "Housing",
            Sector::Central => "Central government",
            Sector::Partnership => "Partnerships and boards",
            Sector::Other => "Other",
        }
    }

    /// The sector as a noun in a sentence: "no *health* member".
    pub fn noun(self) -> &'static str {
        match self {
            Sector::Council => "council",
            Sector::Police => "police",
            Sector::Health => "health",
            Sector::Fire => "fire and rescue",
            Sector::Probation => "probation",
            Sector::Employment => "Jobcentre Plus",
            Sector::Voluntary => "voluntary or community",
            Sector::Business => "business",
            Sector::Education => "education",
            Sector::Housing => "housing",
            Sector::Central => "central government",
            Sector::Partnership => "partnership",
            Sector::Other => "other",
        }
    }

    /// True for the sectors whose local presence is a statutory partner of most local
    /// partnerships (Crime and Disorder Act 1998 s5, Children Act 2004 s10, LGPIH Act 2007
    /// s104): their absence from part of a footprint is a coverage gap.
    pub fn is_statutory_partner(self) -> bool {
        matches!(
            self,
            Sector::Council | Sector::Police | Sector::Health | Sector::Fire | Sector::Probation
        )
    }
}

impl BodyKind {
    /// Every known kind (not `Other`), in display order.
    pub const KNOWN: [BodyKind; 28] = [
        BodyKind::CountyCouncil,
        BodyKind::DistrictCouncil,
        BodyKind::UnitaryCouncil,
        BodyKind::MetropolitanDistrict,
        BodyKind::LondonBorough,
        BodyKind::ParishCouncil,
        BodyKind::PoliceForce,
        BodyKind::Pcc,
        BodyKind::Icb,
        BodyKind::NhsTrust,
        BodyKind::FireAuthority,
        BodyKind::Probation,
        BodyKind::JobcentrePlus,
        BodyKind::VoluntaryCommunity,
        BodyKind::Business,
        BodyKind::Faith,
        BodyKind::Education,
        BodyKind::Housing,
        BodyKind::CentralDepartment,
        BodyKind::Lsp,
        BodyKind::ExecutiveBoard,
        BodyKind::ThematicGroup,
        BodyKind::ChildrensTrust,
        BodyKind::CommunitySafetyPartnership,
        BodyKind::HealthAndWellbeingBoard,
        BodyKind::CombinedAuthority,
        BodyKind::Lep,
        BodyKind::SkillsArea,
    ];

    /// The name used in files.
    pub fn as_str(&self) -> &str {
        match self {
            BodyKind::CountyCouncil => "county_council",
            BodyKind::DistrictCouncil => "district_council",
            BodyKind::UnitaryCouncil => "unitary_council",
            BodyKind::MetropolitanDistrict => "metropolitan_district",
            BodyKind::LondonBorough => "london_borough",
            BodyKind::ParishCouncil => "parish_council",
            BodyKind::PoliceForce => "police_force",
            BodyKind::Pcc => "pcc",
            BodyKind::Icb => "icb",
            BodyKind::NhsTrust => "nhs_trust",
            BodyKind::FireAuthority => "fire_authority",
            BodyKind::Probation => "probation",
            BodyKind::JobcentrePlus => "jobcentre_plus",
            BodyKind::VoluntaryCommunity => "voluntary_community",
            BodyKind::Business => "business",
            BodyKind::Faith => "faith",
            BodyKind::Education => "education",
            BodyKind::Housing => "housing",
            BodyKind::CentralDepartment => "central_department",
            BodyKind::Lsp => "lsp",
            BodyKind::ExecutiveBoard => "executive_board",
            BodyKind::ThematicGroup => "thematic_group",
            BodyKind::ChildrensTrust => "childrens_trust",
            BodyKind::CommunitySafetyPartnership => "community_safety_partnership",
            BodyKind::HealthAndWellbeingBoard => "health_and_wellbeing_board",
            BodyKind::CombinedAuthority => "combined_authority",
            BodyKind::Lep => "lep",
            BodyKind::SkillsArea => "skills_area",
            BodyKind::Other(s) => s,
        }
    }

    /// A plain-English label.
    pub fn label(&self) -> &str {
        match self {
            BodyKind::CountyCouncil => "County council",
            BodyKind::DistrictCouncil => "District council",
            BodyKind::UnitaryCouncil => "Unitary council",
            BodyKind::MetropolitanDistrict => "Metropolitan district council",
            BodyKind::LondonBorough => "London borough council",
            BodyKind::ParishCouncil => "Parish or town council",
            BodyKind::PoliceForce => "Police force",
            BodyKind::Pcc => "Police and crime commissioner",
            BodyKind::Icb => "Integrated care board",
            BodyKind::NhsTrust => "NHS trust",
            BodyKind::FireAuthority => "Fire and rescue authority",
            BodyKind::Probation => "Probation service",
            BodyKind::JobcentrePlus => "Jobcentre Plus",
            BodyKind::VoluntaryCommunity => "Voluntary or community organisation",
            BodyKind::Business => "Business",
            BodyKind::Faith => "Faith organisation",
            BodyKind::Education => "Education",
            BodyKind::Housing => "Housing",
            BodyKind::CentralDepartment => "Central government department",
            BodyKind::Lsp => "Local strategic partnership",
            BodyKind::ExecutiveBoard => "Executive board",
            BodyKind::ThematicGroup => "Thematic group",
            BodyKind::ChildrensTrust => "Children's trust",
            BodyKind::CommunitySafetyPartnership => "Community safety partnership",
            BodyKind::HealthAndWellbeingBoard => "Health and wellbeing board",
            BodyKind::CombinedAuthority => "Combined authority",
            BodyKind::Lep => "Local enterprise partnership",
            BodyKind::SkillsArea => "Local skills improvement plan area",
            BodyKind::Other(_) => "Other body",
        }
    }

    /// The sector this kind belongs to.
    pub fn sector(&self) -> Sector {
        match self {
            BodyKind::CountyCouncil
            | BodyKind::DistrictCouncil
            | BodyKind::UnitaryCouncil
            | BodyKind::MetropolitanDistrict
            | BodyKind::LondonBorough
            | BodyKind::ParishCouncil => Sector::Council,
            BodyKind::PoliceForce | BodyKind::Pcc => Sector::Police,
            BodyKind::Icb | BodyKind::NhsTrust => Sector::Health,
            BodyKind::FireAuthority => Sector::Fire,
            BodyKind::Probation => Sector::Probation,
            BodyKind::JobcentrePlus => Sector::Employment,
            BodyKind::VoluntaryCommunity | BodyKind::Faith => Sector::Voluntary,
            BodyKind::Business => Sector::Business,
            BodyKind::Education => Sector::Education,
            BodyKind::Housing => Sector::Housing,
            BodyKind::CentralDepartment => Sector::Central,
            BodyKind::Lsp
            | BodyKind::ExecutiveBoard
            | BodyKind::ThematicGroup
            | BodyKind::ChildrensTrust
            | BodyKind::CommunitySafetyPartnership
            | BodyKind::HealthAndWellbeingBoard
            | BodyKind::CombinedAuthority
            | BodyKind::Lep
            | BodyKind::SkillsArea => Sector::Partnership,
            BodyKind::Other(_) => Sector::Other,
        }
    }

    /// True for partnerships: bodies made of other bodies, whose members are compared
    /// against their footprint.
    pub fn is_partnership(&self) -> bool {
        self.sector() == Sector::Partnership
    }
}

impl From<String> for BodyKind {
    fn from(s: String) -> Self {
        let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        BodyKind::KNOWN
            .iter()
            .find(|k| k.as_str() == norm)
            .cloned()
            .unwrap_or(BodyKind::Other(s))
    }
}

impl From<BodyKind> for String {
    fn from(k: BodyKind) -> Self {
        k.as_str().to_string()
    }
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A relation from one body to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The body the relation starts at.
    pub from: String,
    /// The body it points to.
    pub to: String,
    /// What the relation is.
    pub kind: LinkKind,
    /// A role, e.g. "vice-chair" or "lead member for children".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// First day the relation held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day the relation held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// True when the relation is invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

/// The kinds of relation. `from member_of to` reads "from is a member of to".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    MemberOf,
    Chairs,
    SubGroupOf,
    ReportsTo,
    AccountableTo,
    Commissions,
    Funds,
    PooledBudget,
    Controls,
    Delivers,
}

impl LinkKind {
    /// Every kind, in display order.
    pub const ALL: [LinkKind; 10] = [
        LinkKind::MemberOf,
        LinkKind::Chairs,
        LinkKind::SubGroupOf,
        LinkKind::ReportsTo,
        LinkKind::AccountableTo,
        LinkKind::Commissions,
        LinkKind::Funds,
        LinkKind::PooledBudget,
        LinkKind::Controls,
        LinkKind::Delivers,
    ];

    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::MemberOf => "member_of",
            LinkKind::Chairs => "chairs",
            LinkKind::SubGroupOf => "sub_group_of",
            LinkKind::ReportsTo => "reports_to",
            LinkKind::AccountableTo => "accountable_to",
            LinkKind::Commissions => "commissions",
            LinkKind::Funds => "funds",
            LinkKind::PooledBudget => "pooled_budget",
            LinkKind::Controls => "controls",
            LinkKind::Delivers => "delivers",
        }
    }

    /// Reads as a verb phrase: "A *is a member of* B".
    pub fn phrase(self) -> &'static str {
        match self {
            LinkKind::MemberOf => "is a member of",
            LinkKind::Chairs => "chairs",
            LinkKind::SubGroupOf => "is a sub-group of",
            LinkKind::ReportsTo => "reports to",
            LinkKind::AccountableTo => "is accountable to",
            LinkKind::Commissions => "commissions",
            LinkKind::Funds => "funds",
            LinkKind::PooledBudget => "pools a budget with",
            LinkKind::Controls => "controls",
            LinkKind::Delivers => "delivers for",
        }
    }

    /// True for the relations an accountability path may follow.
    pub fn carries_accountability(self) -> bool {
        matches!(
            self,
            LinkKind::AccountableTo
                | LinkKind::MemberOf
                | LinkKind::ReportsTo
                | LinkKind::SubGroupOf
        )
    }
}

/// A duty or outcome, and who owns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Responsibility {
    /// Author-chosen identifier, unique among responsibilities.
    pub id: String,
    /// Name, e.g. "Household waste collection".
    pub name: String,
    /// Theme, e.g. "community safety".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// True when the law places the duty on someone.
    #[serde(default)]
    pub statutory: bool,
    /// The legal basis, as text (e.g. "Environmental Protection Act 1990 s45").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// Areas the responsibility applies to. Empty means the whole map.
    #[serde(default)]
    pub scope: Vec<String>,
    /// Who owns it, and how.
    #[serde(default)]
    pub owners: Vec<Owner>,
    /// A plain-English description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// True when invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

/// A body's part in a responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    /// The body's id.
    pub body: String,
    /// Its role.
    pub role: OwnerRole,
}

/// The part a body plays in a responsibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerRole {
    Lead,
    Contributes,
    Commissions,
    Delivers,
}

impl OwnerRole {
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerRole::Lead => "lead",
            OwnerRole::Contributes => "contributes",
            OwnerRole::Commissions => "commissions",
            OwnerRole::Delivers => "delivers",
        }
    }
}

/// The agreement kinds that give a partnership a formal footing, with their labels. Any
/// other text is allowed in [`Agreement::kind`] (`LAA`, `MAA`, `devolution deal`, …).
pub const FORMAL_AGREEMENT_KINDS: [(&str, &str); 4] = [
    ("terms_of_reference", "Terms of reference"),
    ("constitution", "Constitution"),
    ("memorandum", "Memorandum of understanding"),
    ("section_75", "Section 75 agreement (NHS Act 2006)"),
];

/// A plain-English label for an agreement kind: the label of a formal kind, or the kind as
/// written.
///
/// ```
/// use pmap_core::model::agreement_kind_label;
/// assert_eq!(agreement_kind_label("section_75"), "Section 75 agreement (NHS Act 2006)");
/// assert_eq!(agreement_kind_label("LAA"), "LAA");
/// ```
pub fn agreement_kind_label(kind: &str) -> &str {
    FORMAL_AGREEMENT_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(kind, |(_, label)| label)
}

/// An agreement between bodies (a Local Area Agreement, Multi-Area Agreement, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Author-chosen identifier, unique among agreements.
    pub id: String,
    /// Name.
    pub name: String,
    /// `terms_of_reference`, `constitution`, `memorandum`, `section_75` (see
    /// [`FORMAL_AGREEMENT_KINDS`]), or any other text: `LAA`, `MAA`, `devolution deal`, …
    pub kind: String,
    /// Ids of the bodies that signed.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// End date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// Targets, each pointing at a responsibility.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// True when invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

/// A target in an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Identifier within the agreement (e.g. a National Indicator number, "NI 116").
    pub id: String,
    /// What is to be achieved.
    pub name: String,
    /// The responsibility the target serves. Missing or unknown = a target that points at
    /// nothing (a finding, not an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibility: Option<String>,
}

/// A person and the partnership boards they sit on, for counting one person's load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Author-chosen identifier, unique among people.
    pub id: String,
    /// Name (or a role title, where names are not to be published).
    pub name: String,
    /// The id of the body the person works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Their role, e.g. "Chief Superintendent".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Ids of the partnerships they sit on.
    #[serde(default)]
    pub seats: Vec<String>,
    /// True when invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

impl Person {
    /// Renames body `old` to `new` where this record refers to it (its body and seats), for
    /// an edit that renames a body everywhere.
    pub fn rename_body(&mut self, old: &str, new: &str) {
        for slot in self.body.iter_mut().chain(self.seats.iter_mut()) {
            if slot == old {
                *slot = new.to_string();
            }
        }
    }

    /// Drops every reference to body `id` (a seat on it; it as the person's body), for an
    /// edit that removes the body.
    ///
    /// ```
    /// use pmap_core::model::Person;
    /// let mut p = Person { id: "p".into(), name: "P".into(), body: Some("cc".into()),
    ///   role: None, seats: vec!["hwb".into(), "cc".into()], illustrative: false };
    /// p.rename_body("hwb", "board");
    /// p.forget_body("cc");
    /// assert_eq!((p.body, p.seats), (None, vec!["board".to_string()]));
    /// ```
    pub fn forget_body(&mut self, id: &str) {
        self.seats.retain(|s| s != id);
        if self.body.as_deref() == Some(id) {
            self.body = None;
        }
    }
}

/// A budget (usually pooled, e.g. under NHS Act 2006 s75) and who pays into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// Author-chosen identifier, unique among budgets.
    pub id: String,
    /// Name, e.g. "Better Care Fund".
    pub name: String,
    /// The total, in `currency`; at least 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "whole_if_integral")]
    pub amount: Option<f64>,
    /// ISO 4217 code, e.g. `GBP` (the default when missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// First day of the budget period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day of the budget period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// The law that allows it, as text (e.g. "NHS Act 2006 s75").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The id of the body that holds the money (the host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_by: Option<String>,
    /// The id of the partnership that decides how it is spent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governed_by: Option<String>,
    /// Who pays in, and how much.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// True when invented for illustration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub illustrative: bool,
}

impl Budget {
    /// Renames body `old` to `new` where this budget refers to it (holder, governing
    /// partnership, contributors), for an edit that renames a body everywhere.
    pub fn rename_body(&mut self, old: &str, new: &str) {
        let slots = self.held_by.iter_mut().chain(self.governed_by.iter_mut());
        for slot in slots.chain(self.contributions.iter_mut().map(|c| &mut c.body)) {
            if slot == old {
                *slot = new.to_string();
            }
        }
    }

    /// Drops every reference to body `id`: its contribution goes, and a holder or governing
    /// partnership that is `id` becomes none (the budget itself stays).
    ///
    /// ```
    /// use pmap_core::model::{Budget, Contribution};
    /// let mut b = Budget { id: "b".into(), name: "B".into(), amount: None, currency: None,
    ///   valid_from: None, valid_to: None, legal_basis: None, held_by: Some("cc".into()),
    ///   governed_by: Some("hwb".into()), illustrative: false,
    ///   contributions: vec![Contribution { body: "cc".into(), amount: None }] };
    /// b.rename_body("hwb", "board");
    /// b.forget_body("cc");
    /// assert_eq!((b.held_by, b.governed_by.as_deref()), (None, Some("board")));
    /// assert!(b.contributions.is_empty());
    /// ```
    pub fn forget_body(&mut self, id: &str) {
        self.contributions.retain(|c| c.body != id);
        for slot in [&mut self.held_by, &mut self.governed_by] {
            if slot.as_deref() == Some(id) {
                *slot = None;
            }
        }
    }
}

/// One body's payment into a budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The contributing body's id.
    pub body: String,
    /// How much it pays in, in the budget's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(serialize_with = "whole_if_integral")]
    pub amount: Option<f64>,
}

/// Writes whole amounts as JSON integers (`12500000`, not `12500000.0`), so files written
/// by hand keep their look after a round trip.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes `&Option<f64>`
fn whole_if_integral<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        // 2^53: every integer below it is exact in an f64.
        #[allow(clippy::cast_possible_truncation)]
        Some(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => {
            s.serialize_i64(*x as i64)
        }
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// One step of an author-written guided tour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TourStep {
    /// Step heading.
    pub title: String,
    /// What to notice, in plain English.
    pub text: String,
    /// Bodies to highlight.
    #[serde(default)]
    pub focus: Vec<String>,
}
