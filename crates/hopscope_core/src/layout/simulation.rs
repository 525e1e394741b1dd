//! The simulation: positions and velocities as flat `[x0, y0, x1, y1, …]` arrays, alpha cooling
//! like d3-force, and the forces applied in a fixed order each tick.

use super::{center, gravity, link, many_body, SplitMix64};

/// A spring between two nodes, by index into the node list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub source: u32,
    pub target: u32,
    /// Relative weight in (0, 1]; heavier links pull a little harder.
    pub weight: f32,
}

/// Plain data that decides a layout: compare two inputs to know whether to recompute.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutInput {
    pub n_nodes: usize,
    pub links: Vec<Link>,
}

/// Force strengths and cooling. Defaults follow d3-force.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    pub charge: f32,
    pub distance_min: f32,
    pub link_distance: f32,
    pub gravity: f32,
    pub alpha_min: f32,
    pub alpha_decay: f32,
    pub velocity_decay: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            charge: -60.0,
            distance_min: 1.0,
            link_distance: 40.0,
            gravity: 0.03,
            alpha_min: 0.001,
            // d3: 1 - alphaMin^(1/300), so a fresh simulation rests after 300 ticks.
            alpha_decay: 1.0 - 0.001f32.powf(1.0 / 300.0),
            velocity_decay: 0.4,
        }
    }
}

/// A running force simulation.
#[derive(Clone, Debug)]
pub struct Simulation {
    params: Params,
    positions: Vec<f32>,
    velocities: Vec<f32>,
    links: Vec<Link>,
    link_strength: Vec<f32>,
    link_bias: Vec<f32>,
    alpha: f32,
    rng: SplitMix64,
    n_ticks: u64,
}

impl Simulation {
    /// Starts nodes on a phyllotaxis spiral (like d3) with seeded jitter.
    pub fn new(input: &LayoutInput, params: Params, seed: u64) -> Self {
        let n = input.n_nodes;
        let mut rng = SplitMix64::new(seed);
        let mut positions = Vec::with_capacity(2 * n);
        let golden_angle = std::f32::consts::PI * (3.0 - 5f32.sqrt());
        for i in 0..n {
            let radius = 10.0 * (0.5 + i as f32).sqrt();
            let angle = i as f32 * golden_angle;
            positions.push(radius * angle.cos() + rng.next_f32() - 0.5);
            positions.push(radius * angle.sin() + rng.next_f32() - 0.5);
        }
        let links: Vec<Link> = input
            .links
            .iter()
            .copied()
            .filter(|l| (l.source as usize) < n && (l.target as usize) < n && l.source != l.target)
            .collect();
        let (link_strength, link_bias) = link::strengths_and_biases(n, &links);
        Simulation {
            params,
            positions,
            velocities: vec![0.0; 2 * n],
            links,
            link_strength,
            link_bias,
            alpha: 1.0,
            rng,
            n_ticks: 0,
        }
    }

    /// Advances one step. Allocates nothing.
    pub fn tick(&mut self) {
        self.alpha += (0.0 - self.alpha) * self.params.alpha_decay;
        let alpha = self.alpha;
        let p = &self.params;
        many_body::apply(
            &self.positions,
            &mut self.velocities,
            p.charge,
            p.distance_min,
            alpha,
            &mut self.rng,
        );
        link::apply(
            &self.positions,
            &mut self.velocities,
            &self.links,
            &self.link_strength,
            &self.link_bias,
            p.link_distance,
            alpha,
            &mut self.rng,
        );
        gravity::apply(&self.positions, &mut self.velocities, p.gravity, alpha);
        let keep = 1.0 - p.velocity_decay;
        for (x, v) in self.positions.iter_mut().zip(self.velocities.iter_mut()) {
            *v *= keep;
            *x += *v;
        }
        center::apply(&mut self.positions);
        self.n_ticks += 1;
    }

    /// Runs until the simulation rests or `max_ticks` have passed; returns the ticks run.
    pub fn run(&mut self, max_ticks: usize) -> usize {
        let mut n = 0;
        while !self.is_settled() && n < max_ticks {
            self.tick();
            n += 1;
        }
        n
    }

    /// True once alpha has cooled below `alpha_min`: the layout has come to rest.
    pub fn is_settled(&self) -> bool {
        self.alpha < self.params.alpha_min
    }

    /// Heats the simulation up again (e.g. after the graph changed).
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha.clamp(0.0, 1.0));
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    pub fn n_ticks(&self) -> u64 {
        self.n_ticks
    }

    /// Positions in world space, `[x0, y0, x1, y1, …]`.
    pub fn positions(&self) -> &[f32] {
        &self.positions
    }

    pub fn n_nodes(&self) -> usize {
        self.positions.len() / 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> LayoutInput {
        LayoutInput {
            n_nodes: n,
            links: (1..n)
                .map(|i| Link {
                    source: i as u32 - 1,
                    target: i as u32,
                    weight: 1.0,
                })
                .collect(),
        }
    }

    #[test]
    fn same_seed_gives_same_positions_and_other_seed_differs() {
        let mut a = Simulation::new(&chain(30), Params::default(), 7);
        let mut b = Simulation::new(&chain(30), Params::default(), 7);
        let mut c = Simulation::new(&chain(30), Params::default(), 8);
        a.run(500);
        b.run(500);
        c.run(500);
        assert_eq!(a.positions(), b.positions());
        assert_ne!(a.positions(), c.positions());
    }

    #[test]
    fn comes_to_rest_by_itself() {
        let mut sim = Simulation::new(&chain(50), Params::default(), 1);
        let ticks = sim.run(10_000);
        assert!(sim.is_settled());
        assert!((250..=350).contains(&ticks), "rested after {ticks} ticks");
        sim.reheat(0.3);
        assert!(!sim.is_settled());
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two 10-node chains with no link between them.
        let mut links = chain(10).links;
        links.extend(chain(10).links.iter().map(|l| Link {
            source: l.source + 10,
            target: l.target + 10,
            weight: 1.0,
        }));
        let input = LayoutInput { n_nodes: 20, links };
        let mut sim = Simulation::new(&input, Params::default(), 3);
        sim.run(1000);
        let p = sim.positions();
        let dist = |i: usize, j: usize| {
            ((p[2 * i] - p[2 * j]).powi(2) + (p[2 * i + 1] - p[2 * j + 1]).powi(2)).sqrt()
        };
        let linked: f32 = input
            .links
            .iter()
            .map(|l| dist(l.source as usize, l.target as usize))
            .sum::<f32>()
            / input.links.len() as f32;
        let across: f32 = (0..10).map(|i| dist(i, i + 10)).sum::<f32>() / 10.0;
        assert!(linked < across, "linked {linked} vs unlinked {across}");
        assert!(
            (20.0..80.0).contains(&linked),
            "links near their rest length: {linked}"
        );
    }

    #[test]
    fn ignores_links_to_missing_nodes_and_self_loops() {
        let input = LayoutInput {
            n_nodes: 2,
            links: vec![
                Link {
                    source: 0,
                    target: 5,
                    weight: 1.0,
                },
                Link {
                    source: 1,
                    target: 1,
                    weight: 1.0,
                },
            ],
        };
        let mut sim = Simulation::new(&input, Params::default(), 0);
        sim.run(400);
        assert!(sim.positions().iter().all(|v| v.is_finite()));
    }
}
