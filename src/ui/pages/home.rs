//! The home page: what Composure is, and the three ways in.

use leptos::prelude::*;
use leptos_router::components::A;

use super::set_title;

/// Home, at `/`.
#[component]
pub fn Home() -> impl IntoView {
    set_title("");
    view! {
        <section class="page page--home">
            <h1>"Composure"</h1>
            <p class="lede">
                "Rehearse difficult customer calls in a safe simulator, and learn to stay calm and correct under pressure."
            </p>
            <ul class="card-grid" role="list">
                <li class="card">
                    <A href="/practice" attr:class="card__link">
                        "Practice"
                    </A>
                    <p class="card__text">
                        "Take simulated calls, choose each reply, and see what worked."
                    </p>
                </li>
                <li class="card">
                    <A href="/trainer" attr:class="card__link">
                        "Trainer"
                    </A>
                    <p class="card__text">
                        "Build persona sets for your team, share them, and check the results."
                    </p>
                </li>
                <li class="card">
                    <A href="/assessment" attr:class="card__link">
                        "Assessment"
                    </A>
                    <p class="card__text">
                        "Take the calls a trainer set for you and hand in a verifiable result."
                    </p>
                </li>
            </ul>
        </section>
    }
}
