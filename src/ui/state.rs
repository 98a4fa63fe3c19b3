//! The app's state, made once by [`crate::ui::App`] and provided to every page with
//! `provide_context` (pages read it with [`use_app`]).
//!
//! It is the one source of truth for what is stored and what plays: the stored packs and persona
//! sets (signals, refreshed after each store call that changes them) and the content library
//! (a memo over the shipped content and the stored packs). Practice, Assessment and Trainer all
//! read the library from here, so a stored pack that no longer loads is missing from all of them
//! alike, and the Trainer lists it with the reason.

pub use super::content::{compose, Content, StoredPack, LOADING};
use super::content::{fetch_campaigns, fetch_catalog, first_call_campaign};
use super::store;
use crate::content::compiled::Catalog;
use crate::content::{Campaign, Library};
use crate::exchange::{self, import_pack, PackSource, SetFile};
use leptos::prelude::*;
use std::sync::Arc;

/// How the library is made from the shipped content and the stored packs.
pub type Composer = fn(Result<Arc<Library>, String>, &[(String, PackSource)]) -> Content;

/// What a page needs of the built-in content before it shows (`WithContent`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Need {
    /// Every campaign: pages that list, mix or replay any of them.
    #[default]
    All,
    /// The catalog and the customer file: the page shows while the campaign a first practice
    /// call plays (the one the stored settings name, or the catalog's first) is read; the
    /// others are fetched when something asks for them.
    FirstCall,
}

/// Where fetching the built-in content stands. Only the loader's own steps change it.
#[derive(Clone, Debug, Default)]
struct Loading {
    /// The catalog has been asked for (this happens once).
    started: bool,
    /// Some page needs every campaign.
    all_wanted: bool,
    /// The first step (the catalog, and the first call's campaign unless all were wanted) is
    /// done.
    first_done: bool,
    /// The campaigns not yet read are being fetched.
    rest_running: bool,
    /// The first call's campaign, while the first step fetches and reads it.
    arriving: Option<String>,
}

/// The state every page shares. Copy: it is made of signal handles only.
#[derive(Clone, Copy, Debug)]
pub struct AppState {
    /// The packs in storage, as last read. Refreshed by [`AppState::refresh_packs`].
    stored_packs: RwSignal<Vec<(String, PackSource)>>,
    /// The persona sets in storage, as last read. Refreshed by [`AppState::refresh_sets`].
    sets: RwSignal<Vec<(String, SetFile)>>,
    /// The shipped content: `None` until the campaigns a page asked for have been read, then
    /// the library of the campaigns read so far (it grows, see [`Need`]) or why the content
    /// could not load.
    shipped: RwSignal<Option<Result<Arc<Library>, String>>>,
    /// The catalog of the built-in campaigns, once fetched.
    catalog: RwSignal<Option<Arc<Catalog>>>,
    /// Every built-in campaign has been read.
    complete: RwSignal<bool>,
    /// Why the campaigns after the first call's could not be fetched (cleared when asked again).
    rest_failed: RwSignal<Option<String>>,
    loading: StoredValue<Loading>,
    /// The library over `shipped` and `stored_packs`.
    content: Memo<Content>,
    /// What reading storage set aside or could not read, in plain words, until dismissed.
    notices: RwSignal<Vec<String>>,
}

/// How long after the app starts the shipped content is fetched when no page has asked for it
/// yet (Home): long enough for the first page to be on screen and answer input before the
/// campaigns are read.
pub const PREFETCH_AFTER_MS: u32 = 800;

impl AppState {
    /// Reads storage once and builds the state; the shipped content is `None` until
    /// [`AppState::set_shipped`] (or [`AppState::want`], which fetches it). The library is
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
            catalog: RwSignal::new(None),
            complete: RwSignal::new(false),
            rest_failed: RwSignal::new(None),
            loading: StoredValue::new(Loading::default()),
            content,
            notices: RwSignal::new(notices.iter().map(|n| n.to_string()).collect()),
        }
    }

    /// Builds the state (see [`AppState::with_composer`]) and provides it to the component tree
    /// below the current owner. The shipped content is fetched when a page asks for it
    /// ([`AppState::want`]), or [`PREFETCH_AFTER_MS`] after the start when none has, as much of
    /// it as `prefetch` says (so Home answers input at once and Practice later finds its
    /// campaign there).
    pub fn provide(composer: Composer, prefetch: Need) -> Self {
        let state = AppState::with_composer(composer);
        provide_context(state);
        #[cfg(target_arch = "wasm32")]
        gloo_timers::callback::Timeout::new(PREFETCH_AFTER_MS, move || state.want(prefetch))
            .forget();
        #[cfg(not(target_arch = "wasm32"))]
        let _ = prefetch;
        state
    }

    /// Fetches what `need` says of the built-in content, unless that is under way or done:
    /// first the catalog (once), then the first call's campaign or every campaign; a later
    /// `Need::All` fetches the campaigns not read yet (again, if that failed before).
    pub fn want(&self, need: Need) {
        let complete = self.complete.get_untracked();
        let mut first = false;
        let mut rest = false;
        self.loading.update_value(|l| {
            if need == Need::All {
                l.all_wanted = true;
            }
            if !l.started {
                l.started = true;
                first = true;
            } else if l.all_wanted && l.first_done && !l.rest_running && !complete {
                l.rest_running = true;
                rest = true;
            }
        });
        let state = *self;
        if first {
            leptos::task::spawn_local(async move { state.load().await });
        } else if rest {
            // Cleared now, not when the task runs: a page that waits for the rest must not read
            // the last attempt's failure as this one's.
            self.rest_failed.set(None);
            leptos::task::spawn_local(async move { state.load_rest().await });
        }
    }

    /// The loader's first step: the catalog, then the first call's campaign (or, when every
    /// campaign is wanted already, all of them).
    ///
    /// For the first call, the library of the catalog alone (the customer file, no campaign) is
    /// set first, so a page that needs only the first call (Practice's setup lists the catalog's
    /// campaigns and reads only the customer file) shows at once, and the campaign is read
    /// after it, in a task of its own: while the page is on screen and the trainee reaches for
    /// Start call. A call started before the campaign is in waits for it
    /// ([`AppState::arriving`]). If it cannot be fetched, the library keeps the catalog, and a
    /// call in it says why (`readiness`, as for the rest) and asks again.
    async fn load(self) {
        let catalog = match fetch_catalog().await {
            Ok(c) => Arc::new(c),
            Err(e) => return self.shipped.set(Some(Err(e))),
        };
        self.catalog.set(Some(catalog.clone()));
        if !self.loading.with_value(|l| l.all_wanted) {
            let entry = first_call_campaign(&catalog, &store::practice_start());
            self.loading
                .update_value(|l| l.arriving = entry.as_ref().map(|e| e.id.to_string()));
            self.shipped
                .set(Some(Ok(Arc::new(Library::compiled(&catalog, &[])))));
            #[cfg(target_arch = "wasm32")]
            gloo_timers::future::TimeoutFuture::new(0).await;
            match fetch_campaigns(entry.as_slice()).await {
                Ok(read) => self.add_read(&catalog, read),
                Err(e) => self.rest_failed.set(Some(e)),
            }
        }
        let mut rest = false;
        self.loading.update_value(|l| {
            l.arriving = None;
            l.first_done = true;
            rest = l.all_wanted && !l.rest_running;
            l.rest_running |= rest;
        });
        if rest {
            self.load_rest().await;
        }
    }

    /// Fetches every campaign not read yet. If that fails after the first call's campaign was
    /// read, the library keeps what it has and pages that need every campaign say why.
    async fn load_rest(self) {
        self.rest_failed.set(None);
        let Some(catalog) = self.catalog.get_untracked() else {
            return;
        };
        let read = self.read_untracked();
        let missing: Vec<_> = catalog
            .campaigns
            .iter()
            .filter(|e| !read.iter().any(|c| c.id == e.id))
            .cloned()
            .collect();
        match fetch_campaigns(&missing).await {
            Ok(read) => self.add_read(&catalog, read),
            Err(e) if self.shipped.with_untracked(Option::is_none) => {
                self.shipped.set(Some(Err(e)))
            }
            Err(e) => self.rest_failed.set(Some(e)),
        }
        self.loading.update_value(|l| l.rest_running = false);
    }

    /// The built-in campaigns read so far (the shipped library's, untracked).
    fn read_untracked(&self) -> Vec<Arc<Campaign>> {
        self.shipped.with_untracked(|s| match s {
            Some(Ok(lib)) => lib.campaigns.clone(),
            _ => Vec::new(),
        })
    }

    /// Campaigns have been read: the library follows.
    fn add_read(&self, catalog: &Catalog, read: Vec<Arc<Campaign>>) {
        let mut all = self.read_untracked();
        all.extend(read);
        let lib = Library::compiled(catalog, &all);
        self.complete
            .set(lib.campaigns.len() == catalog.campaigns.len());
        self.shipped.set(Some(Ok(Arc::new(lib))));
    }

    /// The whole shipped content has arrived (or could not): the library follows.
    pub fn set_shipped(&self, shipped: Result<Arc<Library>, String>) {
        self.complete.set(true);
        self.shipped.set(Some(shipped));
    }

    /// Whether a page that needs `need` can show (tracked): `None` while it waits, `Some(Err)`
    /// when every campaign was needed but some could not be fetched (why, in words; the first
    /// call's campaign too, which is fetched after the page has shown), `Some(Ok)` otherwise. A
    /// shipped content that failed altogether is `Some(Ok)`: the page reads the library's error
    /// and says it.
    pub fn readiness(&self, need: Need) -> Option<Result<(), String>> {
        let shipped = self.shipped.with(|s| s.as_ref().map(Result::is_ok))?;
        if !shipped || need == Need::FirstCall || self.complete.get() {
            return Some(Ok(()));
        }
        self.rest_failed.get().map(Err)
    }

    /// Whether every built-in campaign has been read (untracked).
    pub fn complete_untracked(&self) -> bool {
        self.complete.get_untracked()
    }

    /// Whether campaign `id` is the first call's, being fetched and read now: a call in it
    /// waits for it without asking for the rest.
    pub fn arriving(&self, id: &str) -> bool {
        self.loading
            .with_value(|l| l.arriving.as_deref() == Some(id))
    }

    /// Every campaign the app offers, as (id, title), tracked: the catalog's built-in campaigns
    /// (read yet or not) in catalog order, then the stored packs' campaigns in the library.
    pub fn campaigns(&self) -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = self.catalog.with(|c| {
            c.iter()
                .flat_map(|c| c.campaigns.iter())
                .map(|e| (e.id.to_string(), e.title.to_string()))
                .collect()
        });
        if let Ok(lib) = self.library() {
            for c in &lib.campaigns {
                if !list.iter().any(|(id, _)| **id == *c.id) {
                    list.push((c.id.to_string(), c.title.to_string()));
                }
            }
        }
        list
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
