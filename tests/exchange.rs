//! The exchange formats and their checks: set files and links, packs, result files, verdicts,
//! the results table and CSV. Data-driven: each table lists inputs with what must come out.

use composure_core::content::Library;
use composure_core::exchange::*;
use composure_core::sim::{Call, Calls, Mode, PersonaSet, Policy, Scores, Weights};
mod common;
use common::{assessment_set, compiled, doc_example, lib, play_attempt};

/// Plays a whole assessment with a scripted player and returns its result file.
fn take(lib: &Library, set: &PersonaSet, packs: Vec<PackSource>, policy: Policy) -> ResultFile {
    take_salted(lib, set, packs, policy, 0x5a17)
}

/// As [`take`], with the attempt's salt given.
fn take_salted(
    lib: &Library,
    set: &PersonaSet,
    packs: Vec<PackSource>,
    policy: Policy,
    salt: u64,
) -> ResultFile {
    let mut attempt = Attempt::new(
        SetFile::new(set.clone(), packs),
        "Ada Lovelace".into(),
        1_700_000_000_000.0,
        salt,
    );
    play_attempt(lib, &mut attempt, policy);
    attempt.finished_at_ms = Some(1_700_000_600_000.0);
    result_of(lib, &attempt, "0.1.0").expect("result")
}

fn check<I: std::fmt::Debug, O: PartialEq + std::fmt::Debug>(
    cases: &[(&str, I)],
    f: impl Fn(&I) -> O,
    expected: impl Fn(&str) -> O,
) {
    for (name, input) in cases {
        assert_eq!(f(input), expected(name), "case {name}: input {input:?}");
    }
}

#[test]
fn base64url_round_trips_and_refuses_damage() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("one", vec![0xff]),
        ("two", vec![1, 2]),
        ("three", vec![0, 0xfe, 0xff]),
        ("text", b"{\"schema\":1}".to_vec()),
        ("all bytes", (0..=255u8).collect()),
    ];
    check(
        &cases,
        |b| base64url_decode(&base64url_encode(b)),
        |name| {
            Some(
                cases
                    .iter()
                    .find(|c| c.0 == name)
                    .map(|c| c.1.clone())
                    .unwrap_or_default(),
            )
        },
    );
    for bad in ["a", "ab$c", "abcde", "é"] {
        assert_eq!(base64url_decode(bad), None, "{bad}");
    }
    assert!(!base64url_encode(&[0xfb, 0xff]).contains(['+', '/', '=']));
}

#[test]
fn set_files_and_links_round_trip() {
    let mut chosen = assessment_set(9, 3);
    let archetypes: Vec<String> = lib()
        .customers
        .archetypes
        .iter()
        .map(|a| a.id.to_string())
        .cycle()
        .take(50)
        .collect();
    chosen.calls = Calls::Chosen { archetypes };
    let mut practice = assessment_set(u64::MAX >> 11, 3);
    practice.mode = Mode::Practice;
    practice.hints = true;
    practice.reply_limit_s = None;
    practice.campaigns = lib().campaigns.iter().map(|c| c.id.to_string()).collect();
    let cases = [
        ("assessment", assessment_set(1, 3)),
        ("fifty chosen customers", chosen),
        ("practice, every campaign", practice),
    ];
    for (name, set) in &cases {
        let f = SetFile::new(set.clone(), Vec::new());
        assert_eq!(SetFile::from_json(&f.to_json()).as_ref(), Ok(&f), "{name}");
        let payload = f.link_payload().expect("fits in a link");
        assert!(payload.len() < 2000, "{name}: link of {}", payload.len());
        assert_eq!(SetFile::from_link(&payload).as_ref(), Ok(&f), "{name}");
        assert!(check_set(lib(), set).is_ok(), "{name}");
    }
    // A set with an imported pack travels as a file that embeds it.
    let f = SetFile::new(
        assessment_set(1, 3),
        vec![PackSource {
            file: "mine.toml".into(),
            source: doc_example(),
        }],
    );
    assert_eq!(f.link_payload(), None);
    assert_eq!(SetFile::from_json(&f.to_json()), Ok(f));
    assert_eq!(
        set_link_path("abc", Mode::Assessment),
        "/assessment?set=abc"
    );
    assert_eq!(set_link_path("abc", Mode::Practice), "/practice?set=abc");
}

#[test]
fn bad_set_files_and_links_are_refused_with_the_problem_named() {
    let good = SetFile::new(assessment_set(3, 3), Vec::new()).to_json();
    let huge = format!(
        "{{\"schema\":1,\"pad\":\"{}\"}}",
        "x".repeat(MAX_IMPORT_BYTES)
    );
    let cases: Vec<(&str, String)> = vec![
        ("truncated", good[..good.len() / 2].to_string()),
        ("empty", "  ".into()),
        ("not json", "hello".into()),
        (
            "unknown schema",
            good.replacen("\"schema\": 1", "\"schema\": 99", 1),
        ),
        ("no schema", good.replacen("\"schema\": 1,", "", 1)),
        ("wrong kind", good.replacen(SET_KIND, RESULT_KIND, 1)),
        (
            "invalid set",
            good.replacen("\"pass_mark\": 60", "\"pass_mark\": 160", 1),
        ),
        ("oversized", huge),
    ];
    let words = |e: Result<SetFile, ImportError>| -> &'static str {
        match e {
            Ok(_) => "accepted",
            Err(ImportError::Truncated) => "truncated",
            Err(ImportError::Empty) => "empty",
            Err(ImportError::Malformed(_)) => "not json",
            Err(ImportError::FutureSchema(99)) => "unknown schema",
            Err(ImportError::NoSchema) => "no schema",
            Err(ImportError::WrongKind { .. }) => "wrong kind",
            Err(ImportError::Invalid(_)) => "invalid set",
            Err(ImportError::TooLarge(_)) => "oversized",
            Err(_) => "other",
        }
    };
    check(
        &cases,
        |t| words(SetFile::from_json(t)).to_string(),
        |n| n.to_string(),
    );
    // Every message is a sentence naming the problem.
    for (name, text) in &cases {
        let msg = SetFile::from_json(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!msg.is_empty(), "{name}");
    }
    assert!(SetFile::from_json(&cases[3].1)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("newer version"));
    let link = SetFile::new(assessment_set(3, 3), Vec::new())
        .link_payload()
        .expect("link");
    let links = [
        ("cut short", link[..link.len() - 7].to_string()),
        ("mistyped", link.replacen('e', "$", 1)),
        ("garbage", "%%%".to_string()),
    ];
    check(
        &links,
        |l| SetFile::from_link(l).err(),
        |_| Some(ImportError::BadLink),
    );
}

#[test]
fn the_set_form_builds_sets_and_names_the_field_at_fault() {
    let first = lib().campaigns[0].id.to_string();
    let base = SetForm::new(Some(first.clone()), 42);
    let set = base.clone();
    let mut named = set.clone();
    named.name = "Week 1".into();
    let built = named.to_set(lib()).expect("valid");
    assert_eq!(built.seed, 42);
    assert_eq!(built.weights, Weights::default());
    assert_eq!(SetForm::from_set(&built).to_set(lib()), Ok(built.clone()));

    let edit = |f: fn(&mut SetForm)| {
        let mut x = named.clone();
        f(&mut x);
        x
    };
    let cases = [
        ("Set name", edit(|f| f.name = " ".into())),
        ("Campaign", edit(|f| f.campaigns.clear())),
        ("Number of calls", edit(|f| f.count = "0".into())),
        ("Number of calls", edit(|f| f.count = "500".into())),
        ("Difficulty", edit(|f| f.difficulty = "x".into())),
        ("Pass mark", edit(|f| f.pass_mark = "101".into())),
        ("Seed", edit(|f| f.seed = "-1".into())),
        ("Customers", edit(|f| f.calls_kind = "chosen".into())),
        ("Composure weight", edit(|f| f.weights[0] = "abc".into())),
    ];
    for (field, form) in &cases {
        let e = form.to_set(lib()).err().unwrap_or_default();
        assert!(e.starts_with(field), "{field}: {e}");
    }
    // Weights of all zero and an unknown campaign are refused too.
    assert!(
        edit(|f| f.weights = ["0".into(), "0".into(), "0".into(), "0".into()])
            .to_set(lib())
            .is_err()
    );
    assert!(edit(|f| f.campaigns = vec!["nope".into()])
        .to_set(lib())
        .is_err());
    // Off means no reply limit; an assessment never allows hints.
    let off = edit(|f| {
        f.reply_limit = "off".into();
        f.hints = true;
    })
    .to_set(lib())
    .expect("valid");
    assert_eq!((off.reply_limit_s, off.hints), (None, false));
}

#[test]
fn packs_are_checked_by_the_content_validator() {
    let shipped: Vec<String> = lib().campaigns.iter().map(|c| c.id.to_string()).collect();
    let good = doc_example();
    let shipped_id = good.replacen(
        "id = \"greenleaf-survey\"",
        &format!("id = \"{}\"", shipped[0]),
        1,
    );
    let broken = good.replacen("purpose = \"survey\"", "purpose = \"party\"", 1);
    let cases = [
        ("accepted", good.clone()),
        ("built-in id", shipped_id),
        ("errors", broken),
        ("errors", "this is [not toml".to_string()),
    ];
    let outcome = |src: &String| {
        let p = import_pack(lib(), &shipped, "mine.toml", src);
        match (&p.accepted, &p.refused) {
            (Some(_), None) => "accepted",
            (None, Some(r)) if r.contains("built-in") => "built-in id",
            (None, Some(_)) if p.errors > 0 && !p.diagnostics.is_empty() => "errors",
            _ => "other",
        }
    };
    check(&cases, |s| outcome(s).to_string(), |n| n.to_string());
    // Diagnostics are file:line:col: severity: message.
    let p = import_pack(lib(), &shipped, "mine.toml", &cases[2].1);
    assert!(
        p.diagnostics.iter().any(|d| d.starts_with("mine.toml:")),
        "{:?}",
        p.diagnostics
    );

    // An accepted pack joins the library; a broken stored one is left out and reported.
    let packs = vec![
        PackSource {
            file: "mine.toml".into(),
            source: good,
        },
        PackSource {
            file: "bad.toml".into(),
            source: "nope".into(),
        },
    ];
    let (lib2, problems) = compose_library(lib(), &packs);
    assert_eq!(lib2.campaigns.len(), lib().campaigns.len() + 1);
    assert!(lib2.campaign("greenleaf-survey").is_some());
    assert_eq!(problems.len(), 1);
    let mut set = assessment_set(5, 3);
    set.campaigns = vec!["greenleaf-survey".into()];
    assert_eq!(packs_for(&lib2, lib(), &set), packs[..1].to_vec());
    assert!(check_set(&lib2, &set).is_ok());
    assert!(check_set(lib(), &set).is_err());
}

#[test]
fn results_round_trip_and_verify() {
    for (seed, policy) in [(1, Policy::Best), (2, Policy::Random), (3, Policy::Worst)] {
        let r = take(lib(), &assessment_set(seed, 3), Vec::new(), policy);
        let back = ResultFile::from_json(&r.to_json()).expect("reads back");
        assert_eq!(back, r);
        let c = verify_result(lib(), back);
        assert_eq!(c.verdict, Verdict::Verified, "{policy:?}");
        assert_eq!(c.summary, r.claimed);
        assert_eq!(c.calls.len(), 3);
    }
    let best = take(lib(), &assessment_set(1, 3), Vec::new(), Policy::Best);
    let worst = take(lib(), &assessment_set(1, 3), Vec::new(), Policy::Worst);
    assert!(best.claimed.passed && !worst.claimed.passed);
}

/// Results made before the content was compiled (the app parsed the packs' TOML) verify with
/// the compiled content, and the other way round: the content hash is the same in both.
#[test]
fn results_verify_across_the_toml_and_the_compiled_content() {
    let (_, compiled) = compiled();
    for (seed, policy) in [(4, Policy::Best), (5, Policy::Random), (6, Policy::Worst)] {
        let set = assessment_set(seed, 3);
        let before = take(lib(), &set, Vec::new(), policy);
        let c = verify_result(&compiled, before.clone());
        assert_eq!(c.verdict, Verdict::Verified, "{policy:?}");
        assert_eq!(c.summary, before.claimed);
        let after = take(&compiled, &set, Vec::new(), policy);
        assert_eq!(after.content_hash, before.content_hash);
        assert_eq!(verify_result(lib(), after).verdict, Verdict::Verified);
    }
}

#[test]
fn a_result_with_an_imported_pack_verifies_with_the_embedded_pack() {
    let packs = vec![PackSource {
        file: "mine.toml".into(),
        source: doc_example(),
    }];
    let (lib2, _) = compose_library(lib(), &packs);
    let mut set = assessment_set(11, 3);
    set.campaigns = vec!["greenleaf-survey".into()];
    let r = take(&lib2, &set, packs, Policy::Best);
    // The trainer's browser may not have the pack: the embedded source fills in.
    assert_eq!(verify_result(lib(), r.clone()).verdict, Verdict::Verified);
    // A different pack under the same id is other content, not a false verdict.
    let mut other = r;
    other.packs[0].source = other.packs[0]
        .source
        .replacen("two-minute", "three-minute", 1);
    assert_eq!(
        verify_result(lib(), other).verdict.label(),
        "Content changed"
    );
}

/// Every kind of tampering, applied to the JSON text as a person would edit the file.
#[test]
fn every_kind_of_tampering_is_detected() {
    let r = take(lib(), &assessment_set(77, 3), Vec::new(), Policy::Random);
    let json = r.to_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = value.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).expect("json")
    };
    let bump = |v: &mut serde_json::Value| {
        let n = v.as_u64().unwrap_or(0);
        *v = serde_json::json!(if n >= 50 { n - 7 } else { n + 7 });
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "edited claimed score",
            edit(&|v| bump(&mut v["calls"][0]["claimed"]["overall"])),
        ),
        (
            "edited summary score",
            edit(&|v| bump(&mut v["claimed"]["scores"]["overall"])),
        ),
        (
            "edited pass",
            edit(&|v| {
                let p = v["claimed"]["passed"].as_bool().unwrap_or(false);
                v["claimed"]["passed"] = serde_json::json!(!p);
            }),
        ),
        (
            "edited choice",
            edit(&|v| {
                let p = v["calls"][1]["choices"][0]["pick"].as_u64().unwrap_or(0);
                v["calls"][1]["choices"][0]["pick"] = serde_json::json!((p + 1) % 4);
            }),
        ),
        (
            "edited reply time",
            edit(&|v| {
                v["calls"][0]["choices"][0]["ms"] = serde_json::json!(1);
            }),
        ),
        (
            "edited seed everywhere",
            edit(&|v| {
                let s = v["set"]["seed"].as_u64().unwrap_or(0) + 1;
                v["set"]["seed"] = serde_json::json!(s);
                for c in v["calls"].as_array_mut().into_iter().flatten() {
                    c["set"]["seed"] = serde_json::json!(s);
                }
            }),
        ),
        (
            "edited seed of the set",
            edit(&|v| bump(&mut v["set"]["seed"])),
        ),
        (
            "edited set",
            edit(&|v| v["set"]["pass_mark"] = serde_json::json!(10)),
        ),
        (
            "edited set everywhere",
            edit(&|v| {
                v["set"]["difficulty"] = serde_json::json!(1);
                for c in v["calls"].as_array_mut().into_iter().flatten() {
                    c["set"]["difficulty"] = serde_json::json!(1);
                }
            }),
        ),
        (
            "dropped call",
            edit(&|v| {
                if let Some(a) = v["calls"].as_array_mut() {
                    a.pop();
                }
            }),
        ),
        (
            "edited name",
            edit(&|v| v["candidate"] = serde_json::json!("Someone Else")),
        ),
        (
            "edited tab leaves",
            edit(&|v| v["tab_leaves"] = serde_json::json!(3)),
        ),
        (
            "edited digest",
            edit(&|v| v["calls"][2]["digest"] = serde_json::json!("0000")),
        ),
    ];
    for (name, text) in &cases {
        let file = ResultFile::from_json(text).expect(name);
        let c = verify_result(lib(), file);
        assert_eq!(c.verdict.label(), "Not verified", "{name}: {:?}", c.verdict);
    }

    // Content: a wrong hash is "Content changed", never a false verdict.
    let changed = [
        (
            "wrong result content hash",
            edit(&|v| v["content_hash"] = serde_json::json!("0123456789abcdef")),
        ),
        (
            "wrong call content hash",
            edit(&|v| {
                for c in v["calls"].as_array_mut().into_iter().flatten() {
                    c["content_hash"] = serde_json::json!("0123456789abcdef");
                }
            }),
        ),
        (
            "unknown campaign",
            edit(&|v| {
                v["set"]["campaigns"] = serde_json::json!(["gone"]);
            }),
        ),
    ];
    for (name, text) in &changed {
        let c = verify_result(lib(), ResultFile::from_json(text).expect(name));
        assert_eq!(
            c.verdict.label(),
            "Content changed",
            "{name}: {:?}",
            c.verdict
        );
    }

    // Files that cannot even be read.
    let unreadable = [
        (
            "truncated",
            json[..json.len() * 2 / 3].to_string(),
            "cut short",
        ),
        (
            "unknown schema",
            json.replacen("\"schema\": 1", "\"schema\": 2", 1),
            "newer version",
        ),
        (
            "set file",
            SetFile::new(assessment_set(1, 3), Vec::new()).to_json(),
            "persona set file",
        ),
        ("oversized", " ".repeat(MAX_IMPORT_BYTES + 1), "too large"),
        (
            "missing field",
            edit(&|v| {
                if let Some(o) = v.as_object_mut() {
                    o.remove("calls");
                }
            }),
            "calls",
        ),
    ];
    for (name, text, words) in &unreadable {
        let e = ResultFile::from_json(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains(words), "{name}: {e}");
    }
}

fn row(name: &str, overall: u8, date: f64, verdict: Verdict) -> Row {
    Row {
        id: 0,
        candidate: name.into(),
        set: "Week 1".into(),
        date_ms: date,
        scores: Scores {
            overall,
            composure: overall / 2,
            correctness: 90,
            outcome: 10,
            responsiveness: 50,
        },
        passed: overall >= 70,
        verdict,
        set_match: SetMatch::AsIssued,
        tab_leaves: 0,
        reloads: 0,
        clock: Vec::new(),
    }
}

#[test]
fn the_table_sorts_exports_csv_and_charts() {
    let rows = vec![
        row("bea", 80, 3.0, Verdict::Verified),
        row("Al", 55, 1.0, Verdict::NotVerified("it claims more".into())),
        row("=cmd()", 9, 2.0, Verdict::ContentChanged("other".into())),
    ];
    let names = |col: Column, asc: bool| {
        let mut r = rows.clone();
        sort_rows(&mut r, col, asc);
        r.iter()
            .map(|r| r.candidate.clone())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let cases = [
        ("=cmd() Al bea", (Column::Candidate, true)),
        ("bea Al =cmd()", (Column::Overall, false)),
        ("=cmd() Al bea", (Column::Overall, true)),
        ("Al =cmd() bea", (Column::Date, true)),
        ("bea Al =cmd()", (Column::Verified, false)),
    ];
    check(&cases, |(c, a)| names(*c, *a), |n| n.to_string());

    let csv = to_csv(&rows);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Candidate,Set,Date,Overall,Composure,Correctness,Outcome,Responsiveness,Result,Verified,Set check,Tab leaves,Reloads,Clock"
    );
    assert_eq!(
        lines[1],
        "bea,Week 1,1970-01-01 00:00,80,40,90,10,50,Pass,Verified,Set as issued,0,0,OK"
    );
    // A row that did not verify shows no pass or fail, only the reason.
    assert_eq!(
        lines[2],
        "Al,Week 1,1970-01-01 00:00,55,27,90,10,50,—,Not verified: it claims more,Set as issued,0,0,OK"
    );
    assert!(lines[3].starts_with("'=cmd(),"), "{}", lines[3]);
    assert_eq!(
        to_csv(&[row("a, \"b\"", 1, 0.0, Verdict::Verified)])
            .lines()
            .nth(1)
            .map(|l| l.starts_with("\"a, \"\"b\"\"\",")),
        Some(true)
    );

    let dates = [
        ("1970-01-01 00:00", 0.0),
        ("2023-11-14 22:13", 1_700_000_000_000.0),
        ("2000-02-29 12:00", 951_825_600_000.0),
    ];
    check(&dates, |ms| format_date(*ms), |n| n.to_string());

    assert_eq!(histogram(&[0, 19, 20, 55, 79, 80, 100]), [2, 1, 1, 1, 2]);
    assert_eq!(
        histogram_text(&[10, 90]),
        "Overall scores of 2 result(s) by band: 0–19: 1, 20–39: 0, 40–59: 0, 60–79: 0, 80–100: 1."
    );
}

#[test]
fn the_pass_rule_is_the_mean_overall_against_the_pass_mark() {
    let s = |o: u8| Scores {
        overall: o,
        composure: o,
        correctness: o,
        outcome: o,
        responsiveness: o,
    };
    let cases = [
        ("pass 70", (vec![s(60), s(80)], 70)),
        ("fail 69", (vec![s(60), s(77)], 70)),
        ("pass 100", (vec![s(100)], 100)),
        ("fail 0", (vec![], 0)),
        ("pass 0", (vec![s(0)], 0)),
        ("pass 70", (vec![s(69), s(70)], 70)),
    ];
    check(
        &cases,
        |(scores, mark)| {
            let m = summarize(scores, *mark);
            format!(
                "{} {}",
                if m.passed { "pass" } else { "fail" },
                m.scores.overall
            )
        },
        |n| n.to_string(),
    );
}

// ---------------------------------------------------------------------------------------------
// Assessment integrity (issue 12): each defect of the probe, reproduced, now fails for the cheat.

/// Every call's transcript of a result, replayed, as (customer lines, offered lines).
fn transcripts(lib: &Library, r: &ResultFile) -> Vec<String> {
    r.calls
        .iter()
        .map(|rec| {
            let call = composure_core::sim::replay(lib, rec).expect("replay");
            serde_json::to_string(call.events()).expect("json")
        })
        .collect()
}

#[test]
fn defect_1_an_edited_link_shows_set_changed_and_never_a_verified_pass() {
    let issued = assessment_set(41, 3);
    // The candidate decodes the link, drops the pass mark and keeps only responsiveness.
    let link = SetFile::new(issued.clone(), Vec::new())
        .link_payload()
        .expect("link");
    let mut edited = SetFile::from_link(&link).expect("decode").set;
    edited.pass_mark = 0;
    edited.weights = Weights {
        composure: 0,
        correctness: 0,
        outcome: 0,
        responsiveness: 100,
    };
    let r = take(lib(), &edited, Vec::new(), Policy::Worst);
    let checked = verify_result(lib(), r);
    // Replay alone cannot see it: the scores are those of the choices, under the edited set.
    assert_eq!(checked.verdict, Verdict::Verified);
    assert!(checked.summary.passed, "the edited set passes everyone");
    // The trainer's stored sets can.
    let row = Row::of(
        0,
        &checked,
        lib(),
        std::slice::from_ref(&issued),
        1_700_000_700_000.0,
    );
    assert_eq!(
        row.set_match,
        SetMatch::Changed(vec!["pass mark".into(), "score weights".into()])
    );
    assert!(!row.trusted());
    assert_eq!(row.cell(Column::Result), "—");
    assert_eq!(
        row.cell(Column::SetStatus),
        "Set changed: pass mark, score weights"
    );
    let csv = to_csv(std::slice::from_ref(&row));
    assert!(!csv.contains("Pass"), "{csv}");
    // Seed, difficulty, calls and focus edits are named too.
    let mut other = issued.clone();
    other.seed += 1;
    other.difficulty = 5;
    other.calls = Calls::Random { count: 1 };
    other.focus = vec![composure_core::content::Kind::Insult];
    assert_eq!(
        match_set(lib(), std::slice::from_ref(&issued), &other),
        SetMatch::Changed(vec![
            "calls".into(),
            "difficulty".into(),
            "seed".into(),
            "focus".into()
        ])
    );
    // The honest run of the issued set: as issued, and its pass or fail is shown.
    let honest = verify_result(lib(), take(lib(), &issued, Vec::new(), Policy::Best));
    let row = Row::of(
        0,
        &honest,
        lib(),
        std::slice::from_ref(&issued),
        1_700_000_700_000.0,
    );
    assert_eq!(row.set_match, SetMatch::AsIssued);
    assert_eq!(row.cell(Column::Result), "Pass");
    // A set this trainer never issued (or whose id was edited) is unknown, never a pass.
    let row = Row::of(0, &honest, lib(), &[], 1_700_000_700_000.0);
    assert_eq!(row.set_match, SetMatch::Unknown);
    assert_eq!(row.cell(Column::Result), "—");
}

#[test]
fn a_set_keeps_its_id_through_links_and_files_and_its_digest_ignores_the_name() {
    let set = assessment_set(7, 3);
    let via_link = SetFile::from_link(
        &SetFile::new(set.clone(), Vec::new())
            .link_payload()
            .expect("link"),
    )
    .expect("link");
    let via_file =
        SetFile::from_json(&SetFile::new(set.clone(), Vec::new()).to_json()).expect("file");
    assert_eq!(via_link.set.id, set.id);
    assert_eq!(via_file.set.id, set.id);
    let mut renamed = set.clone();
    renamed.name = "Renamed".into();
    assert_eq!(renamed.digest("c"), set.digest("c"));
    assert_ne!(set.digest("c"), set.digest("other content"));
    assert_eq!(
        match_set(lib(), std::slice::from_ref(&set), &renamed),
        SetMatch::AsIssued
    );
    // The form gives a new set an id that records its mode, and keeps it through edits.
    let form = SetForm::new(Some(lib().campaigns[0].id.to_string()), 99);
    let mut named = form.clone();
    named.name = "Week 3".into();
    let built = named.to_set(lib()).expect("valid");
    assert!(
        built.id.starts_with("a-") && built.id.len() > 10,
        "{}",
        built.id
    );
    let again = SetForm::from_set(&built).to_set(lib()).expect("valid");
    assert_eq!(again.id, built.id);
    let mut practice = SetForm::from_set(&built);
    practice.mode = "practice".into();
    let p = practice.to_set(lib()).expect("valid");
    assert_eq!(p.id, format!("p-{}", &built.id[2..]));
}

#[test]
fn defect_2_rehearsing_the_link_does_not_predict_the_assessment() {
    let set = assessment_set(42, 3);
    // The rehearsal: the link's set switched to practice...
    let mut rehearsal = set.clone();
    rehearsal.mode = Mode::Practice;
    assert!(
        practice_allowed(&rehearsal).is_err(),
        "an assessment id refuses practice"
    );
    assert!(practice_allowed(&set).is_err());
    let mut open = set.clone();
    open.practice_open = true;
    assert!(practice_allowed(&open).is_ok());
    // ...and even if the id is edited, the practice calls are not the attempt's calls.
    let practised: Vec<String> = (0..set.len())
        .map(|i| {
            let call = Call::start(lib(), &rehearsal, i).expect("start");
            serde_json::to_string(call.events()).expect("json")
        })
        .collect();
    let a = take_salted(lib(), &set, Vec::new(), Policy::Best, 1);
    let b = take_salted(lib(), &set, Vec::new(), Policy::Best, 2);
    let (ta, tb) = (transcripts(lib(), &a), transcripts(lib(), &b));
    for i in 0..set.len() as usize {
        assert!(
            !ta[i].starts_with(&practised[i][..60]),
            "call {i} was predictable"
        );
        assert_ne!(ta[i], tb[i], "two attempts had the same call {i}");
    }
    // Yet every candidate meets the same campaign, archetype and difficulty at each call.
    let ids: Vec<composure_core::content::Text> = lib()
        .customers
        .archetypes
        .iter()
        .map(|a| a.id.clone())
        .collect();
    for i in 0..set.len() {
        let (x, y) = (
            set.spec_salted(i, Some(1), &ids).expect("spec"),
            set.spec_salted(i, Some(2), &ids).expect("spec"),
        );
        assert_eq!(
            (&x.campaign, &x.archetype, x.difficulty),
            (&y.campaign, &y.archetype, y.difficulty)
        );
        assert!(x.archetype.is_some());
        assert_ne!(x.seed, y.seed);
    }
    // Both attempts verify, and a call moved from one attempt into the other does not.
    assert_eq!(verify_result(lib(), a.clone()).verdict, Verdict::Verified);
    let mut mixed = a.clone();
    mixed.calls[1] = b.calls[1].clone();
    let v = verify_result(lib(), mixed).verdict;
    assert!(
        matches!(&v, Verdict::NotVerified(m) if m.contains("another attempt")),
        "{v:?}"
    );
}

#[test]
fn defect_3_what_cannot_be_proven_is_flagged_not_hidden() {
    let set = assessment_set(43, 3);
    let r = take(lib(), &set, Vec::new(), Policy::Best);
    let now = 1_700_000_700_000.0;
    let made = set.created_ms;
    let cases: Vec<(&str, f64, f64, Vec<&str>)> = vec![
        ("honest", r.started_at_ms, r.finished_at_ms, vec![]),
        (
            "finished before it started",
            r.finished_at_ms,
            r.started_at_ms,
            vec!["finished before it started"],
        ),
        (
            "a clock set to 1999",
            915_148_800_000.0,
            r.finished_at_ms,
            vec![
                "started before the set was made",
                "dated more than 30 days before the import",
            ],
        ),
        (
            "from the future",
            now + 86_400_000.0,
            now + 90_000_000.0,
            vec!["dated after it was imported"],
        ),
    ];
    for (name, started, finished, want) in cases {
        let mut f = r.clone();
        f.started_at_ms = started;
        f.finished_at_ms = finished;
        assert_eq!(clock_flags(&f, made, now), want, "{name}");
    }
    // The flags and the counts are columns of the table and the CSV.
    let mut f = r.clone();
    f.finished_at_ms = f.started_at_ms - 1.0;
    f.reloads = 2;
    let checked = verify_result(lib(), f);
    assert!(matches!(&checked.verdict, Verdict::NotVerified(m) if m.contains("tamper check")));
    let row = Row::of(0, &checked, lib(), std::slice::from_ref(&set), now);
    assert_eq!(row.cell(Column::Clock), "finished before it started");
    assert_eq!(row.cell(Column::Reloads), "2");
    assert_eq!(row.cell(Column::Result), "—");
    let csv = to_csv(&[row]);
    assert!(csv.starts_with("Candidate,Set,Date,Overall,Composure,Correctness,Outcome,Responsiveness,Result,Verified,Set check,Tab leaves,Reloads,Clock\r\n"), "{csv}");
}

#[test]
fn smaller_items_of_the_probe() {
    // Names are limited in length, and bidirectional controls cannot disguise them.
    let long = "x".repeat(100_000);
    let a = Attempt::new(
        SetFile::new(assessment_set(1, 3), Vec::new()),
        long.clone(),
        0.0,
        1,
    );
    assert_eq!(
        a.candidate.chars().count(),
        composure_core::sim::MAX_NAME_CHARS
    );
    assert_eq!(
        display_name(&long).chars().count(),
        composure_core::sim::MAX_NAME_CHARS + 1
    );
    assert_eq!(display_name("\u{202e}gnp.exe"), "gnp.exe");
    assert_eq!(
        display_name("Ada\u{2066} Lovelace\u{2069}\n"),
        "Ada Lovelace"
    );
    let mut long_set = assessment_set(1, 3);
    long_set.name = long;
    assert!(long_set.check().is_err());
    // A reload is counted, and returns the offer's start only while a call is under way.
    let mut r = a.clone();
    r.offer_at_ms = Some(5.0);
    assert_eq!(r.resumed(), None);
    r.current = take(lib(), &assessment_set(4, 3), Vec::new(), Policy::Best)
        .calls
        .first()
        .cloned();
    assert_eq!(r.resumed(), Some(5.0));
    assert_eq!(r.reloads, 2);
    // An attempt saved by a newer version is refused, not used.
    let json = serde_json::to_string(&a).expect("json");
    assert!(Attempt::from_json(&json).is_ok());
    let future = json.replacen("\"schema\":1", "\"schema\":7", 1);
    assert_eq!(
        Attempt::from_json(&future),
        Err(ImportError::FutureSchema(7))
    );
    // A set too large for a link is not said to use an imported pack.
    let small = SetFile::new(assessment_set(3, 3), Vec::new());
    assert_eq!(no_link_reason(&small), None);
    let mut big = assessment_set(3, 3);
    big.campaigns = (0..400)
        .map(|i| format!("campaign-number-{i:04}"))
        .collect();
    let reason = no_link_reason(&SetFile::new(big, Vec::new())).expect("no link");
    assert!(reason.contains("too large for a link"), "{reason}");
    let packs = vec![PackSource {
        file: "p.toml".into(),
        source: "x".into(),
    }];
    let reason = no_link_reason(&SetFile::new(assessment_set(3, 3), packs)).expect("no link");
    assert!(reason.contains("imported pack"), "{reason}");
    // The article is right.
    let r = take(lib(), &assessment_set(2, 3), Vec::new(), Policy::Best);
    let e = SetFile::from_json(&r.to_json()).expect_err("not a set");
    assert_eq!(
        e.to_string(),
        "it is an assessment result file, not a persona set"
    );
}
