//! The store for opening files: the import worker, the import running (for the progress bar),
//! and a table waiting for the user to say which column is which. What opening does with
//! them (read, open, merge, report) is `opening.rs`.

use hopscope_core::format::batch::FileReport;
use hopscope_core::format::edge_list::ColumnMapping;
use hopscope_core::format::mapping_memory::MappingMemory;
use hopscope_core::ImportOptions;
use leptos::prelude::*;

use crate::import::client::ImportClient;

/// Whether files start a new case or join the open one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    NewCase,
    AddToCase,
}

/// Where the column mappings the user chose are remembered.
const MAPPINGS_KEY: &str = "hopscope:column-mappings";

fn memory() -> MappingMemory {
    crate::platform::storage::get(MAPPINGS_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
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
    pub id: u32,
    pub mode: OpenMode,
    /// The files, in the order of the request (to ask for a column mapping on one of them).
    pub files: Vec<web_sys::File>,
    /// Files refused before reading (too big to read whole on the page, unreadable).
    pub unreadable: Vec<FileReport>,
    /// The columns the user named, for a single table.
    pub mapping: Option<ColumnMapping>,
}

/// How far an import has got, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportStatus {
    pub names: String,
    pub done: f64,
    pub total: f64,
}

/// Opening files: the import worker, the import running, the table waiting for its columns.
#[derive(Clone, Copy)]
pub struct Imports {
    /// The chain of files that do not name theirs (`None`: let each file's contents decide);
    /// set by the toolbar's chain choice.
    pub chain: RwSignal<Option<String>>,
    /// A file is being dragged over the page.
    pub dragging: RwSignal<bool>,
    /// A table waiting for the user to say which column is which, and its file.
    pub mapping: RwSignal<Option<MappingRequest>>,
    pub(super) mapping_file: StoredValue<Option<web_sys::File>, LocalStorage>,
    /// The import being read, for the progress bar (`None` when none is running).
    pub status: RwSignal<Option<ImportStatus>>,
    pub(super) pending: StoredValue<Option<PendingImport>, LocalStorage>,
    pub(super) next_id: StoredValue<u32>,
    pub(super) client: StoredValue<Option<ImportClient>, LocalStorage>,
}

impl Imports {
    /// No import running, no worker yet (`connect`).
    pub fn new() -> Imports {
        Imports {
            chain: RwSignal::new(None),
            dragging: RwSignal::new(false),
            mapping: RwSignal::new(None),
            mapping_file: StoredValue::new_local(None),
            status: RwSignal::new(None),
            pending: StoredValue::new_local(None),
            next_id: StoredValue::new(0),
            client: StoredValue::new_local(None),
        }
    }

    /// The import worker that reads files from now on.
    pub fn connect(&self, client: ImportClient) {
        self.client.set_value(Some(client));
    }

    pub(super) fn pending_id(&self) -> Option<u32> {
        self.pending.with_value(|p| p.as_ref().map(|p| p.id))
    }

    /// Closes the column dialog.
    pub fn close_mapping(&self) {
        self.mapping.set(None);
        self.mapping_file.set_value(None);
    }

    /// The column mapping the user chose before for a table with these headers.
    pub fn remembered(&self, headers: &[String]) -> Option<ColumnMapping> {
        memory().recall(headers).cloned()
    }

    /// Remembers the user's column mapping for the next table with these headers (in browser
    /// storage; the read-only embed never writes there).
    pub fn remember(&self, headers: &[String], mapping: ColumnMapping) {
        let mut m = memory();
        m.remember(headers, mapping);
        if let Ok(text) = serde_json::to_string(&m) {
            // A full storage only means the next file asks again.
            let _ = crate::platform::storage::set(MAPPINGS_KEY, &text);
        }
    }

    /// What the user chose for files that do not say it themselves.
    pub(super) fn options(&self) -> ImportOptions {
        ImportOptions {
            chain: self.chain.get_untracked(),
            ..ImportOptions::default()
        }
    }
}
