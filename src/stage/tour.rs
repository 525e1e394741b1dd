//! The tour: the playback and story state of the stage in one part. It keeps the case's timed
//! transfers (built once per case), the moment shown, when each scene node and edge appears,
//! the pulses in flight, and the story step shown with its spotlight, what the camera fits, the
//! addresses it named that are missing, the margins the step is fitted within and when it is to
//! be fitted again. One job: it knows nothing of the scene, the camera or the view; the `Stage`
//! (`timeline.rs`, `story.rs`) reads and sets it, and does what needs the rest of the case.

use std::sync::OnceLock;

use hopscope_core::model::story::Resolved;
use hopscope_core::playback::{Appearance, Playback};
use hopscope_core::{Case, NodeId};

use super::story::{REFIT_AFTER_MS, STORY_MARGINS};
use super::timeline::Pulses;

pub(super) struct Tour {
    /// The case's timed transfers, built on first use (`timeline.rs`).
    timeline: OnceLock<Playback>,
    /// The moment playback shows (`None`: off).
    pub(super) playback_at: Option<i64>,
    /// When each scene node and edge appears, for playback (rebuilt with the scene).
    pub(super) appearance: Option<Appearance>,
    /// The story step shown (`story.rs`), its highlighted addresses and flows, what the
    /// camera follows (empty: everything) and the addresses the step named that are missing.
    pub(super) step: Option<usize>,
    pub(super) spotlight: Vec<NodeId>,
    pub(super) spotlight_flows: Vec<(NodeId, NodeId)>,
    pub(super) fit_to: Vec<NodeId>,
    pub(super) step_missing: Vec<String>,
    /// Transfers running along their edges while playback plays (`timeline.rs`).
    pub(super) pulses: Pulses,
    /// Room the camera leaves around a story step's addresses, clear of the panels.
    pub(super) story_margins: [f32; 4],
    /// When the step shown is to be fitted again between the panels (ms; `story.rs`).
    refit_at: Option<f64>,
}

impl Tour {
    /// No playback, no step shown.
    pub(super) fn new() -> Tour {
        Tour {
            timeline: OnceLock::new(),
            playback_at: None,
            appearance: None,
            step: None,
            spotlight: Vec::new(),
            spotlight_flows: Vec::new(),
            fit_to: Vec::new(),
            step_missing: Vec::new(),
            pulses: Pulses::default(),
            story_margins: STORY_MARGINS,
            refit_at: None,
        }
    }

    /// The case's transfers in time order (built on first use).
    pub(super) fn playback(&self, case: &Case) -> &Playback {
        self.timeline.get_or_init(|| Playback::of(case))
    }

    /// The timeline and the pulses, borrowed apart (playing forward reads the one and sets
    /// off the other).
    pub(super) fn playback_and_pulses(&mut self, case: &Case) -> (&Playback, &mut Pulses) {
        (
            self.timeline.get_or_init(|| Playback::of(case)),
            &mut self.pulses,
        )
    }

    /// The case has new transfers: the timeline is built again when next used.
    pub(super) fn new_transfers(&mut self) {
        self.timeline = OnceLock::new();
        self.appearance = None;
    }

    /// A new scene: when its nodes and edges appear is worked out again, and no pulse flies.
    pub(super) fn rescene(&mut self) {
        self.appearance = None;
        self.pulses.rescene();
    }

    /// Shows a step (`k`) as resolved, the timeline at `at`.
    pub(super) fn show(&mut self, k: usize, resolved: Resolved, at: Option<i64>) {
        self.spotlight = resolved.highlight;
        self.spotlight_flows = resolved.flows;
        self.fit_to = resolved.fit;
        self.step_missing = resolved.missing;
        self.step = Some(k);
        self.playback_at = at;
    }

    /// Ends the tour: no step, no spotlight, playback off.
    pub(super) fn end(&mut self) {
        self.step = None;
        self.spotlight.clear();
        self.spotlight_flows.clear();
        self.fit_to.clear();
        self.step_missing.clear();
        self.playback_at = None;
    }

    /// Asks for the step shown to be fitted again `REFIT_AFTER_MS` after `now` (ms).
    pub(super) fn refit_later(&mut self, now: f64) {
        self.refit_at = Some(now + REFIT_AFTER_MS);
    }

    /// Whether the refit asked for is due at `now` (ms): true once, when its time has come.
    pub(super) fn refit_due(&mut self, now: f64) -> bool {
        let due = self.refit_at.is_some_and(|at| now >= at);
        if due {
            self.refit_at = None;
        }
        due
    }
}
