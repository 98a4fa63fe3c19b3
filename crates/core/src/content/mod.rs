//! Content as validated data: campaign packs and the customer file.
//!
//! This is the bottom layer of the core: the data model ([`Campaign`], [`Customers`], …), its
//! loading from TOML and the structural checks. It imports nothing else of the crate.
//!
//! [`parse_pack`] and [`load_customers`] never panic: they return the content (when it has no
//! errors) together with every diagnostic found, as `file:line:col: severity: message`.
//! `crate::lint::load_pack` adds the model playthrough (which needs the simulation); it is the
//! one loader for the shipped packs (in tests) and a trainer's imported pack (in the app), so the
//! two can never drift apart.

pub mod compiled;
mod diag;
mod load;
mod model;
pub mod names;
mod validate;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use load::{FORMAT, MAX_SOURCE_BYTES, MAX_TEXT_CHARS};
pub use model::*;
pub use validate::{check_library, word_count, LENGTH_MARGIN_PERCENT, MAX_MODEL_WORDS};

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

/// Loads one campaign pack and checks it against the customer file: syntax, fields, references
/// and structure, but no playthrough (that is `crate::lint::load_pack`). Used alone for
/// content already played through: the shipped packs at app start (the test suite lints the same
/// files) and stored packs that were linted when they were imported.
pub fn parse_pack(file: &str, src: &str, customers: &Arc<Customers>) -> Loaded<Arc<Campaign>> {
    let mut d = Diagnostics::new(file, src);
    let campaign = load::read_pack(&mut d, src);
    let Some((mut c, spans)) = campaign else {
        return Loaded {
            value: None,
            diagnostics: d.finish(),
        };
    };
    c.file = Arc::from(file);
    validate::check_structure(&mut d, &c, &spans, customers);
    if d.has_errors() {
        return Loaded {
            value: None,
            diagnostics: d.finish(),
        };
    }
    Loaded {
        value: Some(Arc::new(c)),
        diagnostics: d.finish(),
    }
}

/// The packs shipped with the app, embedded at build time: (file name, source).
pub const SHIPPED_PACKS: &[(&str, &str)] = &[
    (
        "content/packs/northgate-bank.toml",
        include_str!("../../../../content/packs/northgate-bank.toml"),
    ),
    (
        "content/packs/fibrelink-followup.toml",
        include_str!("../../../../content/packs/fibrelink-followup.toml"),
    ),
    (
        "content/packs/fieldline-survey.toml",
        include_str!("../../../../content/packs/fieldline-survey.toml"),
    ),
    (
        "content/packs/riverside-reminder.toml",
        include_str!("../../../../content/packs/riverside-reminder.toml"),
    ),
    (
        "content/packs/volta-complaints.toml",
        include_str!("../../../../content/packs/volta-complaints.toml"),
    ),
];

/// The shipped customer file: (file name, source).
pub const SHIPPED_CUSTOMERS: (&str, &str) = (
    "content/customers.toml",
    include_str!("../../../../content/customers.toml"),
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

    /// The ids among `ids` that name no campaign here (yet: the app's library grows as
    /// campaigns arrive).
    pub fn missing<'a>(&self, ids: &'a [String]) -> Vec<&'a str> {
        ids.iter()
            .map(String::as_str)
            .filter(|id| self.campaign(id).is_none())
            .collect()
    }

    /// The shipped content without the model playthroughs (`crate::lint::shipped` adds them,
    /// and the test suite runs it on the same files): what the app loads at start. Errors here
    /// are a build defect, but they are still returned rather than panicking.
    pub fn shipped() -> Result<Library, Vec<Diagnostic>> {
        Self::parse_sources(SHIPPED_CUSTOMERS, SHIPPED_PACKS, parse_pack)
    }

    /// Loads a customer file and packs from source text, each pack with `load` (this module's
    /// [`parse_pack`], or `crate::lint::load_pack` to play them through as well).
    pub fn parse_sources(
        customers: (&str, &str),
        packs: &[(&str, &str)],
        load: fn(&str, &str, &Arc<Customers>) -> Loaded<Arc<Campaign>>,
    ) -> Result<Library, Vec<Diagnostic>> {
        let loaded = load_customers(customers.0, customers.1);
        let mut errors: Vec<Diagnostic> = loaded.errors().cloned().collect();
        let Some(customers) = loaded.value.map(Arc::new) else {
            return Err(errors);
        };
        let mut campaigns = Vec::new();
        for (file, src) in packs {
            let l = load(file, src, &customers);
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
