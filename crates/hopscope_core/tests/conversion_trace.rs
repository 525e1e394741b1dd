//! The trace across conversions on small cases built row by row: refunds, payouts stamped
//! before their deposit, swaps back to the trader, a pool's links, and (property) that no
//! stolen value is ever made out of nothing.

mod common;

use hopscope_core::convert::conversions;
use hopscope_core::infer::LinkKey;
use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TransferId, TxHash,
};
use hopscope_core::trace::{trace_across, Method, Trace};
use hopscope_core::{Case, NodeId};
use proptest::prelude::*;

type Row<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, i64);

fn case_of(rows: &[Row], categories: &[(&str, Category)]) -> Case {
    let mut graph = Graph::new();
    let id = |graph: &mut Graph, a: &str| {
        let category = categories
            .iter()
            .find(|(n, _)| *n == a)
            .map_or(Category::Unknown, |(_, c)| *c);
        graph
            .add_node(Node {
                address: Address::new(a),
                chain: Chain::new("ethereum"),
                label: None,
                label_source: None,
                category,
                tags: vec![],
            })
            .0
    };
    for (i, (tx, from, to, amount, asset, time)) in rows.iter().enumerate() {
        let (from, to) = (id(&mut graph, from), id(&mut graph, to));
        let _ = graph.add_transfer(Transfer {
            tx: TxHash::from((*tx).to_owned()),
            from,
            to,
            amount: Amount::parse(amount).unwrap(),
            asset: Asset::new(asset),
            timestamp: Some(*time),
            chain: None,
            block: None,
            fee: None,
            index: Some(i as u32),
        });
    }
    Case {
        graph,
        ..Case::default()
    }
}

fn node(case: &Case, a: &str) -> NodeId {
    case.graph.node_by_address(&Address::new(a)).unwrap()
}

fn amount(s: &str) -> Amount {
    Amount::parse(s).unwrap()
}

fn across(case: &Case, seed: &str, asset: &str, method: Method) -> Trace {
    let list = conversions(case, &[]);
    trace_across(
        case,
        &[node(case, seed)],
        &Asset::new(asset),
        method,
        &[],
        &[],
        &list,
    )
}

fn got(t: &Trace, id: NodeId, asset: &str) -> Amount {
    t.received_assets(id)
        .iter()
        .find(|(a, _)| a.as_str() == asset)
        .map_or(Amount::ZERO, |(_, v)| *v)
}

#[test]
fn a_refund_carries_its_stolen_share_back_and_the_output_the_rest() {
    let case = case_of(
        &[
            ("0x0", "seed", "thief", "1", "ETH", 10),
            ("0x1", "thief", "router", "1", "ETH", 100),
            ("0x1", "pool", "thief", "2400", "USDC", 100),
            ("0x1", "router", "thief", "0.2", "ETH", 100),
            ("0x2", "thief", "exchange", "0.2", "ETH", 200),
        ],
        &[
            ("router", Category::Defi),
            ("pool", Category::Defi),
            ("exchange", Category::Exchange),
        ],
    );
    for method in [Method::Haircut, Method::Fifo] {
        let t = across(&case, "seed", "ETH", method);
        assert_eq!(got(&t, node(&case, "exchange"), "ETH"), amount("0.2"));
        assert_eq!(got(&t, node(&case, "thief"), "USDC"), amount("2400"));
        // Worth: 0.8 ETH went into the USDC, 0.2 came back; the thief got 1 ETH from the
        // seed and nothing more (its own swap is the same value).
        assert_eq!(t.received_by(node(&case, "thief")), amount("1"));
        let usdc_worth = t.held_by(node(&case, "thief"));
        assert_eq!(usdc_worth, amount("0.8"), "{method:?}");
    }
}

#[test]
fn a_payout_stamped_before_its_deposit_still_carries_it() {
    let mut case = case_of(
        &[
            ("0x0", "seed", "thief", "10", "ETH", 10),
            ("0xaa11bb22cc33dd44", "thief", "router", "10", "ETH", 1000),
            ("ff01", "vault", "bc1qdest", "0.5", "BTC", 900),
            ("ff02", "bc1qdest", "exchange", "0.5", "BTC", 2000),
        ],
        &[("router", Category::Defi), ("exchange", Category::Exchange)],
    );
    case.facts
        .set_memo(&TxHash::from("0xaa11bb22cc33dd44"), "=:BTC.BTC:bc1qdest");
    case.facts
        .set_memo(&TxHash::from("ff01"), "OUT:AA11BB22CC33DD44");
    let t = across(&case, "seed", "ETH", Method::Haircut);
    assert_eq!(got(&t, node(&case, "exchange"), "BTC"), amount("0.5"));
    assert_eq!(Trace::total(&t.cashout), amount("10"));
}

#[test]
fn one_withdrawal_linked_to_two_deposits_leaves_the_rest_in_the_pool() {
    let case = case_of(
        &[
            ("0x0", "seed", "a", "2", "ETH", 10),
            ("0x1", "a", "pool", "1", "ETH", 100),
            ("0x2", "a", "pool", "1", "ETH", 110),
            ("0x3", "pool", "b", "1", "ETH", 500),
        ],
        &[("pool", Category::Mixer)],
    );
    let pool = node(&case, "pool");
    let links = [
        LinkKey {
            into: TransferId(1),
            out: TransferId(3),
        },
        LinkKey {
            into: TransferId(2),
            out: TransferId(3),
        },
    ];
    let t = trace_across(
        &case,
        &[node(&case, "seed")],
        &Asset::new("ETH"),
        Method::Haircut,
        &[pool],
        &links,
        &[],
    );
    assert_eq!(t.received_by(node(&case, "b")), amount("1"));
    assert_eq!(Trace::total(&t.absorbed), amount("1"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    /// Whatever the transfers, swaps and refunds: what is held at the end, absorbed and
    /// swapped away is never worth more than what left the seeds.
    #[test]
    fn no_stolen_value_is_made_out_of_nothing(
        rows in proptest::collection::vec((0u8..5, 0u8..5, 1u32..1000, 0u8..3, 0u8..4), 1..40),
        fifo in any::<bool>(),
    ) {
        let names = ["seed", "a", "b", "c", "pool"];
        let assets = ["ETH", "USDC", "WETH"];
        let texts: Vec<(String, String, String, String, String, i64)> = rows
            .iter()
            .enumerate()
            .map(|(i, &(f, t, v, a, tx))| {
                (
                    format!("0x{tx}"),
                    names[f as usize].to_owned(),
                    names[t as usize].to_owned(),
                    format!("{v}"),
                    assets[a as usize].to_owned(),
                    100 + (i as i64 / 3),
                )
            })
            .collect();
        let rows: Vec<Row> = texts
            .iter()
            .map(|(tx, f, t, v, a, time)| (tx.as_str(), f.as_str(), t.as_str(), v.as_str(), a.as_str(), *time))
            .collect();
        let case = case_of(&rows, &[("pool", Category::Defi)]);
        if case.graph.node_by_address(&Address::new("seed")).is_none() {
            return Ok(());
        }
        let method = if fifo { Method::Fifo } else { Method::Haircut };
        let t = across(&case, "seed", "ETH", method);
        let held = t.held.values().fold(Amount::ZERO, |s, v| s.saturating_add(*v));
        let end = held
            .saturating_add(Trace::total(&t.swapped))
            .saturating_add(Trace::total(&t.absorbed));
        // Shares are cut towards zero in their 28th decimal: allow that much per transfer.
        let slack = Amount::parse(&format!("0.{}1", "0".repeat(20))).unwrap();
        let mut allowed = t.left_seeds;
        for _ in 0..rows.len() * 4 {
            allowed = allowed.saturating_add(slack);
        }
        prop_assert!(end <= allowed, "held {held} + swapped + absorbed = {end} > left {}", t.left_seeds);
    }
}

#[test]
fn a_pool_lists_what_it_keeps_per_asset() {
    let case = case_of(
        &[
            ("0x0", "seed", "a", "3", "ETH", 10),
            ("0x1", "a", "pool", "1", "ETH", 100),
            ("0x2", "a", "pool", "1", "ETH", 110),
            ("0x3", "pool", "b", "1", "ETH", 500),
        ],
        &[("pool", Category::Mixer)],
    );
    let pool = node(&case, "pool");
    let links = [LinkKey {
        into: TransferId(1),
        out: TransferId(3),
    }];
    let t = trace_across(
        &case,
        &[node(&case, "seed")],
        &Asset::new("ETH"),
        Method::Fifo,
        &[pool],
        &links,
        &[],
    );
    assert_eq!(t.held_assets(pool), [(Asset::new("ETH"), amount("1"))]);
    assert_eq!(t.held_by(pool), amount("1"));
}

#[test]
fn a_bridge_deposit_paid_out_twice_under_another_name_splits_its_value() {
    let case = case_of(
        &[
            ("0x0", "seed", "a", "10", "USDC", 10),
            ("0x1", "a", "bridge", "10", "USDC", 100),
            ("0x2", "bridge", "b", "5", "USDC.e", 200),
            ("0x3", "bridge", "exchange", "5", "USDC.e", 210),
        ],
        &[
            ("bridge", Category::Bridge),
            ("exchange", Category::Exchange),
        ],
    );
    let links = [
        LinkKey {
            into: TransferId(1),
            out: TransferId(2),
        },
        LinkKey {
            into: TransferId(1),
            out: TransferId(3),
        },
    ];
    let t = trace_across(
        &case,
        &[node(&case, "seed")],
        &Asset::new("USDC"),
        Method::Haircut,
        &[node(&case, "bridge")],
        &links,
        &[],
    );
    assert_eq!(t.received_by(node(&case, "b")), amount("5"));
    assert_eq!(Trace::total(&t.cashout), amount("5"));
}

#[test]
fn payouts_named_by_memo_stay_with_their_deposits_and_untimed_deposits_are_followed() {
    let mut case = case_of(
        &[
            ("0x0", "seed", "t", "20", "ETH", 10),
            ("0xd1", "t", "router", "10", "ETH", 1000),
            ("0xaa22bb33cc44dd55", "t", "router", "10", "ETH", 1100),
            ("bb01", "vault", "bc1qdest", "0.5", "BTC", 1200),
            ("bb02", "vault", "bc1qdest", "0.25", "BTC", 1300),
            ("bb03", "vault", "bc1qdest", "0.25", "BTC", 1310),
        ],
        &[("router", Category::Defi)],
    );
    for tx in ["0xd1", "0xaa22bb33cc44dd55"] {
        case.facts.set_memo(&TxHash::from(tx), "=:BTC.BTC:bc1qdest");
    }
    // The first payout names the second deposit; two later ones name it too.
    case.facts
        .set_memo(&TxHash::from("bb01"), "OUT:AA22BB33CC44DD55");
    case.facts
        .set_memo(&TxHash::from("bb02"), "OUT:AA22BB33CC44DD55");
    let list = conversions(&case, &[]);
    let first = list.iter().find(|c| &*c.tx.as_str() == "0xd1").unwrap();
    let second = list
        .iter()
        .find(|c| &*c.tx.as_str() == "0xaa22bb33cc44dd55")
        .unwrap();
    assert_eq!(second.outputs, [TransferId(3), TransferId(4)]);
    // The first deposit, without an OUT memo, takes the one payout no memo claims.
    assert_eq!(first.outputs, [TransferId(5)]);
    let t = across(&case, "seed", "ETH", Method::Haircut);
    assert_eq!(got(&t, node(&case, "bc1qdest"), "BTC"), amount("1"));
}
