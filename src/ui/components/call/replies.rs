//! The reply panel: the offered lines as buttons (digit keys pick them too), the
//! verdict card after a reply (practice), the hint and an error.
//!
//! After a reply with feedback on, the verdict card takes the place of the offer: the next offer
//! is not shown, and its reply time does not start, until the trainee presses "Continue". Focus
//! follows: to "Continue" when the card appears, to the first line when the offer comes back.

use super::live::{acknowledge, choose, verdict, LastTurn, Live, Screen};
use crate::sim::Feedback;
use leptos::prelude::*;

/// The replies on offer for the call on screen, with what goes with them.
#[component]
pub fn ReplyPanel(
    live: RwSignal<Option<Live>>,
    screen: Screen,
    on_change: Callback<()>,
    /// What the last digit key did, when it matched no line.
    key_note: ReadSignal<Option<String>>,
) -> impl IntoView {
    let offer = move || live.with(|l| l.as_ref().and_then(|l| l.offer()));
    let awaiting = move || live.with(|l| l.as_ref().is_some_and(|l| l.awaiting));
    let hints_on = move || live.with(|l| l.as_ref().map(|l| l.call.spec().hints).unwrap_or(false));
    let hint_text = move || {
        live.with(|l| {
            l.as_ref()
                .filter(|l| l.hint_shown)
                .and_then(|l| l.call.hint().map(|h| h.to_string()))
        })
    };
    let limit_s = move || {
        live.with(|l| {
            l.as_ref()
                .and_then(|l| l.call.spec().reply_limit_ms)
                .map(|ms| ms.div_ceil(1000))
        })
    };
    let error = move || live.with(|l| l.as_ref().and_then(|l| l.error.clone()));

    // Focus follows the conversation: the first line of a new offer after "Continue".
    let first_reply = NodeRef::<leptos::html::Button>::new();
    let focus_offer = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(b) = first_reply.get() {
            if focus_offer.get_untracked() {
                focus_offer.set(false);
                let _ = b.focus();
            }
        }
    });
    let go_on = Callback::new(move |_: ()| {
        focus_offer.set(true);
        acknowledge(live, on_change);
    });

    view! {
        <section class="panel reply-panel" aria-label="Your turn">
            {move || {
                if awaiting() {
                    let last = live.with_untracked(|l| l.as_ref().and_then(|l| l.last_turn()));
                    let limit = limit_s();
                    return view! { <VerdictCard last=last limit_s=limit on_continue=go_on /> }.into_any();
                }
                view! {
                    <div role="group" aria-label="Your reply" class="replies">
                        {move || match offer() {
                            Some(lines) => lines
                                .into_iter()
                                .enumerate()
                                .map(|(i, text)| {
                                    let number = format!("{}. ", i + 1);
                                    let node = if i == 0 { first_reply } else { NodeRef::new() };
                                    view! {
                                        <button
                                            type="button"
                                            class="reply"
                                            node_ref=node
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
                }
                .into_any()
            }}
            <p class="replies__note" role="status">{move || key_note.get()}</p>
            <Show when=move || hints_on() && !awaiting()>
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
        </section>
    }
}

/// The verdict on the last reply, in its moment: the verdict, the reason, the better line behind
/// a toggle, and "Continue" (Enter).
#[component]
fn VerdictCard(
    last: Option<LastTurn>,
    limit_s: Option<u32>,
    on_continue: Callback<()>,
) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    });
    let body = match last {
        Some(LastTurn::Reply(f)) => view! { <FeedbackNote feedback=*f /> }.into_any(),
        Some(LastTurn::TimedOut { .. }) => view! {
            <section class="feedback feedback--improve" aria-label="Feedback on your last line">
                <h3 class="feedback__title">"△ Time ran out"</h3>
                <p>{match limit_s {
                    Some(s) => format!("You did not reply within {s} seconds, so the customer heard silence. Silence costs patience and counts as a missed turn."),
                    None => "You did not reply in time, so the customer heard silence.".to_string(),
                }}</p>
            </section>
        }
        .into_any(),
        None => view! { <p>"Your reply was taken."</p> }.into_any(),
    };
    view! {
        <div class="verdict">
            {body}
            <button type="button" class="button button--primary verdict__continue" node_ref=button on:click=move |_| on_continue.run(())>
                "Continue"
            </button>
            <span class="replies__keys">" or press Enter"</span>
        </div>
    }
}

/// Feedback on one reply: the verdict, why, any breach, steps done, and the better line.
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
                <details class="feedback__better-toggle">
                    <summary>"Show the better line"</summary>
                    <p class="feedback__better"><strong>"Better line: "</strong>{b.text.to_string()}</p>
                    <p class="feedback__why">{b.why.to_string()}</p>
                </details>
            })}
        </section>
    }
}
