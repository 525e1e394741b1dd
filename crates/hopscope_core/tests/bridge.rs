//! Bridge matching on a constructed case where the true cross-chain hops are known: both true
//! pairs are linked, no decoy is (same chain, too late, too much lost, more out than in).

use hopscope_core::bridge::{bridge_hops, BridgeOptions, BridgeReason};
use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::{Case, NodeId};

fn node(graph: &mut Graph, name: &str, chain: &str, category: Category) -> NodeId {
    graph
        .add_node(Node {
            address: Address::new(name),
            chain: Chain::new(chain),
            label: None,
            label_source: None,
            category,
            tags: vec![],
        })
        .0
}

fn send(graph: &mut Graph, k: usize, from: NodeId, to: NodeId, amount: &str, t: i64, chain: &str) {
    graph
        .add_transfer(Transfer {
            tx: TxHash(format!("0x{k:x}")),
            from,
            to,
            amount: Amount::parse(amount).unwrap(),
            asset: Asset::new("ETH"),
            timestamp: Some(t),
            chain: Some(Chain::new(chain)),
            block: None,
            fee: None,
            index: None,
        })
        .unwrap();
}

#[test]
fn true_cross_chain_hops_are_linked_and_decoys_are_not() {
    let mut g = Graph::new();
    let hacker = node(&mut g, "0xhacker", "ethereum", Category::Hacker);
    let bridge_eth = node(&mut g, "0xbridge-eth", "ethereum", Category::Bridge);
    let bridge_bsc = node(&mut g, "0xbridge-bsc", "bsc", Category::Bridge);
    let fresh = node(&mut g, "0xfresh", "bsc", Category::Unknown);
    let other = node(&mut g, "0xother", "bsc", Category::Unknown);
    let late = node(&mut g, "0xlate", "bsc", Category::Unknown);
    let lossy = node(&mut g, "0xlossy", "bsc", Category::Unknown);
    let same_chain = node(&mut g, "0xsame-chain", "ethereum", Category::Unknown);
    let mut k = 0;
    let mut tx = |g: &mut Graph, a, b, amount: &str, t, chain: &str| {
        k += 1;
        send(g, k, a, b, amount, t, chain);
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
