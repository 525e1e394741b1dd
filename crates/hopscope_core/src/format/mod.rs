//! Reading and writing case files. A file is recognised by its content, not its name; parsing
//! returns the case plus warnings for what was skipped or repaired, and only an unreadable file
//! is an error, which names the line, column and cause.

pub mod batch;
mod builder;
mod case_v1;
mod cytoscape;
pub mod edge_list;
mod esplora;
mod etherscan_api;
pub mod etherscan_csv;
mod gexf;
mod graph_attrs;
mod graphml;
mod json;
pub mod label_list;
pub mod mapping_memory;
pub mod number;
mod progress;
pub mod stream;
mod table;
mod units;
pub mod wire;
pub(crate) mod xml;

use std::fmt;

pub use case_v1::{parse_case_v1, write_case_v1, write_case_v1_to};
pub use cytoscape::{parse_cytoscape, write_cytoscape};
pub use gexf::{parse_gexf, write_gexf};
pub use graphml::{parse_graphml, write_graphml};
pub use progress::Progress;

use crate::model::Case;

pub use stream::{read_stream, too_big, MAX_WHOLE_FILE_BYTES};

/// A file format hopscope recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// The app's own JSON case format, version 1 (`docs/FORMAT.md`).
    CaseV1,
    /// GEXF 1.x (Gephi, NetworkX).
    Gexf,
    /// Etherscan-family CSV export of an address (normal, internal or token transfers).
    EtherscanCsv,
    /// Any delimited table with a row per transfer.
    EdgeListCsv,
    /// Etherscan-family API JSON (`txlist`, `txlistinternal`, `tokentx`).
    EtherscanApi,
    /// Bitcoin transactions from the Esplora / Blockstream API.
    Esplora,
    /// GraphML (NetworkX, Gephi, yEd).
    GraphMl,
    /// Cytoscape.js JSON (and Cytoscape desktop's .cyjs).
    Cytoscape,
    /// A label list (`address,label,category[,chain][,source]`), read into a label book.
    LabelList,
}

impl Format {
    /// The name printed by `hopscope stats` and shown in the import report.
    pub fn name(self) -> &'static str {
        match self {
            Format::CaseV1 => "hopscope-case-v1",
            Format::Gexf => "gexf",
            Format::EtherscanCsv => "etherscan-csv",
            Format::EdgeListCsv => "edge-list-csv",
            Format::EtherscanApi => "etherscan-api-json",
            Format::Esplora => "esplora-json",
            Format::GraphMl => "graphml",
            Format::Cytoscape => "cytoscape-json",
            Format::LabelList => "label-list",
        }
    }

    /// Recognises a format from the start of a file's text, not its name.
    pub fn detect(text: &str) -> Option<Format> {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        let head: String = body.chars().take(4096).collect();
        // The marker may follow long notes, so the whole text is searched for it, but only as
        // the value of a "format" key (a token named "hopscope-case" in an export is not one).
        if body.starts_with('{') && has_case_marker(body) {
            return Some(Format::CaseV1);
        }
        if etherscan_api::detect(&head) {
            return Some(Format::EtherscanApi);
        }
        if esplora::detect(&head) {
            return Some(Format::Esplora);
        }
        if body.starts_with('<') && head.contains("<gexf") {
            return Some(Format::Gexf);
        }
        if body.starts_with('<') && head.contains("<graphml") {
            return Some(Format::GraphMl);
        }
        if cytoscape::detect(&head) {
            return Some(Format::Cytoscape);
        }
        let first_line = body.lines().next().unwrap_or_default();
        if etherscan_csv::detect(first_line).is_some() {
            return Some(Format::EtherscanCsv);
        }
        if label_list::detect(body) {
            return Some(Format::LabelList);
        }
        let looks_tabular = !body.starts_with(['{', '[', '<'])
            && first_line.len() < 10_000
            && first_line.contains([',', ';', '\t', '|']);
        looks_tabular.then_some(Format::EdgeListCsv)
    }
}

/// A file that could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Something skipped or repaired while reading a file that was otherwise read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// Whether `"format"` is followed by `:` and `"hopscope-case"` somewhere in the text.
fn has_case_marker(text: &str) -> bool {
    text.match_indices("\"format\"").any(|(i, key)| {
        let rest = text[i + key.len()..].trim_start();
        rest.strip_prefix(':')
            .is_some_and(|v| v.trim_start().starts_with("\"hopscope-case\""))
    })
}

/// Reads a case from a file's text, whatever supported format it is in.
pub fn parse_case(text: &str) -> Result<Imported<Case>, ParseError> {
    import(text, &ImportOptions::default())
}

/// Reads a case from a file's text with the user's choices for what the file leaves open.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported<Case>, ParseError> {
    match Format::detect(text) {
        Some(Format::CaseV1) => parse_case_v1(text),
        Some(Format::Gexf) => parse_gexf(text, options),
        Some(Format::EtherscanCsv) => etherscan_csv::parse_etherscan_csv(text, options),
        Some(Format::EdgeListCsv) => edge_list::parse_edge_list(text, options, None),
        Some(Format::EtherscanApi) => etherscan_api::parse_etherscan_api(text, options),
        Some(Format::Esplora) => esplora::parse_esplora(text, options),
        Some(Format::GraphMl) => parse_graphml(text, options),
        Some(Format::Cytoscape) => parse_cytoscape(text, options),
        Some(Format::LabelList) => label_list::label_list_as_case(text, "label list"),
        None => Err(not_recognised(text)),
    }
}

fn not_recognised(text: &str) -> ParseError {
    let body = text.trim_start_matches('\u{feff}');
    let message = if body.trim().is_empty() {
        "the file is empty".to_owned()
    } else {
        "not a format hopscope reads: expected a hopscope case, GEXF, GraphML, Cytoscape JSON, Etherscan CSV or API JSON, Esplora JSON or a table of transfers"
            .to_owned()
    };
    ParseError {
        line: 1,
        column: 1,
        message,
    }
}

/// Choices the user makes for files that do not say everything themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Chain of the addresses when the file does not name one (e.g. `ethereum`, `bsc`).
    pub chain: Option<String>,
    /// Asset of graph-file edge weights when the file does not name one (e.g. `ETH`).
    pub asset: Option<String>,
    /// Decimal places of graph-file edge weights given in base units (18 for wei).
    pub decimals: u32,
    /// Told how far the streaming readers (tables, XML) have got, in bytes.
    pub progress: Progress,
}

/// Collects warnings, keeping the first `WARNING_LIMIT` and counting the rest, so a file with
/// a million bad rows yields a readable report.
#[derive(Clone, Debug, Default)]
pub struct WarningSink {
    kept: Vec<Warning>,
    n_more: usize,
}

pub const WARNING_LIMIT: usize = 200;

impl WarningSink {
    pub fn push(&mut self, location: impl Into<String>, message: impl Into<String>) {
        if self.kept.len() < WARNING_LIMIT {
            self.kept.push(Warning {
                location: location.into(),
                message: message.into(),
            });
        } else {
            self.n_more += 1;
        }
    }

    pub fn add(&mut self, warning: Warning) {
        self.push(warning.location, warning.message);
    }

    pub fn finish(mut self) -> Vec<Warning> {
        if self.n_more > 0 {
            self.kept.push(Warning {
                location: "…".to_owned(),
                message: format!("{} more warnings like these", self.n_more),
            });
        }
        self.kept
    }
}

/// Line numbers of increasing byte positions, counted incrementally so a large file is not
/// rescanned for every element.
pub struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The 1-based line of `position`; positions must not go backwards.
    pub fn line_at(&mut self, position: u64) -> usize {
        let end = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if end > self.offset {
            self.line += self.text.as_bytes()[self.offset..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = end;
        }
        self.line
    }
}

/// Line and column (1-based, columns in characters) of a byte offset in `text`.
pub fn locate(text: &str, byte_offset: usize) -> (usize, usize) {
    let mut end = byte_offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}
