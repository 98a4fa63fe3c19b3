//! Assessment results: the attempt in progress, the result file, its seal, and verification by replay.

use super::*;
// Assessment results

/// Mean scores of an assessment and its verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub scores: Scores,
    pub passed: bool,
}

fn mean(values: impl Iterator<Item = u8>) -> u8 {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    if n == 0 {
        0
    } else {
        ((2 * sum + n) / (2 * n)).min(100) as u8
    }
}

/// Mean of each score over the calls (rounded), passed when the mean overall reaches the mark.
pub fn summarize(scores: &[Scores], pass_mark: u8) -> Summary {
    let s = Scores {
        overall: mean(scores.iter().map(|s| s.overall)),
        composure: mean(scores.iter().map(|s| s.composure)),
        correctness: mean(scores.iter().map(|s| s.correctness)),
        outcome: mean(scores.iter().map(|s| s.outcome)),
        responsiveness: mean(scores.iter().map(|s| s.responsiveness)),
    };
    Summary {
        scores: s,
        passed: !scores.is_empty() && s.overall >= pass_mark,
    }
}

/// A combined hash of the content of a set's campaigns, or `None` if one is missing.
pub fn set_content_hash(lib: &Library, set: &PersonaSet) -> Option<String> {
    let mut bytes = Vec::new();
    for id in &set.campaigns {
        let c = lib.campaign(id)?;
        bytes.extend_from_slice(content_hash(c, &lib.customers).as_bytes());
        bytes.push(0);
    }
    Some(format!("{:016x}", fnv1a(&bytes)))
}

/// An assessment result file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultFile {
    pub schema: u32,
    pub kind: String,
    pub app_version: String,
    /// [`set_content_hash`] of the content the assessment was taken with.
    pub content_hash: String,
    pub set: PersonaSet,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackSource>,
    pub candidate: String,
    pub started_at_ms: f64,
    pub finished_at_ms: f64,
    /// How many times the candidate left the tab during the assessment.
    pub tab_leaves: u32,
    /// How many times the page was reloaded during the assessment.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reloads: u32,
    /// The attempt's salt: every call of the attempt was seeded with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<u64>,
    /// One record per call, in order, with the claimed scores and the transcript digest.
    pub calls: Vec<CallRecord>,
    pub claimed: Summary,
    /// The tamper check: a plain hash of everything above. It catches casual edits of what
    /// replay cannot check (name, times, tab leaves), but anyone can recompute it: it is no
    /// proof.
    pub seal: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct SealInput<'a> {
    content_hash: &'a str,
    set: &'a PersonaSet,
    candidate: &'a str,
    started_at_ms: f64,
    finished_at_ms: f64,
    tab_leaves: u32,
    #[serde(skip_serializing_if = "is_zero")]
    reloads: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<u64>,
    calls: &'a [CallRecord],
    claimed: &'a Summary,
}

pub(super) fn seal_of(r: &ResultFile) -> String {
    let json = serde_json::to_string(&SealInput {
        content_hash: &r.content_hash,
        set: &r.set,
        candidate: &r.candidate,
        started_at_ms: r.started_at_ms,
        finished_at_ms: r.finished_at_ms,
        tab_leaves: r.tab_leaves,
        reloads: r.reloads,
        salt: r.salt,
        calls: &r.calls,
        claimed: &r.claimed,
    })
    .unwrap_or_default();
    let a = fnv1a(json.as_bytes());
    let b = fnv1a(format!("composure-seal:{a:016x}:{json}").as_bytes());
    format!("{a:016x}{b:016x}")
}

/// An assessment as the candidate's browser keeps it while it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub schema: u32,
    pub set: SetFile,
    pub candidate: String,
    pub started_at_ms: f64,
    pub tab_leaves: u32,
    /// Finished calls, in order.
    pub done: Vec<CallRecord>,
    /// The call under way.
    #[serde(default)]
    pub current: Option<CallRecord>,
    #[serde(default)]
    pub finished_at_ms: Option<f64>,
    /// The salt drawn when the candidate pressed "Begin assessment": every call of the attempt
    /// is seeded with it, so no rehearsal of the link predicts them. `None` only in attempts
    /// saved before salts existed.
    #[serde(default)]
    pub salt: Option<u64>,
    /// How many times the page was reloaded while the attempt ran.
    #[serde(default)]
    pub reloads: u32,
    /// When the current offer appeared (Unix ms), so that a reload keeps its reply deadline.
    #[serde(default)]
    pub offer_at_ms: Option<f64>,
    /// Where this attempt's xAPI statements go (fixed when the candidate begins), if anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lrs: Option<LrsSession>,
}

impl Attempt {
    /// A new attempt; `salt` comes from the browser's random source when the candidate begins.
    /// The candidate's name is cut to [`MAX_NAME_CHARS`].
    pub fn new(set: SetFile, candidate: String, started_at_ms: f64, salt: u64) -> Attempt {
        Attempt {
            schema: EXCHANGE_SCHEMA,
            set,
            candidate: candidate.chars().take(MAX_NAME_CHARS).collect(),
            started_at_ms,
            tab_leaves: 0,
            done: Vec::new(),
            current: None,
            finished_at_ms: None,
            salt: Some(salt),
            reloads: 0,
            offer_at_ms: None,
            lrs: None,
        }
    }

    /// Reads a stored attempt: one saved by a newer version of Composure is refused (never used
    /// half-understood), as is one that is not an attempt.
    pub fn from_json(text: &str) -> Result<Attempt, ImportError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge(text.len()));
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))?;
        check_version(&crate::versions::ATTEMPT, &value)?;
        serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))
    }

    /// The attempt after a reload of its page: the reload is counted, and the time the offer on
    /// screen first appeared is returned (when a call is under way) so that its reply deadline
    /// runs on instead of starting again.
    pub fn resumed(&mut self) -> Option<f64> {
        self.reloads += 1;
        self.current.as_ref().and(self.offer_at_ms)
    }

    /// Starts call `index` of this attempt, seeded with its salt.
    pub fn start_call(&self, lib: &Library, index: u32) -> Result<sim::Call, sim::SimError> {
        sim::Call::start_salted(lib, &self.set.set, index, self.salt)
    }

    /// The index of the next call to play, or `None` when all are done.
    pub fn next_index(&self) -> Option<u32> {
        let n = self.done.len() as u32;
        (n < self.set.set.len()).then_some(n)
    }
}

/// Builds the result file of a finished attempt.
pub fn result_of(
    lib: &Library,
    attempt: &Attempt,
    app_version: &str,
) -> Result<ResultFile, String> {
    let set = &attempt.set.set;
    if attempt.done.len() as u32 != set.len() {
        return Err(format!(
            "only {} of {} calls are finished",
            attempt.done.len(),
            set.len()
        ));
    }
    let scores: Vec<Scores> = attempt
        .done
        .iter()
        .map(|r| r.claimed.ok_or("a call has no scores"))
        .collect::<Result<_, _>>()?;
    let mut r = ResultFile {
        schema: EXCHANGE_SCHEMA,
        kind: RESULT_KIND.into(),
        app_version: app_version.into(),
        content_hash: set_content_hash(lib, set).ok_or("a campaign of the set is missing")?,
        set: set.clone(),
        packs: attempt.set.packs.clone(),
        candidate: attempt.candidate.clone(),
        started_at_ms: attempt.started_at_ms,
        finished_at_ms: attempt.finished_at_ms.unwrap_or(attempt.started_at_ms),
        tab_leaves: attempt.tab_leaves,
        reloads: attempt.reloads,
        salt: attempt.salt,
        calls: attempt.done.clone(),
        claimed: summarize(&scores, set.pass_mark),
        seal: String::new(),
    };
    r.seal = seal_of(&r);
    Ok(r)
}

impl ResultFile {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a result file: size, syntax, schema and kind (verification is separate).
    pub fn from_json(text: &str) -> Result<ResultFile, ImportError> {
        read_doc(text, RESULT_KIND)
    }
}

/// What replaying a result says about it.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Verified,
    NotVerified(String),
    /// Made with other content than this app has: no verdict either way.
    ContentChanged(String),
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Verified => "Verified",
            Verdict::NotVerified(_) => "Not verified",
            Verdict::ContentChanged(_) => "Content changed",
        }
    }
    /// The label with the reason, for the table.
    pub fn text(&self) -> String {
        match self {
            Verdict::Verified => "Verified".into(),
            Verdict::NotVerified(r) => format!("Not verified: {r}"),
            Verdict::ContentChanged(r) => format!("Content changed: {r}"),
        }
    }
}

/// A result after replay: the verdict, the summary shown (the replay's when every call
/// replayed, else the claimed one), and the replayed calls for the transcript.
#[derive(Clone, Debug)]
pub struct Checked {
    pub file: ResultFile,
    pub verdict: Verdict,
    pub summary: Summary,
    pub calls: Vec<Call>,
}

/// Replays every call of a result with the core and compares with what it claims.
pub fn verify_result(lib: &Library, file: ResultFile) -> Checked {
    // Embedded packs fill in campaigns this app does not have; the content hash still decides.
    let lib = if file.set.campaigns.iter().any(|c| lib.campaign(c).is_none()) {
        compose_library(lib, &file.packs).0
    } else {
        lib.clone()
    };
    let mut calls = Vec::new();
    let verdict = check_result(&lib, &file, &mut calls);
    let replayed: Vec<Scores> = calls
        .iter()
        .filter_map(|c| c.report().map(|r| r.scores))
        .collect();
    let summary = if verdict == Verdict::Verified {
        summarize(&replayed, file.set.pass_mark)
    } else {
        file.claimed
    };
    Checked {
        file,
        verdict,
        summary,
        calls,
    }
}

fn check_result(lib: &Library, file: &ResultFile, calls: &mut Vec<Call>) -> Verdict {
    let set = &file.set;
    if let Err(m) = set.check() {
        return Verdict::NotVerified(format!("the set in the file is not valid: {m}"));
    }
    match set_content_hash(lib, set) {
        None => {
            return Verdict::ContentChanged("a campaign of this set is not available here".into())
        }
        Some(h) if h != file.content_hash => {
            return Verdict::ContentChanged(format!(
                "the result was made with content {}, this app has {h}",
                file.content_hash
            ))
        }
        Some(_) => {}
    }
    let mut first_problem: Option<Verdict> = None;
    let mut note = |v: Verdict| {
        if first_problem.is_none() {
            first_problem = Some(v);
        }
    };
    if file.calls.len() as u32 != set.len() {
        note(Verdict::NotVerified(format!(
            "it holds {} of the set's {} calls",
            file.calls.len(),
            set.len()
        )));
    }
    for (i, record) in file.calls.iter().enumerate() {
        let n = i + 1;
        if record.set != *set {
            note(Verdict::NotVerified(format!(
                "call {n} was played with a different set (edited set or seed)"
            )));
        }
        if record.salt != file.salt {
            note(Verdict::NotVerified(format!(
                "call {n} was played in another attempt (its salt differs)"
            )));
        }
        if record.index as usize != i {
            note(Verdict::NotVerified(format!(
                "call {n} claims to be call {} of the set",
                record.index + 1
            )));
        }
        match sim::verify(lib, record) {
            Ok(call) => calls.push(call),
            Err(RecordError::ContentChanged { .. }) => {
                return Verdict::ContentChanged(format!("call {n} was played with other content"))
            }
            Err(e) => {
                note(Verdict::NotVerified(format!("call {n}: {e}")));
                if let Ok(call) = sim::replay(lib, record) {
                    calls.push(call);
                }
            }
        }
    }
    if let Some(v) = first_problem {
        return v;
    }
    let replayed: Vec<Scores> = calls
        .iter()
        .filter_map(|c| c.report().map(|r| r.scores))
        .collect();
    let summary = summarize(&replayed, set.pass_mark);
    if summary != file.claimed {
        return Verdict::NotVerified(format!(
            "it claims an overall of {} ({}), the replay gives {} ({})",
            file.claimed.scores.overall,
            pass_word(file.claimed.passed),
            summary.scores.overall,
            pass_word(summary.passed)
        ));
    }
    if seal_of(file) != file.seal {
        return Verdict::NotVerified(
            "the tamper check failed: the file was edited after it was saved (name, times, tab leaves or reloads changed)".into(),
        );
    }
    Verdict::Verified
}

fn pass_word(p: bool) -> &'static str {
    if p {
        "pass"
    } else {
        "fail"
    }
}
