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
//! adds itself, then waits for the turn; with the turn it first looks
//! whether the previous leader already ran it.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;
use std::sync::{Mutex, PoisonError};

use diesel::Connection;

use super::{DbConnection, Error, Pool};

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

#[derive(Default)]
pub struct GroupCommit {
    waiting: Mutex<VecDeque<Job>>,
    /// Held by the writer running a batch.
    turn: Mutex<()>,
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
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(job);
        loop {
            // A panic in another batch rolled it back and dropped its
            // connection: the queue itself is still sound.
            let _turn = self.turn.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(answer) = answered(&rx) {
                return answer;
            }
            let batch: Vec<Job> = {
                let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
                let n = waiting.len().min(MOST_PER_BATCH);
                waiting.drain(..n).collect()
            };
            run_batch(pool, batch);
            if let Some(answer) = answered(&rx) {
                return answer;
            }
            // Our writer is in a later batch than the one just run (more
            // than `MOST_PER_BATCH` were waiting): take the turn again.
        }
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
    let mut conn = match pool.get() {
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
