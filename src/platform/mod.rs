//! Browser-facing helpers: reading files, storage and downloads, worker messages, pictures,
//! ticks and the crash overlay. The bottom of the app's layers: it knows no component, stage
//! or renderer.

pub mod crash;
pub mod files;
pub mod memory;
pub mod messages;
pub mod picture;
pub mod saved;
pub mod storage;
pub mod tick;
