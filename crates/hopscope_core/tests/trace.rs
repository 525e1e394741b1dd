//! Tracing the stolen amount: hand-worked haircut and FIFO results, the amount conserved (what
//! every address still holds, with what swap contracts took, adds up to what left the seeds),
//! FIFO never spending stolen value before it arrived, a swap contract reported as swapped and
//! not as holding, and a cash-out table for the demo case.

mod common;

/// A case over addresses `n0…` from (from, to, amount, time) rows; `n0` is the seed and the
/// listed addresses are exchanges.
fn case_of(
    n: usize,
    rows: &[(usize, usize, u32, i64)],
    exchanges: &[usize],
) -> (Case, Vec<NodeId>) {
    let categories: Vec<(usize, Category)> =
        exchanges.iter().map(|&i| (i, Category::Exchange)).collect();
    common::small_case(n, rows, &categories)
}

use std::collections::HashMap;

use hopscope_core::model::{Amount, Asset, Category};
use hopscope_core::trace::{trace, Method, Trace};
use hopscope_core::{parse_case, Case, NodeId};
use proptest::prelude::*;

#[test]
fn haircut_and_fifo_by_hand() {
    // The thief (n0) sends 10 to A (n1); a clean 10 arrives from n2; A sends 5 to B (n3), then
    // 15 to an exchange (n4).
    let rows = [(0, 1, 10, 1), (2, 1, 10, 2), (1, 3, 5, 3), (1, 4, 15, 4)];
    let (case, ids) = case_of(5, &rows, &[4]);
    let eth = Asset::new("ETH");
    let h = trace(&case, &case.seeds, &eth, Method::Haircut);
    assert_eq!(h.left_seeds, a("10"));
    assert_eq!(
        (h.held_by(ids[3]), h.held_by(ids[4])),
        (a("2.5"), a("7.5")),
        "half of each payment"
    );
    assert_eq!(h.cashout, vec![(ids[4], a("7.5"))]);
    let f = trace(&case, &case.seeds, &eth, Method::Fifo);
    assert_eq!(
        (f.held_by(ids[3]), f.held_by(ids[4])),
        (a("5"), a("5")),
        "the oldest receipt first"
    );
    assert_eq!(f.cashout, vec![(ids[4], a("5"))]);
    assert_eq!(f.received_by(ids[1]), a("10"));
}

fn a(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

/// Within rounding in the 28th significant digit (a proportional share that does not end).
fn close(x: Amount, y: Amount) -> bool {
    let difference = x.saturating_sub(y).saturating_add(y.saturating_sub(x));
    difference.to_f64_lossy() <= 1e-20 * y.to_f64_lossy().max(1.0)
}

/// What every address still holds plus what swap contracts took.
fn accounted(t: &Trace) -> Amount {
    t.held
        .values()
        .fold(Trace::total(&t.swapped), |sum, v| sum.saturating_add(*v))
}

#[test]
fn thirds_stay_exact_enough_and_add_up() {
    // 10 stolen and 20 clean meet at A, which pays 1 to B: a third of it is stolen.
    let rows = [(0, 1, 10, 1), (2, 1, 20, 2), (1, 3, 1, 3)];
    let (case, ids) = case_of(4, &rows, &[]);
    let h = trace(&case, &case.seeds, &Asset::new("ETH"), Method::Haircut);
    assert_eq!(
        h.held_by(ids[3]).to_string(),
        "0.3333333333333333333333333333"
    );
    assert!(close(accounted(&h), h.left_seeds));
}

#[test]
fn a_swap_contract_is_swapped_not_followed_and_holds_nothing() {
    // The thief (n0) sends 100 to a DEX router (n1, DeFi); the router pays 40 of the same asset
    // to another trader (n2), who sends it to an exchange (n3).
    let rows = [(0, 1, 100, 1), (1, 2, 40, 2), (2, 3, 40, 3)];
    let (case, ids) = common::small_case(4, &rows, &[(1, Category::Defi), (3, Category::Exchange)]);
    for method in [Method::Haircut, Method::Fifo] {
        let t = trace(&case, &case.seeds, &Asset::new("ETH"), method);
        assert_eq!(t.swapped, vec![(ids[1], a("100"))], "{method:?}");
        assert_eq!(t.swapped_at(ids[1]), Some(a("100")));
        assert_eq!(t.held_by(ids[1]), Amount::ZERO, "a pool does not hold it");
        assert_eq!(t.received_by(ids[1]), a("100"));
        assert_eq!(t.received_by(ids[2]), Amount::ZERO, "another trader's swap");
        assert!(t.cashout.is_empty());
        assert_eq!(accounted(&t), t.left_seeds);
    }
}

#[test]
fn the_demo_case_cashes_out_at_exchanges() {
    let case = parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value;
    for method in [Method::Haircut, Method::Fifo] {
        let t = trace(&case, &case.seeds, &Asset::new("ETH"), method);
        assert!(t.left_seeds > Amount::ZERO);
        assert!(
            !t.cashout.is_empty(),
            "{method:?}: some stolen ETH reaches an exchange"
        );
        assert!(close(accounted(&t), t.left_seeds));
    }
}

fn arb_rows() -> impl Strategy<Value = (usize, Vec<(usize, usize, u32, i64)>)> {
    (2usize..15).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, 1u32..1000, 0i64..30), 0..80),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(500)))]

    #[test]
    fn the_stolen_amount_is_conserved_and_fifo_spends_only_what_arrived((n, rows) in arb_rows(), fifo in any::<bool>()) {
        let (case, _) = case_of(n, &rows, &[]);
        let method = if fifo { Method::Fifo } else { Method::Haircut };
        let t = trace(&case, &case.seeds, &Asset::new("ETH"), method);
        prop_assert!(close(accounted(&t), t.left_seeds), "held {:?} vs left {}", t.held, t.left_seeds);
        // No address ever sends more stolen value than it has received so far.
        let mut balance: HashMap<NodeId, Amount> = HashMap::new();
        for &k in &t.order {
            let tr = &case.graph.transfers()[k];
            let c = t.carried[k].get();
            prop_assert!(c <= tr.amount);
            if !case.seeds.contains(&tr.from) {
                let b = balance.entry(tr.from).or_default();
                // Within rounding in the 28th significant digit.
                prop_assert!(c <= *b || close(c, *b), "spent {} of {}", c, b);
                *b = b.saturating_sub(c);
            }
            let b = balance.entry(tr.to).or_default();
            *b = b.saturating_add(c);
        }
    }
}
