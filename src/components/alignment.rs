//! The alignment atlas: a kinds × kinds matrix of the share of people living where two
//! kinds of service line up; choosing a cell lists each body with its class and figures,
//! and shades them on the map. The matrix is a real table, so it is its own accessible
//! alternative; the list below it is a table too.

use crate::state::{AppState, Snapshot};
use leptos::prelude::*;
use pmap_core::analysis::alignment::{Cell, Class};
use pmap_core::findings::{pct, thousands};
use std::sync::Arc;

/// Rows of a cell listed at a time.
const PAGE: usize = 50;

/// A CSS modifier for a cell: the matrix's shading, by the share of the row's bodies that
/// line up (the share of people is nearly always high, since a boundary cuts only a part of
/// each body; how many bodies are cut is what differs between pairs of services).
fn band(lined: usize, rows: usize) -> &'static str {
    if rows == 0 || lined * 10 >= rows * 9 {
        "high"
    } else if lined * 4 >= rows * 3 {
        "mid"
    } else {
        "low"
    }
}

/// The Alignment view.
#[component]
pub fn AlignmentView() -> impl IntoView {
    let st = expect_context::<AppState>();
    let uid = expect_context::<super::Uid>();
    // The chosen cell, as (row layer, column layer) positions in the atlas's layers.
    let chosen = RwSignal::new(None::<(usize, usize)>);
    // A new map has other layers: forget the choice.
    Effect::new(move |_| {
        st.doc.snapshot.track();
        chosen.set(None);
    });
    let heading = uid.id("alignment");
    let labelled = heading.clone();
    let matrix = move || {
        let snap = st.doc.snapshot.get()?;
        if snap.analysing() {
            return Some(
                view! { <super::findings::Analysing bodies=snap.model.bodies().len() /> }
                    .into_any(),
            );
        }
        let atlas = snap.atlas();
        if atlas.layers.len() < 2 {
            return Some(view! { <p class="pm-muted">"This map has fewer than two kinds of service with areas recorded, so there is nothing to line up. Add the areas each police force, fire authority, ICB or council covers."</p> }.into_any());
        }
        let head = atlas
            .layers
            .iter()
            .map(|l| view! { <th scope="col" class="pm-align__colhead">{l.label.clone()}</th> })
            .collect_view();
        let rows = atlas
            .layers
            .iter()
            .enumerate()
            .map(|(i, la)| {
                let cells = atlas
                    .layers
                    .iter()
                    .enumerate()
                    .map(|(j, lb)| {
                        if i == j {
                            return view! { <td class="pm-align__cell pm-align__cell--self">"—"</td> }.into_any();
                        }
                        let Some(cell) = atlas.cell(&la.layer, &lb.layer) else {
                            return view! { <td class="pm-align__cell">""</td> }.into_any();
                        };
                        let share = cell.summary.aligned_share;
                        let rows = cell.rows.len();
                        let lined = cell.summary.rows_aligned;
                        let prefix = format!("{} against {}: ", la.label, lb.label.to_lowercase());
                        view! {
                            <td class=format!("pm-align__cell pm-align__cell--{}", band(lined, rows))>
                                <button type="button" class="pm-align__button"
                                    aria-pressed=move || (chosen.get() == Some((i, j))).to_string()
                                    on:click=move |_| chosen.set(Some((i, j)))>
                                    <span class="pm-visually-hidden">{prefix}</span>
                                    <span class="pm-align__pct">{pct(share)}</span>
                                    <span class="pm-visually-hidden">" of people live where they line up; "</span>
                                    <span class="pm-align__n">{format!("{lined}/{rows}")}</span>
                                    <span class="pm-visually-hidden">" line up"</span>
                                </button>
                            </td>
                        }
                        .into_any()
                    })
                    .collect_view();
                view! { <tr><th scope="row" class="pm-align__rowhead">{la.label.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        Some(
            view! {
                <p class="pm-hint">"Each figure: the share of people living where a kind of service (row) lines up with another (column), and how many of the row's bodies line up. Green: at least 90% of them; amber: at least 75%; red: fewer. Choose a figure to list the bodies."</p>
                <div class="pm-table-wrap">
                    <table class="pm-table pm-align">
                        <caption class="pm-visually-hidden">"How each kind of service (rows) lines up with each other kind (columns)"</caption>
                        <thead><tr><td></td>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        )
    };
    let detail = move || {
        let (i, j) = chosen.get()?;
        let snap = st.doc.snapshot.get()?;
        let atlas = snap.atlas();
        let la = atlas.layers.get(i)?.layer.clone();
        let lb = atlas.layers.get(j)?.layer.clone();
        atlas.cell(&la, &lb)?;
        Some(view! { <CellDetail snap=snap.clone() a=i b=j /> })
    };
    view! {
        <section class="pm-panel pm-alignment" aria-labelledby=labelled>
            <h3 class="pm-h3" id=heading>"How the services line up"</h3>
            <p class="pm-hint">"Coterminous means two bodies cover the same people. A police area that contains three whole fire authorities lines up too; an ICB whose boundary cuts across a council does not. Slivers of less than the tolerance (2% of an area's people unless the map says otherwise) are listed but not counted."</p>
            {matrix}
            {detail}
        </section>
    }
}

/// The chosen cell: its summary, the map shaded by class, and every body with its figures.
#[component]
fn CellDetail(
    /// The snapshot whose atlas holds the cell.
    snap: Arc<Snapshot>,
    /// Row layer position.
    a: usize,
    /// Column layer position.
    b: usize,
) -> impl IntoView {
    let shown = RwSignal::new(PAGE);
    let atlas = snap.atlas();
    let (Some(la), Some(lb)) = (atlas.layers.get(a), atlas.layers.get(b)) else {
        return ().into_any();
    };
    let Some(cell) = atlas.cell(&la.layer, &lb.layer) else {
        return ().into_any();
    };
    let title = format!("{} against {}", la.label, lb.label.to_lowercase());
    let counts = cell
        .summary
        .counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| view! { <li><span class=format!("pm-swatch pm-swatch--{}", c.as_str()) aria-hidden="true"></span>{format!("{}: {n}", c.label())}</li> })
        .collect_view();
    let m = &snap.model;
    let name = |i: usize| m.body_name(i).to_string();
    let rows: Vec<(String, Class, String, String, String, String, String)> = cell
        .rows
        .iter()
        .map(|r| {
            let main = r.main();
            let others =
                r.b.iter()
                    .map(|s| {
                        format!(
                            "{} ({} of it inside, {} of that one)",
                            name(s.body),
                            pct(s.a_in_b),
                            pct(s.b_in_a)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
            let slivers = r
                .slivers
                .iter()
                .map(|s| {
                    format!(
                        "{} in {} ({})",
                        name(s.body),
                        m.area_name(s.area),
                        pct(s.share)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            (
                name(r.a),
                r.class,
                if others.is_empty() {
                    "none".to_string()
                } else {
                    others
                },
                main.map(|s| pct(s.a_in_b))
                    .unwrap_or_else(|| "—".to_string()),
                r.people().map(thousands).unwrap_or_else(|| "—".to_string()),
                pct(r.aligned_share()),
                slivers,
            )
        })
        .collect();
    let total = rows.len();
    let rows = StoredValue::new(rows);
    let body = move || {
        let n = shown.get();
        rows.with_value(|rs| {
            rs.iter()
                .take(n)
                .map(|(a, class, bs, main, people, aligned, slivers)| {
                    view! {
                        <tr class=format!("pm-align-row pm-align-row--{}", class.as_str())>
                            <th scope="row">{a.clone()}</th>
                            <td><span class=format!("pm-swatch pm-swatch--{}", class.as_str()) aria-hidden="true"></span>{class.label()}</td>
                            <td>{bs.clone()}</td>
                            <td class="pm-num">{main.clone()}</td>
                            <td class="pm-num">{people.clone()}</td>
                            <td class="pm-num">{aligned.clone()}</td>
                            <td>{if slivers.is_empty() { "—".to_string() } else { slivers.clone() }}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="pm-align-detail" aria-label=title.clone()>
            <h4 class="pm-h4">{title.clone()}</h4>
            <p>{format!("{} of people live where they line up ({} of {} {}).", pct(cell.summary.aligned_share), cell.summary.rows_aligned, cell.rows.len(), la.layer.many())}</p>
            <ul class="pm-legend pm-align-counts">{counts}</ul>
            <ClassMap snap=snap.clone() cell=cell.clone() />
            <div class="pm-table-wrap">
                <table class="pm-table pm-align-rows">
                    <caption class="pm-caption">{format!("Each {} and the {} it overlaps", la.layer.one(), lb.layer.many())}</caption>
                    <thead><tr>
                        <th scope="col">{la.label.clone()}</th>
                        <th scope="col">"Class"</th>
                        <th scope="col">{format!("{} it overlaps (share of it inside; share of that one inside it)", lb.label)}</th>
                        <th scope="col">"Inside the main one"</th>
                        <th scope="col">"People"</th>
                        <th scope="col">"Lined up"</th>
                        <th scope="col">"Ignored as slivers"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <super::ShowMore total=total shown=shown page=PAGE />
        </section>
    }
    .into_any()
}

/// The areas shaded by the class of the row body that covers most of each.
#[component]
fn ClassMap(
    /// The snapshot (its projected boundaries).
    snap: Arc<Snapshot>,
    /// The chosen cell.
    cell: Cell,
) -> impl IntoView {
    let Some(shapes) = snap.shapes.as_ref() else {
        return view! { <p class="pm-muted">"This map has no boundaries, so the table below is the whole answer."</p> }.into_any();
    };
    let m = &snap.model;
    // For each area, the class of the row body with the largest share of it.
    let mut best: std::collections::HashMap<pmap_core::index::AreaIx, (f64, Class)> =
        std::collections::HashMap::new();
    for r in &cell.rows {
        for &(x, s) in m.footprint(r.a) {
            let e = best.entry(x).or_insert((0.0, Class::Uncovered));
            if s > e.0 {
                *e = (s, r.class);
            }
        }
    }
    let paths = shapes
        .areas
        .iter()
        .map(|a| {
            let class = m
                .area_index(&a.code)
                .and_then(|x| best.get(&x))
                .map(|(_, c)| c.as_str())
                .unwrap_or("none");
            let label = m
                .area_index(&a.code)
                .map(|x| m.area_name(x).to_string())
                .unwrap_or_else(|| a.code.clone());
            view! { <path class=format!("pm-area pm-area--class-{class}") d=a.path.clone() data-area=a.code.clone() data-class=class><title>{label}</title></path> }
        })
        .collect_view();
    view! {
        <svg class="pm-map__svg pm-align-map" viewBox=format!("0 0 {:.0} {:.0}", shapes.width, shapes.height) role="img"
            aria-label="Map of the areas shaded by the class of the body that covers most of each; the table below lists the same">
            <g class="pm-areas">{paths}</g>
        </svg>
    }
    .into_any()
}
