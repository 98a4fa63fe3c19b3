//! The first-call app: Home and Practice only, in a wasm of its own (`composure-first`), so that
//! a first visit downloads what a first practice call runs and nothing else.
//!
//! The page's loader (written into `index.html` by `scripts/csp.py`) starts this app for `/`
//! and `/practice`, and the whole app ([`crate::ui::App`]) for every other address. The two
//! share every page, component and the state; this one leaves out the pack importer (the TOML
//! loader and validator), the trainer, assessment, progress and SCORM pages, and the xAPI
//! outbox.
//!
//! Practice shows once the catalog is read; the built-in campaign a first call plays is read
//! while it is on screen, and the others only when a call needs them ([`Need::FirstCall`]).
//! The service worker still caches every campaign for offline use, in the background.
//!
//! Invariants:
//! - It runs only in a browser with no stored pack and no xAPI statement still to send
//!   (`store::has_pack_or_outbox`); otherwise it hands the tab over to the whole app before
//!   mounting ([`hand_over`]).
//! - Any navigation to an address it has no route for loads that address as a new page, and the
//!   loader starts the whole app there. It never shows "Page not found" for an address the whole
//!   app serves.
//! - The hand-over is remembered for the tab's session (`sessionStorage`), so a tab that needed
//!   the whole app once never starts the first-call app again. Where that cannot be remembered,
//!   there is no hand-over (a reload would start this app again, for ever).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::app::{Shell, WithContent};
use super::content::shipped_only;
use super::pages::home::Home;
use super::pages::practice::{self, Practice};
use super::state::{AppState, Need};

/// The addresses this app serves (the page's loader reads this line: keep it one line, and keep
/// it equal to the routes of [`FirstApp`]).
pub const FIRST_PATHS: [&str; 2] = ["/", "/practice"];

/// The `sessionStorage` key that makes the page's loader start the whole app in this tab.
pub const WHOLE_APP_KEY: &str = "composure.whole-app";

/// Home and Practice, in the shell every page shares.
#[component]
pub fn FirstApp() -> impl IntoView {
    AppState::provide(shipped_only, Need::FirstCall);
    view! {
        <Router>
            <Shell package=false>
                <Routes fallback=ToWholeApp>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/practice") view=|| view! { <WithContent need=practice::need()><Practice /></WithContent> } />
                </Routes>
            </Shell>
        </Router>
    }
}

/// An address this app has no route for (a link to Progress, say): load it, and the loader
/// starts the whole app there.
#[component]
fn ToWholeApp() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let address = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked(),
        location.hash.get_untracked()
    );
    go_whole_app(address);
    view! { <p class="loading" role="status">"Loading…"</p> }
}

/// Remembers for this tab that the whole app is wanted, and reloads the page (the loader then
/// starts the whole app). Returns whether it did: `false` when `sessionStorage` cannot keep the
/// flag, and the caller goes on with this app.
pub fn hand_over() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let w = leptos::prelude::window();
        let remembered =
            matches!(w.session_storage(), Ok(Some(s)) if s.set_item(WHOLE_APP_KEY, "1").is_ok());
        remembered && w.location().reload().is_ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Loads `address` as a new page, once the router has finished its client-side navigation
/// (which would otherwise cancel this one).
fn go_whole_app(address: String) {
    #[cfg(target_arch = "wasm32")]
    gloo_timers::callback::Timeout::new(0, move || {
        let _ = leptos::prelude::window().location().set_href(&address);
    })
    .forget();
    #[cfg(not(target_arch = "wasm32"))]
    let _ = address;
}
