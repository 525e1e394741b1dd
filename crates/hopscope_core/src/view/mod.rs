//! What the investigator has chosen to see of a loaded case, kept apart from the case itself:
//! the visible addresses (starting from the seeds), why each one is there (which expansion
//! added it), hidden addresses, and the filters that decide which transfers count. The loaded
//! graph may hold tens of thousands of addresses; a view shows the few hundred reached so far.
//! Every operation is a plain function of (case, view) → view, so undo is a stack of views.

mod expand;
mod filter;
mod history;

pub use expand::{Direction, ExpandOptions, ExpandReport, HubChoice};
pub use filter::Filter;
pub use history::History;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Case, NodeId};

/// Why an address is visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A seed of the case, or an address the user marked as one.
    Seed,
    /// Added by expanding this node.
    ExpandedFrom(NodeId),
}

/// The visible part of a case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    visible: BTreeMap<NodeId, Origin>,
    hidden: BTreeSet<NodeId>,
    pub filter: Filter,
}

impl View {
    /// The case's seeds, or, when it names none, every address (a small file opened as is).
    pub fn of(case: &Case) -> View {
        let mut view = View::default();
        if case.seeds.is_empty() {
            for id in case.graph.node_ids() {
                view.visible.insert(id, Origin::Seed);
            }
        } else {
            for &id in &case.seeds {
                view.visible.insert(id, Origin::Seed);
            }
        }
        view
    }

    /// Only the given seeds.
    pub fn of_seeds(seeds: impl IntoIterator<Item = NodeId>) -> View {
        View {
            visible: seeds.into_iter().map(|id| (id, Origin::Seed)).collect(),
            ..View::default()
        }
    }

    pub fn is_visible(&self, id: NodeId) -> bool {
        self.visible.contains_key(&id)
    }

    pub fn is_hidden(&self, id: NodeId) -> bool {
        self.hidden.contains(&id)
    }

    /// Visible addresses in id order.
    pub fn visible(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.visible.keys().copied()
    }

    pub fn n_visible(&self) -> usize {
        self.visible.len()
    }

    pub fn origin(&self, id: NodeId) -> Option<Origin> {
        self.visible.get(&id).copied()
    }

    /// Marks an address as a seed (and shows it).
    pub fn mark_seed(&mut self, id: NodeId) {
        self.hidden.remove(&id);
        self.visible.insert(id, Origin::Seed);
    }

    /// Hides an address: it leaves the view and later expansions pass it by.
    pub fn hide(&mut self, id: NodeId) {
        self.visible.remove(&id);
        self.hidden.insert(id);
    }

    pub fn unhide(&mut self, id: NodeId) {
        self.hidden.remove(&id);
    }

    /// Undoes the expansions of `id`: every address that its expansion added, and what their
    /// expansions added in turn, leaves the view (seeds stay).
    pub fn collapse(&mut self, id: NodeId) {
        let mut gone = BTreeSet::from([id]);
        loop {
            let more: Vec<NodeId> = self
                .visible
                .iter()
                .filter(|(n, o)| {
                    !gone.contains(n)
                        && matches!(o, Origin::ExpandedFrom(parent) if gone.contains(parent))
                })
                .map(|(n, _)| *n)
                .collect();
            if more.is_empty() {
                break;
            }
            gone.extend(more);
        }
        gone.remove(&id);
        for n in gone {
            self.visible.remove(&n);
        }
    }

    /// Shows an address because expanding `from` reached it (kept as it was if visible).
    fn reveal(&mut self, id: NodeId, from: NodeId) -> bool {
        if self.visible.contains_key(&id) || self.hidden.contains(&id) {
            return false;
        }
        self.visible.insert(id, Origin::ExpandedFrom(from));
        true
    }
}
