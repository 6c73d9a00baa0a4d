use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context as _;
use diesel::connection::{InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use diesel::r2d2::R2D2Connection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any advisory-lock key will do as long as every instance uses the same one.
const MIGRATION_LOCK_KEY: i64 = 0x6272_6f62_7967;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL names. Chosen by scheme, never by trial: diesel's
/// own `establish` for a multi-connection would try PostgreSQL and then
/// accept any string as an SQLite path, hiding the real error.
#[derive(Clone, PartialEq, Eq)]
pub enum Backend {
    Postgres(String),
    Sqlite(String),
}

/// A database URL that names no database we can open. It quotes only the
/// scheme: the rest of a URL may hold a password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(
        "the database URL has the scheme {0:?}, which Brobyg does not know; use postgres://…, \
         postgresql://…, sqlite://PATH, sqlite:PATH or a plain file path"
    )]
    UnknownScheme(String),
    #[error("the database URL names no SQLite file")]
    NoPath,
}

impl Backend {
    /// A typo in the scheme (`postgre://`, `sqllite:`) is refused rather
    /// than taken for a file name: that would start the site on a new,
    /// empty SQLite database and look like lost data.
    pub fn from_url(url: &str) -> Result<Backend, UrlError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Backend::Postgres(url.to_string()));
        }
        let path = match url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            Some(path) => path,
            None => match scheme(url) {
                Some(scheme) => return Err(UrlError::UnknownScheme(format!("{scheme}:"))),
                None => url,
            },
        };
        if path.is_empty() {
            return Err(UrlError::NoPath);
        }
        Ok(Backend::Sqlite(path.to_string()))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Backend::Postgres(_))
    }

    /// For logs and the start-up banner: never prints a password.
    pub fn describe(&self) -> String {
        match self {
            Backend::Sqlite(path) => format!("SQLite ({path})"),
            Backend::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(scheme), Some(at)) if at > scheme => {
                        format!("{}://…@{}", &url[..scheme], &url[at + 1..])
                    }
                    _ => url.clone(),
                };
                format!("PostgreSQL ({shown})")
            }
        }
    }

    pub(crate) fn establish(&self) -> Result<DbConnection, ConnectionError> {
        match self {
            Backend::Postgres(url) => PgConnection::establish(url).map(DbConnection::Pg),
            Backend::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // WAL is a property of the file and is set once at start-up;
                // these are per connection. `synchronous = FULL`: a commit
                // is on disk before anyone is told it happened (NORMAL would
                // lose the last commits to a power cut); writers share the
                // flush by committing together (`Db::write`). A national
                // database is hundreds of megabytes: reading it through a
                // memory map and a larger page cache (20 MB per connection
                // instead of 2) spares a copy of every page read from the
                // operating system's cache.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
                     PRAGMA cache_size = -20000; PRAGMA mmap_size = 1073741824;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

/// The scheme of a URL as RFC 3986 spells one (a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`), or `None` for a file path: no colon,
/// or text before it that no scheme has (a `/`, a leading `.`).
fn scheme(url: &str) -> Option<&str> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first.is_ascii_alphabetic() && rest_ok).then_some(head)
}

/// The same as `describe`, so that a backend in a log line or a failed
/// assertion never shows a password.
impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Creates the database file's folder, switches SQLite to WAL, and applies
/// pending migrations, all on one connection before any pool exists: doing
/// it per pooled connection races on a fresh file ("database is locked").
pub fn connect_and_migrate(backend: &Backend) -> anyhow::Result<()> {
    if let Backend::Sqlite(path) = backend
        && let Some(dir) = Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create the folder {}", dir.display()))?;
    }
    let mut conn = backend
        .establish()
        .with_context(|| format!("could not connect to {}", backend.describe()))?;
    match &mut conn {
        DbConnection::Sqlite(c) => {
            c.batch_execute("PRAGMA journal_mode = WAL;")?;
            c.run_pending_migrations(SQLITE_MIGRATIONS)
                .map_err(|e| anyhow::anyhow!("migrating SQLite failed: {e}"))?;
        }
        DbConnection::Pg(c) => {
            // Several instances may start at once against one database.
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|_| ())
                .map_err(|e| anyhow::anyhow!("migrating PostgreSQL failed: {e}"));
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
            result?;
        }
    }
    Ok(())
}

/// The migrations the database has not had yet, by name, found without
/// running them or changing anything: for `brobyg check`. An SQLite file
/// that does not exist is reported, not created; a PostgreSQL server gets
/// ten seconds to answer.
pub fn pending_migrations(backend: &Backend) -> anyhow::Result<Vec<String>> {
    let checked = match backend {
        Backend::Sqlite(path) => {
            if !Path::new(path).exists() {
                anyhow::bail!(
                    "the SQLite file {path} does not exist (the site makes it at its first start)"
                );
            }
            backend.clone()
        }
        Backend::Postgres(url) if !url.contains("connect_timeout") => {
            let joiner = if url.contains('?') { '&' } else { '?' };
            Backend::Postgres(format!("{url}{joiner}connect_timeout=10"))
        }
        Backend::Postgres(_) => backend.clone(),
    };
    let mut conn = checked
        .establish()
        .with_context(|| format!("could not connect to {}", backend.describe()))?;
    // diesel makes its bookkeeping table when it looks for pending
    // migrations: done in a transaction that is rolled back, the check
    // leaves the database as it found it.
    struct Found(Result<Vec<String>, String>);
    impl From<diesel::result::Error> for Found {
        fn from(e: diesel::result::Error) -> Self {
            Found(Err(e.to_string()))
        }
    }
    fn names<DB: diesel::backend::Backend>(
        pending: diesel::migration::Result<Vec<Box<dyn diesel::migration::Migration<DB>>>>,
    ) -> Found {
        Found(
            pending
                .map(|list| list.iter().map(|m| m.name().to_string()).collect())
                .map_err(|e| e.to_string()),
        )
    }
    let result: Result<(), Found> = match &mut conn {
        DbConnection::Sqlite(c) => {
            c.transaction(|c| Err(names(c.pending_migrations(SQLITE_MIGRATIONS))))
        }
        DbConnection::Pg(c) => {
            c.transaction(|c| Err(names(c.pending_migrations(POSTGRES_MIGRATIONS))))
        }
    };
    match result {
        Err(Found(Ok(pending))) => Ok(pending),
        Err(Found(Err(e))) => Err(anyhow::anyhow!(
            "could not read the applied migrations: {e}"
        )),
        Ok(()) => Ok(Vec::new()),
    }
}

/// Within a transaction: waits for any other instance that is setting up the
/// same PostgreSQL database (migrating, loading the demo) and keeps them
/// waiting until this transaction ends. On SQLite one instance owns the
/// file, so there is nothing to wait for.
pub fn lock_for_setup(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        pg.batch_execute(&format!(
            "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
        ))?;
    }
    Ok(())
}

/// An r2d2 manager that builds the right variant for the configured backend.
pub struct ConnectionManager {
    backend: Backend,
    statements: Arc<AtomicU64>,
}

impl ConnectionManager {
    pub fn new(backend: Backend) -> Self {
        ConnectionManager {
            backend,
            statements: Arc::default(),
        }
    }

    /// Counts into `statements` every statement its connections send.
    pub fn counting(backend: Backend, statements: Arc<AtomicU64>) -> Self {
        ConnectionManager {
            backend,
            statements,
        }
    }
}

thread_local! {
    /// Set while a pooled connection is being set back to how the pool
    /// keeps it (`housekeeping`).
    static HOUSEKEEPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, whose statements put a pooled connection back to how the pool
/// keeps it, without counting them: they are no statement a request needs,
/// as the settings a connection gets when it opens are not, and the
/// statement budgets (tests, benchmark) would otherwise count one for each
/// connection that work outside a request had used.
pub(super) fn housekeeping<T>(f: impl FnOnce() -> T) -> T {
    HOUSEKEEPING.with(|h| h.set(true));
    let result = f();
    HOUSEKEEPING.with(|h| h.set(false));
    result
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = ConnectionError;

    fn connect(&self) -> Result<DbConnection, ConnectionError> {
        let mut conn = self.backend.establish()?;
        // SQLite's planner needs statistics (`sqlite_stat1`), which only
        // ANALYZE writes. SQLite's advice for long-lived connections is
        // this call when one opens: it analyses, within a time limit, the
        // tables that have none or have grown 25-fold. The pool opens its
        // connections again every half hour (`Db::open`). Here and not in
        // `establish`: a backup, a migration or `brobyg check` should not
        // write to the file for the sake of plans it never makes.
        //
        // Its commits leave checkpoints to the write queue, which runs them
        // beside the writers instead of inside a batch's turn
        // (`group_commit`); `Db::conn` turns SQLite's own back on for work
        // outside the queue. Both before the counting below: neither is a
        // statement a request sends.
        if let DbConnection::Sqlite(sqlite) = &mut conn {
            sqlite
                .batch_execute(&format!(
                    "PRAGMA optimize = 0x10002; {}",
                    super::NO_AUTOCHECKPOINT
                ))
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
        }
        // Every round trip counts, BEGIN and COMMIT included: `/metrics`
        // shows the total, and the benchmark divides it by the enrolments
        // it made (an extra statement per request shows at once).
        let statements = Arc::clone(&self.statements);
        let mut started = None;
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| match event {
            InstrumentationEvent::StartQuery { .. } => {
                if !HOUSEKEEPING.with(std::cell::Cell::get) {
                    statements.fetch_add(1, Ordering::Relaxed);
                }
                // `RUST_LOG=brobyg::sql=trace` lists each statement of a
                // request with its time, to find the ones it does not need.
                if tracing::enabled!(target: "brobyg::sql", tracing::Level::TRACE) {
                    started = Some(std::time::Instant::now());
                }
            }
            InstrumentationEvent::FinishQuery { query, .. } => {
                if let Some(at) = started.take() {
                    // The values bound are left out: they hold addresses
                    // and names.
                    let text = query.to_string();
                    let sql = text.split(" -- binds: ").next().unwrap_or_default();
                    let micros = at.elapsed().as_micros();
                    tracing::trace!(target: "brobyg::sql", micros, "{sql}");
                }
            }
            _ => {}
        });
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectionError> {
        conn.batch_execute("SELECT 1")
            .map_err(ConnectionError::CouldntSetupConfiguration)
    }

    /// Called as a connection goes back to the pool, so it must not touch
    /// the server. diesel keeps the state of each connection's transactions:
    /// one left open by a panic, or one whose rollback failed, is broken. For
    /// PostgreSQL that state also covers a connection the server has gone
    /// from: after the first query that fails on it, libpq reports the
    /// transaction status as unknown and diesel marks the connection in
    /// error. A PostgreSQL connection that died while idle in the pool is
    /// only found at its next checkout, by `is_valid`.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || R2D2Connection::is_broken(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(url: &str) -> Backend {
        Backend::from_url(url).expect("an accepted URL")
    }

    #[test]
    fn backend_is_chosen_by_scheme() {
        assert!(backend("postgres://u@h/db").is_postgres());
        assert!(backend("postgresql://u@h/db").is_postgres());
        assert_eq!(
            backend("data/x.sqlite3"),
            Backend::Sqlite("data/x.sqlite3".into())
        );
        assert_eq!(
            backend("sqlite://data/x.sqlite3"),
            Backend::Sqlite("data/x.sqlite3".into())
        );
    }

    #[test]
    fn sqlite_is_a_path_or_an_sqlite_url() {
        for (url, path) in [
            ("sqlite:data/x.sqlite3", "data/x.sqlite3"),
            ("sqlite:///tmp/x/brobyg.sqlite3", "/tmp/x/brobyg.sqlite3"),
            ("/tmp/x/brobyg.sqlite3", "/tmp/x/brobyg.sqlite3"),
            ("brobyg.sqlite3", "brobyg.sqlite3"),
            ("./data/brobyg.sqlite3", "./data/brobyg.sqlite3"),
            // A colon after the first `/` or `.` is part of a file name.
            (
                "data/2026-12-01T10:00.sqlite3",
                "data/2026-12-01T10:00.sqlite3",
            ),
            ("./x:y.sqlite3", "./x:y.sqlite3"),
        ] {
            assert_eq!(backend(url), Backend::Sqlite(path.into()), "{url}");
        }
    }

    #[test]
    fn unknown_schemes_are_refused_and_named() {
        for (url, scheme) in [
            ("postgre://u@h/db", "postgre:"),
            ("mysql://u:pw@h/db", "mysql:"),
            ("sqllite:x", "sqllite:"),
            ("POSTGRES://u@h/db", "POSTGRES:"),
            ("postgres:u@h/db", "postgres:"),
            ("file:data.sqlite3", "file:"),
        ] {
            assert_eq!(
                Backend::from_url(url),
                Err(UrlError::UnknownScheme(scheme.into())),
                "{url}"
            );
        }
        let message = Backend::from_url("mysql://u:hemmelig@h/db")
            .expect_err("refused")
            .to_string();
        assert!(message.contains("\"mysql:\""), "{message}");
        assert!(message.contains("postgres://"), "{message}");
        assert!(message.contains("sqlite:PATH"), "{message}");
        assert!(!message.contains("hemmelig"), "{message}");
    }

    #[test]
    fn an_sqlite_url_must_name_a_file() {
        assert_eq!(Backend::from_url("sqlite://"), Err(UrlError::NoPath));
        assert_eq!(Backend::from_url("sqlite:"), Err(UrlError::NoPath));
        assert_eq!(Backend::from_url(""), Err(UrlError::NoPath));
    }

    #[test]
    fn a_connection_left_in_a_transaction_is_broken() {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.sqlite3").display().to_string();
        let manager = ConnectionManager::new(Backend::Sqlite(path));
        let mut conn = r2d2::ManageConnection::connect(&manager).expect("connect");
        assert!(!r2d2::ManageConnection::has_broken(&manager, &mut conn));
        let DbConnection::Sqlite(sqlite) = &mut conn else {
            unreachable!("an SQLite backend makes SQLite connections")
        };
        AnsiTransactionManager::begin_transaction(sqlite).expect("begin");
        assert!(r2d2::ManageConnection::has_broken(&manager, &mut conn));
    }

    #[test]
    fn a_pooled_connection_gives_the_planner_statistics_for_tables_without() {
        let dir = tempfile::tempdir().expect("tempdir");
        let backend = Backend::Sqlite(dir.path().join("x.sqlite3").display().to_string());
        let manager = ConnectionManager::new(backend.clone());
        let pooled = || match r2d2::ManageConnection::connect(&manager).expect("connect") {
            DbConnection::Sqlite(sqlite) => sqlite,
            DbConnection::Pg(_) => unreachable!("an SQLite backend makes SQLite connections"),
        };
        let mut first = pooled();
        first
            .batch_execute(
                "CREATE TABLE seats (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL);
                 CREATE INDEX seats_session_idx ON seats (session_id);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                 INSERT INTO seats (session_id) SELECT i % 20 FROM n;",
            )
            .expect("a table with rows");
        #[derive(QueryableByName)]
        struct Stat {
            #[diesel(sql_type = diesel::sql_types::Text)]
            stat: String,
        }
        let stats = |c: &mut SqliteConnection| -> Vec<String> {
            diesel::sql_query("SELECT stat FROM sqlite_stat1 WHERE idx = 'seats_session_idx'")
                .load::<Stat>(c)
                .map(|rows| rows.into_iter().map(|r| r.stat).collect())
                // No table yet: nothing was ever analysed.
                .unwrap_or_default()
        };
        assert_eq!(stats(&mut first), Vec::<String>::new());
        // A connection outside the pool (a backup, `brobyg check`) leaves
        // the file as it is.
        let DbConnection::Sqlite(mut outside) = backend.establish().expect("connect") else {
            unreachable!("an SQLite backend makes SQLite connections")
        };
        assert_eq!(stats(&mut outside), Vec::<String>::new());
        // 500 rows, 25 per session.
        assert_eq!(stats(&mut pooled()), vec!["500 25".to_string()]);
    }

    /// A statement whose plan may depend on a bound value (STAT4's
    /// samples, a `LIMIT ?`) is compiled again each time a value is bound.
    /// The build settles plans without bound values (`.cargo/config.toml`):
    /// a build that lost that setting would pay it on every page without
    /// failing anything else.
    #[test]
    fn sqlite_plans_without_looking_at_bound_values() {
        #[derive(QueryableByName)]
        struct Used {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            stat4: i32,
            #[diesel(sql_type = diesel::sql_types::Integer)]
            qpsg: i32,
        }
        let mut conn = SqliteConnection::establish(":memory:").expect("in memory");
        let used = diesel::sql_query(
            "SELECT sqlite_compileoption_used('ENABLE_STAT4') AS stat4, \
             sqlite_compileoption_used('ENABLE_QPSG') AS qpsg",
        )
        .get_result::<Used>(&mut conn)
        .expect("compile options");
        assert_eq!((used.stat4, used.qpsg), (0, 1));
    }

    #[test]
    fn description_hides_the_password() {
        let b = backend("postgres://brobyg:hemmelig@db.example:5432/brobyg");
        assert!(!format!("{b:?}").contains("hemmelig"));
        assert_eq!(
            b.describe(),
            "PostgreSQL (postgres://…@db.example:5432/brobyg)"
        );
    }
}
