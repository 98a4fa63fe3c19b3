//! The Trainer page, at `/trainer`.

use leptos::prelude::*;

use super::page::set_title;

/// Trainer, at `/trainer`.
#[component]
pub fn Trainer() -> impl IntoView {
    set_title("Trainer");
    view! {
        <section class="page">
            <h1>"Trainer"</h1>
            <p class="lede">"Build persona sets, share them with your team, and review results."</p>
        </section>
    }
}
