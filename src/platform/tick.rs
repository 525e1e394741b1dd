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

/// The page's clock (ms since it opened; 0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
