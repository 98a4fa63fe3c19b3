//! Small helpers shared by the pages.

/// Sets the document title to "`page` · Composure" (or "Composure" for an empty name), so that
/// each route is announced and bookmarked by its own name.
pub fn set_title(page: &str) {
    let title = if page.is_empty() {
        "Composure".to_string()
    } else {
        format!("{page} · Composure")
    };
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::document().set_title(&title);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = title;
}
