//! Composure: a call-centre training simulator.
//!
//! The crate has a pure core and a thin shell:
//! - [`sim`]: the simulation (personas, dialogue, scoring, seeded randomness, replay). Plain Rust:
//!   no Leptos, web-sys, js-sys, clock or IO.
//! - [`content`]: campaign packs and the customer file as validated data, with diagnostics.
//! - [`exchange`]: persona-set links and files, imported packs, assessment results and their
//!   verification by replay. Pure.
//! - [`ui`]: the Leptos single-page app that feeds choices into the core and renders its events.

pub mod content;
pub mod exchange;
pub mod progress;
pub mod sim;
pub mod ui;
