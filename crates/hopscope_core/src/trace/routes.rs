//! Routes for a report: for an address the trace reached, the chain of transfers by which the
//! most stolen value came to it, walked back to a seed. From the address's largest traced
//! receipt, each step goes to the sender's largest traced receipt followed before it (in the
//! trace's own order: time order wherever the data's times agree with it); across a mixer pool or bridge, to the
//! deposit a link carried out (the step the investigator accepted, or a bridge hop); across a
//! conversion, to its largest stolen input. Each step is a real transfer, so a report can give
//! its transaction, time and amount; where a step rests on an inference the route says which.

use rustc_hash::FxHashMap as HashMap;

use super::Trace;
use crate::convert::Conversion;
use crate::infer::LinkKey;
use crate::model::{Case, NodeId, TransferId};

/// Steps at most in one route (a longer one is cut, and says so).
pub const MAX_ROUTE_STEPS: usize = 500;

/// How a step of a route came to carry stolen value.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// An ordinary transfer: the sender held stolen value.
    Plain(TransferId),
    /// Out of a pool or bridge along an inferred link from the deposit `from`.
    Linked { out: TransferId, from: TransferId },
    /// A conversion's output, from its input `from`.
    Converted {
        out: TransferId,
        from: TransferId,
        conversion: Box<Conversion>,
    },
}

impl Step {
    /// The transfer this step is.
    pub fn transfer(&self) -> TransferId {
        match self {
            Step::Plain(t) | Step::Linked { out: t, .. } | Step::Converted { out: t, .. } => *t,
        }
    }
}

/// A route from a seed to `to`: its steps in time order, and whether it reached a seed (else
/// it stopped where the walk back found no earlier traced receipt, or at `MAX_ROUTE_STEPS`).
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub to: NodeId,
    pub steps: Vec<Step>,
    pub from_seed: bool,
}

/// Routes to each of `ends` that received stolen value in `trace` (others are skipped), with
/// the links that carried value out of pools (`infer::carrying`).
pub fn routes(
    case: &Case,
    trace: &Trace,
    seeds: &[NodeId],
    links: &[LinkKey],
    ends: &[NodeId],
) -> Vec<Route> {
    let walk = Walk::new(case, trace, links);
    ends.iter()
        .filter_map(|&end| walk.route(seeds, end))
        .collect()
}

/// What the walk back needs, indexed once.
struct Walk<'a> {
    case: &'a Case,
    trace: &'a Trace,
    /// Each transfer's place in the trace's order.
    rank: Vec<usize>,
    /// Per out-transfer, the deposits a link carried it from.
    linked: HashMap<TransferId, Vec<TransferId>>,
    /// Per output (or refund) transfer, the conversion it came out of.
    converted: HashMap<TransferId, &'a Conversion>,
}

impl<'a> Walk<'a> {
    fn new(case: &'a Case, trace: &'a Trace, links: &[LinkKey]) -> Walk<'a> {
        let mut rank = vec![usize::MAX; case.graph.transfers().len()];
        for (place, &t) in trace.order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(t) {
                *slot = place;
            }
        }
        let mut linked: HashMap<TransferId, Vec<TransferId>> = HashMap::default();
        for l in links {
            linked.entry(l.out).or_default().push(l.into);
        }
        let mut converted = HashMap::default();
        for c in &trace.converted {
            for &t in c.conversion.outputs.iter().chain(&c.conversion.refunds) {
                converted.entry(t).or_insert(&c.conversion);
            }
        }
        Walk {
            case,
            trace,
            rank,
            linked,
            converted,
        }
    }

    fn carried(&self, t: TransferId) -> crate::model::Amount {
        self.trace
            .carried_equiv
            .get(t.index())
            .map(crate::model::Packed::get)
            .unwrap_or_default()
    }

    fn rank(&self, t: TransferId) -> usize {
        self.rank.get(t.index()).copied().unwrap_or(usize::MAX)
    }

    /// Of `candidates`, the one that carried the most, followed before `before` (ties: the
    /// earlier).
    fn largest(
        &self,
        candidates: impl Iterator<Item = TransferId>,
        before: usize,
    ) -> Option<TransferId> {
        candidates
            .filter(|&t| self.rank(t) < before && !self.carried(t).is_zero())
            .max_by(|&a, &b| {
                self.carried(a)
                    .cmp(&self.carried(b))
                    .then(self.rank(b).cmp(&self.rank(a)))
            })
    }

    fn route(&self, seeds: &[NodeId], end: NodeId) -> Option<Route> {
        let graph = &self.case.graph;
        let into = |id: NodeId| {
            graph
                .transfers_of(id, petgraph::Direction::Incoming)
                .into_iter()
        };
        let mut current = self.largest(into(end), usize::MAX)?;
        let mut steps = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let from_seed = loop {
            if !seen.insert(current) || steps.len() >= MAX_ROUTE_STEPS {
                break false;
            }
            let transfer = graph.transfer(current)?;
            let rank = self.rank(current);
            // The step, and the receipt before it whose value it carried on.
            let (step, before) = if let Some(c) = self.converted.get(&current) {
                match self.largest(c.inputs.iter().copied(), rank) {
                    Some(input) => (
                        Step::Converted {
                            out: current,
                            from: input,
                            conversion: Box::new((*c).clone()),
                        },
                        Some(input),
                    ),
                    None => (Step::Plain(current), None),
                }
            } else if let Some(intos) = self.linked.get(&current) {
                match self.largest(intos.iter().copied(), rank) {
                    Some(deposit) => (
                        Step::Linked {
                            out: current,
                            from: deposit,
                        },
                        Some(deposit),
                    ),
                    None => (Step::Plain(current), None),
                }
            } else {
                (Step::Plain(current), None)
            };
            steps.push(step);
            // A linked deposit or a conversion's input is the next step itself.
            current = match before {
                Some(t) => t,
                None if seeds.contains(&transfer.from) => break true,
                None => match self.largest(into(transfer.from), rank) {
                    Some(t) => t,
                    None => break false,
                },
            };
        };
        steps.reverse();
        Some(Route {
            to: end,
            steps,
            from_seed,
        })
    }
}
