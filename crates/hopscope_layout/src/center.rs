//! Centering, as d3's `forceCenter`: shifts all free nodes so their mean sits at the origin,
//! which moves the picture without changing its shape. Pinned nodes are not moved (and the
//! shift is skipped when any node is pinned, so pins keep their meaning).

pub(super) fn apply(xs: &mut [f32], ys: &mut [f32], any_pinned: bool) {
    let n = xs.len();
    if n == 0 || any_pinned {
        return;
    }
    let mx = xs.iter().sum::<f32>() / n as f32;
    let my = ys.iter().sum::<f32>() / n as f32;
    for x in xs.iter_mut() {
        *x -= mx;
    }
    for y in ys.iter_mut() {
        *y -= my;
    }
}
