//! Link springs, as d3's `forceLink`: each link pulls its ends toward a rest length, using
//! the positions they are about to have (position + velocity), with strength
//! weight / min(degree) and the push shared by relative degree.

use super::{Link, SplitMix64};

/// Per-link strength and bias (the share of the pull the target takes), from degrees.
pub(super) fn strengths_and_biases(n_nodes: usize, links: &[Link]) -> (Vec<f32>, Vec<f32>) {
    let mut degree = vec![0u32; n_nodes];
    for l in links {
        degree[l.source as usize] += 1;
        degree[l.target as usize] += 1;
    }
    links
        .iter()
        .map(|l| {
            let (ds, dt) = (
                degree[l.source as usize] as f32,
                degree[l.target as usize] as f32,
            );
            (l.weight.clamp(0.05, 1.0) / ds.min(dt), ds / (ds + dt))
        })
        .unzip()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn apply(
    xs: &[f32],
    ys: &[f32],
    vxs: &mut [f32],
    vys: &mut [f32],
    links: &[Link],
    strength: &[f32],
    bias: &[f32],
    distance: f32,
    alpha: f32,
    rng: &mut SplitMix64,
) {
    for (k, l) in links.iter().enumerate() {
        let (s, t) = (l.source as usize, l.target as usize);
        let mut dx = xs[t] + vxs[t] - xs[s] - vxs[s];
        let mut dy = ys[t] + vys[t] - ys[s] - vys[s];
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
        let b = bias[k];
        vxs[t] -= dx * b;
        vys[t] -= dy * b;
        vxs[s] += dx * (1.0 - b);
        vys[s] += dy * (1.0 - b);
    }
}
