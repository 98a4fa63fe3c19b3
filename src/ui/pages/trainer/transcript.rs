//! One candidate's assessment, call by call, with the per-turn feedback of the review, in a
//! modal `<dialog>`: it opens over the results (not below the fold), takes the focus to its
//! heading, and closes with Escape or its Close button, the focus going back to the row.

use crate::exchange::{self, Checked};
use crate::ui::browser::{close_dialog, show_modal};
use crate::ui::components::CallReview;
use leptos::prelude::*;

/// A candidate's whole assessment, call by call, with per-turn feedback. `on_close` runs once
/// the dialog has closed (by Escape or the Close button).
#[component]
pub(super) fn Transcript(checked: Checked, on_close: Callback<()>) -> impl IntoView {
    let f = &checked.file;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            show_modal(&d);
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
    });
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            close_dialog(&d);
        }
    };
    view! {
        <dialog node_ref=dialog class="dialog transcript-dialog" aria-labelledby="transcript-title" on:close=move |_| on_close.run(())>
            <div class="dialog__bar transcript-dialog__head">
                <h2 id="transcript-title" tabindex="-1" node_ref=heading>"Transcript: "<bdi>{exchange::display_name(&f.candidate)}</bdi></h2>
                <button type="button" class="button" on:click=close>"Close transcript"</button>
            </div>
            <div class="transcript-dialog__body">
                <p><bdi>{exchange::display_name(&f.set.name)}</bdi>{format!(" · {} to {} · left the tab {} time(s) · reloaded {} time(s)", exchange::format_date(f.started_at_ms), exchange::format_date(f.finished_at_ms), f.tab_leaves, f.reloads)}</p>
                <p class=if checked.verdict == exchange::Verdict::Verified { "notice notice--info" } else { "notice notice--warning" }>{checked.verdict.text()}</p>
                {checked.calls.iter().enumerate().map(|(i, call)| view! {
                    <h3>{format!("Call {}", i + 1)}</h3>
                    <CallReview call=call.clone() title_id=format!("review-title-{}", i + 1)><span></span></CallReview>
                }).collect_view()}
            </div>
        </dialog>
    }
}
