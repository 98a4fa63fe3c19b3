//! One line telling the user how an action went.

use leptos::prelude::*;

/// The outcome of an action, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// It went well: shown as a status (announced politely).
    Done(String),
    /// It did not: shown as an alert.
    Problem(String),
}

/// A message line: a status when all went well, an alert otherwise; nothing for `None`.
pub fn message(m: Option<Message>) -> impl IntoView {
    m.map(|m| match m {
        Message::Done(text) => {
            view! { <p class="notice notice--info" role="status">{text}</p> }.into_any()
        }
        Message::Problem(text) => {
            view! { <p class="notice notice--danger" role="alert">{text}</p> }.into_any()
        }
    })
}
