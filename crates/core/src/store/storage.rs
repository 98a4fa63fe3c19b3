//! Where stored text lives: the [`Storage`] trait, its errors, and [`MemoryStorage`] for tests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;

/// A key-value store of text (the browser's localStorage in the app, [`MemoryStorage`] in
/// tests). Implementations may use interior mutability; every write may fail and says why.
pub trait Storage {
    /// The value under `key`, if there is one.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (removing a missing key is not an error).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key, in any order.
    fn keys(&self) -> Vec<String>;
}

/// Why a write failed. `Display` says it in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The storage is full (the browser's quota is reached).
    Full,
    /// There is no storage (private mode, storage disabled).
    Unavailable,
    /// Anything else, with the reason.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => write!(
                f,
                "the browser's storage for Composure is full; delete old sets, packs or results, or export and clear your history"
            ),
            StoreError::Unavailable => write!(
                f,
                "this browser does not allow Composure to save (storage is turned off or in private mode)"
            ),
            StoreError::Other(m) => write!(f, "the browser refused to save ({m})"),
        }
    }
}

impl std::error::Error for StoreError {}

/// An in-memory [`Storage`] for native tests.
///
/// Invariant: when a quota is set, the sum of `key.len() + value.len()` (bytes) over all
/// entries never exceeds it through [`Storage::set`]; [`MemoryStorage::insert_raw`] (test setup)
/// bypasses it. Faults can be injected: the next N writes fail ([`MemoryStorage::fail_next_writes`]),
/// or store only the first half of their value and report success, as a crash mid-write would
/// leave them ([`MemoryStorage::half_write_next`]).
#[derive(Debug, Default)]
pub struct MemoryStorage {
    map: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
    fail_writes: Cell<u32>,
    half_writes: Cell<u32>,
}

impl MemoryStorage {
    /// An empty storage without a quota.
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// An empty storage that holds at most `bytes` (keys and values).
    pub fn with_quota(bytes: usize) -> MemoryStorage {
        MemoryStorage {
            quota: Some(bytes),
            ..MemoryStorage::default()
        }
    }

    /// The next `n` calls of `set` fail with [`StoreError::Other`].
    pub fn fail_next_writes(&self, n: u32) {
        self.fail_writes.set(n);
    }

    /// The next `n` calls of `set` store only the first half of the value (cut at a character
    /// boundary) and report success.
    pub fn half_write_next(&self, n: u32) {
        self.half_writes.set(n);
    }

    /// Puts `value` under `key` without quota or faults (to set up a test).
    pub fn insert_raw(&self, key: &str, value: &str) {
        self.map.borrow_mut().insert(key.into(), value.into());
    }

    /// Bytes in use (keys and values).
    pub fn used_bytes(&self) -> usize {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }

    /// A copy of everything stored.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.fail_writes.get() > 0 {
            self.fail_writes.set(self.fail_writes.get() - 1);
            return Err(StoreError::Other(
                "a write failure injected by a test".into(),
            ));
        }
        let mut value = value;
        if self.half_writes.get() > 0 {
            self.half_writes.set(self.half_writes.get() - 1);
            let mut cut = value.len() / 2;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value = &value[..cut];
        }
        if let Some(quota) = self.quota {
            let old = self
                .map
                .borrow()
                .get(key)
                .map_or(0, |v| key.len() + v.len());
            if self.used_bytes() - old + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}
