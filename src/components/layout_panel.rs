//! The layout controls over the canvas: pause / resume, reheat, free or flow mode (hops, or
//! time of first receipt, read left to right), and a small settings panel whose defaults come
//! from the case's size.

use hopscope_core::layout::{Command, Mode, Settings};
use leptos::prelude::*;

use super::layout_link::LayoutLink;
use super::open_case::CaseStore;

#[component]
pub fn LayoutPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let layout = expect_context::<LayoutLink>();
    let settings = move || {
        layout.status.track();
        case.revision.track();
        case.peek(|s| s.map(|s| s.settings()))
            .unwrap_or_else(|| Settings::infer(0, 0))
    };
    // Changes one setting from a number typed in the panel.
    let set = move |apply: fn(&mut Settings, f32)| {
        move |ev: leptos::ev::Event| {
            if let Ok(value) = event_target_value(&ev).trim().parse::<f32>() {
                if value.is_finite() {
                    let mut s = settings();
                    apply(&mut s, value);
                    layout.command(Command::SetSettings { settings: s });
                }
            }
        }
    };
    view! {
        <div class="layout-panel">
            <button
                data-testid="layout-pause"
                title="Pause or resume the layout"
                on:click=move |_| {
                    let paused = layout.status.get_untracked().paused;
                    layout.command(if paused { Command::Resume } else { Command::Pause });
                }
            >
                {move || if layout.status.get().paused { "Resume" } else { "Pause" }}
            </button>
            <button
                data-testid="layout-reheat"
                title="Warm the layout up so it moves again"
                on:click=move |_| layout.command(Command::Reheat)
            >
                "Reheat"
            </button>
            <select
                data-testid="layout-mode"
                title="Free layout, or flow: hops from the seeds read left to right"
                prop:value=move || match layout.status.get().mode {
                    Mode::Free => "free",
                    Mode::Flow => "flow",
                    Mode::FlowByTime => "flow-time",
                }
                on:change=move |ev| {
                    let mode = match event_target_value(&ev).as_str() {
                        "flow" => Mode::Flow,
                        "flow-time" => Mode::FlowByTime,
                        _ => Mode::Free,
                    };
                    layout.command(Command::SetMode { mode });
                }
            >
                <option value="free">"Free"</option>
                <option value="flow">"Flow (hops →)"</option>
                <option value="flow-time">"Flow (first receipt →)"</option>
            </select>
            <span class="layout-state" data-testid="layout-state">
                {move || {
                    let s = layout.status.get();
                    if s.paused { "paused" } else if s.settled { "at rest" } else { "moving" }
                }}
            </span>
            <details class="layout-settings">
                <summary>"Settings"</summary>
                <label>
                    "Repulsion "
                    <input type="number" step="5" data-testid="layout-charge"
                        prop:value=move || (-settings().charge).to_string()
                        on:change=set(|s, v| s.charge = -v.abs()) />
                </label>
                <label>
                    "Link length "
                    <input type="number" step="5" min="1"
                        prop:value=move || settings().link_distance.to_string()
                        on:change=set(|s, v| s.link_distance = v.max(1.0)) />
                </label>
                <label>
                    "Gravity "
                    <input type="number" step="0.01" min="0"
                        prop:value=move || settings().gravity.to_string()
                        on:change=set(|s, v| s.gravity = v.clamp(0.0, 1.0)) />
                </label>
                <label>
                    "Barnes-Hut θ "
                    <input type="number" step="0.1" min="0" max="2"
                        prop:value=move || settings().theta.to_string()
                        on:change=set(|s, v| s.theta = v.clamp(0.0, 2.0)) />
                </label>
                <label>
                    <input type="checkbox"
                        prop:checked=move || settings().collide
                        on:change=move |ev| {
                            let mut s = settings();
                            s.collide = event_target_checked(&ev);
                            layout.command(Command::SetSettings { settings: s });
                        } />
                    " Keep nodes apart"
                </label>
            </details>
        </div>
    }
}
