//! Local storage, as plain text. Every call may fail (private mode, quota): failures are
//! returned, never panicked on. [`BrowserStorage`] is the core store's
//! [`composure_core::store::Storage`] over it; the free functions serve the tab lock.

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
