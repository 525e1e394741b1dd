//! What one address holds of one asset during a trace, and how much of it is stolen, by
//! haircut (a running balance and its stolen part) or FIFO (a queue of receipts). Each stolen
//! part also carries its worth in the stolen asset's units (`equiv`), which a conversion
//! passes on unchanged while the amount changes asset.

use std::collections::VecDeque;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Amount, Method, NodeId};

/// A stolen part: its amount in the holding's asset, and its worth in the stolen asset.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Part {
    pub(crate) amount: Amount,
    pub(crate) equiv: Amount,
}

impl Part {
    pub(crate) const ZERO: Part = Part {
        amount: Amount::ZERO,
        equiv: Amount::ZERO,
    };

    /// Whether its worth is its amount (a part of the stolen asset itself): then sums and
    /// differences need one figure, not two (the trace's inner loop).
    fn plain(self) -> bool {
        self.equiv == self.amount
    }

    pub(crate) fn add(self, other: Part) -> Part {
        let amount = self.amount.saturating_add(other.amount);
        Part {
            amount,
            equiv: if self.plain() && other.plain() {
                amount
            } else {
                self.equiv.saturating_add(other.equiv)
            },
        }
    }

    /// The share `part ÷ whole` of this (both figures scaled alike).
    pub(crate) fn share(self, part: Amount, whole: Amount) -> Part {
        let amount = self.amount.share(part, whole);
        Part {
            amount,
            equiv: if self.equiv == self.amount {
                amount
            } else {
                self.equiv.share(part, whole)
            },
        }
    }

    /// This less `other`, never below zero.
    pub(crate) fn less(self, other: Part) -> Part {
        let amount = self.amount.saturating_sub(other.amount);
        Part {
            amount,
            equiv: if self.plain() && other.plain() {
                amount
            } else {
                self.equiv.saturating_sub(other.equiv)
            },
        }
    }

    pub(crate) fn is_zero(self) -> bool {
        self.amount.is_zero()
    }
}

/// A receipt waiting to be spent (FIFO): its amount and the stolen part of it.
#[derive(Clone, Copy, Debug)]
struct Lot {
    amount: Amount,
    tainted: Part,
}

#[derive(Default)]
pub(crate) struct Holding {
    /// Haircut: balance and its stolen part.
    balance: Amount,
    tainted: Part,
    /// FIFO: receipts not yet spent.
    lots: VecDeque<Lot>,
}

impl Holding {
    /// Takes `amount` out; returns the stolen part of it.
    pub(crate) fn spend(&mut self, amount: Amount, method: Method) -> Part {
        match method {
            Method::Haircut => {
                // The stolen share of the balance (of the amount, if more leaves than the
                // data shows arriving: the rest is of unknown origin). Never more than it
                // holds: a share rounded up in its last digit.
                let whole = self.balance.max(amount);
                let stolen = amount.share(self.tainted.amount, whole);
                // Worth follows the amount where they are one (the stolen asset itself).
                let out = Part {
                    amount: stolen,
                    equiv: if self.tainted.equiv == self.tainted.amount {
                        stolen
                    } else {
                        self.tainted.equiv.share(amount, whole)
                    },
                };
                let out = Part {
                    amount: out.amount.min(self.tainted.amount),
                    equiv: out.equiv.min(self.tainted.equiv),
                };
                self.tainted = self.tainted.less(out);
                self.balance = self.balance.saturating_sub(amount);
                out
            }
            Method::Fifo => {
                let (mut need, mut out) = (amount, Part::ZERO);
                while !need.is_zero() {
                    let Some(lot) = self.lots.front_mut() else {
                        break; // beyond what it received: unknown origin, clean
                    };
                    if lot.amount <= need {
                        need = need.saturating_sub(lot.amount);
                        out = out.add(lot.tainted);
                        self.lots.pop_front();
                    } else {
                        let part = lot.tainted.share(need, lot.amount);
                        lot.tainted = lot.tainted.less(part);
                        lot.amount = lot.amount.saturating_sub(need);
                        out = out.add(part);
                        need = Amount::ZERO;
                    }
                }
                out
            }
        }
    }

    pub(crate) fn receive(&mut self, amount: Amount, tainted: Part, method: Method) {
        match method {
            Method::Haircut => {
                self.balance = self.balance.saturating_add(amount);
                self.tainted = self.tainted.add(tainted);
            }
            Method::Fifo => self.lots.push_back(Lot { amount, tainted }),
        }
    }

    pub(crate) fn holds(&self, method: Method) -> Part {
        match method {
            Method::Haircut => self.tainted,
            Method::Fifo => self
                .lots
                .iter()
                .fold(Part::ZERO, |sum, l| sum.add(l.tainted)),
        }
    }
}

/// Every address's holding of every asset while a trace runs. Where addresses × assets is
/// not much more than the transfers, a flat index by (address, asset) finds a holding with no
/// hashing (a trace looks one up twice a transfer); past that, a map.
pub(crate) enum Holdings {
    Flat {
        n_assets: usize,
        /// Position in `held` by `address × n_assets + asset`; `u32::MAX` for none yet.
        index: Vec<u32>,
        held: Vec<((NodeId, u32), Holding)>,
    },
    Map(HashMap<(NodeId, u32), Holding>),
}

impl Holdings {
    /// For addresses below `node_bound` and `n_assets` assets, in a trace over `n_transfers`.
    pub(crate) fn new(node_bound: usize, n_assets: usize, n_transfers: usize) -> Holdings {
        match node_bound.checked_mul(n_assets) {
            Some(slots) if slots <= n_transfers.saturating_add(1 << 16) => Holdings::Flat {
                n_assets,
                index: vec![u32::MAX; slots],
                held: Vec::new(),
            },
            _ => Holdings::Map(HashMap::default()),
        }
    }

    /// The holding of `asset` at `id`, empty the first time.
    pub(crate) fn at(&mut self, id: NodeId, asset: u32) -> &mut Holding {
        let slot = match &*self {
            Holdings::Flat {
                n_assets, index, ..
            } => id
                .index()
                .checked_mul(*n_assets)
                .and_then(|s| s.checked_add(asset as usize))
                .filter(|&s| s < index.len() && (asset as usize) < *n_assets),
            Holdings::Map(_) => None,
        };
        if let (Holdings::Flat { held, .. }, None) = (&mut *self, slot) {
            // Outside what it was made for (never, for the trace's own ids): a map from here
            // on rather than a panic.
            *self = Holdings::Map(std::mem::take(held).into_iter().collect());
        }
        match (self, slot) {
            (Holdings::Flat { index, held, .. }, Some(slot)) => {
                if index[slot] == u32::MAX {
                    index[slot] = held.len() as u32;
                    held.push(((id, asset), Holding::default()));
                }
                &mut held[index[slot] as usize].1
            }
            (Holdings::Map(map), _) => map.entry((id, asset)).or_default(),
            // Not reached (made a map above); a holding of its own rather than a panic.
            (Holdings::Flat { held, .. }, None) => {
                held.push(((id, asset), Holding::default()));
                let last = held.len() - 1;
                &mut held[last].1
            }
        }
    }

    /// Every holding touched, with its address and asset (in no particular order).
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = ((NodeId, u32), &Holding)> + '_> {
        match self {
            Holdings::Flat { held, .. } => Box::new(held.iter().map(|(k, h)| (*k, h))),
            Holdings::Map(map) => Box::new(map.iter().map(|(k, h)| (*k, h))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(k: u32) -> NodeId {
        NodeId(petgraph::graph::NodeIndex::new(k as usize))
    }

    #[test]
    fn flat_and_map_holdings_keep_the_same_balances() {
        let one = Amount::parse("1").unwrap_or_default();
        let mut flat = Holdings::new(10, 2, 100);
        let mut map = Holdings::new(usize::MAX, 2, 100);
        assert!(matches!(flat, Holdings::Flat { .. }));
        assert!(matches!(map, Holdings::Map(_)));
        for h in [&mut flat, &mut map] {
            for (node, asset) in [(3, 1), (3, 0), (3, 1), (9, 1)] {
                h.at(id(node), asset)
                    .receive(one, Part::ZERO, Method::Haircut);
            }
            // An address past what the flat index was made for: no panic, still counted.
            h.at(id(40), 0).receive(one, Part::ZERO, Method::Haircut);
        }
        let balances = |h: &Holdings| {
            let mut v: Vec<(u32, u32, String)> = h
                .iter()
                .map(|((n, a), h)| (n.index() as u32, a, h.balance.to_string()))
                .collect();
            v.sort();
            v
        };
        let expected = [(3, 0, "1"), (3, 1, "2"), (9, 1, "1"), (40, 0, "1")]
            .map(|(n, a, b)| (n, a, b.to_owned()))
            .to_vec();
        assert_eq!(balances(&flat), expected);
        assert_eq!(balances(&map), expected);
        assert!(
            matches!(flat, Holdings::Map(_)),
            "the address past the index made it a map"
        );
    }
}
