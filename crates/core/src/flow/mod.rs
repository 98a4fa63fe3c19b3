//! The trainee's flows as plain state machines, with no Leptos inside: the practice page (a call,
//! its review, the next call, a shift) and an assessment (intro, the calls in order, the result).
//!
//! The pages hold one of these in a signal, call its methods on user actions and render what it
//! says; what is stored comes from one method ([`PracticeFlow::persist`],
//! [`AssessmentFlow::persist`]) that the page hands to the store from a single effect. Every
//! transition is tested natively in `tests/flow.rs`.
//!
//! Layering: imports `content`, `sim`, `progress` and `exchange`; nothing in the core imports it.

mod assessment;
mod practice;

pub use assessment::{
    call_summaries, AssessmentFlow, AssessmentStage, CallSummary, OpenedFrom, Opening, Progressed,
};
pub use practice::{
    Next, Persist, PracticeFlow, RestoreError, Saved, ShiftResult, ShiftState, Stage, SAVED_SCHEMA,
};

use crate::content::{content_hash, Library};
use crate::sim::{Call, CallRecord};

/// The record (inputs only) of a call, as both flows keep it.
fn record_of(lib: &Library, call: &Call) -> Option<CallRecord> {
    CallRecord::of(call, content_hash(call.campaign(), &lib.customers))
}
