//! The simulation core: personas, dialogue, scoring, seeded randomness and replay.
//!
//! Pure Rust: no Leptos, web-sys, js-sys, clock or IO. A call is a pure function of
//! (content, persona set, call index, choices with their reply times); the UI feeds choices in
//! and renders the [`Event`]s that come out. Everything here is tested natively.

mod call;
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
pub use persona::{Fill, Persona, AGENT_NAME, REFERENCE_YEAR};
pub use policy::{
    empathy_words, play, play_many, play_many_with, play_with, sounds_heated, surface_hits,
    text_len, PlayStats, Policy, SurfaceHits, Vocabulary, EMPATHY_WORDS,
};
pub use record::{check_schema, replay, verify, CallRecord, RecordError, SCHEMA_VERSION};
pub use rng::{mix, Stream};
pub use score::{response, Scores, HINT_COST};
pub use set::{
    CallSpec, Calls, Mode, PersonaSet, Weights, DECISIVE_FIELDS, MAX_CALLS, MAX_NAME_CHARS,
};

use crate::content::{Ending, Fate};
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

/// A shift's running tally of how calls ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ShiftTally {
    /// Goal reached: a sale, a completed survey, a resolved complaint.
    pub successes: u32,
    /// Ended politely without the goal: refusals, opt-outs, boundary ends, escalations.
    pub refusals: u32,
    /// The customer hung up.
    pub hang_ups: u32,
    /// Ended by a critical compliance breach.
    pub failures: u32,
}

impl ShiftTally {
    pub fn add(&mut self, ending: Ending) {
        match ending {
            Ending::Goal => self.successes += 1,
            Ending::PoliteClose | Ending::BoundaryEnd | Ending::Escalation => self.refusals += 1,
            Ending::HangUp => self.hang_ups += 1,
            Ending::ComplianceFailure => self.failures += 1,
        }
    }
    pub fn calls(&self) -> u32 {
        self.successes + self.refusals + self.hang_ups + self.failures
    }
    /// Progress toward the plan, 0 to 100; the bonus is earned at 100.
    pub fn bonus_percent(&self, plan: u32) -> u32 {
        (self.successes * 100)
            .checked_div(plan)
            .map_or(100, |p| p.min(100))
    }
}

/// Mean of the first and of the second half of a series (for a shift's trend).
pub fn halves(values: &[u8]) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let mid = values.len() / 2;
    let mean = |s: &[u8]| s.iter().map(|v| f64::from(*v)).sum::<f64>() / s.len() as f64;
    Some((mean(&values[..mid]), mean(&values[mid..])))
}
