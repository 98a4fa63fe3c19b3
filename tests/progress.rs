//! Stored history: entries round-trip, damaged or future entries are refused with a plain
//! reason, and weak spots point at what the trainee misses most.

use composure_core::content::*;
use composure_core::progress::*;
use composure_core::sim::*;

mod common;
use common::finished_call;

fn entry(policy: Policy, seed: u64) -> Entry {
    let (call, record) = finished_call(policy, seed);
    Entry::from_call(&call, record, 1_700_000_000_000.0 + seed as f64).expect("entry")
}

fn check(text: &str, expected: Result<(), &str>) {
    match (parse_entry(text), expected) {
        (Ok(_), Ok(())) => {}
        (Err(got), Err(want)) => assert!(got.contains(want), "{text:?}: {got:?} lacks {want:?}"),
        (got, want) => panic!("{text:?}: got {got:?}, expected {want:?}"),
    }
}

#[test]
fn entries_round_trip_and_bad_ones_get_a_plain_reason() {
    let e = entry(Policy::Random, 3);
    let json = serde_json::to_string(&e).expect("json");
    assert_eq!(parse_entry(&json).expect("parse"), e);
    check(&json, Ok(()));
    check(&json[..json.len() / 2], Err("damaged or cut short"));
    check("", Err("damaged or cut short"));
    check("null", Err("damaged or cut short"));
    check("{}", Err("no version number"));
    check(
        r#"{"schema":9}"#,
        Err("newer version of Composure (version 9"),
    );
    check(r#"{"schema":0}"#, Err("not valid"));
    check(
        r#"{"schema":1,"campaign":"x"}"#,
        Err("contents are not valid"),
    );
    check(
        &json.replacen("\"scores\"", "\"scorez\"", 1),
        Err("contents are not valid"),
    );
}

#[test]
fn weak_spots_put_missed_techniques_first_and_drills_target_move_kinds() {
    let worst: Vec<Entry> = (0..12).map(|s| entry(Policy::Worst, s)).collect();
    let best: Vec<Entry> = (0..12).map(|s| entry(Policy::Best, s)).collect();
    let (t, k) = weak_spots(&worst);
    assert!(!t.is_empty() && !k.is_empty());
    assert!(t.iter().all(|w| w.percent() < 100));
    for pair in t.windows(2) {
        assert!(pair[0].percent() <= pair[1].percent());
    }
    assert!(!drill_kinds(&worst).is_empty());
    // A model agent has no weak spots.
    let (t, k) = weak_spots(&best);
    assert!(t.is_empty() && k.is_empty(), "{t:?} {k:?}");
    assert!(drill_kinds(&best).is_empty());
}

#[test]
fn export_is_versioned_json_holding_every_entry() {
    let entries: Vec<Entry> = (0..3).map(|s| entry(Policy::Random, s)).collect();
    let json = export(&entries, 5.0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["schema"], HISTORY_SCHEMA);
    assert_eq!(v["entries"].as_array().map(|a| a.len()), Some(3));
}

#[test]
fn a_shift_tally_counts_endings_and_the_bonus() {
    let mut t = ShiftTally::default();
    for e in [
        Ending::Goal,
        Ending::PoliteClose,
        Ending::HangUp,
        Ending::Goal,
        Ending::ComplianceFailure,
        Ending::Escalation,
    ] {
        t.add(e);
    }
    assert_eq!(
        (t.successes, t.refusals, t.hang_ups, t.failures, t.calls()),
        (2, 2, 1, 1, 6)
    );
    assert_eq!(t.bonus_percent(4), 50);
    assert_eq!(t.bonus_percent(2), 100);
    assert_eq!(t.bonus_percent(0), 100);
    assert_eq!(halves(&[10, 20, 60, 80]), Some((15.0, 70.0)));
    assert_eq!(halves(&[10]), None);
}

/// An entry of `campaign` with `archetype`, finished at `at` (minutes), scoring `overall`.
fn at(campaign: &str, archetype: &str, minutes: u32, overall: u8) -> Entry {
    let mut e = entry(Policy::Best, 1);
    e.campaign = campaign.into();
    e.archetype = archetype.into();
    e.finished_at_ms = 1_700_000_000_000.0 + f64::from(minutes) * 60_000.0;
    e.scores.overall = overall;
    e
}

#[test]
fn the_change_is_measured_against_the_same_customer_or_else_the_same_campaign() {
    struct Case {
        name: &'static str,
        history: Vec<Entry>,
        current: Entry,
        want: Option<(Basis, u8)>,
    }
    let cases = vec![
        Case {
            name: "the last call with the same customer, not a later or other one",
            history: vec![
                at("bank", "Sceptic", 1, 40),
                at("bank", "Sceptic", 5, 55),
                at("bank", "Chatterbox", 8, 90),
                at("survey", "Sceptic", 9, 99),
                at("bank", "Sceptic", 20, 10),
            ],
            current: at("bank", "Sceptic", 10, 70),
            want: Some((Basis::SameCustomer, 55)),
        },
        Case {
            name: "no call with that customer: the last in the campaign",
            history: vec![at("bank", "Chatterbox", 3, 62), at("bank", "Rusher", 4, 48)],
            current: at("bank", "Sceptic", 10, 70),
            want: Some((Basis::SameCampaign, 48)),
        },
        Case {
            name: "the first call in a campaign has nothing to compare",
            history: vec![at("survey", "Sceptic", 3, 62)],
            current: at("bank", "Sceptic", 10, 70),
            want: None,
        },
    ];
    for case in cases {
        let mut history = case.history.clone();
        history.push(case.current.clone());
        let got = change_since(&history, &case.current).map(|c| (c.basis, c.previous.overall));
        assert_eq!(got, case.want, "{}", case.name);
    }
    let c = change_since(
        &[at("bank", "Sceptic", 1, 55)],
        &at("bank", "Sceptic", 10, 70),
    )
    .expect("change");
    let mut now = c.previous;
    now.overall = 70;
    now.composure = now.composure.saturating_sub(4);
    let d = c.deltas(&now);
    assert_eq!(d[0], (ScoreKind::Overall, 15));
    assert_eq!(delta_words(d[0].1), "up 15");
    assert_eq!(delta_words(-4), "down 4");
    assert_eq!(delta_words(0), "no change");
    assert!(c.basis_words().contains("Sceptic"));
}

#[test]
fn a_personal_best_beats_every_earlier_call_in_the_campaign_and_a_clean_call_is_named() {
    let history = vec![
        at("bank", "Sceptic", 1, 60),
        at("bank", "Rusher", 2, 72),
        at("survey", "Rusher", 3, 95),
        at("bank", "Rusher", 30, 99),
    ];
    let current = at("bank", "Sceptic", 10, 80);
    assert_eq!(
        wins(&history, &current, false),
        vec![Win::PersonalBest { previous: 72 }]
    );
    assert_eq!(
        wins(&history, &at("bank", "Sceptic", 10, 72), true),
        vec![Win::CleanCall],
        "equal to the best is not a new best"
    );
    assert!(
        wins(&[], &at("bank", "Sceptic", 10, 90), false).is_empty(),
        "a first call is no personal best"
    );
    for w in [Win::PersonalBest { previous: 72 }, Win::CleanCall] {
        assert!(w.words().ends_with('.'));
    }
}

#[test]
fn a_call_finds_itself_in_the_history_it_was_saved_into() {
    let (call, record) = finished_call(Policy::Best, 4);
    let mut current = Entry::from_call(&call, record, 1_700_000_600_000.0).expect("entry");
    let (other_call, other_record) = finished_call(Policy::Random, 4);
    let mut earlier = Entry::from_call(&other_call, other_record, 1_700_000_000_000.0).expect("e");
    // Not in the history: no standing (a trainer looking at a candidate's call).
    assert_eq!(standing(std::slice::from_ref(&earlier), &call), None);
    earlier.scores.overall = 10;
    current.scores.overall = 90;
    let history = vec![earlier.clone(), current.clone()];
    let s = standing(&history, &call).expect("found");
    let change = s.change.expect("a change");
    assert_eq!(change.previous, earlier.scores);
    assert_eq!(
        change.basis,
        Basis::SameCustomer,
        "same seed, same customer"
    );
    assert!(s.wins.contains(&Win::PersonalBest { previous: 10 }));
    assert_eq!(s.wins.contains(&Win::CleanCall), clean(&call));
}
