//! Keeping the investigation: autosave to the browser's database (IndexedDB, no 5 MB ceiling)
//! shortly after every change (so a reload or a crash loses nothing, and the page reopens the
//! case it had), a list of recent cases to reopen, and saving or opening a case file. The
//! case's data is stored once per change of the case, the investigation (view, positions,
//! notes: small) after every change; each save is one transaction, so a save that fails half
//! way leaves the last saved state whole. When the page goes, the investigation is also
//! written at once to `localStorage` (a database save may not finish in time) and moved into
//! the database on the next start. Saves made by earlier versions in `localStorage`
//! are moved over on first start. A full disk is reported with what to do, never passed over
//! in silence.

use hopscope_core::format::{wire, write_case_v1};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::banner::Messages;
use super::open_case::{CaseStore, Follower};
use std::io::Write;

use crate::platform::saved::{self, BlobWriter, Change, Store, Stored};
use crate::platform::storage::{self, StoreError};
use crate::platform::tick::{now_ms, page_hidden, yield_now};
use crate::stage::CaseTag;

/// Keys in the database's small-records store.
const RECENT_KEY: &str = "recent";
const CURRENT_KEY: &str = "current";
/// Keys of the saves earlier versions kept in `localStorage`, moved over on first start.
const LOCAL_RECENT: &str = "hopscope:recent";
const LOCAL_CURRENT: &str = "hopscope:current";
const LOCAL_CASE: &str = "hopscope:case:";
const LOCAL_VIEW: &str = "hopscope:view:";
/// The investigation written at once when the page goes (`Saves::journal_now`).
const LOCAL_JOURNAL: &str = "hopscope:journal";
/// Recent cases kept in storage; older ones are dropped (and the user told which).
pub const RECENT_LIMIT: usize = 30;
/// How long after a change the autosave waits for more changes.
const AUTOSAVE_DELAY_MS: u64 = 300;

/// Views of up to this many addresses, and changed cases of up to this many transfers, are
/// saved right after each action (a few ms); bigger ones shortly after changes stop coming.
const SAVE_AT_ONCE_LIMIT: usize = 20_000;

/// Autosave's state and the recent cases: one small store, provided on its own so the case
/// menu reads it without the rest of the app's state. Written only by the autosave below.
#[derive(Clone, Copy)]
pub struct Saves {
    case: CaseStore,
    messages: Messages,
    /// The open case's key in browser storage.
    pub case_key: StoredValue<Option<String>>,
    pub autosave_due: StoredValue<u64>,
    /// The case revision whose data is in storage (the view is saved on every change, the
    /// data only when the case itself changed).
    pub data_saved: StoredValue<Option<(String, u64)>>,
    /// A save is being written; another asked for meanwhile waits for it.
    writing: StoredValue<bool>,
    again: StoredValue<bool>,
    /// When the last autosave succeeded (ms since 1970).
    pub saved_at: RwSignal<Option<f64>>,
    /// Why the last autosave failed, shown until one succeeds.
    pub storage_error: RwSignal<Option<String>>,
    pub recent: RwSignal<Vec<Recent>>,
    /// The browser's estimate of the bytes this site uses and may use.
    pub estimate: RwSignal<Option<(f64, f64)>>,
    /// Whether the browser said it will keep the site's data when the disk runs short.
    pub persisted: RwSignal<bool>,
}

impl Saves {
    /// Nothing saved yet; every change made through `CaseStore::act` is saved after it.
    pub fn new(case: CaseStore, messages: Messages) -> Saves {
        let saves = Saves {
            case,
            messages,
            case_key: StoredValue::new(None),
            autosave_due: StoredValue::new(0),
            data_saved: StoredValue::new(None),
            writing: StoredValue::new(false),
            again: StoredValue::new(false),
            saved_at: RwSignal::new(None),
            storage_error: RwSignal::new(None),
            recent: RwSignal::new(Vec::new()),
            estimate: RwSignal::new(None),
            persisted: RwSignal::new(false),
        };
        case.follow(Follower {
            during: Box::new(|_| {}),
            after: Box::new(move || saves.after_act()),
        });
        saves
    }

    /// At start: moves saves of earlier versions over from `localStorage`, reads the recent
    /// list, asks the browser to keep the site's data, and reads its estimate.
    /// The browser's answer to keeping the site's data (a prompt in some browsers) is not
    /// waited for: it comes when it comes.
    pub async fn start(&self) {
        // Saves wait while the recent list is moved over.
        self.writing.set_value(true);
        match move_local_saves().await {
            Ok(dropped) if !dropped.is_empty() => {
                self.messages.status.set(dropped_message(&dropped));
            }
            Ok(_) => {}
            Err(e) => self.storage_error.set(Some(format!(
                "Cases autosaved by an earlier version could not be moved to the browser's database: {}. They stay where they were.",
                why(&e)
            ))),
        }
        take_journal().await;
        self.recent.set(recent_cases().await);
        self.writing.set_value(false);
        if self.again.get_value() {
            self.again.set_value(false);
            self.autosave_now();
        }
        let saves = *self;
        leptos::task::spawn_local(async move {
            saves.persisted.set(saved::ask_to_persist().await);
            saves.estimate.set(saved::estimate().await);
        });
    }

    /// After an investigator's change: saved at once while the view is small enough to save
    /// quickly, so a crash or a closed tab loses nothing; a big view waits for changes to
    /// stop coming.
    fn after_act(&self) {
        // A big case's data (written out whole when the case changed) waits too, so the
        // first frame of a newly opened case comes before it.
        let data_current = self.data_saved.get_value().is_some_and(|(key, revision)| {
            Some(key) == self.case_key.get_value() && revision == self.case.revision.get_untracked()
        });
        let small = self
            .case
            .read(|s| {
                s.view.n_visible() <= SAVE_AT_ONCE_LIMIT
                    && (data_current || s.case.graph.n_transfers() <= SAVE_AT_ONCE_LIMIT)
            })
            .unwrap_or(false);
        if small {
            // Marked first: if the save fails (storage full), a crash message must not claim
            // the change was saved.
            if !self.case.read_only {
                crate::platform::crash::changed();
            }
            self.autosave_now();
        } else {
            self.schedule_autosave();
        }
    }
}

/// A case in the recent list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    pub key: String,
    pub title: String,
    /// When it was last saved (ms since 1970).
    pub saved: f64,
    pub n_addresses: usize,
    pub n_shown: usize,
    /// What its data and investigation take in storage, in bytes (0: saved by an earlier
    /// version, not known).
    #[serde(default)]
    pub bytes: f64,
}

/// `bytes` as the menus write it: `812 kB`, `12.4 MB`, `1.20 GB`.
pub fn size_text(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.2} GB", bytes / 1e9)
    } else if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else {
        format!("{:.0} kB", (bytes / 1e3).max(1.0))
    }
}

/// How a recent case is named in the menus, so that cases of one title can be told apart:
/// title, when it was saved (UTC, to the minute), its size and what it takes in storage,
/// e.g. `HTX demo · 2026-12-07 14:02 UTC · 120 addresses (12 shown) · 1.2 MB`.
pub fn recent_label(r: &Recent) -> String {
    let when = hopscope_core::figures::format_utc((r.saved / 1000.0).floor() as i64);
    // To the minute: drop the seconds ("2026-12-07 14:02:09 UTC" → "2026-12-07 14:02 UTC").
    let when = match (when.get(..16), when.get(19..)) {
        (Some(head), Some(tail)) => format!("{head}{tail}"),
        _ => when,
    };
    let plural = if r.n_addresses == 1 { "" } else { "es" };
    let size = if r.bytes > 0.0 {
        format!(" · {}", size_text(r.bytes))
    } else {
        String::new()
    };
    format!(
        "{} · {when} · {} address{plural} ({} shown){size}",
        r.title, r.n_addresses, r.n_shown
    )
}

/// The recent cases, newest first.
pub async fn recent_cases() -> Vec<Recent> {
    saved::read(Store::Meta, RECENT_KEY)
        .await
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The recent list with `entry` first, at most `RECENT_LIMIT` long; the entries that no
/// longer fit are returned to be forgotten.
fn with_entry(mut recent: Vec<Recent>, entry: Recent) -> (Vec<Recent>, Vec<Recent>) {
    recent.retain(|r| r.key != entry.key);
    recent.insert(0, entry);
    let dropped = recent.split_off(RECENT_LIMIT.min(recent.len()));
    (recent, dropped)
}

/// The changes that forget a case.
fn forget(key: &str) -> [Change; 2] {
    [
        Change::Delete(Store::Cases, key.to_owned()),
        Change::Delete(Store::Views, key.to_owned()),
    ]
}

fn why(e: &StoreError) -> String {
    match e {
        StoreError::Full => "the disk is full".to_owned(),
        StoreError::Unavailable(why) => why.clone(),
    }
}

/// Moves the cases earlier versions autosaved in `localStorage` into the database, in one
/// transaction, then removes them from `localStorage`; nothing is removed unless all moved.
/// The cases dropped past the limit on the way are returned, to be named.
async fn move_local_saves() -> Result<Vec<Recent>, StoreError> {
    let Some(list) = storage::get(LOCAL_RECENT) else {
        return Ok(Vec::new());
    };
    let old: Vec<Recent> = serde_json::from_str(&list).unwrap_or_default();
    let mut changes = Vec::new();
    let mut moved = Vec::new();
    for mut r in old {
        let Some(data) = storage::get(&format!("{LOCAL_CASE}{}", r.key)) else {
            continue;
        };
        let view = storage::get(&format!("{LOCAL_VIEW}{}", r.key));
        r.bytes = (data.len() + view.as_ref().map_or(0, String::len)) as f64;
        let mut blob = BlobWriter::new();
        let _ = blob.write_all(data.as_bytes());
        changes.push(Change::Blob(Store::Cases, r.key.clone(), blob.finish()?.0));
        if let Some(view) = view {
            changes.push(Change::Text(Store::Views, r.key.clone(), view));
        }
        moved.push(r);
    }
    let mut recent = recent_cases().await;
    recent.retain(|r| !moved.iter().any(|m| m.key == r.key));
    recent.extend(moved.iter().cloned());
    recent.sort_by(|a, b| b.saved.total_cmp(&a.saved));
    let dropped = recent.split_off(RECENT_LIMIT.min(recent.len()));
    for d in &dropped {
        changes.extend(forget(&d.key));
    }
    changes.push(Change::Text(
        Store::Meta,
        RECENT_KEY.to_owned(),
        serde_json::to_string(&recent).unwrap_or_default(),
    ));
    if let Some(current) = storage::get(LOCAL_CURRENT) {
        changes.push(Change::Text(Store::Meta, CURRENT_KEY.to_owned(), current));
    }
    saved::write(changes).await?;
    for r in &moved {
        storage::remove(&format!("{LOCAL_CASE}{}", r.key));
        storage::remove(&format!("{LOCAL_VIEW}{}", r.key));
    }
    storage::remove(LOCAL_RECENT);
    storage::remove(LOCAL_CURRENT);
    Ok(dropped)
}

/// The investigation of a stored case as it was when the page went.
#[derive(Serialize, Deserialize)]
struct Journal {
    key: String,
    saved: f64,
    view: String,
}

/// Moves the investigation written when the page last went into the database, when it is
/// newer than what the database holds for that case, and forgets it.
async fn take_journal() {
    let Some(text) = storage::get(LOCAL_JOURNAL) else {
        return;
    };
    if let Ok(journal) = serde_json::from_str::<Journal>(&text) {
        let mut recent = recent_cases().await;
        if let Some(entry) = recent
            .iter_mut()
            .find(|r| r.key == journal.key && journal.saved >= r.saved)
        {
            entry.saved = journal.saved;
            let list = serde_json::to_string(&recent).unwrap_or_default();
            let _ = saved::write(vec![
                Change::Text(Store::Views, journal.key, journal.view),
                Change::Text(Store::Meta, RECENT_KEY.to_owned(), list),
            ])
            .await;
        }
    }
    storage::remove(LOCAL_JOURNAL);
}

fn new_key() -> String {
    format!(
        "{:x}{:04x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 65536.0) as u32
    )
}

/// Items of the case written out per step of a save, and how long the steps of one slice
/// may take before the page gets to draw.
const SAVE_ITEMS: usize = 4096;
const SAVE_SLICE_MS: f64 = 30.0;

/// What one autosave writes.
struct Pending {
    key: String,
    revision: u64,
    /// The case's data, when it changed since it was stored: a blob of the case in the wire
    /// form, and its size (written a slice at a time by `data_in_slices`).
    data: Option<Result<(web_sys::Blob, usize), StoreError>>,
    view: String,
    title: String,
    n_addresses: usize,
    n_shown: usize,
}

impl Saves {
    /// Gives the open case a new storage key (a newly opened case is a new entry).
    pub fn new_case_key(&self) {
        self.case_key.set_value(Some(new_key()));
    }

    /// Saves the case shortly, once changes stop coming.
    pub fn schedule_autosave(&self) {
        if !self.case.is_demo.get_untracked() && !self.case.read_only {
            crate::platform::crash::changed();
        }
        self.schedule_position_save();
    }

    /// Saves where the layout came to rest, shortly (as `schedule_autosave`, but a resting
    /// layout is not a change the investigator made).
    pub fn schedule_position_save(&self) {
        self.autosave_due.update_value(|n| *n += 1);
        let due = self.autosave_due.get_value();
        let ui = *self;
        // The wait starts after the next frame, so a newly opened big case is drawn before
        // its data is written out.
        let wait = move || {
            set_timeout(
                move || {
                    if ui.autosave_due.get_value() == due {
                        ui.autosave_now();
                    }
                },
                std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
            )
        };
        // A hidden tab draws no frames: there the wait starts at once.
        let hidden = page_hidden();
        if hidden {
            wait();
        } else {
            request_animation_frame(wait);
        }
    }

    /// Writes the open case's investigation to storage (and its data, when the case changed
    /// since it was last stored) and updates the recent list. The untouched demo is not saved
    /// (it is always there). While a save is being written, the next one waits for it.
    pub fn autosave_now(&self) {
        if self.case.is_demo.get_untracked() || self.case.read_only {
            return;
        }
        if self.writing.get_value() {
            self.again.set_value(true);
            return;
        }
        let key = match self.case_key.get_value() {
            Some(k) => k,
            None => {
                self.new_case_key();
                self.case_key.get_value().unwrap_or_default()
            }
        };
        let revision = self.case.revision.get_untracked();
        let data_due = self.data_saved.get_value() != Some((key.clone(), revision));
        let Some((tag, pending)) = self.case.read(|s| {
            (
                s.tag(),
                Pending {
                    key,
                    revision,
                    data: None,
                    view: serde_json::to_string(&s.investigation()).unwrap_or_default(),
                    title: s.case.title.clone(),
                    n_addresses: s.case.graph.n_nodes(),
                    n_shown: s.view.n_visible(),
                },
            )
        }) else {
            return;
        };
        self.writing.set_value(true);
        let saves = *self;
        leptos::task::spawn_local(async move {
            let mut pending = pending;
            if data_due {
                // The investigation's JSON was this task's work; in a shown page the case's data
                // starts in the next, so the two never make one long task (a hidden page, or
                // one being left, writes at once: its timers may wait a second or never come).
                let hidden = page_hidden();
                if !hidden {
                    yield_now().await;
                }
                pending.data = saves.data_in_slices(tag, revision).await;
            }
            if !data_due || pending.data.is_some() {
                saves.write(pending).await;
            } else {
                // The case changed while its data was written out: saved again at once.
                saves.again.set_value(true);
            }
            saves.writing.set_value(false);
            if saves.again.get_value() {
                saves.again.set_value(false);
                saves.autosave_now();
            }
        });
    }

    /// The open case's data in the wire form, written into a blob a slice of about
    /// `SAVE_SLICE_MS` at a time with the page drawing between (all at once in a hidden tab,
    /// whose timers the browser slows); `None` when the case changed or another was opened
    /// meanwhile.
    async fn data_in_slices(
        &self,
        tag: CaseTag,
        revision: u64,
    ) -> Option<Result<(web_sys::Blob, usize), StoreError>> {
        let mut save = self
            .case
            .read(|s| wire::CaseSave::new(&s.case, &s.case.title))?;
        let mut blob = BlobWriter::new();
        loop {
            let started = now_ms();
            let hidden = page_hidden();
            loop {
                let same = self.case.revision.get_untracked() == revision
                    && self.case.read(|s| s.tag() == tag) == Some(true);
                if !same {
                    return None;
                }
                match self
                    .case
                    .read(|s| save.step(&s.case, &mut blob, SAVE_ITEMS))?
                {
                    Err(e) => {
                        return Some(Err(StoreError::Unavailable(format!(
                            "the case could not be written out ({e})"
                        ))))
                    }
                    Ok(true) => return Some(blob.finish()),
                    Ok(false) => {}
                }
                if !hidden && now_ms() - started > SAVE_SLICE_MS {
                    break;
                }
            }
            yield_now().await;
        }
    }

    /// Writes one save in one transaction, dropping the oldest recent cases while the disk
    /// is full; says what happened.
    async fn write(&self, pending: Pending) {
        let Pending {
            key,
            revision,
            data,
            view,
            title,
            n_addresses,
            n_shown,
        } = pending;
        let data = match data.transpose() {
            Ok(data) => data,
            Err(e) => {
                self.storage_error.set(Some(format!(
                    "Autosave failed: {}. Your work is still open here, and the last save is kept; use \"Save case\" to keep it as a file.",
                    why(&e)
                )));
                return;
            }
        };
        let mut stored_bytes = view.len() as f64;
        let mut recent = recent_cases().await;
        if let Some((_, size)) = &data {
            stored_bytes += *size as f64;
        } else if let Some(r) = recent.iter().find(|r| r.key == key) {
            // The data stored before is still there: count it.
            stored_bytes = stored_bytes.max(r.bytes);
        }
        let entry = Recent {
            key: key.clone(),
            title: if title.trim().is_empty() {
                "Untitled case".to_owned()
            } else {
                title
            },
            saved: js_sys::Date::now(),
            n_addresses,
            n_shown,
            bytes: stored_bytes,
        };
        // Recent cases removed to make room or past the limit: the user is told which.
        let mut dropped: Vec<Recent> = Vec::new();
        let result = loop {
            let (list, over) = with_entry(recent.clone(), entry.clone());
            let mut changes = Vec::new();
            for old in dropped.iter().chain(&over) {
                changes.extend(forget(&old.key));
            }
            if let Some((blob, _)) = &data {
                changes.push(Change::Blob(Store::Cases, key.clone(), blob.clone()));
            }
            changes.push(Change::Text(Store::Views, key.clone(), view.clone()));
            changes.push(Change::Text(
                Store::Meta,
                RECENT_KEY.to_owned(),
                serde_json::to_string(&list).unwrap_or_default(),
            ));
            // The case a reload reopens is the open one, which may no longer be this.
            if self.case_key.get_value().as_deref() == Some(key.as_str()) {
                changes.push(Change::Text(
                    Store::Meta,
                    CURRENT_KEY.to_owned(),
                    key.clone(),
                ));
            }
            match saved::write(changes).await {
                // The disk is full: drop the oldest other case and try again.
                Err(StoreError::Full) if recent.iter().any(|r| r.key != key) => {
                    if let Some(i) = recent.iter().rposition(|r| r.key != key) {
                        dropped.push(recent.remove(i));
                    }
                }
                Ok(()) => {
                    dropped.extend(over);
                    break Ok(());
                }
                Err(e) => {
                    // Nothing of a failed save was written: no case was removed either.
                    dropped.clear();
                    break Err(e);
                }
            }
        };
        match result {
            Ok(()) => {
                // Another case may have been opened meanwhile; its data is not this.
                if data.is_some() && self.case_key.get_value().as_deref() == Some(key.as_str()) {
                    self.data_saved.set_value(Some((key, revision)));
                }
                self.saved_at.set(Some(js_sys::Date::now()));
                // A change made while this save was written is not in it.
                if !self.again.get_value() {
                    crate::platform::crash::saved(js_sys::Date::now());
                }
                self.storage_error.set(None);
            }
            Err(e) => {
                let size = size_text(stored_bytes);
                let estimate = saved::estimate().await;
                let what = match (&e, estimate) {
                    (StoreError::Full, Some((usage, quota))) => format!(
                        "the disk is full (the case takes {size}; this browser lets the site use {} and {} of it are used). Free disk space, or reopen an old case from Recent and save it as a file before clearing the site's data",
                        size_text(quota),
                        size_text(usage)
                    ),
                    (StoreError::Full, None) => format!(
                        "the disk is full (the case takes {size}). Free disk space"
                    ),
                    (StoreError::Unavailable(why), _) => why.clone(),
                };
                self.storage_error.set(Some(format!(
                    "Autosave failed: {what}. Your work is still open here, and the last save is kept; use \"Save case\" to keep it as a file."
                )));
            }
        }
        if !dropped.is_empty() {
            self.messages.status.set(dropped_message(&dropped));
        }
        self.recent.set(recent_cases().await);
        self.estimate.set(saved::estimate().await);
    }

    /// When the page goes: the investigation is written at once to `localStorage` as well
    /// (the database's save may not finish before the page is gone), for the next start to
    /// move over. Only for a case whose data is stored, so the two belong together.
    pub fn journal_now(&self) {
        if self.case.is_demo.get_untracked() || self.case.read_only || saved::failing() {
            return;
        }
        let Some(key) = self.case_key.get_value() else {
            return;
        };
        let revision = self.case.revision.get_untracked();
        if self.data_saved.get_value() != Some((key.clone(), revision)) {
            return;
        }
        let Some(view) = self
            .case
            .read(|s| serde_json::to_string(&s.investigation()).ok())
            .flatten()
        else {
            return;
        };
        let journal = Journal {
            key,
            saved: js_sys::Date::now(),
            view,
        };
        if let Ok(text) = serde_json::to_string(&journal) {
            // Too big for localStorage: the database's save is all there is.
            let _ = storage::set(LOCAL_JOURNAL, &text);
        }
    }

    /// The key of the case this page had open before a reload, if storage has one.
    pub async fn current_key(&self) -> Option<String> {
        saved::read(Store::Meta, CURRENT_KEY).await.ok().flatten()
    }

    /// A stored case by key: its name for the case menu and report, its data, and the
    /// investigation saved beside it. `None` (and the banner says so) when storage no longer
    /// has it.
    pub async fn stored(
        &self,
        key: &str,
    ) -> Option<(
        String,
        Stored,
        Option<hopscope_core::model::investigation::Investigation>,
    )> {
        let data = match saved::read_stored(Store::Cases, key).await {
            Ok(Some(data)) => data,
            Ok(None) => {
                self.messages.error.set(Some(
                    "That recent case is no longer in browser storage".to_owned(),
                ));
                return None;
            }
            Err(e) => {
                self.messages.error.set(Some(format!(
                    "That recent case could not be read from browser storage: {}",
                    why(&e)
                )));
                return None;
            }
        };
        let title = recent_cases()
            .await
            .into_iter()
            .find(|r| r.key == key)
            .map_or_else(|| "autosaved case".to_owned(), |r| r.title);
        let investigation = saved::read(Store::Views, key)
            .await
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str(&text).ok());
        Some((format!("{title} (autosaved)"), data, investigation))
    }

    /// The open case is the stored case `key` as it was just opened from storage: later
    /// saves go to that entry, and its data need not be stored again.
    pub fn adopt(&self, key: &str) {
        self.case_key.set_value(Some(key.to_owned()));
        self.data_saved
            .set_value(Some((key.to_owned(), self.case.revision.get_untracked())));
        let key = key.to_owned();
        leptos::task::spawn_local(async move {
            let _ =
                saved::write(vec![Change::Text(Store::Meta, CURRENT_KEY.to_owned(), key)]).await;
        });
    }

    /// The investigation stored for the open case, as JSON text (for the journeys).
    pub async fn stored_view(&self) -> Option<String> {
        let key = self.case_key.get_value()?;
        saved::read(Store::Views, &key).await.ok().flatten()
    }

    /// Offers the case with its whole investigation as a case file to download.
    pub fn save_case_file(&self) {
        let Some((text, title)) = self
            .case
            .read(|s| (write_case_v1(&s.case_to_save()), s.case.title.clone()))
        else {
            return;
        };
        let name = format!("{}.hopscope.json", file_stem(&title));
        if let Err(message) = storage::download(&name, &text, "application/json") {
            self.messages.error.set(Some(message));
        }
    }
}

pub use hopscope_core::export::file_stem;

/// What the status line says when recent cases were removed from browser storage.
pub fn dropped_message(dropped: &[Recent]) -> String {
    let names: Vec<String> = dropped
        .iter()
        .map(|r| format!("\u{201c}{}\u{201d}", recent_label(r)))
        .collect();
    let what = if dropped.len() == 1 {
        "the oldest autosaved case was removed"
    } else {
        "the oldest autosaved cases were removed"
    };
    format!(
        "To make room in browser storage, {what}: {}. Save a case as a file to keep it for good.",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recent_list_puts_the_saved_case_first_and_drops_past_the_limit() {
        let list: Vec<Recent> = (0..RECENT_LIMIT)
            .map(|i| Recent {
                key: format!("k{i}"),
                ..recent("Case", i as f64, 1)
            })
            .collect();
        // Saving a listed case moves it first and drops nothing.
        let (again, dropped) = with_entry(list.clone(), list[5].clone());
        assert_eq!(again[0].key, "k5");
        assert_eq!(again.len(), RECENT_LIMIT);
        assert!(dropped.is_empty());
        // A new case pushes the last one out.
        let new = Recent {
            key: "new".into(),
            ..recent("New", 99.0, 1)
        };
        let (more, dropped) = with_entry(list, new);
        assert_eq!(more[0].key, "new");
        assert_eq!(more.len(), RECENT_LIMIT);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].key, format!("k{}", RECENT_LIMIT - 1));
    }

    #[test]
    fn sizes_are_written_with_their_unit() {
        assert_eq!(size_text(812_000.0), "812 kB");
        assert_eq!(size_text(120.0), "1 kB");
        assert_eq!(size_text(12_440_000.0), "12.4 MB");
        assert_eq!(size_text(1_204_000_000.0), "1.20 GB");
    }

    fn recent(title: &str, saved: f64, n: usize) -> Recent {
        Recent {
            key: "k".into(),
            title: title.into(),
            saved,
            n_addresses: n,
            n_shown: 1,
            bytes: 0.0,
        }
    }

    #[test]
    fn recent_cases_of_one_title_are_told_apart() {
        // 2026-12-07 14:02:09 UTC and a minute later.
        let a = recent("HTX demo", 1_796_652_129_000.0, 120);
        let mut b = recent("HTX demo", 1_796_652_189_000.0, 1);
        assert_eq!(
            recent_label(&a),
            "HTX demo · 2026-12-07 14:02 UTC · 120 addresses (1 shown)"
        );
        assert_eq!(
            recent_label(&b),
            "HTX demo · 2026-12-07 14:03 UTC · 1 address (1 shown)"
        );
        b.bytes = 3_400_000.0;
        assert_eq!(
            recent_label(&b),
            "HTX demo · 2026-12-07 14:03 UTC · 1 address (1 shown) · 3.4 MB"
        );
    }

    #[test]
    fn dropped_cases_are_named() {
        let a = recent("Old case", 0.0, 3);
        let text = dropped_message(std::slice::from_ref(&a));
        assert!(
            text.contains("Old case · 1970-01-01 00:00 UTC · 3 addresses"),
            "{text}"
        );
        assert!(
            text.contains("the oldest autosaved case was removed:"),
            "{text}"
        );
        let two = dropped_message(&[a.clone(), a]);
        assert!(two.contains("cases were removed:"), "{two}");
    }
}
