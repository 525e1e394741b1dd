//! Reading and writing case files. A file is recognised by its content, not its name; parsing
//! returns the case plus warnings for what was skipped or repaired, and only an unreadable file
//! is an error, which names the line, column and cause.

mod case_v1;

use std::fmt;

pub use case_v1::{parse_case_v1, write_case_v1};

use crate::model::Case;

/// Largest case file the app reads in one piece. Bigger files are refused with a message
/// instead of freezing the page (streaming import comes with the importers).
pub const MAX_CASE_BYTES: u64 = 64 * 1024 * 1024;

/// A file format hopscope recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The app's own JSON case format, version 1 (`docs/FORMAT.md`).
    CaseV1,
}

impl Format {
    /// The name printed by `hopscope stats` and shown in the import report.
    pub fn name(self) -> &'static str {
        match self {
            Format::CaseV1 => "hopscope-case-v1",
        }
    }

    /// Recognises a format from the start of a file's text.
    pub fn detect(text: &str) -> Option<Format> {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        let head: String = body.chars().take(4096).collect();
        (body.starts_with('{') && head.contains("\"hopscope-case\"")).then_some(Format::CaseV1)
    }
}

/// A file that could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Something skipped or repaired while reading a file that was otherwise read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// Where in the file, as a JSON path such as `transfers[4].to`.
    pub location: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// What an import produced.
#[derive(Clone, Debug)]
pub struct Imported<T> {
    pub format: Format,
    pub value: T,
    pub warnings: Vec<Warning>,
}

/// Reads a case from a file's text, whatever supported format it is in.
pub fn parse_case(text: &str) -> Result<Imported<Case>, ParseError> {
    match Format::detect(text) {
        Some(Format::CaseV1) => parse_case_v1(text),
        None => Err(not_recognised(text)),
    }
}

fn not_recognised(text: &str) -> ParseError {
    let body = text.trim_start_matches('\u{feff}');
    let message = if body.trim().is_empty() {
        "the file is empty".to_owned()
    } else {
        "not a hopscope case file: expected a JSON object with \"format\": \"hopscope-case\""
            .to_owned()
    };
    ParseError {
        line: 1,
        column: 1,
        message,
    }
}
