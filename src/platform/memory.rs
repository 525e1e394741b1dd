//! How much wasm memory this instance (the page, or a worker) has: the linear memory's size,
//! which only grows, so it is the high-water mark of what the instance ever held. For the
//! benchmarks (`window.hopscopeTest.memory()`), to say what a case costs in the tab.

use wasm_bindgen::JsCast;

/// Bytes of this instance's linear memory (0 where it cannot be read).
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(0.0)
}

thread_local! {
    static WORKER: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// The import worker's memory as its last reply gave it.
pub fn import_worker_bytes() -> f64 {
    WORKER.with(std::cell::Cell::get)
}

pub fn set_import_worker_bytes(bytes: f64) {
    WORKER.with(|w| w.set(bytes));
}
