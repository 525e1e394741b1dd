//! What an edge list's columns do not say, read from the data and said in the import report:
//! - whether its amounts are base units (wei, satoshi) or decimals: by the column's name
//!   (`amount_raw`, `value_wei`, `satoshis`), or for a column named `value` by its numbers
//!   (whole numbers of 13 digits and more are base units, as BigQuery and Dune write them);
//! - each row's chain and asset: a chain column (which may hold assets instead, as Breadcrumbs'
//!   `Chain` column does: `USDC`, `usdt`), the unit written with the amount, the user's option,
//!   else the addresses' form (`model::address_form`), with its doubt said.

use std::collections::{BTreeMap, BTreeSet};

use super::builder::CaseBuilder;
use super::edge_list::ColumnMapping;
use super::table::{field, Table};
use super::ImportOptions;
use crate::model::address_form::form_of;
use crate::model::coins::{chain_of, coin_decimals};
use crate::model::{Address, Amount, Chain};

/// Column names that say their amounts are base units, and the decimals they imply.
const BASE_NAMES: &[(&str, Option<u8>)] = &[
    ("raw_amount", None),
    ("amount_raw", None),
    ("value_raw", None),
    ("raw_value", None),
    ("value_wei", Some(18)),
    ("amount_wei", Some(18)),
    ("wei", Some(18)),
    ("satoshis", Some(8)),
    ("sats", Some(8)),
    ("value_sat", Some(8)),
];

/// Rows looked at to tell base units from decimals in a `value` column.
pub(crate) const SAMPLE_ROWS: usize = 2000;

/// How the amount column is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Units {
    /// Decimal amounts, as written; with a word for the report when that was a choice.
    AsWritten { note: Option<String> },
    /// Base units; `decimals` when the column's name fixes them, else a decimals column, else
    /// (not for `tokens`, whose symbols may be another chain's token) each row's coin.
    Base {
        why: String,
        decimals: Option<u8>,
        tokens: bool,
    },
}

impl Units {
    /// How the amount column of `table` (index `amount`) is written, from its name or, for a
    /// column named `value`, from its first rows.
    pub fn of(table: &Table, amount: usize, text: &str) -> Units {
        let name = table.headers.get(amount).map_or("", |h| h.trim());
        let norm = name.to_ascii_lowercase().replace([' ', '-'], "_");
        if let Some((_, decimals)) = BASE_NAMES.iter().find(|(n, _)| *n == norm) {
            return Units::Base {
                why: format!("the column is named \"{name}\""),
                decimals: *decimals,
                tokens: false,
            };
        }
        if norm != "value" {
            return Units::AsWritten { note: None };
        }
        // A token transfer table names the token's contract: its `value` is in base units,
        // whose decimals only a decimals column can give (a symbol such as `LTC` on BSC is a
        // token of 18 decimals, not Litecoin's 8).
        if let Some(i) = table.column(&["token_address", "contract_address"]) {
            return Units::Base {
                why: format!(
                    "a token transfer table's \"{name}\" (beside \"{}\") holds base units, as BigQuery, Dune and ethereum-etl write them",
                    table.headers[i].trim()
                ),
                decimals: None,
                tokens: true,
            };
        }
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = super::table::reader(body);
        let mut longest = 0;
        let mut any = false;
        for row in reader.records().take(SAMPLE_ROWS).filter_map(Result::ok) {
            let v = field(&row, Some(amount));
            if v.is_empty() {
                continue;
            }
            // Read as written (`1.5E+21`, `1,500,000`: a spreadsheet's rewriting of a whole
            // number is still a whole number); a true fraction means decimal amounts.
            let Ok(w) = super::number::read_amount(v) else {
                continue;
            };
            let (units, scale) = w.amount.units();
            // A true fraction: decimal amounts, plainly (nothing to say).
            if scale > 0 {
                return Units::AsWritten { note: None };
            }
            any = true;
            longest = longest.max(units.to_string().len());
        }
        if any && longest >= 13 {
            Units::Base {
                why: format!(
                    "the column \"{name}\" holds whole numbers of up to {longest} digits, as query tools write wei and satoshi"
                ),
                decimals: None,
                tokens: false,
            }
        } else if any {
            Units::AsWritten {
                note: Some(format!(
                    "the column \"{name}\" holds short whole numbers: read as whole coins, not base units (wei, satoshi); if they are base units, say so in the column dialog by naming the column's meaning"
                )),
            }
        } else {
            Units::AsWritten { note: None }
        }
    }
}

/// A chain read from the addresses' form: how it is written, the chain, the asset (when the
/// form named it too) and the form's doubt.
type FormChoice = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// What the rows of one edge list have told so far, for each row's chain, asset and amount and
/// for the report at the end.
pub struct Context {
    chain_option: Option<String>,
    asset_option: Option<String>,
    asset_col: Option<usize>,
    chain_col: Option<usize>,
    chain_header: String,
    decimals_col: Option<usize>,
    /// The coin the amount column's name gives (`total_eth`, `amount_btc`).
    header_unit: Option<&'static str>,
    units: Units,
    /// Rows whose chain and asset came from the addresses' form, by what was chosen.
    /// The asset is `None` where a column or the amount's unit named it.
    by_form: BTreeMap<FormChoice, usize>,
    /// A chain column's values read as assets.
    chain_as_asset: BTreeSet<String>,
    /// Rows given the chain column's coin as their asset.
    coin_of_chain: BTreeMap<String, usize>,
    unnamed: usize,
    base_rows: BTreeMap<String, usize>,
    /// Rows kept in base units, by token, for want of its decimals.
    raw_units: BTreeMap<String, usize>,
}

impl Context {
    pub fn new(
        table: &Table,
        map: &ColumnMapping,
        options: &ImportOptions,
        units: Units,
    ) -> Context {
        Context {
            chain_option: options.chain.clone(),
            asset_option: options.asset.clone(),
            asset_col: map.asset,
            chain_col: map.chain,
            chain_header: map
                .chain
                .and_then(|i| table.headers.get(i))
                .cloned()
                .unwrap_or_default(),
            decimals_col: table.column(&["decimals", "token_decimals", "tokendecimal"]),
            header_unit: table.headers.get(map.amount).and_then(|h| unit_in_name(h)),
            units,
            by_form: BTreeMap::new(),
            chain_as_asset: BTreeSet::new(),
            coin_of_chain: BTreeMap::new(),
            unnamed: 0,
            base_rows: BTreeMap::new(),
            raw_units: BTreeMap::new(),
        }
    }

    /// Whether the row's chain column names a chain (then the transfer carries it).
    pub fn named_chain(&self, row: &csv::StringRecord) -> bool {
        chain_of(field(row, self.chain_col)).is_some()
    }

    /// The row's chain and asset: its columns, the unit written with its amount, the user's
    /// options, else its addresses' form.
    pub fn chain_and_asset(
        &mut self,
        row: &csv::StringRecord,
        from: &str,
        to: &str,
        unit: Option<&str>,
    ) -> (Chain, String) {
        let chain_cell = field(row, self.chain_col);
        let mut asset = match field(row, self.asset_col) {
            "" => unit.or(self.header_unit).map(str::to_owned),
            a => Some(a.to_owned()),
        };
        let mut chain = None;
        match chain_of(chain_cell) {
            Some((c, coin)) => {
                chain = Some(c.to_owned());
                if asset.is_none() && self.asset_option.is_none() {
                    *self.coin_of_chain.entry(coin.to_owned()).or_default() += 1;
                    asset = Some(coin.to_owned());
                }
            }
            // Not a chain: an asset (Breadcrumbs' `Chain` column holds `USDC`, `usdt`).
            None if !chain_cell.is_empty() => {
                let symbol = chain_cell.to_ascii_uppercase();
                self.chain_as_asset.insert(symbol.clone());
                if asset.is_none() {
                    asset = Some(symbol);
                }
            }
            None => {}
        }
        let chain = chain.or_else(|| self.chain_option.clone());
        let asset = asset.or_else(|| self.asset_option.clone());
        if let (Some(c), Some(a)) = (&chain, &asset) {
            return (Chain::new(c), a.clone());
        }
        let (from, to) = (Address::normalized(from), Address::normalized(to));
        match form_of(&from).or_else(|| form_of(&to)) {
            Some(form) => {
                let named_asset = asset.is_none().then_some(form.asset);
                *self
                    .by_form
                    .entry((form.written, form.chain, named_asset, form.doubt))
                    .or_default() += 1;
                let chain = chain.unwrap_or_else(|| form.chain.to_owned());
                let asset = asset.unwrap_or_else(|| form.asset.to_owned());
                (Chain::new(&chain), asset)
            }
            None => {
                // A row that names its asset but not its chain keeps the chain unknown.
                if asset.is_none() {
                    self.unnamed += 1;
                }
                (
                    Chain::new(chain.as_deref().unwrap_or("unknown")),
                    asset.unwrap_or_else(|| "?".to_owned()),
                )
            }
        }
    }

    /// The row's amount: as written, or from base units with the decimals its column, its
    /// name or its asset's coin gives. A token whose decimals nothing gives keeps its base
    /// units, exactly, and its asset says so (`<token> (base units)`).
    pub fn amount(
        &mut self,
        row: &csv::StringRecord,
        written: Amount,
        asset: &mut String,
    ) -> Result<Amount, String> {
        let Units::Base {
            decimals, tokens, ..
        } = &self.units
        else {
            return Ok(written);
        };
        let from_column = match field(row, self.decimals_col) {
            "" => None,
            d => Some(d.parse::<u8>().map_err(|_| {
                format!("is in base units but its decimals \"{d}\" are not a whole number")
            })?),
        };
        let coin = (!*tokens).then(|| coin_decimals(asset)).flatten();
        let Some(decimals) = from_column.or(*decimals).or(coin) else {
            *self.raw_units.entry(asset.clone()).or_default() += 1;
            asset.push_str(" (base units)");
            return Ok(written);
        };
        *self
            .base_rows
            .entry(format!("{asset} ({decimals} decimals)"))
            .or_default() += 1;
        Amount::from_base_units(&written.to_string(), u32::from(decimals))
            .map_err(|e| e.to_string())
    }

    /// Says in the report what was read from the data rather than from a column.
    pub fn report(&self, b: &mut CaseBuilder) {
        match &self.units {
            Units::Base { why, .. } if !self.base_rows.is_empty() => {
                let of: Vec<String> = self.base_rows.keys().cloned().collect();
                b.warnings.push(
                    "amounts",
                    format!(
                        "read as base units (wei, satoshi) because {why}: {}",
                        of.join(", ")
                    ),
                );
            }
            Units::AsWritten { note: Some(note) } => b.warnings.push("amounts", note.clone()),
            _ => {}
        }
        for (token, n) in &self.raw_units {
            b.warnings.push(
                "amounts",
                format!(
                    "{} of {token} {} in base units and the file does not give its decimals: kept exactly in base units, as the asset \"{token} (base units)\"; add a decimals column to read them as tokens",
                    rows(*n),
                    if *n == 1 { "is" } else { "are" }
                ),
            );
        }
        if !self.chain_as_asset.is_empty() {
            let list: Vec<&str> = self.chain_as_asset.iter().map(String::as_str).collect();
            b.warnings.push(
                "columns",
                format!(
                    "the column \"{}\" holds assets, not chains ({}): read as each row's asset",
                    self.chain_header,
                    list.join(", ")
                ),
            );
        }
        for (coin, n) in &self.coin_of_chain {
            b.warnings.push(
                "columns",
                format!(
                    "{} {} a chain but no asset: taken as the chain's coin, {coin}",
                    rows(*n),
                    names(*n)
                ),
            );
        }
        for ((written, chain, asset, doubt), n) in &self.by_form {
            let doubt = doubt.map_or(String::new(), |d| {
                format!(" ({d}; set the chain if it is another)")
            });
            let asset = asset.map_or(String::new(), |a| format!(", asset {a}"));
            b.warnings.push(
                "addresses",
                format!(
                    "{} {} no chain: their addresses' form ({written}) reads as {chain}{asset}{doubt}",
                    rows(*n),
                    names(*n)
                ),
            );
        }
        if self.unnamed > 0 {
            b.warnings.push(
                "addresses",
                format!(
                    "{} {} no asset, and their addresses' form does not tell: asset shown as \"?\"; set the chain and asset",
                    rows(self.unnamed),
                    names(self.unnamed)
                ),
            );
        }
    }
}

/// The coin an amount column's name gives: `total_eth`, `amount_eth`, `value_eth`, `eth`,
/// `amount_btc`, `btc`, `value_wei` (ETH), `satoshis` (BTC).
fn unit_in_name(header: &str) -> Option<&'static str> {
    let h = header.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let last = h.rsplit('_').next().unwrap_or(&h);
    match last {
        "eth" | "wei" | "ether" => Some("ETH"),
        "btc" | "satoshis" | "sats" | "sat" => Some("BTC"),
        "trx" => Some("TRX"),
        _ => None,
    }
}

/// `1 row`, `3 rows`.
fn rows(n: usize) -> String {
    format!("{n} row{}", if n == 1 { "" } else { "s" })
}

/// The verb after `rows(n)`.
fn names(n: usize) -> &'static str {
    if n == 1 {
        "names"
    } else {
        "name"
    }
}
