//! Reading a `TIMESTAMP` without a format pattern, for the rows the busiest
//! pages read.
//!
//! SQLite keeps a timestamp as text, and diesel reads it back by trying
//! chrono's format patterns (`parse_from_str`), which reads the pattern
//! itself again on every value: about 2,500 instructions a timestamp, 5 %
//! of the volunteer's page and of the supervision overview (BENCHMARKS.md,
//! issue 20). Diesel always writes `YYYY-MM-DD HH:MM:SS` with a fraction
//! if there is one, and `Stamp` reads that by its digits; anything else
//! (a value written by hand in SQL, say) still goes to diesel's reading.
//! PostgreSQL sends a timestamp as a number and is read as before.
//!
//! A row struct names it on a field (`#[diesel(deserialize_as = Stamp)]`
//! for a `NaiveDateTime`, `MaybeStamp` for an `Option`); a tuple loads it
//! in place of `NaiveDateTime`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::Pg;
use diesel::sql_types::{Nullable, Timestamp};
use diesel::sqlite::Sqlite;

use super::DbConnection;

/// The backend of the multi-connection (SQLite or PostgreSQL at run time).
type Multi = <DbConnection as diesel::Connection>::Backend;

/// A timestamp column's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct Stamp(pub NaiveDateTime);

impl From<Stamp> for NaiveDateTime {
    fn from(s: Stamp) -> Self {
        s.0
    }
}

/// A nullable timestamp column's value, for a row struct's
/// `Option<NaiveDateTime>` field (a tuple takes `Option<Stamp>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct MaybeStamp(pub Option<NaiveDateTime>);

impl From<MaybeStamp> for Option<NaiveDateTime> {
    fn from(s: MaybeStamp) -> Self {
        s.0
    }
}

impl FromSql<Timestamp, Sqlite> for Stamp {
    fn from_sql(mut value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        if let Some(at) = as_written(value.read_text()) {
            return Ok(Stamp(at));
        }
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(Stamp)
    }
}

impl FromSql<Timestamp, Pg> for Stamp {
    fn from_sql(value: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Stamp)
    }
}

impl FromSql<Timestamp, Multi> for Stamp {
    fn from_sql(value: <Multi as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Timestamp>()
    }
}

/// Read as `Stamp`, `NULL` as `None`.
macro_rules! maybe {
    ($($db:ty),*) => {$(
        impl FromSql<Nullable<Timestamp>, $db> for MaybeStamp {
            fn from_sql(value: <$db as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <Stamp as FromSql<Timestamp, $db>>::from_sql(value).map(|s| MaybeStamp(Some(s.0)))
            }

            fn from_nullable_sql(
                value: Option<<$db as Backend>::RawValue<'_>>,
            ) -> deserialize::Result<Self> {
                value.map_or(Ok(MaybeStamp(None)), |v| {
                    <Self as FromSql<Nullable<Timestamp>, $db>>::from_sql(v)
                })
            }
        }
    )*};
}
maybe!(Sqlite, Pg, Multi);

/// `YYYY-MM-DD HH:MM:SS`, with a fraction of up to nine digits after a
/// full stop: what diesel writes. `None` for anything else, including a
/// date or time that does not exist.
fn as_written(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            digits(20, b.len())? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(digits(0, 4)?).ok()?,
        digits(5, 7)?,
        digits(8, 10)?,
    )?;
    let time =
        NaiveTime::from_hms_nano_opt(digits(11, 13)?, digits(14, 16)?, digits(17, 19)?, nanos)?;
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way diesel writes a timestamp is read to the same instant as
    /// diesel's own reading would give.
    #[test]
    fn reads_what_diesel_writes() {
        for written in [
            "2026-03-03 16:00:00",
            "2026-03-03 16:00:00.5",
            "2026-06-03 16:05:00.123456",
            "2024-02-29 23:59:59.999999999",
            "0001-01-01 00:00:00",
        ] {
            let expected = NaiveDateTime::parse_from_str(written, "%F %T%.f").expect("a timestamp");
            assert_eq!(as_written(written), Some(expected), "{written}");
            // And what diesel writes of that instant reads back to it.
            let again = expected.format("%F %T%.f").to_string();
            assert_eq!(as_written(&again), Some(expected), "{again}");
        }
    }

    /// Anything else is left to diesel's reading (`None` here): other
    /// layouts, a fraction too long, dates and times that do not exist.
    #[test]
    fn leaves_anything_else_to_diesel() {
        for other in [
            "",
            "2026-03-03",
            "2026-03-03T16:00:00",
            "2026-03-03 16:00",
            "2026-03-03 16:00:00Z",
            "2026-03-03 16:00:00.",
            "2026-03-03 16:00:00.1234567890",
            "2026-02-30 16:00:00",
            "2025-02-29 16:00:00",
            "2026-03-03 24:00:00",
            "2026-13-03 16:00:00",
            "2026-03-03 16:60:00",
            "2026-0a-03 16:00:00",
            "+026-03-03 16:00:00",
            "2026-03-03 16:00:00+01:00",
        ] {
            assert_eq!(as_written(other), None, "{other:?}");
        }
    }
}
