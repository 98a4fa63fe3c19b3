//! Browser tests of the practice components: the reply group, the mood meter and the review,
//! mounted in a real DOM and read back by role and name.
#![cfg(target_arch = "wasm32")]

use composure::sim::{Call, Calls, Choice, Event, PersonaSet, Policy, Stream};
use composure::ui::components::{CallReview, CallScreen, Live, Screen};

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod web_common;
use web_common::{all, container, one, shipped_library as library};

wasm_bindgen_test_configure!(run_in_browser);

fn start(seed: u64) -> Call {
    let lib = library().expect("content");
    let set = PersonaSet::practice(
        &lib.campaigns[0].id,
        Some("friendly-busy"),
        1,
        true,
        None,
        seed,
    );
    Call::start(&lib, &set, 0).expect("call")
}

const SCREEN: Screen = Screen {
    typing_delay: false,
    voice: false,
    feedback: true,
};

#[wasm_bindgen_test]
async fn the_reply_group_offers_named_buttons_and_a_pick_reaches_the_transcript() {
    let root = container();
    let live = RwSignal::new(Some(Live::new(start(5))));
    let changes = RwSignal::new(0);
    let on_change = Callback::new(move |_: ()| changes.update(|n| *n += 1));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <CallScreen live=live screen=SCREEN on_change=on_change /> }
    });
    leptos::task::tick().await;

    let offered: Vec<String> = live.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| {
                l.call.events().iter().rev().find_map(|e| match e {
                    Event::Offer { lines, .. } => {
                        Some(lines.iter().map(|t| t.to_string()).collect())
                    }
                    _ => None,
                })
            })
            .unwrap_or_default()
    });
    let group = one(&root, "[role=group][aria-label='Your reply']");
    let buttons = all(&group, "button");
    assert_eq!(buttons.len(), offered.len(), "one button per offered line");
    assert!(
        (4..=6).contains(&buttons.len()),
        "{} buttons",
        buttons.len()
    );
    for (i, b) in buttons.iter().enumerate() {
        // The accessible name: the key badge is aria-hidden, the number is visually hidden.
        assert_eq!(
            one(b, "[aria-hidden=true]").text_content(),
            Some((i + 1).to_string())
        );
        let text = one(b, ".reply__text").text_content().unwrap_or_default();
        assert!(
            text.starts_with(&format!("{}. ", i + 1)),
            "button name {text:?}"
        );
        assert_eq!(
            text,
            format!("{}. {}", i + 1, offered[i]),
            "button {} reads the offered line",
            i + 1
        );
    }
    let log = one(&root, "[role=log][aria-label='Transcript']");
    assert_eq!(log.get_attribute("aria-live").as_deref(), Some("polite"));
    let before = all(&log, "li").len();
    assert_eq!(before, 1, "the customer's first line");

    let picked = one(&buttons[0], ".reply__text")
        .text_content()
        .unwrap_or_default();
    buttons[0].unchecked_ref::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(changes.get_untracked(), 1);
    let after = all(&log, "li").len();
    assert!(
        after > before,
        "the reply is in the transcript ({before} -> {after})"
    );
    let first_reply = all(&log, "li.turn--agent")
        .first()
        .and_then(|li| li.text_content())
        .unwrap_or_default();
    assert!(
        first_reply.contains(picked.trim_start_matches("1. ")),
        "{first_reply:?} vs {picked:?}"
    );
    assert!(root
        .query_selector("[aria-label='Feedback on your last line']")
        .expect("sel")
        .is_some());

    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_mood_meter_reports_the_customers_mood_in_numbers_and_words() {
    let root = container();
    let call = start(9);
    let live = RwSignal::new(Some(Live::new(call)));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <CallScreen live=live screen=SCREEN on_change=Callback::new(|_: ()| {}) /> }
    });
    leptos::task::tick().await;
    let meter = one(&root, "[role=meter]");
    let label_id = meter.get_attribute("aria-labelledby").expect("labelled");
    assert_eq!(
        one(&root, &format!("#{label_id}"))
            .text_content()
            .as_deref(),
        Some("Customer mood")
    );
    let now: i32 = meter
        .get_attribute("aria-valuenow")
        .expect("value")
        .parse()
        .expect("number");
    assert!((0..=100).contains(&now));
    let words = meter.get_attribute("aria-valuetext").unwrap_or_default();
    assert!(words.starts_with(&format!("{now} of 100, ")), "{words}");

    // The meter follows the call: play a worst line and the value drops.
    live.update(|l| {
        if let Some(l) = l.as_mut() {
            let mut rng = Stream::new(1, 1);
            let ch = Policy::Worst.choose(&l.call, &mut rng);
            l.call.apply(Choice { hint: false, ..ch }).expect("apply");
            l.shown = l.call.events().len();
        }
    });
    leptos::task::tick().await;
    let later: i32 = meter
        .get_attribute("aria-valuenow")
        .expect("value")
        .parse()
        .expect("number");
    assert!(later < now, "mood {now} -> {later}");

    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_review_shows_outcome_scores_steps_and_better_lines() {
    let mut call = start(11);
    let mut rng = Stream::new(2, 2);
    while !call.is_over() {
        let ch = Policy::Random.choose(&call, &mut rng);
        call.apply(ch).expect("apply");
    }
    let report = call.report().cloned().expect("report");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <CallReview call=call.clone()><button type="button">"Next call"</button></CallReview> }
    });
    leptos::task::tick().await;
    assert_eq!(
        one(&root, "h2").text_content().as_deref(),
        Some("Call review")
    );
    // One card per score, named by its heading, with its value and its definition.
    let cards = all(&root, "section.score-card");
    let labels: Vec<String> = cards
        .iter()
        .filter_map(|c| one(c, "h3").text_content())
        .collect();
    assert_eq!(
        labels,
        [
            "Overall",
            "Composure",
            "Correctness",
            "Outcome",
            "Responsiveness"
        ]
    );
    for c in &cards {
        let id = one(c, "h3").id();
        assert_eq!(
            c.get_attribute("aria-labelledby"),
            Some(id),
            "a card is named by its heading"
        );
        assert!(
            one(c, ".score-card__definition")
                .text_content()
                .is_some_and(|t| t.ends_with('.')),
            "each score has its definition"
        );
    }
    let values: Vec<String> = cards
        .iter()
        .filter_map(|c| one(c, ".score-card__value").text_content())
        .collect();
    assert_eq!(values[0], report.scores.overall.to_string());
    assert_eq!(values[1], report.scores.composure.to_string());
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Required steps done") && text.contains("Required steps missed"));
    assert!(text.contains("Your line: "));
    let improvable = all(&root, ".review-turn--improve").len();
    let better = text.matches("Better line: ").count();
    assert_eq!(
        improvable, better,
        "every turn that was not the best shows the better line"
    );
    drop(handle);
    root.remove();
}

/// The same fixed call as `a_fixed_call_has_a_pinned_digest` in tests/sim.rs: the browser must
/// play exactly what native code plays.
#[wasm_bindgen_test]
fn a_fixed_call_plays_the_same_in_the_browser_as_natively() {
    let lib = library().expect("content");
    let c = lib.campaign("volta-complaints").expect("campaign");
    let mut set = PersonaSet::practice(&c.id, None, 4, true, Some(20), 20_261_127);
    set.calls = Calls::Random { count: 3 };
    // Salted, as an assessment attempt's calls are: the salted path must be portable too.
    let mut call = Call::start_salted(&lib, &set, 2, Some(77)).expect("start");
    let mut rng = Stream::new(5, 5);
    while !call.is_over() {
        let mut ch = Policy::Random.choose(&call, &mut rng);
        ch.hint = call.turn().is_multiple_of(3);
        call.apply(ch).expect("apply");
    }
    assert_eq!(call.digest(), "ab15c39599bfcff8");
}
