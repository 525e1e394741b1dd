//! Browser-facing helpers: reading files, and the test hook the end-to-end journeys use.

pub mod files;
pub mod test_hook;
