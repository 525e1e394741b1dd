//! Layout settings, with defaults derived from the graph's size (as graphology's
//! `inferSettings` does for ForceAtlas2): small cases get more room and collision; big ones a
//! coarser Barnes-Hut θ and no collision, so a tick stays cheap.

/// Everything that tunes the simulation.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Many-body strength per node (negative repels), as d3's `strength`.
    pub charge: f32,
    /// Barnes-Hut accuracy: a cell acts as one body when side / distance < θ (0 = exact).
    pub theta: f32,
    pub distance_min: f32,
    pub distance_max: f32,
    /// Rest length of a link.
    pub link_distance: f32,
    /// Pull toward the origin (x and y), so disconnected parts stay in view.
    pub gravity: f32,
    /// Push overlapping nodes apart by radius plus `collide_padding`.
    pub collide: bool,
    pub collide_padding: f32,
    pub collide_strength: f32,
    /// Flow mode: distance between hop columns, and how far a node may stray from its column.
    pub column_spacing: f32,
    pub column_slack: f32,
    pub alpha_min: f32,
    pub alpha_decay: f32,
    pub velocity_decay: f32,
}

/// Decay that brings alpha from 1 to `alpha_min` in `ticks` ticks, as d3 computes it.
fn decay_over(ticks: f32, alpha_min: f32) -> f32 {
    // alpha_min^(1/ticks) = exp(ln(alpha_min)/ticks); for alpha_min = 0.001 this is d3's
    // 1 - 0.001^(1/300). Computed with powf once per settings, never per tick.
    1.0 - alpha_min.powf(1.0 / ticks)
}

impl Settings {
    /// d3-force's defaults (manyBody −30, θ 0.9, link distance 30, 300 ticks to rest), for
    /// comparing with it.
    pub fn d3() -> Self {
        Settings {
            charge: -30.0,
            theta: 0.9,
            distance_min: 1.0,
            distance_max: f32::INFINITY,
            link_distance: 30.0,
            gravity: 0.0,
            collide: false,
            collide_padding: 0.0,
            collide_strength: 0.7,
            column_spacing: 120.0,
            column_slack: 30.0,
            alpha_min: 0.001,
            alpha_decay: decay_over(300.0, 0.001),
            velocity_decay: 0.4,
        }
    }

    /// Defaults for a graph of this size.
    pub fn infer(n_nodes: usize, n_links: usize) -> Self {
        let dense = n_links as f32 > 3.0 * n_nodes.max(1) as f32;
        let mut s = Settings::d3();
        s.charge = match n_nodes {
            0..=200 => -80.0,
            201..=2_000 => -45.0,
            _ => -30.0,
        };
        if dense {
            s.charge *= 1.5;
        }
        s.link_distance = if n_nodes <= 2_000 { 40.0 } else { 30.0 };
        s.gravity = if n_nodes <= 200 { 0.03 } else { 0.05 };
        s.theta = if n_nodes <= 20_000 { 0.9 } else { 1.1 };
        s.collide = n_nodes <= 20_000;
        s.collide_padding = 2.0;
        s.column_spacing = 3.0 * s.link_distance;
        s.column_slack = 0.25 * s.column_spacing;
        let ticks = if n_nodes <= 50_000 { 300.0 } else { 200.0 };
        s.alpha_decay = decay_over(ticks, s.alpha_min);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigger_graphs_get_cheaper_settings() {
        let small = Settings::infer(50, 60);
        let big = Settings::infer(100_000, 150_000);
        assert!(small.collide && !big.collide);
        assert!(big.theta > small.theta);
        assert!(small.charge < big.charge, "small graphs spread more");
        assert!((Settings::d3().alpha_decay - 0.0228).abs() < 1e-3);
    }
}
