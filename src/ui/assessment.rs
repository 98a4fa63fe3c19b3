//! The Assessment page, at `/assessment`.

use leptos::prelude::*;

use super::page::set_title;

/// Assessment, at `/assessment`.
#[component]
pub fn Assessment() -> impl IntoView {
    set_title("Assessment");
    view! {
        <section class="page">
            <h1>"Assessment"</h1>
            <p class="lede">"Take an assessment that a trainer has shared with you."</p>
        </section>
    }
}
