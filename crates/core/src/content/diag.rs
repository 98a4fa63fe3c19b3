//! Diagnostics: every problem found in a content file, as `file:line:col: severity: message`,
//! each with the range of source text it is about.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// How bad a problem is. Any error makes a pack unusable; warnings are advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a content file, about a range of its source text.
///
/// Positions are 1-based; columns count bytes from the start of the line. The range runs from
/// (`line`, `col`), its first character, to (`end_line`, `end_col`), the position just *after*
/// its last character: the end is exclusive, as in an editor's selection. A diagnostic about no
/// text in particular (the file is too long, a table is missing) is a point: its end equals its
/// start. Invariant for a diagnostic the loader made: (`end_line`, `end_col`) is not before
/// (`line`, `col`). Data written before ranges existed reads back with an end of `0:0`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    /// The line of the position just after the range (1-based; 0 when unknown).
    #[serde(default)]
    pub end_line: u32,
    /// The column of the position just after the range (1-based, in bytes; 0 when unknown).
    #[serde(default)]
    pub end_col: u32,
    pub severity: Severity,
    pub message: String,
}

impl Severity {
    /// The word a diagnostic prints: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Diagnostic {
    /// A diagnostic at one position (an empty range).
    pub fn at(file: &str, line: u32, col: u32, severity: Severity, message: String) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            col,
            end_line: line,
            end_col: col,
            severity,
            message,
        }
    }

    /// The range as `line:col-end_line:end_col` (the end exclusive).
    pub fn range(&self) -> String {
        format!(
            "{}:{}-{}:{}",
            self.line, self.col, self.end_line, self.end_col
        )
    }

    /// The diagnostic with its full range and without the file name:
    /// `line:col-end_line:end_col: severity: message`.
    pub fn with_range(&self) -> String {
        format!(
            "{}: {}: {}",
            self.range(),
            self.severity.as_str(),
            self.message
        )
    }

    /// The source line the diagnostic starts on, then a caret line under it: blank space up to
    /// the start column and a `^` under each character of the range on that line, as compilers
    /// show it. Tabs before the column are kept in the caret line, so it lines up under a
    /// tab-indented line; a range that runs on to later lines is marked to the end of its first
    /// line, and a point (or a range at the line's end) gets one `^`. Columns count bytes, so a
    /// column inside a multi-byte character is taken as that character. Empty when `src` has
    /// no such line (a diagnostic about no line, or about another text).
    pub fn excerpt(&self, src: &str) -> String {
        let Some(text) = (self.line as usize)
            .checked_sub(1)
            .and_then(|i| src.split('\n').nth(i))
        else {
            return String::new();
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        let byte = |col: u32| {
            let mut i = (col.max(1) as usize - 1).min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = byte(self.col);
        let end = if self.end_line > self.line {
            text.len()
        } else if self.end_line == self.line {
            byte(self.end_col).max(start)
        } else {
            start
        };
        let mut caret: String = text[..start]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let marks = text[start..end].chars().count().max(1);
        caret.extend(std::iter::repeat_n('^', marks));
        format!("{text}\n{caret}")
    }
}

/// `file:line:col: severity: message`: the start of the range only, as compilers print it.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file,
            self.line,
            self.col,
            self.severity.as_str(),
            self.message
        )
    }
}

/// Collects diagnostics for one file, turning byte ranges into lines and columns.
///
/// It keeps a copy of the source so that ranges can be trimmed of the blank space around them
/// and a whole line can be reported.
pub struct Diagnostics {
    file: String,
    src: String,
    line_starts: Vec<usize>,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: &str, src: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Diagnostics {
            file: file.to_string(),
            src: src.to_string(),
            line_starts,
            items: Vec::new(),
        }
    }

    /// The source the diagnostics are about.
    pub fn source(&self) -> &str {
        &self.src
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.position(offset).0
    }

    /// 1-based line and column (in bytes) of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src.len());
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        (line as u32, (offset - start + 1) as u32)
    }

    /// The byte range of a 1-based line's text, without the blank space around it (an empty
    /// range at the line's start when it is blank, the end of the file past its last line).
    pub fn line_span(&self, line: u32) -> Range<usize> {
        let i = (line.max(1) as usize - 1).min(self.line_starts.len() - 1);
        let start = self.line_starts[i];
        let end = self
            .line_starts
            .get(i + 1)
            .map(|s| s - 1)
            .unwrap_or(self.src.len());
        self.trim(start..end)
    }

    /// `span` within the source, without blank space at either end (unless that leaves nothing).
    fn trim(&self, span: Range<usize>) -> Range<usize> {
        let end = span.end.min(self.src.len());
        let start = span.start.min(end);
        let Some(text) = self.src.get(start..end) else {
            return start..end;
        };
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        if lead + trail >= text.len() {
            start..end
        } else {
            start + lead..end - trail
        }
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, message: String) {
        let span = self.trim(span);
        let (line, col) = self.position(span.start);
        let (end_line, end_col) = self.position(span.end);
        self.items.push(Diagnostic {
            file: self.file.clone(),
            line,
            col,
            end_line,
            end_col,
            severity,
            message,
        });
    }

    /// An error about a byte range of the source (an empty range is a point).
    pub fn error(&mut self, span: Range<usize>, message: String) {
        self.push(Severity::Error, span, message);
    }

    /// A warning about a byte range of the source.
    pub fn warning(&mut self, span: Range<usize>, message: String) {
        self.push(Severity::Warning, span, message);
    }

    /// An error about a whole 1-based line (its text, without the blank space around it).
    pub fn error_at_line(&mut self, line: u32, message: String) {
        let span = self.line_span(line);
        self.push(Severity::Error, span, message);
    }

    /// A warning about a whole 1-based line.
    pub fn warning_at_line(&mut self, line: u32, message: String) {
        let span = self.line_span(line);
        self.push(Severity::Warning, span, message);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics, sorted by position.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.items.sort_by_key(|d| (d.line, d.col, d.severity));
        self.items
    }
}
