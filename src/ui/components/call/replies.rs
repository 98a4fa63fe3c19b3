//! The reply panel: the countdown, the offered lines as buttons (digit keys pick them too), the
//! hint, an error, and the feedback on the last reply; and [`FeedbackNote`] itself.

use super::live::{choose, verdict, Live, Screen};
use crate::sim::Feedback;
use leptos::prelude::*;

/// The replies on offer for the call on screen, with what goes with them.
#[component]
pub fn ReplyPanel(
    live: RwSignal<Option<Live>>,
    screen: Screen,
    on_change: Callback<()>,
    /// Seconds left to reply, when the call has a time limit.
    remaining: ReadSignal<Option<u32>>,
    /// What the last digit key did, when it matched no line.
    key_note: ReadSignal<Option<String>>,
) -> impl IntoView {
    let offer = move || live.with(|l| l.as_ref().and_then(|l| l.offer()));
    let hints_on = move || live.with(|l| l.as_ref().map(|l| l.call.spec().hints).unwrap_or(false));
    let hint_text = move || {
        live.with(|l| {
            l.as_ref()
                .filter(|l| l.hint_shown)
                .and_then(|l| l.call.hint().map(|h| h.to_string()))
        })
    };
    let feedback = move || {
        if screen.feedback {
            live.with(|l| l.as_ref().and_then(|l| l.last_feedback()))
        } else {
            None
        }
    };
    let error = move || live.with(|l| l.as_ref().and_then(|l| l.error.clone()));
    view! {
        <section class="panel reply-panel">
            {move || remaining.get().map(|s| view! {
                <p class="timer">
                    <span id="timer-label">"Time to reply"</span>
                    " "
                    <span role="timer" aria-labelledby="timer-label" class=if s <= 5 { "timer__value timer__value--low" } else { "timer__value" }>
                        {format!("{s} s")}
                    </span>
                </p>
            })}
            <div role="group" aria-label="Your reply" class="replies">
                {move || match offer() {
                    Some(lines) => lines
                        .into_iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let number = format!("{}. ", i + 1);
                            view! {
                                <button
                                    type="button"
                                    class="reply"
                                    aria-keyshortcuts=(i + 1).to_string()
                                    on:click=move |_| choose(live, screen, Some(i as u8), on_change)
                                >
                                    <span class="reply__key" aria-hidden="true">{(i + 1).to_string()}</span>
                                    <span class="reply__text"><span class="visually-hidden">{number}</span>{text}</span>
                                </button>
                            }
                        })
                        .collect_view()
                        .into_any(),
                    None => view! { <p class="replies__wait">"Listen…"</p> }.into_any(),
                }}
            </div>
            <p class="replies__keys">
                {move || offer().map(|o| format!("Press 1 to {} to pick a line.", o.len())).unwrap_or_default()}
            </p>
            <p class="replies__note" role="status">{move || key_note.get()}</p>
            <Show when=hints_on>
                <div class="hint">
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || hint_text().is_some() || offer().is_none()
                        on:click=move |_| live.update(|l| if let Some(l) = l.as_mut() { l.hint_shown = true })
                    >
                        "Show hint"
                    </button>
                    <span class="hint__cost">" (costs 5 correctness points)"</span>
                    {move || hint_text().map(|h| view! { <p class="hint__text" role="note">{h}</p> })}
                </div>
            </Show>
            {move || error().map(|e| view! { <p class="notice notice--danger" role="alert">{e}</p> })}
            {move || feedback().map(|f| view! { <FeedbackNote feedback=f /> })}
        </section>
    }
}

/// Feedback on the last reply.
#[component]
pub fn FeedbackNote(feedback: Feedback) -> impl IntoView {
    let good = feedback.better.is_none();
    let class = if good {
        "feedback feedback--good"
    } else {
        "feedback feedback--improve"
    };
    let title = format!(
        "{}{}",
        if good { "✓ " } else { "△ " },
        verdict(feedback.quality, feedback.tone)
    );
    view! {
            <section class=class aria-label="Feedback on your last line">
                <h3 class="feedback__title">{title}</h3>
                <p>{feedback.why.to_string()}</p>
                {feedback.breaches.iter().map(|b| view! {
                    <p class="feedback__breach">
                        {if b.critical { "Critical compliance breach: " } else { "Compliance: " }}
                        {b.label.to_string()}
                    </p>
                }).collect_view()}
                {(!feedback.steps.is_empty()).then(|| view! {
                    <p class="feedback__steps">"Step done: " {feedback.steps.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; ")}</p>
                })}
                {feedback.better.map(|b| view! {
                    <p class="feedback__better"><strong>"Better line: "</strong>{b.text.to_string()}</p>
                    <p class="feedback__why">{b.why.to_string()}</p>
                })}
            </section>
    }
}
