//! Browser tests of the Leptos shell: mount a component into a real DOM and read it back.
//! Run by scripts/test with wasm-bindgen-test-runner in headless Chromium.
#![cfg(target_arch = "wasm32")]

use composure::ui::pages::home::Home;
use composure::ui::pages::not_found::NotFound;
use composure::ui::App;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::Router;
use wasm_bindgen_test::*;

mod web_common;
use web_common::container;

wasm_bindgen_test_configure!(run_in_browser);

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// (text, href) of every link under `root`.
fn links(root: &web_sys::Element) -> Vec<(String, String)> {
    let nodes = root.query_selector_all("a").expect("valid selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|node| {
            let a = node.unchecked_into::<web_sys::Element>();
            (
                a.text_content().unwrap_or_default().trim().to_string(),
                a.get_attribute("href").unwrap_or_default(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn home_shows_heading_description_and_three_links() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Router>
                <Home />
            </Router>
        }
    });
    leptos::task::tick().await;

    assert_eq!(text_of(&root, "h1"), "Composure");
    assert!(!text_of(&root, "p").is_empty(), "home has a description");
    assert_eq!(
        links(&root),
        vec![
            ("Practice".to_string(), "/practice".to_string()),
            ("Trainer".to_string(), "/trainer".to_string()),
            ("Assessment".to_string(), "/assessment".to_string()),
        ]
    );
    assert_eq!(document().title(), "Composure");

    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn not_found_offers_a_link_home() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Router>
                <NotFound />
            </Router>
        }
    });
    leptos::task::tick().await;

    assert_eq!(text_of(&root, "h1"), "Page not found");
    assert_eq!(
        links(&root),
        vec![("Back to home".to_string(), "/".to_string())]
    );

    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn shell_has_landmarks_skip_link_and_navigation() {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    leptos::task::tick().await;

    let first_link = root
        .query_selector("a")
        .expect("valid selector")
        .expect("a link");
    assert_eq!(
        first_link.text_content().unwrap_or_default(),
        "Skip to main content"
    );
    assert_eq!(first_link.get_attribute("href").as_deref(), Some("#main"));

    let main = root.query_selector("main#main").expect("valid selector");
    assert!(main.is_some(), "a <main id=main> landmark");
    assert_eq!(
        main.and_then(|m| m.get_attribute("tabindex")).as_deref(),
        Some("-1")
    );
    assert!(root.query_selector("header").expect("valid").is_some());
    assert!(root.query_selector("footer").expect("valid").is_some());

    let nav = root
        .query_selector("nav[aria-label='Main']")
        .expect("valid selector")
        .expect("a navigation landmark named Main");
    let nav_links: Vec<String> = links(&nav).into_iter().map(|(text, _)| text).collect();
    assert_eq!(nav_links, ["Practice", "Trainer", "Assessment", "Progress"]);

    drop(handle);
    root.remove();
}
