//! The messages between the page and the import worker. Each carries a small serde header
//! (via serde-wasm-bindgen) and, where there is bulk data, transferable buffers beside it:
//! the files' bytes going in, the wire-encoded result coming back.

use hopscope_core::format::edge_list::ColumnMapping;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The script that starts the worker (written by Trunk's `data-loader-shim`).
pub const WORKER_SCRIPT: &str = "./import_worker_loader.js";

/// Page → worker: read these files (their bytes travel in `buffers`, in the same order).
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
    /// Every file is read; the wire-encoded files travel in `bytes`.
    Done { id: u32 },
}

const HEADER: &str = "header";
/// The request's file bytes, or the reply's encoded result.
const DATA: &str = "data";

/// A message: a header plus an optional data value.
pub fn message(header: &impl Serialize, data: Option<&JsValue>) -> Result<JsValue, String> {
    let header = serde_wasm_bindgen::to_value(header).map_err(|e| e.to_string())?;
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &HEADER.into(), &header).map_err(|_| "cannot build message")?;
    if let Some(data) = data {
        js_sys::Reflect::set(&object, &DATA.into(), data).map_err(|_| "cannot build message")?;
    }
    Ok(object.into())
}

/// The header and data of a message.
pub fn open<T: for<'de> Deserialize<'de>>(message: &JsValue) -> Result<(T, JsValue), String> {
    let header = js_sys::Reflect::get(message, &HEADER.into()).map_err(|_| "no header")?;
    let header = serde_wasm_bindgen::from_value(header).map_err(|e| e.to_string())?;
    let data = js_sys::Reflect::get(message, &DATA.into()).unwrap_or(JsValue::UNDEFINED);
    Ok((header, data))
}
