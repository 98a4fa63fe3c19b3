//! Composure: a call-centre training simulator that runs in the browser.
//!
//! This package is the thin shell: the Leptos single-page app in [`ui`], which feeds the
//! trainee's choices into the pure core and renders the events that come out. The core lives
//! in its own crate, `composure-core` (crates/core); its modules are re-exported here so the
//! shell reads `crate::sim`, `crate::content`, … as before.

pub use composure_core::{content, exchange, flow, lint, progress, sim};
pub mod ui;
