//! Which transfers count: a time window, a set of assets, a smallest amount per asset, and the
//! direction of the money relative to the seeds (leaving them, or reaching them). A flow (all
//! transfers between two addresses) counts when any of its transfers does. Also the histogram
//! of transfers over time that the time brush is drawn on. The view keeps one `Filter`; paths,
//! expansion and the scene ask it which transfers count.

use std::collections::{BTreeMap, BTreeSet};

pub use crate::model::choices::Flowing;
use crate::model::{Amount, Asset, Flow, Graph, NodeId, Transfer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only transfers from..=to (UTC seconds); transfers with no time pass.
    pub time: Option<(i64, i64)>,
    /// Only these assets (`None`: all).
    pub assets: Option<BTreeSet<Asset>>,
    /// The smallest amount that counts, per asset.
    pub min_value: BTreeMap<Asset, Amount>,
    pub direction: Flowing,
}

/// The addresses on the chosen side of the seeds (by node index), for `Flowing`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach(Vec<bool>);

impl Reach {
    pub fn contains(&self, id: NodeId) -> bool {
        self.0.get(id.index()).copied().unwrap_or(false)
    }
}

impl Filter {
    /// Whether the filter leaves anything out (a window, assets, a minimum or a direction).
    pub fn is_active(&self) -> bool {
        self.time.is_some()
            || self.assets.is_some()
            || !self.min_value.is_empty()
            || self.direction != Flowing::Both
    }

    /// The filter a case opens with: every asset but the likely spam ones (`spam.rs`), as long
    /// as another asset remains; else everything.
    pub fn opening(graph: &Graph) -> Filter {
        let spam = crate::spam::likely_spam(graph);
        if spam.is_empty() {
            return Filter::default();
        }
        let kept: BTreeSet<Asset> = graph
            .transfers()
            .iter()
            .map(|t| &t.asset)
            .filter(|a| !spam.contains(*a))
            .cloned()
            .collect();
        Filter {
            assets: (!kept.is_empty()).then_some(kept),
            ..Filter::default()
        }
    }

    pub fn admits(&self, t: &Transfer) -> bool {
        let in_time = match (self.time, t.timestamp) {
            (Some((from, to)), Some(ts)) => (from..=to).contains(&ts),
            _ => true,
        };
        let asset_ok = self.assets.as_ref().is_none_or(|a| a.contains(&t.asset));
        let big_enough = self
            .min_value
            .get(&t.asset)
            .is_none_or(|min| t.amount >= *min);
        in_time && asset_ok && big_enough
    }

    /// Whether any transfer of the flow counts.
    pub fn admits_flow(&self, graph: &Graph, flow: &Flow) -> bool {
        flow.transfers
            .iter()
            .any(|id| graph.transfer(*id).is_some_and(|t| self.admits(t)))
    }

    /// For a direction other than `Both`: the addresses reached from `seeds` following the
    /// money (`FromSeeds`), or reaching them (`ToSeeds`), through flows the rest of the filter
    /// admits.
    pub fn reach(&self, graph: &Graph, seeds: &[NodeId]) -> Option<Reach> {
        let way = match self.direction {
            Flowing::Both => return None,
            Flowing::FromSeeds => petgraph::Direction::Outgoing,
            Flowing::ToSeeds => petgraph::Direction::Incoming,
        };
        let mut seen = vec![false; graph.node_bound()];
        let mut stack: Vec<NodeId> = Vec::new();
        for &s in seeds {
            if graph.node(s).is_some() && !seen[s.index()] {
                seen[s.index()] = true;
                stack.push(s);
            }
        }
        while let Some(v) = stack.pop() {
            for (w, flow) in graph.flows_of(v, way) {
                if !seen[w.index()] && self.admits_flow(graph, flow) {
                    seen[w.index()] = true;
                    stack.push(w);
                }
            }
        }
        Some(Reach(seen))
    }

    /// Whether the flow `from` → `to` goes the chosen way (always, for `Both`).
    pub fn admits_direction(&self, reach: Option<&Reach>, from: NodeId, to: NodeId) -> bool {
        match (self.direction, reach) {
            (Flowing::FromSeeds, Some(r)) => r.contains(from),
            (Flowing::ToSeeds, Some(r)) => r.contains(to),
            _ => true,
        }
    }

    /// The value of the flow's counted transfers, for ranking only (amounts of different
    /// assets are added as plain numbers, in `f64`: it orders a hub's neighbours and is never
    /// shown, so neither its rounding nor an overflow to infinity can misstate an amount).
    pub fn rank_value(&self, graph: &Graph, flow: &Flow) -> f64 {
        flow.transfers
            .iter()
            .filter_map(|id| graph.transfer(*id))
            .filter(|t| self.admits(t))
            .map(|t| t.amount.to_f64_lossy())
            .sum()
    }
}

/// How many transfers fall in each of equal time bins, for the time-window brush.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    /// First and last transfer time (UTC seconds); the bins cover from..=to.
    pub from: i64,
    pub to: i64,
    pub counts: Vec<u32>,
}

impl Histogram {
    /// The transfers of `graph` with a time, in `bins` bins; `None` when none has a time.
    pub fn of(graph: &Graph, bins: usize) -> Option<Histogram> {
        let bins = bins.max(1);
        let times = graph.transfers().iter().filter_map(|t| t.timestamp);
        let (from, to) = times.fold(None, |acc: Option<(i64, i64)>, ts| {
            Some(acc.map_or((ts, ts), |(a, b)| (a.min(ts), b.max(ts))))
        })?;
        let mut counts = vec![0u32; bins];
        // In i128: a hostile file's times may span the whole of i64.
        let span = to as i128 - from as i128 + 1;
        for ts in graph.transfers().iter().filter_map(|t| t.timestamp) {
            let k = ((ts as i128 - from as i128) * bins as i128 / span) as usize;
            counts[k.min(bins - 1)] = counts[k.min(bins - 1)].saturating_add(1);
        }
        Some(Histogram { from, to, counts })
    }

    /// The first time in bin `k` (and `bin_start(len)` is just past the end): a transfer at
    /// time `t` is counted in bin `k` exactly when `bin_start(k) <= t < bin_start(k + 1)`.
    pub fn bin_start(&self, k: usize) -> i64 {
        let span = self.to as i128 - self.from as i128 + 1;
        let bins = self.counts.len().max(1) as i128;
        // Rounded up, to match the rounding down that assigns times to bins.
        let offset = (span * k as i128 + bins - 1) / bins;
        (self.from as i128 + offset).clamp(i64::MIN as i128, i64::MAX as i128) as i64
    }

    /// The time window (inclusive) that bins `lo..=hi` cover.
    pub fn window(&self, lo: usize, hi: usize) -> (i64, i64) {
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        (self.bin_start(lo), self.bin_start(hi + 1).saturating_sub(1))
    }
}
