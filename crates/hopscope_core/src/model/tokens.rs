//! Which asset a token transfer is in. Tokens are named by their symbol, which anyone can copy:
//! a fake "USDT" (as sent in address-poisoning scams) must never be summed with Tether's. So a
//! token is shown by its bare symbol only when its contract is the real one for that symbol on
//! that chain (the short list below); any other contract keeps its address in the asset's
//! name, and two tokens with one symbol but different contracts stay apart.

use super::Chain;

/// (chain, symbol, contract) of the tokens whose bare symbol stands for them. Contracts from
/// the issuers' own lists: Tether, "Supported protocols" (tether.to/en/supported-protocols);
/// Circle, "USDC contract addresses" (developers.circle.com/stablecoins/usdc-contract-addresses);
/// MakerDAO's deployment list (chainlog.makerdao.com) for DAI; the WETH9 and WBTC contracts as
/// listed on Etherscan's token pages.
const CANONICAL: &[(&str, &str, &str)] = &[
    (
        "ethereum",
        "USDT",
        "0xdac17f958d2ee523a2206206994597c13d831ec7",
    ),
    (
        "ethereum",
        "USDC",
        "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
    ),
    (
        "ethereum",
        "DAI",
        "0x6b175474e89094c44da98b954eedeac495271d0f",
    ),
    (
        "ethereum",
        "WETH",
        "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
    ),
    (
        "ethereum",
        "WBTC",
        "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599",
    ),
    (
        "polygon",
        "USDT",
        "0xc2132d05d31c914a87c6611c10748aeb04b58e8f",
    ),
    (
        "arbitrum",
        "USDT",
        "0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9",
    ),
    (
        "arbitrum",
        "USDC",
        "0xaf88d065e77c8cc2239327c5edb3a432268e5831",
    ),
    (
        "optimism",
        "USDT",
        "0x94b008aa00579c1307b0ef2c499ad98a8ce58e58",
    ),
    ("base", "USDC", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"),
];

/// The asset name of a token: its symbol when `contract` is the real contract of that symbol
/// on `chain` (or when no contract is given), else `SYMBOL (contract)`.
pub fn token_asset(chain: &Chain, symbol: &str, contract: &str) -> String {
    let symbol = symbol.trim();
    let contract = contract.trim().to_ascii_lowercase();
    if contract.is_empty() || symbol.eq_ignore_ascii_case(&contract) {
        return symbol.to_owned();
    }
    let canonical = CANONICAL.iter().any(|&(c, s, addr)| {
        c == chain.as_str() && s.eq_ignore_ascii_case(symbol) && addr == contract
    });
    if canonical {
        symbol.to_owned()
    } else {
        format!("{symbol} ({contract})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_real_contract_keeps_the_bare_symbol() {
        let eth = Chain::new("ethereum");
        assert_eq!(
            token_asset(&eth, "USDT", "0xDAC17F958D2ee523a2206206994597C13D831ec7"),
            "USDT"
        );
        let fake = "0xdac17f958d2ee523a2206206994597c13d831ec8";
        assert_eq!(token_asset(&eth, "USDT", fake), format!("USDT ({fake})"));
        assert_eq!(
            token_asset(
                &Chain::new("bsc"),
                "USDT",
                "0xdac17f958d2ee523a2206206994597c13d831ec7"
            ),
            "USDT (0xdac17f958d2ee523a2206206994597c13d831ec7)",
            "Tether's Ethereum contract is not Tether on another chain"
        );
        assert_eq!(token_asset(&eth, "XYZ", ""), "XYZ");
    }
}
