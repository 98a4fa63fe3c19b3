//! Reading TOML into the content model, collecting every problem as a diagnostic.
//!
//! The reader never panics and never stops at the first mistake: syntax errors are recovered by
//! the TOML parser, and every field is checked on its own, so one run reports all it can.

use super::diag::Diagnostics;
use super::model::*;
use std::ops::Range;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Largest source file accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 5 * 1024 * 1024;
/// Longest text accepted in any field, in characters.
pub const MAX_TEXT_CHARS: usize = 400;
/// The pack format version this build understands.
pub const FORMAT: i64 = 1;

type Value<'i> = Spanned<DeValue<'i>>;

/// A TOML table being read, with the keys it may hold.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
}

impl<'t, 'i> Fields<'t, 'i> {
    fn of(d: &mut Diagnostics, v: &'t Value<'i>, what: &str, allowed: &[&str]) -> Option<Self> {
        match v.get_ref() {
            DeValue::Table(table) => {
                for (k, _) in table.iter() {
                    if !allowed.contains(&&**k.get_ref()) {
                        d.error(
                            k.span(),
                            format!(
                                "unknown key `{}` in {what} (expected one of: {})",
                                k.get_ref(),
                                allowed.join(", ")
                            ),
                        );
                    }
                }
                Some(Fields {
                    table,
                    span: v.span(),
                })
            }
            other => {
                d.error(
                    v.span(),
                    format!("{what} must be a table, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    fn missing(&self, d: &mut Diagnostics, key: &str, what: &str) {
        d.error(self.span.clone(), format!("{what} is missing `{key}`"));
    }

    fn text(&self, d: &mut Diagnostics, key: &str, what: &str) -> Option<Text> {
        match self.get(key) {
            None => {
                self.missing(d, key, what);
                None
            }
            Some(v) => text_value(d, v, key),
        }
    }

    fn int(&self, d: &mut Diagnostics, key: &str, range: Range<i64>) -> Option<i64> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if range.contains(&n) => Some(n),
                _ => {
                    d.error(
                        v.span(),
                        format!(
                            "`{key}` must be a whole number from {} to {}",
                            range.start,
                            range.end - 1
                        ),
                    );
                    None
                }
            },
            other => {
                d.error(
                    v.span(),
                    format!("`{key}` must be a whole number, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn bool(&self, d: &mut Diagnostics, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                d.error(
                    v.span(),
                    format!("`{key}` must be true or false, found {}", other.type_str()),
                );
                None
            }
        }
    }

    /// A list of strings; each item comes with its span.
    fn list(&self, d: &mut Diagnostics, key: &str) -> Vec<(Text, Range<usize>)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        string_list(d, v, key)
    }

    fn choice<E: Copy>(
        &self,
        d: &mut Diagnostics,
        key: &str,
        what: &str,
        parse: fn(&str) -> Option<E>,
        names: &[&str],
    ) -> Option<E> {
        let t = self.text(d, key, what)?;
        let v = self.get(key)?;
        match parse(&t) {
            Some(e) => Some(e),
            None => {
                d.error(
                    v.span(),
                    format!("`{key}` is `{t}`, expected one of: {}", names.join(", ")),
                );
                None
            }
        }
    }

    /// An array of tables (`[[key]]`), each with its span.
    fn tables(&self, d: &mut Diagnostics, key: &str) -> Vec<&'t Value<'i>> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            other => {
                d.error(
                    v.span(),
                    format!(
                        "`{key}` must be written as [[{key}]] tables, found {}",
                        other.type_str()
                    ),
                );
                Vec::new()
            }
        }
    }
}

/// Where one table's parts sit in the source, as byte ranges: kept beside the model so that
/// checks made after reading (`validate`) can point at the key that is wrong.
///
/// Invariant: every range lies within the source the table was read from.
#[derive(Clone, Debug, Default)]
pub(crate) struct TableSpans {
    /// The table's header (`[campaign]`, `[[move]]`), or an inline table's braces.
    pub header: Range<usize>,
    keys: Vec<KeySpan>,
}

/// One key of a table: from the key to the end of its value, and each item of an array value
/// with its text when it is a string (trimmed, as the model holds it).
#[derive(Clone, Debug)]
struct KeySpan {
    name: String,
    whole: Range<usize>,
    items: Vec<(Option<String>, Range<usize>)>,
}

impl TableSpans {
    /// No table: a point at the file's start.
    pub const EMPTY: TableSpans = TableSpans {
        header: 0..0,
        keys: Vec::new(),
    };

    fn of(v: &Value<'_>) -> Self {
        let keys = match v.get_ref() {
            DeValue::Table(t) => t
                .iter()
                .map(|(k, x)| KeySpan {
                    name: k.get_ref().to_string(),
                    whole: k.span().start.min(x.span().start)..x.span().end,
                    items: match x.get_ref() {
                        DeValue::Array(items) => items
                            .iter()
                            .map(|i| {
                                let text = match i.get_ref() {
                                    DeValue::String(s) => Some(s.trim().to_string()),
                                    _ => None,
                                };
                                (text, i.span())
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
            _ => Vec::new(),
        };
        TableSpans {
            header: v.span(),
            keys,
        }
    }

    /// `key = value` when the table has the key, else the header.
    pub fn key(&self, name: &str) -> Range<usize> {
        self.keys
            .iter()
            .find(|k| k.name == name)
            .map(|k| k.whole.clone())
            .unwrap_or_else(|| self.header.clone())
    }

    /// The item of the array under `name` that reads `text`, else [`TableSpans::key`].
    pub fn item(&self, name: &str, text: &str) -> Range<usize> {
        self.keys
            .iter()
            .find(|k| k.name == name)
            .and_then(|k| k.items.iter().find(|(t, _)| t.as_deref() == Some(text)))
            .map(|(_, span)| span.clone())
            .unwrap_or_else(|| self.key(name))
    }
}

/// Where a move's parts sit: its table, its utterances (text and range, in source order) and
/// its lines' tables.
///
/// Invariant: `lines[i]` belongs to the move's `lines[i]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct MoveSpans {
    pub table: TableSpans,
    pub say: Vec<(String, Range<usize>)>,
    pub lines: Vec<TableSpans>,
}

/// Where a pack's parts sit in its source, beside the [`Campaign`] read from it.
///
/// Invariant: parallel to the campaign: `phases[i]`, `steps[i]`, `violations[i]` and
/// `moves[i]` belong to the campaign's item `i` of the same name.
#[derive(Clone, Debug, Default)]
pub(crate) struct PackSpans {
    pub campaign: TableSpans,
    pub phases: Vec<Range<usize>>,
    pub steps: Vec<TableSpans>,
    pub violations: Vec<TableSpans>,
    pub moves: Vec<MoveSpans>,
}

fn text_value(d: &mut Diagnostics, v: &Value<'_>, key: &str) -> Option<Text> {
    match v.get_ref() {
        DeValue::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                d.error(v.span(), format!("`{key}` is empty"));
                None
            } else if t.chars().count() > MAX_TEXT_CHARS {
                d.error(
                    v.span(),
                    format!(
                        "`{key}` is {} characters long; at most {MAX_TEXT_CHARS} are allowed",
                        t.chars().count()
                    ),
                );
                None
            } else {
                Some(Arc::from(t))
            }
        }
        other => {
            d.error(
                v.span(),
                format!("`{key}` must be a string, found {}", other.type_str()),
            );
            None
        }
    }
}

fn string_list(d: &mut Diagnostics, v: &Value<'_>, key: &str) -> Vec<(Text, Range<usize>)> {
    match v.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| text_value(d, item, key).map(|t| (t, item.span())))
            .collect(),
        other => {
            d.error(
                v.span(),
                format!(
                    "`{key}` must be a list of strings, found {}",
                    other.type_str()
                ),
            );
            Vec::new()
        }
    }
}

/// Parses the document and checks its `format`; returns the top-level table.
fn document<'i>(d: &mut Diagnostics, src: &'i str) -> Option<Value<'i>> {
    if src.len() > MAX_SOURCE_BYTES {
        d.error(
            0..0,
            format!(
                "the file is {} bytes; at most {MAX_SOURCE_BYTES} are accepted",
                src.len()
            ),
        );
        return None;
    }
    let (doc, errors) = DeTable::parse_recoverable(src);
    for e in &errors {
        d.error(
            e.span().unwrap_or(0..0),
            format!("syntax error: {}", e.message().trim()),
        );
    }
    if !errors.is_empty() {
        return None;
    }
    let span = doc.span();
    let value = Spanned::new(span.clone(), DeValue::Table(doc.into_inner()));
    let format = match &value.get_ref() {
        DeValue::Table(t) => t.get("format"),
        _ => None,
    };
    match format.map(|f| (f.span(), f.get_ref())) {
        None => d.error(0..0, format!("`format = {FORMAT}` is missing at the top of the file")),
        Some((span, DeValue::Integer(i))) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(FORMAT) => {}
            Ok(n) if n > FORMAT => d.error(
                span,
                format!(
                    "format {n} is newer than this version of Composure understands ({FORMAT}); update Composure to read it"
                ),
            ),
            _ => d.error(span, format!("`format` must be {FORMAT}")),
        },
        Some((span, _)) => d.error(span, format!("`format` must be the number {FORMAT}")),
    }
    Some(value)
}

/// Utterances by level from a table keyed `polite`, `curt`, `rude`, `abusive`.
fn levels(d: &mut Diagnostics, v: &Value<'_>, what: &str) -> [Vec<Text>; 4] {
    let names: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
    let mut out: [Vec<Text>; 4] = Default::default();
    if let Some(f) = Fields::of(d, v, what, &names) {
        for level in Level::ALL {
            if let Some(v) = f.get(level.as_str()) {
                out[level.index()] = string_list(d, v, level.as_str())
                    .into_iter()
                    .map(|(t, span)| {
                        check_placeholders(d, &t, span);
                        t
                    })
                    .collect();
            }
        }
    }
    out
}

/// Reports every `{...}` in a customer utterance or a script line that is not one of
/// [`PLACEHOLDERS`] (its range is the placeholder, braces included), and every `{` left open
/// (its range is the brace). `span` is the string value's span in the source (its quotes
/// included).
fn check_placeholders(d: &mut Diagnostics, text: &str, span: Range<usize>) {
    // The value is trimmed; find it in the source after its opening quote (one or three
    // characters). A string with escapes is not found verbatim: count from after the quote.
    let raw = d.source().get(span.clone()).unwrap_or("");
    let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    let base = span.start
        + raw
            .get(quote..)
            .and_then(|r| r.find(text))
            .map_or(quote, |i| quote + i);
    let mut from = 0;
    while let Some(i) = text[from..].find('{') {
        let open = from + i;
        let at = base + open;
        match text[open + 1..].find('}') {
            Some(close) => {
                let name = &text[open + 1..open + 1 + close];
                if !PLACEHOLDERS.contains(&name) {
                    d.error(
                        at..at + close + 2,
                        format!(
                            "unknown placeholder `{{{name}}}`; the placeholders are {}",
                            PLACEHOLDERS
                                .iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                from = open + 1 + close + 1;
            }
            None => {
                d.error(
                    at..at + 1,
                    "`{` opens a placeholder that is never closed with `}`".into(),
                );
                return;
            }
        }
    }
}

/// Reads a campaign pack. Returns the campaign if it could be built, with where its parts sit in
/// the source; the caller decides from the diagnostics whether it is usable.
pub(crate) fn read_pack(d: &mut Diagnostics, src: &str) -> Option<(Campaign, PackSpans)> {
    let doc = document(d, src)?;
    let top = Fields::of(
        d,
        &doc,
        "the pack",
        &["format", "campaign", "step", "violation", "move"],
    )?;
    let campaign_v = top.get("campaign");
    let campaign = match campaign_v {
        Some(v) => Fields::of(
            d,
            v,
            "[campaign]",
            &[
                "id",
                "title",
                "client",
                "purpose",
                "direction",
                "goal",
                "situation",
                "phases",
            ],
        ),
        None => {
            d.error(0..0, "the [campaign] table is missing".to_string());
            None
        }
    };

    let mut id = None;
    let mut title = None;
    let mut client = None;
    let mut purpose = None;
    let mut direction = None;
    let mut goal = None;
    let mut situation = None;
    let mut phases: Vec<(Text, Range<usize>)> = Vec::new();
    if let Some(c) = &campaign {
        id = c.text(d, "id", "[campaign]");
        if let (Some(i), Some(v)) = (&id, c.get("id")) {
            check_id(d, i, v.span());
        }
        title = c.text(d, "title", "[campaign]");
        client = c.text(d, "client", "[campaign]");
        purpose = c.choice(
            d,
            "purpose",
            "[campaign]",
            Purpose::parse,
            &names(Purpose::ALL, |p| p.as_str()),
        );
        // Optional for packs written before it existed: a complaint line is rung by the
        // customer, every other purpose by the agent.
        direction = match c.get("direction") {
            Some(_) => c.choice(
                d,
                "direction",
                "[campaign]",
                Direction::parse,
                &names(Direction::ALL, |x| x.as_str()),
            ),
            None => Some(match purpose {
                Some(Purpose::InboundComplaint) => Direction::Inbound,
                _ => Direction::Outbound,
            }),
        };
        goal = c.text(d, "goal", "[campaign]");
        situation = c.text(d, "situation", "[campaign]");
        match c.get("phases") {
            Some(_) => phases = c.list(d, "phases"),
            None => c.missing(d, "phases", "[campaign]"),
        }
        if phases.is_empty() && c.get("phases").is_some() {
            d.error(
                c.span.clone(),
                "`phases` must name at least one phase".into(),
            );
        }
        dupes(d, &phases, "phase");
    }

    let steps = read_named(d, &top, "step", STEP_KEYS, |d, f| Step {
        id: f.text(d, "id", "[[step]]").unwrap_or_else(|| Arc::from("")),
        label: f
            .text(d, "label", "[[step]]")
            .unwrap_or_else(|| Arc::from("")),
        critical: f.bool(d, "critical").unwrap_or(false),
        mandatory: f.bool(d, "mandatory").unwrap_or(false),
    });
    let violations = read_named(d, &top, "violation", VIOLATION_KEYS, |d, f| Violation {
        id: f
            .text(d, "id", "[[violation]]")
            .unwrap_or_else(|| Arc::from("")),
        label: f
            .text(d, "label", "[[violation]]")
            .unwrap_or_else(|| Arc::from("")),
        critical: f.bool(d, "critical").unwrap_or(false),
    });
    if steps.len() > 64 {
        d.error(
            steps[64].1.header.clone(),
            format!("{} steps; at most 64 are supported", steps.len()),
        );
    }

    let mut moves = Vec::new();
    let mut move_spans = Vec::new();
    let move_values = top.tables(d, "move");
    let mut move_ids = Vec::new();
    for mv in move_values {
        if let Some((m, spans)) = read_move(d, mv, &phases, &steps, &violations) {
            move_ids.push((m.id.clone(), spans.table.key("id")));
            moves.push(m);
            move_spans.push(spans);
        }
    }
    dupes(d, &move_ids, "move id");

    let mut by_role: [Vec<usize>; ROLES] = Default::default();
    for (i, m) in moves.iter().enumerate() {
        by_role[m.role.index()].push(i);
    }
    let campaign_spans = campaign_v.map(TableSpans::of).unwrap_or_default();
    let spans = PackSpans {
        campaign: campaign_spans,
        phases: phases.iter().map(|(_, span)| span.clone()).collect(),
        steps: steps.iter().map(|(_, s)| s.clone()).collect(),
        violations: violations.iter().map(|(_, s)| s.clone()).collect(),
        moves: move_spans,
    };
    let campaign = Campaign {
        by_role,
        id: id?,
        title: title?,
        client: client?,
        purpose: purpose?,
        direction: direction?,
        goal: goal?,
        situation: situation?,
        phases: phases.into_iter().map(|(p, _)| p).collect(),
        steps: steps.into_iter().map(|(s, _)| s).collect(),
        violations: violations.into_iter().map(|(v, _)| v).collect(),
        moves,
        source_hash: fnv1a(src.as_bytes()),
        source: Arc::from(src),
        file: Arc::from(""),
    };
    Some((campaign, spans))
}

fn names<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|x| f(*x)).collect()
}

fn check_id(d: &mut Diagnostics, id: &str, span: Range<usize>) {
    let ok = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.len() <= 64;
    if !ok {
        d.error(
            span,
            format!("id `{id}` may only hold lowercase letters, digits and hyphens (at most 64)"),
        );
    }
}

fn dupes(d: &mut Diagnostics, items: &[(Text, Range<usize>)], what: &str) {
    for (i, (name, span)) in items.iter().enumerate() {
        if items[..i].iter().any(|(n, _)| n == name) {
            d.error(span.clone(), format!("duplicate {what} `{name}`"));
        }
    }
}

trait Named {
    fn id(&self) -> &Text;
}
impl Named for Step {
    fn id(&self) -> &Text {
        &self.id
    }
}
impl Named for Violation {
    fn id(&self) -> &Text {
        &self.id
    }
}

/// The keys a `[[step]]` table may have.
const STEP_KEYS: &[&str] = &["id", "label", "critical", "mandatory"];
/// The keys a `[[violation]]` table may have.
const VIOLATION_KEYS: &[&str] = &["id", "label", "critical"];

fn read_named<T: Named>(
    d: &mut Diagnostics,
    top: &Fields<'_, '_>,
    key: &str,
    keys: &[&str],
    build: impl Fn(&mut Diagnostics, &Fields<'_, '_>) -> T,
) -> Vec<(T, TableSpans)> {
    let what = format!("[[{key}]]");
    let mut out: Vec<(T, TableSpans)> = Vec::new();
    for v in top.tables(d, key) {
        if let Some(f) = Fields::of(d, v, &what, keys) {
            let item = build(d, &f);
            if item.id().is_empty() {
                continue;
            }
            if let Some(idv) = f.get("id") {
                check_id(d, item.id(), idv.span());
            }
            let spans = TableSpans::of(v);
            if out.iter().any(|(o, _)| o.id() == item.id()) {
                d.error(
                    spans.key("id"),
                    format!("duplicate {key} id `{}`", item.id()),
                );
                continue;
            }
            out.push((item, spans));
        }
    }
    out
}

fn resolve(
    d: &mut Diagnostics,
    refs: Vec<(Text, Range<usize>)>,
    known: &[&str],
    what: &str,
) -> Vec<usize> {
    refs.into_iter()
        .filter_map(
            |(name, span)| match known.iter().position(|k| **k == *name) {
                Some(i) => Some(i),
                None => {
                    d.error(span, format!("unknown {what} `{name}`"));
                    None
                }
            },
        )
        .collect()
}

fn read_move(
    d: &mut Diagnostics,
    v: &Value<'_>,
    phases: &[(Text, Range<usize>)],
    steps: &[(Step, TableSpans)],
    violations: &[(Violation, TableSpans)],
) -> Option<(Move, MoveSpans)> {
    let f = Fields::of(
        d,
        v,
        "[[move]]",
        &[
            "id",
            "kind",
            "role",
            "phase",
            "difficulty",
            "archetypes",
            "hint",
            "say",
            "line",
        ],
    )?;
    let id = f.text(d, "id", "[[move]]");
    if let (Some(i), Some(v)) = (&id, f.get("id")) {
        check_id(d, i, v.span());
    }
    let kind = f.choice(
        d,
        "kind",
        "[[move]]",
        Kind::parse,
        &names(Kind::ALL, |k| k.as_str()),
    );
    let role = f.choice(
        d,
        "role",
        "[[move]]",
        Role::parse,
        &names(Role::ALL, |r| r.as_str()),
    );
    let phase = f.text(d, "phase", "[[move]]").and_then(|p| {
        let found = phases.iter().position(|(name, _)| *name == p);
        if found.is_none() && !phases.is_empty() {
            let span = f.get("phase").map(|v| v.span()).unwrap_or(0..0);
            d.error(
                span,
                format!(
                    "unknown phase `{p}`; the campaign's phases are: {}",
                    phases
                        .iter()
                        .map(|(p, _)| &**p)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        found
    });
    let difficulty = f.int(d, "difficulty", 1..6).unwrap_or(1) as u8;
    let archetypes: Vec<Text> = f
        .list(d, "archetypes")
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let hint = f.text(d, "hint", "[[move]]");
    let say = match f.get("say") {
        Some(s) => levels(d, s, "[move.say]"),
        None => {
            f.missing(d, "say", "[[move]]");
            Default::default()
        }
    };
    let present: Vec<usize> = (0..4).filter(|l| !say[*l].is_empty()).collect();
    let (min_level, max_level) = match (present.first(), present.last()) {
        (Some(a), Some(b)) => {
            if present.len() != b - a + 1 {
                let span = f.get("say").map(|v| v.span()).unwrap_or(f.span.clone());
                d.error(span, "the levels in [move.say] must have no gaps (e.g. polite, curt and rude; not polite and rude)".into());
            }
            (Level::ALL[*a], Level::ALL[*b])
        }
        _ => {
            if f.get("say").is_some() {
                let span = f.get("say").map(|v| v.span()).unwrap_or(f.span.clone());
                d.error(
                    span,
                    "[move.say] has no utterances; give at least one level".into(),
                );
            }
            (Level::Polite, Level::Polite)
        }
    };
    for l in &present {
        let n = say[*l].len();
        if n < 3 {
            let span = f.get("say").map(|v| v.span()).unwrap_or(f.span.clone());
            d.warning(
                span,
                format!(
                    "only {n} utterance(s) at level `{}`; give at least 3 so calls vary",
                    Level::ALL[*l].as_str()
                ),
            );
        }
    }

    let step_ids: Vec<&str> = steps.iter().map(|(s, _)| &*s.id).collect();
    let violation_ids: Vec<&str> = violations.iter().map(|(v, _)| &*v.id).collect();
    let mut lines = Vec::new();
    let mut line_spans = Vec::new();
    for lv in f.tables(d, "line") {
        if let Some(line) = read_line(d, lv, &step_ids, &violation_ids) {
            lines.push(line);
            line_spans.push(TableSpans::of(lv));
        }
    }
    if f.get("line").is_none() {
        f.missing(d, "line", "[[move]]");
    }
    let mut say_spans = Vec::new();
    if let Some(DeValue::Table(t)) = f.get("say").map(|s| s.get_ref()) {
        for (_, level) in t.iter() {
            if let DeValue::Array(items) = level.get_ref() {
                for item in items {
                    if let DeValue::String(s) = item.get_ref() {
                        say_spans.push((s.trim().to_string(), item.span()));
                    }
                }
            }
        }
    }
    // In source order (the table may hold its levels in another).
    say_spans.sort_by_key(|(_, span)| span.start);
    let spans = MoveSpans {
        table: TableSpans::of(v),
        say: say_spans,
        lines: line_spans,
    };
    let m = Move {
        id: id?,
        kind: kind?,
        role: role?,
        phase: phase?,
        difficulty,
        archetypes,
        hint: hint?,
        say,
        min_level,
        max_level,
        model_lines: (0..lines.len()).filter(|i| lines[*i].is_model()).collect(),
        calm_mistakes: (0..lines.len())
            .filter(|i| lines[*i].is_calm_mistake())
            .collect(),
        hot_lines: (0..lines.len())
            .filter(|i| !lines[*i].tone.composed())
            .collect(),
        plain_lines: Move::plain_bits(&lines),
        lines,
        source_line: d.line_of(v.span().start),
    };
    Some((m, spans))
}

fn read_line(
    d: &mut Diagnostics,
    v: &Value<'_>,
    step_ids: &[&str],
    violation_ids: &[&str],
) -> Option<Line> {
    let f = Fields::of(
        d,
        v,
        "[[move.line]]",
        &[
            "text",
            "tone",
            "quality",
            "techniques",
            "why",
            "satisfies",
            "requires",
            "violates",
            "ends",
            "tags",
            "effect",
        ],
    )?;
    let what = "[[move.line]]";
    let text = f.text(d, "text", what);
    if let (Some(t), Some(v)) = (&text, f.get("text")) {
        check_placeholders(d, t, v.span());
    }
    let tone = f.choice(
        d,
        "tone",
        what,
        Tone::parse,
        &names(Tone::ALL, |t| t.as_str()),
    );
    let quality = f.choice(
        d,
        "quality",
        what,
        Quality::parse,
        &names(Quality::ALL, |q| q.as_str()),
    );
    let why = f.text(d, "why", what);
    let techniques: Vec<Text> = match f.get("techniques") {
        None => {
            f.missing(d, "techniques", what);
            Vec::new()
        }
        Some(_) => f
            .list(d, "techniques")
            .into_iter()
            .filter_map(|(t, span)| {
                if TECHNIQUES.contains(&&*t) {
                    Some(t)
                } else {
                    d.error(
                        span,
                        format!("unknown technique `{t}` (see the list in docs/content-format.md)"),
                    );
                    None
                }
            })
            .collect(),
    };
    let satisfies_refs = f.list(d, "satisfies");
    let satisfies = resolve(d, satisfies_refs, step_ids, "step");
    let requires_refs = f.list(d, "requires");
    let requires = resolve(d, requires_refs, step_ids, "step");
    let violates_refs = f.list(d, "violates");
    let violates = resolve(d, violates_refs, violation_ids, "violation");
    let ends = f.get("ends").and_then(|_| {
        f.choice(
            d,
            "ends",
            what,
            |s| Ending::parse(s).filter(|e| Ending::FROM_LINE.contains(e)),
            &names(Ending::FROM_LINE, |e| e.as_str()),
        )
    });
    let tags: Vec<Tag> = f
        .list(d, "tags")
        .into_iter()
        .filter_map(|(t, span)| {
            let tag = Tag::parse(&t);
            if tag.is_none() {
                d.error(
                    span,
                    format!(
                        "unknown tag `{t}`, expected one of: {}",
                        names(Tag::ALL, |t| t.as_str()).join(", ")
                    ),
                );
            }
            tag
        })
        .collect();
    let (tone, quality) = (tone?, quality?);
    let mut effect = Effect::default_for(quality, tone);
    if let Some(e) = f.get("effect") {
        if let Some(ef) = Fields::of(d, e, "`effect`", &["mood", "trust", "patience"]) {
            if let Some(n) = ef.int(d, "mood", -100..101) {
                effect.mood = n as i32;
            }
            if let Some(n) = ef.int(d, "trust", -100..101) {
                effect.trust = n as i32;
            }
            if let Some(n) = ef.int(d, "patience", -20..21) {
                effect.patience = n as i32;
            }
        }
    }
    Some(Line {
        text: text?,
        tone,
        quality,
        techniques: techniques.into(),
        why: why?,
        satisfies,
        requires,
        violates,
        ends,
        tags,
        effect,
        source_line: d.line_of(v.span().start),
    })
}

/// Reads the customer file.
pub(crate) fn read_customers(d: &mut Diagnostics, src: &str) -> Option<Customers> {
    let doc = document(d, src)?;
    let top = Fields::of(
        d,
        &doc,
        "the customer file",
        &["format", "names", "still-there", "hang-up", "archetype"],
    )?;
    let mut first_names = Vec::new();
    let mut last_names = Vec::new();
    match top.get("names") {
        Some(n) => {
            if let Some(f) = Fields::of(d, n, "[names]", &["first", "last"]) {
                first_names = f.list(d, "first").into_iter().map(|(t, _)| t).collect();
                last_names = f.list(d, "last").into_iter().map(|(t, _)| t).collect();
                if first_names.is_empty() || last_names.is_empty() {
                    d.error(
                        n.span(),
                        "[names] needs at least one `first` and one `last` name".into(),
                    );
                }
            }
        }
        None => top.missing(d, "names", "the customer file"),
    }
    // `[still-there.inbound]`, `[still-there.outbound]`: lines by level for each direction.
    let all_levels = |key: &str, d: &mut Diagnostics| -> [[Vec<Text>; 4]; 2] {
        let mut out: [[Vec<Text>; 4]; 2] = Default::default();
        let Some(v) = top.get(key) else {
            top.missing(d, key, "the customer file");
            return out;
        };
        let dirs: Vec<&str> = Direction::ALL.iter().map(|x| x.as_str()).collect();
        let Some(f) = Fields::of(d, v, &format!("[{key}]"), &dirs) else {
            return out;
        };
        for dir in Direction::ALL {
            let name = format!("{key}.{}", dir.as_str());
            match f.get(dir.as_str()) {
                Some(dv) => {
                    let l = levels(d, dv, &name);
                    if l.iter().any(|x| x.is_empty()) {
                        d.error(
                            dv.span(),
                            format!(
                                "[{name}] needs lines at every level: polite, curt, rude, abusive"
                            ),
                        );
                    }
                    out[dir.index()] = l;
                }
                None => d.error(
                    v.span(),
                    format!("[{name}] is missing: shared lines are given for each direction"),
                ),
            }
        }
        out
    };
    let still_there = all_levels("still-there", d);
    let hang_up = all_levels("hang-up", d);

    let mut archetypes: Vec<Archetype> = Vec::new();
    for v in top.tables(d, "archetype") {
        if let Some(a) = read_archetype(d, v) {
            if archetypes.iter().any(|o| o.id == a.id) {
                d.error(v.span(), format!("duplicate archetype id `{}`", a.id));
            } else {
                archetypes.push(a);
            }
        }
    }
    if archetypes.is_empty() {
        d.error(0..0, "the customer file defines no [[archetype]]".into());
    }
    Some(Customers {
        first_names,
        last_names,
        still_there,
        hang_up,
        archetypes,
        source_hash: fnv1a(src.as_bytes()),
    })
}

fn weights<E: Copy, const N: usize>(
    d: &mut Diagnostics,
    v: Option<&Value<'_>>,
    key: &str,
    all: &[E],
    name: fn(E) -> &'static str,
    default: u32,
) -> [u32; N] {
    let mut out = [default; N];
    let Some(v) = v else { return out };
    let allowed: Vec<&str> = all.iter().map(|e| name(*e)).collect();
    if let Some(f) = Fields::of(d, v, &format!("`{key}`"), &allowed) {
        for (i, e) in all.iter().enumerate() {
            if let Some(n) = f.int(d, name(*e), 0..1001) {
                out[i] = n as u32;
            }
        }
    }
    out
}

fn read_archetype(d: &mut Diagnostics, v: &Value<'_>) -> Option<Archetype> {
    let what = "[[archetype]]";
    let f = Fields::of(
        d,
        v,
        what,
        &[
            "id",
            "label",
            "description",
            "provocation",
            "patience",
            "mood",
            "trust",
            "sensitivity",
            "extra-moves",
            "ages",
            "fates",
            "weights",
            "triggers",
            "traits",
            "pitch",
            "rate",
        ],
    )?;
    let id = f.text(d, "id", what);
    let label = f.text(d, "label", what);
    let description = f.text(d, "description", what);
    let ages: Vec<AgeBand> = f
        .list(d, "ages")
        .into_iter()
        .filter_map(|(a, span)| {
            let band = AgeBand::parse(&a);
            if band.is_none() {
                d.error(span, format!("unknown age band `{a}`"));
            }
            band
        })
        .collect();
    if ages.is_empty() {
        d.error(v.span(), "`ages` must name at least one age band".into());
    }
    let triggers: Vec<Tag> = f
        .list(d, "triggers")
        .into_iter()
        .filter_map(|(t, span)| {
            let tag = Tag::parse(&t);
            if tag.is_none() {
                d.error(span, format!("unknown trigger `{t}`"));
            }
            tag
        })
        .collect();
    let traits: Vec<Text> = f.list(d, "traits").into_iter().map(|(t, _)| t).collect();
    if traits.is_empty() {
        d.error(v.span(), "`traits` must hold at least one trait".into());
    }
    let fates: [u32; 5] = weights(d, f.get("fates"), "fates", Fate::ALL, |x| x.as_str(), 0);
    if fates.iter().all(|w| *w == 0) {
        d.error(
            v.span(),
            "`fates` must give some ending a weight above 0".into(),
        );
    }
    let kinds: [u32; KINDS] = weights(d, f.get("weights"), "weights", Kind::ALL, |x| x.as_str(), 1);
    Some(Archetype {
        id: id?,
        label: label?,
        description: description?,
        provocation: f.int(d, "provocation", 0..4).unwrap_or(0) as u8,
        patience: f.int(d, "patience", 1..31).unwrap_or(8) as i32,
        mood: f.int(d, "mood", 0..101).unwrap_or(60) as i32,
        trust: f.int(d, "trust", 0..101).unwrap_or(50) as i32,
        sensitivity: f.int(d, "sensitivity", 10..301).unwrap_or(100) as i32,
        extra_moves: f.int(d, "extra-moves", -3..4).unwrap_or(0) as i32,
        ages,
        fates,
        weights: kinds,
        triggers,
        traits,
        pitch: f.int(d, "pitch", 50..201).unwrap_or(100) as u32,
        rate: f.int(d, "rate", 50..201).unwrap_or(100) as u32,
    })
}
