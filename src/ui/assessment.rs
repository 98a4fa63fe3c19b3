//! The Assessment page, at `/assessment`: a trainer's set from a link (`?set=`) or a file, the
//! rules, the calls in order without hints, feedback or retries, and the result to download.
//!
//! The attempt is saved after every reply and whenever an offer appears, so a reload resumes it
//! with the same reply deadline (and is counted). "Begin assessment" draws the attempt's salt:
//! the calls are seeded with it, so rehearsing the link in practice predicts nothing. A finished
//! attempt is kept by set id, so re-opening the link shows its result, never a fresh attempt;
//! a second tab of a running attempt is refused. None of this stops a determined cheat (a
//! browser-only app cannot); verification by replay on the trainer's side is the defence, and a
//! learning platform or an LRS is the place for what only a server can record.

use super::browser::{
    clear_input, download, epoch_ms, fresh_seed, input_files, on_tab_hidden, read_file, TabLock,
};
use super::call_view::{CallScreen, Live, Screen};
use super::{library, store};
use crate::content::{content_hash, Library};
use crate::exchange::{check_set, result_of, Attempt, SetFile};
use crate::sim::{replay, Call, CallRecord, Mode};
use crate::ui::pages::set_title;
use crate::ui::state::install_packs;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Empty,
    Intro(Box<SetFile>),
    Running,
    Done,
    /// The attempt runs in another tab.
    Elsewhere,
}

fn record_of(lib: &Library, call: &Call) -> Option<CallRecord> {
    CallRecord::of(call, content_hash(call.campaign(), &lib.customers))
}

/// Assessment, at `/assessment`.
#[component]
pub fn Assessment() -> impl IntoView {
    set_title("Assessment");
    let stage = RwSignal::new(Stage::Empty);
    let attempt: RwSignal<Option<Attempt>> = RwSignal::new(None);
    let live: RwSignal<Option<Live>> = RwSignal::new(None);
    let notice: RwSignal<Option<String>> = RwSignal::new(None);
    let name = RwSignal::new(String::new());
    // This tab's claim on the running attempt (released when the page goes).
    let lock = StoredValue::new_local(None::<TabLock>);
    let claim = move |set_id: &str| -> bool {
        let held = lock.with_value(|l| l.is_some());
        if held {
            return true;
        }
        match TabLock::take(&format!("assessment.{set_id}")) {
            Some(l) => {
                lock.set_value(Some(l));
                true
            }
            None => {
                stage.set(Stage::Elsewhere);
                false
            }
        }
    };
    on_cleanup(move || lock.set_value(None));

    let save = move || {
        if let Some(a) = attempt.get_untracked() {
            if let Err(e) = store::save_attempt(&a) {
                notice.set(Some(format!(
                    "The assessment could not be saved in this browser: {e}."
                )));
            }
        }
    };
    // Starts the next call of the attempt, or ends it.
    let next = move || {
        let Some(a) = attempt.get_untracked() else {
            return;
        };
        let Ok(lib) = library() else { return };
        match a.next_index() {
            Some(i) => match a.start_call(&lib, i) {
                Ok(call) => {
                    let rec = record_of(&lib, &call);
                    let live_call = Live::new(call);
                    let offer_at = live_call.offer_epoch();
                    attempt.update(|a| {
                        if let Some(a) = a.as_mut() {
                            a.current = rec;
                            a.offer_at_ms = Some(offer_at);
                        }
                    });
                    live.set(Some(live_call));
                    stage.set(Stage::Running);
                }
                Err(e) => notice.set(Some(format!("The call could not start: {e}."))),
            },
            None => {
                attempt.update(|a| {
                    if let Some(a) = a.as_mut() {
                        a.current = None;
                        a.offer_at_ms = None;
                        a.finished_at_ms.get_or_insert(epoch_ms());
                    }
                });
                if let Some(a) = attempt.get_untracked() {
                    if let Err(e) = store::save_finished(&a) {
                        notice.set(Some(format!("The finished assessment could not be kept in this browser: {e}. Download the result now.")));
                    }
                }
                lock.set_value(None);
                live.set(None);
                stage.set(Stage::Done);
            }
        }
        save();
    };
    let on_change = Callback::new(move |_: ()| {
        let Ok(lib) = library() else { return };
        let Some((rec, done, offer_at)) = live.with_untracked(|l| {
            l.as_ref().and_then(|l| {
                record_of(&lib, &l.call).map(|r| (r, l.finished_on_screen(), l.offer_epoch()))
            })
        }) else {
            return;
        };
        if done {
            attempt.update(|a| {
                if let Some(a) = a.as_mut() {
                    a.current = None;
                    a.done.push(rec);
                }
            });
            next();
        } else {
            attempt.update(|a| {
                if let Some(a) = a.as_mut() {
                    a.current = Some(rec);
                    a.offer_at_ms = Some(offer_at);
                }
            });
            save();
        }
    });

    // What to show: a link, a resumed attempt, a finished one, or nothing yet.
    let link = use_query_map().with_untracked(|q| q.get("set"));
    let stored = match store::load_attempt() {
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => {
            notice.set(Some(format!(
                "A saved assessment could not be read because {e}. It was set aside."
            )));
            None
        }
        None => None,
    };
    let from_link = link.map(|p| SetFile::from_link(&p));
    match (from_link, stored) {
        (Some(Err(e)), _) => notice.set(Some(format!(
            "This assessment link cannot be opened: {e}. Ask your trainer for a new link."
        ))),
        (Some(Ok(f)), Some(a)) if a.set == f && a.finished_at_ms.is_none() => {
            if claim(&a.set.set.id) {
                resume(a, attempt, live, stage, notice)
            }
        }
        (Some(Ok(f)), _) => match store::load_finished(&f.set.id) {
            // A finished assessment shows its result; opening the link again never restarts it.
            Some(done) => {
                notice.set(Some(
                    "You have already completed this assessment in this browser. This is your result.".into(),
                ));
                attempt.set(Some(done));
                stage.set(Stage::Done);
            }
            None => open_set(f, stage, notice),
        },
        (None, Some(a)) if a.finished_at_ms.is_some() => {
            attempt.set(Some(a));
            stage.set(Stage::Done);
        }
        (None, Some(a)) => {
            if claim(&a.set.set.id) {
                resume(a, attempt, live, stage, notice)
            }
        }
        (None, None) => {}
    }

    let navigate = use_navigate();
    let begin = Callback::new(move |_: ()| {
        let Stage::Intro(f) = stage.get_untracked() else {
            return;
        };
        let who = name.get_untracked().trim().to_string();
        if who.is_empty() {
            notice.set(Some("Your name: enter your name before you begin.".into()));
            return;
        }
        if !claim(&f.set.id) {
            return;
        }
        notice.set(None);
        // The attempt's salt: drawn here, so the link alone predicts none of its calls.
        attempt.set(Some(Attempt::new(*f, who, epoch_ms(), fresh_seed())));
        navigate(
            "/assessment",
            leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        next();
    });

    // Leaving the tab during a call is counted.
    let stop = on_tab_hidden(move || {
        if stage.get_untracked() == Stage::Running {
            attempt.update(|a| {
                if let Some(a) = a.as_mut() {
                    a.tab_leaves += 1
                }
            });
            save();
        }
    });
    let stop = StoredValue::new_local(Some(stop));
    on_cleanup(move || {
        if let Some(stop) = stop.try_update_value(|s| s.take()).flatten() {
            stop()
        }
    });

    let open_file = move |ev: leptos::ev::Event| {
        let files = input_files(&ev);
        clear_input(&ev);
        let Some(file) = files.into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let r = match read_file(file).await {
                Ok(text) => SetFile::from_json(&text).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match r {
                Ok(f) => {
                    if let Err(e) = install_packs(&f.packs) {
                        notice.set(Some(format!("This assessment file cannot be used: {e}.")));
                        return;
                    }
                    notice.set(None);
                    open_set(f, stage, notice);
                }
                Err(e) => notice.set(Some(format!("This file cannot be opened: {e}."))),
            }
        });
    };

    let screen = Screen {
        typing_delay: false,
        voice: false,
        feedback: false,
    };
    view! {
        <section class="page page--assessment">
            {move || match stage.get() {
                Stage::Empty => view! {
                    <h1>"Assessment"</h1>
                    <p class="lede">"Take an assessment that a trainer has shared with you: open their link, or the file they sent."</p>
                    <label class="button file-button">"Open assessment file"
                        <input type="file" accept=".json,application/json" class="visually-hidden" on:change=open_file />
                    </label>
                }.into_any(),
                Stage::Intro(f) => {
                    let s = &f.set;
                    view! {
                        <h1>{format!("Assessment: {}", s.name)}</h1>
                        <h2>"Rules"</h2>
                        <ul class="rules">
                            <li>{format!("{} call(s), one after another, the same customers in the same order for every candidate.", s.len())}</li>
                            <li>{match s.reply_limit_s { Some(t) => format!("Time limit per reply: {t} seconds."), None => "No time limit per reply.".into() }}</li>
                            <li>"No hints, no retries, and no feedback until the end."</li>
                            <li>{format!("Pass mark: {} (the mean overall score of your calls).", s.pass_mark)}</li>
                            <li>"Leaving this tab during the assessment is counted and reported to your trainer."</li>
                        </ul>
                        <form class="panel" on:submit=move |ev| { ev.prevent_default(); begin.run(()); }>
                            <div class="field">
                                <label for="candidate">"Your name"</label>
                                <input id="candidate" type="text" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                            </div>
                            <button type="submit" class="button button--primary">"Begin assessment"</button>
                        </form>
                    }.into_any()
                }
                Stage::Running => view! {
                    <h1>{move || attempt.with(|a| a.as_ref().map(|a| format!("Assessment: {}", a.set.set.name)).unwrap_or_default())}</h1>
                    <p class="assessment-progress">{move || attempt.with(|a| a.as_ref().map(|a| format!("Call {} of {}", a.done.len() + 1, a.set.set.len())).unwrap_or_default())}</p>
                    <CallScreen live=live screen=screen on_change=on_change />
                }.into_any(),
                Stage::Done => view! { <Complete attempt=attempt /> }.into_any(),
                Stage::Elsewhere => view! {
                    <h1>"Assessment"</h1>
                    <p class="notice notice--warning" role="alert">"This assessment is open in another tab. Carry on there, or close that tab and reload this page."</p>
                }.into_any(),
            }}
            {move || notice.get().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> })}
        </section>
    }
}

fn open_set(f: SetFile, stage: RwSignal<Stage>, notice: RwSignal<Option<String>>) {
    if f.set.mode != Mode::Assessment {
        notice.set(Some(
            "This set is for practice, not an assessment: open it on the Practice page.".into(),
        ));
        return;
    }
    match library().and_then(|l| check_set(&l, &f.set)) {
        Ok(()) => stage.set(Stage::Intro(Box::new(f))),
        Err(e) => notice.set(Some(format!("This assessment cannot be taken here: {e}."))),
    }
}

fn resume(
    a: Attempt,
    attempt: RwSignal<Option<Attempt>>,
    live: RwSignal<Option<Live>>,
    stage: RwSignal<Stage>,
    notice: RwSignal<Option<String>>,
) {
    let Ok(lib) = library() else { return };
    let call = match &a.current {
        Some(rec) => replay(&lib, rec).map_err(|e| e.to_string()),
        None => match a.next_index() {
            Some(i) => a.start_call(&lib, i).map_err(|e| e.to_string()),
            None => Err("nothing left to play".into()),
        },
    };
    match call {
        Ok(call) => {
            let mut a = a;
            let offer_at = a.resumed();
            if let Err(e) = store::save_attempt(&a) {
                notice.set(Some(format!(
                    "The assessment could not be saved in this browser: {e}."
                )));
            }
            attempt.set(Some(a));
            live.set(Some(Live::resumed(call, offer_at)));
            stage.set(Stage::Running);
        }
        Err(e) => notice.set(Some(format!(
            "The assessment in progress could not be resumed: {e}."
        ))),
    }
}

#[component]
fn Complete(attempt: RwSignal<Option<Attempt>>) -> impl IntoView {
    let Some(a) = attempt.get_untracked() else {
        return view! { <h1>"Assessment complete"</h1> }.into_any();
    };
    let result =
        library().and_then(|lib: Arc<Library>| result_of(&lib, &a, env!("CARGO_PKG_VERSION")));
    match result {
        Err(e) => view! {
            <h1>"Assessment complete"</h1>
            <p class="notice notice--danger" role="alert">{format!("The result could not be prepared: {e}.")}</p>
        }
        .into_any(),
        Ok(r) => {
            let s = r.claimed.scores;
            let json = r.to_json();
            let file = format!("composure-result-{}.json", r.finished_at_ms as u64);
            view! {
                <h1>"Assessment complete"</h1>
                <p class=if r.claimed.passed { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                    {if r.claimed.passed { format!("Passed: overall {} against a pass mark of {}.", s.overall, r.set.pass_mark) } else { format!("Not passed: overall {} against a pass mark of {}.", s.overall, r.set.pass_mark) }}
                </p>
                <dl class="scores">
                    {[("Overall", s.overall), ("Composure", s.composure), ("Correctness", s.correctness), ("Outcome", s.outcome), ("Responsiveness", s.responsiveness)].into_iter().map(|(l, v)| view! {
                        <div class="score"><dt>{l}</dt><dd>{v.to_string()}</dd></div>
                    }).collect_view()}
                </dl>
                <p>{format!("{} call(s) · left the tab {} time(s) · reloaded {} time(s).", r.calls.len(), r.tab_leaves, r.reloads)}</p>
                <p>"Send the result file to your trainer. They replay every call to check that the scores are those of your replies."</p>
                <button type="button" class="button button--primary" on:click=move |_| download(&file, "application/json", &json)>"Download result"</button>
            }
            .into_any()
        }
    }
}
