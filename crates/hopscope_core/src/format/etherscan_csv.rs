//! Etherscan-family "Download CSV Export" files of one address: normal transactions, internal
//! transactions and ERC-20 token transfers, with the header rows the explorers write (old
//! `Txhash`/`DateTime` and current `Transaction Hash`/`DateTime (UTC)`). BscScan, PolygonScan,
//! Arbiscan and others use the same layout with their coin in the value columns
//! (`Value_IN(BNB)`); the chain comes from the user's option or from that coin.

use super::builder::CaseBuilder;
use super::table::{field, open_table, parse_amount, parse_time, Table};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Amount, Case, Chain, Transfer, TxHash};

/// Which of the three exports a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EtherscanKind {
    Normal,
    Internal,
    Token,
}

/// Recognises an Etherscan-family export from its header line.
pub fn detect(header_line: &str) -> Option<EtherscanKind> {
    // Quoted as the explorers write it, or unquoted after a spreadsheet saved it again.
    let h = header_line.to_ascii_lowercase().replace('"', "");
    let fields: Vec<&str> = h.split(',').map(str::trim).collect();
    let has = |name: &str| fields.contains(&name);
    if !(has("txhash") || has("transaction hash")) || !has("unixtimestamp") {
        return None;
    }
    if has("parenttxfrom") || has("txto") {
        Some(EtherscanKind::Internal)
    } else if h.contains("tokensymbol") || h.contains("tokenvalue") || h.contains("tokenname") {
        Some(EtherscanKind::Token)
    } else if h.contains("value_in(") {
        Some(EtherscanKind::Normal)
    } else {
        None
    }
}

/// The chain an explorer's coin implies, for files that do not name their chain.
fn chain_of_coin(coin: &str) -> Option<&'static str> {
    match coin.to_ascii_uppercase().as_str() {
        "ETH" => Some("ethereum"),
        "BNB" => Some("bsc"),
        "MATIC" | "POL" => Some("polygon"),
        "AVAX" => Some("avalanche"),
        "FTM" => Some("fantom"),
        "CELO" => Some("celo"),
        "GLMR" => Some("moonbeam"),
        _ => None,
    }
}

/// The symbol inside a header such as `Value_IN(BNB)`.
fn coin_in(header: &str) -> Option<String> {
    let (_, rest) = header.split_once('(')?;
    let (coin, _) = rest.split_once(')')?;
    Some(coin.trim().to_owned())
}

struct Columns {
    tx: usize,
    time: usize,
    from: usize,
    to: usize,
    block: Option<usize>,
    contract: Option<usize>,
    value_in: Option<usize>,
    value_out: Option<usize>,
    fee: Option<usize>,
    status: Option<usize>,
    err: Option<usize>,
    token_value: Option<usize>,
    token_symbol: Option<usize>,
    token_name: Option<usize>,
}

fn columns(t: &Table, kind: EtherscanKind) -> Result<Columns, ParseError> {
    let need = |names: &[&str], what: &str| {
        t.column(names).ok_or_else(|| ParseError {
            line: 1,
            column: 1,
            message: format!("the header has no {what} column ({})", names.join(" or ")),
        })
    };
    let to_names: &[&str] = if kind == EtherscanKind::Internal {
        &["TxTo", "To"]
    } else {
        &["To"]
    };
    Ok(Columns {
        tx: need(&["Transaction Hash", "Txhash"], "transaction hash")?,
        time: need(&["UnixTimestamp", "DateTime (UTC)", "DateTime"], "time")?,
        from: need(&["From"], "sender")?,
        to: need(to_names, "recipient")?,
        block: t.column(&["Blockno"]),
        contract: t.column(&["ContractAddress"]),
        value_in: t.column_starting("Value_IN("),
        value_out: t.column_starting("Value_OUT("),
        fee: t
            .column_starting("TxnFee(")
            .filter(|&i| coin_in(&t.headers[i]).is_some_and(|c| c != "USD")),
        status: t.column(&["Status"]),
        err: t.column(&["ErrCode"]),
        token_value: t.column(&["TokenValue", "Value", "Quantity"]),
        token_symbol: t.column(&["TokenSymbol"]),
        token_name: t.column(&["TokenName"]),
    })
}

pub fn parse_etherscan_csv(
    text: &str,
    options: &ImportOptions,
) -> Result<Imported<Case>, ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = body.lines().next().unwrap_or_default();
    let Some(kind) = detect(header_line) else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "not an Etherscan CSV export header".into(),
        });
    };
    let mut b = CaseBuilder::default();
    let (table, rows) = open_table(body)?;
    let cols = columns(&table, kind)?;
    let coin = cols
        .value_in
        .and_then(|i| coin_in(&table.headers[i]))
        .unwrap_or_else(|| "ETH".to_owned());
    let chain = match (&options.chain, chain_of_coin(&coin)) {
        (Some(c), _) => Chain::new(c),
        (None, Some(c)) => {
            if coin.eq_ignore_ascii_case("ETH") {
                b.warnings.push(
                    "header",
                    "chain taken as ethereum; exports from BscScan token pages, Arbiscan, Optimism and Base can look the same, so set the chain if this file is from one of them",
                );
            }
            Chain::new(c)
        }
        (None, None) => Chain::new("unknown"),
    };
    rows.for_each(&mut b, &options.progress, |b, line, row| {
        read_row(b, &cols, kind, &coin, &chain, line, row)
    });
    let title = match kind {
        EtherscanKind::Normal => "Etherscan export: transactions",
        EtherscanKind::Internal => "Etherscan export: internal transactions",
        EtherscanKind::Token => "Etherscan export: token transfers",
    };
    let (case, warnings) = b.finish(title.to_owned());
    Ok(Imported {
        format: Format::EtherscanCsv,
        value: case,
        warnings,
    })
}

fn read_row(
    b: &mut CaseBuilder,
    cols: &Columns,
    kind: EtherscanKind,
    coin: &str,
    chain: &Chain,
    line: usize,
    row: &csv::StringRecord,
) {
    let get = |i: Option<usize>| field(row, i);
    // Only rows with a problem need their location written out.
    let location = || format!("line {line}");
    let failed = match kind {
        // Normal: an empty Status is success, "Error(0)" a failure. Internal: "0" is success.
        EtherscanKind::Normal => !get(cols.status).is_empty() || !get(cols.err).is_empty(),
        EtherscanKind::Internal => {
            !matches!(get(cols.status), "" | "0") || !get(cols.err).is_empty()
        }
        EtherscanKind::Token => false,
    };
    if failed {
        b.skip("failed transactions (no value moved)");
        return;
    }
    let (raw_amount, asset) = match kind {
        EtherscanKind::Token => {
            let symbol = [
                get(cols.token_symbol),
                get(cols.token_name),
                get(cols.contract),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("TOKEN");
            let name = crate::model::token_asset(chain, symbol, get(cols.contract));
            (get(cols.token_value), b.asset(&name))
        }
        _ => {
            let (vin, vout) = (get(cols.value_in), get(cols.value_out));
            let amount_in = parse_amount(vin).unwrap_or(Amount::ZERO);
            (if amount_in.is_zero() { vout } else { vin }, b.asset(coin))
        }
    };
    let amount = match parse_amount(raw_amount) {
        Ok(a) => a,
        Err(e) => {
            return b
                .warnings
                .push(location(), format!("amount {e}; row skipped"))
        }
    };
    if amount.is_zero() && kind != EtherscanKind::Token {
        b.skip("zero-value transactions (contract calls without value)");
        return;
    }
    let timestamp = match parse_time(get(Some(cols.time))) {
        Ok(t) => t,
        Err(e) => {
            return b
                .warnings
                .push(location(), format!("time {e}; row skipped"))
        }
    };
    // A contract creation has no recipient; the value goes to the new contract.
    let to_raw = match get(Some(cols.to)) {
        "" => get(cols.contract),
        to => to,
    };
    let (Some(from), Some(to)) = (b.node(get(Some(cols.from)), chain), b.node(to_raw, chain))
    else {
        return b
            .warnings
            .push(location(), "no sender or recipient; row skipped");
    };
    let tx = get(Some(cols.tx));
    if tx.is_empty() {
        return b
            .warnings
            .push(location(), "no transaction hash; row skipped");
    }
    b.transfer(Transfer {
        tx: TxHash(tx.to_owned()),
        from,
        to,
        amount,
        asset,
        timestamp: Some(timestamp),
        chain: Some(chain.clone()),
        block: get(cols.block).parse().ok(),
        fee: parse_amount(get(cols.fee)).ok().filter(|f| !f.is_zero()),
        index: None,
    });
}
