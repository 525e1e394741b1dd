//! Tracing the stolen amount: hand-worked haircut and FIFO results, the amount conserved (what
//! every address still holds adds up to what left the seeds), FIFO never spending stolen value
//! before it arrived, and a cash-out table for the demo case.

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

use hopscope_core::model::{Asset, Category};
use hopscope_core::trace::{trace, Method};
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
    assert_eq!(h.left_seeds, 10.0);
    assert_eq!(
        (h.held_by(ids[3]), h.held_by(ids[4])),
        (2.5, 7.5),
        "half of each payment"
    );
    assert_eq!(h.cashout, vec![(ids[4], 7.5)]);
    let f = trace(&case, &case.seeds, &eth, Method::Fifo);
    assert_eq!(
        (f.held_by(ids[3]), f.held_by(ids[4])),
        (5.0, 5.0),
        "the oldest receipt first"
    );
    assert_eq!(f.cashout, vec![(ids[4], 5.0)]);
    assert_eq!(f.received_by(ids[1]), 10.0);
}

#[test]
fn the_demo_case_cashes_out_at_exchanges() {
    let case = parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value;
    for method in [Method::Haircut, Method::Fifo] {
        let t = trace(&case, &case.seeds, &Asset::new("ETH"), method);
        assert!(t.left_seeds > 0.0);
        assert!(
            !t.cashout.is_empty(),
            "{method:?}: some stolen ETH reaches an exchange"
        );
        let held: f64 = t.held.values().sum();
        assert!((held - t.left_seeds).abs() <= 1e-6 * t.left_seeds);
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
        let held: f64 = t.held.values().sum();
        prop_assert!((held - t.left_seeds).abs() <= 1e-9 * t.left_seeds.max(1.0), "held {} vs left {}", held, t.left_seeds);
        // No address ever sends more stolen value than it has received so far.
        let mut balance: HashMap<NodeId, f64> = HashMap::new();
        for &k in &t.order {
            let tr = &case.graph.transfers()[k];
            let c = t.carried[k];
            prop_assert!(c <= tr.amount.to_f64_lossy() * (1.0 + 1e-12));
            if !case.seeds.contains(&tr.from) {
                let b = balance.entry(tr.from).or_insert(0.0);
                prop_assert!(c <= *b + 1e-9 * b.max(1.0), "spent {} of {}", c, b);
                *b -= c;
            }
            *balance.entry(tr.to).or_insert(0.0) += c;
        }
    }
}
