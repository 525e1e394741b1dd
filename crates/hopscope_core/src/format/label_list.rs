//! Label lists: the CSV layout investigators keep known addresses in
//! (`address,label,category[,chain][,source]`, header names in any case and order), read into a
//! `LabelBook` or into a case of labelled addresses for `Case::apply_labels`; and the bundled
//! book that ships in the build (`labels/bundled.csv`: Tornado Cash pools, OFAC-listed Lazarus
//! addresses, FBI-published Bybit and Harmony theft addresses, exchange wallets, bridges, DEX
//! routers), every entry with its public source.

use std::sync::{Arc, OnceLock};

use super::{Format, Imported, ParseError, WarningSink};
use crate::model::labels::{Book, LabelBook, LabelEntry};
use crate::model::{Address, Case, Category, Chain, Graph, Node};

const BUNDLED_CSV: &str = include_str!("../../labels/bundled.csv");

/// The label book that ships with hopscope. Only the readers reach for it: every case they
/// make is shown with it (`Case::book`).
pub fn bundled() -> &'static LabelBook {
    bundled_arc()
}

/// The bundled book as a case's `Book`: every case read from a file is shown with it.
pub fn bundled_book() -> Book {
    Book::new(Arc::clone(bundled_arc()))
}

fn bundled_arc() -> &'static Arc<LabelBook> {
    static BOOK: OnceLock<Arc<LabelBook>> = OnceLock::new();
    BOOK.get_or_init(|| {
        Arc::new(
            read_label_list(BUNDLED_CSV, "bundled label book")
                .map(|i| i.value)
                .unwrap_or_default(),
        )
    })
}

/// Reads a label list: a header with `address` and `label` columns, optional `category`,
/// `chain` and `source`. Rows without a source are attributed to `list_name`.
pub fn read_label_list(text: &str, list_name: &str) -> Result<Imported<LabelBook>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ParseError {
            line: 1,
            column: 1,
            message: format!("cannot read the header row: {e}"),
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(address_col), Some(label_col)) = (col("address"), col("label")) else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "a label list needs \"address\" and \"label\" columns".into(),
        });
    };
    let (category_col, chain_col, source_col) = (col("category"), col("chain"), col("source"));
    let mut warnings = WarningSink::default();
    let mut book = LabelBook::default();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            warnings.push(format!("line {line}"), "unreadable row; skipped");
            continue;
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .unwrap_or_default()
        };
        let (address, label) = (get(Some(address_col)), get(Some(label_col)));
        if address.is_empty() || label.is_empty() {
            warnings.push(format!("line {line}"), "no address or no label; skipped");
            continue;
        }
        let category = match get(category_col) {
            "" => Category::Unknown,
            raw => raw
                .to_ascii_lowercase()
                .parse()
                .unwrap_or_else(|e: String| {
                    warnings.push(format!("line {line}"), format!("{e}; read as unknown"));
                    Category::Unknown
                }),
        };
        let source = match get(source_col) {
            "" => list_name.to_owned(),
            s => s.to_owned(),
        };
        let chain = Some(get(chain_col))
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        book.insert(
            Address::new(address),
            LabelEntry {
                label: label.to_owned(),
                category,
                chain,
                source,
            },
        );
    }
    Ok(Imported {
        format: Format::LabelList,
        value: book,
        warnings: warnings.finish(),
    })
}

/// Whether a header line is a label list's: `address` and `label` columns, no sender or
/// recipient.
pub fn is_label_list_header(line: &str) -> bool {
    let lower = line.to_ascii_lowercase().replace('"', "");
    let fields: Vec<&str> = lower.split(',').map(str::trim).collect();
    fields.contains(&"address")
        && fields.contains(&"label")
        && !fields.contains(&"from")
        && !fields.contains(&"to")
}

/// A label list as a case of labelled addresses and no transfers, each label's source kept,
/// for `Case::apply_labels`.
pub fn label_list_as_case(text: &str) -> Result<Imported<Case>, ParseError> {
    let imported = read_label_list(text, "label list")?;
    let mut graph = Graph::new();
    for (address, entry) in imported.value.into_entries() {
        graph.add_node(Node {
            address,
            chain: Chain::new(entry.chain.as_deref().unwrap_or("unknown")),
            label: Some(entry.label),
            label_source: Some(entry.source),
            category: entry.category,
            tags: vec![],
        });
    }
    let case = Case {
        title: "Label list".into(),
        graph,
        ..Case::default()
    };
    Ok(Imported {
        format: Format::LabelList,
        value: case,
        warnings: imported.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::labels::shown;

    #[test]
    fn the_bundled_book_has_a_source_for_every_entry() {
        let book = bundled();
        assert!(book.len() >= 100, "{} entries", book.len());
        let raw_rows = BUNDLED_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(book.len(), raw_rows, "every row reads, none is a duplicate");
        for (address, entry) in book.iter() {
            assert!(
                !entry.source.trim().is_empty() && entry.source != "bundled label book",
                "{address} has no source"
            );
            assert_ne!(
                entry.category,
                Category::Unknown,
                "{address} has a category"
            );
        }
        let pool = book
            .lookup(&Address::new("0xA160cdAB225685dA1d56aa342Ad8841c3b53f291"))
            .unwrap();
        assert_eq!(pool.label, "Tornado Cash 100 ETH pool");
        assert_eq!(pool.category, Category::Mixer);
    }

    #[test]
    fn a_label_list_labels_the_case_but_never_its_own_labels() {
        let mut case = crate::parse_case(
            r#"{"format":"hopscope-case","version":1,
            "nodes":[{"id":"0xaa","label":"Own"},{"id":"0xbb"}]}"#,
        )
        .unwrap()
        .value;
        let list = label_list_as_case("address,label,category,source\n0xaa,Listed,exchange,s1\n0xbb,Desk,otc,s2\n0xcc,Elsewhere,mixer,s3\n").unwrap();
        assert_eq!(list.format, Format::LabelList);
        let report = case.apply_labels(&list.value);
        assert_eq!(
            (report.applied, report.kept_own, report.not_in_case),
            (1, 1, 1)
        );
        assert_eq!(case.graph.n_nodes(), 2, "listed addresses are not added");
        let bb = case
            .graph
            .node(case.graph.node_by_text("0xbb").unwrap())
            .unwrap();
        let s = shown(bb, &LabelBook::default());
        assert_eq!(
            (s.label.as_deref(), s.category, s.book_source.as_deref()),
            (Some("Desk"), Category::Otc, Some("label list: s2"))
        );
        assert!(is_label_list_header("\"Address\",\"Label\",\"Category\""));
        assert!(!is_label_list_header("from,to,label,address"));
        // An edited label stays over a later list.
        case.edit_label(case.graph.node_by_text("0xbb").unwrap(), "  Typed by me ");
        let again = case.apply_labels(&list.value);
        assert_eq!(again.applied, 0);
        let bb = case
            .graph
            .node(case.graph.node_by_text("0xbb").unwrap())
            .unwrap();
        assert_eq!(bb.label.as_deref(), Some("Typed by me"));
        // The source survives a save and reopen.
        let back = crate::parse_case(&crate::format::write_case_v1(&case))
            .unwrap()
            .value;
        let bb = back
            .graph
            .node(back.graph.node_by_text("0xbb").unwrap())
            .unwrap();
        assert_eq!(
            bb.label_source.as_deref(),
            Some(crate::model::EDITED_LABEL_SOURCE)
        );
    }

    #[test]
    fn user_lists_report_bad_rows() {
        let imported = read_label_list(
            "Address,Label,Category\n0x1,One,pirate\n,Nobody,exchange\n0x2,Two,\n",
            "my list.csv",
        )
        .unwrap();
        assert_eq!(imported.value.len(), 2);
        assert_eq!(
            imported.value.lookup(&Address::new("0x2")).unwrap().source,
            "my list.csv"
        );
        let w: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("line 2: unknown category \"pirate\""),
            "{w:?}"
        );
        assert!(read_label_list("addr,name\n1,2\n", "x").is_err());
    }

    #[test]
    fn every_case_read_from_a_file_is_shown_with_the_bundled_book() {
        let n = bundled().len();
        let case = crate::parse_case(
            r#"{"format":"hopscope-case","version":1,"nodes":[{"id":"0xaa"},{"id":"0xbb"}],
            "transfers":[{"tx":"0x1","from":"0xaa","to":"0xbb","amount":"1","asset":"ETH"}]}"#,
        )
        .unwrap()
        .value;
        assert_eq!(case.book.len(), n);
        let gexf =
            crate::format::parse_gexf(&crate::format::write_gexf(&case), &Default::default())
                .unwrap()
                .value;
        assert_eq!(gexf.book.len(), n);
        // A case made in code is shown with no book until one is given.
        assert!(Case::default().book.is_empty());
    }
}
