//! The record behind the login throttle (rules in `domain::throttle`). Kept
//! in the database rather than in memory so that several instances behind a
//! load balancer count together.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{login_failures, reset_requests};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::domain::throttle;

/// The failures inside the window for this account from this client, and
/// from this client for any account.
pub fn recent_failures(
    conn: &mut DbConnection,
    email: &str,
    ip: &str,
) -> QueryResult<throttle::Failures> {
    let since = throttle::window_start(now());
    let (pair, pair_last) = login_failures::table
        .filter(login_failures::email.eq(email))
        .filter(login_failures::ip.eq(ip))
        .filter(login_failures::failed_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(login_failures::failed_at),
        ))
        .first_direct::<(i64, Option<NaiveDateTime>)>(conn)?;
    let client = login_failures::table
        .filter(login_failures::ip.eq(ip))
        .filter(login_failures::failed_at.gt(since))
        .count()
        .get_result_direct(conn)?;
    Ok(throttle::Failures {
        pair,
        pair_last,
        client,
    })
}

pub fn record_failure(conn: &mut DbConnection, email: &str, ip: &str) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::email.eq(email),
            login_failures::ip.eq(ip),
            login_failures::failed_at.eq(at),
        ))
        .execute_direct(conn)?;
    // Old rows say nothing any more; dropping them here keeps the table
    // small without a separate clean-up job.
    purge_before(conn, at - Duration::days(1))
}

/// A successful login forgives this client's earlier failures for the
/// account (other clients' stay counted against them).
pub fn clear(conn: &mut DbConnection, email: &str, ip: &str) -> QueryResult<()> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::email.eq(email))
            .filter(login_failures::ip.eq(ip)),
    )
    .execute_direct(conn)?;
    Ok(())
}

fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::failed_at.lt(before)))
        .execute_direct(conn)?;
    Ok(())
}

/// Records a request for a reset link and returns how many came before it
/// within the past hour, for this address and from this client.
pub fn record_reset_request(
    conn: &mut DbConnection,
    email: &str,
    ip: &str,
) -> QueryResult<(i64, i64)> {
    let at = now();
    let since = at - Duration::hours(1);
    let by_email = reset_requests::table
        .filter(reset_requests::email.eq(email))
        .filter(reset_requests::requested_at.gt(since))
        .count()
        .get_result_direct(conn)?;
    let by_ip = reset_requests::table
        .filter(reset_requests::ip.eq(ip))
        .filter(reset_requests::requested_at.gt(since))
        .count()
        .get_result_direct(conn)?;
    diesel::insert_into(reset_requests::table)
        .values((
            reset_requests::email.eq(email),
            reset_requests::ip.eq(ip),
            reset_requests::requested_at.eq(at),
        ))
        .execute_direct(conn)?;
    diesel::delete(reset_requests::table.filter(reset_requests::requested_at.lt(since)))
        .execute_direct(conn)?;
    Ok((by_email, by_ip))
}
