//! A generic edge list: any delimited table with a row per transfer, including query tools'
//! results (Dune, Flipside, BigQuery's public crypto datasets, Allium). Columns are recognised
//! by common names (from/source/sender, to/target/recipient, amount/value/total_eth,
//! asset/token, time/block_time/date, tx/hash/txid); when that is unsure the caller passes a
//! mapping the user chose. What a column does not say is read from the data and said in the
//! report (`units.rs`): whether amounts are base units (wei, satoshi) or decimals, and the
//! chain and asset of addresses by their form (`0x…`, `bc1…`, `T…`).

use super::builder::CaseBuilder;
use super::number::read_amount;
use super::table::{field, open_stream, parse_time, Table};
use super::units::{Context, Units};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Case, Transfer, TxHash};

const FROM: &[&str] = &[
    "from",
    "tx_from",
    "sender_address",
    "from_addr",
    "source",
    "sender",
    "from_address",
    "src",
    "input_address",
    "payer",
];
const TO: &[&str] = &[
    "to",
    "tx_to",
    "receiver_address",
    "to_addr",
    "target",
    "receiver",
    "recipient",
    "to_address",
    "dst",
    "output_address",
    "payee",
];
const AMOUNT: &[&str] = &[
    "amount",
    "value",
    "quantity",
    "weight",
    "tokenvalue",
    "amount_native",
    "total_eth",
    "amount_eth",
    "value_eth",
    "eth",
    "amount_btc",
    "btc",
    "amount_decimal",
    "value_decimal",
    // Base units, told by name (`units.rs`).
    "raw_amount",
    "amount_raw",
    "value_raw",
    "raw_value",
    "value_wei",
    "amount_wei",
    "wei",
    "satoshis",
    "sats",
    "value_sat",
];
const ASSET: &[&str] = &[
    "asset",
    "token",
    "symbol",
    "currency",
    "coin",
    "tokensymbol",
    "ticker",
    "token_symbol",
    "symbol_name",
    // A token named by its contract, when nothing names its symbol.
    "token_address",
    "contract_address",
];
const TIME: &[&str] = &[
    "timestamp",
    "time",
    "unixtimestamp",
    "block_time",
    "blocktime",
    "datetime",
    "date",
    "datetime (utc)",
    "block_timestamp",
    "evt_block_time",
    "block_time_utc",
];
const TX: &[&str] = &[
    "tx",
    "hash",
    "txid",
    "tx_hash",
    "txhash",
    "transaction",
    "transaction_hash",
    "transaction hash",
    "evt_tx_hash",
    "tx_id",
];
const CHAIN: &[&str] = &["chain", "network", "blockchain"];

/// The words an unsure edge list's error ends with; the app offers its column dialog then.
pub const ASK_FOR_MAPPING: &str = "choose them in the column dialog";

/// Which column holds what, by index into the header row.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ColumnMapping {
    pub from: usize,
    pub to: usize,
    pub amount: usize,
    pub asset: Option<usize>,
    pub time: Option<usize>,
    pub tx: Option<usize>,
    pub chain: Option<usize>,
}

/// The header names of a delimited text, for a column-mapping dialog.
pub fn headers(text: &str) -> Vec<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = super::table::reader(body);
    reader
        .headers()
        .map(|h| h.iter().map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default()
}

fn guess_in(t: &Table) -> Option<ColumnMapping> {
    Some(ColumnMapping {
        from: t.column(FROM)?,
        to: t.column(TO)?,
        amount: t.column(AMOUNT)?,
        asset: t.column(ASSET),
        time: t.column(TIME),
        tx: t.column(TX),
        chain: t.column(CHAIN),
    })
}

/// Each column recognised by its name on its own, to preselect in the column dialog:
/// (from, to, amount, asset, time, tx).
pub fn partial_guess(header_names: &[String]) -> [Option<usize>; 6] {
    let t = Table {
        headers: header_names.to_vec(),
    };
    [
        t.column(FROM),
        t.column(TO),
        t.column(AMOUNT),
        t.column(ASSET),
        t.column(TIME),
        t.column(TX),
    ]
}

pub fn parse_edge_list(
    text: &str,
    options: &ImportOptions,
    mapping: Option<&ColumnMapping>,
) -> Result<Imported<Case>, ParseError> {
    parse_edge_list_stream(text, std::io::empty(), options, mapping)
}

/// Reads a table whose text starts with `head` (its header line and first rows, ending at a
/// line end) and goes on with what `rest` reads, so a table of any size is read without its
/// text in memory. How amounts are written is told from the head's rows.
pub fn parse_edge_list_stream(
    head: &str,
    rest: impl std::io::Read,
    options: &ImportOptions,
    mapping: Option<&ColumnMapping>,
) -> Result<Imported<Case>, ParseError> {
    let mut b = CaseBuilder::default();
    let (table, rows) = open_stream(head, rest)?;
    let map = match mapping.cloned().or_else(|| guess_in(&table)) {
        Some(m) => m,
        None => {
            return Err(ParseError {
                line: 1,
                column: 1,
                message: format!(
                    "cannot tell which columns hold sender, recipient and amount (the header is: {}); {ASK_FOR_MAPPING}",
                    table.headers.join(", ")
                ),
            })
        }
    };
    let n_cols = table.headers.len();
    for i in [
        Some(map.from),
        Some(map.to),
        Some(map.amount),
        map.asset,
        map.time,
        map.tx,
        map.chain,
    ]
    .into_iter()
    .flatten()
    {
        if i >= n_cols {
            return Err(ParseError {
                line: 1,
                column: 1,
                message: format!("column {} does not exist; the header has {n_cols}", i + 1),
            });
        }
    }
    let units = Units::of(&table, map.amount, head);
    let mut context = Context::new(&table, &map, options, units);
    rows.for_each(&mut b, &options.progress, |b, line, row| {
        read_row(b, &map, &mut context, line, row);
    })?;
    context.report(&mut b);
    let (case, warnings) = b.finish("Edge list".to_owned());
    Ok(Imported {
        format: Format::EdgeListCsv,
        value: case,
        warnings,
    })
}

fn read_row(
    b: &mut CaseBuilder,
    map: &ColumnMapping,
    context: &mut Context,
    line: usize,
    row: &csv::StringRecord,
) {
    let get = |i: Option<usize>| field(row, i);
    // Only rows with a problem need their location written out.
    let location = || format!("line {line}");
    let written = match read_amount(get(Some(map.amount))) {
        Ok(w) => w,
        Err(e) => {
            b.warnings
                .push(location(), format!("amount {e}; row skipped"));
            return;
        }
    };
    let timestamp = match get(map.time) {
        "" => None,
        raw => match parse_time(raw) {
            Ok(t) => Some(t),
            Err(e) => {
                b.warnings
                    .push(location(), format!("time {e}; row skipped"));
                return;
            }
        },
    };
    let (from_raw, to_raw) = (get(Some(map.from)), get(Some(map.to)));
    let (chain, mut asset) =
        context.chain_and_asset(row, from_raw, to_raw, written.unit.as_deref());
    let amount = match context.amount(row, written.amount, &mut asset) {
        Ok(a) => a,
        Err(e) => {
            b.warnings
                .push(location(), format!("amount {e}; row skipped"));
            return;
        }
    };
    let (Some(from), Some(to)) = (b.node(from_raw, &chain), b.node(to_raw, &chain)) else {
        b.warnings
            .push(location(), "no sender or recipient; row skipped");
        return;
    };
    let asset = b.asset(&asset);
    let tx = match get(map.tx) {
        "" => format!("row:{line}"),
        // Postgres bytea, as query tools write hashes: `\x…` is `0x…`.
        t => match t.strip_prefix("\\x") {
            Some(hex) => format!("0x{}", hex.to_ascii_lowercase()),
            None => t.to_owned(),
        },
    };
    b.transfer(Transfer {
        tx: TxHash::from(tx),
        from,
        to,
        amount,
        asset,
        timestamp,
        chain: context.named_chain(row).then(|| chain.clone()),
        block: None,
        fee: None,
        index: None,
    });
}
