//! Progress: finished calls as stored data, shift summaries, and what they say about the trainee.
//!
//! Pure: the browser shell reads and writes the text; everything that decides what a stored
//! entry means (schema checks, weak spots, export) lives here and is tested natively.

use crate::content::names::count;
use crate::content::Library;
use crate::content::{Ending, Kind, Text};
use crate::sim::{Call, CallRecord, Event, RecordError, Scores};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Schema version of a stored history entry and of an export (see [`crate::versions::HISTORY`]
/// for the versions still read).
pub const HISTORY_SCHEMA: u32 = crate::versions::HISTORY.current;

/// Earliest plausible `finished_at_ms` of a stored call: 2020-01-01 (Composure did not exist
/// before). An entry outside [`EARLIEST_MS`]`..`[`LATEST_MS`] has an impossible date.
pub const EARLIEST_MS: f64 = 1_577_836_800_000.0;
/// Latest plausible `finished_at_ms` of a stored call: 2200-01-01.
pub const LATEST_MS: f64 = 7_258_118_400_000.0;

/// How often a technique (or move kind) was called for, and how often the trainee delivered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub name: String,
    pub chances: u32,
    pub hits: u32,
}

/// One finished call as kept in the browser.
///
/// Invariant: `ending` is `None` exactly for a call the trainee abandoned ("End call"); such an
/// entry has all scores 0, `passed: false`, and is left out of every mean, weak spot and drill
/// ([`Entry::counts`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub schema: u32,
    /// Milliseconds since the Unix epoch, from the browser's clock.
    pub finished_at_ms: f64,
    pub campaign: String,
    pub campaign_title: String,
    pub persona: String,
    pub archetype: String,
    pub difficulty: u8,
    /// How the call ended; `None` when the trainee abandoned it.
    pub ending: Option<Ending>,
    pub scores: Scores,
    pub passed: bool,
    pub techniques: Vec<Tally>,
    pub kinds: Vec<Tally>,
    pub record: CallRecord,
}

fn bump(map: &mut BTreeMap<String, (u32, u32)>, name: &str, hit: bool) {
    let e = map.entry(name.to_string()).or_default();
    e.0 += 1;
    e.1 += u32::from(hit);
}

fn tallies(map: BTreeMap<String, (u32, u32)>) -> Vec<Tally> {
    map.into_iter()
        .map(|(name, (chances, hits))| Tally {
            name,
            chances,
            hits,
        })
        .collect()
}

impl Entry {
    /// The entry for a finished call; `None` while it is still going.
    pub fn from_call(call: &Call, record: CallRecord, finished_at_ms: f64) -> Option<Entry> {
        let report = call.report()?;
        let mut techniques = BTreeMap::new();
        let mut kinds = BTreeMap::new();
        for e in call.events() {
            if let Event::Feedback(f) = e {
                let hit = f.better.is_none()
                    && f.quality == crate::content::Quality::Best
                    && f.tone.composed();
                let wanted: &[Text] = match &f.better {
                    Some(b) => &b.techniques,
                    None => &f.techniques,
                };
                for t in wanted {
                    bump(&mut techniques, t, hit);
                }
                bump(&mut kinds, f.kind.as_str(), hit);
            }
        }
        Some(Entry {
            schema: HISTORY_SCHEMA,
            finished_at_ms,
            campaign: call.campaign().id.to_string(),
            campaign_title: call.campaign().title.to_string(),
            persona: call.persona().name.clone(),
            archetype: call.persona().archetype_label.to_string(),
            difficulty: call.spec().difficulty,
            ending: Some(report.ending),
            scores: report.scores,
            passed: report.passed,
            techniques: tallies(techniques),
            kinds: tallies(kinds),
            record,
        })
    }
}

impl Entry {
    /// The entry for a call the trainee ended before it was over: recorded so that the history
    /// is honest, but never a pass and never in a mean. `None` if the call had in fact ended.
    pub fn abandoned(call: &Call, record: CallRecord, at_ms: f64) -> Option<Entry> {
        if call.is_over() {
            return None;
        }
        Some(Entry {
            schema: HISTORY_SCHEMA,
            finished_at_ms: at_ms,
            campaign: call.campaign().id.to_string(),
            campaign_title: call.campaign().title.to_string(),
            persona: call.persona().name.clone(),
            archetype: call.persona().archetype_label.to_string(),
            difficulty: call.spec().difficulty,
            ending: None,
            scores: Scores {
                overall: 0,
                composure: 0,
                correctness: 0,
                outcome: 0,
                responsiveness: 0,
            },
            passed: false,
            techniques: Vec::new(),
            kinds: Vec::new(),
            record,
        })
    }

    /// Whether the call counts toward means, weak spots and drills (it was not abandoned).
    pub fn counts(&self) -> bool {
        self.ending.is_some()
    }

    /// How the call ended, in words: the ending's human name, or "Abandoned" for a call the
    /// trainee ended.
    pub fn ending_name(&self) -> &'static str {
        self.ending
            .map_or("Abandoned", |e| crate::content::names::ending(e).name)
    }
}

/// The mean overall and composure scores of the calls that count (see [`Entry::counts`]),
/// rounded; `None` when none does.
pub fn means(entries: &[Entry]) -> Option<(u8, u8)> {
    let counted: Vec<&Entry> = entries.iter().filter(|e| e.counts()).collect();
    if counted.is_empty() {
        return None;
    }
    let n = counted.len() as f64;
    let mean = |f: fn(&Entry) -> u8| {
        (counted.iter().map(|e| f64::from(f(e))).sum::<f64>() / n + 0.5).floor() as u8
    };
    Some((mean(|e| e.scores.overall), mean(|e| e.scores.composure)))
}

/// Reads a stored entry, checking its schema first (with [`crate::versions::HISTORY`]) and its
/// values after (see [`Entry::check_ranges`]). The error is a plain sentence.
pub fn parse_entry(text: &str) -> Result<Entry, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|_| "it is not readable data (damaged or cut short)".to_string())?;
    if !value.is_object() {
        return Err("it is not readable data (damaged or cut short)".into());
    }
    crate::versions::HISTORY
        .check_value(&value)
        .map_err(|e| e.to_string())?;
    let entry: Entry =
        serde_json::from_str(text).map_err(|e| format!("its contents are not valid ({e})"))?;
    entry.check_ranges()?;
    Ok(entry)
}

impl Entry {
    /// Checks the values no real call can have: every score is 0 to 100, the difficulty 1 to 5,
    /// and the date a finite time between [`EARLIEST_MS`] and [`LATEST_MS`]. The error is a
    /// plain clause about "it".
    pub fn check_ranges(&self) -> Result<(), String> {
        let s = &self.scores;
        for (name, v) in [
            ("overall", s.overall),
            ("composure", s.composure),
            ("correctness", s.correctness),
            ("outcome", s.outcome),
            ("responsiveness", s.responsiveness),
        ] {
            if v > 100 {
                return Err(format!(
                    "its {name} score {v} is impossible (scores run from 0 to 100)"
                ));
            }
        }
        if !(1..=5).contains(&self.difficulty) {
            return Err(format!(
                "its difficulty {} is impossible (difficulty runs from 1 to 5)",
                self.difficulty
            ));
        }
        let t = self.finished_at_ms;
        if !t.is_finite() || !(EARLIEST_MS..LATEST_MS).contains(&t) {
            return Err(format!(
                "its date ({t} ms) is impossible (not between the years 2020 and 2200)"
            ));
        }
        Ok(())
    }
}

/// Something the trainee does worst with: a technique or a move kind.
#[derive(Clone, Debug, PartialEq)]
pub struct WeakSpot {
    pub name: String,
    pub chances: u32,
    pub hits: u32,
}

impl WeakSpot {
    /// Share of chances taken, 0 to 100.
    pub fn percent(&self) -> u32 {
        (self.hits * 100).checked_div(self.chances).unwrap_or(0)
    }
}

fn weakest(lists: impl Iterator<Item = Vec<Tally>>, min_chances: u32, max: usize) -> Vec<WeakSpot> {
    let mut sum: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for list in lists {
        for t in list {
            let e = sum.entry(t.name).or_default();
            e.0 += t.chances;
            e.1 += t.hits;
        }
    }
    let mut spots: Vec<WeakSpot> = sum
        .into_iter()
        .filter(|(_, (c, h))| *c >= min_chances && h < c)
        .map(|(name, (chances, hits))| WeakSpot {
            name,
            chances,
            hits,
        })
        .collect();
    spots.sort_by(|a, b| {
        (u64::from(a.hits) * u64::from(b.chances))
            .cmp(&(u64::from(b.hits) * u64::from(a.chances)))
            .then(b.chances.cmp(&a.chances))
            .then(a.name.cmp(&b.name))
    });
    spots.truncate(max);
    spots
}

/// The techniques and move kinds with the lowest share of model answers (at least three
/// chances each), worst first.
pub fn weak_spots(entries: &[Entry]) -> (Vec<WeakSpot>, Vec<WeakSpot>) {
    (
        weakest(
            entries
                .iter()
                .filter(|e| e.counts())
                .map(|e| e.techniques.clone()),
            3,
            5,
        ),
        weakest(
            entries
                .iter()
                .filter(|e| e.counts())
                .map(|e| e.kinds.clone()),
            3,
            5,
        ),
    )
}

/// The move kinds to drill: the weak kinds that exist.
pub fn drill_kinds(entries: &[Entry]) -> Vec<Kind> {
    weak_spots(entries)
        .1
        .iter()
        .filter_map(|w| Kind::parse(&w.name))
        .take(3)
        .collect()
}

/// The whole history as one JSON document.
pub fn export(entries: &[Entry], exported_at_ms: f64) -> String {
    #[derive(Serialize)]
    struct Export<'a> {
        schema: u32,
        app: &'static str,
        app_version: &'static str,
        exported_at_ms: f64,
        entries: &'a [Entry],
    }
    serde_json::to_string_pretty(&Export {
        schema: HISTORY_SCHEMA,
        app: "composure",
        app_version: env!("CARGO_PKG_VERSION"),
        exported_at_ms,
        entries,
    })
    .unwrap_or_default()
}

/// A shift's running tally of how calls ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftTally {
    /// Goal reached: a sale, a completed survey, a resolved complaint.
    pub successes: u32,
    /// Ended politely without the goal: refusals, opt-outs, boundary ends, escalations.
    pub refusals: u32,
    /// The customer hung up.
    pub hang_ups: u32,
    /// Ended by a critical compliance breach.
    pub failures: u32,
}

impl ShiftTally {
    pub fn add(&mut self, ending: Ending) {
        match ending {
            Ending::Goal => self.successes += 1,
            Ending::PoliteClose | Ending::BoundaryEnd | Ending::Escalation => self.refusals += 1,
            Ending::HangUp => self.hang_ups += 1,
            Ending::ComplianceFailure => self.failures += 1,
        }
    }
    /// The tally in words, with plurals right: "1 success · 2 refusals · 0 hang-ups", and
    /// "· 1 compliance breach" when there was one or more.
    pub fn words(&self) -> String {
        let mut out = format!(
            "{} · {} · {}",
            count(self.successes, "success", "successes"),
            count(self.refusals, "refusal", "refusals"),
            count(self.hang_ups, "hang-up", "hang-ups"),
        );
        if self.failures > 0 {
            out.push_str(" · ");
            out.push_str(&count(
                self.failures,
                "compliance breach",
                "compliance breaches",
            ));
        }
        out
    }
    /// Whether the shift met its plan of `plan` successes.
    pub fn plan_met(&self, plan: u32) -> bool {
        self.successes >= plan
    }
    /// The plan's outcome as a sentence: "Plan met: 3 successes against a plan of 3. Bonus
    /// earned." or "Plan not met: 1 success against a plan of 3."
    pub fn plan_words(&self, plan: u32) -> String {
        let got = count(self.successes, "success", "successes");
        if self.plan_met(plan) {
            format!("Plan met: {got} against a plan of {plan}. Bonus earned.")
        } else {
            format!("Plan not met: {got} against a plan of {plan}.")
        }
    }
    pub fn calls(&self) -> u32 {
        self.successes + self.refusals + self.hang_ups + self.failures
    }
    /// Progress toward the plan, 0 to 100; the bonus is earned at 100.
    pub fn bonus_percent(&self, plan: u32) -> u32 {
        (self.successes * 100)
            .checked_div(plan)
            .map_or(100, |p| p.min(100))
    }
}

/// Mean of the first and of the second half of a series (for a shift's trend).
pub fn halves(values: &[u8]) -> Option<(f64, f64)> {
    if values.len() < 2 {
        return None;
    }
    let mid = values.len() / 2;
    let mean = |s: &[u8]| s.iter().map(|v| f64::from(*v)).sum::<f64>() / s.len() as f64;
    Some((mean(&values[..mid]), mean(&values[mid..])))
}

/// What a call's change is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The last earlier call with the same kind of customer (campaign and archetype).
    SameCustomer,
    /// No such call: the last earlier call in the same campaign.
    SameCampaign,
}

/// The change since an earlier call.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub basis: Basis,
    /// The earlier call's archetype (as the customer was described).
    pub archetype: String,
    pub previous: Scores,
    pub previous_at_ms: f64,
}

impl Change {
    /// Each score's change, current minus previous, in the order overall, composure,
    /// correctness, outcome, responsiveness.
    pub fn deltas(&self, current: &Scores) -> [(crate::sim::ScoreKind, i16); 5] {
        use crate::sim::ScoreKind as K;
        let p = &self.previous;
        let d = |a: u8, b: u8| i16::from(a) - i16::from(b);
        [
            (K::Overall, d(current.overall, p.overall)),
            (K::Composure, d(current.composure, p.composure)),
            (K::Correctness, d(current.correctness, p.correctness)),
            (K::Outcome, d(current.outcome, p.outcome)),
            (
                K::Responsiveness,
                d(current.responsiveness, p.responsiveness),
            ),
        ]
    }

    /// What the change is measured against, in words ("Since your last call with this kind of
    /// customer (Sceptic) in this campaign").
    pub fn basis_words(&self) -> String {
        match self.basis {
            Basis::SameCustomer => format!(
                "Since your last call with this kind of customer ({}) in this campaign",
                self.archetype
            ),
            Basis::SameCampaign => "Since your last call in this campaign".to_string(),
        }
    }
}

/// A change in words: "up 8", "down 3", "no change".
pub fn delta_words(d: i16) -> String {
    match d {
        0 => "no change".to_string(),
        d if d > 0 => format!("up {d}"),
        d => format!("down {}", -d),
    }
}

/// A small win worth a moment in the review.
#[derive(Clone, Debug, PartialEq)]
pub enum Win {
    /// The best overall score in this campaign so far, above the previous best.
    PersonalBest { previous: u8 },
    /// Every step that applied done, and no breach.
    CleanCall,
}

impl Win {
    /// The win in plain words.
    pub fn words(&self) -> String {
        match self {
            Win::PersonalBest { previous } => format!(
                "Personal best: your highest overall score in this campaign (your best before was {previous})."
            ),
            Win::CleanCall => {
                "Clean call: every required step done and no compliance breach.".to_string()
            }
        }
    }
}

/// Where a finished call stands against the history it was saved into.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub change: Option<Change>,
    pub wins: Vec<Win>,
}

/// The stored entry of this call: same campaign, index, salt, choices and event digest.
pub fn entry_of<'a>(history: &'a [Entry], call: &Call) -> Option<&'a Entry> {
    let (_, index) = call.origin()?;
    let digest = call.digest();
    history.iter().find(|e| {
        let r = &e.record;
        r.campaign == *call.campaign().id
            && r.index == *index
            && r.salt == call.salt()
            && r.choices == call.choices()
            && r.digest.as_deref() == Some(digest.as_str())
    })
}

/// The change since the last earlier call with the same customer (campaign and archetype) or,
/// failing that, in the same campaign. Earlier means finished before `current`.
pub fn change_since(history: &[Entry], current: &Entry) -> Option<Change> {
    let earlier = || {
        history.iter().filter(|e| {
            e.counts()
                && e.campaign == current.campaign
                && e.finished_at_ms < current.finished_at_ms
        })
    };
    let latest = |it: &mut dyn Iterator<Item = &Entry>| -> Option<Entry> {
        it.max_by(|a, b| a.finished_at_ms.total_cmp(&b.finished_at_ms))
            .cloned()
    };
    let (basis, e) = match latest(&mut earlier().filter(|e| e.archetype == current.archetype)) {
        Some(e) => (Basis::SameCustomer, e),
        None => (Basis::SameCampaign, latest(&mut earlier())?),
    };
    Some(Change {
        basis,
        archetype: e.archetype,
        previous: e.scores,
        previous_at_ms: e.finished_at_ms,
    })
}

/// The small wins of `current`: a personal best (above every earlier call in the campaign, when
/// there was one) and a clean call (`clean`, see [`crate::sim::clean`]).
pub fn wins(history: &[Entry], current: &Entry, clean: bool) -> Vec<Win> {
    let mut out = Vec::new();
    let best_before = history
        .iter()
        .filter(|e| {
            e.counts()
                && e.campaign == current.campaign
                && e.finished_at_ms < current.finished_at_ms
        })
        .map(|e| e.scores.overall)
        .max();
    if let Some(previous) = best_before {
        if current.scores.overall > previous {
            out.push(Win::PersonalBest { previous });
        }
    }
    if clean {
        out.push(Win::CleanCall);
    }
    out
}

/// The standing of a finished call in the history it was saved into; `None` when the call is
/// not in it (a trainer's view of a candidate's call, or a call that could not be saved).
pub fn standing(history: &[Entry], call: &Call) -> Option<Standing> {
    let current = entry_of(history, call)?;
    Some(Standing {
        change: change_since(history, current),
        wins: wins(history, current, crate::sim::clean(call)),
    })
}

/// How a score moved across a shift, as a sentence: "Composure rose from 62 in the first half
/// of the shift to 78 in the second." A change of 2 points or less holds steady. `None` with
/// fewer than two calls.
pub fn trend_words(name: &str, values: &[u8]) -> Option<String> {
    let (a, b) = halves(values)?;
    Some(if b > a + 2.0 {
        format!("{name} rose from {a:.0} in the first half of the shift to {b:.0} in the second.")
    } else if b + 2.0 < a {
        format!("{name} fell from {a:.0} in the first half of the shift to {b:.0} in the second.")
    } else {
        format!("{name} held steady ({a:.0}, then {b:.0}).")
    })
}

/// The line above Progress's chart: "2 calls; mean overall 71, mean composure 80.", with the
/// abandoned calls named as not counted. (`None` without calls.)
pub fn summary_words(entries: &[Entry]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let counted = entries.iter().filter(|e| e.counts()).count() as u32;
    let abandoned = entries.len() as u32 - counted;
    let not_counted = if abandoned > 0 {
        format!(
            " {} not counted.",
            count(abandoned, "abandoned call is", "abandoned calls are")
        )
    } else {
        String::new()
    };
    Some(match means(entries) {
        Some((overall, composure)) => format!(
            "{}; mean overall {overall}, mean composure {composure}.{not_counted}",
            count(counted, "call", "calls"),
        ),
        None => format!("No finished calls yet.{not_counted}"),
    })
}

impl Entry {
    /// The call again, replayed from its record against `library`, for its review. The error is
    /// a plain sentence saying why it cannot be shown (the scores kept in the entry stand).
    pub fn replay(&self, library: &Library) -> Result<Call, String> {
        crate::sim::replay(library, &self.record)
            .map_err(|e| replay_problem(&e, &self.campaign_title))
    }
}

/// Why a stored call cannot be replayed, in words for the trainee.
pub fn replay_problem(e: &RecordError, campaign_title: &str) -> String {
    let kept = "The scores shown for it are the ones saved when you played it.";
    match e {
        RecordError::ContentChanged { .. } => format!(
            "This call cannot be replayed: the campaign \u{201c}{campaign_title}\u{201d} has changed since you played it, so its lines no longer match. {kept}"
        ),
        RecordError::UnknownCampaign(_) => format!(
            "This call cannot be replayed: the campaign \u{201c}{campaign_title}\u{201d} is no longer in this browser. {kept}"
        ),
        RecordError::FutureSchema(_) => format!(
            "This call was saved by a newer version of Composure, so this version cannot replay it. {kept}"
        ),
        RecordError::Malformed(_) | RecordError::BadChoice { .. } | RecordError::Mismatch(_) => {
            format!("This call cannot be replayed: its saved record does not match the campaign any more. {kept}")
        }
    }
}
