//! Sending an attempt's xAPI statements: queue what the attempt owes its LRS, then send the
//! queue. The statements, the queue's rules and what each answer means are the core's
//! (`exchange::xapi`); this module only moves them between the store and the network.
//!
//! The queue is flushed when the app starts, after every change of an attempt with an LRS, and
//! when the browser comes back online. Flushes may overlap (each step reads the queue afresh
//! and statement ids are fixed), so a statement may be sent twice but is never lost: an LRS
//! keeps one copy of a statement it already has.

use crate::content::Library;
use crate::exchange::{Attempt, Delivery, LrsLaunch};
use crate::ui::browser::{epoch_ms, lrs};
use crate::ui::params::AssessmentQuery;
use crate::ui::store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Most requests one flush makes (each holds up to `exchange::MAX_BATCH` statements).
const MAX_REQUESTS: usize = 20;

/// Where the queue stands after a flush, in words for the candidate (`None`: nothing waits).
fn status_text(last: Option<&Delivery>) -> Option<String> {
    let (o, _) = store::load_outbox();
    let (waiting, refused) = o.counts();
    let mut parts = Vec::new();
    if waiting > 0 {
        let why = match last {
            Some(Delivery::Retry(why)) | Some(Delivery::Refused(why)) => format!(" ({why})"),
            _ => String::new(),
        };
        parts.push(format!(
            "{waiting} result statement{} could not be sent to your trainer's Learning Record Store yet{why}. They are kept in this browser and sent when it answers: stay online, or come back to this page later.",
            if waiting == 1 { "" } else { "s" }
        ));
    }
    if refused > 0 {
        parts.push(format!(
            "Your trainer's Learning Record Store refused {refused} result statement{}; they are kept in this browser. Download your result and send it to your trainer.",
            if refused == 1 { "" } else { "s" }
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Sends the queue, batch by batch, until it is empty or the LRS does not take a batch.
/// Returns the queue's status in words (`None` when nothing waits).
pub async fn flush() -> Option<String> {
    let mut last = None;
    for _ in 0..MAX_REQUESTS {
        let (outbox, _) = store::load_outbox();
        let Some((endpoint, auth, ids, body)) = outbox.next_batch() else {
            break;
        };
        let delivery = lrs::post_statements(&endpoint, &auth, body).await;
        // Read again: the page may have queued more while the request ran.
        let (mut outbox, _) = store::load_outbox();
        if outbox.settle(&ids, &delivery) && store::save_outbox(&outbox).is_err() {
            break;
        }
        let stop = matches!(delivery, Delivery::Retry(_));
        last = Some(delivery);
        if stop {
            break;
        }
    }
    status_text(last.as_ref())
}

/// Queues what `attempt` owes its LRS (nothing without one), then flushes; the status (or why
/// the queue could not be kept) goes to `note`.
pub fn send(lib: &Library, attempt: &Attempt, note: RwSignal<Option<String>>) {
    if attempt.lrs.is_none() {
        return;
    }
    let (mut outbox, damaged) = store::load_outbox();
    if let Some(d) = damaged {
        note.set(Some(d));
    }
    if outbox.enqueue(lib, attempt, epoch_ms()) > 0 {
        if let Err(e) = store::save_outbox(&outbox) {
            note.set(Some(format!(
                "Your result statements could not be kept in this browser ({e}). Download your result at the end and send it to your trainer."
            )));
            return;
        }
    }
    spawn_local(async move { note.set(flush().await) });
}

/// Flushes the queue now and whenever the browser comes back online (called once, by the app).
pub fn start() {
    spawn_local(async {
        flush().await;
    });
    // The listener lives as long as the app (a handle that is not removed stays).
    let _handle = window_event_listener(leptos::ev::online, |_| {
        spawn_local(async {
            flush().await;
        })
    });
}

/// The launch parameters of an assessment link (`endpoint`, `auth`, `actor`, `registration`),
/// checked by the core; when they cannot be used, `note` says so and there is no launch.
pub fn launch(q: Option<&AssessmentQuery>, note: RwSignal<Option<String>>) -> Option<LrsLaunch> {
    let q = q?;
    LrsLaunch::from_query(
        q.endpoint.as_deref(),
        q.auth.as_deref(),
        q.actor.as_deref(),
        q.registration.as_deref(),
    )
    .unwrap_or_else(|e| {
        note.set(Some(format!(
            "This link's Learning Record Store cannot be used: {e}. Your result will not be sent to it; download it at the end instead."
        )));
        None
    })
}
