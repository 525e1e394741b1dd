//! What the investigator has chosen to see of a loaded case, kept apart from the case itself:
//! the visible addresses (starting from the seeds), why each one is there (which expansion
//! added it), hidden addresses, and the filters that decide which transfers count. The loaded
//! graph may hold tens of thousands of addresses; a view shows the few hundred reached so far.
//! Every operation is a plain function of (case, view) → view, so undo is a stack of views.
//! Groups (addresses drawn as one entity) and notes (text and a colour on a node or a flow) are
//! part of the view too, so they undo like the rest.

mod annotations;
mod entities;
mod expand;
mod history;
mod left_out;
mod notes;
mod reveal;
mod shared;

pub use crate::filter::{Filter, Flowing, Histogram, Reach};
pub use annotations::{Annotation, Shape, MAX_ANNOTATIONS};
pub use entities::{entity_name, peel_name};
pub use expand::{Direction, ExpandOptions, ExpandReport, HubChoice};
pub use history::History;

pub use crate::infer::{Decision, GroupKind, LinkKey};
pub use notes::{Mark, Note};

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::model::{Case, NodeId};
use shared::{Map, Set};

/// Why an address is visible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A seed of the case, or an address the user marked as one.
    Seed,
    /// Shown with everything ("show all", or a case that names no seeds).
    Shown,
    /// Added by expanding this node.
    ExpandedFrom(NodeId),
}

/// Who made an address a seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeedKind {
    /// The case file names it: it stays a seed.
    OfCase,
    /// The investigator marked it (Seed, S): pressing Seed again unmarks it.
    Marked,
}

/// The visible part of a case. Its collections are persistent trees (`shared.rs`): a copy
/// (each undo step keeps one) shares what later changes leave alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    visible: Map<NodeId, Origin>,
    hidden: Set<NodeId>,
    pub filter: Filter,
    /// Addresses drawn as one entity node, each with a name (copied on a change to them:
    /// `groups_mut`).
    groups: Arc<Vec<Group>>,
    notes: Map<Mark, Note>,
    /// Text boxes, arrows and frames drawn on the picture (`annotations.rs`).
    annotations: Arc<Vec<Annotation>>,
    /// Addresses the user pinned where they are drawn (the layout keeps the place).
    pinned: Set<NodeId>,
    /// The investigator's verdicts on inferred links (demixing candidates, bridge hops).
    decisions: Map<LinkKey, Decision>,
    /// Suggested links below this confidence are not shown.
    pub threshold: Threshold,
    /// Whether every demixing candidate of a deposit is drawn, not only its best
    /// (`infer::drawn`).
    pub every_candidate: bool,
    /// Whether co-spending Bitcoin addresses are drawn as one entity (`entities.rs`).
    entities: bool,
    /// Members of entities the user opened, which stay apart.
    opened: Set<NodeId>,
    /// Addresses the investigator searched for: drawn even when the filter leaves them no
    /// flow (`left_out`).
    found: Set<NodeId>,
}

/// The confidence, in percent, below which suggested links are hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Threshold(pub u8);

impl Default for Threshold {
    fn default() -> Self {
        Threshold(20)
    }
}

impl Threshold {
    pub fn fraction(self) -> f64 {
        f64::from(self.0.min(100)) / 100.0
    }
}

/// Addresses the investigator judged to be one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub members: BTreeSet<NodeId>,
    pub kind: GroupKind,
}

impl Group {
    /// Which heuristic made this group, and from what evidence (`infer::explain_group`); `None`
    /// for one the investigator made.
    pub fn explain(
        &self,
        case: &Case,
        patterns: &crate::infer::Patterns,
    ) -> Option<crate::infer::Explanation> {
        crate::infer::explain_group(case, &self.name, &self.members, self.kind, patterns)
    }
}

impl View {
    /// The case's seeds, or, when it names none, every address (a small file opened as is);
    /// likely spam tokens left out of the asset filter (`Filter::opening`).
    pub fn of(case: &Case) -> View {
        let mut view = View {
            filter: Filter::opening(&case.graph),
            ..View::default()
        };
        if case.seeds.is_empty() {
            for id in case.graph.node_ids() {
                view.visible.insert(id, Origin::Shown);
            }
        } else {
            for &id in &case.seeds {
                view.visible.insert(id, Origin::Seed);
            }
        }
        view
    }

    /// Every address of the case.
    pub fn all(case: &Case) -> View {
        let mut view = View::default();
        view.show_all(case);
        view
    }

    /// Shows every address of the case that is not hidden (those already shown keep why).
    pub fn show_all(&mut self, case: &Case) {
        for id in case.graph.node_ids() {
            if !self.hidden.contains(&id) && !self.visible.contains_key(&id) {
                self.visible.insert(id, Origin::Shown);
            }
        }
        if self.entities {
            self.apply_entities(case, &crate::cluster::common_spend(case));
        }
    }

    /// Whether every address of the case is shown.
    pub fn shows_all(&self, case: &Case) -> bool {
        self.visible.len() == case.graph.n_nodes()
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

    /// Whether the investigator searched for `id` (it stays drawn under a filter).
    pub fn is_found(&self, id: NodeId) -> bool {
        self.found.contains(&id)
    }

    /// Marks `id` as searched for (`reveal_path` does; a restored investigation too).
    pub fn mark_found(&mut self, id: NodeId) {
        self.found.insert(id);
    }

    /// The addresses searched for, in id order.
    pub fn found(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.found.iter().copied()
    }

    /// Whether `id` is a seed, and whose: the case file's (fixed) or the investigator's.
    pub fn seed_kind(&self, case: &Case, id: NodeId) -> Option<SeedKind> {
        if case.seeds.contains(&id) {
            Some(SeedKind::OfCase)
        } else if self.visible.get(&id) == Some(&Origin::Seed) {
            Some(SeedKind::Marked)
        } else {
            None
        }
    }

    /// The Seed button: marks `id` as a seed, or unmarks a seed the investigator marked (it
    /// stays shown). A seed the case file names stays one. Returns whether `id` is a seed
    /// afterwards.
    pub fn toggle_seed(&mut self, case: &Case, id: NodeId) -> bool {
        match self.seed_kind(case, id) {
            None => {
                self.mark_seed(id);
                true
            }
            Some(SeedKind::Marked) => {
                self.visible.insert(id, Origin::Shown);
                false
            }
            Some(SeedKind::OfCase) => true,
        }
    }

    /// Hides an address: it leaves the view and later expansions pass it by.
    pub fn hide(&mut self, id: NodeId) {
        self.visible.remove(&id);
        self.found.remove(&id);
        self.hidden.insert(id);
    }

    pub fn unhide(&mut self, id: NodeId) {
        self.hidden.remove(&id);
    }

    /// Pins an address where it is drawn, or frees it.
    pub fn set_pinned(&mut self, id: NodeId, pinned: bool) {
        if pinned {
            self.pinned.insert(id);
        } else {
            self.pinned.remove(&id);
        }
    }

    pub fn is_pinned(&self, id: NodeId) -> bool {
        self.pinned.contains(&id)
    }

    /// Where the investigation starts: the case's seeds and the addresses marked as seeds.
    pub fn seeds(&self, case: &Case) -> Vec<NodeId> {
        let mut seeds: Vec<NodeId> = case.seeds.clone();
        seeds.extend(
            self.visible
                .iter()
                .filter(|(id, o)| **o == Origin::Seed && !case.seeds.contains(id))
                .map(|(id, _)| *id),
        );
        seeds
    }

    /// The filter's direction set for this view (`None`: both ways count).
    pub fn reach(&self, case: &Case) -> Option<Reach> {
        self.filter.reach(&case.graph, &self.seeds(case))
    }

    /// Whether `other` shows the same addresses with the same groups and notes (it may differ
    /// in its filter, hidden addresses and pins), so a scene's nodes can be kept.
    pub fn same_nodes_as(&self, other: &View) -> bool {
        self.visible == other.visible
            && self.found == other.found
            && self.groups == other.groups
            && self.notes == other.notes
            && self.decisions == other.decisions
            && self.threshold == other.threshold
            && self.every_candidate == other.every_candidate
    }

    /// The verdict on an inferred link, if any.
    pub fn decision(&self, key: LinkKey) -> Option<Decision> {
        self.decisions.get(&key).copied()
    }

    /// Accepts or rejects an inferred link (`None`: back to a suggestion).
    pub fn decide(&mut self, key: LinkKey, decision: Option<Decision>) {
        match decision {
            Some(d) => self.decisions.insert(key, d),
            None => {
                self.decisions.remove(&key);
            }
        }
    }

    pub fn decisions(&self) -> impl Iterator<Item = (LinkKey, Decision)> + '_ {
        self.decisions.iter().map(|(k, d)| (*k, *d))
    }

    /// Hidden addresses in id order.
    pub fn hidden(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.hidden.iter().copied()
    }

    /// Drops every address, group member, note, pin and verdict that `case` does not hold,
    /// returning how many entries went. Every view change passes through this at the stage's
    /// boundary, so an id from another case (or a stale list) can never reach the scene.
    pub fn keep_known(&mut self, case: &Case) -> usize {
        let graph = &case.graph;
        let known = |id: &NodeId| graph.node(*id).is_some();
        let before = self.n_entries();
        self.visible.retain(|id, origin| {
            known(id) && !matches!(origin, Origin::ExpandedFrom(from) if !known(from))
        });
        self.hidden.retain(known);
        self.pinned.retain(known);
        self.opened.retain(known);
        self.found.retain(known);
        if self
            .groups
            .iter()
            .any(|g| g.members.is_empty() || !g.members.iter().all(known))
        {
            let groups = self.groups_mut();
            for group in groups.iter_mut() {
                group.members.retain(known);
            }
            groups.retain(|g| !g.members.is_empty());
        }
        self.notes.retain(|mark, _| match *mark {
            Mark::Node(id) => known(&id),
            Mark::Flow(a, b) => known(&a) && known(&b),
        });
        self.keep_known_annotations(known);
        let n_transfers = graph.n_transfers();
        self.decisions
            .retain(|k, _| k.into.index() < n_transfers && k.out.index() < n_transfers);
        before - self.n_entries()
    }

    /// Entries that hold an id, for `keep_known`'s count.
    fn n_entries(&self) -> usize {
        self.visible.len()
            + self.hidden.len()
            + self.pinned.len()
            + self.opened.len()
            + self.found.len()
            + self.groups.iter().map(|g| g.members.len()).sum::<usize>()
            + self.notes.len()
            + self
                .annotations
                .iter()
                .map(|a| a.shape.anchors().len())
                .sum::<usize>()
            + self.decisions.len()
    }

    /// Shows an address for a given reason (used when a saved view is restored).
    pub fn show(&mut self, id: NodeId, origin: Origin) {
        self.hidden.remove(&id);
        self.visible.insert(id, origin);
    }

    /// Groups addresses into one entity named `name` (at least two; addresses already in a
    /// group leave it). Returns the group's index.
    pub fn group(
        &mut self,
        members: impl IntoIterator<Item = NodeId>,
        name: &str,
    ) -> Option<usize> {
        self.group_as(members, name, GroupKind::Manual)
    }

    /// `group`, saying who made it.
    pub fn group_as(
        &mut self,
        members: impl IntoIterator<Item = NodeId>,
        name: &str,
        kind: GroupKind,
    ) -> Option<usize> {
        let members: BTreeSet<NodeId> = members.into_iter().collect();
        if members.len() < 2 {
            return None;
        }
        let groups = self.groups_mut();
        for g in groups.iter_mut() {
            g.members.retain(|m| !members.contains(m));
        }
        groups.retain(|g| g.members.len() >= 2);
        let name = name.trim();
        let name = if name.is_empty() {
            format!("Entity of {} addresses", members.len())
        } else {
            name.to_owned()
        };
        let groups = self.groups_mut();
        groups.push(Group {
            name,
            members,
            kind,
        });
        Some(groups.len() - 1)
    }

    /// The groups, to change them: copied first when an undo step shares them.
    fn groups_mut(&mut self) -> &mut Vec<Group> {
        Arc::make_mut(&mut self.groups)
    }

    /// Undoes the group that holds `member`; false when it is in none. An entity the
    /// common-spend option made stays open (it is not drawn as one again).
    pub fn ungroup(&mut self, member: NodeId) -> bool {
        if let Some(g) = self.group_of(member) {
            if g.kind == GroupKind::CommonSpend {
                let members: Vec<NodeId> = g.members.iter().copied().collect();
                self.opened.extend(members);
            }
        }
        if !self.groups.iter().any(|g| g.members.contains(&member)) {
            return false;
        }
        self.groups_mut().retain(|g| !g.members.contains(&member));
        true
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// The group an address belongs to.
    pub fn group_of(&self, id: NodeId) -> Option<&Group> {
        self.groups.iter().find(|g| g.members.contains(&id))
    }

    /// Undoes the expansions of `id`: every address that its expansion added, and what their
    /// expansions added in turn, leaves the view (seeds and addresses shown with everything
    /// stay).
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

impl crate::infer::Verdicts for View {
    fn on_trail(&self, id: NodeId) -> bool {
        self.is_visible(id)
    }

    fn trail(&self) -> BTreeSet<NodeId> {
        self.visible().collect()
    }

    fn verdict(&self, key: LinkKey) -> Option<Decision> {
        self.decision(key)
    }

    fn verdicts(&self) -> Vec<(LinkKey, Decision)> {
        self.decisions().collect()
    }

    fn floor(&self) -> f64 {
        self.threshold.fraction()
    }
}
