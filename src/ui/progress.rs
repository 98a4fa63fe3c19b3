//! The Progress page, at `/progress`.

use leptos::prelude::*;

use super::page::set_title;

/// Progress, at `/progress`.
#[component]
pub fn Progress() -> impl IntoView {
    set_title("Progress");
    view! {
        <section class="page">
            <h1>"Progress"</h1>
            <p class="lede">"Your finished calls and how your scores change over time."</p>
        </section>
    }
}
