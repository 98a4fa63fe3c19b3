//! Helpers shared by the native test suites.
#![allow(dead_code)] // each suite uses only some of them

use composure_core::content::{content_hash, Library};
use composure_core::sim::{Call, CallRecord, Calls, Mode, PersonaSet, Policy, Stream, Weights};
use composure_core::store::{MemoryStorage, Storage, Store};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The shipped content, loaded and fully validated once per test binary.
pub fn lib() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| match composure_core::lint::shipped() {
        Ok(l) => l,
        Err(e) => panic!("shipped content has errors: {e:?}"),
    })
}

/// The first ```toml block of docs/content-format.md: the documented example pack.
pub fn doc_example() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/content-format.md");
    let doc = std::fs::read_to_string(path).expect("docs/content-format.md");
    let start = doc.find("```toml\n").expect("toml block") + "```toml\n".len();
    let end = start + doc[start..].find("```").expect("end of block");
    doc[start..end].to_string()
}

/// An assessment set of `count` calls of the first campaign, as a trainer would issue it.
pub fn assessment_set(seed: u64, count: u32) -> PersonaSet {
    PersonaSet {
        name: "Induction week".into(),
        campaigns: vec![lib().campaigns[0].id.to_string()],
        calls: Calls::Random { count },
        difficulty: 2,
        mode: Mode::Assessment,
        hints: false,
        reply_limit_s: Some(20),
        pass_mark: 60,
        weights: Weights::default(),
        seed,
        focus: Vec::new(),
        id: format!("a-{seed:016x}"),
        practice_open: false,
        created_ms: Some(1_699_999_000_000.0),
    }
}

/// A practice call (campaign chosen by `seed`) played to its end by `policy`, with its record.
pub fn finished_call(policy: Policy, seed: u64) -> (Call, CallRecord) {
    let lib = lib();
    let c = &lib.campaigns[(seed as usize) % lib.campaigns.len()];
    let set = PersonaSet::practice(&c.id, None, 2, false, None, seed);
    let mut call = Call::start(lib, &set, 0).expect("start");
    let mut rng = Stream::new(seed, 1);
    while !call.is_over() {
        let ch = policy.choose(&call, &mut rng);
        call.apply(ch).expect("apply");
    }
    let record = CallRecord::of(&call, content_hash(c, &lib.customers)).expect("record");
    (call, record)
}

/// The shipped library compiled (`composure compile`) and read back as the app reads it: the
/// files written, and the library.
pub fn compiled() -> (Vec<(String, String)>, Library) {
    use composure_core::content::compiled::{compile, read_campaign, read_catalog};
    let files = compile(lib(), "content/customers.toml").expect("compiles");
    let catalog = read_catalog(&files[0].1).expect("the catalog reads");
    let campaigns: Vec<_> = catalog
        .campaigns
        .iter()
        .map(|e| {
            let (_, text) = files
                .iter()
                .find(|(path, _)| *path == e.href)
                .expect("a data file for every entry");
            read_campaign(e, text).expect("the data file reads")
        })
        .collect();
    let back = Library::compiled(&catalog, &campaigns);
    (files, back)
}

/// Plays every call the attempt has still to play with a scripted player (its own random
/// stream, from the set's seed) and records each call, as the assessment page does.
pub fn play_attempt(lib: &Library, a: &mut composure_core::exchange::Attempt, policy: Policy) {
    let mut rng = Stream::new(a.set.set.seed, 7);
    while let Some(i) = a.next_index() {
        let mut call = a.start_call(lib, i).expect("start");
        while !call.is_over() {
            let c = policy.choose(&call, &mut rng);
            call.apply(c).expect("apply");
        }
        let hash = content_hash(call.campaign(), &lib.customers);
        a.done.push(CallRecord::of(&call, hash).expect("record"));
    }
}

/// What `read` returns from a store holding `entries`, after checking that it changed nothing
/// in storage (`case` names the case in a failure).
pub fn read_only<T>(
    case: &str,
    entries: &[(&str, impl AsRef<str>)],
    read: impl Fn(&Store<MemoryStorage>) -> T,
) -> T {
    let store = Store::new(MemoryStorage::default());
    for (k, v) in entries {
        store.storage().set(k, v.as_ref()).expect("set");
    }
    let snapshot = || -> BTreeMap<String, Option<String>> {
        let s = store.storage();
        s.keys()
            .into_iter()
            .map(|k| (k.clone(), s.get(&k)))
            .collect()
    };
    let before = snapshot();
    let value = read(&store);
    assert_eq!(snapshot(), before, "{case}: reads only");
    value
}
