//! The application layer: one function per use case ("enrol in a GenLær
//! session", "record a meeting's attendance", "accept an application").
//!
//! A use case owns everything that makes it one step for its user: the
//! transaction, the session's lock (taken once), the SQLite write queue,
//! the accounts it makes, the rules it asks (`domain`) and the messages it
//! records in the outbox. Handlers parse a request, call one use case and
//! render what it returns; storage (`db`) reads and writes rows and decides
//! nothing.
//!
//! Use cases are `async` and take the `App`; the steps several of them
//! share (the enrolment engine, finding or making an account, recording
//! attendance) are plain functions over a connection, so that a use case can
//! compose them inside its one transaction.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod brobygninger;
pub mod calendar;
pub mod dashboard;
pub mod data_export;
pub mod duty;
pub mod engine;
pub mod erasure;
pub mod evaluations;
pub mod evenings;
pub mod genlaer;
pub mod imports;
pub mod invoices;
pub mod monitoring;
pub mod privacy;
pub mod reference_data;
pub mod regional;
pub mod reminders;
pub mod retention;
pub mod sessions;
pub mod signin;
pub mod site_content;
pub mod statistics;
pub mod supervision;
pub mod tasks;
pub mod two_factor;
pub mod volunteers;

use std::sync::Arc;

use crate::config::Settings;
use crate::db::{self, Db, DbConnection};

/// What use cases need besides their input: storage, the settings and
/// the annual figures lately worked out. Cloning is cheap; built once in
/// `startup`.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub figures: Arc<statistics::Kept>,
    pub curriculum: Arc<site_content::Kept>,
}

/// Why a use case did not happen, when it is not a rule's answer: rules'
/// answers (a refusal, a full session, a form's mistakes) are values the
/// use case returns, so the page can explain them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    /// The caller may not do this (a coordinator of another branch, say).
    #[error("forbidden")]
    Forbidden,
    /// A request no form of the site sends (an unknown id in a choice).
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("storage failed")]
    Storage(#[source] db::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<db::Error> for Error {
    fn from(e: db::Error) -> Self {
        match e {
            db::Error::NotFound => Error::NotFound,
            other => Error::Storage(other),
        }
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        db::Error::from(e).into()
    }
}

/// What undoes a use case's transaction: a fault, or a rule that refused a
/// step after earlier steps had written (`R`, returned to the caller once
/// everything is rolled back).
#[derive(Debug)]
pub enum Abort<R> {
    Refused(R),
    Failed(Error),
}

impl<R> From<Error> for Abort<R> {
    fn from(e: Error) -> Self {
        Abort::Failed(e)
    }
}

impl<R> From<diesel::result::Error> for Abort<R> {
    fn from(e: diesel::result::Error) -> Self {
        Abort::Failed(e.into())
    }
}

impl<R> From<db::Error> for Abort<R> {
    fn from(e: db::Error) -> Self {
        Abort::Failed(e.into())
    }
}

impl App {
    /// Whether the database answers a trivial query within two seconds:
    /// the health check.
    pub async fn database_answers(&self) -> Result<(), Error> {
        Ok(self.db.ping(std::time::Duration::from_secs(2)).await?)
    }

    /// Reads on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.db.run(f).await
    }

    /// Writes in one transaction, after taking its turn in the write queue
    /// (SQLite has one writer at a time; see `Db::write`).
    pub async fn write<T, F>(&self, f: F) -> Result<T, Error>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, Error> + Send + 'static,
        T: Send + 'static,
    {
        self.db
            .write(move |c| diesel::Connection::transaction(c, f))
            .await
    }

    /// `write` for a use case whose rules may refuse after it has written:
    /// a refusal rolls the whole transaction back and is returned as
    /// `Ok(Err(refusal))`.
    pub async fn write_or_refuse<T, R, F>(&self, f: F) -> Result<Result<T, R>, Error>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, Abort<R>> + Send + 'static,
        T: Send + 'static,
        R: Send + 'static,
    {
        self.db
            .write(move |c| {
                Ok(
                    match diesel::Connection::transaction(c, |c| f(c).map_err(Rollback)) {
                        Ok(value) => Ok(value),
                        Err(Rollback(Abort::Refused(r))) => Err(r),
                        Err(Rollback(Abort::Failed(e))) => return Err(e),
                    },
                )
            })
            .await
    }
}

/// A password's hash, made on the blocking pool: hashing is slow on purpose,
/// so it happens before a use case takes its turn to write.
pub async fn hash_password(password: &str) -> Result<String, Error> {
    let password = password.to_string();
    actix_web::web::block(move || crate::auth::password::hash(&password))
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("blocking pool: {e}")))?
        .map_err(|e| Error::Internal(anyhow::anyhow!("hashing: {e}")))
}

/// Whether `password` matches the stored hash, checked on the blocking
/// pool. Without a stored hash the check takes as long as a real one, so
/// response times do not tell which addresses have accounts.
pub async fn verify_password(password: &str, stored: Option<String>) -> Result<bool, Error> {
    let password = password.to_string();
    actix_web::web::block(move || match stored {
        Some(stored) => crate::auth::password::verify(&password, &stored),
        None => {
            crate::auth::password::verify_nothing(&password);
            false
        }
    })
    .await
    .map_err(|e| Error::Internal(anyhow::anyhow!("blocking pool: {e}")))
}

/// Carries an `Abort` out of diesel's `transaction`, which rolls back on any
/// error that can also be built from a diesel error.
struct Rollback<R>(Abort<R>);

impl<R> From<diesel::result::Error> for Rollback<R> {
    fn from(e: diesel::result::Error) -> Self {
        Rollback(Abort::from(e))
    }
}
