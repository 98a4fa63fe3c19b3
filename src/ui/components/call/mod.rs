//! The call screen: persona card with the mood meter, the transcript, the offered replies, the
//! reply timer and the hint. It renders the core's events and feeds choices back; it decides
//! nothing about the call itself.
//!
//! [`CallScreen`] owns what spans the parts (the digit keys, the reply timer) and composes
//! [`CallHeader`], [`Transcript`] and [`ReplyPanel`]; [`Live`] and [`choose`] are the one way a
//! choice reaches the core.

mod header;
mod live;
mod replies;
mod transcript;

pub use header::CallHeader;
pub use live::{acknowledge, choose, mood_word, quality_word, verdict, LastTurn, Live, Screen};
pub use replies::{FeedbackNote, ReplyPanel};
pub use transcript::Transcript;

use crate::ui::browser::{in_form_field, now_ms, on_control};
use leptos::prelude::*;
use std::time::Duration;

/// The live call console.
#[component]
pub fn CallScreen(
    live: RwSignal<Option<Live>>,
    screen: Screen,
    /// Called after every change, to save the call.
    on_change: Callback<()>,
    /// Where the call sits ("Call 2 of 8"), shown in the header.
    #[prop(optional, into)]
    context: Option<Signal<String>>,
    /// Offers "End call" (after a confirmation) when given.
    #[prop(optional)]
    on_end: Option<Callback<()>>,
) -> impl IntoView {
    // Digit keys pick the matching line (not while typing in a form field); a digit with no line
    // says so instead of doing nothing.
    let key_note: RwSignal<Option<String>> = RwSignal::new(None);
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        if in_form_field(&ev) {
            return;
        }
        // Enter moves on from a verdict (a focused button handles its own Enter).
        if ev.key() == "Enter" && !on_control(&ev) {
            let waiting = live.with_untracked(|l| l.as_ref().is_some_and(|l| l.awaiting));
            if waiting {
                ev.prevent_default();
                acknowledge(live, on_change);
            }
            return;
        }
        let Some(d) = ev.key().chars().next().and_then(|c| c.to_digit(10)) else {
            return;
        };
        if ev.key().len() != 1 {
            return;
        }
        let n = live.with_untracked(|l| {
            l.as_ref()
                .and_then(|l| l.offer())
                .map(|o| o.len())
                .unwrap_or(0)
        });
        if n == 0 {
            return;
        }
        ev.prevent_default();
        if (1..=n).contains(&(d as usize)) {
            key_note.set(None);
            choose(live, screen, Some((d - 1) as u8), on_change);
        } else {
            key_note.set(Some(format!("There is no line {d}: press 1 to {n}.")));
        }
    });
    on_cleanup(move || keys.remove());

    // The reply timer: counts down while an offer is on screen; silence past it is a turn.
    let remaining = RwSignal::new(None::<u32>);
    let tick = move || {
        let state = live.with_untracked(|l| {
            l.as_ref().and_then(|l| {
                let limit = l.call.spec().reply_limit_ms?;
                if l.typing || l.awaiting || l.call.is_over() {
                    return None;
                }
                Some(f64::from(limit) - (now_ms() - l.offer_at))
            })
        });
        match state {
            Some(left) if left <= 0.0 => {
                remaining.set(Some(0));
                choose(live, screen, None, on_change);
            }
            Some(left) => {
                let secs = (left / 1000.0).ceil() as u32;
                if remaining.get_untracked() != Some(secs) {
                    remaining.set(Some(secs));
                }
            }
            None => {
                if remaining.get_untracked().is_some() {
                    remaining.set(None);
                }
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(200)) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <div class="console">
            <CallHeader live=live remaining=remaining.read_only() context=context on_end=on_end />
            <div class="console__body">
                <Transcript live=live />
                <ReplyPanel live=live screen=screen on_change=on_change key_note=key_note.read_only() />
            </div>
        </div>
    }
}
