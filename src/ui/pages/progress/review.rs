//! A past call's review in a modal dialog: the call is replayed from the record kept in its
//! history entry (`progress::Entry::replay`); when the content has changed and it no longer
//! replays, the dialog says so in words and shows the scores kept with the entry.

use crate::progress::Entry;
use crate::ui::browser::{local_date_time, set_modal};
use crate::ui::components::CallReview;
use crate::ui::store::History;
use crate::ui::use_app;
use leptos::prelude::*;

/// The review of the call at `open` (an index into the history), in a dialog that opens while
/// `open` holds one. Escape, the Close button or the dialog closing any other way clears it.
#[component]
pub(super) fn ReviewDialog(
    history: RwSignal<History>,
    open: RwSignal<Option<usize>>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let is_open = open.get().is_some();
        if let Some(d) = dialog.get() {
            set_modal(&d, is_open);
        }
    });
    let entry = move || {
        open.get()
            .and_then(|i| history.with_untracked(|h| h.entries.get(i).cloned()))
    };
    view! {
        <dialog node_ref=dialog class="dialog review-dialog" aria-labelledby="progress-review-title"
            on:close=move |_| open.set(None)>
            {move || entry().map(|e| view! { <PastCall entry=e on_close=move || open.set(None) /> })}
        </dialog>
    }
}

/// One past call: what it was, then its review or why it cannot be replayed.
#[component]
fn PastCall(entry: Entry, on_close: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let replayed = use_app()
        .library_untracked()
        .map_err(|_| {
            "The campaigns could not be loaded, so this call cannot be replayed.".to_string()
        })
        .and_then(|lib| entry.replay(&lib));
    let about = format!(
        "{} · {} · {} ({})",
        local_date_time(entry.finished_at_ms),
        entry.campaign_title,
        entry.persona,
        entry.archetype
    );
    view! {
        <div class="dialog__bar review-dialog__bar">
            <p class="review-dialog__about">{about}</p>
            <button type="button" class="button button--quiet" on:click=move |_| on_close()>"Close"</button>
        </div>
        {match replayed {
            Ok(call) => view! {
                <CallReview call title_id="progress-review-title".to_string()><span></span></CallReview>
            }.into_any(),
            Err(why) => {
                let s = entry.scores;
                view! {
                    <section class="review" aria-labelledby="progress-review-title">
                        <h2 id="progress-review-title">"Call review"</h2>
                        <p class="notice notice--warning">{why}</p>
                        <p>{format!(
                            "{}. Overall {}, composure {}, correctness {}, outcome {}, responsiveness {}. {}.",
                            entry.ending_name(),
                            s.overall, s.composure, s.correctness, s.outcome, s.responsiveness,
                            if entry.passed { "Passed" } else { "Not passed" }
                        )}</p>
                    </section>
                }.into_any()
            }
        }}
    }
}
