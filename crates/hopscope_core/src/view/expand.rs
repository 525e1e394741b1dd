//! Expanding a node: its neighbours (money out, in, or both) one or more hops out, through
//! the flows the filter admits. Expansion stops at terminal categories (by default exchanges
//! and sanctioned services: money there is cashed out or frozen, and their other customers are
//! not the trail), and a hub with more new neighbours than a threshold is held back for the
//! user to decide (all of them, or the top N by value).
//!
//! A mixer pool is not expanded into every depositor and withdrawer in the world: out of a pool
//! come only the demixing candidates for the trail's deposits (at or above the view's
//! threshold, not rejected), and into it nothing new. Links the trace follows (accepted ones,
//! bridge hops not rejected) are followed as one hop from the depositor or sender, and so are
//! the conversions it follows (a swap-and-send, a cross-chain swap: from who paid in to who
//! got the output).

use std::collections::{BTreeMap, BTreeSet};

use super::{Decision, View};
use crate::bridge::{bridge_hops, BridgeHop, BridgeOptions};
use crate::infer::{is_pool, pool_links, LinkKey, Patterns};
use crate::model::labels::{shown, LabelBook};
use crate::model::{Case, Category, NodeId};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Where the money went.
    #[default]
    Out,
    /// Where it came from.
    In,
    Both,
}

/// What to do with a node that has more new neighbours than `hub_threshold`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HubChoice {
    /// Hold it back and report it, so the user can choose.
    #[default]
    Ask,
    All,
    /// The N neighbours with the largest flows.
    TopN(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandOptions {
    pub direction: Direction,
    pub hops: u32,
    /// Categories whose addresses are shown but not expanded further.
    pub terminal: BTreeSet<Category>,
    pub hub_threshold: usize,
    pub hubs: HubChoice,
}

impl Default for ExpandOptions {
    fn default() -> Self {
        ExpandOptions {
            direction: Direction::Out,
            hops: 1,
            terminal: BTreeSet::from([Category::Exchange, Category::Sanctioned]),
            hub_threshold: 50,
            hubs: HubChoice::Ask,
        }
    }
}

/// What an expansion did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpandReport {
    /// Addresses that became visible, in the order they were reached.
    pub added: Vec<NodeId>,
    /// Hubs not expanded, with how many new neighbours each has.
    pub held_back: Vec<(NodeId, usize)>,
}

impl View {
    /// Expands `from` by `options.hops` hops.
    pub fn expand(&mut self, case: &Case, from: NodeId, options: &ExpandOptions) -> ExpandReport {
        self.expand_with(case, None, from, options)
    }

    /// `expand`, with the case's patterns already found (its pools and bridge hops); without
    /// them, pools are recognised by label and bridge hops found when a bridge is touched.
    pub fn expand_with(
        &mut self,
        case: &Case,
        known: Option<&Patterns>,
        from: NodeId,
        options: &ExpandOptions,
    ) -> ExpandReport {
        let graph = &case.graph;
        let book: &LabelBook = &case.book;
        let terminal = |id: NodeId| {
            graph
                .node(id)
                .is_some_and(|n| options.terminal.contains(&shown(n, book).category))
        };
        let mut report = ExpandReport::default();
        if graph.node(from).is_none() {
            return report;
        }
        if !self.is_visible(from) {
            self.hidden.remove(&from);
            self.mark_seed(from);
        }
        // Hops are counted through addresses already shown too, so expanding again by more
        // hops reaches further; each address is passed once.
        let mut passed: BTreeSet<NodeId> = BTreeSet::from([from]);
        let reach = self.reach(case);
        let touches_bridge = |id: NodeId| {
            [petgraph::Direction::Outgoing, petgraph::Direction::Incoming]
                .into_iter()
                .flat_map(|d| graph.flows_of(id, d))
                .any(|(other, _)| {
                    graph
                        .node(other)
                        .is_some_and(|n| shown(n, book).category == Category::Bridge)
                })
        };
        // Bridge hops are found only when the expansion touches a bridge.
        let mut hops: Option<Vec<BridgeHop>> = None;
        let pool_of = |id: NodeId| match known {
            Some(p) => p.pools.binary_search(&id).is_ok(),
            None => is_pool(case, id),
        };
        // Conversions the trace follows, by their ends: a swap-and-send or a cross-chain swap
        // is one hop from who paid in to who got the output.
        let mut converted: BTreeMap<NodeId, Vec<(NodeId, f64)>> = BTreeMap::new();
        for c in known.map(|p| p.conversions.as_slice()).unwrap_or_default() {
            if c.address == c.to
                || c.kind == crate::convert::ConversionKind::Bridge
                || !crate::infer::follows(c, self)
            {
                continue;
            }
            let (out, into) = match options.direction {
                Direction::Out => (true, false),
                Direction::In => (false, true),
                Direction::Both => (true, true),
            };
            if out {
                converted
                    .entry(c.address)
                    .or_default()
                    .push((c.to, c.confidence));
            }
            if into {
                converted
                    .entry(c.to)
                    .or_default()
                    .push((c.address, c.confidence));
            }
        }
        let mut frontier = vec![from];
        for hop in 0..options.hops {
            let mut next = Vec::new();
            for &node in &frontier {
                // The node asked for is always expanded; beyond it, terminals end the trail.
                if hop > 0 && terminal(node) {
                    continue;
                }
                // New neighbours through admitted flows, with the value that reaches them.
                let mut candidates: BTreeMap<NodeId, f64> = BTreeMap::new();
                let directions: &[petgraph::Direction] = match options.direction {
                    Direction::Out => &[petgraph::Direction::Outgoing],
                    Direction::In => &[petgraph::Direction::Incoming],
                    Direction::Both => {
                        &[petgraph::Direction::Outgoing, petgraph::Direction::Incoming]
                    }
                };
                let pool = pool_of(node);
                let across = converted.get(&node).cloned().unwrap_or_default();
                for (other, value) in across.into_iter().chain(self.linked(
                    case,
                    known,
                    node,
                    options.direction,
                    pool,
                    || {
                        if let Some(p) = known {
                            Some(p.bridge_hops.as_slice())
                        } else if touches_bridge(node) {
                            Some(
                                hops.get_or_insert_with(|| {
                                    bridge_hops(case, &BridgeOptions::default())
                                })
                                .as_slice(),
                            )
                        } else {
                            None
                        }
                    },
                )) {
                    if other == node || self.is_hidden(other) {
                        continue;
                    }
                    if self.is_visible(other) {
                        if passed.insert(other) {
                            next.push(other);
                        }
                        continue;
                    }
                    *candidates.entry(other).or_insert(0.0) += value;
                }
                for &d in directions {
                    if pool {
                        // Through a pool only along inferred links (above).
                        continue;
                    }
                    for (other, flow) in graph.flows_of(node, d) {
                        let (s, t) = if d == petgraph::Direction::Outgoing {
                            (node, other)
                        } else {
                            (other, node)
                        };
                        if other == node
                            || self.is_hidden(other)
                            || !self.filter.admits_flow(graph, flow)
                            || !self.filter.admits_direction(reach.as_ref(), s, t)
                        {
                            continue;
                        }
                        if self.is_visible(other) {
                            if passed.insert(other) {
                                next.push(other);
                            }
                            continue;
                        }
                        *candidates.entry(other).or_insert(0.0) +=
                            self.filter.rank_value(graph, flow);
                    }
                }
                let mut chosen: Vec<NodeId> = candidates.keys().copied().collect();
                if chosen.len() > options.hub_threshold {
                    match options.hubs {
                        HubChoice::Ask => {
                            report.held_back.push((node, chosen.len()));
                            continue;
                        }
                        HubChoice::All => {}
                        HubChoice::TopN(k) => {
                            let mut ranked: Vec<(NodeId, f64)> = candidates.into_iter().collect();
                            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                            chosen = ranked.into_iter().take(k).map(|(id, _)| id).collect();
                        }
                    }
                }
                for id in chosen {
                    if self.reveal(id, node) {
                        report.added.push(id);
                        passed.insert(id);
                        next.push(id);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        if self.entities {
            let before = self.visible.clone();
            match known {
                Some(p) => self.apply_entities(case, &p.clusters),
                None => self.apply_entities(case, &crate::cluster::common_spend(case)),
            }
            report
                .added
                .extend(self.visible().filter(|id| !before.contains_key(id)));
        }
        report
    }

    /// Neighbours of `node` along inferred links, with a rank value: out of a pool, its
    /// demixing candidates (not rejected); from any node, the links the trace follows.
    #[allow(clippy::too_many_arguments)]
    fn linked<'h>(
        &self,
        case: &Case,
        known: Option<&Patterns>,
        node: NodeId,
        direction: Direction,
        pool: bool,
        hops: impl FnOnce() -> Option<&'h [BridgeHop]>,
    ) -> Vec<(NodeId, f64)> {
        let graph = &case.graph;
        let (out, into) = match direction {
            Direction::Out => (true, false),
            Direction::In => (false, true),
            Direction::Both => (true, true),
        };
        let mut found = Vec::new();
        if pool && out {
            let pools: Vec<NodeId> = match known {
                Some(p) => p
                    .pools
                    .iter()
                    .copied()
                    .filter(|&id| self.is_visible(id))
                    .collect(),
                None => vec![node],
            };
            found.extend(
                pool_links(case, self, node, &pools)
                    .into_iter()
                    .filter(|l| l.drawn())
                    .map(|l| (l.to, l.score)),
            );
        }
        let ends =
            |key: LinkKey| Some((graph.transfer(key.into)?.from, graph.transfer(key.out)?.to));
        let mut follow = |key: LinkKey, weight: f64| {
            if let Some((a, b)) = ends(key) {
                if out && a == node {
                    found.push((b, weight));
                }
                if into && b == node {
                    found.push((a, weight));
                }
            }
        };
        for (key, d) in self.decisions() {
            if d == Decision::Accepted {
                follow(key, 1.0);
            }
        }
        for hop in hops().unwrap_or_default() {
            let key = LinkKey {
                into: hop.into,
                out: hop.out,
            };
            if self.decision(key).is_none() && hop.score >= self.threshold.fraction() {
                follow(key, hop.score);
            }
        }
        found
    }
}
