//! What the operator's monitoring reads from the database: how much mail
//! waits and how far behind the worker is.

use crate::db::now;
use crate::db::outbox::{self, Status};

/// The outbox as monitoring sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outbox {
    pub pending: i64,
    pub failed: i64,
    /// Seconds since the oldest pending message became due (0: none due).
    pub oldest_due_seconds: f64,
}

pub async fn outbox(app: &super::App) -> Result<Outbox, super::Error> {
    app.read(|c| {
        let pending = outbox::count_with(c, Status::Pending)?;
        let failed = outbox::count_with(c, Status::Failed)?;
        let oldest_due_seconds = outbox::oldest_due(c)?
            .map(|due| (now() - due).num_milliseconds().max(0) as f64 / 1000.0)
            .unwrap_or(0.0);
        Ok(Outbox {
            pending,
            failed,
            oldest_due_seconds,
        })
    })
    .await
}
