//! `pmap-check`: validates a Partnership Map file and prints its diagnostics and findings
//! as JSON, for publishing pipelines.
//!
//! ```text
//! pmap-check [--pretty] [--fail-on high|medium|low] FILE
//! ```
//!
//! Exit codes: 0 valid (warnings allowed); 1 the file has errors; 2 usage or I/O problem;
//! 3 valid, but a finding at or above `--fail-on` was found.

use pmap_core::findings::{analyse, Level};
use serde_json::json;
use std::process::ExitCode;

const USAGE: &str = "usage: pmap-check [--pretty] [--fail-on high|medium|low] FILE\n\
Validates a Partnership Map JSON file and prints {file, valid, diagnostics, findings} as JSON.\n\
Exit status: 0 valid, 1 errors in the file, 2 usage or I/O problem, 3 a finding at or above --fail-on.";

fn main() -> ExitCode {
    let mut pretty = false;
    let mut fail_on: Option<Level> = None;
    let mut path: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pretty" => pretty = true,
            "--fail-on" => {
                fail_on = match args.next().as_deref() {
                    Some("high") => Some(Level::High),
                    Some("medium") => Some(Level::Medium),
                    Some("low") => Some(Level::Low),
                    _ => {
                        eprintln!("{USAGE}");
                        return ExitCode::from(2);
                    }
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() && !a.starts_with("--") => path = Some(a),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("pmap-check: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let (out, code) = match pmap_core::load(&text) {
        Ok(loaded) => {
            let report = analyse(&loaded.model);
            let worst = report.findings.iter().map(|f| f.level).min();
            let failed = matches!((fail_on, worst), (Some(limit), Some(w)) if w <= limit);
            (
                json!({
                    "file": path,
                    "valid": true,
                    "diagnostics": loaded.diagnostics,
                    "counts": report.counts.iter().map(|(k, v)| (k.label(), v)).collect::<std::collections::BTreeMap<_, _>>(),
                    "findings": report.findings,
                }),
                if failed { 3 } else { 0 },
            )
        }
        Err(diags) => (
            json!({ "file": path, "valid": false, "diagnostics": diags, "findings": [] }),
            1,
        ),
    };
    let printed = if pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    };
    match printed {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("pmap-check: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(code)
}
