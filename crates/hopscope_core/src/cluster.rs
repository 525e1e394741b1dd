//! Entities from Bitcoin's multi-input (common-spend) heuristic: the addresses a transaction
//! spends from are controlled by one wallet, so they are one entity, and so on transitively.
//! Works on the Esplora model (address → transaction node → address; transaction nodes are
//! tagged `transaction`). Transactions that look like CoinJoins — tagged `coinjoin`, labelled
//! as a mixer, or with at least three inputs and three or more outputs of one equal amount —
//! are passed over, since there the inputs belong to different people.
//!
//! Labels propagate: an entity is named by the first of its members (in id order) that has a
//! label of its own or from the label book, and says which member and which source that was.

use std::collections::HashMap;

use petgraph::unionfind::UnionFind;
use petgraph::Direction;

use crate::model::labels::{shown, LabelBook};
use crate::model::{Case, Category, NodeId};

/// At least this many equal outputs (with as many inputs) make a transaction look like a
/// CoinJoin.
pub const COINJOIN_EQUAL_OUTPUTS: usize = 3;

/// One entity: addresses that spent together, and the transactions that joined them.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// In id order; at least two.
    pub members: Vec<NodeId>,
    /// Transactions with inputs from two or more members (the evidence).
    pub co_spends: Vec<NodeId>,
}

/// All entities of two or more addresses, and the transactions skipped as CoinJoins.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clusters {
    pub entities: Vec<Entity>,
    /// Entity index by member.
    of: HashMap<NodeId, usize>,
    pub coinjoins: Vec<NodeId>,
}

impl Clusters {
    pub fn entity_of(&self, id: NodeId) -> Option<&Entity> {
        self.of.get(&id).map(|&k| &self.entities[k])
    }
}

fn is_tx(case: &Case, id: NodeId) -> bool {
    case.graph
        .node(id)
        .is_some_and(|n| n.tags.iter().any(|t| t == "transaction"))
}

/// The input addresses of transaction `tx` (in id order, without repeats).
fn inputs(case: &Case, tx: NodeId) -> Vec<NodeId> {
    let mut ins: Vec<NodeId> = case
        .graph
        .flows_of(tx, Direction::Incoming)
        .map(|(from, _)| from)
        .filter(|&from| !is_tx(case, from))
        .collect();
    ins.sort();
    ins.dedup();
    ins
}

/// Whether `tx` looks like a CoinJoin (many people spending together).
pub fn looks_like_coinjoin(case: &Case, tx: NodeId) -> bool {
    let graph = &case.graph;
    let Some(node) = graph.node(tx) else {
        return false;
    };
    if node.tags.iter().any(|t| t.eq_ignore_ascii_case("coinjoin"))
        || shown(node, &case.book).category == Category::Mixer
    {
        return true;
    }
    let n_inputs = inputs(case, tx).len();
    let mut equal: HashMap<String, usize> = HashMap::new();
    for t in graph.transfers_of(tx, Direction::Outgoing) {
        if let Some(t) = graph.transfer(t) {
            *equal.entry(t.amount.to_string()).or_insert(0) += 1;
        }
    }
    let most = equal.values().copied().max().unwrap_or(0);
    n_inputs >= COINJOIN_EQUAL_OUTPUTS && most >= COINJOIN_EQUAL_OUTPUTS
}

/// The common-spend entities of a case.
pub fn common_spend(case: &Case) -> Clusters {
    let graph = &case.graph;
    let mut sets = UnionFind::<usize>::new(graph.node_bound());
    let mut joins: Vec<(NodeId, NodeId)> = Vec::new(); // (tx, one of its inputs)
    let mut coinjoins = Vec::new();
    for tx in graph.node_ids().filter(|&id| is_tx(case, id)) {
        let ins = inputs(case, tx);
        if ins.len() < 2 {
            continue;
        }
        if looks_like_coinjoin(case, tx) {
            coinjoins.push(tx);
            continue;
        }
        for pair in ins.windows(2) {
            sets.union(pair[0].index(), pair[1].index());
        }
        joins.push((tx, ins[0]));
    }
    let mut by_root: HashMap<usize, Vec<NodeId>> = HashMap::new();
    for id in graph.node_ids().filter(|&id| !is_tx(case, id)) {
        by_root.entry(sets.find(id.index())).or_default().push(id);
    }
    let mut entities: Vec<Entity> = by_root
        .into_values()
        .filter(|m| m.len() >= 2)
        .map(|mut members| {
            members.sort();
            Entity {
                members,
                co_spends: Vec::new(),
            }
        })
        .collect();
    entities.sort_by_key(|e| e.members[0]);
    let mut of = HashMap::new();
    for (k, e) in entities.iter().enumerate() {
        for &m in &e.members {
            of.insert(m, k);
        }
    }
    for (tx, input) in joins {
        if let Some(&k) = of.get(&input) {
            entities[k].co_spends.push(tx);
        }
    }
    Clusters {
        entities,
        of,
        coinjoins,
    }
}

/// A label carried over to an entity from one of its members.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityLabel {
    pub label: String,
    pub category: Category,
    /// The member that carries it.
    pub from: NodeId,
    /// Where that member's label comes from (the case's file, a label list, the label book).
    pub source: String,
}

/// The label an entity is known by: the first member (in id order) with a label.
pub fn entity_label(case: &Case, entity: &Entity) -> Option<EntityLabel> {
    let book: &LabelBook = &case.book;
    entity.members.iter().find_map(|&m| {
        let node = case.graph.node(m)?;
        let s = shown(node, book);
        let label = s.label?;
        Some(EntityLabel {
            label,
            category: s.category,
            from: m,
            source: s
                .book_source
                .unwrap_or_else(|| "the case's own data".to_owned()),
        })
    })
}
