//! The root component: makes the app's stores (`ui.rs`), opens the first case (a bundled one
//! the address names, the one open before a reload, or the demo), listens on the window
//! (drop, paste, keys, leaving the page) and lays out the panels.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::banner::{ErrorBanner, ImportReport};
use super::dialogs::{ContextMenu, HubDialog};
use super::expand_settings::ExpandSettings;
use super::filters::Filters;
use super::graph_view::GraphView;
use super::inspector::Inspector;
use super::layout_panel::LayoutPanel;
use super::legend::Legend;
use super::links_panel::LinksPanel;
use super::mapping::MappingDialog;
use super::paths_panel::PathsPanel;
use super::patterns_panel::PatternsPanel;
use super::progress::ImportProgress;
use super::search_box::SearchBox;
use super::toolbar::Toolbar;
use super::trace_panel::TracePanel;
use super::ui::Ui;
use crate::platform::files::{file_list, text_file};

/// How long a status message stays before it clears.
const STATUS_CLEAR_MS: u64 = 6_000;

#[component]
pub fn App() -> impl IntoView {
    let embed = super::page_address::embed_asked();
    let ui = Ui::start(embed, super::page_address::query_param("present").is_some());
    if embed {
        return super::embed::EmbedShell().into_any();
    }
    // A bundled case the address names (`?case=…`), else the case this page had open before
    // a reload, else the bundled demo.
    // `&step=K` opens its story at step K (counted from 1).
    let asked =
        super::page_address::query_param("case").filter(|name| crate::bundled_case(name).is_some());
    if let Some(name) = asked {
        ui.open_bundled(&name);
        ui.messages.report.set(Vec::new());
        if let Some(k) = super::page_address::step_asked() {
            ui.show_step(k);
        }
        leptos::task::spawn_local(async move { ui.saves.start().await });
    } else {
        // The browser's database answers in a moment; until then no case is open.
        leptos::task::spawn_local(async move {
            ui.saves.start().await;
            // A file the user opened meanwhile is not replaced.
            let nothing_open = move || ui.case.read(|_| ()).is_none();
            if nothing_open() && !ui.reopen_autosaved().await && nothing_open() {
                ui.open_bundled(crate::DEMO_CASE_NAME);
                ui.messages.report.set(Vec::new());
                ui.case.set_demo(true);
                // A first visit: the start screen offers the teaching cases.
                ui.tour.start_open.set(true);
            }
        });
    }
    // A file dropped anywhere on the page opens as a case; without this the browser would
    // navigate to the file and the open case would be lost.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        ui.files.dragging.set(true);
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        ui.files.dragging.set(false);
        if let Some(dt) = ev.data_transfer() {
            ui.import_files(file_list(dt.files()), ui.drop_mode(), None);
        }
    });
    // Leaving or reloading the page saves at once what the autosave had not saved yet.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| {
        ui.saves.autosave_now();
        ui.saves.journal_now();
    });
    // Keyboard: the shortcuts of the keymap (`stage::keymap`), but in a text field.
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ui.run_key(&ev) {
            ev.prevent_default();
        }
    });
    // Text pasted anywhere but a text field opens like a dropped file.
    let _ = window_event_listener(leptos::ev::paste, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text").ok())
            .unwrap_or_default();
        if in_field || text.trim().is_empty() {
            return;
        }
        ev.prevent_default();
        if let Some(file) = text_file("pasted text", &text) {
            ui.import_files(vec![file], ui.drop_mode(), None);
        }
    });

    // A status message clears after a few seconds, unless a newer one replaced it.
    let status_shown = StoredValue::new(0u64);
    Effect::new(move |_| {
        if ui.messages.status.get().is_empty() {
            return;
        }
        status_shown.update_value(|n| *n += 1);
        let shown = status_shown.get_value();
        set_timeout(
            move || {
                if status_shown.get_value() == shown {
                    ui.messages.status.set(String::new());
                }
            },
            std::time::Duration::from_millis(STATUS_CLEAR_MS),
        );
    });
    view! {
        <div class="app" class:presenting=move || ui.tour.presenting.get()>
            <Toolbar />
            <ErrorBanner />
            <ImportProgress />
            <div class="body">
                <aside class="investigate" data-testid="investigate-panel">
                    <SearchBox />
                    <ExpandSettings />
                    <Filters />
                    <TracePanel />
                    <LinksPanel />
                    <super::addresses_panel::AddressesPanel />
                    <PatternsPanel />
                    <PathsPanel />
                    <super::annotations_panel::AnnotationsPanel />
                </aside>
                <main class="stage">
                    <div class="stage-area">
                        <GraphView />
                        <super::view_controls::ViewControls />
                        <super::story::StoryPanel />
                        <LayoutPanel />
                        <Legend />
                        <HubDialog />
                        <p class="status-line" data-testid="status" class:empty=move || ui.messages.status.get().is_empty()>
                            {move || ui.messages.status.get()}
                        </p>
                        <ContextMenu />
                    </div>
                    <super::timeline::Timeline />
                </main>
                <Inspector />
            </div>
            <ImportReport />
            <MappingDialog />
            <super::story::StartScreen />
        </div>
    }
    .into_any()
}
