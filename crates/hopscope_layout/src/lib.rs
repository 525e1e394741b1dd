//! Force-directed layout, our own: a d3-force-style simulation (alpha cooling, velocity decay)
//! on flat structure-of-arrays buffers, with a Barnes-Hut quadtree rebuilt each tick into kept
//! buffers, one small module per force (many-body, link, centering, x/y positioning,
//! collision), flow mode's hop columns, and a seeded PRNG, so the same input and seed give the
//! same positions natively and in wasm. The same `tick` runs in tests, in the benchmark and in
//! the app's layout worker.

mod center;
mod collide;
mod command;
pub mod flow;
mod link;
mod many_body;
mod position;
mod quadtree;
mod rng;
mod settings;
mod simulation;

pub use command::{Command, DRAG_ALPHA_TARGET, REHEAT_ALPHA};
pub use rng::SplitMix64;
pub use settings::Settings;
pub use simulation::{LayoutInput, Link, Mode, Simulation};

/// FNV-1a over the bits of the positions after 300 ticks of `input` with seed 7 and inferred
/// settings: the fingerprint the native and wasm tests compare with the committed one.
pub fn demo_fingerprint(input: &LayoutInput) -> u64 {
    let mut sim = Simulation::new(input, Settings::infer(input.n_nodes, input.links.len()), 7);
    for _ in 0..300 {
        sim.tick();
    }
    sim.positions().iter().fold(0xcbf2_9ce4_8422_2325, |h, v| {
        (h ^ u64::from(v.to_bits())).wrapping_mul(0x100_0000_01b3)
    })
}
