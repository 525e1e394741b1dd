//! What one address holds of one asset during a trace, and how much of it is stolen, by
//! haircut (a running balance and its stolen part) or FIFO (a queue of receipts). Each stolen
//! part also carries its worth in the stolen asset's units (`equiv`), which a conversion
//! passes on unchanged while the amount changes asset.

use std::collections::VecDeque;

use crate::model::{Amount, Method};

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
