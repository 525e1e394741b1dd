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

use std::collections::{HashMap, VecDeque};

use crate::infer::LinkKey;
pub use crate::model::choices::{Method, Pools};
use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId};

/// How much of the stolen amount each address saw, in exact amounts of the asset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub asset: Option<Asset>,
    pub method: Method,
    /// Everything the seeds sent.
    pub left_seeds: Amount,
    /// Stolen value each address received in all.
    pub received: HashMap<NodeId, Amount>,
    /// Stolen value each address still holds at the end (what reached it and did not leave).
    /// Swap contracts are not here: what reached them was swapped (`swapped`).
    pub held: HashMap<NodeId, Amount>,
    /// Exchanges that received stolen value, largest first: the cash-out table.
    pub cashout: Vec<(NodeId, Amount)>,
    /// Mixer pools and bridges still holding stolen value (`Pools::Absorb`), largest first.
    pub absorbed: Vec<(NodeId, Amount)>,
    /// Swap contracts (DEX pools, routers: `is_swap`) that received stolen value, largest
    /// first. A swap pays back another asset, which a trace of one asset cannot follow, and
    /// what such a contract later pays out of the same asset belongs to other traders; so the
    /// trace stops there and says "swapped, not followed" rather than "still holds".
    pub swapped: Vec<(NodeId, Amount)>,
    /// The stolen part of each transfer, by transfer index (zero for other assets), and the
    /// order in which transfers were followed.
    pub carried: Vec<Amount>,
    pub order: Vec<usize>,
}

impl Trace {
    pub fn received_by(&self, id: NodeId) -> Amount {
        self.received.get(&id).copied().unwrap_or_default()
    }

    pub fn held_by(&self, id: NodeId) -> Amount {
        self.held.get(&id).copied().unwrap_or_default()
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

/// A receipt waiting to be spent (FIFO): its amount and the stolen part of it.
#[derive(Clone, Copy, Debug)]
struct Lot {
    amount: Amount,
    tainted: Amount,
}

#[derive(Default)]
struct Holding {
    /// Haircut: balance and its stolen part.
    balance: Amount,
    tainted: Amount,
    /// FIFO: receipts not yet spent.
    lots: VecDeque<Lot>,
}

impl Holding {
    /// Takes `amount` out; returns the stolen part of it.
    fn spend(&mut self, amount: Amount, method: Method) -> Amount {
        match method {
            Method::Haircut => {
                // The stolen share of the balance (of the amount, if more leaves than the
                // data shows arriving: the rest is of unknown origin).
                // (Never more than it holds: a share rounded up in its last digit.)
                let out = amount
                    .share(self.tainted, self.balance.max(amount))
                    .min(self.tainted);
                self.tainted = self.tainted.saturating_sub(out);
                self.balance = self.balance.saturating_sub(amount);
                out
            }
            Method::Fifo => {
                let (mut need, mut out) = (amount, Amount::ZERO);
                while !need.is_zero() {
                    let Some(lot) = self.lots.front_mut() else {
                        break; // beyond what it received: unknown origin, clean
                    };
                    if lot.amount <= need {
                        need = need.saturating_sub(lot.amount);
                        out = out.saturating_add(lot.tainted);
                        self.lots.pop_front();
                    } else {
                        let part = lot.tainted.share(need, lot.amount);
                        lot.tainted = lot.tainted.saturating_sub(part);
                        lot.amount = lot.amount.saturating_sub(need);
                        out = out.saturating_add(part);
                        need = Amount::ZERO;
                    }
                }
                out
            }
        }
    }

    fn receive(&mut self, amount: Amount, tainted: Amount) {
        self.balance = self.balance.saturating_add(amount);
        self.tainted = self.tainted.saturating_add(tainted);
        self.lots.push_back(Lot { amount, tainted });
    }

    fn holds(&self, method: Method) -> Amount {
        match method {
            Method::Haircut => self.tainted,
            Method::Fifo => self
                .lots
                .iter()
                .fold(Amount::ZERO, |sum, l| sum.saturating_add(l.tainted)),
        }
    }
}

/// Traces `asset` from `seeds` through the case's transfers, in time order (transfers with no
/// time keep their file order after the timed ones), with pools and bridges as ordinary
/// addresses.
pub fn trace(case: &Case, seeds: &[NodeId], asset: &Asset, method: Method) -> Trace {
    trace_through(case, seeds, asset, method, &[], &[])
}

/// `trace`, where the `absorbers` (mixer pools and bridges, `Patterns::absorbing`, for
/// `Pools::Absorb`; none for `Pools::Ordinary`) keep what reaches them except what the `links`
/// (into, out) carry across.
pub fn trace_through(
    case: &Case,
    seeds: &[NodeId],
    asset: &Asset,
    method: Method,
    absorbers: &[NodeId],
    links: &[LinkKey],
) -> Trace {
    let graph = &case.graph;
    let book: &LabelBook = &case.book;
    let mut absorbs: Vec<bool> = Vec::new();
    if !absorbers.is_empty() {
        absorbs = vec![false; graph.node_bound()];
        for id in absorbers {
            if let Some(slot) = absorbs.get_mut(id.index()) {
                *slot = true;
            }
        }
    }
    let absorbing = |id: NodeId| absorbs.get(id.index()).copied().unwrap_or(false);
    let mut swaps = vec![false; graph.node_bound()];
    for id in graph.node_ids() {
        if !seeds.contains(&id) && graph.node(id).is_some_and(|n| is_swap(n, book)) {
            swaps[id.index()] = true;
        }
    }
    let swapping = |id: NodeId| swaps.get(id.index()).copied().unwrap_or(false);
    // For each out-transfer, the in-transfers linked to it.
    let mut linked_from: HashMap<usize, Vec<usize>> = HashMap::new();
    for l in links {
        linked_from
            .entry(l.out.index())
            .or_default()
            .push(l.into.index());
    }
    // Stolen value each linked in-transfer brought that no out-transfer has carried on yet.
    let mut unspent: HashMap<usize, Amount> = HashMap::new();
    // Stolen value each absorbing address holds, and what reached each swap contract.
    let mut pooled: HashMap<NodeId, Amount> = HashMap::new();
    let mut swapped: HashMap<NodeId, Amount> = HashMap::new();
    let mut order: Vec<usize> = (0..graph.n_transfers())
        .filter(|&k| graph.transfers()[k].asset == *asset)
        .collect();
    order.sort_by_key(|&k| {
        (
            graph.transfers()[k].timestamp.is_none(),
            graph.transfers()[k].timestamp,
            k,
        )
    });
    let is_seed = |id: NodeId| seeds.contains(&id);
    let mut holdings: HashMap<NodeId, Holding> = HashMap::new();
    let mut result = Trace {
        asset: Some(asset.clone()),
        method,
        carried: vec![Amount::ZERO; graph.n_transfers()],
        ..Trace::default()
    };
    for &k in &order {
        let t = &graph.transfers()[k];
        let amount = t.amount;
        let tainted = if is_seed(t.from) {
            result.left_seeds = result.left_seeds.saturating_add(amount);
            amount
        } else if swapping(t.from) {
            Amount::ZERO // another trader's swap: not the stolen funds
        } else if absorbing(t.from) {
            // Only along links: the stolen share of each linked deposit, scaled to this amount.
            let mut out = Amount::ZERO;
            for &i in linked_from.get(&k).map(Vec::as_slice).unwrap_or_default() {
                let into = &graph.transfers()[i];
                let Some(left) = unspent.get_mut(&i) else {
                    continue; // not yet arrived, or another asset
                };
                let part = amount
                    .share(result.carried[i], into.amount)
                    .min(*left)
                    .min(amount.saturating_sub(out));
                *left = left.saturating_sub(part);
                if let Some(p) = pooled.get_mut(&into.to) {
                    *p = p.saturating_sub(part);
                }
                out = out.saturating_add(part);
            }
            out
        } else {
            holdings.entry(t.from).or_default().spend(amount, method)
        };
        result.carried[k] = tainted;
        if !tainted.is_zero() {
            let r = result.received.entry(t.to).or_default();
            *r = r.saturating_add(tainted);
        }
        if swapping(t.to) {
            let s = swapped.entry(t.to).or_default();
            *s = s.saturating_add(tainted);
        } else if absorbing(t.to) {
            let p = pooled.entry(t.to).or_default();
            *p = p.saturating_add(tainted);
            unspent.insert(k, tainted);
        } else {
            holdings.entry(t.to).or_default().receive(amount, tainted);
        }
    }
    for (id, h) in &holdings {
        let held = h.holds(method);
        if !held.is_zero() {
            result.held.insert(*id, held);
        }
    }
    let absorbed = largest_first(pooled);
    for &(id, v) in &absorbed {
        let h = result.held.entry(id).or_default();
        *h = h.saturating_add(v);
    }
    result.absorbed = absorbed;
    result.swapped = largest_first(swapped);
    result.cashout = largest_first(
        result
            .received
            .iter()
            .filter(|(id, _)| {
                graph
                    .node(**id)
                    .is_some_and(|n| shown(n, book).category == Category::Exchange)
            })
            .map(|(id, v)| (*id, *v))
            .collect(),
    );
    result.order = order;
    result
}

/// The non-zero entries, largest first (ties by address id).
fn largest_first(map: HashMap<NodeId, Amount>) -> Vec<(NodeId, Amount)> {
    let mut list: Vec<(NodeId, Amount)> = map.into_iter().filter(|(_, v)| !v.is_zero()).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}
