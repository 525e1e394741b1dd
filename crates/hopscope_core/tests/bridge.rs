//! Bridge matching on a constructed case where the true cross-chain hops are known: both true
//! pairs are linked, no decoy is (same chain, too late, too much lost, more out than in).

mod common;

use hopscope_core::bridge::{bridge_hops, BridgeOptions, BridgeReason};
use hopscope_core::model::{Category, Graph};
use hopscope_core::Case;

#[test]
fn true_cross_chain_hops_are_linked_and_decoys_are_not() {
    let mut g = Graph::new();
    let hacker = common::node_on(&mut g, "0xhacker", "ethereum", Category::Hacker, false);
    let bridge_eth = common::node_on(&mut g, "0xbridge-eth", "ethereum", Category::Bridge, false);
    let bridge_bsc = common::node_on(&mut g, "0xbridge-bsc", "bsc", Category::Bridge, false);
    let fresh = common::node_on(&mut g, "0xfresh", "bsc", Category::Unknown, false);
    let other = common::node_on(&mut g, "0xother", "bsc", Category::Unknown, false);
    let late = common::node_on(&mut g, "0xlate", "bsc", Category::Unknown, false);
    let lossy = common::node_on(&mut g, "0xlossy", "bsc", Category::Unknown, false);
    let same_chain = common::node_on(&mut g, "0xsame-chain", "ethereum", Category::Unknown, false);
    let mut k = 0;
    let mut tx = |g: &mut Graph, a, b, amount: &str, t, chain: &str| {
        k += 1;
        common::send_on(g, k, a, b, amount, t, chain);
    };
    // Hop 1: 50 ETH in at t=1000, out to the same address on BSC at 1600.
    tx(&mut g, hacker, bridge_eth, "50", 1000, "ethereum");
    tx(&mut g, bridge_bsc, hacker, "49.9", 1600, "bsc");
    // Hop 2: 20 ETH in at 5000, out to a fresh address 20 minutes later, 0.5 % fee.
    tx(&mut g, hacker, bridge_eth, "20", 5000, "ethereum");
    tx(&mut g, bridge_bsc, fresh, "19.9", 6200, "bsc");
    // Decoys: other users' money out, unrelated amounts; too late; too much lost; same chain.
    tx(&mut g, bridge_bsc, other, "3", 1700, "bsc");
    tx(&mut g, bridge_bsc, late, "20", 5000 + 7 * 3600, "bsc");
    tx(&mut g, bridge_bsc, lossy, "15", 5300, "bsc");
    tx(&mut g, bridge_eth, same_chain, "20", 5100, "ethereum");
    tx(&mut g, bridge_bsc, other, "25", 5400, "bsc");
    let case = Case {
        title: "bridge".into(),
        notes: String::new(),
        graph: g,
        seeds: vec![hacker],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    let hops = bridge_hops(&case, &BridgeOptions::default());
    let pairs: Vec<(String, String)> = hops
        .iter()
        .map(|h| {
            let t_in = case.graph.transfer(h.into).unwrap();
            let t_out = case.graph.transfer(h.out).unwrap();
            (
                format!("{}@{}", t_in.amount, t_in.timestamp.unwrap()),
                case.graph
                    .node(t_out.to)
                    .unwrap()
                    .address
                    .as_str()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("50@1000".to_owned(), "0xhacker".to_owned()),
            ("20@5000".to_owned(), "0xfresh".to_owned())
        ],
        "{hops:#?}"
    );
    assert!(hops[0].reasons.contains(&BridgeReason::SameAddress));
    assert!(matches!(
        hops[1].reasons[0],
        BridgeReason::AmountAndTime { seconds: 1200, .. }
    ));
    assert!(hops.iter().all(|h| (0.0..=1.0).contains(&h.score)));
}
