//! The Progress page, at `/progress`: every finished call kept in this browser, a chart of
//! overall and composure over time, recent calls, weak spots, drill, export and clear.

use super::set_title;
use crate::progress::{drill_kinds, export, means, weak_spots, Entry, WeakSpot};
use crate::ui::browser::{download, epoch_ms, local_date_time};
use crate::ui::params::Drill;
use crate::ui::store::{self, History};
use leptos::prelude::*;
use leptos_router::components::A;

/// Progress, at `/progress`.
#[component]
pub fn Progress() -> impl IntoView {
    set_title("Progress");
    let history = RwSignal::new(store::load_history());
    let confirming = RwSignal::new(false);
    let entries = move || history.with(|h| h.entries.clone());
    let clear = move |_| {
        confirming.set(false);
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
                    view! { <ProgressBody entries=list /> }.into_any()
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
        </section>
    }
}

#[component]
fn ProgressBody(entries: Vec<Entry>) -> impl IntoView {
    let (techniques, kinds) = weak_spots(&entries);
    let drill = Drill(drill_kinds(&entries));
    let drill_href = drill.href();
    let recent: Vec<Entry> = entries.iter().rev().take(15).cloned().collect();
    let n = entries.iter().filter(|e| e.counts()).count();
    let abandoned = entries.len() - n;
    let summary = match means(&entries) {
        Some((overall, composure)) => format!(
            "{n} call(s); mean overall {overall}, mean composure {composure}.{}",
            if abandoned > 0 {
                format!(" {abandoned} abandoned call(s) are not counted.")
            } else {
                String::new()
            }
        ),
        None => format!("No finished calls yet; {abandoned} abandoned call(s) are not counted."),
    };
    view! {
        <p>{summary}</p>
        <Chart entries=entries.clone() />
        <div class="weak">
            <WeakList title="Techniques to work on" spots=techniques />
            <WeakList title="Customer moves you find hardest" spots=kinds />
        </div>
        {(!drill.0.is_empty()).then(|| view! {
            <p><A href=drill_href attr:class="button button--primary">"Drill my weak spots"</A></p>
        })}
        <table class="table">
            <caption>"Recent calls"</caption>
            <thead>
                <tr>
                    <th scope="col">"Date"</th><th scope="col">"Campaign"</th><th scope="col">"Customer"</th>
                    <th scope="col">"Ending"</th><th scope="col">"Overall"</th><th scope="col">"Composure"</th><th scope="col">"Result"</th>
                </tr>
            </thead>
            <tbody>
                {recent.into_iter().map(|e| view! {
                    <tr>
                        <td>{local_date_time(e.finished_at_ms)}</td>
                        <td>{e.campaign_title.clone()}</td>
                        <td>{format!("{} ({})", e.persona, e.archetype)}</td>
                        <td>{e.ending_name()}</td>
                        <td>{e.scores.overall.to_string()}</td>
                        <td>{e.scores.composure.to_string()}</td>
                        <td>{if e.passed { "Passed" } else { "Not passed" }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn WeakList(title: &'static str, spots: Vec<WeakSpot>) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{title}</h2>
            {if spots.is_empty() {
                view! { <p class="muted">"Not enough calls yet to tell."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {spots.into_iter().map(|s| view! {
                            <li>{format!("{}: best answer {} of {} times ({}%)", s.name, s.hits, s.chances, s.percent())}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// Overall and composure over the last calls, as SVG with a text alternative.
#[component]
fn Chart(entries: Vec<Entry>) -> impl IntoView {
    let last: Vec<&Entry> = entries
        .iter()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let (w, h, pad) = (600.0_f64, 200.0_f64, 24.0_f64);
    let step = if last.len() > 1 {
        (w - 2.0 * pad) / (last.len() - 1) as f64
    } else {
        0.0
    };
    let points = |f: fn(&Entry) -> u8| -> String {
        last.iter()
            .enumerate()
            .map(|(i, e)| {
                format!(
                    "{:.1},{:.1}",
                    pad + step * i as f64,
                    h - pad - (h - 2.0 * pad) * f64::from(f(e)) / 100.0
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let overall = points(|e| e.scores.overall);
    let composure = points(|e| e.scores.composure);
    let alt = last
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "call {}: overall {}, composure {}",
                i + 1,
                e.scores.overall,
                e.scores.composure
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="panel chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="chart-title chart-desc" class="chart__svg">
                <title id="chart-title">"Overall and composure over your last calls"</title>
                <desc id="chart-desc">{alt.clone()}</desc>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad class="chart__axis" />
                <line x1=pad y1=pad x2=w - pad y2=pad class="chart__grid" />
                <polyline points=overall class="chart__line chart__line--overall" fill="none" />
                <polyline points=composure class="chart__line chart__line--composure" fill="none" />
            </svg>
            <figcaption>
                <span class="legend legend--overall">"— Overall (solid)"</span>
                " "
                <span class="legend legend--composure">"- - Composure (dashed)"</span>
                <details>
                    <summary>"Chart as text"</summary>
                    <p>{alt}</p>
                </details>
            </figcaption>
        </figure>
    }
}
