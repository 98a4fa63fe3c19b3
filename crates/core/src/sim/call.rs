//! One call: choices in, events out.
//!
//! A [`Call`] is a pure state machine. It is created from the content and a [`CallSpec`], emits
//! the customer's first line and the offered replies, and then takes one [`Choice`] per turn,
//! emitting what happened. It never reads a clock: reply times come in with the choices.

use super::persona::{self, Persona};
use super::rng::Stream;
use super::score::{self, Scores, Tally};
use super::set::{CallSpec, PersonaSet, Weights};
use super::SimError;
use crate::content::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Every call ends within this many turns.
pub const MAX_TURNS: u32 = 40;
/// Patience lost when the trainee does not reply in time.
const SILENCE_PATIENCE: i32 = 2;
/// Extra mood and patience lost when a line hits one of the persona's triggers.
const TRIGGER_MOOD: i32 = 8;
const TRIGGER_PATIENCE: i32 = 1;

/// What the trainee did on a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The offered line picked (0-based), or `None` when the reply time ran out.
    pub pick: Option<u8>,
    /// Milliseconds from the offer to the reply.
    pub ms: u32,
    /// Whether the trainee revealed the hint before replying.
    #[serde(default)]
    pub hint: bool,
}

impl Choice {
    pub fn line(pick: u8, ms: u32) -> Self {
        Choice {
            pick: Some(pick),
            ms,
            hint: false,
        }
    }
    pub fn timeout(ms: u32) -> Self {
        Choice {
            pick: None,
            ms,
            hint: false,
        }
    }
}

/// Why the customer said what they said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cue {
    /// A move from the deck.
    Move,
    /// The trainee did not reply in time.
    StillThere,
    /// The customer declines the close: trust was too low.
    Declines,
    /// The customer hangs up.
    HangUp,
}

/// The customer's state as the UI shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub mood: i32,
    pub trust: i32,
    pub patience: i32,
    pub max_patience: i32,
    pub phase: Text,
    pub steps_done: u32,
    /// The steps that apply to this call so far: those a line on offer could do, and those
    /// done. The same definition as [`Report::steps`], so the count on the call screen at the
    /// end matches the steps the review lists.
    pub steps_total: u32,
}

/// A better line to show in feedback.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Better {
    pub text: Text,
    pub why: Text,
    pub techniques: Arc<[Text]>,
}

/// A compliance breach as feedback shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breach {
    pub label: Text,
    pub critical: bool,
}

/// Feedback on one reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub turn: u32,
    pub move_id: Text,
    pub kind: Kind,
    pub quality: Quality,
    pub tone: Tone,
    pub why: Text,
    pub techniques: Arc<[Text]>,
    /// The best composed line that was on offer, when the pick was not one.
    pub better: Option<Better>,
    /// Labels of the required steps this reply completed.
    pub steps: Vec<Text>,
    pub breaches: Vec<Breach>,
    /// The customer's line hit one of their triggers.
    pub triggered: bool,
}

/// A required step in the call report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepResult {
    pub label: Text,
    pub done: bool,
    /// Missing it fails the call (see [`Step::mandatory`]).
    #[serde(default)]
    pub mandatory: bool,
}

/// The end of a call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub ending: Ending,
    /// Whether this ending was the right one for this customer.
    pub right_ending: bool,
    pub scores: Scores,
    pub passed: bool,
    pub critical: bool,
    pub turns: u32,
    /// The steps the trainee had a chance to complete, done or missed.
    pub steps: Vec<StepResult>,
    pub hints_used: u32,
}

impl Report {
    /// The mandatory steps this call missed: each one fails the call.
    pub fn missed_mandatory(&self) -> impl Iterator<Item = &StepResult> {
        self.steps.iter().filter(|s| s.mandatory && !s.done)
    }
}

/// What a call emits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "event")]
pub enum Event {
    Customer {
        turn: u32,
        cue: Cue,
        move_id: Text,
        kind: Kind,
        level: Level,
        text: Text,
    },
    Offer {
        turn: u32,
        lines: Vec<Text>,
    },
    Reply {
        turn: u32,
        pick: u8,
        text: Text,
        ms: u32,
        hint: bool,
    },
    NoReply {
        turn: u32,
        ms: u32,
    },
    /// Boxed: feedback is the largest event, and keeping `Event` small keeps the engine fast.
    Feedback(Box<Feedback>),
    State(Snapshot),
    Ended(Report),
}

/// A call in progress or finished.
#[derive(Clone, Debug)]
pub struct Call {
    campaign: Arc<Campaign>,
    customers: Arc<Customers>,
    spec: CallSpec,
    weights: Weights,
    pass_mark: u8,
    origin: Option<(PersonaSet, u32)>,
    /// The attempt's salt, for a call of a salted attempt (see [`PersonaSet::spec_salted`]).
    salt: Option<u64>,
    persona: Persona,
    rng: Stream,
    deck: Vec<usize>,
    pos: usize,
    mood: i32,
    trust: i32,
    start_trust: i32,
    patience: i32,
    max_patience: i32,
    level: Level,
    steps_done: u64,
    steps_offered: u64,
    warned: bool,
    offer: Vec<usize>,
    choices: Vec<Choice>,
    tally: Tally,
    report: Option<Report>,
    events: Vec<Event>,
}

impl Call {
    /// Starts the call at `index` of a persona set.
    pub fn start(library: &Library, set: &PersonaSet, index: u32) -> Result<Call, SimError> {
        Call::start_salted(library, set, index, None)
    }

    /// Starts call `index` of an attempt that drew `salt` (see [`PersonaSet::spec_salted`]).
    pub fn start_salted(
        library: &Library,
        set: &PersonaSet,
        index: u32,
        salt: Option<u64>,
    ) -> Result<Call, SimError> {
        set.check().map_err(SimError::BadSet)?;
        let archetypes: Vec<Text> = library
            .customers
            .archetypes
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let spec = set
            .spec_salted(index, salt, &archetypes)
            .ok_or(SimError::NoSuchCall(index))?;
        let campaign = library
            .campaign(&spec.campaign)
            .ok_or_else(|| SimError::UnknownCampaign(spec.campaign.to_string()))?
            .clone();
        let mut call = Call::new(
            campaign,
            library.customers.clone(),
            spec,
            set.weights,
            set.pass_mark,
        )?;
        call.origin = Some((set.clone(), index));
        call.salt = salt;
        Ok(call)
    }

    /// Starts a call from a spec directly (no persona set): for tools, tests and the validator.
    pub fn new(
        campaign: Arc<Campaign>,
        customers: Arc<Customers>,
        spec: CallSpec,
        weights: Weights,
        pass_mark: u8,
    ) -> Result<Call, SimError> {
        let mut rng = Stream::new(spec.seed, 1);
        let (persona, arch) = persona::generate(&customers, &campaign, &spec, &mut rng)?;
        let deck = persona::deck(
            &campaign,
            &customers.archetypes[arch],
            &persona,
            spec.difficulty.clamp(1, 5),
            &spec.focus,
            &mut rng,
        );
        if deck.is_empty() {
            return Err(SimError::EmptyDeck);
        }
        let mut call = Call {
            rng,
            mood: persona.mood,
            trust: persona.trust,
            start_trust: persona.trust,
            patience: persona.patience,
            max_patience: persona.patience,
            level: persona.base_level,
            persona,
            campaign,
            customers,
            spec,
            weights,
            pass_mark,
            origin: None,
            salt: None,
            deck,
            pos: 0,
            steps_done: 0,
            steps_offered: 0,
            warned: false,
            offer: Vec::with_capacity(6),
            choices: Vec::new(),
            tally: Tally::default(),
            report: None,
            events: Vec::with_capacity(32),
        };
        call.present(Cue::Move);
        Ok(call)
    }

    pub fn persona(&self) -> &Persona {
        &self.persona
    }
    pub fn campaign(&self) -> &Arc<Campaign> {
        &self.campaign
    }
    pub fn spec(&self) -> &CallSpec {
        &self.spec
    }
    /// The persona set and index this call came from, if any.
    pub fn origin(&self) -> Option<&(PersonaSet, u32)> {
        self.origin.as_ref()
    }
    /// The attempt's salt, if the call belongs to a salted attempt.
    pub fn salt(&self) -> Option<u64> {
        self.salt
    }
    /// Every event so far, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// The choices made so far.
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
    /// Turns taken so far.
    pub fn turn(&self) -> u32 {
        self.choices.len() as u32
    }
    pub fn is_over(&self) -> bool {
        self.report.is_some()
    }
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }
    pub fn ending(&self) -> Option<Ending> {
        self.report.as_ref().map(|r| r.ending)
    }
    /// The provocation level of the customer's current line.
    pub fn level(&self) -> Level {
        self.level
    }
    /// The move the customer is making now.
    pub fn current_move(&self) -> Option<&Move> {
        if self.is_over() {
            return None;
        }
        self.deck.get(self.pos).map(|i| &self.campaign.moves[*i])
    }
    /// The lines on offer now, in the order shown (for policies and tools; the UI shows the
    /// texts from the `Offer` event).
    pub fn offered(&self) -> impl Iterator<Item = &Line> {
        let m = self.current_move();
        self.offer
            .iter()
            .filter_map(move |i| m.and_then(|m| m.lines.get(*i)))
    }
    /// A fingerprint of every event so far: FNV-1a over [`transcript_text`], as 16 hex digits.
    /// It names no Rust field, so renaming one never invalidates a saved result.
    pub fn digest(&self) -> String {
        format!("{:016x}", fnv1a(transcript_text(&self.events).as_bytes()))
    }
    /// Whether a warning was given (or a threat made one needless) before a boundary end.
    pub fn warned(&self) -> bool {
        self.warned
    }
    /// The running score sums, with every turn as the score saw it.
    pub(crate) fn tally(&self) -> &Tally {
        &self.tally
    }
    /// The weights this call is scored with.
    pub fn weights(&self) -> Weights {
        self.weights
    }
    /// Whether a step is done.
    pub fn step_done(&self, step: usize) -> bool {
        step < 64 && self.steps_done & (1 << step) != 0
    }
    /// The hint for the current move, when hints are on.
    pub fn hint(&self) -> Option<&Text> {
        if self.spec.hints {
            self.current_move().map(|m| &m.hint)
        } else {
            None
        }
    }

    /// Takes the trainee's choice for this turn and returns the events it caused.
    pub fn apply(&mut self, choice: Choice) -> Result<&[Event], SimError> {
        if self.is_over() {
            return Err(SimError::CallOver);
        }
        if choice.hint && !self.spec.hints {
            return Err(SimError::HintsOff);
        }
        let start = self.events.len();
        let turn = self.turn();
        match choice.pick {
            None => {
                if self.spec.reply_limit_ms.is_none() {
                    return Err(SimError::NoTimeLimit);
                }
                self.choices.push(choice);
                self.tally.silence(self.level, choice.ms, choice.hint);
                self.events.push(Event::NoReply {
                    turn,
                    ms: choice.ms,
                });
                self.patience -= SILENCE_PATIENCE;
                if self.patience <= 0 {
                    self.hang_up();
                } else if self.turn() >= MAX_TURNS {
                    self.end(Ending::HangUp);
                } else {
                    self.present(Cue::StillThere);
                }
            }
            Some(pick) => {
                let Some(&line_index) = self.offer.get(usize::from(pick)) else {
                    return Err(SimError::InvalidPick(pick));
                };
                self.choices.push(choice);
                self.reply(turn, pick, line_index, choice);
            }
        }
        Ok(&self.events[start..])
    }

    fn reply(&mut self, turn: u32, pick: u8, line_index: usize, choice: Choice) {
        let campaign = self.campaign.clone();
        let m = &campaign.moves[self.deck[self.pos]];
        let line = &m.lines[line_index];
        self.events.push(Event::Reply {
            turn,
            pick,
            text: self.line_text(m, line_index),
            ms: choice.ms,
            hint: choice.hint,
        });

        // Compliance: steps required first, then what the line commits.
        let mut breaches = Vec::new();
        let mut critical = false;
        for r in &line.requires {
            if !self.step_done(*r) {
                let step = &campaign.steps[*r];
                critical |= step.critical;
                breaches.push(Breach {
                    label: format!("Skipped a required step: {}", step.label).into(),
                    critical: step.critical,
                });
            }
        }
        for v in &line.violates {
            let v = &campaign.violations[*v];
            critical |= v.critical;
            breaches.push(Breach {
                label: v.label.clone(),
                critical: v.critical,
            });
        }
        let mut steps = Vec::new();
        for s in &line.satisfies {
            if !self.step_done(*s) {
                self.steps_done |= 1 << *s;
                steps.push(campaign.steps[*s].label.clone());
            }
        }
        // A warning given, or a threat that needs none: the boundary end is then the right one.
        if m.role == Role::ThreatEnd || line.techniques.iter().any(|t| &**t == "set-boundary") {
            self.warned = true;
        }

        // The customer's reaction.
        let mut e = line.effect;
        let sens = self.persona.sensitivity;
        let scale = |v: i32| if v < 0 { v * sens / 100 } else { v };
        e.mood = scale(e.mood);
        e.trust = scale(e.trust);
        e.patience = scale(e.patience);
        let triggered = line.tags.iter().any(|t| self.persona.triggers.contains(t));
        if triggered {
            e.mood -= TRIGGER_MOOD;
            e.patience -= TRIGGER_PATIENCE;
        }
        self.mood = (self.mood + e.mood).clamp(0, 100);
        self.trust = (self.trust + e.trust).clamp(0, 100);
        self.patience = (self.patience + e.patience).min(self.max_patience);

        self.tally.reply(
            line.tone,
            line.quality,
            self.level,
            choice,
            self.spec.reply_limit_ms,
        );
        if critical {
            self.tally.critical = true;
        }

        let better = if line.is_model() {
            None
        } else {
            self.best_offered(m).map(|b| Better {
                text: self.line_text(m, b),
                why: m.lines[b].why.clone(),
                techniques: m.lines[b].techniques.clone(),
            })
        };
        self.events.push(Event::Feedback(Box::new(Feedback {
            turn,
            move_id: m.id.clone(),
            kind: m.kind,
            quality: line.quality,
            tone: line.tone,
            why: line.why.clone(),
            techniques: line.techniques.clone(),
            better,
            steps,
            breaches,
            triggered,
        })));

        if critical {
            self.end(Ending::ComplianceFailure);
            return;
        }
        match line.ends {
            Some(Ending::Goal) => {
                if m.role == Role::Win
                    && self.persona.fate == Fate::Win
                    && self.trust >= self.goal_trust()
                {
                    self.end(Ending::Goal);
                } else {
                    self.decline();
                }
                return;
            }
            Some(ending) => {
                self.end(ending);
                return;
            }
            None => {}
        }
        if self.mood <= 0 || self.patience <= 0 {
            self.hang_up();
            return;
        }
        if self.turn() >= MAX_TURNS {
            self.end(Ending::HangUp);
            return;
        }
        let terminal = matches!(
            m.role,
            Role::Win
                | Role::Refuse
                | Role::OptOut
                | Role::AbuseEnd
                | Role::Escalate
                | Role::ThreatEnd
        );
        if !terminal {
            self.pos += 1;
        }
        if self.pos >= self.deck.len() {
            self.pos = self.deck.len() - 1;
        }
        self.present(Cue::Move);
    }

    /// Trust the customer needs to say yes at the close: a fixed bar that rises with difficulty,
    /// or, for a customer who started out wary, a clear gain over where they started.
    fn goal_trust(&self) -> i32 {
        (35 + 3 * i32::from(self.spec.difficulty)).min(self.start_trust + 10)
    }

    /// The customer turns the close down; the refusal follows.
    fn decline(&mut self) {
        let refuse = self
            .campaign
            .moves
            .iter()
            .position(|m| m.role == Role::Refuse);
        match refuse {
            Some(r) if self.turn() < MAX_TURNS => {
                self.deck.truncate(self.pos + 1);
                self.deck.push(r);
                self.pos += 1;
                self.persona.fate = Fate::Refuse;
                self.present(Cue::Declines);
            }
            _ => self.end(Ending::PoliteClose),
        }
    }

    /// The index of the best model line on offer, if any.
    fn best_offered(&self, m: &Move) -> Option<usize> {
        self.offer
            .iter()
            .copied()
            .filter(|i| m.lines[*i].is_model())
            .max_by_key(|i| {
                let l = &m.lines[*i];
                l.satisfies.iter().filter(|s| !self.step_done(**s)).count() as i32
                    - 10 * l.requires.iter().filter(|r| !self.step_done(**r)).count() as i32
            })
    }

    /// Line `i` of move `m`, with its placeholders filled for this call (shared as it is when
    /// the loader found none in it).
    fn line_text(&self, m: &Move, i: usize) -> Text {
        let text = &m.lines[i].text;
        if m.is_plain(i) {
            text.clone()
        } else {
            self.persona.fill.apply(text)
        }
    }

    fn hang_up(&mut self) {
        let level = self.level.index();
        let text = self
            .rng
            .pick(&self.customers.hang_up[self.campaign.direction.index()][level])
            .cloned()
            .unwrap_or_else(|| "Goodbye.".into());
        let (move_id, kind) = self
            .current_move()
            .map(|m| (m.id.clone(), m.kind))
            .unwrap_or_else(|| ("".into(), Kind::Refusal));
        self.events.push(Event::Customer {
            turn: self.turn(),
            cue: Cue::HangUp,
            move_id,
            kind,
            level: self.level,
            text,
        });
        self.end(Ending::HangUp);
    }

    /// The customer speaks: the current move's line (or a still-there prompt), then the offer.
    fn present(&mut self, cue: Cue) {
        let campaign = self.campaign.clone();
        let m = &campaign.moves[self.deck[self.pos]];
        let adjust = if self.mood < 10 {
            2
        } else if self.mood < 25 {
            1
        } else if self.mood >= 75 {
            -1
        } else {
            0
        };
        let level = Level::from_number(self.persona.base_level.index() as i32 + adjust)
            .clamp(m.min_level, m.max_level);
        self.level = level;
        let pool = match cue {
            Cue::StillThere => {
                &self.customers.still_there[self.campaign.direction.index()][level.index()]
            }
            _ => &m.say[level.index()],
        };
        let text = match self.rng.pick(pool) {
            Some(t) => self.persona.fill.apply(t),
            None => "...".into(),
        };
        self.events.push(Event::Customer {
            turn: self.turn(),
            cue,
            move_id: m.id.clone(),
            kind: m.kind,
            level,
            text,
        });
        if cue != Cue::StillThere {
            draw_offer(m, &mut self.rng, &mut self.offer);
        }
        for i in &self.offer {
            for s in &m.lines[*i].satisfies {
                self.steps_offered |= 1 << *s;
            }
        }
        self.events.push(Event::Offer {
            turn: self.turn(),
            lines: self.offer.iter().map(|i| self.line_text(m, *i)).collect(),
        });
        self.events.push(Event::State(self.snapshot()));
    }

    fn snapshot(&self) -> Snapshot {
        let m = self.deck.get(self.pos).map(|i| &self.campaign.moves[*i]);
        Snapshot {
            mood: self.mood,
            trust: self.trust,
            patience: self.patience.max(0),
            max_patience: self.max_patience,
            phase: m
                .and_then(|m| self.campaign.phases.get(m.phase).cloned())
                .unwrap_or_else(|| "".into()),
            steps_done: self.steps_done.count_ones(),
            steps_total: (self.steps_offered | self.steps_done).count_ones(),
        }
    }

    fn end(&mut self, ending: Ending) {
        let outcome = score::outcome(ending, self.persona.fate, self.warned);
        let right = ending == self.persona.fate.right_ending()
            && (ending != Ending::BoundaryEnd || self.warned);
        let applicable = self.steps_offered | self.steps_done;
        let steps: Vec<StepResult> = self
            .campaign
            .steps
            .iter()
            .enumerate()
            .filter(|(i, _)| applicable & (1 << *i) != 0)
            .map(|(i, s)| StepResult {
                label: s.label.clone(),
                done: self.step_done(i),
                mandatory: s.mandatory,
            })
            .collect();
        // A mandatory step that applied and was missed fails the call like a critical breach.
        if steps.iter().any(|s| s.mandatory && !s.done) {
            self.tally.critical = true;
        }
        let coverage = if steps.is_empty() {
            1.0
        } else {
            steps.iter().filter(|s| s.done).count() as f64 / steps.len() as f64
        };
        let scores = self.tally.scores(outcome, coverage, self.weights);
        let report = Report {
            ending,
            right_ending: right,
            passed: !self.tally.critical && scores.overall >= self.pass_mark,
            critical: self.tally.critical,
            scores,
            turns: self.turn(),
            steps,
            hints_used: self.tally.hints,
        };
        self.events.push(Event::State(self.snapshot()));
        self.events.push(Event::Ended(report.clone()));
        self.report = Some(report);
        self.offer.clear();
    }
}

/// Draws an offer of four to six of the move's lines into `offer`: a model line, a calm mistake
/// and a line that is not composed, then others, shuffled. Public so that tools can measure what
/// a guesser finds over the offers the engine really draws.
pub fn draw_offer(m: &Move, rng: &mut Stream, offer: &mut Vec<usize>) {
    offer.clear();
    let n = m.lines.len();
    let size = (4 + rng.below(3)).min(n);
    for group in [&m.model_lines, &m.calm_mistakes, &m.hot_lines] {
        let free = group.iter().filter(|i| !offer.contains(i)).count();
        if free > 0 {
            let k = rng.below(free);
            if let Some(i) = group.iter().filter(|i| !offer.contains(i)).nth(k) {
                offer.push(*i);
            }
        }
    }
    // Fill up with other lines, drawn without replacement.
    while offer.len() < size {
        let free = n - offer.len();
        let k = rng.below(free);
        match (0..n).filter(|i| !offer.contains(i)).nth(k) {
            Some(i) => offer.push(i),
            None => break,
        }
    }
    rng.shuffle(offer);
}

/// The events as text, one line per event, in an explicit encoding (version 1): a tag, then the
/// event's fields in a fixed order, separated by " | ". Lists are joined with " / ", absent values
/// are "-". It names no Rust field and uses only integers and text, so it is the same on every
/// platform and survives any refactor of [`Event`]; the record digest is its hash. A golden copy
/// of one call's transcript is kept in `tests/data/golden/` to show what a change changed.
///
/// | tag | fields |
/// | --- | --- |
/// | `C` | turn, cue, move id, kind, level, text (the customer speaks) |
/// | `O` | turn, the offered lines |
/// | `R` | turn, pick, ms, hint, text (the trainee's reply) |
/// | `N` | turn, ms (no reply in time) |
/// | `F` | turn, move id, kind, quality, tone, techniques, steps done, breaches (label and `!` when critical), triggered, better line or `-`, why |
/// | `S` | mood, trust, patience, max patience, phase, steps done, steps total |
/// | `E` | ending, right ending, overall, composure, correctness, outcome, responsiveness, passed, critical, turns, steps (`+` done, `-` missed), hints |
pub fn transcript_text(events: &[Event]) -> String {
    use std::fmt::Write;
    let cue = |c: Cue| match c {
        Cue::Move => "move",
        Cue::StillThere => "still-there",
        Cue::Declines => "declines",
        Cue::HangUp => "hang-up",
    };
    let join = |items: &[Text]| items.iter().map(|t| &**t).collect::<Vec<_>>().join(" / ");
    let mut out = String::new();
    for e in events {
        let _ = match e {
            Event::Customer {
                turn,
                cue: c,
                move_id,
                kind,
                level,
                text,
            } => writeln!(
                out,
                "C | {turn} | {} | {move_id} | {} | {} | {text}",
                cue(*c),
                kind.as_str(),
                level.as_str()
            ),
            Event::Offer { turn, lines } => writeln!(out, "O | {turn} | {}", join(lines)),
            Event::Reply {
                turn,
                pick,
                text,
                ms,
                hint,
            } => writeln!(out, "R | {turn} | {pick} | {ms} | {hint} | {text}"),
            Event::NoReply { turn, ms } => writeln!(out, "N | {turn} | {ms}"),
            Event::Feedback(f) => {
                let breaches: Vec<String> = f
                    .breaches
                    .iter()
                    .map(|b| format!("{}{}", b.label, if b.critical { "!" } else { "" }))
                    .collect();
                writeln!(
                    out,
                    "F | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {}",
                    f.turn,
                    f.move_id,
                    f.kind.as_str(),
                    f.quality.as_str(),
                    f.tone.as_str(),
                    join(&f.techniques),
                    join(&f.steps),
                    breaches.join(" / "),
                    f.triggered,
                    f.better.as_ref().map_or("-", |b| &*b.text),
                    f.why
                )
            }
            Event::State(s) => writeln!(
                out,
                "S | {} | {} | {} | {} | {} | {} | {}",
                s.mood, s.trust, s.patience, s.max_patience, s.phase, s.steps_done, s.steps_total
            ),
            Event::Ended(r) => {
                let steps: Vec<String> = r
                    .steps
                    .iter()
                    .map(|s| format!("{}{}", if s.done { "+" } else { "-" }, s.label))
                    .collect();
                let sc = r.scores;
                writeln!(
                    out,
                    "E | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {}",
                    r.ending.as_str(),
                    r.right_ending,
                    sc.overall,
                    sc.composure,
                    sc.correctness,
                    sc.outcome,
                    sc.responsiveness,
                    r.passed,
                    r.critical,
                    r.turns,
                    steps.join(" / "),
                    r.hints_used
                )
            }
        };
    }
    out
}
