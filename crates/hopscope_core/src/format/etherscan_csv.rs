//! Etherscan-family "Download CSV Export" files of one address: normal transactions, internal
//! transactions and ERC-20 token transfers, in the layouts the explorers write:
//! - the older one: `Txhash`, `UnixTimestamp`, `Value_IN(ETH)` / `Value_OUT(ETH)`,
//!   `TokenValue`, `TokenSymbol`;
//! - the current one: `Transaction Hash` (`Parent Transaction Hash` for internal ones),
//!   `DateTime (UTC)`, `From_Nametag`, `To_Nametag`, `Amount` written with its coin (`300 ETH`)
//!   or, in token exports, with the token in a `Token` column (`Tether USD (USDT)`), in any
//!   column order. The name tags become the addresses' labels, sourced to the export.
//!
//! BscScan, PolygonScan, Arbiscan and others use the same layouts with their coin in the value
//! columns (`Value_IN(BNB)`, `0.5 BNB`); the chain comes from the user's option or that coin.

use super::builder::CaseBuilder;
use super::number::read_amount;
use super::table::{field, open_stream, parse_time, Table};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Amount, Case, Chain, Transfer, TxHash};

/// Where a label read from an export's `From_Nametag` / `To_Nametag` comes from.
pub const NAME_TAG_SOURCE: &str = "name tag in the explorer's export";

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
    let tx = has("txhash") || has("transaction hash") || has("txn hash");
    // The current layout: times in UTC, amounts with their coin, the explorer's name tags.
    if (has("from_nametag") || has("to_nametag")) && has("amount") && has("datetime (utc)") {
        if has("parent transaction hash") || has("parent txn hash") {
            return Some(EtherscanKind::Internal);
        }
        if !tx {
            return None;
        }
        return Some(if has("token") || has("token symbol") {
            EtherscanKind::Token
        } else {
            EtherscanKind::Normal
        });
    }
    if !tx || !has("unixtimestamp") {
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

/// The coin the current layout writes after its first amount (`0.5 BNB`): the explorer's own
/// coin, in an export of transactions.
fn first_coin(body: &str, cols: &Columns, kind: EtherscanKind) -> Option<String> {
    if kind == EtherscanKind::Token {
        return None;
    }
    let mut reader = super::table::reader(body);
    // The first rows with an amount (a contract call moves none).
    reader
        .records()
        .take(50)
        .filter_map(Result::ok)
        .find_map(|row| {
            read_amount(field(&row, cols.amount))
                .ok()
                .and_then(|w| w.unit)
        })
}

/// The symbol inside a header such as `Value_IN(BNB)`, or a token such as
/// `Tether USD (USDT)`.
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
    /// The current layout's `Amount` (`300 ETH`) and token (`Tether USD (USDT)`).
    amount: Option<usize>,
    token: Option<usize>,
    from_tag: Option<usize>,
    to_tag: Option<usize>,
    /// The US-dollar value at the time: a token export's `USDValueDayOfTx`, or the coin's
    /// price that day (`Historical $Price/Eth`) times the amount.
    usd_value: Option<usize>,
    usd_price: Option<usize>,
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
        tx: need(
            &[
                "Transaction Hash",
                "Txhash",
                "Txn Hash",
                "Parent Transaction Hash",
                "Parent Txn Hash",
            ],
            "transaction hash",
        )?,
        time: need(&["UnixTimestamp", "DateTime (UTC)", "DateTime"], "time")?,
        from: need(&["From"], "sender")?,
        to: need(to_names, "recipient")?,
        block: t.column(&["Blockno", "Block Number"]),
        contract: t.column(&["ContractAddress"]),
        value_in: t.column_starting("Value_IN("),
        value_out: t.column_starting("Value_OUT("),
        fee: t
            .column_starting("TxnFee(")
            .filter(|&i| coin_in(&t.headers[i]).is_some_and(|c| c != "USD"))
            .or_else(|| t.column(&["Txn Fee"])),
        status: t.column(&["Status"]),
        err: t.column(&["ErrCode"]),
        token_value: t.column(&["TokenValue", "Value", "Quantity"]),
        token_symbol: t.column(&["TokenSymbol"]),
        token_name: t.column(&["TokenName"]),
        amount: t.column(&["Amount"]),
        token: t.column(&["Token", "Token Symbol"]),
        from_tag: t.column(&["From_Nametag", "From Nametag"]),
        to_tag: t.column(&["To_Nametag", "To Nametag"]),
        usd_value: t.column(&["USDValueDayOfTx"]),
        usd_price: t.column_starting("Historical $Price"),
    })
}

pub fn parse_etherscan_csv(
    text: &str,
    options: &ImportOptions,
) -> Result<Imported<Case>, ParseError> {
    parse_etherscan_stream(text, std::io::empty(), options)
}

/// Reads an export whose text starts with `head` (its header line and first rows, ending at
/// a line end) and goes on with what `rest` reads, so an export of any size is read without
/// its text in memory. The coin is told from the head's rows.
pub fn parse_etherscan_stream(
    head: &str,
    rest: impl std::io::Read,
    options: &ImportOptions,
) -> Result<Imported<Case>, ParseError> {
    let body = head.strip_prefix('\u{feff}').unwrap_or(head);
    let header_line = body.lines().next().unwrap_or_default();
    let Some(kind) = detect(header_line) else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "not an Etherscan CSV export header".into(),
        });
    };
    let mut b = CaseBuilder::default();
    let (table, rows) = open_stream(body, rest)?;
    let cols = columns(&table, kind)?;
    let coin = cols
        .value_in
        .and_then(|i| coin_in(&table.headers[i]))
        .or_else(|| first_coin(body, &cols, kind))
        .unwrap_or_else(|| "ETH".to_owned());
    let chain = match (
        &options.chain,
        crate::model::coins::chain_of(&coin).map(|(c, _)| c),
    ) {
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
    })?;
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
    // Success: an empty status (older normal exports; "Error(0)" is a failure), "0" (older
    // internal ones) or "Success" (the current layout).
    let status = get(cols.status);
    let succeeded = status.is_empty() || status == "0" || status.eq_ignore_ascii_case("success");
    if !succeeded || !get(cols.err).is_empty() {
        b.skip("failed transactions (no value moved)");
        return;
    }
    let raw_amount = match (cols.amount, kind) {
        (Some(_), _) => get(cols.amount),
        (None, EtherscanKind::Token) => get(cols.token_value),
        (None, _) => {
            let (vin, vout) = (get(cols.value_in), get(cols.value_out));
            let amount_in = read_amount(vin).map_or(Amount::ZERO, |w| w.amount);
            if amount_in.is_zero() {
                vout
            } else {
                vin
            }
        }
    };
    let written = match read_amount(raw_amount) {
        Ok(w) => w,
        Err(e) => {
            return b
                .warnings
                .push(location(), format!("amount {e}; row skipped"))
        }
    };
    let amount = written.amount;
    let asset = match kind {
        EtherscanKind::Token => {
            let token = get(cols.token);
            let symbol = [
                get(cols.token_symbol),
                coin_in(token).as_deref().unwrap_or(token),
                get(cols.token_name),
                get(cols.contract),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("TOKEN")
            .to_owned();
            let name = crate::model::token_asset(chain, &symbol, get(cols.contract));
            b.asset(&name)
        }
        _ => b.asset(written.unit.as_deref().unwrap_or(coin)),
    };
    if kind == EtherscanKind::Normal {
        // A normal transaction's sender signed it: who made a swap in it.
        b.note_tx(
            &location(),
            &TxHash::from(get(Some(cols.tx)).to_owned()),
            get(Some(cols.from)),
            None,
        );
    }
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
    b.name(from, get(cols.from_tag), NAME_TAG_SOURCE);
    b.name(to, get(cols.to_tag), NAME_TAG_SOURCE);
    let tx = get(Some(cols.tx));
    if tx.is_empty() {
        return b
            .warnings
            .push(location(), "no transaction hash; row skipped");
    }
    let usd = match usd_of(get(cols.usd_value), get(cols.usd_price), amount) {
        Ok(usd) => usd,
        Err(why) => {
            b.warnings.push(location(), why);
            None
        }
    };
    let id = b.transfer(Transfer {
        tx: TxHash::from(tx.to_owned()),
        from,
        to,
        amount,
        asset,
        timestamp: Some(timestamp),
        chain: Some(chain.clone()),
        block: get(cols.block).parse().ok(),
        fee: read_amount(get(cols.fee))
            .ok()
            .map(|w| w.amount)
            .filter(|f| !f.is_zero())
            .map(Amount::pack),
        index: None,
    });
    if let Some(usd) = usd {
        b.facts.set_usd(id, usd);
    }
}

/// The US-dollar value of a row: its value column, else its price column times the amount;
/// `Ok(None)` where neither gives one ("N/A", empty); `Err` with the reason where a cell holds
/// something else than a dollar figure.
fn usd_of(value: &str, price: &str, amount: Amount) -> Result<Option<Amount>, String> {
    let dollars = |raw: &str, what: &str| -> Result<Option<Amount>, String> {
        let raw = raw.trim();
        if raw.is_empty() || raw.eq_ignore_ascii_case("n/a") || raw == "-" {
            return Ok(None);
        }
        read_amount(raw)
            .map(|w| Some(w.amount))
            .map_err(|e| format!("{what} {e}; its dollar value is left out"))
    };
    match dollars(value, "USDValueDayOfTx")? {
        Some(v) => Ok(Some(v)),
        None => Ok(dollars(price, "Historical $Price")?.and_then(|p| p.times(amount))),
    }
}
