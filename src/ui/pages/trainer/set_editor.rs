//! The persona-set form, in four groups: Basics (name, mode, campaigns), Customers (how many,
//! which, how hard), Rules (time limit, pass mark, hints) and Advanced (seed and score weights,
//! folded away). It edits a [`SetForm`] (text as typed); turning it into a set, with its checks,
//! is [`SetForm::to_set`]'s job, run by the caller on save. The caller hands the refusal back in
//! `problem`; the form shows it beside the field it names (its message starts with the field's
//! label, "Pass mark: ...") and beside the Save button, where the user is looking.

use crate::exchange::{self, SetForm};
use crate::ui::browser::fresh_seed;
use crate::ui::use_app;
use leptos::prelude::*;

/// The labels of the fields a refusal can name, as the form shows them, with the id of the
/// element the message is shown beside. The Advanced group opens for the last five.
const FIELDS: [(&str, &str); 12] = [
    ("Set name", "set-name"),
    ("Campaign", "set-campaigns"),
    ("Customers", "set-archetypes"),
    ("Number of calls", "set-count"),
    ("Difficulty", "set-difficulty"),
    ("Time limit per reply", "set-limit"),
    ("Pass mark", "set-pass"),
    ("Composure weight", "w-composure"),
    ("Correctness weight", "w-correctness"),
    ("Outcome weight", "w-outcome"),
    ("Responsiveness weight", "w-responsiveness"),
    ("LRS endpoint", "set-lrs-endpoint"),
];

/// The field a refusal names (by the form's own labels) and the message without the label;
/// `None` for a refusal about the set as a whole.
fn field_of(problem: &str) -> Option<(&'static str, String)> {
    if let Some(rest) = problem.strip_prefix("Seed: ") {
        return Some(("set-seed", rest.to_string()));
    }
    FIELDS.iter().find_map(|(label, id)| {
        problem
            .strip_prefix(label)
            .and_then(|r| r.strip_prefix(": "))
            .map(|r| (*id, r.to_string()))
    })
}

/// The persona-set form.
#[component]
pub(super) fn SetEditor(
    key: Option<String>,
    form: SetForm,
    on_save: Callback<(Option<String>, SetForm)>,
    on_cancel: Callback<()>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let f = RwSignal::new(form);
    // A change to the form clears the last refusal (it may no longer hold).
    Effect::new(move |_| {
        f.track();
        problem.set(None);
    });
    // The message for the element `id`, when the last refusal names it.
    let error_for = move |id: &'static str| {
        move || {
            problem.with(|p| {
                p.as_deref()
                    .and_then(field_of)
                    .filter(|(at, _)| *at == id)
                    .map(|(_, m)| m)
            })
        }
    };
    let invalid = move |id: &'static str| move || error_for(id)().map(|_| "true");
    let described = move |id: &'static str| move || error_for(id)().map(|_| format!("{id}-error"));
    let error_text = move |id: &'static str| {
        move || {
            error_for(id)()
                .map(|m| view! { <p id=format!("{id}-error") class="field-error">{m}</p> })
        }
    };
    // Advanced opens when a refusal names one of its fields; otherwise it stays as the user
    // left it (the signal follows the element's own toggling).
    let advanced = NodeRef::<leptos::html::Details>::new();
    let advanced_open = RwSignal::new(false);
    Effect::new(move |_| {
        let named = problem.with(|p| {
            p.as_deref()
                .and_then(field_of)
                .is_some_and(|(id, _)| id == "set-seed" || id.starts_with("w-"))
        });
        if named {
            advanced_open.set(true);
        }
    });
    let lib = use_app().library_untracked().ok();
    let campaigns = lib
        .as_deref()
        .map(exchange::campaign_choices)
        .unwrap_or_default();
    let archetypes: Vec<(String, String)> = lib
        .as_ref()
        .map(|l| {
            l.customers
                .archetypes
                .iter()
                .map(|a| (a.id.to_string(), a.label.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let title = if key.is_some() {
        "Edit persona set"
    } else {
        "New persona set"
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     get: fn(&SetForm) -> String,
                     put: fn(&mut SetForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" aria-invalid=invalid(id) aria-describedby=described(id) prop:value=move || f.with(get) on:input=move |ev| f.update(|x| put(x, event_target_value(&ev))) />
                {error_text(id)}
            </div>
        }
    };
    let weight = move |i: usize, id: &'static str, label: &'static str| {
        view! {
            <div class="field field--small">
                <label for=id>{label}</label>
                <input id=id type="number" min="0" max="1000" aria-invalid=invalid(id) aria-describedby=described(id) prop:value=move || f.with(|x| x.weights[i].clone()) on:input=move |ev| f.update(|x| x.weights[i] = event_target_value(&ev)) />
                {error_text(id)}
            </div>
        }
    };
    // A group of checkboxes that edits a list of ids in the form (campaigns, customers).
    let checks = move |id: &'static str,
                       legend: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&SetForm) -> &Vec<String>,
                       list: fn(&mut SetForm) -> &mut Vec<String>| {
        view! {
            <fieldset id=id class="field field--checks" aria-describedby=described(id)>
                <legend>{legend}</legend>
                {error_text(id)}
                {options.into_iter().map(|(id, label)| {
                    let (a, b) = (id.clone(), id);
                    view! {
                        <label><input type="checkbox" prop:checked=move || f.with(|x| get(x).contains(&a)) on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            f.update(|x| { let l = list(x); l.retain(|c| *c != b); if on { l.push(b.clone()); } });
                        } />" " {label}</label>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    let assessment = move || f.with(|x| x.mode == "assessment");
    view! {
        <form class="panel set-form" aria-label=title novalidate on:submit=move |ev| { ev.prevent_default(); on_save.run((key.clone(), f.get_untracked())); }>
            <h3>{title}</h3>
            <fieldset class="form-group">
                <legend>"Basics"</legend>
                {text("set-name", "Set name", |x| x.name.clone(), |x, v| x.name = v)}
                <div class="field">
                    <label for="set-mode">"Mode"</label>
                    <select id="set-mode" on:change=move |ev| f.update(|x| x.mode = event_target_value(&ev))>
                        <option value="practice" selected=move || !assessment()>"Practice"</option>
                        <option value="assessment" selected=assessment>"Assessment"</option>
                    </select>
                </div>
                {checks("set-campaigns", "Campaign", campaigns, |x| &x.campaigns, |x| &mut x.campaigns)}
            </fieldset>
            <fieldset class="form-group">
                <legend>"Customers"</legend>
                <div class="field">
                    <label for="set-calls">"Calls"</label>
                    <select id="set-calls" on:change=move |ev| f.update(|x| x.calls_kind = event_target_value(&ev))>
                        <option value="random" selected=move || f.with(|x| x.calls_kind == "random")>"Random customers"</option>
                        <option value="chosen" selected=move || f.with(|x| x.calls_kind == "chosen")>"Chosen customers"</option>
                    </select>
                </div>
                <Show when=move || f.with(|x| x.calls_kind != "chosen")>
                    {text("set-count", "Number of calls", |x| x.count.clone(), |x, v| x.count = v)}
                </Show>
                <Show when=move || f.with(|x| x.calls_kind == "chosen")>
                    {checks("set-archetypes", "Chosen customers", archetypes.clone(), |x| &x.archetypes, |x| &mut x.archetypes)}
                </Show>
                <div class="field">
                    <label for="set-difficulty">"Difficulty"</label>
                    <select id="set-difficulty" aria-invalid=invalid("set-difficulty") aria-describedby=described("set-difficulty") on:change=move |ev| f.update(|x| x.difficulty = event_target_value(&ev))>
                        {(1..=5u8).map(|d| view! { <option value=d.to_string() selected=move || f.with(|x| x.difficulty == d.to_string())>{d.to_string()}</option> }).collect_view()}
                    </select>
                    {error_text("set-difficulty")}
                </div>
            </fieldset>
            <fieldset class="form-group">
                <legend>"Rules"</legend>
                <div class="field">
                    <label for="set-limit">"Time limit per reply"</label>
                    <select id="set-limit" aria-invalid=invalid("set-limit") aria-describedby=described("set-limit") on:change=move |ev| f.update(|x| x.reply_limit = event_target_value(&ev))>
                        {["off", "10", "15", "20", "30", "45", "60", "120"].into_iter().map(|s| view! {
                            <option value=s selected=move || f.with(|x| x.reply_limit == s)>{if s == "off" { "Off".to_string() } else { format!("{s} seconds") }}</option>
                        }).collect_view()}
                    </select>
                    {error_text("set-limit")}
                </div>
                <div class="field">
                    <label for="set-pass">"Pass mark"</label>
                    <input id="set-pass" type="number" min="0" max="100" aria-invalid=invalid("set-pass") aria-describedby=described("set-pass") prop:value=move || f.with(|x| x.pass_mark.clone()) on:input=move |ev| f.update(|x| x.pass_mark = event_target_value(&ev)) />
                    {error_text("set-pass")}
                </div>
                <div class="field">
                    <label><input type="checkbox" id="set-hints" prop:checked=move || f.with(|x| x.hints) prop:disabled=assessment on:change=move |ev| f.update(|x| x.hints = event_target_checked(&ev)) />" Hints"</label>
                    <span class="muted">" (practice only)"</span>
                </div>
                <div class="field">
                    <label><input type="checkbox" id="set-practice-open" prop:checked=move || f.with(|x| x.practice_open) prop:disabled=move || !assessment() on:change=move |ev| f.update(|x| x.practice_open = event_target_checked(&ev)) />" Open for practice"</label>
                    <span class="muted">" (assessment only: candidates may also practise on this set; every attempt still gets its own calls)"</span>
                </div>
            </fieldset>
            <details class="form-group form-group--advanced" node_ref=advanced prop:open=move || advanced_open.get() on:toggle=move |_| {
                if let Some(d) = advanced.get_untracked() {
                    advanced_open.set(d.open());
                }
            }>
                <summary>"Advanced: seed and score weights"</summary>
                <div class="field">
                    {text("set-seed", "Seed", |x| x.seed.clone(), |x, v| x.seed = v)}
                    <button type="button" class="button button--quiet" on:click=move |_| f.update(|x| x.seed = fresh_seed().to_string())>"New seed"</button>
                </div>
                <fieldset class="field weights">
                    <legend>"Score weights"</legend>
                    {weight(0, "w-composure", "Composure weight")}
                    {weight(1, "w-correctness", "Correctness weight")}
                    {weight(2, "w-outcome", "Outcome weight")}
                    {weight(3, "w-responsiveness", "Responsiveness weight")}
                </fieldset>
            </details>
            <details class="form-group form-group--advanced">
                <summary>"Learning Record Store (xAPI)"</summary>
                <p class="muted">"Optional. Each attempt then sends its calls and its result to this LRS. Every candidate with the set can read these credentials: use an account that may only write statements."</p>
                {text("set-lrs-endpoint", "LRS endpoint", |x| x.lrs_endpoint.clone(), |x, v| x.lrs_endpoint = v)}
                {text("set-lrs-user", "LRS user name", |x| x.lrs_user.clone(), |x, v| x.lrs_user = v)}
                {text("set-lrs-password", "LRS password", |x| x.lrs_password.clone(), |x, v| x.lrs_password = v)}
            </details>
            {move || problem.get().map(|p| view! { <p class="notice notice--danger form-problem" role="alert">{format!("The set was not saved. {p}")}</p> })}
            <div class="trainer-actions">
                <button type="submit" class="button button--primary">"Save set"</button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}
