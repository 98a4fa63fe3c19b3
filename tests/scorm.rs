//! SCORM 1.2, natively: the package's file list and manifest, the attempt in `cmi.suspend_data`
//! (round trip, the largest set that fits, refusals), interactions, times and status, for
//! assessment and practice sets.

use composure_core::content::content_hash;
use composure_core::exchange::scorm::*;
use composure_core::exchange::{Attempt, SetFile};
use composure_core::sim::{Call, CallRecord, Choice, Mode, Policy, Stream, MAX_TURNS};
mod common;
use common::{assessment_set, lib};
use composure_core::sim::PersonaSet;

fn record(call: &Call) -> CallRecord {
    CallRecord::of(call, content_hash(call.campaign(), &lib().customers)).expect("record")
}

/// An attempt of `count` calls with `played` finished by `policy` and, when `partial`, the next
/// one under way after two replies.
fn attempt(seed: u64, count: u32, played: u32, policy: Policy, partial: bool) -> Attempt {
    attempt_of(assessment_set(seed, count), played, policy, partial)
}

/// The set of `seed` as a trainer's practice set that allows hints.
fn practice_set(seed: u64, count: u32) -> PersonaSet {
    let mut set = assessment_set(seed, count);
    set.mode = Mode::Practice;
    set.hints = true;
    set
}

/// [`attempt`] of any set; when the set allows hints, every other reply is made after its hint.
fn attempt_of(set: PersonaSet, played: u32, policy: Policy, partial: bool) -> Attempt {
    let (seed, count, hints) = (set.seed, set.len(), set.hints);
    let f = SetFile::new(set, Vec::new());
    let mut a = Attempt::new(f, "Ada Lovelace".into(), 1_700_000_000_123.0, seed ^ 0x5eed);
    let mut rng = Stream::new(seed, 3);
    let mut replies = 0;
    let mut reply = |call: &mut Call, rng: &mut Stream| {
        let mut c = policy.choose(call, rng);
        c.hint = hints && replies % 2 == 0;
        replies += 1;
        call.apply(c).expect("apply");
    };
    for i in 0..played {
        let mut call = a.start_call(lib(), i).expect("start");
        while !call.is_over() {
            reply(&mut call, &mut rng);
        }
        a.done.push(record(&call));
    }
    if partial && played < count {
        let mut call = a.start_call(lib(), played).expect("start");
        for _ in 0..2 {
            if !call.is_over() {
                reply(&mut call, &mut rng);
            }
        }
        a.current = Some(record(&call));
        a.offer_at_ms = Some(1_700_000_050_000.0);
    }
    a.tab_leaves = 3;
    a.reloads = 1;
    a
}

#[test]
fn an_attempt_survives_the_suspend_data_exactly() {
    let cases = [
        (1, 3, 0, Policy::Best, false),
        (2, 3, 1, Policy::Random, true),
        (3, 5, 2, Policy::Worst, true),
        (4, 4, 4, Policy::Mirror, false),
        (5, 10, 6, Policy::Random, true),
    ];
    let practice = cases.map(|(seed, count, played, policy, partial)| {
        attempt_of(practice_set(seed, count), played, policy, partial)
    });
    assert!(
        practice.iter().any(|a| a
            .done
            .iter()
            .chain(a.current.iter())
            .any(|r| r.choices.iter().any(|c| c.hint))),
        "practice attempts use hints"
    );
    let assessments = cases.map(|(seed, count, played, policy, partial)| {
        attempt(seed, count, played, policy, partial)
    });
    for mut a in assessments.into_iter().chain(practice) {
        let (seed, count, played) = (a.set.set.seed, a.set.set.len(), a.done.len() as u32);
        if played == count {
            a.finished_at_ms = Some(1_700_000_999_000.0);
        }
        let text = encode_suspend(&a).expect("encodes");
        assert!(text.len() <= SUSPEND_LIMIT, "{seed}: {} chars", text.len());
        assert!(
            text.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c)),
            "{text}"
        );
        let back = decode_suspend(lib(), &text, &a.set, "Ada Lovelace").expect("decodes");
        assert_eq!(back, a, "case {seed}: {text}");
    }
}

#[test]
fn the_suspend_data_of_a_ten_call_assessment_is_small() {
    let a = attempt(9, 10, 10, Policy::Random, false);
    let text = encode_suspend(&a).expect("encodes");
    let replies = replies_of(&a);
    println!("10 calls, {replies} replies: {} characters", text.len());
    assert!(text.len() < 1000, "{} characters", text.len());
}

/// The worst a call can be: every turn used, every reply at the longest time a choice holds.
fn worst_attempt(count: u32) -> Attempt {
    worst_attempt_of(assessment_set(7, count))
}

/// [`worst_attempt`] of any set: with a hint on every reply when the set allows hints.
fn worst_attempt_of(set: PersonaSet) -> Attempt {
    let (count, hints) = (set.len(), set.hints);
    let f = SetFile::new(set, Vec::new());
    let mut a = Attempt::new(f, "x".into(), 32_503_680_000_000.0, u64::MAX);
    let mut worst = Choice::line(14, u32::MAX);
    worst.hint = hints;
    let template = record(&a.start_call(lib(), 0).expect("start"));
    for _ in 0..count {
        let mut r = template.clone();
        r.choices = vec![worst; MAX_TURNS as usize];
        a.done.push(r);
    }
    a.finished_at_ms = Some(32_503_680_000_000.0);
    a.offer_at_ms = Some(32_503_680_000_000.0);
    a.tab_leaves = u32::MAX;
    a.reloads = u32::MAX;
    a
}

#[test]
fn the_largest_set_a_package_allows_always_fits_and_one_more_call_is_refused() {
    let max = max_package_calls();
    println!("a package holds at most {max} calls");
    assert!(
        max >= 10,
        "a package should hold a usual assessment, not only {max} calls"
    );
    let worst = worst_attempt(max);
    let text = encode_suspend(&worst).expect("the largest allowed attempt fits");
    assert!(text.len() <= SUSPEND_LIMIT);
    assert!(
        text.len() <= max_suspend_chars(&worst.set.set),
        "the bound holds"
    );
    assert_eq!(check_package(&worst.set.set), Ok(()));

    let over = worst_attempt(max + 1);
    assert!(max_suspend_chars(&over.set.set) > SUSPEND_LIMIT);
    let refused = check_package(&over.set.set).expect_err("refused");
    assert!(
        refused.contains(&format!("at most {max} calls")),
        "{refused}"
    );
    let too_long = encode_suspend(&over).expect_err("too long to save");
    assert!(too_long.contains("more than its 4096"), "{too_long}");

    // A practice set is packaged within the same limit, a hint on every reply included.
    let practice = worst_attempt_of(practice_set(7, max));
    let text = encode_suspend(&practice).expect("the largest practice attempt fits");
    println!(
        "the largest practice attempt, a hint on every reply: {} characters",
        text.len()
    );
    assert!(text.len() <= SUSPEND_LIMIT);
    assert!(text.len() <= max_suspend_chars(&practice.set.set));
    assert_eq!(check_package(&practice.set.set), Ok(()));
    let refused = check_package(&practice_set(7, max + 1)).expect_err("one call more");
    assert!(
        refused.contains(&format!("at most {max} calls")),
        "{refused}"
    );
}

#[test]
fn suspend_data_that_cannot_be_resumed_is_refused_in_words() {
    let a = attempt(2, 3, 1, Policy::Random, true);
    let good = encode_suspend(&a).expect("encodes");
    let other_set = SetFile::new(assessment_set(99, 3), Vec::new());
    let cases: Vec<(String, &SetFile, &str)> = vec![
        ("".into(), &a.set, "another version"),
        (format!("C9{}", &good[2..]), &a.set, "another version"),
        (good[..good.len() - 3].into(), &a.set, "cut short"),
        (format!("{good}0"), &a.set, "more than an attempt"),
        (
            format!("C1!{}", &good[3..]),
            &a.set,
            "character it never writes",
        ),
        (good.clone(), &other_set, "another set"),
        ("C1zzzzzzzzzzzzzzzzzzzzzzzz".into(), &a.set, "too large"),
    ];
    for (text, set, want) in cases {
        let e = decode_suspend(lib(), &text, set, "Ada").expect_err(&text);
        assert!(e.contains(want), "{text:?}: {e}");
    }
    // A reply the call cannot take (a line that was never offered) is refused at its call.
    let mut bad = a.clone();
    if let Some(c) = bad.current.as_mut() {
        c.choices[0] = Choice::line(13, 900);
    }
    let text = encode_suspend(&bad).expect("encodes");
    let e = decode_suspend(lib(), &text, &a.set, "Ada").expect_err("bad pick");
    assert!(e.contains("call 2 cannot be replayed"), "{e}");
    // Hints never happen in an assessment, and are not silently dropped.
    let mut hinted = a;
    hinted.done[0].choices[0].hint = true;
    assert!(encode_suspend(&hinted).expect_err("hint").contains("hint"));
}

const LAUNCH: &str = r#"<!doctype html><html><head>
<meta name="composure-package" content="scorm12" />
<link rel="icon" href="./favicon.svg" type="image/svg+xml" />
<link rel="stylesheet" href="./style-1a2b.css" integrity="sha384-x"/>
<link rel="modulepreload" href="./composure-app-99.js" crossorigin=anonymous>
<link rel="preload" href="./composure-app-99_bg.wasm" as="fetch">
<link rel="preload" href="./packs/index.json" as="fetch" crossorigin />
<script type="module">import init, * as b from './composure-app-99.js';
const wasm = await init({ module_or_path: './composure-app-99_bg.wasm' });</script>
<a href="./not a file.js">x</a> <a href="./page">y</a> <img src="https://x.org/./a.svg">
</head></html>"#;

#[test]
fn a_package_holds_the_launch_page_and_every_file_it_names_once() {
    let files = package_files(LAUNCH).expect("files");
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "index.html",
            "favicon.svg",
            "style-1a2b.css",
            "composure-app-99.js",
            "composure-app-99_bg.wasm",
            "packs/index.json"
        ]
    );
    assert_eq!(files[0].url, "/scorm-launch.html");
    assert_eq!(files[3].url, "/composure-app-99.js");

    let refusals = [
        (
            LAUNCH.replace("composure-package", "x"),
            "not in this build",
        ),
        (LAUNCH.replace("_bg.wasm", "_bg.bin"), "no WebAssembly"),
        (
            LAUNCH.replace("./favicon.svg", "./../favicon.svg"),
            "unsafe path",
        ),
        (
            LAUNCH.replace("./favicon.svg", "./a//favicon.svg"),
            "unsafe path",
        ),
    ];
    for (html, want) in refusals {
        let e = package_files(&html).expect_err(want);
        assert!(e.contains(want), "{e}");
    }
}

/// The content catalog the launch page names brings every campaign's data file into the
/// package; a catalog naming a path outside the package is refused.
#[test]
fn a_package_holds_every_campaign_the_catalog_names() {
    let (files, _) = common::compiled();
    let (catalog_path, catalog) = &files[0];
    assert_eq!(catalog_path, "packs/index.json");
    let packs = catalog_files(catalog).expect("the catalog's files");
    let want: Vec<&str> = files[1..].iter().map(|(p, _)| p.as_str()).collect();
    let got: Vec<&str> = packs.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(got, want);
    assert!(packs.iter().all(|f| f.url == format!("/{}", f.path)));

    let hostile = catalog.replacen(&format!("\"{}\"", want[0]), "\"../../etc/passwd\"", 1);
    let e = catalog_files(&hostile).expect_err("a path outside the package");
    assert!(e.contains("unsafe path"), "{e}");
    let e = catalog_files("<html>").expect_err("not a catalog");
    assert!(e.contains("damaged"), "{e}");
}

#[test]
fn the_manifest_is_scorm_1_2_with_one_sco_naming_every_file_and_escaping_everything() {
    let mut set = assessment_set(4, 3);
    set.name = "Calls <&> \"quoted\" 'single'\u{1}".into();
    set.id = "a-12 34".into();
    let files = vec!["index.html".to_string(), "set.json".into(), "a&b.js".into()];
    let xml = manifest(&set, &files);
    for want in [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "identifier=\"composure-a-12-34\"",
        "<schemaversion>1.2</schemaversion>",
        "adlcp:scormtype=\"sco\" href=\"index.html\"",
        "<title>Calls &lt;&amp;&gt; &quot;quoted&quot; &apos;single&apos;</title>",
        "<adlcp:masteryscore>60</adlcp:masteryscore>",
        "<file href=\"index.html\"/>",
        "<file href=\"set.json\"/>",
        "<file href=\"a&amp;b.js\"/>",
    ] {
        assert!(xml.contains(want), "missing {want} in\n{xml}");
    }
    assert!(!xml.contains('\u{1}'));
    assert_eq!(xml.matches("<resource ").count(), 1);
    assert_eq!(xml.matches("<file ").count(), files.len());
    set.mode = Mode::Practice;
    assert!(!manifest(&set, &files).contains("masteryscore"));
}

#[test]
fn times_are_scorm_1_2_timespans() {
    let cases = [
        (0.0, "00:00:00.00"),
        (1_234.0, "00:00:01.23"),
        (59_999.0, "00:00:59.99"),
        (12.0 * 3_600_000.0 + 61_990.0, "12:01:01.99"),
        (100.0 * 3_600_000.0, "100:00:00.00"),
        (f64::NAN, "00:00:00.00"),
        (-5.0, "00:00:00.00"),
        (1e15, "9999:59:59.99"),
    ];
    for (ms, want) in cases {
        assert_eq!(timespan(ms), want, "{ms}");
    }
}

#[test]
fn lesson_status_follows_the_mode_and_the_end() {
    let cases = [
        (Mode::Assessment, false, false, "incomplete"),
        (Mode::Assessment, false, true, "incomplete"),
        (Mode::Assessment, true, true, "passed"),
        (Mode::Assessment, true, false, "failed"),
        (Mode::Practice, false, true, "incomplete"),
        (Mode::Practice, true, false, "completed"),
    ];
    for (mode, finished, passed, want) in cases {
        assert_eq!(lesson_status(mode, finished, passed), want);
    }
}

#[test]
fn every_reply_is_one_choice_interaction_with_its_result_and_latency() {
    for (seed, policy) in [
        (11, Policy::Best),
        (12, Policy::Worst),
        (13, Policy::Random),
    ] {
        let a = attempt(seed, 3, 2, policy, true);
        let list = interactions(lib(), &a).expect("interactions");
        assert_eq!(list.len(), replies_of(&a));
        let choices: Vec<Choice> = a
            .done
            .iter()
            .chain(a.current.iter())
            .flat_map(|r| r.choices.clone())
            .collect();
        for (it, ch) in list.iter().zip(&choices) {
            assert_eq!(it.latency, timespan(f64::from(ch.ms)));
            let want = ch.pick.map(|p| ((b'a' + p) as char).to_string());
            assert_eq!(Some(it.response.clone()).filter(|r| !r.is_empty()), want);
            assert!(["correct", "wrong", "neutral"].contains(&it.result));
        }
        assert!(list[0].id == "call1-reply1" && list.iter().any(|i| i.id == "call3-reply1"));
        let correct = list.iter().filter(|i| i.result == "correct").count();
        let wrong = list.iter().filter(|i| i.result == "wrong").count();
        match policy {
            Policy::Best => assert!(correct * 2 > list.len(), "{list:?}"),
            Policy::Worst => assert_eq!(wrong, list.len(), "{list:?}"),
            _ => {}
        }
    }
}

fn value<'a>(u: &'a Update, key: &str) -> Option<&'a str> {
    u.values
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn updates_report_new_replies_once_then_the_score_status_and_suspend_data() {
    let a = attempt(21, 2, 1, Policy::Best, true);
    let all = replies_of(&a);
    // At launch nothing was reported: every reply, numbered from the platform's count.
    let u = updates(lib(), &a, 0, 5, 65_250.0);
    assert_eq!(u.reported, all);
    assert_eq!(u.problem, None);
    assert!(!u.finished);
    assert_eq!(value(&u, "cmi.interactions.5.id"), Some("call1-reply1"));
    assert_eq!(value(&u, "cmi.interactions.5.type"), Some("choice"));
    assert!(value(&u, &format!("cmi.interactions.{}.id", 5 + all - 1)).is_some());
    assert!(value(&u, &format!("cmi.interactions.{}.id", 5 + all)).is_none());
    assert_eq!(value(&u, "cmi.core.lesson_status"), Some("incomplete"));
    assert_eq!(value(&u, "cmi.core.session_time"), Some("00:01:05.25"));
    assert_eq!(value(&u, "cmi.core.exit"), Some("suspend"));
    assert_eq!(value(&u, "cmi.core.score.max"), Some("100"));
    let suspend = value(&u, "cmi.suspend_data").expect("suspend data");
    assert_eq!(
        decode_suspend(lib(), suspend, &a.set, "Ada Lovelace"),
        Ok(a.clone())
    );
    // After a reply: only that reply, at the next free index.
    let u2 = updates(lib(), &a, all - 1, 9, 0.0);
    let ids: Vec<&str> = u2
        .values
        .iter()
        .filter(|(k, _)| k.ends_with(".id"))
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(ids, ["cmi.interactions.9.id"]);

    // The end: passed or failed by the set's pass mark, and nothing left to resume.
    for (policy, status) in [(Policy::Best, "passed"), (Policy::Worst, "failed")] {
        let mut done = attempt(22, 2, 2, policy, false);
        done.finished_at_ms = Some(1_700_000_900_000.0);
        let u = updates(lib(), &done, replies_of(&done), 0, 1_000.0);
        assert!(u.finished);
        assert_eq!(value(&u, "cmi.core.lesson_status"), Some(status));
        assert_eq!(value(&u, "cmi.core.exit"), Some(""));
        let raw: u8 = value(&u, "cmi.core.score.raw")
            .expect("raw")
            .parse()
            .expect("number");
        let mean = done
            .done
            .iter()
            .map(|r| u32::from(r.claimed.expect("scores").overall))
            .sum::<u32>() as f64
            / 2.0;
        assert!((f64::from(raw) - mean).abs() <= 0.5, "{raw} vs {mean}");
    }
}

#[test]
fn a_practice_attempt_is_incomplete_until_its_last_call_then_completed() {
    // (calls played of 3, finished): the status, and whether the score is reported yet.
    let cases = [
        (0, false, "incomplete", false),
        (1, false, "incomplete", true),
        (2, false, "incomplete", true),
        (3, true, "completed", true),
    ];
    // The best and the worst player: above and below the pass mark, never passed or failed.
    for policy in [Policy::Best, Policy::Worst] {
        for (played, finished, status, scored) in cases {
            let mut a = attempt_of(practice_set(31, 3), played, policy, !finished);
            if finished {
                a.finished_at_ms = Some(1_700_000_900_000.0);
            }
            let u = updates(lib(), &a, 0, 0, 2_000.0);
            let case = format!("{policy:?}, {played} played");
            assert_eq!(u.problem, None, "{case}");
            assert_eq!(u.finished, finished, "{case}");
            assert_eq!(value(&u, "cmi.core.lesson_status"), Some(status), "{case}");
            assert_eq!(value(&u, "cmi.core.score.raw").is_some(), scored, "{case}");
            // Everything else as for an assessment: one interaction per reply, the suspend
            // data that resumes it exactly, the exit.
            let ids = u.values.iter().filter(|(k, _)| k.ends_with(".id")).count();
            assert_eq!(ids, replies_of(&a), "{case}");
            let suspend = value(&u, "cmi.suspend_data").expect("suspend data");
            assert_eq!(
                decode_suspend(lib(), suspend, &a.set, "Ada Lovelace"),
                Ok(a.clone()),
                "{case}"
            );
            let exit = if finished { "" } else { "suspend" };
            assert_eq!(value(&u, "cmi.core.exit"), Some(exit), "{case}");
        }
    }
}
