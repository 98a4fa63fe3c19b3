//! The end of an assessment: the result in words and numbers, and the result file to send.

use crate::content::Library;
use crate::exchange::{result_of, Attempt};
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
    let result = lib.and_then(|lib: Arc<Library>| result_of(&lib, &a, env!("CARGO_PKG_VERSION")));
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
