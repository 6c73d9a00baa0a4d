//! Calendars: one's personal feed (its secret address, renewing it) and the
//! "add to calendar" file of a session.

use chrono::NaiveDateTime;

use super::{App, Error};
use crate::auth::token;
use crate::calendar::feed;
use crate::db::users::{Account, User};
use crate::db::{calendar, sessions};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::events::SessionSummary;
use crate::domain::session::SessionKind;

/// The feed a token opens: its owner and every meeting they hold a seat
/// for (from `since`). `None` for an unknown token.
#[tracing::instrument(skip_all)]
pub async fn feed(
    app: &App,
    given: &str,
    since: NaiveDateTime,
) -> Result<Option<(User, Vec<SessionSummary>)>, Error> {
    if !feed::plausible(given) {
        return Ok(None);
    }
    let hash = token::digest(given);
    app.read(move |c| {
        let Some(user) = calendar::user_by_feed(c, &hash)? else {
            return Ok(None);
        };
        let sessions = calendar::feed_sessions(c, user.id, since)?;
        Ok(Some((user, sessions)))
    })
    .await
}

/// A new feed address for the user; the old one stops working at once.
#[tracing::instrument(skip(app))]
pub async fn renew_feed(app: &App, user_id: i64) -> Result<(), Error> {
    let salt = token::generate();
    let hash = token::digest(&feed::token(&app.settings.secret_key, user_id, &salt));
    app.write(move |c| Ok(calendar::renew_feed(c, user_id, &salt, &hash)?))
        .await
}

/// Whether anyone may download a session's calendar: GenLær sessions have
/// public pages; cohorts, supervision and evenings are for the people in
/// them and their coordinators.
pub fn download_is_public(kind: SessionKind) -> bool {
    kind == SessionKind::Genlaer
}

/// A session's calendar file, as the viewer may have it.
#[derive(Debug, Clone)]
pub enum SessionCalendar {
    File {
        summary: Box<SessionSummary>,
        /// The viewer holds a seat: the entries are theirs (the UIDs of
        /// their invitations), so file and invitation do not double up.
        own_seat: bool,
    },
    /// Not public, and nobody is signed in.
    SignInFirst,
}

/// A session's meetings for the "add to calendar" download: public
/// sessions for anyone; the others for their participants and coordinators
/// (anyone else is refused).
#[tracing::instrument(skip(app, viewer))]
pub async fn session_calendar(
    app: &App,
    viewer: Option<&Account>,
    id: i64,
) -> Result<SessionCalendar, Error> {
    let viewer = viewer.cloned();
    app.read(move |c| {
        let session = sessions::find(c, id)?;
        let status = match &viewer {
            Some(a) => calendar::enrolment_status(c, id, a.user.id)?,
            None => None,
        };
        if !download_is_public(session.kind) {
            let Some(a) = &viewer else {
                return Ok(SessionCalendar::SignInFirst);
            };
            let participant = status.is_some_and(|s| s.is_active());
            if !(a.manages(session.branch_id) || participant) {
                return Err(Error::Forbidden);
            }
        }
        Ok(SessionCalendar::File {
            summary: Box::new(sessions::summary_of(c, &session)?),
            own_seat: status == Some(EnrolmentStatus::Confirmed),
        })
    })
    .await
}
