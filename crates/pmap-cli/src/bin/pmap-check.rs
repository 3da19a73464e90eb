//! `pmap-check`: validates a Partnership Map file and prints its diagnostics and findings
//! as JSON, for publishing pipelines.
//!
//! ```text
//! pmap-check [--pretty] [--fail-on high|medium|low] FILE
//! pmap-check [--pretty] --alignment A_KIND,B_KIND FILE
//! pmap-check [--pretty] --grouping "CODE,CODE;CODE,CODE" [--kinds KIND,KIND] FILE
//! pmap-check [--pretty] --suggest CODE,CODE,... [--kinds KIND,KIND] [--band MIN,MAX]
//!            [--groups K] [--allow-noncontiguous] FILE
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
//! given twice, is a usage error. Each group's `contiguous` comes from
//! [`pmap_core::analysis::contiguity::Adjacency`] (`null` when the map has neither
//! boundaries nor `neighbours` links).
//!
//! With `--suggest` it divides the areas given into groups within the population band
//! (`--band`, default none) and/or into `--groups K` groups, contiguous unless
//! `--allow-noncontiguous`, maximising the same score
//! ([`pmap_core::analysis::grouping::suggest_with`]), and prints the same JSON with
//! `exact` (exhaustive search, so optimal), `complete`, `ms` (time taken) and `contiguity`
//! (`"enforced"`, `"not enforced"` or `"unknown"`) added. When no division meets the band
//! it prints `{"score": null, "groups": [], ...}` and exits with 3.
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
       pmap-check [--pretty] --suggest CODE,CODE,... [--kinds KIND,KIND] [--band MIN,MAX] [--groups K] [--allow-noncontiguous] FILE\n\
Validates a Partnership Map JSON file and prints {file, valid, diagnostics, findings} as JSON.\n\
With --alignment, prints how each body of kind A lines up with the bodies of kind B:\n\
{a_kind, b_kind, rows: [{a, a_name, class, b: [{id, name, a_in_b, b_in_a, people_shared}]}], counts}.\n\
Kinds are the file's kind names (police_force, fire_authority, icb, ...) or\n\
upper_tier_council / lower_tier_council.\n\
With --grouping, scores the partition of areas into groups (\";\" between groups, \",\" between\n\
codes) against --kinds (default: the service kinds in the file) and prints\n\
{score, kinds: [{kind, group_side, service_side, score, services}], groups: [{areas, population,\n\
contiguous, kinds: [{kind, class, main_body, main_share, value, bodies: [{id, inside, outside}]}]}]}.\n\
With --suggest, divides the areas into groups within --band (people) and/or into --groups K,\n\
contiguous unless --allow-noncontiguous, and prints the same with exact, complete, ms and\n\
contiguity (\"enforced\", \"not enforced\" or \"unknown\"); exit 3 when no division meets the band.\n\
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
    let mut suggest: Option<String> = None;
    let mut band: Option<String> = None;
    let mut groups: Option<String> = None;
    let mut noncontiguous = false;
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
            "--allow-noncontiguous" => noncontiguous = true,
            "--grouping" | "--kinds" | "--suggest" | "--band" | "--groups" => match args.next() {
                Some(v) => match a.as_str() {
                    "--grouping" => grouping = Some(v),
                    "--suggest" => suggest = Some(v),
                    "--band" => band = Some(v),
                    "--groups" => groups = Some(v),
                    _ => kinds = Some(v),
                },
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
    if let Some(spec) = suggest {
        let opts = SuggestArgs {
            kinds: kinds.as_deref(),
            band: band.as_deref(),
            groups: groups.as_deref(),
            noncontiguous,
        };
        return match pmap_core::load(&text) {
            Ok(loaded) => suggest_command(&loaded.model, &spec, &opts, pretty),
            Err(diags) => {
                for d in diags {
                    eprintln!("pmap-check: {path}: {d}");
                }
                ExitCode::from(1)
            }
        };
    }
    if band.is_some() || groups.is_some() || noncontiguous {
        eprintln!(
            "pmap-check: --band, --groups and --allow-noncontiguous go with --suggest\n{USAGE}"
        );
        return ExitCode::from(2);
    }
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
        eprintln!("pmap-check: --kinds goes with --grouping or --suggest\n{USAGE}");
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
    use pmap_cli::grouping::{parse_grouping, parse_kinds, partition_json};
    use pmap_core::analysis::contiguity::Adjacency;
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
    let adj = Adjacency::of(model);
    let out = partition_json(model, &report, &|g| adj.contiguity(g));
    print_json(&out, pretty, ExitCode::SUCCESS)
}

fn print_json(out: &serde_json::Value, pretty: bool, ok: ExitCode) -> ExitCode {
    let printed = if pretty {
        serde_json::to_string_pretty(out)
    } else {
        serde_json::to_string(out)
    };
    match printed {
        Ok(s) => {
            println!("{s}");
            ok
        }
        Err(e) => {
            eprintln!("pmap-check: {e}");
            ExitCode::from(2)
        }
    }
}

/// The options of `--suggest`, as given.
struct SuggestArgs<'a> {
    kinds: Option<&'a str>,
    band: Option<&'a str>,
    groups: Option<&'a str>,
    noncontiguous: bool,
}

/// `--suggest CODES [--kinds] [--band MIN,MAX] [--groups K] [--allow-noncontiguous]`.
// A native command: it times the search with the system clock (never built for wasm).
#[allow(clippy::disallowed_methods)]
fn suggest_command(
    model: &pmap_core::Model,
    codes: &str,
    args: &SuggestArgs,
    pretty: bool,
) -> ExitCode {
    use pmap_cli::grouping::{parse_band, parse_grouping, parse_kinds, partition_json};
    use pmap_core::analysis::contiguity::Adjacency;
    use pmap_core::analysis::grouping::{
        service_kinds, suggest_with, Band, Scorer, SuggestOptions,
    };
    let parsed = (|| -> Result<_, String> {
        let (areas, _) = parse_grouping(model, &codes.replace(';', ","))?;
        let kinds = match args.kinds {
            Some(k) => parse_kinds(k)?,
            None => service_kinds(model),
        };
        let (min, max) = match args.band {
            Some(b) => parse_band(b)?,
            None => (0.0, f64::INFINITY),
        };
        let groups =
            match args.groups {
                Some(g) => Some(g.trim().parse::<usize>().ok().filter(|&k| k >= 1).ok_or(
                    format!("--groups takes a whole number of at least 1, not {g:?}"),
                )?),
                None => None,
            };
        Ok((areas, kinds, Band { min, max, groups }))
    })();
    let (areas, kinds, band) = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("pmap-check: {e}");
            return ExitCode::from(2);
        }
    };
    let adj = Adjacency::of(model);
    let opts = SuggestOptions {
        allow_noncontiguous: args.noncontiguous,
        adjacency: Some(&adj),
        ..SuggestOptions::new(band)
    };
    let t = std::time::Instant::now();
    let found = suggest_with(model, &areas, &kinds, &opts, &mut |_| true);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let Some(s) = found else {
        let out = json!({"score": null, "exact": null, "complete": true, "ms": ms, "groups": []});
        return print_json(&out, pretty, ExitCode::from(3));
    };
    let (flat, assign): (Vec<u32>, Vec<usize>) = s
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, members)| members.iter().map(move |&x| (x, g)))
        .unzip();
    let report = Scorer::new(model, &flat, &kinds).report(&assign);
    let mut out = partition_json(model, &report, &|g| adj.contiguity(g));
    if let Some(o) = out.as_object_mut() {
        o.insert("exact".into(), json!(s.exact));
        o.insert("complete".into(), json!(s.complete));
        o.insert("ms".into(), json!((ms * 10.0).round() / 10.0));
        o.insert("contiguity".into(), json!(s.contiguity.label()));
    }
    print_json(&out, pretty, ExitCode::SUCCESS)
}
