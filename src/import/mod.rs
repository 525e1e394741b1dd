//! Reading files off the main thread. The page hands the files' bytes to a Web Worker
//! (`src/bin/import_worker.rs`, built by Trunk beside the app), which recognises and reads
//! each one with the core's importers, reports progress, and sends the cases back in the
//! core's binary wire form; the page then merges them into the open case. Cancelling stops the
//! worker, so the open case is untouched until an import has finished.

pub mod client;
pub mod protocol;
pub mod worker;
