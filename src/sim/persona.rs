//! Personas: the customer on the line, generated from a seed.

use super::rng::Stream;
use super::set::CallSpec;
use super::SimError;
use crate::content::*;

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
}

impl Persona {
    /// Whether the call can succeed at all.
    pub fn winnable(&self) -> bool {
        self.fate == Fate::Win
    }
}

/// Whether the campaign has the moves a fate needs.
pub fn fate_available(c: &Campaign, fate: Fate) -> bool {
    match fate {
        Fate::Win => c.has_role(Role::Win),
        Fate::Refuse => c.has_role(Role::Refuse),
        Fate::OptOut => c.has_role(Role::OptOut),
        Fate::Abuse => c.has_role(Role::AbuseWarning) && c.has_role(Role::AbuseEnd),
        Fate::Escalate => c.has_role(Role::Escalate),
    }
}

/// The ending a model agent reaches with a customer of this fate.
pub fn right_ending(fate: Fate) -> Ending {
    match fate {
        Fate::Win => Ending::Goal,
        Fate::Refuse | Fate::OptOut => Ending::PoliteClose,
        Fate::Abuse => Ending::BoundaryEnd,
        Fate::Escalate => Ending::Escalation,
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
        Some(f) if fate_available(campaign, f) => f,
        Some(f) => return Err(SimError::FateUnavailable(f)),
        None => {
            let weights: Vec<u32> = Fate::ALL
                .iter()
                .map(|f| {
                    let w = a.fates[f.index()];
                    if !fate_available(campaign, *f) {
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
        Fate::Abuse => &[Role::AbuseWarning, Role::AbuseEnd],
        Fate::Escalate => &[Role::Escalate],
    };
    for role in ending {
        if let Some(m) = pick(*role, rng) {
            deck.push(m);
        }
    }
    deck
}
