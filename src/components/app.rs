//! The root component: owns the stage and the few coarse signals the panels read, and opens
//! files (picker, drop or paste) as a new case or into the open one, without ever losing the
//! open case on an error.

use hopscope_core::format::batch::{combine, first_error, open_files, Batch, FileReport};
use hopscope_core::format::edge_list::{self, ColumnMapping};
use hopscope_core::inspect::NodeSummary;
use hopscope_core::Case;
use hopscope_core::{Format, ImportOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::banner::{ErrorBanner, ImportReport};
use super::graph_view::GraphView;
use super::inspector::Inspector;
use super::legend::Legend;
use super::mapping::MappingDialog;
use super::toolbar::Toolbar;
use crate::platform::files::{file_list, read_text};
use crate::stage::{Stage, LAYOUT_NODE_LIMIT};

/// Whether files start a new case or join the open one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    NewCase,
    AddToCase,
}

/// The signals that panels read. The case itself stays in `stage`, out of the reactive graph.
#[derive(Clone, Copy)]
pub struct Ui {
    pub stage: StoredValue<Option<Stage>>,
    /// Bumped whenever the open case changes.
    pub revision: RwSignal<u64>,
    pub title: RwSignal<String>,
    /// The case's notes (what is illustrative, sources), shown when nothing is selected.
    pub case_notes: RwSignal<String>,
    /// A file is being dragged over the page.
    pub dragging_file: RwSignal<bool>,
    pub stats: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
    /// One entry per file of the last import.
    pub report: RwSignal<Vec<FileReport>>,
    /// Notes about the open case as a whole (e.g. too large to lay out).
    pub notices: RwSignal<Vec<String>>,
    pub inspected: RwSignal<Option<NodeSummary>>,
    /// The open case is the untouched bundled demo: dropped files replace it.
    pub is_demo: RwSignal<bool>,
    /// The chain of files that do not name theirs (`None`: let each file's contents decide).
    pub chain: RwSignal<Option<String>>,
    /// A table waiting for the user to say which column is which, and its text.
    pub mapping: RwSignal<Option<MappingRequest>>,
    pub mapping_text: StoredValue<Option<String>>,
}

/// A table whose sender, recipient or amount column was not recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingRequest {
    pub name: String,
    pub headers: Vec<String>,
    /// Merge into the case that is open once it is read (else it starts a new case).
    pub into_open_case: bool,
}

impl Ui {
    /// Imports file texts as a new case or into the open one. Files that cannot be read are
    /// reported and the first such error is shown; the open case is never lost. A table whose
    /// columns were not recognised opens the column dialog.
    pub fn open_texts(
        &self,
        files: Vec<(String, String)>,
        unreadable: Vec<FileReport>,
        mode: OpenMode,
    ) {
        let base = match mode {
            OpenMode::AddToCase => self.open_case(),
            OpenMode::NewCase => None,
        };
        let batch = open_files(base, &files, &self.import_options());
        let unsure = batch
            .reports
            .iter()
            .find(|r| r.needs_mapping())
            .map(|r| r.name.clone());
        let opened_any = self.show_batch(batch, unreadable);
        if let Some((name, text)) =
            unsure.and_then(|unsure| files.into_iter().find(|(n, _)| *n == unsure))
        {
            self.mapping.set(Some(MappingRequest {
                headers: edge_list::headers(&text),
                name,
                into_open_case: mode == OpenMode::AddToCase || opened_any,
            }));
            self.mapping_text.set_value(Some(text));
        }
    }

    /// Reads the waiting table with the columns the user chose.
    pub fn apply_mapping(&self, mapping: ColumnMapping) {
        let (Some(request), Some(text)) =
            (self.mapping.get_untracked(), self.mapping_text.get_value())
        else {
            return;
        };
        let base = if request.into_open_case {
            self.open_case()
        } else {
            None
        };
        let parsed = edge_list::parse_edge_list(&text, &self.import_options(), Some(&mapping));
        let batch = combine(
            base,
            vec![(request.name, Some(Format::EdgeListCsv), parsed)],
        );
        self.show_batch(batch, Vec::new());
        self.close_mapping();
    }

    pub fn close_mapping(&self) {
        self.mapping.set(None);
        self.mapping_text.set_value(None);
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
            self.revision.update(|r| *r += 1);
        }
    }

    /// What the user chose for files that do not say it themselves.
    fn import_options(&self) -> ImportOptions {
        ImportOptions {
            chain: self.chain.get_untracked(),
            ..ImportOptions::default()
        }
    }

    fn open_case(&self) -> Option<Case> {
        self.stage
            .with_value(|s| s.as_ref().map(|s| s.case.clone()))
    }

    /// Shows what a batch did and opens its case when any file was read; returns whether it
    /// did.
    fn show_batch(&self, batch: Batch, unreadable: Vec<FileReport>) -> bool {
        let mut reports = unreadable;
        reports.extend(batch.reports.iter().cloned());
        self.error.set(first_error(&reports));
        let read_any = batch.reports.iter().any(|r| r.error.is_none());
        let format = batch.first_format().unwrap_or(Format::CaseV1);
        let opened = read_any && batch.case.is_some();
        if let (true, Some(case)) = (read_any, batch.case) {
            let stage = Stage::new(case, format);
            self.title.set(stage.case.title.clone());
            self.case_notes.set(stage.case.notes.clone());
            self.stats.set(stage.stats.summary());
            let notices = (!stage.layout_runs()).then(|| {
                format!(
                    "{} addresses is more than the {} this version lays out without stalling the page; they keep their starting positions",
                    stage.scene.nodes.len(),
                    LAYOUT_NODE_LIMIT
                )
            });
            self.notices.set(notices.into_iter().collect());
            self.stage.set_value(Some(stage));
            self.inspected.set(None);
            self.is_demo.set(false);
            self.revision.update(|r| *r += 1);
        }
        self.report.set(reports);
        opened
    }

    /// Reads files the user picked, dropped or pasted, then imports them together.
    pub fn open_files(self, files: Vec<web_sys::File>, mode: OpenMode) {
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut texts = Vec::new();
            let mut unreadable = Vec::new();
            for file in files {
                match read_text(&file).await {
                    Ok(text) => texts.push((file.name(), text)),
                    Err(message) => unreadable.push(FileReport::unreadable(file.name(), message)),
                }
            }
            self.open_texts(texts, unreadable, mode);
        });
    }

    /// Dropped or pasted files replace the untouched demo and join any other case.
    pub fn drop_mode(&self) -> OpenMode {
        if self.is_demo.get_untracked() {
            OpenMode::NewCase
        } else {
            OpenMode::AddToCase
        }
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
        report: RwSignal::new(Vec::new()),
        notices: RwSignal::new(Vec::new()),
        inspected: RwSignal::new(None),
        is_demo: RwSignal::new(false),
        chain: RwSignal::new(None),
        mapping: RwSignal::new(None),
        mapping_text: StoredValue::new(None),
    };
    ui.open_texts(
        vec![(
            crate::DEMO_CASE_NAME.to_owned(),
            crate::DEMO_CASE.to_owned(),
        )],
        Vec::new(),
        OpenMode::NewCase,
    );
    ui.report.set(Vec::new());
    ui.is_demo.set(true);
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
            ui.open_files(file_list(dt.files()), ui.drop_mode());
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
        ui.open_texts(
            vec![("pasted text".to_owned(), text)],
            Vec::new(),
            ui.drop_mode(),
        );
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
            <ImportReport />
            <MappingDialog />
        </div>
    }
}
