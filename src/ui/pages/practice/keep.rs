//! What the practice page keeps in the browser: its settings (out-of-range ones fall back, and the
//! page says so), the call in progress (restored after a reload, stored from one effect), and
//! finished or abandoned calls in the history.

use crate::content::{content_hash, Library};
use crate::flow::{Persist, PracticeFlow, Saved};
use crate::progress::Entry;
use crate::sim::{Call, CallRecord};
use crate::ui::browser::{epoch_ms, prefers_reduced_motion};
use crate::ui::components::Live;
use crate::ui::store::{self, Prefs};
use leptos::prelude::*;
use std::sync::Arc;

/// The settings to start from, and what was corrected in them, in words. `campaigns` are every
/// campaign the app offers, as (id, title), read yet or not (`AppState::campaigns`).
pub(super) fn initial_prefs(
    lib: &Library,
    campaigns: &[(String, String)],
) -> (Prefs, Option<String>) {
    // Settings out of range (a difficulty of 99, a customer or campaign this app lacks) fall
    // back to their defaults, and the page says which.
    let customers: Vec<&str> = lib.customers.archetypes.iter().map(|a| &*a.id).collect();
    let ids: Vec<&str> = campaigns.iter().map(|(id, _)| id.as_str()).collect();
    let (stored_prefs, prefs_notices) = store::load_prefs_reported(&customers, &ids);
    let mut initial = stored_prefs;
    if !ids.contains(&initial.campaign.as_str()) {
        // As the first-call app's loader decides (`content::first_call_campaign`).
        initial.campaign = ids.first().map(|id| id.to_string()).unwrap_or_default();
    }
    if prefers_reduced_motion() {
        initial.typing = false;
    }
    let notice = (!prefs_notices.is_empty()).then(|| {
        prefs_notices
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    });
    (initial, notice)
}

/// Restores a call in progress after a reload; one that cannot be restored is set aside (never
/// deleted) and the page says so.
pub(super) fn restore(
    lib: &Arc<Library>,
    flow: RwSignal<PracticeFlow>,
    live: RwSignal<Option<Live>>,
    prefs: RwSignal<Prefs>,
    notice: RwSignal<Option<String>>,
) {
    match store::load_current::<Saved>() {
        Some(Ok(saved)) => match PracticeFlow::restore(lib, &saved) {
            Ok((restored, call)) => {
                let (typing, voice) = restored.display();
                prefs.update(|p| {
                    p.typing = typing;
                    p.voice = voice;
                });
                live.set(Some(Live::resumed(call, saved.offer_at_ms)));
                flow.set(restored);
            }
            Err(e) => notice.set(store::set_aside_current(&e.to_string()).map(|n| {
                format!("Your call in progress could not be restored: {n} You can start a new one.")
            })),
        },
        Some(Err(e)) => notice.set(Some(format!(
            "Your call in progress could not be restored because {e}."
        ))),
        None => {}
    }
}

/// The one place the call in progress is stored: whenever what the flow keeps changes.
pub(super) fn persist(flow: RwSignal<PracticeFlow>, notice: RwSignal<Option<String>>) {
    Effect::new(move |_| match flow.with(|f| f.persist()) {
        Persist::Keep => {}
        Persist::Write(saved) => {
            if let Err(e) = store::save_current(&saved) {
                notice.set(Some(format!(
                    "This call could not be saved: {e}. It will be lost on reload."
                )));
            }
        }
        Persist::Clear => {
            if let Err(e) = store::remove_current() {
                notice.set(Some(format!(
                    "The finished call could not be cleared from this browser: {e}."
                )));
            }
        }
    });
}

/// Keeps a call in the history: finished (`false`) or abandoned (`true`).
pub(super) fn history(
    lib: Arc<Library>,
    notice: RwSignal<Option<String>>,
) -> Callback<(Call, bool)> {
    Callback::new(move |(call, abandoned): (Call, bool)| {
        let record = CallRecord::of(&call, content_hash(call.campaign(), &lib.customers));
        let entry = record.and_then(|r| {
            if abandoned {
                Entry::abandoned(&call, r, epoch_ms())
            } else {
                Entry::from_call(&call, r, epoch_ms())
            }
        });
        if let Some(entry) = entry {
            if let Err(e) = store::save_entry(&entry) {
                notice.set(Some(format!(
                    "This call could not be added to your progress: {e}."
                )));
            }
        }
    })
}
