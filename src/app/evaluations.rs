//! Course evaluations (GenLær): the links sent when a session is held, the
//! anonymous answer behind each link, and the results the session's
//! coordinators (and administrators) read per session and per course.
//!
//! A link proves that its holder attended; the answer is stored without
//! them (`db::evaluations`): one transaction marks the link used and
//! inserts a row holding only the session, the ratings, the comment and
//! the day.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::QueryResult;
use rand::RngCore;
use serde::Serialize;

use crate::app::sessions::managed;
use crate::app::{App, Error};
use crate::auth::token;
use crate::db::courses::{self, Course};
use crate::db::evaluations::{self, AnswerRow, NewAnswer, YearSummary};
use crate::db::sessions::{self, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, attendance, enrolments, genlaer, now, outbox, users};
use crate::domain::Code;
use crate::domain::evaluation::{
    self, Answer, FEW_ANSWERS, LinkState, Question, Tallies, is_invited, link_state,
};
use crate::domain::events::{Message, Recipient};
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::time;

/// The path of an evaluation link.
pub fn link_path(token: &str) -> String {
    format!("/evaluering/{token}")
}

/// Sends a link to everyone who attended a held GenLær session and has none
/// yet, in the caller's transaction: called when the session is marked held
/// and whenever attendance of a held session is saved (someone added
/// afterwards gets theirs then; nobody gets two). Returns who got a link
/// and its token (the demo answers with some). Any other session, or one
/// not held, sends nothing.
pub fn invite_attendees(
    conn: &mut DbConnection,
    session_id: i64,
) -> QueryResult<Vec<(i64, String)>> {
    let session = sessions::find(conn, session_id)?;
    if session.kind != SessionKind::Genlaer || session.status != SessionStatus::Held {
        return Ok(Vec::new());
    }
    let mut minutes: HashMap<i64, i32> = HashMap::new();
    for a in attendance::for_session(conn, session_id)? {
        *minutes.entry(a.user_id).or_insert(0) += a.minutes;
    }
    let already = evaluations::invited_users(conn, session_id)?;
    let (seated, _) = enrolments::participants(conn, session_id)?;
    let summary = sessions::summary_of(conn, &session)?;
    let at = now();
    let expires_at = evaluation::expires(at);
    let mut sent = Vec::new();
    for p in seated {
        let user_id = p.enrolment.user_id;
        let attended = minutes.get(&user_id).copied().unwrap_or(0);
        // `participants` lists confirmed seats only.
        if !is_invited(true, true, attended) || already.contains(&user_id) {
            continue;
        }
        let token = token::generate();
        evaluations::create_link(
            conn,
            session_id,
            user_id,
            &token::digest(&token),
            expires_at,
            at,
        )?;
        let to = Recipient::from(&users::find(conn, user_id)?);
        let message = Message::EvaluationInvite {
            session: summary.clone(),
            link: link_path(&token),
            expires_at,
        };
        outbox::enqueue(conn, &to, &message)?;
        sent.push((user_id, token));
    }
    Ok(sent)
}

/// Why a link opens no form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Closed {
    /// No such link (a typo, or a link from a copy of the database).
    Unknown,
    /// It has been answered.
    Used,
    Expired,
}

/// What the form shows about the session it evaluates.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluating {
    pub title: String,
    pub course: String,
    pub starts_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

fn open_link(
    conn: &mut DbConnection,
    token_hash: &str,
    at: NaiveDateTime,
) -> Result<Result<(i64, NaiveDateTime), Closed>, Error> {
    let Some(link) = evaluations::find_link(conn, token_hash)? else {
        return Ok(Err(Closed::Unknown));
    };
    Ok(match link_state(link.used, link.expires_at, at) {
        LinkState::Open => Ok((link.session_id, link.expires_at)),
        LinkState::Used => Err(Closed::Used),
        LinkState::Expired => Err(Closed::Expired),
    })
}

/// The session a link evaluates, if the link still works.
#[tracing::instrument(skip_all)]
pub async fn form(app: &App, token: String) -> Result<Result<Evaluating, Closed>, Error> {
    app.read(move |c| {
        let (session_id, expires_at) = match open_link(c, &token::digest(&token), now())? {
            Ok(open) => open,
            Err(closed) => return Ok(Err(closed)),
        };
        let (session, detail) = genlaer::find(c, session_id)?;
        let course = courses::find(c, detail.course_id)?;
        Ok(Ok(Evaluating {
            title: session.title,
            course: course.title,
            starts_at: session.starts_at,
            expires_at,
        }))
    })
    .await
}

/// Stores an answer: in one transaction the link is used (once, and only
/// while it works) and a row is inserted with the session, the ratings, the
/// comment and today's date (Copenhagen), and nothing else.
#[tracing::instrument(skip_all)]
pub async fn submit(app: &App, token: String, answer: Answer) -> Result<Result<(), Closed>, Error> {
    app.write(move |c| answer_in(c, &token, &answer, now()))
        .await
}

/// `submit` inside the caller's transaction, at `at`.
pub fn answer_in(
    c: &mut DbConnection,
    token: &str,
    answer: &Answer,
    at: NaiveDateTime,
) -> Result<Result<(), Closed>, Error> {
    let hash = token::digest(token);
    let session_id = match open_link(c, &hash, at)? {
        Ok((session_id, _)) => session_id,
        Err(closed) => return Ok(Err(closed)),
    };
    if !evaluations::use_link(c, &hash, at)? {
        // Used by a second submit in between.
        return Ok(Err(Closed::Used));
    }
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    let id: String = random.iter().map(|b| format!("{b:02x}")).collect();
    evaluations::insert_answer(
        c,
        &NewAnswer {
            id: &id,
            session_id,
            submitted_on: time::local(at).date_naive(),
            relevance: answer.relevance.value(),
            teachers: answer.teachers.value(),
            transfer: answer.transfer.value(),
            comment: answer.comment.as_deref(),
        },
    )?;
    Ok(Ok(()))
}

fn tallies_of<'a>(answers: impl Iterator<Item = &'a AnswerRow>) -> Tallies {
    let mut tallies = Tallies::default();
    for a in answers {
        for q in Question::ALL {
            tallies.get_mut(*q).add(a.rating(*q));
        }
    }
    tallies
}

/// The results of one session, for its coordinators.
#[derive(Debug, Clone, Serialize)]
pub struct SessionResults {
    pub session: Session,
    pub course: Course,
    /// Links sent.
    pub invited: i64,
    pub answers: i64,
    pub tallies: Tallies,
    /// The comments written, in no particular order.
    pub comments: Vec<String>,
    /// So few answers that they may be recognisable.
    pub few: bool,
}

/// The evaluation of a GenLær session this account manages: coordinators
/// of its branch and administrators; others are refused.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn of_session(app: &App, actor: &Account, id: i64) -> Result<SessionResults, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let session = managed(c, &actor, id)?;
        session_results(c, session)
    })
    .await
}

/// The evaluation of a session for its teachers, who have no account:
/// the link their coordinator shared is the proof. A wrong link is
/// `NotFound`, like a session that does not exist.
pub async fn of_session_for_teachers(
    app: &App,
    id: i64,
    key: String,
) -> Result<SessionResults, Error> {
    if !token::same(&key, &teachers_key(&app.settings, &session_scope(id))) {
        return Err(Error::NotFound);
    }
    app.read(move |c| {
        let session = sessions::find(c, id)?;
        session_results(c, session)
    })
    .await
}

fn session_results(c: &mut DbConnection, session: Session) -> Result<SessionResults, Error> {
    if session.kind != SessionKind::Genlaer {
        return Err(Error::NotFound);
    }
    let detail = genlaer::detail(c, session.id)?;
    let course = courses::find(c, detail.course_id)?;
    let rows = evaluations::answers(c, session.id)?;
    let (invited, _) = evaluations::link_counts(c, session.id)?;
    let tallies = tallies_of(rows.iter());
    let answers = tallies.answers();
    Ok(SessionResults {
        session,
        course,
        invited,
        answers,
        few: answers > 0 && answers < FEW_ANSWERS,
        tallies,
        comments: rows.into_iter().filter_map(|r| r.comment).collect(),
    })
}

/// Which sessions a link to a course's results shows: every branch's
/// (`None`, shared by an administrator) or these branches'. Written in the
/// link, and signed with it, so a teacher cannot widen it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branches(pub Option<Vec<i64>>);

impl Branches {
    /// What an account sees of a course: its branches, or all.
    pub fn of(account: &Account) -> Branches {
        if account.is_admin() {
            Branches(None)
        } else {
            let mut ids = account.branches.clone();
            ids.sort_unstable();
            ids.dedup();
            Branches(Some(ids))
        }
    }

    /// "alle", or the branch ids joined by "-".
    pub fn to_path(&self) -> String {
        match &self.0 {
            None => "alle".to_string(),
            Some(ids) => ids.iter().map(i64::to_string).collect::<Vec<_>>().join("-"),
        }
    }

    pub fn parse(raw: &str) -> Option<Branches> {
        if raw == "alle" {
            return Some(Branches(None));
        }
        let ids: Vec<i64> = raw
            .split('-')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        Some(Branches(Some(ids)))
    }

    fn includes(&self, branch: Option<i64>) -> bool {
        match &self.0 {
            None => true,
            Some(ids) => branch.is_some_and(|b| ids.contains(&b)),
        }
    }
}

/// What a teachers' link signs.
fn session_scope(id: i64) -> String {
    format!("session:{id}")
}

fn course_scope(course_id: i64, branches: &Branches) -> String {
    format!("course:{course_id}:{}", branches.to_path())
}

/// Teachers' links are derived from the secret key and what they show,
/// so nothing is stored; a new secret key withdraws them all.
fn teachers_key(settings: &crate::config::Settings, scope: &str) -> String {
    token::derive(&settings.secret_key, "evaluation-teachers", scope)
}

/// The read-only link to a session's results that its coordinator gives
/// the teachers.
pub fn teachers_session_path(settings: &crate::config::Settings, id: i64) -> String {
    let key = teachers_key(settings, &session_scope(id));
    format!("/evaluering/hold/{id}/{key}")
}

/// The read-only link to a course's results over time, showing the
/// sessions of the branches of whoever shares it.
pub fn teachers_course_path(
    settings: &crate::config::Settings,
    course_id: i64,
    branches: &Branches,
) -> String {
    let key = teachers_key(settings, &course_scope(course_id, branches));
    format!(
        "/evaluering/kursus/{course_id}/{}/{key}",
        branches.to_path()
    )
}

/// One session in a course's results over time.
#[derive(Debug, Clone, Serialize)]
pub struct SessionLine {
    pub session_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub invited: i64,
    pub answers: i64,
    pub tallies: Tallies,
}

/// A course's results: its sessions with answers, oldest first, and all
/// of them together.
#[derive(Debug, Clone, Serialize)]
pub struct CourseResults {
    pub course: Course,
    pub sessions: Vec<SessionLine>,
    pub total: Tallies,
    pub answers: i64,
    pub invited: i64,
}

/// The evaluations of a course's sessions that this account may see: those
/// of its branches (administrators: every session, national ones too).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn of_course(app: &App, actor: &Account, course_id: i64) -> Result<CourseResults, Error> {
    let branches = Branches::of(actor);
    app.read(move |c| course_results(c, course_id, &branches))
        .await
}

/// A course's results for its teachers, through the link a coordinator
/// shared: the sessions of that coordinator's branches. A wrong link is
/// `NotFound`.
pub async fn of_course_for_teachers(
    app: &App,
    course_id: i64,
    branches: String,
    key: String,
) -> Result<CourseResults, Error> {
    let Some(branches) = Branches::parse(&branches) else {
        return Err(Error::NotFound);
    };
    let expected = teachers_key(&app.settings, &course_scope(course_id, &branches));
    if !token::same(&key, &expected) {
        return Err(Error::NotFound);
    }
    app.read(move |c| course_results(c, course_id, &branches))
        .await
}

fn course_results(
    c: &mut DbConnection,
    course_id: i64,
    branches: &Branches,
) -> Result<CourseResults, Error> {
    let course = courses::find(c, course_id)?;
    let evaluations::CourseAnswers {
        answers: rows,
        sent,
    } = evaluations::of_course(c, course_id, branches.0.as_deref())?;
    let listed = genlaer::of_course(c, course_id, false, None)?;
    let mut sessions: Vec<SessionLine> = Vec::new();
    for l in listed {
        let s = &l.session;
        if !branches.includes(s.branch_id) {
            continue;
        }
        let invited = sent
            .iter()
            .find(|(id, _)| *id == s.id)
            .map_or(0, |(_, n)| *n);
        let tallies = tallies_of(rows.iter().filter(|r| r.session_id == s.id));
        if invited == 0 && tallies.answers() == 0 {
            continue;
        }
        sessions.push(SessionLine {
            session_id: s.id,
            title: s.title.clone(),
            starts_at: s.starts_at,
            invited,
            answers: tallies.answers(),
            tallies,
        });
    }
    let total = tallies_of(rows.iter());
    Ok(CourseResults {
        answers: total.answers(),
        invited: sessions.iter().map(|s| s.invited).sum(),
        course,
        sessions,
        total,
    })
}

/// A year's evaluations for the administrators' dashboard (every session).
pub async fn year(app: &App, year: i32) -> Result<YearSummary, Error> {
    app.read(move |c| Ok(evaluations::year_summary(c, None, year)?))
        .await
}

/// Today's year in Copenhagen.
pub fn this_year() -> i32 {
    use chrono::Datelike;
    time::local(now()).year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_links_branches_are_written_and_read_back_alike() {
        for b in [
            Branches(None),
            Branches(Some(vec![3])),
            Branches(Some(vec![1, 2, 10])),
        ] {
            assert_eq!(Branches::parse(&b.to_path()), Some(b.clone()));
        }
        assert_eq!(Branches(Some(vec![1, 2])).to_path(), "1-2");
        for wrong in ["", "1-", "a", "1--2", "-1-x"] {
            assert_eq!(Branches::parse(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn a_course_link_shows_only_its_branches_and_national_sessions_only_to_all() {
        let some = Branches(Some(vec![1, 2]));
        assert!(some.includes(Some(2)));
        assert!(!some.includes(Some(3)));
        assert!(!some.includes(None));
        assert!(Branches(None).includes(None));
    }

    #[test]
    fn teachers_keys_differ_by_what_they_show() {
        let settings = crate::config::Settings::default();
        let a = teachers_key(&settings, &session_scope(1));
        assert_ne!(a, teachers_key(&settings, &session_scope(2)));
        assert_ne!(
            teachers_key(&settings, &course_scope(1, &Branches(Some(vec![1])))),
            teachers_key(&settings, &course_scope(1, &Branches(None)))
        );
    }
}
