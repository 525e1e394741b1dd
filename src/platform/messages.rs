//! Messages to and from Web Workers: a small serde header (via serde-wasm-bindgen) and, where
//! there is bulk data, a separate value beside it (typed arrays, transferred, not copied).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

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
