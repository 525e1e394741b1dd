//! Exact amounts. A transfer's value is a non-negative number kept exactly (never `f64`): its
//! units as a 256-bit unsigned integer (`ruint`) and how many of its digits are decimals, so
//! every value an EVM (`uint256` with up to 77 decimals) or Bitcoin can hold round-trips
//! exactly, and sums of many transfers lose nothing. `f64` is only for drawing.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use ruint::aliases::{U1024, U256, U512};

/// The most decimals an amount has: 10^77 is the largest power of ten below 2^256, so a
/// 256-bit number of base units with any number of decimals up to this one is exact.
pub const MAX_SCALE: u8 = 77;

/// The decimals a share keeps (`Amount::share`): ten below a wei, as a 28-digit decimal had.
pub const SHARE_SCALE: u8 = 28;

/// A non-negative exact decimal amount of some asset: `units / 10^scale`, kept in its
/// shortest form (no trailing zero decimal), so equal amounts are equal field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Amount {
    units: U256,
    scale: u8,
}

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
    #[error("\"{0}\" has too many digits to hold exactly (at most 77 decimals, and at most 2^256 − 1 units of the last one)")]
    TooPrecise(String),
}

/// The last decimal digit of `units`, without a 256-bit division: 2^64, 2^128 and 2^192 all
/// end in 6, so the number is l0 + 6·(l1 + l2 + l3) modulo 10, over its 64-bit limbs.
fn last_digit(units: U256) -> u8 {
    let l = units.as_limbs();
    let sum = u128::from(l[0] % 10)
        + 6 * (u128::from(l[1] % 10) + u128::from(l[2] % 10) + u128::from(l[3] % 10));
    (sum % 10) as u8
}

/// 10^k for k ≤ 38, the powers of ten a `u128` holds.
const POW10_U128: [u128; 39] = {
    let mut out = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        out[k] = out[k - 1] * 10;
        k += 1;
    }
    out
};

/// `units` as a `u128`, when it fits (nearly every amount of a real case: 2^128 base units is
/// 3.4·10^20 ETH).
fn small(units: U256) -> Option<u128> {
    let l = units.as_limbs();
    (l[2] == 0 && l[3] == 0).then(|| u128::from(l[0]) | (u128::from(l[1]) << 64))
}

/// u64::MAX / 10^k for k ≤ 19: the most a `u64` can be and still be multiplied by 10^k
/// without overflow (so the check is a comparison, not a 128-bit multiplication).
const U64_ROOM: [u64; 20] = {
    let mut out = [0u64; 20];
    let mut k = 0;
    while k < 20 {
        out[k] = u64::MAX / (POW10_U128[k] as u64);
        k += 1;
    }
    out
};

/// Two amounts' units brought to the larger scale in `u128`, when both fit there: the common
/// case, which needs no 512-bit multiplication (software-emulated in wasm, and most of what
/// comparing and adding a million amounts cost). Units below 2^64 scaled by at most 10^19
/// within 64 bits use one native 64-bit multiplication and no overflow check.
fn aligned_small(a: Amount, b: Amount) -> Option<(u128, u128, u8)> {
    let (x, y) = (small(a.units)?, small(b.units)?);
    let scale = a.scale.max(b.scale);
    let up = |v: u128, s: u8| {
        let k = usize::from(scale - s);
        if let (Ok(v), Some(&room)) = (u64::try_from(v), U64_ROOM.get(k)) {
            if v <= room {
                return Some(u128::from(v * POW10_U128[k] as u64));
            }
        }
        v.checked_mul(*POW10_U128.get(k)?)
    };
    Some((up(x, a.scale)?, up(y, b.scale)?, scale))
}

/// 10^k as any width of integer (k ≤ 77 for 256 bits): from a table worked out once (the
/// trace aligns and divides amounts for every transfer, and `pow` each time was most of its
/// time), or by `pow` past the table.
fn ten_to<const B: usize, const L: usize>(k: u8) -> ruint::Uint<B, L> {
    static TABLE: std::sync::OnceLock<Vec<U256>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let ten = U256::from(10u64);
        let mut v = vec![U256::from(1u64)];
        for _ in 0..MAX_SCALE {
            let next = v.last().copied().unwrap_or_default() * ten;
            v.push(next);
        }
        v
    });
    match table.get(usize::from(k)) {
        Some(p) => ruint::Uint::<B, L>::from(*p),
        None => ruint::Uint::<B, L>::from(10u64).pow(ruint::Uint::<B, L>::from(k)),
    }
}

impl Amount {
    pub const ZERO: Amount = Amount {
        units: U256::ZERO,
        scale: 0,
    };
    /// The largest amount: where `saturating_add` stops. A sum at it overflowed, and every
    /// figure shows it as "≥" (`figures::amount`).
    pub const MAX: Amount = Amount {
        units: U256::MAX,
        scale: 0,
    };

    /// Whether this is `MAX`, i.e. a sum that overflowed and stopped there.
    pub fn is_saturated(self) -> bool {
        self == Amount::MAX
    }

    /// `units / 10^scale`, in its shortest form; `None` when `scale` is over `MAX_SCALE`.
    pub fn from_units(units: U256, scale: u8) -> Option<Amount> {
        (scale <= MAX_SCALE).then(|| Amount { units, scale }.normalized())
    }

    /// The amount's units and decimals (`units / 10^scale`), in its shortest form.
    pub fn units(self) -> (U256, u8) {
        (self.units, self.scale)
    }

    fn normalized(mut self) -> Amount {
        if self.units.is_zero() {
            return Amount::ZERO;
        }
        // Units that fit 64 bits (most amounts) are shortened with 64-bit division.
        if let Some(mut v) = small(self.units).and_then(|v| u64::try_from(v).ok()) {
            while self.scale > 0 && v % 10 == 0 {
                v /= 10;
                self.scale -= 1;
            }
            self.units = U256::from(v);
            return self;
        }
        let ten = U256::from(10u64);
        while self.scale > 0 && last_digit(self.units) == 0 {
            let (q, r) = self.units.div_rem(ten);
            if !r.is_zero() {
                break;
            }
            self.units = q;
            self.scale -= 1;
        }
        self
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
        // Trailing zero decimals say nothing; dropped before counting the decimals.
        let frac_part = frac_part.trim_end_matches('0');
        let too_precise = || AmountError::TooPrecise(raw.to_owned());
        let scale = u8::try_from(frac_part.len())
            .ok()
            .filter(|s| *s <= MAX_SCALE)
            .ok_or_else(too_precise)?;
        let digits = format!("{int_part}{frac_part}");
        let units = digits.parse::<U256>().map_err(|_| too_precise())?;
        Ok(Amount { units, scale }.normalized())
    }

    /// An amount given in base units (wei, satoshi, token units) of an asset with `decimals`
    /// decimal places: `from_base_units("1500000000000000000", 18)` is 1.5. With no
    /// decimals the amount is read as written.
    pub fn from_base_units(raw: &str, decimals: u32) -> Result<Amount, AmountError> {
        let units = Amount::parse(raw)?;
        // No decimals: the amount is as written (a graph file's plain weights).
        if decimals == 0 {
            return Ok(units);
        }
        if units.scale > 0 {
            return Err(AmountError::FractionalUnits(raw.to_owned()));
        }
        let scale = u8::try_from(decimals)
            .ok()
            .filter(|s| *s <= MAX_SCALE)
            .ok_or_else(|| AmountError::TooPrecise(raw.to_owned()))?;
        Ok(Amount {
            units: units.units,
            scale,
        }
        .normalized())
    }

    /// Both amounts' units at their common (larger) scale, in 512 bits (always room: 256-bit
    /// units times at most 10^77 < 2^256).
    fn aligned(self, other: Amount) -> (U512, U512, u8) {
        if self.scale == other.scale {
            return (U512::from(self.units), U512::from(other.units), self.scale);
        }
        let scale = self.scale.max(other.scale);
        let up = |a: Amount| U512::from(a.units) * ten_to::<512, 8>(scale - a.scale);
        (up(self), up(other), scale)
    }

    /// An amount from units at `scale` held in 512 bits, if it fits in 256 (else `None`).
    fn from_wide(units: U512, scale: u8) -> Option<Amount> {
        let units = U256::checked_from_limbs_slice(units.as_limbs())?;
        Some(Amount { units, scale }.normalized())
    }

    /// Adds exactly; `None` if the sum no longer fits.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        if let Some((a, b, scale)) = aligned_small(self, other) {
            if let Some(sum) = a.checked_add(b) {
                return Some(
                    Amount {
                        units: U256::from(sum),
                        scale,
                    }
                    .normalized(),
                );
            }
        }
        if self.scale == other.scale {
            let units = self.units.checked_add(other.units)?;
            return Some(Amount { units, ..self }.normalized());
        }
        let (a, b, scale) = self.aligned(other);
        Amount::from_wide(a + b, scale)
    }

    /// Adds exactly where the sum fits; where it fits only with fewer decimals (a whole number
    /// near 2^256 units plus a fine fraction), those decimals are cut (towards zero: still a
    /// true lower bound); only a sum whose whole part is past 2^256 − 1 stays at `MAX`, which
    /// every figure shows as "≥". Sums of a case's transfers never come near either.
    pub fn saturating_add(self, other: Amount) -> Amount {
        if let Some(sum) = self.checked_add(other) {
            return sum;
        }
        let (a, b, mut scale) = self.aligned(other);
        let mut sum = a + b;
        let ten = U512::from(10u64);
        while sum > U512::from(U256::MAX) && scale > 0 {
            sum /= ten;
            scale -= 1;
        }
        Amount::from_wide(sum, scale).unwrap_or(Amount::MAX)
    }

    /// Subtracts, never going below zero.
    pub fn saturating_sub(self, other: Amount) -> Amount {
        self.checked_sub(other).unwrap_or(Amount::ZERO)
    }

    /// Subtracts; `None` when `other` is larger (amounts are never negative). Exact, except
    /// where the difference of a 256-bit amount and a far finer one needs more than 256 bits
    /// at the finer one's decimals: then it is cut (towards zero) to the decimals that fit.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        if self.scale == other.scale {
            let units = self.units.checked_sub(other.units)?;
            return Some(Amount { units, ..self }.normalized());
        }
        let (a, b, mut scale) = self.aligned(other);
        if b > a {
            return None;
        }
        let mut d = a - b;
        let ten = U512::from(10u64);
        while d > U512::from(U256::MAX) && scale > 0 {
            d /= ten;
            scale -= 1;
        }
        Amount::from_wide(d, scale)
    }

    /// `self × part ÷ whole`: the share of `self` that `part` is of `whole`, with the share
    /// capped at 1 (zero when `whole` is zero). Exact where the quotient has at most
    /// `SHARE_SCALE` decimals (or as many as `self` has); otherwise cut there (towards zero),
    /// never through `f64`. Shares of shares keep that many decimals, so a trace's sums stay
    /// far from the 256-bit limit.
    pub fn share(self, part: Amount, whole: Amount) -> Amount {
        if whole.is_zero() || part.is_zero() || self.is_zero() {
            return Amount::ZERO;
        }
        if part >= whole {
            return self;
        }
        let scale = self.scale.max(SHARE_SCALE);
        let power = ten_to::<256, 4>(scale - self.scale);
        // The usual case in a trace: part and whole fit 128 bits at their common scale and the
        // product fits 256 bits, which wasm works out far faster than 512.
        if let Some((p, w, _)) = aligned_small(part, whole) {
            let (p, w) = (U256::from(p), U256::from(w));
            if self.units.bit_len() + p.bit_len() + power.bit_len() <= 255 {
                let units = self.units * p * power / w;
                return Amount { units, scale }.normalized();
            }
        }
        let (p, w, _) = part.aligned(whole);
        // Else everything fits in 512 bits, which is much cheaper than 1024.
        if self.units.bit_len() + p.bit_len() + power.bit_len() <= 511 && w <= U512::from(U256::MAX)
        {
            let numerator = U512::from(self.units) * p * U512::from(power);
            let units = numerator / w;
            if let Some(units) = U256::checked_from_limbs_slice(units.as_limbs()) {
                return Amount { units, scale }.normalized();
            }
        }
        let (mut p, mut w) = (U1024::from(p), U1024::from(w));
        // Keeps the product below 2^1024: only for parts and wholes past 2^256 units at their
        // common scale, whose ratio then keeps 256 bits.
        while w > U1024::from(U256::MAX) {
            p >>= 1;
            w >>= 1;
        }
        let mut scale = self.scale.max(SHARE_SCALE);
        let numerator = U1024::from(self.units) * p * ten_to::<1024, 16>(scale - self.scale);
        let mut units = numerator / w;
        // The share is below `self`, so it fits at `self`'s own scale; at a finer one it may
        // not, then a decimal is given up at a time.
        let ten = U1024::from(10u64);
        while units > U1024::from(U256::MAX) && scale > self.scale {
            units /= ten;
            scale -= 1;
        }
        U256::checked_from_limbs_slice(units.as_limbs())
            .map_or(self, |units| Amount { units, scale }.normalized())
    }

    /// `self × other` (a quantity times a price): exact where the product has at most
    /// `MAX_SCALE` decimals and fits; else decimals are cut (towards zero) until it does.
    /// `None` when even its whole part is past 2^256 − 1.
    pub fn times(self, other: Amount) -> Option<Amount> {
        let mut units = U512::from(self.units) * U512::from(other.units);
        let mut scale = u16::from(self.scale) + u16::from(other.scale);
        let ten = U512::from(10u64);
        while scale > u16::from(MAX_SCALE) || (units > U512::from(U256::MAX) && scale > 0) {
            units /= ten;
            scale -= 1;
        }
        Amount::from_wide(units, u8::try_from(scale).ok()?)
    }

    /// `part ÷ whole × denominator`, rounded half away from zero (`None` when `whole` is zero):
    /// e.g. tenths of a percent with 1,000.
    pub fn ratio_rounded(part: Amount, whole: Amount, denominator: u64) -> Option<U256> {
        if whole.is_zero() {
            return None;
        }
        let (p, w, _) = part.aligned(whole);
        let (p, w) = (U1024::from(p), U1024::from(w));
        let twice = p * U1024::from(denominator) * U1024::from(2u64) + w;
        let q = twice / (w * U1024::from(2u64));
        Some(U256::checked_from_limbs_slice(q.as_limbs()).unwrap_or(U256::MAX))
    }

    /// This amount rounded to `decimals` decimals, half away from zero.
    pub fn round_to(self, decimals: u8) -> Amount {
        if self.scale <= decimals {
            return self;
        }
        let cut = ten_to::<512, 8>(self.scale - decimals);
        let (q, r) = U512::from(self.units).div_rem(cut);
        let up = r * U512::from(2u64) >= cut;
        let q = if up { q + U512::from(1u64) } else { q };
        // q is at most a tenth of the units plus one: it always fits.
        Amount::from_wide(q, decimals).unwrap_or(Amount::MAX)
    }

    /// An approximation for drawing (edge widths, scales). Never feed it back into the model.
    pub fn to_f64_lossy(self) -> f64 {
        let units: f64 = self.units.into();
        units / 10f64.powi(i32::from(self.scale))
    }

    pub fn is_zero(self) -> bool {
        self.units.is_zero()
    }

    /// The amount's exact binary form (its units as 32 bytes, little-endian, and its scale),
    /// for passing it between threads.
    pub fn to_bytes(self) -> ([u8; 32], u8) {
        (self.units.to_le_bytes::<32>(), self.scale)
    }

    /// The amount's units as four 64-bit limbs, lowest first, and its scale: `to_bytes` in a
    /// form a variable-length encoding writes short (most amounts fit the first limb).
    pub fn to_limbs(self) -> ([u64; 4], u8) {
        (*self.units.as_limbs(), self.scale)
    }

    /// An amount from `to_limbs`; `None` for a scale over `MAX_SCALE`.
    pub fn from_limbs((limbs, scale): ([u64; 4], u8)) -> Option<Amount> {
        Amount::from_units(U256::from_limbs(limbs), scale)
    }

    /// An amount from `to_bytes`; `None` for a scale over `MAX_SCALE`.
    pub fn from_bytes((units, scale): ([u8; 32], u8)) -> Option<Amount> {
        Amount::from_units(U256::from_le_bytes(units), scale)
    }
}

impl Ord for Amount {
    fn cmp(&self, other: &Amount) -> Ordering {
        if self.scale == other.scale {
            return self.units.cmp(&other.units);
        }
        if let Some((a, b, _)) = aligned_small(*self, *other) {
            return a.cmp(&b);
        }
        let (a, b, _) = self.aligned(*other);
        a.cmp(&b)
    }
}

impl PartialOrd for Amount {
    fn partial_cmp(&self, other: &Amount) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Amount {
    /// The exact decimal: `1250.000000000000000001`, `0.5`, `12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{int}.{frac}")
    }
}

impl FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod digit_tests {
    use super::*;

    #[test]
    fn the_last_digit_from_limbs_is_the_last_digit() {
        let mut x = U256::from(1u64);
        let three = U256::from(3u64);
        for _ in 0..160 {
            let expected = (x % U256::from(10u64)).to::<u64>() as u8;
            assert_eq!(last_digit(x), expected, "{x}");
            x = x * three + U256::from(7u64);
        }
        assert_eq!(last_digit(U256::MAX), 5);
    }
}
