//! The files a case was built from, as the case remembers them: each file's name, the format
//! it was read as, how many transfers it added and what was wrong with it. Saved in the case
//! file (`sources`), so a report made later can say what its figures rest on.

use serde::{Deserialize, Serialize};

/// Warnings kept per file; the rest are counted in one more line.
pub const MAX_SOURCE_WARNINGS: usize = 50;

/// One file the case was built from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    /// The format's name as the import report gives it.
    pub format: String,
    /// Transfers it added to the case (not those already there).
    #[serde(default)]
    pub transfers: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Source {
    /// A source with at most `MAX_SOURCE_WARNINGS` of `warnings` and a line counting the rest.
    pub fn new(name: &str, format: &str, transfers: usize, warnings: Vec<String>) -> Source {
        let mut kept = warnings;
        if kept.len() > MAX_SOURCE_WARNINGS {
            let more = kept.len() - MAX_SOURCE_WARNINGS;
            kept.truncate(MAX_SOURCE_WARNINGS);
            kept.push(format!("… and {more} more warnings"));
        }
        Source {
            name: name.to_owned(),
            format: format.to_owned(),
            transfers,
            warnings: kept,
        }
    }
}
