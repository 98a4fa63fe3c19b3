//! The application shell: skip link, header with the main navigation, the routed `<main>` and a
//! footer. The app's state is made and provided here, once.
//!
//! Two entry points share the shell: [`App`], the whole app (every page, SCORM package mode, the
//! xAPI outbox), and [`crate::ui::first::FirstApp`], the small first-call app that serves Home and
//! Practice on a first visit (see `ui::first`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

use super::pages::assessment::Assessment;
use super::pages::home::Home;
use super::pages::not_found::NotFound;
use super::pages::package::PackageLaunch;
use super::pages::practice::Practice;
use super::pages::progress::Progress;
use super::pages::trainer::Trainer;
use super::state::{compose, use_app, AppState, Need, LOADING};

/// The whole app: the state every page shares, the router and the page shell around the routes.
#[component]
pub fn App() -> impl IntoView {
    AppState::provide(compose, Need::All);
    // Statements queued for a Learning Record Store go out now and whenever the browser is
    // back online.
    crate::ui::lrs::start();
    // The launch page of a SCORM package shows its course only: the site's pages and links are
    // not in the package.
    let package = crate::ui::browser::scorm::package_mode();
    view! {
        <Router>
            <Shell package=package>
                {if package {
                    view! { <WithContent><PackageLaunch /></WithContent> }.into_any()
                } else {
                    view! {
                        <Routes fallback=NotFound>
                            <Route path=path!("/") view=Home />
                            <Route path=path!("/practice") view=|| view! { <WithContent><Practice /></WithContent> } />
                            <Route path=path!("/trainer") view=|| view! { <WithContent><Trainer /></WithContent> } />
                            <Route path=path!("/assessment") view=|| view! { <WithContent><Assessment /></WithContent> } />
                            <Route path=path!("/progress") view=|| view! { <WithContent><Progress /></WithContent> } />
                        </Routes>
                    }.into_any()
                }}
            </Shell>
        </Router>
    }
}

/// The landmarks every page shares, around the routed content (`children`). Must be rendered
/// inside a `<Router>`. `package`: the launch page of a SCORM package (no site navigation).
#[component]
pub fn Shell(package: bool, children: Children) -> impl IntoView {
    let main = NodeRef::<leptos::html::Main>::new();
    focus_main_on_navigation(main);
    let app = use_app();
    // Stored data that could not be read is set aside, never lost, and always said so.
    let notices = move || {
        let n = app.notices();
        (!n.is_empty()).then(|| {
            view! {
                <div class="notice notice--warning storage-notices" role="alert">
                    <ul>{n.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    <button type="button" class="button button--quiet" on:click=move |_| app.dismiss_notices()>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    };
    let brand = || {
        view! {
            <svg
                class="brand__mark"
                viewBox="0 0 32 32"
                width="28"
                height="28"
                aria-hidden="true"
                focusable="false"
            >
                <rect width="32" height="32" rx="8" fill="currentColor" />
                <path
                    d="M9 17.5c2.2-3.4 4.3-5 7-5s4.8 1.6 7 5"
                    fill="none"
                    stroke="#fff"
                    stroke-width="2.4"
                    stroke-linecap="round"
                />
                <circle cx="16" cy="21" r="2" fill="#fff" />
            </svg>
            <span class="brand__name">"Composure"</span>
        }
    };
    view! {
        // Native fragment navigation (rel="external" keeps the router out of it) moves focus to
        // the focusable <main>.
        <a class="skip-link" href="#main" rel="external">
            "Skip to main content"
        </a>
        <header class="site-header">
            <div class="container site-header__inner">
                {if package {
                    view! { <span class="brand">{brand()}</span> }.into_any()
                } else {
                    view! { <A href="/" exact=true attr:class="brand">{brand()}</A> }.into_any()
                }}
                <nav class="site-nav" aria-label="Main" hidden=package>
                    <ul class="site-nav__list" role="list">
                        <li>
                            <A href="/practice">"Practice"</A>
                        </li>
                        <li>
                            <A href="/trainer">"Trainer"</A>
                        </li>
                        <li>
                            <A href="/assessment">"Assessment"</A>
                        </li>
                        <li>
                            <A href="/progress">"Progress"</A>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" class="site-main" tabindex="-1" node_ref=main>
            <div class="container">
                {notices}
                {children()}

            </div>
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>{if package { "Composure runs in your browser. Your learning platform records this course's attempt." } else { "Composure runs entirely in your browser. Nothing you do here leaves this device, unless your trainer's assessment sends its results to their Learning Record Store." }}</p>
            </div>
        </footer>
    }
}

/// A page that plays or lists calls: asks for the built-in content it needs as it opens (every
/// campaign unless told otherwise), and is shown once that has arrived (or could not, and the
/// page says why); until then a status line. Home needs no content and never waits.
///
/// The page is built once: campaigns that arrive after it shows do not rebuild it.
#[component]
pub fn WithContent(#[prop(optional)] need: Need, children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    app.want(need);
    let ready = Memo::new(move |_| app.readiness(need));
    move || match ready.get() {
        Some(Ok(())) => children().into_any(),
        Some(Err(why)) => {
            view! { <p class="notice notice--danger" role="alert">{why}</p> }.into_any()
        }
        None => view! { <p class="loading" role="status">{LOADING}</p> }.into_any(),
    }
}

/// After a client-side navigation, move keyboard focus to `<main>` so that keyboard and screen
/// reader users start at the new page's content instead of at a link that no longer exists.
fn focus_main_on_navigation(main: NodeRef<leptos::html::Main>) {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            if let Some(el) = main.get_untracked() {
                _ = el.focus();
            }
        }
        path
    });
}
