//! The messages between the page and the layout worker. Bulk data travels as typed arrays
//! beside a small serde header: the graph going in (links, weights, radii, seeds), positions
//! coming back.

use hopscope_core::layout::{Command, LayoutInput, Link, Mode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

pub use crate::platform::messages::{message, open};

/// The script that starts the worker (written by Trunk's `data-loader-shim`).
pub const WORKER_SCRIPT: &str = "./layout_worker_loader.js";

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind")]
pub enum Request {
    /// Lay out this graph (its arrays travel beside, then two more: a keep map and start
    /// positions, each possibly empty). With a keep map the running layout is reshaped (new
    /// node `i` is old node `keep[i]`, or new where it is -1); otherwise the layout starts
    /// afresh, from the start positions when there are any (a saved picture).
    Load {
        generation: u32,
        n_nodes: u32,
        seed: u32,
        mode: Mode,
        paused: bool,
    },
    Command {
        command: Command,
    },
    /// Panic (hidden, for tests): the page must show that its worker died.
    Crash,
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind")]
pub enum Report {
    Ready,
    /// The latest positions (`[x0, y0, …]`, beside), for the layout of `generation`.
    Positions {
        generation: u32,
        settled: bool,
        ticks: u32,
    },
}

/// A graph as five typed arrays: links `[s0, t0, …]`, link weights, node radii, seeds, and
/// each node's first receipt time (NaN: none).
pub fn input_to_js(input: &LayoutInput) -> js_sys::Array {
    let mut ends = Vec::with_capacity(2 * input.links.len());
    for l in &input.links {
        ends.push(l.source);
        ends.push(l.target);
    }
    let weights: Vec<f32> = input.links.iter().map(|l| l.weight).collect();
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint32Array::from(ends.as_slice()));
    parts.push(&js_sys::Float32Array::from(weights.as_slice()));
    parts.push(&js_sys::Float32Array::from(input.radii.as_slice()));
    parts.push(&js_sys::Uint32Array::from(input.seeds.as_slice()));
    let first: Vec<f64> = input
        .first_receipt
        .iter()
        .map(|t| t.map_or(f64::NAN, |t| t as f64))
        .collect();
    parts.push(&js_sys::Float64Array::from(first.as_slice()));
    parts
}

/// The keep map and start positions that follow the graph's arrays in a load.
pub fn reshape_to_js(parts: &js_sys::Array, keep: &[i32], start: &[f32]) {
    parts.push(&js_sys::Int32Array::from(keep));
    parts.push(&js_sys::Float32Array::from(start));
}

/// The keep map (`None` for a new node) and start positions of a load.
pub fn reshape_from_js(data: &wasm_bindgen::JsValue) -> Option<(Vec<Option<u32>>, Vec<f32>)> {
    let parts: js_sys::Array = data.clone().dyn_into().ok()?;
    let keep = parts.get(5).dyn_into::<js_sys::Int32Array>().ok()?.to_vec();
    let start = parts
        .get(6)
        .dyn_into::<js_sys::Float32Array>()
        .ok()?
        .to_vec();
    Some((
        keep.into_iter().map(|k| u32::try_from(k).ok()).collect(),
        start,
    ))
}

/// The buffers of `input_to_js`'s arrays, to transfer them.
pub fn buffers_of(parts: &js_sys::Array) -> js_sys::Array {
    parts
        .iter()
        .filter_map(|p| js_sys::Reflect::get(&p, &"buffer".into()).ok())
        .collect()
}

/// The graph back from `input_to_js`'s arrays; `None` if they are not what was sent.
pub fn input_from_js(n_nodes: u32, data: &wasm_bindgen::JsValue) -> Option<LayoutInput> {
    let parts: js_sys::Array = data.clone().dyn_into().ok()?;
    let ends = parts
        .get(0)
        .dyn_into::<js_sys::Uint32Array>()
        .ok()?
        .to_vec();
    let weights = parts
        .get(1)
        .dyn_into::<js_sys::Float32Array>()
        .ok()?
        .to_vec();
    let radii = parts
        .get(2)
        .dyn_into::<js_sys::Float32Array>()
        .ok()?
        .to_vec();
    let seeds = parts
        .get(3)
        .dyn_into::<js_sys::Uint32Array>()
        .ok()?
        .to_vec();
    let first = parts
        .get(4)
        .dyn_into::<js_sys::Float64Array>()
        .ok()?
        .to_vec();
    if ends.len() != 2 * weights.len() {
        return None;
    }
    Some(LayoutInput {
        n_nodes: n_nodes as usize,
        links: ends
            .chunks_exact(2)
            .zip(weights)
            .map(|(e, weight)| Link {
                source: e[0],
                target: e[1],
                weight,
            })
            .collect(),
        radii,
        seeds,
        // Unix seconds fit an f64 exactly.
        first_receipt: first
            .into_iter()
            .map(|t| t.is_finite().then_some(t as i64))
            .collect(),
    })
}
