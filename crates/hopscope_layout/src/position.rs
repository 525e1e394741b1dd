//! Positioning forces, as d3's `forceX` / `forceY`: each node is pulled toward a target
//! coordinate with its own strength. With one target for all and a small strength it is
//! gravity (disconnected parts do not drift away); in flow mode x targets are hop columns.

/// Pulls `vs` toward `targets` (or toward 0 when `targets` is empty).
pub(super) fn apply(ps: &[f32], vs: &mut [f32], targets: &[f32], strength: f32, alpha: f32) {
    let k = strength * alpha;
    if k == 0.0 {
        return;
    }
    if targets.is_empty() {
        for (p, v) in ps.iter().zip(vs.iter_mut()) {
            *v -= p * k;
        }
    } else {
        for ((p, v), t) in ps.iter().zip(vs.iter_mut()).zip(targets) {
            *v += (t - p) * k;
        }
    }
}

/// Pulls each node toward its own anchor (NaN: none), so nodes already on screen hold their
/// place while new ones settle in around them.
pub(super) fn apply_anchors(
    ps: &[f32],
    vs: &mut [f32],
    anchors: &[f32],
    strength: f32,
    alpha: f32,
) {
    let k = strength * alpha;
    for ((p, v), a) in ps.iter().zip(vs.iter_mut()).zip(anchors) {
        if !a.is_nan() {
            *v += (a - p) * k;
        }
    }
}
