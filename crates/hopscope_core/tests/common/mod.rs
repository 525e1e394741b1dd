//! Helpers shared by the core's integration tests: paths to fixtures and repository files.
#![allow(dead_code)]

use std::path::PathBuf;

/// A path relative to the repository root.
pub fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// The text of a fixture under `crates/hopscope_core/test_data/`.
pub fn sample(rel: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("test_data")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of a repository file.
pub fn repo_file(rel: &str) -> String {
    let path = repo_path(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Property-test cases: the given number, or `PROPTEST_CASES` from the environment for a long
/// run (e.g. `PROPTEST_CASES=50000 cargo test --release -p hopscope_core`).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::{Case, NodeId};

/// A small ETH case over addresses `n0…` from (from, to, amount, time) rows, with the given
/// categories (others unknown) and `n0` as its seed; returns the case and the node ids.
pub fn small_case(
    n: usize,
    rows: &[(usize, usize, u32, i64)],
    categories: &[(usize, Category)],
) -> (Case, Vec<NodeId>) {
    let mut graph = Graph::new();
    let ids: Vec<NodeId> = (0..n)
        .map(|i| {
            let category = categories
                .iter()
                .find(|(k, _)| *k == i)
                .map_or(Category::Unknown, |(_, c)| *c);
            let node = Node {
                address: Address::new(&format!("n{i}")),
                chain: Chain::new("ethereum"),
                label: None,
                label_source: None,
                category,
                tags: vec![],
            };
            graph.add_node(node).0
        })
        .collect();
    for (k, &(a, b, amount, ts)) in rows.iter().enumerate() {
        let _ = graph.add_transfer(Transfer {
            tx: TxHash::from(format!("0x{k:x}")),
            from: ids[a],
            to: ids[b],
            amount: Amount::parse(&amount.to_string()).unwrap(),
            asset: Asset::new("ETH"),
            timestamp: Some(ts),
            chain: None,
            block: None,
            fee: None,
            index: None,
        });
    }
    let case = Case {
        title: "t".into(),
        notes: String::new(),
        graph,
        seeds: vec![ids[0]],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    (case, ids)
}

/// An address (or, with `tx`, a Bitcoin-style transaction node tagged `transaction`) on `chain`.
pub fn node_on(g: &mut Graph, name: &str, chain: &str, category: Category, tx: bool) -> NodeId {
    g.add_node(Node {
        address: Address::new(name),
        chain: Chain::new(chain),
        label: None,
        label_source: None,
        category,
        tags: if tx {
            vec!["transaction".into()]
        } else {
            vec![]
        },
    })
    .0
}

/// `amount` ETH from `from` to `to` at `t` on `chain`, in tx number `k`.
pub fn send_on(
    g: &mut Graph,
    k: usize,
    from: NodeId,
    to: NodeId,
    amount: &str,
    t: i64,
    chain: &str,
) {
    g.add_transfer(Transfer {
        tx: TxHash::from(format!("0x{k:x}")),
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

/// `amount` of `asset` from `from` to `to` at time `k`, in tx number `k`, on no named chain.
pub fn send_asset(g: &mut Graph, k: usize, from: NodeId, to: NodeId, amount: &str, asset: &str) {
    g.add_transfer(Transfer {
        tx: TxHash::from(format!("0x{k:x}")),
        from,
        to,
        amount: Amount::parse(amount).unwrap(),
        asset: Asset::new(asset),
        timestamp: Some(k as i64),
        chain: None,
        block: None,
        fee: None,
        index: None,
    })
    .unwrap();
}

/// A case from (from, to, amount, time) rows over addresses `n0…`, with `n0` the seed.
pub fn case_of(
    n: usize,
    rows: &[(usize, usize, u32, i64)],
    categories: &[(usize, Category)],
) -> Case {
    small_case(n, rows, categories).0
}

/// The bundled demo case (the HTX hack through Tornado Cash).
pub fn demo() -> Case {
    hopscope_core::parse_case(&repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value
}

/// The node of an address the case is known to hold.
pub fn id(case: &Case, address: &str) -> NodeId {
    case.graph.node_by_text(address).unwrap()
}

/// Expansion outward `hops` hops, with a hub threshold no test case reaches.
pub fn expand_out(hops: u32) -> hopscope_core::view::ExpandOptions {
    hopscope_core::view::ExpandOptions {
        hops,
        direction: hopscope_core::view::Direction::Out,
        hub_threshold: 1000,
        ..hopscope_core::view::ExpandOptions::default()
    }
}
