//! Persona sets: what a trainer hands to a group, and what every call is drawn from.
//!
//! A practice call, a shift and an assessment are all persona sets; the call at `index` of a
//! set is fully determined by the set (its seed above all) and the index.

use super::rng::{mix, Stream};
use crate::content::{Fate, Kind, Text};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Score weights for the overall score. Invariant (checked by [`PersonaSet::check`]): the sum
/// is above zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub composure: u32,
    pub correctness: u32,
    pub outcome: u32,
    pub responsiveness: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            composure: 35,
            correctness: 35,
            outcome: 20,
            responsiveness: 10,
        }
    }
}

/// Which customers a set's calls face.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Calls {
    /// `count` customers of random archetypes.
    Random { count: u32 },
    /// One call per listed archetype id, in order.
    Chosen { archetypes: Vec<String> },
}

/// Practice (hints allowed, review after each call) or assessment (no hints, no retries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Practice,
    Assessment,
}

/// Most calls a set may hold.
pub const MAX_CALLS: u32 = 50;

/// A persona set.
///
/// Identity: `id` names the set as its trainer issued it (kept when the set is exported,
/// imported or shared as a link); [`PersonaSet::digest`] fingerprints everything that decides the
/// calls and the score. A result is trusted only for a set whose id the trainer has stored and
/// whose digest is unchanged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonaSet {
    /// The set's identity, drawn when the trainer creates it ("" for sets made before ids).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    /// Campaign ids; calls rotate among them by seed when there are several.
    pub campaigns: Vec<String>,
    pub calls: Calls,
    /// 1 to 5.
    pub difficulty: u8,
    pub mode: Mode,
    pub hints: bool,
    /// Seconds allowed per reply, if any.
    pub reply_limit_s: Option<u32>,
    /// 0 to 100.
    pub pass_mark: u8,
    pub weights: Weights,
    pub seed: u64,
    /// Move kinds to drill: drawn four times as often (from "Drill my weak spots").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<Kind>,
    /// The trainer allows practice on this assessment set (its calls still differ from every
    /// candidate's: each attempt draws its own salt).
    #[serde(default, skip_serializing_if = "is_false")]
    pub practice_open: bool,
    /// When the trainer created the set (Unix ms, the trainer's clock); not part of the digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_ms: Option<f64>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Most characters in a set's or a candidate's name.
pub const MAX_NAME_CHARS: usize = 80;

/// The fields of a set that decide its calls and its score, as they are named to a trainer.
pub const DECISIVE_FIELDS: &[&str] = &[
    "campaigns",
    "calls",
    "difficulty",
    "mode",
    "hints",
    "reply time limit",
    "pass mark",
    "score weights",
    "seed",
    "focus",
    "open for practice",
];

/// Everything that determines one call (with the content).
#[derive(Clone, Debug, PartialEq)]
pub struct CallSpec {
    pub campaign: Text,
    /// A fixed archetype id, or `None` for one drawn by seed.
    pub archetype: Option<Text>,
    pub difficulty: u8,
    pub seed: u64,
    pub reply_limit_ms: Option<u32>,
    pub hints: bool,
    /// Forces how the call should end (used by the validator and tests); `None` draws it.
    pub fate: Option<Fate>,
    /// Move kinds drawn more often.
    pub focus: Vec<Kind>,
}

impl PersonaSet {
    /// A one-call practice set.
    pub fn practice(
        campaign: &str,
        archetype: Option<&str>,
        difficulty: u8,
        hints: bool,
        reply_limit_s: Option<u32>,
        seed: u64,
    ) -> Self {
        PersonaSet {
            name: "Practice".into(),
            campaigns: vec![campaign.to_string()],
            calls: match archetype {
                Some(a) => Calls::Chosen {
                    archetypes: vec![a.to_string()],
                },
                None => Calls::Random { count: 1 },
            },
            difficulty,
            mode: Mode::Practice,
            hints,
            reply_limit_s,
            pass_mark: 70,
            weights: Weights::default(),
            seed,
            focus: Vec::new(),
            id: String::new(),
            practice_open: false,
            created_ms: None,
        }
    }

    /// Each decisive field as text, in the order of [`DECISIVE_FIELDS`]: an explicit encoding
    /// (not serde's), so renaming a Rust field never changes a digest.
    fn decisive(&self) -> [String; 11] {
        let w = self.weights;
        [
            self.campaigns.join(","),
            match &self.calls {
                Calls::Random { count } => format!("random:{count}"),
                Calls::Chosen { archetypes } => format!("chosen:{}", archetypes.join(",")),
            },
            self.difficulty.to_string(),
            match self.mode {
                Mode::Practice => "practice",
                Mode::Assessment => "assessment",
            }
            .into(),
            self.hints.to_string(),
            self.reply_limit_s
                .map_or("none".to_string(), |s| s.to_string()),
            self.pass_mark.to_string(),
            format!(
                "{}/{}/{}/{}",
                w.composure, w.correctness, w.outcome, w.responsiveness
            ),
            self.seed.to_string(),
            self.focus
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(","),
            self.practice_open.to_string(),
        ]
    }

    /// A fingerprint of everything that decides the set's calls and score, with the content
    /// they are played with (`content_hash`, e.g. `exchange::set_content_hash`): 16 hex digits.
    /// The name and the id are not part of it.
    pub fn digest(&self, content_hash: &str) -> String {
        let mut text = String::from("composure-set-digest:1");
        for (name, value) in DECISIVE_FIELDS.iter().zip(self.decisive()) {
            text.push('\n');
            text.push_str(name);
            text.push('=');
            text.push_str(&value);
        }
        text.push_str("\ncontent=");
        text.push_str(content_hash);
        format!("{:016x}", crate::content::fnv1a(text.as_bytes()))
    }

    /// The decisive fields in which `other` differs from this set, named for a trainer.
    pub fn differences(&self, other: &PersonaSet) -> Vec<&'static str> {
        DECISIVE_FIELDS
            .iter()
            .zip(self.decisive().iter().zip(other.decisive().iter()))
            .filter(|(_, (a, b))| a != b)
            .map(|(name, _)| *name)
            .collect()
    }

    /// Number of calls in the set.
    pub fn len(&self) -> u32 {
        match &self.calls {
            Calls::Random { count } => *count,
            Calls::Chosen { archetypes } => archetypes.len() as u32,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Checks the set's own invariants (not whether its campaigns exist).
    pub fn check(&self) -> Result<(), String> {
        if self.campaigns.is_empty() {
            return Err("the set names no campaign".into());
        }
        if !(1..=5).contains(&self.difficulty) {
            return Err(format!(
                "difficulty {} is not between 1 and 5",
                self.difficulty
            ));
        }
        if self.pass_mark > 100 {
            return Err(format!("pass mark {} is above 100", self.pass_mark));
        }
        if self.is_empty() || self.len() > MAX_CALLS {
            return Err(format!(
                "a set holds 1 to {MAX_CALLS} calls, not {}",
                self.len()
            ));
        }
        let w = self.weights;
        let total = u64::from(w.composure)
            + u64::from(w.correctness)
            + u64::from(w.outcome)
            + u64::from(w.responsiveness);
        if total == 0 || total > 10_000 {
            return Err("score weights must add up to between 1 and 10000".into());
        }
        if let Some(s) = self.reply_limit_s {
            if !(3..=600).contains(&s) {
                return Err(format!("a reply time limit of {s} s is outside 3 to 600"));
            }
        }
        if self.mode == Mode::Assessment && self.hints {
            return Err("an assessment cannot allow hints".into());
        }
        if self.name.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "the set's name is longer than {MAX_NAME_CHARS} characters"
            ));
        }
        if self.id.len() > 64 {
            return Err("the set's id is longer than 64 characters".into());
        }
        Ok(())
    }

    /// The spec of call `index` of an attempt that drew `salt` ("Begin assessment" draws one per
    /// attempt). Every candidate meets the same campaign, archetype and difficulty at each index
    /// (drawn from the set's seed, as without a salt); the draws within the call (persona,
    /// fate, moves, utterances, offers) come from the seed mixed with the salt, so nothing in
    /// the set or its link predicts them. `archetypes` are the customer file's ids, for sets
    /// of random customers. Without a salt this is [`PersonaSet::spec`].
    pub fn spec_salted(
        &self,
        index: u32,
        salt: Option<u64>,
        archetypes: &[Text],
    ) -> Option<CallSpec> {
        let mut spec = self.spec(index)?;
        if let Some(salt) = salt {
            if spec.archetype.is_none() && !archetypes.is_empty() {
                let mut s = Stream::new(spec.seed, 0xa7c4);
                spec.archetype = Some(archetypes[s.below(archetypes.len())].clone());
            }
            spec.seed = mix(spec.seed, salt);
        }
        Some(spec)
    }

    /// The spec of the call at `index`, or `None` past the end.
    pub fn spec(&self, index: u32) -> Option<CallSpec> {
        if index >= self.len() || self.campaigns.is_empty() {
            return None;
        }
        let seed = mix(self.seed, u64::from(index) + 1);
        let campaign = if self.campaigns.len() == 1 {
            &self.campaigns[0]
        } else {
            let mut s = Stream::new(seed, 0xca);
            &self.campaigns[s.below(self.campaigns.len())]
        };
        let archetype = match &self.calls {
            Calls::Random { .. } => None,
            Calls::Chosen { archetypes } => archetypes
                .get(index as usize)
                .map(|a| Arc::from(a.as_str())),
        };
        Some(CallSpec {
            campaign: Arc::from(campaign.as_str()),
            archetype,
            difficulty: self.difficulty,
            seed,
            reply_limit_ms: self.reply_limit_s.map(|s| s * 1000),
            hints: self.hints && self.mode == Mode::Practice,
            fate: None,
            focus: self.focus.clone(),
        })
    }
}
