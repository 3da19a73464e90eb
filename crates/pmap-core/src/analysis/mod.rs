//! The analyses, one per module. Each documents what it computes, its complexity, and an
//! example. [`crate::findings`] turns their results into plain-English findings.

pub mod accountability;
pub mod alignment;
pub mod betweenness;
pub mod budgets;
pub mod contiguity;
pub mod coterminosity;
pub mod coverage;
pub mod cut_vertices;
pub mod footing;
pub mod grouping;
pub mod load;
pub mod lsp_types;
pub mod orphans;
pub mod partition_json;
pub mod proposals;
pub mod regions;
pub mod splits;
pub mod statutory;

pub use alignment::{atlas, Atlas, Cell, Class, Layer};
