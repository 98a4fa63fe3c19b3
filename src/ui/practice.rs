//! The Practice page, at `/practice`: the setup form, the call, its review, and shifts.
//!
//! The call in progress is saved after every reply (as its record: the inputs only), so a reload
//! replays it to the same turn.

use super::browser::{epoch_ms, fresh_seed, prefers_reduced_motion, speak};
use super::call_view::{CallScreen, Live, Screen};
use super::library;
use super::review::CallReview;
use super::store::{self, Prefs, CURRENT_KEY, PREFS_KEY};
use crate::content::{content_hash, Ending, Kind, Library};
use crate::progress::{halves, Entry, ShiftTally};
use crate::sim::{replay, Call, CallRecord, Calls, Event, PersonaSet};
use crate::ui::pages::set_title;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Schema of the saved call in progress.
const SAVED_SCHEMA: u32 = 1;

/// One finished call of a shift.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftResult {
    pub persona: String,
    pub campaign: String,
    pub ending: Ending,
    pub overall: u8,
    pub composure: u8,
}

/// A shift in progress: its plan and how it is going.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftState {
    pub plan: u32,
    pub tally: ShiftTally,
    pub results: Vec<ShiftResult>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Stage {
    Setup,
    Call,
    Review,
    Summary,
}

/// What is saved while a call or shift is under way.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Saved {
    schema: u32,
    stage: Stage,
    record: CallRecord,
    shift: Option<ShiftState>,
    typing: bool,
    voice: bool,
    /// When the offer on screen appeared (Unix ms): a reload keeps its reply deadline.
    #[serde(default)]
    offer_at_ms: Option<f64>,
}

fn record_of(lib: &Library, call: &Call) -> Option<CallRecord> {
    CallRecord::of(call, content_hash(call.campaign(), &lib.customers))
}

/// Practice, at `/practice`.
#[component]
pub fn Practice() -> impl IntoView {
    set_title("Practice");
    match library() {
        Ok(lib) => view! { <PracticeWith lib=lib /> }.into_any(),
        Err(e) => view! {
            <section class="page">
                <h1>"Practice"</h1>
                <p class="notice notice--danger" role="alert">{e}</p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn PracticeWith(lib: Arc<Library>) -> impl IntoView {
    let stored_prefs = match store::load_json::<Prefs>(PREFS_KEY) {
        Some(Ok(p)) => p,
        _ => Prefs::default(),
    };
    let mut initial = stored_prefs;
    if lib.campaign(&initial.campaign).is_none() {
        initial.campaign = lib
            .campaigns
            .first()
            .map(|c| c.id.to_string())
            .unwrap_or_default();
    }
    if prefers_reduced_motion() {
        initial.typing = false;
    }
    let prefs = RwSignal::new(initial);
    let live: RwSignal<Option<Live>> = RwSignal::new(None);
    let stage = RwSignal::new(Stage::Setup);
    let shift: RwSignal<Option<ShiftState>> = RwSignal::new(None);
    let notice: RwSignal<Option<String>> = RwSignal::new(None);
    let focus: RwSignal<Vec<Kind>> = RwSignal::new(Vec::new());
    let screen = move || {
        let p = prefs.get_untracked();
        Screen {
            typing_delay: p.typing,
            voice: p.voice,
            feedback: true,
        }
    };

    let lib_save = lib.clone();
    let save_current = Callback::new(move |_: ()| {
        let Some((record, offer_at_ms)) = live.with_untracked(|l| {
            l.as_ref()
                .and_then(|l| record_of(&lib_save, &l.call).map(|r| (r, l.offer_epoch())))
        }) else {
            return;
        };
        let p = prefs.get_untracked();
        let saved = Saved {
            schema: SAVED_SCHEMA,
            stage: stage.get_untracked(),
            record,
            shift: shift.get_untracked(),
            typing: p.typing,
            voice: p.voice,
            offer_at_ms: Some(offer_at_ms),
        };
        if let Err(e) = store::save_json(CURRENT_KEY, &saved) {
            notice.set(Some(format!(
                "This call could not be saved: {e}. It will be lost on reload."
            )));
        }
    });

    // Finishing: keep the call in the history, update the shift, show the review.
    let lib_finish = lib.clone();
    let finish = Callback::new(move |_: ()| {
        let Some(call) = live.with_untracked(|l| l.as_ref().map(|l| l.call.clone())) else {
            return;
        };
        let Some(report) = call.report().cloned() else {
            return;
        };
        if let Some(record) = record_of(&lib_finish, &call) {
            if let Some(entry) = Entry::from_call(&call, record, epoch_ms()) {
                if let Err(e) = store::save_entry(&entry) {
                    notice.set(Some(format!(
                        "This call could not be added to your progress: {e}."
                    )));
                }
            }
        }
        shift.update(|s| {
            if let Some(s) = s.as_mut() {
                s.tally.add(report.ending);
                s.results.push(ShiftResult {
                    persona: call.persona().name.clone(),
                    campaign: call.campaign().title.to_string(),
                    ending: report.ending,
                    overall: report.scores.overall,
                    composure: report.scores.composure,
                });
            }
        });
        stage.set(Stage::Review);
        focus_review();
    });

    let on_change = Callback::new(move |_: ()| {
        let done =
            live.with_untracked(|l| l.as_ref().map(|l| l.finished_on_screen()).unwrap_or(false));
        if done && stage.get_untracked() == Stage::Call {
            finish.run(());
        }
        save_current.run(());
    });

    let lib_start = lib.clone();
    let start = Callback::new(move |(set, index): (PersonaSet, u32)| {
        match Call::start(&lib_start, &set, index) {
            Ok(call) => {
                let p = prefs.get_untracked();
                if p.voice {
                    if let Some(Event::Customer { text, .. }) = call.events().first() {
                        speak(text, call.persona().pitch, call.persona().rate);
                    }
                }
                live.set(Some(Live::new(call)));
                stage.set(Stage::Call);
                notice.set(None);
                save_current.run(());
            }
            Err(e) => notice.set(Some(format!("The call could not start: {e}."))),
        }
    });

    let lib_set = lib.clone();
    let build_set = Callback::new(move |shift_calls: Option<u32>| -> PersonaSet {
        let p = prefs.get_untracked();
        let archetype = (p.customer != "random").then_some(p.customer.as_str());
        let limit = (p.reply_limit_s > 0).then_some(p.reply_limit_s);
        let mut set = PersonaSet::practice(
            &p.campaign,
            archetype,
            p.difficulty,
            p.hints,
            limit,
            fresh_seed(),
        );
        set.focus = focus.get_untracked();
        if let Some(n) = shift_calls {
            set.name = "Shift".into();
            set.calls = Calls::Random { count: n };
            if p.mixed {
                set.campaigns = lib_set.campaigns.iter().map(|c| c.id.to_string()).collect();
            }
        }
        set
    });

    let start_call = Callback::new(move |_: ()| {
        let _ = store::save_json(PREFS_KEY, &prefs.get_untracked());
        shift.set(None);
        start.run((build_set.run(None), 0));
    });
    let start_shift = Callback::new(move |_: ()| {
        let p = prefs.get_untracked();
        let _ = store::save_json(PREFS_KEY, &p);
        shift.set(Some(ShiftState {
            plan: p.shift_plan,
            tally: ShiftTally::default(),
            results: Vec::new(),
        }));
        start.run((build_set.run(Some(p.shift_calls.clamp(2, 20))), 0));
    });

    // Restore a call in progress after a reload; or start a drill asked for by Progress.
    let lib_restore = lib.clone();
    match store::load_json::<Saved>(CURRENT_KEY) {
        Some(Ok(saved)) if saved.schema == SAVED_SCHEMA => {
            match replay(&lib_restore, &saved.record) {
                Ok(call) => {
                    prefs.update(|p| {
                        p.typing = saved.typing;
                        p.voice = saved.voice;
                    });
                    shift.set(saved.shift);
                    let over = call.is_over();
                    live.set(Some(Live::resumed(call, saved.offer_at_ms)));
                    stage.set(match saved.stage {
                        Stage::Summary => Stage::Summary,
                        _ if over => Stage::Review,
                        _ => Stage::Call,
                    });
                }
                Err(e) => notice.set(Some(match store::set_aside_key(CURRENT_KEY) {
                    Ok(()) => format!("Your call in progress could not be restored ({e}). It was set aside; you can start a new one."),
                    Err(why) => format!("Your call in progress could not be restored ({e}), and it could not be set aside ({why}), so it was left as it is."),
                })),
            }
        }
        Some(Ok(_)) => notice.set(Some(match store::set_aside_key(CURRENT_KEY) {
            Ok(()) => "Your call in progress was saved by a different version of Composure and could not be restored. It was set aside.".into(),
            Err(why) => format!("Your call in progress was saved by a different version of Composure and could not be restored; it could not be set aside ({why}), so it was left as it is."),
        })),
        Some(Err(e)) => notice.set(Some(format!(
            "Your call in progress could not be restored because {e}."
        ))),
        None => {}
    }
    let query = use_query_map();
    let drill: Vec<Kind> = query
        .with_untracked(|q| q.get("drill"))
        .map(|d| d.split(',').filter_map(Kind::parse).collect())
        .unwrap_or_default();
    if !drill.is_empty() && stage.get_untracked() == Stage::Setup {
        focus.set(drill);
        start_call.run(());
    }
    // A trainer's practice link: start that set (its calls count toward Progress like any other).
    if let Some(payload) = query.with_untracked(|q| q.get("set")) {
        match crate::exchange::SetFile::from_link(&payload)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                crate::exchange::check_set(&lib, &f.set)?;
                Ok(f.set)
            }) {
            Ok(set) => match crate::exchange::practice_allowed(&set) {
                Ok(()) => {
                    shift.set(None);
                    start.run((set, 0));
                }
                Err(why) => notice.set(Some(why)),
            },
            Err(e) => notice.set(Some(format!("This practice link cannot be opened: {e}."))),
        }
        let navigate = leptos_router::hooks::use_navigate();
        navigate(
            "/practice",
            leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }

    let next_call = Callback::new(move |_: ()| {
        let Some((set, index)) =
            live.with_untracked(|l| l.as_ref().and_then(|l| l.call.origin().cloned()))
        else {
            start_call.run(());
            return;
        };
        if shift.get_untracked().is_none() && index + 1 < set.len() {
            // A trainer's set with several calls: on to the next.
            start.run((set, index + 1));
        } else if shift.get_untracked().is_some() {
            if index + 1 < set.len() {
                start.run((set, index + 1));
            } else {
                stage.set(Stage::Summary);
                save_current.run(());
            }
        } else {
            start_call.run(());
        }
    });
    let retry = Callback::new(move |_: ()| {
        if let Some((set, index)) =
            live.with_untracked(|l| l.as_ref().and_then(|l| l.call.origin().cloned()))
        {
            start.run((set, index));
        }
    });
    let back = Callback::new(move |_: ()| {
        live.set(None);
        shift.set(None);
        focus.set(Vec::new());
        stage.set(Stage::Setup);
        store::remove_current();
    });

    let lib_view = lib.clone();
    view! {
        <section class="page page--practice">
            <h1>"Practice"</h1>
            {move || notice.get().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> })}
            {move || shift.get().filter(|_| stage.get() != Stage::Setup).map(|s| view! { <ShiftBar shift=s live=live /> })}
            {move || {
                let lib = lib_view.clone();
                match stage.get() {
                    Stage::Setup => view! {
                        <Setup lib=lib prefs=prefs focus=focus on_call=start_call on_shift=start_shift />
                    }.into_any(),
                    Stage::Call => view! { <CallScreen live=live screen=screen() on_change=on_change /> }.into_any(),
                    Stage::Review => {
                        let call = live.with_untracked(|l| l.as_ref().map(|l| l.call.clone()));
                        let in_shift = shift.with_untracked(|s| s.is_some());
                        let last = live.with_untracked(|l| l.as_ref().and_then(|l| l.call.origin().map(|(s, i)| i + 1 >= s.len()))).unwrap_or(true);
                        match call {
                            Some(call) => view! {
                                <CallReview call=call>
                                    <button type="button" class="button button--primary" on:click=move |_| next_call.run(())>
                                        {if in_shift && last { "Finish shift" } else { "Next call" }}
                                    </button>
                                    {(!in_shift).then(|| view! {
                                        <button type="button" class="button" on:click=move |_| retry.run(())>"Retry this customer"</button>
                                    })}
                                    <button type="button" class="button button--quiet" on:click=move |_| back.run(())>"Back to practice"</button>
                                </CallReview>
                            }.into_any(),
                            None => view! { <p>"No call to review."</p> }.into_any(),
                        }
                    }
                    Stage::Summary => view! {
                        <ShiftSummary shift=shift.get_untracked() on_new=start_shift on_back=back />
                    }.into_any(),
                }
            }}
        </section>
    }
}

fn focus_review() {
    #[cfg(target_arch = "wasm32")]
    request_animation_frame(|| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(h) = document()
            .get_element_by_id("review-title")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
}

/// The practice setup form.
#[component]
fn Setup(
    lib: Arc<Library>,
    prefs: RwSignal<Prefs>,
    focus: RwSignal<Vec<Kind>>,
    on_call: Callback<()>,
    on_shift: Callback<()>,
) -> impl IntoView {
    let campaigns: Vec<(String, String)> = lib
        .campaigns
        .iter()
        .map(|c| (c.id.to_string(), c.title.to_string()))
        .collect();
    let archetypes: Vec<(String, String)> = lib
        .customers
        .archetypes
        .iter()
        .map(|a| (a.id.to_string(), a.label.to_string()))
        .collect();
    let p = prefs.get_untracked();
    view! {
        <form class="panel setup" on:submit=move |ev| { ev.prevent_default(); on_call.run(()); }>
            <p class="lede">"Pick a campaign and take calls until the rude ones no longer rattle you."</p>
            {move || {
                let f = focus.get();
                (!f.is_empty()).then(|| view! {
                    <p class="notice notice--info">"Drilling your weak spots: " {f.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")}</p>
                })
            }}
            <div class="field">
                <label for="campaign">"Campaign"</label>
                <select id="campaign" on:change=move |ev| prefs.update(|p| p.campaign = event_target_value(&ev))>
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
                    {[0u32, 10, 15, 20, 30, 45].into_iter().map(|s| view! {
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
                    {[3u32, 5, 8, 10, 12].into_iter().map(|n| view! { <option value=n.to_string() selected=n == p.shift_calls>{n.to_string()}</option> }).collect_view()}
                </select>
                <label for="shift-plan">"Plan (successes)"</label>
                <select id="shift-plan" on:change=move |ev| prefs.update(|p| p.shift_plan = event_target_value(&ev).parse().unwrap_or(2))>
                    {[1u32, 2, 3, 4].into_iter().map(|n| view! { <option value=n.to_string() selected=n == p.shift_plan>{n.to_string()}</option> }).collect_view()}
                </select>
                <label><input type="checkbox" id="mixed" prop:checked=p.mixed on:change=move |ev| prefs.update(|p| p.mixed = event_target_checked(&ev)) />" Mixed campaigns (several clients)"</label>
                <button type="button" class="button" on:click=move |_| on_shift.run(())>"Start shift"</button>
            </fieldset>
        </form>
    }
}

/// The running tally of a shift and its bonus meter.
#[component]
fn ShiftBar(shift: ShiftState, live: RwSignal<Option<Live>>) -> impl IntoView {
    let t = shift.tally;
    let bonus = t.bonus_percent(shift.plan);
    let position = live.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| l.call.origin().map(|(s, i)| (i + 1, s.len())))
    });
    view! {
        <section class="panel shift-bar" aria-label="Shift">
            <p class="shift-bar__position">{position.map(|(i, n)| format!("Call {i} of {n}")).unwrap_or_default()}</p>
            <p class="shift-bar__tally">
                {format!("Successes {} · Refusals {} · Hang-ups {}", t.successes, t.refusals, t.hang_ups)}
                {(t.failures > 0).then(|| format!(" · Compliance failures {}", t.failures))}
            </p>
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
fn ShiftSummary(
    shift: Option<ShiftState>,
    on_new: Callback<()>,
    on_back: Callback<()>,
) -> impl IntoView {
    let Some(s) = shift else {
        return view! { <p>"No shift to sum up."</p> }.into_any();
    };
    let met = s.tally.successes >= s.plan;
    let overall: Vec<u8> = s.results.iter().map(|r| r.overall).collect();
    let composure: Vec<u8> = s.results.iter().map(|r| r.composure).collect();
    let trend = |name: &str, v: &[u8]| -> String {
        match halves(v) {
            Some((a, b)) if b > a + 2.0 => format!(
                "{name} rose from {a:.0} in the first half of the shift to {b:.0} in the second."
            ),
            Some((a, b)) if b + 2.0 < a => format!(
                "{name} fell from {a:.0} in the first half of the shift to {b:.0} in the second."
            ),
            Some((a, b)) => format!("{name} held steady ({a:.0}, then {b:.0})."),
            None => String::new(),
        }
    };
    view! {
        <section class="review" aria-labelledby="summary-title">
            <h2 id="summary-title">"Shift summary"</h2>
            <p class=if met { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                {if met { format!("Plan met: {} successes against a plan of {}. Bonus earned.", s.tally.successes, s.plan) }
                 else { format!("Plan not met: {} successes against a plan of {}.", s.tally.successes, s.plan) }}
            </p>
            <p>{format!("Successes {} · Refusals {} · Hang-ups {} · Compliance failures {}", s.tally.successes, s.tally.refusals, s.tally.hang_ups, s.tally.failures)}</p>
            <p>{trend("Composure", &composure)} " " {trend("Overall", &overall)}</p>
            <table class="table">
                <caption>"Calls in this shift"</caption>
                <thead><tr><th scope="col">"Call"</th><th scope="col">"Customer"</th><th scope="col">"Campaign"</th><th scope="col">"Ending"</th><th scope="col">"Overall"</th><th scope="col">"Composure"</th></tr></thead>
                <tbody>
                    {s.results.iter().enumerate().map(|(i, r)| view! {
                        <tr><td>{(i + 1).to_string()}</td><td>{r.persona.clone()}</td><td>{r.campaign.clone()}</td><td>{r.ending.as_str()}</td><td>{r.overall.to_string()}</td><td>{r.composure.to_string()}</td></tr>
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
