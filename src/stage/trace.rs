//! The trace on the stage: tracing the stolen amount from the seeds (the core's
//! `export::trace_view`, so `hopscope render` of the saved case traces the same), the fill
//! each scene node is drawn with, the case's assets for the trace's choice, and the cash-out
//! table of what reached exchanges, summed per exchange name.

use std::collections::HashMap;

use hopscope_core::export;
use hopscope_core::model::labels::{shown, LabelBook};
use hopscope_core::model::{Amount, Asset};
use hopscope_core::trace::{Method, Pools, Trace};
use hopscope_core::NodeId;

use super::Stage;

/// A trace the user ran, and how full each scene node is drawn (0…1 of the largest amount any
/// shown node received).
#[derive(Clone, Debug)]
pub struct Traced {
    pub method: Method,
    pub asset: Asset,
    pub pools: Pools,
    /// Whether value is followed across conversions.
    pub across: bool,
    pub trace: Trace,
    pub fill: Vec<f32>,
}

/// A row of the cash-out table: an exchange (its name, or its address when unnamed), the
/// stolen amount that reached its addresses, and how many addresses.
#[derive(Clone, Debug, PartialEq)]
pub struct CashOut {
    pub name: String,
    /// Worth in the traced asset (through the conversions' rates, when followed).
    pub amount: Amount,
    /// What arrived, per asset.
    pub assets: Vec<(Asset, Amount)>,
    pub n_addresses: usize,
    pub first: NodeId,
}

impl Stage {
    /// Traces `asset` from the case's seeds and those the user marked, by `method`; mixer
    /// pools and bridges as `pools` says, across the links the view accepts.
    pub fn run_trace(&mut self, method: Method, asset: Asset, pools: Pools, across: bool) {
        // The core's, so that `hopscope render` of the saved case traces the same.
        let result = export::trace_view(
            &self.case,
            &self.view,
            &self.patterns,
            method,
            &asset,
            pools,
            across,
        );
        self.trace = Some(Traced {
            method,
            asset,
            pools,
            across,
            trace: result,
            fill: Vec::new(),
        });
        self.refresh_fill();
        self.rev.view_changed();
        self.dirty = true;
    }

    pub fn clear_trace(&mut self) {
        self.trace = None;
        self.restyled();
        self.rev.view_changed();
        self.dirty = true;
    }

    pub(super) fn refresh_fill(&mut self) {
        self.restyled();
        let Some(traced) = &mut self.trace else {
            return;
        };
        // The core's, so the exported picture fills the nodes alike.
        traced.fill = export::trace_fill(&self.view, &self.scene, &traced.trace);
    }

    /// The assets of the case, most transfers first (the first is the trace's default).
    pub fn assets(&self) -> Vec<Asset> {
        let mut count: HashMap<&Asset, usize> = HashMap::new();
        for t in self.case.graph.transfers() {
            *count.entry(&t.asset).or_insert(0) += 1;
        }
        let mut list: Vec<(&Asset, usize)> = count.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        list.into_iter().map(|(a, _)| a.clone()).collect()
    }

    /// The cash-out table of the trace: stolen value that reached exchanges, summed per
    /// exchange name, largest first.
    pub fn cashout(&self) -> Vec<CashOut> {
        let Some(traced) = &self.trace else {
            return Vec::new();
        };
        let book: &LabelBook = &self.case.book;
        let mut rows: Vec<CashOut> = Vec::new();
        for &(id, amount) in &traced.trace.cashout {
            let Some(node) = self.case.graph.node(id) else {
                continue;
            };
            let name = shown(node, book)
                .label
                .unwrap_or_else(|| node.address.as_str().to_owned());
            let row = match rows.iter().position(|r| r.name == name) {
                Some(k) => {
                    rows[k].amount = rows[k].amount.saturating_add(amount);
                    rows[k].n_addresses += 1;
                    k
                }
                None => {
                    rows.push(CashOut {
                        name,
                        amount,
                        assets: Vec::new(),
                        n_addresses: 1,
                        first: id,
                    });
                    rows.len() - 1
                }
            };
            for (a, v) in traced.trace.received_assets(id) {
                let assets = &mut rows[row].assets;
                match assets.iter_mut().find(|(b, _)| b == a) {
                    Some((_, w)) => *w = w.saturating_add(*v),
                    None => assets.push((a.clone(), *v)),
                }
            }
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.amount));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::view::tests::{demo, expand};

    #[test]
    fn a_trace_fills_nodes_and_the_cashout_rows_add_up() {
        let mut stage = demo();
        expand(&mut stage, 6);
        let asset = stage.assets()[0].clone();
        stage.run_trace(Method::Haircut, asset, Pools::Ordinary, true);
        let traced = stage.trace.as_ref().unwrap();
        assert_eq!(traced.fill.len(), stage.scene.nodes.len());
        assert!(traced.fill.iter().all(|f| (0.0..=1.0).contains(f)));
        assert!(traced.fill.contains(&1.0));
        let rows = stage
            .cashout()
            .iter()
            .fold(Amount::ZERO, |sum, r| sum.saturating_add(r.amount));
        let direct = Trace::total(&traced.trace.cashout);
        assert!(!rows.is_zero() && rows == direct);
    }
}
