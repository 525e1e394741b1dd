//! Reading files the user picked or dropped, refusing ones too big to read in this tab, and
//! making a file of pasted text so it goes the same way.

use hopscope_core::MAX_CASE_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The files of a `FileList`, in order.
pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The file's bytes, or a message naming the problem (the caller names the file).
pub async fn read_bytes(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    let size = file.size();
    if size > MAX_CASE_BYTES as f64 {
        return Err(hopscope_core::format::too_big(size));
    }
    JsFuture::from(file.array_buffer())
        .await
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| "the browser could not read the file".to_owned())
}

/// A file holding `text`, as if the user had picked it.
pub fn text_file(name: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&text.into());
    web_sys::File::new_with_str_sequence(&parts, name).ok()
}
