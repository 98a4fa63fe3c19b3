//! The score distribution of a group of results, as bars with a text alternative.

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
