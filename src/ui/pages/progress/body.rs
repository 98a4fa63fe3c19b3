//! Progress with calls to show: the summary line, the score chart, weak spots by their human
//! names with an example each, the drill link and the recent calls (a table on wide screens, a
//! list of cards on phones, by CSS), each call opening its review.

use crate::content::{names, Kind};
use crate::progress::{drill_kinds, summary_words, weak_spots, Entry, WeakSpot};
use crate::ui::browser::{local_date_time, local_short_date};
use crate::ui::components::{ChartPoint, ScoreChart};
use crate::ui::params::Drill;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many calls the chart shows, and how many the table lists (newest first).
const CHART_CALLS: usize = 30;
const TABLE_CALLS: usize = 15;

/// A call's accessible name on the chart and in the table: "Call on 12/03/2025, 14:05:11 with
/// Jane Doe, overall 78, composure 85".
fn call_label(e: &Entry) -> String {
    format!(
        "Call on {} with {}: overall {}, composure {}",
        local_date_time(e.finished_at_ms),
        e.persona,
        e.scores.overall,
        e.scores.composure
    )
}

/// The body of Progress: `on_open` gets a call's index in `entries` to open its review.
#[component]
pub(super) fn ProgressBody(entries: Vec<Entry>, on_open: Callback<usize>) -> impl IntoView {
    let (techniques, kinds) = weak_spots(&entries);
    let drill = Drill(drill_kinds(&entries));
    let drill_href = drill.href();
    let start = entries.len().saturating_sub(CHART_CALLS);
    let points: Vec<ChartPoint> = entries
        .iter()
        .enumerate()
        .skip(start)
        // An abandoned call has no scores to draw.
        .filter(|(_, e)| e.counts())
        .map(|(id, e)| ChartPoint {
            id,
            date: local_short_date(e.finished_at_ms),
            label: format!("{}. Open its review", call_label(e)),
            overall: e.scores.overall,
            composure: e.scores.composure,
        })
        .collect();
    let recent: Vec<(usize, Entry)> = entries
        .iter()
        .cloned()
        .enumerate()
        .rev()
        .take(TABLE_CALLS)
        .collect();
    view! {
        <p>{summary_words(&entries)}</p>
        <ScoreChart points on_open />
        <div class="weak">
            <WeakList title="Techniques to work on" spots=techniques is_kind=false />
            <WeakList title="Customer moves you find hardest" spots=kinds is_kind=true />
        </div>
        {(!drill.0.is_empty()).then(|| view! {
            <p><A href=drill_href attr:class="button button--primary">"Drill my weak spots"</A></p>
        })}
        <table class="table table--cards">
            <caption>"Recent calls"</caption>
            <thead>
                <tr>
                    <th scope="col">"Date"</th><th scope="col">"Campaign"</th><th scope="col">"Customer"</th>
                    <th scope="col">"Ending"</th><th scope="col">"Overall"</th><th scope="col">"Composure"</th><th scope="col">"Result"</th>
                    <th scope="col"><span class="visually-hidden">"Review"</span></th>
                </tr>
            </thead>
            <tbody>
                {recent.into_iter().map(|(i, e)| view! {
                    <tr>
                        <td data-label="Date">{local_date_time(e.finished_at_ms)}</td>
                        <td data-label="Campaign">{e.campaign_title.clone()}</td>
                        <td data-label="Customer">{format!("{} ({})", e.persona, e.archetype)}</td>
                        <td data-label="Ending">{e.ending_name()}</td>
                        <td data-label="Overall">{e.scores.overall.to_string()}</td>
                        <td data-label="Composure">{e.scores.composure.to_string()}</td>
                        <td data-label="Result">{if e.passed { "Passed" } else { "Not passed" }}</td>
                        <td class="table__open">
                            <button type="button" class="button button--quiet" aria-label=format!("Review: {}", call_label(&e))
                                on:click=move |_| on_open.run(i)>"Review"</button>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A weak spot in words: its human name and an example line, whether a technique (what an agent
/// says) or a customer move (what the customer says).
#[component]
fn WeakList(title: &'static str, spots: Vec<WeakSpot>, is_kind: bool) -> impl IntoView {
    view! {
        <section class="panel">
            <h2>{title}</h2>
            {if spots.is_empty() {
                view! { <p class="muted">"Not enough calls yet to tell."</p> }.into_any()
            } else {
                view! {
                    <ul class="weak__list">
                        {spots.into_iter().map(|s| {
                            let (name, example) = if is_kind {
                                (names::kind_label(&s.name), Kind::parse(&s.name).map(|k| names::kind(k).example))
                            } else {
                                (names::technique_label(&s.name), names::technique(&s.name).map(|n| n.example))
                            };
                            let lead = if is_kind { "The customer says something like " } else { "For example: " };
                            view! {
                                <li>
                                    <strong>{name.into_owned()}</strong>
                                    {format!(": best answer {} of {} times ({}%)", s.hits, s.chances, s.percent())}
                                    {example.map(|x| view! { <span class="weak__example">{lead}<q>{x}</q></span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
