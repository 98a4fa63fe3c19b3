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

/// The shipped content, loaded once.
pub fn shipped_library() -> Result<std::sync::Arc<crate::content::Library>, String> {
    use crate::content::Library;
    use std::sync::{Arc, OnceLock};
    static LIB: OnceLock<Result<Arc<Library>, String>> = OnceLock::new();
    LIB.get_or_init(|| {
        Library::shipped().map(Arc::new).map_err(|errors| {
            let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
            format!(
                "The built-in content could not be loaded ({} problem(s), first: {first}).",
                errors.len()
            )
        })
    })
    .clone()
}

static LIBRARY_VERSION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

std::thread_local! {
    static LIBRARY: std::cell::RefCell<Option<(u64, std::sync::Arc<crate::content::Library>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The content the app plays: the shipped packs plus the packs imported on the Trainer page.
/// Rebuilt after [`library_changed`].
pub fn library() -> Result<std::sync::Arc<crate::content::Library>, String> {
    use std::sync::atomic::Ordering;
    let shipped = shipped_library()?;
    let version = LIBRARY_VERSION.load(Ordering::Relaxed);
    if let Some(lib) = LIBRARY.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, l)| l.clone())
    }) {
        return Ok(lib);
    }
    let packs: Vec<_> = store::load_packs().into_iter().map(|(_, p)| p).collect();
    let lib = if packs.is_empty() {
        shipped
    } else {
        std::sync::Arc::new(crate::exchange::compose_library(&shipped, &packs).0)
    };
    LIBRARY.with(|c| *c.borrow_mut() = Some((version, lib.clone())));
    Ok(lib)
}

/// Call after packs were imported or removed: the next [`library`] call rebuilds.
pub fn library_changed() {
    LIBRARY_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}
