//! The end of an assessment: the result in words and numbers, a summary of each call, and the
//! steps to hand the result in. The summaries come from the core ([`call_summaries`]). A
//! practice set (in a SCORM package) ends the same way, titled as practice and without a pass
//! or fail.

use crate::content::Library;
use crate::exchange::{result_of, Attempt};
use crate::flow::call_summaries;
use crate::sim::Mode;
use crate::ui::browser::download;
use leptos::prelude::*;
use std::sync::Arc;

/// The result of a finished attempt.
#[component]
pub(super) fn Complete(
    attempt: Option<Attempt>,
    lib: Result<Arc<Library>, String>,
) -> impl IntoView {
    let Some(a) = attempt else {
        return view! { <h1>"Assessment complete"</h1> }.into_any();
    };
    let practice = a.set.set.mode == Mode::Practice;
    let title = if practice {
        "Practice complete"
    } else {
        "Assessment complete"
    };
    let summaries = lib
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|lib| call_summaries(lib, &a));
    let result = lib.and_then(|lib: Arc<Library>| result_of(&lib, &a, env!("CARGO_PKG_VERSION")));
    match result {
        Err(e) => view! {
            <h1>{title}</h1>
            <p class="notice notice--danger" role="alert">{format!("The result could not be prepared: {e}.")}</p>
        }
        .into_any(),
        Ok(r) => {
            let s = r.claimed.scores;
            let json = r.to_json();
            let file = format!("composure-result-{}.json", r.finished_at_ms as u64);
            let shown_file = file.clone();
            view! {
                <h1>{title}</h1>
                <p class=if practice { "outcome" } else if r.claimed.passed { "outcome outcome--pass" } else { "outcome outcome--fail" }>
                    {if practice { format!("Practice finished: overall {} (the mean of your calls).", s.overall) } else if r.claimed.passed { format!("Passed: overall {} against a pass mark of {}.", s.overall, r.set.pass_mark) } else { format!("Not passed: overall {} against a pass mark of {}.", s.overall, r.set.pass_mark) }}
                </p>
                <dl class="scores">
                    {[("Overall", s.overall), ("Composure", s.composure), ("Correctness", s.correctness), ("Outcome", s.outcome), ("Responsiveness", s.responsiveness)].into_iter().map(|(l, v)| view! {
                        <div class="score"><dt>{l}</dt><dd>{v.to_string()}</dd></div>
                    }).collect_view()}
                </dl>
                <p>{format!("{} call(s) · left the tab {} time(s) · reloaded {} time(s).", r.calls.len(), r.tab_leaves, r.reloads)}</p>
                <section class="call-summaries" aria-labelledby="calls-title">
                    <h2 id="calls-title">"Your calls"</h2>
                    {match summaries {
                        Ok(list) => view! {
                            <ol class="call-summary-list">
                                {list.into_iter().map(|c| view! {
                                    <li>
                                        <strong>{format!("Call {}: ", c.number)}<bdi>{c.customer.clone()}</bdi></strong>
                                        " "
                                        <span>{c.words()}</span>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(e) => view! { <p class="notice notice--warning">{format!("The calls cannot be listed: {e}.")}</p> }.into_any(),
                    }}
                </section>
                {if practice {
                    // Practice runs only in a SCORM package: the platform has recorded it, and
                    // there is nothing to hand in.
                    view! {
                        <section class="hand-in" aria-labelledby="hand-in-title">
                            <h2 id="hand-in-title">"Your record"</h2>
                            <p>"Your learning platform has recorded this practice: each reply, your overall score and that it is complete. Nothing needs handing in."</p>
                            <p>"To keep a copy, download the result file ("<code>{shown_file}</code>")."</p>
                            <button type="button" class="button" on:click=move |_| download(&file, "application/json", &json)>"Download result"</button>
                        </section>
                    }.into_any()
                } else {
                    view! {
                        <section class="hand-in" aria-labelledby="hand-in-title">
                            <h2 id="hand-in-title">"Hand in your result"</h2>
                            <ol class="hand-in-steps">
                                <li>
                                    <p>"Download the result file. It is saved as "<code>{shown_file}</code>" in your downloads."</p>
                                    <button type="button" class="button button--primary" on:click=move |_| download(&file, "application/json", &json)>"Download result"</button>
                                </li>
                                <li>"Send the file to your trainer, the way they asked (by email or an upload). Send it as it is: a file that has been opened and changed shows as not verified."</li>
                                <li>"Your trainer imports it and sees your name, each call with its transcript and scores, whether the file checks out, and how many times you left the tab or reloaded the page."</li>
                            </ol>
                            <p class="muted">"Your result also stays in this browser: opening the assessment link again shows it here."</p>
                        </section>
                    }.into_any()
                }}
            }
            .into_any()
        }
    }
}
