//! The store: every key kind, damaged in every way, loses nothing and says so; full storage,
//! half-written entries, repeated damage and entries from a newer version are handled as the
//! store module documents. Data-driven: each table row is one case.

use composure_core::content::content_hash;
use composure_core::exchange::*;
use composure_core::progress::{Entry, HISTORY_SCHEMA};
use composure_core::sim::{CallRecord, Policy, Stream, SCHEMA_VERSION};
use composure_core::store::*;
use composure_core::versions::{self, VersionError, Versioned};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod common;
use common::{assessment_set, finished_call, lib, read_only};

// Fixtures: one valid value of every kind.

fn entry(seed: u64) -> Entry {
    let (call, rec) = finished_call(Policy::Random, seed);
    Entry::from_call(&call, rec, 1_700_000_000_000.0 + seed as f64 * 1000.0).expect("entry")
}

fn attempt(seed: u64) -> Attempt {
    Attempt::new(
        SetFile::new(assessment_set(seed, 2), Vec::new()),
        "Ada Lovelace".into(),
        1_700_000_000_000.0,
        0x5a17,
    )
}

fn finished_attempt(seed: u64) -> Attempt {
    let lib = lib();
    let mut a = attempt(seed);
    let mut rng = Stream::new(seed, 7);
    while let Some(i) = a.next_index() {
        let mut call = a.start_call(lib, i).expect("start");
        while !call.is_over() {
            let c = Policy::Best.choose(&call, &mut rng);
            call.apply(c).expect("apply");
        }
        let hash = content_hash(call.campaign(), &lib.customers);
        a.done.push(CallRecord::of(&call, hash).expect("record"));
    }
    a.finished_at_ms = Some(1_700_000_600_000.0);
    a
}

fn result_text(seed: u64) -> (String, String) {
    let r = result_of(lib(), &finished_attempt(seed), "0.1.0").expect("result");
    (r.seal.clone(), r.to_json())
}

/// The app's call in progress, as far as the store cares: a version and a call record.
#[derive(Debug, Serialize, Deserialize)]
struct Saved {
    schema: u32,
    record: CallRecord,
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("json")
}

/// Every kind of stored entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    History,
    Prefs,
    Current,
    Attempt,
    Finished,
    Pack,
    Set,
    Result,
}

const KINDS: [Kind; 8] = [
    Kind::History,
    Kind::Prefs,
    Kind::Current,
    Kind::Attempt,
    Kind::Finished,
    Kind::Pack,
    Kind::Set,
    Kind::Result,
];

impl Kind {
    /// Whether the kind has one key (a bad one replaces the good one) or many.
    fn single(self) -> bool {
        matches!(self, Kind::Prefs | Kind::Current | Kind::Attempt)
    }

    /// A good entry of this kind: (key, text). `n` picks one of several distinct ones.
    fn good(self, n: u64) -> (String, String) {
        match self {
            Kind::History => {
                let e = entry(n);
                (
                    Key::history(e.finished_at_ms, e.record.set.seed).to_string(),
                    json(&e),
                )
            }
            Kind::Prefs => (Key::Prefs.to_string(), json(&Prefs::default())),
            Kind::Current => (
                Key::Current.to_string(),
                json(&Saved {
                    schema: 1,
                    record: finished_call(Policy::Random, n).1,
                }),
            ),
            Kind::Attempt => (Key::Attempt.to_string(), json(&attempt(n))),
            Kind::Finished => {
                let a = finished_attempt(n);
                (Key::Finished(a.set.set.id.clone()).to_string(), json(&a))
            }
            Kind::Pack => (
                Key::Pack(format!("pack-{n}")).to_string(),
                json(&PackSource {
                    file: format!("pack-{n}.toml"),
                    source: "format = 1\n".into(),
                }),
            ),
            Kind::Set => (
                Key::new_set(1_700_000_000_000.0 + n as f64, n).to_string(),
                SetFile::new(assessment_set(n, 2), Vec::new()).to_json(),
            ),
            Kind::Result => {
                let (seal, text) = result_text(n);
                (
                    Key::result(&seal, 1_700_000_000_000.0 + n as f64).to_string(),
                    text,
                )
            }
        }
    }
}

/// Loads every kind; returns how many entries of each loaded, and every notice.
fn load_all(store: &Store<MemoryStorage>) -> (BTreeMap<Kind, usize>, Vec<Notice>) {
    let mut counts = BTreeMap::new();
    let mut notices = Vec::new();
    let (h, n) = store.load_history();
    counts.insert(Kind::History, h.len());
    notices.extend(n);
    let customers: Vec<&str> = lib().customers.archetypes.iter().map(|a| &*a.id).collect();
    let campaigns: Vec<&str> = lib().campaigns.iter().map(|c| &*c.id).collect();
    let (_, n) = store.load_prefs(&customers, &campaigns);
    // Settings always load (defaults at worst); count a stored copy that was used.
    let prefs_used = store.storage().get(&Key::Prefs.to_string()).is_some()
        && !n.iter().any(|n| n.outcome != Outcome::Corrected);
    counts.insert(Kind::Prefs, usize::from(prefs_used));
    notices.extend(n);
    let mut one = |kind, r: Option<Result<(), Notice>>| {
        *counts.entry(kind).or_insert(0) += usize::from(matches!(r, Some(Ok(()))));
        if let Some(Err(n)) = r {
            notices.push(n);
        }
    };
    one(
        Kind::Current,
        store.load_current::<Saved>().map(|r| r.map(|_| ())),
    );
    one(Kind::Attempt, store.load_attempt().map(|r| r.map(|_| ())));
    counts.insert(Kind::Finished, 0);
    for k in store.storage().keys() {
        if let Some(Key::Finished(id)) = Key::parse(&k) {
            let r = store.load_finished(&id).map(|r| r.map(|_| ()));
            *counts.entry(Kind::Finished).or_insert(0) += usize::from(matches!(r, Some(Ok(()))));
            if let Some(Err(n)) = r {
                notices.push(n);
            }
        }
    }
    let (p, n) = store.load_packs();
    counts.insert(Kind::Pack, p.len());
    notices.extend(n);
    let (s, n) = store.load_sets();
    counts.insert(Kind::Set, s.len());
    notices.extend(n);
    let (r, n) = store.load_results();
    counts.insert(Kind::Result, r.len());
    notices.extend(n);
    (counts, notices)
}

/// A storage holding one good entry of every kind.
fn baseline() -> MemoryStorage {
    let s = MemoryStorage::new();
    for kind in KINDS {
        let (k, t) = kind.good(1);
        s.insert_raw(&k, &t);
    }
    s
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    /// Loaded as it is, no notice.
    Loaded,
    /// Copied to a set-aside key, removed, reported.
    SetAside,
    /// Refused as from a newer version, left untouched, reported.
    Newer,
    /// Settings: used with bad fields at their defaults, reported.
    Corrected,
}

/// How each kind is damaged: (name of the damage, the damaged text, what must happen).
fn damages(kind: Kind) -> Vec<(&'static str, String, Want)> {
    let (_, good) = kind.good(2);
    // The document's own (top-level) version, from a newer Composure.
    let future = match serde_json::from_str::<serde_json::Value>(&good) {
        Ok(serde_json::Value::Object(mut m)) if m.contains_key("schema") => {
            m.insert("schema".into(), 99.into());
            serde_json::Value::Object(m).to_string()
        }
        _ => good.clone(),
    };
    let future_want = match kind {
        Kind::Prefs | Kind::Current => Want::SetAside,
        // A pack has no schema of its own (its TOML has `format`, checked when it is loaded).
        Kind::Pack => Want::Loaded,
        _ => Want::Newer,
    };
    let wrong_kind = if kind == Kind::Pack {
        Kind::Set.good(2).1
    } else {
        Kind::Pack.good(2).1
    };
    let mut cases = vec![
        ("good", good.clone(), Want::Loaded),
        ("garbage", "hello, world".to_string(), Want::SetAside),
        ("empty", String::new(), Want::SetAside),
        (
            "truncated",
            good[..good.len() / 2].to_string(),
            Want::SetAside,
        ),
        ("wrong kind", wrong_kind, Want::SetAside),
        ("future schema", future, future_want),
    ];
    let edit = |from: &str, to: &str| {
        assert!(good.contains(from), "{kind:?}: {from} not in {good}");
        good.replacen(from, to, 1)
    };
    match kind {
        Kind::History => {
            let e = entry(2);
            let overall = format!("\"overall\":{}", e.scores.overall);
            cases.push((
                "overall 255",
                edit(&overall, "\"overall\":255"),
                Want::SetAside,
            ));
            let date = format!("\"finished_at_ms\":{:?}", e.finished_at_ms);
            let date = if good.contains(&date) {
                date
            } else {
                format!("\"finished_at_ms\":{}", e.finished_at_ms)
            };
            cases.push((
                "date 1e300",
                edit(&date, "\"finished_at_ms\":1e300"),
                Want::SetAside,
            ));
            cases.push((
                "date 0",
                edit(&date, "\"finished_at_ms\":0"),
                Want::SetAside,
            ));
            cases.push((
                "difficulty 0",
                edit("\"difficulty\":2", "\"difficulty\":0"),
                Want::SetAside,
            ));
        }
        Kind::Prefs => {
            cases.push((
                "difficulty 99",
                edit("\"difficulty\":2", "\"difficulty\":99"),
                Want::Corrected,
            ));
            cases.push((
                "unknown customer",
                edit("\"customer\":\"random\"", "\"customer\":\"ghost\""),
                Want::Corrected,
            ));
            cases.push((
                "difficulty 300",
                edit("\"difficulty\":2", "\"difficulty\":300"),
                Want::SetAside,
            ));
            cases.push((
                "no version (older copy)",
                edit("\"schema\":1,", ""),
                Want::Loaded,
            ));
        }
        Kind::Set => {
            cases.push((
                "pass mark 160",
                edit("\"pass_mark\": 60", "\"pass_mark\": 160"),
                Want::SetAside,
            ));
        }
        Kind::Current => {
            cases.push((
                "record from the future",
                edit("\"schema\":1,\"campaign\"", "\"schema\":9,\"campaign\""),
                Want::SetAside,
            ));
        }
        Kind::Attempt | Kind::Finished => {
            cases.push((
                "schema 0",
                edit("\"schema\":1", "\"schema\":0"),
                Want::SetAside,
            ));
        }
        Kind::Result => {
            cases.push(("no seal", edit("\"seal\"", "\"sealed\""), Want::SetAside));
        }
        Kind::Pack => {}
    }
    cases
}

#[test]
fn every_key_kind_damaged_every_way_loses_nothing_and_says_so() {
    for kind in KINDS {
        for (damage, text, want) in damages(kind) {
            let name = format!("{kind:?} / {damage}");
            let storage = baseline();
            let key = if kind.single() {
                kind.good(1).0
            } else {
                kind.good(2).0
            };
            storage.insert_raw(&key, &text);
            let store = Store::new(storage);
            let (counts, notices) = load_all(&store);
            let after = store.storage().snapshot();
            // Good entries beside it still load.
            for k in KINDS {
                let mut expected = 1;
                if k == kind {
                    let bad_used = matches!(want, Want::Loaded | Want::Corrected);
                    expected = match (kind.single(), bad_used) {
                        (true, used) => usize::from(used),
                        (false, used) => 1 + usize::from(used),
                    };
                }
                assert_eq!(
                    counts[&k], expected,
                    "{name}: {k:?} loaded {} entries",
                    counts[&k]
                );
            }
            // Every failure produced a notice, about this key only.
            let aside: Vec<&String> = after
                .keys()
                .filter(|k| k.starts_with("composure.set-aside."))
                .collect();
            match want {
                Want::Loaded => assert!(notices.is_empty(), "{name}: {notices:?}"),
                Want::Corrected => {
                    assert!(!notices.is_empty(), "{name}: no notice");
                    assert!(
                        notices.iter().all(|n| n.outcome == Outcome::Corrected),
                        "{name}: {notices:?}"
                    );
                }
                Want::SetAside | Want::Newer => {
                    assert_eq!(notices.len(), 1, "{name}: {notices:?}");
                }
            }
            for n in &notices {
                assert_eq!(n.key, key, "{name}");
                let msg = n.to_string();
                assert!(msg.len() > 40 && msg.ends_with('.'), "{name}: {msg:?}");
            }
            // Nothing is lost: the text is in place or under a set-aside key of its own.
            match want {
                Want::Loaded | Want::Corrected | Want::Newer => {
                    assert_eq!(after.get(&key), Some(&text), "{name}: changed in place");
                    assert!(aside.is_empty(), "{name}: set aside {aside:?}");
                }
                Want::SetAside => {
                    assert_eq!(after.get(&key), None, "{name}: still in place");
                    let to = format!("composure.set-aside.{key}.1");
                    assert_eq!(after.get(&to), Some(&text), "{name}: copy");
                    assert_eq!(aside, vec![&to], "{name}");
                    assert_eq!(
                        notices[0].outcome,
                        Outcome::SetAside { to: to.clone() },
                        "{name}"
                    );
                    assert!(notices[0].to_string().contains(&to), "{name}");
                }
            }
            if want == Want::Newer {
                assert_eq!(notices[0].outcome, Outcome::LeftForNewerVersion, "{name}");
                assert!(notices[0].to_string().contains("newer version"), "{name}");
            }
            // Every other entry is exactly as it was.
            let before = baseline();
            for (k, v) in before.snapshot() {
                if k != key {
                    assert_eq!(after.get(&k), Some(&v), "{name}: {k} changed");
                }
            }
        }
    }
}

#[test]
fn a_set_aside_that_cannot_be_copied_leaves_the_original_and_says_so() {
    for kind in KINDS {
        let key = kind.good(1).0;
        let text = "{\"schema\":1,\"damaged\"".to_string();
        let storage = MemoryStorage::with_quota(key.len() + text.len() + 10);
        storage.insert_raw(&key, &text);
        let store = Store::new(storage);
        let (_, notices) = load_all(&store);
        assert_eq!(notices.len(), 1, "{kind:?}: {notices:?}");
        assert_eq!(
            notices[0].outcome,
            Outcome::LeftInPlace {
                error: StoreError::Full
            },
            "{kind:?}"
        );
        let msg = notices[0].to_string();
        assert!(
            msg.contains("full") && msg.contains("left where it is"),
            "{kind:?}: {msg}"
        );
        let after = store.storage().snapshot();
        assert_eq!(after.len(), 1, "{kind:?}: {after:?}");
        assert_eq!(after.get(&key), Some(&text), "{kind:?}");
    }
    // The same when the storage refuses the write for another reason.
    let storage = MemoryStorage::new();
    storage.insert_raw(&Key::Attempt.to_string(), "garbage");
    storage.fail_next_writes(1);
    let store = Store::new(storage);
    let notice = store.load_attempt().and_then(Result::err).expect("notice");
    assert!(
        matches!(notice.outcome, Outcome::LeftInPlace { .. }),
        "{notice:?}"
    );
    assert_eq!(
        store.storage().get("composure.assessment").as_deref(),
        Some("garbage")
    );
}

type SaveFn<'a> = dyn Fn(&Store<MemoryStorage>) -> Result<(), StoreError> + 'a;

#[test]
fn a_save_that_fails_returns_its_error() {
    let e = entry(3);
    let a = finished_attempt(3);
    let set = SetFile::new(assessment_set(3, 2), Vec::new());
    let pack = PackSource {
        file: "p.toml".into(),
        source: "format = 1\n".into(),
    };
    let saves: Vec<(&str, Box<SaveFn>)> = vec![
        ("entry", Box::new(|s| s.save_entry(&e).map(|_| ()))),
        ("prefs", Box::new(|s| s.save_prefs(&Prefs::default()))),
        (
            "current",
            Box::new(|s| {
                s.save_current(&Saved {
                    schema: 1,
                    record: finished_call(Policy::Random, 3).1,
                })
            }),
        ),
        ("attempt", Box::new(|s| s.save_attempt(&a))),
        ("finished", Box::new(|s| s.save_finished(&a))),
        ("pack", Box::new(|s| s.save_pack("p", &pack))),
        (
            "set",
            Box::new(|s| s.save_set(None, &set, 1.7e12, 5).map(|_| ())),
        ),
        (
            "result",
            Box::new(|s| s.save_result("abc", 1.7e12, "{}").map(|_| ())),
        ),
    ];
    for (name, save) in &saves {
        // Storage full.
        let store = Store::new(MemoryStorage::with_quota(10));
        assert_eq!(save(&store), Err(StoreError::Full), "{name}");
        assert!(store.storage().snapshot().is_empty(), "{name}");
        // Storage refusing.
        let store = Store::new(MemoryStorage::new());
        store.storage().fail_next_writes(1);
        assert!(matches!(save(&store), Err(StoreError::Other(_))), "{name}");
        assert!(store.storage().snapshot().is_empty(), "{name}");
        // And the same save works when there is room.
        assert_eq!(save(&store), Ok(()), "{name}");
        assert_eq!(store.storage().snapshot().len(), 1, "{name}");
    }
    // A set can only be saved under a set key.
    let store = Store::new(MemoryStorage::new());
    assert!(store
        .save_set(Some("composure.prefs"), &set, 1.7e12, 5)
        .is_err());
    assert!(store.storage().snapshot().is_empty());
    assert!(StoreError::Full.to_string().contains("full"));
}

#[test]
fn half_written_entries_are_set_aside_not_used() {
    // A crash mid-write leaves the first half of the value.
    let store = Store::new(MemoryStorage::new());
    let e = entry(4);
    store.storage().half_write_next(1);
    let key = store.save_entry(&e).expect("the crash is silent");
    store.save_entry(&entry(5)).expect("save");
    let (entries, notices) = store.load_history();
    assert_eq!(entries, vec![entry(5)]);
    assert_eq!(notices.len(), 1);
    assert!(notices[0].why.contains("cut short"), "{:?}", notices[0]);
    let to = key.set_aside(1).to_string();
    assert_eq!(notices[0].outcome, Outcome::SetAside { to: to.clone() });
    let kept = store.storage().get(&to).expect("set aside");
    assert!(json(&e).starts_with(&kept) && kept.len() < json(&e).len());

    // The same for the assessment and the call in progress.
    let store = Store::new(MemoryStorage::new());
    store.storage().half_write_next(2);
    store.save_attempt(&attempt(4)).expect("silent");
    store
        .save_current(&Saved {
            schema: 1,
            record: finished_call(Policy::Random, 4).1,
        })
        .expect("silent");
    assert!(matches!(
        store.load_attempt(),
        Some(Err(Notice {
            outcome: Outcome::SetAside { .. },
            ..
        }))
    ));
    assert!(matches!(
        store.load_current::<Saved>(),
        Some(Err(Notice {
            outcome: Outcome::SetAside { .. },
            ..
        }))
    ));
    assert_eq!(store.storage().get("composure.assessment"), None);
    assert_eq!(store.storage().get("composure.current"), None);

    // A set-aside copy that is itself cut short does not count: the original stays.
    let store = Store::new(MemoryStorage::new());
    store
        .storage()
        .insert_raw("composure.pack.p", "garbage text");
    store.storage().half_write_next(1);
    let (packs, notices) = store.load_packs();
    assert!(packs.is_empty());
    assert!(
        matches!(notices[0].outcome, Outcome::LeftInPlace { .. }),
        "{notices:?}"
    );
    assert_eq!(
        store.storage().get("composure.pack.p").as_deref(),
        Some("garbage text")
    );
}

#[test]
fn two_damaged_copies_of_one_key_get_two_set_aside_keys() {
    for kind in KINDS {
        let key = kind.good(1).0;
        let store = Store::new(MemoryStorage::new());
        for (i, text) in ["first damaged copy", "second damaged copy", "third"]
            .iter()
            .enumerate()
        {
            store.storage().insert_raw(&key, text);
            let (_, notices) = load_all(&store);
            let to = format!("composure.set-aside.{key}.{}", i + 1);
            assert_eq!(notices.len(), 1, "{kind:?}: {notices:?}");
            assert_eq!(
                notices[0].outcome,
                Outcome::SetAside { to: to.clone() },
                "{kind:?}"
            );
        }
        let after = store.storage().snapshot();
        let kept: Vec<&str> = store
            .set_aside_keys()
            .iter()
            .filter_map(|k| after.get(k).map(String::as_str))
            .collect();
        assert_eq!(
            kept,
            ["first damaged copy", "second damaged copy", "third"],
            "{kind:?}"
        );
    }
    // Explicit set-asides (the call in progress whose replay failed) count on.
    let store = Store::new(MemoryStorage::new());
    assert_eq!(store.set_aside_current("it cannot be replayed"), None);
    for n in 1..=2 {
        store
            .save_current(&Saved {
                schema: 1,
                record: finished_call(Policy::Random, 6).1,
            })
            .expect("save");
        let notice = store
            .set_aside_current("it cannot be replayed")
            .expect("notice");
        assert_eq!(
            notice.outcome,
            Outcome::SetAside {
                to: format!("composure.set-aside.composure.current.{n}")
            }
        );
        assert!(notice.to_string().contains("it cannot be replayed"));
    }
    assert_eq!(store.load_current::<Saved>().map(|_| ()), None);
}

#[test]
fn an_attempt_from_a_newer_version_is_refused_and_left_untouched() {
    for (schema, key) in [
        (2, Key::Attempt),
        (99, Key::Attempt),
        (7, Key::Finished("a-1".into())),
    ] {
        let text = json(&attempt(1)).replacen("\"schema\":1", &format!("\"schema\":{schema}"), 1);
        let store = Store::new(MemoryStorage::new());
        store.storage().insert_raw(&key.to_string(), &text);
        let before = store.storage().snapshot();
        let r = match &key {
            Key::Attempt => store.load_attempt(),
            _ => store.load_finished("a-1"),
        };
        let notice = r.and_then(Result::err).expect("refused");
        assert_eq!(notice.outcome, Outcome::LeftForNewerVersion);
        assert!(
            notice.why.contains(&format!("version {schema}")),
            "{}",
            notice.why
        );
        assert_eq!(store.storage().snapshot(), before, "{key:?} was touched");
    }
}

#[test]
fn keys_keep_todays_strings_and_read_back() {
    let cases = [
        (Key::Prefs, "composure.prefs"),
        (Key::Current, "composure.current"),
        (Key::Attempt, "composure.assessment"),
        (
            Key::Finished("a-00000000000000ff".into()),
            "composure.finished.a-00000000000000ff",
        ),
        (
            Key::history(1_700_000_000_123.9, 1_234_567),
            "composure.history.001700000000123-34567",
        ),
        (Key::Pack("my-pack".into()), "composure.pack.my-pack"),
        (
            Key::Lock("assessment.a-1".into()),
            "composure.lock.assessment.a-1",
        ),
        (Key::Tab, "composure.tab"),
        (
            Key::new_set(1_700_000_000_000.0, 42),
            "composure.set.001700000000000-42",
        ),
        (
            Key::result("0123abcd", 1_700_000_000_000.0),
            "composure.result.0123abcd-1700000000000",
        ),
        (
            Key::Result {
                seal: "0123abcd".into(),
                imported_ms: None,
            },
            "composure.result.0123abcd",
        ),
        (
            Key::Pack("p".into()).set_aside(3),
            "composure.set-aside.composure.pack.p.3",
        ),
        (
            Key::SetAside {
                original: "001700000000000-5".into(),
                n: None,
            },
            "composure.set-aside.001700000000000-5",
        ),
    ];
    for (key, s) in cases {
        assert_eq!(key.to_string(), s);
        assert_eq!(Key::parse(s), Some(key), "{s}");
    }
    for s in [
        "",
        "composure.lock.",
        "composure.history.",
        "other.prefs",
        "composure.tabs",
    ] {
        assert_eq!(Key::parse(s), None, "{s}");
    }
    // "composure.set." and "composure.set-aside." do not overlap.
    assert!(matches!(
        Key::parse("composure.set-aside.composure.set.x.1"),
        Some(Key::SetAside { .. })
    ));
}

#[test]
fn every_kind_declares_its_versions_and_one_reader_decides() {
    for v in versions::ALL {
        assert!(1 <= v.min_read && v.min_read <= v.current, "{v:?}");
        if let Some(u) = v.unversioned {
            assert!(v.accepts(u), "{v:?}");
        }
    }
    // The constants the formats write are the table's.
    assert_eq!(HISTORY_SCHEMA, versions::HISTORY.current);
    assert_eq!(SCHEMA_VERSION, versions::RECORD.current);
    assert_eq!(EXCHANGE_SCHEMA, versions::SET_FILE.current);
    assert_eq!(EXCHANGE_SCHEMA, versions::RESULT_FILE.current);
    assert_eq!(EXCHANGE_SCHEMA, versions::ATTEMPT.current);
    assert_eq!(
        composure_core::content::FORMAT,
        i64::from(versions::PACK.current)
    );
    assert_eq!(Prefs::default().schema, versions::PREFS.current);

    let kind = Versioned {
        noun: "test document",
        current: 4,
        min_read: 2,
        unversioned: None,
    };
    let cases: [(&str, Result<u32, VersionError>); 9] = [
        (r#"{"schema":2}"#, Ok(2)),
        (r#"{"schema":4}"#, Ok(4)),
        (
            r#"{"schema":1}"#,
            Err(VersionError::TooOld {
                found: 1,
                min_read: 2,
            }),
        ),
        (
            r#"{"schema":5}"#,
            Err(VersionError::FromTheFuture {
                found: 5,
                current: 4,
            }),
        ),
        (
            r#"{"schema":99999999999}"#,
            Err(VersionError::FromTheFuture {
                found: u32::MAX,
                current: 4,
            }),
        ),
        (r#"{}"#, Err(VersionError::Missing)),
        (r#"{"schema":0}"#, Err(VersionError::Invalid("0".into()))),
        (
            r#"{"schema":"2"}"#,
            Err(VersionError::Invalid("\"2\"".into())),
        ),
        (
            r#"{"schema":2.5}"#,
            Err(VersionError::Invalid("2.5".into())),
        ),
    ];
    for (text, want) in cases {
        let v: serde_json::Value = serde_json::from_str(text).expect("json");
        assert_eq!(kind.check_value(&v), want, "{text}");
    }
    let legacy = Versioned {
        unversioned: Some(2),
        ..kind
    };
    assert_eq!(legacy.check_value(&serde_json::json!({})), Ok(2));
    // The messages name the problem.
    for (e, words) in [
        (
            VersionError::TooOld {
                found: 1,
                min_read: 2,
            },
            "older version",
        ),
        (
            VersionError::FromTheFuture {
                found: 5,
                current: 4,
            },
            "newer version",
        ),
        (VersionError::Missing, "no version"),
        (VersionError::Invalid("0".into()), "not valid"),
    ] {
        assert!(e.to_string().contains(words), "{e}");
    }
}

#[test]
fn settings_out_of_range_fall_back_to_their_defaults_one_by_one() {
    let customers = ["angry", "chatty"];
    let campaigns = ["sales"];
    let d = Prefs::default();
    let cases: Vec<(&str, Prefs, Prefs, &str)> = vec![
        ("defaults", d.clone(), d.clone(), ""),
        (
            "known values",
            Prefs {
                customer: "chatty".into(),
                campaign: "sales".into(),
                difficulty: 5,
                reply_limit_s: 30,
                ..d.clone()
            },
            Prefs {
                customer: "chatty".into(),
                campaign: "sales".into(),
                difficulty: 5,
                reply_limit_s: 30,
                ..d.clone()
            },
            "",
        ),
        (
            "difficulty 99",
            Prefs {
                difficulty: 99,
                ..d.clone()
            },
            d.clone(),
            "difficulty 99",
        ),
        (
            "difficulty 0",
            Prefs {
                difficulty: 0,
                hints: false,
                ..d.clone()
            },
            Prefs {
                hints: false,
                ..d.clone()
            },
            "difficulty 0",
        ),
        (
            "unknown customer",
            Prefs {
                customer: "ghost".into(),
                ..d.clone()
            },
            d.clone(),
            "ghost",
        ),
        (
            "unknown campaign",
            Prefs {
                campaign: "gone".into(),
                ..d.clone()
            },
            d.clone(),
            "gone",
        ),
        (
            "reply limit 1 s",
            Prefs {
                reply_limit_s: 1,
                ..d.clone()
            },
            d.clone(),
            "reply time limit 1 s",
        ),
        (
            // In range once, but not a choice the form offers: the form would show another value.
            "reply limit 25 s",
            Prefs {
                reply_limit_s: 25,
                ..d.clone()
            },
            d.clone(),
            "reply time limit 25 s",
        ),
        (
            "calls per shift 7",
            Prefs {
                shift_calls: 7,
                ..d.clone()
            },
            d.clone(),
            "calls per shift 7",
        ),
        (
            "calls per shift 0",
            Prefs {
                shift_calls: 0,
                ..d.clone()
            },
            d.clone(),
            "calls per shift 0",
        ),
        (
            "plan 99",
            Prefs {
                shift_plan: 99,
                ..d.clone()
            },
            d.clone(),
            "shift plan 99",
        ),
    ];
    for (name, input, want, words) in cases {
        let (got, notes) = input.sanitize(&customers, &campaigns);
        assert_eq!(got, want, "{name}");
        if words.is_empty() {
            assert!(notes.is_empty(), "{name}: {notes:?}");
        } else {
            assert_eq!(notes.len(), 1, "{name}: {notes:?}");
            assert!(
                notes[0].contains(words) && notes[0].contains("default"),
                "{name}: {notes:?}"
            );
        }
    }
    // Two bad fields: two notes, each field falls back on its own.
    let (got, notes) = Prefs {
        difficulty: 9,
        customer: "x".into(),
        voice: true,
        ..d.clone()
    }
    .sanitize(&customers, &campaigns);
    assert_eq!(notes.len(), 2);
    assert_eq!(got, Prefs { voice: true, ..d });
}

#[test]
fn the_practice_start_reads_the_campaign_and_a_call_in_progress_and_changes_nothing() {
    let some = |c: &str| Some(c.to_string());
    type Case = (
        &'static str,
        Vec<(&'static str, &'static str)>,
        PracticeStart,
    );
    let cases: Vec<Case> = vec![
        ("nothing stored", vec![], PracticeStart::default()),
        (
            "settings naming a campaign",
            vec![(
                PREFS_KEY,
                r#"{"schema":1,"campaign":"volta-complaints","hints":true}"#,
            )],
            PracticeStart {
                call_in_progress: false,
                campaign: some("volta-complaints"),
            },
        ),
        (
            "settings naming none",
            vec![(PREFS_KEY, r#"{"schema":1,"campaign":""}"#)],
            PracticeStart::default(),
        ),
        (
            "damaged settings (left for the page to set aside)",
            vec![(PREFS_KEY, r#"{"campaign":"#)],
            PracticeStart::default(),
        ),
        (
            "a campaign of the wrong type",
            vec![(PREFS_KEY, r#"{"campaign":7}"#)],
            PracticeStart::default(),
        ),
        (
            "a call in progress, even a damaged one",
            vec![
                (CURRENT_KEY, "not json"),
                (PREFS_KEY, r#"{"campaign":"northgate-bank"}"#),
            ],
            PracticeStart {
                call_in_progress: true,
                campaign: some("northgate-bank"),
            },
        ),
        (
            "a call in progress set aside only",
            vec![("composure.set-aside.composure.current.1", "{}")],
            PracticeStart::default(),
        ),
    ];
    for (name, entries, want) in cases {
        let start = read_only(name, &entries, |s| s.practice_start());
        assert_eq!(start, want, "{name}");
    }
}
