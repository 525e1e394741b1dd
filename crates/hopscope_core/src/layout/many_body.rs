//! Many-body force: every pair of nodes repels (negative charge), as d3's `forceManyBody`.
//! Exact O(n²) for now; Barnes-Hut replaces it when the layout engine is made fast.

use super::SplitMix64;

pub(super) fn apply(
    positions: &[f32],
    velocities: &mut [f32],
    charge: f32,
    distance_min: f32,
    alpha: f32,
    rng: &mut SplitMix64,
) {
    let n = positions.len() / 2;
    let distance_min2 = distance_min * distance_min;
    for i in 0..n {
        let (xi, yi) = (positions[2 * i], positions[2 * i + 1]);
        for j in (i + 1)..n {
            let mut dx = positions[2 * j] - xi;
            let mut dy = positions[2 * j + 1] - yi;
            if dx == 0.0 {
                dx = rng.jiggle();
            }
            if dy == 0.0 {
                dy = rng.jiggle();
            }
            let mut l2 = dx * dx + dy * dy;
            if l2 < distance_min2 {
                l2 = (distance_min2 * l2).sqrt();
            }
            let w = charge * alpha / l2;
            // Equal and opposite: j is pushed by i, i by j.
            velocities[2 * i] += dx * w;
            velocities[2 * i + 1] += dy * w;
            velocities[2 * j] -= dx * w;
            velocities[2 * j + 1] -= dy * w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_nodes_push_apart_and_coincident_nodes_stay_finite() {
        let positions = [0.0, 0.0, 10.0, 0.0, 10.0, 0.0];
        let mut velocities = [0.0; 6];
        apply(
            &positions,
            &mut velocities,
            -30.0,
            1.0,
            1.0,
            &mut SplitMix64::new(1),
        );
        assert!(velocities[0] < 0.0, "left node moves left");
        assert!(velocities.iter().all(|v| v.is_finite()));
        assert_ne!(
            velocities[2], velocities[4],
            "coincident nodes are pulled apart"
        );
    }
}
