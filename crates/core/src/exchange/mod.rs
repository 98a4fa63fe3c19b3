//! What trainers and candidates exchange, and every check made when it arrives.
//!
//! There is no server: a persona set travels as a link or a file, an imported pack as its TOML
//! source, an assessment result as a JSON file. This module holds all of those formats and
//! their checks, plus the result table (verdicts, sorting, CSV, score distribution). It is pure
//! (no web-sys, no clock, no storage) and tested natively in `tests/exchange.rs`.
//!
//! **Pass rule of an assessment.** The overall assessment score is the mean of the calls'
//! overall scores (and likewise for each part score), rounded to the nearest whole point; the
//! candidate passes when that mean overall is at or above the set's pass mark.
//!
//! **What verification can and cannot prove.** A result file carries the inputs of every call
//! (set, seed, choices, reply times); the trainer's copy of the app replays them and compares
//! the scores and transcript digest it gets with those the file claims. Edited scores, choices,
//! seeds or sets are therefore caught. The candidate's name, times and tab-leave count cannot be
//! replayed; a seal (a hash of the whole file) catches casual edits of them, but anyone who reads
//! this source can recompute it. A browser-only app cannot stop a determined cheat; replay is the
//! defence for everything that matters to the score.

mod base64;
mod errors;
mod identity;
mod packs;
mod results;
pub mod scorm;
mod sets;
mod table;
mod xapi;
mod xapi_read;

pub use base64::*;
pub use errors::*;
pub use identity::*;
pub use packs::*;
pub use results::*;
pub use sets::*;
pub use table::*;
pub use xapi::*;
pub use xapi_read::*;

use crate::content::{content_hash, fnv1a, parse_pack, Library, Severity};
use crate::lint::load_pack;
use crate::sim::{
    self, Call, CallRecord, Calls, Mode, PersonaSet, RecordError, Scores, Weights, MAX_NAME_CHARS,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest file (or link) accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// Schema version of set files, set links and result files.
pub const EXCHANGE_SCHEMA: u32 = 1;
/// `kind` of a persona-set file or link.
pub const SET_KIND: &str = "composure-set";
/// `kind` of an assessment result file.
pub const RESULT_KIND: &str = "composure-result";
/// Longest link we hand out; sets over it travel as files.
pub const MAX_LINK_CHARS: usize = 4000;
