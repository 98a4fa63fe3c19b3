//! Helpers shared by the wasm-bindgen suites (tests/web.rs, tests/web_practice.rs).
#![allow(dead_code)] // each suite uses only some of them

use leptos::prelude::document;
use leptos::wasm_bindgen::JsCast;

/// A fresh container in `<body>` for one test.
pub fn container() -> web_sys::HtmlElement {
    let el = document()
        .create_element("div")
        .expect("create div")
        .unchecked_into::<web_sys::HtmlElement>();
    document()
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el
}

/// Every element under `root` matching `selector`.
pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let nodes = root.query_selector_all(selector).expect("valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .collect()
}

/// The first element under `root` matching `selector`.
pub fn one(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// The shipped content as the app plays it, loaded here from the packs embedded in the core
/// (the app itself fetches their compiled form; a test page has no server for them).
pub fn shipped_library() -> Result<std::sync::Arc<composure::content::Library>, String> {
    composure::content::Library::shipped()
        .map(std::sync::Arc::new)
        .map_err(|e| format!("{} problem(s) in the shipped content", e.len()))
}
