//! Controls over the canvas for looking around: the export menu, fit the view, zoom to the selection, the light
//! or dark theme (remembered by the browser), and the minimap, on which a click or drag moves
//! the view. What the navigation keys do (arrows step to the neighbour that way, F fits, Z
//! zooms to the selection; `stage::keymap`).

use leptos::prelude::*;

use super::app::Ui;
use crate::render::minimap::{Frame, Shared};
use hopscope_core::export::Theme;

/// From this many nodes on, the minimap shows unless hidden.
const MINIMAP_NODES: usize = 100;

/// Where the theme is remembered.
const THEME_KEY: &str = "hopscope.theme";

/// The theme the browser remembers, else the system's preference.
pub fn initial_theme() -> Theme {
    let window = web_sys::window();
    let saved = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    match saved.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = window
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Shows `theme` on the page (`data-theme` on the root, for the style sheet).
pub fn apply_theme(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme_name(theme));
    }
}

pub fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

impl Ui {
    pub fn toggle_theme(&self) {
        let next = match self.theme.get_untracked() {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        };
        self.theme.set(next);
        apply_theme(next);
        if !self.read_only {
            if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten())
            {
                let _ = storage.set_item(THEME_KEY, theme_name(next));
            }
        }
    }

    pub fn fit_view(&self) {
        self.stage.update_value(|s| {
            if let Some(s) = s {
                s.fit();
            }
        });
    }

    pub fn zoom_to_selection(&self) {
        let done = self
            .stage
            .try_update_value(|s| s.as_mut().is_some_and(|s| s.zoom_to_selection()))
            .unwrap_or(false);
        if !done {
            self.messages.status.set(
                "Select a node or pick some (shift-click or shift-drag) to zoom to them".to_owned(),
            );
        }
    }

    /// Steps the selection to the neighbour in a screen direction, and inspects it.
    pub fn step_selection(&self, dir: [f32; 2]) {
        let summary = self.stage.try_update_value(|s| {
            let s = s.as_mut()?;
            let i = s.step(dir)?;
            s.inspect(i)
        });
        if let Some(Some(summary)) = summary {
            self.inspected.set(Some(summary));
            self.sync();
        }
    }
}

#[component]
pub fn ViewControls() -> impl IntoView {
    let ui = expect_context::<Ui>();
    view! {
        <div class="view-controls">
            {(!ui.read_only).then(|| view! { <super::export_menu::ExportMenu /> })}
            <button data-testid="fit-view" title="Fit the whole graph in view (F)" on:click=move |_| ui.fit_view()>"Fit"</button>
            <button data-testid="zoom-selection" title="Zoom to the selected and picked nodes (Z)" on:click=move |_| ui.zoom_to_selection()>"Zoom to selection"</button>
            <button
                data-testid="theme-toggle"
                title="Switch between the light and dark theme"
                aria-pressed=move || (ui.theme.get() == Theme::Dark).to_string()
                on:click=move |_| ui.toggle_theme()
            >
                {move || if ui.theme.get() == Theme::Dark { "Light theme" } else { "Dark theme" }}
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
    let ui = expect_context::<Ui>();
    // Shown by default for big graphs, where it helps; a button shows or hides it.
    let chosen = RwSignal::new(None::<bool>);
    let big = Memo::new(move |_| {
        ui.view_revision.track();
        ui.revision.track();
        ui.stage.with_value(|s| {
            s.as_ref()
                .is_some_and(|s| s.scene.nodes.len() >= MINIMAP_NODES)
        })
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
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                // The frame the minimap was last drawn with (the view's rectangle included).
                if let Some(frame) = minimap_frame.with_value(|m| m.frame) {
                    s.look_at(frame.to_world(at));
                } else if let Some(frame) = Frame::of_view(s.positions(), &s.camera, size) {
                    s.look_at(frame.to_world(at));
                }
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
