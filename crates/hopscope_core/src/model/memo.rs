//! Memos of swap protocols (THORChain, Maya): found in a transaction's call data or an
//! OP_RETURN script (`memo_in_hex`), and read (`parse_memo` for a swap's `=:ASSET:DEST`,
//! `out_of` for a payout's `OUT:<inbound hash>`). Actions are read in any case, as the
//! protocols do.

use super::coins::chain_of;
use super::TxHash;

/// The longest memo kept; longer text is not a memo any protocol writes.
pub const MAX_MEMO_LEN: usize = 250;

/// A memo from a transaction's input or an output script, given as hex: the longest run of
/// printable ASCII in the bytes that reads as a memo (`PROTOCOL:…`, `=:…`, `OUT:…`). An ABI call
/// such as THORChain's `depositWithExpiry(vault, asset, amount, memo, expiry)` holds its memo
/// as such a run among zero-padded words. `None` when no run looks like one.
pub fn memo_in_hex(hex: &str) -> Option<String> {
    let hex = hex.trim();
    let hex = hex.strip_prefix("0x").unwrap_or(hex);
    if hex.len() % 2 != 0 || hex.len() > 20_000 {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    // A run may start with a byte that only looks like text: an ABI string's length (`@` for
    // 64) or a script's opcodes (`j` for OP_RETURN, then its push length).
    bytes
        .split(|b| !(0x20..0x7f).contains(b))
        .filter_map(|run| std::str::from_utf8(run).ok())
        .filter_map(|run| {
            let starts = || (0..run.len().min(3)).filter_map(|skip| run.get(skip..));
            starts()
                .find(|memo| known_action(memo))
                .or_else(|| starts().find(|memo| looks_like_memo(memo)))
        })
        .max_by_key(|run| run.len())
        .map(str::to_owned)
}

/// Whether a memo starts with an action THORChain or Maya names (so `jDOUT:` in a script
/// reads as `OUT:` after its opcodes).
fn known_action(text: &str) -> bool {
    const ACTIONS: &[&str] = &[
        "SWAP", "S", "=", "OUT", "REFUND", "ADD", "A", "+", "WITHDRAW", "WD", "-", "LOAN+",
        "LOAN-", "TRADE+", "TRADE-", "DONATE", "BOND", "UNBOND", "LEAVE", "MIGRATE", "RAGNAROK",
    ];
    looks_like_memo(text)
        && text
            .split_once(':')
            .is_some_and(|(action, _)| ACTIONS.iter().any(|a| a.eq_ignore_ascii_case(action)))
}

/// Whether text reads as a swap protocol's memo: a short upper-case action, or `=`, before
/// the first colon, and more after it.
pub fn looks_like_memo(text: &str) -> bool {
    let Some((action, rest)) = text.split_once(':') else {
        return false;
    };
    let action_ok = action == "="
        || action.eq_ignore_ascii_case("s")
        || known_word(action)
        || (2..=12).contains(&action.len())
            && action
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'+' || b == b'-');
    action_ok && rest.len() >= 3 && text.len() <= MAX_MEMO_LEN
}

/// A swap memo as THORChain reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwapMemo {
    /// The asset asked for, as written (`BTC.BTC`, `ETH.USDT-0XDAC…`).
    pub asset: String,
    /// The chain and coin it names (`bitcoin`, `BTC`), where the chain is known.
    pub chain: Option<&'static str>,
    pub coin: String,
    pub destination: String,
}

/// Reads a swap memo (`SWAP:`, `s:`, `=:`; the short asset names `b`, `e`, `l`, `d`, `c`
/// for BTC, ETH, LTC, DOGE, BCH); `None` for any other memo.
pub fn parse_memo(memo: &str) -> Option<SwapMemo> {
    let mut parts = memo.trim().split(':');
    let action = parts.next()?;
    if !(action == "=" || action.eq_ignore_ascii_case("s") || action.eq_ignore_ascii_case("swap")) {
        return None;
    }
    let asset = match parts.next()?.trim() {
        "b" => "BTC.BTC",
        "e" => "ETH.ETH",
        "l" => "LTC.LTC",
        "d" => "DOGE.DOGE",
        "c" => "BCH.BCH",
        other => other,
    }
    .to_owned();
    let destination = parts.next()?.trim().to_owned();
    if destination.is_empty() || destination.len() > 128 {
        return None;
    }
    let (chain_code, symbol) = asset.split_once(['.', '~', '/'])?;
    let coin = symbol.split('-').next().unwrap_or(symbol).to_owned();
    let chain = match chain_code.to_ascii_uppercase().as_str() {
        "ETH" => Some("ethereum"),
        "BSC" => Some("bsc"),
        "AVAX" => Some("avalanche"),
        "BASE" => Some("base"),
        "GAIA" => Some("cosmos"),
        "THOR" => Some("thorchain"),
        code => chain_of(code).map(|(c, _)| c),
    };
    Some(SwapMemo {
        asset,
        chain,
        coin,
        destination,
    })
}

/// Why a memo that asks for a swap (`=:`, `s:`, `SWAP:`) cannot be read as one, if it cannot:
/// for the importers' warnings.
pub fn swap_memo_problem(memo: &str) -> Option<String> {
    let (action, _) = memo.trim().split_once(':')?;
    let swap =
        action == "=" || action.eq_ignore_ascii_case("s") || action.eq_ignore_ascii_case("swap");
    (swap && parse_memo(memo).is_none()).then(|| {
        "the memo asks for a swap but does not name an asset (CHAIN.COIN) and a destination; not used".to_owned()
    })
}

/// Whether an action word is one the protocols name, in any case (`swap`, `out`).
fn known_word(action: &str) -> bool {
    ["swap", "out", "refund", "add", "withdraw"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(action))
}

/// The inbound hash a payout's `OUT:` memo names (a `REFUND:` is not a payout of the swap).
pub fn out_of(memo: &str) -> Option<String> {
    let (action, rest) = memo.trim().split_once(':')?;
    if !action.eq_ignore_ascii_case("OUT") {
        return None;
    }
    let hash = rest.split(':').next()?.trim();
    (hash.len() >= 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| TxHash::from(hash.to_owned()).key())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> String {
        crate::model::hex(text.as_bytes())
    }

    #[test]
    fn a_memo_is_found_among_abi_words() {
        let memo = "=:BTC.BTC:bc1qexampleaddress0000000000000000000000:0/1/0";
        let input = format!(
            "0x44bc937b{}{:064x}{}{}",
            "0".repeat(64),
            memo.len(),
            hex(memo),
            "0".repeat(40)
        );
        assert_eq!(memo_in_hex(&input).as_deref(), Some(memo));
        let out = format!("6a0e{}", hex("OUT:ABCDEF0123"));
        assert_eq!(memo_in_hex(&out).as_deref(), Some("OUT:ABCDEF0123"));
        let out = format!("6a44{}", hex("OUT:ABCDEF0123"));
        assert_eq!(memo_in_hex(&out).as_deref(), Some("OUT:ABCDEF0123"));
    }

    #[test]
    fn actions_are_read_in_any_case() {
        let hex = |t: &str| t.bytes().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            memo_in_hex(&hex("swap:BTC.BTC:bc1q")).as_deref(),
            Some("swap:BTC.BTC:bc1q")
        );
        assert_eq!(parse_memo("Swap:b:bc1q").unwrap().destination, "bc1q");
        assert_eq!(parse_memo("S:b:bc1q").unwrap().chain, Some("bitcoin"));
        assert_eq!(
            out_of("out:ABCDEF0123456789").as_deref(),
            Some("abcdef0123456789")
        );
        assert_eq!(out_of("REFUND:ABCDEF0123456789"), None);
        assert_eq!(out_of("OUT:not-a-hash-at-all-zz"), None);
    }

    #[test]
    fn text_without_a_memo_or_bad_hex_gives_none() {
        assert_eq!(memo_in_hex(&hex("hello world")), None);
        assert_eq!(memo_in_hex("0xzz"), None);
        assert_eq!(memo_in_hex("abc"), None);
        assert!(!looks_like_memo("http://example.com"));
        assert!(looks_like_memo("SWAP:ETH.ETH:0xabc"));
    }
}
