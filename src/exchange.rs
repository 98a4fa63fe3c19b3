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

use crate::content::{content_hash, fnv1a, load_pack, load_pack_checked, Library, Severity};
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

// ---------------------------------------------------------------------------------------------
// Errors

/// Why an imported file or link was refused. Its `Display` names the problem in plain words.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    TooLarge(usize),
    Empty,
    Truncated,
    Malformed(String),
    NoSchema,
    FutureSchema(u32),
    WrongKind { expected: String, found: String },
    Invalid(String),
    BadLink,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(
                f,
                "it is too large ({:.1} MB; the limit is 5 MB)",
                *n as f64 / (1024.0 * 1024.0)
            ),
            ImportError::Empty => write!(f, "it is empty"),
            ImportError::Truncated => write!(f, "it is cut short (truncated)"),
            ImportError::Malformed(m) => write!(f, "it is not valid Composure data ({m})"),
            ImportError::NoSchema => write!(f, "it has no schema version"),
            ImportError::FutureSchema(v) => write!(
                f,
                "it uses schema version {v}, made by a newer version of Composure (this one reads {EXCHANGE_SCHEMA})"
            ),
            ImportError::WrongKind { expected, found } => write!(
                f,
                "it is {} {} file, not {} {}",
                article(kind_words(found)),
                kind_words(found),
                article(kind_words(expected)),
                kind_words(expected)
            ),
            ImportError::Invalid(m) => write!(f, "{m}"),
            ImportError::BadLink => write!(f, "the link is damaged (cut short or mistyped)"),
        }
    }
}

/// "a" or "an" before a word, by its first letter.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn kind_words(kind: &str) -> &str {
    match kind {
        SET_KIND => "persona set",
        RESULT_KIND => "assessment result",
        "" => "unknown",
        _ => "different kind of",
    }
}

/// Reads a JSON document of `kind`: size, syntax, schema version and kind are checked first.
fn read_doc<T: DeserializeOwned>(text: &str, kind: &str) -> Result<T, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::Malformed(e.to_string())
        }
    })?;
    let schema = match value.get("schema") {
        None => return Err(ImportError::NoSchema),
        Some(v) => v.as_u64().ok_or_else(|| {
            ImportError::Malformed(format!("schema `{v}` is not a version number"))
        })?,
    };
    if schema > u64::from(EXCHANGE_SCHEMA) {
        return Err(ImportError::FutureSchema(
            schema.min(u64::from(u32::MAX)) as u32
        ));
    }
    if schema == 0 {
        return Err(ImportError::Malformed("schema 0 is not a version".into()));
    }
    let found = value
        .get("kind")
        .and_then(|k| k.as_str())
        .unwrap_or("")
        .to_string();
    if found != kind {
        return Err(ImportError::WrongKind {
            expected: kind.into(),
            found,
        });
    }
    serde_json::from_value(value).map_err(|e| ImportError::Malformed(e.to_string()))
}

// ---------------------------------------------------------------------------------------------
// Base64url

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding and standard `+/` tolerated); `None` if damaged.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.trim().trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return None;
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Packs

/// A pack's source as it travels and is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSource {
    pub file: String,
    pub source: String,
}

/// What importing a pack gave: every diagnostic as text, and the pack when it is usable.
#[derive(Clone, Debug, PartialEq)]
pub struct PackImport {
    pub diagnostics: Vec<String>,
    pub errors: usize,
    /// The campaign id and title, when the pack is accepted.
    pub accepted: Option<(String, String)>,
    /// Why it was refused, in words.
    pub refused: Option<String>,
}

/// Checks a trainer's pack with the same validator as the shipped content. `shipped_ids` are
/// the built-in campaign ids, which an imported pack may not take over.
pub fn import_pack(lib: &Library, shipped_ids: &[String], file: &str, src: &str) -> PackImport {
    if src.len() > MAX_IMPORT_BYTES {
        return PackImport {
            diagnostics: Vec::new(),
            errors: 0,
            accepted: None,
            refused: Some(format!(
                "The pack was not imported: {}.",
                ImportError::TooLarge(src.len())
            )),
        };
    }
    let loaded = load_pack(file, src, &lib.customers);
    let diagnostics: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let refused = match &loaded.value {
        None => Some(format!(
            "The pack was not imported: it has {errors} error(s). Fix them and import it again."
        )),
        Some(c) if shipped_ids.iter().any(|id| id == &*c.id) => Some(format!(
            "The pack was not imported: its id `{}` is the id of a built-in campaign. Give it another id.",
            c.id
        )),
        Some(_) => None,
    };
    PackImport {
        diagnostics,
        errors,
        accepted: if refused.is_none() {
            loaded
                .value
                .as_ref()
                .map(|c| (c.id.to_string(), c.title.to_string()))
        } else {
            None
        },
        refused,
    }
}

/// The shipped library plus imported packs (checked at import, so not played through again).
/// Packs that no longer load, or that clash with a built-in id, are left out and reported; a
/// later pack with the same id replaces an earlier one.
pub fn compose_library(shipped: &Library, packs: &[PackSource]) -> (Library, Vec<String>) {
    let mut lib = shipped.clone();
    let builtin: Vec<String> = shipped.campaigns.iter().map(|c| c.id.to_string()).collect();
    let mut problems = Vec::new();
    for p in packs {
        let l = load_pack_checked(&p.file, &p.source, &lib.customers, false);
        match l.value {
            Some(c) if builtin.iter().any(|id| id == &*c.id) => problems.push(format!(
                "The pack {} uses the id of a built-in campaign and was left out.",
                p.file
            )),
            Some(c) => {
                lib.campaigns.retain(|x| x.id != c.id);
                lib.campaigns.push(c);
            }
            None => problems.push(format!("The pack {} could not be loaded.", p.file)),
        }
    }
    (lib, problems)
}

/// The imported packs (not shipped) a set's campaigns need, from `lib`.
pub fn packs_for(lib: &Library, shipped: &Library, set: &PersonaSet) -> Vec<PackSource> {
    set.campaigns
        .iter()
        .filter(|id| shipped.campaign(id).is_none())
        .filter_map(|id| lib.campaign(id))
        .map(|c| PackSource {
            file: c.file.to_string(),
            source: c.source.to_string(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Persona sets

/// A persona set as a file or a link. A set that uses imported packs embeds their source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetFile {
    pub schema: u32,
    pub kind: String,
    pub set: PersonaSet,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackSource>,
}

impl SetFile {
    pub fn new(set: PersonaSet, packs: Vec<PackSource>) -> SetFile {
        SetFile {
            schema: EXCHANGE_SCHEMA,
            kind: SET_KIND.into(),
            set,
            packs,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a set file: format checks, then the set's own invariants.
    pub fn from_json(text: &str) -> Result<SetFile, ImportError> {
        let f: SetFile = read_doc(text, SET_KIND)?;
        f.set
            .check()
            .map_err(|m| ImportError::Invalid(format!("the set is not valid: {m}")))?;
        if f.set.name.trim().is_empty() {
            return Err(ImportError::Invalid("the set has no name".into()));
        }
        Ok(f)
    }

    /// The link payload (base64url of compact JSON); `None` when the set embeds packs or the
    /// link would be too long, in which case it travels as a file.
    pub fn link_payload(&self) -> Option<String> {
        if !self.packs.is_empty() {
            return None;
        }
        let json = serde_json::to_string(self).ok()?;
        let p = base64url_encode(json.as_bytes());
        (p.len() <= MAX_LINK_CHARS).then_some(p)
    }

    /// Reads a link payload.
    pub fn from_link(payload: &str) -> Result<SetFile, ImportError> {
        if payload.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge(payload.len()));
        }
        let bytes = base64url_decode(payload).ok_or(ImportError::BadLink)?;
        let text = String::from_utf8(bytes).map_err(|_| ImportError::BadLink)?;
        SetFile::from_json(&text).map_err(|e| match e {
            ImportError::Truncated | ImportError::Malformed(_) | ImportError::Empty => {
                ImportError::BadLink
            }
            other => other,
        })
    }
}

/// Why a set has no share link, for the trainer: `None` when it has one.
pub fn no_link_reason(file: &SetFile) -> Option<&'static str> {
    if file.link_payload().is_some() {
        None
    } else if !file.packs.is_empty() {
        Some("This set uses an imported pack, so it travels as a file: use Download file.")
    } else {
        Some("This set is too large for a link, so it travels as a file: use Download file.")
    }
}

/// The path (with query) a set's link opens: practice sets on /practice, assessments on
/// /assessment.
pub fn set_link_path(payload: &str, mode: Mode) -> String {
    match mode {
        Mode::Practice => format!("/practice?set={payload}"),
        Mode::Assessment => format!("/assessment?set={payload}"),
    }
}

/// Whether a set may be played on the Practice page. A set's id starts with `a-` when its
/// trainer issued it as an assessment and `p-` for practice, so a link whose mode was switched to
/// practice is recognised; an assessment set is practised only when its trainer opened it for
/// practice. (Even then, each assessment attempt draws its own salt, so practice never predicts
/// an attempt's calls.)
pub fn practice_allowed(set: &PersonaSet) -> Result<(), String> {
    match set.mode {
        Mode::Assessment if set.practice_open => Ok(()),
        Mode::Assessment => Err("This link is an assessment: open it on the Assessment page.".into()),
        Mode::Practice if set.id.starts_with("a-") && !set.practice_open => Err(
            "This set was issued as an assessment, and its link was changed to practice. Your trainer can open the set for practice; until then, take it on the Assessment page.".into(),
        ),
        Mode::Practice => Ok(()),
    }
}

/// Checks that a set can be played with `lib`: its own invariants, campaigns and archetypes.
pub fn check_set(lib: &Library, set: &PersonaSet) -> Result<(), String> {
    set.check()?;
    for c in &set.campaigns {
        if lib.campaign(c).is_none() {
            return Err(format!("the campaign `{c}` is not available here"));
        }
    }
    if let Calls::Chosen { archetypes } = &set.calls {
        for a in archetypes {
            if lib.customers.archetype(a).is_none() {
                return Err(format!(
                    "the customer archetype `{a}` is not available here"
                ));
            }
        }
    }
    Ok(())
}

/// The form a trainer fills in, as the text of its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SetForm {
    pub name: String,
    pub campaigns: Vec<String>,
    /// `"random"` or `"chosen"`.
    pub calls_kind: String,
    pub count: String,
    pub archetypes: Vec<String>,
    pub difficulty: String,
    /// `"practice"` or `"assessment"`.
    pub mode: String,
    pub hints: bool,
    /// Seconds, or `"off"`.
    pub reply_limit: String,
    pub pass_mark: String,
    pub weights: [String; 4],
    pub seed: String,
    /// The set's identity: drawn once when the form is new, kept through edits and exports.
    pub id: String,
    /// An assessment set that candidates may also practise on.
    pub practice_open: bool,
    pub created_ms: Option<f64>,
}

impl SetForm {
    /// A new form: the first campaign, five random customers, assessment defaults.
    pub fn new(first_campaign: Option<String>, seed: u64) -> SetForm {
        let w = Weights::default();
        SetForm {
            name: String::new(),
            campaigns: first_campaign.into_iter().collect(),
            calls_kind: "random".into(),
            count: "5".into(),
            archetypes: Vec::new(),
            difficulty: "3".into(),
            mode: "assessment".into(),
            hints: false,
            reply_limit: "30".into(),
            pass_mark: "70".into(),
            weights: [
                w.composure.to_string(),
                w.correctness.to_string(),
                w.outcome.to_string(),
                w.responsiveness.to_string(),
            ],
            seed: seed.to_string(),
            id: format!("{:016x}", sim::mix(seed, 0x1d)),
            practice_open: false,
            created_ms: None,
        }
    }

    pub fn from_set(set: &PersonaSet) -> SetForm {
        let w = set.weights;
        let (calls_kind, count, archetypes) = match &set.calls {
            Calls::Random { count } => ("random", count.to_string(), Vec::new()),
            Calls::Chosen { archetypes } => {
                ("chosen", archetypes.len().to_string(), archetypes.clone())
            }
        };
        SetForm {
            name: set.name.clone(),
            campaigns: set.campaigns.clone(),
            calls_kind: calls_kind.into(),
            count,
            archetypes,
            difficulty: set.difficulty.to_string(),
            mode: match set.mode {
                Mode::Practice => "practice",
                Mode::Assessment => "assessment",
            }
            .into(),
            hints: set.hints,
            reply_limit: set
                .reply_limit_s
                .map_or("off".to_string(), |s| s.to_string()),
            pass_mark: set.pass_mark.to_string(),
            weights: [
                w.composure.to_string(),
                w.correctness.to_string(),
                w.outcome.to_string(),
                w.responsiveness.to_string(),
            ],
            seed: set.seed.to_string(),
            id: set.id.clone(),
            practice_open: set.practice_open,
            created_ms: set.created_ms,
        }
    }

    /// The set the form describes, or the first problem in words naming the field.
    pub fn to_set(&self, lib: &Library) -> Result<PersonaSet, String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err("Set name: give the set a name.".into());
        }
        if name.chars().count() > 80 {
            return Err("Set name: use at most 80 characters.".into());
        }
        if self.campaigns.is_empty() {
            return Err("Campaign: choose at least one campaign.".into());
        }
        let number = |field: &str, text: &str, max: u64| -> Result<u64, String> {
            text.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{field}: enter a whole number from 0 to {max}."))
        };
        let calls = if self.calls_kind == "chosen" {
            if self.archetypes.is_empty() {
                return Err("Customers: choose at least one customer.".into());
            }
            Calls::Chosen {
                archetypes: self.archetypes.clone(),
            }
        } else {
            let count = number("Number of calls", &self.count, u64::from(sim::MAX_CALLS))?;
            if count == 0 {
                return Err(format!("Number of calls: enter 1 to {}.", sim::MAX_CALLS));
            }
            Calls::Random {
                count: count as u32,
            }
        };
        let difficulty = number("Difficulty", &self.difficulty, 5)? as u8;
        let mode = if self.mode == "practice" {
            Mode::Practice
        } else {
            Mode::Assessment
        };
        let reply_limit_s = match self.reply_limit.trim() {
            "" | "off" | "Off" => None,
            s => Some(number("Time limit per reply", s, 600)? as u32),
        };
        let pass_mark = number("Pass mark", &self.pass_mark, 100)? as u8;
        let labels = [
            "Composure weight",
            "Correctness weight",
            "Outcome weight",
            "Responsiveness weight",
        ];
        let mut w = [0u32; 4];
        for i in 0..4 {
            w[i] = number(labels[i], &self.weights[i], 1000)? as u32;
        }
        let seed = self
            .seed
            .trim()
            .parse::<u64>()
            .map_err(|_| "Seed: enter a whole number.".to_string())?;
        let set = PersonaSet {
            name: name.to_string(),
            campaigns: self.campaigns.clone(),
            calls,
            difficulty,
            mode,
            hints: self.hints && mode == Mode::Practice,
            reply_limit_s,
            pass_mark,
            weights: Weights {
                composure: w[0],
                correctness: w[1],
                outcome: w[2],
                responsiveness: w[3],
            },
            seed,
            focus: Vec::new(),
            // The id records the mode the set was issued in (see [`practice_allowed`]).
            id: {
                let base = self
                    .id
                    .strip_prefix("a-")
                    .or_else(|| self.id.strip_prefix("p-"))
                    .unwrap_or(&self.id);
                let base = if base.is_empty() {
                    format!("{:016x}", sim::mix(seed, 0x1d))
                } else {
                    base.to_string()
                };
                let mode = if mode == Mode::Assessment { "a" } else { "p" };
                format!("{mode}-{base}")
            },
            practice_open: self.practice_open && mode == Mode::Assessment,
            created_ms: self.created_ms,
        };
        check_set(lib, &set).map_err(|m| {
            let mut s = m;
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            format!("{s}.")
        })?;
        Ok(set)
    }
}

// ---------------------------------------------------------------------------------------------
// Assessment results

/// Mean scores of an assessment and its verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub scores: Scores,
    pub passed: bool,
}

fn mean(values: impl Iterator<Item = u8>) -> u8 {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    if n == 0 {
        0
    } else {
        ((2 * sum + n) / (2 * n)).min(100) as u8
    }
}

/// Mean of each score over the calls (rounded), passed when the mean overall reaches the mark.
pub fn summarize(scores: &[Scores], pass_mark: u8) -> Summary {
    let s = Scores {
        overall: mean(scores.iter().map(|s| s.overall)),
        composure: mean(scores.iter().map(|s| s.composure)),
        correctness: mean(scores.iter().map(|s| s.correctness)),
        outcome: mean(scores.iter().map(|s| s.outcome)),
        responsiveness: mean(scores.iter().map(|s| s.responsiveness)),
    };
    Summary {
        scores: s,
        passed: !scores.is_empty() && s.overall >= pass_mark,
    }
}

/// A combined hash of the content of a set's campaigns, or `None` if one is missing.
pub fn set_content_hash(lib: &Library, set: &PersonaSet) -> Option<String> {
    let mut bytes = Vec::new();
    for id in &set.campaigns {
        let c = lib.campaign(id)?;
        bytes.extend_from_slice(content_hash(c, &lib.customers).as_bytes());
        bytes.push(0);
    }
    Some(format!("{:016x}", fnv1a(&bytes)))
}

/// An assessment result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultFile {
    pub schema: u32,
    pub kind: String,
    pub app_version: String,
    /// [`set_content_hash`] of the content the assessment was taken with.
    pub content_hash: String,
    pub set: PersonaSet,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackSource>,
    pub candidate: String,
    pub started_at_ms: f64,
    pub finished_at_ms: f64,
    /// How many times the candidate left the tab during the assessment.
    pub tab_leaves: u32,
    /// How many times the page was reloaded during the assessment.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reloads: u32,
    /// The attempt's salt: every call of the attempt was seeded with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<u64>,
    /// One record per call, in order, with the claimed scores and the transcript digest.
    pub calls: Vec<CallRecord>,
    pub claimed: Summary,
    /// The tamper check: a plain hash of everything above. It catches casual edits of what
    /// replay cannot check (name, times, tab leaves), but anyone can recompute it: it is no
    /// proof.
    pub seal: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct SealInput<'a> {
    content_hash: &'a str,
    set: &'a PersonaSet,
    candidate: &'a str,
    started_at_ms: f64,
    finished_at_ms: f64,
    tab_leaves: u32,
    #[serde(skip_serializing_if = "is_zero")]
    reloads: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<u64>,
    calls: &'a [CallRecord],
    claimed: &'a Summary,
}

fn seal_of(r: &ResultFile) -> String {
    let json = serde_json::to_string(&SealInput {
        content_hash: &r.content_hash,
        set: &r.set,
        candidate: &r.candidate,
        started_at_ms: r.started_at_ms,
        finished_at_ms: r.finished_at_ms,
        tab_leaves: r.tab_leaves,
        reloads: r.reloads,
        salt: r.salt,
        calls: &r.calls,
        claimed: &r.claimed,
    })
    .unwrap_or_default();
    let a = fnv1a(json.as_bytes());
    let b = fnv1a(format!("composure-seal:{a:016x}:{json}").as_bytes());
    format!("{a:016x}{b:016x}")
}

/// An assessment as the candidate's browser keeps it while it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub schema: u32,
    pub set: SetFile,
    pub candidate: String,
    pub started_at_ms: f64,
    pub tab_leaves: u32,
    /// Finished calls, in order.
    pub done: Vec<CallRecord>,
    /// The call under way.
    #[serde(default)]
    pub current: Option<CallRecord>,
    #[serde(default)]
    pub finished_at_ms: Option<f64>,
    /// The salt drawn when the candidate pressed "Begin assessment": every call of the attempt
    /// is seeded with it, so no rehearsal of the link predicts them. `None` only in attempts
    /// saved before salts existed.
    #[serde(default)]
    pub salt: Option<u64>,
    /// How many times the page was reloaded while the attempt ran.
    #[serde(default)]
    pub reloads: u32,
    /// When the current offer appeared (Unix ms), so that a reload keeps its reply deadline.
    #[serde(default)]
    pub offer_at_ms: Option<f64>,
}

impl Attempt {
    /// A new attempt; `salt` comes from the browser's random source when the candidate begins.
    /// The candidate's name is cut to [`MAX_NAME_CHARS`].
    pub fn new(set: SetFile, candidate: String, started_at_ms: f64, salt: u64) -> Attempt {
        Attempt {
            schema: EXCHANGE_SCHEMA,
            set,
            candidate: candidate.chars().take(MAX_NAME_CHARS).collect(),
            started_at_ms,
            tab_leaves: 0,
            done: Vec::new(),
            current: None,
            finished_at_ms: None,
            salt: Some(salt),
            reloads: 0,
            offer_at_ms: None,
        }
    }

    /// Reads a stored attempt: one saved by a newer version of Composure is refused (never used
    /// half-understood), as is one that is not an attempt.
    pub fn from_json(text: &str) -> Result<Attempt, ImportError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge(text.len()));
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
        match value.get("schema").and_then(|v| v.as_u64()) {
            None => return Err(ImportError::NoSchema),
            Some(v) if v > u64::from(EXCHANGE_SCHEMA) => {
                return Err(ImportError::FutureSchema(v.min(u64::from(u32::MAX)) as u32))
            }
            Some(_) => {}
        }
        serde_json::from_value(value).map_err(|e| ImportError::Malformed(e.to_string()))
    }

    /// The attempt after a reload of its page: the reload is counted, and the time the offer on
    /// screen first appeared is returned (when a call is under way) so that its reply deadline
    /// runs on instead of starting again.
    pub fn resumed(&mut self) -> Option<f64> {
        self.reloads += 1;
        self.current.as_ref().and(self.offer_at_ms)
    }

    /// Starts call `index` of this attempt, seeded with its salt.
    pub fn start_call(&self, lib: &Library, index: u32) -> Result<sim::Call, sim::SimError> {
        sim::Call::start_salted(lib, &self.set.set, index, self.salt)
    }

    /// The index of the next call to play, or `None` when all are done.
    pub fn next_index(&self) -> Option<u32> {
        let n = self.done.len() as u32;
        (n < self.set.set.len()).then_some(n)
    }
}

/// Builds the result file of a finished attempt.
pub fn result_of(
    lib: &Library,
    attempt: &Attempt,
    app_version: &str,
) -> Result<ResultFile, String> {
    let set = &attempt.set.set;
    if attempt.done.len() as u32 != set.len() {
        return Err(format!(
            "only {} of {} calls are finished",
            attempt.done.len(),
            set.len()
        ));
    }
    let scores: Vec<Scores> = attempt
        .done
        .iter()
        .map(|r| r.claimed.ok_or("a call has no scores"))
        .collect::<Result<_, _>>()?;
    let mut r = ResultFile {
        schema: EXCHANGE_SCHEMA,
        kind: RESULT_KIND.into(),
        app_version: app_version.into(),
        content_hash: set_content_hash(lib, set).ok_or("a campaign of the set is missing")?,
        set: set.clone(),
        packs: attempt.set.packs.clone(),
        candidate: attempt.candidate.clone(),
        started_at_ms: attempt.started_at_ms,
        finished_at_ms: attempt.finished_at_ms.unwrap_or(attempt.started_at_ms),
        tab_leaves: attempt.tab_leaves,
        reloads: attempt.reloads,
        salt: attempt.salt,
        calls: attempt.done.clone(),
        claimed: summarize(&scores, set.pass_mark),
        seal: String::new(),
    };
    r.seal = seal_of(&r);
    Ok(r)
}

impl ResultFile {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a result file: size, syntax, schema and kind (verification is separate).
    pub fn from_json(text: &str) -> Result<ResultFile, ImportError> {
        read_doc(text, RESULT_KIND)
    }
}

/// What replaying a result says about it.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Verified,
    NotVerified(String),
    /// Made with other content than this app has: no verdict either way.
    ContentChanged(String),
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Verified => "Verified",
            Verdict::NotVerified(_) => "Not verified",
            Verdict::ContentChanged(_) => "Content changed",
        }
    }
    /// The label with the reason, for the table.
    pub fn text(&self) -> String {
        match self {
            Verdict::Verified => "Verified".into(),
            Verdict::NotVerified(r) => format!("Not verified: {r}"),
            Verdict::ContentChanged(r) => format!("Content changed: {r}"),
        }
    }
}

/// A result after replay: the verdict, the summary shown (the replay's when every call
/// replayed, else the claimed one), and the replayed calls for the transcript.
#[derive(Clone, Debug)]
pub struct Checked {
    pub file: ResultFile,
    pub verdict: Verdict,
    pub summary: Summary,
    pub calls: Vec<Call>,
}

/// Replays every call of a result with the core and compares with what it claims.
pub fn verify_result(lib: &Library, file: ResultFile) -> Checked {
    // Embedded packs fill in campaigns this app does not have; the content hash still decides.
    let lib = if file.set.campaigns.iter().any(|c| lib.campaign(c).is_none()) {
        compose_library(lib, &file.packs).0
    } else {
        lib.clone()
    };
    let mut calls = Vec::new();
    let verdict = check_result(&lib, &file, &mut calls);
    let replayed: Vec<Scores> = calls
        .iter()
        .filter_map(|c| c.report().map(|r| r.scores))
        .collect();
    let summary = if verdict == Verdict::Verified {
        summarize(&replayed, file.set.pass_mark)
    } else {
        file.claimed
    };
    Checked {
        file,
        verdict,
        summary,
        calls,
    }
}

fn check_result(lib: &Library, file: &ResultFile, calls: &mut Vec<Call>) -> Verdict {
    let set = &file.set;
    if let Err(m) = set.check() {
        return Verdict::NotVerified(format!("the set in the file is not valid: {m}"));
    }
    match set_content_hash(lib, set) {
        None => {
            return Verdict::ContentChanged("a campaign of this set is not available here".into())
        }
        Some(h) if h != file.content_hash => {
            return Verdict::ContentChanged(format!(
                "the result was made with content {}, this app has {h}",
                file.content_hash
            ))
        }
        Some(_) => {}
    }
    let mut first_problem: Option<Verdict> = None;
    let mut note = |v: Verdict| {
        if first_problem.is_none() {
            first_problem = Some(v);
        }
    };
    if file.calls.len() as u32 != set.len() {
        note(Verdict::NotVerified(format!(
            "it holds {} of the set's {} calls",
            file.calls.len(),
            set.len()
        )));
    }
    for (i, record) in file.calls.iter().enumerate() {
        let n = i + 1;
        if record.set != *set {
            note(Verdict::NotVerified(format!(
                "call {n} was played with a different set (edited set or seed)"
            )));
        }
        if record.salt != file.salt {
            note(Verdict::NotVerified(format!(
                "call {n} was played in another attempt (its salt differs)"
            )));
        }
        if record.index as usize != i {
            note(Verdict::NotVerified(format!(
                "call {n} claims to be call {} of the set",
                record.index + 1
            )));
        }
        match sim::verify(lib, record) {
            Ok(call) => calls.push(call),
            Err(RecordError::ContentChanged { .. }) => {
                return Verdict::ContentChanged(format!("call {n} was played with other content"))
            }
            Err(e) => {
                note(Verdict::NotVerified(format!("call {n}: {e}")));
                if let Ok(call) = sim::replay(lib, record) {
                    calls.push(call);
                }
            }
        }
    }
    if let Some(v) = first_problem {
        return v;
    }
    let replayed: Vec<Scores> = calls
        .iter()
        .filter_map(|c| c.report().map(|r| r.scores))
        .collect();
    let summary = summarize(&replayed, set.pass_mark);
    if summary != file.claimed {
        return Verdict::NotVerified(format!(
            "it claims an overall of {} ({}), the replay gives {} ({})",
            file.claimed.scores.overall,
            pass_word(file.claimed.passed),
            summary.scores.overall,
            pass_word(summary.passed)
        ));
    }
    if seal_of(file) != file.seal {
        return Verdict::NotVerified(
            "the tamper check failed: the file was edited after it was saved (name, times, tab leaves or reloads changed)".into(),
        );
    }
    Verdict::Verified
}

fn pass_word(p: bool) -> &'static str {
    if p {
        "pass"
    } else {
        "fail"
    }
}

// ---------------------------------------------------------------------------------------------
// Set identity and what a result cannot prove

/// How a result's set compares with the sets this trainer issued.
#[derive(Clone, Debug, PartialEq)]
pub enum SetMatch {
    /// The trainer has a set with this id, and nothing that decides the calls or the score
    /// differs.
    AsIssued,
    /// The trainer has a set with this id, but these decisive fields differ: never a pass.
    Changed(Vec<String>),
    /// No stored set has this id (another trainer's set, a deleted one, or an edited id).
    Unknown,
}

impl SetMatch {
    pub fn text(&self) -> String {
        match self {
            SetMatch::AsIssued => "Set as issued".into(),
            SetMatch::Changed(fields) => format!("Set changed: {}", fields.join(", ")),
            SetMatch::Unknown => "Unknown set".into(),
        }
    }
}

/// Matches a result's set against the sets the trainer has stored, by id, then by digest
/// (computed with this library's content, so a set played with other content is "changed").
pub fn match_set(lib: &Library, issued: &[PersonaSet], set: &PersonaSet) -> SetMatch {
    if set.id.is_empty() {
        return SetMatch::Unknown;
    }
    let Some(mine) = issued.iter().find(|s| s.id == set.id) else {
        return SetMatch::Unknown;
    };
    let content = |s: &PersonaSet| set_content_hash(lib, s).unwrap_or_default();
    if mine.digest(&content(mine)) == set.digest(&content(set)) {
        return SetMatch::AsIssued;
    }
    let mut fields: Vec<String> = mine
        .differences(set)
        .into_iter()
        .map(String::from)
        .collect();
    if fields.is_empty() {
        fields.push("content".into());
    }
    SetMatch::Changed(fields)
}

/// The most a result's dates may lie before the import before they are flagged (30 days).
const STALE_MS: f64 = 30.0 * 24.0 * 3600.0 * 1000.0;
/// Clocks of different machines differ a little: a date this far in the future is allowed.
const CLOCK_SLACK_MS: f64 = 10.0 * 60.0 * 1000.0;

/// What looks wrong with a result's clock: finished before it started, started before the
/// trainer made the set, or dates far from the time of import. Each flag in words.
pub fn clock_flags(r: &ResultFile, set_created_ms: Option<f64>, imported_ms: f64) -> Vec<String> {
    let mut flags = Vec::new();
    if r.finished_at_ms < r.started_at_ms {
        flags.push("finished before it started".into());
    }
    if let Some(made) = set_created_ms {
        if r.started_at_ms + CLOCK_SLACK_MS < made {
            flags.push("started before the set was made".into());
        }
    }
    if r.finished_at_ms > imported_ms + CLOCK_SLACK_MS
        || r.started_at_ms > imported_ms + CLOCK_SLACK_MS
    {
        flags.push("dated after it was imported".into());
    }
    if r.started_at_ms < imported_ms - STALE_MS {
        flags.push("dated more than 30 days before the import".into());
    }
    flags
}

/// A name as it may be shown: control and bidirectional formatting characters removed (so
/// "\u{202e}gnp.exe" cannot pass for "exe.png"), and at most [`MAX_NAME_CHARS`] characters.
/// Pages also show names inside `<bdi>`.
pub fn display_name(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(*c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
        })
        .collect();
    short(clean.trim(), MAX_NAME_CHARS)
}

// ---------------------------------------------------------------------------------------------
// The results table

/// The columns of the results table and of the CSV export, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Candidate,
    Set,
    Date,
    Overall,
    Composure,
    Correctness,
    Outcome,
    Responsiveness,
    Result,
    Verified,
    SetStatus,
    TabLeaves,
    Reloads,
    Clock,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Candidate,
        Column::Set,
        Column::Date,
        Column::Overall,
        Column::Composure,
        Column::Correctness,
        Column::Outcome,
        Column::Responsiveness,
        Column::Result,
        Column::Verified,
        Column::SetStatus,
        Column::TabLeaves,
        Column::Reloads,
        Column::Clock,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Candidate => "Candidate",
            Column::Set => "Set",
            Column::Date => "Date",
            Column::Overall => "Overall",
            Column::Composure => "Composure",
            Column::Correctness => "Correctness",
            Column::Outcome => "Outcome",
            Column::Responsiveness => "Responsiveness",
            Column::Result => "Result",
            Column::Verified => "Verified",
            Column::SetStatus => "Set check",
            Column::TabLeaves => "Tab leaves",
            Column::Reloads => "Reloads",
            Column::Clock => "Clock",
        }
    }
}

/// One row of the results table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's result among those loaded (for opening its transcript).
    pub id: usize,
    pub candidate: String,
    pub set: String,
    pub date_ms: f64,
    pub scores: Scores,
    pub passed: bool,
    pub verdict: Verdict,
    pub set_match: SetMatch,
    pub tab_leaves: u32,
    pub reloads: u32,
    /// What looks wrong with the result's clock (see [`clock_flags`]).
    pub clock: Vec<String>,
}

impl Row {
    /// A row for a checked result, matched against the sets this trainer issued.
    pub fn of(
        id: usize,
        c: &Checked,
        lib: &Library,
        issued: &[PersonaSet],
        imported_ms: f64,
    ) -> Row {
        let set_match = match_set(lib, issued, &c.file.set);
        let created = issued
            .iter()
            .find(|s| !s.id.is_empty() && s.id == c.file.set.id)
            .and_then(|s| s.created_ms);
        Row {
            id,
            candidate: display_name(&c.file.candidate),
            set: display_name(&c.file.set.name),
            date_ms: c.file.finished_at_ms,
            scores: c.summary.scores,
            passed: c.summary.passed,
            verdict: c.verdict.clone(),
            set_match,
            tab_leaves: c.file.tab_leaves,
            reloads: c.file.reloads,
            clock: clock_flags(&c.file, created, imported_ms),
        }
    }

    /// Whether the row may show a pass or fail at all: only a verified result of a set as
    /// issued. Every other row shows "—" and the reason.
    pub fn trusted(&self) -> bool {
        self.verdict == Verdict::Verified && self.set_match == SetMatch::AsIssued
    }

    /// The cell's text, as the table and the CSV show it.
    pub fn cell(&self, col: Column) -> String {
        let s = self.scores;
        match col {
            Column::Candidate => self.candidate.clone(),
            Column::Set => self.set.clone(),
            Column::Date => format_date(self.date_ms),
            Column::Overall => s.overall.to_string(),
            Column::Composure => s.composure.to_string(),
            Column::Correctness => s.correctness.to_string(),
            Column::Outcome => s.outcome.to_string(),
            Column::Responsiveness => s.responsiveness.to_string(),
            Column::Result if !self.trusted() => "—".into(),
            Column::Result => if self.passed { "Pass" } else { "Fail" }.into(),
            Column::Verified => self.verdict.text(),
            Column::SetStatus => self.set_match.text(),
            Column::TabLeaves => self.tab_leaves.to_string(),
            Column::Reloads => self.reloads.to_string(),
            Column::Clock if self.clock.is_empty() => "OK".into(),
            Column::Clock => self.clock.join("; "),
        }
    }
}

/// Sorts rows by a column (numbers as numbers, dates as dates, text case-insensitively).
pub fn sort_rows(rows: &mut [Row], col: Column, ascending: bool) {
    rows.sort_by(|a, b| {
        let o = match col {
            Column::Date => a.date_ms.total_cmp(&b.date_ms),
            Column::Overall => a.scores.overall.cmp(&b.scores.overall),
            Column::Composure => a.scores.composure.cmp(&b.scores.composure),
            Column::Correctness => a.scores.correctness.cmp(&b.scores.correctness),
            Column::Outcome => a.scores.outcome.cmp(&b.scores.outcome),
            Column::Responsiveness => a.scores.responsiveness.cmp(&b.scores.responsiveness),
            Column::TabLeaves => a.tab_leaves.cmp(&b.tab_leaves),
            Column::Reloads => a.reloads.cmp(&b.reloads),
            _ => a.cell(col).to_lowercase().cmp(&b.cell(col).to_lowercase()),
        };
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV with the table's columns.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = Column::ALL
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for r in rows {
        let line = Column::ALL
            .iter()
            .map(|c| csv_field(&r.cell(*c)))
            .collect::<Vec<_>>()
            .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

/// `YYYY-MM-DD HH:MM` (UTC) of a Unix time in milliseconds.
pub fn format_date(ms: f64) -> String {
    if !ms.is_finite() {
        return String::new();
    }
    let secs = (ms / 1000.0).floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// How many overall scores fall in each band of 20 points (0–19, …, 80–100).
pub fn histogram(values: &[u8]) -> [u32; 5] {
    let mut bins = [0u32; 5];
    for v in values {
        bins[(usize::from(*v) / 20).min(4)] += 1;
    }
    bins
}

/// The labels of the histogram's bands.
pub const BANDS: [&str; 5] = ["0–19", "20–39", "40–59", "60–79", "80–100"];

/// The distribution in words: the chart's text alternative.
pub fn histogram_text(values: &[u8]) -> String {
    let bins = histogram(values);
    let parts: Vec<String> = BANDS
        .iter()
        .zip(bins)
        .map(|(b, n)| format!("{b}: {n}"))
        .collect();
    format!(
        "Overall scores of {} result(s) by band: {}.",
        values.len(),
        parts.join(", ")
    )
}

/// Checks a file name or text to show: nothing here is ever HTML, but keep names short.
pub fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).collect::<String>() + "…"
    }
}

/// The campaigns of a library as (id, title), for pickers.
pub fn campaign_choices(lib: &Library) -> Vec<(String, String)> {
    lib.campaigns
        .iter()
        .map(|c| (c.id.to_string(), c.title.to_string()))
        .collect()
}
