//! Charts: the score distribution of a group of results, as bars, and a trainee's scores over
//! their calls, as lines with a point per call that opens its review. Each has a text version.

use crate::exchange::{histogram, histogram_text, BANDS};
use leptos::prelude::*;

/// The score distribution as bars, with its text alternative.
#[component]
pub fn Distribution(overall: Vec<u8>) -> impl IntoView {
    let bins = histogram(&overall);
    let max = bins.iter().copied().max().unwrap_or(1).max(1);
    let alt = histogram_text(&overall);
    let (w, h) = (300.0_f64, 120.0_f64);
    let bw = w / 5.0;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {}", h + 20.0) role="img" aria-label="Score distribution" class="chart__svg">
                <desc>{alt.clone()}</desc>
                {bins.iter().enumerate().map(|(i, n)| {
                    let bh = h * f64::from(*n) / f64::from(max);
                    view! {
                        <rect x=bw * i as f64 + 4.0 y=h - bh width=bw - 8.0 height=bh class="chart__bar" />
                        <text x=bw * i as f64 + bw / 2.0 y=h + 14.0 text-anchor="middle" font-size="11">{BANDS[i]}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{alt}</figcaption>
        </figure>
    }
}

/// One call on the score chart.
///
/// Invariant: scores run from 0 to 100 (as `progress::Entry::check_ranges` guarantees).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// What `on_open` is called with (the call's place in the history).
    pub id: usize,
    /// The date under the axis: "12 Mar".
    pub date: String,
    /// The point's accessible name: which call it is, when, and its scores.
    pub label: String,
    pub overall: u8,
    pub composure: u8,
}

/// The chart's geometry, in SVG user units: the plot sits inside the margins, which hold the
/// axes' ticks and titles.
const W: f64 = 560.0;
const H: f64 = 270.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 18.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 58.0;
/// At most this many dates under the axis, so they never overlap.
const MAX_DATES: usize = 5;

fn y_of(score: u8) -> f64 {
    TOP + (H - TOP - BOTTOM) * (1.0 - f64::from(score.min(100)) / 100.0)
}

/// Which points get a date under the axis: the first, the last and evenly spaced ones between.
fn dated(n: usize) -> Vec<usize> {
    if n <= MAX_DATES {
        return (0..n).collect();
    }
    let mut out: Vec<usize> = (0..MAX_DATES)
        .map(|k| (k * (n - 1) + (MAX_DATES - 1) / 2) / (MAX_DATES - 1))
        .collect();
    out.dedup();
    out
}

/// Overall and composure over a run of calls, with labelled axes, dates and a point per call;
/// each point is a button that calls `on_open` with its id. A text version sits below.
#[component]
pub fn ScoreChart(points: Vec<ChartPoint>, on_open: Callback<usize>) -> impl IntoView {
    let n = points.len();
    let plot_w = W - LEFT - RIGHT;
    let step = if n > 1 { plot_w / (n - 1) as f64 } else { 0.0 };
    let x_of = move |i: usize| {
        if n > 1 {
            LEFT + step * i as f64
        } else {
            LEFT + plot_w / 2.0
        }
    };
    let line = |f: fn(&ChartPoint) -> u8| -> String {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(f(p))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let overall = line(|p| p.overall);
    let composure = line(|p| p.composure);
    let base = H - BOTTOM;
    let ticks = [0u8, 25, 50, 75, 100].map(|v| {
        let y = y_of(v);
        view! {
            <line x1=LEFT y1=y x2=W - RIGHT y2=y class=if v == 0 { "chart__axis" } else { "chart__grid" } />
            <text x=LEFT - 8.0 y=y + 5.0 text-anchor="end" class="chart__tick">{v.to_string()}</text>
        }
    })
    .into_iter()
    .collect_view();
    let dates = dated(n).into_iter().map(|i| {
        let anchor = match i {
            _ if n == 1 => "middle",
            0 => "start",
            i if i + 1 == n => "end",
            _ => "middle",
        };
        let x = x_of(i);
        view! {
            <line x1=x y1=base x2=x y2=base + 6.0 class="chart__axis" />
            <text x=x y=base + 24.0 text-anchor=anchor class="chart__tick">{points[i].date.clone()}</text>
        }
    })
    .collect_view();
    let half = (step / 2.0).clamp(9.0, 24.0);
    let marks = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, yc) = (x_of(i), y_of(p.composure));
            view! {
                <rect x=x - 5.0 y=yc - 5.0 width="10" height="10" class="chart__mark chart__mark--composure" />
                <circle cx=x cy=y_of(p.overall) r="6" class="chart__mark chart__mark--overall" />
            }
        })
        .collect_view();
    let buttons = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, id) = (x_of(i), p.id);
            let open_key = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    on_open.run(id);
                }
            };
            view! {
                <g class="chart__point" role="button" tabindex="0" aria-label=p.label.clone()
                    on:click=move |_| on_open.run(id) on:keydown=open_key>
                    <rect x=x - half y=TOP - 6.0 width=2.0 * half height=base - TOP + 12.0 rx="4" class="chart__hit" />
                </g>
            }
        })
        .collect_view();
    let alt = points
        .iter()
        .map(|p| p.label.clone())
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="panel chart chart--scores">
            <div class="chart__frame">
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="score-chart-title score-chart-desc" class="chart__svg">
                    <title id="score-chart-title">"Overall and composure over your last calls"</title>
                    <desc id="score-chart-desc">{alt.clone()}</desc>
                    {ticks}
                    <line x1=LEFT y1=TOP x2=LEFT y2=base class="chart__axis" />
                    {dates}
                    <polyline points=overall class="chart__line chart__line--overall" fill="none" />
                    <polyline points=composure class="chart__line chart__line--composure" fill="none" />
                    {marks}
                    <text x="18" y=TOP + (base - TOP) / 2.0 text-anchor="middle" class="chart__axis-title"
                        transform=format!("rotate(-90 18 {})", TOP + (base - TOP) / 2.0)>"Score (0 to 100)"</text>
                    <text x=LEFT + plot_w / 2.0 y=H - 6.0 text-anchor="middle" class="chart__axis-title">"Date of the call"</text>
                </svg>
                // The same box again, over the picture: one button per call, so that a point
                // can be chosen by pointer or keyboard.
                <svg viewBox=format!("0 0 {W} {H}") role="group" aria-label="Open a call's review" class="chart__points">
                    {buttons}
                </svg>
            </div>
            <figcaption>
                <span class="legend legend--overall">"● Overall (solid line)"</span>
                " "
                <span class="legend legend--composure">"■ Composure (dashed line)"</span>
                <span class="muted chart__hint">"Choose a point to open that call's review."</span>
                <details>
                    <summary>"Chart as text"</summary>
                    <p>{alt}</p>
                </details>
            </figcaption>
        </figure>
    }
}
