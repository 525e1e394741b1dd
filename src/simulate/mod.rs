//! Running the force layout off the main thread. A Web Worker (`src/bin/layout_worker.rs`,
//! built by Trunk beside the app) owns the simulation, ticks it for a few milliseconds at a
//! time and posts the positions as a transferred `Float32Array`; the page draws the latest
//! positions every frame and sends commands (pause, reheat, mode, pins, settings). Where no
//! worker can start, the stage runs the same simulation on the page.

pub mod client;
pub mod protocol;
pub mod worker;
