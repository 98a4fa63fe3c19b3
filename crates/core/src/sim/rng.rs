//! Seeded, portable random streams.
//!
//! Every random choice in a call comes from a ChaCha8 stream seeded from the call's seed, so
//! the same inputs give the same call on every platform (native and wasm32). Ranges are drawn
//! with integer arithmetic only (no floats, no platform-sized integers) to keep that promise.

use rand_chacha::rand_core::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// SplitMix64 finaliser: derives independent seeds from a seed and a label.
pub fn mix(seed: u64, label: u64) -> u64 {
    let mut z = seed ^ label.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A seeded random stream.
#[derive(Clone, Debug)]
pub struct Stream(ChaCha8Rng);

impl Stream {
    /// The stream for `seed`, separated from other uses of the same seed by `label`.
    pub fn new(seed: u64, label: u64) -> Self {
        Stream(ChaCha8Rng::seed_from_u64(mix(seed, label)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0). Small ranges take 32 random bits, large ones 64.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        if n <= 1 << 16 {
            ((u64::from(self.0.next_u32()) * n as u64) >> 32) as usize
        } else {
            ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    /// An index drawn with the given weights, or `None` if they are all zero.
    pub fn weighted(&mut self, weights: &[u32]) -> Option<usize> {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        if total == 0 {
            return None;
        }
        let mut r = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if r < w {
                return Some(i);
            }
            r -= w;
        }
        None
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// A random element, if any.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers_and_labels_separate() {
        let a: Vec<u64> = (0..4)
            .map({
                let mut s = Stream::new(7, 1);
                move |_| s.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut s = Stream::new(7, 1);
                move |_| s.next_u64()
            })
            .collect();
        let c: Vec<u64> = (0..4)
            .map({
                let mut s = Stream::new(7, 2);
                move |_| s.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn known_first_value_is_portable() {
        // Pinned so a change of generator or seeding shows up as a failing test: saved records
        // would no longer replay.
        let mut s = Stream::new(42, 0);
        assert_eq!(s.next_u64(), PINNED);
    }
    const PINNED: u64 = 9_560_017_345_368_447_618;

    #[test]
    fn ranges_stay_in_bounds() {
        let mut s = Stream::new(1, 1);
        for n in 1..50usize {
            for _ in 0..50 {
                assert!(s.below(n) < n);
                let v = s.between(-3, n as i32);
                assert!((-3..=n as i32).contains(&v));
            }
        }
        assert_eq!(s.weighted(&[0, 0]), None);
        for _ in 0..100 {
            assert_eq!(s.weighted(&[0, 5, 0]), Some(1));
        }
    }
}
