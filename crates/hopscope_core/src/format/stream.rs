//! Reading a file as a stream of bytes, so a table of transfers of any size opens without its
//! text ever being in memory: the head of the stream (its first rows) tells the format, and a
//! table (an explorer's export, an edge list) is then read row by row as the rest arrives.
//! Other formats (JSON, XML, label lists) are read whole, up to `MAX_WHOLE_FILE_BYTES`.
//! Bytes that are not UTF-8 become U+FFFD as they pass, as `String::from_utf8_lossy` (and
//! the browser's `File.text()`) would make them, so a streamed file reads exactly as its text.

use std::io::{self, Read};

use super::batch::read_file;
use super::edge_list::{self, ColumnMapping};
use super::wire::ReadFile;
use super::{etherscan_csv, Format, ImportOptions, ParseError};

/// Largest file read whole (every format but a table of transfers). The import worker holds
/// its text, the case and the case's wire form at once, then the page the case again, and
/// text as big as the file may end up in the page (a case's notes): with the limit at 320 MiB
/// a 100 MB case file of notes crashed the tab (BENCHMARKS.md).
pub const MAX_WHOLE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The head is at least this long (or the whole file)...
const HEAD_MIN_BYTES: usize = 64 * 1024;
/// ...and holds the rows the readers look at to tell coins and units, when there are so many.
const HEAD_MIN_LINES: usize = super::units::SAMPLE_ROWS + 2;
/// A head ends at this length even with too few lines (a file with no line end in it is not a
/// table, and is read whole or refused).
const HEAD_MAX_BYTES: usize = 16 * 1024 * 1024;
/// Bytes asked of the source at a time.
const CHUNK_BYTES: usize = 1024 * 1024;

/// Why a file of `bytes` is not read, and what to do about it.
pub fn too_big(bytes: f64) -> String {
    format!(
        "the file is {:.1} MB; hopscope reads JSON, XML and label files whole, and only up to {} MB for now (a bigger one could run the tab out of memory; tables of transfers such as CSV exports are read as they stream, at any size). Export a shorter time range or as CSV, or split the file by date and open the part you need",
        bytes / 1e6,
        MAX_WHOLE_FILE_BYTES / 1_000_000
    )
}

/// Reads one file of `size` bytes from `source`, as `read_file` reads its text: with
/// `mapping`, as a table with the columns the user named; otherwise as whatever format its
/// head shows. A table is read as it streams; anything else is read whole, or refused when
/// it is bigger than `MAX_WHOLE_FILE_BYTES`. A source that fails is an error naming where.
pub fn read_stream(
    name: &str,
    size: u64,
    source: impl Read,
    options: &ImportOptions,
    mapping: Option<&ColumnMapping>,
) -> ReadFile {
    let mut text = Lossy::new(source);
    let head = match Head::read(&mut text) {
        Ok(head) => head,
        Err(e) => return failed(name, None, unreadable(1, &e)),
    };
    if head.complete {
        return read_file(name, &head.text, options, mapping);
    }
    let rest = io::Cursor::new(head.left_over).chain(text);
    let detected = match mapping {
        Some(_) => Some(Format::EdgeListCsv),
        None => Format::detect(&head.text),
    };
    let result = match (detected, mapping) {
        // A table is read as it streams only from a head of whole lines.
        _ if !head.text.ends_with('\n') => {
            return read_whole(name, size, head.text, rest, options, mapping)
        }
        (_, Some(m)) => edge_list::parse_edge_list_stream(&head.text, rest, options, Some(m)),
        (Some(Format::EdgeListCsv), None) => {
            edge_list::parse_edge_list_stream(&head.text, rest, options, None)
        }
        (Some(Format::EtherscanCsv), None) => {
            etherscan_csv::parse_etherscan_stream(&head.text, rest, options)
        }
        _ => return read_whole(name, size, head.text, rest, options, None),
    };
    ReadFile::new(name, detected, result, &head.text)
}

/// Reads the rest of a file that is not a table, and then the whole text.
fn read_whole(
    name: &str,
    size: u64,
    mut text: String,
    mut rest: impl Read,
    options: &ImportOptions,
    mapping: Option<&ColumnMapping>,
) -> ReadFile {
    if size > MAX_WHOLE_FILE_BYTES {
        return failed(name, Format::detect(&text), too_big_error(size));
    }
    let mut more = Vec::new();
    if let Err(e) = rest.read_to_end(&mut more) {
        let line = text.lines().count();
        return failed(name, Format::detect(&text), unreadable(line, &e));
    }
    text.push_str(&String::from_utf8_lossy(&more));
    drop(more);
    read_file(name, &text, options, mapping)
}

fn too_big_error(size: u64) -> ParseError {
    ParseError {
        line: 1,
        column: 1,
        message: too_big(size as f64),
    }
}

fn unreadable(line: usize, e: &io::Error) -> ParseError {
    ParseError {
        line,
        column: 1,
        message: format!("the file could not be read on from here ({e})"),
    }
}

fn failed(name: &str, detected: Option<Format>, error: ParseError) -> ReadFile {
    ReadFile::new(name, detected, Err(error), "")
}

/// The start of a file: whole lines, enough of them to tell its format and how its amounts
/// are written.
struct Head {
    text: String,
    /// Bytes read past the head's last line end, which the rest starts with.
    left_over: Vec<u8>,
    /// The head is the whole file.
    complete: bool,
}

impl Head {
    fn read(source: &mut impl Read) -> io::Result<Head> {
        let mut bytes = Vec::new();
        let mut lines = 0;
        let mut chunk = vec![0; HEAD_MIN_BYTES];
        let complete = loop {
            let n = source.read(&mut chunk)?;
            if n == 0 {
                break true;
            }
            lines += chunk[..n].iter().filter(|&&b| b == b'\n').count();
            bytes.extend_from_slice(&chunk[..n]);
            let enough = bytes.len() >= HEAD_MIN_BYTES && lines >= HEAD_MIN_LINES;
            if enough || bytes.len() >= HEAD_MAX_BYTES {
                break false;
            }
        };
        // The head ends at its last line end, or (a file without one) at a character's end.
        let end = match (complete, bytes.iter().rposition(|&b| b == b'\n')) {
            (true, _) => bytes.len(),
            (false, Some(end)) => end + 1,
            (false, None) => std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len),
        };
        let left_over = bytes.split_off(end);
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(Head {
            text,
            left_over,
            complete,
        })
    }
}

/// A reader that hands on the UTF-8 text of its source, each byte sequence that is not UTF-8
/// replaced by U+FFFD exactly as `String::from_utf8_lossy` replaces it in the whole text (a
/// character cut by a chunk's end is joined with the next chunk first).
pub struct Lossy<R> {
    source: R,
    /// Checked text not yet handed on, from `at`.
    out: Vec<u8>,
    at: usize,
    /// The bytes of a character the last chunk ended inside.
    cut: Vec<u8>,
    raw: Vec<u8>,
    done: bool,
}

impl<R: Read> Lossy<R> {
    pub fn new(source: R) -> Self {
        Lossy {
            source,
            out: Vec::new(),
            at: 0,
            cut: Vec::new(),
            raw: vec![0; CHUNK_BYTES],
            done: false,
        }
    }

    /// Reads the next chunk of the source into `out`.
    fn fill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.at = 0;
        let n = loop {
            match self.source.read(&mut self.raw) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if n == 0 {
            self.done = true;
            if !self.cut.is_empty() {
                self.out
                    .extend_from_slice(String::from_utf8_lossy(&self.cut).as_bytes());
                self.cut.clear();
            }
            return Ok(());
        }
        let mut bytes = std::mem::take(&mut self.cut);
        bytes.extend_from_slice(&self.raw[..n]);
        let mut from = 0;
        while from < bytes.len() {
            match std::str::from_utf8(&bytes[from..]) {
                Ok(text) => {
                    self.out.extend_from_slice(text.as_bytes());
                    break;
                }
                Err(e) => {
                    let valid = from + e.valid_up_to();
                    self.out.extend_from_slice(&bytes[from..valid]);
                    match e.error_len() {
                        Some(bad) => {
                            self.out.extend_from_slice(
                                char::REPLACEMENT_CHARACTER.to_string().as_bytes(),
                            );
                            from = valid + bad;
                        }
                        None => {
                            self.cut = bytes[valid..].to_vec();
                            break;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for Lossy<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A source that hands out at most `step` bytes a read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.step).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    proptest! {
        #[test]
        fn lossy_text_is_the_whole_texts(
            bytes in proptest::collection::vec(
                prop_oneof![Just(0xE2u8), Just(0x82), Just(0xAC), Just(0xF0), Just(0x9F), Just(0xC3), Just(0xA9), Just(0xFF), Just(b'a'), Just(b'\n')],
                0..200,
            ),
            step in 1usize..7,
        ) {
            let mut out = Vec::new();
            Lossy::new(Trickle { bytes: &bytes, step }).read_to_end(&mut out).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8_lossy(&bytes).into_owned());
        }
    }
}
