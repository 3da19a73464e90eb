//! One path for every file that reaches the widget (file picker, drag and drop, paste)
//! and the native tools: decode the bytes, recognise the kind of file, read and validate
//! it. The caller shows the result as a preview and applies it only when it has no error;
//! the map it already has is never touched here.

use crate::csv_template;
use crate::diagnostic::Diagnostic;
use crate::model::MapFile;
use crate::ons::Table;
use crate::text::decode;

/// What a set of files turned out to be. (Made once per import, so the size of the
/// larger variant does not matter.)
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)]
pub enum Imported {
    /// A whole map (a JSON file, or the spreadsheet template's CSVs merged over the base
    /// map) to preview. `file` is `None` when nothing could be read; apply it only when
    /// no diagnostic is an error.
    Map {
        /// The file names, joined, for the preview's heading.
        label: String,
        /// The map read, if any.
        file: Option<MapFile>,
        /// Everything found, errors first.
        diagnostics: Vec<Diagnostic>,
    },
    /// A CSV that is not the template: an ONS lookup whose columns the user chooses next
    /// (then [`crate::ons::apply_lookup`]).
    Lookup {
        /// The table read.
        table: Table,
        /// Warnings from decoding and reading it.
        diagnostics: Vec<Diagnostic>,
    },
}

impl Imported {
    /// Every diagnostic, whichever kind of import this is.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Imported::Map { diagnostics, .. } | Imported::Lookup { diagnostics, .. } => diagnostics,
        }
    }

    /// True when the import must not be applied.
    pub fn has_errors(&self) -> bool {
        self.diagnostics().iter().any(Diagnostic::is_error)
    }
}

const TEMPLATE_TABLES: [&str; 4] = ["bodies", "links", "responsibilities", "areas"];

/// Reads files given as (name, bytes).
///
/// * Any `.json` file: the map, parsed and validated ([`crate::check_map`]).
/// * Files named after the template's tables (`bodies.csv`, …): the template, merged
///   over `base` and validated ([`csv_template::import`]).
/// * Any other file: an ONS lookup table ([`Table::parse`]).
///
/// Every file is decoded first ([`decode`]); its warnings come with the result.
///
/// ```
/// use pmap_core::import::{read_files, Imported};
/// let csv: &[u8] = b"id;name;kind\nb1;Caf\xE9;lsp\n";
/// let got = read_files(&[("bodies.csv", csv)], &Default::default());
/// let Imported::Map { file, diagnostics, .. } = got else { panic!("a map") };
/// assert_eq!(file.unwrap().bodies[0].name, "Café");
/// assert!(diagnostics.iter().any(|d| d.code == "encoding-fallback"));
/// ```
pub fn read_files(files: &[(&str, &[u8])], base: &MapFile) -> Imported {
    let label = files.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    let mut decoded: Vec<(&str, String)> = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for (name, bytes) in files {
        let (text, d) = decode(name, bytes);
        diags.extend(d);
        decoded.push((name, text));
    }
    if files.is_empty() {
        diags.push(Diagnostic::error("no-file", "(file)", "no file was given"));
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Imported::Map {
            label,
            file: None,
            diagnostics: diags,
        };
    }
    let json = decoded
        .iter()
        .find(|(n, _)| n.to_ascii_lowercase().ends_with(".json"));
    if let Some((name, text)) = json {
        let (file, d) = crate::check_map(text);
        diags.extend(d.into_iter().map(|mut d| {
            if d.path == "(file)" {
                d.path = (*name).to_string();
            }
            d
        }));
        crate::order::sort_by_key(&mut diags, |d| d.severity);
        return Imported::Map {
            label: (*name).to_string(),
            file,
            diagnostics: diags,
        };
    }
    let template = decoded.iter().any(|(n, _)| {
        let l = n.to_ascii_lowercase();
        TEMPLATE_TABLES.iter().any(|k| l.contains(k))
    });
    if template {
        let refs: Vec<(&str, &str)> = decoded.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let (file, d) = csv_template::import(&refs, base);
        diags.extend(d);
        crate::order::sort_by_key(&mut diags, |d| d.severity);
        return Imported::Map {
            label,
            file,
            diagnostics: diags,
        };
    }
    let Some((name, text)) = decoded.first() else {
        return Imported::Map {
            label,
            file: None,
            diagnostics: diags,
        };
    };
    match Table::parse(name, text) {
        Ok((table, d)) => {
            diags.extend(d);
            Imported::Lookup {
                table,
                diagnostics: diags,
            }
        }
        Err(e) => {
            diags.push(e);
            Imported::Map {
                label,
                file: None,
                diagnostics: diags,
            }
        }
    }
}
