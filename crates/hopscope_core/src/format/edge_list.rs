//! A generic edge list: any delimited table with a row per transfer. Columns are recognised
//! by common names (from/source/sender, to/target/recipient, amount/value, asset/token,
//! time/timestamp/date, tx/hash/txid); when that is unsure the caller passes a mapping the
//! user chose.

use super::builder::CaseBuilder;
use super::table::{field, open_table, parse_amount, parse_time, sniff_delimiter, Table};
use super::{Format, ImportOptions, Imported, ParseError};
use crate::model::{Case, Chain, Transfer, TxHash};

const FROM: &[&str] = &[
    "from",
    "source",
    "sender",
    "from_address",
    "src",
    "input_address",
    "payer",
];
const TO: &[&str] = &[
    "to",
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
];
const ASSET: &[&str] = &[
    "asset",
    "token",
    "symbol",
    "currency",
    "coin",
    "tokensymbol",
    "ticker",
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
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(body))
        .from_reader(body.as_bytes());
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
    let mut b = CaseBuilder::default();
    let (table, rows) = open_table(text)?;
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
    let default_chain = Chain::new(options.chain.as_deref().unwrap_or("unknown"));
    let default_asset = options.asset.clone().unwrap_or_else(|| "?".to_owned());
    rows.for_each(&mut b, &options.progress, |b, line, row| {
        read_row(b, &map, &default_chain, &default_asset, line, row);
    });
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
    default_chain: &Chain,
    default_asset: &str,
    line: usize,
    row: &csv::StringRecord,
) {
    let get = |i: Option<usize>| field(row, i);
    // Only rows with a problem need their location written out.
    let location = || format!("line {line}");
    let amount = match parse_amount(get(Some(map.amount))) {
        Ok(a) => a,
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
    let chain = match get(map.chain) {
        "" => default_chain.clone(),
        c => Chain::new(c),
    };
    let (Some(from), Some(to)) = (
        b.node(get(Some(map.from)), &chain),
        b.node(get(Some(map.to)), &chain),
    ) else {
        b.warnings
            .push(location(), "no sender or recipient; row skipped");
        return;
    };
    let asset = match get(map.asset) {
        "" => b.asset(default_asset),
        a => b.asset(a),
    };
    let tx = match get(map.tx) {
        "" => format!("row:{line}"),
        t => t.to_owned(),
    };
    b.transfer(Transfer {
        tx: TxHash(tx),
        from,
        to,
        amount,
        asset,
        timestamp,
        chain: (!get(map.chain).is_empty()).then(|| chain.clone()),
        block: None,
        fee: None,
        index: None,
    });
}
