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
