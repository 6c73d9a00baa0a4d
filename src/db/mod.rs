//! Storage: one connection type over SQLite and PostgreSQL, the pool, the
//! migrations, and the queries, one module per aggregate.
//!
//! Queries take `&mut DbConnection` and are written once with diesel's DSL,
//! run on the connection beneath it (`Direct`, `direct!`: see `beneath`);
//! only the few places where SQL really differs between the backends match
//! on the variant (see `insert_returning_id!` and `connection`), and the
//! enrolment path, where PostgreSQL does in one statement what SQLite needs
//! several for (`users::find_or_create`, `enrolments::place`; `Prepared`
//! keeps such statements prepared). Storage reads and writes rows; it
//! formats nothing and decides no rule, and its failures are its own
//! `Error`, which each caller maps to its own.

mod across;
pub mod agenda;
pub mod applications;
pub mod attendance;
pub mod audit;
mod beneath;
pub mod bookings;
pub mod branches;
pub mod brobygninger;
pub mod calendar;
pub mod certificates;
pub mod cohorts;
mod connection;
pub mod courses;
pub mod data_export;
pub mod declarations;
pub mod duty;
pub mod enrolments;
pub mod erasure;
pub mod evaluations;
pub mod evenings;
pub mod gate;
pub mod genlaer;
mod group_commit;
pub mod id_list;
pub mod imports;
pub mod invoices;
pub mod login_sessions;
pub mod login_throttle;
mod mapping;
pub mod notifications;
pub mod outbox;
mod prepared;
pub mod reminders;
pub mod retention;
pub mod schema;
pub mod second_factors;
pub mod session_messages;
pub mod sessions;
pub mod site_content;
mod stamp;
pub mod statistics;
pub mod supervision;
pub mod tasks;
pub mod tokens;
pub mod trends;
pub mod users;
pub mod volunteer_history;
pub mod volunteer_moves;
pub mod volunteer_settings;
pub mod volunteers;

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::connection::SimpleConnection;

pub use beneath::{Direct, columns_of};
pub use connection::{
    Backend, ConnectionManager, DbConnection, UrlError, connect_and_migrate, lock_for_setup,
    pending_migrations,
};
pub use prepared::{
    BoolInSql, Keep, Prepared, bool_in_sql, branch_in_sql, code_in_sql, day_in_sql, in_first,
};
pub use stamp::{MaybeStamp, Stamp};

pub type Pool = r2d2::Pool<ConnectionManager>;

/// What can go wrong in storage, as its callers see it. `NotFound` is kept
/// apart so that a missing row can become a 404 rather than a fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("database error")]
    Query(#[source] diesel::result::Error),
    #[error("no database connection")]
    Pool(#[from] r2d2::Error),
    #[error("the blocking thread pool failed")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("the write was not committed")]
    Commit(#[from] group_commit::CommitFailed),
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            other => Error::Query(other),
        }
    }
}

/// The pool plus the knowledge of which backend it talks to. Cloning is cheap.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
    /// SQLite only: writers queue here and commit together (`Db::write`).
    writers: Option<std::sync::Arc<group_commit::GroupCommit>>,
    statements: std::sync::Arc<AtomicU64>,
    /// Counts the writes this process has made (`Db::generation`).
    generation: std::sync::Arc<AtomicU64>,
}

impl Db {
    /// Connects, migrates and builds the pool. The first connection is made
    /// outside the pool so that a failure reports the driver's own message
    /// ("password authentication failed", "no such file") rather than a pool
    /// timeout.
    pub fn open(url: &str, pool_size: u32) -> Result<Db, anyhow::Error> {
        let backend = Backend::from_url(url)?;
        connect_and_migrate(&backend)?;
        let statements = std::sync::Arc::default();
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .connection_timeout(std::time::Duration::from_secs(10))
            // Requests check what they take out themselves (`checkout`):
            // r2d2's check is a round trip on every checkout.
            .test_on_check_out(false)
            // r2d2's default, stated because SQLite relies on it: a new
            // connection refreshes the planner's statistics
            // (`ConnectionManager::connect`), which SQLite advises doing now
            // and then.
            .max_lifetime(Some(std::time::Duration::from_secs(30 * 60)))
            .build(ConnectionManager::counting(
                backend.clone(),
                std::sync::Arc::clone(&statements),
            ))?;
        let writers = matches!(backend, Backend::Sqlite(_)).then(std::sync::Arc::default);
        Ok(Db {
            pool,
            backend,
            writers,
            statements,
            generation: std::sync::Arc::new(AtomicU64::new(0)),
        })
    }

    /// Statements the pool's connections have sent since start.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Connections open and idle in the pool, for monitoring.
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    /// The pool's ceiling.
    pub fn pool_size(&self) -> u32 {
        self.pool.max_size()
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Whether writers take turns (SQLite, `write`): a read that cannot
    /// change under a write is then best taken before its turn. Where
    /// writers go side by side (PostgreSQL), every statement is a round
    /// trip instead, and the write's own lock is the cheaper place to read.
    pub fn writes_in_turns(&self) -> bool {
        self.writers.is_some()
    }

    /// A connection for blocking code outside a request (start-up,
    /// command-line tools, tests). It may be used to write, so taking one
    /// counts as a write (`generation`): what callers write with it is
    /// seen by the requests that come after, as with start-up (before any
    /// request) and tests (one step after another). A request served
    /// while such a connection is still writing could cache what it read
    /// before the write: requests write through `write`.
    ///
    /// Pooled SQLite connections leave checkpoints to the write queue
    /// (`group_commit`), which such work does not pass through: this one
    /// checkpoints as SQLite does by itself (the generator writes a
    /// gigabyte through one) until a request takes it again.
    pub fn conn(&self) -> Result<r2d2::PooledConnection<ConnectionManager>, Error> {
        let mut conn = self.pool.get()?;
        if matches!(*conn, DbConnection::Sqlite(_)) {
            conn.batch_execute(SQLITE_AUTOCHECKPOINT)?;
            r2d2::PooledConnection::extensions_mut(&mut conn).insert(Autocheckpointing);
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(conn)
    }

    /// Changes whenever a write through this `Db` (or a clone of it) has
    /// finished (`write`), and whenever `conn` hands out a connection. Read
    /// it before reading the database, and what was read is current for as
    /// long as the generation stays the same. Another process's writes
    /// (another instance, the command line) do not count.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Runs blocking diesel work on actix's blocking thread pool, so that a
    /// slow query never stalls the async workers that serve other requests.
    /// The closure's error type is the caller's own: it only has to take in
    /// storage's (`From<Error>`) for a missing connection.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
    {
        self.block(None, false, f).await
    }

    /// Like `run`, for work that writes. SQLite has one writer at a time,
    /// its busy handler retries with growing sleeps (under load some
    /// writers starved for seconds), and each durable commit waits for the
    /// disk: writers queue in the process and those waiting together
    /// commit together (`group_commit`), answered only once committed.
    /// PostgreSQL locks rows and groups its commits itself: no queue.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
    {
        self.block(self.writers.clone(), true, f).await
    }

    /// Whether the database answers a trivial query within `within`: a
    /// health check must answer before the load balancer gives up on it,
    /// not after the pool's usual wait for a connection.
    pub async fn ping(&self, within: std::time::Duration) -> Result<(), Error> {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get_timeout(within)?;
            diesel::connection::SimpleConnection::batch_execute(&mut *conn, "SELECT 1")?;
            Ok(())
        })
        .await?
    }

    /// `f` with a pooled connection on the blocking thread pool, after
    /// taking its turn in `queue` if there is one. A write counts once `f`
    /// has returned (committed or rolled back), on the blocking thread: it
    /// counts even when the request that asked for it has gone.
    async fn block<T, E, F>(
        &self,
        queue: Option<std::sync::Arc<group_commit::GroupCommit>>,
        writes: bool,
        f: F,
    ) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
    {
        let pool = self.pool.clone();
        let generation = self.generation.clone();
        let writers = queue.clone();
        let result = actix_web::web::block(move || {
            let result = match writers {
                Some(writers) => writers.run(&pool, f),
                None => {
                    let mut conn = checkout(&pool)?;
                    f(&mut conn)
                }
            };
            if writes {
                generation.fetch_add(1, Ordering::SeqCst);
            }
            result
        })
        .await
        .map_err(Error::from)?;
        // After the answer, beside the next writers: nobody waits for it.
        if let Some(writers) = queue
            && writers.claim_checkpoint()
        {
            let backend = self.backend.clone();
            drop(actix_web::rt::task::spawn_blocking(move || {
                writers.checkpoint(&backend)
            }));
        }
        result
    }
}

/// SQLite's own setting: a commit that takes the log past a thousand pages
/// copies it back into the database file.
const SQLITE_AUTOCHECKPOINT: &str = "PRAGMA wal_autocheckpoint = 1000;";
/// A pooled connection's: checkpoints are the write queue's
/// (`group_commit`).
const NO_AUTOCHECKPOINT: &str = "PRAGMA wal_autocheckpoint = 0;";

/// Marks a pooled SQLite connection that `Db::conn` handed out: it
/// checkpoints as SQLite does by itself until a request takes it again
/// (`settle`).
struct Autocheckpointing;

/// A pooled connection back from work outside a request leaves checkpoints
/// to the write queue again (`group_commit`).
fn settle(conn: &mut r2d2::PooledConnection<ConnectionManager>) -> Result<(), Error> {
    if r2d2::PooledConnection::extensions_mut(conn)
        .remove::<Autocheckpointing>()
        .is_some()
    {
        connection::housekeeping(|| conn.batch_execute(NO_AUTOCHECKPOINT))?;
    }
    Ok(())
}

/// How long a PostgreSQL connection may have been out of use before it is
/// checked again on checkout.
const CHECK_AFTER_IDLE: std::time::Duration = std::time::Duration::from_secs(1);

/// When a pooled connection was last taken out.
struct TakenAt(std::time::Instant);

/// A connection from the pool for a request. A pooled PostgreSQL connection
/// may have died with a server restart, so one that has lain idle is asked
/// `SELECT 1` first; one in use a moment ago is not (under load, a round
/// trip per checkout was several per page). The pool hands out the most
/// recently returned connection first, so a busy site checks almost none.
/// A dead one is marked broken by diesel and dropped when it goes back;
/// the next is tried. An SQLite connection is a file handle that does not
/// break.
fn checkout(
    pool: &r2d2::Pool<ConnectionManager>,
) -> Result<r2d2::PooledConnection<ConnectionManager>, Error> {
    let mut tries = pool.max_size() + 1;
    loop {
        let mut conn = pool.get()?;
        settle(&mut conn)?;
        let recent = r2d2::PooledConnection::extensions(&conn)
            .get::<TakenAt>()
            .is_some_and(|t| t.0.elapsed() < CHECK_AFTER_IDLE);
        tries -= 1;
        let usable = recent
            || !matches!(*conn, DbConnection::Pg(_))
            || conn.batch_execute("SELECT 1").is_ok();
        if usable || tries == 0 {
            r2d2::PooledConnection::extensions_mut(&mut conn)
                .insert(TakenAt(std::time::Instant::now()));
            return Ok(conn);
        }
    }
}

/// Inserts `values` into `table` (a schema module in scope) and gives the
/// new row's id, returned with the insert (`RETURNING`) on both databases
/// (SQLite has had it since 3.35): one round trip instead of two, which
/// counts on busy paths like enrolment. The multi-backend connection has no
/// `RETURNING` of its own, hence `direct!`.
macro_rules! insert_returning_id {
    ($conn:expr, $table:ident, $values:expr) => {{
        let insert = diesel::insert_into($table::table).values($values);
        $crate::db::direct!($conn, |c| insert.returning($table::id).get_result::<i64>(c))
    }};
}
pub(crate) use insert_returning_id;

/// Runs `$body` with `$c` bound to the connection beneath `DbConnection`.
/// The body is the same DSL for both backends, compiled once for each.
///
/// Most statements need only `Direct`'s methods (`load_direct` and the
/// rest); this is for what those cannot take: what diesel's multi-backend
/// connection cannot run (`RETURNING`, `ON CONFLICT`), a boxed statement
/// (`into_boxed` fixes the backend in its type, so it is built in the body,
/// once for each), and a body of several calls. Why statements run beneath
/// the multi-backend connection at all: `beneath`.
macro_rules! direct {
    ($conn:expr, |$c:ident| $body:expr) => {{
        let conn: &mut $crate::db::DbConnection = $conn;
        match conn {
            $crate::db::DbConnection::Pg($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    }};
}
pub(crate) use direct;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// A LIKE pattern (with `\` as escape) for text containing `search`,
/// lower-cased to match `lower(column)`; `None` for an empty search.
pub fn contains_pattern(search: &str) -> Option<String> {
    let text = search.trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Some(format!("%{escaped}%"))
}

/// The current time as stored in the database: UTC without offset.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
