//! Label lists with no table around them: a JSON map of address → name or → `{name, labels}`
//! (Etherscan label scrapes), and bare lists of addresses, one per line or as a JSON array, as
//! the OFAC SDN list's digital-currency addresses are published. A bare list names no one: its
//! addresses are labelled by the list (its file name says what it is: `sanctioned_addresses_ETH`).

use super::words::category_of;
use super::Entries;
use crate::format::ParseError;
use crate::model::address_form::{form_of, sure_chain_of};
use crate::model::{Address, LabelEntry};

/// Whether a text is a JSON object whose first key is an address.
pub fn is_json_map(body: &str) -> bool {
    let Some(rest) = body.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix('"') else {
        return false;
    };
    rest.split_once('"')
        .is_some_and(|(key, _)| form_of(&Address::normalized(key)).is_some())
}

/// Whether a text is a JSON array whose first item is an address, or lines of addresses.
pub fn is_address_list(body: &str) -> bool {
    if let Some(rest) = body.strip_prefix('[') {
        let rest = rest.trim_start();
        return rest
            .strip_prefix('"')
            .and_then(|r| r.split_once('"'))
            .is_some_and(|(item, _)| form_of(item).is_some());
    }
    // Lines of addresses: most of the first twenty in a form hopscope knows (a published list
    // may hold the odd other thing), no line with a delimiter.
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(20)
        .collect();
    let known = lines.iter().filter(|l| form_of(l).is_some()).count();
    !lines.is_empty()
        && form_of(lines[0]).is_some()
        && known * 3 >= lines.len() * 2
        && lines
            .iter()
            .all(|l| !l.contains([',', ';', '\t', '|', ' ', '{', '"']))
}

/// Reads a JSON map of address → name (or → `{name, labels}`).
pub fn read_json_map(body: &str, list_name: &str, out: &mut Entries) -> Result<(), ParseError> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(body).map_err(|e| crate::format::json::json_error(e, body))?;
    for (address, value) in map {
        let (name, labels) = match &value {
            serde_json::Value::String(s) => (s.trim().to_owned(), Vec::new()),
            serde_json::Value::Object(o) => (
                o.get("name")
                    .and_then(|n| n.as_str())
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                o.get("labels")
                    .and_then(|l| l.as_array())
                    .map(|l| {
                        l.iter()
                            .filter_map(|v| v.as_str())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            _ => {
                out.warn(
                    address.clone(),
                    "neither a name nor {name, labels}; skipped",
                );
                continue;
            }
        };
        let words = labels.join(", ");
        let label = if name.is_empty() { words.clone() } else { name };
        if label.is_empty() {
            out.unnamed += 1;
            continue;
        }
        let category = category_of(&[&words, &label, list_name]);
        let chain = sure_chain_of(&address).map(str::to_owned);
        out.add(
            Address::new(&address),
            LabelEntry {
                label,
                category,
                chain,
                source: list_name.to_owned(),
            },
        );
    }
    Ok(())
}

/// Reads a bare list of addresses (JSON array or one per line).
pub fn read_address_list(body: &str, list_name: &str, out: &mut Entries) -> Result<(), ParseError> {
    let items: Vec<(String, String)> = if body.starts_with('[') {
        let list: Vec<String> =
            serde_json::from_str(body).map_err(|e| crate::format::json::json_error(e, body))?;
        list.into_iter()
            .enumerate()
            .map(|(i, a)| (format!("[{i}]"), a))
            .collect()
    } else {
        body.lines()
            .enumerate()
            .map(|(i, l)| (format!("line {}", i + 1), l.trim().to_owned()))
            .filter(|(_, l)| !l.is_empty())
            .collect()
    };
    let category = category_of(&[list_name]);
    let label = format!("Listed in {list_name}");
    for (at, address) in items {
        let Some(form) = form_of(&address) else {
            out.warn(
                at,
                format!("\"{address}\" is not an address hopscope recognises; skipped"),
            );
            continue;
        };
        out.add(
            Address::new(&address),
            LabelEntry {
                label: label.clone(),
                category,
                chain: form.doubt.is_none().then(|| form.chain.to_owned()),
                source: list_name.to_owned(),
            },
        );
    }
    Ok(())
}
