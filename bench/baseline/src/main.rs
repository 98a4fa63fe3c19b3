//! The bench's baseline: the smallest Leptos 0.8 CSR app with a router and two routes, Home (a
//! heading and a link) and Counter (a button). `scripts/bench` times how long its Home takes to
//! become interactive, the same way it times Composure's, and reports Composure's load figures as
//! ratios to it.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The first page: a heading and a link to the second.
#[component]
fn Home() -> impl IntoView {
    view! {
        <main>
            <h1>"Baseline"</h1>
            <p>"A bare Leptos app, measured beside Composure."</p>
            <nav aria-label="Main">
                <A href="/counter">"Counter"</A>
            </nav>
        </main>
    }
}

/// The second page: a button that counts its presses.
#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    view! {
        <main>
            <h1>"Counter"</h1>
            <button type="button" on:click=move |_| set_count.update(|n| *n += 1)>
                "Pressed " {count} " times"
            </button>
            <p>
                <A href="/">"Home"</A>
            </p>
        </main>
    }
}

/// The router and its two routes.
#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| view! { <p>"Not found."</p> }>
                <Route path=path!("/") view=Home />
                <Route path=path!("/counter") view=Counter />
            </Routes>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
