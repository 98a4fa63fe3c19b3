//! Call records and replay.
//!
//! A record holds only the inputs of a call (content identity, persona set, call index,
//! choices with reply times) and, optionally, the scores it claims. [`replay`] rebuilds the call
//! from those inputs; since a call is a pure function of them, the replay reproduces every event
//! and score exactly, and a record whose claimed scores differ has been edited.

use super::call::{Call, Choice};
use super::score::Scores;
use super::set::PersonaSet;
use super::SimError;
use crate::content::{content_hash, Library};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema version written into records ([`crate::versions::RECORD`] declares it and the
/// oldest version still read; bump it there when the format changes).
pub const SCHEMA_VERSION: u32 = crate::versions::RECORD.current;

/// The inputs of one call, and the scores it claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallRecord {
    pub schema: u32,
    /// Campaign id of this call.
    pub campaign: String,
    /// [`content_hash`] of the campaign and customer file the call was played with.
    pub content_hash: String,
    pub set: PersonaSet,
    pub index: u32,
    /// The attempt's salt (assessments draw one per attempt); `None` for practice calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<u64>,
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub claimed: Option<Scores>,
    /// [`Call::digest`] of the call's events as played: any change to the inputs that changes
    /// what happened changes it, even when the scores come out the same.
    #[serde(default)]
    pub digest: Option<String>,
}

/// Why a record could not be read or replayed.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordError {
    /// Not JSON, or not shaped like a call record.
    Malformed(String),
    /// Written by a newer version of Composure.
    FutureSchema(u32),
    /// The campaign is not in this library.
    UnknownCampaign(String),
    /// The content differs from the one the call was played with.
    ContentChanged { expected: String, found: String },
    /// A choice could not be applied (e.g. an edited pick or an impossible timeout).
    BadChoice { turn: usize, error: SimError },
    /// The record does not match the call it claims to come from.
    Mismatch(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Malformed(m) => write!(f, "this is not a readable call record: {m}"),
            RecordError::FutureSchema(v) => write!(
                f,
                "this record was saved by a newer version of Composure (schema {v}); this version reads schema {SCHEMA_VERSION}"
            ),
            RecordError::UnknownCampaign(c) => write!(f, "the campaign `{c}` is not available here"),
            RecordError::ContentChanged { expected, found } => write!(
                f,
                "content changed: the call was played with content {expected}, this app has {found}"
            ),
            RecordError::BadChoice { turn, error } => {
                write!(f, "turn {} cannot be replayed: {error}", turn + 1)
            }
            RecordError::Mismatch(m) => write!(f, "the record does not match its replay: {m}"),
        }
    }
}

impl CallRecord {
    /// The record of a call started from a persona set (`None` for ad-hoc calls).
    pub fn of(call: &Call, library_hash: String) -> Option<CallRecord> {
        let (set, index) = call.origin()?;
        Some(CallRecord {
            schema: SCHEMA_VERSION,
            campaign: call.campaign().id.to_string(),
            content_hash: library_hash,
            set: set.clone(),
            index: *index,
            salt: call.salt(),
            choices: call.choices().to_vec(),
            claimed: call.report().map(|r| r.scores),
            digest: call.report().map(|_| call.digest()),
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a record, checking the schema version before anything else.
    pub fn from_json(text: &str) -> Result<CallRecord, RecordError> {
        check_schema(text, &crate::versions::RECORD)?;
        serde_json::from_str(text).map_err(|e| RecordError::Malformed(e.to_string()))
    }
}

/// Checks a JSON document's `schema` field with `kind`'s versions (the one reader of
/// [`crate::versions`]): a newer version is [`RecordError::FutureSchema`], anything else that
/// cannot be read is [`RecordError::Malformed`] with the reason in plain words.
pub fn check_schema(text: &str, kind: &crate::versions::Versioned) -> Result<(), RecordError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| RecordError::Malformed(e.to_string()))?;
    schema_error(kind.check_value(&value))
}

fn schema_error(r: Result<u32, crate::versions::VersionError>) -> Result<(), RecordError> {
    use crate::versions::VersionError;
    match r {
        Ok(_) => Ok(()),
        Err(VersionError::FromTheFuture { found, .. }) => Err(RecordError::FutureSchema(found)),
        Err(VersionError::Missing) => {
            Err(RecordError::Malformed("it has no schema version".into()))
        }
        Err(e) => Err(RecordError::Malformed(e.to_string())),
    }
}

/// Replays a record's choices. The call may be unfinished (a saved call in progress).
pub fn replay(library: &Library, record: &CallRecord) -> Result<Call, RecordError> {
    schema_error(crate::versions::RECORD.check(Some(&serde_json::Value::from(record.schema))))?;
    let campaign = library
        .campaign(&record.campaign)
        .ok_or_else(|| RecordError::UnknownCampaign(record.campaign.clone()))?;
    let found = content_hash(campaign, &library.customers);
    if found != record.content_hash {
        return Err(RecordError::ContentChanged {
            expected: record.content_hash.clone(),
            found,
        });
    }
    let spec = record.set.spec(record.index).ok_or_else(|| {
        RecordError::Mismatch(format!("the set has no call {}", record.index + 1))
    })?;
    if *spec.campaign != *record.campaign {
        return Err(RecordError::Mismatch(format!(
            "call {} of this set is a `{}` call, not `{}`",
            record.index + 1,
            spec.campaign,
            record.campaign
        )));
    }
    let mut call = Call::start_salted(library, &record.set, record.index, record.salt)
        .map_err(|e| RecordError::Mismatch(e.to_string()))?;
    for (turn, choice) in record.choices.iter().enumerate() {
        call.apply(*choice)
            .map_err(|error| RecordError::BadChoice { turn, error })?;
    }
    Ok(call)
}

/// Replays a finished record and compares the claimed scores with the replay's.
pub fn verify(library: &Library, record: &CallRecord) -> Result<Call, RecordError> {
    let call = replay(library, record)?;
    let Some(report) = call.report() else {
        return Err(RecordError::Mismatch("the call never ended".into()));
    };
    match record.claimed {
        None => Err(RecordError::Mismatch("the record claims no scores".into())),
        Some(claimed) if claimed != report.scores => Err(RecordError::Mismatch(format!(
            "it claims overall {}, the replay gives {}",
            claimed.overall, report.scores.overall
        ))),
        Some(_) if record.digest.as_deref() != Some(call.digest().as_str()) => {
            Err(RecordError::Mismatch(
                "the transcript differs from the replay (edited set, seed or choices)".into(),
            ))
        }
        Some(_) => Ok(call),
    }
}
