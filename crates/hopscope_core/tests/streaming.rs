//! A file read as a stream (as the import worker reads a picked file, in slices) reads
//! exactly as its whole text: the same format, case, warnings and lines, for real explorer
//! exports and query-tool tables made long enough that only their head is looked at first;
//! a stream that fails half way is an error naming the line, never a part of the file
//! opened as if it were all of it; a file read whole that is too big is refused unread.

mod common;

use std::io::{self, Read};

use common::sample;
use hopscope_core::format::batch::read_file;
use hopscope_core::format::wire::ReadFile;
use hopscope_core::format::{read_stream, write_case_v1, MAX_WHOLE_FILE_BYTES};
use hopscope_core::ImportOptions;

/// A source that hands out at most `step` bytes a read, and fails after `fail_at` bytes.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
    passed: usize,
    fail_at: Option<usize>,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.fail_at.is_some_and(|at| self.passed >= at) {
            return Err(io::Error::other("the file changed on disk"));
        }
        let n = buf.len().min(self.step).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        self.passed += n;
        Ok(n)
    }
}

fn streamed(name: &str, bytes: &[u8], step: usize, fail_at: Option<usize>) -> ReadFile {
    let source = Trickle {
        bytes,
        step,
        passed: 0,
        fail_at,
    };
    read_stream(
        name,
        bytes.len() as u64,
        source,
        &ImportOptions::default(),
        None,
    )
}

/// What a read gave, comparably: format, the case as a case file, warnings, or the error.
fn outcome(file: &ReadFile) -> String {
    let result = match &file.result {
        Ok(imported) => format!(
            "{:?}\n{:?}\n{}",
            imported.format,
            imported.warnings,
            write_case_v1(&imported.value)
        ),
        Err(e) => format!("error: {e}"),
    };
    format!("{:?} {:?}\n{result}", file.detected, file.headers)
}

/// A table made long: its header, then its rows again and again to at least `lines` lines.
fn long(text: &str, lines: usize) -> String {
    let text = text.trim_end_matches(['\r', '\n']);
    let (header, rows) = text.split_once('\n').expect("a header and rows");
    let rows = rows.trim_end_matches(['\r', '\n']);
    let n_rows = rows.lines().count().max(1);
    let mut out = format!("{header}\n");
    for _ in 0..lines.div_ceil(n_rows) {
        out.push_str(rows);
        out.push('\n');
    }
    out
}

fn assert_same(name: &str, text: &[u8]) {
    let whole = read_file(
        name,
        &String::from_utf8_lossy(text),
        &ImportOptions::default(),
        None,
    );
    for step in [1013, 4 << 20] {
        let stream = streamed(name, text, step, None);
        assert_eq!(outcome(&stream), outcome(&whole), "{name}, step {step}");
    }
}

const TABLES: &[&str] = &[
    "etherscan/bscscan-2024.csv",
    "etherscan/internal-2024.csv",
    "etherscan/internal-2025-reordered.csv",
    "etherscan/internal-2025.csv",
    "etherscan/normal-2021.csv",
    "etherscan/normal-2024.csv",
    "etherscan/normal-2025-bsc.csv",
    "etherscan/tokens-2024.csv",
    "etherscan/tokens-2025.csv",
    "swaps/etherscan_0x003dc_normal_swaps.csv",
    "swaps/etherscan_0x003dc_erc20_swaps.csv",
    "query_tool/bitcoin-edges.csv",
    "query_tool/breadcrumbs-like.csv",
    "query_tool/dune-bytea.csv",
    "query_tool/ethereum-etl-token-transfers.csv",
    "query_tool/ethereum-etl-transactions.csv",
    "query_tool/tron-edges.csv",
    "edge_list/semicolon-bom.csv",
];

#[test]
fn real_exports_read_as_streams_read_as_their_text() {
    for rel in TABLES {
        let text = long(&sample(rel), 3_000);
        assert!(text.len() > 64 * 1024, "{rel} is long enough to stream");
        assert_same(rel, text.as_bytes());
        // With Windows line ends, and a byte-order mark.
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        assert_same(rel, crlf.as_bytes());
    }
}

/// An edge list of `n` distinct transfers.
fn edge_list(n: usize) -> String {
    let mut text = "from,to,amount,asset,time,tx\n".to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "0x{:040x},0x{:040x},{}.{:02},ETH,{},0x{:064x}\n",
            i % 997,
            (i * 7 + 1) % 1009,
            i,
            i % 100,
            1_700_000_000 + i,
            i
        ));
    }
    text
}

#[test]
fn every_row_of_a_long_table_is_read_and_bad_rows_keep_their_lines() {
    let mut text = edge_list(20_000);
    // A short row and a byte that is not UTF-8, far past the head.
    let at = text.match_indices('\n').nth(15_000).unwrap().0 + 1;
    text.insert_str(at, "0xshort,row\n");
    let mut bytes = text.into_bytes();
    let at = bytes.len() - 500;
    bytes[at] = 0xFF;
    assert_same("long.csv", &bytes);
    let file = streamed("long.csv", &bytes, 8191, None);
    let imported = file.result.as_ref().unwrap();
    assert_eq!(imported.value.graph.n_transfers(), 20_000);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.location == "line 15002" && w.message.contains("2 fields")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn a_stream_that_fails_half_way_is_an_error_naming_the_line() {
    let text = edge_list(20_000);
    let file = streamed("broken.csv", text.as_bytes(), 4096, Some(text.len() / 2));
    let error = file.result.unwrap_err();
    assert!(
        error.message.contains("could not be read on from here")
            && error.message.contains("the file changed on disk"),
        "{error}"
    );
    assert!(
        (9_000..11_000).contains(&error.line),
        "near the middle: line {}",
        error.line
    );
    // Failing inside the head is an error too.
    let file = streamed("broken.csv", text.as_bytes(), 4096, Some(1000));
    assert!(file.result.is_err());
}

#[test]
fn files_read_whole_stream_the_same_and_too_big_ones_are_refused_unread() {
    let case = sample("../tests/data/report-investigated.hopscope.json");
    let padded = case.replace('\n', &format!("{}\n\n", " ".repeat(30)));
    assert!(padded.len() > 64 * 1024 && padded.lines().count() > 2002);
    assert_same("case.hopscope.json", padded.as_bytes());
    // A file read whole is refused by its size before the rest of it is read.
    let mut gexf = "<?xml version=\"1.0\"?>\n<gexf xmlns=\"http://gexf.net/1.3\">\n".to_owned();
    for i in 0..5_000 {
        gexf.push_str(&format!("<!-- {i} -->\n"));
    }
    let source = Trickle {
        bytes: gexf.as_bytes(),
        step: 4096,
        passed: 0,
        fail_at: Some(200 * 1024),
    };
    let file = read_stream(
        "big.gexf",
        MAX_WHOLE_FILE_BYTES + 1,
        source,
        &ImportOptions::default(),
        None,
    );
    let error = file.result.unwrap_err();
    assert!(
        error
            .message
            .starts_with("the file is 67.1 MB; hopscope reads JSON, XML and label files whole"),
        "{error}"
    );
    assert_eq!(file.detected, Some(hopscope_core::Format::Gexf));
    // A case file that is one long line (notes of 100 MB) is refused after its first 16 MiB.
    let mut one_line = r#"{"format":"hopscope-case","version":1,"notes":""#.to_owned();
    one_line.push_str(&"é".repeat(10 << 20));
    let source = Trickle {
        bytes: one_line.as_bytes(),
        step: 1 << 20,
        passed: 0,
        fail_at: Some(17 << 20),
    };
    let file = read_stream(
        "notes.hopscope.json",
        100 << 20,
        source,
        &ImportOptions::default(),
        None,
    );
    let error = file.result.unwrap_err();
    assert!(error.message.starts_with("the file is 104.9 MB"), "{error}");
}
