//! The call review: outcome, scores (each explained, with the change since the last comparable
//! call and any small win), required steps, and each turn with the better line.

mod scores;

use super::call::verdict;
use crate::content::Ending;
use crate::progress::{standing, Standing};
use crate::sim::{explain, Call, Cue, Event, Report, StepResult};
use leptos::prelude::*;
use scores::{ScoreCards, Wins};

/// The outcome of a call in words.
pub fn outcome_words(call: &Call, report: &Report) -> String {
    let goal = call.campaign().goal.to_string();
    let right = if report.right_ending {
        " That was the right ending for this customer."
    } else {
        ""
    };
    let what = match report.ending {
        Ending::Goal => format!("Goal reached. {goal}"),
        Ending::PoliteClose => {
            "Polite close: the call ended courteously without the goal.".to_string()
        }
        Ending::BoundaryEnd => "Boundary end: you ended an abusive call politely.".to_string(),
        Ending::Escalation => {
            "Escalated: you handed the customer on to the right team.".to_string()
        }
        Ending::HangUp => "The customer hung up.".to_string(),
        Ending::ComplianceFailure => {
            "Compliance failure: a critical breach ended the call.".to_string()
        }
    };
    let verdict = if report.passed {
        "Passed"
    } else {
        "Not passed"
    };
    let missed: Vec<&str> = report.missed_mandatory().map(|s| &*s.label).collect();
    let why = if missed.is_empty() {
        String::new()
    } else {
        format!(
            ": a mandatory step was missed ({}), and no call can pass without it",
            missed.join("; ")
        )
    };
    format!("{what}{right} {verdict}{why}.")
}

/// One turn of the review.
struct Turn {
    customer: String,
    yours: String,
    verdict: String,
    why: String,
    better: Option<(String, String)>,
    breaches: Vec<String>,
}

fn turns(call: &Call) -> Vec<Turn> {
    let mut out = Vec::new();
    let mut customer = String::new();
    let mut yours = String::new();
    for e in call.events() {
        match e {
            Event::Customer { text, cue, .. } => {
                if *cue == Cue::HangUp {
                    continue;
                }
                customer = text.to_string();
            }
            Event::Reply { text, .. } => yours = text.to_string(),
            Event::NoReply { .. } => out.push(Turn {
                customer: customer.clone(),
                yours: "(no reply in time)".into(),
                verdict: "No reply".into(),
                why: "Silence on the line costs the customer's patience: answer within the time, even if only to acknowledge them.".into(),
                better: None,
                breaches: Vec::new(),
            }),
            Event::Feedback(f) => out.push(Turn {
                customer: customer.clone(),
                yours: yours.clone(),
                verdict: verdict(f.quality, f.tone),
                why: f.why.to_string(),
                better: f.better.as_ref().map(|b| (b.text.to_string(), b.why.to_string())),
                breaches: f
                    .breaches
                    .iter()
                    .map(|b| format!("{}{}", if b.critical { "Critical: " } else { "" }, b.label))
                    .collect(),
            }),
            _ => {}
        }
    }
    out
}

/// The review of a finished call, with the actions passed in as children. `title_id` is the id of
/// its heading: it must be unique on the page (the trainer's transcript shows several reviews).
/// With `autofocus`, the heading takes the focus when the review appears (after a call, so a
/// keyboard or screen-reader user lands on the review, not at the top of the page).
#[component]
pub fn CallReview(
    call: Call,
    #[prop(default = "review-title".to_string())] title_id: String,
    #[prop(optional)] autofocus: bool,
    children: Children,
) -> impl IntoView {
    let title = NodeRef::<leptos::html::H2>::new();
    if autofocus {
        Effect::new(move |_| {
            if let Some(h) = title.get() {
                let _ = h.focus();
            }
        });
    }
    let Some(report) = call.report().cloned() else {
        return view! { <p>"The call is not finished."</p> }.into_any();
    };
    let explained = explain(&call).unwrap_or_default();
    // The change and the wins come from the stored history, read once the review is on screen
    // (after the practice page has saved this call). A call that is not in the history (a
    // trainer's view of a candidate's call) shows neither.
    let standing_signal = RwSignal::new(None::<Standing>);
    let call_for_history = call.clone();
    Effect::new(move |_| {
        let history = crate::ui::store::load_history();
        standing_signal.set(standing(&history.entries, &call_for_history));
    });
    let standing = Signal::from(standing_signal);
    let (done, missed): (Vec<_>, Vec<_>) = report.steps.iter().partition(|st| st.done);
    let persona = call.persona().name.clone();
    let labelled_by = title_id.clone();
    let id_prefix = title_id.clone();
    view! {
        <section class="review" aria-labelledby=labelled_by>
            <h2 id=title_id tabindex="-1" node_ref=title>"Call review"</h2>
            <p class=if report.passed { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                {outcome_words(&call, &report)}
            </p>
            <Wins standing=standing />
            <ScoreCards explained=explained id_prefix=id_prefix standing=standing />
            {(report.hints_used > 0).then(|| view! { <p class="muted">{format!("Hints used: {}", report.hints_used)}</p> })}
            <div class="steps">
                <StepList title="Required steps done" mark="✓ " steps=done.into_iter().cloned().collect() />
                <StepList title="Required steps missed" mark="✗ " steps=missed.into_iter().cloned().collect() />
            </div>
            <div class="review__actions">{children()}</div>
            <h3>"Turn by turn"</h3>
            <ol class="review__turns">
                {turns(&call).into_iter().map(|t| {
                    let good = t.better.is_none();
                    view! {
                        <li class=if good { "review-turn" } else { "review-turn review-turn--improve" }>
                            <p class="review-turn__customer"><strong>{persona.clone()} ": "</strong>{t.customer}</p>
                            <p><strong>"Your line: "</strong>{t.yours}</p>
                            <p class="review-turn__verdict">{t.verdict}</p>
                            <p class="review-turn__why">{t.why}</p>
                            {t.breaches.into_iter().map(|b| view! { <p class="review-turn__breach">{b}</p> }).collect_view()}
                            {t.better.map(|(text, why)| view! {
                                <p class="review-turn__better"><strong>"Better line: "</strong>{text}</p>
                                <p class="review-turn__why">{why}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// A list of required steps under a heading, "None" when empty.
#[component]
fn StepList(title: &'static str, mark: &'static str, steps: Vec<StepResult>) -> impl IntoView {
    view! {
        <div>
            <h3>{title}</h3>
            <ul>
                {if steps.is_empty() {
                    view! { <li>"None"</li> }.into_any()
                } else {
                    steps.into_iter().map(|st| view! { <li>{mark} {st.label.to_string()}</li> }).collect_view().into_any()
                }}
            </ul>
        </div>
    }
}
