//! `Amount`'s unit tests: parsing, base units, bytes, shares, sums across scales, rounding.
use super::*;

/// 2^256 − 1, the most base units an EVM holds.
const U256_MAX: &str =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

#[test]
fn bytes_round_trip_and_bad_bytes_are_refused() {
    for raw in [
        "0",
        "1250.000000000000000001",
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
        U256_MAX,
    ] {
        let a = Amount::parse(raw).unwrap();
        assert_eq!(Amount::from_bytes(a.to_bytes()), Some(a), "{raw}");
    }
    let (units, _) = Amount::parse("1").unwrap().to_bytes();
    assert_eq!(Amount::from_bytes((units, MAX_SCALE + 1)), None);
    // Bytes with trailing zero decimals are the same amount as the short form.
    let mut ten = [0u8; 32];
    ten[0] = 10;
    assert_eq!(
        Amount::from_bytes((ten, 1)),
        Some(Amount::parse("1").unwrap())
    );
}

fn check(raw: &str, expected: Result<&str, ()>) {
    let got = Amount::parse(raw).map(|a| a.to_string()).map_err(|_| ());
    assert_eq!(got, expected.map(str::to_owned), "parsing {raw:?}");
}

#[test]
fn parses_exact_decimals() {
    check("0", Ok("0"));
    check("0.000", Ok("0"));
    check("12.50", Ok("12.5"));
    check("007", Ok("7"));
    check("1250.000000000000000001", Ok("1250.000000000000000001"));
    check(
        "4000000000000000000000000000",
        Ok("4000000000000000000000000000"),
    );
    check(U256_MAX, Ok(U256_MAX));
    // 77 decimals: the finest a 256-bit amount holds.
    let finest = format!("0.{}1", "0".repeat(76));
    check(&finest, Ok(&finest));
}

#[test]
fn rejects_what_is_not_a_plain_decimal() {
    for raw in [
        "", ".", "1.", ".5", "1e18", "-3", "0x10", "1,5", "NaN", "12 5", "+1",
    ] {
        check(raw, Err(()));
    }
    assert!(matches!(Amount::parse("-3"), Err(AmountError::Negative(_))));
    // One more than 2^256 − 1 units, and 78 decimals, do not fit.
    let over = "115792089237316195423570985008687907853269984665640564039457584007913129639936";
    assert!(matches!(
        Amount::parse(over),
        Err(AmountError::TooPrecise(_))
    ));
    assert!(matches!(
        Amount::parse(&format!("0.{}1", "0".repeat(77))),
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
    // Any uint256 token balance: 2^256 − 1 wei.
    assert_eq!(
        eth(U256_MAX),
        Ok(
            "115792089237316195423570985008687907853269984665640564039457.584007913129639935"
                .to_owned()
        )
    );
    assert_eq!(
        Amount::from_base_units("1", 77).map(|a| a.to_string()),
        Ok(format!("0.{}1", "0".repeat(76)))
    );
    assert!(Amount::from_base_units("1", 78).is_err());
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
    let big = a(U256_MAX);
    assert_eq!(big.share(big, big), big);
    let half = big.share(a("1"), a("2"));
    assert!(half <= big, "no overflow");
    // Its exact half needs a decimal 256 bits cannot hold at that size: cut there.
    assert_eq!(
        half.to_string(),
        "57896044618658097711785492504343953926634992332820282019728792003956564819967"
    );
    assert_eq!(big.saturating_add(big), Amount::MAX);
    assert!(big.saturating_add(big).is_saturated());
    // A sum that fits only with fewer decimals keeps its whole part (a true lower bound),
    // never jumping to MAX.
    let fine = a(&format!("0.{}1", "0".repeat(76)));
    assert_eq!(a("2").saturating_add(fine).to_string(), "2");
    assert_eq!(a("2").checked_add(fine), None, "not exactly");
    // A wei-scale share of a share keeps its digits.
    let wei = Amount::from_base_units("1000000000000000001", 18).unwrap();
    assert_eq!(
        wei.share(a("1"), a("4")).to_string(),
        "0.25000000000000000025"
    );
}

#[test]
fn sums_and_orders_across_scales() {
    let a = |s: &str| Amount::parse(s).unwrap();
    assert_eq!(a("0.1").checked_add(a("0.2")).unwrap().to_string(), "0.3");
    assert_eq!(
        a("1000000000000000000000000000000")
            .checked_add(a("0.000000000000000000000000000001"))
            .unwrap()
            .to_string(),
        "1000000000000000000000000000000.000000000000000000000000000001"
    );
    assert!(a("0.30") == a("0.3"));
    assert!(a("2") > a("1.999999999999999999999999999999999"));
    assert!(a("0.5") < a("1"));
    assert_eq!(a("2").checked_sub(a("2.5")), None);
    assert_eq!(a("2.5").checked_sub(a("2")).unwrap().to_string(), "0.5");
    // Adding a fine fraction to the largest whole number no longer fits.
    assert_eq!(a(U256_MAX).checked_add(a("0.5")), None);
}

#[test]
fn rounds_half_away_from_zero() {
    let a = |s: &str| Amount::parse(s).unwrap();
    assert_eq!(a("1.2345675").round_to(6).to_string(), "1.234568");
    assert_eq!(a("1.2345674").round_to(6).to_string(), "1.234567");
    assert_eq!(a("0.0000004").round_to(6), Amount::ZERO);
    assert_eq!(a("9.9999999").round_to(6).to_string(), "10");
    assert_eq!(a("3").round_to(0).to_string(), "3");
}

#[test]
fn ratios_round_half_up() {
    let a = |s: &str| Amount::parse(s).unwrap();
    let r = |p: &str, w: &str| Amount::ratio_rounded(a(p), a(w), 1000).map(|u| u.to::<u64>());
    assert_eq!(r("1", "3"), Some(333));
    assert_eq!(r("2", "3"), Some(667));
    assert_eq!(r("1", "0"), None);
    assert_eq!(r("0.0005", "1"), Some(1));
    assert_eq!(r("0.0004", "1"), Some(0));
}

#[test]
fn a_product_is_exact_or_cut_towards_zero() {
    let a = |s: &str| Amount::parse(s).unwrap();
    assert_eq!(a("1.5").times(a("2000.25")), Some(a("3000.375")));
    assert_eq!(a("0").times(a("5")), Some(Amount::ZERO));
    // 60 + 30 decimals: cut to 77.
    let fine = a(&format!("0.{}1", "0".repeat(59)));
    let p = fine.times(a(&format!("0.{}1", "0".repeat(29)))).unwrap();
    assert_eq!(p, Amount::ZERO);
    assert_eq!(Amount::MAX.times(a("10")), None);
}

/// `normalized` by 256-bit division only (no 64-bit shortcut).
fn normalized_the_wide_way(mut a: Amount) -> Amount {
    if a.units.is_zero() {
        return Amount::ZERO;
    }
    let ten = U256::from(10u64);
    while a.scale > 0 {
        let (q, r) = a.units.div_rem(ten);
        if !r.is_zero() {
            break;
        }
        a.units = q;
        a.scale -= 1;
    }
    a
}

/// An amount from units given as four 64-bit limbs (any of them zero or not) and a scale.
fn from_parts(limbs: [u64; 4], scale: u8) -> Amount {
    Amount {
        units: U256::from_limbs(limbs),
        scale,
    }
    .normalized()
}

proptest::proptest! {
    /// The `u128` shortcuts of comparing, adding and shortening agree with the 512-bit way,
    /// near the edges too (units at 2^64 and 2^128, scale gaps past 10^38).
    #[test]
    fn shortcuts_agree_with_the_wide_way(
        a in proptest::array::uniform4(proptest::prop_oneof![
            proptest::strategy::Just(0u64),
            proptest::strategy::Just(u64::MAX),
            0u64..1000,
            proptest::num::u64::ANY,
        ]),
        b in proptest::array::uniform4(proptest::prop_oneof![
            proptest::strategy::Just(0u64),
            proptest::strategy::Just(u64::MAX),
            0u64..1000,
            proptest::num::u64::ANY,
        ]),
        small_a in proptest::bool::ANY,
        small_b in proptest::bool::ANY,
        sa in 0u8..=MAX_SCALE,
        sb in 0u8..=MAX_SCALE,
    ) {
        let cut = |mut l: [u64; 4], small: bool| { if small { l[2] = 0; l[3] = 0; } l };
        let x = from_parts(cut(a, small_a), sa);
        let y = from_parts(cut(b, small_b), sb);
        let (wx, wy, scale) = x.aligned(y);
        proptest::prop_assert_eq!(x.cmp(&y), wx.cmp(&wy));
        proptest::prop_assert_eq!(x.checked_add(y), Amount::from_wide(wx + wy, scale));
        // Shortened the 64-bit way or the wide way: the same value, no trailing zero decimal,
        // and the form the wide loop alone gives.
        let raw = Amount { units: U256::from_limbs(cut(a, small_a)), scale: sa };
        let (r, n, _) = raw.aligned(x);
        proptest::prop_assert_eq!(r, n);
        proptest::prop_assert!(x.scale == 0 || last_digit(x.units) != 0 || x.units.is_zero());
        proptest::prop_assert_eq!(x, normalized_the_wide_way(raw));
    }
}

#[test]
fn the_64_bit_shortcut_stops_exactly_where_a_u64_overflows() {
    for k in 0..20u8 {
        for units in [
            U64_ROOM[usize::from(k)],
            U64_ROOM[usize::from(k)].saturating_add(1),
        ] {
            let whole = from_parts([units, 0, 0, 0], 0);
            let fine = from_parts([7, 0, 0, 0], k);
            let (wx, wy, scale) = whole.aligned(fine);
            assert_eq!(
                whole.cmp(&fine),
                wx.cmp(&wy),
                "{units} at scale 0 against 7e-{k}"
            );
            assert_eq!(
                whole.checked_add(fine),
                Amount::from_wide(wx + wy, scale),
                "{units} + 7e-{k}"
            );
        }
    }
}

/// `share` by the widest way only (1024 bits), for comparing with its shortcuts.
fn share_the_wide_way(of: Amount, part: Amount, whole: Amount) -> Amount {
    if whole.is_zero() || part.is_zero() || of.is_zero() {
        return Amount::ZERO;
    }
    if part >= whole {
        return of;
    }
    let (p, w, _) = part.aligned(whole);
    let (mut p, mut w) = (U1024::from(p), U1024::from(w));
    while w > U1024::from(U256::MAX) {
        p >>= 1;
        w >>= 1;
    }
    let mut scale = of.scale.max(SHARE_SCALE);
    let mut units = U1024::from(of.units) * p * ten_to::<1024, 16>(scale - of.scale) / w;
    while units > U1024::from(U256::MAX) && scale > of.scale {
        units /= U1024::from(10u64);
        scale -= 1;
    }
    U256::checked_from_limbs_slice(units.as_limbs())
        .map_or(of, |units| Amount { units, scale }.normalized())
}

proptest::proptest! {
    /// A share worked out in 256 or 512 bits is the one the 1024-bit way gives.
    #[test]
    fn share_shortcuts_agree_with_the_wide_way(
        of in proptest::array::uniform4(proptest::prop_oneof![
            proptest::strategy::Just(0u64), 0u64..1_000_000, proptest::num::u64::ANY,
        ]),
        part in proptest::array::uniform4(proptest::prop_oneof![
            proptest::strategy::Just(0u64), 0u64..1_000_000, proptest::num::u64::ANY,
        ]),
        whole in proptest::array::uniform4(proptest::prop_oneof![
            proptest::strategy::Just(0u64), 0u64..1_000_000, proptest::num::u64::ANY,
        ]),
        small in proptest::array::uniform3(proptest::bool::ANY),
        scales in proptest::array::uniform3(0u8..=MAX_SCALE),
    ) {
        let cut = |mut l: [u64; 4], small: bool| { if small { l[1] = 0; l[2] = 0; l[3] = 0; } l };
        let of = from_parts(cut(of, small[0]), scales[0]);
        let part = from_parts(cut(part, small[1]), scales[1]);
        let whole = from_parts(cut(whole, small[2]), scales[2]);
        proptest::prop_assert_eq!(of.share(part, whole), share_the_wide_way(of, part, whole));
    }
}
