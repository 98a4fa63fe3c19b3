//! The page shown for any path that matches no route.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::set_title;

/// Not found: says which address was asked for and offers the way home.
#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    let location = use_location();
    view! {
        <section class="page page--not-found">
            <h1>"Page not found"</h1>
            <p class="lede">
                "The address " <code>{move || location.pathname.get()}</code>
                " does not match any page in Composure."
            </p>
            <p>
                <A href="/" attr:class="button">
                    "Back to home"
                </A>
            </p>
        </section>
    }
}
