//! The tab: when the page is hidden (the candidate left the tab), and a lock that only one tab
//! may hold at a time (a running assessment).

use super::storage;
use super::{epoch_ms, fresh_seed};
use composure_core::store::Key;

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
        let key = Key::Lock(name.to_string()).to_string();
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
        let key = Key::Tab.to_string();
        if let Ok(id) = SessionStorage::get::<String>(&key) {
            return id;
        }
        let id = format!("{:x}", fresh_seed());
        let _ = SessionStorage::set(&key, &id);
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
