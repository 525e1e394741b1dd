//! Paths between two addresses along the direction money moves: the shortest (fewest hops),
//! and every simple path up to `max_hops`, found by a depth-first search that runs in slices
//! (`PathSearch::step`) so the app can keep the page responsive and cancel it by dropping it.
//! A path's value is its bottleneck: the smallest flow along it (flows counted through the
//! view's filter; amounts of different assets are added as plain numbers, for ranking).

use std::collections::{HashMap, VecDeque};

use petgraph::Direction::Outgoing;

use crate::model::{Case, NodeId};
use crate::view::Filter;

/// A path and its bottleneck value.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub nodes: Vec<NodeId>,
    pub value: f64,
}

/// The fewest-hops path from `from` to `to` through admitted flows, if there is one.
pub fn shortest_path(
    case: &Case,
    filter: &Filter,
    from: NodeId,
    to: NodeId,
) -> Option<Vec<NodeId>> {
    let graph = &case.graph;
    graph.node(from)?;
    graph.node(to)?;
    let mut parent: HashMap<NodeId, NodeId> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut seen = std::collections::HashSet::from([from]);
    while let Some(v) = queue.pop_front() {
        if v == to {
            let mut path = vec![to];
            let mut at = to;
            while let Some(&p) = parent.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        let mut next: Vec<NodeId> = graph
            .flows_of(v, Outgoing)
            .filter(|(_, f)| filter.admits_flow(graph, f))
            .map(|(w, _)| w)
            .collect();
        next.sort();
        for w in next {
            if seen.insert(w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}

/// One node of the current path: its successors not tried yet (with the value of the flow to
/// each) and the value of the flow that led to it.
struct Frame {
    node: NodeId,
    untried: Vec<(NodeId, f64)>,
    value_in: f64,
}

/// A depth-first search for simple paths, resumable. It holds no borrow of the case (each
/// `step` is given it), so the app can keep a search between frames; the case must not change
/// in between.
pub struct PathSearch {
    filter: Filter,
    to: NodeId,
    max_hops: usize,
    limit: usize,
    /// The current path.
    stack: Vec<Frame>,
    found: Vec<Path>,
}

impl PathSearch {
    /// Paths from `from` to `to` of at most `max_hops` transfers, stopping after `limit` paths.
    pub fn new(
        case: &Case,
        filter: &Filter,
        from: NodeId,
        to: NodeId,
        max_hops: usize,
        limit: usize,
    ) -> Self {
        let mut search = PathSearch {
            filter: filter.clone(),
            to,
            max_hops,
            limit,
            stack: Vec::new(),
            found: Vec::new(),
        };
        if case.graph.node(from).is_some() && case.graph.node(to).is_some() && from != to {
            let untried = search.successors(case, from);
            search.stack.push(Frame {
                node: from,
                untried,
                value_in: f64::INFINITY,
            });
        }
        search
    }

    fn successors(&self, case: &Case, v: NodeId) -> Vec<(NodeId, f64)> {
        let graph = &case.graph;
        let mut next: Vec<(NodeId, f64)> = graph
            .flows_of(v, Outgoing)
            .filter(|(_, f)| self.filter.admits_flow(graph, f))
            .map(|(w, f)| (w, self.filter.rank_value(graph, f)))
            .collect();
        // Popped from the back: smallest id first.
        next.sort_by_key(|s| std::cmp::Reverse(s.0));
        next
    }

    /// Does up to `budget` steps; returns whether the search is over (all paths found, or the
    /// limit reached).
    pub fn step(&mut self, case: &Case, budget: usize) -> bool {
        for _ in 0..budget {
            if self.is_done() {
                return true;
            }
            let depth = self.stack.len();
            let Some(top) = self.stack.last_mut() else {
                return true;
            };
            let Some((w, value)) = top.untried.pop() else {
                self.stack.pop();
                continue;
            };
            if self.stack.iter().any(|f| f.node == w) {
                continue; // not simple
            }
            if w == self.to {
                let mut nodes: Vec<NodeId> = self.stack.iter().map(|f| f.node).collect();
                nodes.push(w);
                let bottleneck = self
                    .stack
                    .iter()
                    .skip(1)
                    .map(|f| f.value_in)
                    .fold(value, f64::min);
                self.found.push(Path {
                    nodes,
                    value: bottleneck,
                });
                continue;
            }
            if depth < self.max_hops {
                let untried = self.successors(case, w);
                self.stack.push(Frame {
                    node: w,
                    untried,
                    value_in: value,
                });
            }
        }
        self.is_done()
    }

    pub fn is_done(&self) -> bool {
        self.stack.is_empty() || self.found.len() >= self.limit
    }

    /// The paths found so far, best value first.
    pub fn paths(&self) -> Vec<Path> {
        let mut paths = self.found.clone();
        paths.sort_by(|a, b| {
            b.value
                .total_cmp(&a.value)
                .then(a.nodes.len().cmp(&b.nodes.len()))
        });
        paths
    }
}
