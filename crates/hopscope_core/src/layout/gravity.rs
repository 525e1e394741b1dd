//! Weak gravity toward the origin, as d3's `forceX(0)`/`forceY(0)`: keeps components that no
//! link connects from drifting apart forever.

pub(super) fn apply(positions: &[f32], velocities: &mut [f32], strength: f32, alpha: f32) {
    let k = strength * alpha;
    for (p, v) in positions.iter().zip(velocities.iter_mut()) {
        *v -= p * k;
    }
}
