//! Writes the autosave sample the wire tests keep reading (`tests/saved/textbook-ten.v3.bin`):
//! the bundled textbook case as the page autosaves it. Run once, when a layout is first kept:
//!
//! ```text
//! cargo run -p hopscope_core --example saved_sample
//! ```

use hopscope_core::format::batch::read_file;
use hopscope_core::format::wire::write_case;
use hopscope_core::ImportOptions;

fn main() -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("cases/textbook-ten.json"))
        .map_err(|e| format!("cases/textbook-ten.json: {e}"))?;
    let case = read_file("t.json", &text, &ImportOptions::default(), None)
        .result
        .map_err(|e| e.to_string())?
        .value;
    let mut bytes = Vec::new();
    write_case(&case, "Textbook ten", &mut bytes).map_err(|e| e.to_string())?;
    let path = root.join("crates/hopscope_core/tests/saved/textbook-ten.v3.bin");
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
