//! Amounts kept in half the room: `Amount` is 40 bytes (a 256-bit number and its decimals),
//! and a case of a million transfers keeps one for each fee and each dollar value besides the
//! amount itself. Units below 2^128 (every fee, every dollar value a file gives, nearly every
//! amount) are kept inline in 17 bytes; a bigger one is boxed. Nothing is rounded: `get`
//! gives back exactly the amount packed.

use ruint::aliases::U256;

use super::Amount;

/// An `Amount` packed (`Amount::pack`, `Packed::get`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Packed(Repr);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Repr {
    /// The units' 128 bits as four 32-bit words, lowest first (32-bit words keep the type's
    /// alignment at 4 in wasm), and the decimals.
    Small([u32; 4], u8),
    Big(Box<Amount>),
}

impl Amount {
    /// The amount in a `Packed`.
    pub fn pack(self) -> Packed {
        let (units, scale) = self.units();
        let limbs = units.as_limbs();
        if limbs[2] == 0 && limbs[3] == 0 {
            let words = [
                limbs[0] as u32,
                (limbs[0] >> 32) as u32,
                limbs[1] as u32,
                (limbs[1] >> 32) as u32,
            ];
            Packed(Repr::Small(words, scale))
        } else {
            Packed(Repr::Big(Box::new(self)))
        }
    }
}

impl Packed {
    pub fn is_zero(&self) -> bool {
        match &self.0 {
            Repr::Small(w, _) => *w == [0; 4],
            Repr::Big(amount) => amount.is_zero(),
        }
    }

    /// The amount, exactly as packed.
    pub fn get(&self) -> Amount {
        match &self.0 {
            Repr::Small(w, scale) => {
                let lo = u64::from(w[0]) | u64::from(w[1]) << 32;
                let hi = u64::from(w[2]) | u64::from(w[3]) << 32;
                // Packed from an amount, so the scale is one an amount has.
                Amount::from_units(U256::from_limbs([lo, hi, 0, 0]), *scale).unwrap_or_default()
            }
            Repr::Big(amount) => **amount,
        }
    }
}

impl std::fmt::Display for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl From<Amount> for Packed {
    fn from(amount: Amount) -> Packed {
        amount.pack()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_amount_comes_back_exactly() {
        let max_u128 = u128::MAX.to_string();
        let past_u128 = "340282366920938463463374607431768211456";
        let texts = [
            "0",
            "1",
            "0.000000000000000001",
            "2084.31",
            "123456789.123456789",
            max_u128.as_str(),
            past_u128,
            "115792089237316195423570985008687907853269984665640564039457584007913129639935",
            "0.00000000000000000000000000000000000000000000000000000000000000000000000000001",
        ];
        for text in texts {
            let amount = Amount::parse(text).unwrap();
            let packed = amount.pack();
            assert_eq!(packed.get(), amount, "{text}");
            assert_eq!(
                matches!(packed.0, Repr::Big(_)),
                amount.units().0 > U256::from(u128::MAX),
                "{text}"
            );
        }
        assert!(std::mem::size_of::<Option<Packed>>() <= 24);
    }
}
