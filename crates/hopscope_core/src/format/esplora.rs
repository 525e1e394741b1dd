//! Bitcoin transactions as the Esplora / Blockstream API returns them (`/tx/:txid`, or the
//! array from `/address/:addr/txs`). Each transaction becomes a node between its input and
//! output addresses (address → transaction → address), so several inputs spent together and
//! the change output stay visible. Values are satoshis, shown as BTC. An OP_RETURN output's
//! memo is kept (`Facts`).

use serde::Deserialize;

use super::builder::CaseBuilder;
use super::json::json_error;
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Amount, Asset, Case, Category, Chain, Node, NodeId, Transfer, TxHash};

#[derive(Deserialize)]
struct Tx {
    txid: String,
    #[serde(default)]
    vin: Vec<Input>,
    #[serde(default)]
    vout: Vec<Output>,
    #[serde(default)]
    status: Option<Status>,
}

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    is_coinbase: bool,
    #[serde(default)]
    prevout: Option<Output>,
}

#[derive(Deserialize)]
struct Output {
    #[serde(default)]
    scriptpubkey_address: Option<String>,
    /// The output script in hex: an OP_RETURN output's may hold a memo (THORChain's
    /// `OUT:<inbound hash>`).
    #[serde(default)]
    scriptpubkey: Option<String>,
    #[serde(default)]
    scriptpubkey_type: Option<String>,
    value: u64,
}

#[derive(Deserialize, Default)]
struct Status {
    #[serde(default)]
    block_height: Option<u64>,
    #[serde(default)]
    block_time: Option<i64>,
}

/// Recognises Esplora transaction JSON from its start.
pub fn detect(head: &str) -> bool {
    head.starts_with(['{', '[']) && head.contains("\"txid\"") && head.contains("\"vin\"")
}

pub fn parse_esplora(text: &str, options: &ImportOptions) -> Result<Imported<Case>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    let txs: Vec<Tx> = if body.starts_with('[') {
        serde_json::from_str(body).map_err(|e| json_error(e, body))?
    } else {
        vec![serde_json::from_str(body).map_err(|e| json_error(e, body))?]
    };
    let chain = Chain::new(options.chain.as_deref().unwrap_or("bitcoin"));
    let mut b = CaseBuilder::default();
    for tx in txs {
        read_tx(&mut b, tx, &chain);
    }
    let (case, warnings) = b.finish("Bitcoin transactions".to_owned());
    Ok(Imported {
        format: Format::Esplora,
        value: case,
        warnings,
    })
}

fn read_tx(b: &mut CaseBuilder, tx: Tx, chain: &Chain) {
    let status = tx.status.unwrap_or_default();
    let short: String = tx.txid.chars().take(8).collect();
    let tx_node = b.add_node(Node {
        address: crate::model::Address::new(&tx.txid),
        chain: chain.clone(),
        label: Some(format!("tx {short}…")),
        category: Category::Unknown,
        tags: vec!["transaction".into()],
        label_source: None,
    });
    let transfer = |from: NodeId, to: NodeId, value: u64, index: usize| Transfer {
        tx: TxHash::from(tx.txid.clone()),
        from,
        to,
        amount: Amount::from_base_units(&value.to_string(), 8).unwrap_or(Amount::ZERO),
        asset: Asset("BTC".into()),
        timestamp: status.block_time,
        chain: Some(chain.clone()),
        block: status.block_height,
        fee: None,
        index: u32::try_from(index).ok(),
    };
    for (i, input) in tx.vin.iter().enumerate() {
        if input.is_coinbase {
            b.skip("coinbase inputs (newly mined coins)");
            continue;
        }
        let Some(prev) = &input.prevout else {
            b.skip("inputs without prevout");
            continue;
        };
        let Some(from) = prev
            .scriptpubkey_address
            .as_deref()
            .and_then(|a| b.node(a, chain))
        else {
            b.skip("inputs without an address");
            continue;
        };
        let t = transfer(from, tx_node, prev.value, i);
        b.transfer(t);
    }
    for (n, output) in tx.vout.iter().enumerate() {
        if output.scriptpubkey_type.as_deref() == Some("op_return") {
            if let Some(memo) = output
                .scriptpubkey
                .as_deref()
                .and_then(crate::model::memo::memo_in_hex)
            {
                if let Some(why) = crate::model::memo::swap_memo_problem(&memo) {
                    b.warnings.push(
                        format!("tx {short}… output {n}"),
                        format!("{why} ({memo:?})"),
                    );
                }
                b.facts.set_memo(&TxHash::from(tx.txid.clone()), &memo);
            }
        }
        let Some(to) = output
            .scriptpubkey_address
            .as_deref()
            .and_then(|a| b.node(a, chain))
        else {
            b.skip("outputs without an address (OP_RETURN and the like)");
            continue;
        };
        let t = transfer(tx_node, to, output.value, n);
        b.transfer(t);
    }
}
