//! Brobygninger for the benchmark dataset: every trained brobygger's
//! accompaniments while they were active (from training to a pause, their
//! leaving or today), at the annual report's pace: 3,244 brobygninger for
//! 450 active brobyggere in 2025, about 7 each a year, about 4 hours each.

use chrono::Duration;
use diesel::QueryResult;

use super::plan::Plan;
use super::sql::{Rng, Table, boolean, date, int, opt_int, text, ts};
use crate::db::DbConnection;

/// Brobygninger per brobygger per year active (3,244 / 450).
const PER_YEAR: f64 = 3_244.0 / 450.0;

/// The generated history reaches back this far at most.
const YEARS_BACK: i64 = 3;

pub fn write(conn: &mut DbConnection, plan: &Plan, seed: u64) -> QueryResult<u64> {
    let mut rng = Rng::new(seed ^ 0xb70b);
    let mut rows = Table::new(
        "brobygninger",
        &[
            "user_id",
            "branch_id",
            "done_on",
            "programme",
            "minutes",
            "briefing",
            "briefed_by",
            "debriefing",
            "debriefed_by",
            "created_at",
            "updated_at",
            "updated_by",
        ],
    );
    let earliest = plan.anchor - Duration::days(365 * YEARS_BACK);
    for v in &plan.volunteers {
        let Some(trained) = v.trained_at else {
            continue;
        };
        // Active until they paused or left, as their history says.
        let end = v.stopped_at(plan.anchor).unwrap_or(plan.anchor);
        let start = trained.max(earliest) + Duration::days(1);
        let days = (end - start).num_days();
        if days <= 0 {
            continue;
        }
        let expected = PER_YEAR * days as f64 / 365.0;
        let n = (expected + rng.unit() - 0.5).round().max(0.0) as i64;
        let coordinator = plan.coordinator_of(v.branch_id);
        for _ in 0..n {
            let at = start + Duration::days(rng.between(0, days - 1));
            let programme = match rng.below(20) {
                0..=13 => "health",
                14..=16 => "social",
                _ => "association",
            };
            // 3 to 5 hours in quarter hours, about 4 on average.
            let minutes = 180 + 15 * rng.between(0, 8);
            let briefing = rng.chance(0.9);
            let debriefing = rng.chance(0.85);
            let registered = at + Duration::hours(20);
            rows.push(&[
                int(v.id),
                int(v.branch_id),
                date(at.date()),
                text(programme),
                int(minutes),
                boolean(briefing),
                opt_int(briefing.then_some(coordinator)),
                boolean(debriefing),
                opt_int(debriefing.then_some(coordinator)),
                ts(registered),
                ts(registered),
                int(v.id),
            ]);
            if rows.pending() >= 5_000 {
                rows.flush(conn)?;
            }
        }
    }
    rows.flush(conn)?;
    Ok(rows.written)
}
