//! The app's side of the layout worker: handing the stage's layout to the worker (a new
//! layout, or a reshape of the running one), taking its positions back, sending the commands
//! the stage queued, and taking the layout back onto the page if the worker stops.

use leptos::prelude::*;

use super::app::Ui;

use crate::simulate::client::LayoutEvent;
use crate::stage::Stage;
use hopscope_core::layout::Command;

impl Ui {
    /// Gives the stage's layout to the layout worker, if there is one, where it needs it: a
    /// new stage from scratch (from its saved positions and pins when it was restored), a
    /// changed view (or a grown case) as a reshape of the running layout.
    pub(super) fn sync_layout(&self, stage: &mut Stage, fresh: bool) {
        let Some(client) = self
            .layout
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
        self.layout_generation.update_value(|g| *g += 1);
        let generation = self.layout_generation.get_value();
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
    pub(super) fn on_layout_event(&self, event: LayoutEvent) {
        match event {
            LayoutEvent::Positions {
                generation,
                settled,
                positions,
            } => {
                let mut status = None;
                self.stage.update_value(|s| {
                    if let Some(stage) = s {
                        stage.remote_positions(generation, settled, positions);
                        status = Some(stage.layout_status());
                    }
                });
                if let Some(status) = status {
                    let before = self.layout_status.get_untracked();
                    if status != before {
                        self.layout_status.set(status);
                        // Keep where the nodes came to rest (a resting layout is no change
                        // of the investigator's, so not one a crash could lose).
                        if status.settled && !before.settled {
                            self.schedule_position_save();
                        }
                    }
                }
            }
            LayoutEvent::Stopped { message } => {
                // Said where it is seen at once (the banner), not folded into the report.
                self.messages.error.set(Some(format!(
                    "The layout worker stopped ({message}); the layout goes on in this page, and the open case is kept. Reload to start a new worker."
                )));
                self.on_layout_event(LayoutEvent::Unavailable);
            }
            LayoutEvent::Unavailable => {
                self.layout.set_value(None);
                self.stage.update_value(|s| {
                    if let Some(stage) = s {
                        stage.go_local();
                    }
                });
            }
        }
    }

    /// Makes the layout worker panic (hidden, for tests of how the page copes).
    pub fn crash_layout_worker(&self) {
        self.layout.with_value(|c| {
            if let Some(client) = c {
                client.crash();
            }
        });
    }

    /// Tells the layout to do something (from its controls).
    pub fn layout_command(&self, command: Command) {
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                stage.command(command);
            }
        });
        self.send_layout_commands();
    }

    /// Sends the commands the stage has queued for the worker, and refreshes the controls.
    pub fn send_layout_commands(&self) {
        let mut commands = Vec::new();
        let mut status = None;
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                commands = stage.take_commands();
                status = Some(stage.layout_status());
            }
        });
        if !commands.is_empty() {
            self.layout.with_value(|c| {
                if let Some(client) = c {
                    for command in commands {
                        client.command(command);
                    }
                }
            });
        }
        if let Some(status) = status {
            if status != self.layout_status.get_untracked() {
                self.layout_status.set(status);
            }
        }
    }
}
