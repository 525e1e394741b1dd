//! Showing and authoring the story's steps (issue 8): show a step (fitted between the panels
//! as they stand, its transfers played up to its moment), step on and back, end the tour,
//! add a step from the view, edit or remove one, a link to a step of a bundled case, and
//! presentation mode. They span the open case, the layout worker and the tour, so they are
//! `Ui`'s; the panels are `story.rs`.

use super::imports::OpenMode;
use leptos::prelude::*;

use super::ui::Ui;
use crate::stage::{Stage, StepEdit};

impl Ui {
    /// Opens a bundled case by name (with or without `.json`); returns whether there is one.
    pub fn open_bundled(&self, name: &str) -> bool {
        let Some((file, text)) = crate::bundled_case(name) else {
            return false;
        };
        self.open_texts(vec![(file.to_owned(), text.to_owned())], OpenMode::NewCase);
        self.case
            .set_bundled(Some(file.strip_suffix(".json").unwrap_or(file).to_owned()));
        true
    }

    /// Shows story step `k` and plays its transfers (`Stage::step_playback`) up to its
    /// moment. Returns false when there is no such step.
    pub fn show_step(&self, k: usize) -> bool {
        let mut shown = false;
        let mut play = None;
        let margins = covered_margins(self.tour.presenting.get_untracked());
        self.case.drive(|stage| {
            stage.set_story_margins(margins);
            shown = stage.show_step(k);
            if !shown {
                return;
            }
            self.layout.hand_over(stage, false);
            play = stage.step_playback(k);
        });
        if !shown {
            return false;
        }
        self.layout.send_commands();
        self.tour.story_at.set(Some(k));
        self.refit_step_later();
        match play {
            Some((from, to)) => self.tour.play_between(from, to),
            None => self.tour.pause(),
        }
        true
    }

    /// The next (or, with `back`, the previous) step; starts the tour at step 1.
    pub fn step_by(&self, back: bool) -> bool {
        let n = self.case.read(Stage::n_steps).unwrap_or(0);
        let next = match (self.tour.story_at.get_untracked(), back) {
            (None, _) if n > 0 => 0,
            (Some(k), false) if k + 1 < n => k + 1,
            (Some(k), true) if k > 0 => k - 1,
            _ => return false,
        };
        self.show_step(next)
    }

    /// Ends the tour: everything shown, no highlight.
    pub fn end_story(&self) {
        self.tour.pause();
        self.case.drive(Stage::end_story);
        self.tour.story_at.set(None);
    }

    /// After the author changed the story: the case is saved again.
    fn story_changed(&self) {
        // No longer the bundled case's story: a link would open the original.
        self.case.set_bundled(None);
        self.case.set_demo(false);
        self.saves.schedule_autosave();
    }

    /// Adds a step from the view, after the one shown.
    pub fn add_step(&self) {
        let n = self.case.read(Stage::n_steps).unwrap_or(0);
        let title = format!("Step {}", n + 1);
        self.tour.pause();
        let Some(k) = self.case.act(|s| s.add_step(&title)) else {
            return;
        };
        self.tour.story_at.set(Some(k));
        self.story_changed();
    }

    pub fn edit_step(&self, edit: StepEdit) {
        let Some(k) = self.tour.story_at.get_untracked() else {
            return;
        };
        if self.case.drive(|s| s.edit_step(k, edit)) == Some(true) {
            self.story_changed();
        }
    }

    pub fn remove_step(&self) {
        let Some(k) = self.tour.story_at.get_untracked() else {
            return;
        };
        self.tour.pause();
        self.case.act(|s| s.remove_step(k));
        let now = self.case.read(Stage::story_step).flatten();
        self.tour.story_at.set(now);
        self.story_changed();
    }

    /// A link that opens this bundled case at the step shown (none for the user's own cases).
    pub fn step_link(&self) -> Option<String> {
        let name = self.case.bundled.get()?;
        let k = self.tour.story_at.get()?;
        let location = web_sys::window()?.location();
        let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
        Some(format!("{base}?case={name}&step={}", k + 1))
    }

    /// Once the page shows the step's panel (its caption sets its height), the step is fitted
    /// again between the panels as they then stand: the stage says when (`Stage::refit_due`),
    /// the frame loop measures the panels (`covered_margins`) and refits.
    pub fn refit_step_later(&self) {
        let now = crate::platform::tick::now_ms();
        self.case.drive(|s| s.refit_later(now));
    }

    /// Turns presentation mode on or off (full screen where the browser allows it).
    pub fn toggle_present(&self) {
        let on = !self.tour.presenting.get_untracked();
        self.tour.presenting.set(on);
        // Once the page has its new look, the step shown is fitted between the new panels.
        self.refit_step_later();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if on {
            if let Some(root) = document.document_element() {
                // Refused without a user gesture or in a frame: the mode works without it.
                let _ = root.request_fullscreen();
            }
        } else if document.fullscreen_element().is_some() {
            document.exit_fullscreen();
        }
    }
}

/// The camera's room around a step (left, top, right, bottom, CSS pixels of the canvas): clear
/// of the layout panel above and the story panel below as they stand on the page, and of the
/// view controls on the right (both hidden when presenting).
pub(super) fn covered_margins(presenting: bool) -> [f32; 4] {
    let [left, top, right, bottom] = crate::stage::STORY_MARGINS;
    let rect = |selector: &str| -> Option<web_sys::DomRect> {
        let document = web_sys::window()?.document()?;
        let el = document.query_selector(selector).ok()??;
        let r = el.get_bounding_client_rect();
        (r.height() > 0.0).then_some(r)
    };
    let Some(canvas) = rect("[data-testid=graph-canvas]") else {
        return [left, top, right, bottom];
    };
    let over = |r: Option<web_sys::DomRect>, default: f32, below: bool| -> f32 {
        r.map_or(default, |r| {
            let covered = if below {
                canvas.bottom() - r.top()
            } else {
                r.bottom() - canvas.top()
            };
            (covered as f32 + 28.0).max(40.0)
        })
    };
    // A panel not yet on the page: presentation mode's is larger.
    let panel_default = if presenting { 300.0 } else { bottom };
    [
        left,
        over(
            rect(".layout-panel"),
            if presenting { 40.0 } else { top },
            false,
        ),
        if presenting { 40.0 } else { right },
        over(rect(".story-panel"), panel_default, true),
    ]
}
