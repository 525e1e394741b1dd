//! The report's tables as rows of plain text, made once from the findings so the HTML and the
//! CSV say the same: each hop (addresses, transaction, explorer address, time, exact amount,
//! traced share, inference) and each cash-out row (exchange, asset, exact amounts). Amounts
//! are exact decimals, never in exponent form; units are named beside them.

use super::findings::{Findings, Hop, Inferred};
use crate::figures::format_utc;
use crate::model::labels::shown;
use crate::model::{Amount, Asset, NodeId, TransferId};

/// An address for a table: its label (if any) and its full text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Party {
    pub label: String,
    pub address: String,
}

/// One row of a hop table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HopLine {
    pub number: usize,
    pub from: Party,
    pub to: Party,
    pub chain: String,
    pub tx: String,
    /// Where a reader can look the transaction up, as text (`etherscan.io/tx/0x…`); empty
    /// where the chain has no explorer we know.
    pub explorer: String,
    pub time: String,
    pub amount: String,
    pub asset: String,
    /// The stolen part of the transfer in its asset, and as a share of it.
    pub traced: String,
    pub traced_percent: String,
    pub usd: String,
    pub inferred: Option<Inferred>,
    /// For a row that stands for transfers not listed: how many.
    pub more: Option<usize>,
}

/// One row of the cash-out table: an exchange and one asset it received.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CashoutLine {
    pub exchange: Party,
    pub asset: String,
    pub received: String,
    pub holds: String,
    /// On an exchange's first row: all it received, worth in the stolen asset, and in US
    /// dollars where the files gave values (`partial` where some receipts had none).
    pub total_worth: Option<String>,
    pub total_usd: Option<(String, bool)>,
}

/// The explorer address of a transaction on `chain`, as text to type.
pub fn explorer(chain: &str, tx: &str) -> String {
    let base = match chain {
        "ethereum" => "etherscan.io/tx/",
        "bitcoin" => "mempool.space/tx/",
        "bsc" => "bscscan.com/tx/",
        "polygon" => "polygonscan.com/tx/",
        "arbitrum" => "arbiscan.io/tx/",
        "optimism" => "optimistic.etherscan.io/tx/",
        "base" => "basescan.org/tx/",
        "avalanche" => "snowtrace.io/tx/",
        "tron" => "tronscan.org/#/transaction/",
        "litecoin" => "blockchair.com/litecoin/transaction/",
        "dogecoin" => "blockchair.com/dogecoin/transaction/",
        "thorchain" => "viewblock.io/thorchain/tx/",
        _ => return String::new(),
    };
    // Only a hash-like text makes an address: anything else is left without one.
    let hash = tx.trim_start_matches("0x");
    if hash.is_empty() || !tx.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return String::new();
    }
    format!("{base}{tx}")
}

impl Findings<'_> {
    pub fn party(&self, id: NodeId) -> Party {
        match self.case.graph.node(id) {
            Some(n) => Party {
                label: shown(n, &self.case.book).label.unwrap_or_default(),
                address: n.address.as_str().to_owned(),
            },
            None => Party::default(),
        }
    }

    fn hop_line(&self, number: usize, t: TransferId, inferred: Option<Inferred>) -> HopLine {
        let graph = &self.case.graph;
        let Some(transfer) = graph.transfer(t) else {
            return HopLine::default();
        };
        let chain = graph
            .chain_of(transfer)
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default();
        let traced = self.trace.as_ref().and_then(|r| {
            r.trace
                .carried
                .get(t.index())
                .map(crate::model::Packed::get)
        });
        HopLine {
            number,
            from: self.party(transfer.from),
            to: self.party(transfer.to),
            explorer: explorer(&chain, &transfer.tx.as_str()),
            chain,
            tx: transfer.tx.as_str().to_owned(),
            time: transfer.timestamp.map(format_utc).unwrap_or_default(),
            amount: transfer.amount.to_string(),
            asset: transfer.asset.as_str().to_owned(),
            traced: traced.map(|v| v.to_string()).unwrap_or_default(),
            traced_percent: traced
                .map(|v| crate::figures::percent(v, transfer.amount))
                .unwrap_or_default(),
            usd: self
                .case
                .facts
                .usd(t)
                .map(|u| u.to_string())
                .unwrap_or_default(),
            inferred,
            more: None,
        }
    }

    /// A hop table's rows as lines.
    pub fn hop_lines(&self, rows: &[Hop]) -> Vec<HopLine> {
        rows.iter()
            .map(|row| match row {
                Hop::Transfer {
                    number,
                    transfer,
                    inferred,
                } => self.hop_line(*number, *transfer, inferred.clone()),
                Hop::More {
                    number,
                    from,
                    to,
                    count,
                } => HopLine {
                    number: *number,
                    from: self.party(*from),
                    to: self.party(*to),
                    more: Some(*count),
                    ..HopLine::default()
                },
            })
            .collect()
    }

    /// The cash-out table: each exchange that received stolen value (largest first), a row per
    /// asset it received.
    pub fn cashout_lines(&self) -> Vec<CashoutLine> {
        let Some(run) = &self.trace else {
            return Vec::new();
        };
        let t = &run.trace;
        let mut out = Vec::new();
        for &(id, worth) in &t.cashout {
            let held = |asset: &Asset| {
                t.held_assets(id)
                    .iter()
                    .find(|(a, _)| a == asset)
                    .map_or(Amount::ZERO, |(_, v)| *v)
            };
            let mut assets: Vec<(Asset, Amount)> = t.received_assets(id).to_vec();
            if assets.is_empty() {
                assets.push((run.asset.clone(), worth));
            }
            for (k, (asset, amount)) in assets.iter().enumerate() {
                out.push(CashoutLine {
                    exchange: self.party(id),
                    asset: asset.as_str().to_owned(),
                    received: amount.to_string(),
                    holds: held(asset).to_string(),
                    total_worth: (k == 0).then(|| worth.to_string()),
                    total_usd: (k == 0)
                        .then(|| t.received_usd.get(&id))
                        .flatten()
                        .filter(|(usd, _)| !usd.is_zero())
                        .map(|(usd, partial)| (usd.to_string(), *partial)),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::explorer;

    #[test]
    fn explorer_addresses_only_for_hash_like_text_on_known_chains() {
        assert_eq!(explorer("ethereum", "0xab12"), "etherscan.io/tx/0xab12");
        assert_eq!(explorer("bitcoin", "ff00"), "mempool.space/tx/ff00");
        assert_eq!(explorer("ethereum", "0xab/../x"), "");
        assert_eq!(explorer("ethereum", "<script>"), "");
        assert_eq!(explorer("nowhere", "0xab12"), "");
        assert_eq!(explorer("ethereum", ""), "");
    }
}
