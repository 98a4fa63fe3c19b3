//! The bad-input corpus (tests/corpus): every hostile or broken file gets the outcome listed in
//! `cases.tsv`, with a clear message and no panic. Oversized inputs are made here.

use composure_core::content::*;
use composure_core::exchange::{ResultFile, SetFile, MAX_IMPORT_BYTES};
use composure_core::lint::load_pack;
use composure_core::progress::parse_entry;
use composure_core::sim::CallRecord;
use std::sync::Arc;

fn customers() -> Arc<Customers> {
    let (file, src) = SHIPPED_CUSTOMERS;
    Arc::new(load_customers(file, src).value.expect("customers"))
}

/// Parses `text` as `kind`: Ok(()) when accepted, Err(message) when refused.
fn outcome(kind: &str, name: &str, text: &str) -> Result<(), String> {
    match kind {
        "pack" => {
            let l = load_pack(name, text, &customers());
            match l.value {
                Some(_) => Ok(()),
                None => Err(l
                    .diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")),
            }
        }
        "set-file" => SetFile::from_json(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "set-link" => SetFile::from_link(text.trim())
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "result" => ResultFile::from_json(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "record" => CallRecord::from_json(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        "history" => parse_entry(text).map(|_| ()),
        other => panic!("unknown kind {other}"),
    }
}

fn check(kind: &str, name: &str, text: &str, expected: &str) {
    match (outcome(kind, name, text), expected) {
        (Ok(()), "accepted") => {}
        (Ok(()), want) => panic!("{name}: accepted, expected a refusal containing {want:?}"),
        (Err(msg), "accepted") => panic!("{name}: refused: {msg}"),
        (Err(msg), want) => assert!(msg.contains(want), "{name}: message {msg:?} lacks {want:?}"),
    }
}

#[test]
fn every_corpus_file_gets_its_listed_outcome() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus");
    let cases = std::fs::read_to_string(format!("{dir}/cases.tsv")).expect("cases.tsv");
    let mut n = 0;
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad line in cases.tsv: {line}");
        let bytes = std::fs::read(format!("{dir}/{}", cols[0])).expect("corpus file");
        // The app reads files as text, replacing invalid UTF-8.
        let text = String::from_utf8_lossy(&bytes);
        check(cols[1], cols[0], &text, cols[2]);
        n += 1;
    }
    assert!(n >= 15, "only {n} cases");
}

#[test]
fn oversized_inputs_are_refused_by_size() {
    let big = format!(
        "{{\"schema\":1,\"pad\":\"{}\"}}",
        "x".repeat(MAX_IMPORT_BYTES)
    );
    check("set-file", "big.json", &big, "too large");
    check("result", "big.json", &big, "too large");
    check(
        "set-link",
        "big-link",
        &"A".repeat(MAX_IMPORT_BYTES + 1),
        "too large",
    );
    let pack = format!("format = 1\n# {}\n", "x".repeat(MAX_SOURCE_BYTES));
    check("pack", "big.toml", &pack, "at most");
}

#[test]
fn markup_in_a_pack_stays_plain_text_in_the_model() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/pack-markup-everywhere.toml"
    ))
    .expect("pack");
    let c = load_pack("markup.toml", &src, &customers())
        .value
        .expect("accepted");
    assert!(c.title.starts_with("<img src=x onerror=alert(1)>"));
    assert!(c
        .moves
        .iter()
        .flat_map(|m| m.say.iter().flatten())
        .all(|u| u.starts_with("<script>")));
}
