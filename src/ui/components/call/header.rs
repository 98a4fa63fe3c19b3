//! The compact call header: who is on the line (name, archetype, age), the mood meter (in words
//! as well as colour), the turn and phase, the required steps, the reply countdown, and "End
//! call". On a call it takes the place of the page's big title, so the conversation and the
//! replies fit the screen. The situation sits under it in one short paragraph.

use super::live::{mood_word, Live};
use crate::sim::Snapshot;
use leptos::prelude::*;

/// The header of the call on screen. `context` says where the call sits ("Call 2 of 8");
/// `on_end`, when given, offers "End call" (after a confirmation).
#[component]
pub fn CallHeader(
    live: RwSignal<Option<Live>>,
    /// Seconds left to reply, when the call has a time limit.
    remaining: ReadSignal<Option<u32>>,
    context: Option<Signal<String>>,
    on_end: Option<Callback<()>>,
) -> impl IntoView {
    let persona = move || live.with(|l| l.as_ref().map(|l| l.call.persona().clone()));
    let situation = move || {
        live.with(|l| {
            l.as_ref().map(|l| {
                format!(
                    "{} The customer {}.",
                    l.call.campaign().situation,
                    l.call.persona().trait_text
                )
            })
        })
    };
    let snapshot = move || live.with(|l| l.as_ref().and_then(|l| l.snapshot()));
    let mood = move || snapshot().map(|s| s.mood).unwrap_or(50);
    let turn = move || live.with(|l| l.as_ref().map(|l| l.call.turn() + 1).unwrap_or(1));
    let facts = move || {
        let s: Option<Snapshot> = snapshot();
        let phase = s.as_ref().map(|s| s.phase.to_string()).unwrap_or_default();
        let steps = s
            .map(|s| format!(" · {} of {} steps", s.steps_done, s.steps_total))
            .unwrap_or_default();
        format!("Turn {} · {phase}{steps}", turn())
    };
    let limit_s = move || {
        live.with(|l| {
            l.as_ref()
                .and_then(|l| l.call.spec().reply_limit_ms)
                .map(|ms| ms.div_ceil(1000))
        })
    };
    let confirming = RwSignal::new(false);
    view! {
        <section class="panel call-header" role="region" aria-label="Customer">
            <div class="call-header__who">
                <h2 class="call-header__name">{move || persona().map(|p| p.name).unwrap_or_default()}</h2>
                <p class="call-header__meta">
                    {move || persona().map(|p| format!("{} · {}", p.archetype_label, p.age.as_str())).unwrap_or_default()}
                    {move || context.map(|c| c.get()).filter(|c| !c.is_empty()).map(|c| format!(" · {c}"))}
                </p>
            </div>
            <div class="mood">
                <span class="mood__label" id="mood-label">"Customer mood"</span>
                <div
                    class="mood__track"
                    role="meter"
                    aria-labelledby="mood-label"
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=move || mood().to_string()
                    aria-valuetext=move || format!("{} of 100, {}", mood(), mood_word(mood()))
                >
                    <div
                        class=move || format!("mood__fill mood__fill--{}", mood_word(mood()))
                        style:width=move || format!("{}%", mood().clamp(0, 100))
                    ></div>
                </div>
                <span class="mood__value">{move || format!("{} · {}", mood(), mood_word(mood()))}</span>
            </div>
            <p class="call-header__facts">{facts}</p>
            {move || remaining.get().zip(limit_s()).map(|(s, limit)| view! { <Countdown left=s limit=limit /> })}
            {on_end.map(|end| view! {
                <div class="call-header__end">
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button button--quiet" on:click=move |_| confirming.set(true)>"End call"</button>
                        }
                    >
                        <div class="confirm confirm--inline" role="alertdialog" aria-labelledby="end-call-title" aria-describedby="end-call-body">
                            <p id="end-call-title" class="confirm__title">"End this call?"</p>
                            <p id="end-call-body">"It is recorded as abandoned: it never counts as a pass and stays out of your progress."</p>
                            <button type="button" class="button button--danger" on:click=move |_| { confirming.set(false); end.run(()); }>"Yes, end the call"</button>
                            <button type="button" class="button" on:click=move |_| confirming.set(false)>"Keep going"</button>
                        </div>
                    </Show>
                </div>
            })}
            <p class="call-header__situation">{situation}</p>
        </section>
    }
}

/// The reply countdown as a bar that changes colour near the end, with the seconds in words;
/// the last five seconds are announced once.
#[component]
fn Countdown(left: u32, limit: u32) -> impl IntoView {
    let percent = (left.min(limit) * 100).checked_div(limit).unwrap_or(0);
    let state = match left {
        0..=5 => "countdown countdown--low",
        l if l * 3 <= limit => "countdown countdown--mid",
        _ => "countdown",
    };
    view! {
        <div class=state>
            <span id="timer-label" class="countdown__label">"Time to reply"</span>
            <div class="countdown__track" aria-hidden="true">
                <div class="countdown__fill" style:width=format!("{percent}%")></div>
            </div>
            <span role="timer" aria-labelledby="timer-label" class="countdown__value">{format!("{left} s")}</span>
            <span class="visually-hidden" aria-live="assertive">
                {(left == 5).then_some("5 seconds left to reply.")}
            </span>
        </div>
    }
}
