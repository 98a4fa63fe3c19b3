//! The shipped content, compiled at build time: validated once, read by the app as data.
//!
//! `composure compile` (the CLI) loads the customer file and every shipped pack through the
//! full validator and the model playthrough (`crate::lint`), then writes them with [`compile`]:
//!
//! - a **catalog** (`packs/index.json`): the compiled-content version, the customer file (small,
//!   needed by every call) and one [`Entry`] per campaign: its id and title, where its data file
//!   is, and the hashes that identify it;
//! - one **data file** per campaign (`packs/ID-HASH.json`): the validated [`Campaign`] as JSON.
//!   Its name carries a hash of its bytes, so a browser or service worker may cache it forever.
//!
//! The app fetches the catalog at start and a campaign's data file when it first needs it, and
//! reads them with [`read_catalog`] and [`read_campaign`]: no TOML parsing and no validation in
//! the browser. A data file is checked against the hash the catalog gives for its bytes before
//! it is read, so a damaged or mismatched file is refused with a message rather than trusted;
//! the invariants written on the model types hold because only validated content is compiled.
//!
//! **The content hash is unchanged.** A campaign keeps the `source_hash` of its TOML text and
//! the customer file keeps its own, so [`super::content_hash`] (what results carry and verify)
//! gives the same value for a compiled campaign as for the same pack parsed from TOML. The
//! TOML text itself is not shipped (`Campaign::source` is empty in compiled form).
//!
//! JSON, through serde_json, because the app already carries serde_json for every file it
//! exchanges: the compiled form adds no decoder to the bundle, gzip takes most of the
//! repetition of field names away, and the files stay readable when something goes wrong.

use super::{fnv1a, Campaign, Customers, Library, Text};
use crate::versions::{self, VersionError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where the catalog is, relative to the app's root (the data files sit beside it).
pub const CATALOG_PATH: &str = "packs/index.json";

/// The catalog of the compiled content.
///
/// Invariant: entry ids are unique, and each entry's `href` names a data file written in the
/// same [`compile`] run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// [`versions::COMPILED`].
    pub schema: u32,
    /// The customer file's name (for messages).
    pub customers_file: Text,
    pub customers: Arc<Customers>,
    pub campaigns: Vec<Entry>,
}

/// One compiled campaign in the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Text,
    pub title: Text,
    /// The pack's file name in the repository (`content/packs/ID.toml`), as diagnostics,
    /// exports and results name it.
    pub file: Text,
    /// The data file, relative to the app's root (`packs/ID-HASH.json`).
    pub href: String,
    /// FNV-1a 64 of the TOML source, as 16 hex digits: the campaign's `source_hash`.
    pub source_hash: String,
    /// FNV-1a 64 of the data file's bytes, as 16 hex digits.
    pub data_hash: String,
    /// The data file's size in bytes.
    pub bytes: usize,
}

/// The files [`compile`] writes: (path relative to the app's root, contents). The catalog
/// comes first.
pub type Files = Vec<(String, String)>;

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

/// Writes the compiled form of a validated library: the catalog and one data file per
/// campaign. The caller validates first (`crate::lint::shipped` or the CLI's loader).
pub fn compile(lib: &Library, customers_file: &str) -> Result<Files, String> {
    let mut files = Vec::with_capacity(lib.campaigns.len() + 1);
    let mut entries = Vec::with_capacity(lib.campaigns.len());
    for c in &lib.campaigns {
        let json = serde_json::to_string(&**c).map_err(|e| format!("{}: {e}", c.file))?;
        let data_hash = hex(fnv1a(json.as_bytes()));
        let href = format!("packs/{}-{}.json", c.id, &data_hash[..8]);
        entries.push(Entry {
            id: c.id.clone(),
            title: c.title.clone(),
            file: c.file.clone(),
            href: href.clone(),
            source_hash: hex(c.source_hash),
            data_hash,
            bytes: json.len(),
        });
        files.push((href, json));
    }
    let catalog = Catalog {
        schema: versions::COMPILED.current,
        customers_file: Text::from(customers_file),
        customers: lib.customers.clone(),
        campaigns: entries,
    };
    let json = serde_json::to_string(&catalog).map_err(|e| format!("catalog: {e}"))?;
    files.insert(0, (CATALOG_PATH.to_string(), json));
    Ok(files)
}

/// Why compiled content could not be read, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompiledError {
    /// Not JSON of the expected shape.
    Damaged(String),
    /// Its version is not one this build reads.
    Version(VersionError),
    /// A data file whose bytes are not the ones the catalog names.
    Mismatch(String),
}

impl std::fmt::Display for CompiledError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompiledError::Damaged(why) => write!(f, "the built-in content is damaged ({why})"),
            CompiledError::Version(e) => write!(f, "the built-in content cannot be read: {e}"),
            CompiledError::Mismatch(what) => write!(
                f,
                "the built-in content is from another version of the app ({what}); reload the page"
            ),
        }
    }
}

/// Reads the catalog, checking its version first.
pub fn read_catalog(json: &str) -> Result<Catalog, CompiledError> {
    let doc: serde_json::Value =
        serde_json::from_str(json).map_err(|e| CompiledError::Damaged(e.to_string()))?;
    versions::COMPILED
        .check_value(&doc)
        .map_err(CompiledError::Version)?;
    let catalog: Catalog =
        serde_json::from_str(json).map_err(|e| CompiledError::Damaged(e.to_string()))?;
    for (i, e) in catalog.campaigns.iter().enumerate() {
        if catalog.campaigns[..i].iter().any(|o| o.id == e.id) {
            return Err(CompiledError::Damaged(format!("campaign `{}` twice", e.id)));
        }
    }
    Ok(catalog)
}

/// Reads one campaign's data file, after checking that its bytes are the ones `entry` names
/// (and so the validated content [`compile`] wrote).
pub fn read_campaign(entry: &Entry, json: &str) -> Result<Arc<Campaign>, CompiledError> {
    if hex(fnv1a(json.as_bytes())) != entry.data_hash {
        return Err(CompiledError::Mismatch(format!("{} changed", entry.href)));
    }
    let mut c: Campaign =
        serde_json::from_str(json).map_err(|e| CompiledError::Damaged(e.to_string()))?;
    if c.id != entry.id || hex(c.source_hash) != entry.source_hash {
        return Err(CompiledError::Mismatch(format!(
            "{} is not campaign `{}`",
            entry.href, entry.id
        )));
    }
    c.file = entry.file.clone();
    Ok(Arc::new(c))
}

impl Library {
    /// The library of a catalog and the campaigns read so far, in catalog order.
    pub fn compiled(catalog: &Catalog, loaded: &[Arc<Campaign>]) -> Library {
        Library {
            customers: catalog.customers.clone(),
            campaigns: catalog
                .campaigns
                .iter()
                .filter_map(|e| loaded.iter().find(|c| c.id == e.id).cloned())
                .collect(),
        }
    }
}
