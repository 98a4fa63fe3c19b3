//! The validated content model: campaigns (packs) and the customer file.
//!
//! Values of these types only come out of the loader ([`super::load_pack`],
//! [`super::load_customers`]) after validation, so the simulation can rely on the invariants
//! written on each type without re-checking them.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Shared, immutable text. Cloning is a reference-count bump, which keeps the engine fast.
pub type Text = Arc<str>;

macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        // Serde writes the same name as content files use: one source of truth.
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The name used in content files and saved data.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Parses the name used in content files.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize { self as usize }
        }
    };
}

named_enum!(
    /// Provocation level of a customer utterance: 0 polite to 3 abusive.
    Level { Polite = "polite", Curt = "curt", Rude = "rude", Abusive = "abusive" }
);

impl Level {
    /// The level for a number, clamped to 0..=3.
    pub fn from_number(n: i32) -> Level {
        Level::ALL[n.clamp(0, 3) as usize]
    }
}

named_enum!(
    /// The tone of a script line. The first three are composed.
    Tone {
        Calm = "calm",
        Warm = "warm",
        Neutral = "neutral",
        Curt = "curt",
        Defensive = "defensive",
        Sarcastic = "sarcastic",
        Hostile = "hostile",
    }
);

impl Tone {
    /// Calm, warm and neutral are composed; the rest are not.
    pub fn composed(self) -> bool {
        matches!(self, Tone::Calm | Tone::Warm | Tone::Neutral)
    }
    /// How much a line in this tone counts toward composure (0 to 1).
    pub fn composure(self) -> f64 {
        match self {
            Tone::Calm | Tone::Warm | Tone::Neutral => 1.0,
            Tone::Curt => 0.5,
            Tone::Defensive => 0.2,
            Tone::Sarcastic | Tone::Hostile => 0.0,
        }
    }
}

named_enum!(
    /// How good a line is as an answer to the move it belongs to.
    Quality { Best = "best", Good = "good", Weak = "weak", Wrong = "wrong" }
);

impl Quality {
    /// Contribution to correctness (0 to 1).
    pub fn score(self) -> f64 {
        match self {
            Quality::Best => 1.0,
            Quality::Good => 0.75,
            Quality::Weak => 0.35,
            Quality::Wrong => 0.0,
        }
    }
}

named_enum!(
    /// Where a move sits in a call; see docs/content-format.md.
    Role {
        Opening = "opening",
        Always = "always",
        Body = "body",
        Win = "win",
        Refuse = "refuse",
        OptOut = "opt-out",
        AbuseWarning = "abuse-warning",
        AbuseEnd = "abuse-end",
        Escalate = "escalate",
        ThreatEnd = "threat-end",
    }
);

/// How many roles there are (the length of [`Campaign::by_role`]).
pub const ROLES: usize = 10;

named_enum!(
    /// Who rang whom. Decides which shared customer lines fit ("Did you forget you rang me?"
    /// only fits a call the agent made).
    Direction { Inbound = "inbound", Outbound = "outbound" }
);

named_enum!(
    /// What the customer does. Archetypes weight body moves by kind.
    Kind {
        Opening = "opening",
        Question = "question",
        Objection = "objection",
        Complaint = "complaint",
        Insult = "insult",
        Silence = "silence",
        Agreement = "agreement",
        Refusal = "refusal",
        OptOut = "opt-out",
        OffTopic = "off-topic",
        Confusion = "confusion",
        ScamCheck = "scam-check",
        ManagerRequest = "manager-request",
        Threat = "threat",
        Callback = "callback",
        ThirdParty = "third-party",
        Vulnerability = "vulnerability",
    }
);

/// How many move kinds there are (the length of [`Archetype::weights`]).
pub const KINDS: usize = 17;

named_enum!(
    /// How a call ended.
    Ending {
        Goal = "goal",
        PoliteClose = "polite-close",
        BoundaryEnd = "boundary-end",
        Escalation = "escalation",
        HangUp = "hang-up",
        ComplianceFailure = "compliance-failure",
    }
);

impl Ending {
    /// The endings a script line may declare with `ends`.
    pub const FROM_LINE: &'static [Ending] = &[
        Ending::Goal,
        Ending::PoliteClose,
        Ending::BoundaryEnd,
        Ending::Escalation,
    ];
}

named_enum!(
    /// The campaign's purpose, from the real trade.
    Purpose {
        OutboundSale = "outbound-sale",
        Survey = "survey",
        ServiceFollowUp = "service-follow-up",
        Information = "information",
        InboundComplaint = "inbound-complaint",
    }
);

named_enum!(
    /// Something in a line that can set a touchy customer off.
    Tag {
        Jargon = "jargon",
        Scripted = "scripted",
        Pushy = "pushy",
        Interrupts = "interrupts",
        Overfamiliar = "overfamiliar",
        LongWinded = "long-winded",
    }
);

named_enum!(
    /// How a customer's call is meant to end, drawn per persona.
    Fate { Win = "win", Refuse = "refuse", OptOut = "opt-out", Abuse = "abuse", Escalate = "escalate" }
);

impl Fate {
    /// The ending a model agent reaches with a customer of this fate.
    pub fn right_ending(self) -> Ending {
        match self {
            Fate::Win => Ending::Goal,
            Fate::Refuse | Fate::OptOut => Ending::PoliteClose,
            Fate::Abuse => Ending::BoundaryEnd,
            Fate::Escalate => Ending::Escalation,
        }
    }
}

named_enum!(
    /// Age band of a persona.
    AgeBand { Young = "18-29", Adult = "30-44", Middle = "45-64", Senior = "65+" }
);

/// The techniques a line may name: good practice first, then faults.
pub const TECHNIQUES: &[&str] = &[
    "introduce",
    "state-purpose",
    "announce-recording",
    "check-permission",
    "verify",
    "acknowledge",
    "empathise",
    "apologise-impact",
    "probe",
    "paraphrase",
    "reframe",
    "evidence",
    "feel-felt-found",
    "reassure",
    "plain-language",
    "check-understanding",
    "offer",
    "disclose-terms",
    "close",
    "summarise",
    "next-steps",
    "thank",
    "honour-opt-out",
    "set-boundary",
    "end-politely",
    "escalate",
    "resolve",
    "redirect",
    "argue",
    "blame",
    "dismiss",
    "pressure",
    "sarcasm",
    "over-promise",
    "misleading",
    "guarantee",
    "jargon",
    "lecture",
    "interrupt",
    "skip-verification",
    "overshare",
    "vague",
    "give-up",
    "threaten",
    "personal",
];

/// The placeholders a customer utterance or a script line may hold, filled per call from the
/// persona (see `sim::Fill`): the customer's names, the agent's name, a birth date that fits the
/// persona's age band, and the call's third party (one per call, a man or a woman).
pub const PLACEHOLDERS: &[&str] = &[
    "customer",
    "customer-full",
    "agent",
    "birth-year",
    "birth-date",
    "he",
    "him",
    "his",
    "He",
    "His",
    "parent",
    "partner",
    "child",
    "sibling",
];

/// A required step of a campaign (e.g. "Verify identity before account details").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: Text,
    pub label: Text,
    /// Saying a line that `requires` this step before it is done is a critical failure.
    pub critical: bool,
    /// A call in which this step applied (a line doing it was offered) but was never done
    /// fails as a critical failure, whatever its ending: verifying identity in a bank.
    pub mandatory: bool,
}

/// A compliance breach a line can commit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub id: Text,
    pub label: Text,
    /// Ends the call as a compliance failure, caps overall at 50 and fails the call.
    pub critical: bool,
}

/// The effect of a line on the customer's state (already resolved from defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Effect {
    pub mood: i32,
    pub trust: i32,
    pub patience: i32,
}

impl Effect {
    /// The default effect of a line of this quality and tone (see docs/content-format.md).
    pub fn default_for(quality: Quality, tone: Tone) -> Effect {
        let (mood, trust, patience) = match quality {
            Quality::Best => (10, 10, 0),
            Quality::Good => (6, 6, 0),
            Quality::Weak => (-3, -2, -1),
            Quality::Wrong => (-8, -8, -2),
        };
        let (tm, tt, tp) = match tone {
            Tone::Calm | Tone::Warm | Tone::Neutral => (0, 0, 0),
            Tone::Curt => (-6, 0, -1),
            Tone::Defensive => (-10, -3, -1),
            Tone::Sarcastic => (-15, -5, -2),
            Tone::Hostile => (-25, -10, -3),
        };
        Effect {
            mood: mood + tm,
            trust: trust + tt,
            patience: patience + tp,
        }
    }
}

/// A line the trainee can pick.
///
/// Invariant: indices in `satisfies` and `requires` are valid step indices of the campaign, and
/// those in `violates` are valid violation indices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub text: Text,
    pub tone: Tone,
    pub quality: Quality,
    pub techniques: Arc<[Text]>,
    pub why: Text,
    pub satisfies: Vec<usize>,
    pub requires: Vec<usize>,
    pub violates: Vec<usize>,
    pub ends: Option<Ending>,
    pub tags: Vec<Tag>,
    pub effect: Effect,
    /// 1-based source line of the line's header, for diagnostics.
    pub source_line: u32,
}

impl Line {
    /// A best answer in a composed tone: what a model agent says.
    pub fn is_model(&self) -> bool {
        self.quality == Quality::Best && self.tone.composed()
    }
    /// A composed line that is weak or wrong: the tempting calm mistake.
    pub fn is_calm_mistake(&self) -> bool {
        self.tone.composed() && matches!(self.quality, Quality::Weak | Quality::Wrong)
    }
}

/// A customer move with its utterances and the lines that answer it.
///
/// Invariants: `say[l]` is non-empty exactly for the levels `min_level..=max_level`;
/// `lines` has at least four lines, among them a model line, a calm mistake and a line that is
/// not composed; `phase` is a valid index into the campaign's phases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub id: Text,
    pub kind: Kind,
    pub role: Role,
    pub phase: usize,
    pub difficulty: u8,
    /// Archetype ids allowed to make this move; empty means all.
    pub archetypes: Vec<Text>,
    pub hint: Text,
    pub say: [Vec<Text>; 4],
    pub min_level: Level,
    pub max_level: Level,
    pub lines: Vec<Line>,
    /// Indices of the model lines, calm mistakes and lines that are not composed, for drawing
    /// offers without searching.
    pub model_lines: Vec<usize>,
    pub calm_mistakes: Vec<usize>,
    pub hot_lines: Vec<usize>,
    /// Bit `i` is set when `lines[i]` (`i < 64`) has no placeholder, so a call offers it as it
    /// is without searching it for one (most lines have none, and every offer fills each line
    /// it shows). A clear bit only means "look": 0, the default where a data file has no such
    /// field, is always correct.
    #[serde(default)]
    pub plain_lines: u64,
    /// 1-based source line of the move's header, for diagnostics.
    pub source_line: u32,
}

impl Move {
    /// The [`Move::plain_lines`] bits of these lines.
    pub fn plain_bits(lines: &[Line]) -> u64 {
        lines
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, l)| !l.text.contains('{'))
            .fold(0, |bits, (i, _)| bits | 1 << i)
    }

    /// Whether line `i` is known to have no placeholder (see [`Move::plain_lines`]).
    pub fn is_plain(&self, i: usize) -> bool {
        i < 64 && self.plain_lines & (1 << i) != 0
    }

    /// Whether a customer of this archetype may make the move.
    pub fn allows(&self, archetype: &str) -> bool {
        self.archetypes.is_empty() || self.archetypes.iter().any(|a| &**a == archetype)
    }
}

/// A campaign: a client, a purpose and its script.
///
/// Invariants: ids are unique; at most 64 steps (the engine keeps them in a bit set); at least
/// one opening, win and refuse move; every step is satisfiable by some line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: Text,
    pub title: Text,
    pub client: Text,
    pub purpose: Purpose,
    /// Whether the customer rang in or the agent rang out.
    pub direction: Direction,
    pub goal: Text,
    pub situation: Text,
    pub phases: Vec<Text>,
    pub steps: Vec<Step>,
    pub violations: Vec<Violation>,
    pub moves: Vec<Move>,
    /// Move indices by [`Role::index`].
    pub by_role: [Vec<usize>; ROLES],
    /// Hash of the pack's source text (FNV-1a 64), identifying this exact content.
    pub source_hash: u64,
    /// The pack's source text, kept so a pack can be exported again unchanged. Empty in a
    /// compiled pack ([`super::compiled`]): shipped packs are never exported from the app.
    #[serde(skip)]
    pub source: Text,
    /// The file name diagnostics and exports use.
    pub file: Text,
}

impl Campaign {
    /// Whether the campaign has the moves a fate needs.
    pub fn fate_available(&self, fate: Fate) -> bool {
        match fate {
            Fate::Win => self.has_role(Role::Win),
            Fate::Refuse => self.has_role(Role::Refuse),
            Fate::OptOut => self.has_role(Role::OptOut),
            Fate::Abuse => {
                (self.has_role(Role::AbuseWarning) && self.has_role(Role::AbuseEnd))
                    || self.has_role(Role::ThreatEnd)
            }
            Fate::Escalate => self.has_role(Role::Escalate),
        }
    }

    /// Whether the campaign has at least one move of this role.
    pub fn has_role(&self, role: Role) -> bool {
        !self.by_role[role.index()].is_empty()
    }
}

/// A customer archetype.
///
/// Invariants: `provocation` is 0..=3; `ages`, `traits` are non-empty; `fates` and `weights`
/// are indexed by [`Fate::index`] and [`Kind::index`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Archetype {
    pub id: Text,
    pub label: Text,
    pub description: Text,
    pub provocation: u8,
    pub patience: i32,
    pub mood: i32,
    pub trust: i32,
    pub sensitivity: i32,
    pub extra_moves: i32,
    pub ages: Vec<AgeBand>,
    pub fates: [u32; 5],
    pub weights: [u32; KINDS],
    pub triggers: Vec<Tag>,
    pub traits: Vec<Text>,
    pub pitch: u32,
    pub rate: u32,
}

/// The shipped customer file: archetypes, names and the lines every customer may say.
///
/// Invariants: every list is non-empty; `still_there` and `hang_up`, indexed by
/// [`Direction::index`] and then [`Level::index`], have lines at all four levels for both
/// directions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customers {
    pub first_names: Vec<Text>,
    pub last_names: Vec<Text>,
    pub still_there: [[Vec<Text>; 4]; 2],
    pub hang_up: [[Vec<Text>; 4]; 2],
    pub archetypes: Vec<Archetype>,
    pub source_hash: u64,
}

impl Customers {
    /// The archetype with this id.
    pub fn archetype(&self, id: &str) -> Option<(usize, &Archetype)> {
        self.archetypes
            .iter()
            .enumerate()
            .find(|(_, a)| &*a.id == id)
    }
}

/// FNV-1a, 64 bit: a small portable hash for identifying content.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
