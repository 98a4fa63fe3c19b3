//! The Leptos shell: a thin single-page app that feeds the trainee's choices into the simulation
//! core and renders its events. It holds no game logic.
//!
//! Routed pages live in [`pages`] (one file, or one folder for a large page, each); pieces
//! shared by several pages in [`components`]. The app's state ([`state::AppState`]) is made
//! once in [`App`] and provided to every page. Everything that touches browser APIs directly
//! goes through [`browser`].

mod app;
pub mod browser;
pub mod components;
pub mod content;
pub mod first;
pub mod lrs;
pub mod pages;
pub mod params;
pub mod state;
pub mod store;

pub use app::App;
pub use state::{use_app, AppState};

/// Mounts the app on `<body>`. Called once by the `composure-app` binary in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// Mounts the first-call app (`first`) on `<body>`, or hands the tab over to the whole app
/// when this browser keeps data only the whole app reads. Called once by the
/// `composure-first` binary in the browser.
pub fn start_first() {
    console_error_panic_hook::set_once();
    if store::has_pack_or_outbox() && first::hand_over() {
        return;
    }
    leptos::mount::mount_to_body(first::FirstApp);
}
