//! Helpers shared by the native test suites.
#![allow(dead_code)] // each suite uses only some of them

use composure_core::content::Library;
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
