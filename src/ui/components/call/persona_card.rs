//! The customer's card: name, archetype and age, the situation, the mood meter (in words as well
//! as colour), the phase and the required steps done.

use super::live::{mood_word, Live};
use leptos::prelude::*;

/// The persona card of the call on screen.
#[component]
pub fn PersonaCard(live: RwSignal<Option<Live>>) -> impl IntoView {
    let persona = move || live.with(|l| l.as_ref().map(|l| l.call.persona().clone()));
    let situation = move || {
        live.with(|l| {
            l.as_ref().map(|l| {
                let c = l.call.campaign();
                format!(
                    "{} The customer {}.",
                    c.situation,
                    l.call.persona().trait_text
                )
            })
        })
    };
    let snapshot = move || live.with(|l| l.as_ref().and_then(|l| l.snapshot()));
    let mood = move || snapshot().map(|s| s.mood).unwrap_or(50);
    view! {
        <section class="panel persona-card" role="region" aria-label="Customer">
            <h2 class="persona-card__name">{move || persona().map(|p| p.name).unwrap_or_default()}</h2>
            <p class="persona-card__meta">
                {move || persona().map(|p| format!("{} · {}", p.archetype_label, p.age.as_str())).unwrap_or_default()}
            </p>
            <p class="persona-card__situation">{situation}</p>
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
            <dl class="persona-card__facts">
                <dt>"Phase"</dt>
                <dd>{move || snapshot().map(|s| s.phase.to_string()).unwrap_or_default()}</dd>
                <dt>"Required steps"</dt>
                <dd>{move || snapshot().map(|s| format!("{} of {} done", s.steps_done, s.steps_total)).unwrap_or_default()}</dd>
            </dl>
        </section>
    }
}
