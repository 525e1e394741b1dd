//! Amounts and shares for reading, one way everywhere (trace summary, cash-out table, paths,
//! the inspector's transfers): the unit always named, thousands grouped, decimals exact. A long
//! fraction is cut to `MAX_DECIMALS` and the text says so with "≈"; the exact figure goes with
//! it (`Figure::exact`) for a tooltip. Never a negative zero, never `f64` on money.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::Amount;

/// Decimals shown before a figure is cut (and marked "≈").
pub const MAX_DECIMALS: u32 = 6;

/// An amount as text: what to show, and the exact value (the same when nothing was cut).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figure {
    pub text: String,
    pub exact: String,
}

impl Figure {
    /// Whether `text` is shortened (then `exact` belongs in a tooltip).
    pub fn is_cut(&self) -> bool {
        self.text != self.exact
    }
}

/// `amount` with its unit: `1,234.5 ETH`; `≈ 18,644,407,607.981137 DAI` when the fraction is
/// longer than `MAX_DECIMALS` (exact: every digit); `< 0.000001 ETH` for a dust amount that
/// would cut to zero.
pub fn amount(amount: Amount, unit: &str) -> Figure {
    let value = amount.decimal();
    let exact = with_unit(&grouped(value), unit);
    let cut = value.round_dp_with_strategy(MAX_DECIMALS, RoundingStrategy::MidpointAwayFromZero);
    if cut == value {
        return Figure {
            text: exact.clone(),
            exact,
        };
    }
    let text = if cut.is_zero() {
        let smallest = Decimal::new(1, MAX_DECIMALS);
        format!("< {}", with_unit(&grouped(smallest), unit))
    } else {
        format!("≈ {}", with_unit(&grouped(cut), unit))
    };
    Figure { text, exact }
}

/// `amount` without a unit (a table whose column names it), cut and marked like `amount`.
pub fn number(value: Amount) -> Figure {
    amount(value, "")
}

/// A count with thousands grouped: `4,144`.
pub fn count(n: usize) -> String {
    grouped(Decimal::from(n))
}

/// `part` as a share of `whole`, one decimal: `12.3 %`; `< 0.1 %` for a small non-zero share,
/// `0 %` for none (never `-0.0 %`); `—` when `whole` is zero.
pub fn percent(part: Amount, whole: Amount) -> String {
    let (part, whole) = (part.decimal(), whole.decimal());
    if whole.is_zero() {
        return "—".to_owned();
    }
    if part.is_zero() {
        return "0 %".to_owned();
    }
    let Some(share) = part
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .or_else(|| {
            part.checked_div(whole)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        })
    else {
        return "—".to_owned();
    };
    let shown = share.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    if shown.is_zero() {
        "< 0.1 %".to_owned()
    } else {
        format!("{} %", shown.normalize())
    }
}

fn with_unit(number: &str, unit: &str) -> String {
    if unit.is_empty() {
        number.to_owned()
    } else {
        format!("{number} {unit}")
    }
}

/// The decimal's digits with thousands grouped by commas; no sign (amounts are non-negative).
fn grouped(value: Decimal) -> String {
    let text = value.abs().normalize().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(text: &str) -> Amount {
        Amount::parse(text).unwrap()
    }

    fn check(raw: &str, text: &str, exact: &str) {
        let f = amount(a(raw), "ETH");
        assert_eq!((f.text.as_str(), f.exact.as_str()), (text, exact), "{raw}");
    }

    #[test]
    fn amounts_carry_unit_grouping_and_exact_decimals() {
        check("0", "0 ETH", "0 ETH");
        check("1234.5", "1,234.5 ETH", "1,234.5 ETH");
        check("999", "999 ETH", "999 ETH");
        check("1000000", "1,000,000 ETH", "1,000,000 ETH");
        check("0.123456", "0.123456 ETH", "0.123456 ETH");
        check(
            "18644407607.981136681703419699",
            "≈ 18,644,407,607.981137 ETH",
            "18,644,407,607.981136681703419699 ETH",
        );
        check(
            "0.000000000000000001",
            "< 0.000001 ETH",
            "0.000000000000000001 ETH",
        );
        assert_eq!(number(a("12345.6")).text, "12,345.6");
        assert!(!amount(a("1.5"), "DAI").is_cut());
    }

    #[test]
    fn percentages_never_show_a_negative_zero() {
        assert_eq!(percent(Amount::ZERO, a("10")), "0 %");
        assert_eq!(percent(a("7.5"), a("10")), "75 %");
        assert_eq!(percent(a("1"), a("3")), "33.3 %");
        assert_eq!(percent(a("1"), a("100000")), "< 0.1 %");
        assert_eq!(percent(a("1"), Amount::ZERO), "—");
        let big = a("79228162514264337593543950335");
        assert_eq!(percent(big, big), "100 %");
    }
}
