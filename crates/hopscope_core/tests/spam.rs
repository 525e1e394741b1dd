//! Likely spam tokens: grouped by rule (`spam.rs`) and left out of the asset filter a case
//! opens with, so their flows are not drawn until the investigator ticks them.

mod common;

use hopscope_core::model::{Address, Category, Chain, Graph, Node};
use hopscope_core::spam::likely_spam;
use hopscope_core::style::Scene;
use hopscope_core::view::View;
use hopscope_core::{Case, NodeId};

fn node(g: &mut Graph, name: &str) -> NodeId {
    g.add_node(Node {
        address: Address::new(name),
        chain: Chain::new("ethereum"),
        label: None,
        label_source: None,
        category: Category::Unknown,
        tags: vec![],
    })
    .0
}

fn send(g: &mut Graph, k: usize, from: NodeId, to: NodeId, amount: &str, asset: &str) {
    common::send_asset(g, k, from, to, amount, asset);
}

fn case(rows: &[(usize, usize, &str, &str)]) -> Case {
    let mut g = Graph::new();
    let ids: Vec<NodeId> = (0..4).map(|i| node(&mut g, &format!("0x{i}"))).collect();
    for (k, &(a, b, amount, asset)) in rows.iter().enumerate() {
        send(&mut g, k, ids[a], ids[b], amount, asset);
    }
    Case {
        title: String::new(),
        notes: String::new(),
        graph: g,
        seeds: vec![],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    }
}

#[test]
fn spam_assets_are_unticked_when_a_case_opens() {
    let case = case(&[
        (0, 1, "1.5", "ETH"),
        (
            0,
            2,
            "1000",
            "ERC-20 TOKEN* (0x1111111111111111111111111111111111111111)",
        ),
        (
            0,
            3,
            "0",
            "USDT (0x2222222222222222222222222222222222222222)",
        ),
        (1, 3, "3", "USDT"),
    ]);
    let spam = likely_spam(&case.graph);
    let names: Vec<&str> = spam.iter().map(|a| a.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "ERC-20 TOKEN* (0x1111111111111111111111111111111111111111)",
            "USDT (0x2222222222222222222222222222222222222222)",
        ],
        "the placeholder name, and a token only ever sent as zero"
    );
    let view = View::of(&case);
    let kept: Vec<&str> = view
        .filter
        .assets
        .as_ref()
        .expect("spam unticked")
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(kept, vec!["ETH", "USDT"]);
    // The spam flows (0 → 2, 0 → 3) are not drawn; the others are. Address 2 had only spam,
    // so with the filter on it leaves the picture (and the status line counts it out).
    let scene = Scene::of_view(&case, &view);
    let node = |k: u32| {
        case.graph
            .node(scene.nodes[k as usize].id)
            .unwrap()
            .address
            .as_str()
            .to_owned()
    };
    let drawn: Vec<(String, String)> = scene
        .edges
        .iter()
        .map(|e| (node(e.source), node(e.target)))
        .collect();
    let name = |i: usize| {
        case.graph
            .node(case.graph.node_ids().nth(i).unwrap())
            .unwrap()
            .address
            .as_str()
            .to_owned()
    };
    assert_eq!(drawn, vec![(name(0), name(1)), (name(1), name(3))]);
    assert_eq!(
        scene.nodes.len(),
        3,
        "the address that only got spam is left out"
    );
}

#[test]
fn without_spam_or_with_only_spam_everything_counts() {
    let clean = case(&[(0, 1, "1", "ETH"), (1, 2, "2", "USDT")]);
    assert!(likely_spam(&clean.graph).is_empty());
    assert_eq!(View::of(&clean).filter.assets, None);
    // Only spam in the file: hiding it would show nothing, so it all counts.
    let only = case(&[(0, 1, "5", "Visit claim-eth.com")]);
    assert_eq!(likely_spam(&only.graph).len(), 1);
    assert_eq!(View::of(&only).filter.assets, None);
    // All zero-value, nothing else: not spam by value (there is no asset with value).
    let zeros = case(&[(0, 1, "0", "ETH")]);
    assert!(likely_spam(&zeros.graph).is_empty());
}
