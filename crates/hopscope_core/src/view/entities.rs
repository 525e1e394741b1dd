//! Drawing what the pattern finders found as single nodes, as groups of their own kind: Bitcoin
//! common-spend entities (an option: while it is on, every visible address that belongs to an
//! entity brings the whole entity, drawn as one node, until the user opens it), and collapsed
//! peel chains (their transactions and change addresses as one node, the peels beside it).

use super::{GroupKind, Origin, View};
use crate::cluster::{common_spend, entity_label, Clusters, Entity};
use crate::model::{Case, NodeId};
use crate::peel::PeelChain;

/// Entities with more members than this bring only their shown members into one node.
pub const MAX_REVEALED: usize = 500;

impl View {
    /// Whether common-spend entities are drawn as one node.
    pub fn entities(&self) -> bool {
        self.entities
    }

    /// Turns the common-spend option on (drawing every visible entity as one node) or off
    /// (its groups are undone; their addresses stay shown).
    pub fn set_entities(&mut self, case: &Case, on: bool) {
        self.entities = on;
        self.opened.clear();
        if on {
            self.apply_entities(case, &common_spend(case));
        } else if self.groups.iter().any(|g| g.kind == GroupKind::CommonSpend) {
            self.groups_mut()
                .retain(|g| g.kind != GroupKind::CommonSpend);
        }
    }

    /// Sets the option without grouping anything (a restored view has its groups already),
    /// with the members of entities the user had opened.
    pub fn restore_entities_flag(&mut self, opened: impl IntoIterator<Item = NodeId>) {
        self.entities = true;
        self.opened.extend(opened);
    }

    /// Members of entities the user opened.
    pub fn opened_entities(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.opened.iter().copied()
    }

    /// With the option on: each entity with a visible member is shown whole, as one node
    /// (except those the user opened).
    pub fn apply_entities(&mut self, case: &Case, clusters: &Clusters) {
        if !self.entities {
            return;
        }
        for entity in &clusters.entities {
            if entity.members.iter().any(|m| self.opened.contains(m)) {
                continue;
            }
            let Some(&anchor) = entity.members.iter().find(|&&m| self.is_visible(m)) else {
                continue;
            };
            // A huge entity (an exchange's wallet) is not poured into the view: only its shown
            // members are drawn as one.
            let whole = entity.members.len() <= MAX_REVEALED;
            let members: Vec<NodeId> = entity
                .members
                .iter()
                .copied()
                .filter(|&m| !self.is_hidden(m) && (whole || self.is_visible(m)))
                .collect();
            if members.len() < 2 {
                continue;
            }
            let already = self.group_of(anchor).is_some_and(|g| {
                g.kind == GroupKind::CommonSpend && g.members.iter().copied().eq(members.clone())
            });
            if already {
                continue;
            }
            for &m in &members {
                self.reveal(m, anchor);
            }
            self.group_as(members, &entity_name(case, entity), GroupKind::CommonSpend);
        }
    }

    /// Shows a peel chain collapsed: its transactions and change addresses (but the last, where
    /// it ends) as one node, with its start, end and peels beside it. `from` is the address the
    /// user acted on (new addresses are shown as reached from it when it is visible).
    pub fn collapse_peel(&mut self, case: &Case, chain: &PeelChain, from: NodeId) {
        let origin = if self.is_visible(from) {
            Origin::ExpandedFrom(from)
        } else {
            Origin::Shown
        };
        let end = chain.end();
        let spine: Vec<NodeId> = chain
            .txs
            .iter()
            .chain(chain.change.iter())
            .copied()
            .filter(|&id| Some(id) != end)
            .collect();
        let peeled_to = chain
            .peels
            .iter()
            .filter_map(|&t| case.graph.transfer(t).map(|t| t.to));
        let around = [chain.start].into_iter().chain(end).chain(peeled_to);
        for id in spine.iter().copied().chain(around) {
            if !self.is_visible(id) && !self.is_hidden(id) {
                self.visible.insert(id, origin);
            }
        }
        self.group_as(spine, &peel_name(case, chain), GroupKind::PeelChain);
    }
}

/// "Entity: <label> (n addresses)" when a member is labelled, else "Entity of n addresses".
pub fn entity_name(case: &Case, entity: &Entity) -> String {
    let n = entity.members.len();
    match entity_label(case, entity) {
        Some(l) => format!("Entity: {} ({n} addresses)", l.label),
        None => format!("Entity of {n} addresses (common spend)"),
    }
}

/// "Peel chain: n steps, x BTC peeled".
pub fn peel_name(case: &Case, chain: &PeelChain) -> String {
    let asset = chain
        .peels
        .first()
        .and_then(|&t| case.graph.transfer(t))
        .map(|t| t.asset.as_str().to_owned())
        .unwrap_or_default();
    format!(
        "Peel chain: {} steps, {} peeled",
        chain.len(),
        crate::figures::amount(chain.total_peeled, &asset).text
    )
}
