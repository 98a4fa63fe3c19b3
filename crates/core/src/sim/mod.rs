//! The simulation core: personas, dialogue, scoring, seeded randomness and replay.
//!
//! Pure Rust: no Leptos, web-sys, js-sys, clock or IO. A call is a pure function of
//! (content, persona set, call index, choices with their reply times); the UI feeds choices in
//! and renders the [`Event`]s that come out. Everything here is tested natively.

mod call;
mod explain;
mod persona;
mod policy;
mod record;
mod rng;
mod score;
mod set;

pub use call::{
    draw_offer, transcript_text, Better, Breach, Call, Choice, Cue, Event, Feedback, Report,
    Snapshot, StepResult, MAX_TURNS,
};
pub use explain::{clean, explain, explain_ledger, Cost, Explained, Ledger, ScoreKind};
pub use persona::{Fill, Persona, AGENT_NAME, REFERENCE_YEAR};
pub use policy::{
    empathy_words, play, play_many, play_many_with, play_with, sounds_heated, surface_hits,
    text_len, PlayStats, Policy, SurfaceHits, Vocabulary, EMPATHY_WORDS,
};
pub use record::{check_schema, replay, verify, CallRecord, RecordError, SCHEMA_VERSION};
pub use rng::{mix, Stream};
pub use score::{response, Mark, Scores, CRITICAL_CAP, HINT_COST, HOSTILE_CAP, SILENCE_COMPOSURE};
pub use set::{
    CallSpec, Calls, Mode, PersonaSet, Weights, DECISIVE_FIELDS, MAX_CALLS, MAX_NAME_CHARS,
};

use crate::content::Fate;
use std::fmt;

/// Why a call could not start or take a choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimError {
    UnknownCampaign(String),
    UnknownArchetype(String),
    FateUnavailable(Fate),
    BadSet(String),
    NoSuchCall(u32),
    EmptyDeck,
    CallOver,
    InvalidPick(u8),
    HintsOff,
    NoTimeLimit,
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::UnknownCampaign(c) => write!(f, "unknown campaign `{c}`"),
            SimError::UnknownArchetype(a) => write!(f, "unknown customer archetype `{a}`"),
            SimError::FateUnavailable(x) => {
                write!(f, "the campaign has no `{}` ending", x.as_str())
            }
            SimError::BadSet(m) => write!(f, "the persona set is invalid: {m}"),
            SimError::NoSuchCall(i) => write!(f, "the set has no call {}", i + 1),
            SimError::EmptyDeck => write!(f, "the campaign has no moves to play"),
            SimError::CallOver => write!(f, "the call is already over"),
            SimError::InvalidPick(p) => write!(f, "line {} was not on offer", u32::from(*p) + 1),
            SimError::HintsOff => write!(f, "a hint was used but hints are off"),
            SimError::NoTimeLimit => write!(f, "a reply timed out but the call has no time limit"),
        }
    }
}
