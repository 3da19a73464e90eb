//! The governance picture: a layered drawing of who reports to whom.
//!
//! Partnerships are placed in layers by the length of their longest reporting chain to a
//! top body (`sub_group_of`, `reports_to`, and `member_of` another partnership): the LSP at the top, its executive
//! board below, thematic groups below that. Every other body is a *delivery body* in the
//! bottom rows, wrapped so no row is wider than the drawing. Within a layer, bodies are
//! ordered by the mean position of what they link to in the layer above (one barycentre
//! sweep), which reduces crossings. O(V + E) plus sorting.

use crate::index::Model;
use crate::model::LinkKind;
use serde::Serialize;

/// One body in the governance drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GovNode {
    /// Body index.
    pub index: usize,
    /// Layer, 0 at the top.
    pub layer: usize,
    /// Centre.
    pub x: f64,
    /// Centre.
    pub y: f64,
}

/// A line in the governance drawing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GovEdge {
    /// Body index of the lower end.
    pub from: usize,
    /// Body index of the upper end.
    pub to: usize,
    /// Which kind of line.
    pub kind: LinkKind,
}

/// The layered drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Governance {
    /// One per body.
    pub nodes: Vec<GovNode>,
    /// Reporting, accountability and membership lines.
    pub edges: Vec<GovEdge>,
    /// Names of the layers, top first.
    pub layer_names: Vec<String>,
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
}

/// Width of a slot in a row.
pub const SLOT: f64 = 138.0;
/// Height of a row.
pub const ROW: f64 = 92.0;
/// Most slots in one row.
pub const PER_ROW: usize = 8;

/// Lays out the governance drawing.
///
/// ```
/// use pmap_core::{load, governance::layers};
/// let m = load(r#"{"format":"partnership-map","version":1,"bodies":[
///   {"id":"lsp","name":"LSP","kind":"lsp"},{"id":"board","name":"Board","kind":"executive_board"},
///   {"id":"g","name":"Group","kind":"thematic_group"},{"id":"p","name":"Police","kind":"police_force"}],
///   "links":[{"from":"board","to":"lsp","kind":"sub_group_of"},{"from":"g","to":"board","kind":"reports_to"},
///            {"from":"p","to":"g","kind":"member_of"}]}"#).unwrap().model;
/// let g = layers(&m);
/// let layer = |i: usize| g.nodes[i].layer;
/// assert_eq!((layer(0), layer(1), layer(2), layer(3)), (0, 1, 2, 3));
/// ```
pub fn layers(model: &Model) -> Governance {
    let n = model.bodies().len();
    let up = |i: usize| -> Vec<usize> {
        model
            .links_from(i)
            .filter(|(j, l)| {
                // A partnership that is a member of another (a district CSP in a county
                // community safety group) sits below it, as a sub-group would.
                matches!(
                    l.kind,
                    LinkKind::SubGroupOf | LinkKind::ReportsTo | LinkKind::MemberOf
                ) && model.body(*j).is_some_and(|b| b.kind.is_partnership())
            })
            .map(|(j, _)| j)
            .collect()
    };
    // Longest chain upwards (validation guarantees no cycles; the depth cap guards anyway).
    fn depth(
        i: usize,
        up: &dyn Fn(usize) -> Vec<usize>,
        memo: &mut Vec<Option<usize>>,
        guard: usize,
    ) -> usize {
        if let Some(Some(d)) = memo.get(i) {
            return *d;
        }
        let d = if guard > 64 {
            0
        } else {
            up(i)
                .into_iter()
                .map(|j| depth(j, up, memo, guard + 1) + 1)
                .max()
                .unwrap_or(0)
        };
        if let Some(m) = memo.get_mut(i) {
            *m = Some(d);
        }
        d
    }
    let mut memo = vec![None; n];
    let part_layer: Vec<Option<usize>> = (0..n)
        .map(|i| {
            model
                .body(i)
                .filter(|b| b.kind.is_partnership())
                .map(|_| depth(i, &up, &mut memo, 0))
        })
        .collect();
    let top = part_layer
        .iter()
        .flatten()
        .copied()
        .max()
        .map_or(0, |m| m + 1);
    let layer: Vec<usize> = part_layer.iter().map(|l| l.unwrap_or(top)).collect();

    // Group, then order each layer by the barycentre of links to the layer above.
    let layers_n = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    for (i, &l) in layer.iter().enumerate() {
        rows[l].push(i);
    }
    let mut order = vec![0.0f64; n];
    for (k, row) in rows.iter_mut().enumerate() {
        if k > 0 {
            for &i in row.iter() {
                let ups: Vec<f64> = model
                    .links_from(i)
                    .filter(|(j, _)| layer.get(*j).is_some_and(|&lj| lj < k))
                    .map(|(j, _)| order[j])
                    .collect();
                order[i] = if ups.is_empty() {
                    f64::MAX / 4.0
                } else {
                    ups.iter().sum::<f64>() / ups.len() as f64
                };
            }
            row.sort_by(|a, b| order[*a].total_cmp(&order[*b]).then(a.cmp(b)));
        }
        for (pos, &i) in row.iter().enumerate() {
            order[i] = pos as f64;
        }
    }
    // Positions: wrap long rows.
    let widest = rows
        .iter()
        .map(|r| r.len().min(PER_ROW))
        .max()
        .unwrap_or(1)
        .max(1);
    let width = widest as f64 * SLOT + 40.0;
    let mut nodes = vec![
        GovNode {
            index: 0,
            layer: 0,
            x: 0.0,
            y: 0.0
        };
        n
    ];
    let mut y = 50.0;
    for (k, row) in rows.iter().enumerate() {
        for chunk in row.chunks(PER_ROW) {
            let used = chunk.len() as f64 * SLOT;
            let x0 = (width - used) / 2.0 + SLOT / 2.0;
            for (pos, &i) in chunk.iter().enumerate() {
                nodes[i] = GovNode {
                    index: i,
                    layer: k,
                    x: x0 + pos as f64 * SLOT,
                    y,
                };
            }
            y += ROW;
        }
    }
    let mut edges = Vec::new();
    for i in 0..n {
        for (j, l) in model.links_from(i) {
            if matches!(
                l.kind,
                LinkKind::SubGroupOf
                    | LinkKind::ReportsTo
                    | LinkKind::AccountableTo
                    | LinkKind::MemberOf
                    | LinkKind::Chairs
            ) {
                edges.push(GovEdge {
                    from: i,
                    to: j,
                    kind: l.kind,
                });
            }
        }
    }
    let mut layer_names: Vec<String> = (0..layers_n)
        .map(|k| match k {
            0 if top > 0 => "Strategic partnership".to_string(),
            1 if top > 1 => "Executive".to_string(),
            _ if k < top => "Thematic and statutory groups".to_string(),
            _ => "Delivery bodies".to_string(),
        })
        .collect();
    layer_names.dedup();
    Governance {
        nodes,
        edges,
        layer_names,
        width,
        height: y + 10.0,
    }
}
