//! What files say beyond the transfers themselves, kept beside the graph in sparse tables so a
//! case whose files say none of it pays nothing: the US-dollar value of a transfer at the time
//! (Etherscan's `Historical $Price` × quantity, or `USDValueDayOfTx`), and per transaction who
//! sent it and its memo (THORChain's `=:BTC.BTC:<address>` in an Ethereum call's input, its
//! `OUT:<inbound hash>` in a Bitcoin OP_RETURN output; read by `memo.rs`). Conversions
//! (`convert/`) read them.
//! Transaction hashes are kept lower-case, as `TxHash::key` gives them.

use std::collections::HashMap;

use super::{Amount, NodeId, TransferId, TxHash};

/// The longest memo kept; longer text is not a memo any protocol writes.
pub use super::memo::MAX_MEMO_LEN;

/// Facts about transfers and transactions, by transfer id and by transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    usd: HashMap<TransferId, Amount>,
    senders: HashMap<String, NodeId>,
    memos: HashMap<String, String>,
}

impl Facts {
    /// Gives back what the tables reserved while growing.
    pub fn shrink_to_fit(&mut self) {
        self.usd.shrink_to_fit();
        self.senders.shrink_to_fit();
        self.memos.shrink_to_fit();
    }

    /// The US-dollar value of a transfer at its time, where its file gave one.
    pub fn usd(&self, id: TransferId) -> Option<Amount> {
        self.usd.get(&id).copied()
    }

    pub fn set_usd(&mut self, id: TransferId, usd: Amount) {
        self.usd.insert(id, usd);
    }

    /// Who sent a transaction (signed it and paid its fee), where a file said.
    pub fn sender(&self, tx: &TxHash) -> Option<NodeId> {
        self.senders.get(&tx.key()).copied()
    }

    pub fn set_sender(&mut self, tx: &TxHash, sender: NodeId) {
        self.senders.entry(tx.key()).or_insert(sender);
    }

    /// A transaction's memo, where a file carried one.
    pub fn memo(&self, tx: &TxHash) -> Option<&str> {
        self.memos.get(&tx.key()).map(String::as_str)
    }

    /// Keeps a memo (trimmed; empty or overlong text is not kept). The first memo of a
    /// transaction stays.
    pub fn set_memo(&mut self, tx: &TxHash, memo: &str) {
        let memo = memo.trim();
        if !memo.is_empty() && memo.len() <= MAX_MEMO_LEN {
            self.memos
                .entry(tx.key())
                .or_insert_with(|| memo.to_owned());
        }
    }

    /// Whether any transfer has a US-dollar value.
    pub fn has_usd(&self) -> bool {
        !self.usd.is_empty()
    }

    /// Whether any transaction has a memo.
    pub fn has_memos(&self) -> bool {
        !self.memos.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.usd.is_empty() && self.senders.is_empty() && self.memos.is_empty()
    }

    /// Every US-dollar value, by transfer id (for saving).
    pub fn usd_values(&self) -> impl Iterator<Item = (TransferId, Amount)> + '_ {
        self.usd.iter().map(|(k, v)| (*k, *v))
    }

    /// Every transaction with a sender or a memo, sorted, with both (for saving).
    pub fn transactions(&self) -> Vec<(String, Option<NodeId>, Option<String>)> {
        let mut keys: Vec<&String> = self.senders.keys().chain(self.memos.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .map(|k| {
                (
                    k.clone(),
                    self.senders.get(k).copied(),
                    self.memos.get(k).cloned(),
                )
            })
            .collect()
    }

    /// Adds another case's facts, with its transfer and node ids mapped into this case's.
    pub fn merge(
        &mut self,
        other: &Facts,
        transfer: impl Fn(TransferId) -> Option<TransferId>,
        node: impl Fn(NodeId) -> Option<NodeId>,
    ) {
        for (&id, &usd) in &other.usd {
            if let Some(id) = transfer(id) {
                self.usd.entry(id).or_insert(usd);
            }
        }
        for (tx, &sender) in &other.senders {
            if let Some(sender) = node(sender) {
                self.senders.entry(tx.clone()).or_insert(sender);
            }
        }
        for (tx, memo) in &other.memos {
            self.memos.entry(tx.clone()).or_insert_with(|| memo.clone());
        }
    }
}
