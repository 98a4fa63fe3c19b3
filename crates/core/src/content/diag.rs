//! Diagnostics: every problem found in a content file, as `file:line:col: severity: message`.

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

/// One problem in a content file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.col, sev, self.message
        )
    }
}

/// Collects diagnostics for one file, turning byte offsets into lines and columns.
pub struct Diagnostics {
    file: String,
    line_starts: Vec<usize>,
    src_len: usize,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(file: &str, src: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Diagnostics {
            file: file.to_string(),
            line_starts,
            src_len: src.len(),
            items: Vec::new(),
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        self.position(offset).0
    }

    /// 1-based line and column (in bytes) of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.src_len);
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        (line as u32, (offset - start + 1) as u32)
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, message: String) {
        let (line, col) = self.position(span.start);
        self.items.push(Diagnostic {
            file: self.file.clone(),
            line,
            col,
            severity,
            message,
        });
    }

    pub fn error(&mut self, span: Range<usize>, message: String) {
        self.push(Severity::Error, span, message);
    }

    pub fn warning(&mut self, span: Range<usize>, message: String) {
        self.push(Severity::Warning, span, message);
    }

    /// An error at a known 1-based line (column 1).
    pub fn error_at_line(&mut self, line: u32, message: String) {
        self.at_line(Severity::Error, line, message);
    }

    /// A warning at a known 1-based line (column 1).
    pub fn warning_at_line(&mut self, line: u32, message: String) {
        self.at_line(Severity::Warning, line, message);
    }

    fn at_line(&mut self, severity: Severity, line: u32, message: String) {
        self.items.push(Diagnostic {
            file: self.file.clone(),
            line: line.max(1),
            col: 1,
            severity,
            message,
        });
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
