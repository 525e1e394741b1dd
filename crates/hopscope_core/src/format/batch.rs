//! Opening several files at once: each is recognised and read on its own, then merged in
//! order into the open case (or into a new one), with one report line per file saying what it
//! was, what it added and what was wrong. A file that cannot be read is reported and skipped;
//! the others still open. A table whose columns could not be recognised is marked so the
//! app can ask the user which column is which (`FileReport::needs_mapping`).

use super::edge_list::{self, ColumnMapping};
use super::wire::ReadFile;
use super::{import, Format, ImportOptions, Imported, ParseError, Warning};
use crate::model::Case;

/// What happened to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileReport {
    pub name: String,
    pub format: Option<Format>,
    pub new_nodes: usize,
    pub new_transfers: usize,
    pub duplicate_transfers: usize,
    /// Addresses a label list names, how many of them are in the case, and the labels it gave
    /// (an address whose own file labelled it keeps that label).
    pub labels_named: usize,
    pub labels_in_case: usize,
    pub labels_applied: usize,
    pub warnings: Vec<Warning>,
    /// Why the file was not read at all (`line …, column …: …`).
    pub error: Option<String>,
}

/// `n` and the noun, singular or plural: `1 address`, `3 addresses`.
fn count_of(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::figures::count(n),
        if n == 1 { one } else { many }
    )
}

impl FileReport {
    /// What the file did, in a few words for the import report: `+12 addresses, +40
    /// transfers`, or for a label list `names 1,204 addresses, 3 of them in the case: labels
    /// for 2`.
    pub fn outcome(&self) -> String {
        if let Some(e) = &self.error {
            return format!("not opened: {e}");
        }
        if self.format == Some(Format::LabelList) {
            let named = count_of(self.labels_named, "address", "addresses");
            if self.new_nodes > 0 {
                return format!("names {named}; opened on its own, with no transfers");
            }
            return format!(
                "names {named}, {} of them in the case: labels for {}",
                crate::figures::count(self.labels_in_case),
                crate::figures::count(self.labels_applied)
            );
        }
        let already = if self.duplicate_transfers > 0 {
            format!(
                " ({} already present)",
                crate::figures::count(self.duplicate_transfers)
            )
        } else {
            String::new()
        };
        format!(
            "+{}, +{}{already}",
            count_of(self.new_nodes, "address", "addresses"),
            count_of(self.new_transfers, "transfer", "transfers")
        )
    }

    /// A file that could not even be read (too big, not text).
    pub fn unreadable(name: String, error: String) -> Self {
        FileReport {
            name,
            format: None,
            new_nodes: 0,
            new_transfers: 0,
            duplicate_transfers: 0,
            labels_named: 0,
            labels_in_case: 0,
            labels_applied: 0,
            warnings: Vec::new(),
            error: Some(error),
        }
    }

    /// A table of transfers whose sender, recipient or amount column was not recognised: the
    /// user can say which column is which.
    pub fn needs_mapping(&self) -> bool {
        self.format == Some(Format::EdgeListCsv)
            && self
                .error
                .as_deref()
                .is_some_and(|e| e.contains(super::edge_list::ASK_FOR_MAPPING))
    }
}

/// The case after a batch, and a report per file.
#[derive(Clone, Debug)]
pub struct Batch {
    /// `None` when there was no case before and no file could be read.
    pub case: Option<Case>,
    pub reports: Vec<FileReport>,
}

impl Batch {
    /// The first file error, for an error banner.
    pub fn first_error(&self) -> Option<String> {
        first_error(&self.reports)
    }

    /// The format of the first file that was read.
    pub fn first_format(&self) -> Option<Format> {
        self.reports
            .iter()
            .find_map(|r| r.format.filter(|_| r.error.is_none()))
    }
}

/// The first error of a list of reports, named by its file, for an error banner. A table that
/// only waits for the user's column choice is not an error to show.
pub fn first_error(reports: &[FileReport]) -> Option<String> {
    reports
        .iter()
        .filter(|r| !r.needs_mapping())
        .find_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.name)))
}

/// Reads `files` (name, text) and merges them, in order, into `base` (or a new case).
pub fn open_files(
    base: Option<Case>,
    files: &[(String, String)],
    options: &ImportOptions,
) -> Batch {
    let parsed = files
        .iter()
        .map(|(name, text)| read_file(name, text, options, None).into_parsed())
        .collect();
    combine(base, parsed)
}

/// Reads one file: with `mapping`, as a table with the columns the user named; otherwise as
/// whatever format its content shows. A table whose columns were not recognised carries its
/// header row, so the app can ask which column is which.
pub fn read_file(
    name: &str,
    text: &str,
    options: &ImportOptions,
    mapping: Option<&ColumnMapping>,
) -> ReadFile {
    let (detected, result) = match mapping {
        Some(m) => (
            Some(Format::EdgeListCsv),
            edge_list::parse_edge_list(text, options, Some(m)),
        ),
        None => match Format::detect(text) {
            // A label list's entries are sourced to the file they came from.
            Some(Format::LabelList) => (
                Some(Format::LabelList),
                super::label_list::label_list_as_case(text, name),
            ),
            detected => (detected, import(text, options)),
        },
    };
    ReadFile::new(name, detected, result, text)
}

impl ReadFile {
    /// A file as read; a table whose columns were not recognised carries its header row,
    /// taken from `text` (the file's text, or at least its first line).
    pub(crate) fn new(
        name: &str,
        detected: Option<Format>,
        result: Result<Imported<Case>, ParseError>,
        text: &str,
    ) -> ReadFile {
        let mut file = ReadFile {
            name: name.to_owned(),
            detected,
            result,
            headers: Vec::new(),
        };
        if file.needs_mapping() {
            file.headers = edge_list::headers(text);
        }
        file
    }

    /// Whether the file is a table whose columns were not recognised.
    pub(crate) fn needs_mapping(&self) -> bool {
        self.clone_report_shape().needs_mapping()
    }

    /// What `combine` merges.
    pub fn into_parsed(self) -> ParsedFile {
        (self.name, self.detected, self.result)
    }

    /// A report with only the fields `needs_mapping` looks at.
    fn clone_report_shape(&self) -> FileReport {
        let mut report = FileReport::unreadable(self.name.clone(), String::new());
        report.format = self.detected;
        report.error = self.result.as_ref().err().map(ToString::to_string);
        report
    }
}

/// A file that was read: its name, the format recognised, and what reading it gave.
pub type ParsedFile = (String, Option<Format>, Result<Imported<Case>, ParseError>);

/// Merges already-read files, in order, into `base` (or a new case): what `open_files` does
/// after reading, and what a file read with the user's column mapping goes through.
pub fn combine(base: Option<Case>, parsed: Vec<ParsedFile>) -> Batch {
    let mut case = base;
    let mut reports = Vec::with_capacity(parsed.len());
    for (name, detected, result) in parsed {
        let mut report = FileReport {
            name,
            format: detected,
            new_nodes: 0,
            new_transfers: 0,
            duplicate_transfers: 0,
            labels_named: 0,
            labels_in_case: 0,
            labels_applied: 0,
            warnings: Vec::new(),
            error: None,
        };
        match result {
            Err(e) => report.error = Some(e.to_string()),
            Ok(imported) if imported.format == Format::LabelList && case.is_some() => {
                report.format = Some(Format::LabelList);
                report.warnings = imported.warnings;
                report.labels_named = imported.value.graph.n_nodes();
                if let Some(open) = case.as_mut() {
                    open.sources.push(source_of(
                        &report.name,
                        Format::LabelList,
                        0,
                        &report.warnings,
                    ));
                    let labels = open.apply_labels(&imported.value);
                    report.labels_applied = labels.applied;
                    report.labels_in_case = labels.applied + labels.kept_own;
                    if labels.kept_own > 0 {
                        report.warnings.push(Warning {
                            location: "labels".into(),
                            message: format!(
                                "{} the label their own files gave them",
                                match labels.kept_own {
                                    1 => "1 address keeps".to_owned(),
                                    n => format!("{n} addresses keep"),
                                }
                            ),
                        });
                    }
                }
            }
            Ok(mut imported) => {
                report.format = Some(imported.format);
                report.warnings = imported.warnings;
                // A case file that lists its own sources brings them; any other file is one.
                let is_source =
                    imported.format != Format::CaseV1 || imported.value.sources.is_empty();
                if imported.format == Format::LabelList {
                    // A list opened on its own: its addresses, to search and add transfers to.
                    report.labels_named = imported.value.graph.n_nodes();
                }
                let source =
                    |added| source_of(&report.name, imported.format, added, &report.warnings);
                match case.as_mut() {
                    None => {
                        report.new_nodes = imported.value.graph.n_nodes();
                        report.new_transfers = imported.value.graph.n_transfers();
                        if is_source {
                            let own = source(report.new_transfers);
                            imported.value.sources.push(own);
                        }
                        let mut first = imported.value;
                        // A file that names no title (a GEXF graph without a name) is
                        // called by its file name, so the case has a title to show.
                        if first.title.trim().is_empty() {
                            first.title = report.name.clone();
                        }
                        case = Some(first);
                    }
                    Some(open) => {
                        let merged = open.merge(imported.value);
                        report.new_nodes = merged.new_nodes;
                        report.new_transfers = merged.new_transfers;
                        report.duplicate_transfers = merged.duplicate_transfers;
                        if is_source {
                            open.sources.push(source(merged.new_transfers));
                        }
                    }
                }
            }
        }
        reports.push(report);
    }
    // Read: the lookups only adding transfers needs are dropped (built again by a merge).
    if let Some(case) = &mut case {
        case.graph.seal();
    }
    Batch { case, reports }
}

/// The source a file read makes: its name, its format's name, the transfers it added and its
/// warnings in words.
fn source_of(
    name: &str,
    format: Format,
    transfers: usize,
    warnings: &[Warning],
) -> crate::model::Source {
    // The file's name, not where it lay on the investigator's disk.
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    crate::model::Source::new(
        name,
        format.name(),
        transfers,
        warnings.iter().map(ToString::to_string).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_from_a_file_without_a_title_is_called_by_the_file_name() {
        let gexf = r#"<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.2" version="1.2"><graph defaultedgetype="directed"><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" weight="1"/></edges></graph></gexf>"#;
        let options = crate::ImportOptions::default();
        let parsed = vec![(
            "network.gexf".to_owned(),
            Format::detect(gexf),
            crate::import(gexf, &options),
        )];
        let batch = combine(None, parsed);
        assert_eq!(batch.case.map(|c| c.title).as_deref(), Some("network.gexf"));
    }

    const CASE: &str = r#"{"format": "hopscope-case", "version": 1, "title": "t",
        "transfers": [{"tx": "0x1", "from": "a", "to": "b", "amount": "1", "asset": "ETH", "timestamp": 1}]}"#;
    const EDGES: &str = "from,to,amount,asset,tx\nb,c,2,ETH,0x2\na,b,1,ETH,0x1\n";

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn files_merge_in_order_and_each_is_reported() {
        let batch = open_files(
            None,
            &files(&[
                ("a.json", CASE),
                ("broken.json", "{\"format\": \"hopscope-case\""),
                ("b.csv", EDGES),
            ]),
            &ImportOptions::default(),
        );
        let case = batch.case.as_ref().expect("a case");
        assert_eq!((case.graph.n_nodes(), case.graph.n_transfers()), (3, 2));
        let r = &batch.reports;
        assert_eq!((r[0].format, r[0].new_transfers), (Some(Format::CaseV1), 1));
        assert!(
            r[1].error
                .as_deref()
                .is_some_and(|e| e.starts_with("line 1, column")),
            "{:?}",
            r[1]
        );
        assert_eq!(
            (
                r[2].format,
                r[2].new_nodes,
                r[2].new_transfers,
                r[2].duplicate_transfers
            ),
            (Some(Format::EdgeListCsv), 1, 1, 1),
            "a→b 0x1 is in both files"
        );
        assert!(batch
            .first_error()
            .is_some_and(|e| e.starts_with("broken.json: line 1")));
        assert_eq!(batch.first_format(), Some(Format::CaseV1));
    }

    #[test]
    fn an_unsure_table_asks_for_a_mapping_and_then_merges() {
        use crate::format::edge_list::{parse_edge_list, ColumnMapping};
        let unsure = "payer_wallet,payee_wallet,sum\nx,y,3\n";
        let batch = open_files(
            None,
            &files(&[("a.json", CASE), ("u.csv", unsure)]),
            &ImportOptions::default(),
        );
        assert!(batch.reports[1].needs_mapping());
        assert!(!batch.reports[0].needs_mapping());
        let mapping = ColumnMapping {
            from: 0,
            to: 1,
            amount: 2,
            ..ColumnMapping::default()
        };
        let parsed = parse_edge_list(unsure, &ImportOptions::default(), Some(&mapping));
        let after = combine(
            batch.case,
            vec![("u.csv".into(), Some(Format::EdgeListCsv), parsed)],
        );
        assert_eq!(after.case.map(|c| c.graph.n_transfers()), Some(2));
        assert_eq!(after.reports[0].new_transfers, 1);
    }

    #[test]
    fn adding_to_an_open_case_keeps_it_and_nothing_readable_leaves_it_alone() {
        let base = open_files(None, &files(&[("a.json", CASE)]), &ImportOptions::default()).case;
        let batch = open_files(
            base.clone(),
            &files(&[("junk.bin", "\u{0}\u{1}")]),
            &ImportOptions::default(),
        );
        assert_eq!(batch.case.map(|c| c.graph.n_transfers()), Some(1));
        let none = open_files(
            None,
            &files(&[("junk.bin", "\u{0}")]),
            &ImportOptions::default(),
        );
        assert!(none.case.is_none());
    }
}
