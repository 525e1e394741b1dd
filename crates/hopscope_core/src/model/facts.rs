//! What files say beyond the transfers themselves, kept beside the graph in sparse tables so a
//! case whose files say none of it pays nothing: the US-dollar value of a transfer at the time
//! (Etherscan's `Historical $Price` × quantity, or `USDValueDayOfTx`), and per transaction who
//! sent it and its memo (THORChain's `=:BTC.BTC:<address>` in an Ethereum call's input, its
//! `OUT:<inbound hash>` in a Bitcoin OP_RETURN output). Conversions (`convert.rs`) read them.
//! Transaction hashes are kept lower-case, as `TxHash::key` gives them.

use std::collections::HashMap;

use super::{Amount, NodeId, TransferId, TxHash};

/// The longest memo kept; longer text is not a memo any protocol writes.
pub const MAX_MEMO_LEN: usize = 250;

/// Facts about transfers and transactions, by transfer id and by transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    usd: HashMap<TransferId, Amount>,
    senders: HashMap<String, NodeId>,
    memos: HashMap<String, String>,
}

impl Facts {
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

/// A memo from a transaction's input or an output script, given as hex: the longest run of
/// printable ASCII in the bytes that reads as a memo (`PROTOCOL:…`, `=:…`, `OUT:…`). An ABI call
/// such as THORChain's `depositWithExpiry(vault, asset, amount, memo, expiry)` holds its memo
/// as such a run among zero-padded words. `None` when no run looks like one.
pub fn memo_in_hex(hex: &str) -> Option<String> {
    let hex = hex.trim();
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    if hex.len() % 2 != 0 || hex.len() > 20_000 {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    // A run may start with a byte that only looks like text: an ABI string's length (`@` for
    // 64) or a script's opcodes (`j` for OP_RETURN, then its push length).
    bytes
        .split(|b| !(0x20..0x7f).contains(b))
        .filter_map(|run| std::str::from_utf8(run).ok())
        .filter_map(|run| {
            let starts = || (0..run.len().min(3)).filter_map(|skip| run.get(skip..));
            starts()
                .find(|memo| known_action(memo))
                .or_else(|| starts().find(|memo| looks_like_memo(memo)))
        })
        .max_by_key(|run| run.len())
        .map(str::to_owned)
}

/// Whether a memo starts with an action THORChain or Maya names (so `jDOUT:` in a script
/// reads as `OUT:` after its opcodes).
fn known_action(text: &str) -> bool {
    const ACTIONS: &[&str] = &[
        "SWAP", "s", "=", "OUT", "REFUND", "ADD", "a", "+", "WITHDRAW", "wd", "-", "LOAN+",
        "LOAN-", "TRADE+", "TRADE-", "DONATE", "BOND", "UNBOND", "LEAVE", "MIGRATE", "RAGNAROK",
    ];
    looks_like_memo(text)
        && text
            .split_once(':')
            .is_some_and(|(action, _)| ACTIONS.contains(&action))
}

/// Whether text reads as a swap protocol's memo: a short upper-case action, or `=`, before
/// the first colon, and more after it.
pub fn looks_like_memo(text: &str) -> bool {
    let Some((action, rest)) = text.split_once(':') else {
        return false;
    };
    let action_ok = action == "="
        || action == "s"
        || (2..=12).contains(&action.len())
            && action
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'+' || b == b'-');
    action_ok && rest.len() >= 3 && text.len() <= MAX_MEMO_LEN
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> String {
        text.bytes().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn a_memo_is_found_among_abi_words() {
        let memo = "=:BTC.BTC:bc1qexampleaddress0000000000000000000000:0/1/0";
        let input = format!(
            "0x44bc937b{}{:064x}{}{}",
            "0".repeat(64),
            memo.len(),
            hex(memo),
            "0".repeat(40)
        );
        assert_eq!(memo_in_hex(&input).as_deref(), Some(memo));
        let out = format!("6a0e{}", hex("OUT:ABCDEF0123"));
        assert_eq!(memo_in_hex(&out).as_deref(), Some("OUT:ABCDEF0123"));
        let out = format!("6a44{}", hex("OUT:ABCDEF0123"));
        assert_eq!(memo_in_hex(&out).as_deref(), Some("OUT:ABCDEF0123"));
    }

    #[test]
    fn text_without_a_memo_or_bad_hex_gives_none() {
        assert_eq!(memo_in_hex(&hex("hello world")), None);
        assert_eq!(memo_in_hex("0xzz"), None);
        assert_eq!(memo_in_hex("abc"), None);
        assert!(!looks_like_memo("http://example.com"));
        assert!(looks_like_memo("SWAP:ETH.ETH:0xabc"));
    }
}
