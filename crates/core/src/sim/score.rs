//! Scoring: composure, correctness, outcome, responsiveness and the weighted overall score.
//!
//! Only basic IEEE float arithmetic and `floor` are used, which give the same results on every
//! platform, so replayed scores match to the point.

use super::call::Choice;
use super::set::Weights;
use crate::content::{Ending, Fate, Level, Quality, Tone};
use serde::{Deserialize, Serialize};

/// The five scores of a call, each 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub overall: u8,
    pub composure: u8,
    pub correctness: u8,
    pub outcome: u8,
    pub responsiveness: u8,
}

/// Reference reply time when the set has no limit, in ms.
const REFERENCE_MS: f64 = 20_000.0;
/// Correctness points each revealed hint costs.
pub const HINT_COST: f64 = 5.0;

/// Composure a turn without a reply earns (0 to 1): silence is not composure, so it counts as
/// neutral at best, like a curt reply.
pub const SILENCE_COMPOSURE: f64 = 0.5;
/// Composure is capped at this after any hostile reply.
pub const HOSTILE_CAP: f64 = 40.0;
/// Overall is capped at this after a critical breach or a missed mandatory step.
pub const CRITICAL_CAP: f64 = 50.0;

/// One turn as the score saw it (kept so that [`super::explain`] can say what cost points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// 0-based turn.
    pub turn: u32,
    /// The reply's tone and quality; `None` when the reply time ran out.
    pub reply: Option<(Tone, Quality)>,
    /// The provocation level of the customer's line the turn answered.
    pub level: Level,
    /// [`response`] for a reply, 0 for a turn without one.
    pub response: f64,
    /// Reply time in ms.
    pub ms: u32,
    pub hint: bool,
}

/// Running sums over a call's turns.
///
/// Composure is the mean of each turn's tone value ([`Tone::composure`]) weighted by the
/// customer's provocation (1 polite to 4 abusive). A turn that timed out counts as
/// [`SILENCE_COMPOSURE`] (neutral at best), and a call without a single reply has composure 0:
/// saying nothing is not staying composed. Any hostile reply caps composure at [`HOSTILE_CAP`].
#[derive(Clone, Debug, Default)]
pub struct Tally {
    composure_sum: f64,
    composure_weight: f64,
    hostile: bool,
    replies: u32,
    quality_sum: f64,
    turns: u32,
    response_sum: f64,
    pub hints: u32,
    pub critical: bool,
    /// Every turn, in order.
    pub marks: Vec<Mark>,
}

/// The scores before rounding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Raw {
    /// Overall before the critical cap.
    pub overall_uncapped: f64,
    pub overall: f64,
    /// Composure before the hostile cap.
    pub composure_uncapped: f64,
    pub composure: f64,
    pub correctness: f64,
    pub responsiveness: f64,
}

/// How fast a reply was, 0.2 to 1: full marks within half the limit, falling to 0.2 at it.
pub fn response(ms: u32, limit_ms: Option<u32>) -> f64 {
    let limit = limit_ms.map(f64::from).unwrap_or(REFERENCE_MS);
    let t = f64::from(ms);
    let half = limit / 2.0;
    if t <= half {
        1.0
    } else if t >= limit {
        0.2
    } else {
        1.0 - 0.8 * (t - half) / half
    }
}

impl Tally {
    /// A reply in `tone` of `quality` to a customer line at `level`.
    pub fn reply(
        &mut self,
        tone: Tone,
        quality: Quality,
        level: Level,
        choice: Choice,
        limit_ms: Option<u32>,
    ) {
        let w = 1.0 + level.index() as f64;
        self.composure_sum += w * tone.composure();
        self.composure_weight += w;
        self.hostile |= tone == Tone::Hostile;
        self.quality_sum += quality.score();
        let r = response(choice.ms, limit_ms);
        self.marks.push(Mark {
            turn: self.turns,
            reply: Some((tone, quality)),
            level,
            response: r,
            ms: choice.ms,
            hint: choice.hint,
        });
        self.turns += 1;
        self.replies += 1;
        self.response_sum += r;
        self.hints += u32::from(choice.hint);
    }

    /// A turn where the reply time ran out, answering a customer line at `level`.
    pub fn silence(&mut self, level: Level, ms: u32, hint: bool) {
        let w = 1.0 + level.index() as f64;
        self.composure_sum += w * SILENCE_COMPOSURE;
        self.composure_weight += w;
        self.marks.push(Mark {
            turn: self.turns,
            reply: None,
            level,
            response: 0.0,
            ms,
            hint,
        });
        self.turns += 1;
        self.hints += u32::from(hint);
    }

    pub fn scores(&self, outcome: u8, coverage: f64, w: Weights) -> Scores {
        let raw = self.raw(outcome, coverage, w);
        Scores {
            overall: round(raw.overall),
            composure: round(raw.composure),
            correctness: round(raw.correctness),
            outcome,
            responsiveness: round(raw.responsiveness),
        }
    }

    /// The scores before rounding.
    pub fn raw(&self, outcome: u8, coverage: f64, w: Weights) -> Raw {
        let composure_uncapped = if self.replies == 0 {
            0.0
        } else {
            100.0 * self.composure_sum / self.composure_weight
        };
        let composure = if self.hostile {
            composure_uncapped.min(HOSTILE_CAP)
        } else {
            composure_uncapped
        };
        let quality = if self.turns == 0 {
            0.0
        } else {
            self.quality_sum / f64::from(self.turns)
        };
        let correctness = (100.0 * (0.75 * quality + 0.25 * coverage)
            - HINT_COST * f64::from(self.hints))
        .max(0.0);
        let responsiveness = if self.turns == 0 {
            0.0
        } else {
            100.0 * self.response_sum / f64::from(self.turns)
        };
        let parts = [
            (composure, w.composure),
            (correctness, w.correctness),
            (f64::from(outcome), w.outcome),
            (responsiveness, w.responsiveness),
        ];
        let total: f64 = parts.iter().map(|(_, w)| f64::from(*w)).sum();
        let overall_uncapped = if total == 0.0 {
            0.0
        } else {
            parts.iter().map(|(s, w)| s * f64::from(*w)).sum::<f64>() / total
        };
        let overall = if self.critical {
            overall_uncapped.min(CRITICAL_CAP)
        } else {
            overall_uncapped
        };
        Raw {
            overall_uncapped,
            overall,
            composure_uncapped,
            composure,
            correctness,
            responsiveness,
        }
    }
}

/// Rounds a score to the point shown (half up), within 0 to 100.
pub fn round(x: f64) -> u8 {
    (x + 0.5).floor().clamp(0.0, 100.0) as u8
}

/// The outcome score of an ending for a customer of this fate.
pub fn outcome(ending: Ending, fate: Fate, warned: bool) -> u8 {
    match (ending, fate) {
        (Ending::Goal, _) => 100,
        (Ending::PoliteClose, Fate::Refuse | Fate::OptOut) => 100,
        (Ending::PoliteClose, Fate::Win) => 40,
        (Ending::PoliteClose, Fate::Abuse) => 70,
        (Ending::PoliteClose, Fate::Escalate) => 50,
        (Ending::BoundaryEnd, Fate::Abuse) => {
            if warned {
                100
            } else {
                60
            }
        }
        (Ending::BoundaryEnd, _) => 10,
        (Ending::Escalation, Fate::Escalate) => 100,
        (Ending::Escalation, Fate::Abuse) => 40,
        (Ending::Escalation, _) => 50,
        (Ending::HangUp | Ending::ComplianceFailure, _) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_response(ms: u32, limit: Option<u32>, expected: f64) {
        let got = response(ms, limit);
        assert!(
            (got - expected).abs() < 1e-9,
            "response({ms}, {limit:?}) = {got}, expected {expected}"
        );
    }

    #[test]
    fn response_curve() {
        check_response(0, None, 1.0);
        check_response(10_000, None, 1.0);
        check_response(15_000, None, 0.6);
        check_response(20_000, None, 0.2);
        check_response(60_000, None, 0.2);
        check_response(5_000, Some(10_000), 1.0);
        check_response(7_500, Some(10_000), 0.6);
        check_response(10_000, Some(10_000), 0.2);
    }

    fn tally(replies: &[(Tone, Quality, Level)]) -> Tally {
        let mut t = Tally::default();
        for (tone, q, l) in replies {
            t.reply(*tone, *q, *l, Choice::line(0, 1000), None);
        }
        t
    }

    #[test]
    fn composure_weights_provocation_and_caps_hostility() {
        let w = Weights::default();
        // Calm under abuse (weight 4) and sarcastic when polite (weight 1): 4/5 = 80.
        let t = tally(&[
            (Tone::Calm, Quality::Best, Level::Abusive),
            (Tone::Sarcastic, Quality::Best, Level::Polite),
        ]);
        assert_eq!(t.scores(100, 1.0, w).composure, 80);
        // One hostile line among many calm ones caps composure at 40.
        let mut r = vec![(Tone::Calm, Quality::Best, Level::Rude); 9];
        r.push((Tone::Hostile, Quality::Best, Level::Polite));
        assert_eq!(tally(&r).scores(100, 1.0, w).composure, 40);
    }

    #[test]
    fn correctness_mixes_quality_and_coverage_and_charges_hints() {
        let w = Weights::default();
        let t = tally(&[
            (Tone::Calm, Quality::Best, Level::Polite),
            (Tone::Calm, Quality::Weak, Level::Polite),
        ]);
        // quality (1 + 0.35) / 2 = 0.675; 75 * 0.675 + 25 * 0.5 = 63.125
        assert_eq!(t.scores(100, 0.5, w).correctness, 63);
        let mut h = t.clone();
        h.hints = 2;
        assert_eq!(h.scores(100, 0.5, w).correctness, 53);
    }

    #[test]
    fn silence_is_neutral_at_best_and_no_reply_at_all_earns_no_composure() {
        let w = Weights::default();
        let mut t = tally(&[(Tone::Calm, Quality::Best, Level::Polite)]);
        t.silence(Level::Polite, 10_000, false);
        // (1 + 0.5) / 2 = 75.
        assert_eq!(t.scores(100, 1.0, w).composure, 75);
        let mut silent = Tally::default();
        silent.silence(Level::Polite, 10_000, false);
        silent.silence(Level::Rude, 10_000, false);
        let s = silent.scores(100, 1.0, w);
        assert_eq!((s.composure, s.responsiveness), (0, 0));
        assert_eq!(silent.marks.len(), 2);
    }

    #[test]
    fn critical_caps_overall_at_fifty() {
        let mut t = tally(&[(Tone::Calm, Quality::Best, Level::Polite)]);
        assert_eq!(t.scores(100, 1.0, Weights::default()).overall, 100);
        t.critical = true;
        assert_eq!(t.scores(100, 1.0, Weights::default()).overall, 50);
    }

    #[test]
    fn outcome_table() {
        let cases = [
            (Ending::Goal, Fate::Win, false, 100),
            (Ending::PoliteClose, Fate::Refuse, false, 100),
            (Ending::PoliteClose, Fate::Win, false, 40),
            (Ending::BoundaryEnd, Fate::Abuse, true, 100),
            (Ending::BoundaryEnd, Fate::Abuse, false, 60),
            (Ending::BoundaryEnd, Fate::Refuse, true, 10),
            (Ending::Escalation, Fate::Escalate, false, 100),
            (Ending::HangUp, Fate::Win, false, 0),
            (Ending::ComplianceFailure, Fate::Refuse, false, 0),
        ];
        for (e, f, warned, want) in cases {
            assert_eq!(outcome(e, f, warned), want, "{e:?} {f:?} warned={warned}");
        }
    }
}
