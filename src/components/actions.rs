//! The investigator's actions on the open case, shared by the inspector, the context menu and
//! the keyboard: expand (asking before a hub's neighbours flood the picture), collapse, hide,
//! pin, mark as seed, group, notes, undo and redo. Each runs on the stage and then refreshes
//! what shows the view (layout worker, inspector, panels) and schedules the autosave.

use hopscope_core::view::{Direction, HubChoice, Mark};
use hopscope_core::NodeId;
use leptos::prelude::*;

use super::app::Ui;
use crate::stage::{CaseTag, Stage};

/// Views of up to this many addresses are saved right after each action (a few ms); bigger
/// ones shortly after changes stop coming.
const SAVE_AT_ONCE_LIMIT: usize = 20_000;

/// Neighbours offered when the user picks "top N" for a hub.
pub const HUB_TOP_N: usize = 20;

/// A hub held back by an expansion, waiting for the user's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct HubPrompt {
    pub node: NodeId,
    pub name: String,
    pub new_neighbours: usize,
    pub direction: Direction,
    /// The case the hub is in.
    pub case: CaseTag,
}

impl Ui {
    /// Runs `action` on the stage, then brings the layout worker, the inspector and the panels
    /// up to date and schedules the autosave. `None` when no case is open.
    pub fn act<R>(&self, action: impl FnOnce(&mut Stage) -> R) -> Option<R> {
        let mut out = None;
        let mut summary = None;
        let mut status = None;
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                out = Some(action(stage));
                self.sync_layout(stage, false);
                summary = stage.selected.and_then(|i| stage.inspect(i));
                status = Some(stage.status_line());
            }
        });
        if let Some(status) = status.filter(|t| *t != self.stats.get_untracked()) {
            self.stats.set(status);
        }
        self.send_layout_commands();
        if summary != self.inspected.get_untracked() {
            self.inspected.set(summary);
        }
        self.sync();
        self.is_demo.set(false);
        // Each action is saved at once while the view is small enough to save quickly, so a
        // crash or a closed tab loses nothing; a big view waits for changes to stop coming.
        let small = self
            .stage
            .with_value(|s| s.as_ref().map(|s| s.view.n_visible()))
            .is_some_and(|n| n <= SAVE_AT_ONCE_LIMIT);
        if small {
            // Marked first: if the save fails (storage full), a crash message must not claim
            // the change was saved.
            if !self.read_only {
                crate::platform::crash::changed();
            }
            self.autosave_now();
        } else {
            self.schedule_autosave();
        }
        out
    }

    /// `act`, only while the case `tag` names is open: what a panel kept from another case
    /// (a path, a search hit) is refused with a word to the user instead of acting on a case
    /// where its ids mean other addresses.
    pub fn act_in<R>(&self, tag: CaseTag, action: impl FnOnce(&mut Stage) -> R) -> Option<R> {
        let open = self
            .stage
            .with_value(|s| s.as_ref().map(Stage::tag))
            .filter(|&t| t == tag);
        if open.is_none() {
            self.messages.status.set(
                "That belongs to a case that is no longer open; nothing was changed".to_owned(),
            );
            return None;
        }
        self.act(action)
    }

    /// The tag of the open case (`CaseTag::NONE` when none is open).
    pub fn case_tag(&self) -> CaseTag {
        self.stage
            .with_value(|s| s.as_ref().map(Stage::tag))
            .unwrap_or(CaseTag::NONE)
    }

    /// The address shown by the selected node (a group's first member).
    pub fn selected_id(&self) -> Option<NodeId> {
        self.stage.with_value(|s| {
            let s = s.as_ref()?;
            Some(s.scene.nodes.get(s.selected?)?.id)
        })
    }

    /// The addresses the selected node stands for: a group's shown members, or its one address.
    pub fn selected_ids(&self) -> Vec<NodeId> {
        let Some(id) = self.selected_id() else {
            return Vec::new();
        };
        self.stage.with_value(|s| {
            let Some(s) = s.as_ref() else {
                return vec![id];
            };
            match s.view.group_of(id) {
                Some(g) => g
                    .members
                    .iter()
                    .copied()
                    .filter(|&m| s.view.is_visible(m))
                    .collect(),
                None => vec![id],
            }
        })
    }

    /// Expands the selected node `hops` hops in `direction`; a hub is held back and the user
    /// asked what to add.
    pub fn expand_selected(&self, direction: Direction) {
        let from = self.selected_ids();
        if from.is_empty() {
            self.messages
                .status
                .set("Select a node to expand it".to_owned());
            return;
        }
        let hops = self.hops.get_untracked().clamp(1, 10);
        self.expand(from, direction, hops, HubChoice::Ask);
    }

    /// Expands from each of `from` (a group's members together), as one undo step
    /// (`Stage::expand_from`); the first hub held back is asked about.
    pub fn expand(&self, from: Vec<NodeId>, direction: Direction, hops: u32, hubs: HubChoice) {
        let Some(expanded) = self.act(|stage| stage.expand_from(&from, direction, hops, hubs))
        else {
            return;
        };
        let case = self.case_tag();
        self.hub_prompt.set(
            expanded
                .held
                .clone()
                .map(|(node, name, new_neighbours)| HubPrompt {
                    node,
                    name,
                    new_neighbours,
                    direction,
                    case,
                }),
        );
        self.messages.status.set(expanded.status());
    }

    /// Answers the hub prompt: all of its new neighbours, or the top N by value.
    pub fn answer_hub(&self, all: bool) {
        let Some(prompt) = self.hub_prompt.get_untracked() else {
            return;
        };
        self.hub_prompt.set(None);
        let choice = if all {
            HubChoice::All
        } else {
            HubChoice::TopN(HUB_TOP_N)
        };
        if prompt.case != self.case_tag() {
            self.messages.status.set(
                "That hub belongs to a case that is no longer open; nothing was changed".to_owned(),
            );
            return;
        }
        self.expand(vec![prompt.node], prompt.direction, 1, choice);
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
                s.selected = None;
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
}
