//! The Assessment page, at `/assessment`: a trainer's set from a link (`?set=`) or a file, the
//! rules, the calls in order without hints, feedback or retries, and the result to download.
//!
//! The attempt is saved after every reply and whenever an offer appears, so a reload resumes it
//! with the same reply deadline (and is counted). Between two calls a ready screen waits for the
//! candidate ("Start call 2"); a reload there comes back to it. "Begin assessment" draws the attempt's salt:
//! the calls are seeded with it, so rehearsing the link in practice predicts nothing. A finished
//! attempt is kept by set id, so re-opening the link shows its result, never a fresh attempt;
//! a second tab of a running attempt is refused. None of this stops a determined cheat (a
//! browser-only app cannot); verification by replay on the trainer's side is the defence, and a
//! learning platform or an LRS is the place for what only a server can record.
//! A SCORM package's practice set plays here as practice (titled so, a verdict after each reply,
//! hints if the set allows them), recorded as an assessment is; elsewhere practice is refused.

use super::package::Launch;
use super::set_title;
use crate::exchange::SetFile;
use crate::flow::{AssessmentFlow, AssessmentStage, OpenedFrom, Opening, Progressed};
use crate::ui::browser::{
    clear_input, epoch_ms, fresh_seed, input_files, on_tab_hidden, origin, read_file, TabLock,
};
use crate::ui::components::{CallScreen, Live, Screen};
use crate::ui::params::AssessmentQuery;
use crate::ui::{lrs, use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query};

mod complete;
mod intro;
mod keep;
mod ready;

use complete::Complete;
use intro::Intro;
use ready::Ready;

/// Assessment, at `/assessment`.
#[component]
pub fn Assessment() -> impl IntoView {
    // Inside a SCORM package: the set, the name and the saved attempt come from the launch.
    let launch = use_context::<Launch>();
    // A package's practice set plays here as practice; anywhere else this page is assessment.
    let practice = launch.as_ref().is_some_and(Launch::practice);
    let from = launch
        .as_ref()
        .map_or(OpenedFrom::Site, |_| OpenedFrom::Package);
    let kind = if practice { "Practice" } else { "Assessment" };
    set_title(kind);
    let app = use_app();
    // The flow (stage and attempt): a plain struct, tested natively.
    let flow = RwSignal::new(AssessmentFlow::new());
    // Which stage is shown: the view is rebuilt when it changes, not on every reply.
    let stage = Memo::new(move |_| flow.with(|f| std::mem::discriminant(f.stage())));
    let live: RwSignal<Option<Live>> = RwSignal::new(None);
    let notice: RwSignal<Option<String>> = RwSignal::new(None);
    let platform_name = launch.as_ref().and_then(|l| l.name.clone());
    let name = RwSignal::new(platform_name.clone().unwrap_or_default());
    // Where the result statements for a Learning Record Store stand, when they wait.
    let lrs_note: RwSignal<Option<String>> = RwSignal::new(None);
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
                flow.update(|f| f.elsewhere());
                false
            }
        }
    };
    on_cleanup(move || lock.set_value(None));

    // Starts the next call of the attempt, or ends it.
    let next = move || {
        let Ok(lib) = app.library_untracked() else {
            return;
        };
        let mut started = Ok(None);
        flow.update(|f| started = f.advance(&lib, epoch_ms()));
        match started {
            Ok(Some(call)) => live.set(Some(Live::new(call))),
            Ok(None) => {
                lock.set_value(None);
                live.set(None);
            }
            Err(e) => notice.set(Some(e)),
        }
    };
    let on_change = Callback::new(move |_: ()| {
        let Ok(lib) = app.library_untracked() else {
            return;
        };
        let Some((call, offer_at, done)) = live.with_untracked(|l| {
            l.as_ref()
                .map(|l| (l.call.clone(), l.offer_epoch(), l.finished_on_screen()))
        }) else {
            return;
        };
        let mut step = Progressed::Nothing;
        flow.update(|f| step = f.progressed(&lib, &call, offer_at, done));
        match step {
            // The ready screen shows: the finished call leaves the screen.
            Progressed::Ready => live.set(None),
            Progressed::Finished => next(),
            Progressed::Saved | Progressed::Nothing => {}
        }
    });

    let launch_report = launch.clone();
    // The one place the attempt is stored: after every change of it. A finished attempt is also
    // kept by set id, so re-opening its link shows the result.
    Effect::new(move |_| {
        let Some(a) = flow.with(|f| f.persist().cloned()) else {
            return;
        };
        keep::attempt(&a, app, launch_report.as_ref(), notice, lrs_note);
    });

    // What to show: a link, a resumed attempt, a finished one, or nothing yet.
    let query = use_query::<AssessmentQuery>().get_untracked().ok();
    let link = query.as_ref().and_then(|q| q.set.clone());
    // The link's xAPI launch parameters, if any (an LRS that cannot be used is said so).
    let lrs_launch = lrs::launch(query.as_ref(), lrs_note);
    let from_url = link.is_some();
    // A platform's launch brings its own set and saved attempt (this browser's are not used).
    let platform = launch
        .as_ref()
        .filter(|l| l.connected())
        .map(|l| l.resumed.clone());
    let link = match &launch {
        Some(l) => Some(Ok(l.set.clone())),
        None => link.map(|p| SetFile::from_link(&p)),
    };
    let opening = keep::opening(link, platform, notice);
    match opening {
        Opening::Nothing => {}
        Opening::BadLink(e) => notice.set(Some(format!(
            "This assessment link cannot be opened: {e}. Ask your trainer for a new link."
        ))),
        Opening::Resume(a) => {
            if claim(&a.set.set.id) {
                match app.library_untracked().and_then(|lib| {
                    let mut resumed = Err(String::new());
                    flow.update(|f| resumed = f.resume(&lib, *a));
                    resumed
                }) {
                    Ok(Some((call, offer_at))) => live.set(Some(Live::resumed(call, offer_at))),
                    // Between calls: back on the ready screen.
                    Ok(None) => {}
                    Err(e) => notice.set(Some(e)),
                }
            }
        }
        Opening::Finished { attempt, again } => {
            if again {
                notice.set(Some(
                    "You have already completed this assessment in this browser. This is your result.".into(),
                ));
            }
            flow.update(|f| f.show_finished(*attempt));
        }
        Opening::Open(f) => open_set(app, *f, flow, notice, from),
    }

    let navigate = use_navigate();
    let begin = Callback::new(move |_: ()| {
        let Some(set_id) = flow.with_untracked(|f| f.intro_set_id().map(String::from)) else {
            return;
        };
        if name.get_untracked().trim().is_empty() {
            notice.set(Some("Your name: enter your name before you begin.".into()));
            return;
        }
        if !claim(&set_id) {
            return;
        }
        notice.set(None);
        // The attempt's salt: drawn here, so the link alone predicts none of its calls.
        let mut begun = Ok(());
        flow.update(|f| {
            begun = f.begin(&name.get_untracked(), epoch_ms(), fresh_seed());
            f.attach_lrs(lrs_launch.as_ref(), &origin());
        });
        if let Err(e) = begun {
            notice.set(Some(e));
            return;
        }
        // The link's set leaves the address, so a reload resumes (a package has no link).
        if from_url {
            navigate(
                "/assessment",
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
        next();
    });

    // Leaving the tab during a call is counted.
    let stop = on_tab_hidden(move || {
        flow.update(|f| {
            f.tab_left();
        })
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
                    if let Err(e) = app.install_packs(&f.packs) {
                        notice.set(Some(format!("This assessment file cannot be used: {e}.")));
                        return;
                    }
                    notice.set(None);
                    open_set(app, f, flow, notice, OpenedFrom::Site);
                }
                Err(e) => notice.set(Some(format!("This file cannot be opened: {e}."))),
            }
        });
    };

    let screen = Screen {
        typing_delay: false,
        voice: false,
        // Practice (only in a package) shows the verdict after each reply.
        feedback: practice,
    };
    view! {
        <section class="page page--assessment">
            {move || { let _shown = stage.get(); match flow.with_untracked(|f| f.stage().clone()) {
                AssessmentStage::Empty => view! {
                    <h1>"Assessment"</h1>
                    <p class="lede">"Take an assessment that a trainer has shared with you: open their link, or the file they sent."</p>
                    <label class="button file-button">"Open assessment file"
                        <input type="file" accept=".json,application/json" class="visually-hidden" on:change=open_file />
                    </label>
                }.into_any(),
                AssessmentStage::Intro(f) => view! { <Intro set=f.set.clone() name=name on_begin=begin platform_name=platform_name.is_some() /> }.into_any(),
                AssessmentStage::Ready { next: n, of } => {
                    let limit_s = flow.with_untracked(|f| f.attempt().and_then(|a| a.set.set.reply_limit_s));
                    view! { <Ready next=n of=of limit_s=limit_s on_start=Callback::new(move |_| next()) /> }.into_any()
                }
                AssessmentStage::Running => view! {
                    <h1>{move || flow.with(|f| f.attempt().map(|a| format!("{kind}: {}", a.set.set.name)).unwrap_or_default())}</h1>
                    <p class="assessment-progress">{move || flow.with(|f| f.attempt().map(|a| format!("Call {} of {}", a.done.len() + 1, a.set.set.len())).unwrap_or_default())}</p>
                    <CallScreen live=live screen=screen on_change=on_change />
                }.into_any(),
                AssessmentStage::Done => view! { <Complete attempt=flow.with_untracked(|f| f.attempt().cloned()) lib=app.library_untracked() /> }.into_any(),
                AssessmentStage::Elsewhere => view! {
                    <h1>{kind}</h1>
                    <p class="notice notice--warning" role="alert">{format!("This {} is open in another tab. Carry on there, or close that tab and reload this page.", kind.to_lowercase())}</p>
                }.into_any(),
            }}}
            {move || notice.get().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> })}
            {move || lrs_note.get().map(|n| view! { <p class="notice notice--warning" role="status">{n}</p> })}
        </section>
    }
}

fn open_set(
    app: AppState,
    f: SetFile,
    flow: RwSignal<AssessmentFlow>,
    notice: RwSignal<Option<String>>,
    from: OpenedFrom,
) {
    let mut opened = Ok(());
    match app.library_untracked() {
        Ok(lib) => flow.update(|fl| opened = fl.intro(&lib, f, from)),
        Err(e) => opened = Err(e),
    }
    if let Err(e) = opened {
        notice.set(Some(e));
    }
}
