//! Entry point of the layout worker's wasm binary, which Trunk builds beside the app
//! (`index.html`, `data-type="worker"`).

fn main() {
    hopscope_app::simulate::worker::run();
}
