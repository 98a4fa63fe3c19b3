//! The Progress page, at `/progress`: every finished call kept in this browser, a chart of
//! overall and composure over time, weak spots in words, recent calls, drill, export and clear.
//! A point on the chart or a row of the table opens that call's review (`review`), replayed
//! from its record.

mod body;
mod review;

use super::set_title;
use crate::progress::export;
use crate::ui::browser::{download, epoch_ms};
use crate::ui::store::{self, History};
use body::ProgressBody;
use leptos::prelude::*;
use leptos_router::components::A;
use review::ReviewDialog;

/// Progress, at `/progress`.
#[component]
pub fn Progress() -> impl IntoView {
    set_title("Progress");
    let history = RwSignal::new(store::load_history());
    let confirming = RwSignal::new(false);
    // The history index of the call whose review is open.
    let open = RwSignal::new(None::<usize>);
    let on_open = Callback::new(move |i: usize| open.set(Some(i)));
    let entries = move || history.with(|h| h.entries.clone());
    let clear = move |_| {
        confirming.set(false);
        open.set(None);
        match store::clear_history() {
            Ok(()) => history.set(History {
                entries: Vec::new(),
                problems: history.with_untracked(|h| h.problems.clone()),
            }),
            // Whatever could not be removed stays listed, as it stays stored.
            Err(e) => history.set(History {
                problems: vec![format!("Your history could not all be removed: {e}.")],
                ..store::load_history()
            }),
        }
    };
    let export_all = move |_| {
        let json = history.with_untracked(|h| export(&h.entries, epoch_ms()));
        download("composure-history.json", "application/json", &json);
    };
    view! {
        <section class="page page--progress">
            <h1>"Progress"</h1>
            <p class="lede">"Your finished calls and how your scores change over time. They are kept in this browser only."</p>
            {move || history.with(|h| h.problems.clone()).into_iter().map(|p| view! {
                <p class="notice notice--warning" role="alert">{p}</p>
            }).collect_view()}
            {move || {
                let list = entries();
                if list.is_empty() {
                    view! {
                        <p class="panel">"No finished calls yet. " <A href="/practice">"Take a practice call"</A> " and it will appear here."</p>
                    }.into_any()
                } else {
                    view! { <ProgressBody entries=list on_open /> }.into_any()
                }
            }}
            <div class="progress__actions">
                <button type="button" class="button" on:click=export_all disabled=move || entries().is_empty()>"Export history"</button>
                <button type="button" class="button button--danger" on:click=move |_| confirming.set(true) disabled=move || entries().is_empty()>"Clear history"</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="panel confirm" role="alertdialog" aria-labelledby="confirm-clear-title" aria-describedby="confirm-clear-text">
                    <h2 id="confirm-clear-title">"Clear your history?"</h2>
                    <p id="confirm-clear-text">{move || format!("This removes all {} saved calls from this browser. It cannot be undone; export first if you want a copy.", entries().len())}</p>
                    <button type="button" class="button button--danger" on:click=clear>"Yes, clear history"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Show>
            <ReviewDialog history open />
        </section>
    }
}
