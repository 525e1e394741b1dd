//! Finding an address in a loaded case: by the start of its address, by a word of its label
//! (the case's own or the bundled label book's), or by a transaction hash (the addresses the
//! transaction paid). Case-insensitive; exact matches first.

use crate::model::labels::{shown, LabelBook};
use crate::model::{Case, NodeId};

/// Why an address matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matched {
    Address,
    Label(String),
    /// It received value in this transaction.
    Tx(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub node: NodeId,
    pub matched: Matched,
}

/// Queries shorter than this (after trimming) find nothing, so a keystroke does not list half
/// the case.
pub const MIN_QUERY_CHARS: usize = 3;

/// Up to `limit` addresses matching `query`: exact address, then address prefixes, then
/// transaction hashes, then labels, each in id order.
pub fn find(case: &Case, query: &str, limit: usize) -> Vec<Hit> {
    let q = query.trim().to_lowercase();
    if q.chars().count() < MIN_QUERY_CHARS {
        return Vec::new();
    }
    let graph = &case.graph;
    let book: &LabelBook = &case.book;
    let mut exact = Vec::new();
    let mut prefix = Vec::new();
    let mut labelled = Vec::new();
    for (id, node) in graph.nodes() {
        let address = node.address.as_str().to_lowercase();
        if address == q {
            exact.push(Hit {
                node: id,
                matched: Matched::Address,
            });
        } else if address.starts_with(&q) {
            prefix.push(Hit {
                node: id,
                matched: Matched::Address,
            });
        } else if let Some(label) = shown(node, book).label {
            if label.to_lowercase().contains(&q) {
                labelled.push(Hit {
                    node: id,
                    matched: Matched::Label(label),
                });
            }
        }
    }
    let mut by_tx = Vec::new();
    if q.len() >= 8 {
        let mut seen = std::collections::BTreeSet::new();
        for t in graph.transfers() {
            let tx = t.tx.as_str();
            if tx.to_lowercase().starts_with(&q) && seen.insert(t.to) {
                by_tx.push(Hit {
                    node: t.to,
                    matched: Matched::Tx(tx.to_owned()),
                });
            }
        }
    }
    exact
        .into_iter()
        .chain(prefix)
        .chain(by_tx)
        .chain(labelled)
        .take(limit)
        .collect()
}
