//! One volunteer's record as pages show it: on their own page (status and
//! application, the checklist's gate, hours per module and where each
//! missing module is taught next, cohorts, the declaration, the history,
//! their agenda) and on their coordinator's view, with the status changes
//! and checks a coordinator records.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{App, Error, activation, coordinates, curriculum, label_of, noon, readiness};
use crate::app::audit::{self, Actor, Object};
use crate::db::agenda::{self, AgendaItem};
use crate::db::applications::{self, Application};
use crate::db::branches::{self, Branch};
use crate::db::cohorts::{self, Teaching};
use crate::db::enrolments::{self, MyEnrolment};
use crate::db::gate::{self, Gate};
use crate::db::sessions::{self, Session};
use crate::db::users::{self, Account, User};
use crate::db::volunteer_history::{self, HistoryEntry};
use crate::db::volunteers::{self, Volunteer};
use crate::db::{DbConnection, declarations, now, volunteer_settings};
use crate::domain::activation::{ActivationRefusal, ExtraCheck};
use crate::domain::application::ApplicationStatus;
use crate::domain::audit::Action;
use crate::domain::curriculum::{Curriculum, Progress};
use crate::domain::session::SessionKind;
use crate::domain::volunteer::{StatusChange, VolunteerStatus, is_accepted};

/// Where a missing module is taught next.
#[derive(Debug, Serialize)]
pub struct TeachingView {
    pub session_id: i64,
    pub title: String,
    pub branch_name: Option<String>,
    pub own_branch: bool,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub seats_left: Option<i32>,
    /// Already enrolled in that cohort.
    pub enrolled: bool,
}

/// One module of the course with the volunteer's hours (in minutes).
#[derive(Debug, Serialize)]
pub struct ModuleRow {
    pub id: String,
    pub order: i32,
    pub title: String,
    pub minutes: i32,
    pub done_minutes: i32,
    pub missing_minutes: i32,
    pub complete: bool,
    pub next: Vec<TeachingView>,
}

/// The course progress with where each missing module is taught next.
fn module_rows(
    progress: &Progress,
    teaching: &HashMap<String, Vec<Teaching>>,
    branch_id: i64,
    cohorts: &[CohortRow],
) -> Vec<ModuleRow> {
    let enrolled_in: Vec<i64> = cohorts
        .iter()
        .filter(|r| r.mine.enrolment.status.is_active())
        .map(|r| r.mine.session.id)
        .collect();
    progress
        .modules
        .iter()
        .map(|m| ModuleRow {
            id: m.module.id.clone(),
            order: m.module.order,
            title: m.module.title.clone(),
            minutes: m.module.minutes,
            done_minutes: m.done_minutes,
            missing_minutes: m.missing_minutes,
            complete: m.complete(),
            next: teaching
                .get(&m.module.id)
                .map(|list| {
                    list.iter()
                        .map(|t| TeachingView {
                            session_id: t.session_id,
                            title: t.title.clone(),
                            branch_name: t.branch_name.clone(),
                            own_branch: t.branch_id == Some(branch_id),
                            starts_at: t.starts_at,
                            ends_at: t.ends_at,
                            location: t.location.clone(),
                            seats_left: t.seats_left,
                            enrolled: enrolled_in.contains(&t.session_id),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// One of the volunteer's cohorts; `makeup` names the module they joined
/// it to make up.
#[derive(Debug, Serialize)]
pub struct CohortRow {
    #[serde(flatten)]
    pub mine: MyEnrolment,
    pub makeup: Option<String>,
}

/// A declaration signed on paper before Brobyg, as imported.
#[derive(Debug, Serialize)]
pub struct ImportedSignatureView {
    pub version: i32,
    pub signed_at: NaiveDateTime,
    pub imported_at: NaiveDateTime,
    /// `None`: imported on the command line.
    pub imported_by: Option<String>,
}

/// What the volunteer did before Brobyg, as an import recorded it:
/// "gennemført før Brobyg, importeret … af …".
#[derive(Debug, Serialize)]
pub struct ImportedView {
    /// Every mandatory module: the whole course.
    pub whole_course: bool,
    /// The course's date (at noon), when the file gave one.
    pub completed_on: Option<NaiveDateTime>,
    /// The modules' numbers, in order.
    pub modules: Vec<i32>,
    pub training_imported_at: Option<NaiveDateTime>,
    pub training_imported_by: Option<String>,
    pub declarations: Vec<ImportedSignatureView>,
    pub study_programme: Option<String>,
    pub institution: Option<String>,
    /// For the coordinator's view only.
    pub coordinator_notes: Option<String>,
    pub imported_at: Option<NaiveDateTime>,
    pub imported_by: Option<String>,
}

fn imported_view(
    c: &mut DbConnection,
    curriculum: &Curriculum,
    user_id: i64,
) -> Result<Option<ImportedView>, Error> {
    let Some(imported) = crate::db::imports::imported_of(c, user_id)? else {
        return Ok(None);
    };
    let signatures = crate::db::imports::imported_signatures(c, user_id)?;
    let modules: Vec<i32> = curriculum
        .modules()
        .iter()
        .filter(|m| imported.modules.contains_key(&m.id))
        .map(|m| m.order)
        .collect();
    let whole_course = curriculum
        .modules()
        .iter()
        .filter(|m| m.mandatory)
        .all(|m| imported.modules.contains_key(&m.id));
    Ok(Some(ImportedView {
        whole_course,
        completed_on: imported
            .modules
            .values()
            .flatten()
            .max()
            .copied()
            .and_then(noon),
        modules,
        training_imported_at: imported.training_imported_at,
        training_imported_by: imported.training_imported_by,
        declarations: signatures
            .into_iter()
            .map(
                |(version, signed_at, imported_at, imported_by)| ImportedSignatureView {
                    version,
                    signed_at,
                    imported_at,
                    imported_by,
                },
            )
            .collect(),
        study_programme: imported.study_programme,
        institution: imported.institution,
        coordinator_notes: imported.coordinator_notes,
        imported_at: imported.imported_at,
        imported_by: imported.imported_by,
    }))
}

/// What both pages show of a volunteer: their record and application,
/// their gate, hours per module with where the missing ones are taught
/// next, their cohorts and their history.
#[derive(Debug, Serialize)]
pub struct Record {
    pub volunteer: Volunteer,
    pub branch: Branch,
    pub application: Option<Application>,
    pub gate: Gate,
    pub modules: Vec<ModuleRow>,
    pub cohorts: Vec<CohortRow>,
    pub history: Vec<HistoryEntry>,
    /// What they did before Brobyg, if they were imported.
    pub imported: Option<ImportedView>,
    /// The last day of their current pause, at noon.
    pub pause_until: Option<NaiveDateTime>,
    /// Accepted into the programme (may read the material, make up
    /// modules).
    pub accepted: bool,
    pub paused: bool,
}

fn record(
    c: &mut DbConnection,
    curriculum: &Curriculum,
    volunteer: Volunteer,
    branch: Branch,
) -> Result<Record, Error> {
    let user_id = volunteer.user_id;
    let application = applications::latest_of(c, user_id)?;
    let gate = gate::gate_of(
        c,
        curriculum,
        &volunteer,
        application.as_ref().map(|a| a.status),
    )?;
    let missing: Vec<String> = gate
        .progress
        .missing()
        .map(|m| m.module.id.clone())
        .collect();
    let teaching = cohorts::next_teaching(c, &missing, now(), 3)?;
    let makeups = cohorts::makeups_of(c, user_id)?;
    let cohorts: Vec<CohortRow> = enrolments::of_user(c, user_id, Some(SessionKind::Cohort))?
        .into_iter()
        .map(|mine| CohortRow {
            makeup: makeups
                .get(&mine.session.id)
                .and_then(|id| label_of(curriculum, id)),
            mine,
        })
        .collect();
    let history = volunteer_history::of_user(c, user_id)?;
    Ok(Record {
        branch,
        application,
        modules: module_rows(&gate.progress, &teaching, volunteer.branch_id, &cohorts),
        pause_until: volunteer_history::pause_end(&history).and_then(noon),
        history,
        imported: imported_view(c, curriculum, user_id)?,
        accepted: is_accepted(gate.status),
        paused: volunteer.status == VolunteerStatus::Paused,
        volunteer,
        gate,
        cohorts,
    })
}

/// The volunteer's own page.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    #[serde(flatten)]
    pub record: Record,
    /// Cohorts of their branch open for enrolment; none unless
    /// `training`.
    pub upcoming: Vec<Session>,
    /// Meetings of every kind of session with a seat: coming and past.
    pub agenda_upcoming: Vec<AgendaItem>,
    pub agenda_past: Vec<AgendaItem>,
    /// Approved or in training: on the way to active.
    pub training: bool,
    pub active: bool,
    /// May sign the declaration: not declined, not left.
    pub may_sign: bool,
    /// Their application was declined (its reason is shown).
    pub declined: bool,
    /// Declined: from when they may apply again.
    pub reapply: Option<super::reapply::Reapply>,
}

#[tracing::instrument(skip(app))]
pub async fn dashboard(app: &App, user_id: i64) -> Result<Dashboard, Error> {
    let curriculum = curriculum(app).await?;
    app.read(move |c| {
        let (volunteer, branch) =
            volunteers::find_with_branch(c, user_id)?.ok_or(Error::Forbidden)?;
        let status = volunteer.status;
        let training = matches!(
            status,
            VolunteerStatus::Approved | VolunteerStatus::InTraining
        );
        // Only someone on the way to active may enrol in a cohort: for
        // everyone else (most who open the page are active) the branch's
        // open cohorts are neither read nor handed to the template.
        let upcoming = if training {
            sessions::upcoming_of_kind(
                c,
                SessionKind::Cohort,
                Some(&[volunteer.branch_id]),
                now(),
                10,
            )?
        } else {
            Vec::new()
        };
        let reapply = match super::reapply::standing_of(c, &volunteer)? {
            super::reapply::Standing::Declined(r) => Some(r),
            _ => None,
        };
        let record = record(c, &curriculum, volunteer, branch)?;
        let (agenda_upcoming, agenda_past) = agenda::of_user(c, user_id, now())?;
        Ok(Dashboard {
            reapply,
            training,
            active: status == VolunteerStatus::Active,
            may_sign: !matches!(status, VolunteerStatus::Rejected | VolunteerStatus::Alumni),
            declined: record
                .application
                .as_ref()
                .is_some_and(|a| a.status == ApplicationStatus::Declined),
            record,
            upcoming,
            agenda_upcoming,
            agenda_past,
        })
    })
    .await
}

/// The branch of an active brobygger, for the page activation unlocks.
#[tracing::instrument(skip(app))]
pub async fn active_branch(app: &App, branch_id: i64) -> Result<Branch, Error> {
    app.read(move |c| Ok(branches::find(c, branch_id)?)).await
}

/// A volunteer as their coordinator sees them.
#[derive(Debug, Serialize)]
pub struct Person {
    #[serde(flatten)]
    pub record: Record,
    pub person: User,
    /// The extra checks recorded, with their dates at noon.
    pub checks: Vec<(ExtraCheck, Option<NaiveDateTime>)>,
    pub signatures: Vec<declarations::Signature>,
    pub can_activate: bool,
    pub can_pause: bool,
    pub can_resume: bool,
    pub can_retire: bool,
    /// Moving them to another branch: the choices, their moves, and the
    /// sessions of earlier branches they are still booked on.
    pub moving: super::moves::MovePanel,
}

/// The volunteer record, if this coordinator handles its branch.
fn handled(c: &mut DbConnection, actor: &Account, user_id: i64) -> Result<Volunteer, Error> {
    let volunteer = volunteers::find(c, user_id)?.ok_or(Error::NotFound)?;
    coordinates(actor, volunteer.branch_id)?;
    Ok(volunteer)
}

/// A volunteer's record for their coordinators. Staff opening it is
/// logged (a write for that row).
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn person(app: &App, actor: &Account, who: Actor, user_id: i64) -> Result<Person, Error> {
    let curriculum = curriculum(app).await?;
    let actor = actor.clone();
    app.write(move |c| {
        let volunteer = handled(c, &actor, user_id)?;
        let object = Object::user(user_id);
        audit::record(c, &who, Action::VolunteerRecordViewed, &object, None)?;
        let s = volunteer.status;
        let moving = super::moves::panel(c, &volunteer)?;
        // A coordinator's branches came with their account.
        let known = actor.coordinated_branch(volunteer.branch_id).cloned();
        let branch = branches::known_or_find(c, known, volunteer.branch_id)?;
        Ok(Person {
            moving,
            record: record(c, &curriculum, volunteer, branch)?,
            person: users::find(c, user_id)?,
            checks: volunteer_settings::checks_of_many(c, &[user_id])?
                .remove(&user_id)
                .unwrap_or_default()
                .into_iter()
                .map(|(k, d)| (k, noon(d)))
                .collect(),
            signatures: declarations::of_many(c, &[user_id])?
                .remove(&user_id)
                .unwrap_or_default(),
            can_activate: StatusChange::Activate.apply(s).is_some(),
            can_pause: StatusChange::Pause.apply(s).is_some(),
            can_resume: StatusChange::Resume.apply(s).is_some(),
            can_retire: StatusChange::Retire.apply(s).is_some(),
        })
    })
    .await
}

/// Refuses anyone but the coordinators of the volunteer's branch
/// (`NotFound` for someone who is no volunteer).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn authorize(app: &App, actor: &Account, user_id: i64) -> Result<(), Error> {
    let actor = actor.clone();
    app.read(move |c| handled(c, &actor, user_id).map(|_| ()))
        .await
}

/// What a coordinator does to a volunteer of their branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffAction {
    /// Activation and coming back need a clear checklist.
    Activate {
        reason: Option<String>,
    },
    Resume {
        reason: Option<String>,
    },
    Pause {
        until: NaiveDate,
        reason: Option<String>,
    },
    /// Stops them: an alumne.
    Retire {
        reason: Option<String>,
    },
    /// The børneattest was seen on a date.
    ChildCertificate {
        on: NaiveDate,
    },
}

/// Why a coordinator's action did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActRefusal {
    /// Activating or coming back was refused: the status, or the list.
    Activation(ActivationRefusal),
    /// The status does not allow the change.
    Status(VolunteerStatus),
    /// A declined volunteer has no checks recorded.
    Declined,
}

/// A coordinator changes a volunteer's status or records a check; a
/// check that meets the last requirement may activate them, if their
/// branch does that automatically.
#[tracing::instrument(skip(app, actor, action), fields(actor = actor.user.id))]
pub async fn act(
    app: &App,
    actor: &Account,
    who: Actor,
    user_id: i64,
    action: StaffAction,
) -> Result<Result<(), ActRefusal>, Error> {
    let curriculum = curriculum(app).await?;
    let actor = actor.clone();
    app.write(move |c| {
        let volunteer = handled(c, &actor, user_id)?;
        let by = actor.user.id;
        let active = |change, reason: Option<String>, c: &mut DbConnection| {
            activation::make_active(c, &curriculum, user_id, change, Some(by), reason.as_deref())
                .map(|r| r.map_err(ActRefusal::Activation))
        };
        let (logged, note) = audit_of(&action);
        let done = match action {
            StaffAction::Activate { reason } => active(StatusChange::Activate, reason, c)?,
            StaffAction::Resume { reason } => active(StatusChange::Resume, reason, c)?,
            StaffAction::Pause { until, reason } => {
                activation::pause(c, user_id, until, reason.as_deref(), by)?
                    .map_err(ActRefusal::Status)
            }
            StaffAction::Retire { reason } => {
                activation::retire(c, user_id, reason.as_deref(), by)?.map_err(ActRefusal::Status)
            }
            StaffAction::ChildCertificate { on } => {
                if volunteer.status == VolunteerStatus::Rejected {
                    return Ok(Err(ActRefusal::Declined));
                }
                volunteer_settings::record_check(c, user_id, ExtraCheck::ChildCertificate, on, by)?;
                activation::activate_if_automatic(c, &curriculum, user_id)?;
                Ok(())
            }
        };
        // A check or a status change: the pipeline's stored readiness.
        readiness::refresh(c, &[user_id])?;
        let object = Object::user(user_id);
        audit::record_ok(c, &who, logged, &object, note.as_deref(), &done)?;
        Ok(done)
    })
    .await
}

/// The audit log's action and note for a coordinator's action.
fn audit_of(action: &StaffAction) -> (Action, Option<String>) {
    // Reasons are free text about the person: they stay with the status
    // history, which erasure clears, and never reach the log, which
    // nothing clears.
    match action {
        StaffAction::Activate { .. } => (Action::VolunteerActivated, None),
        StaffAction::Resume { .. } => (Action::VolunteerResumed, None),
        StaffAction::Pause { until, .. } => (
            Action::VolunteerPaused,
            Some(format!("Til {}", until.format("%d-%m-%Y"))),
        ),
        StaffAction::Retire { .. } => (Action::VolunteerRetired, None),
        StaffAction::ChildCertificate { on } => (
            Action::VolunteerCheckRecorded,
            Some(format!("Børneattest {}", on.format("%d-%m-%Y"))),
        ),
    }
}
