//! A shift on screen: the running tally with its bonus meter, and the summary at the end.

use crate::content::names;
use crate::flow::ShiftState;
use crate::progress::trend_words;
use crate::ui::components::Live;
use leptos::prelude::*;

/// The running tally of a shift and its bonus meter.
#[component]
pub(super) fn ShiftBar(shift: ShiftState, live: RwSignal<Option<Live>>) -> impl IntoView {
    let t = shift.tally;
    let bonus = t.bonus_percent(shift.plan);
    let position = live.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| l.call.origin().map(|(s, i)| (i + 1, s.len())))
    });
    view! {
        <section class="panel shift-bar" aria-label="Shift">
            <p class="shift-bar__position">{position.map(|(i, n)| format!("Call {i} of {n}")).unwrap_or_default()}</p>
            <p class="shift-bar__tally">{t.words()}</p>
            <div class="bonus">
                <span id="bonus-label">{format!("Bonus: plan {} of {}", t.successes.min(shift.plan), shift.plan)}</span>
                <div class="bonus__track" role="meter" aria-labelledby="bonus-label" aria-valuemin="0" aria-valuemax="100"
                    aria-valuenow=bonus.to_string() aria-valuetext=format!("{bonus}% of the plan")>
                    <div class="bonus__fill" style:width=format!("{bonus}%")></div>
                </div>
            </div>
        </section>
    }
}

/// The end of a shift: tally, plan and the trend across the calls.
#[component]
pub(super) fn ShiftSummary(
    shift: Option<ShiftState>,
    on_new: Callback<()>,
    on_back: Callback<()>,
) -> impl IntoView {
    let Some(s) = shift else {
        return view! { <p>"No shift to sum up."</p> }.into_any();
    };
    let met = s.tally.plan_met(s.plan);
    let overall: Vec<u8> = s.results.iter().map(|r| r.overall).collect();
    let composure: Vec<u8> = s.results.iter().map(|r| r.composure).collect();
    let trend = |name: &str, v: &[u8]| trend_words(name, v).unwrap_or_default();
    view! {
        <section class="review" aria-labelledby="summary-title">
            <h2 id="summary-title">"Shift summary"</h2>
            <p class=if met { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                {s.tally.plan_words(s.plan)}
            </p>
            <p>{s.tally.words()}</p>
            <p>{trend("Composure", &composure)} " " {trend("Overall", &overall)}</p>
            <table class="table table--cards">
                <caption>"Calls in this shift"</caption>
                <thead><tr><th scope="col">"Call"</th><th scope="col">"Customer"</th><th scope="col">"Campaign"</th><th scope="col">"Ending"</th><th scope="col">"Overall"</th><th scope="col">"Composure"</th></tr></thead>
                <tbody>
                    {s.results.iter().enumerate().map(|(i, r)| view! {
                        <tr><td data-label="Call">{(i + 1).to_string()}</td><td data-label="Customer">{r.persona.clone()}</td><td data-label="Campaign">{r.campaign.clone()}</td><td data-label="Ending">{names::ending(r.ending).name}</td><td data-label="Overall">{r.overall.to_string()}</td><td data-label="Composure">{r.composure.to_string()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="review__actions">
                <button type="button" class="button button--primary" on:click=move |_| on_new.run(())>"New shift"</button>
                <button type="button" class="button button--quiet" on:click=move |_| on_back.run(())>"Back to practice"</button>
            </div>
        </section>
    }
    .into_any()
}
