//! A GenLær participant who has asked to be erased, so that
//! `/admin/sletning` has a request to review: their seat in an upcoming
//! course, their certificate and their employer's invoice details show
//! what erasure gives back, deletes and keeps.

use anyhow::Context as _;
use chrono::Duration;

use crate::db::{DbConnection, erasure, now, users};

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let who = users::find_by_email(conn, "deltager2@brobyg.test")?
        .context("demo participant deltager2@")?
        .id;
    erasure::request(conn, who, who, now() - Duration::days(2))?;
    Ok(())
}
