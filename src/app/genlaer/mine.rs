//! "Mine kurser": a person's GenLær seats, waiting-list places, history
//! with certificates, and the bookings they made for their organisation.
//! A constant number of queries, whatever the number of enrolments.

use std::collections::HashMap;

use serde::Serialize;

use crate::app::{App, Error};
use crate::db::enrolments::{self, MyEnrolment};
use crate::db::{attendance, bookings, branches, certificates, now, sessions};
use crate::domain::enrolment::{self as enrolment_rules, EnrolmentStatus};
use crate::domain::events::Organizer;
use crate::domain::genlaer::may_have_certificate;
use crate::domain::session::{SessionKind, SessionStatus};

#[derive(Serialize)]
pub struct Row {
    #[serde(flatten)]
    pub mine: MyEnrolment,
    /// Minutes of attendance recorded.
    pub minutes: i32,
    pub certificate: bool,
    pub code: Option<String>,
    pub may_cancel: bool,
    /// Who to contact once the seat can no longer be cancelled here: the
    /// session's branch (`None` for the national secretariat's sessions).
    pub organiser: Option<Organizer>,
}

pub struct Mine {
    /// Seats in sessions ahead, soonest first.
    pub upcoming: Vec<Row>,
    /// Waiting-list places, soonest first.
    pub waiting: Vec<Row>,
    /// Everything else, newest first.
    pub history: Vec<Row>,
    pub bookings: Vec<bookings::Listed>,
}

pub async fn mine(app: &App, user_id: i64) -> Result<Mine, Error> {
    let (rows, booked) = app
        .read(move |c| {
            let mine = enrolments::of_user(c, user_id, Some(SessionKind::Genlaer))?;
            let ids: Vec<i64> = mine.iter().map(|m| m.session.id).collect();
            let meetings = sessions::meetings_of(c, &ids)?;
            let session_of: HashMap<i64, i64> =
                meetings.iter().map(|m| (m.id, m.session_id)).collect();
            let meeting_ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
            let mut minutes: HashMap<i64, i32> = HashMap::new();
            for a in attendance::of_user(c, user_id, &meeting_ids)? {
                if let Some(s) = session_of.get(&a.meeting_id) {
                    *minutes.entry(*s).or_insert(0) += a.minutes;
                }
            }
            let codes: HashMap<i64, String> = certificates::issued_for(c, user_id, &ids)?
                .into_iter()
                .map(|cert| (cert.session_id, cert.code))
                .collect();
            let branch_ids: Vec<i64> = mine.iter().filter_map(|m| m.session.branch_id).collect();
            let organisers: HashMap<i64, Organizer> = branches::by_ids(c, &branch_ids)?
                .into_iter()
                .map(|b| {
                    let contact = Organizer {
                        name: b.name,
                        email: b.email,
                        phone: b.phone,
                    };
                    (b.id, contact)
                })
                .collect();
            let rows: Vec<Row> = mine
                .into_iter()
                .map(|m| {
                    let organiser = m
                        .session
                        .branch_id
                        .and_then(|b| organisers.get(&b).cloned());
                    row(m, &minutes, &codes, organiser)
                })
                .collect();
            Ok((rows, bookings::of_requester(c, user_id)?))
        })
        .await?;
    Ok(sorted(rows, booked))
}

fn row(
    m: MyEnrolment,
    minutes: &HashMap<i64, i32>,
    codes: &HashMap<i64, String>,
    organiser: Option<Organizer>,
) -> Row {
    let attended = minutes.get(&m.session.id).copied().unwrap_or(0);
    let confirmed = m.enrolment.status == EnrolmentStatus::Confirmed;
    let certificate =
        confirmed && may_have_certificate(m.session.status == SessionStatus::Held, attended);
    let may_cancel =
        enrolment_rules::cancellation(&m.session.facts(), Some(m.enrolment.status), now(), false)
            .is_ok()
            && m.session.status == SessionStatus::Open;
    Row {
        minutes: attended,
        code: codes.get(&m.session.id).cloned(),
        certificate,
        may_cancel,
        organiser,
        mine: m,
    }
}

/// Rows (newest first) split into what lies ahead and the history.
fn sorted(rows: Vec<Row>, bookings: Vec<bookings::Listed>) -> Mine {
    let at = now();
    let (mut upcoming, mut waiting, mut history) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let open = row.mine.session.status == SessionStatus::Open && row.mine.session.ends_at > at;
        match row.mine.enrolment.status {
            EnrolmentStatus::Confirmed if open => upcoming.push(row),
            EnrolmentStatus::Waitlisted if open => waiting.push(row),
            _ => history.push(row),
        }
    }
    upcoming.reverse();
    waiting.reverse();
    Mine {
        upcoming,
        waiting,
        history,
        bookings,
    }
}
