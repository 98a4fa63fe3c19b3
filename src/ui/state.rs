//! The app's state, made once by [`crate::ui::App`] and provided to every page with
//! `provide_context` (pages read it with [`use_app`]).
//!
//! It is the one source of truth for what is stored and what plays: the stored packs and persona
//! sets (signals, refreshed after each store call that changes them) and the content library
//! (a memo over the shipped content and the stored packs). Practice, Assessment and Trainer all
//! read the library from here, so a stored pack that no longer loads is missing from all of them
//! alike, and the Trainer lists it with the reason.

use super::content::fetch_shipped;
pub use super::content::{compose, Content, StoredPack, LOADING};
use super::store;
use crate::content::Library;
use crate::exchange::{self, import_pack, PackSource, SetFile};
use leptos::prelude::*;
use std::sync::Arc;

/// How the library is made from the shipped content and the stored packs.
pub type Composer = fn(Result<Arc<Library>, String>, &[(String, PackSource)]) -> Content;

/// The state every page shares. Copy: it is made of signal handles only.
#[derive(Clone, Copy, Debug)]
pub struct AppState {
    /// The packs in storage, as last read. Refreshed by [`AppState::refresh_packs`].
    stored_packs: RwSignal<Vec<(String, PackSource)>>,
    /// The persona sets in storage, as last read. Refreshed by [`AppState::refresh_sets`].
    sets: RwSignal<Vec<(String, SetFile)>>,
    /// The shipped content: `None` while it loads, then the library or why it could not load.
    shipped: RwSignal<Option<Result<Arc<Library>, String>>>,
    /// The library over `shipped` and `stored_packs`.
    content: Memo<Content>,
    /// What reading storage set aside or could not read, in plain words, until dismissed.
    notices: RwSignal<Vec<String>>,
    /// Whether fetching the shipped content has begun (it begins once, see
    /// [`AppState::want_content`]).
    fetching: StoredValue<bool>,
}

/// How long after the app starts the shipped content is fetched when no page has asked for it
/// yet (Home): long enough for the first page to be on screen and answer input before the
/// campaigns are read.
pub const PREFETCH_AFTER_MS: u32 = 800;

impl AppState {
    /// Reads storage once and builds the state; the shipped content is `None` until
    /// [`AppState::set_shipped`] (or [`AppState::provide`], which fetches it). The library is
    /// composed by [`compose`].
    pub fn new() -> Self {
        AppState::with_composer(compose)
    }

    /// As [`AppState::new`], with the library composed by `composer` from the shipped content
    /// and the stored packs: [`compose`] in the whole app; the first-call app passes one that
    /// reads no pack source (`ui::first`), so the TOML loader stays out of its bundle.
    pub fn with_composer(composer: Composer) -> Self {
        let (packs, mut notices) = store::load_packs_reported();
        let (sets, set_notices) = store::load_sets_reported();
        notices.extend(set_notices);
        let stored_packs = RwSignal::new(packs);
        let sets = RwSignal::new(sets);
        let shipped: RwSignal<Option<Result<Arc<Library>, String>>> = RwSignal::new(None);
        let content = Memo::new(move |_| {
            let shipped = shipped.get().unwrap_or_else(|| Err(LOADING.to_string()));
            stored_packs.with(|p| composer(shipped, p.as_slice()))
        });
        AppState {
            shipped,
            stored_packs,
            sets,
            content,
            notices: RwSignal::new(notices.iter().map(|n| n.to_string()).collect()),
            fetching: StoredValue::new(false),
        }
    }

    /// Builds the state (see [`AppState::with_composer`]) and provides it to the component tree
    /// below the current owner. The shipped content is fetched when a page asks for it
    /// ([`AppState::want_content`]), or [`PREFETCH_AFTER_MS`] after the start when none has (so
    /// Home answers input at once and Practice later finds the campaigns there).
    pub fn provide(composer: Composer) -> Self {
        let state = AppState::with_composer(composer);
        provide_context(state);
        #[cfg(target_arch = "wasm32")]
        gloo_timers::callback::Timeout::new(PREFETCH_AFTER_MS, move || state.want_content())
            .forget();
        state
    }

    /// Starts fetching the shipped content, unless that has begun already. Pages that play or
    /// list calls ask for it as they open (`WithContent`).
    pub fn want_content(&self) {
        if self.fetching.get_value() {
            return;
        }
        self.fetching.set_value(true);
        let state = *self;
        leptos::task::spawn_local(async move {
            let shipped = fetch_shipped().await;
            state.set_shipped(shipped);
        });
    }

    /// The shipped content has arrived (or could not): the library follows.
    pub fn set_shipped(&self, shipped: Result<Arc<Library>, String>) {
        self.shipped.set(Some(shipped));
    }

    /// Whether the shipped content has arrived or failed (tracked): pages that play or list
    /// calls wait for it.
    pub fn content_ready(&self) -> bool {
        self.shipped.with(Option::is_some)
    }

    /// The shipped content alone, without stored packs (untracked).
    pub fn shipped_untracked(&self) -> Result<Arc<Library>, String> {
        self.shipped
            .get_untracked()
            .unwrap_or_else(|| Err(LOADING.to_string()))
    }

    /// The library the app plays (tracked).
    pub fn library(&self) -> Result<Arc<Library>, String> {
        self.content.with(|c| c.library.clone())
    }

    /// The library, without subscribing to changes.
    pub fn library_untracked(&self) -> Result<Arc<Library>, String> {
        self.content.with_untracked(|c| c.library.clone())
    }

    /// Every stored pack with its status (tracked).
    pub fn packs(&self) -> Vec<StoredPack> {
        self.content.with(|c| c.packs.clone())
    }

    /// The stored persona sets (tracked).
    pub fn sets(&self) -> Vec<(String, SetFile)> {
        self.sets.get()
    }

    /// Reads the persona sets again after one was saved or removed.
    pub fn refresh_sets(&self) {
        let (sets, notices) = store::load_sets_reported();
        self.sets.set(sets);
        self.report(notices.iter().map(|n| n.to_string()));
    }

    /// Reads the packs again after one was saved or removed; the library follows.
    pub fn refresh_packs(&self) {
        let (packs, notices) = store::load_packs_reported();
        self.stored_packs.set(packs);
        self.report(notices.iter().map(|n| n.to_string()));
    }

    /// What storage set aside or could not read (tracked): every set-aside is reported.
    pub fn notices(&self) -> Vec<String> {
        self.notices.get()
    }

    /// Adds messages about stored data to [`AppState::notices`] (each once).
    pub fn report(&self, messages: impl IntoIterator<Item = String>) {
        let new: Vec<String> = messages.into_iter().collect();
        if new.is_empty() {
            return;
        }
        self.notices.update(|n| {
            for m in new {
                if !n.contains(&m) {
                    n.push(m);
                }
            }
        });
    }

    /// The user has read the notices.
    pub fn dismiss_notices(&self) {
        self.notices.set(Vec::new());
    }

    /// Validates and stores the packs a set or result embeds, all or nothing, and refreshes
    /// the library.
    pub fn install_packs(&self, packs: &[PackSource]) -> Result<(), String> {
        if packs.is_empty() {
            return Ok(());
        }
        let shipped = self.shipped_untracked()?;
        let ids: Vec<String> = shipped.campaigns.iter().map(|c| c.id.to_string()).collect();
        let mut ok = Vec::new();
        for p in packs {
            let r = import_pack(&shipped, &ids, &p.file, &p.source);
            match r.accepted {
                Some((id, _)) => ok.push((id, p)),
                None => {
                    return Err(format!(
                        "the pack it carries ({}) is not valid: {}",
                        exchange::short(&p.file, 60),
                        r.refused.unwrap_or_default()
                    ))
                }
            }
        }
        let saved = ok
            .into_iter()
            .try_for_each(|(id, p)| store::save_pack(&id, p));
        // Whatever was stored before a failure is in storage: the library shows it as it is.
        self.refresh_packs();
        saved
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// The state provided by [`crate::ui::App`]. Panics outside of it (a programming error, not
/// something a user can cause).
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
