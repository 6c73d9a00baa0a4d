//! A database per test: SQLite in a temporary folder, or, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, a new database there.
//!
//! A PostgreSQL test database is a copy of a template that holds the
//! migrated schema (`CREATE DATABASE … TEMPLATE`), as crates.io's test
//! databases are: copying takes a fraction of the time that running every
//! migration takes, and every test pays it; the copies are made ahead, on a
//! thread of their own (`ready_copy`). Dropping a database makes the
//! server write a checkpoint, so finished tests' databases are dropped on
//! threads of their own rather than on the test's.

use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Mutex, OnceLock, PoisonError};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::{Connection, RunQueryDsl};

use super::random_suffix;

/// A database that exists for one test and is removed after it, with a
/// data folder of its own (written emails land there).
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
    data: tempfile::TempDir,
}

impl TestDatabase {
    pub fn fresh() -> TestDatabase {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(admin_url) => {
                let name = match owner() {
                    Some(_) => ready_copy(&admin_url),
                    // Nothing could tell later that copies made ahead were
                    // abandoned: copy on demand.
                    None => copy(&mut connect(&admin_url), template(&admin_url)),
                };
                TestDatabase {
                    url: database_url(&admin_url, &name),
                    _dir: None,
                    pg: Some((admin_url, name)),
                    data: tempfile::tempdir().expect("temporary folder"),
                }
            }
            None => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = dir.path().join("brobyg.sqlite3").display().to_string();
                TestDatabase {
                    url,
                    _dir: Some(dir),
                    pg: None,
                    data: tempfile::tempdir().expect("temporary folder"),
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    pub fn data_dir(&self) -> std::path::PathBuf {
        self.data.path().to_path_buf()
    }

    /// Ends every connection to the database from outside, as a server
    /// restart would (PostgreSQL only); the database stays.
    pub fn end_connections(&self) {
        if let Some((admin_url, name)) = &self.pg {
            let mut admin = PgConnection::establish(admin_url).expect("admin connection");
            admin
                .batch_execute(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ))
                .expect("connections ended");
        }
    }

    /// Makes the database unreachable (PostgreSQL only): it is dropped with
    /// every open connection.
    pub fn drop_now(&mut self) {
        if let Some((admin_url, name)) = self.pg.take() {
            drop_database(&admin_url, &name);
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Later only where a later process can tell that this one has
        // exited, and drop what its queue still held (`drop_abandoned`).
        if owner().is_none() {
            self.drop_now();
        } else if let Some((admin_url, name)) = self.pg.take() {
            drop_later(&admin_url, name);
        }
    }
}

/// A new copy of the template, named so that a later process can tell
/// whether the one that made it still runs.
fn copy(admin: &mut PgConnection, template: &str) -> String {
    let name = match owner() {
        Some(owner) => format!("brobyg_test_{owner}_{}", random_suffix()),
        None => format!("brobyg_test_{}", random_suffix()),
    };
    admin
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .expect("create test database");
    // Commits need not wait for the disk in a database that is thrown
    // away. Settings of a database are not copied with it, so each copy
    // gets its own.
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {name} SET synchronous_commit = off"
        ))
        .expect("test database settings");
    name
}

/// How many copies wait ready for the next tests.
const COPIES_AHEAD: usize = 2;

/// A copy of the template made ahead of the test that takes it. Copying is
/// mostly the server writing the new database to its log; made on a thread
/// of its own, it overlaps with the tests' work instead of adding to each
/// test's time. Copies left when the process exits are dropped by a later
/// process (`drop_abandoned`), like queued drops.
fn ready_copy(admin_url: &str) -> String {
    static READY: OnceLock<Mutex<Receiver<String>>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let template = template(admin_url);
        let mut admin = connect(admin_url);
        let (copies, ready) = sync_channel(COPIES_AHEAD);
        std::thread::spawn(move || {
            // Ends when the receiving side is gone, at the process's exit.
            while copies.send(copy(&mut admin, template)).is_ok() {}
        });
        Mutex::new(ready)
    });
    ready
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .recv()
        .expect("the thread that copies the template stopped (see its panic above)")
}

fn connect(admin_url: &str) -> PgConnection {
    PgConnection::establish(admin_url)
        .expect("TEST_DATABASE_URL must name a reachable PostgreSQL server")
}

/// `admin_url` with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .expect("TEST_DATABASE_URL ends in a database name");
    format!("{base}/{name}")
}

fn drop_database(admin_url: &str, name: &str) {
    if let Ok(mut admin) = PgConnection::establish(admin_url) {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

/// Drops `name` on a thread of its own. Drops that overlap share the
/// server's checkpoints; whatever is not dropped when the process exits is
/// left for the next test process.
fn drop_later(admin_url: &str, name: String) {
    let admin_url = admin_url.to_string();
    std::thread::spawn(move || drop_database(&admin_url, &name));
}

/// Where process ids mean something (this machine's boot and process id
/// namespace, hashed: containers share a boot but not their process ids)
/// and this process's id, as a test database's name holds them
/// (`brobyg_test_<where>_<pid>_<random>`), so that a later process there
/// can tell whether the one that made it still runs. `None` where `/proc`
/// cannot tell (not Linux): databases are then dropped at once, on the
/// test's thread.
fn owner() -> Option<String> {
    use sha2::{Digest, Sha256};
    static OWNER: OnceLock<Option<String>> = OnceLock::new();
    OWNER
        .get_or_init(|| {
            let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
            let pids = std::fs::read_link("/proc/self/ns/pid").ok()?;
            let place = Sha256::digest(format!("{boot}\0{}", pids.display()));
            Some(format!("{}_{}", hex(&place[..4]), std::process::id()))
        })
        .clone()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Drops the test databases that processes on this machine left behind
/// when they exited (their last tests' databases, still queued).
fn drop_abandoned(admin: &mut PgConnection, admin_url: &str) {
    let Some(owner) = owner() else { return };
    let Some((place, _)) = owner.split_once('_') else {
        return;
    };
    let names: Vec<String> = diesel::select(diesel::dsl::sql::<
        diesel::sql_types::Array<diesel::sql_types::Text>,
    >("ARRAY(SELECT datname::text FROM pg_database)"))
    .get_result(admin)
    .expect("list databases");
    let prefix = format!("brobyg_test_{place}_");
    for name in names {
        let Some((pid, _)) = name.strip_prefix(&prefix).and_then(|r| r.split_once('_')) else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            drop_database(admin_url, &name);
        }
    }
}

/// Any advisory-lock key will do as long as every test process uses it.
const TEMPLATE_LOCK_KEY: i64 = 0x0062_726f_6274_706c;

/// The name of the template database with the current migrations, made
/// once per test process and shared by every process (and every checkout)
/// whose migrations are the same: the name holds a hash of them.
/// Templates of other migrations are left alone: another checkout may be
/// copying them.
fn template(admin_url: &str) -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let name = format!("brobyg_tpl_{}", migrations_hash());
        let mut admin = connect(admin_url);
        // Another test process may be making the same template; the one
        // that takes the lock first makes it, the others find it made.
        admin
            .batch_execute(&format!("SELECT pg_advisory_lock({TEMPLATE_LOCK_KEY})"))
            .expect("template lock");
        drop_abandoned(&mut admin, admin_url);
        let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}')"
        )))
        .get_result(&mut admin)
        .expect("look for the template");
        if !exists {
            make_template(&mut admin, admin_url, &name);
        }
        admin
            .batch_execute(&format!("SELECT pg_advisory_unlock({TEMPLATE_LOCK_KEY})"))
            .expect("template unlock");
        name
    })
}

/// Migrates a database under a temporary name and only then gives it the
/// template's name, so a process that died half-way never leaves a
/// half-migrated template behind for others to copy.
fn make_template(admin: &mut PgConnection, admin_url: &str, name: &str) {
    let building = format!("{name}_building");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
        .expect("remove a half-made template");
    admin
        .batch_execute(&format!("CREATE DATABASE {building}"))
        .expect("create the template database");
    let backend = brobyg::db::Backend::from_url(&database_url(admin_url, &building))
        .expect("a PostgreSQL URL");
    // Its connection is closed when it returns: a database that anyone is
    // connected to cannot be copied.
    brobyg::db::connect_and_migrate(&backend).expect("migrate the template");
    // One transaction: the name appears only with the template flag. No
    // connections at all from now on, so that copying never fails.
    admin
        .batch_execute(&format!(
            "ALTER DATABASE {building} RENAME TO {name}; \
             ALTER DATABASE {name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false;"
        ))
        .expect("turn the database into a template");
}

/// A hash of the PostgreSQL migrations' paths and contents, read from the
/// source tree (the test binary embeds the same files).
fn migrations_hash() -> String {
    use sha2::{Digest, Sha256};
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read the migrations folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut all = Vec::new();
    files(&root, &mut all);
    all.sort();
    let mut hasher = Sha256::new();
    for path in all {
        let relative = path.strip_prefix(&root).expect("under the root");
        hasher.update(relative.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(std::fs::read(&path).expect("read a migration"));
        hasher.update([0]);
    }
    hex(&hasher.finalize()[..8])
}
