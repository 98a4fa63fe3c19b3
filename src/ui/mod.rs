//! The Leptos shell: a thin single-page app that feeds the trainee's choices into the simulation
//! core and renders its events. It holds no game logic.
//!
//! Each page lives in its own file so that it can be replaced on its own.

mod app;
pub mod assessment;
pub mod home;
pub mod not_found;
pub mod page;
pub mod practice;
pub mod progress;
pub mod trainer;

pub use app::App;

/// Mounts the app on `<body>`. Called once by the `composure-app` binary in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
