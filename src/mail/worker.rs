//! The mail worker: a thread started with the site that, every few
//! seconds, ends pauses on their date, queues due reminders and supervision
//! notices, applies the retention rules (once a day) and sends due
//! messages from the outbox.
//!
//! `run_once` is one pass, callable directly (tests do, with a chosen
//! `now`). The background thread runs its own single-threaded Tokio
//! runtime, so neither its SMTP conversations nor its database calls ever
//! hold up the threads that answer requests. Several instances may run it
//! against one database: `db::outbox::claim` gives each message to one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::QueryResult;
use lettre::message::Mailbox;
use tokio::sync::{Notify, watch};
use tracing::Span;
use tracing::field::Empty;

use super::delivery::{DeliveryError, Transport};
use super::{mime, render};
use crate::config::Settings;
use crate::db::outbox::{self, OutboxRow};
use crate::db::{Db, DbConnection};
use crate::domain::delivery::{Failure, LEASE, next_attempt};
use crate::domain::events::Links;
use crate::templates::Templates;

/// Messages taken per claim; a pass claims again until none are due.
const BATCH: i64 = 20;
/// Bounds one pass, so that a flood of messages cannot starve reminders.
const MAX_BATCHES: usize = 50;

/// Everything a pass needs.
pub struct Mailer {
    db: Db,
    templates: Arc<Templates>,
    transport: Transport,
    sender: Mailbox,
    links: Links,
}

impl Mailer {
    /// Call inside the Tokio runtime that will run the passes (see
    /// `Transport::from_settings`).
    pub fn new(db: Db, templates: Arc<Templates>, settings: &Settings) -> anyhow::Result<Mailer> {
        Ok(Mailer {
            db,
            templates,
            transport: Transport::from_settings(settings)?,
            sender: sender(settings)?,
            links: Links::new(settings.base_url()),
        })
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    pub fn sender(&self) -> &Mailbox {
        &self.sender
    }

    pub fn links(&self) -> &Links {
        &self.links
    }
}

/// The `From` of every email, checked at start-up.
pub fn sender(settings: &Settings) -> anyhow::Result<Mailbox> {
    settings
        .mail_from
        .parse()
        .map_err(|e| anyhow::anyhow!("MAIL_FROM {:?} is not an address: {e}", settings.mail_from))
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    /// Pauses ended on their date (`app::volunteers::pauses`).
    pub pauses: usize,
    pub reminders: usize,
    /// Supervision due-soon and overdue notices queued.
    pub supervision: usize,
    /// Rows deleted or cleared by the retention rules
    /// (`app::retention`); each rule runs once per Copenhagen day.
    pub retention: usize,
    /// Digests of open tasks queued for staff (`app::tasks`).
    pub digests: usize,
    pub sent: usize,
    /// Temporary failures, waiting for their next try.
    pub deferred: usize,
    pub failed: usize,
}

async fn blocking<T, F>(db: &Db, f: F) -> anyhow::Result<T>
where
    F: FnOnce(&mut DbConnection) -> QueryResult<T> + Send + 'static,
    T: Send + 'static,
{
    // The steps read before they write (the pauses that are due, then each
    // one under its lock). On SQLite a transaction whose snapshot another
    // connection has written past is refused at once ("database is
    // locked") instead of waiting, so the worker takes its turn in the
    // process's write queue like every request that writes. PostgreSQL has
    // no queue.
    Ok(db
        .write(move |c| f(c).map_err(crate::db::Error::from))
        .await?)
}

/// One pass: queue due reminders and supervision notices, then send every
/// due message. Its span, and those of the steps below, carry ids, kinds
/// and counts only: no addresses, names or message contents.
#[tracing::instrument(
    name = "mail_pass",
    skip_all,
    fields(%now, pauses = Empty, reminders = Empty, supervision = Empty, retention = Empty, digests = Empty, sent = Empty, deferred = Empty, failed = Empty)
)]
pub async fn run_once(mailer: &Mailer, now: NaiveDateTime) -> anyhow::Result<Pass> {
    let mut pass = Pass {
        pauses: queue(
            mailer,
            now,
            "pauses",
            crate::app::volunteers::pauses::end_due,
        )
        .await?,
        reminders: queue(mailer, now, "reminders", crate::app::reminders::queue_due).await?,
        supervision: queue(
            mailer,
            now,
            "supervision",
            crate::app::supervision::notices::enqueue,
        )
        .await?,
        retention: queue(mailer, now, "retention", retention).await?,
        digests: queue(mailer, now, "digests", crate::app::tasks::send_due_digests).await?,
        ..Pass::default()
    };
    // Messages queued a moment ago (the reminders above) are due too,
    // even when `now` was taken before them.
    let due_at = now.max(crate::db::now());
    for _ in 0..MAX_BATCHES {
        let rows = claim(mailer, due_at).await?;
        // A short batch does not mean the queue is empty: on SQLite another
        // worker may have taken some of the same candidates a moment
        // earlier. Only an empty claim ends the pass.
        if rows.is_empty() {
            break;
        }
        for row in rows {
            match send_one(mailer, &row, now).await? {
                Outcome::Sent => pass.sent += 1,
                Outcome::Deferred => pass.deferred += 1,
                Outcome::Failed => pass.failed += 1,
            }
        }
    }
    let span = Span::current();
    span.record("pauses", pass.pauses);
    span.record("reminders", pass.reminders);
    span.record("supervision", pass.supervision);
    span.record("retention", pass.retention);
    span.record("digests", pass.digests);
    span.record("sent", pass.sent);
    span.record("deferred", pass.deferred);
    span.record("failed", pass.failed);
    Ok(pass)
}

/// The retention step, with the subject of a message rendered here before
/// its body is cleared.
fn retention(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    crate::app::retention::run_due(conn, now, |row| {
        render::subject(&row.recipient(), &row.message().ok()?)
    })
}

/// What one step of a pass does: pauses ended on their date, due
/// reminders, supervision notices or retention.
type Enqueue = fn(&mut DbConnection, NaiveDateTime) -> QueryResult<usize>;

/// Runs one of the `Enqueue` steps; `what` names it in the span.
#[tracing::instrument(skip(mailer, now, enqueue), fields(queued = Empty))]
async fn queue(
    mailer: &Mailer,
    now: NaiveDateTime,
    what: &'static str,
    enqueue: Enqueue,
) -> anyhow::Result<usize> {
    let queued = blocking(&mailer.db, move |c| enqueue(c, now)).await?;
    Span::current().record("queued", queued);
    Ok(queued)
}

/// Takes up to `BATCH` due messages for this worker (see `outbox::claim`).
#[tracing::instrument(skip_all, fields(%due_at, claimed = Empty))]
async fn claim(mailer: &Mailer, due_at: NaiveDateTime) -> anyhow::Result<Vec<OutboxRow>> {
    let rows = blocking(&mailer.db, move |c| {
        outbox::claim(c, due_at, BATCH, due_at + LEASE)
    })
    .await?;
    Span::current().record("claimed", rows.len());
    Ok(rows)
}

/// What became of one message.
enum Outcome {
    Sent,
    Deferred,
    Failed,
}

/// Sends one claimed message and records the outcome by the rules of
/// `domain::delivery`. An error is the database's, not the message's.
#[tracing::instrument(skip_all, fields(id = row.id, kind = %row.kind, attempt = row.attempts + 1))]
async fn send_one(mailer: &Mailer, row: &OutboxRow, now: NaiveDateTime) -> anyhow::Result<Outcome> {
    let outcome = deliver(mailer, row).await;
    let id = row.id;
    let attempts = row.attempts + 1;
    Ok(match outcome {
        Ok(()) => {
            blocking(&mailer.db, move |c| outbox::mark_sent(c, id, now)).await?;
            tracing::info!(id, kind = %row.kind, to = %row.to_email, "email sent");
            Outcome::Sent
        }
        Err(e) => match (e.failure, next_attempt(attempts, now)) {
            (Failure::Temporary, Some(next)) => {
                tracing::warn!(id, attempts, error = %e.reason, "email deferred");
                let reason = e.reason;
                blocking(&mailer.db, move |c| {
                    outbox::mark_retry(c, id, next, &reason)
                })
                .await?;
                Outcome::Deferred
            }
            (failure, _) => {
                let reason = if failure == Failure::Temporary {
                    format!("gave up after {attempts} attempts: {}", e.reason)
                } else {
                    e.reason
                };
                tracing::error!(id, attempts, error = %reason, "email failed");
                blocking(&mailer.db, move |c| outbox::mark_failed(c, id, &reason)).await?;
                Outcome::Failed
            }
        },
    })
}

/// The name of a row's `.eml` file: the time it was queued first, so that a
/// folder listing is in order.
pub fn file_name(row: &OutboxRow) -> String {
    format!(
        "{}-{:06}-{}.eml",
        row.created_at.format("%Y%m%d-%H%M%S"),
        row.id,
        row.kind
    )
}

async fn deliver(mailer: &Mailer, row: &OutboxRow) -> Result<(), DeliveryError> {
    let message = mime::compose(&mailer.templates, row, &mailer.sender, &mailer.links)
        .map_err(|e| DeliveryError::permanent(e.to_string()))?;
    mailer.transport.send(&message, &file_name(row)).await
}

/// Handles to the background worker: wake it for an early pass, watch its
/// passes, stop it.
#[derive(Clone)]
pub struct Signals {
    wake: Arc<Notify>,
    stop: Arc<AtomicBool>,
    passes: watch::Receiver<u64>,
    /// When the last pass finished (Unix seconds; 0: none yet), for
    /// monitoring.
    last_pass: Arc<std::sync::atomic::AtomicI64>,
}

impl Signals {
    /// Starts a pass now rather than at the next tick.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Counts finished passes; `changed()` resolves after each.
    pub fn passes(&self) -> watch::Receiver<u64> {
        self.passes.clone()
    }

    /// When the last pass finished, in Unix seconds (0: none yet).
    pub fn last_pass(&self) -> i64 {
        self.last_pass.load(Ordering::Relaxed)
    }

    /// Asks the worker to stop after its current pass.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.wake.notify_one();
    }
}

/// The running worker; dropping it stops the thread after its pass.
pub struct Worker {
    signals: Signals,
}

impl Worker {
    pub fn signals(&self) -> Signals {
        self.signals.clone()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.signals.stop();
    }
}

/// Starts the worker thread, which makes its `Mailer` inside its own
/// runtime and passes every `every`, or sooner when woken.
pub fn spawn(
    db: Db,
    templates: Arc<Templates>,
    settings: Settings,
    every: Duration,
) -> anyhow::Result<Worker> {
    sender(&settings)?;
    let (passes_tx, passes) = watch::channel(0u64);
    let signals = Signals {
        wake: Arc::new(Notify::new()),
        stop: Arc::new(AtomicBool::new(false)),
        passes,
        last_pass: Arc::new(std::sync::atomic::AtomicI64::new(0)),
    };
    let inner = signals.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("brobyg-mail".into())
        .spawn(move || {
            runtime.block_on(async move {
                let mailer = match Mailer::new(db, templates, &settings) {
                    Ok(m) => m,
                    Err(e) => {
                        tracing::error!(error = %e, "the mail worker cannot start");
                        return;
                    }
                };
                tracing::info!("mail worker started: {}", mailer.transport.describe());
                while !inner.stop.load(Ordering::SeqCst) {
                    match run_once(&mailer, crate::db::now()).await {
                        Ok(p) if p != Pass::default() => tracing::debug!(?p, "mail pass"),
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %format!("{e:#}"), "mail pass failed"),
                    }
                    inner
                        .last_pass
                        .store(chrono::Utc::now().timestamp(), Ordering::Relaxed);
                    passes_tx.send_modify(|n| *n += 1);
                    tokio::select! {
                        _ = tokio::time::sleep(every) => {}
                        _ = inner.wake.notified() => {}
                    }
                }
                tracing::info!("mail worker stopped");
            });
        })?;
    Ok(Worker { signals })
}
