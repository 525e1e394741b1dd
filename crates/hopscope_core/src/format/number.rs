//! Amounts as exports and spreadsheets write them, read exactly or refused with the reason:
//! thousands separators (`1,234,567.5`, `1 234 567.5`, `1'234'567.5`), exponents (`1e-18`,
//! `1.5E+21`), a currency sign in front (`$1,234.50` is USD) and a unit behind (`300 ETH`,
//! `0.5 USDC.e`). Nothing is ever scaled by guess: `1.250,5` (a decimal comma) and `1,5` are
//! refused rather than read as something else.

use ruint::aliases::U256;

use crate::model::{Amount, MAX_SCALE};

/// An amount as written, and the unit written with it (`None`: a bare number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub amount: Amount,
    pub unit: Option<String>,
}

/// Currency signs written in front of a number, and what they stand for.
const SIGNS: &[(char, &str)] = &[
    ('$', "USD"),
    ('€', "EUR"),
    ('£', "GBP"),
    ('¥', "JPY"),
    ('Ξ', "ETH"),
    ('₿', "BTC"),
];

/// Reads an amount with its unit, if one is written. An empty field is zero.
pub fn read_amount(raw: &str) -> Result<Written, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(Written {
            amount: Amount::ZERO,
            unit: None,
        });
    }
    if let Some(rest) = t.strip_prefix('-') {
        // `-0` is zero; `-` alone (a blank cell some exports write) or `-abc` is not a number.
        return match read_amount(rest) {
            _ if rest.trim().is_empty() => Err(format!("\"{raw}\" is not a number")),
            Ok(w) if w.amount.is_zero() => Ok(w),
            Ok(_) => Err(format!(
                "\"{raw}\" is negative; transfer amounts are never negative"
            )),
            Err(_) => Err(format!("\"{raw}\" is not a number")),
        };
    }
    if t.starts_with('(') && t.ends_with(')') {
        return Err(format!(
            "\"{raw}\" is negative (written in brackets); transfer amounts are never negative"
        ));
    }
    // A sign in front: `$1,234.50`.
    let (sign_unit, rest) = match t.chars().next() {
        Some(c) => match SIGNS.iter().find(|(s, _)| *s == c) {
            Some((_, unit)) => (Some(*unit), t[c.len_utf8()..].trim_start()),
            None => (None, t),
        },
        None => (None, t),
    };
    // A unit behind: `300 ETH`, `0.5 USDC.e`.
    let (number, suffix) = match rest.rsplit_once(char::is_whitespace) {
        Some((n, u)) if is_unit(u) && n.trim().starts_with(|c: char| c.is_ascii_digit()) => {
            (n.trim(), Some(u))
        }
        _ => (rest, None),
    };
    let unit = match (sign_unit, suffix) {
        (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => {
            return Err(format!("\"{raw}\" names two units, {a} and {b}"));
        }
        (Some(a), _) => Some(a.to_owned()),
        (None, Some(b)) => Some(b.to_owned()),
        (None, None) => None,
    };
    let amount = read_number(number).map_err(|why| format!("\"{raw}\" {why}"))?;
    Ok(Written { amount, unit })
}

/// Whether `s` looks like an asset's symbol: letters first, then letters, digits, `.`, `-`
/// or `_` (`ETH`, `USDC.e`, `ETH.e`, `BTC-B`), at most 20 characters.
fn is_unit(s: &str) -> bool {
    // `1.5 E21` is a misplaced exponent, not 1.5 of a coin called E21.
    let exponent_like = s.starts_with(['e', 'E'])
        && s[1..]
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b.is_ascii_digit())
        && s.len() > 1;
    !exponent_like
        && s.len() <= 20
        && s.starts_with(|c: char| c.is_alphabetic())
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// A bare number: digits with grouped thousands, a decimal point and an exponent.
fn read_number(t: &str) -> Result<Amount, String> {
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => {
            let e = &t[i + 1..];
            let e: i32 = e
                .strip_prefix('+')
                .unwrap_or(e)
                .parse()
                .map_err(|_| "has an exponent that is not a whole number".to_owned())?;
            (&t[..i], e)
        }
        None => (t, 0),
    };
    let plain = ungrouped(mantissa)?;
    let value = Amount::parse(&plain).map_err(|e| {
        e.to_string()
            .split_once("\" ")
            .map_or_else(|| e.to_string(), |(_, why)| why.to_owned())
    })?;
    if exponent == 0 {
        return Ok(value);
    }
    scaled(value, exponent).ok_or_else(|| {
        "has too many digits to hold exactly (at most 77 decimals, and at most 2^256 − 1 units of the last one)".to_owned()
    })
}

/// `value × 10^exponent`, exactly, if it fits.
fn scaled(value: Amount, exponent: i32) -> Option<Amount> {
    let (units, scale) = value.units();
    let scale = i64::from(scale) - i64::from(exponent);
    if scale >= 0 {
        let scale = u8::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
        return Amount::from_units(units, scale);
    }
    let up = u8::try_from(-scale).ok().filter(|s| *s <= MAX_SCALE)?;
    let factor = U256::from(10u64).pow(U256::from(up));
    Amount::from_units(units.checked_mul(factor)?, 0)
}

/// The number without its thousands separators, which must group the whole part in threes
/// (`1,234,567`); a separator anywhere else is refused.
fn ungrouped(t: &str) -> Result<String, String> {
    const SEPARATORS: [char; 5] = [',', '\'', ' ', '\u{a0}', '\u{202f}'];
    let Some(sep) = t.chars().find(|c| SEPARATORS.contains(c)) else {
        return Ok(t.to_owned());
    };
    let name = match sep {
        ',' => "comma",
        '\'' => "apostrophe",
        _ => "space",
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if frac.contains(SEPARATORS) {
        return Err(format!(
            "has a {name} that is not a thousands separator: it comes after the decimal point (is it a decimal comma? Write the number with a point, e.g. 1250.5)"
        ));
    }
    if int.chars().any(|c| SEPARATORS.contains(&c) && c != sep) {
        return Err("mixes two kinds of thousands separator".to_owned());
    }
    let groups: Vec<&str> = int.split(sep).collect();
    let grouped_in_threes =
        !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !grouped_in_threes {
        return Err(format!(
            "has a {name} that is not a thousands separator (is it a decimal comma? Write the number with a point, e.g. 1250.5)"
        ));
    }
    Ok(if frac.is_empty() && !t.contains('.') {
        groups.concat()
    } else {
        format!("{}.{frac}", groups.concat())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Result<(String, Option<String>), String> {
        read_amount(raw).map(|w| (w.amount.to_string(), w.unit))
    }

    fn ok(raw: &str, amount: &str, unit: Option<&str>) {
        assert_eq!(
            read(raw),
            Ok((amount.to_owned(), unit.map(str::to_owned))),
            "{raw}"
        );
    }

    #[test]
    fn reads_what_exports_write() {
        ok("300 ETH", "300", Some("ETH"));
        ok("0.45600614 ETH", "0.45600614", Some("ETH"));
        ok("1,000.5 USDT", "1000.5", Some("USDT"));
        ok("2.5 USDC.e", "2.5", Some("USDC.e"));
        ok("$1,234.50", "1234.5", Some("USD"));
        ok("$ 12", "12", Some("USD"));
        ok("1e-18", "0.000000000000000001", None);
        ok("1.5E+21", "1500000000000000000000", None);
        ok("2.5e3", "2500", None);
        ok("1 234 567.5", "1234567.5", None);
        ok("1'234'567", "1234567", None);
        ok("1\u{202f}234", "1234", None);
        ok("  7  ", "7", None);
        ok("", "0", None);
        ok("Ξ3", "3", Some("ETH"));
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for raw in [
            "1.250,5",
            "1,5",
            "12,34",
            "1,234.5,6",
            "-3",
            "(12)",
            "1e",
            "1e1.5",
            "abc",
            "1,234 567",
            "$3 BTC",
            "1e-78",
            "1e78",
        ] {
            assert!(read(raw).is_err(), "{raw} should be refused");
        }
        let why = read("1.250,5").unwrap_err();
        assert!(why.contains("decimal comma"), "{why}");
        assert!(read("-3").unwrap_err().contains("negative"));
        assert_eq!(read("-0"), Ok(("0".to_owned(), None)));
        assert!(read("-").unwrap_err().contains("not a number"));
        assert!(read("-abc").unwrap_err().contains("not a number"));
    }
}
