//! Demo content for a fresh database, so that the first `cargo run` shows a
//! site worth looking at. Loaded only into an empty database, and never in
//! production unless asked for (`BROBYG_DEMO`).

mod audit;
mod brobygninger;
mod content;
mod duty;
mod erasure;
mod evenings;
mod genlaer;
mod invoices;
mod moves;
pub(crate) mod org;
mod retention;
mod supervision;
mod volunteers;

use anyhow::Context as _;
use diesel::Connection;
use secrecy::SecretString;

use crate::db::{Db, users};

/// Every demo account has this password.
pub const PASSWORD: &str = "brobyg-demo";

pub const ACCOUNTS: [&str; 6] = [
    "admin@brobyg.test",
    "koordinator@brobyg.test",
    "regional@brobyg.test",
    "frivillig@brobyg.test",
    "ansoeger@brobyg.test",
    "fagperson@brobyg.test",
];

/// Loads the demo content if the database has no users yet. Returns whether
/// it did. The secret key derives the demo booking's private link.
pub fn seed_if_empty(db: &Db, secret_key: &SecretString) -> anyhow::Result<bool> {
    let mut conn = db.conn()?;
    if users::count(&mut conn)? > 0 {
        return Ok(false);
    }
    let hash = crate::auth::password::hash(PASSWORD)
        .map_err(|e| anyhow::anyhow!("hashing the demo password: {e}"))?;
    // The engine records an email for every step of the demo; they are
    // kept, so that a fresh site has emails and invitations to read.
    let loaded = conn
        .transaction::<_, anyhow::Error, _>(|conn| {
            // Instances started together on one empty database: the first
            // loads the demo, the others wait and then find it loaded.
            crate::db::lock_for_setup(conn)?;
            if users::count(conn)? > 0 {
                return Ok(false);
            }
            org::seed(conn, &hash)?;
            volunteers::seed(conn, &hash)?;
            genlaer::seed(conn, secret_key)?;
            invoices::seed(conn)?;
            supervision::seed(conn)?;
            evenings::seed(conn)?;
            brobygninger::seed(conn)?;
            moves::seed(conn)?;
            duty::seed(conn)?;
            audit::seed(conn)?;
            content::seed(conn)?;
            erasure::seed(conn)?;
            retention::seed(conn)?;
            // The demo writes attendance, signatures and statuses directly:
            // the pipeline's stored readiness, once for everyone.
            crate::app::volunteers::readiness::refresh_everyone(conn)
                .map_err(|e| anyhow::anyhow!("{e:#}"))?;
            // And the supervision overview's stored due dates.
            crate::db::supervision::store_due(conn, crate::db::supervision::Whose::Everyone)?;
            Ok(true)
        })
        .context("writing demo content")?;
    if loaded {
        tracing::info!("loaded demo content into the empty database");
    }
    Ok(loaded)
}
