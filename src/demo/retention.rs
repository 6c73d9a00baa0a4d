//! Yesterday's retention runs, so `/admin/privatliv` has a report to show
//! on a fresh site: counts only, as the real runs record them. The demo's
//! own data is dated so that today's first pass deletes nothing it shows
//! (see `demo::genlaer`: no needs on the course held 40 days ago).

use chrono::Duration;

use crate::db::{DbConnection, now, retention};
use crate::domain::retention::{self as rules, Rule};

pub fn seed(conn: &mut DbConnection) -> anyhow::Result<()> {
    let at = now() - Duration::days(1);
    let day = rules::day(at);
    for (rule, deleted) in [
        (Rule::DeclinedApplications, 1),
        (Rule::UnconfirmedAccounts, 2),
        (Rule::Needs, 3),
        (Rule::MessageBodies, 14),
        (Rule::SupervisionAfterLeaving, 0),
        (Rule::ChecksAfterLeaving, 1),
    ] {
        if retention::claim(conn, day, rule, at)? {
            retention::record_count(conn, day, rule, deleted)?;
        }
    }
    Ok(())
}
