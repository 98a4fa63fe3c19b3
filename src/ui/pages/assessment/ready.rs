//! The pause between two calls of an assessment: "Call 2 of 3 — ready?". No call is on screen,
//! so no reply timer runs; the next call starts when the candidate presses "Start call N". The
//! flow decides when this shows ([`crate::flow::AssessmentStage::Ready`]); this only renders it.

use leptos::prelude::*;

/// The ready screen before call `next` of `of`. `limit_s` is the set's time limit per reply.
#[component]
pub(super) fn Ready(
    next: u32,
    of: u32,
    limit_s: Option<u32>,
    on_start: Callback<()>,
) -> impl IntoView {
    // Focus lands on the heading (not the button), so that a key still held from the last
    // reply cannot start the next call by accident, and a screen reader announces the pause.
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let done = next.saturating_sub(1);
    let limit = match limit_s {
        Some(s) => format!("Once it starts, you have {s} seconds for each reply, as before."),
        None => "There is no time limit per reply.".to_string(),
    };
    view! {
        <div class="ready-screen panel">
            <h1 node_ref=heading tabindex="-1">{format!("Call {next} of {of} \u{2014} ready?")}</h1>
            <p>{format!("Call {done} is over. Take a moment: nothing is timed on this screen, and leaving this tab is not counted until the next call starts.")}</p>
            <p>{limit}</p>
            <button type="button" class="button button--primary" on:click=move |_| on_start.run(())>
                {format!("Start call {next}")}
            </button>
        </div>
    }
}
