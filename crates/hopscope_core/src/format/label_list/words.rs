//! hopscope's category for a label from the words other lists use: GraphSense's taxonomy
//! (`mixing_service`, `exchange`, abuse `sanction` / `service_hack`…), Etherscan's label slugs
//! (`tornado-cash`, `heist`, `phish-hack`, `exploit`), and the words of a name tag itself
//! ("Ronin Bridge Exploiter 3", "Binance 14", "Tornado.Cash: 1 ETH"). The first word that
//! means something decides, in the order given (a list's own category before its name).

use crate::model::Category;

/// Words (lower case, matched as whole words or word prefixes) and what they mean.
const MEANINGS: &[(&str, Category)] = &[
    // Sanctions first: a sanctioned exchange or mixer is shown as sanctioned.
    ("sanction", Category::Sanctioned),
    ("ofac", Category::Sanctioned),
    ("sdn", Category::Sanctioned),
    // Theft and fraud.
    ("hack", Category::Hacker),
    ("heist", Category::Hacker),
    ("exploit", Category::Hacker),
    ("thief", Category::Hacker),
    ("stolen", Category::Hacker),
    ("drainer", Category::Hacker),
    ("phish", Category::Hacker),
    ("fake_phishing", Category::Hacker),
    ("scam", Category::Hacker),
    ("ransomware", Category::Hacker),
    ("rug", Category::Hacker),
    ("ponzi", Category::Hacker),
    ("lazarus", Category::Hacker),
    ("victim", Category::Victim),
    // Services.
    ("mixing", Category::Mixer),
    ("mixer", Category::Mixer),
    ("tornado", Category::Mixer),
    ("coinjoin", Category::Mixer),
    ("wasabi", Category::Mixer),
    ("blender", Category::Mixer),
    ("sinbad", Category::Mixer),
    ("bridge", Category::Bridge),
    ("thorchain", Category::Bridge),
    ("wormhole", Category::Bridge),
    ("multichain", Category::Bridge),
    ("stargate", Category::Bridge),
    ("exchange", Category::Exchange),
    ("binance", Category::Exchange),
    ("coinbase", Category::Exchange),
    ("kraken", Category::Exchange),
    ("kucoin", Category::Exchange),
    ("bybit", Category::Exchange),
    ("okx", Category::Exchange),
    ("okex", Category::Exchange),
    ("huobi", Category::Exchange),
    ("htx", Category::Exchange),
    ("bitfinex", Category::Exchange),
    ("bitmex", Category::Exchange),
    ("bitstamp", Category::Exchange),
    ("gemini", Category::Exchange),
    ("gate.io", Category::Exchange),
    ("mexc", Category::Exchange),
    ("poloniex", Category::Exchange),
    ("bittrex", Category::Exchange),
    ("crypto.com", Category::Exchange),
    ("ftx", Category::Exchange),
    ("upbit", Category::Exchange),
    ("bithumb", Category::Exchange),
    ("otc", Category::Otc),
    ("gambling", Category::Gambling),
    ("casino", Category::Gambling),
    ("dice", Category::Gambling),
    ("defi", Category::Defi),
    ("dex", Category::Defi),
    ("uniswap", Category::Defi),
    ("sushiswap", Category::Defi),
    ("curve", Category::Defi),
    ("1inch", Category::Defi),
    ("balancer", Category::Defi),
    ("aave", Category::Defi),
    ("compound", Category::Defi),
];

/// The category the first meaningful text among `texts` gives (each text split into words:
/// `Tornado.Cash: 1 ETH` → `tornado`, `cash`, `1`, `eth`; within a text the order of
/// `MEANINGS` decides); `Unknown` when none does.
pub fn category_of(texts: &[&str]) -> Category {
    for text in texts {
        let lower = text.to_ascii_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        // The meanings' order decides: "Ronin Bridge Exploiter" is a thief, not a bridge. A
        // meaning with a dot (`gate.io`) is looked for as a phrase.
        let means = |m: &str| {
            if m.contains('.') {
                lower.contains(m)
            } else {
                words.iter().any(|w| w.starts_with(m))
            }
        };
        if let Some((_, c)) = MEANINGS.iter().find(|(m, _)| means(m)) {
            return *c;
        }
    }
    Category::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_real_lists_say() {
        for (texts, want) in [
            (&["mixing_service"][..], Category::Mixer),
            (&["user", "sanction", "Lazarus group"], Category::Sanctioned),
            (&["service_hack", "binance hack"], Category::Hacker),
            (&["Ronin Bridge Exploiter 3"], Category::Hacker),
            (&["Tornado.Cash: 1 ETH"], Category::Mixer),
            (&["Binance 14"], Category::Exchange),
            (&["", "kucoin"], Category::Exchange),
            (&["Fake_Phishing1772"], Category::Hacker),
            (&["Uniswap V3: Router"], Category::Defi),
            (&["Gate.io 3"], Category::Exchange),
            (&["Gate.io Hacker"], Category::Hacker),
            (&["Balancer: MLN/ETH 90/10 #2"], Category::Defi),
            (&["airdrop-hunter"], Category::Unknown),
            (&["xiaobaicto.eth"], Category::Unknown),
        ] {
            assert_eq!(category_of(texts), want, "{texts:?}");
        }
    }
}
