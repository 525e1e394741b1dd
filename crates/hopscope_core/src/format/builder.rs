//! Builds a case from rows of transfers, as the tabular and API importers produce them:
//! addresses are created on first sight, duplicates are stored once and counted, and summary
//! warnings (skipped rows by reason) are written once at the end instead of once per row.

use std::collections::{BTreeMap, HashMap};

use super::{Warning, WarningSink};
use crate::model::{
    Address, Asset, Case, Category, Chain, Facts, Graph, Node, NodeId, Transfer, TransferId, TxHash,
};

/// Longer than any chain's address format: such a field is not an address.
const MAX_ADDRESS_LEN: usize = 256;

#[derive(Default)]
pub struct CaseBuilder {
    graph: Graph,
    pub warnings: WarningSink,
    n_duplicates: usize,
    /// Rows skipped for a reason that needs no per-row warning (e.g. failed transactions).
    skipped: BTreeMap<&'static str, usize>,
    assets: HashMap<String, Asset>,
    /// US-dollar values, senders and memos (`Facts`).
    pub facts: Facts,
    /// Transaction senders by address, named once the file is read (an address with no
    /// transfer of its own is not added for it).
    senders: Vec<(TxHash, String)>,
}

impl CaseBuilder {
    /// The node of an address, created (category unknown) on first sight; `None` for an empty
    /// address.
    pub fn node(&mut self, address: &str, chain: &Chain) -> Option<NodeId> {
        let address = address.trim();
        if address.is_empty() {
            return None;
        }
        if address.len() > MAX_ADDRESS_LEN {
            self.skip("rows with an address longer than 256 characters (not an address)");
            return None;
        }
        if let Some(id) = self.graph.node_by_text(address) {
            return Some(id);
        }
        let node = Node {
            address: Address::new(address),
            chain: chain.clone(),
            label: None,
            category: Category::Unknown,
            tags: vec![],
            label_source: None,
        };
        Some(self.graph.add_node(node).0)
    }

    /// Names an address as its file names it (`source` says where the name came from), unless
    /// it already has a name.
    pub fn name(&mut self, id: NodeId, label: &str, source: &str) {
        let label = label.trim();
        if label.is_empty() || label == "-" {
            return;
        }
        if let Some(node) = self.graph.node_mut(id).filter(|n| n.label.is_none()) {
            node.label = Some(label.to_owned());
            node.label_source = Some(source.to_owned());
        }
    }

    /// The shared `Asset` for a symbol, so a million rows of `ETH` hold one string.
    pub fn asset(&mut self, symbol: &str) -> Asset {
        if let Some(a) = self.assets.get(symbol) {
            return a.clone();
        }
        let a = Asset::new(symbol);
        self.assets.insert(symbol.to_owned(), a.clone());
        a
    }

    /// Adds a node as given (or finds the existing one with its address).
    pub fn add_node(&mut self, node: Node) -> NodeId {
        self.graph.add_node(node).0
    }

    /// Adds a transfer; one already present is counted, not stored again. Its id either way.
    pub fn transfer(&mut self, transfer: Transfer) -> TransferId {
        match self.graph.add_transfer(transfer) {
            Ok(id) => id,
            Err(id) => {
                self.n_duplicates += 1;
                id
            }
        }
    }

    /// Notes who sent a transaction and its memo (hex input or text), where a row says: kept
    /// even for a row that adds no transfer (a zero-value contract call carries a swap's memo).
    pub fn note_tx(&mut self, location: &str, tx: &TxHash, sender: &str, memo: Option<String>) {
        if tx.as_str().trim().is_empty() {
            return;
        }
        if let Some(why) = memo
            .as_deref()
            .and_then(crate::model::memo::swap_memo_problem)
        {
            self.warnings.push(location, format!("{why} ({memo:?})"));
        }
        if !sender.trim().is_empty() && sender.len() <= MAX_ADDRESS_LEN {
            self.senders.push((tx.clone(), sender.trim().to_owned()));
        }
        if let Some(memo) = memo {
            self.facts.set_memo(tx, &memo);
        }
    }

    /// Counts a row skipped for a routine reason, reported once at the end.
    pub fn skip(&mut self, reason: &'static str) {
        *self.skipped.entry(reason).or_default() += 1;
    }

    pub fn finish(mut self, title: String) -> (Case, Vec<Warning>) {
        for (tx, sender) in std::mem::take(&mut self.senders) {
            if let Some(id) = self.graph.node_by_text(&sender) {
                self.facts.set_sender(&tx, id);
            }
        }
        for (reason, n) in std::mem::take(&mut self.skipped) {
            self.warnings.push("rows", format!("{n} {reason}; skipped"));
        }
        if self.n_duplicates > 0 {
            self.warnings.push(
                "rows",
                format!(
                    "{} transfers appear more than once; each is kept once",
                    self.n_duplicates
                ),
            );
        }
        // Read whole: give back what the tables reserved while growing.
        self.graph.shrink_to_fit();
        self.facts.shrink_to_fit();
        let case = Case {
            title,
            graph: self.graph,
            book: super::label_list::bundled_book(),
            facts: self.facts,
            ..Case::default()
        };
        (case, self.warnings.finish())
    }
}
