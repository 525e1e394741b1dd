//! Which transfers count: a time window, a set of assets, and a smallest amount per asset. A
//! flow (all transfers between two addresses) counts when any of its transfers does.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Amount, Asset, Flow, Graph, Transfer};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only transfers from..=to (UTC seconds); transfers with no time pass.
    pub time: Option<(i64, i64)>,
    /// Only these assets (`None`: all).
    pub assets: Option<BTreeSet<Asset>>,
    /// The smallest amount that counts, per asset.
    pub min_value: BTreeMap<Asset, Amount>,
}

impl Filter {
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

    /// The value of the flow's counted transfers, for ranking only (amounts of different
    /// assets are added as plain numbers).
    pub fn rank_value(&self, graph: &Graph, flow: &Flow) -> f64 {
        flow.transfers
            .iter()
            .filter_map(|id| graph.transfer(*id))
            .filter(|t| self.admits(t))
            .map(|t| t.amount.to_f64_lossy())
            .sum()
    }
}
