//! The core's layering, checked from its source: each top-level module may use only the modules
//! of the layers below it, so no module imports a module that imports it back.
//!
//! Bottom up: `versions`; `content` (the data model, loading, structural checks); `sim`; then
//! `lint` (playthroughs) and `progress`; `exchange`; and `flow` and `store` at the top.

use std::collections::BTreeMap;
use std::path::Path;

/// Each module with its layer; a module may use modules of strictly lower layers only.
const LAYERS: &[(&str, u32)] = &[
    ("versions", 0),
    ("content", 1),
    ("sim", 2),
    ("lint", 3),
    ("progress", 3),
    ("exchange", 4),
    ("flow", 5),
    ("store", 5),
];

/// Every `crate::MODULE` named in code (not in comments) under `path`.
fn uses(path: &Path, out: &mut BTreeMap<String, Vec<String>>) {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(path)
            .expect("read dir")
            .map(|e| e.expect("entry").path())
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    for f in files {
        if f.is_dir() {
            uses(&f, out);
            continue;
        }
        let text = std::fs::read_to_string(&f).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut rest = code;
            while let Some(i) = rest.find("crate::") {
                rest = &rest[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.entry(name)
                    .or_default()
                    .push(format!("{}:{}", f.display(), n + 1));
            }
        }
    }
}

#[test]
fn every_core_module_uses_only_the_layers_below_it() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let layer = |m: &str| LAYERS.iter().find(|(n, _)| *n == m).map(|(_, l)| *l);
    let mut wrong = Vec::new();
    let mut edges = 0;
    for (module, own) in LAYERS {
        let dir = src.join(module);
        let path = if dir.is_dir() {
            dir
        } else {
            src.join(format!("{module}.rs"))
        };
        assert!(path.exists(), "{module}: no source at {}", path.display());
        let mut used = BTreeMap::new();
        uses(&path, &mut used);
        for (target, places) in used {
            if target == *module {
                continue;
            }
            edges += 1;
            match layer(&target) {
                Some(l) if l < *own => {}
                Some(l) => wrong.push(format!(
                    "{module} (layer {own}) uses {target} (layer {l}) at {}",
                    places.join(", ")
                )),
                None => wrong.push(format!(
                    "{module} uses crate::{target}, which has no layer here, at {}",
                    places.join(", ")
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
    assert!(edges >= 10, "only {edges} uses found: the scan is broken");
    // Every module of the crate has a layer.
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines().filter(|l| l.starts_with("pub mod ")) {
        let m = line.trim_start_matches("pub mod ").trim_end_matches(';');
        assert!(layer(m).is_some(), "module {m} has no layer in this test");
    }
}
