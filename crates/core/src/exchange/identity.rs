//! Set identity (which issued set a result was made with) and what a result cannot prove (clock flags).

use super::*;
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
