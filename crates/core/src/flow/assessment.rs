//! The assessment flow: what opening the page shows (a link, a file, a resumed attempt, a
//! finished one), the intro with its rules, the calls in order, and the end.
//!
//! The browser-only parts stay with the page: the tab lock (one tab per running attempt), the
//! clock and the random salt are passed in. Everything that decides what the candidate sees and
//! what the attempt records is here, and tested natively.

use super::record_of;
use crate::content::Library;
use crate::exchange::{check_set, Attempt, ImportError, SetFile};
use crate::sim::{replay, Call, Mode};

/// Where the assessment page is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum AssessmentStage {
    /// Nothing opened yet: the page offers to open a file.
    #[default]
    Empty,
    /// A set is open: its rules and the name field.
    Intro(Box<SetFile>),
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

/// What a reply did to the attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progressed {
    /// The call goes on; the attempt was updated (save it).
    Saved,
    /// The call is over and recorded: start the next one with [`AssessmentFlow::advance`].
    CallDone,
    /// Nothing changed (no attempt running).
    Nothing,
}

/// The assessment page's state. Invariant: `attempt` is present in `Running` and `Done`.
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

    /// Opens a set for its intro: it must be an assessment set that this library can play.
    pub fn intro(&mut self, lib: &Library, f: SetFile) -> Result<(), String> {
        if f.set.mode != Mode::Assessment {
            return Err(
                "This set is for practice, not an assessment: open it on the Practice page.".into(),
            );
        }
        check_set(lib, &f.set)
            .map_err(|e| format!("This assessment cannot be taken here: {e}."))?;
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

    /// Starts the next call of the attempt (returned, for the page to show), or ends the
    /// attempt (`Ok(None)`): then the stage is `Done` and the attempt has its finish time.
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
            a.done.push(rec);
            Progressed::CallDone
        } else {
            a.current = Some(rec);
            a.offer_at_ms = Some(offer_at_ms);
            Progressed::Saved
        }
    }

    /// The candidate left the tab: counted while a call runs. Returns whether it was counted.
    pub fn tab_left(&mut self) -> bool {
        match (&self.stage, self.attempt.as_mut()) {
            (AssessmentStage::Running, Some(a)) => {
                a.tab_leaves += 1;
                true
            }
            _ => false,
        }
    }

    /// Resumes a stored attempt after a reload (counted): the call under way replayed to the
    /// same turn, or the next call. Returns the call and when its offer appeared (Unix ms), so
    /// the reply deadline carries on.
    pub fn resume(&mut self, lib: &Library, a: Attempt) -> Result<(Call, Option<f64>), String> {
        let call = match &a.current {
            Some(rec) => replay(lib, rec).map_err(|e| e.to_string()),
            None => match a.next_index() {
                Some(i) => a.start_call(lib, i).map_err(|e| e.to_string()),
                None => Err("nothing left to play".into()),
            },
        }
        .map_err(|e| format!("The assessment in progress could not be resumed: {e}."))?;
        let mut a = a;
        let offer_at = a.resumed();
        self.attempt = Some(a);
        self.running_here = true;
        self.stage = AssessmentStage::Running;
        Ok((call, offer_at))
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
