//! Opening files: picked, dropped or pasted files (or texts, or a saved case) read in the
//! import worker — or on the page where no worker can run — then opened as a new case or
//! merged into the open one, with a report per file; a table whose columns are not recognised
//! waits for the user's mapping. An error never loses the open case.

use hopscope_core::format::batch::{combine, first_error, read_file, Batch, FileReport};
use hopscope_core::format::edge_list::ColumnMapping;
use hopscope_core::format::wire::{self, ReadFile};
use hopscope_core::Format;
use leptos::prelude::*;

use super::imports::{ImportStatus, MappingRequest, OpenMode, PendingImport};
use super::ui::Ui;

use crate::import::client::ImportEvent;
use crate::import::protocol::Request;
use crate::platform::files::{read_bytes, JsFrames};
use crate::platform::saved::Stored;
use crate::stage::{Stage, LAYOUT_NODE_LIMIT};

impl Ui {
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
        if let Some(running) = self.files.status.get_untracked() {
            self.messages.error.set(Some(format!(
                "Still reading {}: wait for it or cancel it, then open the new files",
                running.names
            )));
            return;
        }
        self.files.next_id.update_value(|n| *n += 1);
        let id = self.files.next_id.get_value();
        let names = files
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ");
        self.files.status.set(Some(ImportStatus {
            names,
            done: 0.0,
            total: files.iter().map(|f| f.size()).sum(),
        }));
        let request = Request {
            id,
            names: files.iter().map(|f| f.name()).collect(),
            chain: self.files.chain.get_untracked(),
            mapping: mapping.clone(),
        };
        self.files.pending.set_value(Some(PendingImport {
            id,
            mode,
            files: files.clone(),
            unreadable: Vec::new(),
            mapping: mapping.clone(),
        }));
        let sent = self
            .files
            .client
            .with_value(|c| c.as_ref().is_some_and(|c| c.send(&request, &files)));
        if !sent {
            self.read_whole_on_page(id, files, mapping);
        }
    }

    /// Reads the pending import's files whole on the page (where no worker can run), each
    /// refused if it is too big to read whole.
    fn read_whole_on_page(
        self,
        id: u32,
        files: Vec<web_sys::File>,
        mapping: Option<ColumnMapping>,
    ) {
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
            let still_pending = self.files.pending.try_update_value(|p| match p {
                Some(p) if p.id == id => {
                    p.files = readable;
                    p.unreadable = unreadable;
                    true
                }
                _ => false,
            });
            if still_pending == Some(true) {
                self.read_on_page(id, buffers, mapping);
            }
        });
    }

    /// Handles what the import worker reports.
    pub(super) fn on_import_event(&self, event: ImportEvent) {
        match event {
            ImportEvent::Progress { id, done } => {
                if self.files.pending_id() == Some(id) {
                    self.files.status.update(|i| {
                        if let Some(i) = i {
                            i.done = done;
                        }
                    });
                }
            }
            ImportEvent::Done { id, files } => {
                if self.files.pending_id() == Some(id) {
                    self.finish_import(files);
                }
            }
            ImportEvent::Failed { id, message } => {
                if self.files.pending_id() == Some(id) {
                    self.finish_import(Err(format!(
                        "the import worker stopped ({message}); the file may be too big for this tab's memory"
                    )));
                }
            }
            ImportEvent::Unavailable { id } => {
                let pending = self.files.pending.with_value(|p| {
                    p.as_ref()
                        .filter(|p| p.id == id)
                        .map(|p| (p.files.clone(), p.mapping.clone()))
                });
                if let Some((files, mapping)) = pending {
                    self.read_whole_on_page(id, files, mapping);
                }
            }
        }
    }

    /// Reads the pending import's files on the page, where no worker can run.
    pub(super) fn read_on_page(
        &self,
        id: u32,
        buffers: Vec<js_sys::ArrayBuffer>,
        mapping: Option<ColumnMapping>,
    ) {
        let Some(names) = self.files.pending.with_value(|p| {
            p.as_ref()
                .filter(|p| p.id == id)
                .map(|p| p.files.iter().map(|f| f.name()).collect::<Vec<_>>())
        }) else {
            return;
        };
        let options = self.files.options();
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
    pub(super) fn finish_import(&self, files: Result<Vec<ReadFile>, String>) {
        let Some(pending) = self.files.pending.try_update_value(Option::take).flatten() else {
            return;
        };
        self.files.status.set(None);
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
        let Some(status) = self.files.status.get_untracked() else {
            return;
        };
        self.files.client.with_value(|c| {
            if let Some(c) = c {
                c.cancel();
            }
        });
        self.files.pending.set_value(None);
        self.files.status.set(None);
        self.messages.notices.set(vec![format!(
            "Reading {} was cancelled; the open case is unchanged",
            status.names
        )]);
    }

    /// Reads texts on the page (the bundled demo) and opens them.
    pub fn open_texts(&self, files: Vec<(String, String)>, mode: OpenMode) {
        let options = self.files.options();
        let read = files
            .iter()
            .map(|(name, text)| read_file(name, text, &options, None))
            .collect();
        self.open_read(read, Vec::new(), mode, &[]);
    }

    /// Opens an autosaved case: its data (the wire form, or a case file's text as earlier
    /// versions stored it), with the investigation saved beside it (or the one the data
    /// holds, when there is none beside). Returns whether it opened.
    pub fn open_saved(
        &self,
        name: String,
        data: Stored,
        investigation: Option<hopscope_core::model::investigation::Investigation>,
    ) -> bool {
        let mut read = match data {
            Stored::Bytes(bytes) if wire::is_wire(&JsFrames(bytes.clone())) => {
                match wire::read_case_from(&JsFrames(bytes), &name) {
                    Ok(file) => file,
                    Err(e) => {
                        self.messages.error.set(Some(format!(
                            "The stored case \"{name}\" could not be read back: {e}"
                        )));
                        return false;
                    }
                }
            }
            data => read_file(&name, &data.into_text(), &self.files.options(), None),
        };
        let readable = read.result.is_ok();
        if let (Ok(imported), Some(investigation)) = (&mut read.result, investigation) {
            imported.value.investigation = Some(investigation);
        }
        self.open_read(vec![read], Vec::new(), OpenMode::NewCase, &[]);
        readable
    }

    /// Opens read files as a new case or into the open one. Files that could not be read are
    /// reported and the first such error is shown; the open case is never lost. A table whose
    /// columns were not recognised opens the column dialog, unless the user chose its columns
    /// before (`Imports::remembered`).
    pub(super) fn open_read(
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
            OpenMode::AddToCase => self.case.read(|s| s.case.clone()),
            OpenMode::NewCase => None,
        };
        let batch = combine(base, read.into_iter().map(ReadFile::into_parsed).collect());
        let opened_any = self.show_batch(batch, unreadable, mode == OpenMode::AddToCase);
        if let Some((headers, Some(file))) = unsure {
            let into_open_case = mode == OpenMode::AddToCase || opened_any;
            // A header the user mapped before is read the same way again, and said so.
            if let Some(mapping) = self.files.remembered(&headers) {
                self.messages.status.set(format!(
                    "{}: read with the columns you chose before for this header",
                    file.name()
                ));
                let mode = if into_open_case {
                    OpenMode::AddToCase
                } else {
                    OpenMode::NewCase
                };
                self.import_files(vec![file], mode, Some(mapping));
                return;
            }
            self.files.mapping.set(Some(MappingRequest {
                headers,
                name: file.name(),
                into_open_case,
            }));
            self.files.mapping_file.set_value(Some(file));
        }
    }

    /// Reads the waiting table with the columns the user chose.
    pub fn apply_mapping(&self, mapping: ColumnMapping) {
        let (Some(request), Some(file)) = (
            self.files.mapping.get_untracked(),
            self.files.mapping_file.get_value(),
        ) else {
            return;
        };
        let mode = if request.into_open_case {
            OpenMode::AddToCase
        } else {
            OpenMode::NewCase
        };
        if !self.read_only() {
            self.files.remember(&request.headers, mapping.clone());
        }
        self.files.close_mapping();
        self.import_files(vec![file], mode, Some(mapping));
    }

    /// Shows what a batch did and opens its case when any file was read; returns whether it
    /// did.
    pub(super) fn show_batch(&self, batch: Batch, unreadable: Vec<FileReport>, grow: bool) -> bool {
        let mut reports = unreadable;
        reports.extend(batch.reports.iter().cloned());
        self.messages.error.set(first_error(&reports));
        let read_any = batch.reports.iter().any(|r| r.error.is_none());
        let format = batch.first_format().unwrap_or(Format::CaseV1);
        let opened = read_any && batch.case.is_some();
        if let (true, Some(case)) = (read_any, batch.case) {
            // The canvas size, so the new stage's camera fits right from the layout's first
            // answer (before a frame has told it the size).
            let canvas_size = self.case.read(|s| s.camera.size);
            let previous = if grow { self.case.take() } else { None };
            let hidden_before = previous.as_ref().map(|p| p.case.graph.n_nodes());
            let (mut stage, grew) = match previous {
                Some(previous) => (Stage::grown(previous, case, format), true),
                None => (Stage::new(case, format), false),
            };
            if let Some(size) = canvas_size {
                stage.camera.size = size;
            }
            self.layout.hand_over(&mut stage, !grew);
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
            self.case.open(stage, !grow);
            self.layout.send_commands();
            // A case opened (picked, dropped, pasted, recent): the start screen gives way.
            self.tour.start_open.set(false);
            self.prompts.close();
            if !grow {
                self.saves.new_case_key();
                self.tour.story_at.set(None);
                self.tour.playing.set(false);
                self.tour.play_target.set_value(None);
                self.messages.status.set(String::new());
            }
            self.saves.schedule_autosave();
        }
        self.messages.report.set(reports);
        opened
    }

    /// Dropped or pasted files replace the untouched demo and join any other case.
    pub fn drop_mode(&self) -> OpenMode {
        if self.case.is_demo.get_untracked() {
            OpenMode::NewCase
        } else {
            OpenMode::AddToCase
        }
    }

    /// Reopens the case this page had open before a reload, if storage has it.
    pub async fn reopen_autosaved(&self) -> bool {
        match self.saves.current_key().await {
            Some(key) => self.open_recent(&key).await,
            None => false,
        }
    }

    /// Opens a case from the recent list with its investigation.
    pub async fn open_recent(&self, key: &str) -> bool {
        let Some((name, data, investigation)) = self.saves.stored(key).await else {
            return false;
        };
        if !self.open_saved(name, data, investigation) {
            // The error banner says why; the case that was open stays, with its own key.
            return false;
        }
        self.messages.report.set(Vec::new());
        self.saves.adopt(key);
        self.case.set_demo(false);
        true
    }
}
