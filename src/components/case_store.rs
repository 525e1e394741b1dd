//! Keeping the investigation: autosave to browser storage shortly after every change (so a
//! reload or a crash loses nothing, and the page reopens the case it had), a list of recent
//! cases to reopen, and saving or opening a case file. The case's data is stored once per
//! change of the case, the investigation (view, positions, notes: small) after every change.
//! A full storage is reported with what to do, never passed over in silence.

use hopscope_core::format::write_case_v1;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::banner::Messages;
use super::open_case::{CaseStore, Follower};
use crate::platform::storage::{self, StoreError};

/// Storage keys.
const RECENT_KEY: &str = "hopscope:recent";
const CURRENT_KEY: &str = "hopscope:current";
const CASE_PREFIX: &str = "hopscope:case:";
const VIEW_PREFIX: &str = "hopscope:view:";
/// Recent cases kept in storage; older ones are dropped (and the user told which).
pub const RECENT_LIMIT: usize = 30;
/// How long after a change the autosave waits for more changes.
const AUTOSAVE_DELAY_MS: u64 = 300;

/// Views of up to this many addresses are saved right after each action (a few ms); bigger
/// ones shortly after changes stop coming.
const SAVE_AT_ONCE_LIMIT: usize = 20_000;

/// What browser storage (`localStorage`) holds at most for this site, in characters: about
/// 5 Mi UTF-16 code units in Chromium and Firefox, less room for the recent list and views.
const STORAGE_CEILING_CHARS: usize = 5_000_000;
/// The fewest characters a transfer takes in a case file (its tx hash alone has 66).
const MIN_CHARS_PER_TRANSFER: usize = 100;

/// Whether `chars` characters (a UTF-8 length, never fewer than the UTF-16 units stored) can
/// never fit in browser storage, however much room is made: then nothing is removed for it.
fn cannot_fit(chars: usize) -> bool {
    chars > STORAGE_CEILING_CHARS
}

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
    /// When the last autosave succeeded (ms since 1970).
    pub saved_at: RwSignal<Option<f64>>,
    /// Why the last autosave failed, shown until one succeeds.
    pub storage_error: RwSignal<Option<String>>,
    pub recent: RwSignal<Vec<Recent>>,
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
            saved_at: RwSignal::new(None),
            storage_error: RwSignal::new(None),
            recent: RwSignal::new(recent_cases()),
        };
        case.follow(Follower {
            during: Box::new(|_| {}),
            after: Box::new(move || saves.after_act()),
        });
        saves
    }

    /// After an investigator's change: saved at once while the view is small enough to save
    /// quickly, so a crash or a closed tab loses nothing; a big view waits for changes to
    /// stop coming.
    fn after_act(&self) {
        let small = self
            .case
            .read(|s| s.view.n_visible())
            .is_some_and(|n| n <= SAVE_AT_ONCE_LIMIT);
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
}

/// How a recent case is named in the menus, so that cases of one title can be told apart:
/// title, when it was saved (UTC, to the minute) and its size,
/// e.g. `HTX demo · 2026-12-07 14:02 UTC · 120 addresses (12 shown)`.
pub fn recent_label(r: &Recent) -> String {
    let when = hopscope_core::figures::format_utc((r.saved / 1000.0).floor() as i64);
    // To the minute: drop the seconds ("2026-12-07 14:02:09 UTC" → "2026-12-07 14:02 UTC").
    let when = match (when.get(..16), when.get(19..)) {
        (Some(head), Some(tail)) => format!("{head}{tail}"),
        _ => when,
    };
    let plural = if r.n_addresses == 1 { "" } else { "es" };
    format!(
        "{} · {when} · {} address{plural} ({} shown)",
        r.title, r.n_addresses, r.n_shown
    )
}

/// The recent cases, newest first.
pub fn recent_cases() -> Vec<Recent> {
    storage::get(RECENT_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn new_key() -> String {
    format!(
        "{:x}{:04x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 65536.0) as u32
    )
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
        set_timeout(
            move || {
                if ui.autosave_due.get_value() == due {
                    ui.autosave_now();
                }
            },
            std::time::Duration::from_millis(AUTOSAVE_DELAY_MS),
        );
    }

    /// Writes the open case's investigation to storage (and its data, when the case changed
    /// since it was last stored) and updates the recent list. The untouched demo is not saved
    /// (it is always there).
    pub fn autosave_now(&self) {
        if self.case.is_demo.get_untracked() || self.case.read_only {
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
        let data_current = self.data_saved.get_value() == Some((key.clone(), revision));
        // A case too big for browser storage is not even written out (a string of hundreds of
        // MB each time its data changes), and no other saved case is removed for it.
        let too_big = self.case.read(|s| {
            cannot_fit(
                s.case
                    .graph
                    .n_transfers()
                    .saturating_mul(MIN_CHARS_PER_TRANSFER)
                    .saturating_add(s.case.notes.len()),
            )
        });
        if !data_current && too_big == Some(true) {
            let n = self.case.read(|s| s.case.graph.n_transfers()).unwrap_or(0);
            self.storage_error.set(Some(format!(
                "Autosave is off for this case: its {} transfers and its notes need more than the {:.0} MB browser storage holds. Your work is still open here; use \"Save case\" to keep it as a file.",
                hopscope_core::figures::count(n),
                STORAGE_CEILING_CHARS as f64 / 1e6
            )));
            return;
        }
        let Some((data, view, title, n_addresses, n_shown)) = self.case.read(|s| {
            (
                (!data_current).then(|| write_case_v1(&s.case)),
                serde_json::to_string(&s.investigation()).unwrap_or_default(),
                s.case.title.clone(),
                s.case.graph.n_nodes(),
                s.view.n_visible(),
            )
        }) else {
            return;
        };
        let mut recent = recent_cases();
        recent.retain(|r| r.key != key);
        let mut result = Ok(());
        // Recent cases removed to make room or past the limit: the user is told which.
        let mut dropped: Vec<Recent> = Vec::new();
        if let Some(data) = &data {
            result = store_making_room(
                &format!("{CASE_PREFIX}{key}"),
                data,
                &mut recent,
                &mut dropped,
            );
            if result.is_ok() {
                self.data_saved.set_value(Some((key.clone(), revision)));
            }
        }
        if result.is_ok() {
            result = store_making_room(
                &format!("{VIEW_PREFIX}{key}"),
                &view,
                &mut recent,
                &mut dropped,
            );
        }
        match result {
            Ok(()) => {
                recent.insert(
                    0,
                    Recent {
                        key: key.clone(),
                        title: if title.trim().is_empty() {
                            "Untitled case".to_owned()
                        } else {
                            title
                        },
                        saved: js_sys::Date::now(),
                        n_addresses,
                        n_shown,
                    },
                );
                for old in recent.split_off(RECENT_LIMIT.min(recent.len())) {
                    forget(&old.key);
                    dropped.push(old);
                }
                let list = serde_json::to_string(&recent).unwrap_or_default();
                let _ = storage::set(RECENT_KEY, &list);
                let _ = storage::set(CURRENT_KEY, &key);
                self.saved_at.set(Some(js_sys::Date::now()));
                crate::platform::crash::saved(js_sys::Date::now());
                self.storage_error.set(None);
            }
            Err(e) => {
                // Cases dropped to make room are gone from the list too.
                let list = serde_json::to_string(&recent).unwrap_or_default();
                let _ = storage::set(RECENT_KEY, &list);
                let size = data.as_ref().map_or(view.len(), |d| d.len() + view.len());
                let why = match e {
                    StoreError::Full => format!(
                        "browser storage is full (the case is {:.1} MB)",
                        size as f64 / 1e6
                    ),
                    StoreError::Unavailable(why) => why,
                };
                self.storage_error.set(Some(format!(
                    "Autosave failed: {why}. Your work is still open here; use \"Save case\" to keep it as a file."
                )));
            }
        }
        if !dropped.is_empty() {
            self.messages.status.set(dropped_message(&dropped));
        }
        self.recent.set(recent_cases());
    }

    /// The key of the case this page had open before a reload, if storage has one.
    pub fn current_key(&self) -> Option<String> {
        storage::get(CURRENT_KEY)
    }

    /// A stored case by key: its name for the case menu and report, its data, and the
    /// investigation saved beside it. `None` (and the banner says so) when storage no longer
    /// has it.
    pub fn stored(
        &self,
        key: &str,
    ) -> Option<(
        String,
        String,
        Option<hopscope_core::model::investigation::Investigation>,
    )> {
        let Some(data) = storage::get(&format!("{CASE_PREFIX}{key}")) else {
            self.messages.error.set(Some(
                "That recent case is no longer in browser storage".to_owned(),
            ));
            return None;
        };
        let title = recent_cases()
            .into_iter()
            .find(|r| r.key == key)
            .map_or_else(|| "autosaved case".to_owned(), |r| r.title);
        let investigation = storage::get(&format!("{VIEW_PREFIX}{key}"))
            .and_then(|text| serde_json::from_str(&text).ok());
        Some((format!("{title} (autosaved)"), data, investigation))
    }

    /// The open case is the stored case `key` as it was just opened from storage: later
    /// saves go to that entry, and its data need not be stored again.
    pub fn adopt(&self, key: &str) {
        self.case_key.set_value(Some(key.to_owned()));
        self.data_saved
            .set_value(Some((key.to_owned(), self.case.revision.get_untracked())));
        let _ = storage::set(CURRENT_KEY, key);
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

/// Stores `value`, dropping the oldest recent cases to make room while storage is full; the
/// dropped ones are added to `dropped`.
fn store_making_room(
    key: &str,
    value: &str,
    recent: &mut Vec<Recent>,
    dropped: &mut Vec<Recent>,
) -> Result<(), StoreError> {
    if cannot_fit(key.len() + value.len()) {
        return Err(StoreError::Full);
    }
    loop {
        match storage::set(key, value) {
            Err(StoreError::Full) if !recent.is_empty() => {
                if let Some(oldest) = recent.pop() {
                    forget(&oldest.key);
                    dropped.push(oldest);
                }
            }
            other => return other,
        }
    }
}

/// Removes a case's data and investigation from storage.
fn forget(key: &str) {
    storage::remove(&format!("{CASE_PREFIX}{key}"));
    storage::remove(&format!("{VIEW_PREFIX}{key}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_bigger_than_storage_removes_no_other_case() {
        // 60,000 transfers can never fit; a small case can.
        assert!(cannot_fit(60_000 * MIN_CHARS_PER_TRANSFER));
        assert!(!cannot_fit(2_000 * MIN_CHARS_PER_TRANSFER));
        let mut recent = vec![Recent {
            key: "older".into(),
            title: "Older case".into(),
            saved: 0.0,
            n_addresses: 3,
            n_shown: 3,
        }];
        let mut dropped = Vec::new();
        let huge = "x".repeat(STORAGE_CEILING_CHARS + 1);
        assert!(matches!(
            store_making_room("hopscope:case:new", &huge, &mut recent, &mut dropped),
            Err(StoreError::Full)
        ));
        assert_eq!(recent.len(), 1, "the older case is kept");
        assert!(dropped.is_empty());
    }

    fn recent(title: &str, saved: f64, n: usize) -> Recent {
        Recent {
            key: "k".into(),
            title: title.into(),
            saved,
            n_addresses: n,
            n_shown: 1,
        }
    }

    #[test]
    fn recent_cases_of_one_title_are_told_apart() {
        // 2026-12-07 14:02:09 UTC and a minute later.
        let a = recent("HTX demo", 1_796_652_129_000.0, 120);
        let b = recent("HTX demo", 1_796_652_189_000.0, 1);
        assert_eq!(
            recent_label(&a),
            "HTX demo · 2026-12-07 14:02 UTC · 120 addresses (1 shown)"
        );
        assert_eq!(
            recent_label(&b),
            "HTX demo · 2026-12-07 14:03 UTC · 1 address (1 shown)"
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
