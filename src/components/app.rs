//! The root component: owns the stage and the few coarse signals the panels read, and opens
//! files (picker, drop or paste) as a new case or into the open one, without ever losing the
//! open case on an error.

use hopscope_core::format::batch::{combine, first_error, read_file, Batch, FileReport};
use hopscope_core::format::edge_list::ColumnMapping;
use hopscope_core::format::wire::ReadFile;
use hopscope_core::inspect::NodeSummary;
use hopscope_core::Case;
use hopscope_core::{Format, ImportOptions};
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
use super::paths_panel::PathsPanel;
use super::patterns_panel::PatternsPanel;
use super::progress::ImportProgress;
use super::search_box::SearchBox;
use super::story::Tour;
use super::toolbar::Toolbar;
use super::trace_panel::TracePanel;
use crate::import::client::{ImportClient, ImportEvent};
use crate::import::protocol::Request;
use crate::platform::files::{file_list, read_bytes, text_file};
use crate::simulate::client::{LayoutClient, LayoutEvent};
use crate::stage::{CaseTag, LayoutStatus, Stage, LAYOUT_NODE_LIMIT};
use hopscope_core::layout::Command;

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
    pending: StoredValue<Option<PendingImport>, LocalStorage>,
    next_import: StoredValue<u32>,
    client: StoredValue<Option<ImportClient>, LocalStorage>,
    /// The layout worker (`None` where none can run: the stage lays out on the page).
    layout: StoredValue<Option<LayoutClient>, LocalStorage>,
    layout_generation: StoredValue<u32>,
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

/// A table whose sender, recipient or amount column was not recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingRequest {
    pub name: String,
    pub headers: Vec<String>,
    /// Merge into the case that is open once it is read (else it starts a new case).
    pub into_open_case: bool,
}

/// An import the worker is doing: what to do with its result.
pub struct PendingImport {
    id: u32,
    mode: OpenMode,
    /// The files, in the order of the request (to ask for a column mapping on one of them).
    files: Vec<web_sys::File>,
    /// Files refused before reading (too big, unreadable).
    unreadable: Vec<FileReport>,
}

/// How far an import has got, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportStatus {
    pub names: String,
    pub done: f64,
    pub total: f64,
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

    /// Reads files the user picked, dropped or pasted, in the import worker (or on the page
    /// where no worker can run), then opens them as a new case or into the open one. With a
    /// `mapping`, the single file is read as a table with those columns.
    pub fn import_files(
        self,
        files: Vec<web_sys::File>,
        mode: OpenMode,
        mapping: Option<ColumnMapping>,
    ) {
        if files.is_empty() {
            return;
        }
        if let Some(running) = self.import.get_untracked() {
            self.messages.error.set(Some(format!(
                "Still reading {}: wait for it or cancel it, then open the new files",
                running.names
            )));
            return;
        }
        self.next_import.update_value(|n| *n += 1);
        let id = self.next_import.get_value();
        let names = files
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ");
        self.import.set(Some(ImportStatus {
            names,
            done: 0.0,
            total: files.iter().map(|f| f.size()).sum(),
        }));
        leptos::task::spawn_local(async move {
            let mut readable = Vec::new();
            let mut buffers = Vec::new();
            let mut unreadable = Vec::new();
            for file in files {
                match read_bytes(&file).await {
                    Ok(bytes) => {
                        readable.push(file);
                        buffers.push(bytes);
                    }
                    Err(message) => unreadable.push(FileReport::unreadable(file.name(), message)),
                }
            }
            if self.import.with_untracked(|i| i.is_none()) {
                return; // cancelled while the browser read the files
            }
            let request = Request {
                id,
                names: readable.iter().map(|f| f.name()).collect(),
                chain: self.chain.get_untracked(),
                mapping: mapping.clone(),
            };
            self.pending.set_value(Some(PendingImport {
                id,
                mode,
                files: readable,
                unreadable,
            }));
            let sent = self.client.with_value(|c| {
                c.as_ref()
                    .is_some_and(|c| c.send(&request, buffers.clone()))
            });
            if !sent {
                self.read_on_page(id, buffers, mapping);
            }
        });
    }

    /// Handles what the import worker reports.
    fn on_import_event(&self, event: ImportEvent) {
        match event {
            ImportEvent::Progress { id, done } => {
                if self.pending_id() == Some(id) {
                    self.import.update(|i| {
                        if let Some(i) = i {
                            i.done = done;
                        }
                    });
                }
            }
            ImportEvent::Done { id, files } => {
                if self.pending_id() == Some(id) {
                    self.finish_import(files);
                }
            }
            ImportEvent::Failed { id, message } => {
                if self.pending_id() == Some(id) {
                    self.finish_import(Err(format!(
                        "the import worker stopped ({message}); the file may be too big for this tab's memory"
                    )));
                }
            }
            ImportEvent::Unavailable { id } => {
                let files = self
                    .pending
                    .with_value(|p| p.as_ref().filter(|p| p.id == id).map(|p| p.files.clone()));
                if let Some(files) = files {
                    let ui = *self;
                    leptos::task::spawn_local(async move {
                        let mut buffers = Vec::new();
                        for file in &files {
                            match read_bytes(file).await {
                                Ok(b) => buffers.push(b),
                                Err(message) => {
                                    ui.finish_import(Err(message));
                                    return;
                                }
                            }
                        }
                        ui.read_on_page(id, buffers, None);
                    });
                }
            }
        }
    }

    fn pending_id(&self) -> Option<u32> {
        self.pending.with_value(|p| p.as_ref().map(|p| p.id))
    }

    /// Reads the pending import's files on the page, where no worker can run.
    fn read_on_page(
        &self,
        id: u32,
        buffers: Vec<js_sys::ArrayBuffer>,
        mapping: Option<ColumnMapping>,
    ) {
        let Some(names) = self.pending.with_value(|p| {
            p.as_ref()
                .filter(|p| p.id == id)
                .map(|p| p.files.iter().map(|f| f.name()).collect::<Vec<_>>())
        }) else {
            return;
        };
        let options = self.import_options();
        let read = names
            .iter()
            .zip(buffers)
            .map(|(name, buffer)| {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                read_file(name, &text, &options, mapping.as_ref())
            })
            .collect();
        self.finish_import(Ok(read));
    }

    /// Opens what the pending import read, or says why it could not; clears the progress bar.
    fn finish_import(&self, files: Result<Vec<ReadFile>, String>) {
        let Some(pending) = self.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        self.import.set(None);
        match files {
            Ok(read) => self.open_read(read, pending.unreadable, pending.mode, &pending.files),
            Err(message) => {
                let names = pending
                    .files
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.messages.error.set(Some(format!(
                    "{names}: {message}. The open case is unchanged."
                )));
            }
        }
    }

    /// Stops the running import; the open case stays as it was.
    pub fn cancel_import(&self) {
        let Some(status) = self.import.get_untracked() else {
            return;
        };
        self.client.with_value(|c| {
            if let Some(c) = c {
                c.cancel();
            }
        });
        self.pending.set_value(None);
        self.import.set(None);
        self.messages.notices.set(vec![format!(
            "Reading {} was cancelled; the open case is unchanged",
            status.names
        )]);
    }

    /// Reads texts on the page (the bundled demo) and opens them.
    pub fn open_texts(&self, files: Vec<(String, String)>, mode: OpenMode) {
        let options = self.import_options();
        let read = files
            .iter()
            .map(|(name, text)| read_file(name, text, &options, None))
            .collect();
        self.open_read(read, Vec::new(), mode, &[]);
    }

    /// Opens an autosaved case: its data, with the investigation saved beside it (or the one
    /// the data holds, when there is none beside). Returns whether it opened.
    pub fn open_saved(
        &self,
        name: String,
        data: &str,
        investigation: Option<hopscope_core::model::investigation::Investigation>,
    ) -> bool {
        let mut read = read_file(&name, data, &self.import_options(), None);
        let readable = read.result.is_ok();
        if let (Ok(imported), Some(investigation)) = (&mut read.result, investigation) {
            imported.value.investigation = Some(investigation);
        }
        self.open_read(vec![read], Vec::new(), OpenMode::NewCase, &[]);
        readable
    }

    /// Opens read files as a new case or into the open one. Files that could not be read are
    /// reported and the first such error is shown; the open case is never lost. A table whose
    /// columns were not recognised opens the column dialog.
    fn open_read(
        &self,
        read: Vec<ReadFile>,
        unreadable: Vec<FileReport>,
        mode: OpenMode,
        files: &[web_sys::File],
    ) {
        let unsure = read
            .iter()
            .position(|r| !r.headers.is_empty())
            .map(|i| (read[i].headers.clone(), files.get(i).cloned()));
        let base = match mode {
            OpenMode::AddToCase => self.open_case(),
            OpenMode::NewCase => None,
        };
        let batch = combine(base, read.into_iter().map(ReadFile::into_parsed).collect());
        let opened_any = self.show_batch(batch, unreadable, mode == OpenMode::AddToCase);
        if let Some((headers, Some(file))) = unsure {
            self.mapping.set(Some(MappingRequest {
                headers,
                name: file.name(),
                into_open_case: mode == OpenMode::AddToCase || opened_any,
            }));
            self.mapping_file.set_value(Some(file));
        }
    }

    /// Gives the stage's layout to the layout worker, if there is one, where it needs it: a
    /// new stage from scratch (from its saved positions and pins when it was restored), a
    /// changed view (or a grown case) as a reshape of the running layout.
    pub(super) fn sync_layout(&self, stage: &mut Stage, fresh: bool) {
        let Some(client) = self
            .layout
            .with_value(|c| c.as_ref().filter(|c| c.is_usable()).cloned())
        else {
            return;
        };
        let keep = stage.take_reshape();
        let settings = stage.take_settings_change();
        if !fresh && keep.is_none() {
            if let Some(settings) = settings {
                client.command(Command::SetSettings { settings });
            }
            return;
        }
        let restored = stage.take_restored().filter(|_| fresh);
        self.layout_generation.update_value(|g| *g += 1);
        let generation = self.layout_generation.get_value();
        let start = restored.unwrap_or_default();
        let pins: Vec<Command> = (0..stage.scene.nodes.len())
            .filter(|&i| fresh && stage.is_pinned(i))
            .map(|i| Command::Pin {
                node: i as u32,
                x: stage.positions()[2 * i],
                y: stage.positions()[2 * i + 1],
            })
            .collect();
        // Commands queued by this change (pins) are for the reshaped layout: sent after it.
        let queued = if fresh {
            Vec::new()
        } else {
            stage.take_commands()
        };
        stage.go_remote(generation);
        let status = stage.layout_status();
        // Settings that followed the view's size, before the reshape so it runs under them (a
        // new layout infers its own the same way).
        if let (false, Some(settings)) = (fresh, settings) {
            client.command(Command::SetSettings { settings });
        }
        client.load(
            generation,
            &stage.layout_input(),
            Stage::layout_seed(),
            keep.as_deref().filter(|_| !fresh).unwrap_or_default(),
            &start,
            status.mode,
            status.paused,
        );
        for command in pins.into_iter().chain(queued) {
            client.command(command);
        }
    }

    /// Handles what the layout worker reports.
    fn on_layout_event(&self, event: LayoutEvent) {
        match event {
            LayoutEvent::Positions {
                generation,
                settled,
                positions,
            } => {
                let mut status = None;
                self.stage.update_value(|s| {
                    if let Some(stage) = s {
                        stage.remote_positions(generation, settled, positions);
                        status = Some(stage.layout_status());
                    }
                });
                if let Some(status) = status {
                    let before = self.layout_status.get_untracked();
                    if status != before {
                        self.layout_status.set(status);
                        // Keep where the nodes came to rest (a resting layout is no change
                        // of the investigator's, so not one a crash could lose).
                        if status.settled && !before.settled {
                            self.schedule_position_save();
                        }
                    }
                }
            }
            LayoutEvent::Stopped { message } => {
                // Said where it is seen at once (the banner), not folded into the report.
                self.messages.error.set(Some(format!(
                    "The layout worker stopped ({message}); the layout goes on in this page, and the open case is kept. Reload to start a new worker."
                )));
                self.on_layout_event(LayoutEvent::Unavailable);
            }
            LayoutEvent::Unavailable => {
                self.layout.set_value(None);
                self.stage.update_value(|s| {
                    if let Some(stage) = s {
                        stage.go_local();
                    }
                });
            }
        }
    }

    /// Makes the layout worker panic (hidden, for tests of how the page copes).
    pub fn crash_layout_worker(&self) {
        self.layout.with_value(|c| {
            if let Some(client) = c {
                client.crash();
            }
        });
    }

    /// Tells the layout to do something (from its controls).
    pub fn layout_command(&self, command: Command) {
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                stage.command(command);
            }
        });
        self.send_layout_commands();
    }

    /// Sends the commands the stage has queued for the worker, and refreshes the controls.
    pub fn send_layout_commands(&self) {
        let mut commands = Vec::new();
        let mut status = None;
        self.stage.update_value(|s| {
            if let Some(stage) = s {
                commands = stage.take_commands();
                status = Some(stage.layout_status());
            }
        });
        if !commands.is_empty() {
            self.layout.with_value(|c| {
                if let Some(client) = c {
                    for command in commands {
                        client.command(command);
                    }
                }
            });
        }
        if let Some(status) = status {
            if status != self.layout_status.get_untracked() {
                self.layout_status.set(status);
            }
        }
    }

    /// Reads the waiting table with the columns the user chose.
    pub fn apply_mapping(&self, mapping: ColumnMapping) {
        let (Some(request), Some(file)) =
            (self.mapping.get_untracked(), self.mapping_file.get_value())
        else {
            return;
        };
        let mode = if request.into_open_case {
            OpenMode::AddToCase
        } else {
            OpenMode::NewCase
        };
        self.close_mapping();
        self.import_files(vec![file], mode, Some(mapping));
    }

    pub fn close_mapping(&self) {
        self.mapping.set(None);
        self.mapping_file.set_value(None);
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
    fn show_batch(&self, batch: Batch, unreadable: Vec<FileReport>, grow: bool) -> bool {
        let mut reports = unreadable;
        reports.extend(batch.reports.iter().cloned());
        self.messages.error.set(first_error(&reports));
        let read_any = batch.reports.iter().any(|r| r.error.is_none());
        let format = batch.first_format().unwrap_or(Format::CaseV1);
        let opened = read_any && batch.case.is_some();
        if let (true, Some(case)) = (read_any, batch.case) {
            // The canvas size, so the new stage's camera fits right from the layout's first
            // answer (before a frame has told it the size).
            let canvas_size = self.stage.with_value(|s| s.as_ref().map(|s| s.camera.size));
            let previous = if grow {
                self.stage.try_update_value(Option::take).flatten()
            } else {
                None
            };
            let hidden_before = previous.as_ref().map(|p| p.case.graph.n_nodes());
            let (mut stage, grew) = match previous {
                Some(previous) => (Stage::grown(previous, case, format), true),
                None => (Stage::new(case, format), false),
            };
            if let Some(size) = canvas_size {
                stage.camera.size = size;
            }
            self.sync_layout(&mut stage, !grew);
            self.title.set(stage.case.title.clone());
            self.case_notes.set(stage.case.notes.clone());
            self.stats.set(stage.status_line());
            let notices = (!stage.layout_runs()).then(|| {
                format!(
                    "{} addresses is more than the {} laid out on the page when the layout worker cannot run; they keep their starting positions",
                    stage.scene.nodes.len(),
                    LAYOUT_NODE_LIMIT
                )
            });
            let mut notices: Vec<String> = notices.into_iter().collect();
            notices.append(&mut stage.restore_warnings);
            if let Some(before) = hidden_before {
                let new = stage.case.graph.n_nodes().saturating_sub(before);
                let waiting = stage.case.graph.n_nodes() - stage.view.n_visible();
                if new > 0 && waiting > 0 {
                    notices.push(format!(
                        "{new} new addresses were added; {waiting} addresses of the case are not shown yet: expand a node to reach them"
                    ));
                }
            }
            self.messages.notices.set(notices);
            self.layout_status.set(stage.layout_status());
            let tag = stage.tag();
            self.stage.set_value(Some(stage));
            // A case opened (picked, dropped, pasted, recent): the start screen gives way.
            self.tour.start_open.set(false);
            self.inspected.set(None);
            self.is_demo.set(false);
            self.hub_prompt.set(None);
            self.context_menu.set(None);
            self.sync();
            if !grow {
                self.new_case_key();
                self.bundled.set(None);
                self.tour.story_at.set(None);
                self.tour.playing.set(false);
                self.tour.play_target.set_value(None);
                self.messages.status.set(String::new());
                self.opened.set(tag);
            }
            self.schedule_autosave();
        }
        self.messages.report.set(reports);
        opened
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
