//! Link springs, as d3's `forceLink`: each link pulls its ends toward a rest length, with
//! strength 1/min(degree) scaled by the link's weight and bias by relative degree.

use super::{Link, SplitMix64};

pub(super) fn strengths_and_biases(n_nodes: usize, links: &[Link]) -> (Vec<f32>, Vec<f32>) {
    let mut degree = vec![0u32; n_nodes];
    for l in links {
        degree[l.source as usize] += 1;
        degree[l.target as usize] += 1;
    }
    let mut strength = Vec::with_capacity(links.len());
    let mut bias = Vec::with_capacity(links.len());
    for l in links {
        let (ds, dt) = (
            degree[l.source as usize] as f32,
            degree[l.target as usize] as f32,
        );
        let weight = l.weight.clamp(0.1, 1.0);
        strength.push(weight / ds.min(dt));
        bias.push(ds / (ds + dt));
    }
    (strength, bias)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    positions: &[f32],
    velocities: &mut [f32],
    links: &[Link],
    strength: &[f32],
    bias: &[f32],
    distance: f32,
    alpha: f32,
    rng: &mut SplitMix64,
) {
    for (k, l) in links.iter().enumerate() {
        let (s, t) = (l.source as usize, l.target as usize);
        let mut dx = positions[2 * t] + velocities[2 * t] - positions[2 * s] - velocities[2 * s];
        let mut dy = positions[2 * t + 1] + velocities[2 * t + 1]
            - positions[2 * s + 1]
            - velocities[2 * s + 1];
        if dx == 0.0 {
            dx = rng.jiggle();
        }
        if dy == 0.0 {
            dy = rng.jiggle();
        }
        let len = (dx * dx + dy * dy).sqrt();
        let f = (len - distance) / len * alpha * strength[k];
        dx *= f;
        dy *= f;
        velocities[2 * t] -= dx * bias[k];
        velocities[2 * t + 1] -= dy * bias[k];
        velocities[2 * s] += dx * (1.0 - bias[k]);
        velocities[2 * s + 1] += dy * (1.0 - bias[k]);
    }
}
