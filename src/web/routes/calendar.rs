//! Calendar files: the personal feed (`/kalender/{token}.ics`, for calendar
//! clients, so no cookies), renewing its address, and the "add to
//! calendar" download of a session (`/kalender/hold/{id}.ics`).

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::app::calendar::{self, SessionCalendar};
use crate::calendar::feed;
use crate::calendar::ics::{self, Person};
use crate::db;
use crate::error::AppError;
use crate::i18n;
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

/// Every meeting the token's owner holds a seat for. An unknown token is
/// a plain 404, like any missing page.
pub async fn personal_feed(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let at = db::now();
    let Some((user, sessions)) =
        calendar::feed(&state.app, &path.into_inner(), at - feed::KEEP_PAST).await?
    else {
        return Err(AppError::NotFound);
    };
    let sessions: Vec<_> = sessions
        .into_iter()
        .map(|s| s.with_absolute_links(&state.links))
        .collect();
    let lang = user.language;
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
    calendar::renew_feed(&page.state.app, user.user.id).await?;
    page.success("flash-calendar-renewed");
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
    let (summary, own_seat) =
        match calendar::session_calendar(&state.app, account.as_deref(), id).await? {
            SessionCalendar::File { summary, own_seat } => (*summary, own_seat),
            SessionCalendar::SignInFirst => {
                return Err(AppError::LoginRequired {
                    next: download_path(id),
                });
            }
        };
    let summary = summary.with_absolute_links(&state.links);
    let (site_name, site_email) = site(&state)?;
    // With a seat, the entries are the person's own (the UIDs of their
    // invitations), so the download and the invitation do not double up.
    let owner = match &account {
        Some(a) if own_seat => Some((
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
