//! The native command-line tool, run as a user would: lint, stats, simulate, replay, bench.

use composure_core::content::*;
use composure_core::sim::*;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_composure"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run composure");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("composure-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn lint_passes_shipped_content_and_fails_a_broken_pack_with_positions() {
    let (code, out) = run(&[
        "lint",
        "content/customers.toml",
        "content/packs/northgate-bank.toml",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
    let bad = temp(
        "bad.toml",
        "format = 1\n[campaign]\nid = \"x\"\ncolour = 3\n",
    );
    let (code, out) = run(&["lint", &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("bad.toml:4:1: error: unknown key `colour`"),
        "{out}"
    );
}

#[test]
fn stats_counts_every_shipped_campaign() {
    let paths: Vec<String> = SHIPPED_PACKS.iter().map(|(f, _)| f.to_string()).collect();
    let mut args = vec!["stats"];
    args.extend(paths.iter().map(|s| s.as_str()));
    let (code, out) = run(&args);
    assert_eq!(code, 0, "{out}");
    for (file, _) in SHIPPED_PACKS {
        let id = file
            .trim_start_matches("content/packs/")
            .trim_end_matches(".toml");
        assert!(out.contains(id), "{id} missing from\n{out}");
    }
    assert!(
        out.contains("TOTAL") && out.contains("archetypes (12)"),
        "{out}"
    );
    // The model-line table: word counts and each surface player's hit rate, per campaign.
    let table = out
        .split("model lines (best, composed)")
        .nth(1)
        .expect("table");
    for p in Policy::SURFACE {
        assert!(table.contains(p.as_str()), "{out}");
    }
    for (file, _) in SHIPPED_PACKS {
        let id = file
            .trim_start_matches("content/packs/")
            .trim_end_matches(".toml");
        let row = table
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{id} row missing:\n{out}"));
        assert_eq!(row.matches(" x").count(), Policy::SURFACE.len(), "{row}");
    }
}

#[test]
fn simulate_prints_every_player_beside_each_campaign_and_archetype() {
    let (code, out) = run(&[
        "simulate",
        "--count",
        "20",
        "--campaign",
        "volta-complaints",
        "--by-archetype",
    ]);
    assert_eq!(code, 0, "{out}");
    // The header row names every player, the surface-only ones marked with a star.
    let header: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("campaign "))
        .expect("header row")
        .split_whitespace()
        .collect();
    let want: Vec<String> = std::iter::once("campaign".to_string())
        .chain(Policy::ALL.iter().map(|p| {
            if p.surface_only() {
                format!("{}*", p.as_str())
            } else {
                p.as_str().to_string()
            }
        }))
        .chain(["vocabulary*".to_string()])
        .collect();
    assert_eq!(header, want, "{out}");
    // One row for the campaign: a mean and a pass share per player.
    let row: Vec<&str> = out
        .lines()
        .find(|l| l.starts_with("volta-complaints "))
        .expect("campaign row")
        .split_whitespace()
        .collect();
    assert_eq!(row.len(), 1 + 2 * (Policy::ALL.len() + 1), "{out}");
    assert_eq!(
        row[1..3],
        ["100.0", "100.0%"],
        "best passes every call: {out}"
    );
    let per_archetype = out.split("per archetype").nth(1).expect("archetype table");
    assert!(
        per_archetype.lines().any(|l| l.starts_with("abusive ")),
        "{out}"
    );
    let (code, _) = run(&["simulate", "--policy", "sideways"]);
    assert_eq!(code, 2);
    // A pack file given on the command line is played instead of the shipped ones.
    let (code, out) = run(&[
        "simulate",
        "--count",
        "5",
        "--policy",
        "longest",
        "--pack",
        "content/packs/fieldline-survey.toml",
    ]);
    assert_eq!(code, 0, "{out}");
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("fieldline-survey ") || l.starts_with("volta-complaints "))
        .collect();
    assert_eq!(rows.len(), 1, "{out}");
}

#[test]
fn replay_verifies_a_record_and_flags_an_edited_one() {
    let lib = composure_core::lint::shipped().expect("shipped");
    let c = &lib.campaigns[2];
    let set = PersonaSet::practice(&c.id, None, 3, false, None, 77);
    let mut call = Call::start(&lib, &set, 0).expect("start");
    let mut rng = Stream::new(77, 1);
    while !call.is_over() {
        let ch = Policy::Random.choose(&call, &mut rng);
        call.apply(ch).expect("apply");
    }
    let record = CallRecord::of(&call, content_hash(c, &lib.customers)).expect("record");
    let good = temp("good.json", &record.to_json());
    let (code, out) = run(&["replay", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("verified"), "{out}");
    let mut edited = record.clone();
    if let Some(s) = edited.claimed.as_mut() {
        s.overall = if s.overall == 100 { 99 } else { s.overall + 1 };
    }
    let bad = temp("edited.json", &edited.to_json());
    let (code, out) = run(&["replay", &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("NOT VERIFIED"), "{out}");
}

#[test]
fn bench_prints_turns_per_second() {
    let (code, out) = run(&["bench", "--turns", "20000"]);
    assert_eq!(code, 0, "{out}");
    // "engine: N turns in C calls in S s: T turns/s, ..." with real numbers.
    let line = out
        .lines()
        .find(|l| l.starts_with("engine: "))
        .expect("engine line");
    let words: Vec<&str> = line.split_whitespace().collect();
    let turns: u64 = words[1].parse().expect("turns");
    let rate: f64 = words
        .iter()
        .position(|w| *w == "turns/s,")
        .and_then(|i| words[i - 1].parse().ok())
        .expect("turns per second");
    assert!(turns >= 20_000 && rate > 0.0, "{out}");
    assert!(
        out.contains("content: loaded and validated 5 packs"),
        "{out}"
    );
}

/// Bad options and values are errors with exit status 2 and a message naming the option, never
/// a silent default.
#[test]
fn bad_options_and_values_exit_with_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["simulate", "--difficulty", "9"],
            "--difficulty: `9` is not a whole number from 1 to 5",
        ),
        (&["simulate", "--difficulty", "x"], "--difficulty: `x`"),
        (&["simulate", "--count", "0"], "--count: `0`"),
        (&["simulate", "--seed", "-1"], "--seed: `-1`"),
        (
            &["simulate", "--colour", "red"],
            "invalid option '--colour'",
        ),
        (
            &["simulate", "--difficulty"],
            "missing argument for option '--difficulty'",
        ),
        (
            &["simulate", "--policy", "sideways"],
            "unknown policy `sideways`",
        ),
        (&["bench", "--turns", "abc"], "--turns: `abc`"),
        (&["frobnicate"], "usage: composure"),
    ];
    for (args, message) in cases {
        let (code, out) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains(message), "{args:?}: {out}");
    }
}
