//! `pmap-check`: validates a Partnership Map file and prints its diagnostics and findings
//! as JSON, for publishing pipelines.
//!
//! ```text
//! pmap-check [--pretty] [--fail-on high|medium|low] FILE
//! pmap-check [--pretty] --alignment A_KIND,B_KIND FILE
//! pmap-check [--pretty] --grouping "CODE,CODE;CODE,CODE" [--kinds KIND,KIND] FILE
//! ```
//!
//! With `--alignment` it prints one cell of the service-alignment atlas instead:
//! `{a_kind, b_kind, rows: [{a, a_name, class, b: [{id, name, a_in_b, b_in_a,
//! people_shared}]}], counts: {class: n}}`. Kinds are the file format's kind names
//! (`police_force`, `fire_authority`, `icb`, …) or `upper_tier_council` /
//! `lower_tier_council`.
//!
//! With `--grouping` it scores a partition of areas into proposed councils (groups separated
//! by `;`, area codes by `,`) against the service kinds given by `--kinds` (default: the
//! service kinds present) and prints `{score, kinds, groups}`
//! ([`pmap_cli::grouping::partition_json`]; the score is
//! [`pmap_core::analysis::grouping::Scorer`]'s). An unknown area code or kind, or an area
//! given twice, is a usage error.
//!
//! Exit codes: 0 valid (warnings allowed); 1 the file has errors; 2 usage or I/O problem;
//! 3 valid, but a finding at or above `--fail-on` was found.

use pmap_core::analysis::alignment::{cell, Layer};
use pmap_core::findings::{analyse, Level};
use serde_json::json;
use std::process::ExitCode;

const USAGE: &str = "usage: pmap-check [--pretty] [--fail-on high|medium|low] FILE\n\
       pmap-check [--pretty] --alignment A_KIND,B_KIND FILE\n\
       pmap-check [--pretty] --grouping \"CODE,CODE;CODE,CODE\" [--kinds KIND,KIND] FILE\n\
Validates a Partnership Map JSON file and prints {file, valid, diagnostics, findings} as JSON.\n\
With --alignment, prints how each body of kind A lines up with the bodies of kind B:\n\
{a_kind, b_kind, rows: [{a, a_name, class, b: [{id, name, a_in_b, b_in_a, people_shared}]}], counts}.\n\
Kinds are the file's kind names (police_force, fire_authority, icb, ...) or\n\
upper_tier_council / lower_tier_council.\n\
With --grouping, scores the partition of areas into groups (\";\" between groups, \",\" between\n\
codes) against --kinds (default: the service kinds in the file) and prints\n\
{score, kinds: [{kind, group_side, service_side, score, services}], groups: [{areas, population,\n\
contiguous, kinds: [{kind, class, main_body, main_share, value, bodies: [{id, inside, outside}]}]}]}.\n\
Exit status: 0 valid, 1 errors in the file, 2 usage or I/O problem, 3 a finding at or above --fail-on.";

/// Reads `A_KIND,B_KIND`.
fn layers(arg: &str) -> Option<(Layer, Layer)> {
    let (a, b) = arg.split_once(',')?;
    Some((Layer::parse(a)?, Layer::parse(b)?))
}

fn main() -> ExitCode {
    let mut pretty = false;
    let mut fail_on: Option<Level> = None;
    let mut alignment: Option<(Layer, Layer)> = None;
    let mut grouping: Option<String> = None;
    let mut kinds: Option<String> = None;
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
            "--alignment" => match args.next().as_deref().and_then(layers) {
                Some(pair) => alignment = Some(pair),
                None => {
                    eprintln!("pmap-check: --alignment takes two kind names, e.g. police_force,fire_authority\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--grouping" | "--kinds" => match args.next() {
                Some(v) if a == "--grouping" => grouping = Some(v),
                Some(v) => kinds = Some(v),
                None => {
                    eprintln!("pmap-check: {a} needs a value\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
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
    if let Some(spec) = grouping {
        return match pmap_core::load(&text) {
            Ok(loaded) => grouping_command(&loaded.model, &spec, kinds.as_deref(), pretty),
            Err(diags) => {
                for d in diags {
                    eprintln!("pmap-check: {path}: {d}");
                }
                ExitCode::from(1)
            }
        };
    }
    if kinds.is_some() {
        eprintln!("pmap-check: --kinds goes with --grouping\n{USAGE}");
        return ExitCode::from(2);
    }
    let (out, code) = match (pmap_core::load(&text), alignment) {
        (Ok(loaded), Some((a, b))) => {
            // Printed straight from the struct, so the keys keep the documented order.
            let report = cell(&loaded.model, &a, &b).report(&loaded.model);
            let printed = if pretty {
                serde_json::to_string_pretty(&report)
            } else {
                serde_json::to_string(&report)
            };
            return match printed {
                Ok(s) => {
                    println!("{s}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("pmap-check: {e}");
                    ExitCode::from(2)
                }
            };
        }
        (Ok(loaded), None) => {
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
        (Err(diags), _) => (
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

/// `--grouping SPEC [--kinds K,K]`: the partition's report as JSON.
fn grouping_command(
    model: &pmap_core::Model,
    spec: &str,
    kinds: Option<&str>,
    pretty: bool,
) -> ExitCode {
    use pmap_cli::grouping::{contiguity_hook, parse_grouping, parse_kinds, partition_json};
    use pmap_core::analysis::grouping::{service_kinds, Scorer};
    let parsed = parse_grouping(model, spec).and_then(|(areas, assign)| {
        let kinds = match kinds {
            Some(k) => parse_kinds(k)?,
            None => service_kinds(model),
        };
        Ok((areas, assign, kinds))
    });
    let (areas, assign, kinds) = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pmap-check: {e}");
            return ExitCode::from(2);
        }
    };
    let report = Scorer::new(model, &areas, &kinds).report(&assign);
    let out = partition_json(model, &report, &|g| contiguity_hook(model, g));
    let printed = if pretty {
        serde_json::to_string_pretty(&out)
    } else {
        serde_json::to_string(&out)
    };
    match printed {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pmap-check: {e}");
            ExitCode::from(2)
        }
    }
}
