//! The validated, indexed model that the analyses work on.
//!
//! [`Model`] owns the [`MapFile`] it was built from (so export is lossless) and adds:
//! lookups from ids to positions, each body's resolved *footprint* (the areas it covers,
//! with shares, sorted by area), and a petgraph [`StableGraph`] of the links.
//!
//! ## Footprints
//! A body's footprint is its `covers` list when that is not empty. A partnership that
//! declares no coverage inherits it: first from the body it is a `sub_group_of` or
//! `reports_to` (a thematic group covers what its board covers), otherwise from its
//! members' footprints, their shares summed per area and capped at 1 (members covering
//! 0.76 and 0.24 of an area together cover all of it). [`FootprintSource`] records which rule applied.

use crate::model::{Body, LinkKind, MapFile, Sector};
use petgraph::stable_graph::{NodeIndex, StableGraph};
use std::collections::HashMap;
use std::sync::Arc;

/// Index of an area within [`Model::areas`].
pub type AreaIx = u32;

/// A body's covered areas: (area index, share), sorted by area index, shares in (0, 1].
pub type Cells = Vec<(AreaIx, f64)>;

/// Where a body's footprint came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FootprintSource {
    /// Its own `covers` list.
    Declared,
    /// Inherited from the body with this index (via sub_group_of or reports_to).
    Inherited(usize),
    /// Derived from its members' footprints: their shares summed per area, capped at 1.
    UnionOfMembers,
    /// Nothing to go on: the body covers no area.
    None,
}

/// A body's resolved footprint.
#[derive(Debug, Clone)]
pub struct Footprint {
    /// Covered areas, sorted by area index. Shared, not copied, when a body inherits
    /// its footprint, so a long chain of sub-groups costs one footprint, not one each.
    pub cells: Arc<[(AreaIx, f64)]>,
    /// Which rule produced it.
    pub source: FootprintSource,
}

/// The checked and indexed map. Build it with [`crate::load`] or [`Model::build`] on a file
/// that passed validation.
#[derive(Debug, Clone)]
pub struct Model {
    file: MapFile,
    area_ix: HashMap<String, AreaIx>,
    body_ix: HashMap<String, usize>,
    resp_ix: HashMap<String, usize>,
    footprints: Vec<Footprint>,
    /// For each area, the bodies whose footprint includes it, ascending.
    covering: Vec<Vec<u32>>,
    graph: StableGraph<usize, usize>,
    nodes: Vec<NodeIndex>,
    tolerance: f64,
}

/// The default sliver tolerance: 2% of population.
pub const DEFAULT_TOLERANCE: f64 = 0.02;

impl Model {
    /// Builds the model from a validated file. References that do not resolve (which
    /// validation reports as errors) are skipped rather than panicking.
    pub fn build(file: MapFile) -> Model {
        let area_ix: HashMap<String, AreaIx> = file
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i as AreaIx))
            .collect();
        let body_ix: HashMap<String, usize> = file
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        let resp_ix: HashMap<String, usize> = file
            .responsibilities
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();

        let mut graph = StableGraph::with_capacity(file.bodies.len(), file.links.len());
        let nodes: Vec<NodeIndex> = (0..file.bodies.len()).map(|i| graph.add_node(i)).collect();
        for (li, l) in file.links.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (body_ix.get(&l.from), body_ix.get(&l.to)) {
                if a != b {
                    graph.add_edge(nodes[a], nodes[b], li);
                }
            }
        }

        let declared: Vec<Option<Cells>> = file
            .bodies
            .iter()
            .map(|b| {
                let mut cells: Cells = b
                    .covers
                    .iter()
                    .filter_map(|c| {
                        let ix = *area_ix.get(&c.area)?;
                        let s = c.fraction();
                        (s > 0.0 && s <= 1.0).then_some((ix, s))
                    })
                    .collect();
                crate::order::sort_by_key(&mut cells, |c| c.0);
                cells.dedup_by_key(|c| c.0);
                (!cells.is_empty()).then_some(cells)
            })
            .collect();

        let tolerance = file.meta.sliver_tolerance.unwrap_or(DEFAULT_TOLERANCE);
        let mut model = Model {
            file,
            area_ix,
            body_ix,
            resp_ix,
            footprints: Vec::new(),
            covering: Vec::new(),
            graph,
            nodes,
            tolerance,
        };
        model.footprints = model.resolve_footprints(&declared);
        let mut covering = vec![Vec::new(); model.file.areas.len()];
        for (b, f) in model.footprints.iter().enumerate() {
            for &(a, _) in f.cells.iter() {
                if let Some(list) = covering.get_mut(a as usize) {
                    list.push(b as u32);
                }
            }
        }
        model.covering = covering;
        model
    }

    /// Resolves every body's footprint.
    ///
    /// A body's footprint depends on others' only when it is a partnership that declares
    /// no coverage: on its parents (`sub_group_of`, `reports_to`), then on its members.
    /// Those dependencies form a graph; its strongly connected components are resolved in
    /// reverse topological order (dependencies first, iteratively, so a chain of 100,000
    /// sub-groups cannot overflow the stack), and each body is resolved once from its
    /// dependencies' results, so the work is linear in bodies plus links whatever the
    /// sharing (a diamond lattice costs no more than a tree).
    ///
    /// Within a loop of dependencies (a sub-group that is also a member of its board),
    /// each body is resolved twice: first seeing the others in the loop as covering
    /// nothing, then seeing their first results. That is what the recursive definition
    /// gives when the loop is one step deep (the board is the union of its other members;
    /// the sub-group inherits it), and it never feeds a body's coverage back into itself.
    fn resolve_footprints(&self, declared: &[Option<Cells>]) -> Vec<Footprint> {
        let n = self.file.bodies.len();
        let derived = |i: usize| {
            declared.get(i).is_some_and(Option::is_none)
                && self.body(i).is_some_and(|b| b.kind.is_partnership())
        };
        let mut deps = petgraph::Graph::<usize, ()>::with_capacity(n, self.file.links.len());
        let dep_nodes: Vec<_> = (0..n).map(|i| deps.add_node(i)).collect();
        for i in (0..n).filter(|&i| derived(i)) {
            let parents = self.parents(i);
            for d in parents.into_iter().chain(self.members(i)) {
                if d != i {
                    deps.add_edge(dep_nodes[i], dep_nodes[d], ());
                }
            }
        }
        let mut done: Vec<Option<Footprint>> = vec![None; n];
        let mut in_comp: Vec<Option<usize>> = vec![None; n];
        let empty = Footprint {
            cells: Arc::from(Vec::new()),
            source: FootprintSource::None,
        };
        // Components come dependencies first (petgraph's Kosaraju is iterative).
        for comp in petgraph::algo::kosaraju_scc(&deps) {
            let comp: Vec<usize> = comp.into_iter().map(|x| deps[x]).collect();
            if let [i] = comp.as_slice() {
                let f = self.rule(*i, declared, |d| done.get(d).and_then(Option::as_ref));
                if let Some(slot) = done.get_mut(*i) {
                    *slot = Some(f);
                }
                continue;
            }
            // Where each body of the component sits in it (O(1) look-ups, so a component
            // of 20,000 bodies costs no more than 20,000 separate ones).
            for (k, &i) in comp.iter().enumerate() {
                if let Some(slot) = in_comp.get_mut(i) {
                    *slot = Some(k);
                }
            }
            let at = |d: usize| in_comp.get(d).copied().flatten();
            let first: Vec<Footprint> = comp
                .iter()
                .map(|&i| {
                    self.rule(i, declared, |d| match at(d) {
                        Some(_) => Some(&empty),
                        None => done.get(d).and_then(Option::as_ref),
                    })
                })
                .collect();
            let second: Vec<Footprint> = comp
                .iter()
                .map(|&i| {
                    self.rule(i, declared, |d| match at(d) {
                        Some(k) if d != i => first.get(k),
                        Some(_) => Some(&empty),
                        None => done.get(d).and_then(Option::as_ref),
                    })
                })
                .collect();
            for &i in &comp {
                if let Some(slot) = in_comp.get_mut(i) {
                    *slot = None;
                }
            }
            for (i, f) in comp.iter().zip(second) {
                if let Some(slot) = done.get_mut(*i) {
                    *slot = Some(f);
                }
            }
        }
        done.into_iter()
            .map(|f| f.unwrap_or_else(|| empty.clone()))
            .collect()
    }

    /// Bodies `i` is a `sub_group_of` or `reports_to`, in link order.
    fn parents(&self, i: usize) -> Vec<usize> {
        let mut p: Vec<(usize, usize)> =
            self.links_from_ix(i)
                .filter(|(_, li)| {
                    self.file.links.get(*li).is_some_and(|l| {
                        matches!(l.kind, LinkKind::SubGroupOf | LinkKind::ReportsTo)
                    })
                })
                .map(|(to, li)| (li, to))
                .collect();
        p.sort_unstable();
        p.into_iter().map(|(_, to)| to).collect()
    }

    /// The footprint rule for body `i`, given its dependencies' footprints through `get`
    /// (`None` counts as covering nothing):
    /// declared coverage; else, for a partnership, the first parent (in link order) that
    /// covers anything; else the members' footprints **summed** per area and capped at 1
    /// (two members covering 0.76 and 0.24 of an area make a partnership covering all of
    /// it; two members covering all of it still make 1).
    fn rule<'a>(
        &self,
        i: usize,
        declared: &[Option<Cells>],
        get: impl Fn(usize) -> Option<&'a Footprint>,
    ) -> Footprint {
        if let Some(Some(cells)) = declared.get(i) {
            return Footprint {
                cells: Arc::from(cells.as_slice()),
                source: FootprintSource::Declared,
            };
        }
        let none = Footprint {
            cells: Arc::from(Vec::new()),
            source: FootprintSource::None,
        };
        if !self.body(i).is_some_and(|b| b.kind.is_partnership()) {
            return none;
        }
        for p in self.parents(i) {
            if let Some(f) = get(p).filter(|f| !f.cells.is_empty()) {
                return Footprint {
                    cells: Arc::clone(&f.cells),
                    source: FootprintSource::Inherited(p),
                };
            }
        }
        let mut sum: HashMap<AreaIx, f64> = HashMap::new();
        for m in self.members(i) {
            for &(a, s) in get(m).map_or(&[][..], |f| &f.cells[..]) {
                let e = sum.entry(a).or_insert(0.0);
                *e = (*e + s).min(1.0);
            }
        }
        if sum.is_empty() {
            return none;
        }
        let mut cells: Cells = sum.into_iter().collect();
        crate::order::sort_by_key(&mut cells, |c| c.0);
        Footprint {
            cells: Arc::from(cells),
            source: FootprintSource::UnionOfMembers,
        }
    }

    /// The file this model was built from.
    pub fn file(&self) -> &MapFile {
        &self.file
    }

    /// Consumes the model, returning its file.
    pub fn into_file(self) -> MapFile {
        self.file
    }

    /// All areas.
    pub fn areas(&self) -> &[crate::model::Area] {
        &self.file.areas
    }

    /// All bodies.
    pub fn bodies(&self) -> &[Body] {
        &self.file.bodies
    }

    /// The body at index `i`.
    pub fn body(&self, i: usize) -> Option<&Body> {
        self.file.bodies.get(i)
    }

    /// The index of the body with `id`.
    pub fn body_index(&self, id: &str) -> Option<usize> {
        self.body_ix.get(id).copied()
    }

    /// The index of the area with `code`.
    pub fn area_index(&self, code: &str) -> Option<AreaIx> {
        self.area_ix.get(code).copied()
    }

    /// The index of the responsibility with `id`.
    pub fn responsibility_index(&self, id: &str) -> Option<usize> {
        self.resp_ix.get(id).copied()
    }

    /// The area at index `a`.
    pub fn area(&self, a: AreaIx) -> Option<&crate::model::Area> {
        self.file.areas.get(a as usize)
    }

    /// Population of area `a`, if the file gives one.
    pub fn population(&self, a: AreaIx) -> Option<f64> {
        self.area(a).and_then(|x| x.population).map(|p| p as f64)
    }

    /// The body's resolved footprint.
    pub fn footprint(&self, i: usize) -> &[(AreaIx, f64)] {
        self.footprints.get(i).map_or(&[], |f| &f.cells[..])
    }

    /// The bodies whose footprint includes area `a`, ascending.
    pub fn covering(&self, a: AreaIx) -> &[u32] {
        self.covering.get(a as usize).map_or(&[], |v| &v[..])
    }

    /// The bodies whose footprint shares an area with `cells`, ascending, each once: the
    /// only candidates for any overlap with `cells`. O(Σ over its areas of the bodies
    /// covering each, × log).
    ///
    /// ```
    /// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,
    ///   "areas":[{"code":"E1","name":"A"},{"code":"E2","name":"B"},{"code":"E3","name":"C"}],
    ///   "bodies":[{"id":"x","name":"X","kind":"police_force","covers":["E1","E2"]},
    ///             {"id":"y","name":"Y","kind":"icb","covers":["E3"]},
    ///             {"id":"z","name":"Z","kind":"icb","covers":["E2","E3"]}]}"#).unwrap().model;
    /// assert_eq!(m.bodies_touching(m.footprint(0)), vec![0, 2]); // X and Z share B
    /// assert_eq!(m.bodies_touching(m.footprint(1)), vec![1, 2]); // Y and Z share C
    /// ```
    pub fn bodies_touching(&self, cells: &[(AreaIx, f64)]) -> Vec<usize> {
        self.bodies_in(cells.iter().map(|c| c.0))
    }

    /// The bodies whose footprint includes any of `areas`, ascending, each once.
    pub fn bodies_in(&self, areas: impl IntoIterator<Item = AreaIx>) -> Vec<usize> {
        let mut out: Vec<usize> = areas
            .into_iter()
            .flat_map(|a| self.covering(a).iter().map(|&b| b as usize))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// How the body's footprint was resolved.
    pub fn footprint_source(&self, i: usize) -> FootprintSource {
        self.footprints
            .get(i)
            .map_or(FootprintSource::None, |f| f.source.clone())
    }

    /// The sliver tolerance in force (from the file's meta, or 2%).
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }

    /// Links leaving body `i`: (target body index, link).
    pub fn links_from(&self, i: usize) -> impl Iterator<Item = (usize, &crate::model::Link)> + '_ {
        let node = self.nodes.get(i).copied();
        node.into_iter().flat_map(move |n| {
            self.graph
                .edges_directed(n, petgraph::Direction::Outgoing)
                .filter_map(move |e| {
                    use petgraph::visit::EdgeRef;
                    let to = *self.graph.node_weight(e.target())?;
                    Some((to, self.file.links.get(*e.weight())?))
                })
        })
    }

    /// Links leaving body `i`: (target body index, link index).
    fn links_from_ix(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let node = self.nodes.get(i).copied();
        node.into_iter().flat_map(move |n| {
            self.graph
                .edges_directed(n, petgraph::Direction::Outgoing)
                .filter_map(move |e| {
                    use petgraph::visit::EdgeRef;
                    Some((*self.graph.node_weight(e.target())?, *e.weight()))
                })
        })
    }

    /// Links arriving at body `i`: (source body index, link).
    pub fn links_to(&self, i: usize) -> impl Iterator<Item = (usize, &crate::model::Link)> + '_ {
        let node = self.nodes.get(i).copied();
        node.into_iter().flat_map(move |n| {
            self.graph
                .edges_directed(n, petgraph::Direction::Incoming)
                .filter_map(move |e| {
                    use petgraph::visit::EdgeRef;
                    let from = *self.graph.node_weight(e.source())?;
                    Some((from, self.file.links.get(*e.weight())?))
                })
        })
    }

    /// Members of body `i` (bodies with a `member_of` or `chairs` link to it), sorted.
    pub fn members(&self, i: usize) -> Vec<usize> {
        let mut m: Vec<usize> = self
            .links_to(i)
            .filter(|(_, l)| matches!(l.kind, LinkKind::MemberOf | LinkKind::Chairs))
            .map(|(f, _)| f)
            .collect();
        m.sort_unstable();
        m.dedup();
        m
    }

    /// Indices of partnership bodies.
    pub fn partnerships(&self) -> impl Iterator<Item = usize> + '_ {
        self.file
            .bodies
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind.is_partnership())
            .map(|(i, _)| i)
    }

    /// The sector of body `i`.
    pub fn sector(&self, i: usize) -> Sector {
        self.body(i).map_or(Sector::Other, |b| b.kind.sector())
    }

    /// The underlying graph (node weight = body index, edge weight = link index).
    pub fn graph(&self) -> &StableGraph<usize, usize> {
        &self.graph
    }

    /// Display name of a body, or its id when unknown.
    pub fn body_name(&self, i: usize) -> &str {
        self.body(i).map_or("(unknown body)", |b| b.name.as_str())
    }

    /// Display name of the body with id `id`, or the id itself when the map has no such
    /// body (a reference kept from another date, say).
    ///
    /// ```
    /// let m = pmap_core::load(r#"{"format":"partnership-map","version":1,
    ///   "bodies":[{"id":"hart","name":"Hart District Council","kind":"district_council"}]}"#)
    ///   .unwrap().model;
    /// assert_eq!(m.name_of("hart"), "Hart District Council");
    /// assert_eq!(m.name_of("gone"), "gone");
    /// ```
    pub fn name_of(&self, id: &str) -> String {
        self.body_index(id)
            .map_or_else(|| id.to_string(), |i| self.body_name(i).to_string())
    }

    /// Display name of an area.
    pub fn area_name(&self, a: AreaIx) -> &str {
        self.area(a).map_or("(unknown area)", |x| x.name.as_str())
    }
}
