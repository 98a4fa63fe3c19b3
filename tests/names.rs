//! Human names: every technique, customer move kind and ending has a name and an example line,
//! so no page shows an internal id; counts take the right plural; a stored call that no longer
//! replays says why in words.

use composure_core::content::names::{self, count, Name};
use composure_core::content::*;
use composure_core::progress::*;
use composure_core::sim::*;
use std::collections::BTreeSet;

mod common;
use common::{finished_call, lib};

/// A name a trainee can read: not an id, sentence case, and an example that is a sentence.
fn check_name(id: &str, n: Name) {
    assert!(!n.name.is_empty(), "{id}: empty name");
    assert_ne!(n.name, id, "{id}: the name is the id");
    assert!(
        !n.name.to_lowercase().contains(id) || !id.contains('-'),
        "{id}: the name {:?} holds the id",
        n.name
    );
    assert!(
        n.name.chars().next().is_some_and(char::is_uppercase),
        "{id}: {:?} does not start with a capital",
        n.name
    );
    assert!(
        n.example.split_whitespace().count() >= 2,
        "{id}: the example {:?} is too short to show anything",
        n.example
    );
    assert!(
        n.example.ends_with(['.', '?', '!']),
        "{id}: the example {:?} is not a whole sentence",
        n.example
    );
    assert!(
        n.example.chars().next().is_some_and(char::is_uppercase),
        "{id}: the example {:?} does not start with a capital",
        n.example
    );
}

#[test]
fn every_technique_has_a_distinct_human_name_and_an_example() {
    let ids: Vec<&str> = names::TECHNIQUE_NAMES.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids, TECHNIQUES,
        "the names follow TECHNIQUES, one for one, in order"
    );
    let mut seen = BTreeSet::new();
    for id in TECHNIQUES {
        let n = names::technique(id).unwrap_or_else(|| panic!("{id}: no human name"));
        check_name(id, n);
        assert!(
            seen.insert(n.name),
            "{id}: {:?} names two techniques",
            n.name
        );
        assert_eq!(names::technique_label(id), n.name);
    }
}

#[test]
fn every_move_kind_and_ending_has_a_human_name_and_an_example() {
    let mut seen = BTreeSet::new();
    for k in Kind::ALL {
        let n = names::kind(*k);
        check_name(k.as_str(), n);
        assert!(seen.insert(n.name), "{:?}: {:?} names two kinds", k, n.name);
        assert_eq!(names::kind_label(k.as_str()), n.name);
        let plural = names::kind_plural(*k);
        assert!(
            !plural.is_empty() && plural != k.as_str(),
            "{k:?}: plural {plural:?}"
        );
    }
    let mut seen = BTreeSet::new();
    for e in Ending::ALL {
        let n = names::ending(*e);
        check_name(e.as_str(), n);
        assert!(
            seen.insert(n.name),
            "{:?}: {:?} names two endings",
            e,
            n.name
        );
    }
}

#[test]
fn every_technique_and_kind_the_shipped_packs_use_has_a_name() {
    let mut techniques = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for c in &lib().campaigns {
        for m in &c.moves {
            kinds.insert(m.kind);
            for l in &m.lines {
                for t in l.techniques.iter() {
                    techniques.insert(t.to_string());
                }
            }
        }
    }
    assert!(
        techniques.len() > 20 && kinds.len() > 10,
        "the packs were read"
    );
    for t in &techniques {
        let n = names::technique(t).unwrap_or_else(|| panic!("technique {t} has no name"));
        check_name(t, n);
    }
    for k in &kinds {
        check_name(k.as_str(), names::kind(*k));
    }
}

#[test]
fn an_unknown_id_is_shown_in_words_never_raw() {
    assert_eq!(names::technique("old-thing"), None);
    assert_eq!(names::technique_label("old-thing"), "Old thing");
    assert_eq!(names::kind_label("shouting-match"), "Shouting match");
    assert_eq!(names::kind_label(""), "Unnamed");
    assert_eq!(names::kind_label("scam-check"), "A scam check");
    assert_eq!(names::technique_label("set-boundary"), "Set a boundary");
}

#[test]
fn counts_take_the_right_plural() {
    assert_eq!(count(0, "success", "successes"), "0 successes");
    assert_eq!(count(1, "success", "successes"), "1 success");
    assert_eq!(count(2, "success", "successes"), "2 successes");
    let mut t = ShiftTally::default();
    for e in [
        Ending::Goal,
        Ending::PoliteClose,
        Ending::BoundaryEnd,
        Ending::HangUp,
    ] {
        t.add(e);
    }
    assert_eq!(t.words(), "1 success · 2 refusals · 1 hang-up");
    t.add(Ending::ComplianceFailure);
    t.add(Ending::Goal);
    assert_eq!(
        t.words(),
        "2 successes · 2 refusals · 1 hang-up · 1 compliance breach"
    );
    assert_eq!(
        t.plan_words(3),
        "Plan not met: 2 successes against a plan of 3."
    );
    assert_eq!(
        t.plan_words(2),
        "Plan met: 2 successes against a plan of 2. Bonus earned."
    );
    let one = ShiftTally {
        successes: 1,
        ..ShiftTally::default()
    };
    assert_eq!(
        one.plan_words(1),
        "Plan met: 1 success against a plan of 1. Bonus earned."
    );
    // "hang-up" is an English word; the other hyphenated endings are ids.
    for text in [t.words(), t.plan_words(3), one.plan_words(1)] {
        for id in ["compliance-failure", "polite-close", "boundary-end"] {
            assert!(!text.contains(id), "{text:?} holds {id}");
        }
    }
}

#[test]
fn trends_and_the_progress_summary_read_as_sentences() {
    assert_eq!(trend_words("Composure", &[50]), None);
    assert_eq!(
        trend_words("Composure", &[50, 60, 80, 90]).as_deref(),
        Some("Composure rose from 55 in the first half of the shift to 85 in the second.")
    );
    assert_eq!(
        trend_words("Overall", &[90, 70]).as_deref(),
        Some("Overall fell from 90 in the first half of the shift to 70 in the second.")
    );
    assert_eq!(
        trend_words("Overall", &[70, 72]).as_deref(),
        Some("Overall held steady (70, then 72).")
    );
    let one = vec![entry(Policy::Best, 1)];
    let s = summary_words(&one).expect("summary");
    assert!(s.starts_with("1 call; mean overall "), "{s}");
    let two = vec![entry(Policy::Best, 1), entry(Policy::Worst, 2)];
    let s = summary_words(&two).expect("summary");
    assert!(s.starts_with("2 calls; mean overall "), "{s}");
    assert_eq!(summary_words(&[]), None);
}

fn entry(policy: Policy, seed: u64) -> Entry {
    let (call, record) = finished_call(policy, seed);
    Entry::from_call(&call, record, 1_700_000_000_000.0).expect("entry")
}

#[test]
fn a_stored_call_replays_for_its_review_or_says_why_not() {
    let e = entry(Policy::Random, 4);
    let call = e.replay(lib()).expect("replays");
    assert_eq!(
        call.report().map(|r| r.scores),
        Some(e.scores),
        "the replay is the call that was played"
    );

    let mut changed = e.clone();
    changed.record.content_hash = "0000000000000000".into();
    let why = changed.replay(lib()).expect_err("content changed");
    assert!(why.contains("has changed since you played it"), "{why}");
    assert!(why.contains(&e.campaign_title), "{why}");
    assert!(
        !why.contains("0000000000000000"),
        "no hashes in words: {why}"
    );

    let mut gone = e.clone();
    gone.record.campaign = "no-such-campaign".into();
    let why = gone.replay(lib()).expect_err("unknown campaign");
    assert!(why.contains("no longer in this browser"), "{why}");

    let mut future = e.clone();
    future.record.schema = 99;
    let why = future.replay(lib()).expect_err("future schema");
    assert!(why.contains("newer version"), "{why}");
}
