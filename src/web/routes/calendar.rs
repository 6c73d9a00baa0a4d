//! Calendar files: the personal feed (`/kalender/{token}.ics`, for calendar
//! clients, so no cookies), renewing its address, and the "add to
//! calendar" download of a session (`/kalender/hold/{id}.ics`).

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::auth::token;
use crate::calendar::feed;
use crate::calendar::ics::{self, Person};
use crate::db::{self, calendar, sessions};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::SessionKind;
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::mail::worker;
use crate::web::page::redirect;
use crate::web::{AppState, MaybeUser, Page, SignedIn};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kalender/hold/{id}.ics", web::get().to(session_download))
        .route("/kalender/{token}.ics", web::get().to(personal_feed))
        .route("/konto/kalender/forny", web::post().to(renew));
}

/// The address of a session's "add to calendar" download, for the pages of
/// every kind of session to link to.
pub fn download_path(session_id: i64) -> String {
    format!("/kalender/hold/{session_id}.ics")
}

/// Whether anyone may download a session's calendar: GenLær sessions have
/// public pages; cohorts, supervision and evenings are for the people in
/// them and their coordinators.
pub fn download_is_public(kind: SessionKind) -> bool {
    kind == SessionKind::Genlaer
}

/// The national secretariat as organizer, for sessions without a branch.
fn site(state: &AppState) -> Result<(String, String), AppError> {
    let sender = worker::sender(&state.settings)?;
    Ok((
        sender
            .name
            .clone()
            .unwrap_or_else(|| "Social Sundhed".into()),
        sender.email.to_string(),
    ))
}

fn calendar_response(body: String, file_name: &str, attachment: bool) -> HttpResponse {
    let disposition = if attachment { "attachment" } else { "inline" };
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{file_name}\""),
        ))
        // Personal data: no shared caches.
        .insert_header((CACHE_CONTROL, "private, no-store"))
        .body(body)
}

/// The feed and the account page derive the same token from the user's
/// salt; this is the hash the database looks up.
pub fn token_for(state: &AppState, user_id: i64, salt: &str) -> String {
    feed::token(&state.settings.secret_key, user_id, salt)
}

/// Every meeting the token's owner holds a seat for. An unknown token is
/// a plain 404, like any missing page.
pub async fn personal_feed(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let given = path.into_inner();
    if !feed::plausible(&given) {
        return Err(AppError::NotFound);
    }
    let hash = token::digest(&given);
    let base_url = state.settings.base_url().to_string();
    let at = db::now();
    let found = state
        .db
        .run(move |c| {
            let Some(user) = calendar::user_by_feed(c, &hash)? else {
                return Ok(None);
            };
            let sessions = calendar::feed_sessions(c, user.id, at - feed::KEEP_PAST, &base_url)?;
            Ok(Some((user, sessions)))
        })
        .await?;
    let Some((user, sessions)) = found else {
        return Err(AppError::NotFound);
    };
    let lang = Lang::parse(&user.language).unwrap_or_default();
    let mut args = std::collections::HashMap::new();
    args.insert(
        std::borrow::Cow::Borrowed("name"),
        fluent_templates::fluent_bundle::FluentValue::from(user.name.clone()),
    );
    let name = i18n::t_args(lang, "calendar-feed-name", &args);
    let (site_name, site_email) = site(&state)?;
    let body = feed::render(
        &name,
        &sessions,
        Person {
            name: &user.name,
            email: &user.email,
        },
        user.id,
        Person {
            name: &site_name,
            email: &site_email,
        },
        at,
    );
    Ok(calendar_response(body, "brobyg.ics", false))
}

/// A new feed address; the old one stops working at once.
pub async fn renew(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let user_id = user.user.id;
    let salt = token::generate();
    let hash = token::digest(&token_for(&page.state, user_id, &salt));
    page.db()
        .run(move |c| Ok(calendar::renew_feed(c, user_id, &salt, &hash)?))
        .await?;
    page.flash("success", "flash-calendar-renewed");
    Ok(redirect("/konto#kalender"))
}

/// A session's meetings as a file to open in a calendar. Public sessions
/// for anyone; the others for their participants and coordinators.
pub async fn session_download(
    MaybeUser(account): MaybeUser,
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let base_url = state.settings.base_url().to_string();
    let viewer = account.as_ref().map(|a| a.user.id);
    let (session, summary, status) = state
        .db
        .run(move |c| {
            let session = sessions::find(c, id)?;
            let summary = sessions::summary(c, id, &base_url)?;
            let status = match viewer {
                Some(u) => calendar::enrolment_status(c, id, u)?,
                None => None,
            };
            Ok((session, summary, status))
        })
        .await?;
    if !download_is_public(session.kind()) {
        let Some(a) = &account else {
            return Err(AppError::LoginRequired {
                next: download_path(id),
            });
        };
        let staff = match session.branch_id {
            Some(b) => a.coordinates(b),
            None => a.is_admin(),
        };
        let participant = matches!(
            status,
            Some(EnrolmentStatus::Confirmed | EnrolmentStatus::Waitlisted)
        );
        if !(staff || participant) {
            return Err(AppError::Forbidden);
        }
    }
    let (site_name, site_email) = site(&state)?;
    // With a seat, the entries are the person's own (the UIDs of their
    // invitations), so the download and the invitation do not double up.
    let owner = match (&account, status) {
        (Some(a), Some(EnrolmentStatus::Confirmed)) => Some((
            Person {
                name: &a.user.name,
                email: &a.user.email,
            },
            a.user.id,
        )),
        _ => None,
    };
    let body = ics::publish(
        &summary.title,
        std::slice::from_ref(&summary),
        owner,
        Person {
            name: &site_name,
            email: &site_email,
        },
        db::now(),
    );
    Ok(calendar_response(body, &format!("brobyg-{id}.ics"), true))
}
