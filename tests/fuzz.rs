//! A stable-Rust stand-in for a cargo-fuzz target (cargo-fuzz needs a nightly toolchain, which
//! this project's machines do not have): seeded random mutations of a valid pack, set, result and
//! record are fed to the parsers the app uses. None may panic; every refusal must carry a message.
//! Raise the iteration count with COMPOSURE_FUZZ_ITERS for a longer run.

use composure_core::content::*;
use composure_core::exchange::{ResultFile, SetFile};
use composure_core::lint::load_pack;
use composure_core::progress::parse_entry;
use composure_core::sim::{replay, CallRecord, Stream};
use std::sync::Arc;

mod common;
use common::{doc_example, lib};

fn iterations() -> usize {
    std::env::var("COMPOSURE_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

/// One random edit: flip a byte, cut, duplicate a slice, or splice in a fragment.
fn mutate(input: &[u8], rng: &mut Stream) -> Vec<u8> {
    const FRAGMENTS: &[&[u8]] = &[
        b"\"",
        b"[",
        b"]]",
        b"{",
        b"}",
        b"=",
        b",",
        b"\n[[move]]\n",
        b"\n[[move.line]]\n",
        b"\"schema\":",
        b"99999999999999999999",
        b"-1",
        b"null",
        b"\\u0000",
        b"\xff\xfe",
        b"<script>",
        b"'''",
        b"\"\"\"",
        b"inf",
        b"nan",
        b"1e999",
    ];
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if v.is_empty() {
            v.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            continue;
        }
        let at = rng.below(v.len());
        match rng.below(5) {
            0 => v[at] ^= 1 << rng.below(8),
            1 => v.truncate(at),
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                let piece = v[at..end].to_vec();
                let to = rng.below(v.len());
                v.splice(to..to, piece);
            }
            3 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                v.splice(at..at, f.iter().copied());
            }
            _ => {
                let end = (at + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
        }
    }
    v
}

fn customers() -> Arc<Customers> {
    let (file, src) = SHIPPED_CUSTOMERS;
    Arc::new(load_customers(file, src).value.expect("customers"))
}

#[test]
fn mutated_packs_never_panic_and_every_refusal_says_why() {
    let customers = customers();
    let seed = doc_example();
    let mut rng = Stream::new(0xf022, 1);
    for _ in 0..iterations() {
        let bytes = mutate(seed.as_bytes(), &mut rng);
        let text = String::from_utf8_lossy(&bytes);
        let l = load_pack("fuzz.toml", &text, &customers);
        if l.value.is_none() {
            assert!(l.errors().count() > 0, "refused without an error:\n{text}");
        }
        for d in &l.diagnostics {
            assert!(d.line >= 1 && d.col >= 1 && !d.message.is_empty());
        }
    }
}

#[test]
fn mutated_sets_results_records_and_history_never_panic() {
    let set = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/set-valid.json"
    ))
    .expect("set");
    let record = r#"{"schema":1,"campaign":"northgate-bank","content_hash":"0123456789abcdef","set":{"name":"P","campaigns":["northgate-bank"],"calls":{"type":"random","count":1},"difficulty":2,"mode":"practice","hints":true,"reply_limit_s":null,"pass_mark":70,"weights":{"composure":35,"correctness":35,"outcome":20,"responsiveness":10},"seed":5},"index":0,"choices":[{"pick":1,"ms":3000,"hint":false}],"claimed":null}"#;
    // The real content hash, so that records that survive parsing are actually replayed.
    let c = lib().campaign("northgate-bank").expect("campaign");
    let record = record.replace("0123456789abcdef", &content_hash(c, &lib().customers));
    let mut rng = Stream::new(0xf022, 2);
    for _ in 0..iterations() {
        let s = String::from_utf8_lossy(&mutate(set.as_bytes(), &mut rng)).into_owned();
        if let Err(e) = SetFile::from_json(&s) {
            assert!(!e.to_string().is_empty());
        }
        let _ = SetFile::from_link(&s);
        if let Err(e) = ResultFile::from_json(&s) {
            assert!(!e.to_string().is_empty());
        }
        let r = String::from_utf8_lossy(&mutate(record.as_bytes(), &mut rng)).into_owned();
        match CallRecord::from_json(&r) {
            // A record that parses is replayed: odd sets and choices must be refused, not crash.
            Ok(rec) => {
                if let Err(e) = replay(lib(), &rec) {
                    assert!(!e.to_string().is_empty());
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        if let Err(e) = parse_entry(&r) {
            assert!(!e.is_empty());
        }
    }
}
