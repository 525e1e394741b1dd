//! The timeline under the graph (issue 8): a slider over the case's time span, play / pause
//! (Space) and speed, the moment shown, and the running totals — what has left the hack and
//! reached mixers, bridges and exchanges by then. Dragging the slider shows the graph as it
//! stood at that moment at once (the stage hides what had not happened yet); "All" ends
//! playback. Shown for cases whose transfers have times. The pace and the slider's moments
//! are the stage's (`stage::timeline`).

use std::time::Duration;

use hopscope_core::figures::format_utc;
use hopscope_core::model::Category;
use leptos::prelude::*;

use super::app::Ui;
use crate::stage::keymap::Command;
use crate::stage::{play_from, slider_moment, slider_position, Pace, SLIDER_STEPS, TICK_MS};

impl Ui {
    /// Shows the graph at `t` (or all of it) and the totals then.
    pub fn set_playback(&self, t: Option<i64>) {
        self.stage.update_value(|s| {
            if let Some(s) = s {
                s.set_playback_at(t);
            }
        });
        self.sync();
    }

    /// Moves playback on to `t`, sending the transfers on the way along their edges.
    fn advance_playback(&self, t: i64) {
        let now = crate::platform::tick::now_ms();
        self.stage.update_value(|s| {
            if let Some(s) = s {
                s.advance_playback(t, now);
            }
        });
        self.sync();
    }

    /// Plays the transfers from `from` to `to` (a story step's), then stops there.
    pub fn play_between(&self, from: i64, to: i64) {
        self.pause();
        if to <= from {
            self.set_playback(Some(to));
            return;
        }
        self.set_playback(Some(from));
        self.tour.play_target.set_value(Some(Pace::step(from, to)));
        self.tour.playing.set(true);
    }

    /// Stops playing where it is.
    pub fn pause(&self) {
        self.tour.play_target.set_value(None);
        self.tour.playing.set(false);
    }

    /// The case's time span, if its transfers have times.
    fn time_span(&self) -> Option<(i64, i64)> {
        self.stage
            .with_value(|s| s.as_ref().and_then(|s| s.playback().span()))
    }
}

/// "100 ETH, 2,000 USDT" from per-asset totals.
fn amounts(map: Option<&std::collections::BTreeMap<String, hopscope_core::Amount>>) -> String {
    match map {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(asset, a)| hopscope_core::figures::amount(*a, asset).text)
            .collect::<Vec<_>>()
            .join(", "),
        _ => "0".to_owned(),
    }
}

#[component]
pub fn Timeline() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let playing = ui.tour.playing;
    let speed = RwSignal::new(1.0f64);
    let span = Memo::new(move |_| {
        ui.revision.track();
        ui.time_span()
    });
    let at = Memo::new(move |_| {
        ui.playback_revision.track();
        ui.revision.track();
        ui.stage
            .with_value(|s| s.as_ref().and_then(|s| s.playback_at()))
    });
    let totals = Memo::new(move |_| {
        ui.playback_revision.track();
        ui.revision.track();
        ui.stage
            .with_value(|s| s.as_ref().map(|s| s.playback_totals()))
    });
    let toggle = move || {
        let Some((start, end)) = span.get_untracked() else {
            return;
        };
        if playing.get_untracked() {
            ui.pause();
            return;
        }
        ui.tour.play_target.set_value(None);
        if let Some(from) = play_from((start, end), at.get_untracked()) {
            ui.set_playback(Some(from));
        }
        playing.set(true);
    };
    // Playing moves the time on every tick.
    let _ = set_interval_with_handle(
        move || {
            if !playing.get_untracked() {
                return;
            }
            let (Some(span), Some(t)) = (span.get_untracked(), at.get_untracked()) else {
                ui.pause();
                return;
            };
            // A story step plays to its own end at its own pace; else to the case's end.
            let pace = ui
                .tour
                .play_target
                .get_value()
                .unwrap_or_else(|| Pace::whole(span, speed.get_untracked()));
            let (next, done) = pace.next(t);
            ui.advance_playback(next);
            if done {
                ui.pause();
            }
        },
        Duration::from_millis(TICK_MS),
    );
    // Space plays and pauses (on the graph, `stage::keymap`).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ui.key_command(&ev) == Some(Command::PlayPause) && span.get_untracked().is_some() {
            ev.prevent_default();
            toggle();
        }
    });
    let position = move || slider_position(span.get(), at.get());
    let on_slide = move |ev: leptos::ev::Event| {
        let Some(span) = span.get_untracked() else {
            return;
        };
        let v: f64 = event_target_value(&ev).parse().unwrap_or(SLIDER_STEPS);
        ui.pause();
        ui.set_playback(Some(slider_moment(span, v)));
    };
    view! {
        <Show when=move || span.get().is_some()>
            <div class="timeline" data-testid="timeline">
                <div class="row">
                    <button data-testid="play" title="Play the transfers in time order (Space)" on:click=move |_| toggle()>
                        {move || if playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                    </button>
                    <select data-testid="play-speed" aria-label="Speed" on:change=move |ev| speed.set(event_target_value(&ev).parse().unwrap_or(1.0))>
                        <option value="1">"1×"</option>
                        <option value="4">"4×"</option>
                        <option value="16">"16×"</option>
                    </select>
                    <input
                        type="range"
                        min="0"
                        max=SLIDER_STEPS.to_string()
                        step="1"
                        data-testid="timeline-slider"
                        aria-label="Time"
                        prop:value=move || position().to_string()
                        on:input=on_slide
                    />
                    <button data-testid="timeline-off" title="Show every transfer" prop:disabled=move || at.get().is_none() on:click=move |_| { ui.pause(); ui.set_playback(None); }>
                        "All"
                    </button>
                </div>
                <div class="row small">
                    <span class="moment" data-testid="timeline-time">
                        {move || match (at.get(), span.get()) {
                            (Some(t), Some((start, _))) if t < start => "before the first transfer".to_owned(),
                            (Some(t), _) => format_utc(t),
                            (None, _) => "all transfers".to_owned(),
                        }}
                    </span>
                    <span class="totals" data-testid="timeline-totals">
                        {move || totals.get().map(|t| format!(
                            "left the hack: {} · mixers: {} · bridges: {} · exchanges: {}",
                            amounts(Some(&t.left_seeds)),
                            amounts(t.reached.get(&Category::Mixer)),
                            amounts(t.reached.get(&Category::Bridge)),
                            amounts(t.reached.get(&Category::Exchange)),
                        ))}
                    </span>
                </div>
            </div>
        </Show>
    }
}
