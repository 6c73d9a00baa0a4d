//! Moving a volunteer to another branch (a student moving city). Only the
//! branch changes: the status history, attendance and hours, declarations
//! and supervision belong to the person, and the gate and the supervision
//! rule read them per person (`db::gate`, `db::supervision::standings`), so
//! an active volunteer stays active and their supervision stays as due as
//! it was. The new branch's own settings apply from the move (its
//! supervision window, its extra requirements).
//!
//! Sessions of the old branch they are booked on are kept, not cancelled:
//! supervision and evenings count wherever they are attended, someone
//! moving at the end of a term may well come to a last one, and a
//! cancellation the volunteer did not ask for would free their seat
//! behind their back. The emails and the coordinator's page list them, and
//! the volunteer cancels on their own page as usual.

use serde::Serialize;

use super::{App, DASHBOARD, Error, coordinates};
use crate::app::audit::{self, Actor, Object};
use crate::db::branches::{self, Branch, BranchInRegion};
use crate::db::users::Account;
use crate::db::volunteer_moves::{self, Kept, MoveEntry};
use crate::db::volunteers::{self, Volunteer};
use crate::db::{DbConnection, now, outbox, supervision, users, volunteer_settings};
use crate::domain::activation::{self, ExtraCheck};
use crate::domain::audit::Action;
use crate::domain::events::{Message, Recipient};
use crate::domain::volunteer::VolunteerStatus;

/// Why a volunteer was not moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefusal {
    /// They are already in that branch.
    SameBranch,
    /// An applicant's application is decided by the branch they applied
    /// to, and a declined applicant applies again instead.
    Status(VolunteerStatus),
    /// Someone moved them meanwhile.
    Moved,
}

impl MoveRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            MoveRefusal::SameBranch => "move-refused-same",
            MoveRefusal::Status(_) => "move-refused-status",
            MoveRefusal::Moved => "move-refused-moved",
        }
    }
}

/// Whether a volunteer in this status may be moved.
pub fn may_move(status: VolunteerStatus) -> bool {
    !matches!(
        status,
        VolunteerStatus::Applicant | VolunteerStatus::Rejected
    )
}

/// What the coordinator's view of a volunteer shows about moving.
#[derive(Debug, Serialize)]
pub struct MovePanel {
    pub may_move: bool,
    /// The branches they may move to (every other branch).
    pub branches: Vec<BranchInRegion>,
    /// Their moves, newest first.
    pub moves: Vec<MoveEntry>,
    /// Coming sessions of branches they moved from that they are booked on.
    pub kept: Vec<Kept>,
}

pub(super) fn panel(c: &mut DbConnection, volunteer: &Volunteer) -> Result<MovePanel, Error> {
    let moves = volunteer_moves::of_user(c, volunteer.user_id)?;
    let mut earlier: Vec<i64> = moves
        .iter()
        .map(|m| m.from_branch_id)
        .filter(|b| *b != volunteer.branch_id)
        .collect();
    earlier.sort_unstable();
    earlier.dedup();
    Ok(MovePanel {
        may_move: may_move(volunteer.status),
        branches: branches::all(c)?
            .into_iter()
            .filter(|b| b.branch.id != volunteer.branch_id)
            .collect(),
        kept: volunteer_moves::booked_in(c, volunteer.user_id, &earlier, now())?,
        moves,
    })
}

/// A requirement the new branch has and the old one had not (a
/// børneattest) does not stop an active volunteer (or one on a break) at
/// once: they get the same grace as when a branch adds a requirement, and
/// the same email.
fn grace_for_new_requirements(
    c: &mut DbConnection,
    volunteer: &Volunteer,
    from: i64,
    target: &Branch,
    by: i64,
) -> Result<(), Error> {
    let user_id = volunteer.user_id;
    let before = volunteer_settings::of_branch(c, from)?;
    let after = volunteer_settings::of_branch(c, target.id)?;
    let has: Vec<ExtraCheck> = volunteer_settings::checks_of_many(c, &[user_id])?
        .remove(&user_id)
        .unwrap_or_default()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let today = crate::domain::time::local(now()).date_naive();
    let until = activation::grace_deadline(today);
    let deadline = super::noon(until).ok_or(Error::NotFound)?;
    for check in activation::newly_required(&before, &after) {
        if !activation::gets_grace(volunteer.status, &has, check) {
            continue;
        }
        volunteer_settings::grant_grace(c, &[user_id], check, until, by)?;
        let to = Recipient::from(&users::find(c, user_id)?);
        outbox::enqueue(
            c,
            &to,
            &Message::RequirementGrace {
                check,
                branch: target.name.clone(),
                deadline,
                link: DASHBOARD.to_string(),
            },
        )?;
    }
    Ok(())
}

/// Moves the volunteer to `target` and tells everyone, in the caller's
/// transaction (the use case's, or the demo's): the move and its record,
/// grace for requirements the new branch adds, and the emails to the
/// volunteer and the coordinators of both branches. `false`: someone moved
/// them meanwhile.
pub fn record_move(
    c: &mut DbConnection,
    volunteer: &Volunteer,
    target: &Branch,
    by: i64,
) -> Result<bool, Error> {
    let user_id = volunteer.user_id;
    let (from, to) = (volunteer.branch_id, target.id);
    if !volunteer_moves::record(c, user_id, from, to, Some(by))? {
        return Ok(false);
    }
    let old = branches::find(c, from)?;
    grace_for_new_requirements(c, volunteer, from, target, by)?;
    // The new branch's requirements apply from the move.
    super::readiness::refresh(c, &[user_id])?;
    let kept = volunteer_moves::booked_in(c, user_id, &[from], now())?.len();
    let kept = i64::try_from(kept).unwrap_or(i64::MAX);
    let person = users::find(c, user_id)?;
    outbox::enqueue(
        c,
        &Recipient::from(&person),
        &Message::BranchMoved {
            from: old.name.clone(),
            to: target.name.clone(),
            kept,
            link: DASHBOARD.to_string(),
        },
    )?;
    let mut told: Vec<Recipient> = supervision::coordinators_of(c, from)?;
    for r in supervision::coordinators_of(c, to)? {
        if !told.iter().any(|t| t.user_id == r.user_id) {
            told.push(r);
        }
    }
    for coordinator in told {
        outbox::enqueue(
            c,
            &coordinator,
            &Message::VolunteerMoved {
                volunteer: person.name.clone(),
                from: old.name.clone(),
                to: target.name.clone(),
                kept,
                link: format!("/koordinator/brobyggere/{user_id}"),
            },
        )?;
    }
    Ok(true)
}

/// Moves a volunteer to `to`, for a coordinator of the volunteer's branch
/// (or an administrator): the branch changes and the move is recorded, in
/// one transaction with the emails to the volunteer and to the
/// coordinators of both branches, and the audit row.
#[tracing::instrument(skip(app, actor, who), fields(actor = actor.user.id))]
pub async fn move_to(
    app: &App,
    actor: &Account,
    who: Actor,
    user_id: i64,
    to: i64,
) -> Result<Result<(), MoveRefusal>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let volunteer = volunteers::find(c, user_id)?.ok_or(Error::NotFound)?;
        coordinates(&actor, volunteer.branch_id)?;
        // The branch to move to is a choice on the form: an unknown one is
        // a bad request, not a missing page.
        let target = branches::by_ids(c, &[to])?
            .pop()
            .ok_or_else(|| Error::BadRequest("unknown branch".into()))?;
        let from = volunteer.branch_id;
        if to == from {
            return Ok(Err(MoveRefusal::SameBranch));
        }
        if !may_move(volunteer.status) {
            return Ok(Err(MoveRefusal::Status(volunteer.status)));
        }
        if !record_move(c, &volunteer, &target, actor.user.id)? {
            return Ok(Err(MoveRefusal::Moved));
        }
        let old = branches::find(c, from)?;
        let note = format!("{} → {}", old.name, target.name);
        audit::record(
            c,
            &who,
            Action::VolunteerMoved,
            &Object::user(user_id),
            Some(&note),
        )?;
        Ok(Ok(()))
    })
    .await
}
