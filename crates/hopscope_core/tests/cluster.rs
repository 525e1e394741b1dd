//! Common-spend clustering on constructed Bitcoin-shaped cases (address → transaction →
//! address): addresses spent together are one entity, transitively; an address that never
//! co-spent is in none; CoinJoin-like transactions join nobody; a member's label names the
//! entity with its source. A property test: two addresses share an entity only when a chain of
//! co-spending transactions joins them (checked by a search of its own).

use std::collections::{BTreeSet, HashMap, VecDeque};

use hopscope_core::cluster::{common_spend, entity_label};
use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::view::{Direction, ExpandOptions, GroupKind, View};
use hopscope_core::{Case, NodeId};
use proptest::prelude::*;

struct Btc {
    graph: Graph,
    k: usize,
}

impl Btc {
    fn new() -> Btc {
        Btc {
            graph: Graph::new(),
            k: 0,
        }
    }

    fn node(&mut self, name: &str, tx: bool, label: Option<&str>) -> NodeId {
        self.graph
            .add_node(Node {
                address: Address::new(name),
                chain: Chain::new("bitcoin"),
                label: label.map(str::to_owned),
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

    fn send(&mut self, from: NodeId, to: NodeId, amount: &str) {
        self.k += 1;
        self.graph
            .add_transfer(Transfer {
                tx: TxHash::from(format!("{:x}", self.k)),
                from,
                to,
                amount: Amount::parse(amount).unwrap(),
                asset: Asset::new("BTC"),
                timestamp: Some(self.k as i64),
                chain: None,
                block: None,
                fee: None,
                index: None,
            })
            .unwrap();
    }

    /// A transaction spending from `inputs` to `outputs` (address, amount).
    fn tx(&mut self, name: &str, inputs: &[NodeId], outputs: &[(NodeId, &str)]) -> NodeId {
        let tx = self.node(name, true, None);
        for &i in inputs {
            self.send(i, tx, "1");
        }
        for &(o, a) in outputs {
            self.send(tx, o, a);
        }
        tx
    }

    fn case(self) -> Case {
        Case {
            title: "btc".into(),
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
fn co_spenders_are_one_entity_and_coinjoins_join_nobody() {
    let mut b = Btc::new();
    let a: Vec<NodeId> = (0..8)
        .map(|i| {
            b.node(
                &format!("a{i}"),
                false,
                (i == 2).then_some("Exchange hot wallet"),
            )
        })
        .collect();
    let pay = b.node("payee", false, None);
    // a0+a1 spend together, then a1+a2: one entity {a0,a1,a2}, named by a2's label.
    b.tx("t1", &[a[0], a[1]], &[(pay, "1.5")]);
    b.tx("t2", &[a[1], a[2]], &[(pay, "1.5")]);
    // a3 spends alone: no entity.
    b.tx("t3", &[a[3]], &[(pay, "0.9")]);
    // a4..a7 in a CoinJoin-like tx (4 inputs, 4 equal outputs): joined with nobody.
    let outs: Vec<NodeId> = (0..4)
        .map(|i| b.node(&format!("cj{i}"), false, None))
        .collect();
    b.tx(
        "cj",
        &[a[4], a[5], a[6], a[7]],
        &outs.iter().map(|&o| (o, "0.1")).collect::<Vec<_>>(),
    );
    let case = b.case();
    let c = common_spend(&case);
    assert_eq!(c.entities.len(), 1, "{:?}", c.entities);
    assert_eq!(c.entities[0].members, vec![a[0], a[1], a[2]]);
    assert_eq!(c.entities[0].co_spends.len(), 2);
    assert!(c.entity_of(a[3]).is_none());
    for &x in &a[4..] {
        assert!(c.entity_of(x).is_none(), "CoinJoin inputs stay apart");
    }
    assert_eq!(c.coinjoins.len(), 1);
    let label = entity_label(&case, &c.entities[0]).unwrap();
    assert_eq!(
        (label.label.as_str(), label.from),
        ("Exchange hot wallet", a[2])
    );

    // In a view, with the option on, reaching a0 brings its entity as one node.
    let mut case = case;
    case.seeds = vec![pay];
    let mut view = View::of(&case);
    view.set_entities(&case, true);
    view.expand(
        &case,
        pay,
        &ExpandOptions {
            direction: Direction::In,
            hops: 2,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        },
    );
    let g = view
        .group_of(a[0])
        .expect("the entity is drawn as one node");
    assert_eq!(g.kind, GroupKind::CommonSpend);
    assert_eq!(g.name, "Entity: Exchange hot wallet (3 addresses)");
    assert!(view.group_of(a[4]).is_none());
    // Opened, it stays open on the next expansion.
    assert!(view.ungroup(a[0]));
    view.expand(
        &case,
        pay,
        &ExpandOptions {
            direction: Direction::In,
            hops: 2,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        },
    );
    assert!(view.group_of(a[0]).is_none());
    view.set_entities(&case, false);
    assert!(view.groups().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random transactions over 12 addresses, each spending 1–3 of them to a payee: any two
    /// addresses in one entity are joined by a chain of co-spends, and every address that
    /// co-spent is in an entity with its partners.
    #[test]
    fn clustering_never_merges_addresses_that_never_co_spent(
        txs in prop::collection::vec(prop::collection::btree_set(0usize..12, 1..4), 0..10)
    ) {
        let mut b = Btc::new();
        let a: Vec<NodeId> = (0..12).map(|i| b.node(&format!("a{i}"), false, None)).collect();
        let pay = b.node("payee", false, None);
        for (k, ins) in txs.iter().enumerate() {
            let inputs: Vec<NodeId> = ins.iter().map(|&i| a[i]).collect();
            b.tx(&format!("t{k}"), &inputs, &[(pay, "1")]);
        }
        let case = b.case();
        let c = common_spend(&case);
        // Independent check: who co-spent with whom, and who is reachable through that.
        let mut partners: HashMap<usize, BTreeSet<usize>> = HashMap::new();
        for ins in &txs {
            for &x in ins {
                for &y in ins {
                    if x != y {
                        partners.entry(x).or_default().insert(y);
                    }
                }
            }
        }
        let reach = |from: usize| {
            let mut seen = BTreeSet::from([from]);
            let mut queue = VecDeque::from([from]);
            while let Some(x) = queue.pop_front() {
                for &y in partners.get(&x).into_iter().flatten() {
                    if seen.insert(y) {
                        queue.push_back(y);
                    }
                }
            }
            seen
        };
        for i in 0..12 {
            let expected = reach(i);
            match c.entity_of(a[i]) {
                Some(e) => {
                    let got: BTreeSet<usize> = e.members.iter().map(|m| a.iter().position(|x| x == m).unwrap()).collect();
                    prop_assert_eq!(got, expected);
                }
                None => prop_assert_eq!(expected.len(), 1, "a{} co-spent but is in no entity", i),
            }
        }
        prop_assert!(c.entity_of(pay).is_none());
    }
}
