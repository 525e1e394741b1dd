//! The keyboard: a key event becomes a `keymap::Press`, the stage's keymap says which command
//! it is in what is open now, and the command runs here. The app, the embed and the timeline
//! listen on the window; each runs the commands it owns and lets the browser have the rest.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ui::Ui;
use crate::stage::keymap::{self, Command, Press, State, Target};

/// The key event as the keymap reads it.
pub fn press_of(ev: &web_sys::KeyboardEvent) -> Press {
    let target = match ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        None => Target::Graph,
        Some(el) => match el.tag_name().as_str() {
            "INPUT" | "TEXTAREA" | "SELECT" => Target::Field,
            "BODY" | "HTML" | "CANVAS" => Target::Graph,
            _ if el.has_attribute("contenteditable") => Target::Editable,
            _ => Target::Other,
        },
    };
    Press {
        key: ev.key().to_lowercase(),
        command: ev.ctrl_key() || ev.meta_key(),
        alt: ev.alt_key(),
        shift: ev.shift_key(),
        target,
    }
}

impl Ui {
    /// What is open, for the keymap.
    fn key_state(&self) -> State {
        State {
            menu_open: self.prompts.context_menu.get_untracked().is_some()
                || self.prompts.hub.get_untracked().is_some(),
            start_open: self.tour.start_open.get_untracked(),
            presenting: self.tour.presenting.get_untracked(),
            story: self.tour.story_at.get_untracked().is_some(),
            editing: !self.read_only(),
        }
    }

    /// The command a key event stands for now.
    pub fn key_command(&self, ev: &web_sys::KeyboardEvent) -> Option<Command> {
        keymap::command(&press_of(ev), &self.key_state())
    }

    /// Runs what a key stands for, except the timeline's (which the timeline runs); returns
    /// whether it did anything, so the browser's own use of the key is stopped.
    pub fn run_key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        let Some(command) = self.key_command(ev) else {
            return false;
        };
        let n_steps = || self.case.read(|s| s.n_steps()).unwrap_or(0);
        match command {
            Command::PlayPause => return false,
            Command::CloseMenus if self.read_only() => return false,
            Command::CloseMenus => {
                self.prompts.close();
            }
            Command::CloseStart => self.tour.start_open.set(false),
            Command::LeavePresentation => self.toggle_present(),
            Command::EndStory => self.end_story(),
            Command::NextStep => {
                self.step_by(false);
            }
            Command::PreviousStep => {
                self.step_by(true);
            }
            Command::FirstStep => return self.show_step(0),
            Command::LastStep => {
                let n = n_steps();
                return n > 0 && self.show_step(n - 1);
            }
            Command::StepSelection(_) => {
                if let Some(dir) = command.direction() {
                    self.case.step_selection(dir);
                }
            }
            Command::Fit => self.case.fit_view(),
            Command::ZoomToSelection => self.case.zoom_to_selection(),
            Command::Undo => self.case.undo(),
            Command::Redo => self.case.redo(),
            Command::Expand(direction) => self.prompts.expand_selected(direction),
            Command::Collapse => self.case.collapse_selected(),
            Command::Hide => self.case.hide_selected(),
            Command::Pin => self.case.toggle_pin_selected(),
            Command::Seed => self.case.toggle_seed_selected(),
            Command::Pick => self.case.toggle_marked_selected(),
            Command::Group => self.case.group_marked(""),
        }
        true
    }
}
