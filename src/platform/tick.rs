//! Yielding to the browser between slices of long work, so the page keeps drawing.

use wasm_bindgen_futures::JsFuture;

/// Resolves on the next turn of the event loop (a zero-delay timeout).
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the page is hidden (a background tab, or one being left), whose timers and frames
/// the browser slows or stops; true where there is no document.
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.hidden())
}

/// The page's clock (ms since it opened; 0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
