//! The analyses, one per module. Each documents what it computes, its complexity, and an
//! example. [`crate::findings`] turns their results into plain-English findings.

pub mod accountability;
pub mod betweenness;
pub mod coterminosity;
pub mod coverage;
pub mod cut_vertices;
pub mod grouping;
pub mod orphans;
pub mod splits;
pub mod statutory;
