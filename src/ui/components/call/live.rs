//! A call on screen: the core's [`Call`] plus what the screen has revealed so far, and the one
//! function that applies a trainee's choice to it ([`choose`]). Words for moods and verdicts.

use crate::content::{Quality, Tone};
use crate::sim::{Call, Choice, Event, Feedback, Snapshot};
use crate::ui::browser::{epoch_ms, now_ms, speak};
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
    /// The verdict on the last reply is on screen and the trainee has not yet moved on
    /// ("Continue"): the next offer waits, and its reply time has not started.
    pub awaiting: bool,
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
            awaiting: false,
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
    pub fn visible(&self) -> &[Event] {
        &self.call.events()[..self.shown.min(self.call.events().len())]
    }
    /// The offer on screen, if the trainee may reply now.
    pub fn offer(&self) -> Option<Vec<String>> {
        if self.typing || self.awaiting || self.call.is_over() {
            return None;
        }
        self.visible().iter().rev().find_map(|e| match e {
            Event::Offer { lines, .. } => Some(lines.iter().map(|l| l.to_string()).collect()),
            _ => None,
        })
    }
    pub fn snapshot(&self) -> Option<Snapshot> {
        self.visible().iter().rev().find_map(|e| match e {
            Event::State(s) => Some(s.clone()),
            _ => None,
        })
    }
    pub fn last_feedback(&self) -> Option<Feedback> {
        self.visible().iter().rev().find_map(|e| match e {
            Event::Feedback(f) => Some((**f).clone()),
            _ => None,
        })
    }
    /// Whether the whole call, ending included, is on screen (and its last verdict seen).
    pub fn finished_on_screen(&self) -> bool {
        self.call.is_over() && self.shown >= self.call.events().len() && !self.awaiting
    }

    /// What the last reply was: the verdict on it, or a reply time that ran out. `None` before
    /// the first reply.
    pub fn last_turn(&self) -> Option<LastTurn> {
        self.call.events().iter().rev().find_map(|e| match e {
            Event::Feedback(f) => Some(LastTurn::Reply(Box::new((**f).clone()))),
            Event::NoReply { ms, .. } => Some(LastTurn::TimedOut { ms: *ms }),
            _ => None,
        })
    }

    /// "Continue": the trainee has seen the verdict; the next offer's reply time starts now.
    pub fn acknowledge(&mut self) {
        if self.awaiting {
            self.awaiting = false;
            self.offer_at = now_ms();
        }
    }
}

/// The last turn of the trainee, as the verdict card shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum LastTurn {
    /// A reply, with the core's verdict on it.
    Reply(Box<Feedback>),
    /// No reply within the time limit (`ms` waited): the customer heard silence.
    TimedOut { ms: u32 },
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
pub(super) fn typing_now(live: RwSignal<Option<Live>>) -> bool {
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
        // With feedback on, the verdict is shown before anything else moves on.
        l.awaiting = screen.feedback;
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

/// "Continue" after a verdict: the next offer shows and its reply time starts now.
pub fn acknowledge(live: RwSignal<Option<Live>>, on_change: Callback<()>) {
    let mut moved = false;
    live.update(|l| {
        if let Some(l) = l.as_mut() {
            moved = l.awaiting;
            l.acknowledge();
        }
    });
    if moved {
        on_change.run(());
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
