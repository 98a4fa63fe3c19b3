//! The versions of everything Composure stores or exchanges, and the one reader that checks them.
//!
//! Every stored or exchanged JSON document carries a `schema` number. Each kind of document
//! declares two numbers in [`Versioned`] (as ink does for its save state: the version written
//! and the minimum version still compatible):
//!
//! - `current`: the version this build writes;
//! - `min_read`: the oldest version this build can still read.
//!
//! **Compatibility rule.** A document is read when `min_read <= schema <= current`.
//! - `schema > current`: [`VersionError::FromTheFuture`]; a newer Composure wrote it. It is
//!   refused (never used half-understood); stored copies are left for that newer version or
//!   set aside, never deleted.
//! - `schema < min_read`: [`VersionError::TooOld`]; this build no longer reads it.
//! - no `schema`, or one that is not a whole number from 1 up: refused as damaged, unless the
//!   kind declares `unversioned` (documents written before the kind carried a version, read
//!   as that version).
//!
//! **When to change the numbers.** A change that old readers can ignore and new readers can
//! default (a new optional field with `#[serde(default)]`) bumps nothing. A change an older
//! build would misread bumps `current`. Dropping support for old documents raises `min_read`
//! (and only then). `current >= min_read >= 1` always holds (checked by a test).
//!
//! This module is the bottom layer of the core: it imports nothing from the crate, so
//! `content`, `sim`, `progress`, `exchange` and `store` can all use it.

use std::fmt;

/// What one kind of document declares about its versions.
///
/// Invariant: `1 <= min_read <= current`; `unversioned`, when set, lies in `min_read..=current`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Versioned {
    /// The kind in plain words ("saved call"), for messages.
    pub noun: &'static str,
    /// The version this build writes.
    pub current: u32,
    /// The oldest version this build still reads.
    pub min_read: u32,
    /// The version assumed for a document without a `schema` field (`None`: such a document
    /// is refused).
    pub unversioned: Option<u32>,
}

/// A finished call in the history (`progress::Entry`) and the history export. Version 2 added
/// abandoned calls (`ending` may be null); version 1 entries read as they are.
pub const HISTORY: Versioned = Versioned {
    noun: "saved call",
    current: 2,
    min_read: 1,
    unversioned: None,
};

/// A call record (`sim::CallRecord`): the inputs of one call.
pub const RECORD: Versioned = Versioned {
    noun: "call record",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// The practice call in progress (the app's saved call state around a call record).
pub const CURRENT_CALL: Versioned = Versioned {
    noun: "call in progress",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// The assessment in progress or finished in this browser (`exchange::Attempt`).
pub const ATTEMPT: Versioned = Versioned {
    noun: "assessment",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// Persona-set files and links (`exchange::SetFile`).
pub const SET_FILE: Versioned = Versioned {
    noun: "persona set",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// Assessment result files (`exchange::ResultFile`).
pub const RESULT_FILE: Versioned = Versioned {
    noun: "assessment result",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// The practice form's settings (`store::Prefs`). Settings saved before they carried a
/// version are read as version 1.
pub const PREFS: Versioned = Versioned {
    noun: "practice settings",
    current: 1,
    min_read: 1,
    unversioned: Some(1),
};

/// Content packs (TOML, `format = N` at the top). Declared here so every version is in one
/// table; the TOML loader (`content::load`, constant `FORMAT`) reports its own diagnostics with
/// a source position, and a test checks the two agree.
pub const PACK: Versioned = Versioned {
    noun: "content pack",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// The shipped content compiled at build time (`content::compiled`: the catalog and one data
/// file per pack). A build only ever reads the files it was built with, but a service worker may
/// serve an older build's files for a moment, so a mismatch is refused, never misread.
pub const COMPILED: Versioned = Versioned {
    noun: "compiled content",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// The queue of xAPI statements not yet accepted by their LRS (`exchange::Outbox`).
pub const OUTBOX: Versioned = Versioned {
    noun: "queue of LRS statements",
    current: 1,
    min_read: 1,
    unversioned: None,
};

/// Every kind, for tests and documentation.
pub const ALL: [Versioned; 10] = [
    HISTORY,
    RECORD,
    CURRENT_CALL,
    ATTEMPT,
    SET_FILE,
    RESULT_FILE,
    PREFS,
    PACK,
    COMPILED,
    OUTBOX,
];

/// Why a document's version cannot be read. Its `Display` is a plain clause about "it".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionError {
    /// The document has no `schema` field.
    Missing,
    /// The `schema` field is not a whole number from 1 up (its text is kept).
    Invalid(String),
    /// Older than the oldest version this build reads.
    TooOld { found: u32, min_read: u32 },
    /// Written by a newer Composure.
    FromTheFuture { found: u32, current: u32 },
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::Missing => write!(f, "it has no version number"),
            VersionError::Invalid(v) => write!(f, "its version number {v} is not valid"),
            VersionError::TooOld { found, min_read } => write!(
                f,
                "it was saved by an older version of Composure (version {found}) that this one no longer reads (it reads version {min_read} and later)"
            ),
            VersionError::FromTheFuture { found, current } => write!(
                f,
                "it was saved by a newer version of Composure (version {found}; this one reads {current})"
            ),
        }
    }
}

impl Versioned {
    /// Whether a document of version `v` can be read by this build.
    pub fn accepts(&self, v: u32) -> bool {
        (self.min_read..=self.current).contains(&v)
    }

    /// Decides whether this build reads a document whose `schema` field is `schema` (`None`
    /// when the field is absent). Returns the version to read it as.
    pub fn check(&self, schema: Option<&serde_json::Value>) -> Result<u32, VersionError> {
        let v = match schema {
            None => return self.unversioned.ok_or(VersionError::Missing),
            Some(v) => v,
        };
        let n = match v.as_u64() {
            Some(n) if n >= 1 => n,
            _ => return Err(VersionError::Invalid(v.to_string())),
        };
        let found = u32::try_from(n).unwrap_or(u32::MAX);
        if found > self.current {
            Err(VersionError::FromTheFuture {
                found,
                current: self.current,
            })
        } else if found < self.min_read {
            Err(VersionError::TooOld {
                found,
                min_read: self.min_read,
            })
        } else {
            Ok(found)
        }
    }

    /// [`Versioned::check`] on a parsed document's top-level `schema` field. A document that is
    /// not a JSON object has no such field ([`VersionError::Missing`]).
    ///
    /// Readers check the version on the parsed `Value`, then read the typed document from its
    /// text again (`serde_json::from_str`), not with `serde_json::from_value`: the app then
    /// carries one JSON reader per type, not a second one driven by `Value` (the first-call
    /// app's wasm is 8 KB gzip smaller for it).
    pub fn check_value(&self, doc: &serde_json::Value) -> Result<u32, VersionError> {
        self.check(doc.get("schema"))
    }
}
