//! Bad packs as data: every `tests/data/bad-packs/NAME.toml` is loaded (played through, against
//! the shipped customers) and its diagnostics, each with its full range, must be exactly those
//! in `NAME.expected`. Every case runs; all mismatches are reported together at the end.
//!
//! `UPDATE_EXPECT=1 cargo test -p composure-core --test bad_packs` rewrites the `.expected` files
//! from what the loader says now (review the diff before committing). The format is described in
//! `tests/data/bad-packs/README.md`.

use composure_core::content::{load_customers, Customers, Diagnostic, SHIPPED_CUSTOMERS};
use composure_core::lint::load_pack;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Fewer cases than this means the folder was not found or lost its files.
const MIN_CASES: usize = 15;

fn customers() -> Arc<Customers> {
    let (file, src) = SHIPPED_CUSTOMERS;
    let l = load_customers(file, src);
    assert!(l.diagnostics.is_empty(), "{:#?}", l.diagnostics);
    Arc::new(l.value.expect("customers"))
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bad-packs")
}

/// One diagnostic as an `.expected` line: `line:col-end_line:end_col: severity: message`, with
/// any line break in the message written as `\n` so that each diagnostic keeps to one line.
fn render(d: &Diagnostic) -> String {
    d.with_range().replace('\\', "\\\\").replace('\n', "\\n")
}

/// What the loader says about one case, as the text of its `.expected` file, or the problems
/// that no `.expected` file could describe (a broken invariant of the diagnostics themselves).
fn run_case(name: &str, src: &str, customers: &Arc<Customers>) -> Result<String, Vec<String>> {
    let file = format!("{name}.toml");
    let l = load_pack(&file, src, customers);
    let mut problems = Vec::new();
    if l.diagnostics.is_empty() {
        problems.push("a bad pack must yield at least one diagnostic; it yielded none".into());
    }
    let has_errors = l.errors().next().is_some();
    if l.value.is_some() == has_errors {
        problems.push(format!(
            "the pack was {} although it has {} errors",
            if l.value.is_some() {
                "accepted"
            } else {
                "refused"
            },
            if has_errors { "some" } else { "no" }
        ));
    }
    let lines = src.split('\n').count() as u32;
    for d in &l.diagnostics {
        if d.file != file {
            problems.push(format!("diagnostic names file {:?}: {d}", d.file));
        }
        let (start, end) = ((d.line, d.col), (d.end_line, d.end_col));
        if d.line < 1 || d.col < 1 || end < start || d.end_line > lines {
            problems.push(format!("bad range {}: {d}", d.range()));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(l.diagnostics
        .iter()
        .map(|d| render(d) + "\n")
        .collect::<String>())
}

/// A line-by-line account of how `got` differs from `want`.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut out = Vec::new();
    for l in w.iter().filter(|l| !g.contains(l)) {
        out.push(format!("    - {l}"));
    }
    for l in g.iter().filter(|l| !w.contains(l)) {
        out.push(format!("    + {l}"));
    }
    if out.is_empty() {
        out.push("    (the same lines, in another order or number)".into());
    }
    out.join("\n")
}

#[test]
fn every_bad_pack_yields_exactly_its_expected_diagnostics() {
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let customers = customers();
    let dir = dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let cases: Vec<&str> = names
        .iter()
        .filter_map(|n| n.strip_suffix(".toml"))
        .collect();
    let mut failures: Vec<String> = Vec::new();
    if cases.len() < MIN_CASES {
        failures.push(format!(
            "{}: {} cases; at least {MIN_CASES} expected",
            dir.display(),
            cases.len()
        ));
    }
    // An .expected file whose case is gone would check nothing.
    for orphan in names
        .iter()
        .filter_map(|n| n.strip_suffix(".expected"))
        .filter(|n| !cases.contains(n))
    {
        failures.push(format!("{orphan}.expected has no {orphan}.toml beside it"));
    }
    let mut updated = 0;
    for name in &cases {
        let src = match std::fs::read_to_string(dir.join(format!("{name}.toml"))) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}.toml: cannot read: {e}"));
                continue;
            }
        };
        let got = match run_case(name, &src, &customers) {
            Ok(got) => got,
            Err(problems) => {
                failures.push(format!("{name}.toml:\n    {}", problems.join("\n    ")));
                continue;
            }
        };
        let path = dir.join(format!("{name}.expected"));
        let want = std::fs::read_to_string(&path).ok();
        if want.as_deref() == Some(got.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&path, &got).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            updated += 1;
            continue;
        }
        match want {
            None => failures.push(format!(
                "{name}.toml has no {name}.expected (run with UPDATE_EXPECT=1 to write it); the loader says:\n{got}"
            )),
            Some(want) => failures.push(format!(
                "{name}.toml: the diagnostics differ from {name}.expected (- expected, + got):\n{}",
                diff(&want, &got)
            )),
        }
    }
    if update && updated > 0 {
        eprintln!("UPDATE_EXPECT: rewrote {updated} .expected file(s)");
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-pack case(s) failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The comparison itself can fail: a pack that is not bad, and a diagnostic moved by one
/// column, are both caught.
#[test]
fn the_check_rejects_a_good_pack_and_a_moved_range() {
    let customers = customers();
    let good = composure_core::content::SHIPPED_PACKS[0].1;
    let problems = run_case("good", good, &customers).expect_err("a clean pack is no bad pack");
    assert!(
        problems[0].contains("at least one diagnostic"),
        "{problems:?}"
    );

    let src = std::fs::read_to_string(dir().join("unknown-key.toml")).expect("case");
    let got = run_case("unknown-key", &src, &customers).expect("diagnostics");
    let first = got.lines().next().expect("a diagnostic");
    let (range, rest) = first.split_once(": ").expect("range");
    let (start, end) = range.split_once('-').expect("start-end");
    let (line, col) = start.split_once(':').expect("line:col");
    let col: u32 = col.parse().expect("col");
    let moved = format!("{line}:{}-{end}: {rest}\n", col + 1);
    assert_ne!(moved, format!("{first}\n"));
    assert!(diff(&moved, &got).contains("- "), "{}", diff(&moved, &got));
}

/// A diagnostic saved before ranges existed reads back with an unknown end (`0:0`), and one
/// with a range round-trips.
#[test]
fn diagnostics_without_an_end_still_read() {
    let old = r#"{"file":"a.toml","line":3,"col":1,"severity":"error","message":"m"}"#;
    let d: Diagnostic = serde_json::from_str(old).expect("old diagnostic");
    assert_eq!((d.line, d.col, d.end_line, d.end_col), (3, 1, 0, 0));
    assert_eq!(d.to_string(), "a.toml:3:1: error: m");
    let d = Diagnostic {
        end_line: 4,
        end_col: 9,
        ..d
    };
    let back: Diagnostic =
        serde_json::from_str(&serde_json::to_string(&d).expect("json")).expect("back");
    assert_eq!(back, d);
    assert_eq!(back.with_range(), "3:1-4:9: error: m");
}
