//! What the app keeps in the browser: finished calls, the call in progress, practice settings.
//!
//! Each finished call is its own storage entry, so one damaged entry never costs the others: an
//! entry that cannot be read is moved aside under `composure.set-aside.*` and reported in plain
//! words. Parsing and meaning live in [`crate::progress`]; this module only moves text.

use super::browser::storage;
use crate::exchange::{Attempt, PackSource, SetFile};
use crate::progress::{parse_entry, Entry};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

const HISTORY_PREFIX: &str = "composure.history.";
const SET_ASIDE_PREFIX: &str = "composure.set-aside.";
/// The call in progress (practice or shift).
pub const CURRENT_KEY: &str = "composure.current";
/// The practice form's last settings.
pub const PREFS_KEY: &str = "composure.prefs";

/// History as loaded: the entries that could be read, oldest first, and what was set aside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
}

/// Loads every stored call. Damaged entries are moved aside and reported, never deleted.
pub fn load_history() -> History {
    let mut h = History::default();
    for key in storage::keys(HISTORY_PREFIX) {
        let Some(text) = storage::get(&key) else {
            continue;
        };
        match parse_entry(&text) {
            Ok(e) => h.entries.push(e),
            Err(why) => {
                let aside = format!("{SET_ASIDE_PREFIX}{}", &key[HISTORY_PREFIX.len()..]);
                let moved = storage::set(&aside, &text).is_ok();
                if moved {
                    storage::remove(&key);
                }
                h.problems.push(format!(
                    "One saved call could not be read because {why}. It was set aside{} and the rest of your history is unharmed.",
                    if moved { format!(" as \u{201c}{aside}\u{201d}") } else { String::new() }
                ));
            }
        }
    }
    h.entries
        .sort_by(|a, b| a.finished_at_ms.total_cmp(&b.finished_at_ms));
    h
}

/// Saves a finished call under its own key.
pub fn save_entry(e: &Entry) -> Result<(), String> {
    let json = serde_json::to_string(e).map_err(|e| e.to_string())?;
    let key = format!(
        "{HISTORY_PREFIX}{:015}-{}",
        e.finished_at_ms as u64,
        e.record.set.seed % 100_000
    );
    storage::set(&key, &json)
}

/// Removes every stored call (after the user confirmed).
pub fn clear_history() {
    for key in storage::keys(HISTORY_PREFIX) {
        storage::remove(&key);
    }
}

/// Reads a JSON value; `Err` holds a plain reason, and the text is moved aside.
pub fn load_json<T: DeserializeOwned>(key: &str) -> Option<Result<T, String>> {
    load_with(key, |t| {
        serde_json::from_str::<T>(t).map_err(|_| "it was damaged or cut short".into())
    })
}

/// Reads a value with `parse`. A value that does not parse is copied to a set-aside key of its
/// own (a counter keeps earlier set-asides) and removed only once the copy is stored; if it
/// cannot be copied (storage full), it is left where it is, and the reason says so.
fn load_with<T>(key: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<Result<T, String>> {
    let text = storage::get(key)?;
    match parse(&text) {
        Ok(v) => Some(Ok(v)),
        Err(why) => Some(Err(match set_aside(key, &text) {
            Ok(()) => format!("{why}. It was set aside"),
            Err(e) => format!("{why}. It could not be set aside ({e}), so it was left as it is"),
        })),
    }
}

/// Moves the value at `key` aside (see [`set_aside`]); nothing to do when there is none.
pub fn set_aside_key(key: &str) -> Result<(), String> {
    match storage::get(key) {
        Some(text) => set_aside(key, &text),
        None => Ok(()),
    }
}

/// Copies `text` to `composure.set-aside.KEY.N` (the first free N), then removes `key`.
fn set_aside(key: &str, text: &str) -> Result<(), String> {
    let n = (1..)
        .find(|n| storage::get(&format!("{SET_ASIDE_PREFIX}{key}.{n}")).is_none())
        .unwrap_or(1);
    storage::set(&format!("{SET_ASIDE_PREFIX}{key}.{n}"), text)?;
    storage::remove(key);
    Ok(())
}

pub fn save_json<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
    storage::set(key, &json)
}

/// The practice form's settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub campaign: String,
    pub customer: String,
    pub difficulty: u8,
    pub hints: bool,
    pub voice: bool,
    pub reply_limit_s: u32,
    pub typing: bool,
    pub shift_calls: u32,
    pub shift_plan: u32,
    pub mixed: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            campaign: String::new(),
            customer: "random".into(),
            difficulty: 2,
            hints: true,
            voice: false,
            reply_limit_s: 0,
            typing: true,
            shift_calls: 8,
            shift_plan: 2,
            mixed: false,
        }
    }
}

/// Forgets the call in progress.
pub fn remove_current() {
    storage::remove(CURRENT_KEY);
}

const PACK_PREFIX: &str = "composure.pack.";
const SET_PREFIX: &str = "composure.set.";
const RESULT_PREFIX: &str = "composure.result.";
/// The assessment under way (or just finished) in this browser.
pub const ATTEMPT_KEY: &str = "composure.assessment";

/// Imported packs, by storage key. Unreadable entries are moved aside.
pub fn load_packs() -> Vec<(String, PackSource)> {
    load_prefixed(PACK_PREFIX, |t| {
        serde_json::from_str(t).map_err(|e| e.to_string())
    })
}

pub fn save_pack(id: &str, pack: &PackSource) -> Result<(), String> {
    save_json(&format!("{PACK_PREFIX}{id}"), pack)
}

/// Persona sets saved by the trainer, by storage key.
pub fn load_sets() -> Vec<(String, SetFile)> {
    load_prefixed(SET_PREFIX, |t| {
        SetFile::from_json(t).map_err(|e| e.to_string())
    })
}

/// Saves a set under `key` (or a new key); returns the key.
pub fn save_set(key: Option<String>, set: &SetFile, now_ms: f64) -> Result<String, String> {
    let key = key.unwrap_or_else(|| {
        format!(
            "{SET_PREFIX}{:015}-{}",
            now_ms as u64,
            super::browser::fresh_seed() % 100_000
        )
    });
    storage::set(&key, &set.to_json())?;
    Ok(key)
}

/// Imported results, as their raw text, by key.
/// Imported result files: (storage key, when it was imported in Unix ms, text). The import
/// time is the key's suffix; results imported before it was kept get `None`.
pub fn load_results() -> Vec<(String, Option<f64>, String)> {
    storage::keys(RESULT_PREFIX)
        .into_iter()
        .filter_map(|k| {
            let at = k
                .rsplit('-')
                .next()
                .and_then(|n| n.parse::<f64>().ok())
                .filter(|n| *n > 1e12);
            storage::get(&k).map(|t| (k, at, t))
        })
        .collect()
}

/// Keeps an imported result under its seal and the time of import.
pub fn save_result(seal: &str, imported_ms: f64, text: &str) -> Result<(), String> {
    storage::set(
        &format!("{RESULT_PREFIX}{seal}-{}", imported_ms as u64),
        text,
    )
}

pub fn clear_results() {
    for key in storage::keys(RESULT_PREFIX) {
        storage::remove(&key);
    }
}

/// The assessment under way. One saved by a newer version of Composure is refused and left
/// untouched (the newer version can still use it); a damaged one is set aside.
pub fn load_attempt() -> Option<Result<Attempt, String>> {
    let text = storage::get(ATTEMPT_KEY)?;
    match Attempt::from_json(&text) {
        Ok(a) => Some(Ok(a)),
        Err(e @ crate::exchange::ImportError::FutureSchema(_)) => {
            Some(Err(format!("{e}. It was left as it is")))
        }
        Err(_) => load_json(ATTEMPT_KEY),
    }
}

const FINISHED_PREFIX: &str = "composure.finished.";

/// A finished attempt of the set with this id, kept so that re-opening the link shows the
/// result instead of a fresh attempt.
pub fn load_finished(set_id: &str) -> Option<Attempt> {
    if set_id.is_empty() {
        return None;
    }
    let text = storage::get(&format!("{FINISHED_PREFIX}{set_id}"))?;
    Attempt::from_json(&text).ok()
}

pub fn save_finished(a: &Attempt) -> Result<(), String> {
    if a.set.set.id.is_empty() {
        return Ok(());
    }
    save_json(&format!("{FINISHED_PREFIX}{}", a.set.set.id), a)
}

pub fn save_attempt(a: &Attempt) -> Result<(), String> {
    save_json(ATTEMPT_KEY, a)
}

/// Removes one stored entry (a set or a pack) by its key.
pub fn remove_key(key: &str) {
    storage::remove(key);
}

fn load_prefixed<T>(prefix: &str, parse: impl Fn(&str) -> Result<T, String>) -> Vec<(String, T)> {
    let mut out = Vec::new();
    for key in storage::keys(prefix) {
        let Some(text) = storage::get(&key) else {
            continue;
        };
        match parse(&text) {
            Ok(v) => out.push((key, v)),
            Err(_) => {
                let aside = format!("{SET_ASIDE_PREFIX}{key}");
                if storage::set(&aside, &text).is_ok() {
                    storage::remove(&key);
                }
            }
        }
    }
    out
}
