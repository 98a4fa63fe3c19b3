//! The practice page's smaller screens: the pause when a call under way is found (resume it or
//! end it), the review with its actions, and the drill banner.

use crate::content::{names, Kind};
use crate::flow::PracticeFlow;
use crate::ui::components::{CallReview, Live};
use leptos::prelude::*;

/// A call under way was found (after a reload, or on coming back to the page): resume it or end
/// it, never restored silently.
#[component]
pub(super) fn Paused(
    live: RwSignal<Option<Live>>,
    /// A drill asked for by Progress that waits for this call to be resumed or ended.
    drill: ReadSignal<Vec<Kind>>,
    on_resume: Callback<()>,
    on_end: Callback<()>,
) -> impl IntoView {
    let who = live.with_untracked(|l| {
        l.as_ref()
            .map(|l| {
                format!(
                    "You have a call in progress with {} ({}), at turn {}.",
                    l.call.persona().name,
                    l.call.campaign().title,
                    l.call.turn() + 1
                )
            })
            .unwrap_or_else(|| "You have a call in progress.".into())
    });
    let resume = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = resume.get() {
            let _ = b.focus();
        }
    });
    view! {
        <section class="panel paused" aria-labelledby="paused-title">
            <h2 id="paused-title">"Call in progress"</h2>
            <p>{who}</p>
            {move || {
                let d = drill.get();
                (!d.is_empty()).then(|| view! {
                    <p class="notice notice--info">{format!("Your drill ({}) starts when this call is ended.", kind_names(&d))}</p>
                })
            }}
            <p class="muted">"Ending it records it as abandoned: it never counts as a pass and stays out of your progress."</p>
            <div class="review__actions">
                <button type="button" class="button button--primary" node_ref=resume on:click=move |_| on_resume.run(())>"Resume call"</button>
                <button type="button" class="button" on:click=move |_| on_end.run(())>"End it"</button>
            </div>
        </section>
    }
}

/// The review of the call just finished, with what comes next.
#[component]
pub(super) fn Review(
    live: RwSignal<Option<Live>>,
    flow: RwSignal<PracticeFlow>,
    on_next: Callback<()>,
    on_retry: Callback<()>,
    on_back: Callback<()>,
) -> impl IntoView {
    let call = live.with_untracked(|l| l.as_ref().map(|l| l.call.clone()));
    let (in_shift, last) = flow.with_untracked(|f| (f.shift().is_some(), f.last_of_shift()));
    match call {
        Some(call) => view! {
            <CallReview call=call autofocus=true>
                <button type="button" class="button button--primary" on:click=move |_| on_next.run(())>
                    {if last { "Finish shift" } else { "Next call" }}
                </button>
                {(!in_shift).then(|| view! {
                    <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry this customer"</button>
                })}
                <button type="button" class="button button--quiet" on:click=move |_| on_back.run(())>"Back to practice"</button>
            </CallReview>
        }
        .into_any(),
        None => view! { <p>"No call to review."</p> }.into_any(),
    }
}

/// "Drill: scam checks, insults": what this call drills, while it runs.
#[component]
pub(super) fn DrillBanner(kinds: Vec<Kind>) -> impl IntoView {
    view! { <p class="notice notice--info drill-banner">{format!("Drill: {}", kind_names(&kinds))}</p> }
}

/// Move kinds in words, comma-separated ("scam checks, insults").
fn kind_names(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| names::kind_plural(*k))
        .collect::<Vec<_>>()
        .join(", ")
}
