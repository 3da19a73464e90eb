//! Boundaries and the map projection.
//!
//! Area boundaries are GeoJSON geometries in WGS84 longitude/latitude (as the ONS
//! publishes them). They are projected to the British National Grid (EPSG:27700,
//! transverse Mercator on the Airy 1830 ellipsoid with the OSGB36 datum shift) with
//! `proj4rs`, a Rust port of PROJ.4, so shapes and distances look as they do on
//! Ordnance Survey maps; `geo` supplies centroids and areas. The result is a set of SVG
//! paths in a box `width` units wide, y growing downwards.

use crate::diagnostic::Diagnostic;
use crate::index::Model;
use geo::{Area as _, Centroid};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::Serialize;

/// The British National Grid, as a PROJ string.
pub const BNG: &str = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

/// One area ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaShape {
    /// GSS code.
    pub code: String,
    /// SVG path data.
    pub path: String,
    /// Label position (centroid of the largest part).
    pub cx: f64,
    /// Label position.
    pub cy: f64,
}

/// All the areas with boundaries, projected and fitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapShapes {
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
    /// Areas in model order (only those with a boundary).
    pub areas: Vec<AreaShape>,
}

/// Reads a GeoJSON geometry (Polygon or MultiPolygon) as a `geo` multipolygon.
///
/// # Errors
/// A message saying what is wrong with it.
pub fn geometry(v: &serde_json::Value) -> Result<MultiPolygon<f64>, String> {
    let g: geojson::Geometry =
        serde_json::from_value(v.clone()).map_err(|e| format!("not a GeoJSON geometry: {e}"))?;
    let gt: geo::Geometry<f64> = g
        .try_into()
        .map_err(|e| format!("cannot read the geometry: {e:?}"))?;
    match gt {
        geo::Geometry::Polygon(p) => Ok(MultiPolygon(vec![p])),
        geo::Geometry::MultiPolygon(m) => Ok(m),
        other => Err(format!(
            "a boundary must be a Polygon or MultiPolygon, not {}",
            kind_name(&other)
        )),
    }
}

fn kind_name(g: &geo::Geometry<f64>) -> &'static str {
    match g {
        geo::Geometry::Point(_) => "a Point",
        geo::Geometry::Line(_) | geo::Geometry::LineString(_) => "a LineString",
        geo::Geometry::MultiPoint(_) => "a MultiPoint",
        geo::Geometry::MultiLineString(_) => "a MultiLineString",
        geo::Geometry::GeometryCollection(_) => "a GeometryCollection",
        _ => "that",
    }
}

/// Checks the boundaries of a map: keys must be the map's areas, values Polygons or
/// MultiPolygons with longitude/latitude inside the valid range.
pub fn validate_boundaries(file: &crate::model::MapFile) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    for (code, g) in &file.boundaries {
        let p = format!("boundaries.{code}");
        if !file.areas.iter().any(|a| &a.code == code) {
            d.push(
                Diagnostic::warning(
                    "boundary-without-area",
                    p.clone(),
                    format!("{code} is not one of the map's areas; its boundary is not drawn"),
                )
                .with_value(code),
            );
        }
        match geometry(g) {
            Ok(m) => {
                let bad = m
                    .0
                    .iter()
                    .flat_map(|poly| poly.exterior().0.iter())
                    .any(|c| !(-180.0..=180.0).contains(&c.x) || !(-90.0..=90.0).contains(&c.y));
                if bad {
                    d.push(Diagnostic::error(
                        "bad-coordinates",
                        p,
                        "coordinates must be longitude, latitude in degrees (WGS84)",
                    ));
                }
            }
            Err(e) => d.push(Diagnostic::error("bad-geometry", p, e)),
        }
    }
    d
}

/// Projects one longitude/latitude (degrees) to British National Grid metres.
///
/// ```
/// // Winchester Cathedral is at about 51.0606 N, 1.3131 W: OS grid about (448300, 129300).
/// let (e, n) = pmap_core::geography::to_bng(-1.3131, 51.0606).unwrap();
/// assert!((e - 448_300.0).abs() < 300.0 && (n - 129_300.0).abs() < 300.0, "{e} {n}");
/// ```
///
/// # Errors
/// When the projection library refuses the point.
pub fn to_bng(lon: f64, lat: f64) -> Result<(f64, f64), String> {
    let (from, to) = projections()?;
    let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
    proj4rs::transform::transform(&from, &to, &mut p).map_err(|e| e.to_string())?;
    Ok((p.0, p.1))
}

fn projections() -> Result<(proj4rs::Proj, proj4rs::Proj), String> {
    let from = proj4rs::Proj::from_proj_string(WGS84).map_err(|e| e.to_string())?;
    let to = proj4rs::Proj::from_proj_string(BNG).map_err(|e| e.to_string())?;
    Ok((from, to))
}

/// Every area's boundary projected to British National Grid metres, in model order
/// (`None` for an area without a usable boundary).
pub fn projected(model: &Model) -> Vec<Option<MultiPolygon<f64>>> {
    let file = model.file();
    let Ok((from, to)) = projections() else {
        return vec![None; model.areas().len()];
    };
    let proj = |ls: &LineString<f64>| -> LineString<f64> {
        LineString(
            ls.0.iter()
                .filter_map(|c| {
                    let mut p = (c.x.to_radians(), c.y.to_radians(), 0.0);
                    proj4rs::transform::transform(&from, &to, &mut p).ok()?;
                    Some(Coord { x: p.0, y: p.1 })
                })
                .collect(),
        )
    };
    model
        .areas()
        .iter()
        .map(|a| {
            let m = geometry(file.boundaries.get(&a.code)?).ok()?;
            Some(MultiPolygon(
                m.0.iter()
                    .map(|poly| {
                        Polygon::new(
                            proj(poly.exterior()),
                            poly.interiors().iter().map(proj).collect(),
                        )
                    })
                    .collect(),
            ))
        })
        .collect()
}

/// Projects every area that has a boundary, and fits the result `width` units wide.
/// `None` when the map has no usable boundaries.
pub fn shapes(model: &Model, width: f64) -> Option<MapShapes> {
    let projected: Vec<(String, MultiPolygon<f64>)> = model
        .areas()
        .iter()
        .zip(projected(model))
        .filter_map(|(a, m)| Some((a.code.clone(), m?)))
        .collect();
    if projected.is_empty() {
        return None;
    }
    let (mut minx, mut miny, mut maxx, mut maxy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (_, m) in &projected {
        for c in m.0.iter().flat_map(|p| p.exterior().0.iter()) {
            minx = minx.min(c.x);
            miny = miny.min(c.y);
            maxx = maxx.max(c.x);
            maxy = maxy.max(c.y);
        }
    }
    let margin = 10.0;
    let k = (width - 2.0 * margin) / (maxx - minx).max(1.0);
    let height = (maxy - miny) * k + 2.0 * margin;
    let tx = |x: f64| margin + (x - minx) * k;
    let ty = |y: f64| margin + (maxy - y) * k;
    let areas = projected
        .into_iter()
        .map(|(code, m)| {
            let mut path = String::new();
            for poly in &m.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for (i, c) in ring.0.iter().enumerate() {
                        path.push_str(&format!(
                            "{}{:.1} {:.1}",
                            if i == 0 { "M" } else { "L" },
                            tx(c.x),
                            ty(c.y)
                        ));
                    }
                    path.push('Z');
                }
            }
            // Label at the centroid of the largest part (islands would drag it into the sea).
            let largest =
                m.0.iter()
                    .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
            let c = largest
                .and_then(Centroid::centroid)
                .map_or((0.0, 0.0), |p| (tx(p.x()), ty(p.y())));
            AreaShape {
                code,
                path,
                cx: c.0,
                cy: c.1,
            }
        })
        .collect();
    Some(MapShapes {
        width,
        height,
        areas,
    })
}
