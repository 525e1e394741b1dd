//! Cross-chain hops (issue 6, core only so far): a transfer into a bridge on one chain and the
//! matching transfer out of a bridge on another, linked as one hop with a score and the reason:
//! the same address on both sides, or an amount and time close enough (bridges take a fee and
//! some minutes). Each transfer out is matched at most once, best pairs first.

use crate::model::labels::{shown, LabelBook};
use crate::model::{Case, Category, Chain, NodeId, TransferId};

/// Why a transfer out of a bridge continues a transfer into one.
#[derive(Clone, Debug, PartialEq)]
pub enum BridgeReason {
    /// Sent from and received by the same address (EVM addresses are the same on every chain).
    SameAddress,
    /// The amount out is this fraction below the amount in, this many seconds later.
    AmountAndTime { shortfall: f64, seconds: i64 },
}

/// A matched pair: into a bridge on one chain, out of one on another.
#[derive(Clone, Debug, PartialEq)]
pub struct BridgeHop {
    pub into: TransferId,
    pub out: TransferId,
    pub score: f64,
    pub reasons: Vec<BridgeReason>,
}

/// How close a pair must be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BridgeOptions {
    /// The transfer out comes at most this long after the transfer in.
    pub max_seconds: i64,
    /// The amount out may be at most this fraction below the amount in (the bridge's fee),
    /// and never above it.
    pub max_shortfall: f64,
}

impl Default for BridgeOptions {
    fn default() -> Self {
        BridgeOptions {
            max_seconds: 6 * 3600,
            max_shortfall: 0.02,
        }
    }
}

/// The cross-chain hops of a case, best first.
pub fn bridge_hops(case: &Case, options: &BridgeOptions) -> Vec<BridgeHop> {
    let graph = &case.graph;
    let book: &LabelBook = &case.book;
    // Each address's category looked up once, not four times a transfer.
    let mut bridges = vec![false; graph.node_bound()];
    for (id, node) in graph.nodes() {
        bridges[id.index()] = shown(node, book).category == Category::Bridge;
    }
    let is_bridge = |id: NodeId| bridges.get(id.index()).copied().unwrap_or(false);
    let chain_of = |k: usize| -> Option<Chain> { graph.chain_of(&graph.transfers()[k]).cloned() };
    let transfers = graph.transfers();
    let into: Vec<usize> = (0..transfers.len())
        .filter(|&k| is_bridge(transfers[k].to) && !is_bridge(transfers[k].from))
        .collect();
    // Transfers out with a time, in time order, so each transfer in looks only at its window.
    let mut out: Vec<(i64, usize)> = (0..transfers.len())
        .filter(|&k| is_bridge(transfers[k].from) && !is_bridge(transfers[k].to))
        .filter_map(|k| Some((transfers[k].timestamp?, k)))
        .collect();
    out.sort_unstable();
    let mut pairs: Vec<BridgeHop> = Vec::new();
    for &i in &into {
        let (ti, ci) = (&transfers[i], chain_of(i));
        let Some(t0) = ti.timestamp else {
            continue;
        };
        // `f64` for the shortfall ratio only (how much less came out than went in, as a share
        // of the fee allowance): it scores a candidate and is never shown or summed, so a
        // rounding in the 16th digit cannot turn a match into a miss that matters.
        let amount_in = ti.amount.to_f64_lossy();
        let first = out.partition_point(|&(t, _)| t <= t0);
        let last = out.partition_point(|&(t, _)| t <= t0.saturating_add(options.max_seconds));
        for &(t1, o) in &out[first..last] {
            let (to, co) = (&transfers[o], chain_of(o));
            if ci.is_none() || co.is_none() || ci == co {
                continue;
            }
            let seconds = t1.saturating_sub(t0);
            if seconds <= 0 || seconds > options.max_seconds {
                continue;
            }
            let amount_out = to.amount.to_f64_lossy();
            let shortfall = if amount_in > 0.0 {
                (amount_in - amount_out) / amount_in
            } else {
                f64::INFINITY
            };
            let close = (0.0..=options.max_shortfall).contains(&shortfall);
            let same = ti.from == to.to;
            if !(same || close) {
                continue;
            }
            let mut reasons = Vec::new();
            let mut miss = 1.0;
            if same {
                reasons.push(BridgeReason::SameAddress);
                miss *= 1.0 - 0.8;
            }
            if close {
                reasons.push(BridgeReason::AmountAndTime { shortfall, seconds });
                let nearness = (1.0 - shortfall / options.max_shortfall.max(f64::MIN_POSITIVE))
                    * (1.0 - seconds as f64 / options.max_seconds as f64);
                miss *= 1.0 - 0.6 * nearness.clamp(0.0, 1.0);
            }
            pairs.push(BridgeHop {
                into: TransferId(i as u32),
                out: TransferId(o as u32),
                score: 1.0 - miss,
                reasons,
            });
        }
    }
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.into.index().cmp(&b.into.index()))
            .then(a.out.index().cmp(&b.out.index()))
    });
    // Each transfer in and out belongs to one hop: the best pairs win.
    let mut used_in = vec![false; transfers.len()];
    let mut used_out = vec![false; transfers.len()];
    pairs.retain(|p| {
        let free = !used_in[p.into.index()] && !used_out[p.out.index()];
        if free {
            used_in[p.into.index()] = true;
            used_out[p.out.index()] = true;
        }
        free
    });
    pairs
}
