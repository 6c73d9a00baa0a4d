//! Course certificates: issued to a participant of a held session the first
//! time they ask for it, and looked up by the code printed on it.

use rand::RngCore;

use crate::app::{App, Error};
use crate::db::certificates::{self, Certificate, NewCertificate};
use crate::db::{
    DbConnection, attendance, branches, courses, enrolments, genlaer, sessions, users,
};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::genlaer::{certificate_code, may_have_certificate};
use crate::domain::session::SessionStatus;

/// The certificate of `user_id` for a session, issued the first time, or
/// `None` when there is none to have: the session is not held, or no
/// attendance of theirs is recorded.
#[tracing::instrument(skip(app))]
pub async fn of_participant(
    app: &App,
    session_id: i64,
    user_id: i64,
) -> Result<Option<Certificate>, Error> {
    let issued = app
        .read(move |c| Ok(certificates::find(c, session_id, user_id)?))
        .await?;
    if issued.is_some() {
        return Ok(issued);
    }
    app.write(move |c| {
        // Serialises two first downloads of the same certificate.
        sessions::lock(c, session_id)?;
        issue(c, session_id, user_id)
    })
    .await
}

fn issue(
    c: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> Result<Option<Certificate>, Error> {
    let (session, detail) = genlaer::find(c, session_id)?;
    let Some(enrolment) = enrolments::find(c, session_id, user_id)? else {
        return Ok(None);
    };
    let meeting_ids: Vec<i64> = sessions::meetings(c, session_id)?
        .iter()
        .map(|m| m.id)
        .collect();
    let minutes: i32 = attendance::of_user(c, user_id, &meeting_ids)?
        .iter()
        .map(|a| a.minutes)
        .sum();
    let held = session.status == SessionStatus::Held;
    if enrolment.status != EnrolmentStatus::Confirmed || !may_have_certificate(held, minutes) {
        return Ok(None);
    }
    if let Some(existing) = certificates::find(c, session_id, user_id)? {
        return Ok(Some(existing));
    }
    let course = courses::find(c, detail.course_id)?;
    // The name they enrolled with, as it should stand on the certificate.
    let name = match genlaer::details_of_session(c, session_id)?
        .into_iter()
        .find(|(u, _)| *u == user_id)
    {
        Some((_, d)) => d.name,
        None => users::find(c, user_id)?.name,
    };
    let issuer = match session.branch_id {
        Some(b) => format!("Social Sundhed {}", branches::find(c, b)?.name),
        None => "Social Sundhed".to_string(),
    };
    let mut random = [0u8; 12];
    rand::rng().fill_bytes(&mut random);
    let code = certificate_code(&random);
    let new = NewCertificate {
        code: &code,
        session_id,
        user_id,
        name: &name,
        course_title: &course.title,
        first_day: session.starts_at,
        last_day: session.ends_at,
        minutes,
        issuer: &issuer,
        learning_goals: &course.learning_goals,
    };
    Ok(Some(certificates::issue(c, &new)?))
}

/// The certificate with this (normalised) code, for the public check.
pub async fn by_code(app: &App, code: String) -> Result<Option<Certificate>, Error> {
    app.read(move |c| Ok(certificates::by_code(c, &code)?))
        .await
}
