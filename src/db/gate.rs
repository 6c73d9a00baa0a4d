//! The activation gate over stored records: loads what
//! `domain::activation::unmet` needs for one volunteer or many, in a fixed
//! number of queries whatever their number.
//!
//! For other features (supervision, brobyggeraftener): call
//! `volunteer_gate(conn, curriculum, user_id)` in the use case (or
//! `app::volunteers::activation::gate_of`) and refuse unless
//! `Gate::may_work()`, rendering `templates/volunteer/_checklist.html` with
//! the gate's checklist (see `web::routes::volunteers::checklist`).

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use super::schema::volunteers;
use super::{DbConnection, applications, cohorts, declarations, imports, volunteer_settings};
use crate::db::Direct;
use crate::domain::activation::{
    self, BranchRequirements, Grace, Readiness, Requirement, VolunteerRecord,
};
use crate::domain::application::ApplicationStatus;
use crate::domain::curriculum::{self, Curriculum, Progress};
use crate::domain::declaration;
use crate::domain::volunteer::VolunteerStatus;

/// Where one volunteer stands against the gate.
#[derive(Debug, Clone, Serialize)]
pub struct Gate {
    pub user_id: i64,
    pub branch_id: i64,
    pub status: VolunteerStatus,
    pub application: Option<ApplicationStatus>,
    pub progress: Progress,
    /// What is still missing; empty: ready to be active.
    pub unmet: Vec<Requirement>,
    pub required_declaration: i32,
    /// The highest declaration version signed.
    pub signed_version: Option<i32>,
    /// When the newest signature was made.
    pub signed_at: Option<chrono::NaiveDateTime>,
    pub settings: BranchRequirements,
    /// Requirements missing but excused until a deadline
    /// (`activation::excused`): shown with the deadline, not in `unmet`.
    pub grace: Vec<Grace>,
    /// The required declaration version is not signed, but a grace for
    /// signing it runs until this day.
    pub declaration_grace: Option<chrono::NaiveDate>,
    /// What the pipeline stores of this gate (`refresh`).
    pub readiness: Readiness,
}

impl Gate {
    /// May do what activation unlocks (supervision, brobyggeraftener).
    pub fn may_work(&self) -> bool {
        activation::may_work(self.status, &self.unmet)
    }

    /// Nothing unmet, whatever the status.
    pub fn is_clear(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// The gates of these volunteers (people without a volunteer record are
/// left out), in the order of `user_ids`.
pub fn gates(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_ids: &[i64],
) -> QueryResult<Vec<Gate>> {
    // Nobody asked about (a start page with no one given grace): the ten
    // queries below would each come back empty.
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    let records: Vec<(i64, i64, VolunteerStatus)> = volunteers::table
        .filter(volunteers::user_id.eq_any(user_ids))
        .select((
            volunteers::user_id,
            volunteers::branch_id,
            volunteers::status,
        ))
        .load_direct(conn)?;
    let records: HashMap<i64, (i64, VolunteerStatus)> =
        records.into_iter().map(|(u, b, s)| (u, (b, s))).collect();
    let applications = applications::latest_status_of_many(conn, user_ids)?;
    gates_of(conn, curriculum, user_ids, &records, &applications)
}

/// The gate of a volunteer whose record and latest application the caller
/// has already read (the volunteer's own page), without reading them again.
pub fn gate_of(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    volunteer: &super::volunteers::Volunteer,
    application: Option<ApplicationStatus>,
) -> QueryResult<Gate> {
    let id = volunteer.user_id;
    let records = HashMap::from([(id, (volunteer.branch_id, volunteer.status))]);
    let applications: HashMap<i64, ApplicationStatus> =
        application.map(|a| (id, a)).into_iter().collect();
    gates_of(conn, curriculum, &[id], &records, &applications)?
        .pop()
        .ok_or(diesel::result::Error::NotFound)
}

/// The gates of these volunteers from their records (branch and status)
/// and the status of their latest application.
fn gates_of(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_ids: &[i64],
    records: &HashMap<i64, (i64, VolunteerStatus)>,
    applications: &HashMap<i64, ApplicationStatus>,
) -> QueryResult<Vec<Gate>> {
    let mut branch_ids: Vec<i64> = records.values().map(|(b, _)| *b).collect();
    branch_ids.sort_unstable();
    branch_ids.dedup();
    let settings = volunteer_settings::of_branches(conn, &branch_ids)?;
    let required = declarations::required_version(conn)?;
    let signatures = declarations::of_many(conn, user_ids)?;
    let checks = volunteer_settings::checks_of_many(conn, user_ids)?;
    let (grace, declaration_grace) = volunteer_settings::all_grace_of_many(conn, user_ids)?;
    let today = crate::domain::time::local(super::now()).date_naive();
    let (attended, taught) = cohorts::training_of(conn, user_ids)?;
    let prior = imports::prior_modules_of_many(conn, user_ids)?;
    let none = HashMap::new();
    Ok(user_ids
        .iter()
        .filter_map(|id| {
            let (branch_id, status) = records.get(id)?;
            let status = *status;
            let branch = settings.get(branch_id).copied().unwrap_or_default();
            let credited = curriculum::with_prior(
                curriculum,
                curriculum::credit(curriculum, &taught, attended.get(id).unwrap_or(&none)),
                prior.get(id).map(Vec::as_slice).unwrap_or_default(),
            );
            let signed = signatures.get(id).map(Vec::as_slice).unwrap_or_default();
            let signed_versions: Vec<i32> = signed.iter().map(|s| s.version).collect();
            let record = VolunteerRecord {
                status,
                application: applications.get(id).copied(),
                credited,
                signed_versions,
                checks: checks
                    .get(id)
                    .map(|c| c.iter().map(|(check, _)| *check).collect())
                    .unwrap_or_default(),
                grace: grace
                    .get(id)
                    .map(|g| g.iter().filter(|g| g.running(today)).copied().collect())
                    .unwrap_or_default(),
                declaration_grace: declaration_grace
                    .get(id)
                    .copied()
                    .filter(|until| today <= *until),
            };
            let unmet = activation::unmet(&record, &branch, curriculum, required);
            let readiness = activation::readiness(&record, &branch, curriculum, required);
            let excused = activation::excused(&record, &branch);
            let declaration_grace = record
                .declaration_grace
                .filter(|_| !declaration::satisfied(&record.signed_versions, required));
            Some(Gate {
                user_id: *id,
                branch_id: *branch_id,
                status,
                application: record.application,
                progress: curriculum::progress(curriculum, &record.credited),
                unmet,
                required_declaration: required,
                signed_version: record.signed_versions.iter().copied().max(),
                signed_at: signed.last().map(|s| s.signed_at),
                settings: branch,
                grace: excused,
                declaration_grace,
                readiness,
            })
        })
        .collect())
}

/// One volunteer's gate; `NotFound` if they have no volunteer record.
pub fn volunteer_gate(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_id: i64,
) -> QueryResult<Gate> {
    gates(conn, curriculum, &[user_id])?
        .pop()
        .ok_or(diesel::result::Error::NotFound)
}

/// Volunteers per `refresh` round: SQLite takes at most 32,766 bound values
/// in a statement, and the gate's queries bind every id.
const REFRESH_CHUNK: usize = 5_000;

/// Works out these volunteers' gates again and stores what the pipeline
/// reads (`volunteers.done_minutes`, `ready`, `ready_until`,
/// `readiness_at`). Called in the same transaction as every change to the
/// gate's inputs (see ARCHITECTURE.md, *Stored readiness*); people without
/// a volunteer record are skipped. One update per distinct answer, so a
/// whole branch costs a handful of statements.
pub fn refresh(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_ids: &[i64],
) -> QueryResult<()> {
    let at = super::now();
    for chunk in user_ids.chunks(REFRESH_CHUNK) {
        let mut same: HashMap<Readiness, Vec<i64>> = HashMap::new();
        for g in gates(conn, curriculum, chunk)? {
            same.entry(g.readiness).or_default().push(g.user_id);
        }
        for (r, ids) in same {
            diesel::update(volunteers::table.filter(volunteers::user_id.eq_any(&ids)))
                .set((
                    volunteers::done_minutes.eq(r.done_minutes),
                    volunteers::ready.eq(r.ready),
                    volunteers::ready_until.eq(r.until),
                    volunteers::readiness_at.eq(Some(at)),
                ))
                .execute_direct(conn)?;
        }
    }
    Ok(())
}

/// The volunteers whose stored readiness the pipeline reads (approved and
/// in training) in these branches, or in every branch.
pub fn in_pipeline(conn: &mut DbConnection, branch_ids: Option<&[i64]>) -> QueryResult<Vec<i64>> {
    crate::db::direct!(conn, |c| {
        let mut q = volunteers::table
            .filter(volunteers::status.eq_any(activation::PIPELINE_STATUSES))
            .select(volunteers::user_id)
            .into_boxed();
        if let Some(branches) = branch_ids {
            q = q.filter(volunteers::branch_id.eq_any(branches));
        }
        q.load(c)
    })
}

/// Volunteers in the pipeline never worked out (`readiness_at` empty):
/// rows from before the readiness columns, or inserted by an older binary.
pub fn never_refreshed(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    volunteers::table
        .filter(volunteers::readiness_at.is_null())
        .filter(volunteers::status.eq_any(activation::PIPELINE_STATUSES))
        .select(volunteers::user_id)
        .load_direct(conn)
}
