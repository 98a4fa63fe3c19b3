//! Composure's pure core: everything a call is made of, with no Leptos, web-sys, js-sys, clock
//! or IO. A call is a pure function of (content, set, seed, choices with their reply times).
//!
//! Layers, bottom up (a module imports only modules below it):
//! - [`versions`]: the version of every stored or exchanged kind and the one reader that
//!   checks a document's `schema` (imports nothing from the crate).
//! - [`content`]: the data model of campaigns and customers, loading from TOML and structural
//!   validation, with every diagnostic as `file:line:col`.
//! - [`sim`]: the simulation (personas, dialogue, scoring, seeded randomness, replay).
//! - [`lint`]: checks that need both: a model agent plays every pack through, and the library
//!   check finds lines graded two ways. Shipped packs (in tests) and imported packs (in the app)
//!   go through the same [`lint::load_pack`].
//! - [`progress`]: history of finished calls, shift summaries and trends.
//! - [`flow`]: the practice and assessment flows as plain state machines the pages render.
//! - [`exchange`]: persona-set links and files, imported packs, assessment results and their
//!   verification by replay, and the trainer's results table.
//! - [`store`]: everything the app keeps (behind a `Storage` trait): typed keys, versioned
//!   reading, range checks, and damaged entries set aside and reported, never lost.
//!
//! The app (the workspace's root package) and the command-line tool (`crates/cli`) depend on
//! this crate; it depends on neither. `scripts/test` checks with `cargo tree` that nothing from
//! Leptos, web-sys, js-sys, gloo or wasm-bindgen is among its dependencies.

pub mod content;
pub mod exchange;
pub mod flow;
pub mod lint;
pub mod progress;
pub mod sim;
pub mod store;
pub mod versions;
