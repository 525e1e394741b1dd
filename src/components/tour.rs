//! The tour's store: the story step shown, presentation mode, the start screen, and the
//! timeline's play state (playing, and the pace of a story step playing its transfers). The
//! playback moment itself is the stage's (`Stage::set_playback_at`).

use leptos::prelude::*;

use super::open_case::CaseStore;
use crate::stage::Pace;

/// The tour's state and the timeline's play state: one small store, provided on its own.
#[derive(Clone, Copy)]
pub struct Tour {
    /// The timeline is playing, and the pace of a story step playing its transfers (`None`:
    /// the whole case's, to the end).
    pub playing: RwSignal<bool>,
    pub play_target: StoredValue<Option<Pace>>,
    /// The story step the tour shows (`None`: no tour).
    pub story_at: RwSignal<Option<usize>>,
    /// Presentation mode: full screen, large type, high contrast, no side panels.
    pub presenting: RwSignal<bool>,
    /// The start screen (the bundled teaching cases) is open.
    pub start_open: RwSignal<bool>,
    case: CaseStore,
}

impl Tour {
    /// No tour, not playing; presenting when the page's address asks for it.
    pub fn new(presenting: bool, case: CaseStore) -> Tour {
        Tour {
            playing: RwSignal::new(false),
            play_target: StoredValue::new(None),
            story_at: RwSignal::new(None),
            presenting: RwSignal::new(presenting),
            start_open: RwSignal::new(false),
            case,
        }
    }

    /// Shows the graph at `t` (or all of it) and the totals then.
    pub fn set_playback(&self, t: Option<i64>) {
        self.case.drive(|s| s.set_playback_at(t));
    }

    /// Moves playback on to `t`, sending the transfers on the way along their edges.
    pub fn advance_playback(&self, t: i64) {
        let now = crate::platform::tick::now_ms();
        self.case.drive(|s| s.advance_playback(t, now));
    }

    /// Plays the transfers from `from` to `to` (a story step's), then stops there.
    pub fn play_between(&self, from: i64, to: i64) {
        self.pause();
        if to <= from {
            self.set_playback(Some(to));
            return;
        }
        self.set_playback(Some(from));
        self.play_target.set_value(Some(Pace::step(from, to)));
        self.playing.set(true);
    }

    /// Stops playing where it is.
    pub fn pause(&self) {
        self.play_target.set_value(None);
        self.playing.set(false);
    }

    /// The case's time span, if its transfers have times.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        self.case.read(|s| s.playback().span()).flatten()
    }
}
