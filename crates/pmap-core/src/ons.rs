//! Importing ONS lookup CSVs (from the Open Geography Portal) as areas and coverage.
//!
//! A lookup is a table whose rows pair an area code column (e.g. `LAD24CD`) with a body
//! code column (e.g. `PFA24CD`), optionally with a name column and a share column (e.g.
//! `share_of_lad` in the district × ICB overlap). Each distinct body code becomes a body
//! covering the areas listed against it. When a lookup lists one area under several bodies
//! without shares, each gets an equal share and a warning says so: the lookup does not say
//! how the area divides.
//!
//! Every problem names the file, the row (the line the record starts on, counting the header
//! as row 1 and counting blank and malformed rows, see [`Table::row_numbers`]) and the column.

use crate::diagnostic::Diagnostic;
use crate::model::{Area, Body, BodyKind, Coverage, MapFile, Meta};
use std::collections::{BTreeMap, HashMap};

/// The attribution the Open Government Licence requires for ONS data.
pub const OGL_ATTRIBUTION: &str = "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2024.";

/// A CSV file read into memory.
#[derive(Debug, Clone)]
pub struct Table {
    /// File name, for messages.
    pub name: String,
    /// Header cells.
    pub headers: Vec<String>,
    /// Data rows.
    pub rows: Vec<Vec<String>>,
    /// For each of `rows`, its row number in the file: the line on which the record
    /// starts, counting the header as 1 and counting blank and malformed lines, so a
    /// message points at the row a person sees in a text editor (a cell with a line break
    /// inside quotes makes its record span several lines; the record's first one counts).
    pub row_numbers: Vec<usize>,
    /// The cell separator: `,`, or `;` (Excel in locales that write decimals with a
    /// comma), or a tab, chosen from the header line.
    pub delimiter: u8,
}

/// The separator a header line uses: the most frequent of `,`, `;` and tab outside
/// quotes, `,` when there is none.
///
/// ```
/// use pmap_core::ons::detect_delimiter;
/// assert_eq!(detect_delimiter("code;name\nE07000089;Hart"), b';');
/// assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
/// assert_eq!(detect_delimiter("code"), b',');
/// ```
pub fn detect_delimiter(text: &str) -> u8 {
    let (mut comma, mut semi, mut tab, mut quoted) = (0usize, 0usize, 0usize, false);
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

impl Table {
    /// Reads CSV text. The separator is chosen from the header line
    /// ([`detect_delimiter`]). Blank lines are skipped; rows with the wrong number of
    /// cells are reported and skipped; neither shifts the row numbers of the rest.
    ///
    /// ```
    /// use pmap_core::ons::Table;
    /// // Line 3 is blank, line 4 is short, and the cell on line 5 has a line break inside
    /// // quotes, so the record on line 5 ends on line 6 and the last record is on line 7.
    /// let text = "code;name\nE1;One\n\nE2\nE3;\"Three\nlines\"\nE4;Four\n";
    /// let (t, d) = Table::parse("x.csv", text).unwrap();
    /// assert_eq!(t.row_numbers, vec![2, 5, 7]);
    /// assert_eq!(d[0].path, "x.csv row 4");
    /// ```
    ///
    /// # Errors
    /// When the text has no header row or cannot be read as CSV at all.
    pub fn parse(name: &str, text: &str) -> Result<(Table, Vec<Diagnostic>), Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = detect_delimiter(text);
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = rdr
            .headers()
            .map_err(|e| {
                Diagnostic::error(
                    "csv-syntax",
                    format!("{name} row 1"),
                    format!("cannot read the header row: {e}"),
                )
            })?
            .iter()
            .map(str::to_string)
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(Diagnostic::error(
                "csv-empty",
                format!("{name} row 1"),
                "the file has no header row",
            ));
        }
        let mut rows = Vec::new();
        let mut row_numbers = Vec::new();
        let mut diags = Vec::new();
        let mut record = csv::StringRecord::new();
        // The csv reader counts records, not lines, and a record's position is where the
        // reader stood before skipping blank lines; so lines are counted here, from the
        // record's first byte, in one pass over the text.
        let mut lines = LineCounter::new(text);
        loop {
            let byte = rdr.position().byte();
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let row_no = lines.line_of(record.position().map_or(byte, csv::Position::byte));
                    if record.len() == headers.len() {
                        rows.push(record.iter().map(str::to_string).collect());
                        row_numbers.push(row_no);
                    } else if !record.iter().all(str::is_empty) {
                        diags.push(Diagnostic::error(
                            "csv-row-length",
                            format!("{name} row {row_no}"),
                            format!(
                                "this row has {} cells but the header has {}",
                                record.len(),
                                headers.len()
                            ),
                        ));
                    }
                }
                Err(e) => {
                    let row_no = lines.line_of(e.position().map_or(byte, csv::Position::byte));
                    diags.push(Diagnostic::error(
                        "csv-syntax",
                        format!("{name} row {row_no}"),
                        format!("cannot read this row: {e}"),
                    ));
                    // Never loop on an error the reader cannot move past.
                    if rdr.position().byte() == byte {
                        break;
                    }
                }
            }
        }
        Ok((
            Table {
                name: name.to_string(),
                headers,
                rows,
                row_numbers,
                delimiter,
            },
            diags,
        ))
    }

    /// The row number in the file of `rows[i]` (see [`Table::row_numbers`]).
    pub fn row_number(&self, i: usize) -> usize {
        self.row_numbers.get(i).copied().unwrap_or(i + 2)
    }

    /// When `col` is missing because the header was split on the wrong separator (a
    /// header cell holds `col` next to a `,`, `;` or tab), a sentence saying so.
    pub fn delimiter_hint(&self, col: &str) -> Option<String> {
        let col = col.to_ascii_lowercase();
        self.headers.iter().find_map(|h| {
            let lower = h.to_ascii_lowercase();
            let sep = [',', ';', '\t'].into_iter().find(|s| lower.contains(*s))?;
            lower
                .split(sep)
                .any(|part| part.trim().trim_matches('"') == col)
                .then(|| {
                    let shown = if sep == '\t' { "tab".to_string() } else { format!("\"{sep}\"") };
                    let used = match self.delimiter {
                        b';' => "\";\"",
                        b'\t' => "tab",
                        _ => "\",\"",
                    };
                    format!(
                        "the header \"{h}\" looks separated by {shown}, but the file was read as separated by {used}: save it with one separator throughout (in Excel, \"CSV UTF-8 (Comma delimited)\")"
                    )
                })
        })
    }

    /// The index of column `col` (exact, then case-insensitive).
    ///
    /// # Errors
    /// Names the missing column and lists the ones there are (or explains a separator
    /// mix-up, see [`Table::delimiter_hint`]).
    pub fn column(&self, col: &str) -> Result<usize, Diagnostic> {
        self.headers
            .iter()
            .position(|h| h == col)
            .or_else(|| {
                self.headers
                    .iter()
                    .position(|h| h.eq_ignore_ascii_case(col))
            })
            .ok_or_else(|| {
                let message = match self.delimiter_hint(col) {
                    Some(hint) => format!("there is no column \"{col}\": {hint}"),
                    None => format!(
                        "there is no column \"{col}\"; the columns are {}",
                        self.headers.join(", ")
                    ),
                };
                Diagnostic::error("missing-column", format!("{} row 1", self.name), message)
                    .with_value(col)
            })
    }
}

/// Line numbers of byte offsets that come in increasing order.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of the first character at or after `byte` that is not a line
    /// break (the start of the record the reader found there).
    fn line_of(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        if start > self.at {
            let seen = self.bytes.get(self.at..start).unwrap_or_default();
            self.line += seen.iter().filter(|b| **b == b'\n').count();
            self.at = start;
        }
        self.line
    }
}

/// Which columns of a lookup to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupSpec {
    /// Area code column, e.g. `LAD24CD`.
    pub area: String,
    /// Body code column, e.g. `PFA24CD`.
    pub code: String,
    /// Body name column, e.g. `PFA24NM`.
    pub name: Option<String>,
    /// Share-of-area column, e.g. `share_of_lad`.
    pub share: Option<String>,
}

impl LookupSpec {
    /// A spec from column names: `LookupSpec::new("LAD24CD", "PFA24CD", Some("PFA24NM"), None)`.
    pub fn new(area: &str, code: &str, name: Option<&str>, share: Option<&str>) -> Self {
        Self {
            area: area.to_string(),
            code: code.to_string(),
            name: name.map(str::to_string),
            share: share.map(str::to_string),
        }
    }
}

/// One area's membership of one body, read from a lookup.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupRow {
    /// Area code.
    pub area: String,
    /// Body code.
    pub code: String,
    /// Body name (the code when there is no name column).
    pub name: String,
    /// Share of the area, when given.
    pub share: Option<f64>,
    /// The row of the file it came from (see [`Table::row_numbers`]).
    pub row: usize,
}

/// Values that mean "not applicable" in ONS and DfE files.
fn not_applicable(v: &str) -> bool {
    v.is_empty() || v.eq_ignore_ascii_case("z") || v.eq_ignore_ascii_case("n/a") || v == "-"
}

/// Reads the rows of a lookup. Rows whose body code is blank or `z` (not applicable) are
/// skipped silently; rows with a bad share are reported.
///
/// ```
/// use pmap_core::ons::{Table, LookupSpec, lookup_rows};
/// let (t, _) = Table::parse("pfa.csv", "LAD24CD,LAD24NM,PFA24CD,PFA24NM\nE07000089,Hart,E23000030,Hampshire\n").unwrap();
/// let (rows, diags) = lookup_rows(&t, &LookupSpec::new("LAD24CD", "PFA24CD", Some("PFA24NM"), None)).unwrap();
/// assert_eq!(rows[0].code, "E23000030");
/// assert!(diags.is_empty());
/// ```
///
/// # Errors
/// When a named column is missing.
pub fn lookup_rows(
    table: &Table,
    spec: &LookupSpec,
) -> Result<(Vec<LookupRow>, Vec<Diagnostic>), Diagnostic> {
    let ai = table.column(&spec.area)?;
    let ci = table.column(&spec.code)?;
    let ni = spec.name.as_deref().map(|c| table.column(c)).transpose()?;
    let si = spec.share.as_deref().map(|c| table.column(c)).transpose()?;
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, r) in table.rows.iter().enumerate() {
        let row_no = table.row_number(i);
        let cell = |c: usize| r.get(c).map_or("", String::as_str);
        let (area, code) = (cell(ai), cell(ci));
        if not_applicable(code) {
            continue;
        }
        if area.is_empty() {
            diags.push(Diagnostic::error(
                "missing-value",
                format!("{} row {row_no}, column {}", table.name, spec.area),
                "the area code is empty",
            ));
            continue;
        }
        let share = match si {
            None => None,
            Some(s) => match cell(s).parse::<f64>() {
                Ok(v) if v > 0.0 && v <= 1.0 => Some(v),
                Ok(0.0) => continue,
                _ => {
                    diags.push(
                        Diagnostic::error(
                            "bad-share",
                            format!(
                                "{} row {row_no}, column {}",
                                table.name,
                                spec.share.as_deref().unwrap_or("")
                            ),
                            "a share must be a number more than 0 and at most 1",
                        )
                        .with_value(cell(s)),
                    );
                    continue;
                }
            },
        };
        out.push(LookupRow {
            area: area.to_string(),
            code: code.to_string(),
            name: ni.map_or_else(|| code.to_string(), |n| cell(n).to_string()),
            share,
            row: row_no,
        });
    }
    Ok((out, diags))
}

/// Turns lookup rows into bodies of one kind, one per distinct code, ids `{prefix}-{code}`
/// in lower case. Areas listed under several bodies without shares are divided equally,
/// with a warning.
pub fn bodies_from_rows(
    table_name: &str,
    rows: &[LookupRow],
    kind: &BodyKind,
    prefix: &str,
    elected: bool,
    source: &str,
) -> (Vec<Body>, Vec<Diagnostic>) {
    let mut per_area: HashMap<&str, usize> = HashMap::new();
    for r in rows {
        if r.share.is_none() {
            *per_area.entry(r.area.as_str()).or_insert(0) += 1;
        }
    }
    let mut diags = Vec::new();
    let mut warned = std::collections::HashSet::new();
    let mut bodies: BTreeMap<&str, Body> = BTreeMap::new();
    for r in rows {
        let n = per_area.get(r.area.as_str()).copied().unwrap_or(1);
        let share = match r.share {
            Some(s) => Some(s),
            None if n > 1 => {
                if warned.insert(r.area.as_str()) {
                    diags.push(
                        Diagnostic::warning(
                            "share-assumed",
                            format!("{table_name}, area {}", r.area),
                            format!("{} is listed under {n} bodies with no shares, so each is given an equal share", r.area),
                        )
                        .with_value(&r.area),
                    );
                }
                Some(1.0 / n as f64)
            }
            None => None,
        };
        let b = bodies.entry(r.code.as_str()).or_insert_with(|| Body {
            id: format!("{prefix}-{}", r.code.to_ascii_lowercase()),
            name: r.name.clone(),
            kind: kind.clone(),
            elected,
            code: Some(r.code.clone()),
            covers: Vec::new(),
            valid_from: None,
            valid_to: None,
            theme: None,
            partnership_type: None,
            description: None,
            source: Some(source.to_string()),
            illustrative: false,
        });
        if !b.covers.iter().any(|c| c.area == r.area) {
            b.covers.push(Coverage {
                area: r.area.clone(),
                share,
            });
        }
    }
    (bodies.into_values().collect(), diags)
}

/// Reads mid-year populations: code column → population column.
///
/// # Errors
/// When a named column is missing.
pub fn populations(
    table: &Table,
    code_col: &str,
    pop_col: &str,
) -> Result<(HashMap<String, u64>, Vec<Diagnostic>), Diagnostic> {
    let ci = table.column(code_col)?;
    let pi = table.column(pop_col)?;
    let mut out = HashMap::new();
    let mut diags = Vec::new();
    for (i, r) in table.rows.iter().enumerate() {
        let code = r.get(ci).map_or("", String::as_str);
        let raw = r.get(pi).map_or("", String::as_str);
        match raw.replace(',', "").parse::<u64>() {
            Ok(p) => {
                out.insert(code.to_string(), p);
            }
            Err(_) => diags.push(
                Diagnostic::error(
                    "bad-population",
                    format!(
                        "{} row {}, column {pop_col}",
                        table.name,
                        table.row_number(i)
                    ),
                    "the population must be a whole number",
                )
                .with_value(raw),
            ),
        }
    }
    Ok((out, diags))
}

/// The kind of council a district's GSS code says it is.
pub fn council_kind(code: &str) -> BodyKind {
    match code.get(0..3) {
        Some("E06") | Some("W06") => BodyKind::UnitaryCouncil,
        Some("E07") => BodyKind::DistrictCouncil,
        Some("E08") => BodyKind::MetropolitanDistrict,
        Some("E09") => BodyKind::LondonBorough,
        Some("E10") => BodyKind::CountyCouncil,
        _ => BodyKind::Other("council".to_string()),
    }
}

/// The ONS files the national map is built from, as text.
#[derive(Debug, Clone, Copy)]
pub struct NationalInputs<'a> {
    /// `lad24_to_region24_en.csv`: the 296 districts and their names.
    pub regions: &'a str,
    /// `lad23_population_mid2021_2023_ew.csv`.
    pub population: &'a str,
    /// `lad23_to_utla23_county_en.csv`.
    pub counties: &'a str,
    /// `lad24_to_pfa24_en.csv`.
    pub pfa: &'a str,
    /// `lad24_to_fra24_en.csv`.
    pub fra: &'a str,
    /// `lad24_x_icb24_overlap_en.csv`.
    pub icb: &'a str,
    /// `lad24_to_csp24_to_pfa24_en.csv`.
    pub csp: &'a str,
    /// `lad23_to_cauth23_en.csv`.
    pub cauth: &'a str,
}

/// The text of the eight ONS files [`national_map`] needs, owned. The file names live
/// here only; the caller does the reading, so this crate stays free of I/O.
#[derive(Debug, Clone)]
pub struct NationalTexts {
    regions: String,
    population: String,
    counties: String,
    pfa: String,
    fra: String,
    icb: String,
    csp: String,
    cauth: String,
}

impl NationalTexts {
    /// Reads each file with `read`, which is given the file's name in the ONS folder
    /// (e.g. `lad24_to_pfa24_en.csv`).
    ///
    /// # Errors
    /// The first error `read` returns.
    pub fn read<E>(mut read: impl FnMut(&str) -> Result<String, E>) -> Result<NationalTexts, E> {
        Ok(NationalTexts {
            regions: read("lad24_to_region24_en.csv")?,
            population: read("lad23_population_mid2021_2023_ew.csv")?,
            counties: read("lad23_to_utla23_county_en.csv")?,
            pfa: read("lad24_to_pfa24_en.csv")?,
            fra: read("lad24_to_fra24_en.csv")?,
            icb: read("lad24_x_icb24_overlap_en.csv")?,
            csp: read("lad24_to_csp24_to_pfa24_en.csv")?,
            cauth: read("lad23_to_cauth23_en.csv")?,
        })
    }

    /// Borrows the texts as [`national_map`]'s inputs.
    pub fn inputs(&self) -> NationalInputs<'_> {
        NationalInputs {
            regions: &self.regions,
            population: &self.population,
            counties: &self.counties,
            pfa: &self.pfa,
            fra: &self.fra,
            icb: &self.icb,
            csp: &self.csp,
            cauth: &self.cauth,
        }
    }
}

fn table(name: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Result<Table, Vec<Diagnostic>> {
    match Table::parse(name, text) {
        Ok((t, d)) => {
            diags.extend(d);
            Ok(t)
        }
        Err(e) => Err(vec![e]),
    }
}

fn rows(
    t: &Table,
    spec: &LookupSpec,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<LookupRow>, Vec<Diagnostic>> {
    let (r, d) = lookup_rows(t, spec).map_err(|e| vec![e])?;
    diags.extend(d);
    Ok(r)
}

/// Builds the map of all England from the ONS lookups: the 296 districts (mid-2023
/// population) as areas; a council for each district and county; and every police force
/// area, fire and rescue authority, ICB (with LSOA-based shares), community safety
/// partnership and combined authority.
///
/// # Errors
/// Any error diagnostic from reading the files.
pub fn national_map(
    inp: &NationalInputs<'_>,
) -> Result<(MapFile, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let regions = table("lad24_to_region24_en.csv", inp.regions, &mut diags)?;
    let pop_t = table(
        "lad23_population_mid2021_2023_ew.csv",
        inp.population,
        &mut diags,
    )?;
    let (pops, d) = populations(&pop_t, "AREACD", "pop_mid2023").map_err(|e| vec![e])?;
    diags.extend(d);
    let lad_rows = rows(
        &regions,
        &LookupSpec::new("LAD24CD", "LAD24CD", Some("LAD24NM"), None),
        &mut diags,
    )?;
    let mut areas: Vec<Area> = lad_rows
        .iter()
        .map(|r| Area {
            code: r.area.clone(),
            name: r.name.clone(),
            kind: "lad".to_string(),
            population: pops.get(&r.area).copied(),
            parent: None,
            neighbours: Vec::new(),
        })
        .collect();
    crate::order::sort_by(&mut areas, |a, b| a.code.cmp(&b.code));

    let mut bodies = Vec::new();
    #[allow(clippy::too_many_arguments)]
    fn add(
        bodies: &mut Vec<Body>,
        file: &str,
        text: &str,
        spec: LookupSpec,
        kind: BodyKind,
        prefix: &str,
        elected: bool,
        source: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<(), Vec<Diagnostic>> {
        let t = table(file, text, diags)?;
        let r = rows(&t, &spec, diags)?;
        let (b, d) = bodies_from_rows(file, &r, &kind, prefix, elected, source);
        diags.extend(d);
        bodies.extend(b);
        Ok(())
    }
    // One council per district, of the kind its code says.
    for a in &areas {
        bodies.push(Body {
            id: format!("council-{}", a.code.to_ascii_lowercase()),
            name: a.name.clone(),
            kind: council_kind(&a.code),
            elected: true,
            code: Some(a.code.clone()),
            covers: vec![Coverage {
                area: a.code.clone(),
                share: None,
            }],
            valid_from: None,
            valid_to: None,
            theme: None,
            partnership_type: None,
            description: None,
            source: Some("ONS LAD24".to_string()),
            illustrative: false,
        });
    }
    add(
        &mut bodies,
        "lad23_to_utla23_county_en.csv",
        inp.counties,
        LookupSpec::new("LAD23CD", "CTY23CD", Some("CTY23NM"), None),
        BodyKind::CountyCouncil,
        "council",
        true,
        "ONS LAD23 to UTLA23 (April 2023)",
        &mut diags,
    )?;
    add(
        &mut bodies,
        "lad24_to_pfa24_en.csv",
        inp.pfa,
        LookupSpec::new("LAD24CD", "PFA24CD", Some("PFA24NM"), None),
        BodyKind::PoliceForce,
        "pfa",
        false,
        "ONS LAD24 to PFA24 (December 2024)",
        &mut diags,
    )?;
    add(
        &mut bodies,
        "lad24_to_fra24_en.csv",
        inp.fra,
        LookupSpec::new("LAD24CD", "FRA24CD", Some("FRA24NM"), None),
        BodyKind::FireAuthority,
        "fra",
        false,
        "ONS LAD24 to FRA24 (December 2024)",
        &mut diags,
    )?;
    add(
        &mut bodies,
        "lad24_x_icb24_overlap_en.csv",
        inp.icb,
        LookupSpec::new("LAD24CD", "ICB24CD", Some("ICB24NM"), Some("share_of_lad")),
        BodyKind::Icb,
        "icb",
        false,
        "ONS LSOA21 to ICB24 (April 2024), shares by LSOA count",
        &mut diags,
    )?;
    add(
        &mut bodies,
        "lad24_to_csp24_to_pfa24_en.csv",
        inp.csp,
        LookupSpec::new("LAD24CD", "CSP24CD", Some("CSP24NM"), None),
        BodyKind::CommunitySafetyPartnership,
        "csp",
        false,
        "ONS LAD24 to CSP24 (December 2024)",
        &mut diags,
    )?;
    add(
        &mut bodies,
        "lad23_to_cauth23_en.csv",
        inp.cauth,
        LookupSpec::new("LAD23CD", "CAUTH23CD", Some("CAUTH23NM"), None),
        BodyKind::CombinedAuthority,
        "ca",
        false,
        "ONS LAD23 to CAUTH23 (December 2023)",
        &mut diags,
    )?;

    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let file = MapFile {
        meta: Meta {
            title: "England: councils, police, fire, ICBs, CSPs and combined authorities".to_string(),
            description: Some("Every English district with the public bodies that cover it, built from ONS lookups.".to_string()),
            sources: Some("ONS Open Geography Portal lookups (LAD24 to PFA24, FRA24, CSP24; LSOA21 to ICB24; LAD23 to UTLA23 and CAUTH23); ONS mid-2023 population estimates.".to_string()),
            attribution: Some(OGL_ATTRIBUTION.to_string()),
            population_source: Some("ONS mid-2023 estimates".to_string()),
            sliver_tolerance: None,
            load_threshold: None,
        },
        areas,
        bodies,
        ..MapFile::default()
    };
    Ok((file, diags))
}

/// Adds an ONS lookup to a map as coverage: each distinct body code becomes a body of
/// `kind` (or, when the map already has a body with that `code`, that body's coverage is
/// replaced). Rows for areas the map does not have are skipped with a warning naming the
/// row. Returns the new map and the diagnostics; the caller validates and previews it.
///
/// ```
/// use pmap_core::{model::{BodyKind, MapFile, Area}, ons::{apply_lookup, LookupSpec, Table}};
/// let base = MapFile { areas: vec![Area { code: "E07000089".into(), name: "Hart".into(), kind: "lad".into(), population: Some(101542), parent: None, neighbours: vec![] }], ..Default::default() };
/// let (t, _) = Table::parse("fra.csv", "LAD24CD,FRA24CD,FRA24NM\nE07000089,E31000048,Hampshire and Isle of Wight\nE06000001,E31000007,Cleveland\n").unwrap();
/// let (map, diags) = apply_lookup(&base, &t, &LookupSpec::new("LAD24CD", "FRA24CD", Some("FRA24NM"), None), &BodyKind::FireAuthority, "fra").unwrap();
/// assert_eq!(map.bodies.len(), 1);
/// assert_eq!(diags[0].path, "fra.csv row 3, column LAD24CD");
/// ```
///
/// # Errors
/// When a named column is missing.
pub fn apply_lookup(
    base: &MapFile,
    table: &Table,
    spec: &LookupSpec,
    kind: &BodyKind,
    prefix: &str,
) -> Result<(MapFile, Vec<Diagnostic>), Diagnostic> {
    let (rows, mut diags) = lookup_rows(table, spec)?;
    let known: std::collections::HashSet<&str> =
        base.areas.iter().map(|a| a.code.as_str()).collect();
    let mut kept = Vec::new();
    let mut skipped = 0usize;
    for r in &rows {
        if known.contains(r.area.as_str()) {
            kept.push(r.clone());
        } else {
            skipped += 1;
            if skipped <= 20 {
                let row_no = r.row;
                diags.push(
                    Diagnostic::warning(
                        "area-not-in-map",
                        format!("{} row {row_no}, column {}", table.name, spec.area),
                        format!(
                            "{} is not one of the map's areas, so this row is skipped",
                            r.area
                        ),
                    )
                    .with_value(&r.area),
                );
            }
        }
    }
    if skipped > 20 {
        diags.push(Diagnostic::warning(
            "area-not-in-map",
            table.name.clone(),
            format!(
                "{} more rows name areas that are not in the map and are skipped",
                skipped - 20
            ),
        ));
    }
    if kept.is_empty() {
        diags.push(Diagnostic::error(
            "nothing-to-add",
            table.name.clone(),
            format!("no row of {} names an area in this map", table.name),
        ));
    }
    let (new_bodies, d) = bodies_from_rows(
        &table.name,
        &kept,
        kind,
        prefix,
        false,
        &format!("ONS lookup {} ({} → {})", table.name, spec.area, spec.code),
    );
    diags.extend(d);
    let mut out = base.clone();
    for nb in new_bodies {
        match out
            .bodies
            .iter_mut()
            .find(|b| b.code.is_some() && b.code == nb.code)
        {
            Some(existing) => existing.covers = nb.covers,
            None => out.bodies.push(nb),
        }
    }
    Ok((out, diags))
}
