//! Timeline playback on the stage (issue 8): the case's timed transfers (`Playback`, built
//! once per case), the moment shown (`None`: playback off, everything drawn), and when each
//! scene node and edge appears (`Appearance`, rebuilt with the scene). What is not there yet
//! is hidden through the emphasis, so every renderer leaves it out; the view is not changed,
//! so scrubbing costs no undo step and no layout. Playing forward sends a pulse along the edge
//! of each transfer that happens, drawn on the overlay for a moment. Also the pace of playing
//! (`Pace`: a whole play-through in 20 s at 1×, a story step's transfers in 1.6 s) and the
//! slider's mapping to moments.

use std::collections::HashMap;

use hopscope_core::playback::{Appearance, Playback, Totals};

use super::Stage;

/// How long a pulse takes to run along its edge (ms).
pub const PULSE_MS: f64 = 900.0;
/// Pulses in flight at most (a long jump forward animates its latest transfers).
const MAX_PULSES: usize = 600;
/// A whole play-through lasts this long at 1× (ms).
const PLAY_MS: f64 = 20_000.0;
/// How often playing moves the time on (ms).
pub const TICK_MS: u64 = 40;
/// A story step plays its transfers in this long (ms).
const STEP_PLAY_MS: f64 = 1_600.0;
/// Steps of the timeline's slider over the case's span.
pub const SLIDER_STEPS: f64 = 1000.0;

/// How playing moves the moment on: by `per_tick` every `TICK_MS`, up to `stop`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub stop: i64,
    pub per_tick: i64,
}

impl Pace {
    /// The case's whole span `(start, end)` in `PLAY_MS`, `speed` times faster (1×, 4×, 16×).
    pub fn whole(span: (i64, i64), speed: f64) -> Pace {
        let (start, end) = span;
        let per_tick = (end.saturating_sub(start).max(1) as f64 * TICK_MS as f64 / PLAY_MS * speed)
            .ceil() as i64;
        Pace {
            stop: end,
            per_tick,
        }
    }

    /// A story step's transfers, from `from` to `to`, in `STEP_PLAY_MS`.
    pub fn step(from: i64, to: i64) -> Pace {
        let per_tick =
            ((to.saturating_sub(from) as f64) * TICK_MS as f64 / STEP_PLAY_MS).ceil() as i64;
        Pace {
            stop: to,
            per_tick: per_tick.max(1),
        }
    }

    /// The moment one tick after `t`, and whether playing stops there.
    pub fn next(self, t: i64) -> (i64, bool) {
        let next = t.saturating_add(self.per_tick).min(self.stop);
        (next, next >= self.stop)
    }
}

/// Where Play starts: before the first transfer when playback is off or at the end, else
/// where it stands (`None`).
pub fn play_from(span: (i64, i64), at: Option<i64>) -> Option<i64> {
    let (start, end) = span;
    at.is_none_or(|t| t >= end)
        .then_some(start.saturating_sub(1))
}

/// The slider's position (0…`SLIDER_STEPS`) for the moment shown; at the end when off.
pub fn slider_position(span: Option<(i64, i64)>, at: Option<i64>) -> f64 {
    match (span, at) {
        (Some((start, end)), Some(t)) if end > start => {
            ((t.saturating_sub(start) as f64 / end.saturating_sub(start) as f64).clamp(0.0, 1.0)
                * SLIDER_STEPS)
                .round()
        }
        _ => SLIDER_STEPS,
    }
}

/// The moment a slider position shows: the very start is the moment before the first
/// transfer.
pub fn slider_moment(span: (i64, i64), position: f64) -> i64 {
    let (start, end) = span;
    if position <= 0.0 {
        return start.saturating_sub(1);
    }
    start
        .saturating_add((end.saturating_sub(start) as f64 * position / SLIDER_STEPS).round() as i64)
}

/// Transfers running along their edges: scene edge and when it set off (ms).
#[derive(Clone, Debug, Default)]
pub(super) struct Pulses {
    flying: Vec<(usize, f64)>,
    /// The clock of the last frame (ms).
    now: f64,
    /// Each scene edge by its two scene nodes (built on first use, dropped with the scene).
    edge_of: Option<HashMap<(u32, u32), usize>>,
}

impl Pulses {
    /// Forgets the scene's edges (a new scene).
    pub(super) fn rescene(&mut self) {
        self.flying.clear();
        self.edge_of = None;
    }
}

impl Stage {
    /// The case's transfers in time order (built on first use).
    pub fn playback(&self) -> &Playback {
        self.tour.playback(&self.case)
    }

    /// The moment playback shows, if it is on.
    pub fn playback_at(&self) -> Option<i64> {
        self.tour.playback_at
    }

    /// Shows the graph as it stood at `t` (or everything, with `None`).
    pub fn set_playback_at(&mut self, t: Option<i64>) {
        if self.tour.playback_at == t {
            return;
        }
        self.tour.playback_at = t;
        self.rev.playback_changed();
        self.refresh_emphasis();
        self.restyled();
        self.dirty = true;
    }

    /// Moves playback on to `t` at `now` (ms): every edge with a transfer from after the
    /// moment shown up to `t` sets off one pulse. Going back, or from off, only shows `t`.
    pub fn advance_playback(&mut self, t: i64, now: f64) {
        if let Some(from) = self.tour.playback_at.filter(|&from| t > from) {
            // Fields borrowed apart, so the new transfers are read in place each tick.
            let (play, pulses) = self.tour.playback_and_pulses(&self.case);
            let upto = play.shown_at(t);
            let new_ids = &upto[play.shown_at(from).len().min(upto.len())..];
            let scene = &self.scene;
            // Edges by their scene nodes, so a group's edge carries its members' transfers.
            let edge_of = pulses.edge_of.get_or_insert_with(|| {
                scene
                    .edges
                    .iter()
                    .enumerate()
                    .map(|(k, e)| ((e.source, e.target), k))
                    .collect()
            });
            let mut seen = std::collections::HashSet::new();
            let mut new: Vec<(usize, f64)> = Vec::new();
            for tr in new_ids
                .iter()
                .filter_map(|&id| self.case.graph.transfer(id))
            {
                let (Some(a), Some(b)) = (self.index_of.get(&tr.from), self.index_of.get(&tr.to))
                else {
                    continue;
                };
                if let Some(&k) = edge_of.get(&(*a as u32, *b as u32)) {
                    if seen.insert(k) {
                        new.push((k, now));
                    }
                }
            }
            let flying = &mut pulses.flying;
            flying.extend(new);
            if flying.len() > MAX_PULSES {
                flying.drain(..flying.len() - MAX_PULSES);
            }
            pulses.now = now;
        }
        self.set_playback_at(Some(t));
    }

    /// Lets the clock run to `now` (ms): pulses that arrived are dropped; while any fly, the
    /// picture is redrawn. Returns how many fly.
    pub fn tick_pulses(&mut self, now: f64) -> usize {
        let pulses = &mut self.tour.pulses;
        pulses.now = now;
        let before = pulses.flying.len();
        pulses.flying.retain(|&(_, born)| now - born < PULSE_MS);
        if !pulses.flying.is_empty() || pulses.flying.len() != before {
            self.dirty = true;
        }
        self.tour.pulses.flying.len()
    }

    pub fn pulses_in_flight(&self) -> usize {
        self.tour.pulses.flying.len()
    }

    /// Where each flying pulse is (world coordinates) and how far along (0…1).
    pub fn pulse_points(&self) -> Vec<([f32; 2], f32)> {
        let p = self.positions();
        let at = |i: u32| -> Option<[f32; 2]> {
            let i = i as usize;
            let (x, y) = (*p.get(2 * i)?, *p.get(2 * i + 1)?);
            (x.is_finite() && y.is_finite()).then_some([x, y])
        };
        self.tour
            .pulses
            .flying
            .iter()
            .filter_map(|&(k, born)| {
                let e = self.scene.edges.get(k)?;
                let (a, b) = (at(e.source)?, at(e.target)?);
                let f = ((self.tour.pulses.now - born) / PULSE_MS).clamp(0.0, 1.0) as f32;
                // Eased: quick off, slowing into the target.
                let g = 1.0 - (1.0 - f) * (1.0 - f);
                Some(([a[0] + (b[0] - a[0]) * g, a[1] + (b[1] - a[1]) * g], f))
            })
            .collect()
    }

    /// What had left the seeds and reached mixers, bridges and exchanges at the moment shown
    /// (at the end when playback is off).
    pub fn playback_totals(&self) -> Totals {
        let t = self
            .tour
            .playback_at
            .or_else(|| self.playback().span().map(|(_, end)| end))
            .unwrap_or(i64::MAX);
        self.playback().totals_at(&self.case, t)
    }

    /// Hides, in the emphasis, what is not there yet at the moment shown.
    pub(super) fn apply_playback(&mut self) {
        let Some(t) = self.tour.playback_at else {
            return;
        };
        let stale = self.tour.appearance.as_ref().is_none_or(|a| {
            a.nodes.len() != self.scene.nodes.len() || a.edges.len() != self.scene.edges.len()
        });
        if stale {
            self.tour.appearance = Some(Appearance::of(&self.case, &self.scene));
        }
        if let Some(appearance) = &self.tour.appearance {
            let (nodes, edges) = appearance.hidden_at(t);
            self.emphasis.hide(&nodes, &edges);
        }
    }
}

#[cfg(test)]
mod tests {
    use hopscope_core::emphasis::Tone;

    use super::{play_from, slider_moment, slider_position, Pace, SLIDER_STEPS, TICK_MS};
    use crate::stage::Stage;

    /// Ticks from `from` until the pace stops, and the moments passed.
    fn play(pace: Pace, from: i64) -> (usize, Vec<i64>) {
        let (mut t, mut seen) = (from, Vec::new());
        for n in 1.. {
            let (next, done) = pace.next(t);
            seen.push(next);
            t = next;
            if done {
                return (n, seen);
            }
        }
        unreachable!()
    }

    #[test]
    fn a_play_through_takes_20_s_at_1x_and_a_quarter_at_4x_never_passing_the_end() {
        let span = (1_700_000_000, 1_700_864_000);
        let (ticks, seen) = play(Pace::whole(span, 1.0), span.0);
        assert_eq!(ticks as u64 * TICK_MS, 20_000);
        assert_eq!(seen.last(), Some(&span.1));
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
        let (fast, _) = play(Pace::whole(span, 4.0), span.0);
        assert_eq!(fast as u64 * TICK_MS, 5_000);
        // A case whose transfers share one moment still moves on.
        assert_eq!(Pace::whole((5, 5), 1.0).next(4), (5, true));
    }

    #[test]
    fn a_story_step_plays_its_transfers_in_1_6_s() {
        let (ticks, seen) = play(Pace::step(1_000, 41_000), 1_000);
        assert_eq!(ticks as u64 * TICK_MS, 1_600);
        assert_eq!(seen.last(), Some(&41_000));
        // A step shorter than its ticks moves a second at a time.
        assert_eq!(Pace::step(10, 12).per_tick, 1);
        assert_eq!(play(Pace::step(10, 12), 10).0, 2);
    }

    #[test]
    fn play_starts_over_from_the_end_and_the_slider_maps_moments_both_ways() {
        let span = (1_000, 2_000);
        assert_eq!(play_from(span, None), Some(999));
        assert_eq!(play_from(span, Some(2_000)), Some(999));
        assert_eq!(play_from(span, Some(1_500)), None);
        assert_eq!(slider_position(Some(span), None), SLIDER_STEPS);
        assert_eq!(slider_position(None, Some(1_500)), SLIDER_STEPS);
        assert_eq!(slider_position(Some(span), Some(999)), 0.0);
        assert_eq!(slider_position(Some(span), Some(1_500)), 500.0);
        assert_eq!(slider_position(Some(span), Some(2_000)), SLIDER_STEPS);
        assert_eq!(slider_moment(span, 0.0), 999, "before the first transfer");
        assert_eq!(slider_moment(span, 1.0), 1_001);
        assert_eq!(slider_moment(span, 500.0), 1_500);
        assert_eq!(slider_moment(span, SLIDER_STEPS), 2_000);
    }

    #[test]
    fn playback_hides_what_has_not_happened_yet_and_off_shows_everything() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        let (start, end) = stage.playback().span().unwrap();
        stage.set_playback_at(Some(start - 1));
        let hidden = |s: &Stage| {
            (0..s.scene.nodes.len())
                .filter(|&i| s.emphasis.node(i) == Tone::Hidden)
                .count()
        };
        assert_eq!(hidden(&stage), stage.scene.nodes.len() - 1, "only the seed");
        stage.set_playback_at(Some(end));
        assert_eq!(hidden(&stage), 0);
        stage.set_playback_at(Some(start));
        assert!(hidden(&stage) > 0);
        // Hovering keeps what playback hides hidden, and a hidden node cannot be pointed at.
        let (_, at) = stage.nodes_on_screen()[0];
        stage.hover(Some(at));
        assert!(hidden(&stage) > 0);
        let hidden_at = (0..stage.scene.nodes.len())
            .find(|&i| stage.emphasis.node(i) == Tone::Hidden)
            .map(|i| stage.nodes_on_screen()[i].1)
            .unwrap();
        assert_eq!(stage.node_at(hidden_at), None);
        let totals = stage.playback_totals();
        assert_eq!(totals.left_seeds["ETH"].to_string(), "100");
        stage.set_playback_at(None);
        assert_eq!(hidden(&stage), 0);
    }

    #[test]
    fn playing_forward_sends_a_pulse_along_each_edge_whose_transfers_happen() {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        let (start, end) = stage.playback().span().unwrap();
        // From off, nothing flies: the moment is only shown.
        stage.advance_playback(start, 0.0);
        assert_eq!(stage.pulses_in_flight(), 0);
        // The first three transfers after the theft: thief → A, B, C (1704884400–1704885600).
        stage.advance_playback(1_704_885_600, 10.0);
        assert_eq!(stage.pulses_in_flight(), 3);
        let points = stage.pulse_points();
        assert_eq!(points.len(), 3);
        assert!(points.iter().all(|&(_, f)| f == 0.0));
        // Half-way they are between their ends; after PULSE_MS they are gone.
        stage.tick_pulses(10.0 + super::PULSE_MS / 2.0);
        assert!(stage
            .pulse_points()
            .iter()
            .all(|&(_, f)| (f - 0.5).abs() < 1e-6));
        assert_eq!(stage.tick_pulses(10.0 + super::PULSE_MS), 0);
        // Going back sends none.
        stage.advance_playback(start, 2_000.0);
        assert_eq!(stage.pulses_in_flight(), 0);
        // The two transfers Split A → mixer (1704970800 and 1704974400) are one edge: one
        // pulse.
        stage.advance_playback(1_704_970_799, 3_000.0);
        stage.tick_pulses(3_000.0 + super::PULSE_MS);
        stage.advance_playback(1_704_974_400, 4_000.0);
        assert_eq!(stage.pulses_in_flight(), 1);
        // To the end: one pulse per edge that had a transfer since, never more.
        stage.advance_playback(end, 4_000.0);
        assert!(stage.pulses_in_flight() <= stage.scene.edges.len());
    }
}
