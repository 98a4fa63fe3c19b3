//! Browser tests of the Leptos shell: mount a component into a real DOM and read it back.
//! Run by scripts/test with wasm-bindgen-test-runner in headless Chromium.
#![cfg(target_arch = "wasm32")]

use composure::content::Kind;
use composure::exchange::PackSource;
use composure::ui::pages::home::Home;
use composure::ui::pages::not_found::NotFound;
use composure::ui::params::{AssessmentQuery, Drill, PracticeQuery};
use composure::ui::state::compose;
use composure::ui::App;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::Router;
use leptos_router::params::{Params, ParamsMap};
use wasm_bindgen_test::*;

mod web_common;
use web_common::{container, shipped_library};

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

/// The first ```toml block of the content format document: a complete small pack.
fn doc_pack() -> String {
    let doc = include_str!("../docs/content-format.md");
    let start = doc.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let end = start + doc[start..].find("```").expect("the example ends");
    doc[start..end].to_string()
}

/// One case of pack composition: the stored packs (file name, source) and, for each, `None`
/// when it must be in the library or a piece of the reason it is not.
struct PackCase {
    name: &'static str,
    packs: Vec<(&'static str, String)>,
    want: Vec<Option<String>>,
}

fn check_pack_case(case: PackCase) {
    let stored: Vec<(String, PackSource)> = case
        .packs
        .iter()
        .map(|(file, source)| {
            (
                format!("composure.pack.{file}"),
                PackSource {
                    file: file.to_string(),
                    source: source.clone(),
                },
            )
        })
        .collect();
    let content = compose(shipped_library(), &stored);
    let lib = content.library.expect("the library composes");
    assert_eq!(content.packs.len(), stored.len(), "{}", case.name);
    for (pack, want) in content.packs.iter().zip(&case.want) {
        let in_library = lib.campaigns.iter().any(|c| *c.file == *pack.pack.file);
        match want {
            None => {
                assert_eq!(pack.status, Ok(()), "{}: {}", case.name, pack.pack.file);
                assert!(in_library, "{}: {} plays", case.name, pack.pack.file);
            }
            Some(reason) => {
                let why = pack.status.clone().expect_err(case.name);
                assert!(why.contains(reason.as_str()), "{}: {why}", case.name);
                assert!(
                    !in_library,
                    "{}: {} does not play",
                    case.name, pack.pack.file
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn every_stored_pack_is_in_the_library_or_says_why_not() {
    let good = doc_pack();
    let builtin = shipped_library().expect("shipped").campaigns[0]
        .id
        .to_string();
    let cases = vec![
        PackCase {
            name: "a valid pack",
            packs: vec![("good.toml", good.clone())],
            want: vec![None],
        },
        PackCase {
            name: "a pack that no longer loads",
            packs: vec![(
                "broken.toml",
                good.replace("purpose = \"survey\"", "purpose = \"party\""),
            )],
            want: vec![Some("broken.toml:".into())],
        },
        PackCase {
            name: "a pack with a built-in id",
            packs: vec![(
                "taken.toml",
                good.replace("id = \"greenleaf-survey\"", &format!("id = \"{builtin}\"")),
            )],
            want: vec![Some("built-in campaign".into())],
        },
        PackCase {
            name: "two packs with one id: the later one plays",
            packs: vec![("first.toml", good.clone()), ("second.toml", good.clone())],
            want: vec![Some("same id".into()), None],
        },
    ];
    for case in cases {
        check_pack_case(case);
    }
}

#[wasm_bindgen_test]
fn query_parameters_are_read_into_their_types() {
    let cases: Vec<(Vec<(&str, &str)>, PracticeQuery)> = vec![
        (vec![], PracticeQuery::default()),
        (
            vec![("drill", "insult,silence")],
            PracticeQuery {
                drill: Some(Drill(vec![Kind::Insult, Kind::Silence])),
                set: None,
            },
        ),
        (
            vec![("drill", "insult,nonsense,,opt-out")],
            PracticeQuery {
                drill: Some(Drill(vec![Kind::Insult, Kind::OptOut])),
                set: None,
            },
        ),
        (
            vec![("set", "abc$"), ("other", "x")],
            PracticeQuery {
                drill: None,
                set: Some("abc$".into()),
            },
        ),
    ];
    for (pairs, want) in cases {
        let map: ParamsMap = pairs.iter().copied().collect();
        assert_eq!(
            PracticeQuery::from_map(&map).as_ref(),
            Ok(&want),
            "{pairs:?}"
        );
    }
    let map: ParamsMap = [("set", "xyz")].into_iter().collect();
    assert_eq!(
        AssessmentQuery::from_map(&map).map(|q| q.set),
        Ok(Some("xyz".to_string()))
    );
}

#[wasm_bindgen_test]
fn a_drill_link_reads_back_as_the_same_drill() {
    let drill = Drill(vec![Kind::Complaint, Kind::OptOut, Kind::ScamCheck]);
    let href = drill.href();
    let query = href
        .strip_prefix("/practice?drill=")
        .expect("a practice link");
    assert_eq!(query.parse::<Drill>(), Ok(drill));
}
