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
    let text = storage::get(key)?;
    match serde_json::from_str::<T>(&text) {
        Ok(v) => Some(Ok(v)),
        Err(_) => {
            let _ = storage::set(&format!("{SET_ASIDE_PREFIX}{key}"), &text);
            storage::remove(key);
            Some(Err("it was damaged or cut short".into()))
        }
    }
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
pub fn load_results() -> Vec<(String, String)> {
    storage::keys(RESULT_PREFIX)
        .into_iter()
        .filter_map(|k| storage::get(&k).map(|t| (k, t)))
        .collect()
}

pub fn save_result(seal: &str, text: &str) -> Result<(), String> {
    storage::set(&format!("{RESULT_PREFIX}{seal}"), text)
}

pub fn clear_results() {
    for key in storage::keys(RESULT_PREFIX) {
        storage::remove(&key);
    }
}

pub fn load_attempt() -> Option<Result<Attempt, String>> {
    load_json(ATTEMPT_KEY)
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
