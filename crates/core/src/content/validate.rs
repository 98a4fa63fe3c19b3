//! Semantic checks on a campaign that reads cleanly: roles, line mixes, endings, steps,
//! reachability and duplicates. Whether a model agent can actually win a pack needs the
//! simulation, which sits above this module: that check is `crate::lint`'s.

use super::diag::Diagnostics;
use super::load::{MoveSpans, PackSpans, TableSpans};
use super::model::*;

/// The roles that end a call, with the ending their model line must declare.
const TERMINAL: &[(Role, Ending)] = &[
    (Role::Win, Ending::Goal),
    (Role::Refuse, Ending::PoliteClose),
    (Role::OptOut, Ending::PoliteClose),
    (Role::AbuseEnd, Ending::BoundaryEnd),
    (Role::Escalate, Ending::Escalation),
    (Role::ThreatEnd, Ending::BoundaryEnd),
];

/// Structural checks that need no simulation. `spans` says where the campaign's parts are, so
/// that each diagnostic points at what is wrong: the key or item when there is one, else the
/// move's or line's header, and the `[campaign]` header for what concerns the whole pack.
pub(crate) fn check_structure(
    d: &mut Diagnostics,
    c: &Campaign,
    spans: &PackSpans,
    customers: &Customers,
) {
    let campaign = spans.campaign.header.clone();
    for role in [Role::Opening, Role::Win, Role::Refuse] {
        if !c.has_role(role) {
            d.error(
                campaign.clone(),
                format!(
                    "the pack has no move with role `{}`; every pack needs one",
                    role.as_str()
                ),
            );
        }
    }
    if c.has_role(Role::AbuseWarning) != c.has_role(Role::AbuseEnd) {
        // At the move that is there without its partner.
        let at = c
            .moves
            .iter()
            .position(|m| matches!(m.role, Role::AbuseWarning | Role::AbuseEnd))
            .map_or(campaign.clone(), |i| move_spans(spans, i).table.key("role"));
        d.error(
            at,
            "`abuse-warning` and `abuse-end` moves come as a pair: add the missing one".into(),
        );
    }
    for (i, phase) in c.phases.iter().enumerate() {
        if !c.moves.iter().any(|m| m.phase == i) {
            d.warning(
                spans.phases.get(i).cloned().unwrap_or(campaign.clone()),
                format!("phase `{phase}` has no moves, so no call ever reaches it"),
            );
        }
    }
    for (i, m) in c.moves.iter().enumerate() {
        check_move(d, c, customers, m, move_spans(spans, i));
    }
    check_steps(d, c, spans);
    check_duplicates(d, c, spans);
    check_length_habit(d, c, campaign);
}

/// The spans of move `i`; empty ones (a point at the file's start) if the spans lack it, which
/// their invariant rules out.
fn move_spans(spans: &PackSpans, i: usize) -> &MoveSpans {
    static NONE: MoveSpans = MoveSpans {
        table: TableSpans::EMPTY,
        say: Vec::new(),
        lines: Vec::new(),
    };
    spans.moves.get(i).unwrap_or(&NONE)
}

/// The spans of line `i` of a move, or the move's own table when they lack it.
fn line_spans(spans: &MoveSpans, i: usize) -> &TableSpans {
    spans.lines.get(i).unwrap_or(&spans.table)
}

/// Most moves (percent) whose model line may be the longest, or the shortest, of its move.
pub const MAX_EXTREME_PERCENT: usize = 30;

/// A habit across the pack that no single move shows: the model line the longest (or the
/// shortest) of its move in many moves, so that "pick the longest" pays.
fn check_length_habit(d: &mut Diagnostics, c: &Campaign, campaign: std::ops::Range<usize>) {
    let len = |l: &Line| l.text.chars().count();
    let (mut longest, mut shortest, mut moves) = (0, 0, 0);
    for m in c.moves.iter().filter(|m| m.lines.len() > 1) {
        let Some(model) = m.lines.iter().find(|l| l.is_model()) else {
            continue;
        };
        moves += 1;
        let n = len(model);
        let others = m.lines.iter().filter(|l| !std::ptr::eq(*l, model)).map(len);
        let (max, min) = others.fold((0, usize::MAX), |(a, b), x| (a.max(x), b.min(x)));
        longest += usize::from(n >= max);
        shortest += usize::from(n <= min);
    }
    for (count, what) in [(longest, "longest"), (shortest, "shortest")] {
        if count >= 2 && count * 100 > moves * MAX_EXTREME_PERCENT {
            d.warning(
                campaign.clone(),
                format!("the model line is the {what} line of its move in {count} of {moves} moves: a guesser who picks the {what} line is right too often (keep it under {MAX_EXTREME_PERCENT} %)"),
            );
        }
    }
}

fn check_move(
    d: &mut Diagnostics,
    c: &Campaign,
    customers: &Customers,
    m: &Move,
    spans: &MoveSpans,
) {
    let at = || spans.table.header.clone();
    let id = &m.id;
    if m.lines.len() < 4 {
        d.error(
            at(),
            format!(
                "move `{id}` has {} line(s); at least 4 are needed to offer a choice",
                m.lines.len()
            ),
        );
    }
    if !m.lines.iter().any(Line::is_model) {
        d.error(
            at(),
            format!("move `{id}` has no `best` line in a composed tone (calm, warm or neutral)"),
        );
    }
    if !m.lines.iter().any(Line::is_calm_mistake) {
        d.error(at(), format!("move `{id}` has no composed line that is `weak` or `wrong` (the tempting calm mistake)"));
    }
    if !m.lines.iter().any(|l| !l.tone.composed()) {
        d.error(at(), format!("move `{id}` has no line that loses composure (curt, defensive, sarcastic or hostile)"));
    }
    for a in &m.archetypes {
        if customers.archetype(a).is_none() {
            d.error(
                spans.table.item("archetypes", a),
                format!("move `{id}` names unknown archetype `{a}`"),
            );
        }
    }
    if m.role == Role::Body {
        let reachable = customers
            .archetypes
            .iter()
            .any(|a| m.allows(&a.id) && a.weights[m.kind.index()] > 0);
        if !reachable {
            d.warning(
                at(),
                format!("move `{id}` is unreachable: no archetype that may make it gives kind `{}` a weight", m.kind.as_str()),
            );
        }
    }
    let expected = TERMINAL.iter().find(|(r, _)| *r == m.role).map(|(_, e)| *e);
    match expected {
        Some(ending) => {
            if !m
                .lines
                .iter()
                .any(|l| l.is_model() && l.ends == Some(ending))
            {
                d.error(
                    at(),
                    format!(
                        "dead end: move `{id}` ends a call, but none of its best composed lines has `ends = \"{}\"`",
                        ending.as_str()
                    ),
                );
            }
        }
        None => {
            if m.role == Role::AbuseWarning
                && !m
                    .lines
                    .iter()
                    .any(|l| l.is_model() && l.techniques.iter().any(|t| &**t == "set-boundary"))
            {
                d.warning(at(), format!("abuse-warning move `{id}` has no best line with the technique `set-boundary`"));
            }
        }
    }
    check_surface(d, m, spans);
    for (i, l) in m.lines.iter().enumerate() {
        let ls = line_spans(spans, i);
        if l.ends == Some(Ending::Goal) && m.role != Role::Win {
            d.error(
                ls.key("ends"),
                "`ends = \"goal\"` only works on a line of a `win` move".into(),
            );
        }
        if l.is_model() {
            if let Some(v) = l.violates.first() {
                let v = &c.violations[*v].id;
                d.error(
                    ls.item("violates", v),
                    format!("a best line commits the violation `{v}`"),
                );
            }
            if !l.tags.is_empty() {
                d.warning(
                    ls.key("tags"),
                    "a best line carries trigger tags; a model answer should not set customers off"
                        .into(),
                );
            }
            if expected.is_none() && l.ends.is_some() && m.role != Role::AbuseWarning {
                d.warning(
                    ls.key("ends"),
                    format!("the best line of move `{id}` ends the call early"),
                );
            }
        }
    }
}

/// Words in a line (runs of non-space characters).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The most words a model line may have: about ten seconds said aloud.
pub const MAX_MODEL_WORDS: usize = 30;

/// A model line this much longer than every other line of its move (or this much shorter) is
/// found by a guesser who picks the longest (or shortest) line: percent.
pub const LENGTH_MARGIN_PERCENT: usize = 20;

/// Surface tells: a model line too long to say, or the longest or shortest line of its move by
/// a clear margin.
fn check_surface(d: &mut Diagnostics, m: &Move, spans: &MoveSpans) {
    let len = |l: &Line| l.text.chars().count();
    for (i, l) in m.lines.iter().enumerate() {
        if !l.is_model() {
            continue;
        }
        let text = line_spans(spans, i).key("text");
        let words = word_count(&l.text);
        if words > MAX_MODEL_WORDS {
            d.warning(
                text.clone(),
                format!("this model line has {words} words; a phone line has at most {MAX_MODEL_WORDS} (about ten seconds said aloud): split it over two turns"),
            );
        }
        let others: Vec<usize> = m
            .lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, o)| len(o))
            .collect();
        let (Some(&longest), Some(&shortest)) = (others.iter().max(), others.iter().min()) else {
            continue;
        };
        let n = len(l);
        if n * 100 > longest * (100 + LENGTH_MARGIN_PERCENT) {
            d.warning(
                text.clone(),
                format!("this model line is the longest of move `{}` by a clear margin ({n} characters, the next {longest}): a guesser who picks the longest line finds it", m.id),
            );
        }
        if shortest * 100 > n * (100 + LENGTH_MARGIN_PERCENT) {
            d.warning(
                text.clone(),
                format!("this model line is the shortest of move `{}` by a clear margin ({n} characters, the next {shortest}): a guesser who picks the shortest line finds it", m.id),
            );
        }
    }
}

/// Consistency across a whole library: the same or nearly the same line text must be graded
/// alike (quality and whether it is composed) wherever it appears. Returns a warning at each
/// later place, naming the earlier one. "Nearly the same": at least five words, and at least
/// 85 % of the words of the two lines shared (Jaccard over their word sets).
pub fn check_library(campaigns: &[std::sync::Arc<Campaign>]) -> Vec<super::Diagnostic> {
    struct Seen<'a> {
        words: std::collections::BTreeSet<String>,
        line: &'a Line,
        file: &'a str,
    }
    let mut seen: Vec<Seen> = Vec::new();
    let mut out = LibraryWarnings::new(campaigns);
    // The same violation or step id must be equally critical (and a step equally mandatory)
    // everywhere: pressure after a "no" cannot end the call in one campaign and pass unremarked
    // in another.
    let mut rules: Vec<(&str, (bool, bool), &Campaign)> = Vec::new();
    for (ci, c) in campaigns.iter().enumerate() {
        let named = c
            .violations
            .iter()
            .enumerate()
            .map(|(i, v)| (&*v.id, (v.critical, false), "violation", i))
            .chain(
                c.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (&*s.id, (s.critical, s.mandatory), "step", i)),
            );
        for (id, critical, what, index) in named {
            if let Some((_, other, first)) = rules.iter().find(|(i, _, _)| *i == id) {
                if *other != critical {
                    let word = |(c, m): (bool, bool)| match (c, m) {
                        (true, true) => "critical and mandatory",
                        (true, false) => "critical",
                        (false, true) => "mandatory",
                        (false, false) => "not critical",
                    };
                    out.warn(
                        ci,
                        |s| {
                            let tables = if what == "step" {
                                &s.steps
                            } else {
                                &s.violations
                            };
                            tables.get(index).map(|t| t.key("id"))
                        },
                        format!(
                            "the {what} `{id}` is {} here but {} in {}: the same rule must weigh the same in every campaign",
                            word(critical),
                            word(*other),
                            first.file
                        ),
                    );
                }
            } else {
                rules.push((id, critical, c));
            }
        }
    }
    for (ci, c) in campaigns.iter().enumerate() {
        for (mi, m) in c.moves.iter().enumerate() {
            for (li, l) in m.lines.iter().enumerate() {
                let words: std::collections::BTreeSet<String> = l
                    .text
                    .split_whitespace()
                    .map(normalise)
                    .filter(|w| !w.is_empty())
                    .collect();
                let graded = |x: &Line| (x.quality, x.tone.composed());
                for s in &seen {
                    if graded(s.line) == graded(l) {
                        continue;
                    }
                    let same = normalise(&s.line.text) == normalise(&l.text);
                    let near = !same && words.len() >= 5 && s.words.len() >= 5 && {
                        let shared = words.intersection(&s.words).count();
                        let union = words.len() + s.words.len() - shared;
                        shared * 100 >= union * 85
                    };
                    if same || near {
                        out.warn(
                            ci,
                            |s| {
                                s.moves
                                    .get(mi)
                                    .and_then(|m| m.lines.get(li))
                                    .map(|t| t.key("text"))
                            },
                            format!(
                                "this line is graded {} ({}), but {} the line at {}:{} is graded {} ({}): grade the same behaviour the same way",
                                l.quality.as_str(),
                                l.tone.as_str(),
                                if same { "the same text as" } else { "nearly the same text as" },
                                s.file,
                                s.line.source_line,
                                s.line.quality.as_str(),
                                s.line.tone.as_str()
                            ),
                        );
                    }
                }
                seen.push(Seen {
                    words,
                    line: l,
                    file: &c.file,
                });
            }
        }
    }
    out.finish()
}

/// The library check's warnings, each in the file of its campaign. A campaign's spans are read
/// again from its source the first time it has a warning (a loaded campaign does not keep them).
struct LibraryWarnings<'a> {
    campaigns: &'a [std::sync::Arc<Campaign>],
    files: Vec<Option<(Diagnostics, PackSpans)>>,
}

impl<'a> LibraryWarnings<'a> {
    fn new(campaigns: &'a [std::sync::Arc<Campaign>]) -> Self {
        LibraryWarnings {
            campaigns,
            files: campaigns.iter().map(|_| None).collect(),
        }
    }

    /// A warning in campaign `ci`, at the range `at` finds (a point at the file's start if it
    /// finds none).
    fn warn(
        &mut self,
        ci: usize,
        at: impl FnOnce(&PackSpans) -> Option<std::ops::Range<usize>>,
        message: String,
    ) {
        let (Some(c), Some(slot)) = (self.campaigns.get(ci), self.files.get_mut(ci)) else {
            return;
        };
        let (d, spans) = slot.get_or_insert_with(|| {
            let mut scratch = Diagnostics::new(&c.file, &c.source);
            let spans = super::load::read_pack(&mut scratch, &c.source)
                .map(|(_, s)| s)
                .unwrap_or_default();
            (Diagnostics::new(&c.file, &c.source), spans)
        });
        let span = at(spans).unwrap_or(0..0);
        d.warning(span, message);
    }

    /// Every warning, file by file in the library's order, each file's sorted by position.
    fn finish(self) -> Vec<super::Diagnostic> {
        self.files
            .into_iter()
            .flatten()
            .flat_map(|(d, _)| d.finish())
            .collect()
    }
}

fn check_steps(d: &mut Diagnostics, c: &Campaign, spans: &PackSpans) {
    for (i, s) in c.steps.iter().enumerate() {
        if !c
            .moves
            .iter()
            .flat_map(|m| &m.lines)
            .any(|l| l.satisfies.contains(&i))
        {
            let at = spans
                .steps
                .get(i)
                .map_or(spans.campaign.header.clone(), |t| t.key("id"));
            d.error(
                at,
                format!("no line can satisfy the required step `{}`", s.id),
            );
        }
    }
    // A line that requires a step should come after a move whose model line completes it in
    // every call: an opening, or an `always` move of an earlier phase.
    for (mi, m) in c.moves.iter().enumerate() {
        let ms = move_spans(spans, mi);
        for (li, l) in m.lines.iter().enumerate() {
            for r in &l.requires {
                let guaranteed = c.moves.iter().any(|p| {
                    (p.role == Role::Opening || (p.role == Role::Always && p.phase < m.phase))
                        && p.lines
                            .iter()
                            .any(|pl| pl.is_model() && pl.satisfies.contains(r))
                });
                let same_line = l.satisfies.contains(r);
                if !guaranteed && !same_line {
                    d.warning(
                        line_spans(ms, li).item("requires", &c.steps[*r].id),
                        format!(
                            "this line requires `{}`, but no opening or earlier `always` move's best line completes it, so a good agent may not have done it yet",
                            c.steps[*r].id
                        ),
                    );
                }
            }
        }
    }
}

fn normalise(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn check_duplicates(d: &mut Diagnostics, c: &Campaign, spans: &PackSpans) {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for (mi, m) in c.moves.iter().enumerate() {
        let ms = move_spans(spans, mi);
        for (li, l) in m.lines.iter().enumerate() {
            if let Some(first) = seen.insert(normalise(&l.text), l.source_line) {
                d.warning(
                    line_spans(ms, li).key("text"),
                    format!("this line repeats the text of the line at line {first}"),
                );
            }
        }
        // Each repeat at its own place in the source: the n-th utterance said before.
        let mut said: Vec<String> = Vec::new();
        for u in m.say.iter().flatten() {
            let key = normalise(u);
            let before = said.iter().filter(|s| **s == key).count();
            said.push(key.clone());
            if before > 0 {
                let at = ms
                    .say
                    .iter()
                    .filter(|(t, _)| normalise(t) == key)
                    .nth(before)
                    .map_or(ms.table.key("say"), |(_, span)| span.clone());
                d.warning(at, format!("move `{}` repeats the utterance \"{u}\"", m.id));
            }
        }
    }
}
