//! `brobyg backup PATH` and `brobyg restore PATH`.
//!
//! A backup is a consistent copy taken while the site runs: it holds every
//! write committed before it began, and nothing half-written.
//! - SQLite: `VACUUM INTO`, which reads one snapshot of the database (WAL
//!   lets the site go on writing meanwhile) into a new, compact file.
//! - PostgreSQL: `pg_dump --format=custom`, which reads one snapshot too.
//!   It needs the PostgreSQL client tools on `PATH`.
//!
//! A restore goes only onto an **empty** database: one that does not exist
//! yet, has no tables, or is a Brobyg database without a single account
//! (no row in `users`; a freshly migrated database is empty). Anything else
//! is refused, so a restore never overwrites live data. The backup carries
//! its schema version (`__diesel_schema_migrations`); after restoring, the
//! pending migrations of this version of Brobyg are applied.
//!
//! Restore with the site stopped: an SQLite restore replaces the file.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::db::{Backend, DbConnection, connect_and_migrate};

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} already exists; a backup never overwrites a file", .0.display())]
    TargetExists(PathBuf),
    #[error("there is no SQLite database at {0}")]
    NoDatabase(String),
    #[error("{} is not a usable backup: {reason}", .path.display())]
    NotABackup { path: PathBuf, reason: String },
    #[error("the database is not empty ({users} accounts); restore only onto an empty database")]
    NotEmpty { users: i64 },
    #[error(
        "the database has tables but no `users` table, so it is not a Brobyg database; \
         restore only onto an empty database"
    )]
    Foreign,
    #[error(
        "{tool} was not found on PATH; install the PostgreSQL client tools (the server's \
         major version or newer), e.g. `apt install postgresql-client`"
    )]
    ToolMissing { tool: &'static str },
    #[error("{tool} failed ({status}): {stderr}")]
    ToolFailed {
        tool: &'static str,
        status: ExitStatus,
        stderr: String,
    },
    #[error("could not {what}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not connect to the database")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database error")]
    Query(#[from] diesel::result::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let what = what.into();
    move |source| Error::Io { what, source }
}

/// Writes a consistent copy of the database at `url` to `target`, which
/// must not exist yet.
pub fn backup(url: &str, target: &Path) -> Result<(), Error> {
    let backend = Backend::from_url(url).map_err(anyhow::Error::from)?;
    if target.exists() {
        return Err(Error::TargetExists(target.to_path_buf()));
    }
    let result = match &backend {
        Backend::Sqlite(path) => sqlite_backup(&backend, path, target),
        Backend::Postgres(url) => run(
            "pg_dump",
            &[
                "--format=custom".into(),
                format!("--file={}", target.display()),
                format!("--dbname={url}"),
            ],
        ),
    };
    if result.is_err() && target.exists() {
        // A half-written backup must not pass for a good one.
        let _ = std::fs::remove_file(target);
    }
    result
}

fn sqlite_backup(backend: &Backend, path: &str, target: &Path) -> Result<(), Error> {
    if !Path::new(path).exists() {
        return Err(Error::NoDatabase(path.to_string()));
    }
    let target = target.to_str().ok_or_else(|| Error::NotABackup {
        path: target.to_path_buf(),
        reason: "the path is not UTF-8".into(),
    })?;
    let DbConnection::Sqlite(conn) = &mut backend.establish()? else {
        unreachable!("an SQLite backend makes SQLite connections")
    };
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(conn)?;
    Ok(())
}

/// Restores the backup at `source` onto the database at `url`, which must
/// be empty (see the module's documentation), then applies this version's
/// pending migrations.
pub fn restore(url: &str, source: &Path) -> Result<(), Error> {
    let backend = Backend::from_url(url).map_err(anyhow::Error::from)?;
    if !source.is_file() {
        return Err(Error::NotABackup {
            path: source.to_path_buf(),
            reason: "no such file".into(),
        });
    }
    match &backend {
        Backend::Sqlite(path) => sqlite_restore(path, source)?,
        Backend::Postgres(url) => {
            ensure_empty(&mut backend.establish()?)?;
            // `--clean --if-exists`: an empty database may already hold the
            // migrated schema (no rows); the backup's tables replace it.
            run(
                "pg_restore",
                &[
                    "--no-owner".into(),
                    "--no-acl".into(),
                    "--clean".into(),
                    "--if-exists".into(),
                    "--single-transaction".into(),
                    "--exit-on-error".into(),
                    format!("--dbname={url}"),
                    source.display().to_string(),
                ],
            )?;
        }
    }
    connect_and_migrate(&backend)?;
    Ok(())
}

fn sqlite_restore(path: &str, source: &Path) -> Result<(), Error> {
    let target = Path::new(path);
    let backend = Backend::Sqlite(path.to_string());
    if target.exists() {
        // Closed at the end of the block, before the file is replaced.
        ensure_empty(&mut backend.establish()?)?;
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(format!("create the folder {}", dir.display())))?;
    }
    // Copied beside the target and checked there, then renamed into place:
    // the target is either untouched or the whole backup.
    let staged = PathBuf::from(format!("{path}.restoring"));
    remove_database_files(&staged)?;
    std::fs::copy(source, &staged).map_err(io(format!(
        "copy {} to {}",
        source.display(),
        staged.display()
    )))?;
    if let Err(e) = check_sqlite_backup(&staged) {
        let _ = remove_database_files(&staged);
        return Err(match e {
            Error::NotABackup { reason, .. } => Error::NotABackup {
                path: source.to_path_buf(),
                reason,
            },
            other => other,
        });
    }
    remove_database_files(target)?;
    std::fs::rename(&staged, target).map_err(io(format!(
        "move {} to {}",
        staged.display(),
        target.display()
    )))?;
    Ok(())
}

/// A backup must be an intact SQLite database that Brobyg's migrations made.
fn check_sqlite_backup(path: &Path) -> Result<(), Error> {
    let not_a_backup = |reason: String| Error::NotABackup {
        path: path.to_path_buf(),
        reason,
    };
    let integrity = sqlite_integrity_check(path).map_err(|e| not_a_backup(e.to_string()))?;
    if integrity != ["ok"] {
        return Err(not_a_backup(format!(
            "integrity check: {}",
            integrity.join("; ")
        )));
    }
    let mut conn = SqliteConnection::establish(&path.display().to_string())?;
    if !sqlite_has_table(&mut conn, "__diesel_schema_migrations")? {
        return Err(not_a_backup("it holds no Brobyg schema".into()));
    }
    Ok(())
}

/// `PRAGMA integrity_check` of the SQLite database at `path`: `["ok"]`, or
/// the problems found.
pub fn sqlite_integrity_check(path: &Path) -> Result<Vec<String>, Error> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        integrity_check: String,
    }
    let mut conn = SqliteConnection::establish(&path.display().to_string())?;
    let rows: Vec<Row> = diesel::sql_query("PRAGMA integrity_check").load(&mut conn)?;
    Ok(rows.into_iter().map(|r| r.integrity_check).collect())
}

/// Removes an SQLite database file with its WAL and shared-memory files.
fn remove_database_files(path: &Path) -> Result<(), Error> {
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(format!("remove {}", file.display()))(e)),
        }
    }
    Ok(())
}

/// Empty: no tables at all, or a Brobyg schema without a single account.
fn ensure_empty(conn: &mut DbConnection) -> Result<(), Error> {
    let (tables, has_users) = match conn {
        DbConnection::Sqlite(c) => (
            diesel::select(diesel::dsl::sql::<BigInt>(
                "(SELECT count(*) FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%')",
            ))
            .get_result::<i64>(c)?,
            sqlite_has_table(c, "users")?,
        ),
        DbConnection::Pg(c) => (
            diesel::select(diesel::dsl::sql::<BigInt>(
                "(SELECT count(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema())",
            ))
            .get_result::<i64>(c)?,
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "to_regclass('users') IS NOT NULL",
            ))
            .get_result::<bool>(c)?,
        ),
    };
    if tables == 0 {
        return Ok(());
    }
    if !has_users {
        return Err(Error::Foreign);
    }
    match crate::db::users::count(conn)? {
        0 => Ok(()),
        users => Err(Error::NotEmpty { users }),
    }
}

fn sqlite_has_table(conn: &mut SqliteConnection, name: &str) -> QueryResult<bool> {
    diesel::select(
        diesel::dsl::sql::<diesel::sql_types::Bool>(
            "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ",
        )
        .bind::<Text, _>(name)
        .sql(")"),
    )
    .get_result(conn)
}

/// Runs one of the PostgreSQL client tools, or says clearly that it is
/// missing.
fn run(tool: &'static str, args: &[String]) -> Result<(), Error> {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::ToolMissing { tool });
        }
        Err(e) => return Err(io(format!("run {tool}"))(e)),
    };
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::ToolFailed {
            tool,
            status: output.status,
            stderr: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tool_is_named_with_how_to_install_it() {
        let e = run("pg_dump-that-does-not-exist", &[]).expect_err("missing");
        assert!(matches!(e, Error::ToolMissing { .. }), "{e:?}");
        let message = e.to_string();
        assert!(message.contains("pg_dump-that-does-not-exist"), "{message}");
        assert!(message.contains("PostgreSQL client tools"), "{message}");
    }
}
