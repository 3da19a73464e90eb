//! Arrow-key movement shared by the pictures (network, governance, map).

/// The screen direction an arrow key means, if it is one.
pub fn arrow(key: &str) -> Option<(f64, f64)> {
    match key {
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowUp" => Some((0.0, -1.0)),
        "ArrowDown" => Some((0.0, 1.0)),
        _ => None,
    }
}

/// The point nearest to `from` in direction `d` (within 60° of it), for moving between
/// boxes or areas that are not linked by edges.
pub fn nearest(points: &[(f64, f64)], from: usize, d: (f64, f64)) -> Option<usize> {
    let (ax, ay) = *points.get(from)?;
    points
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != from)
        .filter_map(|(j, &(x, y))| {
            let (vx, vy) = (x - ax, y - ay);
            let len = (vx * vx + vy * vy).sqrt().max(1e-9);
            let cos = (vx * d.0 + vy * d.1) / len;
            (cos > 0.5).then_some((j, len / cos))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(j, _)| j)
}
