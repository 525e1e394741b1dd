//! Browser-facing helpers: reading files, worker messages, and the test hook the end-to-end
//! journeys use.

pub mod crash;
pub mod files;
pub mod messages;
pub mod picture;
pub mod storage;
pub mod test_hook;
pub mod tick;
