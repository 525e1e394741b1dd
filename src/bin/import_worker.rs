//! Entry point of the import worker's wasm binary, which Trunk builds beside the app
//! (`index.html`, `data-type="worker"`).

fn main() {
    hopscope_app::import::worker::run();
}
