//! Brobyggeraftener and info evenings on top of the shared engine: each
//! evening's detail row, the volunteers' answers (a "yes" is an enrolment
//! through the engine, a "no" only an answer row), who is invited to answer
//! when an evening is announced, and the counts the coordinators' pages
//! show, in a fixed number of grouped queries however many evenings and
//! volunteers there are.

mod counts;

pub use counts::{
    Managed, Person, WhoComes, YearEvening, in_period, in_period_of, managed, who_comes,
};

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::enrolments::{self, Participant};
use super::schema::{
    enrolments as enrolments_t, evening_answers, evening_details, sessions as sessions_t, users,
    volunteers,
};
use super::sessions::{self, MeetingTimes, NewSession, Session};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::db::columns_of;
use crate::domain::Lang;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::evening::{self, Answer, Audience, EveningKind, Invited, Reply, Tally};
use crate::domain::events::Recipient;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::volunteer::VolunteerStatus;

// Answers are counted per evening and per answerer's branch.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    evening_answers::session_id,
    volunteers::branch_id,
);

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = evening_details)]
pub struct Detail {
    pub session_id: i64,
    pub evening_kind: EveningKind,
    pub topic: String,
    pub speaker: String,
    pub open_to_other_branches: bool,
}

impl Detail {
    pub fn audience(&self, session: &Session) -> Audience {
        Audience {
            kind: self.evening_kind,
            branch_id: session.branch_id,
            open_to_other_branches: self.open_to_other_branches,
        }
    }
}

pub struct NewEvening<'a> {
    pub kind: EveningKind,
    pub branch_id: Option<i64>,
    pub title: &'a str,
    pub topic: &'a str,
    pub speaker: &'a str,
    pub location: &'a str,
    pub capacity: Option<i32>,
    pub open_to_other_branches: bool,
}

/// Stores an evening (its session, one meeting and its detail row) as
/// given; the invitations are `app::evenings::announce`'s.
pub fn insert(
    conn: &mut DbConnection,
    new: &NewEvening<'_>,
    times: &MeetingTimes,
) -> QueryResult<i64> {
    let id = sessions::create(
        conn,
        &NewSession {
            kind: SessionKind::Evening,
            branch_id: new.branch_id,
            title: new.title,
            location: new.location,
            online_url: None,
            capacity: new.capacity,
            enrol_deadline: None,
            cancel_deadline: None,
        },
        std::slice::from_ref(times),
    )?;
    diesel::insert_into(evening_details::table)
        .values((
            evening_details::session_id.eq(id),
            evening_details::evening_kind.eq(new.kind),
            evening_details::topic.eq(new.topic),
            evening_details::speaker.eq(new.speaker),
            evening_details::open_to_other_branches.eq(new.open_to_other_branches),
        ))
        .execute_direct(conn)?;
    Ok(id)
}

/// Active brobyggere with a usable account, as recipients, in one join.
pub fn active_volunteers(conn: &mut DbConnection, who: Invited) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i64, String, String, Lang)> = crate::db::direct!(conn, |c| {
        let mut q = volunteers::table
            .inner_join(users::table)
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .filter(users::deactivated_at.is_null())
            .into_boxed();
        match who {
            Invited::Nobody => return Ok(Vec::new()),
            Invited::Branch(b) => q = q.filter(volunteers::branch_id.eq(b)),
            Invited::Everyone => {}
        }
        q.order(users::id)
            .select((users::id, users::email, users::name, users::language))
            .load(c)
    })?;
    Ok(rows.into_iter().map(Recipient::from).collect())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<(Session, Detail)> {
    sessions_t::table
        .inner_join(evening_details::table)
        .filter(sessions_t::id.eq(id))
        .select((columns_of::<Session>(), columns_of::<Detail>()))
        .first_direct(conn)
}

/// Everyone who answered an evening's invitation, yes or no.
pub fn answered(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<i64>> {
    evening_answers::table
        .filter(evening_answers::session_id.eq(session_id))
        .select(evening_answers::user_id)
        .load_direct(conn)
}

fn answer_of(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> QueryResult<Option<Answer>> {
    evening_answers::table
        .find((session_id, user_id))
        .select(evening_answers::answer)
        .first_direct::<Answer>(conn)
        .optional()
}

/// Someone's reply to one evening.
pub fn reply_of(conn: &mut DbConnection, session_id: i64, user_id: i64) -> QueryResult<Reply> {
    let answer = answer_of(conn, session_id, user_id)?;
    let enrolment = enrolments::find(conn, session_id, user_id)?.map(|e| e.status);
    Ok(evening::reply(answer, enrolment))
}

/// Stores a volunteer's answer (replacing an earlier one), under the
/// session's lock.
pub fn save_answer(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    answer: Answer,
) -> QueryResult<()> {
    // Delete-then-insert: a portable upsert, safe under the session's lock.
    diesel::delete(evening_answers::table.find((session_id, user_id))).execute_direct(conn)?;
    diesel::insert_into(evening_answers::table)
        .values((
            evening_answers::session_id.eq(session_id),
            evening_answers::user_id.eq(user_id),
            evening_answers::answer.eq(answer),
            evening_answers::answered_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// What a coordinator may change about an evening after announcing it.
pub struct EveningChanges<'a> {
    pub title: &'a str,
    pub topic: &'a str,
    pub speaker: &'a str,
    pub location: &'a str,
    pub capacity: Option<i32>,
    pub times: MeetingTimes,
}

/// Saves an evening's topic and speaker.
pub fn set_topic(conn: &mut DbConnection, id: i64, topic: &str, speaker: &str) -> QueryResult<()> {
    diesel::update(evening_details::table.find(id))
        .set((
            evening_details::topic.eq(topic),
            evening_details::speaker.eq(speaker),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// An evening in a list, with the viewer's reply.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub session: Session,
    pub detail: Detail,
    pub branch_name: Option<String>,
    pub national: bool,
    pub reply: Reply,
    /// The viewer has answered (or signed up).
    pub answered: bool,
}

/// Who is looking at the list of evenings.
#[derive(Debug, Clone, Copy)]
pub struct Viewer {
    pub user_id: i64,
    /// The branch of an active brobygger; `None` for anyone else, who sees
    /// the public info evenings only.
    pub active_in: Option<i64>,
}

/// Upcoming open evenings the viewer may attend, soonest first: public info
/// evenings for everyone; for an active brobygger also their branch's and
/// the national ones. Three queries.
pub fn upcoming_for(
    conn: &mut DbConnection,
    viewer: Option<Viewer>,
    after: NaiveDateTime,
) -> QueryResult<Vec<Listed>> {
    use super::schema::branches;
    let rows: Vec<(Session, Detail, Option<String>)> = sessions_t::table
        .inner_join(evening_details::table)
        .left_join(branches::table)
        .filter(sessions_t::kind.eq(SessionKind::Evening))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .filter(sessions_t::starts_at.gt(after))
        .order((sessions_t::starts_at, sessions_t::id))
        .select((
            columns_of::<Session>(),
            columns_of::<Detail>(),
            branches::name.nullable(),
        ))
        .load_direct(conn)?;
    let active_in = viewer.and_then(|v| v.active_in);
    let visible: Vec<(Session, Detail, Option<String>)> = rows
        .into_iter()
        .filter(|(s, d, _)| {
            let a = d.audience(s);
            a.is_public() || active_in.is_some_and(|b| a.welcomes(b))
        })
        .collect();
    let ids: Vec<i64> = visible.iter().map(|(s, _, _)| s.id).collect();
    let (answers, enrolled) = match viewer {
        Some(v) => replies_of(conn, v.user_id, &ids)?,
        None => (HashMap::new(), HashMap::new()),
    };
    Ok(visible
        .into_iter()
        .map(|(session, detail, branch_name)| {
            let reply = evening::reply(
                answers.get(&session.id).copied(),
                enrolled.get(&session.id).copied(),
            );
            Listed {
                national: detail.audience(&session).is_national(),
                session,
                detail,
                branch_name,
                answered: reply != Reply::NotAnswered,
                reply,
            }
        })
        .collect())
}

type Replies = (HashMap<i64, Answer>, HashMap<i64, EnrolmentStatus>);

/// One person's answers and enrolments for the given sessions.
fn replies_of(conn: &mut DbConnection, user_id: i64, ids: &[i64]) -> QueryResult<Replies> {
    let answers = evening_answers::table
        .filter(evening_answers::user_id.eq(user_id))
        .filter(evening_answers::session_id.eq_any(ids))
        .select((evening_answers::session_id, evening_answers::answer))
        .load_direct::<(i64, Answer)>(conn)?
        .into_iter()
        .collect();
    let enrolled = enrolments_t::table
        .filter(enrolments_t::user_id.eq(user_id))
        .filter(enrolments_t::session_id.eq_any(ids))
        .select((enrolments_t::session_id, enrolments_t::status))
        .load_direct::<(i64, EnrolmentStatus)>(conn)?
        .into_iter()
        .collect();
    Ok((answers, enrolled))
}
