//! SCORM 1.2: everything about a Composure course in a learning platform that can be decided
//! without a browser.
//!
//! - **The package.** [`package_files`] lists the app's built files that go into the zip (the
//!   launch page the build writes, and every file it names), [`manifest`] writes
//!   `imsmanifest.xml` (one SCO, every file named, all text escaped), [`check_package`] refuses a
//!   set whose attempt could outgrow `cmi.suspend_data`. Assessment and practice sets are both
//!   packaged; the one difference the platform sees is the lesson status.
//! - **The attempt in `cmi.suspend_data`.** [`encode_suspend`] / [`decode_suspend`]: a compact,
//!   versioned text of the attempt's inputs (salt, times, counts, every choice with its reply
//!   time, and whether a hint was shown when the set allows hints). The set travels in the package and the name comes from the platform, so neither is
//!   in it; decoding replays every call, so the records it rebuilds are exactly the ones played.
//! - **What the platform records.** [`updates`]: the `LMSSetValue` calls after a change of the
//!   attempt: lesson status ([`lesson_status`]), score, session time, suspend data and one
//!   interaction per reply not reported yet ([`interactions`]), with times as SCORM 1.2
//!   `CMITimespan` ([`timespan`]).
//!
//! The browser side (finding the platform's API, calling it, fetching files, zipping) is
//! `ui::browser::scorm` in the app.

use super::*;
use crate::content::Quality;
use crate::sim::{Choice, Event, MAX_CALLS, MAX_TURNS};

/// Most characters SCORM 1.2 allows in `cmi.suspend_data` (CMIString4096).
pub const SUSPEND_LIMIT: usize = 4096;
/// The page the build writes for packages (`scripts/csp.py`): the app's page with relative
/// asset URLs, no service worker and the [`PACKAGE_META`] marker. It is `index.html` in the zip.
pub const LAUNCH_PAGE: &str = "scorm-launch.html";
/// The launch page's name inside the package (the manifest's `href`).
pub const PACKAGE_INDEX: &str = "index.html";
/// The set's file inside the package, next to the launch page.
pub const PACKAGE_SET: &str = "set.json";
/// `<meta name="composure-package">`: present only on the launch page of a package, where the
/// app starts in package mode.
pub const PACKAGE_META: &str = "composure-package";

/// Version tag at the start of the suspend data (bump it when the encoding changes).
const SUSPEND_TAG: &str = "C1";
/// The 64 characters of the suspend data after its tag: the first 32 end a number, the last 32
/// carry five more bits of it (least significant group first). URL- and XML-safe.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
/// A choice's pick is four bits: 0 to 14 are offered lines, 15 is "no reply in time".
const NO_REPLY: u64 = 15;
/// The bit above the pick that says a hint was shown: only in the suspend data of a set that
/// allows hints (a practice set), so an assessment's encoding is the same as before hints.
const HINT_BIT: u64 = 16;

/// A file of the app to put in the package: `path` in the zip, fetched from `url` on the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageFile {
    pub path: String,
    pub url: String,
}

/// The app's built files for a package, from the launch page's HTML: the page itself (as
/// `index.html`) and every file it names by a relative URL (`./name.ext`), each once, in the
/// order named. This is the one list of what a package holds besides the set and manifest.
/// Refused when the page names no app code, or a name that could leave the package.
pub fn package_files(launch_html: &str) -> Result<Vec<PackageFile>, String> {
    if !launch_html.contains(PACKAGE_META) {
        return Err("the package's launch page is not in this build (rebuild the app)".into());
    }
    let mut files = vec![PackageFile {
        path: PACKAGE_INDEX.into(),
        url: format!("/{LAUNCH_PAGE}"),
    }];
    for name in assets_of(launch_html) {
        if leaves_package(&name) {
            return Err(format!("the launch page names an unsafe path `{name}`"));
        }
        if !files.iter().any(|f| f.path == name) {
            files.push(PackageFile {
                url: format!("/{name}"),
                path: name,
            });
        }
    }
    if !files.iter().any(|f| f.path.ends_with(".wasm")) {
        return Err("the launch page names no WebAssembly file".into());
    }
    Ok(files)
}

/// Whether a path inside the package could point outside it (or nowhere): an empty, `.` or `..`
/// part.
fn leaves_package(path: &str) -> bool {
    path.split('/')
        .any(|p| p.is_empty() || p == "." || p == "..")
}

/// The campaigns' data files that the content catalog (`packs/index.json`, named by the launch
/// page) lists: they go in the package beside it, so the course plays without the site.
pub fn catalog_files(catalog_json: &str) -> Result<Vec<PackageFile>, String> {
    let catalog = crate::content::compiled::read_catalog(catalog_json)
        .map_err(|e| format!("the package cannot be made: {e}"))?;
    catalog
        .campaigns
        .iter()
        .map(|e| {
            if leaves_package(&e.href) {
                return Err(format!(
                    "the content catalog names an unsafe path `{}`",
                    e.href
                ));
            }
            Ok(PackageFile {
                url: format!("/{}", e.href),
                path: e.href.clone(),
            })
        })
        .collect()
}

/// Every quoted relative URL (`"./name.ext"` or `'./name.ext'`) of a file kind the app ships.
fn assets_of(html: &str) -> Vec<String> {
    const KINDS: &[&str] = &[
        ".js",
        ".wasm",
        ".css",
        ".svg",
        ".webmanifest",
        ".md",
        ".json",
    ];
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find("./") {
        let start = i + at;
        i = start + 2;
        let Some(&quote) = start.checked_sub(1).and_then(|q| bytes.get(q)) else {
            continue;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let rest = &html[start + 2..];
        let Some(end) = rest.find(quote as char) else {
            break;
        };
        let name = &rest[..end];
        let plain = !name.contains(|c: char| c.is_whitespace() || "?#<>\"'".contains(c));
        if plain && KINDS.iter().any(|k| name.ends_with(k)) && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Text for XML content and attribute values: markup characters escaped, and characters XML 1.0
/// does not allow dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML identifier (an NCName) from any text: letters, digits, `-`, `_` and `.`, starting
/// with a letter.
fn xml_id(prefix: &str, s: &str) -> String {
    let body: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}{body}")
}

/// `imsmanifest.xml` for a package of `set` holding `files` (paths in the zip, the launch page
/// [`PACKAGE_INDEX`] among them): SCORM 1.2, one organization with one item and one SCO
/// resource that names every file. An assessment's pass mark is the item's mastery score.
pub fn manifest(set: &PersonaSet, files: &[String]) -> String {
    let id = xml_id(
        "composure-",
        if set.id.is_empty() { "set" } else { &set.id },
    );
    let title = xml_escape(&set.name);
    let mastery = match set.mode {
        Mode::Assessment => format!(
            "\n        <adlcp:masteryscore>{}</adlcp:masteryscore>",
            set.pass_mark
        ),
        Mode::Practice => String::new(),
    };
    let file_list: String = files
        .iter()
        .map(|f| format!("\n      <file href=\"{}\"/>", xml_escape(f)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>{title}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{index}">{file_list}
    </resource>
  </resources>
</manifest>
"#,
        index = xml_escape(PACKAGE_INDEX),
    )
}

// ---------------------------------------------------------------------------------------------
// Suspend data

fn push_number(out: &mut String, mut v: u64) {
    loop {
        let group = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(DIGITS[group] as char);
            return;
        }
        out.push(DIGITS[32 + group] as char);
    }
}

/// Characters [`push_number`] writes for `v`.
fn number_len(v: u64) -> usize {
    let bits = 64 - v.leading_zeros() as usize;
    bits.div_ceil(5).max(1)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn number(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let &b = self
                .bytes
                .get(self.at)
                .ok_or("the saved attempt is cut short")?;
            self.at += 1;
            let d = DIGITS
                .iter()
                .position(|&c| c == b)
                .ok_or("the saved attempt holds a character it never writes")?
                as u64;
            if shift > 60 || (shift == 60 && (d & 31) > 15) {
                return Err("the saved attempt holds a number too large".into());
            }
            v |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                return Ok(v);
            }
        }
    }
    fn small(&mut self, max: u64, what: &str) -> Result<u32, String> {
        let v = self.number()?;
        if v > max {
            return Err(format!("the saved attempt has {v} {what}, more than {max}"));
        }
        Ok(v as u32)
    }
}

/// Bits a choice's pick takes in its code: the pick, and the hint bit when `hints` (the set
/// allows hints).
fn pick_bits(hints: bool) -> u32 {
    if hints {
        5
    } else {
        4
    }
}

/// A choice as one number: the reply time above the pick (and, when the set allows `hints`,
/// the [`HINT_BIT`]).
fn choice_code(c: &Choice, hints: bool) -> Result<u64, String> {
    if c.hint && !hints {
        return Err("a reply used a hint, which this set does not allow".into());
    }
    let pick = match c.pick {
        Some(p) if u64::from(p) < NO_REPLY => u64::from(p),
        Some(p) => return Err(format!("line {} is beyond what the encoding holds", p + 1)),
        None => NO_REPLY,
    };
    let hint = if c.hint { HINT_BIT } else { 0 };
    Ok((u64::from(c.ms) << pick_bits(hints)) | hint | pick)
}

/// The choice of [`choice_code`]'s number.
fn choice_of(code: u64, hints: bool) -> Result<Choice, String> {
    let ms = u32::try_from(code >> pick_bits(hints)).map_err(|_| "a reply time is too large")?;
    let mut choice = match code & 15 {
        NO_REPLY => Choice::timeout(ms),
        p => Choice::line(p as u8, ms),
    };
    choice.hint = hints && code & HINT_BIT != 0;
    Ok(choice)
}

/// A short check of the set the attempt was made with, so that suspend data never resumes
/// against another set.
fn set_check(set: &SetFile) -> u64 {
    fnv1a(set.to_json().as_bytes()) & 0xffff_ffff
}

fn whole_ms(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms.round() as u64
    } else {
        0
    }
}

/// The attempt as compact text for `cmi.suspend_data`: everything but the set (in the package)
/// and the candidate's name (from the platform). Times are whole milliseconds. Refused when it
/// would be longer than [`SUSPEND_LIMIT`] (which [`check_package`] rules out for a package's
/// set) or holds what its set never does (a hint where the set allows none, a line past the
/// 15th).
pub fn encode_suspend(a: &Attempt) -> Result<String, String> {
    let mut out = String::from(SUSPEND_TAG);
    push_number(&mut out, set_check(&a.set));
    push_number(&mut out, a.salt.unwrap_or(0));
    push_number(&mut out, u64::from(a.salt.is_some()));
    push_number(&mut out, whole_ms(a.started_at_ms));
    push_number(&mut out, a.finished_at_ms.map_or(0, |t| whole_ms(t) + 1));
    push_number(&mut out, a.offer_at_ms.map_or(0, |t| whole_ms(t) + 1));
    push_number(&mut out, u64::from(a.tab_leaves));
    push_number(&mut out, u64::from(a.reloads));
    push_number(&mut out, a.done.len() as u64);
    let calls = a.done.iter().chain(a.current.iter());
    push_number(&mut out, u64::from(a.current.is_some()));
    let hints = a.set.set.hints;
    for rec in calls {
        push_number(&mut out, rec.choices.len() as u64);
        for c in &rec.choices {
            push_number(&mut out, choice_code(c, hints)?);
        }
    }
    if out.len() > SUSPEND_LIMIT {
        return Err(format!(
            "the attempt needs {} characters to be saved in the platform, more than its {SUSPEND_LIMIT}",
            out.len()
        ));
    }
    Ok(out)
}

/// Rebuilds an attempt from [`encode_suspend`]'s text, with the package's set and the name the
/// platform gives: every call is replayed from its choices, so a record that no longer replays
/// (other content, an edited text) is refused in words.
pub fn decode_suspend(
    lib: &Library,
    text: &str,
    set: &SetFile,
    candidate: &str,
) -> Result<Attempt, String> {
    let body = text
        .strip_prefix(SUSPEND_TAG)
        .ok_or("the saved attempt was written by another version of Composure")?;
    let mut r = Reader {
        bytes: body.as_bytes(),
        at: 0,
    };
    if r.number()? != set_check(set) {
        return Err("the saved attempt belongs to another set".into());
    }
    let salt = r.number()?;
    let salt = (r.small(1, "salt flags")? == 1).then_some(salt);
    let started = r.number()? as f64;
    let finished = r.number()?.checked_sub(1).map(|t| t as f64);
    let offer_at = r.number()?.checked_sub(1).map(|t| t as f64);
    let tab_leaves = r.small(u64::from(u32::MAX), "tab leaves")?;
    let reloads = r.small(u64::from(u32::MAX), "reloads")?;
    let done_n = r.small(u64::from(set.set.len()), "finished calls")?;
    let has_current = r.small(1, "current-call flags")? == 1;
    if has_current && done_n >= set.set.len() {
        return Err("the saved attempt has a call beyond the set's last".into());
    }
    let mut a = Attempt::new(
        set.clone(),
        candidate.to_string(),
        started,
        salt.unwrap_or(0),
    );
    a.salt = salt;
    a.finished_at_ms = finished;
    a.offer_at_ms = offer_at;
    a.tab_leaves = tab_leaves;
    a.reloads = reloads;
    for index in 0..done_n + u32::from(has_current) {
        let n = r.small(u64::from(MAX_TURNS), "replies in a call")?;
        let mut call = a
            .start_call(lib, index)
            .map_err(|e| format!("call {} cannot start: {e}", index + 1))?;
        for _ in 0..n {
            let choice = choice_of(r.number()?, set.set.hints)?;
            call.apply(choice)
                .map_err(|e| format!("call {} cannot be replayed: {e}", index + 1))?;
        }
        let rec = CallRecord::of(&call, content_hash(call.campaign(), &lib.customers))
            .ok_or("a call of the set has no record")?;
        if index < done_n {
            if !call.is_over() {
                return Err(format!(
                    "call {} is saved as finished but is not",
                    index + 1
                ));
            }
            a.done.push(rec);
        } else {
            a.current = Some(rec);
        }
    }
    if r.at != r.bytes.len() {
        return Err("the saved attempt has more than an attempt in it".into());
    }
    Ok(a)
}

/// The most characters an attempt of `set` can take in the suspend data: every call at
/// [`MAX_TURNS`] replies, each with the longest reply time a choice can hold (and a hint, when
/// the set allows hints).
pub fn max_suspend_chars(set: &PersonaSet) -> usize {
    let header = SUSPEND_TAG.len()
        + number_len(u64::from(u32::MAX)) // set check
        + number_len(u64::MAX) // salt
        + 1
        + 3 * number_len(1 << 45) // start, finish, offer: ms up to the year 3000
        + 2 * number_len(u64::from(u32::MAX))
        + number_len(u64::from(MAX_CALLS))
        + 1;
    let per_call = number_len(u64::from(MAX_TURNS))
        + MAX_TURNS as usize
            * number_len((u64::from(u32::MAX) << pick_bits(set.hints)) | HINT_BIT | NO_REPLY);
    header + set.len() as usize * per_call
}

/// Most calls a set in a SCORM 1.2 package may hold: the most whose whole attempt always fits
/// [`SUSPEND_LIMIT`] characters, for any set (a practice set with hints, whose replies take a
/// bit more, included).
pub fn max_package_calls() -> u32 {
    let one = |n: u32| {
        let mut s = PersonaSet::practice("c", None, 1, true, None, 0);
        s.calls = Calls::Random { count: n };
        max_suspend_chars(&s)
    };
    (1..=MAX_CALLS)
        .take_while(|&n| one(n) <= SUSPEND_LIMIT)
        .last()
        .unwrap_or(0)
}

/// Whether `set` can be made into a SCORM 1.2 package: a valid set, assessment or practice,
/// whose whole attempt always fits the platform's suspend data (at most
/// [`max_package_calls`] calls), so a relaunch can resume it. Inside the platform both play
/// through the assessment page in package mode; a practice set keeps its feedback and hints,
/// and its lesson status is `incomplete`, then `completed` ([`lesson_status`]).
pub fn check_package(set: &PersonaSet) -> Result<(), String> {
    set.check()?;
    let max = max_package_calls();
    if set.len() > max {
        return Err(format!(
            "a SCORM 1.2 package holds at most {max} calls (the platform keeps only {SUSPEND_LIMIT} characters to resume an attempt), and this set has {}",
            set.len()
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// What the platform records

/// A time span as SCORM 1.2 `CMITimespan`: `HHHH:MM:SS.SS` (hours at least two digits, at most
/// 9999, then capped).
pub fn timespan(ms: f64) -> String {
    let cs = if ms.is_finite() && ms > 0.0 {
        (ms / 10.0).floor().min(9999.0 * 360_000.0 + 359_999.0) as u64
    } else {
        0
    };
    let (h, rest) = (cs / 360_000, cs % 360_000);
    let (m, rest) = (rest / 6000, rest % 6000);
    let (s, c) = (rest / 100, rest % 100);
    format!("{h:02}:{m:02}:{s:02}.{c:02}")
}

/// `cmi.core.lesson_status`: an assessment is `passed` or `failed` once finished, practice is
/// `completed`; until then both are `incomplete`.
pub fn lesson_status(mode: Mode, finished: bool, passed: bool) -> &'static str {
    match (mode, finished, passed) {
        (_, false, _) => "incomplete",
        (Mode::Assessment, true, true) => "passed",
        (Mode::Assessment, true, false) => "failed",
        (Mode::Practice, true, _) => "completed",
    }
}

/// One reply as a SCORM 1.2 interaction (`type` is always `choice`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interaction {
    /// `call{n}-reply{m}`, both 1-based.
    pub id: String,
    /// The line picked as a choice identifier (`a` for the first line offered), or empty when
    /// no reply came in time.
    pub response: String,
    /// `correct` (the best line, composed), `wrong` (a wrong or uncomposed line, a critical
    /// breach, or no reply) or `neutral` (anything between).
    pub result: &'static str,
    /// The reply time as [`timespan`].
    pub latency: String,
}

/// The interactions of one call, in order of its replies (`number` is its 1-based place).
fn call_interactions(
    lib: &Library,
    rec: &CallRecord,
    number: usize,
) -> Result<Vec<Interaction>, String> {
    let call =
        sim::replay(lib, rec).map_err(|e| format!("call {number} cannot be replayed: {e}"))?;
    let mut out = Vec::new();
    let events = call.events();
    for (i, e) in events.iter().enumerate() {
        let (pick, ms) = match e {
            Event::Reply { pick, ms, .. } => (Some(*pick), *ms),
            Event::NoReply { ms, .. } => (None, *ms),
            _ => continue,
        };
        let feedback = events[i + 1..].iter().find_map(|e| match e {
            Event::Feedback(f) => Some(f),
            _ => None,
        });
        let result = match (pick, feedback) {
            (None, _) | (_, None) => "wrong",
            (Some(_), Some(f)) => {
                if f.quality == Quality::Wrong
                    || !f.tone.composed()
                    || f.breaches.iter().any(|b| b.critical)
                {
                    "wrong"
                } else if f.quality == Quality::Best {
                    "correct"
                } else {
                    "neutral"
                }
            }
        };
        out.push(Interaction {
            id: format!("call{number}-reply{}", out.len() + 1),
            response: pick
                .and_then(|p| char::from_digit(u32::from(p) + 10, 36))
                .map(String::from)
                .unwrap_or_default(),
            result,
            latency: timespan(f64::from(ms)),
        });
    }
    Ok(out)
}

/// Every reply of the attempt so far as an interaction: the finished calls, then the call
/// under way.
pub fn interactions(lib: &Library, a: &Attempt) -> Result<Vec<Interaction>, String> {
    let mut out = Vec::new();
    for (i, rec) in a.done.iter().chain(a.current.iter()).enumerate() {
        out.extend(call_interactions(lib, rec, i + 1)?);
    }
    Ok(out)
}

/// How many replies the attempt holds (finished calls and the call under way).
pub fn replies_of(a: &Attempt) -> usize {
    a.done
        .iter()
        .chain(a.current.iter())
        .map(|r| r.choices.len())
        .sum()
}

/// What to tell the platform after a change of the attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// `(element, value)` for `LMSSetValue`, in order.
    pub values: Vec<(String, String)>,
    /// Replies reported once these values are set (the next call's `reported`).
    pub reported: usize,
    /// Whether the attempt is over (then `LMSFinish` follows the commit).
    pub finished: bool,
    /// A problem that kept something from being recorded, in words.
    pub problem: Option<String>,
}

/// The values to set after a change of attempt `a`: the replies after the first `reported`
/// as interactions numbered from `count` (the platform's `cmi.interactions._count`), the score
/// (the mean overall of the finished calls, 0 to 100) once a call is finished, the lesson
/// status, the session time (`session_ms` since this launch), the suspend data, and
/// `cmi.core.exit` (`suspend` until the attempt is over).
pub fn updates(
    lib: &Library,
    a: &Attempt,
    reported: usize,
    count: usize,
    session_ms: f64,
) -> Update {
    let mut values = Vec::new();
    let mut problem = None;
    let mut now_reported = reported;
    match interactions(lib, a) {
        Ok(list) => {
            for (k, it) in list.iter().enumerate().skip(reported) {
                let n = count + k - reported;
                let p = format!("cmi.interactions.{n}.");
                values.push((format!("{p}id"), it.id.clone()));
                values.push((format!("{p}type"), "choice".into()));
                if !it.response.is_empty() {
                    values.push((format!("{p}student_response"), it.response.clone()));
                }
                values.push((format!("{p}result"), it.result.into()));
                values.push((format!("{p}latency"), it.latency.clone()));
            }
            now_reported = now_reported.max(list.len());
        }
        Err(e) => problem = Some(format!("the replies could not be recorded: {e}")),
    }
    let scores: Vec<Scores> = a.done.iter().filter_map(|r| r.claimed).collect();
    let summary = summarize(&scores, a.set.set.pass_mark);
    let finished = a.finished_at_ms.is_some() && a.next_index().is_none();
    if !scores.is_empty() {
        values.push((
            "cmi.core.score.raw".into(),
            summary.scores.overall.to_string(),
        ));
        values.push(("cmi.core.score.min".into(), "0".into()));
        values.push(("cmi.core.score.max".into(), "100".into()));
    }
    values.push((
        "cmi.core.lesson_status".into(),
        lesson_status(a.set.set.mode, finished, summary.passed).into(),
    ));
    values.push(("cmi.core.session_time".into(), timespan(session_ms)));
    match encode_suspend(a) {
        Ok(s) => values.push(("cmi.suspend_data".into(), s)),
        Err(e) => problem = problem.or(Some(e)),
    }
    values.push((
        "cmi.core.exit".into(),
        if finished { "" } else { "suspend" }.into(),
    ));
    Update {
        values,
        reported: now_reported,
        finished,
        problem,
    }
}
