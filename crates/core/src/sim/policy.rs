//! Scripted players for tools, tests and the validator.
//!
//! Two families:
//! - players that know the script's grading: `best` (a model agent), `random`, `mirror`
//!   (answers rudeness in kind) and `worst`;
//! - **surface-only players**, which see nothing but the text of the offered lines, as a
//!   candidate who knows nothing about the job would: `longest`, `shortest`, `empathy` (most
//!   empathy words) and `calm-longest` (drops the lines that sound heated, then takes the
//!   longest). Their pass rate is a test of the content: if a guess passes, the score means
//!   nothing. [`Policy::surface_only`] tells them apart.

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
    /// Surface only: the longest offered line (in characters).
    Longest,
    /// Surface only: the shortest offered line.
    Shortest,
    /// Surface only: the line with the most empathy words ("sorry", "I understand", ...).
    Empathy,
    /// Surface only: drops the lines whose text sounds heated ([`sounds_heated`]), then takes
    /// the longest of the rest.
    CalmLongest,
    /// Knows the tone of every line but not its grading: any composed line, at random. Not a
    /// surface player (it reads the tone labels), but the bar for "calm alone should not pass".
    CalmGuess,
}

impl Policy {
    pub const ALL: &'static [Policy] = &[
        Policy::Best,
        Policy::Random,
        Policy::Mirror,
        Policy::Worst,
        Policy::Longest,
        Policy::Shortest,
        Policy::Empathy,
        Policy::CalmLongest,
        Policy::CalmGuess,
    ];

    /// The players that see only the text of the offered lines.
    pub const SURFACE: &'static [Policy] = &[
        Policy::Longest,
        Policy::Shortest,
        Policy::Empathy,
        Policy::CalmLongest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Best => "best",
            Policy::Random => "random",
            Policy::Mirror => "mirror",
            Policy::Worst => "worst",
            Policy::Longest => "longest",
            Policy::Shortest => "shortest",
            Policy::Empathy => "empathy",
            Policy::CalmLongest => "calm-longest",
            Policy::CalmGuess => "calm-guess",
        }
    }

    /// Whether the player sees only the text of the lines (not their grading or tone).
    pub fn surface_only(self) -> bool {
        Policy::SURFACE.contains(&self)
    }

    pub fn parse(s: &str) -> Option<Policy> {
        Policy::ALL.iter().copied().find(|p| p.as_str() == s)
    }

    /// What a surface-only player picks from these texts (`None` for the other players, or no
    /// texts). Ties go to the first of the equals, and offers are shuffled, so a tie is a coin
    /// toss.
    pub fn pick_by_text(self, texts: &[&str]) -> Option<usize> {
        if texts.is_empty() {
            return None;
        }
        let key: Box<dyn Fn(&str) -> f64> = match self {
            Policy::Longest => Box::new(|t| -(text_len(t) as f64)),
            Policy::Shortest => Box::new(|t| text_len(t) as f64),
            // Most empathy words; among equals, the longer line.
            Policy::Empathy => {
                Box::new(|t| -(empathy_words(t) as f64 * 1000.0 + text_len(t) as f64))
            }
            Policy::CalmLongest => {
                let any_calm = texts.iter().any(|t| !sounds_heated(t));
                Box::new(move |t| {
                    let heated = any_calm && sounds_heated(t);
                    f64::from(u8::from(heated)) * 1e6 - text_len(t) as f64
                })
            }
            _ => return None,
        };
        let mut best = 0;
        let mut best_key = f64::INFINITY;
        for (i, t) in texts.iter().enumerate() {
            let k = key(t);
            if k < best_key {
                best = i;
                best_key = k;
            }
        }
        Some(best)
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
            Policy::Longest | Policy::Shortest | Policy::Empathy | Policy::CalmLongest => {
                let texts: Vec<&str> = call.offered().map(|l| &*l.text).collect();
                self.pick_by_text(&texts).unwrap_or(0)
            }
            Policy::CalmGuess => {
                let composed = call.offered().filter(|l| l.tone.composed()).count();
                let k = rng.below(composed.max(1));
                call.offered()
                    .enumerate()
                    .filter(|(_, l)| l.tone.composed())
                    .nth(k)
                    .map_or(0, |(i, _)| i)
            }
        };
        let ms = match self {
            Policy::Best => 3_000,
            Policy::Mirror => 2_500,
            // Slow as well as wrong: near the end of the reference reply time.
            Policy::Worst => 19_000,
            Policy::Random => 1_000 + rng.below(14_000) as u32,
            // A guesser answers quickly.
            Policy::Longest
            | Policy::Shortest
            | Policy::Empathy
            | Policy::CalmLongest
            | Policy::CalmGuess => 3_000,
        };
        Choice::line(pick as u8, ms)
    }
}

/// The length a reader sees: characters, not bytes.
pub fn text_len(text: &str) -> usize {
    text.chars().count()
}

/// Words and phrases that signal empathy on the surface of a line, whatever the line does.
pub const EMPATHY_WORDS: &[&str] = &[
    "sorry",
    "apologise",
    "apologies",
    "understand",
    "appreciate",
    "frustrat",
    "imagine",
    "i hear",
    "must be",
    "completely",
    "of course",
    "thank",
    "totally",
    "upsetting",
    "worrying",
];

/// How many empathy words or phrases a line holds (each occurrence counts).
pub fn empathy_words(text: &str) -> usize {
    let t = text.to_lowercase();
    EMPATHY_WORDS.iter().map(|w| t.matches(w).count()).sum()
}

/// Surface marks of a heated line, as a guesser would spot them.
const HEAT_MARKS: &[&str] = &[
    "!",
    "calm down",
    "look,",
    "listen,",
    "whatever",
    "not my",
    "your fault",
    "obviously",
    "seriously",
    "frankly",
    "mate",
    "as i said",
    "like i said",
    "i've already",
    "i already told",
    "no need to",
    "rude",
    "your problem",
    "ridiculous",
    "honestly,",
    "fine.",
    "you people",
    "can't you",
    "don't you",
    "shut",
    "stupid",
    "idiot",
    "bloody",
    "for god",
    "not interested in your",
];

/// Whether a line sounds heated from its text alone (the `calm-longest` player's filter).
pub fn sounds_heated(text: &str) -> bool {
    let t = text.to_lowercase();
    HEAT_MARKS.iter().any(|m| t.contains(m))
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
        Some(Role::AbuseEnd | Role::ThreatEnd) => Some(Ending::BoundaryEnd),
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
    play_with(campaign, customers, spec, seed, &mut |call, rng| {
        policy.choose(call, rng)
    })
}

/// Plays a whole call with any player: `choose` gets the call and the player's own random
/// stream (seeded from `seed`) and returns the choice for the turn.
pub fn play_with(
    campaign: Arc<Campaign>,
    customers: Arc<Customers>,
    spec: CallSpec,
    seed: u64,
    choose: &mut dyn FnMut(&Call, &mut Stream) -> Choice,
) -> Result<Call, SimError> {
    let mut call = Call::new(campaign, customers, spec, Weights::default(), 70)?;
    let mut rng = Stream::new(seed, 0x9011c7);
    while !call.is_over() {
        let choice = choose(&call, &mut rng);
        call.apply(choice)?;
    }
    Ok(call)
}

/// What a player scored over many calls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlayStats {
    pub calls: u32,
    pub passed: u32,
    /// Sums of the five scores, in the order overall, composure, correctness, outcome,
    /// responsiveness.
    pub sums: [f64; 5],
    /// Sums of squares of the overall score (for its standard deviation).
    pub overall_sq: f64,
    /// How many calls ended each way, by [`Ending::index`].
    pub endings: [u32; 6],
}

impl PlayStats {
    fn add(&mut self, report: &super::call::Report) {
        let s = report.scores;
        self.calls += 1;
        self.passed += u32::from(report.passed);
        for (sum, v) in self.sums.iter_mut().zip([
            s.overall,
            s.composure,
            s.correctness,
            s.outcome,
            s.responsiveness,
        ]) {
            *sum += f64::from(v);
        }
        self.overall_sq += f64::from(s.overall) * f64::from(s.overall);
        self.endings[report.ending.index()] += 1;
    }
    /// Folds another player's tally into this one.
    pub fn merge(&mut self, other: &PlayStats) {
        self.calls += other.calls;
        self.passed += other.passed;
        for (a, b) in self.sums.iter_mut().zip(other.sums) {
            *a += b;
        }
        self.overall_sq += other.overall_sq;
        for (a, b) in self.endings.iter_mut().zip(other.endings) {
            *a += b;
        }
    }
    /// Mean of score `i` (0 overall, 1 composure, 2 correctness, 3 outcome, 4 responsiveness).
    pub fn mean(&self, i: usize) -> f64 {
        if self.calls == 0 {
            0.0
        } else {
            self.sums[i] / f64::from(self.calls)
        }
    }
    /// Standard deviation of the overall score.
    pub fn overall_sd(&self) -> f64 {
        if self.calls < 2 {
            return 0.0;
        }
        let n = f64::from(self.calls);
        let m = self.sums[0] / n;
        ((self.overall_sq - n * m * m) / (n - 1.0)).max(0.0).sqrt()
    }
    /// Share of calls passed, 0 to 1.
    pub fn pass_rate(&self) -> f64 {
        if self.calls == 0 {
            0.0
        } else {
            f64::from(self.passed) / f64::from(self.calls)
        }
    }
}

/// Plays `count` calls of a campaign with a policy, at one difficulty, and tallies them, overall
/// and per archetype (indexed like `customers.archetypes`). Call `i` uses the seeds
/// `mix(seed, i)` (customer) and `mix(seed, i + 7)` (player), so every policy meets the same
/// customers.
pub fn play_many(
    campaign: &Arc<Campaign>,
    customers: &Arc<Customers>,
    policy: Policy,
    difficulty: u8,
    archetype: Option<&str>,
    seed: u64,
    count: u32,
) -> Result<(PlayStats, Vec<PlayStats>), SimError> {
    play_many_with(
        campaign,
        customers,
        difficulty,
        archetype,
        seed,
        count,
        &mut |call, rng| policy.choose(call, rng),
    )
}

/// As [`play_many`], with any player (see [`play_with`]).
pub fn play_many_with(
    campaign: &Arc<Campaign>,
    customers: &Arc<Customers>,
    difficulty: u8,
    archetype: Option<&str>,
    seed: u64,
    count: u32,
    choose: &mut dyn FnMut(&Call, &mut Stream) -> Choice,
) -> Result<(PlayStats, Vec<PlayStats>), SimError> {
    let mut all = PlayStats::default();
    let mut by_archetype = vec![PlayStats::default(); customers.archetypes.len()];
    for i in 0..count {
        let spec = CallSpec {
            campaign: campaign.id.clone(),
            archetype: archetype.map(Arc::from),
            difficulty,
            seed: super::rng::mix(seed, u64::from(i)),
            reply_limit_ms: None,
            hints: false,
            fate: None,
            focus: Vec::new(),
        };
        let call = play_with(
            campaign.clone(),
            customers.clone(),
            spec,
            super::rng::mix(seed, u64::from(i) + 7),
            choose,
        )?;
        if let Some(r) = call.report() {
            all.add(r);
            if let Some((a, _)) = customers.archetype(&call.persona().archetype) {
                by_archetype[a].add(r);
            }
        }
    }
    Ok((all, by_archetype))
}

/// How often a surface-only player finds a model line over offers the engine draws.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SurfaceHits {
    pub offers: u32,
    /// Offers where the player's pick was a model line.
    pub hits: u32,
    /// The expected number of such offers for a blind pick: the sum over offers of
    /// (model lines offered) / (lines offered).
    pub chance: f64,
}

impl SurfaceHits {
    /// Hits as a share of offers, 0 to 1.
    pub fn rate(&self) -> f64 {
        if self.offers == 0 {
            0.0
        } else {
            f64::from(self.hits) / f64::from(self.offers)
        }
    }
    /// Hits against a blind pick: 1 is chance, 1.5 is the most the content allows.
    pub fn ratio(&self) -> f64 {
        if self.chance == 0.0 {
            0.0
        } else {
            f64::from(self.hits) / self.chance
        }
    }
}

/// Draws `samples` offers of every move of the campaign, as the engine draws them, and counts how
/// often a surface-only player picks a model line.
pub fn surface_hits(campaign: &Campaign, policy: Policy, samples: u32, seed: u64) -> SurfaceHits {
    let mut out = SurfaceHits::default();
    let mut rng = Stream::new(seed, 0x5afe);
    let mut offer = Vec::with_capacity(6);
    for m in &campaign.moves {
        for _ in 0..samples {
            super::call::draw_offer(m, &mut rng, &mut offer);
            let texts: Vec<&str> = offer.iter().map(|i| &*m.lines[*i].text).collect();
            let Some(pick) = policy.pick_by_text(&texts) else {
                return out;
            };
            let models = offer.iter().filter(|i| m.lines[**i].is_model()).count();
            out.offers += 1;
            out.hits += u32::from(m.lines[offer[pick]].is_model());
            out.chance += models as f64 / offer.len() as f64;
        }
    }
    out
}

/// A guesser who has studied other campaigns' scripts, but not this one, and learnt which
/// words and two-word phrases mark model lines and which mark calm mistakes. It drops the lines
/// that sound heated, then picks the line whose words score highest. If it passes, the content
/// has vocabulary tells ("I completely understand" only in mistakes, "reference" only in model
/// lines) that a trainee could learn instead of the job.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    /// Log-odds of each word or phrase: positive marks model lines.
    odds: std::collections::HashMap<String, f64>,
}

impl Vocabulary {
    /// Learns from the model lines and calm mistakes of these campaigns.
    pub fn learn<'a>(campaigns: impl IntoIterator<Item = &'a Campaign>) -> Vocabulary {
        use std::collections::HashMap;
        let (mut model, mut mistake): (HashMap<String, u32>, HashMap<String, u32>) =
            Default::default();
        let (mut n_model, mut n_mistake) = (0u32, 0u32);
        for c in campaigns {
            for l in c.moves.iter().flat_map(|m| &m.lines) {
                let counts = if l.is_model() {
                    n_model += 1;
                    &mut model
                } else if l.is_calm_mistake() {
                    n_mistake += 1;
                    &mut mistake
                } else {
                    continue;
                };
                for g in grams(&l.text) {
                    *counts.entry(g).or_default() += 1;
                }
            }
        }
        let mut odds = std::collections::HashMap::new();
        let keys: std::collections::BTreeSet<&String> =
            model.keys().chain(mistake.keys()).collect();
        for g in keys {
            let a = f64::from(model.get(g).copied().unwrap_or(0));
            let b = f64::from(mistake.get(g).copied().unwrap_or(0));
            if a + b < 3.0 {
                continue;
            }
            let lo = ((a + 0.5) / (f64::from(n_model) + 1.0)).ln()
                - ((b + 0.5) / (f64::from(n_mistake) + 1.0)).ln();
            odds.insert(g.clone(), lo);
        }
        Vocabulary { odds }
    }

    /// How strongly a line's words say "model line".
    pub fn score(&self, text: &str) -> f64 {
        grams(text).iter().filter_map(|g| self.odds.get(g)).sum()
    }

    /// The line this guesser picks: the best-scoring of the lines that do not sound heated.
    pub fn pick(&self, texts: &[&str]) -> Option<usize> {
        let any_calm = texts.iter().any(|t| !sounds_heated(t));
        let mut best = None;
        let mut best_score = f64::NEG_INFINITY;
        for (i, t) in texts.iter().enumerate() {
            if any_calm && sounds_heated(t) {
                continue;
            }
            let s = self.score(t);
            if s > best_score {
                best = Some(i);
                best_score = s;
            }
        }
        best
    }

    /// The player's choice for this turn (replies in three seconds, like the other guessers).
    pub fn choose(&self, call: &Call) -> Choice {
        let texts: Vec<&str> = call.offered().map(|l| &*l.text).collect();
        Choice::line(self.pick(&texts).unwrap_or(0) as u8, 3_000)
    }
}

/// The distinct lower-case words and two-word phrases of a line (placeholders count as words).
fn grams(text: &str) -> std::collections::BTreeSet<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '£'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut out: std::collections::BTreeSet<String> = words.iter().cloned().collect();
    for pair in words.windows(2) {
        out.insert(format!("{} {}", pair[0], pair[1]));
    }
    out
}
