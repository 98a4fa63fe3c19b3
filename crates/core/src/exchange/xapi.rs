//! xAPI statements for a Learning Record Store (LRS): where they go, what an attempt sends, and
//! the queue that keeps them until the LRS has them.
//!
//! **Where.** A persona set may name an LRS ([`LrsTarget`] in its file and link: an endpoint and
//! an `Authorization` header value), and an assessment link may carry the launch parameters of
//! the xAPI "launch" convention (`endpoint`, `auth`, `actor`, `registration`, read by
//! [`LrsLaunch::from_query`]); launch parameters win over the set's LRS. The result is an
//! [`LrsSession`], fixed when the candidate begins and kept with the attempt.
//!
//! **What.** One attempt of a set of N calls sends N + 2 statements, in this order (the
//! sequence number is in the context extension [`EXT_SEQ`]):
//! 0. `attempted` the set, when the candidate begins;
//! 1. to N: `completed` call n, when it ends, with `result.score` (scaled, raw, min, max),
//!    `result.success` (the call's overall at or above the pass mark), `result.duration` (the
//!    time the candidate took to reply, summed over the call's replies) and the call record as
//!    the result extension [`EXT_RECORD`], so that the trainer can replay it;
//! 2. N + 1: `passed` or `failed` the set, with the mean scores, the whole attempt's duration,
//!    and the tab leaves and reloads.
//!
//! Statement ids are derived from the registration and the sequence number, so sending one
//! again (after a lost answer) is harmless: an LRS keeps one copy of a statement it already has.
//!
//! **The queue** ([`Outbox`]) holds every statement until an LRS has accepted it; the app keeps
//! it in the browser's storage (through `store`), so a statement made offline, or before a
//! reload, is sent later. Pure: times come in as numbers.

use super::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// ADL verb ids.
pub const VERB_ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";

/// Composure's extension keys (IRIs under `urn:composure:xapi:`: URNs, so that they claim no
/// web domain).
pub const EXT_RECORD: &str = "urn:composure:xapi:call-record";
pub const EXT_SEQ: &str = "urn:composure:xapi:sequence";
pub const EXT_SET_ID: &str = "urn:composure:xapi:set-id";
pub const EXT_CONTENT: &str = "urn:composure:xapi:content-hash";
pub const EXT_CALLS: &str = "urn:composure:xapi:calls";
pub const EXT_TAB_LEAVES: &str = "urn:composure:xapi:tab-leaves";
pub const EXT_RELOADS: &str = "urn:composure:xapi:reloads";
/// The version of the xAPI specification the statements follow (the request header).
pub const XAPI_VERSION: &str = "1.0.3";

/// The activity id of a set: `urn:composure:set:<set id>`.
pub fn set_activity(set_id: &str) -> String {
    format!("urn:composure:set:{set_id}")
}

/// The Learning Record Store a persona set's attempts send their statements to, carried by the
/// set's file and link ([`SetFile::lrs`]), never by the set itself: so neither the set's digest
/// nor any call record (which holds the set) carries credentials. Visible to every candidate
/// who has the file or link (inherent in statements sent from the browser): it should name an
/// account that may only write statements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LrsTarget {
    /// The xAPI endpoint, ending in `/` (statements are at `<endpoint>statements`).
    pub endpoint: String,
    /// The `Authorization` header value, e.g. `Basic dXNlcjpwYXNz`.
    pub auth: String,
}

impl LrsTarget {
    /// A target with Basic credentials; the endpoint is checked ([`check_endpoint`]).
    pub fn basic(endpoint: &str, user: &str, password: &str) -> Result<LrsTarget, String> {
        Ok(LrsTarget {
            endpoint: check_endpoint(endpoint)?,
            auth: basic_auth(user, password),
        })
    }

    /// The user name and password of Basic credentials, or `None` for another kind.
    pub fn credentials(&self) -> Option<(String, String)> {
        let b64 = self.auth.strip_prefix("Basic ")?;
        let text = String::from_utf8(base64url_decode(b64)?).ok()?;
        let (u, p) = text.split_once(':')?;
        Some((u.to_string(), p.to_string()))
    }
}

/// `Basic <base64 of user:password>`.
pub fn basic_auth(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64_std(format!("{user}:{password}").as_bytes())
    )
}

/// An endpoint as Composure uses it: `http://` or `https://`, no spaces, ending in `/`.
pub fn check_endpoint(endpoint: &str) -> Result<String, String> {
    let e = endpoint.trim();
    let rest = e
        .strip_prefix("https://")
        .or_else(|| e.strip_prefix("http://"))
        .ok_or_else(|| {
            format!(
                "the LRS endpoint \u{201c}{}\u{201d} does not start with http:// or https://",
                short(e, 60)
            )
        })?;
    if rest.is_empty() || rest.starts_with('/') || e.chars().any(char::is_whitespace) {
        return Err("the LRS endpoint has no host name, or has spaces".into());
    }
    if e.len() > 500 {
        return Err("the LRS endpoint is longer than 500 characters".into());
    }
    Ok(if e.ends_with('/') {
        e.to_string()
    } else {
        format!("{e}/")
    })
}

/// The statements resource of an endpoint.
pub fn statements_url(endpoint: &str) -> String {
    format!("{endpoint}statements")
}

/// The launch parameters of an assessment link (the xAPI launch convention).
#[derive(Clone, Debug, PartialEq)]
pub struct LrsLaunch {
    pub endpoint: String,
    pub auth: String,
    pub actor: Option<Value>,
    pub registration: Option<String>,
}

impl LrsLaunch {
    /// Reads the launch parameters; `Ok(None)` when there is no `endpoint`. Each parameter is
    /// checked: an endpoint (see [`check_endpoint`]), an actor as JSON with an identifier
    /// (`mbox`, `mbox_sha1sum`, `openid` or `account`), a registration as a UUID.
    pub fn from_query(
        endpoint: Option<&str>,
        auth: Option<&str>,
        actor: Option<&str>,
        registration: Option<&str>,
    ) -> Result<Option<LrsLaunch>, String> {
        let Some(endpoint) = endpoint.filter(|e| !e.trim().is_empty()) else {
            return Ok(None);
        };
        let endpoint = check_endpoint(endpoint)?;
        let actor = match actor.filter(|a| !a.trim().is_empty()) {
            None => None,
            Some(a) => {
                let v: Value = serde_json::from_str(a)
                    .map_err(|_| "the launch's actor is not JSON".to_string())?;
                if !has_identifier(&v) {
                    return Err(
                        "the launch's actor has no mbox, mbox_sha1sum, openid or account".into(),
                    );
                }
                Some(v)
            }
        };
        let registration = match registration.filter(|r| !r.trim().is_empty()) {
            None => None,
            Some(r) if is_uuid(r.trim()) => Some(r.trim().to_ascii_lowercase()),
            Some(_) => return Err("the launch's registration is not a UUID".into()),
        };
        Ok(Some(LrsLaunch {
            endpoint,
            auth: auth.unwrap_or("").trim().to_string(),
            actor,
            registration,
        }))
    }
}

fn has_identifier(actor: &Value) -> bool {
    let Some(o) = actor.as_object() else {
        return false;
    };
    ["mbox", "mbox_sha1sum", "openid"]
        .iter()
        .any(|k| o.get(*k).is_some_and(Value::is_string))
        || o.get("account").is_some_and(|a| {
            a.get("name").is_some_and(Value::is_string)
                && a.get("homePage").is_some_and(Value::is_string)
        })
}

/// Where one attempt's statements go, fixed when the candidate begins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LrsSession {
    pub endpoint: String,
    pub auth: String,
    /// The xAPI actor: the launch's, or an account named after the candidate.
    pub actor: Value,
    /// The attempt's registration (a UUID): the launch's, or one derived from the salt.
    pub registration: String,
}

impl LrsSession {
    /// The session of a new attempt: the launch's LRS, else the set's, else none. `origin` is
    /// the app's address (the account's home page when the launch names no actor).
    pub fn resolve(
        launch: Option<&LrsLaunch>,
        file: &SetFile,
        candidate: &str,
        origin: &str,
        salt: u64,
        started_ms: f64,
    ) -> Option<LrsSession> {
        let set = &file.set;
        let (endpoint, auth) = match (launch, &file.lrs) {
            (Some(l), _) => (l.endpoint.clone(), l.auth.clone()),
            (None, Some(t)) => (t.endpoint.clone(), t.auth.clone()),
            (None, None) => return None,
        };
        let actor = launch.and_then(|l| l.actor.clone()).unwrap_or_else(|| {
            json!({"objectType": "Agent", "name": candidate,
                   "account": {"homePage": origin, "name": candidate}})
        });
        let registration = launch
            .and_then(|l| l.registration.clone())
            .unwrap_or_else(|| {
                let a = fnv1a(format!("registration:{salt}:{}", set.id).as_bytes());
                uuid(a, fnv1a(format!("{a}:{started_ms}").as_bytes()))
            });
        Some(LrsSession {
            endpoint,
            auth,
            actor,
            registration,
        })
    }

    /// The id of statement `seq` of this attempt.
    pub fn statement_id(&self, seq: u32) -> String {
        let a = fnv1a(format!("statement:{}:{seq}", self.registration).as_bytes());
        uuid(
            a,
            fnv1a(format!("{a}:{seq}:{}", self.registration).as_bytes()),
        )
    }
}

/// A UUID (version 4 layout) from 128 bits.
fn uuid(a: u64, b: u64) -> String {
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x4000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// Whether `s` is a UUID in its text form (8-4-4-4-12 hex digits).
pub fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Standard base64 with padding (RFC 4648 section 4), for Basic credentials.
pub fn base64_std(bytes: &[u8]) -> String {
    let mut s = base64url_encode(bytes).replace('-', "+").replace('_', "/");
    while !s.len().is_multiple_of(4) {
        s.push('=');
    }
    s
}

/// A Unix time in ms as ISO 8601 UTC with milliseconds (`2026-12-02T09:00:00.000Z`).
pub fn iso_time(ms: f64) -> String {
    let ms = if ms.is_finite() {
        ms.max(0.0) as i64
    } else {
        0
    };
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// Reads an ISO 8601 time with a `Z` or `±hh:mm` offset (fractions of a second optional) as
/// Unix ms; `None` for anything else.
pub fn parse_iso_time(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut frac_ms = 0.0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let digits = s.get(start..i)?;
        if digits.is_empty() {
            return None;
        }
        frac_ms = format!("0.{digits}").parse::<f64>().ok()? * 1000.0;
    }
    let offset_min = match s.get(i..)? {
        "Z" | "z" => 0,
        rest if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (oh * 60 + om)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
    Some(secs as f64 * 1000.0 + frac_ms)
}

/// A duration in ms as ISO 8601 (`PT1H2M3.456S`).
pub fn iso_duration(ms: f64) -> String {
    let ms = if ms.is_finite() {
        ms.max(0.0) as u64
    } else {
        0
    };
    let (h, m, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    out.push_str(&format!("{s}.{milli:03}S"));
    out
}

// Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The score part of a statement's result.
fn score(overall: u8) -> Value {
    json!({"scaled": f64::from(overall) / 100.0, "raw": overall, "min": 0, "max": 100})
}

fn context(s: &LrsSession, set: &PersonaSet, seq: u32, extra: Value) -> Value {
    let mut ext = json!({ EXT_SEQ: seq, EXT_SET_ID: set.id, EXT_CALLS: set.len() });
    if let (Some(e), Some(x)) = (ext.as_object_mut(), extra.as_object()) {
        e.extend(x.clone());
    }
    json!({"registration": s.registration, "extensions": ext})
}

fn set_object(set: &PersonaSet) -> Value {
    json!({"objectType": "Activity", "id": set_activity(&set.id), "definition": {
        "type": "http://adlnet.gov/expapi/activities/assessment",
        "name": {"en": set.name}}})
}

fn verb(id: &str) -> Value {
    let word = id.rsplit('/').next().unwrap_or(id);
    json!({"id": id, "display": {"en-US": word}})
}

/// The statements an attempt owes its LRS from position `from` of its sequence on (`from` is
/// how many were queued before): the start, each finished call, and the verdict once the
/// attempt is over. Calls' statements are dated `now_ms` (when they are made). Empty without an
/// [`LrsSession`].
pub fn statements_due(lib: &Library, attempt: &Attempt, from: usize, now_ms: f64) -> Vec<Value> {
    let Some(s) = &attempt.lrs else {
        return Vec::new();
    };
    let set = &attempt.set.set;
    let mut out = Vec::new();
    let total = 1 + attempt.done.len() + usize::from(attempt.finished_at_ms.is_some());
    for pos in from..total {
        let seq = pos as u32;
        let statement = if pos == 0 {
            json!({"id": s.statement_id(0), "actor": s.actor, "verb": verb(VERB_ATTEMPTED),
                "object": set_object(set),
                "context": context(s, set, 0, json!({
                    EXT_CONTENT: set_content_hash(lib, set).unwrap_or_default()})),
                "timestamp": iso_time(attempt.started_at_ms)})
        } else if pos <= attempt.done.len() {
            let record = &attempt.done[pos - 1];
            let overall = record.claimed.map_or(0, |c| c.overall);
            let replied: f64 = record.choices.iter().map(|c| f64::from(c.ms)).sum();
            let mut ctx = context(s, set, seq, json!({}));
            ctx["contextActivities"] = json!({"parent": [{"id": set_activity(&set.id)}]});
            json!({"id": s.statement_id(seq), "actor": s.actor, "verb": verb(VERB_COMPLETED),
                "object": {"objectType": "Activity",
                    "id": format!("{}:call:{}", set_activity(&set.id), record.index + 1),
                    "definition": {"type": "http://adlnet.gov/expapi/activities/simulation",
                        "name": {"en": format!("{}: call {}", set.name, record.index + 1)}}},
                "result": {"score": score(overall), "success": overall >= set.pass_mark,
                    "completion": true, "duration": iso_duration(replied),
                    "extensions": {EXT_RECORD: record}},
                "context": ctx, "timestamp": iso_time(now_ms)})
        } else {
            let scores: Vec<Scores> = attempt.done.iter().filter_map(|r| r.claimed).collect();
            let summary = summarize(&scores, set.pass_mark);
            let finished = attempt.finished_at_ms.unwrap_or(now_ms);
            json!({"id": s.statement_id(seq), "actor": s.actor,
                "verb": verb(if summary.passed { VERB_PASSED } else { VERB_FAILED }),
                "object": set_object(set),
                "result": {"score": score(summary.scores.overall), "success": summary.passed,
                    "completion": true,
                    "duration": iso_duration(finished - attempt.started_at_ms),
                    "extensions": {EXT_TAB_LEAVES: attempt.tab_leaves, EXT_RELOADS: attempt.reloads}},
                "context": context(s, set, seq, json!({})), "timestamp": iso_time(finished)})
        };
        out.push(statement);
    }
    out
}

/// One statement waiting for its LRS.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub endpoint: String,
    pub auth: String,
    pub statement: Value,
    /// Why the LRS refused it, if it did (kept, not sent again; shown to the candidate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// The queue of statements. Invariant: statements leave `pending` only when an LRS accepted
/// them; `queued` counts, per registration, the statements of that attempt ever queued (so a
/// statement is queued once, whatever the page does).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub schema: u32,
    pub pending: Vec<Pending>,
    pub queued: BTreeMap<String, usize>,
}

/// Most statements sent in one request.
pub const MAX_BATCH: usize = 50;

/// What the LRS said to one request.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    /// 200 or 204: stored (or already there).
    Accepted,
    /// No answer, a server error, or a refusal that may pass later (401, 403, 408, 429): keep
    /// and try again.
    Retry(String),
    /// A refusal that will not change (another 4xx): keep, but do not send again.
    Refused(String),
}

impl Delivery {
    /// The delivery an HTTP status means, with the body's text for a refusal.
    pub fn of_status(status: u16, body: &str) -> Delivery {
        let why = || format!("the LRS answered {status}: {}", short(body.trim(), 200));
        match status {
            200..=299 => Delivery::Accepted,
            401 | 403 | 408 | 429 | 500..=599 => Delivery::Retry(why()),
            _ => Delivery::Refused(why()),
        }
    }
}

impl Outbox {
    pub fn new() -> Outbox {
        Outbox {
            schema: crate::versions::OUTBOX.current,
            ..Outbox::default()
        }
    }

    /// Queues what `attempt` owes its LRS and has not queued yet; returns how many.
    pub fn enqueue(&mut self, lib: &Library, attempt: &Attempt, now_ms: f64) -> usize {
        let Some(s) = &attempt.lrs else { return 0 };
        let from = self.queued.get(&s.registration).copied().unwrap_or(0);
        let new = statements_due(lib, attempt, from, now_ms);
        let n = new.len();
        self.pending
            .extend(new.into_iter().map(|statement| Pending {
                endpoint: s.endpoint.clone(),
                auth: s.auth.clone(),
                statement,
                refused: None,
            }));
        self.queued.insert(s.registration.clone(), from + n);
        n
    }

    /// The next request to make: endpoint, auth, the statements' ids and the JSON body (up to
    /// [`MAX_BATCH`] statements to the endpoint of the oldest one waiting), or `None`.
    pub fn next_batch(&self) -> Option<(String, String, Vec<String>, String)> {
        let first = self.pending.iter().find(|p| p.refused.is_none())?;
        let batch: Vec<&Pending> = self
            .pending
            .iter()
            .filter(|p| p.refused.is_none() && p.endpoint == first.endpoint && p.auth == first.auth)
            .take(MAX_BATCH)
            .collect();
        let ids = batch.iter().map(|p| id_of(&p.statement)).collect();
        let body: Vec<&Value> = batch.iter().map(|p| &p.statement).collect();
        let body = serde_json::to_string(&body).unwrap_or_default();
        Some((first.endpoint.clone(), first.auth.clone(), ids, body))
    }

    /// Records what became of the statements `ids`: accepted ones leave the queue, refused ones
    /// stay, marked. Returns whether anything changed.
    pub fn settle(&mut self, ids: &[String], delivery: &Delivery) -> bool {
        let before = self.pending.clone();
        match delivery {
            Delivery::Accepted => self.pending.retain(|p| !ids.contains(&id_of(&p.statement))),
            Delivery::Refused(why) => {
                for p in &mut self.pending {
                    if ids.contains(&id_of(&p.statement)) {
                        p.refused = Some(why.clone());
                    }
                }
            }
            Delivery::Retry(_) => {}
        }
        before != self.pending
    }

    /// How many statements wait to be sent, and how many the LRS refused.
    pub fn counts(&self) -> (usize, usize) {
        let refused = self.pending.iter().filter(|p| p.refused.is_some()).count();
        (self.pending.len() - refused, refused)
    }
}

fn id_of(statement: &Value) -> String {
    statement
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}
