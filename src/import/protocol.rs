//! The messages between the page and the import worker. Each carries a small serde header
//! (via serde-wasm-bindgen) and, where there is bulk data, a value beside it: the picked
//! files going in (`File` handles, which the worker reads in slices: the bytes are not
//! copied), the wire-encoded result coming back (a transferred buffer).

use hopscope_core::format::edge_list::ColumnMapping;
use serde::{Deserialize, Serialize};

/// The script that starts the worker (written by Trunk's `data-loader-shim`).
pub const WORKER_SCRIPT: &str = "./import_worker_loader.js";

/// Page → worker: read these files (their `File` handles travel beside it, in the same order).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub names: Vec<String>,
    /// The chain of files that do not name theirs.
    pub chain: Option<String>,
    /// Read the (single) file as a table with these columns.
    pub mapping: Option<ColumnMapping>,
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind")]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// Bytes read so far, over all files of the request.
    Progress { id: u32, done: f64 },
    /// Every file is read; the wire-encoded files travel in `bytes`. `memory`: the worker's
    /// wasm memory in bytes, its high-water mark (for the benchmarks).
    Done { id: u32, memory: f64 },
    /// The request could not be read at all (no file handed over, no way to read one).
    Failed { id: u32, message: String },
}

pub use crate::platform::messages::{message, open};
