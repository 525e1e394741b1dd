//! What a filter leaves out of the picture: while it is active, a shown address with no counted
//! flow to another shown one leaves (`View::left_out`), unless the investigator marked it
//! (seed, pin, note, search, group).

use std::collections::BTreeSet;

use crate::model::{Case, Flow, NodeId};

impl super::View {
    /// The shown addresses the picture leaves out while the filter is active: those with no
    /// admitted flow (the right way, for a direction) to or from another shown address, so
    /// a filter changes the picture even when everything is shown. The investigator's own
    /// marks stay: seeds (of the case or marked), pinned addresses, addresses with a note,
    /// addresses searched for, and group members (a group is drawn whole). Empty when the
    /// filter admits everything.
    pub fn left_out(&self, case: &Case) -> BTreeSet<NodeId> {
        let mut out = BTreeSet::new();
        if !self.filter.is_active() {
            return out;
        }
        let graph = &case.graph;
        let reach = self.reach(case);
        let seeds = self.seeds(case);
        let grouped: BTreeSet<NodeId> = self
            .groups()
            .iter()
            .flat_map(|g| g.members.iter().copied())
            .collect();
        let kept = |id: NodeId| {
            seeds.contains(&id)
                || self.is_pinned(id)
                || self.is_found(id)
                || grouped.contains(&id)
                || self.note(super::Mark::Node(id)).is_some()
        };
        for v in self.visible() {
            if kept(v) {
                continue;
            }
            let admitted = |from: NodeId, to: NodeId, flow: &Flow| {
                self.is_visible(if from == v { to } else { from })
                    && self.filter.admits_direction(reach.as_ref(), from, to)
                    && self.filter.admits_flow(graph, flow)
            };
            let connected = graph
                .flows_of(v, petgraph::Direction::Outgoing)
                .any(|(w, f)| w != v && admitted(v, w, f))
                || graph
                    .flows_of(v, petgraph::Direction::Incoming)
                    .any(|(u, f)| u != v && admitted(u, v, f));
            if !connected {
                out.insert(v);
            }
        }
        out
    }

    /// The shown addresses the picture draws (`visible` less `left_out`).
    pub fn n_drawn(&self, case: &Case) -> usize {
        self.n_visible() - self.left_out(case).len()
    }
}
