//! Exact amounts. A transfer's value is a decimal number kept exactly (never `f64`), so that
//! wei-sized values and sums of many transfers lose nothing; `f64` is only for drawing.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// A non-negative exact decimal amount of some asset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error(
        "\"{0}\" is not a decimal number (expected digits with an optional '.', such as \"12.5\")"
    )]
    NotDecimal(String),
    #[error("\"{0}\" is negative; transfer amounts are never negative")]
    Negative(String),
    #[error("\"{0}\" is given in base units (wei, satoshi) but has a fraction")]
    FractionalUnits(String),
    #[error("\"{0}\" has too many digits to hold exactly (at most 28 decimals and about 28 digits in all)")]
    TooPrecise(String),
}

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);
    /// The largest amount a decimal holds: where `saturating_add` stops. A sum at it overflowed,
    /// and every figure shows it as "≥" (`figures::amount`).
    pub const MAX: Amount = Amount(Decimal::MAX);

    /// Whether this is `MAX`, i.e. a sum that overflowed and stopped there.
    pub fn is_saturated(self) -> bool {
        self.0 == Decimal::MAX
    }

    /// Parses a plain decimal string such as `"1250.000000000000000001"`.
    pub fn parse(raw: &str) -> Result<Amount, AmountError> {
        let text = raw.trim();
        let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
        let digits_ok = !int_part.is_empty()
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && frac_part.bytes().all(|b| b.is_ascii_digit())
            && !(text.contains('.') && frac_part.is_empty());
        if !digits_ok {
            if text.starts_with('-') && text.len() > 1 {
                return Err(AmountError::Negative(raw.to_owned()));
            }
            return Err(AmountError::NotDecimal(raw.to_owned()));
        }
        if frac_part.len() > 28 {
            return Err(AmountError::TooPrecise(raw.to_owned()));
        }
        Decimal::from_str_exact(text)
            .map(|d| Amount(d.normalize()))
            .map_err(|_| AmountError::TooPrecise(raw.to_owned()))
    }

    /// An amount given in base units (wei, satoshi, token units) of an asset with `decimals`
    /// decimal places: `from_base_units("1500000000000000000", 18)` is 1.5.
    pub fn from_base_units(raw: &str, decimals: u32) -> Result<Amount, AmountError> {
        let units = Amount::parse(raw)?;
        if decimals == 0 {
            return Ok(units);
        }
        let mut d = units.0;
        if d.scale() > 0 && !d.fract().is_zero() {
            return Err(AmountError::FractionalUnits(raw.to_owned()));
        }
        let d_trunc = d.trunc();
        d = d_trunc;
        let scale = decimals;
        if scale > 28 {
            return Err(AmountError::TooPrecise(raw.to_owned()));
        }
        d.set_scale(scale)
            .map_err(|_| AmountError::TooPrecise(raw.to_owned()))?;
        Ok(Amount(d.normalize()))
    }

    /// Adds exactly; `None` if the sum no longer fits.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(|d| Amount(d.normalize()))
    }

    /// Adds, staying at the largest amount a decimal holds rather than failing (sums of a
    /// case's transfers never come near it; a hostile file's might).
    pub fn saturating_add(self, other: Amount) -> Amount {
        self.checked_add(other).unwrap_or(Amount::MAX)
    }

    /// Subtracts, never going below zero.
    pub fn saturating_sub(self, other: Amount) -> Amount {
        if other.0 >= self.0 {
            Amount::ZERO
        } else {
            Amount((self.0 - other.0).normalize())
        }
    }

    /// `self × part ÷ whole`: the share of `self` that `part` is of `whole`, with the share
    /// capped at 1 (zero when `whole` is zero). Exact where the quotient is; otherwise rounded
    /// in the 28th significant digit, never through `f64`.
    pub fn share(self, part: Amount, whole: Amount) -> Amount {
        if whole.0.is_zero() || part.0.is_zero() || self.0.is_zero() {
            return Amount::ZERO;
        }
        if part.0 >= whole.0 {
            return self;
        }
        // Multiplying first is exact when it fits; else divide first (the share is below 1).
        let value = self
            .0
            .checked_mul(part.0)
            .and_then(|p| p.checked_div(whole.0))
            .or_else(|| {
                part.0
                    .checked_div(whole.0)
                    .and_then(|r| self.0.checked_mul(r))
            })
            .unwrap_or(Decimal::ZERO);
        Amount(value.max(Decimal::ZERO).min(self.0).normalize())
    }

    /// The exact decimal (for formatting and arithmetic inside the core).
    pub(crate) fn decimal(self) -> Decimal {
        self.0
    }

    /// Subtracts exactly; `None` when `other` is larger (amounts are never negative).
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        (other <= self)
            .then(|| self.0.checked_sub(other.0))
            .flatten()
            .map(|d| Amount(d.normalize()))
    }

    /// An approximation for drawing (edge widths, scales). Never feed it back into the model.
    pub fn to_f64_lossy(self) -> f64 {
        use rust_decimal::prelude::ToPrimitive;
        self.0.to_f64().unwrap_or(f64::MAX)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The amount's exact binary form (16 bytes), for passing it between threads.
    pub fn to_bytes(self) -> [u8; 16] {
        self.0.serialize()
    }

    /// An amount from `to_bytes`; `None` for bytes that are not a non-negative decimal
    /// (a scale over 28, a negative value, or unused flag bits set).
    pub fn from_bytes(bytes: [u8; 16]) -> Option<Amount> {
        let flags = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let scale = (flags >> 16) & 0xff;
        if flags & 0x7f00_ffff != 0 || scale > 28 {
            return None;
        }
        let value = Decimal::deserialize(bytes);
        (!value.is_sign_negative() || value.is_zero()).then_some(Amount(value))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_bad_bytes_are_refused() {
        for raw in [
            "0",
            "1250.000000000000000001",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            let a = Amount::parse(raw).unwrap();
            assert_eq!(Amount::from_bytes(a.to_bytes()), Some(a), "{raw}");
        }
        let mut negative = Amount::parse("1").unwrap().to_bytes();
        negative[3] = 0x80;
        assert_eq!(Amount::from_bytes(negative), None);
        let mut huge_scale = Amount::parse("1").unwrap().to_bytes();
        huge_scale[2] = 29;
        assert_eq!(Amount::from_bytes(huge_scale), None);
    }

    fn check(raw: &str, expected: Result<&str, ()>) {
        let got = Amount::parse(raw).map(|a| a.to_string()).map_err(|_| ());
        assert_eq!(got, expected.map(str::to_owned), "parsing {raw:?}");
    }

    #[test]
    fn parses_exact_decimals() {
        check("0", Ok("0"));
        check("12.50", Ok("12.5"));
        check("1250.000000000000000001", Ok("1250.000000000000000001"));
        check(
            "4000000000000000000000000000",
            Ok("4000000000000000000000000000"),
        );
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for raw in [
            "", ".", "1.", ".5", "1e18", "-3", "0x10", "1,5", "NaN", "12 5",
        ] {
            check(raw, Err(()));
        }
        assert!(matches!(Amount::parse("-3"), Err(AmountError::Negative(_))));
        assert!(matches!(
            Amount::parse("123456789012345678901234567890.5"),
            Err(AmountError::TooPrecise(_))
        ));
    }

    #[test]
    fn scales_base_units_exactly() {
        let eth = |raw: &str| Amount::from_base_units(raw, 18).map(|a| a.to_string());
        assert_eq!(eth("1500000000000000000"), Ok("1.5".to_owned()));
        assert_eq!(
            eth("18644407607981136681703419699"),
            Ok("18644407607.981136681703419699".to_owned())
        );
        assert_eq!(eth("1"), Ok("0.000000000000000001".to_owned()));
        assert_eq!(
            Amount::from_base_units("12345", 0).map(|a| a.to_string()),
            Ok("12345".to_owned())
        );
        assert!(Amount::from_base_units("1.5e21", 18).is_err());
        assert!(matches!(
            Amount::from_base_units("1.5", 4),
            Err(AmountError::FractionalUnits(_))
        ));
        assert!(
            Amount::from_base_units("1", u32::MAX).is_err(),
            "no overflow"
        );
        assert_eq!(
            Amount::from_base_units("2.000", 2).map(|a| a.to_string()),
            Ok("0.02".to_owned())
        );
        assert!(
            Amount::from_base_units("999999999999999999999999999999", 18).is_err(),
            "beyond 96 bits"
        );
    }

    #[test]
    fn shares_are_exact_capped_and_never_negative() {
        let a = |s: &str| Amount::parse(s).unwrap();
        assert_eq!(a("15").share(a("10"), a("20")).to_string(), "7.5");
        assert_eq!(
            a("1").share(a("1"), a("3")).to_string(),
            "0.3333333333333333333333333333"
        );
        assert_eq!(a("5").share(a("9"), a("3")), a("5"), "at most all of it");
        assert_eq!(a("5").share(a("1"), Amount::ZERO), Amount::ZERO);
        assert_eq!(a("2").saturating_sub(a("3")), Amount::ZERO);
        assert_eq!(a("3").saturating_sub(a("0.5")).to_string(), "2.5");
        let big = a("79228162514264337593543950335");
        assert_eq!(big.share(big, big), big);
        assert!(big.share(a("1"), a("2")) <= big, "no overflow");
        assert_eq!(big.saturating_add(big), big);
    }

    #[test]
    fn sums_without_rounding() {
        let a = Amount::parse("0.1").unwrap();
        let b = Amount::parse("0.2").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "0.3");
    }
}
