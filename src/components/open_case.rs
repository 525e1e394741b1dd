//! The open case's store: the stage (`crate::stage::Stage`) and the signals panels read of it
//! (its change counters, title, notes, status line, the inspected node). One way to read
//! (`read`, and the signals, which only this store writes) and two ways to change:
//! - `act`: an investigator's change (expand, hide, verdict, undo…), followed by what the
//!   stores above registered with `follow` (the layout worker's reshape, the autosave);
//! - `drive`: what is not a change of the case (camera, pointer, playback moment, positions).
//!
//! Both bring the signals up to date from the counters the stage keeps itself
//! (`stage/revisions.rs`), so no panel bumps a counter by hand and one that tracks the part
//! that changed refreshes. The node actions panels share (collapse, hide, pin…) are here too.

use std::rc::Rc;

use hopscope_core::infer::{Decision, InferredLink, LinkKey};
use hopscope_core::inspect::NodeSummary;
use hopscope_core::view::Mark;
use hopscope_core::NodeId;
use leptos::prelude::*;

use super::banner::Messages;
use crate::stage::{CaseTag, Stage};

/// What runs after every `act`: registered by a store above this one, so this store depends
/// on none of them.
pub struct Follower {
    /// Runs on the stage right after the change (the layout worker takes a reshape).
    pub during: Box<dyn Fn(&mut Stage)>,
    /// Runs once the signals are up to date (commands sent, the autosave).
    pub after: Box<dyn Fn()>,
}

/// The writers of the signals below: private, so only this store's methods write them.
#[derive(Clone, Copy)]
struct Writers {
    revision: WriteSignal<u64>,
    view_revision: WriteSignal<u64>,
    playback_revision: WriteSignal<u64>,
    opened: WriteSignal<CaseTag>,
    title: WriteSignal<String>,
    case_notes: WriteSignal<String>,
    stats: WriteSignal<String>,
    inspected: WriteSignal<Option<NodeSummary>>,
    is_demo: WriteSignal<bool>,
    bundled: WriteSignal<Option<String>>,
}

/// The open case and what panels read of it.
#[derive(Clone, Copy)]
pub struct CaseStore {
    stage: StoredValue<Option<Stage>>,
    /// Bumped whenever the open case's data changes.
    pub revision: ReadSignal<u64>,
    /// Bumped whenever the view changes (expand, filter, trace, undo, selection…).
    pub view_revision: ReadSignal<u64>,
    /// Bumped whenever the playback moment changes.
    pub playback_revision: ReadSignal<u64>,
    /// Which case is open: changes when another case opens (not when files join it), so
    /// panels that keep something of the case (found paths, an embed code) drop it.
    pub opened: ReadSignal<CaseTag>,
    pub title: ReadSignal<String>,
    /// The case's notes (what is illustrative, sources), shown when nothing is selected.
    pub case_notes: ReadSignal<String>,
    /// The status line: what the case and the view hold.
    pub stats: ReadSignal<String>,
    /// The selected node, as the inspector shows it.
    pub inspected: ReadSignal<Option<NodeSummary>>,
    /// The open case is the untouched bundled demo: dropped files replace it.
    pub is_demo: ReadSignal<bool>,
    /// The bundled case that is open, by name (for links to a step).
    pub bundled: ReadSignal<Option<String>>,
    /// The read-only embed (`?embed`): look, hover and inspect; no editing, no autosave.
    pub read_only: bool,
    write: Writers,
    /// The node whose summary `inspected` holds (to refresh it when the selection moves).
    inspected_node: StoredValue<Option<usize>>,
    followers: StoredValue<Vec<Rc<Follower>>, LocalStorage>,
    messages: Messages,
}

impl CaseStore {
    /// No case open yet.
    pub fn new(read_only: bool, messages: Messages) -> CaseStore {
        let (revision, set_revision) = signal(0);
        let (view_revision, set_view_revision) = signal(0);
        let (playback_revision, set_playback_revision) = signal(0);
        let (opened, set_opened) = signal(CaseTag::NONE);
        let (title, set_title) = signal(String::new());
        let (case_notes, set_case_notes) = signal(String::new());
        let (stats, set_stats) = signal(String::new());
        let (inspected, set_inspected) = signal(None);
        let (is_demo, set_is_demo) = signal(false);
        let (bundled, set_bundled) = signal(None);
        CaseStore {
            stage: StoredValue::new(None),
            revision,
            view_revision,
            playback_revision,
            opened,
            title,
            case_notes,
            stats,
            inspected,
            is_demo,
            bundled,
            read_only,
            write: Writers {
                revision: set_revision,
                view_revision: set_view_revision,
                playback_revision: set_playback_revision,
                opened: set_opened,
                title: set_title,
                case_notes: set_case_notes,
                stats: set_stats,
                inspected: set_inspected,
                is_demo: set_is_demo,
                bundled: set_bundled,
            },
            inspected_node: StoredValue::new(None),
            followers: StoredValue::new_local(Vec::new()),
            messages,
        }
    }

    /// Registers what runs after every `act` (in the order registered).
    pub fn follow(&self, follower: Follower) {
        self.followers.update_value(|f| f.push(Rc::new(follower)));
    }

    /// Reads the open case (`None` when none is open). Untracked: a panel tracks the signal
    /// of the part it shows (`revision`, `view_revision`, `playback_revision`).
    pub fn read<R>(&self, f: impl FnOnce(&Stage) -> R) -> Option<R> {
        self.stage.with_value(|s| s.as_ref().map(f))
    }

    /// `read`, for a reader that wants to say what it shows when no case is open.
    pub fn peek<R>(&self, f: impl FnOnce(Option<&Stage>) -> R) -> R {
        self.stage.with_value(|s| f(s.as_ref()))
    }

    /// Changes what is not the case's data or the investigation: the camera, the pointer, the
    /// playback moment, the layout's positions. No autosave follows.
    pub fn drive<R>(&self, f: impl FnOnce(&mut Stage) -> R) -> Option<R> {
        let out = self.stage.try_update_value(|s| s.as_mut().map(f)).flatten();
        self.sync();
        out
    }

    /// Runs an investigator's change on the stage, then brings the signals up to date and
    /// runs the followers (layout worker, autosave). `None` when no case is open.
    pub fn act<R>(&self, action: impl FnOnce(&mut Stage) -> R) -> Option<R> {
        let followers = self.followers.with_value(Clone::clone);
        let out = self
            .stage
            .try_update_value(|s| {
                let stage = s.as_mut()?;
                let out = action(stage);
                for f in &followers {
                    (f.during)(stage);
                }
                Some(out)
            })
            .flatten()?;
        let status = self.read(Stage::status_line);
        if let Some(status) = status.filter(|t| *t != self.stats.get_untracked()) {
            self.write.stats.set(status);
        }
        self.refresh_inspected(true);
        self.sync();
        self.set_demo(false);
        for f in &followers {
            (f.after)();
        }
        Some(out)
    }

    /// `act`, only while the case `tag` names is open: what a panel kept from another case
    /// (a path, a search hit) is refused with a word to the user instead of acting on a case
    /// where its ids mean other addresses.
    pub fn act_in<R>(&self, tag: CaseTag, action: impl FnOnce(&mut Stage) -> R) -> Option<R> {
        if self.tag() != tag {
            self.messages.status.set(
                "That belongs to a case that is no longer open; nothing was changed".to_owned(),
            );
            return None;
        }
        self.act(action)
    }

    /// Copies the stage's change counters into the signals panels read, and the selected
    /// node's summary when the selection moved.
    fn sync(&self) {
        let Some(r) = self.read(Stage::revisions) else {
            return;
        };
        if r.case != self.revision.get_untracked() {
            self.write.revision.set(r.case);
        }
        if r.view != self.view_revision.get_untracked() {
            self.write.view_revision.set(r.view);
        }
        if r.playback != self.playback_revision.get_untracked() {
            self.write.playback_revision.set(r.playback);
        }
        self.refresh_inspected(false);
    }

    /// Re-reads the selected node's summary: always (`force`: its label, notes or amounts
    /// may have changed), else only when another node is selected.
    fn refresh_inspected(&self, force: bool) {
        let selected = self.read(Stage::selected).flatten();
        if !force && selected == self.inspected_node.get_value() {
            return;
        }
        self.inspected_node.set_value(selected);
        let summary = self
            .read(|s| s.selected().and_then(|i| s.inspect(i)))
            .flatten();
        if summary != self.inspected.get_untracked() {
            self.write.inspected.set(summary);
        }
    }

    /// Puts a newly read stage in place: a new case (`fresh`), or the open one grown by
    /// files that joined it. The caller has handed its layout over (`LayoutLink::hand_over`).
    pub fn open(&self, stage: Stage, fresh: bool) {
        self.write.title.set(stage.case.title.clone());
        self.write.case_notes.set(stage.case.notes.clone());
        self.write.stats.set(stage.status_line());
        let tag = stage.tag();
        self.stage.set_value(Some(stage));
        self.inspected_node.set_value(None);
        self.write.inspected.set(None);
        self.set_demo(false);
        self.sync();
        if fresh {
            self.write.bundled.set(None);
            self.write.opened.set(tag);
        }
    }

    /// Takes the open stage out (to grow it with new files; `open` puts it back).
    pub fn take(&self) -> Option<Stage> {
        self.stage.try_update_value(Option::take).flatten()
    }

    /// Whether the open case is the untouched bundled demo (dropped files replace it).
    pub fn set_demo(&self, demo: bool) {
        if demo != self.is_demo.get_untracked() {
            self.write.is_demo.set(demo);
        }
    }

    /// Names the bundled case that is open (`None`: the user's own, or one changed since).
    pub fn set_bundled(&self, name: Option<String>) {
        self.write.bundled.set(name);
    }

    /// The tag of the open case (`CaseTag::NONE` when none is open).
    pub fn tag(&self) -> CaseTag {
        self.read(Stage::tag).unwrap_or(CaseTag::NONE)
    }

    /// The address shown by the selected node (a group's first member).
    pub fn selected_id(&self) -> Option<NodeId> {
        self.read(|s| Some(s.scene.nodes.get(s.selected()?)?.id))
            .flatten()
    }

    /// The addresses the selected node stands for: a group's shown members, or its one address.
    pub fn selected_ids(&self) -> Vec<NodeId> {
        let Some(id) = self.selected_id() else {
            return Vec::new();
        };
        self.read(|s| match s.view.group_of(id) {
            Some(g) => g
                .members
                .iter()
                .copied()
                .filter(|&m| s.view.is_visible(m))
                .collect(),
            None => vec![id],
        })
        .unwrap_or_else(|| vec![id])
    }

    /// Sets the selected node's label as typed.
    pub fn edit_selected_label(&self, label: &str) {
        if let Some(idx) = self.read(Stage::selected).flatten() {
            self.act(|s| s.edit_label(idx, label));
        }
    }

    pub fn collapse_selected(&self) {
        let ids = self.selected_ids();
        if !ids.is_empty() {
            self.act(|s| {
                s.change_view(|v, _| {
                    for &id in &ids {
                        v.collapse(id);
                    }
                })
            });
        }
    }

    pub fn hide_selected(&self) {
        let ids = self.selected_ids();
        if !ids.is_empty() {
            self.act(|s| {
                s.change_view(|v, _| {
                    for &id in &ids {
                        v.hide(id);
                    }
                });
                s.select(None);
            });
        }
    }

    /// Seed (S): marks the selected address as a seed, or unmarks one the investigator
    /// marked (a seed the case file names stays one).
    pub fn toggle_seed_selected(&self) {
        if let Some(id) = self.selected_id() {
            self.act(|s| {
                s.change_view(|v, case| {
                    v.toggle_seed(case, id);
                })
            });
        }
    }

    /// Pins the selected node where it is, or frees it.
    pub fn toggle_pin_selected(&self) {
        if let Some(id) = self.selected_id() {
            self.act(|s| s.change_view(|v, _| v.set_pinned(id, !v.is_pinned(id))));
        }
    }

    /// Adds the selected node to the addresses picked for a group, or takes it out.
    pub fn toggle_marked_selected(&self) {
        if let Some(id) = self.selected_id() {
            self.act(|s| s.toggle_marked(id));
        }
    }

    /// Groups the picked addresses (and the selected node's) into one entity node.
    pub fn group_marked(&self, name: &str) {
        let selected = self.selected_ids();
        self.act(|s| s.group_marked(selected, name));
    }

    pub fn ungroup_selected(&self) {
        if let Some(id) = self.selected_id() {
            self.act(|s| {
                s.change_view(|v, _| {
                    v.ungroup(id);
                })
            });
        }
    }

    /// Sets the note and colour on a node or a flow.
    pub fn set_note(&self, mark: Mark, text: &str, colour: Option<&str>) {
        self.act(|s| s.change_view(|v, _| v.set_note(mark, text, colour)));
    }

    /// Adds an annotation (text box, arrow or frame) to the view, as one undo step.
    pub fn annotate(&self, annotation: hopscope_core::view::Annotation) {
        self.act(|s| {
            s.change_view(|v, _| {
                v.annotate(annotation);
            })
        });
    }

    /// Changes annotation `i`'s text and colour.
    pub fn edit_annotation(&self, i: usize, text: &str, colour: Option<&str>) {
        self.act(|s| s.change_view(|v, _| v.edit_annotation(i, text, colour)));
    }

    pub fn remove_annotation(&self, i: usize) {
        self.act(|s| s.change_view(|v, _| v.remove_annotation(i)));
    }

    /// Shows every address of the case.
    pub fn show_all(&self) {
        self.act(|s| s.change_view(|v, case| v.show_all(case)));
    }

    pub fn undo(&self) {
        self.act(Stage::undo);
    }

    pub fn redo(&self) {
        self.act(Stage::redo);
    }

    /// Accepts, rejects or (with the verdict it already has) clears a verdict on a link
    /// (`Stage::decide`).
    pub fn decide(&self, link: &InferredLink, decision: Decision) {
        self.act(|s| s.decide(link, decision));
    }

    /// Shows the explanation of a link (or none).
    pub fn explain(&self, key: Option<LinkKey>) {
        self.drive(|s| s.explain(key));
    }

    pub fn fit_view(&self) {
        self.drive(Stage::fit);
    }

    pub fn zoom_to_selection(&self) {
        if self.drive(Stage::zoom_to_selection) != Some(true) {
            self.messages.status.set(
                "Select a node or pick some (shift-click or shift-drag) to zoom to them".to_owned(),
            );
        }
    }

    /// Steps the selection to the neighbour in a screen direction (the inspector follows).
    pub fn step_selection(&self, dir: [f32; 2]) {
        self.drive(|s| s.step(dir));
    }

    /// Draws the peel chain `id` belongs to as one node.
    pub fn collapse_peel_of(&self, id: NodeId) {
        self.act(|s| {
            let Some(chain) = s.patterns.peel_chain_of(id).cloned() else {
                return;
            };
            let already = s
                .view
                .group_of(chain.txs[0])
                .is_some_and(|g| g.kind == hopscope_core::view::GroupKind::PeelChain);
            if !already {
                s.change_view(|v, case| v.collapse_peel(case, &chain, id));
            }
            if let Some(at) = s.node_of(chain.txs[0]) {
                s.select(Some(at));
            }
        });
    }
}
