//! What the coordinators' pages count: each evening's yes / waiting / no /
//! not answered, who comes, and the year's evenings for the dashboard, in a
//! fixed number of grouped queries.

use super::*;
use crate::db::{Direct, columns_of};
use crate::domain::session::SessionStatus;

/// An evening on the coordinators' list, with its counts.
#[derive(Debug, Clone, Serialize)]
pub struct Managed {
    pub session: Session,
    pub detail: Detail,
    pub branch_name: Option<String>,
    pub national: bool,
    /// A public info evening: it invites nobody, so nobody "has not
    /// answered".
    pub public: bool,
    pub tally: Tally,
}

/// The evenings of the given branches (every evening when `None`, as an
/// administrator sees them), newest first, with yes / waiting / no / not
/// answered counts. Five queries whatever the numbers.
pub fn managed(conn: &mut DbConnection, branch_ids: Option<&[i64]>) -> QueryResult<Vec<Managed>> {
    use crate::db::schema::branches;
    let rows: Vec<(Session, Detail, Option<String>)> = crate::db::direct!(conn, |c| {
        let mut q = sessions_t::table
            .inner_join(evening_details::table)
            .left_join(branches::table)
            .filter(sessions_t::kind.eq(SessionKind::Evening))
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(sessions_t::branch_id.eq_any(ids.to_vec()));
        }
        q.order((sessions_t::starts_at.desc(), sessions_t::id.desc()))
            .select((
                columns_of::<Session>(),
                columns_of::<Detail>(),
                branches::name.nullable(),
            ))
            .load(c)
    })?;
    let ids: Vec<i64> = rows.iter().map(|(s, _, _)| s.id).collect();
    let counts = Counts::load(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|(session, detail, branch_name)| {
            let tally = counts.tally(&session, &detail);
            let audience = detail.audience(&session);
            Managed {
                national: audience.is_national(),
                public: audience.is_public(),
                session,
                detail,
                branch_name,
                tally,
            }
        })
        .collect())
}

/// The grouped counts behind a list's tallies.
struct Counts {
    answers: HashMap<i64, i64>,
    answers_enrolled: HashMap<i64, i64>,
    /// (session, answerer's branch) → answers from active brobyggere.
    answered_active: HashMap<(i64, i64), i64>,
    /// branch → active brobyggere.
    active: HashMap<i64, i64>,
}

impl Counts {
    fn load(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Counts> {
        let answers = evening_answers::table
            .filter(evening_answers::session_id.eq_any(ids))
            .group_by(evening_answers::session_id)
            .select((evening_answers::session_id, diesel::dsl::count_star()))
            .load_direct::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        let answers_enrolled = evening_answers::table
            .inner_join(
                enrolments_t::table.on(enrolments_t::session_id
                    .eq(evening_answers::session_id)
                    .and(enrolments_t::user_id.eq(evening_answers::user_id))),
            )
            .filter(evening_answers::session_id.eq_any(ids))
            .filter(
                enrolments_t::status
                    .eq_any([EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted]),
            )
            .group_by(evening_answers::session_id)
            .select((evening_answers::session_id, diesel::dsl::count_star()))
            .load_direct::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        let answered_active = evening_answers::table
            .inner_join(volunteers::table.on(volunteers::user_id.eq(evening_answers::user_id)))
            .filter(evening_answers::session_id.eq_any(ids))
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .group_by((evening_answers::session_id, volunteers::branch_id))
            .select((
                evening_answers::session_id,
                volunteers::branch_id,
                diesel::dsl::count_star(),
            ))
            .load_direct::<(i64, i64, i64)>(conn)?
            .into_iter()
            .map(|(s, b, n)| ((s, b), n))
            .collect();
        let active = volunteers::table
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .group_by(volunteers::branch_id)
            .select((volunteers::branch_id, diesel::dsl::count_star()))
            .load_direct::<(i64, i64)>(conn)?
            .into_iter()
            .collect();
        Ok(Counts {
            answers,
            answers_enrolled,
            answered_active,
            active,
        })
    }

    fn tally(&self, session: &Session, detail: &Detail) -> Tally {
        let (invited, invited_answered) = match detail.audience(session).invited() {
            Invited::Nobody => (0, 0),
            Invited::Branch(b) => (
                self.active.get(&b).copied().unwrap_or(0),
                self.answered_active
                    .get(&(session.id, b))
                    .copied()
                    .unwrap_or(0),
            ),
            Invited::Everyone => (
                self.active.values().sum(),
                self.answered_active
                    .iter()
                    .filter(|((s, _), _)| *s == session.id)
                    .map(|(_, n)| n)
                    .sum(),
            ),
        };
        evening::tally(
            i64::from(session.confirmed_count),
            i64::from(session.waitlist_count),
            self.answers.get(&session.id).copied().unwrap_or(0),
            self.answers_enrolled.get(&session.id).copied().unwrap_or(0),
            invited,
            invited_answered,
        )
    }
}

/// One person on an evening's "who comes" page.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub branch_name: Option<String>,
}

/// Who comes, who waits, who said no and who has not answered yet.
#[derive(Debug, Clone, Serialize, Default)]
pub struct WhoComes {
    pub coming: Vec<Person>,
    pub waiting: Vec<Person>,
    pub not_coming: Vec<Person>,
    pub not_answered: Vec<Person>,
    pub tally: Tally,
}

/// The lists behind an evening's "who comes" page, in five queries.
pub fn who_comes(
    conn: &mut DbConnection,
    session: &Session,
    detail: &Detail,
) -> QueryResult<WhoComes> {
    use crate::db::schema::branches;
    let (seated, queue) = enrolments::participants(conn, session.id)?;
    let answered: Vec<(i64, String, String, Option<String>)> = evening_answers::table
        .inner_join(users::table)
        .filter(evening_answers::session_id.eq(session.id))
        .order((users::name, users::id))
        .select((users::id, users::name, users::email, users::phone))
        .load_direct(conn)?;
    let invited: Vec<(i64, String, String, Option<String>)> = crate::db::direct!(conn, |c| {
        let mut invited_q = volunteers::table
            .inner_join(users::table)
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .into_boxed();
        match detail.audience(session).invited() {
            Invited::Nobody => invited_q = invited_q.filter(volunteers::user_id.eq(-1)),
            Invited::Branch(b) => invited_q = invited_q.filter(volunteers::branch_id.eq(b)),
            Invited::Everyone => {}
        }
        invited_q
            .order((users::name, users::id))
            .select((users::id, users::name, users::email, users::phone))
            .load(c)
    })?;
    // Everyone's branch, for evenings that welcome several.
    let mut people: Vec<i64> = seated
        .iter()
        .chain(&queue)
        .map(|p| p.enrolment.user_id)
        .collect();
    people.extend(answered.iter().map(|(id, ..)| *id));
    let branch_of: HashMap<i64, String> = volunteers::table
        .inner_join(branches::table)
        .filter(volunteers::user_id.eq_any(&people))
        .select((volunteers::user_id, branches::name))
        .load_direct::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let person = |p: &Participant| Person {
        user_id: p.enrolment.user_id,
        name: p.name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        branch_name: branch_of.get(&p.enrolment.user_id).cloned(),
    };
    let enrolled: Vec<i64> = people[..seated.len() + queue.len()].to_vec();
    let answered_ids: Vec<i64> = answered.iter().map(|(id, ..)| *id).collect();
    let mut who = WhoComes {
        coming: seated.iter().map(person).collect(),
        waiting: queue.iter().map(person).collect(),
        ..WhoComes::default()
    };
    who.not_coming = answered
        .into_iter()
        .filter(|(id, ..)| !enrolled.contains(id))
        .map(|(user_id, name, email, phone)| Person {
            branch_name: branch_of.get(&user_id).cloned(),
            user_id,
            name,
            email,
            phone,
        })
        .collect();
    who.not_answered = invited
        .into_iter()
        .filter(|(id, ..)| !enrolled.contains(id) && !answered_ids.contains(id))
        .map(|(user_id, name, email, phone)| Person {
            user_id,
            name,
            email,
            phone,
            branch_name: None,
        })
        .collect();
    who.tally = Tally {
        yes: who.coming.len() as i64,
        waiting: who.waiting.len() as i64,
        no: who.not_coming.len() as i64,
        not_answered: who.not_answered.len() as i64,
    };
    Ok(who)
}

/// A branch's evenings in a period, for the dashboard: each with its seats
/// taken and the people recorded present (two queries).
#[derive(Debug, Clone, Serialize)]
pub struct YearEvening {
    pub session_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub status: SessionStatus,
    pub yes: i64,
    pub present: i64,
}

pub fn in_period(
    conn: &mut DbConnection,
    branch_id: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<YearEvening>> {
    Ok(in_period_of(conn, &[branch_id], from, to)?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// `in_period` for several branches (a region), each evening with its
/// branch, in the same two queries.
pub fn in_period_of(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<Vec<(i64, YearEvening)>> {
    use crate::db::schema::{attendance, meetings};
    use crate::domain::attendance::AttendanceStatus;
    type Row = (i64, String, NaiveDateTime, SessionStatus, i32, Option<i64>);
    let rows: Vec<Row> = sessions_t::table
        .filter(sessions_t::kind.eq(SessionKind::Evening))
        .filter(sessions_t::branch_id.eq_any(branch_ids))
        .filter(sessions_t::starts_at.ge(from))
        .filter(sessions_t::starts_at.lt(to))
        .filter(sessions_t::status.ne(SessionStatus::Cancelled))
        .order((sessions_t::starts_at, sessions_t::id))
        .select((
            sessions_t::id,
            sessions_t::title,
            sessions_t::starts_at,
            sessions_t::status,
            sessions_t::confirmed_count,
            sessions_t::branch_id,
        ))
        .load_direct(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    // Someone at several meetings of one evening counts once per meeting;
    // evenings have one meeting.
    let present: HashMap<i64, i64> = attendance::table
        .inner_join(meetings::table)
        .filter(meetings::session_id.eq_any(&ids))
        .filter(attendance::status.ne(AttendanceStatus::Absent))
        .group_by(meetings::session_id)
        .select((meetings::session_id, diesel::dsl::count_star()))
        .load_direct::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(session_id, title, starts_at, status, yes, branch)| {
            let evening = YearEvening {
                present: present.get(&session_id).copied().unwrap_or(0),
                session_id,
                title,
                starts_at,
                status,
                yes: i64::from(yes),
            };
            branch.map(|b| (b, evening))
        })
        .collect())
}
