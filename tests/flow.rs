//! The practice and assessment flows, natively: every stage change a trainee or candidate can
//! cause, restore after a reload, and what each stage asks the store to keep.

use composure_core::content::Library;
use composure_core::exchange::{Attempt, ImportError, SetFile};
use composure_core::flow::*;
use composure_core::sim::{Call, Calls, Choice, Mode, PersonaSet, Policy, Stream};
mod common;
use common::{assessment_set, lib};

/// Plays `call` to its end with `policy`.
fn play_out(call: &mut Call, policy: Policy, seed: u64) {
    let mut rng = Stream::new(seed, 7);
    while !call.is_over() {
        let c = policy.choose(call, &mut rng);
        call.apply(c).expect("apply");
    }
}

fn practice_set(seed: u64) -> PersonaSet {
    let c = lib().campaigns[1].id.to_string();
    PersonaSet::practice(&c, None, 2, true, None, seed)
}

/// A started practice flow with its call.
fn started(flow: &mut PracticeFlow, set: &PersonaSet, index: u32) -> Call {
    let call = Call::start(lib(), set, index).expect("start");
    flow.started(lib(), &call, 1_000.0, true, false);
    call
}

#[test]
fn a_practice_call_goes_setup_call_review_and_next_starts_afresh() {
    let mut flow = PracticeFlow::new();
    assert_eq!(flow.stage(), Stage::Setup);
    assert_eq!(
        flow.persist(),
        Persist::Keep,
        "a fresh page keeps what is stored"
    );
    flow.begin_single();
    let mut call = started(&mut flow, &practice_set(5), 0);
    assert_eq!(flow.stage(), Stage::Call);
    let Persist::Write(saved) = flow.persist() else {
        panic!("a started call is saved")
    };
    assert_eq!(saved.stage, Stage::Call);
    assert_eq!(saved.offer_at_ms, Some(1_000.0));
    // A reply that does not end the call: still the call, record updated.
    let mut rng = Stream::new(1, 7);
    let c = Policy::Best.choose(&call, &mut rng);
    call.apply(c).expect("apply");
    assert!(!flow.progressed(lib(), &call, 2_000.0, false));
    let Persist::Write(saved) = flow.persist() else {
        panic!("saved")
    };
    assert_eq!(saved.record.choices.len(), 1);
    assert_eq!(saved.offer_at_ms, Some(2_000.0));
    play_out(&mut call, Policy::Best, 2);
    // Over but not yet all shown: not finished.
    assert!(!flow.progressed(lib(), &call, 3_000.0, false));
    assert_eq!(flow.stage(), Stage::Call);
    assert!(
        flow.progressed(lib(), &call, 3_000.0, true),
        "finished once"
    );
    assert!(
        !flow.progressed(lib(), &call, 3_000.0, true),
        "and only once"
    );
    assert_eq!(flow.stage(), Stage::Review);
    assert!(flow.shift().is_none());
    assert!(!flow.last_of_shift());
    assert_eq!(flow.retry(), call.origin().cloned());
    assert_eq!(flow.advance(), Next::NewCall);
}

#[test]
fn a_trainer_set_of_several_calls_goes_on_to_its_next_call() {
    let mut set = practice_set(9);
    set.calls = Calls::Random { count: 3 };
    let mut flow = PracticeFlow::new();
    let mut call = started(&mut flow, &set, 0);
    play_out(&mut call, Policy::Best, 3);
    assert!(flow.progressed(lib(), &call, 1.0, true));
    assert_eq!(flow.advance(), Next::Start(set.clone(), 1));
    let mut call = started(&mut flow, &set, 2);
    play_out(&mut call, Policy::Random, 3);
    assert!(flow.progressed(lib(), &call, 1.0, true));
    assert_eq!(
        flow.advance(),
        Next::NewCall,
        "after the last call of the set"
    );
}

#[test]
fn a_shift_counts_every_call_and_ends_in_its_summary() {
    let mut set = practice_set(21);
    set.calls = Calls::Random { count: 3 };
    let mut flow = PracticeFlow::new();
    flow.begin_shift(2);
    let policies = [Policy::Best, Policy::Worst, Policy::Best];
    for (i, policy) in policies.into_iter().enumerate() {
        let mut call = started(&mut flow, &set, i as u32);
        play_out(&mut call, policy, i as u64);
        assert!(flow.progressed(lib(), &call, 1.0, true));
        let shift = flow.shift().expect("shift");
        assert_eq!(shift.results.len(), i + 1);
        assert_eq!(shift.tally.calls() as usize, i + 1, "tally matches results");
        assert_eq!(
            shift.results[i].ending,
            call.report().expect("report").ending
        );
        assert_eq!(flow.last_of_shift(), i == 2);
        assert_eq!(flow.retry(), None, "no retries in a shift");
        let next = flow.advance();
        if i < 2 {
            assert_eq!(next, Next::Start(set.clone(), i as u32 + 1));
        } else {
            assert_eq!(next, Next::Summary);
            assert_eq!(flow.stage(), Stage::Summary);
        }
    }
    let shift = flow.shift().expect("shift");
    assert_eq!(shift.plan, 2);
    assert!(shift.tally.successes >= 1, "{:?}", shift.tally);
    let Persist::Write(saved) = flow.persist() else {
        panic!("the summary is kept across a reload")
    };
    assert_eq!(saved.stage, Stage::Summary);
}

#[test]
fn back_to_practice_forgets_the_call_and_only_then() {
    let mut flow = PracticeFlow::new();
    flow.set_focus(vec![composure_core::content::Kind::Objection]);
    let _call = started(&mut flow, &practice_set(3), 0);
    flow.back();
    assert_eq!(flow.stage(), Stage::Setup);
    assert!(flow.focus().is_empty());
    assert!(flow.shift().is_none());
    assert_eq!(flow.persist(), Persist::Clear);
    // A new call after that is saved again.
    let _call = started(&mut flow, &practice_set(4), 0);
    assert!(matches!(flow.persist(), Persist::Write(_)));
}

/// What a reload does: the saved form through JSON, then restore.
fn reload(flow: &PracticeFlow, lib: &Library) -> Result<(PracticeFlow, Call), RestoreError> {
    let Persist::Write(saved) = flow.persist() else {
        panic!("nothing saved")
    };
    let text = serde_json::to_string(&saved).expect("json");
    let back: Saved = serde_json::from_str(&text).expect("parse");
    PracticeFlow::restore(lib, &back)
}

#[test]
fn a_reload_restores_the_same_stage_turn_shift_and_deadline() {
    let mut set = practice_set(33);
    set.calls = Calls::Random { count: 2 };
    let mut flow = PracticeFlow::new();
    flow.begin_shift(1);
    // Mid-call.
    let mut call = started(&mut flow, &set, 0);
    let mut rng = Stream::new(2, 7);
    for _ in 0..2 {
        if call.is_over() {
            break;
        }
        let c = Policy::Best.choose(&call, &mut rng);
        call.apply(c).expect("apply");
    }
    flow.progressed(lib(), &call, 4_321.0, false);
    let (mut restored, again) = reload(&flow, lib()).expect("restore");
    // A call under way comes back paused: the trainee resumes it or ends it.
    assert_eq!(restored.stage(), Stage::Paused);
    assert_eq!(again.events(), call.events());
    assert_eq!(
        restored.persist(),
        flow.persist(),
        "a paused call is stored as the call"
    );
    restored.resume();
    assert_eq!(restored, flow);
    // In review.
    play_out(&mut call, Policy::Best, 5);
    flow.progressed(lib(), &call, 5_000.0, true);
    let (mut restored, _) = reload(&flow, lib()).expect("restore");
    assert_eq!(restored.stage(), Stage::Review);
    assert_eq!(restored.shift(), flow.shift());
    assert_eq!(restored.advance(), Next::Start(set.clone(), 1));
}

#[test]
fn a_saved_call_that_cannot_be_restored_says_why_and_is_never_cleared() {
    let mut flow = PracticeFlow::new();
    let _call = started(&mut flow, &practice_set(8), 0);
    let Persist::Write(saved) = flow.persist() else {
        panic!("saved")
    };
    let mut newer = saved.clone();
    newer.schema = SAVED_SCHEMA + 1;
    let mut changed = saved.clone();
    changed.record.content_hash = "0000000000000000".into();
    let mut damaged = saved.clone();
    damaged
        .record
        .choices
        .push(composure_core::sim::Choice::line(9, 1_000));
    let cases = [
        ("newer", newer),
        ("content changed", changed),
        ("damaged", damaged),
    ];
    for (name, s) in cases {
        match PracticeFlow::restore(lib(), &s) {
            Err(e) => assert!(!e.to_string().is_empty(), "{name}"),
            Ok(_) => panic!("{name}: restored"),
        }
    }
    // The page stays on setup and keeps the stored text for the store to set aside.
    assert_eq!(PracticeFlow::new().persist(), Persist::Keep);
}

fn assessment_file(seed: u64, count: u32) -> SetFile {
    SetFile::new(assessment_set(seed, count), Vec::new())
}

#[test]
fn opening_the_assessment_page_decides_from_link_stored_and_finished() {
    let f = assessment_file(1, 2);
    let other = assessment_file(2, 2);
    let running = Attempt::new(f.clone(), "Ada".into(), 1.0, 7);
    let mut done = running.clone();
    done.finished_at_ms = Some(2.0);
    let bad: Result<SetFile, ImportError> = Err(ImportError::BadLink);
    let none = |_: &str| None;
    let cases: Vec<(&str, Opening)> = vec![
        ("bad link", Opening::decide(Some(bad), None, none)),
        ("nothing", Opening::decide(None, None, none)),
        ("link", Opening::decide(Some(Ok(f.clone())), None, none)),
        (
            "link of the running attempt",
            Opening::decide(Some(Ok(f.clone())), Some(running.clone()), none),
        ),
        (
            "link of another set while one runs",
            Opening::decide(Some(Ok(other.clone())), Some(running.clone()), none),
        ),
        (
            "link of a finished set",
            Opening::decide(Some(Ok(f.clone())), None, |id: &str| {
                (id == f.set.id).then(|| done.clone())
            }),
        ),
        (
            "reload while running",
            Opening::decide(None, Some(running.clone()), none),
        ),
        (
            "reload when done",
            Opening::decide(None, Some(done.clone()), none),
        ),
    ];
    for (name, got) in cases {
        let want = match name {
            "bad link" => Opening::BadLink(ImportError::BadLink.to_string()),
            "nothing" => Opening::Nothing,
            "link" => Opening::Open(Box::new(f.clone())),
            "link of the running attempt" | "reload while running" => {
                Opening::Resume(Box::new(running.clone()))
            }
            "link of another set while one runs" => Opening::Open(Box::new(other.clone())),
            "link of a finished set" => Opening::Finished {
                attempt: Box::new(done.clone()),
                again: true,
            },
            "reload when done" => Opening::Finished {
                attempt: Box::new(done.clone()),
                again: false,
            },
            _ => unreachable!(),
        };
        assert_eq!(got, want, "case {name}");
    }
}

/// The set of `seed` as a trainer's practice set that allows hints.
fn practice_file(seed: u64, count: u32) -> SetFile {
    let mut set = assessment_set(seed, count);
    set.mode = Mode::Practice;
    set.hints = true;
    SetFile::new(set, Vec::new())
}

#[test]
fn a_practice_set_opens_in_the_assessment_flow_only_from_a_package() {
    let refused = "This set is for practice, not an assessment: open it on the Practice page.";
    let cases = [
        (
            practice_file(4, 2),
            OpenedFrom::Site,
            Err(refused.to_string()),
        ),
        (practice_file(4, 2), OpenedFrom::Package, Ok(())),
        (assessment_file(4, 2), OpenedFrom::Site, Ok(())),
        (assessment_file(4, 2), OpenedFrom::Package, Ok(())),
    ];
    for (f, from, want) in cases {
        let mode = f.set.mode;
        let mut flow = AssessmentFlow::new();
        assert_eq!(flow.intro(lib(), f, from), want, "{mode:?} from {from:?}");
        match want {
            Ok(()) => assert_eq!(flow.intro_set_id(), Some("a-0000000000000004")),
            Err(_) => assert_eq!(flow.stage(), &AssessmentStage::Empty, "nothing opened"),
        }
    }
}

#[test]
fn a_packaged_practice_set_plays_its_calls_in_order_with_its_hints() {
    let lib = lib();
    let mut flow = AssessmentFlow::new();
    flow.intro(lib, practice_file(5, 2), OpenedFrom::Package)
        .expect("intro");
    flow.begin("Ada", 10.0, 77).expect("begin");
    let mut call = flow.advance(lib, 20.0).expect("advance").expect("call 1");
    assert!(call.spec().hints, "the set's hints are on in its calls");
    let first = Choice {
        pick: Some(0),
        ms: 1_500,
        hint: true,
    };
    call.apply(first).expect("a reply after a hint");
    assert_eq!(flow.progressed(lib, &call, 30.0, false), Progressed::Saved);
    play_out(&mut call, Policy::Best, 5);
    assert_eq!(flow.progressed(lib, &call, 40.0, true), Progressed::Ready);
    assert_eq!(flow.stage(), &AssessmentStage::Ready { next: 2, of: 2 });
    let mut call = flow.advance(lib, 50.0).expect("advance").expect("call 2");
    play_out(&mut call, Policy::Worst, 5);
    assert_eq!(
        flow.progressed(lib, &call, 60.0, true),
        Progressed::Finished
    );
    assert!(flow.advance(lib, 70.0).expect("advance").is_none());
    let a = flow.finished().expect("finished");
    assert_eq!(a.done.len(), 2);
    assert_eq!(a.done[0].choices[0], first, "the hint is recorded");
    assert_eq!(a.set.set.mode, Mode::Practice);
}

#[test]
fn an_assessment_runs_its_calls_in_order_and_ends_with_a_finish_time() {
    let lib = lib();
    let mut flow = AssessmentFlow::new();
    flow.intro(lib, assessment_file(4, 2), OpenedFrom::Site)
        .expect("intro");
    assert_eq!(flow.intro_set_id(), Some("a-0000000000000004"));
    assert!(flow.begin("   ", 10.0, 99).is_err(), "a name is needed");
    flow.begin(" Ada ", 10.0, 99).expect("begin");
    assert_eq!(flow.attempt().expect("attempt").candidate, "Ada");
    assert!(
        !flow.tab_left(),
        "leaving before a call runs is not counted"
    );
    let mut call = flow.advance(lib, 20.0).expect("advance").expect("call 1");
    assert_eq!(flow.stage(), &AssessmentStage::Running);
    assert!(flow.tab_left());
    let mut rng = Stream::new(3, 7);
    let c = Policy::Best.choose(&call, &mut rng);
    call.apply(c).expect("apply");
    assert_eq!(flow.progressed(lib, &call, 30.0, false), Progressed::Saved);
    let a = flow.persist().expect("saved");
    assert_eq!(a.current.as_ref().map(|r| r.choices.len()), Some(1));
    assert_eq!(a.offer_at_ms, Some(30.0));
    play_out(&mut call, Policy::Best, 3);
    assert_eq!(flow.progressed(lib, &call, 40.0, true), Progressed::Ready);
    assert_eq!(flow.stage(), &AssessmentStage::Ready { next: 2, of: 2 });
    let mut call = flow.advance(lib, 50.0).expect("advance").expect("call 2");
    play_out(&mut call, Policy::Worst, 3);
    assert_eq!(
        flow.progressed(lib, &call, 60.0, true),
        Progressed::Finished
    );
    assert!(flow.advance(lib, 70.0).expect("advance").is_none());
    assert_eq!(flow.stage(), &AssessmentStage::Done);
    let a = flow.finished().expect("finished").clone();
    assert_eq!(a.done.len(), 2);
    assert_eq!(a.tab_leaves, 1);
    assert_eq!(a.finished_at_ms, Some(70.0));
    assert!(a.current.is_none());
    assert_eq!(flow.progressed(lib, &call, 80.0, true), Progressed::Nothing);
    // Showing a finished attempt (its link opened again) never writes it back over the stored
    // attempt, which may be another one under way.
    let mut shown = AssessmentFlow::new();
    shown.show_finished(a.clone());
    assert_eq!(shown.stage(), &AssessmentStage::Done);
    assert_eq!(shown.finished(), Some(&a));
    assert_eq!(shown.persist(), None);
}

#[test]
fn a_reloaded_assessment_resumes_the_same_turn_and_counts_the_reload() {
    let lib = lib();
    let mut flow = AssessmentFlow::new();
    flow.intro(lib, assessment_file(6, 2), OpenedFrom::Site)
        .expect("intro");
    flow.begin("Ada", 10.0, 5).expect("begin");
    let mut call = flow.advance(lib, 20.0).expect("advance").expect("call");
    let mut rng = Stream::new(3, 7);
    let c = Policy::Best.choose(&call, &mut rng);
    call.apply(c).expect("apply");
    flow.progressed(lib, &call, 30.0, false);
    let stored = flow.persist().expect("saved").clone();
    let text = serde_json::to_string(&stored).expect("json");
    let back = Attempt::from_json(&text).expect("read");
    let mut again = AssessmentFlow::new();
    let (resumed, offer_at) = again
        .resume(lib, back)
        .expect("resume")
        .expect("the call under way");
    assert_eq!(resumed.events(), call.events());
    assert_eq!(offer_at, Some(30.0), "the reply deadline carries on");
    assert_eq!(again.attempt().expect("attempt").reloads, 1);
    assert_eq!(again.stage(), &AssessmentStage::Running);
    // An attempt whose call no longer replays is not resumed.
    let mut broken = stored.clone();
    if let Some(r) = broken.current.as_mut() {
        r.content_hash = "0000000000000000".into();
    }
    assert!(AssessmentFlow::new().resume(lib, broken).is_err());
}

#[test]
fn ending_a_call_abandons_it_from_the_call_or_the_pause_and_only_then() {
    // From the call: back to setup, the stored call cleared, the drill kept.
    let mut flow = PracticeFlow::new();
    flow.set_focus(vec![composure_core::content::Kind::Objection]);
    flow.begin_shift(2);
    let _call = started(&mut flow, &practice_set(40), 0);
    assert!(flow.abandon());
    assert_eq!(flow.stage(), Stage::Setup);
    assert!(flow.shift().is_none(), "the shift ends with it");
    assert_eq!(flow.focus(), &[composure_core::content::Kind::Objection]);
    assert_eq!(flow.persist(), Persist::Clear);
    assert!(!flow.abandon(), "nothing left to end");
    // From the pause after a reload.
    let mut flow = PracticeFlow::new();
    let _call = started(&mut flow, &practice_set(41), 0);
    let (mut paused, _) = reload(&flow, lib()).expect("restore");
    assert_eq!(paused.stage(), Stage::Paused);
    assert!(paused.abandon());
    assert_eq!(paused.persist(), Persist::Clear);
    // Not from a review: that call is over.
    let mut flow = PracticeFlow::new();
    let mut call = started(&mut flow, &practice_set(42), 0);
    play_out(&mut call, Policy::Best, 1);
    flow.progressed(lib(), &call, 1.0, true);
    assert!(!flow.abandon());
    assert_eq!(flow.stage(), Stage::Review);
}

#[test]
fn an_abandoned_call_is_recorded_but_never_counted() {
    use composure_core::progress::{means, weak_spots, Entry};
    let mut flow = PracticeFlow::new();
    let mut call = started(&mut flow, &practice_set(50), 0);
    let mut rng = Stream::new(9, 7);
    let c = Policy::Best.choose(&call, &mut rng);
    call.apply(c).expect("apply");
    assert!(!flow.progressed(lib(), &call, 2.0, false));
    let Persist::Write(saved) = flow.persist() else {
        panic!("saved")
    };
    let record = saved.record.clone();
    let gone = Entry::abandoned(&call, record.clone(), 1_700_000_000_000.0).expect("abandoned");
    assert_eq!(gone.ending, None);
    assert!(!gone.passed && !gone.counts());
    assert_eq!(gone.ending_name(), "Abandoned");
    // Stored and read back as any entry.
    let text = serde_json::to_string(&gone).expect("json");
    assert_eq!(
        composure_core::progress::parse_entry(&text),
        Ok(gone.clone())
    );
    // Left out of the means and weak spots.
    let mut done = call.clone();
    play_out(&mut done, Policy::Best, 2);
    let kept = Entry::from_call(&done, record, 1_700_000_100_000.0).expect("entry");
    let both = vec![gone.clone(), kept.clone()];
    assert_eq!(
        means(&both),
        Some((kept.scores.overall, kept.scores.composure))
    );
    assert_eq!(means(std::slice::from_ref(&gone)), None);
    assert_eq!(weak_spots(&both), weak_spots(std::slice::from_ref(&kept)));
    // Nor is it what a later call is compared with.
    let mut later = kept.clone();
    later.finished_at_ms += 1_000_000.0;
    assert_eq!(
        composure_core::progress::change_since(std::slice::from_ref(&gone), &later),
        None
    );
    // A call that is over cannot be abandoned.
    assert_eq!(Entry::abandoned(&done, gone.record.clone(), 1.0), None);
}

#[test]
fn between_calls_the_candidate_sees_a_ready_screen_that_survives_a_reload() {
    let lib = lib();
    let mut flow = AssessmentFlow::new();
    flow.intro(lib, assessment_file(8, 3), OpenedFrom::Site)
        .expect("intro");
    flow.begin("Ada", 10.0, 11).expect("begin");
    assert_eq!(flow.ready(), None, "call 1 starts straight after Begin");
    let mut call = flow.advance(lib, 20.0).expect("advance").expect("call 1");
    play_out(&mut call, Policy::Best, 3);
    assert_eq!(flow.progressed(lib, &call, 30.0, true), Progressed::Ready);
    assert_eq!(flow.stage(), &AssessmentStage::Ready { next: 2, of: 3 });
    assert_eq!(flow.ready(), Some((2, 3)));
    // No call is on screen: no reply deadline runs, and leaving the tab is not counted.
    let a = flow.persist().expect("saved").clone();
    assert_eq!(a.current, None);
    assert_eq!(a.offer_at_ms, None);
    assert_eq!(a.done.len(), 1);
    assert!(!flow.tab_left());
    assert_eq!(flow.attempt().expect("attempt").tab_leaves, 0);

    // A reload on the ready screen comes back to it, uncounted.
    let back = Attempt::from_json(&serde_json::to_string(&a).expect("json")).expect("read");
    let mut again = AssessmentFlow::new();
    assert!(again.resume(lib, back).expect("resume").is_none());
    assert_eq!(again.stage(), &AssessmentStage::Ready { next: 2, of: 3 });
    assert_eq!(again.attempt().expect("attempt").reloads, 0);
    assert_eq!(
        again.persist(),
        Some(&a),
        "the resumed attempt is kept as it was"
    );

    // "Start call 2": the call starts now, and its deadline runs from now.
    let mut call2 = again.advance(lib, 500.0).expect("advance").expect("call 2");
    assert_eq!(again.stage(), &AssessmentStage::Running);
    assert_eq!(again.persist().expect("saved").offer_at_ms, Some(500.0));
    assert_eq!(
        call2.origin().map(|o| o.1),
        Some(1),
        "the second call of the set"
    );
    play_out(&mut call2, Policy::Best, 3);
    assert_eq!(
        again.progressed(lib, &call2, 600.0, true),
        Progressed::Ready
    );
    assert_eq!(again.ready(), Some((3, 3)));
    let mut call3 = again.advance(lib, 700.0).expect("advance").expect("call 3");
    play_out(&mut call3, Policy::Worst, 3);
    assert_eq!(
        again.progressed(lib, &call3, 800.0, true),
        Progressed::Finished
    );
    assert_eq!(again.ready(), None, "no ready screen after the last call");
    assert!(again.advance(lib, 900.0).expect("advance").is_none());
    assert_eq!(again.stage(), &AssessmentStage::Done);
}

#[test]
fn the_end_of_an_assessment_sums_up_each_call_in_words() {
    let lib = lib();
    let mut flow = AssessmentFlow::new();
    flow.intro(lib, assessment_file(9, 2), OpenedFrom::Site)
        .expect("intro");
    flow.begin("Ada", 10.0, 3).expect("begin");
    let mut played = Vec::new();
    for (policy, t) in [(Policy::Best, 20.0), (Policy::Worst, 40.0)] {
        let mut call = flow.advance(lib, t).expect("advance").expect("call");
        play_out(&mut call, policy, 3);
        flow.progressed(lib, &call, t + 1.0, true);
        played.push(call);
    }
    flow.advance(lib, 60.0).expect("advance");
    let a = flow.finished().expect("finished");
    let sums = call_summaries(lib, a).expect("summaries");
    assert_eq!(sums.len(), 2);
    for (i, (s, call)) in sums.iter().zip(&played).enumerate() {
        let report = call.report().expect("report");
        assert_eq!(s.number, i as u32 + 1);
        assert_eq!(s.ending, report.ending);
        assert_eq!(s.right_ending, report.right_ending);
        assert_eq!(s.overall, report.scores.overall);
        assert!(
            s.customer.starts_with(&call.persona().name),
            "{}",
            s.customer
        );
        let words = s.words();
        assert!(words.starts_with(s.ending_words()), "{words}");
        assert!(
            words.contains(&format!("Overall {} out of 100", s.overall)),
            "{words}"
        );
    }
    // The best player reaches the right ending; the worst one does not.
    assert!(sums[0].right_ending && sums[0].words().contains("the right ending"));
    assert!(!sums[1].right_ending && sums[1].words().contains("not the ending"));
    // A call that no longer replays is reported, not summed up wrongly.
    let mut broken = a.clone();
    broken.done[1].content_hash = "0000000000000000".into();
    let e = call_summaries(lib, &broken).expect_err("broken");
    assert!(e.starts_with("call 2 cannot be shown"), "{e}");
}
