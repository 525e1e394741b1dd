//! Entry point of the wasm binary that Trunk builds.

fn main() {
    hopscope_app::mount();
}
