//! A tiny time-limited cache for what every anonymous visitor asks for
//! again and again: the GenLær catalogue. At national scale its queries
//! read every upcoming session (about 1,500) to pick the next few per
//! course; kept for a second, a busy catalogue costs the database one load
//! per second and filter instead of one per request. Seats left may be a
//! second old on the list; the session page and enrolment itself always
//! read the database.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct TtlCache<K, V> {
    ttl: Duration,
    /// Beyond this many keys (free-text searches), everything is dropped.
    max_entries: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration, max_entries: usize) -> Self {
        TtlCache {
            ttl,
            max_entries,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    pub fn put(&self, key: K, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.max_entries {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_expire_and_the_cache_stays_small() {
        let cache = TtlCache::new(Duration::from_secs(60), 2);
        cache.put("a", 1);
        assert_eq!(cache.get(&"a"), Some(1));
        cache.put("b", 2);
        cache.put("c", 3);
        assert_eq!(cache.get(&"a"), None, "cleared when full");
        assert_eq!(cache.get(&"c"), Some(3));
        let expired = TtlCache::new(Duration::ZERO, 2);
        expired.put("a", 1);
        assert_eq!(expired.get(&"a"), None);
    }
}
