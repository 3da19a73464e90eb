//! Boundaries and the map projection.
//!
//! Area boundaries are GeoJSON geometries in WGS84 longitude/latitude (as the ONS
//! publishes them). They are projected to the British National Grid (EPSG:27700,
//! transverse Mercator on the Airy 1830 ellipsoid with the OSGB36 datum shift) with the
//! Ordnance Survey's published formulas ("A guide to coordinate systems in Great
//! Britain": a 7-parameter Helmert shift, then the transverse Mercator series), so shapes
//! and distances look as they do on Ordnance Survey maps; `geo` supplies centroids and
//! areas. The result is a set of SVG
//! paths in a box `width` units wide, y growing downwards.

use crate::diagnostic::Diagnostic;
use crate::index::Model;
use geo::{Area as _, Centroid};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::Serialize;

/// The British National Grid, as a PROJ string.
pub const BNG: &str = "+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs";

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
/// Read straight from the JSON value (RFC 7946 section 3.1): a general GeoJSON library
/// costs the widget's download more than these few lines.
///
/// # Errors
/// A message saying what is wrong with it.
pub fn geometry(v: &serde_json::Value) -> Result<MultiPolygon<f64>, String> {
    let bad = |why: &str| format!("not a GeoJSON geometry: {why}");
    let obj = v.as_object().ok_or_else(|| bad("expected an object"))?;
    let kind = obj
        .get("type")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| bad("missing \"type\""))?;
    let name = match kind {
        "Polygon" | "MultiPolygon" => "",
        "Point" => "a Point",
        "LineString" => "a LineString",
        "MultiPoint" => "a MultiPoint",
        "MultiLineString" => "a MultiLineString",
        "GeometryCollection" => "a GeometryCollection",
        other => return Err(bad(&format!("unknown type \"{other}\""))),
    };
    if !name.is_empty() {
        return Err(format!(
            "a boundary must be a Polygon or MultiPolygon, not {name}"
        ));
    }
    let coords = obj
        .get("coordinates")
        .ok_or_else(|| bad("missing \"coordinates\""))?;
    if kind == "Polygon" {
        Ok(MultiPolygon(vec![polygon(coords).map_err(|e| bad(&e))?]))
    } else {
        array(coords, "a MultiPolygon's coordinates")
            .and_then(|ps| ps.iter().map(polygon).collect())
            .map(MultiPolygon)
            .map_err(|e| bad(&e))
    }
}

fn array<'a>(v: &'a serde_json::Value, what: &str) -> Result<&'a Vec<serde_json::Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what} must be an array"))
}

/// A polygon's coordinates: rings of positions, the first the outside.
fn polygon(v: &serde_json::Value) -> Result<Polygon<f64>, String> {
    let mut rings = array(v, "a polygon")?
        .iter()
        .map(|ring| {
            array(ring, "a ring")?
                .iter()
                .map(|pos| {
                    let xy = array(pos, "a position")?;
                    match (
                        xy.first().and_then(serde_json::Value::as_f64),
                        xy.get(1).and_then(serde_json::Value::as_f64),
                    ) {
                        (Some(x), Some(y)) => Ok(Coord { x, y }),
                        _ => Err("a position must be [longitude, latitude]".to_string()),
                    }
                })
                .collect::<Result<Vec<_>, _>>()
                .map(LineString)
        })
        .collect::<Result<Vec<_>, String>>()?
        .into_iter();
    let exterior = rings.next().unwrap_or_else(|| LineString(Vec::new()));
    Ok(Polygon::new(exterior, rings.collect()))
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
/// The same transformation as PROJ with [`BNG`]: WGS84 to OSGB36 by the inverse of the
/// `towgs84` Helmert shift (accurate to a few metres, as that shift is), then the
/// transverse Mercator on Airy 1830 by the Ordnance Survey's series.
///
/// ```
/// // Winchester Cathedral is at about 51.0606 N, 1.3131 W: OS grid about (448300, 129300).
/// let (e, n) = pmap_core::geography::to_bng(-1.3131, 51.0606).unwrap();
/// assert!((e - 448_300.0).abs() < 300.0 && (n - 129_300.0).abs() < 300.0, "{e} {n}");
/// ```
///
/// # Errors
/// When the point is not a longitude and latitude in degrees.
pub fn to_bng(lon: f64, lat: f64) -> Result<(f64, f64), String> {
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(format!("({lon}, {lat}) is not a longitude and latitude"));
    }
    let (lat36, lon36) = wgs84_to_osgb36(lat.to_radians(), lon.to_radians());
    let (e, n) = airy_tmerc(lat36, lon36);
    if e.is_finite() && n.is_finite() {
        Ok((e, n))
    } else {
        Err(format!("({lon}, {lat}) cannot be projected"))
    }
}

/// An ellipsoid's semi-major axis and first eccentricity squared.
struct Ellipsoid {
    a: f64,
    e2: f64,
}

const WGS84_ELLIPSOID: Ellipsoid = Ellipsoid {
    a: 6_378_137.0,
    e2: 0.006_694_379_990_141_317, // f = 1/298.257223563
};
const AIRY_A: f64 = 6_377_563.396;
const AIRY_B: f64 = 6_356_256.909;
const AIRY: Ellipsoid = Ellipsoid {
    a: AIRY_A,
    e2: (AIRY_A * AIRY_A - AIRY_B * AIRY_B) / (AIRY_A * AIRY_A),
};

impl Ellipsoid {
    /// Latitude, longitude (radians, height 0) to earth-centred x, y, z (metres).
    fn cartesian(&self, lat: f64, lon: f64) -> [f64; 3] {
        let nu = self.a / (1.0 - self.e2 * lat.sin().powi(2)).sqrt();
        [
            nu * lat.cos() * lon.cos(),
            nu * lat.cos() * lon.sin(),
            (1.0 - self.e2) * nu * lat.sin(),
        ]
    }

    /// Earth-centred x, y, z to latitude, longitude (radians), iterating to a fixed point.
    fn geodetic(&self, [x, y, z]: [f64; 3]) -> (f64, f64) {
        let p = x.hypot(y);
        let mut lat = z.atan2(p * (1.0 - self.e2));
        for _ in 0..10 {
            let nu = self.a / (1.0 - self.e2 * lat.sin().powi(2)).sqrt();
            lat = (z + self.e2 * nu * lat.sin()).atan2(p);
        }
        (lat, y.atan2(x))
    }
}

/// WGS84 to OSGB36: the inverse of the 7-parameter shift in [`BNG`] (position vector
/// convention, as PROJ applies `towgs84`).
fn wgs84_to_osgb36(lat: f64, lon: f64) -> (f64, f64) {
    const T: [f64; 3] = [446.448, -125.157, 542.06];
    const ARCSEC: f64 = std::f64::consts::PI / (180.0 * 3600.0);
    let (rx, ry, rz) = (0.15 * ARCSEC, 0.247 * ARCSEC, 0.842 * ARCSEC);
    let m = 1.0 - 20.489e-6;
    let [x, y, z] = WGS84_ELLIPSOID.cartesian(lat, lon);
    let (x, y, z) = ((x - T[0]) / m, (y - T[1]) / m, (z - T[2]) / m);
    AIRY.geodetic([
        x + rz * y - ry * z,
        -rz * x + y + rx * z,
        ry * x - rx * y + z,
    ])
}

/// OSGB36 latitude, longitude (radians) to National Grid easting, northing (metres): the
/// Ordnance Survey's transverse Mercator series (true origin 49° N, 2° W; scale
/// 0.9996012717; false origin 400 km west, 100 km north).
fn airy_tmerc(lat: f64, lon: f64) -> (f64, f64) {
    const F0: f64 = 0.999_601_271_7;
    const LAT0: f64 = 49.0 * std::f64::consts::PI / 180.0;
    const LON0: f64 = -2.0 * std::f64::consts::PI / 180.0;
    const E0: f64 = 400_000.0;
    const N0: f64 = -100_000.0;
    let (a, b, e2) = (AIRY_A, AIRY_B, AIRY.e2);
    let n = (a - b) / (a + b);
    let (n2, n3) = (n * n, n * n * n);
    let (sin, cos) = lat.sin_cos();
    let tan2 = (sin / cos).powi(2);
    let nu = a * F0 / (1.0 - e2 * sin * sin).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * sin * sin).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let (d, s) = (lat - LAT0, lat + LAT0);
    let m = b
        * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * d
            - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * d.sin() * s.cos()
            + (15.0 / 8.0 * n2 + 15.0 / 8.0 * n3) * (2.0 * d).sin() * (2.0 * s).cos()
            - 35.0 / 24.0 * n3 * (3.0 * d).sin() * (3.0 * s).cos());
    let i = m + N0;
    let ii = nu / 2.0 * sin * cos;
    let iii = nu / 24.0 * sin * cos.powi(3) * (5.0 - tan2 + 9.0 * eta2);
    let iiia = nu / 720.0 * sin * cos.powi(5) * (61.0 - 58.0 * tan2 + tan2 * tan2);
    let iv = nu * cos;
    let v = nu / 6.0 * cos.powi(3) * (nu / rho - tan2);
    let vi = nu / 120.0
        * cos.powi(5)
        * (5.0 - 18.0 * tan2 + tan2 * tan2 + 14.0 * eta2 - 58.0 * tan2 * eta2);
    let l = lon - LON0;
    let north = i + ii * l.powi(2) + iii * l.powi(4) + iiia * l.powi(6);
    let east = E0 + iv * l + v * l.powi(3) + vi * l.powi(5);
    (east, north)
}

/// Every area's boundary projected to British National Grid metres, in model order
/// (`None` for an area without a usable boundary).
pub fn projected(model: &Model) -> Vec<Option<MultiPolygon<f64>>> {
    let file = model.file();
    let proj = |ls: &LineString<f64>| -> LineString<f64> {
        LineString(
            ls.0.iter()
                .filter_map(|c| {
                    let (x, y) = to_bng(c.x, c.y).ok()?;
                    Some(Coord { x, y })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example in the Ordnance Survey's "A guide to coordinate systems in Great
    /// Britain" (Annex C): OSGB36 52°39'27.2531" N, 1°43'4.5177" E.
    #[test]
    fn os_worked_example() {
        let lat = (52.0 + 39.0 / 60.0 + 27.2531 / 3600.0_f64).to_radians();
        let lon = (1.0 + 43.0 / 60.0 + 4.5177 / 3600.0_f64).to_radians();
        let (e, n) = airy_tmerc(lat, lon);
        assert!((e - 651_409.903).abs() < 0.001, "{e}");
        assert!((n - 313_177.270).abs() < 0.001, "{n}");
    }

    /// The same grid references as PROJ (proj4rs) gives with the `BNG` string, to a
    /// centimetre, from Land's End to Shetland.
    #[test]
    fn agrees_with_proj() {
        let from =
            proj4rs::Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs")
                .expect("WGS84");
        let to = proj4rs::Proj::from_proj_string(BNG).expect("BNG");
        let mut worst = 0.0_f64;
        for i in 0..=20 {
            for j in 0..=20 {
                let lon = -8.0 + 10.0 * f64::from(i) / 20.0;
                let lat = 49.8 + 11.0 * f64::from(j) / 20.0;
                let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
                proj4rs::transform::transform(&from, &to, &mut p).expect("proj");
                let (e, n) = to_bng(lon, lat).expect("ours");
                worst = worst.max((e - p.0).abs()).max((n - p.1).abs());
            }
        }
        assert!(worst < 0.01, "worst difference {worst} m");
    }

    #[test]
    fn reads_polygons_and_multipolygons() {
        let ring = serde_json::json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]);
        let p = geometry(&serde_json::json!({"type": "Polygon", "coordinates": ring}))
            .expect("polygon");
        assert_eq!(p.0.len(), 1);
        assert_eq!(p.0[0].exterior().0.len(), 4);
        let holed = serde_json::json!([
            [[0, 0], [4, 0], [4, 4], [0, 0]],
            [[1, 1], [2, 1], [2, 2], [1, 1]]
        ]);
        let m =
            geometry(&serde_json::json!({"type": "MultiPolygon", "coordinates": [ring, holed]}))
                .expect("multipolygon");
        assert_eq!(m.0.len(), 2);
        assert_eq!(m.0[1].interiors().len(), 1);
        assert_eq!(m.0[1].exterior().0[1], Coord { x: 4.0, y: 0.0 });
    }

    #[test]
    fn says_what_is_wrong_with_a_geometry() {
        let err = |v: serde_json::Value| geometry(&v).err().unwrap_or_default();
        assert_eq!(
            err(serde_json::json!({"type": "Point", "coordinates": [0, 0]})),
            "a boundary must be a Polygon or MultiPolygon, not a Point"
        );
        assert!(err(serde_json::json!([1, 2])).starts_with("not a GeoJSON geometry"));
        assert!(err(serde_json::json!({"type": "Polygon"})).contains("coordinates"));
        assert!(
            err(serde_json::json!({"type": "Polygon", "coordinates": [[["a", 0]]]}))
                .contains("[longitude, latitude]")
        );
        assert!(err(serde_json::json!({"type": "Blob", "coordinates": []})).contains("Blob"));
    }

    #[test]
    fn refuses_what_is_not_a_position() {
        assert!(to_bng(200.0, 51.0).is_err());
        assert!(to_bng(-1.0, f64::NAN).is_err());
    }
}
