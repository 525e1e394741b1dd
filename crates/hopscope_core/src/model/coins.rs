//! Chains and their coins, one table for every reader: the chain a coin or a chain's name in a
//! file points to (`BNB`, `bsc`, `Binance Smart Chain` → bsc), a chain's coin, and the coin's
//! decimals (for amounts in its base units: wei, satoshi, sun).

/// Chain, its coin, the coin's decimals, other names files give the chain.
const CHAINS: &[(&str, &str, u8, &[&str])] = &[
    ("ethereum", "ETH", 18, &["eth"]),
    ("bitcoin", "BTC", 8, &["btc", "xbt"]),
    ("tron", "TRX", 6, &["trx"]),
    ("bsc", "BNB", 18, &["bnb", "binance smart chain"]),
    ("polygon", "POL", 18, &["matic"]),
    ("arbitrum", "ETH", 18, &[]),
    ("optimism", "ETH", 18, &[]),
    ("base", "ETH", 18, &[]),
    ("avalanche", "AVAX", 18, &["avax"]),
    ("fantom", "FTM", 18, &["ftm"]),
    ("celo", "CELO", 18, &[]),
    ("moonbeam", "GLMR", 18, &["glmr"]),
    ("gnosis", "XDAI", 18, &["xdai"]),
    ("solana", "SOL", 9, &["sol"]),
    ("litecoin", "LTC", 8, &["ltc"]),
    ("dogecoin", "DOGE", 8, &["doge"]),
    ("bitcoin-cash", "BCH", 8, &["bch"]),
    ("zcash", "ZEC", 8, &["zec"]),
    ("monero", "XMR", 12, &["xmr"]),
];

/// The chain a name points to — a chain's name, another name for it, or its coin (the first
/// chain of that coin: `ETH` is ethereum) — with the chain's coin.
pub fn chain_of(name: &str) -> Option<(&'static str, &'static str)> {
    let n = name.trim().to_ascii_lowercase();
    CHAINS
        .iter()
        .find(|(chain, coin, _, aliases)| {
            *chain == n || aliases.contains(&n.as_str()) || coin.eq_ignore_ascii_case(&n)
        })
        .map(|(chain, coin, _, _)| (*chain, *coin))
}

/// The decimals of a chain's coin (by its symbol or another name for it).
pub fn coin_decimals(symbol: &str) -> Option<u8> {
    let s = symbol.trim().to_ascii_lowercase();
    CHAINS
        .iter()
        .find(|(_, coin, _, aliases)| {
            coin.eq_ignore_ascii_case(&s) || aliases.contains(&s.as_str())
        })
        .map(|(_, _, decimals, _)| *decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_coins_and_chains_alike() {
        assert_eq!(chain_of("ETH"), Some(("ethereum", "ETH")));
        assert_eq!(chain_of("Binance Smart Chain"), Some(("bsc", "BNB")));
        assert_eq!(chain_of("BNB"), Some(("bsc", "BNB")));
        assert_eq!(chain_of("MATIC"), Some(("polygon", "POL")));
        assert_eq!(chain_of("arbitrum"), Some(("arbitrum", "ETH")));
        assert_eq!(chain_of("GLMR"), Some(("moonbeam", "GLMR")));
        assert_eq!(chain_of("BCH"), Some(("bitcoin-cash", "BCH")));
        assert_eq!(chain_of("usdt"), None);
        assert_eq!(coin_decimals("MATIC"), Some(18));
        assert_eq!(coin_decimals("btc"), Some(8));
        assert_eq!(coin_decimals("TRX"), Some(6));
        assert_eq!(coin_decimals("USDC"), None);
    }
}
