//! Browser storage (`localStorage`) for autosaved cases, and saving a file to the user's
//! downloads. Every failure comes back as a message; a full storage is named as such, never
//! ignored.

use wasm_bindgen::JsCast;

fn local() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "this browser gives the page no storage (private mode?)".to_owned())
}

pub fn get(key: &str) -> Option<String> {
    local().ok()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; the error says whether storage is full.
pub fn set(key: &str, value: &str) -> Result<(), StoreError> {
    let storage = local().map_err(StoreError::Unavailable)?;
    storage.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name.contains("Quota") {
            StoreError::Full
        } else {
            StoreError::Unavailable(format!("the browser refused to store it ({name})"))
        }
    })
}

pub fn remove(key: &str) {
    if let Ok(s) = local() {
        let _ = s.remove_item(key);
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The storage quota is used up.
    Full,
    Unavailable(String),
}

/// Clicks a link that downloads `url` as `name`.
fn click_download(name: &str, url: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no link element")?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// Offers `text` as a file named `name` for the user to save.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not save {name}: {what}");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("the browser could not make the file"))?;
    download_blob(name, &blob)
}

/// Offers `blob` as a file named `name` for the user to save.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let fail = |what: &str| format!("could not save {name}: {what}");
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| fail("the browser could not make a link to the file"))?;
    click_download(name, &url).map_err(|e| fail(&e))?;
    // The download has started by the time this runs; then the link's memory is freed.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
