//! `brobyg generate`: a large, realistic dataset for benchmarks, on either
//! database. Every region and branch, users (administrators, coordinators,
//! brobyggere along their path, GenLær participants), and sessions of every
//! kind spread over five years (four past, one to come) with meetings,
//! enrolments, waiting lists and attendance.
//!
//! The same seed and scale give the same data (dates are relative to the
//! day it runs). Rows are written as multi-row inserts inside transactions,
//! and the engine's counters (`confirmed_count`, `waitlist_count`) agree
//! with the enrolments, so the site behaves on this data as on real data.
//! Every user has the password `brobyg-demo`, hashed once; the named
//! accounts (`admin@`, `koordinator@`, `frivillig@`, `fagperson@
//! brobyg.test`) are the ones the benchmark logs in with.

mod brobygninger;
mod people;
mod plan;
mod sessions;
mod sql;

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context as _;
use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::{Db, DbConnection, users};
pub use plan::Plan;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// A few hundred users: for tests.
    Tiny,
    /// 5,000 users, 1,000 sessions: seconds, for trying things out.
    Small,
    /// 25,000 users, 5,000 sessions.
    Medium,
    /// 100,000 users, 20,000 sessions, about a million enrolments.
    National,
}

/// The numbers a scale stands for.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub users: usize,
    pub sessions: usize,
    pub courses: usize,
}

impl Scale {
    pub fn size(self) -> Size {
        let (users, sessions, courses) = match self {
            Scale::Tiny => (400, 80, 6),
            Scale::Small => (5_000, 1_000, 12),
            Scale::Medium => (25_000, 5_000, 24),
            Scale::National => (100_000, 20_000, 40),
        };
        Size {
            users,
            sessions,
            courses,
        }
    }
}

/// The password of every generated account.
pub const PASSWORD: &str = crate::demo::PASSWORD;

/// What was written, counted in the database afterwards.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub users: i64,
    pub sessions_by_kind: Vec<(String, i64)>,
    pub meetings: i64,
    pub enrolments: i64,
    pub attendance: i64,
    pub seconds: f64,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kinds: Vec<String> = self
            .sessions_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        write!(
            f,
            "{} users; sessions: {}; {} meetings; {} enrolments; {} attendance rows; {:.1} s",
            self.users,
            kinds.join(", "),
            self.meetings,
            self.enrolments,
            self.attendance,
            self.seconds
        )
    }
}

/// Generates the dataset into an empty, migrated database. Refuses a
/// database that already has users, so it never mixes with real data.
pub fn run(db: &Db, scale: Scale, seed: u64) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut conn = db.conn()?;
    let conn: &mut DbConnection = &mut conn;
    if users::count(conn)? > 0 {
        anyhow::bail!("the database already has users; generate into an empty database");
    }
    if let DbConnection::Sqlite(_) = conn {
        // A failed run is thrown away and made again, so the generator need
        // not wait for the disk after every commit.
        conn.batch_execute("PRAGMA synchronous = OFF")?;
    }
    let hash = crate::auth::password::hash(PASSWORD)
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?;
    let anchor = today();
    let plan = conn
        .transaction::<_, anyhow::Error, _>(|c| Plan::make(c, scale.size(), seed, anchor))
        .context("regions, branches and courses")?;
    conn.transaction::<_, anyhow::Error, _>(|c| Ok(people::write(c, &plan, &hash)?))
        .context("writing users and volunteers")?;
    sessions::write(conn, &plan, seed).context("writing sessions")?;
    conn.transaction::<_, anyhow::Error, _>(|c| Ok(people::volunteers(c, &plan)?))
        .context("writing the brobyggere's records")?;
    conn.transaction::<_, anyhow::Error, _>(|c| Ok(brobygninger::write(c, &plan, seed)?))
        .context("writing brobygninger")?;
    conn.transaction::<_, anyhow::Error, _>(|c| Ok(supervision_inputs(c)?))
        .context("each brobygger's last supervision")?;
    conn.transaction::<_, anyhow::Error, _>(|c| {
        // Attendance and signatures were written in bulk, past the use
        // cases: the pipeline's stored readiness, in slices of thousands.
        crate::app::volunteers::readiness::refresh_everyone(c).map_err(|e| anyhow::anyhow!("{e:#}"))
    })
    .context("each brobygger's readiness")?;
    // The history was written in bulk too: each pause's last day beside
    // the volunteer, as start-up would give it, so the generated database
    // is whole before any site has started on it.
    conn.transaction::<_, anyhow::Error, _>(|c| {
        Ok(crate::db::volunteer_history::fill_pause_ends(c)?)
    })
    .context("the last day of each pause")?;
    finish(conn).context("updating sequences and statistics")?;
    if let DbConnection::Sqlite(_) = conn {
        conn.batch_execute("PRAGMA synchronous = FULL")?;
    }
    let mut summary = count(conn)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Midnight UTC today: the generated years are placed around it.
fn today() -> NaiveDateTime {
    crate::db::now()
        .date()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_else(crate::db::now)
}

/// Attendance was written in bulk, past `db::attendance::record`: set each
/// volunteer's last supervision from it as that function would.
fn supervision_inputs(conn: &mut DbConnection) -> QueryResult<()> {
    use crate::db::schema::volunteers;
    let ids: Vec<i64> = volunteers::table.select(volunteers::user_id).load(conn)?;
    for chunk in ids.chunks(5_000) {
        crate::db::supervision::refresh_last_attended(conn, chunk)?;
    }
    Ok(())
}

/// Rows were written with explicit ids: PostgreSQL's identity sequences
/// must continue after them. Then both databases gather statistics, as
/// after any bulk import, so the planner knows the tables' sizes.
fn finish(conn: &mut DbConnection) -> anyhow::Result<()> {
    const WITH_IDS: [&str; 7] = [
        "users",
        "sessions",
        "meetings",
        "enrolments",
        "volunteer_applications",
        "volunteer_status_changes",
        "declaration_signatures",
    ];
    if let DbConnection::Pg(_) = conn {
        for table in WITH_IDS {
            conn.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))?;
        }
    }
    if let DbConnection::Pg(_) = conn {
        // What autovacuum would do soon after a bulk import: without the
        // visibility map, index-only scans still visit every table row.
        conn.batch_execute("VACUUM ANALYZE")?;
    } else {
        conn.batch_execute("ANALYZE")?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn scalar(conn: &mut DbConnection, sql: &str) -> QueryResult<i64> {
    Ok(diesel::sql_query(sql).get_result::<Count>(conn)?.n)
}

fn count(conn: &mut DbConnection) -> anyhow::Result<Summary> {
    use crate::db::schema::sessions;
    let by_kind: Vec<(String, i64)> = sessions::table
        .group_by(sessions::kind)
        .select((sessions::kind, diesel::dsl::count_star()))
        .order(sessions::kind)
        .load(conn)?;
    let kinds: HashMap<String, i64> = by_kind.iter().cloned().collect();
    let mut sessions_by_kind: Vec<(String, i64)> = kinds.into_iter().collect();
    sessions_by_kind.sort();
    Ok(Summary {
        users: scalar(conn, "SELECT COUNT(*) AS n FROM users")?,
        sessions_by_kind,
        meetings: scalar(conn, "SELECT COUNT(*) AS n FROM meetings")?,
        enrolments: scalar(conn, "SELECT COUNT(*) AS n FROM enrolments")?,
        attendance: scalar(conn, "SELECT COUNT(*) AS n FROM attendance")?,
        seconds: 0.0,
    })
}
