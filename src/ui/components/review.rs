//! The call review: outcome, scores, required steps, and each turn with the better line.

use super::call::verdict;
use crate::content::Ending;
use crate::sim::{Call, Cue, Event, Report, StepResult};
use leptos::prelude::*;

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
    format!("{what}{right} {verdict}.")
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
    let s = report.scores;
    let scores = [
        ("Overall", s.overall),
        ("Composure", s.composure),
        ("Correctness", s.correctness),
        ("Outcome", s.outcome),
        ("Responsiveness", s.responsiveness),
    ];
    let (done, missed): (Vec<_>, Vec<_>) = report.steps.iter().partition(|st| st.done);
    let persona = call.persona().name.clone();
    let labelled_by = title_id.clone();
    view! {
        <section class="review" aria-labelledby=labelled_by>
            <h2 id=title_id tabindex="-1" node_ref=title>"Call review"</h2>
            <p class=if report.passed { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                {outcome_words(&call, &report)}
            </p>
            <dl class="scores">
                {scores.into_iter().map(|(label, v)| view! {
                    <div class="score">
                        <dt>{label}</dt>
                        <dd>{v.to_string()}</dd>
                    </div>
                }).collect_view()}
            </dl>
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
