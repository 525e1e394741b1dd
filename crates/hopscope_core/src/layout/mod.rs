//! Force-directed layout: a d3-force-style simulation (velocity Verlet with alpha cooling) over
//! flat arrays, with one small module per force and a seeded PRNG, so the same input and seed
//! give the same positions on every platform. The same `tick` runs in tests and in the app.

mod center;
mod gravity;
mod link;
mod many_body;
mod rng;
mod simulation;

pub use rng::SplitMix64;
pub use simulation::{LayoutInput, Link, Params, Simulation};
