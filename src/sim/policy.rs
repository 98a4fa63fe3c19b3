//! Scripted players for tools, tests and the validator: best, random, mirror and worst.

use super::call::{Call, Choice};
use super::rng::Stream;
use super::set::{CallSpec, Weights};
use super::SimError;
use crate::content::*;
use std::sync::Arc;

/// How a scripted player picks lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// A model agent: the best composed line, minding steps and compliance.
    Best,
    /// Any offered line, with random reply times.
    Random,
    /// Composed while the customer is polite, answering in kind once they are not.
    Mirror,
    /// The worst line: wrong and hostile.
    Worst,
}

impl Policy {
    pub const ALL: &'static [Policy] =
        &[Policy::Best, Policy::Random, Policy::Mirror, Policy::Worst];

    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Best => "best",
            Policy::Random => "random",
            Policy::Mirror => "mirror",
            Policy::Worst => "worst",
        }
    }

    pub fn parse(s: &str) -> Option<Policy> {
        Policy::ALL.iter().copied().find(|p| p.as_str() == s)
    }

    /// The choice this player makes now.
    pub fn choose(self, call: &Call, rng: &mut Stream) -> Choice {
        let pick = match self {
            Policy::Best => best(call),
            Policy::Worst => argmin(call.offered(), |l| {
                (l.quality.score() + 2.0 * l.tone.composure()) * 100.0 - l.violates.len() as f64
            }),
            Policy::Random => rng.below(call.offered().count()),
            Policy::Mirror => {
                let level = call.level().index() as i32;
                if level == 0 {
                    best(call)
                } else {
                    argmin(call.offered(), |l| {
                        if l.tone.composed() {
                            return 1000.0;
                        }
                        let heat = match l.tone {
                            Tone::Curt => 1,
                            Tone::Defensive | Tone::Sarcastic => 2,
                            _ => 3,
                        };
                        f64::from((heat - level).abs()) * 10.0 - l.quality.score()
                    })
                }
            }
        };
        let ms = match self {
            Policy::Best => 3_000,
            Policy::Mirror => 2_500,
            // Slow as well as wrong: near the end of the reference reply time.
            Policy::Worst => 19_000,
            Policy::Random => 1_000 + rng.below(14_000) as u32,
        };
        Choice::line(pick as u8, ms)
    }
}

fn argmin<'a>(lines: impl Iterator<Item = &'a Line>, key: impl Fn(&Line) -> f64) -> usize {
    let mut best = 0;
    let mut best_key = f64::INFINITY;
    for (i, l) in lines.enumerate() {
        let k = key(l);
        if k < best_key {
            best = i;
            best_key = k;
        }
    }
    best
}

fn best(call: &Call) -> usize {
    let role = call.current_move().map(|m| m.role);
    let wanted_end = match role {
        Some(Role::Win) => Some(Ending::Goal),
        Some(Role::Refuse | Role::OptOut) => Some(Ending::PoliteClose),
        Some(Role::AbuseEnd) => Some(Ending::BoundaryEnd),
        Some(Role::Escalate) => Some(Ending::Escalation),
        _ => None,
    };
    argmin(call.offered(), |l| {
        let mut score = 0.0;
        score += if l.is_model() { 1000.0 } else { 0.0 };
        score += 100.0 * l.quality.score() + 50.0 * l.tone.composure();
        score -= 10_000.0 * l.violates.len() as f64;
        score -= 10_000.0 * l.requires.iter().filter(|r| !call.step_done(**r)).count() as f64;
        score += 10.0 * l.satisfies.iter().filter(|s| !call.step_done(**s)).count() as f64;
        score -= 20.0 * l.tags.len() as f64;
        if wanted_end.is_some() && l.ends == wanted_end {
            score += 5.0;
        }
        if wanted_end.is_none() && l.ends.is_some() && role != Some(Role::AbuseWarning) {
            score -= 5.0;
        }
        if role == Some(Role::AbuseWarning) && l.techniques.iter().any(|t| &**t == "set-boundary") {
            score += 5.0;
        }
        -score
    })
}

/// Plays a whole call with a policy; `seed` drives the policy's own randomness.
pub fn play(
    campaign: Arc<Campaign>,
    customers: Arc<Customers>,
    spec: CallSpec,
    policy: Policy,
    seed: u64,
) -> Result<Call, SimError> {
    let mut call = Call::new(campaign, customers, spec, Weights::default(), 70)?;
    let mut rng = Stream::new(seed, 0x9011c7);
    while !call.is_over() {
        let choice = policy.choose(&call, &mut rng);
        call.apply(choice)?;
    }
    Ok(call)
}
