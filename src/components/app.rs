//! The root component: owns the stage and the few coarse signals the panels read, and opens
//! files (picker or drop) into a new stage without ever losing the open case on an error.

use hopscope_core::inspect::NodeSummary;
use hopscope_core::parse_case;
use leptos::prelude::*;

use super::banner::{ErrorBanner, ImportWarnings};
use super::graph_view::GraphView;
use super::inspector::Inspector;
use super::legend::Legend;
use super::toolbar::Toolbar;
use crate::platform::files::{file_list, read_text};
use crate::stage::{Stage, LAYOUT_NODE_LIMIT};

/// The signals that panels read. The case itself stays in `stage`, out of the reactive graph.
#[derive(Clone, Copy)]
pub struct Ui {
    pub stage: StoredValue<Option<Stage>>,
    /// Bumped whenever a new case is opened.
    pub revision: RwSignal<u64>,
    pub title: RwSignal<String>,
    /// The case's notes (what is illustrative, sources), shown when nothing is selected.
    pub case_notes: RwSignal<String>,
    /// A file is being dragged over the page.
    pub dragging_file: RwSignal<bool>,
    pub stats: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    pub warnings: RwSignal<Vec<String>>,
    pub inspected: RwSignal<Option<NodeSummary>>,
}

impl Ui {
    /// Opens a case from a file's text. On an error the open case stays as it was.
    /// `notes` are shown with the import warnings (e.g. files that were not opened).
    pub fn open_text(&self, name: &str, text: &str, notes: Vec<String>) {
        match parse_case(text) {
            Ok(imported) => {
                let stage = Stage::new(imported.value, imported.format);
                self.title.set(stage.case.title.clone());
                self.case_notes.set(stage.case.notes.clone());
                self.stats.set(stage.stats.summary());
                let warnings = imported.warnings.iter().map(|w| format!("{name}: {w}"));
                let layout_note = (!stage.layout_runs()).then(|| {
                    format!(
                        "{name}: {} addresses is more than the {} this version lays out without stalling the page; they keep their starting positions",
                        stage.scene.nodes.len(),
                        LAYOUT_NODE_LIMIT
                    )
                });
                self.warnings.set(
                    notes
                        .into_iter()
                        .chain(layout_note)
                        .chain(warnings)
                        .collect(),
                );
                self.stage.set_value(Some(stage));
                self.inspected.set(None);
                self.error.set(None);
                self.revision.update(|r| *r += 1);
            }
            Err(err) => self.error.set(Some(format!("{name}: {err}"))),
        }
    }

    /// Reads the first of the files the user picked or dropped, then opens it; when more
    /// were given, the import warnings say which were not opened.
    pub fn open_files(self, files: Vec<web_sys::File>) {
        let mut files = files.into_iter();
        let Some(file) = files.next() else {
            return;
        };
        let skipped: Vec<String> = files
            .map(|f| format!("{}: not opened; one case file opens at a time", f.name()))
            .collect();
        leptos::task::spawn_local(async move {
            match read_text(&file).await {
                Ok(text) => self.open_text(&file.name(), &text, skipped),
                Err(message) => self.error.set(Some(message)),
            }
        });
    }
}

#[component]
pub fn App() -> impl IntoView {
    let ui = Ui {
        stage: StoredValue::new(None),
        revision: RwSignal::new(0),
        title: RwSignal::new(String::new()),
        case_notes: RwSignal::new(String::new()),
        dragging_file: RwSignal::new(false),
        stats: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        warnings: RwSignal::new(Vec::new()),
        inspected: RwSignal::new(None),
    };
    ui.open_text(crate::DEMO_CASE_NAME, crate::DEMO_CASE, Vec::new());
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
            ui.open_files(file_list(dt.files()));
        }
    });

    view! {
        <div class="app">
            <Toolbar />
            <ErrorBanner />
            <div class="body">
                <main class="stage">
                    <GraphView />
                    <Legend />
                </main>
                <Inspector />
            </div>
            <ImportWarnings />
        </div>
    }
}
