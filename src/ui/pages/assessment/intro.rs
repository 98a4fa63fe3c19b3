//! The assessment's intro: the set's rules in words, and the candidate's name.

use crate::sim::PersonaSet;
use leptos::prelude::*;

/// The rules of the set on offer and "Begin assessment".
#[component]
pub(super) fn Intro(
    set: PersonaSet,
    name: RwSignal<String>,
    on_begin: Callback<()>,
    /// The name comes from the learning platform: shown, not editable.
    #[prop(optional)]
    platform_name: bool,
) -> impl IntoView {
    view! {
        <h1>{format!("Assessment: {}", set.name)}</h1>
        <h2>"Rules"</h2>
        <ul class="rules">
            <li>{format!("{} call(s), one after another, the same customers in the same order for every candidate.", set.len())}</li>
            <li>{match set.reply_limit_s { Some(t) => format!("Time limit per reply: {t} seconds."), None => "No time limit per reply.".into() }}</li>
            <li>"No hints, no retries, and no feedback until the end."</li>
            <li>{format!("Pass mark: {} (the mean overall score of your calls).", set.pass_mark)}</li>
            <li>"Leaving this tab during the assessment is counted and reported to your trainer."</li>
        </ul>
        <form class="panel" on:submit=move |ev| { ev.prevent_default(); on_begin.run(()); }>
            <div class="field">
                <label for="candidate">"Your name"</label>
                <input id="candidate" type="text" autocomplete="name" readonly=platform_name aria-describedby=platform_name.then_some("candidate-note") prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {platform_name.then(|| view! { <p id="candidate-note" class="muted">"Your learning platform supplied your name."</p> })}
            </div>
            <button type="submit" class="button button--primary">"Begin assessment"</button>
        </form>
    }
}
