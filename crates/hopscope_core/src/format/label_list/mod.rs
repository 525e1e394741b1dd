//! Label lists in the shapes people share, recognised by content, read into a `LabelBook`
//! (each entry with its source and a hopscope category mapped from the list's own words) or
//! into a case of labelled addresses for `Case::apply_labels`:
//! - tables (`tables.rs`): hopscope's `address,label,category[,chain][,source]`, Etherscan
//!   label-cloud exports, `address,nameTag`, `banned_address,wallet_tag,data_source`;
//! - GraphSense TagPacks (`tagpack.rs`), YAML;
//! - JSON maps of address → name or `{name, labels}`, and bare address lists such as the OFAC
//!   SDN list's (`plain.rs`).
//!
//! Also the bundled book that ships in the build (`labels/bundled.csv`, built by
//! `examples/label_book.rs` from public lists, every entry with its source; `labels/README.md`).

mod plain;
mod tables;
mod tagpack;
mod words;

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use super::{Format, Imported, ParseError, WarningSink};
use crate::model::labels::{Book, LabelBook, LabelEntry};
use crate::model::{Address, Case, Chain, Graph, Node};

pub use words::category_of;

const BUNDLED_CSV: &str = include_str!("../../../labels/bundled.csv");

static BOOK: OnceLock<Arc<LabelBook>> = OnceLock::new();

/// Reads the label book that ships with hopscope, once. In the browser the page calls this at
/// its start; the import worker, which only reads files for the page, never does, so the book's
/// text (150 KB gzipped) is not linked into it. Natively it is read on first use.
pub fn load_bundled() -> &'static LabelBook {
    BOOK.get_or_init(|| {
        Arc::new(
            read_label_list(BUNDLED_CSV, "bundled label book")
                .map(|i| i.value)
                .unwrap_or_default(),
        )
    })
}

/// The bundled book (read now if it was not yet).
pub fn bundled() -> &'static LabelBook {
    load_bundled()
}

/// The bundled book as a case's `Book`: every case read from a file is shown with it. Empty in
/// a wasm program that did not `load_bundled` (the import worker: the page gives every case
/// it receives the book).
pub fn bundled_book() -> Book {
    #[cfg(not(target_arch = "wasm32"))]
    load_bundled();
    Book::new(BOOK.get().cloned().unwrap_or_default())
}

/// What a list's reader gathers: entries (the first of an address wins), warnings, and the
/// rows that named no one.
pub(crate) struct Entries {
    book: LabelBook,
    warnings: WarningSink,
    seen: BTreeSet<Address>,
    duplicates: usize,
    unnamed: usize,
}

impl Entries {
    fn add(&mut self, address: Address, entry: LabelEntry) {
        if self.seen.insert(address.clone()) {
            self.book.insert(address, entry);
        } else {
            self.duplicates += 1;
        }
    }

    fn warn(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(at.into(), message.into());
    }
}

/// The shapes of label list hopscope reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Table,
    TagPack,
    JsonMap,
    AddressList,
}

fn shape_of(text: &str) -> Option<Shape> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let first_line = body.lines().next().unwrap_or_default();
    if tagpack::is_tagpack(body) {
        Some(Shape::TagPack)
    } else if plain::is_json_map(body) {
        Some(Shape::JsonMap)
    } else if plain::is_address_list(body) {
        Some(Shape::AddressList)
    } else if tables::is_label_table(first_line) {
        Some(Shape::Table)
    } else {
        None
    }
}

/// Whether a text is a label list of any shape hopscope reads.
pub fn detect(text: &str) -> bool {
    shape_of(text).is_some()
}

/// Whether a header line is a label table's (an address and a name column, no sender or
/// recipient).
pub fn is_label_list_header(line: &str) -> bool {
    tables::is_label_table(line)
}

/// Reads a label list of any shape. Entries without a source of their own are attributed to
/// `list_name` (the file's name).
pub fn read_label_list(text: &str, list_name: &str) -> Result<Imported<LabelBook>, ParseError> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let mut out = Entries {
        book: LabelBook::default(),
        warnings: WarningSink::default(),
        seen: BTreeSet::new(),
        duplicates: 0,
        unnamed: 0,
    };
    match shape_of(body) {
        Some(Shape::TagPack) => tagpack::read(body, list_name, &mut out)?,
        Some(Shape::JsonMap) => plain::read_json_map(body, list_name, &mut out)?,
        Some(Shape::AddressList) => plain::read_address_list(body, list_name, &mut out)?,
        Some(Shape::Table) | None => tables::read(body, list_name, &mut out)?,
    }
    let (n, d) = (out.unnamed, out.duplicates);
    if n > 0 {
        let (what, verb) = if n == 1 {
            ("address", "has")
        } else {
            ("addresses", "have")
        };
        out.warn(
            "rows",
            format!("{n} {what} {verb} no name in the list; skipped"),
        );
    }
    if d > 0 {
        let (what, verb) = if d == 1 {
            ("address", "appears")
        } else {
            ("addresses", "appear")
        };
        out.warn(
            "rows",
            format!("{d} {what} {verb} more than once; the first entry of each is kept"),
        );
    }
    Ok(Imported {
        format: Format::LabelList,
        value: out.book,
        warnings: out.warnings.finish(),
    })
}

/// A label list as a case of labelled addresses and no transfers, each label's source kept,
/// for `Case::apply_labels` (or to open on its own, to search its addresses).
pub fn label_list_as_case(text: &str, list_name: &str) -> Result<Imported<Case>, ParseError> {
    let imported = read_label_list(text, list_name)?;
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
        title: format!("Label list: {list_name}"),
        graph,
        book: bundled_book(),
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
    use crate::model::Category;

    #[test]
    fn the_bundled_book_has_a_source_for_every_entry() {
        let book = bundled();
        assert!(book.len() >= 4000, "{} entries", book.len());
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
        // From the OFAC SDN list (a Bitcoin address of the list) and from GraphSense TagPacks.
        let ofac = book
            .iter()
            .filter(|(_, e)| e.source.starts_with("OFAC SDN list (0xB10C/"))
            .count();
        assert!(ofac >= 500, "{ofac} OFAC entries");
        let tagpacks = book
            .iter()
            .filter(|(_, e)| e.source.starts_with("GraphSense TagPack "))
            .count();
        assert!(tagpacks >= 3000, "{tagpacks} TagPack entries");
        let sanctioned = book
            .lookup(&Address::new("0x7F367cC41522cE07553e823bf3be79A889DEbe1B"))
            .map(|e| e.category);
        assert_eq!(sanctioned, Some(Category::Sanctioned));
    }

    #[test]
    fn a_label_list_labels_the_case_but_never_its_own_labels() {
        let mut case = crate::parse_case(
            r#"{"format":"hopscope-case","version":1,
            "nodes":[{"id":"0xaa","label":"Own"},{"id":"0xbb"}]}"#,
        )
        .unwrap()
        .value;
        let list = label_list_as_case("address,label,category,source\n0xaa,Listed,exchange,s1\n0xbb,Desk,otc,s2\n0xcc,Elsewhere,mixer,s3\n", "label list").unwrap();
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
        assert!(read_label_list("wallet_id,comment\n1,2\n", "x").is_err());
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
