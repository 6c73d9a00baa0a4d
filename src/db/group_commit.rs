//! SQLite's writers, committed together. SQLite has one writer at a time,
//! and a durable commit (`synchronous = FULL`) waits for the disk to flush
//! the log: a fifth of a millisecond here, more than the enrolment itself.
//! So writers queue in the process, and whoever takes the turn runs every
//! writer waiting at that moment in one transaction, each in its own
//! savepoint (diesel nests each writer's `transaction` as one), and
//! commits once. Nobody hears of their write before that commit: an
//! acknowledged write is on disk, as with one commit each.
//!
//! A writer that fails is rolled back to its savepoint and gets its error;
//! the others are unaffected. If the commit itself fails, every writer in
//! the batch gets that error. A writer that panics takes its batch down
//! with it (the connection is then discarded, as broken).
//!
//! The queue is the leader/follower pattern of LevelDB's writers: a writer
//! adds itself, then waits until a batch has answered it or the turn is
//! free, and with the turn runs whatever is waiting as one batch.
//!
//! SQLite copies its log back into the database file (a checkpoint) in the
//! commit that takes the log past a thousand pages, and flushes the file:
//! inside a batch's turn, where every writer waits for it. Under the
//! benchmark's enrolments that was many times a second, and it bounded
//! them (BENCHMARKS.md, issue 20). Pooled connections do not checkpoint
//! (`ConnectionManager::connect`); `checkpoint` does it beside the
//! writers, on a connection of its own, which SQLite allows in WAL mode (a
//! passive checkpoint takes no lock a writer needs), at most every
//! `CHECKPOINT_EVERY` (`Db::write`).

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::SimpleConnection;

use super::{Backend, DbConnection, Error, Pool};

/// What the leader does with one writer: run it on the batch's connection,
/// and keep its answer until the batch's commit says whether it stands.
type Job = Box<dyn FnOnce(&mut DbConnection) -> Delivery + Send>;
/// Hands a writer its answer once the batch has committed (`None`) or
/// failed to (`Some`: why).
type Delivery = Box<dyn FnOnce(Option<&CommitFailed>) + Send>;

/// Most writers in one transaction: a long batch delays the first writer's
/// answer by all the others' work.
const MOST_PER_BATCH: usize = 64;

/// Why a batch did not commit.
#[derive(Debug, Clone)]
pub struct CommitFailed(String);

impl std::fmt::Display for CommitFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the batch's commit failed: {}", self.0)
    }
}

impl std::error::Error for CommitFailed {}

/// Least time between two checkpoints. Under a steady stream of writes the
/// log then holds what a second wrote (up to about 100 MB at the
/// benchmark's 2,500 enrolments a second), and a page written again within
/// the second is copied into the file once.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(1000);

#[derive(Default)]
pub struct GroupCommit {
    queue: Mutex<Queue>,
    /// Signalled when a batch has run: its writers have their answers, and
    /// the turn is free for the next.
    ran: Condvar,
    checkpoints: Mutex<Checkpoints>,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Job>,
    /// Whether a writer is running a batch (has the turn).
    leading: bool,
}

#[derive(Default)]
struct Checkpoints {
    running: bool,
    last: Option<Instant>,
}

/// The turn of the writer running a batch, handed on when it is dropped:
/// the writers waiting see their answers or take the next turn.
struct Turn<'a>(&'a GroupCommit);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.0.lock_queue().leading = false;
        self.0.ran.notify_all();
    }
}

impl GroupCommit {
    /// Runs `f` in the next batch and gives its answer once the batch has
    /// committed. Blocking: call it on the blocking thread pool.
    pub fn run<T, E, F>(&self, pool: &Pool, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel::<Result<T, E>>(1);
        let job: Job = Box::new(move |conn| {
            let answer = f(conn);
            Box::new(move |failed: Option<&CommitFailed>| {
                let answer = match failed {
                    None => answer,
                    Some(why) => Err(E::from(Error::Commit(why.clone()))),
                };
                // The writer waits for it; nothing to do if it has gone.
                let _ = tx.send(answer);
            })
        });
        let mut queue = self.lock_queue();
        queue.waiting.push_back(job);
        loop {
            // Answered by the batch just run: back to the request at once,
            // not after the next batch (a writer that waited for the turn
            // itself to learn that held its connection idle meanwhile, and
            // the batches shrank).
            if let Some(answer) = answered(&rx) {
                return answer;
            }
            if queue.leading {
                queue = self.ran.wait(queue).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            queue.leading = true;
            let n = queue.waiting.len().min(MOST_PER_BATCH);
            let batch: Vec<Job> = queue.waiting.drain(..n).collect();
            drop(queue);
            {
                // Hands the turn on even if the batch panics.
                let _turn = Turn(self);
                run_batch(pool, batch);
            }
            // Our writer may be in a later batch than the one just run
            // (more than `MOST_PER_BATCH` were waiting): wait again.
            queue = self.lock_queue();
        }
    }

    // A panic in another batch rolled it back and dropped its connection:
    // the queue itself is still sound.
    fn lock_queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a checkpoint should run now, and if so, the caller's to run
    /// (`checkpoint`): none is running and the last began long enough ago.
    pub fn claim_checkpoint(&self) -> bool {
        let mut state = self
            .checkpoints
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let due = !state.running && state.last.is_none_or(|at| at.elapsed() >= CHECKPOINT_EVERY);
        if due {
            state.running = true;
            state.last = Some(Instant::now());
        }
        due
    }

    /// Copies the log back into the database file, beside the writers (a
    /// passive checkpoint: it copies what no reader still needs and leaves
    /// the rest for the next one). Blocking; after `claim_checkpoint`. On a
    /// connection of its own, opened for it (at most once a
    /// `CHECKPOINT_EVERY`): it takes none from the requests, and is not
    /// one of the statements they send.
    pub fn checkpoint(&self, backend: &Backend) {
        let done = backend
            .establish()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| {
                conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE);")
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = done {
            // The next write claims another; SQLite's log only grows meanwhile.
            tracing::warn!("checkpoint of the SQLite log failed: {e}");
        }
        let mut state = self
            .checkpoints
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.running = false;
    }
}

/// The writer's answer, if its batch has run. A batch that dropped the
/// writer unanswered (no connection, or a panic) is a failed commit.
fn answered<T, E: From<Error>>(rx: &mpsc::Receiver<Result<T, E>>) -> Option<Result<T, E>> {
    match rx.try_recv() {
        Ok(answer) => Some(answer),
        Err(mpsc::TryRecvError::Empty) => None,
        Err(mpsc::TryRecvError::Disconnected) => Some(Err(E::from(Error::Commit(CommitFailed(
            "the batch was not run to its end".into(),
        ))))),
    }
}

/// One transaction for the batch, a savepoint for each writer in it (their
/// own `transaction`), and one commit. A single writer runs as it would
/// alone, without the outer transaction.
fn run_batch(pool: &Pool, mut batch: Vec<Job>) {
    if batch.is_empty() {
        return;
    }
    let mut conn = match pool.get().map_err(Error::from).and_then(|mut conn| {
        super::settle(&mut conn)?;
        Ok(conn)
    }) {
        Ok(conn) => conn,
        Err(e) => {
            // The writers are dropped unrun: each hears it from its
            // closed channel.
            tracing::error!("no connection for a batch of writers: {e}");
            return;
        }
    };
    if batch.len() == 1
        && let Some(job) = batch.pop()
    {
        match catch_unwind(AssertUnwindSafe(|| job(&mut conn))) {
            Ok(deliver) => deliver(None),
            Err(_) => tracing::error!("a writer panicked"),
        }
        return;
    }
    let mut deliveries: Vec<Delivery> = Vec::with_capacity(batch.len());
    let committed = conn.transaction::<_, diesel::result::Error, _>(|c| {
        for job in batch {
            match catch_unwind(AssertUnwindSafe(|| job(c))) {
                Ok(deliver) => deliveries.push(deliver),
                Err(_) => {
                    tracing::error!("a writer panicked: its batch is rolled back");
                    return Err(diesel::result::Error::RollbackTransaction);
                }
            }
        }
        Ok(())
    });
    let failed = committed.err().map(|e| CommitFailed(format!("{e}")));
    for deliver in deliveries {
        deliver(failed.as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use diesel::prelude::*;
    use diesel::sqlite::SqliteConnection;

    /// A database with one table, `big`, and a pool of one connection, so
    /// that the queue and the work outside it share that connection.
    fn one_connection(dir: &std::path::Path) -> (String, Db) {
        let path = dir.join("x.sqlite3").display().to_string();
        let db = Db::open(&path, 1).expect("database");
        db.conn()
            .expect("connection")
            .batch_execute("CREATE TABLE big (b BLOB NOT NULL);")
            .expect("a table");
        (path, db)
    }

    /// Rows of `big` in the database file itself, leaving out its log:
    /// what checkpoints have copied there. `None`: not even the table.
    fn rows_in_file(path: &str, dir: &std::path::Path) -> Option<i64> {
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let copy = dir.join("file-only.sqlite3");
        let _ = std::fs::remove_file(dir.join("file-only.sqlite3-wal"));
        std::fs::copy(path, &copy).expect("copy of the file");
        let mut c = SqliteConnection::establish(&copy.display().to_string()).expect("open");
        diesel::sql_query("SELECT COUNT(*) AS n FROM big")
            .get_result::<Count>(&mut c)
            .ok()
            .map(|c| c.n)
    }

    // Over SQLite's thousand pages: a commit of it checkpoints at once
    // unless told not to.
    const MORE_THAN_A_THOUSAND_PAGES: &str = "INSERT INTO big VALUES (randomblob(6000000));";

    fn queued_write(db: &Db) {
        let writers = db.writers.as_ref().expect("SQLite's queue");
        writers
            .run(&db.pool, |c| {
                c.batch_execute(MORE_THAN_A_THOUSAND_PAGES)
                    .map_err(Error::from)
            })
            .expect("written");
    }

    #[test]
    fn the_queue_leaves_checkpoints_to_checkpoint_and_other_work_keeps_sqlites() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, db) = one_connection(dir.path());
        queued_write(&db);
        assert_eq!(
            rows_in_file(&path, dir.path()),
            None,
            "still only in the log"
        );

        let writers = db.writers.as_ref().expect("SQLite's queue");
        assert!(writers.claim_checkpoint());
        writers.checkpoint(&db.backend);
        assert_eq!(rows_in_file(&path, dir.path()), Some(1));

        // The same connection, taken for work outside the queue, which no
        // `checkpoint` follows, checkpoints as SQLite does by itself...
        db.conn()
            .expect("connection")
            .batch_execute(MORE_THAN_A_THOUSAND_PAGES)
            .expect("written");
        assert_eq!(rows_in_file(&path, dir.path()), Some(2));
        // ...and back in the pool, leaves it to the queue again.
        queued_write(&db);
        assert_eq!(rows_in_file(&path, dir.path()), Some(2));
    }

    #[test]
    fn one_checkpoint_at_a_time_and_not_after_every_write() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, db) = one_connection(dir.path());
        let writers = GroupCommit::default();
        assert!(writers.claim_checkpoint(), "the first write's");
        assert!(!writers.claim_checkpoint(), "one is running");
        writers.checkpoint(&db.backend);
        assert!(
            !writers.claim_checkpoint(),
            "the next waits for CHECKPOINT_EVERY"
        );
    }
}
