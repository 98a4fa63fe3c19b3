//! The assessment's intro: the set's rules in words, and the candidate's name. A practice set
//! (only in a SCORM package) has its own rules: feedback after each reply, hints if allowed, no
//! pass mark.

use crate::sim::{Mode, PersonaSet};
use leptos::prelude::*;

/// The rules of the set on offer and "Begin assessment" (or "Begin practice").
#[component]
pub(super) fn Intro(
    set: PersonaSet,
    name: RwSignal<String>,
    on_begin: Callback<()>,
    /// The name comes from the learning platform: shown, not editable.
    #[prop(optional)]
    platform_name: bool,
) -> impl IntoView {
    let practice = set.mode == Mode::Practice;
    let (kind, begin) = if practice {
        ("Practice", "Begin practice")
    } else {
        ("Assessment", "Begin assessment")
    };
    let rules = if practice {
        [
            "Feedback after each reply: read it, then continue.".to_string(),
            if set.hints {
                "Hints: each reply offers one (it costs 5 correctness points).".into()
            } else {
                "No hints.".into()
            },
            "Your score: the mean overall score of your calls.".into(),
        ]
    } else {
        [
            "No hints, no retries, and no feedback until the end.".to_string(),
            format!(
                "Pass mark: {} (the mean overall score of your calls).",
                set.pass_mark
            ),
            "Leaving this tab during the assessment is counted and reported to your trainer."
                .into(),
        ]
    };
    view! {
        <h1>{format!("{kind}: {}", set.name)}</h1>
        <h2>"Rules"</h2>
        <ul class="rules">
            <li>{format!("{} call(s), one after another, the same customers in the same order for every candidate.", set.len())}</li>
            <li>{match set.reply_limit_s { Some(t) => format!("Time limit per reply: {t} seconds."), None => "No time limit per reply.".into() }}</li>
            {rules.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
        </ul>
        <form class="panel" on:submit=move |ev| { ev.prevent_default(); on_begin.run(()); }>
            <div class="field">
                <label for="candidate">"Your name"</label>
                <input id="candidate" type="text" autocomplete="name" readonly=platform_name aria-describedby=platform_name.then_some("candidate-note") prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {platform_name.then(|| view! { <p id="candidate-note" class="muted">"Your learning platform supplied your name."</p> })}
            </div>
            <button type="submit" class="button button--primary">{begin}</button>
        </form>
    }
}
