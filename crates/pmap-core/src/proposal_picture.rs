//! Reorganisation proposals as one picture: a small map per proposal with each new council
//! in its own colour, and under it the council's people and band, whether its areas
//! touch, and the proposal's score. Standalone SVG (what "save the comparison as a
//! picture" downloads), with a title and description for screen readers.
//!
//! Without boundaries the panels are lists only. O(proposals × areas drawn).

use crate::analysis::proposals::Comparison;
use crate::geography::MapShapes;
use crate::index::Model;
use crate::scene::xml_escape;
use std::fmt::Write;

/// Colours for new councils: the Okabe–Ito palette (told apart with colour-blindness),
/// darkest first so labels in black stay readable on the lighter ones.
const COLOURS: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
];

/// Width of one proposal's panel.
const PANEL: f64 = 380.0;

/// The comparison as SVG.
///
/// ```
/// use pmap_core::{load, analysis::proposals::{parse, compare}, analysis::grouping::Band, model::BodyKind};
/// let m = load(r#"{"format":"partnership-map","version":1,
///   "areas":[{"code":"E1","name":"A","population":100},{"code":"E2","name":"B","population":100}],
///   "bodies":[{"id":"p","name":"Police","kind":"police_force","covers":["E1","E2"]}]}"#).unwrap().model;
/// let p = parse(&m, "p.csv", "proposal,council,area_code\nOne,Both,E1\nOne,Both,E2\nTwo,A,E1\nTwo,B,E2\n").0.unwrap();
/// let band = Band { min: 0.0, max: f64::INFINITY, groups: None };
/// let c = compare(&m, &p, &[BodyKind::PoliceForce], &band, &|_| None);
/// let svg = pmap_core::proposal_picture::to_svg(&m, &c, None, "Test <map>");
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("Test &lt;map&gt;"));
/// assert!(svg.contains(">Two: score 75%<"));
/// ```
pub fn to_svg(model: &Model, c: &Comparison, shapes: Option<&MapShapes>, title: &str) -> String {
    let n = c.proposals.len().max(1);
    // Scale the map into the panel; keep only the areas some proposal uses.
    let used: std::collections::BTreeSet<&str> = c
        .proposals
        .iter()
        .flat_map(|p| {
            p.councils
                .iter()
                .flat_map(|k| k.areas.iter().map(String::as_str))
        })
        .collect();
    let map_h = shapes.map_or(0.0, |s| {
        if s.width > 0.0 {
            PANEL * s.height / s.width
        } else {
            0.0
        }
    });
    let lines = c
        .proposals
        .iter()
        .map(|p| p.councils.len())
        .max()
        .unwrap_or(0)
        + 2;
    let height = 60.0 + map_h + 22.0 * lines as f64 + 20.0;
    let width = PANEL * n as f64 + 20.0 * (n as f64 + 1.0);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"pm-p-title pm-p-desc\" font-family=\"system-ui, Arial, sans-serif\">\n<title id=\"pm-p-title\">{}</title>\n<desc id=\"pm-p-desc\">{} reorganisation proposals compared: each new council in its own colour, with its people and whether its areas touch.</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"20\" y=\"30\" font-size=\"20\" font-weight=\"700\">{}</text>\n",
        xml_escape(title),
        c.proposals.len(),
        xml_escape(title),
    );
    for (pi, p) in c.proposals.iter().enumerate() {
        let x0 = 20.0 + pi as f64 * (PANEL + 20.0);
        let _ = writeln!(out, "<g transform=\"translate({x0} 50)\">");
        if let Some(s) = shapes {
            let k = if s.width > 0.0 { PANEL / s.width } else { 1.0 };
            let _ = writeln!(
                out,
                "<g transform=\"scale({k})\" stroke=\"#ffffff\" stroke-width=\"{}\">",
                1.0 / k
            );
            for a in &s.areas {
                if !used.contains(a.code.as_str()) {
                    continue;
                }
                let fill = p
                    .councils
                    .iter()
                    .position(|k| k.areas.contains(&a.code))
                    .map_or("#dddddd", |i| COLOURS[i % COLOURS.len()]);
                let name = model
                    .area_index(&a.code)
                    .map_or(a.code.as_str(), |x| model.area_name(x));
                let _ = writeln!(
                    out,
                    "<path d=\"{}\" fill=\"{fill}\"><title>{}</title></path>",
                    a.path,
                    xml_escape(name)
                );
            }
            out.push_str("</g>\n");
        }
        let mut y = map_h + 24.0;
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{y}\" font-size=\"16\" font-weight=\"700\">{}: score {:.0}%</text>",
            xml_escape(&p.name),
            p.score * 100.0
        );
        for (i, k) in p.councils.iter().enumerate() {
            y += 22.0;
            let touch = match k.contiguous {
                Some(true) => "",
                Some(false) => ", areas do not touch",
                None => "",
            };
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"20\" y=\"{y}\" font-size=\"13\">{}: {} people ({} the band{touch})</text>",
                y - 12.0,
                COLOURS[i % COLOURS.len()],
                xml_escape(&k.name),
                crate::findings::thousands(k.population.round() as u64),
                k.band.as_str(),
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}
