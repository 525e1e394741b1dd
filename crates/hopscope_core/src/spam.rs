//! Likely spam tokens: the airdrops that fill an explorer export of a busy address and make its
//! picture a hairball. An asset is likely spam when its name (the symbol, before any
//! `(contract)` suffix) is
//! - Etherscan's placeholder for a token without a name, "ERC-20 TOKEN*" (and the like for
//!   other standards and explorers: "BEP-20 TOKEN*", "ERC20 TOKEN", …), or our own "TOKEN"
//!   for a token row that names no symbol, name or contract;
//! - a lure: a web address ("http", "www.", or a name ending in a common domain such as
//!   ".com", ".io", ".org", ".xyz") or the words "visit", "claim", "reward", "airdrop",
//!   "voucher", "gift";
//! - or, when another asset in the case carries value, an asset every transfer of which is
//!   zero (zero-value airdrops and address-poisoning transfers of fake tokens).
//!
//! It is a judgement, not a fact: the app groups these assets in the filter and leaves them
//! unticked when a case opens, and the investigator can tick them back.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Asset, Graph};

/// Words that only lures put in a token's symbol.
const LURES: &[&str] = &["visit", "claim", "reward", "airdrop", "voucher", "gift"];

/// Endings of web addresses seen in spam token symbols.
const DOMAINS: &[&str] = &[
    ".com", ".io", ".org", ".net", ".xyz", ".app", ".site", ".top", ".vip", ".cc", ".me", ".pro",
    ".finance", ".fi", ".club", ".online", ".gg", ".co", ".info", ".live", ".link", ".to",
];

/// Whether an asset's name alone marks it as likely spam.
pub fn is_spam_name(asset: &str) -> bool {
    let symbol = symbol_of(asset).trim().to_ascii_lowercase();
    if symbol == "token" || placeholder(&symbol) {
        return true;
    }
    if symbol.contains("http") || symbol.contains("www.") {
        return true;
    }
    if DOMAINS.iter().any(|d| {
        symbol
            .split(|c: char| c.is_whitespace() || c == '/' || c == ']' || c == ')')
            .any(|word| word.len() > d.len() && word.ends_with(d))
    }) {
        return true;
    }
    LURES.iter().any(|w| symbol.contains(w))
}

/// The assets of `graph` that are likely spam, by the rules above.
pub fn likely_spam(graph: &Graph) -> BTreeSet<Asset> {
    // Per asset: whether any of its transfers carries value.
    let mut valued: BTreeMap<&Asset, bool> = BTreeMap::new();
    for t in graph.transfers() {
        *valued.entry(&t.asset).or_default() |= !t.amount.is_zero();
    }
    let any_valued = valued.values().any(|v| *v);
    valued
        .into_iter()
        .filter(|(asset, has_value)| is_spam_name(asset.as_str()) || (any_valued && !has_value))
        .map(|(asset, _)| asset.clone())
        .collect()
}

/// The symbol of an asset name `SYMBOL (contract)` (`model::token_asset`), or the whole name.
fn symbol_of(asset: &str) -> &str {
    match asset.rsplit_once(" (") {
        Some((symbol, rest)) if rest.ends_with(')') => symbol,
        _ => asset,
    }
}

/// "erc-20 token*", "erc20 token", "bep-20 token*", "erc-20: erc-20 token*", …: with
/// everything but letters and digits dropped, up to two standards ("erc20") and then "token".
fn placeholder(symbol: &str) -> bool {
    let squeezed: String = symbol
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut rest = squeezed.as_str();
    for _ in 0..2 {
        let Some(after) = ["erc", "bep", "trc"]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
        else {
            break;
        };
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &after[digits..];
    }
    rest == "token" && squeezed != "token"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for spam in [
            "ERC-20 TOKEN*",
            "ERC-20 TOKEN* (0x1234567890abcdef1234567890abcdef12345678)",
            "ERC20 TOKEN",
            "BEP-20 TOKEN*",
            "ERC-20: ERC-20 TOKEN*",
            "TOKEN",
            "Visit eth-claim.net to claim",
            "$ uniswaplabs.com (0xabc)",
            "https://t.me/x",
            "www.bonus",
            "AirDrop",
            "ETHReward",
        ] {
            assert!(is_spam_name(spam), "{spam}");
        }
        for fine in [
            "ETH",
            "USDT",
            "USDC.e",
            "WETH.e (0xabc)",
            "stETH",
            "USDT (0xdac17f958d2ee523a2206206994597c13d831ec8)",
            "BTC",
            "TOKENS",
            "Tokemak",
            "COMP",
        ] {
            assert!(!is_spam_name(fine), "{fine}");
        }
    }
}
