//! "Mine kurser": a person's GenLær seats, waiting-list places, history
//! with certificates, and the bookings they made for their organisation.
//! A constant number of queries, whatever the number of enrolments.

use std::collections::HashMap;

use actix_web::HttpResponse;
use serde::Serialize;
use tera::Context;

use crate::db::enrolments::{self, MyEnrolment};
use crate::db::{attendance, bookings, certificates, now, sessions};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::genlaer::may_have_certificate;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::error::AppError;
use crate::web::{Page, SignedIn};

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    mine: MyEnrolment,
    hours: Option<String>,
    certificate: bool,
    code: Option<String>,
    may_cancel: bool,
}

pub async fn index(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let uid = user.user.id;
    let lang = page.lang;
    let (rows, booked) = page
        .db()
        .run(move |c| {
            let mine = enrolments::of_user(c, uid, Some(SessionKind::Genlaer))?;
            let ids: Vec<i64> = mine.iter().map(|m| m.session.id).collect();
            let meetings = sessions::meetings_of(c, &ids)?;
            let session_of: HashMap<i64, i64> =
                meetings.iter().map(|m| (m.id, m.session_id)).collect();
            let meeting_ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
            let mut minutes: HashMap<i64, i32> = HashMap::new();
            for a in attendance::of_user(c, uid, &meeting_ids)? {
                if let Some(s) = session_of.get(&a.meeting_id) {
                    *minutes.entry(*s).or_insert(0) += a.minutes;
                }
            }
            let codes: HashMap<i64, String> = certificates::issued_for(c, uid, &ids)?
                .into_iter()
                .map(|cert| (cert.session_id, cert.code))
                .collect();
            let at = now();
            let rows: Vec<Row> = mine
                .into_iter()
                .map(|m| {
                    let attended = minutes.get(&m.session.id).copied().unwrap_or(0);
                    let confirmed = m.enrolment.status() == EnrolmentStatus::Confirmed;
                    let certificate = confirmed
                        && may_have_certificate(
                            m.session.status() == SessionStatus::Held,
                            attended,
                        );
                    let may_cancel = crate::domain::enrolment::cancellation(
                        &m.session.facts(),
                        Some(m.enrolment.status()),
                        at,
                        false,
                    )
                    .is_ok()
                        && m.session.status() == SessionStatus::Open;
                    Row {
                        hours: (attended > 0).then(|| crate::i18n::format::hours(lang, attended)),
                        code: codes.get(&m.session.id).cloned(),
                        certificate,
                        may_cancel,
                        mine: m,
                    }
                })
                .collect();
            Ok((rows, bookings::of_requester(c, uid)?))
        })
        .await?;
    let at = now();
    let (mut upcoming, mut waiting, mut history) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let status = row.mine.enrolment.status();
        let open =
            row.mine.session.status() == SessionStatus::Open && row.mine.session.ends_at > at;
        match status {
            EnrolmentStatus::Confirmed if open => upcoming.push(row),
            EnrolmentStatus::Waitlisted if open => waiting.push(row),
            _ => history.push(row),
        }
    }
    // Soonest first for what lies ahead; the history stays newest first.
    upcoming.reverse();
    waiting.reverse();
    let mut ctx = Context::new();
    ctx.insert("upcoming", &upcoming);
    ctx.insert("waiting", &waiting);
    ctx.insert("history", &history);
    ctx.insert("bookings", &booked);
    page.render("genlaer/mine.html", ctx)
}
