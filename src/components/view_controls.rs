//! Controls over the canvas for looking around: the export menu, fit the view, zoom to the selection, the light
//! or dark theme (remembered by the browser), and the minimap, on which a click or drag moves
//! the view. What the navigation keys do (arrows step to the neighbour that way, F fits, Z
//! zooms to the selection; `stage::keymap`).

use leptos::prelude::*;

use super::open_case::CaseStore;
use super::theme::ThemeStore;
use crate::render::minimap::{Frame, Shared};
use hopscope_core::export::Theme;

/// From this many nodes on, the minimap shows unless hidden.
const MINIMAP_NODES: usize = 100;

#[component]
pub fn ViewControls() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let looks = expect_context::<ThemeStore>();
    view! {
        <div class="view-controls">
            {(!case.read_only).then(|| view! { <super::export_menu::ExportMenu /> })}
            <button data-testid="fit-view" title="Fit the whole graph in view (F)" on:click=move |_| case.fit_view()>"Fit"</button>
            <button data-testid="zoom-selection" title="Zoom to the selected and picked nodes (Z)" on:click=move |_| case.zoom_to_selection()>"Zoom to selection"</button>
            <button
                data-testid="theme-toggle"
                title="Switch between the light and dark theme"
                aria-pressed=move || (looks.theme.get() == Theme::Dark).to_string()
                on:click=move |_| looks.toggle()
            >
                {move || if looks.theme.get() == Theme::Dark { "Light theme" } else { "Dark theme" }}
            </button>
        </div>
    }
}

/// The minimap canvas (drawn by the frame loop); click or drag on it to move the view.
#[component]
pub fn MinimapFrame(
    canvas: NodeRef<leptos::html::Canvas>,
    /// The frame the minimap was last drawn with (set by the frame loop), held during a drag.
    minimap_frame: StoredValue<Shared>,
) -> impl IntoView {
    let case = expect_context::<CaseStore>();
    // Shown by default for big graphs, where it helps; a button shows or hides it.
    let chosen = RwSignal::new(None::<bool>);
    let big = Memo::new(move |_| {
        case.view_revision.track();
        case.revision.track();
        case.read(|s| s.scene.nodes.len() >= MINIMAP_NODES)
            .unwrap_or(false)
    });
    let shown = move || chosen.get().unwrap_or_else(|| big.get());
    let go = move |ev: web_sys::PointerEvent| {
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        // Canvas pixels per CSS pixel (the canvas keeps a fixed pixel size).
        let sx = el.width() as f32 / el.client_width().max(1) as f32;
        let sy = el.height() as f32 / el.client_height().max(1) as f32;
        let at = [ev.offset_x() as f32 * sx, ev.offset_y() as f32 * sy];
        let size = [el.width() as f32, el.height() as f32];
        case.drive(|s| {
            // The frame the minimap was last drawn with (the view's rectangle included).
            if let Some(frame) = minimap_frame.with_value(|m| m.frame) {
                s.look_at(frame.to_world(at));
            } else if let Some(frame) = Frame::of_view(s.positions(), &s.camera, size) {
                s.look_at(frame.to_world(at));
            }
        });
    };
    view! {
        <div class="minimap" class:collapsed=move || !shown()>
            <button
                class="minimap-toggle"
                data-testid="minimap-toggle"
                title="Show or hide the minimap"
                on:click=move |_| chosen.set(Some(!shown()))
            >
                {move || if shown() { "−" } else { "Map" }}
            </button>
            <canvas
                node_ref=canvas
                data-testid="minimap"
                width="200"
                height="140"
                aria-label="Minimap: click to move the view"
                on:pointerdown=move |ev| {
                    if let Some(t) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) {
                        let _ = t.set_pointer_capture(ev.pointer_id());
                    }
                    minimap_frame.update_value(|m| m.held = true);
                    go(ev)
                }
                on:pointerup=move |_| minimap_frame.update_value(|m| m.held = false)
                on:pointercancel=move |_| minimap_frame.update_value(|m| m.held = false)
                on:pointermove=move |ev| {
                    if ev.buttons() != 0 {
                        go(ev)
                    }
                }
            ></canvas>
        </div>
    }
}
