//! Revealing an address the user searched for: the shortest chain of admitted flows (either
//! direction) from the nearest visible address to it is shown, each address on it as expanded
//! from the one before, so collapsing the start takes the path away again. The address searched
//! for stays drawn while a filter leaves it no flow (`View::left_out`).

use std::collections::{HashMap, VecDeque};

use super::{Origin, View};
use crate::model::{Case, NodeId};

impl View {
    /// Shows `target` and the path to it from the nearest visible address, and returns the
    /// addresses that became visible (empty when it already was). With nothing visible, or no
    /// path, `target` is shown on its own (not as a seed). `None` when it is not in the case or is
    /// hidden by the user.
    pub fn reveal_path(&mut self, case: &Case, target: NodeId) -> Option<Vec<NodeId>> {
        let graph = &case.graph;
        graph.node(target)?;
        if self.is_hidden(target) {
            return None;
        }
        // Asked for: drawn even where the filter leaves it no flow.
        self.found.insert(target);
        if self.is_visible(target) {
            return Some(Vec::new());
        }
        // Breadth-first from the target outwards until a visible address is met: the path
        // runs from there back to the target.
        let reach = self.reach(case);
        let mut parent: HashMap<NodeId, NodeId> = HashMap::new();
        let mut queue = VecDeque::from([target]);
        let mut found = None;
        'search: while let Some(v) = queue.pop_front() {
            let mut next: Vec<NodeId> =
                [petgraph::Direction::Outgoing, petgraph::Direction::Incoming]
                    .into_iter()
                    .flat_map(|d| graph.flows_of(v, d).map(move |(w, f)| (d, w, f)))
                    .filter(|(d, w, f)| {
                        let (s, t) = if *d == petgraph::Direction::Outgoing {
                            (v, *w)
                        } else {
                            (*w, v)
                        };
                        self.filter.admits_flow(graph, f)
                            && self.filter.admits_direction(reach.as_ref(), s, t)
                    })
                    .map(|(_, w, _)| w)
                    .filter(|w| !self.is_hidden(*w))
                    .collect();
            next.sort();
            next.dedup();
            for w in next {
                if w == target || parent.contains_key(&w) {
                    continue;
                }
                parent.insert(w, v);
                if self.is_visible(w) {
                    found = Some(w);
                    break 'search;
                }
                queue.push_back(w);
            }
        }
        let mut added = Vec::new();
        match found {
            Some(start) => {
                let mut at = start;
                while let Some(&next) = parent.get(&at) {
                    if self.reveal(next, at) {
                        added.push(next);
                    }
                    at = next;
                }
            }
            None => {
                self.visible.insert(target, Origin::Shown);
                added.push(target);
            }
        }
        Some(added)
    }
}
