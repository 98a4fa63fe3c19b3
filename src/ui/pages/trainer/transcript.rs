//! One candidate's assessment, call by call, with the per-turn feedback of the review.

use crate::exchange::{self, Checked};
use crate::ui::components::CallReview;
use leptos::prelude::*;

/// A candidate's whole assessment, call by call, with per-turn feedback.
#[component]
pub(super) fn Transcript(checked: Checked, on_close: Callback<()>) -> impl IntoView {
    let f = &checked.file;
    view! {
        <section class="panel transcript-view" aria-labelledby="transcript-title">
            <h2 id="transcript-title" tabindex="-1">"Transcript: "<bdi>{exchange::display_name(&f.candidate)}</bdi></h2>
            <p><bdi>{exchange::display_name(&f.set.name)}</bdi>{format!(" · {} to {} · left the tab {} time(s) · reloaded {} time(s)", exchange::format_date(f.started_at_ms), exchange::format_date(f.finished_at_ms), f.tab_leaves, f.reloads)}</p>
            <p class=if checked.verdict == exchange::Verdict::Verified { "notice notice--info" } else { "notice notice--warning" }>{checked.verdict.text()}</p>
            <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>"Close transcript"</button>
            {checked.calls.iter().enumerate().map(|(i, call)| view! {
                <h3>{format!("Call {}", i + 1)}</h3>
                <CallReview call=call.clone() title_id=format!("review-title-{}", i + 1)><span></span></CallReview>
            }).collect_view()}
        </section>
    }
}
