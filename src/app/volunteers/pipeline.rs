//! A branch's pipeline of volunteers for its coordinators (new
//! applications, accepted, in training with their hours, ready to activate,
//! active, paused, alumni) and the roster of its active brobyggere. Each
//! runs a fixed number of queries however many volunteers the branch has.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{App, Error, coordinates, noon};
use crate::app::audit::{self, Actor, Object};
use crate::db::applications::{self, PendingRow};
use crate::db::branches::{self, Branch};
use crate::db::users::Account;
use crate::db::volunteers::{self, InPipeline};
use crate::db::{DbConnection, declarations, volunteer_history, volunteer_settings};
use crate::domain::activation::{BranchRequirements, ExtraCheck, PIPELINE_STATUSES};
use crate::domain::paging::{PER_PAGE, Pager};
use crate::domain::volunteer::VolunteerStatus;

// The rows hold what the page shows, in fields of their own: a flattened
// `RosterRow` was serialized as a map, entry by entry, with an email no
// list shows (a tenth of the page's instructions went to serializing it;
// BENCHMARKS.md). Those in training are listed as storage reads them
// (`volunteers::InPipeline`).

/// One person on pause, and the last day of the pause if it has one.
#[derive(Debug, Serialize)]
pub struct PausedRow {
    pub user_id: i64,
    pub name: String,
    pub until: Option<NaiveDateTime>,
}

/// The people a coordinator acts on are listed, the first `PER_PAGE` of
/// each kind with the total; active volunteers and alumni, who can be
/// thousands, are counted. The branch's paged list has everyone.
#[derive(Debug, Serialize, Default)]
pub struct Pipeline {
    pub applications: Vec<PendingRow>,
    pub applications_total: i64,
    pub training: Vec<InPipeline>,
    pub training_total: usize,
    pub ready: Vec<InPipeline>,
    pub ready_total: usize,
    pub approved: i64,
    pub in_training: i64,
    pub active: i64,
    /// The first `PER_PAGE` paused, by name.
    pub paused: Vec<PausedRow>,
    pub paused_total: i64,
    pub alumni: i64,
    pub rejected: i64,
}

#[derive(Debug, Serialize)]
pub struct PipelinePage {
    pub branch: Branch,
    pub settings: BranchRequirements,
    pub p: Pipeline,
    /// The whole course, in minutes.
    pub total_minutes: i32,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn pipeline(app: &App, actor: &Account, branch_id: i64) -> Result<PipelinePage, Error> {
    coordinates(actor, branch_id)?;
    let total_minutes = super::curriculum(app).await?.total_minutes();
    let known = actor.coordinated_branch(branch_id).cloned();
    app.read(move |c| {
        Ok(PipelinePage {
            branch: branches::known_or_find(c, known, branch_id)?,
            settings: volunteer_settings::of_branch(c, branch_id)?,
            p: load_pipeline(c, branch_id)?,
            total_minutes,
        })
    })
    .await
}

/// The pipeline in a fixed number of indexed queries: who is ready and
/// their hours come from the readiness stored with each volunteer
/// (`readiness`), not from the gate.
fn load_pipeline(c: &mut DbConnection, branch_id: i64) -> Result<Pipeline, Error> {
    let today = crate::domain::time::local(crate::db::now()).date_naive();
    let counts: HashMap<VolunteerStatus, i64> = volunteers::counts_in_branch(c, branch_id)?
        .into_iter()
        .collect();
    let count = |status: VolunteerStatus| counts.get(&status).copied().unwrap_or_default();
    // The first page by name; the count says how many there are.
    let paused = volunteers::first_named(c, branch_id, VolunteerStatus::Paused, PER_PAGE)?;
    let paused_ids: Vec<i64> = paused.iter().map(|r| r.user_id).collect();
    let pause_ends = volunteer_history::pause_ends(c, &paused_ids)?;
    let training = volunteers::in_pipeline(c, branch_id, false, today, PER_PAGE)?;
    let ready = volunteers::in_pipeline(c, branch_id, true, today, PER_PAGE)?;
    // The ready are counted (few); the rest of the pipeline is what the
    // kept counts hold beyond them, however many are in training.
    let ready_total = volunteers::ready_count(c, branch_id, today)?;
    let in_pipeline: i64 = PIPELINE_STATUSES.iter().map(|s| count(*s)).sum();
    let training_total = pipeline_rest(in_pipeline, ready_total);
    let ready_total = usize::try_from(ready_total).unwrap_or_default();
    Ok(Pipeline {
        applications: applications::pending_in_branch(c, branch_id, PER_PAGE)?,
        applications_total: applications::pending_count(c, branch_id)?,
        training,
        training_total,
        ready,
        ready_total,
        approved: count(VolunteerStatus::Approved),
        in_training: count(VolunteerStatus::InTraining),
        active: count(VolunteerStatus::Active),
        alumni: count(VolunteerStatus::Alumni),
        rejected: count(VolunteerStatus::Rejected),
        paused_total: count(VolunteerStatus::Paused),
        paused: paused
            .into_iter()
            .map(|person| PausedRow {
                until: pause_ends.get(&person.user_id).copied().and_then(noon),
                user_id: person.user_id,
                name: person.name,
            })
            .collect(),
    })
}

/// How many of the pipeline are not ready: all in it less the ready, never
/// below none (the two are read a moment apart, and an activation in
/// between may leave them a person out of step for that one view).
fn pipeline_rest(in_pipeline: i64, ready: i64) -> usize {
    usize::try_from(in_pipeline - ready).unwrap_or_default()
}

/// One active brobygger on the roster.
#[derive(Debug, Serialize)]
pub struct RosterEntry {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub study_programme: String,
    pub institution: String,
    pub active_since: Option<NaiveDateTime>,
    pub declaration: Option<i32>,
    /// A newer declaration version is required and not yet signed.
    pub needs_signature: bool,
    pub child_certificate: Option<NaiveDateTime>,
    /// Without a børneattest, the last day of their grace (noon UTC) while
    /// it runs (`activation::Grace`).
    pub child_certificate_grace: Option<NaiveDateTime>,
}

#[derive(Debug, Serialize)]
pub struct Roster {
    pub branch: Branch,
    pub settings: BranchRequirements,
    pub roster: Vec<RosterEntry>,
    /// `None` for the whole roster.
    pub pager: Option<Pager>,
}

/// The branch's roster: one page of it (`Some(page number)`), or all of it
/// (for the CSV file).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn roster(
    app: &App,
    actor: &Account,
    branch_id: i64,
    side: Option<i64>,
) -> Result<Roster, Error> {
    roster_for(app, actor, branch_id, side, None).await
}

/// The whole roster for the CSV file; the download is logged.
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn roster_export(
    app: &App,
    actor: &Account,
    who: Actor,
    branch_id: i64,
) -> Result<Roster, Error> {
    roster_for(app, actor, branch_id, None, Some(who)).await
}

async fn roster_for(
    app: &App,
    actor: &Account,
    branch_id: i64,
    side: Option<i64>,
    export: Option<Actor>,
) -> Result<Roster, Error> {
    coordinates(actor, branch_id)?;
    let known = actor.coordinated_branch(branch_id).cloned();
    let read = move |c: &mut DbConnection| {
        let branch = branches::known_or_find(c, known, branch_id)?;
        let settings = volunteer_settings::of_branch(c, branch_id)?;
        let (people, pager) = match side {
            Some(n) => {
                let (rows, pager) = volunteers::active_page_in_branch(c, branch_id, n)?;
                (rows, Some(pager))
            }
            None => (volunteers::active_in_branch(c, branch_id)?, None),
        };
        let ids: Vec<i64> = people.iter().map(|p| p.user_id).collect();
        let mut apps = applications::latest_of_many(c, &ids)?;
        let since = volunteer_history::activated_at(c, &ids)?;
        let required = declarations::required_version(c)?;
        let signatures = declarations::of_many(c, &ids)?;
        let checks = volunteer_settings::checks_of_many(c, &ids)?;
        let grace = volunteer_settings::grace_of_many(c, &ids)?;
        let today = crate::domain::time::local(crate::db::now()).date_naive();
        let roster = people
            .into_iter()
            .map(|p| {
                let app = apps.remove(&p.user_id);
                let declaration = signatures
                    .get(&p.user_id)
                    .and_then(|s| s.iter().map(|s| s.version).max());
                RosterEntry {
                    study_programme: app
                        .as_ref()
                        .map(|a| a.study_programme.clone())
                        .unwrap_or_default(),
                    institution: app.map(|a| a.institution).unwrap_or_default(),
                    active_since: since.get(&p.user_id).copied(),
                    needs_signature: declaration.is_none_or(|v| v < required),
                    declaration,
                    child_certificate: checks
                        .get(&p.user_id)
                        .and_then(|c| {
                            c.iter()
                                .find(|(k, _)| *k == ExtraCheck::ChildCertificate)
                                .map(|(_, d)| *d)
                        })
                        .and_then(noon),
                    child_certificate_grace: grace
                        .get(&p.user_id)
                        .and_then(|g| {
                            g.iter().find(|g| {
                                g.check == ExtraCheck::ChildCertificate && g.running(today)
                            })
                        })
                        .and_then(|g| noon(g.until)),
                    user_id: p.user_id,
                    name: p.name,
                    email: p.email,
                    phone: p.phone.unwrap_or_default(),
                }
            })
            .collect();
        Ok(Roster {
            branch,
            settings,
            roster,
            pager,
        })
    };
    match export {
        Some(who) => {
            let detail = "aktive.csv".to_string();
            audit::exported(app, who, Object::branch(branch_id), detail, read).await
        }
        None => app.read(read).await,
    }
}

#[cfg(test)]
mod tests {
    use super::pipeline_rest;

    #[test]
    fn the_not_ready_are_the_pipeline_less_the_ready() {
        assert_eq!(pipeline_rest(863, 4), 859);
        assert_eq!(pipeline_rest(4, 4), 0);
        assert_eq!(pipeline_rest(3, 4), 0, "never below none");
    }
}
