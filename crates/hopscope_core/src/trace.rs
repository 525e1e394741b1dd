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
//! of different assets do not mix); figures are `f64`, so sums agree within rounding.

use std::collections::{HashMap, VecDeque};

use crate::infer::LinkKey;
use crate::labels::{shown, LabelBook};
use crate::model::{Asset, Case, Category, NodeId};

/// What happens to stolen value that reaches a mixer pool or a bridge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pools {
    /// It stays there, except what accepted links (and bridge hops) carry on.
    #[default]
    Absorb,
    /// They are ordinary addresses: haircut or FIFO over their transfers in the data.
    Ordinary,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    #[default]
    Haircut,
    Fifo,
}

/// How much of the stolen amount each address saw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    pub asset: Option<Asset>,
    pub method: Method,
    /// Everything the seeds sent.
    pub left_seeds: f64,
    /// Stolen value each address received in all.
    pub received: HashMap<NodeId, f64>,
    /// Stolen value each address still holds at the end (what reached it and did not leave).
    pub held: HashMap<NodeId, f64>,
    /// Exchanges that received stolen value, largest first: the cash-out table.
    pub cashout: Vec<(NodeId, f64)>,
    /// Mixer pools and bridges still holding stolen value (`Pools::Absorb`), largest first.
    pub absorbed: Vec<(NodeId, f64)>,
    /// The stolen part of each transfer, by transfer index (0 for other assets), and the order
    /// in which transfers were followed.
    pub carried: Vec<f64>,
    pub order: Vec<usize>,
}

impl Trace {
    pub fn received_by(&self, id: NodeId) -> f64 {
        self.received.get(&id).copied().unwrap_or(0.0)
    }

    pub fn held_by(&self, id: NodeId) -> f64 {
        self.held.get(&id).copied().unwrap_or(0.0)
    }
}

/// A receipt waiting to be spent (FIFO): its amount and the stolen part of it.
#[derive(Clone, Copy, Debug)]
struct Lot {
    amount: f64,
    tainted: f64,
}

#[derive(Default)]
struct Holding {
    /// Haircut: balance and its stolen part.
    balance: f64,
    tainted: f64,
    /// FIFO: receipts not yet spent.
    lots: VecDeque<Lot>,
}

impl Holding {
    /// Takes `amount` out; returns the stolen part of it.
    fn spend(&mut self, amount: f64, method: Method) -> f64 {
        match method {
            Method::Haircut => {
                let share = if self.balance > 0.0 {
                    (self.tainted / self.balance.max(amount)).min(1.0)
                } else {
                    0.0
                };
                let out = amount * share;
                self.tainted = (self.tainted - out).max(0.0);
                self.balance = (self.balance - amount).max(0.0);
                out
            }
            Method::Fifo => {
                let (mut need, mut out) = (amount, 0.0);
                while need > 0.0 {
                    let Some(lot) = self.lots.front_mut() else {
                        break; // beyond what it received: unknown origin, clean
                    };
                    if lot.amount <= need {
                        need -= lot.amount;
                        out += lot.tainted;
                        self.lots.pop_front();
                    } else {
                        let part = lot.tainted * need / lot.amount;
                        lot.tainted -= part;
                        lot.amount -= need;
                        out += part;
                        need = 0.0;
                    }
                }
                out
            }
        }
    }

    fn receive(&mut self, amount: f64, tainted: f64) {
        self.balance += amount;
        self.tainted += tainted;
        self.lots.push_back(Lot { amount, tainted });
    }

    fn holds(&self, method: Method) -> f64 {
        match method {
            Method::Haircut => self.tainted,
            Method::Fifo => self.lots.iter().map(|l| l.tainted).sum(),
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
    // For each out-transfer, the in-transfers linked to it.
    let mut linked_from: HashMap<usize, Vec<usize>> = HashMap::new();
    for l in links {
        linked_from
            .entry(l.out.index())
            .or_default()
            .push(l.into.index());
    }
    // Stolen value each linked in-transfer brought that no out-transfer has carried on yet.
    let mut unspent: HashMap<usize, f64> = HashMap::new();
    // Stolen value each absorbing address holds.
    let mut pooled: HashMap<NodeId, f64> = HashMap::new();
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
        carried: vec![0.0; graph.n_transfers()],
        ..Trace::default()
    };
    for &k in &order {
        let t = &graph.transfers()[k];
        let amount = t.amount.to_f64_lossy();
        let tainted = if is_seed(t.from) {
            result.left_seeds += amount;
            amount
        } else if absorbing(t.from) {
            // Only along links: the stolen share of each linked deposit, scaled to this amount.
            let mut out = 0.0;
            for &i in linked_from.get(&k).map(Vec::as_slice).unwrap_or_default() {
                let into = &graph.transfers()[i];
                let Some(left) = unspent.get_mut(&i) else {
                    continue; // not yet arrived, or another asset
                };
                let share = result.carried[i] / into.amount.to_f64_lossy().max(f64::MIN_POSITIVE);
                let part = (share * amount).min(*left).min(amount - out).max(0.0);
                *left -= part;
                if let Some(p) = pooled.get_mut(&into.to) {
                    *p = (*p - part).max(0.0);
                }
                out += part;
            }
            out
        } else {
            holdings.entry(t.from).or_default().spend(amount, method)
        };
        result.carried[k] = tainted;
        if tainted > 0.0 {
            *result.received.entry(t.to).or_insert(0.0) += tainted;
        }
        if absorbing(t.to) {
            *pooled.entry(t.to).or_insert(0.0) += tainted;
            unspent.insert(k, tainted);
        } else {
            holdings.entry(t.to).or_default().receive(amount, tainted);
        }
    }
    for (id, h) in &holdings {
        let held = h.holds(method);
        if held > 0.0 {
            result.held.insert(*id, held);
        }
    }
    let mut absorbed: Vec<(NodeId, f64)> = pooled.into_iter().filter(|(_, v)| *v > 0.0).collect();
    absorbed.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for &(id, v) in &absorbed {
        *result.held.entry(id).or_insert(0.0) += v;
    }
    result.absorbed = absorbed;
    let book = LabelBook::bundled();
    let mut cashout: Vec<(NodeId, f64)> = result
        .received
        .iter()
        .filter(|(id, _)| {
            graph
                .node(**id)
                .is_some_and(|n| shown(n, book).category == Category::Exchange)
        })
        .map(|(id, v)| (*id, *v))
        .collect();
    cashout.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    result.cashout = cashout;
    result.order = order;
    result
}
