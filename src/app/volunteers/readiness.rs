//! The pipeline's stored readiness (`volunteers.done_minutes`, `ready`,
//! `ready_until`): worked out again with the gate (`db::gate::refresh`) in
//! the same transaction as every change to what the gate reads, so the
//! pipeline lists read an index instead of evaluating the gate for
//! everyone in training. The volunteer's own checklist and every refusal
//! still evaluate the gate live.
//!
//! Who calls what (ARCHITECTURE.md, *Stored readiness*): a change to one
//! person (attendance at a cohort meeting, a signature, a check, a status
//! change, a move, an import) refreshes them; a change to a cohort's
//! meetings refreshes everyone who attended it; a branch's requirements
//! refresh the branch; a new required declaration version or a course
//! module's hours refresh everyone in the pipeline.

use super::Error;
use crate::app::site_content;
use crate::db::{DbConnection, gate, supervision};

/// Works out these people's readiness again, inside the caller's
/// transaction.
pub fn refresh(c: &mut DbConnection, user_ids: &[i64]) -> Result<(), Error> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let curriculum = site_content::curriculum(c)?;
    gate::refresh(c, &curriculum, user_ids)?;
    Ok(())
}

/// Everyone in the pipeline (approved or in training) of these branches.
pub fn refresh_branches(c: &mut DbConnection, branch_ids: &[i64]) -> Result<(), Error> {
    let ids = gate::in_pipeline(c, Some(branch_ids))?;
    refresh(c, &ids)
}

/// Everyone in the pipeline, for a change that reaches them all (a new
/// required declaration version, a module's hours).
pub fn refresh_everyone(c: &mut DbConnection) -> Result<(), Error> {
    let ids = gate::in_pipeline(c, None)?;
    refresh(c, &ids)
}

/// Everyone in a cohort's attendance, after its meetings changed (moved,
/// added, cancelled): the hours they are credited follow the meetings.
pub fn refresh_attendees(c: &mut DbConnection, session_id: i64) -> Result<(), Error> {
    let ids = crate::db::attendance::people_of_session(c, session_id)?;
    refresh(c, &ids)
}

/// At start-up: those in the pipeline never worked out (rows from before
/// the stored readiness, or written by an older binary during a rolling
/// upgrade), and in the same transaction, under the same setup lock, the
/// active and paused without a stored supervision due date and the seats
/// without their session's last moment.
pub fn fill_missing(db: &crate::db::Db) -> anyhow::Result<()> {
    use diesel::Connection;
    let mut conn = db.conn()?;
    conn.transaction::<_, anyhow::Error, _>(|c| {
        // Instances starting together take turns.
        crate::db::lock_for_setup(c)?;
        let ids = gate::never_refreshed(c)?;
        if !ids.is_empty() {
            tracing::info!(volunteers = ids.len(), "working out stored readiness");
            refresh(c, &ids).map_err(|e| anyhow::anyhow!("{e:#}"))?;
        }
        // The supervision overview's due dates (`db::supervision::store_due`).
        let ids = supervision::due_never_stored(c)?;
        for chunk in ids.chunks(10_000) {
            tracing::info!(volunteers = chunk.len(), "storing supervision due dates");
            supervision::store_due(c, supervision::Whose::These(chunk))?;
        }
        let seats = crate::db::enrolments::fill_session_ends(c)?;
        if seats > 0 {
            tracing::info!(seats, "kept the session's last moment on seats");
        }
        let pauses = crate::db::volunteer_history::fill_pause_ends(c)?;
        if pauses > 0 {
            tracing::info!(pauses, "kept the last day of pauses beside them");
        }
        Ok(())
    })
}
