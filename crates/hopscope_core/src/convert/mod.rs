//! Conversions: where money changes form and its value goes on in another asset. Found from
//! the case's own data, each with its kind, evidence and a confidence:
//! - **swaps in one transaction** (`same_tx.rs`): within one hash an address gives one asset
//!   and it, or another address the transaction pays (swap-and-send), gets another; multi-hop
//!   routes through several pools are one conversion from what went in to what came out;
//! - **wraps** (ETH ↔ WETH and the like): a swap whose two assets are one coin and its wrapped
//!   form;
//! - **bridge hops with two asset names** (USDC in, USDC.e out): the bridge matcher's pairs;
//! - **cross-chain swaps** (`cross_chain.rs`): a deposit whose memo asks THORChain for another
//!   chain's asset, paired with the payout whose memo names it (`OUT:<hash>`), or without one
//!   by the destination and time, with less confidence.
//!
//! A conversion's rate is its own two amounts; nothing is priced from outside. One whose rate
//! is more than `DOUBTFUL_RATE`× off the median of its pair in the case (three or more of
//! them), or whose two sides' dollar values (where the files gave them) are that far apart, is
//! marked doubtful and not followed unless the investigator accepts it. The trace (`trace/`)
//! carries stolen value across the conversions it is given; what the converter got back of
//! its input (a router's refund) is kept apart (`refunds`).

mod cross_chain;
mod same_tx;
pub mod words;

use std::collections::HashMap;

pub use crate::model::memo::{parse_memo, SwapMemo};

use crate::bridge::BridgeHop;
use crate::model::{Amount, Asset, Case, NodeId, TransferId, TxHash};

/// A rate this many times the median of its pair in the case is doubtful.
pub const DOUBTFUL_RATE: f64 = 100.0;

/// What kind of change of form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConversionKind {
    /// One asset for another in one transaction (a DEX, an aggregator).
    Swap,
    /// A coin for its wrapped form or back (ETH ↔ WETH), one for one.
    Wrap,
    /// A bridge hop whose two sides name the asset differently.
    Bridge,
    /// A swap into another chain's asset (THORChain).
    CrossChain,
}

impl ConversionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversionKind::Swap => "swap",
            ConversionKind::Wrap => "wrap",
            ConversionKind::Bridge => "bridge",
            ConversionKind::CrossChain => "cross-chain swap",
        }
    }
}

/// Why the conversion is believed, and who made it.
#[derive(Clone, Debug, PartialEq)]
pub enum ConversionEvidence {
    /// Both sides are transfers of one transaction.
    SameTx,
    /// The contracts it passed, known from a label (router, pool, bridge).
    Through(Vec<NodeId>),
    /// The converter signed the transaction (a normal-transaction row names its sender).
    Sender,
    /// The converter was the only party that gave value without being a known contract.
    OnlyGiver,
    /// Several parties gave value and none is known as a contract or the sender: the one
    /// chosen got its output from a known contract, or had received what it paid in before,
    /// or appears in the most flows.
    Guess,
    /// The output went to another address than the one that paid (swap-and-send).
    SentOn,
    /// The deposit's memo, as written.
    InboundMemo(String),
    /// The payout's memo names the deposit.
    OutboundMemo(String),
    /// Paired by the memo's destination and time only: the payout came this much later.
    DestinationAndTime { seconds: i64 },
    /// The bridge matcher's pair, with its score.
    BridgeHop { score: f64 },
}

/// One conversion: `address` gave `from_amount` of `from_asset` (the `inputs`) and `to`
/// received `to_amount` of `to_asset` (the `outputs`).
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion {
    pub kind: ConversionKind,
    /// The transaction it starts in (the deposit's, for a cross-chain swap).
    pub tx: TxHash,
    /// Who converted: gave the input.
    pub address: NodeId,
    /// Who received the output (the converter itself, or where it sent it on).
    pub to: NodeId,
    /// The contract it went through, where one is known (router, pool, vault, bridge).
    pub via: Option<NodeId>,
    pub inputs: Vec<TransferId>,
    pub outputs: Vec<TransferId>,
    /// What came back to the converter of what it paid in (a router's refund of unspent
    /// input): `from_amount` is net of it, and the trace carries the stolen share back.
    pub refunds: Vec<TransferId>,
    pub from_asset: Asset,
    pub from_amount: Amount,
    pub to_asset: Asset,
    pub to_amount: Amount,
    /// Output over input: how much `to_asset` one `from_asset` bought (for display and the
    /// doubtful check only; the trace uses the exact amounts).
    pub rate: f64,
    pub confidence: f64,
    pub evidence: Vec<ConversionEvidence>,
    /// The rate is far from the others of its pair: listed, not followed unless accepted.
    pub doubtful: bool,
}

impl Conversion {
    /// The key verdicts are kept under (the first input and the first output), as for links.
    pub fn key(&self) -> crate::model::LinkKey {
        crate::model::LinkKey {
            into: self.inputs.first().copied().unwrap_or(TransferId(0)),
            out: self.outputs.first().copied().unwrap_or(TransferId(0)),
        }
    }
}

/// Every conversion in a case, in the order of their first input. `hops` are the bridge
/// matcher's pairs (`bridge_hops`), of which those with two asset names become conversions.
pub fn conversions(case: &Case, hops: &[BridgeHop]) -> Vec<Conversion> {
    let mut out = same_tx::find(case);
    out.extend(cross_chain::find(case));
    let graph = &case.graph;
    for hop in hops {
        let (Some(i), Some(o)) = (graph.transfer(hop.into), graph.transfer(hop.out)) else {
            continue;
        };
        if i.asset == o.asset {
            continue;
        }
        out.push(Conversion {
            kind: ConversionKind::Bridge,
            tx: i.tx.clone(),
            address: i.from,
            to: o.to,
            via: Some(i.to),
            inputs: vec![hop.into],
            outputs: vec![hop.out],
            refunds: Vec::new(),
            from_asset: i.asset.clone(),
            from_amount: i.amount,
            to_asset: o.asset.clone(),
            to_amount: o.amount,
            rate: rate_of(i.amount, o.amount),
            confidence: hop.score,
            evidence: vec![ConversionEvidence::BridgeHop { score: hop.score }],
            doubtful: false,
        });
    }
    mark_doubtful(&mut out, case);
    out.sort_by_key(|c| {
        (
            c.inputs.first().map(|t| t.0),
            c.outputs.first().map(|t| t.0),
        )
    });
    out
}

/// Output per unit of input, as a float for display and comparison only.
pub(crate) fn rate_of(from: Amount, to: Amount) -> f64 {
    let f = from.to_f64_lossy();
    if f > 0.0 {
        to.to_f64_lossy() / f
    } else {
        f64::INFINITY
    }
}

/// Marks each conversion doubtful whose output no plausible rate gives: none came in; or,
/// where its pair (both directions, one as the other's inverse) has three or more conversions
/// in the case, its rate is over `DOUBTFUL_RATE`× off their median (with fewer, a median says
/// nothing of which one is wrong); or, where the files gave US-dollar values of both sides,
/// one side is worth over `DOUBTFUL_RATE`× the other.
fn mark_doubtful(list: &mut [Conversion], case: &Case) {
    let oriented = |c: &Conversion| -> ((String, String), f64) {
        let (a, b) = (c.from_asset.as_str(), c.to_asset.as_str());
        if a <= b {
            ((a.to_owned(), b.to_owned()), c.rate)
        } else {
            ((b.to_owned(), a.to_owned()), 1.0 / c.rate)
        }
    };
    let keyed: Vec<((String, String), f64)> = list.iter().map(oriented).collect();
    let mut rates: HashMap<&(String, String), Vec<f64>> = HashMap::new();
    for (pair, r) in &keyed {
        if r.is_finite() && *r > 0.0 {
            rates.entry(pair).or_default().push(*r);
        }
    }
    let medians: HashMap<&(String, String), f64> = rates
        .into_iter()
        .filter(|(_, v)| v.len() >= 3)
        .map(|(k, mut v)| {
            v.sort_by(f64::total_cmp);
            let n = v.len();
            // The middle one, or the geometric mean of the middle two (rates are ratios).
            let m = if n % 2 == 1 {
                v[n / 2]
            } else {
                (v[n / 2 - 1] * v[n / 2]).sqrt()
            };
            (k, m)
        })
        .collect();
    let usd = |ids: &[crate::model::TransferId]| -> Option<f64> {
        let mut sum = 0.0;
        for &t in ids {
            // For comparing orders of magnitude only; never shown or summed into money.
            sum += case.facts.usd(t)?.to_f64_lossy();
        }
        (sum > 0.0).then_some(sum)
    };
    for (c, (pair, r)) in list.iter_mut().zip(&keyed) {
        let off_median = medians
            .get(pair)
            .is_some_and(|m| *r > m * DOUBTFUL_RATE || *r * DOUBTFUL_RATE < *m);
        let off_dollars = match (usd(&c.inputs), usd(&c.outputs)) {
            (Some(i), Some(o)) => o > i * DOUBTFUL_RATE || i > o * DOUBTFUL_RATE,
            _ => false,
        };
        c.doubtful = !c.rate.is_finite() || c.rate <= 0.0 || off_median || off_dollars;
    }
}

#[cfg(test)]
mod tests;
