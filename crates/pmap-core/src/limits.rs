//! The largest map the widget takes, in one place.
//!
//! A map beyond these is refused with an error that names the limit and the count ("The
//! map has 60,000 bodies; the limit is 50,000") before anything is built from it, so a
//! file that would freeze a browser tab or exhaust its memory never replaces the map on
//! screen. The limits are generous: all of England (296 districts, about 700 bodies) is far
//! inside them, and a map of 20,000 bodies and 100,000 links loads.

use crate::diagnostic::Diagnostic;
use crate::findings::thousands;
use crate::model::MapFile;

/// The largest file read, in bytes (32 MB). A national map is about 1 MB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most areas in a map (England has 296 districts and 33,755 LSOAs).
pub const MAX_AREAS: usize = 50_000;
/// The most bodies in a map.
pub const MAX_BODIES: usize = 50_000;
/// The most links in a map.
pub const MAX_LINKS: usize = 250_000;
/// The most responsibilities in a map.
pub const MAX_RESPONSIBILITIES: usize = 50_000;
/// The most agreements in a map.
pub const MAX_AGREEMENTS: usize = 50_000;
/// The most coverage entries (`covers` items) over all bodies.
pub const MAX_COVERAGE: usize = 1_000_000;
/// The most steps in a guided tour.
pub const MAX_TOUR_STEPS: usize = 1_000;

/// Checks a map against the limits.
///
/// # Returns
/// One error per limit exceeded (code `too-large`, path the table), or nothing.
///
/// # Complexity
/// O(bodies).
///
/// # Example
/// ```
/// use pmap_core::{limits::{check, MAX_TOUR_STEPS}, model::{MapFile, TourStep}};
/// let mut file = MapFile::default();
/// let step = TourStep { title: "Look".into(), text: "Here".into(), focus: vec![] };
/// file.tour = vec![step; MAX_TOUR_STEPS + 1];
/// let d = check(&file);
/// assert_eq!(d[0].path, "tour");
/// assert_eq!(d[0].message, "The map has 1,001 tour steps; the limit is 1,000");
/// ```
pub fn check(file: &MapFile) -> Vec<Diagnostic> {
    let coverage: usize = file.bodies.iter().map(|b| b.covers.len()).sum();
    [
        ("areas", "areas", file.areas.len(), MAX_AREAS),
        ("bodies", "bodies", file.bodies.len(), MAX_BODIES),
        ("links", "links", file.links.len(), MAX_LINKS),
        (
            "responsibilities",
            "responsibilities",
            file.responsibilities.len(),
            MAX_RESPONSIBILITIES,
        ),
        (
            "agreements",
            "agreements",
            file.agreements.len(),
            MAX_AGREEMENTS,
        ),
        ("bodies", "coverage entries", coverage, MAX_COVERAGE),
        ("tour", "tour steps", file.tour.len(), MAX_TOUR_STEPS),
    ]
    .into_iter()
    .filter(|(_, _, n, max)| n > max)
    .map(|(path, what, n, max)| {
        Diagnostic::error(
            "too-large",
            path,
            format!(
                "The map has {} {what}; the limit is {}",
                thousands(n as u64),
                thousands(max as u64)
            ),
        )
        .with_value(n.to_string())
    })
    .collect()
}
