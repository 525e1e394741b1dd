//! hopscope's layout engine behind a small wasm-bindgen class, so the Node.js benchmark
//! (`bench/layout/run.mjs`) can drive it tick by tick beside d3-force and ForceAtlas2 in the
//! same process. The engine runs with d3-force's own defaults, so both do the same work.

use hopscope_layout::{LayoutInput, Link, Settings, Simulation};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    sim: Simulation,
}

#[wasm_bindgen]
impl Engine {
    /// A simulation of `n_nodes` nodes and the links `[s0, t0, s1, t1, …]`, with d3's
    /// defaults (many-body −30 with θ 0.9, link distance 30, centering).
    #[wasm_bindgen(constructor)]
    pub fn new(n_nodes: u32, links: &[u32], seed: u32) -> Engine {
        let input = LayoutInput {
            n_nodes: n_nodes as usize,
            links: links
                .chunks_exact(2)
                .map(|p| Link {
                    source: p[0],
                    target: p[1],
                    weight: 1.0,
                })
                .collect(),
            ..LayoutInput::default()
        };
        Engine {
            sim: Simulation::new(&input, Settings::d3(), u64::from(seed)),
        }
    }

    /// Runs `n` ticks.
    pub fn tick(&mut self, n: u32) {
        for _ in 0..n {
            self.sim.tick();
        }
    }

    /// `[x0, y0, x1, y1, …]`.
    pub fn positions(&self) -> Vec<f32> {
        self.sim.positions().to_vec()
    }
}
