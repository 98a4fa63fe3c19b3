//! The practice setup form: campaign, customer, difficulty, time limit, options, and the shift
//! settings. It edits the stored settings ([`Prefs`]); the page starts the call.

use crate::content::Library;
use crate::flow::PracticeFlow;
use crate::ui::state::Need;
use crate::ui::store::{Prefs, REPLY_LIMITS_S, SHIFT_CALLS, SHIFT_PLANS};
use crate::ui::use_app;
use leptos::prelude::*;
use std::sync::Arc;

/// The practice setup form.
#[component]
pub(super) fn Setup(
    lib: Arc<Library>,
    /// Every campaign the app offers, as (id, title), read yet or not (`AppState::campaigns`).
    campaigns: Vec<(String, String)>,
    prefs: RwSignal<Prefs>,
    flow: RwSignal<PracticeFlow>,
    on_call: Callback<()>,
    on_shift: Callback<()>,
) -> impl IntoView {
    let archetypes: Vec<(String, String)> = lib
        .customers
        .archetypes
        .iter()
        .map(|a| (a.id.to_string(), a.label.to_string()))
        .collect();
    let p = prefs.get_untracked();
    let app = use_app();
    view! {
        <form class="panel setup" on:submit=move |ev| { ev.prevent_default(); on_call.run(()); }>
            <p class="lede">"Pick a campaign and take calls until the rude ones no longer rattle you."</p>
            {move || {
                let f = flow.with(|f| f.focus().to_vec());
                (!f.is_empty()).then(|| view! {
                    <p class="notice notice--info">"Drilling your weak spots: " {f.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")}</p>
                })
            }}
            <div class="field">
                <label for="campaign">"Campaign"</label>
                <select id="campaign" on:change=move |ev| {
                    prefs.update(|p| p.campaign = event_target_value(&ev));
                    // A campaign the first call did not need may not have arrived: fetch it now.
                    app.want(Need::All);
                }>
                    {campaigns.into_iter().map(|(id, title)| {
                        let selected = id == p.campaign;
                        view! { <option value=id selected=selected>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="customer">"Customer"</label>
                <select id="customer" on:change=move |ev| prefs.update(|p| p.customer = event_target_value(&ev))>
                    <option value="random" selected=p.customer == "random">"Random"</option>
                    {archetypes.into_iter().map(|(id, label)| {
                        let selected = id == p.customer;
                        view! { <option value=id selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="difficulty">"Difficulty"</label>
                <select id="difficulty" on:change=move |ev| prefs.update(|p| p.difficulty = event_target_value(&ev).parse().unwrap_or(2))>
                    {(1..=5u8).map(|d| view! {
                        <option value=d.to_string() selected=d == p.difficulty>{format!("{d}{}", match d { 1 => " (gentle)", 5 => " (hardest)", _ => "" })}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="limit">"Reply time limit"</label>
                <select id="limit" on:change=move |ev| prefs.update(|p| p.reply_limit_s = event_target_value(&ev).parse().unwrap_or(0))>
                    {REPLY_LIMITS_S.into_iter().map(|s| view! {
                        <option value=s.to_string() selected=s == p.reply_limit_s>{if s == 0 { "Off".to_string() } else { format!("{s} seconds") }}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field field--checks">
                <legend>"Options"</legend>
                <label><input type="checkbox" id="hints" prop:checked=p.hints on:change=move |ev| prefs.update(|p| p.hints = event_target_checked(&ev)) />" Hints"</label>
                <label><input type="checkbox" id="voice" prop:checked=p.voice on:change=move |ev| prefs.update(|p| p.voice = event_target_checked(&ev)) />" Voice"</label>
                <label><input type="checkbox" id="typing" prop:checked=p.typing on:change=move |ev| prefs.update(|p| p.typing = event_target_checked(&ev)) />" Typing delay"</label>
            </fieldset>
            <div class="setup__actions">
                <button type="submit" class="button button--primary">"Start call"</button>
            </div>
            <fieldset class="shift-options">
                <legend>"Shift"</legend>
                <p class="muted">"A run of calls with a plan to meet, as on the floor: many refusals in a row, and calm all the same."</p>
                <label for="shift-calls">"Calls in shift"</label>
                <select id="shift-calls" on:change=move |ev| prefs.update(|p| p.shift_calls = event_target_value(&ev).parse().unwrap_or(8))>
                    {SHIFT_CALLS.into_iter().map(|n| view! { <option value=n.to_string() selected=n == p.shift_calls>{n.to_string()}</option> }).collect_view()}
                </select>
                <label for="shift-plan">"Plan (successes)"</label>
                <select id="shift-plan" on:change=move |ev| prefs.update(|p| p.shift_plan = event_target_value(&ev).parse().unwrap_or(2))>
                    {SHIFT_PLANS.into_iter().map(|n| view! { <option value=n.to_string() selected=n == p.shift_plan>{n.to_string()}</option> }).collect_view()}
                </select>
                <label><input type="checkbox" id="mixed" prop:checked=p.mixed on:change=move |ev| prefs.update(|p| p.mixed = event_target_checked(&ev)) />" Mixed campaigns (several clients)"</label>
                <button type="button" class="button" on:click=move |_| on_shift.run(())>"Start shift"</button>
            </fieldset>
        </form>
    }
}
