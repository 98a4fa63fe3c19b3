//! The call screen: persona card with the mood meter, the transcript, the offered replies, the
//! reply timer and the hint. It renders the core's events and feeds choices back; it decides
//! nothing about the call itself.

use super::browser::{epoch_ms, now_ms, speak};
use crate::content::{Quality, Tone};
use crate::sim::{Call, Choice, Cue, Event, Feedback, Snapshot};
use leptos::prelude::*;
use std::time::Duration;

/// A call on screen: the core's call plus what the screen has revealed so far.
#[derive(Clone, Debug)]
pub struct Live {
    pub call: Call,
    /// Events shown so far (the customer's next line waits behind a typing delay).
    pub shown: usize,
    pub typing: bool,
    /// When the current offer became visible (for reply times).
    pub offer_at: f64,
    pub hint_shown: bool,
    pub error: Option<String>,
}

impl Live {
    pub fn new(call: Call) -> Live {
        let shown = call.events().len();
        Live {
            call,
            shown,
            typing: false,
            offer_at: now_ms(),
            hint_shown: false,
            error: None,
        }
    }
    /// A call restored after a reload: the offer on screen keeps the time it first appeared
    /// (`offer_epoch`, Unix ms), so its reply deadline and reply time run on across the reload.
    pub fn resumed(call: Call, offer_epoch: Option<f64>) -> Live {
        let mut l = Live::new(call);
        if let Some(t) = offer_epoch {
            l.offer_at = now_ms() - (epoch_ms() - t).max(0.0);
        }
        l
    }
    /// When the current offer appeared, as Unix ms (for saving across a reload).
    pub fn offer_epoch(&self) -> f64 {
        epoch_ms() - (now_ms() - self.offer_at)
    }
    fn visible(&self) -> &[Event] {
        &self.call.events()[..self.shown.min(self.call.events().len())]
    }
    /// The offer on screen, if the trainee may reply now.
    pub fn offer(&self) -> Option<Vec<String>> {
        if self.typing || self.call.is_over() {
            return None;
        }
        self.visible().iter().rev().find_map(|e| match e {
            Event::Offer { lines, .. } => Some(lines.iter().map(|l| l.to_string()).collect()),
            _ => None,
        })
    }
    fn snapshot(&self) -> Option<Snapshot> {
        self.visible().iter().rev().find_map(|e| match e {
            Event::State(s) => Some(s.clone()),
            _ => None,
        })
    }
    fn last_feedback(&self) -> Option<Feedback> {
        self.visible().iter().rev().find_map(|e| match e {
            Event::Feedback(f) => Some((**f).clone()),
            _ => None,
        })
    }
    /// Whether the whole call, ending included, is on screen.
    pub fn finished_on_screen(&self) -> bool {
        self.call.is_over() && self.shown >= self.call.events().len()
    }
}

/// Words for a mood value; colour is never the only signal.
pub fn mood_word(mood: i32) -> &'static str {
    match mood {
        m if m >= 70 => "calm",
        m if m >= 45 => "uneasy",
        m if m >= 25 => "tense",
        _ => "angry",
    }
}

/// "Best answer · calm tone": how a reply is judged, in words.
pub fn verdict(q: Quality, t: Tone) -> String {
    format!("{} · {} tone", quality_word(q), t.as_str())
}

pub fn quality_word(q: Quality) -> &'static str {
    match q {
        Quality::Best => "Best answer",
        Quality::Good => "Good answer",
        Quality::Weak => "Weak answer",
        Quality::Wrong => "Wrong answer",
    }
}

/// Settings of the screen that are not part of the call.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    pub typing_delay: bool,
    pub voice: bool,
    /// Show feedback after each reply (practice) or not (assessment).
    pub feedback: bool,
}

/// Whether the customer is "speaking" (tracked, so effects rerun when the typing delay ends).
fn typing_now(live: RwSignal<Option<Live>>) -> bool {
    live.with(|l| l.as_ref().map(|l| l.typing).unwrap_or(false))
}

/// Applies a choice and reveals the result, with the typing delay if on. A refused choice is
/// shown as an error on the screen.
pub fn choose(
    live: RwSignal<Option<Live>>,
    screen: Screen,
    pick: Option<u8>,
    on_change: Callback<()>,
) {
    let now = now_ms();
    let mut reveal_later = false;
    live.update(|l| {
        let Some(l) = l.as_mut() else { return };
        if l.typing || l.call.is_over() {
            return;
        }
        let limit = l.call.spec().reply_limit_ms;
        let mut ms = (now - l.offer_at).max(0.0) as u32;
        if let Some(limit) = limit {
            ms = ms.min(limit);
        }
        let choice = Choice {
            pick,
            ms,
            hint: l.hint_shown,
        };
        let before = l.call.events().len();
        if let Err(e) = l.call.apply(choice) {
            l.error = Some(format!("That reply could not be taken: {e}."));
            return;
        }
        l.error = None;
        l.hint_shown = false;
        let events = l.call.events();
        let first_customer = events[before..]
            .iter()
            .position(|e| matches!(e, Event::Customer { .. }))
            .map(|i| before + i);
        match first_customer {
            Some(i) if screen.typing_delay => {
                l.shown = i;
                l.typing = true;
                reveal_later = true;
            }
            _ => {
                l.shown = events.len();
                l.offer_at = now_ms();
                if screen.voice {
                    speak_new(l, before);
                }
            }
        }
    });
    on_change.run(());
    if reveal_later {
        let delay = live.with_untracked(|l| {
            l.as_ref()
                .and_then(|l| {
                    l.call.events()[l.shown..].iter().find_map(|e| match e {
                        Event::Customer { text, .. } => Some(text.chars().count()),
                        _ => None,
                    })
                })
                .unwrap_or(20)
        });
        let ms = (500 + 12 * delay as u64).min(1600);
        set_timeout(
            move || {
                live.update(|l| {
                    if let Some(l) = l.as_mut() {
                        let before = l.shown;
                        l.shown = l.call.events().len();
                        l.typing = false;
                        l.offer_at = now_ms();
                        if screen.voice {
                            speak_new(l, before);
                        }
                    }
                });
                on_change.run(());
            },
            Duration::from_millis(ms),
        );
    }
}

fn speak_new(l: &Live, from: usize) {
    let p = l.call.persona();
    for e in &l.call.events()[from.min(l.shown)..l.shown] {
        if let Event::Customer { text, .. } = e {
            speak(text, p.pitch, p.rate);
        }
    }
}

/// The live call console.
#[component]
pub fn CallScreen(
    live: RwSignal<Option<Live>>,
    screen: Screen,
    /// Called after every change, to save the call.
    on_change: Callback<()>,
) -> impl IntoView {
    let persona = move || live.with(|l| l.as_ref().map(|l| l.call.persona().clone()));
    let situation = move || {
        live.with(|l| {
            l.as_ref().map(|l| {
                let c = l.call.campaign();
                format!(
                    "{} The customer {}.",
                    c.situation,
                    l.call.persona().trait_text
                )
            })
        })
    };
    let snapshot = move || live.with(|l| l.as_ref().and_then(|l| l.snapshot()));
    let mood = move || snapshot().map(|s| s.mood).unwrap_or(50);

    // Digit keys pick the matching line (not while typing in a form field); a digit with no line
    // says so instead of doing nothing.
    let key_note: RwSignal<Option<String>> = RwSignal::new(None);
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        let in_field = ev
            .target()
            .and_then(|t| {
                use leptos::wasm_bindgen::JsCast;
                t.dyn_into::<web_sys::Element>().ok()
            })
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
            .unwrap_or(false);
        if in_field {
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
                if l.typing || l.call.is_over() {
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

    let transcript = move || {
        live.with(|l| {
            let Some(l) = l.as_ref() else {
                return Vec::new();
            };
            let name = l.call.persona().name.clone();
            l.visible()
                .iter()
                .enumerate()
                .filter_map(|(i, e)| match e {
                    Event::Customer {
                        text, cue, level, ..
                    } => {
                        let note = match cue {
                            Cue::HangUp => " (hangs up)",
                            _ => "",
                        };
                        Some((
                            i,
                            "customer",
                            name.clone(),
                            format!("{text}{note}"),
                            level.as_str(),
                        ))
                    }
                    Event::Reply { text, .. } => {
                        Some((i, "agent", "You".to_string(), text.to_string(), ""))
                    }
                    Event::NoReply { .. } => Some((
                        i,
                        "agent",
                        "You".to_string(),
                        "(no reply in time)".to_string(),
                        "",
                    )),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    // The transcript follows the conversation: after each new line it scrolls to the newest,
    // unless the trainee has scrolled up to read, in which case "Jump to latest" appears.
    let panel = NodeRef::<leptos::html::Section>::new();
    let following = RwSignal::new(true);
    let unseen = RwSignal::new(false);
    let to_latest = move || {
        request_animation_frame(move || {
            if let Some(el) = panel.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    };
    Effect::new(move |_| {
        let lines = transcript().len();
        let _ = typing_now(live);
        if lines == 0 {
            return;
        }
        if following.get_untracked() {
            to_latest();
        } else {
            unseen.set(true);
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = panel.get_untracked() {
            let at_bottom = el.scroll_height() - el.scroll_top() - el.client_height() < 24;
            following.set(at_bottom);
            if at_bottom {
                unseen.set(false);
            }
        }
    };
    let jump = move |_| {
        following.set(true);
        unseen.set(false);
        to_latest();
    };
    let offer = move || live.with(|l| l.as_ref().and_then(|l| l.offer()));
    let typing = move || live.with(|l| l.as_ref().map(|l| l.typing).unwrap_or(false));
    let hints_on = move || live.with(|l| l.as_ref().map(|l| l.call.spec().hints).unwrap_or(false));
    let hint_text = move || {
        live.with(|l| {
            l.as_ref()
                .filter(|l| l.hint_shown)
                .and_then(|l| l.call.hint().map(|h| h.to_string()))
        })
    };
    let feedback = move || {
        if screen.feedback {
            live.with(|l| l.as_ref().and_then(|l| l.last_feedback()))
        } else {
            None
        }
    };
    let error = move || live.with(|l| l.as_ref().and_then(|l| l.error.clone()));

    view! {
        <div class="console">
            <section class="panel persona-card" role="region" aria-label="Customer">
                <h2 class="persona-card__name">{move || persona().map(|p| p.name).unwrap_or_default()}</h2>
                <p class="persona-card__meta">
                    {move || persona().map(|p| format!("{} · {}", p.archetype_label, p.age.as_str())).unwrap_or_default()}
                </p>
                <p class="persona-card__situation">{situation}</p>
                <div class="mood">
                    <span class="mood__label" id="mood-label">"Customer mood"</span>
                    <div
                        class="mood__track"
                        role="meter"
                        aria-labelledby="mood-label"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=move || mood().to_string()
                        aria-valuetext=move || format!("{} of 100, {}", mood(), mood_word(mood()))
                    >
                        <div
                            class=move || format!("mood__fill mood__fill--{}", mood_word(mood()))
                            style:width=move || format!("{}%", mood().clamp(0, 100))
                        ></div>
                    </div>
                    <span class="mood__value">{move || format!("{} · {}", mood(), mood_word(mood()))}</span>
                </div>
                <dl class="persona-card__facts">
                    <dt>"Phase"</dt>
                    <dd>{move || snapshot().map(|s| s.phase.to_string()).unwrap_or_default()}</dd>
                    <dt>"Required steps"</dt>
                    <dd>{move || snapshot().map(|s| format!("{} of {} done", s.steps_done, s.steps_total)).unwrap_or_default()}</dd>
                </dl>
            </section>

            <section class="panel transcript-panel" node_ref=panel on:scroll=on_scroll>
                <h2 class="visually-hidden">"Transcript"</h2>
                <div role="log" aria-live="polite" aria-label="Transcript">
                <ol class="transcript">
                    <For
                        each=transcript
                        key=|(i, ..)| *i
                        children=move |(_, who, name, text, level)| {
                            view! {
                                <li class=format!("turn turn--{who}")>
                                    <span class="turn__who">{name}</span>
                                    <span class="turn__text">{text}</span>
                                    {(!level.is_empty() && level != "polite").then(|| view! { <span class="turn__level">{level}</span> })}
                                </li>
                            }
                        }
                    />
                </ol>
                </div>
                <Show when=move || unseen.get()>
                    <button type="button" class="button jump-latest" on:click=jump>"Jump to latest"</button>
                </Show>
                <Show when=typing>
                    <p class="typing" aria-hidden="true">
                        {move || persona().map(|p| p.name).unwrap_or_default()}
                        " is speaking…"
                    </p>
                </Show>
            </section>

            <section class="panel reply-panel">
                {move || remaining.get().map(|s| view! {
                    <p class="timer">
                        <span id="timer-label">"Time to reply"</span>
                        " "
                        <span role="timer" aria-labelledby="timer-label" class=if s <= 5 { "timer__value timer__value--low" } else { "timer__value" }>
                            {format!("{s} s")}
                        </span>
                    </p>
                })}
                <div role="group" aria-label="Your reply" class="replies">
                    {move || match offer() {
                        Some(lines) => lines
                            .into_iter()
                            .enumerate()
                            .map(|(i, text)| {
                                let number = format!("{}. ", i + 1);
                                view! {
                                    <button
                                        type="button"
                                        class="reply"
                                        aria-keyshortcuts=(i + 1).to_string()
                                        on:click=move |_| choose(live, screen, Some(i as u8), on_change)
                                    >
                                        <span class="reply__key" aria-hidden="true">{(i + 1).to_string()}</span>
                                        <span class="reply__text"><span class="visually-hidden">{number}</span>{text}</span>
                                    </button>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        None => view! { <p class="replies__wait">"Listen…"</p> }.into_any(),
                    }}
                </div>
                <p class="replies__keys">
                    {move || offer().map(|o| format!("Press 1 to {} to pick a line.", o.len())).unwrap_or_default()}
                </p>
                <p class="replies__note" role="status">{move || key_note.get()}</p>
                <Show when=hints_on>
                    <div class="hint">
                        <button
                            type="button"
                            class="button button--quiet"
                            disabled=move || hint_text().is_some() || offer().is_none()
                            on:click=move |_| live.update(|l| if let Some(l) = l.as_mut() { l.hint_shown = true })
                        >
                            "Show hint"
                        </button>
                        <span class="hint__cost">" (costs 5 correctness points)"</span>
                        {move || hint_text().map(|h| view! { <p class="hint__text" role="note">{h}</p> })}
                    </div>
                </Show>
                {move || error().map(|e| view! { <p class="notice notice--danger" role="alert">{e}</p> })}
                {move || feedback().map(|f| view! { <FeedbackNote feedback=f /> })}
            </section>
        </div>
    }
}

/// Feedback on the last reply.
#[component]
pub fn FeedbackNote(feedback: Feedback) -> impl IntoView {
    let good = feedback.better.is_none();
    let class = if good {
        "feedback feedback--good"
    } else {
        "feedback feedback--improve"
    };
    let title = format!(
        "{}{}",
        if good { "✓ " } else { "△ " },
        verdict(feedback.quality, feedback.tone)
    );
    view! {
        <section class=class aria-label="Feedback on your last line">
            <h3 class="feedback__title">{title}</h3>
            <p>{feedback.why.to_string()}</p>
            {feedback.breaches.iter().map(|b| view! {
                <p class="feedback__breach">
                    {if b.critical { "Critical compliance breach: " } else { "Compliance: " }}
                    {b.label.to_string()}
                </p>
            }).collect_view()}
            {(!feedback.steps.is_empty()).then(|| view! {
                <p class="feedback__steps">"Step done: " {feedback.steps.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("; ")}</p>
            })}
            {feedback.better.map(|b| view! {
                <p class="feedback__better"><strong>"Better line: "</strong>{b.text.to_string()}</p>
                <p class="feedback__why">{b.why.to_string()}</p>
            })}
        </section>
    }
}
