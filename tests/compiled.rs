//! The shipped content's compiled form (`content::compiled`): what `composure compile` writes
//! and the app reads. It must be the same content (same calls, same content hashes, so results
//! verify as before), and a damaged or mismatched file must be refused in words, never trusted.

use composure_core::content::compiled::{compile, read_campaign, read_catalog, CompiledError};
use composure_core::content::content_hash;
use composure_core::sim::{play, CallSpec, Policy};
use std::sync::Arc;
mod common;
use common::{compiled as round_trip, lib};

#[test]
fn the_compiled_content_is_the_shipped_content_without_its_toml_text() {
    let (files, back) = round_trip();
    assert_eq!(files[0].0, "packs/index.json");
    assert_eq!(files.len(), lib().campaigns.len() + 1);
    assert_eq!(*back.customers, *lib().customers);
    assert_eq!(back.campaigns.len(), lib().campaigns.len());
    for (a, b) in lib().campaigns.iter().zip(&back.campaigns) {
        assert!(b.source.is_empty(), "{}: no TOML text is shipped", a.id);
        let mut a = (**a).clone();
        a.source = Arc::from("");
        assert_eq!(a, **b, "{}", a.id);
        // The hash results carry is the same for both forms.
        assert_eq!(
            content_hash(&a, &lib().customers),
            content_hash(b, &back.customers)
        );
    }
    // Data file names carry a hash of their bytes (cacheable forever), and no two collide.
    for (path, _) in &files[1..] {
        assert!(
            path.starts_with("packs/") && path.ends_with(".json"),
            "{path}"
        );
    }
}

#[test]
fn a_call_plays_the_same_on_either_form() {
    let (_, back) = round_trip();
    for (i, (a, b)) in lib().campaigns.iter().zip(&back.campaigns).enumerate() {
        for seed in 0..20u64 {
            let spec = CallSpec {
                campaign: a.id.clone(),
                archetype: None,
                difficulty: 1 + (seed % 5) as u8,
                seed: seed * 7919 + i as u64,
                reply_limit_ms: None,
                hints: false,
                fate: None,
                focus: Vec::new(),
            };
            let x = play(
                a.clone(),
                lib().customers.clone(),
                spec.clone(),
                Policy::Random,
                seed,
            )
            .expect("plays");
            let y = play(
                b.clone(),
                back.customers.clone(),
                spec,
                Policy::Random,
                seed,
            )
            .expect("plays");
            assert_eq!(x.events(), y.events(), "{} seed {seed}", a.id);
        }
    }
}

/// Each case: a name, an edit of the compiled files, and a piece of the message it must give.
type Edit = fn(&mut Vec<(String, String)>);

#[test]
fn damaged_or_mismatched_files_are_refused_in_words() {
    let cases: [(&str, Edit, &str); 6] = [
        ("catalog not JSON", |f| f[0].1 = "<html>".into(), "damaged"),
        (
            "catalog from a newer build",
            |f| f[0].1 = f[0].1.replacen("\"schema\":1", "\"schema\":9", 1),
            "newer",
        ),
        (
            "catalog without a version",
            |f| f[0].1 = f[0].1.replacen("\"schema\":1,", "", 1),
            "version",
        ),
        (
            "one byte of a data file changed",
            |f| f[1].1 = f[1].1.replacen("\"title\":\"", "\"title\":\"X", 1),
            "another version",
        ),
        (
            "another campaign's file under this entry",
            |f| f[1].1 = f[2].1.clone(),
            "another version",
        ),
        (
            "a data file cut short",
            |f| {
                let n = f[1].1.len() / 2;
                f[1].1.truncate(n)
            },
            "another version",
        ),
    ];
    for (name, edit, want) in cases {
        let mut files = compile(lib(), "content/customers.toml").expect("compiles");
        edit(&mut files);
        let outcome: Result<(), CompiledError> = read_catalog(&files[0].1).and_then(|c| {
            for e in &c.campaigns {
                let (_, text) = files.iter().find(|(p, _)| *p == e.href).expect("file");
                read_campaign(e, text)?;
            }
            Ok(())
        });
        let err = outcome.expect_err(name).to_string();
        assert!(err.contains(want), "{name}: {err}");
    }
}
