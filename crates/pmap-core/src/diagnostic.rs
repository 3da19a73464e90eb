//! Diagnostics: what is wrong with an input, and where.

use serde::Serialize;
use std::fmt;

/// How bad a diagnostic is. Errors stop a file from being applied; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be applied until this is fixed.
    Error,
    /// The file can be applied, but something looks wrong.
    Warning,
}

/// One problem in an input, with where it is and the value that caused it.
///
/// `path` is a JSON path into the map file (`bodies[12].covers[3]`) or, for CSV input,
/// `file.csv row 7, column ICB24CD`. `line` and `column` are 1-based when known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `unknown-area`.
    pub code: &'static str,
    /// Where the problem is: a JSON path or a CSV row and column.
    pub path: String,
    /// The offending value, as text, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A plain-English message.
    pub message: String,
    /// 1-based line in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Diagnostic {
    /// An error at `path`.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, path, message)
    }

    /// A warning at `path`.
    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, path, message)
    }

    fn new(
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
            path: path.into(),
            value: None,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// Attaches the offending value (shortened to 120 characters so a hostile or enormous
    /// value cannot flood the report).
    #[must_use]
    pub fn with_value(mut self, value: impl AsRef<str>) -> Self {
        self.value = Some(shorten(value.as_ref(), 120));
        self
    }

    /// Attaches a line and column.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev} [{}] {}", self.code, self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(v) = &self.value {
            write!(f, " (value: {v:?})")?;
        }
        Ok(())
    }
}

/// Shortens `s` to at most `max` characters, adding an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Codes that are about a whole file (its encoding, its size) rather than one record.
const FILE_LEVEL: [&str; 5] = [
    "file-too-large",
    "too-large",
    "encoding-guessed",
    "encoding-fallback",
    "replacement-character",
];

/// Orders diagnostics for a preview: what is wrong with a whole file first (an encoding
/// guessed, a limit passed), since one such problem explains hundreds of others; then errors,
/// then warnings, each in the order found.
///
/// ```
/// use pmap_core::diagnostic::{sort_for_preview, Diagnostic};
/// let mut d = vec![
///     Diagnostic::error("unknown-id", "links[0].to", "no body"),
///     Diagnostic::warning("encoding-fallback", "a.csv", "not UTF-8"),
///     Diagnostic::warning("unknown-field", "bodies[0].x", "unknown field"),
///     Diagnostic::error("bad-date", "bodies[1].valid_to", "bad date"),
/// ];
/// sort_for_preview(&mut d);
/// let codes: Vec<&str> = d.iter().map(|x| x.code).collect();
/// assert_eq!(codes, ["encoding-fallback", "unknown-id", "bad-date", "unknown-field"]);
/// ```
pub fn sort_for_preview(diags: &mut [Diagnostic]) {
    crate::order::sort_by_key(diags, |d| (!FILE_LEVEL.contains(&d.code), d.severity));
}
