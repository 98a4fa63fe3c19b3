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
    pub ending: Ending,
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
            ending: report.ending,
            scores: report.scores,
            passed: report.passed,
            techniques: tallies(techniques),
            kinds: tallies(kinds),
            record,
        })
    }
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
        serde_json::from_value(value).map_err(|e| format!("its contents are not valid ({e})"))?;
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
        weakest(entries.iter().map(|e| e.techniques.clone()), 3, 5),
        weakest(entries.iter().map(|e| e.kinds.clone()), 3, 5),
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

/// The line above Progress's chart: "2 calls; mean overall 71, mean composure 80." (`None`
/// without calls.)
pub fn summary_words(entries: &[Entry]) -> Option<String> {
    if entries.is_empty() {
        return None;
    }
    let n = entries.len() as f64;
    let mean = |f: fn(&Entry) -> u8| entries.iter().map(|e| f64::from(f(e))).sum::<f64>() / n;
    Some(format!(
        "{}; mean overall {:.0}, mean composure {:.0}.",
        count(entries.len() as u32, "call", "calls"),
        mean(|e| e.scores.overall),
        mean(|e| e.scores.composure)
    ))
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
