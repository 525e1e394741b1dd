//! Expanding, and the prompts around the canvas: how many hops an expansion goes, the hub an
//! expansion held back (asking before its neighbours flood the picture) and where the node
//! context menu is open. One small store; the other node actions are the open case's
//! (`open_case.rs`).

use hopscope_core::view::{Direction, HubChoice};
use hopscope_core::NodeId;
use leptos::prelude::*;

use super::banner::Messages;
use super::open_case::CaseStore;
use crate::stage::CaseTag;

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

/// Expansion's settings and the prompts over the canvas.
#[derive(Clone, Copy)]
pub struct Prompts {
    /// How many hops an expansion goes.
    pub hops: RwSignal<u32>,
    /// A hub an expansion held back, waiting for the user's choice.
    pub hub: RwSignal<Option<HubPrompt>>,
    /// Where the node context menu is open (CSS pixels in the canvas).
    pub context_menu: RwSignal<Option<[f64; 2]>>,
    case: CaseStore,
    messages: Messages,
}

impl Prompts {
    /// One hop, nothing asked, no menu.
    pub fn new(case: CaseStore, messages: Messages) -> Prompts {
        Prompts {
            hops: RwSignal::new(1),
            hub: RwSignal::new(None),
            context_menu: RwSignal::new(None),
            case,
            messages,
        }
    }

    /// Closes what is open (another case opened, or Escape).
    pub fn close(&self) {
        self.hub.set(None);
        self.context_menu.set(None);
    }

    /// Expands the selected node `hops` hops in `direction`; a hub is held back and the user
    /// asked what to add.
    pub fn expand_selected(&self, direction: Direction) {
        let from = self.case.selected_ids();
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
        let Some(expanded) = self
            .case
            .act(|stage| stage.expand_from(&from, direction, hops, hubs))
        else {
            return;
        };
        let case = self.case.tag();
        self.hub.set(
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
        let Some(prompt) = self.hub.get_untracked() else {
            return;
        };
        self.hub.set(None);
        let choice = if all {
            HubChoice::All
        } else {
            HubChoice::TopN(HUB_TOP_N)
        };
        if prompt.case != self.case.tag() {
            self.messages.status.set(
                "That hub belongs to a case that is no longer open; nothing was changed".to_owned(),
            );
            return;
        }
        self.expand(vec![prompt.node], prompt.direction, 1, choice);
    }
}
