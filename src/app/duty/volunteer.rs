//! The brobygger's side of the rota: the coming month's vagter of their
//! branch with where they stand against the target (`/vagter`), taking a
//! vagt (a free place, or one given away), giving one away and keeping it
//! after all. Only active brobyggere (the handlers put `ActiveVolunteer`
//! in front).

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::{VagtView, noon, views};
use crate::app::{Abort, App, Error, engine};
use crate::db::duty;
use crate::db::{DbConnection, enrolments, evenings, now, outbox, sessions};
use crate::domain::duty::{self as rules, Refusal, Standing, Take, Target};
use crate::domain::enrolment::{EnrolmentStatus, Refusal as EngineRefusal};
use crate::domain::evening::Invited;
use crate::domain::events::Message;
use crate::domain::session::SessionStatus;

/// How many days ahead `/vagter` shows.
pub const AHEAD_DAYS: i64 = 31;

/// What `/vagter` shows an active brobygger.
#[derive(Debug, Clone, Serialize)]
pub struct Home {
    pub target: Target,
    /// Vagter held this (Copenhagen) month.
    pub taken: i64,
    pub standing: Standing,
    /// The first of this month at noon UTC (for the month's name).
    pub month: NaiveDateTime,
    /// Vagter they are on, soonest first.
    pub mine: Vec<VagtView>,
    /// Vagter they could take (a free place or one given away).
    pub open: Vec<VagtView>,
    /// Full vagter of the month, for the whole picture.
    pub full: Vec<VagtView>,
}

#[tracing::instrument(skip(app))]
pub async fn home(app: &App, user_id: i64, branch_id: i64) -> Result<Home, Error> {
    app.read(move |c| {
        let at = now();
        let today = crate::db::supervision::local_date(at);
        let settings = duty::settings(c, branch_id)?;
        let list = duty::vagter(c, &[branch_id], today, today + Duration::days(AHEAD_DAYS))?
            .into_iter()
            .filter(|v| v.session.ends_at > at)
            .collect();
        let all = views(c, list, Some(user_id), at)?;
        let (first, last) = rules::month_of(today);
        let taken = duty::taken_counts(c, &[user_id], first, last)?
            .get(&user_id)
            .copied()
            .unwrap_or(0);
        let (mine, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.mine);
        let (open, full): (Vec<_>, Vec<_>) = rest.into_iter().partition(|v| v.may_take);
        Ok(Home {
            target: settings.target,
            standing: settings.target.standing(taken),
            taken,
            month: noon(first),
            mine,
            open,
            full,
        })
    })
    .await
}

/// How a vagt was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Took {
    FreePlace,
    /// Taken over from someone who gave it away.
    TakenOver,
}

/// Takes a place on a vagt of the volunteer's branch (`branch_id`: the
/// branch their gate gives them): a free place, or else the place of
/// someone who gives theirs away (the first to take it gets it). The
/// session's lock makes two takers of the last place one seat and one
/// refusal. No waiting list: a full vagt refuses.
#[tracing::instrument(skip(app))]
pub async fn take(
    app: &App,
    user_id: i64,
    branch_id: i64,
    session_id: i64,
) -> Result<Result<Took, Refusal>, Error> {
    app.write_or_refuse(move |c| take_in(c, user_id, branch_id, session_id))
        .await
}

/// `take` in the caller's transaction (which a refusal must roll back).
pub fn take_in(
    c: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    session_id: i64,
) -> Result<Took, Abort<Refusal>> {
    let vagt = duty::find(c, session_id)?;
    if vagt.session.branch_id != Some(branch_id) {
        return Err(Abort::Failed(Error::Forbidden));
    }
    let session = sessions::lock(c, session_id)?;
    let on = enrolments::find(c, session_id, user_id)?
        .is_some_and(|e| e.status == EnrolmentStatus::Confirmed);
    let offers: Vec<(i64, NaiveDateTime)> = duty::offers(c, &[session_id])?
        .remove(&session_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|(g, _)| *g != user_id)
        .collect();
    let facts = rules::Facts {
        open: session.status == SessionStatus::Open,
        starts_at: session.starts_at,
        wanted: session.capacity.unwrap_or(0),
        taken: session.confirmed_count,
        offers,
    };
    let at = now();
    let took = match rules::take(&facts, on, at).map_err(Abort::Refused)? {
        Take::FreePlace => Took::FreePlace,
        Take::Offered(giver) => {
            hand_over(c, &session, giver, at)?;
            Took::TakenOver
        }
    };
    let session = sessions::find(c, session_id)?;
    match engine::enrol_locked(c, &session, user_id, false)? {
        Ok(p) if p.status == EnrolmentStatus::Confirmed => Ok(took),
        // Never a waiting list on a vagt.
        Ok(_) => Err(Abort::Refused(Refusal::Full)),
        Err(EngineRefusal::AlreadyEnrolled) => Err(Abort::Refused(Refusal::AlreadyOnIt)),
        Err(_) => Err(Abort::Refused(Refusal::Closed)),
    }
}

/// The giver's place ends and they are told (with a calendar
/// cancellation); their offer is gone. The caller holds the lock.
fn hand_over(
    conn: &mut DbConnection,
    session: &crate::db::sessions::Session,
    giver: i64,
    at: NaiveDateTime,
) -> Result<(), Error> {
    duty::delete_offer(conn, session.id, giver)?;
    let Some(e) = enrolments::find(conn, session.id, giver)? else {
        return Ok(());
    };
    enrolments::end(
        conn,
        e.id,
        EnrolmentStatus::Cancelled,
        Some(giver),
        false,
        at,
    )?;
    enrolments::set_counts(conn, session.id)?;
    let whole = sessions::summary_of(conn, session)?;
    let summary = crate::db::cohorts::as_attended_by(conn, &whole, giver)?;
    let to = crate::domain::events::Recipient::from(&crate::db::users::find(conn, giver)?);
    outbox::enqueue(conn, &to, &Message::DutyHandedOver { session: summary })?;
    Ok(())
}

/// Gives a vagt away: it is offered to the branch's other active
/// brobyggere (each is told) until 48 hours before it starts; the giver
/// keeps it until someone takes it. Returns how many were told.
#[tracing::instrument(skip(app))]
pub async fn give_away(
    app: &App,
    user_id: i64,
    branch_id: i64,
    session_id: i64,
) -> Result<Result<usize, Refusal>, Error> {
    app.write_or_refuse(move |c| give_away_in(c, user_id, branch_id, session_id))
        .await
}

/// `give_away` in the caller's transaction.
pub fn give_away_in(
    c: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    session_id: i64,
) -> Result<usize, Abort<Refusal>> {
    let vagt = duty::find(c, session_id)?;
    if vagt.session.branch_id != Some(branch_id) {
        return Err(Abort::Failed(Error::Forbidden));
    }
    let session = sessions::lock(c, session_id)?;
    let holding = enrolments::find(c, session_id, user_id)?
        .is_some_and(|e| e.status == EnrolmentStatus::Confirmed);
    let offered = duty::offers(c, &[session_id])?
        .get(&session_id)
        .is_some_and(|o| o.iter().any(|(g, _)| *g == user_id));
    if session.status != SessionStatus::Open {
        return Err(Abort::Refused(Refusal::Closed));
    }
    let until =
        rules::may_give_away(holding, offered, session.starts_at, now()).map_err(Abort::Refused)?;
    duty::insert_offer(c, session_id, user_id, until)?;
    let on: Vec<i64> = duty::takers(c, &[session_id])?
        .remove(&session_id)
        .unwrap_or_default()
        .into_iter()
        .map(|(u, _)| u)
        .collect();
    let summary = sessions::summary_of(c, &session)?;
    let mut told = 0;
    for to in evenings::active_volunteers(c, Invited::Branch(branch_id))? {
        if to.user_id.is_some_and(|u| on.contains(&u)) {
            continue;
        }
        outbox::enqueue(
            c,
            &to,
            &Message::DutyOffered {
                session: summary.clone(),
                until,
                link: "/vagter".to_string(),
            },
        )?;
        told += 1;
    }
    Ok(told)
}

/// Keeps a vagt after all: withdraws the volunteer's own offer.
#[tracing::instrument(skip(app))]
pub async fn keep(app: &App, user_id: i64, session_id: i64) -> Result<bool, Error> {
    app.write(move |c| {
        duty::find(c, session_id)?;
        sessions::lock(c, session_id)?;
        Ok(duty::delete_offer(c, session_id, user_id)?)
    })
    .await
}
