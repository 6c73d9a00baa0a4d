use std::path::Path;

use anyhow::Context as _;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Postgres(String),
    Sqlite(String),
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(url.to_string())
        } else {
            let path = url
                .strip_prefix("sqlite://")
                .or_else(|| url.strip_prefix("sqlite:"))
                .unwrap_or(url);
            Backend::Sqlite(path.to_string())
        }
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

    fn establish(&self) -> Result<DbConnection, ConnectionError> {
        match self {
            Backend::Postgres(url) => PgConnection::establish(url).map(DbConnection::Pg),
            Backend::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // WAL is a property of the file and is set once at start-up;
                // these are per connection. A national database is hundreds
                // of megabytes: reading it through a memory map and a larger
                // page cache (20 MB per connection instead of 2) spares a
                // copy of every page read from the operating system's cache.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
                     PRAGMA cache_size = -20000; PRAGMA mmap_size = 1073741824;",
                )
                .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
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

/// An r2d2 manager that builds the right variant for the configured backend.
pub struct ConnectionManager {
    backend: Backend,
}

impl ConnectionManager {
    pub fn new(backend: Backend) -> Self {
        ConnectionManager { backend }
    }
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = ConnectionError;

    fn connect(&self) -> Result<DbConnection, ConnectionError> {
        self.backend.establish()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectionError> {
        conn.batch_execute("SELECT 1")
            .map_err(ConnectionError::CouldntSetupConfiguration)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_is_chosen_by_scheme() {
        assert!(Backend::from_url("postgres://u@h/db").is_postgres());
        assert!(Backend::from_url("postgresql://u@h/db").is_postgres());
        assert_eq!(
            Backend::from_url("data/x.sqlite3"),
            Backend::Sqlite("data/x.sqlite3".into())
        );
        assert_eq!(
            Backend::from_url("sqlite://data/x.sqlite3"),
            Backend::Sqlite("data/x.sqlite3".into())
        );
    }

    #[test]
    fn description_hides_the_password() {
        let b = Backend::from_url("postgres://brobyg:hemmelig@db.example:5432/brobyg");
        assert_eq!(
            b.describe(),
            "PostgreSQL (postgres://…@db.example:5432/brobyg)"
        );
    }
}
