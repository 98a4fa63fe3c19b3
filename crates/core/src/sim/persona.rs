//! Personas: the customer on the line, generated from a seed.
//!
//! The persona also fixes what fills the content's placeholders (`{customer}`, `{birth-year}`,
//! `{he}`, ...; see [`crate::content::PLACEHOLDERS`]). Those values come from a stream of their
//! own (stream 2 of the call's seed), so adding them did not change any other draw.

use super::rng::Stream;
use super::set::CallSpec;
use super::SimError;
use crate::content::*;

/// The year birth dates are counted back from. A constant, not the clock: the same seed gives
/// the same birth date on every machine and in every year.
pub const REFERENCE_YEAR: i32 = 2026;
/// The agent's name in `{agent}` placeholders.
pub const AGENT_NAME: &str = "Alex";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The values a call's placeholders are filled with. Invariant: one third party per call, so
/// `{he}` and `{partner}` agree within a call.
#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    pub first: Text,
    pub last: Text,
    pub agent: Text,
    pub birth_day: u32,
    pub birth_month: u32,
    pub birth_year: i32,
    /// Whether the call's third party (a relative, an engineer) is a man.
    pub third_party_male: bool,
}

impl Fill {
    fn draw(first: Text, last: Text, age: AgeBand, rng: &mut Stream) -> Fill {
        let (lo, hi) = match age {
            AgeBand::Young => (18, 29),
            AgeBand::Adult => (30, 44),
            AgeBand::Middle => (45, 64),
            AgeBand::Senior => (65, 92),
        };
        let age_years = rng.between(lo, hi);
        Fill {
            first,
            last,
            agent: AGENT_NAME.into(),
            birth_day: 1 + rng.below(28) as u32,
            birth_month: 1 + rng.below(12) as u32,
            birth_year: REFERENCE_YEAR - age_years,
            third_party_male: rng.below(2) == 0,
        }
    }

    /// The value of one placeholder, or `None` for a name that is not a placeholder.
    pub fn value(&self, name: &str) -> Option<String> {
        let mut out = String::new();
        self.write_value(name, &mut out).then_some(out)
    }

    /// Appends the value of one placeholder to `out`; false (and nothing appended) for a name
    /// that is not a placeholder. Writes in place: filling runs for every line a call offers, so
    /// it allocates nothing of its own.
    fn write_value(&self, name: &str, out: &mut String) -> bool {
        use std::fmt::Write;
        let m = self.third_party_male;
        let pick = |a: &'static str, b: &'static str| if m { a } else { b };
        let word = match name {
            "customer" => &*self.first,
            "agent" => &*self.agent,
            "he" => pick("he", "she"),
            "him" => pick("him", "her"),
            "his" => pick("his", "her"),
            "He" => pick("He", "She"),
            "His" => pick("His", "Her"),
            "parent" => pick("dad", "mum"),
            "partner" => pick("husband", "wife"),
            "child" => pick("son", "daughter"),
            "sibling" => pick("brother", "sister"),
            // Writing to a String cannot fail.
            "customer-full" => return write!(out, "{} {}", self.first, self.last).is_ok(),
            "birth-year" => return write!(out, "{}", self.birth_year).is_ok(),
            "birth-date" => {
                let d = self.birth_day;
                let suffix = match (d % 10, d) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                let month = MONTHS[(self.birth_month as usize + 11) % 12];
                return write!(out, "{d}{suffix} of {month} {}", self.birth_year).is_ok();
            }
            _ => return false,
        };
        out.push_str(word);
        true
    }

    /// The text with its placeholders filled. Text without `{` is returned as it is (a
    /// reference-count bump); an unknown placeholder, which the loader refuses, is left as
    /// written.
    pub fn apply(&self, text: &Text) -> Text {
        // memchr: most lines have no placeholder, and this check runs for every line offered.
        let Some(first) = memchr::memchr(b'{', text.as_bytes()) else {
            return text.clone();
        };
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest: &str = text;
        let mut open = Some(first);
        while let Some(at) = open {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let Some(close) = memchr::memchr(b'}', after.as_bytes()) else {
                out.push_str(&rest[at..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            if !self.write_value(name, &mut out) {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
            rest = &after[close + 1..];
            open = memchr::memchr(b'{', rest.as_bytes());
        }
        out.push_str(rest);
        out.into()
    }
}

/// A generated customer. Invariants: `base_level` already includes the difficulty;
/// `patience >= 2`; `mood` and `trust` are within 0..=100.
#[derive(Clone, Debug, PartialEq)]
pub struct Persona {
    pub archetype: Text,
    pub archetype_label: Text,
    pub name: String,
    pub age: AgeBand,
    pub base_level: Level,
    pub patience: i32,
    pub mood: i32,
    pub trust: i32,
    /// Percent scaling of negative effects.
    pub sensitivity: i32,
    /// How the call should end if handled well.
    pub fate: Fate,
    pub triggers: Vec<Tag>,
    /// Completes "The customer ...".
    pub trait_text: Text,
    /// Speech voice, percent of the default.
    pub pitch: u32,
    pub rate: u32,
    /// The reply time this difficulty suggests, in seconds.
    pub suggested_reply_s: u32,
    /// What fills the content's placeholders on this call (names, birth date, third party).
    pub fill: Fill,
}

impl Persona {
    /// Whether the call can succeed at all.
    pub fn winnable(&self) -> bool {
        self.fate == Fate::Win
    }
}

/// Generates the persona for a call; returns it with its archetype's index.
pub fn generate(
    customers: &Customers,
    campaign: &Campaign,
    spec: &CallSpec,
    rng: &mut Stream,
) -> Result<(Persona, usize), SimError> {
    let d = i32::from(spec.difficulty.clamp(1, 5));
    let index = match &spec.archetype {
        Some(id) => customers
            .archetype(id)
            .map(|(i, _)| i)
            .ok_or_else(|| SimError::UnknownArchetype(id.to_string()))?,
        None => rng.below(customers.archetypes.len()),
    };
    let a = customers
        .archetypes
        .get(index)
        .ok_or_else(|| SimError::UnknownArchetype(String::new()))?;
    let fate = match spec.fate {
        Some(f) if campaign.fate_available(f) => f,
        Some(f) => return Err(SimError::FateUnavailable(f)),
        None => {
            let weights: Vec<u32> = Fate::ALL
                .iter()
                .map(|f| {
                    let w = a.fates[f.index()];
                    if !campaign.fate_available(*f) {
                        0
                    } else if *f == Fate::Win {
                        // Harder days have fewer customers who can be won.
                        w * (7 - d as u32) / 4
                    } else {
                        w
                    }
                })
                .collect();
            rng.weighted(&weights)
                .map(|i| Fate::ALL[i])
                .unwrap_or(Fate::Refuse)
        }
    };
    let first = rng
        .pick(&customers.first_names)
        .cloned()
        .unwrap_or_else(|| "Alex".into());
    let last = rng
        .pick(&customers.last_names)
        .cloned()
        .unwrap_or_else(|| "Smith".into());
    let age = rng.pick(&a.ages).copied().unwrap_or(AgeBand::Adult);
    let mut triggers = a.triggers.clone();
    rng.shuffle(&mut triggers);
    triggers.truncate(1 + rng.below(2));
    let trait_text = rng
        .pick(&a.traits)
        .cloned()
        .unwrap_or_else(|| "is on the line".into());
    let bump = [0, 0, 1, 1, 2][(d - 1) as usize];
    let fill = Fill::draw(
        first.clone(),
        last.clone(),
        age,
        &mut Stream::new(spec.seed, 2),
    );
    let persona = Persona {
        archetype: a.id.clone(),
        archetype_label: a.label.clone(),
        name: format!("{first} {last}"),
        age,
        base_level: Level::from_number(i32::from(a.provocation) + bump),
        patience: (a.patience + 2 - d).max(2),
        mood: (a.mood + rng.between(-10, 10)).clamp(5, 95),
        trust: (a.trust + rng.between(-10, 10)).clamp(0, 100),
        sensitivity: a.sensitivity + (d - 3) * 10,
        fate,
        triggers,
        trait_text,
        pitch: (a.pitch as i32 + rng.between(-8, 8)).clamp(50, 200) as u32,
        rate: (a.rate as i32 + rng.between(-5, 5)).clamp(50, 200) as u32,
        suggested_reply_s: (30 - 4 * d) as u32,
        fill,
    };
    Ok((persona, index))
}

/// Draws the call's deck of move indices: an opening, the `always` moves and some body moves
/// in phase order, then the moves of the persona's ending.
pub fn deck(
    campaign: &Campaign,
    archetype: &Archetype,
    persona: &Persona,
    difficulty: u8,
    spec_focus: &[Kind],
    rng: &mut Stream,
) -> Vec<usize> {
    let allowed = |i: &usize| campaign.moves[*i].allows(&archetype.id);
    // One of a role's moves, preferring those this archetype may make.
    let pick = |role: Role, rng: &mut Stream| -> Option<usize> {
        let list = &campaign.by_role[role.index()];
        let fitting = list.iter().filter(|i| allowed(i)).count();
        if fitting == 0 {
            rng.pick(list).copied()
        } else {
            let k = rng.below(fitting);
            list.iter().filter(|i| allowed(i)).nth(k).copied()
        }
    };
    let mut deck = Vec::with_capacity(16);
    if let Some(o) = pick(Role::Opening, rng) {
        deck.push(o);
    }
    let mut middle: Vec<usize> = campaign.by_role[Role::Always.index()]
        .iter()
        .copied()
        .filter(|i| allowed(i))
        .collect();
    let body_count = match persona.fate {
        Fate::OptOut => 1,
        _ => (2 + i32::from(difficulty) + archetype.extra_moves).clamp(1, 9) as usize,
    };
    let mut pool: Vec<usize> = campaign.by_role[Role::Body.index()]
        .iter()
        .copied()
        .filter(|i| campaign.moves[*i].difficulty <= difficulty && allowed(i))
        .collect();
    let mut weights: Vec<u32> = pool
        .iter()
        .map(|i| {
            let kind = campaign.moves[*i].kind;
            let w = archetype.weights[kind.index()];
            if spec_focus.contains(&kind) {
                (w * 4).max(2)
            } else {
                w
            }
        })
        .collect();
    for _ in 0..body_count {
        let Some(k) = rng.weighted(&weights) else {
            break;
        };
        middle.push(pool[k]);
        pool.swap_remove(k);
        weights.swap_remove(k);
    }
    // Stable: always moves first within a phase, then body moves in the order drawn.
    middle.sort_by_key(|i| campaign.moves[*i].phase);
    deck.extend(middle);
    let ending: &[Role] = match persona.fate {
        Fate::Win => &[Role::Win],
        Fate::Refuse => &[Role::Refuse],
        Fate::OptOut => &[Role::OptOut],
        // A threat of violence or discriminatory abuse ends the call at once: about one abusive
        // customer in three makes one, where the campaign has such a move (always, where it
        // has no warning pair).
        Fate::Abuse => {
            let pair = campaign.has_role(Role::AbuseWarning) && campaign.has_role(Role::AbuseEnd);
            if campaign.has_role(Role::ThreatEnd) && (!pair || rng.below(3) == 0) {
                &[Role::ThreatEnd]
            } else {
                &[Role::AbuseWarning, Role::AbuseEnd]
            }
        }
        Fate::Escalate => &[Role::Escalate],
    };
    for role in ending {
        if let Some(m) = pick(*role, rng) {
            deck.push(m);
        }
    }
    deck
}
