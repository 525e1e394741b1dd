//! Timeline playback (issue 8): the case's timed transfers in time order, so that the picture at
//! any moment is a prefix of that order (found by binary search, so scrubbing is instant); the
//! moment each address was first funded; and the running totals a lesson shows: what has left
//! the seeds (the hack) and what has reached mixers, bridges and exchanges by then, per asset,
//! as exact amounts.

use std::collections::BTreeMap;

use crate::model::labels::{self, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId, TransferId};
use crate::style::Scene;

/// The case's transfers that have a time, in time order (ties in case order).
#[derive(Clone, Debug, Default)]
pub struct Playback {
    order: Vec<TransferId>,
    times: Vec<i64>,
    /// Addresses by the time they first received value, earliest first.
    funded: Vec<(i64, NodeId)>,
    /// Per transfer in `order`: whether it leaves the seeds, and the watched category it
    /// reaches (worked out once, so totals cost no label lookups while playing).
    kinds: Vec<(bool, Option<Category>)>,
}

/// What has moved by a moment, per asset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Sent by the seeds to other addresses.
    pub left_seeds: BTreeMap<String, Amount>,
    /// Received by addresses of each of these categories (mixers, bridges, exchanges) from
    /// addresses the seeds' funds (or the attacker's labelled addresses) had reached by then,
    /// counted whole, not by share.
    pub reached: BTreeMap<Category, BTreeMap<String, Amount>>,
}

/// The categories whose arrivals a lesson counts.
pub const WATCHED: [Category; 3] = [Category::Mixer, Category::Bridge, Category::Exchange];

impl Playback {
    pub fn of(case: &Case) -> Playback {
        let transfers = case.graph.transfers();
        let mut order: Vec<TransferId> = (0..transfers.len())
            .filter(|&k| transfers[k].timestamp.is_some())
            .map(|k| TransferId(k as u32))
            .collect();
        order.sort_by_key(|t| (transfers[t.index()].timestamp, t.0));
        let times: Vec<i64> = order
            .iter()
            .filter_map(|t| transfers[t.index()].timestamp)
            .collect();
        let mut first: BTreeMap<NodeId, i64> = BTreeMap::new();
        for (t, &k) in times.iter().zip(&order) {
            first.entry(transfers[k.index()].to).or_insert(*t);
        }
        let mut funded: Vec<(i64, NodeId)> = first.into_iter().map(|(id, t)| (t, id)).collect();
        funded.sort();
        let book: &LabelBook = &case.book;
        let category = |id: NodeId| {
            case.graph
                .node(id)
                .map_or(Category::Unknown, |n| labels::shown(n, book).category)
        };
        // Addresses the seeds' funds had reached by then (through any number of hops, in time
        // order), and addresses labelled as the attacker's (which carry the trail across a
        // bridge, where no transfer links the two sides): only their transfers count as the
        // hack's money arriving somewhere, so other people's deposits into a mixer are not.
        // A reached address counts whole (as the poison method does): once the hack's money
        // is in a pool, every withdrawal from it counts, the crowd's too, and so does what
        // those addresses send on.
        let mut reached: std::collections::HashSet<NodeId> = case.seeds.iter().copied().collect();
        reached.extend(
            case.graph
                .node_ids()
                .filter(|&id| category(id) == Category::Hacker),
        );
        let kinds = order
            .iter()
            .map(|k| {
                let tr = &transfers[k.index()];
                let leaves = case.seeds.contains(&tr.from) && !case.seeds.contains(&tr.to);
                let from_hack = reached.contains(&tr.from);
                if from_hack {
                    reached.insert(tr.to);
                }
                let c = category(tr.to);
                let reaches =
                    (from_hack && WATCHED.contains(&c) && category(tr.from) != c).then_some(c);
                (leaves, reaches)
            })
            .collect();
        Playback {
            order,
            times,
            funded,
            kinds,
        }
    }

    /// The first and last transfer time, if any transfer has one.
    pub fn span(&self) -> Option<(i64, i64)> {
        Some((*self.times.first()?, *self.times.last()?))
    }

    /// How many timed transfers there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The transfers with a time at or before `t`, in time order.
    pub fn shown_at(&self, t: i64) -> &[TransferId] {
        &self.order[..self.times.partition_point(|&x| x <= t)]
    }

    /// The addresses first funded at or before `t`, earliest first.
    pub fn funded_at(&self, t: i64) -> impl Iterator<Item = NodeId> + '_ {
        self.funded[..self.funded.partition_point(|&(x, _)| x <= t)]
            .iter()
            .map(|&(_, id)| id)
    }

    /// The running totals at `t`: what left the seeds and what reached mixers, bridges and
    /// exchanges (categories as shown, with the label book's where the case has none).
    pub fn totals_at(&self, case: &Case, t: i64) -> Totals {
        let mut totals = Totals::default();
        let add = |into: &mut BTreeMap<String, Amount>, asset: &Asset, amount: Amount| {
            let slot = into.entry(asset.as_str().to_owned()).or_default();
            // An overflow stops at `Amount::MAX`, which every figure shows as "≥".
            *slot = slot.saturating_add(amount);
        };
        let shown = self.shown_at(t);
        for (&k, &(leaves, reaches)) in shown.iter().zip(&self.kinds) {
            let Some(tr) = case.graph.transfer(k) else {
                continue;
            };
            if leaves {
                add(&mut totals.left_seeds, &tr.asset, tr.amount);
            }
            if let Some(c) = reaches {
                add(totals.reached.entry(c).or_default(), &tr.asset, tr.amount);
            }
        }
        totals
    }
}

/// When each node and edge of a scene first appears in playback: an edge with the first
/// transfer of its flow, a node with the first of its edges or links (seeds from the start).
/// `None`: no
/// time known, always shown. (An edge between groups stands for several flows; it appears with
/// the one it names.)
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Appearance {
    pub nodes: Vec<Option<i64>>,
    pub edges: Vec<Option<i64>>,
}

impl Appearance {
    pub fn of(case: &Case, scene: &Scene) -> Appearance {
        let edges: Vec<Option<i64>> = scene
            .edges
            .iter()
            .map(|e| {
                case.graph
                    .flows_of(e.from, petgraph::Direction::Outgoing)
                    .find(|(other, _)| *other == e.to)
                    .and_then(|(_, flow)| case.graph.sums(flow).first)
            })
            .collect();
        let mut nodes: Vec<Option<i64>> = vec![None; scene.nodes.len()];
        let mut timed = vec![false; scene.nodes.len()];
        for (e, first) in scene.edges.iter().zip(&edges) {
            let Some(t) = *first else { continue };
            for i in [e.source as usize, e.target as usize] {
                if let Some(slot) = nodes.get_mut(i) {
                    *slot = Some(slot.map_or(t, |s| s.min(t)));
                    timed[i] = true;
                }
            }
        }
        // A link (a conversion, a bridge hop, an accepted withdrawal) carries money too: its
        // ends are there once its transfer out has happened, also where no drawn edge joins
        // them (a cross-chain swap's two sides).
        for l in &scene.links {
            let Some(t) = case.graph.transfer(l.key.out).and_then(|t| t.timestamp) else {
                continue;
            };
            for i in [l.source as usize, l.target as usize] {
                if let Some(slot) = nodes.get_mut(i) {
                    *slot = Some(slot.map_or(t, |s| s.min(t)));
                    timed[i] = true;
                }
            }
        }
        for (i, n) in scene.nodes.iter().enumerate() {
            if case.seeds.contains(&n.id) && timed[i] {
                nodes[i] = Some(i64::MIN);
            }
        }
        Appearance { nodes, edges }
    }

    /// Which nodes and edges are not there yet at `t`.
    pub fn hidden_at(&self, t: i64) -> (Vec<bool>, Vec<bool>) {
        let later = |x: &Option<i64>| x.is_some_and(|x| x > t);
        (
            self.nodes.iter().map(later).collect(),
            self.edges.iter().map(later).collect(),
        )
    }
}
