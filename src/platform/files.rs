//! Reading files the user picked or dropped, refusing ones too big to parse on the page.

use hopscope_core::MAX_CASE_BYTES;
use wasm_bindgen_futures::JsFuture;

/// The files of a `FileList`, in order.
pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The file's text, or a message naming the file and the problem.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    let size = file.size();
    if size > MAX_CASE_BYTES as f64 {
        return Err(format!(
            "{name}: the file is {:.1} MB; case files larger than {} MB are not opened, so the page stays responsive",
            size / 1e6,
            MAX_CASE_BYTES / (1024 * 1024)
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{name}: the browser could not read the file"))?;
    text.as_string()
        .ok_or_else(|| format!("{name}: the file is not text"))
}
