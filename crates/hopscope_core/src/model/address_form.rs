//! What an address's text says of its chain: an EVM address (`0x` and 40 hex digits) could be
//! on any EVM chain; Bitcoin's legacy (`1…`, `3…`) and bech32 (`bc1…`) forms, Tron's (`T…`),
//! Litecoin's, Dogecoin's, Bitcoin Cash's cashaddr, Monero's, XRP's, Zcash's transparent,
//! Dash's and Bitcoin Gold's are each their chain's, though Bitcoin Cash and Bitcoin SV write
//! the same legacy form as Bitcoin and Verge the same as Dogecoin. Checked by prefix, length and alphabet (base58, bech32),
//! not by checksum: enough to name a chain for a file that names none, and say how sure.

/// A chain an address's form points to, with its native asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    pub chain: &'static str,
    pub asset: &'static str,
    /// Why the form does not settle the chain, when it does not (`None`: it does).
    pub doubt: Option<&'static str>,
    /// How the form is written, for the import report (`0x…`, `1…, 3…, bc1…`).
    pub written: &'static str,
}

const EVM: Form = Form {
    chain: "ethereum",
    asset: "ETH",
    doubt: Some("the 0x form is the same on every EVM chain (Ethereum, BSC, Polygon, Arbitrum…)"),
    written: "0x…",
};
const BITCOIN: Form = Form {
    chain: "bitcoin",
    asset: "BTC",
    doubt: None,
    written: "bc1…",
};
const BITCOIN_LEGACY: Form = Form {
    chain: "bitcoin",
    asset: "BTC",
    doubt: Some("Bitcoin Cash and Bitcoin SV write the same 1…/3… form as Bitcoin"),
    written: "1…, 3…",
};
const TRON: Form = Form {
    chain: "tron",
    asset: "TRX",
    doubt: None,
    written: "T…",
};
const LITECOIN: Form = Form {
    chain: "litecoin",
    asset: "LTC",
    doubt: None,
    written: "ltc1…, L…, M…",
};
const DOGECOIN: Form = Form {
    chain: "dogecoin",
    asset: "DOGE",
    doubt: Some("Verge writes the same D… form as Dogecoin"),
    written: "D…",
};
const BITCOIN_CASH: Form = Form {
    chain: "bitcoin-cash",
    asset: "BCH",
    doubt: None,
    written: "bitcoincash:q…, q…, p…",
};
const MONERO: Form = Form {
    chain: "monero",
    asset: "XMR",
    doubt: None,
    written: "4…, 8… (95 characters)",
};
const XRP: Form = Form {
    chain: "xrp",
    asset: "XRP",
    doubt: None,
    written: "r…",
};
const ZCASH: Form = Form {
    chain: "zcash",
    asset: "ZEC",
    doubt: None,
    written: "t1…, t3…",
};
const DASH: Form = Form {
    chain: "dash",
    asset: "DASH",
    doubt: None,
    written: "X…",
};
const BITCOIN_GOLD: Form = Form {
    chain: "bitcoin-gold",
    asset: "BTG",
    doubt: None,
    written: "G…",
};

/// The chain an address's form settles (none for a form several chains write, such as `0x…`).
pub fn sure_chain_of(address: &str) -> Option<&'static str> {
    form_of(address)
        .filter(|f| f.doubt.is_none())
        .map(|f| f.chain)
}

fn is_base58(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'))
}

fn is_bech32_data(s: &str) -> bool {
    s.bytes().all(|b| {
        (b.is_ascii_lowercase() || b.is_ascii_digit()) && !matches!(b, b'1' | b'b' | b'i' | b'o')
    })
}

/// The chain an address's form points to, if its form is one of the above.
pub fn form_of(address: &str) -> Option<Form> {
    let a = address.trim();
    let len = a.len();
    if len == 42
        && (a.starts_with("0x") || a.starts_with("0X"))
        && a[2..].bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Some(EVM);
    }
    let lower = a.to_ascii_lowercase();
    // Bech32 is written in one case: all lower or all upper.
    let one_case = a == lower || a == a.to_ascii_uppercase();
    if one_case {
        if let Some(data) = lower.strip_prefix("bc1") {
            return ((11..=71).contains(&data.len()) && is_bech32_data(data)).then_some(BITCOIN);
        }
        if let Some(data) = lower.strip_prefix("ltc1") {
            return ((11..=71).contains(&data.len()) && is_bech32_data(data)).then_some(LITECOIN);
        }
        // Bitcoin Cash's cashaddr, with or without its prefix.
        let cash = lower.strip_prefix("bitcoincash:").unwrap_or(&lower);
        if cash.len() == 42 && cash.starts_with(['q', 'p']) && is_bech32_data(&cash[1..]) {
            return Some(BITCOIN_CASH);
        }
    }
    if !is_base58(a) {
        return None;
    }
    match (a.as_bytes().first(), len) {
        (Some(b'1' | b'3'), 26..=35) => Some(BITCOIN_LEGACY),
        (Some(b'T'), 34) => Some(TRON),
        (Some(b'L' | b'M'), 33..=34) => Some(LITECOIN),
        (Some(b'D'), 34) => Some(DOGECOIN),
        (Some(b'4' | b'8'), 95) => Some(MONERO),
        (Some(b'r'), 25..=35) => Some(XRP),
        (Some(b't'), 35) if a.starts_with("t1") || a.starts_with("t3") => Some(ZCASH),
        (Some(b'X'), 34) => Some(DASH),
        (Some(b'G'), 34) => Some(BITCOIN_GOLD),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(a: &str) -> Option<(&'static str, bool)> {
        form_of(a).map(|f| (f.chain, f.doubt.is_none()))
    }

    #[test]
    fn names_the_chain_of_real_addresses() {
        // From the OFAC SDN list's digital-currency addresses (0xB10C's lists, public domain
        // data) and GraphSense TagPacks.
        assert_eq!(
            chain("0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1"),
            Some(("ethereum", false))
        );
        assert_eq!(
            chain("bc1q2qqqt87kh33s0er58akh7v9cwjgd83z5smh9rp"),
            Some(("bitcoin", true))
        );
        assert_eq!(
            chain("bc1q9w4g79ndel72lygvwtqzem67z6uqv4yncvqjz3yn8my9swnwflxsutg4cx"),
            Some(("bitcoin", true))
        );
        assert_eq!(
            chain("123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX"),
            Some(("bitcoin", false))
        );
        assert_eq!(
            chain("32LZ4wWwEhTzwtqAm2gPauktYZb5kQ6C5a"),
            Some(("bitcoin", false))
        );
        assert_eq!(
            chain("TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre"),
            Some(("tron", true))
        );
        // Litecoin and Dogecoin in their documented forms.
        assert_eq!(
            chain("LPiuDbpBqXnaEBJgiVWzmTk3RVtBSZWqd9"),
            Some(("litecoin", true))
        );
        assert_eq!(
            chain("ltc1qg82tk4mfzdxw6ngkmxy6yf8fcljelxhajmwknl"),
            Some(("litecoin", true))
        );
        assert_eq!(
            chain("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L"),
            Some(("dogecoin", false))
        );
        // From the OFAC SDN list's other chains (0xB10C's lists).
        assert_eq!(
            chain("qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq"),
            Some(("bitcoin-cash", true))
        );
        assert_eq!(
            chain("49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL"),
            Some(("monero", true))
        );
        assert_eq!(
            chain("rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66"),
            Some(("xrp", true))
        );
        assert_eq!(
            chain("t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL"),
            Some(("zcash", true))
        );
        assert_eq!(
            chain("XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2"),
            Some(("dash", true))
        );
        assert_eq!(
            chain("GPwg61XoHqQPNmAucFACuQ5H9sGCDv9TpS"),
            Some(("bitcoin-gold", true))
        );
    }

    #[test]
    fn leaves_what_it_cannot_tell_unnamed() {
        for a in [
            "",
            "0x123",
            "0xZZ8B716B8Aaf21512996dC57EB0615e2383E2f96",
            "bc1",
            "bc1qA5wkgaew2dkv56kfvj49j0av5nml45x9ek9hz6",
            "1O0Il",
            "hacker",
            "Binance 14",
            // Solana's base58 form has no prefix: it could be many things.
            "7Np41oeYqPefeNQEHSv1UDhYrehxin3NStELsSKCT4K2",
        ] {
            assert_eq!(form_of(a), None, "{a}");
        }
    }
}
