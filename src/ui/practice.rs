//! The Practice page, at `/practice`.

use leptos::prelude::*;

use super::page::set_title;

/// Practice, at `/practice`.
#[component]
pub fn Practice() -> impl IntoView {
    set_title("Practice");
    view! {
        <section class="page">
            <h1>"Practice"</h1>
            <p class="lede">"Choose a campaign and take practice calls."</p>
        </section>
    }
}
