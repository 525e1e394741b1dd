//! Reading delimited text (CSV, TSV, `;`- or `|`-separated) as it comes from explorers and
//! spreadsheets: byte-order mark, CRLF, quoted or not, the delimiter sniffed from the header
//! line, ragged rows reported by line. Also the time parser the tabular importers share (amounts: `number.rs`).

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use super::builder::CaseBuilder;
use std::collections::VecDeque;
use std::io::Read;

use super::{ParseError, Progress};

/// The header of a table, to find columns by name.
pub struct Table {
    pub headers: Vec<String>,
}

impl Table {
    /// The index of the first header equal (case- and space-insensitively) to any name.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let norm = |s: &str| s.trim().to_ascii_lowercase().replace([' ', '_', '-'], "");
        names
            .iter()
            .find_map(|name| self.headers.iter().position(|h| norm(h) == norm(name)))
    }

    /// The index of the first header starting with a prefix (for headers carrying prices or
    /// coin symbols, such as `CurrentValue @ $2084.3/Eth` or `Value_IN(BNB)`).
    pub fn column_starting(&self, prefix: &str) -> Option<usize> {
        let prefix = prefix.to_ascii_lowercase();
        self.headers
            .iter()
            .position(|h| h.trim().to_ascii_lowercase().starts_with(&prefix))
    }
}

/// Picks the delimiter that splits the header line into the most fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| header.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',')
}

/// A CSV reader over a table's text (its byte-order mark already taken off): the delimiter
/// sniffed from the header line, rows of any length (the readers say which are short).
pub fn reader(body: &str) -> csv::Reader<&[u8]> {
    reader_of(body.as_bytes(), sniff_delimiter(body))
}

fn reader_of<R: Read>(source: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(source)
}

/// A reader that notes the line ends it passes, so each row is given its line while the text
/// streams past: the csv crate's own line count is off by one for CRLF, and a streamed file
/// has no text to count in afterwards. Only the line ends not yet counted are kept (those in
/// the csv crate's read-ahead buffer).
pub struct Tracked<R> {
    inner: R,
    /// Bytes passed so far.
    passed: u64,
    /// Offsets of the `\r` and `\n` passed but not yet counted, and whether each is a `\n`.
    ends: VecDeque<(u64, bool)>,
    /// The line of the last position asked for.
    line: usize,
}

impl<R> Tracked<R> {
    fn new(inner: R) -> Self {
        Tracked {
            inner,
            passed: 0,
            ends: VecDeque::new(),
            line: 1,
        }
    }

    /// The 1-based line of a record starting at byte `at`; positions must not go backwards.
    /// With CRLF line ends the csv crate puts a record's start on the `\n` before it, so line
    /// ends at the position are stepped over.
    fn line_of(&mut self, mut at: u64) -> usize {
        while let Some(&(offset, newline)) = self.ends.front() {
            if offset > at {
                break;
            }
            if offset == at {
                at += 1;
            }
            self.line += usize::from(newline);
            self.ends.pop_front();
        }
        self.line
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                self.ends.push_back((self.passed + i as u64, b == b'\n'));
            }
        }
        self.passed += n as u64;
        Ok(n)
    }
}

/// The rows of a table, read one at a time so a million-row file never sits in memory twice:
/// from its text, or from a stream of it (`open_stream`).
pub struct Rows<R> {
    reader: csv::Reader<Tracked<R>>,
    n_fields: usize,
}

/// The rows of a table whose head is text in memory and whose rest streams from `R`.
pub type StreamRows<'h, R> = Rows<std::io::Chain<&'h [u8], R>>;

/// Opens a table (its header now, its rows as they are read) whose text starts with `head`
/// (at least its header line, ending at a line end) and goes on with what `rest` reads: the
/// file is never whole in memory. A table in memory is all head and an empty rest.
pub fn open_stream<R: Read>(head: &str, rest: R) -> Result<(Table, StreamRows<'_, R>), ParseError> {
    let body = head.strip_prefix('\u{feff}').unwrap_or(head);
    open_rows(body.as_bytes().chain(rest), sniff_delimiter(body))
}

fn open_rows<R: Read>(source: R, delimiter: u8) -> Result<(Table, Rows<R>), ParseError> {
    let mut reader = reader_of(Tracked::new(source), delimiter);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(&e, "cannot read the header row"))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "the header row is empty".into(),
        });
    }
    let n_fields = headers.len();
    Ok((Table { headers }, Rows { reader, n_fields }))
}

impl<R: Read> Rows<R> {
    fn line_of(&mut self, p: &csv::Position) -> usize {
        self.reader.get_mut().line_of(p.byte())
    }

    /// Calls `f` with each row's 1-based line and fields. Rows whose field count differs from
    /// the header's (beyond one trailing empty field), and unreadable rows, are skipped with a
    /// warning. A file that cannot be read on (a stream that fails half way) is an error: a
    /// part of a file is never opened as if it were all of it.
    pub fn for_each(
        mut self,
        b: &mut CaseBuilder,
        progress: &Progress,
        mut f: impl FnMut(&mut CaseBuilder, usize, &csv::StringRecord),
    ) -> Result<(), ParseError> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    progress.reached(self.reader.position().byte() as usize);
                    let line = record.position().map_or(0, |p| self.line_of(p));
                    if record.iter().all(|field| field.trim().is_empty()) {
                        continue;
                    }
                    // Etherscan's internal-transactions export ends every row with an empty
                    // field its header does not name: one trailing empty field is not a
                    // shifted row.
                    let trailing_empty = record.len() == self.n_fields + 1
                        && record
                            .get(self.n_fields)
                            .is_some_and(|f| f.trim().is_empty());
                    if trailing_empty {
                        record.truncate(self.n_fields);
                    }
                    if record.len() != self.n_fields {
                        b.warnings.push(
                            format!("line {line}"),
                            format!(
                                "{} fields where the header has {}; row skipped",
                                record.len(),
                                self.n_fields
                            ),
                        );
                        continue;
                    }
                    f(b, line, &record);
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| self.line_of(p));
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        let line = line.max(self.reader.get_mut().line);
                        return Err(ParseError {
                            line,
                            column: 1,
                            message: format!("the file could not be read on from here ({io})"),
                        });
                    }
                    b.warnings.push(
                        format!("line {line}"),
                        format!("unreadable row ({e}); skipped"),
                    );
                    // After a broken UTF-8 row reading goes on; other errors end the table.
                    if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                        break;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A field of a row, trimmed; empty when the column is absent.
pub fn field(row: &csv::StringRecord, column: Option<usize>) -> &str {
    column
        .and_then(|i| row.get(i))
        .map(str::trim)
        .unwrap_or_default()
}

fn csv_error(e: &csv::Error, what: &str) -> ParseError {
    let line = e.position().map_or(1, |p| p.line() as usize);
    ParseError {
        line,
        column: 1,
        message: format!("{what}: {e}"),
    }
}

/// An ISO-8601 time as query tools write it, in RFC 3339's form: `2024-03-01 12:00:00.000 UTC`
/// (Dune), `2024-03-01 12:00:00+00:00` (BigQuery), `2024-03-01T12:00:00.123+0530`,
/// `2018-02-04T16:10:48` (no zone: UTC). `None` when it is not a date and time.
fn as_rfc3339(t: &str) -> Option<String> {
    let (date, rest) = (t.get(..10)?, t.get(10..)?);
    let rest = rest.strip_prefix([' ', 'T', 't'])?;
    let (clock, zone) = match rest.find(['+', '-', 'Z', 'z', ' ']) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let zone = match zone {
        "" | "Z" | "z" | "UTC" | "GMT" | "+00" | "+0000" | "+00:00" => "Z".to_owned(),
        z if z.is_ascii() && z.len() == 5 && z[1..].bytes().all(|b| b.is_ascii_digit()) => {
            format!("{}:{}", &z[..3], &z[3..])
        }
        z if z.is_ascii() && z.len() == 3 && z[1..].bytes().all(|b| b.is_ascii_digit()) => {
            format!("{z}:00")
        }
        z => z.to_owned(),
    };
    Some(format!("{date}T{clock}{zone}"))
}

/// A time as UTC seconds: Unix seconds (or milliseconds, when too large for seconds), RFC 3339
/// (`2024-03-01T12:00:00Z`), ISO 8601 as query tools write it (a space for the `T`, fractional
/// seconds, `UTC` or an offset such as `+0530`), `YYYY-MM-DD HH:MM:SS` (taken as UTC) or a
/// bare date.
pub fn parse_time(raw: &str) -> Result<i64, String> {
    let t = raw.trim();
    if let Ok(n) = t.parse::<i64>() {
        // 10^11 seconds is the year 5138; anything larger is milliseconds.
        return Ok(if n.unsigned_abs() >= 100_000_000_000 {
            n / 1000
        } else {
            n
        });
    }
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
        return Ok(dt.unix_timestamp());
    }
    if let Some(dt) = as_rfc3339(t).and_then(|r| OffsetDateTime::parse(&r, &Rfc3339).ok()) {
        return Ok(dt.unix_timestamp());
    }
    let spaced = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let t_sep = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    for format in [spaced, t_sep] {
        if let Ok(dt) =
            PrimitiveDateTime::parse(t.trim_end_matches(" UTC").trim_end_matches('Z'), format)
        {
            return Ok(dt.assume_utc().unix_timestamp());
        }
    }
    if let Ok(d) = Date::parse(t, format_description!("[year]-[month]-[day]")) {
        return Ok(d.midnight().assume_utc().unix_timestamp());
    }
    Err(format!(
        "\"{raw}\" is not a time hopscope reads (Unix seconds or YYYY-MM-DD HH:MM:SS UTC)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_times_explorers_write() {
        assert_eq!(parse_time("1709294400"), Ok(1_709_294_400));
        assert_eq!(parse_time("1709294400000"), Ok(1_709_294_400));
        assert_eq!(parse_time("2024-03-01 12:00:00"), Ok(1_709_294_400));
        assert_eq!(parse_time("2024-03-01T12:00:00Z"), Ok(1_709_294_400));
        assert_eq!(parse_time("2024-03-01T13:00:00+01:00"), Ok(1_709_294_400));
        assert_eq!(parse_time("2024-03-01"), Ok(1_709_251_200));
        // As query tools write it: Dune, BigQuery, offsets without a colon, no zone at all.
        for raw in [
            "2024-03-01 12:00:00.000 UTC",
            "2024-03-01 12:00:00 UTC",
            "2024-03-01 12:00:00+00:00",
            "2024-03-01 17:30:00.250+0530",
            "2024-03-01T07:00:00-05",
            "2024-03-01T12:00:00",
            "2024-03-01T12:00:00.999999Z",
        ] {
            assert_eq!(parse_time(raw), Ok(1_709_294_400), "{raw}");
        }
        assert!(parse_time("yesterday").is_err());
        assert!(parse_time("2024-03-01 25:00:00").is_err());
        assert!(
            parse_time("2024-03-01 12:00:00 CET").is_err(),
            "a zone name is not guessed"
        );
        assert_eq!(
            parse_time("-9223372036854775808"),
            Ok(i64::MIN / 1000),
            "no overflow"
        );
    }

    #[test]
    fn sniffs_delimiters_and_skips_ragged_rows() {
        let mut b = CaseBuilder::default();
        let (t, rows) = open_stream(
            "\u{feff}a;b;c\r\n1;2;3\r\n4;5\r\n\"6\";\"7;8\";9\r\n",
            std::io::empty(),
        )
        .unwrap();
        assert_eq!(t.headers, ["a", "b", "c"]);
        let mut seen = Vec::new();
        rows.for_each(&mut b, &Progress::default(), |_, line, row| {
            seen.push((line, row.iter().map(str::to_owned).collect::<Vec<_>>()))
        })
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1], (4, vec!["6".to_owned(), "7;8".into(), "9".into()]));
        let warnings = b.warnings.finish();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location, "line 3");
        // The same with LF line ends gives the same lines.
        let mut b = CaseBuilder::default();
        let (_, rows) = open_stream("a,b\n1,2\n3\n4,5\n", std::io::empty()).unwrap();
        let mut lines = Vec::new();
        rows.for_each(&mut b, &Progress::default(), |_, line, _| lines.push(line))
            .unwrap();
        assert_eq!(lines, [2, 4]);
        assert_eq!(b.warnings.finish()[0].location, "line 3");
    }
}
