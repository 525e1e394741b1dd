//! What changed, counted by the stage itself: the case (its data, labels, story), the view and
//! what panels show of it (visible addresses, selection, picks, the explained link, trace,
//! path, expansion settings, the story step), and the playback moment. Every change goes
//! through a stage method, which bumps what it changed; the app copies the numbers into its
//! signals after each change (`CaseStore`, in `act` and `drive`), so a panel that reads a revision refreshes whenever
//! its part changed, and no component bumps a counter by hand. Numbers come from one counter
//! shared by every stage, so a newly opened case never repeats an old one's.

use std::sync::atomic::{AtomicU64, Ordering};

use hopscope_core::infer::LinkKey;
use hopscope_core::view::ExpandOptions;
use hopscope_core::NodeId;

/// The stage's change counters (see the module comment).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Revisions {
    pub case: u64,
    pub view: u64,
    pub playback: u64,
}

/// A number no stage has used yet.
fn next() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Revisions {
    /// Fresh numbers for every part: a case was opened (or grew).
    pub fn fresh() -> Revisions {
        Revisions {
            case: next(),
            view: next(),
            playback: next(),
        }
    }

    /// The case's data changed (a label, the story); what is shown of it changes with it.
    pub fn case_changed(&mut self) {
        self.case = next();
        self.view = next();
    }

    pub fn view_changed(&mut self) {
        self.view = next();
    }

    pub fn playback_changed(&mut self) {
        self.playback = next();
    }
}

/// The stage's changes that panels follow and that are not view changes (those go through
/// `change_view`): each bumps the view's counter.
impl super::Stage {
    /// What changed, for the panels: copied into the app's signals after every change.
    pub fn revisions(&self) -> Revisions {
        self.rev
    }

    /// Changes the expansion settings (hops' terminal categories, hubs).
    pub fn change_expand(&mut self, change: impl FnOnce(&mut ExpandOptions)) {
        change(&mut self.expand);
        self.rev.view_changed();
    }

    /// Shows the explanation of a link in the explain panel (`None`: none).
    pub fn explain(&mut self, key: Option<LinkKey>) {
        self.explained = key;
        self.rev.view_changed();
        self.dirty = true;
    }

    /// Adds an address to those picked for a group, or takes it out.
    pub fn toggle_marked(&mut self, id: NodeId) {
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        self.rev.view_changed();
    }

    /// Groups the picked addresses and `more` into one entity node named `name` (at least
    /// two addresses; the picks are then cleared).
    pub fn group_marked(&mut self, more: impl IntoIterator<Item = NodeId>, name: &str) {
        let mut members = self.marked.clone();
        members.extend(more);
        if members.len() >= 2 {
            self.change_view(|v, _| {
                v.group(members, name);
            });
            self.marked.clear();
            self.rev.view_changed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_moves_only_its_part_and_a_new_case_moves_them_all() {
        let first = Revisions::fresh();
        let mut r = first;
        r.playback_changed();
        assert_eq!((r.case, r.view), (first.case, first.view));
        assert_ne!(r.playback, first.playback);
        let before = r;
        r.view_changed();
        assert_eq!((r.case, r.playback), (before.case, before.playback));
        assert_ne!(r.view, before.view);
        let before = r;
        r.case_changed();
        assert!(r.case != before.case && r.view != before.view);
        let other = Revisions::fresh();
        assert!(other.case != r.case && other.view != r.view && other.playback != r.playback);
    }

    /// The stage bumps what each change changed, and nothing when nothing changed: a label
    /// edit moves the case (and what is shown of it), a view change the view, the playback
    /// moment only the playback; a panel tracking one part refreshes with it.
    #[test]
    fn the_stage_counts_what_each_change_changed() {
        let mut stage = crate::stage::tests::settled_stage(crate::DEMO_CASE);
        let start = stage.revisions();
        stage.edit_label(0, "Renamed");
        let labelled = stage.revisions();
        assert!(labelled.case != start.case && labelled.view != start.view);
        assert_eq!(labelled.playback, start.playback);

        let id = stage.scene.nodes[0].id;
        stage.change_view(|v, _| v.set_pinned(id, true));
        let pinned = stage.revisions();
        assert_ne!(pinned.view, labelled.view);
        assert_eq!(
            (pinned.case, pinned.playback),
            (labelled.case, labelled.playback)
        );
        // A change that changes nothing moves nothing.
        stage.change_view(|v, _| v.set_pinned(id, true));
        assert_eq!(stage.revisions(), pinned);

        stage.set_playback_at(Some(0));
        let played = stage.revisions();
        assert_ne!(played.playback, pinned.playback);
        assert_eq!((played.case, played.view), (pinned.case, pinned.view));

        stage.select(Some(1));
        assert_ne!(stage.revisions().view, played.view);
        let selected = stage.revisions();
        stage.explain(None);
        stage.toggle_marked(id);
        assert_ne!(stage.revisions().view, selected.view);
    }
}
