//! Cross-chain swaps through THORChain. A deposit carries a memo asking for another chain's
//! asset (`=:BTC.BTC:<address>`, `SWAP:…`, `s:…`); the payout on the other chain carries
//! `OUT:<deposit hash>` (a Bitcoin OP_RETURN output). With both the pairing is exact; with
//! only the deposit's memo, the first payout of that asset to the memo's address within
//! `WINDOW_SECONDS` after the deposit is taken, with less confidence, and the evidence says so.

use std::collections::HashMap;

use super::{rate_of, Conversion, ConversionEvidence, ConversionKind};
use crate::model::memo::{out_of, parse_memo};
use crate::model::{Address, Amount, Asset, Case, TransferId, TxHash};

/// How long after a deposit a payout is looked for without an `OUT:` memo.
pub const WINDOW_SECONDS: i64 = 3 * 3600;

pub(super) fn find(case: &Case) -> Vec<Conversion> {
    let graph = &case.graph;
    let facts = &case.facts;
    let transfers = graph.transfers();
    // The transfers of each transaction that has a memo, and the payouts by the hash their
    // memo names.
    let mut by_tx: HashMap<String, Vec<usize>> = HashMap::new();
    if facts.has_memos() {
        for (k, t) in transfers.iter().enumerate() {
            if facts.memo(&t.tx).is_some() {
                by_tx.entry(t.tx.key()).or_default().push(k);
            }
        }
    }
    // Payouts by the deposit their `OUT:` memo names (one deposit may be paid out in several).
    let mut payouts: HashMap<String, Vec<String>> = HashMap::new();
    for tx in by_tx.keys() {
        if let Some(inbound) = facts.memo(&TxHash::from(tx.clone())).and_then(out_of) {
            payouts.entry(inbound).or_default().push(tx.clone());
        }
    }
    for list in payouts.values_mut() {
        list.sort();
    }
    // Transactions that are some deposit's payout: never paired to another by time.
    let named: std::collections::HashSet<String> = payouts.values().flatten().cloned().collect();
    // Deposits in time order, so that without `OUT:` memos each takes the first payout no
    // earlier deposit took.
    let mut keys: Vec<&String> = by_tx.keys().collect();
    keys.sort_by_key(|tx| {
        let first = by_tx[*tx]
            .iter()
            .filter_map(|&k| transfers[k].timestamp)
            .min();
        (first.is_none(), first, *tx)
    });
    let mut taken: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut out = Vec::new();
    for tx in keys {
        let hash = TxHash::from(tx.clone());
        let Some(memo_text) = facts.memo(&hash) else {
            continue;
        };
        let Some(memo) = parse_memo(memo_text) else {
            continue;
        };
        // The deposit: what its sender paid into the protocol in this transaction.
        let group = &by_tx[tx];
        let sender = facts
            .sender(&hash)
            .or_else(|| group.first().map(|&k| transfers[k].from));
        let Some(sender) = sender else {
            continue;
        };
        let inputs: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&k| transfers[k].from == sender)
            .collect();
        let Some(&first_in) = inputs.first() else {
            continue;
        };
        let deposit = &transfers[first_in];
        let from_asset = deposit.asset.clone();
        let inputs: Vec<usize> = inputs
            .into_iter()
            .filter(|&k| transfers[k].asset == from_asset)
            .collect();
        let from_amount = inputs
            .iter()
            .fold(Amount::ZERO, |s, &k| s.saturating_add(transfers[k].amount));
        let destination = graph.node_by_address(&Address::new(&memo.destination));
        let mut evidence = vec![ConversionEvidence::InboundMemo(memo_text.to_owned())];
        let wanted = |k: usize| {
            let t = &transfers[k];
            t.asset.as_str().eq_ignore_ascii_case(&memo.coin)
                && destination.is_none_or(|d| t.to == d)
        };
        let (outputs, confidence): (Vec<usize>, f64) = match payouts.get(tx) {
            Some(out_txs) => {
                let mut in_out: Vec<usize> = Vec::new();
                for out_tx in out_txs {
                    let out_memo = facts
                        .memo(&TxHash::from(out_tx.clone()))
                        .unwrap_or_default()
                        .to_owned();
                    evidence.push(ConversionEvidence::OutboundMemo(out_memo));
                    in_out.extend(
                        by_tx
                            .get(out_tx)
                            .map(|g| g.iter().copied().filter(|&k| wanted(k)).collect::<Vec<_>>())
                            .unwrap_or_default(),
                    );
                }
                (in_out, 0.99)
            }
            None => {
                // No payout names it: the first payout of the asset to the destination in the
                // window.
                let (Some(t0), Some(dest)) = (deposit.timestamp, destination) else {
                    continue;
                };
                let found = graph
                    .transfers_of(dest, petgraph::Direction::Incoming)
                    .into_iter()
                    .map(TransferId::index)
                    .filter(|&k| {
                        wanted(k)
                            && transfers[k].tx != deposit.tx
                            && !taken.contains(&k)
                            && !named.contains(&transfers[k].tx.key())
                    })
                    .filter_map(|k| {
                        let dt = transfers[k].timestamp?.checked_sub(t0)?;
                        (0 < dt && dt <= WINDOW_SECONDS).then_some((dt, k))
                    })
                    .min();
                let Some((seconds, k)) = found else {
                    continue;
                };
                evidence.push(ConversionEvidence::DestinationAndTime { seconds });
                (vec![k], 0.6)
            }
        };
        let Some(&first_out) = outputs.first() else {
            continue;
        };
        let to_asset: Asset = transfers[first_out].asset.clone();
        let to = transfers[first_out].to;
        let outputs: Vec<usize> = outputs
            .into_iter()
            .filter(|&k| transfers[k].to == to && transfers[k].asset == to_asset)
            .collect();
        taken.extend(outputs.iter().copied());
        let to_amount = outputs
            .iter()
            .fold(Amount::ZERO, |s, &k| s.saturating_add(transfers[k].amount));
        out.push(Conversion {
            kind: ConversionKind::CrossChain,
            tx: deposit.tx.clone(),
            address: sender,
            to,
            via: Some(deposit.to),
            inputs: inputs.iter().map(|&k| TransferId(k as u32)).collect(),
            outputs: outputs.iter().map(|&k| TransferId(k as u32)).collect(),
            refunds: Vec::new(),
            from_asset,
            from_amount,
            to_asset,
            to_amount,
            rate: rate_of(from_amount, to_amount),
            confidence,
            evidence,
            doubtful: false,
        });
    }
    out
}
