//! The content the app plays: the shipped campaigns (compiled at build time and fetched as
//! pages need them, `content::compiled`; the loader is `AppState::want`) composed with the packs
//! stored in this browser, and for each stored pack whether it made it into the library and, if
//! not, why.

use super::browser::fetch_text;
use super::store::{Key, PracticeStart};
use crate::content::compiled::{read_campaign, read_catalog, Catalog, Entry, CATALOG_PATH};
use crate::content::{parse_pack, Campaign, Library};
use crate::exchange::{compose_library, PackSource};
use std::sync::Arc;

/// A pack kept in this browser, and whether it is part of the library.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPack {
    /// Its storage key (`composure.pack.ID`).
    pub key: String,
    pub pack: PackSource,
    /// `Ok` when the pack's campaign is in the library; otherwise why it is not, in words.
    pub status: Result<(), String>,
}

impl StoredPack {
    /// The campaign id the pack was stored under (the store reads its key; the page never
    /// spells one).
    pub fn id(&self) -> String {
        match Key::parse(&self.key) {
            Some(Key::Pack(id)) => id,
            _ => self.key.clone(),
        }
    }
}

/// The content as composed from the shipped packs and the stored ones.
///
/// Invariant: a stored pack has `status: Ok` exactly when the library holds a campaign with its
/// file name and source (both are derived from the same composition, never computed apart).
#[derive(Clone, Debug)]
pub struct Content {
    /// The library the app plays, or why the shipped content could not be loaded.
    pub library: Result<Arc<Library>, String>,
    /// Every stored pack, in storage order.
    pub packs: Vec<StoredPack>,
}

impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        let same_lib = match (&self.library, &other.library) {
            (Ok(a), Ok(b)) => Arc::ptr_eq(a, b),
            (Err(a), Err(b)) => a == b,
            _ => false,
        };
        same_lib && self.packs == other.packs
    }
}

/// Composes the library from the shipped content and the stored packs, and tells for each
/// stored pack whether it made it in.
pub fn compose(shipped: Result<Arc<Library>, String>, stored: &[(String, PackSource)]) -> Content {
    let shipped = match shipped {
        Ok(s) => s,
        Err(e) => {
            return Content {
                packs: not_loaded(stored, "the built-in content could not be loaded"),
                library: Err(e),
            }
        }
    };
    if stored.is_empty() {
        return Content {
            library: Ok(shipped),
            packs: Vec::new(),
        };
    }
    let sources: Vec<PackSource> = stored.iter().map(|(_, p)| p.clone()).collect();
    let (lib, _) = compose_library(&shipped, &sources);
    let packs = stored
        .iter()
        .map(|(key, pack)| {
            let loaded = lib
                .campaigns
                .iter()
                .any(|c| *c.file == *pack.file && *c.source == *pack.source);
            StoredPack {
                key: key.clone(),
                pack: pack.clone(),
                status: if loaded {
                    Ok(())
                } else {
                    Err(why_left_out(&shipped, pack))
                },
            }
        })
        .collect();
    Content {
        library: Ok(Arc::new(lib)),
        packs,
    }
}

/// The library of the first-call app (`ui::first`): the shipped content only. That app runs
/// only where no pack is stored (it hands over to the whole app otherwise), so a stored pack
/// seen here arrived from another tab since; it is listed as not loaded, and the whole app
/// loads it. Reads no pack source, so no TOML parser comes into that app's bundle.
pub fn shipped_only(
    shipped: Result<Arc<Library>, String>,
    stored: &[(String, PackSource)],
) -> Content {
    Content {
        packs: not_loaded(
            stored,
            "it was imported in another tab: reload the page to use it",
        ),
        library: shipped,
    }
}

/// Every stored pack, each left out of the library for the same reason.
fn not_loaded(stored: &[(String, PackSource)], why: &str) -> Vec<StoredPack> {
    stored
        .iter()
        .map(|(key, pack)| StoredPack {
            key: key.clone(),
            pack: pack.clone(),
            status: Err(why.to_string()),
        })
        .collect()
}

/// Why [`compose_library`] left a pack out, in words.
fn why_left_out(shipped: &Library, pack: &PackSource) -> String {
    let loaded = parse_pack(&pack.file, &pack.source, &shipped.customers);
    match &loaded.value {
        None => loaded
            .errors()
            .next()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "it has errors".into()),
        Some(c) if shipped.campaign(&c.id).is_some() => {
            format!("its id `{}` is the id of a built-in campaign", c.id)
        }
        Some(c) => format!("a pack stored later has the same id `{}`", c.id),
    }
}

/// What a page shows while the built-in content is on its way.
pub const LOADING: &str = "The calls are loading…";

/// Why the built-in content could not be loaded, in words.
fn failed(why: impl std::fmt::Display) -> String {
    format!("The built-in content could not be loaded: {why}.")
}

/// Fetches and reads the catalog of the compiled shipped content (`content::compiled`).
pub(super) async fn fetch_catalog() -> Result<Catalog, String> {
    let text = fetch_text(CATALOG_PATH).await.map_err(failed)?;
    read_catalog(&text).map_err(failed)
}

/// Fetches these campaigns' data files at once, then reads them one per task (the page keeps
/// answering input while the others are read; no wait after the last). All or nothing.
pub(super) async fn fetch_campaigns(entries: &[Entry]) -> Result<Vec<Arc<Campaign>>, String> {
    let texts = futures::future::join_all(entries.iter().map(|e| fetch_text(&e.href))).await;
    let mut read = Vec::with_capacity(texts.len());
    for (entry, text) in entries.iter().zip(texts) {
        #[cfg(target_arch = "wasm32")]
        if !read.is_empty() {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        read.push(read_campaign(entry, &text.map_err(failed)?).map_err(failed)?);
    }
    Ok(read)
}

/// The campaign a first practice call plays: the one the stored settings name, when the
/// catalog has it, or else the catalog's first (as the practice page itself decides,
/// `practice::keep::initial_prefs`).
pub(super) fn first_call_campaign(catalog: &Catalog, start: &PracticeStart) -> Option<Entry> {
    let named = start
        .campaign
        .as_deref()
        .and_then(|id| catalog.campaigns.iter().find(|e| *e.id == *id));
    named.or(catalog.campaigns.first()).cloned()
}
