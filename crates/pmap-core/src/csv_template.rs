//! The spreadsheet template: a map as CSV files a spreadsheet user would recognise.
//!
//! | file | columns |
//! |---|---|
//! | `areas.csv` | `code, name, kind, population, parent, neighbours` |
//! | `bodies.csv` | `id, name, kind, elected, code, covers, valid_from, valid_to, theme, partnership_type, description, source, illustrative` |
//! | `links.csv` | `from, to, kind, role, valid_from, valid_to, illustrative` |
//! | `responsibilities.csv` | `id, name, theme, statutory, legal_basis, scope, lead, contributes, commissions, delivers, description, illustrative` |
//! | `people.csv` | `id, name, body, role, seats, illustrative` |
//! | `budgets.csv` | `id, name, amount, currency, valid_from, valid_to, legal_basis, held_by, governed_by, contributions, illustrative` |
//!
//! Lists inside a cell are separated by `;`. A coverage entry is an area code, optionally
//! followed by `:` and the share (`E07000089:0.7627; E07000092`); a contribution is a body id,
//! optionally followed by `:` and the amount (`icb-hiow: 4000000; hampshire-cc`). Yes/no cells accept
//! `yes`/`no`, `true`/`false`, `y`/`n`, `1`/`0` (any case). Agreements, the tour and the
//! map's description are not in the template: importing CSV keeps those of the current
//! map, and JSON is the format that holds everything.
//!
//! Every problem names the file, the row (the line the record starts on, the header being
//! row 1; blank and malformed rows count, see [`Table::row_numbers`]) and the column.

// people.csv and budgets.csv have exactly the JSON records' fields, so they share one list.
use crate::diagnostic::Diagnostic;
use crate::model::{
    Area, Body, BodyKind, Budget, Contribution, Coverage, Link, LinkKind, MapFile, Owner,
    OwnerRole, PartnershipType, Person, Responsibility,
};
use crate::ons::Table;
use crate::parse::{BUDGET_KEYS as BUDGET_COLS, PERSON_KEYS as PERSON_COLS};

/// The four files of the template, as CSV text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvBundle {
    /// `areas.csv`.
    pub areas: String,
    /// `bodies.csv`.
    pub bodies: String,
    /// `links.csv`.
    pub links: String,
    /// `responsibilities.csv`.
    pub responsibilities: String,
    /// `people.csv`.
    pub people: String,
    /// `budgets.csv`.
    pub budgets: String,
}

/// The template's tables, in the order a file name is matched against them.
const TABLES: [&str; 6] = [
    "responsibilities",
    "bodies",
    "links",
    "areas",
    "people",
    "budgets",
];
const AREA_COLS: [&str; 6] = ["code", "name", "kind", "population", "parent", "neighbours"];
const BODY_COLS: [&str; 13] = [
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
const LINK_COLS: [&str; 7] = [
    "from",
    "to",
    "kind",
    "role",
    "valid_from",
    "valid_to",
    "illustrative",
];
const RESP_COLS: [&str; 12] = [
    "id",
    "name",
    "theme",
    "statutory",
    "legal_basis",
    "scope",
    "lead",
    "contributes",
    "commissions",
    "delivers",
    "description",
    "illustrative",
];
const ROLES: [(OwnerRole, &str); 4] = [
    (OwnerRole::Lead, "lead"),
    (OwnerRole::Contributes, "contributes"),
    (OwnerRole::Commissions, "commissions"),
    (OwnerRole::Delivers, "delivers"),
];

/// A CSV file (CRLF lines) with `header` and `rows`, each cell made safe for spreadsheets.
pub(crate) fn write(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| defuse(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Spreadsheets run cells starting `=`, `+`, `-` or `@` as formulas; a leading apostrophe
/// keeps them text (CSV injection). Plain numbers such as `-1` are left alone.
fn risky(cell: &str) -> bool {
    cell.starts_with(['=', '+', '@', '\t', '\r'])
        || (cell.starts_with('-') && cell.parse::<f64>().is_err())
}

/// Adds the apostrophe. A cell that already starts with apostrophes before a risky
/// character gets one more, so that [`undefuse`] gives back exactly what was written.
fn defuse(cell: &str) -> String {
    if risky(cell.trim_start_matches('\'')) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Removes the apostrophe [`defuse`] added.
fn undefuse(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if risky(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

fn yn(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Writes a map as the template's four CSV files.
///
/// ```
/// use pmap_core::{load, csv_template::{to_csv, from_csv}};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E07000089","name":"Hart","population":101542}],
///   "bodies":[{"id":"f","name":"NHS Frimley ICB","kind":"icb","covers":[{"area":"E07000089","share":0.7627}]}]}"#)
///   .unwrap().model;
/// let csv = to_csv(m.file());
/// assert!(csv.bodies.contains("E07000089:0.7627"));
/// let files = [("areas.csv", csv.areas.as_str()), ("bodies.csv", csv.bodies.as_str())];
/// let (back, diags) = from_csv(&files, &Default::default());
/// assert!(diags.is_empty(), "{diags:?}");
/// assert_eq!(back.unwrap().bodies, m.file().bodies);
/// ```
pub fn to_csv(file: &MapFile) -> CsvBundle {
    let areas = file
        .areas
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                a.name.clone(),
                a.kind.clone(),
                a.population.map(|p| p.to_string()).unwrap_or_default(),
                opt(&a.parent),
                a.neighbours.join("; "),
            ]
        })
        .collect();
    let bodies = file
        .bodies
        .iter()
        .map(|b| {
            let covers = b
                .covers
                .iter()
                .map(|c| match c.share {
                    Some(s) => format!("{}:{s}", c.area),
                    None => c.area.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                b.id.clone(),
                b.name.clone(),
                b.kind.as_str().to_string(),
                yn(b.elected),
                opt(&b.code),
                covers,
                opt(&b.valid_from),
                opt(&b.valid_to),
                opt(&b.theme),
                b.partnership_type
                    .as_ref()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                opt(&b.description),
                opt(&b.source),
                yn(b.illustrative),
            ]
        })
        .collect();
    let links = file
        .links
        .iter()
        .map(|l| {
            vec![
                l.from.clone(),
                l.to.clone(),
                l.kind.as_str().to_string(),
                opt(&l.role),
                opt(&l.valid_from),
                opt(&l.valid_to),
                yn(l.illustrative),
            ]
        })
        .collect();
    let resps = file
        .responsibilities
        .iter()
        .map(|r| {
            let by = |role: OwnerRole| {
                r.owners
                    .iter()
                    .filter(|o| o.role == role)
                    .map(|o| o.body.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![
                r.id.clone(),
                r.name.clone(),
                opt(&r.theme),
                yn(r.statutory),
                opt(&r.legal_basis),
                r.scope.join("; "),
                by(OwnerRole::Lead),
                by(OwnerRole::Contributes),
                by(OwnerRole::Commissions),
                by(OwnerRole::Delivers),
                opt(&r.description),
                yn(r.illustrative),
            ]
        })
        .collect();
    CsvBundle {
        areas: write(&AREA_COLS, areas),
        bodies: write(&BODY_COLS, bodies),
        links: write(&LINK_COLS, links),
        responsibilities: write(&RESP_COLS, resps),
        people: write_people(file),
        budgets: write_budgets(file),
    }
}

/// Which row of which file each record of an imported table came from, so that a
/// problem found later (by validation, in terms of `bodies[3]`) can name the row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowMap {
    /// (table, file name, row number in the file of each record), for each table read.
    tables: Vec<(&'static str, String, Vec<usize>)>,
}

impl RowMap {
    /// Where a JSON path (from validation) is in the files read:
    /// `bodies[3].covers[0]` → `bodies.csv row 7, column covers` when the fourth body came
    /// from row 7 of `bodies.csv`. Paths into tables that were not read (kept from the
    /// current map) are returned as they are.
    ///
    /// ```
    /// use pmap_core::csv_template::read_template;
    /// // Row 3 is blank: the second body is on row 4.
    /// let files = [("bodies.csv", "id,name,kind\na,A,lsp\n\nb,B,lsp\n")];
    /// let t = read_template(&files, &Default::default());
    /// assert_eq!(t.rows.locate("bodies[1].covers[0]"), "bodies.csv row 4, column covers");
    /// assert_eq!(t.rows.locate("links[0].to"), "links[0].to");
    /// ```
    pub fn locate(&self, path: &str) -> String {
        let (table, rest) = path.split_once('[').unwrap_or((path, ""));
        let Some((idx, tail)) = rest.split_once(']') else {
            return path.to_string();
        };
        let Ok(i) = idx.parse::<usize>() else {
            return path.to_string();
        };
        let Some((_, file, rows)) = self.tables.iter().find(|(t, _, _)| *t == table) else {
            return path.to_string();
        };
        let Some(row) = rows.get(i) else {
            return path.to_string();
        };
        let col = tail
            .trim_start_matches('.')
            .split(['.', '['])
            .next()
            .unwrap_or("");
        let col = match (table, col) {
            ("responsibilities", "owners") => "lead/contributes/commissions/delivers",
            (_, c) => c,
        };
        if col.is_empty() {
            format!("{file} row {row}")
        } else {
            format!("{file} row {row}, column {col}")
        }
    }
}

/// What [`read_template`] read.
#[derive(Debug, Clone)]
pub struct TemplateImport {
    /// The map (the base with the tables read replaced), when any file could be read.
    pub file: Option<MapFile>,
    /// Every problem found reading the files.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each record came from.
    pub rows: RowMap,
}

/// Reads the template's files (recognised by name: `areas`, `bodies`, `links`,
/// `responsibilities`, any case, any prefix). Tables not given are kept from `base`.
/// Comma-, semicolon- and tab-separated files are all read ([`Table::parse`]).
/// Check the result with [`crate::validate::validate`] before using it, or call
/// [`import`], which does both.
pub fn read_template(files: &[(&str, &str)], base: &MapFile) -> TemplateImport {
    let mut diags = Vec::new();
    let mut out = base.clone();
    let mut map = RowMap::default();
    let mut any = false;
    for (name, text) in files {
        let lower = name.to_ascii_lowercase();
        let kind = TABLES.into_iter().find(|k| lower.contains(k));
        let Some(kind) = kind else {
            diags.push(Diagnostic::error("unknown-csv", (*name).to_string(), "the file name must say which table it is: areas, bodies, links, responsibilities, people or budgets (e.g. bodies.csv)"));
            continue;
        };
        let table = match Table::parse(name, text) {
            Ok((t, d)) => {
                diags.extend(d);
                t
            }
            Err(e) => {
                diags.push(e);
                continue;
            }
        };
        any = true;
        let rows = match kind {
            "areas" => split(read_areas(&table, &mut diags), &mut out.areas),
            "bodies" => split(read_bodies(&table, &mut diags), &mut out.bodies),
            "links" => split(read_links(&table, &mut diags), &mut out.links),
            "people" => split(read_people(&table, &mut diags), &mut out.people),
            "budgets" => split(read_budgets(&table, &mut diags), &mut out.budgets),
            _ => split(read_resps(&table, &mut diags), &mut out.responsibilities),
        };
        map.tables.retain(|(t, _, _)| *t != kind);
        map.tables.push((kind, (*name).to_string(), rows));
    }
    TemplateImport {
        file: any.then_some(out),
        diagnostics: diags,
        rows: map,
    }
}

/// Puts the records into `into` and returns their row numbers.
fn split<T>(read: Vec<(usize, T)>, into: &mut Vec<T>) -> Vec<usize> {
    let (rows, records): (Vec<usize>, Vec<T>) = read.into_iter().unzip();
    *into = records;
    rows
}

/// Reads the template's files as [`read_template`] does; returns the map (when it could
/// be assembled) and every diagnostic.
pub fn from_csv(files: &[(&str, &str)], base: &MapFile) -> (Option<MapFile>, Vec<Diagnostic>) {
    let t = read_template(files, base);
    (t.file, t.diagnostics)
}

/// Reads the template's files and validates the result, as the import preview shows it:
/// validation's paths are pointed at rows and columns of the files
/// (`bodies.csv row 7, column covers (bodies[3].covers[0])`), errors first.
///
/// ```
/// use pmap_core::csv_template::import;
/// let files = [("links.csv", "from,to,kind\n\nx,y,member_of\n")];
/// let (_, diags) = import(&files, &Default::default());
/// assert!(diags.iter().any(|d| d.path.starts_with("links.csv row 3, column from")));
/// ```
pub fn import(files: &[(&str, &str)], base: &MapFile) -> (Option<MapFile>, Vec<Diagnostic>) {
    let t = read_template(files, base);
    let mut diags = t.diagnostics;
    if let Some(f) = &t.file {
        diags.extend(crate::validate::validate(f).into_iter().map(|mut d| {
            let at = t.rows.locate(&d.path);
            if at != d.path {
                d.path = format!("{at} ({})", d.path);
            }
            d
        }));
    }
    crate::order::sort_by_key(&mut diags, |d| d.severity);
    (t.file, diags)
}

struct Row<'a> {
    table: &'a Table,
    cols: Vec<Option<usize>>,
    names: &'a [&'a str],
    row: &'a [String],
    n: usize,
}

impl<'a> Row<'a> {
    fn get(&self, col: &str) -> &'a str {
        let i = self
            .names
            .iter()
            .position(|c| *c == col)
            .and_then(|k| self.cols.get(k).copied().flatten());
        i.and_then(|i| self.row.get(i))
            .map_or("", |s| undefuse(s.trim()))
    }
    fn at(&self, col: &str) -> String {
        format!("{} row {}, column {col}", self.table.name, self.n)
    }
    fn opt(&self, col: &str) -> Option<String> {
        let v = self.get(col);
        (!v.is_empty()).then(|| v.to_string())
    }
    fn flag(&self, col: &str, diags: &mut Vec<Diagnostic>) -> bool {
        match self.get(col).to_ascii_lowercase().as_str() {
            "" | "no" | "n" | "false" | "0" => false,
            "yes" | "y" | "true" | "1" => true,
            other => {
                diags.push(
                    Diagnostic::error("bad-yes-no", self.at(col), "write yes or no")
                        .with_value(other),
                );
                false
            }
        }
    }
    fn list(&self, col: &str) -> Vec<String> {
        split_list(self.get(col))
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split([';', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Maps the table's headers to the template's columns; required ones must be there.
fn columns(
    table: &Table,
    names: &[&str],
    required: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Option<usize>>> {
    let norm = |h: &str| h.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let cols: Vec<Option<usize>> = names
        .iter()
        .map(|n| table.headers.iter().position(|h| norm(h) == *n))
        .collect();
    let mut ok = true;
    for r in required {
        let k = names.iter().position(|n| n == r);
        if k.and_then(|k| cols.get(k).copied().flatten()).is_none() {
            ok = false;
            diags.push(
                Diagnostic::error(
                    "missing-column",
                    format!("{} row 1", table.name),
                    match table.delimiter_hint(r) {
                        Some(hint) => format!("the column \"{r}\" is missing: {hint}"),
                        None => format!(
                            "the column \"{r}\" is missing; the columns should be {}",
                            names.join(", ")
                        ),
                    },
                )
                .with_value(*r),
            );
        }
    }
    for (i, h) in table.headers.iter().enumerate() {
        if !names.contains(&norm(h).as_str()) {
            let hint = crate::parse::closest(&norm(h), names)
                .map(|c| format!("; did you mean \"{c}\"?"))
                .unwrap_or_default();
            diags.push(
                Diagnostic::warning(
                    "unknown-column",
                    format!("{} row 1, column {}", table.name, i + 1),
                    format!("the column \"{h}\" is not part of the template and is ignored{hint}"),
                )
                .with_value(h),
            );
        }
    }
    ok.then_some(cols)
}

fn rows<'a>(
    table: &'a Table,
    names: &'a [&'a str],
    cols: &[Option<usize>],
) -> impl Iterator<Item = Row<'a>> + 'a {
    let cols = cols.to_vec();
    table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .map(move |(i, r)| Row {
            table,
            cols: cols.clone(),
            names,
            row: r,
            n: table.row_number(i),
        })
}

fn read_areas(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Area)> {
    let Some(cols) = columns(table, &AREA_COLS, &["code", "name"], diags) else {
        return Vec::new();
    };
    rows(table, &AREA_COLS, &cols)
        .map(|r| {
            let population = match r.get("population").replace(',', "") {
                p if p.is_empty() => None,
                p => match p.parse::<u64>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        diags.push(
                            Diagnostic::error(
                                "bad-population",
                                r.at("population"),
                                "the population must be a whole number",
                            )
                            .with_value(r.get("population")),
                        );
                        None
                    }
                },
            };
            let area = Area {
                code: r.get("code").to_string(),
                name: r.get("name").to_string(),
                kind: r.opt("kind").unwrap_or_else(|| "lad".to_string()),
                population,
                parent: r.opt("parent"),
                neighbours: r.list("neighbours"),
            };
            (r.n, area)
        })
        .collect()
}

fn read_bodies(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Body)> {
    let Some(cols) = columns(table, &BODY_COLS, &["id", "name", "kind"], diags) else {
        return Vec::new();
    };
    rows(table, &BODY_COLS, &cols)
        .map(|r| {
            let covers = r
                .list("covers")
                .into_iter()
                .filter_map(|c| match c.split_once(':') {
                    None => Some(Coverage { area: c, share: None }),
                    Some((a, s)) => match s.trim().trim_end_matches('%').parse::<f64>() {
                        Ok(v) => {
                            let v = if s.trim().ends_with('%') { v / 100.0 } else { v };
                            Some(Coverage { area: a.trim().to_string(), share: Some(v) })
                        }
                        Err(_) => {
                            diags.push(Diagnostic::error("bad-share", r.at("covers"), "write a share as a number after a colon, e.g. E07000089:0.76").with_value(&c));
                            None
                        }
                    },
                })
                .collect();
            let body = Body {
                id: r.get("id").to_string(),
                name: r.get("name").to_string(),
                kind: BodyKind::from(r.get("kind").to_string()),
                elected: r.flag("elected", diags),
                code: r.opt("code"),
                covers,
                valid_from: r.opt("valid_from"),
                valid_to: r.opt("valid_to"),
                theme: r.opt("theme"),
                partnership_type: r.opt("partnership_type").map(PartnershipType::from),
                description: r.opt("description"),
                source: r.opt("source"),
                illustrative: r.flag("illustrative", diags),
            };
            (r.n, body)
        })
        .collect()
}

fn link_kind(s: &str) -> Option<LinkKind> {
    let norm = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    LinkKind::ALL.into_iter().find(|k| k.as_str() == norm)
}

fn read_links(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Link)> {
    let Some(cols) = columns(table, &LINK_COLS, &["from", "to", "kind"], diags) else {
        return Vec::new();
    };
    rows(table, &LINK_COLS, &cols)
        .filter_map(|r| {
            let Some(kind) = link_kind(r.get("kind")) else {
                let names: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
                let hint = crate::parse::closest(r.get("kind"), &names)
                    .map(|c| format!("; did you mean \"{c}\"?"))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::error(
                        "bad-link-kind",
                        r.at("kind"),
                        format!("the kind of link must be one of {}{hint}", names.join(", ")),
                    )
                    .with_value(r.get("kind")),
                );
                return None;
            };
            let link = Link {
                from: r.get("from").to_string(),
                to: r.get("to").to_string(),
                kind,
                role: r.opt("role"),
                valid_from: r.opt("valid_from"),
                valid_to: r.opt("valid_to"),
                illustrative: r.flag("illustrative", diags),
            };
            Some((r.n, link))
        })
        .collect()
}

fn read_resps(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Responsibility)> {
    let Some(cols) = columns(table, &RESP_COLS, &["id", "name"], diags) else {
        return Vec::new();
    };
    rows(table, &RESP_COLS, &cols)
        .map(|r| {
            let owners = ROLES
                .iter()
                .flat_map(|(role, col)| {
                    r.list(col).into_iter().map(move |b| Owner {
                        body: b,
                        role: *role,
                    })
                })
                .collect();
            let resp = Responsibility {
                id: r.get("id").to_string(),
                name: r.get("name").to_string(),
                theme: r.opt("theme"),
                statutory: r.flag("statutory", diags),
                legal_basis: r.opt("legal_basis"),
                scope: r.list("scope"),
                owners,
                description: r.opt("description"),
                illustrative: r.flag("illustrative", diags),
            };
            (r.n, resp)
        })
        .collect()
}

/// The findings as one CSV file.
pub fn findings_csv(findings: &[crate::findings::Finding]) -> String {
    write(
        &[
            "id",
            "family",
            "kind",
            "severity",
            "title",
            "detail",
            "why",
            "bodies",
            "areas",
            "responsibilities",
            "people",
        ],
        findings
            .iter()
            .map(|f| {
                vec![
                    f.id.clone(),
                    f.category.label().to_string(),
                    f.kind.to_string(),
                    f.level.as_str().to_string(),
                    f.title.clone(),
                    f.detail.clone(),
                    f.why.clone(),
                    f.bodies.join("; "),
                    f.areas.join("; "),
                    f.responsibilities.join("; "),
                    f.people.map(|p| p.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

/// Parses coverage as written in a spreadsheet cell or a form: area codes separated by `;`
/// or `,`, each optionally followed by `:` and a share (`0.76` or `76%`).
///
/// ```
/// use pmap_core::csv_template::parse_covers;
/// let c = parse_covers("E07000089:0.7627; E07000092, E06000044:50%").unwrap();
/// assert_eq!(c.len(), 3);
/// assert_eq!(c[2].share, Some(0.5));
/// assert!(parse_covers("E07000089:lots").is_err());
/// ```
///
/// # Errors
/// The entry that could not be read.
pub fn parse_covers(s: &str) -> Result<Vec<Coverage>, String> {
    s.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|c| match c.split_once(':') {
            None => Ok(Coverage {
                area: c.to_string(),
                share: None,
            }),
            Some((a, sh)) => {
                let t = sh.trim();
                let pct = t.ends_with('%');
                t.trim_end_matches('%')
                    .trim()
                    .parse::<f64>()
                    .map(|v| Coverage {
                        area: a.trim().to_string(),
                        share: Some(if pct { v / 100.0 } else { v }),
                    })
                    .map_err(|_| {
                        format!(
                            "\"{c}\": write a share as a number after a colon, e.g. E07000089:0.76"
                        )
                    })
            }
        })
        .collect()
}

/// Parses owners written as `lead: hart, rushmoor; contributes: police`.
///
/// ```
/// use pmap_core::{csv_template::parse_owners, model::OwnerRole};
/// let o = parse_owners("lead: hart; contributes: police, pcc").unwrap();
/// assert_eq!(o.len(), 3);
/// assert_eq!(o[0].role, OwnerRole::Lead);
/// assert!(parse_owners("boss: hart").is_err());
/// ```
///
/// # Errors
/// The part that could not be read.
pub fn parse_owners(s: &str) -> Result<Vec<Owner>, String> {
    let mut out = Vec::new();
    for part in s
        .split([';', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
    {
        let (role, ids) = part
            .split_once(':')
            .ok_or_else(|| format!("\"{part}\": start with a role and a colon, e.g. lead: hart"))?;
        let role = ROLES
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(role.trim()))
            .map(|(r, _)| *r)
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a role: use lead, contributes, commissions or delivers",
                    role.trim()
                )
            })?;
        out.extend(
            ids.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|b| Owner {
                    body: b.to_string(),
                    role,
                }),
        );
    }
    Ok(out)
}

fn amount_text(a: Option<f64>) -> String {
    a.map(|v| v.to_string()).unwrap_or_default()
}

fn write_people(file: &MapFile) -> String {
    let rows = file
        .people
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                opt(&p.body),
                opt(&p.role),
                p.seats.join("; "),
                yn(p.illustrative),
            ]
        })
        .collect();
    write(PERSON_COLS, rows)
}

fn write_budgets(file: &MapFile) -> String {
    let rows = file
        .budgets
        .iter()
        .map(|b| {
            let contributions = b
                .contributions
                .iter()
                .map(|c| match c.amount {
                    Some(a) => format!("{}: {a}", c.body),
                    None => c.body.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                b.id.clone(),
                b.name.clone(),
                amount_text(b.amount),
                opt(&b.currency),
                opt(&b.valid_from),
                opt(&b.valid_to),
                opt(&b.legal_basis),
                opt(&b.held_by),
                opt(&b.governed_by),
                contributions,
                yn(b.illustrative),
            ]
        })
        .collect();
    write(BUDGET_COLS, rows)
}

fn read_people(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Person)> {
    let Some(cols) = columns(table, PERSON_COLS, &["id", "name"], diags) else {
        return Vec::new();
    };
    rows(table, PERSON_COLS, &cols)
        .map(|r| {
            let person = Person {
                id: r.get("id").to_string(),
                name: r.get("name").to_string(),
                body: r.opt("body"),
                role: r.opt("role"),
                seats: r.list("seats"),
                illustrative: r.flag("illustrative", diags),
            };
            (r.n, person)
        })
        .collect()
}

fn read_budgets(table: &Table, diags: &mut Vec<Diagnostic>) -> Vec<(usize, Budget)> {
    let Some(cols) = columns(table, BUDGET_COLS, &["id", "name"], diags) else {
        return Vec::new();
    };
    rows(table, BUDGET_COLS, &cols)
        .map(|r| {
            let amount = match r.get("amount") {
                "" => None,
                text => match parse_amount(text) {
                    Some(v) => Some(v),
                    None => {
                        diags.push(
                            Diagnostic::error(
                                "bad-amount",
                                r.at("amount"),
                                "write the amount as a number, e.g. 12500000 or 12,500,000",
                            )
                            .with_value(text),
                        );
                        None
                    }
                },
            };
            let contributions = r
                .list("contributions")
                .into_iter()
                .filter_map(|c| match parse_contribution(&c) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        diags.push(
                            Diagnostic::error("bad-amount", r.at("contributions"), e)
                                .with_value(&c),
                        );
                        None
                    }
                })
                .collect();
            let budget = Budget {
                id: r.get("id").to_string(),
                name: r.get("name").to_string(),
                amount,
                currency: r.opt("currency"),
                valid_from: r.opt("valid_from"),
                valid_to: r.opt("valid_to"),
                legal_basis: r.opt("legal_basis"),
                held_by: r.opt("held_by"),
                governed_by: r.opt("governed_by"),
                contributions,
                illustrative: r.flag("illustrative", diags),
            };
            (r.n, budget)
        })
        .collect()
}

/// Reads an amount as a spreadsheet shows it: digits with optional thousands commas, a
/// leading `£`, `$` or `€`, and a decimal point (`£12,500,000.50`). `None` when it is not a
/// finite number.
///
/// ```
/// use pmap_core::csv_template::parse_amount;
/// assert_eq!(parse_amount("£12,500,000"), Some(12_500_000.0));
/// assert_eq!(parse_amount("-3"), Some(-3.0)); // read as written; validation rejects it
/// assert_eq!(parse_amount("lots"), None);
/// ```
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => (-1.0, rest.trim_start()),
        None => (1.0, t),
    };
    let t = t.trim_start_matches(['£', '$', '€']).replace(',', "");
    t.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| sign * v)
}

/// Parses one contribution as written in a cell: `body` or `body: amount`.
///
/// ```
/// use pmap_core::csv_template::parse_contribution;
/// let c = parse_contribution("icb-hiow: £4,000,000").unwrap();
/// assert_eq!((c.body.as_str(), c.amount), ("icb-hiow", Some(4_000_000.0)));
/// assert_eq!(parse_contribution("pcc").unwrap().amount, None);
/// assert!(parse_contribution("pcc: a lot").is_err());
/// ```
///
/// # Errors
/// The entry, when its amount is not a number.
pub fn parse_contribution(s: &str) -> Result<Contribution, String> {
    match s.split_once(':') {
        None => Ok(Contribution {
            body: s.trim().to_string(),
            amount: None,
        }),
        Some((body, amount)) => parse_amount(amount)
            .map(|a| Contribution {
                body: body.trim().to_string(),
                amount: Some(a),
            })
            .ok_or_else(|| {
                format!("\"{s}\": write a contribution as a body id, a colon and an amount, e.g. icb-hiow: 4000000")
            }),
    }
}
