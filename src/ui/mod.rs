//! The Leptos shell: a thin single-page app that feeds the trainee's choices into the simulation
//! core and renders its events. It holds no game logic.
//!
//! Each page lives in its own file so that it can be replaced on its own.

mod app;
pub mod assessment;
pub mod browser;
pub mod call_view;
pub mod home;
pub mod not_found;
pub mod page;
pub mod practice;
pub mod progress;
pub mod review;
pub mod store;
pub mod trainer;

pub use app::App;

/// Mounts the app on `<body>`. Called once by the `composure-app` binary in the browser.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The content the app plays: the shipped packs, loaded once.
pub fn library() -> Result<std::sync::Arc<crate::content::Library>, String> {
    use crate::content::Library;
    use std::sync::{Arc, OnceLock};
    static LIB: OnceLock<Result<Arc<Library>, String>> = OnceLock::new();
    LIB.get_or_init(|| {
        Library::shipped_fast().map(Arc::new).map_err(|errors| {
            let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
            format!(
                "The built-in content could not be loaded ({} problem(s), first: {first}).",
                errors.len()
            )
        })
    })
    .clone()
}
