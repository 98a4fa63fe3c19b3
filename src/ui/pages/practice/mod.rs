//! The Practice page, at `/practice`: the setup form, the call, its review, and shifts.
//!
//! The page renders a [`PracticeFlow`] (the stages, the shift, restore after a reload; tested
//! natively) and stores what it says to keep from one effect. The call in progress is saved after
//! every reply (as its record: the inputs only), so a reload replays it to the same turn.

use super::set_title;
use crate::content::{Kind, Library};
use crate::flow::{Next, PracticeFlow, Stage};
use crate::sim::{Call, Calls, Event, PersonaSet};
use crate::ui::browser::{fresh_seed, scroll_to_top, speak};
use crate::ui::components::{CallScreen, Live, Screen};
use crate::ui::params::PracticeQuery;
use crate::ui::state::{AppState, Need, LOADING};
use crate::ui::store::{self, Prefs};
use crate::ui::use_app;
use leptos::prelude::*;
use leptos_router::hooks::use_query;
use std::sync::Arc;

mod keep;
mod screens;
mod setup;
mod shift;

use screens::{DrillBanner, Paused, Review};
use setup::Setup;
use shift::{ShiftBar, ShiftSummary};

/// What Practice needs of the built-in content before it shows, where that can be less than
/// every campaign (the first-call app): the catalog only (the first call's campaign is read
/// while the setup is on screen), unless a call in progress is to be restored or a practice
/// link opened (either may play any campaign). A call waits for campaigns not read yet.
pub fn need() -> Need {
    let link = use_query::<PracticeQuery>()
        .get_untracked()
        .is_ok_and(|q| q.set.is_some());
    if link || store::practice_start().call_in_progress {
        Need::All
    } else {
        Need::FirstCall
    }
}

/// Practice, at `/practice`.
#[component]
pub fn Practice() -> impl IntoView {
    set_title("Practice");
    let app = use_app();
    match app.library_untracked() {
        Ok(lib) => view! { <PracticeWith app=app lib=lib /> }.into_any(),
        Err(e) => view! {
            <section class="page">
                <h1>"Practice"</h1>
                <p class="notice notice--danger" role="alert">{e}</p>
            </section>
        }
        .into_any(),
    }
}

/// The page over the library as it was when the page opened (`lib`: every campaign, or those
/// read so far, possibly none, see [`need`]; the page reads only its customer file, which the
/// catalog carries). A call reads the library as it is when the call starts, and waits for a
/// campaign that has not arrived yet.
#[component]
fn PracticeWith(app: AppState, lib: Arc<Library>) -> impl IntoView {
    let campaigns = untrack(|| app.campaigns());
    let (initial, prefs_notice) = keep::initial_prefs(&lib, &campaigns);
    let campaign_ids: Vec<String> = campaigns.iter().map(|(id, _)| id.clone()).collect();
    let prefs = RwSignal::new(initial);
    let live: RwSignal<Option<Live>> = RwSignal::new(None);
    // The flow (stage, shift, focus, the call's record): a plain struct, tested natively.
    let flow = RwSignal::new(PracticeFlow::new());
    let stage = Memo::new(move |_| flow.with(|f| f.stage()));
    let notice: RwSignal<Option<String>> = RwSignal::new(prefs_notice);
    let screen = move || {
        let p = prefs.get_untracked();
        Screen {
            typing_delay: p.typing,
            voice: p.voice,
            feedback: true,
        }
    };

    // Restore a call in progress after a reload (before the effect below may store anything),
    // then store what the flow keeps whenever it changes: the one place the call is stored.
    keep::restore(&lib, flow, live, prefs, notice);
    keep::persist(flow, notice);
    let keep_entry = keep::history(lib.clone(), notice);

    let lib_change = lib.clone();
    let on_change = Callback::new(move |_: ()| {
        let Some((call, offer_at, done)) = live.with_untracked(|l| {
            l.as_ref()
                .map(|l| (l.call.clone(), l.offer_epoch(), l.finished_on_screen()))
        }) else {
            return;
        };
        let mut finished = false;
        flow.update(|f| finished = f.progressed(&lib_change, &call, offer_at, done));
        if finished {
            // Keep the call in the history; the review follows.
            keep_entry.run((call, false));
        }
    });

    // A call whose campaigns have not arrived yet waits for them (the page says so).
    let waiting: RwSignal<Option<(PersonaSet, u32)>> = RwSignal::new(None);
    let start = Callback::new(move |(set, index): (PersonaSet, u32)| {
        let lib = match app.library_untracked() {
            Ok(lib) => lib,
            Err(e) => return notice.set(Some(format!("The call could not start: {e}"))),
        };
        let missing = lib.missing(&set.campaigns);
        if !missing.is_empty() && !app.complete_untracked() {
            // The first call's campaign, still being read, is waited for; any other missing
            // one asks for every campaign not read yet.
            if missing.iter().any(|c| !app.arriving(c)) {
                app.want(Need::All);
            }
            waiting.set(Some((set, index)));
            return;
        }
        match Call::start(&lib, &set, index) {
            Ok(call) => {
                let p = prefs.get_untracked();
                if p.voice {
                    if let Some(Event::Customer { text, .. }) = call.events().first() {
                        speak(text, call.persona().pitch, call.persona().rate);
                    }
                }
                let live_call = Live::new(call);
                let offer_at = live_call.offer_epoch();
                flow.update(|f| f.started(&lib, &live_call.call, offer_at, p.typing, p.voice));
                live.set(Some(live_call));
                notice.set(None);
            }
            Err(e) => notice.set(Some(format!("The call could not start: {e}."))),
        }
    });
    // The waiting call starts as soon as its campaigns are in (not only once every campaign
    // is), or says why they could not be fetched. Once loading is over (`Some(Ok)`), it is
    // started whatever arrived: `start` then says what is still missing, rather than the call
    // waiting for ever.
    Effect::new(move |_| {
        let lib = app.library();
        let ready = app.readiness(Need::All);
        let Some(needs) = waiting.with(|w| w.as_ref().map(|(set, _)| set.campaigns.clone())) else {
            return;
        };
        let arrived = lib.is_ok_and(|lib| lib.missing(&needs).is_empty());
        match ready {
            Some(Err(why)) if !arrived => {
                waiting.set(None);
                notice.set(Some(format!("The call could not start: {why}")));
            }
            None if !arrived => {}
            _ => {
                if let Some(call) = waiting.try_update(Option::take).flatten() {
                    start.run(call);
                }
            }
        }
    });

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
        set.focus = flow.with_untracked(|f| f.focus().to_vec());
        if let Some(n) = shift_calls {
            set.name = "Shift".into();
            set.calls = Calls::Random { count: n };
            if p.mixed {
                set.campaigns = campaign_ids.clone();
            }
        }
        set
    });

    let save_prefs = move |p: &Prefs| {
        if let Err(e) = store::save_prefs(p) {
            notice.set(Some(format!("Your settings could not be saved: {e}.")));
        }
    };
    let start_call = Callback::new(move |_: ()| {
        save_prefs(&prefs.get_untracked());
        flow.update(|f| f.begin_single());
        start.run((build_set.run(None), 0));
    });
    let start_shift = Callback::new(move |_: ()| {
        let p = prefs.get_untracked();
        save_prefs(&p);
        flow.update(|f| f.begin_shift(p.shift_plan));
        start.run((build_set.run(Some(p.shift_calls.clamp(2, 20))), 0));
    });

    // A drill asked for by Progress, or a trainer's practice link (its calls count toward
    // Progress like any other).
    let query = use_query::<PracticeQuery>()
        .get_untracked()
        .unwrap_or_default();
    // A drill always starts a drill: a finished review or summary gives way to it; a call under
    // way is offered to resume or end first (the drill waits).
    let drill = query.drill.map(|d| d.0).unwrap_or_default();
    let waiting_drill: RwSignal<Vec<Kind>> = RwSignal::new(Vec::new());
    let start_drill = move |drill: Vec<Kind>| {
        live.set(None);
        flow.update(|f| {
            f.back();
            f.set_focus(drill);
        });
        start_call.run(());
    };
    if !drill.is_empty() {
        match stage.get_untracked() {
            Stage::Paused | Stage::Call => waiting_drill.set(drill),
            _ => start_drill(drill),
        }
    }
    if let Some(payload) = query.set {
        match crate::exchange::SetFile::from_link(&payload)
            .map_err(|e| e.to_string())
            .and_then(|f| {
                crate::exchange::check_set(&lib, &f.set)?;
                Ok(f.set)
            }) {
            Ok(set) => match crate::exchange::practice_allowed(&set) {
                Ok(()) => {
                    flow.update(|f| f.begin_single());
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
        let mut next = Next::NewCall;
        flow.update(|f| next = f.advance());
        match next {
            Next::Start(set, index) => start.run((set, index)),
            Next::NewCall => start_call.run(()),
            Next::Summary => {}
        }
    });
    let retry = Callback::new(move |_: ()| {
        if let Some((set, index)) = flow.with_untracked(|f| f.retry()) {
            start.run((set, index));
        }
    });
    let back = Callback::new(move |_: ()| {
        live.set(None);
        flow.update(|f| f.back());
    });

    // "End call" (confirmed) or "End it" on the pause: recorded as abandoned, then any waiting
    // drill starts.
    let end_call = Callback::new(move |_: ()| {
        let call = live.with_untracked(|l| l.as_ref().map(|l| l.call.clone()));
        let mut ended = false;
        flow.update(|f| ended = f.abandon());
        if !ended {
            return;
        }
        if let Some(call) = call.filter(|c| !c.is_over()) {
            keep_entry.run((call, true));
        }
        live.set(None);
        notice.set(Some(
            "Call ended. It is kept in your progress as abandoned and does not count toward your scores."
                .into(),
        ));
        let drill = waiting_drill.get_untracked();
        if !drill.is_empty() {
            waiting_drill.set(Vec::new());
            start_drill(drill);
        }
    });
    // The reply deadline runs on across a reload and the pause (a reload never buys time).
    let resume = Callback::new(move |_: ()| flow.update(|f| f.resume()));
    // Where the call sits, for the call header.
    let context = Signal::derive(move || {
        // A shift shows its position in the shift bar.
        if flow.with(|f| f.shift().is_some()) {
            return String::new();
        }
        live.with(|l| {
            l.as_ref()
                .and_then(|l| l.call.origin().map(|(s, i)| (s.len(), i + 1)))
                .filter(|(n, _)| *n > 1)
                .map(|(n, i)| format!("Call {i} of {n}"))
                .unwrap_or_default()
        })
    });
    // Each new screen starts at its top.
    Effect::new(move |previous: Option<Stage>| {
        let now = stage.get();
        if previous.is_some_and(|p| p != now) {
            scroll_to_top();
        }
        now
    });

    let lib_view = lib.clone();
    view! {
        <section class="page page--practice">
            <h1 class=move || if matches!(stage.get(), Stage::Call) { "visually-hidden" } else { "" }>"Practice"</h1>
            {move || notice.get().map(|n| view! { <p class="notice notice--warning" role="alert">{n}</p> })}
            {move || waiting.with(Option::is_some).then(|| view! { <p class="loading" role="status">{LOADING}</p> })}
            {move || flow.with(|f| f.shift().cloned()).filter(|_| stage.get() != Stage::Setup).map(|s| view! { <ShiftBar shift=s live=live /> })}
            {move || {
                let drill = flow.with(|f| f.focus().to_vec());
                (!drill.is_empty() && stage.get() == Stage::Call).then(|| view! { <DrillBanner kinds=drill /> })
            }}
            {move || {
                let lib = lib_view.clone();
                match stage.get() {
                    Stage::Setup => view! {
                        <Setup lib=lib campaigns=campaigns.clone() prefs=prefs flow=flow on_call=start_call on_shift=start_shift />
                    }.into_any(),
                    Stage::Call => view! {
                        <CallScreen live=live screen=screen() on_change=on_change context=context on_end=end_call />
                    }.into_any(),
                    Stage::Paused => view! {
                        <Paused live=live drill=waiting_drill.read_only() on_resume=resume on_end=end_call />
                    }.into_any(),
                    Stage::Review => view! {
                        <Review live=live flow=flow on_next=next_call on_retry=retry on_back=back />
                    }.into_any(),
                    Stage::Summary => view! {
                        <ShiftSummary shift=flow.with_untracked(|f| f.shift().cloned()) on_new=start_shift on_back=back />
                    }.into_any(),
                }
            }}
        </section>
    }
}
