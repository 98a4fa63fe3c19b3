//! Properties and validity of the simulation core, on the shipped content.
//!
//! Property tests run thousands of seeded calls with random choices; validity tests check that
//! the scoring rewards what a trainer would reward (best far above mirror, random in between).

use composure_core::content::*;
use composure_core::sim::*;
use std::collections::BTreeMap;
use std::sync::Arc;

mod common;
use common::lib;

fn spec(c: &Campaign, archetype: Option<&str>, difficulty: u8, seed: u64) -> CallSpec {
    CallSpec {
        campaign: c.id.clone(),
        archetype: archetype.map(Arc::from),
        difficulty,
        seed,
        reply_limit_ms: None,
        hints: false,
        fate: None,
        focus: Vec::new(),
    }
}

/// A random player that also runs out of time and asks for hints now and then.
fn random_choice(call: &Call, rng: &mut Stream) -> Choice {
    let n = call.offered().count();
    let timeout = call.spec().reply_limit_ms.is_some() && rng.below(8) == 0;
    Choice {
        pick: if timeout {
            None
        } else {
            Some(rng.below(n) as u8)
        },
        ms: rng.below(16_000) as u32,
        hint: call.spec().hints && rng.below(4) == 0,
    }
}

fn set_for(c: &Campaign, seed: u64, limit: Option<u32>, hints: bool) -> PersonaSet {
    let mut set = PersonaSet::practice(&c.id, None, (seed % 5) as u8 + 1, hints, limit, seed);
    set.calls = Calls::Random { count: 3 };
    set
}

#[test]
fn thousands_of_random_calls_end_in_time_with_scores_in_range_and_replay_exactly() {
    let lib = lib();
    for seed in 0..2500u64 {
        let c = &lib.campaigns[(seed as usize) % lib.campaigns.len()];
        let limit = if seed % 3 == 0 { Some(10) } else { None };
        let set = set_for(c, seed, limit, seed % 2 == 0);
        let index = (seed % 3) as u32;
        let mut call = Call::start(lib, &set, index).expect("start");
        let mut rng = Stream::new(seed, 99);
        while !call.is_over() {
            let choice = random_choice(&call, &mut rng);
            call.apply(choice).expect("apply");
            assert!(
                call.turn() <= MAX_TURNS,
                "seed {seed}: more than {MAX_TURNS} turns"
            );
        }
        let report = call.report().expect("report");
        let s = report.scores;
        for v in [
            s.overall,
            s.composure,
            s.correctness,
            s.outcome,
            s.responsiveness,
        ] {
            assert!(v <= 100, "seed {seed}: score {v} out of range");
        }
        assert!(matches!(call.events().last(), Some(Event::Ended(_))));

        let record = CallRecord::of(&call, content_hash(c, &lib.customers)).expect("record");
        let json = record.to_json();
        let back = CallRecord::from_json(&json).expect("parse");
        let replayed = verify(lib, &back).expect("verify");
        assert_eq!(
            replayed.events(),
            call.events(),
            "seed {seed}: replay differs"
        );
    }
}

#[test]
fn save_and_restore_mid_call_continues_exactly_like_an_uninterrupted_call() {
    let lib = lib();
    for seed in 0..600u64 {
        let c = &lib.campaigns[(seed as usize) % lib.campaigns.len()];
        let set = set_for(c, seed, Some(12), true);
        let mut whole = Call::start(lib, &set, 1).expect("start");
        let mut rng = Stream::new(seed, 5);
        let mut choices = Vec::new();
        while !whole.is_over() {
            let ch = random_choice(&whole, &mut rng);
            choices.push(ch);
            whole.apply(ch).expect("apply");
        }
        let cut = (seed as usize) % choices.len();
        // Play to the cut, save, restore from JSON, then play the rest.
        let mut first = Call::start(lib, &set, 1).expect("start");
        for ch in &choices[..cut] {
            first.apply(*ch).expect("apply");
        }
        let saved = CallRecord::of(&first, content_hash(c, &lib.customers))
            .expect("record")
            .to_json();
        let mut restored =
            replay(lib, &CallRecord::from_json(&saved).expect("parse")).expect("replay");
        assert_eq!(restored.events(), first.events());
        for ch in &choices[cut..] {
            restored.apply(*ch).expect("apply");
        }
        assert_eq!(restored.events(), whole.events(), "seed {seed}");
    }
}

#[test]
fn the_same_seed_gives_the_same_persona_and_different_seeds_vary() {
    let lib = lib();
    let c = &lib.campaigns[0];
    let mut names = std::collections::HashSet::new();
    for seed in 0..200u64 {
        let a = Call::new(
            c.clone(),
            lib.customers.clone(),
            spec(c, None, 3, seed),
            Weights::default(),
            70,
        )
        .expect("a");
        let b = Call::new(
            c.clone(),
            lib.customers.clone(),
            spec(c, None, 3, seed),
            Weights::default(),
            70,
        )
        .expect("b");
        assert_eq!(a.persona(), b.persona());
        assert_eq!(a.events(), b.events());
        names.insert(a.persona().name.clone());
    }
    assert!(
        names.len() > 150,
        "only {} distinct names in 200 seeds",
        names.len()
    );
}

#[test]
fn every_offer_holds_four_to_six_lines_with_a_model_a_calm_mistake_and_a_loss_of_composure() {
    let lib = lib();
    for seed in 0..400u64 {
        let c = &lib.campaigns[(seed as usize) % lib.campaigns.len()];
        let mut call = Call::new(
            c.clone(),
            lib.customers.clone(),
            spec(c, None, (seed % 5) as u8 + 1, seed),
            Weights::default(),
            70,
        )
        .expect("start");
        let mut rng = Stream::new(seed, 3);
        while !call.is_over() {
            let offered: Vec<&Line> = call.offered().collect();
            assert!(
                (4..=6).contains(&offered.len()),
                "offer of {}",
                offered.len()
            );
            assert!(offered.iter().any(|l| l.is_model()));
            assert!(offered.iter().any(|l| l.is_calm_mistake()));
            assert!(offered.iter().any(|l| !l.tone.composed()));
            let ch = Policy::Random.choose(&call, &mut rng);
            call.apply(ch).expect("apply");
        }
    }
}

#[test]
fn difficulty_changes_behaviour_not_just_a_label() {
    let lib = lib();
    let mut by_d: BTreeMap<u8, (f64, f64, f64, f64, f64)> = BTreeMap::new();
    for d in [1u8, 5] {
        let (mut level, mut patience, mut moves, mut winnable, mut reply) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        let n = 600;
        for seed in 0..n {
            let c = &lib.campaigns[(seed as usize) % lib.campaigns.len()];
            let call = play(
                c.clone(),
                lib.customers.clone(),
                spec(c, None, d, seed),
                Policy::Best,
                seed,
            )
            .expect("play");
            let p = call.persona();
            level += p.base_level.index() as f64;
            patience += f64::from(p.patience);
            winnable += f64::from(u8::from(p.winnable()));
            reply += f64::from(p.suggested_reply_s);
            moves += f64::from(call.turn());
        }
        let n = n as f64;
        by_d.insert(
            d,
            (level / n, patience / n, moves / n, winnable / n, reply / n),
        );
    }
    let (e, h) = (by_d[&1], by_d[&5]);
    assert!(h.0 > e.0 + 0.5, "rudeness: {e:?} vs {h:?}");
    assert!(h.1 < e.1 - 1.0, "patience: {e:?} vs {h:?}");
    assert!(h.2 > e.2 + 1.5, "moves per call: {e:?} vs {h:?}");
    assert!(h.3 < e.3 - 0.1, "winnable share: {e:?} vs {h:?}");
    assert!(h.4 < e.4, "reply time: {e:?} vs {h:?}");
}

/// Mean overall per (policy, archetype) over `n` calls per campaign at mixed difficulty.
fn policy_table(n: u64) -> BTreeMap<(&'static str, String), (f64, u32, u32)> {
    let lib = lib();
    let mut t: BTreeMap<(&'static str, String), (f64, u32, u32)> = BTreeMap::new();
    for c in &lib.campaigns {
        for policy in Policy::ALL {
            for seed in 0..n {
                let s = spec(c, None, (seed % 5) as u8 + 1, mix(seed, 11));
                let call = play(c.clone(), lib.customers.clone(), s, *policy, seed).expect("play");
                let r = call.report().expect("report");
                let e = t
                    .entry((policy.as_str(), call.persona().archetype.to_string()))
                    .or_default();
                e.0 += f64::from(r.scores.overall);
                e.1 += 1;
                e.2 += u32::from(r.passed);
                let all = t
                    .entry((policy.as_str(), format!("campaign:{}", c.id)))
                    .or_default();
                all.0 += f64::from(r.scores.overall);
                all.1 += 1;
                all.2 += u32::from(r.passed);
            }
        }
    }
    t
}

#[test]
fn scoring_rewards_what_a_trainer_rewards() {
    let lib = lib();
    let t = policy_table(1000);
    let mean = |p: &'static str, k: &str| -> f64 {
        let (sum, n, _) = t[&(p, k.to_string())];
        sum / f64::from(n)
    };
    for c in &lib.campaigns {
        let k = format!("campaign:{}", c.id);
        let (_, n, passed) = t[&("best", k.clone())];
        assert!(mean("best", &k) >= 90.0, "{k}: best {}", mean("best", &k));
        assert!(passed * 100 >= n * 95, "{k}: best passed only {passed}/{n}");
        assert!(mean("worst", &k) < 20.0, "{k}: worst {}", mean("worst", &k));
        let r = mean("random", &k);
        assert!(
            r < mean("best", &k) && r > mean("worst", &k),
            "{k}: random {r}"
        );
    }
    for a in &lib.customers.archetypes {
        let (b, r, w) = (
            mean("best", &a.id),
            mean("random", &a.id),
            mean("worst", &a.id),
        );
        assert!(b > r && r > w, "{}: best {b} random {r} worst {w}", a.id);
    }
    for rude in ["hostile", "abusive", "aggrieved"] {
        let (b, m) = (mean("best", rude), mean("mirror", rude));
        assert!(b - m >= 40.0, "{rude}: best {b} mirror {m}");
    }
}

#[test]
fn every_call_can_reach_its_right_ending_and_a_hostile_line_caps_composure() {
    let lib = lib();
    for c in &lib.campaigns {
        for fate in Fate::ALL {
            if !c.fate_available(*fate) {
                continue;
            }
            let mut s = spec(c, None, 3, 7);
            s.fate = Some(*fate);
            let call = play(c.clone(), lib.customers.clone(), s, Policy::Best, 1).expect("play");
            let r = call.report().expect("report");
            assert_eq!(r.ending, fate.right_ending(), "{} {:?}", c.id, fate);
            assert!(r.right_ending);
        }
    }
    // Worst always loses it somewhere; a hostile line caps composure at 40.
    for seed in 0..50 {
        let c = &lib.campaigns[seed % lib.campaigns.len()];
        let call = play(
            c.clone(),
            lib.customers.clone(),
            spec(c, None, 3, seed as u64),
            Policy::Worst,
            1,
        )
        .expect("play");
        let hostile = call
            .events()
            .iter()
            .any(|e| matches!(e, Event::Feedback(f) if f.tone == Tone::Hostile));
        if hostile {
            assert!(call.report().expect("report").scores.composure <= 40);
        }
    }
}

#[test]
fn silence_past_the_limit_is_a_turn_and_costs_patience() {
    let lib = lib();
    let c = &lib.campaigns[0];
    let set = PersonaSet::practice(&c.id, Some("friendly-busy"), 1, false, Some(10), 3);
    let mut call = Call::start(lib, &set, 0).expect("start");
    let before = call.events().len();
    let ev = call
        .apply(Choice::timeout(10_000))
        .expect("timeout")
        .to_vec();
    assert!(matches!(ev[0], Event::NoReply { .. }));
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::Customer {
            cue: Cue::StillThere,
            ..
        }
    )));
    assert!(call.events().len() > before);
    let mut n = 1;
    while !call.is_over() {
        call.apply(Choice::timeout(10_000)).expect("timeout");
        n += 1;
    }
    assert_eq!(
        call.ending(),
        Some(Ending::HangUp),
        "silent agent is hung up on after {n} turns"
    );
    assert_eq!(call.report().expect("report").scores.responsiveness, 0);
    // Without a limit, a timeout is not a valid choice.
    let set = PersonaSet::practice(&c.id, None, 1, false, None, 3);
    let mut call = Call::start(lib, &set, 0).expect("start");
    assert_eq!(
        call.apply(Choice::timeout(1)).err(),
        Some(SimError::NoTimeLimit)
    );
}

#[test]
fn hints_cost_correctness_and_are_refused_when_off() {
    let lib = lib();
    let c = &lib.campaigns[0];
    let run = |hints: bool, use_hint: bool| -> Result<u8, SimError> {
        let set = PersonaSet::practice(&c.id, Some("interested-buyer"), 1, hints, None, 9);
        let mut call = Call::start(lib, &set, 0)?;
        let mut rng = Stream::new(1, 1);
        while !call.is_over() {
            let mut ch = Policy::Best.choose(&call, &mut rng);
            ch.hint = use_hint;
            assert_eq!(call.hint().is_some(), hints);
            call.apply(ch)?;
        }
        Ok(call.report().map(|r| r.scores.correctness).unwrap_or(0))
    };
    let clean = run(true, false).expect("clean");
    let hinted = run(true, true).expect("hinted");
    assert!(
        hinted + 10 <= clean,
        "hints cost nothing: {clean} vs {hinted}"
    );
    assert_eq!(run(false, true).err(), Some(SimError::HintsOff));
}

/// One finished record to tamper with.
fn finished_record(seed: u64) -> CallRecord {
    let lib = lib();
    let c = &lib.campaigns[1];
    let mut set = PersonaSet::practice(&c.id, None, 3, false, Some(15), seed);
    set.mode = Mode::Assessment;
    set.calls = Calls::Random { count: 2 };
    let mut call = Call::start(lib, &set, 1).expect("start");
    let mut rng = Stream::new(seed, 4);
    while !call.is_over() {
        let ch = Policy::Random.choose(&call, &mut rng);
        call.apply(ch).expect("apply");
    }
    CallRecord::of(&call, content_hash(c, &lib.customers)).expect("record")
}

#[test]
fn tampering_is_detected() {
    let lib = lib();
    let rec = finished_record(21);
    assert!(verify(lib, &rec).is_ok());
    type Edit = fn(&mut CallRecord);
    let cases: &[(&str, Edit)] = &[
        ("edited overall", |r| {
            if let Some(s) = r.claimed.as_mut() {
                s.overall = s.overall.wrapping_add(7) % 101;
            }
        }),
        ("edited composure", |r| {
            if let Some(s) = r.claimed.as_mut() {
                s.composure = if s.composure == 100 {
                    99
                } else {
                    s.composure + 1
                };
            }
        }),
        ("edited choice", |r| {
            let c = &mut r.choices[0];
            c.pick = Some(c.pick.map(|p| (p + 1) % 4).unwrap_or(0));
        }),
        ("edited reply time", |r| {
            let last = r.choices.len() - 1;
            r.choices[last].ms = 14_900;
            r.choices[0].ms = 14_900;
        }),
        ("edited seed", |r| r.set.seed ^= 1),
        ("edited set difficulty", |r| {
            r.set.difficulty = r.set.difficulty % 5 + 1
        }),
        ("edited set weights", |r| r.set.weights.outcome += 30),
        ("dropped a choice", |r| {
            r.choices.pop();
        }),
        ("edited content hash", |r| {
            r.content_hash = "0000000000000000".into()
        }),
    ];
    for (name, edit) in cases {
        let mut r = rec.clone();
        edit(&mut r);
        assert!(verify(lib, &r).is_err(), "{name} was not detected");
    }
    // Truncated and future files are refused with a clear message.
    let json = rec.to_json();
    let truncated = &json[..json.len() / 2];
    assert!(matches!(
        CallRecord::from_json(truncated),
        Err(RecordError::Malformed(_))
    ));
    let future = json.replacen("\"schema\":1", "\"schema\":99", 1);
    let err = CallRecord::from_json(&future).expect_err("future schema");
    assert_eq!(err, RecordError::FutureSchema(99));
    assert!(err.to_string().contains("newer version"));
    let changed = {
        let mut r = rec.clone();
        r.content_hash = "ffffffffffffffff".into();
        verify(lib, &r).expect_err("content changed")
    };
    assert!(matches!(changed, RecordError::ContentChanged { .. }));
}

/// The digest of one fixed call, pinned: the wasm suite (tests/web_practice.rs) checks the same
/// value in the browser, so native and wasm play the very same call. Editing the Volta pack, the
/// customer file or the engine changes it: update both pins deliberately.
pub const PINNED_DIGEST: &str = "ab15c39599bfcff8";

#[test]
fn a_fixed_call_has_a_pinned_digest() {
    assert_eq!(
        fixed_call_digest(lib()),
        PINNED_DIGEST,
        "the fixed call changed: if you edited content or the engine on purpose, update PINNED_DIGEST here and in tests/web_practice.rs"
    );
}

/// The fixed call's transcript in the digest's encoding, kept as a golden file: when the pin
/// above breaks, this shows what changed (set UPDATE_GOLDEN=1 to write the new one, then review
/// its diff before committing).
#[test]
fn the_fixed_call_matches_its_golden_transcript() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/golden/fixed-call.txt"
    );
    let now = transcript_text(fixed_call(lib()).events());
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &now).expect("write golden");
    }
    let golden = std::fs::read_to_string(path).expect("tests/data/golden/fixed-call.txt");
    if let Some((i, (want, got))) = golden
        .lines()
        .zip(now.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        panic!(
            "the fixed call differs from its golden transcript at line {}:\n  golden: {want}\n  now:    {got}",
            i + 1
        );
    }
    assert_eq!(
        golden.lines().count(),
        now.lines().count(),
        "the fixed call has a different number of events"
    );
}

fn fixed_call_digest(lib: &Library) -> String {
    fixed_call(lib).digest()
}

fn fixed_call(lib: &Library) -> Call {
    let c = lib.campaign("volta-complaints").expect("campaign");
    let mut set = PersonaSet::practice(&c.id, None, 4, true, Some(20), 20_261_127);
    set.calls = Calls::Random { count: 3 };
    // Salted, as an assessment attempt's calls are: the salted path must be portable too.
    let mut call = Call::start_salted(lib, &set, 2, Some(77)).expect("start");
    let mut rng = Stream::new(5, 5);
    while !call.is_over() {
        let mut ch = Policy::Random.choose(&call, &mut rng);
        ch.hint = call.turn().is_multiple_of(3);
        call.apply(ch).expect("apply");
    }
    call
}

/// A call against a random customer at difficulty 3, with the default weights.
fn new_call(c: &Arc<Campaign>, seed: u64) -> Call {
    Call::new(
        c.clone(),
        lib().customers.clone(),
        spec(c, None, 3, seed),
        Weights::default(),
        70,
    )
    .expect("call")
}

#[test]
fn every_placeholder_has_a_value_and_fills_consistently() {
    let c = &lib().campaigns[0];
    for seed in 0..40 {
        let call = new_call(c, seed);
        let p = call.persona();
        for name in PLACEHOLDERS {
            let v = p.fill.value(name).unwrap_or_default();
            assert!(!v.is_empty() && !v.contains('{'), "{{{name}}} -> {v:?}");
        }
        let (first, last) = p.name.split_once(' ').expect("two names");
        let filled = p.fill.apply(&Text::from(
            "{customer}, {customer-full}; {he} said {his} {partner}",
        ));
        let he = p.fill.value("he").expect("he");
        let partner = p.fill.value("partner").expect("partner");
        assert!(filled.starts_with(&format!("{first}, {first} {last}; {he} said ")));
        assert_eq!(he == "he", partner == "husband", "one third party per call");
        // A birth year that fits the age band, counted from the fixed reference year.
        let age = REFERENCE_YEAR - p.fill.birth_year;
        let (lo, hi) = match p.age {
            AgeBand::Young => (18, 29),
            AgeBand::Adult => (30, 44),
            AgeBand::Middle => (45, 64),
            AgeBand::Senior => (65, 92),
        };
        assert!((lo..=hi).contains(&age), "{:?} aged {age}", p.age);
        let date = p.fill.value("birth-date").expect("date");
        assert!(date.ends_with(&p.fill.birth_year.to_string()), "{date}");
        // Text without placeholders is shared, not copied.
        let plain = Text::from("No braces here.");
        assert!(Arc::ptr_eq(&plain, &p.fill.apply(&plain)));
    }
}

#[test]
fn filling_leaves_text_around_placeholders_as_written() {
    let fill = Fill {
        first: "Zoë".into(),
        last: "O'Neill".into(),
        agent: AGENT_NAME.into(),
        birth_day: 22,
        birth_month: 11,
        birth_year: 1961,
        third_party_male: false,
    };
    let cases = [
        ("{customer}", "Zoë"),
        ("{customer}{customer-full}", "ZoëZoë O'Neill"),
        ("Born {birth-date}?", "Born 22nd of November 1961?"),
        (
            "{birth-year}: {He} called {his} {sibling}.",
            "1961: She called her sister.",
        ),
        ("Hi — {agent} here… {him}", "Hi — Alex here… her"),
        // Not placeholders: kept exactly as written.
        ("{nobody} and {customer}", "{nobody} and Zoë"),
        ("{}", "{}"),
        ("an open { brace", "an open { brace"),
        ("{customer} then {unclosed", "Zoë then {unclosed"),
        ("closing } alone, {customer}", "closing } alone, Zoë"),
        ("{{customer}}", "{{customer}}"),
    ];
    for (text, want) in cases {
        assert_eq!(&*fill.apply(&Text::from(text)), want, "{text}");
    }
}

#[test]
fn the_loader_marks_exactly_the_lines_without_placeholders_and_the_marks_change_no_call() {
    for c in &lib().campaigns {
        for m in &c.moves {
            for (i, l) in m.lines.iter().enumerate() {
                let plain = !l.text.contains('{');
                assert_eq!(m.is_plain(i), plain && i < 64, "{} {} line {i}", c.id, m.id);
            }
        }
        // The marks only spare the engine a search: with none (a data file without them),
        // every call plays out the same, event for event.
        let mut unmarked = (**c).clone();
        for m in &mut unmarked.moves {
            m.plain_lines = 0;
        }
        let unmarked = Arc::new(unmarked);
        for seed in 0..30 {
            let play = |campaign: &Arc<Campaign>| {
                let mut call = new_call(campaign, seed);
                let mut rng = Stream::new(seed, 9);
                while !call.is_over() {
                    let ch = random_choice(&call, &mut rng);
                    call.apply(ch).expect("apply");
                }
                call.events().to_vec()
            };
            assert_eq!(play(c), play(&unmarked), "{} seed {seed}", c.id);
        }
    }
}

#[test]
fn no_placeholder_reaches_the_trainee_unfilled() {
    for c in &lib().campaigns {
        for seed in 0..60 {
            let mut call = new_call(c, seed);
            let mut rng = Stream::new(seed, 5);
            while !call.is_over() {
                let ch = random_choice(&call, &mut rng);
                call.apply(Choice { hint: false, ..ch }).expect("apply");
            }
            let json = serde_json::to_string(call.events()).expect("json");
            for name in PLACEHOLDERS {
                assert!(
                    !json.contains(&format!("{{{name}}}")),
                    "{} seed {seed}: {{{name}}}",
                    c.id
                );
            }
        }
    }
}

#[test]
fn shared_lines_follow_the_campaign_direction() {
    let customers = &lib().customers;
    let inbound = &customers.still_there[Direction::Inbound.index()];
    let outbound = &customers.still_there[Direction::Outbound.index()];
    let rang_me = |lines: &[Vec<Text>; 4]| lines.iter().flatten().any(|l| l.contains("rang me"));
    assert!(rang_me(outbound) && !rang_me(inbound));
    // A complaint line is inbound: its still-there prompts come from the inbound set.
    for c in &lib().campaigns {
        let expected = if c.purpose == Purpose::InboundComplaint {
            Direction::Inbound
        } else {
            Direction::Outbound
        };
        assert_eq!(c.direction, expected, "{}", c.id);
        let mut s = spec(c, None, 3, 9);
        s.reply_limit_ms = Some(10_000);
        let mut call =
            Call::new(c.clone(), customers.clone(), s, Weights::default(), 70).expect("call");
        call.apply(Choice::timeout(10_000)).expect("timeout");
        let said = call.events().iter().rev().find_map(|e| match e {
            Event::Customer {
                cue: Cue::StillThere,
                level,
                text,
                ..
            } => Some((*level, text.clone())),
            _ => None,
        });
        if let Some((level, text)) = said {
            let pool = &customers.still_there[c.direction.index()][level.index()];
            assert!(pool.contains(&text), "{}: {text:?}", c.id);
        }
    }
}

#[test]
fn a_threat_ends_the_call_at_once_with_full_outcome_and_no_warning_turn() {
    let customers = lib().customers.clone();
    let mut seen = 0;
    for c in &lib().campaigns {
        if !c.has_role(Role::ThreatEnd) {
            continue;
        }
        for seed in 0..120 {
            let mut s = spec(c, Some("abusive"), 5, seed);
            s.fate = Some(Fate::Abuse);
            let call = play(c.clone(), customers.clone(), s, Policy::Best, seed).expect("play");
            let last_move = call.events().iter().rev().find_map(|e| match e {
                Event::Customer { move_id, .. } => Some(move_id.clone()),
                _ => None,
            });
            let m = c
                .moves
                .iter()
                .find(|m| Some(&m.id) == last_move.as_ref())
                .expect("move");
            if m.role != Role::ThreatEnd {
                continue;
            }
            seen += 1;
            let r = call.report().expect("report");
            assert_eq!(r.ending, Ending::BoundaryEnd, "{} seed {seed}", c.id);
            assert!(
                r.right_ending && r.scores.outcome == 100,
                "{} seed {seed}: {r:?}",
                c.id
            );
            // No abuse-warning move was played in a threat call.
            let warned = call.events().iter().any(|e| {
                matches!(e, Event::Customer { move_id, .. }
                if c.moves.iter().any(|m| &m.id == move_id && m.role == Role::AbuseWarning))
            });
            assert!(
                !warned,
                "{} seed {seed}: a warning turn before a threat",
                c.id
            );
        }
    }
    assert!(seen > 0, "no threat call was drawn");
}

#[test]
fn surface_players_read_only_the_text() {
    let texts = [
        "Sorry, I understand, I really do.",
        "A much longer line that says nothing kind at all, really nothing.",
        "Short.",
        "Look, calm down! I'm doing my best, and it's a long line too.",
    ];
    assert_eq!(Policy::Longest.pick_by_text(&texts), Some(1));
    assert_eq!(Policy::Shortest.pick_by_text(&texts), Some(2));
    assert_eq!(Policy::Empathy.pick_by_text(&texts), Some(0));
    // Drops the heated line, then takes the longest of the rest.
    let calmer = [texts[0], texts[3], texts[2]];
    assert!(sounds_heated(texts[3]) && !sounds_heated(texts[0]));
    assert_eq!(Policy::CalmLongest.pick_by_text(&calmer), Some(0));
    assert_eq!(Policy::Best.pick_by_text(&texts), None);
    assert_eq!(Policy::Longest.pick_by_text(&[]), None);
    for p in Policy::ALL {
        assert_eq!(Policy::parse(p.as_str()), Some(*p));
        assert_eq!(p.surface_only(), Policy::SURFACE.contains(p));
    }
}
