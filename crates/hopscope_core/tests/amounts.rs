//! Property tests of exact amounts: any 256-bit number of base units with any number of
//! decimals up to 77 is written and read back unchanged (as text, as the worker's bytes, in a
//! case file), sums and differences are exact, ordering agrees with the numbers, and no text
//! makes the parser panic.

mod common;

use hopscope_core::model::{Amount, MAX_SCALE};
use proptest::prelude::*;
use ruint::aliases::U256;

fn any_amount() -> impl Strategy<Value = Amount> {
    (any::<[u64; 4]>(), 0..=MAX_SCALE)
        .prop_map(|(limbs, scale)| Amount::from_units(U256::from_limbs(limbs), scale).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(2000)))]

    #[test]
    fn text_and_bytes_round_trip_exactly(a in any_amount()) {
        let text = a.to_string();
        prop_assert_eq!(Amount::parse(&text), Ok(a));
        prop_assert_eq!(Amount::from_bytes(a.to_bytes()), Some(a));
        // Base units and decimals give the same amount back.
        let (units, scale) = a.units();
        prop_assert_eq!(Amount::from_base_units(&units.to_string(), u32::from(scale)), Ok(a));
    }

    #[test]
    fn sums_are_exact_or_say_they_overflowed(a in any_amount(), b in any_amount()) {
        match a.checked_add(b) {
            Some(sum) => {
                prop_assert_eq!(b.checked_add(a), Some(sum));
                prop_assert_eq!(sum.checked_sub(b), Some(a), "exact when the sum was");
                prop_assert!(sum >= a && sum >= b);
            }
            // Not exactly: decimals were given up (a lower bound at a coarser scale), or the
            // whole part itself is past 256 bits and the sum stays at MAX ("≥").
            None => {
                let s = a.saturating_add(b);
                let finest = a.units().1.max(b.units().1);
                prop_assert!(s.is_saturated() || s.units().1 < finest, "{} + {} = {}", a, b, s);
                prop_assert!(s >= a.min(b));
            }
        }
        prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
        // A difference exists exactly when it is not negative, and is never more than `a`.
        prop_assert_eq!(a.checked_sub(b).is_some(), b <= a);
        if let Some(d) = a.checked_sub(b) {
            prop_assert!(d <= a);
        }
    }

    #[test]
    fn a_share_is_never_more_than_the_whole(a in any_amount(), p in any_amount(), w in any_amount()) {
        let s = a.share(p, w);
        prop_assert!(s <= a);
        if p >= w && !w.is_zero() && !p.is_zero() {
            prop_assert_eq!(s, a);
        }
    }

    #[test]
    fn no_text_makes_the_parser_panic(text in "\\PC{0,100}") {
        let _ = Amount::parse(&text);
        let _ = Amount::from_base_units(&text, 18);
    }

    #[test]
    fn digit_strings_are_read_exactly_or_refused(int in "[0-9]{1,90}", frac in "[0-9]{0,90}") {
        let text = if frac.is_empty() { int.clone() } else { format!("{int}.{frac}") };
        if let Ok(a) = Amount::parse(&text) {
            // The same number, written in its shortest form.
            let canon = |s: &str| {
                let (i, f) = s.split_once('.').unwrap_or((s, ""));
                let i = i.trim_start_matches('0');
                let f = f.trim_end_matches('0');
                format!("{}{}{}", if i.is_empty() { "0" } else { i }, if f.is_empty() { "" } else { "." }, f)
            };
            prop_assert_eq!(canon(&a.to_string()), canon(&text));
        }
    }
}

mod written {
    //! The reader of amounts as exports write them (`format::number`): never a panic, and any
    //! amount written with grouped thousands, a unit, a currency sign or an exponent reads back
    //! exactly.
    use super::*;
    use hopscope_core::format::number::read_amount;

    /// `a` with its whole part grouped in threes by `sep`.
    fn grouped(a: Amount, sep: char) -> String {
        let text = a.to_string();
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        if frac.is_empty() {
            out
        } else {
            format!("{out}.{frac}")
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(common::cases(1000)))]

        #[test]
        fn no_text_makes_the_reader_panic(text in "\\PC{0,80}") {
            let _ = read_amount(&text);
        }

        #[test]
        fn grouped_amounts_with_units_read_back_exactly(
            a in any_amount(),
            sep in prop::sample::select(vec![',', '\'', ' ']),
            unit in prop::sample::select(vec!["ETH", "USDC.e", "BTC", "WBTC"]),
        ) {
            let w = read_amount(&grouped(a, sep)).unwrap();
            prop_assert_eq!((w.amount, w.unit), (a, None));
            let w = read_amount(&format!("{} {unit}", grouped(a, ','))).unwrap();
            prop_assert_eq!((w.amount, w.unit.as_deref()), (a, Some(unit)));
            let w = read_amount(&format!("${}", grouped(a, ','))).unwrap();
            prop_assert_eq!((w.amount, w.unit.as_deref()), (a, Some("USD")));
        }

        #[test]
        fn exponents_read_exactly(units in any::<u64>(), exp in -40i32..40) {
            let text = format!("{units}e{exp}");
            let got = read_amount(&text).map(|w| w.amount);
            // The same number written out in full.
            let scale = u8::try_from(-exp.min(0)).unwrap();
            let expected = if exp >= 0 {
                Amount::parse(&format!("{units}{}", "0".repeat(exp as usize)))
            } else {
                Ok(Amount::from_units(U256::from(units), scale).unwrap())
            };
            prop_assert_eq!(got.ok(), expected.ok());
        }
    }
}

mod forms {
    //! What an address's form says of its chain (`model::address_form`): never a panic, and
    //! the same answer for an address however it is padded or cased where case does not count.
    use super::*;
    use hopscope_core::model::address_form::form_of;
    use hopscope_core::model::Address;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(common::cases(1000)))]

        #[test]
        fn no_text_makes_it_panic(text in "\\PC{0,120}") {
            let _ = form_of(&text);
            let _ = Address::normalized(&text);
        }

        #[test]
        fn evm_addresses_are_one_however_written(bytes in any::<[u8; 20]>()) {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let lower = format!("0x{hex}");
            let upper = format!("0x{}", hex.to_uppercase());
            let bytea = format!("\\x{hex}");
            prop_assert_eq!(form_of(&lower).map(|f| f.chain), Some("ethereum"));
            prop_assert_eq!(Address::new(&upper), Address::new(&lower));
            prop_assert_eq!(Address::new(&bytea), Address::new(&lower));
            prop_assert_eq!(Address::new(&format!("  {lower} ")), Address::new(&lower));
        }
    }
}
