//! The label book: known addresses with a name, a category and the public source that says so,
//! and `shown`, the label and category a node is displayed with (the case's own label wins; the
//! book fills gaps). Labels are applied when a node is shown, not stored in the graph: a case
//! carries the book it is shown with (`Book`, never saved). Reading label lists, and the bundled
//! book that ships in the build and that every case read from a file is given, are
//! `format::label_list`'s; nothing else in the core reaches for a global book.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Address, Category, Node};

/// One known address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelEntry {
    pub label: String,
    pub category: Category,
    pub chain: Option<String>,
    /// Who says so: a document, list or URL.
    pub source: String,
}

/// Known addresses, by address.
#[derive(Clone, Debug, Default)]
pub struct LabelBook {
    entries: HashMap<Address, LabelEntry>,
}

/// The label book a case is shown with, shared (cloning a case does not copy it). A case made
/// in code has an empty one; one read from a file has the bundled book.
#[derive(Clone, Default)]
pub struct Book(Arc<LabelBook>);

impl Book {
    pub fn new(book: Arc<LabelBook>) -> Book {
        Book(book)
    }
}

impl std::ops::Deref for Book {
    type Target = LabelBook;
    fn deref(&self) -> &LabelBook {
        &self.0
    }
}

impl std::fmt::Debug for Book {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Book({} entries)", self.0.len())
    }
}

impl LabelBook {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn lookup(&self, address: &Address) -> Option<&LabelEntry> {
        self.entries.get(address)
    }

    /// Adds or replaces the entry of `address`.
    pub fn insert(&mut self, address: Address, entry: LabelEntry) {
        self.entries.insert(address, entry);
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&Address, &LabelEntry)> {
        self.entries.iter()
    }

    pub fn into_entries(self) -> impl Iterator<Item = (Address, LabelEntry)> {
        self.entries.into_iter()
    }
}

/// How a node is shown: its own label and category, or the label book's when it has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownLabel {
    pub label: Option<String>,
    pub category: Category,
    /// Where the label comes from when not from the case's own files: a label list's source
    /// or the bundled book's.
    pub book_source: Option<String>,
}

/// The label and category a node is shown with. The case's own label wins; the book fills a
/// missing label, and a category the case left unknown.
pub fn shown(node: &Node, book: &LabelBook) -> ShownLabel {
    let entry = book.lookup(&node.address);
    match (&node.label, entry) {
        (None, Some(e)) => ShownLabel {
            label: Some(e.label.clone()),
            category: if node.category == Category::Unknown {
                e.category
            } else {
                node.category
            },
            book_source: Some(format!("bundled label book: {}", e.source)),
        },
        _ => ShownLabel {
            label: node.label.clone(),
            category: node.category,
            book_source: node.label_source.as_ref().map(|s| match s.as_str() {
                super::EDITED_LABEL_SOURCE => s.clone(),
                list => format!("label list: {list}"),
            }),
        },
    }
}

/// An address as every panel, picture and report names it: its shown label (the case's own,
/// else the book's), else its short form. One way everywhere, so one exchange never reads
/// "Binance 14" in one place and `0x28c6…1d60` in another.
pub fn name(node: &Node, book: &LabelBook) -> String {
    shown(node, book)
        .label
        .unwrap_or_else(|| short_address(node.address.as_str()))
}

/// `0x1234…abcd`: the first 6 and last 4 characters of a long address (14 or fewer are kept).
pub fn short_address(address: &str) -> String {
    let chars: Vec<char> = address.chars().collect();
    if chars.len() <= 14 {
        return address.to_owned();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chain;

    fn node(address: &str, label: Option<&str>, category: Category) -> Node {
        Node {
            address: Address::new(address),
            chain: Chain::new("ethereum"),
            label: label.map(str::to_owned),
            category,
            tags: vec![],
            label_source: None,
        }
    }

    #[test]
    fn the_case_label_wins_and_the_book_fills_gaps() {
        let book = crate::format::label_list::read_label_list(
            "address,label,category,source\n0xaa,Known,exchange,list X\n",
            "mine",
        )
        .unwrap()
        .value;
        let own = shown(&node("0xaa", Some("Mine"), Category::Hacker), &book);
        assert_eq!(
            (own.label.as_deref(), own.category, own.book_source),
            (Some("Mine"), Category::Hacker, None)
        );
        let filled = shown(&node("0xaa", None, Category::Unknown), &book);
        assert_eq!(
            (
                filled.label.as_deref(),
                filled.category,
                filled.book_source.as_deref()
            ),
            (
                Some("Known"),
                Category::Exchange,
                Some("bundled label book: list X")
            )
        );
        let kept_category = shown(&node("0xaa", None, Category::Victim), &book);
        assert_eq!(kept_category.category, Category::Victim);
    }

    #[test]
    fn an_address_is_named_by_its_label_else_its_short_form() {
        let book = crate::format::label_list::read_label_list(
            "address,label,category\n0xbookbookbookbookbook,Binance 14,exchange\n",
            "l",
        )
        .unwrap()
        .value;
        let listed = node("0xbookbookbookbookbook", None, Category::Unknown);
        assert_eq!(name(&listed, &book), "Binance 14");
        let own = node("0xbookbookbookbookbook", Some("Mine"), Category::Unknown);
        assert_eq!(name(&own, &book), "Mine");
        let bare = node(
            "0xdcedd75bb72d87fe17e18b9b364b3377f20d2a34",
            None,
            Category::Unknown,
        );
        assert_eq!(name(&bare, &book), "0xdced…2a34");
        assert_eq!(short_address("bc1q"), "bc1q");
    }
}
