//! The generator's tools: a small deterministic random source, SQL
//! literals, and a writer that turns rows into multi-row `INSERT`s.
//!
//! The multi-backend connection has no batch insert and binds one row at a
//! time, which would take hours for a million rows; the generator writes
//! literal multi-row statements instead. Every value it writes is made by
//! the generator itself (numbers, timestamps, names from fixed lists), and
//! text is still quoted by `text`, so nothing outside can reach the SQL.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use diesel::connection::SimpleConnection;

use crate::db::DbConnection;

/// SplitMix64: tiny, fast, and the same sequence for the same seed on every
/// machine and every version of the `rand` crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i64
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct indices into `0..n` (all of them when `k >= n`): a
    /// random start and a step that shares no factor with `n`, so every
    /// index is visited once and neighbours are not always together.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        if n == 0 {
            return Vec::new();
        }
        const STEPS: [usize; 8] = [7919, 6007, 4001, 2003, 211, 101, 13, 7];
        let step = STEPS.iter().copied().find(|s| gcd(*s, n) == 1).unwrap_or(1);
        let start = self.below(n);
        (0..k.min(n)).map(|i| (start + i * step) % n).collect()
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A text literal.
pub fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub fn opt_text(s: Option<&str>) -> String {
    s.map_or_else(|| "NULL".to_string(), text)
}

/// A timestamp literal as diesel writes them (UTC, no offset), so that
/// SQLite's text comparisons order them like the site's own.
pub fn ts(t: NaiveDateTime) -> String {
    format!("'{}'", t.format("%Y-%m-%d %H:%M:%S"))
}

pub fn opt_ts(t: Option<NaiveDateTime>) -> String {
    t.map_or_else(|| "NULL".to_string(), ts)
}

pub fn date(d: chrono::NaiveDate) -> String {
    format!("'{}'", d.format("%Y-%m-%d"))
}

pub fn int(n: impl Into<i64>) -> String {
    n.into().to_string()
}

pub fn opt_int(n: Option<i64>) -> String {
    n.map_or_else(|| "NULL".to_string(), |n| n.to_string())
}

pub fn boolean(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// Rows of one table, kept until `flush` writes them as multi-row
/// statements. The caller flushes parents before children, so foreign keys
/// hold at every statement.
pub struct Table {
    head: String,
    rows: Vec<String>,
    pub written: u64,
}

/// Rows per statement: large enough that statement overhead vanishes,
/// small enough to stay far below both databases' statement limits.
pub const ROWS_PER_STATEMENT: usize = 500;

impl Table {
    pub fn new(name: &str, columns: &[&str]) -> Table {
        Table {
            head: format!("INSERT INTO {name} ({}) VALUES ", columns.join(", ")),
            rows: Vec::new(),
            written: 0,
        }
    }

    /// Adds one row: its values as SQL literals, in column order.
    pub fn push(&mut self, values: &[String]) {
        self.rows.push(format!("({})", values.join(", ")));
    }

    pub fn pending(&self) -> usize {
        self.rows.len()
    }

    pub fn flush(&mut self, conn: &mut DbConnection) -> QueryResult<()> {
        for chunk in self.rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!("{}{}", self.head, chunk.join(", "));
            conn.batch_execute(&sql)?;
            self.written += chunk.len() as u64;
        }
        self.rows.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = {
            let mut r = Rng::new(7);
            (0..5).map(|_| r.next_u64()).collect()
        };
        let mut r = Rng::new(7);
        assert_eq!(a, (0..5).map(|_| r.next_u64()).collect::<Vec<_>>());
        assert_ne!(a[0], Rng::new(8).next_u64());
    }

    #[test]
    fn distinct_indices_never_repeat() {
        let mut r = Rng::new(1);
        for n in [1, 2, 10, 7919, 15_838] {
            let mut picked = r.distinct(n, 5000);
            assert_eq!(picked.len(), n.min(5000));
            picked.sort_unstable();
            picked.dedup();
            assert_eq!(picked.len(), n.min(5000), "n = {n}");
        }
    }

    #[test]
    fn text_is_quoted() {
        assert_eq!(text("Ø'ster"), "'Ø''ster'");
        assert_eq!(opt_text(None), "NULL");
    }
}
