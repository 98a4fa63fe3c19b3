//! What the assessment page keeps and reads back: the attempt after every change (in this
//! browser, in the learning platform of a SCORM launch, and as statements for a Learning Record
//! Store), and what opening the page finds stored.

use super::Launch;
use crate::exchange::{Attempt, ImportError, SetFile};
use crate::flow::Opening;
use crate::ui::{lrs, store, AppState};
use leptos::prelude::*;

/// Keeps the attempt after a change; every failure is said on the page.
pub(super) fn attempt(
    a: &Attempt,
    app: AppState,
    launch: Option<&Launch>,
    notice: RwSignal<Option<String>>,
    lrs_note: RwSignal<Option<String>>,
) {
    if let Err(e) = store::save_attempt(a) {
        notice.set(Some(format!(
            "The assessment could not be saved in this browser: {e}."
        )));
    }
    if a.finished_at_ms.is_some() {
        if let Err(e) = store::save_finished(a) {
            notice.set(Some(format!("The finished assessment could not be kept in this browser: {e}. Download the result now.")));
        }
    }
    if let Ok(lib) = app.library_untracked() {
        if let Some(p) = launch.and_then(|l| l.report(&lib, a)) {
            notice.set(Some(format!(
                "Your learning platform did not record everything: {p}."
            )));
        }
        lrs::send(&lib, a, lrs_note);
    }
}

/// What opening the page leads to: from the link (or the platform's launch), the stored attempt
/// (or the one the platform resumed), and the finished attempts kept in this browser.
pub(super) fn opening(
    link: Option<Result<SetFile, ImportError>>,
    platform: Option<Option<Attempt>>,
    notice: RwSignal<Option<String>>,
) -> Opening {
    let stored = match platform.clone() {
        Some(resumed) => resumed.map(Ok),
        None => store::load_attempt(),
    };
    let stored = match stored {
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => {
            notice.set(Some(format!(
                "A saved assessment could not be read because {e}."
            )));
            None
        }
        None => None,
    };
    Opening::decide(link, stored, |id| {
        if let Some(resumed) = platform {
            return resumed.filter(|a| a.finished_at_ms.is_some());
        }
        match store::load_finished_reported(id) {
            Some(Ok(a)) => Some(a),
            // A damaged copy of a finished attempt is set aside (and said so); the link then
            // opens its intro.
            Some(Err(n)) => {
                notice.set(Some(n.to_string()));
                None
            }
            None => None,
        }
    })
}
