//! Thin wrappers over the browser: clock, storage, media queries, speech, downloads, files,
//! drag and drop, the clipboard, page visibility and the document title. The rest of the UI calls
//! these and never a browser API itself; gloo's crates do the work where they fit.
//!
//! On native targets (where the UI is compiled for `cargo test` and clippy but never run) each
//! function is a harmless stand-in, so the rest of the UI needs no `cfg`.

/// Milliseconds since the page loaded (monotonic), for reply times.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Milliseconds since the Unix epoch, for dating saved calls.
pub fn epoch_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// A fresh random seed from the browser's crypto source.
pub fn fresh_seed() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom_fill(&mut bytes) {
        u64::from_le_bytes(bytes) >> 11
    } else {
        epoch_ms() as u64
    }
}

fn getrandom_fill(bytes: &mut [u8]) -> bool {
    use rand::TryRng;
    rand::rngs::SysRng.try_fill_bytes(bytes).is_ok()
}

/// Whether the user asked the system for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .map(|m| m.matches())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Local storage, as plain text. Every call may fail (private mode, quota): failures are
/// returned, never panicked on. [`storage::BrowserStorage`] is the core store's
/// [`composure_core::store::Storage`] over it; the free functions serve the tab lock.
pub mod storage {
    use composure_core::store::{Storage, StoreError};

    /// The browser's localStorage, or `None` when there is none (storage turned off). Not
    /// gloo-storage's `LocalStorage::raw()`, which throws in that case.
    #[cfg(target_arch = "wasm32")]
    fn store() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    /// localStorage as the core store's [`Storage`]. A write refused for lack of room is
    /// [`StoreError::Full`] (the browser's `QuotaExceededError`).
    #[derive(Clone, Copy, Debug, Default)]
    pub struct BrowserStorage;

    impl Storage for BrowserStorage {
        fn get(&self, key: &str) -> Option<String> {
            get(key)
        }

        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            #[cfg(target_arch = "wasm32")]
            {
                let s = store().ok_or(StoreError::Unavailable)?;
                s.set_item(key, value).map_err(|e| {
                    let name = js_sys::Reflect::get(&e, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string())
                        .unwrap_or_default();
                    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                        StoreError::Full
                    } else if name.is_empty() {
                        StoreError::Other("no reason given".into())
                    } else {
                        StoreError::Other(name)
                    }
                })
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (key, value);
                Err(StoreError::Unavailable)
            }
        }

        fn remove(&self, key: &str) -> Result<(), StoreError> {
            #[cfg(target_arch = "wasm32")]
            {
                store()
                    .ok_or(StoreError::Unavailable)?
                    .remove_item(key)
                    .map_err(|_| StoreError::Other("the browser refused to remove it".into()))
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = key;
                Err(StoreError::Unavailable)
            }
        }

        fn keys(&self) -> Vec<String> {
            #[cfg(target_arch = "wasm32")]
            {
                let Some(s) = store() else { return Vec::new() };
                let n = s.length().unwrap_or(0);
                (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                Vec::new()
            }
        }
    }

    pub fn get(key: &str) -> Option<String> {
        #[cfg(target_arch = "wasm32")]
        {
            store().and_then(|s| s.get_item(key).ok().flatten())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = key;
            None
        }
    }

    pub fn set(key: &str, value: &str) -> Result<(), String> {
        BrowserStorage.set(key, value).map_err(|e| e.to_string())
    }

    pub fn remove(key: &str) {
        let _ = BrowserStorage.remove(key);
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let blob = gloo_file::Blob::new_with_options(text, Some(mime));
        // The object URL is revoked when `url` is dropped, after the click started the download.
        let url = gloo_file::ObjectUrl::from(blob);
        let doc = leptos::prelude::document();
        if let Some(a) = doc
            .create_element("a")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, mime, text);
}

/// Speaks a customer's line with the persona's voice; silently does nothing where the browser
/// has no speech synthesis. Makes no network calls of its own.
pub fn speak(text: &str, pitch_percent: u32, rate_percent: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
            return;
        };
        if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
            u.set_pitch(pitch_percent as f32 / 100.0);
            u.set_rate(rate_percent as f32 / 100.0);
            synth.speak(&u);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (text, pitch_percent, rate_percent);
}

/// Stops any speech in progress.
pub fn hush() {
    #[cfg(target_arch = "wasm32")]
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}

/// The page's origin (`https://host:port`), for links.
pub fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Copies text to the clipboard; the promise's outcome is ignored (the text box is the
/// fallback).
pub fn copy_text(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        match web_sys::window() {
            Some(w) => {
                let _ = w.navigator().clipboard().write_text(text);
                true
            }
            None => false,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}

/// The files of a file input's change event.
pub fn input_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Clears a file input so the same file can be chosen again.
pub fn clear_input(ev: &leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.set_value("");
    }
}

/// The files dropped in a drag-and-drop.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Selects the text of the input an event came from (a share link box, on focus).
pub fn select_target_text(ev: &leptos::ev::FocusEvent) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.select();
    }
}

/// Reads a file as text; files over the import limit are refused before reading.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let size = file.size();
    if size > crate::exchange::MAX_IMPORT_BYTES as f64 {
        return Err(crate::exchange::ImportError::TooLarge(size as usize).to_string());
    }
    // Not gloo-file's reader: its `&Event` listener closures make wasm-bindgen emit `table.fill`,
    // which the pinned wasm-opt (version_116, no reference types) cannot parse.
    let value = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the browser could not read it".to_string())?;
    value
        .as_string()
        .ok_or_else(|| "the browser could not read it as text".to_string())
}

/// Calls `f` each time the page becomes hidden (the user left the tab). Returns a function
/// that stops listening.
pub fn on_tab_hidden(f: impl Fn() + 'static) -> Box<dyn FnOnce()> {
    #[cfg(target_arch = "wasm32")]
    {
        // Hand-written rather than gloo-events: see `read_file`.
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let doc = leptos::prelude::document();
        let d2 = doc.clone();
        // A reload or navigation away hides the page too (after `pagehide`): not a tab leave.
        let leaving = std::rc::Rc::new(std::cell::Cell::new(false));
        let l2 = leaving.clone();
        let on_pagehide = Closure::<dyn Fn()>::new(move || l2.set(true));
        let win = leptos::prelude::window();
        let _ =
            win.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
        let cb = Closure::<dyn Fn()>::new(move || {
            if d2.hidden() && !leaving.get() {
                f();
            }
        });
        let _ =
            doc.add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
        Box::new(move || {
            let _ = win.remove_event_listener_with_callback(
                "pagehide",
                on_pagehide.as_ref().unchecked_ref(),
            );
            drop(on_pagehide);
            let _ = doc.remove_event_listener_with_callback(
                "visibilitychange",
                cb.as_ref().unchecked_ref(),
            );
            drop(cb);
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = f;
        Box::new(|| {})
    }
}

/// Sets the document's title.
pub fn set_document_title(title: &str) {
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::document().set_title(title);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = title;
}

/// A date and time (Unix ms) in the browser's time zone, written the British way.
pub fn local_date_time(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        String::from(d.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{ms}")
    }
}

/// A claim on something that only one tab may run at a time (an assessment attempt), kept in
/// localStorage with a heartbeat: `composure.lock.NAME` holds this tab's id and the time of its
/// last beat. Another tab may take it only once the beat is older than [`LOCK_STALE_MS`]
/// (the holder closed or crashed). Dropping the lock releases it.
pub struct TabLock {
    key: String,
    tab: String,
    _beat: gloo_timers::callback::Interval,
}

/// A lock whose last beat is older than this is free.
pub const LOCK_STALE_MS: f64 = 4_000.0;

#[derive(serde::Serialize, serde::Deserialize)]
struct LockState {
    tab: String,
    at: f64,
}

impl TabLock {
    /// Takes the lock, or `None` when another live tab holds it.
    pub fn take(name: &str) -> Option<TabLock> {
        let tab = tab_id();
        let key = format!("composure.lock.{name}");
        if let Some(held) =
            storage::get(&key).and_then(|t| serde_json::from_str::<LockState>(&t).ok())
        {
            if held.tab != tab && epoch_ms() - held.at < LOCK_STALE_MS {
                return None;
            }
        }
        let beat = {
            let (key, tab) = (key.clone(), tab.clone());
            move || {
                let state = LockState {
                    tab: tab.clone(),
                    at: epoch_ms(),
                };
                if let Ok(json) = serde_json::to_string(&state) {
                    let _ = storage::set(&key, &json);
                }
            }
        };
        beat();
        Some(TabLock {
            key,
            tab,
            _beat: gloo_timers::callback::Interval::new(1_000, beat),
        })
    }
}

/// This tab's id: kept in sessionStorage, which belongs to one tab and survives its reloads, so
/// a reload is the same tab and a new tab is another.
fn tab_id() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use gloo_storage::{SessionStorage, Storage};
        const KEY: &str = "composure.tab";
        if let Ok(id) = SessionStorage::get::<String>(KEY) {
            return id;
        }
        let id = format!("{:x}", fresh_seed());
        let _ = SessionStorage::set(KEY, &id);
        id
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{:x}", fresh_seed())
    }
}

impl Drop for TabLock {
    fn drop(&mut self) {
        let mine = storage::get(&self.key)
            .and_then(|t| serde_json::from_str::<LockState>(&t).ok())
            .is_some_and(|s| s.tab == self.tab);
        if mine {
            storage::remove(&self.key);
        }
    }
}
