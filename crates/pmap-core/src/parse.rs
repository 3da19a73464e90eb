//! Reading a map file: JSON syntax, the envelope (`format`, `version`) and the shape of each
//! record, collecting every problem rather than stopping at the first.

use crate::diagnostic::Diagnostic;
use crate::model::{
    Agreement, Area, Body, Budget, Link, MapFile, Meta, Person, Responsibility, TourStep,
    FORMAT_NAME, FORMAT_VERSION,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

/// The largest map file accepted, in bytes (see [`crate::limits`]).
pub use crate::limits::MAX_FILE_BYTES;

/// The keys each record may have; anything else gets an "unknown field" warning with a
/// suggestion, because a typo such as `"nmae"` would otherwise be silently ignored.
const TOP_KEYS: &[&str] = &[
    "format",
    "version",
    "meta",
    "areas",
    "bodies",
    "links",
    "responsibilities",
    "agreements",
    "people",
    "budgets",
    "tour",
    "boundaries",
    "$schema",
];
const META_KEYS: &[&str] = &[
    "title",
    "description",
    "sources",
    "attribution",
    "population_source",
    "sliver_tolerance",
    "load_threshold",
];
const AREA_KEYS: &[&str] = &["code", "name", "kind", "population", "parent", "neighbours"];
const BODY_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "elected",
    "code",
    "covers",
    "valid_from",
    "valid_to",
    "theme",
    "partnership_type",
    "description",
    "source",
    "illustrative",
];
const COVER_KEYS: &[&str] = &["area", "share"];
const LINK_KEYS: &[&str] = &[
    "from",
    "to",
    "kind",
    "role",
    "valid_from",
    "valid_to",
    "illustrative",
];
const RESP_KEYS: &[&str] = &[
    "id",
    "name",
    "theme",
    "statutory",
    "legal_basis",
    "scope",
    "owners",
    "description",
    "illustrative",
];
const OWNER_KEYS: &[&str] = &["body", "role"];
const AGREEMENT_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "parties",
    "valid_from",
    "valid_to",
    "targets",
    "illustrative",
];
const TARGET_KEYS: &[&str] = &["id", "name", "responsibility"];
const TOUR_KEYS: &[&str] = &["title", "text", "focus"];
/// The fields of a person record (the CSV template's `people.csv` has the same columns).
pub(crate) const PERSON_KEYS: &[&str] = &["id", "name", "body", "role", "seats", "illustrative"];
/// The fields of a budget record (the CSV template's `budgets.csv` has the same columns).
pub(crate) const BUDGET_KEYS: &[&str] = &[
    "id",
    "name",
    "amount",
    "currency",
    "valid_from",
    "valid_to",
    "legal_basis",
    "held_by",
    "governed_by",
    "contributions",
    "illustrative",
];
const CONTRIBUTION_KEYS: &[&str] = &["body", "amount"];

/// Parses a map file.
///
/// Returns the file when its syntax and envelope are readable (records with a wrong shape
/// are left out, each with an error), and every diagnostic found. `None` means nothing
/// usable could be read.
///
/// ```
/// use pmap_core::parse::parse_map;
/// let (file, diags) = parse_map(r#"{"format":"partnership-map","version":1,"bodies":[{"id":3}]}"#);
/// assert!(file.is_some());
/// assert_eq!(diags[0].path, "bodies[0].id");
/// ```
pub fn parse_map(text: &str) -> (Option<MapFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if text.len() > MAX_FILE_BYTES {
        diags.push(Diagnostic::error(
            "file-too-large",
            "(file)",
            format!(
                "the file is {} MB; the largest map accepted is {} MB",
                text.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
        return (None, diags);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "json-syntax",
                    "(file)",
                    format!("this is not valid JSON: {}", strip_position(&e.to_string())),
                )
                .at(e.line(), e.column()),
            );
            return (None, diags);
        }
    };
    let Value::Object(obj) = root else {
        diags.push(Diagnostic::error(
            "not-a-map",
            "(file)",
            "the file must be a JSON object with \"format\": \"partnership-map\"",
        ));
        return (None, diags);
    };
    check_keys(&obj, &"", TOP_KEYS, &mut diags);

    let format = obj
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if format != FORMAT_NAME {
        diags.push(
            Diagnostic::error(
                "wrong-format",
                "format",
                format!("\"format\" must be \"{FORMAT_NAME}\": this does not look like a Partnership Map file"),
            )
            .with_value(format),
        );
        return (None, diags);
    }
    let version = match obj.get("version").and_then(Value::as_u64) {
        Some(v) if v >= 1 && v <= u64::from(FORMAT_VERSION) => v as u32,
        Some(v) => {
            diags.push(
                Diagnostic::error(
                    "unsupported-version",
                    "version",
                    format!("this widget reads format versions 1 to {FORMAT_VERSION}; the file says {v}"),
                )
                .with_value(v.to_string()),
            );
            return (None, diags);
        }
        None => {
            diags.push(Diagnostic::error(
                "missing-version",
                "version",
                "\"version\" must be a whole number (currently 1)",
            ));
            return (None, diags);
        }
    };

    let meta = match obj.get("meta") {
        None | Some(Value::Null) => Meta::default(),
        Some(v) => {
            if let Value::Object(m) = v {
                check_keys(m, &"meta", META_KEYS, &mut diags);
            }
            decode::<Meta>(v, &"meta", &mut diags).unwrap_or_default()
        }
    };

    let mut file = MapFile {
        format: FORMAT_NAME.to_string(),
        version,
        meta,
        ..MapFile::default()
    };
    file.areas = records::<Area>(&obj, "areas", &mut diags, |o, p, d| {
        check_keys(o, p, AREA_KEYS, d)
    });
    file.bodies = records::<Body>(&obj, "bodies", &mut diags, |o, p, d| {
        check_keys(o, p, BODY_KEYS, d);
        nested(o, p, "covers", COVER_KEYS, d);
    });
    file.links = records::<Link>(&obj, "links", &mut diags, |o, p, d| {
        check_keys(o, p, LINK_KEYS, d)
    });
    file.responsibilities =
        records::<Responsibility>(&obj, "responsibilities", &mut diags, |o, p, d| {
            check_keys(o, p, RESP_KEYS, d);
            nested(o, p, "owners", OWNER_KEYS, d);
        });
    file.agreements = records::<Agreement>(&obj, "agreements", &mut diags, |o, p, d| {
        check_keys(o, p, AGREEMENT_KEYS, d);
        nested(o, p, "targets", TARGET_KEYS, d);
    });
    file.people = records::<Person>(&obj, "people", &mut diags, |o, p, d| {
        check_keys(o, p, PERSON_KEYS, d)
    });
    file.budgets = records::<Budget>(&obj, "budgets", &mut diags, |o, p, d| {
        check_keys(o, p, BUDGET_KEYS, d);
        nested(o, p, "contributions", CONTRIBUTION_KEYS, d);
    });
    if let Some(b) = obj.get("boundaries") {
        match b {
            Value::Object(m) => {
                file.boundaries = m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
            }
            Value::Null => {}
            _ => diags.push(Diagnostic::error(
                "not-an-object",
                "boundaries",
                "\"boundaries\" must be an object from area codes to GeoJSON geometries",
            )),
        }
    }
    file.tour = records::<TourStep>(&obj, "tour", &mut diags, |o, p, d| {
        check_keys(o, p, TOUR_KEYS, d)
    });
    (Some(file), diags)
}

/// serde_json appends " at line L column C" to its messages; we report those separately.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Where a record sits ("bodies[3]", "bodies[3].covers[0]"), written out only when a
/// diagnostic needs it, not once for each of the 100,000 records that have no problem.
struct At<'a> {
    parent: Option<&'a dyn fmt::Display>,
    key: &'a str,
    index: usize,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.parent {
            write!(f, "{p}.")?;
        }
        write!(f, "{}[{}]", self.key, self.index)
    }
}

fn records<T: DeserializeOwned>(
    obj: &serde_json::Map<String, Value>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
    check: impl Fn(&serde_json::Map<String, Value>, &dyn fmt::Display, &mut Vec<Diagnostic>),
) -> Vec<T> {
    let Some(v) = obj.get(key) else {
        return Vec::new();
    };
    let Value::Array(items) = v else {
        if !v.is_null() {
            diags.push(Diagnostic::error(
                "not-a-list",
                key,
                format!("\"{key}\" must be a list ([ … ])"),
            ));
        }
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = At {
            parent: None,
            key,
            index: i,
        };
        if let Value::Object(o) = item {
            check(o, &path, diags);
        }
        if let Some(t) = decode::<T>(item, &path, diags) {
            out.push(t);
        }
    }
    out
}

fn nested(
    obj: &serde_json::Map<String, Value>,
    path: &dyn fmt::Display,
    key: &str,
    known: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(Value::Array(items)) = obj.get(key) {
        for (i, item) in items.iter().enumerate() {
            if let Value::Object(o) = item {
                let at = At {
                    parent: Some(path),
                    key,
                    index: i,
                };
                check_keys(o, &at, known, diags);
            }
        }
    }
}

/// Deserialises one record, reporting a shape error at the exact field. (Reading each record
/// untracked first, and again with tracking only when it fails, is faster but links a second
/// deserialiser per record type: +9.6 kB brotli. Not done.)
fn decode<T: DeserializeOwned>(
    v: &Value,
    base: &dyn fmt::Display,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(v) {
        Ok(t) => Some(t),
        Err(e) => {
            let base = base.to_string();
            let mut path = base.clone();
            for seg in e.path().iter() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => {
                        path.push_str(&format!("[{index}]"));
                    }
                    serde_path_to_error::Segment::Map { key } => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(key);
                    }
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let inner = e.into_inner().to_string();
            let found = value_at(v, &path, &base);
            let mut d = Diagnostic::error("bad-field", path, friendly_serde(&inner));
            if let Some(found) = found {
                d = d.with_value(found);
            }
            diags.push(d);
            None
        }
    }
}

/// The value found at `path` under `base`, as compact JSON, for the report.
fn value_at(root: &Value, path: &str, base: &str) -> Option<String> {
    let rest = path.strip_prefix(base)?;
    let mut cur = root;
    for part in rest.split('.').filter(|s| !s.is_empty()) {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            cur = cur.get(key)?;
        }
        for idx in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = cur.get(idx.parse::<usize>().ok()?)?;
        }
    }
    Some(cur.to_string())
}

fn friendly_serde(msg: &str) -> String {
    if let Some(field) = msg
        .strip_prefix("missing field `")
        .and_then(|s| s.strip_suffix('`'))
    {
        return format!("the required field \"{field}\" is missing");
    }
    if msg.starts_with("unknown variant") {
        return format!("{msg}; see the README for the allowed values");
    }
    if msg.starts_with("data did not match any variant of untagged enum CoverageRepr") {
        return "a coverage entry must be an area code (\"E07000089\") or {\"area\": \"E07000089\", \"share\": 0.76}".to_string();
    }
    msg.to_string()
}

fn check_keys(
    obj: &serde_json::Map<String, Value>,
    path: &dyn fmt::Display,
    known: &[&str],
    diags: &mut Vec<Diagnostic>,
) {
    for key in obj.keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        let path = path.to_string();
        let at = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let hint = closest(key, known)
            .map(|k| format!("; did you mean \"{k}\"?"))
            .unwrap_or_default();
        diags.push(
            Diagnostic::warning(
                "unknown-field",
                at,
                format!(
                    "unknown field \"{}\" is ignored{hint}",
                    crate::diagnostic::shorten(key, 60)
                ),
            )
            .with_value(key),
        );
    }
}

/// The known word within edit distance 2 of `word`, if any.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (levenshtein(&word.to_ascii_lowercase(), k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance between two strings (characters, not bytes).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
