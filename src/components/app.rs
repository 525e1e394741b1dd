//! The root component and `Ui`: the stage and the coarse signals the panels read, with the
//! small stores (`Saves`, `Tour`, `Messages`) provided on their own. Opening files is
//! `opening.rs`; the layout worker's side is `layout_link.rs`.

use hopscope_core::inspect::NodeSummary;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::actions::HubPrompt;
use super::banner::Messages;
use super::banner::{ErrorBanner, ImportReport};
use super::case_store::Saves;
use super::dialogs::{ContextMenu, HubDialog};
use super::expand_settings::ExpandSettings;
use super::filters::Filters;
use super::graph_view::GraphView;
use super::inspector::Inspector;
use super::layout_panel::LayoutPanel;
use super::legend::Legend;
use super::links_panel::LinksPanel;
use super::mapping::MappingDialog;
use super::opening::{ImportStatus, MappingRequest, PendingImport};
use super::paths_panel::PathsPanel;
use super::patterns_panel::PatternsPanel;
use super::progress::ImportProgress;
use super::search_box::SearchBox;
use super::story::Tour;
use super::toolbar::Toolbar;
use super::trace_panel::TracePanel;
use crate::import::client::ImportClient;
use crate::platform::files::{file_list, text_file};
use crate::simulate::client::LayoutClient;
use crate::stage::{CaseTag, LayoutStatus, Stage};

/// The signals that panels read. The case itself stays in `stage`, out of the reactive graph.
#[derive(Clone, Copy)]
pub struct Ui {
    pub stage: StoredValue<Option<Stage>>,
    /// Bumped whenever the open case changes.
    pub revision: RwSignal<u64>,
    /// Which case is open: changes when another case opens (not when files join it), so
    /// panels that keep something of the case (found paths, an embed code) drop it.
    pub opened: RwSignal<CaseTag>,
    pub title: RwSignal<String>,
    /// The case's notes (what is illustrative, sources), shown when nothing is selected.
    pub case_notes: RwSignal<String>,
    /// A file is being dragged over the page.
    pub dragging_file: RwSignal<bool>,
    pub stats: RwSignal<String>,
    /// The error banner, the import report, notices and the status line (`banner.rs`),
    /// also provided on their own.
    pub messages: Messages,
    pub inspected: RwSignal<Option<NodeSummary>>,
    /// The open case is the untouched bundled demo: dropped files replace it.
    pub is_demo: RwSignal<bool>,
    /// The chain of files that do not name theirs (`None`: let each file's contents decide).
    pub chain: RwSignal<Option<String>>,
    /// A table waiting for the user to say which column is which, and its file.
    pub mapping: RwSignal<Option<MappingRequest>>,
    pub mapping_file: StoredValue<Option<web_sys::File>, LocalStorage>,
    /// The import being read, for the progress bar (`None` when none is running).
    pub import: RwSignal<Option<ImportStatus>>,
    pub(super) pending: StoredValue<Option<PendingImport>, LocalStorage>,
    pub(super) next_import: StoredValue<u32>,
    pub(super) client: StoredValue<Option<ImportClient>, LocalStorage>,
    /// The layout worker (`None` where none can run: the stage lays out on the page).
    pub(super) layout: StoredValue<Option<LayoutClient>, LocalStorage>,
    pub(super) layout_generation: StoredValue<u32>,
    /// What the layout controls show.
    pub layout_status: RwSignal<LayoutStatus>,
    /// Bumped whenever the view changes (expand, filter, trace, undo…).
    pub view_revision: RwSignal<u64>,
    /// How many hops an expansion goes.
    pub hops: RwSignal<u32>,
    /// A hub an expansion held back, waiting for the user's choice.
    pub hub_prompt: RwSignal<Option<HubPrompt>>,
    /// Where the node context menu is open (CSS pixels in the canvas).
    pub context_menu: RwSignal<Option<[f64; 2]>>,
    /// Autosave and the recent cases (`case_store.rs`), also provided on its own.
    pub saves: Saves,
    /// Light or dark: the page's style sheet and the canvas follow it.
    pub theme: RwSignal<hopscope_core::export::Theme>,
    /// Bumped whenever the playback moment changes.
    pub playback_revision: RwSignal<u64>,
    /// The tour and the timeline's play state (`story.rs`), also provided on its own.
    pub tour: Tour,
    /// The bundled case that is open, by name (for links to a step).
    pub bundled: RwSignal<Option<String>>,
    /// The read-only embed (`?embed`): look, hover and inspect; no editing, no files, no
    /// autosave.
    pub read_only: bool,
}

impl Ui {
    /// Copies the stage's change counters into the signals panels read (`stage/revisions.rs`).
    /// The only place `revision`, `view_revision` and `playback_revision` change: a component
    /// changes the stage through its methods and calls this (or `act`, which does), and every
    /// panel that depends on the part that changed refreshes.
    pub fn sync(&self) {
        let Some(r) = self.stage.with_value(|s| s.as_ref().map(|s| s.revisions())) else {
            return;
        };
        if r.case != self.revision.get_untracked() {
            self.revision.set(r.case);
        }
        if r.view != self.view_revision.get_untracked() {
            self.view_revision.set(r.view);
        }
        if r.playback != self.playback_revision.get_untracked() {
            self.playback_revision.set(r.playback);
        }
    }

    /// Sets the selected node's label as typed and refreshes what shows it.
    pub fn edit_selected_label(&self, label: &str) {
        let mut summary = None;
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                if let Some(idx) = stage.selected {
                    stage.edit_label(idx, label);
                    summary = stage.inspect(idx);
                }
            }
        });
        if summary.is_some() {
            self.inspected.set(summary);
            self.is_demo.set(false);
            self.sync();
            self.schedule_autosave();
        }
    }
}

/// How long a status message stays before it clears.
const STATUS_CLEAR_MS: u64 = 6_000;

#[component]
pub fn App() -> impl IntoView {
    let embed = super::embed::embed_asked();
    let theme = super::view_controls::initial_theme();
    super::view_controls::apply_theme(theme);
    let ui = Ui {
        stage: StoredValue::new(None),
        revision: RwSignal::new(0),
        opened: RwSignal::new(CaseTag::NONE),
        title: RwSignal::new(String::new()),
        case_notes: RwSignal::new(String::new()),
        dragging_file: RwSignal::new(false),
        stats: RwSignal::new(String::new()),
        messages: Messages::new(),
        inspected: RwSignal::new(None),
        is_demo: RwSignal::new(false),
        chain: RwSignal::new(None),
        mapping: RwSignal::new(None),
        mapping_file: StoredValue::new_local(None),
        import: RwSignal::new(None),
        pending: StoredValue::new_local(None),
        next_import: StoredValue::new(0),
        client: StoredValue::new_local(None),
        layout: StoredValue::new_local(None),
        layout_generation: StoredValue::new(0),
        layout_status: RwSignal::new(LayoutStatus::default()),
        view_revision: RwSignal::new(0),
        hops: RwSignal::new(1),
        hub_prompt: RwSignal::new(None),
        context_menu: RwSignal::new(None),
        saves: Saves::new(),
        theme: RwSignal::new(theme),
        playback_revision: RwSignal::new(0),
        tour: Tour::new(super::embed::query_param("present").is_some()),
        bundled: RwSignal::new(None),
        read_only: embed,
    };
    ui.layout
        .set_value(LayoutClient::start(move |event| ui.on_layout_event(event)));
    ui.client.set_value(Some(ImportClient::new(move |event| {
        ui.on_import_event(event)
    })));
    provide_context(ui.saves);
    provide_context(ui.tour);
    provide_context(ui.messages);
    if embed {
        provide_context(ui);
        return super::embed::EmbedShell().into_any();
    }
    // A bundled case the address names (`?case=…`), else the case this page had open before
    // a reload, else the bundled demo.
    // `&step=K` opens its story at step K (counted from 1).
    let asked =
        super::embed::query_param("case").filter(|name| crate::bundled_case(name).is_some());
    if let Some(name) = asked {
        ui.open_bundled(&name);
        ui.messages.report.set(Vec::new());
        if let Some(k) = super::embed::step_asked() {
            ui.show_step(k);
        }
    } else if !ui.reopen_autosaved() {
        ui.open_bundled(crate::DEMO_CASE_NAME);
        ui.messages.report.set(Vec::new());
        ui.is_demo.set(true);
        // A first visit: the start screen offers the teaching cases.
        ui.tour.start_open.set(true);
    }
    provide_context(ui);
    // A file dropped anywhere on the page opens as a case; without this the browser would
    // navigate to the file and the open case would be lost.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        ui.dragging_file.set(true);
    });
    let _ = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        ui.dragging_file.set(false);
        if let Some(dt) = ev.data_transfer() {
            ui.import_files(file_list(dt.files()), ui.drop_mode(), None);
        }
    });
    // Leaving or reloading the page saves at once what the autosave had not saved yet.
    let _ = window_event_listener(leptos::ev::pagehide, move |_| ui.autosave_now());
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
