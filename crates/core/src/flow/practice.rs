//! The practice flow: setup → call → review → next call (or retry, or back), a shift of calls
//! ending in its summary, and restore after a reload.
//!
//! The call itself lives with the page (it is animated there); the flow keeps what the page must
//! not lose: the stage, the shift, the drill focus, and the current call's record (its inputs
//! only) with the moment its offer appeared, so a reload replays the call to the same turn with
//! the same reply deadline.

use super::record_of;
use crate::content::{Ending, Kind, Library};
use crate::progress::ShiftTally;
use crate::sim::{replay, Call, CallRecord, PersonaSet, RecordError};
use crate::versions::CURRENT_CALL;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Schema of the saved call in progress ([`Saved`]); its compatibility rule is in
/// [`crate::versions::CURRENT_CALL`].
pub const SAVED_SCHEMA: u32 = CURRENT_CALL.current;

/// Where the practice page is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// The setup form.
    #[default]
    Setup,
    /// A call under way.
    Call,
    /// A call under way that was restored after a reload or a return to the page: the trainee
    /// chooses to resume it or end it. Stored as `Call`.
    Paused,
    /// The review of the call just finished.
    Review,
    /// The summary of a finished shift.
    Summary,
}

/// One finished call of a shift.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftResult {
    pub persona: String,
    pub campaign: String,
    pub ending: Ending,
    pub overall: u8,
    pub composure: u8,
}

/// A shift in progress: its plan and how it is going. Invariant: `tally.calls()` equals
/// `results.len()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftState {
    pub plan: u32,
    pub tally: ShiftTally,
    pub results: Vec<ShiftResult>,
}

impl ShiftState {
    pub fn new(plan: u32) -> ShiftState {
        ShiftState {
            plan,
            tally: ShiftTally::default(),
            results: Vec::new(),
        }
    }
}

/// What is saved while a call or shift is under way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub schema: u32,
    pub stage: Stage,
    pub record: CallRecord,
    pub shift: Option<ShiftState>,
    pub typing: bool,
    pub voice: bool,
    /// When the offer on screen appeared (Unix ms): a reload keeps its reply deadline.
    #[serde(default)]
    pub offer_at_ms: Option<f64>,
}

/// What the store should do with the saved call in progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Persist {
    /// Leave it as it is (nothing started yet, or a saved call that could not be restored and
    /// must not be lost).
    Keep,
    /// Save this.
    Write(Box<Saved>),
    /// The trainee left practice: forget it.
    Clear,
}

/// Where "Next call" leads.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// The next call of the same set (a trainer's set of several calls, or a shift).
    Start(PersonaSet, u32),
    /// A fresh practice call from the setup form's settings.
    NewCall,
    /// The shift is over: show its summary.
    Summary,
}

/// Why a saved call could not be restored. The page sets the saved text aside and says so.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    /// Saved by a version of Composure this one cannot read.
    Version(u32),
    /// The record no longer replays (the content changed, or the record is damaged).
    Replay(RecordError),
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestoreError::Version(v) => write!(
                f,
                "it was saved by another version of Composure (format {v}; this one reads {} to {})",
                CURRENT_CALL.min_read, CURRENT_CALL.current
            ),
            RestoreError::Replay(e) => write!(f, "{e}"),
        }
    }
}

/// The practice page's state. Invariants: `record` is present exactly when a call has been
/// started and the stage is not `Setup`; `shift` is present only during a shift.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PracticeFlow {
    stage: Stage,
    shift: Option<ShiftState>,
    focus: Vec<Kind>,
    origin: Option<(PersonaSet, u32)>,
    record: Option<CallRecord>,
    offer_at_ms: Option<f64>,
    typing: bool,
    voice: bool,
    /// Set when the trainee leaves practice, so the stored call is forgotten then and only then.
    cleared: bool,
}

impl PracticeFlow {
    /// A fresh page: the setup form.
    pub fn new() -> PracticeFlow {
        PracticeFlow::default()
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }
    pub fn shift(&self) -> Option<&ShiftState> {
        self.shift.as_ref()
    }
    pub fn focus(&self) -> &[Kind] {
        &self.focus
    }
    /// The display settings the call was started (or restored) with: (typing delay, voice).
    pub fn display(&self) -> (bool, bool) {
        (self.typing, self.voice)
    }

    /// Weak spots to drill in the next calls (from the Progress page).
    pub fn set_focus(&mut self, focus: Vec<Kind>) {
        self.focus = focus;
    }

    /// The setup form starts a single call (leaving any shift).
    pub fn begin_single(&mut self) {
        self.shift = None;
    }

    /// The setup form starts a shift with this plan.
    pub fn begin_shift(&mut self, plan: u32) {
        self.shift = Some(ShiftState::new(plan));
    }

    /// A call has started: on to the call screen.
    pub fn started(
        &mut self,
        lib: &Library,
        call: &Call,
        offer_at_ms: f64,
        typing: bool,
        voice: bool,
    ) {
        self.stage = Stage::Call;
        self.origin = call.origin().cloned();
        self.record = record_of(lib, call);
        self.offer_at_ms = Some(offer_at_ms);
        self.typing = typing;
        self.voice = voice;
        self.cleared = false;
    }

    /// The call moved on (a reply, a new offer). When it is over and fully shown, it is
    /// finished: the shift counts it and the review follows. Returns true exactly once per
    /// call, on that transition, so the page adds the call to the history once.
    pub fn progressed(
        &mut self,
        lib: &Library,
        call: &Call,
        offer_at_ms: f64,
        over_on_screen: bool,
    ) -> bool {
        if self.stage != Stage::Call {
            return false;
        }
        self.record = record_of(lib, call);
        self.offer_at_ms = Some(offer_at_ms);
        if !over_on_screen {
            return false;
        }
        let Some(report) = call.report() else {
            return false;
        };
        if let Some(s) = self.shift.as_mut() {
            s.tally.add(report.ending);
            s.results.push(ShiftResult {
                persona: call.persona().name.clone(),
                campaign: call.campaign().title.to_string(),
                ending: report.ending,
                overall: report.scores.overall,
                composure: report.scores.composure,
            });
        }
        self.stage = Stage::Review;
        true
    }

    /// Whether the call under review is the last of its shift ("Finish shift" rather than
    /// "Next call").
    pub fn last_of_shift(&self) -> bool {
        self.shift.is_some()
            && self
                .origin
                .as_ref()
                .is_none_or(|(set, i)| i + 1 >= set.len())
    }

    /// "Next call" (or "Finish shift"): what comes next. A finished shift moves to its summary.
    pub fn advance(&mut self) -> Next {
        let Some((set, index)) = self.origin.clone() else {
            return Next::NewCall;
        };
        if index + 1 < set.len() {
            return Next::Start(set, index + 1);
        }
        if self.shift.is_some() {
            self.stage = Stage::Summary;
            return Next::Summary;
        }
        Next::NewCall
    }

    /// "Retry this customer": the same set and call again (outside a shift).
    pub fn retry(&self) -> Option<(PersonaSet, u32)> {
        self.origin.clone().filter(|_| self.shift.is_none())
    }

    /// "Back to practice": the setup form, and the stored call is forgotten.
    pub fn back(&mut self) {
        *self = PracticeFlow {
            cleared: true,
            ..PracticeFlow::default()
        };
    }

    /// "Resume": back to the call that was paused.
    pub fn resume(&mut self) {
        if self.stage == Stage::Paused {
            self.stage = Stage::Call;
        }
    }

    /// "End call" (confirmed), from the call or from the pause: the call is over for the
    /// trainee, the shift with it, and the stored call is forgotten. Returns whether there was
    /// a call to end; the page records it as abandoned (`progress::Entry::abandoned`).
    pub fn abandon(&mut self) -> bool {
        if !matches!(self.stage, Stage::Call | Stage::Paused) {
            return false;
        }
        let focus = std::mem::take(&mut self.focus);
        self.back();
        self.focus = focus;
        true
    }

    /// What the store should keep.
    pub fn persist(&self) -> Persist {
        match (&self.record, self.stage) {
            (Some(record), stage) if stage != Stage::Setup => Persist::Write(Box::new(Saved {
                schema: SAVED_SCHEMA,
                // A paused call is still a call under way.
                stage: if stage == Stage::Paused {
                    Stage::Call
                } else {
                    stage
                },
                record: record.clone(),
                shift: self.shift.clone(),
                typing: self.typing,
                voice: self.voice,
                offer_at_ms: self.offer_at_ms,
            })),
            _ if self.cleared => Persist::Clear,
            _ => Persist::Keep,
        }
    }

    /// Restores a saved call after a reload: the flow at the same stage, and the call replayed
    /// to the same turn. A finished call restores to its review (or the shift summary); a call
    /// under way to [`Stage::Paused`], where the trainee resumes it or ends it.
    pub fn restore(lib: &Library, saved: &Saved) -> Result<(PracticeFlow, Call), RestoreError> {
        if !CURRENT_CALL.accepts(saved.schema) {
            return Err(RestoreError::Version(saved.schema));
        }
        let call = replay(lib, &saved.record).map_err(RestoreError::Replay)?;
        let stage = match saved.stage {
            Stage::Summary => Stage::Summary,
            _ if call.is_over() => Stage::Review,
            _ => Stage::Paused,
        };
        let flow = PracticeFlow {
            stage,
            shift: saved.shift.clone(),
            focus: Vec::new(),
            origin: call.origin().cloned(),
            record: Some(saved.record.clone()),
            offer_at_ms: saved.offer_at_ms,
            typing: saved.typing,
            voice: saved.voice,
            cleared: false,
        };
        Ok((flow, call))
    }
}
