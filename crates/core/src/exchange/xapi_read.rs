//! Reading a set's statements back from an LRS: pages of a GET, grouping by registration, what
//! is missing or out of order, and verification by replay (the same as a result file's).
//!
//! Tolerant by construction: statements are read as JSON values, fields are looked up one by
//! one, and anything absent or of the wrong type counts as missing; nothing here panics on
//! hostile JSON. Statements of other activities in the same LRS are ignored.

use super::xapi::*;
use super::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// Most statements read for one set (about 2,000 attempts of 50 calls).
pub const MAX_READ_STATEMENTS: usize = 100_000;

/// One page of `GET statements`: its statements and the `more` address, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementPage {
    pub statements: Vec<Value>,
    pub more: Option<String>,
}

/// Reads the body of a `GET statements` answer.
pub fn parse_statement_page(text: &str) -> Result<StatementPage, String> {
    if text.len() > MAX_IMPORT_BYTES * 4 {
        return Err("the LRS's answer is larger than 20 MB".into());
    }
    let v: Value =
        serde_json::from_str(text).map_err(|e| format!("the LRS's answer is not JSON ({e})"))?;
    let statements = v
        .get("statements")
        .and_then(Value::as_array)
        .ok_or("the LRS's answer holds no list of statements")?
        .clone();
    let more = v
        .get("more")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(String::from);
    Ok(StatementPage { statements, more })
}

/// The absolute address of a `more` link, relative to the endpoint's origin (as the xAPI
/// specification says) unless it is absolute already.
pub fn more_url(endpoint: &str, more: &str) -> String {
    if more.starts_with("http://") || more.starts_with("https://") {
        return more.to_string();
    }
    let origin_end = endpoint
        .find("://")
        .and_then(|i| endpoint[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(endpoint.len());
    format!(
        "{}/{}",
        &endpoint[..origin_end],
        more.trim_start_matches('/')
    )
}

/// The address that asks an LRS for a set's statements by activity (what a production LRS
/// answers with an index). Ralph's file-system backend answers it with nothing; the page then
/// reads every statement ([`statements_url`]) and [`lrs_attempts`] keeps the set's.
pub fn set_query_url(endpoint: &str, set_id: &str) -> String {
    format!(
        "{}?activity={}&related_activities=true",
        statements_url(endpoint),
        percent_encode(&set_activity(set_id))
    )
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One attempt as the LRS holds it, checked.
#[derive(Clone, Debug)]
pub struct LrsAttempt {
    pub registration: String,
    /// The actor's name (or account name, or mbox), for display.
    pub candidate: String,
    /// Who the LRS says asserted the statements (the authority's mbox or account name).
    pub authority: String,
    /// When the candidate's clock says the attempt began and ended (Unix ms).
    pub started_ms: Option<f64>,
    pub finished_ms: Option<f64>,
    /// When the LRS stored the first and the last statement (Unix ms, the LRS's clock).
    pub stored_first_ms: Option<f64>,
    pub stored_last_ms: Option<f64>,
    /// What is missing or out of order, each with why.
    pub problems: Vec<String>,
    /// The replay's verdict (never "Verified" when something is missing or out of order).
    pub verdict: Verdict,
    /// The scores shown: the replay's when verified, else those the statements claim.
    pub summary: Option<Summary>,
    /// How the attempt's set compares with the sets the trainer issued (`None` when no call
    /// record says which set it was).
    pub set_match: Option<SetMatch>,
}

impl LrsAttempt {
    /// The rule of the results table: only a verified attempt of a set as issued has a pass or
    /// a fail.
    pub fn trusted(&self) -> bool {
        self.verdict == Verdict::Verified && self.set_match == Some(SetMatch::AsIssued)
    }
}

fn s<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    s(v, path).and_then(Value::as_str).map(String::from)
}

fn agent_name(v: Option<&Value>) -> String {
    let Some(v) = v else { return "—".into() };
    text(v, &["name"])
        .or_else(|| text(v, &["account", "name"]))
        .or_else(|| text(v, &["mbox"]))
        .or_else(|| text(v, &["openid"]))
        .map(|n| display_name(&n))
        .unwrap_or_else(|| "—".into())
}

fn authority_name(v: Option<&Value>) -> String {
    let Some(v) = v else { return "—".into() };
    text(v, &["mbox"])
        .or_else(|| text(v, &["account", "name"]))
        .or_else(|| text(v, &["name"]))
        .map(|n| display_name(&n))
        .unwrap_or_else(|| "—".into())
}

/// A statement of a set, reduced to what the checks read.
struct Read<'a> {
    raw: &'a Value,
    seq: Option<u32>,
    verb: String,
    stored: Option<f64>,
}

/// Groups the statements of the set `set_id` by registration and checks each attempt: every
/// statement present once and stored in order, each call's statement scores equal to its
/// record's, the calls replayed as a result file's are, and the set matched against the sets
/// the trainer `issued`. Attempts come in the order of their first stored statement.
pub fn lrs_attempts(
    lib: &Library,
    issued: &[PersonaSet],
    set_id: &str,
    statements: &[Value],
) -> Vec<LrsAttempt> {
    let mut groups: BTreeMap<String, Vec<Read>> = BTreeMap::new();
    for st in statements.iter().take(MAX_READ_STATEMENTS) {
        let ext = |k: &str| s(st, &["context", "extensions", k]);
        if ext(EXT_SET_ID).and_then(Value::as_str) != Some(set_id) {
            continue;
        }
        let Some(reg) = text(st, &["context", "registration"]) else {
            continue;
        };
        groups.entry(reg).or_default().push(Read {
            raw: st,
            seq: ext(EXT_SEQ)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok()),
            verb: text(st, &["verb", "id"]).unwrap_or_default(),
            stored: text(st, &["stored"]).and_then(|t| parse_iso_time(&t)),
        });
    }
    let mut out: Vec<LrsAttempt> = groups
        .into_iter()
        .map(|(reg, reads)| check_group(lib, issued, reg, reads))
        .collect();
    out.sort_by(|a, b| {
        a.stored_first_ms
            .unwrap_or(f64::MAX)
            .total_cmp(&b.stored_first_ms.unwrap_or(f64::MAX))
    });
    out
}

fn check_group(
    lib: &Library,
    issued: &[PersonaSet],
    registration: String,
    mut reads: Vec<Read>,
) -> LrsAttempt {
    let mut problems = Vec::new();
    // The order the LRS stored them in (ties keep the order they came in).
    reads.sort_by(|a, b| {
        a.stored
            .unwrap_or(f64::MAX)
            .total_cmp(&b.stored.unwrap_or(f64::MAX))
    });
    let stored_first_ms = reads.iter().filter_map(|r| r.stored).reduce(f64::min);
    let stored_last_ms = reads.iter().filter_map(|r| r.stored).reduce(f64::max);
    let first = reads.first().map(|r| r.raw);
    let candidate = agent_name(first.and_then(|f| f.get("actor")));
    let authority = authority_name(first.and_then(|f| f.get("authority")));
    let n_calls = first
        .and_then(|f| s(f, &["context", "extensions", EXT_CALLS]))
        .and_then(Value::as_u64)
        .unwrap_or(0)
        .min(u64::from(sim::MAX_CALLS)) as u32;

    // Each position of the sequence: 0 start, 1..=n calls, n + 1 the verdict.
    let mut by_seq: BTreeMap<u32, &Read> = BTreeMap::new();
    for r in &reads {
        match r.seq {
            None => problems.push("a statement has no sequence number".into()),
            Some(q) if q > n_calls + 1 => {
                problems.push(format!("a statement has sequence number {q}, past the end"))
            }
            Some(q) => {
                if by_seq.insert(q, r).is_some() {
                    problems.push(format!(
                        "{} was sent twice with different ids",
                        what(q, n_calls)
                    ));
                }
            }
        }
    }
    for q in 0..=n_calls + 1 {
        if !by_seq.contains_key(&q) {
            problems.push(format!("{} is missing", what(q, n_calls)));
        }
    }
    // Stored in the order they were made: the sequence must not go back.
    let mut last: Option<u32> = None;
    for r in &reads {
        if let (Some(q), Some(l)) = (r.seq, last) {
            if q < l {
                problems.push(format!(
                    "out of order: {} was stored after {}",
                    what(q, n_calls),
                    what(l, n_calls)
                ));
            }
        }
        last = r.seq.or(last);
    }
    let expect_verb = |q: u32| match q {
        0 => Some(VERB_ATTEMPTED),
        q if q <= n_calls => Some(VERB_COMPLETED),
        _ => None,
    };
    for (q, r) in &by_seq {
        let ok = match expect_verb(*q) {
            Some(v) => r.verb == v,
            None => r.verb == VERB_PASSED || r.verb == VERB_FAILED,
        };
        if !ok {
            problems.push(format!("{} has the verb {}", what(*q, n_calls), r.verb));
        }
    }

    let start = by_seq.get(&0).map(|r| r.raw);
    let verdict_st = by_seq.get(&(n_calls + 1)).map(|r| r.raw);
    let mut records = Vec::new();
    for q in 1..=n_calls {
        let Some(r) = by_seq.get(&q) else { continue };
        match s(r.raw, &["result", "extensions", EXT_RECORD])
            .map(|v| serde_json::from_value::<CallRecord>(v.clone()))
        {
            Some(Ok(rec)) => {
                if let Some(p) = score_problem(r.raw, rec.claimed.map(|c| c.overall)) {
                    problems.push(format!("call {q}'s statement {p}"));
                }
                records.push(rec);
            }
            _ => problems.push(format!(
                "call {q}'s statement holds no readable call record"
            )),
        }
    }
    let claimed_scores: Vec<Scores> = records.iter().filter_map(|r| r.claimed).collect();
    let set = records.first().map(|r| r.set.clone());
    let set_match = set.as_ref().map(|s| match_set(lib, issued, s));
    let claimed = set
        .as_ref()
        .map(|set| summarize(&claimed_scores, set.pass_mark));
    if let (Some(v), Some(c)) = (verdict_st, claimed) {
        if let Some(p) = score_problem(v, Some(c.scores.overall)) {
            problems.push(format!("the verdict's statement {p}"));
        }
        let success = s(v, &["result", "success"]).and_then(Value::as_bool);
        if success != Some(c.passed) {
            problems.push(
                "the verdict's statement says the opposite of its calls (pass or fail)".into(),
            );
        }
    }

    let started_ms = start
        .and_then(|st| text(st, &["timestamp"]))
        .and_then(|t| parse_iso_time(&t));
    let finished_ms = verdict_st
        .and_then(|st| text(st, &["timestamp"]))
        .and_then(|t| parse_iso_time(&t));
    let (verdict, summary) = match (set, claimed) {
        (Some(set), Some(claimed)) => {
            let count = |k: &str| {
                verdict_st
                    .and_then(|v| s(v, &["result", "extensions", k]))
                    .and_then(Value::as_u64)
                    .map_or(0, |n| n.min(u64::from(u32::MAX)) as u32)
            };
            let mut file = ResultFile {
                schema: EXCHANGE_SCHEMA,
                kind: RESULT_KIND.into(),
                app_version: String::new(),
                content_hash: start
                    .and_then(|st| text(st, &["context", "extensions", EXT_CONTENT]))
                    .unwrap_or_default(),
                salt: records.first().and_then(|r| r.salt),
                set,
                packs: Vec::new(),
                candidate: candidate.clone(),
                started_at_ms: started_ms.unwrap_or(0.0),
                finished_at_ms: finished_ms.unwrap_or(0.0),
                tab_leaves: count(EXT_TAB_LEAVES),
                reloads: count(EXT_RELOADS),
                calls: records,
                claimed,
                seal: String::new(),
            };
            // The LRS's record stands for the seal: seal it here so replay decides.
            file.seal = seal_of(&file);
            let checked = verify_result(lib, file);
            // Other content decides nothing either way, but only a start statement says what
            // content the candidate had.
            let content_known = start.is_some();
            let verdict = match (&checked.verdict, problems.first()) {
                (_, None) => checked.verdict.clone(),
                (Verdict::ContentChanged(_), _) if content_known => checked.verdict.clone(),
                (_, Some(p)) => Verdict::NotVerified(p.clone()),
            };
            (verdict, Some(checked.summary))
        }
        _ => (
            Verdict::NotVerified(
                problems
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "no call of this attempt is in the LRS".into()),
            ),
            None,
        ),
    };
    LrsAttempt {
        registration,
        candidate,
        authority,
        started_ms,
        finished_ms,
        stored_first_ms,
        stored_last_ms,
        problems,
        verdict,
        summary,
        set_match,
    }
}

/// What statement `q` of a set of `n` calls is, in words.
fn what(q: u32, n: u32) -> String {
    match q {
        0 => "the start statement".into(),
        q if q <= n => format!("call {q}'s statement"),
        _ => "the verdict statement (passed or failed)".into(),
    }
}

/// Whether a statement's score disagrees with the overall `expected`: a clause, or `None`.
fn score_problem(st: &Value, expected: Option<u8>) -> Option<String> {
    let expected = expected?;
    let raw = s(st, &["result", "score", "raw"]).and_then(Value::as_f64);
    let scaled = s(st, &["result", "score", "scaled"]).and_then(Value::as_f64);
    let e = f64::from(expected);
    if raw != Some(e) || scaled.is_none_or(|x| (x * 100.0 - e).abs() > 0.5) {
        return Some(format!(
            "scores {} where its calls give {expected}",
            raw.map_or("nothing".into(), |r| r.to_string())
        ));
    }
    None
}
