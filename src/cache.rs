//! The rule every cache of the site follows, so that a cached answer is
//! never staler than the database's last commit on this instance, and at
//! most `max_age` (a second for pages) staler than another instance's.
//!
//! Each value is stored with the write generation read *before* it was
//! loaded (`Db::generation`, bumped after every write through `Db::write`
//! and for every connection `Db::conn` hands out) and is used only while the
//! generation is still the same: a write that finished on this instance
//! makes everything cached before it a miss, whatever it changed. That is
//! coarse (an enrolment in one session also drops the other pages), but it
//! cannot forget a dependency, which a list of "what this page shows"
//! per write would: a cheap re-render is the price of never being wrong.
//! Writes on another instance (or from the command line) are not seen, so
//! each value also lives at most `max_age` (a second for the public pages,
//! five for the annual figures).
//!
//! Reading the generation first matters: a write that commits while the
//! value is being loaded bumps the generation after the read, so the value
//! is stored already out of date rather than served as current.
//!
//! A value in its last quarter of `max_age` is refreshed ahead: the first
//! request to find it so is told it is missing and loads it again, while
//! every other request is still given the stored value. Under steady load
//! a page is then loaded again once a second by one request, instead of
//! expiring under everyone at once (a stampede of renders, which showed as
//! the public pages' p99 on PostgreSQL).
//!
//! The cache holds at most `max_entries`; free-text searches (every key
//! different) are admitted only while it is less than half full, so a
//! burst of them cannot crowd out the pages everybody asks for. Nothing
//! is evicted early: what is stored is gone within `max_age` anyway.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct FreshCache<K, V> {
    max_age: Duration,
    max_entries: usize,
    entries: RwLock<HashMap<K, Entry<V>>>,
}

struct Entry<V> {
    generation: u64,
    at: Instant,
    value: V,
    /// A request has been sent to load it again (`get`).
    refreshing: AtomicBool,
}

impl<V> Entry<V> {
    fn usable(&self, generation: u64, max_age: Duration, now: Instant) -> bool {
        self.generation == generation && now.saturating_duration_since(self.at) < max_age
    }

    /// Whether it is in its last quarter of `max_age` and nobody was sent
    /// to load it again yet; the first to ask is.
    fn claim_refresh(&self, max_age: Duration, now: Instant) -> bool {
        now.saturating_duration_since(self.at) >= max_age - max_age / 4
            && !self.refreshing.swap(true, Ordering::Relaxed)
    }
}

/// How much room a new value may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// A key many visitors share (a page, a filter from the form's lists).
    Shared,
    /// A key few will ask for again (a free-text search).
    Rare,
}

impl<K: Eq + Hash, V: Clone> FreshCache<K, V> {
    pub fn new(max_age: Duration, max_entries: usize) -> Self {
        FreshCache {
            max_age,
            max_entries,
            entries: RwLock::new(HashMap::new()),
        }
    }

    /// The value stored for `key`, if it was loaded in the current
    /// `generation` and less than `max_age` ago; `None` also for the one
    /// caller sent to load it again ahead of its expiry.
    pub fn get(&self, key: &K, generation: u64) -> Option<V> {
        self.get_at(key, generation, Instant::now())
    }

    fn get_at(&self, key: &K, generation: u64, now: Instant) -> Option<V> {
        let entries = self.entries.read().ok()?;
        entries
            .get(key)
            .filter(|e| e.usable(generation, self.max_age, now))
            .filter(|e| !e.claim_refresh(self.max_age, now))
            .map(|e| e.value.clone())
    }

    /// Stores `value`, loaded after reading `generation`. When the cache is
    /// full, what is no longer usable goes first; if that frees no room,
    /// the value is not stored.
    pub fn put(&self, key: K, generation: u64, value: V, admit: Admit) {
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        let limit = match admit {
            Admit::Shared => self.max_entries,
            Admit::Rare => self.max_entries / 2,
        };
        if entries.len() >= limit && !entries.contains_key(&key) {
            let now = Instant::now();
            let max_age = self.max_age;
            entries.retain(|_, e| e.usable(generation, max_age, now));
            if entries.len() >= limit {
                return;
            }
        }
        entries.insert(
            key,
            Entry {
                generation,
                at: Instant::now(),
                value,
                refreshing: AtomicBool::new(false),
            },
        );
    }

    pub fn len(&self) -> usize {
        self.entries.read().map_or(0, |e| e.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_served_only_in_its_generation() {
        let cache = FreshCache::new(Duration::from_secs(60), 8);
        cache.put("a", 1, 10, Admit::Shared);
        assert_eq!(cache.get(&"a", 1), Some(10));
        assert_eq!(cache.get(&"a", 2), None, "a write since: stale");
        cache.put("a", 2, 20, Admit::Shared);
        assert_eq!(cache.get(&"a", 2), Some(20));
    }

    #[test]
    fn a_value_expires_after_max_age() {
        let cache = FreshCache::new(Duration::ZERO, 8);
        cache.put("a", 1, 10, Admit::Shared);
        assert_eq!(cache.get(&"a", 1), None);
        let cache = FreshCache::new(Duration::from_millis(30), 8);
        cache.put("a", 1, 10, Admit::Shared);
        assert_eq!(cache.get(&"a", 1), Some(10));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get(&"a", 1), None);
    }

    #[test]
    fn one_caller_loads_it_again_ahead_of_expiry_the_others_keep_it() {
        let cache = FreshCache::new(Duration::from_secs(1), 8);
        cache.put("a", 1, 10, Admit::Shared);
        let early = Instant::now() + Duration::from_millis(500);
        assert_eq!(cache.get_at(&"a", 1, early), Some(10));
        assert_eq!(cache.get_at(&"a", 1, early), Some(10));
        let late = Instant::now() + Duration::from_millis(800);
        assert_eq!(
            cache.get_at(&"a", 1, late),
            None,
            "the first is sent to load it"
        );
        assert_eq!(cache.get_at(&"a", 1, late), Some(10), "the rest are served");
        assert_eq!(cache.get_at(&"a", 1, late), Some(10));
        // What it loads starts a new second.
        cache.put("a", 1, 11, Admit::Shared);
        let soon = Instant::now() + Duration::from_millis(500);
        assert_eq!(cache.get_at(&"a", 1, soon), Some(11));
        let expired = Instant::now() + Duration::from_millis(1_100);
        assert_eq!(cache.get_at(&"a", 1, expired), None);
        assert_eq!(cache.get_at(&"a", 1, expired), None, "expired for everyone");
    }

    #[test]
    fn a_full_cache_drops_the_stale_and_refuses_the_rest() {
        let cache = FreshCache::new(Duration::from_secs(60), 4);
        for (i, k) in ["a", "b", "c", "d"].into_iter().enumerate() {
            cache.put(k, 1, i, Admit::Shared);
        }
        cache.put("e", 1, 4, Admit::Shared);
        assert_eq!(cache.get(&"e", 1), None, "full: not stored");
        assert_eq!(cache.get(&"a", 1), Some(0), "nothing usable evicted");
        cache.put("a", 1, 5, Admit::Shared);
        assert_eq!(
            cache.get(&"a", 1),
            Some(5),
            "a key already there is replaced"
        );
        // After a write everything stored is stale and makes room.
        cache.put("e", 2, 4, Admit::Shared);
        assert_eq!(cache.get(&"e", 2), Some(4));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn rare_keys_take_at_most_half_the_room() {
        let cache = FreshCache::new(Duration::from_secs(60), 4);
        cache.put("q=a", 1, 0, Admit::Rare);
        cache.put("q=b", 1, 0, Admit::Rare);
        cache.put("q=c", 1, 0, Admit::Rare);
        assert_eq!(cache.get(&"q=c", 1), None);
        cache.put("page", 1, 1, Admit::Shared);
        cache.put("other", 1, 2, Admit::Shared);
        assert_eq!(cache.get(&"page", 1), Some(1));
        assert_eq!(cache.get(&"other", 1), Some(2));
    }
}
