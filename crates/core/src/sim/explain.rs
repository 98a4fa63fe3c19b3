//! Scores that explain themselves: for a finished call, each of the five scores with a one-line
//! definition and what cost points in this call.
//!
//! The amounts are the real contributions, worked out from the turns as the score saw them
//! ([`super::score::Mark`]) with the formulas of [`super::score`]: for each score, the costs add
//! up to 100 minus the score before rounding (so to the points lost, give or take rounding).

use super::call::{Call, Report};
use super::score::{Mark, CRITICAL_CAP, HINT_COST, HOSTILE_CAP};
use super::set::Weights;
use crate::content::{Ending, Fate, Level, Quality, Tone};

/// One of the five scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScoreKind {
    Overall,
    Composure,
    Correctness,
    Outcome,
    Responsiveness,
}

impl ScoreKind {
    /// In the order the review shows them.
    pub const ALL: [ScoreKind; 5] = [
        ScoreKind::Overall,
        ScoreKind::Composure,
        ScoreKind::Correctness,
        ScoreKind::Outcome,
        ScoreKind::Responsiveness,
    ];

    /// The score's name, capitalised ("Composure").
    pub fn label(self) -> &'static str {
        match self {
            ScoreKind::Overall => "Overall",
            ScoreKind::Composure => "Composure",
            ScoreKind::Correctness => "Correctness",
            ScoreKind::Outcome => "Outcome",
            ScoreKind::Responsiveness => "Responsiveness",
        }
    }

    /// The score's name inside a sentence ("composure").
    pub fn word(self) -> &'static str {
        match self {
            ScoreKind::Overall => "overall",
            ScoreKind::Composure => "composure",
            ScoreKind::Correctness => "correctness",
            ScoreKind::Outcome => "outcome",
            ScoreKind::Responsiveness => "responsiveness",
        }
    }

    /// What the score measures, in one line.
    pub fn definition(self) -> &'static str {
        match self {
            ScoreKind::Overall => "The other four scores combined by the set's weights. A critical breach or a missed mandatory step caps it at 50.",
            ScoreKind::Composure => "How calm and courteous you stayed. Replies to ruder customers count for more, a silence counts as half, and one hostile reply caps it at 40.",
            ScoreKind::Correctness => "Whether you chose the right line for each moment (three quarters) and completed the required steps (one quarter), less 5 points for each hint.",
            ScoreKind::Outcome => "Whether the call ended the right way for this customer.",
            ScoreKind::Responsiveness => "How promptly you replied: full marks within half the time allowed, falling to a fifth at the limit, nothing for no reply.",
        }
    }
}

/// Points one thing cost one score.
#[derive(Clone, Debug, PartialEq)]
pub struct Cost {
    /// Points lost, more than 0, before rounding.
    pub points: f64,
    /// What cost them, in plain words ("sarcastic reply at turn 3 to a rude customer").
    pub reason: String,
}

impl Cost {
    /// The cost as the review shows it: "−12 composure: sarcastic reply at turn 3 to a rude
    /// customer". Under half a point shows as "−<1".
    pub fn text(&self, score: ScoreKind) -> String {
        let n = (self.points + 0.5).floor();
        let amount = if n < 1.0 {
            "<1".to_string()
        } else {
            format!("{n}")
        };
        format!("\u{2212}{amount} {}: {}", score.word(), self.reason)
    }
}

/// One score of a finished call, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    pub kind: ScoreKind,
    /// The score as reported, 0 to 100.
    pub value: u8,
    /// What cost points, largest first; the points add up to the points lost, give or take
    /// rounding. Empty for a full score.
    pub costs: Vec<Cost>,
}

impl Explained {
    /// Sum of the costs, before rounding.
    pub fn lost(&self) -> f64 {
        self.costs.iter().map(|c| c.points).sum()
    }
}

/// Everything the explanation is worked out from: the call's turns as the score saw them and
/// how it ended. [`Ledger::of`] takes it from a finished call; tests may build one by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    pub marks: Vec<Mark>,
    /// The steps that applied: label, done, mandatory.
    pub steps: Vec<(String, bool, bool)>,
    /// Critical breaches, by label, in the order they happened.
    pub breaches: Vec<String>,
    pub ending: Ending,
    /// The customer's fate at the end (a customer who declined the close is a refusal).
    pub fate: Fate,
    pub warned: bool,
    pub outcome: u8,
    pub weights: Weights,
    pub reply_limit_ms: Option<u32>,
}

impl Ledger {
    /// The ledger of a finished call; `None` while it is still going.
    pub fn of(call: &Call) -> Option<Ledger> {
        let report: &Report = call.report()?;
        let breaches = call
            .events()
            .iter()
            .filter_map(|e| match e {
                super::Event::Feedback(f) => Some(f),
                _ => None,
            })
            .flat_map(|f| f.breaches.iter().filter(|b| b.critical))
            .map(|b| b.label.to_string())
            .collect();
        Some(Ledger {
            marks: call.tally().marks.clone(),
            steps: report
                .steps
                .iter()
                .map(|s| (s.label.to_string(), s.done, s.mandatory))
                .collect(),
            breaches,
            ending: report.ending,
            fate: call.persona().fate,
            warned: call.warned(),
            outcome: report.scores.outcome,
            weights: call.weights(),
            reply_limit_ms: call.spec().reply_limit_ms,
        })
    }
}

/// The five scores of a finished call, each with what cost points; `None` while it is going.
pub fn explain(call: &Call) -> Option<Vec<Explained>> {
    let report = call.report()?;
    let ledger = Ledger::of(call)?;
    let s = report.scores;
    let mut out = explain_ledger(&ledger);
    for e in &mut out {
        e.value = match e.kind {
            ScoreKind::Overall => s.overall,
            ScoreKind::Composure => s.composure,
            ScoreKind::Correctness => s.correctness,
            ScoreKind::Outcome => s.outcome,
            ScoreKind::Responsiveness => s.responsiveness,
        };
    }
    Some(out)
}

fn level_words(l: Level) -> &'static str {
    match l {
        Level::Polite => "a polite customer",
        Level::Curt => "a curt customer",
        Level::Rude => "a rude customer",
        Level::Abusive => "an abusive customer",
    }
}

fn quality_words(q: Quality) -> &'static str {
    match q {
        Quality::Best => "best line",
        Quality::Good => "good line, but not the best,",
        Quality::Weak => "weak line",
        Quality::Wrong => "wrong line",
    }
}

fn seconds(ms: u32) -> String {
    let tenths = (ms + 50) / 100;
    if tenths.is_multiple_of(10) {
        format!("{} s", tenths / 10)
    } else {
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

/// Why the ending cost outcome points (asked only when it cost some).
fn outcome_reason(ending: Ending, fate: Fate, warned: bool) -> String {
    match (ending, fate) {
        (Ending::HangUp, _) => "the customer hung up".into(),
        (Ending::ComplianceFailure, _) => "a critical breach ended the call".into(),
        (Ending::PoliteClose, Fate::Win) => {
            "closed without the goal, though this customer could have been won".into()
        }
        (Ending::PoliteClose, Fate::Abuse) => {
            "closed politely; an abusive customer is warned once, then the call is ended".into()
        }
        (Ending::PoliteClose, Fate::Escalate) => {
            "closed when this customer needed handing on to the right team".into()
        }
        (Ending::BoundaryEnd, Fate::Abuse) if !warned => {
            "ended the call without warning the customer first".into()
        }
        (Ending::BoundaryEnd, _) => "ended the call on a customer who was not abusive".into(),
        (Ending::Escalation, Fate::Abuse) => {
            "escalated an abusive customer instead of ending the call".into()
        }
        (Ending::Escalation, _) => "escalated a call that did not need it".into(),
        _ => "the call did not end the right way for this customer".into(),
    }
}

fn push(costs: &mut Vec<Cost>, points: f64, reason: String) {
    if points > 1e-9 {
        costs.push(Cost { points, reason });
    }
}

fn sorted(mut costs: Vec<Cost>) -> Vec<Cost> {
    costs.sort_by(|a, b| b.points.total_cmp(&a.points));
    costs
}

/// The explanation of a ledger, each score's `value` worked out from the costs (100 minus the
/// points lost, rounded). [`explain`] puts the reported scores in instead.
pub fn explain_ledger(l: &Ledger) -> Vec<Explained> {
    let turn_no = |m: &Mark| m.turn + 1;
    let weight = |m: &Mark| 1.0 + m.level.index() as f64;

    // Composure: each turn loses its share of the weighted mean.
    let mut composure = Vec::new();
    let replies = l.marks.iter().filter(|m| m.reply.is_some()).count();
    if replies == 0 {
        push(
            &mut composure,
            100.0,
            "no reply on any turn: silence earns no composure".into(),
        );
    } else {
        let total: f64 = l.marks.iter().map(weight).sum();
        for m in &l.marks {
            let (value, what) = match m.reply {
                Some((tone, _)) => (tone.composure(), format!("{} reply", tone.as_str())),
                None => (super::score::SILENCE_COMPOSURE, "no reply".to_string()),
            };
            push(
                &mut composure,
                100.0 * weight(m) * (1.0 - value) / total,
                format!("{what} at turn {} to {}", turn_no(m), level_words(m.level)),
            );
        }
        let kept = 100.0 - composure.iter().map(|c| c.points).sum::<f64>();
        if let Some(h) = l
            .marks
            .iter()
            .find(|m| matches!(m.reply, Some((Tone::Hostile, _))))
        {
            push(
                &mut composure,
                kept - kept.min(HOSTILE_CAP),
                format!(
                    "capped at {HOSTILE_CAP}: hostile reply at turn {}",
                    turn_no(h)
                ),
            );
        }
    }
    let composure = sorted(composure);

    // Correctness: 75 points shared by the turns, 25 by the steps, 5 a hint, never below 0.
    let mut correctness = Vec::new();
    let turns = l.marks.len() as f64;
    for m in &l.marks {
        let (q, what) = match m.reply {
            Some((_, q)) => (q.score(), quality_words(q).to_string()),
            None => (0.0, "no reply".to_string()),
        };
        if turns > 0.0 {
            push(
                &mut correctness,
                75.0 * (1.0 - q) / turns,
                format!("{what} at turn {}", turn_no(m)),
            );
        }
    }
    if turns == 0.0 {
        push(&mut correctness, 75.0, "no turns were taken".into());
    }
    let applied = l.steps.len() as f64;
    for (label, done, _) in &l.steps {
        if !done {
            push(&mut correctness, 25.0 / applied, format!("missed: {label}"));
        }
    }
    let mut left = 100.0 - correctness.iter().map(|c| c.points).sum::<f64>();
    for m in l.marks.iter().filter(|m| m.hint) {
        let cost = HINT_COST.min(left.max(0.0));
        left -= cost;
        push(
            &mut correctness,
            cost,
            format!("hint used at turn {}", turn_no(m)),
        );
    }
    let correctness = sorted(correctness);

    // Responsiveness: each turn loses its share of the mean.
    let mut responsiveness = Vec::new();
    for m in &l.marks {
        let why = match m.reply {
            Some(_) => format!("slow reply at turn {} ({})", turn_no(m), seconds(m.ms)),
            None => format!("no reply in time at turn {}", turn_no(m)),
        };
        push(&mut responsiveness, 100.0 * (1.0 - m.response) / turns, why);
    }
    if l.marks.is_empty() {
        push(&mut responsiveness, 100.0, "no turns were taken".into());
    }
    let responsiveness = sorted(responsiveness);

    // Outcome: one reason.
    let mut outcome = Vec::new();
    push(
        &mut outcome,
        100.0 - f64::from(l.outcome),
        outcome_reason(l.ending, l.fate, l.warned),
    );

    // Overall: each score's weighted loss, then the critical cap.
    let w = l.weights;
    let total = f64::from(w.composure + w.correctness + w.outcome + w.responsiveness);
    let lost = |c: &[Cost]| c.iter().map(|c| c.points).sum::<f64>();
    let mut overall = Vec::new();
    if total == 0.0 {
        push(&mut overall, 100.0, "no score carries any weight".into());
    } else {
        for (kind, costs, weight) in [
            (ScoreKind::Composure, &composure, w.composure),
            (ScoreKind::Correctness, &correctness, w.correctness),
            (ScoreKind::Outcome, &outcome, w.outcome),
            (ScoreKind::Responsiveness, &responsiveness, w.responsiveness),
        ] {
            let share = f64::from(weight) / total;
            push(
                &mut overall,
                lost(costs) * share,
                format!(
                    "points lost on {} (weighted {}%)",
                    kind.word(),
                    (share * 100.0 + 0.5).floor()
                ),
            );
        }
        let mandatory: Vec<&str> = l
            .steps
            .iter()
            .filter(|(_, done, m)| *m && !*done)
            .map(|(label, _, _)| label.as_str())
            .collect();
        let why = match (l.breaches.first(), mandatory.first()) {
            (Some(b), _) => Some(format!("critical breach: {b}")),
            (None, Some(step)) => Some(format!("mandatory step missed: {step}")),
            (None, None) => None,
        };
        if let Some(why) = why {
            let kept = 100.0 - lost(&overall);
            push(
                &mut overall,
                kept - kept.min(CRITICAL_CAP),
                format!("capped at {CRITICAL_CAP}: {why}"),
            );
        }
    }
    let overall = sorted(overall);

    [
        (ScoreKind::Overall, overall),
        (ScoreKind::Composure, composure),
        (ScoreKind::Correctness, correctness),
        (ScoreKind::Outcome, outcome),
        (ScoreKind::Responsiveness, responsiveness),
    ]
    .into_iter()
    .map(|(kind, costs)| {
        let lost = lost(&costs);
        Explained {
            kind,
            value: super::score::round(100.0 - lost),
            costs,
        }
    })
    .collect()
}

/// Whether a finished call was clean: every step that applied done, and no breach at all.
pub fn clean(call: &Call) -> bool {
    let Some(report) = call.report() else {
        return false;
    };
    !report.critical
        && report.steps.iter().all(|s| s.done)
        && call.events().iter().all(|e| match e {
            super::Event::Feedback(f) => f.breaches.is_empty(),
            _ => true,
        })
}
