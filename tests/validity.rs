//! Training validity: the score must mean skill. Players that see only the text of the offered
//! lines (longest, shortest, most empathy words, drop the heated lines then longest, and a
//! vocabulary guesser that learnt the words of model lines from the other campaigns) must not
//! pass, and the model player must pass every call. Measured over 1,000 calls per campaign at
//! difficulty 3 and 5, as issue 11 asks.

use composure_core::content::*;
use composure_core::sim::*;

/// Calls per campaign and player.
const CALLS: u32 = 1000;
/// A surface-only player passes at most this share of calls in any campaign.
const MAX_SURFACE_PASS: f64 = 0.10;
/// ... and its mean overall is at most this many points above the random player's.
const MAX_ABOVE_RANDOM: f64 = 15.0;

fn lib() -> Library {
    composure_core::lint::shipped().expect("shipped content")
}

fn stats(lib: &Library, c: &std::sync::Arc<Campaign>, p: Policy, difficulty: u8) -> PlayStats {
    play_many(c, &lib.customers, p, difficulty, None, 11, CALLS)
        .expect("calls play")
        .0
}

fn check_goals(difficulty: u8) {
    let lib = lib();
    let mut failures = Vec::new();
    for c in &lib.campaigns {
        let best = stats(&lib, c, Policy::Best, difficulty);
        if best.passed != best.calls {
            failures.push(format!(
                "{} d{difficulty}: best passed only {}/{}",
                c.id, best.passed, best.calls
            ));
        }
        let random = stats(&lib, c, Policy::Random, difficulty);
        // The vocabulary guesser learns from the other campaigns only.
        let v = Vocabulary::learn(lib.campaigns.iter().filter(|o| o.id != c.id).map(|o| &**o));
        let vocabulary = play_many_with(
            c,
            &lib.customers,
            difficulty,
            None,
            11,
            CALLS,
            &mut |call, _| v.choose(call),
        )
        .expect("calls play")
        .0;
        let surface = Policy::SURFACE
            .iter()
            .map(|p| (p.as_str(), stats(&lib, c, *p, difficulty)))
            .chain([("vocabulary", vocabulary)]);
        for (name, s) in surface {
            if s.pass_rate() > MAX_SURFACE_PASS {
                failures.push(format!(
                    "{} d{difficulty}: {} passed {:.1}% of calls (at most {:.0}%)",
                    c.id,
                    name,
                    100.0 * s.pass_rate(),
                    100.0 * MAX_SURFACE_PASS
                ));
            }
            if s.mean(0) > random.mean(0) + MAX_ABOVE_RANDOM {
                failures.push(format!(
                    "{} d{difficulty}: {} mean overall {:.1}, random {:.1} (at most {MAX_ABOVE_RANDOM} above)",
                    c.id,
                    name,
                    s.mean(0),
                    random.mean(0)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn surface_players_fail_and_the_model_passes_at_difficulty_3() {
    check_goals(3);
}

#[test]
fn surface_players_fail_and_the_model_passes_at_difficulty_5() {
    check_goals(5);
}

/// Over the offers the engine draws, the longest or shortest offered line is a model line at
/// most 1.5 times as often as a blind pick would find one.
#[test]
fn the_longest_and_shortest_line_are_no_better_than_chance() {
    let lib = lib();
    let mut failures = Vec::new();
    for c in &lib.campaigns {
        for p in [Policy::Longest, Policy::Shortest] {
            let h = surface_hits(c, p, 400, 3);
            if h.ratio() > 1.5 {
                failures.push(format!(
                    "{}: {} finds the model line in {:.1}% of offers, {:.2} x chance",
                    c.id,
                    p.as_str(),
                    100.0 * h.rate(),
                    h.ratio()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Model lines are speakable: at most 30 words each, and a median of 15 to 25 words.
#[test]
fn model_lines_are_speakable() {
    let lib = lib();
    let mut words: Vec<usize> = Vec::new();
    for c in &lib.campaigns {
        for m in &c.moves {
            for l in m.lines.iter().filter(|l| l.is_model()) {
                let n = word_count(&l.text);
                assert!(
                    n <= MAX_MODEL_WORDS,
                    "{}:{}: {n} words",
                    c.file,
                    l.source_line
                );
                words.push(n);
            }
        }
    }
    words.sort_unstable();
    let median = words[words.len() / 2];
    assert!(
        (15..=25).contains(&median),
        "median model line {median} words"
    );
}

/// Empathy words are no tell: calm mistakes carry them about as often as model lines.
#[test]
fn empathy_words_are_no_tell() {
    let lib = lib();
    let lines: Vec<&Line> = lib
        .campaigns
        .iter()
        .flat_map(|c| c.moves.iter().flat_map(|m| &m.lines))
        .collect();
    let share = |f: &dyn Fn(&Line) -> bool| {
        let group: Vec<&&Line> = lines.iter().filter(|l| f(l)).collect();
        let with = group.iter().filter(|l| empathy_words(&l.text) > 0).count();
        with as f64 / group.len().max(1) as f64
    };
    let model = share(&|l: &Line| l.is_model());
    let mistake = share(&|l: &Line| l.is_calm_mistake());
    assert!(
        mistake >= model * 0.75,
        "empathy words in {:.0}% of model lines but {:.0}% of calm mistakes",
        100.0 * model,
        100.0 * mistake
    );
}
