//! The hopscope browser app: a thin Leptos shell over `hopscope_core`. Components wire signals
//! to views; `stage` holds the open case, its layout and camera; `render` draws; `import`
//! reads files in a Web Worker; `simulate` runs the layout in another; `platform` talks to
//! the browser (files, storage, worker messages, the crash overlay).

pub mod components;
pub mod import;
mod platform;
mod render;
pub mod simulate;
pub mod stage;

pub use components::App;

/// Counts what is allocated (live and high-water bytes, `window.hopscopeTest.memory()`), so
/// the benchmarks can say what a case holds, not only how far wasm memory ever grew.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: hopscope_core::counting::Counting = hopscope_core::counting::Counting;

/// The case shown when the app opens.
pub const DEMO_CASE: &str = include_str!("../cases/htx-2023-tornado.json");
pub const DEMO_CASE_NAME: &str = "htx-2023-tornado.json";

/// Every bundled case: its file name and text. Opened from the case menu, or by
/// `?case=<file name without .json>` in the page's address.
pub const BUNDLED_CASES: &[(&str, &str)] = &[
    (DEMO_CASE_NAME, DEMO_CASE),
    (
        "bridge-hack-to-bitcoin.json",
        include_str!("../cases/bridge-hack-to-bitcoin.json"),
    ),
    (
        "bridge-tornado-avalanche.json",
        include_str!("../cases/bridge-tornado-avalanche.json"),
    ),
    (
        "swap-route-thorchain.json",
        include_str!("../cases/swap-route-thorchain.json"),
    ),
    (
        "bitcoin-peel-chain.json",
        include_str!("../cases/bitcoin-peel-chain.json"),
    ),
    (
        "textbook-ten.json",
        include_str!("../cases/textbook-ten.json"),
    ),
];

/// The bundled case a name (with or without `.json`) stands for.
pub fn bundled_case(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name.trim();
    BUNDLED_CASES
        .iter()
        .copied()
        .find(|(file, _)| *file == name || file.strip_suffix(".json") == Some(name))
}

/// Mounts the app on the page's `<body>`.
pub fn mount() {
    platform::crash::install();
    leptos::mount::mount_to_body(App);
}
