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

use super::open_case::CaseStore;
use super::tour::Tour;
use super::ui::Ui;
use crate::stage::keymap::Command;
use crate::stage::{play_from, slider_moment, slider_position, Pace, SLIDER_STEPS, TICK_MS};

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
    let case = expect_context::<CaseStore>();
    let tour = expect_context::<Tour>();
    let playing = tour.playing;
    let speed = RwSignal::new(1.0f64);
    let span = Memo::new(move |_| {
        case.revision.track();
        tour.time_span()
    });
    let at = Memo::new(move |_| {
        case.playback_revision.track();
        case.revision.track();
        case.read(|s| s.playback_at()).flatten()
    });
    let totals = Memo::new(move |_| {
        case.playback_revision.track();
        case.revision.track();
        case.read(|s| s.playback_totals())
    });
    let toggle = move || {
        let Some((start, end)) = span.get_untracked() else {
            return;
        };
        if playing.get_untracked() {
            tour.pause();
            return;
        }
        tour.play_target.set_value(None);
        if let Some(from) = play_from((start, end), at.get_untracked()) {
            tour.set_playback(Some(from));
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
                tour.pause();
                return;
            };
            // A story step plays to its own end at its own pace; else to the case's end.
            let pace = tour
                .play_target
                .get_value()
                .unwrap_or_else(|| Pace::whole(span, speed.get_untracked()));
            let (next, done) = pace.next(t);
            tour.advance_playback(next);
            if done {
                tour.pause();
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
        tour.pause();
        tour.set_playback(Some(slider_moment(span, v)));
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
                    <button data-testid="timeline-off" title="Show every transfer" prop:disabled=move || at.get().is_none() on:click=move |_| { tour.pause(); tour.set_playback(None); }>
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
