//! Applying to become a brobygger ("Bliv brobygger"), and a coordinator's
//! handling of an application: the intro conversation and the decision.
//!
//! Someone who is not signed in applies with a new account; if the address
//! already has one, its owner is told by email and the page says the same
//! as for a new account, so the form reveals nothing about anyone.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;
use serde::Serialize;

use super::reapply::{self, Standing};
use super::{App, DASHBOARD, Error, coordinates, noon};
use crate::app::accounts::{self, Found, NewAccount};
use crate::app::audit::{self, Actor, Object};
use crate::db::applications::{self, NewApplication, WithApplicant};
use crate::db::branches::{self, Branch, BranchInRegion};
use crate::db::users::Account;
use crate::db::volunteer_history::{self, Change, Note};
use crate::db::{DbConnection, outbox, users, volunteers};
use crate::domain::application::ApplicationStatus;
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::events::{Message, Recipient};
use crate::domain::volunteer::StatusChange;
use crate::domain::{EmailAddress, Lang};

/// Who applies.
pub enum Applicant {
    SignedIn(i64),
    /// A new person, with the password for their new account.
    New {
        name: String,
        email: EmailAddress,
        password: String,
        language: Lang,
    },
}

/// A valid application form.
pub struct Application {
    pub applicant: Applicant,
    pub phone: String,
    pub answers: NewApplication,
}

/// The branches one may apply to, for the form.
#[tracing::instrument(skip(app))]
pub async fn branches(app: &App) -> Result<Vec<BranchInRegion>, Error> {
    app.read(|c| Ok(branches::all(c)?)).await
}

/// Records an application: the account first, for someone new (or, if
/// the address has one, only a word to its owner), then the volunteer
/// record, the application and the receipt, in one transaction.
/// A signed-in person already on the path, or declined less than their
/// branch's waiting period ago, is refused with where they stand.
#[tracing::instrument(skip_all, fields(branch = a.answers.branch_id))]
pub async fn apply(app: &App, a: Application) -> Result<Result<(), Standing>, Error> {
    let hash = match &a.applicant {
        Applicant::New { password, .. } => Some(crate::app::hash_password(password).await?),
        Applicant::SignedIn(_) => None,
    };
    app.write(move |c| {
        let (user_id, verify_link) = match &a.applicant {
            Applicant::SignedIn(id) => {
                let standing = reapply::standing_in(c, *id)?;
                if !standing.may_apply() {
                    return Ok(Err(standing));
                }
                (*id, None)
            }
            Applicant::New {
                name,
                email,
                language,
                ..
            } => {
                let new = NewAccount {
                    email: email.as_str(),
                    name,
                    phone: Some(&a.phone),
                    password_hash: hash.as_deref(),
                    language: *language,
                    role: None,
                };
                match accounts::find_or_create(c, &new)? {
                    Found::Existing(owner) => {
                        accounts::tell_owner(c, &owner)?;
                        return Ok(Ok(()));
                    }
                    Found::Created { id, link } => (id, Some(link)),
                }
            }
        };
        record(c, user_id, &a.answers, &a.phone, verify_link)?;
        Ok(Ok(()))
    })
    .await
}

/// Records an application by an existing account, with the receipt to
/// the applicant, in the caller's transaction. `verify_link`: for a new
/// account, the link that confirms its address. Returns the application.
pub fn record(
    conn: &mut DbConnection,
    user_id: i64,
    new: &NewApplication,
    phone: &str,
    verify_link: Option<String>,
) -> QueryResult<i64> {
    let id = applications::submit(conn, user_id, new, phone)?;
    let branch = branches::find(conn, new.branch_id)?.name;
    let applicant = users::find(conn, user_id)?;
    crate::app::tasks::tell_new_application(conn, id, &applicant.name, new.branch_id, &branch)?;
    outbox::enqueue(
        conn,
        &Recipient::from(&applicant),
        &Message::ApplicationReceived {
            branch,
            verify_link,
            link: DASHBOARD.to_string(),
        },
    )?;
    Ok(id)
}

/// One application as its coordinator reads it.
#[derive(Debug, Serialize)]
pub struct ApplicationPage {
    pub a: WithApplicant,
    pub branch: Branch,
    /// The intro conversation's date at noon, for the date filters.
    pub intro_on_at: Option<NaiveDateTime>,
    /// Still waiting for a decision.
    pub pending: bool,
}

/// The application with its applicant, if this coordinator handles its
/// branch.
fn handled(conn: &mut DbConnection, actor: &Account, id: i64) -> Result<WithApplicant, Error> {
    let a = applications::with_applicant(conn, id)?;
    coordinates(actor, a.application.branch_id)?;
    Ok(a)
}

/// An application for its branch's coordinators. Staff opening it is
/// logged (a write for that row).
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn page(
    app: &App,
    actor: &Account,
    who: Actor,
    id: i64,
) -> Result<ApplicationPage, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let a = applications::with_applicant(c, id)?;
        let branch = branches::find(c, a.application.branch_id)?;
        coordinates(&actor, a.application.branch_id)?;
        let object = Object::new(ObjectKind::Application, id);
        audit::record(c, &who, Action::VolunteerRecordViewed, &object, None)?;
        Ok(ApplicationPage {
            intro_on_at: a.application.intro_on.and_then(noon),
            pending: a.application.status == ApplicationStatus::Pending,
            branch,
            a,
        })
    })
    .await
}

/// Records (or corrects) the intro conversation: its date and outcome.
#[tracing::instrument(skip(app, actor, outcome), fields(actor = actor.user.id))]
pub async fn record_intro(
    app: &App,
    actor: &Account,
    who: Actor,
    id: i64,
    on: NaiveDate,
    outcome: String,
) -> Result<(), Error> {
    let actor = actor.clone();
    app.write(move |c| {
        handled(c, &actor, id)?;
        applications::record_intro(c, id, on, &outcome, actor.user.id)?;
        let object = Object::new(ObjectKind::Application, id);
        let action = Action::ApplicationIntroRecorded;
        audit::record(
            c,
            &who,
            action,
            &object,
            Some(&on.format("%d-%m-%Y").to_string()),
        )
    })
    .await
}

/// A coordinator's decision, with its reason: optional for an acceptance,
/// required for a decline (it goes to the applicant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Accept(Option<String>),
    Decline(String),
}

impl Decision {
    pub fn accepts(&self) -> bool {
        matches!(self, Decision::Accept(_))
    }

    fn reason(&self) -> Option<&str> {
        match self {
            Decision::Accept(reason) => reason.as_deref(),
            Decision::Decline(reason) => Some(reason),
        }
    }
}

/// Why a decision was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionRefused {
    /// Someone decided first (or the volunteer moved on).
    AlreadyDecided,
}

/// Accepts or declines a pending application, in the caller's transaction:
/// the application, the volunteer's status (logged) and the message to the
/// applicant change together.
pub fn record_decision(
    conn: &mut DbConnection,
    id: i64,
    decision: &Decision,
    by: i64,
) -> QueryResult<Result<(), DecisionRefused>> {
    let application = applications::find(conn, id)?;
    let (change, to) = match decision {
        Decision::Accept(_) => (StatusChange::Accept, ApplicationStatus::Accepted),
        Decision::Decline(_) => (StatusChange::Decline, ApplicationStatus::Declined),
    };
    let status = volunteers::find(conn, application.user_id)?
        .map(|v| v.status)
        .ok_or(diesel::result::Error::NotFound)?;
    if change.apply(status).is_none() {
        return Ok(Err(DecisionRefused::AlreadyDecided));
    }
    if !applications::set_decision(conn, id, to, decision.reason(), by)? {
        return Ok(Err(DecisionRefused::AlreadyDecided));
    }
    let changed = volunteer_history::change(
        conn,
        &Change {
            user_id: application.user_id,
            change,
            note: Note {
                by: Some(by),
                reason: decision.reason(),
                ..Default::default()
            },
        },
    )?;
    if changed.is_err() {
        // Checked above; only a concurrent change gets here. Undo it all.
        return Err(diesel::result::Error::RollbackTransaction);
    }
    let branch = branches::find(conn, application.branch_id)?.name;
    let to = Recipient::from(&users::find(conn, application.user_id)?);
    let message = match decision {
        Decision::Accept(_) => Message::ApplicationAccepted {
            branch,
            link: DASHBOARD.to_string(),
        },
        Decision::Decline(reason) => Message::ApplicationDeclined {
            branch,
            reason: reason.clone(),
        },
    };
    outbox::enqueue(conn, &to, &message)?;
    Ok(Ok(()))
}

/// What a decision came to, and whose application it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub applicant: i64,
    pub result: Result<(), DecisionRefused>,
}

/// A coordinator of the application's branch decides on it.
#[tracing::instrument(skip(app, actor, decision), fields(actor = actor.user.id, accept = decision.accepts()))]
pub async fn decide(
    app: &App,
    actor: &Account,
    who: Actor,
    id: i64,
    decision: Decision,
) -> Result<Decided, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let a = handled(c, &actor, id)?;
        let result = record_decision(c, id, &decision, actor.user.id)?;
        // Accepted: in the pipeline, with what they have done so far.
        super::readiness::refresh(c, &[a.application.user_id])?;
        let action = if decision.accepts() {
            Action::ApplicationAccepted
        } else {
            Action::ApplicationDeclined
        };
        let object = Object::new(ObjectKind::Application, id);
        // The reason stays with the application, which erasure and
        // retention can delete; the log, which nothing deletes, is not told.
        audit::record_ok(c, &who, action, &object, None, &result)?;
        Ok(Decided {
            applicant: a.application.user_id,
            result,
        })
    })
    .await
}
