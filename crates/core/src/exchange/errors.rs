//! Errors: why an imported file or link was refused, and reading a versioned JSON document.

use super::*;
// Errors

/// Why an imported file or link was refused. Its `Display` names the problem in plain words.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    TooLarge(usize),
    Empty,
    Truncated,
    Malformed(String),
    NoSchema,
    FutureSchema(u32),
    WrongKind { expected: String, found: String },
    Invalid(String),
    BadLink,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(
                f,
                "it is too large ({:.1} MB; the limit is 5 MB)",
                *n as f64 / (1024.0 * 1024.0)
            ),
            ImportError::Empty => write!(f, "it is empty"),
            ImportError::Truncated => write!(f, "it is cut short (truncated)"),
            ImportError::Malformed(m) => write!(f, "it is not valid Composure data ({m})"),
            ImportError::NoSchema => write!(f, "it has no schema version"),
            ImportError::FutureSchema(v) => write!(
                f,
                "it uses schema version {v}, made by a newer version of Composure (this one reads {EXCHANGE_SCHEMA})"
            ),
            ImportError::WrongKind { expected, found } => write!(
                f,
                "it is {} {} file, not {} {}",
                article(kind_words(found)),
                kind_words(found),
                article(kind_words(expected)),
                kind_words(expected)
            ),
            ImportError::Invalid(m) => write!(f, "{m}"),
            ImportError::BadLink => write!(f, "the link is damaged (cut short or mistyped)"),
        }
    }
}

/// "a" or "an" before a word, by its first letter.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn kind_words(kind: &str) -> &str {
    match kind {
        SET_KIND => "persona set",
        RESULT_KIND => "assessment result",
        "" => "unknown",
        _ => "different kind of",
    }
}

/// Reads a JSON document of `kind`: size, syntax, schema version and kind are checked first.
pub(super) fn read_doc<T: DeserializeOwned>(text: &str, kind: &str) -> Result<T, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::Malformed(e.to_string())
        }
    })?;
    let schema = match value.get("schema") {
        None => return Err(ImportError::NoSchema),
        Some(v) => v.as_u64().ok_or_else(|| {
            ImportError::Malformed(format!("schema `{v}` is not a version number"))
        })?,
    };
    if schema > u64::from(EXCHANGE_SCHEMA) {
        return Err(ImportError::FutureSchema(
            schema.min(u64::from(u32::MAX)) as u32
        ));
    }
    if schema == 0 {
        return Err(ImportError::Malformed("schema 0 is not a version".into()));
    }
    let found = value
        .get("kind")
        .and_then(|k| k.as_str())
        .unwrap_or("")
        .to_string();
    if found != kind {
        return Err(ImportError::WrongKind {
            expected: kind.into(),
            found,
        });
    }
    serde_json::from_value(value).map_err(|e| ImportError::Malformed(e.to_string()))
}
