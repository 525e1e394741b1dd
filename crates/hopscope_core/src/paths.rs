//! Paths between two addresses along the direction money moves: the shortest (fewest hops),
//! and every simple path up to `max_hops`, found by a depth-first search that runs in slices
//! (`PathSearch::step`) so the app can keep the page responsive and cancel it by dropping it.
//! Either may avoid mixer pools and bridges (`avoid`: they are passed by, though either end
//! may be one). A path's rank is its bottleneck: the smallest flow along it (flows counted
//! through the view's filter; amounts of different assets added as plain numbers, for ranking
//! only). `check` says what a path rests on: its bottleneck in one asset, exact (or that the
//! assets differ along it), and the hops through a pool or bridge that no accepted link
//! carries: unproven, since what leaves a pool need not be what went in. `listing` puts the
//! shortest path among the others once, marked.

use std::collections::{BTreeSet, HashMap, VecDeque};

use petgraph::Direction::Outgoing;

use crate::filter::Filter;
use crate::infer::LinkKey;
use crate::model::{Amount, Asset, Case, Flow, NodeId};

/// A path and its bottleneck value.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub nodes: Vec<NodeId>,
    /// For ranking paths only (`f64`: amounts of different assets compared as plain numbers);
    /// what a path carries is shown from `check`, exactly and in its unit.
    pub value: f64,
}

/// The fewest-hops path from `from` to `to` through admitted flows, if there is one.
pub fn shortest_path(
    case: &Case,
    filter: &Filter,
    from: NodeId,
    to: NodeId,
) -> Option<Vec<NodeId>> {
    shortest_path_avoiding(case, filter, from, to, &[])
}

/// `shortest_path` passing by the `avoid` addresses (mixer pools and bridges, for "avoid
/// mixers and bridges"); `from` and `to` may be among them.
pub fn shortest_path_avoiding(
    case: &Case,
    filter: &Filter,
    from: NodeId,
    to: NodeId,
    avoid: &[NodeId],
) -> Option<Vec<NodeId>> {
    let graph = &case.graph;
    graph.node(from)?;
    graph.node(to)?;
    let avoided = |w: NodeId| w != to && avoid.contains(&w);
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
            .filter(|(w, f)| !avoided(*w) && filter.admits_flow(graph, f))
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
    /// Addresses passed by (by node index).
    avoid: Vec<bool>,
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
        PathSearch::avoiding(case, filter, (from, to), max_hops, limit, &[])
    }

    /// `new`, passing by the `avoid` addresses (`to` may be among them).
    pub fn avoiding(
        case: &Case,
        filter: &Filter,
        (from, to): (NodeId, NodeId),
        max_hops: usize,
        limit: usize,
        avoid: &[NodeId],
    ) -> Self {
        let mut avoided = vec![false; case.graph.node_bound()];
        for id in avoid.iter().filter(|&&id| id != to) {
            if let Some(slot) = avoided.get_mut(id.index()) {
                *slot = true;
            }
        }
        let mut search = PathSearch {
            filter: filter.clone(),
            to,
            max_hops,
            limit,
            avoid: avoided,
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
            .filter(|(w, f)| {
                !self.avoid.get(w.index()).copied().unwrap_or(false)
                    && self.filter.admits_flow(graph, f)
            })
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

/// A path's bottleneck, in its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Bottleneck {
    /// Every flow along the path carries one asset, the same: the smallest flow, exactly.
    One { amount: Amount, asset: Asset },
    /// The assets differ along the path (or within a flow): no single bottleneck.
    Mixed(Vec<Asset>),
}

impl Bottleneck {
    /// For reading: `bottleneck 200 ETH` (cut figures marked "≈", `figures::amount`), or
    /// that there is none in one unit; and the exact figure for a tooltip.
    pub fn text(&self) -> crate::figures::Figure {
        match self {
            Bottleneck::One { amount, asset } => {
                let f = crate::figures::amount(*amount, asset.as_str());
                crate::figures::Figure {
                    text: format!("bottleneck {}", f.text),
                    exact: format!("bottleneck {}", f.exact),
                }
            }
            Bottleneck::Mixed(assets) => {
                let names: Vec<&str> = assets.iter().map(Asset::as_str).collect();
                let text = format!(
                    "no single bottleneck: the assets differ along it ({})",
                    names.join(", ")
                );
                crate::figures::Figure {
                    exact: text.clone(),
                    text,
                }
            }
        }
    }
}

/// What a path rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub bottleneck: Option<Bottleneck>,
    /// The positions in the path (indices into its nodes) of the mixer pools and bridges it
    /// passes through along no accepted link: hops that are not proven.
    pub unproven: Vec<usize>,
}

/// Checks a path: its bottleneck through `filter`, and its unproven hops: a pool or bridge
/// among `pools` (`Patterns::absorbing`) entered by one transfer and left by another that no
/// link among `carrying` (`infer::carrying`: accepted links, bridge hops not rejected) joins.
pub fn check(
    case: &Case,
    filter: &Filter,
    nodes: &[NodeId],
    pools: &[NodeId],
    carrying: &[LinkKey],
) -> Checked {
    let graph = &case.graph;
    let flow = |u: NodeId, w: NodeId| -> Option<&Flow> {
        graph
            .flows_of(u, Outgoing)
            .find(|(x, _)| *x == w)
            .map(|(_, f)| f)
    };
    let admitted = |f: &Flow| -> Vec<crate::model::TransferId> {
        f.transfers
            .iter()
            .copied()
            .filter(|id| graph.transfer(*id).is_some_and(|t| filter.admits(t)))
            .collect()
    };
    // The bottleneck: per flow the sum of its admitted transfers, when it is of one asset.
    let mut assets: BTreeSet<Asset> = BTreeSet::new();
    let mut smallest: Option<Amount> = None;
    let mut mixed = false;
    for pair in nodes.windows(2) {
        let Some(f) = flow(pair[0], pair[1]) else {
            continue;
        };
        let mut sum = Amount::ZERO;
        let mut of_flow: BTreeSet<&Asset> = BTreeSet::new();
        for t in admitted(f).into_iter().filter_map(|id| graph.transfer(id)) {
            sum = sum.saturating_add(t.amount);
            of_flow.insert(&t.asset);
        }
        mixed |= of_flow.len() > 1;
        assets.extend(of_flow.into_iter().cloned());
        smallest = Some(smallest.map_or(sum, |s| s.min(sum)));
    }
    let bottleneck = match (smallest, assets.len()) {
        (None, _) | (_, 0) => None,
        (Some(amount), 1) if !mixed => assets
            .into_iter()
            .next()
            .map(|asset| Bottleneck::One { amount, asset }),
        _ => Some(Bottleneck::Mixed(assets.into_iter().collect())),
    };
    // Unproven hops: through a pool, with no carrying link from a transfer in to one out.
    let mut unproven = Vec::new();
    for (i, triple) in nodes.windows(3).enumerate() {
        let (u, p, w) = (triple[0], triple[1], triple[2]);
        if !pools.contains(&p) {
            continue;
        }
        let (Some(into), Some(out)) = (flow(u, p), flow(p, w)) else {
            continue;
        };
        let (into, out) = (admitted(into), admitted(out));
        let linked = carrying
            .iter()
            .any(|l| into.contains(&l.into) && out.contains(&l.out));
        if !linked {
            unproven.push(i + 1);
        }
    }
    Checked {
        bottleneck,
        unproven,
    }
}

/// The paths to list: those found, best first, with the shortest among them marked (`true`),
/// or put first when the search did not find it (beyond its hops or its limit); never twice.
/// A shortest path put first has no rank value (`NaN`): show its `check` instead.
pub fn listing(shortest: Option<&[NodeId]>, found: Vec<Path>) -> Vec<(Path, bool)> {
    let Some(shortest) = shortest else {
        return found.into_iter().map(|p| (p, false)).collect();
    };
    let mut list: Vec<(Path, bool)> = Vec::with_capacity(found.len() + 1);
    let mut marked = false;
    for p in found {
        let is = !marked && p.nodes == shortest;
        marked |= is;
        list.push((p, is));
    }
    if !marked {
        list.insert(
            0,
            (
                Path {
                    nodes: shortest.to_vec(),
                    value: f64::NAN,
                },
                true,
            ),
        );
    }
    list
}
