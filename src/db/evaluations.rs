//! Course evaluations: the links sent after a held GenLær session and the
//! anonymous answers.
//!
//! Anonymity is built into the rows: `evaluation_links` knows the person
//! and the session and whether the link was used (no time of use);
//! `evaluation_answers` knows the session, the ratings, the comment and
//! the day, with a random key, and nothing that leads to a link or a
//! person. Using a link and storing its answer happen in the caller's one
//! transaction (`app::evaluations::submit`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::schema::{evaluation_answers, evaluation_links, genlaer_sessions, sessions};
use crate::db::{Direct, columns_of};
use crate::domain::evaluation::{Question, Tallies};

/// A link as the form needs it: which session, and whether it still works.
/// Never the person.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evaluation_links)]
pub struct Link {
    pub session_id: i64,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub expires_at: NaiveDateTime,
    pub used: bool,
}

/// The people of a session who already have a link.
pub fn invited_users(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<i64>> {
    evaluation_links::table
        .filter(evaluation_links::session_id.eq(session_id))
        .select(evaluation_links::user_id)
        .load_direct(conn)
}

pub fn create_link(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    token_hash: &str,
    expires_at: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(evaluation_links::table)
        .values((
            evaluation_links::session_id.eq(session_id),
            evaluation_links::user_id.eq(user_id),
            evaluation_links::token_hash.eq(token_hash),
            evaluation_links::expires_at.eq(expires_at),
            evaluation_links::used.eq(false),
            evaluation_links::created_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// The link with this hash, used or not.
pub fn find_link(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<Link>> {
    evaluation_links::table
        .filter(evaluation_links::token_hash.eq(token_hash))
        .select(columns_of::<Link>())
        .first_direct(conn)
        .optional()
}

/// Uses the link if it is unused and unexpired at `at`: `true` when this
/// call used it. The conditional update makes two submits use it once.
pub fn use_link(conn: &mut DbConnection, token_hash: &str, at: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        evaluation_links::table
            .filter(evaluation_links::token_hash.eq(token_hash))
            .filter(evaluation_links::used.eq(false))
            .filter(evaluation_links::expires_at.gt(at)),
    )
    .set(evaluation_links::used.eq(true))
    .execute_direct(conn)?;
    Ok(changed == 1)
}

/// An answer as stored: the session and what was answered, nothing else.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evaluation_answers)]
pub struct NewAnswer<'a> {
    /// Random, so that the rows' order says nothing.
    pub id: &'a str,
    pub session_id: i64,
    pub submitted_on: NaiveDate,
    pub relevance: i32,
    pub teachers: i32,
    pub transfer: i32,
    pub comment: Option<&'a str>,
}

pub fn insert_answer(conn: &mut DbConnection, answer: &NewAnswer<'_>) -> QueryResult<()> {
    diesel::insert_into(evaluation_answers::table)
        .values(answer)
        .execute_direct(conn)?;
    Ok(())
}

/// One stored answer.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = evaluation_answers)]
pub struct AnswerRow {
    pub session_id: i64,
    pub submitted_on: NaiveDate,
    pub relevance: i32,
    pub teachers: i32,
    pub transfer: i32,
    pub comment: Option<String>,
}

impl AnswerRow {
    pub fn rating(&self, q: Question) -> i32 {
        match q {
            Question::Relevance => self.relevance,
            Question::Teachers => self.teachers,
            Question::Transfer => self.transfer,
        }
    }
}

/// The answers to a session. Ordered by day and then the random key: the
/// order in which they came is not kept.
pub fn answers(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<AnswerRow>> {
    evaluation_answers::table
        .filter(evaluation_answers::session_id.eq(session_id))
        .order((evaluation_answers::submitted_on, evaluation_answers::id))
        .select(columns_of::<AnswerRow>())
        .load_direct(conn)
}

/// How many links a session's participants were sent, and how many were used.
pub fn link_counts(conn: &mut DbConnection, session_id: i64) -> QueryResult<(i64, i64)> {
    let invited = evaluation_links::table
        .filter(evaluation_links::session_id.eq(session_id))
        .count()
        .get_result_direct(conn)?;
    let used = evaluation_links::table
        .filter(evaluation_links::session_id.eq(session_id))
        .filter(evaluation_links::used.eq(true))
        .count()
        .get_result_direct(conn)?;
    Ok((invited, used))
}

/// What `of_course` reads.
#[derive(Debug, Clone, Default)]
pub struct CourseAnswers {
    /// Every answer, by the session's start.
    pub answers: Vec<AnswerRow>,
    /// Links sent, per session id.
    pub sent: Vec<(i64, i64)>,
}

/// The answers to every session of a course, with their session, in two
/// queries: the ratings, and the links sent per session. `branch_ids`
/// keeps those branches' sessions (`None`: every session).
pub fn of_course(
    conn: &mut DbConnection,
    course_id: i64,
    branch_ids: Option<&[i64]>,
) -> QueryResult<CourseAnswers> {
    let answers: Vec<AnswerRow> = crate::db::direct!(conn, |c| {
        let mut q = evaluation_answers::table
            .inner_join(sessions::table)
            .inner_join(
                genlaer_sessions::table
                    .on(genlaer_sessions::session_id.eq(evaluation_answers::session_id)),
            )
            .filter(genlaer_sessions::course_id.eq(course_id))
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(sessions::branch_id.eq_any(ids.to_vec()));
        }
        q.order((sessions::starts_at, evaluation_answers::id))
            .select(columns_of::<AnswerRow>())
            .load(c)
    })?;
    let sent: Vec<i64> = crate::db::direct!(conn, |c| {
        let mut links = evaluation_links::table
            .inner_join(sessions::table)
            .inner_join(
                genlaer_sessions::table
                    .on(genlaer_sessions::session_id.eq(evaluation_links::session_id)),
            )
            .filter(genlaer_sessions::course_id.eq(course_id))
            .into_boxed();
        if let Some(ids) = branch_ids {
            links = links.filter(sessions::branch_id.eq_any(ids.to_vec()));
        }
        links.select(evaluation_links::session_id).load(c)
    })?;
    let mut counts: Vec<(i64, i64)> = Vec::new();
    for session_id in sent {
        match counts.iter_mut().find(|(s, _)| *s == session_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((session_id, 1)),
        }
    }
    Ok(CourseAnswers {
        answers,
        sent: counts,
    })
}

/// A year's evaluations, for the annual figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct YearSummary {
    pub year: i32,
    /// Links sent for the year's sessions.
    pub invited: i64,
    /// Answers received.
    pub answers: i64,
    /// Per question: how many chose each step, and the average
    /// (`Tally::average_tenths`).
    pub tallies: Tallies,
}

/// The evaluations of the GenLær sessions that began in `year` (Danish
/// time): links sent, answers, and per question the distribution and
/// average. `branch_ids` keeps those branches' sessions; `None` counts
/// every session, national ones included. Two queries whatever the
/// numbers (the ratings are three small integers an answer).
///
/// For the annual figures (`/admin/statistik`) and the administrators'
/// dashboard.
pub fn year_summary(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
    year: i32,
) -> QueryResult<YearSummary> {
    let (from, to) = year_bounds(year);
    let ratings: Vec<(i32, i32, i32)> = crate::db::direct!(conn, |c| {
        let mut ratings = evaluation_answers::table
            .inner_join(sessions::table)
            .filter(sessions::starts_at.ge(from))
            .filter(sessions::starts_at.lt(to))
            .into_boxed();
        if let Some(ids) = branch_ids {
            ratings = ratings.filter(sessions::branch_id.eq_any(ids.to_vec()));
        }
        ratings
            .select((
                evaluation_answers::relevance,
                evaluation_answers::teachers,
                evaluation_answers::transfer,
            ))
            .load(c)
    })?;
    let mut tallies = Tallies::default();
    for (relevance, teachers, transfer) in ratings {
        tallies.relevance.add(relevance);
        tallies.teachers.add(teachers);
        tallies.transfer.add(transfer);
    }
    let invited: i64 = crate::db::direct!(conn, |c| {
        let mut invited = evaluation_links::table
            .inner_join(sessions::table)
            .filter(sessions::starts_at.ge(from))
            .filter(sessions::starts_at.lt(to))
            .into_boxed();
        if let Some(ids) = branch_ids {
            invited = invited.filter(sessions::branch_id.eq_any(ids.to_vec()));
        }
        invited.count().get_result(c)
    })?;
    Ok(YearSummary {
        year,
        invited,
        answers: tallies.answers(),
        tallies,
    })
}

/// 1 January to 1 January in Copenhagen, as UTC.
fn year_bounds(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| crate::domain::time::local_to_utc(d, chrono::NaiveTime::MIN).ok())
            .unwrap_or_default()
    };
    (start(year), start(year + 1))
}

/// Deletes a person's links (erasure). Their answers were never theirs in
/// storage, so they stay.
pub fn delete_of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<usize> {
    diesel::delete(evaluation_links::table.filter(evaluation_links::user_id.eq(user_id)))
        .execute_direct(conn)
}
