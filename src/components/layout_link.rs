//! The layout worker's store: handing the stage's layout to the worker (a new layout, or a
//! reshape of the running one), taking its positions back, sending the commands the stage
//! queued, and taking the layout back onto the page if the worker stops. Its one signal,
//! `status`, is what the layout controls show; only this store writes it.

use leptos::prelude::*;

use super::banner::Messages;
use super::case_store::Saves;
use super::open_case::{CaseStore, Follower};

use crate::simulate::client::{LayoutClient, LayoutEvent};
use crate::stage::{LayoutStatus, Stage};
use hopscope_core::layout::Command;

/// The layout worker and what the layout controls show.
#[derive(Clone, Copy)]
pub struct LayoutLink {
    /// The worker (`None` where none can run: the stage lays out on the page).
    client: StoredValue<Option<LayoutClient>, LocalStorage>,
    generation: StoredValue<u32>,
    /// What the layout controls show.
    pub status: ReadSignal<LayoutStatus>,
    set_status: WriteSignal<LayoutStatus>,
    case: CaseStore,
    saves: Saves,
    messages: Messages,
}

impl LayoutLink {
    /// Starts the layout worker (where the browser can run one) and follows the open case's
    /// changes: a changed view is handed over as a reshape, queued commands are sent.
    pub fn start(case: CaseStore, saves: Saves, messages: Messages) -> LayoutLink {
        let (status, set_status) = signal(LayoutStatus::default());
        let link = LayoutLink {
            client: StoredValue::new_local(None),
            generation: StoredValue::new(0),
            status,
            set_status,
            case,
            saves,
            messages,
        };
        link.client
            .set_value(LayoutClient::start(move |event| link.on_event(event)));
        case.follow(Follower {
            during: Box::new(move |stage| link.hand_over(stage, false)),
            after: Box::new(move || link.send_commands()),
        });
        link
    }

    /// Gives the stage's layout to the layout worker, if there is one, where it needs it: a
    /// new stage from scratch (from its saved positions and pins when it was restored), a
    /// changed view (or a grown case) as a reshape of the running layout.
    pub fn hand_over(&self, stage: &mut Stage, fresh: bool) {
        let Some(client) = self
            .client
            .with_value(|c| c.as_ref().filter(|c| c.is_usable()).cloned())
        else {
            return;
        };
        let keep = stage.take_reshape();
        let settings = stage.take_settings_change();
        if !fresh && keep.is_none() {
            if let Some(settings) = settings {
                client.command(Command::SetSettings { settings });
            }
            return;
        }
        let restored = stage.take_restored().filter(|_| fresh);
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let start = restored.unwrap_or_default();
        let pins: Vec<Command> = (0..stage.scene.nodes.len())
            .filter(|&i| fresh && stage.is_pinned(i))
            .map(|i| Command::Pin {
                node: i as u32,
                x: stage.positions()[2 * i],
                y: stage.positions()[2 * i + 1],
            })
            .collect();
        // Commands queued by this change (pins) are for the reshaped layout: sent after it.
        let queued = if fresh {
            Vec::new()
        } else {
            stage.take_commands()
        };
        stage.go_remote(generation);
        let status = stage.layout_status();
        // Settings that followed the view's size, before the reshape so it runs under them (a
        // new layout infers its own the same way).
        if let (false, Some(settings)) = (fresh, settings) {
            client.command(Command::SetSettings { settings });
        }
        client.load(
            generation,
            &stage.layout_input(),
            Stage::layout_seed(),
            keep.as_deref().filter(|_| !fresh).unwrap_or_default(),
            &start,
            status.mode,
            status.paused,
        );
        for command in pins.into_iter().chain(queued) {
            client.command(command);
        }
    }

    /// Handles what the layout worker reports.
    fn on_event(&self, event: LayoutEvent) {
        match event {
            LayoutEvent::Positions {
                generation,
                settled,
                positions,
            } => {
                let status = self.case.drive(|stage| {
                    stage.remote_positions(generation, settled, positions);
                    stage.layout_status()
                });
                if let Some(status) = status {
                    let before = self.status.get_untracked();
                    if status != before {
                        self.set_status.set(status);
                        // Keep where the nodes came to rest (a resting layout is no change
                        // of the investigator's, so not one a crash could lose).
                        if status.settled && !before.settled {
                            self.saves.schedule_position_save();
                        }
                    }
                }
            }
            LayoutEvent::Stopped { message } => {
                // Said where it is seen at once (the banner), not folded into the report.
                self.messages.error.set(Some(format!(
                    "The layout worker stopped ({message}); the layout goes on in this page, and the open case is kept. Reload to start a new worker."
                )));
                self.on_event(LayoutEvent::Unavailable);
            }
            LayoutEvent::Unavailable => {
                self.client.set_value(None);
                self.case.drive(Stage::go_local);
            }
        }
    }

    /// Makes the layout worker panic (hidden, for tests of how the page copes).
    pub fn crash_worker(&self) {
        self.client.with_value(|c| {
            if let Some(client) = c {
                client.crash();
            }
        });
    }

    /// Tells the layout to do something (from its controls).
    pub fn command(&self, command: Command) {
        self.case.drive(|stage| stage.command(command));
        self.send_commands();
    }

    /// Sends the commands the stage has queued for the worker, and refreshes the controls.
    pub fn send_commands(&self) {
        let Some((commands, status)) = self
            .case
            .drive(|stage| (stage.take_commands(), stage.layout_status()))
        else {
            return;
        };
        if !commands.is_empty() {
            self.client.with_value(|c| {
                if let Some(client) = c {
                    for command in commands {
                        client.command(command);
                    }
                }
            });
        }
        if status != self.status.get_untracked() {
            self.set_status.set(status);
        }
    }
}
