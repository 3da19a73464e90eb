//! Network layout: the seeded Barnes–Hut force layout of the `pmap-layout` crate, kept at
//! this path so the rest of the core (and its users) need not know it lives apart. It is a
//! crate of its own only so the release build can compile it for speed (`opt-level = 3`)
//! while everything else is compiled for size.

pub use pmap_layout::*;
