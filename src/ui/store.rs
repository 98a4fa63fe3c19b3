//! What the app keeps in the browser: a thin adapter over the core's
//! [`composure_core::store`], with localStorage ([`BrowserStorage`]) underneath.
//!
//! Everything that decides what a stored entry means (keys, versions, range checks, setting
//! damaged entries aside and reporting it) lives in the core and is tested natively in
//! `tests/store.rs`. The functions here keep the names and signatures the pages use; the
//! `*_reported` ones also return a [`Notice`] for every entry that was not used as stored.

use super::browser::storage::BrowserStorage;
use crate::exchange::{Attempt, PackSource, SetFile};
use crate::progress::Entry;
use composure_core::store::Store;
pub use composure_core::store::{
    Key, Notice, Outcome, PracticeStart, Prefs, StoreError, StoredResult, ATTEMPT_KEY, CURRENT_KEY,
    PREFS_KEY, REPLY_LIMITS_S, SHIFT_CALLS, SHIFT_PLANS,
};
use serde::{de::DeserializeOwned, Serialize};

fn store() -> Store<BrowserStorage> {
    Store::new(BrowserStorage)
}

/// The notice as the end of a sentence that began with the reason: "<why>. It was set aside".
fn reason(n: &Notice) -> String {
    let why = &n.why;
    match &n.outcome {
        Outcome::SetAside { to } => format!("{why}. It was set aside as \u{201c}{to}\u{201d}"),
        Outcome::CopiedNotRemoved { to, error } => format!(
            "{why}. A copy was set aside as \u{201c}{to}\u{201d}, but the original could not be removed ({error})"
        ),
        Outcome::LeftInPlace { error } => {
            format!("{why}. It could not be set aside ({error}), so it was left as it is")
        }
        Outcome::LeftForNewerVersion => format!("{why}. It was left as it is"),
        Outcome::Corrected => why.clone(),
    }
}

/// History as loaded: the entries that could be read, oldest first, and what was set aside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
}

/// Loads every stored call. Damaged entries are moved aside and reported, never deleted.
pub fn load_history() -> History {
    let (entries, notices) = store().load_history();
    History {
        entries,
        problems: notices.iter().map(Notice::to_string).collect(),
    }
}

/// Saves a finished call under its own key.
pub fn save_entry(e: &Entry) -> Result<(), String> {
    store().save_entry(e).map(|_| ()).map_err(|e| e.to_string())
}

/// Removes every stored call (after the user confirmed).
pub fn clear_history() -> Result<(), String> {
    store().clear_history().map_err(|e| e.to_string())
}

/// The call in progress, as the page's own type. One saved by another version (its `schema`
/// or its record's) or damaged is set aside; `Err` says so in plain words.
pub fn load_current<T: DeserializeOwned>() -> Option<Result<T, String>> {
    store()
        .load_current::<T>()
        .map(|r| r.map_err(|n| reason(&n)))
}

/// Sets the call in progress aside (its replay failed, or another version saved it) with
/// `why` as the reason. The notice says where it went, or that the copy failed and the call
/// was left where it is; `None` when there is no call in progress.
pub fn set_aside_current(why: &str) -> Option<Notice> {
    store().set_aside_current(why)
}

/// Whether this browser keeps an imported pack or xAPI statements still to send: data only the
/// whole app reads (see `ui::first`).
pub fn has_pack_or_outbox() -> bool {
    store().keeps_whole_app_data()
}

/// What a cold start of the practice page needs first: a call in progress, and the campaign
/// the settings name (reads only; see `Store::practice_start`).
pub fn practice_start() -> PracticeStart {
    store().practice_start()
}

/// The practice settings, with out-of-range fields at their defaults; a notice for each field
/// corrected and for a copy that could not be read (set aside).
pub fn load_prefs_reported(
    known_customers: &[&str],
    known_campaigns: &[&str],
) -> (Prefs, Vec<Notice>) {
    store().load_prefs(known_customers, known_campaigns)
}

pub fn save_prefs(p: &Prefs) -> Result<(), String> {
    store().save_prefs(p).map_err(|e| e.to_string())
}

/// Saves the call in progress.
pub fn save_current<T: Serialize>(value: &T) -> Result<(), String> {
    store().save_current(value).map_err(|e| e.to_string())
}

/// Forgets the call in progress (the trainee left it).
pub fn remove_current() -> Result<(), String> {
    store().remove_current().map_err(|e| e.to_string())
}

/// Imported packs, by storage key, and a notice for each that could not be read.
pub fn load_packs_reported() -> (Vec<(String, PackSource)>, Vec<Notice>) {
    store().load_packs()
}

pub fn save_pack(id: &str, pack: &PackSource) -> Result<(), String> {
    store().save_pack(id, pack).map_err(|e| e.to_string())
}

/// Persona sets by storage key, and a notice for each that could not be read.
pub fn load_sets_reported() -> (Vec<(String, SetFile)>, Vec<Notice>) {
    store().load_sets()
}

/// Saves a set under `key` (or a new key); returns the key.
pub fn save_set(key: Option<String>, set: &SetFile, now_ms: f64) -> Result<String, String> {
    store()
        .save_set(key.as_deref(), set, now_ms, super::browser::fresh_seed())
        .map_err(|e| e.to_string())
}

/// Imported results that can be read, and a notice for each that could not (set aside, or
/// left for the newer version that made it).
pub fn load_results_reported() -> (Vec<StoredResult>, Vec<Notice>) {
    store().load_results()
}

/// Keeps an imported result under its seal and the time of import.
pub fn save_result(seal: &str, imported_ms: f64, text: &str) -> Result<(), String> {
    store()
        .save_result(seal, imported_ms, text)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Removes every imported result (after the trainer confirmed).
pub fn clear_results() -> Result<(), String> {
    store().clear_results().map_err(|e| e.to_string())
}

/// The assessment under way. One saved by a newer version of Composure is refused and left
/// untouched (the newer version can still use it); a damaged one is set aside.
pub fn load_attempt() -> Option<Result<Attempt, String>> {
    store().load_attempt().map(|r| r.map_err(|n| reason(&n)))
}

/// As [`load_finished`], with the notice when the stored copy could not be used.
pub fn load_finished_reported(set_id: &str) -> Option<Result<Attempt, Notice>> {
    store().load_finished(set_id)
}

pub fn save_finished(a: &Attempt) -> Result<(), String> {
    store().save_finished(a).map_err(|e| e.to_string())
}

pub fn save_attempt(a: &Attempt) -> Result<(), String> {
    store().save_attempt(a).map_err(|e| e.to_string())
}

/// Removes one stored entry (a set or a pack) by the key it was listed under.
pub fn remove_key(key: &str) -> Result<(), String> {
    store().remove(key).map_err(|e| e.to_string())
}

/// The xAPI statements waiting for their LRS; a queue that could not be read is set aside (and
/// the reason returned), and an empty one used.
pub fn load_outbox() -> (crate::exchange::Outbox, Option<String>) {
    let (o, notice) = store().load_outbox();
    (o, notice.map(|n| n.to_string()))
}

pub fn save_outbox(o: &crate::exchange::Outbox) -> Result<(), String> {
    store().save_outbox(o).map_err(|e| e.to_string())
}
