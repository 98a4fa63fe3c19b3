//! xAPI statements to a Learning Record Store: the launch parameters, the statements an attempt
//! sends, the queue, and reading them back (grouping, missing and out-of-order statements,
//! verification by replay). The LRS is simulated here by adding `stored` and `authority` as an
//! LRS does; the end-to-end test (`tests/e2e/specs/xapi.spec.ts`) uses a real Ralph.

use composure_core::content::Library;
use composure_core::exchange::*;
use composure_core::sim::{CallRecord, PersonaSet, Policy, Stream};
use composure_core::store::{Key, MemoryStorage, Storage, Store};
use serde_json::{json, Value};
mod common;
use common::{assessment_set, lib, play_attempt, read_only};

const ORIGIN: &str = "http://127.0.0.1:8080";
const STARTED: f64 = 1_700_000_000_000.0;

fn launch() -> LrsLaunch {
    LrsLaunch::from_query(
        Some("http://127.0.0.1:9/xAPI"),
        Some("Basic dXNlcjpwYXNz"),
        None,
        Some("6F1A3C1E-0000-4000-8000-0000000000AA"),
    )
    .expect("launch")
    .expect("some launch")
}

/// An attempt of `set` with an LRS session, played to its end by `policy`.
fn attempt(lib: &Library, set: &PersonaSet, policy: Policy) -> Attempt {
    let mut a = Attempt::new(
        SetFile::new(set.clone(), vec![]),
        "Ada Lovelace".into(),
        STARTED,
        0x5a17,
    );
    a.lrs = LrsSession::resolve(
        Some(&launch()),
        &a.set,
        &a.candidate,
        ORIGIN,
        0x5a17,
        STARTED,
    );
    play_attempt(lib, &mut a, policy);
    a.finished_at_ms = Some(STARTED + 600_000.0);
    a
}

/// What an LRS adds: `stored` (one second apart, in order) and `authority`.
fn as_stored(statements: &[Value]) -> Vec<Value> {
    statements
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut s = s.clone();
            s["stored"] = json!(iso_time(STARTED + 1_000.0 * (i as f64 + 1.0)));
            s["authority"] = json!({"objectType": "Agent", "mbox": "mailto:writer@example.org"});
            s
        })
        .collect()
}

fn verb_of(s: &Value) -> &str {
    s["verb"]["id"].as_str().unwrap_or("")
}

#[test]
fn an_attempt_sends_start_each_call_and_verdict_with_scores_and_records() {
    let lib = lib();
    for (calls, policy) in [(1, Policy::Best), (3, Policy::Random), (10, Policy::Best)] {
        let set = assessment_set(40 + calls as u64, calls);
        let a = attempt(lib, &set, policy);
        let all = statements_due(lib, &a, 0, STARTED + 1.0);
        assert_eq!(all.len(), calls as usize + 2, "{calls} calls");
        assert_eq!(verb_of(&all[0]), VERB_ATTEMPTED);
        let summary = result_of(lib, &a, "t").expect("result").claimed;
        let last = all.last().expect("verdict");
        let want = if summary.passed {
            VERB_PASSED
        } else {
            VERB_FAILED
        };
        assert_eq!(verb_of(last), want);
        assert_eq!(
            last["result"]["score"]["raw"],
            json!(summary.scores.overall)
        );
        assert_eq!(last["result"]["success"], json!(summary.passed));
        assert_eq!(last["result"]["duration"], json!("PT10M0.000S"));
        for (i, s) in all[1..=calls as usize].iter().enumerate() {
            let record = &a.done[i];
            let overall = record.claimed.expect("claimed").overall;
            assert_eq!(verb_of(s), VERB_COMPLETED);
            assert_eq!(s["result"]["score"]["raw"], json!(overall));
            assert_eq!(
                s["result"]["score"]["scaled"],
                json!(f64::from(overall) / 100.0)
            );
            assert_eq!(s["result"]["success"], json!(overall >= set.pass_mark));
            let back: CallRecord =
                serde_json::from_value(s["result"]["extensions"][EXT_RECORD].clone())
                    .expect("record extension");
            assert_eq!(&back, record);
            assert!(s["result"]["duration"]
                .as_str()
                .is_some_and(|d| d.starts_with("PT")));
        }
        for s in &all {
            assert_eq!(
                s["context"]["registration"],
                "6f1a3c1e-0000-4000-8000-0000000000aa"
            );
            assert_eq!(s["context"]["extensions"][EXT_SET_ID], json!(set.id));
            assert!(is_uuid(s["id"].as_str().unwrap_or("")));
        }
        // Made again from a later position, the same statements (same ids) come out.
        let rest = statements_due(lib, &a, 2, STARTED + 1.0);
        assert_eq!(rest, all[2..].to_vec());
        let ids: std::collections::BTreeSet<&str> =
            all.iter().filter_map(|s| s["id"].as_str()).collect();
        assert_eq!(ids.len(), all.len(), "ids are distinct");
    }
}

#[test]
fn a_ten_call_assessment_makes_twelve_statements_and_its_bytes_are_measured() {
    let lib = lib();
    // Three players, two sets each: the bytes of a call statement grow with its turns.
    for policy in [Policy::Best, Policy::Random, Policy::Worst] {
        for seed in [77, 78] {
            let set = assessment_set(seed, 10);
            let a = attempt(lib, &set, policy);
            let all = statements_due(lib, &a, 0, STARTED + 1.0);
            assert_eq!(all.len(), 12);
            let bytes: Vec<usize> = all
                .iter()
                .map(|s| serde_json::to_string(s).map_or(0, |t| t.len()))
                .collect();
            let calls = &bytes[1..11];
            let max = calls.iter().max().copied().unwrap_or(0);
            println!(
                "{policy:?} seed {seed}: 12 statements; start {} B; calls {}..{} B (mean {} B); verdict {} B; total {} B",
                bytes[0],
                calls.iter().min().copied().unwrap_or(0),
                max,
                calls.iter().sum::<usize>() / calls.len(),
                bytes[11],
                bytes.iter().sum::<usize>()
            );
            // A call statement carries its whole call record: far under any LRS's limits.
            assert!(max < 50_000);
        }
    }
}

#[test]
fn statements_read_back_from_an_lrs_verify_by_replay() {
    let lib = lib();
    let set = assessment_set(41, 3);
    let a = attempt(lib, &set, Policy::Best);
    let stored = as_stored(&statements_due(lib, &a, 0, STARTED + 1.0));
    // Another set's statements and junk in the same LRS are ignored.
    let mut all = stored.clone();
    all.push(json!({"id": "x", "context": {"extensions": {EXT_SET_ID: "a-other"}}}));
    all.push(json!(42));
    let got = lrs_attempts(lib, std::slice::from_ref(&set), &set.id, &all);
    assert_eq!(got.len(), 1);
    let g = &got[0];
    assert_eq!(g.verdict, Verdict::Verified, "problems: {:?}", g.problems);
    assert!(g.problems.is_empty());
    assert!(g.trusted(), "a verified attempt of the set as issued");
    assert!(
        !lrs_attempts(lib, &[], &set.id, &all)[0].trusted(),
        "unknown set"
    );
    assert_eq!(g.candidate, "Ada Lovelace");
    assert_eq!(g.authority, "mailto:writer@example.org");
    assert_eq!(g.started_ms, Some(STARTED));
    assert_eq!(g.finished_ms, Some(STARTED + 600_000.0));
    assert_eq!(g.stored_first_ms, Some(STARTED + 1_000.0));
    assert_eq!(g.stored_last_ms, Some(STARTED + 5_000.0));
    let claimed = result_of(lib, &a, "t").expect("result").claimed;
    assert_eq!(g.summary, Some(claimed));
}

/// Each edit of the stored statements, with a phrase the reason must contain.
#[test]
fn missing_reordered_or_edited_statements_are_not_verified_with_why() {
    let lib = lib();
    let set = assessment_set(42, 3);
    let a = attempt(lib, &set, Policy::Best);
    let good = as_stored(&statements_due(lib, &a, 0, STARTED + 1.0));
    type Edit = fn(&mut Vec<Value>);
    let cases: &[(&str, Edit, &str)] = &[
        (
            "call 2 missing",
            |v| drop(v.remove(2)),
            "call 2's statement is missing",
        ),
        (
            "start missing",
            |v| drop(v.remove(0)),
            "the start statement is missing",
        ),
        (
            "verdict missing",
            |v| drop(v.pop()),
            "verdict statement (passed or failed) is missing",
        ),
        (
            "out of order",
            |v| {
                let (a, b) = (v[1]["stored"].clone(), v[2]["stored"].clone());
                v[1]["stored"] = b;
                v[2]["stored"] = a;
            },
            "out of order: call 1's statement was stored after call 2's statement",
        ),
        (
            "call score edited",
            |v| v[2]["result"]["score"]["raw"] = json!(1),
            "call 2's statement scores 1 ",
        ),
        (
            "verdict score edited",
            |v| {
                let last = v.len() - 1;
                v[last]["result"]["score"]["raw"] = json!(3);
                v[last]["result"]["score"]["scaled"] = json!(0.03);
            },
            "the verdict's statement scores 3",
        ),
        (
            "record choices edited",
            |v| {
                let c = &mut v[1]["result"]["extensions"][EXT_RECORD]["choices"][0]["pick"];
                *c = json!((c.as_u64().unwrap_or(0) + 1) % 3);
            },
            "call 1",
        ),
        (
            "record claims edited with the statement",
            |v| {
                v[1]["result"]["extensions"][EXT_RECORD]["claimed"]["overall"] = json!(1);
                v[1]["result"]["score"]["raw"] = json!(1);
                v[1]["result"]["score"]["scaled"] = json!(0.01);
            },
            "",
        ),
        (
            "record removed",
            |v| v[3]["result"]["extensions"] = json!({}),
            "call 3's statement holds no readable call record",
        ),
        (
            "verb changed",
            |v| v[1]["verb"]["id"] = json!(VERB_PASSED),
            "call 1's statement has the verb",
        ),
    ];
    for (name, edit, why) in cases {
        let mut v = good.clone();
        edit(&mut v);
        let got = lrs_attempts(lib, std::slice::from_ref(&set), &set.id, &v);
        assert_eq!(got.len(), 1, "{name}");
        match &got[0].verdict {
            Verdict::NotVerified(reason) => {
                assert!(
                    reason.contains(why),
                    "{name}: reason {reason:?} lacks {why:?}"
                )
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn hostile_statements_never_panic() {
    let lib = lib();
    let set = assessment_set(43, 2);
    let a = attempt(lib, &set, Policy::Best);
    let good = as_stored(&statements_due(lib, &a, 0, STARTED + 1.0));
    let mut rng = Stream::new(9, 9);
    let junk = [
        json!(null),
        json!("text"),
        json!([1, 2]),
        json!({"a": {"b": []}}),
        json!(-1),
        json!(1e300),
    ];
    for _ in 0..300 {
        let mut v = good.clone();
        let i = rng.below(v.len());
        let paths: [&[&str]; 7] = [
            &["context", "extensions", EXT_SEQ],
            &["context", "extensions", EXT_CALLS],
            &["stored"],
            &["result", "score"],
            &["result", "extensions", EXT_RECORD],
            &["context", "registration"],
            &["actor"],
        ];
        let path = paths[rng.below(paths.len())];
        let mut node = &mut v[i];
        for k in &path[..path.len() - 1] {
            node = &mut node[*k];
        }
        node[path[path.len() - 1]] = junk[rng.below(junk.len())].clone();
        let got = lrs_attempts(lib, std::slice::from_ref(&set), &set.id, &v);
        assert!(got
            .iter()
            .all(|g| g.verdict != Verdict::Verified || g.problems.is_empty()));
    }
    for text in [
        "",
        "{",
        "[]",
        "{\"statements\": 3}",
        "{\"statements\": [], \"more\": 7}",
    ] {
        let _ = parse_statement_page(text);
    }
    assert!(
        parse_statement_page("{\"statements\": [{}], \"more\": \"/x?y\"}").is_ok_and(|p| p
            .statements
            .len()
            == 1
            && p.more.as_deref() == Some("/x?y"))
    );
}

#[test]
fn times_and_durations_read_and_write_iso_8601() {
    let times = [
        ("1970-01-01T00:00:00.000Z", 0.0),
        ("2026-12-02T09:08:27.017Z", 1_796_202_507_017.0),
        ("2000-02-29T23:59:59.999Z", 951_868_799_999.0),
    ];
    for (text, ms) in times {
        assert_eq!(iso_time(ms), text);
        assert_eq!(parse_iso_time(text), Some(ms), "{text}");
    }
    // As Ralph writes `stored`: microseconds and an offset.
    assert_eq!(
        parse_iso_time("2026-12-02T09:08:27.017774+00:00"),
        Some(1_796_202_507_017.774)
    );
    assert_eq!(
        parse_iso_time("2026-12-02T10:08:27+01:00"),
        Some(1_796_202_507_000.0)
    );
    for bad in [
        "",
        "2026-12-02",
        "2026-13-02T00:00:00Z",
        "2026-12-02T09:08:27",
        "2026-12-02T09:08:27.Z",
        "２０２６-12-02T09:08:27Z",
    ] {
        assert_eq!(parse_iso_time(bad), None, "{bad}");
    }
    let durations = [
        (0.0, "PT0.000S"),
        (1_234.0, "PT1.234S"),
        (3_723_004.0, "PT1H2M3.004S"),
        (f64::NAN, "PT0.000S"),
    ];
    for (ms, text) in durations {
        assert_eq!(iso_duration(ms), text);
    }
}

#[test]
fn launch_parameters_are_checked() {
    let ok = |e: &str, actor: Option<&str>, reg: Option<&str>| {
        LrsLaunch::from_query(Some(e), Some("Basic x"), actor, reg)
    };
    assert_eq!(LrsLaunch::from_query(None, None, None, None), Ok(None));
    assert_eq!(
        ok("https://lrs.example.org/xapi", None, None).map(|l| l.map(|l| l.endpoint)),
        Ok(Some("https://lrs.example.org/xapi/".into()))
    );
    let refused = [
        ("ftp://lrs", None, None, "does not start with http"),
        ("http://", None, None, "no host name"),
        ("http://lrs/x", Some("{"), None, "actor is not JSON"),
        (
            "http://lrs/x",
            Some("{\"name\":\"Ann\"}"),
            None,
            "actor has no mbox",
        ),
        (
            "http://lrs/x",
            None,
            Some("not-a-uuid"),
            "registration is not a UUID",
        ),
    ];
    for (e, actor, reg, why) in refused {
        let r = ok(e, actor, reg);
        assert!(r.as_ref().is_err_and(|m| m.contains(why)), "{e}: {r:?}");
    }
    let actor =
        "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://lms\",\"name\":\"42\"}}";
    let l = ok("http://lrs/x/", Some(actor), None)
        .expect("ok")
        .expect("some");
    let set = SetFile::new(assessment_set(1, 1), vec![]);
    let s = LrsSession::resolve(Some(&l), &set, "Ann", ORIGIN, 5, STARTED).expect("session");
    assert_eq!(s.actor["account"]["name"], "42");
    assert!(is_uuid(&s.registration));
    // Without a launch, the set's LRS and an account named after the candidate.
    assert_eq!(
        LrsSession::resolve(None, &set, "Ann", ORIGIN, 5, STARTED),
        None
    );
    let mut with = set.clone();
    with.lrs = Some(LrsTarget::basic("http://lrs/x", "writer", "pw").expect("target"));
    let s = LrsSession::resolve(None, &with, "Ann", ORIGIN, 5, STARTED).expect("session");
    assert_eq!(s.auth, "Basic d3JpdGVyOnB3");
    assert_eq!(
        s.actor["account"],
        json!({"homePage": ORIGIN, "name": "Ann"})
    );
    assert_ne!(
        s.registration,
        LrsSession::resolve(None, &with, "Ann", ORIGIN, 6, STARTED)
            .expect("s")
            .registration,
        "another attempt (salt) is another registration"
    );
}

#[test]
fn a_set_without_an_lrs_keeps_its_file_link_and_digest() {
    let lib = lib();
    let set = assessment_set(44, 2);
    let file = SetFile::new(set.clone(), vec![]);
    let json = file.to_json();
    assert!(!json.contains("lrs"), "no lrs field in {json}");
    let hash = set_content_hash(lib, &set).expect("hash");
    let mut with = file.clone();
    with.lrs = Some(LrsTarget::basic("https://lrs.example.org/xAPI/", "w", "p").expect("t"));
    // The LRS travels with the file and link, never inside the set: the set's digest, its
    // match and every call record (which holds the set) are those of the set without it.
    assert_eq!(with.set, set);
    assert_eq!(with.set.digest(&hash), set.digest(&hash));
    assert!(!serde_json::to_string(&with.set)
        .unwrap_or_default()
        .contains("lrs"));
    let back = SetFile::from_link(&with.link_payload().expect("link")).expect("read link");
    assert_eq!(back.lrs, with.lrs);
    // A set file written before LRS targets existed reads as a file without one.
    let back = SetFile::from_json(&json).expect("read");
    assert_eq!((back.set, back.lrs), (set, None));
    // The form keeps the LRS through an edit.
    let form = SetForm::from_file(&with);
    assert_eq!(
        (form.lrs_user.as_str(), form.lrs_password.as_str()),
        ("w", "p")
    );
    assert_eq!(form.lrs(), Ok(with.lrs.clone()));
    let mut bad = form.clone();
    bad.lrs_endpoint = "lrs.example.org".into();
    assert!(bad.lrs().is_err_and(|e| e.starts_with("LRS endpoint:")));
}

#[test]
fn the_outbox_queues_each_statement_once_and_keeps_it_until_accepted() {
    let lib = lib();
    let set = assessment_set(45, 2);
    let full = attempt(lib, &set, Policy::Best);
    let mut partial = full.clone();
    partial.done.truncate(1);
    partial.finished_at_ms = None;
    let mut o = Outbox::new();
    assert_eq!(o.enqueue(lib, &partial, STARTED), 2);
    assert_eq!(o.enqueue(lib, &partial, STARTED), 0, "nothing twice");
    let (endpoint, auth, ids, body) = o.next_batch().expect("batch");
    assert_eq!(
        (endpoint.as_str(), auth.as_str(), ids.len()),
        ("http://127.0.0.1:9/xAPI/", "Basic dXNlcjpwYXNz", 2)
    );
    assert!(body.starts_with('['));
    assert!(!o.settle(&ids, &Delivery::Retry("offline".into())));
    assert_eq!(o.counts(), (2, 0));
    assert!(o.settle(&ids[..1], &Delivery::Accepted));
    assert_eq!(
        o.enqueue(lib, &full, STARTED),
        2,
        "the second call and the verdict"
    );
    assert_eq!(o.counts(), (3, 0));
    let (_, _, ids, _) = o.next_batch().expect("batch");
    assert!(o.settle(&ids[..1], &Delivery::Refused("400".into())));
    assert_eq!(o.counts(), (2, 1));
    let (_, _, rest, _) = o.next_batch().expect("batch");
    assert_eq!(rest.len(), 2, "a refused statement is not sent again");
    o.settle(&rest, &Delivery::Accepted);
    assert_eq!(o.counts(), (0, 1));
    assert_eq!(o.next_batch(), None);

    let statuses = [
        (200, "a"),
        (204, "a"),
        (401, "r"),
        (429, "r"),
        (503, "r"),
        (400, "x"),
        (409, "x"),
    ];
    for (status, want) in statuses {
        let got = match Delivery::of_status(status, "body") {
            Delivery::Accepted => "a",
            Delivery::Retry(_) => "r",
            Delivery::Refused(_) => "x",
        };
        assert_eq!(got, want, "{status}");
    }
}

#[test]
fn the_store_keeps_the_outbox_across_reloads_and_sets_a_damaged_one_aside() {
    let lib = lib();
    let store = Store::new(MemoryStorage::default());
    assert_eq!(store.load_outbox(), (Outbox::new(), None));
    let mut o = Outbox::new();
    o.enqueue(
        lib,
        &attempt(lib, &assessment_set(46, 1), Policy::Best),
        STARTED,
    );
    store.save_outbox(&o).expect("save");
    assert_eq!(store.load_outbox(), (o, None));
    assert_eq!(Key::parse("composure.xapi-outbox"), Some(Key::Outbox));
    store
        .storage()
        .set("composure.xapi-outbox", "{\"schema\":1,\"pending\":7}")
        .expect("set");
    let (empty, notice) = store.load_outbox();
    assert_eq!(empty, Outbox::new());
    assert!(notice.is_some_and(|n| n.to_string().contains("set aside")));
    assert_eq!(
        store.set_aside_keys(),
        vec!["composure.set-aside.composure.xapi-outbox.1"]
    );
}

#[test]
fn more_links_and_set_queries_are_addresses_on_the_endpoint() {
    assert_eq!(
        more_url(
            "http://127.0.0.1:9/xAPI/",
            "/xAPI/statements?limit=1&search_after=x"
        ),
        "http://127.0.0.1:9/xAPI/statements?limit=1&search_after=x"
    );
    assert_eq!(more_url("http://h/x/", "https://o/y"), "https://o/y");
    assert_eq!(
        set_query_url("http://h/xAPI/", "a-1"),
        "http://h/xAPI/statements?activity=urn%3Acomposure%3Aset%3Aa-1&related_activities=true"
    );
}

#[test]
fn begin_fixes_the_lrs_from_the_launch_or_the_set_and_nothing_else_changes_it() {
    use composure_core::flow::{AssessmentFlow, OpenedFrom};
    let lib = lib();
    let plain = assessment_set(47, 2);
    let plain = SetFile::new(plain, vec![]);
    let mut named = plain.clone();
    named.lrs =
        Some(LrsTarget::basic("https://lrs.example.org/xAPI/", "writer", "pw").expect("target"));
    let l = launch();
    // (set file, launch given, endpoint expected)
    let cases: [(&SetFile, Option<&LrsLaunch>, Option<&str>); 4] = [
        (&plain, None, None),
        (&plain, Some(&l), Some("http://127.0.0.1:9/xAPI/")),
        (&named, None, Some("https://lrs.example.org/xAPI/")),
        (&named, Some(&l), Some("http://127.0.0.1:9/xAPI/")),
    ];
    for (set, given, want) in cases {
        let mut flow = AssessmentFlow::new();
        flow.intro(lib, set.clone(), OpenedFrom::Site)
            .expect("intro");
        assert!(!flow.attach_lrs(given, ORIGIN), "nothing begun yet");
        flow.begin("Ann", STARTED, 3).expect("begin");
        assert_eq!(flow.attach_lrs(given, ORIGIN), want.is_some());
        let got = flow.attempt().and_then(|a| a.lrs.as_ref());
        assert_eq!(got.map(|s| s.endpoint.as_str()), want);
        // Once a call is done the attempt's LRS stays as it was.
        flow.advance(lib, STARTED).expect("call 1");
        let mut done = flow.attempt().cloned().expect("attempt");
        done.done.push(done.current.clone().expect("current"));
        let mut shown = AssessmentFlow::new();
        shown.show_finished(done);
        assert!(
            !shown.attach_lrs(Some(&l), ORIGIN),
            "a shown attempt is never changed"
        );
    }
}

/// The first-call web app hands over to the whole app exactly when storage keeps an imported
/// pack or statements waiting for their LRS (or a queue it cannot read); it only reads.
#[test]
fn only_a_stored_pack_or_a_waiting_statement_needs_the_whole_app() {
    let lib = lib();
    let mut waiting = Outbox::new();
    waiting.enqueue(
        lib,
        &attempt(lib, &assessment_set(47, 1), Policy::Best),
        STARTED,
    );
    let mut sent = waiting.clone();
    let (_, _, ids, _) = sent.next_batch().expect("batch");
    sent.settle(&ids, &Delivery::Accepted);
    let mut refused = waiting.clone();
    refused.settle(&ids, &Delivery::Refused("400 Bad Request".into()));
    assert_eq!(refused.counts(), (0, ids.len()));
    let json = |o: &Outbox| serde_json::to_string(o).expect("json");
    // (what is stored, the entries, whether the whole app is needed)
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, bool);
    let cases: Vec<Case> = vec![
        ("nothing stored", vec![], false),
        (
            "practice data only",
            vec![
                ("composure.prefs", "{}".into()),
                ("composure.history.000000000000001-1", "{}".into()),
                ("composure.set.000000000000001-1", "{}".into()),
            ],
            false,
        ),
        (
            "an imported pack",
            vec![("composure.pack.acme", "{}".into())],
            true,
        ),
        (
            "a queue, all sent",
            vec![("composure.xapi-outbox", json(&sent))],
            false,
        ),
        (
            "a statement waiting",
            vec![("composure.xapi-outbox", json(&waiting))],
            true,
        ),
        (
            "a refused statement only",
            vec![("composure.xapi-outbox", json(&refused))],
            false,
        ),
        (
            "a damaged queue",
            vec![("composure.xapi-outbox", "{\"pending\":7}".into())],
            true,
        ),
        (
            "a pack set aside only",
            vec![("composure.set-aside.composure.pack.acme.1", "{}".into())],
            false,
        ),
    ];
    for (name, entries, want) in cases {
        let whole = read_only(name, &entries, |s| s.keeps_whole_app_data());
        assert_eq!(whole, want, "{name}");
    }
}
