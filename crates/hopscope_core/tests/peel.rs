//! Peel-chain detection on constructed Bitcoin-shaped cases (address → transaction → address):
//! a 50-step chain is found whole, an independent chain stays apart, and two chains whose
//! change is spent together end there instead of merging.

use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::peel::peel_chains;
use hopscope_core::{Case, NodeId};

struct Builder {
    graph: Graph,
    k: usize,
}

impl Builder {
    fn node(&mut self, name: &str, tx: bool) -> NodeId {
        self.graph
            .add_node(Node {
                address: Address::new(name),
                chain: Chain::new("bitcoin"),
                label: None,
                label_source: None,
                category: Category::Unknown,
                tags: if tx {
                    vec!["transaction".into()]
                } else {
                    vec![]
                },
            })
            .0
    }

    fn send(&mut self, from: NodeId, to: NodeId, amount: f64, t: i64) {
        self.k += 1;
        self.graph
            .add_transfer(Transfer {
                tx: TxHash::from(format!("{:x}", self.k)),
                from,
                to,
                amount: Amount::parse(&format!("{amount:.8}")).unwrap(),
                asset: Asset::new("BTC"),
                timestamp: Some(t),
                chain: None,
                block: None,
                fee: None,
                index: None,
            })
            .unwrap();
    }

    /// A chain of `steps` peels from a new start address; returns the start and the last change.
    fn chain(&mut self, name: &str, steps: usize, t0: i64) -> (NodeId, NodeId) {
        let start = self.node(&format!("{name}-start"), false);
        let mut holder = start;
        let mut balance = 100.0;
        let source = self.node(&format!("{name}-source"), false);
        self.send(source, start, balance, t0);
        for s in 0..steps {
            let t = t0 + 10 * (s as i64 + 1);
            let tx = self.node(&format!("{name}-tx{s}"), true);
            self.send(holder, tx, balance, t);
            let peel = self.node(&format!("{name}-peel{s}"), false);
            let change = self.node(&format!("{name}-change{s}"), false);
            self.send(tx, peel, 0.5, t);
            balance -= 0.5;
            self.send(tx, change, balance, t);
            holder = change;
        }
        (start, holder)
    }

    fn case(self) -> Case {
        Case {
            title: "peel".into(),
            notes: String::new(),
            graph: self.graph,
            seeds: vec![],
            investigation: None,
            story: None,
            book: hopscope_core::format::label_list::bundled_book(),
            facts: Default::default(),
            sources: Vec::new(),
        }
    }
}

#[test]
fn a_fifty_step_chain_is_found_whole_and_an_independent_one_stays_apart() {
    let mut b = Builder {
        graph: Graph::new(),
        k: 0,
    };
    let (start_a, end_a) = b.chain("a", 50, 1_000);
    let (start_b, end_b) = b.chain("b", 10, 5_000);
    // Noise: a transaction that splits evenly is no peel.
    let x = b.node("x", false);
    let even = b.node("even-tx", true);
    b.send(x, even, 2.0, 9_000);
    let (y, z) = (b.node("y", false), b.node("z", false));
    b.send(even, y, 1.0, 9_000);
    b.send(even, z, 1.0, 9_000);
    let case = b.case();
    let mut chains = peel_chains(&case);
    chains.sort_by_key(|c| std::cmp::Reverse(c.len()));
    assert_eq!(
        chains.len(),
        2,
        "{:?}",
        chains.iter().map(|c| c.len()).collect::<Vec<_>>()
    );
    assert_eq!(
        (chains[0].len(), chains[0].start, chains[0].end()),
        (50, start_a, Some(end_a))
    );
    assert_eq!(
        (chains[1].len(), chains[1].start, chains[1].end()),
        (10, start_b, Some(end_b))
    );
    assert_eq!(chains[0].total_peeled.to_string(), "25");
    assert_eq!(chains[0].peels.len(), 50);
}

#[test]
fn two_chains_whose_change_is_spent_together_are_not_merged() {
    let mut b = Builder {
        graph: Graph::new(),
        k: 0,
    };
    let (_, end_a) = b.chain("a", 5, 1_000);
    let (_, end_b) = b.chain("b", 5, 1_000);
    // One transaction spends both chains' change: a peel-looking step that joins them.
    let join = b.node("join-tx", true);
    b.send(end_a, join, 97.5, 2_000);
    b.send(end_b, join, 97.5, 2_000);
    let (p, c) = (b.node("join-peel", false), b.node("join-change", false));
    b.send(join, p, 1.0, 2_000);
    b.send(join, c, 194.0, 2_000);
    let chains = peel_chains(&b.case());
    let lengths: Vec<usize> = chains.iter().map(|c| c.len()).collect();
    assert_eq!(lengths, vec![5, 5], "each chain ends at the joint spend");
}
