//! The routed pages, one module each (a large page is a folder of panels). Each page sets the
//! document title and reads the shared state with [`crate::ui::use_app`].

pub mod assessment;
pub mod home;
pub mod not_found;
pub mod package;
pub mod practice;
pub mod progress;
pub mod trainer;

/// Sets the document title to "`page` · Composure" (or "Composure" for an empty name), so that
/// each route is announced and bookmarked by its own name.
pub fn set_title(page: &str) {
    let title = if page.is_empty() {
        "Composure".to_string()
    } else {
        format!("{page} · Composure")
    };
    super::browser::set_document_title(&title);
}
