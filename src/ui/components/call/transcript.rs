//! The transcript: every line shown so far, in a polite live region. It follows the conversation
//! (scrolls to the newest line) unless the trainee scrolled up to read; then "Jump to latest"
//! appears.

use super::live::{typing_now, Live};
use crate::sim::{Cue, Event};
use leptos::prelude::*;

/// The transcript of the call on screen.
#[component]
pub fn Transcript(live: RwSignal<Option<Live>>) -> impl IntoView {
    let persona_name = move || live.with(|l| l.as_ref().map(|l| l.call.persona().name.clone()));
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
    let typing = move || live.with(|l| l.as_ref().map(|l| l.typing).unwrap_or(false));
    view! {
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
                    {move || persona_name().unwrap_or_default()}
                    " is speaking…"
                </p>
            </Show>
        </section>
    }
}
