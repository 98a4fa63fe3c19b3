//! Content as validated data: campaign packs and the customer file.
//!
//! [`load_pack`] and [`load_customers`] never panic: they return the content (when it has no
//! errors) together with every diagnostic found, as `file:line:col: severity: message`. The same
//! loader checks the shipped packs (in tests and when the app starts) and a trainer's imported
//! pack (in the app), so the two can never drift apart.

mod diag;
mod load;
mod model;
mod validate;

pub use diag::{Diagnostic, Severity};
pub use load::{FORMAT, MAX_SOURCE_BYTES, MAX_TEXT_CHARS};
pub use model::*;
pub use validate::{check_library, word_count, LENGTH_MARGIN_PERCENT, MAX_MODEL_WORDS};

use diag::Diagnostics;
use std::sync::Arc;

/// Content that loaded, or did not, with everything the validator said about it.
#[derive(Debug)]
pub struct Loaded<T> {
    /// Present only when there were no errors (warnings are allowed).
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// Loads the customer file.
pub fn load_customers(file: &str, src: &str) -> Loaded<Customers> {
    let mut d = Diagnostics::new(file, src);
    let value = load::read_customers(&mut d, src);
    let ok = !d.has_errors();
    Loaded {
        value: value.filter(|_| ok),
        diagnostics: d.finish(),
    }
}

/// Loads and validates one campaign pack against the customer file: syntax, fields,
/// references, structure, and a playthrough by a model agent against every archetype.
pub fn load_pack(file: &str, src: &str, customers: &Arc<Customers>) -> Loaded<Arc<Campaign>> {
    load_pack_checked(file, src, customers, true)
}

/// As [`load_pack`], but `play_check = false` skips the model playthroughs: for the shipped
/// packs at app start, which the test suite has already played through.
pub fn load_pack_checked(
    file: &str,
    src: &str,
    customers: &Arc<Customers>,
    play_check: bool,
) -> Loaded<Arc<Campaign>> {
    let mut d = Diagnostics::new(file, src);
    let campaign = load::read_pack(&mut d, src);
    let campaign_line = src.find("[campaign]").map(|i| d.line_of(i)).unwrap_or(1);
    let Some(mut c) = campaign else {
        return Loaded {
            value: None,
            diagnostics: d.finish(),
        };
    };
    c.file = Arc::from(file);
    validate::check_structure(&mut d, &c, customers, campaign_line);
    if d.has_errors() {
        return Loaded {
            value: None,
            diagnostics: d.finish(),
        };
    }
    let c = Arc::new(c);
    if play_check {
        validate::check_playable(&mut d, &c, customers, campaign_line);
    }
    let ok = !d.has_errors();
    Loaded {
        value: Some(c).filter(|_| ok),
        diagnostics: d.finish(),
    }
}

/// The packs shipped with the app, embedded at build time: (file name, source).
pub const SHIPPED_PACKS: &[(&str, &str)] = &[
    (
        "content/packs/northgate-bank.toml",
        include_str!("../../content/packs/northgate-bank.toml"),
    ),
    (
        "content/packs/fibrelink-followup.toml",
        include_str!("../../content/packs/fibrelink-followup.toml"),
    ),
    (
        "content/packs/fieldline-survey.toml",
        include_str!("../../content/packs/fieldline-survey.toml"),
    ),
    (
        "content/packs/riverside-reminder.toml",
        include_str!("../../content/packs/riverside-reminder.toml"),
    ),
    (
        "content/packs/volta-complaints.toml",
        include_str!("../../content/packs/volta-complaints.toml"),
    ),
];

/// The shipped customer file: (file name, source).
pub const SHIPPED_CUSTOMERS: (&str, &str) = (
    "content/customers.toml",
    include_str!("../../content/customers.toml"),
);

/// Every campaign the app knows, with the customers they are played against.
#[derive(Clone, Debug)]
pub struct Library {
    pub customers: Arc<Customers>,
    pub campaigns: Vec<Arc<Campaign>>,
}

impl Library {
    /// The campaign with this id.
    pub fn campaign(&self, id: &str) -> Option<&Arc<Campaign>> {
        self.campaigns.iter().find(|c| &*c.id == id)
    }

    /// Loads the shipped content. Errors here are a build defect (the test suite lints the
    /// same files), but they are still returned rather than panicking.
    pub fn shipped() -> Result<Library, Vec<Diagnostic>> {
        Self::from_sources(SHIPPED_CUSTOMERS, SHIPPED_PACKS, true)
    }

    /// The shipped content without the model playthroughs (which `cargo test` runs on the
    /// same files): what the app loads at start, to start fast.
    pub fn shipped_fast() -> Result<Library, Vec<Diagnostic>> {
        Self::from_sources(SHIPPED_CUSTOMERS, SHIPPED_PACKS, false)
    }

    /// Loads a customer file and packs from source text.
    pub fn from_sources(
        customers: (&str, &str),
        packs: &[(&str, &str)],
        play_check: bool,
    ) -> Result<Library, Vec<Diagnostic>> {
        let loaded = load_customers(customers.0, customers.1);
        let mut errors: Vec<Diagnostic> = loaded.errors().cloned().collect();
        let Some(customers) = loaded.value.map(Arc::new) else {
            return Err(errors);
        };
        let mut campaigns = Vec::new();
        for (file, src) in packs {
            let l = load_pack_checked(file, src, &customers, play_check);
            errors.extend(l.errors().cloned());
            if let Some(c) = l.value {
                campaigns.push(c);
            }
        }
        if errors.is_empty() {
            Ok(Library {
                customers,
                campaigns,
            })
        } else {
            Err(errors)
        }
    }
}

/// The content hash a record carries: the pack's and the customer file's source hashes
/// combined, as 16 hex digits.
pub fn content_hash(campaign: &Campaign, customers: &Customers) -> String {
    let mut bytes = campaign.source_hash.to_le_bytes().to_vec();
    bytes.extend_from_slice(&customers.source_hash.to_le_bytes());
    format!("{:016x}", fnv1a(&bytes))
}
