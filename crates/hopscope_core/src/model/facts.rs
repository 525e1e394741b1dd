//! What files say beyond the transfers themselves, kept beside the graph in sparse tables so a
//! case whose files say none of it pays nothing: the US-dollar value of a transfer at the time
//! (Etherscan's `Historical $Price` × quantity, or `USDValueDayOfTx`), and per transaction who
//! sent it and its memo (THORChain's `=:BTC.BTC:<address>` in an Ethereum call's input, its
//! `OUT:<inbound hash>` in a Bitcoin OP_RETURN output; read by `memo.rs`). Conversions
//! (`convert/`) read them.
//! Transaction hashes are kept lower-case, as `TxHash::key` gives them.

use super::{Amount, NodeId, Packed, TransferId, TxHash};

/// The longest memo kept; longer text is not a memo any protocol writes.
pub use super::memo::MAX_MEMO_LEN;

/// Facts about transfers and transactions, by transfer id and by transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Sorted by transfer id: a table of transfers usually has one for every row, read in
    /// order, so a sorted vector of packed amounts (24 bytes an entry in wasm, 32 natively)
    /// holds them at a quarter of a hash map's cost.
    usd: Vec<(TransferId, Packed)>,
    senders: ByTx<NodeId>,
    memos: ByTx<String>,
}

/// Where a walk through `Facts::transactions` has got to (`Facts::transactions_next`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TxCursor {
    senders: usize,
    memos: usize,
}

/// A value per transaction in a vector sorted by key, with the entries added since it was
/// last sorted after them: an export names a sender for every row, and a sorted vector holds
/// a million at half a hash map's cost, in an order a save can go through a piece at a time.
/// The first value given for a transaction stays.
#[derive(Clone, Debug)]
struct ByTx<V> {
    entries: Vec<(TxKey, V)>,
    /// `entries[..sorted]` is sorted by key, each key once.
    sorted: usize,
}

impl<V> Default for ByTx<V> {
    fn default() -> Self {
        ByTx {
            entries: Vec::new(),
            sorted: 0,
        }
    }
}

impl<V: PartialEq> PartialEq for ByTx<V> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl<V> ByTx<V> {
    fn get(&self, key: &TxKey) -> Option<&V> {
        let sorted = &self.entries[..self.sorted];
        if let Ok(i) = sorted.binary_search_by(|(k, _)| k.cmp(key)) {
            return Some(&sorted[i].1);
        }
        self.entries[self.sorted..]
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Adds a value unless the transaction has one (settled when the unsorted entries grow
    /// as many as the sorted ones, so adding n costs O(n log n) in all).
    fn insert(&mut self, key: TxKey, value: V) {
        self.entries.push((key, value));
        if self.entries.len() - self.sorted > self.sorted.max(1024) {
            self.settle();
        }
    }

    /// Sorts every entry in, the first value of each key kept.
    fn settle(&mut self) {
        if self.sorted < self.entries.len() {
            // Stable: of equal keys the earlier entry comes first and stays.
            self.entries.sort_by(|a, b| a.0.cmp(&b.0));
            self.entries.dedup_by(|later, first| later.0 == first.0);
            self.sorted = self.entries.len();
        }
    }

    /// Every key with its value, sorted by key.
    fn iter(&self) -> impl Iterator<Item = (&TxKey, &V)> + '_ {
        let mut tail: Vec<&(TxKey, V)> = self.entries[self.sorted..]
            .iter()
            .filter(|(k, _)| {
                self.entries[..self.sorted]
                    .binary_search_by(|(s, _)| s.cmp(k))
                    .is_err()
            })
            .collect();
        tail.sort_by(|a, b| a.0.cmp(&b.0));
        tail.dedup_by(|later, first| later.0 == first.0);
        merged(&self.entries[..self.sorted], tail)
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn shrink_to_fit(&mut self) {
        self.settle();
        self.entries.shrink_to_fit();
    }
}

/// The sorted entries and the sorted tail merged in key order.
fn merged<'a, V>(
    sorted: &'a [(TxKey, V)],
    tail: Vec<&'a (TxKey, V)>,
) -> impl Iterator<Item = (&'a TxKey, &'a V)> + 'a {
    let mut a = sorted.iter().peekable();
    let mut b = tail.into_iter().peekable();
    std::iter::from_fn(move || {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.0 < x.0 => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        }?;
        Some((&next.0, &next.1))
    })
}

/// A transaction as the tables key it: a 64-digit hex hash (every EVM and Bitcoin transaction)
/// as its 32 bytes, anything else as its text. An export names a sender for every row, so a
/// million-row file keeps a million of these: 33 bytes each rather than a 64-character string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum TxKey {
    Hash([u8; 32]),
    Text(Box<str>),
}

impl TxKey {
    /// The key of `tx` (`TxHash::key`: lower case, no `0x`).
    fn of(tx: &TxHash) -> TxKey {
        // A hash kept as bytes is its key already.
        if let Some(bytes) = tx.bytes() {
            return TxKey::Hash(*bytes);
        }
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
    /// Gives back what the tables reserved while growing, and sorts the transactions added
    /// since they were last sorted (a reader calls it once it has read: until then a lookup
    /// also scans what was added last).
    pub fn shrink_to_fit(&mut self) {
        self.usd.shrink_to_fit();
        self.senders.shrink_to_fit();
        self.memos.shrink_to_fit();
    }

    /// Whether every transaction is sorted in (`shrink_to_fit`): lookups are binary searches.
    pub fn settled(&self) -> bool {
        self.senders.sorted == self.senders.entries.len()
            && self.memos.sorted == self.memos.entries.len()
    }

    /// The US-dollar value of a transfer at its time, where its file gave one.
    pub fn usd(&self, id: TransferId) -> Option<Amount> {
        self.usd
            .binary_search_by_key(&id, |(t, _)| *t)
            .ok()
            .map(|i| self.usd[i].1.get())
    }

    /// Sets a transfer's US-dollar value (replacing one it had). Cheap in id order, as
    /// readers go.
    pub fn set_usd(&mut self, id: TransferId, usd: Amount) {
        match self.usd.last() {
            Some(&(last, _)) if last >= id => {
                match self.usd.binary_search_by_key(&id, |(t, _)| *t) {
                    Ok(i) => self.usd[i].1 = usd.pack(),
                    Err(i) => self.usd.insert(i, (id, usd.pack())),
                }
            }
            _ => self.usd.push((id, usd.pack())),
        }
    }

    /// Who sent a transaction (signed it and paid its fee), where a file said.
    pub fn sender(&self, tx: &TxHash) -> Option<NodeId> {
        self.senders.get(&TxKey::of(tx)).copied()
    }

    pub fn set_sender(&mut self, tx: &TxHash, sender: NodeId) {
        self.senders.insert(TxKey::of(tx), sender);
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
            self.memos.insert(TxKey::of(tx), memo.to_owned());
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
    pub fn usd_values(&self) -> impl ExactSizeIterator<Item = (TransferId, Amount)> + '_ {
        self.usd.iter().map(|(id, usd)| (*id, usd.get()))
    }

    /// How many senders and memos are kept (a transaction with both counts twice): a size
    /// that any change to them moves, known without a walk.
    pub fn transaction_entries(&self) -> usize {
        self.senders.entries.len() + self.memos.entries.len()
    }

    /// How many transactions have a sender or a memo (`transactions().len()`).
    pub fn n_transactions(&self) -> usize {
        // Most files give senders or memos, not both: counted without a walk.
        if self.settled() && (self.memos.is_empty() || self.senders.is_empty()) {
            return self.senders.entries.len() + self.memos.entries.len();
        }
        self.transaction_keys().count()
    }

    /// Every transaction with a sender or a memo, in key order (hashes first, by their
    /// bytes, then other identifiers by their text), with both (for saving).
    pub fn transactions(&self) -> Vec<(String, Option<NodeId>, Option<String>)> {
        self.transactions_in(0..usize::MAX)
    }

    /// The transactions at positions `range` of `transactions` (a save a piece at a time).
    pub fn transactions_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> Vec<(String, Option<NodeId>, Option<String>)> {
        self.transaction_keys()
            .skip(range.start)
            .take(range.end.saturating_sub(range.start))
            .map(|k| {
                (
                    k.text(),
                    self.senders.get(k).copied(),
                    self.memos.get(k).cloned(),
                )
            })
            .collect()
    }

    /// The next `n` transactions of `transactions` after `cursor`, moving it on: a save a
    /// piece at a time, each piece costing only its own length (the tables of a read case are
    /// sorted; unsorted ones are walked from the start, slower but the same).
    pub fn transactions_next(
        &self,
        cursor: &mut TxCursor,
        n: usize,
    ) -> Vec<(String, Option<NodeId>, Option<String>)> {
        if !self.settled() {
            let at = cursor.senders + cursor.memos;
            let out = self.transactions_in(at..at.saturating_add(n));
            cursor.senders += out.len();
            return out;
        }
        let (s, m) = (&self.senders.entries, &self.memos.entries);
        let mut out = Vec::with_capacity(n.min(s.len() + m.len()));
        while out.len() < n {
            let next = match (s.get(cursor.senders), m.get(cursor.memos)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    cursor.senders += 1;
                    cursor.memos += 1;
                    (a.0.text(), Some(a.1), Some(b.1.clone()))
                }
                (Some(a), Some(b)) if b.0 < a.0 => {
                    cursor.memos += 1;
                    (b.0.text(), None, Some(b.1.clone()))
                }
                (Some(a), _) => {
                    cursor.senders += 1;
                    (a.0.text(), Some(a.1), None)
                }
                (None, Some(b)) => {
                    cursor.memos += 1;
                    (b.0.text(), None, Some(b.1.clone()))
                }
                (None, None) => break,
            };
            out.push(next);
        }
        out
    }

    /// The keys of `transactions`, in order, each once.
    fn transaction_keys(&self) -> impl Iterator<Item = &TxKey> + '_ {
        let mut senders = self.senders.iter().map(|(k, _)| k).peekable();
        let mut memos = self.memos.iter().map(|(k, _)| k).peekable();
        std::iter::from_fn(move || match (senders.peek(), memos.peek()) {
            (Some(s), Some(m)) if s == m => {
                memos.next();
                senders.next()
            }
            (Some(s), Some(m)) if m < s => memos.next(),
            (Some(_), _) => senders.next(),
            (None, _) => memos.next(),
        })
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
        for (id, usd) in &other.usd {
            if let Some(id) = transfer(*id) {
                self.usd.push((id, usd.clone()));
            }
        }
        if self.usd.len() > had {
            // Stable: for one id, this case's own value (earlier in the list) comes first.
            self.usd.sort_by_key(|(t, _)| *t);
            self.usd.dedup_by_key(|(t, _)| *t);
        }
        for (tx, &sender) in other.senders.iter() {
            if let Some(sender) = node(sender) {
                self.senders.insert(tx.clone(), sender);
            }
        }
        for (tx, memo) in other.memos.iter() {
            self.memos.insert(tx.clone(), memo.clone());
        }
        self.senders.settle();
        self.memos.settle();
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
    fn a_table_by_transaction_keeps_the_first_value_whether_sorted_or_not() {
        let key = |i: u64| TxKey::Text(format!("t{}", i.wrapping_mul(0x9E37_79B9) % 5003).into());
        let mut table = ByTx::default();
        let mut first = std::collections::HashMap::new();
        for i in 0..20_000u64 {
            table.insert(key(i), i);
            first.entry(key(i)).or_insert(i);
            // Found with the first value at any point, settled or not.
            if i % 997 == 0 {
                for probe in [i, i / 2, 3] {
                    assert_eq!(table.get(&key(probe)), first.get(&key(probe)), "{i}");
                }
            }
        }
        assert!(
            table.sorted < table.entries.len(),
            "some entries are not sorted in yet"
        );
        let listed: Vec<(TxKey, u64)> = table.iter().map(|(k, v)| (k.clone(), *v)).collect();
        let mut expected: Vec<(TxKey, u64)> = first.into_iter().collect();
        expected.sort();
        assert_eq!(
            listed, expected,
            "each key once, in order, with its first value"
        );
        table.settle();
        assert_eq!(table.entries, expected);
    }

    #[test]
    fn transactions_are_found_and_saved_by_their_key_whatever_their_form() {
        let id = |i: usize| NodeId(petgraph::graph::NodeIndex::new(i));
        let mut facts = Facts::default();
        let hash = "0xAB".to_owned() + &"0123456789abcdef".repeat(3) + "0123456789abcd";
        let long = TxHash::from(hash.clone());
        let odd = TxHash::from("edge:7");
        facts.set_sender(&long, id(1));
        facts.set_sender(&odd, id(2));
        facts.set_memo(&odd, "=:BTC.BTC:bc1q");
        // Found again under any spelling of the same hash.
        assert_eq!(
            facts.sender(&TxHash::from(hash.to_lowercase())),
            Some(id(1))
        );
        assert_eq!(
            facts.sender(&TxHash::from(hash.trim_start_matches("0x").to_owned())),
            Some(id(1))
        );
        assert_eq!(facts.memo(&odd), Some("=:BTC.BTC:bc1q"));
        facts.set_memo(&long, "OUT:1");
        facts.set_memo(&TxHash::from("memo-only"), "OUT:2");
        // Saved as `TxHash::key` gives them, sorted; counted once each; the same walked a
        // piece at a time, sorted in or not.
        let saved = facts.transactions();
        for settle in [false, true] {
            let mut facts = facts.clone();
            if settle {
                facts.shrink_to_fit();
            }
            assert_eq!(facts.settled(), settle);
            let (mut cursor, mut walked) = (TxCursor::default(), Vec::new());
            loop {
                let piece = facts.transactions_next(&mut cursor, 2);
                if piece.is_empty() {
                    break;
                }
                walked.extend(piece);
            }
            assert_eq!(walked, saved, "settled: {settle}");
        }
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
