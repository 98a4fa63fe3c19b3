//! The assessment flow: what opening the page shows (a link, a file, a resumed attempt, a
//! finished one), the intro with its rules, the calls in order with a "ready?" pause between
//! them, and the end with a summary of each call.
//!
//! Inside a SCORM package ([`OpenedFrom::Package`]) the same flow also plays a practice set:
//! its calls in order, with the ready screen between them, while the platform records the
//! attempt as it records an assessment. On the site a practice set is refused here: its link
//! opens on the Practice page.
//!
//! The browser-only parts stay with the page: the tab lock (one tab per running attempt), the
//! clock and the random salt are passed in. Everything that decides what the candidate sees and
//! what the attempt records is here, and tested natively.

use super::record_of;
use crate::content::{Ending, Library};
use crate::exchange::{check_set, Attempt, ImportError, LrsLaunch, LrsSession, SetFile};
use crate::sim::{replay, Call, Mode};

/// Where the assessment page is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum AssessmentStage {
    /// Nothing opened yet: the page offers to open a file.
    #[default]
    Empty,
    /// A set is open: its rules and the name field.
    Intro(Box<SetFile>),
    /// Between two calls: call `next` (1-based) of `of` is the one to come. No call is on
    /// screen, so no reply timer runs and leaving the tab is not counted; the call starts only
    /// when the candidate asks ([`AssessmentFlow::advance`]). Invariant: `1 <= next <= of`.
    Ready { next: u32, of: u32 },
    /// A call of the attempt is under way.
    Running,
    /// The attempt is over: its result.
    Done,
    /// The attempt runs in another tab.
    Elsewhere,
}

/// What opening the page leads to, from the link (if any), the stored attempt (if any) and the
/// finished attempts kept in this browser.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// Nothing to show yet.
    Nothing,
    /// The link cannot be read: the reason.
    BadLink(String),
    /// An attempt under way: resume it (once this tab holds the attempt's lock).
    Resume(Box<Attempt>),
    /// A finished attempt: show its result. `again` is true when the candidate re-opened the
    /// link of a set they already completed.
    Finished { attempt: Box<Attempt>, again: bool },
    /// A new set from the link: show its intro (after [`AssessmentFlow::intro`] checks it).
    Open(Box<SetFile>),
}

impl Opening {
    /// Decides what to show. `finished_of` looks up a finished attempt by set id.
    pub fn decide(
        link: Option<Result<SetFile, ImportError>>,
        stored: Option<Attempt>,
        finished_of: impl FnOnce(&str) -> Option<Attempt>,
    ) -> Opening {
        match (link, stored) {
            (Some(Err(e)), _) => Opening::BadLink(e.to_string()),
            (Some(Ok(f)), Some(a)) if a.set == f && a.finished_at_ms.is_none() => {
                Opening::Resume(Box::new(a))
            }
            // A finished assessment shows its result; opening the link again never restarts it.
            (Some(Ok(f)), _) => match finished_of(&f.set.id) {
                Some(done) => Opening::Finished {
                    attempt: Box::new(done),
                    again: true,
                },
                None => Opening::Open(Box::new(f)),
            },
            (None, Some(a)) if a.finished_at_ms.is_some() => Opening::Finished {
                attempt: Box::new(a),
                again: false,
            },
            (None, Some(a)) => Opening::Resume(Box::new(a)),
            (None, None) => Opening::Nothing,
        }
    }
}

/// Where a set was opened: it decides which sets the flow plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenedFrom {
    /// On the site (a link or a file): assessment sets only.
    Site,
    /// The launch page of a SCORM package: the package's set, assessment or practice.
    Package,
}

/// What a reply did to the attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progressed {
    /// The call goes on; the attempt was updated (save it).
    Saved,
    /// The call is over and recorded, and another one remains: the stage is now
    /// [`AssessmentStage::Ready`], and the next call starts when the candidate asks.
    Ready,
    /// The last call is over and recorded: end the attempt with [`AssessmentFlow::advance`].
    Finished,
    /// Nothing changed (no attempt running).
    Nothing,
}

/// The assessment page's state. Invariant: `attempt` is present in `Ready`, `Running` and
/// `Done`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssessmentFlow {
    stage: AssessmentStage,
    attempt: Option<Attempt>,
    /// Whether this page runs the attempt (began or resumed it), and so must store it. A
    /// finished attempt that is only shown is never written back: it could overwrite another.
    running_here: bool,
}

impl AssessmentFlow {
    pub fn new() -> AssessmentFlow {
        AssessmentFlow::default()
    }
    pub fn stage(&self) -> &AssessmentStage {
        &self.stage
    }
    pub fn attempt(&self) -> Option<&Attempt> {
        self.attempt.as_ref()
    }

    /// Opens a set for its intro: a set that this library can play, and an assessment set
    /// unless it is the set of a package launch (`from`), where practice sets play too.
    pub fn intro(&mut self, lib: &Library, f: SetFile, from: OpenedFrom) -> Result<(), String> {
        if f.set.mode != Mode::Assessment && from != OpenedFrom::Package {
            return Err(
                "This set is for practice, not an assessment: open it on the Practice page.".into(),
            );
        }
        check_set(lib, &f.set).map_err(|e| match f.set.mode {
            Mode::Assessment => format!("This assessment cannot be taken here: {e}."),
            Mode::Practice => format!("This practice cannot be taken here: {e}."),
        })?;
        self.stage = AssessmentStage::Intro(Box::new(f));
        Ok(())
    }

    /// Shows a finished attempt's result.
    pub fn show_finished(&mut self, a: Attempt) {
        self.attempt = Some(a);
        self.running_here = false;
        self.stage = AssessmentStage::Done;
    }

    /// The attempt runs in another tab.
    pub fn elsewhere(&mut self) {
        self.stage = AssessmentStage::Elsewhere;
    }

    /// The id of the set on the intro, if any (the page takes the tab lock on it).
    pub fn intro_set_id(&self) -> Option<&str> {
        match &self.stage {
            AssessmentStage::Intro(f) => Some(&f.set.id),
            _ => None,
        }
    }

    /// "Begin assessment": a new attempt of the set on the intro, with the salt drawn now (so
    /// the link alone predicts none of its calls). Then [`AssessmentFlow::advance`].
    pub fn begin(&mut self, name: &str, now_ms: f64, salt: u64) -> Result<(), String> {
        let AssessmentStage::Intro(f) = &self.stage else {
            return Err("There is no assessment open to begin.".into());
        };
        let who = name.trim();
        if who.is_empty() {
            return Err("Your name: enter your name before you begin.".into());
        }
        self.attempt = Some(Attempt::new((**f).clone(), who.to_string(), now_ms, salt));
        self.running_here = true;
        Ok(())
    }

    /// Fixes where the attempt just begun sends its xAPI statements: the launch's LRS (from the
    /// link's `endpoint`, `auth`, `actor` and `registration`), else the set's, else none.
    /// `origin` is the app's address (the home page of the candidate's account when the launch
    /// names no actor). Returns whether the attempt has an LRS. Only an attempt this page began
    /// and that has no finished call yet is changed.
    pub fn attach_lrs(&mut self, launch: Option<&LrsLaunch>, origin: &str) -> bool {
        let Some(a) = self.attempt.as_mut().filter(|a| a.done.is_empty()) else {
            return false;
        };
        if !self.running_here {
            return false;
        }
        let salt = a.salt.unwrap_or_default();
        a.lrs = LrsSession::resolve(launch, &a.set, &a.candidate, origin, salt, a.started_at_ms);
        a.lrs.is_some()
    }

    /// Starts the next call of the attempt (returned, for the page to show), or ends the
    /// attempt (`Ok(None)`): then the stage is `Done` and the attempt has its finish time. The
    /// page calls it after [`AssessmentFlow::begin`], when the candidate presses "Start call N"
    /// on the ready screen, and after the last call ([`Progressed::Finished`]). The reply
    /// deadline of the new call runs from `now_ms`.
    pub fn advance(&mut self, lib: &Library, now_ms: f64) -> Result<Option<Call>, String> {
        let Some(a) = self.attempt.as_mut() else {
            return Err("There is no assessment under way.".into());
        };
        match a.next_index() {
            Some(i) => {
                let call = a
                    .start_call(lib, i)
                    .map_err(|e| format!("The call could not start: {e}."))?;
                a.current = record_of(lib, &call);
                a.offer_at_ms = Some(now_ms);
                self.stage = AssessmentStage::Running;
                Ok(Some(call))
            }
            None => {
                a.current = None;
                a.offer_at_ms = None;
                a.finished_at_ms.get_or_insert(now_ms);
                self.stage = AssessmentStage::Done;
                Ok(None)
            }
        }
    }

    /// The call on screen moved on. `offer_at_ms` is when its current offer appeared.
    pub fn progressed(
        &mut self,
        lib: &Library,
        call: &Call,
        offer_at_ms: f64,
        over_on_screen: bool,
    ) -> Progressed {
        if self.stage != AssessmentStage::Running {
            return Progressed::Nothing;
        }
        let (Some(a), Some(rec)) = (self.attempt.as_mut(), record_of(lib, call)) else {
            return Progressed::Nothing;
        };
        if over_on_screen {
            a.current = None;
            a.offer_at_ms = None;
            a.done.push(rec);
            match a.next_index() {
                Some(i) => {
                    self.stage = AssessmentStage::Ready {
                        next: i + 1,
                        of: a.set.set.len(),
                    };
                    Progressed::Ready
                }
                None => Progressed::Finished,
            }
        } else {
            a.current = Some(rec);
            a.offer_at_ms = Some(offer_at_ms);
            Progressed::Saved
        }
    }

    /// The call to come and how many there are, on the ready screen between calls.
    pub fn ready(&self) -> Option<(u32, u32)> {
        match self.stage {
            AssessmentStage::Ready { next, of } => Some((next, of)),
            _ => None,
        }
    }

    /// The candidate left the tab: counted while a call runs (not on the ready screen, where
    /// there is nothing to look up). Returns whether it was counted.
    pub fn tab_left(&mut self) -> bool {
        match (&self.stage, self.attempt.as_mut()) {
            (AssessmentStage::Running, Some(a)) => {
                a.tab_leaves += 1;
                true
            }
            _ => false,
        }
    }

    /// Resumes a stored attempt after a reload. With a call under way, that call is replayed to
    /// the same turn and the reload is counted: returned with when its offer appeared (Unix ms),
    /// so the reply deadline carries on. Between calls (no call under way) the page comes back
    /// to the ready screen (`Ok(None)`) and the reload is not counted: no call was on screen.
    pub fn resume(
        &mut self,
        lib: &Library,
        a: Attempt,
    ) -> Result<Option<(Call, Option<f64>)>, String> {
        let fail = |e: String| format!("The assessment in progress could not be resumed: {e}.");
        let Some(rec) = &a.current else {
            let Some(i) = a.next_index() else {
                return Err(fail("nothing left to play".into()));
            };
            // The next call must still be playable here, or the ready screen would lead nowhere.
            a.start_call(lib, i).map_err(|e| fail(e.to_string()))?;
            self.stage = AssessmentStage::Ready {
                next: i + 1,
                of: a.set.set.len(),
            };
            self.attempt = Some(a);
            self.running_here = true;
            return Ok(None);
        };
        let call = replay(lib, rec).map_err(|e| fail(e.to_string()))?;
        let mut a = a;
        let offer_at = a.resumed();
        self.attempt = Some(a);
        self.running_here = true;
        self.stage = AssessmentStage::Running;
        Ok(Some((call, offer_at)))
    }

    /// The attempt to keep as "the assessment under way" (saved after every change): only one
    /// this page began or resumed.
    pub fn persist(&self) -> Option<&Attempt> {
        self.attempt.as_ref().filter(|_| self.running_here)
    }

    /// The finished attempt, to keep by set id.
    pub fn finished(&self) -> Option<&Attempt> {
        self.attempt.as_ref().filter(|a| a.finished_at_ms.is_some())
    }
}

/// One finished call of an attempt, as the candidate's summary shows it at the end.
#[derive(Clone, Debug, PartialEq)]
pub struct CallSummary {
    /// 1-based, in the order played.
    pub number: u32,
    /// The customer's name and kind, e.g. "Margaret Hughes (Sceptic)".
    pub customer: String,
    pub ending: Ending,
    /// Whether that ending was the right one for this customer.
    pub right_ending: bool,
    pub overall: u8,
}

impl CallSummary {
    /// How the call ended, in a few plain words.
    pub fn ending_words(&self) -> &'static str {
        match self.ending {
            Ending::Goal => "Goal reached",
            Ending::PoliteClose => "Closed politely without the goal",
            Ending::BoundaryEnd => "You ended an abusive call politely",
            Ending::Escalation => "Handed on to the right team",
            Ending::HangUp => "The customer hung up",
            Ending::ComplianceFailure => "A compliance failure ended the call",
        }
    }

    /// The call in one sentence: how it ended, whether that was the ending this customer
    /// needed, and its overall score.
    pub fn words(&self) -> String {
        let fit = if self.right_ending {
            "the right ending for this customer"
        } else {
            "not the ending this customer needed"
        };
        format!(
            "{} ({fit}). Overall {} out of 100.",
            self.ending_words(),
            self.overall
        )
    }
}

/// A summary of each finished call of an attempt, in order, from replaying its records (the
/// records hold only inputs). A call that no longer replays is an error, in words.
pub fn call_summaries(lib: &Library, a: &Attempt) -> Result<Vec<CallSummary>, String> {
    a.done
        .iter()
        .enumerate()
        .map(|(i, rec)| {
            let call =
                replay(lib, rec).map_err(|e| format!("call {} cannot be shown: {e}", i + 1))?;
            let report = call
                .report()
                .ok_or_else(|| format!("call {} is not finished", i + 1))?;
            let p = call.persona();
            Ok(CallSummary {
                number: i as u32 + 1,
                customer: format!("{} ({})", p.name, p.archetype_label),
                ending: report.ending,
                right_ending: report.right_ending,
                overall: report.scores.overall,
            })
        })
        .collect()
}
