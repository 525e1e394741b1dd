//! Shared JSON helpers for the readers of JSON formats (case files, Etherscan's API, Esplora,
//! Cytoscape): a serde_json error as a `ParseError` naming line, column and cause.

use super::ParseError;

/// A serde_json error as a `ParseError`, with the column counted in characters (serde_json
/// counts bytes) so it matches what an editor shows.
pub(crate) fn json_error(err: serde_json::Error, text: &str) -> ParseError {
    let full = err.to_string();
    let cause = full
        .rsplit_once(" at line ")
        .map(|(cause, _)| cause.to_owned())
        .unwrap_or(full);
    let message = if err.is_eof() {
        format!("the file ends too early; is it truncated? ({cause})")
    } else {
        cause
    };
    let line = err.line().max(1);
    let line_text = text.split('\n').nth(line - 1).unwrap_or_default();
    let mut byte_col = err.column().min(line_text.len());
    while !line_text.is_char_boundary(byte_col) {
        byte_col -= 1;
    }
    ParseError {
        line,
        column: line_text[..byte_col].chars().count().max(1),
        message,
    }
}
