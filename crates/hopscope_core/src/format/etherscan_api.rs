//! Etherscan-family API responses (`module=account`, actions `txlist`, `txlistinternal`,
//! `tokentx`): `{status, message, result: [...]}` with every value a string, `value` in base
//! units (wei, or the token's `tokenDecimal`). The fee of a normal transaction is
//! `gasUsed × gasPrice`. An error response (`result` is a message) is reported as such.

use serde::Deserialize;

use super::builder::CaseBuilder;
use super::json::json_error;
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Amount, Asset, Case, Chain, Transfer, TxHash};

#[derive(Deserialize)]
struct Response {
    #[serde(default)]
    message: String,
    result: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Row {
    block_number: String,
    time_stamp: String,
    hash: String,
    from: String,
    to: String,
    value: String,
    contract_address: String,
    is_error: String,
    #[serde(rename = "txreceipt_status")]
    receipt_status: String,
    gas_used: String,
    gas_price: String,
    token_symbol: String,
    token_name: String,
    token_decimal: Option<String>,
    log_index: String,
    trace_id: Option<String>,
    nonce: Option<String>,
    /// A normal transaction's call data (hex), where a swap protocol's memo may be.
    input: String,
}

/// Recognises an API response from its start.
pub fn detect(head: &str) -> bool {
    head.starts_with('{')
        && head.contains("\"result\"")
        && head.contains("\"message\"")
        && head.contains("\"status\"")
}

/// The native coin of a chain, for the value of normal and internal transactions.
fn coin_of_chain(chain: &str) -> &'static str {
    match chain {
        "bsc" => "BNB",
        "polygon" => "POL",
        "avalanche" => "AVAX",
        "fantom" => "FTM",
        "celo" => "CELO",
        _ => "ETH",
    }
}

pub fn parse_etherscan_api(
    text: &str,
    options: &ImportOptions,
) -> Result<Imported<Case>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let response: Response = serde_json::from_str(body).map_err(|e| json_error(e, body))?;
    let rows: Vec<serde_json::Value> = match response.result {
        serde_json::Value::Array(rows) => rows,
        serde_json::Value::String(reason) => {
            return Err(ParseError {
                line: 1,
                column: 1,
                message: format!(
                    "the API answered with an error, not transactions: {} ({reason})",
                    response.message
                ),
            })
        }
        _ => {
            return Err(ParseError {
                line: 1,
                column: 1,
                message: "\"result\" is neither a list nor a message".into(),
            })
        }
    };
    let chain = Chain::new(options.chain.as_deref().unwrap_or("ethereum"));
    let coin = options
        .asset
        .clone()
        .unwrap_or_else(|| coin_of_chain(chain.as_str()).to_owned());
    let mut b = CaseBuilder::default();
    if options.chain.is_none() {
        b.warnings.push(
            "file",
            "API responses do not name their chain; taken as ethereum, so set the chain if this came from BscScan, PolygonScan or another explorer",
        );
    }
    let mut kind = "transactions";
    for (i, value) in rows.into_iter().enumerate() {
        let location = format!("result[{i}]");
        let row: Row = match serde_json::from_value(value) {
            Ok(r) => r,
            Err(e) => {
                b.warnings.push(location, format!("{e}; skipped"));
                continue;
            }
        };
        if row.token_decimal.is_some() {
            kind = "token transfers";
        } else if row.trace_id.is_some() || row.nonce.is_none() {
            kind = "internal transactions";
        }
        read_row(&mut b, row, &chain, &coin, &location);
    }
    let (case, warnings) = b.finish(format!("Etherscan API: {kind}"));
    Ok(Imported {
        format: Format::EtherscanApi,
        value: case,
        warnings,
    })
}

fn read_row(b: &mut CaseBuilder, row: Row, chain: &Chain, coin: &str, location: &str) {
    if row.is_error == "1" || row.receipt_status == "0" {
        return b.skip("failed transactions (no value moved)");
    }
    let (decimals, asset) = match &row.token_decimal {
        Some(d) => {
            let Ok(d) = d.trim().parse::<u32>() else {
                return b.warnings.push(
                    location,
                    format!("tokenDecimal \"{d}\" is not a number; skipped"),
                );
            };
            let symbol = [
                row.token_symbol.as_str(),
                row.token_name.as_str(),
                row.contract_address.as_str(),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("TOKEN");
            (
                d,
                crate::model::token_asset(chain, symbol, &row.contract_address),
            )
        }
        None => (18, coin.to_owned()),
    };
    let amount = match Amount::from_base_units(&row.value, decimals) {
        Ok(a) => a,
        Err(e) => return b.warnings.push(location, format!("value {e}; skipped")),
    };
    if row.nonce.is_some() && row.token_decimal.is_none() {
        // A normal transaction: its sender, and any memo in its call data.
        let memo = crate::model::memo::memo_in_hex(&row.input);
        b.note_tx(location, &TxHash::from(row.hash.clone()), &row.from, memo);
    }
    if amount.is_zero() && row.token_decimal.is_none() {
        return b.skip("zero-value transactions (contract calls without value)");
    }
    let Ok(timestamp) = row.time_stamp.trim().parse::<i64>() else {
        return b.warnings.push(
            location,
            format!(
                "timeStamp \"{}\" is not Unix seconds; skipped",
                row.time_stamp
            ),
        );
    };
    let to_raw = if row.to.is_empty() {
        &row.contract_address
    } else {
        &row.to
    };
    let (Some(from), Some(to)) = (b.node(&row.from, chain), b.node(to_raw, chain)) else {
        return b.warnings.push(location, "no sender or recipient; skipped");
    };
    b.transfer(Transfer {
        tx: TxHash::from(row.hash),
        from,
        to,
        amount,
        asset: Asset(asset.into()),
        timestamp: Some(timestamp),
        chain: Some(chain.clone()),
        block: row.block_number.parse().ok(),
        fee: fee(&row.gas_used, &row.gas_price)
            .filter(|_| row.token_decimal.is_none() && row.nonce.is_some())
            .map(Amount::pack),
        index: row
            .log_index
            .parse()
            .ok()
            .or_else(|| row.trace_id.as_deref().map(trace_index)),
    });
}

/// An internal transfer's position from its `traceId` (`0_1_2`, a path in the call tree), as a
/// number: the same trace gives the same number, different traces of one transaction
/// different ones (FNV-1a over the text).
fn trace_index(trace_id: &str) -> u32 {
    trace_id.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// `gasUsed × gasPrice` in ether, exactly.
fn fee(gas_used: &str, gas_price: &str) -> Option<Amount> {
    let wei = gas_used
        .trim()
        .parse::<u128>()
        .ok()?
        .checked_mul(gas_price.trim().parse::<u128>().ok()?)?;
    Amount::from_base_units(&wei.to_string(), 18)
        .ok()
        .filter(|f| !f.is_zero())
}
