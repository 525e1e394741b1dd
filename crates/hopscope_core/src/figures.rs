//! Amounts and shares for reading, one way everywhere (trace summary, cash-out table, paths,
//! the inspector's transfers): the unit always named, thousands grouped, decimals exact. A long
//! fraction is cut to `MAX_DECIMALS` and the text says so with "≈"; the exact figure goes with
//! it (`Figure::exact`) for a tooltip. Never a negative zero, never `f64` on money. Also UTC
//! dates without a clock (`format_utc`) and approximate figures for drawn scales
//! (`format_amount`).

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
    let exact = with_unit(&grouped(&amount.to_string()), unit);
    if amount.is_saturated() {
        // A running total that overflowed: it is at least this, and says so.
        let at_least = format!("≥ {exact}");
        return Figure {
            text: at_least.clone(),
            exact: at_least,
        };
    }
    let cut = amount.round_to(MAX_DECIMALS as u8);
    if cut == amount {
        return Figure {
            text: exact.clone(),
            exact,
        };
    }
    let text = if cut.is_zero() {
        let smallest = format!("0.{}1", "0".repeat(MAX_DECIMALS as usize - 1));
        format!("< {}", with_unit(&smallest, unit))
    } else {
        format!("≈ {}", with_unit(&grouped(&cut.to_string()), unit))
    };
    Figure { text, exact }
}

/// `amount` without a unit (a table whose column names it), cut and marked like `amount`.
pub fn number(value: Amount) -> Figure {
    amount(value, "")
}

/// A count with thousands grouped: `4,144`.
pub fn count(n: usize) -> String {
    grouped(&n.to_string())
}

/// `part` as a share of `whole`, one decimal: `12.3 %`; `< 0.1 %` for a small non-zero share,
/// `> 99.9 %` for a share short of the whole that would round to it,
/// `0 %` for none (never `-0.0 %`); `—` when `whole` is zero.
pub fn percent(part: Amount, whole: Amount) -> String {
    let Some(tenths) = Amount::ratio_rounded(part, whole, 1000) else {
        return "—".to_owned();
    };
    if part.is_zero() {
        return "0 %".to_owned();
    }
    if tenths.is_zero() {
        return "< 0.1 %".to_owned();
    }
    // Rounded up to the whole while a part is missing: never "100 %".
    if part < whole && tenths >= ruint::aliases::U256::from(1000u64) {
        return "> 99.9 %".to_owned();
    }
    let ten = ruint::aliases::U256::from(10u64);
    let (whole_part, tenth) = tenths.div_rem(ten);
    if tenth.is_zero() {
        format!("{whole_part} %")
    } else {
        format!("{whole_part}.{tenth} %")
    }
}

fn with_unit(number: &str, unit: &str) -> String {
    if unit.is_empty() {
        number.to_owned()
    } else {
        format!("{number} {unit}")
    }
}

/// A plain decimal's digits (`1234567.5`) with thousands grouped by commas (`1,234,567.5`).
fn grouped(text: &str) -> String {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
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

/// UTC date and time (`2024-03-01 12:00:00 UTC`) from Unix seconds, without a clock or a
/// time-zone database (proleptic Gregorian calendar).
pub fn format_utc(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let secs = timestamp.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// An approximate figure for reading (drawn scales, ranking values): thousands separated, at
/// most 4 decimals, never a negative zero. Money in the model is shown with
/// `figures::amount` instead, exactly and with its unit.
pub fn format_amount(v: f64) -> String {
    // A negative zero, or a tiny negative from subtraction, would print "-0".
    let v = if v.is_finite() && v.abs() < 0.000_05 {
        0.0
    } else {
        v
    };
    let text = format!("{v:.4}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// "2 d 4 h", "3 h 12 min", "45 s".
pub fn format_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=86_399 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        _ => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
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
        assert_eq!(percent(a("10000"), a("10001")), "> 99.9 %");
        assert_eq!(percent(a("9995"), a("10000")), "> 99.9 %");
        assert_eq!(percent(a("9994"), a("10000")), "99.9 %");
    }

    #[test]
    fn formats_utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(1_709_294_400), "2024-03-01 12:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
    }

    #[test]
    fn approximate_figures_never_show_a_negative_zero() {
        // An empty f64 sum is -0.0; the trace summary once printed it as "-0 ETH".
        let empty: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(format_amount(empty), "0");
        assert_eq!(format_amount(-0.000_001), "0");
        assert_eq!(format_amount(1234.5), "1,234.5");
    }

    #[test]
    fn a_sum_that_overflowed_says_at_least() {
        // 2^255 base units of a token with no decimals, twice, is one more than 256 bits hold.
        let big = Amount::parse(
            "57896044618658097711785492504343953926634992332820282019728792003956564819968",
        )
        .unwrap();
        let sum = big.saturating_add(big);
        assert!(sum.is_saturated());
        let f = amount(sum, "SPAM");
        assert!(
            f.text
                .starts_with("≥ 115,792,089,237,316,195,423,570,985,008,687,907"),
            "{}",
            f.text
        );
        assert!(f.text.ends_with(" SPAM") && f.exact == f.text);
        assert!(!amount(big, "SPAM").text.starts_with('≥'));
    }
}
