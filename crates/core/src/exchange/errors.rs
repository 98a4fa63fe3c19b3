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
    let versions = match kind {
        RESULT_KIND => &crate::versions::RESULT_FILE,
        _ => &crate::versions::SET_FILE,
    };
    check_version(versions, &value)?;
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
    serde_json::from_str(text).map_err(|e| ImportError::Malformed(e.to_string()))
}

/// Checks a document's `schema` with the one versioned reader ([`crate::versions`]), keeping
/// the import errors' variants: a newer version is [`ImportError::FutureSchema`], no version
/// is [`ImportError::NoSchema`], an impossible one is [`ImportError::Malformed`], and one too
/// old to read is [`ImportError::Invalid`] with the reason in plain words.
pub(super) fn check_version(
    kind: &crate::versions::Versioned,
    value: &serde_json::Value,
) -> Result<u32, ImportError> {
    use crate::versions::VersionError;
    kind.check_value(value).map_err(|e| match e {
        VersionError::FromTheFuture { found, .. } => ImportError::FutureSchema(found),
        VersionError::Missing => ImportError::NoSchema,
        VersionError::Invalid(v) => {
            ImportError::Malformed(format!("schema `{v}` is not a version number"))
        }
        e @ VersionError::TooOld { .. } => ImportError::Invalid(e.to_string()),
    })
}
