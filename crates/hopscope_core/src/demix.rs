//! Demixing candidates (issue 6, core only so far): for deposits of the trail into a mixer pool,
//! which of the pool's withdrawals may be the same money coming out, each with a score in 0…1
//! and the public heuristics that support it, so the user can judge, accept or reject.
//!
//! Heuristics (each a reason with its evidence; the score combines them as independent
//! evidence, 1 − Π(1 − wᵢ)):
//! - **same address**: the withdrawal pays the address that made the deposit;
//! - **linked address**: the withdrawal pays an address that has a direct transfer with the
//!   depositor (either way) outside the pool;
//! - **funded by the trail**: the withdrawal's address later sends to, or receives from, an
//!   address of the trail (other than through the pool);
//! - **soon after, same denomination**: the withdrawal comes after the deposit, for the same
//!   asset and amount (a pool's denomination); the fewer withdrawals of that denomination
//!   came in between, the smaller the crowd it hides in and the stronger the reason.
//!
//! - **matching multi-denomination totals** (across pools, `infer.rs`): the depositor put the
//!   same total into two or more pools (e.g. 100 + 10 + 1 ETH) as the withdrawal's address
//!   took out of them.
//!
//! A withdrawal before the deposit, or of another asset or amount, is never a candidate.
//! The data has no gas prices or relayers, so those heuristics are not applied.

use std::collections::BTreeSet;

use petgraph::Direction;

use crate::model::{Amount, Asset, Case, NodeId, TransferId};

/// Why a withdrawal may continue a deposit.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    SameAddress,
    /// A direct transfer between the depositor and the withdrawal's address.
    LinkedAddress {
        via: TransferId,
    },
    /// The withdrawal's address later deals with this address of the trail.
    FundedByTrail {
        trail_address: NodeId,
    },
    /// Withdrawn this long after the deposit, with this many withdrawals of the same
    /// denomination in between.
    SoonAfter {
        seconds: i64,
        crowd: usize,
    },
    /// The depositor put this total into `pools` pools, and the withdrawal's address took the
    /// same total out of them.
    MatchingTotal {
        /// Exactly, in `asset`.
        total: Amount,
        asset: Asset,
        pools: usize,
    },
}

impl Reason {
    /// How much this reason alone makes the link likely.
    pub fn weight(&self) -> f64 {
        match self {
            Reason::SameAddress => 0.9,
            Reason::LinkedAddress { .. } => 0.7,
            Reason::FundedByTrail { .. } => 0.6,
            // One in (crowd + 1) equally likely withdrawals, at most a fair guess.
            Reason::SoonAfter { crowd, .. } => 0.5 / (*crowd as f64 + 1.0),
            Reason::MatchingTotal { .. } => 0.7,
        }
    }
}

/// A withdrawal that may be the deposit's money coming out.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub deposit: TransferId,
    pub withdrawal: TransferId,
    /// Where the withdrawal went.
    pub to: NodeId,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// Candidates for each of `deposits` (transfers into `pool`), best first. `trail` is the
/// addresses the investigation follows (e.g. the view's), for the funded-by-trail heuristic.
pub fn candidates(
    case: &Case,
    pool: NodeId,
    deposits: &[TransferId],
    trail: &BTreeSet<NodeId>,
) -> Vec<Candidate> {
    let graph = &case.graph;
    let withdrawals: Vec<TransferId> = graph.transfers_of(pool, Direction::Outgoing);
    let mut out = Vec::new();
    for &d in deposits {
        let Some(deposit) = graph.transfer(d) else {
            continue;
        };
        if deposit.to != pool {
            continue;
        }
        let Some(t0) = deposit.timestamp else {
            continue;
        };
        let depositor = deposit.from;
        // Same denomination, after the deposit, in time order.
        let later: Vec<TransferId> = withdrawals
            .iter()
            .copied()
            .filter(|&w| {
                graph.transfer(w).is_some_and(|t| {
                    t.asset == deposit.asset
                        && t.amount == deposit.amount
                        && t.timestamp.is_some_and(|ts| ts > t0)
                })
            })
            .collect();
        for (crowd, &w) in later.iter().enumerate() {
            let Some(t) = graph.transfer(w) else {
                continue;
            };
            let mut reasons = vec![Reason::SoonAfter {
                seconds: t.timestamp.unwrap_or(t0).saturating_sub(t0),
                crowd,
            }];
            if t.to == depositor {
                reasons.push(Reason::SameAddress);
            } else if let Some(via) = direct_link(case, pool, depositor, t.to) {
                reasons.push(Reason::LinkedAddress { via });
            }
            if let Some(a) = later_dealings(case, pool, t.to, t.timestamp.unwrap_or(t0), trail) {
                reasons.push(Reason::FundedByTrail { trail_address: a });
            }
            let score = score_of(&reasons);
            out.push(Candidate {
                deposit: d,
                withdrawal: w,
                to: t.to,
                score,
                reasons,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.withdrawal.index().cmp(&b.withdrawal.index()))
    });
    out
}

/// The reasons combined as independent evidence: 1 − Π(1 − wᵢ).
pub fn score_of(reasons: &[Reason]) -> f64 {
    1.0 - reasons.iter().map(|r| 1.0 - r.weight()).product::<f64>()
}

/// A transfer between `a` and `b` (either way) that does not touch the pool.
fn direct_link(case: &Case, pool: NodeId, a: NodeId, b: NodeId) -> Option<TransferId> {
    let graph = &case.graph;
    [Direction::Outgoing, Direction::Incoming]
        .into_iter()
        .flat_map(|d| graph.flows_of(a, d))
        .filter(|(other, _)| *other == b && *other != pool)
        .flat_map(|(_, f)| f.transfers.iter().copied())
        .min_by_key(|t| t.index())
}

/// An address of the trail (not the pool, not `who`) that `who` deals with after `after`.
fn later_dealings(
    case: &Case,
    pool: NodeId,
    who: NodeId,
    after: i64,
    trail: &BTreeSet<NodeId>,
) -> Option<NodeId> {
    let graph = &case.graph;
    [Direction::Outgoing, Direction::Incoming]
        .into_iter()
        .flat_map(|d| graph.flows_of(who, d))
        .filter(|(other, _)| *other != pool && *other != who && trail.contains(other))
        .filter(|(_, f)| {
            f.transfers.iter().any(|&t| {
                graph
                    .transfer(t)
                    .and_then(|t| t.timestamp)
                    .is_some_and(|ts| ts > after)
            })
        })
        .map(|(other, _)| other)
        .min()
}
