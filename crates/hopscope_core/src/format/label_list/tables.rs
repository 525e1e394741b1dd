//! Label lists as tables: hopscope's own (`address,label,category[,chain][,source]`), Etherscan
//! label-cloud exports (`,Address,Name Tag,Balance,Txn Count[,Label]`), `address,nameTag`,
//! Forta's `banned_address,wallet_tag,data_source`, `address,etherscan_tag,etherscan_labels`,
//! `contract_address,contract_tag,…`: columns found by name in any order, the category from a
//! category column or the list's words (`words.rs`), a short row still read for its address
//! and name.

use super::words::category_of;
use super::Entries;
use crate::format::table::sniff_delimiter;
use crate::format::ParseError;
use crate::model::address_form::sure_chain_of;
use crate::model::{Address, Category, LabelEntry};

const ADDRESS: &[&str] = &[
    "address",
    "banned_address",
    "wallet_address",
    "contract_address",
    "wallet",
    "addr",
];
/// The name column, most specific first (an Etherscan export's `Label` column holds a slug
/// such as `binance` beside its `Name Tag`).
const LABEL: &[&str] = &[
    "name tag",
    "nametag",
    "name_tag",
    "wallet_tag",
    "etherscan_tag",
    "contract_tag",
    "label",
    "name",
    "tag",
    "entity",
];
/// Columns of words that say what the address is (`binance`, `phish-hack`, `heist`).
const WORDS: &[&str] = &["labels", "etherscan_labels", "label", "type", "tags"];
const SOURCE: &[&str] = &["source", "data_source"];
const CHAIN: &[&str] = &["chain", "network", "blockchain", "currency"];
/// Columns that make a table one of transfers, not of labels.
const TRANSFER: &[&str] = &[
    "from",
    "to",
    "sender",
    "recipient",
    "source_address",
    "txhash",
];

fn norm(h: &str) -> String {
    h.trim().trim_matches('"').to_ascii_lowercase()
}

fn find(headers: &[String], names: &[&str], skip: Option<usize>) -> Option<usize> {
    names.iter().find_map(|n| {
        headers
            .iter()
            .enumerate()
            .position(|(i, h)| Some(i) != skip && h == n)
    })
}

/// Whether a header line is a label list's: an address column and a name column, and no
/// sender or recipient.
pub fn is_label_table(header_line: &str) -> bool {
    let d = sniff_delimiter(header_line) as char;
    let headers: Vec<String> = header_line.split(d).map(norm).collect();
    let address = find(&headers, ADDRESS, None);
    address.is_some()
        && find(&headers, LABEL, address).is_some()
        && !headers.iter().any(|h| TRANSFER.contains(&h.as_str()))
}

/// Reads a label table.
pub fn read(body: &str, list_name: &str, out: &mut Entries) -> Result<(), ParseError> {
    let mut reader = crate::format::table::reader(body);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ParseError {
            line: 1,
            column: 1,
            message: format!("cannot read the header row: {e}"),
        })?
        .iter()
        .map(norm)
        .collect();
    let address_col = find(&headers, ADDRESS, None);
    let label_col = find(&headers, LABEL, address_col);
    let (Some(address_col), Some(label_col)) = (address_col, label_col) else {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "a label list needs an address column and a name column (such as \"address\" and \"label\", or \"Address\" and \"Name Tag\")".into(),
        });
    };
    let category_col = find(&headers, &["category"], None);
    let words_col = find(&headers, WORDS, Some(label_col));
    let source_col = find(&headers, SOURCE, None);
    let chain_col = find(&headers, CHAIN, None);
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let Ok(record) = record else {
            out.warn(format!("line {line}"), "unreadable row; skipped");
            continue;
        };
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).map_or("", str::trim);
        let (address, label) = (get(Some(address_col)), get(Some(label_col)));
        if address.is_empty() {
            out.warn(format!("line {line}"), "no address; skipped");
            continue;
        }
        let words = get(words_col);
        if label.is_empty() && words.is_empty() {
            out.unnamed += 1;
            continue;
        }
        let category = match get(category_col) {
            "" => category_of(&[words, label, list_name]),
            raw => raw
                .to_ascii_lowercase()
                .parse()
                .unwrap_or_else(|e: String| {
                    // Another list's taxonomy (`mixing_service`), else said and left unknown.
                    match category_of(&[raw]) {
                        Category::Unknown => {
                            out.warn(format!("line {line}"), format!("{e}; read as unknown"));
                            Category::Unknown
                        }
                        c => c,
                    }
                }),
        };
        let source = match get(source_col) {
            "" => list_name.to_owned(),
            s => s.to_owned(),
        };
        let chain = match get(chain_col) {
            "" => sure_chain_of(address).map(str::to_owned),
            c => Some(c.to_owned()),
        };
        out.add(
            Address::new(address),
            LabelEntry {
                label: if label.is_empty() { words } else { label }.to_owned(),
                category,
                chain,
                source,
            },
        );
    }
    Ok(())
}
