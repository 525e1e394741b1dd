//! Centering, as d3's `forceCenter`: shifts all nodes so their mean sits at the origin.
//! It moves positions directly and does not change the shape.

pub(super) fn apply(positions: &mut [f32]) {
    let n = positions.len() / 2;
    if n == 0 {
        return;
    }
    let (mut sx, mut sy) = (0.0f64, 0.0f64);
    for p in positions.chunks_exact(2) {
        sx += p[0] as f64;
        sy += p[1] as f64;
    }
    let (mx, my) = ((sx / n as f64) as f32, (sy / n as f64) as f32);
    for p in positions.chunks_exact_mut(2) {
        p[0] -= mx;
        p[1] -= my;
    }
}
