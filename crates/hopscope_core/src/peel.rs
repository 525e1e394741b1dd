//! Peel chains (issue 6, core only so far): Bitcoin transactions (nodes tagged `transaction`,
//! between their input and output addresses, as the Esplora importer makes them) in which a
//! small amount is paid out and the large remainder goes on to a fresh change address, which
//! the next transaction of the chain spends alone. A chain of at least `MIN_STEPS` steps is
//! reported with its transactions, change addresses, peels, total peeled and endpoints, so the
//! app can draw it as one node and open it on demand.
//!
//! A step continues only when the next transaction spends the change address alone: two chains
//! whose change is spent together end there rather than merge.

use std::collections::HashMap;

use petgraph::Direction;

use crate::model::{Amount, Case, NodeId, TransferId};

/// Fewer steps than this are not called a chain.
pub const MIN_STEPS: usize = 3;
/// The change must be at least this many times the largest other output.
pub const CHANGE_RATIO: f64 = 3.0;

/// A detected peel chain.
#[derive(Clone, Debug, PartialEq)]
pub struct PeelChain {
    /// The chain's transactions, in order.
    pub txs: Vec<NodeId>,
    /// The change address each transaction pays on (the last is where the chain ends).
    pub change: Vec<NodeId>,
    /// The small payments out ("peels").
    pub peels: Vec<TransferId>,
    /// What the peels paid out in all, exactly (one asset along a chain).
    pub total_peeled: Amount,
    /// The address the first transaction spends.
    pub start: NodeId,
}

impl PeelChain {
    pub fn len(&self) -> usize {
        self.txs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.txs.is_empty()
    }

    /// Where the chain ends: the last change address.
    pub fn end(&self) -> Option<NodeId> {
        self.change.last().copied()
    }
}

/// One peel step: a transaction, its change output and its other outputs.
struct Step {
    change: NodeId,
    peels: Vec<TransferId>,
}

/// Every peel chain of at least `MIN_STEPS` transactions.
pub fn peel_chains(case: &Case) -> Vec<PeelChain> {
    let graph = &case.graph;
    let is_tx = |id: NodeId| {
        graph
            .node(id)
            .is_some_and(|n| n.tags.iter().any(|t| t == "transaction"))
    };
    // Each transaction that is a peel step, by id.
    let mut steps: HashMap<NodeId, Step> = HashMap::new();
    for id in graph.node_ids().filter(|&id| is_tx(id)) {
        if let Some(step) = peel_step(case, id) {
            steps.insert(id, step);
        }
    }
    // The transaction that continues each step: the one its change address alone spends.
    let next_of = |step: &Step| -> Option<NodeId> {
        let outs: Vec<NodeId> = graph
            .flows_of(step.change, Direction::Outgoing)
            .map(|(to, _)| to)
            .collect();
        let [next] = outs.as_slice() else {
            return None;
        };
        let inputs = graph.flows_of(*next, Direction::Incoming).count();
        (is_tx(*next) && inputs == 1).then_some(*next)
    };
    let continued: std::collections::HashSet<NodeId> = steps
        .values()
        .filter_map(|s| next_of(s).filter(|n| steps.contains_key(n)))
        .collect();
    let mut starts: Vec<NodeId> = steps
        .keys()
        .copied()
        .filter(|id| !continued.contains(id))
        .collect();
    starts.sort();
    let mut chains = Vec::new();
    for first in starts {
        let mut chain = PeelChain {
            txs: Vec::new(),
            change: Vec::new(),
            peels: Vec::new(),
            total_peeled: Amount::ZERO,
            start: graph
                .flows_of(first, Direction::Incoming)
                .map(|(from, _)| from)
                .min()
                .unwrap_or(first),
        };
        let mut at = Some(first);
        let mut seen = std::collections::HashSet::new();
        while let Some(tx) = at {
            let Some(step) = steps.get(&tx) else {
                break;
            };
            if !seen.insert(tx) {
                break; // a cycle in hostile data
            }
            chain.txs.push(tx);
            chain.change.push(step.change);
            for &p in &step.peels {
                if let Some(t) = graph.transfer(p) {
                    chain.total_peeled = chain.total_peeled.saturating_add(t.amount);
                }
            }
            chain.peels.extend(&step.peels);
            at = next_of(step);
        }
        if chain.len() >= MIN_STEPS {
            chains.push(chain);
        }
    }
    chains
}

/// Whether transaction `tx` peels: one output at least `CHANGE_RATIO` times every other, to an
/// address that had received nothing before it.
fn peel_step(case: &Case, tx: NodeId) -> Option<Step> {
    let graph = &case.graph;
    let outs: Vec<TransferId> = graph.transfers_of(tx, Direction::Outgoing);
    if outs.len() < 2 {
        return None;
    }
    // `f64` only to compare sizes (which output is the change, and is it `CHANGE_RATIO` times
    // the biggest peel): a ratio test, never a figure shown or added up, so its rounding in
    // the 16th digit cannot change what is reported.
    let amount = |t: TransferId| graph.transfer(t).map_or(0.0, |t| t.amount.to_f64_lossy());
    let (largest, rest): (Vec<TransferId>, Vec<TransferId>) = {
        let top = *outs
            .iter()
            .max_by(|a, b| amount(**a).total_cmp(&amount(**b)).then(b.0.cmp(&a.0)))?;
        (
            vec![top],
            outs.iter().copied().filter(|&t| t != top).collect(),
        )
    };
    let change_t = largest[0];
    let biggest_peel = rest.iter().map(|&t| amount(t)).fold(0.0, f64::max);
    if amount(change_t) < CHANGE_RATIO * biggest_peel {
        return None;
    }
    let change_transfer = graph.transfer(change_t)?;
    let change = change_transfer.to;
    // Fresh: nothing reached the change address before this output.
    let when = change_transfer.timestamp;
    let fresh = graph
        .transfers_of(change, Direction::Incoming)
        .into_iter()
        .filter(|&t| t != change_t)
        .all(
            |t| match (graph.transfer(t).and_then(|t| t.timestamp), when) {
                (Some(a), Some(b)) => a > b,
                _ => false,
            },
        );
    fresh.then_some(Step {
        change,
        peels: rest,
    })
}
