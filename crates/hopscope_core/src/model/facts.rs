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
    /// Sorted by transfer id: a table of transfers usually has one for every row, read in
    /// order, so a sorted vector (48 bytes an entry) holds them at half a hash map's cost.
    usd: Vec<(TransferId, Amount)>,
    senders: HashMap<TxKey, NodeId>,
    memos: HashMap<TxKey, String>,
}

/// A transaction as the tables key it: a 64-digit hex hash (every EVM and Bitcoin transaction)
/// as its 32 bytes, anything else as its text. An export names a sender for every row, so a
/// million-row file keeps a million of these: 33 bytes each rather than a 64-character string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum TxKey {
    Hash([u8; 32]),
    Text(Box<str>),
}

impl TxKey {
    /// The key of `tx` (`TxHash::key`: lower case, no `0x`).
    fn of(tx: &TxHash) -> TxKey {
        let key = tx.key();
        let hex = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        if key.len() == 64 {
            let mut bytes = [0u8; 32];
            let pairs = key.as_bytes().chunks(2);
            if pairs
                .zip(bytes.iter_mut())
                .all(|(pair, out)| match (hex(pair[0]), hex(pair[1])) {
                    (Some(hi), Some(lo)) => {
                        *out = hi << 4 | lo;
                        true
                    }
                    _ => false,
                })
            {
                return TxKey::Hash(bytes);
            }
        }
        TxKey::Text(key.into())
    }

    /// The key's text, as `TxHash::key` gives it.
    fn text(&self) -> String {
        match self {
            TxKey::Hash(bytes) => super::hex(bytes),
            TxKey::Text(t) => t.to_string(),
        }
    }
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
        self.usd
            .binary_search_by_key(&id, |(t, _)| *t)
            .ok()
            .map(|i| self.usd[i].1)
    }

    /// Sets a transfer's US-dollar value (replacing one it had). Cheap in id order, as
    /// readers go.
    pub fn set_usd(&mut self, id: TransferId, usd: Amount) {
        match self.usd.last() {
            Some(&(last, _)) if last >= id => {
                match self.usd.binary_search_by_key(&id, |(t, _)| *t) {
                    Ok(i) => self.usd[i].1 = usd,
                    Err(i) => self.usd.insert(i, (id, usd)),
                }
            }
            _ => self.usd.push((id, usd)),
        }
    }

    /// Who sent a transaction (signed it and paid its fee), where a file said.
    pub fn sender(&self, tx: &TxHash) -> Option<NodeId> {
        self.senders.get(&TxKey::of(tx)).copied()
    }

    pub fn set_sender(&mut self, tx: &TxHash, sender: NodeId) {
        self.senders.entry(TxKey::of(tx)).or_insert(sender);
    }

    /// A transaction's memo, where a file carried one.
    pub fn memo(&self, tx: &TxHash) -> Option<&str> {
        self.memos.get(&TxKey::of(tx)).map(String::as_str)
    }

    /// Keeps a memo (trimmed; empty or overlong text is not kept). The first memo of a
    /// transaction stays.
    pub fn set_memo(&mut self, tx: &TxHash, memo: &str) {
        let memo = memo.trim();
        if !memo.is_empty() && memo.len() <= MAX_MEMO_LEN {
            self.memos
                .entry(TxKey::of(tx))
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
        self.usd.iter().copied()
    }

    /// How many transactions have a sender or a memo (`transactions().len()`).
    pub fn n_transactions(&self) -> usize {
        self.senders.len()
            + self
                .memos
                .keys()
                .filter(|k| !self.senders.contains_key(k))
                .count()
    }

    /// Every transaction with a sender or a memo, sorted, with both (for saving).
    pub fn transactions(&self) -> Vec<(String, Option<NodeId>, Option<String>)> {
        let mut keys: Vec<(String, &TxKey)> = self
            .senders
            .keys()
            .chain(self.memos.keys())
            .map(|k| (k.text(), k))
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        keys.dedup_by(|a, b| a.0 == b.0);
        keys.into_iter()
            .map(|(text, k)| {
                (
                    text,
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
        // Values this case has stay; the others come in, sorted once.
        let had = self.usd.len();
        for &(id, usd) in &other.usd {
            if let Some(id) = transfer(id) {
                self.usd.push((id, usd));
            }
        }
        if self.usd.len() > had {
            // Stable: for one id, this case's own value (earlier in the list) comes first.
            self.usd.sort_by_key(|(t, _)| *t);
            self.usd.dedup_by_key(|(t, _)| *t);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollar_values_are_found_in_any_order_and_a_merge_keeps_the_values_a_case_had() {
        let a = |v: &str| Amount::parse(v).unwrap();
        let mut facts = Facts::default();
        for (id, v) in [(5, "5"), (1, "1"), (9, "9"), (3, "3"), (5, "50")] {
            facts.set_usd(TransferId(id), a(v));
        }
        let ids: Vec<u32> = facts.usd_values().map(|(t, _)| t.0).collect();
        assert_eq!(ids, [1, 3, 5, 9]);
        assert_eq!(
            facts.usd(TransferId(5)),
            Some(a("50")),
            "set again: replaced"
        );
        assert_eq!(facts.usd(TransferId(4)), None);
        let mut other = Facts::default();
        other.set_usd(TransferId(0), a("100"));
        other.set_usd(TransferId(1), a("200"));
        // Other's 0 is this case's 3 (which has a value), other's 1 is a new transfer 10.
        facts.merge(
            &other,
            |t| Some(TransferId(if t.0 == 0 { 3 } else { 10 })),
            Some,
        );
        assert_eq!(facts.usd(TransferId(3)), Some(a("3")));
        assert_eq!(facts.usd(TransferId(10)), Some(a("200")));
        assert_eq!(facts.usd_values().count(), 5);
    }

    #[test]
    fn transactions_are_found_and_saved_by_their_key_whatever_their_form() {
        let id = |i: usize| NodeId(petgraph::graph::NodeIndex::new(i));
        let mut facts = Facts::default();
        let hash = "0xAB".to_owned() + &"0123456789abcdef".repeat(3) + "0123456789abcd";
        let long = TxHash(hash.clone());
        let odd = TxHash("edge:7".to_owned());
        facts.set_sender(&long, id(1));
        facts.set_sender(&odd, id(2));
        facts.set_memo(&odd, "=:BTC.BTC:bc1q");
        // Found again under any spelling of the same hash.
        assert_eq!(facts.sender(&TxHash(hash.to_lowercase())), Some(id(1)));
        assert_eq!(
            facts.sender(&TxHash(hash.trim_start_matches("0x").to_owned())),
            Some(id(1))
        );
        assert_eq!(facts.memo(&odd), Some("=:BTC.BTC:bc1q"));
        facts.set_memo(&long, "OUT:1");
        facts.set_memo(&TxHash("memo-only".into()), "OUT:2");
        // Saved as `TxHash::key` gives them, sorted; counted once each.
        let saved = facts.transactions();
        assert_eq!(facts.n_transactions(), saved.len());
        assert_eq!(
            saved,
            vec![
                (long.key(), Some(id(1)), Some("OUT:1".to_owned())),
                (
                    "edge:7".to_owned(),
                    Some(id(2)),
                    Some("=:BTC.BTC:bc1q".to_owned())
                ),
                ("memo-only".to_owned(), None, Some("OUT:2".to_owned())),
            ]
        );
    }
}
