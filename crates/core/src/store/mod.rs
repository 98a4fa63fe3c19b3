//! Everything Composure keeps, behind one boundary.
//!
//! The app stores text in the browser (localStorage); this module decides what the text means
//! and what happens when it cannot be read. It knows every key ([`Key`]), checks every version
//! with the one reader of [`crate::versions`], checks values no real use can produce (scores
//! over 100, dates outside 2020 to 2200, out-of-range settings), and never loses anything:
//!
//! - an entry that cannot be read is **copied** to `composure.set-aside.<key>.<n>` (the first
//!   free `n`, so a second damaged copy never overwrites the first) and removed only once the
//!   copy is stored; if the copy fails (storage full), the original stays where it is;
//! - an entry saved by a newer Composure is refused and left untouched for that version
//!   (except the practice settings and the call in progress, which this version writes again:
//!   those are set aside; see [`Key::future_stays`]);
//! - every one of these produces a [`Notice`] in plain words, returned beside the data;
//! - a failed save returns its [`StoreError`]; nothing is swallowed.
//!
//! Pure: storage is the [`Storage`] trait ([`MemoryStorage`] in tests, localStorage in the app).
//! This module may use every other module of the core; none of them uses it.

mod key;
mod prefs;
mod storage;

pub use crate::versions;
pub use key::{Key, ATTEMPT as ATTEMPT_KEY, CURRENT as CURRENT_KEY, PREFS as PREFS_KEY};
pub use prefs::{Prefs, REPLY_LIMITS_S, SHIFT_CALLS, SHIFT_PLANS};
pub use storage::{MemoryStorage, Storage, StoreError};

use crate::exchange::{Attempt, ImportError, Outbox, PackSource, ResultFile, SetFile};
use crate::progress::{parse_entry, Entry};
use crate::versions::{VersionError, Versioned};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;

/// What happened to an entry that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Copied to `to` and removed from where it was.
    SetAside { to: String },
    /// Copied to `to`, but removing the original failed: both copies are there.
    CopiedNotRemoved { to: String, error: StoreError },
    /// The copy could not be stored, so the original was left where it is.
    LeftInPlace { error: StoreError },
    /// Saved by a newer version of Composure: not used, left untouched for that version.
    LeftForNewerVersion,
    /// A value was out of range and its default is used instead (settings only); the stored
    /// copy is unchanged until the next save.
    Corrected,
}

/// One thing the user should be told about their stored data.
///
/// Invariant: every entry that was not used as stored produces exactly one notice (a settings
/// copy produces one per corrected field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The key the entry was stored under.
    pub key: String,
    /// What it is, in plain words ("saved call").
    pub noun: &'static str,
    /// Why it was not used: a clause about "it" ("it is not readable data ...").
    pub why: String,
    pub outcome: Outcome,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (noun, why, key) = (self.noun, &self.why, &self.key);
        match &self.outcome {
            Outcome::SetAside { to } => write!(
                f,
                "One {noun} could not be read because {why}. It was set aside as \u{201c}{to}\u{201d}; nothing else was affected."
            ),
            Outcome::CopiedNotRemoved { to, error } => write!(
                f,
                "One {noun} could not be read because {why}. A copy was set aside as \u{201c}{to}\u{201d}, but the original could not be removed ({error})."
            ),
            Outcome::LeftInPlace { error } => write!(
                f,
                "One {noun} could not be read because {why}. It could not be set aside ({error}), so it was left where it is (\u{201c}{key}\u{201d})."
            ),
            Outcome::LeftForNewerVersion => write!(
                f,
                "One {noun} was not used because {why}. It was left as it is for that version."
            ),
            Outcome::Corrected => f.write_str(why),
        }
    }
}

/// Why a stored text was not used: damaged (set aside) or from a newer version.
enum Refusal {
    Damaged(String),
    Future(String),
}

/// An imported result file as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredResult {
    pub key: String,
    /// When it was imported (Unix ms), if known.
    pub imported_ms: Option<f64>,
    /// The file as imported (the seal covers this text).
    pub text: String,
    pub file: ResultFile,
}

/// What a cold start of the practice page needs first ([`Store::practice_start`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PracticeStart {
    /// A call in progress is kept (readable or not: the page decides, and sets aside).
    pub call_in_progress: bool,
    /// The campaign the stored settings name, if they can be read and name one. It may be one
    /// this build does not have; the caller checks.
    pub campaign: Option<String>,
}

/// Composure's stored data over a [`Storage`].
#[derive(Debug, Default)]
pub struct Store<S: Storage> {
    storage: S,
}

/// A version check on a document's text: `Err(Future)` only when it is from a newer version
/// (anything else is left to the kind's own parser, which reports it as damaged).
fn future_check(kind: &Versioned, text: &str) -> Result<(), Refusal> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(());
    };
    match kind.check_value(&value) {
        Err(e @ VersionError::FromTheFuture { .. }) => Err(Refusal::Future(e.to_string())),
        _ => Ok(()),
    }
}

fn import_refusal(e: ImportError) -> Refusal {
    match e {
        ImportError::FutureSchema(_) => Refusal::Future(e.to_string()),
        e => Refusal::Damaged(e.to_string()),
    }
}

impl<S: Storage> Store<S> {
    pub fn new(storage: S) -> Store<S> {
        Store { storage }
    }

    /// The storage underneath.
    pub fn storage(&self) -> &S {
        &self.storage
    }

    /// Every stored key starting with `prefix`, sorted.
    fn keys_with(&self, prefix: &str) -> Vec<String> {
        let mut keys: Vec<String> = self
            .storage
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(prefix))
            .collect();
        keys.sort();
        keys
    }

    /// Copies the text under `key` to its first free set-aside key, then removes the original.
    /// `None` when there is nothing under `key`.
    pub fn set_aside(&self, key: &str, why: &str) -> Option<Notice> {
        let text = self.storage.get(key)?;
        Some(self.set_aside_text(key, &text, why))
    }

    fn set_aside_text(&self, key: &str, text: &str, why: &str) -> Notice {
        let noun = Key::parse(key).map_or("stored entry", |k| k.noun());
        let taken: BTreeSet<String> = self.storage.keys().into_iter().collect();
        let base = Key::parse(key).unwrap_or_else(|| Key::SetAside {
            original: key.into(),
            n: None,
        });
        let to = (1..=u32::MAX)
            .map(|n| match &base {
                Key::SetAside { n: None, .. } => Key::SetAside {
                    original: key.into(),
                    n: Some(n),
                },
                k => k.set_aside(n),
            })
            .map(|k| k.to_string())
            .find(|k| !taken.contains(k))
            .unwrap_or_else(|| format!("{key}.overflow"));
        let outcome = match self.storage.set(&to, text) {
            Err(error) => Outcome::LeftInPlace { error },
            // Removed only once the copy is confirmed to hold the same text.
            Ok(()) if self.storage.get(&to).as_deref() != Some(text) => Outcome::LeftInPlace {
                error: StoreError::Other("the copy did not read back the same".into()),
            },
            Ok(()) => match self.storage.remove(key) {
                Ok(()) => Outcome::SetAside { to },
                Err(error) => Outcome::CopiedNotRemoved { to, error },
            },
        };
        Notice {
            key: key.into(),
            noun,
            why: why.into(),
            outcome,
        }
    }

    /// Reads the text under `key` with `parse`: a damaged text is set aside, one from a newer
    /// version is left in place (or set aside, see [`Key::future_stays`]); both are reported.
    fn read<T>(
        &self,
        key: &Key,
        parse: impl Fn(&str) -> Result<T, Refusal>,
    ) -> Option<Result<T, Notice>> {
        let k = key.to_string();
        let text = self.storage.get(&k)?;
        Some(parse(&text).map_err(|r| self.refuse(key, &k, &text, r)))
    }

    fn refuse(&self, key: &Key, k: &str, text: &str, r: Refusal) -> Notice {
        match r {
            Refusal::Future(why) if key.future_stays() => Notice {
                key: k.into(),
                noun: key.noun(),
                why,
                outcome: Outcome::LeftForNewerVersion,
            },
            Refusal::Future(why) | Refusal::Damaged(why) => self.set_aside_text(k, text, &why),
        }
    }

    /// Reads every entry under `prefix`; unreadable ones are refused and reported.
    fn read_all<T>(
        &self,
        prefix: &str,
        parse: impl Fn(&str) -> Result<T, Refusal>,
    ) -> (Vec<(String, T)>, Vec<Notice>) {
        let (mut good, mut notices) = (Vec::new(), Vec::new());
        for k in self.keys_with(prefix) {
            let Some(key) = Key::parse(&k) else { continue };
            match self.read(&key, &parse) {
                Some(Ok(v)) => good.push((k, v)),
                Some(Err(n)) => notices.push(n),
                None => {}
            }
        }
        (good, notices)
    }

    fn write<T: Serialize>(&self, key: &Key, value: &T) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(|e| StoreError::Other(e.to_string()))?;
        self.storage.set(&key.to_string(), &json)
    }

    /// Removes one entry by its key string.
    pub fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove(key)
    }

    /// Removes every entry under `prefix`; the first error is returned after trying them all.
    fn clear(&self, prefix: &str) -> Result<(), StoreError> {
        let mut first = Ok(());
        for k in self.keys_with(prefix) {
            if let Err(e) = self.storage.remove(&k) {
                first = first.and(Err(e));
            }
        }
        first
    }

    // History

    /// Every finished call that can be read, oldest first, and what was set aside.
    pub fn load_history(&self) -> (Vec<Entry>, Vec<Notice>) {
        let (good, notices) = self.read_all(key::HISTORY, |t| {
            future_check(&versions::HISTORY, t)?;
            parse_entry(t).map_err(Refusal::Damaged)
        });
        let mut entries: Vec<Entry> = good.into_iter().map(|(_, e)| e).collect();
        entries.sort_by(|a, b| a.finished_at_ms.total_cmp(&b.finished_at_ms));
        (entries, notices)
    }

    /// Saves a finished call under its own key (returned).
    pub fn save_entry(&self, e: &Entry) -> Result<Key, StoreError> {
        let key = Key::history(e.finished_at_ms, e.record.set.seed);
        self.write(&key, e)?;
        Ok(key)
    }

    /// Removes every finished call (after the user confirmed).
    pub fn clear_history(&self) -> Result<(), StoreError> {
        self.clear(key::HISTORY)
    }

    // Settings

    /// The practice settings: defaults when there are none; a damaged copy is set aside (and
    /// defaults used); out-of-range fields fall back to their defaults, each with a notice.
    pub fn load_prefs(
        &self,
        known_customers: &[&str],
        known_campaigns: &[&str],
    ) -> (Prefs, Vec<Notice>) {
        let read = self.read(&Key::Prefs, |t| {
            let value: serde_json::Value = serde_json::from_str(t)
                .map_err(|_| Refusal::Damaged("it is damaged or cut short".into()))?;
            // Every field has a default, so an object sharing no field with the settings
            // (another kind of data under this key) would read as all defaults: refuse it.
            let known = serde_json::to_value(Prefs::default()).unwrap_or_default();
            let shares_a_field = value
                .as_object()
                .is_some_and(|o| o.keys().any(|k| known.get(k).is_some()));
            if !shares_a_field {
                return Err(Refusal::Damaged(
                    "it is not practice settings (none of its fields is a setting)".into(),
                ));
            }
            versions::PREFS.check_value(&value).map_err(|e| match e {
                VersionError::FromTheFuture { .. } => Refusal::Future(e.to_string()),
                e => Refusal::Damaged(e.to_string()),
            })?;
            serde_json::from_str::<Prefs>(t)
                .map_err(|e| Refusal::Damaged(format!("its contents are not valid ({e})")))
        });
        match read {
            None => (Prefs::default(), Vec::new()),
            Some(Err(n)) => (Prefs::default(), vec![n]),
            Some(Ok(p)) => {
                let (p, notes) = p.sanitize(known_customers, known_campaigns);
                let notices = notes
                    .into_iter()
                    .map(|why| Notice {
                        key: Key::Prefs.to_string(),
                        noun: Key::Prefs.noun(),
                        why,
                        outcome: Outcome::Corrected,
                    })
                    .collect();
                (p, notices)
            }
        }
    }

    pub fn save_prefs(&self, p: &Prefs) -> Result<(), StoreError> {
        self.write(&Key::Prefs, p)
    }

    // The call in progress

    /// The practice call in progress, as the app's own type `T`. Its `schema` is checked
    /// against [`versions::CURRENT_CALL`] and the `schema` of its `record` (when it has one)
    /// against [`versions::RECORD`]; one that cannot be used is set aside and reported.
    pub fn load_current<T: DeserializeOwned>(&self) -> Option<Result<T, Notice>> {
        self.read(&Key::Current, |t| {
            let value: serde_json::Value = serde_json::from_str(t)
                .map_err(|_| Refusal::Damaged("it is damaged or cut short".into()))?;
            let version = |kind: &Versioned, v: &serde_json::Value| {
                kind.check_value(v).map_err(|e| match e {
                    VersionError::FromTheFuture { .. } => Refusal::Future(e.to_string()),
                    e => Refusal::Damaged(e.to_string()),
                })
            };
            version(&versions::CURRENT_CALL, &value)?;
            if let Some(record) = value.get("record") {
                version(&versions::RECORD, record)?;
            }
            serde_json::from_str(t)
                .map_err(|e| Refusal::Damaged(format!("its contents are not valid ({e})")))
        })
    }

    pub fn save_current<T: Serialize>(&self, value: &T) -> Result<(), StoreError> {
        self.write(&Key::Current, value)
    }

    /// Sets the call in progress aside (when it cannot be restored, e.g. its replay fails),
    /// with `why` as the reason. `None` when there is none.
    pub fn set_aside_current(&self, why: &str) -> Option<Notice> {
        self.set_aside(&Key::Current.to_string(), why)
    }

    /// Forgets the call in progress (the user left it).
    pub fn remove_current(&self) -> Result<(), StoreError> {
        self.storage.remove(&Key::Current.to_string())
    }

    // Assessments

    /// The assessment under way. One saved by a newer version is refused and left untouched;
    /// a damaged one is set aside.
    pub fn load_attempt(&self) -> Option<Result<Attempt, Notice>> {
        self.read(&Key::Attempt, |t| {
            Attempt::from_json(t).map_err(import_refusal)
        })
    }

    pub fn save_attempt(&self, a: &Attempt) -> Result<(), StoreError> {
        self.write(&Key::Attempt, a)
    }

    /// The finished attempt of the set `set_id` (none for an empty id).
    pub fn load_finished(&self, set_id: &str) -> Option<Result<Attempt, Notice>> {
        if set_id.is_empty() {
            return None;
        }
        self.read(&Key::Finished(set_id.into()), |t| {
            Attempt::from_json(t).map_err(import_refusal)
        })
    }

    /// Keeps a finished attempt under its set's id (nothing is kept for a set without id).
    pub fn save_finished(&self, a: &Attempt) -> Result<(), StoreError> {
        if a.set.set.id.is_empty() {
            return Ok(());
        }
        self.write(&Key::Finished(a.set.set.id.clone()), a)
    }

    // Packs, sets and results

    /// Imported packs by key string, and what could not be read.
    pub fn load_packs(&self) -> (Vec<(String, PackSource)>, Vec<Notice>) {
        self.read_all(key::PACK, |t| {
            serde_json::from_str::<PackSource>(t)
                .map_err(|_| Refusal::Damaged("it is damaged or cut short".into()))
        })
    }

    pub fn save_pack(&self, id: &str, pack: &PackSource) -> Result<(), StoreError> {
        self.write(&Key::Pack(id.into()), pack)
    }

    /// The trainer's persona sets by key string, and what could not be read.
    pub fn load_sets(&self) -> (Vec<(String, SetFile)>, Vec<Notice>) {
        self.read_all(key::SET, |t| SetFile::from_json(t).map_err(import_refusal))
    }

    /// Saves a set under `key` (a set key string) or under a new key made from `now_ms` and
    /// `nonce`; returns the key string.
    pub fn save_set(
        &self,
        key: Option<&str>,
        set: &SetFile,
        now_ms: f64,
        nonce: u64,
    ) -> Result<String, StoreError> {
        let key = match key {
            None => Key::new_set(now_ms, nonce),
            Some(k) => match Key::parse(k) {
                Some(k @ Key::Set(_)) => k,
                _ => {
                    return Err(StoreError::Other(format!(
                        "\u{201c}{k}\u{201d} is not a set key"
                    )))
                }
            },
        };
        self.storage.set(&key.to_string(), &set.to_json())?;
        Ok(key.to_string())
    }

    /// Imported results that can be read, and what could not be.
    pub fn load_results(&self) -> (Vec<StoredResult>, Vec<Notice>) {
        let (good, notices) = self.read_all(key::RESULT, |t| match ResultFile::from_json(t) {
            Ok(file) => Ok((t.to_string(), file)),
            Err(e) => Err(import_refusal(e)),
        });
        let results = good
            .into_iter()
            .map(|(key, (text, file))| StoredResult {
                imported_ms: match Key::parse(&key) {
                    Some(Key::Result {
                        imported_ms: Some(ms),
                        ..
                    }) => Some(ms as f64),
                    _ => None,
                },
                key,
                text,
                file,
            })
            .collect();
        (results, notices)
    }

    /// Keeps an imported result's text under its seal and the time of import; returns the key.
    pub fn save_result(&self, seal: &str, imported_ms: f64, text: &str) -> Result<Key, StoreError> {
        let key = Key::result(seal, imported_ms);
        self.storage.set(&key.to_string(), text)?;
        Ok(key)
    }

    pub fn clear_results(&self) -> Result<(), StoreError> {
        self.clear(key::RESULT)
    }

    // The queue of xAPI statements

    /// The statements waiting for their LRS (an empty queue when there is none). A damaged
    /// queue, or one from a newer version, is set aside (never overwritten) and reported.
    pub fn load_outbox(&self) -> (Outbox, Option<Notice>) {
        let read = self.read(&Key::Outbox, |t| {
            let value: serde_json::Value = serde_json::from_str(t)
                .map_err(|_| Refusal::Damaged("it is damaged or cut short".into()))?;
            versions::OUTBOX.check_value(&value).map_err(|e| match e {
                VersionError::FromTheFuture { .. } => Refusal::Future(e.to_string()),
                e => Refusal::Damaged(e.to_string()),
            })?;
            serde_json::from_str::<Outbox>(t)
                .map_err(|e| Refusal::Damaged(format!("its contents are not valid ({e})")))
        });
        match read {
            None => (Outbox::new(), None),
            Some(Ok(o)) => (o, None),
            Some(Err(n)) => (Outbox::new(), Some(n)),
        }
    }

    pub fn save_outbox(&self, o: &Outbox) -> Result<(), StoreError> {
        self.write(&Key::Outbox, o)
    }

    /// Whether storage keeps something only the whole web app reads: an imported pack (its TOML
    /// source goes through the importer), or an xAPI queue with statements still to send (or one
    /// that cannot be read, which the whole app sets aside and reports). A statement its LRS
    /// refused stays in the queue to be shown, but is never sent again, so it does not count.
    /// Reads only: the first-call app asks this before it starts, and hands over to the whole
    /// app when it is true.
    pub fn keeps_whole_app_data(&self) -> bool {
        if !self.keys_with(key::PACK).is_empty() {
            return true;
        }
        #[derive(serde::Deserialize)]
        struct Queue {
            pending: Vec<Waiting>,
        }
        #[derive(serde::Deserialize)]
        struct Waiting {
            #[serde(default)]
            refused: Option<serde::de::IgnoredAny>,
        }
        match self.storage.get(&Key::Outbox.to_string()) {
            None => false,
            Some(text) => serde_json::from_str::<Queue>(&text)
                .map_or(true, |q| q.pending.iter().any(|p| p.refused.is_none())),
        }
    }

    /// What a cold start of the practice page needs first, read without changing anything
    /// (the page itself loads, corrects and sets aside later): whether a call in progress is
    /// kept, and the campaign the stored settings name. The first-call app fetches that one
    /// campaign before Practice shows, or every campaign when a call in progress (which may be
    /// in any of them, or in several in a mixed shift) is to be restored.
    pub fn practice_start(&self) -> PracticeStart {
        #[derive(serde::Deserialize)]
        struct Named {
            #[serde(default)]
            campaign: Option<String>,
        }
        let campaign = self
            .storage
            .get(&Key::Prefs.to_string())
            .and_then(|t| serde_json::from_str::<Named>(&t).ok())
            .and_then(|n| n.campaign)
            .filter(|c| !c.is_empty());
        PracticeStart {
            call_in_progress: self.storage.get(&Key::Current.to_string()).is_some(),
            campaign,
        }
    }

    /// Every set-aside copy's key string, sorted.
    pub fn set_aside_keys(&self) -> Vec<String> {
        self.keys_with(key::SET_ASIDE)
    }
}
