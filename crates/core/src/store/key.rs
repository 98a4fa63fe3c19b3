//! Typed storage keys: the only place that knows the key strings.
//!
//! The strings are those Composure has always used, so data saved by earlier versions still
//! loads:
//!
//! | key | string |
//! |---|---|
//! | [`Key::Prefs`] | `composure.prefs` |
//! | [`Key::Current`] | `composure.current` |
//! | [`Key::Attempt`] | `composure.assessment` |
//! | [`Key::Finished`] | `composure.finished.<set id>` |
//! | [`Key::History`] | `composure.history.<id>` (id: `<finished ms, 15 digits>-<seed % 100000>`) |
//! | [`Key::Pack`] | `composure.pack.<pack id>` |
//! | [`Key::Set`] | `composure.set.<id>` (id: `<saved ms, 15 digits>-<nonce % 100000>`) |
//! | [`Key::Result`] | `composure.result.<seal>-<imported ms>` (older ones: `composure.result.<seal>`) |
//! | [`Key::SetAside`] | `composure.set-aside.<original key>.<n>` |
//! | [`Key::Lock`] | `composure.lock.<name>` (the one-tab lock's heartbeat) |
//! | [`Key::Tab`] | `composure.tab` (this tab's id, in sessionStorage) |
//! | [`Key::Outbox`] | `composure.xapi-outbox` (xAPI statements not yet accepted by their LRS) |

use std::fmt;

/// The string of [`Key::Prefs`] (for code that needs a `const`).
pub const PREFS: &str = "composure.prefs";
/// The string of [`Key::Current`].
pub const CURRENT: &str = "composure.current";
/// The string of [`Key::Attempt`].
pub const ATTEMPT: &str = "composure.assessment";
pub(super) const FINISHED: &str = "composure.finished.";
pub(super) const HISTORY: &str = "composure.history.";
pub(super) const PACK: &str = "composure.pack.";
pub(super) const SET: &str = "composure.set.";
pub(super) const RESULT: &str = "composure.result.";
pub(super) const SET_ASIDE: &str = "composure.set-aside.";
pub(super) const LOCK: &str = "composure.lock.";
const TAB: &str = "composure.tab";
const OUTBOX: &str = "composure.xapi-outbox";

/// Import times before this (2001-09-09 in ms) are not import times: a `-<digits>` suffix
/// below it belongs to the seal of an old result key.
const MIN_IMPORT_MS: u64 = 1_000_000_000_000;

/// A storage key. `to_string` gives its string and [`Key::parse`] reads one back.
///
/// Invariant: ids are non-empty; [`Key::parse`] of `k.to_string()` gives `k` back, except for
/// a [`Key::SetAside`] with `n: None` whose original ends in `.<digits>` (an old set-aside key,
/// which then reads as numbered; harmless, as set-aside keys are only listed and shown).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// The practice form's settings.
    Prefs,
    /// The practice call in progress.
    Current,
    /// The assessment under way (or just finished) in this browser.
    Attempt,
    /// A finished assessment of the set with this id.
    Finished(String),
    /// One finished practice call.
    History(String),
    /// An imported content pack, by pack id.
    Pack(String),
    /// A persona set saved by the trainer.
    Set(String),
    /// An imported result file: its seal and when it was imported (Unix ms; `None` for results
    /// imported before the time was kept).
    Result {
        seal: String,
        imported_ms: Option<u64>,
    },
    /// A copy of a damaged entry: the original key and a counter (`None` for the unnumbered
    /// set-aside keys of earlier versions).
    SetAside { original: String, n: Option<u32> },
    /// The heartbeat of the tab that holds the lock with this name (see the app's `TabLock`).
    Lock(String),
    /// This tab's id, kept in sessionStorage (one tab's own storage).
    Tab,
    /// The xAPI statements that no LRS has accepted yet.
    Outbox,
}

impl Key {
    /// The key of a finished call, from when it finished and its set's seed.
    pub fn history(finished_at_ms: f64, seed: u64) -> Key {
        Key::History(format!("{:015}-{}", finished_at_ms as u64, seed % 100_000))
    }

    /// A new set key, from the time it is saved and a random number.
    pub fn new_set(now_ms: f64, nonce: u64) -> Key {
        Key::Set(format!("{:015}-{}", now_ms as u64, nonce % 100_000))
    }

    /// The key of a result imported at `imported_ms`. The seal comes from an imported file, so
    /// only its first 32 letters and digits are used (a seal is 32 hex digits).
    pub fn result(seal: &str, imported_ms: f64) -> Key {
        let seal: String = seal
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(32)
            .collect();
        Key::Result {
            seal: if seal.is_empty() {
                "unsealed".into()
            } else {
                seal
            },
            imported_ms: Some(imported_ms as u64),
        }
    }

    /// Reads a key string; `None` for a string that is none of Composure's keys.
    pub fn parse(s: &str) -> Option<Key> {
        let id = |prefix: &str| {
            s.strip_prefix(prefix)
                .filter(|rest| !rest.is_empty())
                .map(String::from)
        };
        match s {
            PREFS => return Some(Key::Prefs),
            CURRENT => return Some(Key::Current),
            ATTEMPT => return Some(Key::Attempt),
            TAB => return Some(Key::Tab),
            OUTBOX => return Some(Key::Outbox),
            _ => {}
        }
        if let Some(rest) = id(SET_ASIDE) {
            let numbered = rest.rsplit_once('.').and_then(|(original, n)| {
                let n = n.parse::<u32>().ok()?;
                (!original.is_empty()).then(|| (original.to_string(), n))
            });
            return Some(match numbered {
                Some((original, n)) => Key::SetAside {
                    original,
                    n: Some(n),
                },
                None => Key::SetAside {
                    original: rest,
                    n: None,
                },
            });
        }
        if let Some(rest) = id(RESULT) {
            let timed = rest.rsplit_once('-').and_then(|(seal, ms)| {
                let ms = ms.parse::<u64>().ok().filter(|ms| *ms >= MIN_IMPORT_MS)?;
                (!seal.is_empty()).then(|| (seal.to_string(), ms))
            });
            return Some(match timed {
                Some((seal, ms)) => Key::Result {
                    seal,
                    imported_ms: Some(ms),
                },
                None => Key::Result {
                    seal: rest,
                    imported_ms: None,
                },
            });
        }
        id(FINISHED)
            .map(Key::Finished)
            .or_else(|| id(HISTORY).map(Key::History))
            .or_else(|| id(PACK).map(Key::Pack))
            .or_else(|| id(SET).map(Key::Set))
            .or_else(|| id(LOCK).map(Key::Lock))
    }

    /// The copy of this key's value numbered `n`.
    pub fn set_aside(&self, n: u32) -> Key {
        Key::SetAside {
            original: self.to_string(),
            n: Some(n),
        }
    }

    /// What is stored under this key, in plain words ("saved call").
    pub fn noun(&self) -> &'static str {
        match self {
            Key::Prefs => crate::versions::PREFS.noun,
            Key::Current => crate::versions::CURRENT_CALL.noun,
            Key::Attempt | Key::Finished(_) => crate::versions::ATTEMPT.noun,
            Key::History(_) => crate::versions::HISTORY.noun,
            Key::Pack(_) => "imported pack",
            Key::Set(_) => crate::versions::SET_FILE.noun,
            Key::Result { .. } => "imported result",
            Key::SetAside { .. } => "set-aside copy",
            Key::Lock(_) => "tab lock",
            Key::Tab => "tab id",
            Key::Outbox => crate::versions::OUTBOX.noun,
        }
    }

    /// Whether a copy made by a newer Composure stays where it is (refused but untouched, for
    /// that version to use) rather than being set aside. Only the practice settings, the
    /// call in progress and the statement queue are set aside: this version writes those keys
    /// again and would otherwise overwrite the newer copy.
    pub fn future_stays(&self) -> bool {
        !matches!(self, Key::Prefs | Key::Current | Key::Outbox)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Prefs => f.write_str(PREFS),
            Key::Current => f.write_str(CURRENT),
            Key::Attempt => f.write_str(ATTEMPT),
            Key::Finished(id) => write!(f, "{FINISHED}{id}"),
            Key::History(id) => write!(f, "{HISTORY}{id}"),
            Key::Pack(id) => write!(f, "{PACK}{id}"),
            Key::Set(id) => write!(f, "{SET}{id}"),
            Key::Result {
                seal,
                imported_ms: Some(ms),
            } => write!(f, "{RESULT}{seal}-{ms}"),
            Key::Result {
                seal,
                imported_ms: None,
            } => write!(f, "{RESULT}{seal}"),
            Key::Lock(name) => write!(f, "{LOCK}{name}"),
            Key::Tab => f.write_str(TAB),
            Key::Outbox => f.write_str(OUTBOX),
            Key::SetAside {
                original,
                n: Some(n),
            } => write!(f, "{SET_ASIDE}{original}.{n}"),
            Key::SetAside { original, n: None } => write!(f, "{SET_ASIDE}{original}"),
        }
    }
}
