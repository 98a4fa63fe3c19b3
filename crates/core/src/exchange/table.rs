//! The trainer's results table: rows, sorting, CSV, the score distribution.

use super::*;
// The results table

/// The columns of the results table and of the CSV export, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Candidate,
    Set,
    Date,
    Overall,
    Composure,
    Correctness,
    Outcome,
    Responsiveness,
    Result,
    Verified,
    SetStatus,
    TabLeaves,
    Reloads,
    Clock,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Candidate,
        Column::Set,
        Column::Date,
        Column::Overall,
        Column::Composure,
        Column::Correctness,
        Column::Outcome,
        Column::Responsiveness,
        Column::Result,
        Column::Verified,
        Column::SetStatus,
        Column::TabLeaves,
        Column::Reloads,
        Column::Clock,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Candidate => "Candidate",
            Column::Set => "Set",
            Column::Date => "Date",
            Column::Overall => "Overall",
            Column::Composure => "Composure",
            Column::Correctness => "Correctness",
            Column::Outcome => "Outcome",
            Column::Responsiveness => "Responsiveness",
            Column::Result => "Result",
            Column::Verified => "Verified",
            Column::SetStatus => "Set check",
            Column::TabLeaves => "Tab leaves",
            Column::Reloads => "Reloads",
            Column::Clock => "Clock",
        }
    }
}

/// One row of the results table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's result among those loaded (for opening its transcript).
    pub id: usize,
    pub candidate: String,
    pub set: String,
    pub date_ms: f64,
    pub scores: Scores,
    pub passed: bool,
    pub verdict: Verdict,
    pub set_match: SetMatch,
    pub tab_leaves: u32,
    pub reloads: u32,
    /// What looks wrong with the result's clock (see [`clock_flags`]).
    pub clock: Vec<String>,
}

impl Row {
    /// A row for a checked result, matched against the sets this trainer issued.
    pub fn of(
        id: usize,
        c: &Checked,
        lib: &Library,
        issued: &[PersonaSet],
        imported_ms: f64,
    ) -> Row {
        let set_match = match_set(lib, issued, &c.file.set);
        let created = issued
            .iter()
            .find(|s| !s.id.is_empty() && s.id == c.file.set.id)
            .and_then(|s| s.created_ms);
        Row {
            id,
            candidate: display_name(&c.file.candidate),
            set: display_name(&c.file.set.name),
            date_ms: c.file.finished_at_ms,
            scores: c.summary.scores,
            passed: c.summary.passed,
            verdict: c.verdict.clone(),
            set_match,
            tab_leaves: c.file.tab_leaves,
            reloads: c.file.reloads,
            clock: clock_flags(&c.file, created, imported_ms),
        }
    }

    /// Whether the row may show a pass or fail at all: only a verified result of a set as
    /// issued. Every other row shows "—" and the reason.
    pub fn trusted(&self) -> bool {
        self.verdict == Verdict::Verified && self.set_match == SetMatch::AsIssued
    }

    /// The cell's text, as the table and the CSV show it.
    pub fn cell(&self, col: Column) -> String {
        let s = self.scores;
        match col {
            Column::Candidate => self.candidate.clone(),
            Column::Set => self.set.clone(),
            Column::Date => format_date(self.date_ms),
            Column::Overall => s.overall.to_string(),
            Column::Composure => s.composure.to_string(),
            Column::Correctness => s.correctness.to_string(),
            Column::Outcome => s.outcome.to_string(),
            Column::Responsiveness => s.responsiveness.to_string(),
            Column::Result if !self.trusted() => "—".into(),
            Column::Result => if self.passed { "Pass" } else { "Fail" }.into(),
            Column::Verified => self.verdict.text(),
            Column::SetStatus => self.set_match.text(),
            Column::TabLeaves => self.tab_leaves.to_string(),
            Column::Reloads => self.reloads.to_string(),
            Column::Clock if self.clock.is_empty() => "OK".into(),
            Column::Clock => self.clock.join("; "),
        }
    }
}

/// Sorts rows by a column (numbers as numbers, dates as dates, text case-insensitively).
pub fn sort_rows(rows: &mut [Row], col: Column, ascending: bool) {
    rows.sort_by(|a, b| {
        let o = match col {
            Column::Date => a.date_ms.total_cmp(&b.date_ms),
            Column::Overall => a.scores.overall.cmp(&b.scores.overall),
            Column::Composure => a.scores.composure.cmp(&b.scores.composure),
            Column::Correctness => a.scores.correctness.cmp(&b.scores.correctness),
            Column::Outcome => a.scores.outcome.cmp(&b.scores.outcome),
            Column::Responsiveness => a.scores.responsiveness.cmp(&b.scores.responsiveness),
            Column::TabLeaves => a.tab_leaves.cmp(&b.tab_leaves),
            Column::Reloads => a.reloads.cmp(&b.reloads),
            _ => a.cell(col).to_lowercase().cmp(&b.cell(col).to_lowercase()),
        };
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV with the table's columns.
pub fn to_csv(rows: &[Row]) -> String {
    let mut out = Column::ALL
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for r in rows {
        let line = Column::ALL
            .iter()
            .map(|c| csv_field(&r.cell(*c)))
            .collect::<Vec<_>>()
            .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

/// `YYYY-MM-DD HH:MM` (UTC) of a Unix time in milliseconds.
pub fn format_date(ms: f64) -> String {
    if !ms.is_finite() {
        return String::new();
    }
    let secs = (ms / 1000.0).floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// How many overall scores fall in each band of 20 points (0–19, …, 80–100).
pub fn histogram(values: &[u8]) -> [u32; 5] {
    let mut bins = [0u32; 5];
    for v in values {
        bins[(usize::from(*v) / 20).min(4)] += 1;
    }
    bins
}

/// The labels of the histogram's bands.
pub const BANDS: [&str; 5] = ["0–19", "20–39", "40–59", "60–79", "80–100"];

/// The distribution in words: the chart's text alternative.
pub fn histogram_text(values: &[u8]) -> String {
    let bins = histogram(values);
    let parts: Vec<String> = BANDS
        .iter()
        .zip(bins)
        .map(|(b, n)| format!("{b}: {n}"))
        .collect();
    format!(
        "Overall scores of {} result(s) by band: {}.",
        values.len(),
        parts.join(", ")
    )
}

/// Checks a file name or text to show: nothing here is ever HTML, but keep names short.
pub fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).collect::<String>() + "…"
    }
}

/// The campaigns of a library as (id, title), for pickers.
pub fn campaign_choices(lib: &Library) -> Vec<(String, String)> {
    lib.campaigns
        .iter()
        .map(|c| (c.id.to_string(), c.title.to_string()))
        .collect()
}
