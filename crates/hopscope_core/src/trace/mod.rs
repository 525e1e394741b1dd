//! Following the stolen amount: from the seeds, through every transfer in time order, how much
//! of what each address received and still holds is traceable to the seeds, by two methods.
//! - **Haircut** (proportional): every address's holdings are a mix; a transfer out carries the
//!   tainted share of the sender's balance at that moment.
//! - **FIFO**: an address's receipts queue up; a transfer out spends the oldest first, so it
//!   carries exactly the taint of the receipts it uses up.
//!
//! Mixer pools and bridges (`Pools::Absorb`, the default in the app) keep what they receive:
//! the data never holds all of a pool's deposits, so spreading its taint over every withdrawal
//! would be an invention. What leaves them carries stolen value only along the links the
//! investigator accepted (or bridge hops): the out-transfer carries the stolen share of the
//! in-transfer it is linked to, scaled to its amount, never more than that transfer brought in.
//! `Pools::Ordinary` treats them like any address.
//!
//! Seeds are the source: all they send counts as stolen. Value an address sends beyond what the
//! data shows it received is of unknown origin and counts as clean. One asset at a time (amounts
//! of different assets do not mix). Swap contracts (DEX pools and routers, `is_swap`) keep what
//! reaches them: it was swapped into another asset, which is not followed, and they are listed
//! as such, never as holding it. Figures are exact decimals (`Amount`); a proportional share
//! that does not end is rounded in its 28th significant digit.
//!
//! Across conversions (`trace_across`, the app's default): a conversion's inputs carry the
//! stolen part into it and its outputs carry the same share out, in the output's asset; each
//! stolen part keeps its worth in the stolen asset's units, so totals add up across assets.
//! The loop is `run.rs`, what an address holds `holding.rs`.

use std::collections::HashMap;

mod holding;
pub mod routes;
mod run;

use crate::convert::Conversion;
use crate::infer::LinkKey;
pub use crate::model::choices::{Method, Pools};
use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId, Packed};

/// How much of the stolen amount each address saw, in exact amounts of the asset. Across
/// conversions, `received`, `held` and the lists are worth in the stolen asset's units (what
/// the conversions' own rates make them); `received_in` and `held_in` give each asset as it
/// arrived.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub asset: Option<Asset>,
    pub method: Method,
    /// Whether value was followed across conversions.
    pub across: bool,
    /// Everything the seeds sent.
    pub left_seeds: Amount,
    /// Stolen value each address received in all.
    pub received: HashMap<NodeId, Amount>,
    /// Stolen value each address still holds at the end (what reached it and did not leave).
    /// Swap contracts are not here: what reached them was swapped (`swapped`).
    pub held: HashMap<NodeId, Amount>,
    /// Per address, the stolen value it received and holds in each asset, as amounts of that
    /// asset, largest first (only assets with some).
    pub received_in: HashMap<NodeId, Vec<(Asset, Amount)>>,
    pub held_in: HashMap<NodeId, Vec<(Asset, Amount)>>,
    /// The US-dollar worth of what each address received, from the values its files gave
    /// (each transfer's stolen share of its value), and whether some stolen receipt had none.
    pub received_usd: HashMap<NodeId, (Amount, bool)>,
    /// The conversions the value went through, in time order, with what was stolen of them.
    pub converted: Vec<Converted>,
    /// Exchanges that received stolen value, largest first: the cash-out table.
    pub cashout: Vec<(NodeId, Amount)>,
    /// Mixer pools and bridges still holding stolen value (`Pools::Absorb`), largest first.
    pub absorbed: Vec<(NodeId, Amount)>,
    /// Swap contracts (DEX pools, routers: `is_swap`) that received stolen value, largest
    /// first. A swap pays back another asset, which a trace of one asset cannot follow, and
    /// what such a contract later pays out of the same asset belongs to other traders; so the
    /// trace stops there and says "swapped, not followed" rather than "still holds".
    pub swapped: Vec<(NodeId, Amount)>,
    /// The stolen part of each transfer, by transfer index, in the transfer's asset (zero for
    /// transfers not followed), its worth in the stolen asset, and the order in which
    /// transfers were followed. Packed: a trace over a million transfers keeps two of these
    /// a transfer (40 rather than 80 bytes in wasm where they are below 2^128 units at their
    /// scale; a bigger one is boxed).
    pub carried: Vec<Packed>,
    pub carried_equiv: Vec<Packed>,
    pub order: Vec<usize>,
}

/// A conversion the stolen value went through: the conversion itself (as the trace followed
/// it, so a reader never has to find it again in a list that may have changed since), the
/// stolen amount that went in net of refunds (in its asset) and what came out (in its asset).
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    pub conversion: Conversion,
    pub stolen_in: Amount,
    pub stolen_out: Amount,
}

impl Trace {
    pub fn received_by(&self, id: NodeId) -> Amount {
        self.received.get(&id).copied().unwrap_or_default()
    }

    pub fn held_by(&self, id: NodeId) -> Amount {
        self.held.get(&id).copied().unwrap_or_default()
    }

    /// What reached `id` in each asset.
    pub fn received_assets(&self, id: NodeId) -> &[(Asset, Amount)] {
        self.received_in.get(&id).map_or(&[], Vec::as_slice)
    }

    /// What `id` holds at the end in each asset.
    pub fn held_assets(&self, id: NodeId) -> &[(Asset, Amount)] {
        self.held_in.get(&id).map_or(&[], Vec::as_slice)
    }

    /// What reached `id` if it is a swap contract the trace stopped at.
    pub fn swapped_at(&self, id: NodeId) -> Option<Amount> {
        self.swapped.iter().find(|(s, _)| *s == id).map(|(_, v)| *v)
    }

    /// The sum of a list of (address, amount) (the cash-out table, the pools, the swaps).
    pub fn total(list: &[(NodeId, Amount)]) -> Amount {
        list.iter()
            .fold(Amount::ZERO, |sum, (_, v)| sum.saturating_add(*v))
    }
}

/// Whether an address is a swap contract (a DEX pool or router, an aggregator): the category
/// DeFi, from the case or the label book. Every DeFi entry of the bundled book is one; a case
/// that labels a lending pool DeFi gets the same stop, which is honest too (what went in came
/// out as another token, not followed).
pub fn is_swap(node: &crate::model::Node, book: &LabelBook) -> bool {
    shown(node, book).category == Category::Defi
}

/// Traces `asset` from `seeds` through the case's transfers, in time order (transfers with no
/// time keep their file order after the timed ones), with pools and bridges as ordinary
/// addresses.
pub fn trace(case: &Case, seeds: &[NodeId], asset: &Asset, method: Method) -> Trace {
    trace_through(case, seeds, asset, method, &[], &[])
}

/// `trace`, where the `absorbers` (mixer pools and bridges, `Patterns::absorbing`, for
/// `Pools::Absorb`; none for `Pools::Ordinary`) keep what reaches them except what the `links`
/// (into, out) carry across. One asset only: what is swapped stops at the swap.
pub fn trace_through(
    case: &Case,
    seeds: &[NodeId],
    asset: &Asset,
    method: Method,
    absorbers: &[NodeId],
    links: &[LinkKey],
) -> Trace {
    run::run(case, seeds, asset, method, absorbers, links, None)
}

/// `trace_through`, carrying stolen value across the `conversions` given (those the
/// investigator follows: `infer::following`): the stolen part of a conversion's inputs becomes
/// the same share of its outputs, in their asset, worth the same in the stolen asset's units.
/// Every asset's transfers are followed; links carry across asset names too.
pub fn trace_across(
    case: &Case,
    seeds: &[NodeId],
    asset: &Asset,
    method: Method,
    absorbers: &[NodeId],
    links: &[LinkKey],
    conversions: &[Conversion],
) -> Trace {
    run::run(
        case,
        seeds,
        asset,
        method,
        absorbers,
        links,
        Some(conversions),
    )
}

/// The non-zero entries, largest first (ties by address id).
fn largest_first(map: HashMap<NodeId, Amount>) -> Vec<(NodeId, Amount)> {
    let mut list: Vec<(NodeId, Amount)> = map.into_iter().filter(|(_, v)| !v.is_zero()).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}
